"""Tests for the injected-content detector (texts written for the tests, not taken from the corpus)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.base import DetectionInput, prepare_input
from evalkit.detectors.injected import InjectedContentDetector
from evalkit.detectors.layout import foreign_language, prompt_spans


def make(hyp: str, src: str | None = None, tgt: str = "fr", src_lang: str = "en") -> DetectionInput:
    return prepare_input(hyp, src_lang, tgt, source=src)


def detect(doc: DetectionInput) -> list:
    flags = InjectedContentDetector().detect(doc)
    for f in flags:
        assert f.text == doc.hypothesis[f.start:f.end]
        assert 0.0 <= f.confidence <= 1.0 and f.evidence
    return flags


def texts(flags: list, category: str | None = None) -> list[str]:
    return [f.text for f in flags if category is None or f.category == category]


ARTICLE = """in

Le maire de Lyon inaugure la nouvelle passerelle sur la Saône

[ad_1]

Le maire de Lyon a inauguré lundi une passerelle piétonne qui relie les deux rives de la Saône.

Les travaux ont duré deux ans et ont coûté douze millions d’euros, selon la mairie.

LIRE AUSSI : Les cyclistes réclament davantage de pistes dans le centre-ville

* * *

Les riverains ont salué un ouvrage élégant, même si certains regrettent le bruit du chantier.

Read more: Ten bridges you must see before you die

.
[ad_2]

Written by Anna Smith

Laisser un commentaire

Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *

*

Le tramway prolongé jusqu’à la gare en 2026

Un nouveau parc ouvre ses portes à Villeurbanne

