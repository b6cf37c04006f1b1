"""Sentence segmentation for news text that keeps exact character offsets into the raw file.

Follows the gold-sentence rules of docs/annotation-guidelines.md: segments never cross a line,
standalone lines (titles, captions, bullets, junk) are segments of their own, and paragraphs are
split after sentence-final punctuation but not after abbreviations, initials or decimals.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Segment:
    """A sentence or standalone line: `text == raw[start:end]`, no edge whitespace, one line."""

    start: int
    end: int
    text: str
    kind: str = "sentence"  # "sentence" | "line" (title, heading, caption, bullet, byline, junk)
    line: int = 0           # 0-based line of the raw text where the segment starts


# Abbreviations that do not end a sentence when followed by a capitalised word (lowercase,
# without the period). Single letters are handled as initials.
_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "common": _wordset("""
        mr mrs ms dr prof st mt jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon messrs
        vs approx dept univ ave blvd jan feb mar apr jun jul aug sep sept oct nov dec
        no nos vol vols pp fig figs art ch chap sec nr ca cf min max std hrs
    """),
    "en": _wordset("est inc corp ltd bros"),
    "fr": _wordset("""
        m mm mme mmes mlle mlles me mgr pr ste env ex hab janv févr avr juil déc
        boul bd av apr
    """),
    "de": _wordset("""
        hr hrn fr frl vgl bzw zb bspw ggf evtl inkl sog jh jhd mio mrd abs abb bd hrsg tel str
        ing dipl
    """),
}
# Abbreviations that typically precede a number ("No. 5", "p. 12", "Fr. 7.-").
_NUMBER_ABBREVIATIONS = _wordset("no nos nr n° p pp vol art fig ch chap sec fr ca tel s abs bd")
_MONTHS = _wordset("""
    january february march april may june july august september october november december
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    januar jänner februar märz juni juli oktober dezember
""")
# Words that start sentences often enough that "U.S. The" is read as two sentences.
_STARTERS = _wordset("""
    the he she it they we i but in on a an this that there his her its our their and yet so
    il elle ils elles le la les mais nous on ce cette un une en des
    der die das er sie es wir ich aber dann ein eine im am auch
""")

# A run of sentence-final punctuation, then the closing quotes and brackets that belong to it
# (a French closing guillemet may follow after a no-break or narrow no-break space).
_TERMINAL = re.compile(r"[.!?…‼⁇⁈⁉]+(?:[\u00a0\u202f ]?»|[”’)\]]|[\"'](?=\s|$))*")
_OPENERS = "«“‘\"'([{—–-¿¡„‚ \u00a0\u202f\t"
_BULLET = re.compile(r"^(?:[-–—•·*▪►✓>]|\d{1,2}[.)]|[a-z][.)])\s")
_FINAL = re.compile(r"[.!?…:;][\"'”’»)\]\u00a0\u202f ]*$")


def segment(text: str, lang: str) -> list[Segment]:
    """Split raw text into segments with exact offsets; never raises on any `str`."""
    abbreviations = _ABBREVIATIONS["common"] | _ABBREVIATIONS.get(lang.split("-")[0].lower(), frozenset())
    german = lang.lower().startswith("de")
    segments: list[Segment] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        spans = _split_line(line, abbreviations, german)
        standalone = len(spans) == 1 and _is_standalone(line[spans[0][0]:spans[0][1]])
        for start, end in spans:
            segments.append(Segment(offset + start, offset + end, line[start:end],
                                    "line" if standalone else "sentence", number))
        offset += len(line) + 1
    return segments


def _is_standalone(text: str) -> bool:
    """A line that is one segment and reads as a title, caption, bullet, byline or junk."""
    if _BULLET.match(text) or not _FINAL.search(text):
        return True
    return len(text.split()) <= 3


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def _split_line(line: str, abbreviations: frozenset[str], german: bool) -> list[tuple[int, int]]:
    start, end = _strip(line, 0, len(line))
    if start == end:
        return []
    cuts = [start]
    for match in _TERMINAL.finditer(line, start, end):
        cut = match.end()
        if cut >= end:
            break
        if line[cut].isspace():
            if _ends_sentence(line, cuts[-1], match, abbreviations, german):
                cuts.append(cut)
        elif _glued_sentence(line, match):
            cuts.append(cut)
    cuts.append(end)
    spans = []
    for a, b in itertools.pairwise(cuts):
        a, b = _strip(line, a, b)
        if a < b:
            spans.append((a, b))
    return spans


def _next_word(line: str, pos: int) -> str:
    """The word that starts after `pos`, skipping spaces and opening quotes, brackets, dashes."""
    n = len(line)
    while pos < n and line[pos] in _OPENERS or pos < n and line[pos].isspace():
        pos += 1
    stop = pos
    while stop < n and not line[stop].isspace():
        stop += 1
    return line[pos:stop]


def _ends_sentence(line: str, seg_start: int, match: re.Match[str], abbreviations: frozenset[str],
                   german: bool) -> bool:
    nxt = _next_word(line, match.end())
    if not nxt:
        return False
    first = nxt[0]
    if first.islower() or first in ".,;:!?%)]}»”’":
        # Before a lowercase word: an attribution or an abbreviation; before stray punctuation
        # (". . par le"): the sentence goes on.
        return False
    punct = match.group().rstrip("»”’)]\"' \u00a0\u202f")
    if punct != ".":
        return True  # "!", "?", "..", "…" before a capital, digit or symbol
    left_start = match.start()
    while left_start > seg_start and not line[left_start - 1].isspace():
        left_start -= 1
    token = line[left_start:match.start()].lstrip(_OPENERS)
    if not token:
        return True
    low = token.lower()
    next_low = nxt.lower().rstrip(".,;:!?»”’\"')")
    if first.isdigit():
        # "No. 5", "Jan. 5", "Fr. 7.-", "chapter 3. 4 ..." ; a year before a number ends a sentence.
        return not (low in _NUMBER_ABBREVIATIONS or low in abbreviations or token.isdigit() and len(token) < 4)
    if low in abbreviations:
        return False
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. K. Rowling", "M. Poutine"
    if re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", token) or re.fullmatch(r"[^\W\d_]\.-[^\W\d_]", token):
        # "U.S", "e.g", "a.m", "J.-C": a sentence only ends there before a typical opener.
        return next_low in _STARTERS
    if token.isdigit():
        if next_low in _MONTHS:
            return False  # a German ordinal date: "9. September"
        if german and len(token) <= 2 and next_low not in _STARTERS:
            return False  # German ordinals: "am 12. Tag"
    # An enumerator opening the line ("1. Introduction", "IV. Results") is no sentence.
    return not (left_start == seg_start
                and (token.isdigit() and len(token) <= 2 or re.fullmatch(r"[IVXivx]{1,4}", token)))


def _glued_sentence(line: str, match: re.Match[str]) -> bool:
    """"word.Next" with no space: a sentence break the MT or the scraper lost."""
    start, cut = match.start(), match.end()
    if match.group()[0] != "." and match.group()[0] not in "!?":
        return False
    if start < 3 or cut + 1 >= len(line):
        return False
    a, b = line[start - 2], line[start - 1]
    c, d = line[cut], line[cut + 1]
    if not (a.islower() and b.islower() and c.isupper() and d.islower()):
        return False
    left = start
    while left > 0 and not line[left - 1].isspace():
        left -= 1
    token = line[left:start]
    # Domains, paths and e-mail addresses keep their dots ("Amazon.Com", "x@y.Org").
    return not any(ch in token for ch in "./@:\\") and token.lower() not in _ABBREVIATIONS["common"]
