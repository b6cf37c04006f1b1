"""Issue 15, sixteenth round. Without the source, an English name kept in a text in another language that
reads as a newspaper's name with one word (not the first) swapped, where a news source is cited: no listed
paper, but many real papers' names (Wikidata, evalkit/data/real_outlets.tsv) hold, at that place, a word that
WordNet and Moby Thesaurus II both give as the written word's relative ("Tauranga Periods": 245 names hold
"Times" last). An analysis, a survey or a ranking of a paper's, and German's "nach Angaben", now cite a news
source. Each rule on text written for this test, with the negatives beside it."""

from __future__ import annotations

import pytest

from evalkit.detectors import gazetteer
from evalkit.detectors.text import outlet_slot
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str) -> list:
    return page_flags(line, lang, category=NAMED_ENTITY)


def _slot(line: str, name: str) -> str | None:
    """text.outlet_slot of `name`'s first occurrence in `line`."""
    start = line.index(name)
    return outlet_slot(line, start, start + len(name))


def test_the_test_names_are_no_listed_papers():
    # were they listed, another rule (the listed paper's swap) would answer, not the one under test
    assert not {"tauranga periods", "tauranga times", "galway everyday post", "galway daily post",
                "timaru sovereign", "timaru independent", "dunedin watcher", "dunedin observer"} & gazetteer.real_outlets()


def test_a_newspapers_last_word_swapped_for_a_relative_both_thesauri_give_is_flagged_where_it_is_cited():
    flags = _names("Según el Tauranga Periods, la cosecha de kiwi bajó un tercio este año.", "es")
    assert [f.text for f in flags] == ["Tauranga Periods"]
    assert flags[0].suggestion is None   # no listed paper: the form is the evidence, not a name
    evidence = flags[0].evidence
    assert "'Tauranga Times'" in evidence and "'periods'" in evidence and "WordNet and Moby Thesaurus II" in evidence
    assert "245 real newspapers' names" in evidence


def test_a_word_inside_the_name_swapped_is_flagged_where_the_name_ends_as_newspapers_do():
    flags = _names("Une analyse du Galway Everyday Post conclut que les loyers ont augmenté de 12 %.", "fr")
    assert [f.text for f in flags] == ["Galway Everyday Post"]
    assert "'Galway Daily Post'" in flags[0].evidence


def test_the_form_swap_is_no_flag_where_no_news_source_is_cited():
    assert _names("Der Tauranga Periods feiert in diesem Jahr sein hundertjähriges Bestehen.", "de") == []


@pytest.mark.parametrize("words", [
    ("tauranga", "stories"),             # "Stories" is a real paper's word (Utah Stories): no spinner's choice
    ("tauranga", "times"),               # the common word itself
    ("regal", "gazette"),                # the first word is never read as the swapped one
    ("tauranga", "periods", "society"),  # ends as a body's name, not a newspaper's
    ("tauranga", "journals"),            # the common word's own plural
])
def test_what_is_no_word_swap(words):
    assert gazetteer.newspaper_word_swap(words) is None


def test_a_body_named_with_the_swapped_word_is_no_newspaper():
    assert _names("Según la Tauranga Periods Society, la cosecha de kiwi bajó un tercio este año.", "es") == []


def test_a_place_written_more_in_german_than_in_english_stays_part_of_the_name():
    # "Windhoek" is a little more frequent in German than in English: it is the name's, not the sentence's
    flags = _names("Nach Angaben des Windhoek Sovereign prüfen die Behörden auch die Wasserleitungen.", "de")
    assert [f.text for f in flags] == ["Windhoek Sovereign"]


