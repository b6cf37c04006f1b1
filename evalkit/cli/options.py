"""Options and argument types shared by several subcommands, and the corpus they name.

Only this package imports argparse; the library gets plain values (RunOptions, a Corpus).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..compare import default_seed
from ..errors import UsageError, one_line
from ..stats import DEFAULT_RESAMPLES, DEFAULT_SEED


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {one_line(message)} (see --help)\n")


def display(path: Path) -> str:
    """`path` relative to the working directory when below it, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# -- argument types ---------------------------------------------------------------------------

def split_list(value: str) -> tuple[str, ...]:
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def name_path(value: str) -> tuple[str, str]:
    name, sep, path = value.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {value!r}")
    return name, path


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


def weights(value: str) -> dict[str, float]:
    from ..flags import SEVERITY_WEIGHTS, weight_problem

    result = dict(SEVERITY_WEIGHTS)
    for item in filter(None, value.split(",")):
        name, _, number = item.partition("=")
        if name.strip() not in result:
            raise argparse.ArgumentTypeError(f"unknown severity {name.strip()!r} "
                                             "(minor, major, critical, non-translation)")
        try:
            result[name.strip()] = float(number)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad weight {item!r}: expected severity=number") from None
        problem = weight_problem(name.strip(), result[name.strip()])
        if problem:
            raise argparse.ArgumentTypeError(problem)
    return result


def unit(value: str) -> str:
    """`segment` or `document`; the older `aligned`, `segments` and `documents` are accepted."""
    from ..units import normalize_unit

    try:
        return normalize_unit(value)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def bounded(key: str):
    """An argument type for resamples / ar_trials / seed within stats.SETTING_LIMITS."""
    from ..stats import setting_problem

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        problem = setting_problem(key, value)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return value
    return parse


def add_unit_argument(parser, default: str | None, help: str) -> None:
    parser.add_argument("--unit", type=unit, default=default, metavar="{segment,document}", help=help)


def add_language_arguments(group, what: str = "") -> None:
    """--src-lang/--tgt-lang (the older --source-lang/--target-lang still work)."""
    group.add_argument("--src-lang", "--source-lang", dest="src_lang", metavar="LANG",
                       help=f"source language{what}, e.g. en")
    group.add_argument("--tgt-lang", "--target-lang", dest="tgt_lang", metavar="LANG",
                       help=f"target language{what}, e.g. de")


# -- option groups ----------------------------------------------------------------------------

def add_comet_arguments(parser: argparse.ArgumentParser) -> None:
    """COMET and cache options, shared by run, score, compare, gate and export."""
    comet = parser.add_argument_group("COMET")
    comet.add_argument("--no-comet", dest="comet", action="store_false",
                       help="do not compute COMET (no torch import)")
    from ..metrics.base import DEFAULT_BATCH_SIZE
    from ..metrics.comet import DEFAULT_MODEL

    comet.add_argument("--comet-model", default=None,
                       help=f"hub name or local checkpoint path (default: {DEFAULT_MODEL})")
    comet.add_argument("--comet-batch-size", type=positive_int, default=None,
                       help=f"default {DEFAULT_BATCH_SIZE}")
    comet.add_argument("--metric-option", dest="metric_options", action="append", type=metric_option,
                       default=[], metavar="METRIC.OPTION=VALUE",
                       help="an option of a model metric, e.g. comet.model=PATH or comet.batch_size=32 "
                            "(repeatable; wins over --comet-model/--comet-batch-size)")
    comet.add_argument("--gpus", type=int, choices=[0, 1], default=None,
                       help="0: CPU, 1: one GPU (default: a GPU if one is visible)")
    comet.add_argument("--cpu", action="store_true", help="same as --gpus 0")
    comet.add_argument("--no-cache", action="store_true", help="do not read or write the score cache")
    comet.add_argument("--cache", metavar="FILE", help="score cache file (default: in the user cache dir)")


