"""The aligner's fast paths give the reference implementation's results, bit for bit.

`_analyse` fuses `features`, `strong_anchors`, `junkiness` and `word_keys` into one pass over the
words; these tests compare it with the four functions on random Unicode text, the bundled
corpus and Text+Berg (same values, same key order, same sets built in the same order).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit import align as align_module
from evalkit.align import features, junkiness, strong_anchors, word_keys

# Characters each rule of the analysis looks at: cases, accents (precomposed and combining),
# ß/œ/æ and ligatures that casefold or NFKD expand, Unicode digits (\d but not ASCII), numerics
# that are letters to `_WORD` (², ½, Ⅻ), the number separators, punctuation anchors, no-break
# spaces, "_", a lone surrogate, and the words of the function-word lists.
_ALPHABET = list("aeiouxyzAEIOUXYZbcdfghHLMNPRST0123456789 .,:;?!()«»“”\"„'’-_/\n\t…") + [
    "é", "É", "ß", "ẞ", "œ", "Œ", "æ", "ﬁ", "İ", "ı", "ǅ", "\u0301", "\u0327", "٣", "४", "²", "½", "Ⅻ",
    "\u00a0", "\u202f", "\u2009", "\u3000", "\ud83d", "中", "ـ"]
_WORDS = ["the", "and", "dans", "pour", "und", "der", "The", "Le", "UN", "Xi", "Président", "president",
          "16h07", "16:07", "5 000", "1,234.5", "3,5", "[ad_1]", "READ", "Source link", "Laisser un commentaire"]
_TEXT = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80),
    st.lists(st.sampled_from(_WORDS + _ALPHABET), max_size=25).map("".join),
    st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join),
)
_LANGS = st.sampled_from(["en", "fr", "de", "de-CH", "DE", "fr-CA", "es", "", "xx-yy"])


def _reference(text: str, lang: str) -> tuple:
    feats = features(text)
    return (len("".join(text.split())), feats, frozenset(strong_anchors(text, lang) & feats.keys()),
            word_keys(text), junkiness(text, lang))


def _assert_same_analysis(text: str, lang: str) -> None:
    got, want = align_module._analyse.__wrapped__(text, lang), _reference(text, lang)
    assert got == want
    assert list(got[1].items()) == list(want[1].items())   # the Counter's key order
    assert list(got[2]) == list(want[2])                     # the set's iteration order


@settings(max_examples=400, deadline=None)
@given(_TEXT, _LANGS)
def test_fused_analysis_equals_the_four_functions_on_random_text(text: str, lang: str) -> None:
    _assert_same_analysis(text, lang)


def test_fused_analysis_equals_the_four_functions_on_the_corpora() -> None:
    from evalkit.align_eval import load_textberg
    from evalkit.corpus import load_corpus
    from evalkit.segment import segment

    from .conftest import BUNDLED

    checked = 0
    for doc in load_corpus(BUNDLED).documents:
        for text, lang in [(doc.source, "en"), (doc.reference, "fr")] + [(h, "fr") for h in doc.hypotheses.values()]:
            for seg in segment(text, lang):
                _assert_same_analysis(seg.text, lang)
                checked += 1
    for _, source, target, _ in load_textberg(Path(__file__).parent / "data" / "textberg-de-fr"):
        for text in source:
            _assert_same_analysis(text, "de")
        for text in target:
            _assert_same_analysis(text, "fr")
        checked += len(source) + len(target)
    assert checked > 500


def test_no_whitespace_character_is_a_word_letter() -> None:
    # `_analyse` takes the words of the stripped text (`junkiness`) from the whole text.
    import sys

    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert align_module._WORD.search(spaces) is None