Source link
"""


def test_site_junk_lines_are_flagged_one_per_line() -> None:
    flags = detect(make(ARTICLE))
    assert texts(flags, "addition/boilerplate") == [
        "in", "[ad_1]", "LIRE AUSSI : Les cyclistes réclament davantage de pistes dans le centre-ville",
        "Read more: Ten bridges you must see before you die", ".", "[ad_2]", "Written by Anna Smith",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *", "*",
        "Source link",
    ]
    assert all(f.severity == "major" and f.suggestion == "" for f in flags)


def test_headlines_after_the_comment_form_are_judged_by_what_they_are_not_where() -> None:
    # Without a source, a headline after the comment form reads like any headline: no flag by position.
    # With a source, a headline that has no counterpart in it is junk (it shares nothing with the source).
    flagged = texts(detect(make(ARTICLE)))
    assert "Le tramway prolongé jusqu’à la gare en 2026" not in flagged
    source = ("The mayor of Lyon opens the new footbridge over the Saone\n\n"
              "The mayor of Lyon on Monday opened a footbridge linking the two banks of the Saone.\n\n"
              "The works took two years and cost twelve million euros, according to the city hall.\n\n"
              "Residents praised an elegant structure, though some regret the noise of the works.\n")
    with_source = texts(detect(make(ARTICLE, source)))
    assert "Le tramway prolongé jusqu’à la gare en 2026" in with_source
    assert "Un nouveau parc ouvre ses portes à Villeurbanne" in with_source


def test_a_newsletter_line_makes_no_following_sentence_junk() -> None:
    # One newsletter line is junk; the correct sentences after it are the article (issue 15).
    hyp = ("Le maire a inauguré lundi une passerelle piétonne sur la Saône.\n\n"
           "Cliquez ici pour vous abonner à notre newsletter quotidienne\n\n"
           "Les travaux ont duré deux ans et ont coûté douze millions d’euros.\n\n"
           "Les riverains ont salué un ouvrage élégant.\n\n"
           "Un nouveau parc ouvre ses portes à Villeurbanne\n")
    src = ("The mayor on Monday opened a pedestrian footbridge over the Saone.\n\n"
           "The works took two years and cost twelve million euros.\n\n"
           "Residents praised an elegant structure.\n\n"
           "A new park opens its doors in Villeurbanne\n")
    for doc in (make(hyp), make(hyp, src)):
        assert texts(detect(doc)) == ["Cliquez ici pour vous abonner à notre newsletter quotidienne"]


def test_article_content_is_left_alone() -> None:
    flagged = texts(detect(make(ARTICLE)))
    for line in ("Le maire de Lyon inaugure la nouvelle passerelle sur la Saône", "* * *",
                 "Les riverains ont salué un ouvrage élégant, même si certains regrettent le bruit du chantier."):
        assert line not in flagged


def test_comment_forms_in_other_languages() -> None:
    hyp = ("Le conseil municipal a voté le budget mardi soir.\n\nLeave a Reply\n\n"
           "Your email address will not be published. Required fields are marked *\n\n"
           "Schreibe einen Kommentar\n\nDeja una respuesta\n")
    assert texts(detect(make(hyp))) == [
        "Leave a Reply", "Your email address will not be published. Required fields are marked *",
        "Schreibe einen Kommentar", "Deja una respuesta"]


def test_outlet_byline_in_the_target_language_is_content() -> None:
    hyp = ("Par Jean Dupont\n\nLe gouvernement a présenté mardi son projet de loi sur le logement.\n\n"
           "Le texte sera examiné au Parlement en juin.\n")
    assert detect(make(hyp)) == []


def test_byline_in_another_language_is_junk_and_one_in_the_target_language_is_not() -> None:
    foreign = "Le texte sera examiné au Parlement en juin.\n\nPosted by Mark Taylor\n"
    assert texts(detect(make(foreign))) == ["Posted by Mark Taylor"]
    # no flag by position: a target-language byline before the comment form stays content
    tail = ("Le texte sera examiné au Parlement en juin.\n\nPar Jean Dupont\n\nLaisser un commentaire\n")
    assert texts(detect(make(tail))) == ["Laisser un commentaire"]


def test_prompt_glued_to_the_title() -> None:
    hyp = ("Rewrite this article in frenchLe maire de Lyon inaugure une passerelle\n\n"
           "Le maire a inauguré lundi une passerelle piétonne.\n")
    flags = detect(make(hyp))
    assert [(f.text, f.category, f.severity) for f in flags] == [
        ("Rewrite this article in french", "addition/prompt-leak", "critical")]


def test_prompt_lines_and_generator_voice() -> None:
    hyp = ("Make this article SEO friendly, use subheadings, write at least 900 words\n\n"
           "Sure! Here is the rewritten article:\n\n"
           "Le maire a inauguré lundi une passerelle piétonne.\n\n"
           "As an AI language model, I cannot browse the internet.\n\n"
           "Les travaux ont duré deux ans.Rewrite this title in english\n")
    assert texts(detect(make(hyp)), "addition/prompt-leak") == [
        "Make this article SEO friendly, use subheadings, write at least 900 words",
        "Sure! Here is the rewritten article:",
        "As an AI language model, I cannot browse the internet.",
        "Rewrite this title in english",
    ]


def test_prompt_wording_inside_an_ordinary_english_sentence_is_not_a_leak() -> None:
    hyp = ("The letter, written in French, ran to at least 700 words.\n\n"
           "She was asked to rewrite the article before it went to print.\n\n"
           "Editors want every story to be SEO-friendly these days.\n")
    assert detect(make(hyp, tgt="en", src_lang="fr")) == []
    assert prompt_spans("She was asked to rewrite the article before it went to print.", "en") == []


SOURCE = ("Lyon opens a new footbridge\n\n"
          "The mayor of Lyon, Pierre Martin, opened a footbridge over the Saône on Monday.\n\n"
          "The works took 24 months and cost 12 million euros, according to the city.\n\n"
          "The bridge is 180 metres long and 6 metres wide.\n\n"
          "About 8,000 pedestrians are expected to cross it every day.\n\n"
          "Residents praised the design, although some complained about the noise from the Quai Saint-Vincent.\n")


def test_unaligned_headline_is_junk_and_unaligned_prose_is_not() -> None:
    hyp = ("Lyon inaugure une nouvelle passerelle\n\n"
           "Le maire de Lyon, Pierre Martin, a inauguré lundi une passerelle sur la Saône.\n\n"
           "Les travaux ont duré 24 mois et ont coûté 12 millions d’euros, selon la ville.\n\n"
           "Les meilleures offres de la semaine chez nos partenaires\n\n"
           "La passerelle mesure 180 mètres de long et 6 mètres de large.\n\n"
           "Le préfet du Rhône était également présent lors de la cérémonie officielle.\n\n"
           "Environ 8 000 piétons devraient la traverser chaque jour.\n\n"
           "Les riverains ont salué l’ouvrage, même si certains se plaignent du bruit sur le quai Saint-Vincent.\n")
    flags = detect(make(hyp, SOURCE))
    assert texts(flags) == ["Les meilleures offres de la semaine chez nos partenaires"]
    assert "no source counterpart" in flags[0].evidence
    # Without the source the same line is a headline like any other.
    assert detect(make(hyp)) == []


def test_foreign_language_helper() -> None:
    assert foreign_language("Written by Anna Smith", "fr") == "en"
    assert foreign_language("Écrit par Anna Smith", "fr") is None
    assert foreign_language("Le maire a inauguré la passerelle", "fr") is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["fr", "en", "de", "zh", "xx"]), st.booleans())
def test_never_raises_and_spans_are_exact(text: str, lang: str, with_source: bool) -> None:
    doc = make(text, "Some source text. Another one.\n\n[ad_1]" if with_source else None, tgt=lang)
    detect(doc)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200),
                 st.lists(st.sampled_from(list("aA1_ -.,’«»\u00a0\u2009\tßİΣé²Ⅻ١中🙂\u0301")), max_size=60).map("".join)))
def test_line_key_as_replacing_every_other_run_by_a_space(text):
    import re

    from evalkit.detectors.layout import normalise_line

    # the key was first written as a substitution then a strip; the runs joined give the same
    assert normalise_line.__wrapped__(text) == re.sub(r"[\W_]+", " ", text.casefold()).strip()


JUNK_BY_LANGUAGE = {
    "de": ("Die Regierung hat am Dienstag ein neues Gesetz zum Wohnungsbau vorgestellt.",
           ["Melden Sie sich für unseren Newsletter an und verpassen Sie keine Nachrichten",
            "Teilen", "Link kopieren", "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten",
            "Lesen Sie auch: Mieten steigen in allen Großstädten", "Written by Mark Taylor"]),
    "es": ("El Gobierno presentó el martes un nuevo proyecto de ley sobre la vivienda.",
           ["Suscríbete a nuestro boletín y recibe las noticias cada mañana", "Compartir",
            "Utilizamos cookies para mejorar su experiencia", "Lea también: Los alquileres suben en Madrid",
            "Posted by Mark Taylor"]),
    "ru": ("Правительство во вторник представило новый законопроект о жилье.",
           ["Подпишитесь на нашу рассылку, чтобы получать главные новости", "Поделиться",
            "Мы используем файлы cookie, чтобы улучшить работу сайта",
            "Читайте также: цены на аренду выросли в Москве", "Posted by Mark Taylor"]),
    "fr": ("Le gouvernement a présenté mardi un nouveau projet de loi sur le logement.",
           ["Inscrivez-vous à notre newsletter pour ne rien manquer", "Copier le lien",
            "Ce site utilise des cookies pour améliorer votre expérience",
            "À lire aussi : les loyers augmentent à Lyon", "Written by Mark Taylor"]),
}


def test_junk_of_every_family_in_each_language() -> None:
    for lang, (sentence, junk) in JUNK_BY_LANGUAGE.items():
        hyp = "\n\n".join([sentence, *junk]) + "\n"
        flagged = texts(detect(make(hyp, tgt=lang)), "addition/boilerplate")
        assert flagged == junk, lang


def test_article_sentences_that_open_like_junk_are_content() -> None:
    hyp = {
        "de": "Teilen sich zwei Familien eine Wohnung, steigen die Kosten.\n\n"
              "Lesen Sie die Studie, sagt die Forscherin, und Sie verstehen das Problem.\n",
        "es": "Compartir piso es cada vez más común entre los jóvenes de Madrid.\n\n"
              "Utilizamos el agua de lluvia para regar el huerto, explicó la alcaldesa.\n",
        "ru": "Поделиться опытом с коллегами пришли врачи из трёх регионов.\n",
        "fr": "Copier le lien entre deux documents prend du temps, explique l’ingénieure.\n",
    }
    for lang, text in hyp.items():
        assert detect(make(text, tgt=lang)) == [], lang


def test_furniture_known_by_what_the_line_holds():
    cases = {
        "fr": ["Publié par Claire B. le 12 mars 2024 à 09h15", "Sponsorisé : les dix meilleures offres de la semaine",
               "Recevez chaque matin notre newsletter gratuite en vous inscrivant ici"],
        "de": ["Von Wirtschaftsredaktion | 3. Mai 2024, 07:45 Uhr",
               "Jetzt den Politik-Newsletter abonnieren und nichts mehr verpassen!",
               "Teilen: Facebook | X | WhatsApp | E-Mail"],
        "es": ["Por Redacción Deportes", "Patrocinado: Descubre las ofertas de verano",
               "Compartir en: Facebook Twitter LinkedIn"],
        "ru": ["Автор: Редакция | 11.03.2024 18:20", "Поделиться: ВКонтакте Одноклассники Telegram",
               "Реклама: лучшие предложения недели"],
    }
    sentence = {"fr": "Le maire a inauguré lundi une passerelle piétonne sur la Saône.",
                "de": "Der Bürgermeister hat am Montag eine neue Fußgängerbrücke eröffnet.",
                "es": "El alcalde inauguró el lunes una nueva pasarela peatonal sobre el río.",
                "ru": "Мэр в понедельник открыл новый пешеходный мост через реку."}
    for lang, junk in cases.items():
        flags = detect(make("\n\n".join([sentence[lang], *junk]) + "\n", tgt=lang))
        assert texts(flags, "addition/boilerplate") == junk, lang
        assert all(f.evidence for f in flags)


def test_lines_that_only_look_like_furniture_are_content():
    lines = {
        "de": ["Von Angela Merkel bis Olaf Scholz 2021", "Von 2019 bis 2023 stieg der Umsatz",
               "Anzeige gegen Unbekannt erstattet"],
        "fr": ["Par Jean Dupont",
               ("Le journal a lancé une newsletter à laquelle dix mille lecteurs se sont abonnés en un mois, "
                "un record pour ce titre régional qui compte désormais plus de lecteurs en ligne que sur papier.")],
        "en": ["Facebook and Twitter", "Here is the text of the agreement:"],
        "ru": ["Вот как это было."],
    }
    for lang, content in lines.items():
        assert detect(make("\n\n".join(content) + "\n", tgt=lang, src_lang="en" if lang != "en" else "fr")) == [], lang


def test_generator_preambles_and_voice_in_several_languages():
    leaks = [("Here is the article rewritten for a French audience, optimised for SEO:", "fr"),
             ("Voici l’article réécrit :", "fr"), ("Hier ist der Artikel:", "de"),
             ("Вот переписанная статья:", "ru"),
             ("Как языковая модель ИИ, я не могу проверить эти данные.", "ru")]
    for leak, lang in leaks:
        assert prompt_spans(leak, lang), leak
    assert prompt_spans("Voici le texte intégral du discours du président :", "fr") == []


def test_german_junk_lines_are_known_by_what_they_are():
    article = ("Der Stadtrat von Springfield hat am Dienstagabend einen neuen Haushalt beschlossen.\n\n{}\n\n"
               "Die Bürgermeisterin Helen Brandt verteidigte die Entscheidung in einer kurzen Rede.\n")
    for junk, why in (("Diese Seite nutzt Cookies, um Ihnen das beste Erlebnis zu bieten. Mehr erfahren", "cookie"),
                      ("Wir nutzen Cookies. Akzeptieren", "cookie"),
                      ("Facebook Twitter WhatsApp E-Mail", "share bar"),
                      ("Bleiben Sie informiert: Unser Newsletter liefert Ihnen die wichtigsten Nachrichten.",
                       "furniture"),
                      ("Jetzt kostenlos anmelden und keine Nachricht mehr verpassen!", "furniture")):
        flags = detect(make(article.format(junk), tgt="de"))
        assert texts(flags) == [junk], junk
        assert why in flags[0].evidence, flags[0].evidence


def test_sentences_about_cookies_are_not_cookie_notices():
    for line in ("Die EU-Kommission will die Regeln für Cookies auf Websites verschärfen.",
                 "Sie backte Cookies für ihre Kinder und die Nachbarn."):
        hyp = f"Der Stadtrat hat am Dienstag getagt.\n\n{line}\n\nDie Sitzung dauerte drei Stunden.\n"
        assert texts(detect(make(hyp, tgt="de"))) == [], line


def test_bylines_meta_lines_ad_labels_and_comment_prompts_in_every_language():
    cases = [("fr", "Par Camille Roussel, avec le service Santé", "writer and a desk"),
             ("ru", "Автор: Ирина Соколова, редакция «Новости Прибайкалья»", "byline"),
             ("ru", "Новости экономики | 14 августа, 12:47 | Просмотров: 2 315", "meta line"),
             ("ru", "Реклама. ООО «ФинПро». Откройте вклад под 15% годовых", "ad label"),
             ("fr", "Annonce — Ouvrez un compte-titres sans frais en 5 minutes", "ad label"),
             ("fr", "Recevez chaque matin notre lettre santé : inscrivez-vous gratuitement en un clic.", "newsletter"),
             ("de", "Kommentare: Melden Sie sich an, um mitzudiskutieren.", "furniture"),
             ("es", "¿Qué opinas? Déjanos tu comentario más abajo.", "furniture")]
    for lang, junk, why in cases:
        hyp = f"Первая строка статьи.\n\n{junk}\n\nПоследняя строка статьи.\n" if lang == "ru" else \
            f"Le maire a parlé lundi.\n\n{junk}\n\nLa séance a duré trois heures.\n"
        flags = detect(make(hyp, tgt=lang))
        assert texts(flags) == [junk], junk
        assert why in flags[0].evidence, (junk, flags[0].evidence)


def test_a_sentence_opening_with_a_byline_word_is_no_byline():
    for line in ("Par ailleurs, le maire a promis une réponse.", "Von Berlin aus fuhr er weiter nach Dresden."):
        hyp = f"Premier paragraphe.\n\n{line}\n\nDernier paragraphe.\n"
        assert texts(detect(make(hyp, tgt="fr"))) == [], line


def test_a_russian_rewrite_prompt_is_a_prompt_and_a_russian_verb_in_prose_is_not():
    assert prompt_spans("Перепиши эту статью своими словами и добавь ключевые слова для SEO.", "ru") == \
        [(0, 67, "Перепиши эту статью")]
    assert prompt_spans("Он перепишет статью завтра, сказал редактор.", "ru") == []


def test_line_key_of_every_latin1_character_and_the_wide_punctuation():
    import re

    from evalkit.detectors.layout import _WIDE_PUNCT, normalise_line

    for ch in [chr(i) for i in range(256)] + list(_WIDE_PUNCT) + ["œ", "İ", "ſ"]:
        text = f"Ab{ch}c {ch}d{ch}"
        assert normalise_line.__wrapped__(text) == " ".join(re.findall(r"[^\W_]+", text.casefold())), ch
