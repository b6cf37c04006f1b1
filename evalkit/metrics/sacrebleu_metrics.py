"""BLEU, chrF, chrF++ and TER through sacreBLEU, with sacreBLEU's signatures.

Corpus scores use sacreBLEU's defaults (tokenizer chosen from the target
language, as `sacrebleu -tl` does); segment BLEU uses effective order, as
sacreBLEU's sentence_score recommends.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..errors import UsageError
from .base import Metric, Score


class SacreBLEUMetric(Metric):
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
        refs = self._check(hypotheses, references)
        result = self._corpus.corpus_score(list(hypotheses), refs)
        return Score(self.name, float(result.score), self.signature(), unit, len(hypotheses),
                     self._details(result))

    def segment_scores(self, hypotheses, references, sources=None) -> list[float]:
        self._check(hypotheses, references)
        return [float(self._sentence.sentence_score(h, [r]).score) for h, r in zip(hypotheses, references)]

    def sufficient_statistics(self, hypotheses: Sequence[str], references: Sequence[str]) -> list[list]:
        """Per-segment statistics that sum to the corpus score (for resampling)."""
        refs = self._check(hypotheses, references)
        return self._corpus._extract_corpus_statistics(list(hypotheses), refs)

    def score_from_statistics(self, statistics: Sequence[Sequence[float]]) -> float:
        totals = [sum(column) for column in zip(*statistics)]
        return float(self._corpus._compute_score_from_stats(totals).score)

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


class BLEU(SacreBLEUMetric):
    name = "bleu"
    higher_is_better = True

    def _make(self, effective_order: bool):
        from sacrebleu.metrics import BLEU as _BLEU

        return _BLEU(trg_lang=self.target_lang or "", effective_order=effective_order, **self.options)

    def _details(self, result) -> dict[str, Any]:
        return {"precisions": [round(p, 4) for p in result.precisions], "bp": round(result.bp, 4),
                "sys_len": result.sys_len, "ref_len": result.ref_len}


class ChrF(SacreBLEUMetric):
    name = "chrf"
    higher_is_better = True
    word_order = 0

    def _make(self, effective_order: bool):
        from sacrebleu.metrics import CHRF

        return CHRF(word_order=self.word_order, **self.options)


class ChrFPlusPlus(ChrF):
    name = "chrf++"
    word_order = 2


class TER(SacreBLEUMetric):
    name = "ter"
    higher_is_better = False

    def _make(self, effective_order: bool):
        from sacrebleu.metrics import TER as _TER

        asian = self.target_lang in {"ja", "zh", "ko"}
        return _TER(asian_support=asian, **self.options)
