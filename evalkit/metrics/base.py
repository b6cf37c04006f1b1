"""The metric interface: `Score` (a value with its signature), `Metric` and its two kinds.

Every metric scores a corpus and its segments and states its signature, so the
CLI, the reports and significance tests work on any metric the same way. The
pipeline dispatches on a metric's `kind`, never on its name:

- `StatisticsMetric` ("statistics"): per-segment sufficient statistics, kept apart
  from aggregation (as in sacreBLEU), so documents, corpora and resamples re-sum
  statistics instead of re-scoring (BLEU, chrF, chrF++, TER).
- `ModelMetric` ("model"): a learned model scores segments in batches; scores are
  cached under the model's signature (evalkit/cache.py), and a document's or a
  corpus's figure is the mean of its segment scores (COMET; BERTScore, MetricX next).

A plain `Metric` (kind "other") is scored per document and, at corpus level, on the
pooled segments.
"""

from __future__ import annotations

import inspect
import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..cache import ScoreCache, SegmentKey

logger = logging.getLogger(__name__)

STATISTICS, MODEL, OTHER = "statistics", "model", "other"
DEFAULT_BATCH_SIZE = 16          # segments per forward pass of a model metric


@dataclass(frozen=True)
class Score:
    """One metric value and the exact settings that produced it."""

    metric: str
    value: float | None
    signature: str
    unit: str                    # what the value was computed over: "document", "aligned-segments", ...
    n: int = 0                   # number of units scored
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None     # why the value is missing, when it is

    def to_dict(self) -> dict[str, Any]:
        out = {"metric": self.metric, "value": None if self.value is None else round(self.value, 6),
               "signature": self.signature, "unit": self.unit, "n": self.n}
        if self.details:
            out["details"] = self.details
        if self.error:
            out["error"] = self.error
        return out


class Metric(ABC):
    """A translation metric. Subclasses set `name`, `higher_is_better`, `needs_reference`."""

    name: str = ""
    kind: str = OTHER
    higher_is_better: bool = True
    needs_reference: bool = True
    decimals: int = 2            # shown in the reports (JSON and CSV keep more)

    @abstractmethod
    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str] | None,
                     sources: Sequence[str] | None = None, *, unit: str = "segment") -> Score:
        """One score for all `hypotheses` taken together."""

    @abstractmethod
    def segment_scores(self, hypotheses: Sequence[str], references: Sequence[str] | None,
                       sources: Sequence[str] | None = None) -> list[float]:
        """One score per hypothesis."""

    @abstractmethod
    def signature(self) -> str:
        """The settings and versions that determine the corpus score."""

    def segment_signature(self) -> str:
        """The settings of segment-level scores (may differ, e.g. BLEU's effective order)."""
        return self.signature()


class StatisticsMetric(Metric):
    """A metric whose corpus score is computed from summed per-segment sufficient statistics."""

    kind = STATISTICS

    @abstractmethod
    def score_from_totals(self, totals: Sequence[float] | None, *, unit: str, n: int) -> Score:
        """The score of summed statistics (None: no segment)."""

    @abstractmethod
    def segment_score_from_statistics(self, row: Sequence[float]) -> float:
        """One segment's score from its own statistics."""


