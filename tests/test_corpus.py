"""Loading corpora into typed objects, and `validate` catching each kind of corruption."""

from pathlib import Path

import pytest
import yaml

from evalkit import Corpus, Document, InputError, load_corpus, validate_corpus
from evalkit.textio import sha256_file

from .conftest import BUNDLED

# sha256 of the five seed files as delivered in shared/seeds (the MT must stay byte-identical).
SEED_SHA256 = {
    "000_a52487a39a0d285f": "78daa9ef3f8d9aea6c40f51ef3836120d2bf14294b0414f764919bb0bf0abe1c",
    "001_e203ddfd6ec585b6": "696b362586aed7c298f96efee209de3eb2f982821f143df559e8fd6108877da0",
    "002_b0c6770fc6d84a0c": "8ad9a82f1efed71e54ca13cb240be3a8b7d58d99a61b7f1b7848464cca2ec814",
    "003_bb990cebf488dc0d": "6edfc72067d8422456d2a1ab642e1b057096d6fa193d52a43e794e17e0cac3f0",
    "004_38ed145998352e6f": "285588d2f12e89130a99c07eab8bae476d45f80834e435fc77e3e2fd108c3ddf",
}


def test_bundled_mt_is_byte_identical_to_the_seeds():
    manifest = yaml.safe_load((BUNDLED / "corpus.yaml").read_text(encoding="utf-8"))
    for doc_id, expected in SEED_SHA256.items():
        relative = f"systems/web-spinner-mt/{doc_id}.txt"
        assert sha256_file(BUNDLED / relative) == expected
        assert manifest["checksums"][relative] == expected


def test_bundled_corpus_loads_as_typed_objects():
    corpus = load_corpus(BUNDLED)
    assert isinstance(corpus, Corpus)
    assert (corpus.source_lang, corpus.target_lang) == ("en", "fr")
    assert [d.id for d in corpus.documents] == sorted(SEED_SHA256)
    assert "web-spinner-mt" in [s.name for s in corpus.systems]
    assert corpus.system("web-spinner-mt").has_gold
    doc = corpus.documents[0]
    assert isinstance(doc, Document)
    assert doc.reference and doc.source
    assert doc.hypothesis("web-spinner-mt").startswith("in\n")


def test_bundled_corpus_validates_clean():
    assert [str(p) for p in validate_corpus(BUNDLED)] == []


def test_frame_has_one_row_per_document_and_system(tiny_corpus):
    frame = load_corpus(tiny_corpus).to_frame()
    assert len(frame) == 4
    assert list(frame.columns[:2]) == ["doc_id", "system"]
    row = frame[(frame.doc_id == "doc-a") & (frame.system == "poor")].iloc[0]
    assert row.hypothesis.startswith("The mayor a ouvert")
    assert row.reference.startswith("Le maire")


def test_tiny_corpus_is_valid(tiny_corpus):
    # No README and no data/ folder: only those two problems are expected.
    messages = [p.message for p in validate_corpus(tiny_corpus)]
    assert all("not found" in m for m in messages), messages


def _problems(path: Path) -> list[str]:
    return [str(p) for p in validate_corpus(path)]


def test_validate_catches_a_missing_system_file(tiny_corpus):
    (tiny_corpus / "systems" / "poor" / "doc-b.txt").unlink()
    found = _problems(tiny_corpus)
    assert any("systems/poor/doc-b.txt: file not found" in p for p in found), found


def test_validate_catches_an_unknown_document(tiny_corpus):
    (tiny_corpus / "systems" / "good" / "doc-z.txt").write_text("Bonjour.\n", encoding="utf-8")
    assert any("doc-z.txt: document 'doc-z' is not in corpus.yaml" in p for p in _problems(tiny_corpus))


def test_validate_catches_non_utf8_with_its_line(tiny_corpus):
    (tiny_corpus / "reference" / "doc-a.txt").write_bytes("Première ligne\nDeuxième\n".encode("latin-1"))
    found = _problems(tiny_corpus)
    assert any("reference/doc-a.txt:1: not valid UTF-8: byte 0xe8" in p for p in found), found


def test_validate_catches_an_empty_file(tiny_corpus):
    (tiny_corpus / "source" / "doc-b.txt").write_text("\n", encoding="utf-8")
    assert any("source/doc-b.txt: file is empty" in p for p in _problems(tiny_corpus))


