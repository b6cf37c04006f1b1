"""Build the spun-news dev and held-out corpora from their annotation files.

Each corpus folder (corpora/spun-news-dev/en-XX, corpora/spun-news-heldout/en-XX, and the later
held-out splits corpora/spun-news-heldout2/en-XX to -heldout89/en-XX and -heldout90/en-XX) holds the texts
(`source/<doc>.txt`, `systems/spun-mt/<doc>.txt`) and one hand-written `annotations/<doc>.yaml` per
document: its title, outlet, topic, whether the detectors get the source (`source: given|hidden`),
and the gold errors and negatives as *quoted text*, never as offsets:

    errors:
      - [ne, major, "Financial Instances", "Financial Times", "why it is an error"]
      - [untr, major, "deal", "accord", "why", {n: 2}]        # the 2nd occurrence of "deal"
    negatives:
      - [outlet, "Reuters", "why it is not an error"]

This script finds each quoted text in the MT file (the n-th occurrence, default the only one: a
text found more than once without `n` is an error), and writes `gold/errors/<doc>.jsonl` and
`gold/negatives/<doc>.jsonl` with exact 0-based code-point offsets, `corpus.yaml`, and the
datasheet's generated blocks (`evalkit datasheet --write`). It stops with a one-line message on
the first quoted text that is not in the file, and checks every written span against the file.

    PYTHONPATH=. python corpora/spun-news-dev/tools/build.py            # every corpus
    PYTHONPATH=. python corpora/spun-news-dev/tools/build.py corpora/spun-news-dev/en-fr
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

SYSTEM = "spun-mt"
ROOT = Path(__file__).resolve().parents[2]          # corpora/
GROUPS = ("spun-news-dev", "spun-news-heldout", "spun-news-heldout2", "spun-news-heldout3", "spun-news-heldout4",
          "spun-news-heldout5", "spun-news-heldout6", "spun-news-heldout7", "spun-news-heldout8",
          "spun-news-heldout9", "spun-news-heldout10", "spun-news-heldout11",
          "spun-news-heldout12", "spun-news-heldout13", "spun-news-heldout14", "spun-news-heldout15",
          "spun-news-heldout16", "spun-news-heldout17",
          "spun-news-heldout18", "spun-news-heldout19",
          "spun-news-heldout20", "spun-news-heldout21",
          "spun-news-heldout22", "spun-news-heldout23",
          "spun-news-heldout24", "spun-news-heldout25",
          "spun-news-heldout26", "spun-news-heldout27",
          "spun-news-heldout28", "spun-news-heldout29",
          "spun-news-heldout30", "spun-news-heldout31",
          "spun-news-heldout32", "spun-news-heldout33",
          "spun-news-heldout34", "spun-news-heldout35", "spun-news-heldout36",
          "spun-news-heldout37", "spun-news-heldout38",
          "spun-news-heldout39", "spun-news-heldout40",
          "spun-news-heldout41", "spun-news-heldout42",
          "spun-news-heldout43",
          "spun-news-heldout44",
          "spun-news-heldout45", "spun-news-heldout46",
          "spun-news-heldout47", "spun-news-heldout48",
          "spun-news-heldout49", "spun-news-heldout50",
          "spun-news-heldout51", "spun-news-heldout52",
          "spun-news-heldout53", "spun-news-heldout54",
          "spun-news-heldout55", "spun-news-heldout56",
          "spun-news-heldout57", "spun-news-heldout58",
          "spun-news-heldout59", "spun-news-heldout60",
          "spun-news-heldout61", "spun-news-heldout62",
          "spun-news-heldout63", "spun-news-heldout64",
          "spun-news-heldout65", "spun-news-heldout66",
          "spun-news-heldout67", "spun-news-heldout68",
          "spun-news-heldout69", "spun-news-heldout70",
          "spun-news-heldout71", "spun-news-heldout72",
          "spun-news-heldout73", "spun-news-heldout74",
          "spun-news-heldout75", "spun-news-heldout76",
          "spun-news-heldout77", "spun-news-heldout78",
          "spun-news-heldout79", "spun-news-heldout80",
          "spun-news-heldout81", "spun-news-heldout82",
          "spun-news-heldout83", "spun-news-heldout84",
          "spun-news-heldout85", "spun-news-heldout86",
          "spun-news-heldout87", "spun-news-heldout88",
          "spun-news-heldout89", "spun-news-heldout90")
CATEGORIES = {
    "ne": "accuracy/mistranslation/named-entity", "untr": "accuracy/untranslated",
    "bp": "addition/boilerplate", "leak": "addition/prompt-leak", "dup": "fluency/duplication",
    "trunc": "omission/truncation", "om": "accuracy/omission", "num": "accuracy/mistranslation/number",
    "mis": "accuracy/mistranslation", "add": "accuracy/addition", "punct": "fluency/punctuation",
    "gram": "fluency/grammar", "spell": "fluency/spelling", "incons": "fluency/inconsistency",
    "awk": "style/awkward",
}
NEGATIVE_KINDS = ("outlet", "agency", "loanword", "quoted-english", "product", "person", "organisation",
                  "capitalised-noun", "place", "acronym")
LANGUAGE_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "ru": "Russian"}
SPLIT_NAMES = {"dev": "Development", "heldout": "HELD-OUT", "heldout2": "HELD-OUT 2 (do not look)",
               "heldout3": "HELD-OUT 3 (do not look)",
               "heldout4": "HELD-OUT 4 (do not look)", "heldout5": "HELD-OUT 5 (do not look)",
               "heldout6": "HELD-OUT 6 (do not look)", "heldout7": "HELD-OUT 7 (do not look)",
               "heldout8": "HELD-OUT 8 (do not look)", "heldout9": "HELD-OUT 9 (do not look)",
               "heldout10": "HELD-OUT 10 (do not look)",
               "heldout11": "HELD-OUT 11 (do not look)", "heldout12": "HELD-OUT 12 (do not look)",
               "heldout13": "HELD-OUT 13 (do not look)",
               "heldout14": "HELD-OUT 14 (do not look)", "heldout15": "HELD-OUT 15 (do not look)",
               "heldout16": "HELD-OUT 16 (do not look)",
               "heldout17": "HELD-OUT 17 (do not look)",
               "heldout18": "HELD-OUT 18 (do not look)",
               "heldout19": "HELD-OUT 19 (do not look)",
               "heldout20": "HELD-OUT 20 (do not look)",
               "heldout21": "HELD-OUT 21 (do not look)",
               "heldout22": "HELD-OUT 22 (do not look)",
               "heldout23": "HELD-OUT 23 (do not look)",
               "heldout24": "HELD-OUT 24 (do not look)",
               "heldout25": "HELD-OUT 25 (do not look)",
               "heldout26": "HELD-OUT 26 (do not look)",
               "heldout27": "HELD-OUT 27 (do not look)",
               "heldout28": "HELD-OUT 28 (do not look)",
               "heldout29": "HELD-OUT 29 (do not look)",
               "heldout30": "HELD-OUT 30 (do not look)",
               "heldout31": "HELD-OUT 31 (do not look)",
               "heldout32": "HELD-OUT 32 (do not look)",
               "heldout33": "HELD-OUT 33 (do not look)",
               "heldout34": "HELD-OUT 34 (do not look)",
               "heldout35": "HELD-OUT 35 (do not look)",
               "heldout36": "HELD-OUT 36 (do not look)",
               "heldout37": "HELD-OUT 37 (do not look)",
               "heldout38": "HELD-OUT 38 (do not look)",
               "heldout39": "HELD-OUT 39 (do not look)",
               "heldout40": "HELD-OUT 40 (do not look)",
               "heldout41": "HELD-OUT 41 (do not look)",
               "heldout42": "HELD-OUT 42 (do not look)",
               "heldout43": "HELD-OUT 43 (do not look)",
               "heldout44": "HELD-OUT 44 (do not look)",
               "heldout45": "HELD-OUT 45 (do not look)", "heldout46": "HELD-OUT 46 (do not look)",
               "heldout47": "HELD-OUT 47 (do not look)", "heldout48": "HELD-OUT 48 (do not look)",
               "heldout49": "HELD-OUT 49 (do not look)", "heldout50": "HELD-OUT 50 (do not look)",
               "heldout51": "HELD-OUT 51 (do not look)", "heldout52": "HELD-OUT 52 (do not look)",
               "heldout53": "HELD-OUT 53 (do not look)", "heldout54": "HELD-OUT 54 (do not look)",
               "heldout55": "HELD-OUT 55 (do not look)", "heldout56": "HELD-OUT 56 (do not look)",
               "heldout57": "HELD-OUT 57 (do not look)", "heldout58": "HELD-OUT 58 (do not look)",
               "heldout59": "HELD-OUT 59 (do not look)", "heldout60": "HELD-OUT 60 (do not look)",
               "heldout61": "HELD-OUT 61 (do not look)", "heldout62": "HELD-OUT 62 (do not look)",
               "heldout63": "HELD-OUT 63 (do not look)", "heldout64": "HELD-OUT 64 (do not look)",
               "heldout65": "HELD-OUT 65 (do not look)", "heldout66": "HELD-OUT 66 (do not look)",
               "heldout67": "HELD-OUT 67 (do not look)", "heldout68": "HELD-OUT 68 (do not look)",
               "heldout69": "HELD-OUT 69 (do not look)", "heldout70": "HELD-OUT 70 (do not look)",
               "heldout71": "HELD-OUT 71 (do not look)", "heldout72": "HELD-OUT 72 (do not look)",
               "heldout73": "HELD-OUT 73 (do not look)", "heldout74": "HELD-OUT 74 (do not look)",
               "heldout75": "HELD-OUT 75 (do not look)", "heldout76": "HELD-OUT 76 (do not look)",
               "heldout77": "HELD-OUT 77 (do not look)", "heldout78": "HELD-OUT 78 (do not look)",
               "heldout79": "HELD-OUT 79 (do not look)", "heldout80": "HELD-OUT 80 (do not look)",
               "heldout81": "HELD-OUT 81 (do not look)", "heldout82": "HELD-OUT 82 (do not look)",
               "heldout83": "HELD-OUT 83 (do not look)", "heldout84": "HELD-OUT 84 (do not look)",
               "heldout85": "HELD-OUT 85 (do not look)", "heldout86": "HELD-OUT 86 (do not look)",
               "heldout87": "HELD-OUT 87 (do not look)", "heldout88": "HELD-OUT 88 (do not look)",
               "heldout89": "HELD-OUT 89 (do not look)", "heldout90": "HELD-OUT 90 (do not look)"}


class BuildError(Exception):
    pass


def locate(text: str, needle: str, n: int | None, where: str) -> int:
    """Start of the n-th (1-based) occurrence of `needle` in `text`; the only one when n is None."""
    starts, k = [], text.find(needle)
    while k != -1:
        starts.append(k)
        k = text.find(needle, k + 1)
    if not starts:
        raise BuildError(f"{where}: {needle!r} not found in the MT")
    if n is None:
        if len(starts) > 1:
            raise BuildError(f"{where}: {needle!r} occurs {len(starts)} times; say which with {{n: K}}")
        return starts[0]
    if not 1 <= n <= len(starts):
        raise BuildError(f"{where}: {needle!r} occurs {len(starts)} times, not {n}")
    return starts[n - 1]


def _options(row: list, size: int, where: str) -> dict:
    if len(row) == size:
        return {}
    if len(row) == size + 1 and isinstance(row[-1], dict):
        return row[-1]
    raise BuildError(f"{where}: expected {size} fields (and an optional {{n: K}}), got {row!r}")


def gold_errors(doc_id: str, mt: str, rows: list, where: str) -> list[dict]:
    errors = []
    for i, row in enumerate(rows or [], start=1):
        here = f"{where} errors[{i}]"
        options = _options(row, 5, here)
        code, severity, needle, correction, rationale = row[:5]
        if code not in CATEGORIES:
            raise BuildError(f"{here}: unknown category code {code!r} (one of {', '.join(CATEGORIES)})")
        if severity not in ("minor", "major", "critical"):
            raise BuildError(f"{here}: unknown severity {severity!r}")
        start = locate(mt, needle, options.get("n"), here)
        errors.append({"doc_id": doc_id, "system": SYSTEM, "category": CATEGORIES[code], "severity": severity,
                       "start": start, "end": start + len(needle), "text": needle,
                       "correction": correction, "rationale": rationale,
                       "parent_text": options.get("parent")})
    errors.sort(key=lambda e: (e["start"], -e["end"]))
    ids = {}
    for k, e in enumerate(errors, start=1):
        e["id"] = f"{doc_id[:3]}-e{k:03d}"
        ids[(e["text"], e["start"])] = e["id"]
    for e in errors:
        parent_text = e.pop("parent_text")
        e["parent"] = None
        if parent_text is not None:
            outer = [o for o in errors if o["text"] == parent_text and o["start"] <= e["start"]
                     and e["end"] <= o["end"] and o is not e]
            if len(outer) != 1:
                raise BuildError(f"{where}: parent {parent_text!r} of {e['text']!r} not found around it")
            e["parent"] = outer[0]["id"]
    order = ("id", "doc_id", "system", "category", "severity", "start", "end", "text", "correction",
             "rationale", "parent")
    return [{k: e[k] for k in order} for e in errors]


def gold_negatives(doc_id: str, mt: str, rows: list, where: str) -> list[dict]:
    negatives = []
    for i, row in enumerate(rows or [], start=1):
        here = f"{where} negatives[{i}]"
        options = _options(row, 3, here)
        kind, needle, why = row[:3]
        if kind not in NEGATIVE_KINDS:
            raise BuildError(f"{here}: unknown negative kind {kind!r} (one of {', '.join(NEGATIVE_KINDS)})")
        start = locate(mt, needle, options.get("n"), here)
        negatives.append({"doc_id": doc_id, "system": SYSTEM, "kind": kind, "start": start,
                          "end": start + len(needle), "text": needle, "why": why})
    negatives.sort(key=lambda r: (r["start"], r["end"]))
    for k, r in enumerate(negatives, start=1):
        r["id"] = f"{doc_id[:3]}-n{k:03d}"
    order = ("id", "doc_id", "system", "kind", "start", "end", "text", "why")
    return [{k: r[k] for k in order} for r in negatives]


JUNK = ("addition/boilerplate", "addition/prompt-leak", "fluency/duplication")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without edge whitespace."""
    spans, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def _sentences(text: str, span: tuple[int, int], lang: str) -> list[tuple[int, int]]:
    from evalkit.segment import segment

    return [(span[0] + s.start, span[0] + s.end) for s in segment(text[span[0]:span[1]], lang)]


