"""The reports in a real browser: headless Chromium (Debian's package; .ci/run installs it) opens the
index and a document page, takes screenshots and gives back the DOM it built.

Checked there: every flag's span is highlighted with its tooltip, no script from the input runs or
exists, the legend is there, and the page loads nothing from the network (Chromium's net log).
Without Chromium the tests skip, unless EVALKIT_REQUIRE_BROWSER is set (as .ci/run does).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from evalkit.cli import main

from .conftest import write_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("EVALKIT_REQUIRE_BROWSER"),
                                reason="no chromium (apt-get install chromium); .ci/run installs it")
CANARY = "evalkit-canary.invalid"
HOSTILE = (f"<script>document.title='pwned'</script><img src=\"http://{CANARY}/x.png\" onerror=\"alert(1)\">"
           f"<link rel=stylesheet href=\"https://{CANARY}/s.css\">")
# Chromium's own services (time, updates, accounts), asked even with background networking off.
BROWSER_HOSTS = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    root = write_corpus(tmp_path_factory.mktemp("corpus") / "tiny")
    poor = root / "systems" / "poor" / "doc-a.txt"
    poor.write_text(poor.read_text(encoding="utf-8") + f"\n{HOSTILE} The weather was nice.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    assert main(["-q", "run", str(root), "--out", str(out), "--no-comet"]) == 0
    return out / "tiny"


def _chromium(page: Path, folder: Path, name: str) -> tuple[str, set[str], Path]:
    """The DOM after load, the URLs requested while loading, and a screenshot."""
    netlog, shot = folder / f"{name}.netlog.json", folder / f"{name}.png"
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--hide-scrollbars", "--window-size=1400,1800", f"--user-data-dir={folder / (name + '-profile')}"]
    dom = subprocess.run([*common, f"--log-net-log={netlog}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    subprocess.run([*common, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    events = json.loads(netlog.read_text(encoding="utf-8"))["events"]
    urls = {e["params"]["url"] for e in events if "url" in e.get("params", {})}
    return dom, urls, shot


class _Dom(HTMLParser):
    """Elements of the DOM Chromium built, and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []
        self._mark: list[str] | None = None
        self._title = ""
        self.legend = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            self._mark, self._title = [], attributes.get("title") or ""
        if tag == "p" and attributes.get("class") == "legend":
            self.legend = True

    def handle_data(self, data):
        if self._mark is not None:
            self._mark.append(data)

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(("".join(self._mark), self._title))
            self._mark = None


def _assert_offline_and_inert(dom: str, urls: set[str]) -> _Dom:
    parsed = _Dom()
    parsed.feed(dom)
    assert not [t for t, _ in parsed.tags if t in ("script", "img", "link", "iframe", "object", "embed")]
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on") or a == "src"]
    assert "url(" not in dom and "@import" not in dom and "pwned" not in dom.split("</title>")[0]
    page_requests = {u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                     and not (urlsplit(u).hostname or "").endswith(BROWSER_HOSTS)}
    assert not page_requests
    assert not any(CANARY in u for u in urls)
    return parsed


def test_document_page_in_chromium(reports, tmp_path):
    page = reports / "poor" / "doc-a.html"
    report = json.loads((reports / "poor" / "doc-a.json").read_text(encoding="utf-8"))
    dom, urls, shot = _chromium(page, tmp_path, "document")
    parsed = _assert_offline_and_inert(dom, urls)
    assert shot.stat().st_size > 10_000
    flags = report["flags"]
    assert flags and parsed.legend
    from evalkit.report.html import flag_tooltip

    for flag in flags:
        tip = flag_tooltip(flag)
        # in the segments, the marks carrying this flag's tooltip hold exactly its text
        inside = "".join(text for text, title in parsed.marks if tip in title.split("\n"))
        assert "".join(inside.split()) == "".join(flag["text"].split()), flag
    # the input's markup is shown as text, not run
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<title>doc-a — poor</title>" in dom


def test_index_in_chromium(reports, tmp_path):
    dom, urls, shot = _chromium(reports / "index.html", tmp_path, "index")
    parsed = _assert_offline_and_inert(dom, urls)
    assert shot.stat().st_size > 10_000
    assert parsed.legend
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    for counts in (f["counts"] for f in summary["flags"].values()):
        for category in counts:
            assert f"</span>{category}</span>" in dom      # in the legend
    assert sum(t == "svg" for t, _ in parsed.tags) >= 5       # four metrics and MQM, and the flag bars
    assert "Bridge" in dom and "Rain" in dom                  # the titles beside the ids
    folder = os.environ.get("EVALKIT_SCREENSHOTS")
    if folder:  # for a person to look at
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / "index.png")
        _chromium(reports / "poor" / "doc-a.html", Path(folder), "document")
