"""Issue 15, seventeenth round. With the source: a name the source cites as the press is cited is a news
outlet's even when its first word opens many bodies' names ("The Western Lantern reported"), and a press genre
before it ("In a commentary, The Valley Beacon asked") cites it so too; the MT that translates it is flagged.
Each rule on text written for this test, with the negatives beside it."""

from __future__ import annotations

import pytest

from evalkit.detectors import gazetteer
from tests.one_line_page import page_flags
from tests.test_detectors_junk3 import _truncations

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source: str) -> list:
    return page_flags(line, lang, source_line=source, category=NAMED_ENTITY)


def test_the_test_names_are_no_listed_papers():
    # were they listed, the gazetteer would say they are outlets, not the source's cue under test
    assert not {"western lantern", "island courier", "valley beacon", "harbour lantern"} & gazetteer.real_outlets()


@pytest.mark.parametrize("lang, line, span", [
    ("de", "Die Westliche Laterne berichtete, dass zwei Projekte bereits zurückgezogen wurden.", "Westliche Laterne"),
    ("es", "La Linterna Occidental informó de que dos proyectos ya han sido retirados.", "Linterna Occidental"),
])
def test_a_paper_whose_first_word_opens_bodies_names_is_an_outlet_where_the_source_cites_it_as_press(
        lang, line, span):
    # "Western" opens many bodies' names ("Western Health Board"), but the name's head is "Lantern"
    source = "The Western Lantern reported that two projects have already been withdrawn."
    flags = _names(line, lang, source)
    assert [f.text for f in flags] == [span]
    assert "'Western Lantern'" in flags[0].evidence and "not translated" in flags[0].evidence


def test_a_body_cited_as_press_is_cited_stays_a_body_whose_name_is_translated():
    # the head is a body's word: its name is rendered, not kept
    source = "The Western Health Board reported that two clinics have already closed."
    line = "Der Westliche Gesundheitsrat berichtete, dass zwei Kliniken bereits geschlossen haben."
    assert _names(line, "de", source) == []


def test_a_news_agencys_own_name_in_the_target_language_is_no_translation():
    # an acronym after the name is not its head: "Agency" is, and an agency's name has each language's form
    source = "Freight trains were also stopped, the Austria Press Agency APA reported."
    line = "Auch Güterzüge standen still, meldete die Austria Presse Agentur APA."
    assert _names(line, "de", source) == []


@pytest.mark.parametrize("lang, line, span", [
    ("es", "En un comentario, El Faro del Valle se preguntó si los pueblos quedarán fuera del calendario.",
     "El Faro del Valle"),
    ("fr", "Dans un éditorial, Le Phare de la Vallée s'est demandé si les villages seront oubliés.",
     "Le Phare de la Vallée"),
])
def test_a_press_genre_before_the_name_makes_it_an_outlet_whose_name_is_kept(lang, line, span):
    # (the span takes the capitalised article the MT wrote as the name's, as for "Le Monde")
    opening = "In a commentary" if lang == "es" else "In an editorial"
    source = f"{opening}, The Valley Beacon asked whether the villages would be left out of the schedule."
    flags = _names(line, lang, source)
    assert [f.text for f in flags] == [span]
    assert "'Valley Beacon'" in flags[0].evidence


def test_a_report_before_a_bodys_name_is_no_press_genre():
    # ministries and councils write reports too: only the press's genres cite a news source
    source = "In a report, the Valley Planning Board asked whether the villages would be left out of the schedule."
    line = "En un informe, la Junta de Planificación del Valle se preguntó si los pueblos quedarán fuera."
    assert _names(line, "es", source) == []


# --- truncation: a cut last sentence before a whole line of junk the rules do not know, and an article with one
# unpunctuated line among many punctuated ones

