"""The evaluation pipeline: the only module that knows the order of the stages.

Per document: segment -> align (source<->MT, source<->reference) -> score (sacreBLEU
sufficient statistics per aligned segment, giving segment and document scores) ->
flag (detectors). Per run: COMET per segment, corpus scores re-summed from the
documents' statistics, results. Every score records the unit it was computed over.
Where documents are scored (this process, a Dask cluster) is evalkit/engine.py's business.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import metadata
from itertools import compress
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from .alignment.rows import AlignedSegment, join_alignments
from .corpus import Corpus, Document
from .errors import MetricUnavailable, UsageError
from .flags import SEVERITIES, SEVERITY_WEIGHTS, Flag, mqm_penalty
from .metrics import DEFAULT_METRICS, METRICS, Metric, get_metric
from .metrics.base import Score
from .results import DocumentResult, DocumentSpool, RunResult, SpooledDocuments, SystemResult

log = logging.getLogger(__name__)

DOCUMENT_UNIT = "document"
SEGMENT_UNIT = "aligned-segments"
LINES_UNIT = "lines"                 # segments as given, one per line (corpus segmentation "lines")
# In every re-aligned run that computes chrF: what sacreBLEU's chrF does with the rows evalkit makes.
CHRF_INSERTIONS_NOTE = ("chrF/chrF++ follow sacreBLEU's definition: a row with an empty reference (an MT "
                        "insertion) adds no statistics, so inserted text does not lower chrF or chrF++; "
                        "BLEU and TER count it (as extra hypothesis words and as edits).")
UNITS = ("aligned", "document")
ENGINES = ("local", "dask")
STAGES = ("segment", "align", "metrics", "detectors", "comet", "reports")
# Documents scored together in one COMET call per system (the in-process engine); reports of a
# run with COMET are written per batch, of a run without as each document finishes.
COMET_DOCUMENTS_PER_CALL = 64
MAX_WORKERS = 256   # processes (or Dask workers) of one run


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
    # worker processes: local, a pool of that many (None: 1, in this process); dask, the size of
    # the local cluster when no scheduler is given (None: 2)
    workers: int | None = None
    # Keep every aligned segment in the RunResult? None: yes, unless `on_document` gets each
    # document first (the CLI), so that memory follows the largest document, not the corpus.
    keep_segments: bool | None = None
    # With `evaluate_corpus(..., reports_to=DIR)`: write each document's reports in the process
    # that scores it (a worker)? None: yes, unless the engine is a Dask cluster given by
    # `scheduler`, whose workers may not see DIR.
    reports_on_workers: bool | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise UsageError(f"unknown unit {self.unit!r}; use one of {', '.join(UNITS)}")
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}; use one of {', '.join(ENGINES)}")
        if self.comet_batch_size < 1:
            raise UsageError("COMET batch size must be at least 1")
        if self.workers is not None and not 1 <= self.workers <= MAX_WORKERS:
            # each worker is a process with its own interpreter and models: thousands exhaust the machine
            raise UsageError(f"workers must be from 1 to {MAX_WORKERS}, not {self.workers}")
        missing = set(SEVERITIES) - set(self.severity_weights)
        if missing:
            raise UsageError(f"severity weights miss {', '.join(sorted(missing))}")
        from .flags import weight_problem

        for severity, weight in sorted(self.severity_weights.items()):
            if weight_problem(severity, weight):
                raise UsageError(weight_problem(severity, weight))


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
    return _comet_from_spec(CometSpec(options.comet_model, options.comet_batch_size, options.gpus,
                                      options.cache, options.progress), target_lang)


def _unavailable(metric: str, signature: str, unit: str, reason: str) -> Score:
    return Score(metric, None, signature, unit, 0, error=reason)


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
class CometSpec:
    """How to build the COMET metric: picklable, so that Dask workers can build their own."""

    model: str
    batch_size: int = 16
    gpus: int | None = None
    cache: bool | str = True
    progress: bool = False


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
    per_document: tuple[str, ...] = ()        # other metrics (no statistics): scored per document here,
                                              # at corpus level on the pooled segments
    aligned: bool = True
    flags: bool = True
    detectors: tuple[str, ...] | None = None
    severity_weights: tuple[tuple[str, float], ...] = tuple(SEVERITY_WEIGHTS.items())
    comet: CometSpec | None = None            # COMET scored with the document (Dask workers)
    comet_needs_reference: bool = True
    reports: ReportSpec | None = None         # reports written where the document is scored
    segmentation: str = "sentences"           # "lines": every side is one segment per line, as given


@dataclass(frozen=True)
class DocumentOutcome:
    """One document scored for every system of the plan."""

    index: int
    results: tuple[DocumentResult, ...]       # in the plan's system order
    comet_values: tuple[tuple[float, ...], ...] = ()   # per system, when COMET was scored with it
    comet_errors: tuple[str | None, ...] = ()
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


def score_document(index: int, doc: Document, plan: DocumentPlan) -> DocumentOutcome:
    """Segment, align, score and flag one document for every system of `plan`.

    The unit of work of every engine: it depends on nothing but its arguments.
    """
    from .alignment.aligner import align_segments
    from .metrics.sacrebleu_metrics import extract_statistics, sum_statistics
    from .segment import segment

    clock = StageClock()
    src_lang, tgt_lang = plan.source_lang, plan.target_lang
    metrics = _statistic_metrics(plan.metrics, tgt_lang)
    others = _statistic_metrics(plan.per_document, tgt_lang) if plan.per_document else {}
    detectors = _detectors(plan.detectors) if plan.flags else None
    segmented = plan.aligned or plan.flags
    lines = plan.segmentation == "lines"
    src = ref = ref_links = None
    if lines:
        src, ref = _line_sides(doc)
    elif segmented:
        with clock.stage("segment"):
            src = segment(doc.source, src_lang)
            ref = segment(doc.reference, tgt_lang) if doc.reference is not None else None
        with clock.stage("align"):
            ref_links = align_segments(src, ref, src_lang=src_lang, tgt_lang=tgt_lang) if ref is not None else None
    weights = dict(plan.severity_weights)
    results = []
    for system in plan.systems:
        text = doc.hypotheses[system]
        rows: tuple[AlignedSegment, ...] = ()
        hyp_segments = mt_links = None
        if lines:
            hyp_segments, mt_links = _line_hypothesis(doc, system, src, ref)
            rows = tuple(join_alignments(src, hyp_segments, mt_links, ref, mt_links if ref is not None else None))
        elif segmented:
            with clock.stage("segment"):
                hyp_segments = segment(text, tgt_lang)
            with clock.stage("align"):
                mt_links = align_segments(src, hyp_segments, src_lang=src_lang, tgt_lang=tgt_lang)
                rows = tuple(join_alignments(src, hyp_segments, mt_links, ref, ref_links))
        with clock.stage("metrics"):
            if plan.aligned:
                hyps, refs, srcs = [r.hypothesis for r in rows], [r.reference for r in rows], [r.source for r in rows]
                unit = LINES_UNIT if lines else SEGMENT_UNIT
            else:
                hyps, refs, srcs = [_flatten(text)], [_flatten(doc.reference)], [_flatten(doc.source)]
                unit = DOCUMENT_UNIT
            scores: dict[str, Score] = {}
            segment_scores: dict[str, list[float | None]] = {}
            statistics: dict[str, list] = {}
            per_segment = extract_statistics(metrics, hyps, refs)
            for name in (*plan.metrics, *plan.per_document):
                if name in metrics:
                    metric = metrics[name]
                    totals = sum_statistics(per_segment[name])
                    scores[name] = metric.score_from_totals(totals, unit=unit, n=len(hyps))
                    statistics[name] = totals
                    if plan.aligned:
                        segment_scores[name] = [
                            metric.segment_score_from_statistics(stats)
                            if row.hypothesis_spans and row.reference_spans else None
                            for stats, row in zip(per_segment[name], rows)]
                else:
                    metric = others[name]
                    scores[name] = metric.corpus_score(hyps, refs, srcs, unit=unit)
                    if plan.aligned:
                        segment_scores[name] = [
                            s if row.hypothesis_spans and row.reference_spans else None
                            for s, row in zip(metric.segment_scores(hyps, refs, srcs), rows)]
        flags: tuple[Flag, ...] | None = None
        if detectors is not None:
            from .detectors import DetectionInput, run_detectors

            with clock.stage("detectors"):
                flags = tuple(run_detectors(DetectionInput(
                    hypothesis=text, src_lang=src_lang, tgt_lang=tgt_lang, source=doc.source,
                    reference=doc.reference, hypothesis_segments=hyp_segments, source_segments=src,
                    alignment=mt_links, doc_id=doc.id, system=system), detectors))
        words = {"source": len(doc.source.split()), "hypothesis": len(text.split()),
                 "reference": len(doc.reference.split()) if doc.reference is not None else 0}
        mqm = mqm_penalty(flags, words["hypothesis"], weights) if flags is not None else None
        results.append(DocumentResult(plan.corpus, system, doc.id, doc.title, src_lang, tgt_lang, scores, words,
                                      rows, segment_scores, flags, mqm, statistics))
    values: tuple[tuple[float, ...], ...] = ()
    errors: tuple[str | None, ...] = ()
    reported = False
    if plan.comet is not None:
        with clock.stage("comet"):
            metric = _worker_comet(plan.comet, tgt_lang)
            scored = []
            for k, system in enumerate(plan.systems):
                with _COMET_LOCK:
                    done, system_values, error = _comet_batch(metric, [results[k]], [doc], system, plan.aligned,
                                                              plan.comet_needs_reference, None, lines=lines)
                results[k] = done[0]
                scored.append((tuple(system_values), error))
            values = tuple(v for v, _ in scored)
            errors = tuple(e for _, e in scored)
    rows = tuple(len(result.segments) for result in results)
    if plan.reports is not None:
        # Written here, so that the host receives a light result: on a pool or a cluster the
        # rendering is spread over the workers instead of queueing in the host.
        from .report import write_document_reports

        with clock.stage("reports"):
            for k, result in enumerate(results):
                write_document_reports(plan.reports.shell, result, Path(plan.reports.root))
                if not plan.reports.keep_segments:
                    results[k] = replace(result, segments=(), segment_scores={})
        reported = True
    return DocumentOutcome(index, tuple(results), values, errors, clock.seconds, reported, rows)


def _line_sides(doc: Document) -> tuple[list, list | None]:
    from .lines import check_line_counts, line_segments

    src = line_segments(doc.source)
    ref = line_segments(doc.reference) if doc.reference is not None else None
    if ref is not None:
        check_line_counts({"source": len(src), "reference": len(ref)}, doc.id)
    return src, ref


def _line_hypothesis(doc: Document, system: str, src: list, ref: list | None) -> tuple[list, list]:
    """A system's lines and their 1-1 links to the source lines (counts checked)."""
    from .lines import check_line_counts, line_segments, one_to_one

    hyp = line_segments(doc.hypotheses[system])
    check_line_counts({"source": len(src), f"system {system}": len(hyp)}, doc.id)
    return hyp, one_to_one(len(hyp))


