"""Writes evalkit/data/gazetteer_public.tsv: news outlets and international organisations taken from two
public datasets, read from checkouts made beforehand (the script never touches the network). Run by
hand; never at run time:

    PYTHONPATH=. python tools/build_gazetteer.py FUNDUS_DIR SUPRAVERDEN_DIR [ROR_DIR] \
        > evalkit/data/gazetteer_public.tsv

FUNDUS_DIR is a checkout of https://github.com/flairNLP/fundus (MIT): the publishers declared in
src/fundus/publishers/*/__init__.py. SUPRAVERDEN_DIR is a checkout of
https://github.com/confirmordeny/supraverden (CC BY-SA 4.0): data/general_list.yaml, international
organisations with their abbreviations and names in other languages. ROR_DIR (optional) is a clone,
bare or not, of https://github.com/ror-community/ror-records (CC0): the Research Organization
Registry's release files vX.Y/*.json (schemas v1 and v2), each record in its newest release, withdrawn
and inactive ones left out. The commits are read with git where the folders are git repositories, or
given with --fundus-commit / --supraverden-commit / --ror-commit. Same inputs, same bytes. See
docs/detectors-lexical.md.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml
from ror_records import newest_records
from wordfreq import zipf_frequency

FUNDUS_URL = "https://github.com/flairNLP/fundus"
SUPRAVERDEN_URL = "https://github.com/confirmordeny/supraverden"
ROR_URL = "https://github.com/ror-community/ror-records"
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


# --------------------------------------------------------------------------- ROR

def _ror_names(record: dict) -> tuple[str, list[tuple[str | None, str, str]]]:
    """The name (the English label where the display name is in another language) and every
    (language, kind, form) of a record, kind one of label, alias, acronym; schema v2 ("names") or v1
    ("name", "labels", "aliases", "acronyms")."""
    if "names" in record:
        forms = [(n.get("lang"), next((t for t in ("acronym", "label", "alias") if t in n.get("types", ())), "alias"),
                  str(n.get("value") or "")) for n in record["names"]]
        display = next(((n.get("lang"), str(n["value"])) for n in record["names"]
                        if "ror_display" in n.get("types", ())), (None, ""))
        english = next((f for lang, k, f in forms if lang == "en" and k == "label"), "")
        # "Instituto Nacional Electoral" (es): the gazetteer's names are English, its other forms tagged
        return (english if display[0] not in (None, "en") and english else display[1]
                or next((f for _, k, f in forms if k == "label"), "")), forms
    forms = [(lab.get("iso639"), "label", str(lab.get("label") or "")) for lab in record.get("labels") or ()]
    forms += [(None, "alias", str(a)) for a in record.get("aliases") or ()]
    forms += [(None, "acronym", str(a)) for a in record.get("acronyms") or ()]
    return str(record.get("name") or ""), forms


def _ror_country(record: dict) -> str:
    if "locations" in record:
        codes = [(loc.get("geonames_details") or {}).get("country_code") for loc in record["locations"]]
        return next((c for c in codes if c), "")
    return str((record.get("country") or {}).get("country_code") or "")


_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u2000-\u206f]+$")


def _disambiguated(name: str) -> tuple[str, str | None]:
    """ROR tells apart bodies of one name by a parenthesis ("Galapagos (Belgium)"): the name without it,
    and an abbreviation found in it ("Public University of Navarre (UPNA)")."""
    m = _PAREN.match(name)
    if not m:
        return name, None
    inner = m.group("inner").strip()
    return m.group("name"), inner if inner.isupper() and " " not in inner else None


def _content(name: str) -> list[str]:
    words = re.findall(r"\w+", name)
    return words[1:] if len(words) > 1 and words[0].lower() in _ARTICLES else words


def ror_organisations(records: list[dict], every: bool = False) -> list[tuple[str, str, str, list[str]]]:
    """(name, type, country, aliases) of every active ROR record: its English display name, its other
    English or language-neutral labels and aliases in Latin script, its labels and aliases in the
    languages of LANGS ("fr=..."), its acronyms of four letters or more. Names and forms of one word
    (but acronyms) are left out, and so are records without a form in one of LANGS unless `every`
    (all 46,000 cost the detectors 170 MiB and two thirds more time for four more flags on the tuning
    corpora, all from records with such a form)."""
    rows = []
    for record in records:
        if record.get("status", "active") != "active":
            continue
        display, forms = _ror_names(record)
        name, abbreviation = _disambiguated(display.strip())
        if not name or not _LATIN.match(name):
            continue
        if len(_content(name)) < 2:
            continue   # a one-word name is a brand or a place as often as a body ("Galapagos (Belgium)")
        aliases = [abbreviation] if abbreviation and len(abbreviation) >= 4 else []
        for lang, kind, form in sorted(forms, key=lambda f: f[1] != "label"):   # labels first
            form = _disambiguated(form.strip())[0]
            if not form or form == name and lang not in LANGS:
                continue
            if kind == "acronym" or form.isupper() and " " not in form:
                if len(form) >= 4 and form.isupper() and _LATIN.match(form):
                    aliases.append(form)
            elif len(_content(form)) < 2:
                continue
            elif lang in LANGS:
                aliases.append(f"{lang}={form}")
            elif lang in (None, "en") and _LATIN.match(form):
                aliases.append(form)
        if every or any(a.partition("=")[0] in LANGS and "=" in a for a in aliases):
            rows.append((name, "institution", _ror_country(record), list(dict.fromkeys(aliases))))
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
           supraverden_commit: str | None = None, ror: Path | None = None, ror_commit: str | None = None,
           ror_every: bool = False) -> str:
    """The whole file: a header naming the sources, commits and licences, then the rows."""
    outlets, bodies = fundus_publishers(fundus), supraverden_bodies(supraverden)
    records = newest_records(ror) if ror else []
    research = ror_organisations(records, ror_every)
    lines, dropped = merge(outlets + bodies + research)
    header = [
        "# Gazetteer derived from public datasets by tools/build_gazetteer.py (do not edit by hand; rebuild).",
        f"# Outlets: fundus publisher list, {FUNDUS_URL} commit {_commit(fundus, fundus_commit)},",
        "#   MIT licence (Copyright (c) 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey); type 'outlet'.",
        f"# Organisations: SupraVerden general list, {SUPRAVERDEN_URL} commit "
        f"{_commit(supraverden, supraverden_commit)},",
        "#   CC BY-SA 4.0 (Copyright (c) Confirmordeny 2025-2026); this file, derived from it, is under the same",
        "#   licence. Its Wikidata codes and names are CC0 (Wikidata).",
    ]
    if ror:
        header += [
            f"# Organisations: Research Organization Registry (ROR) records, {ROR_URL} commit "
            f"{_commit(ror, ror_commit)},",
            "#   CC0 1.0 (https://ror.org/about/faqs/#license-and-terms-of-use); each record in its newest release,",
            "#   withdrawn and inactive ones and one-word names left out"
            + ("" if ror_every else ", and those without a name in fr, de, es, ru, it or pt")
            + f": {len(records)} records, {len(research)} kept (type 'institution').",
        ]
    header += [
        f"# {len(outlets)} publishers, {len(bodies)} organisations"
        + (f", {len(research)} ROR organisations" if ror else "")
        + f" -> {len(lines)} names. Left out as common words"
        f" (Zipf >= {COMMON_ZIPF}) or under 3 letters: {', '.join(dropped) or 'none'}. SupraVerden's"
        " abbreviations under four letters are left out (ambiguous)" + (", and so are ROR's." if ror else "."),
        "# Columns as outlets.tsv: name, type, country (ISO 3166 alpha-2, or 'int'), aliases ('|'-separated;",
        "# 'xx=Name' is the usual form in language xx).",
        "name\ttype\tcountry\taliases",
    ]
    return "\n".join(header + lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fundus", type=Path, help="a checkout of flairNLP/fundus")
    parser.add_argument("supraverden", type=Path, help="a checkout of confirmordeny/supraverden")
    parser.add_argument("ror", type=Path, nargs="?", help="a clone (bare or not) of ror-community/ror-records")
    parser.add_argument("--fundus-commit")
    parser.add_argument("--supraverden-commit")
    parser.add_argument("--ror-commit")
    parser.add_argument("--ror-every-record", action="store_true",
                        help="keep ROR records without a name in the languages of LANGS too")
    args = parser.parse_args(argv)
    for path in (args.fundus / "src" / "fundus" / "publishers", args.supraverden / "data" / "general_list.yaml",
                 *([args.ror] if args.ror else [])):
        if not path.exists():
            print(f"build_gazetteer: {path}: not found (is the folder a checkout of that repository?)",
                  file=sys.stderr)
            return 2
    sys.stdout.write(render(args.fundus, args.supraverden, args.fundus_commit, args.supraverden_commit,
                            args.ror, args.ror_commit, args.ror_every_record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
