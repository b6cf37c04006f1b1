"""Issue 15, eleventh round: a spinner's thesaurus is broader than WordNet. Moby Thesaurus II
(evalkit/data/outlet_thesaurus.tsv, built by tools/build_thesaurus.py) ties the one swapped word of a known
name whose other words are kept ("Heaven News" for Sky News), only in a text whose language is not English
and only for a whole name; each rule on text written for this test, with the negatives beside it."""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.gazetteer import related

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(text: str, src: str, tgt: str) -> list[tuple[str, str]]:
    """(span, evidence) of the named-entity flags on `text`, without a source."""
    flags = run_detectors(prepare_input(text, src, tgt), make_detectors())
    return [(f.text, f.evidence) for f in flags if f.category == NAMED_ENTITY]


def test_the_thesaurus_is_asked_only_when_loose():
    assert not related("categorical", "express")
    assert related("categorical", "express", loose=True)
    assert related("heaven", "sky", loose=True)


def test_an_outlet_with_one_word_swapped_for_a_thesaurus_word_is_flagged_in_french():
    text = ("Les pompiers ont lutté toute la nuit contre l'incendie de l'entrepôt.\n"
            "Les images du sinistre ont été diffusées en direct par Heaven News dans la soirée.\n"
            "Aucun blessé n'a été signalé, selon la préfecture.\n")
    flags = _names(text, "en", "fr")
    assert [span for span, _ in flags] == ["Heaven News"]
    assert "'Sky News'" in flags[0][1]


def test_an_outlet_with_one_word_swapped_for_a_thesaurus_word_is_flagged_in_german():
    text = ("Die Mannschaft gewann das Finale in Chennai mit drei Punkten Vorsprung.\n"
            "Laut Indian Categorical ist der Sieg ein Wendepunkt für den Sport.\n"
            "Das nächste Turnier findet im Frühjahr statt.\n")
    flags = _names(text, "en", "de")
    assert [span for span, _ in flags] == ["Indian Categorical"]
    assert "'Indian Express'" in flags[0][1]


def test_the_thesaurus_is_not_asked_in_an_english_text():
    # in English, real names meet the broad thesaurus ("China News", "China Daily")
    text = ("The firefighters fought the warehouse blaze all night.\n"
            "Footage of the fire was broadcast live by Heaven News in the evening.\n"
            "No one was hurt, the prefecture said.\n")
    assert _names(text, "zh", "en") == []


def test_a_real_outlet_holding_a_thesaurus_word_in_part_is_not_flagged():
    # "News Post" (Moby: news ~ daily) is only a part of the real "News Post Leader"
    text = ("Le conseil du comté a voté la fermeture de la piscine municipale.\n"
            "Selon le News Post Leader, la décision a surpris les habitants.\n"
            "Les travaux doivent commencer en janvier.\n")
    assert _names(text, "en", "fr") == []


# --- the swap rule ties every differing word by a synonym, keeps a word, reads whole names; real papers


def _cited(name: str, lang: str = "fr") -> list[str]:
    line = {"fr": "Selon le {}, les dépenses de santé augmenteront de trois pour cent.",
            "de": "Wie der {} berichtete, steigen die Ausgaben für Gesundheit um drei Prozent."}[lang]
    text = f"Le gouvernement a présenté mardi son budget.\n{line.format(name)}\nLe texte sera débattu en mai.\n"
    return [span for span, _ in _names(text, "en", lang)]


def test_a_swap_keeps_a_word_and_ties_the_others_by_synonyms():
    assert _cited("Financial Instances") == ["Financial Instances"]   # Financial Times: times ~ instances


def test_a_shared_initial_is_no_tie():
    assert _cited("Daily Exponent") == []   # the Daily Express shares its initial only


def test_synonyms_alone_are_no_swap():
    assert _cited("State Digest") == []   # national ~ state, review ~ digest, but no word of the National Review


def test_a_place_in_place_of_a_place_is_no_swap():
    assert _cited("Bristol Evening News") == []   # two words of the Manchester Evening News, no synonym


def test_a_known_name_inside_a_longer_english_name_is_no_swap():
    assert _cited("Shenzhen Business Review") == []   # "Business Review" (The Business Journal) is a part


def test_a_real_paper_of_the_wikidata_list_is_not_read_as_a_swap(monkeypatch):
    from evalkit.detectors import names
    assert _cited("Evening Chronicle") == []
    monkeypatch.setattr(names, "real_outlets", lambda: frozenset())
    assert _cited("Evening Chronicle") == ["Evening Chronicle"]   # without the list: the Evening Post, swapped
