"""Numbers of a text and the values they may stand for, per language: digits with decimal commas or
points and group separators, times, ranges. Used by the number checks (structure.py) and wherever a
number must survive translation."""

from __future__ import annotations

import re

from .langdata import values

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
    found: list[tuple[int, int, frozenset[str]]] = []
    if not _DIGIT.search(text):
        return found
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
    return found


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
