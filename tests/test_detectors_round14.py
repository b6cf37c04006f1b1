"""Issue 15, fourteenth round. Without the source: an English name kept in a text in another language that reads
as a real newspaper's (Wikidata, evalkit/data/real_outlets.tsv) with one word swapped for a WordNet relative
that no other real paper's name holds is a spun name ("Daily Supervisor" for the Daily Monitor). Each rule on
text written for this test, with the negatives beside it; the table's build is tested in
tests/test_build_synonyms.py."""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from tests.one_line_page import MT as _MT
from tests.one_line_page import SOURCE as _SOURCE
from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source_line: str | None = None) -> list:
    return page_flags(line, lang, source_line, NAMED_ENTITY)


def test_a_real_newspaper_with_one_word_swapped_is_flagged_without_the_source():
    flags = _names("Selon le Daily Supervisor, la récolte de café a baissé d'un tiers cette année.", "fr")
    assert [f.text for f in flags] == ["Daily Supervisor"]
    assert flags[0].suggestion == "Daily Monitor"
    assert "Wikidata" in flags[0].evidence and "'supervisor'" in flags[0].evidence


def test_the_swap_is_flagged_where_no_news_source_is_cited():
    # a ranking, not "reported": the name alone is the evidence
    # (a German run of capitalised words: "In der Rangliste der" is no part of the name)
    flags = _names("In der Rangliste der Fiji Occasions liegt die Stadt auf dem dritten Platz.", "de")
    assert [f.text for f in flags] == ["Fiji Occasions"]
    assert flags[0].suggestion == "Fiji Times"


def test_the_real_name_is_no_flag():
    assert _names("Selon le Daily Monitor, la récolte de café a baissé d'un tiers cette année.", "fr") == []


def test_a_word_other_real_papers_hold_is_no_swap():
    # "Herald" names many real papers: "City Herald" may be one of them
    assert _names("Según el City Herald, la cosecha de café bajó un tercio este año.", "es") == []


def test_a_part_of_a_longer_name_is_no_swap():
    # "Daily Supervisor" inside a longer name is that name's, which is no known paper's swap
    assert _names("Selon le Westbrook Daily Supervisor, la récolte de café a baissé d'un tiers cette année.",
                  "fr") == []


def test_a_people_for_a_people_is_no_swap():
    # WordNet relates "Californian" to "American" (a kind of), but names of peoples are not a spinner's swap
    assert _names("Selon le Daily Californian, la récolte de café a baissé d'un tiers cette année.", "fr") == []


def test_an_english_text_keeps_its_names():
    doc = prepare_input("The council met on Tuesday.\nThe Daily Supervisor said the coffee harvest fell by a "
                        "third.\nThe bridge opens next spring.\n", "de", "en")
    assert [f for f in run_detectors(doc, make_detectors()) if f.category == NAMED_ENTITY] == []


def test_with_the_source_the_aligned_sentence_must_name_the_paper():
    flags = _names("Selon le Daily Supervisor, la récolte de café a baissé d'un tiers cette année.", "fr",
                   "According to the Daily Monitor, the coffee harvest fell by a third this year.")
    assert [f.text for f in flags] == ["Daily Supervisor"]
    # the source writes the same name: the MT kept it, no error of the MT's
    assert _names("Selon le Daily Supervisor, la récolte de café a baissé d'un tiers cette année.", "fr",
                  "According to the Daily Supervisor, the coffee harvest fell by a third this year.") == []


# --- with the source, a line the aligner holds by length alone (a link costing more than 0) is asked of the
# line classifier: a comment-form line paired with the last source sentence, the truncated rendering before it

_FERRY_SOURCE = ("The regional council approved the new ferry timetable on Thursday.\n"
                 "Crossings to the island will run every forty minutes from June.\n"
                 "The operator said two older vessels would be retired next year.\n"
                 "Passengers complained about long queues at the harbour last summer.\n"
                 "The council said fares would stay the same for residents.\n")
_FERRY_MT = ("El consejo regional aprobó el jueves el nuevo horario de los transbordadores.\n"
             "Los cruces a la isla saldrán cada cuarenta minutos a partir de junio.\n"
             "El operador dijo que dos buques más antiguos se retirarán el año que viene.\n"
             "El consejo dijo que las tarifas seguirían siendo las mismas para los\n"
             "Tu opinión nos importa: valora este artículo con estrellas al final de la página.\n")


