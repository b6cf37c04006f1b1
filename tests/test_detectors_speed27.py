"""The twenty-seventh speed pass's rewrites give what the code they replace gave."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors import layout, structure
from evalkit.detectors.langdata import _alternatives, _distributed, pattern, pattern_by_first_letter
from evalkit.detectors.text import _LEFT_ATTRIBUTION, _RIGHT_ATTRIBUTION

# --------------------------------------------------------------------------- the attribution cues by first letter

NAMES = ("attribution-before", "attribution-after")
# the cues' own words, and what stands around a cue in a window of text
PIECES = sorted({w for n in NAMES for w in re.findall(r"[^\W\d_]+", pattern(n))}
                | {" ", "  ", "\n", "’", "'", "«", "“", "\"", ",", ")", "-", "l’", "de la", "the", "a", "é", "x", "1"})


def _flat_left() -> re.Pattern[str]:
    # the regex as it was before the grouping (less the first letters' lookahead, which pruned positions only)
    return re.compile(
        r"(?<![^\W\d_])" + pattern("attribution-before")
        + r"(?:\s+" + pattern("attribution-of") + r")?(?:\s+" + pattern("attribution-articles") + r")?\s*[«“„\"]?$",
        re.IGNORECASE)


def _flat_right() -> re.Pattern[str]:
    return re.compile(r"^[\s»”\"]*(?:[,)]\s*)?" + pattern("attribution-after") + r"\b", re.IGNORECASE)


def test_alternatives_and_leading_groups():
    assert _alternatives(r"a|(?:b|c)d|[|]|x\|y|\\|") == ["a", "(?:b|c)d", "[|]", r"x\|y", r"\\", ""]
    assert _distributed(r"(?:a|ont)\s+(?:dit|écrit)") == [r"a\s+(?:dit|écrit)", r"ont\s+(?:dit|écrit)"]
    assert _distributed(r"(?:(?:a|b)c|d)e") == ["ace", "bce", "de"]
    assert _distributed("(?:a|b)?c") == ["(?:a|b)?c"]
    assert re.fullmatch(pattern_by_first_letter("attribution-before"), "selon", re.IGNORECASE)


def test_every_cue_is_in_its_first_letters_group():
    """Each cue, multiplied out and written out (`_examples`), fullmatches the grouped regex as it does the flat one."""
    for name in NAMES:
        flat, grouped = re.compile(pattern(name)), re.compile(pattern_by_first_letter(name))
        alts = [d for a in _alternatives(pattern(name)[3:-1]) for d in _distributed(a)]
        written = [[t for t in _examples(alt) if flat.fullmatch(t)] for alt in alts]
        assert all(written)
        assert all(grouped.fullmatch(t) for texts in written for t in texts)


def _examples(alt: str) -> list[str]:
    """Texts `alt` may fullmatch: its innermost groups' first alternatives, classes' first characters, an
    optional part with and without it, negative lookaheads left out (the caller keeps those the flat regex
    fullmatches)."""
    out = []
    alt = re.sub(r"\(\?!(?:[^()]|\([^()]*\))*\)", "", alt)   # a negative lookahead consumes nothing
    for keep in (True, False):
        text = re.sub(r"\[\^\\W\\d_\][+*]?", "x", re.sub(r"\\s[+*]?", " ", alt))
        text = re.sub(r"\[\^?([^\]])[^\]]*\]", r"\1", text)
        while True:   # innermost groups first; one with a quantifier kept once (`keep`) or left out
            text, n = re.subn(r"\(\?:([^()|]*)(?:\|[^()]*)?\)(\?|\{0,\d+\})?",
                              lambda m, keep=keep: m.group(1) if keep or not m.group(2) else "", text)
            if not n:
                break
        text = re.sub(r"(.)\{(\d+),?\d*\}", lambda m: m.group(1) * int(m.group(2)), text)
        text = re.sub(r"(.)\?", r"\1" if keep else "", text)
        out.append(text)
    return out


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_grouped_attribution_regexes_match_where_the_flat_ones_do(text: str) -> None:
    assert (_LEFT_ATTRIBUTION.search(text) is None) == (_flat_left().search(text) is None)
    assert (_RIGHT_ATTRIBUTION.search(text) is None) == (_flat_right().search(text) is None)
    low = text.lower()
    assert (_LEFT_ATTRIBUTION.search(low) is None) == (_flat_left().search(low) is None)


def test_the_grouped_attribution_regexes_on_cue_windows():
    """Windows that end on a cue (with its article and quote) and start with one, each cue written out."""
    for alt in (d for a in _alternatives(pattern("attribution-before")[3:-1]) for d in _distributed(a)):
        for cue in _examples(alt):
            for window in (f"Il y a {cue} ", f"x{cue} le «", f"{cue.upper()} the ", f"{cue}s "):
                assert (_LEFT_ATTRIBUTION.search(window) is None) == (_flat_left().search(window) is None), window
    for alt in (d for a in _alternatives(pattern("attribution-after")[3:-1]) for d in _distributed(a)):
        for cue in _examples(alt):
            for window in (f", {cue} le", f"» {cue}x", f") {cue.upper()}"):
                assert (_RIGHT_ATTRIBUTION.search(window) is None) == (_flat_right().search(window) is None), window


# --------------------------------------------------------------------------- structure._fold, layout._counted_words

EVERY = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def _fold_before(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def test_structure_fold_as_before_on_every_code_point():
    assert structure._fold(EVERY) == _fold_before(EVERY)
    assert all(structure._fold(c) == _fold_before(c) for c in EVERY[:0x3000])


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAéÉßſİıœ́  ﬁ²½Ωя中-")), max_size=12))
def test_structure_fold_as_before(word: str) -> None:
    assert structure._fold(word) == _fold_before(word)


def _counted_before(plain: str) -> int:
    return sum(1 for w in plain.split() if re.search(r"[^\W_]", w))


def test_counted_words_as_before_on_every_code_point():
    # each character as a word, inside a word and between two
    assert all(layout._counted_words(f"a{c}b {c} {c}{c}") == _counted_before(f"a{c}b {c} {c}{c}") for c in EVERY)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab_ 1-—|©\u00a0\t\n\u2028\x1c\u0301é²中.,\u3000\u200b\x85")),
               max_size=16))
def test_counted_words_as_before(plain: str) -> None:
    assert layout._counted_words(plain) == _counted_before(plain)


# --------------------------------------------------------------------------- rendered._regnal

@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Leo", "Louis", " ", "\u00a0", "\n", "X", "I", "V", "L", "C", "M", "D", "IV", "XIV",
                                 "a", "é", "-"]), max_size=8).map("".join))
def test_regnal_as_the_regex(name: str) -> None:
    from evalkit.detectors.rendered import _REGNAL, _regnal

    assert _regnal(name) == (_REGNAL.search(name) is not None)


def test_regnal_names():
    from evalkit.detectors.rendered import _regnal

    assert _regnal("Leo XIV") and _regnal("Louis XIV\n") and _regnal("Charles III")
    assert not _regnal("Leo X") and not _regnal("Leo XIV\n\n") and not _regnal("Radio XX FM")
