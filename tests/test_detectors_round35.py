"""Issue 15, thirty-fifth round: what held-outs 77 and 78 (measured untouched, then read) showed.
- A text generator's report whose participle agrees with its noun ("статья переписана", "la nota reescrita"): the
  report cues had the masculine form only.
- An order to "render" or "recast" the text, as to rewrite it.
Each on lines written for this test (none of them a line of the dev set or of a held-out split)."""

from __future__ import annotations

import pytest

from tests.one_line_page import page_flags


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
