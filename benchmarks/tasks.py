"""The measured workloads of the benchmarks, each run in its own process by benchmarks/run.py.

`python -m benchmarks.tasks <task> ...` prints one JSON object on stdout. The parent measures
wall time, CPU time and peak memory of the whole process; a task reports its inner timings.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROWS = ("src", "hyp", "ref")


def _peak_kb() -> int:
    """Peak RSS of this process since the last `_reset_peak` (VmHWM), in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    # Linux: writing 5 to clear_refs resets the peak RSS counter (VmHWM) to the current RSS.
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _one_line(text: str) -> str:
    return " ".join(text.replace("\r", " ").split("\n"))


def stages(corpus_dir: str, out_dir: str) -> dict[str, Any]:
    """The pipeline's stages one after the other over the whole corpus (stage-major), each
    timed and with its own peak RSS; also writes the aligned rows for the other tasks."""
    from evalkit.alignment.aligner import align_segments
    from evalkit.alignment.rows import join_alignments
    from evalkit.corpus import load_corpus
    from evalkit.detectors import DetectionInput, make_detectors, run_detectors
    from evalkit.flags import mqm_penalty
    from evalkit.metrics import DEFAULT_METRICS, get_metric
    from evalkit.metrics.sacrebleu_metrics import extract_statistics, sum_statistics
    from evalkit.pipeline import SEGMENT_UNIT, library_versions
    from evalkit.report import output_root, write_document_reports, write_run_reports
    from evalkit.results import DocumentResult, RunResult, SystemResult
    from evalkit.segment import segment

    out: dict[str, Any] = {"stages": {}, "peak_reset": _reset_peak()}
    clock: dict[str, float] = {}

    def begin() -> float:
        _reset_peak()
        return time.perf_counter()

    def end(name: str, start: float) -> None:
        out["stages"][name] = {"seconds": time.perf_counter() - start, "peak_kb": _peak_kb(), "rss_kb": _rss_kb()}
        clock[name] = out["stages"][name]["seconds"]

    t = begin()
    corpus = load_corpus(corpus_dir)
    # Stage-major: every document's texts in memory at once (a run reads one document at a time).
    documents_in = tuple(corpus.documents)
    systems = [s.name for s in corpus.systems]
    sl, tl = corpus.source_lang, corpus.target_lang
    end("load", t)

    t = begin()
    segs = [(segment(d.source, sl), segment(d.reference, tl), {s: segment(d.hypotheses[s], tl) for s in systems})
            for d in documents_in]
    end("segment", t)

    t = begin()
    aligned = []
    for src, ref, hyps in segs:
        ref_links = align_segments(src, ref, src_lang=sl, tgt_lang=tl)
        per_system = {}
        for s, hyp in hyps.items():
            links = align_segments(src, hyp, src_lang=sl, tgt_lang=tl)
            per_system[s] = (links, tuple(join_alignments(src, hyp, links, ref, ref_links)))
        aligned.append(per_system)
    end("align", t)

    rows_dir = Path(out_dir) / "rows"
    rows_dir.mkdir(parents=True, exist_ok=True)
    first = systems[0]
    files = {name: open(rows_dir / f"{name}.txt", "w", encoding="utf-8") for name in ROWS}
    with open(rows_dir / "docs.txt", "w", encoding="utf-8") as docs_file:
        for per_system in aligned:
            rows = per_system[first][1]
            docs_file.write(f"{len(rows)}\n")
            for row in rows:
                files["src"].write(_one_line(row.source) + "\n")
                files["hyp"].write(_one_line(row.hypothesis) + "\n")
                files["ref"].write(_one_line(row.reference) + "\n")
    for handle in files.values():
        handle.close()

    t = begin()
    metrics = {n: get_metric(n, target_lang=tl) for n in DEFAULT_METRICS}
    scored = []
    totals: dict[str, dict[str, list | None]] = {s: dict.fromkeys(metrics) for s in systems}
    for per_system in aligned:
        doc_scores = {}
        for s, (_, rows) in per_system.items():
            hyps, refs = [r.hypothesis for r in rows], [r.reference for r in rows]
            stats = extract_statistics(metrics, hyps, refs)
            scores, seg_scores, doc_totals = {}, {}, {}
            for name, metric in metrics.items():
                doc_totals[name] = sum_statistics(stats[name])
                totals[s][name] = sum_statistics([doc_totals[name]], totals[s][name])
                scores[name] = metric.score_from_totals(doc_totals[name], unit=SEGMENT_UNIT, n=len(rows))
                seg_scores[name] = [metric.segment_score_from_statistics(x) if r.hypothesis_spans and r.reference_spans
                                    else None for x, r in zip(stats[name], rows)]
            doc_scores[s] = (scores, seg_scores, doc_totals)
        scored.append(doc_scores)
    counts = {s: sum(len(p[s][1]) for p in aligned) for s in systems}
    corpus_scores = {s: {n: m.score_from_totals(totals[s][n], unit=SEGMENT_UNIT, n=counts[s])
                         for n, m in metrics.items()} for s in systems}
    end("metrics", t)

    t = begin()
    detectors = make_detectors()
    flags = []
    for d, (src, _, hyps), per_system in zip(documents_in, segs, aligned):
        flags.append({s: tuple(run_detectors(DetectionInput(
            hypothesis=d.hypotheses[s], src_lang=sl, tgt_lang=tl, source=d.source, reference=d.reference,
            hypothesis_segments=hyps[s], source_segments=src, alignment=per_system[s][0], doc_id=d.id, system=s),
            detectors)) for s in systems})
    end("detectors", t)

    t = begin()
    shell = RunResult(corpus.name, sl, tl, tuple(metrics), (), (), library_versions(), ())
    root = output_root(shell, Path(out_dir) / "reports")
    documents = []
    for d, per_system, doc_scores, doc_flags in zip(documents_in, aligned, scored, flags):
        for s in systems:
            scores, seg_scores, doc_totals = doc_scores[s]
            words = {"source": len(d.source.split()), "hypothesis": len(d.hypotheses[s].split()),
                     "reference": len(d.reference.split())}
            result = DocumentResult(corpus.name, s, d.id, d.title, sl, tl, scores, words, per_system[s][1],
                                    seg_scores, doc_flags[s], mqm_penalty(doc_flags[s], words["hypothesis"]),
                                    doc_totals)
            write_document_reports(shell, result, root)
            documents.append(result)
    run = RunResult(corpus.name, sl, tl, tuple(metrics), tuple(documents),
                    tuple(SystemResult(s, corpus_scores[s], len(documents_in)) for s in systems),
                    library_versions(), ())
    write_run_reports(run, root)
    end("reports", t)
    out["rows"] = sum(len(p[first][1]) for p in aligned)
    out["segments"] = {"source": sum(len(x[0]) for x in segs), "reference": sum(len(x[1]) for x in segs),
                       "mt": sum(len(h) for x in segs for h in x[2].values())}
    return out


