"""Detector precision, recall and F1 on the spun-news development set, per language and split.

    PYTHONPATH=. python -m benchmarks.devset                   # dev split (tune on this)
    PYTHONPATH=. python -m benchmarks.devset --split heldout   # held-out split: totals only, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout2  # held-out 2: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout3  # held-out 3: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout4  # held-out 4: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout5  # held-out 5: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout6  # held-out 6: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout7  # held-out 7: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout8  # held-out 8: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout9  # held-out 9: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout10  # held-out 10: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout11  # held-out 11: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout12  # held-out 12: measured; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout13  # held-out 13: measured once; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout14  # held-out 14: measured once; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout15  # held-out 15: measured once; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout16  # held-out 16: measured once; tuning data since
    PYTHONPATH=. python -m benchmarks.devset --split heldout17  # held-out 17: measured once; false flags read
    PYTHONPATH=. python -m benchmarks.devset --split heldout18  # held-out 18: measured once; false flags read
    PYTHONPATH=. python -m benchmarks.devset --split heldout19  # held-out 19: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout20  # held-out 20: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout21  # held-out 21: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout22  # held-out 22: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout23  # held-out 23: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout24  # held-out 24: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout25  # held-out 25: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout26  # held-out 26: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout27  # held-out 27: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout28  # held-out 28: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout29  # held-out 29: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout30  # held-out 30: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout31  # held-out 31: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout32  # held-out 32: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout33  # held-out 33: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout34  # held-out 34: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout35  # held-out 35: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout36  # held-out 36: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout37  # held-out 37: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout38  # held-out 38: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout39  # held-out 39: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout40  # held-out 40: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout41  # held-out 41: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout42  # held-out 42: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout43  # held-out 43: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout44  # held-out 44: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout45  # held-out 45: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout46  # held-out 46: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout47  # held-out 47: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout48  # held-out 48: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout49  # held-out 49: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout50  # held-out 50: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout51  # held-out 51: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout52  # held-out 52: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout53  # held-out 53: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout54  # held-out 54: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout55  # held-out 55: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout56  # held-out 56: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout57  # held-out 57: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout58  # held-out 58: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout59  # held-out 59: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout60  # held-out 60: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout61  # held-out 61: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout62  # held-out 62: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout63  # held-out 63: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout64  # held-out 64: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout65  # held-out 65: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout66  # held-out 66: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout67  # held-out 67: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout68  # held-out 68: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout69  # held-out 69: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout70  # held-out 70: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout71  # held-out 71: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout72  # held-out 72: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout73  # held-out 73: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout74  # held-out 74: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout75  # held-out 75: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout76  # held-out 76: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout77  # held-out 77: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout78  # held-out 78: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout79  # held-out 79: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout80  # held-out 80: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout81  # held-out 81: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout82  # held-out 82: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout83  # held-out 83: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout84  # held-out 84: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout85  # held-out 85: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout86  # held-out 86: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout87  # held-out 87: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout88  # held-out 88: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout89  # held-out 89: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split heldout90  # held-out 90: the lead runs it once, at the end
    PYTHONPATH=. python -m benchmarks.devset --split all --bundled --json out.json

For each corpus `corpora/spun-news-<split>/en-XX` it runs every detector on the `spun-mt` system
(documents marked `source: hidden` in corpus.yaml without their source) through
`evalkit.detectors.evaluate.score_corpus`, the code behind `evalkit eval-detectors`, and prints
Markdown: per category (family) and language the gold and predicted span counts and the overlap
precision, recall and F1 (a predicted span counts when it shares a character with a gold span of
the same category), the same over all languages, the same split by documents with and without
their source, and how many gold negatives (gold/negatives) a flag overlaps. On the dev split the
flagged negatives are listed; on the held-out split only counts are printed, so that nobody
reads held-out text by accident. `--split all` is dev and heldout, never heldout2, heldout3, heldout4,
heldout5, heldout6, heldout7, heldout8, heldout9, heldout10, heldout11, heldout12, heldout13, heldout14,
heldout15, heldout16, heldout17, heldout18, heldout19, heldout20, heldout21, heldout22, heldout23,
heldout24, heldout25, heldout26, heldout27, heldout28, heldout29, heldout30, heldout31, heldout32, heldout33,
heldout34, heldout35, heldout36, heldout37, heldout38, heldout39, heldout40, heldout41, heldout42,
heldout43, heldout44, heldout45, heldout46, heldout47, heldout48, heldout49, heldout50, heldout51, heldout52,
heldout53, heldout54, heldout55, heldout56, heldout57, heldout58, heldout59, heldout60, heldout61,
heldout62, heldout63, heldout64, heldout65, heldout66, heldout67, heldout68, heldout69, heldout70, heldout71,
heldout72, heldout73, heldout74, heldout75, heldout76, heldout77, heldout78, heldout79, heldout80, heldout81,
heldout82, heldout83, heldout84, heldout85, heldout86, heldout87, heldout88, heldout89 or heldout90
(corpora/spun-news-heldout2 to -heldout90: only by name).
`--bundled` adds the bundled corpus (corpora/spinner-news-en-fr); `--aligner` scores evalkit's
sentence aligner against each corpus's gold/alignment.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYSTEM = "spun-mt"
LANGUAGES = ("fr", "de", "es", "ru")


def counts(gold, predicted, categories):
    """Per category: gold, predicted, predicted spans that overlap gold, gold spans overlapped."""
    from evalkit.detectors.evaluate import score_spans

    return {r.category: [r.gold, r.predicted, r.overlap_tp_pred, r.overlap_tp_gold]
            for r in score_spans(gold, predicted, categories)}


def prf(c):
    g, p, tp_pred, tp_gold = c
    precision = tp_pred / p if p else None
    recall = tp_gold / g if g else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if g and p else None)
    return precision, recall, f1


def add(a, b):
    return {k: [x + y for x, y in zip(a.get(k, [0] * 4), b.get(k, [0] * 4))] for k in set(a) | set(b)}


def measure(folder: Path, system: str):
    """Counts for the whole corpus, for its source-given and source-hidden documents, and negatives."""
    from evalkit.corpus import load_corpus
    from evalkit.detectors.evaluate import hidden_sources, score_corpus

    card = score_corpus(folder, system)
    hidden = hidden_sources(load_corpus(folder))
    parts = {"all": counts(card.gold, card.predicted, card.categories)}
    for name, keep in (("source given", lambda d: d not in hidden), ("source hidden", lambda d: d in hidden)):
        parts[name] = counts([s for s in card.gold if keep(s.doc_id)], [s for s in card.predicted if keep(s.doc_id)],
                             card.categories)
    return parts, card.negatives, card.flagged


def fmt(x):
    return "–" if x is None else f"{x:.2f}"


def table(columns: dict[str, dict], title: str) -> str:
    """Rows: categories; per column (language): gold/pred and overlap P, R, F1."""
    names = sorted({k for c in columns.values() for k in c if k != "(all)"}) + ["(all)"]
    head = "| category | " + " | ".join(f"{lang} gold/pred | P | R | F1" for lang in columns) + " |"
    rule = "|---|" + "|".join("---:|---:|---:|---:" for _ in columns) + "|"
    lines = [f"**{title}**", "", head, rule]
    for name in names:
        cells = []
        for c in columns.values():
            value = c.get(name, [0, 0, 0, 0])
            p, r, f = prf(value)
            cells.append(f"{value[0]}/{value[1]} | {fmt(p)} | {fmt(r)} | {fmt(f)}")
        if any(columns[k].get(name, [0, 0])[:2] != [0, 0] for k in columns):
            label = f"`{name}`" if name != "(all)" else "**all**"
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def splits_of(split: str) -> tuple[str, ...]:
    """The splits `--split` names: `all` is dev and heldout; the later held-out splits only when named."""
    return ("dev", "heldout") if split == "all" else (split,)


def report(split: str, bundled: bool) -> tuple[str, dict]:
    out, data = [], {}
    splits = splits_of(split)
    for name in splits:
        group = ROOT / "corpora" / f"spun-news-{name}"
        per_lang, negs = {}, {}
        by_source = defaultdict(dict)
        for lang in LANGUAGES:
            folder = group / f"en-{lang}"
            if not folder.is_dir():
                continue
            parts, negatives, flagged = measure(folder, SYSTEM)
            per_lang[lang] = parts["all"]
            for key in ("source given", "source hidden"):
                by_source[key] = add(by_source[key], parts[key])
            negs[lang] = (negatives, flagged)
        total = {}
        for c in per_lang.values():
            total = add(total, c)
        columns = {**per_lang, "all": total}
        out.append(f"### Split: {name}\n")
        out.append(table(columns, f"{name}: overlap precision, recall and F1 per category and target language"))
        out.append(table(dict(by_source), f"{name}: documents with and without their source (all languages)"))
        lines = [f"**{name}: gold negatives flagged (a flag overlaps a span that is not an error)**", "",
                 "| language | negatives | flagged |", "|---|---:|---:|"]
        lines += [f"| {lang} | {len(n)} | {len(f)} |" for lang, (n, f) in negs.items()]
        lines.append(f"| all | {sum(len(n) for n, _ in negs.values())} | {sum(len(f) for _, f in negs.values())} |")
        if name == "dev":
            lines.append("")
            lines += [f"- {n.doc_id} `{n.text}` ({n.kind}) <- {', '.join(cats)}"
                      for _, flagged in negs.values() for n, cats in flagged]
        out.append("\n".join(lines) + "\n")
        data[name] = {"languages": per_lang, "all": total, "by_source": dict(by_source),
                      "negatives": {lang: {"total": len(n), "flagged": len(f)} for lang, (n, f) in negs.items()}}
    if bundled:
        from evalkit.detectors.evaluate import score_corpus

        card = score_corpus(ROOT / "corpora" / "spinner-news-en-fr", "web-spinner-mt")
        c = counts(card.gold, card.predicted, card.categories)
        out.append("### Bundled corpus (spinner-news-en-fr, with source)\n")
        out.append(table({"fr": c}, "bundled: overlap precision, recall and F1 per category"))
        data["bundled"] = {"fr": c}
    return "\n".join(out), data


def aligner_report(split: str) -> str:
    """evalkit's aligner against the gold source-MT alignment, per language (evalkit.alignment.evaluate)."""
    from evalkit.alignment.evaluate import evaluate_corpus_gold

    lines = [f"**{split}: evalkit's aligner against the gold source-MT alignment (evalkit.alignment.evaluate)**", "",
             "| language | strict F1 | lax F1 | insertions P / R | omissions P / R (gold) |",
             "|---|---:|---:|---:|---:|"]
    for lang in LANGUAGES:
        folder = ROOT / "corpora" / f"spun-news-{split}" / f"en-{lang}"
        if not (folder / "gold" / "alignment").is_dir():
            continue
        r = evaluate_corpus_gold(folder, src_lang="en", tgt_lang=lang)["evalkit source-mt"]
        ratio = lambda key, n, r=r: f"{r[key]:.2f}" if r.get(n) else "–"  # noqa: E731
        lines.append(f"| {lang} | {r['strict_f1']:.2f} | {r['lax_f1']:.2f} | {ratio('ins_p', 'n_ins_pred')} / "
                     f"{ratio('ins_r', 'n_ins_gold')} | {ratio('omi_p', 'n_omi_pred')} / {ratio('omi_r', 'n_omi_gold')}"
                     f" ({r.get('n_omi_gold', 0)}) |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5",
                                            "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
                                            "heldout12", "heldout13", "heldout14", "heldout15", "heldout16",
                                            "heldout17", "heldout18", "heldout19", "heldout20", "heldout21",
                                            "heldout22", "heldout23", "heldout24", "heldout25",
                                            "heldout26", "heldout27", "heldout28", "heldout29", "heldout30",
                                            "heldout31", "heldout32", "heldout33", "heldout34", "heldout35",
                                            "heldout36", "heldout37", "heldout38", "heldout39", "heldout40",
                                            "heldout41", "heldout42", "heldout43", "heldout44", "heldout45",
                                            "heldout46", "heldout47", "heldout48", "heldout49", "heldout50",
                                            "heldout51", "heldout52", "heldout53", "heldout54", "heldout55",
                                            "heldout56", "heldout57", "heldout58", "heldout59", "heldout60",
                                            "heldout61", "heldout62", "heldout63", "heldout64", "heldout65",
                                            "heldout66", "heldout67", "heldout68", "heldout69", "heldout70",
                                            "heldout71", "heldout72", "heldout73", "heldout74", "heldout75",
                                            "heldout76", "heldout77", "heldout78", "heldout79", "heldout80",
                                            "heldout81", "heldout82", "heldout83", "heldout84", "heldout85",
                                            "heldout86", "heldout87", "heldout88", "heldout89", "heldout90", "all"],
                        default="dev", help="all = dev and heldout; heldout2 to heldout90 only by name")
    parser.add_argument("--bundled", action="store_true", help="also score the bundled corpus")
    parser.add_argument("--aligner", action="store_true", help="also score the aligner against gold/alignment")
    parser.add_argument("--json", metavar="FILE", help="also write the counts as JSON")
    args = parser.parse_args(argv)
    text, data = report(args.split, args.bundled)
    print(text)
    if args.aligner:
        for split in splits_of(args.split):
            print(aligner_report(split))
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
