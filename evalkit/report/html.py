"""Self-contained HTML reports: a page per document and an index per run.

No scripts or styles are loaded from the network; every corpus text goes through
`html.escape`. The document page shows the aligned side-by-side view (source |
MT | reference) with segment scores, and flagged spans highlighted in their
category's colour with category, severity, suggestion and evidence on hover.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from html import escape
from typing import Any

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1b1b1b;max-width:1400px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.ins td{background:#fff4f0}tr.omi td{background:#f0f6ff}
code{font-size:12px;color:#555}.muted{color:#777}
mark{border-radius:2px;padding:0 1px;cursor:help}
.legend span{display:inline-block;margin:0 .6rem .3rem 0;padding:0 .3rem;border-radius:2px}
svg text{font:11px system-ui,sans-serif}
"""

PALETTE = ["#ffd8a8", "#ffc9c9", "#d0bfff", "#a5d8ff", "#b2f2bb", "#ffec99", "#fcc2d7",
           "#99e9f2", "#e9ecef", "#c0eb75", "#eebefa", "#ffe8cc"]


def category_colour(category: str) -> str:
    """A stable colour per MQM category (the same in every report)."""
    digest = int(hashlib.sha256(category.encode("utf-8")).hexdigest(), 16)
    return PALETTE[digest % len(PALETTE)]


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n")


class FlagIndex:
    """Flags bucketed by position: a page with 10^5 segments and 10^5 flags must not scan all
    flags for every segment (that made one 5 MB document take hours)."""

    BUCKET = 4096

    def __init__(self, flags: Sequence[dict[str, Any]]):
        self.flags = list(flags)
        self._buckets: dict[int, list[int]] = {}
        for i, f in enumerate(self.flags):
            for bucket in self._range(f["start"], f["end"]):
                self._buckets.setdefault(bucket, []).append(i)

    def _range(self, start: int, end: int) -> range:
        return range(start // self.BUCKET, (max(end, start + 1) - 1) // self.BUCKET + 1)

    def overlapping(self, start: int, end: int) -> list[dict[str, Any]]:
        """The flags that overlap [start, end), in their original order."""
        found: set[int] = set()
        for bucket in self._range(start, end):
            found.update(self._buckets.get(bucket, ()))
        return [self.flags[i] for i in sorted(found) if self.flags[i]["start"] < end and self.flags[i]["end"] > start]


def highlight(text: str, offset: int, flags: Sequence[dict[str, Any]] | FlagIndex) -> str:
    """Escape `text` (which starts at `offset` in the raw MT) and mark the flagged spans in it."""
    end = offset + len(text)
    index = flags if isinstance(flags, FlagIndex) else FlagIndex(flags)
    inside = index.overlapping(offset, end)
    if not inside:
        return escape(text)
    cuts = sorted({0, len(text)} | {max(0, min(len(text), f[k] - offset)) for f in inside for k in ("start", "end")})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        active = [f for f in inside if f["start"] - offset <= a and f["end"] - offset >= b]
        chunk = escape(text[a:b])
        if not active:
            pieces.append(chunk)
            continue
        top = min(active, key=lambda f: f["end"] - f["start"])  # innermost span gives the colour
        tip = "\n".join(f"{f['category']} ({f['severity']})"
                        + (f" → {f['suggestion']}" if f.get("suggestion") is not None else "")
                        + f" [{f['detector']}]" + (f": {f['evidence']}" if f.get("evidence") else "")
                        for f in active)
        pieces.append(f"<mark style=\"background:{category_colour(top['category'])}\" "
                      f"title=\"{escape(tip)}\">{chunk}</mark>")
    return "".join(pieces)


def render_document(payload: dict[str, Any], *, index_href: str = "../index.html") -> str:
    doc, corpus = payload["document"], payload["corpus"]
    title = f"{doc['id']} — {payload['system']}"
    parts = [f"<p><a href=\"{escape(index_href)}\">← index</a></p>", f"<h1>{escape(title)}</h1>"]
    if doc.get("title"):
        parts.append(f"<p><em>{escape(doc['title'])}</em></p>")
    parts.append(f"<p class=\"muted\">Corpus <code>{escape(corpus['name'])}</code>, "
                 f"{escape(corpus['source_lang'])} → {escape(corpus['target_lang'])}. Words: "
                 + escape(", ".join(f"{k} {v}" for k, v in sorted(doc["words"].items()))) + "</p>")

    rows = []
    for name, score in sorted(payload["scores"].items()):
        value = _num(score["value"]) if score["value"] is not None else "not computed"
        reason = f"<br><span class=\"muted\">{escape(score['error'])}</span>" if score.get("error") else ""
        rows.append(f"<tr><td>{escape(name)}</td><td class=\"num\">{escape(value)}</td>"
                    f"<td>{escape(score['unit'])}</td><td class=\"num\">{score['n']}</td>"
                    f"<td><code>{escape(score['signature'])}</code>{reason}</td></tr>")
    parts.append("<h2>Scores</h2><table><tr><th>metric</th><th>value</th><th>unit</th><th>n</th>"
                 "<th>signature</th></tr>" + "".join(rows) + "</table>")

    flags = payload.get("flags") or []
    if payload.get("flags") is not None:
        parts.append(_flags_section(payload, flags))
    segments = payload.get("segments") or []
    if segments:
        parts.append(_segments_section(segments, flags))
    if payload.get("notes"):
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in payload["notes"]) + "</ul>")
    parts.append("<p class=\"muted\">" + escape(", ".join(f"{k} {v}" for k, v in
                                                            sorted(payload["versions"].items()))) + "</p>")
    return _page(title, "\n".join(parts))


