"""COMET metric and score cache, run against tiny random checkpoints built offline.

The checkpoints go through the real `comet.load_from_checkpoint`; their scores are
meaningless but finite and deterministic, which is all these tests rely on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.cache import ScoreCache, default_cache_dir
from evalkit.errors import InputError, MetricUnavailable, UsageError
from evalkit.metrics.comet import COMET
from tests.comet_fixture import build_tiny_comet

REPO = Path(__file__).resolve().parents[1]
SOURCES = ["Le chat est assis sur le tapis.", "Il pleut depuis ce matin.",
           "Le train part à huit heures.", "Nous avons mangé du pain frais."]
HYPOTHESES = ["The cat sits on the carpet.", "It has rained since this morning.",
              "The train leaves at eight.", "We ate fresh bread."]
REFERENCES = ["The cat is sitting on the mat.", "It has been raining since this morning.",
              "The train leaves at eight o'clock.", "We ate some fresh bread."]
SIGNATURE = re.compile(r"^comet\|model:[^|]+\|ckpt:[0-9a-f]{12}\|comet:2\.2\.7"
                       r"\|torch:[^|]+\|transformers:[^|]+$")


def _subprocess_env(tmp_path: Path) -> dict[str, str]:
    # Offline, short timeouts, and caches under tmp_path: never the user's own.
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"), HF_HUB_ETAG_TIMEOUT="5",
               HF_HUB_DOWNLOAD_TIMEOUT="5", EVALKIT_CACHE_DIR=str(tmp_path / "cache"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="module", autouse=True)
def offline():
    """Nothing here may reach the network: Hugging Face offline mode, even for clients imported earlier."""
    import huggingface_hub.constants

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
        if "transformers.utils.hub" in sys.modules:
            patch.setattr(sys.modules["transformers.utils.hub"], "_is_offline_mode", True)
        yield


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """Folder of a reference-based (RegressionMetric) tiny model."""
    folder = tmp_path_factory.mktemp("tiny-comet")
    build_tiny_comet(folder, SOURCES + HYPOTHESES + REFERENCES)
    return folder


@pytest.fixture(scope="module")
def tiny_qe(tmp_path_factory) -> Path:
    """Folder of a reference-free (ReferencelessRegression) tiny model."""
    folder = tmp_path_factory.mktemp("tiny-comet-qe")
    build_tiny_comet(folder, SOURCES + HYPOTHESES, referenceless=True)
    return folder


@pytest.fixture(scope="module")
def baseline(tiny_model) -> list[float]:
    return COMET(tiny_model, cache=None).segment_scores(HYPOTHESES, REFERENCES, SOURCES)


def test_folder_and_checkpoint_forms_load_and_agree(tiny_model, baseline):
    from_file = COMET(tiny_model / "checkpoints" / "model.ckpt", cache=None)
    scores = from_file.segment_scores(HYPOTHESES, REFERENCES, SOURCES)
    assert len(scores) == len(HYPOTHESES)
    assert all(isinstance(s, float) and math.isfinite(s) for s in scores)
    assert scores == baseline  # a second instance, same inputs: same scores, bit for bit
    assert from_file.model_loaded and from_file.needs_reference
    assert from_file.signature() == COMET(tiny_model, cache=None).signature()


def test_corpus_score_is_mean_with_signature_and_details(tiny_model, baseline):
    metric = COMET(tiny_model, cache=None, batch_size=3)
    score = metric.corpus_score(HYPOTHESES, REFERENCES, SOURCES, unit="aligned-segments")
    assert score.value == pytest.approx(sum(baseline) / len(baseline), abs=1e-6)
    assert (score.metric, score.unit, score.n) == ("comet", "aligned-segments", 4)
    assert score.details == {"batch_size": 3, "gpus": 0, "cached": 0}
    assert SIGNATURE.match(score.signature), score.signature
    digest = hashlib.sha256((tiny_model / "checkpoints" / "model.ckpt").read_bytes()).hexdigest()
    assert f"|ckpt:{digest[:12]}|" in score.signature
    assert f"|model:{tiny_model.name}|" in score.signature


def test_reference_based_model_without_references_is_a_usage_error(tiny_model):
    with pytest.raises(UsageError, match="needs references"):
        COMET(tiny_model, cache=None).segment_scores(HYPOTHESES, None, SOURCES)


def test_mismatched_lengths_and_bad_options(tiny_model):
    with pytest.raises(UsageError, match="4 hypotheses but 3 references"):
        COMET(tiny_model, cache=None).segment_scores(HYPOTHESES, REFERENCES[:3], SOURCES)
    with pytest.raises(UsageError, match="batch_size"):
        COMET(tiny_model, batch_size=0, cache=None)
    with pytest.raises(UsageError, match="gpus"):
        COMET(tiny_model, gpus=2, cache=None)


def test_referenceless_model_scores_without_references(tiny_qe):
    metric = COMET(tiny_qe, cache=None)
    assert metric.needs_reference is False
    scores = metric.segment_scores(HYPOTHESES, None, SOURCES)
    assert len(scores) == 4 and all(math.isfinite(s) for s in scores)
    # references given to a QE model are not used
    assert metric.segment_scores(HYPOTHESES, REFERENCES, SOURCES) == scores
    assert metric.corpus_score(HYPOTHESES, None, SOURCES).value == pytest.approx(sum(scores) / 4, abs=1e-6)


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_checkpoint_is_unavailable_naming_the_file(tiny_model, tmp_path, damage):
    broken = tmp_path / "broken-model"
    shutil.copytree(tiny_model, broken, ignore=shutil.ignore_patterns("pretrained"))
    ckpt = broken / "checkpoints" / "model.ckpt"
    data = ckpt.read_bytes()
    ckpt.write_bytes(b"not a checkpoint\n" * 100 if damage == "garbage" else data[: len(data) // 2])
    with pytest.raises(MetricUnavailable) as caught:
        COMET(broken, cache=None).segment_scores(HYPOTHESES, REFERENCES, SOURCES)
    assert str(ckpt) in str(caught.value)
    assert str(caught.value).startswith("COMET model ")


def test_bad_local_paths_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such COMET model"):
        COMET(str(tmp_path / "missing" / "model.ckpt"), cache=None)
    with pytest.raises(InputError, match="no checkpoints/model.ckpt"):
        COMET(tmp_path, cache=None)
    (tmp_path / "checkpoints").mkdir()
    (tmp_path / "checkpoints" / "model.ckpt").write_bytes(b"x")
    with pytest.raises(InputError, match="hparams.yaml"):
        COMET(tmp_path, cache=None).segment_scores(HYPOTHESES, REFERENCES, SOURCES)


@pytest.mark.parametrize("offline, reason", [
    ("1", "not in the local cache and HF_HUB_OFFLINE is set"),
    # Not offline, but the hub's port refuses: found by one TCP connection, not by comet's retries.
    ("", "not in the local cache and the Hugging Face hub (127.0.0.1) cannot be reached (offline?)"),
])
def test_hub_name_offline_is_unavailable_and_fast(tmp_path, offline, reason):
    code = f"""
