"""Issue 15, twenty-fourth round. Junk families judged by what a line holds, not by one phrasing of it: the
commonest cookie notice's purposes ("personalise content", "analyse traffic", "similar technologies"), a
"most read" label opening a teaser, a comment form asking for an account, a photo credit without a label's
colon. With the source, an MT name written as another name of the source sentence renders that one, and a name
kept in English with one English word in another's place is a swap. Each on lines written for this test (none
of them a line of the dev set or of a held-out split), with article sentences that share their words beside
them."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

BOILERPLATE = "addition/boilerplate"


def _junk(line: str, lang: str) -> list:
    return [f for f in page_flags(line, lang, category=BOILERPLATE) if f.text.strip() == line]


@pytest.mark.parametrize("lang, line, evidence", [
    ("de", "Mit Cookies und ähnlichen Technologien personalisieren wir Inhalte für Sie.", "cookie notice"),
    ("es", "Con las cookies analizamos el tráfico y personalizamos los anuncios que te mostramos.", "cookie notice"),
    ("ru", "Мы используем куки, чтобы анализировать посещаемость и персонализировать рекламу для вас.",
     "cookie notice"),
    ("fr", "Les plus lus cette semaine : le marché couvert rouvre ses portes après deux ans", "teaser"),
    ("de", "Am meisten gelesen diese Woche – Warum die Fähre im Winter seltener fährt", "teaser"),
    ("es", "Lo más leído | El puerto amplía el horario de la lonja", "teaser"),
    ("de", "Mitdiskutieren? Dafür reicht ein kostenloses Konto.", "sign-in"),
    ("fr", "Pour réagir à cet article, créez un compte gratuit en quelques secondes", "sign-in"),
    ("es", "Para comentar necesitas una cuenta gratuita en nuestra web", "sign-in"),
    ("ru", "Комментарии доступны после входа: заведите бесплатный аккаунт.", "sign-in"),
    ("ru", "Фотография предоставлена музеем / архив", "photo credit"),
    ("es", "Imagen proporcionada por el club", "photo credit"),
    ("de", "Aufnahme überlassen von der Feuerwehr", "photo credit"),
])
def test_a_junk_line_is_known_by_its_family_not_one_phrasing(lang, line, evidence):
    found = _junk(line, lang)
    assert len(found) == 1 and evidence in found[0].evidence, found


@pytest.mark.parametrize("lang, line", [
    # the words of a cookie notice in a sentence about cookie rules: no reader addressed
    ("de", "Der Ausschuss will Technologien analysieren, die Cookies künftig ersetzen sollen."),
    ("es", "La agencia analizará las tecnologías que sustituyen a las cookies en los sitios públicos."),
    # "most read" opening a sentence that ends as one (an English sentence in a French page)
    ("fr", "Most read the notice before the meeting began."),
    # an account and a discussion, no comment form: the verb "compte", the verb "cuenta"
    ("fr", "La discussion compte déjà plus de trois cents participants selon nos équipes."),
    ("es", "El debate cuenta con el apoyo de nuestros socios y de la comunidad."),
    ("de", "In der Diskussion um das gesperrte Konto des Vereins gab es keine Einigung."),
    # a photo word and a credit word in an article's sentence or headline
    ("fr", "Image fournie au conseil municipal, la photo montre les fissures du mur"),
    ("ru", "Снимок сделан в 2019 году на берегу реки"),
    ("de", "Das Bild zeigt die Brücke im Jahr 1950, kurz nach dem Bau."),
])
def test_an_article_sentence_with_those_words_is_not_junk(lang, line):
    assert _junk(line, lang) == []


NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def test_an_mt_name_written_as_another_name_of_the_source_sentence_is_that_ones_not_a_swap():
    # the source holds both names; the MT keeps the fair's and translates the paper's word by word
    source = "Vets will check every animal at the Lakeview Fair, the Lakeview Gazette reported on Monday."
    line = "Tierärzte werden jedes Tier auf der Lakeview Fair untersuchen, berichtete am Montag das Lakeview Blatt."
    found = page_flags(line, "de", source, NAMED_ENTITY)
    assert [f.text for f in found] == ["Lakeview Blatt"], found
    # both kept as the source writes them: no flag
    kept = "Tierärzte werden jedes Tier auf der Lakeview Fair untersuchen, berichtete am Montag die Lakeview Gazette."
    assert page_flags(kept, "de", source, NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, source, line, name", [
    ("es", "According to Coastal Sailor Quarterly, the marina will expand next year.",
     "Según Coastal Mariner Quarterly, el puerto deportivo se ampliará el próximo año.", "Coastal Mariner Quarterly"),
    ("de", "According to Canadian Trucker Country, the road will close in May.",
     "Laut Canadian Hauler Country wird die Straße im Mai gesperrt.", "Canadian Hauler Country"),
])
def test_a_name_kept_in_english_with_one_english_word_swapped_is_flagged_with_the_source(lang, source, line, name):
    found = page_flags(line, lang, source, NAMED_ENTITY)
    assert [f.text for f in found] == [name], found


@pytest.mark.parametrize("lang, source, line", [
    # a spelling of the same word, a form of it: the name kept as it is
    ("fr", "The council met the Harbour Centre Trust on Monday.", "Le conseil a rencontré le Harbour Center Trust lundi."),
    ("fr", "The National Farmers Union said prices fell.", "La National Farmer Union a déclaré que les prix ont baissé."),
    ("de", "The Defence Science Board met on Friday.", "Das Defense Science Board tagte am Freitag."),
    # the name's first word and the lowercase words after it: no name kept in English
    ("fr", "The glacier flows down from the Columbia Icefield beside the road.",
     "Le glacier descend du champ de glace Columbia le long de la route."),
])
def test_a_spelling_or_a_form_of_the_same_word_is_no_swap(lang, source, line):
    assert page_flags(line, lang, source, NAMED_ENTITY) == []
