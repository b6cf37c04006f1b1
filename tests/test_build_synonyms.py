"""tools/build_synonyms.py --phrases run as a script on WordNet data files written for the test: the phrases
of a word's own synsets and the adverbs pertaining to its adjectives, nothing from further away."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.tool_runs import run_tool, word_table

# Princeton WordNet 3.0 data lines: offset, lexfile, pos, word count (hex), words with lex ids, pointers
ADJ = ("  1 This software and database is being provided to you, the LICENSEE\n"
       "01968165 00 s 02 daily 0 day-by-day 0 000 | of or occurring every day\n"
       "02988060 01 a 01 national 0 000 | of a nation\n")
ADV = ("00407215 02 r 02 nationally 0 nationwide 0 001 \\ 02988060 a 0101 | throughout a nation\n"
       "00526984 02 r 02 nationwide 0 countrywide 0 000 | throughout a country\n")
NOUN = "06267145 10 n 02 daily 0 daily_newspaper 0 001 @ 06267893 n 0000 | a daily paper\n" \
       "06267893 10 n 02 newspaper 0 paper 0 000 | a periodical\n"


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    wordnet = tmp_path / "wordnet"
    wordnet.mkdir()
    for pos, text in (("noun", NOUN), ("adj", ADJ), ("verb", ""), ("adv", ADV)):
        (wordnet / f"data.{pos}").write_text(text, encoding="latin-1")
    (wordnet / "LICENSE").write_text("WordNet Release 3.0 (test copy)\n", encoding="latin-1")
    return run_tool("build_synonyms.py", wordnet, "--phrases")


def test_phrases_of_the_words_own_synsets_and_pertaining_adverbs(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = word_table(result.stdout)
    assert rows["daily"] == ["daily_newspaper", "day_by_day"]   # "-" written "_"; "newspaper" is no phrase
    assert rows["national"] == ["countrywide", "nationally", "nationwide"]   # adverbs pertaining, their synonyms
    assert "WordNet Release 3.0 (test copy)" in result.stdout


def test_same_input_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _build(tmp_path / "a"), _build(tmp_path / "b")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
