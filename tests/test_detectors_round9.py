"""Issue 15, ninth round (junk, prompts, repeats and an omission beside a prompt), each rule on text written
for this test, with the negatives beside it:

- a closing guillemet separates a menu trail's fields only where no opening one quotes a title;
- a note label ("Примечание ИИ:") before the writer saying what it cannot do is generator chatter;
- a two-sentence cookie notice whose link label is quoted (« Paramètres de confidentialité »);
- a paywall notice: the rest of the article, for subscribers only;
- a line repeated with a word or two swapped, at eight words or more (same words in the same order);
- the prose after a junk line renders the junk's sentence, not its own (one-step shift): its own is omitted.
"""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input


def _flags(mt: str, lang: str, source: str | None = None, category: str | None = None) -> list[str]:
    doc = prepare_input(mt, "en", lang, source=source)
    return [f.text for f in run_detectors(doc, make_detectors()) if category is None or f.category == category]


BOILERPLATE, PROMPT, DUP, OMISSION = ("addition/boilerplate", "addition/prompt-leak", "fluency/duplication",
                                      "accuracy/omission")


def test_a_title_quoting_two_titles_in_guillemets_is_no_menu_trail():
    mt = ("Британский фильм «Тихая гавань» обошёл «Северный ветер» в прокате\n"
          "Картина собрала за выходные 12 миллионов долларов, сообщил дистрибьютор.\n")
    assert _flags(mt, "ru", category=BOILERPLATE) == []


def test_a_menu_trail_with_closing_guillemets_is_still_one():
    mt = ("Accueil » Économie » Entreprises\n"
          "Le constructeur a annoncé lundi la fermeture de deux usines en Lorraine.\n")
    assert _flags(mt, "fr", category=BOILERPLATE) == ["Accueil » Économie » Entreprises"]


def test_a_note_saying_what_its_writer_cannot_do_is_a_prompt_leak():
    note = "Примечание ИИ: я не могу подтвердить названные сроки, их стоит уточнить у застройщика."
    mt = ("Новый мост через Каму откроют для движения в декабре, сообщили в мэрии.\n" + note + "\n"
          "Строительство обошлось городу в 9 миллиардов рублей.\n")
    assert _flags(mt, "ru", category=PROMPT) == [note]


def test_a_note_of_the_article_is_not_a_prompt_leak():
    mt = ("Новый мост через Каму откроют для движения в декабре, сообщили в мэрии.\n"
          "Примечание: движение по старому мосту сохранится до весны.\n"
          "«Я не могу назвать точную дату», — сказал мэр.\n")
    assert _flags(mt, "ru", category=PROMPT) == []


def test_a_cookie_notice_quoting_its_link_label_is_boilerplate():
    notice = ("Nous utilisons des traceurs pour mesurer l'audience et vous proposer des publicités adaptées. "
              "Vous pouvez revoir vos choix à tout moment avec le bouton « Gérer mes préférences ».")
    mt = "La mairie a voté le budget mardi soir.\n" + notice + "\nLes travaux commenceront en avril.\n"
    assert _flags(mt, "fr", category=BOILERPLATE) == [notice]


def test_an_article_quoting_someone_on_cookies_is_not_boilerplate():
    mt = ("La CNIL a sanctionné trois sites pour leurs traceurs publicitaires.\n"
          "« Vous devez pouvoir refuser vos cookies aussi simplement que les accepter », rappelle la "
          "présidente, qui vise les sites de vos marques préférées.\n")
    assert _flags(mt, "fr", category=BOILERPLATE) == []


def test_a_paywall_notice_is_boilerplate():
    mt = ("El ayuntamiento aprobó el presupuesto para el próximo año.\n"
          "Los colegios recibirán dos millones de euros más que hasta ahora.\n"
          "Continuación del reportaje disponible solo para suscriptores de El Faro Plus\n")
    assert _flags(mt, "es", category=BOILERPLATE) == [
        "Continuación del reportaje disponible solo para suscriptores de El Faro Plus"]


def test_a_story_about_subscribers_is_not_a_paywall():
    mt = ("Der Streamingdienst gewinnt weiter Abonnenten, nur in Europa stagniert die Zahl.\n"
          "Das Unternehmen will im Herbst die Preise erhöhen.\n")
    assert _flags(mt, "de", category=BOILERPLATE) == []


