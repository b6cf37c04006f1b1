"""sacreBLEU's chrF, chrF++ and BLEU with their n-gram matching done in C: the same numbers.

`FastCHRF` and `FastBLEU` are sacreBLEU's CHRF and BLEU classes (same options, signatures,
tokenizers, preprocessing and scores) whose per-segment statistics count n-gram matches in
evalkit/metrics/_ngrams.c, an optional extension built at install time: chrF's character
n-grams, chrF++'s word n-grams and BLEU's word n-grams (words as ids), and BLEU's default 13a
tokenizer. Other tokenizers, chrF++'s punctuation splitting, BLEU with several references and
everything else stay sacreBLEU's own code. Where the extension is not built,
`make_chrf` and `make_bleu` return sacreBLEU's classes. tests/test_fast_ngrams.py compares them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

from .._accel import load_accelerator

# A word id no reference uses: hypothesis words absent from the reference (they match nothing).
_ABSENT = 0xFFFFFFFF


# The n-gram statistics in C (evalkit/metrics/_ngrams.c); None without it or with
# EVALKIT_PURE_PYTHON_NGRAMS set.
_ngrams = load_accelerator("._ngrams", __package__, "EVALKIT_PURE_PYTHON_NGRAMS")


class FastCHRF(CHRF):
    """CHRF whose character n-gram statistics come from the C extension."""

    def _extract_reference_info(self, refs: Sequence[str]) -> dict[str, list[Any]]:
        # Per reference: the line the character n-grams are taken from, and its words (chrF++)
        # as ids, with the id of each word.
        infos = []
        for ref in refs:
            line = ref if self.whitespace else "".join(ref.split())
            ids: dict[str, int] = {}
            words = [ids.setdefault(t, len(ids)) for t in self._remove_punctuation(ref)] \
                if self.word_order > 0 else []
            infos.append((line, ids, words))
        return {"ref_ngrams": infos}

    def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict) -> list[int]:
        line = hypothesis if self.whitespace else "".join(hypothesis.split())
        tokens = None
        best_stats: list[int] = []
        best_f_score = -1.0
        references = ref_kwargs["ref_ngrams"]
        for ref_line, ids, ref_words in references:
            stats = _ngrams.char_stats(line, ref_line, self.char_order)
            if self.word_order > 0:
                if tokens is None:
                    tokens = self._remove_punctuation(hypothesis)
                get = ids.get
                # chrF++'s word n-grams: sacreBLEU's _get_match_statistics, counted over word ids
                stats.extend(_ngrams.word_stats([get(t, _ABSENT) for t in tokens], ref_words, self.word_order))
            if len(references) == 1:
                return stats    # the best of one: no F-score needed to choose it
            f_score = self._compute_f_score(stats)
            if f_score > best_f_score:
                best_f_score = f_score
                best_stats = stats
        return best_stats


class Fast13a(Tokenizer13a):
    """sacreBLEU's 13a tokenizer (BLEU's default) with its regular expressions run in C: the same
    tokens, about ten times faster. No line cache: sacreBLEU's only pays off on repeated lines."""

    def __call__(self, line: str) -> str:
        line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
        if "&" in line:
            line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        return _ngrams.regexp_tokenize(f" {line} ")


class FastBLEU(BLEU):
    """BLEU whose word n-gram matches come from the C extension (one reference per segment;
    several go through sacreBLEU's code), and whose 13a tokenizer runs in C."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if type(self.tokenizer) is Tokenizer13a:
            self.tokenizer = Fast13a()

    def _extract_reference_info(self, refs: Sequence[str]) -> dict[str, Any]:
        if len(refs) != 1:
            return {"sacrebleu": super()._extract_reference_info(refs)}
        tokens = refs[0].split()
        ids: dict[str, int] = {}
        return {"ids": ids, "ref": [ids.setdefault(t, len(ids)) for t in tokens]}

    def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict) -> list[int]:
        if "sacrebleu" in ref_kwargs:
            return super()._compute_segment_statistics(hypothesis, ref_kwargs["sacrebleu"])
        ids, ref = ref_kwargs["ids"], ref_kwargs["ref"]
        get = ids.get
        hyp = [get(t, _ABSENT) for t in hypothesis.split()]
        # one reference: its length is the closest
        return [len(hyp), len(ref)] + _ngrams.id_stats(hyp, ref, self.max_ngram_order)


def make_chrf(**options: Any) -> CHRF:
    """FastCHRF where the C extension is built, sacreBLEU's CHRF otherwise."""
    return FastCHRF(**options) if _ngrams is not None else CHRF(**options)


def make_bleu(**options: Any) -> BLEU:
    """FastBLEU where the C extension is built, sacreBLEU's BLEU otherwise."""
    return FastBLEU(**options) if _ngrams is not None else BLEU(**options)
