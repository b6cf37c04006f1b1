"""`evalkit run`: evaluate a corpus and write the reports."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from . import options as opt

HELP = "evaluate a corpus and write reports (default: the bundled corpus)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: corpora/spinner-news-en-fr)")
    parser.add_argument("-o", "--out", default="reports", help="output folder (default: reports)")
    parser.add_argument("--metrics", type=opt.split_list, default=None,
                        help="comma-separated metrics (default: bleu,chrf,chrf++,ter)")
    parser.add_argument("--systems", type=opt.split_list, default=None,
                        help="comma-separated systems to evaluate (default: all)")
    parser.add_argument("--system", dest="add_systems", action="append", type=opt.name_path, default=[],
                        metavar="NAME=PATH", help="add a system from a folder of <doc>.txt files (repeatable)")
    opt.add_hf_arguments(parser, languages=True)
    opt.add_unit_argument(parser, "segment", "score aligned segments (segment, the default) or whole "
                                             "documents (document); `aligned` is the older name of segment")
    engine = parser.add_argument_group("engine")
    engine.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="in-process (default) or Dask distributed, partitioned by document")
    engine.add_argument("--scheduler", metavar="ADDRESS", help="dask: an existing scheduler, e.g. tcp://host:8786")
    engine.add_argument("--workers", type=opt.positive_int, default=None, metavar="N",
                        help="local: N worker processes (default 1: this process); dask: workers of the "
                             "local cluster when no --scheduler is given (default 2)")
    engine.add_argument("--reports-on-workers", action="store_true",
                        help="dask with --scheduler: the workers write the per-document reports (they must "
                             "see --out, e.g. a shared file system); the default there is this process. "
                             "Local workers and a local cluster always write them")
    opt.add_comet_arguments(parser)
    opt.add_flag_arguments(parser)


class _Progress:
    """A progress bar with rate and ETA on stderr (tqdm), shown once a run has taken 2 s; silent
    with -q and when stderr is not a terminal."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", delay=2, file=sys.stderr, dynamic_ncols=True,
                            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]")

    def step(self, label: str) -> None:
        if self.bar is not None:
            self.bar.set_description_str(label[:40], refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args: argparse.Namespace) -> int:
    from ..pipeline import evaluate_corpus
    from ..report import DOCUMENT_REPORTS, output_root, write_run_reports
    from ..report.summary import format_table
    from ..units import run_unit

    if args.hf_dataset:
        if args.corpus:
            raise UsageError("give either a corpus folder or --hf-dataset, not both")
        corpus = opt.dataset_corpus_from_args(args)
    else:
        corpus = opt.folder_corpus(args)
    for name, path in args.add_systems:
        corpus = corpus.with_system(name, path)
    options = opt.run_options(args, metrics=args.metrics, systems=args.systems, unit=run_unit(args.unit),
                              progress=not args.quiet and sys.stderr.isatty(), engine=args.engine,
                              scheduler=args.scheduler, workers=args.workers,
                              reports_on_workers=True if args.reports_on_workers else None)
    n_systems = len(args.systems) if args.systems else len(corpus.systems)
    progress = _Progress(len(corpus) * n_systems, not args.quiet)
    reported = [0]

    def on_document(shell, document) -> None:
        # its reports are written by now (by the worker that scored it, or by the pipeline)
        reported[0] += 1
        progress.step(f"{document.system} {document.doc_id}")

    try:
        result = evaluate_corpus(corpus, options, on_document=on_document, reports_to=args.out)
    finally:
        progress.close()
    root = output_root(result, args.out)
    written = len(DOCUMENT_REPORTS) * reported[0] + len(write_run_reports(result, root))
    if not args.quiet:  # the table ends with the run's notes ("COMET not computed: ..."), once
        print(format_table(result))
        print(f"\n{written} report files written to {opt.display(root)} "
              f"(open {opt.display(root / 'index.html')})")
    return 0
