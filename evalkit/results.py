"""Result records of a run, and their pandas views.

Frozen dataclasses produced by the pipeline and rendered by the reporters;
DataFrames are made only at the edge (`RunResult.documents_frame()`...).
"""

from __future__ import annotations

import pickle
import tempfile
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .alignment.rows import AlignedSegment
from .flags import Flag, MQMSummary
from .metrics.base import Score
from .ondemand import OnDemand

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
    segments: tuple[AlignedSegment, ...] = ()
    segment_scores: dict[str, list[float | None]] = field(default_factory=dict)  # metric -> one per segment
    flags: tuple[Flag, ...] | None = None         # None: detectors not run
    mqm: MQMSummary | None = None
    # metric -> the column sums of its segments' sufficient statistics (sacreBLEU metrics):
    # what corpus scores and document-level resampling re-sum, kept when segments are dropped
    statistics: dict[str, list | None] = field(default_factory=dict)


@dataclass(frozen=True)
class SystemResult:
    """Corpus-level scores of one system."""

    system: str
    scores: dict[str, Score]
    n_documents: int
    flag_counts: dict[str, int] | None = None   # category -> flags over all documents; None: not run
    mqm_per_100_words: float | None = None      # total penalty per 100 MT words over all documents


class DocumentSpool:
    """DocumentResults written to an anonymous temporary file as a run streams them.

    A long run (the CLI's) keeps each finished document's scores, flags and statistics for its
    summaries, but not in memory: a corpus of a million documents would not fit. What stays in
    memory is 16 bytes per document (where its record starts and how long it is); the file is
    deleted when the spool is closed or collected.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="evalkit-results-")
        self._end = 0
        self._lock = threading.Lock()

    def put(self, result: DocumentResult) -> tuple[int, int]:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            offset = self._end
            self._file.seek(offset)
            self._file.write(data)
            self._end += len(data)
        return offset, len(data)

    def get(self, offset: int, length: int) -> DocumentResult:
        with self._lock:
            self._file.seek(offset)
            data = self._file.read(length)
        return pickle.loads(data)


class SpooledDocuments(OnDemand[DocumentResult]):
    """A read-only sequence of DocumentResults kept in a `DocumentSpool`, in a given order: the
    k-th is the record of `lengths[k]` bytes at `offsets[k]` (as `DocumentSpool.put` returned)."""

    def __init__(self, spool: DocumentSpool, offsets: array, lengths: array):
        if len(offsets) != len(lengths):
            raise ValueError(f"{len(offsets)} offsets for {len(lengths)} lengths")
        self._spool = spool
        self._offsets = offsets
        self._lengths = lengths

    def __len__(self) -> int:
        return len(self._offsets)

    def _item(self, k: int) -> DocumentResult:
        return self._spool.get(self._offsets[k], self._lengths[k])

    def __reduce__(self) -> tuple:
        return tuple, (tuple(self),)   # pickled (to a notebook, a worker) as a plain tuple

    def __repr__(self) -> str:
        return f"SpooledDocuments({len(self)} documents)"


@dataclass(frozen=True)
class RunResult:
    """The outcome of `evaluate`: per-document and per-system results.

    `documents` is a tuple, or, for a run that streamed its documents to `on_document` (the
    CLI), a `SpooledDocuments` read back from a temporary file.
    """

    corpus: str
    source_lang: str
    target_lang: str
    metrics: tuple[str, ...]
    documents: Sequence[DocumentResult]
    systems: tuple[SystemResult, ...]
    versions: dict[str, str]
    notes: tuple[str, ...] = field(default=())
    # "lines": every score was computed over lines as given; "sentences": over documents
    # re-segmented and re-aligned (or whole documents, with unit "document")
    segmentation: str = "sentences"

    def documents_frame(self) -> pd.DataFrame:
        """One row per (system, document), one column per metric."""
        import pandas as pd

        rows = []
        for d in self.documents:
            row: dict[str, Any] = {"system": d.system, "doc_id": d.doc_id}
            row.update({m: d.scores[m].value if m in d.scores else None for m in self.metrics})
            row.update({f"words_{k}": v for k, v in sorted(d.words.items())})
            if d.flags is not None:
                row["flags"] = len(d.flags)
                row["mqm_per_100_words"] = d.mqm.penalty_per_100_words if d.mqm else None
            rows.append(row)
        return pd.DataFrame(rows)

    def segments_frame(self) -> pd.DataFrame:
        """One row per aligned segment: texts, link type and segment scores."""
        import pandas as pd

        rows = []
        for d in self.documents:
            for k, s in enumerate(d.segments):
                row: dict[str, Any] = {"system": d.system, "doc_id": d.doc_id, "segment": s.index,
                                       "type": s.type, "source": s.source, "hypothesis": s.hypothesis,
                                       "reference": s.reference}
                row.update({m: values[k] for m, values in d.segment_scores.items()})
                rows.append(row)
        return pd.DataFrame(rows)

    def flags_frame(self) -> pd.DataFrame:
        """One row per flag."""
        import pandas as pd

        columns = ["system", "doc_id", "category", "severity", "start", "end", "text", "suggestion",
                   "detector", "confidence", "evidence"]
        rows = [{c: getattr(f, c) if c not in ("system", "doc_id") else getattr(d, c) for c in columns}
                for d in self.documents for f in (d.flags or ())]
        return pd.DataFrame(rows, columns=columns)

    def systems_frame(self) -> pd.DataFrame:
        """One row per system, one column per metric (corpus level)."""
        import pandas as pd

        rows = []
        for s in self.systems:
            row: dict[str, Any] = {"system": s.system, "documents": s.n_documents}
            row.update({m: s.scores[m].value if m in s.scores else None for m in self.metrics})
            if s.flag_counts is not None:
                row["flags"] = sum(s.flag_counts.values())
                row["mqm_per_100_words"] = s.mqm_per_100_words
            rows.append(row)
        return pd.DataFrame(rows)

    def signatures(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for s in self.systems:
            for name, score in s.scores.items():
                found.setdefault(name, score.signature)
        return found
