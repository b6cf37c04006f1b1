"""Punctuation detector: doubled periods, lost sentence breaks ("word.Next", "KazakhstanEn"),
unbalanced or misused quotes, spaces before commas and periods, and French typography (space
before : ; ? ! and inside « »).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from itertools import accumulate

from ..flags import Flag
from .base import DetectionInput, Detector
from .layout import Line, analyse_lines


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each pattern starts with a rare character so that a scan of the whole text stays cheap.
_SPACES = " \u00a0\u202f\u2009\t"
# Runs of periods and commas, maybe spaced: "..", ". .", ",,", ".,"; the ellipsis "..." and the
# spaced ". . ." are left alone.
_DOTS = re.compile(r"[.,](?:[ \u00a0]?[.,])+")
# "word.Next": a sentence break with its space lost (the word before is checked in Python).
_GLUED_STOP = re.compile(r"[.!?](?=[A-ZÀ-Þ][a-zà-ÿ])")
_GLUED_COMMA = re.compile(r",(?=[^\W\d_]{2})")
# A lowercase letter running into a capitalised word: "KazakhstanEn" (the token is cut out after).
_CAMEL = re.compile(r"[A-ZÀ-Þ](?<=[a-zà-ÿ]{2}[A-ZÀ-Þ])(?=[a-zà-ÿ])")
_FR_SPACE_BEFORE = re.compile(r"[;:?!]+")
# a comma or period after a space (not "..", ". .", ".5", nor a period before a lowercase letter: the ".ai" of
# "the domain .ai", a name's ending, no sentence's end); the spaces before it are the span. The mark is looked for
# first: a text has far fewer of those than spaces.
_PUNCT_AFTER_SPACE = re.compile(r"[,.](?<=[ \u00a0\u202f][,.])(?![.\d]|[ \u00a0][.])(?!(?<=\.)[a-zà-ÿ])")
_SPACE_CHARS = " \u00a0\u202f"
_GUILLEMETS = re.compile(r"«[^«»\n]*»")
_QUOTE_CHARS = re.compile(r"[«»“”„\"]")
_TLDS = _wordset("com org net gov edu int mil info biz io co uk fr de es it ch be nl eu ru cn jp tv me ly")
_URLISH = re.compile(r"https?://|www\.|@|\.(?:com|org|net|fr|de)\b", re.IGNORECASE)
_QUOTE_PAIRS = {
    "fr": {"«": "»", "“": "”"},
    "de": {"„": "“", "»": "«"},
    "default": {"«": "»", "“": "”", "„": "”"},
}

Found = tuple[int, int, float, str, str]   # start, end, confidence, evidence, suggestion


@functools.lru_cache(maxsize=1 << 14)
def _zipf(word: str, lang: str) -> float:
    try:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang)
    except (ImportError, LookupError, ValueError):
        return 0.0


class PunctuationDetector(Detector):
    """Punctuation and spacing damage, minor; lines of site junk are left to the injected detector."""

    name = "punctuation"
    categories = ("fluency/punctuation",)

    def detect(self, doc: DetectionInput) -> list[Flag]:
        text = doc.hypothesis
        lang = (doc.tgt_lang or "").split("-")[0].lower()
        lines = [line for line in analyse_lines(doc) if line.kind in ("content", "duplicate")]
        starts = [line.start for line in lines]
        prompts = [(a, b) for line in lines for a, b, _ in line.prompts]

        def line_at(pos: int) -> Line | None:
            k = bisect.bisect_right(starts, pos) - 1
            return lines[k] if k >= 0 and pos < lines[k].end else None

        def ok(a: int, b: int) -> bool:
            line = line_at(a)
            return line is not None and b <= line.end and not any(pa < b and a < pb for pa, pb in prompts)

        found: list[Found] = []
        found += _doubled(text, ok)
        found += _glued(text, lang, ok, doc.source or "")
        found += _space_before(text, ok)
        if lang == "fr":
            found += _french(text, ok)
        for k, line in enumerate(lines):
            if _QUOTE_CHARS.search(line.text):
                nxt = lines[k + 1] if k + 1 < len(lines) else None
                found += [(line.start + a, line.start + b, c, w, f) for a, b, c, w, f in _quotes(line.text, lang, nxt)]
        return [Flag(a, b, "fluency/punctuation", "minor", text[a:b], self.name, suggestion=fix,
                     confidence=conf, evidence=why, doc_id=doc.doc_id, system=doc.system)
                for a, b, conf, why, fix in _merge(found, text)]


_TOKEN = re.compile(r"\S+")
_SPACES_RUN = re.compile(r"(\s+)")


@functools.lru_cache(maxsize=64)
def _token_bounds(text: str, lo: int = 0, hi: int | None = None) -> tuple[list[int], list[int]]:
    """Starts and ends of the whitespace-separated tokens of text[lo:hi] (offsets into `text`),
    computed once per text and range."""
    # split at the runs of spaces: [token, spaces, token, ..., token], the first and last maybe empty
    parts = _SPACES_RUN.split(text[lo:hi])
    offsets = list(accumulate(map(len, parts), initial=lo))
    starts, ends = offsets[0::2], offsets[1::2]
    if parts[0] == "":
        del starts[0], ends[0]
    if parts[-1] == "" and starts:
        del starts[-1], ends[-1]
    return starts, ends


def _token_around(text: str, a: int, b: int) -> tuple[int, int]:
    """The whitespace-delimited token(s) around [a, b); looked up, not rescanned, per mark.

    A token ends at a line break, so only the lines from a to b are split (once: a line with
    several marks is looked up again)."""
    hi = text.find("\n", b)
    starts, ends = _token_bounds(text, text.rfind("\n", 0, a) + 1, len(text) if hi < 0 else hi)
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0 and ends[i] >= a and not (a > 0 and text[a - 1].isspace()):
        a = starts[i]
    k = bisect.bisect_left(ends, b)
    if k < len(starts) and starts[k] <= b and not (b < len(text) and text[b].isspace()):
        b = ends[k]
    return a, b


def _in_url(text: str, a: int, b: int) -> bool:
    return _token_is_url(text, *_token_around(text, a, b))


@functools.lru_cache(maxsize=1024)
def _token_is_url(text: str, start: int, end: int) -> bool:
    # cached per token: a long token holding many marks is searched once, not once per mark
    return _URLISH.search(text, start, end) is not None


def _doubled(text: str, ok: Callable[[int, int], bool]) -> list[Found]:
    out: list[Found] = []
    for m in _DOTS.finditer(text):
        a, b = m.span()
        marks = m.group().replace(" ", "").replace("\u00a0", "")
        if marks.count(".") >= 3 or text[b:b + 1] in ("/", "\\") or not ok(a, b) or _in_url(text, a, b):
            continue
        if marks in (".,", ".;") and _abbreviation_before(text, a):
            continue  # "U.S., Canada", "Inc., the"
        why = {"..": "doubled period", ",,": "doubled comma"}.get(marks, f"stray punctuation {m.group()!r}")
        out.append((a, b, 0.85, why, "." if marks.endswith(".") else ","))
    return out


def _abbreviation_before(text: str, pos: int) -> bool:
    ta, _ = _token_around(text, pos, pos)
    token = text[ta:pos]
    return "." in token or len(token) <= 3 or (token[:1].isupper() and len(token) <= 4)


def _glued(text: str, lang: str, ok: Callable[[int, int], bool], source: str = "") -> list[Found]:
    out: list[Found] = []
    for m in _GLUED_STOP.finditer(text):
        p = m.start()
        if p < 2 or not (text[p - 1].islower() and text[p - 2].islower()):
            continue
        ta, tb = _token_around(text, p, p + 1)
        right = re.match(r"[^\W\d_]+", text[p + 1:tb])
        if right is None or not ok(ta, tb):
            continue
        left = text[ta:p]
        if any(c in left for c in "./@:\\") or right.group().lower() in _TLDS or _in_url(text, ta, tb):
            continue
        end = p + 1 + right.end()
        out.append((ta, end, 0.8, "no space after the end of a sentence",
                    f"{left}{text[p]} {right.group()}"))
    for m in _GLUED_COMMA.finditer(text):
        p = m.start()
        if p >= 2 and text[p - 1].isalpha() and text[p - 2].isalpha() and not text[p - 1].isdigit() \
                and ok(p, p + 1) and not _in_url(text, p, p + 1):
            out.append((p, p + 1, 0.55, "no space after a comma", ", "))
    for m in _CAMEL.finditer(text):
        p = m.start()
        ta, tb = _token_around(text, p, p)
        token = text[ta:tb]
        word = re.fullmatch(r"[\"'“”«»(]*([A-ZÀ-Þ]?[a-zà-ÿ]{2,})([A-ZÀ-Þ][a-zà-ÿ]+)[\"'“”«»),.;:!?]*", token)
        if word is None or not ok(ta, tb):
            continue
        left, right = word.group(1), word.group(2)
        if source and left + right in source:
            continue  # "CornwallLive": the source writes it so, a name
        if _lost_break(left, right, lang):
            a = ta + word.start(1)
            out.append((a, ta + word.end(2), 0.7, f"{left!r} runs into {right!r}: a sentence break was lost",
                        f"{left}. {right}"))
    return out


def _space_before(text: str, ok: Callable[[int, int], bool]) -> list[Found]:
    out: list[Found] = []
    for a, b in _spaces_before_punct(text):
        if a == 0 or not (text[a - 1].isalnum()) or not ok(a, b + 1) or _in_url(text, b, b + 1):
            continue
        out.append((a, b + 1, 0.6, f"space before {text[b]!r}", text[b]))
    return out


def _spaces_before_punct(text: str) -> Iterator[tuple[int, int]]:
    """The runs of spaces before a comma or a period (not "..", ". .", ".5", nor a period before a lowercase letter),
    found from the marks."""
    for m in _PUNCT_AFTER_SPACE.finditer(text):
        b = a = m.start()
        while a > 0 and text[a - 1] in _SPACE_CHARS:
            a -= 1
        yield a, b


@functools.lru_cache(maxsize=1 << 14)
def _lost_break(left: str, right: str, lang: str) -> bool:
    """"KazakhstanEn": both halves are words, the whole is no word, and the right half is a
    common word of the language (a sentence opener), not the second half of a brand name ("MetropolisNews")."""
    if left.isupper() or len(left) < 3:
        return False
    tgt = lang or "en"
    whole = (left + right).lower()
    if _zipf(whole, tgt) > 0 or _zipf(whole, "en") > 0:
        return False   # "YouTube", "LinkedIn", "WhatsApp": a known word
    # (and the target language's word more than English's: "MetropolisNews" is a brand's English halves)
    return _zipf(right.lower(), tgt) >= max(4.0, _zipf(right.lower(), "en")) \
        and _zipf(left.lower(), tgt) + _zipf(left.lower(), "en") > 0


def _french(text: str, ok: Callable[[int, int], bool]) -> list[Found]:
    out: list[Found] = []
    for m in _FR_SPACE_BEFORE.finditer(text):
        a, b = m.span()
        prev = text[a - 1] if a else " "
        if prev.isspace() or prev in "\u00a0\u202f.,…([/" or prev.isdigit():
            continue
        p, nxt = m.group(), text[b:b + 1]
        if p[0] == ":" and (nxt.isdigit() or nxt == "/"):
            continue  # "16:30", "https://"
        if not ok(a, b) or _in_url(text, a, b):
            continue
        out.append((a, a + 1, 0.7, f"no space before {p[0]!r} (French typography)", "\u00a0" + p[0]))
    for m in _GUILLEMETS.finditer(text):
        inner = m.group()[1:-1]
        if not inner.strip(_SPACES) or not ok(m.start(), m.end()):
            continue
        missing_open = inner[0] not in _SPACES
        missing_close = inner[-1] not in _SPACES
        if not (missing_open or missing_close):
            continue
        if len(m.group()) <= 60 or (missing_open and missing_close):
            a, b = m.start(), m.end()
            fix = "«\u00a0" + inner.strip(_SPACES) + "\u00a0»"
        elif missing_open:
            a, b, fix = m.start(), m.start() + 2, "«\u00a0" + inner[0]
        else:
            a, b, fix = m.end() - 2, m.end(), inner[-1] + "\u00a0»"
        out.append((a, b, 0.6, "no space inside « » (French typography)", fix))
    return out


def _quotes(s: str, lang: str, nxt: Line | None) -> list[Found]:
    """Unbalanced or misused quotation marks within one paragraph (line `s`)."""
    pairs = _QUOTE_PAIRS.get(lang, _QUOTE_PAIRS["default"])
    closers: dict[str, set[str]] = {}
    for opener, closer in pairs.items():
        closers.setdefault(closer, set()).add(opener)
    out: list[Found] = []
    stack: list[tuple[str, int]] = []
    nested: list[int] = []   # openers pushed inside a quotation opened with the same mark
    for m in _QUOTE_CHARS.finditer(s):
        i, ch = m.start(), m.group()
        if ch in pairs and not (ch in closers and stack and stack[-1][0] in closers[ch]):
            if any(o == ch for o, _ in stack):
                nested.append(i)
            stack.append((ch, i))
        elif ch in closers:
            if stack and stack[-1][0] in closers[ch]:
                stack.pop()
            elif any(o in closers[ch] for o, _ in stack):
                while stack and stack[-1][0] not in closers[ch]:
                    stack.pop()
                stack.pop()
            elif ch == "»" and "«" in pairs:
                # "d' »alliés »": a closing guillemet used as the opening one.
                out.append((i, i + 1, 0.7, "closing quotation mark where an opening one belongs", "«"))
                stack.append(("«", i))
            else:
                out.append((i, i + 1, 0.5, "closing quotation mark with no opening one", ""))
    if stack:
        opener, pos = stack[-1]
        # A quotation running over several paragraphs reopens each one and closes only the last.
        continued = pos == 0 or (nxt is not None and nxt.text[:1] == opener)
        if nested:
            # « ... « ... » : the inner mark, where French would use “ ”, is the stray one.
            pos, continued = nested[-1], False
        if not continued:
            why = "quotation opened inside another and never closed" if len(stack) > 1 or nested else \
                "quotation mark never closed in the paragraph"
            end = pos + 1
            while end < len(s) and s[end] in "\u00a0\u202f":
                end += 1
            out.append((pos, end, 0.6, why, ""))
    if s.count('"') % 2 == 1 and not s.startswith('"'):
        i = s.rindex('"')
        out.append((i, i + 1, 0.4, "odd number of straight quotation marks in the paragraph", ""))
    return out


def _merge(found: list[Found], text: str) -> list[Found]:
    """One flag per damaged spot: spans that overlap or touch (whitespace between) are merged."""
    merged: list[Found] = []
    for a, b, conf, why, fix in sorted(found):
        if merged:
            pa, pb, pconf, pwhy, pfix = merged[-1]
            if a <= pb or not text[pb:a].strip(_SPACES):
                reason = pwhy if why == pwhy else f"{pwhy}; {why}"
                merged[-1] = (pa, max(pb, b), max(pconf, conf), reason, pfix if b <= pb else "")
                continue
        merged.append((a, b, conf, why, fix))
    return merged
