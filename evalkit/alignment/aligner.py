"""Monotonic sentence aligner: banded dynamic programming over length and lexical anchors.

Aligns the segments of a document with those of its translation (1-1, 1-2, 2-1, 2-2, 1-3, 3-1,
insertions 0-1, omissions 1-0) with no MT system and no embeddings. See docs/alignment.md.
"""

from __future__ import annotations

import array
import bisect
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from evalkit._accel import load_accelerator
from evalkit.segment import Segment


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Link:
    """One alignment link between consecutive source and target segment indices.

    `score` is the cost the link added to the dynamic programme, lower is better: for a 1-0 or
    0-1 link the cost of leaving the segment out (3.0 for an ordinary segment, less for one that
    looks like junk); otherwise type prior + length cost - lexical reward + cost of the names
    and numbers one side lacks, so a link whose anchors agree well is negative and one held only
    by its length is a little above 0.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float

    @property
    def type(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class AlignOptions:
    """Cost model parameters; docs/alignment.md says how each was chosen."""

    merge: float = 2.0          # -log prior of 2-1 and 1-2 relative to 1-1
    merge_2_2: float = 4.0      # ... of 2-2
    merge_3_1: float = 4.0      # ... of 3-1 and 1-3
    skip: float = 3.0           # cost of a 1-0 / 0-1 link for an ordinary segment
    junk_skip: float = 2.5      # how much cheaper leaving out a junk-looking segment is
    length_weight: float = 0.7  # weight of the Gale-Church length cost
    variance: float = 6.8       # Gale-Church variance of the length difference per character
    match_weight: float = 0.6   # reward per unit of matched anchor weight
    number_weight: float = 2.0  # numbers are rarer and surer than cognates
    punct_weight: float = 0.5   # ? ! : ; ( and quotes are weak hints
    line_break: float = 2.0     # cost of gluing segments that start on different lines
    band: int = 6               # initial half-width of the DP band, in segments
    rounds: int = 2             # 2: relearn a lexicon from the first pass and realign
    lexicon_weight: float = 1.0   # weight of a learnt word pair relative to a cognate
    lexicon_min_count: int = 2    # a pair must co-occur in this many first-pass links
    lexicon_min_dice: float = 0.4
    lexicon_max_df: float = 0.2   # words in more than this share of links are not paired
    miss_weight: float = 0.2    # cost per unit of a name's or number's weight left unmatched
    dictionary: bool = True     # anchor the word pairs a bilingual dictionary gives (_dictionary_pairs)


DEFAULT_OPTIONS = AlignOptions()
_OPTION_NAMES = frozenset(f.name for f in fields(AlignOptions))

# Function words, per language: they carry no anchor, and a line made of another language's
# function words is likely junk (a leaked English prompt in French, a German advert in a French
# yearbook).
_FUNCTION_WORDS = {
    "en": _wordset("""
        the and that this with from have has had they them their there these those were was been
        being will would could should which what when where while about after before also more
        most than then into over other some such only very just said says your yours ours here
        because between against during under until again further once each both same too can
        not nor out off own is are for you our are of to in it on be as at by an or if we be
    """),
    "fr": _wordset("""
        dans pour avec mais plus sont nous vous elle elles leur leurs cette comme tout tous toute
        toutes même bien être avoir fait faire sans sous entre aussi encore depuis avant après
        alors donc ainsi était avait peut deux quelques autre autres dont très moins selon lors
        celui celle ceux votre notre cela ceci rien jamais toujours contre chez vers quand aux
        des une est ont pas que qui quoi sur par avons avez sera seront serait étaient avaient
        puis tant dire déjà ici le la les un et du de en au il ne se ce sa son ses
    """),
    "de": _wordset("""
        dass sich nicht eine einer einem einen eines werden wurde wurden über nach auch oder aber
        dann noch schon sind sein seine seiner seinem seinen ihre ihren ihrem ihrer wird haben
        hatte hatten kann können muss unter zwischen durch gegen ohne wieder immer diese dieser
        dieses diesem diesen jene einige mehr sehr doch also wenn weil während bevor nachdem
        bereits etwa unsere unser unseren unserem unserer beim denn selbst ganz alle allem allen
        aller alles andere anderen weiter erst hier dort jetzt gibt geht wäre hätte habe fast
        viel viele sowie zwar damit deren dessen jedoch sondern welche welcher welches der die
        das und ist ein mit von für den dem des zu im auf es sie er wir ich
    """),
}
_STOPWORDS = frozenset().union(*_FUNCTION_WORDS.values())

# Times before grouped numbers before decimals before integers: "16h07" = "16:07",
# "5 000" = "5,000" = "5000", "3,5" = "3.5".
_NUMBER = re.compile(
    r"(?P<time>(?<!\d)\d{1,2} ?[h:] ?\d{2}(?!\d))"
    r"|(?P<group>(?<!\d)\d{1,3}(?:[,.'’ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?)"
    r"|(?P<dec>\d+[.,]\d+)"
    r"|(?P<int>\d+)"
)
_WORD = re.compile(r"[^\W\d_]+")
_PUNCT = {"?": "?", "!": "!", ":": ":", ";": ";", "(": "(", "«": "q", "»": "q", "“": "q", "”": "q",
          '"': "q", "„": "q"}
_PUNCT_MARK = re.compile("[" + re.escape("".join(_PUNCT)) + "]")
# Openers of site junk in the languages of evalkit's corpora: newsletter and share bars, "read also"
# teasers, ad labels. Matched at the start of a segment only.
_JUNK = re.compile(
    r"^\W*(?:\[?ad_?\d*\]?|read(?: more| also)?\b|source link|advertisement|related\b|share\b|"
    r"leave a (?:reply|comment)|laisser un commentaire|comments?(?:\s*[:(\d]|\s*$)|click here|subscribe|sign up|"
    r"inscrivez-vous|abonnez-vous|(?:à )?lire aussi\b|partager\b|publicité\b|cliquez ici|suivez-nous|"
    r"newsletter\b|jetzt (?:\w+ ){0,3}(?:abonnieren|anmelden|registrieren)|abonnieren\b|teilen\b|anzeige\b|"
    r"werbung\b|lesen sie auch|mehr zum thema|suscr[íi]b[ae]se|suscr[íi]bete|compartir\b|le[ae] tambi[ée]n|"
    r"publicidad\b|haz clic|подпишитесь|поделиться|читайте также|реклама\b|"
    r"(?:ce|this|notre|our) site (?:web )?(?:utilise|uses)|this website uses|wir verwenden cookies|"
    r"diese (?:web)?seite verwendet|este sitio (?:web )?utiliza|en poursuivant|by continuing|mit der nutzung|"
    r"al continuar|kommentar verfassen|deja un comentario|votre adresse (?:e-mail|électronique)|"
    r"your email address|ihre e-mail-adresse|tu (?:dirección de )?correo|erforderliche felder|required fields|"
    r"les champs obligatoires|los campos obligatorios|мы используем (?:файлы )?cookie|продолжая пользоваться|"
    r"оставить комментарий|ваш адрес (?:email|электронной почты))",
    re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    word = word.casefold().replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return folded.translate(_latin_letters()) if not folded.isascii() else folded


@functools.lru_cache(maxsize=1)
def _latin_letters() -> dict[int, str]:
    """Latin letters for Cyrillic ones (evalkit/data/transliteration.tsv): "путин" folds to "putin",
    so a name is an anchor across scripts."""
    from importlib import resources

    table: dict[int, str] = {}
    text = resources.files("evalkit").joinpath("data/transliteration.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#") and not line.startswith("letter\t"):
            letter, _, latin = line.partition("\t")
            table[ord(letter)] = latin
    return table


def _normalise_number(match: re.Match[str]) -> str:
    return _normalised(match.lastgroup, match.group())  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1 << 12)
def _normalised(kind: str, text: str) -> str:
    """The normalised form of a number `text` matched by `_NUMBER`'s group `kind` (cached)."""
    if kind == "time":
        hours, minutes = re.split(r" ?[h:] ?", text)
        return f"t{int(hours)}:{minutes}"
    if kind == "group":
        # A final ",5" / ".25" after the groups is a decimal part ("1,234.5", "1 234,5").
        head, frac = re.fullmatch(r"(.*?)(?:[.,](\d{1,2}|\d{4,}))?", text).groups()  # type: ignore[union-attr]
        return str(int(re.sub(r"\D", "", head))) + (f".{frac}" if frac else "")
    if kind == "dec":
        whole, frac = re.split(r"[.,]", text)
        return f"{int(whole)}.{frac}"
    return str(int(text))


def features(text: str) -> Counter[str]:
    """Anchors that survive translation: numbers, cognate prefixes, short names, punctuation.

    Keys: "#5000" a normalised number, "wnucl" the accent-free lowercase 4-letter prefix of a
    content word, "nxi" a short capitalised word mid-sentence (a name or acronym), "p?" a
    punctuation mark.
    """
    # A plain dict counts faster than a Counter (no __missing__ call per new key); the Counter
    # made from it has the same keys in the same order.
    feats: dict[str, int] = {}
    for m in _NUMBER.finditer(text):
        key = "#" + _normalise_number(m)
        feats[key] = feats.get(key, 0) + 1
    first = True
    for m in _WORD.finditer(text):
        word = m.group()
        folded = _fold(word)
        if len(folded) >= 4:
            if folded not in _STOPWORDS:
                key = "w" + folded[:4]
                feats[key] = feats.get(key, 0) + 1
        elif not first and len(word) >= 2 and word[0].isupper() and folded not in _STOPWORDS:
            key = "n" + folded
            feats[key] = feats.get(key, 0) + 1
        first = False
    for m in _PUNCT_MARK.finditer(text):
        key = "p" + _PUNCT[m.group()]
        feats[key] = feats.get(key, 0) + 1
    return Counter(feats)


