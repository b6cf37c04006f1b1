"""How an MT name relates to a real one, word by word: kept, translated into the target language (the
table evalkit/data/name_words.tsv), or swapped for another word. "Journal de Wall Street" is The Wall
Street Journal translated; "Washington Publish" is The Washington Post with a word swapped. The
translations mined from ROR's labels (evalkit/data/name_words_ror.tsv) only clear a word the swap rules
would flag (mined_translation).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .gazetteer import related, synonyms, word_forms
from .langdata import data_text, english_proper_words, table, word_set
from .place_names import place_pairs
from .text import COMPOUND_LETTERS, fold, zipf, zipf_folded

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
    left: tuple[str, ...] = ()   # words of the real name that no candidate word stands for
    loose: int = 0     # of the translated words, those only Wiktionary's forms read (`_unlisted_translates`)

    @property
    def complete(self) -> bool:
        return self.kept + self.translated + len(self.swapped) == self.parts


def _table(mined: bool = False) -> dict[str, dict[str, tuple[str, ...]]]:
    """target language -> English word -> its translations (folded): the hand-written name_words.tsv,
    and with `mined` after its forms those mined from ROR's labels (name_words_ror.tsv) that it lacks."""
    return _with_mined() if mined else _hand()


@lru_cache(maxsize=1)
def _hand() -> dict[str, dict[str, tuple[str, ...]]]:
    return _read("name_words")


@lru_cache(maxsize=1)
def _with_mined() -> dict[str, dict[str, tuple[str, ...]]]:
    # one cache per table: one lru_cache over _table() and _table(False) and _table(True) held three
    # keys in two places and rebuilt the tables on nearly every call (a detector stage 2x slower)
    table = {lang: dict(words) for lang, words in _hand().items()}
    for lang, words in _read("name_words_ror").items():
        for en, forms in words.items():
            old = table.setdefault(lang, {}).get(en, ())
            table[lang][en] = old + tuple(f for f in forms if f not in old)
    return table


@lru_cache(maxsize=1)
def _wiktionary() -> dict[str, dict[str, tuple[str, ...]]]:
    return _read("name_words_wikt")


@lru_cache(maxsize=1)
def _senses() -> dict[str, dict[str, tuple[str, ...]]]:
    return _read("name_senses")


@lru_cache(maxsize=16)
def wrong_sense_heads(lang: str) -> dict[str, str]:
    """Form -> English head, for the heads of word_lists' sense-swap-heads: the `lang` words for their senses
    that are no body's (name_senses.tsv), which never head a body's name ("planke", "zuversicht", "basis")."""
    table = _senses().get(lang, {})
    return {form: english for english in sorted(word_set("sense-swap-heads")) for form in table.get(english, ())}


@lru_cache(maxsize=1 << 14)
def other_sense(word: str, english: str, lang: str) -> bool:
    """`word` (folded) is the target language's word for a sense of the English name word `english` that is no
    body's (name_senses.tsv): "confiance" for a Trust, "planche" for a Board, "Zimmer" for a Chamber; not the
    English word's own form, which names the body too ("федерация" for a Federation, "департамент" for a
    Department)."""
    forms = _senses().get(lang, {}).get(english, ())
    return bool(forms) and any(_same(word, form) for form in forms) and not _cognate(word, english)


def synonym_sense(word: str, english: str, lang: str) -> str | None:
    """The WordNet synonym of the English name word `english` in whose sense alone `word` (folded) translates
    it (Wiktionary), where the tables give the word's usual translations and `word` is none of them:
    "вежливой" for the Civil of Civil Aviation is civil as polite (the body's is "гражданской"). None otherwise."""
    if not usual_forms(english, lang) or translates(word, english, lang):
        return None
    loose = english_loosely(word, lang)
    if english not in loose:
        return None
    hits = sorted((e for e in loose & synonyms().get(english, frozenset())
                   if not _derived(e, english) and not _derived(english, e)),
                  key=lambda e: (not (_same(word, e) or _cognate(word, e)), -zipf(e, "en"), e))
    return hits[0] if hits else None   # (the synonym the word spells, else the commonest: "base"; "polite", not
    # "courtesy")


def hand_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """target language -> English word -> its translations (folded), from name_words.tsv alone."""
    return _table()


