"""The evaluation pipeline: the only module that knows the order of the stages.

Per document (`score_document`): segment -> align (source<->MT, source<->reference) ->
score (sacreBLEU sufficient statistics per aligned segment, giving segment and document
scores) -> flag (detectors). Per run (`evaluate_corpus`): model metrics per segment
(evalkit/model_scores.py), corpus scores re-summed from the documents (evalkit/aggregate.py),
results. Metrics and detectors are dispatched on their kind (metrics/base.py, detectors/base.py):
rule detectors run with the document, model detectors in batches here (evalkit/model_flags.py). Every
score records the unit it was computed over. Where documents are scored (this process, a Dask
cluster) is evalkit/engine.py's business.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import metadata
from itertools import compress
from pathlib import Path
from typing import Any

from .aggregate import (
    DOCUMENT_UNIT,
    LINES_UNIT,
    SEGMENT_UNIT,
    flatten,
    missing_score_notes,
    new_tallies,
    score_unit,
    system_result,
)
from .alignment.rows import AlignedSegment, join_alignments
from .corpus import Corpus, Document
from .errors import MetricUnavailable, UsageError
from .flags import SEVERITY_WEIGHTS, Flag, mqm_penalty
from .metrics import MODEL, STATISTICS, Metric, get_metric, metric_kind
from .metrics.base import Score
from .model_flags import SpanBatcher, check_span_options, model_detectors
from .model_scores import (
    DOCUMENTS_PER_CALL,
    ModelBatcher,
    ModelSpec,
    build_model_metric,
    check_model_options,
    keep_worker_scores,
    model_spec,
    score_on_worker,
)
from .options import ENGINES, MAX_WORKERS, UNITS, RunOptions
from .results import DocumentResult, DocumentSpool, RunResult, SpooledDocuments

__all__ = ["CHRF_INSERTIONS_NOTE", "DOCUMENT_UNIT", "ENGINES", "LINES_UNIT", "MAX_WORKERS", "SEGMENT_UNIT",
           "STAGES", "UNITS", "DocumentOutcome", "DocumentPlan", "RunOptions", "evaluate_corpus",
           "library_versions", "make_metrics", "score_document"]

log = logging.getLogger(__name__)

# In every re-aligned run that computes chrF: what sacreBLEU's chrF does with the rows evalkit makes.
CHRF_INSERTIONS_NOTE = ("chrF/chrF++ follow sacreBLEU's definition: a row with an empty reference (an MT "
                        "insertion) adds no statistics, so inserted text does not lower chrF or chrF++; "
                        "BLEU and TER count it (as extra hypothesis words and as edits).")
STAGES = ("segment", "align", "metrics", "detectors", "models", "reports")


def library_versions() -> dict[str, str]:
    versions = {}
    # evalkit is published as the distribution evalkit-mt (older installs: evalkit).
    for package, distributions in (("evalkit", ("evalkit-mt", "evalkit")), ("sacrebleu", ("sacrebleu",))):
        versions[package] = "unknown"
        for distribution in distributions:
            try:
                versions[package] = metadata.version(distribution)
                break
            except metadata.PackageNotFoundError:
                continue
    return versions


def make_metrics(names: Sequence[str], target_lang: str, options: RunOptions) -> dict[str, Metric]:
    """The run's metrics by name, in order; a model metric gets its options (RunOptions.options_for)."""
    check_model_options(options)
    seen = set()
    metrics = {}
    for name in names:
        if name in seen:
            raise UsageError(f"metric {name!r} given twice")
        seen.add(name)
        if metric_kind(name) == MODEL:  # unknown names fail here with "did you mean"
            metrics[name] = build_model_metric(model_spec(name, options), target_lang)
        else:
            metrics[name] = get_metric(name, target_lang=target_lang)
    return metrics


# --- timing ----------------------------------------------------------------------------------

