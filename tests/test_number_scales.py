"""Scale words (million, milliard, Billion, mil millones, млрд) from CLDR: the data file, its builder,
and the number check that reads them (evalkit/detectors/numbers.py, structure.py). Texts written for
these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.detectors.base import prepare_input
from evalkit.detectors.langdata import table
from evalkit.detectors.numbers import scale_mismatches, scaled_numbers
from evalkit.detectors.structure import StructureDetector

ROOT = Path(__file__).resolve().parents[1]
NUMBER = "accuracy/mistranslation/number"


def number_flags(hyp: str, src: str, tgt: str) -> list[tuple[str, str | None]]:
    doc = prepare_input(hyp, "en", tgt, source=src)
    return [(f.text, f.suggestion) for f in StructureDetector().detect(doc) if f.category == NUMBER]


def test_the_data_file_has_each_languages_words_for_a_million_and_a_milliard():
    rows = {(r["lang"], r["word"]): int(r["exponent"]) for r in table("number_scales")}
    assert rows[("en", "billion")] == 9 and rows[("fr", "billion")] == 12 and rows[("fr", "milliards")] == 9
    assert rows[("de", "Milliarden")] == 9 and rows[("de", "Mio.")] == 6
    assert rows[("es", "mil millones")] == 9 and rows[("es", "millones")] == 6
    assert rows[("ru", "млрд")] == 9 and rows[("ru", "миллионов")] == 6


def test_the_builder_writes_the_shipped_file_from_cldr():
    pytest.importorskip("babel")   # the `tools` extra
    out = subprocess.run([sys.executable, "tools/build_number_scales.py"], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout
    assert out == (ROOT / "evalkit/data/number_scales.tsv").read_text(encoding="utf-8")


def test_a_number_and_its_scale_word_are_read_as_one_amount():
    found = scaled_numbers("Costó 500 millones de pesos y otros 3 mil millones.", "es")
    assert [(e, sorted(v)) for _, _, v, e in found] == [(6, ["500"]), (9, ["3"])]


@pytest.mark.parametrize("tgt, hyp, src, expected", [
    ("es", "El proyecto costó más de 500 millones de pesos.", "The project cost more than 500 billion pesos.",
     ("500 millones", "500 billion")),
    ("de", "Das Werk meldete einen Verlust von 1,6 Millionen Dollar.", "The plant reported a loss of 1.6 billion dollars.",
     ("1,6 Millionen", "1.6 billion")),
    # the false friend: a French billion is a thousand milliards
    ("fr", "La dette atteint 2 billions d’euros.", "The debt has reached 2 billion euros.", ("2 billions", "2 billion")),
    ("ru", "Бюджет составил 4 млн рублей.", "The budget came to 4 billion roubles.", ("4 млн", "4 billion")),
])
def test_a_number_scaled_by_another_power_of_ten_is_flagged(tgt, hyp, src, expected):
    assert number_flags(hyp, src, tgt) == [expected]


@pytest.mark.parametrize("tgt, hyp, src", [
    ("es", "Los visitantes gastaron 108.000 millones de euros.", "Visitors spent 108 billion euros."),
    ("fr", "La dette atteint 2 milliards d’euros.", "The debt has reached 2 billion euros."),
    ("de", "Der Umsatz stieg auf 3,2 Mrd. Euro.", "Sales rose to 3.2 billion euros."),
    ("ru", "Бюджет составил 4 млрд рублей.", "The budget came to 4 billion roubles."),
    # a sentence left in English is untranslated text, not a wrong number
    ("fr", "The debt has reached 2 billion euros.", "The debt has reached 2 billion euros."),
])
def test_the_same_amount_in_other_words_is_not_flagged(tgt, hyp, src):
    assert number_flags(hyp, src, tgt) == []
    assert scale_mismatches(src, hyp, "en", tgt) == []


def zh_number_flags(hyp: str, src: str) -> list[str]:
    doc = prepare_input(hyp, "zh", "en", source=src)
    return [f.text for f in StructureDetector().detect(doc) if f.category == NUMBER]


def test_a_chinese_amount_and_its_english_rendering_are_one_amount():
    # 亿 is 10^8: 200亿 is 20 billion, 92万 is 920,000; digits alone would differ
    assert zh_number_flags("Marcos won deals worth US$20 billion.", "小马科斯获得价值200亿美元的协议。") == []
    assert zh_number_flags("Schengen countries received over 920,000 applications.", "申根国家收到超过92万份申请。") == []
    # 4765亿 is 476.5 billion, not 4765 billion
    assert zh_number_flags("Alphabet lost 4765 billion dollars in value.", "谷歌母公司市值蒸发4765亿美元。") == \
        ["4765 billion"]
