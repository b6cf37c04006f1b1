"""Rebuild the two derived systems of this corpus from its files (deterministic).

- copy-source: each English source document copied unchanged as the "French"
  output: the lower bound every metric and the untranslated-text detector
  should recognise.
- web-spinner-mt-repaired: the seed MT with part of its gold errors corrected:
  every annotation of the repaired categories below is replaced by its
  correction (junk lines and duplicates deleted with their line break); all
  other errors (mistranslations, grammar, style, punctuation, ...) are left.

Run from the repository root: python corpora/spinner-news-en-fr/tools/make_systems.py
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent
SEED = "web-spinner-mt"
REPAIRED_CATEGORIES = (
    "addition/boilerplate", "addition/prompt-leak", "fluency/duplication",
    "accuracy/mistranslation/named-entity", "accuracy/untranslated",
)


def repair(text: str, annotations: list[dict]) -> str:
    chosen = [a for a in annotations if a["category"] in REPAIRED_CATEGORIES and a.get("parent") is None]
    for a in sorted(chosen, key=lambda a: a["start"], reverse=True):
        start, end, correction = a["start"], a["end"], a["correction"]
        if correction == "":
            # a deleted line takes its line break (and one blank line) with it
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            if text[line_start:start].strip() == "" and text[end:line_end].strip() == "":
                start, end = line_start, line_end
                while end < len(text) and text[end] == "\n" and end - line_end < 2:
                    end += 1
        text = text[:start] + correction + text[end:]
    return text


def main() -> None:
    for name in ("copy-source", "web-spinner-mt-repaired"):
        (CORPUS / "systems" / name).mkdir(parents=True, exist_ok=True)
    for source in sorted((CORPUS / "source").glob("*.txt")):
        doc = source.stem
        (CORPUS / "systems" / "copy-source" / f"{doc}.txt").write_bytes(source.read_bytes())
        mt = (CORPUS / "systems" / SEED / f"{doc}.txt").read_text(encoding="utf-8")
        gold = [json.loads(line) for line in
                (CORPUS / "gold" / "errors" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines() if line]
        repaired = repair(mt, [a for a in gold if a["system"] == SEED])
        (CORPUS / "systems" / "web-spinner-mt-repaired" / f"{doc}.txt").write_text(repaired, encoding="utf-8")


if __name__ == "__main__":
    main()
