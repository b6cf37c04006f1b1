"""Flags: typed, located error records emitted by the detectors.

A `Flag` is an MQM-style error: category path, severity, character span into
the raw MT text, suggestion, the detector that raised it, its confidence and the
evidence. `mqm_penalty` turns a document's flags into a penalty per 100 words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any, Iterable, Mapping

SEVERITY_WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}


@dataclass(frozen=True, order=True)
class Flag:
    """One detected error. `start`/`end` are str offsets into the raw MT text."""

    start: int
    end: int
    category: str
    severity: str
    text: str
    detector: str
    suggestion: str | None = None
    confidence: float = 1.0
    evidence: str = ""
    doc_id: str = ""
    system: str = ""

    def to_dict(self) -> dict[str, Any]:
        # every field is a str, int, float or None: a shallow copy is asdict's result, faster
        return {f.name: getattr(self, f.name) for f in _FLAG_FIELDS}


_FLAG_FIELDS = fields(Flag)


def sort_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Document order, then category: the order reports show and JSON stores."""
    return sorted(flags, key=lambda f: (f.start, f.end, f.category, f.detector, f.text))


@dataclass(frozen=True)
class MQMSummary:
    penalty: float
    words: int
    penalty_per_100_words: float
    counts: dict[str, int] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"penalty": self.penalty, "words": self.words,
                "penalty_per_100_words": round(self.penalty_per_100_words, 4),
                "counts": dict(sorted(self.counts.items())), "weights": dict(sorted(self.weights.items()))}


def weight_problem(severity: str, weight: object) -> str | None:
    """Why `weight` cannot weigh `severity` (a penalty is a finite number >= 0); None if it can."""
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) \
            or weight < 0:
        return f"severity weight {severity}={weight!r}: expected a finite number >= 0"
    return None


def mqm_penalty(flags: Iterable[Flag], words: int,
                weights: Mapping[str, float] = SEVERITY_WEIGHTS) -> MQMSummary:
    """Sum of severity weights, and that sum per 100 words of the MT text."""
    problems = [p for p in (weight_problem(s, w) for s, w in weights.items()) if p]
    if problems:
        from .errors import UsageError

        raise UsageError(problems[0])
    flags = list(flags)
    penalty = float(sum(weights[f.severity] for f in flags))
    per_100 = 100.0 * penalty / words if words else 0.0
    counts = Counter(f.category for f in flags)
    return MQMSummary(penalty, words, per_100, dict(counts), dict(weights))
