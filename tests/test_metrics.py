"""evalkit's sacreBLEU metrics give exactly what sacreBLEU gives, with its signatures."""

import pytest
import sacrebleu

from evalkit.errors import UsageError
from evalkit.metrics import DEFAULT_METRICS, METRICS, get_metric

HYPS = ["Le chat est assis sur le tapis.", "Il pleut depuis hier soir."]
REFS = ["Le chat était assis sur le tapis.", "Il pleut depuis hier au soir."]


@pytest.mark.parametrize("name, reference", [
    ("bleu", lambda: sacrebleu.corpus_bleu(HYPS, [REFS])),
    ("chrf", lambda: sacrebleu.corpus_chrf(HYPS, [REFS])),
    ("chrf++", lambda: sacrebleu.corpus_chrf(HYPS, [REFS], word_order=2)),
    ("ter", lambda: sacrebleu.corpus_ter(HYPS, [REFS])),
])
def test_corpus_scores_equal_sacrebleu(name, reference):
    # Expected values come from sacreBLEU's own functional API on the same input.
    score = get_metric(name, target_lang="fr").corpus_score(HYPS, REFS)
    assert score.value == pytest.approx(reference().score, abs=1e-9)
    assert score.n == 2


def test_segment_bleu_uses_effective_order_like_sacrebleu():
    metric = get_metric("bleu", target_lang="fr")
    expected = [sacrebleu.sentence_bleu(h, [r]).score for h, r in zip(HYPS, REFS)]
    assert metric.segment_scores(HYPS, REFS) == pytest.approx(expected)
    assert "eff:yes" in metric.segment_signature()
    assert "eff:no" in metric.signature()


def test_signatures_name_settings_and_version():
    for name in DEFAULT_METRICS:
        signature = get_metric(name, target_lang="fr").signature()
        assert f"version:{sacrebleu.__version__}" in signature
        assert signature.startswith("nrefs:1|")


def test_bleu_tokenizer_follows_target_language():
    assert "tok:zh" in get_metric("bleu", target_lang="zh").signature()
    assert "tok:13a" in get_metric("bleu", target_lang="fr").signature()


@pytest.mark.parametrize("name", DEFAULT_METRICS)
def test_higher_is_better_is_a_fact_not_a_label(name):
    # A perfect hypothesis must score better than a bad one in the declared direction.
    metric = get_metric(name, target_lang="fr")
    perfect = metric.corpus_score(REFS, REFS).value
    bad = metric.corpus_score(["Tout autre chose ici.", "Rien à voir."], REFS).value
    declared = METRICS.entry(name).meta["higher_is_better"]
    assert declared == metric.higher_is_better
    assert (perfect > bad) == declared


def test_statistics_resum_to_the_corpus_score():
    metric = get_metric("bleu", target_lang="fr")
    stats = metric.sufficient_statistics(HYPS, REFS)
    assert metric.score_from_statistics(stats) == pytest.approx(metric.corpus_score(HYPS, REFS).value)


def test_unknown_metric_suggests_a_name():
    with pytest.raises(UsageError, match="Did you mean 'bleu'"):
        get_metric("blue")


def test_length_mismatch_is_refused():
    with pytest.raises(UsageError, match="2 hypotheses but 1 references"):
        get_metric("chrf").corpus_score(HYPS, REFS[:1])
