"""Issue 15, twenty-ninth round. A news outlet's name of one word that the source cites as the press is ("told The
Nationalist") and that the aligned MT writes translated ("El Nacionalista", "Die Stimme" inside a sentence) is a
wrong named entity; kept, or in a sentence where the word is an ordinary word, it is not. An English instruction to
a text generator that opens on "Now", "Then" or "Next" before its imperative, or on "Give the ..." ("Give the story
more emotion"), is a leaked prompt, not untranslated text. Each on lines written for this test (none of them a line
of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
PROMPT = "addition/prompt-leak"
UNTRANSLATED = "accuracy/untranslated"


@pytest.mark.parametrize("lang, source, line, name", [
    ("es", "A farmer near the town told The Nationalist that the new road would cut his trips by half.",
     "Un agricultor cerca del pueblo dijo a El Nacionalista que la nueva carretera reduciría a la mitad sus viajes.",
     "El Nacionalista"),
    ("de", "The head teacher told The Voice that the school would stay open until the end of term.",
     "Die Schulleiterin sagte Die Stimme, dass die Schule bis zum Ende des Halbjahres geöffnet bleibe.",
     "Die Stimme"),
    ("fr", "The mayor told The Scotsman that the ferry would sail again in spring.",
     "Le maire a déclaré à L'Écossais que le ferry reprendrait la mer au printemps.",
     "L'Écossais"),
])
def test_a_one_word_outlet_translated_is_a_wrong_named_entity(lang, source, line, name):
    found = page_flags(line, lang, source_line=source, category=NAMED_ENTITY)
    assert [f.text for f in found] == [name], found
    assert "its name translated" in found[0].evidence


@pytest.mark.parametrize("lang, source, line", [
    # the name kept as the source writes it
    ("es", "A farmer near the town told The Nationalist that the new road would cut his trips by half.",
     "Un agricultor cerca del pueblo dijo a The Nationalist que la nueva carretera reduciría a la mitad sus viajes."),
    # the word's translation as an ordinary word, not written as a name is
    ("fr", "The mayor told The Voice that residents had raised their voice at the meeting.",
     "Le maire a déclaré à The Voice que les habitants avaient élevé la voix lors de la réunion."),
    # a body's name, said rather than cited as the press is
    ("es", "The Nationalist said the vote would be held in May.",
     "Los nacionalistas dijeron que la votación se celebraría en mayo."),
])
def test_a_one_word_outlet_kept_or_an_ordinary_word_is_no_named_entity(lang, source, line):
    assert page_flags(line, lang, source_line=source, category=NAMED_ENTITY) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Now rewrite the next section in a livelier voice and cut it to about 250 words."),
    ("fr", "Then shorten the closing paragraph and add a question for the readers."),
    ("es", "Next, make the headline punchier and keep it under ten words."),
    ("ru", "Give the piece a warmer ending and finish with a call to readers to share their memories."),
])
def test_an_english_instruction_after_now_or_giving_the_story_is_a_leaked_prompt(lang, line):
    found = page_flags(line, lang)
    assert [(f.category, f.text) for f in found] == [(PROMPT, line)], found


@pytest.mark.parametrize("lang, line", [
    # English prose left untranslated, which opens on the same words without ordering a writer
    ("de", "Now the council says the bridge will reopen in March after repairs to its deck."),
    ("fr", "Then the rain came and the river rose by two metres in a single night."),
])
def test_english_prose_opening_on_now_or_then_is_untranslated_not_a_prompt(lang, line):
    found = page_flags(line, lang)
    assert found and all(f.category == UNTRANSLATED for f in found), found
