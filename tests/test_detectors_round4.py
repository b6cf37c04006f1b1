"""Issue 15, fourth round of rules, each on text written for this test, positives and the
negatives beside them, in fr, de, es, ru and en:

- names with a source: one word of an unknown name swapped for a word that is none of its usual
  translations (evalkit/data/name_words.tsv), the other words kept or translated; a German compound of
  name words split; never a title before a person's name, a compound of the name's own words, a
  possessive, a known name (the gazetteer's usual forms decide those), a legitimate derivative;
- untranslated: a run of words held together by source-language glue, each too weak alone;
- junk without a source: consent banners naming privacy or personalised ads, text credits, news
  services as desks, a generator's "done" before its output, English instructions after a first one,
  betting adverts' calls to action.
"""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.layout import chatter_spans, foreign_orders, pattern_junk
from evalkit.detectors.name_forms import other_word, usual_forms
from evalkit.detectors.names import NAMED_ENTITY, NamesDetector


def named(text: str, tgt: str, source: str) -> list[tuple[str, str | None, str]]:
    doc = prepare_input(text, "en", tgt, source=source)
    flags = [f for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]
    assert all(f.text == text[f.start:f.end] for f in flags)
    return [(f.text, f.suggestion, f.evidence) for f in flags]


# --------------------------------------------------------------------------- one word swapped

@pytest.mark.parametrize("tgt, src, hyp, span, word", [
    ("es", "Mortgage rates will rise again, according to the Bank of Portugal.",
     "Los tipos hipotecarios volverán a subir, según el Prestamista de Portugal.", "Prestamista de Portugal",
     "prestamista"),
    ("ru", "The Ukrainian Volleyball Federation fined the club.",
     "Украинское волейбольное общество оштрафовало клуб.", "Украинское волейбольное общество",
     "общество"),
    ("fr", "The Scottish Chess Federation announced a new tournament.",
     "La Société écossaise des échecs a annoncé un nouveau tournoi.", None, None),
])
def test_one_word_of_an_unknown_name_swapped_is_flagged_with_its_usual_translation(tgt, src, hyp, span, word):
    found = named(hyp, tgt, src)
    if span is None:
        # two words the table cannot vouch for ("Société", "échecs" for Federation, Chess): no flag
        assert found == []
        return
    assert [f[0] for f in found] == [span]
    assert f"{word!r}" in found[0][2] and "usually" in found[0][2] and "spinner's swap" in found[0][2]


def test_a_german_compound_of_name_words_is_split_to_compare_the_name():
    src = "The European Transport Workers' Federation called a strike."
    hyp = "Die Europäische Transportarbeiter-Allianz rief zum Streik auf."
    assert [f[0] for f in named(hyp, "de", src)] == ["Europäische Transportarbeiter-Allianz"]


@pytest.mark.parametrize("tgt, src, hyp", [
    # a title before a person's name, the name kept: the title's translation is no swap
    ("de", "Justice Sonia Sotomayor dissented.", "Richterin Sonia Sotomayor widersprach."),
    # a compound whose head is the word's usual translation ("Stadtrat": a kind of "Rat")
    ("de", "Devon Council approved the plan.", "Der Stadtrat von Devon billigte den Plan."),
    # a derivative of the usual translation
    ("fr", "The Labour Party won the seat.", "Le Parti travailliste a remporté le siège."),
    # a possessive: "European People" is not the whole name
    ("de", "The European People's Party met in Brussels.", "Die Europäische Volkspartei traf sich in Brüssel."),
    # the name translated the usual way
    ("es", "The Bank of Portugal raised rates.", "El Banco de Portugal subió los tipos."),
])
def test_legitimate_renderings_are_not_swaps(tgt, src, hyp):
    assert [f for f in named(hyp, tgt, src) if "usually" in f[2]] == []


def test_other_word_needs_a_known_word_and_a_plain_word_in_its_place():
    assert "banco" in usual_forms("bank", "es")
    assert other_word("prestamista", "bank", "es") == "another word"
    assert other_word("banco", "bank", "es") is None            # the usual translation
    assert other_word("bancario", "bank", "es") is None         # made from it
    assert other_word("quatre", "central", "fr") is None        # a number word: no name's word
    assert other_word("chinoise", "central", "fr") is None      # a country's adjective
    assert other_word("zzqx", "bank", "es") is None             # no word at all: nothing to tell
    assert other_word("prestamista", "quixotry", "es") is None  # no usual translation known


# --------------------------------------------------------------------------- untranslated glue runs

def _untranslated(text: str, tgt: str) -> list[str]:
    return [f.text for f in run_detectors(prepare_input(text, "en", tgt), make_detectors(["untranslated"]))]


