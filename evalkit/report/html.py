"""Self-contained HTML reports: a page per document and an index per run.

Pages are rendered from the Jinja2 templates in report/templates with autoescaping on, so every
corpus text is escaped; nothing (script, style, font) is loaded from the network. The document
page shows the aligned side-by-side view (source | MT | reference) with segment scores, flagged
spans highlighted in their category's colour with category, severity, confidence and evidence on
hover. This module only shapes the payload for the templates (positions of plot marks included).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parent / "templates"

# One colour per MQM category of docs/annotation-guidelines.md, no two alike; categories outside
# it get one of FALLBACK by a stable hash.
CATEGORY_COLOURS = {
    "accuracy/untranslated": "#ffa8a8",
    "accuracy/mistranslation": "#ff8787",
    "accuracy/mistranslation/named-entity": "#d0bfff",
    "accuracy/mistranslation/number": "#eebefa",
    "accuracy/omission": "#74c0fc",
    "accuracy/addition": "#ffc078",
    "addition/boilerplate": "#ffe066",
    "addition/prompt-leak": "#faa2c1",
    "fluency/duplication": "#8ce99a",
    "fluency/punctuation": "#66d9e8",
    "fluency/inconsistency": "#c0eb75",
    "fluency/grammar": "#63e6be",
    "fluency/spelling": "#bac8ff",
    "omission/truncation": "#a5d8ff",
    "style/awkward": "#ced4da",
}
FALLBACK = ["#ffe3e3", "#e5dbff", "#d3f9d8", "#fff3bf", "#c5f6fa", "#ffdeeb", "#e9ecef", "#ffe8cc"]
SYSTEM_COLOURS = ["#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#5f3dc4", "#c2255c"]
# Beyond this many documents per system the plot's dots carry no tooltip (page size).
DOT_TOOLTIPS_MAX = 200


def category_colour(category: str) -> str:
    """A stable colour per MQM category (the same in every report)."""
    if category in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[category]
    digest = int(hashlib.sha256(category.encode("utf-8")).hexdigest(), 16)
    return FALLBACK[digest % len(FALLBACK)]


def number(value: float | None, metric: str = "") -> str:
    """A metric's value with its fixed number of decimals; "n/a" when missing."""
    from ..metrics import metric_decimals

    return "n/a" if value is None else f"{value:.{metric_decimals(metric)}f}"


def higher_is_better(metric: str) -> bool | None:
    """The registry's direction for a metric (MQM and flag counts: lower is better)."""
    from ..metrics import METRICS

    if metric in METRICS:
        return bool(METRICS.entry(metric).meta.get("higher_is_better", True))
    return False if metric.startswith("mqm") else None


def arrow(metric: str) -> str:
    better = higher_is_better(metric)
    return "" if better is None else ("↑" if better else "↓")


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(num=number, colour=category_colour)
    env.globals.update(arrow=arrow, higher_is_better=higher_is_better)
    return env


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


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
        return escape(text)  # a Markup
    cuts = sorted({0, len(text)} | {max(0, min(len(text), f[k] - offset)) for f in inside for k in ("start", "end")})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        active = [f for f in inside if f["start"] - offset <= a and f["end"] - offset >= b]
        chunk = escape(text[a:b])
        if not active:
            pieces.append(chunk)
            continue
        top = min(active, key=lambda f: f["end"] - f["start"])  # innermost span gives the colour
        tip = "\n".join(flag_tooltip(f) for f in active)
        pieces.append(f"<mark style=\"background:{category_colour(top['category'])}\" "
                      f"title=\"{escape(tip)}\">{chunk}</mark>")
    return Markup("".join(pieces))


def flag_tooltip(flag: dict[str, Any]) -> str:
    """What a flag's hover text says: category, severity, suggestion, confidence, evidence."""
    suggestion = f" → {flag['suggestion']}" if flag.get("suggestion") else ""
    evidence = f"; {flag['evidence']}" if flag.get("evidence") else ""
    confidence = flag.get("confidence")
    confidence = "" if confidence is None else f", confidence {confidence:.2f}"
    return f"{flag['category']} ({flag['severity']}){suggestion} [{flag['detector']}{confidence}]{evidence}"



# -- the document page -------------------------------------------------------------------------

def render_document(payload: dict[str, Any], *, index_href: str = "../index.html") -> str:
    doc = payload["document"]
    flags = payload.get("flags")
    segments = payload.get("segments") or []
    metrics = sorted({m for s in segments for m in s.get("scores", {})})
    return _render("document.html.j2", title=f"{doc['id']} — {payload['system']}", index_href=index_href,
                   doc=doc, corpus=payload["corpus"], system=payload["system"],
                   scores=sorted(payload["scores"].items()), flags=flags, mqm=payload.get("mqm"),
                   categories=sorted({f["category"] for f in flags or ()}),
                   segment_metrics=metrics, segments=_segment_rows(segments, flags or [], metrics),
                   notes=payload.get("notes") or [], versions=sorted(payload["versions"].items()))


def _segment_rows(segments: Sequence[dict[str, Any]], flags: Sequence[dict[str, Any]],
                  metrics: Sequence[str]) -> list[dict[str, Any]]:
    index = FlagIndex(flags)
    rows = []
    for s in segments:
        hyp_spans = s.get("hypothesis_spans") or []
        if hyp_spans:
            mt = Markup("<br>").join(highlight(s["hypothesis"][a:b], start, index) for (start, _end), (a, b)
                                     in zip(hyp_spans, _local_spans(s["hypothesis"], hyp_spans)))
        else:
            mt = escape(s["hypothesis"])
        kind = "ins" if s["type"].startswith("0-") else "omi" if s["type"].endswith("-0") else ""
        rows.append({"index": s["index"], "type": s["type"], "kind": kind, "source": s["source"], "mt": mt,
                     "reference": s["reference"], "scores": [(m, s.get("scores", {}).get(m)) for m in metrics]})
    return rows


