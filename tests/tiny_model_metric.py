"""A model metric written for the tests: a tiny logistic model over two features of a segment.

It is what a new model metric (BERTScore, MetricX, ...) has to write and nothing more: a
`ModelMetric` subclass with its own options (`model`: a weights file), a signature naming the
model's bytes, and `_predict`. tests/test_model_metric.py registers it with one line and runs
it through the pipeline's batching, the score cache and the reports, as COMET goes.

The model: score = sigmoid(bias + w_overlap * character-bigram F1(hypothesis, reference)
+ w_length * min/max length ratio(hypothesis, source)), its three weights in a JSON file.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

from evalkit.errors import MetricUnavailable
from evalkit.metrics import ModelMetric

WEIGHTS = {"bias": -1.0, "overlap": 3.0, "length": 1.0}


def write_weights(path: Path, weights: dict[str, float] = WEIGHTS) -> Path:
    """Build the tiny model: its weights file."""
    path.write_text(json.dumps(weights, sort_keys=True), encoding="utf-8")
    return path


class TinyOverlap(ModelMetric):
    name = "tiny-overlap"
    higher_is_better = True
    needs_reference = True
    calls: ClassVar[list[int]] = []   # segments per `_predict` call, over every instance (for the tests)

    def __init__(self, model: str | Path = "tiny-overlap.json", *, scale: float = 1.0, **shared: Any):
        super().__init__(**shared)
        self.model = str(model)
        self.scale = scale

    def _weights(self) -> tuple[bytes, dict[str, float]]:
        try:
            data = Path(self.model).read_bytes()
        except OSError as exc:
            raise MetricUnavailable(f"tiny-overlap model '{self.model}' could not be loaded: {exc.strerror}") \
                from None
        return data, json.loads(data)

    def signature(self) -> str:
        data, _ = self._weights()
        return f"tiny-overlap|model:{Path(self.model).name}|weights:{hashlib.sha256(data).hexdigest()[:12]}" \
               f"|scale:{self.scale:g}"

    def _predict(self, keys, device) -> list[float]:
        _, w = self._weights()
        type(self).calls.append(len(keys))
        return [self.scale / (1.0 + math.exp(-(w["bias"] + w["overlap"] * bigram_f1(hyp, ref or "")
                                               + w["length"] * length_ratio(hyp, src or ""))))
                for hyp, src, ref in keys]


def bigram_f1(hypothesis: str, reference: str) -> float:
    a, b = _bigrams(hypothesis), _bigrams(reference)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def length_ratio(hypothesis: str, source: str) -> float:
    a, b = len(hypothesis), len(source)
    return min(a, b) / max(a, b) if max(a, b) else 0.0


def _bigrams(text: str) -> Counter:
    text = " ".join(text.split())
    return Counter(text[i:i + 2] for i in range(len(text) - 1))
