"""Issue 15, nineteenth round. Without the source: an English newspaper's name kept with its last word swapped
for a Moby Thesaurus II relative (evalkit/data/newspaper_thesaurus.tsv, built from Moby by
tools/build_thesaurus.py --newspapers) and a German report cue before a name ("Ein Bericht im ..."). With the
source: a body's name whose place is written as an adjective made from it ("Texanische" for Texas). Each rule
on text written for this test, with the negatives beside it."""

from __future__ import annotations

import pytest

from evalkit.detectors.name_forms import translates
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source: str | None = None) -> list:
    return page_flags(line, lang, source_line=source, category=NAMED_ENTITY)


@pytest.mark.parametrize("lang, line, span, paper", [
    # the last word of a real newspaper's name (Wikidata) swapped for a relative Moby gives it
    ("es", "Según el Juneau Realm, la nueva terminal abrirá en marzo.", "Juneau Realm", "Juneau Empire"),
    ("ru", "По данным Hollywood Correspondent, съёмки приостановлены.", "Hollywood Correspondent",
     "The Hollywood Reporter"),
])
def test_a_real_newspapers_head_word_swapped_for_a_moby_relative_is_found(lang, line, span, paper):
    found = _names(line, lang)
    assert [f.text for f in found] == [span]
    assert paper in found[0].evidence and "Moby Thesaurus II" in found[0].evidence


@pytest.mark.parametrize("lang, line", [
    # a first word swapped for a word Moby relates to it reads as another real paper than the one meant
    # ("Good Times" for the Standard Times, which Wikidata lacks): Moby's looser relatives only for the head
    ("es", "Según el Normal Times, la nueva terminal abrirá en marzo."),
    # the real paper's own name
    ("es", "Según el Juneau Empire, la nueva terminal abrirá en marzo."),
    # a place Moby relates to a word ("Goshen" for heaven) is no spinner's word
    ("fr", "D'après le Heaven News, le tournage a été suspendu."),
])
def test_no_swap_where_moby_relates_only_a_first_word_or_the_name_is_real(lang, line):
    assert not [f for f in _names(line, lang) if "Moby" in f.evidence and "newspaper" in f.evidence]


def test_a_german_report_cue_cites_a_news_source():
    # "Ein Bericht im X warnte": a newspaper's name where a news source is cited, its last word swapped
    found = _names("Ein Bericht im Evesham Periodical warnte vor einer schlechten Ernte.", "de")
    assert [f.text for f in found] == ["Evesham Periodical"] and "Evesham Journal" in found[0].evidence
    # the same words where no news source is cited: no word swap is read into them
    assert _names("Das Evesham Periodical liegt auf dem Tisch neben der Kasse.", "de") == []


def test_a_place_written_as_its_adjective_is_the_places_word_in_a_bodys_name():
    assert translates("texanische", "texas", "de") and translates("техасский", "texas", "ru")
    # a word no Latin-script Wiktionary writes as itself is no proper name: "fermier" (farmer) is no "farm"
    assert not translates("fermier", "farm", "fr")
    source = "The Texas Farm Bureau says such payments help families keep their ranches."
    found = _names("Die Texanische Bauernhof-Agentur erklärt, solche Zahlungen hülfen den Familien.", "de", source)
    assert [f.text for f in found] == ["Texanische Bauernhof-Agentur"] and "'bureau'" in found[0].evidence
    # the body's words translated each as itself: no swap
    assert _names("Das Texanische Bauernhof-Büro erklärt, solche Zahlungen hülfen den Familien.", "de", source) == []


def test_an_outlet_head_only_real_newspapers_give_translated_beside_a_place_the_target_does_not_write():
    # "Anunciante": advertiser, a word ending many real newspapers' names (Wikidata) and no outlet the gazetteer
    # lists; "Tivyside" is no Spanish word: an English-language paper translated where a news source is cited
    found = _names("Según El Anunciante de Tivyside, el puerto cerrará en marzo.", "es")
    assert [f.text for f in found] == ["El Anunciante de Tivyside"] and "'advertiser'" in found[0].evidence
    # beside a place the target language writes, such a head is a real paper of that language
    assert _names("Según El Mensajero de Guayaquil, el puerto cerrará en marzo.", "es") == []


def test_a_verb_of_counting_after_a_name_cites_a_news_source():
    # "le X a recensé onze réunions": the name counted something, as a news source does; its middle word
    # swapped for a Moby relative of a real paper's word (the South Wales Evening Post), which names that paper
    # rather than a known outlet sharing fewer of its words (the South China Morning Post)
    found = _names("Des militants ont signé, et le South Wales Twilight Post a recensé onze réunions publiques.",
                   "fr")
    assert [f.text for f in found] == ["South Wales Twilight Post"] and found[0].suggestion == "South Wales Evening Post"
    # the real paper's own name
    assert _names("Des militants ont signé, et le South Wales Evening Post a recensé onze réunions publiques.",
                  "fr") == []


