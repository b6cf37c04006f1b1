"""`evalkit datasheet`: print or regenerate a corpus's derived files and tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import options as opt

HELP = "print or regenerate a corpus's derived files and tables"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: the bundled corpus)")
    parser.add_argument("--write", action="store_true",
                        help="rewrite data/documents.jsonl and the README's generated blocks")


def run(args: argparse.Namespace) -> int:
    from ..corpus import default_corpus, load_corpus
    from ..datasheet import render_blocks, write_derived

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    if args.write:
        for path in write_derived(load_corpus(corpus_path)):
            print(f"wrote {opt.display(path)}")
        return 0
    for name, block in render_blocks(load_corpus(corpus_path)).items():
        print(f"## {name}\n\n{block}")
    return 0
