"""Untranslated text: source-language words, phrases and name spellings left in the MT output.

wordfreq decides: a word far more frequent in the source language than in the target one is suspect,
and neighbours merge into one span; names, acronyms, quotations and loanwords the target uses pass."""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import attrgetter, itemgetter

from ..flags import Flag
from .base import DetectionInput, Detector
from .gazetteer import analyse, gazetteer
from .langdata import capitalises_nouns, english_proper_words, values, word_set, writes_loans_lowercase
from .name_forms import hand_table
from .place_names import english_places, in_longer_name, place_name_spans, place_pairs
from .text import (
    ARTICLES,
    CONNECTORS,
    WORD,
    Token,
    aligned_tokens,
    capitalised_at,
    capitalised_run,
    compound_halves,
    cue_after,
    fold,
    lang_base,
    outlet_slot,
    similar,
    similar_at_least,
    spelling_key,
    token_starts,
    tokens_where,
    translit_key,
    zipf,
)

CATEGORY = "accuracy/untranslated"


# Quotation pairs; the straight double quote pairs with itself. ‘ ’ are left out: ’ is an apostrophe.
_QUOTES = re.compile(r"«[^»\n]{1,400}»|“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]|\"[^\"\n]{1,400}\"")


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


# --------------------------------------------------------------------------- word classes

STRONG, FUNCTION, WEAK, NEUTRAL, TARGET, NAME = range(6)
_LEANING = frozenset([STRONG, WEAK, FUNCTION])   # the classes a source-language phrase is made of
# a weaker word the aligned source has verbatim is flagged below the first target Zipf, or below the
# second when it leans to the source by the gap ("demand": 4.8 in English, 3.5 in German; "viral",
# 4.1 and 3.1, is a German word too)
_VERBATIM_TARGET_MAX, _VERBATIM_TARGET_MAX_GAP, _VERBATIM_GAP = 3.0, 3.6, 1.25


def _verbatim_ok(word: str, d: float, tgt: str) -> bool:
    zt = zipf(word, tgt)
    if _loan(word, tgt):
        return False
    return zt < _VERBATIM_TARGET_MAX or zt < _VERBATIM_TARGET_MAX_GAP and d >= _VERBATIM_GAP


# in a language that writes English loans lowercase (language_facts.tsv), a lowercase English word it writes
# about once per million words or more is one of its loans ("tests", "snacks" in Spanish; "food trucks" in
# French), not a word left untranslated; German capitalises a loan noun, so a lowercase one there is English still
_LOAN_ZIPF = 2.7


def _loan(word: str, tgt: str) -> bool:
    """The word, or the singular of a plural in -s ("snacks": a loan's plural is rarer than the loan), is
    written often enough in a language that writes English loans lowercase."""
    return writes_loans_lowercase(tgt) and (zipf(word, tgt) >= _LOAN_ZIPF
                                            or word.endswith("s") and zipf(word[:-1], tgt) >= _LOAN_ZIPF)


# wordfreq Zipf from which a word is among the commonest of its language
_COMMON_WORD = 5.0
# wordfreq Zipf from which each capitalised word of a name joined by source-language function words is an
# ordinary word of the source language ("Port", "Authority"), not a place's own ("Firth of Forth")
_NAME_WORD_ZIPF = 3.5
# the gazetteer's kinds of place: one inside a longer capitalised name ("Radio New Zealand", "Bank of Ireland")
# is the longer name's word, not the place the target language names otherwise
_PLACE_TYPES = frozenset({"country", "region"})
# A segment is in the source language (by word frequencies) when its words (names aside) that lean
# to a language lean to the source language at least _SEGMENT_LEANING of the time, make at least
# _SEGMENT_SHARE of its words, and at most _SEGMENT_AGAINST of its words lean to the target language.
_SEGMENT_LEANING, _SEGMENT_SHARE, _SEGMENT_AGAINST = 0.75, 0.4, 0.2


@lru_cache(maxsize=300_000)
def word_class(word: str, src: str, tgt: str) -> tuple[int, float]:
    """(class, zipf difference src - tgt) of a lowercase word for a language pair."""
    zs, zt = zipf(word, src), zipf(word, tgt)
    d = zs - zt
    if zs >= 6.0 and d >= 1.5:
        return FUNCTION, d  # "of", "the", "and": glue inside a phrase, never a flag on their own
    if len(word) >= 3 and zs < 6.0 and (
            (zs >= 3.0 and d >= 1.5 and zt <= 3.2)
            or (zs >= 2.5 and d >= 2.0 and zt <= 2.0)
            or (d >= 2.5 and zt <= 3.6)):
        return STRONG, d
    if zs >= 2.5 and d >= 1.0:
        return WEAK, d
    if len(word) >= _RARE_ENGLISH_LETTERS and zs >= _RARE_ENGLISH_ZIPF and zt == 0.0:
        return STRONG, d   # a rarer word of the source language that the target language's list lacks
        # altogether ("culverts", "hedgerows" in French): no word of it, nor a loan
    if zs >= 3.0 and d >= -0.5:
        return NEUTRAL, d
    return TARGET, d


# a word of this many letters at least, this frequent in the source language (wordfreq Zipf) and absent from the
# target language's wordfreq list, is the source language's
_RARE_ENGLISH_LETTERS, _RARE_ENGLISH_ZIPF = 5, 2.0

_CLASS_TABLES: dict[tuple[str, str], dict[str, tuple[int, float]]] = {}


def _class_table(src: str, tgt: str) -> dict[str, tuple[int, float]]:
    """word -> word_class(word, src, tgt) for the words met so far (a plain dict, read at C speed by
    _classes; emptied when it reaches word_class's cache size)."""
    table = _CLASS_TABLES.setdefault((src, tgt), {})
    if len(table) >= 300_000 or len(_CLASS_TABLES) > 64:
        _CLASS_TABLES.clear()
        table = _CLASS_TABLES.setdefault((src, tgt), {})
    return table


def _target_noun(word: str, src: str, tgt: str) -> bool:
    """In a language that capitalises nouns, a capitalised word the target language uses
    ("Million", "Seen", "Register", "Grate" in German) is a noun of its own, not a name in its
    source form: only a word far rarer in the target than in the source ("Moscow") is taken for one."""
    if not capitalises_nouns(tgt):
        return False
    zs, zt = zipf(word.lower(), src), zipf(word.lower(), tgt)
    return zt >= _TARGET_NOUN_ZIPF or zs - zt < _TARGET_NOUN_GAP


# a capitalised word in a noun-capitalising language is a target noun from this wordfreq Zipf, or
# unless it is more frequent in the source language by at least the gap
_TARGET_NOUN_ZIPF, _TARGET_NOUN_GAP = 3.0, 1.5


def _confidence(d: float) -> float:
    return round(min(0.95, 0.55 + 0.12 * d), 2)


# --------------------------------------------------------------------------- the detector

class UntranslatedDetector(Detector):
    """Source-language words and phrases left in the target, and source spellings of names."""

    name = "untranslated"
    categories = (CATEGORY,)

    def detect(self, doc: DetectionInput) -> list[Flag]:
        src, tgt = lang_base(doc.src_lang), lang_base(doc.tgt_lang)
        text = doc.hypothesis
        if not src or not tgt or src == tgt or not text.strip():
            return []
        starts = [s.start for s in doc.hypothesis_segments or ()]
        tokens, known, seqs = analyse(text, tuple(starts))
        if not tokens:
            return []
        gaz = gazetteer()
        source_words = _source_words(doc)
        masked, flags = self._masked(doc, tokens, known, src, tgt, source_words)
        flags += self._words(doc, tokens, masked, src, tgt, source_words)
        if capitalises_nouns(tgt):
            flags += self._capitalised_terms(doc, tokens, masked, src, tgt, source_words)
            flags += self._english_names(doc, tokens, masked, src, tgt, source_words)
        flags += self._exonyms(doc, tokens, masked, src, tgt)
        flags += self._place_names(doc, tokens, masked, src, tgt, source_words)
        flags += self._acronyms(doc, tokens, masked, src, tgt, source_words)
        flags += self._gazetteer_aliases(doc, tokens, known, src, tgt)
        flags += self._verbatim_runs(doc, {tokens[i].start for i in masked}, flags, src, tgt)
        named, names = self._name_phrases(doc, tokens, seqs, masked, src, tgt, gaz)
        if names:   # (few in a document)
            flags = [f for f in flags if not any(a <= f.start and f.end <= b for a, b in names)]
        flags += named
        inserted = _insertions(doc)
        if inserted:
            # MT text with no source counterpart is an addition (site junk, a prompt), not a translation
            flags = [f for f in flags if not any(a <= f.start and f.end <= b for a, b in inserted)]
        return _dedupe(flags)

    # ---- masking: quotations in the source language, known names (outlets, organisations)

    def _masked(self, doc: DetectionInput, tokens: list[Token], known, src: str, tgt: str,
                source_words: _SourceWords) -> tuple[set[int], list[Flag]]:
        """Tokens to leave alone, and flags for short quoted phrases in the source language."""
        text = doc.hypothesis
        masked: set[int] = set()
        flags: list[Flag] = []
        # known names written out in words (also in capitals, where case says nothing)
        for i, j, _entry in known:
            masked.update(range(i, j))
        # addresses, handles and hashtags are not prose
        spans = [m.span() for m in _NOT_PROSE.finditer(text)] if _NOT_PROSE_HINT.search(text) else []
        if spans:
            starts = token_starts(tokens)
            for a, b in spans:
                masked.update(range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)))
        quotes = quote_spans(text)
        if not quotes:
            return masked, flags
        source = (doc.source or "").casefold()
        joined: list[str] = []

        def source_joined() -> str:
            if not joined:
                joined.append(f" {' '.join(WORD.findall(source))} ")
            return joined[0]

        starts = token_starts(tokens)
        for qa, qb in quotes:
            # the tokens inside the quotation (quotations do not overlap, tokens are in text order)
            members = [i for i in range(bisect.bisect_left(starts, qa), bisect.bisect_left(starts, qb))
                       if tokens[i].end <= qb]
            inner = [i for i in members if len(tokens[i].text) > 1]
            words = [i for i in inner if i not in masked]
            if not words:
                continue
            kinds = [word_class(tokens[i].lower, src, tgt) for i in words]
            leaning = sum(1 for _, d in kinds if d >= 0.5)   # ("rewetting": rare in both, rarer in the target)
            if leaning < 0.6 * len(words) and not _quoted_term(kinds):
                continue  # a target-language quotation: its words are checked like the rest
            masked.update(members)
            # a quoted clause the source has verbatim was left untranslated; a quoted title is a choice,
            # and so is a phrase the source has verbatim written as a title (a name) or short (a term
            # quoted as such: « door plug », « rewetting »); without a source, quoted words are a term or
            # a saying the writer kept in the original language (« alcohol wash »)
            if not source:
                continue
            start, end = tokens[members[0]].start, tokens[members[-1]].end
            phrase = text[start:end]
            phrase_words = _words_of(phrase)
            if f" {' '.join(phrase_words)} " in source_joined():
                if len(inner) < 5 or _title_case([tokens[i] for i in inner]) \
                        or _work_cue().search(text[max(0, qa - 40):qa]):
                    continue
                evidence = "the source has the same words: a quotation left untranslated"
            elif _written_in(tokens, words, kinds, source_words):
                evidence = "the source has none of its words: English written into the translation"
            else:
                continue
            d = max(d for _, d in kinds)
            flags.append(self._flag(doc, start, end, "major", 0.8,
                                    f"quoted phrase {phrase!r} in {src} (zipf difference up to {d:.1f}); {evidence}"))
        return masked, flags

    # ---- ordinary words and phrases

    def _classes(self, tokens: list[Token], masked: set[int], src: str, tgt: str,
                 text: str) -> list[tuple[int, float]]:
        n = len(tokens)
        # a word the document capitalises inside sentences is a name, at a sentence start too ("Hunt a dit")
        capitalised = list(map(tokens.__getitem__, capitalised_at(tokens)))
        names = {t.text for t in capitalised if not t.initial and not t.caps_line and not t.all_caps}
        named = set(masked)
        # acronyms (a capitalised word is all the more a name)
        named.update(i for i in tokens_where(tokens, 8) if not tokens[i].caps_line)
        for tok, i in zip(capitalised, capitalised_at(tokens)):
            if tok.caps_line:
                continue
            if not tok.initial or tok.text in names:
                named.add(i)
            elif i + 1 < n and tokens[i + 1].capitalised and tokens[i + 1].line == tok.line \
                    and not tokens[i + 1].initial and (_gap_is_space(tokens, i)
                                                       or text[tokens[i].end:tokens[i + 1].start] in (" & ", " + ")):
                named.add(i)  # "Financial Instances a rapporté ...", "Roads & Realms escribió": a name
            elif word_class(tok.lower, src, tgt)[0] in _LEANING and _first_word_named(text, tokens, i, src, tgt):
                named.add(i)  # "Lloyd's List сообщила", "Florence and the Machine выступит", "Variety a indiqué"
        # the other words by their frequencies: each word is classified once for the language pair
        lower = list(map(itemgetter(6), tokens))
        table = _class_table(src, tgt)
        unnamed = [True] * n
        for i in named:
            if 0 <= i < n:
                unnamed[i] = False
        for w in set(compress(lower, unnamed)).difference(table):
            table[w] = word_class(w, src, tgt)
        out = list(map(table.get, lower))
        if _other_script_text(tokens):
            out = [_foreign_letters(tok, c) for tok, c in zip(tokens, out)]
        elif capitalises_nouns(tgt):
            _lowercase_nouns(tokens, out, text)
        for i in named:
            if 0 <= i < n:
                out[i] = (NAME, 0.0)
        return out

    def _segments(self, doc: DetectionInput, tokens: list[Token], classes: list[tuple[int, float]], src: str,
                  tgt: str, source_words: _SourceWords) -> tuple[set[int], list[Flag]]:
        """Segments left wholly in the source language: one flag each (MQM's non-translation), and the
        tokens they hold. Three kinds of evidence: the word frequencies (most words lean to the source
        language, few to the target), language identification of the segment, and, with an
        alignment, the aligned source segment holding the same words."""
        flags: list[Flag] = []
        whole: set[int] = set()
        starts = token_starts(tokens)
        kinds = list(map(itemgetter(0), classes))
        spans = _segment_spans(doc)
        span_starts = [a for a, _ in spans]
        done: set[int] = set()
        # only segments holding a source-leaning content word are looked at (identification costs)
        for i in compress(range(len(kinds)), map(_CONTENT.__contains__, kinds)):
            k = bisect.bisect_right(span_starts, tokens[i].start) - 1
            if k < 0 or k in done:
                continue
            done.add(k)
            lo, hi = bisect.bisect_left(starts, spans[k][0]), bisect.bisect_left(starts, spans[k][1])
            # a cheap, looser form of the test below, at C speed (numbers and one-letter words count here)
            part = kinds[lo:hi]
            lean, against = sum(map(_LEANING.__contains__, part)), part.count(TARGET)
            if lean < 2 or lean < 0.5 * _SEGMENT_SHARE * (len(part) - part.count(NAME)) \
                    or lean < 0.8 * _SEGMENT_LEANING * (lean + against):
                continue
            members = range(lo, hi)
            verdict = _source_language_segment(doc, tokens, classes, members, src, tgt, source_words)
            if verdict is None:
                continue
            severity, confidence, evidence = verdict
            # a segment that opens with target-language words ("... Moyes sagte, his side had given
            # everything"): the span starts after the last of them, and the segment is not wholly
            # in the source language
            # (a word only the target language has, like "sagte": in an English text copied as the
            # translation, a word both languages share is no such evidence)
            lead = [k for k in members if classes[k][0] == TARGET
                    and zipf(tokens[k].lower, src) < _ONLY_TARGET_SOURCE_MAX
                    and zipf(tokens[k].lower, tgt) >= _ONLY_TARGET_MIN]
            if lead and len([k for k in members if k > lead[-1] and classes[k][0] in _LEANING]) >= 3:
                tail = [k for k in members if k > lead[-1]]
                evidence += f"; after {tgt} {tokens[lead[-1]].text!r} the segment goes on in {src}"
                severity, members = "major", range(tail[0], tail[-1] + 1)
            flags.append(self._flag(doc, tokens[members[0]].start, tokens[members[-1]].end, severity,
                                    confidence, evidence))
            whole.update(members)
        return whole, flags

    def _words(self, doc: DetectionInput, tokens: list[Token], masked: set[int], src: str, tgt: str,
               source_words: _SourceWords) -> list[Flag]:
        classes = self._classes(tokens, masked, src, tgt, doc.hypothesis)
        kinds = list(map(itemgetter(0), classes))
        text = doc.hypothesis
        # a segment written in the source language is one span (one error), not a string of words
        whole, flags = self._segments(doc, tokens, _unquoted(doc.hypothesis, tokens, classes, src, tgt), src, tgt,
                                      source_words)
        n = len(tokens)
        after = 0   # the next phrase starts after the previous one
        for i in compress(range(n), map(_LEANING.__contains__, kinds)):
            if i < after or i in whole:
                continue
            j = i + 1
            while j < n and classes[j][0] in (STRONG, WEAK, FUNCTION) and _joinable(text, tokens, j - 1):
                j += 1
            a, b = i, j
            # "point of view": a phrase does not start or end with a function word
            if classes[a][0] == FUNCTION and a > 0 and classes[a - 1][0] == NEUTRAL \
                    and _joinable(text, tokens, a - 1):
                a -= 1
            if classes[b - 1][0] == FUNCTION and b < n and classes[b][0] == NEUTRAL \
                    and _joinable(text, tokens, b - 1):
                b += 1
            while a < b and classes[a][0] == FUNCTION:
                a += 1
            while b > a and classes[b - 1][0] == FUNCTION:
                b -= 1
            after = j
            if a >= b:
                continue
            run = range(a, b)
            kinds = [classes[k][0] for k in run]
            strong = kinds.count(STRONG)
            content = sum(1 for k in kinds if k in (STRONG, WEAK))
            functions = kinds.count(FUNCTION)
            # names turn up verbatim in the source as a matter of course; common words should not
            seen_in_source = any(tokens[k].lower in source_words.get(tokens[k].start, ())
                                 and tokens[k].text.islower() for k in run)
            start, end = tokens[a].start, tokens[b - 1].end
            if b - a == 1 and (_loan_compound(text, start, end) or start > 0 and text[start - 1].isalpha()
                               or text[end:end + 1].isalpha()):
                continue   # a loan compound, or a half of a word in camel case ("GigaChat", "FreightWaves")
            identified = None
            if strong or b - a >= 2 and content >= 1 and (functions >= 1 or content >= 3):
                ok = True
            elif seen_in_source and content >= 1 and all(
                    _verbatim_ok(tokens[k].lower, classes[k][1], tgt) for k in run if classes[k][0] == WEAK):
                ok = True  # a weaker word, but the aligned source has it verbatim
            elif content >= 2 and all(tokens[k].text.islower() for k in run) \
                    and not all(_loan(tokens[k].lower, tgt) for k in run if classes[k][0] == WEAK):
                # two weaker words ("data centre" in German): language identification of the run decides
                identified = _identified(text[start:end], doc.src_lang, doc.tgt_lang, _RUN_ODDS)
                ok = identified is not None
            else:
                ok = False
            if not ok:
                continue
            d = max(classes[k][1] for k in run)
            words = " ".join(tokens[k].text for k in run if classes[k][0] in (STRONG, WEAK))
            evidence = (f"{words!r} is far more frequent in {src} than in {tgt} "
                        f"(zipf difference {d:.1f})")
            if d < 1.0:   # a word both languages write, lifted by where it stands alone
                evidence = _lifted_evidence(words, tokens, src, tgt, d)
            confidence = _confidence(d) + (0.1 if functions and b - a >= 3 else 0.0)
            if identified:
                evidence += f"; language identification of the phrase: {identified}"
            if seen_in_source:
                evidence += "; the aligned source has it verbatim"
                confidence += 0.1
            flags.append(self._flag(doc, start, end, "major", min(confidence, 0.95), evidence))
        taken = set(whole)
        for f in flags:
            taken.update(range(bisect.bisect_left(tokens, f.start, key=itemgetter(0)),
                               bisect.bisect_left(tokens, f.end, key=itemgetter(0))))
        flags += self._rare_words(doc, tokens, classes, taken, src, tgt, source_words)
        flags += self._weak_pairs(doc, tokens, classes, taken | {k for f in flags for k in _tokens_in(tokens, f)})
        # a glue run is one error with the flagged words inside it ("could be at risk in an ...")
        glue = self._glue_runs(doc, tokens, classes, whole, src, tgt)
        if not glue:
            return flags
        in_flag = _inside_any(flags)
        glue = [g for g in glue if not in_flag(g)]
        in_glue = _inside_any(glue)
        return [f for f in flags if not in_glue(f)] + glue

    def _glue_runs(self, doc: DetectionInput, tokens: list[Token], classes: list[tuple[int, float]],
                   taken, src: str, tgt: str) -> list[Flag]:
        """A run of words held together by source-language glue, each too weak alone ("more observations",
        "up to 900 jobs", "for clubs in England and France" in German or French text): three words or more
        on one line, no word of the target language, two that lean to the source language, and language
        identification of the run sure that it is in the source language."""
        flags = []
        spans = _glue_spans(doc.hypothesis, tokens, classes, taken)
        segments = _segment_spans(doc) if spans else []
        for a, b in spans:
            start, end = tokens[a].start, tokens[b - 1].end
            if _most_of_segment(tokens, segments, a, b):
                continue   # a segment in the source language is one error of its own, or none
            identified = _identified(doc.hypothesis[start:end], doc.src_lang, doc.tgt_lang, _GLUE_ODDS)
            if identified is None:
                continue
            leaning = [tokens[k].text for k in range(a, b) if classes[k][0] in _LEANING]
            flags.append(self._flag(doc, start, end, "major", 0.7,
                                    f"{', '.join(repr(w) for w in leaning[:4])} are far more frequent in {src} than "
                                    f"in {tgt}; language identification of the phrase: {identified}"))
        return flags

    def _weak_pairs(self, doc: DetectionInput, tokens: list[Token], classes: list[tuple[int, float]],
                    taken: set[int]) -> list[Flag]:
        """Two lowercase words, one leaning to the source language and one both languages write (or neither
        knows) that leans no more than a little to the target ("electric vans", "office job", "laneway house",
        "festival band" in Spanish or French text; not one of the target's commonest words, "in all seinen
        Werken", nor the half of a hyphened word, "new-yorkais"), that language identification of the pair puts
        in the source language with surer odds than a run of two leaning words needs."""
        flags: list[Flag] = []
        text, tgt = doc.hypothesis, lang_base(doc.tgt_lang)
        leaning = [k for k, c in enumerate(classes) if c[0] == WEAK]
        for i in sorted({k for w in leaning for k in (w - 1, w) if 0 <= k < len(tokens) - 1}):
            other = i + 1 if classes[i][0] == WEAK else i
            if {classes[i][0], classes[i + 1][0]} not in _PAIRS or classes[other][1] < _PAIR_LEANING \
                    or taken.intersection((i, i + 1)) or flags and flags[-1].end > tokens[i].start:
                continue
            if not (tokens[i].text.isalpha() and tokens[i + 1].text.isalpha() and tokens[i].text.islower()
                    and tokens[i + 1].text.islower() and _joinable(text, tokens, i)) \
                    or zipf(tokens[other].lower, tgt) >= _COMMON_WORD \
                    or "-" in (text[tokens[i].start - 1:tokens[i].start], text[tokens[i + 1].end:][:1]):
                continue   # (a function word of the target, or the half of a hyphened word)
            start, end = tokens[i].start, tokens[i + 1].end
            identified = _identified(text[start:end], doc.src_lang, doc.tgt_lang, _PAIR_ODDS)
            if identified is None:
                continue
            weak = tokens[i] if classes[i][0] == WEAK else tokens[i + 1]
            d = max(classes[i][1], classes[i + 1][1])
            flags.append(self._flag(doc, start, end, "major", _confidence(d),
                                    f"{weak.text!r} is more frequent in {doc.src_lang} than in {doc.tgt_lang} "
                                    f"(zipf difference {d:.1f}); language identification of the pair: {identified}"))
        return flags

    def _rare_words(self, doc: DetectionInput, tokens: list[Token], classes: list[tuple[int, float]],
                    taken: set[int], src: str, tgt: str, source_words: _SourceWords) -> list[Flag]:
        """Lowercase words the target language does not know at all ("overtourism", a Latin-script
        word in Russian): flagged when the aligned source has the word verbatim, or, without that,
        when the source language knows it and language identification of the word agrees."""
        flags = []
        texts = list(map(itemgetter(2), tokens))
        table = _RARE_TABLES.setdefault(tgt, {})
        if len(table) > 200_000:
            table = _RARE_TABLES[tgt] = {}  # a new table: a thread reading the old one keeps it whole
        for word in set(texts).difference(table):
            table[word] = _rare_shape(word, tgt)
        candidates = [i for i in compress(range(len(tokens)), map(table.__getitem__, texts)) if i not in taken]
        latin_text = _latin(doc.hypothesis, 0.5) if candidates else True
        for i in candidates:
            tok = tokens[i]
            if latin_text and _other_script(tok.text):
                # a word in another script than the text's (Chinese left in English)
                identified = _identified(tok.text, doc.src_lang, doc.tgt_lang, _WORD_ODDS)
                if identified is not None:
                    flags.append(self._flag(doc, tok.start, tok.end, "major", 0.8,
                                            f"{tok.text!r} is written in another script than the text; "
                                            f"language identification of the word: {identified}"))
                continue
            if classes[i][0] == NAME or not tok.text.islower():
                continue
            if i > 0 and doc.hypothesis[tok.start - 1:tok.start] in "'’" and tokens[i - 1].end == tok.start - 1 \
                    and tokens[i - 1].capitalised:
                continue   # the rest of a name ("Q'orianka"), not an elided article ("l'overtourism")
            if _between_names(tokens, i, doc.hypothesis):
                continue   # a particle of a person's name ("Nur Aisyah binti Hassan")
            if _place_brand(tok.lower, src):
                continue   # a body's brand written as one word ("sportscotland"), a name, not a word left
            verbatim = tok.lower in source_words.get(tok.start, ())
            if zipf(tok.lower, tgt) >= _RARE_TARGET_MAX and not (
                    verbatim and zipf(tok.lower, src) - zipf(tok.lower, tgt) >= _RARE_SOURCED_GAP):
                continue   # a word the target's list knows a little ("seawall" at 1.1 in French): only the aligned
                # source's, and far more the source language's ("lahar", "cedis" are both's)
            if verbatim:
                if zipf(tok.lower, src) < _RARE_SOURCE_MIN and _identified(tok.text, doc.src_lang, doc.tgt_lang,
                                                                            _RARE_ODDS) is None:
                    continue   # no word of the source language either: a local term both keep ("kapenta")
                evidence = (f"{tok.text!r} is no {tgt} word (Zipf {zipf(tok.lower, tgt):.1f}); "
                            "the aligned source has it verbatim")
                confidence = 0.8
            else:
                if _source_writes_otherwise(tok.lower, source_words.get(tok.start, ())):
                    continue
                # a word the source language's list lacks too needs surer identification, unless it is
                # in another script than the text ("snowploughs" in Russian)
                foreign_script = not latin_text and _latin(tok.text)
                known = zipf(tok.lower, src)
                if known < _RARE_SOURCE_MIN and not foreign_script and source_words.get(tok.start):
                    continue   # neither the aligned source's word nor one of its language: the MT's own
                    # ("pitchpin", French for the source's "pitch pine")
                needed = _WORD_ODDS if known >= _RARE_SOURCE_MIN or foreign_script else _RARE_ODDS
                identified = _identified(tok.text, doc.src_lang, doc.tgt_lang, needed)
                if identified is None and foreign_script and known >= _RARE_SOURCE_MIN:
                    identified = "not asked: a lowercase Latin-script word in a text in another script"   # "farmgate"
                why = f"language identification of the word: {identified}" if identified is not None \
                    else _source_compound(tok.lower, src, tgt)
                if why is None:
                    continue
                evidence = (f"{tok.text!r} is no {tgt} word (Zipf {zipf(tok.lower, tgt):.1f})"
                            + (f" but an {src} one (Zipf {known:.1f})" if known >= _RARE_SOURCE_MIN else "")
                            + f"; {why}")
                confidence = 0.6
            flags.append(self._flag(doc, tok.start, tok.end, "major", confidence, evidence))
        return flags

    # ---- source-language nouns in a language that capitalises nouns ("die Suppliers" in German)

    def _capitalised_terms(self, doc: DetectionInput, tokens: list[Token], masked: set[int], src: str,
                           tgt: str, source_words: _SourceWords) -> list[Flag]:
        """A capitalised word inside a German sentence is a noun, not necessarily a name: one the
        target language does not use and the source language uses a lot is a term left
        untranslated. Names stay out: words of a run of capitalised words ("Premier League"),
        words the target language uses ("Million", "Register"), and, with a source, words the
        source does not write in lowercase."""
        source_lower = _lowercase_words(doc.source) if doc.source else None
        flags = []
        for i in capitalised_at(tokens):
            tok = tokens[i]
            if i in masked or tok.initial or tok.caps_line or tok.all_caps or len(tok.text) < 4:
                continue
            if _in_capitalised_run(doc.hypothesis, tokens, i):
                continue
            zs, zt = zipf(tok.lower, src), zipf(tok.lower, tgt)
            if zt >= _TERM_TARGET_MAX or zs - zt < 2.0:
                continue
            if source_lower is not None:
                if tok.lower not in source_lower:
                    continue
                aligned = tok.lower in source_words.get(tok.start, ())
                evidence = (f"{tok.text!r} is an {src} word (Zipf {zs:.1f}) that {tgt} does not use (Zipf {zt:.1f}); "
                            f"the source writes {tok.lower!r} in lowercase, a common word, not a name"
                            + ("; the aligned source has it" if aligned else ""))
                confidence = 0.8 if aligned else 0.65
            elif zs >= _TERM_SOURCE_MIN_ALONE and zt < _TERM_TARGET_MAX_ALONE:
                evidence = (f"{tok.text!r} is a common {src} word (Zipf {zs:.1f}) that {tgt} does not use "
                            f"(Zipf {zt:.1f})")
                confidence = 0.55
            else:
                continue
            flags.append(self._flag(doc, tok.start, tok.end, "major", confidence, evidence))
        return flags

    def _english_names(self, doc: DetectionInput, tokens: list[Token], masked: set[int], src: str, tgt: str,
                       source_words: _SourceWords) -> list[Flag]:
        """In a language that capitalises nouns, a name of two capitalised words or more kept as the
        aligned source writes it, holding a common source-language noun the target has its own word for
        ("Mountain Rescue", "Bond Court"; not a body's name led by a word English writes only with a capital,
        a place's or a people's: "Cornwall Council"), and identified as the source language: minor."""
        flags = []
        text = doc.hypothesis
        i, n = 0, len(tokens)
        while i < n:
            # a sentence's first word is capitalised anyway: the name starts after it, unless an
            # English-style possessive ties it to the next capitalised word ("President's Cup")
            if not tokens[i].capitalised or tokens[i].initial and not _possessive(text, tokens, i):
                i += 1
                continue
            j = i
            while j + 1 < n:
                if tokens[j + 1].capitalised and _joinable(text, tokens, j):
                    j += 1
                elif _possessive(text, tokens, j):
                    j += 2
                else:
                    break
            run = range(i, j + 1)
            i = j + 1
            if len(run) < 2 or tokens[run[0]].caps_line or any(k in masked for k in run) \
                    or _name_goes_back(text, tokens, run[0]):
                continue
            if all(tokens[k].text.isupper() for k in run):
                continue   # a dateline or a heading in capitals ("PORT OF SPAIN"): a place's name, no prose kept
            if not all(tokens[k].lower in source_words.get(tokens[k].start, ()) for k in run):
                continue
            if tokens[run[-1]].lower in _PLACE_DIVISIONS \
                    or len(run) == 2 and tokens[run[0]].lower in _PLACE_KINDS_FIRST \
                    or text[tokens[run[0]].start:tokens[run[-1]].end] in english_places():
                continue   # a place's own name, ending on its kind ("West Dummerston Covered Bridge", "Broad Street")
                # or opening on a natural place's ("Cape May"),
                # or a town of the English-speaking world (GeoNames: "Swift Current", "Medicine Hat")
            nouns = [tokens[k].text for k in run if _source_noun(tokens[k].lower, src, tgt)
                     and tokens[k].text not in place_pairs(src, tgt)   # "Ireland" of "Alcohol Action Ireland"
                     and tokens[k].lower not in _PLACE_DIVISIONS]      # "County" of "Los Angeles County"
            if not nouns or src == "en" and (tokens[run[0]].lower in english_proper_words()
                                             or _proper_close(tokens[run[-1]])):
                continue   # none, or a body's own name led or closed by its place or people ("Cornwall Council",
                # "Botswana Vaccine Institute", "Historic England"), which German keeps as the body writes it
            start, end = tokens[run[0]].start, tokens[run[-1]].end
            identified = _identified(doc.hypothesis[start:end], doc.src_lang, doc.tgt_lang, (0.5, 4.0))
            if identified is None:
                continue
            flags.append(self._flag(doc, start, end, "minor", 0.55,
                                    f"name kept as the source writes it, with {src} noun(s) "
                                    f"{', '.join(nouns)} that {tgt} translates; language identification: "
                                    f"{identified}"))
        return flags

    # ---- multi-word names made of source-language words ("Belt and Road")

    def _name_phrases(self, doc: DetectionInput, tokens: list[Token], seqs, masked: set[int], src: str,
                      tgt: str, gaz) -> tuple[list[Flag], list[tuple[int, int]]]:

        """Names of capitalised source-language words joined by source-language function words ("Belt and
        Road"), flagged where the source has the name (without the source, a real body's English name,
        "Transport for Wales", "Spirit of Tasmania", cannot be told from one left untranslated), and the
        spans of all of them: the word rules' flags inside one give way (a name, not loose words)."""
        flags, names = [], []
        source_text = (doc.source or "").casefold()
        for seq in seqs:
            first = seq.first + (tokens[seq.first].lower in ARTICLES)  # "La Bank of England"
            if seq.last - first < 2 or seq.caps_line:
                continue
            if any(k in masked for k in range(first, seq.last + 1)):
                continue
            words = [tokens[k] for k in range(first, seq.last + 1)]
            start, end = tokens[first].start, seq.end
            caps = [t for t in words if t.capitalised]
            inner = [t for t in words[1:-1] if not t.capitalised]
            if len(caps) < 2 or not inner:
                continue
            # the connector must be a source-language function word, not a target one ("de", "et")
            if not all(word_class(t.lower, src, tgt)[0] == FUNCTION for t in inner):
                continue
            diffs = [word_class(t.lower, src, tgt)[1] for t in caps]
            if min(zipf(t.lower, src) for t in caps) < _NAME_WORD_ZIPF or min(diffs) < 0.5 \
                    or sum(diffs) / len(diffs) < 1.0:
                continue
            names.append((start, end))
            name = doc.hypothesis[start:end]
            if name.casefold() not in source_text or gaz.lookup(name) is not None \
                    or outlet_slot(doc.hypothesis, start, end, tgt):
                continue
            evidence = (f"name made of {src} words ({', '.join(t.text for t in caps)}) joined by "
                        f"{src} {' '.join(t.text for t in inner)!r}")
            flags.append(self._flag(doc, start, end, "minor", 0.7, evidence + "; the source has the same name"))
        return flags, names

    # ---- names spelt the source-language way

    def _exonyms(self, doc: DetectionInput, tokens: list[Token], masked: set[int], src: str,
                 tgt: str) -> list[Flag]:
        text = doc.hypothesis
        forms: dict[str, list[int]] = {}
        for i in capitalised_at(tokens):
            tok = tokens[i]
            if i in masked or len(tok.text) < 4 or _in_source_language_name(tokens, i, text, src, tgt):
                continue
            forms.setdefault(tok.text.casefold(), []).append(i)
        # a name's target spelling ("Poutine", "Londres") is no common word ("Plus" is no spelling of "Pius")
        targetish = [f for f in forms if 2.5 <= zipf(f, tgt) < _COMMON_WORD and zipf(f, tgt) - zipf(f, src) >= 0.5]
        # a loosely similar form counts only where it is written as a name, capitalised inside a sentence
        # ("Réagir" opening a comment form's line is a verb, no spelling of "Reading")
        named = {f for f in targetish if not all(tokens[i].initial for i in forms[f])}
        learned = _learned_translations(doc, src, tgt)
        flags: list[Flag] = []
        for form, where in forms.items():
            zs = zipf(form, src)
            d = zs - zipf(form, tgt)
            variant, why = None, ""
            if form in learned:
                # a place kept inside an English name ("Royal College of Physicians of Ireland") is the name's;
                # not where the rendering itself follows it ("China Chine")
                variant, why = learned[form], "the aligned source has it, rendered elsewhere as"
                where = [i for i in where if (tokens[i].text not in place_pairs(src, tgt)
                         or i + 1 < len(tokens) and tokens[i + 1].lower == variant.lower()
                         or not in_longer_name(text, tokens, i, i + 1, src, tgt))
                         and not _inside_kept_name(text, tokens, i, doc.source or "")]
            elif zs >= 3.0 and d >= 0.5 and not _target_noun(form, src, tgt) and form not in hand_table().get(tgt, {}):
                # (a word of names the tables translate, "Championship" of "Rugby Championship", "League" of
                # "Premier League", is a name kept in English, the names detector's matter, not an exonym)
                for other in targetish:
                    if _variant_of(form, other, loose=other in named):
                        why = f"more frequent in {src} than in {tgt}; the document also writes"
                        variant = other
                        break
                # (a word of a longer name kept in English is the name's: "Fiji Sunshine", an outlet)
                where = [i for i in where if not in_longer_name(text, tokens, i, i + 1, src, tgt)]
            if variant is None:
                continue
            for i in where:
                tok = tokens[i]
                suggestion = _match_case(variant, tok.text)
                evidence = f"{tok.text!r}: {why} {suggestion!r}"
                flags.append(self._flag(doc, tok.start, tok.end, "minor", 0.7, evidence, suggestion))
        # datelines ("BEIJING —"): the city in its source-language form
        for match in _DATELINE.finditer(text):
            word = match.group(1)
            low = word.lower()
            zs, d = zipf(low, src), zipf(low, src) - zipf(low, tgt)
            if zs >= 3.0 and d >= 1.0 and not any(f.start == match.start(1) for f in flags):
                flags.append(self._flag(doc, match.start(1), match.end(1), "minor", 0.6,
                                        f"dateline {word!r} in its {src} form (zipf difference {d:.1f})"))
        return flags

    def _place_names(self, doc: DetectionInput, tokens: list[Token], masked: set[int], src: str, tgt: str,
                     source_words: _SourceWords) -> list[Flag]:
        """Countries and cities in their source-language form ("Türkiye", "Vienna" in German), by
        the names Unicode CLDR gives them in each language (evalkit/data/exonyms.tsv)."""
        flags = []
        for start, end, target, evidence in place_name_spans(doc.hypothesis, tokens, masked, src, tgt):
            name = doc.hypothesis[start:end].lower().split()
            aligned = all(word in source_words.get(start, ()) for word in name[:1])
            flags.append(self._flag(doc, start, end, "minor", 0.75 if aligned else 0.6,
                                    evidence + ("; the aligned source has it" if aligned else ""), target))
        return flags

    def _acronyms(self, doc: DetectionInput, tokens: list[Token], masked: set[int], src: str, tgt: str,
                  source_words: _SourceWords) -> list[Flag]:
        """An acronym kept from the aligned source that the target language hardly writes ("DOJ",
        "GOP" in German; not "FBI", "NATO", "dpa"): the reader gets the source language's
        abbreviation of source-language words. Minor."""
        flags = []
        for i in tokens_where(tokens, 8):
            tok = tokens[i]
            if i in masked or tok.caps_line or not 2 <= len(tok.text) <= _ACRONYM_MAX or not tok.text.isalpha():
                continue
            zs, zt = zipf(tok.lower, src), zipf(tok.lower, tgt)
            if zs < _ACRONYM_SOURCE_MIN or zt > _ACRONYM_TARGET_MAX or zs - zt < _ACRONYM_GAP:
                continue
            if tok.lower not in source_words.get(tok.start, ()):
                continue
            flags.append(self._flag(doc, tok.start, tok.end, "minor", 0.5,
                                    f"{tok.text!r} is a {src} abbreviation (Zipf {zs:.1f}) that {tgt} hardly "
                                    f"writes (Zipf {zt:.1f}); the aligned source has it"))
        return flags

    # ---- organisations with an established target-language name (NATO -> OTAN)

    def _gazetteer_aliases(self, doc: DetectionInput, tokens: list[Token], known, src: str,
                           tgt: str) -> list[Flag]:
        flags = []
        for i, j, entry in known:
            local = entry.aliases_for(tgt)
            if not local or tokens[i].caps_line:
                continue
            surface = doc.hypothesis[tokens[i].start:tokens[j - 1].end].casefold()
            if surface in {a.casefold() for a in local}:
                continue
            # the gazetteer's own names are English, most of them; other source languages are tagged aliases
            in_source_language = surface == entry.name.casefold() and src == "en" or \
                surface in {a.casefold() for a in entry.aliases_for(src)}
            if not in_source_language or entry.type in _PLACE_TYPES and in_longer_name(doc.hypothesis, tokens, i, j,
                                                                                       src, tgt):
                continue   # "Radio New Zealand": the broadcaster's name, not the country's
            if not any(word_class(tokens[k].lower, src, tgt)[1] >= 1.0 for k in range(i, j)):
                continue   # a name no word of which leans to the source language: the target's own, listed
                # under it ("Ministerio de Educación", whose Spanish alias is another ministry's longer name)
            suggestion = local[0]
            written = doc.hypothesis[tokens[i].start:tokens[j - 1].end]
            flags.append(self._flag(doc, tokens[i].start, tokens[j - 1].end, "minor", 0.6,
                                    f"{written!r} has an established {tgt} name, {suggestion!r}", suggestion))
        return flags

    def _verbatim_runs(self, doc: DetectionInput, masked_starts: set[int], flags: list[Flag], src: str,
                       tgt: str) -> list[Flag]:
        """A run of three lowercase words or more that the aligned source segment has in the same order
        and that leans to the source language: two of its words at least far more frequent in the
        source language, or one that is no function word, none more frequent in the target ("by as much
        as", where "by", "much" are function words of English and "as" is a French word too; "new prison
        places", where only 'new' leans). Not in quotes (masked_starts: the starts of the words judged
        above), not across another flag (one inside it gives way: "less" of "more or less")."""
        text = doc.hypothesis
        out: list[Flag] = []
        for s_tokens, t_tokens, _, _ in aligned_tokens(doc):
            s_low = list(map(itemgetter(6), s_tokens))   # (the tokens' lowercase forms)
            t_low = list(map(itemgetter(6), t_tokens))
            trigrams = set(zip(s_low, s_low[1:], s_low[2:]))
            # hits[i]: the MT words i, i+1, i+2 are three words of the source in a row (most segments: none)
            hits = list(map(trigrams.__contains__, zip(t_low, t_low[1:], t_low[2:])))
            if not any(hits):
                continue
            s_words = set(s_low)
            if sum(map(s_words.__contains__, t_low)) >= 0.8 * len(t_low):
                continue   # a segment copied from the source: one non-translation, judged above, or none
            for first, last in _hit_runs(hits):
                if all(_joinable(text, t_tokens, k) for k in range(first, last)):
                    flag = self._verbatim_flag(doc, t_tokens[first:last + 1], masked_starts, flags + out, src, tgt)
                    if flag:
                        out.append(flag)
        return out

    def _verbatim_flag(self, doc: DetectionInput, run: list[Token], masked_starts: set[int], flags: list[Flag],
                       src: str, tgt: str) -> Flag | None:
        while run and not _plain_word(run[-1]):
            run = run[:-1]   # "by as much as 10": the number is no word of either language
        while run and not _plain_word(run[0]):
            run = run[1:]
        if len(run) < 3 or not all(map(_plain_word, run)):
            return None
        start, end = run[0].start, run[-1].end
        # a flag inside the run (a word of it) gives way to the run; one reaching out of it wins
        if any(f.start < end and start < f.end and not (start <= f.start and f.end <= end) for f in flags) \
                or any(t.start in masked_starts for t in run):
            return None
        classes = [word_class(t.lower, src, tgt) for t in run]
        leaning = [kind for kind, d in classes if d >= 1.0]
        if any(kind == TARGET for kind, _ in classes) or len(leaning) < 2 and leaning[:1] in ([], [FUNCTION]):
            return None   # two words leaning to the source, or one content word ("15 000 new prison places":
            # 'prison' and 'places' are French words too)
        phrase = doc.hypothesis[start:end]
        lean = ", ".join(repr(t.text) for t, (_, d) in zip(run, classes) if d >= 1.0)
        return self._flag(doc, start, end, "major", 0.75,
                          f"the aligned source has the words {phrase!r} in the same order, and {lean} lean(s) to "
                          f"{src} (zipf difference up to {max(d for _, d in classes):.1f})")

    def _flag(self, doc: DetectionInput, start: int, end: int, severity: str, confidence: float,
              evidence: str, suggestion: str | None = None) -> Flag:
        return Flag(start, end, CATEGORY, severity, doc.hypothesis[start:end], self.name, suggestion,
                    round(confidence, 2), evidence, doc.doc_id, doc.system)


_CONTENT = frozenset([STRONG, WEAK])


def _segment_spans(doc: DetectionInput) -> list[tuple[int, int]]:
    """The spans of the MT segments (its lines without segments), in order."""
    if doc.hypothesis_segments:
        return [(seg.start, seg.end) for seg in doc.hypothesis_segments]
    spans, offset = [], 0
    for line in doc.hypothesis.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _source_language_segment(doc: DetectionInput, tokens: list[Token], classes: list[tuple[int, float]],
                             members: range, src: str, tgt: str,
                             source_words: _SourceWords) -> tuple[str, float, str] | None:
    """(severity, confidence, evidence) when the segment of tokens `members` is in the source
    language, else None. Critical (a non-translation, weighted as such by the MQM penalty) only on
    strong evidence: language identification sure of it over four words or more, or the aligned
    source holding the segment's words verbatim."""
    from .langid import odds

    words = [k for k in members if classes[k][0] != NAME and len(tokens[k].text) > 1
             and not tokens[k].text.isdigit()]
    leaning = [k for k in words if classes[k][0] in _LEANING]
    against = sum(1 for k in words if classes[k][0] == TARGET)
    # words both languages use ("vote", "place" in French) abstain
    if len(words) < 2 or len(leaning) < _SEGMENT_LEANING * (len(leaning) + against) \
            or len(leaning) < _SEGMENT_SHARE * len(words) or against > _SEGMENT_AGAINST * len(words):
        return None
    text = doc.hypothesis[tokens[members[0]].start:tokens[members[-1]].end]
    p_src, p_tgt, _ = odds(text, doc.src_lang, doc.tgt_lang)
    if p_src < 0.5 or p_src < 4 * p_tgt:
        return None
    lettered = [k for k in members if not tokens[k].text.isdigit()]
    aligned = source_words.get(tokens[members[0]].start, ())
    shared = sum(1 for k in lettered if tokens[k].lower in aligned)
    evidence = (f"the segment is in {src}: language identification gives {src} {p_src:.2f}, {tgt} {p_tgt:.2f}; "
                f"{len(leaning)} of {len(words)} words are far more frequent in {src} than in {tgt}")
    if aligned:
        evidence += f"; the aligned source has {shared} of its {len(lettered)} words"
    copied = len(lettered) >= 3 and shared >= 0.8 * len(lettered)
    if copied or len(words) >= 4 and p_src >= 0.8 and len(leaning) >= 0.5 * len(words) \
            and len(leaning) >= 0.9 * (len(leaning) + against):
        return "critical", 0.9, evidence
    return "major", round(0.5 + 0.3 * p_src, 2), evidence


# a word only the target language has: below the first Zipf in the source language, from the second
# in the target
_ONLY_TARGET_SOURCE_MAX, _ONLY_TARGET_MIN = 2.0, 3.0
# an acronym kept from the source: at most this long, at least this frequent in the source language,
# at most this frequent in the target one, and more frequent in the source by the gap
_ACRONYM_MAX, _ACRONYM_SOURCE_MIN, _ACRONYM_TARGET_MAX, _ACRONYM_GAP = 4, 3.0, 2.8, 1.2
# a source-language noun in a name kept in a noun-capitalising target: source Zipf and difference
_NAME_NOUN_MIN, _NAME_NOUN_GAP = 4.0, 1.2


def _name_goes_back(text: str, tokens: list[Token], k: int) -> bool:
    """Token k follows a capitalised word of the same phrase that does not open its sentence: the run is the tail
    of a longer name ("Heritage Railway" of "SteamRanger Heritage Railway"), whose lead the run does not hold."""
    if k == 0 or not tokens[k - 1].capitalised or not _joinable(text, tokens, k - 1):
        return False
    before = text[:tokens[k - 1].start].rstrip(" \u00a0\"'«„“(")
    return bool(before) and before[-1] not in ".!?:;\n"


def _proper_close(token: Token) -> bool:
    """A name's last word that English writes only with a capital, a place's or a people's ("Historic England"),
    not an acronym ("Labour's NEC")."""
    return token.lower in english_proper_words() and not token.text.isupper()


# a sentence's first word joined to a capitalised word by connectors is a name's below this source-language Zipf
# ("Florence", 3.9, of Florence and the Machine; not "Prices", 4.9, of "Prices of Thai and Vietnamese rice")
_CONNECTED_FIRST_ZIPF = 4.5


def _first_word_named(text: str, tokens: list[Token], i: int, src: str, tgt: str) -> bool:
    """A sentence's first word, of the source language, that is a name's: an English possessive before a capitalised
    word ("Lloyd's List сообщила"), joined to one by a name's connectors and rare enough to be a name's ("Florence
    and the Machine"), or the source cited before the target language's citing verb ("Variety a indiqué que ...";
    not "Police said")."""
    tok = tokens[i]
    if _possessive(text, tokens, i) \
            or _connected_name(text, tokens, i) and zipf(tok.lower, src) < _CONNECTED_FIRST_ZIPF:
        return True
    return i + 1 < len(tokens) and tokens[i + 1].line == tok.line and cue_after(text, tok.end) \
        and _target_cue([t for t in tokens[i + 1:i + 3] if t.line == tok.line], src, tgt)


def _connected_name(text: str, tokens: list[Token], i: int) -> bool:
    """Token i is joined to a capitalised word by one or two lowercase connectors of a name ("Florence and the
    Machine", "Belt and Road"), all on its line."""
    k = i + 1
    while k < len(tokens) and k - i <= 2 and tokens[k].lower in CONNECTORS and tokens[k].text.islower() \
            and _joinable(text, tokens, k - 1):
        k += 1
    return i + 1 < k < len(tokens) and tokens[k].capitalised and _joinable(text, tokens, k - 1)


def _target_cue(after: Sequence[Token], src: str, tgt: str) -> bool:
    """The citing verb after a sentence's first word is the target language's ("a indiqué", "informó"), a word of
    it of three letters or more more frequent there than in the source language: a source cited in the
    translation, not an English sentence's own subject ("Officials said ...")."""
    return any(len(t.text) >= 3 and zipf(t.lower, tgt) > zipf(t.lower, src) for t in after)


def _source_noun(word: str, src: str, tgt: str) -> bool:
    """A common source-language word that the target language has its own word for."""
    zs, zt = zipf(word, src), zipf(word, tgt)
    return zs >= _NAME_NOUN_MIN and zs - zt >= _NAME_NOUN_GAP


def _possessive(text: str, tokens: list[Token], j: int) -> bool:
    """Token j ends in an English possessive ("President's") followed by a capitalised word."""
    if j + 2 >= len(tokens) or tokens[j + 1].text != "s" or tokens[j + 1].start != tokens[j].end + 1:
        return False
    return text[tokens[j].end] in "'’" and tokens[j + 2].capitalised and _joinable(text, tokens, j + 1)
# A capitalised term in a noun-capitalising target: the target's Zipf below _TERM_TARGET_MAX (with a
# source) or _TERM_TARGET_MAX_ALONE (without one, where the source's must reach _TERM_SOURCE_MIN_ALONE)
_TERM_TARGET_MAX, _TERM_TARGET_MAX_ALONE, _TERM_SOURCE_MIN_ALONE = 2.0, 1.0, 4.0


@lru_cache(maxsize=4)
def _lowercase_words(text: str) -> frozenset[str]:
    """The words a text writes in lowercase somewhere."""
    return frozenset(w for w in WORD.findall(text) if w.islower())


def _in_capitalised_run(text: str, tokens: list[Token], i: int) -> bool:
    """Token i is next to another capitalised word of the same phrase (a multi-word name); a
    sentence's first word does not count."""
    before = i > 0 and tokens[i - 1].capitalised and not tokens[i - 1].initial and _joinable(text, tokens, i - 1)
    after = i + 1 < len(tokens) and tokens[i + 1].capitalised and _joinable(text, tokens, i)
    return bool(before or after)


# Language identification of a phrase or a word counts when the source language gets at least the
# first number and that many times the target's probability (the second)
_RUN_ODDS, _WORD_ODDS = (0.4, 4.0), (0.6, 6.0)
# a pair of one leaning word and one both languages use (or neither knows), that one leaning no more than
# a little to the target (a zipf difference of _PAIR_LEANING at least: "festival", -0.05, both write alike;
# "principal", -0.31, is French's own, and "four principal" its main furnace): identification at least this sure
_PAIR_ODDS, _PAIR_LEANING = (0.6, 10.0), -0.25
_PAIRS = ({WEAK, NEUTRAL}, {WEAK, TARGET})
# ... for a word that neither language's word list knows
_RARE_ODDS = (0.75, 10.0)
# each half of a word written as two source-language words is this common there, and by this much less in
# the target language
_COMPOUND_HALF_ZIPF, _COMPOUND_HALF_GAP = 4.0, 0.5
# a rare word: at least this long, below this target Zipf, and (without the source) at least this
# source Zipf
_RARE_MIN_LENGTH, _RARE_TARGET_MAX, _RARE_SOURCE_MIN = 5, 1.0, 1.0
# ... and below this target Zipf where the aligned source has the word verbatim
_RARE_TARGET_SOURCED, _RARE_SOURCED_GAP = 1.5, 1.0
# a quotation of at most this many words, one of them the source language's, is a term quoted as such
_QUOTED_TERM_WORDS = 3


_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")


def _latin(text: str, share: float = 1.0) -> bool:
    """At least `share` of the letters of `text` are ASCII (Latin script without accents); a long
    text is judged by its first 2,000 characters."""
    text = text[:2000]
    letters = sum(map(len, _LETTERS.findall(text)))
    return letters > 0 and sum(map(len, _ASCII_LETTERS.findall(text))) >= share * letters


# target language -> word -> _rare_shape (a plain dict, read at C speed)
_RARE_TABLES: dict[str, dict[str, bool]] = {}


def _rare_shape(word: str, tgt: str) -> bool:
    """A word _rare_words looks at: a lowercase word of letters, long enough, that the target's word
    list does not know; or one in a non-Latin script."""
    if len(word) >= _RARE_MIN_LENGTH and word.isalpha() and word.islower():
        return zipf(word, tgt) < _RARE_TARGET_SOURCED
    return _other_script(word)


def _written_in(tokens: list[Token], words: list[int], kinds: list[tuple[int, float]],
                source_words: _SourceWords) -> bool:
    """A quoted phrase whose words lean to the source language, one at least a content word, and none
    of whose words of three letters or more the aligned source segment has ("« No Borders »" where the
    source quotes "no limits"; not "« Skleroderma Lung Study »", a name the source spells otherwise):
    words the source does not account for."""
    aligned = source_words.get(tokens[words[0]].start, None)
    if not aligned or not any(kind in (STRONG, WEAK) for kind, _ in kinds):
        return False
    return not any(tokens[i].lower in aligned for i in words if len(tokens[i].text) >= 3)


def _title_case(words: Sequence[Token]) -> bool:
    """A phrase written as a title ("Flowers", "Game of Thrones"): the first word and every word of
    four letters or more capitalised."""
    return bool(words) and words[0].capitalised and all(t.capitalised for t in words if len(t.text) >= 4)


def _between_names(tokens: list[Token], i: int, text: str) -> bool:
    """Token `i` sits between two capitalised words, one space on each side: a particle inside a person's
    name ("binti", "bin", "ter"), not a word of the sentence."""
    if i == 0 or i + 1 >= len(tokens):
        return False
    before, tok, after = tokens[i - 1], tokens[i], tokens[i + 1]
    return before.capitalised and after.capitalised and not before.initial \
        and text[before.end:tok.start] == " " and text[tok.end:after.start] == " "


def _other_script(word: str) -> bool:
    """Every letter of the word is outside the Latin script (Latin letters end at U+024F)."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(ord(c) > 0x24F for c in letters)


def _place_brand(word: str, src: str) -> bool:
    """`word` is a common source-language word and a place's name written as one lowercase word, as a body's brand
    is ("sportscotland", "visitengland"): the place a word English writes only with a capital
    (english_proper_words.tsv), of _BRAND_PLACE letters or more; a brand is short (_BRAND_LETTERS at most)."""
    if len(word) > _BRAND_LETTERS:
        return False
    for cut in range(_BRAND_WORD, len(word) - _BRAND_PLACE + 1):
        head, tail = word[:cut], word[cut:]
        if tail in english_proper_words() and zipf(head, src) >= _BRAND_WORD_ZIPF \
                or len(head) >= _BRAND_PLACE and head in english_proper_words() \
                and len(tail) >= _BRAND_WORD and zipf(tail, src) >= _BRAND_WORD_ZIPF:
            return True
    return False


# a brand's place: at least this many letters; its common word: at least this many letters, this frequent
_BRAND_PLACE, _BRAND_WORD, _BRAND_WORD_ZIPF = 5, 4, 4.0
_BRAND_LETTERS = 30


def _source_compound(word: str, src: str, tgt: str) -> str | None:
    """Why a word no language identification places is the source language's all the same: it is written as
    two common words of the source language, each more frequent there than in the target language
    ("windstorm": wind, storm in French); None otherwise."""
    halves = compound_halves(word, src, _COMPOUND_HALF_ZIPF)
    if halves is None or any(zipf(half, src) - zipf(half, tgt) < _COMPOUND_HALF_GAP for half in halves):
        return None
    return (f"written as two common {src} words, {halves[0]!r} and {halves[1]!r} (language identification "
            "does not place the word)")


def _identified(text: str, src_lang: str, tgt_lang: str, odds_needed: tuple[float, float]) -> str | None:
    """"<src> 0.xx, <tgt> 0.yy" when language identification puts `text` in the source language
    with the odds needed, else None."""
    from .langid import label, odds

    p_src, p_tgt, _ = odds(text, src_lang, tgt_lang)
    least, ratio = odds_needed
    if p_src < least or p_src < ratio * p_tgt:
        return None
    return f"{label(src_lang)} {p_src:.2f}, {label(tgt_lang)} {p_tgt:.2f}"


def _unquoted(text: str, tokens: list[Token], classes: list[tuple[int, float]], src: str,
              tgt: str) -> list[tuple[int, float]]:
    """The classes with the lowercase words of quotations classified like any word: a segment that
    quotes the source language in the source language is still a segment in the source language."""
    quotes = quote_spans(text)
    if not quotes:
        return classes
    out = list(classes)
    starts = token_starts(tokens)
    for a, b in quotes:
        for k in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
            if out[k][0] == NAME and tokens[k].text.islower():
                out[k] = word_class(tokens[k].lower, src, tgt)
    return out


# the nouns of a place's own name, kept as the place is called ("Los Angeles County", "Broad Street")
_PLACE_DIVISIONS = word_set("place-division-nouns")
_PLACE_KINDS_FIRST = word_set("place-kind-first")

def _words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.casefold()))


# a web address's end: a generic top-level domain, or a two-letter one ("medici.tv", "lemonde.fr")
_TLD = r"\.(?:com|org|net|info|app|[a-z]{2})\b"
_NOT_PROSE_HINT = re.compile(r"https?:|www\.|@|#|" + _TLD)
# Each alternative starts at a token start, so a long token is scanned once (not from every position).
_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|(?<!\S)[^\s@]+@[^\s@]+\.\w+|(?<!\w)[@#]\w+"
                        r"|(?<![\w-])[\w-]+" + _TLD + r"\S*")


@lru_cache(maxsize=1)
def _work_cue() -> re.Pattern[str]:
    """A word for a work ending the text before a quotation ("le film « Oppenheimer »"), from
    evalkit/data/title_cues.tsv."""
    cues = sorted(set(values("title_cues", "cue", kind="work")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, cues)) + r")\W*$", re.IGNORECASE)


_DATELINE = re.compile(r"(?m)^[ \t]*([A-ZÀ-Þ]{3,})(?:,[^\n—–]{0,40})?[ \t]*"
                       r"(?:\([^)\n]{1,40}\)[ \t]*)?[—–-][ \t]")


def _glue_spans(text: str, tokens: list[Token], classes: list[tuple[int, float]],
                taken: set[int]) -> list[tuple[int, int]]:
    """(first, end) token ranges of the runs _glue_runs weighs: from a word leaning to the source
    language, tokens on one line with spaces between them, numbers among them, none taken, none a
    target-language word or a capitalised sentence opener (most documents have no two leaning words)."""
    leaning = list(compress(range(len(tokens)), map(_LEANING.__contains__, map(itemgetter(0), classes))))
    if len(leaning) < 2:
        return []
    out: list[tuple[int, int]] = []
    after = 0
    for i in leaning:
        if i < after:
            continue
        j = i
        while j < len(tokens) and j not in taken and not tokens[j].initial and (
                classes[j][0] != TARGET or tokens[j].text.isdigit()) and (j == i or _joinable(text, tokens, j - 1)):
            j += 1
        after = max(j, i + 1)
        run = _glue_run(tokens, classes, i, j)
        if run:
            out.append(run)
    return out


def _glue_run(tokens: list[Token], classes: list[tuple[int, float]], i: int, j: int) -> tuple[int, int] | None:
    """The run of tokens i..j-1 (i leaning) as a glue run: ending on its last leaning word, or on the word
    that glue word holds ("and France"); two leaning words at least, a lowercase word more than glue
    ("of the Royal" is a name's glue), and a third word or one of the two more than glue ("more
    observations")."""
    words = [k for k in range(i, j) if not tokens[k].text.isdigit()]
    leaning = [k for k in words if classes[k][0] in _LEANING]
    if len(leaning) < 2:
        return None
    last = leaning[-1]
    end = next((k for k in words if k > last), last) if classes[last][0] == FUNCTION else last
    words = [k for k in words if k <= end]
    content = any(tokens[k].text.islower() and classes[k][0] != FUNCTION for k in words)
    if content and (len(words) >= 3 or any(classes[k][0] != FUNCTION for k in leaning)):
        return i, end + 1
    return None


def _inside_any(spans: list[Flag]) -> Callable[[Flag], bool]:
    """Whether a flag lies inside one of `spans`: of the spans starting at or before it, the furthest
    end reaches its end (a binary search over running maxima, not a scan per flag)."""
    ordered = sorted(spans, key=attrgetter("start"))
    starts = [f.start for f in ordered]
    reach = list(accumulate((f.end for f in ordered), max))

    def inside(flag: Flag) -> bool:
        k = bisect.bisect_right(starts, flag.start)
        return k > 0 and reach[k - 1] >= flag.end
    return inside


def _most_of_segment(tokens: list[Token], segments: list[tuple[int, int]], a: int, b: int) -> bool:
    """Tokens a..b-1 are at least _GLUE_SEGMENT_SHARE of the tokens of their segment."""
    start = tokens[a].start
    k = bisect.bisect_right(segments, start, key=itemgetter(0)) - 1   # segments are in order
    if k < 0 or not segments[k][0] <= start < segments[k][1]:
        return False
    seg = segments[k]
    lo = bisect.bisect_left(tokens, seg[0], key=itemgetter(0))
    hi = bisect.bisect_left(tokens, seg[1], key=itemgetter(0))
    return b - a >= _GLUE_SEGMENT_SHARE * (hi - lo)


# a glue run this large a share of its segment is the segment's business (the one-error rule)
_GLUE_SEGMENT_SHARE = 0.6


# language identification must be surer of a run of weak words than of a run with a strong one
_GLUE_ODDS = (0.6, 20.0)


def _tokens_in(tokens: list[Token], flag: Flag) -> range:
    """The indices of the tokens inside a flag's span."""
    return range(bisect.bisect_left(tokens, flag.start, key=itemgetter(0)),
                 bisect.bisect_left(tokens, flag.end, key=itemgetter(0)))


def _gap_is_space(tokens: list[Token], i: int) -> bool:
    return tokens[i + 1].start - tokens[i].end == 1


def _plain_word(tok: Token) -> bool:
    return tok.text.isalpha() and tok.text.islower()


def _hit_runs(hits: list[bool]) -> list[tuple[int, int]]:
    """(first, last) token indices of the runs that consecutive trigram hits cover (hit i covers tokens
    i to i+2)."""
    runs: list[tuple[int, int]] = []
    for i, hit in enumerate(hits):
        if not hit:
            continue
        if runs and i <= runs[-1][1] - 1:
            runs[-1] = (runs[-1][0], i + 2)
        else:
            runs.append((i, i + 2))
    return runs


def _joinable(text: str, tokens: list[Token], i: int) -> bool:
    """Tokens i and i+1 are neighbours in one phrase: same line, only spaces between them."""
    a, b = tokens[i], tokens[i + 1]
    gap = text[a.end:b.start]
    return a.line == b.line and 0 < len(gap) <= 2 and not gap.strip()


@lru_cache(maxsize=100_000)
def _variant_of(form: str, other: str, loose: bool = True) -> bool:
    """`other` is a different spelling of the same name (not a mere accent/y-i variant, not a derivative);
    `loose`: a spelling only somewhat similar with a shared start counts ("Londres" for London at 0.6)."""
    if form == other or fold(form)[:1] != fold(other)[:1] or abs(len(form) - len(other)) > 3:
        return False
    if spelling_key(form) == spelling_key(other):
        return False  # Taiwan/Taïwan is an inconsistency, not a translation
    f, o = fold(form), fold(other)
    if f.startswith(o) or o.startswith(f):
        return False  # Trump/Trumpiste, Berlin/Berliner
    if translit_key(form) == translit_key(other):
        return True   # Putin/Poutine
    if not similar_at_least(form, other, 0.6):
        return False   # below both thresholds
    ratio = similar(form, other)
    prefix = len(os.path.commonprefix([f, o]))
    return ratio >= 0.75 or loose and ratio >= 0.6 and prefix >= 3  # London/Londres, not Pakistan/Pékin


def _match_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _insertions(doc: DetectionInput) -> list[tuple[int, int]]:
    """Spans of the MT segments the alignment leaves without a source (0-1 links), but for a near copy of a
    segment it pairs: a sentence written twice, one of them paired, renders the source all the same (its words
    are checked; the copy is the duplication rule's)."""
    if not doc.alignment or not doc.hypothesis_segments or not doc.source:
        return []
    hyp = doc.hypothesis_segments
    lone = [k for link in doc.alignment if not link.source for k in link.target if 0 <= k < len(hyp)]
    if not lone:
        return []
    paired = [hyp[k].text for link in doc.alignment if link.source for k in link.target if 0 <= k < len(hyp)]
    return [(hyp[k].start, hyp[k].end) for k in lone if not _near_copy(hyp[k].text, paired)]


# a segment sharing this share of its words (and of the other's) with another is a near copy of it; the two are
# then within this share of each other's length
_COPY_SHARE, _COPY_LENGTH = 0.8, 0.25


def _near_copy(text: str, others: list[str]) -> bool:
    """`text` shares _COPY_SHARE of its words (five or more) with one of `others`, and that one of its own."""
    near = [o for o in others if abs(len(o) - len(text)) <= _COPY_LENGTH * len(text)]
    if not near:
        return False
    words = set(_words_of(text.casefold()))
    if len(words) < 5:
        return False
    for other in near:
        theirs = set(_words_of(other.casefold()))
        if len(words & theirs) >= _COPY_SHARE * max(len(words), len(theirs)):
            return True
    return False


class _SourceWords:
    """MT token start -> lowercase words of the aligned source segments (nothing without alignment).

    Asked only about the few words of candidate phrases: the index of MT tokens is built on the first
    question, a link's source words when one of its MT tokens is asked about.
    """

    def __init__(self, doc: DetectionInput) -> None:
        self.doc = doc
        self.owner: dict[int, int] | None = None     # MT token start -> link (the last link holding it)
        self.words: dict[int, set[str]] = {}

    def get(self, start: int, default=()):
        if self.owner is None:
            self.owner = {}
            for n, (_, t_tokens, _, _) in enumerate(aligned_tokens(self.doc)):
                self.owner.update(zip(map(itemgetter(0), t_tokens), repeat(n)))
        n = self.owner.get(start)
        if n is None:
            return default
        if n not in self.words:
            self.words[n] = set(map(itemgetter(6), aligned_tokens(self.doc)[n][0]))
        return self.words[n]


def _quoted_term(kinds: Sequence[tuple[int, float]]) -> bool:
    """A quotation of three words at most, one of them the source language's and none the target's alone: a term
    quoted as such (« board foot », where French has "foot" too), not a target-language quotation."""
    return len(kinds) <= _QUOTED_TERM_WORDS and any(k in _CONTENT for k, _ in kinds) \
        and all(k != TARGET for k, _ in kinds)


def _source_writes_otherwise(word: str, aligned: Collection[str]) -> bool:
    """The aligned source segment (its lowercase words `aligned`) has no form of `word`: no word of it opens
    on all of `word` but its last two letters ("snowplough" for "snowploughs"). A word left untranslated is a
    word of its source; one the source does not write is the MT's own ("iodation", French, where the source
    has "iodisation"), however rare in the target's word list. False without an aligned source."""
    if not aligned:
        return False
    stem = word[:max(3, len(word) - 2)]
    return not any(w.startswith(stem) or word.startswith(w[:max(3, len(w) - 2)]) for w in aligned)


def _source_words(doc: DetectionInput) -> _SourceWords:
    """MT token start -> lowercase words of the aligned source segments (empty without alignment)."""
    return _SourceWords(doc)


def _in_source_language_name(tokens: Sequence[Token], i: int, text: str, src: str, tgt: str) -> bool:
    """Token i is a word of a name of two capitalised words or more, one of them a word of the source
    language ("Nature Astronomy", "British Medical Diary", "Caribbean Media Corporation"), or, in a language
    that joins a noun and a place with a preposition, right after a capitalised word inside a sentence
    ("Transport Malta"): a name, the names detector's matter, not a word spelt the source-language way
    ("Vladimir Putin" beside "Poutine" is still one)."""
    run = [*capitalised_run(text, tokens, i, -1, _NAME_REACH), i, *capitalised_run(text, tokens, i, 1, _NAME_REACH)]
    if any(zipf(tokens[j].lower, src) - zipf(tokens[j].lower, tgt) >= 1.0 for j in run if j != i):
        return True
    return tgt in _PREPOSITION_BEFORE_PLACE and i - 1 in run and not tokens[i - 1].initial


# how many words on each side of a place a body's name is looked for in
_NAME_REACH = 4


# languages that name a body after its place with a preposition ("Transports de Malte"), so a place's name
# right after a capitalised word inside a sentence is a name's ("Transport Malta", "Air Malta")
_PREPOSITION_BEFORE_PLACE = frozenset(values("language_facts", "lang", fact="place-after-preposition"))


def _learned_translations(doc: DetectionInput, src: str, tgt: str) -> dict[str, str]:
    """Source names the MT keeps verbatim in some links and renders otherwise in others.

    Returns casefolded name -> its rendering, learnt from the aligned segments: a similar spelling in
    one link (Putin -> Poutine) or the same unexplained target-language word in two or more (Beijing ->
    Pékin).
    """
    links = aligned_tokens(doc)
    # first the capitalised source words of each link, kept verbatim in its MT segment or not
    verbatim: dict[str, int] = {}
    absent_from: dict[str, list[int]] = {}    # name -> the links whose MT segment lacks it
    for n, (s_tokens, t_tokens, _, _) in enumerate(links):
        t_fold = None
        for i in capitalised_at(s_tokens):
            t = s_tokens[i]
            # (fields by index, for every capitalised source word: 2 text, 4 a sentence's first word, 6 lower)
            if len(t[2]) < 4 or t[4] and zipf(t[6], src) >= 4.5:
                continue
            if t_fold is None:
                t_fold = set(map(str.casefold, map(itemgetter(2), t_tokens)))
            key = t[2].casefold()
            if key in t_fold:
                verbatim[key] = verbatim.get(key, 0) + 1
            else:
                absent_from.setdefault(key, []).append(n)
    # then, only for the links of a name kept in some links and not in others, what stands in its place
    found: dict[int, dict[str, str]] = {}
    why: dict[int, set[str]] = {}

    def candidates(n: int) -> dict[str, str]:
        """Capitalised MT words of link n that its source lacks: casefolded -> as first written there."""
        if n not in found:
            s_tokens, t_tokens = links[n][0], links[n][1]
            s_fold = set(map(str.casefold, map(itemgetter(2), s_tokens)))
            # a dict, not a set: candidates keep their order in the text, so the choice below does not
            # depend on the hash seed
            cands: dict[str, str] = {}
            for t in map(t_tokens.__getitem__, capitalised_at(t_tokens)):
                if not t.all_caps and len(t.text) >= 3 and t.text.casefold() not in s_fold:
                    cands.setdefault(t.text.casefold(), t.text)
            found[n] = cands
        return found[n]

    def explained(n: int) -> set[str]:
        """The candidates of link n that are a spelling of some source name of the link."""
        if n not in why:
            s_tokens = links[n][0]
            s_names = {t.text.casefold() for t in map(s_tokens.__getitem__, capitalised_at(s_tokens))
                       if len(t.text) >= 3}
            why[n] = {c for c in candidates(n) if any(spelling_key(c) == spelling_key(nm) or _variant_of(c, nm)
                                                      for nm in s_names)}
        return why[n]

    first_written: dict[str, str] = {}
    scanned = [0]   # the links looked at so far for first_written

    def surface(c: str) -> str:
        # the candidate as first written in the document: links are looked at in order, each once,
        # until one has it
        while c not in first_written and scanned[0] < len(links):
            for key, written in candidates(scanned[0]).items():
                first_written.setdefault(key, written)
            scanned[0] += 1
        return first_written.get(c, c)

    learned: dict[str, str] = {}
    for key, where in absent_from.items():
        if key not in verbatim:
            continue
        similar_found = next((c for n in where for c in candidates(n) if _variant_of(key, c)
                              and not _built_on(c, key) and zipf(c, tgt) - zipf(c, src) >= 0.5), None)
        if similar_found is not None:
            learned[key] = surface(similar_found)
            continue
        zs, zt = zipf(key, src), zipf(key, tgt)
        if len(where) < 2 or zs < 3.0 or zs - zt < 0.5:
            continue
        counts: dict[str, int] = {}
        for n in where:
            for c in candidates(n):
                if c not in explained(n):
                    counts[c] = counts.get(c, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        best = ranked[0] if ranked else None
        if best and len(ranked) > 1 and ranked[1][1] == best[1]:
            continue    # two words as often ("Londres et Pékin" each time): which one renders it is unknown
        if best and best[1] >= 2 and best[1] >= 0.6 * len(where) \
                and spelling_key(best[0]) != spelling_key(key) and not _built_on(best[0], key) \
                and zipf(best[0], tgt) - zipf(best[0], src) >= 0.5:
            learned[key] = surface(best[0])
    return learned


def _built_on(word: str, name: str) -> bool:
    """`word` is an adjective built on the place `name` (casefolded), not a rendering of it: it is
    longer, starts with the name but for its last two letters, and has an adjective's ending
    ("dresdner" for "dresden", "wiener" for "wien"; "londres" is a rendering of "london")."""
    stem = name[:max(4, len(name) - 2)]
    return len(word) > len(name) and word.startswith(stem) and any(map(word.endswith, _PLACE_ADJECTIVE_ENDINGS))


_PLACE_ADJECTIVE_ENDINGS = tuple(word_set("place-adjective-endings"))


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per span; a span inside another flagged span goes. A segment left in the source
    language (critical) wins over a longer flag starting with it (a quotation across segments)."""
    flags = sorted(flags, key=lambda f: (f.start, f.severity != "critical", -(f.end - f.start), -f.confidence))
    kept: list[Flag] = []
    for flag in flags:
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept


def _loan_compound(text: str, start: int, end: int) -> bool:
    """The word text[start:end] is hyphen-joined to a word in another script: one compound of the
    target language with a loan in it ("cookie-файлов", "IT-компания"), not English left in the text."""
    after, before = text[end:end + 2], text[max(0, start - 2):start]
    return any(len(pair) == 2 and "-" in pair and _script_differs(pair.replace("-", ""), text[start])
               for pair in (after, before))


def _script_differs(c: str, letter: str) -> bool:
    """`c` is a letter of a script other than Latin while `letter` is Latin (or the other way round)."""
    return c.isalpha() and (ord(c) > 0x024F) != (ord(letter) > 0x024F)


def _other_script_text(tokens: list[Token]) -> bool:
    """The text is written mostly in a script other than Latin (Cyrillic, Greek, ...): a lowercase word in
    Latin letters stands out of it by its script alone."""
    return len(tokens) >= 20 and sum(map(str.isascii, map(itemgetter(2), tokens))) < 0.3 * len(tokens)


# the classes of a lowercase Latin word that lean to the source language in a text of another script: one the
# source language writes more than the target (WEAK), or one both write (NEUTRAL: "jeep", which Russian web text
# writes as a brand's name)
_FOREIGN_LEANING = frozenset({WEAK, NEUTRAL})


def _foreign_letters(tok: Token, cls: tuple[int, float] | None) -> tuple[int, float] | None:
    """A word's class in a text of another script: a lowercase source-language word in Latin letters
    ("транслироваться live", "open-air концерты", "предлагают jeep safari") leans to the source however often
    the target's web text borrows it, or writes it as a brand's."""
    if cls is not None and cls[0] in _FOREIGN_LEANING and tok.text.isascii() and tok.text.islower() \
            and len(tok.text) >= 3:
        return STRONG, cls[1]
    return cls


def _lifted_evidence(words: str, tokens: list[Token], src: str, tgt: str, d: float) -> str:
    """The evidence for words both languages write that where they stand lean to the source language
    (_foreign_letters, _lowercase_nouns)."""
    if _other_script_text(tokens):
        return f"{words!r}: {src} words written in lowercase Latin letters inside {tgt} text in another script " \
               f"(zipf difference {d:.1f})"
    return f"{words!r}: a {src} word written in lowercase in a noun's place (after an article, before a " \
           f"punctuation mark), where {tgt} capitalises its nouns (zipf difference {d:.1f})"


def _lowercase_nouns(tokens: list[Token], classes: list, text: str) -> None:
    """In a language that capitalises nouns, a lowercase word that both languages write (NEUTRAL) or that leans a
    little to the source (WEAK), in a noun's place: right after an article or a determiner ("ein", "der",
    "kein") and right before a punctuation mark ("ist ein gamble“,"). The target language would capitalise
    its own noun there: the word is the source language's (in place, as STRONG)."""
    for i in range(1, len(tokens)):
        c, tok = classes[i], tokens[i]
        if c is None or c[0] not in _FOREIGN_LEANING or not tok.text.islower() or not tok.text.isalpha() \
                or tokens[i - 1].lower not in _NOUN_DETERMINERS or tokens[i - 1].end + 1 != tok.start:
            continue
        if text[tok.end:tok.end + 1] in _NOUN_PHRASE_END:
            classes[i] = (STRONG, c[1])


# the articles and determiners before a noun in a language that capitalises nouns (word_lists.tsv), and the
# marks that may end the noun phrase right after the noun
_NOUN_DETERMINERS = word_set("capitalised-noun-determiners")
_NOUN_PHRASE_END = frozenset(",.;:!?“”\"»«)")


def _inside_kept_name(text: str, tokens: Sequence[Token], i: int, source: str) -> bool:
    """Token `i` and a capitalised word beside it (one space between), or the two around it, are written so in
    the source: a name kept whole ("Robert Francis Prevost", though the text calls the pope "François"
    elsewhere; "CBC Manitoba", a broadcaster's, though it writes the province "Манитоба")."""
    for a, b in ((i - 1, i + 1), (i - 1, i), (i, i + 1)):
        if a < 0 or b >= len(tokens) or not all(tokens[k].capitalised or tokens[k].all_caps for k in (a, b)):
            continue
        if (b - a == 2 or text[tokens[a].end:tokens[b].start] == " ") and text[tokens[a].start:tokens[b].end] in source:
            return True
    return False