@pytest.mark.parametrize("lang, line, span", [
    # a speech verb, its subject after it, then "au": the person told a news source
    ("fr", "« Nous avons tout laissé derrière nous », a confié un vacancier britannique au Gardien.", "Gardien"),
    ("es", "«Lo perdimos todo», dijo un turista británico al Guardián.", "Guardián"),
])
def test_a_one_word_outlet_translated_where_a_news_source_is_told(lang, line, span):
    assert [f.text for f in _names(line, lang)] == [span]


@pytest.mark.parametrize("lang, line", [
    # the target language's own proper nouns after an article: the ocean, the sun
    ("fr", "La saison des ouragans dans l'Atlantique s'étend du 1er juin au 30 novembre."),
    ("fr", "L'observatoire prévoit des observations du Soleil en journée pour les écoles."),
    ("es", "El Gobierno revisa las normas para las jaulas de red en aguas del Atlántico."),
])
def test_a_capitalised_common_word_after_an_article_is_no_outlet_where_no_source_is_cited(lang, line):
    assert _names(line, lang) == []


# --------------------------------------------------------------------------- four negatives (with the source)

def _untranslated(line: str, lang: str, source: str) -> list:
    return page_flags(line, lang, source_line=source, category="accuracy/untranslated")


def test_a_target_language_name_the_gazetteer_lists_under_it_is_no_untranslated_name():
    # the gazetteer's Spanish name of another ministry: "Ministerio de Educación" is Spanish, no word English
    source = "The Ministry of Education and Youth said the allowance would rise in September."
    line = "El Ministerio de Educación y Juventud informó que la asignación subirá en septiembre."
    assert _untranslated(line, "es", source) == []


def test_an_abbreviation_written_out_is_the_same_name():
    source = "Ferries from St Peter Port were cancelled on Monday."
    line = "Los ferris desde Saint Peter Port se cancelaron el lunes."
    assert _names(line, "es", source) == []
    # one word truly swapped is still found
    found = _names("Los ferris desde Saint Peter Harbour se cancelaron el lunes.", "es", source)
    assert [f.text for f in found] == ["Saint Peter Harbour"]


def test_a_place_in_a_bodys_usual_name_swapped_for_another_place_is_another_body():
    # the Montreal Arts Council, not the Canada Council for the Arts with a word swapped
    assert _names("Le Conseil des arts de Montréal a versé 20 000 dollars à la troupe cette année.", "fr") == []


def test_a_place_kept_inside_a_latin_script_name_the_source_writes_so_is_the_names():
    from evalkit.detectors.text import tokenize
    from evalkit.detectors.untranslated import _inside_kept_name
    source = "The health minister told CBC Manitoba the figures were unacceptable."
    text = "Министр здравоохранения заявил CBC Manitoba, что эти цифры неприемлемы."
    tokens = tokenize(text)
    at = next(i for i, t in enumerate(tokens) if t.text == "Manitoba")
    assert _inside_kept_name(text, tokens, at, source)   # the broadcaster's name, as the source writes it
    # the place alone, or beside a word the source does not write with it, is no kept name
    assert not _inside_kept_name(text, tokens, at, "The health minister told reporters in Manitoba the figures.")
    text = "Министр заявил в Manitoba, что цифры неприемлемы."
    tokens = tokenize(text)
    at = next(i for i, t in enumerate(tokens) if t.text == "Manitoba")
    assert not _inside_kept_name(text, tokens, at, source)


# --------------------------------------------------------------------------- a weaker English word and its neighbour

def _alone(text: str, lang: str, detector: str) -> list:
    """One detector's flags on `text` alone (no page around it, no source)."""
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input
    return run_detectors(prepare_input(text, "en", lang), make_detectors([detector]))


def _untranslated_alone(line: str, lang: str) -> list[str]:
    return [f.text for f in _alone(line, lang, "untranslated")]


@pytest.mark.parametrize("lang, line, span", [
    # one weaker English word beside a word both languages write (or neither knows): the pair is English
    ("fr", "Le projet prévoit une laneway house derrière chaque maison du quartier.", "laneway house"),
    ("fr", "Samedi, un festival band de la région a ouvert la soirée.", "festival band"),
])
def test_a_weaker_word_and_its_neighbour_identified_as_english_are_one_phrase(lang, line, span):
    assert _untranslated_alone(line, lang) == [span]


@pytest.mark.parametrize("lang, line", [
    ("fr", "La mission a été confiée au cabinet new-yorkais Selldorf Architects."),   # half of a hyphened word
    ("de", "Das Unternehmen werde in all seinen Werken mehr Granaten herstellen."),   # a function word beside it
])
def test_no_pair_with_a_hyphened_half_or_a_function_word(lang, line):
    assert _untranslated_alone(line, lang) == []