class StageClock:
    """Seconds spent in each stage, summed over documents (cheap enough to be always on)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def add(self, seconds: Mapping[str, float]) -> None:
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value


# --- one document ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportSpec:
    """Where and how the process that scores a document writes its reports (picklable)."""

    root: str                     # <out>/<corpus>, already created
    shell: RunResult              # the run's corpus, languages, metrics, versions and notes
    keep_segments: bool = False   # hand back the document with its segments after writing it


@dataclass(frozen=True)
class DocumentPlan:
    """What scoring one document needs to know; picklable (it travels with Dask tasks)."""

    corpus: str
    source_lang: str
    target_lang: str
    systems: tuple[str, ...]
    metrics: tuple[str, ...]                  # metrics scored from sufficient statistics, in run order
    per_document: tuple[str, ...] = ()        # other metrics (no statistics, no model): scored per
                                              # document here, at corpus level on the pooled segments
    aligned: bool = True
    flags: bool = True
    detectors: tuple[str, ...] | None = None
    severity_weights: tuple[tuple[str, float], ...] = tuple(SEVERITY_WEIGHTS.items())
    models: tuple[ModelSpec, ...] = ()        # model metrics scored with the document (Dask workers)
    reports: ReportSpec | None = None         # reports written where the document is scored
    segmentation: str = "sentences"           # "lines": every side is one segment per line, as given


@dataclass(frozen=True)
class DocumentOutcome:
    """One document scored for every system of the plan."""

    index: int
    results: tuple[DocumentResult, ...]       # in the plan's system order
    # per model metric scored with it (plan.models): segment scores and errors, per system
    model_values: dict[str, tuple[tuple[float, ...], ...]] = field(default_factory=dict)
    model_errors: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    reported: bool = False                    # its reports are written (plan.reports)
    rows: tuple[int, ...] = ()                # aligned segments per system (kept when they are dropped)


@functools.lru_cache(maxsize=8)
def _statistic_metrics(names: tuple[str, ...], target_lang: str) -> dict[str, Any]:
    return {name: get_metric(name, target_lang=target_lang) for name in names}


_local = threading.local()


def _detectors(names: tuple[str, ...] | None) -> list:
    # One set per thread: detectors are small objects, and nothing says they are thread-safe.
    cache = _local.__dict__.setdefault("detectors", {})
    if names not in cache:
        from .detectors import make_detectors

        cache[names] = make_detectors(names)
    return cache[names]


@dataclass
class _Sides:
    """A document's source and reference segments and their alignment (None when not segmented)."""

    src: list | None = None
    ref: list | None = None
    ref_links: Any = None


def score_document(index: int, doc: Document, plan: DocumentPlan) -> DocumentOutcome:
    """Segment, align, score and flag one document for every system of `plan`.

    The unit of work of every engine: it depends on nothing but its arguments.
    """
    clock = StageClock()
    sides = _document_sides(doc, plan, clock)
    metrics = (_statistic_metrics(plan.metrics, plan.target_lang),      # built once per document
               _statistic_metrics(plan.per_document, plan.target_lang) if plan.per_document else {})
    results = [_score_system(doc, system, plan, sides, metrics, clock) for system in plan.systems]
    values: dict[str, tuple[tuple[float, ...], ...]] = {}
    errors: dict[str, tuple[str | None, ...]] = {}
    if plan.models:
        with clock.stage("models"):
            values, errors = score_on_worker(plan.models, results, doc, plan.systems, plan.target_lang,
                                             plan.aligned, plan.segmentation == "lines")
    rows = tuple(len(result.segments) for result in results)
    reported = _report_on_worker(plan, results, clock)
    return DocumentOutcome(index, tuple(results), values, errors, clock.seconds, reported, rows)


def _document_sides(doc: Document, plan: DocumentPlan, clock: StageClock) -> _Sides:
    from .alignment.aligner import align_segments
    from .segment import segment

    if plan.segmentation == "lines":
        return _Sides(*_line_sides(doc))
    if not (plan.aligned or plan.flags):
        return _Sides()
    src_lang, tgt_lang = plan.source_lang, plan.target_lang
    with clock.stage("segment"):
        src = segment(doc.source, src_lang)
        ref = segment(doc.reference, tgt_lang) if doc.reference is not None else None
    with clock.stage("align"):
        ref_links = align_segments(src, ref, src_lang=src_lang, tgt_lang=tgt_lang) if ref is not None else None
    return _Sides(src, ref, ref_links)


