"""tools/build_synonyms.py --phrases run as a script on WordNet data files written for the test: the phrases
of a word's own synsets and the adverbs pertaining to its adjectives, nothing from further away."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.tool_runs import run_tool, same_bytes, word_table

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
    assert same_bytes(_build, tmp_path)


# --newspapers: the relatives of real newspapers' words, those another real name holds and peoples left out
PAPERS_NOUN = ("10000001 18 n 02 guardian 0 protector 0 000 | a person who guards\n"
               "10000002 18 n 03 herald 0 messenger 0 harbinger 0 000 | one who announces\n"
               "09738708 18 n 01 American 0 001 ~ 09741612 n 0000 | a native of the United States\n"
               "09741612 18 n 01 Californian 0 001 @ 09738708 n 0000 | a native of California\n")
REAL_OUTLETS = ("# a real_outlets.tsv written for the test\nqid\tname\nQ1\tThe Nassau Guardian\nQ2\tLagos Herald\n"
                "Q3\tBay Messenger\nQ4\tValley Messenger\nQ5\tDaily American\n")


def _build_newspapers(tmp_path: Path) -> subprocess.CompletedProcess:
    wordnet = tmp_path / "wordnet"
    wordnet.mkdir()
    for pos, text in (("noun", PAPERS_NOUN), ("adj", ""), ("verb", ""), ("adv", "")):
        (wordnet / f"data.{pos}").write_text(text, encoding="latin-1")
    (wordnet / "LICENSE").write_text("WordNet Release 3.0 (test copy)\n", encoding="latin-1")
    (tmp_path / "real_outlets.tsv").write_text(REAL_OUTLETS, encoding="utf-8")
    return run_tool("build_synonyms.py", wordnet, "--newspapers", tmp_path / "real_outlets.tsv")


def test_newspaper_words_keep_relatives_no_other_real_paper_holds(tmp_path):
    result = _build_newspapers(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = word_table(result.stdout)
    assert rows["guardian"] == ["protector"]
    assert rows["herald"] == ["harbinger"]                # "messenger" is two real papers' word
    assert rows["messenger"] == ["harbinger", "herald"]   # "herald" one paper's: still a spinner's choice
    assert "american" not in rows                         # WordNet writes peoples with a capital
    assert "real_outlets.tsv" in result.stdout and "WordNet Release 3.0 (test copy)" in result.stdout


def test_newspaper_table_same_input_same_bytes(tmp_path):
    assert same_bytes(_build_newspapers, tmp_path)
