"""Hugging Face datasets in and out: Corpus from parquet/jsonl/save_to_disk/dataset folders, export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets")

from evalkit import InputError, UsageError, evaluate, load_corpus  # noqa: E402
from evalkit.cli import main  # noqa: E402
from evalkit.hf import (  # noqa: E402
    FieldMap,
    corpus_from_dataset,
    corpus_to_dataset,
    export_dataset,
    segments_to_dataset,
)

from .conftest import BUNDLED, ROOT  # noqa: E402

# Segment-level rows written for these tests: (doc_id, source, reference, {system: hypothesis}).
SEGMENTS = [
    ("news-1", "The mayor opened the new bridge on Monday.", "Le maire a inauguré le nouveau pont lundi.",
     {"careful": "Le maire a inauguré le nouveau pont lundi.",
      "sloppy": "The mayor a ouvert le bridge lundi."}),
    ("news-1", "It cost 12 million euros.", "Il a coûté 12 millions d’euros.",
     {"careful": "Il a coûté 12 millions d’euros.", "sloppy": "Il cost 12 million."}),
    ("news-2", "Heavy rain fell across the region.", "De fortes pluies sont tombées sur la région.",
     {"careful": "De fortes pluies sont tombées sur toute la région.", "sloppy": "Pluie lourde est tombée."}),
]
SYSTEMS = ("careful", "sloppy")


def _rows(**extra) -> list[dict]:
    """One row per (system, segment), systems interleaved so grouping is tested, not row order."""
    return [{"doc_id": doc, "system": system, "source": src, "hypothesis": hyps[system], "reference": ref,
             **extra} for doc, src, ref, hyps in SEGMENTS for system in SYSTEMS]


def _expected_documents() -> dict[str, tuple[str, str, dict[str, str]]]:
    docs: dict[str, tuple[list, list, dict]] = {}
    for doc, src, ref, hyps in SEGMENTS:
        entry = docs.setdefault(doc, ([], [], {s: [] for s in SYSTEMS}))
        entry[0].append(src)
        entry[1].append(ref)
        for system in SYSTEMS:
            entry[2][system].append(hyps[system])
    return {doc: ("\n".join(s), "\n".join(r), {k: "\n".join(v) for k, v in h.items()})
            for doc, (s, r, h) in docs.items()}


def _assert_matches(corpus, expected=None, systems=SYSTEMS) -> None:
    expected = expected or _expected_documents()
    assert [s.name for s in corpus.systems] == list(systems)
    assert [d.id for d in corpus.documents] == list(expected)
    for doc in corpus.documents:
        source, reference, hypotheses = expected[doc.id]
        assert (doc.source, doc.reference, dict(doc.hypotheses)) == (source, reference, hypotheses)


@pytest.fixture(autouse=True)
def _hf_offline_cache(tmp_path, monkeypatch):
    """Every `datasets` cache in tmp (never the user's), hub offline, for this process and children."""
    home = tmp_path / "hf-home"
    env = {"HF_HOME": home, "HF_DATASETS_CACHE": home / "datasets", "HF_HUB_OFFLINE": "1",
           "HF_DATASETS_OFFLINE": "1"}
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    # `datasets` read the variables when it was imported (possibly by another test module): patch its config.
    monkeypatch.setattr(datasets.config, "HF_CACHE_HOME", str(home))
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", home / "datasets")
    monkeypatch.setattr(datasets.config, "HF_MODULES_CACHE", home / "modules")
    downloads = home / "datasets" / "downloads"
    monkeypatch.setattr(datasets.config, "DOWNLOADED_DATASETS_PATH", downloads)
    monkeypatch.setattr(datasets.config, "EXTRACTED_DATASETS_PATH", downloads / "extracted")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)


@pytest.fixture
def parquet_file(tmp_path) -> Path:
    import pandas as pd

    path = tmp_path / "news-segments.parquet"
    pd.DataFrame(_rows()).to_parquet(path)
    return path


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# --- corpus_from_dataset ---------------------------------------------------------------------------

