"""Flags: typed, located error records emitted by the detectors.

A `Flag` is an MQM-style error: category path, severity, character span into
the raw MT text, suggestion, the detector that raised it, its confidence and the
evidence. `mqm_penalty` turns a document's flags into a penalty per 100 words, with MQM's weights
(Freitag et al., 2021, "Experts, Errors, and Context", TACL 9): minor 1, major 5, and 25 for a
non-translation, a segment left wholly in the source language (one error, not one per word).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

SEVERITIES = ("minor", "major", "critical")
# The weights by severity, and the weight of a non-translation: a critical `accuracy/untranslated`
# flag, which the untranslated detector raises only for a whole segment in the source language.
SEVERITY_WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0, "non-translation": 25.0}
NON_TRANSLATION = "non-translation"
UNTRANSLATED = "accuracy/untranslated"


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


def is_non_translation(flag: Flag) -> bool:
    """The flag marks a segment left wholly in the source language (MQM's Non-translation)."""
    return flag.category == UNTRANSLATED and flag.severity == "critical"


def flag_weight(flag: Flag, weights: Mapping[str, float] = SEVERITY_WEIGHTS) -> float:
    """A flag's MQM weight: the non-translation weight for a non-translation (the default's when
    `weights` does not name one), its severity's weight otherwise."""
    if is_non_translation(flag):
        return float(weights.get(NON_TRANSLATION, SEVERITY_WEIGHTS[NON_TRANSLATION]))
    return float(weights[flag.severity])


def mqm_penalty(flags: Iterable[Flag], words: int,
                weights: Mapping[str, float] = SEVERITY_WEIGHTS) -> MQMSummary:
    """Sum of the flags' weights (`flag_weight`), and that sum per 100 words of the MT text."""
    problems = [p for p in (weight_problem(s, w) for s, w in weights.items()) if p]
    if problems:
        from .errors import UsageError

        raise UsageError(problems[0])
    flags = list(flags)
    penalty = float(sum(flag_weight(f, weights) for f in flags))
    per_100 = 100.0 * penalty / words if words else 0.0
    counts = Counter(f.category for f in flags)
    used = dict(weights)
    used.setdefault(NON_TRANSLATION, SEVERITY_WEIGHTS[NON_TRANSLATION])
    return MQMSummary(penalty, words, per_100, dict(counts), used)
