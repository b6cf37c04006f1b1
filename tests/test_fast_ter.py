"""evalkit's faster TER gives sacreBLEU's numbers exactly: random word lists and corpus text."""

from __future__ import annotations

import os
import random
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER, lib_ter

from evalkit.corpus import load_corpus
from evalkit.metrics import fast_ter
from evalkit.pipeline import RunOptions, evaluate_corpus

from .conftest import BUNDLED

# Few distinct words make many matches, hence many shift candidates.
words = st.lists(st.sampled_from("a b c d e f".split()), max_size=40)


# Both implementations: the pure-Python one and the C accelerator (evalkit/metrics/_ter.c).
PATHS = [pytest.param(False, id="python"),
         pytest.param(True, id="c", marks=pytest.mark.skipif(fast_ter._accelerated is None,
                                                               reason="the C accelerator is not built"))]


def test_the_c_accelerator_is_built_where_a_compiler_is():
    # `pip install -e .` builds it when it finds a C compiler (setup.py, optional=True); a silent
    # build failure would leave TER 40x slower.
    if not (shutil.which("cc") or shutil.which("gcc")) or os.environ.get("EVALKIT_PURE_PYTHON_TER"):
        pytest.skip("no C compiler here, or the pure-Python TER was asked for")
    assert fast_ter._accelerated is not None, "evalkit.metrics._ter is not built: reinstall evalkit (make clean test)"


@pytest.mark.parametrize("accelerated", PATHS)
@settings(max_examples=300, deadline=None)
@given(words, words)
def test_equals_lib_ter_on_random_word_lists(accelerated, hyp, ref):
    assert fast_ter.translation_edit_rate(hyp, ref, accelerated=accelerated) == lib_ter.translation_edit_rate(hyp, ref)


@pytest.mark.parametrize("n_hyp, n_ref, vocabulary", [
    (0, 12, 3),     # empty hypothesis: all insertions
    (9, 0, 3),      # empty reference: sacreBLEU's special case
    (1, 160, 2),    # length ratio > 2 * beam width: the beam widens
    (70, 64, 5),    # long sentences: the beam of 25 binds
    (75, 80, 4),    # enough shifts to spend the budget of 1000 candidates
])
@pytest.mark.parametrize("accelerated", PATHS)
def test_edge_cases(n_hyp, n_ref, vocabulary, accelerated):
    rng = random.Random(n_hyp * 1000 + n_ref)
    ref = [str(rng.randrange(vocabulary)) for _ in range(n_ref)]
    hyp = ref[:]
    rng.shuffle(hyp)
    hyp = (hyp + [str(rng.randrange(vocabulary)) for _ in range(n_hyp)])[:n_hyp]
    assert fast_ter.translation_edit_rate(hyp, ref, accelerated=accelerated) == \
        lib_ter.translation_edit_rate(hyp, ref)


@pytest.mark.parametrize("accelerated", PATHS)
def test_small_budget_and_cache_limits_are_followed(monkeypatch, accelerated):
    # Exercise the candidate budget and a full prefix cache on short inputs.
    for module in (fast_ter, lib_ter):
        monkeypatch.setattr(module, "_MAX_SHIFT_CANDIDATES", 7)
        monkeypatch.setattr(module, "_MAX_CACHE_SIZE", 5)
    rng = random.Random(3)
    for _ in range(200):
        ref = [rng.choice("abcd") for _ in range(rng.randrange(1, 20))]
        hyp = [rng.choice("abcde") for _ in range(rng.randrange(0, 20))]
        assert fast_ter.translation_edit_rate(hyp, ref, accelerated=accelerated) == \
            lib_ter.translation_edit_rate(hyp, ref)


@pytest.mark.parametrize("accelerated", PATHS)
def test_corpus_segments_score_as_in_sacrebleu(accelerated, monkeypatch):
    if not accelerated:
        monkeypatch.setattr(fast_ter, "_accelerated", None)
    result = evaluate_corpus(load_corpus(BUNDLED), RunOptions(flags=False, metrics=("ter",)))
    rows = [r for d in result.documents for r in d.segments]
    hyps, refs = [r.hypothesis for r in rows], [r.reference for r in rows]
    ours = fast_ter.FastTER()._extract_corpus_statistics(hyps, [refs])
    assert ours == TER()._extract_corpus_statistics(hyps, [refs])
    assert len(rows) > 300
