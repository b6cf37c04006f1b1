"""Derived files of a corpus: the `datasets` view and the datasheet's tables.

`data/documents.jsonl` and the generated blocks of the corpus README.md are
computed from the texts and the gold by `evalkit datasheet --write`; `evalkit
validate` fails when they are stale, so the datasheet never drifts from the data.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import Problem
from .textio import read_text, write_atomic

DOCUMENTS_FILE = Path("data") / "documents.jsonl"
BLOCKS = ("stats", "errors", "notes")


def _begin(name: str) -> str:
    return f"<!-- BEGIN GENERATED: {name} (evalkit datasheet --write) -->"


def _end(name: str) -> str:
    return f"<!-- END GENERATED: {name} -->"


def documents_jsonl(corpus) -> str:
    """One JSON object per (document, system), in manifest then system order."""
    lines = []
    for doc in corpus.documents:
        for system in corpus.systems:
            row = {"doc_id": doc.id, "system": system.name, "source_lang": corpus.source_lang,
                   "target_lang": corpus.target_lang, "title": doc.title, "source": doc.source,
                   "hypothesis": doc.hypotheses[system.name], "reference": doc.reference}
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _gold_sentence_counts(corpus_dir: Path, doc_id: str) -> dict[str, int]:
    """Number of gold sentences per side ('source', 'reference', system names)."""
    from .gold import load_alignment

    path = corpus_dir / "gold" / "alignment" / f"{doc_id}.jsonl"
    if not path.exists():
        return {}
    links, _ = load_alignment(path)
    spans: dict[str, set] = {}
    for link in links:
        target = "reference" if link.pair == "source-reference" else (link.system or "")
        spans.setdefault("source", set()).update(link.source)
        spans.setdefault(target, set()).update(link.target)
    return {side: len(s) for side, s in spans.items()}


def _segment_count(text: str | None, lang: str) -> int:
    if not text:
        return 0
    try:
        from .segment import segment
    except ImportError:  # segmenter not available: count non-empty lines
        return sum(1 for line in text.splitlines() if line.strip())
    return len(segment(text, lang))


def stats_block(corpus) -> str:
    """Per-document words and sentences of source, each system and the reference."""
    systems = [s.name for s in corpus.systems]
    header = ["document", "source words", "source sent."]
    for name in systems:
        header += [f"{name} words", f"{name} sent."]
    header += ["reference words", "reference sent."]
    rows = []
    totals = [0] * (len(header) - 1)
    sources: set[str] = set()
    for doc in corpus.documents:
        gold = _gold_sentence_counts(corpus.path, doc.id)

        def sentences(side: str, text: str | None, lang: str, gold: dict = gold) -> int:
            if side in gold:
                sources.add("gold")
                return gold[side]
            sources.add("segmenter")
            return _segment_count(text, lang)

        values = [_words(doc.source), sentences("source", doc.source, corpus.source_lang)]
        for name in systems:
            values += [_words(doc.hypotheses[name]), sentences(name, doc.hypotheses[name], corpus.target_lang)]
        values += [_words(doc.reference), sentences("reference", doc.reference, corpus.target_lang)]
        totals = [t + v for t, v in zip(totals, values)]
        rows.append([doc.id] + values)
    rows.append(["**total**"] + totals)
    note = ("Words are whitespace-separated tokens. Sentences are "
            + (" or ".join(sorted(sources)) if sources else "gold")
            + " sentences (gold: counted from `gold/alignment`, see docs/annotation-guidelines.md;"
            " segmenter: `evalkit.segment`).")
    return _table(header, rows) + "\n" + note


def errors_block(corpus) -> str:
    """Gold error counts per document and category, and by severity."""
    from .gold import load_errors

    by_doc: dict[str, Counter] = {}
    severities: Counter = Counter()
    categories: set[str] = set()
    for doc in corpus.documents:
        path = corpus.path / "gold" / "errors" / f"{doc.id}.jsonl"
        counts: Counter = Counter()
        if path.exists():
            errors, _ = load_errors(path)
            for e in errors:
                counts[e.category] += 1
                severities[e.severity] += 1
                categories.add(e.category)
        by_doc[doc.id] = counts
    if not categories:
        return "No gold error annotations."
    ordered = sorted(categories)
    header = ["category"] + _column_names(list(by_doc)) + ["total"]
    rows = []
    for category in ordered:
        counts = [by_doc[d][category] for d in by_doc]
        rows.append([f"`{category}`"] + counts + [sum(counts)])
    doc_totals = [sum(by_doc[d].values()) for d in by_doc]
    rows.append(["**total**"] + doc_totals + [sum(doc_totals)])
    severity_line = "By severity: " + ", ".join(f"{s} {severities[s]}" for s in ("critical", "major", "minor"))
    legend = "Columns are documents (by their first 3 characters where those tell them apart)."
    return _table(header, rows) + "\n" + legend + " " + severity_line + "."


def _column_names(doc_ids: list[str]) -> list[str]:
    """Each document's first 3 characters, or the whole ids when two documents share them."""
    short = [doc_id[:3] for doc_id in doc_ids]
    return short if len(set(short)) == len(short) else doc_ids


