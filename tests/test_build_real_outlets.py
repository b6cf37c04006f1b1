"""tools/build_real_outlets.py run as a script on a SPARQL JSON result written for the test: one row per item,
bare ids and short labels left out, the source recorded; and the shipped table as the detector reads it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from evalkit.detectors.gazetteer import real_key, real_outlets
from tests.tool_runs import run_tool, same_bytes


def _row(qid: str, label: str, language: str) -> dict:
    return {"item": {"type": "uri", "value": f"http://www.wikidata.org/entity/{qid}"},
            "itemLabel": {"xml:lang": "en", "type": "literal", "value": label},
            "languageLabel": {"xml:lang": "en", "type": "literal", "value": language}}


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    rows = [_row("Q2", "The  Evening Chronicle", "English"), _row("Q2", "The  Evening Chronicle", "Welsh"),
            _row("Q1", "Le Journal du Dimanche", "French"), _row("Q9", "Q9", "English"), _row("Q7", "i", "English")]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"head": {"vars": ["item", "itemLabel"]}, "results": {"bindings": rows}}),
                    encoding="utf-8")
    return run_tool("build_real_outlets.py", path, "--source", "https://example.org/list", "--commit", "abc123")


def test_one_row_per_item_sorted_short_and_bare_labels_left_out(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert rows == ["qid\tname", "Q1\tLe Journal du Dimanche", "Q2\tThe Evening Chronicle"]   # by name
    assert "https://example.org/list" in result.stdout and "abc123" in result.stdout and "CC0" in result.stdout


def test_same_input_same_bytes(tmp_path):
    assert same_bytes(_build, tmp_path)


def test_the_shipped_list_as_the_detector_reads_it():
    real = real_outlets()
    assert len(real) > 5000
    assert real_key("The Evening Chronicle") == "evening chronicle" and "evening chronicle" in real
    assert real_key("El Guardián") not in real   # accents kept: a translation is not the English name
    assert "qid" not in real and "name" not in real