class ModelMetric(Metric):
    """A metric computed by a model, segment by segment, in batches, through a score cache.

    Subclasses set `name` and `model` (what `signature()` names when the model cannot be
    had), implement `signature()` (the model signature: model, checkpoint hash, library
    versions; the cache's namespace) and `_predict(keys, device)`, and may override
    `_keys` (which texts the model reads) and `_device` (e.g. the GPUs to use). Their
    `__init__` takes their own options as keywords (`model_options` of RunOptions, or
    `--metric-option NAME.KEY=VALUE`) and pass the shared ones (`batch_size`, `gpus`,
    `progress`) and the run's settings (`cache`, `target_lang`) to this class.
    """

    kind = MODEL
    decimals = 4                 # model scores are small numbers (COMET: about 0 to 1)
    model: str = ""
    SHARED_OPTIONS = ("batch_size", "gpus", "progress")   # options every model metric takes
    RUN_SETTINGS = ("cache", "target_lang")                # set by the run, not per metric

    def __init__(self, *, batch_size: int = DEFAULT_BATCH_SIZE, gpus: int | None = None,
                 cache: ScoreCache | str | None = "default", progress: bool = False,
                 target_lang: str | None = None):
        from ..cache import ScoreCache

        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise UsageError(f"{self.name}: batch_size must be a positive integer, not {batch_size!r}")
        if cache == "default":
            cache = ScoreCache()
        elif cache is not None and not isinstance(cache, ScoreCache):
            raise UsageError(f"{self.name}: cache must be a ScoreCache, None or 'default', not {cache!r}")
        self.batch_size = batch_size
        self.gpus = gpus
        self.cache: ScoreCache | None = cache
        self.progress = progress
        self.target_lang = target_lang

    @classmethod
    def option_names(cls) -> tuple[str, ...]:
        """The options of this metric's own (its `__init__` keywords besides the shared ones)."""
        names = []
        for klass in cls.__mro__:
            if klass is ModelMetric or not issubclass(klass, ModelMetric):
                break
            for parameter in inspect.signature(klass.__init__).parameters.values():
                if parameter.name not in ("self", *cls.RUN_SETTINGS) and \
                        parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
                    names.append(parameter.name)
        return tuple(sorted(set(names) | set(cls.SHARED_OPTIONS)))

    def fallback_signature(self) -> str:
        """What the scores of this metric are labelled with when the model cannot be had."""
        return f"{self.name}|model:{self.model or '?'}"

    # -- scoring ----------------------------------------------------------------------------

    def segment_scores(self, hypotheses: Sequence[str], references: Sequence[str] | None,
                       sources: Sequence[str] | None = None) -> list[float]:
        return self._score(hypotheses, references, sources)[0]

    def corpus_score(self, hypotheses: Sequence[str], references: Sequence[str] | None,
                     sources: Sequence[str] | None = None, *, unit: str = "segment") -> Score:
        scores, cached, _ = self._score(hypotheses, references, sources)
        details = {"batch_size": self.batch_size, "cached": cached}
        if not scores:
            return Score(self.name, None, self.signature(), unit, 0, details, "no segments to score")
        return Score(self.name, sum(scores) / len(scores), self.signature(), unit, len(scores), details)

    def _score(self, hypotheses, references, sources) -> tuple[list[float], int, Any]:
        """Scores, how many came from the cache, and the device used (None when nothing was scored)."""
        keys = self._keys(hypotheses, references, sources)
        if not keys:
            return [], 0, None
        namespace = self.signature()
        found = self.cache.get_many(namespace, keys) if self.cache is not None else [None] * len(keys)
        missing = [key for key, value in zip(keys, found, strict=True) if value is None]
        cached = len(keys) - len(missing)
        # Repeated segments (same source, hypothesis and reference) are scored once.
        todo = list(dict.fromkeys(missing))
        device = None
        if todo:
            device = self._device()
            new = self._predict(todo, device)
            if self.cache is not None:
                self.cache.put_many(namespace, todo, new)
            scored = dict(zip(todo, new, strict=True))
            found = [scored[key] if value is None else value for key, value in zip(keys, found, strict=True)]
        logger.info("%s: %d segments from cache, %d scored", self.name.upper(), cached, len(todo))
        return [float(value) for value in found], cached, device

    def _keys(self, hypotheses, references, sources) -> list[SegmentKey]:
        """(hypothesis, source, reference) per segment: what the model reads, and the cache key."""
        n = len(hypotheses)
        for label, texts in (("references", references), ("sources", sources)):
            if texts is not None and len(texts) != n:
                raise UsageError(f"{self.name}: {n} hypotheses but {len(texts)} {label}")
        if references is None and self.needs_reference:
            raise UsageError(f"{self.name}: model {self.model!r} needs references")
        return [(str(hypotheses[i]), str(sources[i]) if sources is not None else None,
                 str(references[i]) if references is not None and self.needs_reference else None)
                for i in range(n)]

    def _device(self) -> Any:
        """Where the model runs (passed to `_predict`); None unless a subclass chooses."""
        return None

    @abstractmethod
    def _predict(self, keys: list[SegmentKey], device: Any) -> list[float]:
        """One score per (hypothesis, source, reference), in order (not cached ones: all given)."""
