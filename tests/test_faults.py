"""Faults during a run: interrupted or killed runs, a killed cache writer, a lost Dask worker.

What was written stays intact (atomic reports, one SQLite transaction per cache batch) and a
re-run completes with the same bytes.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from evalkit.cache import ScoreCache
from evalkit.cli import main

from .conftest import REFERENCES, ROOT, SOURCES, SYSTEMS, write_corpus

SCHEMA = json.loads((ROOT / "evalkit" / "schemas" / "document-report.schema.json").read_text(encoding="utf-8"))
N_DOCS = 60  # enough work that the signal lands mid-run on a fast machine


def _long_corpus(root: Path, n_docs: int = N_DOCS) -> Path:
    """The tiny corpus's texts repeated into `n_docs` documents of about 60 sentences each."""
    write_corpus(root)
    manifest = yaml.safe_load((root / "corpus.yaml").read_text(encoding="utf-8"))
    manifest["name"] = "long"
    manifest["documents"] = [{"id": f"doc-{k:02d}", "title": f"Document {k}"} for k in range(n_docs)]
    (root / "corpus.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    for folder in [root / "source", root / "reference"] + [root / "systems" / s for s in SYSTEMS]:
        for old in folder.glob("*.txt"):
            old.unlink()
    for k in range(n_docs):
        seed = ("doc-a", "doc-b")[k % 2]
        texts = {root / "source": SOURCES[seed], root / "reference": REFERENCES[seed],
                 **{root / "systems" / s: SYSTEMS[s][seed] for s in SYSTEMS}}
        for folder, text in texts.items():
            (folder / f"doc-{k:02d}.txt").write_text(f"Paragraph {k}.\n\n" + text * 30, encoding="utf-8")
    return root


def _reports(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _wait_for(pattern: str, folder: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not list(folder.rglob(pattern)):
        assert proc.poll() is None, "the run ended before the first report appeared"
        assert time.monotonic() < deadline, "no report appeared"
        time.sleep(0.02)


def _default_sigint() -> None:
    # a shell's background job starts with SIGINT ignored, and a child keeps that: the run under test gets
    # the default disposition, as it has when started from a terminal (the test is about its handler)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_interrupted_run_keeps_written_reports_and_a_rerun_completes(tmp_path, how):
    corpus = _long_corpus(tmp_path / "long")
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "evalkit", "-q", "run", str(corpus), "--out", str(out), "--no-comet", "--no-cache"]
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    try:
        _wait_for("*.json", out, proc)
        proc.send_signal(signal.SIGINT if how == "SIGINT" else signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    if how == "SIGINT":
        assert proc.returncode == 130 and err.strip() == "evalkit: interrupted", err
        assert not list(out.rglob("*.tmp")), "an interrupted write must remove its temporary file"
    else:
        assert proc.returncode == -signal.SIGKILL
    root = out / "long"
    assert not (root / "summary.json").exists(), "the run was meant to be cut short"
    before = {path: data for path, data in _reports(root).items() if path.suffix in (".json", ".md", ".html")}
    assert before and len(before) < 3 * 2 * N_DOCS
    for path, data in before.items():
        if path.suffix == ".json":
            jsonschema.validate(json.loads(data), SCHEMA)  # whole, valid reports only

    assert main(["-q", "run", str(corpus), "--out", str(out), "--no-comet", "--no-cache"]) == 0
    after = _reports(root)
    assert {path: after[path] for path in before} == before  # the same bytes the full run writes
    assert len([p for p in after if p.suffix == ".json" and p.parent.name in SYSTEMS]) == 2 * N_DOCS
    assert (root / "summary.json").exists()


_WRITER = """
import sys
from evalkit.cache import ScoreCache
cache = ScoreCache(sys.argv[1])
batch = 0
while True:
    keys = [(f"hyp {batch} {i}", "src", "ref") for i in range(500)]
    cache.put_many("comet|test", keys, [batch + i / 1000 for i in range(500)])
    print(batch, flush=True)
    batch += 1
"""


def test_cache_writer_killed_mid_write_leaves_a_usable_cache(tmp_path):
    path = tmp_path / "scores.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        committed = [int(proc.stdout.readline()) for _ in range(20)]  # batches that put_many returned from
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT COUNT(*) FROM scores").fetchone()[0]
    assert rows % 500 == 0, "a batch is stored whole or not at all"
    with ScoreCache(path) as cache:
        last = committed[-1]
        keys = [(f"hyp {last} {i}", "src", "ref") for i in range(500)]
        assert cache.get_many("comet|test", keys) == [last + i / 1000 for i in range(500)]
        cache.put_many("comet|test", [("new", None, None)], [0.25])
        assert cache.get_many("comet|test", [("new", None, None)]) == [0.25]


def test_dask_run_that_loses_a_worker_gives_the_same_results(tmp_path):
    distributed = pytest.importorskip("distributed")
    from evalkit.corpus import load_corpus
    from evalkit.pipeline import RunOptions, evaluate_corpus

    corpus = load_corpus(_long_corpus(tmp_path / "long", n_docs=12))
    local = evaluate_corpus(corpus, RunOptions(flags=False, cache=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        pids = sorted(client.run(os.getpid).values())
        killed: list[int] = []

        def kill_one_worker(shell, document) -> None:
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        remote = evaluate_corpus(corpus, RunOptions(flags=False, cache=False, engine="dask",
                                                    scheduler=cluster.scheduler_address),
                                 on_document=kill_one_worker)
    assert killed
    def key(d):
        return d.system, d.doc_id

    assert [key(d) for d in sorted(remote.documents, key=key)] == [key(d) for d in sorted(local.documents, key=key)]
    for mine, theirs in zip(sorted(remote.documents, key=key), sorted(local.documents, key=key), strict=True):
        assert {m: s.value for m, s in mine.scores.items()} == {m: s.value for m, s in theirs.scores.items()}
    assert [(s.system, {m: v.value for m, v in s.scores.items()}) for s in remote.systems] == \
        [(s.system, {m: v.value for m, v in s.scores.items()}) for s in local.systems]
