"""Issue 15, twenty-sixth round. A subscription offer known only by its addressing the reader ("Le premier mois
vous est offert") is flagged; the detectors raised AttributeError on such a line. On lines written for this test."""

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
