"""`evalkit eval-detectors`: precision, recall and F1 of the detectors against a corpus's gold."""

from __future__ import annotations

import argparse
import json
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


def run(args: argparse.Namespace) -> int:
    from ..corpus import default_corpus
    from ..detectors.evaluate import format_negatives, format_scorecard, score_corpus

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    card = score_corpus(corpus_path, args.system, args.detectors, with_source=not args.no_source)
    if args.json:
        print(json.dumps([r.to_dict() for r in card.rows], indent=2, sort_keys=True, allow_nan=False))
    else:
        print(format_scorecard(card.rows))
        if card.negatives:  # gold/negatives: spans that must not be flagged
            print(format_negatives(card))
    return 0
