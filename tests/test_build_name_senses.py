"""tools/build_name_senses.py run as a script on WordNet data files and OMW Wiktionary tabs written for the
test (the gazetteer's heads are the package's: "trust" heads the Global Crop Diversity Trust's name)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.tool_runs import omw_table, run_tool, same_bytes, wordnet_and_omw

ROOT = Path(__file__).resolve().parent.parent

# Princeton WordNet 3.0 data lines: offset, lexfile, pos, word count (hex), words, pointers (@: hypernym)
NOUN = ("  1 This software and database is being provided to you, the LICENSEE\n"
        "00031264 03 n 01 group 0 000 | any number of entities considered as a unit\n"
        "07950920 14 n 01 social_group 0 001 @ 00031264 n 0000 | people sharing some social relation\n"
        "08008335 14 n 01 organization 0 001 @ 07950920 n 0000 | a group of people who work together\n"
        "08236621 14 n 01 trust 0 001 @ 08008335 n 0000 | a consortium of independent organizations\n"
        "05943066 09 n 02 faith 0 trust 0 000 | complete confidence in a person or plan\n"
        "02913152 06 n 01 building 0 000 | a structure that has a roof and walls\n"
        "03545150 06 n 01 house 0 001 @ 02913152 n 0000 | a building in which something is sheltered\n"
        "08163025 14 n 01 house 0 001 @ 08008335 n 0000 | an official assembly having legislative powers\n")
LICENCE = "WordNet Release 3.0\n\nPermission to use ...\n"
TABS = {
    "fra": ["05943066-n\tfra:lemma\tconfiance", "08236621-n\tfra:lemma\ttrust", "05943066-n\tfra:lemma\tfoi"],
    "deu": ["05943066-n\tdeu:lemma\tVertrauen", "03545150-n\tdeu:lemma\tHaus"],
    "spa": ["08008335-n\tspa:lemma\tfe", "05943066-n\tspa:lemma\tfe"],
    "rus": [],
}


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    wordnet, omw = wordnet_and_omw(tmp_path, {"noun": NOUN}, TABS, licence=LICENCE)
    return run_tool("build_name_senses.py", wordnet, omw, "--omw-commit", "c" * 40)


def test_the_words_of_a_heads_other_senses_and_not_its_bodys(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = omw_table(result.stdout)
    # the feeling's words, not the consortium's ("trust" is its French lemma, the English word, left out);
    # Spanish "fe" names a body's sense too (organization.n.01 here), so it is a body's word in Spanish
    assert rows["trust"] == ["confiance|foi", "vertrauen", "", ""]
    # a house's other sense is a building's: neither a body's nor another's, so no row
    assert "house" not in rows
    assert "c" * 40 in result.stdout and "CC BY-SA 3.0" in result.stdout and "# WordNet Release 3.0" in result.stdout


def test_same_input_same_bytes(tmp_path):
    assert same_bytes(_build, tmp_path)
