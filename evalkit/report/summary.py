"""Run summaries: a CSV table (one row per document and per system) and JSON."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..results import RunResult
from ..textio import json_text, write_atomic


def _has_flags(result: RunResult) -> bool:
    return any(s.flag_counts is not None for s in result.systems)


def summary_rows(result: RunResult) -> list[dict]:
    flagged = _has_flags(result)
    rows = []
    for system in result.systems:
        row = {"level": "corpus", "system": system.system, "doc_id": "", "documents": system.n_documents}
        row.update({m: _fmt(system.scores[m].value) for m in result.metrics})
        if flagged:
            row["flags"] = sum((system.flag_counts or {}).values())
            row["mqm_per_100_words"] = _fmt(system.mqm_per_100_words)
        rows.append(row)
    for doc in result.documents:
        row = {"level": "document", "system": doc.system, "doc_id": doc.doc_id, "documents": 1}
        row.update({m: _fmt(doc.scores[m].value) for m in result.metrics})
        if flagged:
            row["flags"] = len(doc.flags or ())
            row["mqm_per_100_words"] = _fmt(doc.mqm.penalty_per_100_words if doc.mqm else None)
        rows.append(row)
    return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def write_csv(result: RunResult, path: Path, *, root: Path | None = None) -> Path:
    buffer = io.StringIO()
    fields = ["level", "system", "doc_id", "documents", *result.metrics]
    if _has_flags(result):
        fields += ["flags", "mqm_per_100_words"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(summary_rows(result))
    write_atomic(path, buffer.getvalue(), root=root)
    return path


def summary_payload(result: RunResult) -> dict:
    return {
        "schema": "evalkit.run-summary",
        "schema_version": "1.0",
        "corpus": result.corpus,
        "mode": input_mode(result),
        "metrics": list(result.metrics),
        "source_lang": result.source_lang,
        "target_lang": result.target_lang,
        "signatures": result.signatures(),
        "systems": {s.system: {m: s.scores[m].to_dict() for m in result.metrics} for s in result.systems},
        "flags": {s.system: {"counts": s.flag_counts, "mqm_per_100_words": _round(s.mqm_per_100_words)}
                  for s in result.systems if s.flag_counts is not None},
        "notes": list(result.notes),
        "versions": result.versions,
    }


def input_mode(result: RunResult) -> str:
    """Which input mode produced the scores: "lines as given" or "documents re-aligned"."""
    return "lines as given" if result.segmentation == "lines" else "documents re-aligned"


def write_json(result: RunResult, path: Path, *, root: Path | None = None) -> Path:
    write_atomic(path, json_text(summary_payload(result)), root=root)
    return path


# Beyond this many documents per system the terminal table shows corpus rows only: the
# per-document figures are in summary.csv and index.html.
TABLE_MAX_DOCUMENTS = 50


def format_table(result: RunResult, max_documents: int = TABLE_MAX_DOCUMENTS) -> str:
    """A plain-text table for the terminal: corpus scores, then each document (when there are at
    most `max_documents` per system)."""
    flagged = _has_flags(result)
    header = ["system", "document", *result.metrics] + (["flags", "MQM/100w"] if flagged else [])
    body = []
    per_document = max((s.n_documents for s in result.systems), default=0) <= max_documents
    by_system: dict[str, list] = {}
    if per_document:
        for doc in result.documents:
            by_system.setdefault(doc.system, []).append(doc)
    for system in result.systems:
        extra = [str(sum((system.flag_counts or {}).values())), _short(system.mqm_per_100_words)] if flagged else []
        documents = f"{system.n_documents} document" + ("" if system.n_documents == 1 else "s")
        body.append([system.system, f"(corpus, {documents})",
                     *[_short(system.scores[m].value, m) for m in result.metrics], *extra])
        for doc in by_system.get(system.system, ()):
            extra = [str(len(doc.flags or ())), _short(doc.mqm.penalty_per_100_words if doc.mqm else None)] \
                if flagged else []
            body.append(["", doc.doc_id, *[_short(doc.scores[m].value, m) for m in result.metrics], *extra])
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in
                       enumerate(zip(row, widths))).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    signatures = [f"{m}: {sig}" for m, sig in result.signatures().items()]
    unit = next((s.unit for system in result.systems for s in system.scores.values()), "")
    if not per_document:
        lines.append(f"(per-document scores: summary.csv and index.html; more than {max_documents} documents)")
    return "\n".join(lines + ["", f"Scores computed over: {unit} ({input_mode(result)})."] + signatures
                     + list(result.notes))


def _short(value: float | None, metric: str = "") -> str:
    """Fixed decimals per metric, as in the HTML (`Metric.decimals`: model metrics 4, others 2)."""
    from .html import number

    return number(value, metric)