def _system_rows(doc: Document, system: str, plan: DocumentPlan, sides: _Sides,
                 clock: StageClock) -> tuple[tuple[AlignedSegment, ...], list | None, Any]:
    """A system's aligned rows, its segments and its alignment to the source."""
    from .alignment.aligner import align_segments
    from .segment import segment

    src, ref = sides.src, sides.ref
    if plan.segmentation == "lines":
        hyp_segments, mt_links = _line_hypothesis(doc, system, src, ref)
        rows = tuple(join_alignments(src, hyp_segments, mt_links, ref, mt_links if ref is not None else None))
        return rows, hyp_segments, mt_links
    if not (plan.aligned or plan.flags):
        return (), None, None
    with clock.stage("segment"):
        hyp_segments = segment(doc.hypotheses[system], plan.target_lang)
    with clock.stage("align"):
        mt_links = align_segments(src, hyp_segments, src_lang=plan.source_lang, tgt_lang=plan.target_lang)
        rows = tuple(join_alignments(src, hyp_segments, mt_links, ref, sides.ref_links))
    return rows, hyp_segments, mt_links


def _score_system(doc: Document, system: str, plan: DocumentPlan, sides: _Sides,
                  metrics: tuple[dict[str, Any], dict[str, Any]], clock: StageClock) -> DocumentResult:
    text = doc.hypotheses[system]
    rows, hyp_segments, mt_links = _system_rows(doc, system, plan, sides, clock)
    with clock.stage("metrics"):
        scores, segment_scores, statistics = _document_scores(doc, text, plan, rows, *metrics)
    flags: tuple[Flag, ...] | None = None
    if plan.flags:
        from .detectors import DetectionInput, run_detectors

        with clock.stage("detectors"):
            flags = tuple(run_detectors(DetectionInput(
                hypothesis=text, src_lang=plan.source_lang, tgt_lang=plan.target_lang, source=doc.source,
                reference=doc.reference, hypothesis_segments=hyp_segments, source_segments=sides.src,
                alignment=mt_links, doc_id=doc.id, system=system), _detectors(plan.detectors)))
    words = {"source": len(doc.source.split()), "hypothesis": len(text.split()),
             "reference": len(doc.reference.split()) if doc.reference is not None else 0}
    mqm = mqm_penalty(flags, words["hypothesis"], dict(plan.severity_weights)) if flags is not None else None
    return DocumentResult(plan.corpus, system, doc.id, doc.title, plan.source_lang, plan.target_lang, scores,
                          words, rows, segment_scores, flags, mqm, statistics)


def _document_scores(doc: Document, text: str, plan: DocumentPlan, rows: tuple[AlignedSegment, ...],
                     metrics: dict[str, Any], others: dict[str, Any],
                     ) -> tuple[dict[str, Score], dict[str, list[float | None]], dict[str, list]]:
    """Document scores, segment scores and summed statistics of the plan's statistics metrics
    (`metrics`) and other metrics (`others`)."""
    from .metrics.sacrebleu_metrics import extract_statistics, sum_statistics

    if plan.aligned:
        hyps, refs, srcs = [r.hypothesis for r in rows], [r.reference for r in rows], [r.source for r in rows]
    else:
        hyps, refs, srcs = [flatten(text)], [flatten(doc.reference)], [flatten(doc.source)]
    unit = score_unit(plan.aligned, plan.segmentation == "lines")
    scores: dict[str, Score] = {}
    segment_scores: dict[str, list[float | None]] = {}
    statistics: dict[str, list] = {}
    per_segment = extract_statistics(metrics, hyps, refs)
    for name, metric in metrics.items():
        totals = sum_statistics(per_segment[name])
        scores[name] = metric.score_from_totals(totals, unit=unit, n=len(hyps))
        statistics[name] = totals
        if plan.aligned:
            segment_scores[name] = _aligned_only([metric.segment_score_from_statistics(stats)
                                                  for stats in per_segment[name]], rows)
    for name, metric in others.items():
        scores[name] = metric.corpus_score(hyps, refs, srcs, unit=unit)
        if plan.aligned:
            segment_scores[name] = _aligned_only(metric.segment_scores(hyps, refs, srcs), rows)
    return scores, segment_scores, statistics


