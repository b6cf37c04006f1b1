"""tools/build_thesaurus.py run as a script on a Moby-format file written for the test: the relatives of the
gazetteer's name words, single frequent words only, the source's checksum recorded; and the shipped table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Moby Thesaurus II lines: a root word, then its relatives, comma-separated (words of several words too)
MOBY = ("sky,heaven,firmament,blue sky,welkin,azure\n"
        "express,categorical,explicit,fast train,xyzzyq\n"
        "zebra,horse\n")


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    moby = tmp_path / "words.txt"
    moby.write_text(MOBY, encoding="latin-1")
    return subprocess.run([sys.executable, str(ROOT / "tools" / "build_thesaurus.py"), str(moby)],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tools'}"})


def _rows(out: str) -> dict[str, list[str]]:
    return {cols[0]: cols[1].split() for cols in (line.split("\t") for line in out.splitlines()
                                                  if line and not line.startswith("#"))}


def test_relatives_of_name_words_single_and_frequent(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert "heaven" in rows["sky"] and "categorical" in rows["express"]   # "Sky News", "Indian Express"
    assert "blue" not in " ".join(rows["sky"]) and "xyzzyq" not in rows["express"]   # phrases, rare words out
    assert "zebra" not in rows   # no gazetteer name holds the word
    assert "sha256" in result.stdout and "public domain" in result.stdout


def test_same_input_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _build(tmp_path / "a"), _build(tmp_path / "b")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_a_missing_argument_is_refused(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_thesaurus.py")], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tools'}"})
    assert result.returncode == 2 and "MOBY_WORDS_TXT" in result.stderr


def test_the_shipped_table_records_its_source():
    head = (ROOT / "evalkit" / "data" / "outlet_thesaurus.tsv").read_text(encoding="utf-8").splitlines()[:6]
    assert any("Moby Thesaurus II" in line for line in head)
    assert any("sha256 63fcdcec2efe34414825945c7837f4381c7df7344ae34fdf1e8368eda19d59f3" in line for line in head)
