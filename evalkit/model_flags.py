"""Model detectors in a run (detectors/model.py `ModelDetector`): built from RunOptions, run in this
process over batches of documents, their spans merged with each document's rule flags.

A document's rule flags come from where it was scored (a worker); `SpanBatcher.flag` adds the model
detectors' flags to the documents of one batch, in one model call per system, and recomputes their
MQM penalty, before the documents are tallied and reported. A model that cannot be had is reported
once in the run's notes, and the run goes on with the rule flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .errors import MetricUnavailable, UsageError
from .flags import mqm_penalty

if TYPE_CHECKING:
    from .corpus import Document
    from .detectors.model import ModelDetector, RowsInput
    from .flags import Flag
    from .options import RunOptions
    from .results import DocumentResult


def model_detectors(names: Sequence[str], options: RunOptions) -> dict[str, ModelDetector]:
    """The run's model detectors by name, with the span model and the shared model settings."""
    from .cache import ScoreCache
    from .detectors import DETECTORS

    cache: Any = "default" if options.cache is True else ScoreCache(options.cache) if options.cache else None
    settings: dict[str, Any] = {"gpus": options.gpus, "cache": cache, "progress": options.progress}
    if options.span_model is not None:
        settings["model"] = options.span_model
    if options.span_batch_size is not None:
        settings["batch_size"] = options.span_batch_size
    return {name: DETECTORS.get(name)(**settings) for name in names}


def check_span_options(model_names: Sequence[str], options: RunOptions) -> None:
    """--span-model and --span-view mean something only with a model detector."""
    if model_names or not options.flags:
        return
    for given, what in ((options.span_model is not None, "a span model"),
                        (options.span_view != "merged", f"span view {options.span_view!r}"),
                        (options.span_batch_size is not None, "a span batch size")):
        if given:
            raise UsageError(f"{what} was given but no model detector is chosen; add one to the detectors "
                             "(e.g. --detectors untranslated,names,xcomet)")


class SpanBatcher:
    """The model detectors of a run and what they had to say (the run's notes)."""

    def __init__(self, detectors: dict[str, ModelDetector], view: str, weights: dict[str, float]):
        self.detectors = dict(detectors)   # those still in use
        self.chosen = dict(detectors)
        self.view, self.weights = view, weights
        self.unavailable: dict[str, str] = {}

    def check(self) -> None:
        """Drop the detectors whose model cannot be had here, keeping the reason (said once)."""
        for name, detector in list(self.detectors.items()):
            try:
                detector.check()
            except MetricUnavailable as exc:
                self.unavailable[name] = str(exc)
                del self.detectors[name]

    def flag(self, batches: list[list[DocumentResult]], documents: Sequence[Document], systems: Sequence[str]) -> None:
        """Every model detector over the documents of one batch (per document, its results in system
        order), their flags merged with the rule flags, in place."""
        if not self.detectors:
            return
        from .detectors.model import RowsInput, merge_flags

        for k, system in enumerate(systems):
            results = [b[k] for b in batches]
            found = self.spans([RowsInput(doc.hypotheses[system], r.segments, r.doc_id, system)
                                for r, doc in zip(results, documents, strict=True)])
            if not self.detectors:
                continue   # the model failed on its first batch: the rule flags stay (the notes say why)
            for b, result, model_flags in zip(batches, results, found, strict=True):
                if result.flags is None:
                    continue
                flags = tuple(merge_flags(result.flags, model_flags, self.view))
                mqm = mqm_penalty(flags, result.words["hypothesis"], self.weights)
                b[k] = replace(result, flags=flags, mqm=mqm)

    def spans(self, inputs: Sequence[RowsInput]) -> list[list[Flag]]:
        """Every model detector's flags per document (none from a model that fails: it is dropped)."""
        found: list[list[Flag]] = [[] for _ in inputs]
        for name, detector in list(self.detectors.items()):
            try:
                for d, flags in enumerate(detector.detect_rows(inputs)):
                    found[d] += flags
            except MetricUnavailable as exc:
                self.unavailable[name] = str(exc)
                del self.detectors[name]
        return found

    def notes(self) -> list[str]:
        out = [f"{name.upper()} not computed: {reason}" for name, reason in self.unavailable.items()]
        if self.unavailable and self.view == "neural":
            out.append("span view 'neural' asked for, but no span model could be had: the rule flags are shown")
        for name, detector in self.chosen.items():
            out += [f"{name.upper()}: {n} {note}" for note, n in sorted(detector.notes.items())]
        return out
