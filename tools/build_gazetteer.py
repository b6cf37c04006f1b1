"""Writes evalkit/data/gazetteer_public.tsv: news outlets and international organisations taken from two
public datasets, read from checkouts made beforehand (the script never touches the network). Run by
hand; never at run time:

    PYTHONPATH=. python tools/build_gazetteer.py FUNDUS_DIR SUPRAVERDEN_DIR > evalkit/data/gazetteer_public.tsv

FUNDUS_DIR is a checkout of https://github.com/flairNLP/fundus (MIT): the publishers declared in
src/fundus/publishers/*/__init__.py. SUPRAVERDEN_DIR is a checkout of
https://github.com/confirmordeny/supraverden (CC BY-SA 4.0): data/general_list.yaml, international
organisations with their abbreviations and names in other languages. The commits are read with git
where the folders are git work trees, or given with --fundus-commit / --supraverden-commit. Same
inputs, same bytes. See docs/detectors-lexical.md.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml
from wordfreq import zipf_frequency

FUNDUS_URL = "https://github.com/flairNLP/fundus"
SUPRAVERDEN_URL = "https://github.com/confirmordeny/supraverden"
# The languages whose usual form of a name the gazetteer keeps (the "xx=Name" aliases).
LANGS = ("fr", "de", "es", "ru", "it", "pt")
# A one-word name at least this frequent in one of these languages is a common word first
# ("Stern", "Metro", "Nature"): matched on the word, it would flag ordinary text.
COMMON_ZIPF = 3.5
COMMON_LANGS = ("en", "fr", "de", "es", "it", "pt", "ru")
_ARTICLES = frozenset(["the", "le", "la", "les", "der", "die", "das", "el", "los", "las", "il", "lo"])
# fundus groups publishers by country folder; its folder names are ISO 3166 alpha-2 but for "uk"
_COUNTRY = {"uk": "GB"}
_PAREN = re.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]+)\)$")


def fundus_publishers(root: Path) -> list[tuple[str, str, str, list[str]]]:
    """(name, type, country, aliases) for every Publisher(name=...) in fundus's publisher groups."""
    rows = []
    for init in sorted((root / "src" / "fundus" / "publishers").glob("*/__init__.py")):
        country = _COUNTRY.get(init.parent.name, init.parent.name.upper())
        tree = ast.parse(init.read_text(encoding="utf-8"), filename=str(init))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Publisher":
                name = next((k.value.value for k in node.keywords if k.arg == "name"
                             and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
                if name:
                    rows.append(_split_paren(name.strip(), country) + (country,))
    return [(name, "outlet", country, aliases) for name, aliases, country in rows]


def _split_paren(name: str, country: str) -> tuple[str, list[str]]:
    """"Neue Zürcher Zeitung (NZZ)" -> the name and its abbreviation; "Euronews (DE)": the edition's
    country or language is dropped."""
    m = _PAREN.match(name)
    if not m:
        return name, []
    inner = m.group("inner").strip()
    if inner.upper() == country or inner.lower() in ("en", *LANGS):
        return m.group("name"), []
    return m.group("name"), [inner]


def supraverden_bodies(root: Path) -> list[tuple[str, str, str, list[str]]]:
    """(name, type, country, aliases) for every body of supraverden's general list."""
    data = yaml.safe_load((root / "data" / "general_list.yaml").read_text(encoding="utf-8")) or {}
    rows = []
    for key in sorted(data):
        body = data[key] or {}
        name = str(body.get("Name_en") or key).strip()
        aliases = [str(body[f]).strip() for f in sorted(body)
                   if re.fullmatch(r"(Abbreviation|Name_other(_\d+)?)_en", f) and body[f]]
        # an abbreviation under four letters names too many bodies ("EEA": the European Economic Area
        # and the European Environment Agency): left out
        aliases = [a for a in aliases if not (a.isupper() and len(a) < 4)]
        aliases += [f"{lang}={str(body[f'Name_{lang}']).strip()}" for lang in LANGS if body.get(f"Name_{lang}")]
        rows.append((name, "organisation", "int", aliases))
    return rows


def common_word(name: str) -> bool:
    """A name of one word (after an article) that is a common word of some language, or too short."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]
    if len(words) != 1:
        return False
    word = words[0].lower()
    return len(word) < 3 or max(zipf_frequency(word, lang) for lang in COMMON_LANGS) >= COMMON_ZIPF


def _clean(text: str) -> str:
    return " ".join(text.replace("|", "/").replace("\t", " ").split())


def merge(rows: list[tuple[str, str, str, list[str]]]) -> tuple[list[str], list[str]]:
    """The gazetteer lines (one per name, sorted; a repeated name keeps its first row and gains the
    others' aliases) and the names left out as common words."""
    by_name: dict[str, tuple[str, str, str, list[str]]] = {}
    dropped = []
    for name, kind, country, aliases in rows:
        name = _clean(name)
        if common_word(name):
            dropped.append(name)
            continue
        # an abbreviation stays (the detector matches short capitals only in capitals), a common word goes
        aliases = [a for a in map(_clean, aliases)
                   if a and a != name and (a.isupper() or not common_word(a.partition("=")[2] or a))]
        old = by_name.setdefault(name.casefold(), (name, kind, country, []))
        old[3].extend(a for a in aliases if a not in old[3])
    lines = [f"{n}\t{k}\t{c}\t{'|'.join(a)}" for n, k, c, a in sorted(by_name.values(), key=lambda r: (r[1], r[0]))]
    return lines, sorted(set(dropped))


def _commit(root: Path, given: str | None) -> str:
    if given:
        return given
    try:
        return subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def render(fundus: Path, supraverden: Path, fundus_commit: str | None = None,
           supraverden_commit: str | None = None) -> str:
    """The whole file: a header naming the sources, commits and licences, then the rows."""
    outlets, bodies = fundus_publishers(fundus), supraverden_bodies(supraverden)
    lines, dropped = merge(outlets + bodies)
    header = [
        "# Gazetteer derived from public datasets by tools/build_gazetteer.py (do not edit by hand; rebuild).",
        f"# Outlets: fundus publisher list, {FUNDUS_URL} commit {_commit(fundus, fundus_commit)},",
        "#   MIT licence (Copyright (c) 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey); type 'outlet'.",
        f"# Organisations: SupraVerden general list, {SUPRAVERDEN_URL} commit "
        f"{_commit(supraverden, supraverden_commit)},",
        "#   CC BY-SA 4.0 (Copyright (c) Confirmordeny 2025-2026); this file, derived from it, is under the same",
        "#   licence. Its Wikidata codes and names are CC0 (Wikidata).",
        f"# {len(outlets)} publishers, {len(bodies)} organisations -> {len(lines)} names. Left out as common words"
        f" (Zipf >= {COMMON_ZIPF}) or under 3 letters: {', '.join(dropped) or 'none'}. SupraVerden's"
        " abbreviations under four letters are left out (ambiguous).",
        "# Columns as outlets.tsv: name, type, country (ISO 3166 alpha-2, or 'int'), aliases ('|'-separated;",
        "# 'xx=Name' is the usual form in language xx).",
        "name\ttype\tcountry\taliases",
    ]
    return "\n".join(header + lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fundus", type=Path, help="a checkout of flairNLP/fundus")
    parser.add_argument("supraverden", type=Path, help="a checkout of confirmordeny/supraverden")
    parser.add_argument("--fundus-commit")
    parser.add_argument("--supraverden-commit")
    args = parser.parse_args(argv)
    for path in (args.fundus / "src" / "fundus" / "publishers", args.supraverden / "data" / "general_list.yaml"):
        if not path.exists():
            print(f"build_gazetteer: {path}: not found (is the folder a checkout of that repository?)",
                  file=sys.stderr)
            return 2
    sys.stdout.write(render(args.fundus, args.supraverden, args.fundus_commit, args.supraverden_commit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
