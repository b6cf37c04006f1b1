"""`evalkit gate`: the CI regression gate; exit 1 when the candidate is significantly worse."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from ..errors import InputError, UsageError
from ..stats import DEFAULT_ALPHA
from . import options as opt

HELP = "CI regression gate: exit 1 when the candidate is significantly worse"
log = logging.getLogger("evalkit")


def threshold(text: str) -> tuple[str, float]:
    """`NAME=NUMBER` as an argument type: a bad one is a one-line usage error."""
    from ..gate import parse_threshold

    try:
        return parse_threshold(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    opt.add_corpus_arguments(parser)
    opt.add_comet_arguments(parser)
    opt.add_flag_arguments(parser)
    opt.add_significance_arguments(parser)
    parser.add_argument("--baseline", required=True, help="the system the candidate must not be worse than")
    parser.add_argument("--candidate", required=True, help="the system under test")
    parser.add_argument("--max-drop", action="append", type=threshold, default=[], metavar="METRIC=X",
                        help="fail when METRIC is worse by more than X in its own direction (repeatable; "
                             "default: bleu, chrf, chrf++ and ter with X=0)")
    parser.add_argument("--max-increase", action="append", type=threshold, default=[],
                        metavar="CATEGORY=N", help="fail when the candidate has more than N more flags of "
                                                   "CATEGORY over the corpus; mqm=X: penalty per 100 words")
    parser.add_argument("--config", metavar="FILE", help="TOML file with a [gate] table; options override it")
    parser.add_argument("--alpha", type=float, default=None, help=f"significance level (default {DEFAULT_ALPHA})")
    parser.add_argument("--require-significance", action=argparse.BooleanOptionalAction, default=None,
                        help="fail only significant changes (default: yes)")
    parser.add_argument("--markdown", metavar="FILE", help="write the Markdown summary (a PR comment) to FILE")
    parser.add_argument("--junit", metavar="FILE", help="write JUnit XML (one testcase per check) to FILE")
    parser.add_argument("--json", metavar="FILE", help="write the verdict as JSON to FILE")
    # The resampling options come from add_significance_arguments; here None means "from the file".
    parser.set_defaults(resamples=None, seed=None, unit=None)


def config_from_args(args: argparse.Namespace):
    """The file's settings, overridden by the command line's."""
    from ..compare import default_seed
    from ..gate import DEFAULT_MAX_DROP, GateConfig, read_config
    from ..model_scores import check_model_options
    from ..options import OPTION_ALIASES, RunOptions, merge_metric_options

    settings: dict[str, Any] = read_config(args.config) if args.config else {}
    max_drop = dict(settings.pop("max_drop", {}))
    max_increase = dict(settings.pop("max_increase", {}))
    max_drop.update(dict(args.max_drop))
    max_increase.update(dict(args.max_increase))
    # --comet-model and --comet-batch-size are aliases of metric options: they override the file's too
    aliased = [(*OPTION_ALIASES[key], getattr(args, key)) for key in OPTION_ALIASES if getattr(args, key) is not None]
    given = [*aliased, *args.metric_options]
    check_model_options(RunOptions(model_options=merge_metric_options(given)))   # as run says it, not as a key
    settings["metric_options"] = merge_metric_options(given, into=settings.get("metric_options"))
    if not max_drop and not max_increase:
        max_drop = dict(DEFAULT_MAX_DROP)
    for key in ("alpha", "require_significance", "resamples", "seed", "unit"):
        if getattr(args, key) is not None:
            settings[key] = getattr(args, key)
    if "seed" not in settings:
        settings["seed"] = default_seed()    # $SACREBLEU_SEED, as sacreBLEU's paired tests
    return GateConfig(args.baseline, args.candidate, max_drop, max_increase, **settings)


def run(args: argparse.Namespace) -> int:
    from ..gate import check_label, detectable_categories, render_json, render_junit, render_markdown, run_gate
    from ..pipeline import evaluate_corpus
    from ..textio import write_atomic
    from .compare import pipeline_options

    config = config_from_args(args)
    opt.check_no_comet(args, config.metrics, "--max-drop")
    if config.needs_flags and args.no_flags:
        raise UsageError("--max-increase needs the error detectors; remove --no-flags")
    corpus = opt.corpus_from_args(args)
    systems = tuple(dict.fromkeys([config.baseline, config.candidate]))
    # only the metrics the checks name: COMET too when it is one of them, and not otherwise
    options = pipeline_options(args, metrics=config.metrics, comet=False, flags=config.needs_flags,
                               systems=systems, model_options=config.metric_options)
    detectable = detectable_categories(args.detectors) if config.needs_flags else None
    gate = run_gate(evaluate_corpus(corpus, options), config, detectable)
    markdown = render_markdown(gate)
    for path, text in ((args.markdown, markdown), (args.junit, render_junit(gate) if args.junit else ""),
                       (args.json, render_json(gate) if args.json else "")):
        if path:
            try:
                write_atomic(path, text)
            except OSError as exc:
                raise InputError(path, f"cannot write ({exc.strerror})") from None
    if not args.quiet:
        sys.stdout.write(markdown)
    for check in gate.failures:
        log.error("%s (%s): %s", check_label(check), check.kind, check.reason)
    return gate.exit_code
