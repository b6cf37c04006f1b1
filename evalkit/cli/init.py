"""`evalkit init`: write a corpus folder (segmentation: lines) from line-aligned files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from . import options as opt

HELP = "write a corpus folder (segmentation: lines) from line-aligned files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="the new corpus folder")
    parser.add_argument("--src", required=True, metavar="FILE", help="source lines")
    parser.add_argument("--ref", metavar="FILE", help="reference lines")
    parser.add_argument("--system", dest="systems", action="append", type=opt.name_path, default=[],
                        required=True, metavar="NAME=FILE", help="one system's lines (repeatable)")
    parser.add_argument("--doc-ids", metavar="FILE", help="one document id per line (WMT style)")
    opt.add_language_arguments(parser)
    parser.add_argument("--name", help="corpus name (default: the folder's name)")


def run(args: argparse.Namespace) -> int:
    from ..lines import lines_corpus, system_names, write_corpus_folder

    for option, value in (("--src-lang", args.src_lang), ("--tgt-lang", args.tgt_lang)):
        if not value:
            raise UsageError(f"{option} is required")
    specs = [f"{name}={path}" for name, path in args.systems]
    corpus = lines_corpus(args.src, system_names(specs), args.ref, doc_ids=args.doc_ids,
                          src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                          name=args.name or Path(args.dir).name, stdin=sys.stdin.buffer)
    written = write_corpus_folder(corpus, args.dir)
    if not args.quiet:
        where = opt.display(Path(args.dir))
        print(f"{where}: corpus {corpus.name!r} written ({len(corpus)} documents, "
              f"{len(corpus.systems)} system(s), segmentation: lines; {len(written)} files). "
              f"Next: evalkit validate {where}; evalkit run {where}")
    return 0