def strong_anchors(text: str, lang: str | None = None) -> set[str]:
    """The keys of `features(text)` that a faithful translation should keep: numbers and names.

    Names are words capitalised mid-sentence; not in German, which capitalises every noun, nor
    in a headline where most words are capitalised.
    """
    keys = {"#" + _normalise_number(m) for m in _NUMBER.finditer(text)}
    long_words = [w for w in _WORD.findall(text) if len(w) >= 4]
    if (lang or "").lower().startswith("de") or sum(w[0].isupper() for w in long_words) > 0.75 * len(long_words):
        return keys  # German nouns, or a headline in Title Case or CAPITALS
    first = True
    for m in _WORD.finditer(text):
        word = m.group()
        if not first and word[0].isupper():
            folded = _fold(word)
            if folded not in _STOPWORDS:
                keys.add(("w" + folded[:4]) if len(folded) >= 4 else ("n" + folded))
        first = False
    return keys


def junkiness(text: str, lang: str | None = None) -> float:
    """0 for an ordinary sentence, up to 1 for a segment that looks like site junk or debris.

    Junk: no letters, no word longer than two letters, a known boilerplate opener ("[ad_1]",
    "READ ...", "Source link"), a very short fragment without final punctuation, or, when
    `lang` is given, a segment written in another language's function words.
    """
    stripped = text.strip()
    if not any(c.isalpha() for c in stripped) or _JUNK.match(stripped):
        return 1.0
    words = _WORD.findall(stripped)
    if max((len(w) for w in words), default=0) <= 2:
        return 1.0
    score = 0.0
    if sum(len(w) for w in words) <= 6 and stripped[-1:] not in ".!?…":
        score = 0.5
    own = _FUNCTION_WORDS.get((lang or "").split("-")[0].lower())
    if own is not None and len(words) >= 4:
        folded = [w.lower() for w in words]
        mine = sum(w in own for w in folded)
        other = max(sum(w in fw for w in folded) for code, fw in _FUNCTION_WORDS.items() if fw is not own)
        if other >= 3 and other >= 3 * mine:
            score = max(score, 0.5)
    return score


def word_keys(text: str) -> tuple[str, ...]:
    """The words of a segment as the lexicon sees them: accent-free 5-letter prefixes, sorted."""
    return tuple(sorted({_fold(w)[:5] for w in _WORD.findall(text) if len(w) >= 3}))


def learn_lexicon(documents: Iterable[tuple[Sequence[Iterable[str]], Sequence[Iterable[str]], Sequence[Link]]],
                  opts: AlignOptions = DEFAULT_OPTIONS) -> list[tuple[str, str]]:
    """Word pairs that keep co-occurring in the links of a first pass: sorted (source, target) keys.

    `documents` holds (source word keys per segment, target word keys per segment, links).
    Hunalign's idea without its dictionary: a first alignment is mostly right, so words that
    translate each other co-occur in its links far more than chance (Dice coefficient); pairs
    that also share a 4-letter prefix are left to the cognate anchors; competitive linking keeps
    each word in one pair.
    """
    docs = [(src_keys, tgt_keys, [lk for lk in links if lk.source and lk.target])
            for src_keys, tgt_keys, links in documents]
    cs: Counter[str] = Counter()
    ct: Counter[str] = Counter()
    blocks = []
    for src_keys, tgt_keys, links in docs:
        for link in links:
            ks = sorted(set().union(*(src_keys[i] for i in link.source)))
            kt = sorted(set().union(*(tgt_keys[j] for j in link.target)))
            cs.update(ks)
            ct.update(kt)
            blocks.append((ks, kt))
    max_df = max(2.0, opts.lexicon_max_df * len(blocks))
    # Only words seen often enough, and not too often, can pair: most words are hapaxes.
    low = opts.lexicon_min_count
    pair_count: Counter[tuple[str, str]] = Counter()
    for ks, kt in blocks:
        ks = [a for a in ks if low <= cs[a] <= max_df]
        kt = [b for b in kt if low <= ct[b] <= max_df]
        if ks and kt:
            # Counted in C; only the counts matter (the pairs are sorted below).
            pair_count.update([(a, b) for a in ks for b in kt if a[:4] != b[:4]])
    scored = []
    for (a, b), c in pair_count.items():
        if c < low:
            continue
        dice = 2 * c / (cs[a] + ct[b])
        if dice >= opts.lexicon_min_dice:
            scored.append((-dice, -c, a, b))
    scored.sort()
    lexicon: list[tuple[str, str]] = []
    taken_s: set[str] = set()
    taken_t: set[str] = set()
    for _, _, a, b in scored:
        if a not in taken_s and b not in taken_t:
            lexicon.append((a, b))
            taken_s.add(a)
            taken_t.add(b)
    return sorted(lexicon)


@dataclass
class _Side:
    """Per-segment data of one side of a document pair."""

    lengths: list[int]
    cum_len: list[int]
    base: list[Counter[str]]
    strong: list[frozenset[str]]
    keys: list[tuple[str, ...]]
    junk: list[float]
    starts_line: list[bool]
    feats: list[Counter[str]]
    weight: list[float]
    wsum: list[float]
    swsum: list[float]


# Every `_NUMBER` match starts with a decimal digit: a segment without one needs no number pass.
_DIGIT = re.compile(r"\d")
_LANGUAGES = tuple(_FUNCTION_WORDS)


@functools.lru_cache(maxsize=1 << 16)
def _word_info(word: str) -> tuple[str | None, str | None, str | None, int, bool, str | None, int, bool]:
    """What `features`, `strong_anchors`, `junkiness` and `word_keys` take from one word (a
    `_WORD` match), for `_analyse`'s single pass; cached, as a corpus has far fewer distinct
    words than segments.

    (cognate key or None, name key if mid-sentence or None, strong key if mid-sentence or None,
    length, capitalised, lexicon key or None, bit x set when the lowercase word is in the
    function words of `_LANGUAGES[x]`, has a letter); the C analysis reads the same tuple.
    """
    folded = _fold(word)
    upper = word[0].isupper()
    stop = folded in _STOPWORDS
    long = len(folded) >= 4
    cognate = "w" + folded[:4] if long and not stop else None
    name = "n" + folded if not long and len(word) >= 2 and upper and not stop else None
    strong = (("w" + folded[:4]) if long else ("n" + folded)) if upper and not stop else None
    lower = word.lower()
    return (cognate, name, strong, len(word), upper, folded[:5] if len(word) >= 3 else None,
            sum(1 << x for x, code in enumerate(_LANGUAGES) if lower in _FUNCTION_WORDS[code]),
            any(c.isalpha() for c in word))


def _number_keys(text: str) -> list[str]:
    """The number anchors of a text, in order: `features`' first pass, faster.

    `_NUMBER.finditer` tries its four alternatives at every position; each of them starts with
    a decimal digit, so trying `_NUMBER.match` at each digit from the end of the previous match
    on finds the same matches (lookbehinds still see the text before the position).
    """
    keys = []
    end = 0
    for digit in _DIGIT.finditer(text):
        if digit.start() >= end:
            m = _NUMBER.match(text, digit.start())
            if m:
                keys.append("#" + _normalised(m.lastgroup, m.group()))  # type: ignore[arg-type]
                end = m.end()
    return keys


@functools.lru_cache(maxsize=1 << 14)
def _analyse(text: str, lang: str) -> tuple[int, Counter[str], frozenset[str], tuple[str, ...], float]:
    """Everything the aligner needs from one segment; cached, as a source is aligned with
    several translations. Callers must not mutate the returned Counter.

    (non-space length, `features`, the strong ones among them (`strong_anchors`), `word_keys`,
    `junkiness`): `_analyse_in_python`, or the same in C where the extension is built.
    """
    if _accelerated is not None and _use_accelerator:
        return _accelerated.analyse(text, *_language_flags(lang), _ANALYSIS_HELPERS)
    return _analyse_in_python(text, lang)


@functools.lru_cache(maxsize=256)
def _language_flags(lang: str) -> tuple[bool, int]:
    """For the C analysis: whether names are not strong anchors (German capitalises every noun),
    and the index of the language's function words in `_LANGUAGES` (-1: none)."""
    code = (lang or "").split("-")[0].lower()
    return (lang or "").lower().startswith("de"), _LANGUAGES.index(code) if code in _FUNCTION_WORDS else -1


def _analyse_in_python(text: str, lang: str) -> tuple[int, Counter[str], frozenset[str], tuple[str, ...], float]:
    """`_analyse` in one pass over the words instead of one per function: the same values, the
    same key order and the same sets built in the same order (tests/test_align_fast.py checks)."""
    feats: dict[str, int] = {}
    strong: set[str] = set()
    if _DIGIT.search(text):
        for key in _number_keys(text):
            feats[key] = feats.get(key, 0) + 1
            strong.add(key)
    words = [_word_info(w) for w in _WORD.findall(text)]
    for k, (cognate, name, *_) in enumerate(words):
        key = cognate or (name if k else None)
        if key:
            feats[key] = feats.get(key, 0) + 1
    for m in _PUNCT_MARK.finditer(text):
        key = "p" + _PUNCT[m.group()]
        feats[key] = feats.get(key, 0) + 1
    counts = Counter(feats)
    # Names are strong except in German and in headlines (see `strong_anchors`).
    capitalised = [w[4] for w in words if w[3] >= 4]
    if not (lang or "").lower().startswith("de") and not sum(capitalised) > 0.75 * len(capitalised):
        for w in words[1:]:
            if w[2]:
                strong.add(w[2])
    keys = tuple(sorted({w[5] for w in words if w[5] is not None}))
    # `junkiness`; no whitespace character is a `_WORD` letter, so the words of the stripped
    # text are those of the text.
    stripped = text.strip()
    if not any(w[7] for w in words) or _JUNK.match(stripped) or max((w[3] for w in words), default=0) <= 2:
        junk = 1.0
    else:
        junk = 0.0
        if sum(w[3] for w in words) <= 6 and stripped[-1:] not in ".!?…":
            junk = 0.5
        code = (lang or "").split("-")[0].lower()
        if code in _FUNCTION_WORDS and len(words) >= 4:
            own = _LANGUAGES.index(code)
            mine = sum(w[6] >> own & 1 for w in words)
            other = max(sum(w[6] >> x & 1 for w in words) for x in range(len(_LANGUAGES)) if x != own)
            if other >= 3 and other >= 3 * mine:
                junk = max(junk, 0.5)
    return len("".join(text.split())), counts, frozenset(strong & counts.keys()), keys, junk


