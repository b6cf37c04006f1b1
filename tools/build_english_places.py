"""Writes evalkit/data/english_places.tsv: the names GeoNames gives only to places in countries whose press
writes in English (cities of 15,000 inhabitants or more, and their first-level divisions: "Glasgow",
"Springfield", "Alberta"), for the rule that reads a newspaper's head translated beside such a place as an
English-language paper's name translated ("Warwicker Tagesnachrichten"). Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_english_places.py WORLD_CITIES_CSV [--commit SHA] \
        > evalkit/data/english_places.tsv

WORLD_CITIES_CSV is data/world-cities.csv of https://github.com/datasets/world-cities (GeoNames' cities of
15,000 inhabitants or more with their country and subcountry; CC BY 4.0, credit GeoNames). Left out: a name
GeoNames also gives a place in another country ("Paris" of Texas, "Toledo" of Ohio), Quebec (its press writes
in French), a name of three letters or fewer, and a name that is a common English word (Zipf 3.0 or more and
not among the words WordNet writes only with a capital: "Reading", "Mobile"). Same input, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import sys

from evalkit.detectors.langdata import table
from evalkit.detectors.text import fold, zipf

SOURCE = "https://github.com/datasets/world-cities"
# countries whose newspapers write mostly in English (a choice made for evalkit)
ENGLISH_PRESS = ("United States", "United Kingdom", "Ireland", "Canada", "Australia", "New Zealand", "Jamaica",
                 "Trinidad and Tobago", "Bahamas", "Barbados", "Belize", "Guyana", "Ghana", "Nigeria", "Kenya",
                 "Uganda", "Zambia", "Zimbabwe", "Malawi", "Botswana", "Namibia", "Sierra Leone", "Liberia",
                 "Gambia", "Fiji", "Papua New Guinea")
OTHER_PRESS_REGIONS = {("Canada", "Quebec")}
COMMON_WORD_ZIPF = 3.0


def places(rows: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Folded name -> (name as GeoNames first writes it, the countries that have a place of that name, sorted
    and joined by ", ") for the names kept."""
    proper = {row["word"] for row in table("english_proper_words")}
    elsewhere: set[str] = set()
    ours: dict[str, tuple[str, set[str]]] = {}
    for row in rows:
        for name in (row["name"], row["subcountry"]):
            key = fold(name)
            if row["country"] not in ENGLISH_PRESS or (row["country"], row["subcountry"]) in OTHER_PRESS_REGIONS:
                elsewhere.add(key)
            elif name and name != "N/A":
                ours.setdefault(key, (name, set()))[1].add(row["country"])
    return {k: (name, ", ".join(sorted(countries))) for k, (name, countries) in sorted(ours.items())
            if k not in elsewhere and len(k) > 3
            and not (" " not in k and zipf(k, "en") >= COMMON_WORD_ZIPF and k not in proper)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv_path")
    parser.add_argument("--commit", default="unknown")
    args = parser.parse_args(argv)
    with open(args.csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kept = places(rows)
    sys.stdout.write(
        "# Names GeoNames gives only to places in countries whose press writes in English (cities of 15,000\n"
        "# inhabitants or more and their first-level divisions), written by tools/build_english_places.py from\n"
        f"# data/world-cities.csv of {SOURCE} commit {args.commit}\n"
        "# (GeoNames, https://www.geonames.org/, licence CC BY 4.0: https://creativecommons.org/licenses/by/4.0/).\n"
        f"# Countries: {', '.join(ENGLISH_PRESS)}; Quebec left out. Read by evalkit/detectors/rendered.py.\n"
        "place\tcountries\n")
    sys.stdout.write("".join(f"{name}\t{country}\n" for name, country in kept.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
