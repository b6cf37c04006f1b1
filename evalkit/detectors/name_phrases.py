"""A source name that the aligned MT keeps in English with one of its words written as a phrase of two or three
English words ("Windpower Month-to-month" for Windpower Monthly, "Alaska General public Media" for Alaska Public
Media, "Day by day FT" for the Daily FT): a spinner's synonym of the word, a phrase, that the MT kept as the name.
rendered.py compares names word for word; this reads the one case where the counts differ."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .gazetteer import synonyms
from .text import zipf

# a phrase in a word's place has at most this many words
_PHRASE_WORDS = 3
# each word of the phrase is an English word at least this frequent in English, and no more frequent in the target
# language: the words of a name kept in English
_ENGLISH_ZIPF = 2.5
# an English word at least this frequent is a function word ("by", "to", "of"), which a phrase may hold
_FUNCTION_ZIPF = 6.0
# what may stand between two words of one name in the MT: a space or a hyphen ("Month-to-month")
_JOINS = (" ", "-", "\u00a0")


def phrase_swapped(real: Sequence[str], tokens: Sequence, text: str, source_words: Callable[[], frozenset[str]],
                   src: str, tgt: str) -> tuple[int, int, str, str] | None:
    """(start, end, the source's word, the phrase) of the MT tokens that write the name of the words `real`
    (folded, two or more) with one word written as a phrase of two or three English words, every other word as the
    source writes it, in the same order; None when none do. The phrase's first word has a capital, as a name's
    words have; it holds an English content word that the source segment does not have (`source_words()`, asked
    only for a phrase: a word the source has is another name's or text left untranslated, no spinner's), and
    otherwise only the word itself ("Brand New" for New) or English function words ("Day by day")."""
    low = [t.lower for t in tokens]
    wanted = set(real)
    where: dict[str, list[int]] = {}
    for k, w in enumerate(low):
        if w in wanted:
            where.setdefault(w, []).append(k)
    if not where:
        return None   # (most names: none of their words in the MT segment)
    for i, word in enumerate(real):
        before, after = list(real[:i]), list(real[i + 1:])
        # where the name may start: at its first word, or (the phrase first) a phrase's length before its second
        starts = where.get(real[0], []) if before else sorted(
            {j - n for j in where.get(real[1], []) for n in range(2, _PHRASE_WORDS + 1) if j >= n})
        for k in starts:
            found = _window(tokens, low, text, k, (before, word, after), source_words, (src, tgt))
            if found is not None:
                return found[0], found[1], word, found[2]
    return None


def _window(tokens: Sequence, low: list[str], text: str, k: int, parts: tuple,
            source_words: Callable[[], frozenset[str]], langs: tuple[str, str]) -> tuple[int, int, str] | None:
    """The name read from token `k`: the words before the phrase as written, the phrase (the longest that fits),
    the words after it."""
    before, word, after = parts
    if low[k:k + len(before)] != before or not before and not tokens[k].capitalised or not (before or after):
        return None
    p = k + len(before)
    for n in range(_PHRASE_WORDS, 1, -1):
        q = p + n
        if q + len(after) > len(tokens) or low[q:q + len(after)] != after:
            continue
        last = q + len(after) - 1
        if not all(text[tokens[m].end:tokens[m + 1].start] in _JOINS for m in range(k, last)) \
                or last + 1 < len(tokens) and text[tokens[last].end:tokens[last + 1].start] == "-":
            continue   # (a word cut at its hyphen is no name's end)
        phrase = tokens[p:q]
        if phrase[0].capitalised and _spun_phrase([t.lower for t in phrase], word, source_words, langs):
            return tokens[k].start, tokens[last].end, text[phrase[0].start:phrase[-1].end]
    return None


def _spun_phrase(words: list[str], word: str, source_words: Callable[[], frozenset[str]],
                 langs: tuple[str, str]) -> bool:
    src, tgt = langs
    new = [w for w in words if w != word and zipf(w, src) < _FUNCTION_ZIPF]
    return bool(new) and all(w.isalpha() and zipf(w, src) >= zipf(w, tgt) for w in words) \
        and all(zipf(w, src) >= _ENGLISH_ZIPF for w in new) and source_words().isdisjoint(new)


def phrase_relative(word: str, phrase: str) -> bool:
    """The phrase is one WordNet relates to the word ("day by day" for daily; outlet_phrases.tsv)."""
    return "_".join(_words(phrase)) in synonyms().get(word, frozenset())


def _words(phrase: str) -> list[str]:
    return phrase.lower().replace("-", " ").split()
