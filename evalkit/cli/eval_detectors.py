"""`evalkit eval-detectors`: precision, recall and F1 of the detectors against a corpus's gold."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import options as opt

HELP = "precision/recall/F1 of the detectors against gold"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", help="corpus folder with gold (default: the bundled corpus)")
    parser.add_argument("--system", default="web-spinner-mt", help="system with gold annotations")
    parser.add_argument("--detectors", type=opt.split_list, default=None)
    parser.add_argument("--no-source", action="store_true",
                        help="detectors see the MT text only (documents marked `source: hidden` always do)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    model = parser.add_argument_group("model detectors (xcomet)")
    opt.add_span_arguments(model)
    model.add_argument("--gpus", type=int, choices=[0, 1], default=None,
                       help="0: CPU, 1: one GPU (default: a GPU if one is visible)")
    model.add_argument("--no-cache", action="store_true", help="do not read or write the score cache")


def run(args: argparse.Namespace) -> int:
    from ..corpus import default_corpus
    from ..detectors.evaluate import format_negatives, format_scorecard, score_corpus
    from ..detectors.model import split_kinds
    from ..model_flags import check_span_options
    from ..options import RunOptions

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    options = RunOptions(span_model=args.span_model, span_view=args.span_view, span_batch_size=args.span_batch_size,
                         gpus=args.gpus, cache=not args.no_cache)
    check_span_options(split_kinds(args.detectors)[1], options)
    card = score_corpus(corpus_path, args.system, args.detectors, with_source=not args.no_source,
                        span_options=options)
    for note in card.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps([r.to_dict() for r in card.rows], indent=2, sort_keys=True, allow_nan=False))
    else:
        print(format_scorecard(card.rows))
        if card.negatives:  # gold/negatives: spans that must not be flagged
            print(format_negatives(card))
    return 0