def read_rows(rows_dir: str) -> tuple[dict[str, list[str]], list[int]]:
    root = Path(rows_dir)
    rows = {name: (root / f"{name}.txt").read_text(encoding="utf-8").split("\n")[:-1] for name in ROWS}
    docs = [int(x) for x in (root / "docs.txt").read_text().split()]
    return rows, docs


def metric_stage(rows_dir: str) -> dict[str, Any]:
    """evalkit's metric stage on the rows: statistics once per segment, segment scores, document
    and corpus scores for BLEU, chrF, chrF++ and TER."""
    start = time.perf_counter()
    from evalkit.metrics import DEFAULT_METRICS, get_metric
    from evalkit.metrics.sacrebleu_metrics import extract_statistics, sum_statistics

    rows, docs = read_rows(rows_dir)
    loaded = time.perf_counter()
    metrics = {n: get_metric(n, target_lang="fr") for n in DEFAULT_METRICS}
    totals: dict[str, list | None] = dict.fromkeys(metrics)
    k = 0
    segment_scores = 0
    for n in docs:
        hyps, refs = rows["hyp"][k:k + n], rows["ref"][k:k + n]
        stats = extract_statistics(metrics, hyps, refs)
        for name, metric in metrics.items():
            doc_totals = sum_statistics(stats[name])
            metric.score_from_totals(doc_totals, unit="aligned-segments", n=n)
            totals[name] = sum_statistics([doc_totals], totals[name])
            for x, h, r in zip(stats[name], hyps, refs):
                if h and r:
                    metric.segment_score_from_statistics(x)
                    segment_scores += 1
        k += n
    scores = {name: m.score_from_totals(totals[name], unit="aligned-segments", n=k).value
              for name, m in metrics.items()}
    return {"segments": k, "segment_scores": segment_scores, "corpus": scores,
            "seconds": time.perf_counter() - loaded, "seconds_with_imports": time.perf_counter() - start}


