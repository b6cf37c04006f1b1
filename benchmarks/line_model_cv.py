"""The line classifier, each fold of tuning splits left out of its training in turn: how many junk and prompt lines
of the left-out splits it finds, and how many article lines it flags, at the thresholds layout.py uses.

    PYTHONPATH=. python -m benchmarks.line_model_cv          # about 15 minutes (6 trainings)

The splits of tools/train_line_model.TUNING are dealt into FOLDS folds (every FOLDS-th split, in the tuple's
order); for each fold a model is trained as the tool trains it (same lines, rounds, pruning and rounding) on the
other folds' splits and the two probe files, and classifies the left-out splits' MT lines;
then one model trained on everything classifies corpora/line-probe/test2.tsv, which no training reads. These are
the classifier's figures alone, before the rules: docs/detectors-structural.md ("The line classifier").
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from evalkit.detectors.layout import (
    LEARNED_ALONE,
    LEARNED_ALONE_SAID,
    LEARNED_KIND,
    LEARNED_PROMPT_SAID,
    LEARNED_UNALIGNED,
    TEASER_LABEL,
    foreign_language,
    is_terminal,
)
from evalkit.detectors.line_model import LineModel, read_model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import train_line_model as tool  # noqa: E402  (a tool, not a package module)

FOLDS = 5   # (one split left out at a time was 14 trainings for 14 splits; the tool now reads 76)


def _model(lines: list[tuple[str, str]]) -> LineModel:
    """The model the tool would write for these lines, read back as line_model() reads the shipped file."""
    names, weights, bias = tool.fit(lines)
    out = io.StringIO()
    tool.write(names, weights, bias, {}, out)
    return read_model(out.getvalue())


def _row(name: str, verdicts: list[tuple[str, object]], alone: bool) -> str:
    def sure(v) -> bool:
        if v.label == "prompt" and v.said < LEARNED_PROMPT_SAID:
            return False
        return v.probability >= LEARNED_ALONE and v.said >= LEARNED_ALONE_SAID if alone \
            else v.probability >= LEARNED_UNALIGNED
    found = sum(1 for label, v in verdicts if label != "article" and sure(v))
    wanted = sum(1 for label, _ in verdicts if label != "article")
    false = sum(1 for label, v in verdicts if label == "article" and sure(v))
    prose = sum(1 for label, _ in verdicts if label == "article")
    rule = f"{LEARNED_ALONE} and words alone {LEARNED_ALONE_SAID}" if alone else f"{LEARNED_UNALIGNED}"
    rule += f" (a prompt: words alone {LEARNED_PROMPT_SAID})"
    return f"| {name} | {rule} | {found} of {wanted} ({found / max(wanted, 1):.2f}) | {false} of {prose} |"


def main() -> int:
    probe = [pair for n in tool.PROBE_FILES for pair in tool.probe_lines(ROOT / "corpora" / "line-probe" / n)]
    per_split = {s: [p for c in sorted((ROOT / "corpora" / f"spun-news-{s}").glob("en-*"))
                     for p in tool.corpus_lines(c)] for s in tool.TUNING}
    left_out: list[tuple[str, object]] = []
    english: list[tuple[str, object]] = []   # the left-out MT lines in English, a page of another language
    left_out_lines: list[tuple[str, str, object]] = []   # (label, line, verdict) of every left-out MT line
    for fold in range(FOLDS):
        held = tool.TUNING[fold::FOLDS]
        model = _model([p for s in tool.TUNING if s not in held for p in per_split[s]] + probe)
        for s in held:
            for corpus in sorted((ROOT / "corpora" / f"spun-news-{s}").glob("en-*")):
                lines = [(label, line, model.verdict(line)) for label, line in tool.mt_lines(corpus)]
                left_out += [(label, v) for label, _, v in lines]
                left_out_lines += lines
                english += [(label, v) for label, line, v in lines if len(line.split()) >= 4
                            and foreign_language(line, corpus.name.removeprefix("en-"), ("en",)) == "en"]
        print(f"fold {fold + 1} of {FOLDS} done", file=sys.stderr, flush=True)
    model = _model([p for s in tool.TUNING for p in per_split[s]] + probe)
    test2 = [(label, model.verdict(line))
             for label, line in tool.probe_lines(ROOT / "corpora" / "line-probe" / "test2.tsv")]
    print("| lines | threshold | junk and prompt lines found | article lines flagged |")
    print("|---|---|---:|---:|")
    for alone in (False, True):
        print(_row("tuning splits, each fold left out", left_out, alone))
        print(_row("probe test2.tsv (never trained on)", test2, alone))
    print(_english_row(english))
    print(_teaser_row(left_out_lines))
    return 0


def _teaser_row(lines: list[tuple[str, str, object]]) -> str:
    """The rule for a line the aligner plainly holds by length (layout._learned_lines): where it opens on a teaser's
    label (TEASER_LABEL), junk at LEARNED_KIND. Asked here of every left-out line that does not end as a sentence
    (a plainly held line never does) and has such a label; the article lines among them are mostly headlines, which a
    plainly held link never pairs (their source lines do not end as sentences either)."""
    asked = [(label, v) for label, line, v in lines if not is_terminal(line) and TEASER_LABEL.match(line)]
    found = sum(1 for label, v in asked if label == "junk" and v.label == "junk" and v.probability >= LEARNED_KIND)
    wanted = sum(1 for label, _ in asked if label == "junk")
    false = sum(1 for label, v in asked if label == "article" and v.probability >= LEARNED_KIND)
    prose = sum(1 for label, _ in asked if label == "article")
    return (f"| tuning splits, each fold left out: lines with a teaser's label, no sentence's end | junk at "
            f"{LEARNED_KIND} | {found} of {wanted} junk lines ({found / max(wanted, 1):.2f}) | {false} of {prose} |")


def _english_row(verdicts: list[tuple[str, object]]) -> str:
    """The rule for a line in English without the source (layout._learned_lines): a prompt where the classifier reads
    it as one rather than prose at all (LEARNED_KIND), whatever it says alone; an untranslated sentence is prose."""
    def loose(v) -> bool:
        return v.label == "prompt" and v.probability >= LEARNED_KIND
    found = sum(1 for label, v in verdicts if label == "prompt" and loose(v))
    wanted = sum(1 for label, _ in verdicts if label == "prompt")
    false = sum(1 for label, v in verdicts if label == "article" and loose(v))
    prose = sum(1 for label, _ in verdicts if label == "article")
    top = max((v.probability for label, v in verdicts if label == "article"), default=0.0)
    return (f"| tuning splits, each fold left out: lines in English, without the source | a prompt at {LEARNED_KIND} | "
            f"{found} of {wanted} prompts ({found / max(wanted, 1):.2f}) | {false} of {prose} (the highest "
            f"{top:.2f}) |")


if __name__ == "__main__":
    sys.exit(main())
