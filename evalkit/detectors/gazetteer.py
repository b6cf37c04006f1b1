"""The bundled gazetteer of real outlets and organisations (evalkit/data/outlets.tsv, with synonyms in
outlet_synonyms.tsv, outlet_phrases.tsv and the broader outlet_thesaurus.tsv) and the office titles per
language (evalkit/data/offices.tsv), as data classes with their lookups. This module only reads the tables
(the synonym tables are built by tools/build_synonyms.py and tools/build_thesaurus.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from .langdata import data_text, values, word_set
from .text import ARTICLES, CONNECTORS, WORD, NameSeq, Token, fold, name_sequences, tokenize


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    country: str
    aliases: tuple[tuple[str | None, str], ...] = ()
    origin: str = "hand"   # "hand": outlets.tsv; "public": gazetteer_public.tsv only

    def aliases_for(self, lang: str) -> list[str]:
        return [a for code, a in self.aliases if code == lang]

    @property
    def registry(self) -> bool:
        # an institution of the Research Organization Registry (gazetteer_public.tsv): tens of thousands
        # of names, many generic ("National Safety Associates"), so only close variants of one count
        return self.type == "institution"

    @property
    def is_outlet(self) -> bool:
        # "outlet": a news outlet of the public list, whose kind it does not give
        return self.type in ("newspaper", "agency", "broadcaster", "magazine", "website", "outlet")


def lower_words(text: str) -> tuple[str, ...]:
    return tuple(map(str.lower, WORD.findall(text)))


def content_words(words: Sequence[str]) -> tuple[str, ...]:
    """Words without a leading article ("The Guardian" -> ("guardian",))."""
    return tuple(words[1:]) if len(words) > 1 and words[0] in ARTICLES else tuple(words)


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
    pairs: set[tuple[str, str]] = field(default_factory=set)          # first two words of longer keys
    looked_up: dict[str, Entry | None] = field(default_factory=dict, repr=False, compare=False)  # bounded

    def __post_init__(self) -> None:
        by_words, by_first = self.by_words, self.by_first
        for entry in self.entries:
            for code, form in ((None, entry.name), *entry.aliases):
                words = lower_words(form)
                if not words:
                    continue
                # short all-caps forms ("AP", "RT", "UN") only match in capitals, and so do all the public
                # list's abbreviations ("SHARE" is a body's, "Share" a word)
                exact = form.isupper() and (len(form) <= 3 or entry.origin == "public")
                content = content_words(words)   # (once per form: it is asked three times)
                for key in {words, content}:
                    by_words.setdefault(key, entry)
                    # "Monde" for "Le Monde": only as a capitalised word inside a sentence
                    stripped = key != words and len(key) == 1
                    options = by_first.get(key[0])
                    if options is None:
                        by_first[key[0]] = [(key, entry, exact, stripped)]
                    else:
                        options.append((key, entry, exact, stripped))
                if code is None and len(content) >= 2:
                    self.multi_list.append((content, entry))
        for k, (words, entry) in enumerate(self.multi_list):
            self.multi.setdefault(len(words), []).append((words, entry))
            for w in words:
                if w not in ARTICLES and w not in CONNECTORS:
                    self.word_index.setdefault(w, set()).add(k)
        for first, options in self.by_first.items():
            options.sort(key=lambda o: -len(o[0]))
            self.lengths[first] = sorted({len(o[0]) for o in options}, reverse=True)
            for o in options:
                self.by_key.setdefault(o[0], o)
                if len(o[0]) > 1:
                    self.pairs.add(o[0][:2])

    def lookup(self, text: str) -> Entry | None:
        found = self.looked_up.get(text, self)
        if found is self:   # not asked yet (None is an answer)
            words = lower_words(text)
            found = self.by_words.get(words) or self.by_words.get(content_words(words))
            if len(self.looked_up) >= 1 << 15:
                self.looked_up.clear()
            self.looked_up[text] = found
        return found

    def find(self, tokens: Sequence[Token]) -> list[tuple[int, int, Entry]]:
        """Known names in a token list: (first token, end token, entry), longest match first."""
        out = []
        n = len(tokens)
        lengths, by_key = self.lengths, self.by_key
        after = 0   # the next match starts after the previous one
        # only a capitalised word can open a name: the others are skipped at C speed (a text's capitalised
        # words are few; most of them open no known name)
        for i in compress(range(n), map(itemgetter(7), tokens)):
            if i < after:
                continue
            tok = tokens[i]
            sizes = lengths.get(tok[6])
            if sizes is None:
                continue
            # a name of two words or more goes on with its second word
            if not (i + 1 < n and (tok[6], tokens[i + 1][6]) in self.pairs):
                if sizes[-1] != 1:
                    continue
                sizes = _ONE_WORD   # (the sizes go down to one: only a one-word name can match here)
            for m in sizes:
                if i + m > n:
                    continue
                option = by_key.get((tok[6],) if m == 1 else tuple(map(itemgetter(6), tokens[i:i + m])))
                if option is None:
                    continue
                _words_key, entry, exact, stripped = option
                if m > 1 and any(tokens[i + k + 1].start - tokens[i + k].end > 2
                                 or tokens[i + k + 1].line != tok.line for k in range(m - 1)):
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
                after = i + m
                break
        return out


_ONE_WORD = (1,)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer: the hand-written rows (evalkit/data/outlets.tsv) first, then the rows derived
    from public datasets (gazetteer_public.tsv, built by tools/build_gazetteer.py). A name in both keeps
    its hand-written row, which gains the public row's aliases it lacks."""
    entries: dict[str, Entry] = {}
    for name, origin in (("outlets", "hand"), ("gazetteer_public", "public")):
        for entry in _entries(data_text(name), origin):
            old = entries.get(entry.name.casefold())
            if old is None:
                entries[entry.name.casefold()] = entry
            else:
                extra = tuple(a for a in entry.aliases if a not in old.aliases)
                entries[entry.name.casefold()] = Entry(old.name, old.type, old.country, old.aliases + extra, old.origin)
    return Gazetteer(list(entries.values()))


