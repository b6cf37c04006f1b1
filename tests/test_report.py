"""evalkit/report/__init__.py: which files a run writes, where, and that they hold the run's
numbers (checked against sacreBLEU run in the test)."""

from __future__ import annotations

import csv
import json

import pytest
import sacrebleu

from evalkit.api import evaluate
from evalkit.errors import InputError
from evalkit.report import DOCUMENT_REPORTS, output_root, write_document_reports, write_reports, write_run_reports


@pytest.fixture
def tiny_result(tiny_corpus):
    return evaluate(tiny_corpus, metrics=("bleu", "ter"), flags=True).result


def _tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_write_reports_writes_three_pages_per_document_and_three_run_files(tiny_result, tmp_path):
    written = write_reports(tiny_result, tmp_path / "out")
    root = tmp_path / "out" / "tiny"
    expected = sorted([f"{s}/{d}{suffix}" for s in ("good", "poor") for d in ("doc-a", "doc-b")
                       for suffix, _ in DOCUMENT_REPORTS] + ["index.html", "summary.csv", "summary.json"])
    assert sorted(p.relative_to(root).as_posix() for p in written) == expected == sorted(_tree(root))


def test_the_same_result_gives_the_same_bytes(tiny_result, tmp_path):
    write_reports(tiny_result, tmp_path / "one")
    write_reports(tiny_result, tmp_path / "two")
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_document_pages_in_the_order_of_DOCUMENT_REPORTS(tiny_result, tmp_path):
    document = tiny_result.documents[0]
    root = output_root(tiny_result, tmp_path)
    paths = write_document_reports(tiny_result, document, root)
    assert [p.suffix for p in paths] == [suffix for suffix, _ in DOCUMENT_REPORTS] == [".json", ".md", ".html"]
    assert paths[0] == root / document.system / f"{document.doc_id}.json"


def test_json_report_scores_are_sacrebleus(tiny_result, tmp_path):
    root = output_root(tiny_result, tmp_path)
    for document in tiny_result.documents:
        payload = json.loads(write_document_reports(tiny_result, document, root)[0].read_text(encoding="utf-8"))
        hyps = [row["hypothesis"] for row in payload["segments"]]
        refs = [[row["reference"] for row in payload["segments"]]]
        assert payload["scores"]["bleu"]["value"] == pytest.approx(sacrebleu.corpus_bleu(hyps, refs).score,
                                                                    abs=5e-7)   # written to 6 decimals
        assert payload["scores"]["ter"]["value"] == pytest.approx(sacrebleu.corpus_ter(hyps, refs).score, abs=5e-7)
        assert payload["scores"]["bleu"]["unit"] == "aligned-segments"
        assert len(payload["flags"]) == len(document.flags)


def test_summary_csv_has_a_row_per_system_and_document(tiny_result, tmp_path):
    root = output_root(tiny_result, tmp_path)
    write_run_reports(tiny_result, root)
    with (root / "summary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["level"], r["system"], r["doc_id"]) for r in rows] == [
        ("corpus", "good", ""), ("corpus", "poor", ""),
        ("document", "good", "doc-a"), ("document", "good", "doc-b"),
        ("document", "poor", "doc-a"), ("document", "poor", "doc-b")]
    corpus_bleu = {s.system: s.scores["bleu"].value for s in tiny_result.systems}
    assert {r["system"]: float(r["bleu"]) for r in rows if r["level"] == "corpus"} == pytest.approx(corpus_bleu, abs=5e-5)   # 4 decimals
    summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    assert summary["corpus"] == "tiny" and summary["metrics"] == ["bleu", "ter"]


@pytest.mark.parametrize("name", ["../escape", "/abs", ""])
def test_output_root_refuses_a_corpus_name_that_is_a_path(tiny_result, tmp_path, name):
    from dataclasses import replace

    with pytest.raises(InputError, match="refusing to write reports for corpus name"):
        output_root(replace(tiny_result, corpus=name), tmp_path)
