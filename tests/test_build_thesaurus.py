"""tools/build_thesaurus.py run as a script on a Moby-format file written for the test: the relatives of the
gazetteer's name words, single frequent words only, the source's checksum recorded; and the shipped table."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.tool_runs import ROOT, run_tool, same_bytes, word_table

# Moby Thesaurus II lines: a root word, then its relatives, comma-separated (words of several words too)
MOBY = ("sky,heaven,firmament,blue sky,welkin,azure\n"
        "express,categorical,explicit,fast train,xyzzyq\n"
        "zebra,horse\n")


def _build(tmp_path: Path, moby_lines: str = MOBY, real_outlets: str | None = None) -> subprocess.CompletedProcess:
    """The tool run on Moby lines written to `tmp_path`; with `real_outlets` (a real_outlets.tsv text), in its
    --newspapers mode."""
    moby = tmp_path / "words.txt"
    moby.write_text(moby_lines, encoding="latin-1")
    if real_outlets is None:
        return run_tool("build_thesaurus.py", moby)
    papers = tmp_path / "real_outlets.tsv"
    papers.write_text(real_outlets, encoding="utf-8")
    return run_tool("build_thesaurus.py", moby, "--newspapers", papers)


def test_relatives_of_name_words_single_and_frequent(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = word_table(result.stdout)
    assert "heaven" in rows["sky"] and "categorical" in rows["express"]   # "Sky News", "Indian Express"
    assert "blue" not in " ".join(rows["sky"]) and "xyzzyq" not in rows["express"]   # phrases, rare words out
    assert "zebra" not in rows   # no gazetteer name holds the word
    assert "sha256" in result.stdout and "public domain" in result.stdout


def test_same_input_same_bytes(tmp_path):
    assert same_bytes(_build, tmp_path)


def test_a_missing_argument_is_refused(tmp_path):
    result = run_tool("build_thesaurus.py")
    assert result.returncode == 2 and "MOBY_WORDS_TXT" in result.stderr


def test_the_shipped_table_records_its_source():
    head = (ROOT / "evalkit" / "data" / "outlet_thesaurus.tsv").read_text(encoding="utf-8").splitlines()[:6]
    assert any("Moby Thesaurus II" in line for line in head)
    assert any("sha256 63fcdcec2efe34414825945c7837f4381c7df7344ae34fdf1e8368eda19d59f3" in line for line in head)


# real newspapers' names in the real_outlets.tsv format: "Star" is one paper's word, "Herald" two papers'
REAL_OUTLETS = ("# test\nqid\tname\nQ1\tGreymouth Star\nQ2\tThe Herald\nQ3\tDaily Herald\nQ4\tNorthern Leader\n")
MOBY_PAPERS = ("star,luminaries,Goshen,herald,celebrity\n"
               "Leader,chief\n"
               "leader,chief,head\n")


def _build_papers(tmp_path: Path) -> subprocess.CompletedProcess:
    return _build(tmp_path, MOBY_PAPERS, REAL_OUTLETS)


def test_relatives_of_real_newspapers_words_lowercase_and_no_other_papers_word(tmp_path):
    result = _build_papers(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = word_table(result.stdout)
    assert "luminaries" in rows["star"] and "celebrity" in rows["star"]
    assert "goshen" not in rows["star"]        # Moby writes it with a capital: a place, no spinner's word
    assert "herald" not in rows["star"]        # two real papers' names hold it: another paper's word
    assert rows["leader"] == ["chief", "head"]   # the capitalised root "Leader" is left out
    assert "real_outlets.tsv" in result.stdout and "sha256" in result.stdout
    assert same_bytes(_build_papers, tmp_path)


def test_the_shipped_newspaper_table_is_the_tools_output_on_its_recorded_source():
    head = (ROOT / "evalkit" / "data" / "newspaper_thesaurus.tsv").read_text(encoding="utf-8").splitlines()[:7]
    assert any("--newspapers evalkit/data/real_outlets.tsv" in line for line in head)
    assert any("sha256 63fcdcec2efe34414825945c7837f4381c7df7344ae34fdf1e8368eda19d59f3" in line for line in head)
