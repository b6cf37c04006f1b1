"""The metric interface: `Score` (a value with its signature) and `Metric`.

Every metric scores a corpus and its segments and states its signature, so the
CLI, the reports and significance tests work on any metric the same way.
Per-segment sufficient statistics are kept apart from aggregation (as in
sacreBLEU) so resampling re-sums statistics instead of re-scoring.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Sequence


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
    higher_is_better: bool = True
    needs_reference: bool = True

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
