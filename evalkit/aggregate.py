"""Corpus figures from documents as they stream past: what a run keeps per system, and the sums.

Statistics metrics re-sum their documents' sufficient statistics; model metrics average every
scored segment, in document order; other metrics score the pooled segments once. Flag counts
and the MQM penalty are summed in corpus order, whatever order the documents finished in.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import MetricUnavailable
from .metrics import Metric, ModelMetric, Score
from .results import DocumentResult, SystemResult

if TYPE_CHECKING:
    from .corpus import Document

DOCUMENT_UNIT = "document"
SEGMENT_UNIT = "aligned-segments"
LINES_UNIT = "lines"                 # segments as given, one per line (corpus segmentation "lines")


def score_unit(aligned: bool, lines: bool) -> str:
    """What a run's scores are computed over."""
    return (LINES_UNIT if lines else SEGMENT_UNIT) if aligned else DOCUMENT_UNIT


def flatten(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def unavailable_score(metric: str, signature: str, unit: str, reason: str) -> Score:
    return Score(metric, None, signature, unit, 0, error=reason)


@dataclass
class SystemTally:
    """What a run keeps of one system while documents stream past: no segment texts.

    Kept documents are in `documents`; a streaming run keeps, per document index, where its
    light result lies in the run's spool (`offsets`/`lengths`, -1 for not yet) and the figures
    the corpus summary needs (`flag_counts`, `mqm_words`, `mqm_penalty`), so that the run's
    memory does not grow with the corpus beyond a few bytes per document.
    """

    documents: dict[int, DocumentResult] = field(default_factory=dict)
    offsets: array = field(default_factory=lambda: array("q"))
    lengths: array = field(default_factory=lambda: array("q"))
    totals: dict[str, list | None] = field(default_factory=dict)
    segments: int = 0
    done: int = 0
    flag_counts: dict[str, int] | None = None
    mqm_words: int = 0
    mqm_penalty: array = field(default_factory=lambda: array("d"))   # per document index
    model_values: dict[str, dict[int, array]] = field(default_factory=dict)   # metric -> first index -> scores
    model_errors: dict[str, str | None] = field(default_factory=dict)         # metric -> why not computed
    pooled: dict[str, list[str]] = field(default_factory=lambda: {"hyp": [], "ref": [], "src": []})

    def add(self, index: int, result: DocumentResult, statistics: Sequence[str], rows: int, aligned: bool) -> None:
        """A finished document's statistics, segment count, flags and MQM penalty."""
        from .metrics.sacrebleu_metrics import sum_statistics

        for name in statistics:
            self.totals[name] = sum_statistics([result.statistics[name]], self.totals[name]) \
                if result.statistics.get(name) is not None else self.totals[name]
        self.segments += rows if aligned else 1
        self.done += 1
        if self.flag_counts is not None:
            for f in result.flags or ():
                self.flag_counts[f.category] = self.flag_counts.get(f.category, 0) + 1
            if result.mqm:
                self.mqm_words += result.mqm.words
                self.mqm_penalty[index] = result.mqm.penalty

    def pool(self, result: DocumentResult, doc: Document, aligned: bool) -> None:
        """The document's segments, for metrics scored at corpus level on the pooled segments."""
        if aligned:
            self.pooled["hyp"] += [r.hypothesis for r in result.segments]
            self.pooled["ref"] += [r.reference for r in result.segments]
            self.pooled["src"] += [r.source for r in result.segments]
        else:
            self.pooled["hyp"].append(flatten(doc.hypotheses[result.system]))
            self.pooled["ref"].append(flatten(doc.reference))
            self.pooled["src"].append(flatten(doc.source))


def new_tallies(systems: Sequence[str], statistics: Sequence[str], unavailable: Mapping[str, str],
                n_docs: int, spooled: bool, flags: bool) -> dict[str, SystemTally]:
    tallies = {s: SystemTally(totals=dict.fromkeys(statistics)) for s in systems}
    for tally in tallies.values():
        tally.model_errors.update(unavailable)
        if spooled:
            tally.offsets = array("q", [-1]) * n_docs
            tally.lengths = array("q", [0]) * n_docs
        if flags:
            tally.flag_counts = {}
            tally.mqm_penalty = array("d", [0.0]) * n_docs
    return tallies


def model_signature(metric: ModelMetric) -> str:
    """The model's signature, or the one it would have when it cannot be loaded here."""
    try:
        return metric.signature()
    except MetricUnavailable:
        return metric.fallback_signature()


def model_corpus_score(metric: ModelMetric, tally: SystemTally, unit: str) -> Score:
    """The mean of every scored segment, in document order (as one batched call would sum them)."""
    signature = model_signature(metric)
    error = tally.model_errors.get(metric.name)
    if error:
        return unavailable_score(metric.name, signature, unit, error)
    found = tally.model_values.get(metric.name, {})
    values = [v for i in sorted(found) for v in found[i]]
    return Score(metric.name, sum(values) / len(values) if values else None, signature, unit, len(values),
                 error=None if values else "no scorable segment")


def system_result(system: str, tally: SystemTally, metrics: Mapping[str, Metric], statistics: Sequence[str],
                  per_document: Sequence[str], models: Sequence[str], unit: str) -> SystemResult:
    """One system's corpus scores (statistics, then other metrics, then model metrics), flags and MQM."""
    corpus_scores: dict[str, Score] = {}
    for name in statistics:
        corpus_scores[name] = metrics[name].score_from_totals(tally.totals[name], unit=unit,  # type: ignore[attr-defined]
                                                              n=tally.segments)
    for name in per_document:
        corpus_scores[name] = metrics[name].corpus_score(tally.pooled["hyp"], tally.pooled["ref"],
                                                         tally.pooled["src"], unit=unit)
    for name in models:
        corpus_scores[name] = model_corpus_score(metrics[name], tally, unit)  # type: ignore[arg-type]
    flag_counts, mqm_100 = tally.flag_counts, None
    if flag_counts is not None:
        # summed in corpus order, whatever order the documents finished in
        words = tally.mqm_words
        mqm_100 = 100.0 * sum(tally.mqm_penalty) / words if words else 0.0
    return SystemResult(system, corpus_scores, tally.done,
                        dict(sorted(flag_counts.items())) if flag_counts is not None else None, mqm_100)


def missing_score_notes(systems: Sequence[SystemResult], notes: list[str]) -> None:
    """A note for every corpus score that could not be computed (added to `notes`, once each)."""
    for result in systems:
        for name, score in result.scores.items():
            note = f"{name.upper()} not computed: {score.error}"
            if score.value is None and score.error and note not in notes:
                notes.append(note)
