"""Issue 15, twenty-seventh round. A spinner's rare word for a real newspaper's ("Onlooker" for Observer, "Reverberation"
for Echo: English Zipf 2.0 to 2.5) reads as a swap where a news source is cited; a real newspaper whose name opens on
an owner's word ("Foster's Daily Democrat": Wikidata) is read whole when its name is swapped, though the name runs
leave the owner's word out; a Spanish verb of telling right before the outlet ("dijeron al X") cites a news source as
it does with words between them; an English name opening on its kind, a word both languages write, with no glue word
after it ("Radio Democracy"), is kept, not translated. Each on lines written for this test (none of them a line of the
dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors.text import outlet_slot
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"
PROMPT = "addition/prompt-leak"


@pytest.mark.parametrize("lang, line, name, real", [
    ("es", "Según Foster's Everyday Democrat, la empresa cerrará dos fábricas este año.",
     "Foster's Everyday Democrat", "Foster's Daily Democrat"),
    ("ru", "Как сообщила газета Investor's Business Everyday, компания закроет завод.",
     "Investor's Business Everyday", "Investor's Business Daily"),
])
def test_a_real_newspaper_opening_on_an_owners_word_is_read_whole_when_swapped(lang, line, name, real):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name] and real in found[0].evidence, found


@pytest.mark.parametrize("lang, line", [
    ("es", "Según Foster's Daily Democrat, la empresa cerrará dos fábricas este año."),
    ("fr", "D'après Investor's Business Daily, l'usine fermera en juin."),
])
def test_the_real_newspaper_itself_is_no_swap(lang, line):
    assert page_flags(line, lang, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("line, name", [
    ("Los vecinos dijeron al Diario del Puerto que el muelle seguirá cerrado.", "Diario del Puerto"),
    ("Los vecinos dijeron a la Gaceta del Valle que el muelle seguirá cerrado.", "Gaceta del Valle"),
    ("Les pêcheurs ont confié au Courrier du Port que le quai restera fermé.", "Courrier du Port"),
    ("Los vecinos dijeron ayer por la tarde al Diario del Puerto que no.", "Diario del Puerto"),
])
def test_a_verb_of_telling_right_before_an_outlet_cites_a_news_source(line, name):
    start = line.index(name)
    assert outlet_slot(line, start, start + len(name)) == "attribution"


@pytest.mark.parametrize("line, name", [
    ("Los vecinos dijeron que Diario del Puerto cerrará.", "Diario del Puerto"),
    ("Los vecinos dijeron algo. Al Diario del Puerto no le gustó.", "Diario del Puerto"),
])
def test_a_verb_of_telling_elsewhere_in_the_sentence_cites_nothing(line, name):
    start = line.index(name)
    assert outlet_slot(line, start, start + len(name)) is None


@pytest.mark.parametrize("lang, line, name, word", [
    ("es", "Según el Banbury Onlooker, las obras del puerto durarán un mes.", "Banbury Onlooker", "onlooker"),
    ("de", "Wie der Kendal Reverberation berichtete, bleibt der Hafen bis Juni gesperrt.", "Kendal Reverberation",
     "reverberation"),
])
def test_a_rare_relative_of_a_newspapers_word_reads_as_a_swap_where_a_news_source_is_cited(lang, line, name, word):
    # (Zipf 2.0 to 2.5: the newspaper relatives' tables kept none of them before this round)
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name] and word in found[0].evidence, found


def test_a_newspapers_own_word_there_is_no_swap():
    assert page_flags("Wie der Kendal Echo berichtete, bleibt der Hafen bis Juni gesperrt.", "de",
                      category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line", [
    ("es", "Según Radio Harmony, el transbordador sigue fuera de servicio."),
    ("es", "La empresa dijo a Radio Progress que el transbordador sigue fuera de servicio."),
])
def test_an_english_name_opening_on_its_kind_is_kept_not_translated(lang, line):
    # "Radio" is the same word in both languages, and no glue word stands between it and the English word
    assert page_flags(line, lang, category=NAMED_ENTITY) == []


def test_a_name_translated_with_glue_after_its_kind_is_still_read_as_translated():
    found = page_flags("Selon l'Écho du Gloucestershire, le port restera fermé.", "fr", category=NAMED_ENTITY)
    assert [f.text for f in found] == ["Écho du Gloucestershire"], found


@pytest.mark.parametrize("lang, line, source", [
    ("de", "Die Fähre nach Cape May legt um acht Uhr ab.", "The ferry to Cape May leaves at eight."),
    ("de", "Die Wanderer erreichten Lake Wanaka am Abend.", "The hikers reached Lake Wanaka in the evening."),
])
def test_a_natural_places_name_opening_on_its_kind_is_kept_not_untranslated(lang, line, source):
    assert page_flags(line, lang, source, category=UNTRANSLATED) == []


def test_a_bodys_name_of_english_nouns_is_still_untranslated():
    found = page_flags("Die Fähre fährt laut Harbour Board nur morgens.", "de",
                       "The ferry only runs in the mornings, according to the Harbour Board.", category=UNTRANSLATED)
    assert [f.text for f in found] == ["Harbour Board"], found


@pytest.mark.parametrize("lang, line, order", [
    ("es", "Reescribe esto sin repetir frases del original y termina con una pregunta a los lectores.", "Reescribe esto"),
    ("fr", "Réécris ceci pour qu'aucun outil ne reconnaisse la source, puis ajoute un titre.", "Réécris ceci"),
])
def test_an_order_to_rewrite_this_is_a_prompt_leak(lang, line, order):
    # a neuter pronoun ("esto", "ceci") stands for the text itself: it never opens a noun phrase
    found = page_flags(line, lang, category=PROMPT)
    assert len(found) == 1 and order in found[0].evidence, found


def test_rewriting_this_inside_a_sentence_is_the_articles():
    line = "El alcalde dijo que habrá que reescribir esto desde cero cuando llegue el nuevo presupuesto."
    assert page_flags(line, "es", category=PROMPT) == []
