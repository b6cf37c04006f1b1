"""Model metrics in a run (metrics/base.py `ModelMetric`): built from RunOptions, scored in batches.

In this process, documents are pooled `DOCUMENTS_PER_CALL` at a time and each model metric
scores the scorable segments of the pool in one call per system (`ModelBatcher`). On a Dask
cluster each worker builds each model once (`worker_metric`) and scores a document's segments
with it as it scores the document (`score_on_worker`). Either way a document's figure is the
mean of its segment scores; the corpus figure (evalkit/aggregate.py) is the mean of them all.
"""

from __future__ import annotations

import functools
import threading
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .aggregate import SystemTally, flatten, score_unit, unavailable_score
from .errors import MetricUnavailable, UsageError
from .metrics import METRICS, MODEL, ModelMetric, Score, get_metric

if TYPE_CHECKING:
    from .corpus import Document
    from .options import RunOptions
    from .results import DocumentResult

# Documents scored together in one model call per system (the in-process engine); reports of a
# run with a model metric are written per batch, of a run without as each document finishes.
DOCUMENTS_PER_CALL = 64
_LOCK = threading.Lock()   # one model per process, shared by the threads of a worker


@dataclass(frozen=True)
class ModelSpec:
    """How to build one model metric: picklable and hashable, so that Dask workers build their own."""

    name: str
    options: tuple[tuple[str, Any], ...] = ()   # the metric's own options (RunOptions.options_for)
    gpus: int | None = None
    cache: bool | str = True                     # True: the user's cache; a path; False: none
    progress: bool = False
    needs_reference: bool = True                 # as the host found it (scoring on workers)


def model_spec(name: str, options: RunOptions, *, progress: bool | None = None) -> ModelSpec:
    return ModelSpec(name, tuple(sorted(options.options_for(name).items())), options.gpus, options.cache,
                     options.progress if progress is None else progress)


def check_model_options(options: RunOptions) -> None:
    """Every `model_options` entry names a model metric and options it takes."""
    for name, values in options.model_options.items():
        metric = METRICS.get(name)   # an unknown name fails here with "did you mean"
        if metric.kind != MODEL:
            raise UsageError(f"metric {name!r} takes no options (only model metrics do)")
        allowed = metric.option_names()
        for option in values:
            if option not in allowed:
                raise UsageError(f"metric {name!r} has no option {option!r} (options: {', '.join(allowed)})")


def build_model_metric(spec: ModelSpec, target_lang: str) -> ModelMetric:
    from .cache import ScoreCache

    cache: Any = None
    if spec.cache is True:
        cache = "default"
    elif spec.cache:
        cache = ScoreCache(spec.cache)
    settings = {"gpus": spec.gpus, "progress": spec.progress, **dict(spec.options)}
    return get_metric(spec.name, **settings, cache=cache, target_lang=target_lang)


@functools.lru_cache(maxsize=4)
def worker_metric(spec: ModelSpec, target_lang: str) -> ModelMetric:
    """A model metric of this process (a Dask worker): the model is loaded once, on first use."""
    return build_model_metric(spec, target_lang)


# --- one batch of documents of one system ----------------------------------------------------

Item = tuple[int, int, str, str, "str | None"]   # document, segment, hypothesis, source, reference


def _items(docs: Sequence[DocumentResult], documents: Sequence[Document], system: str, aligned: bool,
           needs_reference: bool) -> list[Item]:
    """The scorable segments: MT and source text (and reference text if the model needs one);
    insertions and omissions get no model score."""
    items: list[Item] = []
    for d_index, (d, doc) in enumerate(zip(docs, documents)):
        if aligned:
            for k, row in enumerate(d.segments):
                if row.hypothesis_spans and row.source_spans and (row.reference_spans or not needs_reference):
                    items.append((d_index, k, row.hypothesis, row.source, row.reference or None))
        else:
            items.append((d_index, 0, flatten(doc.hypotheses[system]), flatten(doc.source),
                          flatten(doc.reference) or None))
    return items


