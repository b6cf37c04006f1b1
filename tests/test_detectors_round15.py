"""Issue 15, fifteenth round. Without the source, an English name kept in a text in another language that
reads as a newspaper's name with one word swapped, where a news source is cited: a real paper's (Wikidata,
evalkit/data/real_outlets.tsv) with a word swapped for a Moby Thesaurus II relative, or no listed paper but a
common form of one ("Yorkshire ..." and a WordNet relative of a word ending many papers' names). Each rule on
text written for this test, with the negatives beside it."""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str) -> list:
    return page_flags(line, lang, category=NAMED_ENTITY)


def test_a_real_newspaper_with_a_word_swapped_for_a_thesaurus_relative_is_flagged_where_it_is_cited():
    flags = _names("Según el Ashburton Warden, la cosecha de café bajó un tercio este año.", "es")
    assert [f.text for f in flags] == ["Ashburton Warden"]
    assert flags[0].suggestion == "Ashburton Guardian"
    assert "Moby Thesaurus II" in flags[0].evidence and "'warden'" in flags[0].evidence


def test_a_thesaurus_relative_is_no_flag_where_no_news_source_is_cited():
    # Moby's relatives are far looser than WordNet's: the name alone is not enough (a ranking, an analysis or a
    # survey of the paper's is a cited source since the sixteenth round)
    assert _names("Der Ashburton Warden feiert in diesem Jahr sein hundertjähriges Bestehen.", "de") == []


def test_a_common_form_of_a_newspapers_name_with_its_last_word_swapped_is_flagged_where_it_is_cited():
    flags = _names("Según el Yorkshire Watcher, la cosecha de café bajó un tercio este año.", "es")
    assert [f.text for f in flags] == ["Yorkshire Watcher"]
    assert flags[0].suggestion is None   # no listed paper: the form is the evidence, not a name
    assert "'Yorkshire Observer'" in flags[0].evidence and "3 real newspapers" in flags[0].evidence


def test_the_common_form_is_no_flag_where_no_news_source_is_cited():
    assert _names("Der Yorkshire Watcher feiert in diesem Jahr sein hundertjähriges Bestehen.", "de") == []


def test_a_body_whose_name_opens_as_newspapers_do_is_no_form_swap():
    # "Financial ..." opens many papers' names, but "Authority" is no relative of a word ending them
    assert _names("Según la Financial Conduct Authority, la cosecha de café bajó un tercio este año.", "es") == []
    assert _names("Según el Irish Rugby Football Union, la cosecha de café bajó un tercio este año.", "es") == []


def test_a_word_a_real_paper_ends_in_is_no_form_swap():
    # "Sentinel" ends real papers' names: "Yorkshire Sentinel" may be one the list lacks
    assert _names("Según el Yorkshire Sentinel, la cosecha de café bajó un tercio este año.", "es") == []


# --- leaked prompts and site junk worded otherwise than before

PROMPT = "addition/prompt-leak"
JUNK = "addition/boilerplate"


def _flags(line: str, lang: str, category: str, source_line: str | None = None) -> list:
    return page_flags(line, lang, source_line, category)


def test_an_english_assent_naming_the_language_asked_for_is_the_generators_report():
    line = "Sure, the next part is finished in Spanish with every figure kept as it was:"
    flags = _flags(line, "es", PROMPT)
    assert [f.text for f in flags] == [line]
    assert "'in Spanish'" in flags[0].evidence
    assert _flags(line, "es", "accuracy/untranslated") == []   # one error, the prompt, not untranslated words


def test_an_assent_without_a_language_or_in_an_english_page_is_no_report():
    # the same words in an English text are the text's own; an assent naming no language reports nothing
    doc = prepare_input("The council met on Tuesday.\nSure, the next part is finished in Spanish with every "
                        "figure kept as it was:\nThe bridge opens next spring.\n", "de", "en")
    assert [f for f in run_detectors(doc, make_detectors()) if f.category == PROMPT] == []
    # in a Spanish page the line with no language is chatter by its words (the line classifier's), not a report
    flags = _flags("Sure, the next part is finished with every figure kept as it was:", "es", PROMPT)
    assert not any("reporting on its output" in f.evidence for f in flags)


