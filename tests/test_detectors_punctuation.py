"""Tests for the punctuation detector (texts written for the tests, not taken from the corpus)."""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.base import DetectionInput
from evalkit.detectors.punctuation import PunctuationDetector
from evalkit.segment import segment


def flags_of(hyp: str, tgt: str = "fr", with_segments: bool = True) -> list:
    doc = DetectionInput(hypothesis=hyp, src_lang="en", tgt_lang=tgt,
                         hypothesis_segments=segment(hyp, tgt) if with_segments else None)
    flags = PunctuationDetector().detect(doc)
    for f in flags:
        assert f.text == hyp[f.start:f.end]
        assert f.category == "fluency/punctuation" and f.severity == "minor"
        assert 0.0 <= f.confidence <= 1.0 and f.evidence
    return flags


def spans(hyp: str, tgt: str = "fr") -> list[str]:
    return [f.text for f in flags_of(hyp, tgt)]


@pytest.mark.parametrize(("hyp", "expected"), [
    ("Le pont est ouvert.. Les piétons arrivent.", [".."]),
    ("Le pont est ouvert. . par la mairie.", [". ."]),
    ("Le pont est ouvert..\n", [".."]),
    ("Les travaux, ,ont duré deux ans.", [", ,"]),
    ("Le pont est ouvert... Les piétons arrivent.", []),
    ("Le pont est ouvert… Les piétons arrivent.", []),
    ("Il hésita . . . puis partit.", []),
    ("Voir le fichier ../docs/plan.pdf pour le détail.", []),
])
def test_doubled_periods_but_not_ellipses(hyp: str, expected: list[str]) -> None:
    assert spans(hyp) == expected


@pytest.mark.parametrize(("hyp", "expected"), [
    ("Le pont a ouvert lundi.Les piétons sont venus nombreux.", ["lundi.Les"]),
    ("Xi s’est rendu au KazakhstanEn 2013, il a lancé un projet.", ["KazakhstanEn"]),
    ("The minister flew to OsloThe talks began at noon.", ["OsloThe"]),
    ("M. Dupont et Mme Durand sont arrivés.", []),
    ("Il a commandé chez McDonald et acheté un iPhone.", []),
    ("La vidéo est sur YouTube et LinkedIn, pas sur WhatsApp.", []),
    ("Consultez www.lyon.fr ou le site Amazon.Com pour en savoir plus.", []),
    ("Les États-Unis (U.S.) ont voté.", []),
])
def test_missing_sentence_break(hyp: str, expected: list[str]) -> None:
    tgt = "en" if "minister" in hyp else "fr"
    assert spans(hyp, tgt) == expected


@pytest.mark.parametrize(("hyp", "expected"), [
    ("Il a déclaré: « Nous avons fini. »", [":"]),
    ("Il a déclaré : « Nous avons fini. »", []),
    ("Il a déclaré\u00a0: «\u00a0Nous avons fini.\u00a0»", []),
    ("Vraiment? Oui!", ["?", "!"]),
    ("Vraiment ?! Oui !", []),
    ("La réunion a lieu à 16:30 à Paris.", []),
    ("Consultez https://www.lyon.fr/plan pour le trajet.", []),
    ("Les troupes ont atteint un «point culminant» selon l’armée.", ["«point culminant»"]),
    ("Les troupes ont atteint un « point culminant » selon l’armée.", []),
    ("Lyon , Paris et Marseille sont concernées .", [" ,", " ."]),
])
def test_french_typography(hyp: str, expected: list[str]) -> None:
    assert spans(hyp) == expected


def test_french_rules_do_not_apply_to_english() -> None:
    assert spans("He said: yes. Really? Yes!", "en") == []


@pytest.mark.parametrize(("hyp", "expected"), [
    ("Il a dit « je ne dirai pas “ jamais ” aujourd’hui », puis il est parti.", []),
    ("Elle veut rester « un leader de la coopération « la Route » selon lui.", ["«"]),
    ("Il les a qualifiés d’ »alliés » hier.", ["»"]),
    ("« Nous partirons demain, a-t-il dit.\n\n« Et nous reviendrons. »", []),
    ("Il a dit « nous partirons demain.\n\nLe maire a ensuite quitté la salle.", ["«"]),
])
def test_quotes(hyp: str, expected: list[str]) -> None:
    assert spans(hyp) == expected