def _read(name: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """A table in name_words.tsv's layout: target language -> English word -> its forms (folded)."""
    langs: list[str] = []
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "en":
            langs = cols[1:]
            continue
        english = cols[0]
        for lang, cell in zip(langs, cols[1:]):
            # (a list, not a generator, into the tuple: ~140,000 cells when the wordnet table is first read)
            forms = tuple([fold(f) for f in cell.split("|") if f and " " not in f]) if cell else ()
            words = table.setdefault(lang, {})
            words[english] = words.get(english, ()) + forms
    return table


@lru_cache(maxsize=64)
def _reverse(lang: str, wiktionary: bool = False) -> dict[str, frozenset[str]]:
    """target-language form -> the English name words it translates (in the hand-written table, or with
    `wiktionary` in any sense of Wiktionary's wordnet)."""
    out: dict[str, set[str]] = {}
    for en, forms in (_wiktionary() if wiktionary else _table()).get(lang, {}).items():
        for form in forms:
            out.setdefault(form, set()).add(en)
    return {k: frozenset(v) for k, v in out.items()}


def name_words(text: str) -> list[str]:
    """The content words of a name, folded; hyphens split ("Wall-Street-Tagebuch"), elided articles
    dropped ("Collège d'Aberdeen" -> collège, aberdeen)."""
    return list(_name_words(text))


@lru_cache(maxsize=1 << 15)
def _name_words(text: str) -> tuple[str, ...]:
    text = _ELIDED.sub(" ", text.replace("-", " "))
    # (a glue word as written, not folded: German "für" is glue, English "fur" a name's word)
    return tuple(fold(w) for w in _WORD.findall(text) if w.lower() not in _GLUE)


def name_word_capitals(text: str) -> tuple[bool, ...]:
    """Whether each word of name_words(text) is written with a capital ("Commission européenne": True,
    False)."""
    text = _ELIDED.sub(" ", text.replace("-", " "))
    return tuple(w[:1].isupper() for w in _WORD.findall(text) if w.lower() not in _GLUE)


_ELIDED = re.compile(r"\b(?:[ldLD]|[Qq]u|[Dd]ell|[Aa]ll|[Nn]ell)['’](?=\w)")


@lru_cache(maxsize=1 << 16)
def _same(a: str, b: str) -> bool:
    """One word, maybe inflected (financier/financiers, zeit/zeiten, пресса/прессы), or an English word
    and its Russian transliteration (street/стрит, journal/джорнал)."""
    if a == b:
        return True
    if len(a) <= 5 or len(b) <= 5:
        abbreviations = _abbreviations()
        if b in abbreviations.get(a, ()) or a in abbreviations.get(b, ()):
            return True   # "St" of St Peter Port and "Saint"
    cyr_a, cyr_b = _cyrillic(a), _cyrillic(b)
    if cyr_a != cyr_b:
        cyrillic, latin = (a, b) if cyr_a else (b, a)
        return any(_same_skeleton(kc, kl) for kc in _skeletons(cyrillic) for kl in _skeletons(latin))
    if cyr_a:
        a, b = ru_stem(a), ru_stem(b)
        if a == b:
            return True
    if abs(len(a) - len(b)) > 3 or a[:4] != b[:4] or len(a) < 4:
        return False   # (most pairs: the same answer as below, without the common prefix worked out)
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 4 and shared >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 3


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, frozenset[str]]:
    """An English abbreviation of a name word -> the words it stands for (word_lists.tsv, name-abbreviations)."""
    out: dict[str, set[str]] = {}
    for pair in word_set("name-abbreviations"):
        short, _, full = pair.partition("=")
        out.setdefault(short, set()).add(full)
    return {k: frozenset(v) for k, v in out.items()}


def _cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u04ff"


# Russian case and adjective endings, longest first, and the adjective suffix -ск- ("вашингтонская")
_RU_ENDINGS = tuple(sorted("""ого его ому ему ыми ими ая яя ое ее ые ие ый ий ой ей ую юю ых их ым им ом ем ам ям ах
    ях ов ев а я ы и е у ю о ь й""".split(), key=len, reverse=True))


@lru_cache(maxsize=1 << 14)
def ru_stem(word: str) -> str:
    """A Russian word (folded) without its case or adjective ending, three letters kept at least."""
    for end in _RU_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[:-len(end)]
            break
    return word


def case_forms(a: str, b: str) -> bool:
    """Two Cyrillic words (as written, lowercase) that are one word in two cases: the same opening of three
    letters or more, then a case or adjective ending each (_RU_ENDINGS: "каспий", "каспии")."""
    if a == b or not _cyrillic(a) or not _cyrillic(b):
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 3 and all(w[shared:] in _RU_ENDING_SET for w in (a, b))


_RU_ENDING_SET = frozenset((*_RU_ENDINGS, ""))


def russian_adjective_of(word: str, english: str) -> bool:
    """`word` (folded Cyrillic) is a Russian adjective made from the English name word `english` with the
    suffix -ск-/-цк- and an adjective's ending ("холдернесская" of Holderness, "селкиркского" of Selkirk): the
    name translated, where a transliteration would keep the word as it is ("Холдернесс")."""
    if not _cyrillic(word) or _cyrillic(english):
        return False
    for end in _RU_ADJECTIVE_ENDINGS:
        stem = word[:-len(end)] if word.endswith(end) else ""
        if stem.endswith(("ск", "цк")) and len(stem) >= 5:
            return _same(stem[:-2], english) or _same(stem[:-1], english)
    return False


_RU_ADJECTIVE_ENDINGS = ("ого", "ому", "ими", "ыми", "ая", "ое", "ие", "ые", "ий", "ый", "ой", "ую", "их", "ых",
                         "им", "ым", "ом")


