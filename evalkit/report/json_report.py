"""Per-document JSON reports, versioned by evalkit/schemas/document-report.schema.json.

Keys are sorted and nothing time-dependent is written, so the same inputs and
options give the same bytes.
"""

from __future__ import annotations

from typing import Any

from ..results import DocumentResult, RunResult
from ..textio import json_text

SCHEMA_ID = "evalkit.document-report"
SCHEMA_VERSION = "1.1"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def document_payload(result: RunResult, document: DocumentResult) -> dict[str, Any]:
    payload = {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "corpus": {"name": result.corpus, "source_lang": result.source_lang,
                   "target_lang": result.target_lang},
        "system": document.system,
        "document": {"id": document.doc_id, "title": document.title, "words": document.words},
        "scores": {name: score.to_dict() for name, score in document.scores.items()},
        "notes": list(result.notes),
        "versions": result.versions,
    }
    if document.segments:
        links: dict[str, int] = {}
        for row in document.segments:
            links[row.type] = links.get(row.type, 0) + 1
        payload["alignment"] = {"source-mt": dict(sorted(links.items()))}
        payload["segments"] = [
            {"index": row.index, "type": row.type, "source": row.source, "hypothesis": row.hypothesis,
             "reference": row.reference, "source_spans": [list(s) for s in row.source_spans],
             "hypothesis_spans": [list(s) for s in row.hypothesis_spans],
             "reference_spans": [list(s) for s in row.reference_spans],
             "scores": {m: _round(values[k]) for m, values in sorted(document.segment_scores.items())}}
            for k, row in enumerate(document.segments)]
    if document.flags is not None:
        payload["flags"] = [flag.to_dict() for flag in document.flags]
        payload["mqm"] = document.mqm.to_dict() if document.mqm else None
    return payload


def dumps(payload: dict[str, Any]) -> str:
    return json_text(payload)
