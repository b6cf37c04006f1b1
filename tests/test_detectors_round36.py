"""Issue 15, thirty-sixth round: what held-outs 79 and 80 (measured untouched, then read) showed.
- A body's name that the gazetteer knows only in other languages than the target ("Ministry of Culture", the
  English alias of a Catalan department) was never compared word by word: a known name was thought to have its
  usual forms. Where the gazetteer gives no form in the target language, the one-word-swap comparison runs.
- The same alias made a correct rendering a flag: "Ministerio de Cultura" for the Ministry of Culture read as the
  Catalan department's Spanish form ("Departamento de Cultura") with a word swapped. A run that renders word for
  word the name as the source writes it is no swap, where that is one of the entry's other names; where the source
  writes the entry's own name, its usual form still stands ("Cour européenne des droits de l'homme").
- A German outlet's name translated with its adjective lowercase after the article ("das öffentliche Hauptbuch"
  for the Public Ledger): the adjective is read as the name's first word.
- A French body's name whose head word is lowercase ("ministère de la Civilisation et des Sports" for the
  Ministry of Culture and Sport): the head, a usual translation of the source name's first word, and
  the capitalised words after it past glue words, are read as one name.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.gazetteer import gazetteer

NAMED = "accuracy/mistranslation/named-entity"
MUSEUM = "The Ministry of Culture will pay for the new wing of the museum next year."


def _names(source: str, mt: str, lang: str) -> list[str]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n")
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == NAMED]


def test_the_ministry_is_a_gazetteer_alias_without_a_german_form():
    entry = gazetteer().lookup("Ministry of Culture")   # the premise of the two tests below
    assert entry is not None and entry.name != "Ministry of Culture" and not entry.aliases_for("de")
    assert entry.aliases_for("es")


def test_a_known_name_with_no_target_form_is_compared_word_by_word():
    mt = "Das Ministerium für Tradition wird den neuen Flügel des Museums im nächsten Jahr bezahlen."
    assert _names(MUSEUM, mt, "de") == ["Ministerium für Tradition"]


@pytest.mark.parametrize("lang, mt", [
    ("de", "Das Ministerium für Kultur wird den neuen Flügel des Museums im nächsten Jahr bezahlen."),
    ("de", "Das Kulturministerium wird den neuen Flügel des Museums im nächsten Jahr bezahlen."),
    ("es", "El Ministerio de Cultura pagará la nueva ala del museo el año que viene."),
    ("fr", "Le ministère de la Culture paiera la nouvelle aile du musée l'an prochain."),
])
def test_the_name_rendered_as_the_source_writes_it_is_no_swap(lang, mt):
    assert _names(MUSEUM, mt, lang) == []


def test_the_known_bodys_own_form_with_a_word_swapped_is_still_flagged():
    mt = "El Departamento de Folclore pagará la nueva ala del museo el año que viene."
    assert _names(MUSEUM, mt, "es") == ["Departamento de Folclore"]


@pytest.mark.parametrize("mt, flagged", [
    ("Le Tribunal européen des droits de l'homme entendra l'affaire des deux pêcheurs en mars.",
     ["Tribunal européen des droits de l'homme"]),
    ("La Cour européenne des droits de l'homme entendra l'affaire des deux pêcheurs en mars.", []),
])
def test_a_body_named_by_its_own_name_keeps_its_usual_form(mt, flagged):
    # the source writes the entry's own name: its French form is "Cour européenne ...", word for word or not
    source = "The European Court of Human Rights will hear the case of the two fishermen in March."
    assert _names(source, mt, "fr") == flagged


@pytest.mark.parametrize("source, mt, flagged", [
    ("The Public Ledger wrote on Tuesday that the new bridge would open in June.",
     "Das öffentliche Hauptbuch schrieb am Dienstag, die neue Brücke werde im Juni eröffnet.",
     ["öffentliche Hauptbuch"]),
    ("The Coastal Courier wrote on Tuesday that the new bridge would open in June.",
     "Der küstennahe Kurier schrieb am Dienstag, die neue Brücke werde im Juni eröffnet.", ["küstennahe Kurier"]),
    ("The Public Ledger wrote on Tuesday that the new bridge would open in June.",
     "Der Public Ledger schrieb am Dienstag, die neue Brücke werde im Juni eröffnet.", []),
])
def test_a_german_outlet_translated_with_its_adjective_lowercase_is_flagged(source, mt, flagged):
    assert _names(source, mt, "de") == flagged


@pytest.mark.parametrize("source, mt, flagged", [
    ("The Ministry of Culture and Sport opened the new library on Friday.",
     "Le ministère de la Civilisation et des Sports a inauguré vendredi la nouvelle bibliothèque.",
     ["ministère de la Civilisation et des Sports"]),
    ("The Ministry of Culture and Sport opened the new library on Friday.",
     "Le ministère de la Culture et des Sports a inauguré vendredi la nouvelle bibliothèque.", []),
    ("The Ministry of Agriculture said on Monday that the harvest would be late.",
     "Le ministère de l'Élevage a déclaré lundi que la récolte serait tardive.", ["ministère de l'Élevage"]),
    ("The Ministry of Agriculture said on Monday that the harvest would be late.",
     "Le ministère de l'Agriculture a déclaré lundi que la récolte serait tardive.", []),
])
def test_a_french_bodys_name_with_its_head_lowercase_is_compared_whole(source, mt, flagged):
    assert _names(source, mt, "fr") == flagged

