"""Issue 15, seventh round of rules (leaked prompts), each on text written for this test, positives and
the negatives beside them:

- a chat template's role tokens and unfilled placeholders ("<|assistant|>", "[/INST]", "{{author}}",
  "[Insert photo here]");
- the generator saying what it cannot do ("I cannot browse the internet");
- the generator presenting its output in a short sentence ("Voici une version plus courte du texte.",
  "Here's the next part:");
- a brief's label with what it asks for ("Aufgabe: SEO-Text, 600 Wörter"), a word-count field, a
  translator's note;
- offers of more changes with an added word ("¿Quieres que añada un resumen?").

The rules were written against corpora/line-probe/dev.tsv (benchmarks/lines_probe.py); none of these
lines comes from it.
"""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input

PROMPT = "addition/prompt-leak"
ARTICLE = {
    "fr": ("La ville de Nantes rouvre son pont transbordeur après deux ans de travaux.",
           "Le chantier a coûté 14 millions d'euros, selon la métropole."),
    "de": ("Die Stadt Kiel öffnet ihre Drehbrücke nach zwei Jahren Bauzeit wieder.",
           "Die Arbeiten kosteten nach Angaben der Stadt 14 Millionen Euro."),
    "es": ("La ciudad de Bilbao reabre su puente colgante tras dos años de obras.",
           "Las obras costaron 14 millones de euros, según el ayuntamiento."),
    "ru": ("В Калининграде после двух лет ремонта вновь открыли разводной мост.",
           "Работы обошлись в 14 миллионов евро, сообщили в мэрии."),
}


def _flags_on(line: str, lang: str) -> set[str]:
    first, last = ARTICLE[lang]
    text = f"{first}\n{line}\n{last}\n"
    start = len(first) + 1
    flags = run_detectors(prepare_input(text, "en", lang), make_detectors())
    return {f.category for f in flags if f.start < start + len(line) and start < f.end}


@pytest.mark.parametrize("lang, line", [
    ("fr", "<|assistant|> Voici la dépêche demandée."),
    ("de", "[INST] Übersetze den folgenden Absatz ins Deutsche. [/INST]"),
    ("es", "### Response: El puente reabrirá el lunes."),
    ("fr", "Publié par {{ author }} le {{date_publication}}"),
    ("de", "[Foto einfügen: die Brücke bei Nacht]"),
    ("es", "[Inserta aquí el enlace a la nota de prensa]"),
    ("ru", "[Вставьте сюда карту маршрута]"),
])
def test_a_chat_template_or_an_unfilled_placeholder_is_a_leak(lang, line):
    assert PROMPT in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "[Photo : AFP]"),                                    # a photo credit in brackets
    ("de", "Die Abstimmung endete 12:4 [siehe Grafik]."),        # a note to the reader
    ("es", "El lema de la campaña era «Madrid {en} verde»."),    # braces in a quoted slogan
    ("ru", "В финале «Зенит» победил со счётом 2:1 (#5 в сезоне)."),
])
def test_brackets_and_braces_in_article_prose_are_no_template(lang, line):
    assert PROMPT not in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Je ne peux pas consulter Internet, les chiffres ci-dessus datent donc de l'an dernier."),
    ("de", "Ich habe keinen Zugang zu Echtzeitdaten, daher fehlen die aktuellen Pegelstände."),
    ("es", "No tengo acceso a internet, así que no puedo confirmar la fecha exacta de la reapertura."),
    ("ru", "У меня нет доступа к интернету в реальном времени, поэтому проверьте даты."),
    ("fr", "I can't browse the web in real time, so please check the opening date."),
])
def test_the_generator_saying_what_it_cannot_do_is_a_leak(lang, line):
    assert PROMPT in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    # someone quoted in the article, or a third person
    ("fr", "« Je ne peux pas me connecter à Internet depuis la tempête », raconte une habitante."),
    ("de", "Viele Bewohner haben keinen Zugang zum Internet, sagte der Bürgermeister."),
    ("es", "No puedo decir más sobre el contrato, afirmó la alcaldesa."),
])
def test_a_quoted_or_third_person_inability_is_article_prose(lang, line):
    assert PROMPT not in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Voici une version plus courte du texte."),
    ("de", "Hier die überarbeitete Fassung: Die Brücke wird am Montag wieder geöffnet."),
    ("es", "A continuación, la traducción completa del artículo:"),
    ("ru", "Вот продолжение статьи."),
    ("es", "Here's the next part: la obra terminará en primavera."),
])
def test_the_generator_presenting_its_output_is_a_leak(lang, line):
    assert PROMPT in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Voici le texte de la résolution adoptée par le conseil municipal :"),
    ("de", "Hier die wichtigsten Zahlen zum Haushalt der Stadt."),
    ("es", "Aquí está el puente que une las dos orillas de la ría."),
])
def test_an_article_presenting_a_document_or_figures_is_no_leak(lang, line):
    assert PROMPT not in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Aufgabe: SEO-Text über die Brücke, 600 Wörter, Keyword „Drehbrücke Kiel“."),
    ("fr", "(Nombre de mots : 431)"),
    ("ru", "Примечание переводчика: «мэрия» здесь означает городскую администрацию."),
    ("es", "¿Quieres que añada un resumen al final?"),
    ("fr", "Souhaitez-vous que j'ajoute un paragraphe sur l'histoire du pont ?"),
])
def test_briefs_fields_notes_and_offers_are_leaks(lang, line):
    assert PROMPT in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Aufgabe: die Brücke bis zum Winter fertigzustellen."),   # a label with no brief's words
    ("es", "¿Quiere que le diga la verdad?, preguntó el alcalde a los vecinos."),
    ("de", "Soll ich jetzt meine Heizung austauschen? Die Verbraucherzentrale rät zur Geduld."),
])
def test_a_label_or_a_question_without_the_generator_is_article_prose(lang, line):
    assert PROMPT not in _flags_on(line, lang)