def gold_alignment(doc_id: str, source: str, mt: str, errors: list[dict], langs: tuple[str, str],
                   where: str) -> list[dict]:
    """The source-MT alignment of a document written line by line in source order: each sentence of a
    line wholly covered by a junk, leak or duplicate error is an insertion (0-1); every other MT line renders
    the next source line; after the line holding an omission's anchor, the next source line is an
    omission (1-0). Sentences within a line are evalkit.segment's."""
    src_lines, mt_lines = _lines(source), _lines(mt)
    junk = [any(e["category"] in JUNK and e["start"] <= a and b <= e["end"] for e in errors) for a, b in mt_lines]
    omit_after = {k for k, (a, b) in enumerate(mt_lines) for e in errors
                  if e["category"] == "accuracy/omission" and e["text"].endswith(".") and a <= e["start"] < b
                  and e["end"] == b}
    pairs, s = [], 0
    for k, span in enumerate(mt_lines):
        if junk[k]:
            pairs += [([], [x], "site junk, leaked prompt or repeated line") for x in _sentences(mt, span, langs[1])]
            continue
        if s >= len(src_lines):
            raise BuildError(f"{where}: MT line {k + 1} has no source line left to align to")
        pairs.append((_sentences(source, src_lines[s], langs[0]), _sentences(mt, span, langs[1]), ""))
        s += 1
        if k in omit_after:
            pairs.append((_sentences(source, src_lines[s], langs[0]), [], "omitted in the MT"))
            s += 1
    if s != len(src_lines):
        raise BuildError(f"{where}: {len(src_lines) - s} source line(s) left unaligned")
    links = []
    for number, (src, tgt, note) in enumerate(pairs):
        links.append({"doc_id": doc_id, "pair": "source-mt", "system": SYSTEM, "link": number,
                      "source": [list(x) for x in src], "target": [list(x) for x in tgt],
                      "source_text": [source[a:b] for a, b in src], "target_text": [mt[a:b] for a, b in tgt],
                      "type": f"{len(src)}-{len(tgt)}", "note": note})
    return links


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def build_corpus(folder: Path) -> dict:
    group, pair = folder.parent.name, folder.name
    source_lang, target_lang = pair.split("-")
    documents = []
    counts = {"errors": 0, "negatives": 0}
    for spec_path in sorted((folder / "annotations").glob("*.yaml")):
        doc_id = spec_path.stem
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        mt_path = folder / "systems" / SYSTEM / f"{doc_id}.txt"
        mt = mt_path.read_text(encoding="utf-8")
        where = "/".join(spec_path.parts[-5:])   # corpora/<group>/<pair>/annotations/<doc>.yaml
        errors = gold_errors(doc_id, mt, spec.get("errors"), where)
        negatives = gold_negatives(doc_id, mt, spec.get("negatives"), where)
        for row in errors + negatives:
            if mt[row["start"]:row["end"]] != row["text"]:   # cannot happen; checked anyway
                raise BuildError(f"{where}: span {row['id']} does not match the MT")
        source = (folder / "source" / f"{doc_id}.txt").read_text(encoding="utf-8")
        alignment = gold_alignment(doc_id, source, mt, errors, (source_lang, target_lang), where)
        write_jsonl(folder / "gold" / "errors" / f"{doc_id}.jsonl", errors)
        write_jsonl(folder / "gold" / "alignment" / f"{doc_id}.jsonl", alignment)
        write_jsonl(folder / "gold" / "negatives" / f"{doc_id}.jsonl", negatives)
        counts["errors"] += len(errors)
        counts["negatives"] += len(negatives)
        if spec.get("source") not in ("given", "hidden"):
            raise BuildError(f"{where}: 'source' must be 'given' or 'hidden'")
        documents.append({"id": doc_id, "title": spec["title"], "split": group.rsplit("-", 1)[1],
                          "source": spec["source"], "outlet": spec["outlet"], "topic": spec["topic"]})
    manifest = {
        "name": f"{group}-{pair}", "version": 1, "source_lang": source_lang, "target_lang": target_lang,
        "description": (f"{SPLIT_NAMES[group.rsplit('-', 1)[1]]} set: spun-then-machine-"
                        f"translated news articles in {LANGUAGE_NAMES[target_lang]}, written for evalkit to "
                        "measure its error detectors on text they were not built on (see ../README.md)."),
        "systems": {SYSTEM: {"description": "The English article passed through an article spinner and an "
                             "MT system, with a scraper site's junk; written for evalkit (see ../README.md).",
                             "gold": True}},
        "documents": documents,
    }
    header = ("# evalkit corpus manifest, generated by ../../spun-news-dev/tools/build.py from annotations/.\n"
              "# Per document: split (dev or a held-out split), source (given: the detectors see\n"
              "# source/<doc>.txt; hidden: they are measured on the MT alone), outlet and topic of the article.\n")
    (folder / "corpus.yaml").write_text(header + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False,
                                                                width=100), encoding="utf-8")
    readme = folder / "README.md"
    if not readme.exists():
        readme.write_text(_readme(group, pair, target_lang), encoding="utf-8")
    from evalkit.corpus import load_corpus
    from evalkit.datasheet import write_derived

    write_derived(load_corpus(folder))
    return counts


