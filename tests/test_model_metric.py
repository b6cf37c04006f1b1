"""A model metric that is not COMET goes the way COMET goes: batching, the score cache, the reports.

The metric (tests/tiny_model_metric.py) is written for these tests and registered here with one
line; nothing else in evalkit knows it. Its expected scores are computed by calling the metric
itself on the aligned segments the run reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from evalkit.corpus import load_corpus
from evalkit.errors import UsageError
from evalkit.metrics import METRICS, MODEL, metric_kind
from evalkit.options import merge_metric_options, parse_metric_option
from evalkit.pipeline import RunOptions, evaluate_corpus
from evalkit.report import write_reports

from .tiny_model_metric import TinyOverlap, write_weights

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "evalkit" / "schemas" / "document-report.schema.json").read_text(encoding="utf-8"))
NAME = "tiny-overlap"


@pytest.fixture
def registered():
    METRICS.register(NAME, "tests.tiny_model_metric:TinyOverlap", higher_is_better=True)   # the registry line
    TinyOverlap.calls.clear()
    yield
    METRICS.unregister(NAME)


def _options(weights: Path, cache: Path | bool, **fields) -> RunOptions:
    return RunOptions(metrics=("bleu", NAME), model_options={NAME: {"model": str(weights)}}, cache=str(cache)
                      if isinstance(cache, Path) else cache, flags=False, **fields)


def test_scored_in_one_batch_per_system_then_read_from_the_cache(registered, tiny_corpus, tmp_path):
    weights, cache = write_weights(tmp_path / "w.json"), tmp_path / "scores.sqlite3"
    assert metric_kind(NAME) == MODEL
    corpus = load_corpus(tiny_corpus)
    first = evaluate_corpus(corpus, _options(weights, cache))
    # two documents of two aligned segments, both systems: one call per system (in-process batching)
    assert TinyOverlap.calls == [4, 4]
    metric = TinyOverlap(str(weights), cache=None)
    for doc in first.documents:
        rows = doc.segments
        expected = metric.segment_scores([r.hypothesis for r in rows], [r.reference for r in rows],
                                         [r.source for r in rows])
        assert doc.segment_scores[NAME] == pytest.approx(expected, abs=1e-12)
        score = doc.scores[NAME]
        assert score.value == pytest.approx(sum(expected) / len(expected), abs=1e-12)
        assert (score.n, score.unit, score.signature) == (2, "aligned-segments", metric.signature())
    for system in first.systems:
        values = [v for d in first.documents if d.system == system.system for v in d.segment_scores[NAME]]
        assert system.scores[NAME].value == pytest.approx(sum(values) / len(values), abs=1e-12)
        assert system.scores[NAME].n == 4
    TinyOverlap.calls.clear()
    second = evaluate_corpus(corpus, _options(weights, cache))
    assert TinyOverlap.calls == []                     # every segment came from the cache
    assert [d.scores for d in second.documents] == [d.scores for d in first.documents]
    assert [s.scores for s in second.systems] == [s.scores for s in first.systems]


def test_the_cache_is_keyed_by_the_model_signature(registered, tiny_corpus, tmp_path):
    cache = tmp_path / "scores.sqlite3"
    corpus = load_corpus(tiny_corpus)
    before = evaluate_corpus(corpus, _options(write_weights(tmp_path / "w.json"), cache))
    TinyOverlap.calls.clear()
    changed = write_weights(tmp_path / "w.json", {"bias": 0.0, "overlap": 1.0, "length": 0.0})
    after = evaluate_corpus(corpus, _options(changed, cache))
    assert TinyOverlap.calls == [4, 4]                 # new weights, new signature: nothing cached
    assert after.systems[0].scores[NAME].signature != before.systems[0].scores[NAME].signature
    assert after.systems[0].scores[NAME].value != before.systems[0].scores[NAME].value


def test_reports_carry_it_as_they_carry_comet(registered, tiny_corpus, tmp_path):
    weights = write_weights(tmp_path / "w.json")
    result = evaluate_corpus(load_corpus(tiny_corpus), _options(weights, False))
    write_reports(result, tmp_path / "out")
    for name in ("good/doc-a", "good/doc-b", "poor/doc-a", "poor/doc-b"):
        report = json.loads((tmp_path / "out" / "tiny" / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(report, SCHEMA)
        score = report["scores"][NAME]
        assert isinstance(score["value"], float) and score["n"] == 2
        assert score["signature"].startswith("tiny-overlap|model:w.json|weights:")
        assert all(isinstance(s["scores"][NAME], float) for s in report["segments"])
        # shown with a model metric's decimals (4, as COMET's), not the 2 of BLEU and chrF
        page = (tmp_path / "out" / "tiny" / f"{name}.html").read_text(encoding="utf-8")
        assert f"{score['value']:.4f}" in page
    summary = json.loads((tmp_path / "out" / "tiny" / "summary.json").read_text(encoding="utf-8"))
    assert summary["systems"]["good"][NAME]["value"] > summary["systems"]["poor"][NAME]["value"]


def test_streamed_run_and_document_unit(registered, tiny_corpus, tmp_path):
    weights = write_weights(tmp_path / "w.json")
    corpus = load_corpus(tiny_corpus)
    seen = []
    streamed = evaluate_corpus(corpus, _options(weights, False), on_document=lambda shell, doc: seen.append(doc))
    assert all(NAME in doc.scores and NAME in doc.segment_scores for doc in seen)
    kept = evaluate_corpus(corpus, _options(weights, False))
    assert [s.scores for s in streamed.systems] == [s.scores for s in kept.systems]
    whole = evaluate_corpus(corpus, _options(weights, False, unit="document"))
    assert {d.scores[NAME].unit for d in whole.documents} == {"document"}
    assert all(d.scores[NAME].n == 1 for d in whole.documents)


def test_a_model_that_cannot_be_had_is_a_note_not_a_crash(registered, tiny_corpus, tmp_path):
    result = evaluate_corpus(load_corpus(tiny_corpus), _options(tmp_path / "missing.json", False))
    assert result.systems[0].scores["bleu"].value is not None
    score = result.systems[0].scores[NAME]
    assert score.value is None and "could not be loaded" in score.error
    assert score.signature == f"tiny-overlap|model:{tmp_path / 'missing.json'}"
    assert any(note.startswith("TINY-OVERLAP not computed: tiny-overlap model") for note in result.notes)


def test_options_reach_it_from_python_and_the_command_line_form(registered, tiny_corpus, tmp_path):
    weights = write_weights(tmp_path / "w.json")
    corpus = load_corpus(tiny_corpus)
    items = [parse_metric_option(f"{NAME}.model={weights}"), parse_metric_option(f"{NAME}.scale=2")]
    assert items[1] == (NAME, "scale", 2)
    doubled = evaluate_corpus(corpus, RunOptions(metrics=(NAME,), model_options=merge_metric_options(items),
                                                 cache=False, flags=False))
    plain = evaluate_corpus(corpus, _options(weights, False))
    assert doubled.systems[0].scores[NAME].value == pytest.approx(2 * plain.systems[0].scores[NAME].value)
    assert "|scale:2" in doubled.systems[0].scores[NAME].signature
    with pytest.raises(UsageError, match=r"metric 'tiny-overlap' has no option 'scael' \(options: batch_size, "
                                         r"gpus, model, progress, scale\)"):
        evaluate_corpus(corpus, RunOptions(metrics=(NAME,), model_options={NAME: {"scael": 2}}))
    with pytest.raises(UsageError, match="metric 'bleu' takes no options"):
        evaluate_corpus(corpus, RunOptions(metrics=(NAME,), model_options={"bleu": {"x": 1}}))
    with pytest.raises(UsageError, match="expected METRIC.OPTION=VALUE"):
        parse_metric_option("tiny-overlap=3")


def test_comet_options_are_aliases_of_model_options():
    assert RunOptions(comet_model="m", comet_batch_size=8).options_for("comet") == {"model": "m", "batch_size": 8}
    assert RunOptions(comet_model="m", model_options={"comet": {"model": "n"}}).options_for("comet") == \
        {"model": "n"}
    assert RunOptions().options_for("comet") == {}


def test_scored_on_dask_workers_as_in_process(registered, tiny_corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    from evalkit import model_scores

    weights = write_weights(tmp_path / "w.json")
    corpus = load_corpus(tiny_corpus)
    local = evaluate_corpus(corpus, _options(weights, False))
    model_scores.worker_metric.cache_clear()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        dask = evaluate_corpus(corpus, _options(weights, False, engine="dask", scheduler=cluster.scheduler_address))
    assert model_scores.worker_metric.cache_info().currsize == 1   # one model for the two worker threads
    assert [d.scores[NAME] for d in dask.documents] == [d.scores[NAME] for d in local.documents]
    assert [s.scores[NAME] for s in dask.systems] == [s.scores[NAME] for s in local.systems]


def test_metric_options_reach_it_from_the_command_line(registered, tiny_corpus, tmp_path, capsys):
    from evalkit.cli import main

    weights = write_weights(tmp_path / "w.json")
    argv = ["-q", "run", str(tiny_corpus), "--out", str(tmp_path / "out"), "--metrics", f"bleu,{NAME}",
            "--no-flags", "--no-cache", "--metric-option", f"{NAME}.model={weights}",
            "--metric-option", f"{NAME}.scale=2"]
    assert main(argv) == 0
    summary = json.loads((tmp_path / "out" / "tiny" / "summary.json").read_text(encoding="utf-8"))
    doubled = summary["systems"]["good"][NAME]
    plain = evaluate_corpus(load_corpus(tiny_corpus), _options(weights, False)).systems
    assert doubled["value"] == pytest.approx(2 * next(s for s in plain if s.system == "good").scores[NAME].value)
    assert "|scale:2" in doubled["signature"]
    with pytest.raises(SystemExit) as stop:
        main(["run", str(tiny_corpus), "--metric-option", "tiny-overlap=3"])
    assert stop.value.code == 2
    assert "expected METRIC.OPTION=VALUE" in capsys.readouterr().err


def _gate(tiny_corpus: Path, tmp_path: Path, *options: str) -> dict:
    from evalkit.cli import main

    out = tmp_path / "gate.json"
    assert main(["-q", "gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", "--no-flags",
                 "--no-cache", "--resamples", "100", "--json", str(out), "--markdown", str(tmp_path / "gate.md"),
                 *options]) == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_gate_checks_it_with_options_from_its_toml_file(registered, tiny_corpus, tmp_path):
    """`--max-drop tiny-overlap=X` and `[gate.metric_options.tiny-overlap]`: no edit to the gate, and
    the command line's --metric-option overrides the file's, key by key."""
    weights = write_weights(tmp_path / "w.json")
    config = tmp_path / "gate.toml"
    config.write_text(f"[gate.max_drop]\n{NAME} = 0\n\n[gate.metric_options.{NAME}]\n"
                      f"model = {json.dumps(str(weights))}\nscale = 2\n", encoding="utf-8")
    plain = {s.system: s.scores[NAME] for s in evaluate_corpus(load_corpus(tiny_corpus),
                                                                 _options(weights, False)).systems}
    verdict = _gate(tiny_corpus, tmp_path, "--config", str(config))
    (check,) = verdict["checks"]
    assert (check["name"], check["kind"], check["passed"]) == (NAME, "max-drop", False)
    assert check["baseline_value"] == pytest.approx(2 * plain["good"].value, abs=1e-6)
    assert check["candidate_value"] == pytest.approx(2 * plain["poor"].value, abs=1e-6)
    # the model's signature, then the resampling's
    assert verdict["signatures"][NAME].startswith(plain["good"].signature.replace("|scale:1", "|scale:2") + "|")
    # the Markdown shows it with a model metric's 4 decimals, from the registry
    assert f"| {check['baseline_value']:.4f} | {check['candidate_value']:.4f} |" in \
        (tmp_path / "gate.md").read_text(encoding="utf-8")
    overridden = _gate(tiny_corpus, tmp_path, "--config", str(config), "--metric-option", f"{NAME}.scale=3")
    assert overridden["checks"][0]["baseline_value"] == pytest.approx(3 * plain["good"].value, abs=1e-6)
    assert "|scale:3|" in overridden["signatures"][NAME]


def test_score_and_compare_take_it_in_metrics(registered, tiny_corpus, tmp_path, capsys):
    from evalkit.cli import main

    weights = write_weights(tmp_path / "w.json")
    model = ["--no-flags", "--no-cache", "--metric-option", f"{NAME}.model={weights}"]
    plain = {s.system: s.scores[NAME].value for s in evaluate_corpus(load_corpus(tiny_corpus),
                                                                      _options(weights, False)).systems}
    capsys.readouterr()
    assert main(["compare", str(tiny_corpus), "--metrics", f"bleu,{NAME}", "--no-comet", "--resamples", "100",
                 "--ar-trials", "0", "--format", "json", *model]) == 0
    comparisons = json.loads(capsys.readouterr().out)["significance"]["comparisons"]
    assert [c["statistic"] for c in comparisons] == ["bleu", NAME]
    assert comparisons[1]["candidate_value"] == pytest.approx(plain["poor"], abs=1e-6)
    sides = {}
    for side in ("source", "reference", "systems/good"):
        text = (tiny_corpus / side / "doc-a.txt").read_text(encoding="utf-8")
        sides[side] = tmp_path / side.replace("/", "-")
        sides[side].write_text(text.replace("\n\n", "\n"), encoding="utf-8")
    assert main(["score", "-s", str(sides["source"]), "-r", str(sides["reference"]),
                 "-t", f"good={sides['systems/good']}", "--src-lang", "en", "--tgt-lang", "fr",
                 "--metrics", f"{NAME},bleu", "--no-comet", "--format", "json", *model]) == 0
    scored = json.loads(capsys.readouterr().out)
    assert scored["metrics"] == [NAME, "bleu"]      # in the order given, a model metric like any other
    assert scored["systems"]["good"][NAME]["value"] == pytest.approx(   # the JSON keeps 6 decimals
        TinyOverlap(str(weights), cache=None).corpus_score(
            ["Le maire a inauguré le nouveau pont lundi.", "Il a coûté 12 millions d’euros."],
            ["Le maire a inauguré le nouveau pont lundi.", "Il a coûté 12 millions d’euros."],
            ["The mayor opened the new bridge on Monday.", "It cost 12 million euros."]).value, abs=1e-6)


def test_export_takes_its_options_as_run_does(registered, tiny_corpus, tmp_path):
    datasets = pytest.importorskip("datasets")
    from evalkit.cli import main

    weights = write_weights(tmp_path / "w.json")
    out = tmp_path / "export"
    assert main(["-q", "export", str(tiny_corpus), "--out", str(out), "--format", "jsonl", "--with-results",
                 "--metrics", f"bleu,{NAME}", "--no-comet", "--no-flags", "--no-cache",
                 "--metric-option", f"{NAME}.model={weights}", "--metric-option", f"{NAME}.scale=2"]) == 0
    documents = datasets.load_dataset(str(out), "documents", split="test")
    expected = {(d.system, d.doc_id): 2 * d.scores[NAME].value
                for d in evaluate_corpus(load_corpus(tiny_corpus), _options(weights, False)).documents}
    assert {(r["system"], r["doc_id"]): r[NAME] for r in documents} == pytest.approx(expected, abs=1e-6)
