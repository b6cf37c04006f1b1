"""Spun, calqued, substituted and inconsistently spelt names, outlets first.

With the source: a source name missing from its aligned MT segment and what stands in its place, and a
person's office changed. Without: a gazetteer of real outlets, a synonym-swap model, one name spelt two ways."""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, compress, groupby
from operator import itemgetter, or_

from ..flags import Flag
from .base import DetectionInput, Detector
from .gazetteer import (
    Entry,
    Offices,
    RealSwap,
    analyse,
    content_words,
    gazetteer,
    lower_words,
    name_lexicon,
    newspaper_form_swap,
    newspaper_head_swap,
    newspaper_synonym,
    newspaper_word_swap,
    offices,
    opens_real_newspaper,
    papers_holding,
    phrase_heads,
    real_key,
    real_outlets,
    real_swap,
    related,
    relative,
    synonyms,
    word_forms,
)
from .langdata import capitalises_nouns, english_proper_words, values, word_set
from .layout import is_terminal
from .name_forms import case_forms, name_words, render
from .place_names import english_places, place_pairs
from .rendered import (
    NAMED_ENTITY,
    common_word_flag,
    rendered_with_source,
    rendered_without_source,
    usual_form_replaced,
)
from .text import (
    ARTICLES,
    CONNECTORS,
    CREDIT_WORDS,
    NameSeq,
    Token,
    adjacent,
    aligned_ranges,
    aligned_tokens,
    capitalised_at,
    capitalised_run,
    fold,
    hyphened_run,
    lang_base,
    name_sequences,
    outlet_slot,
    similar_at_least,
    spelling_key,
    tokens_and_starts,
    tokens_where,
    translit_key,
    zipf,
)

INCONSISTENCY = "fluency/inconsistency"


def _bare_word(tokens: Sequence[Token], i: int, j: int, lang: str) -> bool:
    """A known name matched on one common word inside a longer capitalised name: "Press" (The
    Press, a newspaper) in "Related Press". It does not make the longer name a known one."""
    if j - i != 1 or zipf(tokens[i].lower, lang) < 3.0:
        return False
    before = i > 0 and tokens[i - 1].capitalised and not tokens[i - 1].initial and \
        tokens[i - 1].lower not in ARTICLES and tokens[i - 1].line == tokens[i].line
    after = j < len(tokens) and tokens[j].capitalised and tokens[j].line == tokens[i].line
    return before or after


# --------------------------------------------------------------------------- swap model

@dataclass(frozen=True)
class Variant:
    entry: Entry
    target: tuple[str, ...]
    shared: int
    synonyms: int
    score: float


def _dictionary_word(word: str, langs: Iterable[str]) -> bool:
    """A word (or a phrase, its words joined by "_") of one of the languages."""
    return max(zipf(word.casefold().replace("_", " "), lang) for lang in langs) >= 2.5


def _made_of_source_words(words: Sequence[str], langs: Sequence[str]) -> bool:
    """Dictionary words, one at least far more frequent in the source language than in the target:
    what a spinner leaves where a name was ("Economical Situations" in French), not a translation."""
    if not all(_dictionary_word(w, langs) for w in words):
        return False
    src, tgt = langs[0], _target(langs)
    return src == tgt or any(zipf(w.lower(), src) - zipf(w.lower(), tgt) >= 1.0 for w in words)


def swap_variant(words: Sequence[str], langs: Sequence[str], slot: bool = False) -> Variant | None:
    """The gazetteer name of which `words` (a capitalised name) is a synonym-swapped variant, if any."""
    if type(slot) is bool:
        # a name recurs in a document and across documents: the answer is remembered (Variant is frozen)
        return _swap_variant(tuple(words), tuple(langs), slot)
    return _swap_variant.__wrapped__(words, langs, slot)


@lru_cache(maxsize=1 << 14)
def _swap_variant(words: Sequence[str], langs: Sequence[str], slot: bool) -> Variant | None:
    if any(len(w) > 1 and w.isupper() for w in words):
        return None  # an acronym is not a thesaurus word ("New START")
    gaz = gazetteer()
    cand = content_words(tuple(w.lower() for w in words))
    n = len(cand)
    if n < 2 or gaz.by_words.get(cand):
        return None
    options = set()
    for w in cand:
        options |= gaz.word_index.get(w, set())
    best: Variant | None = None
    for k in options or ():
        target, entry = gaz.multi_list[k]
        if len(target) == n:
            best = _better(best, _compare(cand, target, entry, langs, slot))
    return best


# a spinner's phrase for one word of a name, written with its first word capitalised ("Every day Mail",
# "The Day by day Telegraph"): one capitalised word and at most this many lowercase words after it
_PHRASE_TAIL = 2


def _phrase_at(text: str, tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """The phrase opening at capitalised token `i` that the synonym tables list as related to a name word
    (its words joined by "_", or written as one word: "day_by_day", "everyday"), and its last token."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not nxt.text.islower() or not _phrase_joined(text, tokens[i], nxt):
        return None
    if relative(tokens[i].lower + nxt.lower):   # "Every day": everyday
        return tokens[i].lower + nxt.lower, i + 1
    if tokens[i].lower not in phrase_heads():
        return None
    for n in range(1, _PHRASE_TAIL + 1):
        tail = tokens[i + 1:i + 1 + n]
        if len(tail) < n or not tail[-1].text.islower() or not _phrase_joined(text, tokens[i + n - 1], tail[-1]):
            return None
        form = "_".join([tokens[i].lower] + [t.lower for t in tail])
        if relative(form):
            return form, i + n
    return None


def _before_phrase_name(tok: Token, tgt: str) -> bool:
    """A capitalised word before a phrase that is no word of the name: the target language's article ("El Every
    day Herald") or a sentence's first word more the target language's than English's ("Selon The Every day
    Press")."""
    return tok.lower in ARTICLES and tok.lower != "the" or tok.initial and zipf(tok.lower, tgt) > zipf(tok.lower, "en")


def _phrase_joined(text: str, a: Token, b: Token) -> bool:
    """Two words of a phrase: adjacent, or joined by a hyphen ("Day-to-day")."""
    return adjacent(text, a, b) or text[a.end:b.start] == "-"


def _phrase_swaps(detector, doc: DetectionInput, tokens: list[Token], covered: set[int], langs) -> list[Flag]:
    """A known name, or a real newspaper's (Wikidata), with one word swapped for a related phrase, where a news
    source is cited ("informó el Every day Mail" for the Daily Mail, "a rapporté The Day by day Telegraph", "The
    Day-to-day Herald написал" for the Daily Herald); a newspaper's, with the source, only where the aligned
    source names that paper."""
    flags = []
    for i in capitalised_at(tokens):   # (the others are skipped at C speed)
        tok = tokens[i]
        if tok.caps_line or i in covered or tok.initial and tok.lower in ARTICLES:
            continue
        phrase = _phrase_at(doc.hypothesis, tokens, i)
        if phrase is None:
            continue
        before = capitalised_run(doc.hypothesis, tokens, i, -1)
        after = capitalised_run(doc.hypothesis, tokens, phrase[1], 1)
        if not after and not before:
            continue   # (a known short name beside the phrase is that name's word: "Day by day Telegraph")
        while before and _before_phrase_name(tokens[before[0]], _target(langs)):
            before = before[1:]
        if not after and not before:
            continue   # (the phrase alone once the article is left out: no name's other word beside it)
        first, last = tokens[(before or [i])[0]], tokens[(after or [phrase[1]])[-1]]
        if outlet_slot(doc.hypothesis, first.start, last.end) is None:
            continue
        words = [tokens[k].text for k in before] + [phrase[0]] + [tokens[k].text for k in after]
        variant = swap_variant(words, langs, True)
        if variant and variant.synonyms:
            flags.append(detector._flag(
                doc, first.start, last.end, NAMED_ENTITY, "major", variant.score,
                f"reads as {variant.entry.name!r} with a word swapped for a related phrase "
                f"({phrase[0].replace('_', ' ')!r}), in a news-source slot", variant.entry.name))
            continue
        swap = real_swap(content_words(tuple(w.lower() for w in words)))
        if swap and swap.kind == "paper" and _source_names(doc, first.start, last.end, swap.name):
            written = doc.hypothesis[tok.start:tokens[phrase[1]].end].lower()
            flags.append(detector._flag(doc, first.start, last.end, NAMED_ENTITY, "major", 0.7,
                                        _real_swap_evidence(replace(swap, written=written)), swap.name))
    return flags


def _whole_name(tokens: Sequence[Token], idx: Sequence[int], sub: Sequence[int], langs: Sequence[str]) -> bool:
    """`sub` is all of the English name in the capitalised sequence `idx`: the others are articles, a
    sentence's first word of the target language ("Laut"; not "Harvard" of "Harvard Business Review a indiqué")
    or, in a language that capitalises its nouns, its own nouns ("Zeitung"); no word of a longer name ("Leader"
    of "News Post Leader", "Journal" of "Foreign Service Journal")."""
    tgt = _target(langs)
    nouns = capitalises_nouns(tgt)
    return all(tokens[k].lower in ARTICLES
               or tokens[k].initial and zipf(tokens[k].lower, tgt) >= zipf(tokens[k].lower, "en")
               or nouns and zipf(tokens[k].lower, tgt) > zipf(tokens[k].lower, "en") for k in idx if k not in sub)


def _target(langs: Sequence[str]) -> str:
    """The target language: second of `langs` unless the source's is the same."""
    return langs[1] if len(langs) > 1 else langs[0]


def _better(a: Variant | None, b: Variant | None) -> Variant | None:
    if b is None:
        return a
    return b if a is None or b.score > a.score else a


def _compare(cand: tuple[str, ...], target: tuple[str, ...], entry: Entry, langs: Sequence[str],
             slot: bool, sourced: bool = False) -> Variant | None:
    """`cand` read as the gazetteer name `target` with its differing words swapped for synonyms, or None.

    Every differing word must be a synonym of the real one (or, see _swappable_words, a thesaurus word where
    two are kept), and one word at least kept: a shared initial, a shared word beside an unrelated one, or
    synonyms alone tie real papers to one another ("Daily Excelsior" and the Daily Express, "Norwich Evening
    News" and the Manchester one, "State Journal" and the National Review: all real; 0 of the 343 spun
    names of the tuning corpora were found that way).
    `sourced`: the aligned source names `target` there, and no word need be kept ("The Brink")."""
    shared = syn = 0
    differing, untied = [], []
    for c, t in zip(cand, target):
        if c == t:
            if c not in CONNECTORS:
                shared += 1
            continue
        if c in CONNECTORS or t in CONNECTORS or not _dictionary_word(c, langs):
            return None  # spinners swap words for words, not for names
        differing.append((c, t))
        if related(c, t):
            syn += 1
        elif opens_real_newspaper(c):
            return None   # a word that opens real papers' names ("Hawaii Public Radio" is no swap of NPR's)
        else:
            untied.append(t)
    if not differing or not (shared or sourced) or untied and not _swappable_words(untied, shared, slot, entry):
        return None
    if entry.registry and shared < 2:
        return None  # the registry holds generic names ("set Foundation"): one shared word is chance
    if not slot and entry.origin == "public":
        # the public lists hold generic names ("Global News", "International Trade Centre"): "World
        # Trade Center" is no swap of one unless a news source is cited there
        return None
    if any(zipf(t, "en") < 2.5 for _, t in differing):
        return None  # a thesaurus has no synonym for a name's own word ("EFE" of "Agencia EFE")
    if any(t in _capitals_of(entry.name) for _, t in differing):
        return None  # nor for a word the name writes in capitals ("SET Foundation", "LINKS Foundation")
    score = 0.45 + 0.1 * shared + 0.2 * syn / len(differing) + 0.15 * slot
    return Variant(entry, target, shared, syn, min(score, 0.95))


def _swappable_words(untied: Sequence[str], shared: int, slot: bool, entry: Entry) -> bool:
    """Words of a real outlet's name that the name has in no related form may still have been swapped where
    two of its words are kept and a news source is cited ("Wall Road Journal"), if each is a word the
    WordNet synonym tables list ("street"; the broad thesaurus is not asked), not a name's own word:
    "Norwich Evening News" is no swap of the Manchester one, nor "Idaho State Journal" of a university."""
    table = synonyms()
    return entry.is_outlet and shared >= 2 and slot and all(any(table.get(f) for f in word_forms(t)) for t in untied)


@lru_cache(maxsize=4096)
def _capitals_of(name: str) -> frozenset[str]:
    """The words (lowercase) a name writes in capitals: acronyms and brands, no dictionary words there."""
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]{2,}", name) if w.isupper())