def test_validate_catches_a_changed_checksum(bundled_copy):
    target = bundled_copy / "systems" / "web-spinner-mt" / "002_b0c6770fc6d84a0c.txt"
    target.write_bytes(target.read_bytes().replace(b"Source link -57", b"Source link -58"))
    found = _problems(bundled_copy)
    assert any("002_b0c6770fc6d84a0c.txt: sha256" in p and "does not match" in p for p in found), found


def test_validate_catches_a_duplicate_and_an_unsafe_id(tiny_corpus):
    manifest = (tiny_corpus / "corpus.yaml").read_text(encoding="utf-8")
    manifest += "  - id: doc-a\n  - id: ../escape\n"
    (tiny_corpus / "corpus.yaml").write_text(manifest, encoding="utf-8")
    found = _problems(tiny_corpus)
    assert any("duplicate document id 'doc-a'" in p for p in found)
    assert any("invalid document id '../escape'" in p for p in found)


def test_validate_catches_an_unknown_language(tiny_corpus):
    manifest = (tiny_corpus / "corpus.yaml").read_text(encoding="utf-8").replace("target_lang: fr",
                                                                                 "target_lang: french")
    (tiny_corpus / "corpus.yaml").write_text(manifest, encoding="utf-8")
    assert any("unknown language code 'french'" in p for p in _problems(tiny_corpus))


def test_validate_catches_malformed_yaml_with_its_line(tiny_corpus):
    (tiny_corpus / "corpus.yaml").write_text("name: x\nsource_lang: [en\n", encoding="utf-8")
    found = _problems(tiny_corpus)
    assert len(found) == 1 and "corpus.yaml: invalid YAML at line" in found[0]


def test_validate_catches_a_missing_manifest(tmp_path):
    (tmp_path / "source").mkdir()
    assert any("corpus.yaml: file not found" in p for p in _problems(tmp_path))


def test_load_refuses_a_broken_corpus_naming_the_file(tiny_corpus):
    (tiny_corpus / "source" / "doc-a.txt").unlink()
    with pytest.raises(InputError, match=r"source/doc-a.txt: file not found"):
        load_corpus(tiny_corpus)


def test_load_can_restrict_systems(tiny_corpus):
    corpus = load_corpus(tiny_corpus, systems=["poor"])
    assert [s.name for s in corpus.systems] == ["poor"]
    with pytest.raises(InputError, match="unknown system 'nope'"):
        load_corpus(tiny_corpus, systems=["nope"])


def test_corpus_reads_documents_on_demand(tiny_corpus):
    """A loaded corpus keeps paths, not texts: a document is read when it is asked for."""
    from evalkit.corpus import DocumentFiles

    corpus = load_corpus(tiny_corpus)
    assert isinstance(corpus.documents, DocumentFiles) and corpus.has_reference
    assert [d.id for d in corpus] == ["doc-a", "doc-b"] and len(corpus) == 2
    assert [d.title for d in corpus.documents[0:2]] == ["Bridge", "Rain"]
    (tiny_corpus / "systems" / "good" / "doc-b.txt").write_text("Il a plu.\n", encoding="utf-8")
    assert corpus.documents[1].hypotheses == {"good": "Il a plu.\n", "poor": "Pluie lourde est tombée.\n\nÉcoles fermées.\n"}
    # equal to the same documents held in memory
    assert corpus.documents == tuple(corpus.documents)


def test_every_file_is_checked_at_load_time(tiny_corpus):
    """Reading on demand does not defer bad input to the middle of a run."""
    (tiny_corpus / "systems" / "poor" / "doc-b.txt").write_bytes("Écoles fermées.\n".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        load_corpus(tiny_corpus)
    assert caught.value.path == tiny_corpus / "systems" / "poor" / "doc-b.txt"


def test_a_file_broken_after_loading_fails_with_its_name(tiny_corpus):
    corpus = load_corpus(tiny_corpus)
    (tiny_corpus / "source" / "doc-a.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty") as caught:
        corpus.documents[0]
    assert caught.value.path == tiny_corpus / "source" / "doc-a.txt"


def test_added_system_is_read_on_demand_too(tiny_corpus, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    for doc_id in ("doc-a", "doc-b"):
        (extra / f"{doc_id}.txt").write_text(f"Sortie de {doc_id}.\n", encoding="utf-8")
    corpus = load_corpus(tiny_corpus).with_system("extra", extra)
    assert [s.name for s in corpus.systems] == ["extra", "good", "poor"]
    assert list(corpus.documents[0].hypotheses) == ["good", "poor", "extra"]
    assert corpus.documents[1].hypotheses["extra"] == "Sortie de doc-b.\n"
    (extra / "doc-a.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="UTF-16"):
        load_corpus(tiny_corpus).with_system("extra", extra)