def _prepare(texts: Sequence[str], lang: str, starts_line: Sequence[bool] | None) -> _Side:
    analysed = [_analyse(t, lang) for t in texts]
    lengths = [a[0] for a in analysed]
    cum = [0]
    for n in lengths:
        cum.append(cum[-1] + n)
    base = [a[1] for a in analysed]
    return _Side(
        lengths=lengths, cum_len=cum, base=base, strong=[a[2] for a in analysed], keys=[a[3] for a in analysed],
        junk=[a[4] for a in analysed],
        starts_line=list(starts_line) if starts_line is not None else [False] * len(texts),
        feats=base, weight=[], wsum=[], swsum=[],
    )


def _use_lexicon(src: _Side, tgt: _Side, pairs: Iterable[tuple[str, str]]) -> None:
    """Add one anchor "Lsource|target" per lexicon pair present on a side."""
    by_s: dict[str, list[str]] = {}
    by_t: dict[str, list[str]] = {}
    for a, b in sorted(set(pairs)):
        tag = f"L{a}|{b}"
        by_s.setdefault(a, []).append(tag)
        by_t.setdefault(b, []).append(tag)
    for side, table in ((src, by_s), (tgt, by_t)):
        side.feats = [base + Counter(tag for k in keys for tag in table.get(k, ()))
                      for base, keys in zip(side.base, side.keys)]


def align(source: Sequence[str], target: Sequence[str], *, src_lang: str = "en", tgt_lang: str = "fr",
          **options: object) -> list[Link]:
    """Align two documents given as lists of segments; returns full-coverage monotonic links.

    Keyword options override the fields of `AlignOptions`; besides them, `source_lines` /
    `target_lines` (one bool per segment, True where it starts a line of its text) make gluing
    segments across a line break cost `line_break`, and `lexicon` (source, target word-key
    pairs from `learn_lexicon`) adds translation anchors. Deterministic.
    """
    lexicon = options.pop("lexicon", None) or ()
    src_lines = options.pop("source_lines", None)
    tgt_lines = options.pop("target_lines", None)
    unknown = set(options) - _OPTION_NAMES
    if unknown:
        raise TypeError(f"unknown align option(s): {', '.join(sorted(unknown))}")
    opts = replace(DEFAULT_OPTIONS, **options) if options else DEFAULT_OPTIONS  # type: ignore[arg-type]
    n, m = len(source), len(target)
    repeats = _repeats(target, source)
    if repeats and n:
        # an MT segment repeated on the next line renders the same source: aligned without the repeat,
        # which is then an insertion after its first copy, not the next source segment's rendering
        kept = [j for j in range(m) if j not in repeats]
        links = align(source, [target[j] for j in kept], src_lang=src_lang, tgt_lang=tgt_lang, lexicon=lexicon,
                      source_lines=src_lines, target_lines=[tgt_lines[j] for j in kept] if tgt_lines else None,
                      **options)
        return _with_repeats(links, kept, repeats, opts.skip)
    if n == 0 or m == 0:
        return ([Link((i,), (), opts.skip) for i in range(n)]
                + [Link((), (j,), opts.skip) for j in range(m)])
    given = list(lexicon)  # type: ignore[call-overload]
    if opts.dictionary:
        given += _dictionary_pairs(source, target, src_lang, tgt_lang)
    if _accelerated is not None and _use_accelerator:
        links = _align_in_c(source, target, src_lang, tgt_lang, src_lines, tgt_lines, given, opts)  # type: ignore[arg-type]
        links = _ends_to_neighbours(source, target, links, (src_lang, tgt_lang), opts)
        links = _unpair_unrelated(source, target, links, src_lang, tgt_lang, opts)
        return _line_ends_split(source, target, links, tgt_lines, src_lang, tgt_lang, opts)  # type: ignore[arg-type]
    src = _prepare(source, src_lang, src_lines)  # type: ignore[arg-type]
    tgt = _prepare(target, tgt_lang, tgt_lines)  # type: ignore[arg-type]
    if given:
        _use_lexicon(src, tgt, given)
    links = _run(src, tgt, opts, None)
    for _ in range(opts.rounds - 1):
        learned = learn_lexicon([(src.keys, tgt.keys, links)], opts)
        _use_lexicon(src, tgt, learned + given)
        links = _run(src, tgt, opts, links)
    links = _ends_to_neighbours(source, target, links, (src_lang, tgt_lang), opts)
    links = _unpair_unrelated(source, target, links, src_lang, tgt_lang, opts)
    return _line_ends_split(source, target, links, tgt_lines, src_lang, tgt_lang, opts)  # type: ignore[arg-type]


def _line_ends_split(source: Sequence[str], target: Sequence[str], links: list[Link],
                     tgt_lines: Sequence[bool] | None, src_lang: str, tgt_lang: str, opts: AlignOptions) -> list[Link]:
    """The first or the last line of a link's MT segments, when the link holds another line and that line
    shares nothing with the link's source sentences (no anchor of `features`, no dictionary pair) while the
    rest shares something, is split off, one 0-1 link per segment: a junk line glued to a truncated
    rendering ("… к концу" + "Хотите получать главные новости недели?"), a leaked prompt line before a
    rendering, not a part of the rendering. Only where the MT's lines are known and the dictionary covers the
    pair of languages: without it, sharing nothing says little (literary German-French text renders a
    sentence in two lines that share no cognate: Text+Berg's strict F1 fell 0.845 -> 0.801)."""
    if not tgt_lines or not opts.dictionary or not _dictionary(src_lang, tgt_lang):
        return links
    out: list[Link] = []
    for link in links:
        cut = _line_cut(source, target, link, tgt_lines, src_lang, tgt_lang) if link.source else None
        if cut is None:
            out.append(link)
            continue
        first, last = cut
        out += [Link((), (j,), opts.skip) for j in link.target[:first]]
        out += [Link(link.source, link.target[first:last], link.score)]
        out += [Link((), (j,), opts.skip) for j in link.target[last:]]
    return out


def _line_cut(source: Sequence[str], target: Sequence[str], link: Link, starts: Sequence[bool], src_lang: str,
              tgt_lang: str) -> tuple[int, int] | None:
    """(first, last) of the link's MT segments to keep, its first or last line that shares nothing with the
    source left out; None when neither is left out."""
    breaks = [k for k in range(1, len(link.target)) if starts[link.target[k]]]
    if not breaks or not starts[link.target[0]]:
        return None
    joined = " ".join(source[i] for i in link.source)

    def shares(lo: int, hi: int) -> bool:
        return shares_anything(joined, " ".join(target[j] for j in link.target[lo:hi]), src_lang, tgt_lang)
    n = len(link.target)
    if not shares(breaks[-1], n) and shares(0, breaks[-1]):
        return 0, breaks[-1]
    if not shares(0, breaks[0]) and shares(breaks[0], n):
        return breaks[0], n
    return None


def has_dictionary(src_lang: str, tgt_lang: str) -> bool:
    """The aligner anchors on a bilingual dictionary for this pair of languages (_dictionary)."""
    return bool(_dictionary(src_lang, tgt_lang))


def shares_anything(source_text: str, target_text: str, src_lang: str, tgt_lang: str) -> bool:
    """A word, number or mark `features` anchors, or a dictionary pair, is on both sides."""
    if set(_analyse(source_text, src_lang)[1]) & set(_analyse(target_text, tgt_lang)[1]):
        return True
    return bool(_dictionary_pairs([source_text], [target_text], src_lang, tgt_lang))


def _dictionary_pairs(source: Sequence[str], target: Sequence[str], src_lang: str,
                      tgt_lang: str) -> list[tuple[str, str]]:
    """The (source, target) word-key pairs of `_dictionary` whose keys both documents hold: translation
    anchors where no cognate is shared ("council"/"совет", "harvest"/"récolte")."""
    table = _dictionary(src_lang, tgt_lang)
    if not table:
        return []
    tgt_keys = {k for text in target for k in word_keys(text)}
    src_keys = sorted({k for text in source for k in word_keys(text)})
    return [(a, b) for a in src_keys for b in sorted(table.get(a, ())) if b in tgt_keys]


# a letter of the Latin script (the dictionary's forms are folded: no accents, lowercase)
_LATIN = re.compile(r"[a-z]")


@functools.lru_cache(maxsize=8)
def _dictionary(src_lang: str, tgt_lang: str) -> dict[str, frozenset[str]]:
    """English word key -> the keys of its translations into `tgt_lang` (evalkit/data/name_words_wikt.tsv,
    English Wiktionary's translations of names' words and of common English nouns and adjectives; keys as
    `word_keys` writes them), pairs sharing a 4-letter prefix left out. Only where the target language is
    written in another script than the Latin one (most of the column's forms hold no Latin letter): there no
    cognate can anchor a link. In a Latin-script language the cognates anchor most sentences and the
    dictionary's broad senses mislead (the bundled corpus's strict F1 fell 0.981 -> 0.951; "old" -> "früher"
    paired a German sentence with the wrong source one). Empty for another pair of languages."""
    rows = _wiktionary_rows()
    column = rows[0].index(tgt_lang) if rows and tgt_lang in rows[0] else None
    forms = [f for row in rows[1:] if column and len(row) > column for f in row[column].split("|") if f]
    if not forms or sum(bool(_LATIN.search(f)) for f in forms) > len(forms) / 2:
        return {}
    return _translations(src_lang, tgt_lang)


@functools.lru_cache(maxsize=8)
def _translations(src_lang: str, tgt_lang: str) -> dict[str, frozenset[str]]:
    """`_dictionary`'s table for any target language of name_words_wikt.tsv, whatever its script: only to tell
    which of two neighbouring source sentences an MT segment renders (`_closer_neighbours`), never in the DP."""
    rows = _wiktionary_rows()
    column = rows[0].index(tgt_lang) if src_lang == "en" and rows and tgt_lang in rows[0] else None
    if not column:
        return {}
    table: dict[str, set[str]] = {}
    for row in rows[1:]:
        if len(row) <= column or len(row[0]) < 3:
            continue
        key = _fold(row[0])[:5]
        for target in (k for form in row[column].split("|") for k in word_keys(form)):
            if key[:4] != target[:4]:
                table.setdefault(key, set()).add(target)
    return {k: frozenset(v) for k, v in table.items()}