def _aligned_only(values: Sequence[float], rows: Sequence[AlignedSegment]) -> list[float | None]:
    """A segment score where the row has both MT and reference text; None for insertions and omissions."""
    return [value if row.hypothesis_spans and row.reference_spans else None for value, row in zip(values, rows)]


def _report_on_worker(plan: DocumentPlan, results: list[DocumentResult], clock: StageClock) -> bool:
    """Write the reports here (plan.reports), so that the host receives a light result: on a pool or
    a cluster the rendering is spread over the workers instead of queueing in the host."""
    if plan.reports is None:
        return False
    from .report import write_document_reports

    with clock.stage("reports"):
        for k, result in enumerate(results):
            write_document_reports(plan.reports.shell, result, Path(plan.reports.root))
            if not plan.reports.keep_segments:
                results[k] = replace(result, segments=(), segment_scores={})
    return True


def _line_sides(doc: Document) -> tuple[list, list | None]:
    from .corpus import check_line_counts
    from .lines import line_segments

    src = line_segments(doc.source)
    ref = line_segments(doc.reference) if doc.reference is not None else None
    if ref is not None:
        check_line_counts({"source": len(src), "reference": len(ref)}, doc.id)
    return src, ref


def _line_hypothesis(doc: Document, system: str, src: list, ref: list | None) -> tuple[list, list]:
    """A system's lines and their 1-1 links to the source lines (counts checked)."""
    from .corpus import check_line_counts
    from .lines import line_segments, one_to_one

    hyp = line_segments(doc.hypotheses[system])
    check_line_counts({"source": len(src), f"system {system}": len(hyp)}, doc.id)
    return hyp, one_to_one(len(hyp))


# --- the run ---------------------------------------------------------------------------------

def evaluate_corpus(corpus: Corpus, options: RunOptions | None = None,
                    on_document: Callable[[RunResult, DocumentResult], None] | None = None, *,
                    timings: dict[str, float] | None = None, reports_to: str | Path | None = None) -> RunResult:
    """Score (and flag) every system of `corpus` at segment, document and corpus level.

    `reports_to`, if given, is an output folder: each document's JSON, Markdown and HTML reports
    are written under `<reports_to>/<corpus>/` as soon as it is complete, by the worker that
    scored it where `options.reports_on_workers` allows (the run's summaries are the caller's:
    `report.write_run_reports`). `on_document`, if given, is called with each DocumentResult as
    soon as it is complete (and its reports written), in no guaranteed order with several
    workers; a document whose reports a worker wrote comes without its segments. With either,
    the RunResult keeps each document's scores, flags and statistics but not its segments,
    unless `options.keep_segments` says so. `timings`, if given, receives the seconds spent per
    stage (summed over workers). `options` None: `RunOptions()`.
    """
    run = _Run(corpus, options if options is not None else RunOptions(), on_document, reports_to)
    run.score_documents()
    return run.result(timings)


def _select_systems(corpus: Corpus, options: RunOptions) -> list[str]:
    systems = [s.name for s in corpus.systems]
    if options.systems is not None:
        unknown = [s for s in options.systems if s not in systems]
        if unknown:
            raise UsageError(f"unknown system {unknown[0]!r}; available: {', '.join(systems)}")
        systems = [s for s in systems if s in options.systems]
    return systems


