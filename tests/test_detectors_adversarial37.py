"""Issue 15, thirty-seventh round: real names a news text cites, none of them spun, that the detectors flagged.
A sweep of real outlets, data sources and products cited in French, German, Spanish and Russian sentences
("Selon X, ...", "X a indiqué que ...") found flags a reader would not trust:
- a country's English name inside a name of another language that writes the country so ("Tour de France",
  "Banque de France" in a German text): flagged as the country's name left in English;
- an English possessive opening a sentence ("Lloyd's List сообщила"), or a first word joined to a capitalised one
  by a name's connectors ("Florence and the Machine выступит"): the first word flagged as English;
- an outlet's one-word name opening a sentence before the target language's citing verb ("Variety a indiqué"):
  flagged as an English word left untranslated;
- cited names whose last word a thesaurus relates to a newspaper's, after a common word ("Google Maps",
  "Weather Underground", "Sensor Tower", "Carbon Brief", "Global Voices"): read as spun newspapers' names;
- an English name kept whose head is the English word ("Pew Research Center": "research" read as an inflected
  "réseau"), or one both languages write ("Carbon Brief": German "Brief"): read as a translated outlet;
- a citing verb read as the head of a translated name ("Daily Kos informó": "informó" as "report");
- a real name's first word opening the sentence left out of it ("Harvard Business Review a indiqué": "Business
  Review" read as a swap of The Business Journal); a sentence's first word is left out only where it is the
  target language's ("Laut", "Selon").
Each on lines written for this test; the last group also pins the spun names the same rules still find."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input

NAMED = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"


def _flags(mt: str, lang: str) -> list[tuple[str, str]]:
    doc = prepare_input(mt + "\n", "en", lang)
    return [(f.category, f.text) for f in run_detectors(doc, make_detectors())]


@pytest.mark.parametrize("lang, mt", [
    ("de", "Die Tour de France führt in diesem Jahr durch die Vogesen."),
    ("es", "El Tour de France pasará este año por los Vosgos."),
    ("de", "Die Banque de France senkte am Dienstag ihre Prognose."),
    ("ru", "Lloyd's List сообщила, что фрахт подорожал."),
    ("ru", "Florence and the Machine выступит в Москве в ноябре."),
    ("fr", "Variety a indiqué que le film sortirait en mars."),
    ("es", "Deadline informó de que el rodaje empezará en marzo."),
    ("ru", "Wallpaper сообщила, что выставка откроется в марте."),
])
def test_a_real_name_is_not_flagged_as_english_left(lang, mt):
    assert _flags(mt, lang) == []


@pytest.mark.parametrize("lang, mt, word", [
    # half translated: the name's first word is the target's, the country's left in English
    ("es", "El Banco de France bajó su previsión el martes.", "France"),
    # a country's English name after a preposition, in no name
    ("de", "Der Export nach France sank im dritten Quartal.", "France"),
    # an English word opening a sentence, no name's
    ("ru", "Meanwhile власти объявили о новых мерах поддержки.", "Meanwhile"),
    # an English sentence's subject before its English verb is no cited name
    ("fr", "Officials said the bridge would reopen in March.", "Officials said the bridge would reopen in March"),
])
def test_english_left_is_still_flagged(lang, mt, word):
    assert (UNTRANSLATED, word) in _flags(mt, lang)


@pytest.mark.parametrize("name", ["Google Maps", "Weather Underground", "Sensor Tower", "Carbon Brief",
                                  "Global Voices", "Pew Research Center", "Apple Maps"])
@pytest.mark.parametrize("lang, template", [
    ("fr", "Selon {}, le trajet dure une vingtaine de minutes."),
    ("de", "Laut {} dauert die Fahrt etwa zwanzig Minuten."),
    ("es", "Según {}, el trayecto dura unos veinte minutos."),
    ("ru", "По данным {}, поездка занимает около двадцати минут."),
])
def test_a_cited_real_name_is_not_read_as_a_spun_newspaper(name, lang, template):
    assert _flags(template.format(name), lang) == []


@pytest.mark.parametrize("lang, mt", [
    ("fr", "Harvard Business Review a indiqué que les ventes avaient augmenté au printemps."),
    ("es", "Harvard Business Review informó de que las ventas habían aumentado en primavera."),
])
def test_a_real_names_first_word_opening_the_sentence_is_part_of_it(lang, mt):
    assert _flags(mt, lang) == []


def test_a_citing_verb_is_no_head_of_a_translated_name():
    assert _flags("Daily Kos informó de que las ventas habían aumentado en primavera.", "es") == []


@pytest.mark.parametrize("lang, mt, name", [
    # a newspaper's head swapped after a place's name: Moby Thesaurus II's relative still counts there
    ("fr", "Selon le Buchan Onlooker, le trajet dure une vingtaine de minutes.", "Buchan Onlooker"),
    # WordNet relates the words, whatever opens the name
    ("es", "Según Engineering Tidings, el trayecto dura unos veinte minutos.", "Engineering Tidings"),
    # the form of many papers' names, after a place's name
    ("de", "Laut Alaska Lighthouse dauert die Fahrt etwa zwanzig Minuten.", "Alaska Lighthouse"),
    # a translated outlet's name, its head plainly the target language's word
    ("de", "Laut Nairobi-Nachrichten dauert die Fahrt etwa zwanzig Minuten.", "Nairobi-Nachrichten"),
])
def test_the_spun_names_of_the_same_forms_are_still_flagged(lang, mt, name):
    assert (NAMED, name) in _flags(mt, lang)