def _table(header: list, rows: list[list]) -> str:
    lines = ["| " + " | ".join(map(str, header)) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def notes_block(corpus) -> str:
    """The per-document editorial notes (`notes/<doc>.md`), in document order."""
    parts = []
    for doc in corpus.documents:
        path = corpus.path / "notes" / f"{doc.id}.md"
        if path.exists():
            parts.append(read_text(path).strip())
        else:
            parts.append(f"### {doc.id}\n\nNo editorial notes.")
    return "\n\n".join(parts) + "\n"


def render_blocks(corpus) -> dict[str, str]:
    return {"stats": stats_block(corpus), "errors": errors_block(corpus), "notes": notes_block(corpus)}


def _replace_block(readme: str, name: str, content: str) -> str | None:
    begin, end = _begin(name), _end(name)
    if begin not in readme or end not in readme:
        return None
    head, rest = readme.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{content.rstrip()}\n{end}{tail}"


def write_derived(corpus) -> list[Path]:
    """Regenerate data/documents.jsonl and the README's generated blocks of a loaded corpus folder."""
    written = []
    target = corpus.path / DOCUMENTS_FILE
    write_atomic(target, documents_jsonl(corpus), root=corpus.path)
    written.append(target)
    readme_path = corpus.path / "README.md"
    if readme_path.exists():
        readme = read_text(readme_path, root=corpus.path)
        updated = readme
        for name, content in render_blocks(corpus).items():
            replaced = _replace_block(updated, name, content)
            if replaced is not None:
                updated = replaced
        if updated != readme:
            write_atomic(readme_path, updated, root=corpus.path)
            written.append(readme_path)
    return written


def check_derived(corpus) -> list[Problem]:
    """Problems where the derived files of a loaded corpus folder differ from what the data gives."""
    problems = []
    target = corpus.path / DOCUMENTS_FILE
    fix = "run `evalkit datasheet --write " + str(corpus.path) + "`"
    if not target.exists():
        problems.append(Problem(target, None, f"file not found ({fix})", warning=True))
    elif target.read_text(encoding="utf-8") != documents_jsonl(corpus):
        problems.append(Problem(target, None, f"stale: differs from the corpus texts ({fix})"))
    readme_path = corpus.path / "README.md"
    if not readme_path.exists():
        problems.append(Problem(readme_path, None, "datasheet not found (document where the texts come "
                                                   "from and under which licence)", warning=True))
        return problems
    readme = read_text(readme_path)
    for name, content in render_blocks(corpus).items():
        replaced = _replace_block(readme, name, content)
        if replaced is None:
            problems.append(Problem(readme_path, None, f"generated block {name!r} markers not found"))
        elif replaced != readme:
            line = readme[: readme.index(_begin(name))].count("\n") + 1
            problems.append(Problem(readme_path, line, f"generated block {name!r} is stale ({fix})"))
    return problems
