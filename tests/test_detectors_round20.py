"""Issue 15, twentieth round. With the source: a German name's "für" is glue, as its other prepositions are
(folded it was the English word "fur" and a word of the name); a place adjective that does not spell the
place's name ("Norwegian", "norwegisch") translates it through Wiktionary's forms. Each rule on text written
for this test, with the negatives beside it."""

from __future__ import annotations

from evalkit.detectors.name_forms import name_words, translates
from evalkit.detectors.text import compound_halves
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source: str | None = None) -> list:
    return page_flags(line, lang, source_line=source, category=NAMED_ENTITY)


def test_fur_is_glue_in_german_and_a_word_in_english():
    assert name_words("Bundesamt für Seeschifffahrt") == ["bundesamt", "seeschifffahrt"]
    assert name_words("Fur Institute of Canada") == ["fur", "institute", "canada"]


def test_a_place_adjective_that_does_not_spell_the_place_translates_it():
    assert translates("norwegische", "norwegian", "de") and translates("норвежское", "norwegian", "ru")
    assert translates("noruego", "norwegian", "es")
    # another country's adjective
    assert not translates("norwegische", "swedish", "de") and not translates("schwedische", "norwegian", "de")


def test_a_ministrys_word_swapped_after_a_place_adjective_is_found_with_the_source():
    source = "The Norwegian Ministry of Transport said it would open a new tender within weeks."
    found = _names("Das Norwegische Ministerium für Spedition kündigte eine neue Ausschreibung an.", "de", source)
    assert [f.text for f in found] == ["Norwegische Ministerium für Spedition"]
    assert "'spedition'" in found[0].evidence
    # the ministry's words each translated: no swap
    assert _names("Das Norwegische Ministerium für Verkehr kündigte eine neue Ausschreibung an.", "de",
                  source) == []


def test_a_lowercase_word_after_a_glue_word_of_the_name_is_inside_it():
    source = "The Ontario Nurses' Association said the closure was the result of years of wage restraint."
    found = _names("L'Association des aidants de l'Ontario a déclaré que la fermeture était prévisible.", "fr",
                   source)
    assert [f.text for f in found] == ["Association des aidants de l'Ontario"] and "'aidants'" in found[0].evidence
    # the usual word for nurses: no swap
    assert _names("L'Association des infirmières de l'Ontario a déclaré que la fermeture était prévisible.", "fr",
                  source) == []


def test_a_lowercase_verb_after_a_name_is_no_word_of_it():
    # "verse" follows the name, no glue word before it: the sentence's verb, not the council's word swapped
    assert _names("Fife verse une aide à chaque famille depuis janvier.", "fr",
                  "Fife Council pays a grant to every family since January.") == []


def test_a_words_form_in_the_target_language_renders_it():
    # "Reguladora" and "Telecomunicaciones" are the Spanish forms (cognates) of two of the name's words: the
    # name is read as rendered but for its head, swapped for another word
    source = "The National Telecommunications Regulatory Commission said the licences would be renewed."
    found = _names("La Tarifa Nacional Reguladora de Telecomunicaciones dijo que las licencias se renovarían.", "es",
                   source)
    assert [f.text for f in found] == ["Tarifa Nacional Reguladora de Telecomunicaciones"]
    assert "'tarifa'" in found[0].evidence
    # the usual word for commission: the name rendered whole
    assert _names("La Comisión Nacional Reguladora de Telecomunicaciones dijo que las licencias se renovarían.",
                  "es", source) == []


def test_a_word_no_language_places_written_as_two_common_english_words_is_english():
    # language identification does not place "windflood" on its own, nor does a word list hold it; wind and flood
    # are common English words, each more frequent in English than in French ("windstorm", in English's word list,
    # is read by its frequency since the twenty-eighth round)
    found = page_flags("La tempête, un windflood venu de l'Atlantique, a coupé le courant dans toute la région.",
                       "fr", category="accuracy/untranslated")
    assert [f.text for f in found] == ["windflood"] and "'wind' and 'flood'" in found[0].evidence
    assert compound_halves("windstorm", "en", 4.0) == ("wind", "storm")


def test_halves_as_common_in_the_target_language_say_nothing():
    # "post" is as common in Spanish as in English: "subpostmasters" is not read as two English words
    assert page_flags("Los subpostmasters reclamaron una compensación durante años.", "es",
                      category="accuracy/untranslated") == []


def test_a_wrong_sense_word_inside_a_russian_name_written_in_lowercase_is_found():
    # Russian capitalises a name's first word only: "доску" (a plank) stands inside the name, where the
    # board of a body is "совет"; the word's sense names no body
    source = "The union asked the Canada Industrial Relations Board to settle the dispute."
    found = _names("Профсоюз попросил Канадскую доску промышленных отношений решить спор.", "ru", source)
    assert [f.text for f in found] == ["Канадскую доску промышленных отношений"] and "'доску'" in found[0].evidence
    # the body's usual word: no flag
    assert _names("Профсоюз попросил Канадский совет по промышленным отношениям решить спор.", "ru", source) == []


def test_a_verb_inside_an_extended_name_is_no_swapped_word():
    # "подтвердили" (confirmed) between a name and a lowercase noun is the sentence's verb: the swap rule
    # that takes any dictionary word reads a name's capitals and words after its glue words only
    source = "Guinness World Records confirmed the record, the mayor's office said."
    found = _names("Рекорды планеты Гиннесса подтвердили рекорд, сообщили в мэрии.", "ru", source)
    assert not [f for f in found if "'подтвердили'" in f.evidence]


def test_a_real_papers_name_with_a_possessive_owner_is_real():
    # the tokens split "Investor's" off "Business Daily"; the whole is a real newspaper (Wikidata), not a
    # synonym swap of Business Day
    for line, lang in (("Selon Investor's Business Daily, les ventes ont chuté.", "fr"),
                       ("Laut Investor's Business Daily sind die Umsätze gefallen.", "de")):
        assert page_flags(line, lang, category=NAMED_ENTITY) == []
    # the same two words without their owner still read as the swap
    found = page_flags("Selon Business Daily, les ventes ont chuté.", "fr", category=NAMED_ENTITY)
    assert [f.text for f in found] == ["Business Daily"] and "Business Day" in found[0].evidence