_PAGE = {
    "de": ["Der Stadtrat hat am Dienstag einen neuen Radweg entlang des Flusses beschlossen.",
           "Die Bauarbeiten sollen im Frühjahr beginnen und rund zwei Millionen Euro kosten.",
           "Anwohner hatten sich seit Jahren für eine sichere Verbindung eingesetzt.",
           "Der Bürgermeister sprach von einem wichtigen Schritt für die ganze Stadt.",
           "Die Opposition kritisierte die Kosten und verlangte eine günstigere Variante.",
           "Radfahrerverbände begrüßten die Entscheidung nach langen Verhandlungen.",
           "Die Strecke soll zwei Stadtteile mit dem Bahnhof verbinden.",
           "Ein Teil der Parkplätze am Ufer wird dafür wegfallen.",
           "Die Händler am Markt fürchten um ihre Kundschaft aus dem Umland.",
           "Die Verwaltung verspricht Ersatz in einem neuen Parkhaus am Bahnhof."],
    "es": ["El ayuntamiento aprobó el martes un nuevo carril bici a lo largo del río.",
           "Las obras comenzarán en primavera y costarán unos dos millones de euros.",
           "Los vecinos llevaban años reclamando una conexión más segura.",
           "El alcalde habló de un paso importante para toda la ciudad.",
           "La oposición criticó el coste y pidió una alternativa más barata.",
           "Las asociaciones de ciclistas celebraron la decisión tras largas negociaciones.",
           "El trazado unirá dos barrios con la estación de tren.",
           "Una parte de las plazas de aparcamiento junto al río desaparecerá.",
           "Los comerciantes del mercado temen perder clientes de los pueblos vecinos."],
}


_SOURCE_DE = ("The city council approved a new cycle path along the river on Tuesday.\n"
              "Construction is due to start in spring and cost around two million euros.\n"
              "Residents had campaigned for years for a safe connection.\n"
              "The mayor spoke of an important step for the whole city.\n"
              "The city wants to issue new rules for delivery vans before the winter.\n")


def test_a_cut_sentence_before_a_line_the_classifier_reads_as_junk_is_truncation_with_the_source():
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input
    from evalkit.detectors.layout import learned_kind
    after = "Ihre Sicht ist gefragt: Leserbriefe werden vor der Freischaltung von der Moderation gelesen."
    assert learned_kind(after, "de") == "junk"   # the line classifier's verdict, which the rule relies on
    cut = "Die Stadt will noch vor dem Winter neue Regeln für"
    text = "\n".join(_PAGE["de"][:4] + [cut, after]) + "\n"
    flags = [f for f in run_detectors(prepare_input(text, "en", "de", source=_SOURCE_DE), make_detectors())
             if f.category == "omission/truncation"]
    assert len(flags) == 1 and text.index(cut) <= flags[0].start < text.index(cut) + len(cut)


def test_a_finished_article_before_junk_is_no_truncation():
    text = "\n".join(_PAGE["de"][:5] + ["Ihre Meinung zählt: Kommentare erscheinen nach Prüfung durch unser Team."])
    assert _truncations(text + "\n", "de") == []


def test_a_cut_sentence_among_many_punctuated_lines_and_one_unpunctuated_is_truncation():
    # one line of the article left without its full stop does not make it an article written without them
    lines = _PAGE["de"][:]
    lines[3] = lines[3].rstrip(".")
    cut = "Die ersten Abschnitte sollen im Herbst für den Verkehr freigegeben"
    text = "\n".join(lines + [cut]) + "\n"
    flags = _truncations(text, "de")
    assert len(flags) == 1 and text.index(cut) <= flags[0].start


def test_an_article_with_two_unpunctuated_lines_is_read_as_written_without_full_stops():
    lines = _PAGE["de"][:]
    lines[3], lines[5] = lines[3].rstrip("."), lines[5].rstrip(".")
    text = "\n".join(lines + ["Die ersten Abschnitte sollen im Herbst für den Verkehr freigegeben"]) + "\n"
    assert _truncations(text, "de") == []


# --- leaked prompts: an order to rewrite a passage, an excerpt or a paragraph; a note saying what its writer removed

PROMPT = "addition/prompt-leak"