def _entries(text: str, origin: str) -> list[Entry]:
    """The rows of a gazetteer file: name, type, country, aliases ("|"-separated, "xx=Name" per language)."""
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        cols = line.split("\t") + ["", "", ""]
        aliases = []
        for alias in filter(None, (a.strip() for a in cols[3].split("|"))):
            code, sep, form = alias.partition("=")
            aliases.append((code, form) if sep and len(code) <= 3 else (None, alias))
        entries.append(Entry(cols[0].strip(), cols[1].strip(), cols[2].strip(), tuple(aliases), origin))
    return entries


def synonyms(loose: bool = False) -> dict[str, frozenset[str]]:
    """Word -> related words for the words of gazetteer names (evalkit/data/outlet_synonyms.tsv), and related
    phrases, their words joined by "_", and pertaining adverbs (evalkit/data/outlet_phrases.tsv). With `loose`,
    also Moby Thesaurus II's relatives (outlet_thesaurus.tsv), far broader than WordNet's: asked only for an
    organisation's usual target-language form with a word swapped (rendered._related_words), never for an
    English name kept, where real names meet it ("Daily Journal" and the Daily Record, "China News" and
    China Daily)."""
    return _synonym_tables(bool(loose))


@lru_cache(maxsize=2)
def _synonym_tables(loose: bool) -> dict[str, frozenset[str]]:
    """synonyms(), built once per value of `loose` (called positionally, so that f() and f(False) are one
    cache entry: two keys for one table made the cache rebuild it)."""
    table: dict[str, frozenset[str]] = {}
    for name in ("outlet_synonyms", "outlet_phrases") + (("outlet_thesaurus",) if loose else ()):
        try:
            text = data_text(name)
        except (FileNotFoundError, OSError):
            continue
        for line in text.splitlines():
            if line and not line.startswith("#"):
                word, _, related = line.partition("\t")
                table[word] = table.get(word, frozenset()) | frozenset(related.split())
    return table


@lru_cache(maxsize=1)
def real_outlets() -> frozenset[str]:
    """The names of real newspapers (evalkit/data/real_outlets.tsv, from Wikidata), as real_key writes them:
    a name they hold is no spinner's work ("Daily Journal", "Birmingham Post")."""
    return frozenset(_real_names())


@lru_cache(maxsize=1)
def _real_names() -> dict[str, str]:
    """real_key of each real newspaper's name -> the name as Wikidata labels it."""
    try:
        text = data_text("real_outlets")
    except (FileNotFoundError, OSError):
        return {}
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {real_key(cols[1]): cols[1] for cols in rows if len(cols) == 2 and cols[0] != "qid"}


