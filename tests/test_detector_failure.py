"""A detector that raises is a bug in evalkit, not bad input: run_detectors names the detector and the document
(DetectorFailed, the original error its cause), and the command line says so in one line, exit status 1, without a
traceback (-vv prints it); the reports of the documents done before are whole, nothing is written for that
document or the corpus summary. Held-out 62 met such a bug (a subscription offer known only
by its addressing the reader raised AttributeError in layout.py), which had printed a traceback.

The failing detector is registered for the test the way a new detector is (one registry line): the real
run_detectors, command line and pipeline run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.detectors import DETECTORS, run_detectors
from evalkit.detectors.base import Detector, prepare_input
from evalkit.errors import DetectorFailed


class _Broken(Detector):
    """A detector with a bug: it raises on every document."""

    name = "broken-for-test"
    categories = ("fluency/punctuation",)

    def detect(self, doc):
        raise KeyError("a table row the detector expected")


@pytest.fixture
def broken():
    DETECTORS.register(_Broken.name, _Broken)
    yield _Broken.name
    DETECTORS.unregister(_Broken.name)


def test_run_detectors_names_the_detector_and_the_document():
    doc = prepare_input("Le maire a parlé.", "en", "fr", doc_id="doc-7")
    with pytest.raises(DetectorFailed) as caught:
        run_detectors(doc, [_Broken()])
    assert caught.value.detector == "broken-for-test" and caught.value.doc_id == "doc-7"
    assert "KeyError" in str(caught.value) and isinstance(caught.value.__cause__, KeyError)


def test_flag_reports_a_detector_failure_in_one_line_with_exit_1(broken, tmp_path, capsys):
    text = tmp_path / "mt.txt"
    text.write_text("Le maire a parlé.\n", encoding="utf-8")
    code = main(["flag", str(text), "--src-lang", "en", "--tgt-lang", "fr", "--detectors", broken])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("evalkit: internal error: detector 'broken-for-test' failed") and "KeyError" in err


def test_run_stops_on_a_detector_failure_without_writing_reports(broken, tiny_corpus, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(["run", str(tiny_corpus), "--out", str(out), "--no-comet", "--detectors", broken])
    err = capsys.readouterr().err
    assert code == 1 and "internal error: detector 'broken-for-test' failed on document" in err
    assert "Traceback" not in err
    assert not out.exists() or not any(Path(out).rglob("*.json"))


class _BrokenOnOne(_Broken):
    """A detector with a bug that only one document meets."""

    name = "broken-on-one-for-test"

    def detect(self, doc):
        if doc.doc_id == _BrokenOnOne.victim:
            raise KeyError("a table row the detector expected")
        return []


def test_a_failure_on_a_later_document_keeps_the_earlier_reports_whole(tiny_corpus, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["-q", "run", str(tiny_corpus), "--out", str(out), "--no-comet"]) == 0
    done = sorted(p.name for p in out.rglob("*.json"))
    _BrokenOnOne.victim = sorted(p.stem for p in (tiny_corpus / "source").glob("*.txt"))[-1]
    DETECTORS.register(_BrokenOnOne.name, _BrokenOnOne)
    try:
        again = tmp_path / "again"
        code = main(["-q", "run", str(tiny_corpus), "--out", str(again), "--no-comet", "--detectors",
                     _BrokenOnOne.name])
    finally:
        DETECTORS.unregister(_BrokenOnOne.name)
    err = capsys.readouterr().err
    assert code == 1 and f"failed on document {_BrokenOnOne.victim!r}" in err
    written = sorted(p.name for p in again.rglob("*.json")) if again.exists() else []
    assert written and all(name in done for name in written)
    assert not any(_BrokenOnOne.victim in name for name in written) and "summary.json" not in written
    assert not list(again.rglob("*.tmp"))


def test_the_traceback_is_printed_with_vv(broken, tmp_path, capsys):
    text = tmp_path / "mt.txt"
    text.write_text("Le maire a parlé.\n", encoding="utf-8")
    assert main(["-vv", "flag", str(text), "--src-lang", "en", "--tgt-lang", "fr", "--detectors", broken]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "KeyError" in err and "internal error" in err