# --------------------------------------------------------------------------- people and places, with the source



def _may_open_office(tok: Token, table: Offices) -> bool:
    """The token may open an office title (a cheap test before the real search)."""
    if tok.lower in table.openers:
        return True
    if not table.suffixes or len(tok.text) < 9:
        return False
    word = fold(tok.text)
    return word in table.forms or any(word.endswith(s) for s, _ in table.suffixes)


def _office_at(words: Sequence[str], i: int, table: Offices) -> tuple[int, frozenset[str]] | None:
    """The longest office form starting at words[i]: (its length, its classes)."""
    for form, classes in table.forms.get(words[i], ()):
        if tuple(words[i:i + len(form)]) == form:
            return len(form), classes
    word = words[i]
    for suffix, classes in table.suffixes:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return 1, classes  # German and Dutch compounds: "Außenminister", "Kremlsprecher"
    return None


def find_offices(words: Sequence[str], table: Offices, start: int = 0,
                 end: int | None = None) -> list[tuple[int, int, frozenset[str]]]:
    """Office titles in words[start:end], left to right, longest first: (first, end, classes)."""
    out = []
    i, end = start, len(words) if end is None else end
    while i < end:
        found = _office_at(words, i, table)
        if found and i + found[0] <= end:
            out.append((i, i + found[0], found[1]))
            i += found[0]
        else:
            i += 1
    return out


_NOUN_CAPITALS = frozenset(values("language_facts", "lang", fact="capitalises-nouns"))   # de, lb
_OFFICE_WORDS = {"P": "head of state", "C": "chair", "S": "speaker of a chamber", "G": "head of government",
                 "M": "minister", "V": "vice-president", "K": "monarch", "O": "governor", "Y": "mayor",
                 "N": "senator", "R": "member of parliament", "A": "ambassador", "X": "secretary-general",
                 "L": "officer", "J": "judge", "W": "spokesperson", "Q": "pope"}
_HARD_GAP = re.compile(r"[.;:!?()\[\]«»“”\"—–\n]")


def _office_names(classes: frozenset[str]) -> str:
    return " or ".join(_OFFICE_WORDS[c] for c in sorted(classes))


def _hard_gap(text: str, a: Token, b: Token) -> bool:
    """Sentence or clause punctuation between two tokens (a comma does not count)."""
    return a.line != b.line or _HARD_GAP.search(text, a.end, b.start) is not None


@lru_cache(maxsize=100_000)
def _keys(word: str) -> tuple[str, ...]:
    """Keys under which two spellings of one name or cognate meet: folded form, transliteration key,
    4-letter prefix (Chine/China, Russie/Russia, Zelenskyy/Zelensky)."""
    f = fold(word)
    keys = ["f" + f, "t" + translit_key(word)]
    if len(f) >= 4:
        keys.append("p" + f[:4])
    return tuple(keys)


@lru_cache(maxsize=100_000)
def _alike(a: str, b: str) -> bool:
    """Two spellings of one name beyond the keys (Kyiv/Kiev): same initial, similar letters."""
    fa, fb = fold(a), fold(b)
    return fa[:1] == fb[:1] and len(fa) >= 3 and len(fb) >= 3 and similar_at_least(a, b, 0.7)


class _Match:
    """The tokens of one alignment link, source words paired with the MT words spelt alike (names,
    cognates); the full pairing is worked out only when asked for."""

    def __init__(self, s_tokens: list[Token], t_tokens: list[Token]) -> None:
        self.s_tokens, self.t_tokens = s_tokens, t_tokens
        index: dict[str, list[int]] = {}
        for j, keys in enumerate(map(_keys, map(itemgetter(2), t_tokens))):
            for key in keys:
                hits = index.get(key)   # (not setdefault: that makes a new list for every key)
                if hits is None:
                    index[key] = [j]
                else:
                    hits.append(j)
        self.index = index
        self._s_to_t: dict[int, list[int]] | None = None
        self._t_to_s: dict[int, list[int]] = {}

    def partners(self, i: int) -> list[int]:
        """MT tokens spelt like source token i ("a", "on", "the" pair with nothing: same letters in two
        languages, not the same word)."""
        tok = self.s_tokens[i]
        if len(tok.text) < 4 and not tok.capitalised:
            return []
        return sorted({j for key in _keys(tok.text) for j in self.index.get(key, ())})

    @property
    def s_to_t(self) -> dict[int, list[int]]:
        if self._s_to_t is None:
            self._s_to_t = {}
            for i in range(len(self.s_tokens)):
                hits = self.partners(i)
                if hits:
                    self._s_to_t[i] = hits
                    for j in hits:
                        self._t_to_s.setdefault(j, []).append(i)
        return self._s_to_t

    def sources_of(self, j: int) -> list[int]:
        """Source tokens spelt like MT token j."""
        _ = self.s_to_t
        return self._t_to_s.get(j, [])

    def t_has(self, word: str) -> bool:
        """The MT side writes `word` in some form, or a word derived from it (Christian -> chrétien)."""
        return any(k in self.index for k in _keys(word)) or \
            any(_alike(word, t.text) for t in self.t_tokens if len(t.text) >= 3)


def _written(word: str, text: str) -> bool:
    """`word` occurs in `text` as a word of its own."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
            return True
        at = text.find(word, at + 1)
    return False


class _DocWords:
    """The words of an MT document: capitalised ones under their name keys, the others by likeness."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.keys = set(chain.from_iterable(map(_keys, {tokens[i][2] for i in capitalised_at(tokens)})))
        self.by_initial: dict[str, list[str]] | None = None

    def has(self, word: str) -> bool:
        if any(k in self.keys for k in _keys(word)):
            return True
        if self.by_initial is None:
            # the words grouped by their first character at C speed (a sort), the groups then by its
            # folded form: one fold per character, not per word
            self.by_initial = {}
            words = sorted(w for w in set(map(itemgetter(2), self.tokens)) if len(w) >= 3)
            for first, group in groupby(words, key=itemgetter(0)):
                self.by_initial.setdefault(fold(first), []).extend(group)
        return any(_alike(word, w) for w in self.by_initial.get(fold(word[0]), ()))


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]