_TO_LATIN = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
                           "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
                           "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
                           "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
                           "я": "ya"})
# English spellings and Russian transliterations meet on their consonants: w/v/y/u and the vowels go
# (Wall/Уолл, Washington/Вашингтон), digraphs become one letter, h and g are one (Herald/Геральд); the
# English j is the Russian дж (Journal/Джорнал), not ж (журнал, the word "magazine").
_DIGRAPHS = (("shch", "s"), ("kh", "g"), ("ch", "c"), ("sh", "s"), ("th", "t"), ("ph", "f"), ("ck", "k"),
             ("gh", ""), ("ts", "c"), ("x", "ks"), ("q", "k"), ("h", "g"))
_CIAL = re.compile(r"ci(?=[aeiou])|ti(?=on)")


def _same_skeleton(kc: str, kl: str) -> bool:
    """A Cyrillic word's skeleton `kc` and a Latin one's `kl`: the same, or one a letter longer than the other, of
    three letters or more; at three, only the English one longer (its adjective's ending: "sbr" of "сибирские"
    and "sbrn" of Siberian), not the Russian ("Vngl" of "англии", England, is no "Vng" of evening)."""
    if not kc or kc == kl:
        return bool(kc)
    if min(len(kc), len(kl)) < 3 or abs(len(kc) - len(kl)) > 1:
        return False
    if len(kl) == 3 and len(kc) > 3:
        return False
    return kc.startswith(kl) or kl.startswith(kc)


@lru_cache(maxsize=1 << 14)
def _skeletons(word: str) -> tuple[str, ...]:
    """A word's skeleton, and for a Russian adjective in -ск- the noun's too ("вашингтонская": Washington;
    "иркутского": Irkutsk)."""
    stem = ru_stem(fold(word)) if _cyrillic(word) else ""
    if stem.endswith("ск") and len(stem) >= 6:
        return skeleton(word), skeleton(stem[:-2])
    return (skeleton(word),)


@lru_cache(maxsize=1 << 14)
def skeleton(word: str) -> str:
    """The consonants of a word in Latin letters, for comparing an English name word with its Russian
    transliteration: "street" and "стрит" -> "strt", "journal" and "джорнал" -> "Jrnl"."""
    if _cyrillic(word):
        w = ru_stem(fold(word)).translate(_TO_LATIN).replace("dzh", "J").replace("zh", "Z")
    else:
        w = _CIAL.sub("s", fold(word)).replace("j", "J")   # financial/файнэншл
        w = re.sub(r"d?ge$", "J", w)   # College/Колледж, Cambridge/Кембридж
        w = w.replace("ch", "k").replace("c", "k")   # Chronicle/Кроникл, Cable/Кейбл
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    # a word opening on a vowel (or w, y, v, which Russian writes as one) keeps a mark of it: "assyrian"
    # ("Vsrn") is not "северного" ("srn")
    opening = "V" if w[:1] in _VOWEL_LIKE else ""
    w = re.sub(r"[aeiouywv'’\-]", "", w)
    return opening + re.sub(r"(.)\1+", r"\1", w)


_VOWEL_LIKE = frozenset("aeiouywv")


@lru_cache(maxsize=1 << 14)
def translates(word: str, english: str, lang: str) -> bool:
    """`word` (folded) is a translation of the English name word `english` (or of its singular) into `lang`:
    from the name-word table or, for a place adjective that does not spell its place, Wiktionary's forms
    ("norwegisch" for "norwegian"); or a place's name in `lang` or an adjective made from it ("wiener" for
    "vienna", "irlandais" for "ireland", "österreichische" for "austrian"), a proper name's included (a place
    written alike in some language: "texanische" for "texas", "техасский" for its Russian form)."""
    # (plain loops, not any() over generators: asked for every new pair of an MT word and a name word)
    # (a plural the table lacks as its singular's: "ports" as "port")
    for form in (*usual_forms(english, lang), *_demonym_forms(english, lang)):
        if _same(word, form):
            return True
    if lang == "de" and _adjective_of_form(word, usual_forms(english, lang)):
        return True   # a German adjective made from the word's noun ("staatliche" of Staat, for state)
    for form in (*_place_forms(english, lang), *_proper_forms(english, lang)):
        if _from_place(word, form):
            return True
    return _opening_place_form(word, english, lang)   # ("Саудовская газета" for the Saudi Gazette)


def _adjective_of_form(word: str, forms: Sequence[str]) -> bool:
    """`word` is one of `forms` (four letters or more) with a suffix that makes a German adjective of a noun."""
    suffixes = word_set("noun-adjective-suffixes-de")
    return any(len(f) >= 4 and word.startswith(f) and word[len(f):] in suffixes for f in forms)


