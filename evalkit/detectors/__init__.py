"""Error detectors: one module per error family, one registry, one entry point.

`run_detectors` runs the registered detectors (or a chosen few) on one document
and returns its flags in document order. Adding a detector means adding one
module with a `Detector` subclass and registering it here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from ..errors import DetectorFailed
from ..flags import Flag, sort_flags
from ..registry import Registry
from .base import MODEL, DetectionInput, Detector

DETECTORS: Registry[type[Detector]] = Registry("detector")


# name -> "module:Class"; modules that are not there yet are skipped.
BUILTIN: dict[str, str] = {
    "untranslated": "evalkit.detectors.untranslated:UntranslatedDetector",
    "names": "evalkit.detectors.names:NamesDetector",
    "injected": "evalkit.detectors.injected:InjectedContentDetector",
    "structure": "evalkit.detectors.structure:StructureDetector",
    "punctuation": "evalkit.detectors.punctuation:PunctuationDetector",
    "xcomet": "evalkit.detectors.xcomet:XCOMETDetector",
}



def _available(target: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(target.partition(":")[0]) is not None


for _name, _target in BUILTIN.items():
    if _available(_target):
        DETECTORS.register(_name, _target)


def default_names() -> list[str]:
    """The detectors run when none are named: every rule detector (model detectors only when named)."""
    return [name for name in DETECTORS.names() if DETECTORS.get(name).kind != MODEL]


def make_detectors(names: Sequence[str] | None = None, **model_settings: Any) -> list[Detector]:
    """The named detectors (None: every rule detector; model detectors run only when named).
    `model_settings` (model, batch_size, gpus, cache, progress) go to the model detectors."""
    chosen = list(names) if names is not None else default_names()
    return [DETECTORS.get(name)(**model_settings) if DETECTORS.get(name).kind == MODEL else DETECTORS.get(name)()
            for name in chosen]


def _detected(detector: Detector, part: DetectionInput, doc_id: str) -> list[Flag]:
    """The detector's flags on `part`; an exception it raises becomes DetectorFailed, naming it and the document."""
    try:
        return list(detector.detect(part))
    except Exception as exc:
        raise DetectorFailed(detector.name, doc_id, f"{type(exc).__name__}: {exc}") from exc


# A line flagged as injected content, or as a repeated copy, is one error: flags inside it are
# not reported again (the first copy carries them), as the annotation guidelines have it.
SUBSUMING = ("addition/boilerplate", "addition/prompt-leak", "fluency/duplication")
# A spun name is one error too: the English words of "Day by day Telegraph" are the name's, not an
# untranslated phrase beside it.
NAMED_ENTITY = "accuracy/mistranslation/named-entity"
DUPLICATION = "fluency/duplication"
INSIDE_NAMES = ("accuracy/untranslated",)


def run_detectors(doc: DetectionInput, detectors: Iterable[Detector] | None = None) -> list[Flag]:
    """All flags for one document, de-duplicated, in document order.

    Flags that lie inside a span flagged as injected content (boilerplate, a
    leaked prompt) or as a duplicated copy are dropped, and so are untranslated
    flags inside a spun name's span: one error, one flag.
    A document longer than `windows.WINDOW` characters is read in windows.
    """
    from .windows import shift, windows

    if _FREEZE["wanted"] and not _FREEZE["done"] and gc.isenabled():
        # the first document of a process that freezes its tables builds them (gazetteer, word lists, cue
        # regexes): the collector is held off meanwhile (its full collections would walk the growing tables
        # again and again), and _freeze's one collection at the end frees what that document left behind
        gc.disable()
        try:
            return run_detectors(doc, detectors)
        finally:
            gc.enable()
    found: dict[tuple, Flag] = {}
    chosen = list(detectors) if detectors is not None else make_detectors()
    # a long document is read in windows of whole lines (evalkit/detectors/windows.py)
    for offset, part in windows(doc):
        for detector in chosen:
            for flag in _detected(detector, part, doc.doc_id):
                if not (0 <= flag.start < flag.end <= len(part.hypothesis)):
                    raise ValueError(f"detector {detector.name!r} returned a span outside the text: "
                                     f"[{flag.start}, {flag.end})")
                flag = shift(flag, offset)
                flag = flag if flag.doc_id or not doc.doc_id else _with_ids(flag, doc)
                found.setdefault((flag.start, flag.end, flag.category), flag)
    inside = _Covering([(f.start, f.end) for f in found.values() if f.category in SUBSUMING])
    in_name = _Covering([(f.start, f.end) for f in found.values() if f.category == NAMED_ENTITY])
    kept = [f for f in found.values() if f.category in SUBSUMING or not inside(f.start, f.end)
            and not (f.category in INSIDE_NAMES and in_name(f.start, f.end))]
    kept += _in_first_copies(doc, found.values(), inside)
    if _FREEZE["wanted"] and not _FREEZE["done"]:
        _freeze()
    return sort_flags(kept)


