"""Issue 15, thirty-eighth round: what held-outs 83 and 84 (measured untouched, then read) showed.
- A swap read on the wrong phrase: the source names "the Ministry of Forestry" and says "on the advice of
  foresters"; the MT renders the ministry with its usual word ("Das Ministerium für ...") and the advice as "nach
  dem Rat der Förster", and "Rat der Förster" was flagged as the ministry's name with 'Rat' (a board) in its place.
  A one-word swap is not read where the replaced word's usual translation stands elsewhere in the MT segment, outside
  the name, as often as the source segment writes the word.
- A word the target's word list lacks, flagged as left in English though the aligned source writes another word
  ("iodation", French, where the source has "iodisation"): with the source given, a word left untranslated is a
  word of it; a rare word no form of which the aligned source has is the MT's own.
- A ministry's name written with its head lowercase and an adjective after its capitalised word ("ministère des
  Actifs naturels") was read only as "ministère des Actifs" or "Actifs naturels", never whole; and a name word the
  hand table has no translation of ("resources") let no swap be told. The name is read whole, and for such a word
  a word whose main senses (Wiktionary) are WordNet's synonyms of it ("actifs": assets) is a swap, where the forms
  mined from ROR's labels and Wiktionary's hold the word's cognate ("ressources") and none is written. Without a
  cognate the forms may miss the usual rendering ("droga" for drug, where the FDA is the "Administración de
  Alimentos y Medicamentos"; tests/test_detectors_round22.py), and nothing is said.
- "The Bureau of Land Management leased the land": "Land Management" was read as a person's name whose surname
  the MT dropped ("verpachtete das Land"). Two capitalised words after a capitalised word and a connector end a
  longer name, a body's.
- Real bodies rendered as their own or a usual translation, flagged as swaps because the hand table
  (evalkit/data/name_words.tsv) had no row for their head word, or lacked a usual form: "Direction de la santé et
  de la sécurité" and "Behörde für Gesundheit und Sicherheit" (Health and Safety Executive), "Fonds pour
  l'environnement mondial" (the Global Environment Facility's own French name), "ministère de la Protection de la
  nature" (Department of Conservation), "Cour des comptes" and "Tribunal de Cuentas" (a Court of Auditors). Rows for
  "executive", "facility" and "auditor", and "protection" for conservation.
- A news outlet of the Gulf translated ("Golf-Nachrichten stellte fest" for Gulf News, held-out 83): the hand table
  had no row for "gulf". And a sweep found German's "laut der Zeitung", "berichtete die Zeitung" (the newspaper)
  read as The Gazette translated: in German a media noun's capital is a noun's, not a name's.
- Real trade outlets cited without the source read as spun newspapers: "Fresh Plaza" (a Post with 'plaza', a
  relative WordNet alone gives), "Fish Farming Expert" (a Star). A head swapped for a relative one thesaurus alone
  gives needs a place's or a people's word before it, as the thirty-seventh session asked of Moby's alone.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.untranslated import _source_writes_otherwise

NAMED = "accuracy/mistranslation/named-entity"
UNTRANSLATED = "accuracy/untranslated"


def _flags(mt: str, lang: str, category: str, source: str | None = None) -> list[str]:
    doc = prepare_input(mt + "\n", "en", lang, source=source + "\n" if source else None)
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == category]


def test_a_phrase_beside_the_rendered_name_is_no_swap_of_it():
    mt = "Das Ministerium für Forstwirtschaft teilte mit, dass die Wege nach dem Rat der Förster gesperrt bleiben."
    src = "The Ministry of Forestry said the paths stay closed on the advice of foresters."
    assert _flags(mt, "de", NAMED, src) == []


def test_the_swap_is_still_flagged_where_the_name_is_rendered_nowhere_else():
    mt = "Der Bund der Förster teilte mit, dass die Wege gesperrt bleiben."
    src = "The Ministry of Forestry said the paths stay closed."
    assert _flags(mt, "de", NAMED, src) == ["Bund der Förster"]


def test_a_rare_word_the_source_does_not_write_is_the_mts_own():
    mt = "Les autorités sanitaires recommandent l'iodation du sel de table depuis 1990."
    src = "Health authorities have recommended the iodisation of table salt since 1990."
    assert _flags(mt, "fr", UNTRANSLATED, src) == []


def test_without_the_source_language_identification_still_decides():
    mt = "Les autorités sanitaires recommandent l'iodation du sel de table depuis 1990."
    assert _flags(mt, "fr", UNTRANSLATED) == ["iodation"]


def test_a_rare_word_the_source_writes_is_still_flagged():
    mt = "La cooperativa prueba una máquina de pasteurisation donada por la región."
    src = "The cooperative is testing a pasteurisation machine donated by the region."
    assert _flags(mt, "es", UNTRANSLATED, src) == ["pasteurisation"]


@pytest.mark.parametrize("word, aligned, otherwise", [
    ("iodation", {"the", "iodisation", "line"}, True),
    ("snowploughs", {"the", "snowplough", "broke"}, False),    # another inflection of the word
    ("snowplough", {"the", "snowploughs", "broke"}, False),
    ("overtourism", {"stop", "overtourism"}, False),
    ("iodation", set(), False),                                # no aligned source: nothing to say
])
def test_source_writes_otherwise(word, aligned, otherwise):
    assert _source_writes_otherwise(word, aligned) is otherwise


@pytest.mark.parametrize("mt, src, name", [
    ("Le ministère des Actifs naturels a annoncé un nouveau plan de plantation.",
     "The Ministry of Natural Resources announced a new planting plan.", "ministère des Actifs naturels"),
    ("Selon le ministère des Actifs agricoles, la forêt recule.",
     "According to the Ministry of Agricultural Resources, the forest is shrinking.", "ministère des Actifs agricoles"),
    ("L'Institut des actifs marins a marqué les poissons.", "The Marine Resources Institute tagged the fish.",
     "Institut des actifs marins"),
])
def test_a_synonym_in_the_place_of_a_word_the_hand_table_lacks_is_flagged(mt, src, name):
    assert _flags(mt, "fr", NAMED, src) == [name]


@pytest.mark.parametrize("lang, mt, src", [
    ("fr", "Le ministère des Ressources naturelles a annoncé un nouveau plan de plantation.",
     "The Ministry of Natural Resources announced a new planting plan."),
    ("fr", "Le ministère de la Santé et des Affaires sociales a publié un rapport sur les foyers.",
     "The Department of Health and Social Care published a report on care homes."),
    ("de", "Die Hudson-Fluss-Behörde erklärte, das Wasser sei wieder sauber.",
     "The Hudson River Authority said the water is clean again."),
    ("ru", "Министерство природных ресурсов заявило, что шахта закроется.",
     "The Ministry of Natural Resources said the mine will close."),
    ("es", "El Ministerio de Recursos Hídricos dijo que la presa es segura.", "The Ministry of Water Resources said the dam is safe."),
])
def test_the_usual_renderings_are_not_flagged(lang, mt, src):
    assert _flags(mt, lang, NAMED, src) == []


def _omissions(mt: str, lang: str, source: str) -> list[str]:
    return _flags(mt, lang, "accuracy/omission", source)


def test_the_tail_of_a_bodys_name_is_no_persons_name_cut_short():
    # "Land" is the German noun of "verpachtete das Land"; "Land Management" ends the Bureau's name
    mt = "Das Büro für Landverwaltung verpachtete das Land."
    assert _omissions(mt, "de", "The Bureau of Land Management leased the land.") == []


def test_a_persons_name_cut_short_is_still_flagged():
    assert _omissions("Un Vladimir souriant a accueilli les invités.", "fr",
                      "A smiling Vladimir Putin greeted the guests.") == ["Vladimir"]


@pytest.mark.parametrize("lang, mt, src", [
    ("fr", "La Direction de la santé et de la sécurité a ouvert une enquête sur l'accident.",
     "The Health and Safety Executive opened an inquiry into the accident."),
    ("de", "Die Behörde für Gesundheit und Sicherheit leitete eine Untersuchung des Unfalls ein.",
     "The Health and Safety Executive opened an inquiry into the accident."),
    ("fr", "Le Fonds pour l'environnement mondial a versé une subvention au village.",
     "The Global Environment Facility paid a grant to the village."),
    ("fr", "Le ministère de la Protection de la nature a fermé le sentier côtier.",
     "The Department of Conservation closed the coastal track."),
    ("fr", "La Cour des comptes a critiqué le coût du nouveau pont.", "The Court of Auditors criticised the cost of the new bridge."),
    ("es", "El Tribunal de Cuentas criticó el coste del nuevo puente.", "The Court of Auditors criticised the cost of the new bridge."),
])
def test_a_real_bodys_usual_rendering_of_its_head_is_no_swap(lang, mt, src):
    assert _flags(mt, lang, NAMED, src) == []


@pytest.mark.parametrize("lang, mt, name", [
    ("de", "Golf-Nachrichten stellte fest, dass die Nachfrage nach Datteln gewachsen ist.", "Golf-Nachrichten"),
    ("fr", "Les Nouvelles du Golfe ont noté que la demande de dattes a augmenté.", "Nouvelles du Golfe"),
    ("es", "Noticias del Golfo señaló que la demanda de dátiles ha crecido.", "Noticias del Golfo"),
])
def test_a_gulf_outlet_translated_is_flagged(lang, mt, name):
    assert _flags(mt, lang, NAMED) == [name]


@pytest.mark.parametrize("lang, mt", [
    ("fr", "Pendant la guerre du Golfe, les exportations de dattes ont chuté."),
    ("es", "Los países del Golfo compran más dátiles, según las noticias locales."),
    ("de", "Neue Ölfelder wurden im Golf von Mexiko entdeckt, berichtete die Zeitung."),
    ("de", "Laut der Zeitung wurden neue Ölfelder entdeckt."),
    ("de", "Wie die Zeitung schreibt, wurden neue Ölfelder entdeckt."),
])
def test_the_gulf_and_the_newspaper_as_common_words_are_no_names(lang, mt):
    assert _flags(mt, lang, NAMED) == []


def test_a_german_outlet_translated_that_is_no_media_noun_is_still_flagged():
    assert _flags("Laut dem Wächter wurden neue Ölfelder entdeckt.", "de", NAMED) == ["Wächter"]


@pytest.mark.parametrize("lang, mt", [
    ("fr", "Selon Fresh Plaza, les prix des agrumes ont baissé en mars."),
    ("de", "Laut Fresh Plaza sind die Preise für Zitrusfrüchte im März gefallen."),
    ("es", "Fish Farming Expert informó de que las jaulas fueron revisadas en abril."),
])
def test_a_real_trade_outlet_cited_is_no_spun_newspaper(lang, mt):
    assert _flags(mt, lang, NAMED) == []


def test_a_head_swapped_after_a_place_is_still_flagged():
    mt = "Selon le Caerphilly Onlooker, les prix des agrumes ont baissé en mars."
    assert _flags(mt, "fr", NAMED) == ["Caerphilly Onlooker"]