def _flags_section(payload: dict[str, Any], flags: Sequence[dict[str, Any]]) -> str:
    parts = ["<h2>Flags</h2>"]
    mqm = payload.get("mqm")
    if mqm:
        parts.append(f"<p>MQM-style penalty: <b>{_num(mqm['penalty_per_100_words'])}</b> per 100 words "
                     f"({mqm['penalty']} points over {mqm['words']} words).</p>")
    if not flags:
        return "".join(parts) + "<p>No flags.</p>"
    categories = sorted({f["category"] for f in flags})
    parts.append("<p class=\"legend\">" + "".join(
        f"<span style=\"background:{category_colour(c)}\">{escape(c)}</span>" for c in categories) + "</p>")
    rows = [f"<tr><td><mark style=\"background:{category_colour(f['category'])}\">{escape(f['category'])}"
            f"</mark></td><td>{escape(f['severity'])}</td><td>{escape(f['text'])}</td>"
            f"<td>{escape('' if f.get('suggestion') is None else str(f['suggestion']))}</td>"
            f"<td>{escape(f['detector'])}</td><td class=\"num\">{f['start']}–{f['end']}</td>"
            f"<td>{escape(f.get('evidence') or '')}</td></tr>"
            for f in flags]
    parts.append("<table><tr><th>category</th><th>severity</th><th>text</th><th>suggestion</th>"
                 "<th>detector</th><th>span</th><th>evidence</th></tr>" + "".join(rows) + "</table>")
    return "".join(parts)


def _segments_section(segments: Sequence[dict[str, Any]], flags: Sequence[dict[str, Any]]) -> str:
    metrics = sorted({m for s in segments for m in s.get("scores", {})})
    head = "<tr><th>#</th><th>link</th><th>source</th><th>MT</th><th>reference</th>" + \
        "".join(f"<th>{escape(m)}</th>" for m in metrics) + "</tr>"
    rows = []
    index = FlagIndex(flags)
    for s in segments:
        kind = " class=\"ins\"" if s["type"].startswith("0-") else (
            " class=\"omi\"" if s["type"].endswith("-0") else "")
        hyp_spans = s.get("hypothesis_spans") or []
        if hyp_spans:
            mt = "<br>".join(highlight(s["hypothesis"][a:b], start, index)
                             for (start, _end), (a, b) in zip(hyp_spans, _local_spans(s["hypothesis"], hyp_spans)))
        else:
            mt = escape(s["hypothesis"])
        cells = [f"<td class=\"num\">{s['index']}</td>", f"<td>{escape(s['type'])}</td>",
                 f"<td>{escape(s['source'])}</td>", f"<td>{mt}</td>", f"<td>{escape(s['reference'])}</td>"]
        cells += [f"<td class=\"num\">{_num(s.get('scores', {}).get(m))}</td>" for m in metrics]
        rows.append(f"<tr{kind}>" + "".join(cells) + "</tr>")
    return ("<h2>Aligned segments (source | MT | reference)</h2>"
            "<p class=\"muted\">Pink rows: MT with no source (insertions). Blue rows: source with no MT "
            "(omissions).</p><table>" + head + "".join(rows) + "</table>")