def check_no_comet(args: argparse.Namespace, names: Sequence[str], option: str) -> None:
    """`--no-comet` leaves out the model metrics a run adds by default (metrics.DEFAULT_MODEL_METRICS):
    `option` naming one of them as well is a contradiction."""
    from ..metrics import DEFAULT_MODEL_METRICS

    for name in names:
        if name in DEFAULT_MODEL_METRICS and not args.comet:
            raise UsageError(f"{option} names {name} but --no-comet was given")


def add_flag_arguments(parser: argparse.ArgumentParser) -> None:
    """Detector options, shared by run, score, compare, gate and export."""
    flags = parser.add_argument_group("flags")
    flags.add_argument("--no-flags", action="store_true", help="do not run the error detectors")
    flags.add_argument("--detectors", type=split_list, default=None,
                       help="comma-separated detectors (default: all)")
    flags.add_argument("--severity-weights", type=weights, default=None, metavar="W",
                       help="MQM weights, e.g. minor=1,major=5,critical=25,non-translation=25 (the "
                            "default; non-translation: a segment left in the source language)")
    add_span_arguments(flags)


def add_span_arguments(group, *, view: bool = True) -> None:
    """The span model of model detectors (xcomet), shared by run, flag and eval-detectors."""
    from ..detectors.xcomet import DEFAULT_SPAN_MODEL
    from ..options import SPAN_VIEWS

    group.add_argument("--span-model", metavar="NAME_OR_PATH", default=None,
                       help="model of a model detector named in --detectors (xcomet): hub name or local "
                            f"checkpoint (default: {DEFAULT_SPAN_MODEL})")
    group.add_argument("--span-batch-size", type=positive_int, default=None, metavar="N",
                       help="rows per forward pass of the span model (default 16)")
    if view:
        group.add_argument("--span-view", choices=SPAN_VIEWS, default="merged",
                           help="merged (default): a model span and a rule flag that overlap are one error "
                                "with both detectors as evidence; neural: the model's spans alone")