def test_a_place_close_to_a_word_for_an_outlet_is_no_outlet():
    # "Hérault" (a French département) is one letter from "héraut", the tables' word for Herald; an
    # English-looking word close to a table's word still counts ("Economic" for The Economist)
    line = "« Qui paiera ? », s'interroge un viticulteur de l'Hérault."
    assert "accuracy/mistranslation/named-entity" not in _flags_on(line, "fr")


@pytest.mark.parametrize("line", [
    "Регуляторы требуют упростить отказ от рекламных cookie-файлов.",
    "Крупная IT-компания из Казани наняла 300 инженеров.",
])
def test_a_latin_word_joined_by_a_hyphen_to_a_russian_one_is_a_loan_compound(line):
    assert "accuracy/untranslated" not in _flags_on(line, "ru")


def test_an_english_word_standing_alone_in_russian_is_still_untranslated():
    line = "Регуляторы требуют упростить отказ от рекламных файлов, said the commissioner yesterday."
    assert "accuracy/untranslated" in _flags_on(line, "ru")


@pytest.mark.parametrize("lang, line", [
    ("es", "Inicio / Deportes / Fútbol / Liga"),
    ("ru", "Главная / Новости / Экономика"),
])
def test_a_breadcrumb_trail_is_junk(lang, line):
    assert "addition/boilerplate" in _flags_on(line, lang)


def test_a_sentence_with_slashes_is_no_breadcrumb():
    assert "addition/boilerplate" not in _flags_on("Inicio de obras / fin previsto en 2027, según el plan municipal.",
                                                   "es")


