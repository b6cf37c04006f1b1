"""The `evalkit` command line: parse arguments, call the library, map errors to exit codes.

Exit status: 0 success, 1 a gate found a regression (later), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence

from .errors import EvalkitError, UsageError

BUNDLED_CORPUS = Path("corpora") / "spinner-news-en-fr"
log = logging.getLogger("evalkit")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def default_corpus() -> Path:
    """The bundled corpus: ./corpora/... or, in a source checkout, next to the package."""
    candidates = [Path.cwd() / BUNDLED_CORPUS, Path(__file__).resolve().parent.parent / BUNDLED_CORPUS]
    for candidate in candidates:
        if (candidate / "corpus.yaml").exists():
            return candidate
    raise UsageError(f"no corpus given and the bundled corpus {BUNDLED_CORPUS} was not found; "
                     "pass a corpus folder")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _split_list(value: str) -> tuple[str, ...]:
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def _weights(value: str) -> dict[str, float]:
    from .flags import SEVERITY_WEIGHTS

    weights = dict(SEVERITY_WEIGHTS)
    for item in filter(None, value.split(",")):
        name, _, number = item.partition("=")
        if name.strip() not in weights:
            raise argparse.ArgumentTypeError(f"unknown severity {name.strip()!r} (minor, major, critical)")
        try:
            weights[name.strip()] = float(number)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad weight {item!r}: expected severity=number") from None
    return weights


def _name_path(value: str) -> tuple[str, str]:
    name, sep, path = value.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {value!r}")
    return name, path


def add_comet_arguments(parser: argparse.ArgumentParser) -> None:
    """COMET and cache options, shared by run, compare, gate and export."""
    comet = parser.add_argument_group("COMET")
    comet.add_argument("--no-comet", dest="comet", action="store_false",
                       help="do not compute COMET (no torch import)")
    comet.add_argument("--comet-model", default="Unbabel/wmt22-comet-da",
                       help="hub name or local checkpoint path (default: Unbabel/wmt22-comet-da)")
    comet.add_argument("--comet-batch-size", type=_positive_int, default=16, help="default 16")
    comet.add_argument("--gpus", type=int, choices=[0, 1], default=None,
                       help="0: CPU, 1: one GPU (default: a GPU if one is visible)")
    comet.add_argument("--cpu", action="store_true", help="same as --gpus 0")
    comet.add_argument("--no-cache", action="store_true", help="do not read or write the score cache")
    comet.add_argument("--cache", metavar="FILE", help="score cache file (default: in the user cache dir)")


def add_flag_arguments(parser: argparse.ArgumentParser) -> None:
    """Detector options, shared by run, compare, gate and export."""
    flags = parser.add_argument_group("flags")
    flags.add_argument("--no-flags", action="store_true", help="do not run the error detectors")
    flags.add_argument("--detectors", type=_split_list, default=None,
                       help="comma-separated detectors (default: all)")
    flags.add_argument("--severity-weights", type=_weights, default=None, metavar="W",
                       help="MQM weights, e.g. minor=1,major=5,critical=25 (the default)")


def run_options(args: argparse.Namespace, **fields):
    """RunOptions from the shared COMET and flag options; `fields` set or override the rest."""
    from .pipeline import RunOptions

    shared = dict(comet=args.comet, comet_model=args.comet_model, comet_batch_size=args.comet_batch_size,
                  gpus=0 if args.cpu else args.gpus, cache=False if args.no_cache else (args.cache or True),
                  flags=not args.no_flags, detectors=args.detectors,
                  severity_weights=args.severity_weights or _weights(""))
    return RunOptions(**{**shared, **fields})


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


class _Progress:
    """A one-line progress counter on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done = total, 0
        self.enabled = enabled and sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            print(f"\r[{self.done}/{self.total}] {label[:60]:60}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.done:
            print(file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .pipeline import evaluate_corpus
    from .report import DOCUMENT_REPORTS, output_root, write_run_reports
    from .report.summary import format_table

    if args.hf_dataset:
        if args.corpus:
            raise UsageError("give either a corpus folder or --hf-dataset, not both")
        from .hf import corpus_from_dataset

        corpus = corpus_from_dataset(args.hf_dataset, config=args.hf_config, split=args.split,
                                     fields=args.hf_fields, source_lang=args.source_lang,
                                     target_lang=args.target_lang)
    else:
        corpus = load_corpus(Path(args.corpus) if args.corpus else default_corpus())
    for name, path in args.add_systems:
        corpus = corpus.with_system(name, path)
    options = run_options(args, metrics=args.metrics, systems=args.systems, unit=args.unit,
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
    for note in result.notes:
        log.warning(note)
    if not args.quiet:
        print(format_table(result))
        print(f"\n{written} report files written to {_display(root)} (open {_display(root / 'index.html')})")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .corpus import validate_corpus

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    problems = validate_corpus(corpus_path)
    for problem in problems:
        line = f":{problem.line}" if problem.line else ""
        print(f"{_display(problem.path)}{line}: {problem.message}", file=sys.stderr)
    if problems:
        print(f"evalkit: {_display(corpus_path)}: {len(problems)} problem(s)", file=sys.stderr)
        return 2
    if not args.quiet:
        from .corpus import load_corpus

        corpus = load_corpus(corpus_path)
        print(f"{_display(corpus_path)}: ok ({len(corpus)} documents, {len(corpus.systems)} system(s), "
              f"{corpus.source_lang}->{corpus.target_lang}; files, ids, checksums, gold and derived "
              "files checked)")
    return 0


def cmd_datasheet(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .datasheet import render_blocks, write_derived

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    if args.write:
        for path in write_derived(corpus_path):
            print(f"wrote {_display(path)}")
        return 0
    for name, block in render_blocks(load_corpus(corpus_path)).items():
        print(f"## {name}\n\n{block}")
    return 0


def cmd_flag(args: argparse.Namespace) -> int:
    import json

    from .corpus import check_language
    from .detectors import make_detectors, run_detectors
    from .detectors.base import prepare_input
    from .flags import mqm_penalty
    from .textio import read_text

    src_lang = check_language(args.src_lang, "--src-lang")
    tgt_lang = check_language(args.tgt_lang, "--tgt-lang")
    hypothesis = read_text(args.file)
    doc = prepare_input(hypothesis, src_lang, tgt_lang,
                        source=read_text(args.source) if args.source else None,
                        reference=read_text(args.reference) if args.reference else None,
                        doc_id=Path(args.file).stem)
    flags = run_detectors(doc, make_detectors(args.detectors))
    summary = mqm_penalty(flags, len(hypothesis.split()), args.severity_weights or _weights(""))
    if args.format == "json":
        print(json.dumps({"file": str(args.file), "flags": [f.to_dict() for f in flags],
                          "mqm": summary.to_dict()}, ensure_ascii=False, sort_keys=True, indent=2))
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


def cmd_eval_detectors(args: argparse.Namespace) -> int:
    import json

    from .detectors.evaluate import format_negatives, format_scorecard, score_corpus

    corpus_path = Path(args.corpus) if args.corpus else default_corpus()
    card = score_corpus(corpus_path, args.system, args.detectors, with_source=not args.no_source)
    if args.json:
        print(json.dumps([r.to_dict() for r in card.rows], indent=2, sort_keys=True))
    else:
        print(format_scorecard(card.rows))
        if card.negatives:  # gold/negatives: spans that must not be flagged
            print(format_negatives(card))
    return 0


def _delegate(module: str):
    """A subcommand implemented in its own module (`run(args) -> int`)."""
    def handler(args: argparse.Namespace) -> int:
        import importlib

        return importlib.import_module(module).run(args)
    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="evalkit", description="Translation-quality evaluation harness.")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv: debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = sub.add_parser("run", help="evaluate a corpus and write reports (default: the bundled corpus)")
    run.add_argument("corpus", nargs="?", help="corpus folder (default: corpora/spinner-news-en-fr)")
    run.add_argument("-o", "--out", default="reports", help="output folder (default: reports)")
    run.add_argument("--metrics", type=_split_list, default=None,
                     help="comma-separated metrics (default: bleu,chrf,chrf++,ter)")
    run.add_argument("--systems", type=_split_list, default=None,
                     help="comma-separated systems to evaluate (default: all)")
    run.add_argument("--system", dest="add_systems", action="append", type=_name_path, default=[],
                     metavar="NAME=PATH", help="add a system from a folder of <doc>.txt files (repeatable)")
    hf = run.add_argument_group("Hugging Face datasets (instead of a corpus folder)")
    hf.add_argument("--hf-dataset", metavar="NAME", help="hub name, local dataset folder or parquet/jsonl file")
    hf.add_argument("--hf-config", metavar="C", help="dataset configuration")
    hf.add_argument("--split", default="test", help="split (default: test)")
    hf.add_argument("--hf-fields", type=_split_list, default=None, metavar="F",
                    help="field names doc_id,source,hypothesis,reference,system (default: those names)")
    hf.add_argument("--source-lang", metavar="LANG", help="source language of the dataset")
    hf.add_argument("--target-lang", metavar="LANG", help="target language of the dataset")
    run.add_argument("--unit", choices=["aligned", "document"], default="aligned",
                     help="score aligned segments (default) or whole documents")
    engine = run.add_argument_group("engine")
    engine.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="in-process (default) or Dask distributed, partitioned by document")
    engine.add_argument("--scheduler", metavar="ADDRESS", help="dask: an existing scheduler, e.g. tcp://host:8786")
    engine.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                        help="local: N worker processes (default 1: this process); dask: workers of the "
                             "local cluster when no --scheduler is given (default 2)")
    engine.add_argument("--reports-on-workers", action="store_true",
                        help="dask with --scheduler: the workers write the per-document reports (they must "
                             "see --out, e.g. a shared file system); the default there is this process. "
                             "Local workers and a local cluster always write them")
    add_comet_arguments(run)
    add_flag_arguments(run)
    run.set_defaults(func=cmd_run)

    validate = sub.add_parser("validate", help="check every invariant of a corpus folder")
    validate.add_argument("corpus", nargs="?", help="corpus folder (default: the bundled corpus)")
    validate.set_defaults(func=cmd_validate)

    datasheet = sub.add_parser("datasheet", help="print or regenerate a corpus's derived files and tables")
    datasheet.add_argument("corpus", nargs="?", help="corpus folder (default: the bundled corpus)")
    datasheet.add_argument("--write", action="store_true",
                           help="rewrite data/documents.jsonl and the README's generated blocks")
    datasheet.set_defaults(func=cmd_datasheet)

    flag = sub.add_parser("flag", help="run the error detectors on one text file")
    flag.add_argument("file", help="the MT text (UTF-8)")
    flag.add_argument("--src-lang", required=True, help="source language code, e.g. en")
    flag.add_argument("--tgt-lang", required=True, help="language of FILE, e.g. fr")
    flag.add_argument("--source", help="the source text, if any (enables alignment-based detectors)")
    flag.add_argument("--reference", help="a reference translation, if any")
    flag.add_argument("--detectors", type=_split_list, default=None, help="comma-separated detectors")
    flag.add_argument("--format", choices=["text", "json"], default="text")
    flag.add_argument("--severity-weights", type=_weights, default=None, metavar="W")
    flag.set_defaults(func=cmd_flag)

    scorecard = sub.add_parser("eval-detectors", help="precision/recall/F1 of the detectors against gold")
    scorecard.add_argument("corpus", nargs="?", help="corpus folder with gold (default: the bundled corpus)")
    scorecard.add_argument("--system", default="web-spinner-mt", help="system with gold annotations")
    scorecard.add_argument("--detectors", type=_split_list, default=None)
    scorecard.add_argument("--no-source", action="store_true",
                           help="detectors see the MT text only (documents marked `source: hidden` always do)")
    scorecard.add_argument("--json", action="store_true", help="print JSON instead of a table")
    scorecard.set_defaults(func=cmd_eval_detectors)

    for name, module, text in (
        ("compare", "evalkit.compare", "compare systems: confidence intervals and paired significance tests"),
        ("gate", "evalkit.gate", "CI regression gate: exit 1 when the candidate is significantly worse"),
        ("export", "evalkit.hf", "export a corpus (and its results) as a Hugging Face dataset"),
    ):
        try:
            adder = __import__(module, fromlist=["add_arguments"]).add_arguments
        except (ImportError, AttributeError):
            continue
        command = sub.add_parser(name, help=text)
        adder(command)
        command.set_defaults(func=_delegate(module))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "metrics", "unset") is None:
        from .metrics import DEFAULT_METRICS

        args.metrics = DEFAULT_METRICS
    level = logging.WARNING - 10 * args.verbose if not args.quiet else logging.ERROR
    logging.basicConfig(level=max(level, logging.DEBUG), format="evalkit: %(message)s")
    try:
        return args.func(args)
    except EvalkitError as exc:
        print(f"evalkit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("evalkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
