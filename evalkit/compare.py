"""`evalkit compare`: every system's scores with 95% confidence intervals, tested against a baseline.

One pipeline run, then paired bootstrap and approximate randomization over its aligned segments
(evalkit.stats), a per-document win/tie/loss tally, and text, Markdown or JSON renderings of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .stats import DEFAULT_ALPHA, DEFAULT_AR_TRIALS, DEFAULT_RESAMPLES, DEFAULT_SEED, MQM, Significance

if TYPE_CHECKING:
    from .corpus import Corpus
    from .pipeline import RunOptions
    from .results import RunResult


SCHEMA = "evalkit.compare"
SCHEMA_VERSION = "1.0"
BETTER, WORSE = "▲", "▼"
TIE_TOLERANCE = 1e-9


# -- the comparison ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentTally:
    """On how many documents the candidate beats, ties or loses to the baseline (one statistic)."""

    candidate: str
    statistic: str
    wins: int
    ties: int
    losses: int
    missing: int = 0          # documents where either score is missing


@dataclass(frozen=True)
class Comparison:
    """What `evalkit compare` found: estimates and paired tests, and per-document tallies."""

    corpus: str
    source_lang: str
    target_lang: str
    baseline: str
    candidates: tuple[str, ...]
    alpha: float
    significance: Significance
    tallies: tuple[DocumentTally, ...]
    n_documents: int
    notes: tuple[str, ...] = ()
    versions: tuple[tuple[str, str], ...] = ()
    mode: str = "documents re-aligned"      # or "lines as given" (line-aligned test sets)

    @property
    def metrics(self) -> tuple[str, ...]:
        """The statistics that are metrics (and the MQM penalty) as opposed to flag categories."""
        kinds = self.significance.kinds
        return tuple(s for s in self.significance.statistics if kinds[s] != "flags")

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "corpus": self.corpus,
            "source_lang": self.source_lang, "target_lang": self.target_lang, "baseline": self.baseline,
            "candidates": list(self.candidates), "alpha": self.alpha, "n_documents": self.n_documents,
            "mode": self.mode,
            "significance": self.significance.to_dict(),
            "verdicts": {f"{c.candidate}|{c.statistic}": c.verdict(self.alpha)
                         for c in self.significance.comparisons},
            "documents": [dict(sorted(t.__dict__.items())) for t in self.tallies],
            "notes": list(self.notes), "versions": dict(self.versions),
        }


def compare_result(result: RunResult, *, baseline: str | None = None, systems: Sequence[str] | None = None,
                   resamples: int = DEFAULT_RESAMPLES, ar_trials: int = DEFAULT_AR_TRIALS,
                   seed: int = DEFAULT_SEED, unit: str = "segment", alpha: float = DEFAULT_ALPHA) -> Comparison:
    """Compare the systems of a run (over aligned segments) against `baseline`.

    `baseline` defaults to the first system in alphabetical order; `systems` to all of the run's.
    Metrics, flag categories and the MQM penalty are compared when the run has them. `unit`,
    the resampling unit: "segment" (aligned-segment groups) or "document".
    """
    from .report.summary import input_mode
    from .stats import flag_statistics, metric_statistic, paired_tests, resampling_units
    from .units import resampling_unit

    check_alpha(alpha)
    unit = resampling_unit(unit)
    available = list(dict.fromkeys(d.system for d in result.documents))
    chosen = list(systems) if systems is not None else available
    unknown = [s for s in [*chosen, *([baseline] if baseline else [])] if s not in available]
    if unknown:
        raise UsageError(f"unknown system {unknown[0]!r}; available: {', '.join(available)}")
    if not chosen:
        raise UsageError("no system to compare")
    baseline = baseline or min(chosen)
    candidates = tuple(s for s in sorted(chosen) if s != baseline)
    ordered = [baseline, *candidates]
    units = resampling_units(result, ordered, unit)
    statistics = [metric_statistic(result, units, ordered, m) for m in result.metrics]
    if all(d.flags is not None for d in result.documents if d.system in ordered):
        statistics += flag_statistics(result, units, ordered)
    significance = paired_tests(statistics, baseline, candidates, resamples=resamples, ar_trials=ar_trials,
                                seed=seed, unit=unit, sacrebleu_exact=sacrebleu_exact(result, unit))
    tallies = tuple(_tally(result, baseline, c, s.name, s.higher_is_better)
                    for c in candidates for s in statistics if s.kind != "flags")
    n_documents = len({d.doc_id for d in result.documents})
    return Comparison(result.corpus, result.source_lang, result.target_lang, baseline, candidates, alpha,
                      significance, tallies, n_documents, tuple(result.notes),
                      tuple(sorted(result.versions.items())), input_mode(result))


def compare_corpus(corpus: Corpus, options: RunOptions, **settings: Any) -> Comparison:
    """Run the pipeline on `corpus` (over aligned segments) and compare its systems; see compare_result."""
    from dataclasses import replace

    from .pipeline import evaluate_corpus

    baseline = settings.get("baseline")
    systems = options.systems
    if systems is not None and baseline and baseline not in systems:
        systems = (*systems, baseline)
    result = evaluate_corpus(corpus, replace(options, unit="aligned", systems=systems))
    return compare_result(result, **settings)


def sacrebleu_exact(result: RunResult, unit: str) -> bool:
    """Lines as given, resampled by line: sacreBLEU's own setting, so its paired tests are replicated."""
    from .units import SEGMENT, normalize_unit

    return result.segmentation == "lines" and normalize_unit(unit) == SEGMENT