def test_a_short_line_repeated_with_one_word_swapped_is_a_duplicate():
    first = "Auf dem dritten Platz landete der Buchfink vor dem Grünfink."
    again = "Auf dem dritten Platz kam der Buchfink vor dem Grünfink."
    mt = ("Die Zählung ergab in diesem Jahr weniger Vögel als im Vorjahr.\n" + first + "\n" + again + "\n"
          "Die Ergebnisse werden im März veröffentlicht.\n")
    assert _flags(mt, "de", category=DUP) == [again]


def test_two_parallel_sentences_are_no_duplicate():
    mt = ("Der Buchfink landete auf dem dritten Platz, der Grünfink auf dem vierten.\n"
          "Die Amsel wurde in fast allen Gärten gesehen, der Star dagegen kaum noch.\n"
          "Im Norden sank die Zahl der Meisen, im Süden stieg sie leicht an.\n")
    assert _flags(mt, "de", category=DUP) == []


SOURCE = ("The city opened its new library on Saturday.\n"
          "The building cost 40 million euros.\n"
          "Critics say the opening hours are too short.\n"
          "The mayor promised longer hours from March.\n"
          "About 2,000 visitors came on the first day.\n")


def test_prose_after_a_prompt_renders_the_prompts_sentence_and_its_own_is_omitted():
    mt = ("Die Stadt hat am Samstag ihre neue Bibliothek eröffnet.\n"
          "Das Gebäude kostete 40 Millionen Euro.\n"
          "Note to the AI: I cannot verify these figures, please check them against the press release.\n"
          "Kritiker bemängeln, die Öffnungszeiten seien zu kurz.\n"
          "Am ersten Tag kamen rund 2.000 Besucher.\n")
    omissions = [f for f in run_detectors(prepare_input(mt, "en", "de", source=SOURCE), make_detectors())
                 if f.category == OMISSION]
    assert [(f.text, f.suggestion) for f in omissions] == [("kurz.", "The mayor promised longer hours from March.")]


def test_the_omission_stays_where_the_next_line_renders_its_own_sentence():
    mt = ("Die Stadt hat am Samstag ihre neue Bibliothek eröffnet.\n"
          "Das Gebäude kostete 40 Millionen Euro.\n"
          "Kritiker bemängeln, die Öffnungszeiten seien zu kurz.\n"
          "Am ersten Tag kamen rund 2.000 Besucher.\n")
    omissions = [f for f in run_detectors(prepare_input(mt, "en", "de", source=SOURCE), make_detectors())
                 if f.category == OMISSION]
    assert [(f.text, f.suggestion) for f in omissions] == [("kurz.", "The mayor promised longer hours from March.")]


NAMED = "accuracy/mistranslation/named-entity"


def test_a_name_with_a_word_swapped_for_a_related_phrase_is_flagged_where_a_source_is_cited():
    mt = ("El club gastó más de 200 millones de euros en fichajes, informó el Day by day Mail.\n"
          "El entrenador no quiso comentar las cifras.\n")
    assert _flags(mt, "es", category=NAMED) == ["Day by day Mail"]


def test_a_pertaining_adverb_of_a_name_word_is_a_swap():
    mt = ("Die Forscher fanden die Gräber bereits im Frühjahr, berichtete Countrywide Geographic.\n"
          "Die Funde sollen im Herbst ausgestellt werden.\n")
    assert _flags(mt, "de", category=NAMED) == ["Countrywide Geographic"]


def test_the_real_name_and_a_phrase_making_no_known_name_are_not_flagged():
    mt = ("El club gastó más de 200 millones de euros en fichajes, informó el Daily Mail.\n"
          "Día tras día, el club publicó sus cuentas, según el Every day Noticias de Vigo.\n")
    assert _flags(mt, "es", category=NAMED) == []


def test_an_outlet_cited_with_an_organisation_word_inside_its_name_is_still_an_outlet():
    source = "The bridge will cost about 3 billion dollars, Horn of Africa Lantern reported.\nWork starts in May.\n"
    mt = ("Мост обойдётся примерно в 3 миллиарда долларов, сообщил «Фонарь Африканского Рога».\n"
          "Работы начнутся в мае.\n")
    assert _flags(mt, "ru", source, NAMED) == ["Фонарь Африканского Рога"]