@pytest.mark.parametrize("tgt, text, span", [
    ("de", "Die Firma könnte nach Angaben der Leitung up to 300 jobs streichen.", "up to 300 jobs"),
    ("de", "Die Forscher betonten, es brauche more measurements vor Ort.", "more measurements"),
    ("fr", "Plusieurs chercheurs sont déjà partis for labs in Germany and Japan.", "for labs in Germany and Japan"),
])
def test_a_run_held_together_by_english_glue_is_one_untranslated_error(tgt, text, span):
    assert _untranslated(text, tgt) == [span]


@pytest.mark.parametrize("tgt, text", [
    ("de", "Die Band spielte beim Festival in Berlin vor ausverkauftem Haus."),
    ("fr", "Le groupe a joué son tube « Up to You » devant 3 000 personnes."),
    ("de", "Das Start-up hat 40 Mitarbeiter und sitzt in München."),
    ("es", "El club ficha a un delantero por 20 millones de euros."),
])
def test_target_sentences_with_loanwords_or_quoted_titles_have_no_glue_run(tgt, text):
    assert _untranslated(text, tgt) == []


# --------------------------------------------------------------------------- junk and prompts without a source

@pytest.mark.parametrize("lang, line, why", [
    ("de", "Wir schützen Ihre Privatsphäre. Mit „Zustimmen“ erlauben Sie uns und 120 Partnern den Zugriff.",
     "cookie notice"),
    ("fr", "Nous respectons votre vie privée. En cliquant sur « Accepter », vous autorisez nos partenaires.",
     "cookie notice"),
    ("es", "Usamos tecnologías para mostrar anuncios personalizados. Puedes gestionar tus preferencias.",
     "cookie notice"),
    ("ru", "Мы используем ваши данные для персонализированной рекламы. Вы можете изменить настройки.",
     "cookie notice"),
    ("es", "Texto: Redacción Deportes / Fotos: Agencias", "credit or tag label"),
    ("fr", "Texte : service Économie / Photo : AFP", "credit or tag label"),
    ("ru", "Текст подготовила служба новостей «Город-24»", "desk"),
    ("fr", "Pariez sur la finale : 100 € offerts sur votre premier pari", "interface words"),
    # an all-caps kicker opening with a teaser's first word, then a headline
    ("es", "MÁS DE FÚTBOL: El Betis renueva a su capitán hasta 2027", "all-caps kicker"),
    ("fr", "PLUS DE TENNIS : Le tournoi de Lyon perd sa tête d'affiche", "all-caps kicker"),
    ("de", "MEHR AUS DER REGION: Neue Buslinie startet im Mai", "teaser"),
])
def test_more_furniture_is_known_by_what_it_is(lang, line, why):
    verdict = pattern_junk(line, lang, ["en"])
    assert verdict is not None and why in verdict[0], (line, verdict)


@pytest.mark.parametrize("lang, line", [
    ("de", "Der Datenschutzbeauftragte sagte, Ihre Daten seien bei der Behörde sicher."),
    ("fr", "La CNIL rappelle que la vie privée des salariés doit être respectée."),
    ("es", "Los anuncios personalizados crecen un 12 % en España."),
    ("es", "El texto de la ley se votará el jueves."),
    ("fr", "Paris sportifs : l'Arcep publie son rapport annuel."),
    # all-caps before a colon that announces nothing: a dateline, a quoted verdict
    ("en", "WASHINGTON: The Senate passed the bill on Tuesday."),
    ("fr", "LE VERDICT DU JURY : coupable"),
])
def test_news_lines_with_those_words_are_left_alone(lang, line):
    assert pattern_junk(line, lang, ["en"]) is None


@pytest.mark.parametrize("line, cue", [
    ("Готово! Ниже — статья, пересказанная простыми словами:", "Готово"),
    ("Fertig! Hier ist der Text in einfacher Sprache:", "Fertig"),
    ("¡Listo! Aquí tienes la noticia reescrita:", "Listo"),
    ("Reformula esta noticia con frases cortas.", "Reformula"),
    ("Simplifie ce texte pour un public jeune.", "Simplifie"),
])
def test_a_generators_done_and_more_instruction_verbs_are_chatter(line, cue):
    spans = chatter_spans(line)
    assert spans and cue in spans[0][2]


def test_every_english_instruction_of_a_prompt_line_is_found():
    line = "Write a short report on the following statement. Keep it under 200 words."
    assert [(a, b) for a, b, _ in foreign_orders(line, "es")] == [(0, 48), (49, 73)]
    text = "Primera frase del artículo.\n" + line + "\nSegunda frase del artículo.\n"
    flags = run_detectors(prepare_input(text, "en", "es"), make_detectors(["injected"]))
    prompts = [f for f in flags if f.category == "addition/prompt-leak"]
    covered = sorted((f.start, f.end) for f in prompts)
    assert covered and covered[0][0] == text.index("Write") and covered[-1][1] == text.index("words.") + 6


def test_a_note_to_the_editor_in_english_is_an_instruction():
    line = "Note to editor: shorten the quotes and keep the figures."
    spans = foreign_orders(line, "ru")
    assert spans and "Note to editor" in spans[0][2]
