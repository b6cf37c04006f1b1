"""Issue 15, eleventh round: a spinner's thesaurus is broader than WordNet. Moby Thesaurus II
(evalkit/data/outlet_thesaurus.tsv, built by tools/build_thesaurus.py) ties the swapped word of an
organisation's usual target-language form ("Financieros" for Económicos in the OECD's Spanish name); it is
not asked for English names kept, where it ties real papers to one another. The swap rule ties every
differing word by a synonym and keeps a word; a real paper of Wikidata's list is no swap. Each rule on text
written for this test, with the negatives beside it."""

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
    assert related("financial", "economic", loose=True)


def _oecd(word: str) -> list[tuple[str, str]]:
    text = ("El desempleo juvenil bajó por tercer año consecutivo en la región.\n"
            f"La Organización para la Cooperación y el Desarrollo {word} publicó el martes su informe.\n"
            "El informe recomienda invertir más en formación profesional.\n")
    return _names(text, "en", "es")


def test_a_usual_form_with_a_word_swapped_for_a_thesaurus_word_is_flagged():
    flags = _oecd("Financieros")
    assert [span for span, _ in flags] == ["Organización para la Cooperación y el Desarrollo Financieros"]
    assert "Organisation for Economic Co-operation and Development" in flags[0][1]


def test_the_usual_form_itself_is_not_flagged():
    assert _oecd("Económicos") == []


def test_an_english_name_kept_with_a_thesaurus_word_is_not_read_as_a_swap():
    # Moby relates sky and heaven, but an English name is not compared through it: real papers differ from
    # a gazetteer outlet by one Moby relative ("Evening Chronicle", "Daily Journal")
    text = ("Les pompiers ont lutté toute la nuit contre l'incendie de l'entrepôt.\n"
            "Selon Heaven News, les images du sinistre ont été diffusées en direct.\n"
            "Aucun blessé n'a été signalé, selon la préfecture.\n")
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
    assert _cited("Chicago Defender") == []
    monkeypatch.setattr(names, "real_outlets", lambda: frozenset())
    assert _cited("Chicago Defender") == ["Chicago Defender"]   # without the list: the Chicago Tribune, swapped


def test_a_german_noun_or_a_first_word_before_the_name_leaves_it_whole():
    for line in ("Die Zeitung Financial Instances berichtete, die Ausgaben stiegen um drei Prozent.",
                 "Laut Financial Instances steigen die Ausgaben um drei Prozent."):
        text = f"Die Regierung legte am Dienstag den Haushalt vor.\n{line}\nDer Entwurf wird im Mai beraten.\n"
        assert [span for span, _ in _names(text, "en", "de")] == ["Financial Instances"]


# --- a country's English name inside an English organisation's name is the name's, not untranslated

def test_a_country_inside_an_english_organisation_name_is_not_untranslated():
    source = ("Ireland will require warnings on wine bottles from May.\n"
              "Cycling Ireland, the cycling federation, had warned against the rule.\n"
              "The rule applies across Ireland from May.\n")
    mt = ("Irland schreibt ab Mai Warnhinweise auf Weinflaschen vor.\n"
          "Cycling Ireland, der Radsportverband, hatte vor der Regel gewarnt.\n"
          "Die Regel gilt ab Mai in ganz Ireland.\n")
    for src in (source, None):
        flags = run_detectors(prepare_input(mt, "en", "de", source=src), make_detectors())
        spans = [(f.text, f.start) for f in flags if f.category == "accuracy/untranslated"]
        assert spans == [("Ireland", mt.index("ganz Ireland") + 5)]   # the country itself still is