def check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise UsageError(f"alpha must be between 0 and 1, not {alpha}")


def _document_value(doc, statistic: str) -> float | None:
    if statistic == MQM:
        return doc.mqm.penalty_per_100_words if doc.mqm is not None else None
    score = doc.scores.get(statistic)
    return score.value if score is not None else None


def _tally(result: RunResult, baseline: str, candidate: str, statistic: str,
           higher_is_better: bool) -> DocumentTally:
    docs = {(d.system, d.doc_id): d for d in result.documents}
    wins = ties = losses = missing = 0
    for doc_id in dict.fromkeys(d.doc_id for d in result.documents):
        base = _document_value(docs[(baseline, doc_id)], statistic)
        cand = _document_value(docs[(candidate, doc_id)], statistic)
        if base is None or cand is None:
            missing += 1
            continue
        gain = (cand - base) if higher_is_better else (base - cand)
        if abs(gain) <= TIE_TOLERANCE:
            ties += 1
        elif gain > 0:
            wins += 1
        else:
            losses += 1
    return DocumentTally(candidate, statistic, wins, ties, losses, missing)


# -- rendering (computes nothing) -------------------------------------------------------------

def _number(statistic: str, kind: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if kind == "flags":
        return f"{value:g}"
    from .metrics import metric_decimals

    return f"{value:.{metric_decimals(statistic)}f}"


def _signed(statistic: str, kind: str, value: float | None) -> str:
    text = _number(statistic, kind, value)
    return f"+{text}" if value is not None and value > 0 else text


def _p(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _mark(verdict: str) -> str:
    return {"better": f" {BETTER}", "worse": f" {WORSE}"}.get(verdict, "")


def _tables(comparison: Comparison) -> dict[str, tuple[list[str], list[list[str]]]]:
    sig = comparison.significance
    kinds = sig.kinds
    metrics = comparison.metrics
    scores_header = ["system", *[("MQM/100w" if m == MQM else m) for m in metrics]]
    scores_rows = []
    for system in sig.systems:
        row = [f"{system} (baseline)" if system == comparison.baseline else system]
        for m in metrics:
            e = sig.estimate(system, m)
            if e.value is None:
                row.append("not computed")
                continue
            kind = kinds[m]
            cell = f"{_number(m, kind, e.value)} [{_number(m, kind, e.ci_low)}, {_number(m, kind, e.ci_high)}]"
            if system != comparison.baseline:
                cell += _mark(sig.comparison(system, m).verdict(comparison.alpha))
            row.append(cell)
        scores_rows.append(row)
    tests_header = ["candidate", "statistic", "baseline", "candidate value", "delta", "95% CI of delta",
                    "p (bootstrap)", "p (AR)", "verdict"]
    tests_rows = []
    order = {name: k for k, name in enumerate(sig.statistics)}
    for c in sorted(sig.comparisons, key=lambda c: (comparison.candidates.index(c.candidate), order[c.statistic])):
        verdict = c.verdict(comparison.alpha)
        if c.error is not None:
            tests_rows.append([c.candidate, c.statistic, "", "", "", "", "", "", f"not computed: {c.error}"])
            continue
        ci = f"[{_signed(c.statistic, c.kind, c.ci_low)}, {_signed(c.statistic, c.kind, c.ci_high)}]"
        tests_rows.append([c.candidate, "MQM/100w" if c.statistic == MQM else c.statistic,
                           _number(c.statistic, c.kind, c.baseline_value),
                           _number(c.statistic, c.kind, c.candidate_value),
                           _signed(c.statistic, c.kind, c.difference), ci, _p(c.p_bootstrap),
                           _p(c.p_randomization), verdict + _mark(verdict)])
    docs_header = ["candidate", "statistic", "wins", "ties", "losses", "missing"]
    docs_rows = [[t.candidate, "MQM/100w" if t.statistic == MQM else t.statistic, str(t.wins), str(t.ties),
                  str(t.losses), str(t.missing)] for t in comparison.tallies]
    return {"scores": (scores_header, scores_rows), "tests": (tests_header, tests_rows),
            "documents": (docs_header, docs_rows)}


def _settings_line(comparison: Comparison) -> str:
    sig = comparison.significance
    unit = "aligned-segment groups" if sig.unit == "segments" else "documents"
    ar = f"approximate randomization with {sig.ar_trials} trials (sacreBLEU's metrics only)" \
        if sig.ar_trials else "no approximate randomization"
    exact = ""
    if sig.method == "sacrebleu":
        unit = "lines as given"
        exact = ("Computed as sacreBLEU's --paired-bs/--paired-ar (float32 resampling; a metric's CI is "
                 "the bootstrap mean ± half the 95% range). ")
    return (f"Baseline {comparison.baseline}. 95% confidence intervals and paired bootstrap p-values from "
            f"{sig.resamples} resamples of {sig.n_units} {unit} (seed {sig.seed}); {ar}. {exact}"
            f"{BETTER}/{WORSE}: the candidate is significantly better/worse than the baseline "
            f"(p < {comparison.alpha:g}, in the statistic's own direction: lower is better for TER, "
            "flag counts and MQM/100w).")


def render_text(comparison: Comparison) -> str:
    tables = _tables(comparison)
    titles = {"scores": "Scores [95% CI]", "tests": "Paired tests against the baseline",
              "documents": f"Documents where the candidate beats / ties / loses to the baseline "
                           f"(of {comparison.n_documents})"}
    out = [f"Comparison on {comparison.corpus} ({comparison.source_lang}->{comparison.target_lang})",
           _settings_line(comparison), ""]
    for key, (header, rows) in tables.items():
        if not rows:
            continue
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        out.append(titles[key])
        out.append("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        out.append("  ".join("-" * w for w in widths))
        out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
        out.append("")
    out += [f"{name}: {signature}" for name, signature in sorted(comparison.significance.signatures.items())]
    out += list(comparison.notes)
    return "\n".join(out).rstrip() + "\n"


def _md_cell(text: str) -> str:
    from .mdtext import text as escape

    return escape(text)


def render_markdown(comparison: Comparison) -> str:
    tables = _tables(comparison)
    titles = {"scores": "Scores [95% CI]", "tests": "Paired tests against the baseline",
              "documents": f"Per-document wins / ties / losses (of {comparison.n_documents} documents)"}
    from .mdtext import code

    out = [(f"# System comparison: {_md_cell(comparison.corpus)} "
            f"({_md_cell(comparison.source_lang)}→{_md_cell(comparison.target_lang)})"), "",
           _md_cell(_settings_line(comparison)), ""]
    for key, (header, rows) in tables.items():
        if not rows:
            continue
        out += [f"## {titles[key]}", "", "| " + " | ".join(_md_cell(h) for h in header) + " |",
                "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        out.append("")
    out += ["## Signatures", ""]
    out += [f"- {code(name)}: {code(signature)}"
            for name, signature in sorted(comparison.significance.signatures.items())]
    if comparison.notes:
        out += ["", "## Notes", ""] + [f"- {_md_cell(note)}" for note in comparison.notes]
    return "\n".join(out).rstrip() + "\n"


def render_json(comparison: Comparison) -> str:
    from .textio import json_text

    return json_text(comparison.to_dict())


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}


def write_outputs(comparison: Comparison, out_dir: str | Path) -> list[Path]:
    """compare.json and compare.md in `out_dir`, each written atomically."""
    from .textio import write_atomic

    out = Path(out_dir)
    written = []
    for name, render in (("compare.json", render_json), ("compare.md", render_markdown)):
        try:
            write_atomic(out / name, render(comparison))
        except OSError as exc:
            from .errors import InputError

            raise InputError(out / name, f"cannot write ({exc.strerror})") from None
        written.append(out / name)
    return written


def default_seed() -> int:
    """$SACREBLEU_SEED when it holds an integer (sacreBLEU's paired tests read it), else 12345."""
    import os

    value = os.environ.get("SACREBLEU_SEED", "")
    try:
        return int(value)
    except ValueError:
        return DEFAULT_SEED
