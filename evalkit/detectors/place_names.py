"""Country and city names left in their source-language form ("Türkiye", "Vienna" in German), found
with the names CLDR gives each place per language (evalkit/data/exonyms.tsv, built by
tools/build_exonyms.py)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .langdata import table
from .text import CONNECTORS, fold, token_starts, zipf


@lru_cache(maxsize=1)
def english_places() -> dict[str, str]:
    """The places of english_places.tsv (GeoNames: towns and first-level divisions of countries whose press
    writes in English), as written -> their countries."""
    return {row["place"]: row["countries"] for row in table("english_places")}


@lru_cache(maxsize=1)
def english_place_words() -> frozenset[str]:
    """The one-word English names of countries (exonyms.tsv, CLDR) and of the places of english_places.tsv
    (GeoNames), folded: "england", "india", "georgia"."""
    countries = (row["name"] for row in table("exonyms") if row["kind"] == "country" and row["lang"] == "en")
    return frozenset(fold(name) for name in (*countries, *english_places()) if " " not in name)


@lru_cache(maxsize=16)
def place_pairs(src: str, tgt: str) -> dict[str, tuple[str, str]]:
    """Source-language name -> (target-language name, place code) for the places the two languages
    name differently; a name that some other place bears in the target language is left out."""
    by_code: dict[str, dict[str, str]] = {}
    for row in table("exonyms"):
        by_code.setdefault(row["code"], {})[row["lang"]] = row["name"]
    target_names = {names[tgt] for names in by_code.values() if tgt in names}
    pairs: dict[str, tuple[str, str]] = {}
    for code, names in sorted(by_code.items()):
        ours, theirs = names.get(src), names.get(tgt)
        if not ours or not theirs or ours in target_names:
            continue
        # a spelling variant ("Porto-Novo", "Porto Novo") or a longer form of the same name ("Brunei",
        # "Brunei Darussalam") is no translation of it
        a, b = _letters(ours), _letters(theirs)
        if a in b or b in a:
            continue
        pairs.setdefault(ours, (theirs, code))
    return pairs


@lru_cache(maxsize=16)
def place_pattern(src: str, tgt: str) -> re.Pattern[str] | None:
    """A pattern matching the source-language names of `place_pairs` as whole words, longest first.
    The names are grouped by their first letter ("A(?:ustria|lbania)|..."): the same matches, but a
    word start tries only the names that begin with its letter, not all two hundred."""
    names = sorted(place_pairs(src, tgt), key=len, reverse=True)
    if not names:
        return None
    by_first: dict[str, list[str]] = {}
    for name in names:   # longest first within each group too
        by_first.setdefault(name[0], []).append(re.escape(name[1:]))
    # each group checks the character before its first letter after reading it, so that the regex
    # engine can skip to the positions holding one of the first letters (tests compare the two forms)
    groups = (f"{re.escape(first)}(?<![\\w'’-]{re.escape(first)})(?:{'|'.join(rests)})"
              for first, rests in by_first.items())
    return re.compile("(?:" + "|".join(groups) + r")(?![\w'’])")


def _letters(name: str) -> str:
    """The name's letters, casefolded, accents dropped: "Porto-Novo" -> "portonovo"."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


def place_name_spans(text: str, tokens: Sequence, masked: set[int], src: str,
                     tgt: str) -> list[tuple[int, int, str, str]]:
    """(start, end, target name, evidence) for each country or city name of `text` written in its
    source-language form; `tokens` are the text's word tokens (offsets, case facts), `masked` the
    indices of tokens to leave alone (quotations, known names). A name that runs on into another
    capitalised word ("Moscow Times", "Austria Vienna") is part of a longer name and passes."""
    pattern = place_pattern(src, tgt)
    if pattern is None:
        return []
    pairs = place_pairs(src, tgt)
    starts = token_starts(tokens)
    out = []
    for m in pattern.finditer(text):
        i, j = bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end())
        if i >= j or tokens[i].start != m.start() or tokens[i].caps_line or any(k in masked for k in range(i, j)):
            continue
        if in_longer_name(text, tokens, i, j, src, tgt):
            continue
        target, code = pairs[m.group()]
        if _written_in_target(m.group(), target, tgt):
            continue  # the target language writes the source form too ("Myanmar" beside "Birma")
        kind = "the city" if "/" in code else "the country"
        out.append((m.start(), m.end(), target,
                    f"{m.group()!r} is the {src} name of {kind} that {tgt} calls {target!r} (Unicode CLDR)"))
    return out


