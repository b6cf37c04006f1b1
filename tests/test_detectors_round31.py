"""Issue 15, thirty-first round. A news outlet's name of two words or more whose word the MT writes as the target
language's word for it, however like the English word it looks ("Varna-Globus" for the Varna Globe), is translated,
not kept; a name of one word is not read so, since a common word may stand for it ("desde el Atlántico"). A name
ending on "Quarterly", "Weekly", "Monthly", "Fortnightly" or "Daily" is a news outlet's wherever the source names it.
A French name is read up to nine lowercase words after its first. Without the source: a known outlet's name kept in
English but for one English word made from one of its words ("Lithuanian Nationwide Radio and Television") is a
swap; a known paper's name translated in a sense Wiktionary gives, its place named as the target language names it
("El Puesto de Yakarta"), is translated. A note whose body opens on an order to change the text and names the
text or a length ("Note pour la rédaction : allonger ce paragraphe d'environ 120 mots ...") is a leaked prompt.
A word that a few real papers' names hold in place of one that hundreds hold ("Information" for News) is a swap. An
omitted sentence paired with a leaked prompt in its place is found even where the next sentence's rendering is left
unpaired and its repeat paired instead.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


@pytest.mark.parametrize("lang, source, line, name", [
    ("de", "\"The orchards are empty,\" he told the Varna Globe.",
     "„Die Obstgärten sind leer“, sagte er dem Varna-Globus.", "Varna-Globus"),
    ("es", "The harbour was last dredged in 1962, Andes Quarterly noted.",
     "El puerto se dragó por última vez en 1962, señaló Trimestral de los Andes.", "Trimestral de los Andes"),
    ("fr", "The harbour was last dredged in 1962, Andes Quarterly noted.",
     "Le port a été dragué pour la dernière fois en 1962, a noté Trimestriel des Andes.", "Trimestriel des Andes"),
    ("de", "The ferry will not sail again before March, the Orkney Weekly said.",
     "Die Fähre werde vor März nicht wieder auslaufen, sagte das Orkney Wöchentlich.", "Orkney Wöchentlich"),
])
def test_an_outlets_name_translated_word_by_word_is_a_wrong_named_entity(lang, source, line, name):
    found = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name], found
    assert "word-by-word translation" in found[0].evidence


@pytest.mark.parametrize("lang, source, line", [
    # the outlet's name kept as the source writes it
    ("de", "\"The orchards are empty,\" he told the Varna Globe.",
     "„Die Obstgärten sind leer“, sagte er dem Varna Globe."),
    # a name of one word: the ocean, which the target language names with its own word
    ("es", "The salmon swim up the river from the Atlantic every spring.",
     "Los salmones remontan el río desde el Atlántico cada primavera."),
    # bodies' names, translated on purpose, cited with the verb the press is cited with
    ("fr", "The University of the Andes wrote that the harbour was last dredged in 1962.",
     "L'Université des Andes a écrit que le port avait été dragué pour la dernière fois en 1962."),
    ("de", "The Friends of Life wrote that the harbour was last dredged in 1962.",
     "Die Freunde des Lebens schrieben, dass der Hafen zuletzt 1962 ausgebaggert wurde."),
])
def test_a_kept_outlet_an_ocean_or_a_body_translated_is_no_named_entity(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


SANITARY = "The National Sanitary Veterinary and Water Safety Authority said on Monday that the ban on river fishing would stay."


@pytest.mark.parametrize("line, expected", [
    # a French name that goes on for nine words after its first, one word of it swapped
    ("L'Influence nationale sanitaire vétérinaire et pour la sécurité des eaux a déclaré lundi que l'interdiction "
     "de la pêche en rivière resterait.", ["Influence nationale sanitaire vétérinaire et pour la sécurité des eaux"]),
    # the same name rendered
    ("L'Autorité nationale sanitaire vétérinaire et pour la sécurité des eaux a déclaré lundi que l'interdiction "
     "de la pêche en rivière resterait.", []),
])
def test_a_long_french_name_is_read_to_its_last_word(line, expected):
    found = page_flags(line, "fr", source_line=SANITARY, category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found


@pytest.mark.parametrize("lang, line, expected", [
    # a gazetteer outlet's name kept in English, with one English word made from one of its words in its place
    ("fr", "La Lithuanian Nationwide Radio and Television diffusera le concert de la chorale samedi soir.",
     ["Lithuanian Nationwide Radio and Television"]),
    ("es", "La Lithuanian Nationalistic Radio and Television emitirá el concierto del coro el sábado por la noche.",
     ["Lithuanian Nationalistic Radio and Television"]),
    # the name itself
    ("fr", "La Lithuanian National Radio and Television diffusera le concert de la chorale samedi soir.", []),
])
def test_an_outlet_kept_in_english_with_a_word_made_from_its_own_is_a_swap(lang, line, expected):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found
    assert all("an English relative of 'national'" in f.evidence for f in found)


@pytest.mark.parametrize("lang, line, expected", [
    # a known paper's name translated in a sense Wiktionary gives, its place named as the target language names it
    ("es", "Los pescadores de Bali protestaron el martes contra la nueva cuota, según El Puesto de Yakarta.",
     ["Puesto de Yakarta"]),
    # (and with the place kept in its own letters, as before)
    ("fr", "Les pêcheurs de Bali ont protesté mardi contre le nouveau quota, selon Le Poteau de Jakarta.",
     ["Poteau de Jakarta"]),
    ("es", "Más de dos mil peregrinos llegaron a la ciudad vieja el domingo, según El Puesto de Jerusalén.",
     ["Puesto de Jerusalén"]),
    # the paper's own name, and a common noun beside the place
    ("es", "Más de dos mil peregrinos llegaron a la ciudad vieja el domingo, según The Jerusalem Post.", []),
    ("es", "Más de dos mil peregrinos llegaron a la ciudad vieja el domingo, según el puesto de control de Jerusalén.",
     []),
])
def test_a_paper_translated_in_another_sense_with_its_place_in_the_targets_name_is_flagged(lang, line, expected):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found


PROMPT_LEAK = "addition/prompt-leak"


@pytest.mark.parametrize("lang, line", [
    ("fr", "Note pour la rédaction : allonger ce paragraphe d'environ 120 mots et citer deux fois le nom du port."),
    ("es", "Nota: amplíe el texto con dos párrafos sobre el turismo de invierno."),
    ("ru", "Примечание: добавь в текст ещё два абзаца о зимнем туризме."),
    ("de", "Hinweis: ergänze den Absatz um zwei Sätze über den Winterhafen."),
])
def test_a_note_that_orders_a_change_to_the_text_is_a_leaked_prompt(lang, line):
    found = page_flags(line, lang, category=PROMPT_LEAK)
    assert [f.text for f in found] == [line], found
    assert "a note ordering a change to the text" in found[0].evidence


@pytest.mark.parametrize("lang, line", [
    # notes of the article's own: a change verb that is no order opening the note
    ("fr", "Note : la mairie ajoutera deux lignes de bus vers le port en mars."),
    ("es", "Nota: el ayuntamiento añadirá dos líneas de autobús al puerto en marzo."),
])
def test_a_note_of_the_articles_own_is_no_leaked_prompt(lang, line):
    assert page_flags(line, lang, category=PROMPT_LEAK) == []


@pytest.mark.parametrize("lang, line, expected", [
    # "Information", which a few real papers' names hold, in place of "News", which hundreds hold
    ("fr", "Le marché aux poissons rouvrira lundi, a rapporté le Duluth Information Tribune.",
     ["Duluth Information Tribune"]),
    # the real paper's own name; and a word many papers hold in place of another's ("Herald" for Tribune)
    ("fr", "Le marché aux poissons rouvrira lundi, a rapporté le Duluth News Tribune.", []),
    ("fr", "Le marché aux poissons rouvrira lundi, a rapporté le Duluth Herald Tribune.", []),
])
def test_a_rare_papers_word_in_place_of_a_common_one_is_a_swap(lang, line, expected):
    found = page_flags(line, lang, category=NAMED_ENTITY)
    assert [f.text for f in found] == expected, found
    assert all("real newspapers' names hold, against" in f.evidence for f in found)


# an omitted sentence with a leaked prompt in its place, and the next sentence's rendering then its copy with one
# word changed; the alignment as the aligner gave it on such a page: the omitted sentence paired with the prompt,
# the rendering left alone and the next sentence paired with the copy
KILKEE_SOURCE = """Kilkee harbour festival returns after a break

