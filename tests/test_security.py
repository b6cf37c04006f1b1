"""Hostile corpora: reports show corpus text as text, load nothing from the network, and no name
can make evalkit write outside its output folder.

HTML is checked with the standard library's parser, not with string searches alone.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.corpus import load_corpus
from evalkit.errors import InputError
from evalkit.flags import Flag, mqm_penalty
from evalkit.report import html, json_report, markdown, write_reports

from .conftest import MANIFEST, write_corpus

SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "\"><svg onload=alert(1)>'"
HOSTILE = f"{SCRIPT} {IMG} {BREAKOUT} <a href=\"https://evil.example/\">lien</a> <style>@import url(//x)</style>"


class _Elements(HTMLParser):
    """Every element and attribute the browser would build from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        (self.styles if self._open and self._open[-1] == "style" else self.text).append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def _assert_inert_and_offline(page: str) -> _Elements:
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags and "iframe" not in tags and "img" not in tags and "link" not in tags
    assert tags.count("style") == 1  # evalkit's own stylesheet, inline
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            value = (value or "").strip().lower()
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not value.startswith(("http:", "https:", "//", "javascript:", "data:")), (tag, name, value)
    # evalkit's stylesheet fetches nothing (the only URL in a page is the SVG namespace).
    assert all("@import" not in css and "url(" not in css for css in parsed.styles)
    return parsed


@pytest.fixture
def hostile_run(tmp_path: Path) -> Path:
    """A corpus whose every text, title and description carries markup; returns its report folder."""
    import yaml

    manifest = yaml.safe_load(MANIFEST)
    manifest["documents"][0]["title"] = SCRIPT
    manifest["systems"]["good"]["description"] = IMG
    root = write_corpus(tmp_path / "tiny", yaml.safe_dump(manifest, allow_unicode=True))
    for path in root.rglob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + f"\nREAD MORE: {HOSTILE}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["-q", "run", str(root), "--out", str(out), "--no-comet", "--no-cache"]) == 0
    return out / "tiny"


def test_html_reports_show_corpus_markup_as_text(hostile_run):
    pages = sorted(hostile_run.rglob("*.html"))
    assert len(pages) == 5
    for page in pages:
        parsed = _assert_inert_and_offline(page.read_text(encoding="utf-8"))
        if page.name != "index.html":
            shown = "".join(parsed.text)
            assert SCRIPT in shown and IMG in shown and "<a href=\"https://evil.example/\">" in shown


def test_markdown_reports_escape_markup(hostile_run):
    for page in hostile_run.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text and "<svg" not in text
        assert "&lt;script>" in text


def _payload(category: str = "fluency/punctuation") -> dict:
    """A report payload whose flags carry markup in every text field."""
    hypothesis = f"Le maire {SCRIPT} a dit {BREAKOUT}."
    start = hypothesis.index("<script")
    flags = [Flag(start, start + len(SCRIPT), category, "major", SCRIPT, f"det{IMG}", suggestion=BREAKOUT,
                  evidence=IMG, doc_id="d", system="s")]
    payload = {
        "schema": "evalkit.document-report", "schema_version": "1.1",
        "corpus": {"name": SCRIPT, "source_lang": "en", "target_lang": "fr"}, "system": "s",
        "document": {"id": "d", "title": IMG, "words": {"hypothesis": 8}},
        "scores": {"bleu": {"metric": "bleu", "value": None, "signature": BREAKOUT, "unit": IMG, "n": 0,
                            "error": SCRIPT}},
        "notes": [SCRIPT], "versions": {SCRIPT: IMG},
        "segments": [{"index": 0, "type": "1-1", "source": IMG, "hypothesis": hypothesis, "reference": BREAKOUT,
                      "source_spans": [[0, len(IMG)]], "hypothesis_spans": [[0, len(hypothesis)]],
                      "reference_spans": [[0, len(BREAKOUT)]], "scores": {"bleu": None}}],
        "flags": [f.to_dict() for f in flags],
        "mqm": mqm_penalty(flags, 8).to_dict(),
    }
    return payload


def test_flag_texts_suggestions_and_tooltips_are_escaped():
    page = html.render_document(_payload(category=f"accuracy/{SCRIPT}"))
    parsed = _assert_inert_and_offline(page)
    tooltips = [value for tag, attrs in parsed.tags if tag == "mark" for name, value in attrs if name == "title"]
    assert any(BREAKOUT in (t or "") for t in tooltips)  # the suggestion, intact inside the attribute
    assert "<script" not in markdown.render_document(_payload())


