"""The `xcomet` detector: error spans predicted by xCOMET (Unbabel's explainable COMET), as Flags.

The model reads each aligned row (source, MT, reference where there is one) and returns MQM-style
spans with a severity and a confidence; each span is placed on the raw MT text. Loading, the hub,
offline use and the signature are COMET's (metrics/comet.py); predictions go through the score cache.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, MetricUnavailable, UsageError
from ..flags import SEVERITIES, Flag
from ..metrics.base import DEFAULT_BATCH_SIZE
from ..metrics.comet import COMET, _first_line, _quiet
from .model import ModelDetector, RowOffsets, RowsInput

logger = logging.getLogger(__name__)

DEFAULT_SPAN_MODEL = "Unbabel/XCOMET-XL"
CATEGORY = "accuracy/unspecified"   # xCOMET locates errors and grades them; it does not type them
SPAN_MODELS = ("xcomet_metric", "unified_metric")   # class_identifier of models that predict spans
# Tokens the model's decoded span text may hold that are not in the MT text.
_SPECIAL = re.compile(r"<s>|</s>|<pad>|<mask>")
_UNK = "<unk>"
NEAR = 64   # characters around the model's offsets where its span text is looked for again

NOTE_NOT_FOUND = "predicted span(s) dropped: their text is not at or near their offsets in the MT"
NOTE_EMPTY = "predicted span(s) dropped: they cover no MT text (spaces or special tokens only)"
NOTE_SEVERITY = "predicted span(s) dropped: a severity that is not minor, major or critical"
NOTE_NO_INPUT = "MT row(s) not read: no source or reference text to read them with (insertions)"


class SpanModel(COMET):
    """An xCOMET checkpoint as COMET loads it, asked for its error spans (and its segment score)."""

    name = "xcomet"
    states_kind = False   # rows are read with their reference where they have one, without it where not

    def __init__(self, model: str | Path = DEFAULT_SPAN_MODEL, *, threshold: float | None = None, **shared: Any):
        if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))
                                      or not 0.0 < threshold < 1.0):
            raise UsageError(f"xcomet: threshold must be a number between 0 and 1, not {threshold!r}")
        super().__init__(model, **shared)
        self.threshold = threshold

    def signature(self) -> str:
        """COMET's signature under the name `xcomet`, with the span decoding threshold when one is set."""
        base = super().signature()
        return base if self.threshold is None else f"{base}|threshold:{self.threshold:g}"

    def check(self) -> None:
        """The checkpoint is there and predicts error spans (MetricUnavailable / InputError if not)."""
        checkpoint = self._resolve()
        hparams = self._hparams or {}
        kind = hparams.get("class_identifier")
        if kind not in SPAN_MODELS or (kind == "unified_metric" and not hparams.get("word_level_training")):
            reason = f"model class {kind!r} predicts no error spans (an xCOMET model does)"
            if self._local is not None:
                raise InputError(checkpoint, reason)
            raise MetricUnavailable(f"xCOMET model '{self.model}': {reason}")

    def uses(self) -> tuple[bool, bool]:
        """Whether the model reads the source, and the reference."""
        segments = (self._hparams or {}).get("input_segments", ["mt", "src", "ref"])
        return "src" in segments, "ref" in segments

    def predict_records(self, keys: list[tuple[str, str | None, str | None]]) -> list[dict[str, Any]]:
        """{"score", "spans": [{text, start, end, severity, confidence}]} per (MT, source, reference).

        Rows with and without a reference are predicted apart: COMET batches samples of one shape.
        """
        model = self._load()
        if self.threshold is not None:
            model.set_decoding_threshold(self.threshold)
        out: list[dict[str, Any] | None] = [None] * len(keys)
        shapes: dict[tuple[bool, bool], list[int]] = {}
        for k, (_, source, reference) in enumerate(keys):
            shapes.setdefault((source is not None, reference is not None), []).append(k)
        device = self._device()
        for indexes in shapes.values():
            samples = [_sample(*keys[k]) for k in indexes]
            for k, record in zip(indexes, self._predict_samples(model, samples, device), strict=True):
                out[k] = record
        return out  # type: ignore[return-value]

    def _predict_samples(self, model, samples: list[dict[str, str]], device: int) -> list[dict[str, Any]]:
        try:
            with _quiet(not self.progress):
                prediction = model.predict(samples, batch_size=self.batch_size, gpus=device,
                                           progress_bar=self.progress)
        except RuntimeError as exc:  # e.g. CUDA out of memory
            raise MetricUnavailable(f"xCOMET model '{self.model}' failed while predicting (batch_size="
                                    f"{self.batch_size}, gpus={device}): {_first_line(exc)}") from None
        metadata = prediction.get("metadata") or {}
        spans = metadata.get("error_spans") if hasattr(metadata, "get") else None
        if spans is None or len(spans) != len(samples):
            raise MetricUnavailable(f"xCOMET model '{self.model}' returned no error spans")
        return [{"score": float(score), "spans": [_plain(span) for span in found]}
                for score, found in zip(prediction.scores, spans, strict=True)]


def _sample(hypothesis: str, source: str | None, reference: str | None) -> dict[str, str]:
    sample = {"mt": hypothesis}
    if source is not None:
        sample["src"] = source
    if reference is not None:
        sample["ref"] = reference
    return sample


def _plain(span: dict[str, Any]) -> dict[str, Any]:
    """A span as JSON keeps it (torch numbers made Python numbers)."""
    confidence = float(span.get("confidence", 0.0))
    return {"text": str(span.get("text", "")), "start": int(span.get("start", 0)), "end": int(span.get("end", 0)),
            "severity": str(span.get("severity", "")), "confidence": confidence if math.isfinite(confidence) else 0.0}


