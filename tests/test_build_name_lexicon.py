"""tools/build_name_lexicon.py run as a script on ROR records written for the test (schema v1 and v2, in
a folder laid out as ror-records' releases)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def v1(rid: str, name: str, **labels: str) -> dict:
    return {"id": f"https://ror.org/{rid}", "name": name, "status": "active", "aliases": [],
            "labels": [{"iso639": lang, "label": label} for lang, label in labels.items()]}


def v2(rid: str, name: str, **labels: str) -> dict:
    names = [{"lang": "en", "types": ["label", "ror_display"], "value": name}]
    names += [{"lang": lang, "types": ["label"], "value": label} for lang, label in labels.items()]
    return {"id": f"https://ror.org/{rid}", "names": names, "status": "active"}


RECORDS = {
    # an older release of record 01: its label is not read (the newest release's version is)
    "v1.0/01.json": v1("01", "University of Lyon", fr="Faculté de Lyon"),
    "v2.1/01.json": v2("01", "University of Lyon", fr="Université de Lyon"),
    "v1.0/02.json": v1("02", "University of Nantes (France)", fr="Université de Nantes"),
    "v2.1/03.json": v2("03", "University of Rennes", fr="Université de Rennes"),
    # "research" and "institute" keep company with each other's translation: linked apart
    "v1.0/04.json": v1("04", "Institute of Marine Research", fr="Institut de recherche marine"),
    "v2.1/05.json": v2("05", "Institute of Space Research", fr="Institut de recherche spatiale"),
    "v2.1/06.json": v2("06", "Research Council of Brittany", fr="Conseil de recherche de Bretagne"),
    # "university" without "université": its Dice falls to 6/7
    "v2.1/07.json": v2("07", "University Hospital of Brest", fr="Centre hospitalier de Brest"),
    "v2.1/08.json": v2("08", "Tomsk State University", ru="Томский государственный университет"),
    "v1.0/09.json": v1("09", "Kazan State University", ru="Казанский государственный университет"),
    "v2.1/10.json": v2("10", "Perm State University", ru="Пермский государственный университет"),
}


def build(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "build_name_lexicon.py"), str(folder),
                           "--ror-commit", "c" * 40, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def ror(tmp_path: Path) -> Path:
    for path, record in RECORDS.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def rows(text: str) -> dict[str, list[str]]:
    lines = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == ["en", "fr", "de", "es", "it", "pt", "ru"]
    return {cells[0]: cells[1:] for cells in lines[1:]}


def test_mines_the_pairs_seen_in_three_records_or_more(tmp_path):
    run = build(ror(tmp_path))
    assert run.returncode == 0, run.stderr
    assert rows(run.stdout) == {
        "research": ["recherche", "", "", "", "", ""],
        "state": ["", "", "", "", "", "государственныи"],
        "university": ["universite", "", "", "", "", "университет"],
    }
    header = run.stdout.split("\nen\t")[0]
    assert "https://github.com/ror-community/ror-records commit " + "c" * 40 in header
    assert "CC0" in header and "3 records or more" in header and "Dice >= 0.3" in header
    assert "hand-written forms mined" in run.stderr


def test_fewer_records_admit_pairs_seen_twice_but_never_words_written_alike_or_an_old_release(tmp_path):
    mined = rows(build(ror(tmp_path), "--min-count", "1").stdout)
    assert mined["institute"][0] == "institut"   # two records
    assert "recherche" not in mined["institute"][0] and "institut" not in mined["research"][0]
    assert "faculte" not in mined["university"][0]   # release v1.0 of record 01
    assert not {"lyon", "marine", "brest"} & set(mined)   # the same word on both sides: a name


def test_a_stricter_dice_drops_a_word_whose_translation_is_often_missing(tmp_path):
    mined = rows(build(ror(tmp_path), "--min-dice", "0.9").stdout)
    assert mined["university"] == ["", "", "", "", "", "университет"]   # université: Dice 6/7
    assert mined["research"][0] == "recherche"


def test_same_records_same_bytes(tmp_path):
    folder = ror(tmp_path)
    assert build(folder).stdout == build(folder).stdout