def metric_option(text: str) -> tuple[str, str, object]:
    """--metric-option METRIC.OPTION=VALUE; argparse reports a malformed one in one line."""
    from ..options import parse_metric_option

    try:
        return parse_metric_option(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_options(args: argparse.Namespace, **fields):
    """RunOptions from the shared COMET and flag options; `fields` set or override the rest."""
    from ..options import merge_metric_options
    from ..pipeline import RunOptions

    shared = {"comet": args.comet, "comet_model": args.comet_model, "comet_batch_size": args.comet_batch_size,
              "model_options": merge_metric_options(getattr(args, "metric_options", [])),
              "gpus": 0 if args.cpu else args.gpus, "cache": False if args.no_cache else (args.cache or True),
              "flags": not args.no_flags, "detectors": args.detectors, "span_model": args.span_model,
              "span_batch_size": args.span_batch_size, "span_view": args.span_view,
              "severity_weights": args.severity_weights or weights("")}
    return RunOptions(**{**shared, **fields})


def add_segmentation_argument(group) -> None:
    group.add_argument("--segmentation", choices=["auto", "sentences", "lines"], default="auto",
                       help="lines: each row is one segment, scored as given (sacreBLEU's setting); "
                            "sentences: rows joined per document, re-segmented and re-aligned; "
                            "auto (default): lines unless a row's text holds a line break")


def add_hf_arguments(parser: argparse.ArgumentParser, *, languages: bool) -> None:
    """--hf-dataset and its options (instead of a corpus folder)."""
    hf = parser.add_argument_group("Hugging Face datasets (instead of a corpus folder)")
    hf.add_argument("--hf-dataset", metavar="NAME", help="hub name, local dataset folder or parquet/jsonl file; "
                                                         "languages from --src-lang/--tgt-lang or its columns")
    hf.add_argument("--hf-config", metavar="C", help="dataset configuration")
    hf.add_argument("--split", default="test", help="split (default: test)")
    hf.add_argument("--hf-fields", type=split_list, default=None, metavar="F",
                    help="field names doc_id,source,hypothesis,reference,system (default: those names)")
    if languages:
        add_language_arguments(hf, " of the dataset")
    add_segmentation_argument(hf)


def add_lines_arguments(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Line-aligned test set options (sacreBLEU-style files), shared by score, compare and gate."""
    lines = parser.add_argument_group("line-aligned files (one segment per line, scored as given)")
    lines.add_argument("-s", "--src", required=required, metavar="FILE", help="source lines ('-': standard input)")
    lines.add_argument("-r", "--ref", metavar="FILE", help="reference lines")
    lines.add_argument("-t", "--hyp", action="append", default=[], metavar="[NAME=]FILE",
                       help="one system's lines (repeatable); NAME defaults to the file name")
    lines.add_argument("--doc-ids", metavar="FILE", help="one document id per line (WMT style): document-level "
                                                         "scores and per-document reports")
    add_language_arguments(lines)
    lines.add_argument("--name", metavar="NAME", help="test set name (default: the reference file's name)")


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """A corpus folder, line-aligned files or a dataset, plus --system folders (compare and gate)."""
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: corpora/spinner-news-en-fr)")
    parser.add_argument("--system", dest="add_systems", action="append", type=name_path, default=[],
                        metavar="NAME=PATH", help="add a system from a folder of <doc>.txt files (repeatable)")
    add_lines_arguments(parser)
    add_hf_arguments(parser, languages=False)


def add_significance_arguments(parser: argparse.ArgumentParser) -> None:
    """--resamples, --seed and --unit (the resampling unit), shared by compare and gate."""
    stats = parser.add_argument_group("significance")
    stats.add_argument("--resamples", type=bounded("resamples"), default=DEFAULT_RESAMPLES,
                       help=f"bootstrap resamples, 1 to 100,000 (default {DEFAULT_RESAMPLES})")
    stats.add_argument("--seed", type=bounded("seed"), default=default_seed(),
                       help=f"random seed, 0 to 2^32-1 (default: $SACREBLEU_SEED if set, else {DEFAULT_SEED}, "
                            "as sacreBLEU)")
    add_unit_argument(stats, "segment", "resampling unit: segment (aligned-segment groups, the default) "
                                        "or document")


# -- inputs -----------------------------------------------------------------------------------

def lines_corpus_from_args(args: argparse.Namespace):
    """The line-aligned Corpus of -s/-r/-t/--doc-ids (languages required)."""
    from ..lines import lines_corpus, system_names

    if not args.src or not args.hyp:
        raise UsageError("line-aligned files need -s SRC and at least one -t HYP")
    for option, value in (("--src-lang", args.src_lang), ("--tgt-lang", args.tgt_lang)):
        if not value:
            raise UsageError(f"{option} is required with -s/-r/-t")
    return lines_corpus(args.src, system_names(args.hyp), args.ref, doc_ids=args.doc_ids,
                        src_lang=args.src_lang, tgt_lang=args.tgt_lang, name=args.name,
                        stdin=sys.stdin.buffer)


def dataset_corpus_from_args(args: argparse.Namespace):
    from ..hf import corpus_from_dataset

    return corpus_from_dataset(args.hf_dataset, config=args.hf_config, split=args.split, fields=args.hf_fields,
                               src_lang=args.src_lang, tgt_lang=args.tgt_lang, segmentation=args.segmentation)


def folder_corpus(args: argparse.Namespace, **kwargs):
    """The corpus folder given, or the bundled one."""
    from ..corpus import default_corpus, load_corpus

    return load_corpus(Path(args.corpus) if args.corpus else default_corpus(), **kwargs)


def corpus_from_args(args: argparse.Namespace):
    """A corpus folder, line-aligned files (-s/-r/-t) or a Hugging Face dataset, plus --system folders."""
    given = [what for what, present in (("a corpus folder", args.corpus), ("-s/-t files", args.src or args.hyp),
                                        ("--hf-dataset", args.hf_dataset)) if present]
    if len(given) > 1:
        raise UsageError(f"give one input: {' or '.join(given)}")
    if args.src or args.hyp:
        corpus = lines_corpus_from_args(args)
    elif args.hf_dataset:
        corpus = dataset_corpus_from_args(args)
    else:
        corpus = folder_corpus(args)
    for name, path in args.add_systems:
        corpus = corpus.with_system(name, path)
    return corpus
