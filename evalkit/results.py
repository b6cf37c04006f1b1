"""Result records of a run, and their pandas views.

Frozen dataclasses produced by the pipeline and rendered by the reporters;
DataFrames are made only at the edge (`RunResult.documents_frame()`...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .metrics.base import Score

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class DocumentResult:
    """Everything evalkit found about one system's translation of one document."""

    corpus: str
    system: str
    doc_id: str
    title: str
    source_lang: str
    target_lang: str
    scores: dict[str, Score]
    words: dict[str, int]


@dataclass(frozen=True)
class SystemResult:
    """Corpus-level scores of one system."""

    system: str
    scores: dict[str, Score]
    n_documents: int


@dataclass(frozen=True)
class RunResult:
    """The outcome of `evaluate`: per-document and per-system results."""

    corpus: str
    source_lang: str
    target_lang: str
    metrics: tuple[str, ...]
    documents: tuple[DocumentResult, ...]
    systems: tuple[SystemResult, ...]
    versions: dict[str, str]
    notes: tuple[str, ...] = field(default=())

    def documents_frame(self) -> "pd.DataFrame":
        """One row per (system, document), one column per metric."""
        import pandas as pd

        rows = []
        for d in self.documents:
            row: dict[str, Any] = {"system": d.system, "doc_id": d.doc_id}
            row.update({m: d.scores[m].value if m in d.scores else None for m in self.metrics})
            row.update({f"words_{k}": v for k, v in sorted(d.words.items())})
            rows.append(row)
        return pd.DataFrame(rows)

    def systems_frame(self) -> "pd.DataFrame":
        """One row per system, one column per metric (corpus level)."""
        import pandas as pd

        rows = []
        for s in self.systems:
            row: dict[str, Any] = {"system": s.system, "documents": s.n_documents}
            row.update({m: s.scores[m].value if m in s.scores else None for m in self.metrics})
            rows.append(row)
        return pd.DataFrame(rows)

    def signatures(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for s in self.systems:
            for name, score in s.scores.items():
                found.setdefault(name, score.signature)
        return found
