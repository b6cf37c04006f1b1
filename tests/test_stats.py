"""Confidence intervals and paired tests: equal to sacreBLEU's where sacreBLEU has them, same units elsewhere."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from evalkit.alignment.rows import AlignedSegment
from evalkit.corpus import load_corpus
from evalkit.errors import UsageError
from evalkit.flags import Flag, mqm_penalty
from evalkit.metrics.base import Score
from evalkit.pipeline import RunOptions, evaluate_corpus
from evalkit.results import DocumentResult, RunResult, SystemResult
from evalkit.stats import (
    Statistic,
    flag_statistics,
    metric_statistic,
    paired_tests,
    resampling_units,
    sentence_statistic,
)

# 40 French-like sentences and two noisy "systems" built from them, written for these tests.
# Every sentence of the two systems differs, so no paired test meets an exact tie.
_rng = random.Random(0)
_WORDS = ["le", "la", "les", "un", "une", "chat", "chien", "maison", "rouge", "bleu", "grand", "petit",
          "mange", "court", "vite", "lentement", "sur", "sous", "dans", "avec"]
REFERENCES = [" ".join(_rng.choice(_WORDS) for _ in range(_rng.randint(5, 15))) for _ in range(40)]


def _noisy(sentence: str, rate: float) -> str:
    return " ".join(w if _rng.random() > rate else _rng.choice(_WORDS) for w in sentence.split())


BASE = [_noisy(r, 0.3) for r in REFERENCES]
CAND = [_noisy(r, 0.4) for r in REFERENCES]
SACREBLEU = {"bleu": lambda: BLEU(trg_lang="fr"), "chrf": CHRF, "ter": TER}


def _sacrebleu(name: str, test_type: str, n: int):
    """sacreBLEU's own PairedTest (seed: SACREBLEU_SEED's default, 12345)."""
    test = PairedTest([("base", BASE), ("cand", CAND)], {name: SACREBLEU[name]()}, [REFERENCES],
                      test_type=test_type, n_samples=n, n_ar_confidence=-1)
    _, scores = test()
    key = next(k for k in scores if k != "System")
    return scores[key][0], scores[key][1]


@pytest.mark.parametrize("name", ["bleu", "chrf", "ter"])
def test_paired_bootstrap_equals_sacrebleu(name, monkeypatch):
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    base, cand = _sacrebleu(name, "bs", 1000)
    result = paired_tests([sentence_statistic(name, {"base": BASE, "cand": CAND}, REFERENCES, "fr")],
                          "base", ["cand"], ar_trials=0)
    paired = result.comparison("cand", name)
    assert paired.baseline_value == pytest.approx(base.score, abs=1e-9)
    assert paired.candidate_value == pytest.approx(cand.score, abs=1e-9)
    assert paired.p_bootstrap == cand.p_value
    # sacreBLEU prints mean ± half the width between the same two order statistics.
    for system, expected in (("base", base), ("cand", cand)):
        estimate = result.estimate(system, name)
        assert (estimate.ci_high - estimate.ci_low) / 2 == pytest.approx(expected.ci, abs=1e-5)
        assert estimate.ci_low <= estimate.value <= estimate.ci_high


@pytest.mark.parametrize("name", ["bleu", "chrf"])
def test_approximate_randomization_equals_sacrebleu(name, monkeypatch):
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    _, cand = _sacrebleu(name, "ar", 2000)
    result = paired_tests([sentence_statistic(name, {"base": BASE, "cand": CAND}, REFERENCES, "fr")],
                          "base", ["cand"], ar_trials=2000)
    assert result.comparison("cand", name).p_randomization == cand.p_value


def test_ties_count_towards_the_p_value(monkeypatch):
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    # TER's edit counts are integers: some AR trials tie the observed difference exactly.
    # sacreBLEU counts only larger differences; evalkit counts ties too, so its p is never smaller.
    _, cand = _sacrebleu("ter", "ar", 2000)
    result = paired_tests([sentence_statistic("ter", {"base": BASE, "cand": CAND}, REFERENCES, "fr")],
                          "base", ["cand"], ar_trials=2000)
    assert result.comparison("cand", "ter").p_randomization >= cand.p_value


def test_system_against_itself_has_difference_zero_and_p_one():
    stat = sentence_statistic("bleu", {"base": BASE, "copy": list(BASE)}, REFERENCES, "fr")
    paired = paired_tests([stat], "base", ["copy"], ar_trials=500).comparison("copy", "bleu")
    assert paired.difference == 0.0
    assert (paired.ci_low, paired.ci_high) == (0.0, 0.0)
    assert paired.p_bootstrap == 1.0 and paired.p_randomization == 1.0
    assert paired.verdict() == "n.s."


def test_direction_of_ter_decides_better_and_worse():
    stat = sentence_statistic("ter", {"base": BASE, "cand": CAND}, REFERENCES, "fr")
    worse = paired_tests([stat], "base", ["cand"], ar_trials=0).comparison("cand", "ter")
    assert worse.difference > 0 and worse.improvement < 0 and worse.verdict() == "worse"
    better = paired_tests([stat], "cand", ["base"], ar_trials=0).comparison("base", "ter")
    assert better.difference < 0 and better.improvement > 0 and better.verdict() == "better"


def test_results_are_deterministic_and_follow_the_seed():
    stat = sentence_statistic("chrf", {"base": BASE, "cand": CAND}, REFERENCES, "fr")
    first = paired_tests([stat], "base", ["cand"], ar_trials=100)
    assert paired_tests([stat], "base", ["cand"], ar_trials=100) == first
    other = paired_tests([stat], "base", ["cand"], ar_trials=100, seed=7)
    assert other.estimate("cand", "chrf") != first.estimate("cand", "chrf")
    assert first.signatures["chrf"].endswith("|unit:segments|bs:1000|ar:100|seed:12345")


def test_every_statistic_shares_the_same_resamples():
    # A mean (COMET's aggregation) resampled with the indices sacreBLEU draws: default_rng(seed).choice.
    values = np.array([0.1, 0.9, 0.4, 0.7, 0.3, 0.8, 0.2, 0.6])
    rows = {"sys": np.column_stack([values, np.ones_like(values)])}
    stat = Statistic("comet", "metric", True, "comet|model:test", rows, lambda t: t[0] / t[1])
    estimate = paired_tests([stat], "sys", [], resamples=400, seed=3).estimate("sys", "comet")
    idx = np.random.default_rng(3).choice(len(values), size=(400, len(values)), replace=True)
    means = np.sort(values[idx].mean(axis=1))
    assert estimate.value == pytest.approx(values.mean())
    assert estimate.ci_low == pytest.approx(means[400 // 40])
    assert estimate.ci_high == pytest.approx(means[400 - 400 // 40 - 1])


def test_bad_settings_are_refused():
    stat = sentence_statistic("bleu", {"base": BASE}, REFERENCES, "fr")
    with pytest.raises(UsageError, match="resamples"):
        paired_tests([stat], "base", [], resamples=0)
    with pytest.raises(UsageError, match="unknown metric 'blue'"):
        sentence_statistic("blue", {"base": BASE}, REFERENCES)


# -- statistics from a pipeline run ---------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory) -> RunResult:
    from tests.conftest import write_corpus

    corpus = load_corpus(write_corpus(tmp_path_factory.mktemp("stats") / "tiny"))
    return evaluate_corpus(corpus, RunOptions(flags=False, cache=False))


def test_summed_statistics_give_the_pipelines_corpus_scores(tiny_run):
    systems = ["good", "poor"]
    for unit, n in (("segments", 4), ("documents", 2)):
        units = resampling_units(tiny_run, systems, unit)
        assert len(units) == n
        for name in tiny_run.metrics:
            stat = metric_statistic(tiny_run, units, systems, name)
            for s in tiny_run.systems:
                assert stat.value(s.system) == pytest.approx(s.scores[name].value, abs=1e-9), (unit, name)


def _segment(index, source, hypothesis, kind="1-1"):
    return AlignedSegment(index, kind, tuple(source), tuple(hypothesis), tuple(source),
                          "src", "hyp" if hypothesis else "", "ref")


def _document(system, doc_id, segments, **fields):
    return DocumentResult("c", system, doc_id, "", "en", "fr", fields.pop("scores", {}),
                          fields.pop("words", {"hypothesis": 10}), tuple(segments), **fields)


def _run(documents, systems) -> RunResult:
    return RunResult("c", "en", "fr", ("comet",), tuple(documents), tuple(systems), {})


def test_units_join_what_any_system_aligns_together():
    # a: three 1-1 links and an insertion; b: a 2-1 link over the first two sentences and an omission.
    a = _document("a", "d", [_segment(0, [(0, 10)], [(0, 9)]), _segment(1, [(11, 20)], [(10, 19)]),
                             _segment(2, [], [(20, 30)], "0-1"), _segment(3, [(21, 30)], [(31, 40)])])
    b = _document("b", "d", [_segment(0, [(0, 10), (11, 20)], [(0, 19)], "2-1"),
                             _segment(1, [(21, 30)], [], "1-0")])
    run = _run([a, b], [])
    units = resampling_units(run, ["a", "b"])
    assert units.labels == (("d", 0), ("d", 1))
    assert units.assignment[("a", "d")] == (0, 0, 0, 1)   # the insertion joins the unit before it
    assert units.assignment[("b", "d")] == (0, 1)
    assert resampling_units(run, ["a", "b"], "documents").assignment[("a", "d")] == (0, 0, 0, 0)
    with pytest.raises(UsageError, match="unknown resampling unit"):
        resampling_units(run, ["a"], "sentences")


def test_comet_means_and_missing_comet():
    segments = [_segment(0, [(0, 5)], [(0, 5)]), _segment(1, [(6, 9)], [], "1-0"),
                _segment(2, [(10, 15)], [(6, 12)])]
    a = _document("a", "d", segments, segment_scores={"comet": [0.5, None, 0.75]})
    b = _document("b", "d", segments, segment_scores={"comet": [0.25, None, 0.5]})
    systems = [SystemResult("a", {"comet": Score("comet", 0.625, "comet|model:x", "aligned-segments", 2)}, 1),
               SystemResult("b", {"comet": Score("comet", 0.375, "comet|model:x", "aligned-segments", 2)}, 1)]
    run = _run([a, b], systems)
    units = resampling_units(run, ["a", "b"])
    stat = metric_statistic(run, units, ["a", "b"], "comet")
    assert (stat.value("a"), stat.value("b")) == (0.625, 0.375)
    paired = paired_tests([stat], "a", ["b"]).comparison("b", "comet")
    assert paired.difference == -0.25 and paired.p_randomization is None   # sacreBLEU has no AR for COMET

    offline = [SystemResult(s.system, {"comet": Score("comet", None, "comet|model:x", "aligned-segments",
                                                      error="model not available offline")}, 1)
               for s in systems]
    run = _run([a, b], offline)
    stat = metric_statistic(run, units, ["a", "b"], "comet")
    result = paired_tests([stat], "a", ["b"])
    assert result.estimate("a", "comet").error == "model not available offline"
    assert result.comparison("b", "comet").verdict() == "not computed"


def test_flag_counts_and_mqm_rate_per_unit():
    segments = [_segment(0, [(0, 10)], [(0, 10)]), _segment(1, [(11, 20)], [(11, 25)])]
    flags = (Flag(3, 6, "accuracy/untranslated", "major", "xyz", "t"),
             Flag(10, 11, "fluency/punctuation", "minor", " ", "t"),      # between segments: the one before
             Flag(15, 20, "accuracy/untranslated", "minor", "abcde", "t"))
    mqm = mqm_penalty(flags, 20)
    a = _document("a", "d", segments, words={"hypothesis": 20}, flags=flags, mqm=mqm)
    b = _document("b", "d", segments, words={"hypothesis": 20}, flags=(), mqm=mqm_penalty((), 20))
    run = _run([a, b], [])
    units = resampling_units(run, ["a", "b"])
    stats = {s.name: s for s in flag_statistics(run, units, ["a", "b"])}
    assert sorted(stats) == ["accuracy/untranslated", "fluency/punctuation", "mqm"]
    assert stats["accuracy/untranslated"].rows["a"].ravel().tolist() == [1.0, 1.0]
    assert stats["fluency/punctuation"].rows["a"].ravel().tolist() == [1.0, 0.0]
    assert stats["mqm"].value("a") == pytest.approx(mqm.penalty_per_100_words)   # (5 + 1 + 1) / 20 words
    assert stats["mqm"].value("b") == 0.0
    paired = paired_tests(list(stats.values()), "b", ["a"]).comparison("a", "accuracy/untranslated")
    assert paired.difference == 2.0 and not paired.higher_is_better and paired.p_randomization is None