def test_a_junk_line_held_by_length_alone_is_asked_of_the_classifier():
    doc = prepare_input(_FERRY_MT, "en", "es", source=_FERRY_SOURCE)
    assert 0 < doc.alignment[-1].score < 1   # paired with the last source sentence by length alone
    flags = {f.category: f for f in run_detectors(doc, make_detectors())}
    # (the line no rule knows: "Únete al debate: entra con tu usuario ...", the line before the eighteenth
    # session, is an invitation to comment by rule since)
    assert flags["addition/boilerplate"].text.startswith("Tu opinión nos importa")
    assert "line classifier" in flags["addition/boilerplate"].evidence
    assert flags["omission/truncation"].text.endswith("para los")


def test_an_article_line_held_by_length_alone_is_no_junk():
    mt = _FERRY_MT.replace("Tu opinión nos importa: valora este artículo con estrellas al final de la página.",
                           "Los pasajeros se quejaron de las largas colas en el puerto el verano pasado.")
    doc = prepare_input(mt, "en", "es", source=_FERRY_SOURCE)
    assert not [f for f in run_detectors(doc, make_detectors()) if f.category.startswith("addition/")]


# --- a line known to render nothing of the source: a prompt where the line classifier reads it as one rather
# than as junk or prose (an English note in a German page; a French instruction the aligner left unpaired)

def _flags_on(line: str, lang: str) -> list:
    text = _MT[lang].format(line=line)
    doc = prepare_input(text, "en", lang, source=_SOURCE.format(line="The council will meet again on Friday."))
    at = text.index(line)
    return [f for f in run_detectors(doc, make_detectors()) if f.start < at + len(line) and at < f.end]


def test_an_english_line_with_no_counterpart_that_reads_as_a_prompt_is_a_prompt():
    flags = _flags_on("Note to self: vary the openings a bit so the whole story sounds less like a bulletin.", "de")
    assert [(f.category, f.severity) for f in flags] == [("addition/prompt-leak", "major")]
    assert "written in en" in flags[0].evidence and "line classifier" in flags[0].evidence


def test_an_english_line_with_no_counterpart_the_classifier_doubts_stays_junk():
    # (the thirteenth session's line, "Quick reminder: the last two paragraphs could be shorter, and the figures
    # should stay as they are.", is an order about the text: the classifier trained on 76 splits reads it so)
    flags = _flags_on("Quick reminder: the museum shop opens at nine on weekdays and closes early on Sundays.", "de")
    assert [f.category for f in flags] == ["addition/boilerplate"]


_BUDGET_SOURCE = ("The city council approved a budget of 412 million euros on Tuesday evening.\n"
                  "The mayor said spending on schools would rise by 4 percent in 2027.\n"
                  "Work on the new Pont Vert bridge will begin in March.\n")
_BUDGET_MT = ("Le conseil municipal a approuvé mardi soir un budget de 412 millions d'euros.\n"
              "Le maire a indiqué que les dépenses pour les écoles augmenteraient de 4 % en 2027.\n"
              "{line}\n"
              "Les travaux du nouveau pont Pont Vert commenceront en mars.\n")


def _unpaired(line: str) -> list:
    """Flags on a French line added between two rendered sentences (the source has nothing there)."""
    text = _BUDGET_MT.format(line=line)
    at = text.index(line)
    flags = run_detectors(prepare_input(text, "en", "fr", source=_BUDGET_SOURCE), make_detectors())
    return [f for f in flags if f.start < at + len(line) and at < f.end]


def test_an_unpaired_sentence_that_reads_as_a_prompt_is_a_prompt_not_an_addition():
    # (no brief label a rule knows: "Consigne de style :" is one since the seventeenth session, and the rule answers)
    flags = _unpaired("Style à revoir : garder tous les chiffres mais adoucir le ton du deuxième paragraphe.")
    assert [f.category for f in flags] == ["addition/prompt-leak"]
    assert "line classifier" in flags[0].evidence


def test_an_unpaired_article_sentence_stays_an_addition():
    flags = _unpaired("Les élus de l'opposition ont voté contre le texte après un long débat en séance.")
    assert [f.category for f in flags] == ["accuracy/addition"]


# --- rights notices: "reprint only with permission" closing a credit line