@lru_cache(maxsize=4096)
def _written_in_target(name: str, target: str, tgt: str) -> bool:
    """The target language writes the source form about as often as its own (wordfreq: within
    half a Zipf unit), so both are in use."""
    from wordfreq import zipf_frequency

    return zipf_frequency(name.lower(), tgt) >= zipf_frequency(target.lower(), tgt) - 0.5


def in_longer_name(text: str, tokens: Sequence, i: int, j: int, src: str, tgt: str) -> bool:
    """The place name of tokens i..j-1 is a word of a longer name: a capitalised word runs on from it
    ("Moscow Times") or one ends on it (_name_before)."""
    after = j < len(tokens) and tokens[j].capitalised and _joined(text, tokens[j - 1], tokens[j])
    return after or _name_before(text, tokens, i, src, tgt) or _foreign_name_before(text, tokens, i, j, tgt)


def _name_before(text: str, tokens: Sequence, i: int, src: str, tgt: str) -> bool:
    """The place name at token i ends a longer name: a capitalised word right before it, not a sentence's
    first word unless that word is the source language's rather than the target's ("Drinks Ireland" opening
    a German sentence), or a capitalised word and "of" ("Royal College of Physicians of Ireland")."""
    if i == 0 or not _joined(text, tokens[i - 1], tokens[i]):
        return False
    prev = tokens[i - 1]
    if prev.capitalised:
        return not prev.initial or zipf(prev.lower, src) > zipf(prev.lower, tgt)
    return prev.lower == "of" and i > 1 and tokens[i - 2].capitalised and _joined(text, tokens[i - 2], prev)


def _foreign_name_before(text: str, tokens: Sequence, i: int, j: int, tgt: str) -> bool:
    """The place name at tokens i..j-1 ends a name of another language that writes the place so (CLDR): a
    capitalised word and that language's connector before it, the word more that language's than the target's
    ("Tour de France", "Banque de France" in a German or a Spanish text; not "Banco de France", half translated)."""
    if i < 2:
        return False
    head, prev = tokens[i - 2], tokens[i - 1]
    if prev.lower not in CONNECTORS or not head.capitalised or not _joined(text, head, prev) \
            or not _joined(text, prev, tokens[i]):
        return False
    langs = _languages_naming(text[tokens[i].start:tokens[j - 1].end]) - {tgt}
    return any(zipf(prev.lower, lang) >= _CONNECTOR_ZIPF and zipf(head.lower, lang) > zipf(head.lower, tgt)
               for lang in langs)


# a connector this frequent in a language (wordfreq Zipf) is one of its function words ("de" in French)
_CONNECTOR_ZIPF = 5.0


@lru_cache(maxsize=1)
def _names_by_language() -> dict[str, frozenset[str]]:
    """Each place name of exonyms.tsv -> the languages that write the place so."""
    langs: dict[str, set[str]] = {}
    for row in table("exonyms"):
        langs.setdefault(row["name"], set()).add(row["lang"])
    return {name: frozenset(v) for name, v in langs.items()}


def _languages_naming(name: str) -> frozenset[str]:
    return _names_by_language().get(name, frozenset())


def _joined(text: str, a, b) -> bool:
    """Tokens a and b are neighbours in one name: same line, one space between them."""
    return a.line == b.line and text[a.end:b.start] in (" ", "\u00a0")
