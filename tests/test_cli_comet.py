"""`evalkit run --comet-model <tiny checkpoint>`: COMET in every report, then served from the cache."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from evalkit.corpus import load_corpus
from evalkit.pipeline import RunOptions, evaluate_corpus
from tests.comet_fixture import build_tiny_comet

from .conftest import REFERENCES, SOURCES, SYSTEMS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "evalkit" / "schemas" / "document-report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    texts = list(SOURCES.values()) + list(REFERENCES.values()) + \
        [t for docs in SYSTEMS.values() for t in docs.values()]
    return build_tiny_comet(tmp_path_factory.mktemp("comet"), texts)


def _run(args, tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    return subprocess.run([sys.executable, "-m", "evalkit", "-v", "run", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_comet_fills_every_report_and_second_run_uses_the_cache(tiny_corpus, checkpoint, tmp_path):
    cache = tmp_path / "scores.sqlite3"
    args = [str(tiny_corpus), "--comet-model", str(checkpoint), "--cache", str(cache), "--cpu"]
    first = _run(args + ["--out", str(tmp_path / "a")], tmp_path)
    assert first.returncode == 0, first.stderr
    # one COMET call per system, two aligned segments per document, two documents
    assert first.stderr.count("COMET: 0 segments from cache, 4 scored") == 2, first.stderr
    second = _run(args + ["--out", str(tmp_path / "b")], tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stderr.count("COMET: 4 segments from cache, 0 scored") == 2, second.stderr
    for name in ("good/doc-a", "good/doc-b", "poor/doc-a", "poor/doc-b"):
        a = json.loads((tmp_path / "a" / "tiny" / f"{name}.json").read_text(encoding="utf-8"))
        b = (tmp_path / "b" / "tiny" / f"{name}.json").read_text(encoding="utf-8")
        jsonschema.validate(a, SCHEMA)
        comet = a["scores"]["comet"]
        assert isinstance(comet["value"], float) and comet["n"] == 2
        assert comet["signature"].startswith("comet|model:")
        assert all(isinstance(s["scores"]["comet"], float) for s in a["segments"])
        # the cached run writes the same bytes
        assert (tmp_path / "a" / "tiny" / f"{name}.json").read_text(encoding="utf-8") == b
    summary = json.loads((tmp_path / "a" / "tiny" / "summary.json").read_text(encoding="utf-8"))
    assert summary["systems"]["good"]["comet"]["value"] is not None


def test_no_cache_reads_and_writes_no_cache(tiny_corpus, checkpoint, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(cache_dir))
    args = [str(tiny_corpus), "--comet-model", str(checkpoint), "--cpu", "--out", str(tmp_path / "out")]
    done = _run(args + ["--no-cache"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert not cache_dir.exists() or not any(cache_dir.iterdir())
    done = _run(args, tmp_path)  # the default cache lives in EVALKIT_CACHE_DIR
    assert done.returncode == 0, done.stderr
    assert any(cache_dir.iterdir())


@pytest.mark.parametrize("kind", ["referenceless-regression", "unified-mt-src"])
def test_reference_free_model_is_the_comet_metric_of_a_corpus_without_references(kind, tiny_corpus, tmp_path):
    """A QE model (COMET's ReferencelessRegression, or a CometKiwi-style UnifiedMetric reading MT and
    source) scores a corpus that has no references; run and score say `kind:qe` in the signature."""
    from tests.comet_fixture import build_tiny_xcomet

    texts = list(SOURCES.values()) + [t for docs in SYSTEMS.values() for t in docs.values()]
    folder = tmp_path / "qe"
    if kind == "referenceless-regression":
        build_tiny_comet(folder, texts, referenceless=True)
    else:
        build_tiny_xcomet(folder, texts, input_segments=["mt", "src"])
    shutil.rmtree(tiny_corpus / "reference")
    options = RunOptions(metrics=("comet",), model_options={"comet": {"model": str(folder)}}, cache=False, gpus=0)
    result = evaluate_corpus(load_corpus(tiny_corpus), options)
    for system in result.systems:
        comet = system.scores["comet"]
        assert isinstance(comet.value, float) and comet.signature.endswith("|kind:qe"), comet
    if kind == "referenceless-regression":
        return
    (tmp_path / "src.txt").write_text(SOURCES["doc-a"], encoding="utf-8")
    (tmp_path / "mt.txt").write_text(SYSTEMS["poor"]["doc-a"], encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    scored = subprocess.run([sys.executable, "-m", "evalkit", "score", "-s", str(tmp_path / "src.txt"), "-t",
                             str(tmp_path / "mt.txt"), "--src-lang", "en", "--tgt-lang", "fr", "--metrics", "comet",
                             "--comet-model", str(folder), "--no-cache", "--cpu", "--format", "json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert scored.returncode == 0, scored.stderr
    assert "|kind:qe" in scored.stdout
