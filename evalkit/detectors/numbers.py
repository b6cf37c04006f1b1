"""Numbers of a text and the values they may stand for, per language: digits with decimal commas or
points and group separators, times, ranges. Used by the number checks (structure.py) and wherever a
number must survive translation."""

from __future__ import annotations

import re
from functools import lru_cache

from .langdata import table, values

_DECIMAL_COMMA = frozenset(values("language_facts", "lang", fact="decimal-comma"))
_TIME = re.compile(
    r"(?P<h>\d(?<![\d.,]\d)\d?)(?:(?P<sep>\s?[:h.]\s?)(?P<m>\d{2})(?!\d)|\s?(?P<hh>h)\b)?"
    r"(?:\s?(?P<ampm>[ap])\.?\s?m\b\.?)?",
    re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NUM = re.compile(
    r"\d(?<![\d.,]\d)(?:\d{0,2}(?:(?P<sep>[,.'’\u00a0\u202f ])\d{3}(?:(?P=sep)\d{3})*)(?:[.,]\d+)?(?![\d])"
    r"|\d*(?:[.,]\d+)?(?![\d]))")


def extract_numbers(text: str, lang: str, lenient: bool = False) -> list[tuple[str, frozenset[str]]]:
    """(surface, candidate values) for each number of `text`, in order."""
    return [(text[a:b], vals) for a, b, vals in extract_numbers_spans(text, lang, lenient)]


def extract_numbers_spans(text: str, lang: str, lenient: bool = False) -> list[tuple[int, int, frozenset[str]]]:
    """Numbers with their spans and the values they may stand for: "5 000" / "5,000" / "5000" ->
    5000; "3,5" (decimal comma) = "3.5"; "16h07" = "4:07 p.m." = t16:07. A number whose reading
    depends on the convention ("5,000" in a French text) gets both values when `lenient`."""
    # (the number check asks twice about each segment: for its numbers, and for their scale words)
    return list(_numbers_spans(text, lang, lenient))


@lru_cache(maxsize=1 << 12)
def _numbers_spans(text: str, lang: str, lenient: bool) -> tuple[tuple[int, int, frozenset[str]], ...]:
    found: list[tuple[int, int, frozenset[str]]] = []
    if not _DIGIT.search(text):
        return ()
    taken: list[tuple[int, int]] = []
    for m in _TIME.finditer(text):
        sep, mins, ampm = m.group("sep") or "", m.group("m"), m.group("ampm")
        if not (ampm or m.group("hh") or (mins and (":" in sep or "h" in sep.lower()))):
            continue  # "3.50" without a.m./p.m. is a decimal, not a time
        h = raw = int(m.group("h"))
        if h > 24 or (mins and int(mins) > 59):
            continue
        if ampm:
            if ampm.lower() == "p" and h < 12:
                h += 12
            elif ampm.lower() == "a" and h == 12:
                h = 0
        values = {f"t{h}:{mins or '00'}"}
        if not mins or mins == "00":
            values |= {str(h), str(raw)}  # "4 p.m." may be rendered "16 heures"
        found.append((m.start(), m.end(), frozenset(values)))
        taken.append((m.start(), m.end()))
    comma_decimal = lang in _DECIMAL_COMMA
    for m in _NUM.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        values = _values(m.group(), comma_decimal, lenient)
        if len(m.group()) == 4 and m.group()[:2] in ("19", "20") and m.group().isdigit():
            values |= {str(int(m.group()[2:]))}   # "2021-22" = "2021-2022"
        clock = re.fullmatch(r"(\d{1,2})[.,](\d{2})", m.group())
        if clock and int(clock.group(1)) <= 24 and int(clock.group(2)) <= 59:
            values |= {f"t{int(clock.group(1))}:{clock.group(2)}"}  # "20.30 Uhr" = "20 h 30"
        found.append((m.start(), m.end(), values))
    found.sort()
    return tuple(found)


def _values(surface: str, comma_decimal: bool, lenient: bool) -> frozenset[str]:
    compact = re.sub(r"[\u00a0\u202f ’']", "", surface)
    conventions = [(",", ".") if comma_decimal else (".", ",")]
    if lenient:
        conventions.append((".", ",") if comma_decimal else (",", "."))
    values = set()
    for decimal, group in conventions:
        parsed = _parse(compact, decimal, group)
        if parsed is not None:
            values.add(parsed)
    return frozenset(values) or frozenset({compact})


def _parse(text: str, decimal: str, group: str) -> str | None:
    if text.count(decimal) > 1:
        return None
    head, _, frac = text.partition(decimal)
    groups = head.split(group)
    if not all(g.isdigit() for g in groups) or (frac and not frac.isdigit()):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    frac = frac.rstrip("0")
    return str(int("".join(groups))) + (f".{frac}" if frac else "")


# --------------------------------------------------------------------------- scale words (million, milliard)

def scaled_numbers(text: str, lang: str) -> list[tuple[int, int, frozenset[str], int]]:
    """Numbers followed by a word that scales them (evalkit/data/number_scales.tsv, from CLDR): (start
    of the number, end of the scale word, the number's values, the power of ten): "500 millones" ->
    (.., .., {"500"}, 6); "1,6 Milliarden" -> 9; "500 mil millones" -> 9."""
    pattern = _scale_pattern(lang)
    if pattern is None:
        return []
    out = []
    for a, b, vals in extract_numbers_spans(text, lang, lenient=True):
        m = pattern.match(text, b)
        # (no scale for a word the case-blind match reads through a letter casefold() keeps apart: "mıl")
        scale = _scale_words(lang).get(m.group(1).casefold()) if m else None
        if scale is not None:
            out.append((a, m.end(), vals, scale))
    return out


def scale_mismatches(source: str, mt: str, src: str, tgt: str) -> list[tuple[int, int, str]]:
    """MT numbers with a scale word whose value is a source number's but whose scale is not ("500
    millones" where the source has "500 billion": a thousand times less): (start, end, the source's
    number and scale word) for each, offsets in `mt`."""
    s_scaled = [(source[a:b], vals, e) for a, b, vals, e in scaled_numbers(source, src)]
    if not s_scaled or _copied(source, mt):
        return []   # a segment left in the source language is untranslated, not a wrong number
    out = []
    for a, b, vals, exponent in scaled_numbers(mt, tgt):
        same = [s for s in s_scaled if s[1] & vals]
        # "108.000 millones" is "108 billion": the amounts, not the words, are compared
        if same and not any(_amounts(s_vals, e) & _amounts(vals, exponent) for _, s_vals, e in same):
            out.append((a, b, same[0][0]))
    return out


def _copied(source: str, mt: str) -> bool:
    """Four in five words of the MT segment are words of the source segment."""
    s_words = set(re.findall(r"\w+", source.casefold()))
    t_words = re.findall(r"\w+", mt.casefold())
    return bool(t_words) and sum(w in s_words for w in t_words) >= 0.8 * len(t_words)


def _amounts(values: frozenset[str], exponent: int) -> set[float]:
    out = set()
    for v in values:
        try:
            out.add(round(float(v) * 10 ** exponent, 3))
        except ValueError:
            continue   # a time ("t16:07")
    return out


def _scale_words(lang: str) -> dict[str, int]:
    return _SCALES.get(lang, {})


def _load_scales() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in table("number_scales"):
        out.setdefault(row["lang"], {})[row["word"].casefold()] = int(row["exponent"])
    return out


def _scale_pattern(lang: str) -> re.Pattern[str] | None:
    if lang not in _PATTERNS:
        words = sorted(_scale_words(lang), key=len, reverse=True)
        # a word of letters ends there ("million", not "millionaire"); 万 and 亿 sit before other characters
        alternatives = [re.escape(w) + (r"(?!\w)" if w[-1:] < "\u2e80" else "") for w in words]
        _PATTERNS[lang] = re.compile(r"[ \u00a0\u202f]?(" + "|".join(alternatives) + ")", re.IGNORECASE) \
            if words else None
    return _PATTERNS[lang]


_SCALES = _load_scales()
_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def with_amounts(text: str, lang: str, numbers: list[tuple[int, int, frozenset[str]]]) -> list[
        tuple[int, int, frozenset[str]]]:
    """The numbers of `text` (extract_numbers_spans) with the amounts they stand for added to their
    values ("=2e+10" for "200亿" and for "20 billion" alike), so that a number and its rendering with
    another scale word match."""
    scaled = {a: e for a, _, _, e in scaled_numbers(text, lang)}
    return [(a, b, vals | {f"={x:g}" for x in _amounts(vals, scaled.get(a, 0))}) for a, b, vals in numbers]