def _readme(group: str, pair: str, target_lang: str) -> str:
    blocks = "\n\n".join(f"## {title}\n\n<!-- BEGIN GENERATED: {name} (evalkit datasheet --write) -->\n"
                         f"<!-- END GENERATED: {name} -->" for name, title in
                         (("stats", "Size"), ("errors", "Gold errors"), ("notes", "Notes")))
    split = group.rsplit("-", 1)[1]
    warning = ("\n**HELD OUT. Detector developers must not open these texts, gold or notes until the final "
               f"measurement** (run `PYTHONPATH=. python -m benchmarks.devset --split {split}` and read only its "
               "totals).\n" if split.startswith("heldout") else "")
    return (f"# {group} {pair}\n{warning}\nSpun-then-machine-translated news in {LANGUAGE_NAMES[target_lang]}, "
            "written for evalkit. The datasheet of the whole set (how it was made, what is annotated, licence, "
            "limits) is [../../spun-news-dev/README.md](../../spun-news-dev/README.md); documents, splits and "
            "which documents are measured without their source are in `corpus.yaml`.\n\n" + blocks + "\n")


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [ROOT / g / p for g in GROUPS for p in
                                          sorted(x.name for x in (ROOT / g).glob("en-*")) if (ROOT / g).is_dir()]
    try:
        for folder in folders:
            counts = build_corpus(folder.resolve())
            print(f"{folder}: {counts['errors']} errors, {counts['negatives']} negatives")
    except (BuildError, OSError, yaml.YAMLError, KeyError) as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
