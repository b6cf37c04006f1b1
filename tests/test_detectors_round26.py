"""Issue 15, twenty-sixth round. A note label addressed to a language model ("Hinweis für das Sprachmodell:") is a
prompt leak (the French and Spanish labels name the model's own word, already known: they guard the rule); a cookie
notice that calls cookies "small files" ("kleine Dateien") is one; with the source, a German compound that only
Wiktionary's wordnet splits ("Atmosphärendienst") is compared part by part with the name it renders. Fewer false
flags: a natural feature's English name kept in German ("Sawtooth Mountains", "Sawtooth Range") is the place's own,
and a body's brand written as one lowercase word with a place's name in it ("visitengland") is a name, not a word
left untranslated. Two lines that crashed the detectors (AttributeError): a subscription offer known only by its
addressing the reader, and a generator presenting its output by a word of its own ("Here is the paragraph: ...").
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"
PROMPT = "addition/prompt-leak"
BOILERPLATE = "addition/boilerplate"


@pytest.mark.parametrize("lang, line, word", [
    ("de", "Hinweis für das Sprachmodell: Absätze kürzen, Zahlen unverändert lassen.", "Sprachmodell"),
    ("fr", "Remarque au modèle de langage : garder les citations telles quelles.", "modèle de langage"),
    ("es", "Nota al modelo de lenguaje: mantener las cifras y acortar los párrafos.", "modelo de lenguaje"),
])
def test_a_note_label_addressed_to_a_language_model_is_a_prompt_leak(lang, line, word):
    found = page_flags(line, lang, category=PROMPT)
    assert len(found) == 1 and word in found[0].evidence, found


def test_a_language_model_named_after_the_notes_colon_is_the_articles():
    line = "Hinweis: Das Sprachmodell der Firma wurde im Mai in Berlin vorgestellt."
    assert page_flags(line, "de", category=PROMPT) == []


@pytest.mark.parametrize("lang, line, cue", [
    ("de", "Unsere Seite speichert kleine Dateien auf Ihrem Gerät; Sie können das in den Einstellungen ändern.",
     "kleine Dateien"),
    ("fr", "This site stores small files on your device; you can change this in your settings.", "small files"),
])
def test_a_cookie_notice_calling_cookies_small_files_is_boilerplate(lang, line, cue):
    found = page_flags(line, lang, category=BOILERPLATE)
    assert len(found) == 1 and cue in found[0].evidence, found


def test_small_files_in_an_article_sentence_are_no_cookie_notice():
    line = "Die Stadt speichert kleine Dateien mit den Anträgen der Bürger im Archiv."
    assert page_flags(line, "de", category=BOILERPLATE) == []


def test_a_german_compound_only_wiktionary_splits_is_compared_part_by_part_with_the_source_name():
    found = page_flags("Der Regionale Atmosphärendienst erwartet am Wochenende Schnee.", "de",
                       "The Regional Weather Service expects snow at the weekend.", NAMED_ENTITY)
    assert [f.text for f in found] == ["Regionale Atmosphärendienst"] \
        and "'Regional Weather Service'" in found[0].evidence and "'weather'" in found[0].evidence, found


def test_the_same_name_rendered_with_its_usual_compound_is_not_flagged():
    assert page_flags("Der Regionale Wetterdienst erwartet am Wochenende Schnee.", "de",
                      "The Regional Weather Service expects snow at the weekend.", NAMED_ENTITY) == []


@pytest.mark.parametrize("source, line", [
    ("The hikers were rescued in the Sawtooth Mountains by a helicopter.",
     "Die Wanderer wurden in den Sawtooth Mountains von einem Hubschrauber gerettet."),
    ("Hikers crossed the Sawtooth Range on foot.", "Wanderer überquerten die Sawtooth Range zu Fuß."),
])
def test_a_natural_features_english_name_kept_in_german_is_not_untranslated(source, line):
    assert page_flags(line, "de", source, UNTRANSLATED) == []


def test_a_name_with_an_english_noun_other_than_a_features_kind_is_still_flagged():
    found = page_flags("Die Cairngorm Mountain Rescue hat drei Wanderer gerettet.", "de",
                       "Cairngorm Mountain Rescue saved three hikers.", UNTRANSLATED)
    assert [f.text for f in found] == ["Cairngorm Mountain Rescue"] and "Rescue" in found[0].evidence, found


def test_a_brand_of_a_word_and_a_place_written_as_one_lowercase_word_is_not_untranslated():
    line = "Агентство visitengland сообщило, что число туристов выросло."
    assert page_flags(line, "ru", category=UNTRANSLATED) == []


def test_a_lowercase_english_word_without_a_place_in_it_is_still_flagged_in_russian():
    found = page_flags("Цены farmgate выросли на пять процентов за год.", "ru", category=UNTRANSLATED)
    assert [f.text for f in found] == ["farmgate"], found


@pytest.mark.parametrize("lang, line", [
    ("fr", "Le premier mois vous est offert, sans engagement."),
    ("ru", "Первый месяц для вас бесплатно."),
])
def test_a_trial_offer_that_only_addresses_the_reader_is_boilerplate_and_no_crash(lang, line):
    # the offer's second cue was a yes/no, not a match: the detectors raised AttributeError on such a line
    found = page_flags(line, lang, category=BOILERPLATE)
    assert len(found) == 1 and "subscription offer" in found[0].evidence \
        and "addressing the reader" in found[0].evidence, found


@pytest.mark.parametrize("lang, line, word", [
    ("fr", "Here is the paragraph: the mayor said the bridge would open in May.", "paragraph"),
    ("fr", "Voici le paragraphe : le maire a dit que le pont ouvrirait en mai.", "paragraphe"),
])
def test_a_generator_presenting_its_output_by_a_word_of_its_own_is_a_prompt_leak_and_no_crash(lang, line, word):
    # the output word was a string, not a match: the detectors raised AttributeError on such a line
    found = page_flags(line, lang, category=PROMPT)
    assert len(found) == 1 and "presenting its output" in found[0].evidence and repr(word) in found[0].evidence, \
        found


# Three more crashes, found by fuzzing the detectors with cue phrases and odd letters (a helper's run of about
# 255,000 generated inputs): each raised before its fix.

@pytest.mark.parametrize("lang, line", [("fr", "Poſted by Al"), ("de", "Wrıtten by Al"), ("es", "Escrıto por Al")])
def test_a_byline_cue_matched_through_a_letter_lower_keeps_apart_does_not_crash(lang, line):
    # "ſ" and "ı" match "s" and "i" case-blind, but lower() keeps them: the cue was looked up and not found
    assert all(f.category != "addition/boilerplate" or "byline" not in f.evidence for f in page_flags(line, lang))


@pytest.mark.parametrize("lang, line, source", [("es", "5 mıl", "5"), ("de", "5 Mİo.", "5"),
                                                 ("fr", "500 mıllions", "500")])
def test_a_scale_word_matched_through_a_letter_casefold_keeps_apart_does_not_crash(lang, line, source):
    assert page_flags(line, lang, source, "accuracy/mistranslation/number") == []


@pytest.mark.parametrize("lang, text", [("es", ".\nMaría García\nel alcalde\n."), ("fr", ".\nJean Dupont\nle maire\n."),
                                        ("de", ".\nAnna Müller\nder Bürgermeister\n.")])
def test_a_source_sentence_moved_beside_a_segment_sharing_nothing_is_moved_once(lang, text):
    # the aligner moved the link back and forth between two segments that share nothing with it (RecursionError)
    from evalkit.detectors.base import prepare_input

    doc = prepare_input(text, "en", lang, source="The mayor said.")
    assert sorted(j for link in doc.alignment for j in link.target) == [0, 1, 2, 3]
    assert [i for link in doc.alignment for i in link.source] == [0]


# A page of one long "word" of junk (262,144 characters, one detector window) was looked up cut by cut, as two
# words, by compound_halves and split_compound: time and memory grew as its square (a process was killed for
# memory); and a page of many short runs asked a list for each of them (_joined_outlets). What is checked is that
# such pages are read at all, with flags inside the text; their cost is measured by hand (docs/ROBUSTNESS.md).

@pytest.mark.parametrize("lang, text", [("fr", "x" * 262_200), ("de", "Ab" * 131_100), ("fr", "Xy." * 87_400)])
def test_a_page_of_one_long_word_or_of_many_short_runs_is_read(lang, text):
    from evalkit.detectors import run_detectors
    from evalkit.detectors.base import prepare_input

    flags = run_detectors(prepare_input(text, "en", lang))
    assert all(0 <= f.start < f.end <= len(text) and f.text == text[f.start:f.end] for f in flags)