def test_parquet_segments_are_grouped_into_documents(parquet_file):
    corpus = corpus_from_dataset(parquet_file, source_lang="en", target_lang="fr", segmentation="sentences")
    _assert_matches(corpus)
    assert (corpus.name, corpus.source_lang, corpus.target_lang) == ("news-segments", "en", "fr")


@pytest.mark.parametrize("fields", [
    "id,src,mt,ref,sys",
    ("id", "src", "mt", "ref", "sys"),                     # as the CLI passes --hf-fields
    "doc_id=id,source=src,hypothesis=mt,reference=ref,system=sys",
    {"doc_id": "id", "source": "src", "hypothesis": "mt", "reference": "ref", "system": "sys"},
])
def test_jsonl_with_renamed_fields_and_language_columns(tmp_path, fields):
    renamed = [{"id": r["doc_id"], "sys": r["system"], "src": r["source"], "mt": r["hypothesis"],
                "ref": r["reference"], "source_lang": "en", "target_lang": "fr"} for r in _rows()]
    corpus = corpus_from_dataset(_write_jsonl(tmp_path / "renamed.jsonl", renamed), fields=fields,
                                 segmentation="sentences")
    _assert_matches(corpus)
    assert (corpus.source_lang, corpus.target_lang) == ("en", "fr")


def test_save_to_disk_folder_without_system_and_doc_id_columns(tmp_path):
    careful = [{"source": src, "hypothesis": hyps["careful"], "reference": ref}
               for _, src, ref, hyps in SEGMENTS]
    splits = datasets.DatasetDict({
        "test": datasets.Dataset.from_list(careful),
        "validation": datasets.Dataset.from_list(careful[:1]),
    })
    splits.save_to_disk(str(tmp_path / "wmt-like"))

    corpus = corpus_from_dataset(tmp_path / "wmt-like", source_lang="en", target_lang="fr",
                                 segmentation="sentences")
    # No system column: one system named after the dataset; no doc_id column: each row is a document.
    assert [s.name for s in corpus.systems] == ["wmt-like"]
    assert [d.id for d in corpus.documents] == ["row-00000", "row-00001", "row-00002"]
    assert [d.hypotheses["wmt-like"] for d in corpus.documents] == [h["careful"] for *_, h in SEGMENTS]
    assert corpus.documents[2].reference == SEGMENTS[2][2]

    validation = corpus_from_dataset(tmp_path / "wmt-like", split="validation", source_lang="en",
                                     target_lang="fr")
    assert len(validation) == 1
    with pytest.raises(InputError, match=r"no split 'train'; splits: test, validation"):
        corpus_from_dataset(tmp_path / "wmt-like", split="train", source_lang="en", target_lang="fr")


def test_no_doc_id_numbers_rows_per_system(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "doc_id"} for r in _rows()]
    corpus = corpus_from_dataset(_write_jsonl(tmp_path / "flat.jsonl", rows), source_lang="en",
                                 target_lang="fr", segmentation="sentences")
    assert [d.id for d in corpus.documents] == ["row-00000", "row-00001", "row-00002"]
    assert corpus.documents[1].hypotheses == {s: SEGMENTS[1][3][s] for s in SYSTEMS}


def test_rows_are_lines_as_given_unless_a_row_holds_a_line_break(parquet_file, tmp_path):
    # one row per segment (the WMT datasets' shape): scored as given, like sacreBLEU on the same lines
    corpus = corpus_from_dataset(parquet_file, source_lang="en", target_lang="fr")
    assert corpus.segmentation == "lines"
    rows = _rows()
    rows[0]["hypothesis"] = "Un premier paragraphe.\nUn second."
    corpus = corpus_from_dataset(_write_jsonl(tmp_path / "docs.jsonl", rows), source_lang="en", target_lang="fr")
    assert corpus.segmentation == "sentences"


