"""Issue 15, thirty-seventh round: what held-outs 81 and 82 (measured untouched, then read) showed.
- An outlet's name in the plural cites a source with a plural verb ("Die Ostküsten-Zeiten stellten fest"), and
  the cue lists had most verbs in the singular only: the plural forms of the German, Spanish, French and Russian
  cues are added (evalkit/data/patterns.tsv).
- A translated outlet's name whose place is a hyphened name ("L'Étoile de Saint-Vincent") was read word by word,
  and neither "Saint" nor "Vincent" is a place alone: a hyphened compound that names a place whole (CLDR, in
  exonyms.tsv) counts as the place.
- A name just before ", <citing verb>" was read as the source cited even where the verb has its own subject after
  it ("... sur Google Maps, a rapporté Le Monde"): "Google Maps" was flagged as a newspaper's name with a word
  swapped ("Google Register"). A citing verb after a comma and before its subject cites that subject, not the name
  before the comma.
- A teaser standing where the MT left a sentence out ("Découvrez aussi : ..."), paired with that sentence by the
  aligner's length-only link: the line classifier read it as junk (0.99) but from its words alone only 0.41, and a
  link held by length asks 0.7 of those (headlines paired with headlines share nothing either). A link held by
  length whose sides share nothing and that pairs sentences with lines none of which ends as a sentence is asked
  as one with no counterpart: the junk is found, and the sentence left out with it.
- A one-word outlet's name translated, opening the MT sentence ("Géographique a écrit que ..." for "Geographical
  wrote that ..."): a sentence's first word was not read as written as a name. Before a citing verb it is.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.text import outlet_slot

NAMED = "accuracy/mistranslation/named-entity"


def _names(mt: str, lang: str, source: str | None = None) -> list[str]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n" if source else None)
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == NAMED]


@pytest.mark.parametrize("text, name", [
    ("Die Kairoer Zeiten stellten fest, dass der Hafen im Winter kaum Fracht abfertigt.", "Die Kairoer Zeiten"),
    ("Los Tiempos de Kingston indicaron que el puerto apenas recibe carga en invierno.", "Tiempos de Kingston"),
    ("Les Nouvelles d'Accra soulignent que le port reçoit peu de fret en hiver.", "Nouvelles d'Accra"),
    ("Лагосские новости отмечают, что зимой порт почти не принимает грузов.", "Лагосские новости"),
])
def test_a_plural_verb_after_a_name_cites_a_source(text, name):
    start = text.index(name)
    assert outlet_slot(text, start, start + len(name)) == "attribution"


def test_the_singular_and_the_plural_alike():
    for verb in ("stellte", "stellten"):
        text = f"Die Kairoer Zeitung {verb} fest, dass der Hafen im Winter kaum Fracht abfertigt."
        assert outlet_slot(text, 4, 19) == "attribution"


def test_a_translated_times_cited_with_a_plural_verb_is_flagged():
    mt = "Die Kairoer Zeiten stellten fest, dass der Hafen im Winter kaum Fracht abfertigt."
    assert _names(mt, "de") == ["Kairoer Zeiten"]


def test_a_star_of_a_hyphened_place_is_flagged():
    mt = "L'Étoile de Saint-Vincent a rapporté que le port reçoit peu de fret en hiver."
    assert _names(mt, "fr") == ["Étoile de Saint-Vincent"]


@pytest.mark.parametrize("lang, mt", [
    # a real paper of the target language whose place is hyphened: its head is a real paper's head
    ("fr", "Le Journal de Saint-Étienne a rapporté que le port reçoit peu de fret en hiver."),
    # a hyphened compound that names no place
    ("fr", "L'Étoile de Jean-Marc a rapporté que le port reçoit peu de fret en hiver."),
    # no news source cited: the hyphened place counts only where one is
    ("fr", "L'Étoile de Saint-Vincent brillait au-dessus du port toute la nuit."),
])
def test_no_flag_where_the_name_is_no_translated_outlet(lang, mt):
    assert _names(mt, lang) == []


@pytest.mark.parametrize("text, name", [
    ("Les numéros des maisons seront ajoutés sur Google Maps, a rapporté Le Monde.", "Google Maps"),
    ("Los números de las casas se añadirán a Google Maps, informó la agencia EFE.", "Google Maps"),
    ("Die Hausnummern kommen auch zu Google Maps, berichtete die Zeit.", "Google Maps"),
    ("Номера домов добавят и в Google Maps, сообщила газета «Ведомости».", "Google Maps"),
])
def test_a_name_before_a_comma_and_an_inverted_citer_is_not_cited(text, name):
    start = text.index(name)
    assert outlet_slot(text, start, start + len(name)) is None


@pytest.mark.parametrize("lang, mt", [
    ("es", "Los números de las casas se añadirán a Google Maps, informó El Comercio."),
    ("fr", "Les numéros des maisons seront ajoutés sur Google Maps, a rapporté Le Monde."),
])
def test_a_product_before_an_inverted_citer_is_not_flagged(lang, mt):
    assert _names(mt, lang) == []


@pytest.mark.parametrize("text, name", [
    ("Le Monde a rapporté que les numéros des maisons seront ajoutés sur la carte.", "Le Monde"),
    ("Les numéros des maisons seront ajoutés, selon Le Monde.", "Le Monde"),
    ("Die Hausnummern kommen auch auf die Karte, berichtete Die Zeit.", "Die Zeit"),
])
def test_the_cited_name_itself_is_still_cited(text, name):
    start = text.index(name)
    assert outlet_slot(text, start, start + len(name)) == "attribution"


SOURCE_MILL = ("The old mill on the river opened again on Monday after four years of work.\n"
               "Volunteers rebuilt the wheel with oak from a nearby estate.\n"
               "A small museum now tells the story of the families who ran it.\n"
               "Entry is free for children under twelve.\n")


def _found(mt: str, lang: str, source: str) -> list[tuple[str, str]]:
    doc = prepare_input(mt, "en", lang, source=source)
    return [(f.category, f.text) for f in run_detectors(doc, make_detectors())]


def test_a_teaser_where_a_sentence_was_left_out_is_junk_and_the_sentence_an_omission():
    mt = ("Le vieux moulin au bord de la rivière a rouvert lundi après quatre ans de travaux.\n"
          "Des bénévoles ont reconstruit la roue avec du chêne d'un domaine voisin.\n"
          "Découvrez aussi : les plus beaux villages de la vallée en automne\n"
          "L'entrée est gratuite pour les enfants de moins de douze ans.\n")
    found = _found(mt, "fr", SOURCE_MILL)
    assert ("addition/boilerplate", "Découvrez aussi : les plus beaux villages de la vallée en automne") in found
    assert any(c == "accuracy/omission" for c, _ in found)


def test_a_headline_paired_with_a_headline_is_not_asked_so():
    source = "Gut feeling: the mill will turn again\n" + SOURCE_MILL
    mt = ("Bauchgefühl: Bald dreht sich das Rad wieder\n"
          "Die alte Mühle am Fluss hat am Montag nach vier Jahren Arbeit wieder geöffnet.\n"
          "Freiwillige haben das Rad mit Eichenholz aus einem nahen Gut wieder aufgebaut.\n"
          "Ein kleines Museum erzählt nun die Geschichte der Familien, die sie betrieben.\n"
          "Der Eintritt ist für Kinder unter zwölf Jahren frei.\n")
    assert [c for c, _ in _found(mt, "de", source) if c == "addition/boilerplate"] == []


@pytest.mark.parametrize("mt, flagged", [
    ("Ardoise a écrit que l'émission avait été annulée après deux saisons.", ["Ardoise"]),
    ("Slate a écrit que l'émission avait été annulée après deux saisons.", []),
])
def test_a_one_word_outlet_translated_at_a_sentences_start(mt, flagged):
    source = "Slate wrote that the show had been cancelled after two seasons.\n"
    found = [t for c, t in _found(mt + "\n", "fr", source) if c == NAMED]
    assert found == flagged
