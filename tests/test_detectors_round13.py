"""Issue 15, thirteenth round. With the source: a news outlet's name whose words the MT rendered in senses only
Wiktionary's wordnet gives is flagged whole ("Meerengen-Zeiten" for The Straits Times, not "Zeiten" alone); an
unknown name cited as a source and ending on a media noun ("Garden Monthly said") is an outlet's. Each rule on
text written for this test, with the negatives beside it. (A leaked English reply before a rendering: the aligner's
tests, tests/test_align.py.)"""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input

NAMED_ENTITY = "accuracy/mistranslation/named-entity"

_SOURCE = ("The city council approved the budget on Tuesday evening.\n"
           "{line}\n"
           "Work on the new bridge will begin next spring.\n")
_MT = {"es": ("El ayuntamiento aprobó el presupuesto el martes por la noche.\n"
              "{line}\n"
              "Las obras del nuevo puente comenzarán la próxima primavera.\n"),
       "fr": ("Le conseil municipal a voté le budget mardi soir.\n"
              "{line}\n"
              "Les travaux du nouveau pont commenceront au printemps prochain.\n"),
       "de": ("Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n"
              "{line}\n"
              "Die Arbeiten an der neuen Brücke beginnen im kommenden Frühjahr.\n")}


def _names(line: str, lang: str, source_line: str) -> list:
    doc = prepare_input(_MT[lang].format(line=line), "en", lang, source=_SOURCE.format(line=source_line))
    return [f for f in run_detectors(doc, make_detectors()) if f.category == NAMED_ENTITY]


# --- an outlet's name rendered word by word in Wiktionary's senses: the whole name is flagged

def test_an_outlet_name_translated_in_wiktionary_senses_is_flagged_whole():
    flags = _names("Die Meerengen-Zeiten berichteten am Montag, zwei Fähren hätten stundenlang Verspätung gehabt.",
                   "de", "The Straits Times reported on Monday that two ferries had been delayed for hours.")
    assert [f.text for f in flags] == ["Meerengen-Zeiten"]
    assert "Straits Times" in flags[0].evidence and "not translated" in flags[0].evidence


def test_the_outlet_name_kept_is_no_flag():
    assert _names("Die Straits Times berichtete am Montag, zwei Fähren hätten stundenlang Verspätung gehabt.",
                  "de", "The Straits Times reported on Monday that two ferries had been delayed for hours.") == []


# --- an unknown name cited as a source and ending on a media noun is an outlet's

def test_a_name_ending_on_a_media_noun_cited_as_a_source_is_an_outlet():
    flags = _names("Jardin Mensuel a indiqué que la sécheresse avait ruiné la moitié des vergers de la région.",
                   "fr", "Garden Monthly said the drought had ruined half of the region's orchards.")
    assert [f.text for f in flags] == ["Jardin Mensuel"]
    assert "Garden Monthly" in flags[0].evidence
    flags = _names("Lácteos Semanal dijo que los precios de la leche volverían a subir en primavera.",
                   "es", "Dairy Weekly said milk prices would rise again in the spring.")
    assert [f.text for f in flags] == ["Lácteos Semanal"]


def test_a_body_cited_as_a_source_is_translated_on_purpose():
    # an organisation's name, not an outlet's: its translation is the usual rendering
    assert _names("Le Conseil agricole a indiqué que la sécheresse avait ruiné la moitié des vergers de la région.",
                  "fr", "The Farm Council said the drought had ruined half of the region's orchards.") == []


def test_the_media_noun_name_kept_is_no_flag():
    assert _names("Garden Monthly a indiqué que la sécheresse avait ruiné la moitié des vergers de la région.",
                  "fr", "Garden Monthly said the drought had ruined half of the region's orchards.") == []