def _local_spans(joined: str, spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Positions of each raw span's text inside the segment's joined text (joined with one space)."""
    out, cursor = [], 0
    for start, end in spans:
        out.append((cursor, cursor + (end - start)))
        cursor += (end - start) + 1
    return out


def render_index(summary: dict[str, Any], documents: Sequence[dict[str, Any]]) -> str:
    """The run's index: corpus-level table, a plot of per-document scores, links to every page."""
    corpus = summary["corpus"]
    metrics = list(summary["metrics"])
    plotted = metrics + (["mqm/100w"] if any("mqm/100w" in d["scores"] for d in documents) else [])
    parts = [f"<h1>evalkit — {escape(corpus)}</h1>",
             f"<p class=\"muted\">{escape(summary['source_lang'])} → {escape(summary['target_lang'])}</p>"]
    head = "<tr><th>system</th>" + "".join(f"<th>{escape(m)}</th>" for m in metrics) + "</tr>"
    rows = "".join("<tr><td>" + escape(system) + "</td>" + "".join(
        f"<td class=\"num\">{_num(scores[m]['value']) if m in scores else 'n/a'}</td>" for m in metrics)
        + "</tr>" for system, scores in sorted(summary["systems"].items()))
    parts.append("<h2>Corpus level</h2><table>" + head + rows + "</table>")
    for m in plotted:
        parts.append(f"<h2>{escape(m)} per document</h2>" + _plot(documents, m))
    doc_head = "<tr><th>system</th><th>document</th>" + "".join(f"<th>{escape(m)}</th>" for m in plotted) + \
        "<th>report</th></tr>"
    doc_rows = "".join(
        f"<tr><td>{escape(d['system'])}</td><td>{escape(d['doc_id'])}</td>" + "".join(
            f"<td class=\"num\">{_num(d['scores'].get(m))}</td>" for m in plotted)
        + f"<td><a href=\"{escape(d['href'])}\">html</a></td></tr>" for d in documents)
    parts.append("<h2>Documents</h2><table>" + doc_head + doc_rows + "</table>")
    if summary.get("notes"):
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in summary["notes"]) + "</ul>")
    parts.append("<h2>Signatures</h2><ul>" + "".join(
        f"<li>{escape(m)}: <code>{escape(sig)}</code></li>" for m, sig in sorted(summary["signatures"].items()))
        + "</ul>")
    return _page(f"evalkit — {corpus}", "\n".join(parts))


def _plot(documents: Sequence[dict[str, Any]], metric: str) -> str:
    """An inline SVG dot plot: one row per document, one colour per system."""
    values = [(d["system"], d["doc_id"], d["scores"].get(metric)) for d in documents]
    present = [v for _, _, v in values if v is not None]
    if not present:
        return "<p class=\"muted\">not computed</p>"
    doc_ids = list(dict.fromkeys(doc for _, doc, _ in values))
    systems = list(dict.fromkeys(system for system, _, _ in values))
    low, high = min(0.0, min(present)), max(100.0, max(present)) if max(present) > 1.5 else max(1.0, max(present))
    width, left, row = 760, 190, 18
    height = row * len(doc_ids) + 40
    scale = (width - left - 20) / ((high - low) or 1.0)
    colours = ["#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599"]
    out = [(f"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" "
           f"role=\"img\" aria-label=\"{escape(metric)} per document\">")]
    for i, doc in enumerate(doc_ids):
        y = 20 + i * row
        out.append(f"<text x=\"4\" y=\"{y + 4}\">{escape(doc[:28])}</text>"
                   f"<line x1=\"{left}\" x2=\"{width - 20}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#eee\"/>")
    for system, doc, value in values:
        if value is None:
            continue
        x = left + (value - low) * scale
        y = 20 + doc_ids.index(doc) * row
        colour = colours[systems.index(system) % len(colours)]
        out.append(f"<circle cx=\"{x:.1f}\" cy=\"{y}\" r=\"5\" fill=\"{colour}\">"
                   f"<title>{escape(system)} {escape(doc)}: {value:.2f}</title></circle>")
    axis_y = height - 12
    for tick in (low, (low + high) / 2, high):
        x = left + (tick - low) * scale
        out.append(f"<text x=\"{x:.1f}\" y=\"{axis_y}\" text-anchor=\"middle\">{tick:g}</text>")
    out.append("</svg>")
    legend = "".join(f"<span style=\"color:{colours[i % len(colours)]}\">● {escape(s)}</span> "
                     for i, s in enumerate(systems))
    return "".join(out) + f"<p class=\"legend\">{legend}</p>"