@lru_cache(maxsize=1)
def real_the_titles() -> dict[str, str]:
    """The real newspapers (real_outlets) named "The" and one word, by that word folded: "connexion" -> "The
    Connexion"."""
    return {key: name for key, name in _real_names().items()
            if " " not in key and key.isalpha() and name.startswith("The ")}


def newspaper_synonym(word: str, written: str) -> bool:
    """`written` is a WordNet relative of the real newspaper's name word `word` (newspaper_synonyms.tsv)."""
    return not word_forms(written).isdisjoint(_newspaper_near(word))


@dataclass(frozen=True)
class RealSwap:
    """A name read as a real newspaper's (real_outlets) with one word swapped: `written` for `word`, a
    relative in `thesaurus`. `kind` "form" (newspaper_form_swap): no such paper is listed, but `papers` real
    papers' names open as `name` does and end in `word`'s place with another word; "word"
    (newspaper_word_swap): `papers` real papers' names hold `word` where `written` stands; "paper": `papers` real
    papers' names hold `written` (none, or one, unless hundreds hold `word`: "Information" for News)."""
    name: str
    word: str
    written: str
    thesaurus: str = "WordNet"
    papers: int = 0
    kind: str = "paper"


@lru_cache(maxsize=1 << 12)
def real_swap(words: tuple[str, ...]) -> RealSwap | None:
    """The real newspaper (real_outlets) whose name `words` (folded, an opening "the" dropped) writes with
    one word swapped for a WordNet relative that one real newspaper's name at most holds
    (newspaper_synonyms.tsv) or a Moby Thesaurus II one (_newspaper_relative): "nassau protector" for the
    Nassau Guardian; or, of one hyphened word, with one of its parts swapped ("spokesman-overview"). None
    where `words` is a real name or differs from each in another way; the caller judges whether the words are
    the text's language."""
    key = " ".join(words)
    if len(words) < 2 and "-" not in key or key in _real_names():
        return None
    shapes, counts = _real_shapes()
    for i, written in enumerate(words):
        for name in shapes.get((i, *words[:i], "", *words[i + 1:]), ()):
            word = name.split()[i]
            if counts.get(written, 0) > 1 and counts[written] * _RARER_BY > counts.get(word, 0):
                continue   # another real paper's word ("Herald" for Tribune): no spinner's choice; but a word
                # a few papers' names hold, in place of one hundreds hold ("Information" for News), may be
            thesaurus = _newspaper_relative(word, written, head=i == len(words) - 1) \
                or _part_relative(word, written, head=i == len(words) - 1)
            if thesaurus:
                return RealSwap(_real_names()[name], word, written, thesaurus, counts.get(written, 0))
    return None


def papers_holding(word: str) -> int:
    """How many real newspapers' names (real_outlets) hold `word` (folded)."""
    return _real_shapes()[1].get(word, 0)


# a word that more than one real newspaper's name holds is read as a swap only in place of a word that this many
# times more papers' names hold ("information", 3 papers, for "news", 399)
_RARER_BY = 50


def _part_relative(word: str, written: str, head: bool) -> str | None:
    """_newspaper_relative for the one part that differs between two hyphened words of as many parts
    ("star-tribunal" for the Casper Star-Tribune's "star-tribune"); None otherwise."""
    parts, written_parts = word.split("-"), written.split("-")
    if len(parts) < 2 or len(parts) != len(written_parts):
        return None
    changed = [(a, b) for a, b in zip(parts, written_parts) if a != b]
    if len(changed) != 1:
        return None
    a, b = changed[0]
    return _newspaper_relative(a, b, head=head and a == parts[-1])


# a name's opening words that this many real newspapers' names open with, or more, give the template of
# newspaper_form_swap ("Irish ...": the Irish Times, the Irish Examiner, ...)
_FORM_PAPERS = 2


@lru_cache(maxsize=1 << 12)
def newspaper_form_swap(words: tuple[str, ...]) -> RealSwap | None:
    """`words` (folded, an opening "the" dropped) read as a newspaper's name of a common form with its last
    word swapped for a WordNet relative: opening as _FORM_PAPERS real papers' names or more do ("irish"),
    and ending in a word that no real paper's name holds, related to a word that ends many
    (newspaper_heads): "irish inspector" for an Irish Examiner. The name returned is the form, not a paper."""
    *opening, last = words
    if not opening or " ".join(words) in _real_names() or last in newspaper_heads() \
            or _real_shapes()[1].get(last, 0):
        return None
    papers = _openings().get(tuple(opening), 0)
    if papers < _FORM_PAPERS:
        return None
    forms = word_forms(last)
    heads = [h for h in newspaper_heads()
             if not forms.isdisjoint(_newspaper_near(h)) or not forms.isdisjoint(_near_in(h, synonyms()))]
    if not heads:
        return None
    # the likeliest: a real paper's name with this opening, else the word ending the most names
    head = max(heads, key=lambda h: (" ".join((*opening, h)) in _real_names(), _real_shapes()[1].get(h, 0), h))
    return RealSwap(" ".join(w.capitalize() for w in (*opening, head)), head, last, "WordNet", papers, "form")