# --- COMET -----------------------------------------------------------------------------------

_COMET_LOCK = threading.Lock()   # one model per process, shared by the threads of a worker


def _comet_from_spec(spec: CometSpec, target_lang: str) -> Metric:
    from .cache import ScoreCache

    cache: Any = None
    if spec.cache is True:
        cache = "default"
    elif spec.cache:
        cache = ScoreCache(spec.cache)
    return get_metric("comet", model=spec.model, batch_size=spec.batch_size, gpus=spec.gpus, cache=cache,
                      progress=spec.progress, target_lang=target_lang)


@functools.lru_cache(maxsize=4)
def _worker_comet(spec: CometSpec, target_lang: str) -> Metric:
    """The COMET metric of this process (a Dask worker): the model is loaded once, on first use."""
    return _comet_from_spec(spec, target_lang)


def _comet_batch(metric: Metric, docs: Sequence[DocumentResult], documents: Sequence[Document], system: str,
                 aligned: bool, needs_reference: bool, unavailable: str | None, *, lines: bool = False,
                 ) -> tuple[list[DocumentResult], list[float], str | None]:
    """COMET over every scorable segment of some documents of one system, in one batched call.

    A segment is scorable when it has MT and source text (and reference text if the model
    needs one); insertions and omissions get no COMET score. A document's figure is the mean
    of its segment scores. Returns the documents with COMET added, the segment scores in
    document and segment order, and why COMET could not be computed (None if it was).
    """
    unit = (LINES_UNIT if lines else SEGMENT_UNIT) if aligned else DOCUMENT_UNIT
    try:
        signature = metric.signature()
    except MetricUnavailable as exc:
        unavailable, signature = unavailable or str(exc), f"comet|model:{getattr(metric, 'model', '?')}"
    if unavailable:
        score = _unavailable("comet", signature, unit, unavailable)
        return [replace(d, scores={**d.scores, "comet": score}) for d in docs], [], unavailable
    items: list[tuple[int, int, str, str, str | None]] = []
    for d_index, (d, doc) in enumerate(zip(docs, documents)):
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
        return [replace(d, scores={**d.scores, "comet": score}) for d in docs], [], str(exc)
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
    return out, list(values), None


