"""Issue 15, eighteenth round. With the source: a body's name written with one word in another word's place
(a word for a synonym of it: "Affiliation" for Association) or with its head word in a sense that names no
body ("Confiance" for Trust, "Planche" for Board; evalkit/data/name_senses.tsv, built from WordNet and the
Wiktionary wordnets by tools/build_name_senses.py). Each rule on text written for this test, with the negatives
beside it."""

from __future__ import annotations

import pytest

from evalkit.detectors.layout import _furniture_by_content, _furniture_by_shape, _patterns
from evalkit.detectors.name_forms import other_sense
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source: str) -> list:
    return page_flags(line, lang, source_line=source, category=NAMED_ENTITY)


def _by_content(line: str):
    """The junk rule that reads the line by what it says (the rule itself, not the line classifier)."""
    return _furniture_by_content(line, _patterns())


def _by_shape(line: str):
    """The junk rule that reads a short line by its shape."""
    return _furniture_by_shape(line, len(line.split()))


@pytest.mark.parametrize("lang, word, english, expected", [
    ("fr", "confiance", "trust", True), ("fr", "fondation", "trust", False),
    ("fr", "planche", "board", True), ("fr", "conseil", "board", False),
    ("de", "zimmer", "chamber", True), ("de", "kammer", "chamber", False),
    ("ru", "доска", "board", True), ("ru", "совет", "board", False),
    ("es", "matrimonio", "union", True), ("es", "sindicato", "union", False),
])
def test_the_sense_table_tells_a_bodys_word_from_another_senses(lang, word, english, expected):
    assert other_sense(word, english, lang) is expected


def test_a_bodys_head_word_in_another_sense_is_flagged_with_the_source():
    source = "The Harwick Trust said the two wards would stay open until March."
    line = "La Confiance Harwick a indiqué que les deux services resteraient ouverts jusqu'en mars."
    flags = _names(line, "fr", source)
    assert [f.text for f in flags] == ["Confiance Harwick"]
    assert "'trust' in a sense that names no body" in flags[0].evidence
    assert "usually fondation" in flags[0].evidence   # the body's word, not the feeling


@pytest.mark.parametrize("lang, line", [
    ("fr", "La Fondation Harwick a indiqué que les deux services resteraient ouverts jusqu'en mars."),
    ("fr", "Le Harwick Trust a indiqué que les deux services resteraient ouverts jusqu'en mars."),
    ("de", "Die Harwick-Stiftung teilte mit, dass beide Stationen bis März geöffnet bleiben."),
])
def test_a_bodys_head_word_rendered_as_a_body_or_kept_is_no_swap(lang, line):
    source = "The Harwick Trust said the two wards would stay open until March."
    assert _names(line, lang, source) == []


def test_a_synonym_for_a_bodys_word_is_flagged_where_the_other_words_are_translated_in_lowercase():
    # French writes a body's name with its first word capitalised and the rest in lowercase, "à" inside it
    source = "The Bread Oven Association welcomed the grant but warned of a shortage of trained staff."
    line = ("L'Affiliation des fours à pain a salué la subvention mais a mis en garde contre une pénurie "
            "de personnel qualifié.")
    flags = _names(line, "fr", source)
    assert [f.text for f in flags] == ["Affiliation des fours à pain"]
    assert "a word for a synonym of 'association'" in flags[0].evidence


def test_the_bodys_own_word_in_lowercase_rendering_is_no_swap():
    source = "The Bread Oven Association welcomed the grant but warned of a shortage of trained staff."
    line = ("L'Association des fours à pain a salué la subvention mais a mis en garde contre une pénurie "
            "de personnel qualifié.")
    assert _names(line, "fr", source) == []


def test_a_word_in_another_sense_inside_a_name_is_not_its_head():
    # "intelligence" heads no name here ("agency" does): its sense of secret information is the body's subject
    source = "The Central Intelligence Agency declined to comment on the report."
    line = "L'Agence centrale de renseignement a refusé de commenter le rapport."
    assert _names(line, "fr", source) == []


def test_a_point_of_the_compass_is_no_synonym_swap():
    source = "The West African Fisheries Union met in Dakar on Monday."
    line = "L'Union des pêcheries d'Afrique occidentale s'est réunie lundi à Dakar."
    assert _names(line, "fr", source) == []


# --- site junk: a tag label and its items between commas

@pytest.mark.parametrize("lang, line", [
    ("es", "Etiquetas: pesca, puertos, río Miño, Galicia del Sur, empleo"),
    ("fr", "Mots-clés : pêche, ports, baie de Morlaix, Bretagne Nord, emploi"),
    ("ru", "Теги: рыболовство, порты, Кольский залив, Мурманская область, занятость"),
])
def test_a_tag_label_and_its_items_between_commas_is_a_tag_list(lang, line):
    # (the rule itself: on a short page the line classifier may read such a line as junk too; items of several
    # words with capitals in them are no credit, which the label's older rule asked for)
    found = _by_shape(line)
    assert found and found[0].startswith("tag list")


