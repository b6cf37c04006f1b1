"""Gold annotations of a corpus: error spans and sentence alignment.

Loads `gold/errors/<doc>.jsonl` and `gold/alignment/<doc>.jsonl` and checks
them against the raw files they point into (docs/annotation-guidelines.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

CATEGORIES = (
    "accuracy/untranslated",
    "accuracy/mistranslation",
    "accuracy/mistranslation/named-entity",
    "accuracy/mistranslation/number",
    "accuracy/omission",
    "accuracy/addition",
    "omission/truncation",
    "addition/boilerplate",
    "addition/prompt-leak",
    "fluency/duplication",
    "fluency/grammar",
    "fluency/punctuation",
    "fluency/spelling",
    "fluency/inconsistency",
    "style/awkward",
)
SEVERITIES = ("minor", "major", "critical")
PAIRS = ("source-mt", "source-reference")

ERROR_FIELDS = {
    "id": str, "doc_id": str, "system": str, "category": str, "severity": str,
    "start": int, "end": int, "text": str, "correction": str, "rationale": str,
}
LINK_FIELDS = {
    "doc_id": str, "pair": str, "link": int, "source": list, "target": list,
    "source_text": list, "target_text": list, "type": str,
}


@dataclass(frozen=True)
class GoldError:
    """One annotated error span in the raw MT text of one system."""

    id: str
    doc_id: str
    system: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    correction: str
    rationale: str
    parent: str | None = None


@dataclass(frozen=True)
class GoldLink:
    """One gold alignment link: source sentences <-> target sentences."""

    doc_id: str
    pair: str
    system: str | None
    link: int
    source: tuple[tuple[int, int], ...]
    target: tuple[tuple[int, int], ...]
    source_text: tuple[str, ...] = field(default=())
    target_text: tuple[str, ...] = field(default=())
    type: str = ""
    note: str = ""

    @property
    def is_insertion(self) -> bool:
        return not self.source and bool(self.target)

    @property
    def is_omission(self) -> bool:
        return bool(self.source) and not self.target


def read_jsonl(path: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Parse a JSON-lines file; returns (line number, object) pairs and problems."""
    from .textio import symlink_below

    records: list[tuple[int, dict]] = []
    problems: list[Problem] = []
    # <corpus>/gold/<kind>/<doc>.jsonl: no symlink from the corpus folder down
    linked = symlink_below(path.parents[2], path) if len(path.parents) > 2 else None
    if linked:
        return [], [Problem(path, None, linked)]
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [Problem(path, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")]
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, number, f"invalid JSON: {exc.msg}"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(path, number, "expected a JSON object"))
            continue
        records.append((number, obj))
    return records, problems


def _check_fields(obj: dict, spec: dict, path: Path, line: int) -> list[Problem]:
    problems = []
    for name, kind in spec.items():
        if name not in obj:
            problems.append(Problem(path, line, f"missing field {name!r}"))
        elif not isinstance(obj[name], kind) or (kind is int and isinstance(obj[name], bool)):
            problems.append(Problem(path, line, f"field {name!r} should be {kind.__name__}"))
    return problems


def load_errors(path: Path) -> tuple[list[GoldError], list[Problem]]:
    records, problems = read_jsonl(path)
    errors = []
    for line, obj in records:
        field_problems = _check_fields(obj, ERROR_FIELDS, path, line)
        if field_problems:
            problems.extend(field_problems)
            continue
        errors.append(GoldError(**{k: obj[k] for k in ERROR_FIELDS}, parent=obj.get("parent")))
    return errors, problems


def load_alignment(path: Path) -> tuple[list[GoldLink], list[Problem]]:
    records, problems = read_jsonl(path)
    links = []
    for line, obj in records:
        field_problems = _check_fields(obj, LINK_FIELDS, path, line)
        if field_problems:
            problems.extend(field_problems)
            continue
        try:
            source = tuple((int(s), int(e)) for s, e in obj["source"])
            target = tuple((int(s), int(e)) for s, e in obj["target"])
        except (TypeError, ValueError):
            problems.append(Problem(path, line, "source/target must be lists of [start, end]"))
            continue
        links.append(GoldLink(
            doc_id=obj["doc_id"], pair=obj["pair"], system=obj.get("system"),
            link=obj["link"], source=source, target=target,
            source_text=tuple(obj["source_text"]), target_text=tuple(obj["target_text"]),
            type=obj["type"], note=obj.get("note", ""),
        ))
    return links, problems


def check_errors(errors: list[GoldError], texts: dict[str, str], path: Path,
                 doc_id: str) -> list[Problem]:
    """Check error spans against the raw MT texts, keyed by system name."""
    problems: list[Problem] = []
    ids = {e.id for e in errors}
    seen: set[str] = set()
    by_system: dict[str, list[GoldError]] = {}
    for e in errors:
        where = f"error {e.id}"
        if e.id in seen:
            problems.append(Problem(path, None, f"{where}: duplicate id"))
        seen.add(e.id)
        if e.doc_id != doc_id:
            problems.append(Problem(path, None, f"{where}: doc_id {e.doc_id!r} != {doc_id!r}"))
        if e.category not in CATEGORIES:
            problems.append(Problem(path, None, f"{where}: unknown category {e.category!r}"))
        if e.severity not in SEVERITIES:
            problems.append(Problem(path, None, f"{where}: unknown severity {e.severity!r}"))
        if e.parent is not None and e.parent not in ids:
            problems.append(Problem(path, None, f"{where}: parent {e.parent!r} does not exist"))
        text = texts.get(e.system)
        if text is None:
            problems.append(Problem(path, None, f"{where}: unknown system {e.system!r}"))
            continue
        if not 0 <= e.start < e.end <= len(text):
            problems.append(Problem(path, None, f"{where}: span [{e.start}, {e.end}) outside "
                                                f"the text (length {len(text)})"))
            continue
        if text[e.start:e.end] != e.text:
            problems.append(Problem(path, None, f"{where}: span text {e.text!r} does not match "
                                                f"the file ({text[e.start:e.end]!r})"))
        by_system.setdefault(e.system, []).append(e)
    parents = {e.id: e.parent for e in errors}
    for system_errors in by_system.values():
        ordered = sorted(system_errors, key=lambda e: (e.start, -e.end))
        open_spans: list[GoldError] = []
        for e in ordered:
            open_spans = [o for o in open_spans if o.end > e.start]
            for o in open_spans:
                nested = e.end <= o.end and _is_ancestor(o.id, e.id, parents)
                if not nested:
                    problems.append(Problem(path, None, f"error {e.id} overlaps error {o.id} "
                                                        "without declaring it as parent"))
            open_spans.append(e)
    return problems


def _is_ancestor(ancestor: str, child: str, parents: dict[str, str | None]) -> bool:
    current = parents.get(child)
    hops = 0
    while current is not None and hops < 100:
        if current == ancestor:
            return True
        current = parents.get(current)
        hops += 1
    return False


def check_alignment(links: list[GoldLink], source: str, targets: dict[str, str],
                    path: Path, doc_id: str) -> list[Problem]:
    """Check that each pair's links tile both sides exactly once, in order.

    `targets` maps "reference" and every system name to its raw text.
    """
    problems: list[Problem] = []
    pairs: dict[tuple[str, str | None], list[GoldLink]] = {}
    for link in links:
        if link.doc_id != doc_id:
            problems.append(Problem(path, None, f"link {link.link}: doc_id {link.doc_id!r} != {doc_id!r}"))
        if link.pair not in PAIRS:
            problems.append(Problem(path, None, f"link {link.link}: unknown pair {link.pair!r}"))
            continue
        pairs.setdefault((link.pair, link.system), []).append(link)
    for (pair, system), pair_links in sorted(pairs.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        name = "reference" if pair == "source-reference" else system
        target = targets.get(name or "")
        label = f"{pair}" + (f" ({system})" if system else "")
        if target is None:
            problems.append(Problem(path, None, f"{label}: no target text for {name!r}"))
            continue
        problems += _check_pair(pair_links, source, target, path, label)
    for name in targets:
        pair = ("source-reference", None) if name == "reference" else ("source-mt", name)
        if pair not in pairs:
            problems.append(Problem(path, None, f"no {pair[0]} alignment for {name!r}"))
    return problems


def _check_pair(links: list[GoldLink], source: str, target: str, path: Path,
                label: str) -> list[Problem]:
    problems: list[Problem] = []
    for side, text, spans_of, texts_of in (
        ("source", source, lambda link: link.source, lambda link: link.source_text),
        ("target", target, lambda link: link.target, lambda link: link.target_text),
    ):
        previous_end = 0
        covered = [False] * len(text)
        for link in links:
            spans, span_texts = spans_of(link), texts_of(link)
            if len(spans) != len(span_texts):
                problems.append(Problem(path, None, f"{label} link {link.link}: {side} has "
                                                    f"{len(spans)} spans but {len(span_texts)} texts"))
            for i, (start, end) in enumerate(spans):
                where = f"{label} link {link.link} {side} [{start}, {end})"
                if not 0 <= start < end <= len(text):
                    problems.append(Problem(path, None, f"{where}: outside the text"))
                    continue
                if start < previous_end:
                    problems.append(Problem(path, None, f"{where}: not monotonic "
                                                        "(overlaps or precedes the previous span)"))
                previous_end = max(previous_end, end)
                piece = text[start:end]
                if i < len(span_texts) and piece != span_texts[i]:
                    problems.append(Problem(path, None, f"{where}: text {span_texts[i]!r} does "
                                                        f"not match the file ({piece!r})"))
                if "\n" in piece or piece != piece.strip():
                    problems.append(Problem(path, None, f"{where}: a sentence must lie within "
                                                        "one line, without edge whitespace"))
                for k in range(start, end):
                    covered[k] = True
        gap_start = None
        for k, ch in enumerate(text + "\n"):
            missing = k < len(text) and not covered[k] and not ch.isspace()
            if missing and gap_start is None:
                gap_start = k
            elif not missing and gap_start is not None and (k == len(text) or not ch.isspace() or ch == "\n"):
                line = text.count("\n", 0, gap_start) + 1
                snippet = text[gap_start:k].strip()[:60]
                problems.append(Problem(path, None, f"{label}: {side} sentence not covered by "
                                                    f"any link (line {line}: {snippet!r})"))
                gap_start = None
    for link in links:
        expected = f"{len(link.source)}-{len(link.target)}"
        if link.type != expected:
            problems.append(Problem(path, None, f"{label} link {link.link}: type {link.type!r} "
                                                f"should be {expected!r}"))
        if not link.source and not link.target:
            problems.append(Problem(path, None, f"{label} link {link.link}: empty on both sides"))
    return problems


NEGATIVE_FIELDS = {"id": str, "doc_id": str, "system": str, "kind": str, "start": int, "end": int,
                   "text": str, "why": str}


def check_negatives(path: Path, texts: dict[str, str], doc_id: str) -> list[Problem]:
    """Check `gold/negatives/<doc>.jsonl`: spans that are not errors, each `text == mt[start:end]`."""
    records, problems = read_jsonl(path)
    for line, obj in records:
        field_problems = _check_fields(obj, NEGATIVE_FIELDS, path, line)
        if field_problems:
            problems += field_problems
            continue
        text = texts.get(obj["system"])
        if obj["doc_id"] != doc_id:
            problems.append(Problem(path, line, f"negative {obj['id']}: doc_id {obj['doc_id']!r} != {doc_id!r}"))
        elif text is None:
            problems.append(Problem(path, line, f"negative {obj['id']}: unknown system {obj['system']!r}"))
        elif not 0 <= obj["start"] < obj["end"] <= len(text) or text[obj["start"]:obj["end"]] != obj["text"]:
            problems.append(Problem(path, line, f"negative {obj['id']}: span text {obj['text']!r} does not "
                                                "match the file"))
    return problems


def check_document(corpus_dir: Path, doc_id: str, systems: list[str]) -> list[Problem]:
    """Check both gold files of one document; used by `evalkit validate`."""
    problems: list[Problem] = []
    source = (corpus_dir / "source" / f"{doc_id}.txt").read_text(encoding="utf-8")
    reference = corpus_dir / "reference" / f"{doc_id}.txt"   # a corpus may have no references
    targets = {"reference": reference.read_text(encoding="utf-8")} if reference.exists() else {}
    for system in systems:
        targets[system] = (corpus_dir / "systems" / system / f"{doc_id}.txt").read_text(encoding="utf-8")
    errors_path = corpus_dir / "gold" / "errors" / f"{doc_id}.jsonl"
    if errors_path.exists():
        errors, load_problems = load_errors(errors_path)
        problems += load_problems
        problems += check_errors(errors, {s: targets[s] for s in systems}, errors_path, doc_id)
    negatives_path = corpus_dir / "gold" / "negatives" / f"{doc_id}.jsonl"
    if negatives_path.exists():
        problems += check_negatives(negatives_path, {s: targets[s] for s in systems}, doc_id)
    alignment_path = corpus_dir / "gold" / "alignment" / f"{doc_id}.jsonl"
    if alignment_path.exists():
        links, load_problems = load_alignment(alignment_path)
        problems += load_problems
        problems += check_alignment(links, source, targets, alignment_path, doc_id)
    return problems
