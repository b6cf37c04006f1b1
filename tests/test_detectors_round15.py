"""Issue 15, fifteenth round. Without the source, an English name kept in a text in another language that
reads as a newspaper's name with one word swapped, where a news source is cited: a real paper's (Wikidata,
evalkit/data/real_outlets.tsv) with a word swapped for a Moby Thesaurus II relative, or no listed paper but a
common form of one ("Yorkshire ..." and a WordNet relative of a word ending many papers' names). Each rule on
text written for this test, with the negatives beside it."""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from tests.one_line_page import MT as _MT

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str) -> list:
    doc = prepare_input(_MT[lang].format(line=line), "en", lang)
    return [f for f in run_detectors(doc, make_detectors()) if f.category == NAMED_ENTITY]


def test_a_real_newspaper_with_a_word_swapped_for_a_thesaurus_relative_is_flagged_where_it_is_cited():
    flags = _names("Según el Ashburton Warden, la cosecha de café bajó un tercio este año.", "es")
    assert [f.text for f in flags] == ["Ashburton Warden"]
    assert flags[0].suggestion == "Ashburton Guardian"
    assert "Moby Thesaurus II" in flags[0].evidence and "'warden'" in flags[0].evidence


def test_a_thesaurus_relative_is_no_flag_where_no_news_source_is_cited():
    # Moby's relatives are far looser than WordNet's: the name alone is not enough
    assert _names("In der Rangliste des Ashburton Warden liegt die Stadt auf dem dritten Platz.", "de") == []


def test_a_common_form_of_a_newspapers_name_with_its_last_word_swapped_is_flagged_where_it_is_cited():
    flags = _names("Según el Yorkshire Watcher, la cosecha de café bajó un tercio este año.", "es")
    assert [f.text for f in flags] == ["Yorkshire Watcher"]
    assert flags[0].suggestion is None   # no listed paper: the form is the evidence, not a name
    assert "'Yorkshire Observer'" in flags[0].evidence and "3 real newspapers" in flags[0].evidence


def test_the_common_form_is_no_flag_where_no_news_source_is_cited():
    assert _names("In der Rangliste des Yorkshire Watcher liegt die Stadt auf dem dritten Platz.", "de") == []


def test_a_body_whose_name_opens_as_newspapers_do_is_no_form_swap():
    # "Financial ..." opens many papers' names, but "Authority" is no relative of a word ending them
    assert _names("Según la Financial Conduct Authority, la cosecha de café bajó un tercio este año.", "es") == []
    assert _names("Según el Irish Rugby Football Union, la cosecha de café bajó un tercio este año.", "es") == []


def test_a_word_a_real_paper_ends_in_is_no_form_swap():
    # "Sentinel" ends real papers' names: "Yorkshire Sentinel" may be one the list lacks
    assert _names("Según el Yorkshire Sentinel, la cosecha de café bajó un tercio este año.", "es") == []
