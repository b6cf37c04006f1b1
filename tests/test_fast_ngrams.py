"""evalkit's chrF, chrF++ and BLEU (n-gram matches counted in C) give sacreBLEU's statistics exactly."""

from __future__ import annotations

import os
import random
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF

from evalkit.corpus import load_corpus
from evalkit.metrics import fast_ngrams
from evalkit.pipeline import RunOptions, evaluate_corpus

from .conftest import BUNDLED

pytestmark = pytest.mark.skipif(fast_ngrams._ngrams is None, reason="the C accelerator is not built")

# Few distinct characters make repeated n-grams, hence clipped counts; spaces, punctuation,
# non-BMP and combining characters test the preprocessing and the code-point handling.
text = st.text(alphabet=st.sampled_from(list("aab b.,!()«»é\u0301 😀\u00a0\tA")), max_size=60)
OPTIONS = [dict(), dict(word_order=2), dict(lowercase=True, word_order=2), dict(whitespace=True),
           dict(char_order=3, word_order=1), dict(word_order=4, whitespace=True)]


def test_the_c_accelerator_is_built_where_a_compiler_is():
    if not (shutil.which("cc") or shutil.which("gcc")) or os.environ.get("EVALKIT_PURE_PYTHON_NGRAMS"):
        pytest.skip("no C compiler here, or sacreBLEU's own n-gram code was asked for")
    assert isinstance(fast_ngrams.make_chrf(), fast_ngrams.FastCHRF)
    assert isinstance(fast_ngrams.make_bleu(), fast_ngrams.FastBLEU)


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@settings(max_examples=200, deadline=None)
@given(hyps=st.lists(text, min_size=1, max_size=4), refs=st.lists(text, min_size=1, max_size=4))
def test_statistics_equal_sacrebleu_on_random_text(options, hyps, refs):
    n = min(len(hyps), len(refs))
    hyps, refs = hyps[:n], refs[:n]
    ours = fast_ngrams.FastCHRF(**options)
    theirs = CHRF(**options)
    assert ours._extract_corpus_statistics(hyps, [refs]) == theirs._extract_corpus_statistics(hyps, [refs])


def test_several_references_pick_the_same_best():
    rng = random.Random(5)
    words = "le la les chat chats noir noire , . !".split()
    hyps = [" ".join(rng.choice(words) for _ in range(rng.randrange(0, 12))) for _ in range(200)]
    refs = [[" ".join(rng.choice(words) for _ in range(rng.randrange(0, 12))) for _ in range(200)] for _ in range(3)]
    for options in OPTIONS:
        ours, theirs = fast_ngrams.FastCHRF(**options), CHRF(**options)
        assert ours._extract_corpus_statistics(hyps, refs) == theirs._extract_corpus_statistics(hyps, refs)
        assert ours.corpus_score(hyps, refs).score == theirs.corpus_score(hyps, refs).score


def test_signature_is_sacrebleus():
    ours, theirs = fast_ngrams.FastCHRF(word_order=2), CHRF(word_order=2)
    ours.corpus_score(["un chat"], [["le chat"]])
    theirs.corpus_score(["un chat"], [["le chat"]])
    assert str(ours.get_signature()) == str(theirs.get_signature())
    assert "chrF2++" in str(ours.get_signature()) or "nc:6|nw:2" in str(ours.get_signature())


def test_corpus_segments_score_as_in_sacrebleu():
    result = evaluate_corpus(load_corpus(BUNDLED), RunOptions(flags=False, metrics=("chrf++",)))
    rows = [r for d in result.documents for r in d.segments]
    hyps, refs = [r.hypothesis for r in rows], [r.reference for r in rows]
    assert len(rows) > 300
    for order in (0, 2):
        ours = fast_ngrams.FastCHRF(word_order=order)._extract_corpus_statistics(hyps, [refs])
        assert ours == CHRF(word_order=order)._extract_corpus_statistics(hyps, [refs])


BLEU_OPTIONS = [dict(), dict(effective_order=True), dict(lowercase=True), dict(tokenize="none"),
                dict(tokenize="char"), dict(max_ngram_order=2)]


