"""Detector scorecard: span-level precision, recall and F1 per category against gold.

Two matchings, as in span-annotation evaluation: *exact* (same category, same
start and end) and *overlap* (same category, at least one character shared).
Precision counts predicted spans that match a gold span; recall counts gold
spans matched by a prediction. Where a corpus has `gold/negatives/<doc>.jsonl`
(spans that look like errors and are not: real outlets, loanwords, names), the
scorecard also counts the negatives that any flag overlaps. A document listed
with `source: hidden` in corpus.yaml is scored on its MT text alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    doc_id: str
    category: str
    start: int
    end: int


@dataclass(frozen=True)
class CategoryScore:
    category: str
    gold: int
    predicted: int
    exact_tp_pred: int
    exact_tp_gold: int
    overlap_tp_pred: int
    overlap_tp_gold: int

    @staticmethod
    def _prf(tp_pred: int, tp_gold: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = tp_pred / predicted if predicted else 0.0
        r = tp_gold / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def exact(self) -> tuple[float, float, float]:
        return self._prf(self.exact_tp_pred, self.exact_tp_gold, self.predicted, self.gold)

    @property
    def overlap(self) -> tuple[float, float, float]:
        return self._prf(self.overlap_tp_pred, self.overlap_tp_gold, self.predicted, self.gold)

    def to_dict(self) -> dict:
        (ep, er, ef), (op, orr, of) = self.exact, self.overlap
        return {"category": self.category, "gold": self.gold, "predicted": self.predicted,
                "exact": {"precision": round(ep, 4), "recall": round(er, 4), "f1": round(ef, 4)},
                "overlap": {"precision": round(op, 4), "recall": round(orr, 4), "f1": round(of, 4)}}


def _overlaps(a: Span, b: Span) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def score_spans(gold: Iterable[Span], predicted: Iterable[Span],
                categories: Sequence[str] | None = None) -> list[CategoryScore]:
    """Per-category scores, plus a final "(all)" row micro-averaged over those categories."""
    gold, predicted = list(gold), list(predicted)
    names = list(categories) if categories is not None else sorted({s.category for s in gold + predicted})
    rows = []
    totals = [0] * 6
    for category in names:
        g = [s for s in gold if s.category == category]
        p = [s for s in predicted if s.category == category]
        gold_exact = {(s.doc_id, s.start, s.end) for s in g}
        pred_exact = {(s.doc_id, s.start, s.end) for s in p}
        counts = (
            len(g), len(p),
            sum(1 for s in p if (s.doc_id, s.start, s.end) in gold_exact),
            sum(1 for s in g if (s.doc_id, s.start, s.end) in pred_exact),
            sum(1 for s in p if any(_overlaps(s, t) for t in g)),
            sum(1 for s in g if any(_overlaps(s, t) for t in p)),
        )
        totals = [t + c for t, c in zip(totals, counts)]
        rows.append(CategoryScore(category, *counts))
    rows.append(CategoryScore("(all)", *totals))
    return rows


def format_scorecard(rows: Sequence[CategoryScore]) -> str:
    header = f"{'category':40} {'gold':>5} {'pred':>5}  {'exact P':>7} {'R':>5} {'F1':>5}  " \
             f"{'overlap P':>9} {'R':>5} {'F1':>5}"
    lines = [header, "-" * len(header)]
    for row in rows:
        (ep, er, ef), (op, orr, of) = row.exact, row.overlap
        lines.append(f"{row.category:40} {row.gold:>5} {row.predicted:>5}  {ep:>7.2f} {er:>5.2f} {ef:>5.2f}  "
                     f"{op:>9.2f} {orr:>5.2f} {of:>5.2f}")
    return "\n".join(lines)


def gold_spans(corpus_dir, system: str) -> list[Span]:
    """Gold error spans of one system, from `gold/errors/*.jsonl`."""
    from pathlib import Path

    from ..errors import InputError
    from ..gold import load_errors

    spans = []
    for path in sorted((Path(corpus_dir) / "gold" / "errors").glob("*.jsonl")):
        errors, problems = load_errors(path)
        if problems:  # a scorecard against broken gold would be silently wrong
            first = problems[0]
            raise InputError(path, (f"line {first.line}: " if first.line else "") + first.message
                             + " (run `evalkit validate`)")
        spans += [Span(e.doc_id, e.category, e.start, e.end) for e in errors if e.system == system]
    return spans


def detection_inputs(corpus, system: str) -> list:
    """One DetectionInput per document: raw texts, segments and the source<->MT alignment."""
    from .base import prepare_input

    return [prepare_input(doc.hypotheses[system], corpus.source_lang, corpus.target_lang, source=doc.source,
                          reference=doc.reference, doc_id=doc.id, system=system)
            for doc in corpus.documents]


@dataclass(frozen=True)
class Negative:
    """A gold negative: a span of the MT that no detector should flag."""

    doc_id: str
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Scorecard:
    """Per-category rows, the corpus's negatives and those a flag overlaps (with its categories), and
    the gold and predicted spans scored (for breakdowns by document)."""

    rows: list[CategoryScore]
    negatives: list[Negative]
    flagged: list[tuple[Negative, tuple[str, ...]]]
    gold: list[Span]
    predicted: list[Span]
    categories: list[str]
    notes: tuple[str, ...] = ()   # what model detectors could not do (detectors/model.py)


NEGATIVE_FIELDS = {"doc_id": str, "system": str, "kind": str, "start": int, "end": int, "text": str}


def negative_spans(corpus_dir, system: str) -> list[Negative]:
    """Gold negatives of one system, from `gold/negatives/*.jsonl` (none when the folder is absent)."""
    from pathlib import Path

    from ..errors import InputError
    from ..gold import _check_fields, read_jsonl

    negatives = []
    for path in sorted((Path(corpus_dir) / "gold" / "negatives").glob("*.jsonl")):
        records, problems = read_jsonl(path)
        for line, obj in records:
            problems += _check_fields(obj, NEGATIVE_FIELDS, path, line)
        if problems:
            first = problems[0]
            raise InputError(path, (f"line {first.line}: " if first.line else "") + first.message)
        negatives += [Negative(o["doc_id"], o["kind"], o["start"], o["end"], o["text"])
                      for _, o in records if o["system"] == system]
    return negatives


def hidden_sources(corpus) -> set[str]:
    """Documents that corpus.yaml marks `source: hidden`: the detectors see their MT alone."""
    entries = corpus.manifest.get("documents") or []
    return {e["id"] for e in entries if isinstance(e, dict) and e.get("source") == "hidden"}


def score_corpus(corpus_dir, system: str, detector_names: Sequence[str] | None = None, *,
                 with_source: bool = True, span_options=None) -> Scorecard:
    """Run the detectors on every document of `system`; score them against its gold and negatives.

    Model detectors (xcomet) read every document in one batch, with `span_options` (a RunOptions:
    span model, view, cache, GPUs); with them the card ends with an `(any category)` row, where a
    span matches gold of any category (a span model locates errors without typing them)."""
    from dataclasses import replace

    from ..corpus import load_corpus
    from . import make_detectors, run_detectors
    from .model import split_kinds

    corpus = load_corpus(corpus_dir)
    hidden = hidden_sources(corpus)
    rules, models = split_kinds(detector_names)
    detectors = make_detectors(rules)
    docs, flags = [], []
    for doc in detection_inputs(corpus, system):
        if not with_source or doc.doc_id in hidden:
            doc = replace(doc, source=None, reference=None, source_segments=None, alignment=None)
        docs.append(doc)
        flags.append(run_detectors(doc, detectors))
    notes: list[str] = []
    if models:
        flags, notes, used = _with_model_spans(docs, flags, models, span_options)
        detectors += used
    predicted = [Span(doc.doc_id, f.category, f.start, f.end) for doc, found in zip(docs, flags) for f in found]
    claimed = sorted({c for d in detectors for c in d.categories})
    gold = gold_spans(corpus_dir, system)
    rows = score_spans(gold, predicted, claimed)
    if models:
        rows.append(score_spans([replace(s, category=ANY) for s in gold], [replace(s, category=ANY)
                                                                           for s in predicted], [ANY])[0])
    negatives = negative_spans(corpus_dir, system)
    flagged = []
    for n in negatives:
        over = sorted({p.category for p in predicted
                       if p.doc_id == n.doc_id and p.start < n.end and n.start < p.end})
        if over:
            flagged.append((n, tuple(over)))
    return Scorecard(rows, negatives, flagged, gold, predicted, claimed, tuple(notes))


ANY = "(any category)"


def _with_model_spans(docs: list, flags: list[list], models: Sequence[str], span_options):
    """The rule flags with the model detectors' spans merged in, the run's notes, and the detectors."""
    from ..model_flags import SpanBatcher, model_detectors
    from ..options import RunOptions
    from .model import merge_flags, rows_input

    options = span_options if span_options is not None else RunOptions()
    spans = SpanBatcher(model_detectors(models, options), options.span_view, {})
    spans.check()
    found = spans.spans([rows_input(doc) for doc in docs]) if spans.detectors else [[] for _ in docs]
    merged = [merge_flags(rules, model, options.span_view) if spans.detectors else rules
              for rules, model in zip(flags, found)]
    return merged, spans.notes(), list(spans.chosen.values())


def evaluate_detectors(corpus_dir, system: str, detector_names: Sequence[str] | None = None, *,
                       with_source: bool = True) -> list[CategoryScore]:
    """Run the detectors on every document of `system` and score them against its gold.

    Rows cover the categories the chosen detectors claim, then "(all)". With
    `with_source=False` the detectors see the MT text alone (as they do for
    documents marked `source: hidden`).
    """
    return score_corpus(corpus_dir, system, detector_names, with_source=with_source).rows


def format_negatives(card: Scorecard) -> str:
    """One summary line, then one line per flagged negative."""
    lines = [f"negatives flagged: {len(card.flagged)} of {len(card.negatives)}"]
    lines += [f"  {n.doc_id}:{n.start}-{n.end} {n.kind} {n.text!r} <- {', '.join(cats)}"
              for n, cats in card.flagged]
    return "\n".join(lines)
