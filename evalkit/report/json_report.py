"""Per-document JSON reports, versioned by evalkit/schemas/document-report.schema.json.

Keys are sorted and nothing time-dependent is written, so the same inputs and
options give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..results import DocumentResult, RunResult
from ..textio import write_atomic

SCHEMA_ID = "evalkit.document-report"
SCHEMA_VERSION = "1.0"


def document_payload(result: RunResult, document: DocumentResult) -> dict[str, Any]:
    return {
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


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def write_document(result: RunResult, document: DocumentResult, root: Path) -> Path:
    path = root / document.system / f"{document.doc_id}.json"
    write_atomic(path, dumps(document_payload(result, document)))
    return path
