"""Issue 15, twenty-eighth round. A generator's offer asked inside a sentence ("...; ¿quieres que prepare ...?")
and its offer to prepare or draft more is a leaked prompt; "Mehr aus der Region:" opens a teaser; a caption
labelled by a photo word that ends on its credit ("..., image transmise par une lectrice") is page furniture; a
sentence written again on the next line with one word swapped for a word of the same sense is a duplicate; a
German name after a glue word ("Genehmigung von Reines England") is compared with the source's name on its own, and a
place after a body's first word is no title before a person's name; "a report seen by X" cites a news source. Each
on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

PROMPT = "addition/prompt-leak"
BOILERPLATE = "addition/boilerplate"
DUPLICATION = "fluency/duplication"


@pytest.mark.parametrize("lang, line", [
    ("es", "Ya he revisado la crónica; ¿quieres que prepare también un resumen más breve?"),
    ("es", "¿Quieres que redacte también un titular alternativo?"),
    ("fr", "Souhaitez-vous que je rédige aussi un titre plus court ?"),
    ("de", "Soll ich auch eine zweite Überschrift vorschlagen?"),
    ("de", "Möchten Sie, dass ich eine kürzere Einleitung entwerfe?"),
])
def test_a_generators_offer_to_prepare_more_is_a_leaked_prompt(lang, line):
    found = page_flags(line, lang, category=PROMPT)
    assert [f.text for f in found] == [line], found


@pytest.mark.parametrize("lang, line", [
    ("es", "La alcaldesa preguntó: ¿quieres que prepare la comida para todos los vecinos?"),
    ("fr", "« Voulez-vous que je prépare le dossier ? », a demandé le maire aux élus."),
    ("de", "Soll ich das Dach jetzt reparieren lassen, fragte der Besitzer."),
])
def test_a_question_of_the_articles_people_is_no_prompt(lang, line):
    assert page_flags(line, lang, category=PROMPT) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Mehr aus der Region: Neue Fähre verbindet die Insel mit dem Festland"),
    ("es", "Más de la región: El mercado de abastos abre los domingos"),
    ("fr", "Plus de la région : la piscine municipale rouvre en juin"),
])
def test_more_from_the_region_opens_a_teaser(lang, line):
    found = page_flags(line, lang, category=BOILERPLATE)
    assert [f.text for f in found] == [line], found


@pytest.mark.parametrize("lang, line", [
    ("de", "Mehr aus der Region kam in diesem Jahr kein Geld für den Hafen."),
    ("fr", "Plus de la région qu'ailleurs, les loyers ont augmenté cette année."),
])
def test_more_from_the_region_in_a_sentence_is_no_teaser(lang, line):
    assert page_flags(line, lang, category=BOILERPLATE) == []


@pytest.mark.parametrize("lang, line", [
    ("fr", "Illustration : le vieux lavoir sous la neige, photo transmise par un habitant du hameau"),
    ("es", "Imagen: el muelle tras el temporal, foto cedida por una vecina"),
    ("de", "Bild: Der Steg nach dem Sturm, Foto zur Verfügung gestellt von einer Leserin"),
])
def test_a_labelled_caption_ending_on_its_credit_is_page_furniture(lang, line):
    found = page_flags(line, lang, category=BOILERPLATE)
    assert [f.text for f in found] == [line], found


@pytest.mark.parametrize("lang, line", [
    ("fr", "Illustration : la photo fournie par la mairie montre le lavoir."),
    ("es", "Imagen: los vecinos muestran una foto del muelle antes del temporal"),
])
def test_a_caption_without_a_credit_at_its_photo_word_is_not_this_rule(lang, line):
    found = page_flags(line, lang, category=BOILERPLATE)
    assert not any("caption with its credit" in f.evidence for f in found), found


@pytest.mark.parametrize("lang, first, again, word", [
    ("ru", "Проект обсудят на общественных слушаниях в апреле.", "Проект обсудят на публичных слушаниях в апреле.",
     "публичных"),
    ("de", "Der Haushalt wird vom Rat beschlossen.", "Der Haushalt wird vom Ausschuss beschlossen.", "ausschuss"),
])
def test_a_sentence_written_again_with_a_word_of_the_same_sense_is_a_duplicate(lang, first, again, word):
    found = page_flags(f"{first}\n{again}", lang, category=DUPLICATION)
    assert [f.text for f in found] == [again] and repr(word) in found[0].evidence, found


@pytest.mark.parametrize("lang, first, again", [
    ("ru", "Совет рассмотрит проект нового моста в марте.", "Совет рассмотрит проект новой школы в марте."),
    ("fr", "Lundi : collecte des déchets verts au nord.", "Mardi : collecte des déchets verts au nord."),
    ("fr", "Le chantier doit reprendre en mai.", "Le chantier doit reprendre en juin."),
])
def test_two_sentences_one_word_apart_in_sense_are_no_duplicate(lang, first, again):
    assert page_flags(f"{first}\n{again}", lang, category=DUPLICATION) == []
