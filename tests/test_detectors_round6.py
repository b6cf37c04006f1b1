"""Issue 15, sixth round of rules, each on text written for this test, positives and the negatives
beside them:

- the generator's reply around its chatter on one line: an assent opening the line ("Конечно!") and a
  sentence after it offering, in the first person, to do more ("Если нужно, могу добавить подзаголовки.")
  are part of the leaked reply, not an article sentence with no source;
- with a source: a name the source cites as the press is cited ("..., Inside the Games reported", "told
  Inside the Games"), holding no word of an organisation's name, is a news outlet's; the MT translating it
  word by word is a named-entity error. A body cited the same way ("the Red Cross reported") is translated
  as it should be.

The aligner's side (a source sentence that length alone paired with a leaked reply, its rendering beside
it) is tested in tests/test_align.py.
"""

from __future__ import annotations

import pytest

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.layout import chatter_spans

PROMPT = "addition/prompt-leak"


@pytest.mark.parametrize("line", [
    "Конечно! Вот переписанная статья в более живом стиле. Если нужно, могу добавить подзаголовки.",
    "Bien sûr ! Voici l'article réécrit dans un style plus vivant. Si vous le souhaitez, je peux ajouter des "
    "intertitres.",
    "¡Claro! Aquí tienes el artículo reescrito con un tono más cercano. Si quieres, puedo acortarlo.",
    "Gerne! Hier ist der umgeschriebene Artikel in einem lockeren Ton. Wenn du möchtest, kann ich ihn kürzen.",
])
def test_an_assent_and_a_first_person_offer_beside_chatter_are_the_reply(line):
    spans = chatter_spans(line)
    assert [(a, b) for a, b, _ in spans] == [(0, len(line))]


@pytest.mark.parametrize("line, kept", [
    # the sentence after the chatter is the article's: no offer in the first person
    ("Вот переписанная статья в более живом стиле. Продажи выросли на 5%.", "Продажи выросли на 5%."),
    # an offer quoted in the article is someone's words
    ("Voici l'article réécrit dans un style plus vivant. « Je peux vous aider », a dit le maire.",
     "« Je peux vous aider », a dit le maire."),
])
def test_article_sentences_after_chatter_stay_out_of_it(line, kept):
    spans = chatter_spans(line)
    assert spans and all(b <= line.index(kept) for _, b, _ in spans)


@pytest.mark.parametrize("tgt, line", [
    ("fr", "Je peux vous dire que le projet avance bien, a déclaré le maire."),
    ("ru", "Конечно, могу сказать, что сезон был трудным, — отметил тренер."),
    ("es", "Claro que puedo entenderlo, dijo la ministra."),
])
def test_first_person_sentences_with_no_chatter_are_left_alone(tgt, line):
    assert chatter_spans(line) == []
    text = f"{line}\nLes travaux commenceront au printemps.\n"
    assert not [f for f in run_detectors(prepare_input(text, "en", tgt), make_detectors()) if f.category == PROMPT]


def test_the_reply_line_is_one_prompt_and_no_addition_with_the_source():
    source = ("Analysts expect the market to shrink by about 15% this year.\n"
              "Sales of electric cars stayed small, at about 1,000 a month.\n")
    reply = "Конечно! Вот переписанная статья в более живом стиле. Если нужно, могу добавить подзаголовки."
    text = ("Аналитики ожидают, что в этом году рынок сократится примерно на 15%.\n" + reply + "\n"
            "Продажи электромобилей по-прежнему невелики — около 1000 штук в месяц.\n")
    found = run_detectors(prepare_input(text, "en", "ru", source=source), make_detectors())
    start = text.index(reply)
    assert [(f.start, f.end) for f in found if f.category == PROMPT] == [(start, start + len(reply))]
    assert not [f for f in found if f.category == "accuracy/addition"]
