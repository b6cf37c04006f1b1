"""The pipeline's scores from sufficient statistics equal sacreBLEU's own, at every level.

Segment scores are sacreBLEU's sentence_score, document and corpus scores its corpus_score on
the same aligned segments (expected values computed with sacreBLEU itself); a streamed run
(reports written per document) keeps statistics, not segments, and scores the same.
"""

from __future__ import annotations

import pytest
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER

from evalkit.corpus import load_corpus
from evalkit.metrics import get_metric
from evalkit.metrics.sacrebleu_metrics import extract_statistics
from evalkit.pipeline import STAGES, RunOptions, evaluate_corpus

from .conftest import BUNDLED

REFERENCE_TOOL = {
    "bleu": (lambda: BLEU(trg_lang="fr"), lambda: BLEU(trg_lang="fr", effective_order=True)),
    "chrf": (CHRF, CHRF),
    "chrf++": (lambda: CHRF(word_order=2), lambda: CHRF(word_order=2)),
    "ter": (TER, TER),
}


@pytest.fixture(scope="module")
def bundled_result():
    return evaluate_corpus(load_corpus(BUNDLED), RunOptions(flags=False))


@pytest.mark.parametrize("name", list(REFERENCE_TOOL))
def test_every_level_equals_sacrebleu(bundled_result, name):
    corpus_metric, sentence_metric = (make() for make in REFERENCE_TOOL[name])
    for system in bundled_result.systems:
        pooled_h: list[str] = []
        pooled_r: list[str] = []
        for doc in (d for d in bundled_result.documents if d.system == system.system):
            hyps = [s.hypothesis for s in doc.segments]
            refs = [s.reference for s in doc.segments]
            assert doc.scores[name].value == corpus_metric.corpus_score(hyps, [refs]).score
            expected = [sentence_metric.sentence_score(h, [r]).score if s.hypothesis_spans and s.reference_spans
                        else None for h, r, s in zip(hyps, refs, doc.segments)]
            assert doc.segment_scores[name] == expected
            pooled_h += hyps
            pooled_r += refs
        assert system.scores[name].value == corpus_metric.corpus_score(pooled_h, [pooled_r]).score
        assert system.scores[name].n == len(pooled_h)


def test_chrf_statistics_are_sliced_from_chrf_plus_plus():
    metrics = {n: get_metric(n, target_lang="fr") for n in ("chrf", "chrf++")}
    hyps, refs = ["Le chat dort sur le tapis.", ""], ["Le chat dormait sur le tapis.", "Il pleut."]
    stats = extract_statistics(metrics, hyps, refs)
    assert stats["chrf"] == metrics["chrf"].sufficient_statistics(hyps, refs)
    assert stats["chrf"] == [row[:18] for row in stats["chrf++"]]
    assert metrics["chrf"].segment_score_from_statistics(stats["chrf"][0]) == \
        sacrebleu.sentence_chrf(hyps[0], [refs[0]]).score


def test_streamed_run_keeps_statistics_not_segments(bundled_result):
    seen = []
    timings: dict[str, float] = {}
    streamed = evaluate_corpus(load_corpus(BUNDLED), RunOptions(flags=False),
                               on_document=lambda shell, doc: seen.append(len(doc.segments)), timings=timings)
    assert len(seen) == len(streamed.documents) and all(seen)
    assert all(d.segments == () and d.segment_scores == {} for d in streamed.documents)
    assert [s.scores for s in streamed.systems] == [s.scores for s in bundled_result.systems]
    assert [d.scores for d in streamed.documents] == [d.scores for d in bundled_result.documents]
    assert [d.statistics for d in streamed.documents] == [d.statistics for d in bundled_result.documents]
    assert set(timings) == set(STAGES) and timings["align"] > 0 and timings["reports"] >= 0
    kept = evaluate_corpus(load_corpus(BUNDLED), RunOptions(flags=False, keep_segments=True, systems=("copy-source",)),
                           on_document=lambda shell, doc: None)
    assert all(d.segments for d in kept.documents)


def test_streamed_run_spools_its_documents_to_disk():
    """With `on_document`, the light results wait in a temporary file, not in memory, and read
    back equal to a run that keeps them (flags, MQM and statistics included)."""
    import pickle
    from dataclasses import replace

    from evalkit.results import SpooledDocuments

    options = RunOptions(systems=("web-spinner-mt", "copy-source"))
    kept = evaluate_corpus(load_corpus(BUNDLED), options)
    streamed = evaluate_corpus(load_corpus(BUNDLED), options, on_document=lambda shell, doc: None)
    assert isinstance(streamed.documents, SpooledDocuments)
    light = [replace(d, segments=(), segment_scores={}) for d in kept.documents]
    assert list(streamed.documents) == light and streamed.documents == tuple(light)
    assert streamed.documents[-1] == light[-1] and streamed.documents[1:3] == tuple(light[1:3])
    assert streamed.systems == kept.systems
    assert any(d.flags for d in streamed.documents)
    assert pickle.loads(pickle.dumps(streamed)).documents == tuple(light)


def test_document_statistics_resum_to_the_corpus_score(bundled_result):
    for system in bundled_result.systems:
        metric = get_metric("bleu", target_lang="fr")
        rows = [d.statistics["bleu"] for d in bundled_result.documents if d.system == system.system]
        assert metric.score_from_statistics(rows) == system.scores["bleu"].value


def test_document_unit_scores_whole_texts():
    corpus = load_corpus(BUNDLED)
    result = evaluate_corpus(corpus, RunOptions(flags=False, unit="document", metrics=("chrf",),
                                                systems=("web-spinner-mt",)))
    flat = [(" ".join(d.hypotheses["web-spinner-mt"].split()), " ".join(d.reference.split())) for d in corpus]
    expected = sacrebleu.corpus_chrf([h for h, _ in flat], [[r for _, r in flat]]).score
    assert result.systems[0].scores["chrf"].value == expected
    assert result.systems[0].scores["chrf"].unit == "document"
    assert all(d.segments == () for d in result.documents)


def test_unknown_engine_is_refused():
    from evalkit.errors import UsageError

    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        RunOptions(engine="spark")