@pytest.mark.parametrize("line, name", [
    ("Nach Angaben des Timaru Herald prüfen die Behörden die Leitungen.", "Timaru Herald"),
    ("Un análisis del Timaru Herald concluyó que los alquileres subieron.", "Timaru Herald"),
    ("Une étude du Timaru Herald montre que les loyers ont augmenté.", "Timaru Herald"),
    ("Eine Umfrage des Timaru Herald zeigt, dass die Mieten gestiegen sind.", "Timaru Herald"),
    ("In der Rangliste des Timaru Herald liegt die Stadt auf dem dritten Platz.", "Timaru Herald"),
    ("Опрос, проведённый Timaru Herald, показал, что арендная плата выросла.", "Timaru Herald"),
    ("A survey by the Timaru Herald found that rents had risen.", "Timaru Herald"),
])
def test_an_analysis_a_survey_or_a_ranking_of_a_papers_cites_a_news_source(line, name):
    assert _slot(line, name) == "attribution"


@pytest.mark.parametrize("line, name", [
    ("Die Angaben im Timaru Herald waren falsch.", "Timaru Herald"),
    ("Le Timaru Herald a été fondé en 1864.", "Timaru Herald"),
    ("Los lectores del Timaru Herald eligieron la portada.", "Timaru Herald"),
])
def test_a_name_elsewhere_is_no_cited_source(line, name):
    assert _slot(line, name) is None


# --- a text generator's note in brackets

PROMPT = "addition/prompt-leak"


@pytest.mark.parametrize("lang, line", [
    ("de", "[Umschreiber 2.0: Ton sachlich, Lesbarkeitsstufe 9]"),
    ("es", "[Rewriter v4: registro formal, longitud conservada]"),
    ("ru", "[Служебная пометка генератора: плотность ключей 3%, тон нейтральный]"),
    ("fr", "[Reformulateur v3 : ton neutre, niveau de lecture 8]"),
])
def test_a_bracketed_note_signed_by_a_text_generator_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang, category=PROMPT)
    assert [f.text for f in flags] == [line]
    assert "text generator" in flags[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("de", "[Dieselgenerator: 500 kW, Baujahr 2019]"),
    ("ru", "[Дизельный генератор: 500 кВт, резервный]"),
    ("es", "(Generador: 500 kW de respaldo para el hospital)"),
    ("fr", "(Entraîneur adjoint : Marc Dupont)"),
])
def test_a_bracketed_label_naming_a_machine_or_a_person_is_no_prompt(lang, line):
    assert page_flags(line, lang, category=PROMPT) == []


# --- a cookie notice in which the page names itself

JUNK = "addition/boilerplate"


@pytest.mark.parametrize("lang, line", [
    ("de", "Diese Webseite speichert Cookies für die Reichweitenanalyse. Weitersurfen gilt als Zustimmung."),
    ("fr", "Ce site enregistre des cookies pour mesurer sa fréquentation ; poursuivre la lecture vaut accord."),
    ("es", "Esta web guarda cookies para medir su audiencia. Seguir leyendo supone aceptarlas."),
])
def test_a_cookie_notice_opening_on_the_page_naming_itself_is_junk(lang, line):
    flags = page_flags(line, lang, category=JUNK)
    assert [f.text for f in flags] == [line]
    assert "cookie notice" in flags[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("fr", "Selon la CNIL, ce site a déposé des cookies sans consentement pendant deux ans."),
    ("de", "Laut Datenschutzbehörde hat diese Seite jahrelang Cookies ohne Einwilligung gesetzt."),
    ("es", "Según la agencia, este sitio instaló cookies sin el consentimiento de los usuarios."),
])
def test_an_article_sentence_about_a_sites_cookies_is_no_notice(lang, line):
    assert page_flags(line, lang, category=JUNK) == []


# --- a country's English name inside a longer name

UNTRANSLATED = "accuracy/untranslated"


def test_a_country_kept_in_english_inside_a_broadcasters_name_is_no_untranslated_country():
    line = "Der Minister sagte Radio New Zealand, die Lizenzgebühren finanzierten Schulen auf den Inseln."
    assert [f.text for f in page_flags(line, "de", category=UNTRANSLATED)] == []