def test_a_request_opening_on_please_with_a_rewriting_word_is_a_prompt():
    line = "Bitte zum Schluss noch eine Zwischenüberschrift mit dem Stichwort „Brückenbau“ ergänzen."
    flags = _flags(line, "de", PROMPT)
    assert [f.text for f in flags] == [line]
    assert "'Bitte'" in flags[0].evidence and "'Zwischenüberschrift'" in flags[0].evidence


def test_a_request_of_the_articles_people_is_no_prompt():
    # "Bitte" opening a notice of the article, with no rewriting word
    assert _flags("Bitte beachten Sie die geänderten Öffnungszeiten der Bibliothek ab Montag.", "de", PROMPT) == []


def test_a_you_may_also_like_teaser_is_junk():
    line = "Quizás también te guste: Las mejores rutas en bicicleta por la costa"
    assert [f.text for f in _flags(line, "es", JUNK)] == [line]


def test_a_comment_forms_required_fields_line_is_junk():
    line = "Escribe tu opinión. Los campos marcados con * son obligatorios"
    assert [f.text for f in _flags(line, "es", JUNK)] == [line]


# --- fewer false flags

def test_a_broadcasters_acronym_after_the_targets_word_for_broadcaster_is_no_translated_name():
    # "der Sender SIBC": the common noun in apposition, the outlet's own name kept
    assert _names("Der Hafen wurde am Montag wieder geöffnet, berichtete der Sender SIBC am Dienstag.", "de") == []
    # a place and a head translated is still a translated name
    flags = _names("Der Hafen wurde am Montag wieder geöffnet, berichtete die Fidschi-Zeiten am Dienstag.", "de")
    assert [f.text for f in flags] == ["Fidschi-Zeiten"]


def test_a_name_word_translated_before_the_kept_word_is_no_dropped_part():
    # "el río Sebeya" for "the Sebeya River": the river is there, before the name, as Spanish writes it
    flags = _flags("Las obras en el río Sebeya empezarán en marzo.", "es", "accuracy/omission",
                   source_line="Work on the Sebeya River will start in March.")
    assert flags == []
    flags = _flags("Las obras en el Sebeya empezarán en marzo.", "es", "accuracy/omission",
                   source_line="Work on the Sebeya River will start in March.")
    assert [f.text for f in flags] == ["Sebeya"]


# --- with the source: a news outlet's name translated, where the source cites it as the press is cited

def test_an_outlet_cited_for_its_editorial_and_translated_with_its_compass_word_is_flagged():
    flags = _flags("Ein Leitartikel der Nördlichen Abendnachrichten nannte die Entscheidung einen Wendepunkt.",
                   "de", NAMED_ENTITY,
                   source_line="An editorial in the Northern Evening News called the decision a turning point.")
    assert [f.text for f in flags] == ["Nördlichen Abendnachrichten"]
    assert "Northern Evening News" in flags[0].evidence


def test_a_region_named_with_the_targets_compass_word_is_still_no_flag_with_the_source():
    flags = _flags("Die Exporte nach Ostafrika stiegen um ein Drittel, teilte das Ministerium mit.", "de",
                   NAMED_ENTITY, source_line="Exports to East Africa rose by a third, the ministry said.")
    assert flags == []


def test_an_outlet_that_compiled_a_ranking_and_is_translated_is_flagged_beside_another_name():
    # the outlet's words ("Breton") and another name's ("Cape Hope") in one sentence: the name is still told
    flags = _flags("Selon un classement établi par la Poste du Cap-Breton, Cape Hope arrive au neuvième rang.",
                   "fr", NAMED_ENTITY,
                   source_line="A ranking compiled by the Cape Breton Post put Cape Hope in ninth place.")
    assert [f.text for f in flags] == ["Poste du Cap-Breton"]


def test_the_outlets_name_kept_is_no_flag():
    flags = _flags("Selon un classement établi par le Cape Breton Post, Cape Hope arrive au neuvième rang.",
                   "fr", NAMED_ENTITY,
                   source_line="A ranking compiled by the Cape Breton Post put Cape Hope in ninth place.")
    assert flags == []


# --- without the source: a newspaper's word translated, capitalised inside a sentence, where no source is cited

