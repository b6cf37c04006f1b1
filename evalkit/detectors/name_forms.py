"""How an MT name relates to a real one, word by word: kept, translated into the target language (the
table evalkit/data/name_words.tsv), or swapped for another word. "Journal de Wall Street" is The Wall
Street Journal translated; "Washington Publish" is The Washington Post with a word swapped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .langdata import data_text, word_set
from .text import fold, zipf

# Words that sit inside a rendered name without being part of it: articles, prepositions, contractions.
_GLUE = word_set("name-glue")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Rendering:
    """How the words of a candidate name stand for the words of a real one."""

    kept: int          # words written as in the real name
    translated: int    # words translated into the target language
    swapped: tuple[str, ...]   # candidate words that are neither: another word in the name's place
    parts: int         # words of the real name

    @property
    def complete(self) -> bool:
        return self.kept + self.translated + len(self.swapped) == self.parts


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, tuple[str, ...]]]:
    """target language -> English word -> its translations (folded)."""
    text = data_text("name_words")
    langs: list[str] = []
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "en":
            langs = cols[1:]
            continue
        for lang, cell in zip(langs, cols[1:]):
            forms = tuple(fold(f) for f in cell.split("|") if f and " " not in f)
            old = table.setdefault(lang, {}).get(cols[0], ())
            table[lang][cols[0]] = old + forms
    return table


@lru_cache(maxsize=64)
def _reverse(lang: str) -> dict[str, frozenset[str]]:
    """target-language form -> the English name words it translates."""
    out: dict[str, set[str]] = {}
    for en, forms in _table().get(lang, {}).items():
        for form in forms:
            out.setdefault(form, set()).add(en)
    return {k: frozenset(v) for k, v in out.items()}


def name_words(text: str) -> list[str]:
    """The content words of a name, folded; hyphens split ("Wall-Street-Tagebuch")."""
    return [fold(w) for w in _WORD.findall(text.replace("-", " ")) if fold(w) not in _GLUE]


def _same(a: str, b: str) -> bool:
    """One word, maybe inflected (financier/financiers, zeit/zeiten)."""
    if a == b:
        return True
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 4 and shared >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 3


@lru_cache(maxsize=1 << 14)
def translates(word: str, english: str, lang: str) -> bool:
    """`word` (folded) is a translation of the English name word `english` into `lang`."""
    return any(_same(word, form) for form in _table().get(lang, {}).get(english, ()))


@lru_cache(maxsize=1 << 14)
def english_for(word: str, lang: str) -> frozenset[str]:
    """English name words that `word` (folded) may translate, compounds included ("finanzzeiten")."""
    rev = _reverse(lang)
    out = set(rev.get(word, ()))
    if not out and len(word) >= 5:
        out = {en for form, ens in rev.items() if len(form) >= 4 and _same(word, form) for en in ens}
    return frozenset(out)


def split_compound(word: str, lang: str) -> list[str] | None:
    """A German compound made of two translated name words ("finanzzeiten" -> finanz + zeiten)."""
    if lang not in ("de", "nl") or len(word) < 8:
        return None
    for cut in range(4, len(word) - 3):
        left, right = word[:cut], word[cut:]
        if english_for(left, lang) and english_for(right, lang):
            return [left, right]
    return None


def render(candidate: Sequence[str], real: Sequence[str], lang: str) -> Rendering | None:
    """How the candidate's words (folded) stand for the real name's words (folded, no glue), in any
    order; None when the counts differ."""
    if len(candidate) != len(real):
        return None
    left = list(real)
    kept = translated = 0
    swapped = []
    for word in candidate:
        hit = next((r for r in left if _same(word, r)), None)
        if hit is not None:
            kept += 1
        else:
            hit = next((r for r in left if translates(word, r, lang)), None)
            if hit is not None:
                translated += 1
            else:
                swapped.append(word)
                continue
        left.remove(hit)
    return Rendering(kept, translated, tuple(swapped), len(real))


def foreign_word(word: str, src: str, tgt: str) -> bool:
    """A dictionary word of the source language that the target language does not use: what a spinner
    put in place of a name's word ("Worldwide" in a Spanish text)."""
    zs, zt = zipf(word, src), zipf(word, tgt)
    return zs >= 3.0 and zs - zt >= 1.5
