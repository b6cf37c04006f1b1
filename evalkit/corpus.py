"""Corpora: a folder of source, reference and MT documents plus gold.

A corpus folder holds `corpus.yaml` (languages, documents, systems, checksums),
`source/<doc>.txt`, `reference/<doc>.txt`, `systems/<system>/<doc>.txt` and
`gold/`. `load_corpus` returns typed objects; `validate_corpus` lists every
broken invariant with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, Problem
from .ondemand import OnDemand
from .textio import read_text, sha256_file, split_raw_lines, symlink_below, unsafe_name

if TYPE_CHECKING:
    import pandas as pd

MANIFEST = "corpus.yaml"
BUNDLED_CORPUS = Path("corpora") / "spinner-news-en-fr"
DOC_ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,199}\Z")   # \Z: "$" would accept a final newline
SYSTEM_NAME = DOC_ID
SENTENCES = "sentences"     # documents re-segmented and re-aligned (the default)
LINES = "lines"             # one segment per line on every side, taken as given (evalkit/lines.py)
SEGMENTATIONS = (SENTENCES, LINES)


def default_corpus() -> Path:
    """The bundled corpus: ./corpora/... or, in a source checkout, next to the package."""
    from .errors import UsageError

    candidates = [Path.cwd() / BUNDLED_CORPUS, Path(__file__).resolve().parent.parent / BUNDLED_CORPUS]
    for candidate in candidates:
        if (candidate / MANIFEST).exists():
            return candidate
    raise UsageError(f"no corpus given and the bundled corpus {BUNDLED_CORPUS} was not found; "
                     "pass a corpus folder")


def check_segmentation(value: object, where: str | Path) -> str:
    if value not in SEGMENTATIONS:
        raise InputError(where, f"unknown segmentation {value!r}; use one of {', '.join(SEGMENTATIONS)}")
    return str(value)


def check_line_counts(counts: Mapping[str, int], where: str | None = None) -> None:
    """Raise InputError naming two files (or sides) with different line counts, and both counts."""
    items = list(counts.items())
    first_name, first_count = items[0]
    for name, count in items[1:]:
        if count != first_count:
            scope = f" in document {where!r}" if where else ""
            raise InputError(name, f"{count} lines but {first_name} has {first_count}{scope}; "
                                   "line-aligned files need one segment per line on every side")


def language_pair(src_lang: str | None, tgt_lang: str | None, source_lang: str | None = None,
                  target_lang: str | None = None) -> tuple[str | None, str | None]:
    """`src_lang`/`tgt_lang`, or the older keywords `source_lang`/`target_lang` (either, not both)."""
    from .errors import UsageError

    for new, old, label in ((src_lang, source_lang, "src_lang"), (tgt_lang, target_lang, "tgt_lang")):
        if new is not None and old is not None and new != old:
            raise UsageError(f"{label} given twice with different values ({new!r} and {old!r})")
    return (src_lang if src_lang is not None else source_lang,
            tgt_lang if tgt_lang is not None else target_lang)


def is_language_code(code: str) -> bool:
    """True for a valid BCP-47 language tag naming a known language ("en", "fr", "pt-BR")."""
    import langcodes

    return isinstance(code, str) and langcodes.tag_is_valid(code) and \
        langcodes.Language.get(code).is_valid()


def check_language(code: Any, where: str | Path) -> str:
    if not is_language_code(code):
        raise InputError(where, f"unknown language code {code!r} (expected an ISO 639 code such as "
                                "'en', 'fr', 'de')")
    return code


@dataclass(frozen=True)
class System:
    """One MT system: a name and, per document, its output text."""

    name: str
    description: str = ""
    has_gold: bool = False


@dataclass(frozen=True)
class Document:
    """One document: its source, its reference (if any) and each system's output."""

    id: str
    source: str
    reference: str | None
    hypotheses: Mapping[str, str]
    title: str = ""

    def hypothesis(self, system: str) -> str:
        return self.hypotheses[system]