def _local_spans(joined: str, spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Positions of each raw span's text inside the segment's joined text (joined with one space)."""
    out, cursor = [], 0
    for start, end in spans:
        out.append((cursor, cursor + (end - start)))
        cursor += (end - start) + 1
    return out


# -- the index ---------------------------------------------------------------------------------

def render_index(summary: dict[str, Any], documents: Sequence[dict[str, Any]]) -> str:
    """The run's index: the corpus table (scores, flags by category, MQM), a distribution plot per
    metric, flags by category per system, and every document with its title and link."""
    metrics = list(summary["metrics"])
    flagged = summary.get("flags") or {}
    plotted = metrics + (["mqm/100w"] if any("mqm/100w" in d["scores"] for d in documents) else [])
    categories = sorted({c for f in flagged.values() for c in (f.get("counts") or {})})
    n_docs: dict[str, int] = {}
    for d in documents:
        n_docs[d["system"]] = n_docs.get(d["system"], 0) + 1
    systems = [{"name": name, "documents": n_docs.get(name, 0),
                "scores": [(m, scores[m]["value"] if m in scores else None) for m in metrics],
                "flags": flagged.get(name)} for name, scores in sorted(summary["systems"].items())]
    plots = [{"metric": m, "plot": distribution_plot(documents, m)} for m in plotted]
    return _render("index.html.j2", title=f"evalkit — {summary['corpus']}", summary=summary, metrics=metrics,
                   plotted=plotted, categories=categories, systems=systems, plots=plots,
                   flag_bars=flag_bars(systems, categories) if flagged else None, documents=documents,
                   notes=summary.get("notes") or [], signatures=sorted(summary["signatures"].items()))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    import math

    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def distribution_plot(documents: Sequence[dict[str, Any]], metric: str) -> dict[str, Any] | None:
    """Marks of a box-and-dots plot of `metric` over documents, one row per system, on an axis
    scaled to the data: the same height for 5 documents or 5,000."""
    by_system: dict[str, list[tuple[str, float]]] = {}
    for d in documents:
        value = d["scores"].get(metric)
        by_system.setdefault(d["system"], [])
        if value is not None:
            by_system[d["system"]].append((d["doc_id"], value))
    present = [v for rows in by_system.values() for _, v in rows]
    if not present:
        return None
    ticks = nice_ticks(min(present), max(present), 6)
    low, high = ticks[0], ticks[-1]
    width, left, right, row, top = 760, 190, 24, 40, 8
    scale = (width - left - right) / ((high - low) or 1.0)

    def x(value: float) -> float:
        return round(left + (value - low) * scale, 1)

    rows = []
    for k, (system, values) in enumerate(by_system.items()):
        y = top + k * row + row / 2
        nums = [v for _, v in values]
        colour = SYSTEM_COLOURS[k % len(SYSTEM_COLOURS)]
        box = None
        if nums:
            box = {"min": x(min(nums)), "q1": x(_quantile(nums, 0.25)), "median": x(_quantile(nums, 0.5)),
                   "q3": x(_quantile(nums, 0.75)), "max": x(max(nums)), "median_value": _quantile(nums, 0.5)}
        tooltips = len(values) <= DOT_TOOLTIPS_MAX
        dots = [{"x": x(v), "y": round(y + ((i * 7919) % 13 - 6) * 1.2, 1),
                 "title": f"{doc_id}: {number(v, metric)}" if tooltips else None}
                for i, (doc_id, v) in enumerate(values)]
        many = len(values) > DOT_TOOLTIPS_MAX
        rows.append({"system": system, "y": y, "colour": colour, "box": box, "dots": dots, "n": len(values),
                     "dot_radius": 2 if many else 3.5, "dot_opacity": 0.3 if many else 0.7})
    height = top + row * len(rows) + 34
    return {"width": width, "height": height, "left": left, "right": width - right, "rows": rows,
            "axis_y": top + row * len(rows), "ticks": [{"x": x(t), "label": f"{t:g}"} for t in ticks],
            "label": metric, "better": higher_is_better(metric)}


def flag_bars(systems: Sequence[dict[str, Any]], categories: Sequence[str]) -> dict[str, Any]:
    """Stacked bars: each system's flags by category, one colour per category."""
    totals = [sum((s["flags"] or {}).get("counts", {}).values()) if s["flags"] else 0 for s in systems]
    width, left, right, row = 760, 190, 60, 26
    scale = (width - left - right) / (max(totals) or 1)
    bars = []
    for k, s in enumerate(systems):
        counts = (s["flags"] or {}).get("counts") or {}
        cursor, parts = float(left), []
        for c in categories:
            if counts.get(c):
                w = round(counts[c] * scale, 1)
                parts.append({"x": round(cursor, 1), "width": w, "colour": category_colour(c),
                              "title": f"{s['name']}: {c}: {counts[c]}"})
                cursor += w
        bars.append({"system": s["name"], "y": 6 + k * row, "parts": parts, "total": totals[k],
                     "end": round(cursor, 1)})
    return {"width": width, "height": 12 + row * len(systems), "left": left, "bars": bars}