# --- the run ---------------------------------------------------------------------------------

@dataclass
class _SystemTally:
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
    comet_values: dict[int, array] = field(default_factory=dict)
    comet_error: str | None = None
    pooled: dict[str, list[str]] = field(default_factory=lambda: {"hyp": [], "ref": [], "src": []})


def evaluate_corpus(corpus: Corpus, options: RunOptions = RunOptions(),
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
    stage (summed over workers).
    """
    from .engine import make_engine
    from .metrics.sacrebleu_metrics import sum_statistics

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
    lines = corpus.segmentation == "lines"
    unit = (LINES_UNIT if lines else SEGMENT_UNIT) if aligned else DOCUMENT_UNIT
    if aligned and not lines and {"chrf", "chrf++"} & set(metrics):
        notes.append(CHRF_INSERTIONS_NOTE)
    comet = metrics.get("comet")
    comet_on_workers = comet is not None and options.engine == "dask" and "comet" not in unavailable
    plan = DocumentPlan(
        corpus=corpus.name, source_lang=corpus.source_lang, target_lang=corpus.target_lang, systems=tuple(systems),
        metrics=tuple(n for n, m in metrics.items() if n != "comet" and hasattr(m, "score_from_totals")),
        per_document=tuple(n for n, m in metrics.items() if n != "comet" and not hasattr(m, "score_from_totals")),
        aligned=aligned, flags=options.flags, detectors=options.detectors,
        severity_weights=tuple(options.severity_weights.items()),
        comet=CometSpec(options.comet_model, options.comet_batch_size, options.gpus, options.cache)
        if comet_on_workers else None,
        comet_needs_reference=bool(comet.needs_reference) if comet_on_workers else True,
        segmentation=corpus.segmentation)
    streaming = on_document is not None or reports_to is not None
    keep = options.keep_segments if options.keep_segments is not None else not streaming
    # A run that hands each document to `on_document` and keeps no segments streams: the light
    # results go to a temporary file, read back for the summaries (results.DocumentSpool).
    spool = DocumentSpool() if not keep else None
    n_docs = len(corpus.documents)
    clock = StageClock()
    shell = RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(metrics), (), (),
                      library_versions(), tuple(notes), segmentation=corpus.segmentation)
    tallies = {s: _SystemTally(totals=dict.fromkeys(plan.metrics)) for s in systems}
    for s in systems:
        tallies[s].comet_error = unavailable.get("comet")
        if spool is not None:
            tallies[s].offsets = array("q", [-1]) * n_docs
            tallies[s].lengths = array("q", [0]) * n_docs
        if options.flags:
            tallies[s].flag_counts = {}
            tallies[s].mqm_penalty = array("d", [0.0]) * n_docs

    root: Path | None = None
    if reports_to is not None:
        from .report import output_root, write_document_reports

        root = output_root(shell, reports_to)
        on_workers = options.reports_on_workers if options.reports_on_workers is not None else \
            not (options.engine == "dask" and options.scheduler)
        # COMET in this process comes after scoring, and metrics without statistics pool the
        # segments here: then the reports are written here, after them.
        if on_workers and (comet is None or comet_on_workers) and not plan.per_document:
            plan = replace(plan, reports=ReportSpec(str(root), shell, keep_segments=keep))

    def finish(index: int, result: DocumentResult, reported: bool, rows: int) -> None:
        tally = tallies[result.system]
        for name in plan.metrics:
            tally.totals[name] = sum_statistics([result.statistics[name]], tally.totals[name]) \
                if result.statistics.get(name) is not None else tally.totals[name]
        tally.segments += rows if aligned else 1
        tally.done += 1
        if tally.flag_counts is not None:
            for f in result.flags or ():
                tally.flag_counts[f.category] = tally.flag_counts.get(f.category, 0) + 1
            if result.mqm:
                tally.mqm_words += result.mqm.words
                tally.mqm_penalty[index] = result.mqm.penalty
        if plan.per_document:
            doc = corpus.documents[index]
            if aligned:
                tally.pooled["hyp"] += [r.hypothesis for r in result.segments]
                tally.pooled["ref"] += [r.reference for r in result.segments]
                tally.pooled["src"] += [r.source for r in result.segments]
            else:
                tally.pooled["hyp"].append(_flatten(doc.hypotheses[result.system]))
                tally.pooled["ref"].append(_flatten(doc.reference))
                tally.pooled["src"].append(_flatten(doc.source))
        if root is not None and not reported:
            with clock.stage("reports"):
                write_document_reports(shell, result, root)
        if on_document is not None:
            with clock.stage("reports"):
                on_document(shell, result)
        if spool is None:
            tally.documents[index] = result
        else:
            tally.offsets[index], tally.lengths[index] = spool.put(replace(result, segments=(), segment_scores={}))

    pending: list[DocumentOutcome] = []

    def flush() -> None:
        # COMET in this process: one call per system over a batch of documents.
        if not pending:
            return
        outcomes = sorted(pending, key=lambda o: o.index)
        pending.clear()
        batches = [list(o.results) for o in outcomes]
        if comet is not None and not comet_on_workers:
            with clock.stage("comet"):
                for k, system in enumerate(systems):
                    tally = tallies[system]
                    done, values, error = _comet_batch(
                        comet, [b[k] for b in batches], [corpus.documents[o.index] for o in outcomes], system,
                        aligned, bool(comet.needs_reference) if tally.comet_error is None else True,
                        tally.comet_error, lines=lines)
                    tally.comet_error = tally.comet_error or error
                    for b, result in zip(batches, done):
                        b[k] = result
                    tally.comet_values[outcomes[0].index] = array("d", values)
        for outcome, results in zip(outcomes, batches):
            for result, rows in zip(results, outcome.rows, strict=True):
                finish(outcome.index, result, outcome.reported, rows)

    batch = COMET_DOCUMENTS_PER_CALL if comet is not None and not comet_on_workers else 1
    with make_engine(options) as engine:
        for outcome in engine.map(score_document, corpus.documents, plan):
            clock.add(outcome.seconds)
            if comet_on_workers:
                for k, system in enumerate(systems):
                    tallies[system].comet_values[outcome.index] = array("d", outcome.comet_values[k])
                    tallies[system].comet_error = tallies[system].comet_error or outcome.comet_errors[k]
            pending.append(outcome)
            if len(pending) >= batch:
                flush()
        flush()

    documents: list[DocumentResult] = []
    offsets, lengths = array("q"), array("q")     # the spooled documents, system by system
    system_results: list[SystemResult] = []
    for system in systems:
        tally = tallies[system]
        if spool is None:
            documents += [tally.documents[i] for i in sorted(tally.documents)]
        else:
            written = [o >= 0 for o in tally.offsets]
            offsets.extend(compress(tally.offsets, written))
            lengths.extend(compress(tally.lengths, written))
        corpus_scores: dict[str, Score] = {}
        for name in (*plan.metrics, *plan.per_document):
            if name in plan.metrics:
                corpus_scores[name] = metrics[name].score_from_totals(tally.totals[name], unit=unit, n=tally.segments)
            else:
                corpus_scores[name] = metrics[name].corpus_score(tally.pooled["hyp"], tally.pooled["ref"],
                                                                 tally.pooled["src"], unit=unit)
        if comet is not None:
            corpus_scores["comet"] = _comet_corpus_score(comet, tally, unit)
        flag_counts, mqm_100 = tally.flag_counts, None
        if flag_counts is not None:
            # summed in corpus order, whatever order the documents finished in
            words = tally.mqm_words
            mqm_100 = 100.0 * sum(tally.mqm_penalty) / words if words else 0.0
        system_results.append(SystemResult(system, corpus_scores, tally.done,
                                           dict(sorted(flag_counts.items())) if flag_counts is not None else None,
                                           mqm_100))
    for system_result in system_results:
        for name, score in system_result.scores.items():
            note = f"{name.upper()} not computed: {score.error}"
            if score.value is None and score.error and note not in notes:
                notes.append(note)
    seconds = {k: round(v, 6) for k, v in clock.seconds.items()}
    log.info("seconds per stage (summed over documents and workers): %s",
             ", ".join(f"{k} {v:.3f}" for k, v in seconds.items()))
    if timings is not None:
        timings.update(seconds)
    return RunResult(corpus.name, corpus.source_lang, corpus.target_lang, tuple(metrics),
                     tuple(documents) if spool is None else SpooledDocuments(spool, offsets, lengths),
                     tuple(system_results), library_versions(), tuple(notes), segmentation=corpus.segmentation)


def _comet_corpus_score(metric: Metric, tally: _SystemTally, unit: str) -> Score:
    """The mean of every scored segment, in document order (as one batched call would sum them)."""
    try:
        signature = metric.signature()
    except MetricUnavailable:
        signature = f"comet|model:{getattr(metric, 'model', '?')}"
    if tally.comet_error:
        return _unavailable("comet", signature, unit, tally.comet_error)
    values = [v for i in sorted(tally.comet_values) for v in tally.comet_values[i]]
    return Score("comet", sum(values) / len(values) if values else None, signature, unit, len(values),
                 error=None if values else "no scorable segment")
