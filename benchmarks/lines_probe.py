"""Leaked prompts, site junk and look-alike prose, one line at a time, through every rule detector.

    PYTHONPATH=. python -m benchmarks.lines_probe                 # corpora/line-probe/dev.tsv, misses listed
    PYTHONPATH=. python -m benchmarks.lines_probe --split test    # test.tsv: totals only
    PYTHONPATH=. python -m benchmarks.lines_probe --split test2   # test2.tsv: totals only

Each probe line of corpora/line-probe/<split>.tsv (columns lang, label, kind, text; label prompt, junk
or negative) is put between lines 3 and 4 of a six-line article in its language (carriers.tsv) and the
rule detectors run on the MT alone (no source), as `evalkit flag` does. A prompt counts as found when
an `addition/prompt-leak` flag overlaps it, a junk line when an `addition/boilerplate` or prompt flag
does ("any" in the table: a flag of any category). A negative is flagged when any flag overlaps it.
Flags on the carrier lines are counted too: they are false flags. The splits `test` and `test2` print
totals only (corpora/line-probe/README.md says which were measured untouched, and when).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "corpora" / "line-probe"
FOUND = {"prompt": {"addition/prompt-leak"}, "junk": {"addition/boilerplate", "addition/prompt-leak"}}


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def carriers() -> dict[str, list[str]]:
    lines: dict[str, list[tuple[int, str]]] = {}
    for row in read_tsv(FOLDER / "carriers.tsv"):
        lines.setdefault(row["lang"], []).append((int(row["position"]), row["text"]))
    return {lang: [text for _, text in sorted(rows)] for lang, rows in lines.items()}


def probe(row: dict[str, str], article: list[str], detectors) -> tuple[set[str], int]:
    """The categories of the flags on the probe line, and how many flags fall on the carrier lines."""
    from evalkit.detectors import run_detectors
    from evalkit.detectors.base import prepare_input

    before = "\n".join(article[:3]) + "\n"
    text = before + row["text"] + "\n" + "\n".join(article[3:]) + "\n"
    start, end = len(before), len(before) + len(row["text"])
    flags = run_detectors(prepare_input(text, "en", row["lang"]), detectors)
    on = {f.category for f in flags if f.start < end and start < f.end}
    return on, sum(1 for f in flags if f.end <= start or f.start >= end)


def measure(rows: list[dict[str, str]], show: bool) -> tuple[Counter, list[str]]:
    from evalkit.detectors import make_detectors

    detectors, article, counts, listed = make_detectors(), carriers(), Counter(), []
    for row in rows:
        on, stray = probe(row, article[row["lang"]], detectors)
        label, lang = row["label"], row["lang"]
        hit = bool(on & FOUND[label]) if label in FOUND else bool(on)
        counts[(label, lang, "n")] += 1
        counts[(label, lang, "hit")] += hit
        counts[(label, lang, "any")] += bool(on)
        counts[("carrier", lang, "flags")] += stray
        if show and (hit != (label in FOUND)):
            listed.append(f"{'FLAGGED' if label == 'negative' else 'MISSED'} {lang} {label}/{row['kind']} "
                          f"{sorted(on)}: {row['text']}")
    return counts, listed


def table(counts: Counter) -> str:
    langs = sorted({k[1] for k in counts})
    out = ["| label | " + " | ".join(langs) + " | all |", "|---|" + "---|" * (len(langs) + 1)]
    for label, what in (("prompt", "found"), ("junk", "found"), ("negative", "flagged")):
        cells = []
        for lang in langs + [None]:
            pick = [lang] if lang else langs
            n = sum(counts[(label, x, "n")] for x in pick)
            hit = sum(counts[(label, x, "hit")] for x in pick)
            anyf = sum(counts[(label, x, "any")] for x in pick)
            cells.append(f"{hit}/{n}" + (f" (any {anyf})" if label != "negative" else ""))
        out.append(f"| {label} ({what}) | " + " | ".join(cells) + " |")
    stray = [str(counts[("carrier", x, "flags")]) for x in langs]
    out.append("| flags on carrier lines | " + " | ".join(stray) + f" | {sum(map(int, stray))} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "test2"], default="dev")
    args = parser.parse_args(argv)
    path = FOLDER / f"{args.split}.tsv"
    if not path.is_file():
        print(f"{path}: not found", file=sys.stderr)
        return 2
    counts, listed = measure(read_tsv(path), show=args.split == "dev")
    print(f"## {path.relative_to(ROOT)}\n\n{table(counts)}")
    if listed:
        print("\n" + "\n".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