def test_a_country_kept_in_english_on_its_own_is_still_flagged():
    line = "Die Delegation aus New Zealand reiste am Montag nach Canberra weiter."
    flags = page_flags(line, "de", category=UNTRANSLATED)
    assert [f.text for f in flags] == ["New Zealand"] and flags[0].suggestion == "Neuseeland"


def test_a_city_kept_in_english_inside_a_broadcasters_name_is_no_inconsistent_spelling():
    line = ("Sur les ondes de SVT Nyheter Malmo, le maire a défendu le projet ; "
            "à Malmö, les commerçants restent inquiets.")
    assert page_flags(line, "fr", category="fluency/inconsistency") == []


def test_a_city_spelt_two_ways_in_running_text_is_still_inconsistent():
    line = "Le maire de Malmo a défendu le projet ; à Malmö, les commerçants restent inquiets."
    assert [f.text for f in page_flags(line, "fr", category="fluency/inconsistency")] == ["Malmo"]


@pytest.mark.parametrize("line, name", [
    ("Le Timaru Herald a qualifié la décision de coup dur pour la ville.", "Timaru Herald"),
    ("Der Timaru Herald bezeichnete die Entscheidung als schweren Schlag.", "Timaru Herald"),
    ("El Timaru Herald calificó la decisión de golpe duro.", "Timaru Herald"),
    ("Timaru Herald назвала решение тяжёлым ударом для города.", "Timaru Herald"),
    ("Timaru Herald приводит слова фермеров о засухе.", "Timaru Herald"),
    ("Le Timaru Herald a consacré son numéro de mai à la sécheresse.", "Timaru Herald"),
])
def test_a_paper_calling_quoting_or_devoting_an_issue_is_cited_as_a_news_source(line, name):
    assert _slot(line, name) == "attribution"


def test_a_spun_paper_calling_a_decision_something_is_flagged():
    flags = _names("Le Tauranga Periods a qualifié la décision de coup dur pour la ville.", "fr")
    assert [f.text for f in flags] == ["Tauranga Periods"]


@pytest.mark.parametrize("line, name", [
    ("Un classement publié le mois dernier par le Timaru Herald place la ville en tête.", "Timaru Herald"),
    ("Selon les chiffres du Timaru Herald, les loyers ont augmenté.", "Timaru Herald"),
    ("Ein Leitartikel im Timaru Herald forderte eine zweite Brücke.", "Timaru Herald"),
    ("Una clasificación elaborada por el Timaru Herald sitúa a la ciudad en cabeza.", "Timaru Herald"),
    ("По оценке Timaru Herald, арендная плата выросла на треть.", "Timaru Herald"),
    ("На фотографиях Timaru Herald видно, как рабочие чинят мост.", "Timaru Herald"),
    ("La revista neozelandesa Timaru Herald comparó la sequía con la de 1998.", "Timaru Herald"),
    ("Das neuseeländische Magazin Timaru Herald verglich die Dürre mit 1998.", "Timaru Herald"),
    ("Газета Timaru Herald сравнила засуху с 1998 годом.", "Timaru Herald"),
])
def test_a_papers_genre_or_kind_named_before_it_cites_a_news_source(line, name):
    assert _slot(line, name) == "attribution"


def test_the_head_of_a_longer_name_is_no_word_swap():
    # "Notices" for "Review" reads as a swap, but the name goes on: a journal's own long name
    line = "Die Ergebnisse erschienen in der Fachzeitschrift Monthly Notices of the Royal Society of Tasmania."
    assert _names(line, "de") == []


@pytest.mark.parametrize("line, name", [
    ("Les Temps de Timaru ont écrit que la sécheresse avait coûté cher.", "Temps de Timaru"),
    ("Die Timaru-Nachrichten zählten das Rennen zu den besten des Jahres.", "Timaru-Nachrichten"),
    ("El Heraldo de Timaru describió la carrera como la mejor del año.", "Heraldo de Timaru"),
    ("«Вестник Тимару» написала, что засуха обошлась дорого.", "Вестник Тимару"),
    ("The Timaru Herald noted that the drought had been costly.", "Timaru Herald"),
])
def test_a_paper_writing_noting_or_ranking_is_cited_as_a_news_source(line, name):
    assert _slot(line, name) == "attribution"


