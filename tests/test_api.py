"""evalkit/api.py: `evaluate(...)` and its DataFrames, checked against sacreBLEU run in the test."""

from __future__ import annotations

import pytest
import sacrebleu

from evalkit.api import Evaluation, evaluate
from evalkit.corpus import default_corpus, load_corpus

from .conftest import BUNDLED, REFERENCES, SYSTEMS


@pytest.fixture
def tiny_evaluation(tiny_corpus) -> Evaluation:
    return evaluate(tiny_corpus, metrics=("bleu", "chrf"), flags=False)


def test_document_scores_are_sacrebleus_corpus_scores_of_the_aligned_rows(tiny_evaluation):
    segments = tiny_evaluation.segments
    for row in tiny_evaluation.documents.itertuples():
        rows = segments[(segments.system == row.system) & (segments.doc_id == row.doc_id)]
        hyps, refs = list(rows.hypothesis), [list(rows.reference)]
        assert row.bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, refs).score, abs=1e-9)
        assert row.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, refs).score, abs=1e-9)


def test_the_frames_hold_every_system_and_document(tiny_evaluation):
    assert sorted(zip(tiny_evaluation.documents.system, tiny_evaluation.documents.doc_id)) == [
        ("good", "doc-a"), ("good", "doc-b"), ("poor", "doc-a"), ("poor", "doc-b")]
    systems = tiny_evaluation.systems.set_index("system")
    assert list(systems.index) == ["good", "poor"] and list(systems.documents) == [2, 2]
    assert systems.bleu["good"] > systems.bleu["poor"]
    assert tiny_evaluation.flags.empty and "detector" in tiny_evaluation.flags.columns   # flags=False
    assert tiny_evaluation.result.metrics == ("bleu", "chrf")


def test_document_unit_scores_whole_texts(tiny_corpus):
    ev = evaluate(tiny_corpus, metrics=("bleu",), flags=False, unit="document")
    for row in ev.documents.itertuples():
        hyp = " ".join(SYSTEMS[row.system][row.doc_id].split())
        ref = " ".join(REFERENCES[row.doc_id].split())
        assert row.bleu == pytest.approx(sacrebleu.corpus_bleu([hyp], [[ref]]).score, abs=1e-9)
    assert {s.unit for d in ev.result.documents for s in d.scores.values()} == {"document"}


def test_unit_spellings_agree(tiny_corpus):
    new = evaluate(tiny_corpus, metrics=("bleu",), flags=False, unit="segment")
    old = evaluate(tiny_corpus, metrics=("bleu",), flags=False, unit="aligned")
    assert new.documents.equals(old.documents)


def test_extra_systems_and_a_system_subset(tiny_corpus, tmp_path):
    extra = tmp_path / "copy"
    extra.mkdir()
    for doc_id, text in REFERENCES.items():
        (extra / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    ev = evaluate(tiny_corpus, systems=["copy", "poor"], extra_systems={"copy": extra}, metrics=("bleu",),
                  flags=False)
    systems = ev.systems.set_index("system")
    assert list(systems.index) == ["copy", "poor"]
    assert systems.bleu["copy"] == pytest.approx(100.0)   # the reference itself: sacreBLEU's maximum


def test_a_loaded_corpus_is_taken_as_is(tiny_corpus):
    corpus = load_corpus(tiny_corpus, systems=["good"])
    ev = evaluate(corpus, metrics=("bleu",), flags=False)
    assert ev.corpus is corpus and list(ev.systems.system) == ["good"]


def test_no_corpus_means_the_bundled_one():
    assert default_corpus().resolve() == BUNDLED.resolve()
    ev = evaluate(systems=["copy-source"], metrics=("bleu",), flags=False)
    assert ev.result.corpus == load_corpus(BUNDLED).name
    assert len(ev.documents) == len(load_corpus(BUNDLED))


def test_to_dataset_refuses_an_unknown_level(tiny_evaluation):
    with pytest.raises(ValueError, match="level must be 'documents' or 'segments', not 'rows'"):
        tiny_evaluation.to_dataset("rows")