@functools.lru_cache(maxsize=1)
def _wiktionary_rows() -> tuple[list[str], ...]:
    """The rows of evalkit/data/name_words_wikt.tsv, its header first (en, then one column per language)."""
    from importlib import resources

    text = resources.files("evalkit").joinpath("data/name_words_wikt.tsv").read_text(encoding="utf-8")
    return tuple(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


# the length (characters, spaces folded) from which an MT segment that repeats the one before it is a repeat
_REPEAT_MIN_LENGTH = 20


def _repeats(target: Sequence[str], source: Sequence[str] = ()) -> set[int]:
    """Indices of MT segments that repeat the segment just before them, letter for letter or nearly: a word or
    two changed, as a spinner repeats a sentence ("фермеры хотят гарантий" then "производители хотят гарантий").
    Not nearly where the source itself has two segments in a row that nearly repeat each other (a Chinese page's
    headline and its first sentence): the MT renders both."""
    keys = [" ".join(t.split()).casefold() for t in target]
    exact = {j for j in range(1, len(keys)) if len(keys[j]) >= _REPEAT_MIN_LENGTH and keys[j] == keys[j - 1]}
    # (a near repeat begins or ends as its neighbour does, a word or two changed between: the words are read only
    # then)
    near = {j for j in range(1, len(keys)) if j not in exact and len(keys[j]) >= _REPEAT_MIN_LENGTH
            and (keys[j][:_NEAR_ENDS] == keys[j - 1][:_NEAR_ENDS] or keys[j][-_NEAR_ENDS:] == keys[j - 1][-_NEAR_ENDS:])
            and sorted(_DIGITS.findall(keys[j])) == sorted(_DIGITS.findall(keys[j - 1]))
            and _nearly(frozenset(_WORD.findall(keys[j])), frozenset(_WORD.findall(keys[j - 1])))}
    return exact | near if near and not _source_repeats(source) else exact


def _source_repeats(source: Sequence[str]) -> bool:
    """Two source segments in a row that share _SOURCE_REPEAT_SHARE of their letter trigrams (any script)."""
    grams = [_trigrams(t) for t in source]
    return any(a and b and len(a & b) >= _SOURCE_REPEAT_SHARE * len(a | b) for a, b in zip(grams, grams[1:]))


def _trigrams(text: str) -> frozenset[str]:
    letters = "".join(text.split()).casefold()
    return frozenset(letters[k:k + 3] for k in range(len(letters) - 2))


# two source segments that share this share of their letter trigrams nearly repeat each other
_SOURCE_REPEAT_SHARE = 0.5


def _nearly(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two segments' word sets, of _NEAR_WORDS words or more each, that share _NEAR_SHARE of all their words (and,
    the caller asks, the same numbers: "Article 1 ... 7 francs" is no repeat of "Article 2 ... 14 francs")."""
    return min(len(a), len(b)) >= _NEAR_WORDS and len(a & b) >= _NEAR_SHARE * len(a | b)


_DIGITS = re.compile(r"\d+")


# a near repeat: segments of this many words or more, sharing this share of the words either holds, and their first
# or their last characters, this many, the same
_NEAR_WORDS, _NEAR_SHARE, _NEAR_ENDS = 6, 0.75, 12


def _with_repeats(links: list[Link], kept: list[int], repeats: set[int], skip: float) -> list[Link]:
    """The links of an alignment made without the repeats, in the full MT's indices, each repeat an
    insertion (a 0-1 link, as the gold alignments have it) after its first copy's link, or part of a
    link that spans it."""
    out = []
    for link in links:
        target = tuple(kept[r] for r in link.target)
        if target:
            target = tuple(range(target[0], target[-1] + 1))   # a repeat inside a 1-n link stays in it
        out.append(Link(link.source, target, link.score))
        last = target[-1] if target else -1
        while last + 1 in repeats:
            last += 1
            out.append(Link((), (last,), skip))
    return out


# the non-space length from which a junk-looking MT line paired by length alone is undone
_JUNK_PAIR_MIN_LENGTH = 20


def _numbers(features: Iterable[str]) -> bool:
    return any(k.startswith("#") for k in features)


def _latin_script(text: str) -> bool:
    """Most letters of the text are Latin (accents aside): two such sides could share cognates."""
    letters = [c for c in text if c.isalpha()]
    return sum(c < "\u0250" for c in letters) > len(letters) / 2


def _both_latin(source_text: str, mt: Sequence[str]) -> bool:
    return _latin_script(source_text) and all(_latin_script(t) for t in mt)


def _ends_to_neighbours(source: Sequence[str], target: Sequence[str], links: list[Link], langs: tuple[str, str],
                        opts: AlignOptions) -> list[Link]:
    """A 1-n link's first or last MT segment that shares at least _CLOSER more anchors and dictionary pairs
    (`_shared`) with the source sentence just before or after the link than with the link's own: it renders that
    neighbour, which is unaligned or held by length with an MT segment sharing nothing with it (`_free`; that
    segment is then left out). "Le conseil réexaminera ces règles après la première" glued, with a teaser before
    it, to "Shopkeepers in Gorica ...", the sentence the MT dropped, while "The council will review the rules
    after the first summer season" was held by length with an ad line below. The split link keeps its cost, and
    the moved segment takes it too (`_hand_over`): `_unpair_unrelated` then judges the rest as it judges any
    link."""
    out = list(links)
    shared = functools.partial(_shared, langs=langs, dictionary=opts.dictionary)
    for k, link in enumerate(out):
        if len(link.source) != 1 or len(link.target) < 2:
            continue
        for m, end in ((k - 1, link.target[0]), (k + 1, link.target[-1])):
            if not 0 <= m < len(out) or not _free(source, target, out[m], shared) \
                    or abs(out[m].source[0] - link.source[0]) != 1:
                continue
            if shared(source[out[m].source[0]], target[end]) >= shared(source[link.source[0]], target[end]) + _CLOSER:
                _hand_over(out, k, m, end, opts.skip)
                return _ends_to_neighbours(source, target, out, langs, opts)
    return out


def _hand_over(out: list[Link], k: int, m: int, end: int, skip: float) -> None:
    """Link `k`'s end MT segment `end` given, at the link's cost, to the free neighbour link `m` (one source
    sentence, unaligned or held with an unrelated MT segment, which is left out); link `k` keeps its other
    segments and its cost, or, with none left, its sentence is unaligned."""
    link = out[k]
    rest = tuple(j for j in link.target if j != end)
    kept = Link(link.source, rest, link.score) if rest else Link(link.source, (), skip)
    moved = Link(out[m].source, (end,), link.score)
    left = [Link((), out[m].target, skip)] if out[m].target else []   # its unrelated MT, left out
    out[min(k, m):min(k, m) + 2] = left + [moved, kept] if m < k else [kept, moved] + left


def _unpair_unrelated(source: Sequence[str], target: Sequence[str], links: list[Link], src_lang: str,
                      tgt_lang: str, opts: AlignOptions) -> list[Link]:
    """Links between segments that share nothing are undone.

    A source segment shares nothing with an MT segment when no anchor of `features` (number,
    cognate prefix, name, punctuation mark) is on both sides. A 1-1 link held by length alone
    (cost above 0) is undone when, besides, the source holds a number and the MT none, both in
    Latin script (a translation keeps numbers and, in the same script, a cognate or a name; across
    scripts nothing but numbers need be shared, and a truncated rendering loses its number), or
    when the MT segment looks like junk and holds 20 non-space characters or more: a teaser
    sitting where an omitted sentence was is not its translation. A 1-1 or 1-n link held by length
    alone whose MT holds a number and whose source none is undone too (a translation adds no number:
    a teaser or an ad with a price where a sentence was omitted). In a 2-1 or 3-1 link, an end
    source segment that shares nothing with the MT, holds a number, and whose neighbours in the
    link account for every number of the MT is split off, whatever the link's cost: a sentence
    merged into its neighbour's link, its content missing.
    """
    out: list[Link] = []
    for link in links:
        if not link.source or not link.target:
            out.append(link)
            continue
        src = [set(_analyse(source[i], src_lang)[1]) for i in link.source]
        tgt_feats: set[str] = set()
        tgt_junk, tgt_length = 0.0, 0
        for j in link.target:
            analysed = _analyse(target[j], tgt_lang)
            tgt_feats.update(analysed[1])
            tgt_junk, tgt_length = max(tgt_junk, analysed[4]), tgt_length + analysed[0]
        mt = [target[j] for j in link.target]
        if len(link.source) == 1:
            # junk of some length (a sign-up, not "« Tu n'as qu'à … »"), both sides with anchors to share
            junk = tgt_junk >= 0.5 and tgt_length >= _JUNK_PAIR_MIN_LENGTH and bool(src[0]) and bool(tgt_feats)
            unrelated = link.score > 0 and not src[0] & tgt_feats
            if unrelated and len(link.target) == 1 and (
                    junk or _numbers(src[0]) and not _numbers(tgt_feats) and _both_latin(source[link.source[0]], mt)) \
                    or unrelated and _numbers(tgt_feats) and not _numbers(src[0]):
                # (a translation adds no number: "NOS BONS PLANS : ... à moins de 100 euros" is no rendering
                # of a sentence without one)
                out += [Link(link.source, (), opts.skip)] + [Link((), (j,), opts.skip) for j in link.target]
            else:
                out.append(link)
            continue
        ends = [k for k in (0, len(src) - 1)
                if _numbers(src[k]) and not src[k] & tgt_feats and _both_latin(source[link.source[k]], mt)]
        if ends:
            rest = set().union(*(f for k, f in enumerate(src) if k not in ends))
            if not rest & tgt_feats or {k for k in tgt_feats if k.startswith("#")} - rest:
                ends = []   # the rest shares nothing either, or some MT number is unexplained
        head = [link.source[0]] if 0 in ends else []
        tail = [link.source[-1]] if len(src) - 1 in ends else []
        keep = tuple(i for i in link.source if i not in head and i not in tail)
        out += [Link((i,), (), opts.skip) for i in head] + [Link(keep, link.target, link.score)] + \
            [Link((i,), (), opts.skip) for i in tail]
    out = _pair_orphans(source, target, _loosened(source, target, out, src_lang, tgt_lang, opts.skip),
                        (src_lang, tgt_lang), opts.dictionary)
    out = _shifted_runs(source, target, _closer_neighbours(source, target, out, (src_lang, tgt_lang), opts),
                        (src_lang, tgt_lang), opts)
    return _uncrossed(source, target, _closer_renderings(source, target, out, (src_lang, tgt_lang), opts),
                      (src_lang, tgt_lang), opts)


def _loosened(source: Sequence[str], target: Sequence[str], links: list[Link], src_lang: str,
              tgt_lang: str, skip: float, moved: frozenset[int] = frozenset()) -> list[Link]:
    """A 1-n link held by length alone whose sides share no anchor, next to an unaligned MT segment
    with a slip of its source's number, is undone (its source, and its MT segments as insertions), so
    that the source sentence pairs with that segment below ("a bonus of 120 million roubles" held with a
    leaked prompt, while "премию в размере 12 млн рублей" stands unaligned before it). Next to the one
    unaligned MT segment that is no junk and shares a name or number of its source, the source sentence
    is paired with that segment at once, and the link's MT segments are insertions ("Road and Track
    noted ... Kaliningrad" held with a leaked reply, its rendering "... в Калининграде" beside it).
    A source sentence is moved once (`moved`): one moved beside a segment that shares nothing with it either
    would go back and forth for ever (a RecursionError, found by fuzzing: ".\nMaría García\nel alcalde\n.")."""
    out = list(links)
    for k, link in enumerate(out):
        if len(link.source) != 1 or not link.target or link.score <= 0 or link.source[0] in moved:
            continue
        s_feats = set(_analyse(source[link.source[0]], src_lang)[1])
        if any(s_feats & set(_analyse(target[j], tgt_lang)[1]) for j in link.target):
            continue
        s_numbers = [f for f in s_feats if f.startswith("#")]
        near = [m for m in (k - 1, k + 1) if 0 <= m < len(out) and not out[m].source and len(out[m].target) == 1]
        if any(_number_slip(a, b) for m in near for a in s_numbers for b in _number_keys(target[out[m].target[0]])):
            out[k:k + 1] = [Link(link.source, (), link.score)] + [Link((), (j,), link.score) for j in link.target]
            return _loosened(source, target, out, src_lang, tgt_lang, skip, moved)
        sharing = [m for m in near if _shares_strong(source[link.source[0]], target[out[m].target[0]], src_lang,
                                                     tgt_lang)]
        if not sharing:
            sharing = _renderings_beside([target[j] for j in link.target], [target[out[m].target[0]] for m in near],
                                         src_lang, tgt_lang, near)
        if len(sharing) == 1:
            m = sharing[0]
            paired = [Link(link.source, out[m].target, link.score)]
            freed = [Link((), (j,), skip) for j in link.target]
            lo = min(k, m)
            out[lo:lo + 2] = freed + paired if m > k else paired + freed
            return _loosened(source, target, out, src_lang, tgt_lang, skip, moved | {link.source[0]})
    return out


def _closer_neighbours(source: Sequence[str], target: Sequence[str], links: list[Link], langs: tuple[str, str],
                       opts: AlignOptions) -> list[Link]:
    """A 1-1 link whose MT segment shares at least _CLOSER more anchors (`features`: numbers, cognates, names;
    not punctuation) and dictionary pairs (`_translations`) with the source sentence just before or after it
    than with its own: the segment renders that neighbour, and its own source is the sentence the MT left out
    ("La autoridad advirtió de que podrían producirse réplicas más pequeñas" held by length with "Residents
    posted videos ...", the dropped sentence, while "The authority said smaller aftershocks were possible" was
    held with a comment form below). The neighbour must be unaligned, or held by length with an MT segment
    that shares nothing with it, which is then left out. The moved link keeps the DP's cost for the segment.
    Only these two neighbours are compared: the dictionary's broad senses never enter the DP for a
    Latin-script language (`_dictionary`)."""
    out = list(links)
    shared = functools.partial(_shared, langs=langs, dictionary=opts.dictionary)
    for k, link in enumerate(out):
        if len(link.source) != 1 or len(link.target) != 1:
            continue
        mt = target[link.target[0]]
        near = [m for m in (k - 1, k + 1) if 0 <= m < len(out) and _free(source, target, out[m], shared)
                and abs(out[m].source[0] - link.source[0]) == 1]
        own = shared(source[link.source[0]], mt) if near else 0   # (asked only beside a free neighbour)
        for m in near:
            if shared(source[out[m].source[0]], mt) >= own + _CLOSER:
                _hand_over(out, k, m, link.target[0], opts.skip)
                return _closer_neighbours(source, target, out, langs, opts)
    return out


def _shifted_runs(source: Sequence[str], target: Sequence[str], links: list[Link], langs: tuple[str, str],
                  opts: AlignOptions) -> list[Link]:
    """`_closer_neighbours` down a run: 1-1 links held weakly (cost above _RUN_COST; MT-only links between them
    aside), each of whose MT segment shares at least _CLOSER more anchors and dictionary pairs (`_shared`) with the
    next source sentence than with its own, down to a sentence that is unaligned or whose own MT segment shares at
    least _CLOSER fewer with it than the run's last segment. The MT dropped the run's first sentence and each segment
    renders the next sentence: the run moves down by one, each segment with its DP cost, the first sentence
    unaligned, the last sentence's own MT segment left out ("Австралийский совет по помолу сахара заявил ..." held
    with "Local leaders fear ...", the sentence the MT dropped, and each sentence after it with the segment before
    its own, down to a share bar)."""
    out = list(links)
    shared = functools.partial(_shared, langs=langs, dictionary=opts.dictionary)
    for k in range(len(out)):
        run = _shift_run(source, target, out, k, shared)
        if len(run) >= 3:   # (a run of one: _closer_neighbours)
            end = run[-1]
            moved = {run[n + 1]: Link(out[run[n + 1]].source, out[j].target, out[j].score) for n, j in
                     enumerate(run[:-1])}
            rest = [moved.get(m, out[m]) for m in range(k + 1, end + 1) if m in moved or not out[m].source]
            rest += [Link((), out[end].target, opts.skip)] if out[end].target else []
            first = Link(out[k].source, (), opts.skip)
            out[k:end + 1] = [first] + sorted(rest, key=lambda link: link.target[0])
            return _shifted_runs(source, target, out, langs, opts)
    return out


def _shift_run(source: Sequence[str], target: Sequence[str], out: list[Link], k: int, shared) -> list[int]:
    """The indices of the links of a run of `_shifted_runs` from link `k`, the end sentence's last; [] when none
    starts there."""
    run, j = [k], k
    while len(run) <= _RUN_LINKS:
        link = out[j]
        if len(link.source) != 1 or len(link.target) != 1 or link.score <= _RUN_COST:
            return []   # (a link the DP holds firmly is no part of a run: most links)
        nxt = next((m for m in range(j + 1, len(out)) if out[m].source), None)
        if nxt is None or len(out[nxt].source) != 1 or out[nxt].source[0] != link.source[0] + 1 \
                or len(out[nxt].target) > 1:
            return []
        mt, sentence = target[link.target[0]], source[out[nxt].source[0]]
        gain = shared(sentence, mt)   # (asked first: most segments share less than _CLOSER with the next sentence)
        if gain < _CLOSER or gain < shared(source[link.source[0]], mt) + _CLOSER:
            return []
        run.append(nxt)
        own = out[nxt].target
        if not own or shared(sentence, target[own[0]]) + _CLOSER <= gain \
                and not _shift_run(source, target, out, nxt, shared):
            return run   # (its own segment may go on down the run: then the run goes on)
        j = nxt
    return []


# the most links a run of `_shifted_runs` moves, and the DP cost above which a link is held weakly enough to be one
# of them (a sentence and its rendering cost -2 and less; one held by length, above 0)
_RUN_LINKS, _RUN_COST = 4, -1.5


def _closer_renderings(source: Sequence[str], target: Sequence[str], links: list[Link], langs: tuple[str, str],
                       opts: AlignOptions) -> list[Link]:
    """The mirror of `_closer_neighbours`: a 1-1 link whose source sentence shares at least _CLOSER more anchors
    and dictionary pairs (`_shared`) with the unaligned MT segment just before or after its own (past unaligned
    source sentences only) than with its own: that segment renders the sentence, and its own is an insertion
    ("The Warsaw Voice noted that only a quarter of Polish orchards ..." paired with a leaked order, "Vuelve a
    redactar el texto con frases más cortas ...", while "The Warsaw Tone señaló que solo una cuarta parte de los
    huertos polacos ..." on the next line was unaligned). The moved link keeps the DP's cost."""
    out = list(links)
    shared = functools.partial(_shared, langs=langs, dictionary=opts.dictionary)
    for k, link in enumerate(out):
        if len(link.source) != 1 or len(link.target) != 1:
            continue
        sentence = source[link.source[0]]
        own = None
        for m in _unaligned_beside(out, k):
            own = shared(sentence, target[link.target[0]]) if own is None else own   # (asked only when needed)
            if shared(sentence, target[out[m].target[0]]) >= own + _CLOSER:
                lo, hi = min(k, m), max(k, m)
                dropped = out[lo + 1:hi]   # unaligned source sentences
                moved, left = Link(link.source, out[m].target, link.score), Link((), link.target, opts.skip)
                out[lo:hi + 1] = [left, moved] + dropped if m > k else dropped + [moved, left]
                return _closer_renderings(source, target, out, langs, opts)
    return out


def _uncrossed(source: Sequence[str], target: Sequence[str], links: list[Link], langs: tuple[str, str],
               opts: AlignOptions) -> list[Link]:
    """A 1-1 link held by length whose sides share nothing (`_free`), between an unaligned MT segment on one side
    and an unaligned source sentence on the other that share at least _CLOSER anchors and dictionary pairs
    (`_shared`): those two are the sentence and its rendering, which a monotonic alignment cannot pair across the
    link; the link's sentence is the one the MT left out and its segment an insertion ("Forty young people were
    hired ..." held with a share bar below "Hafenstimme sagte, dass die Halle ...", the rendering of the next
    sentence, "Harbour Voice said that the hall ...", itself left unaligned). The new pair costs 0, as
    `_pair_orphans`'s."""
    out = list(links)
    shared = functools.partial(_shared, langs=langs, dictionary=opts.dictionary)
    for k in range(1, len(out) - 1):
        link, before, after = out[k], out[k - 1], out[k + 1]
        if len(link.source) != 1 or len(link.target) != 1 or not _free(source, target, link, shared):
            continue
        if not before.source and before.target == (link.target[0] - 1,) \
                and after.source == (link.source[0] + 1,) and not after.target:
            i, j = after.source[0], before.target[0]
            new = [Link(link.source, (), opts.skip), Link((i,), (j,), 0.0), Link((), link.target, opts.skip)]
        elif before.source == (link.source[0] - 1,) and not before.target \
                and not after.source and after.target == (link.target[0] + 1,):
            i, j = before.source[0], after.target[0]
            new = [Link((), link.target, opts.skip), Link((i,), (j,), 0.0), Link(link.source, (), opts.skip)]
        else:
            continue
        if shared(source[i], target[j]) >= _CLOSER:
            out[k - 1:k + 2] = new
    return out


def _unaligned_beside(links: list[Link], k: int) -> list[int]:
    """The links, before and after link `k`, of the MT segment right before and right after its own when that
    segment is unaligned and only unaligned source sentences stand between them."""
    found = []
    for step in (-1, 1):
        m = k + step
        while 0 <= m < len(links) and not links[m].target and links[m].source:
            m += step
        if 0 <= m < len(links) and not links[m].source and links[m].target == (links[k].target[0] + step,):
            found.append(m)
    return found


def _free(source: Sequence[str], target: Sequence[str], link: Link, shared) -> bool:
    """One source sentence unaligned, or held by length alone with an MT segment that shares nothing with it
    (a comment form where the sentence was dropped)."""
    if len(link.source) != 1 or len(link.target) > 1:
        return False
    return not link.target or link.score > 0 and not shared(source[link.source[0]], target[link.target[0]])


def _shared(source_text: str, target_text: str, langs: tuple[str, str], dictionary: bool = True) -> int:
    """How many anchors (`features` but punctuation) and, with `dictionary`, dictionary pairs (`_translations`)
    the two share."""
    s, t = _analyse(source_text, langs[0]), _analyse(target_text, langs[1])
    anchors = sum(1 for key in s[1] if key in t[1] and not key.startswith("p"))
    if not dictionary:
        return anchors
    table, t_keys = _translations(*langs), set(t[3])
    # (a translation's key of four letters also where the MT's word goes on past it: "obra", "obras")
    stems = {k[:4] for k in t_keys if len(k) == 5}
    return anchors + sum(1 for a in s[3] if any(x in t_keys or len(x) == 4 and x in stems for x in table.get(a, ())))


# how many more anchors the MT segment must share with the unaligned neighbour than with its own source
_CLOSER = 2


def _renderings_beside(mt: list[str], beside: list[str], src_lang: str, tgt_lang: str, near: list[int]) -> list[int]:
    """`near`'s one segment that is no junk and in the target language, where the link's MT segments `mt`
    are in the source language ("Done! Unique wording throughout, ... Want a shorter version?", a leaked
    reply): sharing no word with the source sentence, they cannot render it, translated or not. Else []."""
    if not _in_source_language(" ".join(mt), src_lang, tgt_lang, beside):
        return []
    found = [m for m, text in zip(near, beside)
             if _analyse(text, tgt_lang)[4] < 0.5 and not _in_source_language(text, src_lang, tgt_lang, [])]
    return found if len(found) == 1 else []


def _in_source_language(text: str, src_lang: str, tgt_lang: str, beside: list[str]) -> bool:
    """`text` is in Latin script beside segments that are not (an English reply in a Russian page), or
    holds three function words of the source language or more, three times as many as of the target's."""
    if _latin_script(text) and any(b.strip() and not _latin_script(b) for b in beside):
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    theirs = _FUNCTION_WORDS.get(src_lang.split("-")[0], frozenset())
    own = _FUNCTION_WORDS.get(tgt_lang.split("-")[0], frozenset())
    found = sum(w in theirs for w in words)
    return found >= 3 and found >= 3 * sum(w in own for w in words)


def _shares_strong(source_text: str, target_text: str, src_lang: str, tgt_lang: str) -> bool:
    """The MT segment is no junk and keeps a name or a number of the source segment (`strong_anchors`)."""
    s, t = _analyse(source_text, src_lang), _analyse(target_text, tgt_lang)
    return t[4] < 0.5 and bool(s[2] & t[2])


def _pair_orphans(source: Sequence[str], target: Sequence[str], links: list[Link], langs: tuple[str, str],
                  dictionary: bool = True) -> list[Link]:
    """Between two aligned links, an unaligned source sentence and an unaligned MT segment that is no
    junk are paired when a number of one is a slip of a number of the other ("$800,000" and "80.000",
    "120 million" and "12 млн", "1,554" and "1.455"), or, where the dictionary covers the pair (an English
    source), when both hold a number and they share two anchors or dictionary pairs (`_shared`: "The
    government expects about 12,000 extra trips a day" and "Le gouvernement prévoit environ 20 000
    déplacements supplémentaires par jour"): a translation with a wrong number, which shares no number with
    its source, is no omission and insertion. In order, one to one."""
    out: list[Link] = []
    k = 0
    while k < len(links):
        run_end = k
        while run_end < len(links) and (not links[run_end].source or not links[run_end].target):
            run_end += 1
        if run_end == k:
            out.append(links[k])
            k += 1
            continue
        out += _paired(source, target, links[k:run_end], langs, dictionary)
        k = run_end
    return out


def _paired(source: Sequence[str], target: Sequence[str], run: list[Link], langs: tuple[str, str],
            dictionary: bool) -> list[Link]:
    sources = [i for link in run for i in link.source]
    targets = [j for link in run for j in link.target]
    words = dictionary and bool(_translations(*langs))   # (shared words tell little without the dictionary)
    pairs, last = [], -1
    for i in sources:
        s_numbers = _number_keys(source[i])
        for j in targets:
            t_numbers = _number_keys(target[j]) if j > last and s_numbers else []
            if t_numbers and _analyse(target[j], langs[1])[4] < 0.5 and (
                    any(_number_slip(a, b) for a in s_numbers for b in t_numbers)
                    or words and _shared(source[i], target[j], langs, dictionary) >= _ORPHANS_SHARED):
                pairs.append((i, j))
                last = j
                break
    if not pairs or any(len(link.source) + len(link.target) != 1 for link in run):
        return run
    by_source = {link.source[0]: link for link in run if link.source}
    by_target = {link.target[0]: link for link in run if link.target}
    out: list[Link] = []
    si = ti = 0
    for i, j in pairs + [(None, None)]:
        while si < len(sources) and (i is None or sources[si] < i):
            out.append(by_source[sources[si]])
            si += 1
        while ti < len(targets) and (j is None or targets[ti] < j):
            out.append(by_target[targets[ti]])
            ti += 1
        if i is not None:
            out.append(Link((i,), (j,), 0.0))
            si, ti = si + 1, ti + 1
    return out


# how many anchors and dictionary pairs pair an unaligned sentence and segment that both hold a number
_ORPHANS_SHARED = 2


def _number_slip(a: str, b: str) -> bool:
    """Two number anchors ("#800000", "#80000") of which one is the other with a digit dropped, added or
    changed, or its digits reordered: a slip, not another number (at least three digits on one side)."""
    a, b = a.lstrip("#"), b.lstrip("#")
    if a == b or not a.isdigit() or not b.isdigit() or max(len(a), len(b)) < 3:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or sorted(a) == sorted(b)   # a digit changed, or the digits reordered
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _align_in_c(source: Sequence[str], target: Sequence[str], src_lang: str, tgt_lang: str,
                src_lines: Sequence[bool] | None, tgt_lines: Sequence[bool] | None, given: list[tuple[str, str]],
                opts: AlignOptions) -> list[Link]:
    """`align` from the segments' analyses on, in C (evalkit/_aligndp.c): weights, anchor chain,
    banded DP and the lexicon rounds, with the same arithmetic in the same order (the same links
    and scores, tests/test_align.py and tests/test_align_fast.py compare them)."""
    raw = _accelerated.align(
        [_analyse(t, src_lang) for t in source], [_analyse(t, tgt_lang) for t in target],
        None if src_lines is None else list(src_lines), None if tgt_lines is None else list(tgt_lines),
        given, _options_for_c(opts), opts.rounds, _TAIL_PACKED)
    return [Link(source_ids, target_ids, round(step, 4)) for source_ids, target_ids, step in raw]


def align_segments(source: Sequence[Segment], target: Sequence[Segment], *, src_lang: str = "en",
                   tgt_lang: str = "fr", **options: object) -> list[Link]:
    """`align` for `Segment` lists, which also knows where each line starts."""
    return align([s.text for s in source], [t.text for t in target], src_lang=src_lang, tgt_lang=tgt_lang,
                 source_lines=line_starts(source), target_lines=line_starts(target), **options)


def align_corpus(documents: Sequence[tuple[Sequence[str], Sequence[str]] | tuple[Sequence[str], Sequence[str], dict]],
                 *, src_lang: str = "en", tgt_lang: str = "fr", **options: object) -> list[list[Link]]:
    """Align many document pairs of one language pair, sharing what they teach about words.

    Each document is aligned on its own first; the word pairs that co-occur across all those
    alignments form one lexicon (`learn_lexicon`) that every document is realigned with. An item
    may carry a third element, a dict of per-document options (`source_lines`, `target_lines`).
    """
    opts = replace(DEFAULT_OPTIONS, **{k: v for k, v in options.items() if k in _OPTION_NAMES})  # type: ignore[arg-type]
    docs = [(d[0], d[1], d[2] if len(d) > 2 else {}) for d in documents]  # type: ignore[misc]
    first = [align(s, t, src_lang=src_lang, tgt_lang=tgt_lang, **{**options, **extra}) for s, t, extra in docs]
    if opts.rounds < 2:
        return first
    # `_analyse(...)[3]` is `word_keys`, cached.
    lexicon = learn_lexicon([([_analyse(x, src_lang)[3] for x in s], [_analyse(y, tgt_lang)[3] for y in t], links)
                             for (s, t, _), links in zip(docs, first)], opts)
    return [align(s, t, src_lang=src_lang, tgt_lang=tgt_lang,
                  **{**options, **extra, "rounds": 1, "lexicon": lexicon}) for s, t, extra in docs]


def line_starts(segments: Sequence[Segment]) -> list[bool]:
    """True for each segment that is the first of its line."""
    return [k == 0 or seg.line != segments[k - 1].line for k, seg in enumerate(segments)]


# --- the dynamic programme -----------------------------------------------------------------

def _tail_table() -> list[float]:
    """-log P(|Z| >= z) for z = 0, 0.01, ..., 30: the Gale-Church length cost, precomputed."""
    table = []
    for k in range(3001):
        z = k / 100
        tail = math.erfc(z / math.sqrt(2.0))
        table.append(-math.log(tail) if tail > 1e-300 else z * z / 2 + math.log(z * math.sqrt(2 * math.pi)))
    return table


_TAIL = _tail_table()
_TAIL_PACKED = array.array("d", _TAIL)   # for the C path


def _options_for_c(opts: AlignOptions) -> tuple[float, ...]:
    """The cost model's parameters in the order evalkit/_aligndp.c reads them."""
    return tuple(float(x) for x in (
        opts.merge, opts.merge_2_2, opts.merge_3_1, opts.skip, opts.junk_skip, opts.length_weight, opts.variance,
        opts.match_weight, opts.number_weight, opts.punct_weight, opts.line_break, opts.band, opts.lexicon_weight,
        opts.lexicon_min_count, opts.lexicon_min_dice, opts.lexicon_max_df, opts.miss_weight))


# The aligner in C (evalkit/_aligndp.c: `_analyse` and everything `align` does after it); None
# without it or with EVALKIT_PURE_PYTHON_ALIGN set.
_accelerated = load_accelerator(".._aligndp", __package__, "EVALKIT_PURE_PYTHON_ALIGN")
_use_accelerator = True     # tests switch it off to compare the two paths
# What the C analysis asks Python for: a word's facts (`_word_info`, cached by the word's
# characters for at most 2**15 words), the number anchors, the boilerplate test.
_ANALYSIS_HELPERS = ((_accelerated.WordFacts(_word_info, 1 << 15), _number_keys, _JUNK.match, Counter, len(_LANGUAGES))
                     if _accelerated is not None else None)


def _length_cost(lx: int, ly: int, ratio: float, variance: float) -> float:
    """Gale-Church: -log P(|delta| >= observed) for lengths lx, ly under the expected ratio."""
    mean = (lx * ratio + ly) / 2
    if mean <= 0:
        return 0.0
    z = abs(ly - lx * ratio) / math.sqrt(mean * variance)
    return _TAIL[int(z * 100)] if z < 30 else z * z / 2 + math.log(z * 2.5066282746310002)


def _weigh(src: _Side, tgt: _Side, opts: AlignOptions) -> dict[str, float]:
    """IDF weight of every anchor over both sides: a name found in one segment per side counts
    far more than a prefix found everywhere."""
    df: Counter[str] = Counter()
    for f in src.feats + tgt.feats:
        df.update(f.keys())
    total = len(src.feats) + len(tgt.feats)
    scale = {"#": opts.number_weight, "p": opts.punct_weight, "L": opts.lexicon_weight}
    weights = {k: math.log(1 + total / c) * scale.get(k[0], 1.0) for k, c in df.items()}
    # Sums from left to right (not `sum`, which compensates rounding errors from Python 3.12 on),
    # as the C path adds them.
    for side in (src, tgt):
        side.weight = []
        side.wsum = [0.0]
        side.swsum = [0.0]
        for f, strong in zip(side.feats, side.strong):
            w = sw = 0.0
            for k, c in f.items():
                w += weights[k] * c
            for k in strong:
                sw += weights[k] * f[k]
            side.weight.append(w)
            side.wsum.append(side.wsum[-1] + w)
            side.swsum.append(side.swsum[-1] + sw)
    return weights


def _anchors(src: _Side, tgt: _Side) -> list[tuple[int, int]]:
    """Longest monotonic chain of (i, j) pairs sharing an anchor found once on each side."""
    where_s: dict[str, list[int]] = {}
    where_t: dict[str, list[int]] = {}
    for side, where in ((src, where_s), (tgt, where_t)):
        for i, f in enumerate(side.feats):
            for k in f:
                if k[0] != "p":
                    where.setdefault(k, []).append(i)
    pairs = sorted({(v[0], where_t[k][0]) for k, v in where_s.items()
                    if len(v) == 1 and len(where_t.get(k, ())) == 1})
    # Longest chain strictly increasing in both coordinates (patience sorting on j, with the
    # pairs of one i visited by decreasing j so that two of them never chain).
    pairs.sort(key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for idx, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(idx)
        else:
            tails[pos] = j
            tail_idx[pos] = idx
        prev[idx] = tail_idx[pos - 1] if pos else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pairs[k])
        k = prev[k]
    return chain[::-1]


def _center_line(n: int, m: int, anchors: list[tuple[int, int]]) -> list[float]:
    """Expected target position of each source boundary 0..n: through the anchors, and beyond
    the first and last anchor along the anchored slope, so that a long run of insertions at
    either end (a comment section, a truncated source) stays inside the band."""
    if len(anchors) < 2:
        slope = m / n
        if not anchors:
            return [i * slope for i in range(n + 1)]
    else:
        (i0, j0), (i1, j1) = anchors[0], anchors[-1]
        slope = (j1 - j0) / (i1 - i0)
    points = [(i + 0.5, j + 0.5) for i, j in anchors]
    center = []
    k = 0
    for i in range(n + 1):
        while k + 1 < len(points) and points[k + 1][0] <= i:
            k += 1
        x0, y0 = points[k]
        if i < points[0][0] or k == len(points) - 1:
            y = y0 + (i - x0) * slope
        else:
            x1, y1 = points[k + 1]
            y = y0 + (y1 - y0) * (i - x0) / (x1 - x0)
        center.append(min(float(m), max(0.0, y)))
    return center


def _length_ratio(src: _Side, tgt: _Side, pairs: Iterable[tuple[int, int]]) -> float:
    """Target/source character ratio over trusted 1-1 pairs; over whole texts when too few.

    Whole texts are biased by what only one side has: junk lines, a dropped paragraph.
    """
    lx = ly = count = 0
    for i, j in pairs:
        lx += src.lengths[i]
        ly += tgt.lengths[j]
        count += 1
    if count >= 3 and lx > 0 and ly > 0:
        return ly / lx
    return (tgt.cum_len[-1] or 1) / (src.cum_len[-1] or 1)


def _run(src: _Side, tgt: _Side, opts: AlignOptions, previous: list[Link] | None) -> list[Link]:
    """Banded DP around the anchor line, widened until the best path keeps off the band's edge.

    A second pass takes its length ratio from the first pass's 1-1 links."""
    weights = _weigh(src, tgt, opts)
    n, m = len(src.lengths), len(tgt.lengths)
    ratio = _length_ratio(src, tgt, [(lk.source[0], lk.target[0]) for lk in previous or ()
                                     if len(lk.source) == 1 and len(lk.target) == 1])
    center = _center_line(n, m, _anchors(src, tgt))
    width = max(opts.band, 2)
    while True:
        links, touched = _banded_dp(src, tgt, weights, ratio, center, width, opts)
        if not touched or width >= max(n, m):
            return links
        width *= 2


def _pair_matches(src: _Side, tgt: _Side, weights: dict[str, float], lo: list[int], hi: list[int],
                  ) -> tuple[list[dict[int, float]], list[dict[int, float]]]:
    """For every segment pair near the band: matched anchor weight and matched weight of the
    names and numbers (counted once per side where they are strong), as one {j: weight} dict
    per source segment i."""
    postings: dict[str, list[int]] = {}
    for j, f in enumerate(tgt.feats):
        for k in f:
            postings.setdefault(k, []).append(j)
    matches: list[dict[int, float]] = []
    strong_matches: list[dict[int, float]] = []
    tf, t_strong = tgt.feats, tgt.strong
    for i, f in enumerate(src.feats):
        a, b = lo[i], hi[i]
        s_strong = src.strong[i]
        row: dict[int, float] = {}
        strong_row: dict[int, float] = {}
        for k, c in f.items():
            w = weights[k]
            found = postings.get(k)
            if not found:
                continue
            for j in found[bisect.bisect_left(found, a):bisect.bisect_right(found, b)]:
                v = w * min(c, tf[j][k])
                row[j] = row.get(j, 0.0) + v
                sides = (k in s_strong) + (k in t_strong[j])
                if sides:
                    strong_row[j] = strong_row.get(j, 0.0) + v * sides
        matches.append(row)
        strong_matches.append(strong_row)
    return matches, strong_matches


def _dp_inputs(src: _Side, tgt: _Side, opts: AlignOptions) -> dict[str, list[float]]:
    """The per-segment skip and glue costs of the DP."""
    junk_s = [opts.junk_skip * x for x in src.junk]
    junk_t = [opts.junk_skip * x for x in tgt.junk]
    return {
        "skip_s": [opts.skip - opts.junk_skip * x for x in src.junk],
        "skip_t": [opts.skip - opts.junk_skip * x for x in tgt.junk],
        # What gluing a segment into a block costs on top of the prior: leaving a junk segment
        # out is cheaper than gluing it (junk_skip), and so is a segment that starts a new line.
        "junk_s": junk_s, "junk_t": junk_t,
        "glue_s": [x + (opts.line_break if src.starts_line[k] else 0.0) for k, x in enumerate(junk_s)],
        "glue_t": [x + (opts.line_break if tgt.starts_line[k] else 0.0) for k, x in enumerate(junk_t)],
    }


def _blocks(opts: AlignOptions) -> list[tuple[int, int, float]]:
    """The link shapes beyond 1-0 and 0-1, with their priors, in the order the DP tries them."""
    return [(1, 1, 0.0), (2, 1, opts.merge), (1, 2, opts.merge), (2, 2, opts.merge_2_2),
            (3, 1, opts.merge_3_1), (1, 3, opts.merge_3_1)]


def _junk_counts(junk: Sequence[float], lengths: Sequence[int]) -> list[int]:
    """Cumulative counts of junk lines (junkiness 1, at least 20 letters: a cookie notice, a share
    bar, not a short "Tu n'as qu'à ..."): block [a, b) holds counts[b] - counts[a] of them."""
    out = [0]
    for x, n in zip(junk, lengths):
        out.append(out[-1] + (x >= 1.0 and n >= 20))
    return out


def _banded_dp(src: _Side, tgt: _Side, weights: dict[str, float], ratio: float, center: list[float],
               width: int, opts: AlignOptions) -> tuple[list[Link], bool]:
    n, m = len(src.lengths), len(tgt.lengths)
    lo = [max(0, math.floor(c - width)) for c in center]
    hi = [min(m, math.ceil(c + width)) for c in center]
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):
        # Keep the band connected where the centre line jumps (a 1-0 step must stay inside).
        lo[i] = min(lo[i], hi[i - 1])
        hi[i] = max(hi[i], lo[i])
    # Segment i lies between rows i and i+1; a block of up to 3 reaches 3 cells further.
    pair_lo = [max(0, min(lo[i], lo[i + 1]) - 3) for i in range(n)]
    pair_hi = [min(m - 1, max(hi[i], hi[i + 1]) + 3) for i in range(n)]
    matches, strong_matches = _pair_matches(src, tgt, weights, pair_lo, pair_hi)
    s_sw, t_sw, miss = src.swsum, tgt.swsum, opts.miss_weight
    sf, tf = src.feats, tgt.feats
    s_cum, t_cum, s_w, t_w = src.cum_len, tgt.cum_len, src.wsum, tgt.wsum
    variance, lw, mw = opts.variance, opts.length_weight, opts.match_weight
    costs = _dp_inputs(src, tgt, opts)
    skip_s, skip_t, junk_s, junk_t = costs["skip_s"], costs["skip_t"], costs["junk_s"], costs["junk_t"]
    glue_s, glue_t = costs["glue_s"], costs["glue_t"]
    s_junky, t_junky = _junk_counts(src.junk, src.lengths), _junk_counts(tgt.junk, tgt.lengths)
    blocks = _blocks(opts)
    moves = [(1, 0), (0, 1)] + [(a, b) for a, b, _ in blocks]
    # The glue of a target block of b segments starting at pj, for b = 2 and 3.
    glue_t_block = {b: [junk_t[pj] + sum(glue_t[pj + 1:pj + b]) for pj in range(m)] for b in (2, 3)}
    inf = math.inf
    sqrt, log, tail = math.sqrt, math.log, _TAIL
    cost: list[list[float]] = []
    back: list[list[int]] = []

    def block_match(i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        # Block anchors are matched as multisets: a name in two source segments and once in
        # the target counts once.
        keys: dict[str, None] = {}
        for i in range(i0, i1):
            lo_i, hi_i, f = pair_lo[i], pair_hi[i], sf[i]
            for j in range(j0, j1):
                if lo_i <= j <= hi_i:
                    g = tf[j]
                    keys.update(dict.fromkeys(k for k in f if k in g))
        xs, ys = sf[i0:i1], tf[j0:j1]
        x_strong, y_strong = src.strong[i0:i1], tgt.strong[j0:j1]
        total = total_strong = 0.0
        for k in keys:
            cx = cy = 0
            for f in xs:
                cx += f.get(k, 0)
            for f in ys:
                cy += f.get(k, 0)
            v = weights[k] * min(cx, cy)
            total += v
            sides = any(k in strong for strong in x_strong) + any(k in strong for strong in y_strong)
            total_strong += v * sides
        return total, total_strong

    # The arithmetic below is _length_cost's and the cost model's, term for term and in the same
    # order (tests compare the links bit for bit); what depends only on the row is hoisted.
    for i in range(n + 1):
        lo_i, hi_i = lo[i], hi[i]
        row_cost = [inf] * (hi_i - lo_i + 1)
        row_back = [-1] * (hi_i - lo_i + 1)
        row_blocks = []
        for mv, (a, b, prior) in enumerate(blocks, start=2):
            pi = i - a
            if pi >= 0:
                row_blocks.append((mv, a, b, prior, pi, lo[pi], hi[pi], cost[pi], s_w[i] - s_w[pi],
                                   (s_cum[i] - s_cum[pi]) * ratio, s_sw[i] - s_sw[pi],
                                   junk_s[pi] + sum(glue_s[pi + 1:i]) if a > 1 else 0.0,
                                   matches[pi], strong_matches[pi], glue_t_block.get(b)))
        if i > 0:
            up_lo, up_hi, up_cost, up_skip = lo[i - 1], hi[i - 1], cost[i - 1], skip_s[i - 1]
        else:
            up_lo, up_hi, up_cost, up_skip = 0, -1, [], 0.0
        for j in range(lo_i, hi_i + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            # Near-ties go to the move tried first: an insertion, then an omission, so that of
            # two identical target lines the first is aligned and the later copy left out.
            best, best_move = inf, -1
            if j > lo_i:
                best, best_move = row_cost[j - 1 - lo_i] + skip_t[j - 1], 1
            if up_lo <= j <= up_hi:
                v = up_cost[j - up_lo] + up_skip
                if v < best - 1e-9:
                    best, best_move = v, 0
            t_w_j, t_cum_j, t_sw_j = t_w[j], t_cum[j], t_sw[j]
            for mv, a, b, prior, pi, lo_p, hi_p, cost_p, wx, lxr, dsw, glue, m_row, sm_row, glue_b in row_blocks:
                pj = j - b
                if pj < lo_p or pj > hi_p:
                    continue
                prev = cost_p[pj - lo_p]
                # No link costs less than its prior minus the reward for matching all its anchors.
                wy = t_w_j - t_w[pj]
                if prev + prior - mw * (wx if wx < wy else wy) >= best:
                    continue
                # Tighter lower bounds before the length cost (which is >= 0), so that most
                # candidates are dropped without it: the pair's own match for a 1-1 link; for a
                # block, its glue and the pairwise matches, which bound the block's match.
                # Dropping a candidate that cannot win changes nothing: ties need 1e-9.
                if a == 1 and b == 1:
                    matched = m_row.get(pj, 0.0)
                    if prev - mw * matched >= best:
                        continue
                else:
                    bound, pairs = 0.0, 0
                    for ii in range(pi, i):
                        row = matches[ii]
                        for jj in range(pj, j):
                            found = row.get(jj)
                            if found:
                                bound += found
                                pairs += 1
                    glue_j = glue_b[pj] if b > 1 else 0.0
                    if prev + prior + glue + glue_j - mw * bound >= best:
                        continue
                ly = t_cum_j - t_cum[pj]
                mean = (lxr + ly) / 2
                if mean <= 0:
                    length = 0.0
                else:
                    z = abs(ly - lxr) / sqrt(mean * variance)
                    length = tail[int(z * 100)] if z < 30 else z * z / 2 + log(z * 2.5066282746310002)
                step = prior + lw * length
                if a == 1 and b == 1:
                    step -= mw * matched
                    matched_strong = sm_row.get(pj, 0.0)
                else:
                    if a > 1:
                        step += glue
                    if b > 1:
                        step += glue_j
                    # Only compute the exact multiset match when the block could win.
                    if prev + step - mw * bound >= best:
                        continue
                    if pairs > 1:
                        matched, matched_strong = block_match(pi, i, pj, j)
                    else:
                        matched = bound
                        matched_strong = sum(strong_matches[ii].get(jj, 0.0)
                                             for ii in range(pi, i) for jj in range(pj, j))
                    step -= mw * matched
                # Junk is paired with what is not junk only when they share a name or a number: a
                # source sentence beside a cookie notice stays an omission (1-0) and the notice an
                # insertion (0-1).
                if matched_strong <= 0.0:
                    junky_s, junky_t = s_junky[i] - s_junky[pi], t_junky[j] - t_junky[pj]
                    if junky_s == i - pi and not junky_t or junky_t == j - pj and not junky_s:
                        continue
                # Names and numbers of a side that the other side lacks speak against the link.
                unmatched = dsw + t_sw_j - t_sw[pj] - matched_strong
                if unmatched > 0:
                    step += miss * unmatched
                v = prev + step
                if v < best - 1e-9:
                    best, best_move = v, mv
            row_cost[j - lo_i] = best
            row_back[j - lo_i] = best_move
        cost.append(row_cost)
        back.append(row_back)

    links: list[Link] = []
    touched = False
    i, j = n, m
    while i > 0 or j > 0:
        a, b = moves[back[i][j - lo[i]]]
        pi, pj = i - a, j - b
        step = cost[i][j - lo[i]] - cost[pi][pj - lo[pi]]
        links.append(Link(tuple(range(pi, i)), tuple(range(pj, j)), round(step, 4)))
        # A path running along the band's edge may have been cut off: widen and redo.
        if (lo[i] > 0 and j <= lo[i] + 1) or (hi[i] < m and j >= hi[i] - 1):
            touched = True
        i, j = pi, pj
    links.reverse()
    return links, touched