def _same_script(tok: Token, t_tokens: Sequence[Token]) -> bool:
    """The MT segment is written in the script of the source name (else no spelling can be compared)."""
    mine = _script(tok.text[0])
    sample = t_tokens[:12]
    return sum(_script(t.text[0]) == mine for t in sample) * 2 >= len(sample)


def _title_case_lines(tokens: Sequence[Token], lines: set[int]) -> set[int]:
    """Those of `lines` written in Title Case (a headline): there every word is capitalised."""
    out = set()
    for line in lines:
        k = bisect.bisect_left(tokens, line, key=lambda t: t.line)
        caps = []
        while k < len(tokens) and tokens[k].line == line:
            if len(tokens[k].text) >= 4:
                caps.append(tokens[k].capitalised)
            k += 1
        if len(caps) >= 3 and sum(caps) >= 0.6 * len(caps):
            out.add(line)
    return out


@lru_cache(maxsize=100_000)
def _kept_name(word: str, src: str, tgt: str) -> bool:
    """A capitalised source word the target language writes as it is (Mao, Pelosi, Kottasová), by
    wordfreq: about as frequent in the target as in the source, and no common word of the source.
    "Thursday", "House", "Beijing" are translated and fail."""
    low = word.lower()
    if len(word) < 2 or word.isupper() or low in ARTICLES or low in CONNECTORS:
        return False
    table = offices(src)
    if table is not None and _office_at([fold(word)], 0, table):
        return False  # a title, not a name: "Speaker", "Premier"
    if word in place_pairs(src, tgt):
        return False  # a place the target language names otherwise (CLDR): Moscow is Москва, Московский
    zs = zipf(low, src)
    # a very common word of the source ("Christian", "Rose", "French") is a word before it is a name
    return zs < 4.5 and zipf(low, tgt) >= zs - 1.0


def _lost_names(source: str, tokens: Sequence[Token], text: str, t_tokens: Sequence[Token], src: str,
                tgt: str) -> list[tuple[int, ...]]:
    """Names of the source (token indices) made only of words the target keeps as they are, and that the
    MT text writes nowhere, in no form. Not in a headline; a sentence's first word only when the source
    also capitalises it elsewhere."""
    seen: dict[str, bool] = {}
    mt_words: _DocWords | None = None
    lost = set()
    initials = []
    for k in capitalised_at(tokens):
        tok = tokens[k]
        if tok[5] or tok[8]:  # capitalised, not in a capitals line, not an acronym
            continue
        if tok[4]:
            initials.append(k)  # a sentence's first word: decided by its other occurrences
            continue
        word = tok[2]
        gone = seen.get(word)
        if gone is None:
            # most names are written as they are, which a plain search tells
            gone = _kept_name(word, src, tgt) and not _written(word, text)
            if gone:
                mt_words = mt_words or _DocWords(t_tokens)
                gone = not mt_words.has(word)
            seen[word] = gone
        if gone:
            lost.add(k)
    if not lost:
        return []
    lost.update(k for k in initials if seen.get(tokens[k][2]))
    out = []
    for seq in name_sequences(tokens, source):
        idx = [k for k in range(seq.first, seq.last + 1) if tokens[k].capitalised]
        if tokens[idx[0]].initial and tokens[idx[0]].text not in seen:
            idx = idx[1:]  # a sentence's first word is capitalised whatever it is
        if idx and all(k in lost for k in idx):
            out.append(tuple(idx))
    if out:
        title_lines = _title_case_lines(tokens, {tokens[seq[0]].line for seq in out})
        out = [seq for seq in out if tokens[seq[0]].line not in title_lines]
    return out


@lru_cache(maxsize=16)
def _source_titles(source: str, starts: tuple[int, ...], src: str) -> tuple[tuple, ...]:
    """Office titles right before a capitalised name in a source text ("House Speaker Nancy Pelosi"):
    (first token with its qualifiers, first title token, end of title, classes, name token indices)."""
    table = offices(src)
    if table is None:
        return ()
    tokens = tokens_and_starts(source, starts)[0]
    n = len(tokens)
    out = []
    end = 0
    openers, compounds = table.openers, bool(table.suffixes)
    # without compounds only a word that opens a title can start one: the others are skipped at C speed
    candidates = range(n) if compounds else compress(range(n), map(openers.__contains__, map(itemgetter(6), tokens)))
    for i in candidates:
        tok = tokens[i]
        if i < end or tok[6] not in openers and not (compounds and _may_open_office(tok, table)):
            continue
        words = [fold(t.text) for t in tokens[i:i + 5]]
        found = _office_at(words, 0, table)
        if found is None:
            continue
        e, classes = i + found[0], found[1]
        end = e
        if e < n and _office_at([fold(t.text) for t in tokens[e:e + 5]], 0, table):
            continue  # "General Secretary": the title goes on
        if e >= n or not tokens[e].capitalised or tokens[e].all_caps or tokens[e].caps_line \
                or tokens[e].start - tokens[e - 1].end > 2 or tokens[e].line != tokens[i].line:
            continue
        name = [e]
        while name[-1] + 1 < n and tokens[name[-1] + 1].capitalised and not tokens[name[-1] + 1].initial \
                and tokens[name[-1] + 1].start - tokens[name[-1]].end <= 2:
            name.append(name[-1] + 1)
        first = i
        for k in range(max(0, i - 2), i):
            word = fold(tokens[k].text)
            if word in table.qualifiers and tokens[k].line == tokens[i].line:
                classes = classes | table.qualifiers[word]  # "House Speaker", "Senate President"
                first = min(first, k)
        out.append((first, i, e, classes, tuple(name)))
    return tuple(out)


def _replacement_span(match: _Match, first: int, last: int, src: str, tgt: str,
                      text: str, source: str) -> tuple[int, int] | None:
    """MT tokens [a, b) standing where source tokens first..last were: the unmatched MT words just before
    the MT counterpart of the source word (or the segment end) after the name, when only function words lie
    between the name and that word. None when the place cannot be told."""
    s, t = match.s_tokens, match.t_tokens
    ns, nt = len(s), len(t)
    pairs = match.s_to_t
    matched = {j for hits in pairs.values() for j in hits}
    k = last + 1
    while k < ns and k not in pairs and zipf(s[k].lower, src) >= 5.5:
        k += 1
    right = nt if k == ns else pairs[k][0] if k in pairs else None
    k = first - 1
    while k >= 0 and k not in pairs and zipf(s[k].lower, src) >= 5.5:
        k -= 1
    left = -1 if k < 0 else pairs[k][-1] if k in pairs else None
    # only a name that ends its phrase ("since Mao", "by Maria Kowalczyk."): one that modifies the next word
    # ("a Christian school") has no place of its own in the MT
    if right is None or right == nt and _stops_short(text, t[-1], source, s[-1]):
        return None   # (an MT sentence cut off before the name's place: a truncation, not a replacement)
    floor = -1 if left is None else left
    if right <= floor:
        return None
    a = right
    while a - 1 > floor and a - 1 not in matched and (a == right or not _hard_gap(text, t[a - 1], t[a])):
        a -= 1
    run = list(range(a, right))
    if not run or len(run) > 6 or any(ch.isdigit() for ch in text[t[run[0]].start:t[run[-1]].end]):
        return None
    if any(t[k].capitalised and not t[k].initial for k in run):
        return None  # a name stands there: a rendering of it, or another matter (see _garbled)
    if capitalises_nouns(tgt):
        return None  # German writes what stands for a name with a capital: lowercase words there are the
        # verbs its clauses end on ("... in die Alpen verlegt"), never the name's replacement
    content = [k for k in run if len(t[k].text) >= 3 and zipf(t[k].lower, tgt) < 5.0]
    if not content:
        return None  # a pronoun or a function word: the name was left out, not replaced
    a = b = content[-1]
    while a - 1 in content and b - a < 2:
        a -= 1
    if a - 1 in run and len(t[a - 1].text) <= 3:
        a -= 1  # the article of the noun: "les contrats"
    return a, b + 1


def _stops_short(text: str, last: Token, source: str, s_last: Token) -> bool:
    """The MT segment ends on its last token without sentence punctuation, where the source segment has it
    ("... et prendrait en charge leurs" for "... pay for their flights back to Antananarivo.")."""
    line_end = text.find("\n", last.end)
    s_end = source.find("\n", s_last.end)
    after = text[last.end:len(text) if line_end < 0 else line_end].strip()
    s_after = source[s_last.end:len(source) if s_end < 0 else s_end].strip()
    return not after and is_terminal(s_after)


def _compound_noun(word: str, lang: str) -> bool:
    """In a language that capitalises nouns, a word made of two of its words ("Buchungsausfällen": Buchung +
    Ausfällen, with the linking s): a noun no word list has whole, not an unknown name."""
    if not capitalises_nouns(lang):
        return False
    w = word.casefold()
    linked = word_set("linking-s-endings")
    for cut in range(4, len(w) - 3):
        left, right = w[:cut], w[cut:]
        if zipf(right, lang) >= _COMPOUND_PART and (
                zipf(left, lang) >= _COMPOUND_PART
                or left.endswith("s") and (zipf(left[:-1], lang) >= _COMPOUND_PART
                                           or any(left[:-1].endswith(e) and cut > len(e) + 3 for e in linked))):
            return True   # (a noun's ending that takes the linking s: "Beweidungsprojekte", Beweidung + Projekte)
    return False


# how common in the target language each part of a compound noun is
_COMPOUND_PART = 3.0


# --------------------------------------------------------------------------- the detector