@pytest.mark.parametrize("lang, line", [
    ("es", "Temas: la pesca, los puertos y el empleo dominaron el debate del lunes en Vigo."),
    ("fr", "Étiquettes : les producteurs veulent des règles plus claires pour les emballages."),
])
def test_a_label_before_a_sentence_is_no_tag_list(lang, line):
    found = _by_shape(line)
    assert not found or not found[0].startswith("tag list")


# --- site junk in Spanish: a call to receive a newsletter, or to download the app, in the tú form

@pytest.mark.parametrize("line", [
    "Recibe gratis cada martes el boletín de pesca y puertos.",
    "Descarga la aplicación del periódico y activa las alertas de última hora.",
])
def test_a_spanish_call_to_receive_the_newsletter_or_download_the_app_is_site_junk(line):
    flags = page_flags(line, "es", category="addition/boilerplate")
    assert [f.text for f in flags] == [line]


@pytest.mark.parametrize("line", [
    "El boletín de la cofradía recibe cada mes decenas de cartas de pescadores jubilados.",
    "La descarga de la aplicación fue gratuita durante el primer mes, según la empresa.",
])
def test_an_article_sentence_about_a_newsletter_or_an_app_is_no_junk(line):
    assert page_flags(line, "es", category="addition/boilerplate") == []


def test_a_credit_of_ten_words_parted_by_a_slash_counts_its_words_not_the_slash():
    line = "Imagen: cortesía de una escuela de vela local / uso editorial exclusivo"
    found = _by_shape(line)
    assert found and found[0].startswith("credit or tag label")
    longer = "Imagen: cortesía de una antigua escuela de vela del puerto local / uso editorial exclusivo"
    assert not _by_shape(longer)   # more words than a credit has: a caption


# --- site junk: a call to the reader after a colon or a dash, in an invitation to the site's channel or an
# e-mail sign-up

@pytest.mark.parametrize("lang, line", [
    ("ru", "Главные новости региона — в нашем канале в мессенджере: подписывайтесь по ссылке в профиле."),
    ("es", "Lo mejor de la semana, directo a tu bandeja de entrada cada viernes: date de alta gratis."),
])
def test_a_call_after_a_colon_in_a_channel_invitation_or_an_email_sign_up_is_site_junk(lang, line):
    found = _by_content(line)
    assert found and ("invitation" in found[0] or "e-mail sign-up" in found[0])


@pytest.mark.parametrize("lang, line", [
    ("ru", "Наш корреспондент написал в мессенджере: жители трёх сёл уже эвакуированы."),
    ("es", "Según el alcalde, el aviso llegó a su bandeja de entrada el lunes: los vecinos deben salir."),
])
def test_a_report_after_a_colon_is_no_call_to_the_reader(lang, line):
    assert _by_content(line) is None


# --- a note signed by a writing tool or an automatic writer

@pytest.mark.parametrize("lang, line", [
    ("fr", "Remarque de l'outil de rédaction : phrases raccourcies, chiffres conservés."),
    ("de", "Hinweis des Schreibtools: Absätze neu geordnet, Zitate wörtlich belassen."),
    ("es", "Nota del redactor automático: párrafos en otro orden y cifras sin cambios."),
    ("ru", "Примечание автоматического редактора: абзацы в другом порядке, цифры те же."),
])
def test_a_note_of_a_writing_tool_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang, category="addition/prompt-leak")
    assert [f.text for f in flags] == [line] and "text generator" in flags[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("es", "Aviso: el servicio de agua se cortará el martes en el centro de la ciudad."),
    ("de", "Hinweis der Polizei: Die Brücke bleibt bis Freitag gesperrt."),
])
def test_a_notice_of_a_body_is_no_prompt(lang, line):
    assert page_flags(line, lang, category="addition/prompt-leak") == []


# --- with the source: a news outlet's English name kept with one word swapped, after a place's name

def test_an_outlets_name_kept_with_a_word_swapped_after_a_place_is_flagged():
    source = "Harwick-based weekly the Candid Reporter said installers were already turning work away."
    line = "L'hebdomadaire de Harwick Candid Correspondent a indiqué que les installateurs refusaient déjà du travail."
    flags = _names(line, "fr", source)
    assert [f.text for f in flags] == ["Candid Correspondent"]
    assert "'correspondent' in place of 'reporter'" in flags[0].evidence


def test_an_outlets_name_kept_as_it_is_after_a_place_is_no_swap():
    source = "Harwick-based weekly the Candid Reporter said installers were already turning work away."
    line = "L'hebdomadaire de Harwick Candid Reporter a indiqué que les installateurs refusaient déjà du travail."
    assert _names(line, "fr", source) == []


