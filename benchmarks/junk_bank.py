"""Junk, leaked prompts and truncation WITHOUT a source, on the hand-written line bank in
tests/data/junk_bank (tuning part) or tests/data/junk_bank/aside (the part never tuned on).

Each bank line is placed inside a clean article (the title and punctuated prose lines of a spun-news-dev MT
text, after its second line), the source hidden, and the injected and structure detectors run
(evalkit.detectors.run_detectors): a junk or prompt line counts as found when a boilerplate or
prompt-leak flag overlaps it; an ordinary line ("ok") flagged so is a false flag. Truncation: the
article's last line cut mid-sentence, then two furniture lines of the bank after it.

    python -m benchmarks.junk_bank [--part tune|aside] [--show]
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "tests" / "data" / "junk_bank"
DEV = ROOT / "corpora" / "spun-news-dev"
LANGS = ("fr", "de", "es", "ru")
JUNK = ("addition/boilerplate", "addition/prompt-leak")
BAD = ("bp", "leak", "dup", "trunc", "untr")


def read_bank(lang: str, part: str) -> list[tuple[str, str]]:
    path = BANK / (f"aside/{lang}.tsv" if part == "aside" else f"{lang}.tsv")
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(k, t) for k, t in rows[1:]]


def articles(lang: str) -> list[str]:
    """The dev MT texts reduced to article prose: the title and the lines of eight words or more that
    end with sentence punctuation and hold no annotated junk, leak, duplicate, truncation or
    untranslated text (the corpus has no references)."""
    from evalkit.detectors.layout import is_terminal
    from evalkit.yamlio import load_yaml

    base = DEV / f"en-{lang}"
    out = []
    for row in (base / "data" / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(row)
        notes = load_yaml((base / "annotations" / f"{doc['doc_id']}.yaml").read_text(encoding="utf-8")) or {}
        bad = [str(e[2]) for e in notes.get("errors") or () if e[0] in BAD and str(e[2]).strip()]
        lines = [x.strip() for x in doc["hypothesis"].split("\n") if x.strip()]
        body = [x for x in lines[1:] if len(x.split()) >= 8 and is_terminal(x) and not any(b in x for b in bad)]
        out.append("\n".join(lines[:1] + body))
    return out


def flags_for(text: str, lang: str) -> list:
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input

    doc = prepare_input(text, "en", lang)
    return run_detectors(doc, make_detectors(["injected", "structure"]))


def placed(article: str, line: str) -> tuple[str, int, int]:
    lines = article.split("\n")
    head = "\n".join(lines[:2]) + "\n"
    return head + line + "\n" + "\n".join(lines[2:]), len(head), len(head) + len(line)


def line_results(lang: str, part: str, bank_lang: str | None = None) -> list[tuple[str, str, bool, str]]:
    """(kind, line, flagged, evidence) for each bank line placed in an article of `lang`."""
    docs = articles(lang)
    out = []
    for n, (kind, line) in enumerate(read_bank(bank_lang or lang, part)):
        text, a, b = placed(docs[n % len(docs)], line)
        hits = [f for f in flags_for(text, lang) if f.category in JUNK and f.start < b and f.end > a]
        out.append((kind, line, bool(hits), hits[0].evidence if hits else ""))
    return out


def truncation_results(lang: str, part: str) -> list[tuple[str, bool, bool]]:
    """(cut line, flagged when cut, flagged when whole) per article, furniture lines after it."""
    furniture = [t for k, t in read_bank(lang, part) if k not in ("ok", "prompt")]
    out = []
    for n, article in enumerate(articles(lang)):
        lines = [x for x in article.split("\n") if x.strip()]
        last = lines[-1].split()
        cut = " ".join(last[: max(4, int(len(last) * 0.6))]).rstrip(".,;:!?…»”\"")
        tail = "\n" + "\n".join(furniture[(2 * n) % len(furniture):][:2])
        whole = "\n".join(lines) + tail
        trunc = "\n".join(lines[:-1] + [cut]) + tail
        hit = any(f.category == "omission/truncation" for f in flags_for(trunc, lang))
        false = any(f.category == "omission/truncation" for f in flags_for(whole, lang))
        out.append((cut[-40:], hit, false))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("tune", "aside"), default="tune")
    ap.add_argument("--show", action="store_true", help="list the missed and falsely flagged lines")
    args = ap.parse_args(argv)
    per_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    lines = []
    for lang in LANGS:
        results = line_results(lang, args.part)
        if lang == "fr":
            results += [(k, t, f, e) for k, t, f, e in line_results("fr", args.part, "en")]
        for kind, line, flagged, evidence in results:
            family = kind if kind in ("ok", "prompt") else "junk"
            for key in (f"{family}", f"{family}:{lang}") + ((f"junk/{kind}",) if family == "junk" else ()):
                per_kind[key][0] += flagged
                per_kind[key][1] += 1
            if args.show and flagged != (kind != "ok"):
                lines.append(f"  {'MISSED' if kind != 'ok' else 'FALSE '} {lang} {kind:10} {line}  {evidence}")
        trunc = truncation_results(lang, args.part)
        per_kind["truncation"][0] += sum(h for _, h, _ in trunc)
        per_kind["truncation"][1] += len(trunc)
        per_kind["truncation-false"][0] += sum(f for _, _, f in trunc)
        per_kind["truncation-false"][1] += len(trunc)
        if args.show:
            lines += [f"  TRUNC  {lang} {'hit ' if h else 'MISS'} {'FALSE' if f else ''} ...{c}" for c, h, f in trunc]
    print(f"junk bank, part {args.part} (source hidden)")
    for key in sorted(per_kind):
        got, total = per_kind[key]
        label = "flagged" if key.startswith(("ok", "truncation-false")) else "recall"
        print(f"  {key:22} {label} {got}/{total} = {got / total:.2f}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
