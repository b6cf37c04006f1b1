"""The name-word translations mined from ROR's labels (evalkit/data/name_words_ror.tsv), as the names
rules use them: to clear a legitimate translation the hand-written table lacks, never to call a word a
swap nor to count a name as translated. Text written for this test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.base import prepare_input
from evalkit.detectors.name_forms import hand_table, mined_translation, other_word, usual_forms
from evalkit.detectors.names import NAMED_ENTITY, NamesDetector


def named(text: str, tgt: str, source: str) -> list[str]:
    doc = prepare_input(text, "en", tgt, source=source)
    return [f.text for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]


def test_the_mined_table_knows_what_the_hand_written_one_lacks():
    assert "commerce" not in hand_table()["fr"]["business"]
    assert mined_translation("commerce", "business", "fr")
    assert not mined_translation("marketing", "business", "fr")
    # the evidence still names the hand-written translations, which come first
    assert usual_forms("business", "fr")[:2] == ("affaires", "entreprise")
    assert "commerce" in usual_forms("business", "fr", mined=True)


def test_a_mined_translation_is_no_swap_and_another_word_still_is():
    src = "The European Business Council met in Brussels on Monday."
    assert other_word("commerce", "business", "fr") is None
    assert named("Le Conseil européen du commerce s'est réuni lundi à Bruxelles.", "fr", src) == []
    assert named("Le Conseil européen du tourisme s'est réuni lundi à Bruxelles.", "fr", src) \
        == ["Conseil européen du tourisme"]
    # a lowercase word right after a glue word of the name is the name's (twentieth session): one that no
    # table and no sense of Wiktionary gives for the English word is another word in its place; the usual
    # renderings stay unflagged
    assert other_word("marketing", "business", "fr") == "another word"
    assert named("Le Conseil européen du marketing s'est réuni lundi à Bruxelles.", "fr", src) \
        == ["Conseil européen du marketing"]
    assert named("Le Conseil européen des affaires s'est réuni lundi à Bruxelles.", "fr", src) == []
    assert named("Le Conseil européen des entreprises s'est réuni lundi à Bruxelles.", "fr", src) == []


def test_a_word_only_the_mined_table_lists_is_never_called_another_word():
    # "oncology" has mined forms only: what stands in its place cannot be judged
    assert usual_forms("oncology", "fr") == () and usual_forms("oncology", "fr", mined=True)
    assert other_word("chirurgie", "oncology", "fr") is None


def test_a_name_translated_with_mined_words_is_not_taken_for_a_translated_outlet():
    # "environnement" is mined for "environmental"; the agency cited as a source keeps its French name
    src = "Emissions from power plants fell by 3% last year, according to the Environmental Protection Agency."
    hyp = ("Les émissions des centrales ont baissé de 3 % l'an dernier, selon l'Agence de protection de "
           "l'environnement.")
    assert mined_translation("environnement", "environmental", "fr")
    assert named(hyp, "fr", src) == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcdeinrst", max_size=9), st.text(alphabet="abcdeinrst", max_size=9))
def test_same_word_is_the_common_prefix_rule(a, b):
    """name_forms._same on two Latin words: its cheap length and first-letters test agrees with the rule
    read from the common prefix (four letters or more, all but one of the shorter word, lengths within 3)."""
    import os

    from evalkit.detectors.name_forms import _same
    shared = len(os.path.commonprefix([a, b]))
    rule = a == b or shared >= 4 and shared >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 3
    assert _same(a, b) == rule
    assert _same("financier", "financiers") and not _same("final", "financiers")
