"""Writes evalkit/data/line_model.tsv: the weights of the line classifier (article prose / site junk / leaked
prompt) of evalkit/detectors/line_model.py, learned from lines labelled in this repository. Run by hand, never
at run time:

    PYTHONPATH=. python tools/train_line_model.py > evalkit/data/line_model.tsv

The lines: every non-empty line of the `spun-mt` texts of the TUNING splits below (a line is junk or a prompt
where a gold span of addition/boilerplate or addition/prompt-leak covers half of it or more, article prose
otherwise), every line of their English sources (article prose, so that English prose is not read as an English
prompt), and corpora/line-probe/dev.tsv and test.tsv. Held-out splits not yet measured, and the probe's
test2.tsv, are never read. The model: a multinomial logistic regression over line_model.features, fitted by
full-batch gradient descent (fixed steps and rounds, no randomness: the same lines give the same bytes).
See docs/detectors-structural.md ("The line classifier").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from evalkit.detectors.line_model import LABELS, features

ROOT = Path(__file__).resolve().parent.parent
TUNING = ("dev",) + tuple(f"heldout{n}" for n in range(2, 89))   # the first held-out is never read
PROBE_FILES = ("dev.tsv", "test.tsv")
GOLD = {"addition/boilerplate": "junk", "addition/prompt-leak": "prompt"}
ROUNDS, STEP, BIAS_STEP, L2 = 300, 5.0, 0.5, 1.0
DIGITS = 3          # weights are written rounded
MIN_WEIGHT = 0.01   # a feature none of whose weights reaches this is left out (a third of them: 1.2 MB, not 5)


def corpus_lines(corpus: Path) -> list[tuple[str, str]]:
    """(label, line) for the MT lines of one corpus folder, labelled from its gold, and its source lines."""
    out = mt_lines(corpus)
    for src in sorted((corpus / "source").glob("*.txt")):
        out += [("article", line) for line in src.read_text(encoding="utf-8").split("\n") if line.strip()]
    return out


def mt_lines(corpus: Path) -> list[tuple[str, str]]:
    """(label, line) for the MT lines of one corpus folder, labelled from its gold."""
    out = []
    for mt in sorted((corpus / "systems" / "spun-mt").glob("*.txt")):
        gold = corpus / "gold" / "errors" / f"{mt.stem}.jsonl"
        spans = [json.loads(r) for r in gold.read_text(encoding="utf-8").splitlines() if r.strip()] \
            if gold.is_file() else []
        out += _labelled(mt.read_text(encoding="utf-8"), [s for s in spans if s["category"] in GOLD])
    return out


def _labelled(text: str, spans: list[dict]) -> list[tuple[str, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if not line.strip():
            continue
        label = "article"
        for s in spans:
            if min(b, s["end"]) - max(a, s["start"]) >= 0.5 * (b - a):
                label = GOLD[s["category"]]
        out.append((label, line))
    return out


def probe_lines(path: Path) -> list[tuple[str, str]]:
    rows = [r.split("\t") for r in path.read_text(encoding="utf-8").splitlines()[1:] if r.strip()]
    return [("article" if r[1] == "negative" else r[1], r[3]) for r in rows]


def languages(root: Path = ROOT) -> list[str]:
    """The target languages of the training corpora (the MT lines'; the probe's are the same)."""
    return sorted({corpus.name.split("-")[1] for split in TUNING
                   for corpus in (root / "corpora" / f"spun-news-{split}").glob("en-*")})


def training_lines(root: Path = ROOT) -> list[tuple[str, str]]:
    lines = [pair for split in TUNING for corpus in sorted((root / "corpora" / f"spun-news-{split}").glob("en-*"))
             for pair in corpus_lines(corpus)]
    return lines + [pair for name in PROBE_FILES for pair in probe_lines(root / "corpora" / "line-probe" / name)]


def fit(lines: list[tuple[str, str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The feature names, their weights (features x labels) and the biases."""
    index: dict[str, int] = {}
    rows = [np.array(sorted({index.setdefault(f, len(index)) for f in features(line)}), dtype=np.int64)
            for _, line in lines]
    owner = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    flat = np.concatenate(rows)
    target = np.eye(len(LABELS))[[LABELS.index(label) for label, _ in lines]]
    n = len(lines)
    weights, bias = np.zeros((len(index), len(LABELS))), np.zeros(len(LABELS))
    for _ in range(ROUNDS):
        scores = np.zeros((n, len(LABELS)))
        np.add.at(scores, owner, weights[flat])
        scores += bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        error = probs - target
        grad = np.zeros_like(weights)
        np.add.at(grad, flat, error[owner])
        weights -= STEP * (grad + L2 * weights) / n
        bias -= BIAS_STEP * error.mean(axis=0)
    return list(index), weights, bias


def write(names: list[str], weights: np.ndarray, bias: np.ndarray, counts: dict[str, int], out,
          langs: list[str] | None = None) -> None:
    out.write("# Line classifier weights, written by tools/train_line_model.py (do not edit by hand; rebuild).\n")
    out.write(f"# Trained on: the spun-mt lines and English source lines of corpora/spun-news-{{{','.join(TUNING)}}}"
              f" and corpora/line-probe/{{{','.join(PROBE_FILES)}}}, written for evalkit (repository licence).\n")
    out.write("# Lines per label: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in LABELS) + ".\n")
    out.write(f"# Logistic regression, {ROUNDS} rounds of full-batch gradient descent, step {STEP}, L2 {L2}; "
              f"weights rounded to {DIGITS} digits;\n# features with no weight of {MIN_WEIGHT} or more left out.\n")
    out.write("feature\t" + "\t".join(LABELS) + "\n")
    out.write("(languages)\t" + ",".join(langs if langs is not None else languages()) + "\n")
    out.write("(bias)\t" + "\t".join(f"{v:.{DIGITS}f}" for v in bias) + "\n")
    for k in sorted(range(len(names)), key=lambda k: names[k]):
        row = [f"{v:.{DIGITS}f}" for v in weights[k]]
        if np.abs(weights[k]).max() >= MIN_WEIGHT and "\t" not in names[k] and "\n" not in names[k]:
            out.write(names[k] + "\t" + "\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    lines = training_lines()
    counts: dict[str, int] = {}
    for label, _ in lines:
        counts[label] = counts.get(label, 0) + 1
    names, weights, bias = fit(lines)
    write(names, weights, bias, counts, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