def test_no_reference_column_gives_a_corpus_without_references(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "reference"} for r in _rows()]
    corpus = corpus_from_dataset(_write_jsonl(tmp_path / "qe.jsonl", rows), source_lang="en",
                                 target_lang="fr")
    assert not corpus.has_reference and corpus.documents[0].reference is None


def test_bundled_corpus_folder_through_its_documents_config():
    corpus = corpus_from_dataset(BUNDLED, config="documents")
    bundled = load_corpus(BUNDLED)
    assert (corpus.source_lang, corpus.target_lang) == (bundled.source_lang, bundled.target_lang)
    assert [s.name for s in corpus.systems] == [s.name for s in bundled.systems]
    assert [(d.id, d.title, d.source, d.reference, dict(d.hypotheses)) for d in corpus.documents] == \
        [(d.id, d.title, d.source, d.reference, dict(d.hypotheses)) for d in bundled.documents]


# --- errors ----------------------------------------------------------------------------------------

def test_missing_languages_are_asked_for(parquet_file):
    with pytest.raises(InputError, match=r"news-segments.parquet: no source language: pass --src-lang"):
        corpus_from_dataset(parquet_file)
    with pytest.raises(InputError, match=r"no target language: pass --tgt-lang \(Python: tgt_lang=...\)"):
        corpus_from_dataset(parquet_file, src_lang="en")
    with pytest.raises(InputError, match=r"--tgt-lang: unknown language code 'french'"):
        corpus_from_dataset(parquet_file, source_lang="en", target_lang="french")   # the older keywords


def test_several_language_pairs_are_refused(tmp_path):
    rows = _rows(source_lang="en", target_lang="fr")
    rows[0]["target_lang"] = "de"
    with pytest.raises(InputError, match=r"column 'target_lang' holds 2 languages \(de, fr\)"):
        corpus_from_dataset(_write_jsonl(tmp_path / "mixed.jsonl", rows))


def test_missing_field_names_the_field_and_the_column(parquet_file):
    with pytest.raises(InputError, match=r"no column 'mt' for field 'hypothesis' \(columns: doc_id, system"):
        corpus_from_dataset(parquet_file, fields="doc_id,source,mt", source_lang="en", target_lang="fr")
    # An optional field the user named must exist too.
    with pytest.raises(InputError, match=r"no column 'engine' for field 'system'"):
        corpus_from_dataset(parquet_file, fields={"system": "engine"}, source_lang="en", target_lang="fr")


def test_empty_and_null_texts_are_refused_with_their_row(tmp_path):
    rows = _rows()
    rows[3]["hypothesis"] = "  "
    with pytest.raises(InputError, match=r"row 3: field 'hypothesis' \(column 'hypothesis'\) is empty"):
        corpus_from_dataset(_write_jsonl(tmp_path / "empty.jsonl", rows), source_lang="en", target_lang="fr",
                            segmentation="sentences")
    rows = _rows()
    rows[2]["reference"] = None
    with pytest.raises(InputError, match=r"row 2: field 'reference' \(column 'reference'\) is missing "
                                         r"\(null\)"):
        corpus_from_dataset(_write_jsonl(tmp_path / "null.jsonl", rows), source_lang="en", target_lang="fr")


def test_documents_must_match_across_systems(tmp_path):
    rows = _rows()
    rows[1]["source"] = "The mayor closed the old bridge on Monday."   # sloppy's first segment of news-1
    with pytest.raises(InputError, match=r"document 'news-1': field 'source' differs between systems "
                                         r"'careful' \(row 0\) and 'sloppy' \(row 1\)"):
        corpus_from_dataset(_write_jsonl(tmp_path / "src.jsonl", rows), source_lang="en", target_lang="fr")
    rows = [r for r in _rows() if not (r["doc_id"] == "news-2" and r["system"] == "sloppy")]
    with pytest.raises(InputError, match=r"document 'news-2' has no rows for system 'sloppy'"):
        corpus_from_dataset(_write_jsonl(tmp_path / "gap.jsonl", rows), source_lang="en", target_lang="fr")