@pytest.mark.parametrize("lang, line", [
    ("fr", "(Longueur : environ 640 mots)"),
    ("de", "Umfang: 380 Wörter"),
    ("es", "Lo siento, pero no puedo redactar una crónica sobre un partido que aún no se ha jugado."),
    ("ru", "Текст переведён автоматически и может содержать неточности."),
    ("de", "Gern, hier kommt die gekürzte Version."),
    ("fr", "(Note : les citations ont été raccourcis pour la lisibilité.)"),
    ("es", "El tren llegará en marzo. I hope the tone works for your readers!"),
    ("de", "I've also added a short intro for the newsletter."),
])
def test_length_notes_apologies_machine_notes_prefaces_and_english_voice_are_leaks(lang, line):
    assert PROMPT in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Le rapport de 300 pages a été remis au ministre mardi."),           # a length in an article
    ("de", "Leider kann ich nicht sagen, wann die Brücke öffnet, sagte der Sprecher."),
    ("es", "La plataforma ofrece artículos traducidos automáticamente a 20 idiomas desde 2021."),
    ("ru", "Вот уже третий год подряд мост закрывают на ремонт."),
    ("de", "Q: Können Sie uns sagen, wie die Version des Gesetzes aussieht?"),  # an interview's question
    ("es", "Section I."),                                                         # a numeral, not "I"
])
def test_article_prose_with_the_same_words_is_no_leak(lang, line):
    assert PROMPT not in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Mots-clés : #Transport #Pont #Nantes"),
    ("de", "Lesedauer 3 Min · Merken · Teilen"),
    ("es", "El artículo sigue después del anuncio"),
    ("ru", "Подписывайтесь на наш канал в Telegram"),
    ("de", "Das könnte Sie auch interessieren: Neue Radwege in Kiel · Hafenfest verschoben"),
    ("fr", "Actualités / Régions / Pays de la Loire / Nantes"),
    ("es", "Publicidad · Contenido de socios"),
])
def test_site_tools_known_by_their_shape_are_junk(lang, line):
    assert "addition/boilerplate" in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Le hashtag #MeToo a été utilisé des millions de fois, rappelle la chercheuse."),
    ("de", "Die Fahrt dauert 25 Minuten, sagt die Stadt."),
    ("es", "La campaña de publicidad continúa en televisión hasta mayo."),       # an ad business story
    ("ru", "Наш корреспондент побывал на открытии моста и поговорил с жителями в Telegram-чате района."),
    ("fr", "Le trajet Paris / Lyon / Marseille / Nice dure désormais moins de six heures."),
])
def test_prose_with_the_same_marks_is_not_junk(lang, line):
    assert "addition/boilerplate" not in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("es", "Descarga nuestra aplicación, disponible en iOS y Android."),
    ("de", "Lesen Sie weiter mit unserem Digitalabo: erster Monat kostenlos, jederzeit kündbar."),
    ("fr", "— Espace publicitaire —"),
    ("ru", "Рекламное место ↓"),
])
def test_app_prompts_subscription_offers_and_dashed_ad_labels_are_junk(lang, line):
    assert "addition/boilerplate" in _flags_on(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("fr", "Lancée en 2019, sa lettre d'information compte aujourd'hui 12 000 abonnés payants."),
    ("de", "Die App ist für iOS und Android erhältlich, teilte der Hersteller mit."),
    ("es", "La plataforma ofrece el primer mes gratis a los nuevos suscriptores, según la compañía."),
])
def test_stories_about_newsletters_apps_and_trials_are_not_junk(lang, line):
    assert "addition/boilerplate" not in _flags_on(line, lang)


def test_a_reworded_repeat_of_a_line_is_a_duplicate_and_a_different_figure_is_not():
    text = ("Die Stadt Kiel öffnet ihre Drehbrücke nach zwei Jahren Bauzeit wieder für den Verkehr.\n"
            "Die Arbeiten kosteten nach Angaben der Stadt insgesamt rund 14 Millionen Euro.\n"
            "Die Stadt Kiel öffnet ihre Drehbrücke nach zwei Jahren Bauzeit erneut für den Verkehr.\n"
            "Die Arbeiten kosteten nach Angaben der Stadt insgesamt rund 16 Millionen Euro.\n")
    flags = run_detectors(prepare_input(text, "en", "de"), make_detectors())
    duplicates = [f.text for f in flags if f.category == "fluency/duplication"]
    assert duplicates == ["Die Stadt Kiel öffnet ihre Drehbrücke nach zwei Jahren Bauzeit erneut für den Verkehr."]


def _names_with_source(mt: str, source: str, lang: str) -> list[str]:
    doc = prepare_input(mt, "en", lang, source=source)
    return [f.text for f in run_detectors(doc, make_detectors(["names"])) if f.category == "accuracy/mistranslation/named-entity"]


