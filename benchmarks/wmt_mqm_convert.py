"""Convert Google's WMT MQM TSV files into a compact evaluation set for evalkit's detectors.

    # the repository (github.com/google/wmt-mqm-human-evaluation) as a git directory or a checkout
    python -m benchmarks.wmt_mqm_convert REPO \
        generalMT2023/ende/sxs_mqm_generalMT2023_ende.3ratingsPerSegment.tsv.tar.gz \
        benchmarks/data/wmt-mqm/generalMT2023-ende-sxs.jsonl.gz

Input: one MQM TSV of that repository (plain, or a .tar.gz holding one TSV), read from a checkout
or straight from a git directory (`git show HEAD:PATH`). Columns: system, doc, docSegId (or seg_id),
rater, source, target, category, severity; the error span is marked `<v>...</v>` in the target (or
the source, for errors marked there). The `ted/` folder of that repository is held out for
measurement: this script refuses any path under it.

Output: JSON lines, gzip-compressed, one line per (system, doc, segment), sorted:

    {"system", "doc", "seg", "source", "mt", "raters": [...],
     "errors": [{"rater", "category", "severity", "side": "target"|"source", "start", "end", "text"}],
     "error_free": bool, "mqm": float}

`start`/`end` are str offsets into `mt` (or `source`) with the `<v>` markers removed. Rows of the
"hands on the wheel" quality checks (severity `HOTW-test`) are dropped. `error_free` is true when
no rater marked any error (`No-error` rows and `Source issue` rows do not count). `mqm` is the
mean over the segment's raters of the MQM score of Freitag et al. (2021): Major 5, Minor 1, Minor
Fluency/Punctuation 0.1, Non-translation 25; Neutral, No-error and Source issue 0. Same input,
same bytes (gzip header without time or name).

The Bio-MQM release (github.com/amazon-science/bio-mqm-dataset: WMT21 biomedical submissions, MQM
by medical linguists) has another layout: a folder of JSON files, one per system, each a list of
rated segments (`source`, `target`, `DOC_ID`, `SEG_ID`, `Annotator_ID`, `target_errors` with
`term`, `startIndex`, `endIndex` (inclusive), `error_category`, `error_subcategory`, `severity`).
Give that folder as PATH:

    python -m benchmarks.wmt_mqm_convert BIO_REPO data/v2/target/main_phase/round_two/en2de \
        benchmarks/data/wmt-mqm/bio-wmt21-ende-mqm.jsonl.gz

Its categories become "Category/Subcategory" ("Accuracy/Untranslated"); `Neutral` rows are
dropped; a span whose `term` is not at its offsets is moved to the nearest place the term is
(within 5 characters), else loses its offsets. `mqm` weighs Major 5, Minor 1, Critical 25
(evalkit's own critical weight; the release has no Non-translation category).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

NOT_ERRORS = ("No-error", "Source issue", "Source error", "Found", "Missed")


def read_bytes(repo: Path, path: str) -> bytes:
    if path.split("/")[0] == "ted":
        raise SystemExit("wmt_mqm_convert: error: ted/ is held out for measurement; not read")
    if (repo / path).is_file():
        return (repo / path).read_bytes()
    return subprocess.run(["git", f"--git-dir={repo}", "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout


def tsv_text(data: bytes, path: str) -> str:
    if path.endswith((".tar.gz", ".tgz")):
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".tsv")]
            if len(members) != 1:
                raise SystemExit(f"wmt_mqm_convert: error: {path}: expected one .tsv inside, found {len(members)}")
            return tar.extractfile(members[0]).read().decode("utf-8")
    return data.decode("utf-8")


def unmark(text: str) -> tuple[str, tuple[int, int] | None]:
    """The text without <v>...</v>, and the span the markers enclosed (None when unmarked)."""
    start = text.find("<v>")
    if start == -1:
        return text.replace("</v>", ""), None
    end = text.find("</v>", start)
    clean = text.replace("<v>", "").replace("</v>", "")
    return clean, (start, (end - 3) if end != -1 else len(clean))


def weight(category: str, severity: str) -> float:
    if category.startswith("Non-translation") or severity == "Critical":   # Critical: Bio-MQM's
        return 25.0
    if category in NOT_ERRORS or severity not in ("Major", "Minor"):
        return 0.0
    if severity == "Minor" and category == "Fluency/Punctuation":
        return 0.1
    return 5.0 if severity == "Major" else 1.0


def convert(text: str) -> list[dict]:
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(rows)]
    col = {name: header.index(name) for name in ("system", "doc", "rater", "source", "target", "category",
                                                 "severity")}
    seg_col = header.index("docSegId") if "docSegId" in header else header.index("seg_id")
    segments: dict[tuple, dict] = {}
    scores: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if len(row) < len(col) + 1:
            continue
        system, doc, seg, rater = row[col["system"]], row[col["doc"]], row[seg_col], row[col["rater"]]
        category, severity = row[col["category"]], row[col["severity"]]
        if severity == "HOTW-test":
            continue
        source, source_span = unmark(row[col["source"]])
        mt, target_span = unmark(row[col["target"]])
        key = (system, doc, int(seg) if seg.isdigit() else seg)
        entry = segments.setdefault(key, {"system": system, "doc": doc, "seg": key[2], "source": source, "mt": mt,
                                          "raters": set(), "errors": [], "variants": []})
        entry["variants"] += [mt]
        entry["raters"].add(rater)
        scores[key][rater] += weight(category, severity)
        if category in ("No-error",):
            continue
        side, span, base = ("source", source_span, source) if source_span and not target_span else \
            ("target", target_span, mt)
        error = {"rater": rater, "category": category, "severity": severity, "side": side}
        if span is not None:
            error.update(start=span[0], end=span[1], text=base[span[0]:span[1]])
        entry["errors"].append(error)
    out = []
    for key in sorted(segments, key=lambda k: (k[0], k[1], str(k[2]).zfill(8))):
        entry = segments[key]
        canonical(entry)
        entry["raters"] = sorted(entry["raters"])
        entry["errors"].sort(key=lambda e: (e["rater"], e.get("start", -1), e["category"]))
        entry["error_free"] = not any(e["category"] not in NOT_ERRORS for e in entry["errors"])
        per_rater = scores[key]
        entry["mqm"] = round(sum(per_rater.values()) / len(per_rater), 4)
        out.append(entry)
    return out


def canonical(entry: dict) -> None:
    """Raters' rows of one segment differ now and then by a space at the marker; keep the commonest MT
    (and the first source) and move each span onto it (a span whose text is not there loses its offsets)."""
    variants = entry.pop("variants")
    mt = max(sorted(set(variants)), key=variants.count)
    entry["mt"] = mt
    for e in entry["errors"]:
        base = mt if e["side"] == "target" else entry["source"]
        if "start" not in e or base[e["start"]:e["end"]] == e["text"]:
            continue
        near = base.find(e["text"], max(0, e["start"] - 2)) if e["text"] else -1
        if near != -1 and abs(near - e["start"]) <= 2:
            e["start"], e["end"] = near, near + len(e["text"])
        else:
            del e["start"], e["end"]


def bio_files(repo: Path, folder: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the .json files of a Bio-MQM folder, from a checkout or a git directory."""
    if (repo / folder).is_dir():
        return [(p.name, p.read_bytes()) for p in sorted((repo / folder).glob("*.json"))]
    names = subprocess.run(["git", f"--git-dir={repo}", "ls-tree", "--name-only", f"HEAD:{folder}"], check=True,
                           capture_output=True, text=True).stdout.split()
    return [(name, read_bytes(repo, f"{folder}/{name}")) for name in sorted(names) if name.endswith(".json")]