# two spellings of one key are two ordinary words of the target language where the commoner has this
# wordfreq Zipf or more and the rarer 2.0 or more ("Zahlungen" 3.9, "Zählungen" 2.6)
_ORDINARY_ZIPF = 3.5
# a Roman numeral written in capitals ("XXIII"): a number, not a name
_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class NamesDetector(Detector):
    """Spun or substituted outlets and organisations; lost, garbled or retitled people and places (with the
    source); one name spelt two ways."""

    name = "names"
    categories = (NAMED_ENTITY, INCONSISTENCY)

    def detect(self, doc: DetectionInput) -> list[Flag]:
        text = doc.hypothesis
        if not text.strip():
            return []
        src = lang_base(doc.src_lang) or "en"
        tgt = lang_base(doc.tgt_lang) or src
        langs = tuple(dict.fromkeys((src, tgt, "en")))
        starts = [s.start for s in doc.hypothesis_segments or ()]
        tokens, known, seqs = analyse(text, tuple(starts))
        if not tokens:
            return []
        flags: list[Flag] = []
        sourced: list[Flag] = []   # compared with the aligned source: their evidence wins an overlap
        people: list[Flag] = []   # titles and lost names: the source's word is their evidence
        if doc.alignment and doc.source_segments and doc.hypothesis_segments:
            sourced = self._with_source(doc, langs, src, tgt) + rendered_with_source(self, doc, src, tgt)
            people = self._people_and_places(doc, src, tgt)
        translated = rendered_without_source(self, doc, tokens, seqs, src, tgt)
        if translated and doc.alignment and doc.source_segments and doc.hypothesis_segments and doc.source:
            translated = _backed_by_source(doc, translated)   # the aligned source names that outlet
        translated = [f for f in translated if not _real_outlet(text, tokens, seqs, f.start, f.end)]
        flags += translated
        # a name read whole as a rendering of an outlet is not also read, in part, as a swap of another
        spun = [f for f in self._spun(doc, tokens, known, seqs, langs)
                if not any(t.start < f.end and f.start < t.end for t in translated)]
        if spun and doc.alignment and doc.source_segments and doc.hypothesis_segments and doc.source:
            spun = _backed_by_source(doc, spun)
        real = [f for f in self._real_swaps(doc, tokens, known, seqs, tgt) if not any(_clash(k, f) for k in translated)]
        # a swap of a known name gives way to a real paper's name that shares more of the name's words ("South
        # Wales Twilight Post": the South Wales Evening Post, not the South China Morning Post)
        spun = [f for f in spun if not any(_clash(r, f) and _closer(r, f) for r in real)]
        flags += spun
        flags += [f for f in real if not any(_clash(k, f) for k in flags)]
        flags += self._inconsistent(doc, tokens, src, tgt)
        sourced = _dedupe([f for f in sourced if not common_word_flag(doc, f, tgt)])
        rest = [f for f in flags if not common_word_flag(doc, f, tgt) and not any(_clash(k, f) for k in sourced)]
        return _dedupe(sourced + rest + people)

    # ---- no source: gazetteer + swap model

    def _spun(self, doc: DetectionInput, tokens: list[Token], known, seqs: list[NameSeq],
              langs) -> list[Flag]:
        text = doc.hypothesis
        covered = {k for i, j, _ in known for k in range(i, j)}
        flags: list[Flag] = []
        targets: dict[str, Entry] = {}
        unknown: list[NameSeq] = []
        lexicon = name_lexicon()
        for seq in seqs:
            if seq.caps_line:
                continue
            if seq.last <= seq.first:
                continue  # one word: no swap of a name of two words or more, no unknown outlet (below)
            idx = list(range(seq.first, seq.last + 1))
            found = None
            # the words of a known name, and those of the name lexicon, once per sequence
            known_here = covered.intersection(idx)
            in_lexicon = {k for k in idx if not lexicon.isdisjoint(word_forms(tokens[k].text))}
            # longest sub-sequence first, words of a known name excluded (none without a lexicon word)
            for size in range(min(len(idx), 6) if in_lexicon else 1, 1, -1):
                for a in range(len(idx) - size + 1):
                    sub = idx[a:a + size]
                    if not known_here.isdisjoint(sub) or not tokens[sub[-1]].capitalised:
                        continue
                    if tokens[sub[0]].initial and sub[0] != seq.first \
                            or tokens[sub[0]].lower in ARTICLES and size > 2:
                        continue  # the name starts after "Le", "The"
                    if in_lexicon.isdisjoint(sub):
                        continue  # no word of any known name nor a synonym of one: not a swap
                    start, end = tokens[sub[0]].start, tokens[sub[-1]].end
                    slot = outlet_slot(text, start, end)
                    variant = swap_variant([tokens[k].text for k in sub], langs, slot is not None)
                    if variant and not _whole_name(tokens, idx, sub, langs):
                        continue   # a part of a longer name ("News Post" of "News Post Leader")
                    if variant and (found is None or variant.score > found[2].score):
                        found = (start, end, variant, slot)
                if found:
                    break
            if found and _real_outlet(text, tokens, seqs, found[0], found[1]):
                continue   # a real paper of that name ("Evening Chronicle"): neither spun nor unknown
            if found:
                start, end, variant, slot = found
                targets[variant.entry.name] = variant.entry
                evidence = (f"reads as a synonym swap of {variant.entry.name!r} "
                            f"({variant.shared} shared word(s), {variant.synonyms} synonym(s)"
                            f"{', in a news-source slot' if slot else ''})")
                flags.append(self._flag(doc, start, end, NAMED_ENTITY, "major", variant.score, evidence,
                                        variant.entry.name))
                continue
            if len(idx) >= 2 and not seq.initial and not any(k in covered for k in idx):
                unknown.append(seq)
        flags += _phrase_swaps(self, doc, tokens, covered, langs)
        flags += self._credit_lines(doc, tokens, covered, langs)
        if not targets:
            return flags
        # the document has a spun outlet: a real outlet that is itself a swap of it, or a made-up name
        # where a news source is cited, most likely stands for the same outlet
        only = next(iter(targets.values())) if len(targets) == 1 else None
        for i, j, entry in known:
            if entry.name in targets or not entry.is_outlet or tokens[i].caps_line:
                continue
            words = content_words(tuple(tokens[k].lower for k in range(i, j)))
            for target in targets.values():
                t_words = content_words(lower_words(target.name))
                if len(words) == len(t_words) and _compare(words, t_words, target, langs, False):
                    flags.append(self._flag(
                        doc, tokens[i].start, tokens[j - 1].end, NAMED_ENTITY, "critical", 0.6,
                        f"a different real outlet, itself a synonym swap of {target.name!r}, which the "
                        f"document also spins", target.name))
                    break
        for seq in unknown:
            words = [tokens[k] for k in range(seq.first, seq.last + 1) if tokens[k].capitalised]
            if any(f.start < seq.end and seq.start < f.end for f in flags) \
                    or _real_outlet(text, tokens, seqs, words[0].start, words[-1].end):
                continue
            if _made_of_source_words([t.text for t in words], langs) \
                    and outlet_slot(text, seq.start, seq.end) == "attribution":
                flags.append(self._flag(
                    doc, seq.start, seq.end, NAMED_ENTITY, "critical", 0.55,
                    "unknown outlet made of dictionary words where the news source is cited, in a document "
                    f"that spins {', '.join(repr(t) for t in targets)}", only.name if only else None))
        return flags

    def _real_swaps(self, doc: DetectionInput, tokens: list[Token], known, seqs: list[NameSeq],
                    tgt: str) -> list[Flag]:
        """An English name kept in a text in another language that reads as a real newspaper's (Wikidata)
        with one word swapped for an English word that no other real paper's name holds ("Nassau Protector"
        for the Nassau Guardian). With the source, only where the aligned source names that paper."""
        if tgt == "en":
            return []
        flags = []
        for seq in seqs:
            if seq.caps_line or seq.last <= seq.first and not hyphened_run(doc.hypothesis, tokens, seq.last):
                continue   # (one word, unless a hyphen joins it to the next: "Spokesman-Overview")
            found = _real_swap_in(tokens, seq, tgt, doc.hypothesis)
            if found is None or _real_outlet(doc.hypothesis, tokens, seqs, found[0], found[1]):
                continue
            start, end, swap = found
            if any(tokens[i].start < end and start < tokens[j - 1].end
                   and not (start <= tokens[i].start and tokens[j - 1].end <= end
                            and (tokens[i].start, tokens[j - 1].end) != (start, end)) for i, j, _ in known):
                continue   # a known name holds it or runs across an edge; one inside it ("Nation") is no matter
            if not _source_names(doc, start, end, swap.name.rsplit(" ", 1)[0] if swap.kind == "form" else swap.name) \
                    or _source_names(doc, start, end, doc.hypothesis[start:end], without=False):
                continue   # (the aligned source writes the MT's name itself: no swap of the MT's)
            flags.append(self._flag(doc, start, end, NAMED_ENTITY, "major", 0.7, _real_swap_evidence(swap),
                                    None if swap.kind != "paper" else swap.name))
        return flags

    def _credit_lines(self, doc: DetectionInput, tokens: list[Token], covered: set[int], langs) -> list[Flag]:
        """"– Xyz Jane Doe contributed to this report": an unknown word where the outlet belongs."""
        text = doc.hypothesis
        flags = []
        if not any(word in text for word in CREDIT_WORDS):
            return flags   # no line can be a credit line (the regex tries every line start)
        for match in _CREDIT_LINE.finditer(text):
            line_start = match.start()
            first = bisect.bisect_left(tokens, line_start, key=itemgetter(0))   # the first token on the line
            if first == len(tokens):
                continue
            run = [first]
            while run[-1] + 1 < len(tokens) and tokens[run[-1] + 1].capitalised \
                    and adjacent(text, tokens[run[-1]], tokens[run[-1] + 1]):
                run.append(run[-1] + 1)
            if len(run) < 3 or any(k in covered for k in run):
                continue
            outlet = run[:-2]  # the last two are the reporter's name
            if all(max(zipf(tokens[k].lower, lang) for lang in langs) == 0.0 for k in outlet):
                start, end = tokens[outlet[0]].start, tokens[outlet[-1]].end
                flags.append(self._flag(doc, start, end, NAMED_ENTITY, "critical", 0.45,
                                        "unknown word where a credit line names the outlet", None))
        return flags

    # ---- with the source: a person or place name lost, a person's office changed

    def _people_and_places(self, doc: DetectionInput, src: str, tgt: str) -> list[Flag]:
        """Names the target language keeps as they are but the MT lost, and changed office titles."""
        source, text = doc.source or "", doc.hypothesis
        links = aligned_tokens(doc)
        if not links or not source:
            return []
        starts = tuple(s.start for s in doc.source_segments or ())
        s_all, s_starts = tokens_and_starts(source, starts)
        table_t = offices(tgt)
        titles = _source_titles(source, starts, src) if table_t is not None else ()
        # German capitalises every noun: capitals say nothing about names there
        t_starts = tuple(s.start for s in doc.hypothesis_segments or ())
        names = () if src in _NOUN_CAPITALS else _lost_names(
            source, s_all, text, tokens_and_starts(text, t_starts)[0], src, tgt)
        if not names and not titles:
            return []
        flags: list[Flag] = []
        for s_tokens, t_tokens, _, _ in links:
            if not s_tokens or not t_tokens:
                continue
            lo = bisect.bisect_left(s_starts, s_tokens[0].start)
            hi = lo + len(s_tokens)
            here = [tuple(k - lo for k in seq) for seq in names if lo <= seq[0] and seq[-1] < hi]
            mine = [(f - lo, i - lo, e - lo, c, tuple(k - lo for k in nm)) for f, i, e, c, nm in titles
                    if lo <= f and nm[-1] < hi]
            if not here and not mine:
                continue
            match = _Match(s_tokens, t_tokens)
            if mine:
                flags += self._titles(doc, match, mine, table_t)
            for seq in here:
                if any(match.t_has(s_tokens[k].text) for k in seq) or not _same_script(s_tokens[seq[0]], t_tokens):
                    continue
                found = _replacement_span(match, seq[0], seq[-1], src, tgt, text, source)
                if found is None:
                    continue
                a, b = found
                name = source[s_tokens[seq[0]].start:s_tokens[seq[-1]].end]
                start, end = t_tokens[a].start, t_tokens[b - 1].end
                flags.append(self._flag(
                    doc, start, end, NAMED_ENTITY, "major", 0.55,
                    f"the aligned source names {name!r}, which {tgt} writes as it is; the MT has no form of it "
                    f"anywhere, and {text[start:end]!r} stands where it was", name))
        return flags

    def _titles(self, doc: DetectionInput, match: _Match, titles: list[tuple], table_t: Offices) -> list[Flag]:
        """"House Speaker Nancy Pelosi" -> "la présidente américaine Nancy Pelosi": the title before a name
        that both sides share names another office."""
        s_tokens, t_tokens = match.s_tokens, match.t_tokens
        t_words = [fold(t.text) for t in t_tokens]
        flags = []
        for first, i, e, classes, name in titles:
            hits = [j for k in name for j in match.partners(k)]
            if not hits:
                continue
            j0 = min(hits)
            lo = j0
            while lo > 0 and j0 - lo < 8 and not _hard_gap(doc.hypothesis, t_tokens[lo - 1], t_tokens[lo]):
                lo -= 1
            found = find_offices(t_words, table_t, lo, j0)
            if not found:
                continue
            a, b, t_classes = found[-1]
            gap = range(b, j0)
            for k in gap:
                t_classes = t_classes | table_t.qualifiers.get(t_words[k], frozenset())
            if classes & t_classes:
                continue
            if len(gap) > 5 or len(gap) > 2 and not any(t_tokens[k].capitalised for k in gap):
                continue  # too far from the name to be its title
            region = range(first - 2, name[-1] + 1)
            if any(s_i not in region for k in gap if t_tokens[k].capitalised for s_i in match.sources_of(k)):
                continue  # another name stands between: the title is someone else's
            others = [x for x in range(len(s_tokens)) if not i <= x < e and len(s_tokens[x].text) >= 4]
            if any(s_i not in range(i, e) for k in range(a, b) for s_i in match.sources_of(k)) or any(
                    _alike(t_tokens[k].text, s_tokens[x].text) for k in range(a, b) for x in others):
                continue  # the MT title renders another word of the source ("the president met ...")
            start, end = t_tokens[a].start, t_tokens[j0 - 1].end
            s_title = doc.source[s_tokens[first].start:s_tokens[e - 1].end]
            person = doc.source[s_tokens[name[0]].start:s_tokens[name[-1]].end]
            suggestion = table_t.names.get(classes) or next(
                (form for cls, form in table_t.names.items() if cls & classes), None)
            flags.append(self._flag(
                doc, start, end, NAMED_ENTITY, "major", 0.6,
                f"the source calls {person} {s_title!r} ({_office_names(classes)}); the MT title "
                f"{doc.hypothesis[t_tokens[a].start:t_tokens[b - 1].end]!r} names another office "
                f"({_office_names(t_classes)})", suggestion))
        return flags

    # ---- with the source: names dropped or changed in the aligned segment

    def _with_source(self, doc: DetectionInput, langs, src: str, tgt: str) -> list[Flag]:
        gaz = gazetteer()
        source = doc.source or ""
        source_doc = source.casefold()
        flags: list[Flag] = []
        # Most segments name no known name and no rare name: the source tokens that may open a known
        # name or be a name to check the spelling of are found once, and a segment without any is passed.
        s_all, _, ranges = aligned_ranges(doc)
        opening = [i for i in capitalised_at(s_all) if s_all[i][6] in gaz.lengths]
        rare = [i for i in capitalised_at(s_all) if _garble_candidate(s_all[i], src)]
        for (s_tokens, t_tokens, sa, sb), (s_lo, s_hi, _, _) in zip(aligned_tokens(doc), ranges):
            s_known = gaz.find(s_tokens) if _any_in(opening, s_lo, s_hi) else []
            if not s_known and not _any_in(rare, s_lo, s_hi):
                continue
            s_fold = source[sa:sb].casefold()
            if s_known:
                t_known = gaz.find(t_tokens)
                t_entries = {e.name for _, _, e in t_known}
                covered = {k for i, j, _ in t_known if not _bare_word(t_tokens, i, j, src) for k in range(i, j)}
                spans = None
                for i, j, entry in s_known:
                    if entry.name in t_entries:
                        continue
                    if not entry.is_outlet and entry.type not in ("organisation", "institution"):
                        continue
                    if j - i == 1 and _inside_longer_name(s_tokens, i, source) \
                            or j - i > 1 and _longer_name_after(s_tokens, j - 1, source):
                        continue  # "Press" of "the Austria Press Agency" is not the outlet "The Press", nor
                        # "The National" of "The National Disaster Management Organisation" the paper
                    word = s_tokens[i]
                    if j - i == 1 and word.initial and not word.all_caps and zipf(word.lower, src) >= 3.0 \
                            and not outlet_slot(source, word.start, word.end):
                        continue  # "Fortune favours...", "Time will tell": a word, not the magazine
                    if spans is None:
                        spans = self._name_spans(doc, t_tokens, s_fold)
                    acronym = _longer_initials(s_tokens, i, j, source)   # the MT writing it is no replacement
                    found = self._replacement(doc, [sp for sp in spans if sp[3] != (acronym,)], covered, entry,
                                              langs) \
                        or self._usual_form(doc, t_tokens, entry, tgt, source[s_tokens[i].start:s_tokens[j - 1].end])
                    if found:
                        flags.append(found)
            flags += self._garbled(doc, s_tokens, t_tokens, s_fold, source_doc, src, tgt)
        return flags

    def _name_spans(self, doc: DetectionInput, t_tokens: list[Token], s_fold: str) -> list[tuple]:
        """The capitalised spans of an MT segment that may stand for a source name its aligned source
        segment lacks: (token indices, start, end, words, gazetteer entry, its outlet slot when asked
        (_LazySlot), content words, first word opening a sentence).
        Worked out once per segment, whichever source names are missing from it."""
        text = doc.hypothesis
        tgt = (doc.tgt_lang or "").split("-")[0].lower()
        gaz = gazetteer()
        spans = []
        for seq in name_sequences(t_tokens, text):
            caps = [k for k in range(seq.first, seq.last + 1) if t_tokens[k].capitalised]
            for a in range(len(caps)):
                for b in range(a, min(a + 6, len(caps))):
                    sub = caps[a:b + 1]
                    if sub[-1] - sub[0] != b - a or (t_tokens[sub[0]].initial and a > 0) \
                            or t_tokens[sub[0]].lower in ARTICLES and b > a and not _english_article(
                                t_tokens[sub[0]], tgt):
                        continue  # not a run of capitalised words (an English name kept whole opens on "The")
                    if t_tokens[sub[0]].initial and b > a and zipf(t_tokens[sub[0]].lower, tgt) >= _OPENER_ZIPF:
                        continue  # a sentence's common first word before the name ("Wie The Telegram berichtete")
                    start, end = t_tokens[sub[0]].start, t_tokens[sub[-1]].end
                    surface = text[start:end]
                    if surface.casefold() in s_fold or text[start - 1:start] == "-" or text[end:end + 1] == "-":
                        continue  # in the source, or part of a hyphenated word ("Croix" of "Croix-Rouge")
                    words = tuple(t_tokens[k].text for k in sub)
                    spans.append((sub, start, end, words, gaz.lookup(surface), _LazySlot(text, start, end),
                                  content_words(tuple(w.lower() for w in words)), t_tokens[sub[0]].initial))
        return spans

    def _replacement(self, doc: DetectionInput, spans: list[tuple], covered: set[int], entry: Entry,
                     langs) -> Flag | None:
        """The span of the MT segment (from _name_spans) that stands where the source names `entry`."""
        text = doc.hypothesis
        target = content_words(lower_words(entry.name))
        best = None
        for sub, start, end, words, other, slot, cand, initial in spans:
            variant = _compare(cand, target, entry, langs, slot() is not None, sourced=True) \
                if len(cand) == len(target) else None
            if other is not None and other.name != entry.name and other.is_outlet:
                score, severity, why = 0.9, "critical", f"a different real outlet, {other.name!r}"
            elif variant is not None:
                score, severity, why = 0.9, "major", "a synonym-swapped spelling of it"
            elif other is None and entry.is_outlet and len(target) == 1 and _translated_whole(cand, target, langs):
                score, severity, why = 0.85, "major", "its name translated word by word: the name of a news " \
                                                      "outlet is not translated"
            elif other is not None or any(k in covered for k in sub) or entry.registry:
                continue   # a ROR institution's name is often rendered, not kept: an unknown name says little
            elif slot() == "attribution" and _made_of_source_words(words, langs):
                score, severity, why = 0.8, "critical", "an unknown name where a news source is cited"
            elif slot() is not None and all(max(zipf(w.casefold(), lg) for lg in langs) == 0.0
                                          for w in words):
                score, severity, why = 0.75, "critical", "an unknown word where the outlet is named"
            elif all(max(zipf(w.casefold(), lg) for lg in langs) == 0.0 for w in words) and \
                    not initial and not (len(words) == 1 and _compound_noun(words[0], doc.tgt_lang or "")):
                score, severity, why = 0.6, "major", "an unknown name absent from the source"
            else:
                continue
            if best is None or (score, end - start) > (best[0], best[2] - best[1]):
                best = (score, start, end, severity, why)
        if best is None:
            return None
        score, start, end, severity, why = best
        return self._flag(doc, start, end, NAMED_ENTITY, severity, score,
                          f"the aligned source names {entry.name!r}; the MT has {text[start:end]!r}: {why}",
                          entry.name)

    def _usual_form(self, doc: DetectionInput, t_tokens: list[Token], entry: Entry, tgt: str,
                    written: str) -> Flag | None:
        """The usual name of `entry` in the target language, with a word swapped (rendered.py); not where the
        MT renders word for word the source's name `written`, where that is one of the entry's other names:
        "Ministerio de Cultura" for the Ministry of Culture, the gazetteer's English alias of the Catalan
        Departament de Cultura and the name of many another body. Where the source writes the entry's own name,
        its usual form stands ("Tribunal européen des droits de l'homme" is no usual form of the European Court
        of Human Rights: "Cour européenne ...")."""
        found = usual_form_replaced(doc, t_tokens, entry, tgt)
        if found is None:
            return None
        start, end, form, swapped = found
        if name_words(written) != name_words(entry.name):
            r = render(name_words(doc.hypothesis[start:end]), name_words(written), tgt)
            if r is not None and not r.swapped:
                return None
        return self._flag(doc, start, end, NAMED_ENTITY, "major", 0.85,
                          f"the aligned source names {entry.name!r}, in {tgt} usually {form!r}; the MT writes "
                          f"{doc.hypothesis[start:end]!r}, with {', '.join(repr(w) for w in swapped)} in place "
                          "of a word of it", entry.name)

    def _garbled(self, doc: DetectionInput, s_tokens: list[Token], t_tokens: list[Token], s_fold: str,
                 source_doc: str, src: str, tgt: str) -> list[Flag]:
        """A person or place name the MT spells beyond transliteration (Kottasová -> Kutsova)."""
        s_names = {t.text for t in map(s_tokens.__getitem__, capitalised_at(s_tokens)) if _garble_candidate(t, src)}
        flags: list[Flag] = []
        if not s_names:
            return flags
        t_words = set(map(str.casefold, map(itemgetter(2), t_tokens)))
        missing = [s for s in s_names if s.casefold() not in t_words]
        if not missing:
            return flags
        for tok in map(t_tokens.__getitem__, capitalised_at(t_tokens)):
            if tok.all_caps or tok.initial or len(tok.text) < 4:
                continue
            low = tok.text.casefold()
            if low in s_fold or low in source_doc or zipf(low, tgt) >= 1.5 or zipf(low, src) >= 1.5:
                continue
            folded = fold(tok.text)
            if any(_same_stem(folded, fold(s)) for s in missing):
                continue  # a compound or an inflection of the name (Berlin -> Berliner, Mythen -> Mythenweg)
            for s in missing:
                if fold(s)[0] != folded[0] or translit_key(s) == translit_key(tok.text):
                    continue
                a, b = translit_key(s), translit_key(tok.text)
                if _edit_distance(a, b) < max(2.0, 0.25 * max(len(a), len(b))) \
                        or not similar_at_least(s, tok.text, 0.6):
                    continue
                flags.append(self._flag(doc, tok.start, tok.end, NAMED_ENTITY, "minor", 0.5,
                                        f"the aligned source spells the name {s!r}", s))
                break
        return flags

    # ---- one name, two spellings

    def _inconsistent(self, doc: DetectionInput, tokens: list[Token], src: str, tgt: str) -> list[Flag]:
        source = doc.source or ""
        groups: dict[str, dict[str, list[int]]] = {}
        for i in capitalised_at(tokens):
            word = tokens[i][2]   # the token's text (read by index: this runs for every capitalised word)
            if len(word) < 4 or word.isupper() and _ROMAN.fullmatch(word):   # (a numeral is in capitals)
                continue   # (a Roman numeral is a number: XIII and XXIII are two, not one name spelt two ways)
            groups.setdefault(spelling_key(word), {}).setdefault(word.casefold(), []).append(i)
        flags: list[Flag] = []
        for forms in groups.values():
            if len(forms) != 2:
                continue
            (fa, ia), (fb, ib) = forms.items()
            if fold(fa[1:]) == fold(fb[1:]) and fa[1:] == fb[1:]:
                continue  # only the capital's accent differs (Etat/État): a spelling matter
            if case_forms(fa, fb):
                continue  # one Russian name in two cases ("Каспий", "в Каспии")
            if max(zipf(fa, tgt), zipf(fb, tgt)) >= _ORDINARY_ZIPF and min(zipf(fa, tgt), zipf(fb, tgt)) >= 2.0:
                continue  # two ordinary words (mais/maïs, Zahlungen/Zählungen)
            if all(tokens[k].initial for k in ia + ib):
                continue
            if any(all(_in_kept_name(tokens, k, doc.hypothesis, src, tgt) for k in where) for where in (ia, ib)):
                continue  # one spelling only inside a name kept in English: "Kenya Derby" beside "Kenia"
            loser = self._rarer(tokens, forms, src, tgt, source)
            other = fb if loser == fa else fa
            for k in forms[loser]:
                tok = tokens[k]
                flags.append(self._flag(doc, tok.start, tok.end, INCONSISTENCY, "minor", 0.6,
                                        f"the document also writes {tokens[forms[other][0]].text!r}",
                                        tokens[forms[other][0]].text))
        flags += self._half_translated(doc, tokens, src, tgt)
        return flags

    def _rarer(self, tokens: list[Token], forms: dict[str, list[int]], src: str, tgt: str,
               source: str) -> str:
        """The form to flag: the rarer; on a tie the one only in headlines, then the more source-like,
        then the later."""
        def key(form: str) -> tuple:
            where = forms[form]
            caps_only = all(tokens[k].caps_line for k in where)
            sourcey = zipf(form, src) - zipf(form, tgt)
            if source and tokens[where[0]].text in source:
                sourcey += 1.0
            return (-len(where), caps_only, sourcey, max(tokens[k].start for k in where))
        return max(forms, key=key)

    def _half_translated(self, doc: DetectionInput, tokens: list[Token], src: str, tgt: str) -> list[Flag]:
        """'New START' and 'NOUVEAU START' in one document: the same name, one word translated."""
        text = doc.hypothesis
        pairs: dict[tuple[str, int], dict[str, list[tuple[int, int]]]] = {}
        acronyms = {t.text for t in map(tokens.__getitem__, tokens_where(tokens, 8))
                    if not t.caps_line and len(t.text) >= 3}
        # only an acronym or a word of a line in capitals can be such a word: the others are skipped at C speed
        for i in compress(range(len(tokens)), map(or_, map(acronyms.__contains__, map(itemgetter(2), tokens)),
                                                  map(itemgetter(5), tokens))):
            tok = tokens[i]
            if tok.text not in acronyms and not (tok.caps_line and len(tok.text) >= 3
                                                 and max(zipf(tok.lower, tgt), zipf(tok.lower, src)) < 3.0):
                continue
            for side, j in ((-1, i - 1), (1, i + 1)):
                if not 0 <= j < len(tokens) or not tokens[j].capitalised \
                        or tokens[j].all_caps and not tokens[j].caps_line:
                    continue
                a, b = (j, i) if side < 0 else (i, j)
                if not adjacent(text, tokens[a], tokens[b]):
                    continue
                pairs.setdefault((tok.text.casefold(), side), {}).setdefault(
                    tokens[j].text.casefold(), []).append((a, b))
        flags = []
        for words in pairs.values():
            if len(words) != 2:
                continue
            (wa, sa), (wb, sb) = words.items()
            da = zipf(wa, src) - zipf(wa, tgt)
            db = zipf(wb, src) - zipf(wb, tgt)
            if not (da >= 1.0 and db <= -1.0 or db >= 1.0 and da <= -1.0):
                continue
            caps_a = all(tokens[a].caps_line for a, _ in sa)
            caps_b = all(tokens[a].caps_line for a, _ in sb)
            if len(sa) != len(sb):
                loser = sa if len(sa) < len(sb) else sb
            elif caps_a != caps_b:
                loser = sa if caps_a else sb
            else:
                loser = sa if max(a for a, _ in sa) > max(a for a, _ in sb) else sb
            winner = sb if loser is sa else sa
            good = text[tokens[winner[0][0]].start:tokens[winner[0][1]].end]
            for a, b in loser:
                flags.append(self._flag(doc, tokens[a].start, tokens[b].end, INCONSISTENCY, "minor", 0.55,
                                        f"the document also writes {good!r}", good))
        return flags

    def _flag(self, doc: DetectionInput, start: int, end: int, category: str, severity: str,
              confidence: float, evidence: str, suggestion: str | None) -> Flag:
        return Flag(start, end, category, severity, doc.hypothesis[start:end], self.name, suggestion,
                    round(confidence, 2), evidence, doc.doc_id, doc.system)


