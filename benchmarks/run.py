"""`make bench`: evalkit's speed and memory on generated corpora, beside the reference tools.

For each size: `evalkit run --no-comet` end to end (in this process, on a local pool of 2 worker
processes, on a 2-worker Dask cluster; the single-process run only at the smallest size), then, at
the smallest size, each stage on its own, the metric stage beside the sacreBLEU command line, the
aligner beside NLTK's Gale-Church, and the COMET path beside `comet-score` with a tiny model.
Every measured thing runs in its own process (wall time, CPU time, peak RSS from wait4); the
figures and the commands that produced them go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .generate import generate, load_pool

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GIB = 1024 * 1024  # KiB per GiB
# The end-to-end runs: engine name -> evalkit options.
ENGINES = {"local": [], "local-2": ["--workers", "2"], "dask": ["--engine", "dask", "--workers", "2"]}
# Beside the local-2 run: the same without the error detectors, to show what scoring alone costs.
SCORES_ONLY = ["--workers", "2", "--no-flags"]
TARGET_RATE = 5000            # aligned segments per second, end to end, 10,000 documents, no COMET
TARGET_MEMORY_KB = 2 * GIB
TARGET_METRICS_RATIO = 1.2    # evalkit's metric stage / sacreBLEU's command line
TARGET_COMET_RATIO = 1.1      # evalkit's COMET path / comet-score
TARGET_CACHE_SPEEDUP = 20     # first COMET run / cached re-run
TARGET_SCORE_RATIO = 1.0      # `evalkit score` on line files / the sacreBLEU command line: no slower


@dataclass
class Measured:
    """One process run to completion: its own and its children's resources."""

    command: list[str]
    wall: float
    cpu: float                  # user + system seconds of the process and its waited-for children
    peak_kb: int                # ru_maxrss: the largest single process of the tree
    tree_peak_kb: int | None    # the whole process tree, sampled every 0.2 s (Dask workers included)
    returncode: int
    stdout: str
    stderr: str
    load: tuple[float, float] = (0.0, 0.0)   # 1-minute load average before and after

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout.strip().splitlines()[-1])