# --- a byline naming a desk after an article, its fields parted by a separator

@pytest.mark.parametrize("line", [
    "Por el equipo de Economía Local · Revisado hace 2 horas",
    "Por la mesa de Cultura y Ocio | Con información de agencias",
])
def test_a_byline_naming_a_desk_after_an_article_is_site_junk(line):
    found = _by_content(line)
    assert found and found[0].startswith("byline naming a desk")


@pytest.mark.parametrize("line", [
    "Por la mesa de negociación pasaron cinco ministros",
    "Por el equipo médico del hospital, que atendió a 40 heridos.",
])
def test_a_sentence_opening_on_a_desk_word_is_no_byline(line):
    found = _by_content(line)
    assert not found or not found[0].startswith("byline")


def test_a_sign_up_word_in_an_email_line_to_the_reader_is_a_sign_up():
    found = _by_content("Apúntate gratis a «Puerto Vivo»: las novedades de la lonja en tu bandeja de entrada "
                        "cada lunes.")
    assert found and found[0].startswith("e-mail sign-up")
    assert _by_content("El aviso del ayuntamiento llegó a tu bandeja de entrada el lunes, según el portavoz.") is None


# --- an app prompt without a store's name: an app word, the reader addressed, and an order or the site's "our"

@pytest.mark.parametrize("lang, line", [
    ("fr", "Suivez la saison des marées : installez l'application Marée Haute sur votre téléphone."),
    ("es", "Lleva el puerto contigo: instala la aplicación Marea Alta en tu teléfono."),
])
def test_an_app_word_with_an_order_to_the_reader_is_an_app_prompt(lang, line):
    found = _by_content(line)
    assert found and found[0].startswith("an app prompt")


@pytest.mark.parametrize("lang, line", [
    ("fr", "L'application de la nouvelle règle dans votre commune commence lundi, a indiqué le maire."),
    ("es", "La aplicación del nuevo horario afectará a tu barrio desde el lunes, según el ayuntamiento."),
])
def test_an_article_sentence_with_an_app_word_and_the_reader_is_no_app_prompt(lang, line):
    assert _by_content(line) is None


# --- teasers for another story under a reading-tip or same-section label

@pytest.mark.parametrize("lang, line", [
    ("de", "Lesetipp: Warum Möwen in Hafenstädten immer frecher werden"),
    ("fr", "Dans la même rubrique — Pêche : les criées bretonnes manquent de bras"),
    ("es", "En la misma sección | Pesca: las lonjas gallegas buscan relevo"),
])
def test_a_reading_tip_or_same_section_label_before_a_headline_is_a_teaser(lang, line):
    flags = page_flags(line, lang, category="addition/boilerplate")
    assert [f.text for f in flags] == [line]


def test_a_same_section_phrase_opening_a_sentence_is_no_teaser():
    line = "Dans la même catégorie, trois autres ports bretons ont été primés cette année."
    assert page_flags(line, "fr", category="addition/boilerplate") == []


# --- a cookie notice that calls cookies small files or service data

@pytest.mark.parametrize("lang, line", [
    ("fr", "Ce site dépose de petits fichiers sur votre appareil pour mesurer l'audience. En poursuivant, vous "
           "l'acceptez."),
    ("ru", "Сайт сохраняет служебные данные на вашем устройстве. Продолжая чтение, вы даёте согласие."),
])
def test_a_cookie_notice_calling_cookies_small_files_is_site_junk(lang, line):
    found = _by_content(line)
    assert found and found[0].startswith("cookie notice")


def test_an_article_sentence_about_small_files_is_no_cookie_notice():
    line = "Les petits fichiers de l'état civil ont été numérisés, a indiqué le maire lundi."
    assert _by_content(line) is None


# --- an invitation to comment: a comment word and an order to the reader (Russian imperatives in -ьте too)

@pytest.mark.parametrize("lang, line", [
    ("ru", "Оставьте своё мнение под материалом — комментарии публикуются после проверки модератором."),
    ("ru", "Обсуждение: представьтесь и напишите, что думаете о новом мосте."),
    ("ru", "Вступайте в наше сообщество в мессенджере — там главные новости побережья раньше всех"),
])
def test_an_order_to_comment_or_to_join_the_sites_channel_is_site_junk(lang, line):
    assert _by_content(line)


@pytest.mark.parametrize("lang, line", [
    ("ru", "Комментарии жителей под статьёй показали, что многие недовольны новым мостом."),
    ("es", "El debate sobre el puente dividió al pleno municipal durante tres horas."),
])
def test_a_report_about_comments_is_no_invitation_to_comment(lang, line):
    assert _by_content(line) is None