@pytest.mark.parametrize("lang, line", [
    ("fr", "Réécris cet extrait avec un vocabulaire plus simple et sans citer la source."),
    ("de", "Formuliere diesen Absatz lockerer und lass die Zahlen weg."),
    ("es", "Reescribe este párrafo con frases más cortas y un tono cercano."),
    ("ru", "Перепиши этот абзац проще, без канцелярита и без ссылок на источник."),
    ("es", "Rewrite this passage in a warmer tone and keep every figure."),
])
def test_an_order_to_rewrite_a_passage_or_a_paragraph_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang, category=PROMPT)
    assert [f.text for f in flags] == [line]


@pytest.mark.parametrize("lang, line", [
    ("fr", "Le maire a dû réécrire ce passage de son discours après les critiques de l'opposition."),
    ("es", "El autor tuvo que reescribir este párrafo del informe tras las quejas de los vecinos."),
])
def test_an_article_sentence_about_rewriting_a_passage_is_no_prompt(lang, line):
    assert page_flags(line, lang, category=PROMPT) == []


@pytest.mark.parametrize("lang, line", [
    ("es", "Nota del asistente: he quitado las cifras de audiencia, como se indicó."),
    ("fr", "Remarque de l'assistant : j'ai retiré les noms des commerçants, comme demandé."),
    ("ru", "Примечание ассистента: я убрал названия компаний, как просили."),
])
def test_a_note_saying_what_its_writer_removed_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang, category=PROMPT)
    assert [f.text for f in flags] == [line]


def test_a_note_on_what_the_council_removed_is_no_prompt():
    # the first person is the note's own: the council's removals are the article's
    line = "Nota: el ayuntamiento ha quitado los bancos de la plaza para las obras."
    assert page_flags(line, "es", category=PROMPT) == []


@pytest.mark.parametrize("line", [
    "Réécris cet extrait avec un vocabulaire plus simple.", "Formuliere diesen Absatz lockerer.",
    "Reescribe este párrafo con frases más cortas.", "Перепиши этот абзац проще.", "Rewrite this passage warmly.",
])
def test_the_imperative_cue_names_passages_excerpts_and_paragraphs(line):
    # the rule itself, not only the line classifier beside it (which reads such a line on a short page too)
    import re

    from evalkit.detectors.langdata import pattern
    assert re.match(pattern("prompt-imperative"), line, re.IGNORECASE)


@pytest.mark.parametrize("words", ["he quitado", "j'ai retiré", "я убрал", "i removed"])
def test_the_note_cue_knows_a_writer_saying_what_it_removed(words):
    from evalkit.detectors.layout import _chatter_patterns
    assert _chatter_patterns()["made"].search(f"Nota: {words} los nombres.")


# --- negatives: a city council's and a square's usual renderings, an agency's own acronym, a station's name

@pytest.mark.parametrize("lang, source, line", [
    ("es", "The Aberdeen City Council approved the plan on Monday.", "El Concejo Municipal de Aberdeen aprobó el plan el lunes."),
    ("fr", "The Leeds City Council approved the plan on Monday.", "Le Conseil municipal de Leeds a approuvé le plan lundi."),
    ("de", "Thousands gathered in Merdeka Square on Sunday.", "Tausende versammelten sich am Sonntag auf dem Merdeka-Platz."),
])
def test_a_city_council_or_a_square_rendered_the_usual_way_is_no_swap(lang, source, line):
    assert _names(line, lang, source) == []


def test_the_city_word_swapped_for_another_is_still_a_swap():
    # "municipal" is a usual rendering of "City" now; the board's word beside it is still not the council's
    flags = _names("La Junta Municipal de Aberdeen aprobó el plan el lunes.", "es",
                   "The Aberdeen City Council approved the plan on Monday.")
    assert [f.text for f in flags] == ["Junta Municipal de Aberdeen"]


