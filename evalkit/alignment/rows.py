"""Aligned segments: the rows of the side-by-side view (source | MT | reference).

Joins the source<->MT and source<->reference alignments of one document on
their source sentences: a row is the smallest group of source sentences that
neither alignment splits, with its MT and reference sentences. MT insertions
(0-1) and omissions (1-0) are rows of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..segment import Segment
from .aligner import Link


@dataclass(frozen=True)
class AlignedSegment:
    """One row: a source<->MT link with the reference text for the same source sentences."""

    index: int
    type: str                                   # source-MT sentence counts: "1-1", "0-1", "1-0", "2-1", ...
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
    """Scoring rows in source order: the smallest groups of source sentences that neither the
    source<->MT nor the source<->reference alignment splits, each with all of its MT and
    reference sentences.

    Source sentences joined by a link of either alignment (a 2-1 on one side, say) fall in one
    row, so a reference that joins two sentences the MT keeps apart is scored against both MT
    sentences, never one of them against an empty reference. MT insertions (0-1 links) are rows
    of their own, where the MT has them. Reference sentences aligned to no source sentence go to
    the row of the preceding reference sentence (or the first row): no text is lost or counted twice.
    """
    parent = list(range(len(source)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in [*mt_links, *(ref_links or ())]:
        for s in link.source[1:]:
            a, b = find(link.source[0]), find(s)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[list[int], list[int], list[int]]] = {}   # root -> (sources, MT, reference)
    for s in range(len(source)):
        groups.setdefault(find(s), ([], [], []))[0].append(s)
    order: list[int | Link] = []      # a group's root, or an insertion link, in MT order
    placed: set[int] = set()
    for link in mt_links:
        if not link.source:
            order.append(link)
            continue
        root = find(link.source[0])
        groups[root][1].extend(link.target)
        if root not in placed:
            placed.add(root)
            order.append(root)
    for root in sorted(set(groups) - placed):
        # source sentences no MT link mentions: placed by source order
        later = [k for k, o in enumerate(order) if isinstance(o, int) and o > root]
        order.insert(later[0] if later else len(order), root)
    if reference is not None and ref_links is not None:
        for link in ref_links:
            if link.source:
                groups[find(link.source[0])][2].extend(link.target)
    rows = [(list(o.source), list(o.target), []) if isinstance(o, Link) else groups[o] for o in order]
    if reference is not None:
        _attach_unaligned_references(rows, len(reference))
    return [_row(index, source, hypothesis, reference, *row) for index, row in enumerate(rows)]


def _attach_unaligned_references(rows: list[tuple[list[int], list[int], list[int]]], n_references: int) -> None:
    used = {r for _, _, refs in rows for r in refs}
    for r in sorted(set(range(n_references)) - used):
        # the row holding the closest earlier reference sentence, else the first row
        best = 0
        for k, (_, _, refs) in enumerate(rows):
            if refs and min(refs) < r:
                best = k
        if rows:
            rows[best][2].append(r)


def _row(index: int, source: Sequence[Segment], hypothesis: Sequence[Segment],
         reference: Sequence[Segment] | None, sources: list[int], targets: list[int],
         refs: list[int]) -> AlignedSegment:
    sources, targets, refs = sorted(set(sources)), sorted(set(targets)), sorted(set(refs))
    return AlignedSegment(
        index=index, type=f"{len(sources)}-{len(targets)}",
        source_spans=_spans(source, sources), hypothesis_spans=_spans(hypothesis, targets),
        reference_spans=_spans(reference, refs) if reference is not None else (),
        source=_text(source, sources), hypothesis=_text(hypothesis, targets),
        reference=_text(reference, refs) if reference is not None else "")
