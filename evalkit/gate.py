"""`evalkit gate`: a CI regression gate of a candidate system against a baseline.

Each check (a metric's largest allowed drop, a flag category's or the MQM penalty's largest
allowed increase) fails when the change passes its threshold and is significant (paired bootstrap,
evalkit.stats); a metric that could not be computed fails. Verdicts go out as Markdown, JUnit, JSON.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, UsageError
from .metrics import DEFAULT_METRICS
from .stats import DEFAULT_ALPHA, DEFAULT_RESAMPLES, DEFAULT_SEED, MQM, PairedResult
from .units import UNIT_ALIASES, UNITS, resampling_unit

if TYPE_CHECKING:
    from .results import RunResult


SCHEMA = "evalkit.gate"
SCHEMA_VERSION = "1.0"
MAX_DROP, MAX_INCREASE = "max-drop", "max-increase"
# With no threshold given anywhere: no significant drop on any of sacreBLEU's metrics.
DEFAULT_MAX_DROP = dict.fromkeys(DEFAULT_METRICS, 0.0)
EXIT_PASS, EXIT_REGRESSION = 0, 1


# -- configuration ----------------------------------------------------------------------------
# Each setting a [gate] table may hold is a GateConfig field whose metadata says how to check it
# ("check": value -> what is wrong, said after the key, or None) and, for a TOML value, how to
# convert it ("convert"). GateConfig.__post_init__ and read_config apply the same checks.

def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float))


def _thresholds(check_name: Callable[[str], None]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return " must be a table of NAME = number"
        for name, limit in value.items():
            if not _is_number(limit) or not math.isfinite(limit) or limit < 0:
                return f".{name!r} must be a finite number >= 0, not {limit!r}"
            check_name(name)   # an unknown name raises UsageError ("did you mean")
        return None
    return check


def _alpha(value: Any) -> str | None:
    return None if _is_number(value) and 0 < value < 1 else f" must be a number between 0 and 1, not {value!r}"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f" must be true or false, not {value!r}"


def _setting(key: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        from .stats import setting_problem

        problem = setting_problem(key, value)
        return f" {problem}" if problem else None
    return check


def _unit(value: Any) -> str | None:
    return None if value in UNIT_ALIASES else f" must be one of {', '.join(UNITS)}, not {value!r}"


def _metric_options(value: Any) -> str | None:
    """{metric: {option: value}} for model metrics, checked by the code that checks --metric-option."""
    from .model_scores import check_model_options
    from .options import RunOptions

    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        return " must be a table of [METRIC] tables of OPTION = value"
    for metric, options in value.items():
        for where, one in [(f".{metric}", {})] + [(f".{metric}.{k}", {k: v}) for k, v in options.items()]:
            if any(v is not None and not isinstance(v, (str, int, float)) for v in one.values()):
                return f"{where} must be a string, a number or a boolean, not {next(iter(one.values()))!r}"
            try:
                check_model_options(RunOptions(model_options={metric: one}))
            except UsageError as exc:
                return f"{where}: {exc}"
    return None


def _setting_field(default: Any, check: Callable[[Any], str | None],
                   convert: Callable[[Any], Any] | None = None, **kwargs: Any) -> Any:
    metadata = {"check": check, "convert": convert or (lambda value: value)}
    if callable(default):
        return field(default_factory=default, metadata=metadata, **kwargs)
    return field(default=default, metadata=metadata, **kwargs)


def _floats(table: Mapping[str, Any]) -> dict[str, float]:
    return {name: float(limit) for name, limit in table.items()}


def _tables(table: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    return {name: dict(values) for name, values in table.items()}


def check_metric(name: str) -> None:
    """A registered metric (unknown names get "did you mean")."""
    from .metrics import METRICS

    if name == MQM or "/" in name:
        raise UsageError(f"{name!r} is not a metric; use --max-increase {name}=N for flags and the MQM penalty")
    METRICS.entry(name)


def check_category(name: str) -> None:
    import difflib

    from .metrics import METRICS

    if name == MQM:
        return
    if name in METRICS:
        raise UsageError(f"{name!r} is a metric; use --max-drop {name}=X")
    categories = known_categories()
    if name not in categories:
        close = difflib.get_close_matches(name, categories, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UsageError(f"unknown flag category {name!r}.{hint} Available: {MQM}, {', '.join(categories)}")


@dataclass(frozen=True)
class GateConfig:
    """What the gate checks and how strictly. One object feeds the CLI, a TOML file and Python."""

    baseline: str
    candidate: str
    # metric -> largest allowed drop
    max_drop: Mapping[str, float] = _setting_field(dict, _thresholds(check_metric), _floats)
    # flag category or "mqm" -> largest allowed increase
    max_increase: Mapping[str, float] = _setting_field(dict, _thresholds(check_category), _floats)
    alpha: float = _setting_field(DEFAULT_ALPHA, _alpha, float)
    require_significance: bool = _setting_field(True, _boolean)
    resamples: int = _setting_field(DEFAULT_RESAMPLES, _setting("resamples"))
    seed: int = _setting_field(DEFAULT_SEED, _setting("seed"))
    unit: str = _setting_field("segment", _unit)   # the resampling unit; stored as reports write it ("segments")
    # model metric -> its options, for the run the gate checks (RunOptions.model_options; the
    # command line's --metric-option METRIC.OPTION=VALUE)
    metric_options: Mapping[str, Mapping[str, Any]] = _setting_field(dict, _metric_options, _tables)

    def __post_init__(self) -> None:
        if self.baseline == self.candidate:
            # every delta would be 0 and the gate would pass whatever the system's quality
            raise UsageError(f"the baseline and the candidate are the same system {self.baseline!r}; "
                             "a gate compares two systems")
        for setting in fields(self):
            if "check" in setting.metadata:
                problem = setting.metadata["check"](getattr(self, setting.name))
                if problem:
                    raise UsageError(f"{setting.name}{problem}")
        object.__setattr__(self, "unit", resampling_unit(self.unit))

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(self.max_drop)

    @property
    def needs_flags(self) -> bool:
        return bool(self.max_increase)


# The keys of a [gate] table: GateConfig's settings.
GATE_KEYS = tuple(f.name for f in fields(GateConfig) if "check" in f.metadata)


def known_categories() -> tuple[str, ...]:
    """Every flag category a registered detector can raise, and those of the annotation guidelines."""
    from .detectors import DETECTORS
    from .gold import CATEGORIES

    found = set(CATEGORIES)
    for name in DETECTORS.names():
        found.update(getattr(DETECTORS.get(name), "categories", ()))
    return tuple(sorted(found))


def parse_threshold(text: str) -> tuple[str, float]:
    """`NAME=NUMBER` -> (name, number); ValueError naming the text otherwise."""
    name, sep, number = text.partition("=")
    name = name.strip()
    try:
        value = float(number)
    except ValueError:
        value = math.nan
    if not sep or not name or not math.isfinite(value) or value < 0:
        raise ValueError(f"expected NAME=NUMBER with a number >= 0, got {text!r}")
    return name, value


def read_config(path: str | Path) -> dict[str, Any]:
    """The `[gate]` table of a TOML file, checked by GateConfig's own checks: unknown keys and bad
    values name the file and key."""
    import tomllib

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}") from None
    for key in data:
        if key != "gate":
            raise InputError(path, f"unknown key {key!r}: the gate reads only the [gate] table")
    gate = data.get("gate")
    if not isinstance(gate, dict):
        raise InputError(path, "no [gate] table")
    settings = {f.name: f for f in fields(GateConfig) if "check" in f.metadata}
    out: dict[str, Any] = {}
    for key, value in gate.items():
        if key not in settings:
            raise InputError(path, f"unknown key 'gate.{key}' (allowed: {', '.join(GATE_KEYS)})")
        try:
            problem = settings[key].metadata["check"](value)
        except UsageError as exc:
            raise InputError(path, f"gate.{key}: {exc}") from None
        if problem:
            raise InputError(path, f"gate.{key}{problem}")
        out[key] = settings[key].metadata["convert"](value)
    return out


# -- the verdict ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    """One threshold applied to the candidate against the baseline."""

    name: str                      # metric, flag category or "mqm"
    kind: str                      # "max-drop" or "max-increase"
    threshold: float
    higher_is_better: bool
    baseline_value: float | None
    candidate_value: float | None
    delta: float | None            # candidate - baseline
    worsening: float | None        # how much worse the candidate is, in the check's direction (< 0: better)
    p_value: float | None          # paired bootstrap, two-sided
    passed: bool
    reason: str

    @property
    def computed(self) -> bool:
        return self.delta is not None


@dataclass(frozen=True)
class GateResult:
    """Every check of one gate run, with the settings behind the p-values."""

    corpus: str
    config: GateConfig
    checks: tuple[Check, ...]
    n_units: int
    signatures: Mapping[str, str]
    notes: tuple[str, ...] = ()
    mode: str = "documents re-aligned"      # or "lines as given" (line-aligned test sets)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    @property
    def exit_code(self) -> int:
        return EXIT_PASS if self.passed else EXIT_REGRESSION

    def summary(self) -> str:
        c = self.config
        if self.passed:
            return f"PASS: {c.candidate} is not worse than {c.baseline} beyond any threshold " \
                   f"({len(self.checks)} checks)"
        return f"FAIL: {len(self.failures)} of {len(self.checks)} checks failed for {c.candidate} against " \
               f"{c.baseline}: {', '.join(check_label(f) for f in self.failures)}"

    def to_dict(self) -> dict[str, Any]:
        c = self.config
        return {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "corpus": self.corpus,
            "baseline": c.baseline, "candidate": c.candidate, "passed": self.passed,
            "exit_code": self.exit_code, "summary": self.summary(), "alpha": c.alpha,
            "require_significance": c.require_significance, "resamples": c.resamples, "seed": c.seed,
            "unit": c.unit, "mode": self.mode, "n_units": self.n_units,
            "signatures": dict(sorted(self.signatures.items())),
            "checks": [{k: round(v, 6) if isinstance(v, float) else v for k, v in sorted(check.__dict__.items())}
                       for check in self.checks],
            "notes": list(self.notes),
        }


def detectable_categories(detectors: Sequence[str] | None = None) -> frozenset[str]:
    """The categories the chosen detectors (default: the default set) declare they can flag."""
    from .detectors import DETECTORS, default_names

    names = detectors if detectors is not None else default_names()
    return frozenset(c for name in names for c in getattr(DETECTORS.get(name), "categories", ()))


def run_gate(result: RunResult, config: GateConfig, detectable: Collection[str] | None = None) -> GateResult:
    """Apply `config`'s checks to the baseline and candidate of `result` (a run over aligned segments).

    `detectable`: the flag categories the detectors that ran can raise; a check on any other
    category fails as not computed (a count that cannot rise must not pass for a clean one).
    """
    from .stats import flag_statistics, metric_statistic, paired_tests, resampling_units

    systems = list(dict.fromkeys([config.baseline, config.candidate]))
    units = resampling_units(result, systems, config.unit)
    statistics = [metric_statistic(result, units, systems, m) for m in config.metrics]
    if config.needs_flags:
        categories = [c for c in config.max_increase if c != MQM]
        statistics += flag_statistics(result, units, systems, categories, mqm=MQM in config.max_increase)
    from .compare import sacrebleu_exact

    significance = paired_tests(statistics, config.baseline, [config.candidate], resamples=config.resamples,
                                ar_trials=0, seed=config.seed, unit=config.unit,
                                sacrebleu_exact=sacrebleu_exact(result, config.unit))
    checks = []
    for kind, limits in ((MAX_DROP, config.max_drop), (MAX_INCREASE, config.max_increase)):
        for name, limit in limits.items():
            paired = significance.comparison(config.candidate, name)
            if kind == MAX_INCREASE and name != MQM and detectable is not None and name not in detectable:
                paired = replace(paired, error=f"no detector that ran flags {name}", difference=None)
            checks.append(_check(kind, limit, paired, config))
    from .report.summary import input_mode

    return GateResult(result.corpus, config, tuple(checks), significance.n_units,
                      dict(significance.signatures), tuple(result.notes), input_mode(result))


def _check(kind: str, limit: float, paired: PairedResult, config: GateConfig) -> Check:
    name = paired.statistic
    if paired.improvement is None:
        reason = f"not computed: {paired.error or 'no value'}"
        return Check(name, kind, limit, paired.higher_is_better, paired.baseline_value, paired.candidate_value,
                     None, None, None, False, reason)
    worsening = -paired.improvement
    p = paired.p_bootstrap
    significant = paired.significant(config.alpha)
    p_text = f"p = {_p(p)} {'<' if significant else '>='} {config.alpha:g}"
    moved = f"{'rose' if (paired.difference or 0) > 0 else 'fell'} from {_amount(name, paired.baseline_value)} " \
            f"to {_amount(name, paired.candidate_value)}"
    worse = f"worse by {_amount(name, worsening)} ({moved}), more than the threshold {limit:g}"
    if worsening <= limit:
        passed = True
        if worsening < 0:
            reason = f"better than the baseline by {_amount(name, -worsening)} ({moved})"
        elif worsening == 0:
            reason = "no worse than the baseline"
        else:
            reason = f"worse by {_amount(name, worsening)} ({moved}), within the threshold {limit:g}"
    elif significant:
        passed, reason = False, f"{worse}, significantly ({p_text})"
    elif config.require_significance:
        passed, reason = True, f"{worse}, but not significantly ({p_text})"
    else:
        passed, reason = False, f"{worse} (significance not required; {p_text})"
    return Check(name, kind, limit, paired.higher_is_better, paired.baseline_value, paired.candidate_value,
                 paired.difference, worsening, p, passed, reason)


# -- outputs (compute nothing) ----------------------------------------------------------------

def check_label(check: Check) -> str:
    return "MQM/100w" if check.name == MQM else check.name


def _amount(name: str, value: float | None) -> str:
    from .metrics import metric_decimals

    if value is None:
        return "n/a"
    if "/" in name:
        return f"{value:g}"
    return f"{value:.{metric_decimals(name)}f}"   # the registry's decimals; 2 for MQM


def _signed(name: str, value: float | None) -> str:
    text = _amount(name, value)
    return f"+{text}" if value is not None and value > 0 else text


def _p(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _threshold(check: Check) -> str:
    if check.kind == MAX_DROP:
        direction = "higher" if check.higher_is_better else "lower"
        return f"drop ≤ {check.threshold:g} ({direction} is better)"
    return f"increase ≤ {check.threshold:g}"


def render_markdown(gate: GateResult) -> str:
    from .mdtext import code

    c = gate.config
    verdict = "✅ PASS" if gate.passed else "❌ FAIL"
    significance = f"and significant (paired bootstrap, p < {c.alpha:g})" if c.require_significance else \
        "(significance not required)"
    rule = (f"Corpus {code(gate.corpus)}, baseline {code(c.baseline)}, candidate {code(c.candidate)}. "
            "A check fails when "
            f"the candidate is worse than the baseline by more than its threshold {significance}, or when "
            "its metric was not computed.")
    lines = [f"## evalkit gate: {verdict}", "", f"**{gate.summary()}**", "", rule, "",
             "| check | baseline | candidate | delta | threshold | p-value | verdict |",
             "|---|---:|---:|---:|---|---:|---|"]
    for check in gate.checks:
        mark = "pass" if check.passed else "**FAIL**"
        lines.append("| " + " | ".join(_md(x) for x in (
            f"{check_label(check)} ({check.kind})", _amount(check.name, check.baseline_value),
            _amount(check.name, check.candidate_value), _signed(check.name, check.delta), _threshold(check),
            _p(check.p_value))) + f" | {mark}: {_md(check.reason)} |")
    unit = "aligned-segment groups" if c.unit == "segments" else "documents"
    if gate.mode == "lines as given" and c.unit == "segments":
        unit = "lines as given"
    settings = (f"Paired bootstrap: {c.resamples} resamples of {gate.n_units} {unit}, seed {c.seed}, "
                "two-sided p-value (sacreBLEU's paired_bs).")
    lines += ["", settings, ""]
    lines += [f"- {code(name)}: {code(signature)}" for name, signature in sorted(gate.signatures.items())]
    if gate.notes:
        lines += [""] + [f"- {_md(note)}" for note in gate.notes]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    from .mdtext import text as escape

    return escape(text)


def render_junit(gate: GateResult) -> str:
    """JUnit XML: one testcase per check, a <failure> for each failed one."""
    import re
    import xml.etree.ElementTree as ET

    c = gate.config
    failures = str(len(gate.failures))
    suites = ET.Element("testsuites", name="evalkit gate", tests=str(len(gate.checks)), failures=failures,
                        errors="0", time="0")
    suite = ET.SubElement(suites, "testsuite", name=f"evalkit gate {gate.corpus}: {c.candidate} vs {c.baseline}",
                          tests=str(len(gate.checks)), failures=failures, errors="0", skipped="0", time="0")
    properties = ET.SubElement(suite, "properties")
    for key, value in (("corpus", gate.corpus), ("baseline", c.baseline), ("candidate", c.candidate),
                       ("alpha", f"{c.alpha:g}"), ("require_significance", str(c.require_significance).lower()),
                       ("resamples", str(c.resamples)), ("seed", str(c.seed)), ("unit", c.unit)):
        ET.SubElement(properties, "property", name=key, value=value)
    for check in gate.checks:
        case = ET.SubElement(suite, "testcase", classname=f"evalkit.gate.{check.kind.replace('-', '_')}",
                             name=check_label(check), time="0")
        detail = (f"{check_label(check)} ({check.kind}): baseline {_amount(check.name, check.baseline_value)}, "
                  f"candidate {_amount(check.name, check.candidate_value)}, delta "
                  f"{_signed(check.name, check.delta)}, threshold {_threshold(check)}, "
                  f"p-value {_p(check.p_value)}: {check.reason}")
        if not check.passed:
            failure = ET.SubElement(case, "failure", message=check.reason,
                                    type="not-computed" if not check.computed else "regression")
            failure.text = detail
        ET.SubElement(case, "system-out").text = detail
    ET.indent(suites)
    text = ET.tostring(suites, encoding="unicode")
    # characters XML 1.0 cannot hold at all (ElementTree writes them raw): U+FFFD, so the file parses
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def render_json(gate: GateResult) -> str:
    from .textio import json_text

    return json_text(gate.to_dict())
