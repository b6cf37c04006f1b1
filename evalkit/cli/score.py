"""`evalkit score`: score line-aligned files (sacreBLEU-style: one segment per line, as given)."""

from __future__ import annotations

import argparse
import logging
import sys

from . import options as opt

HELP = "score line-aligned files (sacreBLEU-style: one segment per line, as given)"
log = logging.getLogger("evalkit")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    opt.add_lines_arguments(parser, required=True)
    parser.add_argument("--metrics", type=opt.split_list, default=None,
                        help="comma-separated metrics (default: bleu,chrf,chrf++,ter; COMET unless --no-comet)")
    parser.add_argument("--format", choices=["text", "json", "tsv"], default="text", help="default text")
    parser.add_argument("-o", "--out", metavar="DIR", help="also write the per-document and run reports to DIR")
    opt.add_comet_arguments(parser)
    opt.add_flag_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..pipeline import evaluate_corpus
    from ..report.scores import RENDERERS

    opt.check_no_comet(args, args.metrics, "--metrics")
    corpus = opt.lines_corpus_from_args(args)
    options = opt.run_options(args, metrics=tuple(args.metrics), unit="aligned", progress=False)
    result = evaluate_corpus(corpus, options, reports_to=args.out)
    if args.out:
        from ..report import output_root, write_run_reports

        write_run_reports(result, output_root(result, args.out))
    for note in result.notes:
        log.warning(note)
    if not args.quiet:
        sys.stdout.write(RENDERERS[args.format](result, documents=args.doc_ids is not None))
    return 0
