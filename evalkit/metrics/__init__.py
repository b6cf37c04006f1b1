"""Metrics: one small interface (metrics/base.py), one module per family.

`METRICS` maps a metric name to its class, lazily, with the facts a regression
gate lives on: whether higher is better and whether a reference is needed.
A new metric is its module plus one line here; its kind (metrics/base.py) says
how the pipeline schedules it.
"""

import functools

from ..registry import Registry
from .base import MODEL, STATISTICS, Metric, ModelMetric, Score, StatisticsMetric

METRICS: Registry[type[Metric]] = Registry("metric")
METRICS.register("bleu", "evalkit.metrics.sacrebleu_metrics:BLEU", higher_is_better=True)
METRICS.register("chrf", "evalkit.metrics.sacrebleu_metrics:ChrF", higher_is_better=True)
METRICS.register("chrf++", "evalkit.metrics.sacrebleu_metrics:ChrFPlusPlus", higher_is_better=True)
METRICS.register("ter", "evalkit.metrics.sacrebleu_metrics:TER", higher_is_better=False)
METRICS.register("comet", "evalkit.metrics.comet:COMET", higher_is_better=True)

DEFAULT_METRICS = ("bleu", "chrf", "chrf++", "ter")
# Model metrics a run adds after its metrics unless told not to (RunOptions(comet=False), --no-comet).
DEFAULT_MODEL_METRICS = ("comet",)


def get_metric(name: str, **options) -> Metric:
    """Instantiate a registered metric by name."""
    return METRICS.get(name)(**options)


@functools.lru_cache(maxsize=64)
def metric_decimals(name: str) -> int:
    """Decimals the reports show for `name` (2 for anything that is not a registered metric)."""
    return METRICS.get(name).decimals if name in METRICS else 2


def metric_kind(name: str) -> str:
    """"statistics", "model" or "other" (metrics/base.py), from the registered class."""
    return METRICS.get(name).kind


__all__ = [
    "DEFAULT_METRICS",
    "DEFAULT_MODEL_METRICS",
    "METRICS",
    "MODEL",
    "STATISTICS",
    "Metric",
    "ModelMetric",
    "Score",
    "StatisticsMetric",
    "get_metric",
    "metric_decimals",
    "metric_kind",
]
