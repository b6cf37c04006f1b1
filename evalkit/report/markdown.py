"""Markdown rendering of the per-document report payload (the JSON report's content)."""

from __future__ import annotations

from typing import Any


def _cell(text: Any) -> str:
    """Escape a value for a Markdown table cell (corpus text must never become markup)."""
    value = "" if text is None else str(text)
    value = value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _code(text: Any) -> str:
    """A code span that no backtick in `text` can close early."""
    return "`" + _cell(text).replace("`", "'") + "`"


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def render_document(payload: dict[str, Any]) -> str:
    doc = payload["document"]
    corpus = payload["corpus"]
    lines = [f"# {_cell(doc['id'])} — {_cell(payload['system'])}", ""]
    if doc.get("title"):
        lines += [f"*{_cell(doc['title'])}*", ""]
    words = ", ".join(f"{_cell(k)} {v}" for k, v in sorted(doc["words"].items()))
    pair = f"{_cell(corpus['source_lang'])} → {_cell(corpus['target_lang'])}"
    lines += [f"Corpus {_code(corpus['name'])}, {pair}. Words: {words}.", ""]
    lines += ["## Scores", "", "| metric | value | unit | n | signature |", "|---|---:|---|---:|---|"]
    for name, score in sorted(payload["scores"].items()):
        value = _num(score["value"]) if score["value"] is not None else \
            f"not computed: {score.get('error', '')}"
        lines.append(f"| {_cell(name)} | {_cell(value)} | {_cell(score['unit'])} | {score['n']} | "
                     f"{_code(score['signature'])} |")
    lines.append("")
    flags = payload.get("flags")
    if flags is not None:
        lines += ["## Flags", ""]
        summary = payload.get("mqm")
        if summary:
            lines += [(f"MQM-style penalty: {_num(summary['penalty_per_100_words'])} per 100 words "
                       f"({summary['penalty']} points over {summary['words']} words)."), ""]
        if flags:
            lines += ["| category | severity | text | suggestion | detector | evidence |", "|---|---|---|---|---|---|"]
            for flag in flags:
                cells = [flag[k] for k in ("category", "severity", "text")] + [flag.get("suggestion"),
                                                                               flag["detector"], flag.get("evidence")]
                lines.append("| " + " | ".join(map(_cell, cells)) + " |")
        else:
            lines.append("No flags.")
        lines.append("")
    segments = payload.get("segments")
    if segments:
        metrics = sorted({m for s in segments for m in s.get("scores", {})})
        lines += ["## Aligned segments", "",
                  "| # | link | source | MT | reference | " + " | ".join(map(_cell, metrics)) + " |",
                  "|---:|---|---|---|---|" + "---:|" * len(metrics)]
        for s in segments:
            scores = [_num(s.get("scores", {}).get(m)) for m in metrics]
            lines.append(f"| {s['index']} | {_cell(s['type'])} | {_cell(s['source'])} | "
                         f"{_cell(s['hypothesis'])} | {_cell(s['reference'])} | " + " | ".join(scores) + " |")
        lines.append("")
    if payload.get("notes"):
        lines += ["## Notes", ""] + [f"- {_cell(n)}" for n in payload["notes"]] + [""]
    versions = ", ".join(f"{_cell(k)} {_cell(v)}" for k, v in sorted(payload["versions"].items()))
    lines += ["## Versions", "", versions, ""]
    return "\n".join(lines)