@lru_cache(maxsize=1 << 14)
def _demonym_forms(english: str, lang: str) -> tuple[str, ...]:
    """The Wiktionary forms in `lang` of an English place adjective that the place's name does not spell
    out ("norwegian" of Norway: "norwegisch", "norvegien", "норвежскии"; "malaysian": "malaysisch"): a word
    with an adjective's ending that opens with the first four letters of a one-word place's English name
    (CLDR); () otherwise."""
    if not english.endswith(_DEMONYM_ENDINGS) or english[:4] not in _english_place_starts():
        return ()
    return _wiktionary().get(lang, {}).get(english, ())


_DEMONYM_ENDINGS = ("ian", "ese", "ish", "an", "ic")


@lru_cache(maxsize=1)
def _english_place_starts() -> frozenset[str]:
    """The first four letters of every one-word English place name of exonyms.tsv."""
    return frozenset(fold(row["name"])[:4] for row in table("exonyms")
                     if row["lang"] == "en" and " " not in row["name"] and len(row["name"]) >= 4)


@lru_cache(maxsize=1 << 14)
def _proper_forms(english: str, lang: str) -> tuple[str, ...]:
    """The English word and its Wiktionary forms in `lang`, where it is a proper name: no name-word or
    place table translates it, and every Latin-script language's Wiktionary forms hold the word itself
    ("texas" -> "texas", "texas", "tejas|texas"; not "farm", which French writes "ferme"); () otherwise."""
    if usual_forms(english, lang) or _place_forms(english, lang):
        return ()
    wikt = _wiktionary()
    latin = [wikt[other].get(english, ()) for other in _latin_languages()]
    if len(latin) < 2 or not all(english in forms for forms in latin):
        return ()
    return (english, *wikt.get(lang, {}).get(english, ()))


@lru_cache(maxsize=1)
def _latin_languages() -> tuple[str, ...]:
    """The languages of name_words_wikt.tsv written in the Latin script (by their first form)."""
    wikt = _wiktionary()
    return tuple(lang for lang, forms in wikt.items()
                 if not _cyrillic(next(form for found in forms.values() for form in found)))


@lru_cache(maxsize=1 << 14)
def translates_loosely(word: str, english: str, lang: str) -> bool:
    """`translates`, or one of the word's senses in Wiktionary's wordnet (name_words_wikt.tsv): any sense,
    so only where every translation of the name is wrong (a news outlet's), never to tell a synonym apart."""
    table = _wiktionary().get(lang, {})
    return translates(word, english, lang) \
        or any(_same(word, form) for en in (english, *sorted(word_forms(english))) for form in table.get(en, ()))


@lru_cache(maxsize=1 << 14)
def english_loosely(word: str, lang: str) -> frozenset[str]:
    """English name words that `word` (folded, maybe inflected) translates in any sense of the hand table or
    of Wiktionary's wordnet (name_words_wikt.tsv): as loose as `translates_loosely`, for the same uses."""
    out = set(english_for(word, lang))
    rev = _reverse(lang, wiktionary=True)
    out |= rev.get(word, set())
    if len(word) >= 5:
        out |= {en for form in _by_prefix(lang, wiktionary=True).get(word[:3], ()) if _same(word, form)
                for en in rev[form]}
    return frozenset(out)


def renders_loosely(candidate: Sequence[str], real: Sequence[str], lang: str) -> bool:
    """Every candidate word (folded) is a distinct word of the real name kept, translated (`translates`) or,
    for one word, translated in a sense only Wiktionary's wordnet gives (`translates_loosely`), with a word
    of the name kept as it is, or a place of it named as the target language names it (`place_named`): the
    name half translated, in any order ("Unternehmens-Insider" for Business Insider, "El Puesto de Yakarta" for
    the Jakarta Post; not "Zeitung der Arbeit", a real paper, for The Business Times)."""
    if len(candidate) != len(real):
        return False
    left, loose, kept = list(real), 0, 0
    for word in candidate:
        hit = next((r for r in left if _same(word, r) or place_named(word, r, lang)), None)
        kept += hit is not None
        hit = hit or next((r for r in left if translates(word, r, lang)), None)
        if hit is None:
            hit = next((r for r in left if translates_loosely(word, r, lang)), None)
            loose += hit is not None
        if hit is None:
            return False
        left.remove(hit)
    return loose == 1 and kept >= 1


def place_named(word: str, english: str, lang: str) -> bool:
    """`word` (folded) is the name in `lang` of the place whose English name is `english` ("yakarta": Jakarta)."""
    return any(_from_place(word, form) for form in _place_forms(english, lang))


# the letters an adjective adds to a place's stem ("wien" -> "wiener", "irland" -> "irlandais")
_ADJ_LETTERS = 6


def place_stem(name: str) -> str:
    """A place name without its last vowel ("irlande" -> "irland"), without "-ia" ("япония" -> "япон",
    whose adjective is "японские"; "alemania" -> "aleman"), or without the "s" of "-as", "-os", "-us"
    ("texas" -> "texa", whose adjective is "texanische", "texan")."""
    if len(name) > 5 and name.endswith(("ия", "ia")):
        return name[:-2]
    if len(name) > 4 and name.endswith(("as", "os", "us")):
        return name[:-1]
    return name[:-1] if len(name) > 4 and name[-1] in "aeioyая" else name


