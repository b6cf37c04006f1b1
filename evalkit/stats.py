"""Confidence intervals and paired significance tests between MT systems.

sacreBLEU's paired bootstrap and approximate randomization, run on per-unit sufficient statistics
so that BLEU/chrF/TER, COMET means and flag counts all share one seeded resampling of the units.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .flags import flag_weight
from .units import resampling_unit

if TYPE_CHECKING:
    import numpy as np

    from .results import DocumentResult, RunResult

DEFAULT_RESAMPLES = 1000      # sacreBLEU's default for --paired-bs
DEFAULT_AR_TRIALS = 10000     # sacreBLEU's default for --paired-ar
DEFAULT_SEED = 12345          # sacreBLEU's default SACREBLEU_SEED
DEFAULT_ALPHA = 0.05
# Honest bounds: numpy seeds are unsigned (a negative one is an error there), and the resampling
# holds resamples x units counts (8 bytes each), so their product is capped too (about 800 MB).
SETTING_LIMITS = {"resamples": (1, 100_000), "ar_trials": (0, 1_000_000), "seed": (0, 2**32 - 1)}
MAX_DRAWS = 100_000_000
UNITS = ("segments", "documents")   # as reports write them; `segment`/`document` accepted (evalkit/units.py)
MQM = "mqm"


# -- what is resampled ------------------------------------------------------------------------

@dataclass(frozen=True)
class Statistic:
    """One compared quantity: per-unit sufficient statistics of each system, and their scorer.

    `rows[system]` has one row per resampling unit (the same units, in the same order, for
    every system); `score` maps the column sums to the quantity (BLEU from n-gram counts,
    a mean from (sum, count), a rate from (penalty, words)). Summing every row gives the
    corpus figure, so resampling re-sums statistics instead of re-scoring text.
    """

    name: str                     # "bleu", "comet", "mqm", or a flag category "accuracy/untranslated"
    kind: str                     # "metric", "flags" or "mqm"
    higher_is_better: bool
    signature: str
    rows: Mapping[str, np.ndarray] = field(compare=False, repr=False)
    score: Callable[[Sequence[float]], float] = field(compare=False, repr=False)
    randomization: bool = False   # sacreBLEU offers approximate randomization for this metric
    errors: Mapping[str, str] = field(default_factory=dict)   # system -> why it was not computed
    # sacreBLEU's metric object (its _compute_score_from_stats), for resampling exactly as
    # sacreBLEU's paired tests do (`paired_tests(..., sacrebleu_exact=True)`)
    sacrebleu: Any = field(default=None, compare=False, repr=False)

    def value(self, system: str) -> float | None:
        if system in self.errors:
            return None
        return _finite(self.score(self.rows[system].sum(axis=0).tolist()))


@dataclass(frozen=True)
class Units:
    """The resampling units every system shares, and where each system's aligned segments fall.

    With unit "segments" a unit is the smallest group of source sentences that no system's
    alignment splits (usually one source sentence: sacreBLEU's sentence); MT insertions join
    the unit of the segment before them. With "documents" a unit is a document.
    """

    unit: str
    labels: tuple[tuple[str, int], ...]                         # (doc_id, unit number in the document)
    assignment: Mapping[tuple[str, str], tuple[int, ...]]        # (system, doc_id) -> unit of each segment
    first: Mapping[str, int]                                     # doc_id -> its first unit

    def __len__(self) -> int:
        return len(self.labels)


def resampling_units(result: RunResult, systems: Sequence[str], unit: str = "segments") -> Units:
    """Units shared by `systems` in `result` (a run over aligned segments)."""
    unit = resampling_unit(unit)
    by_key = _documents(result, systems)
    doc_ids = list(dict.fromkeys(d.doc_id for d in result.documents if d.system == systems[0]))
    labels: list[tuple[str, int]] = []
    assignment: dict[tuple[str, str], tuple[int, ...]] = {}
    first: dict[str, int] = {}
    for doc_id in doc_ids:
        docs = {s: by_key[(s, doc_id)] for s in systems}
        if any(not d.segments for d in docs.values()):
            raise UsageError("significance tests need a run over aligned segments (unit 'aligned'); "
                             f"document {doc_id!r} has no aligned segments")
        offset = len(labels)
        first[doc_id] = offset
        if unit == "documents":
            labels.append((doc_id, 0))
            for s, d in docs.items():
                assignment[(s, doc_id)] = (offset,) * len(d.segments)
            continue
        blocks = _source_blocks(docs.values())
        labels.extend((doc_id, k) for k in range(max(blocks.values(), default=0) + 1))
        for s, d in docs.items():
            assignment[(s, doc_id)] = tuple(offset + k for k in _segment_blocks(d, blocks))
    return Units(unit, tuple(labels), assignment, first)


def _documents(result: RunResult, systems: Sequence[str]) -> dict[tuple[str, str], DocumentResult]:
    by_key = {(d.system, d.doc_id): d for d in result.documents}
    present = {d.system for d in result.documents}
    for system in systems:
        if system not in present:
            raise UsageError(f"system {system!r} is not in the results; available: {', '.join(sorted(present))}")
    return by_key


def _source_blocks(docs) -> dict[tuple[int, int], int]:
    """Source sentence span -> block number: sentences any system aligns together share a block."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in docs:
        for row in d.segments:
            for span in row.source_spans:
                parent.setdefault(span, span)
            for span in row.source_spans[1:]:
                a, b = find(row.source_spans[0]), find(span)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    roots = sorted({find(s) for s in parent})
    number = {root: k for k, root in enumerate(roots)}
    return {span: number[find(span)] for span in parent}


def _segment_blocks(doc: DocumentResult, blocks: Mapping[tuple[int, int], int]) -> list[int]:
    known = [blocks[row.source_spans[0]] if row.source_spans else None for row in doc.segments]
    out: list[int] = []
    previous = next((k for k in known if k is not None), 0)
    for k in known:
        previous = k if k is not None else previous
        out.append(previous)
    return out


# -- statistics from a run --------------------------------------------------------------------

def metric_statistic(result: RunResult, units: Units, systems: Sequence[str], name: str) -> Statistic:
    """Per-unit statistics of one metric: sacreBLEU's sufficient statistics, or (sum, count) for COMET."""
    import numpy as np

    from .metrics import METRICS, get_metric

    entry = METRICS.entry(name)
    by_key = _documents(result, systems)
    corpus_scores = {s.system: s.scores.get(name) for s in result.systems}
    errors = {}
    for system in systems:
        score = corpus_scores.get(system)
        if score is None:
            errors[system] = f"{name} was not computed in this run"
        elif score.value is None:
            errors[system] = score.error or "no value"
    signature = next((s.signature for s in corpus_scores.values() if s is not None), name)
    cls = entry.load()
    sacrebleu_metric = hasattr(cls, "sufficient_statistics")
    metric = get_metric(name, target_lang=result.target_lang) if sacrebleu_metric else None
    rows: dict[str, np.ndarray] = {}
    seen: dict[tuple[str, str], list] = {}   # systems often share segments; TER's statistics are slow
    for system in systems:
        if system in errors:
            rows[system] = np.zeros((len(units), 1))
            continue
        matrix: np.ndarray | None = None
        for doc_id in units.first:
            d = by_key[(system, doc_id)]
            if metric is not None:
                pairs = [(r.hypothesis, r.reference) for r in d.segments]
                new = list(dict.fromkeys(p for p in pairs if p not in seen))
                if new:
                    extracted = metric.sufficient_statistics([h for h, _ in new], [r for _, r in new])
                    seen.update(zip(new, extracted))
                stats = np.asarray([seen[p] for p in pairs], dtype=float)
            else:
                values = d.segment_scores.get(name) or [None] * len(d.segments)
                stats = np.array([[v, 1.0] if v is not None else [0.0, 0.0] for v in values], dtype=float)
            if matrix is None:
                matrix = np.zeros((len(units), stats.shape[1]))
            np.add.at(matrix, list(units.assignment[(system, doc_id)]), stats)
        rows[system] = matrix if matrix is not None else np.zeros((len(units), 1))
    scorer = _metric_scorer(metric) if metric is not None else _mean
    return Statistic(name, "metric", bool(entry.meta.get("higher_is_better", True)), signature, rows, scorer,
                     randomization=sacrebleu_metric, errors=errors,
                     sacrebleu=metric._corpus if metric is not None else None)


def flag_statistics(result: RunResult, units: Units, systems: Sequence[str],
                    categories: Sequence[str] | None = None, mqm: bool = True) -> list[Statistic]:
    """Flag counts per category (sums) and the MQM-style penalty per 100 MT words (a rate).

    `categories`: None for every category any of `systems` was flagged with. Each flag counts
    in the unit of the aligned segment its span starts in (or the segment before it).
    """
    import numpy as np

    by_key = _documents(result, systems)
    not_run = {s: "the error detectors were not run" for s in systems
               if any(by_key[(s, doc_id)].flags is None for doc_id in units.first)}
    if categories is None:
        categories = sorted({f.category for s in systems if s not in not_run for doc_id in units.first
                             for f in by_key[(s, doc_id)].flags or ()})
    index = {c: k for k, c in enumerate(categories)}
    counts = {s: np.zeros((len(units), len(categories))) for s in systems}
    rates = {s: np.zeros((len(units), 2)) for s in systems}   # (penalty, words)
    for system in systems:
        if system in not_run:
            continue
        for doc_id, first in units.first.items():
            d = by_key[(system, doc_id)]
            where = units.assignment[(system, doc_id)]
            starts = sorted((span[0], k) for k, row in enumerate(d.segments) for span in row.hypothesis_spans)
            keys = [s for s, _ in starts]
            weights = d.mqm.weights if d.mqm is not None else {}
            for f in d.flags or ():
                position = bisect.bisect_right(keys, f.start) - 1
                unit = where[starts[max(position, 0)][1]] if starts else first
                if f.category in index:
                    counts[system][unit, index[f.category]] += 1
                rates[system][unit, 0] += flag_weight(f, weights) if f.severity in weights else 0.0
            segment_words = 0
            for k, row in enumerate(d.segments):
                words = len(row.hypothesis.split())
                rates[system][where[k], 1] += words
                segment_words += words
            # Words outside every segment still count, as in the pipeline's per-document rate.
            rates[system][first, 1] += (d.mqm.words if d.mqm is not None else segment_words) - segment_words
    out = []
    for c, k in index.items():
        rows = {s: counts[s][:, k:k + 1] for s in systems}
        out.append(Statistic(c, "flags", False, f"flags:{c}", rows, _total, errors=dict(not_run)))
    if mqm:
        weights = next((by_key[(s, d)].mqm.weights for s in systems if s not in not_run for d in units.first
                        if by_key[(s, d)].mqm is not None), {})
        signature = "mqm-per-100-words|" + ",".join(f"{k}:{v:g}" for k, v in sorted(weights.items()))
        out.append(Statistic(MQM, "mqm", False, signature, rates, _per_100_words, errors=dict(not_run)))
    return out


def _metric_scorer(metric) -> Callable[[Sequence[float]], float]:
    def score(totals: Sequence[float]) -> float:
        return metric.score_from_statistics([totals])
    return score


def _mean(totals: Sequence[float]) -> float:
    return totals[0] / totals[1] if totals[1] else math.nan


def _total(totals: Sequence[float]) -> float:
    return float(totals[0])


def _per_100_words(totals: Sequence[float]) -> float:
    return 100.0 * totals[0] / totals[1] if totals[1] else 0.0


def sentence_statistic(name: str, hypotheses: Mapping[str, Sequence[str]], references: Sequence[str],
                       target_lang: str | None = None) -> Statistic:
    """A sacreBLEU metric over plain sentence lists, one unit per sentence (sacreBLEU's setting)."""
    import numpy as np

    from .metrics import METRICS, get_metric

    entry = METRICS.entry(name)
    metric = get_metric(name, target_lang=target_lang)
    if not hasattr(metric, "sufficient_statistics"):
        raise UsageError(f"{name} has no sufficient statistics; use metric_statistic on a run")
    rows = {s: np.asarray(metric.sufficient_statistics(list(h), list(references)), dtype=float)
            for s, h in hypotheses.items()}
    return Statistic(name, "metric", bool(entry.meta.get("higher_is_better", True)), metric.signature(), rows,
                     _metric_scorer(metric), randomization=True, sacrebleu=metric._corpus)


# -- results ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Estimate:
    """A system's score on one statistic, with its bootstrap 95% confidence interval."""

    system: str
    statistic: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    error: str | None = None
    # sacreBLEU's "mean ± CI" (exact mode): the bootstrap mean; the interval is mean ± half the
    # distance between the 2.5th and 97.5th order statistics
    mean: float | None = None


@dataclass(frozen=True)
class PairedResult:
    """Candidate against baseline on one statistic: difference (candidate - baseline), its CI, p-values."""

    statistic: str
    kind: str
    baseline: str
    candidate: str
    higher_is_better: bool
    baseline_value: float | None
    candidate_value: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_bootstrap: float | None
    p_randomization: float | None     # None: not offered for this statistic (or not run)
    error: str | None = None

    @property
    def improvement(self) -> float | None:
        """The difference in the statistic's own direction: positive means the candidate is better."""
        if self.difference is None:
            return None
        return self.difference if self.higher_is_better else -self.difference

    def significant(self, alpha: float = DEFAULT_ALPHA) -> bool:
        return self.p_bootstrap is not None and self.p_bootstrap < alpha

    def verdict(self, alpha: float = DEFAULT_ALPHA) -> str:
        """"better" / "worse" (candidate, significantly), "n.s." (not significant) or "not computed"."""
        if self.error is not None or self.improvement is None:
            return "not computed"
        if not self.significant(alpha) or self.improvement == 0:
            return "n.s."
        return "better" if self.improvement > 0 else "worse"


@dataclass(frozen=True)
class Significance:
    """Every estimate and paired test of one comparison, with the settings that produced them."""

    unit: str
    n_units: int
    resamples: int
    ar_trials: int
    seed: int
    baseline: str
    systems: tuple[str, ...]
    statistics: tuple[str, ...]
    estimates: tuple[Estimate, ...]
    comparisons: tuple[PairedResult, ...]
    signatures: Mapping[str, str]
    kinds: Mapping[str, str]                  # statistic -> "metric", "flags" or "mqm"
    method: str = "evalkit"                   # "sacrebleu": resampled exactly as sacreBLEU's paired tests

    def estimate(self, system: str, statistic: str) -> Estimate:
        for e in self.estimates:
            if e.system == system and e.statistic == statistic:
                return e
        raise KeyError((system, statistic))

    def comparison(self, candidate: str, statistic: str) -> PairedResult:
        for c in self.comparisons:
            if c.candidate == candidate and c.statistic == statistic:
                return c
        raise KeyError((candidate, statistic))

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit, "n_units": self.n_units, "resamples": self.resamples,
            "ar_trials": self.ar_trials, "seed": self.seed, "baseline": self.baseline, "method": self.method,
            "systems": list(self.systems), "statistics": list(self.statistics),
            "signatures": dict(sorted(self.signatures.items())), "kinds": dict(sorted(self.kinds.items())),
            "estimates": [_rounded(e.__dict__) for e in self.estimates],
            "comparisons": [_rounded({**c.__dict__, "improvement": c.improvement}) for c in self.comparisons],
        }


