"""Spun, calqued, substituted and inconsistently spelt names, outlets first.

With the source: a source name missing from its aligned MT segment, and the MT name in its place.
Without: a gazetteer of real outlets, a synonym-swap model, and one name spelt two ways in a document."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..flags import Flag
from .base import DetectionInput, Detector
from .untranslated import (
    _WORD,
    Token,
    aligned_tokens,
    fold,
    lang_base,
    similar,
    spelling_key,
    tokenize,
    translit_key,
    zipf,
)

NAMED_ENTITY = "accuracy/mistranslation/named-entity"
INCONSISTENCY = "fluency/inconsistency"

# Grammatical words that may sit inside a name or in front of it; never evidence of a shared name.
_ARTICLES = frozenset(["the", "le", "la", "les", "l", "der", "die", "das", "el", "los", "las", "il", "lo",
                       "gli", "i", "o", "os", "a", "as", "de", "het", "een"])
_CONNECTORS = frozenset(["of", "and", "for", "the", "de", "du", "des", "la", "le", "l", "et", "der", "die",
                         "das", "für", "und", "von", "y", "del", "di", "della", "da", "do", "dos", "e", "en",
                         "van"])


# --------------------------------------------------------------------------- gazetteer

@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    country: str
    aliases: tuple[tuple[str | None, str], ...] = ()

    def aliases_for(self, lang: str) -> list[str]:
        return [a for code, a in self.aliases if code == lang]

    @property
    def is_outlet(self) -> bool:
        return self.type in ("newspaper", "agency", "broadcaster", "magazine", "website")


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def _content(words: Sequence[str]) -> tuple[str, ...]:
    """Words without a leading article ("The Guardian" -> ("guardian",))."""
    return tuple(words[1:]) if len(words) > 1 and words[0] in _ARTICLES else tuple(words)


@dataclass
class Gazetteer:
    entries: list[Entry]
    by_first: dict[str, list[tuple[tuple[str, ...], Entry, bool]]] = field(default_factory=dict)
    by_words: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    multi: dict[int, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    word_index: dict[str, set[int]] = field(default_factory=dict)   # content word -> multi-word ids
    multi_list: list[tuple[tuple[str, ...], Entry]] = field(default_factory=list)
    lengths: dict[str, list[int]] = field(default_factory=dict)     # first word -> lengths, longest first
    by_key: dict[tuple[str, ...], tuple] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for code, form in ((None, entry.name), *entry.aliases):
                words = _words(form)
                if not words:
                    continue
                # short all-caps forms ("AP", "RT", "UN") only match in capitals
                exact = len(form) <= 3 and form.isupper()
                for key in {words, _content(words)}:
                    self.by_words.setdefault(key, entry)
                    # "Monde" for "Le Monde": only as a capitalised word inside a sentence
                    stripped = key != words and len(key) == 1
                    self.by_first.setdefault(key[0], []).append((key, entry, exact, stripped))
                if code is None and len(_content(words)) >= 2:
                    self.multi_list.append((_content(words), entry))
        for k, (words, entry) in enumerate(self.multi_list):
            self.multi.setdefault(len(words), []).append((words, entry))
            for w in words:
                if w not in _ARTICLES and w not in _CONNECTORS:
                    self.word_index.setdefault(w, set()).add(k)
        for first, options in self.by_first.items():
            options.sort(key=lambda o: -len(o[0]))
            self.lengths[first] = sorted({len(o[0]) for o in options}, reverse=True)
            for o in options:
                self.by_key.setdefault(o[0], o)

    def lookup(self, text: str) -> Entry | None:
        words = _words(text)
        return self.by_words.get(words) or self.by_words.get(_content(words))

    def find(self, tokens: Sequence[Token]) -> list[tuple[int, int, Entry]]:
        """Known names in a token list: (first token, end token, entry), longest match first."""
        out = []
        i, n = 0, len(tokens)
        lengths, by_key = self.lengths, self.by_key
        while i < n:
            tok = tokens[i]
            sizes = lengths.get(tok.lower) if tok.capitalised else None
            matched = 0
            for m in sizes or ():
                if i + m > n:
                    continue
                option = by_key.get(tuple(t.lower for t in tokens[i:i + m]))
                if option is None:
                    continue
                _words_key, entry, exact, stripped = option
                if any(tokens[i + k + 1].start - tokens[i + k].end > 2 or tokens[i + k + 1].line != tok.line
                       for k in range(m - 1)):
                    continue
                if exact and (not tok.all_caps or tok.caps_line):
                    continue
                # in a headline written in capitals a single common word says nothing
                if m == 1 and tok.caps_line and not (entry.name.isupper() and len(entry.name) >= 4):
                    continue
                if stripped and (tok.all_caps or tok.initial):
                    continue
                if not exact and m == 1 and len(tok.text) <= 3 and not tok.all_caps:
                    continue
                out.append((i, i + m, entry))
                matched = m
                break
            i += matched or 1
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer of real outlets and organisations (evalkit/data/outlets.tsv)."""
    text = resources.files("evalkit").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        cols = line.split("\t") + ["", "", ""]
        aliases = []
        for alias in filter(None, (a.strip() for a in cols[3].split("|"))):
            code, sep, form = alias.partition("=")
            aliases.append((code, form) if sep and len(code) <= 3 else (None, alias))
        entries.append(Entry(cols[0].strip(), cols[1].strip(), cols[2].strip(), tuple(aliases)))
    return Gazetteer(entries)