def measure(command: Sequence[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Measured:
    before = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            try:
                import psutil
            except ImportError:
                peak[0] = -1
                return
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not done.wait(0.2):
                try:
                    total = root.memory_info().rss
                    for child in root.children(recursive=True):
                        try:
                            total += child.memory_info().rss
                        except psutil.Error:
                            pass
                except psutil.Error:
                    break
                peak[0] = max(peak[0], total // 1024)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Measured(list(command), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                          peak[0] if peak[0] >= 0 else None, proc.returncode,
                          out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                          (before, os.getloadavg()[0]))
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


# --- machine ---------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    def proc_field(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    versions = {}
    from importlib import metadata

    for package in ("evalkit", "sacrebleu", "nltk", "unbabel-comet", "torch", "dask", "distributed"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    if versions["evalkit"] == "not installed":
        import evalkit

        versions["evalkit"] = f"{evalkit.__version__} (source checkout)"
    return {
        "platform": platform.platform(), "machine": platform.machine(),
        "cpu": proc_field("/proc/cpuinfo", "model name"), "cores": str(os.cpu_count()),
        "memory": proc_field("/proc/meminfo", "MemTotal"), "python": platform.python_version(),
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


# --- the runs ----------------------------------------------------------------------------------

STAGE_LINE = re.compile(r"seconds per stage \(summed over documents and workers\): (.*)")


def _stage_seconds(stderr: str) -> dict[str, float]:
    found = STAGE_LINE.findall(stderr)
    if not found:
        return {}
    return {name: float(value) for name, value in (item.split() for item in found[-1].split(", "))}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _rows(summary: Path) -> int:
    data = json.loads(summary.read_text(encoding="utf-8"))
    return sum(scores["bleu"]["n"] for scores in data["systems"].values())


@dataclass
class SizeResults:
    documents: int
    generate_seconds: float = 0.0
    corpus_segments: dict[str, int] = field(default_factory=dict)
    runs: dict[str, Measured] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    rows: int = 0
    dask_identical: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def run_size(documents: int, work: Path, *, compare: bool, engines: Sequence[str], comet_limit: int,
             log) -> SizeResults:
    if not compare:
        # the single-process run is the stage clock's; at the larger sizes it only costs time
        engines = [e for e in engines if e != "local"] or list(engines)
    res = SizeResults(documents)
    corpus = work / f"synthetic-{documents}"
    if corpus.exists():
        shutil.rmtree(corpus)
    start = time.perf_counter()
    generate(corpus, documents, pool=load_pool())
    res.generate_seconds = time.perf_counter() - start
    log(f"{documents} documents generated in {res.generate_seconds:.1f} s")
    reports = {}
    # No fixed hash seed: every process (the client, the pool's and Dask's workers) has its own,
    # so identical reports also show that nothing depends on set order.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    measure([PY, "-m", "evalkit", "--help"])  # warm the file cache
    for engine in engines:
        out = work / f"reports-{documents}-{engine}"
        shutil.rmtree(out, ignore_errors=True)
        extra = ENGINES[engine]
        m = measure([PY, "-m", "evalkit", "-v", "run", str(corpus), "--no-comet", "--out", str(out), *extra],
                    env=env)
        res.runs[f"e2e-{engine}"] = m
        reports[engine] = out
        if engine == "local":
            res.stages = _stage_seconds(m.stderr)
        res.rows = _rows(out / f"synthetic-{documents}" / "summary.json")
        log(f"  e2e {engine}: {m.wall:.1f} s, {res.rows / m.wall:.0f} segments/s, peak {m.peak_kb / 1024:.0f} MiB")
    if "local-2" in reports:
        out = work / f"reports-{documents}-scores-only"
        m = measure([PY, "-m", "evalkit", "-v", "run", str(corpus), "--no-comet", "--out", str(out), *SCORES_ONLY],
                    env=env)
        res.runs["scores-only"] = m
        shutil.rmtree(out, ignore_errors=True)
        log(f"  e2e local-2 --no-flags: {m.wall:.1f} s, {res.rows / m.wall:.0f} segments/s")
    if len(reports) > 1:
        names = list(reports)
        first = _files(reports[names[0]])
        res.extra["report_files"] = len(first)
        res.extra["compared"] = names
        res.extra["differ"] = {}
        for other in names[1:]:
            b = _files(reports[other])
            res.extra["differ"][other] = sorted(k for k in set(first) | set(b) if first.get(k) != b.get(k))
        res.dask_identical = not any(res.extra["differ"].values())
    for out in reports.values():
        shutil.rmtree(out, ignore_errors=True)
    if not compare:
        return res

    stage_dir = work / f"stages-{documents}"
    shutil.rmtree(stage_dir, ignore_errors=True)
    m = measure([PY, "-m", "benchmarks.tasks", "stages", str(corpus), str(stage_dir)])
    res.runs["stages"] = m
    res.extra["stages"] = m.json()
    res.corpus_segments = res.extra["stages"]["segments"]
    log(f"  stages: {m.wall:.1f} s")
    rows = stage_dir / "rows"

    # The metric stage beside the sacreBLEU command line, on the same segments.
    res.runs["sacrebleu"] = measure([PY, "-m", "sacrebleu", str(rows / "ref.txt"), "-i", str(rows / "hyp.txt"),
                                     "-m", "bleu", "chrf", "ter", "-w", "4"])
    res.runs["metrics"] = measure([PY, "-m", "benchmarks.tasks", "metrics", str(rows)])
    log(f"  sacrebleu CLI {res.runs['sacrebleu'].wall:.1f} s, evalkit metric stage {res.runs['metrics'].wall:.1f} s")
    measure_score_lines(res, rows, log)

    # The aligner beside NLTK's Gale-Church, scored against the generator's alignment.
    for aligner in ("evalkit", "nltk-gale-church"):
        res.runs[f"align-{aligner}"] = measure([PY, "-m", "benchmarks.tasks", "align", str(corpus), aligner])
        log(f"  align {aligner}: {res.runs[f'align-{aligner}'].json()['seconds']:.1f} s")

    # COMET with a tiny checkpoint: evalkit's path (no cache, fresh cache, cached) and comet-score.
    comet_dir = work / "tiny-comet"
    shutil.rmtree(comet_dir, ignore_errors=True)
    checkpoint = measure([PY, "-m", "benchmarks.tasks", "tiny-comet", str(comet_dir), str(corpus)]).json()["checkpoint"]
    triples = work / "triples"
    triples.mkdir(exist_ok=True)
    kept = [(s, h, r) for s, h, r in zip(*(Path(rows / f"{n}.txt").read_text(encoding="utf-8").split("\n")[:-1]
                                            for n in ("src", "hyp", "ref"))) if s and h and r][:comet_limit]
    for k, name in enumerate(("src", "mt", "ref")):
        (triples / f"{name}.txt").write_text("".join(t[k] + "\n" for t in kept), encoding="utf-8")
    cache = work / "comet-cache.sqlite3"
    cache.unlink(missing_ok=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    measure([PY, "-c", "import comet, torch"], env=env)  # warm the file cache for the first timed run
    comet_cli = [PY, "-c", "import sys; from comet.cli.score import score_command; sys.argv[0] = 'comet-score'; "
                 "sys.exit(score_command())", "-s", str(triples / "src.txt"), "-t", str(triples / "mt.txt"),
                 "-r", str(triples / "ref.txt"), "--model", checkpoint, "--gpus", "0", "--batch_size", "16",
                 "--only_system", "--quiet"]
    res.runs["comet-score"] = measure(comet_cli, env=env)
    ours = [PY, "-m", "benchmarks.tasks", "comet", str(triples), checkpoint]
    res.runs["comet-nocache"] = measure(ours, env=env)
    res.runs["comet-fresh-cache"] = measure([*ours, "--cache", str(cache)], env=env)
    res.runs["comet-cached"] = measure([*ours, "--cache", str(cache)], env=env)
    res.extra["comet_segments"] = len(kept)
    log(f"  COMET: comet-score {res.runs['comet-score'].wall:.1f} s, evalkit {res.runs['comet-nocache'].wall:.1f} s, "
        f"cached {res.runs['comet-cached'].wall:.1f} s")

    helps = [measure([PY, "-m", "evalkit", "--help"]).wall for _ in range(5)]
    res.extra["help_seconds"] = statistics.median(helps)
    return res


# --- the report --------------------------------------------------------------------------------

def measure_score_lines(res: SizeResults, rows: Path, log) -> None:
    """`evalkit score` on the line files beside the sacreBLEU command line (BLEU, chrF, TER)."""
    if "sacrebleu" not in res.runs:
        res.runs["sacrebleu"] = measure([PY, "-m", "sacrebleu", str(rows / "ref.txt"), "-i", str(rows / "hyp.txt"),
                                         "-m", "bleu", "chrf", "ter", "-w", "4"])
    res.runs["score-lines"] = measure([PY, "-m", "evalkit", "score", "-s", str(rows / "src.txt"),
                                       "-r", str(rows / "ref.txt"), "-t", f"mt={rows / 'hyp.txt'}",
                                       "--src-lang", "en", "--tgt-lang", "fr", "--metrics", "bleu,chrf,ter",
                                       "--no-comet", "--no-flags", "--format", "json"])
    log(f"  sacrebleu CLI {res.runs['sacrebleu'].wall:.1f} s, evalkit score {res.runs['score-lines'].wall:.1f} s")


def _score_lines_section(r: SizeResults, work: Path) -> list[str]:
    cli, ours = r.runs["sacrebleu"], r.runs["score-lines"]
    theirs = {item["name"]: item["score"] for item in json.loads(cli.stdout)}
    mine = json.loads(ours.stdout)["systems"]["mt"]
    same = all(round(mine[k]["value"], 4) == round(theirs[n], 4)
               for k, n in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")))
    lines = mine["bleu"]["n"]
    ratio = ours.wall / cli.wall
    return ["", "## `evalkit score` on line files beside the sacreBLEU command line", "",
            f"The same {lines:,}-line files (the aligned segments the stage run writes: source, reference, one "
            "system), one segment per line, scored as given: corpus BLEU, chrF and TER. Each row is a separate "
            "process, interpreter start-up and file reading included; evalkit runs without COMET and detectors.",
            "", "| tool | wall (s) | CPU (s) | peak RSS | load before/after | command |", "|---|---|---|---|---|---|",
            f"| sacreBLEU CLI | {cli.wall:.2f} | {cli.cpu:.2f} | {_mib(cli.peak_kb)} | "
            f"{cli.load[0]:.1f}/{cli.load[1]:.1f} | {_cmd(cli, work)} |",
            f"| evalkit score | {ours.wall:.2f} | {ours.cpu:.2f} | {_mib(ours.peak_kb)} | "
            f"{ours.load[0]:.1f}/{ours.load[1]:.1f} | {_cmd(ours, work)} |", "",
            f"- Target: evalkit no slower than sacreBLEU: {_verdict(ratio <= TARGET_SCORE_RATIO)} ({ratio:.2f}x its "
            f"wall time). Corpus BLEU, chrF and TER {'identical to' if same else '**differ from**'} sacreBLEU's "
            f"to 4 decimals ({', '.join(f'{k} {v}' for k, v in theirs.items())})."]


def _cmd(m: Measured, work: Path) -> str:
    parts = []
    for part in m.command:
        part = part.replace(PY, ".venv/bin/python").replace(str(work), "$WORK").replace(str(ROOT) + "/", "")
        quote = '"' if "'" in part else "'"
        parts.append(part if re.fullmatch(r"[\w./$=+:,-]+", part) else quote + part + quote)
    return "`" + " ".join(parts) + "`"


def _mib(kb: int | None) -> str:
    return "n/a" if kb is None else f"{kb / 1024:,.0f} MiB"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def render(results: list[SizeResults], info: dict[str, str], work: Path, argv: Sequence[str],
           started: str, seconds: float) -> str:
    out = [
        "# evalkit benchmarks",
        "",
        f"Generated by `make bench` (`.venv/bin/python -m benchmarks.run {' '.join(argv)}`) on {started}; the whole "
        f"run took {seconds / 60:.1f} min. Do not edit: rerun it. `$WORK` is the run's scratch folder.",
        "",
        "## Machine",
        "",
        f"- {info['platform']} ({info['machine']}), {info['cpu']}, {info['cores']} cores "
        f"(`os.cpu_count()`), {info['memory']} memory (`/proc/meminfo`), Python {info['python']}",
        f"- {info['versions']}",
        "- Shared machine: the 1-minute load average before and after each measurement is in the tables "
        "(a load above the core count means other processes took CPU time from the measured one, so wall "
        "times are pessimistic; CPU seconds are less affected).",
        "",
        "## Corpora",
        "",
        "`python -m benchmarks.generate N --out DIR` (seed 13): N documents of 34-42 source sentences drawn "
        "from the bundled corpus's 145 gold-aligned (source, MT, reference) triples; on each side of each "
        "sentence one word is replaced by a random word of its language (wordfreq's 30,000 most frequent), "
        "and another dropped or two swapped; numbers change on all sides, so nearly every sentence is "
        "distinct (about 97% of source sentences at 1,000 documents) and no sentence-level cache gets more "
        "help than on real text; the MT side gets junk lines and duplicated lines (0-1), omissions (1-0), "
        "a truncated last sentence and untranslated words. One system; the source-MT and source-reference "
        "alignments are written as gold.",
        "",
        "A *segment* below is one row of the segment table: an aligned source-MT link with its reference "
        "(what gets segment scores); segments/s = those rows / wall seconds.",
        "",
        "## End to end: `evalkit run --no-comet`",
        "",
        "| documents | engine | aligned segments | wall (s) | CPU (s) | segments/s | peak RSS, largest process "
        "| peak RSS, process tree | load before/after | command |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for engine in ENGINES:
            m = r.runs.get(f"e2e-{engine}")
            if m is None:
                continue
            out.append(f"| {r.documents:,} | {engine} | {r.rows:,} | {m.wall:.1f} | {m.cpu:.1f} | "
                       f"{r.rows / m.wall:,.0f} | {_mib(m.peak_kb)} | {_mib(m.tree_peak_kb)} | "
                       f"{m.load[0]:.1f}/{m.load[1]:.1f} | {_cmd(m, work)} |")
        m = r.runs.get("scores-only")
        if m is not None:
            out.append(f"| {r.documents:,} | local-2, no detectors | {r.rows:,} | {m.wall:.1f} | {m.cpu:.1f} | "
                       f"{r.rows / m.wall:,.0f} | {_mib(m.peak_kb)} | {_mib(m.tree_peak_kb)} | "
                       f"{m.load[0]:.1f}/{m.load[1]:.1f} | {_cmd(m, work)} |")
    out.append("")
    for r in results:
        if r.dask_identical is not None:
            names = r.extra["compared"]
            for other, differ in r.extra["differ"].items():
                out.append(f"- {r.documents:,} documents: the {other} run's {r.extra['report_files']:,} report files "
                           + (f"are byte-identical to the {names[0]} run's." if not differ else
                              f"differ from the {names[0]} run's in {len(differ)} files ({', '.join(differ[:4])}...)."))
    out.append("- CPU (s) is the measured process's and its waited-for children's (`wait4`): the Dask workers are "
               "counted, the local pool's are not (they are children of the fork server), so the local-2 CPU "
               "figure is the parent's only.")
    out.append("- No run fixes `PYTHONHASHSEED`: each process (the client and every worker) has its own hash seed, "
               "so identical files also show that no output depends on set order.")
    biggest = max(results, key=lambda r: r.documents)
    clocked = min(results, key=lambda r: r.documents)
    local = clocked.runs.get("e2e-local")
    best = min((m for k, m in biggest.runs.items() if k.startswith("e2e-")), key=lambda m: m.wall, default=None)
    if best is not None:
        rate = biggest.rows / best.wall
        memory = max(m.tree_peak_kb or m.peak_kb for k, m in biggest.runs.items() if k.startswith("e2e-"))
        scale = "" if biggest.documents >= 10000 else f" (measured at {biggest.documents:,} documents, not 10,000)"
        short = f"; {TARGET_RATE / rate:.1f}x short" if rate < TARGET_RATE else ""
        out += [
            f"- Target >= {TARGET_RATE:,} segments/s at 10,000 documents: {_verdict(rate >= TARGET_RATE)} "
            f"(best {rate:,.0f} segments/s{scale}{short}).",
            f"- Target peak memory < 2 GiB: {_verdict(memory < TARGET_MEMORY_KB)} ({_mib(memory)} at most).",
        ]
        scores = biggest.runs.get("scores-only")
        if scores is not None:
            out.append(f"- Without the error detectors (`--no-flags`: segmentation, alignment, BLEU/chrF/chrF++/TER "
                       f"at three levels, reports) the same {biggest.documents:,} documents run at "
                       f"{biggest.rows / scores.wall:,.0f} segments/s: the detectors take "
                       f"{100 * (1 - scores.wall / biggest.runs['e2e-local-2'].wall):.0f}% of the local-2 run's "
                       "wall time. That row is not counted for the targets above.")
        # Memory should follow the largest document, not the corpus: the same engine at two sizes.
        for engine in ENGINES:
            sizes = [(r.documents, r.runs[f"e2e-{engine}"]) for r in sorted(results, key=lambda r: r.documents)
                     if f"e2e-{engine}" in r.runs]
            if len(sizes) > 1:
                (n0, m0), (n1, m1) = sizes[0], sizes[-1]
                out.append(f"- Memory, {engine}: peak RSS of the largest process {_mib(m0.peak_kb)} at {n0:,} "
                           f"documents, {_mib(m1.peak_kb)} at {n1:,} ({n1 / n0:.0f}x the documents); process tree "
                           f"{_mib(m0.tree_peak_kb)} and {_mib(m1.tree_peak_kb)}.")
    if local is not None and clocked.stages:
        total = sum(clocked.stages.values())
        budget = 1000 * (os.cpu_count() or 1) / TARGET_RATE
        out += ["", f"Where the single-process run's time goes ({clocked.documents:,} documents; the pipeline's "
                "stage clock, logged with `-v`; *other* = start-up, corpus loading, run reports). The last column "
                f"is the CPU cost per aligned segment; {TARGET_RATE:,} segments/s on {os.cpu_count()} cores allows "
                f"{budget:.2f} ms for everything:", "",
                "| stage | seconds | share | ms per document | ms per segment |", "|---|---|---|---|---|"]
        for name, value in [*clocked.stages.items(), ("other", local.wall - total)]:
            out.append(f"| {name} | {value:.1f} | {100 * value / local.wall:.0f}% | "
                       f"{1000 * value / clocked.documents:.1f} | {1000 * value / clocked.rows:.3f} |")
        out.append(f"| total | {local.wall:.1f} | 100% | {1000 * local.wall / clocked.documents:.1f} | "
                   f"{1000 * local.wall / clocked.rows:.3f} |")
    compared = [r for r in results if "stages" in r.runs]
    for r in compared:
        out += _comparisons(r, work)
    return "\n".join(out) + "\n"


def _comparisons(r: SizeResults, work: Path) -> list[str]:
    stages = r.extra["stages"]
    seg = r.corpus_segments
    out = ["", f"## Each stage on its own ({r.documents:,} documents)", "",
           f"{_cmd(r.runs['stages'], work)}: the stages one after the other over the whole corpus (each "
           "holds all documents' results, unlike the streaming pipeline), peak RSS reset before each stage "
           "(`/proc/self/clear_refs`). Corpus: "
           f"{seg['source']:,} source, {seg['reference']:,} reference and {seg['mt']:,} MT segments; "
           f"{stages['rows']:,} aligned segments.", "",
           "| stage | seconds | peak RSS | rate |", "|---|---|---|---|"]
    rates = {"segment": (seg["source"] + seg["reference"] + seg["mt"], "segments segmented/s"),
             "align": (stages["rows"], "aligned segments/s (2 alignments per document)"),
             "metrics": (stages["rows"], "aligned segments scored/s (4 metrics, 3 levels)"),
             "detectors": (r.documents, "documents/s"), "reports": (r.documents, "documents/s (JSON+MD+HTML)")}
    for name, s in stages["stages"].items():
        count, unit = rates.get(name, (0, ""))
        rate = f"{count / s['seconds']:,.0f} {unit}" if count and s["seconds"] else ""
        out.append(f"| {name} | {s['seconds']:.1f} | {_mib(s['peak_kb'])} | {rate} |")

    cli, ours = r.runs["sacrebleu"], r.runs["metrics"]
    mine = ours.json()
    theirs = {item["name"]: item["score"] for item in json.loads(cli.stdout)} if cli.stdout.strip().startswith("[") \
        else {}
    same = all(round(mine["corpus"][k], 4) == theirs.get(n) for k, n in (("bleu", "BLEU"), ("chrf", "chrF2"),
                                                                           ("ter", "TER")))
    ratio = ours.wall / cli.wall
    out += ["", "## Metric stage beside the sacreBLEU command line", "",
            f"The same {mine['segments']:,} aligned segments (hypothesis and reference files written by the stage "
            "run). sacreBLEU computes corpus BLEU, chrF and TER; evalkit's stage computes BLEU, chrF, chrF++ and "
            f"TER at segment ({mine['segment_scores']:,} segment scores), document and corpus level.", "",
            "| tool | wall (s) | CPU (s) | peak RSS | command |", "|---|---|---|---|---|",
            f"| sacreBLEU CLI | {cli.wall:.1f} | {cli.cpu:.1f} | {_mib(cli.peak_kb)} | "
            f"{_cmd(cli, work)} |",
            f"| evalkit metric stage | {ours.wall:.1f} | {ours.cpu:.1f} | {_mib(ours.peak_kb)} | {_cmd(ours, work)} |",
            "",
            f"- Target: evalkit <= {TARGET_METRICS_RATIO}x sacreBLEU: {_verdict(ratio <= TARGET_METRICS_RATIO)} "
            f"({ratio:.2f}x). Corpus BLEU, chrF and TER {'identical to' if same else '**differ from**'} "
            f"sacreBLEU's output to 4 decimals ({', '.join(f'{k} {v}' for k, v in theirs.items())}).",
            "- Why: each segment's sufficient statistics are extracted once and every level is computed from "
            "them; chrF's statistics are sliced out of chrF++'s; TER runs sacreBLEU's algorithm with a faster "
            "edit distance, in C (evalkit/metrics/fast_ter.py, _ter.c); n-gram matches and BLEU's 13a "
            "tokenizer are in C (evalkit/metrics/_ngrams.c); each checked equal to sacreBLEU's on random and "
            "corpus text (tests/test_fast_ter.py, tests/test_fast_ngrams.py)."]
    if "score-lines" in r.runs:
        out += _score_lines_section(r, work)

    ek, gc = r.runs["align-evalkit"].json(), r.runs["align-nltk-gale-church"].json()
    out += ["", "## Aligner beside NLTK's Gale-Church", "",
            f"Every gold pair of the corpus ({ek['pairs']:,} source-MT and source-reference pairs, "
            f"{ek['segments']:,} segments), segmented by evalkit, aligned by each tool (alignment time only), "
            "scored against the generator's alignment (Sennrich & Volk convention, as "
            "`evalkit.alignment.evaluate`).", "",
            "| aligner | align seconds | segments/s | source-MT strict F1 | source-MT lax F1 "
            "| source-reference strict F1 "
            "| all strict F1 | peak RSS | command |", "|---|---|---|---|---|---|---|---|---|"]
    for name, data, m in (("evalkit", ek, r.runs["align-evalkit"]),
                          ("NLTK Gale-Church", gc, r.runs["align-nltk-gale-church"])):
        out.append(f"| {name} | {data['seconds']:.1f} | {data['segments'] / data['seconds']:,.0f} | "
                   f"{data['source-mt']['strict_f1']:.3f} | {data['source-mt']['lax_f1']:.3f} | "
                   f"{data['source-reference']['strict_f1']:.3f} | {data['all']['strict_f1']:.3f} | "
                   f"{_mib(m.peak_kb)} | {_cmd(m, work)} |")
    faster = ek["seconds"] < gc["seconds"]
    better = ek["all"]["strict_f1"] > gc["all"]["strict_f1"]
    out += ["", f"- Target: faster than Gale-Church at better F1: {_verdict(faster and better)} "
            f"({gc['seconds'] / ek['seconds']:.2f}x its speed; strict F1 {ek['all']['strict_f1']:.3f} vs "
            f"{gc['all']['strict_f1']:.3f})."]

    cs, nc, fc, cc = (r.runs[k] for k in ("comet-score", "comet-nocache", "comet-fresh-cache", "comet-cached"))
    system = {k: r.runs[k].json()["system"] for k in ("comet-nocache", "comet-fresh-cache", "comet-cached")}
    found = re.findall(r"score: (-?[\d.]+)", cs.stdout)
    cli_system = found[-1] if found else "?"
    out += ["", "## COMET path beside `comet-score` (tiny checkpoint)", "",
            f"{r.extra['comet_segments']:,} (source, MT, reference) triples from the aligned segments; a 2-layer "
            "XLM-R COMET checkpoint built by tests/comet_fixture.py (so the model's cost is small and the "
            "harness's overhead shows); CPU, batch size 16. Each row is a separate process, model loading "
            "included.", "",
            "| run | wall (s) | CPU (s) | peak RSS | system score | command |", "|---|---|---|---|---|---|",
            f"| comet-score | {cs.wall:.1f} | {cs.cpu:.1f} | {_mib(cs.peak_kb)} | {cli_system} | {_cmd(cs, work)} |",
            f"| evalkit, no cache | {nc.wall:.1f} | {nc.cpu:.1f} | {_mib(nc.peak_kb)} | "
            f"{system['comet-nocache']:.4f} | {_cmd(nc, work)} |",
            f"| evalkit, empty cache | {fc.wall:.1f} | {fc.cpu:.1f} | {_mib(fc.peak_kb)} | "
            f"{system['comet-fresh-cache']:.4f} | {_cmd(fc, work)} |",
            f"| evalkit, cached re-run | {cc.wall:.1f} | {cc.cpu:.1f} | {_mib(cc.peak_kb)} | "
            f"{system['comet-cached']:.4f} | {_cmd(cc, work)} |", ""]
    overhead = max(nc.wall, fc.wall) / cs.wall
    speedup = fc.wall / cc.wall
    out += [f"- Target: overhead <= {TARGET_COMET_RATIO}x comet-score: {_verdict(overhead <= TARGET_COMET_RATIO)} "
            f"({nc.wall / cs.wall:.2f}x without cache, {fc.wall / cs.wall:.2f}x filling the cache).",
            f"- Target: cached re-run >= {TARGET_CACHE_SPEEDUP}x faster: "
            f"{_verdict(speedup >= TARGET_CACHE_SPEEDUP)} ({speedup:.1f}x; the cached run never loads the model).",
            "", "## Start-up", "",
            f"- `evalkit --help`: {r.extra['help_seconds']:.2f} s (median of 5 runs, wall); a run without COMET "
            "never imports torch (tests/test_cli.py::test_run_without_comet_never_imports_torch)."]
    return out


# --- the detectors on one long page: time and memory against document length

SCALING_MB = (1, 5, 50)
SCALING_SHAPES = {
    "lines": ("one sentence per line, nearly every line distinct (a counter is added once the corpus's "
              "sentences run out)"),
    "repeats": "the corpus's MT pages repeated whole, so every line recurs",
}
SCALING_MARK = "<!-- scaling: written by `python -m benchmarks.run --scaling-only` -->"


def scaling_page(path: Path, shape: str, mb: float) -> int:
    """Writes a page of about `mb` MB of the bundled corpus's MT text in the given shape; its size in bytes."""
    corpus = ROOT / "corpora" / "spinner-news-en-fr" / "systems" / "web-spinner-mt"
    pages = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    size, n, k = int(mb * 1_000_000), 0, 0
    sentences = [s for page in pages for s in re.split(r"(?<=[.!?])\s+|\n+", page) if s.strip()]
    with path.open("w", encoding="utf-8") as fh:
        while n < size:
            if shape == "lines":
                line = sentences[k % len(sentences)]
                line = line if k < len(sentences) else f"{line} ({k})"
            else:
                line = pages[k % len(pages)]
            fh.write(line + "\n")
            n += len(line.encode("utf-8")) + 1
            k += 1
    return path.stat().st_size


def run_scaling(work: Path, sizes: Sequence[float], log) -> list[tuple[str, float, int, Measured]]:  # type: ignore[no-untyped-def]
    """`evalkit flag` (MT only, every detector) on pages of each shape and size, each in its own process."""
    rows = []
    for shape in SCALING_SHAPES:
        for mb in sizes:
            page = work / f"page-{shape}-{mb:g}MB.txt"
            nbytes = scaling_page(page, shape, mb)
            out = work / f"flags-{shape}-{mb:g}MB.json"
            command = f"{PY} -m evalkit flag --src-lang en --tgt-lang fr --format json {page} > {out}"
            m = measure(["sh", "-c", command], env={**os.environ, "PYTHONPATH": str(ROOT)})
            m.stdout = str(_count_flags(out))
            rows.append((shape, mb, nbytes, m))
            log(f"  flag {shape} {mb:g} MB: {m.wall:.1f} s, {(m.tree_peak_kb or 0) / 1024:.0f} MiB, rc {m.returncode}")
            page.unlink()
            out.unlink(missing_ok=True)
    return rows


def _count_flags(path: Path) -> int:
    """The flags of `evalkit flag`'s JSON, counted by streaming (the benchmark process stays small:
    a forked child starts with its parent's resident pages)."""
    count, tail = 0, b""
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            data = tail + chunk
            count += data.count(b'"category":')
            tail = data[-16:]
            count -= tail.count(b'"category":')
    return count


def render_scaling(rows: list[tuple[str, float, int, Measured]], info: dict[str, str], started: str) -> str:
    out = [SCALING_MARK, "", "## Detectors on one long page (1, 5 and 50 MB)", "",
           f"Measured on {started}: {info['platform']} ({info['machine']}), {info['cpu']}, {info['cores']} cores, "
           f"{info['memory']} memory, Python {info['python']}. Each row is one process, `evalkit flag --src-lang en "
           "--tgt-lang fr --format json PAGE > flags.json` (no source: segmentation, every detector, the JSON), "
           "its wall and CPU time and peak RSS (the process tree's, sampled every 0.2 s). Pages: "
           + "; ".join(f"*{k}*: {v}" for k, v in SCALING_SHAPES.items())
           + ". A document over 256 KiB is read in windows of whole lines (evalkit/detectors/windows.py), so a "
           "repeat or a name spelt two ways is found within a window only.", "",
           "| page | size | wall (s) | CPU (s) | s per MB | peak RSS | flags | load before/after |",
           "|---|---|---|---|---|---|---|---|"]
    for shape, _mb, nbytes, m in rows:
        per = m.wall / (nbytes / 1e6)
        out.append(f"| {shape} | {nbytes / 1e6:.1f} MB | {m.wall:.1f} | {m.cpu:.1f} | {per:.1f} "
                   f"| {_mib(m.tree_peak_kb)} "
                   f"| {m.stdout or 'rc ' + str(m.returncode)} | {m.load[0]:.1f}/{m.load[1]:.1f} |")
    out.append("")
    return "\n".join(out)


def write_scaling(path: Path, section: str) -> None:
    """Puts the scaling section in RESULTS.md in place of the previous one (or at its end)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    head = text.split(SCALING_MARK)[0].rstrip()
    path.write_text((head + "\n\n" if head else "") + section, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated corpus sizes in documents (default 1000,10000)")
    parser.add_argument("--quick", action="store_true", help="one smoke run of 200 documents")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"), help="the Markdown report")
    parser.add_argument("--work", help="scratch folder (default: a temporary one, removed at the end)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"end-to-end runs, of {', '.join(ENGINES)} (default all; local only at the smallest size)")
    parser.add_argument("--comet-segments", type=int, default=3000, help="triples for the COMET runs (default 3000)")
    parser.add_argument("--only", choices=["score-lines"],
                        help="score-lines: only `evalkit score` beside the sacreBLEU CLI, at the first size; "
                             "the section is printed (RESULTS.md is left alone unless --out is given)")
    parser.add_argument("--scaling-mb", default=",".join(f"{x:g}" for x in SCALING_MB),
                        help="page sizes in MB for the one-long-page runs (default 1,5,50)")
    parser.add_argument("--scaling-only", action="store_true",
                        help="only the one-long-page runs; their section of --out is replaced, the rest kept")
    args = parser.parse_args(argv)
    if args.only:
        return _only_score_lines(args, argv)
    scaling_sizes = [float(x) for x in args.scaling_mb.split(",") if x]
    sizes = [200] if args.quick else sorted(int(s) for s in args.sizes.split(","))
    engines = [e for e in args.engines.split(",") if e]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine {unknown[0]!r}; use {', '.join(ENGINES)}")
    if "dask" in engines:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("dask[distributed] is not installed: the Dask engine is not measured", file=sys.stderr)
            engines.remove("dask")
    work, started, start, log = _workspace(args)

    info = machine()
    results = []
    try:
        if not args.scaling_only:
            for size in sizes:
                results.append(run_size(size, work, compare=size == sizes[0], engines=engines,
                                        comet_limit=args.comet_segments, log=log))
        scaling = run_scaling(work, scaling_sizes, log)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if not args.scaling_only:
        text = render(results, info, work, argv, started, time.perf_counter() - start)
        Path(args.out).write_text(text, encoding="utf-8")
    write_scaling(Path(args.out), render_scaling(scaling, info, started))
    log(f"wrote {args.out}")
    return 0


def _workspace(args: argparse.Namespace) -> tuple[Path, str, float, Callable[[str], None]]:
    """The work folder (--work, else a temporary one), the start date and clock, and a logger of elapsed time."""
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="evalkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    start = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - start:6.0f} s] {message}", file=sys.stderr, flush=True)
    return work, started, start, log


def _only_score_lines(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """The `evalkit score` row alone: generate the corpus, write its aligned rows, measure both tools."""
    size = 200 if args.quick else sorted(int(s) for s in args.sizes.split(","))[0]
    work, started, start, log = _workspace(args)

    try:
        res = SizeResults(size)
        corpus = work / f"synthetic-{size}"
        shutil.rmtree(corpus, ignore_errors=True)
        generate(corpus, size, pool=load_pool())
        stage_dir = work / f"stages-{size}"
        shutil.rmtree(stage_dir, ignore_errors=True)
        measure([PY, "-m", "benchmarks.tasks", "stages", str(corpus), str(stage_dir)])
        measure([PY, "-m", "evalkit", "--help"])  # warm the file cache
        measure_score_lines(res, stage_dir / "rows", log)
        info = machine()
        section = _score_lines_section(res, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    text = "\n".join([f"Measured alone by `.venv/bin/python -m benchmarks.run {' '.join(argv)}` on {started} "
                      f"({size:,} generated documents).", "",
                      f"- {info['platform']} ({info['machine']}), {info['cpu']}, {info['cores']} cores, "
                      f"{info['memory']} memory, Python {info['python']}", f"- {info['versions']}", *section]) + "\n"
    if args.out != str(ROOT / "benchmarks" / "RESULTS.md"):
        Path(args.out).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
