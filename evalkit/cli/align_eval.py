"""`evalkit align-eval`: score evalkit's aligner and NLTK's Gale-Church against gold alignments."""

from __future__ import annotations

import argparse

from ..errors import InputError

HELP = "score the sentence aligner (and NLTK's Gale-Church) against gold alignments"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    textberg = sub.add_parser("textberg", help="Text+Berg de-fr benchmark (one sentence per line)")
    textberg.add_argument("path", nargs="?", default="tests/data/textberg-de-fr")
    corpus = sub.add_parser("corpus", help="a corpus's gold/alignment (source-mt, source-reference)")
    corpus.add_argument("path", nargs="?", default="corpora/spinner-news-en-fr")


def run(args: argparse.Namespace) -> int:
    from ..alignment.evaluate import evaluate_corpus_gold, evaluate_segmentation, evaluate_textberg, format_table

    textberg = args.benchmark == "textberg"
    try:
        results = evaluate_textberg(args.path) if textberg else evaluate_corpus_gold(args.path)
    except (FileNotFoundError, ValueError) as exc:
        raise InputError(args.path, str(exc)) from None
    print(format_table(results))
    if not textberg:
        seg = evaluate_segmentation(args.path)
        print("\nsegmenter vs gold sentences (exact spans): " + "; ".join(
            f"{side} P {v['precision']:.3f} R {v['recall']:.3f} ({v['gold']} gold)" for side, v in seg.items()))
    return 0