# a word in this many real newspapers' names or more, at one place from the end, is a common word of
# newspapers' names there ("times" last, "daily" next to last), for newspaper_word_swap
_WORD_SWAP_PAPERS = 15


@lru_cache(maxsize=1 << 12)
def newspaper_word_swap(words: tuple[str, ...]) -> RealSwap | None:
    """`words` (folded, an opening "the" dropped) read as a newspaper's name with a word other than the
    first swapped for one that no real paper's name holds, where _WORD_SWAP_PAPERS real papers' names or
    more hold, at that place from the end, a word that both WordNet and Moby Thesaurus II give as its
    relative; where the swapped word is not the last, the name ends as many newspapers' names do
    (newspaper_heads): "lesotho periods" (times), "vanuatu everyday post" (daily). The name returned is the
    form with that word, not a listed paper; `papers` counts the names holding the word there."""
    if len(words) < 2 or " ".join(words) in _real_names():
        return None
    counts = _real_shapes()[1]
    for i, written in enumerate(words[1:], 1):
        if counts.get(written, 0) or written in newspaper_heads():
            continue
        if i < len(words) - 1 and words[-1] not in newspaper_heads():
            continue   # "... Periods Society": a body's name, not a newspaper's
        forms = word_forms(written)
        for word, papers in _common_words_at(len(words) - 1 - i):
            if forms.isdisjoint(word_forms(word)) and not forms.isdisjoint(_newspaper_near(word)) \
                    and not forms.isdisjoint(_near_in(word, _thesaurus())):
                name = " ".join(w.capitalize() for w in (*words[:i], word, *words[i + 1:]))
                return RealSwap(name, word, written, "WordNet and Moby Thesaurus II", papers, "word")
    return None


@lru_cache(maxsize=1 << 12)
def newspaper_head_swap(words: tuple[str, ...]) -> RealSwap | None:
    """`words` (folded, an opening "the" dropped) read as a newspaper's name with its last word swapped for one
    that no real paper's name holds, a relative in WordNet or in Moby Thesaurus II (newspaper_thesaurus.tsv)
    of a word that ends _WORD_SWAP_PAPERS real papers' names or more: "atoll instances" (times), "katikati
    promoter" (advertiser). Looser than newspaper_word_swap (one thesaurus is enough): the caller asks it only
    where a news source is cited. Not a word that ends more of the gazetteer's bodies' names than outlets';
    a word a few real papers' names hold only for a word ending far more, and not one ending a listed outlet's
    name ("radio"). The name returned is the form with that word."""
    *opening, written = words
    held = _real_shapes()[1].get(written, 0)
    if not opening or " ".join(words) in _real_names() or held > _HEAD_SWAP_HELD \
            or written in newspaper_heads() or not ends_more_outlets(written):
        return None   # (a word ending more bodies' names than outlets': "Southeast Regional Library")
    if held and _name_ends().get(written, (0, 0))[0]:
        return None   # a word some real papers hold and a listed outlet's name ends: Moby gives "radio" for
        # press, and public radios are real
    for word, papers in _common_words_at(0):
        if held and papers < _HEAD_SWAP_RATIO * held:
            continue   # a word a few real papers' names hold ("tidings") stands for one that ends many
        thesaurus = _newspaper_relative(word, written, head=True)
        if thesaurus and word_forms(written).isdisjoint(word_forms(word)):
            return RealSwap(" ".join(w.capitalize() for w in (*opening, word)), word, written, thesaurus, papers,
                            "word")
    return None


# newspaper_head_swap: the written word may be held by this many real newspapers' names at most, where the
# word it stands for ends this many times as many or more ("tidings", in 3 papers' names, for "news", ending 333)
_HEAD_SWAP_HELD = 3
_HEAD_SWAP_RATIO = 50