_CREDIT_LINE = re.compile(r"(?m)^[ \t\-–—•*]*(?=[^\n]*(?:" + "|".join(CREDIT_WORDS) + "))")


# a sentence's first word this frequent in the target language opens no name ("Wie", "Comme", "Как")
_OPENER_ZIPF = 5.0


def _english_article(tok: Token, tgt: str) -> bool:
    """"The" inside a text in another language: the first word of an English name kept as it is."""
    return tok.lower == "the" and tgt != "en" and not tok.initial


def _translated_whole(cand: tuple[str, ...], target: tuple[str, ...], langs) -> bool:
    """Every word of the MT name `cand` renders the outlet's word at its place, one at least translated
    («Наблюдатель» for the Observer). (Outlets of several words translated are rendered.py's.)"""
    if len(cand) != len(target) or len(langs) < 2:
        return False
    r = render([fold(w) for w in cand], list(target), langs[1])
    return r is not None and r.complete and r.translated > 0 and not r.swapped and not r.left


def _backed_by_source(doc: DetectionInput, flags: list[Flag]) -> list[Flag]:
    """With the source, the swap model's guesses that the aligned source backs: its segment names the
    outlet the guess restores, or the MT text has no source at all. "United States" for "États-Unis" is
    not a spun "United Nations"."""
    gaz = gazetteer()
    kept = []
    for flag in flags:
        ok = True
        for s_tokens, t_tokens, _, _ in aligned_tokens(doc):
            if flag.suggestion is None or not t_tokens or t_tokens[-1].end <= flag.start \
                    or flag.end <= t_tokens[0].start:
                continue
            ok = ok and any(e.name == flag.suggestion for _, _, e in gaz.find(s_tokens))
        if ok:
            kept.append(flag)
    return kept