# whether this process freezes the detectors' tables after its first document, and whether it has
_FREEZE = {"wanted": False, "done": False}


def freeze_tables_after_first_document() -> None:
    """For a process evalkit owns (the `evalkit` command, `python -m evalkit`, its pool workers, the
    benchmarks): after the first document, when the detectors' tables (gazetteers, word lists, cue
    regexes, the language model) are loaded, everything alive is taken out of the garbage collector's
    reach (gc.freeze), so that its full collections stop walking those tables every few documents.
    Not done for a library caller: gc.freeze affects the whole process, and cyclic garbage among
    frozen objects is never freed."""
    _FREEZE["wanted"] = True


def _freeze() -> None:
    _FREEZE["done"] = True
    gc.collect()   # nothing that is garbage now stays frozen
    gc.freeze()


def _in_first_copies(doc: DetectionInput, flags, inside) -> list[Flag]:
    """A name flagged against the source's own name on a line the MT wrote twice, in the later copy (the one
    the aligner paired with the source, flagged as a duplication, which drops the flags inside it): the same
    flag on the same words of the nearest line above that is no duplication itself and nearly the same line,
    where no name flag stands already."""
    text, source = doc.hypothesis, doc.source or ""
    copies = [(f.start, f.end) for f in flags if f.category == DUPLICATION]
    names = [f for f in flags if f.category == NAMED_ENTITY]
    out = []
    for flag in names:
        if not flag.suggestion or flag.suggestion not in source \
                or not any(a <= flag.start and flag.end <= b for a, b in copies):
            continue
        line_start = text.rfind("\n", 0, flag.start) + 1
        at = text.rfind(flag.text, 0, line_start)
        if at < 0 or inside(at, at + len(flag.text)) or any(f.start < at + len(flag.text) and at < f.end
                                                           for f in names):
            continue
        if SequenceMatcher(None, _line_at(text, at), _line_at(text, flag.start)).ratio() < _COPY_RATIO:
            continue   # the name written again in another sentence: not the copy's own line
        out.append(replace(flag, start=at, end=at + len(flag.text),
                           evidence=flag.evidence + " (read on the line's later copy, which the aligner paired "
                                                    "with the source)"))
    return out


def _line_at(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)]


# how alike a line and the later copy a name was flagged on are, at least (SequenceMatcher's ratio)
_COPY_RATIO = 0.8


class _Covering:
    """Whether a span lies inside one of the given spans: the spans merged where one holds another's
    start, then a binary search (a page of thousands of flagged lines is not searched pairwise)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort(key=lambda s: (s[0], -s[1]))
        self.starts: list[int] = []
        self.ends: list[int] = []   # the furthest end of the spans starting at or before starts[k]
        for a, b in spans:
            if self.ends and b <= self.ends[-1]:
                continue  # inside an earlier span: adds nothing
            self.starts.append(a)
            self.ends.append(b)

    def __call__(self, start: int, end: int) -> bool:
        import bisect

        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and end <= self.ends[k]


def _with_ids(flag: Flag, doc: DetectionInput) -> Flag:
    from dataclasses import replace

    return replace(flag, doc_id=doc.doc_id, system=doc.system)


__all__ = ["DETECTORS", "DetectionInput", "Detector", "default_names", "make_detectors", "run_detectors"]
