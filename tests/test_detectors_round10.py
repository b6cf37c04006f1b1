"""Issue 15, tenth round: names compared across the alignment in more of the shapes a name takes, each rule on
text written for this test, with the negatives beside it:

- a source name written with a hyphen ("Star-Advertiser") or in camel case ("FreightWaves") is one name;
- a plural name word is rendered as its singular's translations are ("Ports": Häfen);
- a usual form whose last words are swapped for fewer words that say the same ("Medio Ambiente": Entorno);
- not a swap: a word that is the name word's own form ("Register" for Registry), or one of its senses
  ("Asiatische" for Asian);
- a half of a word in camel case is not an untranslated English word ("Freight" of "FreightWaves").
"""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.name_forms import translates

NAMED_ENTITY, UNTRANSLATED = "accuracy/mistranslation/named-entity", "accuracy/untranslated"

_PAD = {
    "de": ("Der Stadtrat hat am Dienstag den Haushalt beschlossen.", "Die Arbeiten beginnen im kommenden Frühjahr."),
    "es": ("El ayuntamiento aprobó el presupuesto el martes por la noche.", "Las obras comenzarán la próxima primavera."),
    "ru": ("Городской совет во вторник утвердил бюджет.", "Работы начнутся следующей весной."),
}


def _flags(lang: str, source: str, mt: str, category: str = NAMED_ENTITY) -> list[str]:
    """The flags of `category` on a three-line document whose middle line is `mt`, with its source."""
    before, after = _PAD[lang]
    doc = prepare_input(f"{before}\n{mt}\n{after}\n", "en", lang,
                        source=f"The city council passed the budget on Tuesday evening.\n{source}\n"
                               "Work will begin next spring.\n")
    return [f.text for f in run_detectors(doc, make_detectors()) if f.category == category]


def test_a_hyphenated_outlet_name_translated_word_by_word_is_flagged():
    source = "The Fresno Star-Advertiser reported that the storm cut power to forty thousand homes."
    mt = "«Звезда-рекламодатель Фресно» сообщила, что буря оставила без света сорок тысяч домов."
    assert _flags("ru", source, mt) == ["Звезда-рекламодатель"]


def test_the_hyphenated_outlet_name_kept_is_not_flagged():
    source = "The Fresno Star-Advertiser reported that the storm cut power to forty thousand homes."
    mt = "Газета Fresno Star-Advertiser сообщила, что буря оставила без света сорок тысяч домов."
    assert _flags("ru", source, mt) == []


def test_an_outlet_name_in_camel_case_translated_is_flagged():
    source = "FreightWaves reported that rates for trucks fell again in March."
    mt = "Frachtwellen berichtete, die Preise für Lastwagen seien im März erneut gefallen."
    assert _flags("de", source, mt) == ["Frachtwellen"]


def test_an_outlet_name_in_camel_case_kept_is_not_flagged_at_all():
    source = "FreightWaves reported that rates for trucks fell again in March."
    mt = "FreightWaves berichtete, die Preise für Lastwagen seien im März erneut gefallen."
    assert _flags("de", source, mt) == []
    assert _flags("de", source, mt, UNTRANSLATED) == []


def test_a_plural_name_word_translates_as_its_singular():
    assert translates("hafen", "ports", "de") and translates("hafen", "port", "de")
    assert not translates("ozean", "ports", "de")


def test_a_synonym_swapped_in_a_compound_beside_a_plural_word_is_flagged():
    source = "The Irish Sea Ports Council asked for more money for dredging."
    mt = "Der Irische Ozeanhäfen-Rat forderte mehr Geld für Ausbaggerungen."
    assert _flags("de", source, mt) == ["Irische Ozeanhäfen-Rat"]


def test_a_usual_form_whose_last_words_are_swapped_for_one_is_flagged():
    source = "The European Environment Agency said air quality had improved in most cities."
    mt = "La Agencia Europea de Entorno afirmó que la calidad del aire había mejorado en la mayoría de las ciudades."
    assert _flags("es", source, mt) == ["Agencia Europea de Entorno"]


def test_the_usual_form_with_its_words_written_together_is_not_flagged():
    source = "The European Environment Agency said air quality had improved in most cities."
    mt = ("La Agencia Europea de Medioambiente afirmó que la calidad del aire había mejorado en la mayoría de "
          "las ciudades.")
    assert _flags("es", source, mt) == []


def test_a_name_word_rendered_by_its_own_form_is_no_swap():
    source = "The Swedish Stroke Registry counted more cases than a year earlier."
    mt = "Das Schwedische Schlaganfall-Register zählte mehr Fälle als ein Jahr zuvor."
    assert _flags("de", source, mt) == []


def test_a_name_word_rendered_in_one_of_its_senses_is_no_swap():
    source = "The Asian Games will open in the city next autumn."
    mt = "Die Asiatischen Spiele werden im nächsten Herbst in der Stadt eröffnet."
    assert _flags("de", source, mt) == []