class XCOMETDetector(ModelDetector):
    """Each xCOMET error span -> a Flag on the raw MT text (category `accuracy/unspecified`)."""

    name = "xcomet"
    categories = (CATEGORY,)

    def __init__(self, model: str | Path | None = None, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 gpus: int | None = None, cache: Any = "default", progress: bool = False,
                 threshold: float | None = None):
        super().__init__()
        self.model = SpanModel(model or DEFAULT_SPAN_MODEL, batch_size=batch_size, gpus=gpus, cache=cache,
                               progress=progress, threshold=threshold)

    def signature(self) -> str:
        return self.model.signature()

    def check(self) -> None:
        self.model.check()

    def detect_rows(self, documents: Sequence[RowsInput]) -> list[list[Flag]]:
        self.check()
        uses_source, uses_reference = self.model.uses()
        items: list[tuple[int, Any, tuple[str, str | None, str | None]]] = []
        for d, doc in enumerate(documents):
            for row in doc.rows:
                if not row.hypothesis_spans:
                    continue
                source = row.source if uses_source and row.source_spans else None
                reference = row.reference if uses_reference and row.reference_spans else None
                if source is None and reference is None:
                    self.count(NOTE_NO_INPUT)
                    continue
                items.append((d, row, (row.hypothesis, source, reference)))
        records = self._records([key for _, _, key in items])
        flags: list[list[Flag]] = [[] for _ in documents]
        signature = self.signature()
        for (d, row, _), record in zip(items, records, strict=True):
            doc = documents[d]
            flags[d] += self._flags(doc, row, record["spans"], signature)
        return flags

    def _records(self, keys: list[tuple[str, str | None, str | None]]) -> list[dict[str, Any]]:
        """Predictions per key: from the cache where it has them, the rest from the model (each once)."""
        if not keys:
            return []
        cache, namespace = self.model.cache, self.signature()
        found = cache.get_records(namespace, keys) if cache is not None else [None] * len(keys)
        todo = list(dict.fromkeys(key for key, value in zip(keys, found, strict=True) if not _valid(value)))
        if todo:
            new = self.model.predict_records(todo)
            if cache is not None:
                cache.put_records(namespace, todo, new)
            scored = dict(zip(todo, new, strict=True))
            found = [value if _valid(value) else scored[key] for key, value in zip(keys, found, strict=True)]
        logger.info("XCOMET: %d rows from cache, %d predicted", len(keys) - len(todo), len(todo))
        return found

    def _flags(self, doc: RowsInput, row: Any, spans: list[dict[str, Any]], signature: str) -> list[Flag]:
        offsets = RowOffsets(row.hypothesis_spans)
        out = []
        for span in spans:
            if span.get("severity") not in SEVERITIES:
                self.count(NOTE_SEVERITY)
                continue
            found = locate(row.hypothesis, span["text"], span["start"], span["end"])
            if not isinstance(found, tuple):
                self.count(NOTE_EMPTY if found == "empty" else NOTE_NOT_FOUND)
                continue
            placed = offsets.to_document(*found)
            placed = _trim(doc.hypothesis, *placed) if placed is not None else "empty"
            if isinstance(placed, str):
                self.count(NOTE_EMPTY)
                continue
            start, end = placed
            confidence = min(max(float(span["confidence"]), 0.0), 1.0)
            out.append(Flag(start, end, CATEGORY, span["severity"], doc.hypothesis[start:end], self.name,
                            confidence=round(confidence, 4),
                            evidence=f"xCOMET error span ({span['severity']}, confidence {confidence:.2f}); "
                                     f"{signature}", doc_id=doc.doc_id, system=doc.system))
        return out


def _valid(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("spans"), list)


# --- where a predicted span lies in the MT ---------------------------------------------------

def locate(text: str, span_text: str, start: int, end: int) -> tuple[int, int] | str | None:
    """The [start, end) of a predicted span in `text`: its offsets where the text there is the span's
    text (decoded by the tokenizer: NFKC-normalised, spaces moved, `<unk>` for characters it lacks);
    else the nearest place within `NEAR` characters where that text is; "empty" when the span has no
    text but spaces and special tokens; None when it is nowhere near. Edge spaces are trimmed."""
    pattern = _pattern(span_text)
    if pattern is None:
        return "empty"
    if 0 <= start < end <= len(text) and pattern.fullmatch(_normal(text[start:end])[0]):
        return _trim(text, start, end)
    lo, hi = max(0, min(start, len(text)) - NEAR), min(len(text), max(end, 0) + NEAR)
    window, index = _normal(text[lo:hi])
    best = None
    for match in pattern.finditer(window):
        if match.end() > match.start():
            a, b = lo + index[match.start()], lo + index[match.end() - 1] + 1
            if best is None or abs(a - start) < abs(best[0] - start):
                best = (a, b)
    return _trim(text, *best) if best is not None else None


def _pattern(span_text: str) -> re.Pattern[str] | None:
    cleaned = _SPECIAL.sub("", span_text).replace("\u2581", " ")
    pieces = [_normal(piece)[0] for piece in cleaned.split(_UNK)]
    if not any(pieces):
        return None
    return re.compile(".+?".join(re.escape(piece) for piece in pieces))


def _normal(text: str) -> tuple[str, list[int]]:
    """`text` NFKC-normalised without white space, and the index in `text` of each character kept."""
    chars, index = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                index.append(i)
    return "".join(chars), index


def _trim(text: str, start: int, end: int) -> tuple[int, int] | str:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else "empty"