def align_task(corpus_dir: str, aligner: str, limit: int | None) -> dict[str, Any]:
    """Align every gold pair of a generated corpus (source-MT and source-reference) with one
    aligner and score it against the gold the generator wrote."""
    from evalkit.alignment.aligner import align, line_starts
    from evalkit.alignment.evaluate import gale_church, links_to_gold, load_corpus_gold, map_to_gold, score_alignments
    from evalkit.segment import segment

    gold = load_corpus_gold(corpus_dir)
    if limit:
        gold = [g for g in gold if g.doc_id in {x.doc_id for x in gold[: 2 * limit]}]
    segmented = [(segment(g.source, "en"), segment(g.target, "fr")) for g in gold]
    docs = [([s.text for s in a], [t.text for t in b], {"source_lines": line_starts(a), "target_lines": line_starts(b)})
            for a, b in segmented]
    start = time.perf_counter()
    if aligner == "evalkit":
        predicted = [[(lk.source, lk.target) for lk in align(s, t, src_lang="en", tgt_lang="fr", **x)]
                     for s, t, x in docs]
    else:
        predicted = [gale_church(s, t) for s, t, _ in docs]
    seconds = time.perf_counter() - start
    converted = [links_to_gold(p, map_to_gold(a, g.source_spans), map_to_gold(b, g.target_spans))
                 for p, (a, b), g in zip(predicted, segmented, gold)]
    out: dict[str, Any] = {"seconds": seconds, "pairs": len(gold),
                           "segments": sum(len(a) + len(b) for a, b in segmented)}
    for pair in ("source-mt", "source-reference", "all"):
        keep = [k for k, g in enumerate(gold) if pair in ("all", g.pair)]
        out[pair] = score_alignments([gold[k].links for k in keep], [converted[k] for k in keep]).as_dict()
    return out


def tiny_comet(directory: str, corpus_dir: str) -> dict[str, Any]:
    """A tiny COMET checkpoint (tests/comet_fixture.py) with a tokenizer trained on the corpus."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from evalkit.corpus import load_corpus
    from tests.comet_fixture import build_tiny_comet

    corpus = load_corpus(corpus_dir)
    texts = [t for d in corpus.documents[:50] for t in (d.source, d.reference, *d.hypotheses.values())]
    return {"checkpoint": str(build_tiny_comet(Path(directory), texts))}


def comet_task(triples_dir: str, checkpoint: str, cache: str | None) -> dict[str, Any]:
    """evalkit's COMET path (the metric the pipeline uses) on the triples, with or without cache."""
    start = time.perf_counter()
    from evalkit.cache import ScoreCache
    from evalkit.metrics.comet import COMET

    root = Path(triples_dir)
    src, mt, ref = ((root / f"{n}.txt").read_text(encoding="utf-8").split("\n")[:-1] for n in ("src", "mt", "ref"))
    metric = COMET(checkpoint, batch_size=16, gpus=0, cache=ScoreCache(cache) if cache else None)
    scores = metric.segment_scores(mt, ref, src)
    return {"segments": len(scores), "system": sum(scores) / len(scores), "model_loaded": metric.model_loaded,
            "seconds_with_imports": time.perf_counter() - start}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tasks")
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("stages")
    p.add_argument("corpus")
    p.add_argument("out")
    p = sub.add_parser("metrics")
    p.add_argument("rows")
    p = sub.add_parser("align")
    p.add_argument("corpus")
    p.add_argument("aligner", choices=["evalkit", "nltk-gale-church"])
    p.add_argument("--limit", type=int, default=None, help="first N documents")
    p = sub.add_parser("tiny-comet")
    p.add_argument("directory")
    p.add_argument("corpus")
    p = sub.add_parser("comet")
    p.add_argument("triples")
    p.add_argument("checkpoint")
    p.add_argument("--cache")
    args = parser.parse_args(argv)
    if args.task == "stages":
        result = stages(args.corpus, args.out)
    elif args.task == "metrics":
        result = metric_stage(args.rows)
    elif args.task == "align":
        result = align_task(args.corpus, args.aligner, args.limit)
    elif args.task == "tiny-comet":
        result = tiny_comet(args.directory, args.corpus)
    else:
        result = comet_task(args.triples, args.checkpoint, args.cache)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
