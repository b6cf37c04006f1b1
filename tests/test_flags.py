"""Tests for evalkit/flags.py: the MQM penalty and its non-translation weight."""

from __future__ import annotations

import pytest

from evalkit.corpus import load_corpus
from evalkit.flags import SEVERITY_WEIGHTS, Flag, flag_weight, is_non_translation, mqm_penalty
from evalkit.pipeline import RunOptions, evaluate_corpus

from .conftest import BUNDLED


def flag(category: str, severity: str) -> Flag:
    return Flag(0, 4, category, severity, "text", "test")


def test_weights_are_mqm_s():
    # Freitag et al. (2021), "Experts, Errors, and Context", Table 2: minor 1, major 5, non-translation 25
    assert SEVERITY_WEIGHTS == {"minor": 1.0, "major": 5.0, "critical": 25.0, "non-translation": 25.0}


def test_a_critical_untranslated_flag_is_a_non_translation_weighted_on_its_own():
    segment = flag("accuracy/untranslated", "critical")
    word = flag("accuracy/untranslated", "major")
    outlet = flag("accuracy/mistranslation/named-entity", "critical")
    assert is_non_translation(segment) and not is_non_translation(word) and not is_non_translation(outlet)
    weights = {"minor": 1.0, "major": 5.0, "critical": 10.0, "non-translation": 40.0}
    assert [flag_weight(f, weights) for f in (segment, word, outlet)] == [40.0, 5.0, 10.0]
    # weights without a non-translation entry keep MQM's 25 for it
    assert flag_weight(segment, {"minor": 1.0, "major": 5.0, "critical": 10.0}) == 25.0


def test_penalty_sums_the_weights_per_100_words():
    flags = [flag("accuracy/untranslated", "critical"), flag("accuracy/untranslated", "major"),
             flag("fluency/punctuation", "minor")]
    summary = mqm_penalty(flags, 50, {"minor": 1.0, "major": 5.0, "critical": 25.0, "non-translation": 30.0})
    assert summary.penalty == 36.0 and summary.penalty_per_100_words == 72.0
    assert summary.counts == {"accuracy/untranslated": 2, "fluency/punctuation": 1}
    assert mqm_penalty(flags, 50, {"minor": 1.0, "major": 5.0, "critical": 25.0}).weights["non-translation"] == 25.0


@pytest.fixture(scope="module")
def bundled_flags():
    return evaluate_corpus(load_corpus(BUNDLED), RunOptions(metrics=("chrf",)))


def test_copy_source_is_the_worst_system_by_far_in_every_bundled_document(bundled_flags):
    # The copy-source system's "French" is the English source: every segment is a non-translation.
    rate = {(d.system, d.doc_id): d.mqm.penalty_per_100_words for d in bundled_flags.documents}
    documents = {doc for _, doc in rate}
    others = {system for system, _ in rate} - {"copy-source"}
    assert others and documents
    for doc in documents:
        for system in others:
            assert rate[("copy-source", doc)] >= 2 * rate[(system, doc)], (doc, system)


def test_copy_source_flags_are_one_non_translation_per_segment(bundled_flags):
    for d in bundled_flags.documents:
        if d.system != "copy-source":
            continue
        untranslated = [f for f in d.flags if f.category == "accuracy/untranslated"]
        segments = [f for f in untranslated if is_non_translation(f)]
        assert len(segments) >= 5 and all(f.end - f.start >= 15 for f in segments)   # segments, not words
        # no English word is flagged again on its own (a name's English form may still be, minor)
        assert all(f.severity == "minor" for f in untranslated if not is_non_translation(f))


def test_the_cli_takes_a_non_translation_weight(tmp_path):
    import json
    import subprocess
    import sys

    mt = tmp_path / "mt.txt"
    mt.write_text("Le ministre a parlé une heure devant les députés.\n\n"
                  "The vote on the pension reform will take place on Friday.\n", encoding="utf-8")

    def penalty(*weights: str) -> dict:
        out = subprocess.run([sys.executable, "-m", "evalkit", "flag", str(mt), "--src-lang", "en",
                              "--tgt-lang", "fr", "--format", "json", *weights],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)["mqm"]

    assert penalty()["penalty"] == 25.0
    changed = penalty("--severity-weights", "non-translation=40")
    assert changed["penalty"] == 40.0 and changed["weights"]["non-translation"] == 40.0
    bad = subprocess.run([sys.executable, "-m", "evalkit", "flag", str(mt), "--severity-weights", "fatal=9"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "non-translation" in bad.stderr
