"""Tests for the structure detector (texts written for the tests, not taken from the corpus)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.base import DetectionInput, prepare_input
from evalkit.detectors.numbers import extract_numbers
from evalkit.detectors.structure import StructureDetector


def make(hyp: str, src: str | None = None, tgt: str = "fr", src_lang: str = "en") -> DetectionInput:
    return prepare_input(hyp, src_lang, tgt, source=src)


def detect(doc: DetectionInput) -> list:
    flags = StructureDetector().detect(doc)
    for f in flags:
        assert f.text == doc.hypothesis[f.start:f.end]
        assert 0.0 <= f.confidence <= 1.0 and f.evidence
    return flags


def found(flags: list, category: str) -> list[str]:
    return [f.text for f in flags if f.category == category]


SOURCE = ("Lyon opens a new footbridge\n\n"
          "The mayor of Lyon, Pierre Martin, opened a footbridge over the Saône on Monday.\n\n"
          "The works took 24 months and cost 12 million euros, according to the city.\n\n"
          "The bridge is 180 metres long and 6 metres wide.\n\n"
          "About 8,000 pedestrians are expected to cross it every day.\n\n"
          "Residents praised the design, although some complained about the noise from the Quai Saint-Vincent.\n")
LINES = ["Lyon inaugure une nouvelle passerelle",
         "Le maire de Lyon, Pierre Martin, a inauguré lundi une passerelle sur la Saône.",
         "Les travaux ont duré 24 mois et ont coûté 12 millions d’euros, selon la ville.",
         "La passerelle mesure 180 mètres de long et 6 mètres de large.",
         "Environ 8 000 piétons devraient la traverser chaque jour.",
         "Les riverains ont salué l’ouvrage, même si certains se plaignent du bruit sur le quai Saint-Vincent."]


def page(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def test_a_faithful_translation_gets_no_flag() -> None:
    assert detect(make(page(LINES), SOURCE)) == []
    assert detect(make(page(LINES))) == []


def test_duplicated_line_flags_the_later_copy_despite_apostrophes_and_case() -> None:
    copy = "Les travaux ont duré 24 mois et ont coûté 12 millions d'euros, selon la ville."
    hyp = page(LINES[:4] + [copy] + LINES[4:])
    flags = detect(make(hyp))
    assert [(f.text, f.severity, f.suggestion) for f in flags] == [(copy, "major", "")]
    assert flags[0].start == hyp.rindex(copy)
    assert found(detect(make(hyp, SOURCE)), "fluency/duplication") == [copy]


def test_duplicated_sentence_inside_a_paragraph() -> None:
    paragraph = ("La passerelle mesure 180 mètres de long et 6 mètres de large. Elle est éclairée "
                 "la nuit. La passerelle mesure 180 mètres de long et 6 mètres de large.")
    hyp = page([*LINES[:3], paragraph])
    assert found(detect(make(hyp)), "fluency/duplication") == [
        "La passerelle mesure 180 mètres de long et 6 mètres de large."]
    # The copy is the second occurrence, not the first.
    flag = detect(make(hyp))[0]
    assert flag.start == hyp.rindex("La passerelle mesure")


def test_short_repeated_phrases_are_not_duplicates() -> None:
    hyp = page(["Photo : AFP", LINES[1], "Photo : AFP", LINES[2], "Selon la mairie.", LINES[3], "Selon la mairie."])
    assert detect(make(hyp)) == []


def test_repeated_name_and_word_inside_a_sentence_are_minor() -> None:
    sentence = ("Le porte-parole de la mairie, Paul Durand, a déclaré Paul Durand à la presse que "
                "le le chantier était terminé.")
    hyp = page([*LINES[:2], sentence])
    flags = detect(make(hyp))
    assert [(f.text, f.severity) for f in flags] == [("Paul Durand", "minor"), ("le", "minor")]
    assert detect(make(page(["Nous nous sommes rendus sur place avec Paul Durand et Marie Leroy."]))) == []


def test_truncated_article_before_the_comment_form() -> None:
    hyp = page(LINES[:5] + ["Les riverains ont salué l’ouvrage. Certains se plaignent pourtant du bruit sur le",
                            "Laisser un commentaire",
                            "Votre adresse e-mail ne sera pas publiée."])
    flags = detect(make(hyp))
    assert [(f.text, f.category, f.severity) for f in flags] == [("sur le", "omission/truncation", "major")]


def test_a_finished_article_is_not_truncated() -> None:
    hyp = page(LINES + ["Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée."])
    assert detect(make(hyp)) == []
    # A closing caption or credit without a full stop is not an unfinished sentence either.
    assert detect(make(page(LINES + ["Avec l’AFP et Reuters"]))) == []


def test_truncation_seen_against_the_source() -> None:
    hyp = page(LINES[:5] + ["Les riverains ont salué l’ouvrage malgré le bruit"])
    flags = detect(make(hyp, SOURCE))
    assert found(flags, "omission/truncation") == ["le bruit"]
    assert flags[0].confidence == 0.75 and "characters for a" in flags[0].evidence


def test_an_unpunctuated_last_sentence_where_every_other_one_is_punctuated_is_truncated() -> None:
    # without the source the evidence is weaker (0.6): the four other sentence lines of the article
    # (the headline aside) end with a full stop, the last one with nothing
    flags = detect(make(page(LINES[:5] + ["Les riverains ont salué l’ouvrage malgré le bruit"])))
    assert [(f.text, f.confidence) for f in flags] == [("le bruit", 0.6)]
    assert "its other 4 sentence lines all end with it" in flags[0].evidence
    # an article written without full stops gives no such evidence, and a four-word credit is no sentence
    unpunctuated = [line.rstrip(".") for line in LINES[:5]]
    assert detect(make(page(unpunctuated + ["Les riverains ont salué l’ouvrage malgré le bruit"]))) == []
    assert detect(make(page(LINES + ["Avec l’AFP et Reuters"]))) == []


def test_omitted_sentence_is_anchored_in_the_mt() -> None:
    hyp = page(LINES[:3] + LINES[4:])
    flags = detect(make(hyp, SOURCE))
    omissions = [f for f in flags if f.category == "accuracy/omission"]
    assert len(omissions) == 1
    assert omissions[0].text == "ville."
    assert "180 metres" in omissions[0].suggestion
    assert found(detect(make(hyp)), "accuracy/omission") == []


def test_added_sentence_is_an_addition() -> None:
    extra = "Le préfet du Rhône était également présent lors de la cérémonie officielle."
    hyp = page(LINES[:3] + [extra] + LINES[3:])
    flags = detect(make(hyp, SOURCE))
    assert [(f.text, f.category) for f in flags] == [(extra, "accuracy/addition")]
    assert detect(make(hyp)) == []


def test_number_mismatch_against_the_source() -> None:
    lines = list(LINES)
    lines[2] = "Les travaux ont duré 24 mois et ont coûté 15 millions d’euros, selon la ville."
    flags = detect(make(page(lines), SOURCE))
    assert [(f.text, f.category, f.suggestion) for f in flags] == [
        ("15", "accuracy/mistranslation/number", "12")]
    assert detect(make(page(lines))) == []


def test_number_formats_that_agree() -> None:
    src = "It lasted from 4:07 p.m. to 5:21 p.m. and drew 5,000 people, up 3.5% on last year."
    assert [v for _, v in extract_numbers(src, "en")] == [
        frozenset({"t16:07"}), frozenset({"t17:21"}), frozenset({"5000"}), frozenset({"3.5"})]
    hyp = "Il a duré de 16h07 à 17h21 et a attiré 5 000 personnes, soit 3,5 % de plus que l’an dernier."
    assert [v for _, v in extract_numbers(hyp, "fr")] == [
        frozenset({"t16:07"}), frozenset({"t17:21"}), frozenset({"5000"}), frozenset({"3.5"})]
    assert extract_numbers("5.000 Menschen", "de") == [("5.000", frozenset({"5000"}))]


def test_number_agreement_across_conventions_in_a_document() -> None:
    lines = list(LINES)
    lines[2] = "Les travaux ont duré 24 mois, de 2021-2022, et ont coûté 12 millions d’euros, selon la ville."
    src = SOURCE.replace("took 24 months", "took 24 months, in 2021-22,")
    assert found(detect(make(page(lines), src)), "accuracy/mistranslation/number") == []


def test_unaligned_junk_is_not_an_addition() -> None:
    hyp = page(LINES[:3] + ["[ad_1]", "Les meilleures offres de la semaine chez nos partenaires"] + LINES[3:])
    assert detect(make(hyp, SOURCE)) == []


def test_dropped_surname_of_a_source_name() -> None:
    lines = list(LINES)
    lines[1] = "Le maire de Lyon, Pierre, a inauguré lundi une passerelle sur la Saône."
    flags = detect(make(page(lines), SOURCE))
    assert [(f.text, f.category, f.severity, f.suggestion) for f in flags] == [
        ("Pierre", "accuracy/omission", "minor", " Martin")]


def test_sentence_broken_by_stray_punctuation_where_the_source_runs_on() -> None:
    src = ("The agreement was signed in the capital by both delegations on Friday.\n\n"
           "It ends a dispute that lasted eleven years.\n")
    hyp = ("L’accord a été signé dans la capitale. . par les deux délégations vendredi.\n\n"
           "Il met fin à un différend qui durait depuis onze ans.\n")
    flags = [f for f in detect(make(hyp, src)) if f.category == "accuracy/omission"]
    assert [(f.text, f.severity) for f in flags] == [("capitale", "minor")]
    assert "'. .'" in flags[0].evidence
    assert found(detect(make(hyp)), "accuracy/omission") == []   # the source is needed


def test_no_omission_for_ellipses_abbreviations_or_a_source_broken_alike() -> None:
    src = ("He hesitated, then he signed the agreement in the capital.\n\n"
           "The talks lasted about 30 min. , then resumed.\n")
    hyp = ("Il a hésité... puis il a signé l’accord dans la capitale.\n\n"
           "Les pourparlers ont duré env. 30 min. , puis ont repris.\n")
    assert found(detect(make(hyp, src)), "accuracy/omission") == []
    # the same stray marks in the source: the MT copies them, nothing was lost
    src2 = "The agreement was signed in the capital. . by both delegations on Friday.\n"
    hyp2 = "L’accord a été signé dans la capitale. . par les deux délégations vendredi.\n"
    assert found(detect(make(hyp2, src2)), "accuracy/omission") == []
    # commas alone are punctuation damage, not a broken sentence
    hyp3 = "L’accord a été signé dans la capitale, , par les deux délégations vendredi.\n"
    assert found(detect(make(hyp3, src2.replace(". .", ""))), "accuracy/omission") == []


def test_a_complete_translation_raises_no_omission() -> None:
    src = ("The mayor, who took office in 2019, opened the new library on Monday. "
           "It holds 40,000 books and a reading room for children.\n")
    hyp = ("Le maire, en poste depuis 2019, a inauguré lundi la nouvelle bibliothèque. "
           "Elle compte 40 000 livres et une salle de lecture pour les enfants.\n")
    assert detect(make(hyp, src)) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["fr", "en", "de", "zh", "xx"]), st.booleans())
def test_never_raises_and_spans_are_exact(text: str, lang: str, with_source: bool) -> None:
    detect(make(text, "The source says 5 things. It ends here.\n\nAnother 7 lines" if with_source else None,
                tgt=lang))


def test_near_duplicate_lines_found_through_their_rarest_words():
    from evalkit.detectors.structure import _NearIndex

    base = "le gouvernement veut soutenir les petites entreprises face à la hausse des prix"
    other = "une phrase tout à fait différente de la première, vraiment"
    index = _NearIndex([base, base + "x", base.replace("prix", "prie"), other] * 100)   # the indexed way
    assert not index._small
    index.add(base, 0)
    index.add(base + "x", 1)
    assert index.find(base.replace("prix", "prie")) == 0
    assert index.find(other) is None
    assert index.find("trop court") is None   # under 40 characters: never a near repeat
    small = _NearIndex([base, other])   # a short document: every earlier line of about the length
    assert small._small
    small.add(base, 0)
    assert small.find(base.replace("prix", "prie")) == 0 and small.find(other) is None


def test_near_duplicate_index_is_capped_on_a_page_repeating_a_sentence_with_a_counter():
    from evalkit.detectors.structure import _NearIndex

    sentence = "le gouvernement veut soutenir les petites entreprises face à la hausse des prix"
    keys = [f"{sentence} numéro {k:06d} de la série" for k in range(500)]
    index = _NearIndex(keys)
    for k, key in enumerate(keys):
        index.add(key, k)
    assert max(map(len, index._by_word.values())) == _NearIndex.POSTINGS


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Vladimir Putin", "Joe Biden", "Xi Jinping", "the mayor", "Anna Kowalczyk"]),
                          st.sampled_from(["Vladimir", "Joe", "Xi", "le maire", "Anna", "Poutine"])),
                min_size=1, max_size=6))
def test_links_passed_over_by_dropped_name_parts_would_give_no_flag(pairs):
    import re

    import pytest

    from evalkit.detectors import structure

    # a name may run over two segments of one link (a segment that ends on "Vladimir")
    source = "\n\n".join(f"On Monday {s} met the press in the city." if k % 3 else f"Then {s}"
                         for k, (s, _) in enumerate(pairs))
    mt = "\n\n".join(f"Lundi, un {t} souriant a rencontré la presse en ville." for _, t in pairs)
    doc = prepare_input(mt, "en", "fr", source=source)
    fast = StructureDetector().detect(doc)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(structure, "_FIRST_NAME_WORD", re.compile(""))   # every link looked at
        assert StructureDetector().detect(doc) == fast


def test_dropped_name_part_across_two_source_segments_of_one_link():
    import re

    import pytest

    from evalkit.alignment.aligner import Link
    from evalkit.detectors import structure
    from evalkit.segment import Segment

    source = "Then came Vladimir\nPutin smiled at the press in the city."
    mt = "Ensuite un Vladimir souriant est venu voir la foule en ville."
    src = [Segment(0, 18, source[0:18], "line"), Segment(19, len(source), source[19:])]
    hyp = [Segment(0, len(mt), mt)]
    doc = DetectionInput(hypothesis=mt, src_lang="en", tgt_lang="fr", source=source, hypothesis_segments=hyp,
                         source_segments=src, alignment=[Link((0, 1), (0,), 0.0)])
    flags = [f for f in StructureDetector().detect(doc) if f.category == "accuracy/omission"]
    assert [f.text for f in flags] == ["Vladimir"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(structure, "_FIRST_NAME_WORD", re.compile(""))
        assert [f for f in StructureDetector().detect(doc) if f.category == "accuracy/omission"] == flags


# ---- omissions where junk sits at the same place

def test_an_omission_beside_a_cookie_notice_is_found_and_the_notice_is_no_addition() -> None:
    src = SOURCE
    lines = LINES[:3] + ["Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten."] + LINES[4:]
    flags = detect(make("\n\n".join(lines) + "\n", src))
    omissions = [f for f in flags if f.category == "accuracy/omission"]
    assert len(omissions) == 1 and "180 metres" in omissions[0].suggestion
    assert found(flags, "accuracy/addition") == []


def test_a_missing_sentence_is_not_excused_by_digits_of_other_numbers() -> None:
    # "4.2" is missing; its digits 4 and 2 appear in the neighbours' "2,9 %" and "4,3 %": no evidence
    src = ("Prices rose again in October.\n\n"
           "Headline inflation fell to 2.9% in October, down from 4.3% in September.\n\n"
           "Core inflation, which excludes energy and food, dropped to 4.2%, its lowest level in a year.\n\n"
           "The bank said it remains cautious about the months ahead.\n")
    hyp = ("Les prix ont encore augmenté en octobre.\n\n"
           "L’inflation globale est tombée à 2,9 % en octobre, contre 4,3 % en septembre.\n\n"
           "La banque a déclaré rester prudente pour les mois à venir.\n")
    omissions = [f for f in detect(make(hyp, src)) if f.category == "accuracy/omission"]
    assert len(omissions) == 1 and omissions[0].suggestion.startswith("Core inflation")


def test_a_sentence_rendered_elsewhere_with_its_number_is_not_an_omission() -> None:
    from evalkit.detectors.structure import _anchors

    assert _anchors("It dropped to 4.2%.", "en") & _anchors("Elle a reculé à 4,2 %.", "fr") == {"#4.2"}
    assert not _anchors("It dropped to 4.2%.", "en") & _anchors("2,9 % contre 4,3 %", "fr")


# ---- truncation behind a byline

def test_a_byline_after_the_text_does_not_hide_its_truncation() -> None:
    hyp = ("Los sindicatos convocaron una huelga general.\n"
           "La protesta será el 9 de mayo en todo el país contra los\n"
           "Por Redacción Economía\n"
           "Deja tu comentario\n")
    assert found(detect(make(hyp, tgt="es")), "omission/truncation") == ["contra los"]


def test_a_finished_text_followed_by_a_byline_is_not_truncated() -> None:
    hyp = ("Los sindicatos convocaron una huelga general.\n"
           "La protesta será el 9 de mayo en todo el país.\n"
           "Por Redacción Economía\n"
           "Deja tu comentario\n")
    assert found(detect(make(hyp, tgt="es")), "omission/truncation") == []


def test_russian_text_stopping_on_a_preposition_is_truncated() -> None:
    hyp = ("Снегопад парализовал движение в столице.\n"
           "Предыдущий рекорд для начала декабря был установлен в\n")
    assert found(detect(make(hyp, tgt="ru")), "omission/truncation") == ["установлен в"]


def test_a_sentence_paired_with_a_copy_of_the_next_rendering_is_an_omission() -> None:
    # The MT repeats the next sentence where the 8,000-pedestrians sentence was, after an ad label.
    lines = LINES[:4] + ["Publicité", LINES[5], LINES[5]]
    flags = detect(make("\n\n".join(lines) + "\n", SOURCE))
    omissions = [f for f in flags if f.category == "accuracy/omission"]
    assert len(omissions) == 1 and "8,000 pedestrians" in omissions[0].suggestion
    assert omissions[0].text == "large."   # anchored on the article text before the ad label
    assert len(found(flags, "fluency/duplication")) == 1


def test_a_name_part_inside_a_rendered_name_is_not_a_dropped_part() -> None:
    src = "The Washington Post said the talks had failed.\n"
    hyp = "El Correo de Washington dijo que las conversaciones habían fracasado.\n"
    assert found(detect(make(hyp, src, tgt="es")), "accuracy/omission") == []


def test_a_four_character_decimal_starting_like_a_year_is_a_number_not_a_year():
    # "20.1%" once raised ValueError (int(".1")): the year shorthand applies to four digits only
    from evalkit.detectors.numbers import extract_numbers

    values = dict(extract_numbers("Unemployment rose to 20.1% in 2021.", "en"))
    assert values["20.1"] == frozenset({"20.1"})
    assert "21" in values["2021"]


# A council story and German renderings of it (written for these tests): the third sentence is
# omitted, and a junk line or an unrelated sentence sits where it was.
COUNCIL = ("The city council of Springfield approved a new budget on Tuesday evening.\n"
           "The plan sets aside 12 million euros for the repair of old school buildings.\n"
           "Critics say the money will not be enough to fix the roofs before winter.\n"
           "The mayor, Helen Brandt, defended the decision in a short speech.\n"
           "She said the council would review the figures again in the spring.\n")
RAT = ["Der Stadtrat von Springfield hat am Dienstagabend einen neuen Haushalt beschlossen.",
       "Der Plan sieht 12 Millionen Euro für die Sanierung alter Schulgebäude vor.",
       "Die Bürgermeisterin Helen Brandt verteidigte die Entscheidung in einer kurzen Rede.",
       "Sie sagte, der Rat werde die Zahlen im Frühjahr erneut prüfen."]


def test_an_omission_is_found_where_a_junk_line_sits_in_its_place():
    # the junk line is as long as the missing sentence, so the aligner pairs them by length; the
    # junk rules know the line (a cookie notice, a share bar), so the sentence is unrendered
    for junk in ("Diese Seite nutzt Cookies, um Ihnen das beste Erlebnis zu bieten. Mehr erfahren",
                 "Facebook Twitter WhatsApp E-Mail"):
        hyp = "\n".join([*RAT[:2], junk, *RAT[2:]]) + "\n"
        flags = detect(make(hyp, COUNCIL, tgt="de"))
        assert found(flags, "accuracy/omission") == ["vor."], junk
        assert "Critics say the money" in flags[0].evidence


def test_an_omission_and_an_unrelated_sentence_in_its_place_are_both_reported():
    # no anchor is shared between the missing sentence and the inserted one: no loose rendering,
    # so neither is suppressed
    source = COUNCIL.replace("the roofs before", "the roofs of 40 schools before")
    hyp = "\n".join([*RAT[:2], "Das Wetter war an diesem Abend sonnig und ungewöhnlich warm für die Jahreszeit.",
                     *RAT[2:]]) + "\n"
    flags = detect(make(hyp, source, tgt="de"))
    assert found(flags, "accuracy/omission") == ["vor."]
    assert found(flags, "accuracy/addition") == ["Das Wetter war an diesem Abend sonnig und ungewöhnlich warm für "
                                                 "die Jahreszeit."]


def test_a_loose_rendering_the_aligner_left_unpaired_is_neither_omission_nor_addition():
    # the unpaired MT sentence keeps the missing sentence's number: a loose rendering, not a gap
    source = COUNCIL.replace("the roofs before", "the roofs of 40 schools before")
    hyp = "\n".join([*RAT[:2], "Laut Kritikern reicht es für 40 Schulen nicht.", *RAT[2:]]) + "\n"
    flags = detect(make(hyp, source, tgt="de"))
    assert found(flags, "accuracy/omission") == [] and found(flags, "accuracy/addition") == []


def test_a_german_closing_quote_after_the_full_stop_ends_the_article():
    hyp = ("Der Minister sprach am Montag vor dem Parlament.\n"
           "„Wir haben alles getan, was wir konnten“, sagte er. „Mehr war nicht möglich.“\n")
    assert found(detect(make(hyp, tgt="de")), "omission/truncation") == []


def test_a_sentence_merged_into_its_neighbours_rendering_with_its_content_lost_is_an_omission():
    # "Silicon Saxony said the region remained attractive" survives only as a name tacked onto the
    # previous sentence: the 2-1 link's German side is far shorter than its two English sentences
    source = ("Intel has postponed its chip factory in Magdeburg by up to two years.\n"
              "Otto von Guericke University had planned new courses in chip design for the future staff.\n"
              "Trade association Silicon Saxony said the region remained attractive for investors.\n"
              "The site on the edge of Magdeburg covers 380 hectares.\n")
    hyp = ("Intel hat sein Chipwerk in Magdeburg um bis zu zwei Jahre verschoben.\n"
           "Die Otto-von-Guericke-Universität hatte neue Studiengänge im Chipdesign geplant, ebenso wie "
           "Silicon Saxony.\n"
           "Das Gelände am Rand von Magdeburg umfasst 380 Hektar.\n")
    flags = detect(make(hyp, source, tgt="de"))
    omissions = [f for f in flags if f.category == "accuracy/omission"]
    assert [f.text for f in omissions] == ["Saxony."]
    assert omissions[0].suggestion.startswith("Trade association Silicon Saxony")
    # the whole of both sentences rendered in one: no omission, and "Guericke" kept inside a
    # German compound is no dropped name part
    full = hyp.replace("ebenso wie Silicon Saxony.", "und der Branchenverband Silicon Saxony erklärte, die "
                                                     "Region bleibe für Investoren attraktiv.")
    assert [f for f in detect(make(full, source, tgt="de")) if f.category == "accuracy/omission"] == []


def test_a_sentence_paired_with_a_leaked_prompt_goes_with_the_unpaired_rendering_next_to_it():
    # length paired "A final vote is planned ..." with the prompt and left its rendering unpaired just after it
    # (the layout detector read past that); since the thirtieth session the aligner moves the sentence to the
    # rendering it shares words with (aligner._closer_renderings): the prompt renders nothing
    source = COUNCIL + "A final vote is planned for July, news agency dpa reported.\n"
    hyp = "\n".join([*RAT[:2], "Kritiker sagen, das Geld reiche nicht, um die Dächer vor dem Winter zu reparieren.",
                     *RAT[2:], "Schreibe diesen Artikel um, damit er nicht als Plagiat erkannt wird.",
                     "Eine endgültige Abstimmung ist für Juli geplant, meldete die Nachrichtenagentur dpa."]) + "\n"
    doc = make(hyp, source, tgt="de")
    links = [(lk.source, lk.target) for lk in doc.alignment]
    assert ((), (5,)) in links and ((5,), (6,)) in links
    flags = detect(doc)
    assert found(flags, "accuracy/omission") == [] and found(flags, "accuracy/addition") == []


def test_a_number_converted_to_metric_units_is_no_mistranslation():
    source = "Black bears weigh 375 to 400 pounds in the autumn.\nThe park covers 12 square miles.\n"
    converted = "Schwarzbären wiegen im Herbst 170 bis 180 Kilogramm.\nDer Park umfasst 31 Quadratkilometer.\n"
    assert found(detect(make(converted, source, tgt="de")), "accuracy/mistranslation/number") == []
    # the same numbers with the source's unit, or wrong conversions, are mistranslations
    wrong = "Schwarzbären wiegen im Herbst 170 bis 180 Pfund.\nDer Park umfasst 12 Quadratmeilen.\n"
    assert found(detect(make(wrong, source, tgt="de")), "accuracy/mistranslation/number") == ["170", "180"]
    off = "Schwarzbären wiegen im Herbst 270 bis 280 Kilogramm.\nDer Park umfasst 12 Quadratmeilen.\n"
    assert found(detect(make(off, source, tgt="de")), "accuracy/mistranslation/number") == ["270", "280"]


def test_name_and_stray_break_regexes_find_what_their_leading_look_behind_forms_found():
    """structure._NAME and _STRAY_BREAK check the character before their first letter after reading it
    (so that they open on a character class): the same matches as the look-behind first."""
    import random
    import re

    from evalkit.detectors.structure import _NAME, _STRAY_BREAK

    before = {_NAME: re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[\s\u00a0]+[A-ZÀ-ÖØ-Þ][^\W\d_]+)+"),
              _STRAY_BREAK: re.compile(r"(?<![\w-])(?P<word>[a-zß-öø-ÿ][^\W\d_]{3,})(?P<punct>[ \u00a0]?[.!?,;:]"
                                       r"(?:[ \u00a0]?[.!?,;:])+)[ \u00a0]+(?=[a-zß-öø-ÿ])")}
    pieces = list("aBÉé-_1 .,;:!?\u00a0x") + ["Jean ", "Paul", "mot. . suite", "Le Monde"]
    rng = random.Random(1)
    for _ in range(10000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        i = rng.randint(0, len(text))
        for now, then in before.items():
            assert [(m.span(), m.groupdict()) for m in now.finditer(text, i)] == \
                [(m.span(), m.groupdict()) for m in then.finditer(text, i)], text
