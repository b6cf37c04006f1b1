"""Model detectors: a learned model (xCOMET) predicts error spans over the aligned rows of many
documents at once, through the score cache; `merge_flags` puts its spans beside the rule flags.

The pipeline dispatches on a detector's `kind` (detectors/base.py): rule detectors run per document
where the document is scored, model detectors in batches of documents in the run's process. Model
detectors are off by default: they are run only when named (`--detectors ...,xcomet`).
"""

from __future__ import annotations

import bisect
import itertools
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import UsageError
from ..flags import Flag, sort_flags
from ..options import SPAN_VIEWS
from .base import MODEL, DetectionInput, Detector

EVIDENCE_JOIN = " | "


@dataclass(frozen=True)
class RowsInput:
    """One document of one system as a model detector reads it: the raw MT text and its aligned rows
    (alignment/rows.py `AlignedSegment`: source, MT and reference text, MT spans into `hypothesis`)."""

    hypothesis: str
    rows: Sequence[Any]
    doc_id: str = ""
    system: str = ""


class ModelDetector(Detector):
    """A detector backed by a model. Subclasses implement `signature`, `check` and `detect_rows`.

    Their `__init__` takes the model (`model`: hub name or local path) and the shared model settings
    (`batch_size`, `gpus`, `cache`, `progress`), as a model metric's does (metrics/base.py).
    """

    kind = MODEL

    def __init__(self) -> None:
        self.notes: dict[str, int] = {}   # what was dropped, and how often (the run reports it once)

    @abstractmethod
    def signature(self) -> str:
        """The model, its checkpoint hash and the library versions (also the cache namespace)."""

    @abstractmethod
    def check(self) -> None:
        """Raise `MetricUnavailable` when the model cannot be had here (offline, not installed)."""

    @abstractmethod
    def detect_rows(self, documents: Sequence[RowsInput]) -> list[list[Flag]]:
        """Flags per document (offsets into its `hypothesis`), the rows of all of them in one batch."""

    def detect(self, doc: DetectionInput) -> list[Flag]:
        return self.detect_rows([rows_input(doc)])[0]

    def count(self, note: str, n: int = 1) -> None:
        self.notes[note] = self.notes.get(note, 0) + n


def rows_input(doc: DetectionInput) -> RowsInput:
    """The aligned rows of a DetectionInput (as the pipeline makes them for a run): its source<->MT
    alignment, and the reference segmented and aligned to the source when there is one."""
    from ..alignment.aligner import align_segments
    from ..alignment.rows import join_alignments
    from ..segment import segment

    hyp = doc.hypothesis_segments if doc.hypothesis_segments is not None else segment(doc.hypothesis, doc.tgt_lang)
    if doc.source is None:
        rows = join_alignments([], hyp, [_insertion(j) for j in range(len(hyp))])
        return RowsInput(doc.hypothesis, rows, doc.doc_id, doc.system)
    src = doc.source_segments if doc.source_segments is not None else segment(doc.source, doc.src_lang)
    links = doc.alignment if doc.alignment is not None else \
        align_segments(src, hyp, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang)
    ref = ref_links = None
    if doc.reference is not None:
        ref = segment(doc.reference, doc.tgt_lang)
        ref_links = align_segments(src, ref, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang)
    rows = join_alignments(src, hyp, links, ref, ref_links)
    return RowsInput(doc.hypothesis, rows, doc.doc_id, doc.system)


def _insertion(j: int):
    from ..alignment.aligner import Link

    return Link((), (j,), 0.0)


class RowOffsets:
    """Offsets in a row's MT text (its MT segments joined with one space) -> offsets in the raw MT."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self.spans = list(spans)
        self.starts: list[int] = []   # where each segment begins in the row text
        at = 0
        for start, end in self.spans:
            self.starts.append(at)
            at += end - start + 1

    def to_document(self, start: int, end: int) -> tuple[int, int] | None:
        """The raw-MT span of row text [start, end); None when it lies in the joining spaces only."""
        if not self.spans or end <= start:
            return None
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = max(bisect.bisect_right(self.starts, end - 1) - 1, 0)
        a = self.spans[first][0] + min(start - self.starts[first], self.spans[first][1] - self.spans[first][0])
        b = self.spans[last][0] + min(end - self.starts[last], self.spans[last][1] - self.spans[last][0])
        return (a, b) if a < b else None


# --- model spans beside the rule flags -------------------------------------------------------

def merge_flags(rule_flags: Sequence[Flag], model_flags: Sequence[Flag], view: str = "merged") -> list[Flag]:
    """The flags a report shows, in document order.

    `merged`: a model span that overlaps rule flags is not shown on its own; each rule flag it
    overlaps names both detectors (`names+xcomet`) and carries the model's evidence, so the MQM
    penalty counts the error once, with the rule flag's category, severity and span (rules type
    the error, the model only locates it). Model spans that overlap no rule flag are shown as they
    are. `neural`: the model spans alone.
    """
    if view not in SPAN_VIEWS:
        raise UsageError(f"unknown span view {view!r}; use one of {', '.join(SPAN_VIEWS)}")
    if view == "neural":
        return sort_flags(model_flags)
    rules = sort_flags(rule_flags)
    starts = [f.start for f in rules]
    reach = list(itertools.accumulate((f.end for f in rules), max))   # furthest end up to each flag
    extra: dict[int, list[Flag]] = {}
    alone = []
    for m in model_flags:
        # the rule flags starting before the span ends, walked back while one may still reach it
        k, hit = bisect.bisect_left(starts, m.end) - 1, False
        while k >= 0 and reach[k] > m.start:
            if rules[k].end > m.start:
                extra.setdefault(k, []).append(m)
                hit = True
            k -= 1
        if not hit:
            alone.append(m)
    merged = [_with_model(f, extra[k]) if k in extra else f for k, f in enumerate(rules)]
    return sort_flags([*merged, *alone])


def _with_model(rule: Flag, models: list[Flag]) -> Flag:
    names = list(dict.fromkeys([rule.detector, *(m.detector for m in models)]))
    evidence = [rule.evidence or rule.detector] + [f"{m.detector} [{m.start}, {m.end}) {m.text!r}: {m.evidence}"
                                                   for m in models]
    return replace(rule, detector="+".join(names), evidence=EVIDENCE_JOIN.join(evidence))


def split_kinds(names: Sequence[str] | None) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """Chosen detector names -> (rule detectors: None for the default set, model detectors)."""
    from . import DETECTORS

    if names is None:
        return None, ()
    rules = tuple(n for n in names if DETECTORS.get(n).kind != MODEL)
    models = tuple(n for n in names if DETECTORS.get(n).kind == MODEL)
    return rules, models