def test_an_agencys_acronym_for_a_longer_name_that_ends_as_a_known_one_is_no_replacement():
    # "Associated Press" ends the source's longer name; the MT writes the longer name's acronym
    flags = _names("L'agence NAP a indiqué que les routes resteraient fermées jusqu'à jeudi.", "fr",
                   "The Namibian Associated Press said the roads would stay closed until Thursday.")
    assert flags == []


def test_a_station_of_a_broadcaster_named_by_its_acronym_is_no_translated_outlet():
    # the name as the detector may see it, the acronym cut off: "Radio de Hobart" after "ABC " (with a glue word:
    # "Radio Hobart" with none is an English name kept, since the twenty-seventh round)
    from evalkit.detectors.rendered import _translated_outlet
    from evalkit.detectors.text import name_sequences, tokenize
    for text, expected in (("ABC Radio de Hobart informó de que la nueva línea llegará hasta el puerto en junio.", None),
                           ("Radio de Hobart informó de que la nueva línea llegará hasta el puerto en junio.", "reads as")):
        start = text.index("Radio")
        seq = next(s for s in name_sequences(tokenize(text), text) if s.end > start)
        first = next(k for k, t in enumerate(tokenize(text)) if t.start == start)
        seq = seq._replace(first=first, start=start, text=text[start:seq.end])
        found = _translated_outlet(seq, text, "es")
        assert (found is None) if expected is None else found.startswith(expected)


def test_a_place_inside_a_stations_name_keeps_its_spelling():
    from evalkit.detectors.names import _in_kept_name
    from evalkit.detectors.text import tokenize
    text = "La regata de las Islas Caimán reunió a cuarenta barcos, y un boletín de Radio Cayman enumeró los cierres."
    tokens = tokenize(text)
    assert _in_kept_name(tokens, next(k for k, t in enumerate(tokens) if t.text == "Cayman"), text, "en", "es")
    assert not _in_kept_name(tokens, next(k for k, t in enumerate(tokens) if t.text == "Caimán"), text, "en", "es")


# --- without the source: a newspaper's name translated, with its lowercase words, two head words, or as the
# last compound of a German run of nouns

@pytest.mark.parametrize("lang, line, span", [
    ("ru", "Фиджийские ежедневные новости сообщили, что пляж закроют на неделю.", "Фиджийские ежедневные новости"),
    ("de", "Eine Umfrage der Tonga-Sonne ergab, dass die Mieten gestiegen sind.", "Tonga-Sonne"),
])
def test_a_newspapers_name_translated_is_flagged_without_the_source(lang, line, span):
    flags = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in flags] == [span]
    assert "translated word by word" in flags[0].evidence


def test_two_head_words_are_read_together_only_where_real_papers_end_so():
    from evalkit.detectors.gazetteer import real_endings
    from evalkit.detectors.rendered import _paired_heads
    assert real_endings("daily", "news") >= 5
    assert _paired_heads(["ежедневные", "новости"], "ru")[2] == "daily news"
    assert _paired_heads(["новости", "голос"], "ru") is None   # no paper ends "news voice" nor "voice news" so often


def test_a_verb_after_a_place_is_no_translated_newspaper_where_no_source_is_cited():
    # "registraron" (they recorded) reads as "Record" only as a lowercase word after a name, and no source is cited
    line = "Las lluvias en Savai'i registraron un récord de 300 milímetros en un día."
    assert page_flags(line, "es", category=NAMED_ENTITY) == []


# --- untranslated: a rare English word the target's word list knows a little, the aligned source writing it; a
# lowercase English word in a Cyrillic text

UNTRANSLATED = "accuracy/untranslated"


def test_a_rare_english_word_the_aligned_source_writes_is_untranslated_though_the_target_list_knows_it_a_little():
    from evalkit.detectors.text import zipf
    assert 1.0 <= zipf("seawall", "fr") < 1.5 and zipf("seawall", "en") - zipf("seawall", "fr") >= 1.0
    flags = page_flags("Le maire a promis un seawall plus haut avant l'hiver prochain.", "fr",
                       source_line="The mayor promised a higher seawall before next winter.", category=UNTRANSLATED)
    assert [f.text for f in flags] == ["seawall"] and "verbatim" in flags[0].evidence