def _unavailable_metrics(metrics: Mapping[str, Metric], corpus: Corpus) -> dict[str, str]:
    """Metrics that cannot be computed here, and why; a metric that needs missing references is an error."""
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
    return unavailable


def _detectors_by_kind(options: RunOptions) -> tuple[tuple[str, ...] | None, SpanBatcher]:
    """The rule detectors, and the model detectors that can be had here. The default set is named
    here, so that the workers import the rule detectors' modules only."""
    from .detectors import default_names
    from .detectors.model import split_kinds

    rules, models = split_kinds(options.detectors) if options.flags else (None, ())
    if options.flags and rules is None:
        rules = tuple(default_names())
    check_span_options(models, options)
    spans = SpanBatcher(model_detectors(models, options), options.span_view, dict(options.severity_weights))
    spans.check()
    return rules, spans


class _Run:
    """One run's state: its metrics by kind, its plan, its tallies, and the documents in flight."""

    def __init__(self, corpus: Corpus, options: RunOptions,
                 on_document: Callable[[RunResult, DocumentResult], None] | None, reports_to: str | Path | None):
        self.corpus, self.options, self.on_document = corpus, options, on_document
        self.metrics = make_metrics(options.metric_names(), corpus.target_lang, options)
        self.systems = _select_systems(corpus, options)
        unavailable = _unavailable_metrics(self.metrics, corpus)
        self.notes = [f"{name.upper()} not computed: {reason}" for name, reason in unavailable.items()]
        self.rule_detectors, self.spans = _detectors_by_kind(options)
        self.notes += self.spans.notes()
        self.aligned = options.unit == "aligned"
        lines = corpus.segmentation == "lines"
        self.unit = score_unit(self.aligned, lines)
        if self.aligned and not lines and {"chrf", "chrf++"} & set(self.metrics):
            self.notes.append(CHRF_INSERTIONS_NOTE)
        kinds = {name: metric.kind for name, metric in self.metrics.items()}
        self.statistics = tuple(n for n, k in kinds.items() if k == STATISTICS)
        self.per_document = tuple(n for n, k in kinds.items() if k not in (STATISTICS, MODEL))
        self.models = tuple(n for n, k in kinds.items() if k == MODEL)
        # Model metrics go to the workers of a Dask cluster; otherwise (or when they cannot be had)
        # they are scored here, in batches of documents.
        on_workers = tuple(n for n in self.models if options.engine == "dask" and n not in unavailable)
        here = {n: self.metrics[n] for n in self.models if n not in on_workers}
        self.plan = self._plan(on_workers)
        streaming = on_document is not None or reports_to is not None
        self.keep = options.keep_segments if options.keep_segments is not None else not streaming
        # A run that hands each document to `on_document` and keeps no segments streams: the light
        # results go to a temporary file, read back for the summaries (results.DocumentSpool).
        self.spool = DocumentSpool() if not self.keep else None
        self.clock = StageClock()
        self.shell = RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(self.metrics), (), (),
                               library_versions(), tuple(self.notes), segmentation=corpus.segmentation)
        self.tallies = new_tallies(self.systems, self.statistics, unavailable, len(corpus.documents),
                                   self.spool is not None, options.flags)
        self.batcher = ModelBatcher(here, self.systems, corpus.documents, self.tallies, self.aligned, lines)
        self.root = self._reports_root(reports_to) if reports_to is not None else None
        self.pending: list[DocumentOutcome] = []

    def _plan(self, on_workers: Sequence[str]) -> DocumentPlan:
        corpus, options = self.corpus, self.options
        models = tuple(replace(model_spec(name, options, progress=False),
                               needs_reference=bool(self.metrics[name].needs_reference)) for name in on_workers)
        return DocumentPlan(
            corpus=corpus.name, source_lang=corpus.source_lang, target_lang=corpus.target_lang,
            systems=tuple(self.systems), metrics=self.statistics, per_document=self.per_document,
            aligned=self.aligned, flags=options.flags, detectors=self.rule_detectors,
            severity_weights=tuple(options.severity_weights.items()), models=models,
            segmentation=corpus.segmentation)

    def _reports_root(self, reports_to: str | Path) -> Path:
        from .report import output_root

        root = output_root(self.shell, reports_to)
        options = self.options
        on_workers = options.reports_on_workers if options.reports_on_workers is not None else \
            not (options.engine == "dask" and options.scheduler)
        # Model metrics scored in this process come after scoring, and metrics without statistics
        # pool the segments here: then the reports are written here, after them.
        if on_workers and not self.batcher.metrics and not self.plan.per_document and not self.spans.detectors:
            self.plan = replace(self.plan, reports=ReportSpec(str(root), self.shell, keep_segments=self.keep))
        return root

    def score_documents(self) -> None:
        from .engine import make_engine

        with make_engine(self.options) as engine:
            for outcome in engine.map(score_document, self.corpus.documents, self.plan):
                self.clock.add(outcome.seconds)
                keep_worker_scores(self.tallies, self.systems, outcome.index, outcome.model_values,
                                   outcome.model_errors)
                self.pending.append(outcome)
                if len(self.pending) >= (DOCUMENTS_PER_CALL if self.spans.detectors else self.batcher.batch):
                    self._flush()
            self._flush()

    def _flush(self) -> None:
        """The documents in flight: model metrics of this process over them, then each one finished."""
        if not self.pending:
            return
        outcomes = sorted(self.pending, key=lambda o: o.index)
        self.pending.clear()
        batches = [list(o.results) for o in outcomes]
        if self.batcher.metrics:
            self.batcher.score([o.index for o in outcomes], batches, self.clock.stage)
        if self.spans.detectors:
            with self.clock.stage("detectors"):
                self.spans.flag(batches, [self.corpus.documents[o.index] for o in outcomes], self.systems)
        for outcome, results in zip(outcomes, batches):
            for result, rows in zip(results, outcome.rows, strict=True):
                self._finish(outcome.index, result, outcome.reported, rows)

    def _finish(self, index: int, result: DocumentResult, reported: bool, rows: int) -> None:
        tally = self.tallies[result.system]
        tally.add(index, result, self.statistics, rows, self.aligned)
        if self.per_document:
            tally.pool(result, self.corpus.documents[index], self.aligned)
        if self.root is not None and not reported:
            from .report import write_document_reports

            with self.clock.stage("reports"):
                write_document_reports(self.shell, result, self.root)
        if self.on_document is not None:
            with self.clock.stage("reports"):
                self.on_document(self.shell, result)
        if self.spool is None:
            tally.documents[index] = result
        else:
            light = replace(result, segments=(), segment_scores={})
            tally.offsets[index], tally.lengths[index] = self.spool.put(light)

    def result(self, timings: dict[str, float] | None) -> RunResult:
        documents: list[DocumentResult] = []
        offsets, lengths = array("q"), array("q")     # the spooled documents, system by system
        for system in self.systems:
            tally = self.tallies[system]
            if self.spool is None:
                documents += [tally.documents[i] for i in sorted(tally.documents)]
            else:
                written = [o >= 0 for o in tally.offsets]
                offsets.extend(compress(tally.offsets, written))
                lengths.extend(compress(tally.lengths, written))
        self.notes += [note for note in self.spans.notes() if note not in self.notes]
        system_results = [system_result(system, self.tallies[system], self.metrics, self.statistics,
                                        self.per_document, self.models, self.unit) for system in self.systems]
        missing_score_notes(system_results, self.notes)
        seconds = {k: round(v, 6) for k, v in self.clock.seconds.items()}
        log.info("seconds per stage (summed over documents and workers): %s",
                 ", ".join(f"{k} {v:.3f}" for k, v in seconds.items()))
        if timings is not None:
            timings.update(seconds)
        corpus = self.corpus
        return RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(self.metrics),
                         tuple(documents) if self.spool is None else SpooledDocuments(self.spool, offsets, lengths),
                         tuple(system_results), library_versions(), tuple(self.notes),
                         segmentation=corpus.segmentation)