The harbour festival returns to Kilkee on Saturday after a two-year break.
Organisers say 14 boats have entered the regatta this year.
The lifeboat crew will give a display at noon off the pier.
Around 2,500 visitors are expected if the weather holds.
Clare County Council will close the Strand Line to cars from 8am until 6pm.
A shuttle bus will run from the golf club car park every twenty minutes.
"""
KILKEE_MT = """Le festival du port de Kilkee revient après une pause

Le festival du port revient à Kilkee samedi après deux ans d'interruption.
Les organisateurs indiquent que 14 bateaux sont inscrits à la régate cette année.
L'équipage du canot de sauvetage fera une démonstration à midi au large de la jetée.
Réécris ce paragraphe plus simplement et ajoute une question aux lecteurs à la fin.
Le conseil du comté de Clare fermera la Strand Line aux voitures de 8 h à 18 h.
Le conseil du comté de Clare interdira la Strand Line aux voitures de 8 h à 18 h.
Une navette partira du parking du club de golf toutes les vingt minutes.
"""


def test_an_omission_beside_a_prompt_and_a_repeated_line_is_found():
    from dataclasses import replace

    from evalkit.alignment.aligner import Link
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input

    doc = prepare_input(KILKEE_MT, "en", "fr", source=KILKEE_SOURCE)
    links = [Link((0,), (0,), -6.0), Link((1,), (1,), -5.6), Link((2,), (2,), -4.8), Link((3,), (3,), -3.0),
             Link((4,), (4,), 1.5), Link((), (5,), 3.0), Link((5,), (6,), 0.7), Link((6,), (7,), -4.8)]
    flags = run_detectors(replace(doc, alignment=links), make_detectors())
    omissions = [f for f in flags if f.category == "accuracy/omission"]
    assert [f.text for f in omissions] == ["jetée."], flags
    assert "Around 2,500 visitors" in omissions[0].evidence
    # the rendering of the next sentence is no number error against the omitted one
    assert not [f for f in flags if f.category == "accuracy/mistranslation/number"], flags