def _rounded(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in sorted(values.items())}


# -- the tests --------------------------------------------------------------------------------

def setting_problem(key: str, value: object) -> str | None:
    """Why `value` is not a valid resamples / ar_trials / seed (SETTING_LIMITS); None if it is."""
    low, high = SETTING_LIMITS[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"must be an integer from {low} to {high:,}, not {value!r}"
    return None


def paired_tests(statistics: Sequence[Statistic], baseline: str, candidates: Sequence[str], *,
                 resamples: int = DEFAULT_RESAMPLES, ar_trials: int = DEFAULT_AR_TRIALS,
                 seed: int = DEFAULT_SEED, unit: str = "segments", sacrebleu_exact: bool = False) -> Significance:
    """Bootstrap 95% CIs for every system and paired tests of each candidate against `baseline`.

    The bootstrap draws `resamples` resamples of the units with numpy's default_rng(seed), as
    sacreBLEU's paired_bs does, and the same resamples serve every system and statistic. The
    p-value is sacreBLEU's (Koehn 2004, as Moses' bootstrap-hypothesis-difference-significance):
    the share of resampled |differences|, centred on their mean, at least as large as the
    observed one. Approximate randomization (`ar_trials` trials, 0 to skip) swaps each unit's
    statistics between the two systems, as sacreBLEU's paired_ar does, for its metrics only.

    `sacrebleu_exact` (line-aligned test sets, one unit per line): sacreBLEU's metrics are
    resampled exactly as `sacrebleu --paired-bs` does (float32 statistics summed per resample,
    scored by sacreBLEU's own code), their CIs are its "mean ± half-width", and every p-value
    counts only larger differences (its `>`), so scores, CIs and p-values equal sacreBLEU's.
    """
    import numpy as np

    unit = resampling_unit(unit)
    for key, value in (("resamples", resamples), ("ar_trials", ar_trials), ("seed", seed)):
        problem = setting_problem(key, value)
        if problem:
            raise UsageError(f"{key} {problem}")
    systems = tuple(dict.fromkeys([baseline, *candidates]))
    n_units = _n_units(statistics)
    for key, value in (("resamples", resamples), ("ar_trials", ar_trials)):
        if value * n_units > MAX_DRAWS:
            raise UsageError(f"{key} {value:,} over {n_units:,} {unit} is more than {MAX_DRAWS:,} draws "
                             f"(memory); use at most {MAX_DRAWS // n_units:,}")
    indices = np.random.default_rng(seed).choice(n_units, size=(resamples, n_units), replace=True)
    # How often each unit is drawn in each resample: totals are then one product, not a gather.
    counts = np.zeros((resamples, n_units))
    np.add.at(counts, (np.arange(resamples)[:, None], indices), 1.0)
    select = np.random.default_rng(seed).integers(2, size=(ar_trials, n_units), dtype=bool) if ar_trials else None
    estimates: list[Estimate] = []
    comparisons: list[PairedResult] = []
    signatures: dict[str, str] = {}
    for stat in statistics:
        ar = f"|ar:{ar_trials}" if stat.randomization and ar_trials else ""
        resampled = "lines" if sacrebleu_exact else unit    # lines as given, or evalkit's units
        signatures[stat.name] = f"{stat.signature}|unit:{resampled}|bs:{resamples}{ar}|seed:{seed}"
        samples = {}
        exact = sacrebleu_exact and stat.sacrebleu is not None
        for system in systems:
            if system in stat.errors:
                estimates.append(Estimate(system, stat.name, None, None, None, stat.errors[system]))
                continue
            if exact:
                samples[system] = _resampled_as_sacrebleu(stat, system, indices)
                mean, half = _sacrebleu_ci(samples[system])
                estimates.append(Estimate(system, stat.name, stat.value(system), mean - half, mean + half,
                                          mean=mean))
                continue
            samples[system] = _resampled(stat, system, counts)
            low, high = _interval(samples[system])
            estimates.append(Estimate(system, stat.name, stat.value(system), low, high))
        for candidate in dict.fromkeys(candidates):
            comparisons.append(_compare(stat, baseline, candidate, samples, select, strict=sacrebleu_exact))
    return Significance(unit, n_units, resamples, ar_trials, seed, baseline, systems,
                        tuple(s.name for s in statistics), tuple(estimates), tuple(comparisons), signatures,
                        {s.name: s.kind for s in statistics}, "sacrebleu" if sacrebleu_exact else "evalkit")


def _n_units(statistics: Sequence[Statistic]) -> int:
    sizes = {len(m) for s in statistics for m in s.rows.values()}
    if len(sizes) > 1:
        raise UsageError(f"statistics have different numbers of units: {sorted(sizes)}")
    if not sizes or 0 in sizes:
        raise UsageError("nothing to resample: no units")
    return sizes.pop()


def _resampled(stat: Statistic, system: str, counts: np.ndarray) -> np.ndarray:
    import numpy as np

    totals = counts @ stat.rows[system]
    return np.array([stat.score(t) for t in totals.tolist()], dtype=float)


def _resampled_as_sacrebleu(stat: Statistic, system: str, indices: np.ndarray) -> np.ndarray:
    """sacreBLEU's _paired_bs_test: each resample's float32 statistics summed, scored by sacreBLEU."""
    import numpy as np

    rows = stat.rows[system].astype("float32")
    compute = stat.sacrebleu._compute_score_from_stats
    return np.array([compute(rows[idx].sum(0)).score for idx in indices])


def _sacrebleu_ci(samples: np.ndarray) -> tuple[float, float]:
    """sacreBLEU's estimate_ci: the mean of the sorted samples and half the 95% range."""
    import numpy as np

    ordered = np.sort(samples)
    k = len(ordered) // 40
    return float(ordered.mean()), float(0.5 * (ordered[len(ordered) - k - 1] - ordered[k]))


def _interval(samples: np.ndarray) -> tuple[float | None, float | None]:
    """The 2.5th and 97.5th order statistics, the ones sacreBLEU's estimate_ci takes (n // 40)."""
    import numpy as np

    finite = np.sort(samples[np.isfinite(samples)])
    if not len(finite):
        return None, None
    k = len(finite) // 40
    return float(finite[k]), float(finite[len(finite) - k - 1])


def _p_value(statistics: np.ndarray, observed: float, strict: bool = False) -> float:
    # sacreBLEU's _compute_p_value counts `>` (strict); counting ties too (>=) makes a system
    # compared with itself (every difference 0) get p = 1 instead of 1/(n+1). Away from ties
    # both agree; line-aligned test sets use sacreBLEU's rule, to give its p-values.
    larger = statistics > observed if strict else statistics >= observed
    return (int(larger.sum()) + 1) / (len(statistics) + 1)


def _compare(stat: Statistic, baseline: str, candidate: str, samples: Mapping[str, np.ndarray],
             select: np.ndarray | None, strict: bool = False) -> PairedResult:
    import numpy as np

    base, cand = stat.value(baseline), stat.value(candidate)
    error = stat.errors.get(baseline) or stat.errors.get(candidate)
    if error is not None or base is None or cand is None:
        return PairedResult(stat.name, stat.kind, baseline, candidate, stat.higher_is_better, base, cand,
                            None, None, None, None, None, error or "no value")
    difference = cand - base
    sampled = samples[candidate] - samples[baseline]
    sampled = sampled[np.isfinite(sampled)]
    low, high = _interval(sampled)
    observed = abs(difference)
    p_bootstrap = None
    if len(sampled):
        spread = np.abs(sampled)
        p_bootstrap = _p_value(spread - spread.mean(), observed, strict)
    p_ar = None
    if stat.randomization and select is not None:
        p_ar = _randomization(stat, baseline, candidate, select, observed, strict)
    return PairedResult(stat.name, stat.kind, baseline, candidate, stat.higher_is_better, base, cand,
                        difference, low, high, p_bootstrap, p_ar)


def _randomization(stat: Statistic, baseline: str, candidate: str, select: np.ndarray,
                   observed: float, strict: bool = False) -> float:
    import numpy as np

    a, b = stat.rows[baseline], stat.rows[candidate]
    differences = []
    for start in range(0, len(select), 1000):   # bounded memory on large corpora
        chunk = select[start:start + 1000]
        # Each trial's pseudo-systems: every unit's statistics come from one system or the other.
        first = chunk @ a + ~chunk @ b
        second = ~chunk @ a + chunk @ b
        differences += [abs(stat.score(x) - stat.score(y)) for x, y in zip(first.tolist(), second.tolist())]
    return _p_value(np.array(differences), observed, strict)


def _finite(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)