def convert_bio(files: list[tuple[str, bytes]]) -> list[dict]:
    segments: dict[tuple, dict] = {}
    scores: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    for _name, data in files:
        for row in json.loads(data.decode("utf-8-sig")):
            key = (row["MT_Engine"], row["DOC_ID"], int(row["SEG_ID"]))
            rater = str(row["Annotator_ID"])
            entry = segments.setdefault(key, {"system": key[0], "doc": key[1], "seg": key[2], "source": row["source"],
                                              "mt": row["target"], "raters": set(), "errors": []})
            entry["raters"].add(rater)
            scores[key][rater] += 0.0
            for e in row["target_errors"]:
                if e["severity"] not in ("Major", "Minor", "Critical"):
                    continue
                category = "/".join(x for x in (e["error_category"], e.get("error_subcategory", "")) if x)
                error = {"rater": rater, "category": category, "severity": e["severity"], "side": "target"}
                start = bio_offset(entry["mt"], e["term"], e["startIndex"])
                if start is not None:
                    error.update(start=start, end=start + len(e["term"]), text=e["term"])
                entry["errors"].append(error)
                scores[key][rater] += weight(category, e["severity"])
    out = []
    for key in sorted(segments):
        entry = segments[key]
        entry["raters"] = sorted(entry["raters"])
        entry["errors"].sort(key=lambda e: (e["rater"], e.get("start", -1), e["category"]))
        entry["error_free"] = not entry["errors"]
        per_rater = scores[key]
        entry["mqm"] = round(sum(per_rater.values()) / len(per_rater), 4)
        out.append(entry)
    return out


def bio_offset(text: str, term: str, start: int) -> int | None:
    """Where `term` is in `text`: at `start`, else at the nearest place within 5 characters."""
    if not term:
        return None
    for shift in sorted(range(-5, 6), key=abs):
        if 0 <= start + shift and text[start + shift:start + shift + len(term)] == term:
            return start + shift
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    repo, path, target = Path(argv[0]), argv[1], Path(argv[2])
    if path.endswith((".tsv", ".tar.gz", ".tgz")):
        segments = convert(tsv_text(read_bytes(repo, path), path))
    else:
        segments = convert_bio(bio_files(repo, path))
    payload = "".join(json.dumps(s, ensure_ascii=False, sort_keys=True) + "\n" for s in segments).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)
    print(f"{target}: {len(segments)} segments, {sum(len(s['errors']) for s in segments)} error rows, "
          f"{sum(s['error_free'] for s in segments)} error-free")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