@lru_cache(maxsize=8)
def _common_words_at(place: int) -> tuple[tuple[str, int], ...]:
    """The words that _WORD_SWAP_PAPERS real newspapers' names of two words or more hold `place` words from
    their end (0: the last), with how many; the most held first."""
    counts: dict[str, int] = {}
    for key in _real_names():
        words = key.split()
        if len(words) >= 2 and place < len(words):
            counts[words[-1 - place]] = counts.get(words[-1 - place], 0) + 1
    return tuple(sorted(((w, n) for w, n in counts.items() if n >= _WORD_SWAP_PAPERS), key=lambda x: (-x[1], x[0])))


def opens_real_newspaper(word: str) -> bool:
    """`word` (folded) opens a real newspaper's name of two words or more (real_outlets): a place's name or
    a paper's own word ("hawaii" of the Hawaii Tribune-Herald), not a word a spinner writes for another."""
    return (word,) in _openings()


@lru_cache(maxsize=1)
def _openings() -> dict[tuple[str, ...], int]:
    """The opening words of the real newspapers' names of two words or more -> how many names open so."""
    counts: dict[tuple[str, ...], int] = {}
    for key in _real_names():
        words = tuple(key.split())
        for i in range(1, len(words)):
            counts[words[:i]] = counts.get(words[:i], 0) + 1
    return counts


@lru_cache(maxsize=1)
def _real_shapes() -> tuple[dict[tuple[str | int, ...], list[str]], dict[str, int]]:
    """The real names of two words or more, or of one hyphened word, by their words with one left blank (and
    its place), sorted; and how many real names hold each word."""
    shapes: dict[tuple[str | int, ...], list[str]] = {}
    counts: dict[str, int] = {}
    for key in sorted(_real_names()):
        words = key.split()
        for w in set(words):
            counts[w] = counts.get(w, 0) + 1
        if len(words) >= 2 or "-" in key:
            for i in range(len(words)):
                shapes.setdefault((i, *words[:i], "", *words[i + 1:]), []).append(key)
    return shapes, counts


def _newspaper_relative(word: str, written: str, head: bool = False) -> str | None:
    """The thesaurus in which `written` is a relative of a real newspaper's `word`: WordNet
    (newspaper_synonyms.tsv, or for a phrase outlet_phrases.tsv), else Moby Thesaurus II (outlet_thesaurus.tsv
    for the words of the gazetteer's names; newspaper_thesaurus.tsv for those of real newspapers' names, only
    where `word` is the name's last, its `head`: "Juneau Realm" for the Juneau Empire, while "Normal Times" would
    read as Good Times, where it is the Standard Times that Wikidata lacks); None where neither has it."""
    forms = word_forms(written)
    if not forms.isdisjoint(_newspaper_near(word)) or "_" in written and written in _near_in(word, synonyms()):
        return "WordNet"   # (a phrase, its words joined by "_": outlet_phrases.tsv's "day_to_day" for daily)
    if not forms.isdisjoint(_near_in(word, _thesaurus())) \
            or head and not forms.isdisjoint(_near_in(word, _newspaper_thesaurus())):
        return "Moby Thesaurus II"
    return None


def _newspaper_near(word: str) -> frozenset[str]:
    """The related words (newspaper_synonyms.tsv) of the forms of a real newspaper's word."""
    return _near_in(word, _newspaper_synonyms())


