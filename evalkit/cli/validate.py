"""`evalkit validate`: check every invariant of a corpus folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import one_line
from . import options as opt

HELP = "check every invariant of a corpus folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: the bundled corpus)")


def run(args: argparse.Namespace) -> int:
    from ..corpus import default_corpus, load_corpus, validate_corpus

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    found = validate_corpus(corpus_path)
    for problem in found:
        line = f":{problem.line}" if problem.line else ""
        warning = "warning: " if problem.warning else ""
        print(one_line(f"{opt.display(problem.path)}{line}: {warning}{problem.message}"), file=sys.stderr)
    problems = [p for p in found if not p.warning]
    if problems:
        print(f"evalkit: {opt.display(corpus_path)}: {len(problems)} problem(s)", file=sys.stderr)
        return 2
    if not args.quiet:
        corpus = load_corpus(corpus_path)
        print(f"{opt.display(corpus_path)}: ok ({len(corpus)} documents, {len(corpus.systems)} system(s), "
              f"{corpus.source_lang}->{corpus.target_lang}; files, ids, checksums, gold and derived "
              "files checked)")
    return 0
