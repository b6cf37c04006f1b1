"""The seventh speed pass's rewrites give what the code they replace gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.layout import _QUOTE_MAP, _cue_key
from evalkit.detectors.numbers import extract_numbers_spans

_MARKS = "’‘´`“”„«»\u00a0\u202f\u2009 '\"aZé İ\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_MARKS) | st.characters(), max_size=40))
def test_cue_key_equals_the_translation_table(text: str) -> None:
    assert _cue_key(text) == " ".join(text.translate(_QUOTE_MAP).lower().split())


def test_number_spans_are_a_fresh_list_each_time() -> None:
    text = "Le 3 mai à 16h07, 5 000 personnes"
    first = extract_numbers_spans(text, "fr", lenient=True)
    first.clear()
    again = extract_numbers_spans(text, "fr", lenient=True)
    assert [(a, b) for a, b, _ in again] == [(3, 4), (11, 16), (18, 23)]


def test_words_after_for_the_longest_form_holds_the_shorter_ones() -> None:
    from evalkit.detectors.rendered import _words_after
    from evalkit.detectors.text import tokenize

    text = "Le Fonds monétaire de la zone mondial a dit.\nL'Organisation mondiale de la santé, hier"
    tokens = tokenize(text)
    for first in range(len(tokens)):
        longest = _words_after(tokens, first, 6, text, partial=True)
        for count in range(1, 7):
            expected = longest[:count] if len(longest) >= count else None
            assert _words_after(tokens, first, count, text) == expected
