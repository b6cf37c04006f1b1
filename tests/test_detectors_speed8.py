"""The eighth speed pass's rewrites give what the code they replace gave."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors import layout

_VOICE_CHARS = "’' IiIchyouvousSieIhnenjemewe-.,\n"


def _has_voice_word_before(line: str, tgt: str) -> bool:
    people = layout._voice_either(tgt)
    return any(m.group().casefold().replace("’", "'") in people or m.group() in layout._SIE
               for m in layout._VOICE_WORD.finditer(line))


def test_no_character_casefolds_to_an_apostrophe_but_the_apostrophes() -> None:
    """_has_voice_word makes "’" an apostrophe before casefolding the words, not after."""
    odd = [chr(c) for c in range(sys.maxunicode + 1)
           if not 0xD800 <= c <= 0xDFFF and ("’" in chr(c).casefold() or "'" in chr(c).casefold())]
    assert odd == ["'", "’"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_VOICE_CHARS) | st.characters(), max_size=40),
       st.sampled_from(["fr", "de", "ru", "en", ""]))
def test_has_voice_word_equals_the_word_by_word_test(line: str, tgt: str) -> None:
    assert layout._has_voice_word(line, tgt) == _has_voice_word_before(line, tgt)


def test_has_voice_word_on_examples() -> None:
    for line, tgt in [("Je vous propose cet article", "fr"), ("Können Sie das?", "de"), ("I’d like it", "fr"),
                      ("Il pleut à Paris.", "fr"), ("SIE kommen", "de"), ("we’re here", "en")]:
        assert layout._has_voice_word(line, tgt) == _has_voice_word_before(line, tgt)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣ words mots Wörter слов: (Total)\n") | st.characters(),
               max_size=40))
def test_word_count_equals_the_pattern_alone(text: str) -> None:
    found, expected = layout._word_count(text), layout._word_count_pattern().search(text)
    assert (found and found.span()) == (expected and expected.span())