def test_identifiers_that_cannot_name_report_files_are_refused(tmp_path):
    rows = _rows()
    rows[0]["doc_id"] = rows[1]["doc_id"] = "../news-1"
    with pytest.raises(InputError, match=r"row 0: invalid doc_id '\.\./news-1' in column 'doc_id'"):
        corpus_from_dataset(_write_jsonl(tmp_path / "ids.jsonl", rows), source_lang="en", target_lang="fr")


def test_unloadable_sources_fail_with_one_line_naming_them(tmp_path):
    with pytest.raises(InputError, match=r"missing\.parquet: file not found"):
        corpus_from_dataset(tmp_path / "missing.parquet", source_lang="en", target_lang="fr")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unsupported file type '\.txt'"):
        corpus_from_dataset(tmp_path / "notes.txt", source_lang="en", target_lang="fr")
    with pytest.raises(InputError, match=r"cannot load split 'test' of config 'nope': .*Available: "
                                         r"\['documents', 'errors', 'alignment'\]"):
        corpus_from_dataset(BUNDLED, config="nope")


def test_field_map_parsing():
    assert FieldMap.parse(None) == FieldMap()
    prefix = FieldMap.parse("id,src")     # a prefix of doc_id,source,hypothesis,reference,system
    assert (prefix.doc_id, prefix.source, prefix.hypothesis, prefix.system) == \
        ("id", "src", "hypothesis", "system")
    none = FieldMap.parse("-,src,mt,-,-")
    assert (none.doc_id, none.reference, none.system) == (None, None, None)
    with pytest.raises(UsageError, match=r"unknown field 'target'"):
        FieldMap.parse("target=tgt")
    with pytest.raises(UsageError, match=r"field 'source' is required"):
        FieldMap.parse("doc_id,-")
    with pytest.raises(UsageError, match=r"6 field names given; expected at most 5"):
        FieldMap.parse("a,b,c,d,e,f")


# --- the command line ------------------------------------------------------------------------------

def test_run_on_a_local_parquet_file_writes_reports(parquet_file, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["-q", "run", "--hf-dataset", str(parquet_file), "--source-lang", "en", "--target-lang", "fr",
                 "--no-comet", "--no-flags", "--out", str(out)]) == 0
    root = out / "news-segments"
    summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    assert "careful" in json.dumps(summary) and "sloppy" in json.dumps(summary)
    for system in SYSTEMS:
        assert sorted(p.name for p in (root / system).glob("*.json")) == ["news-1.json", "news-2.json"]


