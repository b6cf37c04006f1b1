"""Issue 15, sixth round of rules, each on text written for this test, positives and the negatives
beside them:

- the generator's reply around its chatter on one line: an assent opening the line ("Конечно!") and a
  sentence after it offering, in the first person, to do more ("Если нужно, могу добавить подзаголовки.")
  are part of the leaked reply, not an article sentence with no source;
- with a source: a name the source cites as the press is cited ("..., Inside the Games reported", "told
  Inside the Games"), holding no word of an organisation's name, is a news outlet's; the MT translating it
  word by word is a named-entity error. A body cited the same way ("the Red Cross reported") is translated
  as it should be.

The aligner's side (a source sentence that length alone paired with a leaked reply, its rendering beside
it) is tested in tests/test_align.py.
"""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.layout import chatter_spans

PROMPT = "addition/prompt-leak"


@pytest.mark.parametrize("line", [
    "Конечно! Вот переписанная статья в более живом стиле. Если нужно, могу добавить подзаголовки.",
    "Bien sûr ! Voici l'article réécrit dans un style plus vivant. Si vous le souhaitez, je peux ajouter des "
    "intertitres.",
    "¡Claro! Aquí tienes el artículo reescrito con un tono más cercano. Si quieres, puedo acortarlo.",
    "Gerne! Hier ist der umgeschriebene Artikel in einem lockeren Ton. Wenn du möchtest, kann ich ihn kürzen.",
])
def test_an_assent_and_a_first_person_offer_beside_chatter_are_the_reply(line):
    spans = chatter_spans(line)
    # the whole line, as one span or as spans with nothing but spaces between them (one prompt flag)
    assert spans[0][0] == 0 and spans[-1][1] == len(line)
    assert all(not line[b:a].strip() for (_, b, _), (a, _, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("line, kept", [
    # the sentence after the chatter is the article's: no offer in the first person
    ("Вот переписанная статья в более живом стиле. Продажи выросли на 5%.", "Продажи выросли на 5%."),
    # an offer quoted in the article is someone's words
    ("Voici l'article réécrit dans un style plus vivant. « Je peux vous aider », a dit le maire.",
     "« Je peux vous aider », a dit le maire."),
])
def test_article_sentences_after_chatter_stay_out_of_it(line, kept):
    spans = chatter_spans(line)
    assert spans and all(b <= line.index(kept) for _, b, _ in spans)


@pytest.mark.parametrize("tgt, line", [
    ("fr", "Je peux vous dire que le projet avance bien, a déclaré le maire."),
    ("ru", "Конечно, могу сказать, что сезон был трудным, — отметил тренер."),
    ("es", "Claro que puedo entenderlo, dijo la ministra."),
])
def test_first_person_sentences_with_no_chatter_are_left_alone(tgt, line):
    assert chatter_spans(line) == []
    text = f"{line}\nLes travaux commenceront au printemps.\n"
    assert not [f for f in run_detectors(prepare_input(text, "en", tgt), make_detectors()) if f.category == PROMPT]


def test_the_reply_line_is_one_prompt_and_no_addition_with_the_source():
    source = ("Analysts expect the market to shrink by about 15% this year.\n"
              "Sales of electric cars stayed small, at about 1,000 a month.\n")
    reply = "Конечно! Вот переписанная статья в более живом стиле. Если нужно, могу добавить подзаголовки."
    text = ("Аналитики ожидают, что в этом году рынок сократится примерно на 15%.\n" + reply + "\n"
            "Продажи электромобилей по-прежнему невелики — около 1000 штук в месяц.\n")
    found = run_detectors(prepare_input(text, "en", "ru", source=source), make_detectors())
    start = text.index(reply)
    assert [(f.start, f.end) for f in found if f.category == PROMPT] == [(start, start + len(reply))]
    assert not [f for f in found if f.category == "accuracy/addition"]


# --------------------------------------------------------------------------- outlets cited as the press

def named(text: str, tgt: str, source: str) -> list[tuple[str, str]]:
    from evalkit.detectors.names import NAMED_ENTITY, NamesDetector

    doc = prepare_input(text, "en", tgt, source=source)
    return [(f.text, f.evidence) for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]


@pytest.mark.parametrize("tgt, source, text, span", [
    ("fr", "The trial ran for six weeks, Inside the Games reported.",
     "L'essai a duré six semaines, a rapporté Au Cœur des Jeux.", "Au Cœur des Jeux"),
    ("es", "The final will be played in Seville, Inside the Games reported.",
     "La final se jugará en Sevilla, informó Dentro de los Juegos.", "Dentro de los Juegos"),
    ("ru", "The coach told Inside the Games that the team was ready.",
     "Тренер сказал изданию «Внутри игр», что команда готова.", "Внутри игр"),
    # German: the capitalised contraction opens the title, which is kept whole
    ("de", "The race was moved to March, Inside the Games reported.",
     "Das Rennen wurde auf März verschoben, berichtete Im Inneren der Spiele.", "Im Inneren der Spiele"),
])
def test_a_name_cited_as_the_press_translated_word_by_word_is_flagged(tgt, source, text, span):
    found = named(text, tgt, source)
    assert [s for s, _ in found] == [span]
    # (read by the rule for a name cited as the press, or by the one for an outlet's name translated word by word)
    evidence = found[0][1]
    assert "'Inside the Games'" in evidence and "news outlet" in evidence and "is not translated" in evidence


@pytest.mark.parametrize("tgt, source, text", [
    # bodies cited as the press is, translated as they should be ('cross', 'organization', 'house' name bodies)
    ("fr", "The storm killed 12 people, the Red Cross reported.", "La tempête a fait 12 morts, a rapporté la Croix-Rouge."),
    ("fr", "The storm killed 12 people, the World Health Organization reported.",
     "La tempête a fait 12 morts, a rapporté l'Organisation mondiale de la santé."),
    ("es", "The plan was approved on Monday, the White House reported.",
     "El plan fue aprobado el lunes, informó la Casa Blanca."),
    # a name cited as a body is ("said"): nothing tells it is the press
    ("es", "The final will be played in Seville, the Inside Games Committee said.",
     "La final se jugará en Sevilla, dijo el Comité de los Juegos Interiores."),
    # the name kept
    ("de", "The race was moved to March, Inside the Games reported.",
     "Das Rennen wurde auf März verschoben, berichtete Inside the Games."),
])
def test_bodies_names_cited_as_bodies_and_kept_names_are_left_alone(tgt, source, text):
    assert named(text, tgt, source) == []


# --------------------------------------------------------------------------- swaps without a source

def test_one_shared_word_with_nothing_tying_the_others_is_no_swap():
    from evalkit.detectors.names import swap_variant

    # 'British' is all it shares with British Broadcasting Corporation: no synonym, no initial
    assert swap_variant(["British", "Medical", "Diary"], ["en", "es"], slot=True) is None
    # a synonym for the other word still reads as a swap
    found = swap_variant(["Financial", "Instances"], ["en", "es"], slot=True)
    assert found is not None and found.entry.name == "Financial Times"


# --------------------------------------------------------------------------- junk without a source

@pytest.mark.parametrize("tgt, line, why", [
    ("fr", "L'équipe Sciences Direct, 04/11 – 4 min de lecture", "with a duration"),
    # (a desk after an article, then a separator: the byline rule answers first since the eighteenth session)
    ("es", "Por la redacción de Salud al Día | Actualizado hace 3 horas", "byline naming a desk"),
    ("de", "Von der Wirtschaftsredaktion · aktualisiert vor 5 Stunden", "byline naming a desk"),
    ("fr", "Ce site utilise des traceurs pour mesurer son audience. Vous pouvez modifier vos choix à tout "
           "moment depuis le lien en bas de page.", "cookie notice"),
    ("es", "Para mejorar tu experiencia, este portal emplea cookies y tecnologías similares. Puedes aceptarlas o "
           "cambiar tus preferencias en cualquier momento desde tu perfil de usuario.", "cookie notice"),
])
def test_post_ages_reading_times_and_two_sentence_cookie_notices_are_junk(tgt, line, why):
    from evalkit.detectors.layout import pattern_junk

    found = pattern_junk(line, tgt, ["en"])
    assert found is not None and why in found[0]


@pytest.mark.parametrize("tgt, line", [
    # an article's sentences with durations, separators or cookies
    ("fr", "La réunion a duré 3 heures – un record pour le conseil municipal.",),
    ("es", "El tren tardó 2 horas en llegar a Sevilla, según la compañía."),
    ("fr", "La CNIL rappelle que les sites doivent obtenir le consentement des internautes avant de déposer des "
           "traceurs, et elle a sanctionné trois entreprises cette année pour ne pas l'avoir fait."),
    ("de", "Die Datenschutzbehörde hat geprüft, ob die Website Cookies ohne Einwilligung setzt; Sie können den "
           "Bericht auf der Seite der Behörde lesen, sagte der Sprecher."),
])
def test_article_sentences_with_durations_or_cookie_words_are_left_alone(tgt, line):
    from evalkit.detectors.layout import pattern_junk

    assert pattern_junk(line, tgt, ["en"]) is None


# --------------------------------------------------------------------------- a title's guard, not a body's

def test_a_bodys_first_word_swapped_is_no_title_before_a_name():
    source = "The International Triathlon Union said on Monday that the race would go ahead."
    text = "Die Weltweite Triathlon-Union teilte am Montag mit, dass das Rennen stattfinden werde."
    found = named(text, "de", source)
    assert [s for s, _ in found] == ["Weltweite Triathlon-Union"] and "in place of 'international'" in found[0][1]
    # a title before a person's name stays alone ('Richter' for Justice: a translation the tables lack)
    assert named("Richter Clarence Thomas schrieb die Begründung.", "de",
                 "Justice Clarence Thomas wrote the opinion.") == []


# --------------------------------------------------------------------------- untranslated with a source

def test_three_source_words_in_order_with_one_leaning_content_word_are_untranslated():
    source = "The region announced 200 new train stations by 2030."
    found = run_detectors(prepare_input("La région a annoncé 200 new train stations d'ici 2030.", "en", "fr",
                                        source=source), make_detectors(["untranslated"]))
    assert [(f.text, "'new' lean(s) to en" in f.evidence) for f in found] == [("new train stations", True)]
    # translated: 'train' and 'stations' alone are French words
    assert run_detectors(prepare_input("La région a annoncé 200 nouvelles gares de train d'ici 2030.", "en", "fr",
                                       source=source), make_detectors(["untranslated"])) == []


# --------------------------------------------------------------------------- omissions with a source

FLOOD_SOURCE = ("Heavy rain flooded the centre of Grenzach on Sunday.\n"
                "The mayor of Grenzach said 40 cellars were under water.\n"
                "It is the third flood in Grenzach since 2019.\n"
                "Firefighters pumped water out of the old town until the evening.\n"
                "Insurers expect claims of several million euros.\n")


def test_an_omission_is_not_dropped_for_a_name_its_neighbours_own_sources_hold():
    # 'Grenzach' is in the MT around the gap only because the sentences around it name the town too
    text = ("Starkregen hat am Sonntag das Zentrum von Grenzach überflutet.\n"
            "Der Bürgermeister von Grenzach sagte, 40 Keller stünden unter Wasser.\n"
            "Lesen Sie auch: Unwetter in Baden – so schützen Sie Ihr Haus vor Hochwasser\n"
            "Die Feuerwehr pumpte bis zum Abend Wasser aus der Altstadt.\n"
            "Versicherer rechnen mit Schäden in Millionenhöhe.\n")
    found = run_detectors(prepare_input(text, "en", "de", source=FLOOD_SOURCE), make_detectors())
    omitted = [f for f in found if f.category == "accuracy/omission"]
    assert len(omitted) == 1 and "the third flood in Grenzach since 2019" in omitted[0].suggestion


def test_a_sentence_rendered_inside_its_neighbour_is_no_omission():
    # its year is in the sentence before, which its own source does not account for
    text = ("Starkregen hat am Sonntag das Zentrum von Grenzach überflutet.\n"
            "Der Bürgermeister von Grenzach sagte, 40 Keller stünden unter Wasser – zum dritten Mal seit 2019.\n"
            "Lesen Sie auch: Unwetter in Baden – so schützen Sie Ihr Haus vor Hochwasser\n"
            "Die Feuerwehr pumpte bis zum Abend Wasser aus der Altstadt.\n"
            "Versicherer rechnen mit Schäden in Millionenhöhe.\n")
    found = run_detectors(prepare_input(text, "en", "de", source=FLOOD_SOURCE), make_detectors())
    assert not [f for f in found if f.category == "accuracy/omission"]


# --------------------------------------------------------------------------- the span of a replaced outlet

@pytest.mark.parametrize("tgt, text, span", [
    ("de", "Wie The Sovereign berichtete, wird das Museum im Mai schließen.", "The Sovereign"),
    ("fr", "Selon The Sovereign, le musée fermera en mai.", "The Sovereign"),
])
def test_a_replaced_outlet_is_flagged_with_its_english_article_not_the_sentences_first_word(tgt, text, span):
    found = named(text, tgt, "The Independent reported that the museum would close in May.")
    assert [s for s, _ in found] == [span] and "names 'The Independent'" in found[0][1]


# --------------------------------------------------------------------------- a quotation and its translation

@pytest.mark.parametrize("tgt, text", [
    ("fr", "Le magazine a décrit le musée comme « a museum in crisis », un musée en crise."),
    ("de", "Das Magazin nannte das Museum „a museum in crisis“ – ein Museum in der Krise."),
])
def test_a_quotation_followed_by_its_translation_is_quoted_on_purpose(tgt, text):
    assert run_detectors(prepare_input(text, "en", tgt), make_detectors(["untranslated"])) == []


@pytest.mark.parametrize("tgt, source, text, span", [
    # a speech tag after the quotation is no translation of it
    ("fr", 'The magazine described the museum as "a museum caught in deep crisis", he wrote.',
     "Le magazine a décrit le musée comme « a museum caught in deep crisis », a-t-il écrit.",
     "a museum caught in deep crisis"),
    # nor is the rest of the sentence
    ("fr", 'The minister promised "a brighter future for everyone here" to the deputies.',
     "Le ministre a promis « a brighter future for everyone here », devant les députés.",
     "a brighter future for everyone here"),
])
def test_a_quotation_followed_by_other_words_is_still_untranslated(tgt, source, text, span):
    found = run_detectors(prepare_input(text, "en", tgt, source=source), make_detectors(["untranslated"]))
    assert [f.text for f in found] == [span]


# --------------------------------------------------------------------------- more generator chatter

@pytest.mark.parametrize("line, why", [
    ("As you requested, every paragraph has been reworded so that it passes plagiarism checkers.",
     "generator's voice"),
    ("Anmerkung des Assistenten: Der Beitrag wurde umformuliert, damit Suchmaschinen ihn nicht als Kopie erkennen.",
     "a note on how the text was made"),
    # a keyword quoted after the order's object does not make the order a quotation
    ("Formuliere den folgenden Text in eigenen Worten um und baue das Keyword „Hitzewelle Tipps“ zweimal ein.",
     "an instruction about the text"),
])
def test_requested_rewordings_assistant_notes_and_orders_with_a_quoted_keyword_are_chatter(line, why):
    spans = chatter_spans(line)
    assert [(a, b) for a, b, _ in spans] == [(0, len(line))] and why in spans[0][2]


@pytest.mark.parametrize("line", [
    "Schreibe den Text „Heimat“ neu, sagte der Regisseur zu den Schülern.",   # the quotation within the order
    "Hinweis: Der Artikel wurde am Montag um 14 Uhr aktualisiert.",           # an update, not a rewriting
    "Wie gewünscht wurde die Straße am Montag für den Verkehr gesperrt.",     # 'as requested' alone
])
def test_quoted_orders_editorial_notes_and_requests_in_the_news_are_left_alone(line):
    assert chatter_spans(line) == []


# --------------------------------------------------------------------------- one-word outlets with a source

@pytest.mark.parametrize("tgt, text, span", [
    ("ru", "Посетители выстраивались в очередь с раннего утра, сообщает «Наблюдатель».", "Наблюдатель"),
    ("fr", "Les visiteurs ont fait la queue dès le matin, a rapporté l'Observateur.", "Observateur"),
])
def test_a_one_word_outlet_translated_is_flagged_with_the_source(tgt, text, span):
    found = named(text, tgt, "Visitors queued from early morning, the Observer reported.")
    assert [s for s, _ in found] == [span] and "its name translated word by word" in found[0][1]


@pytest.mark.parametrize("text", [
    "Посетители выстраивались в очередь с раннего утра, сообщает «Обсервер».",     # transliterated
    "Посетители выстраивались в очередь с раннего утра, сообщает The Observer.",   # kept
])
def test_a_one_word_outlet_kept_or_transliterated_is_left_alone(text):
    assert named(text, "ru", "Visitors queued from early morning, the Observer reported.") == []


def test_an_unlisted_outlet_cited_as_the_press_with_another_english_title_in_its_place_is_flagged():
    source = "The towers were approved on Monday, The Local reported."
    found = named("Die Türme wurden am Montag genehmigt, berichtete The Native.", "de", source)
    assert [s for s, _ in found] == ["The Native"] and "cites 'The Native' in its place" in found[0][1]


@pytest.mark.parametrize("source, text", [
    # the name kept
    ("The towers were approved on Monday, The Local reported.", "Die Türme wurden am Montag genehmigt, berichtete The Local."),
    # the other English title is one the source has
    ("The towers were approved on Monday, The Local reported, citing The Times.",
     "Die Türme wurden am Montag genehmigt, berichtete The Local unter Berufung auf The Times."),
    # nothing in the source is cited as the press
    ("The towers were approved on Monday, the council said.", "Die Türme wurden am Montag genehmigt, berichtete The Native."),
])
def test_kept_titles_titles_the_source_has_and_uncited_names_are_left_alone(source, text):
    assert named(text, "de", source) == []


# --------------------------------------------------------------------------- one-word outlets without a source

def unsourced(text: str, tgt: str) -> list[tuple[str, str | None]]:
    from evalkit.detectors.names import NAMED_ENTITY, NamesDetector

    return [(f.text, f.suggestion) for f in NamesDetector().detect(prepare_input(text, "en", tgt))
            if f.category == NAMED_ENTITY]


@pytest.mark.parametrize("tgt, text", [
    ("es", "Según informó The Brink, el juez falló a favor de la empresa."),
    ("ru", "Сумма штрафов выросла вдвое, сообщает The Brink."),
])
def test_the_and_a_wordnet_relative_of_a_one_word_outlet_where_a_source_is_cited_is_a_swap(tgt, text):
    assert unsourced(text, tgt) == [("The Brink", "The Verge")]


@pytest.mark.parametrize("tgt, text", [
    ("es", "Según informó The Verge, el juez falló a favor de la empresa."),   # the outlet itself
    ("fr", "Selon The Record, le juge a tranché en faveur de l'entreprise."),  # related to no one outlet
    ("fr", "Le film The Brink sort mardi dans les salles françaises."),        # no news source cited
    ("fr", "The Brink a rapporté que le juge avait tranché."),                 # a sentence's first words
])
def test_outlets_unrelated_titles_and_titles_outside_a_citation_are_left_alone(tgt, text):
    assert unsourced(text, tgt) == []


# --------------------------------------------------------------------------- an unpaired rendering with nothing shared

FLOOD_WALL_SOURCE = ("Dresden's city council approved a new flood wall on Tuesday.\n"
                     "The vote passed by 41 to 20 after a long debate.\n"
                     "The old wall, built in 1974, will be torn down in spring.\n"
                     "The Saxon State Office for Flood Protection had warned that the river could rise faster than "
                     "before.\n"
                     "Opponents want to collect 12,000 signatures against the plan.\n"
                     "Work could begin in 2026.\n")


def test_a_sentence_whose_words_the_mt_translates_is_paired_and_the_omission_beside_it_stays():
    # German translates the body's name ('State Office' -> 'Staatsbüro'): no name, number or cognate is shared,
    # so the aligner leaves the pair apart; the sentence before it is really omitted, an ad at its place
    text = ("Der Dresdner Stadtrat hat am Dienstag eine neue Hochwassermauer gebilligt.\n"
            "Die Abstimmung endete nach langer Debatte mit 41 zu 20 Stimmen.\n"
            "ANZEIGE · Jetzt Hausratversicherung vergleichen und bis zu 30 % sparen\n"
            "Das Sächsische Staatsbüro für Flutabwehr hatte gewarnt, der Fluss könne schneller steigen als früher.\n"
            "Gegner wollen 12.000 Unterschriften gegen den Plan sammeln.\n"
            "Die Arbeiten könnten 2026 beginnen.\n")
    doc = prepare_input(text, "en", "de", source=FLOOD_WALL_SOURCE)
    assert any(not link.target and link.source == (3,) for link in doc.alignment)   # the aligner's view
    found = [f for f in run_detectors(doc, make_detectors()) if f.category in ("accuracy/omission", "accuracy/addition")]
    assert [(f.category, f.text) for f in found] == [("accuracy/omission", "Stimmen.")]
    assert "The old wall" in found[0].suggestion



# --------------------------------------------------------------------------- a short cut last sentence

RU_ARTICLE = ("Музей открыл новую выставку\n"
              "Музей открыл новую выставку к своему юбилею в субботу.\n"
              "В первый день её посетили более 5000 человек из разных городов.\n"
              "Билеты на выставку продаются только онлайн на сайте музея.\n")


@pytest.mark.parametrize("tail, span", [
    ("Выставка продлится до\nКомментарии (3) · Войдите, чтобы оставить комментарий\n", "продлится до"),
    ("Выставка продлится до\n", "продлится до"),
])
def test_a_short_last_sentence_stopping_on_a_preposition_is_truncated(tail, span):
    found = run_detectors(prepare_input(RU_ARTICLE + tail, "en", "ru"), make_detectors())
    assert [f.text for f in found if f.category == "omission/truncation"] == [span]


@pytest.mark.parametrize("tail", ["Фото: Иван Петров\n", "Выставка продлится долго\n"])
def test_a_short_last_line_that_stops_on_a_full_word_is_not_truncated(tail):
    found = run_detectors(prepare_input(RU_ARTICLE + tail, "en", "ru"), make_detectors())
    assert not [f for f in found if f.category == "omission/truncation"]


# --------------------------------------------------------------------------- a short quotation written as a title

@pytest.mark.parametrize("tgt, text", [
    ("es", "Como integrante de los «Big Five», Italia pasa directamente a la final."),
    ("fr", "La chanteuse a interprété « Golden Hour » devant 20 000 personnes."),
])
def test_a_short_quoted_title_case_term_is_quoted_on_purpose_without_a_source(tgt, text):
    assert run_detectors(prepare_input(text, "en", tgt), make_detectors(["untranslated"])) == []


def test_a_short_quotation_is_untranslated_only_where_the_source_does_not_account_for_it():
    # without a source, quoted English words are a term or a saying the writer kept on purpose
    text = "Le ministre a promis « a brighter future », sans donner de calendrier."
    assert run_detectors(prepare_input(text, "en", "fr"), make_detectors(["untranslated"])) == []
    # with a source segment that has none of their words, they are English written into the translation
    source = "The two countries signed a 'no limits' partnership in February."
    text = "Les deux pays ont signé un partenariat « Endless Friendship » en février."
    found = run_detectors(prepare_input(text, "en", "fr", source=source), make_detectors(["untranslated"]))
    assert [f.text for f in found] == ["Endless Friendship"] and "none of its words" in found[0].evidence
    # a name the source spells otherwise is no such phrase
    source = "Patients joined the Scleroderma Lung Study in 2019."
    text = "Die Patienten nahmen 2019 an der „Skleroderma Lung Study“ teil."
    assert run_detectors(prepare_input(text, "en", "de", source=source), make_detectors(["untranslated"])) == []


# --------------------------------------------------------------------------- a name's word is no exonym

def test_a_word_of_a_name_kept_in_english_is_no_exonym_when_the_document_translates_it_elsewhere():
    text = ("Le Championnat d'Europe commence samedi à Lyon.\n"
            "L'essai a été testé pendant le Rugby Championship et le Super Rugby cette saison.\n")
    found = run_detectors(prepare_input(text, "en", "fr"), make_detectors(["untranslated"]))
    assert not [f for f in found if "Championship" in f.text]


def test_a_persons_name_in_its_english_spelling_beside_the_french_one_is_still_flagged():
    text = ("Vladimir Poutine a reçu le président chinois au Kremlin.\n"
            "Selon le porte-parole, Putin a évoqué le commerce entre les deux pays.\n")
    found = run_detectors(prepare_input(text, "en", "fr"), make_detectors(["untranslated"]))
    assert [(f.text, f.suggestion) for f in found] == [("Putin", "Poutine")]


# --------------------------------------------------------------------------- the generator asking and offering

@pytest.mark.parametrize("line, why", [
    ("Dites-moi si vous voulez que je modifie le ton.", "asking for its user's wishes"),
    ("Lass mich wissen, ob du noch etwas anders haben willst oder kürzen soll.", "asking for its user's wishes"),
    ("Дайте знать, если нужно что-то изменить в тексте.", "asking for its user's wishes"),
    ("También puedo sugerir un titular más llamativo si lo necesitas.", "offering more"),
    ("I can also write a shorter summary if needed.", "offering more"),
    ("Soll ich den Beitrag noch kürzen?", "offering more changes"),
])
def test_requests_for_feedback_and_conditional_offers_are_chatter(line, why):
    spans = chatter_spans(line)
    assert [(a, b) for a, b, _ in spans] == [(0, len(line))] and why in spans[0][2]


@pytest.mark.parametrize("line", [
    "Si quieres, puedo ganar el título este año, dijo el piloto.",             # a sports title
    "Dites-moi si vous avez vu le match hier soir, a lancé le joueur.",        # no change asked for
    "Sag mir, was sich geändert hat, forderte die Richterin den Zeugen auf.",  # 'sag mir' in a court report
])
def test_offers_and_requests_in_the_news_are_left_alone(line):
    assert chatter_spans(line) == []
