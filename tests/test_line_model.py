"""The line classifier (evalkit/detectors/line_model.py) and its training tool (tools/train_line_model.py), on
lines written for this test: what it reads as junk or a prompt, what it leaves, and how layout.py asks it
(only lines no rule classified; with the source, only lines with no source counterpart; without it, from what
the line says as well as from its shape)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.line_model import LABELS, features, line_model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import train_line_model  # noqa: E402  (a tool, not a package module)

BOILERPLATE, PROMPT = "addition/boilerplate", "addition/prompt-leak"


def _flags(mt: str, lang: str, source: str | None = None) -> list[tuple[str, str, str]]:
    doc = prepare_input(mt, "en", lang, source=source)
    return [(f.category, f.text, f.evidence) for f in run_detectors(doc, make_detectors())]


def test_features_are_words_pairs_letter_runs_and_shape():
    found = features("Abonnez-vous : 2 € | offre")
    assert {"w:abonnez", "b:abonnez_-", "c3:<ab", "c5:nnez>", "w:2", "sep", "noend", "len:1"} <= set(found)
    assert len(found) == len(set(found))


def test_the_shipped_model_reads_junk_prompts_and_prose_apart():
    model = line_model()
    assert model is not None
    junk = model.verdict("Suivez toute l’actualité de votre région en téléchargeant gratuitement notre application.")
    prompt = model.verdict("Formuliere den folgenden Abschnitt bitte freundlicher und ergänze eine Zwischenüberschrift.")
    prose = model.verdict("Der Bürgermeister kündigte an, die Brücke bis zum Sommer zu sanieren.")
    english = model.verdict("The mayor said the bridge would be repaired by the summer.")
    assert junk.label == "junk" and junk.probability > 0.9 and "votre" in junk.cues
    assert prompt.label == "prompt" and prompt.probability > 0.9 and "formuliere" in prompt.cues
    assert prose.probability < 0.1 and english.probability < 0.1   # English prose is no English prompt


def test_a_headline_has_a_junk_shape_but_not_its_words():
    verdict = line_model().verdict("Vier Tote nach Unwetter: Die Lage in Bayern bleibt angespannt")
    assert verdict.said < 0.5


def test_without_the_source_a_line_no_rule_knows_is_flagged_from_what_it_says():
    line = "Formuliere den folgenden Abschnitt bitte freundlicher und ergänze eine Zwischenüberschrift."
    mt = ("Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n" + line + "\n"
          "Die Arbeiten beginnen im kommenden Frühjahr.\n")
    found = _flags(mt, "de")
    assert [(c, t) for c, t, _ in found] == [(PROMPT, line)]
    assert found[0][2].startswith("the line classifier reads it as a leaked prompt")


def test_without_the_source_a_headline_is_not_flagged():
    mt = ("Vier Tote nach Unwetter: Die Lage in Bayern bleibt angespannt\n"
          "Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n"
          "Die Arbeiten beginnen im kommenden Frühjahr.\n")
    assert _flags(mt, "de") == []


_SOURCE = ("The city council passed the 2025 budget on Tuesday evening after a four-hour debate.\n"
           "It sets aside 12 million euros for the renovation of the old bridge over the Main.\n"
           "Work will begin next spring and should last two years.\n")
_MT = ("Der Stadtrat hat am Dienstagabend nach vierstündiger Debatte den Haushalt 2025 beschlossen.\n"
       "Er sieht 12 Millionen Euro für die Sanierung der alten Mainbrücke vor.\n"
       "{line}\n"
       "Die Arbeiten beginnen im kommenden Frühjahr und sollen zwei Jahre dauern.\n")


def test_with_the_source_a_line_with_no_counterpart_is_asked_and_one_with_a_counterpart_is_not():
    line = "Formuliere den folgenden Abschnitt bitte freundlicher und ergänze eine Zwischenüberschrift."
    mt = _MT.format(line=line)
    found = _flags(mt, "de", _SOURCE)
    assert [(c, t) for c, t, _ in found] == [(PROMPT, line)]
    assert found[0][2].startswith("the line classifier") and found[0][2].endswith("no source counterpart (none, or one held by length alone)")
    lines = _SOURCE.splitlines()
    source = "\n".join(lines[:2] + ["Please reword the following section in a friendlier way and add a subheading."]
                       + lines[2:]) + "\n"
    assert not any(e.startswith("the line classifier") for _, _, e in _flags(mt, "de", source))   # the source has it


def test_with_the_source_added_prose_is_no_junk():
    source = "The council passed the budget on Tuesday evening.\nWork will begin next spring.\n"
    added = "Le maire a rappelé que la ville avait déjà rénové trois écoles depuis son élection."
    mt = "Le conseil a voté le budget mardi soir.\n" + added + "\nLes travaux commenceront au printemps prochain.\n"
    assert [c for c, _, _ in _flags(mt, "fr", source) if c in (BOILERPLATE, PROMPT)] == []


def test_the_tool_labels_lines_from_the_gold_spans():
    text = "Titre\nAbonnez-vous à notre lettre\nLe maire a parlé.\n"
    spans = [{"category": "addition/boilerplate", "start": 6, "end": 33}]
    assert train_line_model._labelled(text, spans) == [("article", "Titre"), ("junk", "Abonnez-vous à notre lettre"),
                                                      ("article", "Le maire a parlé.")]


def test_the_tool_fits_the_same_weights_twice_and_separates_its_lines():
    lines = [("article", "Le maire a inauguré le pont mardi."), ("article", "Les travaux ont duré deux ans."),
             ("junk", "Abonnez-vous à notre lettre d'information"), ("junk", "Partager sur Facebook | Twitter"),
             ("prompt", "Réécris ce texte dans un style plus neutre."), ("prompt", "Voici l'article réécrit :")]
    names, weights, bias = train_line_model.fit(lines)
    again = train_line_model.fit(lines)
    assert names == again[0] and np.array_equal(weights, again[1]) and np.array_equal(bias, again[2])
    index = {n: k for k, n in enumerate(names)}
    for label, line in lines:
        scores = bias + sum(weights[index[f]] for f in features(line))
        assert LABELS[int(np.argmax(scores))] == label


@pytest.mark.parametrize("split", ["heldout", "heldout89", "heldout90"])
def test_the_tool_never_reads_the_first_held_out_nor_the_unmeasured_ones(split):
    # the first held-out is never opened while tuning (it was read until the thirty-fourth session: a slip);
    # held-outs 89 and 90 were written in the fortieth session and measured untouched in it
    assert split not in train_line_model.TUNING


def test_the_tool_reads_every_measured_tuning_split():
    assert train_line_model.TUNING == ("dev",) + tuple(f"heldout{n}" for n in range(2, 89))


def test_the_shipped_file_says_what_it_was_trained_on():
    head = [r for r in (ROOT / "evalkit" / "data" / "line_model.tsv").read_text(encoding="utf-8").splitlines()[:6]]
    assert head[0].startswith("# Line classifier weights, written by tools/train_line_model.py")
    counts = {}
    for label, _ in train_line_model.training_lines():
        counts[label] = counts.get(label, 0) + 1
    assert "# Lines per label: " + ", ".join(f"{k} {counts[k]}" for k in LABELS) + "." in head


def test_a_line_the_aligner_held_to_a_source_sentence_by_length_alone_is_asked():
    from dataclasses import replace

    from evalkit.alignment.aligner import Link

    line = "Formuliere den folgenden Abschnitt bitte freundlicher und ergänze eine Zwischenüberschrift."
    mt = _MT.format(line=line)
    source = "\n".join(_SOURCE.splitlines()[:2] + ["The bridge was built in 1886 and last repaired in 1972."]
                       + _SOURCE.splitlines()[2:]) + "\n"
    doc = prepare_input(mt, "en", "de", source=source)
    # the aligner paired the sentence the MT left out with the prompt standing at its place, by length alone
    held = [Link((0,), (0,), -3.0), Link((1,), (1,), -3.0), Link((2,), (2,), 1.5), Link((3,), (3,), -3.0)]
    found = [(f.category, f.text) for f in run_detectors(replace(doc, alignment=held), make_detectors())]
    assert (PROMPT, line) in found and any(c == "accuracy/omission" for c, _ in found)
    anchored = [Link((0,), (0,), -3.0), Link((1,), (1,), -3.0), Link((2,), (2,), -0.5), Link((3,), (3,), -3.0)]
    found = [(f.category, f.text) for f in run_detectors(replace(doc, alignment=anchored), make_detectors())]
    assert (PROMPT, line) not in found   # a pair the aligner holds by shared words is the source's line
    # (where the aligner has a dictionary, Russian, what the sides share decides: tests/test_detectors_round14.py)