# the most words of a name read as a real newspaper's with one word swapped
_REAL_SWAP_WORDS = 5
# the least English Zipf frequency of the word written in a real newspaper's word's place: the floor of the
# newspaper relatives' tables (tools/build_synonyms.NEWSPAPER_ZIPF), a spinner's rare words ("Onlooker")
_REAL_SWAP_ZIPF = 2.0


def _real_swap_in(tokens: Sequence[Token], seq: NameSeq, tgt: str, text: str) -> tuple[int, int, RealSwap] | None:
    """The run of capitalised words `seq`, whole but for the target language's words before it ("Laut",
    "In der Rangliste des"), that gazetteer.real_swap reads as a real newspaper's name with one word
    swapped, or, where a news source is cited, gazetteer.newspaper_form_swap as a common form of one; the
    written word being English rather than the target language's. Never a part of a longer name: "Daily
    Tidings" of the real Ashland Daily Tidings is no swap of the Daily News."""
    first, last = seq.first, (hyphened_run(text, tokens, seq.last) or [seq.last])[-1]   # "Star-Tribunal": one name
    while first < last and _before_name(tokens[first], tgt):
        first += 1
    if not 2 <= last - first + 1 <= _REAL_SWAP_WORDS:
        return None
    start, end = tokens[first].start, tokens[last].end
    words = content_words(tuple(text[start:end].lower().split()))   # (a hyphened word one: "star-tribunal")
    owner = _owner_before(text, start) if first == seq.first else None
    if owner:   # a name opening on an owner's word, which the name runs leave out: "Hawke's Bay Today"
        words, start = (owner.group().strip().lower(), *words), owner.start()
    swap = real_swap(words) if len(words) >= 2 or "-" in words[0] else None   # (or a hyphened word alone:
    # "Spokesman-Overview" for The Spokesman-Review)
    if swap is None and len(words) >= 2:
        swap = _form_swap(words) or newspaper_word_swap(words) or _head_swap(words)
    if swap and swap.written in _STATION_WORDS:
        return None   # a broadcaster's word is no relative a spinner gives a paper's ("West Virginia Public
        # Broadcasting")
    loose = swap and (swap.kind != "paper" or swap.thesaurus != "WordNet" or len(words) == 1)
    if loose and (outlet_slot(text, start, end) != "attribution" or _NAME_GOES_ON.match(text, end)
                  or _hyphened_real(text, start, end)):
        return None   # a loose relative, or no real paper: only where a news source is cited, and not the
        # head of a longer name ("Monthly Notices of the Royal Astronomical Society", "Caller" of Caller-Times)
    if swap and not swap.written.isupper() and _english_form_zipf(swap.written) >= _REAL_SWAP_ZIPF and (
            zipf(swap.written, "en") >= zipf(swap.written, tgt) or _english_rest(words, swap.written, tgt)):
        return start, end, swap
    return None


