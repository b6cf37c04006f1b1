"""Words and tokens shared by the detectors: folding, spelling keys, word frequencies, the tokenizer
(in C where built: evalkit/detectors/_tokens.c), the tokens of aligned segments, runs of capitalised
words (name sequences), and where a text names a news source (outlet_slot)."""

from __future__ import annotations

import bisect
import math
import re
import threading
import unicodedata
from collections import Counter, namedtuple
from collections.abc import Callable, Iterator, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import compress, pairwise
from operator import itemgetter
from typing import NamedTuple, Self

from .._accel import load_accelerator
from .base import DetectionInput
from .langdata import pattern, pattern_by_first_letter, word_set

# Grammatical words that may sit inside a name or in front of it; never evidence of a shared name.
ARTICLES = word_set("name-articles")
CONNECTORS = word_set("name-connectors")


@lru_cache(maxsize=64)
def lang_base(lang: str | None) -> str | None:
    """The wordfreq language for a tag ("en-US" -> "en"), or None when wordfreq does not cover it."""
    if not lang:
        return None
    from wordfreq import available_languages

    base = re.split(r"[-_]", lang.strip().lower())[0]
    aliases = {"no": "nb", "iw": "he", "in": "id", "tl": "fil", "hr": "sh", "sr": "sh", "bs": "sh"}
    base = aliases.get(base, base)
    return base if base in available_languages() else None


# the longest word compound_halves reads as two words
COMPOUND_LETTERS = 40


@lru_cache(maxsize=1 << 12)
def compound_halves(word: str, lang: str, least: float) -> tuple[str, str] | None:
    """`word` (lowercase, eight letters or more) written as two words of `lang` that each have a Zipf frequency
    of `least` or more while the whole has less ("businessweek" -> business, week; "windstorm" -> wind, storm),
    the shortest first half first; None otherwise, and for a word longer than COMPOUND_LETTERS (no compound of
    two words; each cut would be looked up, a long "word" of junk costing time and memory as its square)."""
    if not 8 <= len(word) <= COMPOUND_LETTERS or zipf(word, lang) >= least:
        return None
    for cut in range(4, len(word) - 3):
        left, right = word[:cut], word[cut:]
        if zipf(left, lang) >= least and zipf(right, lang) >= least:
            return left, right
    return None


@lru_cache(maxsize=500_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq Zipf frequency of a lowercase word (0 when unknown or when the lookup fails)."""
    known = plain_zipf(word, lang)
    if known is not None:
        return known
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except Exception:  # noqa: BLE001 - wordfreq needs extra tokenisers for some languages (ja, zh)
        return 0.0


# A word of lowercase Latin-1 or Russian letters is one token of itself in wordfreq (nothing for its
# normalisation, case folding or tokenizer to change) in a language tokenised by wordfreq's regex with
# no transliteration, mark removal or letter fixing: its Zipf value is read straight from the frequency
# table, as zipf_frequency computes it (every such word of nine languages' tables gives the same value:
# tests/test_detectors_text.py). Most first lookups are such words; wordfreq tokenises each one.
_PLAIN_WORD = re.compile(r"[a-zà-öø-ÿа-яё]+")
_WORDFREQ_MIN = 1e-9   # zipf_frequency's default minimum, Zipf 0, as a frequency


@lru_cache(maxsize=64)
def _plain_frequencies(lang: str) -> dict[str, float] | None:
    """wordfreq's frequency table of `lang` when plain words need no preprocessing there, else None."""
    try:
        from wordfreq import get_frequency_dict
        from wordfreq.language_info import get_language_info

        info = get_language_info(lang)
        plain = info["tokenizer"] == "regex" and not info["transliteration"] and not info["lookup_transliteration"] \
            and not info["remove_marks"] and not info["dotless_i"] and not info["diacritics_under"]
        return get_frequency_dict(lang) if plain else None
    except Exception:  # noqa: BLE001 - an unknown language: zipf_frequency says what it says
        return None


def plain_zipf(word: str, lang: str) -> float | None:
    """wordfreq's `zipf_frequency(word, lang)` for a plain word (see above) in a plain language, read
    straight from the table; None for any other word or language (ask wordfreq)."""
    freqs = _plain_frequencies(lang) if _PLAIN_WORD.fullmatch(word) else None
    return None if freqs is None else _plain_zipf(freqs.get(word))


def zipf_folded(word: str, lang: str) -> float:
    """The Zipf frequency of a folded word (accents stripped): that of its most frequent spelling in the
    language's table ("remedes" is as frequent as "remèdes"), or of the word itself (Latin letters only)."""
    folded = _folded_frequencies(lang).get(word)
    return max(zipf(word, lang), _plain_zipf(folded) if folded is not None else 0.0)


@lru_cache(maxsize=16)
def _folded_frequencies(lang: str) -> dict[str, float]:
    """The frequency of each folded spelling of the Latin words with accents in wordfreq's table of `lang` (its
    most frequent one; Zipf 1 or more), made when first asked. (Not Cyrillic: "й" folded to "и" makes another
    word's spelling.)"""
    freqs = _plain_frequencies(lang) or {}
    out: dict[str, float] = {}
    for w, f in freqs.items():
        if f >= _FOLDED_MIN and not w.isascii() and w[0] < "\u0250":
            key = fold(w)
            if key != w and f > out.get(key, 0.0):
                out[key] = f
    return out


_FOLDED_MIN = 1e-8   # Zipf 1


@lru_cache(maxsize=1 << 12)
def _plain_zipf(freq: float | None) -> float:
    """wordfreq's arithmetic for one token: the frequency rounded to 3 significant digits, then Zipf
    (remembered: wordfreq's table holds a few hundred distinct frequencies, in centibels)."""
    if freq is None:
        freq = _WORDFREQ_MIN
    else:
        freq = max(1.0 / (1.0 / freq), _WORDFREQ_MIN)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=200_000)
