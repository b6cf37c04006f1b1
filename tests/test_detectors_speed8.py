"""The eighth speed pass's rewrites give what the code they replace gave."""

from __future__ import annotations

import difflib
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors import layout
from evalkit.detectors.structure import _DIGITS, _reworded_repeat

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


def _reworded_repeat_before(key: str, earlier: list[tuple[int, str, int]]) -> tuple[int, float] | None:
    words = key.split()
    if len(words) < 8:
        return None
    tokens, numbers = set(words), sorted(_DIGITS.findall(key))
    for length, other, k in earlier:
        if not 0.8 * len(key) <= length <= 1.25 * len(key) or sorted(_DIGITS.findall(other)) != numbers:
            continue
        other_tokens = set(other.split())
        if len(tokens & other_tokens) < 0.7 * max(len(tokens), len(other_tokens)):
            continue
        matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
        if len(words) >= 12 and matcher.ratio() >= 0.85:
            return k, matcher.ratio()
        # (or a loose repeat: the same words in order but for a few, one run of four, 0.75 of the characters)
        blocks = difflib.SequenceMatcher(None, words, other.split(), autojunk=False).get_matching_blocks()
        same = sum(b.size for b in blocks) >= 0.7 * max(len(words), len(other.split()))
        if matcher.ratio() >= 0.75 and same and max(b.size for b in blocks) >= 4:
            return k, matcher.ratio()
    return None


_WORDS = st.lists(st.sampled_from("le la prix du pain a 3 12 monté baissé hier à Paris selon INSEE".split()),
                  min_size=8, max_size=22).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12))
def test_reworded_repeat_equals_the_pairwise_comparison(lines: list[str]) -> None:
    """The same answers, line after line of a document, with what is known of each earlier line kept."""
    earlier: list[tuple[int, str, int]] = []
    seen: dict = {}
    for k, key in enumerate(lines):
        assert _reworded_repeat(key, earlier, seen) == _reworded_repeat_before(key, earlier)
        earlier.append((len(key), key, k))
        earlier.sort()


def test_reworded_repeat_reads_lengths_at_both_ends_of_its_window() -> None:
    key = "le prix du pain a encore monté hier à Paris selon les chiffres publiés"   # 73 characters
    found = []
    for length in range(50, 100):
        other = (key + " de l'INSEE et des boulangers")[:length] if length > len(key) else key[:length]
        earlier = [(len(other), other, length)]
        assert _reworded_repeat(key, earlier, {}) == _reworded_repeat_before(key, earlier)
        found.append(_reworded_repeat(key, earlier, {}) is not None)
    assert found[int(1.25 * len(key)) - 50] and not found[int(1.25 * len(key)) - 49]
