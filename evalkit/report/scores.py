"""`evalkit score` output: corpus (and per-document) scores as text, JSON or TSV.

Renders a RunResult; computes nothing. Every format says which input mode produced the numbers
("lines as given" or "documents re-aligned") and carries each metric's signature.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .summary import _short, format_table, input_mode, summary_payload

if TYPE_CHECKING:
    from ..results import RunResult

SCHEMA = "evalkit.score"
SCHEMA_VERSION = "1.0"


def score_payload(result: RunResult, documents: bool = True) -> dict[str, Any]:
    """The run summary plus, when `documents`, every document's scores (system, doc_id, title)."""
    payload = {**summary_payload(result), "schema": SCHEMA, "schema_version": SCHEMA_VERSION}
    if documents:
        payload["documents"] = [
            {"system": d.system, "doc_id": d.doc_id, "title": d.title,
             "scores": {m: d.scores[m].to_dict() for m in result.metrics if m in d.scores}}
            for d in result.documents]
    return payload


def render_json(result: RunResult, documents: bool = True) -> str:
    return json.dumps(score_payload(result, documents), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _value(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def render_tsv(result: RunResult, documents: bool = True) -> str:
    """One row per system (doc_id "*": the corpus) and, when `documents`, per document."""
    header = ["system", "doc_id", *result.metrics, "unit", "mode"]
    mode = input_mode(result)
    rows = [header]
    by_system: dict[str, list] = {}
    if documents:
        for d in result.documents:
            by_system.setdefault(d.system, []).append(d)
    for system in result.systems:
        unit = next((s.unit for s in system.scores.values()), "")
        rows.append([system.system, "*", *[_value(system.scores[m].value) for m in result.metrics], unit, mode])
        for d in by_system.get(system.system, ()):
            unit = next((s.unit for s in d.scores.values()), "")
            rows.append([d.system, d.doc_id, *[_value(d.scores[m].value if m in d.scores else None)
                                               for m in result.metrics], unit, mode])
    signatures = [f"# {m}: {sig}" for m, sig in result.signatures().items()]
    return "\n".join("\t".join(row) for row in rows) + "\n" + "\n".join(signatures) + "\n"


def render_text(result: RunResult, documents: bool = True) -> str:
    """The run's terminal table (corpus, then document rows) or, without `documents`, corpus rows only."""
    if documents:   # asked for with --doc-ids: every document, however many
        return format_table(result, max_documents=len(result.documents)) + "\n"
    header = ["system", *result.metrics]
    body = [[s.system, *[_short(s.scores[m].value) for m in result.metrics]] for s in result.systems]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
             for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    unit = next((s.unit for system in result.systems for s in system.scores.values()), "")
    n = next((s.n for system in result.systems for s in system.scores.values()), 0)
    signatures = [f"{m}: {sig}" for m, sig in result.signatures().items()]
    return "\n".join(lines + ["", f"Scores computed over: {n} {unit} ({input_mode(result)})."] + signatures
                     + list(result.notes)) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "tsv": render_tsv}
