"""Names an MT system translated word by word, or a spinner reworded: "Le Journal de Wall Street",
"Tiempos Financieros", "Wall-Street-Tagebuch" (The Wall Street Journal, Financial Times), "Washington
Publish" (The Washington Post). With the source, the names of an aligned source segment are compared
with the MT's; without it, the MT's names with the gazetteer's outlets. Used by NamesDetector.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..flags import Flag
from .base import DetectionInput
from .gazetteer import content_words, gazetteer, lower_words
from .langdata import values, word_set
from .name_forms import (
    Rendering,
    _same,
    english_for,
    foreign_word,
    name_words,
    render,
    split_compound,
)
from .text import CONNECTORS, aligned_tokens, fold, name_sequences, outlet_slot, zipf

NAMED_ENTITY = "accuracy/mistranslation/named-entity"

_NOUN_CAPITALS = frozenset(values("language_facts", "lang", fact="capitalises-nouns"))   # de, lb
# Articles and contractions before a name that a text treats as a title ("au Gardien", "el Atlético").
_BEFORE_NAME = word_set("before-name")


def rendered_with_source(detector, doc: DetectionInput, src: str, tgt: str) -> list[Flag]:
    """A multi-word name of a source segment that its aligned MT segment writes translated or reworded."""
    source, text = doc.source or "", doc.hypothesis
    flags: list[Flag] = []
    for s_tokens, t_tokens, _sa, _sb in aligned_tokens(doc):
        cands = t_fold = None
        t_text = text[t_tokens[0].start:t_tokens[-1].end].casefold() if t_tokens else ""
        for seq in name_sequences(s_tokens, source):
            if seq.caps_line or seq.first == seq.last or _strip_article(seq.text).casefold() in t_text:
                continue
            real = name_words(seq.text)
            if len(real) < 2:
                continue
            if cands is None:   # the MT segment's names and their words, once per link
                cands = [(t, _candidate_words(t.text, tgt))
                         for t in _hyphened(name_sequences(t_tokens, text), text) if not t.caps_line]
            outlet = entry = None
            for cand, words in cands:
                if len(words) != len(real):
                    continue
                if outlet is None:
                    entry = gazetteer().lookup(seq.text)
                    outlet = _Outlet(entry, source, seq)
                how = _verdict(words, real, src, tgt, outlet)
                if not how:
                    continue
                t_fold = fold(t_text) if t_fold is None else t_fold
                if _written(fold(_strip_article(seq.text)), t_fold) \
                        or entry is not None and _alias_written(entry, t_fold):
                    break   # the MT writes the name (or its usual form) too
                name = _strip_article(seq.text)
                start = _name_start(cand, text)
                flags.append(detector._flag(
                    doc, start, cand.end, NAMED_ENTITY, "major", 0.92,
                    f"the aligned source names {name!r}; the MT writes {text[start:cand.end]!r}, {how}", name))
                break
    return flags


class _Outlet:
    """Whether a source name is a news outlet's: a gazetteer outlet, or an unknown name where the source
    cites a news source (worked out only when asked: most names are never compared)."""

    def __init__(self, entry, source: str, seq) -> None:
        self.entry, self.source, self.seq = entry, source, seq

    def __bool__(self) -> bool:
        if self.entry is not None:
            return self.entry.is_outlet
        # an unknown name cited as a source is an outlet's when it ends as outlets' names do
        # ("... Post", "... Tribune"): "the White House said" cites no newspaper
        words = name_words(self.seq.text)
        return bool(words) and words[-1] in _outlet_heads() and \
            outlet_slot(self.source, self.seq.start, self.seq.end) == "attribution"


@lru_cache(maxsize=1)
def _outlet_heads() -> frozenset[str]:
    """The last words of the gazetteer's outlets of two words or more (times, post, journal, press...)."""
    return frozenset(fold(w[-1]) for w, entry in gazetteer().multi_list if entry.is_outlet)


def _verdict(words: list[str], real: Sequence[str], src: str, tgt: str, outlet) -> str | None:
    """Why an MT name of the given words is a wrong rendering of the real name's words `real`, or None."""
    r = render(words, real, tgt)
    if r is None or r.kept + r.translated == 0:
        return None
    if r.swapped:
        if len(r.swapped) < len(real) and all(zipf(w, src) >= 3.0 and zipf(w, src) >= zipf(w, tgt)
                                              for w in r.swapped):
            return f"the same name with {', '.join(repr(w) for w in r.swapped)} in place of a word of it"
        return None
    if r.translated == 0 and all(map(_same, words, real)):
        return None   # the name itself, spelt or punctuated another way (Dmitri/Dmitry)
    if not outlet:
        return None   # an organisation's name is translated on purpose ("Réserve fédérale")
    return "a word-by-word translation of it: the name of a news outlet is not translated"


def _name_start(seq, text: str) -> int:
    """Where the name of a sequence starts: after its article ("La Federal Aviation Management")."""
    first, _, rest = seq.text.partition(" ")
    return seq.start + len(first) + 1 if rest and first.lower() in _BEFORE_NAME else seq.start


def _hyphened(seqs, text: str) -> list:
    """Name sequences joined by hyphens ("Wall-Street-Tagebuch") made one."""
    out: list = []
    for seq in seqs:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end:seq.start] == "-":
            out[-1] = prev._replace(last=seq.last, end=seq.end, text=text[prev.start:seq.end])
        else:
            out.append(seq)
    return out


def _candidate_words(candidate: str, tgt: str) -> list[str]:
    words = name_words(candidate)
    if len(words) == 1:
        parts = split_compound(words[0], tgt)
        if parts and zipf(words[0], tgt) < 2.0:
            return parts
    return words


