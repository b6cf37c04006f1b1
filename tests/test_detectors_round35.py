"""Issue 15, thirty-fifth round: what held-outs 77 and 78 (measured untouched, then read) showed.
- A text generator's report whose participle agrees with its noun ("статья переписана", "la nota reescrita"): the
  report cues had the masculine form only.
- An order to "render" or "recast" the text, as to rewrite it.
- An English name kept in German behind a trade paper's noun, one of whose words German also writes ("Land"): the
  name is read as English when its other words are, and the word is the source name's own.
- A body's place after its name in French and Spanish ("... de Perú"), where the English source writes it before
  ("Peru's National Directorate"): the MT name is compared without it.
- A German compound whose head has three letters ("Bundesamt": bundes + amt, office) is split as a name's words.
- In Russian, a sentence's first word in Cyrillic letters is no word of the Latin-script name after it
  ("Фотоотчёт Kenya Wireless Network").
- A name kept in English with one word written as a phrase ("Solar Power Month-to-month" for Solar Power Monthly,
  "Day by day Herald") or with an English word added ("Yukon General public Radio"), words the source does not
  have (name_phrases.py): the word-for-word comparison needs as many words on each side.
- The aligner's repairs read a translation's key of four letters where the MT's word goes on past it ("obra",
  "obras"): a cut sentence held by length with a dropped one moves to the sentence it renders. An MT segment that
  repeats the one before it with a word or two changed is an insertion, as one repeated letter for letter is; a run of
  links, each MT segment rendering the next sentence, moves down by one where the MT dropped the run's first.
- Greek and Latin spellings read alike ("Arqueología" renders Archaeology, "Común" is common's form): a word so
  spelt renders the English word, and a common word so spelt may be a relative's.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.alignment.aligner import align
from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.name_forms import split_compound, synonym_rendering
from tests.one_line_page import page_flags

NAMED = "accuracy/mistranslation/named-entity"


def _names(source: str, mt: str, lang: str) -> list[str]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n")
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == NAMED]


@pytest.mark.parametrize("lang, line", [
    ("ru", "Готово: заметка переписана, лишние повторы убраны."),
    ("es", "Listo: la nota queda reescrita y las cifras se mantienen."),
    ("fr", "Voilà : la dépêche réécrite, sans les répétitions."),
])
def test_a_generator_report_with_an_agreeing_participle_is_a_leaked_prompt(lang, line):
    flags = page_flags(line, lang, category="addition/prompt-leak")
    assert [f.text for f in flags] == [line] and "reporting what it did" in flags[0].evidence


@pytest.mark.parametrize("lang, line", [
    ("ru", "Готово: новый мост открыт, движение восстановлено."),
    ("fr", "Voilà : la route est rouverte depuis lundi matin."),
])
def test_a_done_line_about_the_world_is_no_report(lang, line):
    assert page_flags(line, lang, category="addition/prompt-leak") == []


@pytest.mark.parametrize("line", [
    "Render the article in German so that it sounds as if a local paper had printed it.",
    "Recast the text in plain German for young readers.",
])
def test_an_order_to_render_the_text_is_a_leaked_prompt(line):
    flags = page_flags(line, "de", category="addition/prompt-leak")
    assert [f.text for f in flags] == [line] and "instruction about the text" in flags[0].evidence


_TOLD = "Several farmers told Land Use Management that the new rules were too strict."


def test_an_english_name_kept_in_german_with_a_word_swapped_is_flagged():
    # "land" is written more in German than in English; it is the source name's own word
    mt = "Mehrere Landwirte sagten dem Fachblatt Land Use Supervision, die neuen Regeln seien zu streng."
    assert _names(_TOLD, mt, "de") == ["Land Use Supervision"]


def test_the_english_name_kept_whole_in_german_is_not_flagged():
    mt = "Mehrere Landwirte sagten dem Fachblatt Land Use Management, die neuen Regeln seien zu streng."
    assert _names(_TOLD, mt, "de") == []


_PORTS = "Peru's National Directorate of Ports and Transport said on Monday that the new quay would open in May."


def test_a_name_with_its_place_after_it_is_compared_without_the_place():
    mt = "La Dirección Nacional de Puertos y Acarreo de Perú informó el lunes que el nuevo muelle abrirá en mayo."
    assert _names(_PORTS, mt, "es") == ["Dirección Nacional de Puertos y Acarreo"]


def test_the_name_rendered_with_its_place_after_it_is_not_flagged():
    mt = "La Dirección Nacional de Puertos y Transporte de Perú informó el lunes que el nuevo muelle abrirá en mayo."
    assert _names(_PORTS, mt, "es") == []


@pytest.mark.parametrize("lang, mt", [
    ("es", "La gira empieza en el Millennium Stadium de Cardiff y termina en el estadio de Hampden."),
    ("fr", "La tournée commence au Millennium Stadium de Cardiff et se termine au stade de Hampden."),
])
def test_another_source_name_before_a_place_is_no_rendering_of_this_one(lang, mt):
    # without its place, "Millennium Stadium" is a name of the source segment, not a rendering of Hampden Stadium
    source = "The tour opens at the Millennium Stadium in Cardiff and ends at Hampden Stadium."
    assert _names(source, mt, lang) == []


_ARCHIVE = "The General Directorate of Archaeology and Photography said the collection would be moved in June."


def test_greek_spellings_read_alike_leave_the_one_swapped_word():
    mt = "La Dirección Común de Arqueología y Fotografía afirmó que la colección se trasladará en junio."
    assert _names(_ARCHIVE, mt, "es") == ["Dirección Común de Arqueología y Fotografía"]


def test_the_name_rendered_word_for_word_is_not_flagged():
    mt = "La Dirección General de Arqueología y Fotografía afirmó que la colección se trasladará en junio."
    assert _names(_ARCHIVE, mt, "es") == []


@pytest.mark.parametrize("word, real, lang, expected", [
    ("comun", "general", "es", True),        # común: common, a relative of general, spelt as Spanish spells it
    ("katherine", "business", "fr", False),  # a name, spelt like "catering" only once respelt
])
def test_a_relative_read_loosely_only_for_a_common_word(word, real, lang, expected):
    assert synonym_rendering(word, real, lang) is expected


_TIMETABLE = "The Federal Office for Transport said the new timetable would start in December."


def test_a_compound_with_a_three_letter_head_is_split_and_its_swap_found():
    mt = "Das Bundesamt für Beförderung teilte mit, der neue Fahrplan gelte ab Dezember."
    assert _names(_TIMETABLE, mt, "de") == ["Bundesamt für Beförderung"]


def test_the_compound_rendering_the_name_is_not_flagged():
    mt = "Das Bundesamt für Verkehr teilte mit, der neue Fahrplan gelte ab Dezember."
    assert _names(_TIMETABLE, mt, "de") == []


def test_a_three_letter_head_only_as_the_tables_give_it():
    assert split_compound("bundesrat", "de") == ["bundes", "rat"]
    # in Wiktionary's every sense, a head of four letters or more
    assert all(len(part) >= 4 for part in split_compound("bundesrat", "de", loose=True) or [])


_KENYA = "A report by Kenya Radio Network said the dam was almost empty."


def test_a_russian_sentences_first_word_is_no_word_of_the_latin_name_after_it():
    mt = "Фотоотчёт Kenya Wireless Network показал, что плотина почти пуста."
    assert _names(_KENYA, mt, "ru") == ["Kenya Wireless Network"]
    assert _names(_KENYA, "Фотоотчёт Kenya Radio Network показал, что плотина почти пуста.", "ru") == []


def _flags(source: str, mt: str, lang: str) -> list:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n")
    return [f for f in run_detectors(doc, make_detectors()) if f.category == NAMED]


@pytest.mark.parametrize("lang, source, mt, name, how", [
    ("de", "According to an analysis by Solar Power Monthly, no plant of this size has been built.",
     "Laut einer Analyse von Solar Power Month-to-month wurde noch keine Anlage dieser Größe gebaut.",
     "Solar Power Month-to-month", "'monthly' written as 'Month-to-month'"),
    ("ru", "A survey by the Daily Herald found that most dams had no plan.",
     "Опрос, проведённый Day by day Herald, показал, что у большинства плотин нет плана.",
     "Day by day Herald", "'daily' written as 'Day by day', a phrase WordNet gives for it"),
    ("de", "The warning was read out on air by Yukon Public Radio on Monday.",
     "Die Warnung wurde am Montag von Yukon General public Radio verlesen.",
     "Yukon General public Radio", "'General' added to it"),
])
def test_a_name_kept_in_english_with_a_word_written_as_a_phrase_is_flagged(lang, source, mt, name, how):
    flags = _flags(source, mt, lang)
    assert [f.text for f in flags] == [name] and how in flags[0].evidence


def test_the_name_kept_as_the_source_writes_it_is_not_flagged():
    source = "According to an analysis by Solar Power Monthly, no plant of this size has been built."
    assert _names(source, "Laut einer Analyse von Solar Power Monthly wurde noch keine Anlage dieser Größe gebaut.",
                  "de") == []


def test_a_word_the_source_has_is_no_spinners_phrase():
    # "general" is the source's own word: English text left untranslated or another name's, not a swap
    source = "The general public heard the warning on Yukon Public Radio on Monday."
    assert _names(source, "Die Öffentlichkeit hörte die Warnung am Montag auf Yukon General public Radio.", "de") == []


_STORKS = ["The town council met on Monday to discuss the new harbour.", "Boats will leave every 30 minutes in summer.",
           "Swallows usually leave for Africa in late September.",
           "Work will begin once the young birds have flown and the council has checked that the nest is empty."]
_SHARE = "Comparte esta noticia: Telegram | X | correo electrónico | enlace directo"


def test_a_translations_key_of_four_letters_counts_where_the_mt_word_goes_on():
    # "obra" (work) in the MT's "obras", "nido" (nest): the cut last sentence renders the last source sentence,
    # held by length with a share bar, not the one before it, which the MT dropped
    mt = ["El ayuntamiento se reunió el lunes para hablar del nuevo puerto.",
          "Los barcos saldrán cada 30 minutos en verano.",
          "Las obras empezarán cuando las crías hayan volado y el ayuntamiento haya comprobado que el nido está", _SHARE]
    links = [(link.source, link.target) for link in align(_STORKS, mt, src_lang="en", tgt_lang="es")]
    assert ((3,), (2,)) in links and ((2,), ()) in links and ((), (3,)) in links


def test_the_sentence_rendered_in_its_place_keeps_its_link():
    mt = ["El ayuntamiento se reunió el lunes para hablar del nuevo puerto.",
          "Los barcos saldrán cada 30 minutos en verano.",
          "Las golondrinas suelen partir hacia África a finales de septiembre.", _SHARE]
    links = [(link.source, link.target) for link in align(_STORKS, mt, src_lang="en", tgt_lang="es")]
    assert ((2,), (2,)) in links


_BRIDGE = ["The covered bridge over the West River was closed to traffic on Monday after inspectors found rot in two "
           "beams.",
           "The state transportation agency said the bridge would stay closed until repairs are finished.",
           "Local farmers say the detour adds twenty minutes to every trip to the market.",
           "Covered bridges in the county draw visitors every autumn, and local inns hope the work will not close the "
           "bridge in foliage season.",
           "The agency said it expects to put the repair contract out to bid in the spring, with work starting in the "
           "summer.",
           "Until then, drivers of heavy vehicles caught on the bridge face fines of up to 1,000 dollars."]
_BRIDGE_MT = ["Die überdachte Brücke über den West River wurde am Montag für den Verkehr gesperrt, nachdem Prüfer in zwei "
              "Balken Fäulnis gefunden hatten.",
              "Die Verkehrsbehörde des Bundesstaates erklärte, die Brücke bleibe bis zum Abschluss der Reparaturen "
              "gesperrt.",
              "Landwirte sagen, die Umleitung verlängere jede Fahrt zum Markt um zwanzig Minuten.",
              "Die Behörde erklärte, sie wolle den Reparaturauftrag im Frühjahr ausschreiben, die Arbeiten sollten im "
              "Sommer beginnen.",
              "Die Behörde erklärte, sie wolle den Reparaturauftrag im Frühling ausschreiben, die Arbeiten sollten im "
              "Sommer beginnen.",
              "Bis dahin drohen Fahrern schwerer Fahrzeuge, die auf der Brücke erwischt werden, Bußgelder von bis zu",
              "Beitrag weiterempfehlen: Threads | Facebook | X | Link per E-Mail senden"]


def test_a_near_repeat_is_an_insertion_and_the_run_after_a_dropped_sentence_moves_down():
    # the MT dropped sentence 3, repeated its rendering of sentence 4 with one word changed ("Frühling"), cut the
    # last sentence and ended on a share bar: each rendering goes to the sentence it renders
    links = [(link.source, link.target) for link in align(_BRIDGE, _BRIDGE_MT, src_lang="en", tgt_lang="de")]
    assert links[3:] == [((3,), ()), ((4,), (3,)), ((), (4,)), ((5,), (5,)), ((), (6,))]


def test_a_document_rendered_in_order_is_left_as_it_is():
    mt = _BRIDGE_MT[:3] + [
        "Überdachte Brücken im County ziehen jeden Herbst Besucher an, und die Gasthäuser hoffen, dass die Arbeiten "
        "die Brücke in der Laubsaison nicht schließen.", _BRIDGE_MT[3],
        "Bis dahin drohen Fahrern schwerer Fahrzeuge, die auf der Brücke erwischt werden, Bußgelder von bis zu 1.000 "
        "Dollar."]
    links = [(link.source, link.target) for link in align(_BRIDGE, mt, src_lang="en", tgt_lang="de")]
    assert links == [((k,), (k,)) for k in range(6)]


def test_a_near_repeat_the_source_has_too_is_a_rendering():
    # a page whose headline its first sentence repeats: the MT renders both, neither is an insertion
    source = ["The mayor opened the new ferry terminal in the harbour on Monday",
              "The mayor opened the new ferry terminal in the harbour on Monday morning.",
              "The first boats will leave for the islands next week."]
    mt = ["Le maire a inauguré lundi le nouveau terminal des ferries du port",
          "Le maire a inauguré lundi matin le nouveau terminal des ferries du port.",
          "Les premiers bateaux partiront pour les îles la semaine prochaine."]
    links = [(link.source, link.target) for link in align(source, mt, src_lang="en", tgt_lang="fr")]
    assert links == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
