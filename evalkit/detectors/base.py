"""The detector interface: a detector reads one document and returns `Flag`s.

A detector gets a `DetectionInput`: the raw MT text, and where available the
source, the reference, the segments and the source<->MT alignment, plus the
language pair. Detectors must work with the MT text alone (no source, no
reference) and use the rest when it is there.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..flags import Flag

RULES, MODEL = "rules", "model"   # detector kinds: rules run per document; model detectors in batches
                                  # of documents, off by default (detectors/model.py)


@dataclass(frozen=True)
class DetectionInput:
    """Everything a detector may look at for one document of one system."""

    hypothesis: str                      # raw MT text; flag offsets index into it
    src_lang: str
    tgt_lang: str
    source: str | None = None            # raw source text, if any
    reference: str | None = None         # raw reference text, if any
    hypothesis_segments: Sequence[Any] | None = None   # evalkit.segment.Segment list over `hypothesis`
    source_segments: Sequence[Any] | None = None       # ... over `source`
    alignment: Sequence[Any] | None = None             # alignment.aligner.Link list, source <-> hypothesis
    doc_id: str = ""
    system: str = ""
    options: dict[str, Any] = field(default_factory=dict)


class Detector(ABC):
    """Finds one family of errors. Subclasses set `name` and `categories`."""

    name: str = ""
    categories: tuple[str, ...] = ()
    kind: str = RULES

    @abstractmethod
    def detect(self, doc: DetectionInput) -> list[Flag]:
        """Flags for one document, with spans inside `doc.hypothesis`."""


def prepare_input(hypothesis: str, src_lang: str, tgt_lang: str, *, source: str | None = None,
                  reference: str | None = None, doc_id: str = "", system: str = "") -> DetectionInput:
    """A DetectionInput with the MT (and source) segmented and, given a source, aligned to it."""
    from ..alignment.aligner import align_segments
    from ..segment import segment

    hyp_segments = segment(hypothesis, tgt_lang)
    src_segments = alignment = None
    if source is not None:
        src_segments = segment(source, src_lang)
        alignment = align_segments(src_segments, hyp_segments, src_lang=src_lang, tgt_lang=tgt_lang)
    return DetectionInput(hypothesis=hypothesis, src_lang=src_lang, tgt_lang=tgt_lang, source=source,
                          reference=reference, hypothesis_segments=hyp_segments, source_segments=src_segments,
                          alignment=alignment, doc_id=doc_id, system=system)
