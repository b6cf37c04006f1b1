"""Long documents cut into windows of whole lines, so that the detectors' time and memory grow in step
with the text: a 50 MB page is read as some two hundred 256 KiB documents, not as one.

The cap is honest about what it costs: a repeat, or one name spelt two ways, is found within a window
only. Segments, the source and the alignment are cut with the MT text (see docs/detectors-structural.md).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from ..flags import Flag
from .base import DetectionInput

WINDOW = 1 << 18   # characters of MT text per window


def windows(doc: DetectionInput, size: int | None = None) -> Iterator[tuple[int, DetectionInput]]:
    """(offset of the window in the MT text, the window as a document of its own), in text order.
    A document of at most `size` (default `WINDOW`) characters is one window, itself."""
    text = doc.hypothesis
    size = WINDOW if size is None else size
    if len(text) <= size:
        yield 0, doc
        return
    owners = _owners(doc)
    starts = [seg.start for seg in doc.hypothesis_segments or ()]
    for lo, hi in _cuts(text, size):
        yield lo, _window(doc, lo, hi, owners, starts)


def shift(flag: Flag, offset: int) -> Flag:
    return flag if not offset else replace(flag, start=flag.start + offset, end=flag.end + offset)


def _cuts(text: str, size: int) -> list[tuple[int, int]]:
    """[lo, hi) pieces of `text`, each ending at a line end where one lies in its second half, else at
    a space, else at `size` characters."""
    out, lo, n = [], 0, len(text)
    while lo < n:
        hi = min(n, lo + size)
        if hi < n:
            cut = text.rfind("\n", lo + size // 2, hi)
            if cut < 0:
                cut = text.rfind(" ", lo + size // 2, hi)
            hi = cut + 1 if cut >= 0 else hi
        out.append((lo, hi))
        lo = hi
    return out


def _owners(doc: DetectionInput) -> list[int]:
    """For each alignment link, the MT segment whose window it goes to: its first MT segment, or for a
    source-only link the MT segment after it (the last one at the end of the text)."""
    if doc.alignment is None or doc.hypothesis_segments is None:
        return []
    last = max(len(doc.hypothesis_segments) - 1, 0)
    owners, after = [], 0
    for link in doc.alignment:
        if link.target:
            owners.append(link.target[0])
            after = link.target[-1] + 1
        else:
            owners.append(min(after, last))
    return owners


def _window(doc: DetectionInput, lo: int, hi: int, owners: list[int], starts: list[int]) -> DetectionInput:
    segs = doc.hypothesis_segments
    t_keep: list[int] = []
    new_segs = None
    if segs is not None:
        a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        t_keep = [j for j in range(a, b) if segs[j].end <= hi]
        line0 = segs[t_keep[0]].line if t_keep else 0
        new_segs = [_moved(segs[j], lo, line0) for j in t_keep]
    source, s_segs, links = doc.source, doc.source_segments, doc.alignment
    if links is not None and s_segs is not None and source is not None and segs is not None:
        source, s_segs, links = _source_part(doc, t_keep, owners)
    return replace(doc, hypothesis=doc.hypothesis[lo:hi], hypothesis_segments=new_segs, source=source,
                   source_segments=s_segs, alignment=links)


def _moved(seg: Any, offset: int, line0: int) -> Any:
    return replace(seg, start=seg.start - offset, end=seg.end - offset, line=max(0, seg.line - line0))


def _source_part(doc: DetectionInput, t_keep: Sequence[int], owners: list[int]) -> tuple[str, list, list]:
    """The source segments aligned to the window's MT segments (and the source-only links between
    them), as a source text of their own, and the links renumbered."""
    if not t_keep:
        return "", [], []
    first, last = t_keep[0], t_keep[-1]
    links = doc.alignment or ()
    k0, k1 = bisect.bisect_left(owners, first), bisect.bisect_right(owners, last)
    chosen = links[k0:k1]
    src = doc.source_segments or ()
    s_ids = [i for link in chosen for i in link.source]
    kept = set(t_keep)
    if not s_ids:
        return "", [], [replace(lk, target=tuple(j - first for j in lk.target if j in kept)) for lk in chosen]
    s_first, s_last = min(s_ids), max(s_ids)
    s_lo, s_hi = src[s_first].start, src[s_last].end
    s_line0 = src[s_first].line
    s_new = [_moved(src[i], s_lo, s_line0) for i in range(s_first, s_last + 1)]
    index = {j: n for n, j in enumerate(t_keep)}
    moved = [replace(lk, source=tuple(i - s_first for i in lk.source),
                     target=tuple(index[j] for j in lk.target if j in index))
             for lk in chosen]
    return (doc.source or "")[s_lo:s_hi], s_new, [lk for lk in moved if lk.source or lk.target]