def test_the_kind_of_outlet_before_an_english_name_kept_is_no_translation_of_it():
    # "Magazin" names what the outlet is; the English name after it is kept, not translated
    line = "Das amerikanische Magazin Thriving Orchards verglich die Ernte mit der von 1998."
    assert _names(line, "de") == []


# --- with the source: a known newspaper's compass word translated

def test_a_known_newspapers_compass_word_translated_is_flagged_with_the_source():
    source = "The Northern Echo ranked the brewery among the region's ten best employers."
    for lang, line, span in (
            ("de", "Das Nördliche Echo zählte die Brauerei zu den zehn besten Arbeitgebern der Region.",
             "Nördliche Echo"),
            ("fr", "L'Écho du Nord a classé la brasserie parmi les dix meilleurs employeurs de la région.",
             "Écho du Nord")):
        flags = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
        assert [f.text for f in flags] == [span]
        assert "'Northern Echo'" in flags[0].evidence and "not translated" in flags[0].evidence


def test_a_regions_compass_word_translated_is_no_error_with_the_source():
    # a place's compass word has each language's form: "East Africa" is "África Oriental"
    flags = page_flags("Los ministros se reunieron el lunes en África Oriental.", "es",
                       source_line="The ministers met in East Africa on Monday.", category=NAMED_ENTITY)
    assert flags == []


@pytest.mark.parametrize("lang, line, span", [
    ("fr", "Un comparatif du Moniteur des Tarifs a montré que le forfait est parmi les moins chers d'Europe.",
     "Moniteur des Tarifs"),
    ("es", "Una comparación del Monitor de Tarifas concluyó que el abono es de los más baratos de Europa.",
     "Monitor de Tarifas"),
])
def test_a_comparison_by_a_name_in_the_source_makes_it_an_outlet_whose_name_is_kept(lang, line, span):
    source = "A comparison by Fare Monitor found that the pass is among the cheapest in Europe."
    flags = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in flags] == [span] and "'Fare Monitor'" in flags[0].evidence
    assert "name of a news outlet is not translated" in flags[0].evidence


# --- a text generator's jargon in English on a page in another language

@pytest.mark.parametrize("lang, line", [
    ("de", "Output ready — tone kept neutral, all quotes shortened as requested."),
    ("fr", "Pass 2 of 3: regenerate if the headline runs over 70 characters."),
    ("es", "Output below. Note: American spellings preserved, figures left in dollars."),
])
def test_a_generators_jargon_in_english_on_another_languages_page_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang)
    assert [f.category for f in flags] == [PROMPT] and "jargon" in flags[0].evidence


def test_an_english_sentence_without_the_jargon_stays_untranslated():
    line = "The regional council said the new ferry would start in spring."
    assert [f.category for f in page_flags(line, "fr")] == [UNTRANSLATED]


# --- without the source: a newspaper's word translated beside a place both languages write alike

@pytest.mark.parametrize("lang, line, span", [
    ("fr", "Une analyse du Gardien de Hamilton a montré que les loyers avaient doublé.", "Gardien de Hamilton"),
    ("de", "Laut der Wichita-Sonne stiegen die Mieten um ein Drittel.", "Wichita-Sonne"),
])
def test_a_newspapers_word_translated_beside_a_shared_place_name_is_flagged_where_it_is_cited(lang, line, span):
    flags = _names(line, lang)
    assert [f.text for f in flags] == [span] and "translated word by word" in flags[0].evidence


def test_a_persons_name_after_a_place_is_no_translated_newspaper():
    line = "Laut Colorado-Gouverneur Jared Polis stiegen die Mieten um ein Drittel."
    assert _names(line, "de") == []