def fold(text: str, form: str = "NFD") -> str:
    """Casefolded, accents stripped: 'Taïwan' -> 'taiwan', 'ÉTAT' -> 'etat'; with `form` "NFKD", compatibility
    characters decomposed too ('ﬁ' -> 'fi')."""
    folded = text.casefold()
    if folded.isascii():
        return folded   # (NFD and NFKD leave ASCII as it is, and no ASCII character is a combining mark)
    # the combining marks of the decomposed text dropped by str.translate, the others kept (the table
    # learns each character's answer on first sight): what joining the non-combining ones gives
    return unicodedata.normalize(form, folded).translate(_WITHOUT_COMBINING)


class _NonCombining(dict):
    """str.translate's table for fold: a code point -> None (dropped) for a combining mark, else itself."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _NonCombining()


@lru_cache(maxsize=200_000)
def spelling_key(text: str) -> str:
    """Key under which mere spelling variants of one name meet (accents, y/i, doubled letters)."""
    key = fold(text).replace("y", "i").replace("’", "'")
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=200_000)
def translit_key(text: str) -> str:
    """Looser key for transliteration variants (Putin/Poutine, Sergei/Sergueï, Tokayev/Tokaïev; in German's
    spelling, tsch, sch and z for English ch, sh and ts: Ratscha/Racha, Schewtschenko/Shevchenko, Uzera/Utsera)."""
    key = spelling_key(text).replace("tsch", "ch").replace("sch", "sh").replace("ts", "z")
    key = key.replace("ou", "u").replace("gue", "ge").replace("gui", "gi").replace("tch", "ch")
    key = key.replace("dj", "j").replace("zh", "j").replace("kh", "h").replace("sh", "ch").replace("w", "v")
    return key[:-1] if len(key) > 4 and key.endswith("e") else key


def similar(a: str, b: str) -> float:
    """Similarity ratio of two folded strings."""
    return SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


def similar_at_least(a: str, b: str, threshold: float) -> bool:
    """similar(a, b) >= threshold, told first by SequenceMatcher's upper bounds where they fall short (the
    lengths, then the letters shared in any order: most pairs of words differ there, and the full
    comparison is the costly part). The bounds are its real_quick_ratio and quick_ratio, same arithmetic."""
    fa, fb = fold(a), fold(b)
    total = len(fa) + len(fb)
    if total and 2.0 * min(len(fa), len(fb)) / total < threshold:
        return False
    if total and 2.0 * (Counter(fa) & Counter(fb)).total() / total < threshold:
        return False
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= threshold


def as_words_at(part: str, text: str, glue: str = "") -> Iterator[int]:
    """The offsets where `part` stands in `text` as words of its own: no word character (nor one of
    `glue`) right before or after it. The matches of re.finditer of (?<![\\w<glue>]) + re.escape(part) +
    (?![\\w<glue>]) (at every start, overlapping), without compiling a regex for each part (\\w is a
    character str.isalnum() says yes to, or "_")."""
    end, at = len(part), text.find(part)
    while at >= 0:
        before, after = text[at - 1:at], text[at + end:at + end + 1]
        if not (before and (before.isalnum() or before == "_" or before in glue)) \
                and not (after and (after.isalnum() or after == "_" or after in glue)):
            yield at
        at = text.find(part, at + 1)


_TokenFields = namedtuple("_TokenFields", "start end text line initial caps_line lower capitalised all_caps")


class Token(tuple):
    """A word of the text: offsets, line, and the case facts the detectors ask about (a tuple: cheap)."""

    __slots__ = ()
    # (a namedtuple's field readers, in C: cheaper than property(itemgetter(k)), read millions of times)
    start = _TokenFields.start
    end = _TokenFields.end
    text = _TokenFields.text
    line = _TokenFields.line
    initial = _TokenFields.initial          # first word of a sentence, line, quotation or field
    caps_line = _TokenFields.caps_line      # the line is written in capitals (a headline)
    lower = _TokenFields.lower
    capitalised = _TokenFields.capitalised
    all_caps = _TokenFields.all_caps

    def __new__(cls, start: int, end: int, text: str, line: int, initial: bool, caps_line: bool) -> Self:
        return tuple.__new__(cls, (start, end, text, line, initial, caps_line, text.lower(),
                                   text[:1].isupper(), len(text) > 1 and text.isupper()))

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


# A token is a run of word characters (letters, digits, "_"; a hyphenated word is two tokens).
WORD = re.compile(r"\w+")
# lowercase run glued to a capitalised word ("frenchPoutine", "KazakhstanEn"): two tokens
_GLUED = re.compile(r"(?<=[a-zà-ÿ]{3})(?=[A-ZÀ-Þ][a-zà-ÿ])")
# what a sentence-initial word follows: a line start, end punctuation, an opening quote, a field separator
_INITIAL = re.compile(r"(?:^|[.!?…:;|—–«“„\"(\[•*>·]|(?<!\S)-)[ \t\u00a0\u202f'’]*(?=[^\W\d_])", re.MULTILINE)
_CAPS_LINE_MIN = 3
_FIRST_WORD = re.compile(r"[^\W\d_]{2,}")


# The tokenizer in C (evalkit/detectors/_tokens.c); None without it or with
# EVALKIT_PURE_PYTHON_TOKENS set.
_accelerated = load_accelerator("._tokens", __package__, "EVALKIT_PURE_PYTHON_TOKENS")
_use_accelerator = True     # tests switch it off to compare the two paths


@lru_cache(maxsize=16)
def tokens_and_starts(text: str, starts: tuple[int, ...]) -> tuple[tuple[Token, ...], list[int]]:
    """The tokens of `text` and their start offsets (runs of word characters, with a lowercase run
    glued to a capitalised word cut off it); `starts` are extra sentence starts."""
    lines = text.split("\n")
    if _accelerated is not None and _use_accelerator:
        # the same tokens, built in C (sentence starts included): this runs on every source and MT document
        return _accelerated.tokenize(Token, text, sorted(starts), list(map(_caps_line, lines)))
    initials = {m.end() for m in _INITIAL.finditer(text)}
    initials.update(starts)
    tokens: list[Token] = []
    append, new, offset = tokens.append, tuple.__new__, 0
    for number, line in enumerate(lines):
        caps = _caps_line(line)
        glued = _GLUED.search(line) is not None
        for match in WORD.finditer(line):
            word = match.group()
            start = offset + match.start()
            if glued and _GLUED.search(word):
                cuts = [0, *(m.start() for m in _GLUED.finditer(word)), len(word)]
                for i, (a, b) in enumerate(pairwise(cuts)):
                    part = word[a:b]
                    append(new(Token, (start + a, start + b, part, number, i > 0 or start + a in initials,
                                       caps, part.lower(), part[:1].isupper(),
                                       len(part) > 1 and part.isupper())))
                continue
            # inlined Token(...): this loop runs once per word of every document
            append(new(Token, (start, start + len(word), word, number, start in initials, caps, word.lower(),
                               word[:1].isupper(), len(word) > 1 and word.isupper())))
        offset += len(line) + 1
    return tuple(tokens), [t[0] for t in tokens]


def _caps_line(line: str) -> bool:
    """The line is written in capitals (a headline): it starts in capitals, has four capitals to a
    lowercase letter and at least _CAPS_LINE_MIN words."""
    head = _FIRST_WORD.search(line)
    if head is None or not head.group().isupper():
        return False
    lowers = sum(map(str.islower, line))
    uppers = sum(map(str.isupper, line))
    return uppers >= 4 * lowers and uppers > 0 and len(line.split()) >= _CAPS_LINE_MIN


def tokenize(text: str, starts: Sequence[int] = ()) -> list[Token]:
    """Word tokens with offsets; `starts` are extra sentence starts (segment offsets)."""
    return list(tokens_and_starts(text, tuple(starts))[0])


def capitalised_at(tokens: Sequence[Token]) -> Iterator[int]:
    """Indices of the capitalised tokens, in order (picked out at C speed: most words are not)."""
    return iter(tokens_where(tokens, 7))


# What tokens_where and token_starts said about the last few token lists of whole texts, per thread (the
# detectors ask about the same document's tokens ten times over): [(tokens, question, answer)], newest
# first. The lists themselves are held (compared by identity), so that no new list can take a freed one's place.
_ASKED = threading.local()
_ASKED_KEPT = 8
_ASKED_MIN = 64   # a shorter list (a segment's, a link's) is read afresh


def tokens_where(tokens: Sequence[Token], field: int) -> tuple[int, ...]:
    """Indices of the tokens whose `field` is true (7: capitalised, 8: all in capitals), in order."""
    return _asked(tokens, field, lambda: tuple(compress(range(len(tokens)), map(itemgetter(field), tokens))))


def token_starts(tokens: Sequence[Token]) -> tuple[int, ...]:
    """The tokens' start offsets, in order."""
    return _asked(tokens, "starts", lambda: tuple(map(itemgetter(0), tokens)))