def _from_place(word: str, place: str) -> bool:
    stem = place_stem(place)
    return len(stem) >= 4 and word.startswith(stem) and len(word) - len(stem) <= _ADJ_LETTERS


@lru_cache(maxsize=1 << 15)
def _place_forms(english: str, lang: str) -> tuple[str, ...]:
    """The names in `lang` (folded) of the places whose English name is `english` or its adjective
    (asked for every word a name is compared with: remembered)."""
    if len(english) < 4:
        return ()
    return tuple(form for place, form in _places(lang).get(english[:4], ()) if _from_place(english, place))


@lru_cache(maxsize=16)
def _opening_places(lang: str) -> dict[str, tuple[str, ...]]:
    """The first word of a country's English name of two words or more that English writes only with a capital
    (WordNet: "saudi" of Saudi Arabia, "czech" of the Czech Republic; not "south", "new") -> the words of the
    country's name in `lang` (CLDR, folded, hyphened parts apart: "саудовская", "аравия"; "arabie", "saoudite"): a
    name's word made from one of them ("Саудовская газета") renders it."""
    names: dict[str, dict[str, str]] = {}
    for row in table("exonyms"):
        if row["kind"] == "country":
            names.setdefault(row["code"], {})[row["lang"]] = row["name"]
    openings: dict[str, list[str]] = {}
    for by_lang in names.values():
        english, theirs = fold(by_lang.get("en", "")).split(), by_lang.get(lang)
        if len(english) >= 2 and english[0] in english_proper_words():
            openings.setdefault(english[0], []).append(theirs or "")
    # (a word opening one country's name only: "french" opens French Guiana's and French Polynesia's)
    return {word: tuple(w for w in re.split(r"[\s-]+", fold(theirs[0])) if w.isalpha() and len(w) >= 4)
            for word, theirs in openings.items() if len(theirs) == 1 and theirs[0]}


def _opening_place_form(word: str, english: str, lang: str) -> bool:
    """`word` (folded) is made from a word of the country's name in `lang` that `english` opens in English
    (_opening_places): they share all its letters but its last three, five at least ("саудовскии", "саудовская";
    "saoudien", "saoudite"; "saudische", "saudi")."""
    for form in _opening_places(lang).get(english, ()):
        need = max(5, len(form) - 3)
        if len(word) >= need and len(form) >= need and word[:need] == form[:need]:
            return True
    return False