def _near_in(word: str, table: dict[str, frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*(table.get(f, ()) for f in word_forms(word)))


def _thesaurus() -> dict[str, frozenset[str]]:
    """Moby Thesaurus II's relatives of the gazetteer's name words (outlet_thesaurus.tsv alone)."""
    return _relatives("outlet_thesaurus")


def _newspaper_synonyms() -> dict[str, frozenset[str]]:
    return _relatives("newspaper_synonyms")


def _newspaper_thesaurus() -> dict[str, frozenset[str]]:
    """Moby Thesaurus II's relatives of the real newspapers' name words (newspaper_thesaurus.tsv)."""
    return _relatives("newspaper_thesaurus")


@lru_cache(maxsize=4)
def _relatives(name: str) -> dict[str, frozenset[str]]:
    """evalkit/data/<name>.tsv read as word TAB its related words ({} where the file is not there)."""
    try:
        text = data_text(name)
    except (FileNotFoundError, OSError):
        return {}
    rows = (line.partition("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: frozenset(related.split()) for word, _, related in rows}


def real_key(name: str) -> str:
    """A name as real_outlets() holds it: casefolded (its accents kept: "Guardián" is a translation of the
    Guardian), its spaces single, an opening "The" dropped."""
    words = name.casefold().replace("’", "'").split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def newspaper(name: str) -> bool:
    """`name` is a real newspaper's of two words or more (real_outlets) that ends as newspapers' names end
    (newspaper_heads, or its last hyphened part does) or opens on a media noun: "The Hamilton Spectator", "Daily
    Graphic", not "Air Force" (a
    paper's name too, and an army's); or one word of two parts of four letters or more joined by a hyphen
    ("The Register-Guard", "Times-Standard")."""
    key = real_key(name)
    if key not in real_outlets():
        return False
    if " " not in key:
        parts = key.split("-")
        return len(parts) == 2 and min(map(len, parts)) >= _HYPHENED_PART
    first, *_, last = key.split()
    return last.rsplit("-", 1)[-1] in newspaper_heads() or first in MEDIA_NOUNS   # ("Green Bay Press-Gazette")


@lru_cache(maxsize=1)
def newspaper_words() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The real newspapers of two words or more that `newspaper` takes, as (the name as Wikidata labels it, its
    words folded with "the", "of" and the other connectors dropped), under each of those words: "Bay of Plenty
    Times" is (bay, plenty, times)."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, label in sorted(_real_names().items()):
        if " " in key and newspaper(key):
            words = tuple(fold(w) for w in WORD.findall(key) if fold(w) not in CONNECTORS)
            for w in set(words):
                out.setdefault(w, []).append((label, words))
    return {w: tuple(names) for w, names in out.items()}


# English words that name a kind of news outlet ("daily", "weekly", "news")
MEDIA_NOUNS = word_set("media-nouns")
# the shortest part of a newspaper's name of one hyphenated word ("Line-Up" is no newspaper's name here)
_HYPHENED_PART = 4
# a word ending this many real newspapers' names (real_outlets) is a newspaper's head
_HEAD_COUNT = 5


@lru_cache(maxsize=1)
def newspaper_heads() -> frozenset[str]:
    """The last words of _HEAD_COUNT real newspapers' names or more that end no more of the gazetteer's
    organisations than of its outlets ("spectator", "times"; not "world" or "business")."""
    counts: dict[str, int] = {}
    for key in real_outlets():
        if " " in key:
            last = key.rsplit(" ", 1)[1]
            counts[last] = counts.get(last, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= _HEAD_COUNT and ends_more_outlets(w))


def real_endings(first: str, last: str) -> int:
    """How many real newspapers' names (real_outlets) end with the two words (folded) `first last` ("daily
    news": 74)."""
    return _last_pairs().get((first, last), 0)


@lru_cache(maxsize=1)
def _last_pairs() -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for key in real_outlets():
        words = key.split()
        if len(words) >= 2:
            counts[words[-2], words[-1]] = counts.get((words[-2], words[-1]), 0) + 1
    return counts


def ends_more_outlets(word: str) -> bool:
    """`word` (folded) ends no more of the gazetteer's names of two words or more that are organisations'
    than that are outlets' ("times", "post"; not "association", which ends a thousand bodies)."""
    outlets, bodies = _name_ends().get(word, (0, 0))
    return bodies <= outlets


@lru_cache(maxsize=1)
def _name_ends() -> dict[str, tuple[int, int]]:
    """Last word (folded) -> how many of the gazetteer's names of two words or more it ends: outlets', others'."""
    ends: dict[str, list[int]] = {}
    for words, entry in gazetteer().multi_list:
        ends.setdefault(fold(words[-1]), [0, 0])[0 if entry.is_outlet else 1] += 1
    return {w: (a, b) for w, (a, b) in ends.items()}


def relative(form: str) -> bool:
    """`form` (a word, or a phrase with its words joined by "_") is listed as related to a name word."""
    return form in _listed_with()


@lru_cache(maxsize=1)
def phrase_heads() -> frozenset[str]:
    """The first words of the phrases listed as related to a name word ("day" of "day_by_day")."""
    return frozenset(form.split("_")[0] for form in _listed_with() if "_" in form)


@lru_cache(maxsize=1)
def name_lexicon() -> frozenset[str]:
    """Every word of a multi-word gazetteer name, and every synonym of one."""
    gaz = gazetteer()
    words = set(gaz.word_index)
    table = synonyms()
    for w in list(words):
        for form in word_forms(w):
            words |= table.get(form, frozenset())
    return frozenset(words)


@lru_cache(maxsize=100_000)
def word_forms(word: str) -> frozenset[str]:
    w = word.lower()
    out = {w}
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    if w.endswith("es"):
        out.add(w[:-2])
    if w.endswith("s"):
        out.add(w[:-1])
    return frozenset(out)


def related(a: str, b: str, loose: bool = False) -> bool:
    """`a` and `b` are synonyms or close relatives in the bundled synonym table: a form of `b` is a form
    of `a`, listed for a form of `a`, or listed with a form of `a` among its own relatives (`loose`: also
    listed for a form of `a` or of `b` by the thesaurus of synonyms(loose=True))."""
    return not word_forms(b).isdisjoint(_near(a, bool(loose))) \
        or bool(loose) and not word_forms(a).isdisjoint(_near(b, True))


@lru_cache(maxsize=1 << 15)
def _near(a: str, loose: bool) -> frozenset[str]:
    """The words whose forms make a word related to `a` (the swap rule compares a name's words with every
    gazetteer name of its length: one set per word, not a table walk per pair). The thesaurus has no reverse
    index here (building one costs a walk of its 190,000 pairs per process): related asks it both ways."""
    fa = word_forms(a)
    table, listing = synonyms(loose), _listed_with()
    return fa.union(*(table.get(x, ()) for x in fa), *(listing.get(x, ()) for x in fa))


@lru_cache(maxsize=1)
def _listed_with() -> dict[str, frozenset[str]]:
    """Word -> the words of the WordNet synonym tables that list it among their relatives."""
    out: dict[str, set[str]] = {}
    for word, relatives in synonyms().items():
        for r in relatives:
            out.setdefault(r, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=8)
def analyse(text: str, starts: tuple[int, ...] = ()) -> tuple[list[Token], list[tuple[int, int, Entry]],
                                                           list[NameSeq]]:
    """Tokens, known names and name sequences of a text, computed once for both lexical detectors."""
    tokens = tokenize(text, starts)
    return tokens, gazetteer().find(tokens), name_sequences(tokens, text)


# --------------------------------------------------------------------------- office titles

# Office titles and the words that qualify them, per language: evalkit/data/offices.tsv.
@lru_cache(maxsize=1)
def _office_table() -> tuple[dict[str, str], dict[str, str]]:
    text = data_text("offices")
    offices_by_lang: dict[str, str] = {}
    qualifiers: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, lang, items = line.split("\t")
            (offices_by_lang if kind == "office" else qualifiers)[lang] = items
    return offices_by_lang, qualifiers


_COMPOUNDING = frozenset(values("language_facts", "lang", fact="compounds-office-titles"))   # de, nl


@dataclass(frozen=True)
class Offices:
    forms: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]   # first word -> forms, longest first
    suffixes: tuple[tuple[str, frozenset[str]], ...]               # one-word forms, for compounds
    qualifiers: dict[str, frozenset[str]]
    names: dict[frozenset[str], str]                               # classes -> a form that says them
    openers: frozenset[str]                                        # first words, lowercase, as written


@lru_cache(maxsize=32)
def offices(lang: str | None) -> Offices | None:
    """The office titles of a language (None when the table lacks it)."""
    spec = _office_table()[0].get(lang or "")
    if spec is None:
        return None
    forms: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    names: dict[frozenset[str], str] = {}
    openers = set()
    for item in spec.split(";"):
        form, _, classes = item.strip().rpartition(":")
        words, cls = tuple(WORD.findall(fold(form))), frozenset(classes)
        forms.setdefault(words[0], []).append((words, cls))
        names.setdefault(cls, form)
        openers.update((words[0], WORD.findall(form)[0]))
    for options in forms.values():
        options.sort(key=lambda o: -len(o[0]))
    suffixes = ()
    if lang in _COMPOUNDING:
        suffixes = tuple(sorted(((w[0], c) for opts in forms.values() for w, c in opts
                                 if len(w) == 1 and len(w[0]) >= 7), key=lambda s: -len(s[0])))
    qualifiers = {}
    for item in _office_table()[1].get(lang or "", "").split(";"):
        word, _, classes = item.strip().partition(":")
        if not word:
            continue
        qualifiers[fold(word)] = frozenset(classes)
    return Offices(forms, suffixes, qualifiers, names, frozenset(openers))