def _asked(tokens: Sequence[Token], question: int | str, answer: Callable[[], tuple[int, ...]]) -> tuple[int, ...]:
    if len(tokens) < _ASKED_MIN:
        return answer()
    recent = getattr(_ASKED, "recent", None)
    if recent is None:
        recent = _ASKED.recent = []
    for seen, seen_question, known in recent:
        if seen is tokens and seen_question == question:
            return known
    known = answer()
    recent.insert(0, (tokens, question, known))
    del recent[_ASKED_KEPT:]
    return known


# The last document's aligned tokens, per thread (Dask runs documents in threads: one shared slot read
# while another thread rewrites it would hand a document another's tokens), stored as one tuple.
_ALIGNED = threading.local()


def aligned_tokens(doc: DetectionInput) -> list[tuple[list[Token], list[Token], int, int]]:
    """Per alignment link with both sides: (source tokens, MT tokens, source start, source end).

    Token offsets index `doc.source` and `doc.hypothesis`; both texts are tokenised once (and the
    result is shared by the detectors that ask for the same document).
    """
    # The cache holds the alignment and segment objects themselves (compared by identity), not
    # their id()s: a freed object's id can be reused by another document's.
    return _aligned(doc)[0]


def aligned_ranges(doc: DetectionInput) -> tuple[Sequence[Token], Sequence[Token], list[tuple[int, int, int, int]]]:
    """The source and MT tokens of the whole document, and per link of `aligned_tokens` the ranges
    (source first, source end, MT first, MT end) its tokens take in them: a detector can look for
    what it needs in the whole document once and visit only the links that have it."""
    return _aligned(doc)[1]