def _strip_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in ("the", "le", "la", "les", "el", "der", "die", "das") else name


def _alias_written(entry, t_fold: str) -> bool:
    return any(_written(fold(_strip_article(form)), t_fold) for _, form in ((None, entry.name), *entry.aliases))


def _written(form: str, text: str) -> bool:
    """`form` occurs in `text` as words of their own ("telegraph" is not in "telegraphe quotidien")."""
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


# --------------------------------------------------------------------------- without the source

def rendered_without_source(detector, doc: DetectionInput, tokens, seqs, src: str, tgt: str) -> list[Flag]:
    """MT names that are a gazetteer outlet translated word by word, or a name partly translated and
    partly swapped for source-language words ("Fondo Monetario Worldwide")."""
    gaz = gazetteer()
    text = doc.hypothesis
    flags: list[Flag] = []
    for seq in _hyphened(seqs, text):
        if seq.caps_line or seq.first == seq.last and not _may_be_single(seq, tokens, tgt):
            continue
        if gaz.lookup(seq.text) is not None:
            continue
        words = _candidate_words(seq.text, tgt)
        if not words or not all(len(w) >= 2 for w in words):
            continue
        if len(words) == 1:
            found = _single(seq, words[0], tokens, text, tgt)
        else:
            found = _multi(words, src, tgt)
        if found:
            entry, how = found
            start = _name_start(seq, text) if len(words) > 1 else seq.start
            flags.append(detector._flag(doc, start, seq.end, NAMED_ENTITY, "major", 0.7,
                                        f"reads as {entry.name!r} {how}", entry.name))
    return flags


def _multi(words: list[str], src: str, tgt: str):
    gaz = gazetteer()
    options: set[int] = set()
    for w in words:
        for en in {w} | english_for(w, tgt):
            options |= gaz.word_index.get(en, set())
    best = None
    for k in sorted(options):
        target, entry = gaz.multi_list[k]
        real = [fold(w) for w in target if fold(w) not in ("the",)]
        r = render(words, [w for w in real if w not in CONNECTORS], tgt)
        if r is None or r.kept + r.translated == 0:
            continue
        how = _how(r, words, real, entry, src, tgt)
        if how and (best is None or r.kept + r.translated > best[2]):
            best = (entry, how, r.kept + r.translated)
    return best[:2] if best else None


def _how(r: Rendering, words: list[str], real: list[str], entry, src: str, tgt: str) -> str | None:
    if r.swapped:
        if r.kept + r.translated >= 2 and r.translated >= 1 and all(foreign_word(w, src, tgt) for w in r.swapped):
            return (f"partly translated, with the {src} word(s) {', '.join(repr(w) for w in r.swapped)} "
                    "in place of the rest")
        return None
    if r.translated == 0 and all(map(_same, words, [w for w in real if w not in CONNECTORS])):
        return None   # the name itself
    if entry.is_outlet:
        return "translated word by word: the name of a news outlet is not translated"
    return None   # an organisation's translated name is its usual name ("Organisation mondiale du commerce")


def _may_be_single(seq, tokens, tgt: str) -> bool:
    """A one-token name may be a translated one-word outlet (or a German compound of two words): the
    cheap tests of `_single`, before any lookup."""
    first = tokens[seq.first]
    if tgt in ("de", "nl") and len(first.text) >= 8:
        return True   # a compound: "Finanzzeiten"
    prev = tokens[seq.first - 1] if seq.first > 0 else None
    return not first.initial and prev is not None and prev.lower in _BEFORE_NAME and prev.line == first.line


def _single(seq, word: str, tokens, text: str, tgt: str):
    """A one-word outlet translated ("au Gardien" for the Guardian): a common word of the target
    language, capitalised inside a sentence after an article, or where a news source is cited."""
    first = tokens[seq.first]
    article = first.lower in _BEFORE_NAME and seq.last > seq.first
    prev = tokens[seq.first - 1] if seq.first > 0 else None
    if not article and (first.initial or prev is None or prev.lower not in _BEFORE_NAME or prev.line != first.line):
        return None
    slot = outlet_slot(text, seq.start, seq.end) == "attribution"
    if tgt in _NOUN_CAPITALS and not slot:
        return None   # German capitalises every noun: a capital says nothing
    if zipf(tokens[seq.last].lower, tgt) < 3.0:
        return None
    gaz = gazetteer()
    for en in sorted(english_for(word, tgt)):
        entry = gaz.by_words.get((en,))
        if entry is not None and entry.is_outlet and fold(content_words(lower_words(entry.name))[0]) != word:
            return entry, "translated: the name of a news outlet is not translated"
    return None


# --------------------------------------------------------------------------- the common-word guard

def common_word_flag(doc: DetectionInput, flag: Flag, tgt: str) -> bool:
    """A named-entity flag on one common word of the target language that nothing marks as a name
    ("keine Zeit hatten" is not Die Zeit): in German a capital says nothing, elsewhere a capital inside
    a sentence does. Such a flag is dropped unless the word sits where a news source is cited."""
    if flag.category != NAMED_ENTITY:
        return False
    if not flag.text.isalpha() or not flag.text[:1].isupper() or zipf(flag.text.lower(), tgt) < 3.0:
        return False   # a title or a lowercase word stands where the source's name was: its own evidence
    if outlet_slot(doc.hypothesis, flag.start, flag.end) == "attribution":
        return False
    if tgt not in _NOUN_CAPITALS and flag.text[:1].isupper() and not _sentence_start(doc.hypothesis, flag.start):
        return False
    return True


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \u00a0«“\"'(")
    return not before or before[-1] in ".!?:\n"
