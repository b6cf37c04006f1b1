"""The Dask engine gives the in-process engine's results: same RunResult, same report bytes.

The cluster is a 2-worker LocalCluster with threads (processes=False): starting worker
processes costs seconds each and tests nothing the scheduler protocol does not already test
(every task and result is still serialised, sent and scheduled).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.corpus import load_corpus
from evalkit.engine import DaskEngine
from evalkit.errors import UsageError
from evalkit.pipeline import RunOptions, evaluate_corpus
from evalkit.report import write_reports

from .conftest import BUNDLED, REFERENCES, SOURCES, SYSTEMS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_bundled_corpus_same_results_and_report_bytes(scheduler, tmp_path):
    corpus = load_corpus(BUNDLED)
    local = evaluate_corpus(corpus, RunOptions())
    dask = evaluate_corpus(corpus, RunOptions(engine="dask", scheduler=scheduler))
    assert dask == local
    write_reports(local, tmp_path / "local")
    write_reports(dask, tmp_path / "dask")
    local_files, dask_files = _files(tmp_path / "local"), _files(tmp_path / "dask")
    assert len(local_files) > 40
    assert dask_files == local_files


def test_cli_run_on_a_scheduler_writes_the_same_reports(scheduler, tiny_corpus, tmp_path):
    assert main(["-q", "run", str(tiny_corpus), "--no-comet", "--out", str(tmp_path / "local")]) == 0
    assert main(["-q", "run", str(tiny_corpus), "--no-comet", "--engine", "dask", "--scheduler", scheduler,
                 "--out", str(tmp_path / "dask")]) == 0
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    # the workers write the per-document reports (they see the output folder here)
    assert main(["-q", "run", str(tiny_corpus), "--no-comet", "--engine", "dask", "--scheduler", scheduler,
                 "--reports-on-workers", "--out", str(tmp_path / "workers")]) == 0
    assert _files(tmp_path / "workers") == _files(tmp_path / "local")


def test_workers_write_reports_and_send_back_light_results(scheduler, tmp_path):
    """With `reports_to`, the process that scores a document writes its reports and returns it
    without segments: the same files and the same RunResult as writing them in this process."""
    from dataclasses import replace

    corpus = load_corpus(BUNDLED)
    kept = evaluate_corpus(corpus, RunOptions())
    seen = []
    for name, options in [("here", RunOptions(engine="dask", scheduler=scheduler)),
                          ("workers", RunOptions(engine="dask", scheduler=scheduler, reports_on_workers=True)),
                          ("pool", RunOptions(workers=2))]:
        result = evaluate_corpus(corpus, options, on_document=lambda shell, doc, name=name: seen.append((name, doc)),
                                 reports_to=tmp_path / name)
        assert list(result.documents) == [replace(d, segments=(), segment_scores={}) for d in kept.documents]
        assert result.systems == kept.systems
    arrived = {name: [d for n, d in seen if n == name] for name in ("here", "workers", "pool")}
    assert all(d.segments for d in arrived["here"])               # written in this process from them
    assert not any(d.segments for d in arrived["workers"] + arrived["pool"])  # written where scored
    write_reports(kept, tmp_path / "reference")
    expected = {k: v for k, v in _files(tmp_path / "reference").items() if not k.endswith(("summary.csv", "summary.json", "index.html"))}
    for name in ("here", "workers", "pool"):
        assert _files(tmp_path / name) == expected


def test_dask_tasks_carry_several_documents(scheduler):
    from evalkit.engine import DaskEngine
    from evalkit.pipeline import DocumentPlan, score_document

    corpus = load_corpus(BUNDLED)
    plan = DocumentPlan(corpus="c", source_lang="en", target_lang="fr", systems=("web-spinner-mt",),
                        metrics=("bleu",), flags=False)
    with DaskEngine(scheduler, batch=3) as engine:
        outcomes = list(engine.map(score_document, corpus.documents, plan))
    assert sorted(o.index for o in outcomes) == list(range(len(corpus)))
    assert [o.results[0].scores["bleu"] for o in sorted(outcomes, key=lambda o: o.index)] == \
        [score_document(i, d, plan).results[0].scores["bleu"] for i, d in enumerate(corpus.documents)]


def test_comet_is_scored_on_the_workers_with_one_model_per_process(scheduler, tiny_corpus, tmp_path):
    from evalkit import model_scores
    from tests.comet_fixture import build_tiny_comet

    texts = list(SOURCES.values()) + list(REFERENCES.values()) + [t for d in SYSTEMS.values() for t in d.values()]
    checkpoint = build_tiny_comet(tmp_path / "comet", texts)
    corpus = load_corpus(tiny_corpus)
    options = RunOptions(comet=True, comet_model=str(checkpoint), cache=False, gpus=0, flags=False)
    local = evaluate_corpus(corpus, options)
    model_scores.worker_metric.cache_clear()
    dask = evaluate_corpus(corpus, RunOptions(**{**options.__dict__, "engine": "dask", "scheduler": scheduler}))
    # Both workers are threads of this process: one model for the two.
    assert model_scores.worker_metric.cache_info().currsize == 1
    for a, b in zip(local.documents, dask.documents):
        assert b.scores["comet"].value == pytest.approx(a.scores["comet"].value, abs=1e-6)
        assert b.segment_scores["comet"] == pytest.approx(a.segment_scores["comet"], abs=1e-6)
    for a, b in zip(local.systems, dask.systems):
        assert b.scores["comet"].value == pytest.approx(a.scores["comet"].value, abs=1e-6)
        assert (b.scores["comet"].n, b.scores["comet"].signature) == (a.scores["comet"].n, a.scores["comet"].signature)


def test_unreachable_scheduler_is_a_usage_error():
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with DaskEngine("tcp://127.0.0.1:9", timeout="1s"):
            pass


def test_local_process_pool_gives_the_same_results_and_report_bytes(tmp_path):
    # --workers 2 with the local engine: two fork-server processes, documents in completion order.
    corpus = load_corpus(BUNDLED)
    single = evaluate_corpus(corpus, RunOptions())
    pooled = evaluate_corpus(corpus, RunOptions(workers=2))
    assert pooled == single
    assert main(["-q", "run", str(BUNDLED), "--no-comet", "--out", str(tmp_path / "one")]) == 0
    assert main(["-q", "run", str(BUNDLED), "--no-comet", "--workers", "2", "--out", str(tmp_path / "two")]) == 0
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert len(_files(tmp_path / "one")) > 40