def test_a_body_cited_by_a_name_ending_in_an_organisation_word_is_rendered():
    source = "The bridge will cost about 3 billion dollars, the Middle East Institute reported.\nWork starts in May.\n"
    mt = ("Мост обойдётся примерно в 3 миллиарда долларов, сообщил Ближневосточный институт.\n"
          "Работы начнутся в мае.\n")
    assert _flags(mt, "ru", source, NAMED) == []


def test_the_english_words_of_a_spun_name_are_not_also_untranslated():
    mt = ("Wie der Day by day Mail berichtet, will der Verein im Sommer zwei Spieler verkaufen.\n"
          "Der Trainer äußerte sich nicht.\n")
    flags = run_detectors(prepare_input(mt, "en", "de"), make_detectors())
    assert [(f.category, f.text) for f in flags] == [(NAMED, "Day by day Mail")]


UNTRANSLATED = "accuracy/untranslated"


def test_a_pair_of_a_leaning_word_and_a_shared_one_is_untranslated_when_identified():
    mt = "Pour les dockers, charger un cargo la nuit sous la pluie ne sera jamais un office job.\n"
    assert _flags(mt, "fr", category=UNTRANSLATED) == ["office job"]


def test_a_pair_whose_shared_word_leans_to_the_target_is_not():
    mt = "Ein Bild der Anzeige ging kurz danach online viral, berichteten lokale Medien.\n"
    assert _flags(mt, "de", category=UNTRANSLATED) == []


def test_a_known_outlet_translated_in_a_sense_only_wiktionary_gives_is_flagged_where_cited():
    mt = "Wie Unternehmens-Insider berichtet, will der Konzern im Herbst 300 Stellen streichen.\n"
    assert _flags(mt, "de", category=NAMED) == ["Unternehmens-Insider"]


def test_the_same_words_not_cited_as_a_source_and_the_outlet_kept_are_not_flagged():
    mt = ("Der Konzern will im Herbst 300 Stellen streichen, schreibt Business Insider.\n"
          "Für Unternehmens-Insider ist das keine Überraschung.\n")
    assert _flags(mt, "de", category=NAMED) == []


def test_a_known_outlet_translated_into_a_german_compound_is_flagged():
    mt = "Die Dallas Morgennachrichten meldeten am Montag, das Stadion werde erweitert.\n"
    assert _flags(mt, "de", category=NAMED) == ["Dallas Morgennachrichten"]


def test_a_german_compound_naming_no_known_outlet_is_not():
    mt = "Die Dallas Abendnachrichten im Radio meldeten am Montag, das Stadion werde erweitert.\n"
    assert _flags(mt, "de", category=NAMED) == []


def test_a_one_word_outlet_written_with_the_target_languages_accent_is_translated():
    mt = "La sequía durará hasta el otoño, según El Guardián, que cita a la agencia meteorológica.\n"
    assert _flags(mt, "es", category=NAMED) == ["Guardián"]


def test_the_one_word_outlet_as_written_in_english_is_not():
    mt = ("La sequía durará hasta el otoño, según The Guardian, que cita a la agencia meteorológica.\n"
          "El guardián del faro lo confirmó.\n")
    assert _flags(mt, "es", category=NAMED) == []


def test_a_usual_form_written_inflected_is_written():
    source = "The talks on the top jobs begin later this month at a summit of the European Council.\n"
    mt = "Die Gespräche über die Spitzenposten beginnen später in diesem Monat bei einem Gipfel des Europäischen Rates.\n"
    assert _flags(mt, "de", source, NAMED) == []


def test_a_usual_form_with_a_word_swapped_is_still_flagged():
    source = "The talks on the top jobs begin later this month at a summit of the European Council.\n"
    mt = "Die Gespräche über die Spitzenposten beginnen später in diesem Monat bei einem Gipfel der Europäischen Beratung.\n"
    flags = [f for f in run_detectors(prepare_input(mt, "en", "de", source=source), make_detectors()) if f.category == NAMED]
    assert len(flags) == 1 and "European Council" in flags[0].evidence and "Europäischen" in flags[0].text


