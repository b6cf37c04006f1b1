"""tools/build_proper_words.py run as a script on WordNet data files written for the test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.tool_runs import same_bytes

ROOT = Path(__file__).resolve().parent.parent

NOUN = ("  1 This software and database is being provided to you, the LICENSEE\n"
        "09096664 15 n 01 Cornwall 0 000 | a hilly county in southwestern England\n"
        "08949093 15 n 02 Holland 0 Netherlands 0 000 | a country in western Europe\n"
        "13369857 21 n 01 bond 0 000 | a certificate of debt\n"
        "09267490 15 n 02 Donne 0 donne 0 000 | a name also written lowercase here\n"
        "09000000 15 n 01 Qqzxv 0 000 | a proper word too rare in English to keep\n")
ADJ = "03110322 01 a 01 Nigerian 0 000 | of or relating to Nigeria\n"


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    wordnet = tmp_path / "wordnet"
    wordnet.mkdir()
    for pos, text in (("noun", NOUN), ("adj", ADJ), ("verb", ""), ("adv", "")):
        (wordnet / f"data.{pos}").write_text(text, encoding="latin-1")
    (wordnet / "LICENSE").write_text("WordNet Release 3.0\n\nPermission to use, copy, modify ...\n", encoding="latin-1")
    return subprocess.run([sys.executable, str(ROOT / "tools" / "build_proper_words.py"), str(wordnet)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_words_written_only_with_a_capital_and_common_enough(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    words = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    # "bond" and "donne" are also written lowercase; "qqzxv" is too rare; the header row first
    assert words == ["word", "cornwall", "holland", "netherlands", "nigerian"]
    assert "# WordNet Release 3.0" in result.stdout


def test_same_input_same_bytes(tmp_path):
    assert same_bytes(_build, tmp_path)