class DocumentFiles(OnDemand[Document]):
    """The documents of a corpus folder, read from disk each time one is asked for.

    `load_corpus` checks every file once (present, UTF-8, not empty) and keeps only the paths, so
    that a run holds the document it is scoring, not the corpus: memory follows the largest
    document. Indexing and iterating read the files again (a few milliseconds per document,
    against tens for scoring it); a file changed into bad input since the check raises the same
    one-line InputError.
    """

    def __init__(self, root: Path, doc_ids: Sequence[str], titles: Mapping[str, str], has_reference: bool,
                 systems: Mapping[str, Path]):
        self.root = root
        self.ids = tuple(doc_ids)
        self.titles = dict(titles)
        self.has_reference = has_reference
        self.systems = dict(systems)          # system name -> its folder of <doc>.txt files

    def paths(self, doc_id: str) -> list[Path]:
        """Every file of one document: source, reference (if any), then each system's output."""
        return ([self.root / "source" / f"{doc_id}.txt"]
                + ([self.root / "reference" / f"{doc_id}.txt"] if self.has_reference else [])
                + [folder / f"{doc_id}.txt" for folder in self.systems.values()])

    def _read(self, folder: Path, doc_id: str) -> str:
        # an added system's folder (--system NAME=PATH) is its own root; nothing may be a symlink below
        root = self.root if folder.is_relative_to(self.root) else folder
        return read_text(folder / f"{doc_id}.txt", root=root)

    def read(self, doc_id: str) -> Document:
        source = self._read(self.root / "source", doc_id)
        reference = self._read(self.root / "reference", doc_id) if self.has_reference else None
        hypotheses = {s: self._read(folder, doc_id) for s, folder in self.systems.items()}
        return Document(doc_id, source, reference, hypotheses, self.titles.get(doc_id, ""))

    def with_system(self, name: str, folder: Path) -> DocumentFiles:
        systems = {**self.systems, name: folder}   # after the others, as in a Document's hypotheses
        return DocumentFiles(self.root, self.ids, self.titles, self.has_reference, systems)

    def __len__(self) -> int:
        return len(self.ids)

    def _item(self, k: int) -> Document:
        return self.read(self.ids[k])

    def __repr__(self) -> str:
        return f"DocumentFiles({str(self.root)!r}, {len(self)} documents)"


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus. Documents are in manifest order; systems in name order.

    `documents` is any sequence of Document: a `DocumentFiles` (read on demand) for a corpus
    folder, a tuple for corpora built in memory (datasets).
    """

    path: Path
    name: str
    source_lang: str
    target_lang: str
    documents: Sequence[Document]
    systems: tuple[System, ...]
    description: str = ""
    manifest: Mapping[str, Any] = field(default_factory=dict, repr=False)
    # "sentences": documents are re-segmented and re-aligned; "lines": every side is already one
    # segment per line, scored as given (evalkit/lines.py)
    segmentation: str = SENTENCES

    @property
    def src_lang(self) -> str:
        """The source language (the same as `source_lang`)."""
        return self.source_lang

    @property
    def tgt_lang(self) -> str:
        """The target language (the same as `target_lang`)."""
        return self.target_lang

    @property
    def has_reference(self) -> bool:
        if isinstance(self.documents, DocumentFiles):
            return self.documents.has_reference
        return all(d.reference is not None for d in self.documents)

    def system(self, name: str) -> System:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def with_system(self, name: str, folder: str | Path, description: str = "") -> Corpus:
        """A copy with one more system read from `folder/<doc>.txt` (every document required)."""
        from dataclasses import replace

        folder = Path(folder)
        if not SYSTEM_NAME.match(name):
            raise InputError(folder, f"invalid system name {name!r}: use letters, digits, '.', '_', '-'")
        if any(s.name == name for s in self.systems):
            raise InputError(folder, f"system {name!r} is already in the corpus")
        if not folder.is_dir():
            raise InputError(folder, "system folder not found")
        present = {p.stem for p in folder.glob("*.txt")}
        wanted = list(self.documents.ids) if isinstance(self.documents, DocumentFiles) else \
            [d.id for d in self.documents]
        missing = [d for d in wanted if d not in present]
        if missing:
            raise InputError(folder / f"{missing[0]}.txt", f"file not found ({len(missing)} of {len(wanted)} "
                                                           "documents missing)")
        extra = sorted(present - set(wanted))
        if extra:
            raise InputError(folder / f"{extra[0]}.txt", f"document {extra[0]!r} is not in the corpus")
        if isinstance(self.documents, DocumentFiles):
            for doc_id in wanted:
                read_text(folder / f"{doc_id}.txt", root=folder)  # bad input fails now, not halfway through
            documents: Sequence[Document] = self.documents.with_system(name, folder)
        else:
            documents = tuple(replace(d, hypotheses={**d.hypotheses,
                                                              name: read_text(folder / f"{d.id}.txt", root=folder)})
                              for d in self.documents)
        systems = tuple(sorted(self.systems + (System(name, description or f"added from {folder}"),),
                               key=lambda s: s.name))
        return replace(self, documents=documents, systems=systems)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def to_frame(self) -> pd.DataFrame:
        """One row per (document, system): doc_id, system, source, hypothesis, reference."""
        import pandas as pd

        rows = [
            {"doc_id": d.id, "system": s.name, "source_lang": self.source_lang,
             "target_lang": self.target_lang, "source": d.source,
             "hypothesis": d.hypotheses[s.name], "reference": d.reference}
            for d in self.documents for s in self.systems
        ]
        columns = ["doc_id", "system", "source_lang", "target_lang", "source", "hypothesis", "reference"]
        return pd.DataFrame(rows, columns=columns)


def read_manifest(path: Path) -> dict[str, Any]:
    """Parse corpus.yaml; raises InputError naming the file and line on bad YAML."""
    from .yamlio import YAMLRefused, load_yaml

    manifest_path = path / MANIFEST
    text = read_text(manifest_path, root=path)
    try:
        data = load_yaml(text)
    except YAMLRefused as exc:
        line = f" at line {exc.line}" if exc.line else ""
        raise InputError(manifest_path, f"invalid YAML{line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise InputError(manifest_path, "expected a mapping with name, source_lang, target_lang")
    for key in ("source_lang", "target_lang"):
        if key not in data:
            raise InputError(manifest_path, f"missing key {key!r}")
        check_language(data[key], manifest_path)
    name = data.get("name")
    if name is not None:
        # The name is the report folder (<out>/<name>): it must be one folder name.
        reason = unsafe_name(name) if isinstance(name, str) else "must be a string"
        if reason:
            raise InputError(manifest_path, f"invalid corpus name {name!r}: {reason}")
    docs = data.get("documents")
    if docs is not None and not isinstance(docs, list):
        raise InputError(manifest_path, "'documents' must be a list")
    systems = data.get("systems") or {}
    if not isinstance(systems, dict):
        raise InputError(manifest_path, "'systems' must be a mapping of name -> description")
    if "segmentation" in data:
        check_segmentation(data["segmentation"], manifest_path)
    checksums = data.get("checksums") or {}
    if not isinstance(checksums, dict):
        raise InputError(manifest_path, "'checksums' must be a mapping of file -> sha256")
    return data


@dataclass
class _Layout:
    """What a corpus folder declares and holds, before any text is read."""

    path: Path
    manifest: dict[str, Any]
    doc_ids: list[str]
    titles: dict[str, str]
    systems: dict[str, dict[str, Any]]
    has_reference: bool
    problems: list[Problem]


def _scan(path: Path) -> _Layout:
    if not path.exists():
        raise InputError(path, "corpus folder not found")
    if not path.is_dir():
        raise InputError(path, f"not a folder (a corpus is a folder with {MANIFEST}, source/, systems/)")
    if not (path / MANIFEST).exists():
        raise InputError(path / MANIFEST, "file not found: not an evalkit corpus folder")
    manifest = read_manifest(path)
    manifest_path = path / MANIFEST
    problems: list[Problem] = []

    titles: dict[str, str] = {}
    doc_ids: list[str] = []
    declared = manifest.get("documents")
    if declared is None:
        doc_ids = sorted(p.stem for p in (path / "source").glob("*.txt"))
    else:
        for i, entry in enumerate(declared):
            doc_id = entry.get("id") if isinstance(entry, dict) else entry
            if not isinstance(doc_id, str):
                problems.append(Problem(manifest_path, None, f"documents[{i}]: missing 'id'"))
                continue
            if doc_id in titles:
                problems.append(Problem(manifest_path, None, f"duplicate document id {doc_id!r}"))
                continue
            doc_ids.append(doc_id)
            title = entry.get("title") if isinstance(entry, dict) else None
            if isinstance(title, (int, float)) and not isinstance(title, bool):
                title = str(title)  # `title: 1984` in YAML is a number
            if title is not None and not isinstance(title, str):
                problems.append(Problem(manifest_path, None, f"documents[{i}]: 'title' must be a string"))
                title = None
            titles[doc_id] = title or ""
    for doc_id in doc_ids:
        if not DOC_ID.match(doc_id):
            problems.append(Problem(manifest_path, None, f"invalid document id {doc_id!r}: use letters, "
                                                         "digits, '.', '_', '-' (no path separators)"))
    if not doc_ids:
        problems.append(Problem(path / "source", None, "no documents (expected source/<doc>.txt)"))

    systems: dict[str, dict[str, Any]] = {}
    for name, meta in (manifest.get("systems") or {}).items():
        meta = meta if isinstance(meta, dict) else {"description": str(meta or "")}
        systems[str(name)] = meta
    systems_dir = path / "systems"
    if systems_dir.is_dir():
        for folder in sorted(systems_dir.iterdir()):
            if folder.is_dir() and not folder.name.startswith("."):
                systems.setdefault(folder.name, {})
    for name in systems:
        if not SYSTEM_NAME.match(name):
            problems.append(Problem(manifest_path, None, f"invalid system name {name!r}"))
    if not systems:
        problems.append(Problem(systems_dir, None, "no systems (expected systems/<system>/<doc>.txt)"))

    has_reference = (path / "reference").is_dir()
    folders = [path / "source"] + ([path / "reference"] if has_reference else []) + \
        [systems_dir / name for name in systems]
    wanted = set(doc_ids)
    for folder in folders:
        linked = symlink_below(path, folder)
        if linked:
            problems.append(Problem(folder, None, linked))
            continue
        if not folder.is_dir():
            problems.append(Problem(folder, None, "folder not found"))
            continue
        present = {p.stem for p in folder.glob("*.txt")}
        for doc_id in doc_ids:
            if doc_id not in present and DOC_ID.match(doc_id):
                problems.append(Problem(folder / f"{doc_id}.txt", None, "file not found "
                                        f"(document {doc_id!r} is in the corpus)"))
        for extra in sorted(present - wanted):
            problems.append(Problem(folder / f"{extra}.txt", None, f"document {extra!r} is not in "
                                    f"{MANIFEST}'s document list"))
        for other in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".txt"
                            and not p.name.startswith(".")):
            problems.append(Problem(other, None, "unexpected file (documents are <doc>.txt)"))
    return _Layout(path, manifest, doc_ids, titles, systems, has_reference, problems)


def load_corpus(path: str | Path, *, systems: list[str] | None = None) -> Corpus:
    """Load a corpus folder. Raises InputError on the first structural problem.

    `systems` restricts the systems loaded (default: all).
    """
    layout = _scan(Path(path))
    if layout.problems:
        first = layout.problems[0]
        more = f" (and {len(layout.problems) - 1} more problem(s); run `evalkit validate`)" \
            if len(layout.problems) > 1 else ""
        raise InputError(first.path, first.message + more)
    names = sorted(layout.systems)
    if systems is not None:
        unknown = [s for s in systems if s not in layout.systems]
        if unknown:
            raise InputError(layout.path, f"unknown system {unknown[0]!r}; available: {', '.join(names)}")
        names = [s for s in names if s in systems]
    root = layout.path
    documents = DocumentFiles(root, layout.doc_ids, layout.titles, layout.has_reference,
                              {s: root / "systems" / s for s in names})
    # Every file is read and checked now (and let go), so that bad input stops the run before it
    # starts; the texts are read again as documents are scored.
    lines = layout.manifest.get("segmentation") == LINES
    for doc_id in layout.doc_ids:
        document = documents.read(doc_id)
        if lines:
            texts = [document.source, *([document.reference] if document.reference is not None else []),
                     *document.hypotheses.values()]
            check_line_counts({str(f): _line_count(t) for f, t in zip(documents.paths(doc_id), texts)})
    manifest = layout.manifest
    return Corpus(
        path=root,
        name=str(manifest.get("name") or root.resolve().name),  # resolved: "." and ".." have no name
        source_lang=manifest["source_lang"],
        target_lang=manifest["target_lang"],
        documents=documents,
        systems=tuple(System(n, str(layout.systems[n].get("description", "")).strip(),
                             bool(layout.systems[n].get("gold", False))) for n in names),
        description=str(manifest.get("description", "")).strip(),
        manifest=manifest,
        segmentation=str(manifest.get("segmentation") or SENTENCES),
    )


def validate_corpus(path: str | Path) -> list[Problem]:
    """Every broken invariant of a corpus folder, each with its file (and line)."""
    from . import gold
    from .datasheet import check_derived

    root = Path(path)
    try:
        layout = _scan(root)
    except InputError as exc:
        return [Problem(exc.path or root, None, exc.message)]
    problems = list(layout.problems)

    readable: set[Path] = set()
    folders = [root / "source"] + ([root / "reference"] if layout.has_reference else []) + \
        [root / "systems" / s for s in layout.systems]
    for folder in folders:
        for doc_id in layout.doc_ids:
            file = folder / f"{doc_id}.txt"
            if not file.exists():
                continue
            try:
                read_text(file, root=root)
                readable.add(file)
            except InputError as exc:
                problems.append(Problem(file, _line_of(exc.message), exc.message))

    checksums = (layout.manifest.get("checksums") or {}).items()
    for relative, expected in sorted(checksums, key=lambda item: str(item[0])):
        file = root / str(relative)
        if Path(str(relative)).is_absolute() or ".." in Path(str(relative)).parts:
            problems.append(Problem(root / MANIFEST, None, f"checksums: {relative!r} is outside the corpus"))
        elif symlink_below(root, file):
            problems.append(Problem(file, None, f"checksums: {symlink_below(root, file)}"))
        elif not file.is_file():
            problems.append(Problem(file, None, "file listed in checksums not found"))
        elif sha256_file(file) != str(expected):
            problems.append(Problem(file, None, f"sha256 {sha256_file(file)[:12]}... does not match "
                                                f"the recorded {str(expected)[:12]}... (file changed)"))

    gold_systems = [s for s, meta in layout.systems.items() if meta.get("gold")]
    gold_kinds = ("errors", "alignment", "negatives")
    for kind in gold_kinds:
        folder = root / "gold" / kind
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.jsonl")):
            if file.stem not in layout.doc_ids:
                problems.append(Problem(file, None, f"gold for unknown document {file.stem!r}"))
    for doc_id in layout.doc_ids:
        needed = [root / "source" / f"{doc_id}.txt"] + \
            ([root / "reference" / f"{doc_id}.txt"] if layout.has_reference else []) + \
            [root / "systems" / s / f"{doc_id}.txt" for s in gold_systems]
        has_gold = any((root / "gold" / k / f"{doc_id}.jsonl").exists() for k in gold_kinds)
        if has_gold and all(f in readable for f in needed):
            problems += gold.check_document(root, doc_id, gold_systems)
    if layout.manifest.get("segmentation") == LINES:
        problems += _line_count_problems(root, layout, folders, readable)
    if not [p for p in problems if not p.warning]:
        problems += check_derived(load_corpus(root))
    return problems


def _line_count(text: str) -> int:
    return len(split_raw_lines(text))


def _line_count_problems(root: Path, layout: _Layout, folders: list[Path], readable: set[Path]) -> list[Problem]:
    """`segmentation: lines`: every side of a document must have as many lines as its source."""
    problems = []
    for doc_id in layout.doc_ids:
        files = [folder / f"{doc_id}.txt" for folder in folders if folder / f"{doc_id}.txt" in readable]
        counts = [(file, _line_count(read_text(file))) for file in files]
        for file, count in counts[1:]:
            if count != counts[0][1]:
                problems.append(Problem(file, None, f"{count} lines but {counts[0][0].relative_to(root)} has "
                                                    f"{counts[0][1]} (segmentation: lines needs one segment per "
                                                    "line on every side)"))
    return problems


def _line_of(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
