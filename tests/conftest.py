"""Shared fixtures: small corpora written for the tests, and the bundled corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpora" / "spinner-news-en-fr"

# Two short documents written for the tests (not taken from the corpus).
SOURCES = {
    "doc-a": "The mayor opened the new bridge on Monday.\n\nIt cost 12 million euros.\n",
    "doc-b": "Heavy rain fell across the region.\n\nSchools stayed closed.\n",
}
REFERENCES = {
    "doc-a": "Le maire a inauguré le nouveau pont lundi.\n\nIl a coûté 12 millions d’euros.\n",
    "doc-b": "De fortes pluies sont tombées sur la région.\n\nLes écoles sont restées fermées.\n",
}
SYSTEMS = {
    "good": {
        "doc-a": "Le maire a inauguré le nouveau pont lundi.\n\nIl a coûté 12 millions d’euros.\n",
        "doc-b": "De fortes pluies sont tombées sur toute la région.\n\nLes écoles sont restées fermées.\n",
    },
    "poor": {
        "doc-a": "The mayor a ouvert le bridge lundi.\n\nIl cost 12 million.\n",
        "doc-b": "Pluie lourde est tombée.\n\nÉcoles fermées.\n",
    },
}
MANIFEST = """\
name: tiny
source_lang: en
target_lang: fr
systems:
  good:
    description: a careful translation
  poor:
    description: a careless one
documents:
  - id: doc-a
    title: Bridge
  - id: doc-b
    title: Rain
"""


def write_corpus(root: Path, manifest: str = MANIFEST) -> Path:
    (root / "source").mkdir(parents=True)
    (root / "reference").mkdir()
    (root / "corpus.yaml").write_text(manifest, encoding="utf-8")
    for doc_id, text in SOURCES.items():
        (root / "source" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (root / "reference" / f"{doc_id}.txt").write_text(REFERENCES[doc_id], encoding="utf-8")
    for system, docs in SYSTEMS.items():
        (root / "systems" / system).mkdir(parents=True)
        for doc_id, text in docs.items():
            (root / "systems" / system / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A valid two-document, two-system en->fr corpus in a temporary folder."""
    return write_corpus(tmp_path / "tiny")


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus, for corruption tests."""
    target = tmp_path / "spinner-news-en-fr"
    shutil.copytree(BUNDLED, target)
    return target