def _aligned(doc: DetectionInput) -> tuple[list, tuple]:
    key = (doc.hypothesis, doc.source, doc.alignment, doc.source_segments, doc.hypothesis_segments)
    last = getattr(_ALIGNED, "value", None)
    if last is not None:
        cached = last[0]
        if cached[0] == key[0] and cached[1] == key[1] and all(a is b for a, b in zip(cached[2:], key[2:])):
            return last[1], last[2]
    out: list[tuple[list[Token], list[Token], int, int]] = []
    ranges: list[tuple[int, int, int, int]] = []
    s_tokens: Sequence[Token] = ()
    t_tokens: Sequence[Token] = ()
    if doc.alignment and doc.source_segments and doc.hypothesis_segments and doc.source:
        hyp, srcs = doc.hypothesis_segments, doc.source_segments
        s_tokens, s_starts = tokens_and_starts(doc.source, tuple(s.start for s in srcs))
        t_tokens, t_starts = tokens_and_starts(doc.hypothesis, tuple(s.start for s in hyp))
        s_list, t_list = list(s_tokens), list(t_tokens)   # a list's slices are lists: one copy per link
        for link in doc.alignment:
            s_idx = [k for k in link.source if 0 <= k < len(srcs)]
            t_idx = [k for k in link.target if 0 <= k < len(hyp)]
            if not s_idx or not t_idx:
                continue
            sa, sb = srcs[s_idx[0]].start, srcs[s_idx[-1]].end
            ta, tb = hyp[t_idx[0]].start, hyp[t_idx[-1]].end
            s_lo, s_hi = bisect.bisect_left(s_starts, sa), bisect.bisect_left(s_starts, sb)
            t_lo, t_hi = bisect.bisect_left(t_starts, ta), bisect.bisect_left(t_starts, tb)
            out.append((s_list[s_lo:s_hi], t_list[t_lo:t_hi], sa, sb))
            ranges.append((s_lo, s_hi, t_lo, t_hi))
    _ALIGNED.value = (key, out, (s_tokens, t_tokens, ranges))
    return out, _ALIGNED.value[2]