@pytest.mark.parametrize("options", BLEU_OPTIONS, ids=str)
@settings(max_examples=200, deadline=None)
@given(hyps=st.lists(text, min_size=1, max_size=4), refs=st.lists(text, min_size=1, max_size=4))
def test_bleu_statistics_equal_sacrebleu_on_random_text(options, hyps, refs):
    n = min(len(hyps), len(refs))
    hyps, refs = hyps[:n], refs[:n]
    ours, theirs = fast_ngrams.FastBLEU(**options), BLEU(**options)
    assert ours._extract_corpus_statistics(hyps, [refs]) == theirs._extract_corpus_statistics(hyps, [refs])


def test_bleu_with_several_references_and_sentence_scores():
    rng = random.Random(7)
    words = "le la les chat chats noir noire , . !".split()
    hyps = [" ".join(rng.choice(words) for _ in range(rng.randrange(0, 12))) for _ in range(200)]
    refs = [[" ".join(rng.choice(words) for _ in range(rng.randrange(0, 12))) for _ in range(200)] for _ in range(3)]
    for options in BLEU_OPTIONS:
        ours, theirs = fast_ngrams.FastBLEU(**options), BLEU(**options)
        for streams in (refs[:1], refs):
            assert ours._extract_corpus_statistics(hyps, streams) == theirs._extract_corpus_statistics(hyps, streams)
            assert ours.corpus_score(hyps, streams).score == theirs.corpus_score(hyps, streams).score
    ours, theirs = fast_ngrams.FastBLEU(effective_order=True), BLEU(effective_order=True)
    for h, r in zip(hyps, refs[0]):
        assert ours.sentence_score(h, [r]).score == theirs.sentence_score(h, [r]).score


def test_bleu_corpus_segments_score_as_in_sacrebleu():
    result = evaluate_corpus(load_corpus(BUNDLED), RunOptions(flags=False, metrics=("bleu",)))
    rows = [r for d in result.documents for r in d.segments]
    hyps, refs = [r.hypothesis for r in rows], [r.reference for r in rows]
    ours, theirs = fast_ngrams.FastBLEU(trg_lang="fr"), BLEU(trg_lang="fr")
    assert ours._extract_corpus_statistics(hyps, [refs]) == theirs._extract_corpus_statistics(hyps, [refs])
    assert ours.corpus_score(hyps, [refs]).score == theirs.corpus_score(hyps, [refs]).score
    assert str(ours.get_signature()) == str(theirs.get_signature())


# Every character class the 13a regular expressions look at: ASCII symbols and punctuation (the
# spaced ones and the ' , - . they leave alone), digits, letters, Unicode whitespace and line
# breaks, HTML entities and <skipped>, and non-ASCII text.
tokenizer_text = st.lists(st.one_of(
    st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ 0123456789aZé\n\t\r\u00a0\u2003\u3000\x1c\x85«»…€😀")),
    st.sampled_from(["&quot;", "&amp;", "&lt;", "&gt;", "&", "<skipped>", "-\n", "3.5", "1,000", "2-3", "a.b"])),
    max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(line=tokenizer_text)
def test_13a_tokenizer_equals_sacrebleus(line):
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    assert fast_ngrams.Fast13a()(line) == Tokenizer13a()(line)


def test_bleu_uses_the_fast_13a_tokenizer_only_for_13a():
    assert isinstance(fast_ngrams.FastBLEU().tokenizer, fast_ngrams.Fast13a)
    assert fast_ngrams.FastBLEU().tokenizer.signature() == "13a"
    assert not isinstance(fast_ngrams.FastBLEU(tokenize="intl").tokenizer, fast_ngrams.Fast13a)
    assert not isinstance(fast_ngrams.FastBLEU(trg_lang="zh").tokenizer, fast_ngrams.Fast13a)
    text = "L'« OTAN » a dit, le 3.5.2024 : 1-0 (c'est-à-dire 5,000 $) & <b>plus</b>..."
    ours, theirs = fast_ngrams.FastBLEU(), BLEU()
    assert ours.corpus_score([text], [[text[:40]]]).score == theirs.corpus_score([text], [[text[:40]]]).score
    assert str(ours.get_signature()) == str(theirs.get_signature())