def test_a_newspapers_word_translated_and_capitalised_with_a_place_is_flagged_where_no_source_is_cited():
    flags = _names("Les lecteurs du Héraut du Pembrokeshire placent la ville au troisième rang.", "fr")
    assert [f.text for f in flags] == ["Héraut du Pembrokeshire"]
    assert "'herald'" in flags[0].evidence and "capital inside a sentence" in flags[0].evidence


def test_a_common_noun_and_a_place_in_german_are_no_translated_newspaper_without_a_cited_source():
    # German writes every noun with a capital: "Berliner Rekord" is a record set in Berlin
    assert _names("Die Läuferin stellte am Sonntag einen neuen Berliner Rekord über zehn Kilometer auf.", "de") == []


def test_an_english_name_kept_beside_a_newspapers_word_is_no_translation():
    # "Journal" is French too, but "Desire" and "Armed" are English: the name is kept as it is
    assert _names("Le numéro du Journal of Desire Armed consacré à la ville est épuisé.", "fr") == []


def test_a_regional_station_named_like_a_national_one_is_no_swap():
    # "Hawaii" opens real papers' names (a place): "Hawaii Public Radio" is another station, not a swap of NPR's
    assert _names("Según informó Oregon Public Radio, la cosecha de café bajó un tercio este año.", "es") == []


def test_a_spinners_word_in_its_place_is_still_a_swap():
    flags = _names("Según informó National Open Radio, la cosecha de café bajó un tercio este año.", "es")
    assert [f.text for f in flags] == ["National Open Radio"]


# --- after reading held-outs 33 and 34

def test_a_note_labelled_with_an_elided_word_is_a_prompt():
    line = "Note de l'assistant : citations écourtées, lieux contrôlés un par un, style rendu plus vif."
    assert [f.text for f in _flags(line, "fr", PROMPT)] == [line]


def test_a_sites_keywords_label_and_a_list_of_short_items_is_a_tag_list_not_a_prompt():
    for line in ("Mots-clés : ports | énergie éolienne | emploi | Cornouailles",
                 "Mots-clés : énergie éolienne, emploi, ports, Cornouailles"):
        assert [f.text for f in _flags(line, "fr", JUNK)] == [line]
        assert _flags(line, "fr", PROMPT) == []


def test_a_generators_fields_between_separators_stay_a_prompt():
    line = "Fokus-Keyword: Windpark; weitere Suchbegriffe: Hafen, Offshore, Netzausbau"
    assert [f.text for f in _flags(line, "de", PROMPT)] == [line]


def test_a_briefing_sign_up_closing_on_a_call_to_sign_up_is_junk():
    line = "Hafen-Briefing: Jeden Freitag die wichtigsten Schiffsdaten kostenlos per E-Mail – jetzt eintragen."
    flags = _flags(line, "de", JUNK)
    assert [f.text for f in flags] == [line]
    assert "newsletter sign-up ('Briefing', 'eintragen')" in flags[0].evidence   # the rule's cues, not a guess
    # an article sentence with the same words in another order is prose
    assert _flags("Die Teilnehmer können sich bis Freitag in die Liste des Briefings eintragen.", "de", JUNK) == []


def test_a_russian_call_for_reviews_is_a_comment_form():
    line = "Оставьте свой отзыв — отзывы публикуются после проверки модератором"
    flags = _flags(line, "ru", JUNK)
    assert [f.text for f in flags] == [line]
    assert "page furniture: 'оставьте свой отзыв'" in flags[0].evidence


def test_the_targets_own_word_spelt_as_an_english_one_is_no_swap():
    # German "Golf" is the Gulf; the English word golf is not written in its place
    flags = _flags("Die Fähre überquert den Golf von Paria zweimal am Tag.", "de", NAMED_ENTITY,
                   source_line="The ferry crosses the Gulf of Paria twice a day.")
    assert flags == []


def test_a_dateline_in_capitals_is_no_name_kept_in_english():
    flags = _flags("PORT OF SPAIN (Reuters) – Die Regierung hat am Montag den Haushalt vorgelegt.", "de",
                   "accuracy/untranslated",
                   source_line="PORT OF SPAIN (Reuters) - The government presented the budget on Monday.")
    assert flags == []