# --------------------------------------------------------------------------- name sequences

class NameSeq(NamedTuple):
    """A run of capitalised tokens (a tuple: one is made for every capitalised word of a text)."""

    first: int          # token indices, inclusive
    last: int
    start: int          # str offsets
    end: int
    text: str
    caps_line: bool
    initial: bool


def name_sequences(tokens: Sequence[Token], text: str) -> list[NameSeq]:
    """Runs of capitalised tokens, joined by spaces and by lowercase connectors ("Belt and Road")."""
    if _accelerated is not None and _use_accelerator:
        # the same runs, found in C (evalkit/detectors/_tokens.c), for tokens of this text
        runs = _accelerated.name_runs(NameSeq, tokens, text, CONNECTORS)
        if runs is not None:
            return runs
    out: list[NameSeq] = []
    n = len(tokens)
    new = tuple.__new__   # NameSeq(...) without its Python-level __new__: one is made per capitalised word
    after = 0   # a run starts at a capitalised token after the previous run
    for i in capitalised_at(tokens):
        if i < after:
            continue
        j = i
        while j + 1 < n and j - i < 8:
            nxt = tokens[j + 1]
            if nxt[7] and not nxt[4]:   # capitalised, not a sentence's first word
                if not adjacent(text, tokens[j], nxt):
                    break
                j += 1
                continue
            # a connector joins two capitalised words
            if nxt[2] in CONNECTORS and nxt[2].islower() and j + 2 < n and tokens[j + 2][7] \
                    and not tokens[j + 2][4] and adjacent(text, tokens[j], nxt) \
                    and adjacent(text, nxt, tokens[j + 2]):
                j += 2
                continue
            break
        first, last = tokens[i], tokens[j]
        out.append(new(NameSeq, (i, j, first.start, last.end, text[first.start:last.end], first.caps_line,
                                 first.initial)))
        after = j + 1
    return out


def adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return a.line == b.line and 0 < len(gap) <= 3 and gap.strip() in ("", "&", "+")


def capitalised_run(text: str, tokens: Sequence[Token], i: int, step: int, most: int = 3) -> list[int]:
    """The capitalised tokens right before (`step` -1) or after (+1) token `i`, adjacent one to the next, at
    most `most`, in text order."""
    run: list[int] = []
    k = i + step
    while 0 <= k < len(tokens) and len(run) < most and tokens[k].capitalised \
            and adjacent(text, *sorted((tokens[k], tokens[k - step]), key=lambda t: t.start)):
        run.append(k)
        k += step
    return run[::step]


def hyphened_run(text: str, tokens: Sequence[Token], i: int) -> list[int]:
    """The capitalised tokens joined to token `i` by hyphens after it, in text order ("Écosse" of
    "Nouvelle-Écosse", "Tribunal" of "Star-Tribunal"), which the name runs leave out."""
    run: list[int] = []
    while i + 1 < len(tokens) and tokens[i + 1].capitalised and text[tokens[i].end:tokens[i + 1].start] == "-":
        i += 1
        run.append(i)
    return run


# --------------------------------------------------------------------------- where a text names a news source

# The cues are regular expressions in evalkit/data/patterns.tsv (attribution-*); a cue before a name starts
# a word (the look-behind: positions inside a word fail at once). These regexes are only asked whether they
# match, so their cues are grouped by first letter (pattern_by_first_letter): at a word's start the engine
# enters one letter's group, where it tried each cue's own alternation ("analyse|étude|sondage...").
_LEFT_ATTRIBUTION = re.compile(
    r"(?<![^\W\d_])" + pattern_by_first_letter("attribution-before")
    + r"(?:\s+" + pattern("attribution-of") + r")?(?:\s+" + pattern("attribution-articles") + r")?\s*[«“„\"]?$",
    re.IGNORECASE)
