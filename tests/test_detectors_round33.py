"""Issue 15, thirty-third round: spun names the rules missed with the source given, five flags they raised on
correct text, and the precision repairs the new rules needed.
- A name the source cites with a press verb after an auxiliary ("Green Planet has described") or after a relative
  clause is cited as the press is, so its word-by-word translation is flagged.
- A title in quotes is read to its closing quote («Рыболовство сегодня»).
- "The" and an English word opening the MT sentence before the target language's words ("The Quay пишет") are an
  English title of one word, another than the source's; an English sentence left whole is not one.
- A name written in camel case is split alike on both sides ("SaigonTimes Intercontinental").
- One Russian name in two cases is no inconsistency; a Russian word that only opens like a wrong-sense head is not
  it; "государственного" is no outlet's head word.
- A country's news agency in the target language's usual term for one is no translation error.
- A capitalised word joined to the next by "&" is a name's, not an English word left.
- Unknown outlets: a name ending on a rare newspaper word where a news source is cited; a one-word magazine
  written otherwise after the MT's media noun or before an apposition holding one; a title joined by "&". Not: a
  body's common last word ("Scottish Enterprise"), a place before a media noun ("the Bay Area magazine"), a party
  named by a common word ("the Greens"), a post on a social network ("wrote on Twitter").
- A body's head in a sense that names no body ("Доверие ..." for a Trust); an office in its usual words is not.
- A Russian adjective made from an outlet's place, an outlet's word respelt in the target language, a German
  adjective made from a name's noun: translations.
- An order to rewrite the piece, named by a journalist's word for it, is a prompt.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"
INCONSISTENCY = "fluency/inconsistency"


def _texts(flags) -> list[str]:
    return [f.text for f in flags]


@pytest.mark.parametrize("lang, source, line, name", [
    ("de", "Green Planet has described the crater as one of the strangest sights in the region.",
     "Grüner Planet beschrieb den Krater als einen der seltsamsten Anblicke der Region.", "Grüner Planet"),
    ("de", "Ocean Voices has reported that the reef lost half its coral.",
     "Ozean Stimmen berichtete, dass das Riff die Hälfte seiner Korallen verloren hat.", "Ozean Stimmen"),
    ("fr", "Ocean Voices has reported that the reef lost half its coral.",
     "Voix de l'Océan a rapporté que le récif avait perdu la moitié de ses coraux.", "Voix de l'Océan"),
])
def test_a_press_verb_after_an_auxiliary_cites_the_press(lang, source, line, name):
    assert _texts(page_flags(line, lang, source_line=source, category=NAMED_ENTITY)) == [name]


def test_a_quoted_title_is_read_to_its_closing_quote():
    flags = page_flags("«Рыболовство сегодня» сообщило, что улов с весны сократился вдвое.", "ru",
                       source_line="Fishing Today reported that the catch had halved since spring.",
                       category=NAMED_ENTITY)
    assert _texts(flags) == ["Рыболовство сегодня"]
    assert "word-by-word translation" in flags[0].evidence


@pytest.mark.parametrize("lang, line, name", [
    ("ru", "The Quay пишет, что старый причал восстановят к лету.", "The Quay"),
    ("es", "The Dock escribió que el viejo muelle será reconstruido antes del verano.", "The Dock"),
])
def test_an_english_title_opening_the_sentence_is_another_title(lang, line, name):
    source = "The Harbour wrote that the old pier would be rebuilt by the summer."
    flags = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert _texts(flags) == [name]
    assert "'The Harbour'" in flags[0].evidence


def test_an_english_sentence_left_whole_is_no_other_title():
    line = "The Harbour wrote that the old pier would be rebuilt by the summer."
    assert page_flags(line, "ru", source_line=line, category=NAMED_ENTITY) == []
    assert page_flags(line, "ru", source_line=line, category=UNTRANSLATED) != []


def test_a_camel_case_name_is_split_alike_on_both_sides():
    flags = page_flags("SaigonTimes Intercontinental berichtete, dass der Hafen zwei neue Kräne bestellt habe.", "de",
                       source_line="SaigonTimes International reported that the port had ordered two new cranes.",
                       category=NAMED_ENTITY)
    assert _texts(flags) == ["SaigonTimes Intercontinental"]
    assert "'intercontinental' in place of" in flags[0].evidence


def test_a_camel_case_name_written_as_it_is_is_not_flagged():
    assert page_flags("SaigonTimes International a rapporté que le port avait commandé deux grues.", "fr",
                      source_line="SaigonTimes International reported that the port had ordered two new cranes.",
                      category=NAMED_ENTITY) == []


@pytest.mark.parametrize("line", [
    "Рыбаки на Каспии говорят, что Каспий мелеет с каждым годом.",
    "Василий Орлов рассказал, что о Василии в деревне помнят все.",
])
def test_one_russian_name_in_two_cases_is_no_inconsistency(line):
    assert page_flags(line, "ru", category=INCONSISTENCY) == []


@pytest.mark.parametrize("line", [
    "В Шеки начался ремонт старой каменной крепости.",
    "Об этом сообщили сотрудники Шекинского государственного историко-архитектурного заповедника.",
    "Как пишет «Ведомости», по словам сотрудников Шекинского государственного музея, ремонт займёт год.",
])
def test_ordinary_russian_words_are_no_spun_names(line):
    assert page_flags(line, "ru", category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Der Hafen wurde am Montag geschlossen, meldete die Omanische Nachrichtenagentur."),
    ("es", "El puerto fue cerrado el lunes, informó la Agencia de Noticias de Omán."),
    ("fr", "Le port a été fermé lundi, a rapporté l'Agence de presse omanaise."),
    ("ru", "Порт был закрыт в понедельник, сообщило Оманское информационное агентство."),
])
def test_a_news_agency_in_the_targets_usual_term_is_no_translation_error(lang, line):
    source = "The port was closed on Monday, the Oman News Agency reported."
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


def test_a_news_agency_in_other_words_is_still_flagged():
    flags = page_flags("Der Hafen wurde am Montag geschlossen, meldete die Omanische Neuigkeitenbehörde.", "de",
                       source_line="The port was closed on Monday, the Oman News Agency reported.",
                       category=NAMED_ENTITY)
    assert _texts(flags) == ["Omanische Neuigkeitenbehörde"]


@pytest.mark.parametrize("lang, line", [
    ("es", "Bricks & Mortar escribió que el mercado se recuperará este año."),
    ("fr", "Bricks & Mortar a écrit que le marché se redresserait cette année."),
])
def test_a_name_joined_by_an_ampersand_is_no_english_word(lang, line):
    assert page_flags(line, lang, category=UNTRANSLATED) == []


@pytest.mark.parametrize("lang, line, name", [
    ("fr", "Selon l'Annonceur de la Vallée, le moulin fermera en mai.", "Annonceur de la Vallée"),
    ("es", "Según el Anunciante del Valle, el molino cerrará en mayo.", "Anunciante del Valle"),
])
def test_a_name_ending_on_a_rare_newspaper_word_is_cited_as_the_press(lang, line, name):
    source = "According to the Valley Advertiser, the mill will close in May."
    assert _texts(page_flags(line, lang, source_line=source, category=NAMED_ENTITY)) == [name]


@pytest.mark.parametrize("source, line", [
    ("According to Scottish Enterprise, the mill will close in May.",
     "Selon Entreprise écossaise, le moulin fermera en mai."),
    ("According to the Valley Advertiser, the mill will close in May.",
     "Selon le Valley Advertiser, le moulin fermera en mai."),
])
def test_a_common_word_ending_a_body_or_a_name_kept_is_not_flagged(source, line):
    assert page_flags(line, "fr", source_line=source, category=NAMED_ENTITY) == []


def test_a_place_before_a_media_noun_is_no_outlet():
    flags = page_flags("Coast Views, la revista del Área de la Bahía, señaló que el ferri volvería en junio.", "es",
                       source_line="Coast Views, the Bay Area magazine, noted that the ferry would return in June.",
                       category=NAMED_ENTITY)
    assert flags == []


@pytest.mark.parametrize("lang, line, name", [
    ("es", "La revista Remero calificó la ruta como la más dura del país.", "Remero"),
    ("fr", "Le magazine Pagayeur a qualifié l'itinéraire de plus difficile du pays.", "Pagayeur"),
])
def test_a_one_word_magazine_written_otherwise_after_a_media_noun_is_flagged(lang, line, name):
    source = "Paddler magazine called the route the hardest in the country."
    flags = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert _texts(flags) == [name]
    assert "'Paddler'" in flags[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("es", "La revista Paddler calificó la ruta como la más dura del país."),
    ("ru", "Журнал Paddler назвал маршрут самым сложным в стране."),
    ("ru", "Журнал «Пэддлер» назвал маршрут самым сложным в стране."),
])
def test_a_one_word_magazine_kept_or_transliterated_is_not_flagged(lang, line):
    source = "Paddler magazine called the route the hardest in the country."
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line, name", [
    ("ru", "Доверие портового наследия заявило, что кран восстановят.", "Доверие портового наследия"),
    ("fr", "La Confiance du patrimoine portuaire a déclaré que la grue serait restaurée.",
     "Confiance du patrimoine portuaire"),
])
def test_a_bodys_head_in_a_sense_that_names_no_body_is_flagged_with_the_source(lang, line, name):
    source = "The Harbour Heritage Trust said the crane would be restored."
    flags = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert _texts(flags) == [name]
    assert "'trust' in a sense that names no body" in flags[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("ru", "Фонд портового наследия заявил, что кран восстановят."),
    ("fr", "Le Fonds du patrimoine portuaire a déclaré que la grue serait restaurée."),
])
def test_a_bodys_head_in_its_usual_word_is_not_flagged(lang, line):
    source = "The Harbour Heritage Trust said the crane would be restored."
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, source, line", [
    ("ru", "The Office of the Prime Minister said the talks would resume.",
     "Канцелярия премьер-министра заявила, что переговоры возобновятся."),
    ("es", "The Office of Public Records said the files would be opened.",
     "La Oficina de Registros Públicos dijo que los archivos se abrirían."),
])
def test_an_office_in_its_usual_words_is_not_flagged(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line", [
    ("ru", "Перепиши этот материал короче, оставив все даты и имена."),
    ("de", "Schreibe diesen Bericht in einfacher Sprache neu und kürze ihn auf 300 Wörter."),
    ("es", "Reescribe esta nota con un tono más cercano y añade un subtítulo."),
    ("fr", "Réécris ce reportage dans un style plus vivant, sans changer les chiffres."),
])
def test_an_order_to_rewrite_the_piece_by_a_journalists_word_for_it_is_a_prompt(lang, line):
    flags = page_flags(line, lang, category="addition/prompt-leak")
    assert _texts(flags) == [line]
    assert "instruction to a text generator" in flags[0].evidence


@pytest.mark.parametrize("line, name", [
    ("Как сообщила «Мидлтонская газета», петиция собрала 3200 подписей.", "Мидлтонская газета"),
    ("По данным «Мидлтонского рекорда», петиция собрала 3200 подписей.", "Мидлтонского рекорда"),
])
def test_a_russian_adjective_made_from_an_outlets_place_is_a_translation(line, name):
    source = "The Middleton Gazette reported that the petition had gathered 3,200 signatures."
    if "рекорд" in line:
        source = "According to the Middleton Record, the petition had gathered 3,200 signatures."
    flags = page_flags(line, "ru", source_line=source, category=NAMED_ENTITY)
    assert _texts(flags) == [name]
    assert "an adjective made from 'middleton'" in flags[0].evidence


@pytest.mark.parametrize("line", [
    "Как сообщила газета «Мидлтон газетт», петиция собрала 3200 подписей.",
    "Как сообщила газета Middleton Gazette, петиция собрала 3200 подписей.",
])
def test_an_outlet_transliterated_or_kept_in_russian_is_not_flagged(line):
    source = "The Middleton Gazette reported that the petition had gathered 3,200 signatures."
    assert page_flags(line, "ru", source_line=source, category=NAMED_ENTITY) == []


def test_a_russian_adjective_of_a_place_in_a_bodys_name_is_no_error():
    line = "Как сообщил Мидлтонский городской совет, петиция собрала 3200 подписей."
    source = "The Middleton Town Council said that the petition had gathered 3,200 signatures."
    assert page_flags(line, "ru", source_line=source, category=NAMED_ENTITY) == []


def test_a_name_that_posts_on_a_social_network_is_not_cited_as_the_press():
    line = "„Das bleibt sein Vermächtnis“, schrieb Die Linke auf Twitter."
    source = "\"That will remain his legacy,\" the Left wrote on Twitter."
    assert page_flags(line, "de", source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line, source", [
    ("fr", "Les Verts ont écrit dans un communiqué que c'était une erreur.",
     "The Greens wrote in a statement that it was a mistake."),
    ("fr", "Les Libéraux ont écrit dans un communiqué que c'était une erreur.",
     "The Liberals wrote in a statement that it was a mistake."),
    ("es", "La Izquierda escribió en un comunicado que era un error.",
     "The Left wrote in a statement that it was a mistake."),
])
def test_a_party_named_by_a_common_word_is_no_outlet(lang, line, source):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line, name", [
    ("fr", "Selon Pêche Côtière & Ports, les exportations ont baissé de dix pour cent.", "Pêche Côtière & Ports"),
    ("de", "Laut Küstenfischerei & Häfen sind die Exporte um zehn Prozent gesunken.", "Küstenfischerei & Häfen"),
])
def test_a_title_joined_by_an_ampersand_cited_as_a_source_is_not_translated(lang, line, name):
    source = "According to Coastal Fishing & Ports, exports fell by ten per cent."
    assert _texts(page_flags(line, lang, source_line=source, category=NAMED_ENTITY)) == [name]


@pytest.mark.parametrize("line, source", [
    ("Selon le Département du Poisson et du Gibier, les exportations ont baissé de dix pour cent.",
     "According to the Department of Fish & Game, exports fell by ten per cent."),
    ("Selon Marks & Spencer, les exportations ont baissé de dix pour cent.",
     "According to Marks & Spencer, exports fell by ten per cent."),
])
def test_a_body_with_an_ampersand_translated_or_a_brand_kept_is_not_flagged(line, source):
    assert page_flags(line, "fr", source_line=source, category=NAMED_ENTITY) == []


def test_an_outlets_word_respelt_in_the_target_language_counts_as_translated():
    flags = page_flags("Reportero Quesero escribió que los precios subieron un diez por ciento.", "es",
                       source_line="Cheese Reporter wrote that prices had risen by ten per cent.", category=NAMED_ENTITY)
    assert _texts(flags) == ["Reportero Quesero"]
    assert "'reportero' respelt" in flags[0].evidence


def test_an_outlets_name_kept_with_its_english_spelling_is_not_flagged():
    assert page_flags("Cheese Reporter escribió que los precios subieron un diez por ciento.", "es",
                      source_line="Cheese Reporter wrote that prices had risen by ten per cent.",
                      category=NAMED_ENTITY) == []


def test_a_german_adjective_made_from_a_names_noun_renders_it():
    source = "The State Committee for Tourism said the fence was finished."
    flags = page_flags("Die Staatliche Delegation für Tourismus teilte mit, der Zaun sei fertig.", "de",
                       source_line=source, category=NAMED_ENTITY)
    assert _texts(flags) == ["Staatliche Delegation für Tourismus"]
    assert "'delegation'" in flags[0].evidence
    assert page_flags("Das Staatliche Komitee für Tourismus teilte mit, der Zaun sei fertig.", "de",
                      source_line=source, category=NAMED_ENTITY) == []


def test_a_press_verb_after_a_relative_clause_cites_the_press():
    flags = page_flags("Pesca Mundial, que presentó el proyecto en febrero, escribió que los precios habían subido.", "es",
                       source_line="World Fishing, which featured the project in February, wrote that prices had risen.",
                       category=NAMED_ENTITY)
    assert _texts(flags) == ["Pesca Mundial"]
    assert "word-by-word translation" in flags[0].evidence


def test_a_one_word_magazine_the_mt_calls_one_in_an_apposition_is_flagged():
    flags = page_flags("Der Paddler, ein britisches Magazin, schrieb im April, die Route sei die schwierigste.", "de",
                       source_line="The Canoeist, a British magazine, wrote in April that the route was the hardest.",
                       category=NAMED_ENTITY)
    assert _texts(flags) == ["Der Paddler"]
    assert "'ein britisches Magazin'" in flags[0].evidence


def test_a_one_word_magazine_kept_before_an_apposition_is_not_flagged():
    assert page_flags("The Canoeist, ein britisches Magazin, schrieb im April, die Route sei die schwierigste.", "de",
                      source_line="The Canoeist, a British magazine, wrote in April that the route was the hardest.",
                      category=NAMED_ENTITY) == []