def score_batch(metric: ModelMetric, docs: Sequence[DocumentResult], documents: Sequence[Document], system: str,
                aligned: bool, needs_reference: bool, unavailable: str | None, *, lines: bool = False,
                ) -> tuple[list[DocumentResult], list[float], str | None]:
    """A model metric over every scorable segment of some documents of one system, in one call.

    Returns the documents with the metric added (score and segment column), the segment
    scores in document and segment order, and why the metric could not be computed (None if it was).
    """
    name, unit = metric.name, score_unit(aligned, lines)
    try:
        signature = metric.signature()
    except MetricUnavailable as exc:
        unavailable, signature = unavailable or str(exc), metric.fallback_signature()
    if unavailable:
        score = unavailable_score(name, signature, unit, unavailable)
        return [replace(d, scores={**d.scores, name: score}) for d in docs], [], unavailable
    items = _items(docs, documents, system, aligned, needs_reference)
    try:
        values = metric.segment_scores([i[2] for i in items],
                                       [i[4] or "" for i in items] if needs_reference else None,
                                       [i[3] for i in items]) if items else []
    except MetricUnavailable as exc:
        score = unavailable_score(name, signature, unit, str(exc))
        return [replace(d, scores={**d.scores, name: score}) for d in docs], [], str(exc)
    signature = metric.signature()
    per_doc: dict[int, list[tuple[int, float]]] = {}
    for (d_index, k, *_), value in zip(items, values):
        per_doc.setdefault(d_index, []).append((k, value))
    out = [_with_values(d, name, per_doc.get(d_index, []), signature, unit, aligned)
           for d_index, d in enumerate(docs)]
    return out, list(values), None


def _with_values(d: DocumentResult, name: str, pairs: list[tuple[int, float]], signature: str, unit: str,
                 aligned: bool) -> DocumentResult:
    """The document with its segments' model scores: their mean, and the column of the segments."""
    doc_values = [v for _, v in pairs]
    mean = sum(doc_values) / len(doc_values) if doc_values else None
    doc_score = Score(name, mean, signature, unit, len(doc_values),
                      error=None if doc_values else "no scorable segment")
    segment_scores = dict(d.segment_scores)
    if aligned:
        column: list[float | None] = [None] * len(d.segments)
        for k, v in pairs:
            column[k] = v
        segment_scores[name] = column
    return replace(d, scores={**d.scores, name: doc_score}, segment_scores=segment_scores)


# --- where they are scored -------------------------------------------------------------------

def score_on_worker(specs: Sequence[ModelSpec], results: list[DocumentResult], doc: Document,
                    systems: Sequence[str], target_lang: str, aligned: bool, lines: bool,
                    ) -> tuple[dict[str, tuple[tuple[float, ...], ...]], dict[str, tuple[str | None, ...]]]:
    """Every model metric of `specs` on one document (in place in `results`, one per system):
    the segment scores and errors per metric, per system."""
    values: dict[str, tuple[tuple[float, ...], ...]] = {}
    errors: dict[str, tuple[str | None, ...]] = {}
    for spec in specs:
        metric = worker_metric(spec, target_lang)
        scored = []
        for k, system in enumerate(systems):
            with _LOCK:
                done, system_values, error = score_batch(metric, [results[k]], [doc], system, aligned,
                                                         spec.needs_reference, None, lines=lines)
            results[k] = done[0]
            scored.append((tuple(system_values), error))
        values[spec.name] = tuple(v for v, _ in scored)
        errors[spec.name] = tuple(e for _, e in scored)
    return values, errors


def keep_worker_scores(tallies: dict[str, SystemTally], systems: Sequence[str], index: int,
                       values: dict[str, tuple[tuple[float, ...], ...]],
                       errors: dict[str, tuple[str | None, ...]]) -> None:
    """What the host keeps of the model scores a worker computed for document `index`."""
    for name in values:
        for k, system in enumerate(systems):
            tally = tallies[system]
            tally.model_values.setdefault(name, {})[index] = array("d", values[name][k])
            tally.model_errors[name] = tally.model_errors.get(name) or errors[name][k]


class ModelBatcher:
    """The model metrics scored in this process: documents wait until a batch is full."""

    def __init__(self, metrics: dict[str, ModelMetric], systems: Sequence[str], documents: Sequence[Document],
                 tallies: dict[str, SystemTally], aligned: bool, lines: bool):
        self.metrics, self.systems, self.documents = metrics, list(systems), documents
        self.tallies, self.aligned, self.lines = tallies, aligned, lines
        self.batch = DOCUMENTS_PER_CALL if metrics else 1

    def score(self, indexes: Sequence[int], batches: list[list[DocumentResult]],
              stage: Callable[[str], Any]) -> None:
        """Add every metric to `batches` (per document, its results in system order), in place."""
        documents = [self.documents[i] for i in indexes]
        for name, metric in self.metrics.items():
            with stage("models"):
                for k, system in enumerate(self.systems):
                    tally = self.tallies[system]
                    error = tally.model_errors.get(name)
                    needs_reference = bool(metric.needs_reference) if error is None else True
                    done, values, new_error = score_batch(metric, [b[k] for b in batches], documents, system,
                                                          self.aligned, needs_reference, error, lines=self.lines)
                    tally.model_errors[name] = error or new_error
                    for b, result in zip(batches, done):
                        b[k] = result
                    tally.model_values.setdefault(name, {})[indexes[0]] = array("d", values)
