"""`evalkit flag`: run the error detectors on one text file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import options as opt

HELP = "run the error detectors on one text file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the MT text (UTF-8); - reads standard input")
    parser.add_argument("--src-lang", "--source-lang", dest="src_lang", required=True,
                        help="source language code, e.g. en")
    parser.add_argument("--tgt-lang", "--target-lang", dest="tgt_lang", required=True,
                        help="language of FILE, e.g. fr")
    parser.add_argument("--source", help="the source text, if any (enables alignment-based detectors)")
    parser.add_argument("--reference", help="a reference translation, if any")
    parser.add_argument("--detectors", type=opt.split_list, default=None, help="comma-separated detectors")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--severity-weights", type=opt.weights, default=None, metavar="W")
    opt.add_span_arguments(parser)
    parser.add_argument("--gpus", type=int, choices=[0, 1], default=None,
                        help="span model: 0: CPU, 1: one GPU (default: a GPU if one is visible)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the score cache")


def _flags(doc, args: argparse.Namespace) -> tuple[list, list[str]]:
    """The rule flags and the model detectors' spans, merged as --span-view says, and the notes."""
    from ..detectors import make_detectors, run_detectors
    from ..detectors.model import merge_flags, rows_input, split_kinds
    from ..model_flags import SpanBatcher, check_span_options, model_detectors
    from ..options import RunOptions

    options = RunOptions(detectors=args.detectors, span_model=args.span_model, span_view=args.span_view,
                         span_batch_size=args.span_batch_size, gpus=args.gpus,
                         cache=not args.no_cache)
    rules, models = split_kinds(args.detectors)
    check_span_options(models, options)
    spans = SpanBatcher(model_detectors(models, options), args.span_view, {})
    spans.check()
    flags = run_detectors(doc, make_detectors(rules))
    model_flags = spans.spans([rows_input(doc)])[0] if spans.detectors else []
    if spans.detectors:
        flags = merge_flags(flags, model_flags, args.span_view)
    return flags, spans.notes()


def run(args: argparse.Namespace) -> int:
    from ..corpus import check_language
    from ..detectors.base import prepare_input
    from ..flags import mqm_penalty
    from ..textio import read_stdin, read_text

    src_lang = check_language(args.src_lang, "--src-lang")
    tgt_lang = check_language(args.tgt_lang, "--tgt-lang")
    hypothesis = read_stdin() if args.file == "-" else read_text(args.file)
    doc = prepare_input(hypothesis, src_lang, tgt_lang,
                        source=read_text(args.source) if args.source else None,
                        reference=read_text(args.reference) if args.reference else None,
                        doc_id="stdin" if args.file == "-" else Path(args.file).stem)
    flags, notes = _flags(doc, args)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    summary = mqm_penalty(flags, len(hypothesis.split()), args.severity_weights or opt.weights(""))
    if args.format == "json":
        print(json.dumps({"file": str(args.file), "flags": [f.to_dict() for f in flags],
                          "mqm": summary.to_dict()}, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False))
        return 0
    for f in flags:
        line = hypothesis.count("\n", 0, f.start) + 1
        column = f.start - (hypothesis.rfind("\n", 0, f.start) + 1) + 1
        suggestion = f" -> {f.suggestion!r}" if f.suggestion is not None else ""
        print(f"{args.file}:{line}:{column}: {f.severity} {f.category}: {f.text!r}{suggestion} [{f.detector}]")
    if not args.quiet:
        print(f"{len(flags)} flag(s); MQM-style penalty {summary.penalty:g} "
              f"({summary.penalty_per_100_words:.2f} per 100 words)")
    return 0
