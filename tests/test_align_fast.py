"""The aligner's fast paths give the reference implementation's results, bit for bit.

`_analyse_in_python` fuses `features`, `strong_anchors`, `junkiness` and `word_keys` into one
pass over the words, and the C extension (evalkit/_aligndp.c) does the same analysis and the
whole alignment of a document pair. These tests compare each with its reference on random
Unicode text, every code point, random documents built to teach a lexicon, the bundled corpus
and Text+Berg: same values, same key order, same sets built in the same order, same links and
scores to the last bit.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.alignment import aligner as align_module
from evalkit.alignment.aligner import Link, align, align_corpus, features, junkiness, strong_anchors, word_keys

needs_c = pytest.mark.skipif(align_module._accelerated is None, reason="the C aligner is not built")

# Characters each rule of the analysis looks at: cases, accents (precomposed and combining),
# ß/œ/æ and ligatures that casefold or NFKD expand, Unicode digits (\d but not ASCII), numerics
# that are letters to `_WORD` (², ½, Ⅻ), the number separators, punctuation anchors, no-break
# spaces, "_", a lone surrogate, and the words of the function-word lists.
_ALPHABET = list("aeiouxyzAEIOUXYZbcdfghHLMNPRST0123456789 .,:;?!()«»“”\"„'’-_/\n\t…") + [
    "é", "É", "ß", "ẞ", "œ", "Œ", "æ", "ﬁ", "İ", "ı", "ǅ", "\u0301", "\u0327",
    "٣", "४", "²", "½", "Ⅻ",
    "\u00a0", "\u202f", "\u2009", "\u3000", "\x1c", "\x85", "\ud83d", "中", "ـ", "𝐀", "ǀ", "⑴"]
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


def _in_c(text: str, lang: str) -> tuple:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(align_module, "_use_accelerator", True)
        return align_module._analyse.__wrapped__(text, lang)


def _assert_same(got: tuple, want: tuple) -> None:
    assert got == want
    assert type(got[1]) is Counter and type(got[2]) is frozenset and type(got[4]) is float
    assert list(got[1].items()) == list(want[1].items())   # the Counter's key order
    assert list(got[2]) == list(want[2])                     # the set's iteration order


def _assert_same_analysis(text: str, lang: str) -> None:
    want = _reference(text, lang)
    _assert_same(align_module._analyse_in_python(text, lang), want)
    if align_module._accelerated is not None:
        _assert_same(_in_c(text, lang), want)


@settings(max_examples=500, deadline=None)
@given(_TEXT, _LANGS)
def test_fused_and_c_analysis_equal_the_four_functions_on_random_text(text: str, lang: str) -> None:
    _assert_same_analysis(text, lang)


def test_fused_and_c_analysis_equal_the_four_functions_on_the_corpora() -> None:
    from evalkit.alignment.evaluate import load_textberg
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
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert align_module._WORD.search(spaces) is None


_NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789 ,.'’h:-x") + ["\u00a0", "\u202f", "٣", "²"]),
                     max_size=40)


@settings(max_examples=500, deadline=None)
@given(_NUMBERISH)
def test_number_keys_are_those_of_finditer(text: str) -> None:
    expected = ["#" + align_module._normalise_number(m) for m in align_module._NUMBER.finditer(text)]
    assert align_module._number_keys(text) == expected


@needs_c
def test_c_analysis_classifies_every_code_point_as_python_does() -> None:
    # Words (`[^\W\d_]+`), whitespace (str.split / str.strip) and punctuation anchors over all
    # of Unicode, lone surrogates included; then \d, which decides whether numbers are looked for.
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    seen: list[str] = []

    def word_info(word: str) -> tuple:
        seen.append(word)
        return align_module._word_info(word)

    helpers = (align_module._accelerated.WordFacts(word_info, 0),) + align_module._ANALYSIS_HELPERS[1:]
    for lang in ("en", "de"):
        seen.clear()
        got = align_module._accelerated.analyse(every, lang == "de", 0, helpers)
        assert seen == align_module._WORD.findall(every)
        _assert_same(got, _reference(every, lang))
    looked: list[str] = []

    def number_keys(text: str) -> list[str]:
        looked.append(text)
        return align_module._number_keys(text)

    helpers = align_module._ANALYSIS_HELPERS[:1] + (number_keys,) + align_module._ANALYSIS_HELPERS[2:]
    digits = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isdecimal() or c.isdigit() or c.isnumeric()]
    for c in digits:
        align_module._accelerated.analyse(f"a{c}b", False, -1, helpers)
    assert looked == [f"a{c}b" for c in digits if align_module._DIGIT.search(c)]


@needs_c
def test_c_word_cache_is_bounded_and_changes_nothing() -> None:
    calls: list[str] = []

    def word_info(word: str) -> tuple:
        calls.append(word)
        return align_module._word_info(word)

    cache = align_module._accelerated.WordFacts(word_info, 3)
    helpers = (cache,) + align_module._ANALYSIS_HELPERS[1:]
    texts = ["Le président Xi a rencontré Poutine à Moscou.", "The mayor opened the bridge, the mayor said.",
             "Le président Xi a rencontré Poutine à Moscou."]
    for text in texts:
        for lang in ("en", "fr", "de"):
            _assert_same(align_module._accelerated.analyse(text, *align_module._language_flags(lang), helpers),
                         _reference(text, lang))
            assert cache.cached() <= 3
    assert len(calls) < 3 * sum(len(align_module._WORD.findall(t)) for t in texts)   # some hits
    with pytest.raises(ValueError):
        align_module._accelerated.WordFacts(word_info, -1)


# --- whole documents: the C aligner against the Python one

# Word pairs that translate each other but share no 4-letter prefix (so only a learnt lexicon
# links them), a few cognates, names and numbers: documents made of them teach a lexicon.
_PAIRS = [("mountain", "montagne"), ("hut", "cabane"), ("closed", "fermée"), ("river", "fleuve"),
          ("bridge", "pont"), ("mayor", "maire"), ("opened", "ouvert"), ("snow", "neige"), ("water", "eau"),
          ("village", "village"), ("council", "conseil"), ("weather", "temps"), ("storm", "tempête"),
          ("road", "route"), ("winter", "hiver"), ("summer", "été"), ("guide", "guide"), ("Geneva", "Genève"),
          ("Wang", "Wang"), ("UN", "ONU"), ("12", "12"), ("5,000", "5 000"), ("3.5", "3,5"), ("the", "le"),
          ("and", "et"), ("was", "était"), ("?", "?"), ("(", "(")]
_SENTENCES = st.lists(st.lists(st.integers(0, len(_PAIRS) - 1), min_size=1, max_size=9), max_size=22)
# What happens to each source sentence in the translation.
_FATES = st.sampled_from(["keep", "keep", "keep", "drop", "merge", "split", "junk", "twice", "junk-instead"])


def _translate(sentences: list[list[int]], fates: list[str]) -> tuple[list[str], list[str]]:
    source = [" ".join(_PAIRS[w][0] for w in s).capitalize() + "." for s in sentences]
    target: list[str] = []
    for k, s in enumerate(sentences):
        fate = fates[k % len(fates)] if fates else "keep"
        text = " ".join(_PAIRS[w][1] for w in s).capitalize() + "."
        if fate == "drop":
            continue
        if fate == "merge" and target:
            target[-1] = target[-1][:-1] + " et " + text[0].lower() + text[1:]
        elif fate == "split" and len(s) > 2:
            words = text[:-1].split()
            target += [" ".join(words[: len(words) // 2]) + ".", " ".join(words[len(words) // 2:]).capitalize() + "."]
        elif fate == "junk":
            target += ["[ad_1]", text]
        elif fate == "junk-instead":   # a junk line where the sentence was: an omission beside an insertion
            target.append("Inscrivez-vous à notre newsletter pour recevoir l'essentiel.")
        elif fate == "twice":
            target += [text, text]
        else:
            target.append(text)
    return source, target


_OPTIONS = st.sampled_from([{}, {"rounds": 1}, {"rounds": 3}, {"lexicon_min_count": 1, "lexicon_min_dice": 0.1},
                            {"lexicon_max_df": 1.0, "rounds": 3}, {"merge": 0.5, "merge_2_2": 0.1, "band": 1},
                            {"punct_weight": 0.0, "number_weight": 3, "lexicon_weight": 2.5},
                            {"miss_weight": 1.0, "skip": 1.5, "junk_skip": 1.0, "line_break": 0.5},
                            {"lexicon_min_count": 0, "lexicon_max_df": 0.05, "rounds": 3}])


def _both(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    out = []
    with pytest.MonkeyPatch.context() as mp:
        for accelerated in (True, False):
            mp.setattr(align_module, "_use_accelerator", accelerated)
            align_module._analyse.cache_clear()
            out.append(fn(*args, **kwargs))
    align_module._analyse.cache_clear()
    return out


def _scores(links: list[Link]) -> list[tuple]:
    return [(lk.source, lk.target, lk.score.hex()) for lk in links]


@needs_c
@settings(max_examples=200, deadline=None)
@given(_SENTENCES, st.lists(_FATES, max_size=8), _OPTIONS, st.lists(st.booleans(), max_size=30))
def test_c_aligner_equals_python_on_documents_that_teach_a_lexicon(sentences, fates, options, lines) -> None:
    source, target = _translate(sentences, fates)
    if lines:
        options = {**options, "source_lines": [lines[k % len(lines)] for k in range(len(source))],
                   "target_lines": [lines[-1 - k % len(lines)] for k in range(len(target))]}
    in_c, in_python = _both(align, source, target, **options)
    assert _scores(in_c) == _scores(in_python)


@needs_c
@settings(max_examples=100, deadline=None)
@given(_SENTENCES, st.lists(_FATES, max_size=8),
       st.lists(st.tuples(st.sampled_from(["mount", "hut", "rive", "a|b", "x", "snow", "bridg"]),
                          st.sampled_from(["monta", "caban", "b", "b|c", "neige", "pont", "y"])), max_size=8),
       st.sampled_from([1, 2, 3]))
def test_c_aligner_equals_python_with_a_given_lexicon(sentences, fates, lexicon, rounds) -> None:
    # Given pairs may be absent from the texts, repeat learnt ones, or spell the same tag twice
    # ("a|b", "c") and ("a", "b|c").
    source, target = _translate(sentences, fates)
    lexicon = lexicon + [("a", "b|c")] if ("a|b", "c") in lexicon else lexicon
    in_c, in_python = _both(align, source, target, lexicon=lexicon, rounds=rounds)
    assert _scores(in_c) == _scores(in_python)


@needs_c
def test_c_aligner_equals_python_on_a_long_document_of_rare_words() -> None:
    # 150 sentences, each word in two of them: many candidate words, few pairs met, so the C
    # lexicon counts pairs in its hash table rather than its matrix.
    def word(k: int, letters: str) -> str:
        return "".join(letters[k // 26 ** p % 26] for p in range(3))

    n = 150
    source = [f"The {word(k, 'abcdefghijklmnopqrstuvwxyz')} and {word(k + 1, 'abcdefghijklmnopqrstuvwxyz')} met."
              for k in range(n)]
    target = [f"Le {word(k, 'zyxwvutsrqponmlkjihgfedcba')} et {word(k + 1, 'zyxwvutsrqponmlkjihgfedcba')} ici."
              for k in range(n)]
    del target[40]
    target.insert(90, "[ad_1]")
    learnt = align_module.learn_lexicon([([word_keys(x) for x in source], [word_keys(y) for y in target],
                                          align(source, target, rounds=1))])
    assert len(learnt) > 50
    in_c, in_python = _both(align, source, target)
    assert _scores(in_c) == _scores(in_python)


@needs_c
def test_c_aligner_equals_python_over_a_corpus() -> None:
    import random

    rng = random.Random(3)
    docs = []
    for _ in range(12):
        sentences = [[rng.randrange(len(_PAIRS)) for _ in range(rng.randint(1, 9))] for _ in range(rng.randint(1, 30))]
        docs.append(_translate(sentences, [rng.choice(["keep", "keep", "drop", "merge", "split", "junk", "twice"])
                                           for _ in range(7)]))
    in_c, in_python = _both(align_corpus, docs)
    assert [_scores(d) for d in in_c] == [_scores(d) for d in in_python]
    assert any(lk.source and lk.target for d in in_c for lk in d)