def _form_swap(words: tuple[str, ...]) -> RealSwap | None:
    """gazetteer.newspaper_form_swap after a name's word (_named: "Alaska Lighthouse" of the form Alaska Beacon),
    or with a relative WordNet gives a newspaper's word among one paper's at most ("Island Reverberation": echo);
    not after a common word with a looser one ("Global Voices", "The New Humanitarian": real outlets)."""
    swap = newspaper_form_swap(words)
    if swap is not None and not _named(words[:-1]) and not newspaper_synonym(swap.word, swap.written):
        return None
    return swap


def _head_swap(words: tuple[str, ...]) -> RealSwap | None:
    """gazetteer.newspaper_head_swap, a relative one thesaurus alone gives only after a name's word (_named):
    "Buchan Onlooker" for a Buchan Observer, not "Weather Underground" nor "Sensor Tower" (Moby: "express",
    "post"), nor "Fresh Plaza" and "Fish Farming Expert" (WordNet: "post", "star"), trade outlets of their own
    cited under their real names."""
    swap = newspaper_head_swap(words)
    if swap is None or swap.thesaurus == "WordNet and Moby Thesaurus II" or _named(words[:-1]):
        return swap
    if swap.thesaurus == "Moby Thesaurus II" and related(swap.word, swap.written):
        return swap   # (WordNet relates them too, among the gazetteer's words: "tidings" for news)
    return None


def _named(words: Sequence[str]) -> bool:
    """Some words of `words` (lowercase) name a place or a people: a word English writes only with a capital
    (WordNet), one English hardly writes (a name: "Caerphilly", "Merthyr"), or words that are a town's name in the
    English-speaking world (GeoNames: "Lynn", "New Jersey"; not "Apple" of Apple Valley)."""
    places = _english_place_names()
    return any(w in english_proper_words() or zipf(w, "en") < _NAME_WORD_ZIPF for w in words) \
        or any(" ".join(words[a:b]) in places for a in range(len(words)) for b in range(a + 1, len(words) + 1))


@lru_cache(maxsize=1)
def _english_place_names() -> frozenset[str]:
    """The names of english_places.tsv, lowercase ("lynn", "new jersey")."""
    return frozenset(place.lower() for place in english_places())


# a word of a name's opening rarer than this in English (wordfreq Zipf) is a name's own ("Buchan", 2.4)
_NAME_WORD_ZIPF = 3.0


def _english_form_zipf(word: str) -> float:
    """The English frequency of `word`'s commonest form ("epochs" as often as "epoch"): a plural of an English
    word is as English as the word."""
    return max(zipf(form, "en") for form in word_forms(word))


