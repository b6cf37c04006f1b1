"""Writes evalkit/data/exonyms.tsv: the names of countries and of cities in several languages, from
the Unicode CLDR data that Babel ships. Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_exonyms.py > evalkit/data/exonyms.tsv

Countries: CLDR's territory names (two-letter codes). Cities: CLDR's exemplar cities of the time
zones (Europe/Vienna: "Vienna", "Wien", "Vienne"). A place is written only where two languages
name it differently, so each row pairs a place with one language's name for it. CLDR's data is
under the Unicode License v3 (https://www.unicode.org/license.txt); Babel's code is not copied.
"""

from __future__ import annotations

import sys

# the languages the detectors are measured on, and a few neighbours
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs")

# names that stand for something else in the same form in many texts, which a translation keeps: a US
# state (Georgia, Washington), a first name (Jordan, Chad, Victoria), New Jersey, Mexico's capital
AMBIGUOUS = frozenset({"Georgia", "Jersey", "Mexico", "Washington", "Victoria", "Panama", "Guinea",
                       "Congo", "Kingston", "Santiago", "Saint Helena", "Jordan", "Chad"})
# Ukrainian cities whose romanisation from Ukrainian the press of most languages took up in 2022
# (Kyiv beside Kiev, Kiew, Kiev): either form is correct in a translation
IN_TRANSITION = frozenset({"Europe/Kyiv", "Europe/Kiev", "Europe/Uzhgorod", "Europe/Zaporozhye",
                           "Europe/Simferopol"})


def places(languages: tuple[str, ...] = LANGUAGES) -> list[tuple[str, str, str, str]]:
    """(kind, code, lang, name) for every place some two of `languages` name differently."""
    from babel import Locale
    from babel.dates import get_timezone_location

    locales = {lang: Locale(lang) for lang in languages}
    rows: list[tuple[str, str, str, str]] = []
    codes = sorted(c for c in locales["en"].territories if len(c) == 2 and c.isalpha() and c not in ("ZZ", "EU"))
    for code in codes:
        names = {lang: _clean(loc.territories.get(code, "")) for lang, loc in locales.items()}
        rows += _differing("country", code, names)
    zones = sorted({z for loc in locales.values() for z in loc.time_zones if "/" in z and not z.startswith("Etc/")})
    for zone in zones:
        names = {lang: _clean(get_timezone_location(zone, locale=lang, return_city=True)) for lang in languages}
        rows += _differing("city", zone, names)
    return rows


def _clean(name: str) -> str:
    return name.replace("\u00ad", "")   # CLDR's soft hyphens ("Reyk\u00adja\u00advík")


def _differing(kind: str, code: str, names: dict[str, str]) -> list[tuple[str, str, str, str]]:
    if any(not n or "\t" in n for n in names.values()) or len(set(names.values())) < 2:
        return []
    if any(n in AMBIGUOUS for n in names.values()) or code in IN_TRANSITION:
        return []
    return [(kind, code, lang, name) for lang, name in names.items()]


def main() -> int:
    out = sys.stdout
    out.write("# Country and city names per language, from Unicode CLDR (Babel's copy of it), written by\n"
              "# tools/build_exonyms.py; only places that two of the languages name differently. Licence:\n"
              "# Unicode License v3 (https://www.unicode.org/license.txt). Do not edit by hand.\n")
    out.write("kind\tcode\tlang\tname\n")
    for row in places():
        out.write("\t".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