_RIGHT_ATTRIBUTION = re.compile(r"^[\s»”\"]*(?:[,)]\s*)?" + pattern_by_first_letter("attribution-after") + r"\b",
                                re.IGNORECASE)
CREDIT_WORDS = tuple(pattern("credit-words")[3:-1].split("|"))   # stems of a credit line ("beigetragen")
_CREDIT = re.compile("|".join(CREDIT_WORDS), re.IGNORECASE)
# Characters that the case-blind regexes above match with one of their letters while lowering them gives
# another ("İ" is "i̇" lowered, "ſ" is itself; tests/test_detectors_text.py checks there are no others): a
# text holding one is searched with the case-blind regex.
_LOWER_ODD = "İıſᲀᲁᲂᲃᲄᲅ"
_HOLDS_LOWER_ODD = re.compile(f"[{_LOWER_ODD}]")   # (a regex of one class: cheaper than nine `in`)


def _found_by(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether `pattern.search(text)` (a case-blind regex of lowercase letters) finds something, answered
    on the lowered text by the same regex case-sensitive where that is the same: the regex engine skips
    a case-sensitive alternative on its first letter at once, a case-blind one only after trying it."""
    lowered = re.compile(pattern.pattern)

    def found(text: str) -> bool:
        if _HOLDS_LOWER_ODD.search(text):
            return pattern.search(text) is not None
        return lowered.search(text.lower()) is not None
    return found


_CASE_BLIND = (_LEFT_ATTRIBUTION, _RIGHT_ATTRIBUTION, _CREDIT)
_left_found, _right_found, _credit_found = map(_found_by, _CASE_BLIND)


def outlet_slot(text: str, start: int, end: int, lang: str | None = None) -> str | None:
    """'attribution' when the span sits where a news source is named ("selon le X", "X reported"),
    'credit' in a "contributed to this report" line, else None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, start - 60):start]
    right = text[end:min(line_end, end + 40)]
    if _attribution_before(left) or _attribution_after(right) and not _cited_after(right) \
            or _SENTENCE_END.match(right) and _told(text[max(line_start, start - 160):start]):
        return "attribution"   # (or the name ends its sentence as the one a speaker told: "..., a confié Jeroen
        # Bakker, responsable syndical à la FNV, à NL Periods.")
    if end - line_start < 200 and _credit_line(text[line_start:line_end]):
        return "credit"
    return None


def cue_after(text: str, end: int) -> bool:
    """A citing verb right after position `end` on its line ("... a indiqué", "... informó"): the words there
    are the cue, not more of a name."""
    line_end = text.find("\n", end)
    return _attribution_after(text[end:min(len(text) if line_end < 0 else line_end, end + 40)])


# The detectors ask about the same few places many times (every sub-span of a name, every known name
# of an aligned segment): the regex verdicts are remembered per window of text. _LEFT_ATTRIBUTION is
# anchored at the end, so a search tries its long alternation at every position of the window.
@lru_cache(maxsize=1 << 14)
def _attribution_before(left: str) -> bool:
    return _left_found(left)


@lru_cache(maxsize=1 << 14)
def _attribution_after(right: str) -> bool:
    return _right_found(right)


@lru_cache(maxsize=1 << 14)
def _cited_after(right: str) -> bool:
    """The verb after the comma has its own subject after it: the name before the comma ends the clause reported,
    and the source cited is the name after the verb ("... sur Google Maps, a rapporté Le Monde"; "..., informó
    la agencia EFE")."""
    return "," in right[:3] and _INVERTED.match(right) is not None


@lru_cache(maxsize=1 << 14)
def _told(left: str) -> bool:
    return bool(_TOLD.search(left))


_TOLD = re.compile(pattern("told-outlet"), re.IGNORECASE)
# a comma, a citing verb, then its subject: an article, or at most two lowercase words (a kind of outlet) and a
# capitalised word, quoted or not
_LOWER_WORD = r"(?-i:[^\W\d_A-ZÀ-ÞА-ЯЁ][^\W\d_]*)"
_INVERTED = re.compile(r"^[\s»”\"]*,\s*" + pattern_by_first_letter("attribution-after")
                       + r"\s+(?:(?:" + pattern("subject-articles") + r")\b|(?:" + _LOWER_WORD + r"\s+){0,2}"
                       r"[«“„\"]?(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁ]))", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[»\"”“']?[.!?](?:\s|$)")


@lru_cache(maxsize=1 << 12)
def _credit_line(line: str) -> bool:
    return _credit_found(line)
