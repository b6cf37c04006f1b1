"""For the tests of the data-building tools: a tool of tools/ run as a script from the repository root, as
its docstring says to run it, and the word table it writes read back."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_tool(script: str, *args: object) -> subprocess.CompletedProcess:
    """tools/<script> with `args`, evalkit importable; its output captured as text."""
    return subprocess.run([sys.executable, str(ROOT / "tools" / script), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def word_table(out: str) -> dict[str, list[str]]:
    """A `word TAB space-separated words` table a tool wrote, its comment lines left out."""
    return {cols[0]: cols[1].split() for cols in (line.split("\t") for line in out.splitlines()
                                                  if line and not line.startswith("#"))}


def same_bytes(build: Callable[[Path], subprocess.CompletedProcess], tmp_path: Path) -> bool:
    """A tool run twice on the same input, in two folders (`build(folder)` writes the input and runs it),
    succeeds both times with the same output."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = build(tmp_path / "a"), build(tmp_path / "b")
    return first.returncode == second.returncode == 0 and first.stdout == second.stdout


def wordnet_and_omw(folder: Path, data: dict[str, str], tabs: dict[str, list[str]],
                    licence: str = "") -> tuple[Path, Path]:
    """WordNet data files (`data`: part of speech -> lines; LICENSE when `licence`) and OMW Wiktionary tabs
    (`tabs`: language code -> rows) written under `folder`, for the tools that read them: their two folders."""
    wordnet = folder / "wordnet"
    wordnet.mkdir()
    for pos in ("noun", "adj", "verb", "adv"):
        (wordnet / f"data.{pos}").write_text(data.get(pos, ""), encoding="latin-1")
    if licence:
        (wordnet / "LICENSE").write_text(licence, encoding="latin-1")
    wikt = folder / "omw" / "wns" / "wikt"
    wikt.mkdir(parents=True)
    for code, rows in tabs.items():
        (wikt / f"wn-wikt-{code}.tab").write_text(f"# Wiktionary\t{code}\thttp://wiktionary.org/\tCC BY-SA\n"
                                                  + "".join(r + "\n" for r in rows), encoding="utf-8")
    return wordnet, folder / "omw"


def omw_table(out: str) -> dict[str, list[str]]:
    """A table of English words and their forms per language (en fr de es ru) a tool wrote, comments left out."""
    lines = [line for line in out.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "en\tfr\tde\tes\tru"
    return {cols[0]: cols[1:] for cols in (line.split("\t") for line in lines[1:])}
