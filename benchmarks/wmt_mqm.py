"""evalkit's detectors against human MQM annotations of real MT (WMT, Google's MQM releases).

    PYTHONPATH=. python -m benchmarks.wmt_mqm benchmarks/data/wmt-mqm/generalMT2023-ende-sxs.jsonl.gz
    PYTHONPATH=. python -m benchmarks.wmt_mqm benchmarks/data/wmt-mqm/generalMT2023-zhen-sxs.jsonl.gz --json out.json

Input: a file made by `benchmarks/wmt_mqm_convert.py` (one JSON line per system, document and
segment; the language pair is read from the file name, `...-ende-...`, or given with --pair). The
segments of one document of one system are joined with newlines into one MT document (and their
sources into its source document), the detectors run on it with the source (without: --no-source),
and each flag is given to the segment(s) it overlaps. Printed (Markdown):

- segment-level precision: of the segments with at least one flag, the share that a human marked
  with an error (and with a Major or Critical error), beside the base rate of such segments;
- recall of human-marked untranslated text (`Accuracy/Untranslated text`, `Accuracy/Source language
  fragment`, `Non-translation!`, Bio-MQM's `Accuracy/Untranslated`; one span per rater): a span is
  found when an `accuracy/untranslated` flag overlaps it (a whole-segment Non-translation: any such
  flag in the segment);
- untranslated flags on segments no rater marked with any error (share of those segments), and
  critical flags on them (count), with examples;
- system-level correlation (Pearson, Kendall tau) between the human MQM score (mean per segment;
  Major 5, Minor 1, Minor punctuation 0.1, Non-translation 25) and evalkit's MQM penalty (mean per
  segment; minor 1, major 5, critical 25). Both grow with badness: a positive correlation agrees.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

UNTRANSLATED_HUMAN = ("Accuracy/Untranslated text", "Accuracy/Source language fragment", "Non-translation!",
                      "Accuracy/Untranslated")   # the last: Bio-MQM's name
NOT_ERRORS = ("No-error", "Source issue", "Source error", "Found", "Missed")
WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}


def load(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def pair_of(path: Path, given: str | None) -> tuple[str, str]:
    if given:
        src, tgt = given.split("-")
        return src, tgt
    match = re.search(r"-([a-z]{2})([a-z]{2})-", path.name)
    if not match:
        raise SystemExit(f"wmt_mqm: error: {path}: cannot tell the language pair from the name; give --pair")
    return match.group(1), match.group(2)


def flag_segments(segments: list[dict], src: str, tgt: str, with_source: bool,
                  crashes: list[str]) -> dict[int, list]:
    """Flags per segment index, from one detector run per (system, document); a run that raises is
    appended to `crashes`."""
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input

    detectors = make_detectors()
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(segments):
        groups[(s["system"], s["doc"])].append(i)
    flags: dict[int, list] = defaultdict(list)
    for (system, doc), members in sorted(groups.items()):
        members.sort(key=lambda i: str(segments[i]["seg"]).zfill(8))
        mt = "\n".join(segments[i]["mt"] for i in members)
        source = "\n".join(segments[i]["source"] for i in members) if with_source else None
        starts, offset = [], 0
        for i in members:
            starts.append(offset)
            offset += len(segments[i]["mt"]) + 1
        try:
            found = run_detectors(prepare_input(mt, src, tgt, source=source, doc_id=doc, system=system), detectors)
        except Exception as exc:  # a detector bug: recorded and reported, the document counts as unflagged
            crashes.append(f"{system} {doc}: {type(exc).__name__}: {exc}")
            continue
        for f in found:
            for i, start in zip(members, starts):
                end = start + len(segments[i]["mt"])
                if f.start < end and start < f.end or (f.start == f.end == start):
                    flags[i].append((f, max(f.start, start) - start, min(f.end, end) - start))
    return flags


def is_error(e: dict) -> bool:
    return e["category"] not in NOT_ERRORS


def measure(segments: list[dict], flags: dict[int, list], crashes: list[str]) -> dict:
    n = len(segments)
    flagged = [i for i in range(n) if flags.get(i)]
    with_error = [i for i in range(n) if not segments[i]["error_free"]]
    with_major = [i for i in range(n) if any(is_error(e) and (e["severity"] in ("Major", "Critical") or
                                                               e["category"].startswith("Non-translation"))
                                            for e in segments[i]["errors"])]
    error_free = [i for i in range(n) if segments[i]["error_free"]]
    spans = [(i, e) for i in range(n) for e in segments[i]["errors"]
             if e["category"] in UNTRANSLATED_HUMAN and e["side"] == "target"]

    def untranslated_flags(i):
        return [(f, a, b) for f, a, b in flags.get(i, []) if f.category == "accuracy/untranslated"]

    def found(i, e):
        if "start" not in e or e["category"].startswith("Non-translation"):
            return bool(untranslated_flags(i))
        return any(a < e["end"] and e["start"] < b for _, a, b in untranslated_flags(i))

    hit = [(i, e) for i, e in spans if found(i, e)]
    unt_segments = sorted({i for i, _ in spans})
    unt_on_free = [i for i in error_free if untranslated_flags(i)]
    critical_on_free = [(i, f) for i in error_free for f, _, _ in flags.get(i, []) if f.severity == "critical"]
    by_system: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(segments):
        by_system[s["system"]].append(i)
    systems = {}
    for name, members in sorted(by_system.items()):
        human = sum(segments[i]["mqm"] for i in members) / len(members)
        penalty = sum(WEIGHTS[f.severity] for i in members for f, _, _ in flags.get(i, [])) / len(members)
        systems[name] = {"segments": len(members), "human_mqm": round(human, 4), "evalkit_penalty": round(penalty, 4)}
    return {
        "segments": n,
        "flagged_segments": len(flagged),
        "base_rate_error": round(len(with_error) / n, 4),
        "base_rate_major": round(len(with_major) / n, 4),
        "precision_error": round(len(set(flagged) & set(with_error)) / len(flagged), 4) if flagged else None,
        "precision_major": round(len(set(flagged) & set(with_major)) / len(flagged), 4) if flagged else None,
        "untranslated_spans": len(spans),
        "untranslated_spans_found": len(hit),
        "untranslated_recall": round(len(hit) / len(spans), 4) if spans else None,
        "untranslated_segments": len(unt_segments),
        "untranslated_segments_found": sum(1 for i in unt_segments if untranslated_flags(i)),
        "error_free_segments": len(error_free),
        "untranslated_flags_on_error_free": len(unt_on_free),
        "untranslated_flags_on_error_free_share": round(len(unt_on_free) / len(error_free), 4) if error_free else None,
        "critical_flags_on_error_free": len(critical_on_free),
        "detector_crashes": len(crashes),
        "flag_categories": dict(sorted(Counter(f.category for fl in flags.values() for f, _, _ in fl).items())),
        "systems": systems,
        "correlation": correlation(systems),
        "examples": {
            "untranslated_on_error_free": [f"{segments[i]['system']} {segments[i]['doc']}#{segments[i]['seg']}: "
                                           f"{f.text!r} ({f.severity})"
                                           for i in unt_on_free for f, _, _ in untranslated_flags(i)][:15],
            "critical_on_error_free": [f"{segments[i]['system']} {segments[i]['doc']}#{segments[i]['seg']}: "
                                       f"{f.category} {f.text!r}" for i, f in critical_on_free][:15],
            "detector_crashes": crashes[:15],
            "untranslated_missed": [f"{segments[i]['system']} {segments[i]['doc']}#{segments[i]['seg']}: "
                                    f"{e.get('text', '(whole segment)')!r}" for i, e in spans
                                    if (i, e) not in hit][:15],
        },
    }


def correlation(systems: dict) -> dict:
    from scipy.stats import kendalltau, pearsonr

    human = [s["human_mqm"] for s in systems.values()]
    ours = [s["evalkit_penalty"] for s in systems.values()]
    if len(systems) < 3 or len(set(ours)) < 2:
        return {"pearson": None, "kendall": None}
    return {"pearson": round(float(pearsonr(human, ours)[0]), 4),
            "kendall": round(float(kendalltau(human, ours)[0]), 4)}


def markdown(name: str, m: dict) -> str:
    pct = lambda x: "–" if x is None else f"{100 * x:.1f}%"  # noqa: E731
    lines = [f"**{name}** ({m['segments']} segments, {len(m['systems'])} systems)", "",
             "| measure | value |", "|---|---:|",
             f"| segments with a flag | {m['flagged_segments']} |",
             f"| ... of which a human marked an error (precision) | {pct(m['precision_error'])} "
             f"(base rate {pct(m['base_rate_error'])}) |",
             f"| ... of which a human marked a Major error | {pct(m['precision_major'])} "
             f"(base rate {pct(m['base_rate_major'])}) |",
             f"| human untranslated spans found (recall) | {m['untranslated_spans_found']} of "
             f"{m['untranslated_spans']} ({pct(m['untranslated_recall'])}) |",
             f"| segments with human untranslated text that get an untranslated flag | "
             f"{m['untranslated_segments_found']} of {m['untranslated_segments']} |",
             f"| error-free segments with an untranslated flag | {m['untranslated_flags_on_error_free']} of "
             f"{m['error_free_segments']} ({pct(m['untranslated_flags_on_error_free_share'])}) |",
             f"| critical flags on error-free segments | {m['critical_flags_on_error_free']} |",
             f"| documents where a detector raised (counted unflagged) | {m['detector_crashes']} |",
             f"| system-level Pearson / Kendall, human MQM vs evalkit penalty | {m['correlation']['pearson']} / "
             f"{m['correlation']['kendall']} |", ""]
    lines += ["| system | human MQM / segment | evalkit penalty / segment |", "|---|---:|---:|"]
    lines += [f"| {k} | {v['human_mqm']:.2f} | {v['evalkit_penalty']:.2f} |" for k, v in m["systems"].items()]
    lines += ["", "Flags by category: " + ", ".join(f"`{k}` {v}" for k, v in m["flag_categories"].items()), ""]
    for title, items in m["examples"].items():
        if items:
            lines += [f"Examples, {title.replace('_', ' ')}:", ""] + [f"- {x}" for x in items] + [""]
    return "\n".join(lines)


# a sentence ends at . ! ? (and a closing quote) before a space and a capital, a digit or an opening quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”“»]?\s+(?=[\"„“«(]?[A-ZÄÖÜ0-9])")


def sentence_units(segments: list[dict], flags: dict[int, list]) -> tuple[list[dict], dict[int, list]]:
    """The MT segments cut into sentences, as segments of their own: each keeps the human error spans
    and the flags that overlap it (offsets shifted), and the errors without a span (a whole segment),
    so that precision is measured per sentence, where fewer units carry an error than per paragraph.
    A sentence's `mqm` is the mean over the segment's raters of the weights of its errors."""
    from benchmarks.wmt_mqm_convert import weight

    units: list[dict] = []
    unit_flags: dict[int, list] = {}
    for i, s in enumerate(segments):
        mt = s["mt"]
        cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(mt)), len(mt) + 1]
        for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
            errors = [dict(e, start=e["start"] - a, end=e["end"] - a) if "start" in e else e
                      for e in s["errors"] if e["side"] == "target" and ("start" not in e or
                                                                        e["start"] < b and a < e["end"])]
            weights = [weight(e["category"], e["severity"]) for e in errors]
            unit = dict(s, seg=f"{s['seg']}.{k}", mt=mt[a:b], errors=errors,
                        error_free=not any(is_error(e) for e in errors),
                        mqm=round(sum(weights) / max(1, len(s["raters"])), 4))
            hits = [(f, max(fa, a) - a, min(fb, b) - a) for f, fa, fb in flags.get(i, [])
                    if fa < b and a < fb or fa == fb == a]
            if hits:
                unit_flags[len(units)] = hits
            units.append(unit)
    return units, unit_flags


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, nargs="+", help="converted .jsonl.gz file(s)")
    parser.add_argument("--pair", help="language pair as src-tgt (default: from the file name)")
    parser.add_argument("--no-source", action="store_true", help="detectors see the MT only")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--sentences", action="store_true",
                        help="measure per sentence of the MT segments (paragraph-level sets: a lower base rate)")
    args = parser.parse_args(argv)
    results = {}
    for path in args.data:
        src, tgt = pair_of(path, args.pair)
        segments = load(path)
        crashes: list[str] = []
        flags = flag_segments(segments, src, tgt, not args.no_source, crashes)
        if args.sentences:
            segments, flags = sentence_units(segments, flags)
        results[path.name] = measure(segments, flags, crashes)
        print(markdown(path.name, results[path.name]))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