import logging, sys
from evalkit.errors import MetricUnavailable
from evalkit.metrics.comet import COMET
kiwi = COMET("Unbabel/wmt22-cometkiwi-da", cache=None, saving_directory={str(tmp_path / "models")!r})
assert kiwi.needs_reference is False  # known from the name while the model is unavailable
for metric, refs in ((COMET(cache=None, saving_directory={str(tmp_path / "models")!r}), {REFERENCES!r}),
                     (kiwi, None)):
    try:
        metric.corpus_score({HYPOTHESES!r}, refs, {SOURCES!r})
    except MetricUnavailable as exc:
        print(exc)
    else:
        sys.exit("no MetricUnavailable")
# nothing imported comet or torch to find that out (that import alone takes seconds)
assert not logging.getLogger().handlers, logging.getLogger().handlers
heavy = sorted(m for m in ("torch", "comet", "transformers") if m in sys.modules)
assert not heavy, heavy
"""
    env = dict(_subprocess_env(tmp_path), HF_HUB_OFFLINE=offline, HF_ENDPOINT="http://127.0.0.1:9")
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines == [f"COMET model 'Unbabel/wmt22-comet-da' could not be loaded: {reason}",
                     f"COMET model 'Unbabel/wmt22-cometkiwi-da' could not be loaded: {reason}"]


def test_import_is_lazy(tiny_model, tmp_path):
    code = f"""