@lru_cache(maxsize=16)
def _places(lang: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """English place name (folded) -> its name in `lang` (folded), under the first four letters of the
    English name: the one-word places CLDR names differently in the two languages (exonyms.tsv)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for en, (theirs, _code) in place_pairs("en", lang).items():
        a, b = fold(en), fold(theirs)
        if " " not in a and " " not in b and len(a) >= 4:
            out.setdefault(a[:4], []).append((a, b))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1 << 14)
def english_for(word: str, lang: str, inflected: bool = True) -> frozenset[str]:
    """English name words that `word` (folded) may translate, compounds included ("finanzzeiten");
    `inflected`: also as an inflected form of a listed word."""
    rev = _reverse(lang)
    out = set(rev.get(word, ()))
    if not out and inflected and len(word) >= 5:
        # an inflected form shares its first three letters with the listed one (_same asks for more)
        out = {en for form in _by_prefix(lang).get(word[:3], ()) if _same(word, form) for en in rev[form]}
    return frozenset(out)


@lru_cache(maxsize=64)
def _by_prefix(lang: str, wiktionary: bool = False) -> dict[str, tuple[str, ...]]:
    """The target-language forms of the table (four letters or more) under their first three letters."""
    out: dict[str, list[str]] = {}
    for form in _reverse(lang, wiktionary):
        if len(form) >= 4:
            out.setdefault(form[:3], []).append(form)
    return {k: tuple(v) for k, v in out.items()}


def split_compound(word: str, lang: str, loose: bool = False) -> list[str] | None:
    """A German compound made of two translated name words ("finanzzeiten" -> finanz + zeiten); `loose`: in
    any sense Wiktionary's wordnet gives too ("schifffahrtsnachrichten" -> schifffahrts + nachrichten)."""
    if lang not in ("de", "nl") or not 8 <= len(word) <= COMPOUND_LETTERS:
        return None   # (no compound of two name words is longer: each cut of a long "word" of junk is looked up)
    known = english_loosely if loose else english_for
    # (a head of three letters only as the tables give it: "Bundesamt" -> bundes + amt, office)
    for cut in range(4, len(word) - (3 if loose else 2)):
        left, right = word[:cut], word[cut:]
        if known(left, lang) and known(right, lang):
            return [left, right]
    return None


def render(candidate: Sequence[str], real: Sequence[str], lang: str, loose: bool = False) -> Rendering | None:
    """How the candidate's words (folded) stand for the real name's words (folded, no glue), in any
    order; None when the counts differ. With `loose`, a real word that name_words.tsv does not list is
    also translated by its Wiktionary forms (`_unlisted_translates`)."""
    if len(candidate) != len(real):
        return None
    # the same MT words are compared with the same real names again and again (every gazetteer name that
    # shares a word, in every document): the answer (a frozen Rendering) is remembered
    return _render(tuple(candidate), tuple(real), lang, loose)


@lru_cache(maxsize=1 << 15)
def _render(candidate: tuple[str, ...], real: tuple[str, ...], lang: str, loose_too: bool = False) -> Rendering:
    left = list(real)
    kept = translated = loose = 0
    swapped = []
    for word in candidate:
        # (a Russian word made from the English one counts as kept: "хоккейная" for "hockey")
        # (the first real word that the word keeps, else the first it translates: plain loops, not next()
        # over a generator, as this runs for every new pair of an MT name and a gazetteer name)
        cyrillic = _cyrillic(word)
        for hit in left:
            if _same(word, hit) or cyrillic and _cognate(word, hit):
                if word != hit and not cyrillic and len(real) > 1 and word in usual_forms(hit, lang):
                    # the target language's word, not the English one's form ("Sofia-Globus": the Sofia Globe);
                    # not in a name of one word, which a common word may be ("from the Atlantic": "Atlántico")
                    translated += 1
                else:
                    kept += 1
                break
        else:
            for hit in left:
                if translates(word, hit, lang):
                    translated += 1
                    break
            else:
                # the English word's form in the target language ("prevencion" for "prevention"; the
                # first letter shared, a cheap test before _cognate's)
                for hit in left:
                    if not cyrillic and (word[:1] == hit[:1] or word[:1] in _SOUNDED and hit[:1] in _SOUNDED
                                         and _first_sound(word) == _first_sound(hit)) and _form_of(word, hit):
                        translated += 1
                        break
                else:
                    for hit in left if loose_too else ():
                        if _unlisted_translates(word, hit, lang):
                            translated += 1
                            loose += 1
                            break
                    else:
                        swapped.append(word)
                        continue
        left.remove(hit)
    return Rendering(kept, translated, tuple(swapped), len(real), tuple(left), loose)


@lru_cache(maxsize=1 << 15)
def _unlisted_translates(word: str, english: str, lang: str) -> bool:
    """`word` (folded) is one of Wiktionary's forms of an English name word that name_words.tsv does not
    list ("rios" for "rivers"): where the hand table lists the word, its forms decide alone (a synonym can
    share one of the word's Wiktionary senses)."""
    if usual_forms(english, lang):
        return False
    return any(_same(word, form) for form in wiktionary_forms(english, lang))


@lru_cache(maxsize=1 << 14)
def usual_forms(english: str, lang: str, mined: bool = False) -> tuple[str, ...]:
    """The translations into `lang` (folded) that name_words.tsv lists for the English name word, or
    for its singular ("workers" -> worker); with `mined`, then those mined from ROR (name_words_ror.tsv)."""
    return _listed(_table(mined).get(lang, {}), english)


@lru_cache(maxsize=1 << 14)
def mined_translation(word: str, english: str, lang: str) -> bool:
    """`word` (folded, maybe inflected) is one of the translations of the English name word mined from
    ROR's labels (name_words_ror.tsv). Asked only to clear a word the swap rules would flag (a legitimate
    translation the hand-written table lacks: "commerce" for "business"), never to count a word as
    translated: a name translated word by word is an error for a news outlet, and the mined table makes
    more names look like one ("Agence de protection de l'environnement", cited as an agency's)."""
    return any(_same(word, form) for form in usual_forms(english, lang, mined=True))


def other_word(word: str, english: str, lang: str) -> str | None:
    """Why `word` (folded), written where the English name word `english` stood, is another word and
    not its translation: none of the usual translations, nor made from one ("travailliste" from
    "travail"), nor the English word's cognate; a word of the target language ("prestamista") or the
    table's word for another English word ("finanz": financial). None when that cannot be told."""
    usual = usual_forms(english, lang)
    if usual and mined_translation(word, english, lang):
        return None
    if not usual:   # (a word with mined forms only cannot be judged: "chirurgie" where "oncology" stood)
        return None if usual_forms(english, lang, mined=True) else _other_wiktionary_word(word, english, lang)
    if _form_of(word, english) or _same(word, english) or _place_forms(english, lang):
        return None   # a place's name or adjective is moved or dropped by MT, not swapped by a spinner
    if any(_same(word, u) or word.startswith(u[:max(4, len(u) - 1)]) or len(u) >= 5 and u in word
           or len(u) >= 3 and word.endswith(u) for u in usual):   # "stadtrat": a kind of "rat" (council)
        return None
    if len(english) >= 4 and word.startswith(english) or any(len(word) >= 5 and _derived(word, u) for u in usual):
        return None   # made from the English word itself, "portuaria" (of a port), or from a usual form,
        # "juvenil" (of "juventud")
    if zipf_folded(word, lang) >= _FUNCTION_WORD_ZIPF or _place_word(word, lang):
        return None   # a number, a pronoun, a country's adjective: another name's word, or no name's
    others = sorted(english_for(word, lang) - word_forms(english))
    if others:
        return f"the {lang} word for {others[0]!r}"
    return ANOTHER_WORD if zipf_folded(word, lang) >= _PLAIN_WORD_ZIPF else None


def _other_wiktionary_word(word: str, english: str, lang: str) -> str | None:
    """other_word for an English word name_words.tsv does not list ("sand", "coast"): its Wiktionary forms
    stand for the usual translations, and `word` must be Wiktionary's form of another English word and of no
    sense of this one ("gravilla": gravel, where sand was)."""
    if not wiktionary_forms(english, lang) or _form_of(word, english) or _same(word, english) \
            or _place_forms(english, lang) or translates_loosely(word, english, lang) or _place_word(word, lang) \
            or _cyrillic(word) and len(word) < 5:   # ("бич", whip, is also how Russian writes "beach")
        return None
    rev = _reverse(lang, wiktionary=True)
    singular = (word[:-1], word[:-2]) if word.endswith("s") and not _cyrillic(word) else ()
    if not set(singular).isdisjoint(wiktionary_forms(english, lang)):
        return None   # a plural of the word's own form ("vins" for wine: vin)
    others = set(rev.get(word, ())).union(*(rev.get(w, ()) for w in singular)) - word_forms(english)
    if any(_derived(en, english) or en.endswith(_ADJECTIVE_ENDINGS) or related(en, english) for en in others):
        return None   # a word made from the same stem: "Bergbau" (mining) for Mines; an adjective for the
        # name's noun: "Agrícola" (agricultural) for Farm; a WordNet synonym's usual word: "Medicamentos"
        # (medicine) for Drug, a rendering the tables lack
    # (the commonest English word it stands for: "gravilla" is gravel)
    best = max(sorted(others), key=lambda en: zipf(en, "en"), default=None)
    return f"the {lang} word for {best!r} (Wiktionary)" if best else None


_ADJECTIVE_ENDINGS = tuple(sorted(word_set("english-adjective-endings")))


def _derived(a: str, b: str) -> bool:
    """Two English words of one stem: their first letters shared to all but the last two of the shorter, three
    at least ("mining", "mines")."""
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 3 and shared >= min(len(a), len(b)) - 2


def wiktionary_forms(english: str, lang: str) -> tuple[str, ...]:
    """Wiktionary's forms in `lang` (folded) of the English word or its singular (name_words_wikt.tsv)."""
    return _listed(_wiktionary().get(lang, {}), english)


def _listed(table: dict[str, tuple[str, ...]], english: str) -> tuple[str, ...]:
    """The forms a table lists for the English word, or for its singular ("workers" -> worker)."""
    return next((table[form] for form in (english, *sorted(word_forms(english))) if form in table), ())


# other_word's answer for a dictionary word of the target language that no table gives for another English word
ANOTHER_WORD = "another word"


# a word this frequent in the target language is one of its dictionary words, not a name; one this
# frequent is a function word or a number ("quatre")
_PLAIN_WORD_ZIPF = 2.5
_FUNCTION_WORD_ZIPF = 5.0
# a word at least this frequent in its language is one of its common words, no name's
_COMMON_WORD_ZIPF = 4.0


def _place_word(word: str, lang: str) -> bool:
    """`word` (folded) is a place's name in `lang` or made from one ("chinoise", "europäischen")."""
    return any(_from_place(word, form) for form in _target_places(lang).get(word[:4], ()))


@lru_cache(maxsize=16)
def _target_places(lang: str) -> dict[str, tuple[str, ...]]:
    """The one-word place names of `lang` (folded, CLDR), under their first four letters."""
    out: dict[str, set[str]] = {}
    for _en, (theirs, _code) in place_pairs("en", lang).items():
        form = fold(theirs)
        if " " not in form and len(form) >= 4:
            out.setdefault(form[:4], set()).add(form)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def foreign_word(word: str, src: str, tgt: str) -> bool:
    """A dictionary word of the source language that the target language does not use: what a spinner
    put in place of a name's word ("Worldwide" in a Spanish text)."""
    zs, zt = zipf(word, src), zipf(word, tgt)
    return zs >= 3.0 and zs - zt >= 1.5


@lru_cache(maxsize=1 << 14)
def synonym_rendering(word: str, real: str, lang: str) -> bool:
    """`word` (folded) is a word related to the real name's word `real` (WordNet, outlet_synonyms.tsv),
    kept in English or translated into `lang`: "instances" or "avenue" where "times" or "street" was."""
    table = synonyms()
    if any(_form_of(word, form) for form in word_forms(real)) or mined_translation(word, real, lang) \
            or len(word) >= 5 and _derived(word, real):
        return False   # the real word's own form in the target language ("estadistica" for "statistics";
        # "forestal" for "forestry")
    # (not a word made from the real one: "railway" for rail, whose adjective "ferroviaire" renders it)
    relatives = {e for form in word_forms(real) for e in table.get(form, ())
                 if not _derived(e, real)} - word_forms(real)
    # a Russian word the tables translate is read by its translations, not as a relative spelt in Cyrillic
    # letters ("северного" is northern, not "seven")
    spelt = not (_cyrillic(word) and english_for(word, lang))
    # (a relative's form read loosely, "comun" for common, only for a common word of the language: not a name's
    # "katherine" for catering)
    loose = zipf_folded(word, lang) >= _COMMON_WORD_ZIPF
    return any(spelt and (_same(word, e) or _cognate(word, e) or loose and _form_of(word, e))
               or translates(word, e, lang) for e in relatives) \
        or bool(english_for(word, lang) & relatives)


@lru_cache(maxsize=1 << 16)
def _cognate(word: str, english: str) -> bool:
    """`word` (folded, Latin script) is the target language's form of the English word: the same word
    with another ending or a letter changed ("inspecteur"/"inspector", "pourcentage"/"percentage",
    "colegio"/"college"; Russian in Latin letters: "ассоциация"/"association"). Five letters or more each
    (a Russian stem four), and four in five of their letters shared in order."""
    if _cyrillic(word):
        # Russian: the stem in Latin letters against the English word spelt the same way ("ассоциация",
        # "assokiaki" / "assokiation"; "трофей", "trof" / "trofy"), an adjective also without its -н-
        # ("хоккейная", "hokkei" / "hokey")
        stem, english = _latin_stem(word), _spelt(english)
        stems = {stem, stem[:-1]} if stem.endswith("n") and len(stem) > 5 else {stem}
        pairs = [(w, english) for w in stems] + [(_single(w), _single(english)) for w in stems]   # кк, ss
        return len(english) >= 5 and any(len(w) >= 4 and abs(len(w) - len(e)) <= 3 and SequenceMatcher(
            None, w, e, autojunk=False).ratio() >= _COGNATE_RATIO for w, e in pairs)
    if len(word) < 5 or not word.isascii():
        return False
    if len(english) < 5 or abs(len(word) - len(english)) > 3:
        return False
    return SequenceMatcher(None, word, english, autojunk=False).ratio() >= _COGNATE_RATIO


@lru_cache(maxsize=1 << 16)
def _form_of(word: str, english: str) -> bool:
    """`word` is the English word's form in the target language, read more loosely than `_cognate` reads it:
    also with Greek and Latin spellings written alike (`_respelt`). Asked where it makes a rule hold back (a word
    read as the English one rendered) and, for a common word of the language only, where a relative of a name's
    word is spelt like it (`synonym_rendering`: "comun" for common); never for a name ("katherine" is no
    "catering")."""
    if _cognate(word, english):
        return True
    if _cyrillic(word) or len(word) < 5 or len(english) < 5 or not word.isascii() or abs(len(word) - len(english)) > 3:
        return False
    a, b = _respelt(word), _respelt(english)   # (their first two letters alike: "creencia" is no "kenya")
    return a[:2] == b[:2] and SequenceMatcher(None, a, b, autojunk=False).ratio() >= _COGNATE_RATIO


def _respelt(word: str) -> str:
    """A Latin-script word with the spellings that Greek and Latin words take apart in English, French, German
    and Spanish written alike, and doubled letters single ("aquaculture", "acuicultura": "akuakulture",
    "akuikultura"; "philosophy", "filosofia"; "Akademie", "academy")."""
    for a, b in _RESPELLINGS:
        word = word.replace(a, b)
    return _single(word)


# (in this order: "ch" before "c", "qu" before "c")
_RESPELLINGS = (("ph", "f"), ("th", "t"), ("ch", "k"), ("qu", "ku"), ("ae", "e"), ("oe", "e"), ("c", "k"), ("y", "i"))
# the first letters whose sound `_first_sound` may change ("philosophy", "filosofia"; "chemical", "quimica")
_SOUNDED = frozenset(a[0] for a, _ in _RESPELLINGS) | frozenset(b[0] for _, b in _RESPELLINGS)


def _first_sound(word: str) -> str:
    """`_respelt(word)`'s first letter: the respellings applied to its first two letters only."""
    return _respelt(word[:2])[:1]


def _single(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def _latin_stem(word: str) -> str:
    return ru_stem(word).translate(_TO_LATIN).replace("ts", "c").replace("kh", "h").replace("c", "k")


def _spelt(english: str) -> str:
    # (English -tion is Russian -ция: "federation", "федерация")
    return english.replace("ph", "f").replace("th", "t").replace("ck", "k").replace("c", "k").replace("tion", "kion")


_COGNATE_RATIO = 0.8
