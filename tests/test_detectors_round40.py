"""Issue 15, fortieth round: what held-outs 87 and 88 (measured untouched, then read) showed.
- An internet domain's ending written after a space ("die Endung .ai") flagged as a space before a full stop: a
  period before a lowercase letter ends no sentence (punctuation._PUNCT_AFTER_SPACE).
- A French word for an English compound ("pitchpin" for pitch pine) flagged as untranslated because language
  identification reads it as English: with the source aligned, a word the source does not write and English does not
  know either is the MT's own (untranslated._rare_words).
- A short term quoted as such, half of it a word the target language has too (« board foot », "foot" being French as
  well), flagged as an English pair left untranslated: a quotation of three words at most, one the source language's
  and none the target's alone, is a term quoted, judged like other quotations (untranslated._quoted_term).
- Outlets whose name joins its words with "+" ("Meat + Poultry"): the name runs stopped at the "+", so the spun name
  was flagged only as an untranslated word (text.adjacent, and its C twin in _tokens.c).
- Real newspapers' names with "Daily" written as a phrase, without the source ("The Every day Herald", "The
  Day-to-day Herald"): only the gazetteer's names were read that way; Wikidata's newspapers are too now, a hyphened
  phrase too (names._phrase_swaps, gazetteer._newspaper_relative). With the source, the citing verb after the name is
  no word of it ("Record informó", rendered._extended).
- "The X" kept in English where a news source is cited, X a rarer English word (Zipf 2 to 3) that WordNet relates
  to one real newspaper's one word: "The Quicksilver" for The Mercury (rendered._one_word_swap).
- A teaser standing where a sentence was dropped ("Rubrique voisine : ..."), which the aligner held with that
  sentence by length: the classifier read it as junk at 0.62, under the 0.9 asked of such a line. With a teaser's
  label before its headline, junk rather than prose (0.5) is enough (layout._learned_lines, TEASER_LABEL).
- An interface word's stem of three letters ("app") read in "apprentis", "appareil": a whole word now.
- Public broadcasters kept ("West Virginia Public Broadcasting") read as a newspaper's name with "press" swapped
  for "broadcasting", a Moby relative: a broadcaster's word is no spinner's choice (names._real_swap_in).
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.text import name_sequences, tokenize

NAMED = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"
PUNCTUATION = "fluency/punctuation"


def _flags(lang: str, mt: str, source: str | None = None) -> list[tuple[str, str]]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n" if source else None)
    return [(f.category, f.text) for f in run_detectors(doc, make_detectors())]


def test_a_domain_ending_after_a_space_is_no_misplaced_full_stop():
    mt = "Die Insel verdient an der Endung .io und an der Endung .nz im Netz."
    assert [f for f in _flags("de", mt) if f[0] == PUNCTUATION] == []


@pytest.mark.parametrize("mt", ["Die Fähre läuft wieder . Sie fährt ab Montag.",
                                "Die Fähre läuft wieder .Sie fährt ab Montag."])
def test_a_space_before_a_sentences_full_stop_is_still_flagged(mt):
    assert (PUNCTUATION, " .") in _flags("de", mt)


def test_a_french_word_for_an_english_compound_is_not_left_untranslated():
    src = "The boats were built from pitch pine and oak."
    mt = "Les bateaux étaient construits en pitchpin et en chêne."
    assert [f for f in _flags("fr", mt, src) if f[0] == UNTRANSLATED] == []


def test_the_compound_left_in_english_is_still_flagged():
    src = "The boats were built from pitch pine and oak."
    mt = "Les bateaux étaient construits en pitch pine et en chêne."
    assert (UNTRANSLATED, "pitch pine") in _flags("fr", mt, src)


def test_without_the_source_the_word_is_still_judged_by_language_identification():
    # (no source to say the MT wrote its own word: "pitchpin" reads as English)
    mt = "Le bois de pitchpin importé coûte deux fois plus cher."
    assert (UNTRANSLATED, "pitchpin") in _flags("fr", mt)


@pytest.mark.parametrize("source, mt", [
    ("The mill sells boards at 40 dollars per board foot.", "La scierie vend les planches 40 dollars le « board foot »."),
    ("They spoke of the bus pass again.", "Ils ont de nouveau parlé du « bus pass »."),
    (None, "La scierie vend les planches 40 dollars le « board foot »."),
])
def test_a_short_term_quoted_as_such_is_not_flagged(source, mt):
    assert [f for f in _flags("fr", mt, source) if f[0] == UNTRANSLATED] == []


@pytest.mark.parametrize("source, mt, flagged", [
    ("The mill sells boards at 40 dollars per board foot.", "La scierie vend les planches 40 dollars le board foot.",
     "board foot"),
    ("They spoke of the bus pass again.", "Ils ont de nouveau parlé du bus pass.", "bus pass"),
])
def test_the_same_term_unquoted_is_still_flagged(source, mt, flagged):
    assert (UNTRANSLATED, flagged) in _flags("fr", mt, source)


def test_a_plus_joins_the_words_of_a_name():
    text = "Yesterday Garden + Home wrote that the show was cancelled."
    assert "Yesterday Garden + Home" in [s.text for s in name_sequences(tokenize(text), text)]


def test_a_spun_name_joined_by_a_plus_is_flagged_as_a_name():
    src = "Garden + Home wrote that the island's allotments were full for the first time."
    mt = "Garden + Dwelling написал, что огороды острова впервые заполнены."
    flags = _flags("ru", mt, src)
    assert (NAMED, "Garden + Dwelling") in flags
    assert [f for f in flags if f[0] == UNTRANSLATED] == []


def test_the_name_joined_by_a_plus_kept_is_not_flagged():
    src = "Garden + Home wrote that the island's allotments were full for the first time."
    mt = "Garden + Home написал, что огороды острова впервые заполнены."
    assert _flags("ru", mt, src) == []


@pytest.mark.parametrize("lang, mt, flagged", [
    ("ru", "The Day-to-day Record написал, что порт закроется зимой.", "The Day-to-day Record"),
    ("es", "The Every day Record informó que el puerto cerrará en invierno.", "The Every day Record"),
    ("es", "El Every day Record informó que el puerto cerrará en invierno.", "Every day Record"),
    ("fr", "Selon The Every day Press, le port fermera en hiver.", "The Every day Press"),
])
def test_a_real_newspaper_with_daily_written_as_a_phrase_is_flagged(lang, mt, flagged):
    flags = _flags(lang, mt)
    assert (NAMED, flagged) in flags
    assert [f for f in flags if f[0] == UNTRANSLATED] == []


@pytest.mark.parametrize("lang, mt", [
    ("fr", "Selon The Daily Press, le port fermera en hiver."),
    ("es", "Los pescadores trabajan día a día, informó la cooperativa."),
    ("fr", "Le Day-to-day Record a été fondé par un ancien pêcheur."),
])
def test_the_real_name_or_the_phrase_outside_a_news_source_slot_is_left(lang, mt):
    assert [f for f in _flags(lang, mt) if f[0] == NAMED] == []


@pytest.mark.parametrize("mt", ["The Day-to-day Record informó que el puerto cerrará en invierno.",
                                "The Every day Record informó que el puerto cerrará en invierno."])
def test_with_the_source_the_citing_verb_is_no_word_of_the_name(mt):
    src = "The Daily Record reported that the port will close in winter."
    named = [text for category, text in _flags("es", mt, src) if category == NAMED]
    assert len(named) == 1 and "informó" not in named[0] and "Record" in named[0]


@pytest.mark.parametrize("lang, mt", [("es", "Según The Quicksilver, el ferry volverá el lunes."),
                                      ("de", "Laut The Quicksilver fährt die Fähre ab Montag wieder.")])
def test_a_rarer_english_word_for_a_real_papers_one_word_is_a_swap(lang, mt):
    # (English Zipf 2.9, under the 3.0 a gazetteer outlet's swap asks; WordNet relates it to mercury alone)
    flags = _flags(lang, mt)
    assert (NAMED, "The Quicksilver") in flags


@pytest.mark.parametrize("mt", ["Selon The Mercury, le ferry reprendra lundi.",   # the real paper
                                "The Quicksilver est un vieux film.",               # no news source cited
                                "Selon The Onlooker, le ferry reprendra lundi."])   # two real papers it may be
def test_the_real_paper_or_a_word_off_a_news_slot_or_of_two_papers_is_left(mt):
    assert [f for f in _flags("fr", mt) if f[0] == NAMED] == []


TEASER_SOURCE = ["The cheese cooperative in Poligny opened a new ageing cellar on Saturday.",
                 "The cellar can hold up to 12,000 wheels of Comté at a time.",
                 "A single wheel needs at least eight months before it can be sold.",
                 "The cooperative plans to hire four apprentices next spring."]
TEASER_MT = ["La coopérative fromagère de Poligny a inauguré samedi une nouvelle cave d'affinage.",
             "La cave peut accueillir jusqu'à 12 000 meules de comté à la fois.",
             "{line}",
             "La coopérative prévoit d'embaucher quatre apprentis au printemps prochain."]


def _teaser_flags(line: str) -> list[tuple[str, str]]:
    return _flags("fr", "\n".join(TEASER_MT).format(line=line), "\n".join(TEASER_SOURCE))


@pytest.mark.parametrize("line", ["Même thème : les fromagers du Jura cherchent des apprentis",
                                  "En parallèle : les fromagers du Jura cherchent des apprentis"])
def test_a_labelled_teaser_where_a_sentence_was_dropped_is_junk_and_the_sentence_omitted(line):
    # the classifier reads these as junk at 0.6 to 0.8, under the 0.9 an unlabelled line held so needs
    flags = _teaser_flags(line)
    assert ("addition/boilerplate", line) in flags
    assert ("accuracy/omission", "fois.") in flags


def test_an_unlabelled_line_held_so_still_needs_the_classifier_sure():
    line = "Les fromagers du Jura cherchent des apprentis dans notre rubrique régions"   # (read as junk at 0.8)
    assert [f for f in _teaser_flags(line) if f[0].startswith("addition")] == []


@pytest.mark.parametrize("line, flagged", [
    ("Les fromagers du Jura cherchent des apprentis dans notre rubrique régions", False),   # "app" of "apprentis"
    ("Téléchargez notre app pour suivre les fromagers du Jura", True),
    ("Nos apps gratuites : les fromagers du Jura en direct", True),
])
def test_an_interface_word_of_three_letters_is_a_whole_word(line, flagged):
    doc = prepare_input("\n".join(TEASER_MT[:2] + [line] + TEASER_MT[3:]) + "\n", "en", "fr")
    junk = [f.text for f in run_detectors(doc, make_detectors()) if f.category == "addition/boilerplate"]
    assert (junk == [line]) is flagged


@pytest.mark.parametrize("lang, mt", [("es", "West Virginia Public Broadcasting informó que el puente cerrará."),
                                      ("fr", "Selon Georgia Public Broadcasting, le pont fermera.")])
def test_a_public_broadcaster_kept_is_no_newspaper_with_press_swapped(lang, mt):
    # ("broadcasting" is a Moby relative of "press"; a broadcaster's word is no spinner's choice for a paper's)
    assert [f for f in _flags(lang, mt) if f[0] == NAMED] == []


def test_a_newspapers_word_swapped_for_a_relative_is_still_flagged():
    assert (NAMED, "Nassau Protector") in _flags("es", "Nassau Protector informó que el puente cerrará.")
