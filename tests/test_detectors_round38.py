"""Issue 15, thirty-eighth round: what held-outs 83 and 84 (measured untouched, then read) showed.
- A swap read on the wrong phrase: the source names "the Ministry of Forestry" and says "on the advice of
  foresters"; the MT renders the ministry with its usual word ("Das Ministerium für ...") and the advice as "nach
  dem Rat der Förster", and "Rat der Förster" was flagged as the ministry's name with 'Rat' (a board) in its place.
  A one-word swap is not read where the replaced word's usual translation stands elsewhere in the MT segment, outside
  the name, as often as the source segment writes the word.
- A word the target's word list lacks, flagged as left in English though the aligned source writes another word
  ("iodation", French, where the source has "iodisation"): with the source given, a word left untranslated is a
  word of it; a rare word no form of which the aligned source has is the MT's own.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.untranslated import _source_writes_otherwise

NAMED = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"


def _flags(mt: str, lang: str, category: str, source: str | None = None) -> list[str]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n" if source else None)
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == category]


def test_a_phrase_beside_the_rendered_name_is_no_swap_of_it():
    mt = "Das Ministerium für Forstwirtschaft teilte mit, dass die Wege nach dem Rat der Förster gesperrt bleiben."
    src = "The Ministry of Forestry said the paths stay closed on the advice of foresters."
    assert _flags(mt, "de", NAMED, src) == []


def test_the_swap_is_still_flagged_where_the_name_is_rendered_nowhere_else():
    mt = "Der Bund der Förster teilte mit, dass die Wege gesperrt bleiben."
    src = "The Ministry of Forestry said the paths stay closed."
    assert _flags(mt, "de", NAMED, src) == ["Bund der Förster"]


def test_a_rare_word_the_source_does_not_write_is_the_mts_own():
    mt = "Les autorités sanitaires recommandent l'iodation du sel de table depuis 1990."
    src = "Health authorities have recommended the iodisation of table salt since 1990."
    assert _flags(mt, "fr", UNTRANSLATED, src) == []


def test_without_the_source_language_identification_still_decides():
    mt = "Les autorités sanitaires recommandent l'iodation du sel de table depuis 1990."
    assert _flags(mt, "fr", UNTRANSLATED) == ["iodation"]


def test_a_rare_word_the_source_writes_is_still_flagged():
    mt = "La cooperativa prueba una máquina de pasteurisation donada por la región."
    src = "The cooperative is testing a pasteurisation machine donated by the region."
    assert _flags(mt, "es", UNTRANSLATED, src) == ["pasteurisation"]


@pytest.mark.parametrize("word, aligned, otherwise", [
    ("iodation", {"the", "iodisation", "line"}, True),
    ("snowploughs", {"the", "snowplough", "broke"}, False),    # another inflection of the word
    ("snowplough", {"the", "snowploughs", "broke"}, False),
    ("overtourism", {"stop", "overtourism"}, False),
    ("iodation", set(), False),                                # no aligned source: nothing to say
])
def test_source_writes_otherwise(word, aligned, otherwise):
    assert _source_writes_otherwise(word, aligned) is otherwise
