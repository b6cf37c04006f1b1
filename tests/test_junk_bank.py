"""Junk, leaked prompts and truncation without a source, on the hand-written bank in
tests/data/junk_bank (written for this test; the aside/ third was never tuned on). Each bank line
is placed inside a dev article (benchmarks/junk_bank.py) and the real detectors run on it."""

from __future__ import annotations

import pytest

from benchmarks.junk_bank import LANGS, line_results, truncation_results
from evalkit.detectors.layout import chatter_spans, pattern_junk


@pytest.mark.parametrize("lang", LANGS)
def test_tuning_bank_junk_and_prompts_are_flagged_and_news_lines_are_not(lang):
    results = line_results(lang, "tune") + (line_results("fr", "tune", "en") if lang == "fr" else [])
    missed = [line for kind, line, flagged, _ in results if kind != "ok" and not flagged]
    false = [line for kind, line, flagged, _ in results if kind == "ok" and flagged]
    assert false == []
    assert missed == []


def test_set_aside_bank_keeps_precision_and_most_of_the_recall():
    # measured, not tuned on: 21/24 junk, 13/15 prompts, 1/56 ordinary lines flagged (see
    # docs/detectors-structural.md); the bounds leave room for an honest change either way
    results = [r for lang in LANGS for r in line_results(lang, "aside")] + line_results("fr", "aside", "en")
    found = sum(flagged for kind, _, flagged, _ in results if kind != "ok")
    total = sum(1 for kind, *_ in results if kind != "ok")
    false = sum(flagged for kind, _, flagged, _ in results if kind == "ok")
    assert found / total >= 0.75
    assert false <= 2


@pytest.mark.parametrize("lang", LANGS)
def test_cut_last_line_before_furniture_is_truncation_and_whole_article_is_not(lang):
    results = truncation_results(lang, "tune")
    assert not any(false for _, _, false in results)
    assert sum(hit for _, hit, _ in results) >= 6


def test_every_flag_names_its_evidence():
    junk = pattern_junk("Foto: Michael Kappeler/dpa", "de", ["en"])
    assert junk and "Foto" in junk[0]
    assert "Sie" in pattern_junk("Melden Sie sich für unseren täglichen Nachrichtenüberblick an", "de", ["en"])[0]
    spans = chatter_spans("Надеюсь, эта версия вам подойдёт!")
    assert spans and "версия" in spans[0][2]


@pytest.mark.parametrize("line", [
    "Fotos: Nach Restaurierungen eröffnet Ägypten die Gräber Djehuty und Hery",   # a headline kicker
    "Fake News: CBN widerlegt Behauptung, sie könne keine neuen Naira-Noten drucken",
    "Le gouvernement a présenté une version reformulée du texte de loi.",
    "« Je vous ai envoyé le texte de la nouvelle version », a-t-il dit.",
    "Google a présenté jeudi son nouveau modèle de langage, Gemini.",
    "Le ministre a déclaré : « je vais réécrire ce texte moi-même ».",
])
def test_news_lines_that_look_like_furniture_or_chatter_are_left_alone(line):
    assert pattern_junk(line, "fr" if "«" in line or "Le " in line else "de", ["en"]) is None
    assert chatter_spans(line) == []


def test_furniture_the_source_carries_was_translated_not_injected():
    """A photo credit in the English article, kept in the French: with the source it is no addition;
    without the source it reads as page furniture."""
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input

    source = ("Wind farm approved near Loch Ness.\nJeff J Mitchell | Getty Images | AFP\n"
              "Judges ruled on Tuesday that ministers had acted lawfully.\n")
    mt = ("Un parc éolien autorisé près du Loch Ness.\nJeff J Mitchell | Getty Images | AFP\n"
          "Les juges ont estimé mardi que les ministres avaient agi légalement.\n")
    credit = (mt.index("Jeff"), mt.index("AFP") + 3)
    assert pattern_junk("Jeff J Mitchell | Getty Images | AFP", "fr", ["en"])   # furniture by its shape
    detectors = make_detectors(["injected"])
    alone = run_detectors(prepare_input(mt, "en", "fr"), detectors)
    assert [(f.start, f.end) for f in alone if f.category == "addition/boilerplate"] == [credit]
    with_source = run_detectors(prepare_input(mt, "en", "fr", source=source), detectors)
    assert not [f for f in with_source if f.category == "addition/boilerplate"]
