"""The evaluation pipeline: the only module that knows the order of the stages.

corpus -> segment -> align (source<->MT, source<->reference) -> score (sacreBLEU
per aligned segment, document and corpus; COMET per segment) -> flag
(detectors) -> results. Every score records the unit it was computed over.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Callable, Sequence

from .aligned import AlignedSegment, join_alignments
from .corpus import Corpus
from .errors import MetricUnavailable, UsageError
from .flags import SEVERITY_WEIGHTS, Flag, mqm_penalty
from .metrics import DEFAULT_METRICS, METRICS, Metric, get_metric
from .metrics.base import Score
from .results import DocumentResult, RunResult, SystemResult

log = logging.getLogger(__name__)

DOCUMENT_UNIT = "document"
SEGMENT_UNIT = "aligned-segments"
UNITS = ("aligned", "document")


@dataclass(frozen=True)
class RunOptions:
    """What to compute. One options object feeds the CLI and the Python API."""

    metrics: tuple[str, ...] = DEFAULT_METRICS
    systems: tuple[str, ...] | None = None
    unit: str = "aligned"                      # "aligned": scores over aligned segments; "document": whole texts
    comet: bool = False                        # add COMET to the metrics
    comet_model: str = "Unbabel/wmt22-comet-da"
    comet_batch_size: int = 16
    gpus: int | None = None                    # None: a GPU if torch sees one
    cache: bool | str = True                   # True: the user's cache dir; a path; False: no cache
    flags: bool = True
    detectors: tuple[str, ...] | None = None   # None: all registered
    severity_weights: dict[str, float] = field(default_factory=lambda: dict(SEVERITY_WEIGHTS))
    progress: bool = False
    engine: str = "local"                      # "local" (in-process) or "dask"
    scheduler: str | None = None               # dask: address of an existing scheduler
    workers: int = 2                           # dask: size of the local cluster when no scheduler is given

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise UsageError(f"unknown unit {self.unit!r}; use one of {', '.join(UNITS)}")
        if self.comet_batch_size < 1:
            raise UsageError("COMET batch size must be at least 1")
        missing = set(SEVERITY_WEIGHTS) - set(self.severity_weights)
        if missing:
            raise UsageError(f"severity weights miss {', '.join(sorted(missing))}")


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


def make_metrics(names: Sequence[str], target_lang: str, options: RunOptions) -> dict[str, Metric]:
    seen = set()
    metrics = {}
    for name in names:
        if name in seen:
            raise UsageError(f"metric {name!r} given twice")
        seen.add(name)
        METRICS.entry(name)  # unknown names fail here with "did you mean"
        if name == "comet":
            metrics[name] = _make_comet(options, target_lang)
        else:
            metrics[name] = get_metric(name, target_lang=target_lang)
    return metrics


def _make_comet(options: RunOptions, target_lang: str) -> Metric:
    from .cache import ScoreCache

    cache: Any = None
    if options.cache is True:
        cache = "default"
    elif options.cache:
        cache = ScoreCache(options.cache)
    return get_metric("comet", model=options.comet_model, batch_size=options.comet_batch_size,
                      gpus=options.gpus, cache=cache, progress=options.progress, target_lang=target_lang)


@dataclass
class _Document:
    """Per-document state shared by every system: segments and the source<->reference alignment."""

    doc_id: str
    source_segments: list
    reference_segments: list | None
    ref_links: list | None


def _prepare(corpus: Corpus) -> list[_Document]:
    from .align import align_segments
    from .segment import segment

    prepared = []
    for doc in corpus.documents:
        src = segment(doc.source, corpus.source_lang)
        ref = segment(doc.reference, corpus.target_lang) if doc.reference is not None else None
        links = align_segments(src, ref, src_lang=corpus.source_lang, tgt_lang=corpus.target_lang) \
            if ref is not None else None
        prepared.append(_Document(doc.id, src, ref, links))
    return prepared


def _unavailable(metric: str, signature: str, unit: str, reason: str) -> Score:
    return Score(metric, None, signature, unit, 0, error=reason)


def evaluate_corpus(corpus: Corpus, options: RunOptions = RunOptions(),
                    on_document: Callable[[RunResult, DocumentResult], None] | None = None) -> RunResult:
    """Score (and flag) every system of `corpus` at segment, document and corpus level.

    `on_document`, if given, is called with each DocumentResult as soon as it is
    complete (reports are written as documents finish).
    """
    names = tuple(options.metrics) + (("comet",) if options.comet and "comet" not in options.metrics else ())
    metrics = make_metrics(names, corpus.target_lang, options)
    systems = [s.name for s in corpus.systems]
    if options.systems is not None:
        unknown = [s for s in options.systems if s not in systems]
        if unknown:
            raise UsageError(f"unknown system {unknown[0]!r}; available: {', '.join(systems)}")
        systems = [s for s in systems if s in options.systems]

    notes: list[str] = []
    unavailable: dict[str, str] = {}
    for name, metric in metrics.items():
        try:
            needs_reference = metric.needs_reference
        except MetricUnavailable as exc:
            unavailable[name] = str(exc)
            continue
        if needs_reference and not corpus.has_reference:
            raise UsageError(f"corpus {corpus.name!r} has no references; {name} needs one "
                             "(use a reference-free metric or model)")
    for name, reason in unavailable.items():
        notes.append(f"{name.upper()} not computed: {reason}")

    aligned = options.unit == "aligned"
    prepared = _prepare(corpus) if (aligned or options.flags) else None
    detectors = None
    if options.flags:
        from .detectors import make_detectors

        detectors = make_detectors(options.detectors)

    shell = RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(metrics), (), (),
                      library_versions(), tuple(notes))
    documents: list[DocumentResult] = []
    system_results: list[SystemResult] = []
    for system in systems:
        log.info("%s: %d documents", system, len(corpus.documents))
        pooled: dict[str, list] = {"hyp": [], "ref": [], "src": []}
        system_docs: list[DocumentResult] = []
        for position, doc in enumerate(corpus.documents):
            rows: tuple[AlignedSegment, ...] = ()
            flags: tuple[Flag, ...] | None = None
            hyp_segments = None
            mt_links = None
            if prepared is not None:
                from .align import align_segments
                from .segment import segment

                state = prepared[position]
                hyp_segments = segment(doc.hypotheses[system], corpus.target_lang)
                mt_links = align_segments(state.source_segments, hyp_segments,
                                          src_lang=corpus.source_lang, tgt_lang=corpus.target_lang)
                rows = tuple(join_alignments(state.source_segments, hyp_segments, mt_links,
                                             state.reference_segments, state.ref_links))
            if aligned:
                hyps = [r.hypothesis for r in rows]
                refs = [r.reference for r in rows]
                srcs = [r.source for r in rows]
                unit = SEGMENT_UNIT
            else:
                hyps, refs = [_flatten(doc.hypotheses[system])], [_flatten(doc.reference)]
                srcs = [_flatten(doc.source)]
                unit = DOCUMENT_UNIT
            scores: dict[str, Score] = {}
            segment_scores: dict[str, list[float | None]] = {}
            for name, metric in metrics.items():
                if name == "comet":
                    continue
                scores[name] = metric.corpus_score(hyps, refs if corpus.has_reference else None, srcs, unit=unit)
                if aligned:
                    segment_scores[name] = [
                        s if r.hypothesis_spans and r.reference_spans else None
                        for s, r in zip(metric.segment_scores(hyps, refs, srcs), rows)]
            pooled["hyp"] += hyps
            pooled["ref"] += refs
            pooled["src"] += srcs
            if detectors is not None:
                from .detectors import DetectionInput, run_detectors

                state = prepared[position]
                flags = tuple(run_detectors(DetectionInput(
                    hypothesis=doc.hypotheses[system], src_lang=corpus.source_lang,
                    tgt_lang=corpus.target_lang, source=doc.source, reference=doc.reference,
                    hypothesis_segments=hyp_segments, source_segments=state.source_segments,
                    alignment=mt_links, doc_id=doc.id, system=system), detectors))
            words = {"source": len(doc.source.split()), "hypothesis": len(doc.hypotheses[system].split()),
                     "reference": len(doc.reference.split()) if doc.reference is not None else 0}
            mqm = mqm_penalty(flags, words["hypothesis"], options.severity_weights) if flags is not None else None
            system_docs.append(DocumentResult(corpus.name, system, doc.id, doc.title, corpus.source_lang,
                                              corpus.target_lang, scores, words, rows, segment_scores,
                                              flags, mqm))
        corpus_scores = {}
        for name, metric in metrics.items():
            if name == "comet":
                continue
            corpus_scores[name] = metric.corpus_score(
                pooled["hyp"], pooled["ref"] if corpus.has_reference else None, pooled["src"],
                unit=SEGMENT_UNIT if aligned else DOCUMENT_UNIT)
        if "comet" in metrics:
            system_docs, corpus_scores["comet"] = _score_comet(metrics["comet"], system_docs, corpus, system,
                                                               aligned, unavailable.get("comet"))
        for result in system_docs:
            documents.append(result)
            if on_document is not None:
                on_document(shell, result)
        flag_counts, mqm_100 = None, None
        if detectors is not None:
            flag_counts = {}
            for d in system_docs:
                for f in d.flags or ():
                    flag_counts[f.category] = flag_counts.get(f.category, 0) + 1
            words = sum(d.mqm.words for d in system_docs if d.mqm)
            mqm_100 = 100.0 * sum(d.mqm.penalty for d in system_docs if d.mqm) / words if words else 0.0
        system_results.append(SystemResult(system, corpus_scores, len(system_docs),
                                           dict(sorted(flag_counts.items())) if flag_counts is not None else None,
                                           mqm_100))
    for system_result in system_results:
        for name, score in system_result.scores.items():
            note = f"{name.upper()} not computed: {score.error}"
            if score.value is None and score.error and note not in notes:
                notes.append(note)
    return RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(metrics),
                     tuple(documents), tuple(system_results), library_versions(), tuple(notes))


def _score_comet(metric: Metric, docs: list[DocumentResult], corpus: Corpus, system: str, aligned: bool,
                 unavailable: str | None) -> tuple[list[DocumentResult], Score]:
    """COMET over every scorable segment of one system, in one batched call.

    A segment is scorable when it has MT and source text (and reference text if
    the model needs one); insertions and omissions get no COMET score. The
    document and corpus figures are means of the segment scores.
    """
    from dataclasses import replace

    unit = SEGMENT_UNIT if aligned else DOCUMENT_UNIT
    try:
        signature = metric.signature()
    except MetricUnavailable as exc:
        unavailable, signature = unavailable or str(exc), f"comet|model:{getattr(metric, 'model', '?')}"
    if unavailable:
        score = _unavailable("comet", signature, unit, unavailable)
        return [replace(d, scores={**d.scores, "comet": score}) for d in docs], score
    needs_reference = metric.needs_reference
    items: list[tuple[int, int, str, str, str | None]] = []
    for d_index, (d, doc) in enumerate(zip(docs, corpus.documents)):
        if aligned:
            for k, row in enumerate(d.segments):
                if row.hypothesis_spans and row.source_spans and (row.reference_spans or not needs_reference):
                    items.append((d_index, k, row.hypothesis, row.source, row.reference or None))
        else:
            items.append((d_index, 0, _flatten(doc.hypotheses[system]), _flatten(doc.source),
                          _flatten(doc.reference) or None))
    try:
        values = metric.segment_scores([i[2] for i in items],
                                       [i[4] or "" for i in items] if needs_reference else None,
                                       [i[3] for i in items]) if items else []
    except MetricUnavailable as exc:
        score = _unavailable("comet", signature, unit, str(exc))
        return [replace(d, scores={**d.scores, "comet": score}) for d in docs], score
    signature = metric.signature()
    per_doc: dict[int, list[tuple[int, float]]] = {}
    for (d_index, k, *_), value in zip(items, values):
        per_doc.setdefault(d_index, []).append((k, value))
    out = []
    for d_index, d in enumerate(docs):
        pairs = per_doc.get(d_index, [])
        doc_values = [v for _, v in pairs]
        mean = sum(doc_values) / len(doc_values) if doc_values else None
        doc_score = Score("comet", mean, signature, unit, len(doc_values),
                          error=None if doc_values else "no scorable segment")
        segment_scores = dict(d.segment_scores)
        if aligned:
            column: list[float | None] = [None] * len(d.segments)
            for k, v in pairs:
                column[k] = v
            segment_scores["comet"] = column
        out.append(replace(d, scores={**d.scores, "comet": doc_score}, segment_scores=segment_scores))
    corpus_value = sum(values) / len(values) if values else None
    return out, Score("comet", corpus_value, signature, unit, len(values),
                      error=None if values else "no scorable segment")
