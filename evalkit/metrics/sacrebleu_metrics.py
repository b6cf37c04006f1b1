"""BLEU, chrF, chrF++ and TER through sacreBLEU, with sacreBLEU's signatures.

Corpus scores use sacreBLEU's defaults (tokenizer chosen from the target
language, as `sacrebleu -tl` does); segment BLEU uses effective order, as
sacreBLEU's sentence_score recommends. Each segment's sufficient statistics are
extracted once; segment, document and corpus scores are all computed from them
(`statistics_for`, `score_from_totals`), as sacreBLEU itself does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import UsageError
from .base import Score, StatisticsMetric

Statistics = list[list]  # one row of sufficient statistics per segment


class SacreBLEUMetric(StatisticsMetric):
    """Shared wrapper; subclasses say which sacreBLEU class and options."""

    def __init__(self, target_lang: str | None = None, **options: Any):
        self.target_lang = target_lang
        self.options = options
        try:
            self._corpus = self._make(effective_order=False)
            self._sentence = self._make(effective_order=True)
        except (RuntimeError, TypeError, ValueError) as exc:
            # e.g. sacreBLEU's Japanese tokenizer needs the sacrebleu[ja] extra
            reason = " ".join(str(exc).split())
            raise UsageError(f"{self.name} for target language {target_lang!r}: {reason}") from None

    def _make(self, effective_order: bool):
        raise NotImplementedError

    def _check(self, hypotheses: Sequence[str], references: Sequence[str] | None) -> list[list[str]]:
        if references is None:
            raise UsageError(f"{self.name} needs a reference")
        if len(hypotheses) != len(references):
            raise UsageError(f"{self.name}: {len(hypotheses)} hypotheses but {len(references)} references")
        return [list(references)]

    def corpus_score(self, hypotheses, references, sources=None, *, unit: str = "segment") -> Score:
        return self.score_from_totals(sum_statistics(self.sufficient_statistics(hypotheses, references)),
                                      unit=unit, n=len(hypotheses))

    def segment_scores(self, hypotheses, references, sources=None) -> list[float]:
        return [self.segment_score_from_statistics(row)
                for row in self.sufficient_statistics(hypotheses, references)]

    def sufficient_statistics(self, hypotheses: Sequence[str], references: Sequence[str]) -> Statistics:
        """Per-segment statistics that sum to the corpus score (for resampling)."""
        refs = self._check(hypotheses, references)
        if not hypotheses:
            return []
        return self._corpus._extract_corpus_statistics(list(hypotheses), refs)

    def score_from_statistics(self, statistics: Sequence[Sequence[float]]) -> float:
        totals = [sum(column) for column in zip(*statistics)]
        return float(self._corpus._compute_score_from_stats(totals).score)

    def score_from_totals(self, totals: Sequence[float] | None, *, unit: str, n: int) -> Score:
        """The corpus (or document) Score from column sums of the segments' statistics.

        Equals sacreBLEU's corpus_score on those segments: it sums the same rows the same way.
        `totals` None (no segment) gives a Score with no value.
        """
        if totals is None:
            return Score(self.name, None, self.signature(), unit, 0, error="no segments")
        result = self._corpus._compute_score_from_stats(list(totals))
        return Score(self.name, float(result.score), self.signature(), unit, n, self._details(result))

    def segment_score_from_statistics(self, row: Sequence[float]) -> float:
        """sacreBLEU's sentence_score (BLEU with effective order) from one segment's statistics."""
        return float(self._sentence._compute_score_from_stats(list(row)).score)

    def statistics_for(self, hypotheses: Sequence[str], references: Sequence[str],
                       computed: Mapping[str, tuple[SacreBLEUMetric, Statistics]]) -> Statistics:
        """The statistics of these segments, reusing what another metric (`computed`: name ->
        (metric, its statistics of the same segments)) extracted when it can."""
        return self.sufficient_statistics(hypotheses, references)

    def signature(self) -> str:
        return self._signature_of(self._corpus)

    def segment_signature(self) -> str:
        return self._signature_of(self._sentence)

    @staticmethod
    def _signature_of(metric) -> str:
        # sacreBLEU learns nrefs while scoring; evalkit always scores against one reference.
        if not getattr(metric, "num_refs", 0):
            metric.num_refs = 1
        return str(metric.get_signature())

    def _details(self, result) -> dict[str, Any]:
        return {}


def extract_statistics(metrics: Mapping[str, SacreBLEUMetric], hypotheses: Sequence[str],
                       references: Sequence[str]) -> dict[str, Statistics]:
    """Per-segment statistics of several metrics over the same segments, each extracted once
    (chrF's are sliced out of chrF++'s when both are asked for)."""
    done: dict[str, tuple[SacreBLEUMetric, Statistics]] = {}
    # Metrics whose statistics contain another's (more word n-gram orders) go first.
    for name in sorted(metrics, key=lambda n: -getattr(metrics[n], "word_order", 0)):
        done[name] = (metrics[name], metrics[name].statistics_for(hypotheses, references, done))
    return {name: done[name][1] for name in metrics}


def sum_statistics(rows: Sequence[Sequence[float]], totals: list | None = None) -> list | None:
    """Column sums of statistics rows added to `totals` (None: start from zero), in order.

    Like sacreBLEU's sum_of_lists the sums start from an int zero and add row by row, so they
    are bit-identical; every statistic is a count (TER's reference length an integral float),
    so the order in which documents are summed does not change them either. None for no rows.
    """
    for row in rows:
        if totals is None:
            totals = [0] * len(row)
        for k, value in enumerate(row):
            totals[k] += value
    return totals


class BLEU(SacreBLEUMetric):
    name = "bleu"
    higher_is_better = True

    def _make(self, effective_order: bool):
        # sacreBLEU's BLEU, with its n-gram matches counted in C when built.
        from .fast_ngrams import make_bleu

        return make_bleu(trg_lang=self.target_lang or "", effective_order=effective_order, **self.options)

    def _details(self, result) -> dict[str, Any]:
        return {"precisions": [round(p, 4) for p in result.precisions], "bp": round(result.bp, 4),
                "sys_len": result.sys_len, "ref_len": result.ref_len}


class ChrF(SacreBLEUMetric):
    name = "chrf"
    higher_is_better = True
    word_order = 0

    def _make(self, effective_order: bool):
        # sacreBLEU's CHRF, with its character n-gram statistics counted in C when built.
        from .fast_ngrams import make_chrf

        return make_chrf(word_order=self.word_order, **self.options)

    def statistics_for(self, hypotheses, references, computed):
        # chrF's statistics are the character-n-gram columns of chrF++'s when both count
        # characters the same way: slice them instead of extracting the n-grams again.
        mine = self._corpus
        for other, rows in computed.values():
            theirs = getattr(other, "_corpus", None)
            if isinstance(other, ChrF) and other.word_order > self.word_order and \
                    (theirs.char_order, theirs.whitespace, theirs.lowercase) == \
                    (mine.char_order, mine.whitespace, mine.lowercase):
                return [row[:3 * mine.char_order] for row in rows]
        return self.sufficient_statistics(hypotheses, references)


class ChrFPlusPlus(ChrF):
    name = "chrf++"
    word_order = 2


class TER(SacreBLEUMetric):
    name = "ter"
    higher_is_better = False

    def _make(self, effective_order: bool):
        # sacreBLEU's TER class with a faster edit distance that gives the same numbers.
        from .fast_ter import FastTER

        # The sacreBLEU command line's default whatever the target language (`-l en-zh` does not
        # turn on --ter-asian-support), so that TER and its signature equal `sacrebleu ... -m ter`.
        return FastTER(**{"asian_support": False, **self.options})
