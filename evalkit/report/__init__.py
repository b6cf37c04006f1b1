"""Reporters: render result objects to files; they compute nothing.

`write_reports` writes `<out>/<corpus>/<system>/<doc>.json|.md|.html` and the
run's `index.html`, `summary.csv` and `summary.json`, each file atomically
(write, then rename).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..results import RunResult
from ..textio import write_atomic
from . import html, json_report, markdown, summary


def write_reports(result: RunResult, out_dir: str | Path) -> list[Path]:
    """Write every report of `result` under `out_dir`; returns the files written."""
    root = Path(out_dir) / result.corpus
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out_dir, f"cannot create the output folder ({exc.strerror})") from None
    written = []
    index_rows = []
    for document in result.documents:
        payload = json_report.document_payload(result, document)
        base = root / document.system / document.doc_id
        for suffix, text in ((".json", json_report.dumps(payload)),
                             (".md", markdown.render_document(payload)),
                             (".html", html.render_document(payload))):
            path = base.with_name(base.name + suffix)
            write_atomic(path, text)
            written.append(path)
        index_rows.append({"system": document.system, "doc_id": document.doc_id,
                           "href": f"{document.system}/{document.doc_id}.html",
                           "scores": {m: s.value for m, s in document.scores.items()}})
    written.append(summary.write_csv(result, root / "summary.csv"))
    written.append(summary.write_json(result, root / "summary.json"))
    index = root / "index.html"
    write_atomic(index, html.render_index(summary.summary_payload(result), index_rows))
    written.append(index)
    return written


__all__ = ["write_reports"]
