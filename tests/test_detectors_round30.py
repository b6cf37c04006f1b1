"""Issue 15, thirtieth round. A name with "News" inside it, neither its first nor its last word, that the source
cites as a source ("Coastal News Network reported", "Harbour News Service said") is a news outlet's, whose name the
MT keeps: translated word by word it is a wrong named entity; a body whose name opens on "News" ("the News Media
Association") is translated on purpose. In a text in another script than the Latin one, a lowercase English word
in Latin letters is untranslated even where the target's web text also writes it, as a brand's ("jeep safari" in
Russian); a capitalised brand is not. An English title "The X", cited as a news source in a text in another
language, X a WordNet relative of the one word of exactly one real newspaper "The Y" (Wikidata's, real_outlets.tsv),
reads as that newspaper's name swapped ("The Lighthouse" for The Beacon), at a sentence's start too when a word of
the target language follows. In German, which capitalises its nouns, a lowercase English word in a noun's place
(after an article, before a punctuation mark: "ist ein gamble“") is untranslated, however often German web text
writes the word. A name ending on "Broadcaster", "Newspaper", "Magazine" and kin is a news outlet's wherever the
source names it ("Mongolian National Broadcaster showed ..."), so its word-by-word translation is a wrong named
entity. Each on lines written for this test (none of them a line of the dev set or of a
held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"


@pytest.mark.parametrize("lang, source, line, name", [
    ("fr", "Coastal News Network reported that the ferry would not sail again before March.",
     "Le Réseau d'Actualités Côtières a rapporté que le ferry ne reprendrait pas la mer avant mars.",
     "Réseau d'Actualités Côtières"),
    ("es", "Harbour News Service said the ferry would not sail again before March.",
     "El Servicio de Noticias del Puerto dijo que el ferri no volvería a zarpar antes de marzo.",
     "Servicio de Noticias del Puerto"),
])
def test_a_name_with_news_inside_translated_is_a_wrong_named_entity(lang, source, line, name):
    found = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name], found
    assert "news outlet" in found[0].evidence


@pytest.mark.parametrize("lang, source, line", [
    # a body whose name opens on "News": translated on purpose
    ("fr", "The News Media Association said the rules would hurt local papers.",
     "L'Association des médias d'information a déclaré que les règles nuiraient aux journaux locaux."),
    # the outlet's name kept as the source writes it
    ("es", "Harbour News Service said the ferry would not sail again before March.",
     "Harbour News Service dijo que el ferri no volvería a zarpar antes de marzo."),
])
def test_a_news_body_translated_or_an_outlet_kept_is_no_named_entity(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


RUSSIAN = ("Туристы на острове жалуются, что дорогу к озеру закрыли на всё лето.\n"
           "Местные власти объясняют это ремонтом моста и опасностью оползней.\n"
           "{line}\n"
           "Ремонт должен закончиться к началу сентября, сообщили в администрации.\n")


def _russian_flags(line: str) -> list:
    doc = prepare_input(RUSSIAN.format(line=line), "en", "ru")
    return [f for f in run_detectors(doc, make_detectors()) if f.category == UNTRANSLATED]


def test_lowercase_english_words_in_latin_letters_in_russian_are_untranslated():
    found = _russian_flags("Некоторые гиды вместо этого предлагают jeep safari по соседним долинам.")
    assert [f.text for f in found] == ["jeep safari"], found
    assert "lowercase Latin letters" in found[0].evidence


@pytest.mark.parametrize("line", [
    # a brand written as its owner writes it
    "Некоторые гиды вместо этого возят туристов на машинах Jeep по соседним долинам.",
    # the Russian word for it
    "Некоторые гиды вместо этого предлагают джип-сафари по соседним долинам.",
])
def test_a_brand_or_the_russian_word_is_not_untranslated(line):
    assert _russian_flags(line) == []


@pytest.mark.parametrize("lang, line, title, name", [
    ("fr", "Selon The Lighthouse, la colonie a perdu près d'un tiers de ses couples en dix ans.", "The Lighthouse",
     "The Beacon"),
    ("de", "Laut The Inspector hat die Kolonie in zehn Jahren fast ein Drittel ihrer Paare verloren.", "The Inspector",
     "The Examiner"),
    ("ru", "The Lighthouse пишет, что за десять лет колония потеряла около трети пар.", "The Lighthouse",
     "The Beacon"),
])
def test_a_one_word_english_title_swapped_from_a_real_newspaper_is_a_wrong_named_entity(lang, line, title, name):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == [title], found
    assert f"reads as the news outlet {name!r}" in found[0].evidence


@pytest.mark.parametrize("lang, line", [
    # the real newspaper itself
    ("es", "Según The Beacon, la colonia perdió cerca de un tercio de sus parejas en diez años."),
    # not cited as a news source
    ("es", "Los vecinos visitaron The Lighthouse, un museo junto al puerto, durante el festival."),
    # an English sentence left untranslated: untranslated text, not a swapped name
    ("fr", "The Lighthouse was built in 1860 and still guides ships into the harbour."),
    # a relative of two real newspapers' words ("linkage": The Bridge, The Connexion): which one cannot be told
    ("fr", "Selon The Linkage, la colonie a perdu près d'un tiers de ses couples en dix ans."),
])
def test_a_real_title_or_an_uncited_or_ambiguous_one_is_no_named_entity(lang, line):
    assert page_flags(line, lang, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("line, word", [
    ("„Jeder Container, der ohne Kontrolle abfährt, ist ein gamble“, sagte die Leiterin.", "gamble"),
    ("Für die Gemeinde ist der Vertrag ein deal, der sich lohnt.", "deal"),
])
def test_a_lowercase_english_word_in_a_german_nouns_place_is_untranslated(line, word):
    found = page_flags(line, "de", category=UNTRANSLATED)
    assert [f.text for f in found] == [word], found
    assert "in a noun's place" in found[0].evidence


@pytest.mark.parametrize("line", [
    # German words in that place
    "Es regnete am Nachmittag ein bisschen, sagte die Leiterin.",
    "Von den Besuchern kamen die meisten aus der Region.",
    # the loan written as German writes it, capitalised
    "Für die Gemeinde ist der Vertrag ein Deal, der sich lohnt.",
    # a lowercase word before the noun, not in its place
    "Für die Gemeinde ist der Vertrag ein guter Kompromiss.",
])
def test_german_words_or_a_capitalised_loan_in_a_nouns_place_are_not_untranslated(line):
    assert page_flags(line, "de", category=UNTRANSLATED) == []


def test_a_broadcasters_name_translated_word_by_word_is_a_wrong_named_entity():
    found = page_flags("Der Mongolische Nationale Ausstrahler zeigte Aufnahmen der überfluteten Straße.", "de",
                       source_line="Mongolian National Broadcaster showed footage of the flooded road.",
                       category=NAMED_ENTITY)
    assert [f.text for f in found] == ["Mongolische Nationale Ausstrahler"], found


@pytest.mark.parametrize("lang, source, line", [
    # the broadcaster's name kept
    ("de", "Mongolian National Broadcaster showed footage of the flooded road.",
     "Mongolian National Broadcaster zeigte Aufnahmen der überfluteten Straße."),
    # a body's name, translated on purpose
    ("es", "The Highland Farmers Association showed photographs of the flooded road.",
     "La Asociación de Agricultores de las Tierras Altas mostró fotografías de la carretera inundada."),
])
def test_a_broadcaster_kept_or_a_body_translated_is_no_named_entity(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []
