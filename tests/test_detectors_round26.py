"""Issue 15, twenty-sixth round. A subscription offer known only by its addressing the reader ("Le premier mois
vous est offert") is flagged, and so is a generator presenting its output by a word of its own ("Here is the paragraph: ..."); the
detectors raised AttributeError on both kinds of line. On lines written for this test."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"
PROMPT = "addition/prompt-leak"
BOILERPLATE = "addition/boilerplate"


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
