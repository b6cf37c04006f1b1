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
    args = (str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), str(FIXTURE / "ror"), "--fundus-commit", "a" * 40,
            "--supraverden-commit", "b" * 40, "--ror-commit", "c" * 40)
    assert build(*args).stdout == build(*args).stdout


def test_a_folder_that_is_not_a_checkout_is_one_line_and_exit_2(tmp_path):
    run = build(str(tmp_path), str(FIXTURE / "supraverden"))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "publishers: not found" in run.stderr


ROR_COMMIT = "c" * 40


def test_adds_ror_institutions_from_release_folders():
    run = build(str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), str(FIXTURE / "ror"), "--fundus-commit",
                "f" * 40, "--supraverden-commit", "5" * 40, "--ror-commit", ROR_COMMIT)
    assert run.returncode == 0, run.stderr
    institutions = [r for r in rows(run.stdout) if "\tinstitution\t" in r]
    assert institutions == [
        # schema v2: the English label is the name, the es label a usual form, an acronym under four
        # letters ("CDF") and a Dutch alias are left out
        "Charles Darwin Foundation\tinstitution\tEC\tes=Fundación Charles Darwin"
        "|Charles Darwin Foundation for the Galapagos Islands",
        # schema v1: ROR's "(United Kingdom)" is dropped; the one-word German label, the Japanese label
        # and alias and the two-letter acronym are left out
        "Lakeside Institute of Pond Studies\tinstitution\tGB\tfr=Institut des études des étangs"
        "|Pond Studies Lakeside|LIPS",
        # in releases v1.9 (schema v1) and v1.10 (schema v2): the newer release's record, by version
        # number, not string order ("Swiss Academy of Natural Sciences" was its v1.9 name)
        "Swiss Academy of Sciences\tinstitution\tCH\tfr=Académie suisse des sciences naturelles"
        "|de=Akademie der Naturwissenschaften Schweiz|SCNAT",
    ]
    # withdrawn and inactive records, and a one-word name (a Belgian company called Galapagos), are left out
    assert "Closed Things" not in run.stdout and "Sleeping Widgets" not in run.stdout
    assert "\nGalapagos\t" not in run.stdout
    header = run.stdout.split("name\t")[0]
    assert f"https://github.com/ror-community/ror-records commit {ROR_COMMIT}" in header and "CC0 1.0" in header
    # a record with no name in French, German, Spanish, Russian, Italian or Portuguese is left out, unless
    # asked for
    assert "Northern Widget" not in run.stdout and "7 records, 3 kept" in header
    every = build(str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), str(FIXTURE / "ror"), "--ror-commit",
                  ROR_COMMIT, "--ror-every-record")
    assert "Northern Widget Research Centre\tinstitution\tGB\tNWRC" in every.stdout


def test_reads_a_bare_ror_clone_at_its_head_commit(tmp_path):
    work, bare = tmp_path / "work", tmp_path / "bare.git"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run(["cp", "-r", str(FIXTURE / "ror"), str(work)], check=True)
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "fixture"]):
        subprocess.run(git + ["-C", str(work), *args], check=True, capture_output=True)
    subprocess.run(git + ["clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True)
    head = subprocess.run(["git", "-C", str(bare), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    from_bare = build(str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), str(bare), "--fundus-commit", "f" * 40,
                      "--supraverden-commit", "5" * 40)
    from_folder = build(str(FIXTURE / "fundus"), str(FIXTURE / "supraverden"), str(FIXTURE / "ror"),
                        "--fundus-commit", "f" * 40, "--supraverden-commit", "5" * 40, "--ror-commit", head)
    assert from_bare.returncode == 0, from_bare.stderr
    assert f"ror-records commit {head}," in from_bare.stdout
    assert from_bare.stdout == from_folder.stdout
