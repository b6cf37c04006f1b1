"""Junk, leaked prompts and truncation WITHOUT a source (issue 15): the rules that judge a line by
what it is (a cookie notice by its tracking words, an interface widget, an invitation to a network,
a signature, an instruction to a generator) and the truncation cut before a line the junk rules do
not know. Every line here was written for this test, positives and news lines that must be left
alone, in fr, de, es, ru and en."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.layout import chatter_spans, dangling_end, foreign_orders, pattern_junk


@pytest.mark.parametrize("lang, line, why", [
    # cookie notices named by their tracking words, a choice or partner word and the reader
    ("fr", "Nous utilisons des traceurs pour analyser le trafic. Vous pouvez retirer votre consentement.", "traceurs"),
    ("de", "Wir setzen Tracker ein, um Inhalte zu personalisieren. Sie können Ihre Einwilligung widerrufen.",
     "Tracker"),
    ("es", "Usamos rastreadores propios y de terceros. Puedes cambiar tus preferencias cuando quieras.",
     "rastreadores"),
    ("ru", "Мы и наши партнёры используем трекеры. Вы можете изменить настройки в любой момент.", "трекеры"),
    ("en", "We and our partners use tracking to measure the audience. You can manage your choices.", "tracking"),
    # widgets: a close or rating mark with an interface word or the reader addressed
    ("fr", "Évaluez cet article ★★★★☆", "★★★★☆"),
    ("de", "Werbung schließen ✕", "✕"),
    ("es", "Cerrar publicidad ✕", "✕"),
    ("ru", "Оцените эту статью: ☆☆☆☆☆", "☆☆☆☆☆"),
    ("en", "Rate this story ★★★★★", "★★★★★"),
    # invitations to a network or a messenger, addressed to the reader
    ("fr", "Rejoignez notre chaîne WhatsApp pour suivre l'actualité", "WhatsApp"),
    ("de", "Folgt uns jetzt auch auf TikTok", "TikTok"),
    ("es", "Suscríbete a nuestro canal de Telegram y recibe las noticias", "Telegram"),
    ("ru", "Присоединяйтесь к нашему каналу в Telegram", "Telegram"),
    ("en", "Join our Telegram channel for breaking news", "Telegram"),
    # signatures: a name and a newsroom job, no byline cue, no sentence
    ("fr", "Marc Lefèvre, journaliste", "journaliste"),
    ("de", "Jana Krüger, Korrespondentin in Brüssel", "Korrespondentin"),
    ("es", "Lucía Ortega, redactora", "redactora"),
    ("ru", "Ольга Смирнова, корреспондент", "корреспондент"),
    ("en", "Tom Baker, staff writer", "staff writer"),
    # a byline naming a desk written as a compound
    ("de", "Ein Bericht von Paul Weber, Wirtschaftsredaktion", "Wirtschaftsredaktion"),
    # interface words in an exclamation: a call to action
    ("de", "Jetzt Push-Nachrichten und Eilmeldungen aktivieren!", "exclamation"),
    # reading time, listening and video labels, donation appeals, alerts
    ("fr", "Temps de lecture : 3 min", "3 min"),
    ("es", "Tiempo de lectura: 4 minutos", "Tiempo de lectura"),
    ("ru", "Время чтения: 2 минуты", "Время чтения"),
    ("en", "Listen to this article", "Listen to this article"),
    ("de", "Artikel anhören", "anhören"),
    ("fr", "Soutenez le journalisme indépendant : faites un don", "faites un don"),
    ("es", "Activa las notificaciones y no te pierdas nada", "no te pierdas"),
    ("en", "Turn on notifications to never miss breaking news", "never miss"),
    # sponsored labels before a teaser
    ("ru", "Спецпроект: как выбрать школу для ребёнка", "Спецпроект"),
    ("fr", "Publireportage : cinq idées de week-end en Bretagne", "Publireportage"),
    ("es", "Contenido de marca: así se ahorra en la factura de la luz", "Contenido de marca"),
    # offers, log-in prompts, credit notes, section links, partner labels, an elided photo label
    ("fr", "Offre d'essai : 0,99 € le premier mois", "offre d'essai"),
    ("ru", "Уже есть аккаунт? Войдите", "Войдите"),
    ("es", "Con información de EFE y Europa Press", "con información de"),
    ("de", "Mehr aus dem Ressort Wirtschaft", "teaser"),
    ("ru", "Новости партнёров", "ad label"),
    ("fr", "Photo d'archives : Reuters", "Photo d'archives"),
    ("ru", "Читайте нас в Дзене", "Дзене"),
    # bookmark and report buttons, digital offers, paywall notes, agency credits, typo reports
    ("fr", "Ajouter aux favoris", "navigation"),
    ("de", "Beitrag melden", "navigation"),
    ("es", "Añadir a favoritos", "navigation"),
    ("ru", "В закладки", "navigation"),
    ("de", "Nur mit Digital-Abo: jetzt für 2,99 € testen", "Digital-Abo"),
    ("de", "Diesen Inhalt können nur Abonnenten lesen", "diesen Inhalt"),
    ("de", "Von dpa/Reuters", "agency credit"),
    ("es", "Agencias / Redacción", "agency credit"),
    ("fr", "Agence France-Presse", "agency credit"),
    ("ru", "Нашли опечатку? Сообщите нам", "нашли опечатку"),
    # error reports
    ("de", "Fehler gefunden? Dann schreiben Sie uns", "fehler gefunden"),
    ("en", "Spotted a mistake? Tell us", "spotted a mistake"),
])
def test_furniture_is_known_by_what_it_is_and_the_evidence_says_why(lang, line, why):
    verdict = pattern_junk(line, lang, ["en"])
    assert verdict is not None, line
    assert why.lower() in verdict[0].lower()


@pytest.mark.parametrize("lang, line", [
    # tracking words in news: no reader addressed, or no consent word
    ("fr", "Selon la CNIL, les sites doivent recueillir le consentement avant de déposer des traceurs."),
    ("de", "Die Polizei setzte Tracking-Technologien ein, um die Täter zu finden."),
    ("es", "Los rastreadores de la policía localizaron el vehículo en Sevilla."),
    ("ru", "Фитнес-трекеры стали популярны среди пенсионеров."),
    ("en", "Regulators said websites must ask for consent before placing trackers."),
    # stars and multiplication signs in a report
    ("fr", "Le film a obtenu ★★★★ dans le classement de la critique."),
    ("de", "Das Zimmer misst 4 × 5 Meter"),
    # a network named in a headline or by the newsroom, not offered to the reader
    ("fr", "Elon Musk rachète Twitter pour 44 milliards de dollars"),
    ("de", "WhatsApp führt neue Funktion für Gruppen ein"),
    ("es", "Nuestro reportero en Kiev habló con usuarios de Telegram"),
    ("ru", "Telegram заблокирован в Дагестане"),
    ("en", "Meta blocks Facebook and Instagram in Russia"),
    # a name and a job outside the newsroom
    ("fr", "Emmanuel Macron, président de la République"),
    ("de", "Olaf Scholz, Bundeskanzler"),
    ("es", "Lionel Messi, futbolista argentino"),
    ("ru", "Владимир Путин, президент России"),
    ("en", "Joe Biden, US president"),
    # an exclamation quoting someone, a duration in a report
    ("fr", "Les notifications push ont explosé en 2024, selon « Le Monde » !"),
    ("fr", "Le match a duré 90 minutes"),
    ("de", "Die Lesezeit eines Romans beträgt im Schnitt acht Stunden."),
    # a partnership in a news sentence, not a label before a teaser
    ("fr", "En partenariat avec l'ONU, la France lance un plan pour le Sahel."),
    ("es", "En colaboración con la UE, España financia la nueva planta"),
    # linking words and a place, not an agency credit
    ("fr", "La France et l'Europe"),
    ("es", "Con Europa"),
    ("de", "Mit und ohne"),
])
def test_news_lines_sharing_those_words_are_left_alone(lang, line):
    assert pattern_junk(line, lang, ["en"]) is None
    assert chatter_spans(line) == []


@pytest.mark.parametrize("line, verb, thing", [
    ("Rédige un titre accrocheur pour cette dépêche.", "Rédige", "titre"),
    ("Erstelle eine Zusammenfassung in drei Sätzen.", "Erstelle", "Zusammenfassung"),
    ("Crea un titular llamativo para esta noticia.", "Crea", "titular"),
    ("Придумай заголовок и сократи текст вдвое.", "Придумай", "заголовок"),
    ("Generate a catchy headline for this story.", "Generate", "headline"),
    ("Formuliere jeden Satz um und ergänze ein Fazit.", "Formuliere", "Satz"),
    ("Añade subtítulos y palabras clave al final.", "Añade", "subtítulos"),
])
def test_an_imperative_with_the_text_as_its_object_is_an_instruction(line, verb, thing):
    spans = chatter_spans(line)
    assert spans and spans[0][:2] == (0, len(line))
    assert verb in spans[0][2] and thing in spans[0][2]


@pytest.mark.parametrize("line", [
    "Make no mistake: the article 5 guarantee still holds.",
    "Fais-le, a dit le ministre en présentant le texte.",
    "Crea empleo en la región, según el texto del Gobierno.",
    "Mach keinen Fehler: Der Artikel 5 gilt weiterhin.",
    "Сохрани себя, — написал автор в тексте.",
])
def test_an_imperative_whose_object_is_not_the_text_is_left_alone(line):
    assert chatter_spans(line) == []


ARTICLE = {
    "de": ("Stadtrat beschließt neuen Radweg\nDer Stadtrat hat am Dienstag einen neuen Radweg entlang des Flusses "
           "beschlossen.\nDie Bauarbeiten sollen im Frühjahr beginnen und rund zwei Millionen Euro kosten.\n"
           "Anwohner hatten sich seit Jahren für eine sichere Verbindung eingesetzt.\n"
           "Der Bürgermeister sprach von einem wichtigen Schritt für die Stadt.\n"),
    "fr": ("Le conseil municipal vote une nouvelle piste cyclable\nLe conseil municipal a voté mardi une nouvelle "
           "piste cyclable le long du fleuve.\nLes travaux doivent commencer au printemps et coûter deux millions "
           "d'euros.\nLes riverains réclamaient depuis des années une liaison plus sûre.\n"
           "Le maire a salué une étape importante pour la ville.\n"),
}


def _truncations(text: str, lang: str) -> list:
    doc = prepare_input(text, "en", lang)
    return [f for f in run_detectors(doc, make_detectors(["injected", "structure"]))
            if f.category == "omission/truncation"]


@pytest.mark.parametrize("lang, cut, after", [
    # a line the junk rules do not know follows the cut sentence, which stops on a word no sentence ends on
    ("de", "Über die Pläne berichtete zuerst die", "Mitarbeit Sabine Roth und Jonas Keller"),
    ("fr", "Le projet avait été présenté en mars par le", "Avec Claire Dubois et Hugo Martin"),
])
def test_a_cut_sentence_before_an_unknown_closing_line_is_truncation(lang, cut, after):
    text = ARTICLE[lang] + cut + "\n" + after + "\n"
    flags = _truncations(text, lang)
    assert len(flags) == 1
    assert text.index(cut) <= flags[0].start < flags[0].end <= text.index(cut) + len(cut)
    assert "cannot end a sentence" in flags[0].evidence


@pytest.mark.parametrize("lang, cut, after", [
    # a long clause stopping on a lower-case word, before a closing line of more than five words
    ("de", "Die Stadtwerke wollen die Arbeiten bis zum Ende des Jahres weitgehend abgeschlossen",
     "Mitarbeit an diesem Bericht: Sabine Roth"),
    ("fr", "Le chantier devrait durer environ dix-huit mois selon les services techniques",
     "Avec la collaboration de Claire Dubois"),
])
def test_a_long_unpunctuated_clause_before_a_closing_line_is_truncation(lang, cut, after):
    text = ARTICLE[lang] + cut + "\n" + after + "\n"
    flags = _truncations(text, lang)
    assert len(flags) == 1 and text.index(cut) <= flags[0].start < text.index(cut) + len(cut)


def test_a_photo_credit_of_names_after_the_article_is_no_truncation():
    # measured on WMT23 zh-en: "Picture from Vietnam News Agency" closing an article was flagged before
    text = ("Council approves new cycle path\nThe city council approved a new cycle path along the river on "
            "Tuesday.\nWork is due to start in spring and will cost about two million euros.\nResidents had "
            "campaigned for a safer route for years.\nThe mayor called it an important step for the city.\n"
            "Picture from Vietnam News Agency\n")
    assert _truncations(text, "en") == []


@pytest.mark.parametrize("lang, last, opened", [
    ("fr", "Le maire a conclu : « nous ferons tout pour que la ville", "«"),
    ("de", "Der Bürgermeister sagte, der Radweg sei „ein Gewinn für alle Bürgerinnen und", "„"),
])
def test_a_last_sentence_cut_inside_an_opened_quote_is_truncation(lang, last, opened):
    text = ARTICLE[lang] + last + "\n"
    flags = _truncations(text, lang)
    assert len(flags) == 1 and text.index(last) <= flags[0].start
    assert opened in flags[0].evidence or "cannot end a sentence" in flags[0].evidence


@pytest.mark.parametrize("lang, last", [
    ("fr", "Le maire a conclu : « nous ferons tout pour la ville »."),
    ("de", "Der Bürgermeister nannte den Radweg »einen Gewinn für alle«."),
    ("de", "Mitarbeit Sabine Roth und Jonas Keller"),
])
def test_whole_articles_with_closed_quotes_or_a_closing_line_are_not_truncated(lang, last):
    assert _truncations(ARTICLE[lang] + last + "\n", lang) == []


@pytest.mark.parametrize("line, why", [
    ("Méta-description : Les vendanges commencent tôt en Alsace", "SEO output"),
    ("SEO-Titel: Hitzewelle erreicht Norddeutschland", "SEO output"),
    ("Título SEO: La sequía vacía los embalses de Andalucía", "SEO output"),
    ("Мета-описание: в Казани открылся новый мост", "SEO output"),
    ("Remarque : j'ai remplacé les citations pour éviter le plagiat.", "how the text was made"),
    ("Hinweis: Dieser Beitrag wurde mit künstlicher Intelligenz generiert.", "how the text was made"),
    ("Nota: he cambiado algunos nombres del texto original.", "how the text was made"),
    ("Примечание: статья сгенерирована нейросетью.", "how the text was made"),
    ("¿Quieres que acorte el texto?", "more changes"),
    ("Soll ich den Beitrag etwas kürzer schreiben?", "more changes"),
    ("Хотите, я переделаю заголовок?", "more changes"),
])
def test_a_generators_asides_are_leaked_chatter(line, why):
    spans = chatter_spans(line)
    assert spans and why in spans[0][2]


@pytest.mark.parametrize("line", [
    "Note : les chiffres ont été fournis par le ministère.",
    "Hinweis: Die Zahlen stammen vom Statistischen Bundesamt.",
    "Nota: la cifra incluye a los trabajadores temporales.",
    "Nota: los cambios entran en vigor en mayo.",
    "Note: changes to the law take effect in May.",
    "Примечание: данные за 2023 год уточнены.",
    "¿Quieres saber más sobre el texto de la ley?",
    "Хотите изменить мир?",
    "¿Quieres un cambio de vida?",
    "Description du poste : chef de chantier à Lyon",
])
def test_notes_and_questions_of_an_article_are_left_alone(line):
    assert chatter_spans(line) == []


@pytest.mark.parametrize("lang, line, why", [
    ("fr", "Nos bons plans : cinq adresses pour bruncher à Lille", "teaser"),
    ("de", "Kommentare werden vor der Freigabe geprüft – bitte beachten Sie unsere Netiquette.", "Netiquette"),
    ("ru", "Онлайн-казино: фриспины и бонус 5000 ₽ при регистрации. 18+", "18+"),
    ("fr", "Publicité · Séjour thermal : trois nuits avec soins à 299 €", "ad label"),
    ("fr", "Rédaction Web — Le Journal du Nord, 7 h 45", "date stamp"),
    ("es", "Usamos balizas web y cookies propias. Si continúas navegando, aceptas su uso.", "cookie"),
    ("ru", "Оставаясь на сайте, вы разрешаете обработку файлов cookie.", "cookie"),
])
def test_more_furniture_known_by_what_it_is(lang, line, why):
    verdict = pattern_junk(line, lang, ["en"])
    assert verdict is not None, line
    assert why.lower() in verdict[0].lower()


@pytest.mark.parametrize("line", [
    "Gerne! Hier ist der überarbeitete Beitrag in Schweizer Hochdeutsch:",
    "Claro, aquí tienes el texto adaptado al español de México:",
    "Конечно! Вот новая версия заголовка и лида:",
    "Avec plaisir ! Voici le texte raccourci pour les réseaux sociaux :",
])
def test_a_generator_presenting_its_output_is_a_leak(line):
    spans = chatter_spans(line)
    assert spans and spans[0][:2] == (0, len(line)) and "presenting its output" in spans[0][2]


@pytest.mark.parametrize("line", [
    "Klar ist: Hier ist der Staat gefordert, sagte sie.",
    "Claro que sí, respondió el alcalde a la pregunta.",
    "Natürlich, hier sind die Zahlen im Überblick:",
])
def test_an_assent_in_an_article_is_left_alone(line):
    assert chatter_spans(line) == []


@pytest.mark.parametrize("lang, line", [
    ("fr", "Make it sound more local and add a short intro for Instagram."),
    ("de", "Translate the following into German and keep it short."),
    ("es", "Please shorten this to 120 words and make the title punchier."),
    ("ru", "Remove the name of the original outlet and keep the quotes."),
])
def test_an_english_instruction_in_a_text_in_another_language_is_a_leak(lang, line):
    spans = foreign_orders(line, lang)
    assert spans and spans[0][0] == 0 and "instruction in English" in spans[0][2]


@pytest.mark.parametrize("lang, line", [
    ("fr", "« Make America Great Again », scandaient les partisans du candidat."),
    ("en", "Make sure to vote on Tuesday, the mayor said."),
    ("de", "Keep"),
])
def test_english_orders_quoted_or_in_english_text_are_left_alone(lang, line):
    assert foreign_orders(line, lang) == []


@pytest.mark.parametrize("lang, text, last", [
    ("fr", "La récolte commence en", "en"),
    ("de", "Die Brücke soll im", "im"),
    ("es", "El museo abrirá una nueva sala en", "en"),
    ("ru", "Сезон стартует в", "в"),
    ("fr", "Il faut partir d'ici", ""),
])
def test_a_line_that_stops_on_a_word_no_sentence_ends_on(lang, text, last):
    assert dangling_end(text, lang) == last


def test_the_cue_test_before_the_chatter_regexes_misses_no_character_the_regexes_match():
    """chatter_spans tries its text, rewrite and AI cue regexes (IGNORECASE) only on a line that holds a
    cue once casefolded: every character those regexes match with a character of a cue must casefold as
    that character does, or be one of layout._CASE_ODD (the line is then searched anyway)."""
    import re

    from evalkit.detectors.layout import _CASE_ODD, _cues

    cues = [c for kind in ("prompt_text", "prompt_rewrite", "prompt_ai") for c in _cues(kind)]
    chars = sorted({ch for c in cues for ch in c if not ch.isspace()})
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    matched = set(re.findall("[" + re.escape("".join(chars)) + "]", every, re.IGNORECASE))
    odd = {ch for ch in matched for p in chars if re.fullmatch(re.escape(p), ch, re.IGNORECASE)
           and ch.casefold() != p.casefold()}
    assert odd <= set(_CASE_ODD)


@pytest.mark.parametrize("seed", range(4))
def test_the_cue_test_passes_every_line_the_chatter_regexes_match(seed):
    import random

    from evalkit.detectors.layout import _chatter_patterns, _cues, _may_name_text

    pats = _chatter_patterns()
    cues = [c for kind in ("prompt_text", "prompt_rewrite", "prompt_ai") for c in _cues(kind)]
    around = ["", " ", "a", "Zé ", ",", "-", "’", "\t", "\u00a0", "İ", "ı", "ſ", "K", "1", "_", "le ", "\u0345"]
    rng = random.Random(seed)
    for _ in range(5000):
        cue = "".join(ch.upper() if rng.random() < 0.4 else ch for ch in rng.choice(cues))
        cue = cue.replace(" ", rng.choice([" ", "  ", "\t", "\u00a0", "\u2009 ", "\n"]))
        line = rng.choice(around) + rng.choice(around) + cue + rng.choice(around) + rng.choice(["", "s", " text"])
        if pats["text"].search(line) or pats["rewrite"].search(line) or pats["ai"].search(line):
            assert _may_name_text(line), line


@pytest.mark.parametrize("seed", range(2))
def test_sentence_openers_as_the_one_regex_they_were_read_with(seed):
    import random
    import re

    from evalkit.detectors.layout import _openers

    one = re.compile(r"(?:^|[.!?…:][\s\u00a0]+|[¿¡])[¿¡\"'«“„\s\u00a0]*([^\W\d_]+)")
    pieces = list("aBé.!?…: \u00a0¿¡\"'«“„1_-,") + ["Here is", "Voici", "\t"]
    rng = random.Random(seed)
    for _ in range(20000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _openers.__wrapped__(line) == frozenset(w.casefold() for w in one.findall(line)), line
