"""The command line end to end: reports written, exit codes, one-line errors."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import sacrebleu

from evalkit.cli import main

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "evalkit" / "schemas" /
                     "document-report.schema.json").read_text(encoding="utf-8"))


def test_run_writes_valid_reports(tiny_corpus, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["run", str(tiny_corpus), "--out", str(out), "--no-comet"]) == 0
    printed = capsys.readouterr().out
    assert "good" in printed and "doc-a" in printed and "nrefs:1|case:mixed|eff:no|tok:13a" in printed
    reports = sorted((out / "tiny").glob("*/*.json"))
    assert [p.relative_to(out / "tiny").as_posix() for p in reports] == [
        "good/doc-a.json", "good/doc-b.json", "poor/doc-a.json", "poor/doc-b.json"]
    for path in reports:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    report = json.loads((out / "tiny" / "poor" / "doc-b.json").read_text(encoding="utf-8"))
    # Document scores pool the aligned segments, as sacreBLEU's corpus_chrf does.
    expected = sacrebleu.corpus_chrf(["Pluie lourde est tombée.", "Écoles fermées."],
                                     [["De fortes pluies sont tombées sur la région.",
                                       "Les écoles sont restées fermées."]]).score
    assert report["scores"]["chrf"]["value"] == pytest.approx(expected, abs=1e-6)
    assert report["scores"]["chrf"]["unit"] == "aligned-segments"
    assert [s["type"] for s in report["segments"]] == ["1-1", "1-1"]
    assert report["segments"][1]["scores"]["chrf"] == pytest.approx(
        sacrebleu.sentence_chrf("Écoles fermées.", ["Les écoles sont restées fermées."]).score, abs=1e-6)
    for suffix in ("md", "html"):
        assert (out / "tiny" / "poor" / f"doc-b.{suffix}").exists()
    assert (out / "tiny" / "index.html").exists()
    rows = list(csv.DictReader((out / "tiny" / "summary.csv").open(encoding="utf-8")))
    corpus_rows = {r["system"]: r for r in rows if r["level"] == "corpus"}
    assert float(corpus_rows["good"]["bleu"]) > float(corpus_rows["poor"]["bleu"])
    assert float(corpus_rows["good"]["ter"]) < float(corpus_rows["poor"]["ter"])
    assert len(rows) == 6


def test_terminal_table_lists_documents_of_small_corpora_only(tiny_corpus):
    from evalkit import load_corpus
    from evalkit.pipeline import RunOptions, evaluate_corpus
    from evalkit.report.summary import format_table

    result = evaluate_corpus(load_corpus(tiny_corpus), RunOptions())
    small = format_table(result, max_documents=2).splitlines()
    assert sum(" doc-a " in line for line in small) == 2 and not any("summary.csv" in line for line in small)
    large = format_table(result, max_documents=1).splitlines()
    assert not any("doc-a" in line for line in large) and sum("(corpus, 2 documents)" in line for line in large) == 2
    assert "(per-document scores: summary.csv and index.html; more than 1 documents)" in large


def test_reports_are_byte_identical_across_runs(tiny_corpus, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["-q", "run", str(tiny_corpus), "--out", str(first), "--no-comet"]) == 0
    assert main(["-q", "run", str(tiny_corpus), "--out", str(second), "--no-comet"]) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_metrics_option_selects_metrics(tiny_corpus, tmp_path):
    assert main(["-q", "run", str(tiny_corpus), "--out", str(tmp_path), "--metrics", "chrf,ter",
                 "--no-comet", "--no-flags"]) == 0
    header = (tmp_path / "tiny" / "summary.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "level,system,doc_id,documents,chrf,ter"


@pytest.mark.parametrize("argv, message", [
    (["run", "{missing}"], "corpus folder not found"),
    (["run", "{corpus}", "--metrics", "blue"], "unknown metric 'blue'. Did you mean 'bleu'?"),
    (["run", "{corpus}", "--systems", "nope"], "unknown system 'nope'"),
    (["run", "{corpus}", "--bogus"], "unrecognized arguments: --bogus"),
])
def test_user_errors_exit_2_with_one_line(tiny_corpus, tmp_path, capsys, argv, message):
    argv = [a.format(missing=tmp_path / "nowhere", corpus=tiny_corpus) for a in argv]
    with pytest.raises(SystemExit) if "--bogus" in argv else _no_exit():
        code = main(argv + ["--out", str(tmp_path / "out"), "--no-comet"])
        assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


class _no_exit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_bad_input_file_names_the_file(tiny_corpus, tmp_path, capsys):
    (tiny_corpus / "systems" / "good" / "doc-a.txt").write_bytes(b"\xff\xfebad utf-16")
    assert main(["run", str(tiny_corpus), "--out", str(tmp_path / "out"), "--no-comet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "systems/good/doc-a.txt: looks like UTF-16" in err
    assert not (tmp_path / "out" / "tiny").exists()


def test_validate_exit_codes(tiny_corpus, bundled_copy, capsys):
    assert main(["validate", str(bundled_copy)]) == 0
    assert "ok (5 documents" in capsys.readouterr().out
    (tiny_corpus / "reference" / "doc-b.txt").unlink()
    assert main(["validate", str(tiny_corpus)]) == 2
    err = capsys.readouterr().err
    assert "reference/doc-b.txt: file not found" in err


def test_whole_document_unit(tiny_corpus, tmp_path):
    assert main(["-q", "run", str(tiny_corpus), "--out", str(tmp_path), "--no-comet", "--unit", "document"]) == 0
    report = json.loads((tmp_path / "tiny" / "poor" / "doc-b.json").read_text(encoding="utf-8"))
    expected = sacrebleu.corpus_chrf(["Pluie lourde est tombée. Écoles fermées."],
                                     [["De fortes pluies sont tombées sur la région. "
                                       "Les écoles sont restées fermées."]]).score
    assert report["scores"]["chrf"]["value"] == pytest.approx(expected, abs=1e-6)
    assert report["scores"]["chrf"]["unit"] == "document"


def test_python_dash_m_runs_the_bundled_corpus_and_reports_missing_comet(tmp_path):
    # `python -m evalkit run` with no corpus evaluates the bundled one; offline, COMET is
    # reported as not computed in every report and the run still succeeds.
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    done = subprocess.run([sys.executable, "-m", "evalkit", "run", "--out", str(tmp_path / "out")],
                          cwd=root, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    assert "web-spinner-mt" in done.stdout
    assert "COMET not computed: COMET model 'Unbabel/wmt22-comet-da' could not be loaded" in done.stdout
    reports = sorted((tmp_path / "out" / "spinner-news-en-fr" / "web-spinner-mt").glob("*.json"))
    assert len(reports) == 5
    for path in reports:
        payload = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(payload, SCHEMA)
        assert payload["scores"]["comet"]["value"] is None
        assert "could not be loaded" in payload["scores"]["comet"]["error"]
        assert payload["scores"]["bleu"]["value"] > 0
    assert (tmp_path / "out" / "spinner-news-en-fr" / "summary.csv").exists()


def test_run_without_comet_never_imports_torch(tiny_corpus, tmp_path):
    code = ("import sys; from evalkit.cli import main; "
            f"rc = main(['-q', 'run', {str(tiny_corpus)!r}, '--out', {str(tmp_path)!r}, '--no-comet']); "
            "assert rc == 0; assert 'torch' not in sys.modules, 'torch imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