def test_a_common_verb_opening_a_line_is_no_spelling_of_an_english_place():
    mt = ("Une équipe de l'université de Reading a fouillé le site pendant l'été.\n"
          "Réagir à cet article : connectez-vous pour commenter.\n")
    assert _flags(mt, "fr", category=UNTRANSLATED) == []


def test_a_place_written_both_ways_inside_sentences_is_still_flagged():
    mt = ("La délégation est arrivée à London mardi soir.\n"
          "Elle repartira de Londres jeudi matin.\n")
    assert _flags(mt, "fr", category=UNTRANSLATED) == ["London"]


# --- from held-out 11, after its untouched run: prompts and junk


def test_a_note_addressed_to_the_model_is_a_prompt_leak():
    note = "Hinweis an das Modell: Jeden Absatz kürzen und die Zitate wörtlich übernehmen."
    mt = "Der Hafen meldete für März ein Plus von 4 Prozent.\n" + note + "\nDie Reederei will weitere Schiffe kaufen.\n"
    assert _flags(mt, "de", category=PROMPT) == [note]


def test_an_editors_note_is_not_a_prompt_leak():
    mt = ("Der Hafen meldete für März ein Plus von 4 Prozent.\n"
          "Anmerkung der Redaktion: In einer früheren Fassung war die Formulierung missverständlich.\n")
    assert _flags(mt, "de", category=PROMPT) == []


def test_a_generators_report_after_an_assent_is_a_prompt_leak():
    report = "Done: every quote is kept, only the paragraph order was changed as requested."
    mt = "Le port a enregistré une hausse de 4 % en mars.\n" + report + "\nL'armateur veut acheter deux navires.\n"
    assert _flags(mt, "fr", category=PROMPT) == [report]


def test_an_assent_before_a_comma_is_not_a_report():
    mt = ("Of course, the figures were changed in the final report, the minister said on Monday.\n"
          "The port expects more traffic next year.\n")
    flags = run_detectors(prepare_input(mt, "fr", "en"), make_detectors())   # an English article
    assert [f.text for f in flags if f.category == PROMPT] == []


def test_a_short_assent_sentence_joins_the_chatter_after_it():
    line = "Done rewriting. I can also write a shorter version for social media if needed."
    mt = "Порт в марте увеличил перевалку на 4 процента.\n" + line + "\nСудовладелец купит ещё два судна.\n"
    assert _flags(mt, "ru", category=PROMPT) == [line]


def test_a_russian_rewrite_order_with_the_object_in_the_genitive_is_a_prompt_leak():
    order = "Сделай рерайт текста, чтобы антиплагиат показал больше 90 процентов уникальности."
    mt = "Порт в марте увеличил перевалку на 4 процента.\n" + order + "\nСудовладелец купит ещё два судна.\n"
    assert _flags(mt, "ru", category=PROMPT) == [order]
    assert _flags("Эксперты раскритиковали статьи закона о портах.\n", "ru", category=PROMPT) == []


def test_a_rights_notice_closing_a_credit_is_boilerplate():
    credit = "Crédit photo : agence partenaire – tous droits réservés"
    mt = "Le port a enregistré une hausse de 4 % en mars.\n" + credit + "\nL'armateur veut acheter deux navires.\n"
    assert _flags(mt, "fr", category=BOILERPLATE) == [credit]
    assert _flags("La reproduction interdite des œuvres coûte cher aux musées.\n", "fr", category=BOILERPLATE) == []


def test_a_credit_label_of_three_words_naming_the_newsroom_is_boilerplate():
    credit = "Foto de portada: archivo de la redacción"
    mt = "El puerto registró un alza del 4 % en marzo.\n" + credit + "\nLa naviera comprará dos buques.\n"
    assert _flags(mt, "es", category=BOILERPLATE) == [credit]
    caption = "El puerto registró un alza del 4 % en marzo.\nFoto de portada: el alcalde inaugura el nuevo muelle.\n"
    assert _flags(caption, "es", category=BOILERPLATE) == []


