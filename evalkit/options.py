"""`RunOptions`: what a run computes. One options object feeds the CLI, config files and Python.

A model metric's options (metrics/base.py `ModelMetric`) are given per metric in
`model_options`; the COMET fields of old (`comet_model`, `comet_batch_size`) are
aliases mapped onto it (OPTION_ALIASES). `parse_metric_option` reads the command
line's `METRIC.OPTION=VALUE` form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import UsageError
from .flags import SEVERITIES, SEVERITY_WEIGHTS
from .metrics import DEFAULT_METRICS, DEFAULT_MODEL_METRICS

UNITS = ("aligned", "document")
ENGINES = ("local", "dask")
# How model detectors' spans meet the rule flags (detectors/model.py merge_flags): "merged", one
# error where a span and a rule flag overlap; "neural", the model's spans alone.
SPAN_VIEWS = ("merged", "neural")
MAX_WORKERS = 256   # processes (or Dask workers) of one run
# RunOptions field -> (model metric, its option)
OPTION_ALIASES = {"comet_model": ("comet", "model"), "comet_batch_size": ("comet", "batch_size")}


@dataclass(frozen=True)
class RunOptions:
    """What to compute. One options object feeds the CLI and the Python API."""

    metrics: tuple[str, ...] = DEFAULT_METRICS
    systems: tuple[str, ...] | None = None
    unit: str = "aligned"                      # "aligned": scores over aligned segments; "document": whole texts
    comet: bool = False                        # add COMET to the metrics
    comet_model: str | None = None             # alias of model_options["comet"]["model"] (None: its default)
    comet_batch_size: int | None = None        # alias of model_options["comet"]["batch_size"]
    # Options of model metrics, per metric: {"comet": {"model": "Unbabel/wmt22-cometkiwi-da"}}.
    # Each metric's own __init__ keywords (ModelMetric.option_names); they win over the aliases.
    model_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    gpus: int | None = None                    # None: a GPU if torch sees one (every model metric)
    cache: bool | str = True                   # True: the user's cache dir; a path; False: no cache
    flags: bool = True
    detectors: tuple[str, ...] | None = None   # None: all registered
    severity_weights: dict[str, float] = field(default_factory=lambda: dict(SEVERITY_WEIGHTS))
    progress: bool = False
    engine: str = "local"                      # "local" (in-process) or "dask"
    scheduler: str | None = None               # dask: address of an existing scheduler
    # worker processes: local, a pool of that many (None: 1, in this process); dask, the size of
    # the local cluster when no scheduler is given (None: 2)
    workers: int | None = None
    # Keep every aligned segment in the RunResult? None: yes, unless `on_document` gets each
    # document first (the CLI), so that memory follows the largest document, not the corpus.
    keep_segments: bool | None = None
    # With `evaluate_corpus(..., reports_to=DIR)`: write each document's reports in the process
    # that scores it (a worker)? None: yes, unless the engine is a Dask cluster given by
    # `scheduler`, whose workers may not see DIR.
    reports_on_workers: bool | None = None
    # Model detectors (detectors/model.py, e.g. xcomet), run when `detectors` names one: the span
    # model (hub name or local checkpoint; None: the detector's default), its batch size, and how
    # its spans meet the rule flags (SPAN_VIEWS).
    span_model: str | None = None
    span_batch_size: int | None = None
    span_view: str = "merged"

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise UsageError(f"unknown unit {self.unit!r}; use one of {', '.join(UNITS)}")
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}; use one of {', '.join(ENGINES)}")
        if self.span_view not in SPAN_VIEWS:
            raise UsageError(f"unknown span view {self.span_view!r}; use one of {', '.join(SPAN_VIEWS)}")
        if self.span_batch_size is not None and (isinstance(self.span_batch_size, bool)
                                                 or not isinstance(self.span_batch_size, int)
                                                 or self.span_batch_size < 1):
            raise UsageError("span batch size must be a positive integer")
        if self.comet_batch_size is not None and self.comet_batch_size < 1:
            raise UsageError("COMET batch size must be at least 1")
        if not isinstance(self.model_options, Mapping) or \
                not all(isinstance(v, Mapping) for v in self.model_options.values()):
            raise UsageError("model_options must map a metric name to a mapping of its options")
        if self.workers is not None and not 1 <= self.workers <= MAX_WORKERS:
            # each worker is a process with its own interpreter and models: thousands exhaust the machine
            raise UsageError(f"workers must be from 1 to {MAX_WORKERS}, not {self.workers}")
        missing = set(SEVERITIES) - set(self.severity_weights)
        if missing:
            raise UsageError(f"severity weights miss {', '.join(sorted(missing))}")
        from .flags import weight_problem

        for severity, weight in sorted(self.severity_weights.items()):
            if weight_problem(severity, weight):
                raise UsageError(weight_problem(severity, weight))

    def metric_names(self) -> tuple[str, ...]:
        """The metrics of the run, in order (`comet=True` adds COMET, metrics.DEFAULT_MODEL_METRICS,
        after the others)."""
        added = DEFAULT_MODEL_METRICS if self.comet else ()
        return tuple(self.metrics) + tuple(name for name in added if name not in self.metrics)

    def options_for(self, metric: str) -> dict[str, Any]:
        """A model metric's own options: the aliases' (RunOptions fields), then model_options'."""
        found = {option: getattr(self, alias) for alias, (name, option) in OPTION_ALIASES.items()
                 if name == metric and getattr(self, alias) is not None}
        return {**found, **self.model_options.get(metric, {})}


def parse_metric_option(text: str) -> tuple[str, str, Any]:
    """`METRIC.OPTION=VALUE` -> (metric, option, value); VALUE is read as an int, a float,
    true/false/none, or else kept as text (`comet.model=Unbabel/wmt22-cometkiwi-da`)."""
    target, sep, value = text.partition("=")
    metric, dot, option = target.strip().partition(".")
    if not sep or not dot or not metric or not option:
        raise UsageError(f"expected METRIC.OPTION=VALUE, got {text!r}")
    return metric, option.strip(), _option_value(value.strip())


def _option_value(text: str) -> Any:
    words = {"true": True, "false": False, "none": None}
    if text.lower() in words:
        return words[text.lower()]
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def merge_metric_options(items: Sequence[tuple[str, str, Any]],
                         into: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """(metric, option, value) triples (e.g. from parse_metric_option) as a `model_options` mapping."""
    out = {name: dict(values) for name, values in (into or {}).items()}
    for metric, option, value in items:
        out.setdefault(metric, {})[option] = value
    return out