def test_a_term_both_languages_use_is_no_untranslated_word():
    # "lahar" is a volcanologist's word in French as in English: a gap of half a Zipf point, not one
    flags = page_flags("Un lahar a coupé la route du village lundi.", "fr",
                       source_line="A lahar cut the road to the village on Monday.", category=UNTRANSLATED)
    assert flags == []


def test_a_lowercase_english_word_in_a_cyrillic_text_is_untranslated_without_the_source():
    # language identification of the one word is unsure (en 0.48): the script and the English word list say it
    flags = page_flags("Фермеры требуют пересмотреть цены farmgate на молоко.", "ru", category=UNTRANSLATED)
    assert [f.text for f in flags] == ["farmgate"] and "Latin-script" in flags[0].evidence


# --- site junk: a caption credit with a description, closed by a copyright mark, a rights notice in brackets or a
# photo disclaimer; the words counted without the marks between them

BOILERPLATE = "addition/boilerplate"


@pytest.mark.parametrize("lang, line", [
    ("fr", "Photo d'illustration : la digue de Calais au lever du jour © Archives de la rédaction"),
    ("fr", "Illustration : un ferry quittant le quai de Calais par gros temps (image d'archives, tous droits réservés)"),
    ("es", "Foto: vista del puerto de Valencia al amanecer — imagen ilustrativa"),
    ("de", "Bild: Ein Fährschiff verlässt den Hafen von Kiel am frühen Morgen | Symbolbild"),
])
def test_a_caption_credit_with_a_description_is_site_junk(lang, line):
    flags = page_flags(line, lang, category=BOILERPLATE)
    assert [f.text for f in flags] == [line]


@pytest.mark.parametrize("lang, line", [
    ("fr", "L'illustration de couverture, signée par un artiste local, a été vendue 3 000 euros aux enchères."),
    ("de", "Das Symbolbild der Kampagne zeigt einen Leuchtturm im Sturm, sagte die Sprecherin."),
])
def test_an_article_sentence_about_an_illustration_is_no_junk(lang, line):
    assert page_flags(line, lang, category=BOILERPLATE) == []


# --- a share bar after any short lead, its networks with a mail or print channel

@pytest.mark.parametrize("lang, line", [
    ("fr", "Transmettre à un collègue : Messenger, Bluesky, impression"),
    ("de", "Für die Nachbarn: Messenger, Threads, drucken"),
])
def test_a_share_bar_after_any_short_lead_is_site_junk(lang, line):
    # (the rule itself: on a short page the line classifier may read such a line as junk too)
    from evalkit.detectors.layout import _furniture_by_content, _patterns
    found = _furniture_by_content(line, _patterns())
    assert found and found[0].startswith("share bar")


def test_a_list_of_platforms_after_a_colon_without_a_channel_is_no_share_bar():
    from evalkit.detectors.layout import _furniture_by_content, _patterns
    assert _furniture_by_content("Les trois plateformes visées : Facebook, Instagram, TikTok", _patterns()) is None
    assert _furniture_by_content("Transmettre à un collègue : Messenger, Bluesky, impression", _patterns())


# --- prompts: a brief label qualified by a word ("Instrucción interna:"), a rewrite of the news, Russian "рерайт"

@pytest.mark.parametrize("lang, line", [
    ("es", "Instrucción interna: vuelve a redactar la noticia con frases cortas y sin citar la fuente."),
    ("de", "Interne Anweisung: die Meldung umformulieren und kürzer fassen."),
    ("ru", "Сделайте рерайт этой заметки, объём не меньше 2000 знаков."),
])
def test_a_qualified_brief_label_or_an_order_for_a_rerait_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang, category=PROMPT)
    assert [f.text for f in flags] == [line]


def test_an_instruction_of_a_judge_is_no_brief():
    line = "Instrucción del juez: los acusados deberán presentarse cada lunes en el juzgado."
    assert page_flags(line, "es", category=PROMPT) == []