def test_a_recommendation_before_an_arrow_and_a_headline_is_a_teaser():
    teaser = "Te recomendamos ➜ Cinco rutas en barco para este verano"
    mt = "El puerto registró un alza del 4 % en marzo.\n" + teaser + "\nLa naviera comprará dos buques.\n"
    assert _flags(mt, "es", category=BOILERPLATE) == [teaser]
    said = "El puerto registró un alza del 4 % en marzo.\nTe recomendamos que viajes en barco, dijo la ministra.\n"
    assert _flags(said, "es", category=BOILERPLATE) == []


def test_an_email_sign_up_without_a_newsletter_word_is_boilerplate():
    sign_up = "Обзор портовой отрасли — на вашу почту: оставьте адрес, чтобы получать выпуски"
    mt = "Порт в марте увеличил перевалку на 4 процента.\n" + sign_up + "\nСудовладелец купит ещё два судна.\n"
    assert _flags(mt, "ru", category=BOILERPLATE) == [sign_up]
    warning = "Le port a enregistré une hausse.\nVérifiez votre boîte mail : les fraudeurs imitent les banques, prévient la police.\n"
    assert _flags(warning, "fr", category=BOILERPLATE) == []


# --- names, from held-out 11 after its untouched run


def test_an_outlet_cited_for_an_analysis_and_translated_into_a_compound_is_flagged():
    source = ("Freight rates fell by a third in March.\n"
              "An analysis in Adriatic Shipping News called the drop the steepest since 2016.\n")
    mt = ("Die Frachtraten fielen im März um ein Drittel.\n"
          "Eine Analyse in den Adriatischen Schifffahrtsnachrichten nannte den Rückgang den stärksten seit 2016.\n")
    assert _flags(mt, "de", source, NAMED) == ["Adriatischen Schifffahrtsnachrichten"]


def test_the_outlet_cited_for_an_analysis_and_kept_is_not():
    source = ("Freight rates fell by a third in March.\n"
              "An analysis in Adriatic Shipping News called the drop the steepest since 2016.\n")
    mt = ("Die Frachtraten fielen im März um ein Drittel.\n"
          "Eine Analyse in Adriatic Shipping News nannte den Rückgang den stärksten seit 2016.\n")
    assert _flags(mt, "de", source, NAMED) == []


def test_a_known_outlet_translated_across_a_connector_and_an_article_is_flagged():
    mt = "Un editorial de El Monitor de la Ciencia Cristiana critica la gestión del agua en la capital.\n"
    assert _flags(mt, "es", category=NAMED) == ["Monitor de la Ciencia Cristiana"]


def test_a_german_paper_two_of_whose_words_translate_an_outlet_loosely_is_not_flagged():
    mt = "Die Zeitung der Arbeit berichtete am Montag über den Streik im Hafen.\n"
    assert _flags(mt, "de", category=NAMED) == []


LIBRARY = ("The city opened its new library on Saturday.\nThe building cost 40 million euros.\n"
           "About 2,000 visitors came on the first day.\n")


def test_a_sentence_with_no_source_counterpart_speaking_of_a_rewriting_is_a_prompt_leak():
    added = "Alle Absätze wurden für die Suchmaschine umgeschrieben und deutlich gekürzt."
    mt = ("Die Stadt hat am Samstag ihre neue Bibliothek eröffnet.\nDas Gebäude kostete 40 Millionen Euro.\n"
          + added + "\nAm ersten Tag kamen rund 2.000 Besucher.\n")
    flags = run_detectors(prepare_input(mt, "en", "de", source=LIBRARY), make_detectors())
    assert [(f.category, f.text) for f in flags] == [(PROMPT, added)]


def test_a_sentence_with_no_source_counterpart_naming_only_content_stays_an_addition():
    added = "Der Bau wurde von einem Architekturbüro aus Zürich geplant und gilt als sehr modern."
    mt = ("Die Stadt hat am Samstag ihre neue Bibliothek eröffnet.\nDas Gebäude kostete 40 Millionen Euro.\n"
          + added + "\nAm ersten Tag kamen rund 2.000 Besucher.\n")
    flags = run_detectors(prepare_input(mt, "en", "de", source=LIBRARY), make_detectors())
    assert [(f.category, f.text) for f in flags] == [("accuracy/addition", added)]
