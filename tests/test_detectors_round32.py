"""Issue 15, thirty-second round: four flags the rules raised on ordinary text, spans they dropped or missed.
- A name the source ends a sentence on, lost from an MT sentence cut off before it ("... et prendrait en charge
  leur"), is a truncation, not a name replaced by the last words standing there.
- Two lowercase words, one leaning to English, the other the target language's own more than English's ("four
  principal": French's main furnace), are not English for language identification of the pair alone.
- The local-language name of a place ("Parc Natural ..."), whose one word differs from the English name's by a
  letter ("parc", "park"), is no spinner's swap.
- A German compound whose first part ends on a noun ending that takes the linking s ("Beweidungsprojekte") is a
  noun, not an unknown name, however rare that part is.
- An English phrase left in a sentence written twice, the copy paired with the source, is flagged in the first.
- A name the MT lengthens a word of ("Middle East Eyeball") is not the name written; a German name is read across a
  lowercase adjective ("Abteilung für höfliche Luftfahrt"); a caption's credit in brackets is junk; a body's word in
  the one sense of a synonym ("вежливой" for civil) is a wrong sense.
- A publisher's note on the article (a correction, an update) is neither junk nor a prompt; the same labels before a
  generator's words still are.
- A name kept in English with one word spelt like its own but another English word ("Yorkshire Telegram") is a
  swap, another spelling of the same word is not; an outlet's name written beside a person's is read on its own; a
  name that ends its sentence as the one a speaker told is cited as the press is.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"


@pytest.mark.parametrize("lang, source, line", [
    ("fr", "The ferry company said it would refund the tickets and pay for the trip back to Reykjavik.",
     "La compagnie a indiqué qu'elle rembourserait les billets et prendrait en charge leur"),
    ("es", "The ferry company said it would refund the tickets and pay for the trip back to Reykjavik.",
     "La naviera dijo que reembolsaría los billetes y pagaría el viaje de vuelta de los"),
    ("fr", "The operator said it would refund the passengers and pay for their flights back to Reykjavik.",
     "L'opérateur a indiqué qu'il rembourserait les passagers et prendrait en charge leurs"),
])
def test_a_name_cut_off_with_its_sentence_is_no_named_entity(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("line", [
    "La fonderie arrêtera son four principal à la fin du mois en raison du prix de l'électricité.",
    "Le boulanger a rallumé son four principal avant l'aube.",
])
def test_a_french_noun_before_a_french_adjective_is_not_english(line):
    assert page_flags(line, "fr", category=UNTRANSLATED) == []


@pytest.mark.parametrize("lang, source, line", [
    ("de", "Rangers in the Comapedrosa Valley Nature Park counted 30 ibex this summer.",
     "Die Wildhüter im Parc Natural de la Vall de Comapedrosa haben in diesem Sommer 30 Steinböcke gezählt."),
    ("es", "Rangers in the Comapedrosa Valley Nature Park counted 30 ibex this summer.",
     "Los guardas del Parc Natural de la Vall de Comapedrosa contaron 30 íbices este verano."),
])
def test_a_places_own_name_in_its_language_is_no_swap(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("source, line", [
    ("The trial is funded by the European Union and supports grazing projects along the coast.",
     "Der Versuch wird von der Europäischen Union finanziert und unterstützt Beweidungsprojekte an der Küste."),
    ("The scheme is funded by the European Union and pays for rewetting areas in the valley.",
     "Das Programm wird von der Europäischen Union finanziert und bezahlt Vernässungsflächen im Tal."),
])
def test_a_german_compound_with_a_linking_s_is_no_unknown_name(source, line):
    assert page_flags(line, "de", source_line=source, category=NAMED_ENTITY) == []


def test_an_unknown_word_in_a_name_s_place_is_still_flagged():
    found = page_flags("Der Versuch wird von der Zorblaxunion finanziert und unterstützt Beweidungsprojekte an der "
                       "Küste.", "de", source_line="The trial is funded by the European Union and supports grazing "
                                                   "projects along the coast.", category=NAMED_ENTITY)
    assert [f.text for f in found] == ["Zorblaxunion"], found


DATE_SOURCE = "Dates are picked by climbing the palms and shaking the ripe bunches into baskets sold at the souq."
DATE_FIRST = "Финики собирают, взбираясь на пальмы и стряхивая ripe bunches в корзины, которые продают на суке."
DATE_COPY = "Финики собирают, взбираясь на пальмы и стряхивая ripe bunches в корзины, которые продают на рынке."


def test_english_left_in_a_sentence_written_twice_is_flagged_in_the_first():
    from dataclasses import replace

    from evalkit.alignment.aligner import Link
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input
    from tests.one_line_page import MT, SOURCE

    doc = prepare_input(MT["ru"].format(line=f"{DATE_FIRST}\n{DATE_COPY}"), "en", "ru",
                        source=SOURCE.format(line=DATE_SOURCE))
    assert len(doc.hypothesis_segments) == 4 and len(doc.source_segments) == 3
    # the alignment as the aligner gave it on such a page: the first left alone, the copy paired
    links = [Link((0,), (0,), -5.0), Link((), (1,), 2.0), Link((1,), (2,), -3.0), Link((2,), (3,), -5.0)]
    found = [f for f in run_detectors(replace(doc, alignment=links), make_detectors()) if f.category == UNTRANSLATED]
    assert [(f.text, doc.hypothesis_segments[1].start <= f.start) for f in found] == [("ripe bunches", True)], found
    assert found[0].end <= doc.hypothesis_segments[1].end


@pytest.mark.parametrize("lang, source, line, name", [
    # an English word made longer by the spinner: the real name is a string inside the MT's, not written there
    ("es", "\"The old boats give the harbour its colour,\" he told Middle East Eye.",
     "«Los barcos viejos dan su color al puerto», dijo a Middle East Eyeball.", "Middle East Eyeball"),
    ("fr", "\"The old boats give the harbour its colour,\" he told Middle East Eye.",
     "« Les vieux bateaux donnent sa couleur au port », a-t-il déclaré à Middle East Eyeball.",
     "Middle East Eyeball"),
])
def test_a_name_with_a_word_lengthened_is_not_the_name_kept(lang, source, line, name):
    found = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name], found


@pytest.mark.parametrize("source, line, name", [
    # German writes a name's adjective lowercase between its capitalised nouns: the name is read whole
    ("Malta's Civil Aviation Department said drone pilots would now be fined up to 500 euros.",
     "Die maltesische Abteilung für höfliche Luftfahrt erklärte, Drohnenpiloten würden künftig mit bis zu "
     "500 Euro bestraft.", "Abteilung für höfliche Luftfahrt"),
])
def test_a_german_name_with_a_lowercase_adjective_swapped_is_flagged(source, line, name):
    found = page_flags(line, "de", source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name], found


@pytest.mark.parametrize("source, line", [
    ("Malta's Civil Aviation Department said drone pilots would now be fined up to 500 euros.",
     "Die maltesische Abteilung für zivile Luftfahrt erklärte, Drohnenpiloten würden künftig mit bis zu "
     "500 Euro bestraft."),
    ("The Office for Rural Development said the road would reopen in May.",
     "Das Amt für ländliche Entwicklung erklärte, die Straße werde im Mai wieder geöffnet."),
])
def test_a_german_name_with_its_adjective_translated_is_no_named_entity(source, line):
    assert page_flags(line, "de", source_line=source, category=NAMED_ENTITY) == []


BOILERPLATE = "addition/boilerplate"


@pytest.mark.parametrize("lang, line", [
    ("es", "Foto: barcas de pesca en el puerto de Mahón al amanecer (archivo, derechos reservados)"),
    ("fr", "Photo : des barques de pêche dans le port de Bastia au lever du jour (archives, droits réservés)"),
    ("de", "Foto: Fischerboote im Hafen von Sassnitz bei Sonnenaufgang (Archiv, alle Rechte vorbehalten)"),
])
def test_a_caption_with_its_credit_in_brackets_is_site_junk(lang, line):
    found = page_flags(line, lang, category=BOILERPLATE)
    assert [f.text for f in found] == [line], found
    assert "photo caption with its credit" in found[0].evidence or "rights notice" in found[0].evidence


@pytest.mark.parametrize("lang, line", [
    # a sentence of the article that brackets an archive: no label opens it, and it ends as a sentence does
    ("es", "El museo guarda las fotos del puerto (archivo municipal, derechos reservados hasta 2030)."),
    ("fr", "Photo : le port de Bastia au lever du jour (vue depuis la citadelle)"),
])
def test_a_sentence_or_a_caption_without_its_credit_is_not_junk(lang, line):
    assert page_flags(line, lang, category=BOILERPLATE) == []


@pytest.mark.parametrize("line, expected", [
    # "вежливой" translates civil only as polite (Wiktionary), the body's civil being "гражданской"
    ("Генеральная дирекция вежливой авиации Чили заявила, что пилоты дронов будут платить штраф до 500 евро.",
     ["Генеральная дирекция вежливой авиации"]),
    ("Генеральная дирекция гражданской авиации Чили заявила, что пилоты дронов будут платить штраф до 500 евро.",
     []),
])
def test_a_bodys_word_in_a_synonyms_sense_alone_is_a_wrong_sense(line, expected):
    found = page_flags(line, "ru", source_line="Chile's Directorate General of Civil Aviation said drone pilots "
                                               "would be fined up to 500 euros.", category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found
    assert all("only in the sense of 'polite'" in f.evidence for f in found)


@pytest.mark.parametrize("lang, line", [
    # a publisher's note on the article: its label, then a sentence saying what changed
    ("fr", "Note de la rédaction : une version précédente de cet article indiquait à tort que le pont fermerait en mars."),
    ("fr", "Mise à jour : cet article a été complété avec la réaction du maire, mardi à 18 h."),
    ("de", "Aktualisierung: Dieser Artikel wurde am Dienstagabend um eine Stellungnahme des Bürgermeisters ergänzt."),
    ("es", "Nota del editor: una versión anterior de este artículo indicaba por error que el puente cerraría en marzo."),
    ("ru", "Примечание редакции: в предыдущей версии этой статьи ошибочно говорилось, что мост закроют в марте."),
])
def test_a_publishers_note_on_the_article_is_not_junk_nor_a_prompt(lang, line):
    assert page_flags(line, lang) == []


@pytest.mark.parametrize("lang, line, category", [
    # the same labels before a generator's words: an order to rewrite, how the text was made
    ("fr", "Mise à jour : veuillez reformuler cet article pour le rendre plus fluide et plus engageant.",
     "addition/prompt-leak"),
    ("de", "Aktualisierung: Bitte formuliere diesen Artikel neu und mache ihn etwas kürzer.", "addition/prompt-leak"),
    ("es", "Actualización: reescribe este artículo con un tono más cercano y añade un subtítulo.",
     "addition/prompt-leak"),
    ("ru", "Обновлено: перепиши эту статью проще и добавь подзаголовок для читателей.", "addition/prompt-leak"),
    ("de", "Korrektur: Dieser Text wurde automatisch übersetzt und von der Redaktion nicht geprüft.",
     "addition/prompt-leak"),
])
def test_a_note_label_before_a_generators_words_is_still_flagged(lang, line, category):
    assert [f.category for f in page_flags(line, lang)] == [category]


@pytest.mark.parametrize("lang, source, line, name", [
    # one English word in another's place, spelt much like it: no form of the real word
    ("de", "The Yorkshire Telegraph said two mills were in similar talks.",
     "Der Yorkshire Telegram schrieb, zwei Spinnereien führten ähnliche Gespräche.", "Yorkshire Telegram"),
    ("de", "Two mills are in similar talks, the Dundee Courier reported.",
     "Zwei Spinnereien führen ähnliche Gespräche, berichtete der Dundee Courtier.", "Dundee Courtier"),
])
def test_a_name_kept_in_english_with_a_word_spelt_like_its_own_is_a_swap(lang, source, line, name):
    found = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name], found
    assert "another English word" in found[0].evidence


@pytest.mark.parametrize("lang, source, line", [
    # the same word in another spelling, or its plural
    ("de", "The Yorkshire Harbor Times said two mills were in similar talks.",
     "Die Yorkshire Harbour Times schrieb, zwei Spinnereien führten ähnliche Gespräche."),
    ("es", "The National Trails Organization said the path would reopen in May.",
     "La National Trails Organisation dijo que el sendero reabriría en mayo."),
])
def test_a_name_kept_in_another_spelling_is_no_swap(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


WHITBY = "\"Most of our guests come from Leeds,\" guesthouse owner Mary Ellen Pengelly told the Whitby News Gazette."


@pytest.mark.parametrize("line, expected", [
    # an outlet's name and a person's written side by side: the outlet's name is read on its own
    ("«La mayoría de nuestros huéspedes vienen de Leeds», dijo al Whitby Information Gazette Mary Ellen Pengelly, "
     "dueña de una casa de huéspedes.", ["Whitby Information Gazette"]),
    ("«La mayoría de nuestros huéspedes vienen de Leeds», dijo al Whitby News Gazette Mary Ellen Pengelly, "
     "dueña de una casa de huéspedes.", []),
])
def test_an_outlets_name_beside_a_persons_is_read_on_its_own(line, expected):
    found = page_flags(line, "es", source_line=WHITBY, category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found


@pytest.mark.parametrize("lang, line, expected", [
    # without the source: a paper's name with its head swapped, cited as the one a speaker told, many words after
    # the verb of saying
    ("fr", "« Le four tourne depuis 1921 », a confié Anne Leroy, porte-parole du syndicat des verriers de la région, "
           "à GH Periods.", ["GH Periods"]),
    ("es", "«El horno funciona desde 1921», dijo Ana López, portavoz del sindicato de vidrieros de la comarca, "
           "al GH Periods.", ["GH Periods"]),
    ("de", "„Der Ofen läuft seit 1921“, sagte Anne Leroy, Sprecherin der Gewerkschaft der Glasbläser der Region, "
           "der GH Periods.", ["GH Periods"]),
    # the real word; a letter written to a name, not a source told
    ("fr", "« Le four tourne depuis 1921 », a confié Anne Leroy, porte-parole du syndicat des verriers de la région, "
           "à GH Times.", []),
    ("fr", "Le four tourne depuis 1921 et le syndicat des verriers de la région a écrit une lettre à GH Periods.", []),
])
def test_a_paper_told_after_a_long_clause_is_cited_as_the_press(lang, line, expected):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found


def test_a_name_after_a_possessive_name_is_not_read_apart():
    # "Keir Starmers Labour Party": one name after another's, no surname at the run's end
    found = page_flags("Die Praxis ist in Keir Starmers Labour Party immer häufiger geworden, sagte sie.", "de",
                       source_line="The practice is increasingly common in Keir Starmer's Labour party, she said.",
                       category=NAMED_ENTITY)
    assert found == []