@lru_cache(maxsize=1)
def synonyms() -> dict[str, frozenset[str]]:
    """Word -> related words for the words of gazetteer names (evalkit/data/outlet_synonyms.tsv)."""
    try:
        text = resources.files("evalkit").joinpath("data/outlet_synonyms.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, related = line.partition("\t")
            table[word] = frozenset(related.split())
    return table


@lru_cache(maxsize=1)
def name_lexicon() -> frozenset[str]:
    """Every word of a multi-word gazetteer name, and every synonym of one."""
    gaz = gazetteer()
    words = set(gaz.word_index)
    table = synonyms()
    for w in list(words):
        for form in _forms(w):
            words |= table.get(form, frozenset())
    return frozenset(words)


@lru_cache(maxsize=100_000)
def _forms(word: str) -> frozenset[str]:
    w = word.lower()
    out = {w}
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    if w.endswith("es"):
        out.add(w[:-2])
    if w.endswith("s"):
        out.add(w[:-1])
    return frozenset(out)


def related(a: str, b: str) -> bool:
    """`a` and `b` are synonyms or close relatives in the bundled synonym table."""
    table = synonyms()
    fa, fb = _forms(a), _forms(b)
    if fa & fb:
        return True
    return any(table.get(x, frozenset()) & fb for x in fa) or any(table.get(x, frozenset()) & fa for x in fb)


# --------------------------------------------------------------------------- name sequences and slots

@dataclass(frozen=True)
class NameSeq:
    first: int          # token indices, inclusive
    last: int
    start: int          # str offsets
    end: int
    text: str
    caps_line: bool
    initial: bool


def name_sequences(tokens: Sequence[Token], text: str) -> list[NameSeq]:
    """Runs of capitalised tokens, joined by spaces and by lowercase connectors ("Belt and Road")."""
    out: list[NameSeq] = []
    i, n = 0, len(tokens)
    while i < n:
        if not tokens[i].capitalised:
            i += 1
            continue
        j = i
        while j + 1 < n and j - i < 8:
            nxt = tokens[j + 1]
            if not _adjacent(text, tokens[j], nxt):
                break
            if nxt.capitalised and not nxt.initial:
                j += 1
                continue
            # a connector joins two capitalised words
            if nxt.text.islower() and nxt.text in _CONNECTORS and j + 2 < n and tokens[j + 2].capitalised \
                    and not tokens[j + 2].initial and _adjacent(text, nxt, tokens[j + 2]):
                j += 2
                continue
            break
        first, last = tokens[i], tokens[j]
        out.append(NameSeq(i, j, first.start, last.end, text[first.start:last.end], first.caps_line,
                           first.initial))
        i = j + 1
    return out


@lru_cache(maxsize=8)
def analyse(text: str, starts: tuple[int, ...] = ()) -> tuple[list[Token], list[tuple[int, int, Entry]],
                                                           list[NameSeq]]:
    """Tokens, known names and name sequences of a text, computed once for both lexical detectors."""
    tokens = tokenize(text, starts)
    return tokens, gazetteer().find(tokens), name_sequences(tokens, text)


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return a.line == b.line and 0 < len(gap) <= 3 and (not gap.strip() or gap.strip() == "&")


_ART = r"(?:\s+(?:le|la|les|l['’]|the|der|die|das|dem|den|des|el|la|los|il|lo|o|a|de|het))?\s*"
_LEFT_ATTRIBUTION = re.compile(
    r"(?:according\s+to|reported\s+by|told|quoted\s+by|cited\s+by|interview\s+with|report\s+by|"
    r"spoke\s+to|speaking\s+to|said\s+to|wrote\s+in|writing\s+in|published\s+by|"
    r"selon|d['’]après|(?:a|ont|avait|avaient)\s+(?:rapporté|indiqué|révélé|annoncé|affirmé|écrit|publié|"
    r"précisé|assuré|cité|déclaré|dit|confié|expliqué|parlé)(?:\s+(?:à|au|aux))?|rapporte|révèle|écrit|"
    r"information|informations|article|enquête|interrogé\s+par|cité\s+par|"
    r"laut|zufolge|berichtete|meldete|schrieb|sagte|gegenüber|"
    r"según|de\s+acuerdo\s+con|informó|publicó|secondo|riporta|segundo|de\s+acordo\s+com|volgens|meldt)"
    r"(?:\s+(?:du|de\s+la|de\s+l['’]|des|au|of|by|from))?" + _ART + r"$",
    re.IGNORECASE)
_RIGHT_ATTRIBUTION = re.compile(
    r"^\s*(?:[,)]\s*)?(?:reported|reports|has\s+reported|said|says|wrote|writes|revealed|"
    r"a\s+rapporté|rapporte|a\s+indiqué|indique|a\s+révélé|révèle|a\s+écrit|écrit|a\s+annoncé|"
    r"berichtete|berichtet|meldete|meldet|schreibt|schrieb|informó|informa|publicó|riporta|ha\s+riportato|"
    r"scrive|noticiou|informou|meldt|meldde|"
    r"(?:'s\s+|’s\s+)?(?:report|reports|reporting|story|article|investigation|interview|analysis|"
    r"editorial))\b",
    re.IGNORECASE)
_CREDIT = re.compile(r"contribu|beigetragen|mitgearbeitet|bijgedragen", re.IGNORECASE)


def outlet_slot(text: str, start: int, end: int, lang: str | None = None) -> str | None:
    """'attribution' when the span sits where a news source is named ("selon le X", "X reported"),
    'credit' in a "contributed to this report" line, else None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, start - 60):start]
    right = text[end:min(line_end, end + 40)]
    if _LEFT_ATTRIBUTION.search(left) or _RIGHT_ATTRIBUTION.search(right):
        return "attribution"
    if _CREDIT.search(text[line_start:line_end]) and end - line_start < 200:
        return "credit"
    return None


# --------------------------------------------------------------------------- swap model

@dataclass(frozen=True)
class Variant:
    entry: Entry
    target: tuple[str, ...]
    shared: int
    synonyms: int
    initials: int
    score: float


def _dictionary_word(word: str, langs: Iterable[str]) -> bool:
    return max(zipf(word.casefold(), lang) for lang in langs) >= 2.5


def _made_of_source_words(words: Sequence[str], langs: Sequence[str]) -> bool:
    """Dictionary words, one at least far more frequent in the source language than in the target:
    what a spinner leaves where a name was ("Economical Situations" in French), not a translation."""
    if not all(_dictionary_word(w, langs) for w in words):
        return False
    src, tgt = langs[0], langs[1] if len(langs) > 1 else langs[0]
    return src == tgt or any(zipf(w.lower(), src) - zipf(w.lower(), tgt) >= 1.0 for w in words)


def swap_variant(words: Sequence[str], langs: Sequence[str], slot: bool = False) -> Variant | None:
    """The gazetteer name of which `words` (a capitalised name) is a synonym-swapped variant, if any."""
    if any(len(w) > 1 and w.isupper() for w in words):
        return None  # an acronym is not a thesaurus word ("New START")
    gaz = gazetteer()
    cand = _content(tuple(w.lower() for w in words))
    n = len(cand)
    if n < 2 or gaz.by_words.get(cand):
        return None
    options = set()
    for w in cand:
        options |= gaz.word_index.get(w, set())
    best: Variant | None = None
    table = synonyms()
    for k in options or ():
        target, entry = gaz.multi_list[k]
        if len(target) != n:
            continue
        best = _better(best, _compare(cand, target, entry, langs, slot))
    if best is None and slot and table:
        # no shared word: every word must be a synonym of the name's word at that place
        for target, entry in gaz.multi.get(n, ()):
            if all(c in _CONNECTORS or related(c, t) for c, t in zip(cand, target)):
                best = _better(best, _compare(cand, target, entry, langs, slot))
    return best


def _better(a: Variant | None, b: Variant | None) -> Variant | None:
    if b is None:
        return a
    return b if a is None or b.score > a.score else a


def _compare(cand: tuple[str, ...], target: tuple[str, ...], entry: Entry, langs: Sequence[str],
             slot: bool) -> Variant | None:
    shared = syn = init = 0
    differing = []
    for c, t in zip(cand, target):
        if c == t:
            if c not in _CONNECTORS:
                shared += 1
            continue
        if c in _CONNECTORS or t in _CONNECTORS or not _dictionary_word(c, langs):
            return None  # spinners swap words for words, not for names
        differing.append((c, t))
        if related(c, t):
            syn += 1
        elif c[0] == t[0]:
            init += 1
    if not differing:
        return None
    all_synonyms = syn == len(differing)
    only_head_shared = shared == 1 and cand[-1] == target[-1]
    if (shared == 0 or only_head_shared) and not all_synonyms:
        return None  # "Seattle Times": real outlets vary the modifier; a spinner puts a synonym there
    if not all_synonyms and not slot:
        return None  # a shared word or initial alone is chance, unless the name sits where a source is cited
    score = 0.45 + 0.1 * shared + 0.2 * (syn / len(differing)) + 0.05 * (init > 0) + 0.15 * slot
    return Variant(entry, target, shared, syn, init, min(score, 0.95))


# --------------------------------------------------------------------------- the detector

class NamesDetector(Detector):
    """Spun or substituted outlet and organisation names; garbled names; one name spelt two ways."""

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
        if doc.alignment and doc.source_segments and doc.hypothesis_segments:
            flags += self._with_source(doc, langs, src, tgt)
        flags += self._spun(doc, tokens, known, seqs, langs)
        flags += self._inconsistent(doc, tokens, src, tgt)
        return _dedupe(flags)

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
            idx = list(range(seq.first, seq.last + 1))
            found = None
            # longest sub-sequence first, words of a known name excluded
            for size in range(min(len(idx), 6), 1, -1):
                for a in range(len(idx) - size + 1):
                    sub = idx[a:a + size]
                    if any(k in covered for k in sub) or not tokens[sub[-1]].capitalised:
                        continue
                    if tokens[sub[0]].initial and sub[0] != seq.first \
                            or tokens[sub[0]].lower in _ARTICLES and size > 2:
                        continue  # the name starts after "Le", "The"
                    if not any(_forms(tokens[k].text) & lexicon for k in sub):
                        continue  # no word of any known name nor a synonym of one: not a swap
                    start, end = tokens[sub[0]].start, tokens[sub[-1]].end
                    slot = outlet_slot(text, start, end)
                    variant = swap_variant([tokens[k].text for k in sub], langs, slot is not None)
                    if variant and (found is None or variant.score > found[2].score):
                        found = (start, end, variant, slot)
                if found:
                    break
            if found:
                start, end, variant, slot = found
                targets[variant.entry.name] = variant.entry
                evidence = (f"reads as a synonym swap of {variant.entry.name!r} "
                            f"({variant.shared} shared word(s), {variant.synonyms} synonym(s), "
                            f"{variant.initials} shared initial(s)"
                            f"{', in a news-source slot' if slot else ''})")
                flags.append(self._flag(doc, start, end, NAMED_ENTITY, "major", variant.score, evidence,
                                        variant.entry.name))
                continue
            if len(idx) >= 2 and not seq.initial and not any(k in covered for k in idx):
                unknown.append(seq)
        flags += self._credit_lines(doc, tokens, covered, langs)
        if not targets:
            return flags
        # the document has a spun outlet: a real outlet that is itself a swap of it, or a made-up name
        # where a news source is cited, most likely stands for the same outlet
        only = next(iter(targets.values())) if len(targets) == 1 else None
        for i, j, entry in known:
            if entry.name in targets or not entry.is_outlet or tokens[i].caps_line:
                continue
            words = _content(tuple(tokens[k].lower for k in range(i, j)))
            for target in targets.values():
                t_words = _content(_words(target.name))
                if len(words) == len(t_words) and _compare(words, t_words, target, langs, False):
                    flags.append(self._flag(
                        doc, tokens[i].start, tokens[j - 1].end, NAMED_ENTITY, "critical", 0.6,
                        f"a different real outlet, itself a synonym swap of {target.name!r}, which the "
                        f"document also spins", target.name))
                    break
        for seq in unknown:
            words = [tokens[k] for k in range(seq.first, seq.last + 1) if tokens[k].capitalised]
            if any(f.start < seq.end and seq.start < f.end for f in flags):
                continue
            if _made_of_source_words([t.text for t in words], langs) \
                    and outlet_slot(text, seq.start, seq.end) == "attribution":
                flags.append(self._flag(
                    doc, seq.start, seq.end, NAMED_ENTITY, "critical", 0.55,
                    "unknown outlet made of dictionary words where the news source is cited, in a document "
                    f"that spins {', '.join(repr(t) for t in targets)}", only.name if only else None))
        return flags

    def _credit_lines(self, doc: DetectionInput, tokens: list[Token], covered: set[int], langs) -> list[Flag]:
        """"– Xyz Jane Doe contributed to this report": an unknown word where the outlet belongs."""
        text = doc.hypothesis
        flags = []
        for match in _CREDIT_LINE.finditer(text):
            line_start = match.start()
            first = next((k for k, t in enumerate(tokens) if t.start >= line_start), None)
            if first is None:
                continue
            run = [first]
            while run[-1] + 1 < len(tokens) and tokens[run[-1] + 1].capitalised \
                    and _adjacent(text, tokens[run[-1]], tokens[run[-1] + 1]):
                run.append(run[-1] + 1)
            if len(run) < 3 or any(k in covered for k in run):
                continue
            outlet = run[:-2]  # the last two are the reporter's name
            if all(max(zipf(tokens[k].lower, lang) for lang in langs) == 0.0 for k in outlet):
                start, end = tokens[outlet[0]].start, tokens[outlet[-1]].end
                flags.append(self._flag(doc, start, end, NAMED_ENTITY, "critical", 0.45,
                                        "unknown word where a credit line names the outlet", None))
        return flags

    # ---- with the source: names dropped or changed in the aligned segment

    def _with_source(self, doc: DetectionInput, langs, src: str, tgt: str) -> list[Flag]:
        gaz = gazetteer()
        source = doc.source or ""
        source_doc = source.casefold()
        flags: list[Flag] = []
        for s_tokens, t_tokens, sa, sb in aligned_tokens(doc):
            s_known = gaz.find(s_tokens)
            s_fold = source[sa:sb].casefold()
            if s_known:
                t_known = gaz.find(t_tokens)
                t_entries = {e.name for _, _, e in t_known}
                covered = {k for i, j, _ in t_known for k in range(i, j)}
                for i, j, entry in s_known:
                    if entry.name in t_entries:
                        continue
                    if not entry.is_outlet and entry.type != "organisation":
                        continue
                    word = s_tokens[i]
                    if j - i == 1 and word.initial and not word.all_caps and zipf(word.lower, src) >= 3.0 \
                            and not outlet_slot(source, word.start, word.end):
                        continue  # "Fortune favours...", "Time will tell": a word, not the magazine
                    found = self._replacement(doc, t_tokens, covered, s_fold, entry, langs)
                    if found:
                        flags.append(found)
            flags += self._garbled(doc, s_tokens, t_tokens, s_fold, source_doc, src, tgt)
        return flags

    def _replacement(self, doc: DetectionInput, t_tokens: list[Token], covered: set[int], s_fold: str,
                     entry: Entry, langs) -> Flag | None:
        text = doc.hypothesis
        gaz = gazetteer()
        best = None
        for seq in name_sequences(t_tokens, text):
            caps = [k for k in range(seq.first, seq.last + 1) if t_tokens[k].capitalised]
            if not caps:
                continue
            for a in range(len(caps)):
                for b in range(a, min(a + 6, len(caps))):
                    sub = caps[a:b + 1]
                    if sub != list(range(sub[0], sub[-1] + 1)) or (t_tokens[sub[0]].initial and a > 0) \
                            or t_tokens[sub[0]].lower in _ARTICLES and b > a:
                        continue
                    start, end = t_tokens[sub[0]].start, t_tokens[sub[-1]].end
                    surface = text[start:end]
                    if surface.casefold() in s_fold:
                        continue
                    words = tuple(t_tokens[k].text for k in sub)
                    other = gaz.lookup(surface)
                    slot = outlet_slot(text, start, end)
                    cand, target = _content(tuple(w.lower() for w in words)), _content(_words(entry.name))
                    variant = _compare(cand, target, entry, langs, slot is not None) \
                        if len(cand) == len(target) else None
                    if other is not None and other.name != entry.name and other.is_outlet:
                        score, severity, why = 0.9, "critical", f"a different real outlet, {other.name!r}"
                    elif variant is not None:
                        score, severity, why = 0.9, "major", "a synonym-swapped spelling of it"
                    elif other is not None or any(k in covered for k in sub):
                        continue
                    elif slot == "attribution" and _made_of_source_words(words, langs):
                        score, severity, why = 0.8, "critical", "an unknown name where a news source is cited"
                    elif slot is not None and all(max(zipf(w.casefold(), lg) for lg in langs) == 0.0
                                                  for w in words):
                        score, severity, why = 0.75, "critical", "an unknown word where the outlet is named"
                    elif all(max(zipf(w.casefold(), lg) for lg in langs) == 0.0 for w in words) and \
                            not t_tokens[sub[0]].initial:
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

    def _garbled(self, doc: DetectionInput, s_tokens: list[Token], t_tokens: list[Token], s_fold: str,
                 source_doc: str, src: str, tgt: str) -> list[Flag]:
        """A person or place name the MT spells beyond transliteration (Kottasová -> Kutsova)."""
        s_names = {t.text for t in s_tokens if t.capitalised and not t.all_caps and not t.initial
                   and len(t.text) >= 4 and zipf(t.lower, src) < 3.0}
        flags = []
        t_words = {t.text.casefold() for t in t_tokens}
        missing = [s for s in s_names if s.casefold() not in t_words]
        if not missing:
            return flags
        for tok in t_tokens:
            if not tok.capitalised or tok.all_caps or tok.initial or len(tok.text) < 4:
                continue
            low = tok.text.casefold()
            if low in s_fold or low in source_doc or zipf(low, tgt) >= 1.5 or zipf(low, src) >= 1.5:
                continue
            for s in missing:
                if fold(s)[0] != fold(tok.text)[0] or translit_key(s) == translit_key(tok.text):
                    continue
                a, b = translit_key(s), translit_key(tok.text)
                if _edit_distance(a, b) < max(2.0, 0.25 * max(len(a), len(b))) or similar(s, tok.text) < 0.6:
                    continue
                flags.append(self._flag(doc, tok.start, tok.end, NAMED_ENTITY, "minor", 0.5,
                                        f"the aligned source spells the name {s!r}", s))
                break
        return flags

    # ---- one name, two spellings

    def _inconsistent(self, doc: DetectionInput, tokens: list[Token], src: str, tgt: str) -> list[Flag]:
        source = doc.source or ""
        groups: dict[str, dict[str, list[int]]] = {}
        for i, tok in enumerate(tokens):
            if not tok.capitalised or len(tok.text) < 4:
                continue
            groups.setdefault(spelling_key(tok.text), {}).setdefault(tok.text.casefold(), []).append(i)
        flags: list[Flag] = []
        for forms in groups.values():
            if len(forms) != 2:
                continue
            (fa, ia), (fb, ib) = forms.items()
            if fold(fa[1:]) == fold(fb[1:]) and fa[1:] == fb[1:]:
                continue  # only the capital's accent differs (Etat/État): a spelling matter
            if max(zipf(fa, tgt), zipf(fb, tgt)) >= 4.0 and min(zipf(fa, tgt), zipf(fb, tgt)) >= 2.0:
                continue  # two ordinary words (mais/maïs)
            if all(tokens[k].initial for k in ia + ib):
                continue
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
        acronyms = {t.text for t in tokens if t.all_caps and not t.caps_line and len(t.text) >= 3}
        for i, tok in enumerate(tokens):
            rare = max(zipf(tok.lower, tgt), zipf(tok.lower, src)) < 3.0
            if tok.text not in acronyms and not (tok.caps_line and len(tok.text) >= 3 and rare):
                continue
            for side, j in ((-1, i - 1), (1, i + 1)):
                if not 0 <= j < len(tokens) or not tokens[j].capitalised \
                        or tokens[j].all_caps and not tokens[j].caps_line:
                    continue
                a, b = (j, i) if side < 0 else (i, j)
                if not _adjacent(text, tokens[a], tokens[b]):
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


_CREDIT_LINE = re.compile(r"(?m)^[ \t\-–—•*]*(?=[^\n]*(?:contribu|beigetragen|mitgearbeitet|bijgedragen))")


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per span and category; an overlapping later or weaker flag goes."""
    flags = sorted(flags, key=lambda f: (-f.confidence, f.start))
    kept: list[Flag] = []
    for flag in flags:
        if any(k.category == flag.category and k.start < flag.end and flag.start < k.end for k in kept):
            continue
        kept.append(flag)
    return sorted(kept, key=lambda f: (f.start, f.end))


# --------------------------------------------------------------------------- building the synonym table

def build_synonym_table(wordnet_dir: str, words: Iterable[str],
                        min_zipf: float = 2.5) -> dict[str, list[str]]:
    """Related words for `words` from Princeton WordNet 3.0 files (data.noun etc. in `wordnet_dir`).

    Synonyms, similar and derived words, hypernyms and hyponyms one step away, and the synonyms of
    synonyms; single words with an English zipf frequency of at least `min_zipf`. Used once to write
    evalkit/data/outlet_synonyms.tsv (see docs/detectors-lexical.md); never at run time.
    """
    import os

    synsets: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    lemmas: dict[str, set[str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wordnet_dir, "data." + pos), encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                head = line.split(" | ")[0].split()
                kind = "a" if head[2] == "s" else head[2]
                count = int(head[3], 16)
                members = [head[4 + 2 * i].lower().split("(")[0] for i in range(count)]
                i = 4 + 2 * count
                pointers = []
                for _ in range(int(head[i])):
                    sym, offset, ppos = head[i + 1], head[i + 2], head[i + 3]
                    pointers.append((sym, ("a" if ppos == "s" else ppos) + offset))
                    i += 4
                key = kind + head[0]
                synsets[key] = (members, pointers)
                for m in members:
                    lemmas.setdefault(m, set()).add(key)
    relations = ("&", "+", "\\", "=", "^", "@", "~", "$")
    table = {}
    for word in sorted(set(words)):
        keys = {k for form in _forms(word) for k in lemmas.get(form, ())}
        first = {m for k in keys for m in synsets[k][0]}
        wider = set(keys)
        for k in keys:
            wider |= {o for sym, o in synsets[k][1] if sym in relations and o in synsets}
        for m in first:
            wider |= lemmas.get(m, set())
        out = {m for k in wider for m in synsets[k][0]}
        out = sorted(m for m in out if m.isalpha() and m != word and zipf(m, "en") >= min_zipf)
        if out:
            table[word] = out
    return table


def _gazetteer_words() -> list[str]:
    words = set()
    for entry in gazetteer().entries:
        for w in _WORD.findall(entry.name):
            if len(w) >= 3 and not w.isupper() and w.casefold() not in _CONNECTORS:
                words.add(w.casefold())
    return sorted(words)


if __name__ == "__main__":  # python -m evalkit.detectors.names WORDNET_DIR > evalkit/data/outlet_synonyms.tsv
    from pathlib import Path

    table = build_synonym_table(sys.argv[1], _gazetteer_words())
    licence = (Path(sys.argv[1]) / "LICENSE").read_text(encoding="latin-1")
    sys.stdout.write("# Related words for the words of the names in outlets.tsv, derived from Princeton "
                     "WordNet 3.0\n"
                     "# by: python -m evalkit.detectors.names WORDNET_DIR (see docs/detectors-lexical.md).\n"
                     "# Format: word TAB space-separated related words. WordNet licence follows.\n#\n")
    for line in licence.splitlines():
        sys.stdout.write(f"# {line.rstrip()}\n".replace("# \n", "#\n"))
    for word, rel in table.items():
        sys.stdout.write(f"{word}\t{' '.join(rel)}\n")
