"""The evaluation pipeline: the only module that knows the order of the stages.

corpus -> (segment -> align: later) -> score -> (flag: later) -> results.
Documents are scored whole (whitespace-normalised) until alignment provides
aligned segments; every score records which unit it was computed over.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import metadata
from typing import Sequence

from .corpus import Corpus
from .errors import UsageError
from .metrics import DEFAULT_METRICS, METRICS, Metric, get_metric
from .results import DocumentResult, RunResult, SystemResult

log = logging.getLogger(__name__)

DOCUMENT_UNIT = "document"


@dataclass(frozen=True)
class RunOptions:
    """What to compute. One options object feeds the CLI and the Python API."""

    metrics: tuple[str, ...] = DEFAULT_METRICS
    systems: tuple[str, ...] | None = None


def library_versions() -> dict[str, str]:
    versions = {}
    for package in ("evalkit", "sacrebleu"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "unknown"
    return versions


def _flatten(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def make_metrics(names: Sequence[str], target_lang: str) -> dict[str, Metric]:
    seen = set()
    metrics = {}
    for name in names:
        if name in seen:
            raise UsageError(f"metric {name!r} given twice")
        seen.add(name)
        METRICS.entry(name)  # unknown names fail here with "did you mean"
        metrics[name] = get_metric(name, target_lang=target_lang)
    return metrics


def evaluate_corpus(corpus: Corpus, options: RunOptions = RunOptions()) -> RunResult:
    """Score every system of `corpus` at document and corpus level."""
    metrics = make_metrics(options.metrics, corpus.target_lang)
    systems = [s.name for s in corpus.systems]
    if options.systems is not None:
        unknown = [s for s in options.systems if s not in systems]
        if unknown:
            raise UsageError(f"unknown system {unknown[0]!r}; available: {', '.join(systems)}")
        systems = [s for s in systems if s in options.systems]
    needs_reference = [m for m in metrics.values() if m.needs_reference]
    if needs_reference and not corpus.has_reference:
        raise UsageError(f"corpus {corpus.name!r} has no references; "
                         f"{', '.join(m.name for m in needs_reference)} need one")

    references = [_flatten(d.reference) for d in corpus.documents]
    sources = [_flatten(d.source) for d in corpus.documents]
    documents: list[DocumentResult] = []
    system_results: list[SystemResult] = []
    for system in systems:
        hypotheses = [_flatten(d.hypotheses[system]) for d in corpus.documents]
        log.info("scoring %s: %d documents", system, len(hypotheses))
        for i, doc in enumerate(corpus.documents):
            scores = {name: metric.corpus_score([hypotheses[i]], [references[i]], [sources[i]],
                                                unit=DOCUMENT_UNIT)
                      for name, metric in metrics.items()}
            words = {"source": len(sources[i].split()), "hypothesis": len(hypotheses[i].split()),
                     "reference": len(references[i].split())}
            documents.append(DocumentResult(corpus.name, system, doc.id, doc.title, corpus.source_lang,
                                            corpus.target_lang, scores, words))
        corpus_scores = {name: metric.corpus_score(hypotheses, references, sources, unit=DOCUMENT_UNIT)
                         for name, metric in metrics.items()}
        system_results.append(SystemResult(system, corpus_scores, len(hypotheses)))
    return RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(metrics),
                     tuple(documents), tuple(system_results), library_versions())
