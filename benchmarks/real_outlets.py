"""False named-entity flags on real outlet names: each English-language newspaper of Wikidata
(benchmarks/data/real-outlets, CC0) cited in a French, German and Spanish sentence, without a source.

    PYTHONPATH=. python -m benchmarks.real_outlets            # totals per language, every flag listed

Each name goes in the middle line of a three-line document of its own (a news-source slot: "Selon X,
..."), as a spun article would cite it, and the rule detectors run on the MT alone, as `evalkit flag`
does. The names are real and kept as they are, so every named-entity flag on them is false.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input

ROOT = Path(__file__).resolve().parents[1]
NAMES = ROOT / "benchmarks" / "data" / "real-outlets" / "wikidata-english-newspapers.tsv"
NAMED_ENTITY = "accuracy/mistranslation/named-entity"
DOCUMENTS = {
    "fr": ("Le gouvernement a présenté mardi son projet de budget pour l'an prochain.",
           "Selon {}, les dépenses de santé augmenteront de trois pour cent.",
           "Le texte sera débattu au Parlement à partir du mois prochain."),
    "de": ("Die Regierung hat am Dienstag ihren Haushaltsentwurf für das nächste Jahr vorgestellt.",
           "Wie {} berichtete, steigen die Ausgaben für Gesundheit um drei Prozent.",
           "Der Entwurf wird ab dem kommenden Monat im Parlament beraten."),
    "es": ("El gobierno presentó el martes su proyecto de presupuesto para el año que viene.",
           "Según informó {}, el gasto en sanidad aumentará un tres por ciento.",
           "El texto se debatirá en el Parlamento a partir del mes próximo."),
}


def names() -> list[str]:
    with NAMES.open(encoding="utf-8", newline="") as fh:
        return [row["name"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def false_flags(lang: str, name: str, detectors) -> list[tuple[str, str]]:
    """(span, evidence) of the named-entity flags on a document citing `name`."""
    before, line, after = DOCUMENTS[lang]
    doc = prepare_input(f"{before}\n{line.format(name)}\n{after}\n", "en", lang)
    return [(f.text, f.evidence) for f in run_detectors(doc, detectors) if f.category == NAMED_ENTITY]


def main() -> int:
    detectors, listing = make_detectors(), names()
    total = 0
    for lang in DOCUMENTS:
        flagged = [(name, flag) for name in listing for flag in false_flags(lang, name, detectors)]
        total += len(flagged)
        print(f"{lang}: {len(flagged)} named-entity flags on {len(listing)} real names")
        for name, (span, evidence) in flagged:
            print(f"  {name!r}: {span!r}: {evidence[:150]}")
    print(f"all: {total} flags on {len(listing) * len(DOCUMENTS)} citations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
