"""Tests for evalkit.detectors.place_names and the untranslated detector's use of it: country and city
names left in their source-language form. Texts written for these tests."""

from __future__ import annotations

from evalkit.detectors.base import prepare_input
from evalkit.detectors.place_names import place_pairs, place_pattern
from evalkit.detectors.untranslated import CATEGORY, UntranslatedDetector


def flags(mt: str, src: str = "en", tgt: str = "de", source: str | None = None):
    doc = prepare_input(mt, src, tgt, source=source, doc_id="d", system="s")
    return [f for f in UntranslatedDetector().detect(doc) if f.category == CATEGORY]


def test_cldr_names_pair_the_source_form_with_the_target_form() -> None:
    # CLDR 47 (Babel 2.17+): English "Türkiye", German "Türkei"; Vienna is Wien, Moscow Moskau
    pairs = place_pairs("en", "de")
    assert pairs["Türkiye"][0] == "Türkei"
    assert pairs["Vienna"][0] == "Wien"
    assert pairs["Moscow"][0] == "Moskau"
    assert place_pairs("en", "fr")["Vienna"][0] == "Vienne"


def test_names_both_languages_share_or_that_name_something_else_are_left_out() -> None:
    pairs = place_pairs("en", "de")
    # the same name in both ("Iran", "Berlin"), a spelling variant ("Porto-Novo"), a longer form
    # ("Brunei Darussalam"), and names that are a US state or a first name
    for name in ("Iran", "Berlin", "Porto-Novo", "Brunei", "Georgia", "Jordan", "Chad", "Washington"):
        assert name not in pairs, name


def test_the_pattern_matches_whole_names_longest_first() -> None:
    pattern = place_pattern("en", "de")
    assert pattern is not None
    assert [m.group() for m in pattern.finditer("Von Vienna nach New Zealand, nicht Viennas.")] == \
        ["Vienna", "New Zealand"]


def test_the_pattern_skips_names_glued_to_a_word_before_them() -> None:
    # the character before a name is checked after its first letter: still no name after a letter, a
    # digit, "_", a hyphen or an apostrophe, and still one at the text's start or after a space or a quote
    pattern = place_pattern("en", "de")
    assert pattern is not None
    text = "Vienna, xVienna, 2Vienna, _Vienna, Ost-Vienna, l'Vienna, d’Vienna, «Vienna», (Moscow) Moscow."
    assert [m.span() for m in pattern.finditer(text)] == [(0, 6), (68, 74), (78, 84), (86, 92)]


def test_a_country_left_in_english_in_german_is_flagged_with_the_german_name() -> None:
    found = flags("Retter ziehen in Türkiye sieben Überlebende aus den Trümmern.")
    assert [(f.text, f.suggestion, f.severity) for f in found] == [("Türkiye", "Türkei", "minor")]
    assert "CLDR" in found[0].evidence


def test_with_a_source_the_evidence_says_the_aligned_source_has_the_name() -> None:
    found = flags("Die Konferenz fand in Vienna statt.", source="The conference took place in Vienna.")
    assert [f.text for f in found] == ["Vienna"]
    assert "the aligned source has it" in found[0].evidence


def test_target_forms_names_in_longer_names_and_quotes_are_not_flagged() -> None:
    assert flags("Retter ziehen in der Türkei sieben Überlebende aus den Trümmern.") == []
    # part of a longer name: a club, a newspaper, a person
    assert flags("Der FK Austria Vienna gewann, berichtete die Moscow Times.") == []
    assert flags("Das Album „Greetings from Moscow“ erschien 1999.") == []


def test_names_in_transition_and_source_forms_the_target_writes_too_are_not_flagged() -> None:
    # "Kyiv" (taken up by the press of most languages in 2022) beside CLDR's "Kiev"; German writes
    # "Myanmar" as often as "Birma" (wordfreq)
    assert flags("Le président s'est rendu à Kyiv mardi.", tgt="fr",
                 source="The president travelled to Kyiv on Tuesday.") == []
    assert flags("Die Wahl in Myanmar wurde verschoben.", source="The election in Myanmar was postponed.") == []
