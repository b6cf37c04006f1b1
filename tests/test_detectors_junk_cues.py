"""evalkit/detectors/layout.py: the junk cues' alternations, grouped by first letter, match what the cues
one by one match."""

import re
from pathlib import Path

from evalkit.detectors.langdata import values
from evalkit.detectors.layout import _alternation, _by_first_letter, _cue_regex

ROOT = Path(__file__).resolve().parents[1]


def _kinds() -> list[str]:
    return sorted(set(values("junk_cues", "kind")))


def _lines() -> list[str]:
    corpus = ROOT / "corpora" / "spinner-news-en-fr"
    return [line for p in sorted(corpus.rglob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]


def test_grouped_alternations_match_what_the_cues_one_by_one_match() -> None:
    lines = _lines()
    grouped = 0
    for kind in _kinds():
        cues = sorted(set(values("junk_cues", "cue", kind=kind)), key=len, reverse=True)
        flat = "|".join(map(_cue_regex, cues))
        grouped += _by_first_letter(cues) is not None
        # each cue as written, in capitals, glued to words, in a sentence; and real lines
        probes = lines + [f"{pre}{form}{post}" for c in cues for form in (c, c.upper(), c.title())
                          for pre, post in (("", ""), ("x", ""), ("Voir ", " : la suite"), ("", "s"))]
        for shape in ("(?:{})", r"(?<![^\W\d_])(?:{})(?![^\W\d_])", r"^(?:{})[\s\u00a0]*:"):
            old = re.compile(shape.format(flat), re.IGNORECASE)
            new = re.compile(shape.format(_alternation(cues)), re.IGNORECASE)
            for text in probes:
                assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (kind, text)
    assert grouped >= len(_kinds()) // 2


def test_letters_a_case_blind_regex_mixes_up_are_not_grouped() -> None:
    assert _by_first_letter(["abc", "Abd", "bcd"]) == {"a": ["abc", "Abd"], "b": ["bcd"]}
    assert _by_first_letter(["ſtraße", "sonne"]) is None      # "ſ" matches "s" case-blind
    assert _by_first_letter(["İstanbul", "ilk"]) is None
    assert _by_first_letter(["« lire", "lire"]) is None        # no letter first
    assert re.fullmatch(_alternation(["abc", "Abd"]), "ABD", re.IGNORECASE)
