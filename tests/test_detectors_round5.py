"""Issue 15, fifth round of rules, each on text written for this test, positives and the negatives
beside them:

- a leaked prompt's line: the rest of a line that holds an instruction in English, in English too, is the
  generator's reply going on (one prompt flag for the line, no "untranslated" flag inside it); a line whose
  rest is in the target language keeps only the instruction;
- instructions next to each other on one line are one prompt;
- more instruction verbs (replace, continue) and objects (the words), spinner vocabulary (synonyms), and a
  note label of a few words ("Nota del redactor IA:").
"""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.layout import chatter_spans, pattern_junk

PROMPT = "addition/prompt-leak"


def flags_of(text: str, tgt: str, source: str | None = None):
    return run_detectors(prepare_input(text, "en", tgt, source=source), make_detectors())


@pytest.mark.parametrize("tgt, before, line, after", [
    ("fr", "Le conseil municipal a voté le budget mardi soir.",
     "Sure! Here is the rewritten article. I changed most of the wording and left the figures alone.",
     "Les travaux commenceront au printemps."),
    ("de", "Der Stadtrat hat den Haushalt am Dienstag beschlossen.",
     "Here is the rewritten article. The quotes were shortened and the numbers stay the same.",
     "Die Arbeiten beginnen im Frühjahr."),
])
def test_the_rest_of_an_english_prompt_line_is_the_generators_reply(tgt, before, line, after):
    text = f"{before}\n{line}\n{after}\n"
    found = flags_of(text, tgt)
    start = text.index(line)
    prompts = [f for f in found if f.category == PROMPT]
    assert [(f.start, f.end) for f in prompts] == [(start, start + len(line))]
    assert "the rest of the line is in English too" in prompts[0].evidence
    # nothing else is flagged inside the line: not "untranslated", not a second prompt
    assert not [f for f in found if f.category != PROMPT and start <= f.start < start + len(line)]


def test_a_prompt_line_whose_rest_is_in_the_target_language_keeps_only_the_instruction():
    line = "Rewrite this article for a younger audience. Le maire a présenté le projet devant la presse."
    text = f"Le conseil municipal a voté le budget mardi soir.\n{line}\n"
    prompts = [f for f in flags_of(text, "fr") if f.category == PROMPT]
    assert prompts and all(f.end <= text.index("Le maire") for f in prompts)


def test_two_english_instructions_side_by_side_are_one_prompt():
    line = "Continue the story in Spanish. Do not stop before 300 words."
    text = f"El ayuntamiento aprobó el presupuesto el martes.\n{line}\nLas obras empezarán en primavera.\n"
    prompts = [f for f in flags_of(text, "es") if f.category == PROMPT]
    start = text.index(line)
    assert [(f.start, f.end) for f in prompts] == [(start, start + len(line))]


@pytest.mark.parametrize("line, cue", [
    ("Remplacez les mots par d'autres pour que personne ne reconnaisse le texte.", "Remplacez"),
    ("Ersetze die Wörter durch Synonyme und behalte die Zahlen.", "Ersetze"),
    ("Sustituye las palabras por otras parecidas.", "Sustituye"),
    ("Замените слова синонимами, имена не трогайте.", "Замените"),
    ("Продолжите текст в том же тоне и добавьте вывод.", "Продолжите"),
    ("Continúa el artículo con dos párrafos más.", "Continúa"),
])
def test_instructions_to_replace_words_or_continue_the_text_are_chatter(line, cue):
    spans = chatter_spans(line)
    assert spans and cue in spans[0][2]


def test_a_note_label_of_a_few_words_with_how_the_text_was_made_is_chatter():
    spans = chatter_spans("Nota de la edición IA: he sustituido varias expresiones para que el texto sea original.")
    assert spans and "a note on how the text was made" in spans[0][2]


@pytest.mark.parametrize("line", [
    # an editor's note about the article's facts, not about how it was written
    "Nota de la redacción: la cifra de víctimas se actualizó el martes.",
    # news sentences with the same verbs and objects, not opening the sentence or not about the text
    "Le ministre remplace les mots d'ordre par des promesses, selon l'opposition.",
    "Die Polizei ersetzt die alten Wörterbücher in den Schulen nicht.",
    "Продолжительность матча составила два часа.",
    "Continue reading",
    # a sentence about synonyms in a story about a dictionary
    "El diccionario incluye ahora más de 2.000 sinónimos nuevos, según la Academia.",
])
def test_news_lines_with_those_words_are_left_alone(line):
    assert chatter_spans(line) == []


# --------------------------------------------------------------------------- junk without a source

@pytest.mark.parametrize("tgt, line, why", [
    ("fr", "© 2023 Le Courrier du Lac — Tous droits réservés. Toute reproduction est interdite.", "copyright notice"),
    ("de", "Copyright © Rheinpresse GmbH. Alle Rechte vorbehalten.", "copyright notice"),
    ("ru", "© Северный вестник, 2022. Перепечатка только с разрешения редакции.", "copyright notice"),
    ("de", "Sonderangebot: Drei Tage Ostsee mit Halbpension ab 249 Euro – jetzt buchen", "ad label"),
    ("es", "Oferta especial: curso de fotografía online con un 40 % de descuento – solo hoy", "ad label"),
    ("fr", "Offre exclusive : deux nuits à Annecy avec petit-déjeuner à partir de 159 €", "ad label"),
    ("ru", "Спецпредложение: тур на Байкал со скидкой 30 % до конца месяца", "ad label"),
    ("fr", "Commentaires fermés. Les réactions sont modérées avant publication.", "page furniture"),
    ("de", "Kommentare geschlossen. Beiträge werden vor der Veröffentlichung geprüft.", "page furniture"),
    ("ru", "Комментарии закрыты. Сообщения проходят модерацию.", "page furniture"),
])
def test_copyright_lines_offers_and_closed_comments_are_junk(tgt, line, why):
    verdict = pattern_junk(line, tgt, ["en"])
    assert verdict and why in verdict[0]


@pytest.mark.parametrize("tgt, line", [
    ("en", "Copyright law changes in 2024 worried many publishers."),
    ("fr", "L'offre exclusive de l'opérateur a été rejetée par l'autorité de la concurrence."),
    ("es", "La oferta especial de empleo público incluye 2.000 plazas, según el ministerio."),
    ("de", "Das Sonderangebot der Bahn gilt nach Angaben des Konzerns bis Ende März."),
    ("ru", "Комментарии закрытых заседаний суда не публикуются, пояснили в ведомстве."),
])
def test_news_sentences_naming_offers_copyright_or_comments_are_left_alone(tgt, line):
    assert pattern_junk(line, tgt, ["en"]) is None
