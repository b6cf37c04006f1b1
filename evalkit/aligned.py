"""Aligned segments: the rows of the side-by-side view (source | MT | reference).

Joins the source<->MT and source<->reference alignments of one document on
their source sentences, so each row holds the MT sentences of one source<->MT
link and the reference sentences aligned to the same source sentences. MT
insertions (0-1) and omissions (1-0) are rows of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .align import Link
from .segment import Segment


@dataclass(frozen=True)
class AlignedSegment:
    """One row: a source<->MT link with the reference text for the same source sentences."""

    index: int
    type: str                                   # the source<->MT link type: "1-1", "0-1", "1-0", "2-1", ...
    source_spans: tuple[tuple[int, int], ...]   # offsets into the raw source
    hypothesis_spans: tuple[tuple[int, int], ...]
    reference_spans: tuple[tuple[int, int], ...]
    source: str                                 # the spans' texts joined with one space
    hypothesis: str
    reference: str

    @property
    def is_insertion(self) -> bool:
        return not self.source_spans and bool(self.hypothesis_spans)

    @property
    def is_omission(self) -> bool:
        return bool(self.source_spans) and not self.hypothesis_spans


def _spans(segments: Sequence[Segment], ids: Sequence[int]) -> tuple[tuple[int, int], ...]:
    return tuple((segments[i].start, segments[i].end) for i in ids)


def _text(segments: Sequence[Segment], ids: Sequence[int]) -> str:
    return " ".join(segments[i].text for i in ids)


def join_alignments(source: Sequence[Segment], hypothesis: Sequence[Segment], mt_links: Sequence[Link],
                    reference: Sequence[Segment] | None = None,
                    ref_links: Sequence[Link] | None = None) -> list[AlignedSegment]:
    """Rows in source order. Each reference sentence is attached to exactly one row.

    A reference sentence goes to the first row whose source sentences it is
    aligned to; reference sentences aligned to no source sentence (0-1 in the
    reference alignment) go to the row of the preceding reference sentence
    (or the first row), so no reference text is lost or counted twice.
    """
    ref_of_source: dict[int, list[int]] = {}
    if reference is not None and ref_links is not None:
        for link in ref_links:
            if link.source:
                ref_of_source.setdefault(link.source[0], []).extend(link.target)
    used: set[int] = set()
    rows: list[tuple[Link, list[int]]] = []
    for link in mt_links:
        refs: list[int] = []
        for s in link.source:
            refs += [r for r in ref_of_source.get(s, []) if r not in used]
        used.update(refs)
        rows.append((link, refs))
    if reference is not None:
        leftover = sorted(set(range(len(reference))) - used)
        for r in leftover:
            # the row holding the closest earlier reference sentence, else the first row
            best = 0
            for k, (_, refs) in enumerate(rows):
                if refs and min(refs) < r:
                    best = k
            if rows:
                rows[best][1].append(r)
    out = []
    for index, (link, refs) in enumerate(rows):
        refs = sorted(refs)
        out.append(AlignedSegment(
            index=index, type=link.type,
            source_spans=_spans(source, link.source), hypothesis_spans=_spans(hypothesis, link.target),
            reference_spans=_spans(reference, refs) if reference is not None else (),
            source=_text(source, link.source), hypothesis=_text(hypothesis, link.target),
            reference=_text(reference, refs) if reference is not None else ""))
    return out