def _english_rest(words: Sequence[str], written: str, tgt: str) -> bool:
    """The name's words other than `written` are no more the target language's than English's: a name kept in
    English ("Le Centralian Supporter", "supporter" a French word too)."""
    rest = [w for w in words if w != written]
    return bool(rest) and all(zipf(w, tgt) <= zipf(w, "en") for w in rest)


def _hyphened_real(text: str, start: int, end: int) -> bool:
    """The name at `start`-`end` goes on after a hyphen into a real newspaper's name ("Corpus Christi Caller"
    of the Caller-Times)."""
    m = _HYPHEN_PART.match(text, end)
    return bool(m) and real_key(text[start:m.end()]) in real_outlets()


_HYPHEN_PART = re.compile(r"-[^\W\d_]+")

# a name going on after a connector and a capitalised word ("... of the Royal Astronomical Society")
_NAME_GOES_ON = re.compile(r"[ \u00a0]+(?:of|de|du|des|del|der|von|di)[ \u00a0]+"
                           r"(?:(?:the|la|le|el|les|los)[ \u00a0]+|l['’])?[^\W\d_a-zà-ÿ]")


def _closer(real: Flag, spun: Flag) -> bool:
    """The real newspaper `real` names shares more words with the text's name than the known name `spun`
    names does (their suggestions)."""
    if not real.suggestion or not spun.suggestion:
        return False
    words = set(content_words(tuple(real.text.casefold().split())))
    return len(words & set(real.suggestion.casefold().split())) > len(words & set(spun.suggestion.casefold().split()))


def _real_swap_evidence(swap: RealSwap) -> str:
    """What a reader can check of a real-newspaper swap: the paper, or the form of the papers' names."""
    if swap.kind == "word":
        return (f"reads as a newspaper's name, {swap.name!r}, with {swap.word!r} swapped for {swap.written!r}, "
                f"its relative in {swap.thesaurus}, where a news source is cited: {swap.papers} real "
                f"newspapers' names (Wikidata) hold {swap.word!r} there, none {swap.written!r}")
    if swap.kind == "form":
        return (f"reads as a newspaper's name of the form {swap.name!r}, where a news source is cited: "
                f"{swap.papers} real newspapers' names (Wikidata) open so, many end in {swap.word!r}, none in "
                f"{swap.written!r}, its {swap.thesaurus} relative")
    if swap.papers > 1:
        return (f"reads as the real newspaper {swap.name!r} (Wikidata) with {swap.word!r} swapped for "
                f"{swap.written!r}, a {swap.thesaurus} relative that {swap.papers} real newspapers' names hold, "
                f"against {papers_holding(swap.word)} holding {swap.word!r}")
    return (f"reads as the real newspaper {swap.name!r} (Wikidata) with {swap.word!r} swapped for "
            f"{swap.written!r}, a {swap.thesaurus} relative that one real newspaper's name at most holds")


def _before_name(tok: Token, tgt: str) -> bool:
    """A word of a run of capitalised words that opens no English name kept in a `tgt` text: an article or
    connector ("le", "The", "des"), a sentence's frequent first word ("In"), a word more the target
    language's than English by a Zipf unit ("Rangliste"; not a place both write, "Windhoek")."""
    return not tok.capitalised or tok.lower in ARTICLES or tok.initial and zipf(tok.lower, tgt) >= _OPENER_ZIPF \
        or zipf(tok.lower, tgt) > zipf(tok.lower, "en") + _TARGET_WORD_MARGIN


# how much more frequent (Zipf) in the target language than in English a word before a name must be to be
# read as the sentence's word, not the name's
_TARGET_WORD_MARGIN = 1.0


def _source_names(doc: DetectionInput, start: int, end: int, name: str, without: bool = True) -> bool:
    """With the source, whether a source segment aligned with text[start:end] names `name`; without it,
    `without`."""
    if not (doc.alignment and doc.source_segments and doc.hypothesis_segments and doc.source):
        return without
    key = real_key(name)
    return any(t_tokens and t_tokens[0].start < end and start < t_tokens[-1].end
               and key in real_key(doc.source[s_start:s_end]) for _, t_tokens, s_start, s_end in aligned_tokens(doc))


def _inside_longer_name(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Token i is one word of a longer run of capitalised words (a name of its own)."""
    before = i > 0 and tokens[i - 1].capitalised and not tokens[i - 1].initial \
        and adjacent(text, tokens[i - 1], tokens[i])
    after = i + 1 < len(tokens) and tokens[i + 1].capitalised and adjacent(text, tokens[i], tokens[i + 1])
    return bool(before or after)


def _in_kept_name(tokens: Sequence[Token], i: int, text: str, src: str, tgt: str) -> bool:
    """Token i is part of a run of capitalised words holding a common word of the source language, more its
    than the target's, an acronym or a broadcaster's word: a name kept as it is ("Kenya Derby", "Hawaii Public
    Radio", "ABC Radio Adelaide", "Radio Cayman"), whose spelling is its own."""
    k = i
    while k > 0 and tokens[k - 1].capitalised and adjacent(text, tokens[k - 1], tokens[k]):
        k -= 1
    others = []
    while k < len(tokens) and (k <= i or tokens[k].capitalised and adjacent(text, tokens[k - 1], tokens[k])):
        if k != i:
            others.append(tokens[k])
        k += 1
    return any(t.all_caps and len(t.text) >= 2 and not t.caps_line or t.lower in _STATION_WORDS
               or zipf(t.lower, src) >= 3.0 and zipf(t.lower, src) > zipf(t.lower, tgt) + 1.0 for t in others)


# a broadcaster's word beside a place makes a station's own name ("Radio Cayman")
_STATION_WORDS = word_set("station-words")


def _longer_name_after(tokens: Sequence[Token], i: int, text: str) -> bool:
    """A capitalised word follows token i, joined by a space: a known name is the head of a longer one."""
    return i + 1 < len(tokens) and tokens[i + 1].capitalised and adjacent(text, tokens[i], tokens[i + 1])


def _longer_initials(tokens: Sequence[Token], i: int, j: int, text: str) -> str:
    """The initials of the name of tokens i..j-1 with the capitalised words right before it that open no
    sentence ("AAP" for The Australian Associated Press): an acronym the MT may write for it."""
    k = i
    while k > 0 and tokens[k - 1].capitalised and not tokens[k - 1].initial \
            and adjacent(text, tokens[k - 1], tokens[k]):
        k -= 1
    return "".join(t.text[0] for t in tokens[k:j] if t.capitalised) if k < i else ""


def _garble_candidate(tok: Token, src: str) -> bool:
    """A capitalised source word whose spelling the MT should keep: a rare word, inside a sentence."""
    return not tok.all_caps and not tok.initial and len(tok.text) >= 4 and zipf(tok.lower, src) < 3.0


def _any_in(positions: list[int], lo: int, hi: int) -> bool:
    """Some of the sorted `positions` lies in [lo, hi)."""
    k = bisect.bisect_left(positions, lo)
    return k < len(positions) and positions[k] < hi


def _same_stem(a: str, b: str) -> bool:
    """Two words built on one stem: one starts with the other, or they share most of the shorter one's
    first letters (Limmerenbach / Limmerenschlucht)."""
    shared = len(os.path.commonprefix([a, b]))
    return shared == min(len(a), len(b)) or shared >= max(5, 0.6 * min(len(a), len(b)))


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class _LazySlot:
    """outlet_slot of a span, worked out when a rule first asks (most spans of a segment are never asked:
    a regex search per span otherwise)."""

    __slots__ = ("text", "start", "end", "value")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end, self.value = text, start, end, self

    def __call__(self) -> str | None:
        if self.value is self:
            self.value = outlet_slot(self.text, self.start, self.end)
        return self.value


def _clash(a: Flag, b: Flag) -> bool:
    """Two flags of one category on overlapping spans."""
    return a.category == b.category and a.start < b.end and b.start < a.end


def _real_outlet(text: str, tokens: Sequence[Token], seqs: Sequence[NameSeq], start: int, end: int) -> bool:
    """The name text[start:end], or a run of the capitalised words around it that holds it, is the name of
    a real newspaper (gazetteer.real_outlets): "Daily Bulletin" of the real "Inland Valley Daily Bulletin"."""
    real = real_outlets()
    if real_key(text[start:end]) in real:
        return True
    owner = _owner_before(text, start)   # "Investor's Business Daily"
    if owner and real_key(text[owner.start():end]) in real:
        return True
    for seq in seqs:
        if seq.start <= start and end <= seq.end:
            for i in range(seq.first, seq.last + 1):
                for j in range(seq.last, i - 1, -1):
                    if tokens[i].start <= start and end <= tokens[j].end \
                            and real_key(text[tokens[i].start:tokens[j].end]) in real:
                        return True
    return False


# a capitalised word and a possessive 's right before a name: its owner, a word of the name the tokens split off
_OWNER_BEFORE = re.compile(r"\b[^\W\d_]*[A-Z][^\W\d_]*['’]s\s+$")


def _owner_before(text: str, start: int) -> re.Match[str] | None:
    """The owner's word and its "'s" right before the name at `start` ("Hawke's " of Hawke's Bay Today)."""
    return _OWNER_BEFORE.search(text, max(0, start - 40), start)


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per span and category; an overlapping later or weaker flag goes."""
    flags = sorted(flags, key=lambda f: (-f.confidence, f.start))
    kept: list[Flag] = []
    for flag in flags:
        if any(_clash(k, flag) for k in kept):
            continue
        kept.append(flag)
    return sorted(kept, key=lambda f: (f.start, f.end))