def test_a_credit_closing_on_a_permission_notice_is_junk():
    for line, lang in (("Foto: Vereinsarchiv des Segelclubs, Abdruck nur mit Genehmigung", "de"),
                       ("Фото: архив яхт-клуба, публикуется с разрешения", "ru"),
                       ("Redacción de Vela Hoy · Prohibida la reproducción total o parcial", "es")):
        flags = _flags_on(line, lang)
        assert [f.category for f in flags] == ["addition/boilerplate"], line
        assert "rights notice" in flags[0].evidence


def test_a_sentence_about_reprints_is_no_rights_notice():
    flags = _flags_on("Der Verlag erlaubte den Abdruck nur mit Genehmigung der Familie, sagte der Sprecher.", "de")
    assert not [f for f in flags if f.category == "addition/boilerplate"]


_FERRY_RU = ("Региональный совет в четверг утвердил новое расписание паромов.\n"
             "Паромы на остров будут ходить каждые сорок минут с июня.\n"
             "Оператор сообщил, что два старых судна спишут в следующем году.\n"
             "Совет заявил, что тарифы для жителей останутся прежними для\n"
             "Присоединяйтесь к обсуждению: войдите под своим именем, чтобы оставить комментарий.\n")


def test_a_link_whose_sides_share_nothing_is_held_by_length_whatever_its_cost():
    # where the aligner has a dictionary (Russian), its lexicon rounds can bring such a link just below 0;
    # sharing no anchor nor dictionary pair, it is held by length alone
    from evalkit.alignment.aligner import Link
    from evalkit.detectors.layout import _held_by_length

    doc = prepare_input(_FERRY_RU, "en", "ru", source=_FERRY_SOURCE)
    assert _held_by_length(doc, Link((4,), (4,), -0.05))        # "fares ... residents" / "Присоединяйтесь ..."
    assert not _held_by_length(doc, Link((0,), (0,), -0.05))    # "council", "ferry" / "совет", "паромов"
    assert _held_by_length(doc, Link((0,), (0,), 1.5))          # whatever it shares, a link costing that much
    # without a dictionary (Spanish) a cheap link counts as anchored: a rendering may share no cognate
    doc = prepare_input(_FERRY_MT, "en", "es", source=_FERRY_SOURCE)
    assert not _held_by_length(doc, Link((4,), (4,), -0.05))


# --- English imperatives of a prompt left in a page in another language: "Output only ...", "Redo ..."

def _no_source(line: str, lang: str) -> list:
    text = _MT[lang].format(line=line)
    at = text.index(line)
    return [f for f in run_detectors(prepare_input(text, "en", lang), make_detectors())
            if f.start < at + len(line) and at < f.end]


def test_an_english_order_to_output_only_a_version_is_a_prompt():
    flags = _no_source("Output only the French version, with no notes, and leave the brand names as they are.", "fr")
    assert [f.category for f in flags] == ["addition/prompt-leak"]
    assert "'Output only'" in flags[0].evidence


def test_an_english_sentence_opening_on_the_noun_output_is_no_order():
    flags = _no_source("Output rose by three percent in March, the statistics office said on Friday.", "fr")
    assert "addition/prompt-leak" not in [f.category for f in flags]


# --- with the source: a news outlet's name translated as one German compound after the nouns German capitalises

_REVIEW_SOURCE = "A review in the {} praised the staging but noted that the piano was out of tune."
_REVIEW_MT = "Eine Kritik {} lobte die Inszenierung, bemerkte aber, dass das Klavier verstimmt war."


def _names_in_review(mt_name: str, source_name: str) -> list:
    doc = prepare_input(_MT["de"].format(line=_REVIEW_MT.format(mt_name)), "en", "de",
                        source=_SOURCE.format(line=_REVIEW_SOURCE.format(source_name)))
    return [f for f in run_detectors(doc, make_detectors()) if f.category == NAMED_ENTITY]


def test_a_newspaper_translated_as_one_compound_is_flagged():
    flags = _names_in_review("des Hamilton-Zuschauers", "Hamilton Spectator")
    assert [f.text for f in flags] == ["Hamilton-Zuschauers"]
    assert "Hamilton Spectator" in flags[0].evidence and "not translated" in flags[0].evidence


def test_the_newspaper_kept_and_a_body_translated_are_no_flag():
    assert _names_in_review("des Hamilton Spectator", "Hamilton Spectator") == []
    assert _names_in_review("der Hamilton-Stiftung", "Hamilton Foundation") == []   # a body's name is translated


# --- a point of the compass is each language's own word: "África Oriental" renders East Africa

def test_a_region_named_with_the_targets_compass_word_is_no_swap():
    flags = _names("Las exportaciones a África Oriental y América Latina crecieron un tercio el año pasado.",
                           "es", "Exports to East Africa and Latin America grew by a third last year.")
    assert flags == []
    flags = _names("Los productores de África Occidental vendieron menos cacao que el año anterior.",
                           "es", "West African growers sold less cocoa than the year before.")
    assert flags == []




# --- with the source: a known outlet's name at the head of a longer name is that name's ("The National ...")

def test_a_known_outlet_at_the_head_of_a_longer_name_is_not_compared_alone():
    flags = _names("La Organización Nacional de Gestión de Emergencias pidió calma a los vecinos.", "es",
                           "The National Emergency Management Organisation urged residents to stay calm.")
    assert flags == []


def test_the_outlet_named_alone_is_still_compared():
    flags = _names("Según el Nacional, los vecinos pidieron más información.", "es",
                           "According to The National, residents asked for more information.")
    assert [f.text for f in flags] == ["Nacional"]


# --- one name spelt two ways: not where one spelling is only ever part of a name kept in English

def test_a_place_inside_a_name_kept_in_english_is_no_inconsistency():
    text = ("El turismo en Hawái creció un cinco por ciento este año.\n"
            "La emisora Hawaii Public Broadcasting dedicó un programa especial al aniversario.\n"
            "Las autoridades de Hawái esperan más visitantes en invierno.\n")
    flags = run_detectors(prepare_input(text, "en", "es"), make_detectors())
    assert not [f for f in flags if f.category == "fluency/inconsistency"]


def test_the_same_place_spelt_two_ways_in_running_text_is_an_inconsistency():
    text = ("El turismo en Hawái creció un cinco por ciento este año.\n"
            "Los hoteles de Hawaii registraron una ocupación récord en agosto.\n"
            "Las autoridades de Hawái esperan más visitantes en invierno.\n")
    flags = run_detectors(prepare_input(text, "en", "es"), make_detectors())
    assert [f.text for f in flags if f.category == "fluency/inconsistency"] == ["Hawaii"]


# --- "cités par", "interrogée par": a citation agrees with its noun

def test_a_citation_that_agrees_with_its_noun_cites_the_outlet():
    flags = _no_source("Des économistes cités par la Presse libre estiment le coût à plusieurs millions.", "fr")
    assert [f.text for f in flags if f.category == NAMED_ENTITY] == ["Presse libre"]
    assert _no_source("Des économistes cités par la Banque centrale estiment le coût à plusieurs millions.",
                      "fr") == []


def test_a_headline_paired_by_a_cheap_link_is_no_junk_by_its_shape_alone():
    # a link costing between 0 and 1 is held by length alone, but its line must read as junk from its words
    # too, as without the source: a headline "X: Y" has a junk's shape (WMT23 en-de had three such flags)
    source = ("Gut instinct' missing woman is not in river\n"
              "Police divers searched the river for a second day on Tuesday.\n")
    mt = ("Bauchgefühl: Vermisste Frau ist nicht im Fluss\n"
          "Polizeitaucher suchten am Dienstag den zweiten Tag in Folge den Fluss ab.\n")
    from dataclasses import replace

    from evalkit.alignment.aligner import Link

    doc = prepare_input(mt, "en", "de", source=source)
    cheap = replace(doc, alignment=[Link((0,), (0,), 0.4), Link((1,), (1,), -3.0)])   # as the aligner held it there
    assert not [f for f in run_detectors(cheap, make_detectors()) if f.category.startswith("addition/")]
    # what the aligner costs as length alone is asked as before: a line whose words read as junk, though not
    # surely enough alone, is junk there and not at a cheap link (the classifier trained on 76 splits reads the
    # headline above as neither at 1.5 either)
    video = prepare_input("Video: Feuerwehr rettet Katze vom Dach\n" + mt.split("\n", 1)[1], "en", "de",
                          source="Video: firefighters rescue cat from roof\n" + source.split("\n", 1)[1])
    for cost, expected in ((0.4, []), (1.5, ["addition/boilerplate"])):
        linked = replace(video, alignment=[Link((0,), (0,), cost), Link((1,), (1,), -3.0)])
        assert [f.category for f in run_detectors(linked, make_detectors())
                if f.category.startswith("addition/")] == expected
