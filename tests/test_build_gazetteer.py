"""tools/build_gazetteer.py run as a script on a fixture shaped like its two public sources
(tests/data/gazetteer, written for the test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "gazetteer"


def build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)


def rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_builds_outlets_and_organisations_from_the_fixture():
    run = build(str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), "--fundus-commit", "f" * 40,
                "--supraverden-commit", "5" * 40)
    assert run.returncode == 0, run.stderr
    assert rows(run.stdout) == [
        "name\ttype\tcountry\taliases",
        # organisations sort before outlets (by type, then name); an abbreviation under four letters
        # ("WMO") is left out, and so is a language evalkit does not read (zh)
        "International Atomic Energy Agency\torganisation\tint\tIAEA|es=Organismo Internacional de Energía Atómica",
        "World Meteorological Organization\torganisation\tint\tfr=Organisation météorologique mondiale"
        "|ru=Всемирная метеорологическая организация",
        # one row per name: the DE and UK editions of Euronews are one outlet
        "Euronews\toutlet\tDE\t",
        "Northern Evening Courier\toutlet\tGB\t",
        "Rheinischer Kurier\toutlet\tDE\tRK",
    ]
    header = run.stdout.split("name\t")[0]
    assert "https://github.com/flairNLP/fundus commit " + "f" * 40 in header
    assert "https://github.com/confirmordeny/supraverden commit " + "5" * 40 in header
    assert "MIT licence" in header and "CC BY-SA 4.0" in header
    # a one-word name that is a common word ("Stern" is German for star) is left out, and said so
    assert "Left out as common words (Zipf >= 3.5) or under 3 letters: Mercosur, Stern." in header


def test_same_inputs_same_bytes():
    args = (str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), "--fundus-commit", "a" * 40,
            "--supraverden-commit", "b" * 40)
    assert build(*args).stdout == build(*args).stdout


def test_a_folder_that_is_not_a_checkout_is_one_line_and_exit_2(tmp_path):
    run = build(str(tmp_path), str(FIXTURE / "supraverden"))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "publishers: not found" in run.stderr
