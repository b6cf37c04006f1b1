"""The HTML and Markdown reports explain themselves: directions, flags by category, titles,
plots scaled to their data, a flag's confidence and evidence; and they are byte-stable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evalkit.api import evaluate
from evalkit.corpus import load_corpus
from evalkit.report import html, markdown, write_reports
from evalkit.report.json_report import document_payload

from .conftest import BUNDLED


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = evaluate(load_corpus(BUNDLED), comet=False).result
    write_reports(result, out)
    return result, out / result.corpus


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_reports_are_byte_stable(bundled_run, tmp_path):
    result, root = bundled_run
    write_reports(result, tmp_path)
    again = _files(tmp_path / result.corpus)
    assert again == _files(root)
    assert sum(name.endswith(".html") for name in again) == 16


def test_index_says_which_way_is_better_and_counts_flags_by_category(bundled_run):
    result, root = bundled_run
    page = (root / "index.html").read_text(encoding="utf-8")
    for metric, arrow in (("bleu", "↑"), ("chrf", "↑"), ("ter", "↓"), ("flags", "↓"), ("MQM/100w", "↓")):
        assert re.search(rf"<th class=\"num\">{re.escape(metric)} <span class=\"better\" title=\"(higher|lower) "
                         rf"is better\">{arrow}</span></th>", page), metric
    for system in result.systems:
        for category in system.flag_counts:
            assert f"{category}</td>" in page
        assert f"{system.mqm_per_100_words:.2f}" in page
    # every category its own colour, each in the legend
    categories = sorted({c for s in result.systems for c in s.flag_counts})
    legend = re.search(r'<p class="legend">(.*?)</p>', page).group(1)
    assert [c for c in categories if c in legend] == categories
    assert len({html.category_colour(c) for c in categories}) == len(categories)
    # documents with their titles beside their ids
    for doc in result.documents:
        assert f"<code>{doc.doc_id}</code> <span class=\"title\">{html.escape(doc.title)}</span>" in page


def test_known_categories_have_distinct_colours():
    colours = list(html.CATEGORY_COLOURS.values())
    assert len(set(colours)) == len(colours)
    assert html.category_colour("made-up/category") in html.FALLBACK


def test_plot_axes_follow_the_data_and_height_does_not_grow_with_documents():
    # MQM per 100 words from 0.42 to 15.35 (the bundled corpus): the axis ends at 20, not at 100.
    assert html.nice_ticks(0.42, 15.35, 6) == [0, 5, 10, 15, 20]
    assert html.nice_ticks(0.1, 0.9, 6)[-1] == pytest.approx(1.0)

    def docs(n):
        return [{"system": s, "doc_id": f"d{k}", "scores": {"mqm/100w": (k % 17) * 0.9}} for s in ("a", "b")
                for k in range(n)]

    small, large = html.distribution_plot(docs(5), "mqm/100w"), html.distribution_plot(docs(1000), "mqm/100w")
    assert small["height"] == large["height"]
    assert large["ticks"][-1]["label"] == "15"
    assert small["better"] is False
    assert all(d["title"] for r in small["rows"] for d in r["dots"])
    assert not any(d["title"] for r in large["rows"] for d in r["dots"])   # page size at 1,000 documents


def test_a_flags_confidence_and_evidence_show_on_hover_and_in_the_markdown_footnotes(bundled_run):
    result, root = bundled_run
    doc = next(d for d in result.documents if d.flags)
    page = (root / doc.system / f"{doc.doc_id}.html").read_text(encoding="utf-8")
    text = (root / doc.system / f"{doc.doc_id}.md").read_text(encoding="utf-8")
    for number, flag in enumerate(doc.flags, 1):
        tip = html.flag_tooltip(flag.to_dict())
        assert f"confidence {flag.confidence:.2f}" in tip and flag.evidence in tip
        assert f"[^f{number}]: confidence {flag.confidence:.2f}; {markdown._cell(flag.evidence)}." in text
    titles = re.findall(r'<mark style="[^"]+" title="([^"]*)"', page)
    assert titles and all("confidence" in t for t in titles)


def test_numbers_have_fixed_decimals_per_metric(bundled_run):
    result, _ = bundled_run
    payload = document_payload(result, result.documents[0])
    page = html.render_document(payload)
    for score in payload["scores"].values():
        if score["value"] is not None:
            assert f">{score['value']:.2f}</td>" in page
    assert html.number(0.123456, "comet") == "0.1235" and html.number(1.0319, "bleu") == "1.03"
    assert html.number(None) == "n/a"


def test_templates_escape_everything(tmp_path):
    payload = {"document": {"id": "<b>d</b>", "title": "<script>x()</script>", "words": {}},
               "corpus": {"name": "c", "source_lang": "en", "target_lang": "fr"}, "system": "s&t",
               "scores": {}, "flags": [{"start": 0, "end": 2, "category": "fluency/x", "severity": "minor",
                                        "text": "<i", "detector": "d", "suggestion": None, "confidence": 0.5,
                                        "evidence": "\"quoted\" <evidence>"}],
               "mqm": None, "segments": [], "notes": ["<img src=x>"], "versions": {}}
    page = html.render_document(payload)
    assert "<script" not in page and "<img" not in page and "<b>d" not in page
    assert "&lt;script&gt;" in page and "&#34;quoted&#34; &lt;evidence&gt;" in page
