"""Issue 15, thirty-ninth round: what held-outs 85 and 86 (measured untouched, then read) showed.
- A sentence the MT dropped, held by length with a share bar that stands below the rendering of the next sentence,
  while that rendering and its sentence were each left unaligned: a monotonic alignment cannot pair them across the
  link, and the omission was placed at the wrong sentence. Where the link's two sides share nothing and the crossed
  pair shares anchors and dictionary pairs, the link is undone and the pair made (aligner._uncrossed).
- Georgian place names written as German writes them ("Ratscha" for Racha, "Uzera" for Utsera) flagged as names
  spelt beyond transliteration: German writes English "ch", "sh" and "ts" as "tsch", "sch" and "z"
  (text.translit_key).
- An English line of a German page whose source was hidden, a text generator's chatter ("... should slip past any
  duplicate content checker"), flagged as a sentence left untranslated: the line classifier read it as a prompt (0.65)
  but not surely enough from its words alone to call it one. Without the source, a line in the source's language that
  the classifier reads as a prompt rather than prose at all is one; an untranslated sentence of the article reads as
  prose (layout._learned_lines).
- A sweep of public bodies named after their country, cited with a press verb ("Historic England reported"), found
  them read as news outlets and their translations flagged: a name ending on a place's name is a body's shape as much
  as an outlet's (rendered._place_last).
- Junk missed without the source: a list of stories not to miss opened by French's or Spanish's word for it
  ("Incontournables du jour | ...", "Imprescindibles de la semana: ..."), English's "must read" having its row; and a
  caption whose label says it is a stock or archive image ("Image d'illustration : ..."), the photo word not right
  before the colon (junk_cues.tsv teaser rows; layout._credited_caption).
- "Саудовский ..." for the Saudi Tourism Authority (held-out 85): no table knew a Russian word for "Saudi", the first
  word of a country's name of two words, so names holding it were never read as rendered. A word made from a word
  of the country's name in the target language (CLDR: "Саудовская Аравия", "Arabie saoudite") renders it, where that
  English word is a proper word (WordNet) opening one country's name only (name_forms._opening_places).
- Outlets cited with a press verb and translated, missed because a word of their name ends bodies' names in the
  gazetteer, though only after a connector ("Monaco Life" described ...: "life" ends "Physics of Life"): where a
  press verb cites the name, a body's head is its first word or its last without a connector before it, each
  gazetteer entry counted once (rendered._head_body_words).
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.alignment.aligner import DEFAULT_OPTIONS, Link, _uncrossed
from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.name_forms import _opening_places, translates
from evalkit.detectors.text import translit_key

NAMED = "accuracy/mistranslation/named-entity"

SOURCE = ["The mayor opened the new market hall on Friday.",
          "Forty young people were hired to run the stalls and the cafe.",
          "Harbour Voice said that the hall will cost the town twice as much as planned.",
          "More stalls will open in the summer."]
MT = ["Der Bürgermeister eröffnete am Freitag die neue Markthalle.",
      "Hafenstimme sagte, dass die Halle die Stadt doppelt so viel kosten werde wie geplant.",
      "Folgen Sie unserer Lokalredaktion auf Instagram und verpassen Sie keine Meldung mehr",
      "Im Sommer werden weitere Stände öffnen."]


def _pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.source, link.target) for link in links]


def test_a_link_held_across_a_sentence_and_its_rendering_is_undone():
    # the DP held the dropped sentence (1) with the share bar (2) by length, leaving the rendering (1) of the next
    # sentence (2) and that sentence unaligned on either side of the link
    crossed = [Link((0,), (0,), -2.0), Link((), (1,), 3.0), Link((1,), (2,), 0.4), Link((2,), (), 3.0),
               Link((3,), (3,), -1.5)]
    assert _pairs(_uncrossed(SOURCE, MT, crossed, ("en", "de"), DEFAULT_OPTIONS)) == [
        ((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,)), ((3,), (3,))]


def test_the_mirror_crossing_is_undone_too():
    # the share bar first, then the rendering of the sentence before the dropped one
    source = [SOURCE[0], SOURCE[2], SOURCE[1], SOURCE[3]]
    mt = [MT[0], MT[2], MT[1], MT[3]]
    crossed = [Link((0,), (0,), -2.0), Link((1,), (), 3.0), Link((2,), (1,), 0.4), Link((), (2,), 3.0),
               Link((3,), (3,), -1.5)]
    assert _pairs(_uncrossed(source, mt, crossed, ("en", "de"), DEFAULT_OPTIONS)) == [
        ((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), ()), ((3,), (3,))]


def test_a_link_whose_sides_share_something_is_kept():
    # "Halle" renders "hall": the link is no length-held pairing of two unrelated segments
    mt = [MT[0], MT[1], "Die Halle hat vierzig Stände.", MT[3]]
    crossed = [Link((0,), (0,), -2.0), Link((), (1,), 3.0), Link((1,), (2,), 0.4), Link((2,), (), 3.0),
               Link((3,), (3,), -1.5)]
    assert _uncrossed(SOURCE, mt, crossed, ("en", "de"), DEFAULT_OPTIONS) == crossed


def test_a_crossed_pair_that_shares_too_little_is_left():
    mt = [MT[0], "Es regnete den ganzen Tag.", MT[2], MT[3]]
    crossed = [Link((0,), (0,), -2.0), Link((), (1,), 3.0), Link((1,), (2,), 0.4), Link((2,), (), 3.0),
               Link((3,), (3,), -1.5)]
    assert _uncrossed(SOURCE, mt, crossed, ("en", "de"), DEFAULT_OPTIONS) == crossed


@pytest.mark.parametrize("english, german", [("Racha", "Ratscha"), ("Utsera", "Uzera"),
                                             ("Shevchenko", "Schewtschenko")])
def test_german_spellings_of_transliterated_names_meet_the_english(english, german):
    assert translit_key(english) == translit_key(german)


def _named_in(lang: str, mt: str, source: str) -> list[str]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n")
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == NAMED]


def test_a_georgian_village_as_german_writes_it_is_not_flagged():
    src = "The road from Racha to the village of Utsera was rebuilt last year."
    mt = "Die Straße von Ratscha in das Dorf Uzera wurde im vergangenen Jahr neu gebaut."
    assert _named_in("de", mt, src) == []


def test_a_name_spelt_beyond_transliteration_is_still_flagged():
    src = "The road from Racha to the village of Utsera was rebuilt last year."
    mt = "Die Straße von Ratscha in das Dorf Umbera wurde im vergangenen Jahr neu gebaut."
    assert _named_in("de", mt, src) == ["Umbera"]


CHATTER = "Okay, this fresh version of the piece should get past a copy detection tool."
PAGE = ["Die Fähre nach Lindau fährt ab Montag wieder nach dem üblichen Fahrplan.",
        "Die Reparatur der Hafenmauer hat nach Angaben der Stadt drei Wochen gedauert.",
        "{line}",
        "Die Stadt rechnet im Sommer mit deutlich mehr Fahrgästen als im vergangenen Jahr."]


def _categories(line: str) -> dict[str, str]:
    doc = prepare_input("\n".join(PAGE).format(line=line) + "\n", "en", "de")
    return {f.text.rstrip("."): f.category for f in run_detectors(doc, make_detectors())}


def test_without_the_source_an_english_line_the_classifier_reads_as_chatter_is_a_prompt():
    # the classifier reads it as a prompt (0.69) but not surely from its words alone (0.79, under 0.95)
    assert _categories(CHATTER) == {CHATTER.rstrip("."): "addition/prompt-leak"}


def test_without_the_source_an_english_sentence_of_the_article_stays_untranslated():
    sentence = "Local farmers say the new rules will make it harder to sell their cheese at the market."
    assert _categories(sentence) == {sentence.rstrip("."): "accuracy/untranslated"}


@pytest.mark.parametrize("lang, source, mt", [
    ("fr", "Historic England reported that the mill would be listed.",
     "L’Angleterre historique a indiqué que le moulin serait classé."),
    ("fr", "Invest India reported that exports rose in May.",
     "Investir en Inde a indiqué que les exportations avaient augmenté en mai."),
    ("de", "Screen Australia said that two films were funded.",
     "Leinwand Australien teilte mit, dass zwei Filme gefördert wurden."),
])
def test_a_public_body_named_after_its_country_is_no_news_outlet(lang, source, mt):
    # a name ending on a country's or a region's name is the shape of a public body as much as of an outlet's: a
    # press verb after it, or an outlet's word ending it elsewhere ("The Times of India"), does not make it one
    assert _named_in(lang, mt, source) == []


@pytest.mark.parametrize("lang, source, mt, flagged", [
    ("fr", "The Northern Scot reported that the distillery would reopen in May.",
     "L’Écossais du Nord a rapporté que la distillerie rouvrirait en mai.", "Écossais du Nord"),
    ("es", "The Times of India reported that exports rose in May.",
     "Los Tiempos de la India informaron que las exportaciones subieron en mayo.", "Tiempos de la India"),
])
def test_a_news_outlet_translated_is_still_flagged(lang, source, mt, flagged):
    # a people's word ends a paper's name (not a place's); a real newspaper is one whatever its last word
    assert _named_in(lang, mt, source) == [flagged]


JUNK_PAGE = {"fr": ["Le port de Lindau a rouvert lundi après trois semaines de travaux.", "{line}",
                    "La mairie attend davantage de passagers cet été."],
             "es": ["El puerto de Lindau reabrió el lunes tras tres semanas de obras.", "{line}",
                    "El ayuntamiento espera más pasajeros este verano."],
             "ru": ["Порт Линдау вновь открылся в понедельник после трёх недель работ.", "{line}",
                    "Мэрия ожидает этим летом больше пассажиров."]}


def _junk(lang: str, line: str) -> list[str]:
    doc = prepare_input("\n".join(JUNK_PAGE[lang]).format(line=line) + "\n", "en", lang)
    return [f.evidence for f in run_detectors(doc, make_detectors()) if f.category == "addition/boilerplate"]


@pytest.mark.parametrize("lang, line, cue", [
    ("fr", "Incontournables du jour | Marchés : les dix plus beaux marchés de Noël d'Alsace", "Incontournables"),
    ("fr", "À ne pas manquer : les dix plus beaux marchés de Noël d'Alsace", "À ne pas manquer"),
    ("es", "Imprescindibles de la semana: diez miradores para ver el atardecer en la sierra", "Imprescindibles"),
])
def test_a_list_of_stories_not_to_miss_is_a_teaser(lang, line, cue):
    assert _junk(lang, line) == [f"teaser for another story: {cue!r}"]


@pytest.mark.parametrize("lang, line", [
    ("fr", "Les incontournables du festival restent les concerts du soir, selon les organisateurs."),
    ("fr", "Incontournables, les marchés de Noël attirent chaque année des milliers de visiteurs."),
    ("es", "Imprescindibles para la economía local, los mercados atraen a miles de visitantes cada año."),
])
def test_the_same_words_in_an_article_sentence_are_no_teaser(lang, line):
    assert _junk(lang, line) == []


@pytest.mark.parametrize("lang, line", [
    ("fr", "Image d'illustration : le quai des ferries au lever du jour (crédit : DR)"),
    ("fr", "Photo d'archive : le port de Lindau en hiver"),
    ("es", "Foto de archivo: el puerto de Lindau en invierno"),
])
def test_a_caption_labelled_as_a_stock_or_archive_image_is_junk(lang, line):
    assert [e.split(" (")[0] for e in _junk(lang, line)] == ["photo caption labelled as a stock or archive image"]


def test_a_sentence_opening_with_the_label_is_left():
    # a sentence (its full stop) is the article's: the caption rule reads no sentence
    assert _junk("fr", "Image d'archive : la mairie a publié un film de 1950 sur le port.") == []


@pytest.mark.parametrize("word, english, lang", [("саудовскии", "saudi", "ru"), ("saoudien", "saudi", "fr"),
                                                  ("saudische", "saudi", "de"), ("доминиканская", "dominican", "ru")])
def test_a_word_made_from_a_countrys_name_renders_the_first_word_of_its_english_name(word, english, lang):
    assert translates(word, english, lang)


def test_a_word_opening_several_countries_names_or_a_common_word_gets_no_such_form():
    # "French" opens French Guiana's and French Polynesia's names; "south" is no proper word (WordNet); "arabe" shares
    # too little of "arabie"
    assert "french" not in _opening_places("ru") and "south" not in _opening_places("ru")
    assert not translates("arabe", "saudi", "fr")


def test_a_gulf_newspaper_translated_with_the_countrys_adjective_is_flagged():
    src = "The Saudi Gazette reported that fish prices rose in May."
    mt = "Саудовская газета сообщила, что цены на рыбу выросли в мае."
    assert _named_in("ru", mt, src) == ["Саудовская газета"]


def test_a_news_agency_russian_renders_so_is_left():
    src = "The Saudi Press Agency reported that fish prices rose in May."
    mt = "Саудовское агентство печати сообщило, что цены на рыбу выросли в мае."
    assert _named_in("ru", mt, src) == []


@pytest.mark.parametrize("lang, source, mt", [
    ("fr", "Dorset Life described the village as the prettiest in the county.",
     "Vie du Dorset a décrit le village comme le plus joli du comté."),
])
def test_an_outlet_cited_with_a_press_verb_whose_last_word_ends_bodies_names_only_after_of_is_one(lang, source, mt):
    # "life" ends "Physics of Life" and "Sport for Life", after a connector: it heads neither
    assert _named_in(lang, mt, source) == [mt.split(" a décrit")[0]]


@pytest.mark.parametrize("lang, source, mt", [
    ("fr", "The Institute of Physics noted that fewer girls study physics.",
     "L'Institut de physique a noté que moins de filles étudient la physique."),
    ("de", "The Environment Agency reported that rivers were polluted.",
     "Die Umweltbehörde berichtete, dass die Flüsse verschmutzt seien."),
    ("es", "The Food and Agriculture Organization estimated that harvests would fall.",
     "La Organización para la Alimentación y la Agricultura estimó que las cosechas caerían."),
])
def test_a_body_cited_with_a_press_verb_and_rendered_is_left(lang, source, mt):
    assert _named_in(lang, mt, source) == []
