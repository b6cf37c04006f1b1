"""The corpus folder is a valid Hugging Face dataset repository (offline, local)."""

import json

import datasets
import pytest

from evalkit import load_corpus

from .conftest import BUNDLED


@pytest.fixture
def load(tmp_path, monkeypatch):
    """load_dataset with a fresh cache: `datasets` reads its cache settings at import time,
    and a cache shared between runs can serve a stale copy of files that changed."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def _load(config: str):
        return datasets.load_dataset(str(BUNDLED), config, split="test", cache_dir=str(tmp_path / "hf-cache"))
    return _load


def test_documents_config_matches_the_corpus(load):
    rows = load("documents")
    corpus = load_corpus(BUNDLED)
    assert len(rows) == len(corpus.documents) * len(corpus.systems)
    first = rows[0]
    doc = corpus.documents[0]
    assert first["doc_id"] == doc.id
    assert first["hypothesis"] == doc.hypotheses[first["system"]]
    assert first["source"] == doc.source and first["reference"] == doc.reference


def test_errors_config_loads_every_gold_span(load):
    rows = load("errors")
    expected = sum(1 for p in (BUNDLED / "gold" / "errors").glob("*.jsonl")
                   for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    assert len(rows) == expected > 0
    assert {"category", "severity", "start", "end", "text", "correction"} <= set(rows.column_names)


def test_alignment_config_loads_every_link(load):
    rows = load("alignment")
    lines = [json.loads(line) for p in sorted((BUNDLED / "gold" / "alignment").glob("*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == len(lines) > 0
    assert set(rows["pair"]) == {"source-mt", "source-reference"}
