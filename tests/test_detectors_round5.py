"""Issue 15, fifth round of rules, each on text written for this test, positives and the negatives
beside them:

- a leaked prompt's line: the rest of a line that holds an instruction in English, in English too, is the
  generator's reply going on (one prompt flag for the line, no "untranslated" flag inside it); a line whose
  rest is in the target language keeps only the instruction;
- instructions next to each other on one line are one prompt;
- more instruction verbs (replace, continue) and objects (the words), spinner vocabulary (synonyms), and a
  note label of a few words ("Nota del redactor IA:");
- junk without a source: a line opening with a copyright mark, offers as ad labels, closed-comment notices;
- with a source: a name restructured with its other word translated in front ("baie de Morlaix") is not cut
  short; the cut last sentence the aligner left unpaired is the truncation, not an omission and an addition;
  source sentences and MT prose left unpaired but sharing an anchor are compared as one link (numbers, a
  sentence merged away); a news outlet's English article translated inside a sentence ("La Connexion").
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


# --------------------------------------------------------------------------- with a source: structure

def structure_flags(source: str, text: str, tgt: str, category: str):
    found = flags_of(text, tgt, source)
    return [f for f in found if f.category == category]


def test_a_name_restructured_with_its_other_word_translated_in_front_is_not_cut_short():
    source = ("Oyster sales were banned in Morlaix Bay on Tuesday. Health officials found norovirus in samples. "
              "Farmers in Morlaix Bay fear a long closure.")
    text = ("La vente d'huîtres a été interdite mardi dans la baie de Morlaix. Les autorités sanitaires ont trouvé "
            "du norovirus dans des échantillons. Les producteurs de la baie de Morlaix craignent une longue "
            "fermeture.")
    assert structure_flags(source, text, "fr", "accuracy/omission") == []


def test_a_persons_name_with_its_second_word_dropped_is_still_found():
    source = ("The singer Lorenzo Vitali performed in Lyon on Sunday. The concert was sold out. "
              "Critics praised the new songs.")
    text = ("Le chanteur Lorenzo s'est produit dimanche à Lyon. Le concert affichait complet. "
            "Les critiques ont salué les nouvelles chansons.")
    found = structure_flags(source, text, "fr", "accuracy/omission")
    assert [f.text for f in found] == ["Lorenzo"] and "drops 'Vitali'" in found[0].evidence


def test_the_cut_last_sentence_is_a_truncation_not_an_omission_plus_an_addition():
    source = ("The city council approved the budget on Monday. The new library will open in March. "
              "The mayor thanked the neighbourhood associations for their proposals. Next year's festival will "
              "begin, as always, with the opening rocket fired from the town hall on 6 July.")
    text = ("El ayuntamiento aprobó el presupuesto el lunes. La nueva biblioteca abrirá en marzo. "
            "El alcalde agradeció sus propuestas a las asociaciones vecinales.\n"
            "La fiesta del próximo año empezará, como siempre, con el\n"
            "Compartir esta noticia — Enviar por WhatsApp | Copiar enlace\n")
    doc = prepare_input(text, "en", "es", source=source)
    # the aligner leaves the cut sentence unpaired (the source's date is its only anchor)
    assert any(link.source and not link.target for link in doc.alignment)
    found = run_detectors(doc, make_detectors())
    assert [f.text for f in found if f.category == "omission/truncation"] == ["con el"]
    assert not [f for f in found if f.category in ("accuracy/omission", "accuracy/addition")]


def test_two_source_sentences_left_unpaired_with_one_mt_sentence_are_compared():
    """As the aligner left them on a real page: two source sentences and the MT sentence that renders the
    first (with a changed number, its only anchor) unpaired. Both are compared as one link."""
    from dataclasses import replace

    from evalkit.alignment.aligner import Link

    source = ("Kazan opened three new tram stops on Saturday.\n"
              "The Kazan transport department expects the line to carry about 1.4 million passengers a month.\n"
              "Journeys between some outlying districts will be cut by half.\n"
              "Construction cost more than 9 billion roubles.\n")
    text = ("В субботу в Казани открылись три новые трамвайные остановки.\n"
            "Казанский отдел перевозок ожидает, что линия будет перевозить около 4,1 млн пассажиров в месяц.\n"
            "Строительство обошлось более чем в 9 млрд рублей.\n")
    doc = prepare_input(text, "en", "ru", source=source)
    unpaired = (Link((0,), (0,), 1.0), Link((1,), (), 0.0), Link((2,), (), 0.0), Link((), (1,), 0.0),
                Link((3,), (2,), 1.0))
    found = run_detectors(replace(doc, alignment=unpaired), make_detectors(["structure"]))
    numbers = [f for f in found if f.category == "accuracy/mistranslation/number"]
    assert [f.text for f in numbers] == ["4,1"] and "'1.4'" in numbers[0].evidence
    omitted = [f for f in found if f.category == "accuracy/omission"]
    assert len(omitted) == 1 and "Journeys" in omitted[0].suggestion and "2 source sentences" in omitted[0].evidence


# --------------------------------------------------------------------------- names with a source

def named(text: str, tgt: str, source: str) -> list[str]:
    from evalkit.detectors.names import NAMED_ENTITY, NamesDetector

    doc = prepare_input(text, "en", tgt, source=source)
    return [f.text for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]


@pytest.mark.parametrize("tgt, source, text, span", [
    ("fr", "The English-language news site The Riviera Post reported that the beaches had reopened.",
     "Le site d'information anglophone Le Riviera Post a rapporté que les plages avaient rouvert.", "Le Riviera Post"),
    ("de", "According to the news site The Local, the museum will close in May.",
     "Laut dem Nachrichtenportal Der Local wird das Museum im Mai schließen.", "Der Local"),
    ("es", "The Guardian reported that the minister resigned on Friday.",
     "Según informó El Guardian, el ministro dimitió el viernes.", "El Guardian"),
])
def test_an_outlets_english_article_translated_inside_a_sentence_is_flagged(tgt, source, text, span):
    assert named(text, tgt, source) == [span]


@pytest.mark.parametrize("tgt, source, text", [
    # the name kept as it is
    ("fr", "The English-language news site The Riviera Post reported that the beaches had reopened.",
     "Le site d'information anglophone The Riviera Post a rapporté que les plages avaient rouvert."),
    # a capital at the start of a sentence tells nothing
    ("fr", "The Riviera Post, an English-language site, reported that the beaches had reopened.",
     "Le Riviera Post, un site anglophone, a rapporté que les plages avaient rouvert."),
    # a place, not an outlet
    ("fr", "Delegates met in The Hague on Monday.", "Les délégués se sont réunis à La Haye lundi."),
])
def test_kept_names_sentence_starts_and_places_are_left_alone(tgt, source, text):
    assert named(text, tgt, source) == []


@pytest.mark.parametrize("tgt, text, span, outlet", [
    ("es", "Según informó El Guardian, el ministro dimitió el viernes.", "El Guardian", "The Guardian"),
    ("fr", "Selon Le Economist, la croissance ralentira l'an prochain.", "Le Economist", "The Economist"),
    ("de", "Wie Der Atlantic berichtete, wurde das Gesetz verabschiedet.", "Der Atlantic", "The Atlantic"),
])
def test_without_a_source_a_known_outlet_with_its_article_translated_is_flagged(tgt, text, span, outlet):
    from evalkit.detectors.names import NAMED_ENTITY, NamesDetector

    flags = [f for f in NamesDetector().detect(prepare_input(text, "en", tgt)) if f.category == NAMED_ENTITY]
    assert [(f.text, f.suggestion) for f in flags] == [(span, outlet)]


@pytest.mark.parametrize("tgt, text", [
    ("es", "El Guardian informó que el ministro dimitió el viernes."),      # a sentence's first word
    ("fr", "Selon le Times, la croissance ralentira l'an prochain."),      # the article in lowercase
    ("fr", "Le ministre a parlé place de La Nation hier soir."),           # 'nation': a French word
    ("es", "Según The Guardian, el ministro dimitió el viernes."),         # the name kept
])
def test_without_a_source_sentence_starts_lowercase_articles_and_target_words_are_left_alone(tgt, text):
    from evalkit.detectors.names import NAMED_ENTITY, NamesDetector

    assert [f for f in NamesDetector().detect(prepare_input(text, "en", tgt)) if f.category == NAMED_ENTITY] == []


@pytest.mark.parametrize("tgt, source, text", [
    # the body's real name, with a word no table lists for 'council'
    ("ru", "Moscow City Council approved the city budget for 2025 on Wednesday.",
     "В среду Московская городская дума одобрила бюджет города на 2025 год."),
    # a sentence's first word before a name is no word of the name
    ("ru", "Scientists at the Kronotsky Nature Reserve counted the bears in May.",
     "Учёные Кроноцкого природного заповедника в мае пересчитали медведей."),
])
def test_a_lowercase_or_sentence_initial_word_no_table_knows_is_no_swap(tgt, source, text):
    assert named(text, tgt, source) == []


@pytest.mark.parametrize("text", [
    "According to the Party Foundation, the plan was approved on Monday.",     # 'set Foundation' (registry)
    "The Affairs Foundation approved the plan on Monday.",                     # 'LINKS Foundation'
])
def test_a_registry_name_sharing_one_word_or_an_acronyms_synonym_is_no_swap(text):
    from evalkit.detectors.names import NAMED_ENTITY, NamesDetector

    flags = NamesDetector().detect(prepare_input(text, "zh", "en"))
    assert [f.text for f in flags if f.category == NAMED_ENTITY] == []


def test_numbers_of_an_unaligned_run_from_a_han_source_are_not_compared():
    """Han characters write numbers and months the digit comparison does not pair ("第二十届", "12月")."""
    from dataclasses import replace

    from evalkit.alignment.aligner import Link

    source = "今年春季，公司发布了新产品。\n2022年12月，在第二十届年会上，他发表了演讲。\n他说市场很大。\n"
    text = "This spring, the company launched a new product.\nIn December 2022, at the 20th annual meeting, he gave a speech and said the market was large.\n"
    doc = prepare_input(text, "zh", "en", source=source)
    unpaired = (Link((0,), (0,), 1.0), Link((1,), (), 0.0), Link((2,), (), 0.0), Link((), (1,), 0.0))
    found = run_detectors(replace(doc, alignment=unpaired), make_detectors(["structure"]))
    assert [f for f in found if f.category == "accuracy/mistranslation/number"] == []


# --------------------------------------------------------------------------- precision guards (held-out 5 read)

def test_german_clause_final_verbs_and_compound_nouns_are_no_names():
    source = ("Organisers moved the race to the Bavarian Alps. "
              "The broadcaster Bayerischer Rundfunk reported heavy booking losses for local hotels.")
    text = ("Die Veranstalter haben das Rennen in die Bayerischen Alpen verlegt. "
            "Der Sender berichtete von hohen Buchungsausfällen für die Hotels vor Ort.")
    assert named(text, "de", source) == []


def test_a_compound_holding_the_replaced_word_is_no_swap():
    source = "The World Cup race in Ruhpolding was cancelled because of the warm weather."
    text = "Das Weltcup-Rennen in Ruhpolding wurde wegen des warmen Wetters abgesagt."
    assert named(text, "de", source) == []


def test_an_organisation_cited_as_a_source_is_no_news_outlet():
    source = "According to the German Ski Association, the season will start in November."
    text = "Nach Angaben des Deutschen Skiverbands beginnt die Saison im November."
    assert named(text, "de", source) == []


@pytest.mark.parametrize("tgt, text", [
    ("es", "Astrónomos de Canarias publicaron el hallazgo en la revista Nature Astronomy el lunes."),
    ("de", "Astronomen aus Hamburg veröffentlichten den Fund am Montag in der Zeitschrift Nature Astronomy."),
])
def test_a_word_of_an_english_name_of_two_words_is_not_untranslated(tgt, text):
    found = run_detectors(prepare_input(text, "en", tgt), make_detectors(["untranslated"]))
    assert not [f for f in found if "Astronomy" in f.text]