def test_an_outlet_quoted_by_the_source_and_translated_word_by_word_is_flagged():
    source = "Specialists quoted by Current Archaeology said the panel was unique.\n"
    mt = "Des spécialistes cités par Archéologie Actuelle ont jugé le panneau unique.\n"
    assert _names_with_source(mt, source, "fr") == ["Archéologie Actuelle"]


def test_a_body_quoted_by_the_source_keeps_its_translated_name():
    source = "Figures quoted by the World Health Organization show a rise.\n"
    mt = "Les chiffres cités par l'Organisation mondiale de la santé montrent une hausse.\n"
    assert _names_with_source(mt, source, "fr") == []


def test_a_place_the_source_names_in_a_longer_phrase_is_no_outlet():
    source = "The Atlantic quotas, negotiated the same night, were less contested.\n"
    mt = "Las cuotas del Atlántico, negociadas esa misma noche, fueron menos polémicas.\n"
    assert _names_with_source(mt, source, "es") == []


def test_an_english_name_kept_with_a_word_swapped_is_found_after_a_possessive_or_german_nouns():
    assert _names_with_source("Как сообщил Lloyd's Record, несколько линий планируют рейсы.\n",
                              "Lloyd's List reported that several lines were planning services.\n", "ru") == ["Lloyd's Record"]
    assert _names_with_source("Das Fachblatt Pensions & Ventures merkte an, der Fonds sei kleiner.\n",
                              "The trade title Pensions & Investments noted that the fund would be smaller.\n",
                              "de") == ["Pensions & Ventures"]


def test_an_english_name_kept_whole_after_german_nouns_is_not_flagged():
    assert _names_with_source("Das Fachblatt Pensions & Investments merkte an, der Fonds sei kleiner.\n",
                              "The trade title Pensions & Investments noted that the fund would be smaller.\n", "de") == []


def test_a_figure_in_thousands_written_in_words_is_the_source_figure():
    # "600 тысяч" is 600,000 (CLDR's scale words now start at a thousand)
    doc = prepare_input("Выставку посетили более 600 тысяч человек.\n", "en", "ru",
                        source="The exhibition drew more than 600,000 visitors.\n")
    numbers = [f for f in run_detectors(doc, make_detectors()) if f.category == "accuracy/mistranslation/number"]
    assert numbers == []
    doc = prepare_input("Выставку посетили более 700 тысяч человек.\n", "en", "ru",
                        source="The exhibition drew more than 600,000 visitors.\n")
    assert [f.text for f in run_detectors(doc, make_detectors())
            if f.category == "accuracy/mistranslation/number"] == ["700"]


@pytest.mark.parametrize("lang, line", [
    ("es", "Tu opinión importa: inicia sesión para unirte al debate."),
    ("de", "*** Werbeanzeige ***"),
    ("ru", "Note: this article has been paraphrased for the website; all facts remain unchanged."),
])
def test_sign_in_lines_starred_ad_labels_and_paraphrase_notes_are_found(lang, line):
    assert {"addition/boilerplate", "addition/prompt-leak"} & _flags_on(line, lang)


def test_a_web_address_is_no_untranslated_word():
    assert "accuracy/untranslated" not in _flags_on("Концерт транслировали на платформе medici.tv в прямом эфире.", "ru")


RU_TEXT = ("В Петербурге открылся международный театральный фестиваль, который продлится две недели.\n"
           "Организаторы ожидают более ста тысяч зрителей из разных городов страны.\n"
           "{}\n"
           "Билеты на большинство спектаклей уже распроданы, сообщили в дирекции.\n")


def test_a_lowercase_english_word_in_a_russian_text_stands_out_by_its_script():
    text = RU_TEXT.format("Ряд спектаклей будет транслироваться live на сайте театра.")
    flags = run_detectors(prepare_input(text, "en", "ru"), make_detectors())
    assert [f.text for f in flags if f.category == "accuracy/untranslated"] == ["live"]


def test_names_and_loan_compounds_in_latin_letters_are_not_untranslated_in_russian():
    text = RU_TEXT.format("Крупная IT-компания показала спектакль на iPhone и в приложении GigaChat.")
    flags = run_detectors(prepare_input(text, "en", "ru"), make_detectors())
    assert [f.text for f in flags if f.category == "accuracy/untranslated"] == []
