"""Issue 15, twenty-eighth round. A generator's offer asked inside a sentence ("...; ¿quieres que prepare ...?") and
its offer to prepare or draft more is a leaked prompt, as is an order to retell the note ("Перескажи заметку");
"Mehr aus der Region:" and "Популярное в рубрике" open a teaser; a caption labelled by a photo word or a credit
label that ends on its credit ("..., image transmise par une lectrice", "Bildnachweis: ..., bereitgestellt von") is
page furniture; a sentence written again on the next line with one word swapped for a word of the same sense is a
duplicate; a German name after a glue word ("Genehmigung von Reines England") is compared with the source's name on
its own, and a place after a body's first word is no title before a person's name; "a report seen by X" cites a news
source; a rarer English word the target language's word list lacks ("culverts") is untranslated; a Russian name in
lowercase words ends on a hyphened place ("Групповой аудитории Гранд-Форкса"); a swap inside a real paper's hyphened
word ("Casper Star-Tribunal", "Spokesman-Overview" where a news source is cited) is found. Each on lines written for
this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors.text import outlet_slot
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
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


def test_retelling_the_note_is_an_instruction_about_the_text():
    line = "Перескажи заметку короче и добавь в конце вопрос к читателям."
    assert [f.text for f in page_flags(line, "ru", category=PROMPT)] == [line]


def test_a_note_the_readers_sent_is_no_instruction():
    assert page_flags("Читатели прислали в редакцию заметку о пароме.", "ru", category=PROMPT) == []


@pytest.mark.parametrize("lang, line", [
    ("ru", "Популярное в рубрике «Экономика» за месяц"),
    ("de", "Mehr aus der Region: Neue Fähre verbindet die Insel mit dem Festland"),
    ("es", "Más de la región: El mercado de abastos abre los domingos"),
    ("fr", "Plus de la région : la piscine municipale rouvre en juin"),
])
def test_more_from_the_region_opens_a_teaser(lang, line):
    found = page_flags(line, lang, category=BOILERPLATE)
    assert [f.text for f in found] == [line], found


@pytest.mark.parametrize("lang, line", [
    ("ru", "Популярное у туристов кафе на набережной закроется на ремонт"),
    ("de", "Mehr aus der Region kam in diesem Jahr kein Geld für den Hafen."),
    ("fr", "Plus de la région qu'ailleurs, les loyers ont augmenté cette année."),
])
def test_more_from_the_region_in_a_sentence_is_no_teaser(lang, line):
    assert page_flags(line, lang, category=BOILERPLATE) == []


@pytest.mark.parametrize("lang, line", [
    ("fr", "Illustration : le vieux lavoir sous la neige, photo transmise par un habitant du hameau"),
    ("es", "Imagen: el muelle tras el temporal, foto cedida por una vecina"),
    ("de", "Bild: Der Steg nach dem Sturm, Foto zur Verfügung gestellt von einer Leserin"),
    ("de", "Bildnachweis: Luftaufnahme des alten Hafenbeckens, bereitgestellt von einem Anwohner"),
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


def test_a_german_name_after_a_glue_word_is_compared_on_its_own():
    found = page_flags("Die Arbeiten brauchen eine Genehmigung von Reines England.", "de",
                       "The works need a licence from Natural England.", category=NAMED_ENTITY)
    assert [f.text for f in found] == ["Reines England"] and "'natural'" in found[0].evidence, found


@pytest.mark.parametrize("line, source", [
    ("Die Arbeiten brauchen eine Genehmigung von Natural England.", "The works need a licence from Natural England."),
    ("Das Urteil schrieb Richter Clarence Thomas.", "The ruling was written by Justice Clarence Thomas."),
])
def test_the_name_kept_and_a_title_before_a_person_are_no_swap(line, source):
    assert page_flags(line, "de", source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("line, name", [
    ("Die Kosten steigen, wie aus einem Bericht hervorgeht, den die Dundee Press einsehen konnte.", "Dundee Press"),
    ("Selon un rapport consulté par le Dundee Press, les coûts augmenteront.", "Dundee Press"),
    ("Según un informe al que tuvo acceso Dundee Press, los costes subirán.", "Dundee Press"),
    ("Как следует из доклада, с которым ознакомился Dundee Press, расходы вырастут.", "Dundee Press"),
    ("Plans seen by the Dundee Press show a new road along the harbour.", "Dundee Press"),
])
def test_a_report_seen_by_a_name_cites_it_as_a_news_source(line, name):
    start = line.index(name)
    assert outlet_slot(line, start, start + len(name)) == "attribution"


@pytest.mark.parametrize("line, name", [
    ("Die Kosten steigen, wie der Bürgermeister von Dundee einsehen musste.", "Dundee"),
    ("Le rapport a été consulté hier par les élus de Dundee.", "Dundee"),
])
def test_seeing_elsewhere_in_the_sentence_cites_nothing(line, name):
    start = line.index(name)
    assert outlet_slot(line, start, start + len(name)) is None


UNTRANSLATED = "accuracy/untranslated"


@pytest.mark.parametrize("lang, line, word", [
    ("fr", "Les employés ont dégagé les culverts sous la route.", "culverts"),
    ("es", "Los ciclistas usan el towpath junto al canal cada mañana.", "towpath"),
    ("de", "Die Gemeinde will die culverts unter der Straße erneuern.", "culverts"),
    ("ru", "Рабочие прочистили culverts под дорогой.", "culverts"),
])
def test_a_rarer_english_word_the_target_language_never_writes_is_untranslated(lang, line, word):
    assert [f.text for f in page_flags(line, lang, category=UNTRANSLATED)] == [word]


@pytest.mark.parametrize("lang, line", [
    ("fr", "Une laie et ses marcassins traversaient la route."),
    ("de", "Im Garten überwintern zwei Igel unter dem Laub."),
])
def test_a_rare_word_of_the_target_language_is_no_english(lang, line):
    assert page_flags(line, lang, category=UNTRANSLATED) == []


@pytest.mark.parametrize("place, english", [("Гранд-Форкса", "Grand Forks"), ("Ред-Дира", "Red Deer")])
def test_a_hyphened_place_ends_a_russian_name_written_in_lowercase(place, english):
    # "Групповой аудитории Гранд-Форкса": the name's lowercase words, then the place, joined by a hyphen
    line = f"Совет согласился заморозить аренду оркестра в Групповой аудитории {place} до 2027 года."
    source = f"The council has agreed to freeze the orchestra's rent at the {english} Community Auditorium until 2027."
    found = page_flags(line, "ru", source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [f"Групповой аудитории {place}"], found


def test_the_hyphened_place_in_a_name_rendered_whole_is_no_swap():
    line = "Совет согласился заморозить аренду оркестра в Общественной аудитории Гранд-Форкса до 2027 года."
    source = "The council has agreed to freeze the orchestra's rent at the Grand Forks Community Auditorium until 2027."
    assert page_flags(line, "ru", source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line, name, real", [
    ("de", "Das berichtete der Casper Star-Tribunal am Montag.", "Casper Star-Tribunal", "Casper Star-Tribune"),
    ("fr", "Le Casper Star-Tribunal a rapporté que le port fermera.", "Casper Star-Tribunal", "Casper Star-Tribune"),
    ("fr", "Selon le Spokesman-Overview, le port fermera.", "Spokesman-Overview", "The Spokesman-Review"),
    ("fr", "Une analyse du Spokesman-Overview a montré que les ventes ont doublé.", "Spokesman-Overview",
     "The Spokesman-Review"),
])
def test_a_swap_inside_a_real_papers_hyphened_word_is_found(lang, line, name, real):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name] and real in found[0].evidence, found


@pytest.mark.parametrize("lang, line", [
    ("es", "Según el Casper Star-Tribune, el puerto cerrará."),
    ("de", "Das berichtete die Corpus Christi Caller-Times am Montag."),
    ("fr", "Selon le Spokesman-Review, le port fermera."),
    ("fr", "Le Spokesman-Overview du dimanche est épais."),
])
def test_the_real_papers_hyphened_name_is_no_swap(lang, line):
    assert page_flags(line, lang, category=NAMED_ENTITY) == []
