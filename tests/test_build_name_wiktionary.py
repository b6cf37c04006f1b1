"""tools/build_name_wiktionary.py run as a script on WordNet data files and OMW Wiktionary tabs written
for the test."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.tool_runs import omw_table, run_tool, same_bytes, wordnet_and_omw

ROOT = Path(__file__).resolve().parent.parent

# Princeton WordNet 3.0 data lines: offset, lexfile, pos, word count (hex), words with lex ids, pointers
NOUN = ("  1 This software and database is being provided to you, the LICENSEE\n"
        "06263609 10 n 02 news 0 intelligence 0 000 | information about recent events\n"
        "00440747 04 n 01 fishing 0 000 | the act of fishing\n"
        "15122231 28 n 02 time 0 clip 0 000 | an instance or single occasion\n"
        "13576355 23 n 02 times 0 multiplication 0 000 | an operation\n")
ADJ = "01687167 00 a 01 new 0 000 | not of long duration\n"
VERB = "01040566 32 v 01 fish 0 000 | catch fish\n"
TABS = {
    "spa": ["06263609-n\tspa:lemma\tnoticias", "00440747-n\tspa:lemma\tpesca", "15122231-n\tspa:lemma\tvez",
            "13576355-n\tspa:lemma\tmultiplicación", "01687167-a\tspa:lemma\tnuevo",
            "01040566-v\tspa:lemma\tpescar", "00440747-n\tspa:lemma\tpesca deportiva"],
    "fra": ["06263609-n\tfra:lemma\tnouvelles"],
    "deu": [],
    "rus": ["00440747-n\trus:lemma\tрыбалка"],
}


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    wordnet, omw = wordnet_and_omw(tmp_path, {"noun": NOUN, "adj": ADJ, "verb": VERB}, TABS)
    return run_tool("build_name_wiktionary.py", wordnet, omw, "--omw-commit", "c" * 40)


def test_noun_and_adjective_senses_in_every_language(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = omw_table(result.stdout)
    assert rows["news"] == ["nouvelles", "", "noticias", ""]      # not "new": its singular is no noun
    assert rows["fishing"] == ["", "", "pesca", "рыбалка"]         # a verb's lemma ("pescar") and a phrase left out
    # "times" is a noun of its own and the plural of "time": the senses of both
    assert rows["times"][2] == "multiplicacion|vez"
    assert "c" * 40 in result.stdout and "CC BY-SA 3.0" in result.stdout


def test_same_input_same_bytes(tmp_path):
    assert same_bytes(_build, tmp_path)
