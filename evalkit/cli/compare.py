"""`evalkit compare`: compare systems with confidence intervals and paired significance tests."""

from __future__ import annotations

import argparse
import logging
import sys

from ..errors import UsageError
from ..stats import DEFAULT_ALPHA, DEFAULT_AR_TRIALS
from . import options as opt

HELP = "compare systems: confidence intervals and paired significance tests"
log = logging.getLogger("evalkit")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ..compare import RENDERERS

    opt.add_corpus_arguments(parser)
    opt.add_comet_arguments(parser)
    opt.add_flag_arguments(parser)
    opt.add_significance_arguments(parser)
    parser.add_argument("--systems", type=opt.split_list, default=None,
                        help="comma-separated systems to compare (default: all)")
    parser.add_argument("--baseline", help="the system the others are tested against "
                                           "(default: the first in alphabetical order)")
    parser.add_argument("--metrics", type=opt.split_list, default=None,
                        help="comma-separated metrics (default: bleu,chrf,chrf++,ter; COMET unless --no-comet)")
    parser.add_argument("--ar-trials", type=opt.bounded("ar_trials"), default=DEFAULT_AR_TRIALS,
                        help=f"approximate randomization trials, 0 to skip (default {DEFAULT_AR_TRIALS})")
    parser.add_argument("--alpha", type=float, default=DEFAULT_ALPHA,
                        help=f"significance level for the marks (default {DEFAULT_ALPHA})")
    parser.add_argument("--out", metavar="DIR", help="also write compare.json and compare.md to DIR")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="text", help="what to print (default text)")


def pipeline_options(args: argparse.Namespace, *, metrics, comet: bool, flags: bool, systems, **fields):
    """RunOptions for compare and gate: scores over aligned segments, no progress bar."""
    return opt.run_options(args, metrics=tuple(metrics), systems=tuple(systems) if systems is not None else None,
                           unit="aligned", comet=comet, flags=flags, progress=False, **fields)


def run(args: argparse.Namespace) -> int:
    from ..compare import RENDERERS, check_alpha, compare_corpus, write_outputs
    from ..pipeline import CHRF_INSERTIONS_NOTE

    metrics = tuple(args.metrics)
    opt.check_no_comet(args, metrics, "--metrics")
    if args.ar_trials < 0:
        raise UsageError(f"--ar-trials must be 0 or more, not {args.ar_trials}")
    check_alpha(args.alpha)
    corpus = opt.corpus_from_args(args)
    options = pipeline_options(args, metrics=metrics, comet=args.comet, flags=not args.no_flags,
                               systems=args.systems)
    comparison = compare_corpus(corpus, options, baseline=args.baseline, systems=args.systems,
                                resamples=args.resamples, ar_trials=args.ar_trials, seed=args.seed,
                                unit=args.unit, alpha=args.alpha)
    for note in comparison.notes:
        (log.info if note == CHRF_INSERTIONS_NOTE else log.warning)(note)
    if args.out:
        for path in write_outputs(comparison, args.out):
            log.info("wrote %s", path)
    if not args.quiet:
        sys.stdout.write(RENDERERS[args.format](comparison))
    return 0
