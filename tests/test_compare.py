"""`evalkit compare` end to end: CIs that bracket the scores, paired tests, per-document tallies, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu

from evalkit.cli import main

from .conftest import BUNDLED, REFERENCES, SOURCES, SYSTEMS


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> tuple[dict, str]:
    """copy-source against web-spinner-mt on the bundled corpus: compare.json and compare.md."""
    out = tmp_path_factory.mktemp("compare")
    assert main(["-q", "compare", str(BUNDLED), "--no-comet", "--no-flags", "--systems",
                 "copy-source,web-spinner-mt", "--baseline", "web-spinner-mt", "--ar-trials", "1000",
                 "--out", str(out)]) == 0
    return (json.loads((out / "compare.json").read_text(encoding="utf-8")),
            (out / "compare.md").read_text(encoding="utf-8"))


def _comparison(payload: dict, candidate: str, statistic: str) -> dict:
    return next(c for c in payload["significance"]["comparisons"]
                if c["candidate"] == candidate and c["statistic"] == statistic)


def test_copy_source_is_significantly_worse_than_the_seed_mt(bundled):
    payload, _ = bundled
    assert payload["baseline"] == "web-spinner-mt" and payload["candidates"] == ["copy-source"]
    for metric in ("bleu", "chrf", "chrf++"):
        c = _comparison(payload, "copy-source", metric)
        assert c["difference"] < 0 and c["ci_high"] < 0
        # No resample comes near a 50-point gap: the smallest p-value 1000 resamples can give.
        assert c["p_bootstrap"] == round(1 / 1001, 6)
        assert c["p_randomization"] < 0.05
        assert payload["verdicts"][f"copy-source|{metric}"] == "worse"
    ter = _comparison(payload, "copy-source", "ter")      # lower is better: a rise is a loss
    assert ter["difference"] > 0 and ter["improvement"] < 0 and ter["p_bootstrap"] < 0.05
    assert payload["verdicts"]["copy-source|ter"] == "worse"


def test_confidence_intervals_bracket_the_scores(bundled):
    payload, _ = bundled
    estimates = payload["significance"]["estimates"]
    assert {(e["system"], e["statistic"]) for e in estimates} == {
        (s, m) for s in ("copy-source", "web-spinner-mt") for m in ("bleu", "chrf", "chrf++", "ter")}
    for e in estimates:
        assert e["ci_low"] <= e["value"] <= e["ci_high"], e
    for c in payload["significance"]["comparisons"]:
        assert c["ci_low"] <= c["difference"] <= c["ci_high"], c
    assert payload["significance"]["resamples"] == 1000 and payload["significance"]["seed"] == 12345
    assert payload["significance"]["signatures"]["bleu"].endswith("|unit:segments|bs:1000|ar:1000|seed:12345")


def test_per_document_tallies_and_markdown(bundled):
    payload, markdown = bundled
    tallies = {t["statistic"]: t for t in payload["documents"]}
    for metric in ("bleu", "chrf", "chrf++", "ter"):
        assert (tallies[metric]["wins"], tallies[metric]["ties"], tallies[metric]["losses"]) == (0, 0, 5)
    assert markdown.startswith("# System comparison: spinner-news-en-fr")
    assert "| system | bleu | chrf | chrf++ | ter |" in markdown
    assert "| web-spinner-mt (baseline) |" in markdown
    assert "| copy-source | bleu |" in markdown and "worse ▼" in markdown
    assert "## Per-document wins / ties / losses (of 5 documents)" in markdown


def _tiny_with_copy(tiny_corpus: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "good-copy"
    copy.mkdir()
    for path in (tiny_corpus / "systems" / "good").glob("*.txt"):
        (copy / path.name).write_bytes(path.read_bytes())
    return copy


def test_a_system_against_an_identical_copy(tiny_corpus, tmp_path, capsys):
    copy = _tiny_with_copy(tiny_corpus, tmp_path)
    assert main(["compare", str(tiny_corpus), "--system", f"good-copy={copy}", "--systems", "good,good-copy",
                 "--baseline", "good", "--no-comet", "--no-flags", "--ar-trials", "200", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    for metric in ("bleu", "chrf", "chrf++", "ter"):
        c = _comparison(payload, "good-copy", metric)
        assert c["difference"] == 0.0 and (c["ci_low"], c["ci_high"]) == (0.0, 0.0)
        assert c["p_bootstrap"] == 1.0 and c["p_randomization"] == 1.0
        assert payload["verdicts"][f"good-copy|{metric}"] == "n.s."
    assert all((t["wins"], t["ties"], t["losses"]) == (0, 2, 0) for t in payload["documents"])


def test_scores_are_sacrebleus_over_the_aligned_segments(tiny_corpus, capsys):
    assert main(["compare", str(tiny_corpus), "--no-comet", "--no-flags", "--ar-trials", "0",
                 "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["baseline"] == "good"            # first in alphabetical order
    hyps = [s for doc in ("doc-a", "doc-b") for s in SYSTEMS["poor"][doc].split("\n\n")]
    refs = [s for doc in ("doc-a", "doc-b") for s in REFERENCES[doc].split("\n\n")]
    hyps, refs = [h.strip() for h in hyps], [r.strip() for r in refs]
    poor = {e["statistic"]: e["value"] for e in payload["significance"]["estimates"] if e["system"] == "poor"}
    assert poor["bleu"] == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score, abs=1e-6)
    assert poor["chrf"] == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs]).score, abs=1e-6)
    assert _comparison(payload, "poor", "bleu")["p_randomization"] is None     # --ar-trials 0


def test_text_output_is_deterministic_and_documents_unit(tiny_corpus, capsys):
    args = ["compare", str(tiny_corpus), "--no-comet", "--no-flags", "--ar-trials", "100", "--unit", "documents"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    assert "from 1000 resamples of 2 documents (seed 12345)" in first
    assert "Scores [95% CI]" in first and "good (baseline)" in first
    assert "Documents where the candidate beats / ties / loses to the baseline (of 2)" in first
    assert "bleu: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in first


@pytest.mark.parametrize("args, message", [
    (["--baseline", "nope"], "evalkit: error: unknown system 'nope'; available: good, poor"),
    (["--metrics", "bleu,comet"], "evalkit: error: --metrics names comet but --no-comet was given"),
])
def test_usage_errors_exit_2_with_one_line(tiny_corpus, capsys, args, message):
    assert main(["compare", str(tiny_corpus), "--no-comet", "--no-flags", *args]) == 2
    err = capsys.readouterr().err
    assert err.strip() == message


def test_bad_option_value_exits_2_with_one_line(tiny_corpus, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", str(tiny_corpus), "--resamples", "0"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "--resamples: must be an integer from 1 to 100,000, not 0" in err and len(err.splitlines()) == 1


def test_comet_from_a_local_checkpoint_is_compared_without_randomization(tiny_corpus, tmp_path, capsys,
                                                                         monkeypatch):
    pytest.importorskip("comet")
    from tests.comet_fixture import build_tiny_comet

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    texts = list(SOURCES.values()) + list(REFERENCES.values()) + \
        [t for docs in SYSTEMS.values() for t in docs.values()]
    checkpoint = build_tiny_comet(tmp_path / "comet", texts)
    assert main(["compare", str(tiny_corpus), "--comet-model", str(checkpoint), "--no-cache", "--cpu",
                 "--no-flags", "--metrics", "bleu", "--ar-trials", "100", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    comet = _comparison(payload, "poor", "comet")
    assert comet["p_bootstrap"] is not None and comet["p_randomization"] is None
    for e in payload["significance"]["estimates"]:
        assert e["ci_low"] <= e["value"] <= e["ci_high"]
    assert payload["significance"]["signatures"]["comet"].startswith("comet|model:")
