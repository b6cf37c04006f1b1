"""Tests for the untranslated-text detector (texts written for the tests, not taken from the corpus)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.base import DetectionInput, prepare_input
from evalkit.detectors.untranslated import CATEGORY, UntranslatedDetector, lang_base, tokenize


def make(hyp: str, src: str | None = None, tgt: str = "fr", src_lang: str = "en") -> DetectionInput:
    return prepare_input(hyp, src_lang, tgt, source=src)


def detect(doc: DetectionInput) -> list:
    flags = UntranslatedDetector().detect(doc)
    for f in flags:
        assert 0 <= f.start < f.end <= len(doc.hypothesis)
        assert f.text == doc.hypothesis[f.start:f.end]
        assert f.category == CATEGORY and f.detector == "untranslated"
        assert 0.0 <= f.confidence <= 1.0 and f.evidence
        assert f.severity in ("minor", "major", "critical")
    return flags


def texts(flags: list) -> list[str]:
    return [f.text for f in flags]


SPUN_FR = ("Le ministre a défendu une réforme tough des retraites devant les députés.\n\n"
           "Le gouvernement veut additionally réduire le déficit, une priorité worldwide selon lui.\n\n"
           "Les syndicats rejettent la point of view d’une hausse de l’âge légal.\n")


def test_english_words_left_in_french_are_flagged_as_major():
    flags = detect(make(SPUN_FR))
    assert texts(flags) == ["tough", "additionally", "worldwide", "point of view"]
    assert all(f.severity == "major" for f in flags)


def test_french_words_that_are_also_english_are_not_flagged():
    text = ("La question est importante : la solution proposée par la commission reste sur la table. "
            "Les voyageurs étaient en train de monter dans le train quand l’information est tombée. "
            "Le président a reçu une invitation officielle pour une visite d’État.\n")
    assert detect(make(text)) == []


def test_loanwords_that_french_uses_are_not_flagged():
    text = ("Le week-end dernier, le leader du parti a présenté son plan pour les start-up. "
            "Le marketing et le management intéressent les jeunes diplômés, qui parlent de leadership. "
            "Le parking de la gare sera fermé pendant le match de football.\n")
    assert detect(make(text)) == []


def test_proper_names_outlets_and_acronyms_are_not_flagged():
    text = ("Selon le Wall Street Journal, la banque Goldman Sachs va supprimer des emplois. "
            "Jeremy Hunt a présenté son budget à Londres. Hunt a déclaré que l’inflation baissait, "
            "selon Sky News et la BBC. Le FMI et l’OCDE partagent cet avis.\n")
    assert detect(make(text)) == []


def test_quotations_and_quoted_titles_in_english_are_not_flagged():
    text = ("« We will never give up », a déclaré le Premier ministre devant la foule.\n\n"
            "Le film « The Silent Harbour » sortira en salles en mars.\n")
    assert detect(make(text)) == []


def test_a_short_english_phrase_in_quotes_that_is_no_quotation_is_flagged():
    flags = detect(make("Les deux pays ont signé un partenariat « Endless Friendship » en février.\n"))
    assert texts(flags) == ["Endless Friendship"]


def test_addresses_handles_and_hashtags_are_not_prose():
    text = ("Le communiqué est en ligne sur https://www.example.org/news/breaking-story-today et le compte "
            "@worldwide_news a relayé le hashtag #StayStrongTogether. Écrivez à press-office@example.com.\n")
    assert detect(make(text)) == []


def test_a_line_in_english_is_one_span():
    text = "Le maire a inauguré le pont.\n\nThis article was updated with additional reporting.\n"
    flags = detect(make(text))
    assert texts(flags) == ["This article was updated with additional reporting"]


def test_with_source_an_english_line_without_counterpart_is_an_addition_not_untranslated():
    src = "The mayor opened the bridge on Monday.\n\nIt cost twelve million euros.\n"
    hyp = ("Le maire a inauguré le pont lundi.\n\nSubscribe to our newsletter for more stories like this.\n\n"
           "Il a coûté douze millions d’euros.\n")
    assert texts(detect(make(hyp))) == ["Subscribe to our newsletter for more stories like this"]
    assert detect(make(hyp, src)) == []


def test_english_left_in_german_is_flagged():
    text = ("Die Regierung hat additionally beschlossen, die Steuern zu senken. "
            "Das Team traf sich am Wochenende zu einem Meeting in Berlin. "
            "Aus seiner point of view ist das Projekt worldwide einzigartig.\n")
    flags = detect(make(text, tgt="de"))
    assert texts(flags) == ["additionally", "point of view", "worldwide"]


@pytest.mark.skipif(lang_base("sk") is None, reason="wordfreq has no Slovak")
def test_slovak_left_in_english_is_flagged():
    clean = ("Prime Minister Robert Fico met President Zuzana Čaputová in Bratislava on Monday, "
             "the news agency TASR reported.\n")
    assert detect(make(clean, src_lang="sk", tgt="en")) == []
    dirty = "The minister said the reform would be completed budúci rok, but the vláda refused to comment.\n"
    flags = detect(make(dirty, src_lang="sk", tgt="en"))
    assert texts(flags) == ["budúci rok", "vláda"]


def test_source_language_spelling_of_a_name_the_document_translates_is_minor():
    text = ("Poutine a reçu le président chinois au Kremlin. Selon les analystes, Putin cherche des alliés. "
            "Poutine doit se rendre à Pékin en mai.\n")
    flags = detect(make(text))
    assert texts(flags) == ["Putin"]
    assert flags[0].severity == "minor" and flags[0].suggestion == "Poutine"


def test_dateline_in_source_language_form_is_minor():
    flags = detect(make("LONDON — Le gouvernement britannique a présenté son budget mercredi.\n"))
    assert texts(flags) == ["LONDON"] and flags[0].severity == "minor"
    assert detect(make("PARIS — Le gouvernement a présenté son budget mercredi.\n")) == []


def test_with_source_a_name_rendered_elsewhere_is_flagged_with_its_rendering():
    src = ("Beijing said on Monday that talks would resume.\n\n"
           "Officials in Beijing declined to comment.\n\n"
           "Analysts expect Beijing to respond within days.\n")
    hyp = ("Pékin a déclaré lundi que les discussions reprendraient.\n\n"
           "Les responsables à Pékin ont refusé de commenter.\n\n"
           "Les analystes s’attendent à ce que Beijing réponde dans les prochains jours.\n")
    flags = detect(make(hyp, src))
    assert texts(flags) == ["Beijing"]
    assert flags[0].suggestion == "Pékin" and flags[0].severity == "minor"


def test_two_words_as_likely_to_be_the_rendering_teach_nothing():
    # "Londres" and "Pékin" both stand where the source has "Beijing": no guess (it used to be
    # whichever came first, in set order: wrong here, and dependent on the hash seed).
    src = ("Beijing said no to the plan on Monday.\n"
           "Beijing wants peace in the region, officials said.\n"
           "Beijing refused the offer from the allies.\n")
    hyp = ("Beijing a dit non au plan lundi.\n"
           "Londres et Pékin veulent la paix dans la région, selon des responsables.\n"
           "Londres et Pékin ont refusé l’offre des alliés.\n")
    assert [f.suggestion for f in detect(make(hyp, src))] == []


def test_flags_do_not_depend_on_the_hash_seed(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "src.txt"
    hyp = tmp_path / "hyp.txt"
    src.write_text("Beijing said on Monday that talks would resume.\n\nOfficials in Beijing declined to "
                   "comment.\n\nAnalysts expect Beijing and Moscow to respond.\n", encoding="utf-8")
    hyp.write_text("Pékin a déclaré lundi que les discussions reprendraient.\n\nLes responsables à Pékin ont "
                   "refusé de commenter.\n\nLes analystes attendent une réponse de Beijing et Moscou.\n",
                   encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-m", "evalkit", "flag", str(hyp), "--source", str(src),
                              "--src-lang", "en", "--tgt-lang", "fr", "--format", "json"],
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1 and "Pékin" in outputs.pop()


def test_name_made_of_english_words_is_minor_but_known_names_are_not():
    flags = detect(make("La Bank of England a relevé ses taux, a indiqué le Financial Times.\n"))
    assert texts(flags) == ["Bank of England"] and flags[0].severity == "minor"


def test_organisation_with_an_established_target_name():
    flags = detect(make("Les membres de NATO se réunissent à Bruxelles.\n"))
    assert texts(flags) == ["NATO"] and flags[0].suggestion == "OTAN"
    assert detect(make("Les membres de l’OTAN se réunissent à Bruxelles.\n")) == []
    assert detect(make("Die NATO-Mitglieder treffen sich in Brüssel.\n", tgt="de")) == []


def test_unsupported_or_identical_languages_give_nothing():
    assert detect(make(SPUN_FR, src_lang="xx")) == []
    assert detect(make("The minister said the reform was tough.\n", src_lang="en", tgt="en")) == []
    assert detect(make("")) == []


def test_tokens_keep_offsets_and_split_glued_words():
    text = "Il s’est rendu au KazakhstanEn 2013, il a parlé.\nfrenchPoutine"
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert "Kazakhstan" in [t.text for t in tokens] and "En" in [t.text for t in tokens]
    assert [t.text for t in tokens][-2:] == ["french", "Poutine"]


TRICKY = ["", "\n\n\n", "«»", "« »", "“", "\"", "'", "’’", "—", "A", "É", "ß", "İstanbul", "ǅ", "ﬁ",
          "🙂 emoji",
          "\u200b", "\u00a0", "a\u0301", "x" * 500, "NATO" * 50, "« unclosed quote", "Mc", "KazakhstanEn",
          "THE THE THE", "of of of", "Ⅻ", "١٢٣", "中文 text", "Ελλάδα", "Москва tough"]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_never_raise(text):
    detect(make(text))
    detect(make(text, src=text))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "de", "sk"]), st.sampled_from(["fr", "en", "de"]))
def test_never_raises_on_arbitrary_unicode(text, src_lang, tgt):
    detect(make(text, tgt=tgt, src_lang=src_lang))
