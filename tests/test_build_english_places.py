"""tools/build_english_places.py run as a script on a world-cities CSV written for the test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name,country,subcountry,geonameid as data/world-cities.csv writes them (made-up ids)
CSV = ("name,country,subcountry,geonameid\n"
       "Bendigo,Australia,Victoria,1\n"
       "Warwick,United Kingdom,England,2\n"
       "Warwick,United States,Rhode Island,3\n"
       "Paris,United States,Texas,4\n"
       "Paris,France,Île-de-France,5\n"
       "Sherbrooke,Canada,Quebec,6\n"
       "Reading,United Kingdom,England,7\n"
       "Ely,United Kingdom,England,8\n"
       "Bendigo,Canada,Ontario,9\n")


def _build(tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "world-cities.csv"
    path.write_text(CSV, encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "tools" / "build_english_places.py"), str(path),
                           "--commit", "0" * 40], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_places_only_in_countries_whose_press_writes_english(tmp_path):
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines() if line and not line.startswith("#")]
    # Paris is also French; Sherbrooke and its province are Quebec's; "Reading" is a common English word; "Ely"
    # has three letters; a name in several countries lists them all; subcountries are places too
    assert rows == [["place", "countries"], ["Bendigo", "Australia, Canada"], ["England", "United Kingdom"],
                    ["Ontario", "Canada"], ["Rhode Island", "United States"], ["Texas", "United States"],
                    ["Victoria", "Australia"], ["Warwick", "United Kingdom, United States"]]
    assert "CC BY 4.0" in result.stdout and "0" * 40 in result.stdout


def test_the_same_input_gives_the_same_bytes(tmp_path):
    assert _build(tmp_path).stdout == _build(tmp_path).stdout


def test_the_shipped_file_says_where_it_comes_from():
    head = (ROOT / "evalkit" / "data" / "english_places.tsv").read_text(encoding="utf-8").splitlines()[:6]
    assert any("github.com/datasets/world-cities commit" in line for line in head)
    assert any("GeoNames" in line and "CC BY 4.0" in line for line in head)