def test_junk_lines_are_left_to_the_injected_detector() -> None:
    hyp = "Le pont est ouvert.\n\nREAD  Les cyclistes:la grande colère..\n\nLes piétons arrivent."
    assert spans(hyp) == []


def test_works_without_segments() -> None:
    assert [f.text for f in flags_of("Le pont est ouvert.. Oui.", with_segments=False)] == [".."]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["fr", "en", "de", "zh", "xx"]))
def test_never_raises_and_spans_are_exact(text: str, lang: str) -> None:
    flags_of(text, lang)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200),
                 st.lists(st.sampled_from(["a", "b.", " ", "  ", "\n", "\u00a0", "\u2009", "\t", "«", "x,y"]),
                          max_size=40).map("".join)))
def test_token_bounds_are_the_runs_of_non_spaces(text):
    import re

    from evalkit.detectors.punctuation import _token_bounds

    spans = [m.span() for m in re.finditer(r"\S+", text)]
    assert _token_bounds.__wrapped__(text) == ([a for a, _ in spans], [b for _, b in spans])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b.", " ", "\n", "\n\n", "\u00a0", "x,y", "www.a.com", "..", "é"]),
                max_size=30).map("".join), st.integers(0, 60), st.integers(0, 8))
def test_token_around_looks_at_the_lines_of_the_mark_only(text, a, width):
    from evalkit.detectors.punctuation import _token_around, _token_bounds

    a = min(a, len(text))
    b = min(a + width, len(text))
    starts, ends = _token_bounds.__wrapped__(text)   # every token of the text, as before
    x, y = a, b
    i = bisect.bisect_right(starts, x) - 1
    if i >= 0 and ends[i] >= x and not (x > 0 and text[x - 1].isspace()):
        x = starts[i]
    k = bisect.bisect_left(ends, y)
    if k < len(starts) and starts[k] <= y and not (y < len(text) and text[y].isspace()):
        y = ends[k]
    assert _token_around(text, a, b) == (x, y)


def test_a_glued_word_the_source_writes_so_is_a_name_not_a_lost_sentence_break() -> None:
    hyp = "Der Stadtrat lehnte eine Stellungnahme gegenüber KielHeute ab."
    assert [f.text for f in PunctuationDetector().detect(DetectionInput(
        hypothesis=hyp, src_lang="en", tgt_lang="de", hypothesis_segments=segment(hyp, "de")))] == ["KielHeute"]
    doc = DetectionInput(hypothesis=hyp, src_lang="en", tgt_lang="de", hypothesis_segments=segment(hyp, "de"),
                         source="The council declined to comment to KielHeute.")
    assert PunctuationDetector().detect(doc) == []
    # "Live" is more English's word than German's: "CornwallLive" is a name's two English halves, source or not
    hyp = "Der Stadtrat lehnte eine Stellungnahme gegenüber CornwallLive ab."
    assert PunctuationDetector().detect(DetectionInput(hypothesis=hyp, src_lang="en", tgt_lang="de",
                                                       hypothesis_segments=segment(hyp, "de"))) == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list(" \u00a0\u202f\t,.;x5É’\n")), max_size=40).map("".join))
def test_spaces_before_a_mark_are_found_from_the_marks_as_the_regex_finds_them(text: str) -> None:
    import re

    from evalkit.detectors.punctuation import _spaces_before_punct

    regex = re.compile(r"[ \u00a0\u202f]+(?=[,.](?![.\d]|[ \u00a0][.])(?!(?<=\.)[a-zà-ÿ]))")
    assert list(_spaces_before_punct(text)) == [m.span() for m in regex.finditer(text)]


def test_spaces_before_a_comma_or_period_not_inside_a_spaced_ellipsis_or_before_a_decimal() -> None:
    from evalkit.detectors.punctuation import _spaces_before_punct

    text = "Il a dit  , puis . . . rien, .5 de plus \u00a0."
    # the spaced ellipsis's last period is such a mark too (the rule skips it: no letter before the spaces)
    assert [text[a:b + 1] for a, b in _spaces_before_punct(text)] == ["  ,", " .", " \u00a0."]
