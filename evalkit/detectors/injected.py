"""Injected-content detector: site junk (ads, teasers, comment forms, hosting bylines, stray lines)
and leaked generation prompts. The lines are classified in layout.py (shared with the structure and
punctuation detectors); this module turns its verdicts into flags.
"""

from __future__ import annotations

from ..flags import Flag
from .base import DetectionInput, Detector
from .layout import analyse_lines


class InjectedContentDetector(Detector):
    """Site junk and leaked prompts: one flag per junk line, one per leaked prompt."""

    name = "injected"
    categories = ("addition/boilerplate", "addition/prompt-leak")

    def detect(self, doc: DetectionInput) -> list[Flag]:
        flags: list[Flag] = []
        text = doc.hypothesis
        for line in analyse_lines(doc):
            if line.kind == "junk":
                flags.append(Flag(line.start, line.end, line.category, "major", text[line.start:line.end],
                                  self.name, suggestion="", confidence=line.confidence,
                                  evidence=line.evidence, doc_id=doc.doc_id, system=doc.system))
                continue
            if line.learned:   # the line classifier's verdict: major, its own evidence
                flags.append(Flag(line.start, line.end, line.category, "major", text[line.start:line.end],
                                  self.name, suggestion="", confidence=line.confidence, evidence=line.evidence,
                                  doc_id=doc.doc_id, system=doc.system))
                continue
            for start, end, cue in line.prompts:
                flags.append(Flag(start, end, "addition/prompt-leak", "critical", text[start:end], self.name,
                                  suggestion="", confidence=0.95,
                                  evidence=f"instruction to a text generator: {cue!r}",
                                  doc_id=doc.doc_id, system=doc.system))
        return flags
