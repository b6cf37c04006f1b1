"""Reporters: render result objects to files; they compute nothing.

`write_reports` writes `<out>/<corpus>/<system>/<doc>.json|.md|.html` and the
run's `index.html`, `summary.csv` and `summary.json`, each file atomically
(write, then rename).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..results import DocumentResult, RunResult
from ..textio import make_folder, unsafe_name, write_atomic
from . import html, json_report, markdown, summary


def _inside(folder: str | Path, **names: str) -> Path:
    """`folder/<name>/...`, refusing any name that would lead outside `folder`.

    Names come from corpus.yaml, datasets and Python callers; this is the one place report
    paths are made, so a hostile name (`../../x`, `/etc`) cannot escape the output folder.
    """
    for what, name in names.items():
        reason = unsafe_name(name)
        if reason:
            raise InputError(folder, f"refusing to write reports for {what} name {name!r}: {reason}")
    return Path(folder).joinpath(*names.values())


def output_root(result: RunResult, out_dir: str | Path) -> Path:
    """`<out_dir>/<corpus>`, created; a symlink planted there is refused, not followed."""
    _inside(out_dir, corpus=result.corpus)
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out_dir, f"cannot create the output folder ({exc.strerror})") from None
    return make_folder(out_dir, result.corpus)


# The files written for each document: <system>/<doc>.json, .md and .html.
DOCUMENT_REPORTS = ((".json", json_report.dumps), (".md", markdown.render_document), (".html", html.render_document))


def write_document_reports(result: RunResult, document: DocumentResult, root: Path) -> list[Path]:
    """The JSON, Markdown and HTML pages of one document (callable as soon as it is scored)."""
    payload = json_report.document_payload(result, document)
    base = _inside(root, system=document.system, document=document.doc_id)
    written = []
    for suffix, render in DOCUMENT_REPORTS:
        path = base.with_name(base.name + suffix)
        write_atomic(path, render(payload), root=root)
        written.append(path)
    return written


def write_run_reports(result: RunResult, root: Path) -> list[Path]:
    """The run's summary.csv, summary.json and index.html."""
    index_rows = [{"system": d.system, "doc_id": d.doc_id, "title": d.title, "href": f"{d.system}/{d.doc_id}.html",
                   "scores": {**{m: s.value for m, s in d.scores.items()},
                              **({"mqm/100w": d.mqm.penalty_per_100_words} if d.mqm else {})}}
                  for d in result.documents]
    written = [summary.write_csv(result, root / "summary.csv", root=root),
               summary.write_json(result, root / "summary.json", root=root)]
    index = root / "index.html"
    write_atomic(index, html.render_index(summary.summary_payload(result), index_rows), root=root)
    return written + [index]


def write_reports(result: RunResult, out_dir: str | Path) -> list[Path]:
    """Write every report of `result` under `out_dir`; returns the files written."""
    root = output_root(result, out_dir)
    written = []
    for document in result.documents:
        written += write_document_reports(result, document, root)
    return written + write_run_reports(result, root)


__all__ = ["DOCUMENT_REPORTS", "output_root", "write_document_reports", "write_reports", "write_run_reports"]