@pytest.mark.parametrize("argv, message", [
    (["--hf-fields", "doc_id,source,mt"], "no column 'mt' for field 'hypothesis'"),
    (["--target-lang", "fr"], "no source language: pass --src-lang"),
])
def test_run_bad_dataset_input_exits_2_with_one_line(parquet_file, capsys, argv, message):
    assert main(["run", "--hf-dataset", str(parquet_file), "--no-comet", "--no-flags", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(parquet_file) in err


def test_run_on_a_hub_name_offline_exits_2_with_one_line(tmp_path):
    env = {**os.environ, "HF_HOME": str(tmp_path / "hf-home"), "HF_HUB_OFFLINE": "1",
           "HF_DATASETS_OFFLINE": "1", "HF_DATASETS_CACHE": str(tmp_path / "hf-home" / "datasets"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-m", "evalkit", "run", "--hf-dataset",
                           "evalkit-tests/no-such-dataset", "--hf-config", "en-fr", "--source-lang", "en",
                           "--target-lang", "fr", "--no-comet"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("evalkit: error: evalkit-tests/no-such-dataset: cannot load split 'test' "
                                  "of config 'en-fr': ")
    assert "not a local file or folder either" in proc.stderr


# --- export ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["disk", "parquet", "jsonl"])
def test_export_round_trips_through_datasets(tiny_corpus, tmp_path, fmt):
    out = tmp_path / "export"
    assert main(["-q", "export", str(tiny_corpus), "--out", str(out), "--format", fmt]) == 0
    corpus = load_corpus(tiny_corpus)
    rows = datasets.load_dataset(str(out), "documents", split="test")
    assert rows.num_rows == len(corpus) * len(corpus.systems)
    assert rows.column_names == ["doc_id", "system", "source_lang", "target_lang", "title", "source",
                                 "hypothesis", "reference"]
    expected = {(d.id, s.name): (d.source, d.hypotheses[s.name], d.reference)
                for d in corpus for s in corpus.systems}
    assert {(r["doc_id"], r["system"]): (r["source"], r["hypothesis"], r["reference"])
            for r in rows} == expected
    again = corpus_from_dataset(out)   # languages come from the exported columns
    assert again.name == "export"
    assert [(d.id, d.title, d.source, d.reference, dict(d.hypotheses)) for d in again] == \
        [(d.id, d.title, d.source, d.reference, dict(d.hypotheses)) for d in corpus]
    if fmt == "disk":
        assert datasets.load_from_disk(str(out / "documents")).num_rows == rows.num_rows
    manifest = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["corpus"]) == (fmt, "tiny")
    assert manifest["tables"]["documents"]["rows"] == 4


def test_export_with_results_keeps_scores_flags_and_segments(tiny_corpus, tmp_path):
    out = tmp_path / "export"
    assert main(["-q", "export", str(tiny_corpus), "--out", str(out), "--format", "parquet", "--with-results",
                 "--no-comet"]) == 0
    ev = evaluate(tiny_corpus)   # same options: default metrics, aligned unit, flags on, no COMET
    documents = datasets.load_dataset(str(out), "documents", split="test")
    for metric in ("bleu", "chrf", "chrf++", "ter"):
        by_key = {(r["system"], r["doc_id"]): r[metric] for r in documents}
        assert by_key == {(d.system, d.doc_id): d.scores[metric].value for d in ev.result.documents}
    assert documents.features["flags"].feature["category"].dtype == "string"
    assert sum(len(f) for f in documents["flags"]) == len(ev.flags)
    segments = datasets.load_dataset(str(out), "segments", split="test")
    assert segments.num_rows == len(ev.segments)
    assert segments["type"] == list(ev.segments["type"])
    manifest = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert manifest["metrics"]["bleu"]["signature"] == ev.result.signatures()["bleu"]


def test_dataset_views_of_an_evaluation(tiny_corpus):
    ev = evaluate(tiny_corpus, flags=False)
    documents = corpus_to_dataset(ev.corpus, ev.result)
    assert "flags" not in documents.column_names
    exported = {(r["system"], r["doc_id"]): r["bleu"] for r in documents}
    assert exported == {(r.system, r.doc_id): r.bleu for r in ev.documents.itertuples()}
    assert "Signatures: bleu: nrefs:1" in documents.info.description
    segments = segments_to_dataset(ev.result)
    assert segments.num_rows == len(ev.segments)
    assert segments["hypothesis"] == list(ev.segments["hypothesis"])
    with pytest.raises(UsageError, match=r"the result is of corpus 'tiny', not 'other'"):
        from dataclasses import replace

        corpus_to_dataset(replace(ev.corpus, name="other"), ev.result)


def test_export_replaces_an_earlier_export_but_never_another_folder(tiny_corpus, tmp_path, capsys):
    out = tmp_path / "export"
    corpus = load_corpus(tiny_corpus)
    export_dataset(corpus, out, format="jsonl")
    export_dataset(corpus, out, format="parquet")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        ["README.md", "data/documents.parquet", "export.json"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export")] == []   # no temp folder left
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("\\begin{document}\n", encoding="utf-8")
    assert main(["export", str(tiny_corpus), "--out", str(tmp_path / "mine")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "exists and is not an evalkit export" in err
    assert (tmp_path / "mine" / "thesis.tex").exists()


def test_export_is_importable_without_datasets_at_parser_build():
    code = ("import sys; from evalkit.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('datasets', 'pandas', 'sacrebleu') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr
