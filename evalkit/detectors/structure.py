"""Structure detector: duplicated lines and sentences and truncation from the MT alone; omissions,
additions and number mismatches from the source<->MT alignment when a source is given.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import math
import operator
import os
import re
import statistics
from collections.abc import Iterable, Sequence

from ..flags import Flag
from . import layout
from .base import DetectionInput, Detector
from .gazetteer import related
from .langdata import data_text, pattern, table, word_set
from .layout import Line, analyse_lines, is_terminal, normalise_line, pattern_junk, words
from .name_forms import english_for, english_loosely, split_compound, translates, translates_loosely
from .numbers import extract_numbers, extract_numbers_spans, scale_mismatches, with_amounts
from .text import CONNECTORS, as_words_at, fold, lang_base


# Words a sentence cannot end on, per language (evalkit/data/dangling_words.tsv): a text that stops on
# one of them was cut.
def _load_dangling() -> dict[str, frozenset[str]]:
    text = data_text("dangling_words")
    rows = (line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {lang: frozenset(words.split()) for lang, words in rows}


_DANGLING_SETS = _load_dangling()
# the last token when it is such a word, an elision or a comma (shared with the junk rules)
_dangling = layout.dangling_end

# Pairs of identical words that are grammatical ("nous nous sommes", "had had", "die, die").
_LEGIT_REPEATS = word_set("legit-repeats")
_REPEATED_WORD = re.compile(r"(?<![\w-])([^\W\d_]{2,})\b[\s\u00a0]+(\1)(?![\w-])", re.IGNORECASE)
# (the look-behind comes after the first capital, so that the regex opens on a character class: the
# engine skips the other positions fast)
_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w-][A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:[\s\u00a0]+[A-ZÀ-ÖØ-Þ][^\W\d_]+)+")
_TOKEN = re.compile(r"\S+")


class StructureDetector(Detector):
    """Duplication, truncation, and (with a source) omissions, additions and number mismatches."""

    name = "structure"
    categories = ("fluency/duplication", "omission/truncation", "accuracy/omission", "accuracy/addition",
                  "accuracy/mistranslation/number")

    def detect(self, doc: DetectionInput) -> list[Flag]:
        lines = analyse_lines(doc)
        segs = list(doc.hypothesis_segments) if doc.hypothesis_segments is not None else _segment(doc)
        ctx = _Context(doc, lines, segs, self.name)
        ctx.duplicates()
        ctx.repeated_names()
        ctx.truncation()
        if doc.alignment is not None and doc.source_segments is not None and doc.hypothesis_segments is not None:
            ctx.omissions()
            ctx.merged_omissions()
            ctx.dropped_name_parts()
            ctx.broken_sentences()
            ctx.additions()
            ctx.numbers()
        return ctx.flags


def _segment(doc: DetectionInput) -> list:
    from ..segment import segment

    return segment(doc.hypothesis, doc.tgt_lang or "")


class _Context:
    """One document under analysis: its lines, its segments, and the flags found so far."""

    def __init__(self, doc: DetectionInput, lines: list[Line], segs: Sequence, detector: str) -> None:
        self.doc, self.lines, self.segs, self.detector = doc, lines, segs, detector
        self.flags: list[Flag] = []
        self.lang = (doc.tgt_lang or "").split("-")[0].lower()
        starts = [line.start for line in lines]
        self.line_of_seg: list[int | None] = []
        for seg in segs:
            k = bisect.bisect_right(starts, seg.start) - 1
            self.line_of_seg.append(k if k >= 0 and lines[k].start <= seg.start < lines[k].end else None)
        self.duplicate_segs: set[int] = set()
        self._src_counts: dict[str, int] | None = None
        self._src_of: dict[int, tuple[int, ...]] = {}
        self._ratio: float | None = None
        self._seg_starts: list[int] | None = None
        self._gaps: list | None = None
        self._copies: set[int] = set()
        self._repeated: set[int] = set()   # segments of a line whose reworded repeat is flagged
        self._shifted: list = []   # links moved off a junk line onto the prose beside it (_gap_links)
        self._runs: list = []   # the unaligned runs _paired_links made one link of
        self._paired: list | None = None   # _paired_links's answer, once per document
        self._junk: dict[int, float] = {}   # the aligner's junkiness of each MT segment asked about

    def flag(self, start: int, end: int, category: str, severity: str, confidence: float, evidence: str,
             suggestion: str | None = None) -> None:
        text = self.doc.hypothesis
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            self.flags.append(Flag(start, end, category, severity, text[start:end], self.detector,
                                   suggestion=suggestion, confidence=confidence, evidence=evidence,
                                   doc_id=self.doc.doc_id, system=self.doc.system))

    def line_kind(self, j: int) -> str:
        k = self.line_of_seg[j]
        return self.lines[k].kind if k is not None else "content"

    def in_prompt(self, j: int) -> bool:
        k = self.line_of_seg[j]
        if k is None:
            return False
        seg = self.segs[j]
        return any(a < seg.end and seg.start < b for a, b, _ in self.lines[k].prompts)

    # --- duplication ----------------------------------------------------------------------

    def duplicates(self) -> None:
        """A line or sentence that repeats an earlier one (after normalising case, quotes,
        spaces and punctuation, or nearly so): the later copy is flagged."""
        earlier = _NearIndex([line.key for line in self.lines if line.kind == "content"])
        for k, line in enumerate(self.lines):
            if line.kind == "duplicate":
                first = self.lines[line.first]
                self._dup_line(line, first, 0.9, "repeats an earlier line")
                continue
            if line.kind != "content":
                continue
            near = earlier.find(line.key)
            if near is not None:
                self._dup_line(line, self.lines[near], 0.75, "nearly repeats an earlier line")
                self._repeated.update(self._segs_of(self.lines[near]))   # as below: no addition of its own
                continue
            # (a loose repeat, a few words swapped, only without a source: with one, the source may repeat
            # itself as loosely, a title and its first sentence; unless the aligner paired one of the two lines
            # and left the other with no source sentence: the MT wrote one sentence twice, and one copy had
            # none left)
            reworded = earlier.reworded(line.key, loose=self.doc.alignment is None)
            if reworded is None and self.doc.alignment is not None and self._after_unpaired(k):
                reworded = earlier.reworded(line.key, loose=True)
            once = _one_word_changed(line, self._content_before(k), self.lang) \
                if reworded is None and self.doc.alignment is None else None
            if once is not None and not self._own_source(line, self.lines[once[0]]):
                self._dup_line(line, self.lines[once[0]], 0.6, once[1])
                self._repeated.update(self._segs_of(self.lines[once[0]]))
                continue
            if reworded is not None and not self._own_source(line, self.lines[reworded[0]]) \
                    and not self._source_says_twice(line):
                self._dup_line(line, self.lines[reworded[0]], 0.6,
                               f"repeats an earlier line with a few words changed (similarity {reworded[1]:.2f})")
                self._repeated.update(self._segs_of(self.lines[reworded[0]]))   # the first renders the same
                # source sentence, though the aligner paired the repeat: no addition of its own
                continue
            if len(line.key) >= 40:
                earlier.add(line.key, k)
        seen: dict[str, int] = {}
        for j, seg in enumerate(self.segs):
            kind = self.line_kind(j)
            if kind not in ("content",) or j in self.duplicate_segs or self.in_prompt(j):
                continue
            key = normalise_line(seg.text)
            if len(key) < 25 or len(key.split()) < 5:
                continue
            if key in seen:
                self.duplicate_segs.add(j)
                if self._source_repeats([j]):
                    continue
                self.flag(seg.start, seg.end, "fluency/duplication", "major", 0.85,
                          f"repeats the sentence at offset {self.segs[seen[key]].start}", suggestion="")
            else:
                seen[key] = j

    def _content_before(self, k: int) -> Line | None:
        """The content line right before line `k`, only junk lines between them; or None."""
        for before in reversed(self.lines[:k]):
            if before.kind == "content":
                return before
            if before.kind not in _JUNK_KINDS:
                return None
        return None

    def _source_repeats(self, js: Sequence[int]) -> bool:
        """With a source: the copy renders a source sentence that the source itself repeats (a
        caption that repeats the body, in the original too): not an MT error."""
        if self.doc.alignment is None or self.doc.source_segments is None:
            return False
        if self._src_counts is None:
            counts: dict[str, int] = {}
            for seg in self.doc.source_segments:
                key = normalise_line(seg.text)
                counts[key] = counts.get(key, 0) + 1
            self._src_counts = counts
        src, src_of = self.doc.source_segments, self._source_map()
        return any(self._src_counts.get(normalise_line(src[i].text), 0) >= 2
                   for j in js for i in src_of.get(j, ()))

    def _source_map(self) -> dict[int, tuple[int, ...]]:
        """MT segment -> the source segments of its link (made when first asked)."""
        if not self._src_of:
            self._src_of = {j: lk.source for lk in self.doc.alignment or () for j in lk.target}
        return self._src_of

    def _after_unpaired(self, k: int) -> bool:
        """Of line `k` and the content line before it, one has a source sentence and the other segments and
        none with one (either copy of a sentence written twice may be the one the aligner left unpaired)."""
        src_of = self._source_map()
        before = next((i for i in range(k - 1, -1, -1) if self.lines[i].kind == "content"), None)
        js = self._segs_of(self.lines[before]) if before is not None else ()
        ks = self._segs_of(self.lines[k])
        mine, theirs = any(src_of.get(j) for j in ks), any(src_of.get(j) for j in js)
        return bool(js) and bool(ks) and mine != theirs

    def _source_says_twice(self, line: Line) -> bool:
        """With a source: the source sentence `line` renders is like the one before it (a title the first
        sentence repeats): the MT saying it twice is no error of its own."""
        if self.doc.alignment is None:
            return False
        src_of = self._source_map()
        mine = sorted({i for j in self._segs_of(line) for i in src_of.get(j, ())})
        return bool(mine) and mine[0] > 0 and self._alike_sources(mine, [mine[0] - 1])

    def _own_source(self, line: Line, first: Line) -> bool:
        """With a source: `line` renders source sentences other than `first`'s (two similar sentences of the
        original, translated one by one: no repeat of the MT's)."""
        if self.doc.alignment is None:
            return False
        src_of = self._source_map()

        def sources(of: Line) -> set[int]:
            return {i for j in self._segs_of(of) for i in src_of.get(j, ())}
        mine, theirs = sources(line), sources(first)
        # (the first with no source sentence at all: the aligner paired the repeat with the sentence both render)
        if not mine or not theirs or not mine.isdisjoint(theirs):
            return False
        # two source sentences unlike each other cannot be rendered by two lines alike: the aligner paired
        # one copy with a sentence the MT left out ("A kindergarten was damaged" / "In Japan, ...")
        return self._alike_sources(sorted(mine), sorted(theirs))

    def _segs_of(self, line: Line) -> range:
        """The indices of the segments of `line`."""
        if self._seg_starts is None:
            self._seg_starts = [seg.start for seg in self.segs]
        return range(bisect.bisect_left(self._seg_starts, line.start), bisect.bisect_left(self._seg_starts, line.end))

    def _dup_line(self, line: Line, first: Line, confidence: float, why: str) -> None:
        js = self._segs_of(line)
        self.duplicate_segs.update(js)
        if self._source_repeats(js):
            return
        start, end = line.start, line.end
        for a, b, _ in line.prompts:
            # A leaked prompt glued to the copy is its own error: the duplicate is what is left.
            if a == start:
                start = b
            elif b == end:
                end = a
        self.flag(start, end, "fluency/duplication", "major", confidence,
                  f"{why} (line {first.index + 1})", suggestion="")

    def repeated_names(self) -> None:
        """A name or word said twice in a row inside one sentence ("a déclaré John Kirby, ...
        John Kirby", "the the"): minor."""
        for j, seg in enumerate(self.segs):
            if self.line_kind(j) != "content" or j in self.duplicate_segs:
                continue
            text = seg.text
            toks = text.split()
            if len(toks) > len(set(toks)):
                self._repeated_name(seg)
            low = text.lower().split()
            if any(map(operator.eq, low, low[1:])):
                for m in _REPEATED_WORD.finditer(text):
                    # Capitalised pairs are names ("Bora Bora", "Sirhan Sirhan"); "Le le" is not.
                    if m.group(1).lower() in _LEGIT_REPEATS or not m.group(2).islower():
                        continue
                    self.flag(seg.start + m.start(2), seg.start + m.end(2), "fluency/duplication", "minor",
                              0.6, f"word {m.group(1)!r} written twice in a row", suggestion="")

    def _repeated_name(self, seg) -> None:
        text = seg.text
        found = list(_NAME.finditer(text))
        if len(found) < 2:
            return  # a name can only repeat another one
        names = [(m.start(), m.end(), normalise_line(m.group())) for m in found]
        for i, (a, b, key) in enumerate(names):
            for a2, b2, key2 in names[i + 1:]:
                gap = len(_TOKEN.findall(text[b:a2]))
                if gap > 4:
                    break
                if key2 == key:
                    self.flag(seg.start + a2, seg.start + b2, "fluency/duplication", "minor", 0.5,
                              f"name {text[a:b]!r} repeated {gap} word(s) later in the sentence", suggestion="")
                    break

    # --- truncation -----------------------------------------------------------------------

    def truncation(self) -> None:
        """The last sentence of the article (junk after it does not count) is unfinished."""
        last = self._last_article_line()
        if last is None:
            return
        idx = [j for j, k in enumerate(self.line_of_seg) if k is not None and self.lines[k] is last
               and not self.in_prompt(j)]
        if not idx:
            return
        j = idx[-1]
        seg = self.segs[j]
        text = seg.text.rstrip()
        if _finished(text):
            return
        tokens = list(_TOKEN.finditer(text))
        n = len(words(text))
        if n < _TRUNCATED_SHORT_WORDS:
            return
        dangling = _dangling(text, self.lang)
        short_of_source = self._short_of_source(j)
        if n < _TRUNCATED_MIN_WORDS and not (dangling and (
                short_of_source or self._punctuated_elsewhere(last) >= _TRUNCATED_FEW_LINES)):
            return   # a short line stopping on a preposition ("Выставка продлится до") after punctuated prose
        last_word = re.sub(r"\W+$", "", tokens[-1].group()).lower().split("’")[-1].split("'")[-1]
        opened = _unclosed(text)
        paragraph = len(idx) >= 2
        if dangling:
            confidence, why = 0.9, f"the text stops on {tokens[-1].group()!r}, a word that cannot end a sentence"
        elif opened:
            confidence, why = 0.8, f"the last sentence opens {opened!r} and stops before closing it"
        elif short_of_source:
            confidence, why = 0.75, short_of_source
        elif paragraph:
            confidence, why = 0.65, "the article's last paragraph ends without sentence punctuation"
        elif _names_only(text, self.lang):
            return   # a credit line ("Mitarbeit Sabine Roth und Jonas Keller"), not a cut sentence
        elif n >= 6 or self._punctuated_elsewhere(last) >= _TRUNCATED_PUNCTUATED_LINES:
            punctuated = self._punctuated_elsewhere(last)
            # fewer punctuated lines will do when the sentence stops on a lower-case word (not a name,
            # a number or a sign-off) with at least six words: a cut clause, furniture after it or not
            if punctuated < _TRUNCATED_PUNCTUATED_LINES and not (
                    n >= 6 and punctuated >= _TRUNCATED_FEW_LINES and last_word.isalpha()
                    and last_word == tokens[-1].group()):
                return
            confidence, why = 0.6, (f"the article's last sentence ends without punctuation, where its other "
                                    f"{punctuated} sentence lines all end with it")
        else:
            return
        start = tokens[-2].start() if len(tokens) >= 2 else tokens[-1].start()
        self.flag(seg.start + start, seg.start + tokens[-1].end(), "omission/truncation", "major", confidence,
                  why, suggestion=None)

    def _punctuated_elsewhere(self, last: Line) -> int:
        """How many other content lines of six words or more (the headline, the first, aside) end with
        sentence punctuation; 0 when one does not (an article written without full stops), unless
        _TRUNCATED_MOST_LINES do or more and only one does not."""
        content = [line for line in self.lines if line.kind == "content"]
        # the lines before the last sentence (an unknown closing line after it does not vote)
        lines = [line.text.strip() for line in content[1:] if line.start < last.start and len(words(line.text)) >= 6]
        done = sum(map(_finished, lines))
        # (one line left unpunctuated among many that are is a slip or junk the rules do not know, not a
        # text written without full stops)
        return done if done == len(lines) or done >= _TRUNCATED_MOST_LINES and done == len(lines) - 1 else 0

    def _last_article_line(self) -> Line | None:
        """The article's last line: the last content line, passing over short unpunctuated lines after
        it (a byline "Por Redacción Economía", a "Deja tu comentario" the junk rules do not know),
        which would otherwise hide a truncated sentence before them."""
        content = [line for line in self.lines if line.kind == "content"]
        for k in range(len(content) - 1, max(-1, len(content) - 5), -1):
            text = content[k].text.strip()
            if k == len(content) - 1 and k > 0 and self._junk_after_cut(text, content[k - 1].text.strip()):
                continue
            if len(words(text)) >= _TRUNCATED_MIN_WORDS or _finished(text) \
                    or len(words(text)) >= _TRUNCATED_SHORT_WORDS and _dangling(text, self.lang):
                return self._cut_before(content, k)   # (a short line stopping on a preposition is a cut one)
        return content[-1] if content else None

    def _junk_after_cut(self, text: str, before: str) -> bool:
        """The page's last line is site junk or a prompt the rules do not know, read so by the line
        classifier, after an unfinished line: a whole sentence ("Mitreden erwünscht: Beiträge werden ...
        geprüft." after "... für"), or any line after one stopping on a word that cannot end a sentence."""
        if not before or _finished(before) or not (_finished(text) or _dangling(before, self.lang)):
            return False
        return layout.learned_kind(text, self.lang) is not None

    def _cut_before(self, content: list[Line], k: int) -> Line:
        """The line before an unpunctuated last line (a signature or a call to follow that the junk
        rules do not know) when that line stops on a word that cannot end a sentence or inside an
        opened quote or bracket: the cut is there, not in the line after it."""
        line = content[k]
        if k == 0 or is_terminal(line.text) or len(words(line.text)) > _TRUNCATED_TAIL_WORDS:
            return line
        before = content[k - 1].text.strip()
        n = len(words(before))
        last_token = before.split()[-1] if before.split() else ""
        # a long line stopping on a lower-case word is a clause cut short, not a heading
        clause = n >= _TRUNCATED_CLAUSE_WORDS and last_token.isalpha() and last_token.islower()
        if not is_terminal(before) and n >= _TRUNCATED_MIN_WORDS and (
                _dangling(before, self.lang) or _unclosed(before) or clause):
            return content[k - 1]
        return line

    def _short_of_source(self, j: int) -> str:
        """With a source: the MT segment renders only the start of its source sentence."""
        links = self.doc.alignment or ()
        link = next((lk for lk in links if j in lk.target), None)
        if link is None or not link.source:
            return ""
        src = self.doc.source_segments or ()
        src_len = sum(len(src[i].text) for i in link.source)
        tgt_len = sum(len(self.segs[t].text) for t in link.target)
        ratio = self._length_ratio()
        if src_len and tgt_len < 0.7 * ratio * src_len:
            return (f"the last MT sentence has {tgt_len} characters for a {src_len}-character source "
                    f"sentence: it stops early")
        return ""

    def _length_ratio(self) -> float:
        if self._ratio is None:
            self._ratio = self._compute_ratio()
        return self._ratio

    def _compute_ratio(self) -> float:
        src = self.doc.source_segments or ()
        ratios = [len(self.segs[lk.target[0]].text) / len(src[lk.source[0]].text)
                  for lk in self.doc.alignment or () if len(lk.source) == 1 and len(lk.target) == 1
                  and len(src[lk.source[0]].text) >= 20]
        return statistics.median(ratios) if len(ratios) >= 3 else 1.0

    # --- with the source: omissions, additions, numbers -------------------------------------

    def _gap_links(self) -> list:
        """The alignment as omissions see it: a source sentence paired only with a copy of its
        neighbour's rendering (the MT repeats a line where the sentence was; the link is held by
        length alone), or only with lines the junk or prompt rules know, is unrendered, and the copy,
        the junk or the prompt an MT-only segment; where an MT-only prose line comes right before or
        after the junk, the sentence goes with it instead (`_off_junk`). An unrendered sentence whose
        anchors the next pair's prose holds, and that pair's own sentence does not, goes with that prose,
        and the pair's sentence is the unrendered one (the aligner's chain shifted by one)."""
        if self._gaps is not None:
            return self._gaps
        from ..alignment.aligner import Link

        links = list(self.doc.alignment or ())
        out: list = []
        k = 0
        while k < len(links):
            link = links[k]
            k += 1
            if self._copied_rendering(links, k - 1):
                self._copies.add(link.target[0])
                out += [Link(link.source, (), link.score), Link((), link.target, 0.0)]
            elif out and self._copy_of_unpaired(out[-1], link):
                self._copies.add(link.target[0])
                out[-1] = Link(link.source, out[-1].target, link.score)
                out.append(Link((), link.target, 0.0))
            elif link.source and link.target and all(self.line_kind(j) in ("junk", "prompt") for j in link.target):
                k = self._off_junk(links, k, out)
            elif len(link.source) == 1 and not link.target and (n := self._next_pair(links, k)) is not None \
                    and self._renders_instead(link.source, links[n]):
                self._shifted.append(Link(link.source, links[n].target, links[n].score))
                out += [*links[k:n], self._shifted[-1], Link(links[n].source, (), 0.0)]
                k = n + 1
            else:
                out.append(link)
        self._gaps = out
        return out

    def _off_junk(self, links: list, k: int, out: list) -> int:
        """`links[k - 1]` pairs a source sentence with a junk line (a sign-up, a cookie notice) or a leaked
        prompt, which renders nothing: appends to `out` the sentence as unrendered, unless the MT line
        right before or after the junk is prose with no source (after the junk, past source sentences with
        no MT counterpart), or the pair right after renders it instead of its own sentence: that prose is
        its rendering (a shifted pair). Returns the index of the next link to read."""
        from ..alignment.aligner import Link

        link = links[k - 1]
        gap = k
        while gap < len(links) and links[gap].source and not links[gap].target:
            gap += 1
        after = links[gap] if gap < len(links) else None
        if out and self._unpaired_prose(out[-1]):
            out[-1] = Link(link.source, out[-1].target, link.score)
            self._shifted.append(out[-1])
            out.append(Link((), link.target, 0.0))
            return k
        if after is not None and (self._unpaired_prose(after) and not self._copied_next(links, gap)
                                  or gap == k and self._renders_instead(link.source, after)):
            self._shifted.append(Link(link.source, after.target, link.score))
            unrendered = [*links[k:gap]] if not after.source else [Link(after.source, (), 0.0)]
            out += [Link((), link.target, 0.0), self._shifted[-1], *unrendered]
            return gap + 1
        out += [Link(link.source, (), link.score), Link((), link.target, 0.0)]
        return k

    def _paired_links(self) -> list:
        """The alignment as omissions see it, with each run of unaligned links whose source sentences and
        MT prose share an anchor (`_crossed_gaps`: a loose rendering the aligner left unpaired, as when a
        changed number was its only anchor) made one link of those sentences and that prose: the
        numbers and the merged-sentence rules compare them. MT lines that are not prose stay MT-only."""
        from ..alignment.aligner import Link

        if self._paired is not None:
            return self._paired
        links = self._gap_links()
        out: list = []
        self._runs = []
        k = 0
        while k < len(links):
            if links[k].source and links[k].target:
                out.append(links[k])
                k += 1
                continue
            run = []
            while k < len(links) and not (links[k].source and links[k].target):
                run.append(links[k])
                k += 1
            sources = tuple(i for lk in run for i in lk.source)
            prose = tuple(j for lk in run for j in lk.target if self._prose(j))
            rendered = self._rendered_sources(list(sources), list(prose), by_length=False) or ()
            if not rendered:
                out += run
                continue
            paired = Link(tuple(rendered), prose, 0.0)
            self._runs.append(paired)
            for lk in run:   # the paired link where its first part stood; the rest as it was
                left = Link(tuple(i for i in lk.source if i not in rendered),
                            tuple(j for j in lk.target if j not in prose), lk.score)
                if paired is not None and (set(lk.source) & set(rendered) or set(lk.target) & set(prose)):
                    out.append(paired)
                    paired = None
                if left.source or left.target:
                    out.append(left)
        self._paired = out
        return out

    def _numbers_links(self) -> list:
        """The aligner's links, and the small unaligned runs `_paired_links` makes one link of (its other
        changes to the alignment, for omissions, leave numbers where the aligner put them)."""
        self._paired_links()
        # a small run only (one MT sentence for one or two source sentences): across a longer one, numbers
        # of different sentences would be compared; and not from a source written in Han characters, whose
        # numbers and months in characters ("第二十届", "12月") the digit comparison does not pair
        src = self.doc.source_segments or ()
        return list(self.doc.alignment or ()) + [
            r for r in self._runs + self._shifted if len(r.target) == 1 and len(r.source) <= 2
            and not any(_HAN.search(src[i].text) for i in r.source)]

    def _next_pair(self, links: list, k: int) -> int | None:
        """The index of the first link from `k` on that is not MT-only text other than prose (junk, a
        prompt), or None."""
        while k < len(links) and not links[k].source and not any(map(self._prose, links[k].target)):
            k += 1
        return k if k < len(links) else None

    def _renders_instead(self, sources: tuple, link) -> bool:
        """`link` pairs one source sentence with one MT prose sentence that shares an anchor with `sources`
        (numbers, names, cognates; "c" and "k" alike: "Critics", "Критики"; one word's cognate alone on five
        letters, not "arrive" and "arriéré") and none with its own sentence."""
        if len(link.source) != 1 or len(link.target) != 1 or not self._prose(link.target[0]):
            return False
        mt = _loose_anchors(self.segs[link.target[0]].text)
        src = self.doc.source_segments or ()
        text = " ".join(src[i].text for i in sources)
        shared = mt & _loose_anchors(text)
        if len(shared) == 1 and next(iter(shared))[0] == "w":
            # one word's prefix alone must run to five letters ("Critics", "Kritiker"; not "arrive", "arriéré")
            shared = _long_prefixes(self.segs[link.target[0]].text) & _long_prefixes(text)
        return bool(shared) and not mt & _loose_anchors(src[link.source[0]].text)

    def _copy_of_unpaired(self, before, link) -> bool:
        """`link` pairs a source sentence with a copy (word for word, or one word changed) of the MT prose right
        before it, which nothing pairs: that prose renders the sentence, and the copy repeats it."""
        if not self._unpaired_prose(before) or len(before.target) != 1 or len(link.source) != 1 \
                or len(link.target) != 1:
            return False
        return self._copied_in(before.target, link.target[0])

    def _copied_next(self, links: list, gap: int) -> bool:
        """The MT prose of `links[gap]`, unpaired, is copied, word for word or one word changed, in the next link's
        one MT line, paired with its own sentence: the prose is that sentence's rendering and the copy its repeat
        ("... закроет Баклерсбери ..." then "... перекроет Баклерсбери ..."), no rendering of a sentence before."""
        if gap + 1 >= len(links) or len(links[gap + 1].target) != 1 or not links[gap + 1].source:
            return False
        return self._copied_in(links[gap].target, links[gap + 1].target[0])

    def _copied_in(self, targets: tuple, j: int) -> bool:
        """MT segment j copies the MT segments `targets`, word for word or one word changed."""
        mine = normalise_line(" ".join(self.segs[t].text for t in targets))
        theirs = normalise_line(self.segs[j].text)
        return mine == theirs or self._near_copy(mine, theirs)

    def _unpaired_prose(self, link) -> bool:
        return not link.source and bool(link.target) and all(map(self._prose, link.target))

    def _copied_rendering(self, links: list, k: int) -> bool:
        """`links[k]` pairs a source sentence with a copy of the MT line that the nearest pair before or after
        it (MT-only lines, junk, between them) holds with a better score: the copy renders that pair's
        sentence, not this one. A link with anchors (score 0 or less) counts only where the other pair is
        held far better (_COPY_MARGIN): "Rosatom plans ..." written twice, the second copy paired with the
        sentence the MT left out."""
        link = links[k]
        if len(link.source) != 1 or len(link.target) != 1:
            return False
        mine = len(self.segs[link.target[0]].text)
        others = [o for o in self._nearest_pairs(links, k) if len(o.target) == 1
                  and (o.score < link.score if link.score > 0 else o.score <= link.score - _COPY_MARGIN)
                  and _COPY_LENGTHS * max(mine, len(self.segs[o.target[0]].text))
                  <= min(mine, len(self.segs[o.target[0]].text))]
        if not others:
            return False
        key = normalise_line(self.segs[link.target[0]].text)
        for other in others:
            theirs = normalise_line(self.segs[other.target[0]].text)
            if theirs == key or self._near_copy(key, theirs) and not self._alike_sources(link.source, other.source):
                return True
        return False

    @staticmethod
    def _nearest_pairs(links: list, k: int) -> list:
        """The nearest link before `k` and after it that holds a source sentence, past MT-only links."""
        out = []
        for step in (-1, 1):
            n = k + step
            while 0 <= n < len(links) and not links[n].source:
                n += step
            if 0 <= n < len(links) and links[n].target:
                out.append(links[n])
        return out

    @staticmethod
    def _near_copy(a: str, b: str) -> bool:
        """Two MT sentences of eight words or more, with the same numbers, one or two words apart."""
        wa, wb = a.split(), b.split()
        if min(len(wa), len(wb)) < _REWORDED_FEW_WORDS or sorted(_DIGITS.findall(a)) != sorted(_DIGITS.findall(b)):
            return False
        shared = set(wa) & set(wb)
        if 2 * len(shared) < len(set(wa) | set(wb)):
            return False   # most pairs asked are two different sentences, sharing under half their words
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= _REWORDED_RATIO

    def _alike_sources(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """The source sentences `a` and `b` (indices) are alike (two similar sentences of the original)."""
        src = self.doc.source_segments or ()
        keys = [normalise_line(" ".join(src[i].text for i in ids)) for ids in (a, b)]
        return difflib.SequenceMatcher(None, *keys, autojunk=False).ratio() >= _SOURCES_ALIKE

    def _crossed_gaps(self) -> set[int]:
        """Links in a run of unaligned links holding both source-only and MT-only segments that share
        an anchor: a loose or garbled rendering the aligner could not pair, not an omission plus an
        addition. Without a shared anchor the gap stands (and the MT-only text is an addition)."""
        links = self._gap_links()
        crossed: set[int] = set()
        k = 0
        while k < len(links):
            if links[k].source and links[k].target:
                k += 1
                continue
            run = []
            while k < len(links) and not (links[k].source and links[k].target):
                run.append(k)
                k += 1
            sources = [i for r in run for i in links[r].source]
            prose = [j for r in run for j in links[r].target if self._prose(j)]
            rendered = self._rendered_sources(sources, prose)
            if rendered is None and sources and prose and self._cut_rendering(sources, prose):
                rendered = sources
            crossed.update(r for r in run if not set(links[r].source) - set(rendered or ()) and rendered)
        return crossed

    def _rendered_sources(self, sources: list[int], prose: list[int], by_length: bool = True) -> list[int] | None:
        """The source sentences of an unaligned run that its MT prose renders loosely: all of them when they
        share an anchor with it as a whole (`_shares_anchor`), else those two of whose words, at least, it
        translates by the name-word tables ("The Bavarian State Office ..." in "Das Bayerische Staatsbüro
        ...", where German translates every name and nothing is shared); None when none."""
        if not sources or not prose:
            return None
        if self._shares_anchor(sources, prose, by_length):
            return sources
        src = self.doc.source_segments or ()
        mt_text = " ".join(self.segs[j].text for j in prose)
        rendered = [i for i in sources if _translated_words(src[i].text, mt_text, self.lang) >= _TRANSLATED_WORDS]
        return rendered or None

    def _cut_rendering(self, sources: list[int], targets: list[int]) -> bool:
        """The MT-only text of the run is the article's last sentence, cut short (no sentence punctuation)
        and no longer than the source sentences lead to expect: the start of their rendering, whose loss
        the truncation rule reports, not an omission plus an addition."""
        last = targets[-1]
        prose_after = [j for j in range(last + 1, len(self.segs)) if self._prose(j)]
        text = self.segs[last].text.rstrip()
        if prose_after or is_terminal(text) or len(words(text)) < _TRUNCATED_MIN_WORDS:
            return False
        src = self.doc.source_segments or ()
        expected = self._length_ratio() * sum(len(src[i].text) for i in sources)
        return sum(len(self.segs[j].text) for j in targets) <= expected

    def _shares_anchor(self, sources: list[int], targets: list[int], by_length: bool = True) -> bool:
        """Evidence of a loose rendering: some source segment and some MT segment of the lists share
        a number, a name or a cognate (the aligner's anchors, punctuation aside); or, between two
        scripts (where only numbers can be shared), the MT text is as long as the source text leads
        to expect (within a factor of two of the document's length ratio)."""
        from ..alignment.aligner import features

        src = self.doc.source_segments or ()
        mt_keys = {k for j in targets for k in features(self.segs[j].text) if k[0] != "p"}
        if any(k[0] != "p" and k in mt_keys for i in sources for k in features(src[i].text)):
            return True
        source_text = " ".join(src[i].text for i in sources)
        mt_text = " ".join(self.segs[j].text for j in targets)
        if not by_length or _latin_letters(source_text) == _latin_letters(mt_text):
            return False
        expected = self._length_ratio() * len(source_text)
        return expected / 2 <= len(mt_text) <= expected * 2

    def _prose(self, j: int) -> bool:
        """MT segment j is article text: not a junk line, a leaked prompt, a duplicate, nor what the
        aligner itself takes for junk (a cookie notice, a share bar, in any of its languages)."""
        if self.line_kind(j) != "content" or j in self.duplicate_segs or j in self._copies or self.in_prompt(j):
            return False
        if j not in self._junk:
            from ..alignment.aligner import junkiness

            self._junk[j] = junkiness(self.segs[j].text, self.doc.tgt_lang)
        return self._junk[j] < 0.5

    def omissions(self) -> None:
        """A run of source sentences with no MT counterpart (1-0 links), anchored to the MT word
        after which the content is missing; the missing source text is the suggestion."""
        links = self._gap_links()
        crossed = self._crossed_gaps()
        k = 0
        while k < len(links):
            if links[k].source and not links[k].target and k not in crossed:
                run = []
                while k < len(links) and links[k].source and not links[k].target:
                    run.extend(links[k].source)
                    k += 1
                self._omission(run, links, k)
            else:
                k += 1

    def _omission(self, run: list[int], links: list, after: int) -> None:
        src = self.doc.source_segments or ()
        texts = [src[i].text for i in run if not pattern_junk(src[i].text, self.doc.src_lang or "", ["en"])]
        missing = " ".join(texts)
        n = len(words(missing))
        if n < 3:
            return
        ratio = self._length_ratio()
        first = after - 1
        while first >= 0 and links[first].source and not links[first].target:
            first -= 1
        neighbours = [links[x] for x in (first, after) if 0 <= x < len(links)]
        if any(_absorbed(nb, len(missing), self.segs, src, ratio) and self._may_hold(nb, missing) for nb in neighbours):
            return
        if self._rendered_near(missing, run, links[max(0, first - 1):after + 2]):
            return
        # anchored on article text: an ad label or a junk line before the gap is passed over
        before = [t for lk in links[:after] for t in lk.target if self._prose(t)] or \
            [t for lk in links[:after] for t in lk.target]
        if before:
            # The last word of the MT sentence before the gap, with the punctuation after it.
            seg = self.segs[before[-1]]
            last = [m.start() for m in _WORD_SPAN.finditer(seg.text)]
            a, b = (last[-1] if last else 0), len(seg.text)
        else:
            nxt = [t for lk in links[after:] for t in lk.target]
            if not nxt:
                return
            seg = self.segs[nxt[0]]
            first_word = _WORD_SPAN.search(seg.text) or next(_TOKEN.finditer(seg.text))
            a, b = first_word.span()
        confidence = 0.7 if n >= 6 else 0.5
        self.flag(seg.start + a, seg.start + b, "accuracy/omission", "major", confidence,
                  f"{len(run)} source sentence(s) with no MT counterpart: {missing[:120]!r}",
                  suggestion=missing if len(missing) <= 1000 else missing[:1000] + "…")

    def _may_hold(self, neighbour, missing: str) -> bool:
        """The neighbour's MT may hold the missing text, as its length says: the missing text has no name or
        number, or the MT holds one of them (its first five letters: "Kongress" holds no "congress", but
        "nationalen" holds "national"). A gap whose names and numbers the neighbour lacks is not in it."""
        anchors = {a[:5] for a in _anchors(missing, self.doc.src_lang)}
        if not anchors:
            return True
        held = {a[:5] for t in neighbour.target for a in _anchors(self.segs[t].text, self.lang)}
        return not anchors.isdisjoint(held)

    def _rendered_near(self, missing: str, run: list[int], around: list) -> bool:
        """A name or number of the missing text is in more MT segments around the gap than the neighbours'
        own source sentences account for: rendered, but not where expected. (The article's subject, named
        in the sentence before and in its rendering, says nothing: "Ruhpolding" twice in the source, once
        rendered.)"""
        src = self.doc.source_segments or ()
        mt = [_anchors(self.segs[t].text, self.lang) for lk in around for t in lk.target]
        theirs = [_anchors(src[i].text, self.doc.src_lang) for lk in around for i in lk.source if i not in run]
        return any(sum(a in m for m in mt) > sum(a in t for t in theirs) for a in _anchors(missing, self.doc.src_lang))

    def merged_omissions(self) -> None:
        """Two or three source sentences rendered by MT text far shorter than their length leads to
        expect (under _MERGED_SHORT of it, at the document's length ratio): the sentence of the link
        whose anchors the MT has least of was merged into its neighbour's rendering and its content
        lost. Anchored on the last word of the MT text, like an omission."""
        from ..alignment.aligner import features

        src = self.doc.source_segments or ()
        ratio = self._length_ratio()
        for link in self._paired_links():
            if len(link.source) < 2 or not link.target or not all(self._prose(j) for j in link.target):
                continue
            src_len = sum(len(src[i].text) for i in link.source)
            tgt_len = sum(len(self.segs[j].text) for j in link.target)
            if tgt_len >= _MERGED_SHORT * ratio * src_len:
                continue
            mt_keys = {k for j in link.target for k in features(self.segs[j].text) if k[0] != "p"}
            lost = min(link.source, key=lambda i, mt=mt_keys: _kept_share(features(src[i].text), mt))
            missing = src[lost].text
            if len(words(missing)) < 3:
                continue
            seg = self.segs[link.target[-1]]
            last = [m.start() for m in _WORD_SPAN.finditer(seg.text)]
            a = last[-1] if last else 0
            self.flag(seg.start + a, seg.start + len(seg.text.rstrip()), "accuracy/omission", "major", 0.55,
                      f"{len(link.source)} source sentences ({src_len} characters) are rendered by {tgt_len} "
                      f"characters, {tgt_len / (ratio * src_len):.0%} of what the document's length ratio "
                      f"leads to expect; the MT has least of {missing[:120]!r}",
                      suggestion=missing if len(missing) <= 1000 else missing[:1000] + "…")

    def broken_sentences(self) -> None:
        """An aligned MT sentence broken by stray end punctuation and going on in lowercase ("la réunion.
        . par le ministère") where its source sentence runs on: words were lost at the break. Minor
        omission on the word before it (the gold's anchor for an omission)."""
        src = self.doc.source_segments or ()
        hyp = self.doc.hypothesis
        if _STRAY_HINT.search(hyp) is None:
            return
        for link in self.doc.alignment or ():
            # one source sentence: a break in the MT cannot mirror a sentence end of the source
            if len(link.source) != 1 or not link.target or any(self.line_kind(j) != "content" for j in link.target):
                continue
            first, last = self.segs[link.target[0]], self.segs[link.target[-1]]
            # (a break holds a hint: the cheap regex first, on the link's span)
            if _STRAY_HINT.search(hyp, first.start, last.end) is None \
                    or _STRAY_BREAK.search(hyp, first.start, last.end) is None:
                continue
            s_text = " ".join(src[i].text for i in link.source)
            if _STRAY_BREAK.search(s_text):
                continue  # the source is broken the same way (or writes such marks on purpose)
            for m in _STRAY_BREAK.finditer(hyp, first.start, last.end):
                marks = m.group("punct").replace(" ", "").replace("\u00a0", "")
                if not any(c in ".!?" for c in marks) or "..." in marks:
                    continue  # commas alone, or an ellipsis
                if any(self.in_prompt(j) for j in link.target if self.segs[j].start <= m.start() < self.segs[j].end):
                    continue
                self.flag(m.start("word"), m.end("word"), "accuracy/omission", "minor", 0.45,
                          f"the MT sentence breaks off after {m.group('word')!r} with {m.group('punct')!r} and "
                          f"goes on in lowercase, where the aligned source sentence runs on: words were lost")

    def dropped_name_parts(self) -> None:
        """A two-word source name ("Vladimir Putin") whose first word the MT keeps and whose
        second it drops ("un Vladimir souriant"), where the source never uses the first word
        alone (so it is not a surname-first name used on its own, like "Xi"): minor omission."""
        src = self.doc.source_segments or ()
        source_text = self.doc.source or ""
        hyp = self.doc.hypothesis
        # Most documents have no such name at all: one scan of the source settles it.
        if not any(m.group("first") in hyp for m in _SOURCE_NAME.finditer(source_text)):
            return
        # The first word of such a name is a capitalised word of a source segment, followed there by
        # another one or by the segment's end (the next segment of the link may go on with the
        # name), that the MT writes too: a link whose source segments have none has no such name.
        firsts = [w for w in {w for seg in src for w in _FIRST_NAME_WORD.findall(seg.text)} if w in hyp]
        for link in self.doc.alignment or ():
            if not link.source or not link.target:
                continue
            s_text = " ".join(src[i].text for i in link.source)
            if not any(w in s_text for w in firsts):
                continue
            names = [m for m in _SOURCE_NAME.finditer(s_text)
                     if m.group("first") in hyp and _fold(m.group("first")) not in _TITLES
                     and _fold(m.group("last")) not in _TITLES and not _name_tail(s_text, m.start())]
            if not names:
                continue
            # the MT words by first letter: _similar holds only for words with the same first letter
            folded: dict[str, set[str]] = {}
            for w in {_fold(w) for seg_j in link.target for w in _WORD_SPAN.findall(self.segs[seg_j].text)}:
                folded.setdefault(w[:1], set()).add(w)
            t_words = None   # the MT words with their offsets, for a name the MT may have cut short
            for m in names:
                first, last = m.group("first"), m.group("last")
                key = _fold(last)
                if first not in self.doc.hypothesis or any(_similar(key, w) for w in folded.get(key[:1], ())):
                    continue
                if t_words is None:
                    t_words = [(seg_j, w) for seg_j in link.target for w in _WORD_SPAN.finditer(self.segs[seg_j].text)]
                hits = [(j, w) for j, w in t_words if w.group() == first]
                if len(hits) != 1 or _used_alone(first, source_text):
                    continue
                j, w = hits[0]
                seg = self.segs[j]
                after = seg.text[w.end():].lstrip(" \u00a0")
                if after[:1].isupper():
                    continue  # "Financial Instances": a substituted name part, not a dropped one
                if after[:1] in "-‐" and after[1:2].isupper():
                    continue  # "Otto-von-Guericke-Hochschule": the name in a compound, its last word translated
                if _INSIDE_NAME.search(seg.text, 0, w.start()):
                    continue  # "El Correo de Washington": the name rendered another way (names detector)
                if _RESTRUCTURED.search(seg.text, 0, w.start()):
                    continue  # "bassin d'Arcachon", "Bahía de Cádiz" for "Arcachon Bay": the word translated before it
                if _translated_before(seg.text[:w.start()], last, self.doc.tgt_lang):
                    continue  # "el río Sebeya" for "the Sebeya River": the word translated right before the name
                self.flag(seg.start + w.start(), seg.start + w.end(), "accuracy/omission", "minor", 0.5,
                          f"source name {m.group()!r}: the MT keeps {first!r} and drops {last!r}",
                          suggestion=" " + last)

    def additions(self) -> None:
        """MT prose with no source counterpart (a 0-1 link) that is neither site junk, a leaked
        prompt nor a duplicate, and not the second half of a source sentence the MT split in two
        (the alignment as omissions see it, whose indices `_crossed_gaps` gives)."""
        links = self._gap_links()
        ratio = self._length_ratio()
        src = self.doc.source_segments or ()
        crossed = self._crossed_gaps()
        for k, link in enumerate(links):
            if link.source or not link.target or k in crossed:
                continue
            for j in link.target:
                if not self._prose(j) or j in self._repeated:
                    continue
                seg = self.segs[j]
                if len(words(seg.text)) < 5 or not is_terminal(seg.text):
                    continue
                if any(_splits(links[n], j, self.segs, src, ratio) for n in (k - 1, k + 1) if 0 <= n < len(links)):
                    continue
                near = " ".join(src[i].text for lk in links[max(0, k - 2):k + 3] for i in lk.source)
                if _anchors(seg.text, self.lang) & _anchors(near, self.doc.src_lang):
                    continue  # it shares a name or number with the source around it: a loose rendering
                self._addition(seg)

    def _addition(self, seg) -> None:
        """Flag an MT sentence with no counterpart: a prompt where it speaks of a rewriting or of a text
        generator, or where the line classifier reads it as one (or as junk) rather than prose; else an
        addition."""
        cue = layout.rewriting_cue(seg.text)
        if cue:   # it speaks of a rewriting or of a text generator: the generator's words
            self.flag(seg.start, seg.end, "addition/prompt-leak", "major", 0.55,
                      f"MT sentence with no counterpart in the source, speaking of a rewriting ({cue!r})",
                      suggestion="")
            return
        kind = layout.learned_kind(seg.text, self.lang)
        if kind:
            what, category = ("a leaked prompt", "addition/prompt-leak") if kind == "prompt" else \
                ("site junk", "addition/boilerplate")
            self.flag(seg.start, seg.end, category, "major", 0.55, "MT sentence with no counterpart in the source; "
                      f"the line classifier reads it as {what} rather than article prose", suggestion="")
            return
        self.flag(seg.start, seg.end, "accuracy/addition", "major", 0.55,
                  "MT sentence with no counterpart in the source", suggestion="")

    def numbers(self) -> None:
        """Numbers of aligned segments that differ: a number of the MT that the source lacks while
        the source has one the MT lacks (digits only; spelled-out numbers are not compared)."""
        src = self.doc.source_segments or ()
        src_lang = (self.doc.src_lang or "").split("-")[0].lower()
        for link in self._numbers_links():
            if not link.source or not link.target:
                continue
            if any(self.line_kind(j) != "content" for j in link.target):
                continue
            # each number with the amount it stands for ("200亿" and "20 billion" are one amount)
            s_nums = [(src[i].text[a:b], vals) for i in link.source for a, b, vals in
                      with_amounts(src[i].text, src_lang, extract_numbers_spans(src[i].text, src_lang))]
            if not s_nums:
                continue
            self.scales(" ".join(src[i].text for i in link.source), link.target, src_lang)
            t_nums = [(self.segs[j].start + a, self.segs[j].start + b, vals)
                      for j in link.target
                      for a, b, vals in with_amounts(self.segs[j].text, self.lang, extract_numbers_spans(
                          self.segs[j].text, self.lang, lenient=True))]
            s_left = list(s_nums)
            unmatched_t = []
            for a, b, vals in t_nums:
                hit = next((n for n in s_left if n[1] & vals), None)
                if hit is not None:
                    s_left.remove(hit)
                else:
                    unmatched_t.append((a, b, vals))
            if not unmatched_t or not s_left:
                continue
            s_text_all = " ".join(src[i].text for i in link.source)
            t_text_all = " ".join(self.segs[j].text for j in link.target)
            converted = _converted(s_left, unmatched_t, s_text_all, t_text_all)
            unmatched_t = [t for t in unmatched_t if t not in converted]
            for (a, b, _), (s_text, _) in zip(unmatched_t, s_left):
                self.flag(a, b, "accuracy/mistranslation/number", "major", 0.65,
                          f"MT number {self.doc.hypothesis[a:b]!r} is not in the aligned source, "
                          f"which has {s_text!r} instead", suggestion=s_text)


    def scales(self, source: str, targets, src_lang: str) -> None:
        """A number whose digits the source has, scaled by another power of ten ("500 millones" for
        "500 billion", "1 billion" in French for an English billion): numbers.scale_mismatches."""
        for j in targets:
            seg = self.segs[j]
            for a, b, s_text in scale_mismatches(source, seg.text, src_lang, self.lang):
                self.flag(seg.start + a, seg.start + b, "accuracy/mistranslation/number", "major", 0.8,
                          f"MT {seg.text[a:b]!r} is not the aligned source's {s_text!r}: the scale word "
                          "stands for another power of ten", suggestion=s_text)


_DIGITS = re.compile(r"\d+")
# A lowercase word, then two or more stray marks with at least one sentence end (not an ellipsis), then the
# sentence going on in lowercase: "réunion. . par", "accord., selon".
_STRAY_HINT = re.compile(r"[.!?,;:][ \u00a0]?[.!?,;:][ \u00a0]+[a-zß-öø-ÿ]")
_STRAY_BREAK = re.compile(
    r"(?P<word>[a-zß-öø-ÿ](?<![\w-][a-zß-öø-ÿ])[^\W\d_]{3,})"
    r"(?P<punct>[ \u00a0]?[.!?,;:](?:[ \u00a0]?[.!?,;:])+)[ \u00a0]+(?=[a-zß-öø-ÿ])")
# the words before a word inside a longer capitalised name: "Correo de ", "Journal de "
# the MT writes a name's kept word after a connector ("bassin d'Arcachon", "bahía de Cádiz", "Universität von
# Leeds"): the source name was restructured with its other word translated in front, not cut short
_RESTRUCTURED = re.compile(r"(?:^|[\s\u00a0])[^\W\d_]{3,}[\s\u00a0]+" + pattern("restructured-connectors")
                           + "(?:" + pattern("restructured-articles") + r"[\s\u00a0]+)?$", re.IGNORECASE)
_INSIDE_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-Þ][^\W\d_]+[\s\u00a0]+"
                          "(?:" + pattern("inside-name-connectors") + r"[\s\u00a0]+)?\Z")
_CAPITALISED = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]{2,}")
_WORD_SPAN = re.compile(r"[^\W\d_]+")
# a capitalised word and a connector right before a position: what follows ends a longer name
_BEFORE_TAIL = re.compile(r"[A-ZÀ-Þ][\w'’-]*[\s\u00a0]+(?P<glue>[a-z&]+)[\s\u00a0]+\Z")


def _name_tail(text: str, start: int) -> bool:
    """The two capitalised words at `start` end a longer name, after a capitalised word and a connector ("Bureau
    of Land Management", "Department for Culture, Media and Sport"): a body's words, not a person's given name
    and surname."""
    m = _BEFORE_TAIL.search(text, max(0, start - 40), start)
    return m is not None and m.group("glue") in CONNECTORS


# what _SOURCE_NAME's first word is made of, where another capitalised word may follow it
_FIRST_NAME_WORD = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]+(?=[\s\u00a0]+[A-ZÀ-Þ]|[\s\u00a0]*\Z)")
_SOURCE_NAME = re.compile(r"(?P<first>[A-ZÀ-Þ](?<![\w-][A-ZÀ-Þ])[a-zà-ÿ]+)[\s\u00a0]+"
                          r"(?P<last>[A-ZÀ-Þ][a-zà-ÿ]+)(?![\w-]|[\s\u00a0]+[A-ZÀ-Þ])")
# Titles and words that open a capitalised run without being a given name.
_TITLES = word_set("not-given-names")


_HAN = re.compile(r"[\u4e00-\u9fff]")


# how much better (lower) the cost of the pair holding a line must be than that of the pair holding its copy,
# for the copy's source sentence to count as unrendered although its link has anchors (a cost below 0)
_COPY_MARGIN = 2.0
# a copy one or two words apart (_near_copy: 85% of the characters alike) is at least this share of the other's
# length; a pair further apart is not compared (a bound with room: ratio() >= 0.85 needs 74%)
_COPY_LENGTHS = 0.6


def _loose_anchors(text: str) -> set[str]:
    """The aligner's anchors of `text` (numbers, names, cognate prefixes; no punctuation), "c" read as "k"."""
    from ..alignment.aligner import features

    return {k.replace("c", "k") for k in features(text) if k[0] != "p"}


def _long_prefixes(text: str) -> set[str]:
    """The five-letter prefixes (folded, "c" read as "k") of the words of `text` that have five letters or more."""
    return {_fold(w)[:5].replace("c", "k") for w in _WORD_SPAN.findall(text) if len(w) >= 5}


def _latin_letters(text: str) -> bool:
    """Most letters of the text are Latin (accents aside)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c < "\u0250" for c in letters) > len(letters) / 2


def _kept_share(source_keys: Iterable[str], mt_keys: set[str]) -> float:
    """The share of a source sentence's anchors (punctuation aside) that the MT text has."""
    keys = [k for k in source_keys if k[0] != "p"]
    return sum(k in mt_keys for k in keys) / len(keys) if keys else 1.0


@functools.lru_cache(maxsize=1)
def _conversions() -> list[tuple[re.Pattern[str], re.Pattern[str], float, float]]:
    """(source unit, target unit, factor, offset) from evalkit/data/unit_conversions.tsv."""
    def stems(cell: str) -> re.Pattern[str]:
        return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, cell.split("|"))) + ")", re.IGNORECASE)

    return [(stems(r["source"]), stems(r["target"]), float(r["factor"]), float(r["offset"]))
            for r in table("unit_conversions")]


def _converted(source_numbers: list, mt_numbers: list, source: str, mt: str) -> list:
    """The MT numbers that are a source number converted to another unit (375 pounds, 170 kg), both
    units named in the texts; within 6% or 1 of the exact value (translators round)."""
    units = [(f, o) for s_unit, t_unit, f, o in _conversions() if s_unit.search(source) and t_unit.search(mt)]
    out = []
    for t in mt_numbers:
        for _, vals in source_numbers:
            pairs = [(float(x), float(y)) for x in vals for y in t[2] if _plain_number(x) and _plain_number(y)]
            if any(abs(y - (x * f + o)) <= max(1.0, 0.06 * abs(x * f + o)) for x, y in pairs for f, o in units):
                out.append(t)
                break
    return out


def _plain_number(value: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?", value))


# A 2-1 or 3-1 link whose MT side is under this share of the length the source leads to expect has
# lost the content of one of its sentences
_MERGED_SHORT = 0.7
# An unpunctuated last line of this many words or more, in an article whose other sentence lines
# (at least the second number of them) all end with punctuation, is a truncated sentence
_TRUNCATED_MIN_WORDS, _TRUNCATED_PUNCTUATED_LINES = 5, 4
# a shorter last sentence counts only when it stops on a word that cannot end one
_TRUNCATED_SHORT_WORDS = 3
_TRUNCATED_FEW_LINES = 2
# so many punctuated lines make an article written with full stops, one unpunctuated line among them aside
_TRUNCATED_MOST_LINES = 8
# an unpunctuated line of at most this many words after a cut sentence is furniture, not the article's end
_TRUNCATED_TAIL_WORDS = 12
# before such a line, an unpunctuated line of this many words ending on a lower-case word is a cut clause
_TRUNCATED_CLAUSE_WORDS = 8
# quotes and brackets that open (keys) and close (values)
_PAIRS = {"«": "»", "„": "“", "“": "”", "(": ")", "[": "]", "‹": "›"}


def _finished(text: str) -> bool:
    """The line ends as a sentence or a lead-in does (".", "?", ":", ";")."""
    return is_terminal(text) or text.endswith((":", ";"))


def _names_only(text: str, lang: str) -> bool:
    """Every word is capitalised but the function words between them: a list of names or a credit,
    which has no verb to be cut after."""
    function_words = _DANGLING_SETS.get(lang, frozenset())
    return all(w[0].isupper() or w.lower() in function_words for w in words(text))


def _unclosed(text: str) -> str:
    """A quote or bracket that `text` opens and never closes after it (a cut inside a quotation), or "".
    "«" after a "»" and "“" after a "„" close a quotation (German »…« and „…“), they open none."""
    for opener, closer in _PAIRS.items():
        i = text.rfind(opener)
        if i < 0 or closer in text[i + 1:]:
            continue
        if (opener == "«" and "»" in text[:i]) or (opener == "“" and "„" in text[:i]):
            continue
        return opener
    return ""


@functools.lru_cache(maxsize=1 << 15)
def _translated_before(before: str, english: str, lang: str) -> bool:
    """One of the two words right before a kept name word translates the name's English word that the MT
    did not write after it ("río" of "el río Sebeya" for the Sebeya River; Wiktionary's senses too), or a word
    the synonym tables relate to it ("jardin Heaton" for Heaton Park: a garden, not the name cut short)."""
    lang = lang_base(lang) or lang
    word = english.lower()
    return any(translates_loosely(_fold(w), word, lang)
               or any(related(word, sense, loose=True) for sense in sorted(english_loosely(_fold(w), lang)))
               for w in _WORD_SPAN.findall(before)[-2:])


def _fold(word: str) -> str:
    return fold(word, "NFKD")


@functools.lru_cache(maxsize=1 << 15)
def _similar(a: str, b: str) -> bool:
    if a[:4] == b[:4] and min(len(a), len(b)) >= 4:
        return True
    return (a[:1] == b[:1] and abs(len(a) - len(b)) <= 3
            and difflib.SequenceMatcher(None, a, b).ratio() >= 0.6)


def _used_alone(first: str, text: str) -> bool:
    """`first` occurs in `text` not followed by another capitalised word (a word of its own, no hyphen
    either side: as re.search(r"(?<![\\w-])" + re.escape(first) + r"(?![\\w-])(?![\\s\\u00a0]+[A-ZÀ-Þ])"),
    without a regex compiled for each name)."""
    return any(not _CAPITAL_AFTER.match(text, at + len(first)) for at in as_words_at(first, text, "-"))


_CAPITAL_AFTER = re.compile(r"[\s\u00a0]+[A-ZÀ-Þ]")


def _splits(neighbour, j: int, segs: Sequence, src: Sequence, ratio: float) -> bool:
    """The 0-1 segment `j` reads as the rest of a neighbouring link's source: with it, that MT
    side's length matches its source better than without it."""
    if not neighbour.source or not neighbour.target:
        return False
    s_len = sum(len(src[i].text) for i in neighbour.source) * ratio
    t_len = sum(len(segs[t].text) for t in neighbour.target)
    return abs(t_len + len(segs[j].text) - s_len) < abs(t_len - s_len)


# source words with a translation in the MT that make a loose rendering of an unpaired run
_TRANSLATED_WORDS = 2


def _translated_words(source_text: str, mt_text: str, tgt: str) -> int:
    """How many distinct source words of four letters or more some MT word, or a part of an MT compound,
    translates by the name-word tables (name_forms.translates)."""
    s_words = {w for w in _LETTER_RUN.findall(source_text.lower()) if len(w) >= 4}
    t_words: set[str] = set()
    for w in _LETTER_RUN.findall(mt_text):
        folded = _fold(w)
        t_words.add(folded)
        t_words.update(split_compound(folded, tgt) or ())
    return sum(1 for s in s_words if any(translates(t, s, tgt) for t in t_words))


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _anchors(text: str, lang: str | None = None) -> set[str]:
    """Names and numbers of a text, accent- and case-folded: what survives translation. A number
    is its value ("4.2" is "4,2" in French), so that "4.2" is not found in "2,9 % ... 4,3 %"."""
    code = (lang or "").split("-")[0].lower()
    found = ({"#" + v for _, vals in extract_numbers(text, code, lenient=True) for v in vals}
             if _DIGITS.search(text) else set())
    for m in _CAPITALISED.finditer(text):
        before = text[:m.start()].rstrip()
        if before and before[-1] not in ".!?:«“\"'(—–-":   # not the first word of a sentence
            found.add(_fold(m.group()))
    return found


def _absorbed(neighbour, missing: int, segs: Sequence, src: Sequence, ratio: float) -> bool:
    """The omitted source text (`missing` characters) reads as rendered inside a neighbouring
    link: that MT side is clearly longer than its source, and the missing text makes up for it."""
    if not neighbour.source or not neighbour.target:
        return False
    s_len = sum(len(src[i].text) for i in neighbour.source) * ratio
    t_len = sum(len(segs[t].text) for t in neighbour.target)
    return t_len > 1.1 * s_len and abs(t_len - s_len - missing * ratio) < abs(t_len - s_len)


class _NearIndex:
    """Earlier lines, found again when a later one nearly repeats them (a changed character or two).

    Two such lines share at least 80 % of their words, so they share a word among the few rarest of
    each (prefix filtering, with the words ranked by how many of the document's lines hold them): a
    line is compared only with the earlier lines holding one of its rarest words, not with all of them.
    Cap: a word indexes the first `POSTINGS` lines that rank it among their rarest, so a page that
    repeats a sentence with a changing counter costs linear time; a near repeat of a line beyond those
    may go unflagged when it shares no other rare word with an indexed line.
    """

    POSTINGS = 64
    SMALL = 256   # fewer lines than this: compared with every earlier line of about their length

    def __init__(self, keys: Sequence[str]) -> None:
        self._small = len(keys) < self.SMALL
        self._sorted: list[tuple[int, str, int]] = []
        self._split: dict[str, set[str]] = {}
        self._seen: dict[str, _Seen] = {}   # reworded() compares a line with many later ones
        counts: dict[str, int] = {}
        if self._small:
            keys = ()
        for key in keys:
            for w in set(key.split()):
                counts[w] = counts.get(w, 0) + 1
        self._rank = counts
        self._by_word: dict[str, list[int]] = {}
        self._lines: list[tuple[int, str, int]] = []   # (key length, key, line index)
        self._words: list[frozenset[str]] = []

    def _prefix(self, words: frozenset[str]) -> list[str]:
        need = math.ceil(0.8 * len(words) - 1e-9)
        ranked = sorted(words, key=lambda w: (self._rank.get(w, 0), w))
        return ranked[:len(words) - need + 1]

    def add(self, key: str, line: int) -> None:
        if self._small:
            bisect.insort(self._sorted, (len(key), key, line))
            return
        words = frozenset(key.split())
        n = len(self._lines)
        self._lines.append((len(key), key, line))
        self._words.append(words)
        for w in self._prefix(words):
            posting = self._by_word.setdefault(w, [])
            if len(posting) < self.POSTINGS:
                posting.append(n)

    def reworded(self, key: str, loose: bool = True) -> tuple[int, float] | None:
        """An earlier line that `key` repeats with a few words changed (short documents only: each line
        is compared with every earlier one), with the similarity; or None. `loose`: a looser repeat of
        fewer words counts too (_same_words)."""
        return _reworded_repeat(key, self._sorted, self._seen, loose) if self._small else None

    def find(self, key: str) -> int | None:
        """The earliest-sorted earlier line whose key is almost `key`, or None."""
        if len(key) < 40:
            return None
        if self._small:
            return _near_duplicate(key, self._sorted, self._split)
        words = frozenset(key.split())
        slack = 0.03 * len(key)
        found = {n for w in self._prefix(words) for n in self._by_word.get(w, ())}
        candidates = sorted(self._lines[n] + (n,) for n in found if abs(self._lines[n][0] - len(key)) <= slack)
        for _length, other, line, n in candidates:
            other_words = self._words[n]
            if len(words & other_words) < 0.8 * max(len(words), len(other_words)):
                continue
            if _near_same(key, other):
                return line
        return None


# a reworded repeat: at least this many words, this share of the longer line's words, this character
# similarity, the same numbers ("également ... qui entourent" / "aussi ... entourant")
_REWORDED_WORDS = 12
_REWORDED_SHARE = 0.7
_REWORDED_RATIO = 0.85
# or, of a line of at least this many words: the same words in the same order but for a few (_same_words),
# and this character similarity
_REWORDED_FEW_WORDS = 8
# two source sentences at least this alike (characters) may be rendered by two MT lines repeating each other
_SOURCES_ALIKE = 0.5
_REWORDED_LOOSE_RATIO = 0.75
_REWORDED_RUN = 4
_DIGITS = re.compile(r"\d+")


def _reworded_repeat(key: str, earlier: list[tuple[int, str, int]],
                     seen: dict[str, _Seen] | None = None, loose: bool = True) -> tuple[int, float] | None:
    """An earlier line (its index and similarity) that `key` repeats with a few words changed, or None.
    `earlier` is sorted by key length: only the lines of 80-125 % of its length are read. `seen` remembers
    what is asked of each earlier line."""
    words = key.split()
    if len(words) < (_REWORDED_FEW_WORDS if loose else _REWORDED_WORDS):
        return None
    seen = {} if seen is None else seen
    tokens, numbers = set(words), None
    longest = 1.25 * len(key)
    for length, other, k in earlier[bisect.bisect_left(earlier, (0.8 * len(key),)):]:
        if length > longest:
            break
        facts = seen.get(other) or seen.setdefault(other, _Seen(other))
        if len(tokens & facts.tokens) < _REWORDED_SHARE * max(len(tokens), len(facts.tokens)):
            continue
        numbers = sorted(_DIGITS.findall(key)) if numbers is None else numbers
        if facts.numbers != numbers:
            continue
        matcher = facts.matcher(key)
        quick = matcher.quick_ratio()   # (an upper bound of ratio(), cheaper)
        if quick < (_REWORDED_LOOSE_RATIO if loose else _REWORDED_RATIO):
            continue
        ratio = matcher.ratio()
        if len(words) >= _REWORDED_WORDS and ratio >= _REWORDED_RATIO \
                or loose and ratio >= _REWORDED_LOOSE_RATIO and _same_words(words, facts.line.split()):
            return k, ratio
    return None


# a sentence of this many words at least, written again on the next line with one word changed
_ONE_WORD_WORDS = 6
# the lines that may stand between a sentence and its repeat (site junk, a leaked prompt)
_JUNK_KINDS = ("junk", "prompt")


def _one_word_changed(line: Line, before: Line | None, lang: str) -> tuple[int, str] | None:
    """The line right before `line` (its index) and the evidence, when `line` writes it again with one
    word, not the first, in another's place, a word for the same English word (name_words tables), and the
    same numbers ("Предложения вынесут на общественные консультации в марте." / "... на публичные
    консультации ..."): a sentence the MT wrote twice, too short for _reworded_repeat. Both lines end a
    sentence (not the items of a list). None otherwise."""
    if before is None or not is_terminal(line.text.strip()) or not is_terminal(before.text.strip()):
        return None
    a, b = before.key.split(), line.key.split()
    if len(a) != len(b) or len(a) < _ONE_WORD_WORDS or _DIGITS.findall(line.key) != _DIGITS.findall(before.key):
        return None
    changed = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(changed) != 1 or changed[0] == 0:
        return None
    x, y = a[changed[0]], b[changed[0]]   # (a line's key holds no punctuation: normalise_line)
    shared = english_for(fold(x), lang_base(lang)) & english_for(fold(y), lang_base(lang))
    if not shared:
        return None   # no English word both translate: another fact, not a synonym's swap
    return before.index, (f"repeats the line before with one word changed ({y!r} for {x!r}, both "
                          f"{sorted(shared)[0]!r})")


def _same_words(a: list[str], b: list[str]) -> bool:
    """`a` and `b` keep, in order, the same words but for a few swapped ones: the words of their common runs
    make up _REWORDED_SHARE of the longer, one run of _REWORDED_RUN words at least ("Auf Platz zwei landete
    die Kohlmeise, ..." / "Auf Platz zwei kam die Kohlmeise, ...")."""
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks) >= _REWORDED_SHARE * max(len(a), len(b)) and \
        max(m.size for m in blocks) >= _REWORDED_RUN


class _Seen:
    """An earlier line's numbers (sorted) and words, and difflib's index of its characters (made when first
    asked for): what _reworded_repeat compares with each later line."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.tokens = set(line.split())
        self._matcher: difflib.SequenceMatcher | None = None

    @functools.cached_property
    def numbers(self) -> list[str]:
        return sorted(_DIGITS.findall(self.line))

    def matcher(self, key: str) -> difflib.SequenceMatcher:
        """`difflib.SequenceMatcher(None, key, line, autojunk=False)`, reusing the line's index."""
        if self._matcher is None:
            self._matcher = difflib.SequenceMatcher(None, key, self.line, autojunk=False)
        else:
            self._matcher.set_seq1(key)
        return self._matcher


def _near_duplicate(key: str, earlier: list[tuple[int, str, int]],
                    words: dict[str, set[str]] | None = None) -> int | None:
    """An earlier line whose key is almost the same, or None: `earlier` is sorted by key length and
    only lines within 3 % of the length are compared (a short document's way; see _NearIndex).
    `words` remembers the word set of each key (a line is compared with many later ones)."""
    words = {} if words is None else words
    slack = 0.03 * len(key)
    lo = bisect.bisect_left(earlier, (len(key) - slack,))
    tokens = None
    for length, other, k in earlier[lo:]:
        if length > len(key) + slack:
            break
        tokens = tokens or set(key.split())
        other_tokens = words.get(other)
        if other_tokens is None:
            other_tokens = words[other] = set(other.split())
        if len(tokens & other_tokens) < 0.8 * max(len(tokens), len(other_tokens)):
            continue
        if _near_same(key, other):
            return k
    return None


def _near_same(key: str, other: str) -> bool:
    """Almost the same text: 97 % of the characters matched (difflib's ratio), with the same numbers (two
    lines that differ in a figure state two facts). A common start and end that already match that much
    settle it without difflib, whose search is slow on long lines."""
    if _DIGITS.findall(key) != _DIGITS.findall(other):
        return False
    head = len(os.path.commonprefix([key, other]))
    room = min(len(key), len(other)) - head
    tail = len(os.path.commonprefix([key[::-1][:room], other[::-1][:room]]))
    if 2 * (head + tail) >= 0.97 * (len(key) + len(other)):
        return True
    matcher = difflib.SequenceMatcher(None, key, other, autojunk=False)
    return matcher.real_quick_ratio() >= 0.97 and matcher.quick_ratio() >= 0.97 and matcher.ratio() >= 0.97