def test_index_page_escapes_names_and_notes():
    summary = {"corpus": SCRIPT, "metrics": ["bleu"], "source_lang": IMG, "target_lang": "fr",
               "systems": {BREAKOUT: {"bleu": {"value": 1.0}}}, "notes": [SCRIPT], "signatures": {"bleu": IMG}}
    rows = [{"system": BREAKOUT, "doc_id": IMG, "href": "s/d.html", "scores": {"bleu": 1.0}}]
    parsed = _assert_inert_and_offline(html.render_index(summary, rows))
    assert SCRIPT in "".join(parsed.text) and IMG in "".join(parsed.text)


# --- writing outside the output folder -------------------------------------------------------

@pytest.mark.parametrize("name", ["../../escaped", "..", ".", "/tmp/escaped", "a\\..\\..\\b", "", " x", "x\x00y"],
                         ids=["parent-path", "dotdot", "dot", "absolute", "backslashes", "empty", "edge-space", "nul"])
def test_reports_refuse_a_corpus_name_that_is_a_path(tmp_path, tiny_corpus, name):
    # Corpus names also come from datasets and Python callers, not only from corpus.yaml.
    from dataclasses import replace

    from evalkit.pipeline import RunOptions, evaluate_corpus

    corpus = replace(load_corpus(tiny_corpus), name=name)
    result = evaluate_corpus(corpus, RunOptions(flags=False, cache=False, systems=("good",)))
    out = tmp_path / "a" / "b" / "out"
    with pytest.raises(InputError, match="refusing to write reports for corpus name"):
        write_reports(result, out)
    assert not (tmp_path / "escaped").exists() and not Path("/tmp/escaped").exists()
    assert not out.exists() or not any(out.rglob("*"))


@pytest.mark.parametrize("field, value", [("system", "../x"), ("doc_id", "../../x"), ("doc_id", "/tmp/x"),
                                          ("system", "..")])
def test_reports_refuse_system_and_document_names_that_are_paths(tmp_path, tiny_corpus, field, value):
    from dataclasses import replace

    from evalkit.pipeline import RunOptions, evaluate_corpus

    result = evaluate_corpus(load_corpus(tiny_corpus), RunOptions(flags=False, cache=False, systems=("good",)))
    result = replace(result, documents=(replace(result.documents[0], **{field: value}),))
    out = tmp_path / "nest" / "out"
    with pytest.raises(InputError, match="refusing to write reports for"):
        write_reports(result, out)
    assert not any(p.is_file() for p in out.rglob("*"))
    assert not (tmp_path / "x").exists() and not (tmp_path / "nest" / "x").exists() and not Path("/tmp/x").exists()


def test_corpus_without_a_name_is_named_after_its_resolved_folder(tiny_corpus, tmp_path):
    (tiny_corpus / "corpus.yaml").write_text(MANIFEST.replace("name: tiny\n", ""), encoding="utf-8")
    assert load_corpus(tiny_corpus / "source" / "..").name == "tiny"
    cwd = os.getcwd()
    try:
        os.chdir(tiny_corpus)
        assert load_corpus(".").name == "tiny"
    finally:
        os.chdir(cwd)


def test_output_folder_given_as_a_symlink_is_followed(tiny_corpus, tmp_path):
    # --out is the user's choice: a link to another disk is fine, and files land in its target.
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert main(["-q", "run", str(tiny_corpus), "--out", str(tmp_path / "link"), "--no-comet", "--no-flags",
                 "--no-cache"]) == 0
    assert (tmp_path / "real" / "tiny" / "good" / "doc-a.json").is_file()


def test_a_symlink_planted_at_a_report_path_is_refused_not_followed(tiny_corpus, tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    (out / "tiny" / "good").mkdir(parents=True)
    (out / "tiny" / "good" / "doc-a.json").symlink_to(victim)
    assert main(["-q", "run", str(tiny_corpus), "--out", str(out), "--no-comet", "--no-flags", "--no-cache"]) == 2
    assert "doc-a.json: is a symlink; refusing" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (out / "tiny" / "good" / "doc-a.json").is_symlink()


def test_validate_does_not_read_checksum_paths_outside_the_corpus(tiny_corpus, capsys):
    (tiny_corpus / "corpus.yaml").write_text(MANIFEST + "checksums:\n  ../../../../etc/hostname: abc\n"
                                             "  source: abc\n", encoding="utf-8")
    assert main(["validate", str(tiny_corpus)]) == 2
    err = capsys.readouterr().err
    assert "checksums: '../../../../etc/hostname' is outside the corpus" in err
    assert "source: file listed in checksums not found" in err
    assert "Traceback" not in err


def test_json_report_keeps_markup_verbatim(hostile_run):
    # JSON is data, not a page: the text stays as written (escaping is the viewer's job).
    report = json.loads((hostile_run / "good" / "doc-a.json").read_text(encoding="utf-8"))
    assert any(SCRIPT in row["hypothesis"] for row in report["segments"])
    assert json_report.SCHEMA_ID == report["schema"]
