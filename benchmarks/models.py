"""`make bench-models MODEL=...`: throughput and peak memory of a COMET metric or an xCOMET span model.

`python -m benchmarks.models --what xcomet --model Unbabel/XCOMET-XL --batch-sizes 8,16,32 --gpus 1`
loads the model once, then for each batch size scores (or predicts the error spans of) N aligned rows
(source, MT, reference) of a corpus, with no cache, and prints one JSON object per batch size:
segments/s over the prediction alone, the load time, peak GPU memory (torch's allocator) and peak RSS.
Figures come from the machine it runs on; nothing here is a test or a target.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .tasks import _peak_kb, _reset_peak


def aligned_rows(corpus_dir: Path | None, n: int) -> list[Any]:
    """`n` aligned rows with source, MT and reference text (the corpus's rows repeated if it has fewer)."""
    from evalkit.corpus import default_corpus, load_corpus
    from evalkit.pipeline import RunOptions, evaluate_corpus

    corpus = load_corpus(corpus_dir or default_corpus())
    result = evaluate_corpus(corpus, RunOptions(metrics=("bleu",), detectors=(), cache=False))
    rows = [r for d in result.documents for r in d.segments
            if r.source_spans and r.hypothesis_spans and r.reference_spans]
    if not rows:
        raise SystemExit(f"{corpus.name}: no aligned row has source, MT and reference text")
    return [rows[k % len(rows)] for k in range(n)]


def _gpu_peak() -> tuple[str | None, float | None]:
    import torch

    if not torch.cuda.is_available():
        return None, None
    return torch.cuda.get_device_name(0), torch.cuda.max_memory_allocated() / 2**30


def _reset_gpu_peak() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()


def measure_comet(model: str, rows: list[Any], batch_sizes: Sequence[int], gpus: int | None) -> list[dict]:
    from evalkit.metrics.comet import COMET

    out = []
    start = time.perf_counter()
    metric = COMET(model, batch_size=batch_sizes[0], gpus=gpus, cache=None)
    metric._load()
    load = time.perf_counter() - start
    for batch_size in batch_sizes:
        metric.batch_size = batch_size
        _reset_peak()
        _reset_gpu_peak()
        start = time.perf_counter()
        metric.segment_scores([r.hypothesis for r in rows], [r.reference for r in rows], [r.source for r in rows])
        out.append(_figures("comet", metric.signature(), len(rows), batch_size, load, time.perf_counter() - start))
    return out


def measure_xcomet(model: str, rows: list[Any], batch_sizes: Sequence[int], gpus: int | None) -> list[dict]:
    from evalkit.detectors.model import RowsInput
    from evalkit.detectors.xcomet import XCOMETDetector

    out = []
    start = time.perf_counter()
    detector = XCOMETDetector(model, batch_size=batch_sizes[0], gpus=gpus, cache=None)
    detector.check()
    detector.model._load()
    load = time.perf_counter() - start
    # every row its own document: the rows' MT text is the document (offsets into it)
    inputs = [RowsInput(row.hypothesis, [_alone(row)], f"row-{k}", "bench") for k, row in enumerate(rows)]
    for batch_size in batch_sizes:
        detector.model.batch_size = batch_size
        _reset_peak()
        _reset_gpu_peak()
        start = time.perf_counter()
        flags = detector.detect_rows(inputs)
        figures = _figures("xcomet", detector.signature(), len(rows), batch_size, load, time.perf_counter() - start)
        figures["spans"] = sum(len(f) for f in flags)
        out.append(figures)
    return out


def _alone(row: Any) -> Any:
    from dataclasses import replace

    return replace(row, hypothesis_spans=((0, len(row.hypothesis)),))


def _figures(what: str, signature: str, n: int, batch_size: int, load: float, seconds: float) -> dict[str, Any]:
    device, gpu_gib = _gpu_peak()
    return {"what": what, "signature": signature, "segments": n, "batch_size": batch_size,
            "load_seconds": round(load, 2), "predict_seconds": round(seconds, 3),
            "segments_per_second": round(n / seconds, 2) if seconds else None,
            "peak_gpu_gib": round(gpu_gib, 2) if gpu_gib is not None else None, "device": device or "cpu",
            "peak_rss_mib": round(_peak_kb() / 1024), "machine": platform.platform()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.models", description=__doc__.splitlines()[0])
    parser.add_argument("--what", choices=["comet", "xcomet"], default="xcomet")
    parser.add_argument("--model", required=True, help="hub name or local checkpoint")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the bundled corpus)")
    parser.add_argument("--segments", type=int, default=1000, help="aligned rows to score (default 1000)")
    parser.add_argument("--batch-sizes", default="16", help="comma-separated (default 16)")
    parser.add_argument("--gpus", type=int, choices=[0, 1], default=None, help="default: a GPU if one is visible")
    args = parser.parse_args(argv)
    batch_sizes = [int(b) for b in args.batch_sizes.split(",") if b.strip()]
    rows = aligned_rows(args.corpus, args.segments)
    measure = measure_comet if args.what == "comet" else measure_xcomet
    for figures in measure(args.model, rows, batch_sizes, args.gpus):
        print(json.dumps(figures, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