@pytest.mark.parametrize("lang, line", [
    ("fr", "Reformulation terminée : ton journalistique conservé, intertitres à ajouter selon la charte du site."),
    ("de", "Umschreibung abgeschlossen – Lesbarkeit gut, Keyword-Dichte 2,4 Prozent"),
    ("es", "(Versión parafraseada lista: cambié el orden de las frases para que los buscadores no la marquen.)"),
    ("ru", "Paraphrase complete"),
])
def test_the_generator_reporting_its_rewrite_done_is_a_prompt_leak(lang, line):
    found = page_flags(line, lang)
    assert [f.category for f in found] == ["addition/prompt-leak"] and "rewrite done" in found[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("fr", "La reformulation terminée du règlement entre en vigueur lundi."),   # the clause goes on
    ("de", "Die Überarbeitung ist abgeschlossen, sagte der Minister."),
    ("es", "La versión lista del presupuesto se votará el lunes."),
])
def test_a_sentence_about_a_finished_revision_is_the_articles(lang, line):
    assert page_flags(line, lang) == []


@pytest.mark.parametrize("lang, line, why", [
    # the reader addressed by a clitic or a possessive ("Te", "ta")
    ("es", "¿Te lo vas a perder? Baja gratis nuestra aplicación y recibe cada resultado al instante.",
     "addressing the reader"),
    # content from an advertiser, in each language's words
    ("es", "Contenido de un anunciante — Protege tu bici frente al robo por 3 € al mes", "ad label"),
    ("fr", "Contenu d'un annonceur — Assurez votre vélo contre le vol pour 3 € par mois", "ad label"),
    # a desk, a separator, a word of publishing and a date stamp: a byline without "By"
    ("fr", "Équipe Escales & Saveurs — mis en ligne le 14 mars à 7 h 52", "byline naming a desk"),
    ("de", "Redaktion Wirtschaft | aktualisiert am 3. Mai, 14:20 Uhr", "byline naming a desk"),
])
def test_site_junk_read_on_held_outs_45_and_46(lang, line, why):
    found = page_flags(line, lang)
    assert [f.category for f in found] == ["addition/boilerplate"] and why in found[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("fr", "L'équipe de France — battue 2-1 samedi à 21 h 05 — rentre lundi à Paris."),   # no word of publishing
    ("es", "El contenido de un anunciante fue retirado por la autoridad de competencia."),   # not a label
    ("es", "Te lo dijimos: la aplicación de la ley empezará el lunes en toda la provincia."),   # no order, no "our"
])
def test_lines_like_site_junk_that_are_the_articles(lang, line):
    assert page_flags(line, lang) == []


@pytest.mark.parametrize("lang, line, category", [
    # "write to us under this article": the site asking its readers, not an order to a text generator
    ("de", "Was denken Sie? Schreiben Sie uns unter diesem Artikel, höchstens 1.500 Zeichen.", "addition/boilerplate"),
    ("fr", "Écrivez-nous sous cet article, 1 500 signes au plus.", "addition/boilerplate"),
    # the same order about the text with no "us" is still one
    ("de", "Schreiben Sie den Artikel neu und kürzen Sie ihn auf 300 Wörter.", "addition/prompt-leak"),
])
def test_an_order_to_write_to_us_is_the_sites_not_a_generators(lang, line, category):
    assert [f.category for f in page_flags(line, lang)] == [category]


def test_a_french_name_read_through_its_lowercase_words_to_the_place_after_a_connector():
    # "Planche des services d'eau du Manitoba": the name's words go on in lowercase, then "du" and the place;
    # "Planche" is the board in a sense that names no body
    source = "The Manitoba Water Services Board will fund the new pipeline, it said on Monday."
    found = _names("La Planche des services d'eau du Manitoba financera la nouvelle canalisation, a-t-elle dit.",
                   "fr", source)
    assert [f.text for f in found] == ["Planche des services d'eau du Manitoba"] and "'board'" in found[0].evidence
    # the body's usual French word: no flag
    assert _names("La Commission des services d'eau du Manitoba financera la nouvelle canalisation, a-t-elle dit.",
                  "fr", source) == []


def test_two_ordinary_german_words_one_key_apart_are_no_inconsistency():
    # "Zahlungen" (payments) and "Zählungen" (counts): two words of German, not one name spelt two ways
    text = ("Die Zahlungen an die Imker verzögern sich.\nDie Zählungen der Völker beginnen im Mai.\n")
    flags = _alone(text, "de", "names")
    assert not [f for f in flags if f.category == "fluency/inconsistency"]
