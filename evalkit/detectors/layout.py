"""The page, line by line, shared by the injected-content, structure and punctuation detectors: each
non-empty line of the MT text classified as content, site junk (ads, teasers, comment forms, hosting
bylines, stray lines), a leaked generation prompt or a duplicate, from multilingual web-furniture cues
(evalkit/data), the page layout, the language of a line and, when a source is given, the 0-1 links of
the alignment; and the line-shape helpers (normalise_line, is_terminal, words).
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

from ..alignment.aligner import has_dictionary, shares_anything
from .base import DetectionInput
from .langdata import data_text, mapping, pattern, table, values, word_set
from .line_model import line_model
from .text import lang_base, plain_zipf

# --- web furniture, per language (cues of the hosting page, not of any article) --------------
# The cue phrases live in evalkit/data/junk_cues.tsv (kind, language, cue); the shapes are here.


def _cues(kind: str) -> list[str]:
    return sorted(set(values("junk_cues", "cue", kind=kind)), key=len, reverse=True)


def _alternation(cues: Sequence[str]) -> str:
    """A regex alternation of cue phrases, for a case-blind regex (every one here is IGNORECASE): spaces
    match any run of spaces, a trailing " *" the required-field star. Cues opening with the same letter
    (in either case) share one branch, in their order ("a(?:bsatz|rticle)|b(?:eitrag)"): the same
    matches, but the engine enters one branch per letter, not every cue (it cannot skip a case-blind
    letter at a glance)."""
    groups = _by_first_letter(cues)
    if groups is None:
        return "|".join(map(_cue_regex, cues))
    return "|".join(re.escape(first) + "(?:" + "|".join(_cue_regex(c[1:]) for c in members) + ")"
                    for first, members in groups.items())


def _cue_regex(cue: str) -> str:
    return re.escape(cue).replace(r"\ ", r"[\s\u00a0]+")


def _by_first_letter(cues: Sequence[str]) -> dict[str, list[str]] | None:
    """The cues by first letter, letters a case-blind regex takes for one another together ("A", "a");
    None where a cue opens with no letter or digit, or where two groups' letters would match each
    other case-blind (odd foldings: "ſ" and "s", "İ" and "i"): then the cues stay one by one."""
    groups: dict[str, list[str]] = {}
    for cue in cues:
        if not cue[:1].isalnum():
            return None
        key = next((k for k in groups if k.lower() == cue[0].lower()), cue[0])
        if not _blind_same(key, cue[0]):
            return None
        groups.setdefault(key, []).append(cue)
    keys = list(groups)
    if any(_blind_match(a, b) or _blind_match(b, a) for i, a in enumerate(keys) for b in keys[i + 1:]):
        return None
    return groups


def _blind_match(letter: str, char: str) -> bool:
    return re.fullmatch(re.escape(letter), char, re.IGNORECASE) is not None


def _blind_same(a: str, b: str) -> bool:
    return _blind_match(a, b) and _blind_match(b, a)


def _starts(kind: str) -> re.Pattern[str]:
    """A case-blind regex of the cues of `kind` as stems: each starts a word."""
    return re.compile(r"(?<![^\W\d_])(?:" + _alternation(_cues(kind)) + r")", re.IGNORECASE)


def _whole(kind: str) -> re.Pattern[str]:
    """A case-blind regex of the cues of `kind` as whole words."""
    return re.compile(r"(?<![^\W\d_])(?:" + _alternation(_cues(kind)) + r")(?![^\W\d_])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The cue regexes, built from the table on first use."""
    return {
        # whole-line ad markers ("[ad_1]") and ad labels
        "ad": re.compile(r"^\[?\s*/?ad[_ -]?\d+\s*\]?$|^(?:" + _alternation(_cues("ad")) + r")$", re.IGNORECASE),
        # whole-line share buttons and navigation labels, maybe with a time after them ("Meistgelesen heute")
        "nav": re.compile(r"^(?:" + _alternation(_cues("nav")) + r")(?:[\s\u00a0]+(?:"
                          + _alternation(_cues("nav_when")) + r"))?[\s\u00a0]*[:»›>|]?$", re.IGNORECASE),
        # teasers for other stories: the cue opens the line and a headline follows
        "teaser": re.compile(r"^(?:" + _alternation(_cues("teaser")) + r")(?P<sep>[\s\u00a0]*[:|»›>\-–—→➜➔▶►]+"
                             r"[\s\u00a0]*|[\s\u00a0]+)(?P<rest>\S.*)$", re.IGNORECASE),
        # auto-blogging plugins sign the copied page with a link to the page they scraped
        "source_link": re.compile(r"^(?:" + _alternation(_cues("source_link")) + r")\b", re.IGNORECASE),
        # bylines: "Written by X" in a French page is the hosting site's
        "byline": re.compile(r"^(?P<cue>" + _alternation(_cues("byline")) + r")[\s\u00a0]+"
                             r"(?P<name>[^\W\d_][\w.,'’|\- \u00a0]{1,80})$", re.IGNORECASE),
        # a byline cue opening the line, then a name or a desk
        "byline_start": re.compile(r"^(?:" + _alternation(_cues("byline")) + r")[\s\u00a0]+(?=[^\W\d_])",
                                   re.IGNORECASE),
        "newsroom": re.compile(r"(?:\w*(?:" + _alternation(_cues("newsroom")) + r"))\b", re.IGNORECASE),
        "newsroom_word": _starts("newsroom"),
        # a newsroom job opening the part after a signature's comma ("rédactrice web")
        "role": re.compile(r"^(?:" + _alternation(_cues("role")) + r")(?![^\W\d_])", re.IGNORECASE),
        # an ad label, a separator, then the advertised teaser
        "sponsored": re.compile(r"^(?P<cue>" + _alternation(_cues("sponsored")) + r")"
                                r"[\s\u00a0]*[:|–—.•·-]+[\s\u00a0]*\S", re.IGNORECASE),
        # newsletter sign-ups: a newsletter word and a subscribe word, anywhere in a short line
        "newsletter": _starts("newsletter"),
        "subscribe": _starts("subscribe"),
        # a call to sign up closing the line, as German writes it ("– hier eintragen.")
        "subscribe_end": re.compile(r"(?<![^\W\d_])(?:" + _alternation(_cues("subscribe_end")) + r")[\s\u00a0.!]*$",
                                    re.IGNORECASE),
        # cookie notices: a cookie word, a consent or site word and a word addressing the reader
        "cookie": _whole("cookie"),
        # an e-mail sign-up without a newsletter word: a mail word, a receive stem and a word addressing the reader
        "email": _whole("email"),
        "published": _whole("published"),
        "receive": _starts("receive"),
        "consent": _starts("consent"),
        "reader": _whole("reader"),
        "site_self": re.compile(r"^(?:" + _alternation(_cues("site_self")) + r")(?![^\W\d_])", re.IGNORECASE),
        # a site's tools by their shape (_site_tools): an ad word and a continue stem ("... continúa debajo del
        # anuncio"), a sign-in order and a comment word, an app store, trial terms, the site's "our", a network
        "continue": _starts("continue"),
        "ad_word": _whole("ad"),
        "sponsored_label": re.compile(r"^(?:" + _alternation(_cues("sponsored")) + r")$", re.IGNORECASE),
        "login": _whole("login"),
        "talk": _starts("talk"),
        # a user account (whole words) and a free word (stems): a comment form's sign-in line without a login order
        "account": _whole("account"),
        "free": _starts("free"),
        # a photo word opening a short line and a credit stem after it: a photo credit without a label's colon
        "photo_word": _whole("photo_word"),
        "photo_credit": _starts("photo_credit"),
        "store": _whole("store"),
        "app": _whole("app"),
        "trial": _starts("trial"),
        "subscriber": _starts("subscriber"),
        "restricted": _whole("restricted"),
        "our": _whole("our"),
        "social_word": _whole("social"),
        # a share cue (optional) before a list of networks
        "share_lead": re.compile(r"^(?:(?:" + _alternation(_cues("nav")) + r")(?![^\W\d_])"
                                 r"(?:[\s\u00a0]+[^\W\d_]{1,3}(?![^\W\d_]))?"
                                 r"[\s\u00a0]*[:|»›>]?[\s\u00a0]*)?",
                                 re.IGNORECASE),
    }


# A date or a time in a byline: "14. April 2024, 19:58 Uhr", "le 4 décembre 2023 à 18h02", "04.12.2023 09:12"
_STAMP = re.compile(r"\b\d{1,2}(?:[:h]|[\s\u00a0]h[\s\u00a0])\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
                    r"|\b\d{1,2}\.?[\s\u00a0]+[^\W\d_]{3,}\.?[\s\u00a0]+(?:19|20)\d{2}\b")
_SHARE_SPLIT = re.compile(r"[\s\u00a0|/·•,]+")
# a share bar's channels beside its networks: mail and print
_SHARE_CHANNELS = word_set("share-channels")
# a lead of at most six words, then a colon, before a share bar's networks and channels
# (words parted by spaces, so that no word can be cut in two ways: the search stays linear)
_SHARE_LEAD_ANY = re.compile(r"^(?:[^\W\d_]+['’]?[\s\u00a0]+){0,5}[^\W\d_]+[\s\u00a0]*:[\s\u00a0]*")
# bylines, ad labels, sign-ups and share bars are short lines
_SIGN_UP_WORDS = 20
# a byline cue, a writer's name and a desk ("Par Camille Roussel, avec le service Santé"): at most
# these words
_BYLINE_WORDS = 10


@functools.lru_cache(maxsize=1)
def _furniture_keys() -> tuple[str, ...]:
    """Comment forms, share bars, newsletters, cookie notices: the line starts with one of these."""
    return tuple(_cue_key(c) for c in _cues("furniture"))


@functools.lru_cache(maxsize=1)
def _byline_languages() -> dict[str, str]:
    return {c.lower(): lang for c, lang in mapping("junk_cues", "cue", "lang", kind="byline").items()}


# --- leaked generation prompts ----------------------------------------------------------------

# The cues are regular expressions in evalkit/data/patterns.tsv (prompt-*).
# Imperatives addressed to a writer or a generator; they only count at the start of a line or a
# sentence (or glued to the text before them), never inside an ordinary sentence.
_PROMPT_IMPERATIVE = re.compile(pattern("prompt-imperative"), re.IGNORECASE)
# The generator's own voice, and prompt wording nobody writes in an article: enough alone (with the
# generator's preamble to its output closing on a colon: "Here is the article:", "Here is the text
# rewritten for SEO:"; "Here is the text of the agreement:" is no leak).
_PROMPT_STRONG = re.compile(pattern("prompt-strong"), re.IGNORECASE | re.MULTILINE)
# Prompt wording an article might also use ("SEO-friendly", "at least 700 words", "be in
# French"): it counts twice over, or in a sentence written in another language than the text.
_PROMPT_WEAK = re.compile(pattern("prompt-weak"), re.IGNORECASE)
# Words that open a prompt or the generator's reply: a line none of whose sentences opens with
# one is not searched further (prompts glued after a title are caught at the title's start).
_PROMPT_STARTERS = word_set("prompt-starters")
_EDGE_PUNCT = "\"'“”«»‘’([{!?.,:;"
# Words without which no strong or weak cue can match (a cheap test before the regexes).
_PHRASE_TRIGGERS = word_set("prompt-triggers")
_TRIGGER_WORD = re.compile(r"[^\W\d_]+")
# A sentence end inside a line, spaced or glued ("texte.Suite").
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|[A-ZÀ-Ý])")
# Where an instruction runs into the article with no space: "in frenchPoutine".
_GLUED_CASE = re.compile(r"[a-zà-ÿ](?=[A-ZÀ-Ý][a-zà-ÿ])")

# --- line shapes ----------------------------------------------------------------------------

_ALNUM = re.compile(r"[^\W_]")
_NON_ALNUM = re.compile(r"[\W_]+")
_ALNUM_RUN = re.compile(r"[^\W_]+")
# closing quotes of every style: ” ’ » (English, French), “ ‘ (German „…“ ‚…‘), « › (Danish »…«)
_TERMINAL = re.compile(r"[.!?…][\"'”’“‘»«›‹)\]\s\u00a0\u202f]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_QUOTE_MAP = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                            "»": '"', "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_QUOTE_MARKS = tuple((chr(k), v) for k, v in _QUOTE_MAP.items())   # (mark, its plain form)


# Every Latin-1 character that is not a letter or a digit read as a space (bytes.translate), and the
# punctuation outside Latin-1 that most texts hold: a line of these and Latin-1 letters needs no regex.
_LATIN1_KEY = bytes(i if chr(i).isalnum() else 32 for i in range(256))
_WIDE_PUNCT = "’‘“”–—•…„‹›"


@functools.lru_cache(maxsize=1 << 14)
def normalise_line(text: str) -> str:
    """Case-, quote-, space- and punctuation-blind key of a line or sentence (for duplicates): the
    runs of letters and digits, casefolded, one space between them (what replacing every other run
    by a space and stripping gives, in one pass)."""
    folded = text.casefold()
    for mark in _WIDE_PUNCT:
        if mark in folded:
            folded = folded.replace(mark, " ")
    try:
        raw = folded.encode("latin-1")
    except UnicodeEncodeError:   # a letter outside Latin-1 ("œ", Cyrillic): the regex
        return " ".join(_ALNUM_RUN.findall(folded))
    return b" ".join(raw.translate(_LATIN1_KEY).split()).decode("latin-1")


def _cue_key(text: str) -> str:
    # (str.translate of a non-ASCII text looks every character up in the map: the marks present are
    # replaced instead, the same result since no mark's replacement is another mark)
    for mark, plain in _QUOTE_MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    return " ".join(text.lower().split())



def is_terminal(text: str) -> bool:
    """The text ends with sentence punctuation (closing quotes and brackets allowed after it)."""
    return bool(_TERMINAL.search(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@functools.lru_cache(maxsize=1)
def dangling_sets() -> dict[str, frozenset[str]]:
    """Words a sentence cannot end on, per language (evalkit/data/dangling_words.tsv)."""
    text = data_text("dangling_words")
    rows = (line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {lang: frozenset(cells.split()) for lang, cells in rows}


def dangling_end(text: str, lang: str) -> str:
    """The last token of `text` when it is a word no sentence ends on (an article, a preposition, a
    conjunction: evalkit/data/dangling_words.tsv) or an elision or a comma; "" otherwise."""
    tokens = text.split()
    if not tokens:
        return ""
    last = tokens[-1]
    word = re.sub(r"\W+$", "", last).lower().split("’")[-1].split("'")[-1]
    return last if word in dangling_sets().get(lang, frozenset()) or last.endswith(("’", "'", ",")) else ""


@functools.lru_cache(maxsize=1 << 16)
def _zipf(word: str, lang: str) -> float:
    known = plain_zipf(word, lang)   # most words: wordfreq's value without its tokenizer
    if known is not None:
        return known
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError, ImportError):  # zh, ja, ko need tokenisers that may be missing
        return 0.0


@functools.lru_cache(maxsize=64)
def _has_wordlist(lang: str) -> bool:
    try:
        from wordfreq import available_languages
    except ImportError:  # pragma: no cover
        return False
    return lang in available_languages()


def foreign_language(text: str, tgt_lang: str, others: Sequence[str] = ("en",)) -> str | None:
    """The language of `others` that `text` is written in rather than `tgt_lang`, or None.

    Word frequencies decide: a line whose known words are far more frequent in another language
    than in the target ("Written by ...", "in" in a French page) is in that language. Names,
    unknown to both word lists, do not vote.
    """
    tgt = tgt_lang.split("-")[0].lower()
    if not _has_wordlist(tgt):
        return None
    tokens = [w.lower() for w in words(text)][:40]
    if not tokens:
        return None
    for other in others:
        other = other.split("-")[0].lower()
        if other == tgt or not _has_wordlist(other):
            continue
        votes = margin = 0.0
        strong = 0
        for w in tokens:
            zt, zo = _zipf(w, tgt), _zipf(w, other)
            if zt == 0.0 and zo == 0.0:
                continue
            votes += 1
            margin += zo - zt
            if zo >= 4.0 and zo - zt >= 1.5:
                strong += 1
        if votes and margin / votes >= 1.2 and strong >= max(1, votes // 3):
            return other
    return None


def prompt_spans(line: str, tgt_lang: str = "") -> list[tuple[int, int, str]]:
    """Leaked generator prompts inside one line: (start, end, evidence), offsets into `line`.

    A prompt covers the sentences of the line holding a prompt cue; it stops where it runs into
    the article with no space ("...in frenchPoutine cherche") or at the end of its sentence. A
    span counts when it holds a strong cue, an imperative at the start of a sentence, two weak
    cues, or one weak cue in a sentence written in another language than `tgt_lang`.
    """
    found: list[tuple[int, int, str, int]] = []   # start, end, cue, weight (2 strong, 1 weak)
    bounds = _sentence_bounds(line)
    # Imperatives are only tried where a sentence starts or text runs glued into a capital.
    starts = {a for a, _ in bounds} | {m.end() for m in _GLUED_CASE.finditer(line)}
    for pos in sorted(starts):
        m = _PROMPT_IMPERATIVE.match(line, pos)
        if m and _imperative_position(line, pos):
            found.append((m.start(), m.end(), m.group(), 2))
    if not _PHRASE_TRIGGERS.isdisjoint(_TRIGGER_WORD.findall(line.lower())):
        for m in _PROMPT_STRONG.finditer(line):
            found.append((m.start(), m.end(), m.group(), 2))
        for m in _PROMPT_WEAK.finditer(line):
            found.append((m.start(), m.end(), m.group(), 1))
    if not found:
        return []
    spans: list[list] = []   # [start, end, first cue, weight]
    for start, end, cue, weight in sorted(found):
        s0 = next((a for a, b in bounds if a <= start < b), start)
        s1 = next((b for a, b in bounds if a <= end - 1 < b), len(line))
        glued = _GLUED_CASE.search(line, end, s1)
        if glued:
            s1 = glued.end()
        while s1 > s0 and line[s1 - 1].isspace():
            s1 -= 1
        if spans and (s0 <= spans[-1][1] or not line[spans[-1][1]:s0].strip()):
            spans[-1][1] = max(spans[-1][1], s1)
            spans[-1][3] += weight
        else:
            spans.append([s0, s1, cue, weight])
    tgt = tgt_lang.split("-")[0].lower()
    return [(a, b, cue) for a, b, cue, weight in spans
            if weight >= 2 or (tgt and tgt != "en" and foreign_language(line[a:b], tgt, ("en",)))]


@functools.lru_cache(maxsize=1)
def _chatter_patterns() -> dict[str, re.Pattern[str]]:
    def stems(kind: str, whole: bool = False) -> re.Pattern[str]:
        return re.compile(r"(?<![^\W\d_])(?:" + _alternation(_cues(kind)) + r")" + (r"(?![^\W\d_])" if whole else ""),
                          re.IGNORECASE)
    return {"text": stems("prompt_text"), "rewrite": stems("prompt_rewrite"), "voice": stems("prompt_voice", True),
            "ai": stems("prompt_ai", True), "verb": stems("prompt_verb"),
            "order": stems("prompt_order", True), "object": stems("prompt_object", True),
            # a field label opening the sentence, or inside an opening bracket ("(Word count: 612)")
            "field": re.compile(r"^[(\[]?(?:" + _alternation(_cues("prompt_field")) + "|" + pattern("prompt-seo-label")
                                + r")[\s\u00a0]*:", re.IGNORECASE),
            # (a word or two may qualify the label: "Instrucción interna:", "Interne Anweisung:" opens on one)
            "brief": re.compile(r"^[(\[]?(?:[^\W\d_]+[\s\u00a0]+)?(?:" + _alternation(_cues("prompt_brief")) + r")"
                                r"(?:[\s\u00a0]+[^\W\d_]+){0,2}[\s\u00a0]*:", re.IGNORECASE),
            "unable": stems("prompt_unable"), "reach": stems("prompt_reach"), "output": stems("prompt_output"),
            "sorry": stems("prompt_sorry", True), "machine": stems("prompt_machine"),
            "translated": stems("prompt_translated"),
            # "Note:", "Nota del redactor IA:": the label, up to four words, a colon
            "note": re.compile(r"^[(\[]?(?:" + _alternation(_cues("prompt_note")) + r")"
                               r"(?:[\s\u00a0]+[^\W\d_]+(?:['’][^\W\d_]+)?){0,4}[\s\u00a0]*:", re.IGNORECASE),
            "made": stems("prompt_made", True), "offer": stems("prompt_offer", True), "can": stems("prompt_can", True),
            "addressee": stems("prompt_addressee", True),
            # a bracketed line's label signed by a text generator: its last word, a version number aside
            "tool": re.compile(r"^[(\[][^():\[\]\n]{0,40}?(?<![^\W\d_])(?:" + _alternation(_cues("prompt_tool"))
                               + r")(?:[\s\u00a0]+v?\d+(?:\.\d+)*)?[\s\u00a0]*:", re.IGNORECASE),
            "tellme": stems("prompt_tellme", True), "ifneeded": stems("prompt_ifneeded", True),
            "change": stems("prompt_change"),
            # a word of rewriting, then a word for done, in a line's first words: "Reformulation terminée :",
            # "(Versión parafraseada lista: ...)"
            # (a word for the text may open it; the done word closes the clause)
            "done": re.compile(r"^[(\[]?(?:(?:" + _alternation(_cues("prompt_text")) + r")[^\W\d_]*[\s\u00a0]+)?(?:"
                               + _alternation(_cues("prompt_rewrite")) + r")[^\W\d_]*(?:[\s\u00a0]+[^\W\d_]+)?"
                               r"[\s\u00a0]+(?:" + _alternation(_cues("prompt_done"))
                               + r")[\s\u00a0]*(?:[:.,;!)\]–—-]|$)",
                               re.IGNORECASE),
            "jargon": stems("prompt_jargon", True),
            "assent": re.compile(r"^[¡¿]?(?:" + _alternation(_cues("prompt_assent")) + r")"
                                 r"[\s\u00a0]*[!,.:–—]+[\s\u00a0]*", re.IGNORECASE),
            "here": re.compile(r"(?:" + _alternation(_cues("prompt_here")) + r")(?![^\W\d_])", re.IGNORECASE),
            "please": re.compile(r"^(?:" + _alternation(_cues("prompt_please")) + r")(?![^\W\d_])", re.IGNORECASE),
            # the language the generator was asked for ("in Spanish", "into German")
            "into": re.compile(r"(?<![^\W\d_])(?:in|into)[\s\u00a0]+(?:" + pattern("prompt-languages")
                               + r")(?![^\W\d_])", re.IGNORECASE)}


# a sentence of at most this many words opening on an assent word joins the chatter right after it
_ASSENT_SENTENCE_WORDS = 3


@functools.lru_cache(maxsize=1)
def _assent_word() -> re.Pattern[str]:
    """An assent cue opening a sentence as a word of its own ("Done translating.")."""
    return re.compile(r"^(?:" + _alternation(_cues("prompt_assent")) + r")(?![^\W\d_])", re.IGNORECASE)


# an assent closed by a colon or an exclamation mark, as a generator opens its report ("Done:", "Готово!")
_REPORT_ASSENT = re.compile(r"^[¡]?[^\W\d_]+(?:[ \u00a0][^\W\d_]+)?[ \u00a0]*[:!]")
# an instruction's object follows its imperative within this many words ("Сделай этот текст")
_ORDER_REACH = 3
# "As a language model, ...": the generator speaking of itself, not an article about language models
_AS_A = re.compile(pattern("prompt-as-a") + r"\b", re.IGNORECASE)


def chatter_spans(line: str, tgt: str = "") -> list[tuple[int, int, str]]:
    """Generator chatter in any wording, sentence by sentence: the generator naming itself ("as a
    language model"); an instruction verb opening a sentence about the text ("Reescribe el siguiente
    texto"); a rewriting named with the generator's or its user's voice ("Here is the text,
    paraphrased for SEO:", "let me know if you want other changes"); the text named in a short
    sentence of two such voice words ("Надеюсь, эта версия вам подойдёт!")."""
    pats = _chatter_patterns()
    presented = _presented_output(line, pats, tgt)
    if presented:
        return [presented]
    # the cheapest tests first (all of them pure: the order does not change the answer)
    if not (not _aside_openers().isdisjoint(_openers(line)) or _has_voice_word(line, tgt) or _word_count(line)
            or line[:1] in "([" and pats["tool"].match(line) or tgt and pats["jargon"].search(line)
            or _may_name_text(line) and (pats["text"].search(line) or pats["rewrite"].search(line)
                                         or pats["ai"].search(line) or pats["tellme"].search(line)
                                         or pats["ifneeded"].search(line))):
        return []
    spans = []
    for a, b in _sentence_bounds(line):
        sentence = line[a:b].strip()
        order = pats["order"].match(sentence)
        # the imperative's object comes within its first few words, with no punctuation between them:
        # "Genera un titular ...", "Сделай этот текст" ("Make no mistake: the article ..." is no order)
        reach = " ".join(sentence[order.end():].split()[:_ORDER_REACH]) if order else ""
        thing = order and pats["object"].search(reach)
        thing = thing if thing and not re.search(r"[,:;.!?()\"“”«»„]", reach[:thing.start()]) else None
        # a request about the text: "Bitte noch eine Zwischenüberschrift ... einfügen" (a rewriting cue in it)
        please = pats["please"].match(sentence)
        asked = please and pats["rewrite"].search(sentence)
        # (in a line of fields, "Wortzahl: 398 | Fokus-Keyword „...“ 5×", the first field's quotes)
        quote = next((k for k, c in enumerate(sentence.split(" | ", 1)[0]) if c in "\"“”«»„"), None)
        labelled = quote is not None and (pats["field"].match(sentence) or pats["brief"].match(sentence)
                                          or asked and quote > asked.end())
        if quote is not None and not (thing and quote > len(order.group()) + len(reach) or labelled) \
                or len(sentence.split()) > 30:
            continue   # a quotation (someone quoted in the article; not a keyword quoted after an order's
            # object: "Schreibe den obigen Artikel neu und baue das Keyword „...“ ein", nor one after a
            # field's or a brief's label: "Consigne : ..., mot-clé « ... »") or a long sentence
        if _REPORTED.search(sentence) or _INTERVIEW.match(line):
            continue   # "..., sagte der Sprecher"; "Q: Können Sie uns sagen ...": the article's people speaking
        ai, text, rewrite = pats["ai"].search(sentence), pats["text"].search(sentence), pats["rewrite"].search(sentence)
        voice = {m.group().lower() for m in pats["voice"].finditer(sentence)}
        verb = pats["verb"].match(sentence)
        if ai and (voice or _AS_A.match(sentence)):
            why = f"the generator naming itself ({ai.group()!r})"
        elif verb and text and not _to_us(sentence, verb.end()):
            why = f"an instruction about the text ({verb.group()!r} ... {text.group()!r})"
        elif thing:
            why = f"an instruction about the text ({order.group()!r} ... {thing.group()!r})"
        elif asked:
            why = f"a request about the text ({please.group()!r} ... {asked.group()!r})"
        elif rewrite and (text or len(voice) >= 2) and (voice or sentence.endswith(":")):
            why = f"a rewriting named in the generator's voice ({rewrite.group()!r}, {sorted(voice)[:2]})"
        elif text and len(voice) >= 2 and len(sentence.split()) <= 12:
            why = f"the text named in the generator's voice ({text.group()!r}, {sorted(voice)[:2]})"
        else:
            why = _generator_aside(sentence, pats, tgt)
            if not why:
                continue
        end = b
        while end > a and line[end - 1].isspace():
            end -= 1
        spans.append((a, end, why))
    return _reply_around(line, spans, pats) if spans else spans


def _to_us(sentence: str, after: int) -> bool:
    """The order's next word (or the one after its "Sie") is a first-person plural object: "Schreiben Sie uns",
    "Écrivez-nous", "Escríbanos" aside (one word): the site asking its readers ("... unter diesem Artikel")."""
    rest = re.sub(r"^[^\W\d_]*[-\s\u00a0]*", "", sentence[after:])   # (the rest of the verb's word)
    words = _VOICE_WORD.findall(rest)[:2]
    first = words[:1] if words[:1] != ["Sie"] else words[1:2]
    return bool(first) and first[0].casefold() in _TO_US


_TO_US = word_set("order-to-us")


def _reply_around(line: str, spans: list[tuple[int, int, str]],
                  pats: dict[str, re.Pattern[str]]) -> list[tuple[int, int, str]]:
    """The generator's reply around its chatter on one line joins it: an assent opening the line right
    before the first span ("Конечно! Вот переписанная статья ..."), and the sentences right after the
    last that offer, in the first person, to do more ("Если нужно, могу добавить подзаголовки.")."""
    spans = list(spans)
    assent = pats["assent"].match(line)
    if assent and assent.end() <= spans[0][0] and not line[assent.end():spans[0][0]].strip():
        spans[0] = (len(line) - len(line.lstrip()), spans[0][1], spans[0][2])
    # or a sentence of a few words opening on an assent word right before it ("Done translating. I can ...")
    first = next(iter(_sentence_bounds(line)), None)
    if first and first[1] <= spans[0][0] and not line[first[1]:spans[0][0]].strip() \
            and len(line[first[0]:first[1]].split()) <= _ASSENT_SENTENCE_WORDS \
            and _assent_word().match(line[first[0]:first[1]].strip()):
        spans[0] = (first[0] + len(line[first[0]:first[1]]) - len(line[first[0]:first[1]].lstrip()),
                    spans[0][1], spans[0][2])
    for a, b in _sentence_bounds(line):
        end = spans[-1][1]
        if a < end:
            continue
        sentence = line[a:b].strip()
        if line[end:a].strip() or any(q in sentence for q in "\"“”«»„") or len(sentence.split()) > 20 \
                or not pats["can"].search(sentence):
            break
        spans[-1] = (spans[-1][0], a + len(line[a:b].rstrip()), spans[-1][2])
    return spans


# the first word of each sentence of a line (after an opening "¿", "¡" or quote): the line's first,
# then those after a sentence end (a regex opening on a character class skips the other positions fast)
_FIRST_OPENER = re.compile(r"[¿¡\"'«“„(\[\s\u00a0]*([^\W\d_]+)")
# (and a question or an exclamation opened inside a sentence: "...; ¿quieres que prepare ...?")
_NEXT_OPENER = re.compile(r"(?:[.!?…:][\s\u00a0]+|[¿¡])[¿¡\"'«“„\s\u00a0]*([^\W\d_]+)")


@functools.lru_cache(maxsize=64)
def _openers(line: str) -> frozenset[str]:
    """The first words of the sentences of a line, casefolded (chatter_spans and foreign_orders ask)."""
    first = _FIRST_OPENER.match(line)
    return frozenset(w.casefold() for w in ([first.group(1)] if first else []) + _NEXT_OPENER.findall(line))


# Letters that IGNORECASE matches with "i" but that casefold to something else ("İ" to "i̇", "ı" to
# itself): a line holding one is searched with the regexes (tests/test_detectors_junk3.py checks
# that no other character of the cues needs this).
_CASE_ODD = "İı"


@functools.lru_cache(maxsize=1)
def _text_cues() -> re.Pattern[str]:
    """The text, rewrite and AI cues casefolded, one space between their words, as one case-sensitive
    regex grouped by first character (the engine tries only the group of the character it is at)."""
    cues = sorted({" ".join(c.casefold().split())
                   for kind in ("prompt_text", "prompt_rewrite", "prompt_ai", "prompt_tellme", "prompt_ifneeded")
                   for c in _cues(kind)})
    groups: dict[str, list[str]] = {}
    for cue in cues:
        groups.setdefault(cue[0], []).append(re.escape(cue[1:]))
    return re.compile("|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in groups.items()))


def rewriting_cue(sentence: str) -> str | None:
    """The first word of `sentence` that names a rewriting or a text generator ("reformulé", "рерайт",
    "KI"), or None: what the structure detector asks of a sentence with no source counterpart (a word
    naming the text alone, "content", "article", says too little there)."""
    if not _may_name_text(sentence):
        return None
    pats = _chatter_patterns()
    found = [m for m in (pats[k].search(sentence) for k in ("rewrite", "ai", "addressee")) if m]
    return min(found, key=lambda m: m.start()).group() if found else None


def _may_name_text(line: str) -> bool:
    """A cheap test before the text, rewrite and AI cue regexes (case-blind, any run of spaces between
    a cue's words): does the line, casefolded and with its spaces squeezed, hold a cue?"""
    if any(c in line for c in _CASE_ODD):
        return True
    return _text_cues().search(" ".join(line.casefold().split())) is not None


@functools.lru_cache(maxsize=1)
def _aside_openers() -> frozenset[str]:
    """First words of the imperatives, SEO fields, note labels and offers that open a sentence of
    generator chatter: a line none of whose sentences opens with one holds no such sentence."""
    kinds = ("prompt_order", "prompt_field", "prompt_note", "prompt_offer", "prompt_brief", "prompt_unable",
             "prompt_here")
    cues = [c for kind in kinds for c in _cues(kind)]
    return frozenset(m.group().casefold() for c in cues for m in [_TRIGGER_WORD.search(c)] if m)


def _presented_output(line: str, pats: dict[str, re.Pattern[str]], tgt: str = "") -> tuple[int, int, str] | None:
    """The generator's reply presenting its output: an assent, then "here is" and the text it made,
    closing on a colon ("Gerne! Hier ist der Text in neutralem Hochdeutsch:", "Конечно! Вот краткий
    пересказ статьи:", "Natürlich – nachfolgend der nächste Teil, leicht angepasst:"); or, in English on a
    page in another language (`tgt`), an assent and the language asked for ("Sure, next chunk done in
    Spanish:")."""
    assent = line.rstrip().endswith(":") and pats["assent"].match(line)
    if not assent:
        return None
    preamble = pats["here"].match(line, assent.end())
    output = preamble and next((m for kind in ("text", "object", "rewrite", "output")
                                for m in [pats[kind].search(line, preamble.end())] if m), None)
    if output:
        return 0, len(line.rstrip()), f"the generator presenting its output ({assent.group().strip()!r} ... " \
                                       f"{preamble.group()!r} ... {output.group()!r}, closing on a colon)"
    # "Sure, next chunk done in Spanish with every name left untouched:": no "here is", but the language
    # it was asked for ("Of course! Here is what we know:" presents no text, and names no language)
    language = pats["into"].search(line, assent.end()) if tgt and lang_base(tgt) != "en" else None
    if language is None or not foreign_language(line, lang_base(tgt), ("en",)):
        return None
    return 0, len(line.rstrip()), f"the generator reporting on its output ({assent.group().strip()!r} ... " \
                                   f"{language.group()!r}, closing on a colon)"


def template_spans(line: str) -> list[tuple[int, int, str]]:
    """A chat template's role token ("<|assistant|>", "[/INST]", "### Response:") or an unfilled
    placeholder ("{{author_name}}", "[Insert image here]") in a line (evalkit/data/patterns.tsv,
    prompt-template and prompt-placeholder): the whole line, a template's leftover."""
    if not any(c in line for c in "<[{#"):
        return []
    found = _template_marks().search(line)
    if not found:
        return []
    return [(len(line) - len(line.lstrip()), len(line.rstrip()),
             f"a text generator's template left in the text ({found.group()!r})")]


@functools.lru_cache(maxsize=1)
def _template_marks() -> re.Pattern[str]:
    return re.compile(pattern("prompt-template") + "|" + pattern("prompt-placeholder"), re.IGNORECASE | re.MULTILINE)


def foreign_orders(line: str, tgt: str) -> list[tuple[int, int, str]]:
    """Instructions left in English in a text in another language: a sentence of four words or more,
    written in English, that opens with an imperative of a prompt ("Make it sound more Canadian and
    add a catchy intro.", "Please shorten this to 150 words.")."""
    if not tgt or tgt == "en":
        return []
    order, first = _english_orders()
    if first.isdisjoint(_openers(line)):
        return []
    spans = []
    for a, b in _sentence_bounds(line):
        sentence = line[a:b].strip()
        m = order.match(sentence)
        if any(q in sentence for q in "\"“”«»„"):
            continue   # an English slogan quoted in the article
        if m and len(words(sentence)) >= 4 and foreign_language(sentence, tgt, ("en",)) == "en":
            spans.append((a, a + len(line[a:b].rstrip()), f"an instruction in English ({m.group()!r}) "
                                                          f"in a text in {tgt}"))
    return spans


@functools.lru_cache(maxsize=1)
def _english_orders() -> tuple[re.Pattern[str], frozenset[str]]:
    cues = values("junk_cues", "cue", kind="prompt_order", lang="en")
    leads = values("junk_cues", "cue", kind="prompt_lead", lang="en")   # "Now rewrite ..."
    return (re.compile(r"(?:(?:" + _alternation(sorted(leads, key=len, reverse=True)) + r"),?\s+)?(?:"
                       + _alternation(sorted(cues, key=len, reverse=True)) + r")(?![^\W\d_])", re.IGNORECASE),
            frozenset(c.split()[0].casefold() for c in cues) | frozenset(c.casefold() for c in leads))


def _adjacent_joined(spans: list[tuple[int, int, str]], line: str) -> list[tuple[int, int, str]]:
    """Spans with nothing but spaces between them joined into one, with the first one's evidence
    ("Continue the article in Russian. Do not stop until you reach 400 words.": one instruction)."""
    out: list[tuple[int, int, str]] = []
    for a, b, why in spans:
        if out and not line[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], b, out[-1][2])
        else:
            out.append((a, b, why))
    return out


_AMBIGUOUS_OBJECTS = word_set("offer-ambiguous-objects")


# a tag list's items: a few words each, between separators (commas too: "santé publique, Pacifique Sud, emploi")
_TAG_SEPARATORS = re.compile(r"[·|,;•]")
_TAG_WORDS = 4


def _tag_items(rest: str) -> bool:
    """What follows a label a site gives its tags ("Mots-clés :") is three items or more of at most _TAG_WORDS
    words each, between separators: a site's tag list, not a generator's output ("Fokus-Keyword: ...")."""
    items = [item.strip() for item in _TAG_SEPARATORS.split(rest)]
    return len(items) >= 3 and all(0 < len(item.split()) <= _TAG_WORDS for item in items)


def _note_order(sentence: str, after: int, pats: dict[str, re.Pattern[str]]) -> str:
    """A note's body that opens on an order to change the text and names the text or a length: "allonger ce
    passage d'environ 150 mots", "add two subheadings" (an editor's note says what was done: "cet article a été
    modifié pour ajouter ..."). The evidence, or ""."""
    start = after + len(sentence[after:]) - len(sentence[after:].lstrip())
    change = pats["change"].match(sentence, start)
    thing = change and (pats["object"].search(sentence, change.end()) or _word_count(sentence[change.end():]))
    return f"{change.group()!r} ... {thing.group()!r}" if thing else ""


def _generator_aside(sentence: str, pats: dict[str, re.Pattern[str]], tgt: str = "") -> str:
    """The generator's asides around its output: a field of its SEO output ("Titre SEO :"), a note on
    how it made the text ("Hinweis: Dieser Text wurde mit KI erstellt."), an offer of more changes
    ("Хотите, я сделаю текст короче?"): the evidence, or "". Fields between " | " are asked one by one
    ("Wortzahl: 398 | Lesbarkeit: gut")."""
    field = pats["field"].match(sentence)
    if field and _shape_patterns()["label"].match(field.group()) and _tag_items(sentence[field.end():]):
        return ""   # "Mots-clés : Highlands | musique classique | subventions": a site's tag label and list
    if " | " in sentence:
        parts = (_generator_aside(part.strip(), pats, tgt) for part in sentence.split(" | "))
        found = next(filter(None, parts), "")
        if found:
            return found
    if field and len(_HASHTAG.findall(sentence)) < 2 and len(_LIST_SEP.split(sentence)) < 3:
        # "Mots-clés : #Santé #Hôpital" and "Mots-clés : cinéma · festivals · culture" are the site's tag list
        return f"a field of a generator's SEO output ({field.group().rstrip(': ')!r})"
    brief = pats["brief"].match(sentence)
    asked = brief and (pats["rewrite"].search(sentence, brief.end()) or pats["object"].search(sentence, brief.end()))
    if asked:   # "Consigne : reformuler l'article pour le référencement, 700 mots"
        return f"a brief to a text generator ({brief.group().rstrip(': ')!r} ... {asked.group()!r})"
    unable = len(sentence.split()) <= 35 and pats["unable"].search(sentence)
    reach = unable and (pats["reach"].search(sentence) or pats["sorry"].search(sentence, 0, unable.start()))
    if reach:   # "I cannot browse the internet, so ...", "Lo siento, pero no puedo ayudarte ..."
        return f"the generator saying what it cannot do ({unable.group()!r} ... {reach.group()!r})"
    machine = len(sentence.split()) <= 16 and pats["machine"].search(sentence)
    translated = machine and pats["translated"].search(sentence)
    named = translated and (pats["text"].match(sentence) or pats["text"].match(sentence, _second_word(sentence)))
    if named or translated and translated.start() == 0:
        return f"a machine-translation note ({machine.group()!r} ... {translated.group()!r})"   # "Texto traducido
        # automáticamente del catalán", "Перевод выполнен автоматически"
    count = len(sentence.split()) <= 8 and _word_count(sentence)
    if count:
        return f"the generator's length note ({count.group()!r})"   # "(Total words: 734)"
    head = sentence.split(":", 1)[0]   # a preface closing on a colon before the output: "Hier die Fassung: ..."
    assent = pats["assent"].match(head)   # "Klar, hier kommt der nächste Absatz."
    here = len(head.split()) <= 15 and pats["here"].match(head, assent.end() if assent else 0)
    output = here and (pats["output"].search(head, here.end()) or pats["rewrite"].search(head, here.end())
                       or _output_word(head[here.end():]))
    if output:   # "Voici une version plus fluide du paragraphe.", "Here's the next part:"
        said = output if isinstance(output, str) else output.group()   # (_output_word gives the word itself)
        return f"the generator presenting its output ({here.group()!r} ... {said!r})"
    note = pats["note"].match(sentence)
    made = note and pats["made"].search(sentence)   # "Note: changes to the law ..." is the article's
    if made:
        return f"a note on how the text was made ({note.group().rstrip(': ')!r} ... {made.group()!r})"
    unable = note and pats["unable"].search(sentence, note.end())
    if unable:   # "Примечание ИИ: я не могу проверить достоверность приведённых цифр"
        return f"a note saying what its writer cannot do ({note.group().rstrip(': ')!r} ... {unable.group()!r})"
    addressed = note and (pats["addressee"].search(note.group()) or pats["ai"].search(note.group()))
    if addressed:   # "Hinweis an das Modell: Jeden Absatz neu formulieren ...", "Note to the AI: ...",
        # "[Служебная пометка генератора: уникальность 94%]", "Hinweis für das Sprachmodell: ..."
        return f"a note to or from a text generator ({note.group().rstrip(': ')!r}: {addressed.group()!r})"
    ordered = note and _note_order(sentence, note.end(), pats)
    if ordered:   # "Note pour la rédaction : allonger ce passage d'environ 150 mots ..."
        return f"a note ordering a change to the text ({note.group().rstrip(': ')!r}: {ordered})"
    tool = pats["tool"].match(sentence)
    if tool and len(tool.group().split()) >= 2:   # "[Rewriter v2: tone set to neutral, readability target
        # grade 8]"; a label of the one word ("[Paraphraser: ...]") may be a product's heading
        return f"a bracketed note signed by a text generator ({tool.group()[1:].rstrip(': ')!r})"
    finished = pats["done"].match(sentence)
    if finished:   # "Umschreibung abgeschlossen – Lesbarkeit gut, Keyword-Dichte 2,4 Prozent"
        return f"the generator reporting its rewrite done ({finished.group().lstrip('([')!r})"
    done = _REPORT_ASSENT.match(sentence) and pats["assent"].match(sentence)
    report = done and (pats["made"].search(sentence, done.end()) or pats["voice"].search(sentence, done.end()))
    if report:   # "Done: all the figures are kept, only the wording was changed as requested."
        return f"the generator reporting what it did ({done.group().strip()!r} ... {report.group()!r})"
    offer = sentence.endswith("?") and pats["offer"].search(sentence)
    change = offer and pats["change"].search(sentence)
    if change and (pats["object"].search(sentence) or pats["text"].search(sentence)) and len(sentence.split()) <= 20:
        return f"the generator offering more changes ({offer.group()!r} ... {change.group()!r})"
    if len(sentence.split()) > 20:
        return ""
    tell = pats["tellme"].search(sentence)
    change = tell and (pats["change"].search(sentence) or pats["rewrite"].search(sentence)
                       or pats["output"].search(sentence))
    if change:   # "Dites-moi si vous voulez que je modifie le ton."
        return f"the generator asking for its user's wishes ({tell.group()!r} ... {change.group()!r})"
    can = pats["can"].search(sentence)
    needed = can and pats["ifneeded"].search(sentence)
    thing = needed and next((m for m in chain(pats["object"].finditer(sentence), pats["text"].finditer(sentence))
                             if m.group().casefold() not in _AMBIGUOUS_OBJECTS), None)
    if thing:    # "I can also suggest a catchy headline if needed." (not "puedo ganar el título")
        return f"the generator offering more ({can.group()!r} ... {thing.group()!r} ... {needed.group()!r})"
    jargon = tgt and lang_base(tgt) != "en" and pats["jargon"].search(sentence)
    if jargon and foreign_language(sentence, lang_base(tgt), ("en",)):
        return f"a text generator's jargon ({jargon.group()!r}) in English on a {lang_base(tgt)} page"
    return _voice_aside(sentence, tgt)


_VOICE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]*)?")


@functools.lru_cache(maxsize=1)
def _word_count_pattern() -> re.Pattern[str]:
    units = "|".join(sorted(map(re.escape, word_set("word-count-units")), key=len, reverse=True))
    return re.compile(r"\d[\d\s.,\u00a0]*(?:" + units + r")(?![^\W\d_])|(?:" + units + r")[^\d\n]{0,12}:\s*\d+",
                      re.IGNORECASE)


# every word count holds a digit (before its unit, or after its label's colon)
_DIGIT = re.compile(r"\d")


def _word_count(text: str) -> re.Match[str] | None:
    """`_word_count_pattern().search(text)`, with a digit looked for first (most lines have none); not a
    form's limit ("Escribe tu opinión (máximo 500 caracteres)": a word of count-limits right before it)."""
    found = _word_count_pattern().search(text) if _DIGIT.search(text) else None
    before = _VOICE_WORD.findall(text[max(0, found.start() - 20):found.start()]) if found else []
    return None if before and before[-1].casefold() in word_set("count-limits") else found


def _second_word(sentence: str) -> int:
    """Where the sentence's second word starts (its length when it has one word)."""
    first = re.match(r"\S+\s+", sentence)
    return first.end() if first else len(sentence)


def _output_word(text: str) -> str | None:
    """The first word of `text` that names a generator's output (voice-output-words), or None."""
    output = word_set("voice-output-words")
    return next((m.group() for m in _VOICE_WORD.finditer(text) if m.group().casefold() in output), None)


_REPORTED = re.compile(pattern("reported-speech"), re.IGNORECASE)
_INTERVIEW = re.compile(pattern("interview-label"), re.IGNORECASE)


# how _voice_aside's evidence opens: the weakest chatter, yielding to a junk line's own verdict
_VOICE_EVIDENCE = ("the output named in the generator's voice (",
                   "the generator's voice in English (")


def _has_voice_word(line: str, tgt: str) -> bool:
    """A cheap test before _voice_aside: does the line hold a first- or second-person word?"""
    found = _VOICE_WORD.findall(line.replace("’", "'"))   # no other character casefolds to either mark
    return not _voice_either(tgt).isdisjoint(map(str.casefold, found)) or not _SIE.isdisjoint(found)


@functools.lru_cache(maxsize=16)
def _voice_either(tgt: str) -> frozenset[str]:
    """The first- and second-person words of English and `tgt`, as one set (_has_voice_word asks per word)."""
    first, second = _voice_people(tgt)
    return first | second


# German's polite "you", told from "she"/"they" by its capital inside a sentence
_SIE = frozenset({"Sie", "Ihnen", "Ihr", "Ihre", "Ihrer", "Ihren", "Ihrem"})


def _addresses_reader(line: str) -> bool:
    """The line holds a second-person word of any language of word_lists.tsv (German's capitalised "Sie")."""
    second = _every_second_person()
    return any(m.group().casefold() in second or m.group() in _SIE for m in _VOICE_WORD.finditer(line))


@functools.lru_cache(maxsize=1)
def _every_second_person() -> frozenset[str]:
    return frozenset().union(*(word_set(row["list"]) for row in table("word_lists")
                               if row["list"].startswith("voice-second-person-")))


@functools.lru_cache(maxsize=16)
def _voice_people(tgt: str) -> tuple[frozenset[str], frozenset[str]]:
    """First- and second-person words of English and of `tgt` (voice-*-person-<lang> in word_lists.tsv)."""
    lists = {row["list"] for row in table("word_lists")}
    def words_of(kind: str) -> frozenset[str]:
        return frozenset().union(*(word_set(f"{kind}-{lang}") for lang in {"en", tgt} if f"{kind}-{lang}" in lists))
    return words_of("voice-first-person"), words_of("voice-second-person")


def _voice_aside(sentence: str, tgt: str = "") -> str:
    """An unquoted sentence in the generator's voice: a first- or second-person pronoun with a word naming
    its output ("Je vous propose cet article de 600 mots", "This version keeps all the key facts" aside,
    "If you'd like, I can also translate the headline"), or a first- and a second-person pronoun
    together ("Je reste à votre disposition"). News prose speaks of third persons; quotations are
    skipped before this is asked. The evidence, or ""."""
    found = [(m.group(), m.group().casefold().replace("’", "'")) for m in _VOICE_WORD.finditer(sentence)]
    (first, second), output = _voice_people(tgt), word_set("voice-output-words")
    me = next((w for w, f in found if f in first), None)
    you = next((w for w, f in found[1:] if w in _SIE and tgt == "de"), None) \
        or next((w for w, f in found if f in second), None)
    thing = next((w for k, (w, f) in enumerate(found) if f in output and not _site_owned(found, k)), None)
    if (me or you) and thing:
        return f"the output named in the generator's voice ({me or you!r} ... {thing!r})"
    english = _voice_either("en")
    own = next((w for w, f in found if f in english), None)
    if own and tgt and tgt != "en" and len(found) >= 3 and foreign_language(sentence, tgt, ("en",)) == "en":
        return f"the generator's voice in English ({own!r}) in a text in {tgt}"   # "I hope this helps!"
    return ""


def _site_owned(found: list[tuple[str, str]], k: int) -> bool:
    """The output word `found[k]` follows the site's "our" ("nuestro resumen semanal", "our weekly digest"):
    the page's own product, offered to its reader, not a generator's output."""
    return any(f in _cues_set("our") for _, f in found[max(0, k - 2):k])


@functools.lru_cache(maxsize=1)
def _cues_set(kind: str) -> frozenset[str]:
    return frozenset(c.casefold() for c in _cues(kind))


def _merged(spans: list[tuple[int, int, str]], more: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans of `spans` and those of `more` that overlap none of them, in order ("Write an article
    ... Use an enthusiastic tone.": the second order found in English only)."""
    return sorted(spans + [m for m in more if not any(a < m[1] and m[0] < b for a, b, _ in spans)])


def _may_hold_prompt(line: str, starts: Sequence[int]) -> bool:
    """A cheap test: does a sentence of the line open with a word that can open a prompt cue?"""
    for pos in (0, *starts):
        word = line[pos:pos + 24].split(None, 1)
        if word and word[0].strip(_EDGE_PUNCT).lower() in _PROMPT_STARTERS:
            return True
    return False


def _imperative_position(line: str, pos: int) -> bool:
    before = line[:pos].rstrip()
    if not before:
        return True
    if before[-1] in ".!?…:;»”\"|":
        return True
    # Glued to the text before it, with no space: "...munitionsRewrite this article".
    return pos > 0 and not line[pos - 1].isspace() and line[pos - 1].isalpha() and line[pos].isupper()


def _sentence_bounds(line: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        bounds.append((start, m.end()))
        start = m.end()
        while start < len(line) and line[start].isspace():
            start += 1
    if start < len(line):
        bounds.append((start, len(line)))
    return bounds


# --- the page, line by line ------------------------------------------------------------------

@dataclass
class Line:
    """One non-empty line of the MT text: stripped span, and what the analysis made of it."""

    index: int
    start: int
    end: int
    text: str
    kind: str = "content"      # content | junk | prompt (a whole-line leak) | duplicate
    category: str = ""         # the flag category when kind is junk or prompt
    evidence: str = ""
    confidence: float = 0.0
    prompts: tuple[tuple[int, int, str], ...] = ()   # leaked prompt spans, absolute offsets
    key: str = ""              # normalise_line of the text without its prompt parts
    first: int = -1            # for a duplicate, the position in the line list of its first copy
    learned: bool = False      # classified by the line classifier (line_model.py), not by a rule


def split_lines(text: str) -> list[Line]:
    lines = []
    offset = 0
    for number, raw in enumerate(text.split("\n")):
        a, b = 0, len(raw)
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        if a < b:
            lines.append(Line(number, offset + a, offset + b, raw[a:b]))
        offset += len(raw) + 1
    return lines


# The last document analysed, per thread (Dask runs documents in threads of one process).
_LAST = threading.local()


def analyse_lines(doc: DetectionInput) -> list[Line]:
    """Every non-empty line of `doc.hypothesis`, classified as content, junk, prompt or duplicate.

    Shared by the injected-content and structure detectors (the last document is memoised per
    thread, as both run on the same input one after the other).
    """
    last = getattr(_LAST, "value", None)
    if last is not None and last[0] is doc:
        return last[1]
    lines = _analyse(doc)
    _LAST.value = (doc, lines)
    return lines


def _analyse(doc: DetectionInput) -> list[Line]:
    tgt = (doc.tgt_lang or "").split("-")[0].lower()
    others = [lang for lang in dict.fromkeys([(doc.src_lang or "").split("-")[0].lower(), "en"]) if lang]
    lines = split_lines(doc.hypothesis)
    segs = doc.hypothesis_segments
    if segs is None:
        from ..segment import segment

        segs = segment(doc.hypothesis, doc.tgt_lang or "")
    starts: dict[int, list[int]] = {}
    line_of = _line_index(lines)
    for seg in segs:
        k = line_of(seg.start)
        if k is not None:
            starts.setdefault(k, []).append(seg.start - lines[k].start)
    seen: dict[str, int] = {}
    for k, line in enumerate(lines):
        spans = prompt_spans(line.text, tgt) if _may_hold_prompt(line.text, starts.get(k, [0])) else []
        line.prompts = tuple((line.start + a, line.start + b, cue) for a, b, cue in spans)
        rest = line.text
        for a, b, _ in reversed(spans):
            rest = rest[:a] + " " + rest[b:]
        line.key = normalise_line(rest)
        if not spans and len(line.text) <= 400:
            spans = _adjacent_joined(_merged(_merged(chatter_spans(line.text, tgt), foreign_orders(line.text, tgt)),
                                             template_spans(line.text)), line.text)
            if spans and all(why.startswith(_VOICE_EVIDENCE) for _, _, why in spans) \
                    and pattern_junk(line.text, tgt, others):
                spans = []   # a sign-up line addresses its reader too ("... votre boîte mail : je m'inscris")
            if spans:   # (with none, the line's prompts and key stay as they are: none, and the whole line's)
                line.prompts = tuple((line.start + a, line.start + b, cue) for a, b, cue in spans)
                line.key = normalise_line(" ".join(line.text[b:c] for (_, b, _), (c, _, _)
                                                   in zip([(0, 0, "")] + spans, spans + [(len(line.text), 0, "")])))
        whole = _prompt_line(line.text, spans, tgt) if line.key else None
        if whole:
            spans, line.key = [whole], ""
            line.prompts = ((line.start + whole[0], line.start + whole[1], whole[2]),)
        if spans and not line.key:
            line.kind, line.category = "prompt", "addition/prompt-leak"
            line.evidence, line.confidence = f"instruction to a text generator: {spans[0][2]!r}", 0.95
            continue
        verdict = pattern_junk(line.text, tgt, others) or (_teaser(line.text) if k > 0 else None)
        if verdict:
            line.kind, line.category = "junk", "addition/boilerplate"
            line.evidence, line.confidence = verdict
        elif len(line.key) >= 20 and line.key in seen:
            line.kind, line.first = "duplicate", seen[line.key]
        if line.key:
            seen.setdefault(line.key, k)
    sourced = doc.alignment is not None and doc.hypothesis_segments is not None
    if sourced:
        _kept_from_source(doc, lines, tgt)
        _unaligned_lines(doc, lines, tgt, others)
    _learned_lines(doc, lines, tgt, sourced, others)
    for line in lines:
        # A second copy of a junk line is junk, not a duplicated sentence of the article.
        if line.kind == "duplicate" and lines[line.first].kind == "junk":
            first = lines[line.first]
            line.kind, line.category = "junk", first.category
            line.evidence, line.confidence = first.evidence + " (repeated)", first.confidence
    return lines


def _prompt_line(line: str, spans: list[tuple[int, int, str]], tgt: str) -> tuple[int, int, str] | None:
    """The whole line as one leaked prompt, when the rest of a line holding an instruction written in
    English is in English too ("Sure! Below is a French version of the text. I kept the numbers but
    changed the wording ..."): the generator's reply goes on, it is not the article left untranslated."""
    if not spans or not tgt or tgt == "en":
        return None
    said = " ".join(line[a:b] for a, b, _ in spans)
    rest = " ".join(line[b:c] for (_, b, _), (c, _, _) in zip([(0, 0, "")] + spans, spans + [(len(line), 0, "")]))
    if len(words(rest)) < 3 or foreign_language(said, tgt, ("en",)) != "en" \
            or foreign_language(rest, tgt, ("en",)) != "en":
        return None
    end = len(line.rstrip())
    start = len(line) - len(line.lstrip())
    return start, end, f"{spans[0][2]} (the rest of the line is in English too: the generator's reply goes on)"


def pattern_junk(text: str, tgt: str, others: Sequence[str]) -> tuple[str, float] | None:
    """Junk known by its shape alone: (evidence, confidence), or None."""
    plain = text.strip()
    if len(plain) > 300:
        return None  # page furniture is short; a paragraph is article text
    patterns = _patterns()
    if len(plain) <= 40:
        if patterns["ad"].match(plain):
            return "ad marker or ad label", 0.97
        if patterns["nav"].match(plain):
            return "share button or navigation label", 0.85
        if not _ALNUM.search(plain):
            if len(plain) <= 2:
                return "stray punctuation line", 0.9
            return None  # "* * *", "***", "---": a section break, not junk by itself
        if len(plain) <= 3 and plain.islower() and plain.isalpha():
            return "stray tiny line", 0.85
    key = _cue_key(plain[:100])
    furniture = _furniture_keys()
    if key.startswith(furniture):
        cue = next(c for c in furniture if key.startswith(c))
        return f"page furniture: {cue!r}", 0.95
    if patterns["source_link"].match(plain):
        return "scraper's source link", 0.95
    if len(plain) <= 160 and _BREADCRUMB.match(plain):
        return "breadcrumb trail of the site's sections", 0.9
    teaser = patterns["teaser"].match(plain)
    if teaser and (not is_terminal(plain) or "|" in plain or plain.split()[0].isupper()
                   or teaser.group("sep").strip()):
        return f"teaser for another story: {plain[:teaser.start('sep')].strip() or plain.split()[0]!r}", 0.9
    kicker = _CAPS_KICKER.match(plain)
    if kicker and kicker.group(1).split()[0].casefold() in _teaser_openers():
        return f"teaser for another story: an all-caps kicker ({kicker.group(1)!r}) before a headline", 0.85
    byline = patterns["byline"].match(plain)
    if byline and not is_terminal(plain) and len(plain.split()) <= 8 and _looks_like_name(byline.group("name")):
        # (None for a cue the case-blind match reads through a letter lower() keeps apart: "Poſted by")
        cue_lang = _byline_languages().get(" ".join(byline.group("cue").lower().split()))
        if cue_lang is not None and cue_lang != tgt and foreign_language(plain, tgt, others + [cue_lang]):
            return f"byline in another language ({cue_lang}) than the article", 0.85
    return _furniture_by_content(plain, patterns)


_BREADCRUMB = re.compile(pattern("breadcrumb"), re.IGNORECASE)
# an all-caps run of two words or more before a colon, then a headline ("MÁS DE CICLISMO: Así es ...")
_CAPS_KICKER = re.compile(r"^((?:[^\W\d_a-zß-ÿа-яё]{2,}[\s\u00a0]+)+[^\W\d_a-zß-ÿа-яё]{2,})[\s\u00a0]*:[\s\u00a0]*"
                          r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _teaser_openers() -> frozenset[str]:
    """The first words of the teaser cues ("más", "plus", "mehr", "ещё", "read"), the commonest words of
    a language aside ("le", "à", "по": word list `kicker-function-words`): an all-caps kicker opening
    with one of them announces another story."""
    return frozenset(c.split()[0].casefold() for c in _cues("teaser")) - word_set("kicker-function-words")


def _furniture_by_content(plain: str, patterns: dict[str, re.Pattern[str]]) -> tuple[str, float] | None:
    """Page furniture known by what the line holds: a byline with a date stamp, naming a desk or a
    writer, a meta line (section | date | views), an ad label before a teaser, a newsletter
    sign-up, a cookie notice, a share bar."""
    n_words = len(plain.split())
    if n_words > _SIGN_UP_WORDS and _counted_words(plain) > _SIGN_UP_WORDS:
        return _long_cookie_notice(plain, patterns, n_words)   # the rest is short; a paragraph is article text
    lead = patterns["byline_start"].match(plain)
    if lead and n_words <= 16 and not is_terminal(plain):
        rest = plain[lead.end():]
        stamp = _STAMP.search(rest)
        if stamp and rest[:stamp.start()].strip(" |,·-–—")[:1].isupper():
            return f"byline with a date stamp ({stamp.group()!r})", 0.85
        # the desk as the rest's first word, or after an article where a separator parts the byline's fields
        # ("Por el equipo de Movilidad Urbana · Revisado hace 3 horas"; not "Por la mesa de negociación pasaron")
        desk = patterns["newsroom"].match(rest) or _SEPARATORS.search(rest) and \
            patterns["newsroom"].match(rest, _ARTICLE_LEAD.match(rest).end())
        if desk:
            return f"byline naming a desk ({desk.group()!r}), not a writer", 0.85
        # a writer and a desk ("Par Camille Roussel, avec le service Santé"): the hosting site's
        # byline; a writer alone ("Par Jean Dupont") is the article's own
        name, comma, after = rest.partition(",")
        # the desk as a word of its own ("service Santé") or as the end of a compound ("Kulturressort")
        desk = comma and (patterns["newsroom_word"].search(after) or patterns["newsroom"].fullmatch(after.strip()))
        if n_words <= _BYLINE_WORDS and desk and _looks_like_name(name):
            return f"byline naming a writer and a desk ({desk.group()!r})", 0.8
    # a desk opening the line, then a separator, a word of publishing and a date stamp: the hosting site's
    # byline without "By"
    # ("Équipe Escales & Saveurs — mis en ligne le 14 mars à 7 h 52")
    desk = not lead and n_words <= 16 and not is_terminal(plain) and patterns["newsroom"].match(plain)
    parted = desk and _SEPARATORS.search(plain, desk.end())
    published = parted and patterns["published"].search(plain, parted.end())
    stamp = published and _STAMP.search(plain, published.end())
    if stamp:
        return f"byline naming a desk ({desk.group()!r}) with a date stamp ({stamp.group()!r})", 0.85
    signature = _signature(plain, n_words)
    if signature:
        return signature
    fields = [f for f in plain.split("|") if f.strip()]
    if len(fields) >= 3 and n_words <= 16 and _STAMP.search(plain):
        return f"page meta line: {len(fields)} fields with a date stamp ({_STAMP.search(plain).group()!r})", 0.85
    sponsored = patterns["sponsored"].match(plain)
    if sponsored:
        return f"ad label before a teaser: {sponsored.group('cue')!r}", 0.9
    noun = patterns["newsletter"].search(plain)
    # a subscribe word, or a call to receive it opening the line ("Recibe gratis cada lunes el boletín ...")
    verb = noun and (patterns["subscribe"].search(plain)
                     or _call_to_action().match(plain) and patterns["receive"].match(plain))
    if verb and (not is_terminal(plain) or _call_to_action().search(plain) or _addresses_reader(plain)
                 or patterns["reader"].search(plain) or patterns["subscribe_end"].search(plain)):
        # a sign-up speaks to its reader; "sa lettre compte 40 000 abonnés" is a story about a newsletter
        return f"newsletter sign-up ({noun.group()!r}, {verb.group()!r})", 0.9
    mail = patterns["email"].search(plain)
    # a receive or sign-up word, or a call to the reader after a colon ("Apúntate gratis a ...: ... en tu bandeja
    # de entrada", "... a tu bandeja de entrada: date de alta sin coste"; not "Vérifiez votre boîte mail : ...")
    receive = mail and (patterns["receive"].search(plain) or patterns["subscribe"].search(plain)
                        or _clause_call(plain))
    if receive and patterns["reader"].search(plain) and not _REPORTED.search(plain):
        # "... на вашу почту: введите адрес, чтобы получать выпуски"
        return f"e-mail sign-up ({mail.group()!r}, {receive.group()!r}, addressing the reader)", 0.85
    cookie = patterns["cookie"].search(plain)
    consent = cookie and patterns["consent"].search(plain)
    reader = consent and (patterns["reader"].search(plain) or _sentence_call(plain)   # "Fermez ce bandeau ..."
                          or patterns["site_self"].match(plain))   # "Diese Seite setzt Cookies ... ein."
    if reader:
        return f"cookie notice ({cookie.group()!r}, {consent.group()!r}, {reader.group()!r})", 0.9
    networks = [w for w in _SHARE_SPLIT.split(plain[patterns["share_lead"].match(plain).end():]) if w]
    if len(networks) >= 2 and all(w.casefold().strip(":") in _social() for w in networks):
        return f"share bar ({', '.join(networks)})", 0.9
    lead = _SHARE_LEAD_ANY.match(plain)   # any short lead before a colon: "Faire suivre à un proche : Messenger, ..."
    networks = [w for w in _SHARE_SPLIT.split(plain[lead.end():]) if w] if lead else []
    if len(networks) >= 3 and all(w.casefold() in _social() for w in networks) \
            and any(w.casefold() in _SHARE_CHANNELS for w in networks):   # (a list of platforms alone may be
        # the article's: "Les plateformes concernées : Facebook, Instagram, TikTok")
        return f"share bar ({', '.join(networks)}, after {lead.group().strip()!r})", 0.85
    return _furniture_by_shape(plain, n_words) or _site_tools(plain, patterns, n_words)


# an article opening a byline's rest ("el equipo de ...", "la mesa de ...", "the news desk"), or nothing
_ARTICLE_LEAD = re.compile(r"(?:(?:el|la|los|las|le|les|l'|l’|der|die|das|the)[\s\u00a0]*)?", re.IGNORECASE)


# a list of hashtags; items of a list between middle dots or bars; a breadcrumb's separators
_HASHTAG = re.compile(r"(?<![\w#])#[^\W\d_][\w-]*")
_LIST_SEP = re.compile(r"[\s\u00a0][·|•][\s\u00a0]")
_CRUMB_SEP = re.compile(r"[\s\u00a0][/›>»→][\s\u00a0]")
# a slash, a bar or a copyright mark between a photo credit's parts
_CREDIT_PARTS = re.compile(r"[\s\u00a0][/|][\s\u00a0]|©")
# a labelled caption with its credit: "Illustration : une laie et ses marcassins, image transmise par une lectrice"
_CAPTION_WORDS = 20
_LABEL_COLON = re.compile(r"[\s\u00a0]*:")
_SPACE = re.compile(r"[\s\u00a0]+")
# where a caption's credit opens: after a comma or an opening bracket, or after a photo word ("..., image
# transmise par ...", "... al caer la tarde (archivo, derechos reservados)")
_CREDIT_BEFORE = re.compile(r"[,(][\s\u00a0]*(?:(?:" + _alternation(_cues("photo_word")) + r")[\s\u00a0]+)?",
                            re.IGNORECASE)


def _credited_caption(plain: str, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """A caption opened by a photo word or a credit label before a colon that ends on its credit: a credit
    word right after a photo word or a comma ("..., image transmise par une lectrice", "Bildnachweis: ...,
    bereitgestellt von einem Leser"): the evidence, or None."""
    if is_terminal(plain):
        return None
    label = patterns["photo_word"].match(plain)
    if label and not _LABEL_COLON.match(plain, label.end()):
        # a photo word and a credit word as the label ("Image d'illustration :", "Foto de archivo:"): a stock or
        # archive image's caption says so before its colon
        space = _SPACE.match(plain, label.end())
        credit = patterns["photo_credit"].match(plain, space.end()) if space else None
        if credit and _LABEL_COLON.match(plain, credit.end()):
            return f"photo caption labelled as a stock or archive image ({label.group()!r} {credit.group()!r})"
    label = label if label and _LABEL_COLON.match(plain, label.end()) else _shape_patterns()["label"].match(plain)
    if label is None:
        return None
    for before in _CREDIT_BEFORE.finditer(plain, label.end()):
        credit = patterns["photo_credit"].match(plain, before.end())
        if credit:
            word = before.group().strip(", \u00a0")
            said = f"{word!r} {credit.group()!r}" if word else repr(credit.group())
            return f"photo caption with its credit ({label.group().rstrip(': ')!r}: ... {said})"
    return None


def _site_tools(plain: str, patterns: dict[str, re.Pattern[str]], n_words: int) -> tuple[str, float] | None:
    """A site's tools by their shape: a tag list (a label and hashtags), a reading time among page tools,
    a note that the article goes on after an ad, an invitation to follow the site on a network, a list
    of other stories after a label, a breadcrumb trail, an ad label beside another label."""
    tags = _HASHTAG.findall(plain)
    if len(tags) >= 2 and len(_HASHTAG.sub("", plain).split()) <= 3:
        return f"tag list ({' '.join(tags[:3])})", 0.9
    if n_words <= 8 and _LIST_SEP.search(plain) and _DURATION.search(plain):
        return f"reading time among page tools ({_DURATION.search(plain).group()!r})", 0.85
    ad = n_words <= 8 and patterns["ad_word"].search(plain)
    if ad and patterns["continue"].search(plain):
        return f"the article going on after an ad ({ad.group()!r})", 0.9
    paywall = n_words <= 16 and patterns["subscriber"].search(plain)
    rest = paywall and patterns["continue"].search(" ".join(plain.split()[:2]))   # the rest, first
    if rest and patterns["restricted"].search(plain):   # "La suite est réservée aux abonnés"
        return f"a paywall notice ({rest.group()!r} ... {paywall.group()!r})", 0.85
    network = n_words <= 20 and patterns["social_word"].search(plain)
    login = n_words <= 20 and patterns["login"].search(plain)
    talk = login and patterns["talk"].search(plain)
    if talk:   # "Tu opinión cuenta: inicia sesión para participar en la conversación."
        return f"a comment form's sign-in line ({login.group()!r} ... {talk.group()!r})", 0.9
    account = n_words <= 20 and patterns["account"].search(plain)
    talk = account and patterns["talk"].search(plain)
    offer = talk and (patterns["reader"].search(plain) or patterns["free"].search(plain)
                      or _call_to_action().match(plain))
    if offer:   # "Mitreden erwünscht: Für Leserkommentare ist ein kostenloses Konto nötig."
        return f"a comment form's sign-in line ({account.group()!r} ... {talk.group()!r} ... {offer.group()!r})", 0.85
    photo = n_words <= 12 and not is_terminal(plain) and patterns["photo_word"].match(plain)
    credit = photo and patterns["photo_credit"].search(plain, photo.end())
    if credit and len(plain[photo.end():credit.start()].split()) <= 1 and (n_words <= 6 or _CREDIT_PARTS.search(plain)):
        # the credit word next but one at most, in a credit's few words or one a slash parts ("Снимок
        # предоставлен водным фондом / иллюстративное изображение"; not "Image provided to the council shows ...")
        return f"photo credit ({photo.group()!r} ... {credit.group()!r})", 0.85
    credited = n_words <= _CAPTION_WORDS and _credited_caption(plain, patterns)
    if credited:
        return credited, 0.85
    talk = n_words <= 20 and patterns["talk"].search(plain)
    call = talk and (_call_to_action().match(plain) or _clause_call(plain) or _sentence_call(plain))
    if call:   # "Оставьте своё мнение под статьёй — комментарии публикуются после проверки модератором."
        return f"an invitation to comment ({call.group()!r} ... {talk.group()!r})", 0.85
    store = n_words <= 25 and patterns["store"].search(plain)
    if store and (patterns["our"].search(plain) or _call_to_action().match(plain)):
        return f"an app prompt ({store.group()!r})", 0.85
    app = n_words <= 25 and not store and patterns["app"].search(plain)
    told = app and _addresses_reader(plain) and (patterns["our"].search(plain) or _call_to_action().match(plain)
                                                 or _clause_call(plain) or _sentence_call(plain))
    if told:   # "Suivez l'info ... : installez l'application ... sur votre téléphone", "Baja gratis nuestra aplicación"
        return f"an app prompt ({app.group()!r}, addressing the reader)", 0.85
    trial = n_words <= 25 and patterns["trial"].search(plain)
    offer = trial and (patterns["our"].search(plain) or _call_to_action().match(plain) or _addresses_reader(plain)
                       or _PRICE.search(plain) and patterns["subscribe"].search(plain))
    if offer:   # the site's own offer: its "our", an order or "you", or a price to subscribe
        said = offer.group() if isinstance(offer, re.Match) else "addressing the reader"
        return f"a subscription offer ({trial.group()!r} ... {said!r})", 0.85
    ours = network and patterns["our"].search(plain)
    if ours and (_call_to_action().match(plain) or _addresses_reader(plain) or _clause_call(plain)):
        return f"an invitation to follow the site ({ours.group()!r} ... {network.group()!r})", 0.85
    return _site_lists(plain, patterns, n_words)


def _site_lists(plain: str, patterns: dict[str, re.Pattern[str]], n_words: int) -> tuple[str, float] | None:
    """Lists of a site's: other stories after a short label, a breadcrumb trail, ad labels."""
    label, colon, rest = plain.partition(":")
    if colon and len(label.split()) <= 3 and len(_LIST_SEP.split(rest)) >= 2 and not is_terminal(plain):
        return f"a list after a label ({label.strip()!r}): other stories or page tools", 0.85
    crumbs = _CRUMB_SEP.split(plain)
    if len(crumbs) >= 4 and n_words <= 14 and all(c[:1].isupper() and len(c.split()) <= 4 for c in crumbs) \
            and not is_terminal(plain):
        return f"breadcrumb trail ({' / '.join(crumbs[:3])} ...)", 0.85
    parts = [p.strip() for p in re.split(r"[–—·|•↓→*]", plain) if p.strip()]
    if len(parts) <= 3 and len(parts) < len(plain.split()) + 1 and n_words <= 6 and re.search(r"[–—·|•↓→*]", plain) \
            and any(patterns["ad"].match(p) or patterns["sponsored_label"].match(p) for p in parts):
        label = next(p for p in parts if patterns["ad"].match(p) or patterns["sponsored_label"].match(p))
        return f"ad label ({label!r})", 0.9
    return None


def _long_cookie_notice(plain: str, patterns: dict[str, re.Pattern[str]], n_words: int) -> tuple[str, float] | None:
    """A cookie notice of two sentences or so ("Ce site utilise des traceurs pour mesurer son audience. Vous
    pouvez modifier vos choix à tout moment ..."): a cookie word, two consent or site words and two words
    addressing the reader (an article on cookie rules names the rules, not the reader's choices)."""
    if n_words > _COOKIE_WORDS:
        return None
    cookie = patterns["cookie"].search(plain)
    consent = sorted({m.group().casefold() for m in patterns["consent"].finditer(plain)}) if cookie else []
    reader = sorted({m.group().casefold() for m in patterns["reader"].finditer(plain)}) if len(consent) >= 2 else []
    if len(reader) < 2 or any(q in _INTERFACE_LABEL.sub(_unquoted_label(patterns), plain) for q in "\"“”«»„"):
        return None   # quoted speech about cookie rules; a quoted link label is no quotation
    return f"cookie notice ({cookie.group()!r}, {consent[0]!r}, {consent[1]!r}, {reader[0]!r}, {reader[1]!r})", 0.85


# a short quoted label: the name of a link or a button ("« Paramètres de confidentialité »")
_INTERFACE_LABEL = re.compile(r"[«\"“„][\s\u00a0]*([^\W\d_]+(?:[\s\u00a0'’-]+[^\W\d_]+){0,3})[\s\u00a0]*[»\"”“]")


def _unquoted_label(patterns: dict[str, re.Pattern[str]]):
    """A replacement for _INTERFACE_LABEL: the label without its quotes where a consent word names a setting."""
    return lambda m: m.group(1) if patterns["consent"].search(m.group(1)) else m.group()


# a cookie notice of two sentences: at most these words
_COOKIE_WORDS = 45
# a signature: "Julie Marchand, rédactrice web", "Ivan Petrov, korrespondent": at most these words
_SIGNATURE_WORDS = 7


def _signature(plain: str, n_words: int) -> tuple[str, float] | None:
    """A writer's signature with no byline cue: a name of two or three capitalised words, a comma and a
    newsroom job, and no sentence punctuation ("Emmanuel Macron, président" names no newsroom job)."""
    if n_words > _SIGNATURE_WORDS or is_terminal(plain) or plain.count(",") != 1:
        return None
    name, _, job = plain.partition(",")
    parts = name.split()
    if not 2 <= len(parts) <= 3 or not all(p[:1].isupper() and _WORD.fullmatch(p.replace("-", "")) for p in parts):
        return None
    role = _patterns()["role"].match(job.strip())
    if role and len(job.split()) <= 4:
        return f"signature: a name and a newsroom job ({role.group()!r}), no sentence", 0.8
    return None


# --- page furniture by its shape: generic features, not wording learnt from one corpus ----------

# an interface word's stem this short is matched as a whole word (or its plural)
_WHOLE_WORD_STEM = 3


@functools.lru_cache(maxsize=1)
def _shape_patterns() -> dict[str, re.Pattern[str]]:
    """Interface words (stems), the page naming itself, credit/tag labels, agencies, the reader."""
    def stems(kind: str, cues: Sequence[str] | None = None) -> str:
        return r"(?<![^\W\d_])(?:" + _alternation(_cues(kind) if cues is None else cues) + r")"

    def interface(kind: str) -> str:
        # a stem of three letters or fewer is a whole word, or its plural: "app", "apps", not "apprentis"
        short = [c for c in _cues(kind) if len(c) <= _WHOLE_WORD_STEM]
        longer = stems(kind, [c for c in _cues(kind) if len(c) > _WHOLE_WORD_STEM])
        return longer + (r"|(?<![^\W\d_])(?:" + "|".join(map(_cue_regex, short)) + r")s?(?![^\W\d_])" if short else "")
    return {
        "ui": re.compile(interface("ui") + "|" + stems("self"), re.IGNORECASE),
        "label": re.compile(r"^(?:" + _alternation(_cues("label")) + r")(?:[\s\u00a0]+[^\W\d_]+(?:['’][^\W\d_]+)?){0,2}"
                            r"[\s\u00a0]*:",
                            re.IGNORECASE),
        "agency": re.compile(stems("agency") + r"(?![^\W\d_])", re.IGNORECASE),
        "reader": re.compile(stems("reader") + r"(?![^\W\d_])", re.IGNORECASE),
        "rights": re.compile(stems("rights") + r"(?![^\W\d_])", re.IGNORECASE),
    }


# separators of a menu trail or a button row; "©", links, handles and addresses; "12 comments";
# an imperative opening the line (French -ez, Russian -йте/-ите, Spanish -te after an accent)
_SEPARATORS = re.compile(r"[\s\u00a0](?:[|›»>·•→/—–]|--?)[\s\u00a0]")
_CREDIT_MARK = re.compile(r"©|\b(?:https?://|www\.)\S+|(?<!\w)@\w{2,}|\b[\w.+-]+@[\w-]+\.\w{2,}\b")
# a line opening with a copyright mark and a year or a name: "© 2024 Montagne Actu", "Copyright © Reuters",
# "Copyright 2023 ..." ("Copyright law ..." opens a sentence of the article)
_COPYRIGHT = re.compile(r"^(?:©|copyright[\s\u00a0]*(?:©|(?=\d{4})))[\s\u00a0]*(?:\d{4}|[^\W\d_])", re.IGNORECASE)
_COUNT = re.compile(r"^\(?\d[\d\s.,]*\)?[\s\u00a0]+([^\W\d_]+)$")
_IMPERATIVE = re.compile(r"^(?:[^\W\d_]{3,}ez|[а-яё]{3,}(?:йте|ите|ьте)(?:сь)?|[^\W\d_]*[áéíóú][^\W\d_]*te)\b",
                         re.IGNORECASE)


def _clause_call(plain: str) -> re.Match[str] | None:
    """An imperative opening what follows a colon or a dash in the line ("... в нашем канале: присоединяйтесь
    по ссылке"), addressing its reader."""
    return next(filter(None, (_call_to_action().match(plain[m.end():]) for m in _AFTER_COLON.finditer(plain))), None)


# a colon or a dash inside a line, and the spaces after it
_AFTER_COLON = re.compile(r"[:—–][\s\u00a0]+")


def _sentence_call(plain: str) -> re.Match[str] | None:
    """An imperative opening a sentence of the line (`_call_to_action`), addressing its reader."""
    return next(filter(None, (_call_to_action().match(plain[a:]) for a, _ in _sentence_bounds(plain))), None)


@functools.lru_cache(maxsize=1)
def _call_to_action() -> re.Pattern[str]:
    """An imperative opening the line: by its ending (French -ez, Russian -йте/-ите, Spanish accented
    forms with a pronoun) or one of the call-to-action verbs of evalkit/data/junk_cues.tsv."""
    return re.compile(_IMPERATIVE.pattern + r"|^(?:" + _alternation(_cues("imperative")) + r")(?![^\W\d_])",
                      re.IGNORECASE)
_DURATION = re.compile(r"\b\d+[\s\u00a0]*" + pattern("duration-units"), re.IGNORECASE)
# the age mark adverts carry by law in several countries ("18+", "16+")
_AGE_MARK = re.compile(r"(?<![\w+])(?:6|12|16|18|21)\+(?![\w+])")
_PRICE = re.compile(r"\d\s?[€$£₽]|[€$£]\s?\d|\d\s(?:руб|euro)", re.IGNORECASE)
# furniture is short
_SHAPE_WORDS = 16


# German "sie", "ihr", "ihre", "ihnen" address the reader only capitalised ("Melden Sie sich an")
_CASED_ADDRESS = frozenset({"sie", "ihr", "ihre", "ihnen"})


def _addresses(word: str) -> bool:
    return word.lower() not in _CASED_ADDRESS or word[0].isupper()


def _credited(rest: str, pats: dict[str, re.Pattern[str]]) -> bool:
    """What follows a "Photo:" or "Tags:" label is a credit or a tag list, not a headline: a few
    words with a slash, a bar or commas, an agency or the newsroom ("archivo fotográfico de la redacción"),
    or names only; up to ten words when a slash or a bar parts them ("service iconographique de la
    rédaction / DR")."""
    parts = rest.split()
    parted = re.search(r"[/|]", rest)
    if not 1 <= _counted_words(rest) <= (_PARTED_CREDIT_WORDS if parted else 6):
        return False   # (the words, not the slash or bar between them)
    return bool(parted or "," in rest or pats["agency"].search(rest) or _patterns()["newsroom_word"].search(rest)
                or all(p[0].isupper() for p in parts))


# "Passend dazu: Elbvertiefung – was ...": a label of two or three words, a colon, a capitalised headline
# (a title's label is one word: "Schneemangel: Biathlon-Weltcup muss Ruhpolding verlassen")
_TEASER = re.compile(r"([^\W\d_]+(?:[ \u00a0][^\W\d_]+){1,2})[ \u00a0]?:[ \u00a0]+([^\W\d_a-zà-ÿ].*)\Z")
# the most words of a credit whose parts a slash or a bar separates
_PARTED_CREDIT_WORDS = 10


def _field_separators(plain: str) -> str:
    """The separators of a menu trail's fields in `plain`: a closing guillemet closes a quotation where its
    opening one is there ("получила «Золотую пальмовую ветвь»"), and separates fields only where it is not."""
    marks = "|>·•→" + ("" if "«" in plain else "»") + ("" if "‹" in plain else "›")
    return "[" + re.escape(marks) + "]"


def _counted_words(plain: str) -> int:
    """The words of a line as its length limits count them: without the marks between them ("©", "—", "|")."""
    return len(_COUNTED_WORD.findall(plain))


# a word of str.split() (\S is what str.isspace is not) that holds a letter or a digit: matched from the
# word's start up to that letter, once per word (one scan of the line, not a regex search per word)
_COUNTED_WORD = re.compile(r"(?<!\S)\S*?[^\W_]")


def _furniture_by_shape(plain: str, n_words: int) -> tuple[str, float] | None:
    """A short line judged by what it is: interface words with the reader addressed or no sentence
    punctuation, a credit mark, a label before a colon, a menu trail, a count of comments, an
    all-caps ad label, a date stamp with an agency or a separator. The evidence names the features."""
    if n_words > _SHAPE_WORDS and _counted_words(plain) > _SHAPE_WORDS:
        return None
    if _COPYRIGHT.match(plain):
        return f"copyright notice ({plain.split()[0]!r} opening the line)", 0.9
    pats = _shape_patterns()
    rights = pats["rights"].search(plain)
    if rights and (rights.start() == 0 or not plain[rights.end():].strip(" .!)]")):
        # opening or closing the line: "banque d'images partenaire – reproduction interdite", "Alle Rechte
        # vorbehalten." ("La reproduction interdite des œuvres ..." is a sentence about it)
        return f"rights notice ({rights.group()!r})", 0.85
    terminal = is_terminal(plain)
    ui = [m.group() for m in pats["ui"].finditer(plain)]
    addressed = next((m for m in pats["reader"].finditer(plain) if _addresses(m.group())), None) or \
        _call_to_action().match(plain)
    age = _AGE_MARK.search(plain)
    if age and (_PRICE.search(plain) or ui):
        return f"advert: an age mark ({age.group()!r}) with a price or an interface word", 0.85
    if not terminal:
        widget = _widget_or_network(plain, ui, addressed, n_words)
        if widget:
            return widget, 0.8
        if _CREDIT_MARK.search(plain) and n_words <= 10:
            return f"credit or link line ({_CREDIT_MARK.search(plain).group()!r})", 0.85
        label = pats["label"].match(plain)
        if label and (_credited(plain[label.end():], pats) or "©" in plain[label.end():]):
            # (a caption after the label is a credit too where a copyright mark closes it: "Photo d'illustration :
            # le port un matin de tempête © Archives de la rédaction")
            return f"credit or tag label ({label.group().rstrip(': ')!r})", 0.85
        if label and _tag_items(plain[label.end():]):
            # "Etiquetas: seguros, inundaciones, río Murray, vivienda": the label and three short items or more
            return f"tag list ({label.group().rstrip(': ')!r} and its items)", 0.85
        fields = [f for f in re.split(_field_separators(plain), plain) if f.strip()]
        if len(fields) >= 3 and all(len(f.split()) <= 4 for f in fields):
            return f"menu trail or button row ({len(fields)} short fields between separators)", 0.85
        count = _COUNT.match(plain)
        if count and pats["ui"].match(count.group(1)):
            return f"a count of {count.group(1)!r}", 0.85
        stamp = _STAMP.search(plain)
        if stamp and n_words <= 12 and (ui or pats["agency"].search(plain) or _SEPARATORS.search(plain)):
            return f"date stamp ({stamp.group()!r}) with a credit, a separator or interface words", 0.8
        if ui and plain.isupper() and n_words <= 4:
            return f"all-caps label with an interface word ({ui[0]!r})", 0.85
        # an interface phrase counts as one word ("Listen to this article", "Écouter cet article")
        if ui and n_words - len(ui[0].split()) + 1 <= 3:
            return f"short interface label ({ui[0]!r})", 0.8
        credit = _agency_credit(plain)
        if credit:
            return credit, 0.85
        agency = pats["agency"].search(plain)
        if ui and agency and n_words <= 10:
            return f"credit note: interface words ({ui[0]!r}) naming an agency ({agency.group()!r})", 0.8
        duration = _DURATION.search(plain)
        if ui and duration and (n_words <= 8 or _SEPARATORS.search(plain)):
            # "3 min de lecture", "Actualizado hace 2 horas": a reading time or a post's age, not a report
            return f"interface label ({ui[0]!r}) with a duration ({duration.group()!r})", 0.8
        if ui and n_words <= 10 and (_SEPARATORS.search(plain) or _PRICE.search(plain)):
            return f"interface word ({ui[0]!r}) with a separator or a price", 0.8
    # an exclamation is how a call to action ends ("... keine Eilmeldung verpassen!"), not a report
    exclaimed = plain.endswith("!") and not any(q in plain for q in "\"“”«»„")   # a quotation is the article's
    if len(ui) >= 2 and (not terminal or addressed or exclaimed):
        return f"interface words ({', '.join(repr(w) for w in ui[:3])})" + (
            " addressing the reader" if addressed else " without sentence punctuation" if not terminal
            else " in an exclamation"), 0.8
    if ui and addressed and not terminal:
        return f"interface word ({ui[0]!r}) addressing the reader ({addressed.group()!r})", 0.8
    return None


def _teaser(text: str) -> tuple[str, float] | None:
    """A label of two or three words, a colon and a headline of four words or more with no sentence
    punctuation ("Passend dazu: Elbvertiefung – was ..."), not the document's title (asked of other
    lines only: a title may open the same way, "IN ZAHLEN: Die Osloer Stadtteile, ...")."""
    plain = text.strip()
    teaser = None if is_terminal(plain) or len(plain.split()) > _SHAPE_WORDS else _TEASER.match(plain)
    if teaser and len(teaser.group(2).split()) >= 4:
        return (f"teaser: a label of a few words ({teaser.group(1)!r}) before a headline with no sentence "
                "punctuation"), 0.75
    return None


def _widget_or_network(plain: str, ui: list[str], addressed: re.Match[str] | None, n_words: int) -> str:
    """An unpunctuated short line that is a widget (a close button, a rating: "Fermer la publicité ✕",
    "Оцените материал: ★★★★★") or an invitation to a social network or messenger ("Únete a nuestro
    canal de WhatsApp"): the evidence, or ""."""
    tokens = plain.split()
    glyphs = "".join(sorted(_widget_glyphs()))
    glyph = next((t for t in tokens if not t.strip(glyphs)), "")
    if glyph and (ui or addressed) and n_words <= 8:
        why = f"interface word {ui[0]!r}" if ui else f"the reader addressed ({addressed.group()!r})"
        return f"interface widget: the button or rating mark {glyph!r} with {why}"
    # an invitation speaks to the reader (an imperative, "you"), not for the newsroom ("our reporter")
    you = _call_to_action().match(plain) or next((w for w in _WORD.findall(plain) if w.casefold() in _second_person()
                                            and _addresses(w)), None)
    if you and n_words <= 12:
        network = next((w for w in _SHARE_SPLIT.split(plain) if len(w) >= 2 and w.casefold() in _social()), "")
        if network:
            said = you if isinstance(you, str) else you.group()
            return f"an invitation to {network!r} addressing the reader ({said!r})"
    return ""


def _agency_credit(plain: str) -> str:
    """A credit line of agency names and nothing else but the words beside them ("Redacción /
    Agencias", "Von dpa/AFP"): the evidence, or ""."""
    agency = _shape_patterns()["agency"]
    named = [m.group() for m in agency.finditer(plain)]
    rest = [t.casefold() for t in re.split(r"[\s\u00a0/|,&+·]+", agency.sub(" ", plain)) if t]
    nouns, links = _agency_words("agency_noun"), _agency_words("agency_word")
    if not all(t in nouns or t in links for t in rest) or len(plain.split()) > 6:
        return ""
    if named:
        return f"agency credit ({', '.join(named)}): no sentence"
    if 2 <= len(rest) <= 3 and any(t in nouns for t in rest):
        return f"agency credit ({plain!r}): no sentence"
    return ""


@functools.lru_cache(maxsize=2)
def _agency_words(kind: str) -> frozenset[str]:
    return frozenset(c.casefold() for c in values("junk_cues", "cue", kind=kind))


@functools.lru_cache(maxsize=1)
def _second_person() -> frozenset[str]:
    return frozenset(c.casefold() for c in values("junk_cues", "cue", kind="you"))


@functools.lru_cache(maxsize=1)
def _widget_glyphs() -> frozenset[str]:
    return frozenset(values("junk_cues", "cue", kind="widget"))


@functools.lru_cache(maxsize=1)
def _social() -> frozenset[str]:
    """The words of a share bar: the social networks (junk_cues.tsv) and the mail and print channels."""
    return frozenset(c.casefold() for c in values("junk_cues", "cue", kind="social")) | _SHARE_CHANNELS


def _looks_like_name(name: str) -> bool:
    parts = [p for p in re.split(r"[\s\u00a0]+", name.strip()) if p]
    if not 1 <= len(parts) <= 12 or not parts[0][0].isupper():
        return False
    # "Jean Dupont", "Rudolf van Dijk": the first two or three words are mostly capitalised.
    head = parts[:3]
    return sum(1 for p in head if p[0].isupper()) >= max(1, len(head) - 1)


def _kept_from_source(doc: DetectionInput, lines: list[Line], tgt: str) -> None:
    """A junk-looking line whose aligned source text is the same kind of furniture (a photo credit
    the article carries, "Mikhail Metzel | TASS | Getty Images") was translated, not injected."""
    segs, source_segs = doc.hypothesis_segments or (), doc.source_segments or ()
    if not source_segs or not any(line.kind == "junk" for line in lines):
        return
    src_lang = (doc.src_lang or "").split("-")[0].lower()
    line_of = _line_index(lines)
    sources: dict[int, list[int]] = {}
    for link in doc.alignment or ():
        for j in link.target:
            k = line_of(segs[j].start) if j < len(segs) else None
            if k is not None:
                sources.setdefault(k, []).extend(link.source)
    for k, linked in sources.items():
        line = lines[k]
        if line.kind != "junk" or not linked:
            continue
        text = " ".join(source_segs[i].text for i in sorted(set(linked)) if i < len(source_segs))
        if pattern_junk(text, src_lang, [tgt]):
            line.kind, line.category, line.evidence, line.confidence = "content", "", "", 0.0


def _unaligned_lines(doc: DetectionInput, lines: list[Line], tgt: str, others: Sequence[str]) -> None:
    """A line with no source counterpart at all (all its segments in 0-1 links) that reads as a
    headline, a fragment or another language is junk; one that reads as prose is left to the
    structure detector (accuracy/addition)."""
    covered = _coverage(doc, lines)
    beside_junk = _beside_junk_pairs(doc, lines, _line_index(lines))
    for k, flags in covered.items():
        line = lines[k]
        if any(flags) or line.kind != "content" or line.prompts:
            continue
        text = line.text
        n = len(words(text))
        foreign = foreign_language(text, tgt, others) if n >= 3 else None
        if foreign and _learned_prompt(text, tgt):
            continue   # a prompt in the source language, not junk: _learned_lines says so with its evidence
        if foreign and learned_kind(text, tgt) == "prompt":
            # an instruction in the source language ("Redo the paragraph above ..."): a prompt, not junk
            line.kind, line.category, line.key = "prompt", "addition/prompt-leak", ""
            line.prompts = ((line.start, line.end, ""),)
            line.evidence, line.confidence = (f"no source counterpart, written in {foreign}; the line classifier "
                                              f"reads it as a leaked prompt rather than junk "
                                              f"({line_model().verdict(text).probability:.2f})"), 0.7
            line.learned = True   # flagged as the classifier's verdicts are: major, with this evidence
            continue
        if foreign:
            why = f"no source counterpart, written in {foreign}"
        elif _headline_like(text, len(flags)) and not dangling_end(text, tgt) and k not in beside_junk:
            # (a cut sentence is no headline, nor is the line beside a junk line the aligner paired with a
            # source sentence by length: it may render that sentence, cut short)
            why = "no source counterpart, headline-like (no sentence punctuation)"
        else:
            continue
        line.kind, line.category = "junk", "addition/boilerplate"
        line.evidence, line.confidence = why, 0.7


def _coverage(doc: DetectionInput, lines: list[Line], held: Callable | None = None) -> dict[int, list[bool]]:
    """For each line holding a segment, whether each of its segments has a source counterpart (with `held`,
    one whose link `held(doc, link)` does not call held by length alone)."""
    aligned: set[int] = set()
    for link in doc.alignment or ():
        if link.source and not (held and held(doc, link)):
            aligned.update(link.target)
    covered: dict[int, list[bool]] = {}
    line_of = _line_index(lines)
    for j, seg in enumerate(doc.hypothesis_segments or ()):
        k = line_of(seg.start)
        if k is not None:
            covered.setdefault(k, []).append(j in aligned)
    return covered


def _unaligned(doc: DetectionInput, lines: list[Line], held: Callable | None = None) -> set[int]:
    """The lines none of whose segments has a source counterpart, or one the aligner held by length alone
    (`held`, by default _held_by_length: as when it pairs a sentence the MT left out with a junk line
    standing at its place)."""
    return {k for k, flags in _coverage(doc, lines, held or _held_by_length).items() if not any(flags)}


def _plainly_held(doc: DetectionInput, link) -> bool:
    """A link the aligner itself costs as one held by length alone (LENGTH_SURE or more), or one held by length
    whose sides share nothing the aligner anchors on and that pairs sentences with lines none of which ends as a
    sentence does: a teaser standing where a sentence was left out ("Découvrez aussi : le coton burkinabè attire
    de nouveaux acheteurs" for "A press now does the heaviest work."), no rendering of it."""
    if link.score >= LENGTH_SURE:
        return True
    if link.score < LENGTH_ONLY or not doc.source_segments or not doc.hypothesis_segments:
        return False
    source = [doc.source_segments[i].text for i in link.source]
    target = [doc.hypothesis_segments[j].text for j in link.target]
    return bool(source and target) and all(map(is_terminal, source)) and not any(map(is_terminal, target)) \
        and not shares_anything(" ".join(source), " ".join(target), doc.src_lang or "en", doc.tgt_lang or "")


def _held_by_length(doc: DetectionInput, link) -> bool:
    """The aligner held the link by the sentences' lengths alone: it costs LENGTH_ONLY or more, or, where the
    aligner has a dictionary for the pair of languages (Russian), its two sides share no word, number or
    mark the aligner anchors on, nor a pair the dictionary gives. (Without a dictionary a rendering may share
    nothing: "Abschnitt" for section.)"""
    if link.score >= LENGTH_ONLY:
        return True
    src, tgt = doc.src_lang or "en", doc.tgt_lang or ""
    if not doc.source_segments or not doc.hypothesis_segments or not has_dictionary(src, tgt):
        return False
    source = " ".join(doc.source_segments[i].text for i in link.source)
    target = " ".join(doc.hypothesis_segments[j].text for j in link.target)
    return not shares_anything(source, target, src, tgt)


# the cost of an alignment link held by the sentences' lengths alone (alignment/aligner.py: a link whose
# anchors agree is below 0, one held only by its length a little above)
LENGTH_ONLY = 0.0
# ... and from this cost the aligner's link itself says so: its line is asked as one with no counterpart is
LENGTH_SURE = 1.0


# how sure the line classifier must be that a line no rule classified is junk or a prompt: with the source, of
# a line with no source counterpart; without it, from the whole line, and from what it says alone (its words,
# not its shape: a headline "X: Y" without a full stop has a junk's shape) at LEARNED_ALONE_SAID. Chosen on the
# tuning splits, each left out of the training in turn: docs/detectors-structural.md ("The line classifier")
LEARNED_UNALIGNED = 0.9
LEARNED_ALONE = 0.9
LEARNED_ALONE_SAID = 0.7
# a prompt, with the source or without, from what it says alone at this (article prose presenting a
# document, "Voici le texte de la résolution :", an editor's note or a bracketed credit reads as a prompt
# by its shape and a word or two; at 0.8 the retrained model reads "[Photo : AFP]" as one)
LEARNED_PROMPT_SAID = 0.95
# the fewest words a line needs for the classifier to read it (a shorter one is a label or a title: rules only)
_LEARNED_WORDS = 3
# what a line known to render nothing of the source is, by the classifier: prompt or junk rather than prose
LEARNED_KIND = 0.5
# a label of one to six words, then a colon or a spaced separator, then more: a teaser's shape ("Rubrique voisine :
# ...", "Lo más leído hoy ➜ ..."), which a truncated rendering does not have
TEASER_LABEL = re.compile(r"^(?:[^\W\d_]+['’]?[\s\u00a0]+){0,5}[^\W\d_]+"
                           r"(?:[\s\u00a0]*:|[\s\u00a0]+(?:[|›»>·•→➜—–]|>>|--?))[\s\u00a0]+\S")


def learned_kind(text: str, tgt: str) -> str | None:
    """"prompt" or "junk" where the line classifier reads `text` as more likely either than article prose
    (on a page in a language it was trained on), else None: what a line already known to be no rendering
    of the source is (an English instruction, an MT sentence with no counterpart)."""
    model = line_model()
    if model is None or tgt not in model.languages:
        return None
    v = model.verdict(text)
    return v.label if v.probability >= LEARNED_KIND else None


def _learned_prompt(text: str, tgt: str) -> bool:
    """The line classifier reads the line as a leaked prompt, as sure as _learned_lines asks of a line with no
    source counterpart ("[Instruction: adapt for a Russian audience ...]" in a Russian page: no junk)."""
    model = line_model()
    if model is None or tgt not in model.languages:
        return False
    v = model.verdict(text)
    return v.label == "prompt" and v.probability >= LEARNED_UNALIGNED and v.said >= LEARNED_PROMPT_SAID


def _learned_lines(doc: DetectionInput, lines: list[Line], tgt: str, sourced: bool, others: Sequence[str]) -> None:
    """The content lines no rule classified that the line classifier (line_model.py) reads as site junk or a
    leaked prompt, on a page in a language it was trained on (its English prompts sat in pages of other
    languages: on an English page it would read English prose about rewriting as one). With the source
    (`sourced`) only a line with no source counterpart is asked: one the source has is the article's, or junk
    the source carries too. Without it, a line in another language (`others`: the source's) that the classifier
    reads as a prompt rather than prose at all (LEARNED_KIND) is one: an untranslated sentence reads as prose (of
    355 English MT lines of article prose on the tuning splits, each fold left out of the training, the highest
    reads 0.05; 339 of 349 English prompts reach 0.5: `benchmarks.line_model_cv`)."""
    model = line_model()
    if model is None or tgt not in model.languages:
        return
    unaligned = _unaligned(doc, lines) if sourced else None
    plainly = _unaligned(doc, lines, _plainly_held) if sourced else None
    for k, line in enumerate(lines):
        if line.kind != "content" or line.prompts or unaligned is not None and k not in unaligned \
                or _article_note(line.text) or _REPORTED.search(line.text) or len(line.text.split()) < _LEARNED_WORDS:
            continue   # (someone in the article speaking, "« ... », rappelle la présidente"; a label of two words
            # or one, "Premier paragraphe.", says too little for the classifier to read)
        v = model.verdict(line.text)
        # a line paired by a cheap link that shares nothing needs to be sure from its words too, as without
        # the source ("Bauchgefühl: Vermisste Frau ist nicht im Fluss", a headline, read as junk by its shape to the
        # weights of the twelfth session); one plainly held (no sentence's end where its source sentences have
        # one, nothing shared) less so, and one of those with a teaser's label before its headline less still:
        # junk where the classifier reads it as junk rather than prose ("Rubrique voisine : les paniers tressés
        # reviennent en vitrine ...", 0.62; a truncated rendering has no label)
        if plainly is not None and k in plainly:
            sure = v.probability >= (LEARNED_KIND if TEASER_LABEL.match(line.text) else LEARNED_UNALIGNED)
        else:
            sure = v.probability >= LEARNED_ALONE and v.said >= LEARNED_ALONE_SAID
        foreign = None
        if not sure or v.label == "prompt" and v.said < LEARNED_PROMPT_SAID:
            foreign = not sourced and v.label == "prompt" and v.probability >= LEARNED_KIND \
                and foreign_language(line.text, tgt, others)
            if not foreign:
                continue
        what = "site junk" if v.label == "junk" else "a leaked prompt or a text generator's chatter"
        words = f", its strongest words {', '.join(repr(c) for c in v.cues)}" if v.cues else ""
        line.evidence = (f"the line classifier reads it as {what} ({v.probability:.2f}; from its words alone "
                         f"{v.said:.2f}){words}"
                         + ("; no source counterpart (none, or one held by length alone)" if unaligned is not None
                            else "")
                         + (f"; written in {foreign}, where an untranslated sentence reads as article prose"
                            if foreign else ""))
        line.confidence, line.learned = round(min(v.probability, 0.9), 2), True
        if v.label == "junk":
            line.kind, line.category = "junk", "addition/boilerplate"
        else:
            line.kind, line.category, line.key = "prompt", "addition/prompt-leak", ""
            line.prompts = ((line.start, line.end, ""),)


@functools.lru_cache(maxsize=1)
def _article_note_label() -> re.Pattern[str]:
    return re.compile(r"^(?:" + _alternation(_cues("article_note")) + r")[\s\u00a0]*:[\s\u00a0]*", re.IGNORECASE)


def _article_note(text: str) -> bool:
    """A publisher's note on the article, a sentence after its label ("Note de la rédaction : une version
    précédente de cet article indiquait ...", "Aktualisierung: Dieser Artikel wurde ... ergänzt."): the article's
    own, which the line classifier, reading "article" and "version", takes for a generator's chatter. Not one whose
    body holds a generator's words (`_NOT_IN_NOTES`: "Mise à jour : veuillez reformuler cet article ...",
    "Korrektur: Dieser Text wurde automatisch übersetzt ..."), which the classifier is left to read."""
    label = _article_note_label().match(text)
    if label is None or not is_terminal(text) or len(text[label.end():].split()) < _NOTE_WORDS:
        return False
    pats = _chatter_patterns()
    return not any(pats[k].search(text, label.end()) for k in _NOT_IN_NOTES)


# what a generator's words hold and a publisher's note does not: an order to change the text, a word of rewriting,
# how the text was made, a machine's translation, the generator's or its user's first and second person
_NOT_IN_NOTES = ("change", "rewrite", "made", "machine", "voice")
# the fewest words of a publisher's note's sentence (not a date stamp, "Mise à jour : 12 mars, 18 h 05")
_NOTE_WORDS = 6


def _beside_junk_pairs(doc: DetectionInput, lines: list[Line], line_of) -> set[int]:
    """The lines of the MT-only links next to a link that pairs a source sentence with junk lines only."""
    segs, links = doc.hypothesis_segments or (), list(doc.alignment or ())

    def kinds(link) -> set[str]:
        return {lines[k].kind if k is not None else "content" for k in (line_of(segs[j].start) for j in link.target)}
    out: set[int] = set()
    for n, link in enumerate(links):
        if not link.source or not link.target or not kinds(link) <= {"junk", "prompt"}:
            continue
        for other in links[max(0, n - 1):n] + links[n + 1:n + 2]:
            if not other.source:
                out.update(k for k in (line_of(segs[j].start) for j in other.target) if k is not None)
    return out


def _headline_like(text: str, segments: int) -> bool:
    """A title or link: capitalised, short, and not ending as a clause that goes on (":", ",")
    nor a parenthesised credit; a line split off a sentence of the article is none of these."""
    if is_terminal(text) or segments > 2 or text.endswith((":", ";", ",", "-", "–", "—", "(")):
        return False
    if text.startswith("(") and text.endswith(")"):
        return False
    first = next((c for c in text if c.isalnum()), "")
    return (first.isupper() or first.isdigit()) and len(words(text)) <= 20


def _line_index(lines: list[Line]) -> Callable[[int], int | None]:
    """pos -> index of the line holding it (None between lines)."""
    starts = [line.start for line in lines]

    def find(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and lines[k].start <= pos < lines[k].end:
            return k
        return None

    return find
