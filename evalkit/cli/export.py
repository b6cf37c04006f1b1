"""`evalkit export`: a corpus (and its results) as a Hugging Face dataset."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from . import options as opt

HELP = "export a corpus (and its results) as a Hugging Face dataset"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ..hf import FORMATS

    parser.add_argument("corpus", nargs="?", help="corpus folder (default: the bundled corpus)")
    parser.add_argument("-o", "--out", required=True,
                        help="output folder (replaced only if it holds exactly an earlier export's files, "
                             "unchanged)")
    parser.add_argument("--format", choices=FORMATS, default="disk",
                        help="disk: datasets.save_to_disk folders (default); parquet or jsonl files")
    parser.add_argument("--with-results", action="store_true",
                        help="evaluate first and add document scores, flags and a segments table")
    parser.add_argument("--systems", type=opt.split_list, default=None,
                        help="comma-separated systems (default: all)")
    run = parser.add_argument_group("evaluation (with --with-results)")
    run.add_argument("--metrics", type=opt.split_list, default=None,
                     help="comma-separated metrics (default: bleu,chrf,chrf++,ter)")
    opt.add_unit_argument(run, "segment", "segment (default) or document")
    opt.add_comet_arguments(parser)     # as run takes them: --metric-option reaches any model metric
    opt.add_flag_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..hf import export_dataset

    corpus = opt.folder_corpus(args, systems=list(args.systems) if args.systems else None)
    result = None
    if args.with_results:
        from ..pipeline import evaluate_corpus
        from ..units import run_unit

        result = evaluate_corpus(corpus, opt.run_options(args, metrics=tuple(args.metrics),
                                                         unit=run_unit(args.unit)))
        for note in result.notes:
            logging.getLogger("evalkit").warning(note)
    export_dataset(corpus, args.out, result=result, format=args.format)
    if not args.quiet:
        tables = "documents and segments" if result is not None else "documents"
        print(f"exported {corpus.name} ({tables}, {args.format}) to {opt.display(Path(args.out))}")
    return 0
