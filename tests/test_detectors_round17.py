"""Issue 15, seventeenth round. With the source: a name the source cites as the press is cited is a news
outlet's even when its first word opens many bodies' names ("The Western Lantern reported"), and a press genre
before it ("In a commentary, The Valley Beacon asked") cites it so too; the MT that translates it is flagged.
Each rule on text written for this test, with the negatives beside it."""

from __future__ import annotations

import pytest

from evalkit.detectors import gazetteer
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source: str) -> list:
    return page_flags(line, lang, source_line=source, category=NAMED_ENTITY)


def test_the_test_names_are_no_listed_papers():
    # were they listed, the gazetteer would say they are outlets, not the source's cue under test
    assert not {"western lantern", "island courier", "valley beacon", "harbour lantern"} & gazetteer.real_outlets()


@pytest.mark.parametrize("lang, line, span", [
    ("de", "Die Westliche Laterne berichtete, dass zwei Projekte bereits zurückgezogen wurden.", "Westliche Laterne"),
    ("es", "La Linterna Occidental informó de que dos proyectos ya han sido retirados.", "La Linterna Occidental"),
])
def test_a_paper_whose_first_word_opens_bodies_names_is_an_outlet_where_the_source_cites_it_as_press(
        lang, line, span):
    # "Western" opens many bodies' names ("Western Health Board"), but the name's head is "Lantern"
    source = "The Western Lantern reported that two projects have already been withdrawn."
    flags = _names(line, lang, source)
    assert [f.text for f in flags] == [span]
    assert "'Western Lantern'" in flags[0].evidence and "not translated" in flags[0].evidence


def test_a_body_cited_as_press_is_cited_stays_a_body_whose_name_is_translated():
    # the head is a body's word: its name is rendered, not kept
    source = "The Western Health Board reported that two clinics have already closed."
    line = "Der Westliche Gesundheitsrat berichtete, dass zwei Kliniken bereits geschlossen haben."
    assert _names(line, "de", source) == []


def test_a_news_agencys_own_name_in_the_target_language_is_no_translation():
    # an acronym after the name is not its head: "Agency" is, and an agency's name has each language's form
    source = "Freight trains were also stopped, the Austria Press Agency APA reported."
    line = "Auch Güterzüge standen still, meldete die Austria Presse Agentur APA."
    assert _names(line, "de", source) == []


@pytest.mark.parametrize("lang, line, span", [
    ("es", "En un comentario, El Faro del Valle se preguntó si los pueblos quedarán fuera del calendario.",
     "El Faro del Valle"),
    ("fr", "Dans un éditorial, Le Phare de la Vallée s'est demandé si les villages seront oubliés.",
     "Le Phare de la Vallée"),
])
def test_a_press_genre_before_the_name_makes_it_an_outlet_whose_name_is_kept(lang, line, span):
    # (the span takes the capitalised article the MT wrote as the name's, as for "Le Monde")
    opening = "In a commentary" if lang == "es" else "In an editorial"
    source = f"{opening}, The Valley Beacon asked whether the villages would be left out of the schedule."
    flags = _names(line, lang, source)
    assert [f.text for f in flags] == [span]
    assert "'Valley Beacon'" in flags[0].evidence


def test_a_report_before_a_bodys_name_is_no_press_genre():
    # ministries and councils write reports too: only the press's genres cite a news source
    source = "In a report, the Valley Planning Board asked whether the villages would be left out of the schedule."
    line = "En un informe, la Junta de Planificación del Valle se preguntó si los pueblos quedarán fuera."
    assert _names(line, "es", source) == []