import sys
from evalkit.metrics.comet import COMET
metric = COMET({str(tiny_model)!r}, cache=None)
# a local model's signature and reference needs come from files, not from torch
metric.signature(); metric.needs_reference
heavy = sorted(m for m in ("torch", "comet", "transformers", "pytorch_lightning") if m in sys.modules)
assert not heavy, heavy
"""
    result = subprocess.run([sys.executable, "-c", code], env=_subprocess_env(tmp_path), cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]


def test_second_run_is_served_from_cache_without_loading_the_model(tiny_model, baseline, tmp_path):
    path = tmp_path / "scores.sqlite3"
    first = COMET(tiny_model, cache=ScoreCache(path)).corpus_score(HYPOTHESES, REFERENCES, SOURCES)
    assert first.details["cached"] == 0

    cache = ScoreCache(path)
    metric = COMET(tiny_model, cache=cache)
    again = metric.corpus_score(HYPOTHESES, REFERENCES, SOURCES)
    assert (cache.stats.hits, cache.stats.misses) == (4, 0)
    assert again.details["cached"] == 4 and again.details["gpus"] is None
    assert not metric.model_loaded
    assert again.value == first.value and again.signature == first.signature
    assert metric.segment_scores(HYPOTHESES, REFERENCES, SOURCES) == baseline


def test_only_a_changed_segment_is_rescored(tiny_model, baseline, tmp_path, caplog):
    path = tmp_path / "scores.sqlite3"
    COMET(tiny_model, cache=ScoreCache(path)).segment_scores(HYPOTHESES, REFERENCES, SOURCES)

    changed = list(HYPOTHESES)
    changed[2] = "The train departs at eight."
    cache = ScoreCache(path)
    with caplog.at_level(logging.INFO, logger="evalkit"):
        scores = COMET(tiny_model, cache=cache).segment_scores(changed, REFERENCES, SOURCES)
    assert (cache.stats.hits, cache.stats.misses) == (3, 1)
    assert "COMET: 3 segments from cache, 1 scored" in caplog.messages
    assert [scores[i] for i in (0, 1, 3)] == [baseline[i] for i in (0, 1, 3)]
    assert scores[2] != baseline[2]


def test_corrupt_cache_file_is_moved_aside_and_rebuilt(tiny_model, baseline, tmp_path, caplog):
    path = tmp_path / "scores.sqlite3"
    path.write_bytes(b"this is not SQLite\n" * 50)
    with caplog.at_level(logging.WARNING, logger="evalkit"):
        scores = COMET(tiny_model, cache=ScoreCache(path)).segment_scores(HYPOTHESES, REFERENCES, SOURCES)
    assert scores == baseline
    assert (tmp_path / "scores.sqlite3.corrupt-1").read_bytes().startswith(b"this is not SQLite")
    assert any("corrupt" in message for message in caplog.messages)
    cache = ScoreCache(path)
    COMET(tiny_model, cache=cache).segment_scores(HYPOTHESES, REFERENCES, SOURCES)
    assert cache.stats.hits == 4


def test_score_cache_keys_and_namespaces(tmp_path):
    with ScoreCache(tmp_path / "c.sqlite3") as cache:
        keys = [("hyp", "src", "ref"), ("hyp", "src", None), ("hyp", "src", "")]
        assert cache.get_many("ns", keys) == [None, None, None]
        cache.put_many("ns", keys, [0.25, 0.5, float("nan")])
        assert cache.get_many("ns", keys) == [0.25, 0.5, None]  # NaN is not cached
        assert cache.get_many("other", keys[:1]) == [None]
        cache.put_many("ns", keys[:1], [0.75])
        assert cache.get_many("ns", keys[:1]) == [0.75]
        assert (cache.stats.hits, cache.stats.misses) == (3, 5)


def test_default_cache_location(monkeypatch, tmp_path):
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path / "a"))
    assert ScoreCache().path == tmp_path / "a" / "scores.sqlite3"
    monkeypatch.delenv("EVALKIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "evalkit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "evalkit"


def test_fixture_checkpoint_layout(tiny_model):
    """The layout COMET's loader expects, pointing only at local files."""
    hparams = (tiny_model / "hparams.yaml").read_text(encoding="utf-8")
    assert "class_identifier: regression_metric" in hparams
    assert f"pretrained_model: {tiny_model / 'pretrained'}" in hparams
    config = json.loads((tiny_model / "pretrained" / "config.json").read_text(encoding="utf-8"))
    assert (config["hidden_size"], config["num_hidden_layers"]) == (32, 2)


def test_hub_model_in_the_local_cache_is_used_without_the_network(tiny_model, baseline, tmp_path):
    # The Hugging Face cache's layout: snapshots/<revision>/... hold links into blobs/, refs/main
    # names the revision (as huggingface_hub.snapshot_download leaves it).
    repo = tmp_path / "hub" / "models--someone--tiny-comet"
    revision = "0" * 40
    for source in sorted(p for p in tiny_model.rglob("*") if p.is_file()):
        relative = source.relative_to(tiny_model)
        blob = repo / "blobs" / hashlib.sha256(relative.as_posix().encode()).hexdigest()
        blob.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, blob)
        link = repo / "snapshots" / revision / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision, encoding="utf-8")
    metric = COMET("someone/tiny-comet", cache=None, saving_directory=tmp_path / "hub")
    assert metric.signature().startswith("comet|model:someone/tiny-comet|ckpt:")
    assert metric.segment_scores(HYPOTHESES, REFERENCES, SOURCES) == pytest.approx(baseline)
