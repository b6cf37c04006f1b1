"""Hugging Face `datasets` in and out: evaluate a dataset, export a corpus and its results.

`corpus_from_dataset` builds a Corpus from a hub dataset, a local dataset folder or
a parquet/jsonl/csv file; `corpus_to_dataset` and `segments_to_dataset` turn a
corpus and a run into `datasets.Dataset`s; `evalkit export` writes them to disk.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import DOC_ID, SYSTEM_NAME, Corpus, Document, System, check_language
from .errors import InputError, UsageError
from .textio import sha256_file, umask_mode

if TYPE_CHECKING:
    import datasets

    from .results import RunResult

FIELDS = ("doc_id", "source", "hypothesis", "reference", "system")
REQUIRED = ("source", "hypothesis")
# File suffix -> `datasets` packaged builder (and its extra arguments).
FILE_BUILDERS: dict[str, tuple[str, dict[str, Any]]] = {
    ".parquet": ("parquet", {}), ".jsonl": ("json", {}), ".json": ("json", {}),
    ".csv": ("csv", {}), ".tsv": ("csv", {"sep": "\t"}), ".arrow": ("arrow", {}),
}
FORMATS = ("disk", "parquet", "jsonl")
EXPORT_MANIFEST = "export.json"
EXPORT_VERSION = 2   # 2: `files` lists what the export wrote (size, sha256)
FLAG_FIELDS = ("start", "end", "category", "severity", "text", "detector", "suggestion", "confidence",
               "evidence")


@dataclass(frozen=True)
class FieldMap:
    """Which dataset column holds each corpus field; None: the column is absent (optional fields)."""

    doc_id: str | None = "doc_id"
    source: str = "source"
    hypothesis: str = "hypothesis"
    reference: str | None = "reference"
    system: str | None = "system"
    named: frozenset[str] = frozenset()   # fields the user named: their column must exist

    @classmethod
    def parse(cls, fields: str | Sequence[str] | Mapping[str, str] | None) -> FieldMap:
        """`fields`: "doc,src,mt,ref,sys" (in FIELDS order, a prefix is enough, "-" for none),
        "source=src,hypothesis=mt" (by name), a list of either, or a mapping."""
        if fields is None:
            return cls()
        if isinstance(fields, str):
            fields = [f.strip() for f in fields.split(",")]
        if isinstance(fields, Mapping):
            pairs = dict(fields)
        elif any("=" in f for f in fields):
            pairs = {}
            for item in fields:
                name, sep, column = (part.strip() for part in item.partition("="))
                if not sep or not name:
                    raise UsageError(f"bad field mapping {item!r}: use FIELD=COLUMN for every item "
                                     f"(fields: {', '.join(FIELDS)})")
                pairs[name] = column
        else:
            if len(fields) > len(FIELDS):
                raise UsageError(f"{len(fields)} field names given; expected at most {len(FIELDS)} "
                                 f"({','.join(FIELDS)})")
            pairs = dict(zip(FIELDS, fields))
        unknown = sorted(set(pairs) - set(FIELDS))
        if unknown:
            raise UsageError(f"unknown field {unknown[0]!r}; fields are {', '.join(FIELDS)}")
        columns: dict[str, str | None] = {}
        for name, column in pairs.items():
            absent = column in ("", "-")
            if absent and name in REQUIRED:
                raise UsageError(f"field {name!r} is required and cannot be mapped to no column")
            columns[name] = None if absent else column
        named = frozenset(n for n, c in columns.items() if c is not None)
        return replace(cls(), named=named, **columns)  # type: ignore[arg-type]

    def column(self, name: str) -> str | None:
        return getattr(self, name)


def _safe_name(text: str) -> str:
    """A folder-safe corpus/system name from a dataset name ("owner/name" -> "owner--name")."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text.replace("/", "--")).strip("-._")
    return name[:200] or "dataset"


def _dataset_name(name_or_path: str, config: str | None) -> str:
    path = Path(name_or_path)
    base = path.stem if path.suffix in FILE_BUILDERS and path.is_file() else \
        path.resolve().name if path.exists() else name_or_path
    return _safe_name(f"{base}-{config}" if config else base)


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[:limit - 3] + "..."


@contextmanager
def _quiet_progress(enabled: bool) -> Iterator[None]:
    """Hide `datasets` progress bars while reading a local file (instant; the bars are noise)."""
    from datasets.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    was_disabled = are_progress_bars_disabled()
    if enabled and not was_disabled:
        disable_progress_bars()
    try:
        yield
    finally:
        if enabled and not was_disabled:
            enable_progress_bars()


def _is_saved_to_disk(folder: Path) -> bool:
    return (folder / "dataset_dict.json").is_file() or \
        ((folder / "state.json").is_file() and (folder / "dataset_info.json").is_file())


def load_rows(name_or_path: str | Path, *, config: str | None = None,
              split: str = "test") -> datasets.Dataset:
    """One split of a dataset: a parquet/jsonl/csv file, a `save_to_disk` folder, a dataset
    folder (README card / data files) or a hub name. Raises InputError naming the dataset."""
    import datasets

    name = str(name_or_path)
    path = Path(name)
    where = f"split {split!r}" + (f" of config {config!r}" if config else "")
    if path.suffix.lower() in FILE_BUILDERS and not path.exists():
        raise InputError(name, "file not found")
    try:
        if path.is_file():
            if path.suffix.lower() not in FILE_BUILDERS:
                raise InputError(name, f"unsupported file type {path.suffix or '(none)'!r}; expected "
                                       f"{', '.join(sorted(FILE_BUILDERS))} or a dataset folder")
            # A single file has no split of its own: it becomes the split asked for.
            return _read_file(path)
        if path.is_dir() and _is_saved_to_disk(path):
            if config:
                raise UsageError(f"{name}: a save_to_disk folder has no configurations; drop --hf-config")
            loaded = datasets.load_from_disk(str(path))
            if isinstance(loaded, datasets.DatasetDict):
                if split not in loaded:
                    raise InputError(name, f"no split {split!r}; splits: {', '.join(sorted(loaded))}")
                return loaded[split]
            return loaded
        if path.is_dir():
            return _load_folder(path, config, split)
        return datasets.load_dataset(name, config, split=split)
    except (InputError, UsageError):
        raise
    except Exception as exc:
        hint = "" if path.exists() else "; not a local file or folder either"
        raise InputError(name, f"cannot load {where}: {_one_line(str(exc) or type(exc).__name__)}"
                               f"{hint}") from exc


def _json_rows(path: Path) -> list[dict[str, Any]]:
    """The records of a .jsonl file (one object a line) or a .json file (a list of objects, or JSON lines)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json" and text.lstrip().startswith("["):
        rows = json.loads(text)
        numbered = list(enumerate(rows, 1))
        what = "item"
    else:
        numbered = []
        for number, line in enumerate(text.split("\n"), 1):
            try:
                numbered += [(number, json.loads(line))] if line.strip() else []
            except ValueError as exc:
                raise InputError(path, f"line {number}: not valid JSON ({exc})") from None
        what = "line"
    escaped = "\\u" in text   # a lone surrogate can only come from a \uXXXX escape
    for number, row in numbered:
        if not isinstance(row, dict):
            raise InputError(path, f"{what} {number}: expected a JSON object, got {type(row).__name__}")
        if escaped:
            try:
                json.dumps(row, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(path, f"{what} {number}: holds a lone surrogate "
                                       f"(\\u{ord(exc.object[exc.start]):04x}), which is not text") from None
    return [row for _, row in numbered]


def _read_file(path: Path) -> datasets.Dataset:
    """A local data file read into memory with pyarrow/pandas: nothing is written to the `datasets`
    cache (or anywhere), and no home folder is needed."""
    import datasets
    import pyarrow as pa

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
    elif suffix == ".arrow":
        from pyarrow import ipc

        with pa.memory_map(str(path)) as source:
            try:
                table = ipc.open_stream(source).read_all()
            except pa.ArrowInvalid:
                table = ipc.open_file(source).read_all()
    elif suffix in (".jsonl", ".json"):
        table = pa.Table.from_pylist(_json_rows(path))
    else:
        import pandas as pd

        frame = pd.read_csv(path, **FILE_BUILDERS[suffix][1])
        table = pa.Table.from_pandas(frame, preserve_index=False)
    return datasets.Dataset(datasets.table.InMemoryTable(table))


def _load_folder(path: Path, config: str | None, split: str) -> datasets.Dataset:
    """A dataset folder (card and data files) through `datasets`, with a cache of its own that is
    deleted afterwards: the rows are kept in memory, the user's cache is never written."""
    import datasets

    with tempfile.TemporaryDirectory(prefix="evalkit-datasets-") as cache, _quiet_progress(True):
        return datasets.load_dataset(str(path), config, split=split, cache_dir=cache, keep_in_memory=True)


@dataclass
class _Parts:
    """The rows of one (document, system): texts in row order."""

    first_row: int
    source: list[str]
    hypothesis: list[str]
    reference: list[str] | None
    title: str = ""


def _languages(name: str, columns: Mapping[str, list], source_lang: str | None,
               target_lang: str | None) -> tuple[str, str]:
    found = []
    for key, given, option, keyword in (("source_lang", source_lang, "--src-lang", "src_lang"),
                                        ("target_lang", target_lang, "--tgt-lang", "tgt_lang")):
        if given is not None:
            found.append(check_language(given, option))
            continue
        if key not in columns:
            raise InputError(name, f"no {key.replace('_lang', '')} language: pass {option} (Python: "
                                   f"{keyword}=...) or add a {key!r} column")
        values = sorted({str(v) for v in columns[key]})
        if len(values) != 1:
            raise InputError(name, f"column {key!r} holds {len(values)} languages ({', '.join(values[:5])}); "
                                   f"select one language pair and pass {option}")
        found.append(check_language(values[0], f"{name}: column {key!r}"))
    return found[0], found[1]


def _text(name: str, columns: Mapping[str, list], fields: FieldMap, field: str, row: int,
          allow_empty: bool = False) -> str:
    column = fields.column(field)
    value = columns[column][row]
    if not isinstance(value, str):
        kind = "missing (null)" if value is None else f"not text ({type(value).__name__})"
        raise InputError(name, f"row {row}: field {field!r} (column {column!r}) is {kind}")
    if not value.strip() and not allow_empty:   # an empty line is a segment when rows are lines
        raise InputError(name, f"row {row}: field {field!r} (column {column!r}) is empty")
    return value


def _identifier(name: str, value: Any, field: str, column: str, row: int) -> str:
    if value is None:
        raise InputError(name, f"row {row}: field {field!r} (column {column!r}) is missing (null)")
    text = str(value)
    if not (DOC_ID if field == "doc_id" else SYSTEM_NAME).match(text):
        raise InputError(name, f"row {row}: invalid {field} {text!r} in column {column!r} (use letters, "
                               "digits, '.', '_', '-'; it names report files)")
    return text


def corpus_from_dataset(name_or_path: str | Path, *, config: str | None = None, split: str = "test",
                        fields: str | Sequence[str] | Mapping[str, str] | None = None,
                        src_lang: str | None = None, tgt_lang: str | None = None,
                        segmentation: str = "auto", source_lang: str | None = None,
                        target_lang: str | None = None) -> Corpus:
    """A Corpus from a dataset with one row per segment or document.

    Columns (renamed by `fields`, see FieldMap.parse): doc_id, source, hypothesis,
    reference, system. Rows with the same doc_id and system form one document, their
    texts joined with "\\n" in row order. No system column: one system named after the
    dataset; no doc_id column: each row is a document ("row-00000", ... per system);
    no reference column: a corpus without references. Languages come from the
    arguments, else from constant `source_lang`/`target_lang` columns. `segmentation="lines"`:
    each row is one segment, scored as given (evalkit/lines.py), no re-segmentation and no
    re-alignment; a text with a line break is refused. `"auto"` (the default): "lines" unless
    some row's text holds a line break (rows that are whole documents), then "sentences".
    `source_lang`/`target_lang` are the older names of `src_lang`/`tgt_lang`.
    """
    from .corpus import check_segmentation, language_pair

    source_lang, target_lang = language_pair(src_lang, tgt_lang, source_lang, target_lang)

    if segmentation != "auto":
        check_segmentation(segmentation, "segmentation")
    name = str(name_or_path)
    field_map = FieldMap.parse(fields)
    dataset = load_rows(name, config=config, split=split)
    available = list(dataset.column_names)
    for field in FIELDS:
        column = field_map.column(field)
        if column is not None and column not in available and (field in REQUIRED or field in field_map.named):
            listed = _one_line(", ".join(available), 200)
            raise InputError(name, f"no column {column!r} for field {field!r} (columns: {listed}); "
                                   "map it with --hf-fields (Python: fields=)")
    present = {f: c for f in FIELDS if (c := field_map.column(f)) is not None and c in available}
    field_map = replace(field_map, **{f: present.get(f) for f in ("doc_id", "reference", "system")})
    extra = {c for c in ("source_lang", "target_lang", "title") if c in available}
    wanted = sorted(set(present.values()) | extra)
    if len(dataset) == 0:
        raise InputError(name, f"split {split!r} has no rows")
    columns = dataset.select_columns(wanted).to_dict()
    src_lang, tgt_lang = _languages(name, columns, source_lang, target_lang)
    corpus_name = _dataset_name(name, config)
    if segmentation == "auto":
        segmentation = _rows_segmentation(columns, field_map)

    documents: dict[str, dict[str, _Parts]] = {}
    counters: dict[str, int] = {}
    for row in range(len(dataset)):
        system = _identifier(name, columns[field_map.system][row], "system", field_map.system, row) \
            if field_map.system else corpus_name
        if field_map.doc_id:
            doc_id = _identifier(name, columns[field_map.doc_id][row], "doc_id", field_map.doc_id, row)
        else:
            counters[system] = counters.get(system, -1) + 1
            doc_id = f"row-{counters[system]:05d}"
        parts = documents.setdefault(doc_id, {}).get(system)
        if parts is None:
            title = str(columns["title"][row] or "") if "title" in columns else ""
            parts = _Parts(row, [], [], [] if field_map.reference else None, title)
            documents[doc_id][system] = parts
        rows_are_lines = segmentation == "lines"
        parts.source.append(_text(name, columns, field_map, "source", row, rows_are_lines))
        parts.hypothesis.append(_text(name, columns, field_map, "hypothesis", row, rows_are_lines))
        if parts.reference is not None:
            parts.reference.append(_text(name, columns, field_map, "reference", row, rows_are_lines))

    systems = sorted({s for by_system in documents.values() for s in by_system})
    built = []
    for doc_id, by_system in documents.items():
        missing = [s for s in systems if s not in by_system]
        if missing:
            raise InputError(name, f"document {doc_id!r} has no rows for system {missing[0]!r} "
                                   "(every system must translate every document)")
        first = by_system[systems[0]]
        for field in ("source", "reference"):
            expected = getattr(first, field)
            for system in systems[1:]:
                other = by_system[system]
                if getattr(other, field) != expected:
                    raise InputError(name, f"document {doc_id!r}: field {field!r} differs between systems "
                                           f"{systems[0]!r} (row {first.first_row}) and {system!r} "
                                           f"(row {other.first_row}); every system must have the same "
                                           f"{field} segments")
        join = _line_join(name, doc_id) if segmentation == "lines" else "\n".join
        built.append(Document(doc_id, join(first.source),
                              join(first.reference) if first.reference is not None else None,
                              {s: join(by_system[s].hypothesis) for s in systems}, first.title))
    origin = {"dataset": name, "config": config, "split": split,
              "fields": {f: field_map.column(f) for f in FIELDS}}
    if segmentation == "lines":
        origin["segmentation"] = "lines"
    return Corpus(path=Path(name), name=corpus_name, source_lang=src_lang, target_lang=tgt_lang,
                  documents=tuple(built), systems=tuple(System(s, f"from dataset {name}") for s in systems),
                  description=f"Hugging Face dataset {name}" + (f" ({config})" if config else "") +
                              f", split {split}",
                  manifest={"name": corpus_name, "source_lang": src_lang, "target_lang": tgt_lang,
                            "origin": origin}, segmentation=segmentation)


def _rows_segmentation(columns: Mapping[str, list], fields: FieldMap) -> str:
    """"lines" when every row's texts are single lines (one segment per row), else "sentences"."""
    texts = [fields.column(f) for f in ("source", "hypothesis", "reference")]
    for column in filter(None, texts):
        if any(isinstance(value, str) and "\n" in value.strip() for value in columns.get(column, ())):
            return "sentences"
    return "lines"


def _line_join(name: str, doc_id: str):
    """Rows of one document as line-aligned text: one line per row (none may hold a line break)."""
    from .lines import lines_text

    def join(rows: list[str]) -> str:
        for k, row in enumerate(rows):
            if "\n" in row:
                raise InputError(name, f"document {doc_id!r}, segment {k + 1}: a line break inside a row; "
                                       "with segmentation 'lines' each row is one segment")
        return lines_text(rows)
    return join


def _flag_feature() -> Any:
    from datasets import List, Value

    kinds = {"start": "int64", "end": "int64", "confidence": "float64"}
    return List({f: Value(kinds.get(f, "string")) for f in FLAG_FIELDS})


def _description(corpus_name: str, result: RunResult | None, level: str) -> str:
    text = f"evalkit export of corpus {corpus_name}: {level}."
    if result is not None:
        signatures = "; ".join(f"{m}: {s}" for m, s in sorted(result.signatures().items()))
        text += f" Signatures: {signatures}." if signatures else ""
        text += "".join(f" {note}." for note in result.notes)
    return text


def corpus_to_dataset(corpus: Corpus, result: RunResult | None = None) -> datasets.Dataset:
    """One row per (document, system) in corpus order: doc_id, system, languages, title, texts.

    With a RunResult: one column per document-level metric, and, when detectors ran,
    `flags` (a list of structs), `mqm_penalty` and `mqm_per_100_words`.
    """
    import datasets
    from datasets import Value

    if result is not None and result.corpus != corpus.name:
        raise UsageError(f"the result is of corpus {result.corpus!r}, not {corpus.name!r}")
    features: dict[str, Any] = {c: Value("string") for c in ("doc_id", "system", "source_lang", "target_lang",
                                                             "title", "source", "hypothesis", "reference")}
    rows: dict[str, list] = {c: [] for c in features}
    by_key = {(d.system, d.doc_id): d for d in result.documents} if result is not None else {}
    metrics = list(result.metrics) if result is not None else []
    with_flags = any(d.flags is not None for d in by_key.values())
    for metric in metrics:
        features[metric] = Value("float64")
    if with_flags:
        features.update(flags=_flag_feature(), mqm_penalty=Value("float64"),
                        mqm_per_100_words=Value("float64"))
    rows.update({c: [] for c in features if c not in rows})
    for doc in corpus.documents:
        for system in corpus.systems:
            values = {"doc_id": doc.id, "system": system.name, "source_lang": corpus.source_lang,
                      "target_lang": corpus.target_lang, "title": doc.title, "source": doc.source,
                      "hypothesis": doc.hypotheses[system.name], "reference": doc.reference}
            found = by_key.get((system.name, doc.id))
            for metric in metrics:
                score = found.scores.get(metric) if found is not None else None
                values[metric] = score.value if score is not None else None
            if with_flags:
                flags = found.flags if found is not None else None
                values["flags"] = [{f: getattr(flag, f) for f in FLAG_FIELDS} for flag in flags] \
                    if flags is not None else None
                values["mqm_penalty"] = found.mqm.penalty if found is not None and found.mqm else None
                values["mqm_per_100_words"] = found.mqm.penalty_per_100_words \
                    if found is not None and found.mqm else None
            for column, value in values.items():
                rows[column].append(value)
    description = _description(corpus.name, result, "one row per (document, system)")
    info = datasets.DatasetInfo(description=description, features=datasets.Features(features))
    return datasets.Dataset.from_dict(rows, features=info.features, info=info)


def segments_to_dataset(result: RunResult) -> datasets.Dataset:
    """One row per aligned segment: system, doc_id, segment, link type, texts, spans, segment scores."""
    import datasets
    from datasets import List, Value

    metrics = [m for m in result.metrics if any(m in d.segment_scores for d in result.documents)]
    spans = List(List(Value("int64")))
    features: dict[str, Any] = {
        "system": Value("string"), "doc_id": Value("string"), "segment": Value("int64"),
        "type": Value("string"), "source": Value("string"), "hypothesis": Value("string"),
        "reference": Value("string"),
        "source_spans": spans, "hypothesis_spans": spans, "reference_spans": spans,
        **{m: Value("float64") for m in metrics}}
    rows: dict[str, list] = {c: [] for c in features}
    for d in result.documents:
        for k, s in enumerate(d.segments):
            values = {"system": d.system, "doc_id": d.doc_id, "segment": s.index, "type": s.type,
                      "source": s.source, "hypothesis": s.hypothesis, "reference": s.reference,
                      "source_spans": [list(p) for p in s.source_spans],
                      "hypothesis_spans": [list(p) for p in s.hypothesis_spans],
                      "reference_spans": [list(p) for p in s.reference_spans]}
            values.update({m: d.segment_scores[m][k] if m in d.segment_scores else None for m in metrics})
            for column, value in values.items():
                rows[column].append(value)
    description = _description(result.corpus, result, "one row per aligned segment")
    info = datasets.DatasetInfo(description=description, features=datasets.Features(features))
    return datasets.Dataset.from_dict(rows, features=info.features, info=info)


def _card(corpus: Corpus, tables: Mapping[str, str]) -> str:
    """A dataset card whose configs make `load_dataset(folder, "documents")` read the export."""
    lines = ["---", "configs:"]
    for i, (table, pattern) in enumerate(tables.items()):
        lines += [f"- config_name: {table}"] + (["  default: true"] if i == 0 else []) + \
                 ["  data_files:", "  - split: test", f"    path: {pattern}"]
    lines += ["---", "", f"# {corpus.name} (evalkit export)", "",
              (f"{corpus.source_lang}->{corpus.target_lang}, {len(corpus)} documents, "
               f"{len(corpus.systems)} system(s). Tables: {', '.join(tables)} (split `test`). "
               f"Scores' signatures and run notes: `{EXPORT_MANIFEST}`."), ""]
    return "\n".join(lines)


def _walk(folder: Path) -> tuple[dict[str, Path], list[str]]:
    """Regular files under `folder` by relative path, and every other entry (symlinks, devices,
    folders holding no file); symlinks are never followed."""
    files: dict[str, Path] = {}
    others: list[str] = []
    def fail(exc: OSError) -> None:
        raise exc

    for top, dirs, names in os.walk(folder, onerror=fail):
        for name in sorted(dirs + names):
            path = Path(top) / name
            relative = path.relative_to(folder).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode):
                files[relative] = path
            elif not stat.S_ISDIR(mode) or not any(os.scandir(path)):
                others.append(relative)
        dirs[:] = [d for d in dirs if not (Path(top) / d).is_symlink()]
    return files, others


def _listing(folder: Path) -> dict[str, dict[str, Any]]:
    """What an export wrote: every file but the manifest, with its size and sha256."""
    files, _ = _walk(folder)
    return {name: {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
            for name, path in sorted(files.items()) if name != EXPORT_MANIFEST}


def _listed_files(out: Path) -> dict[str, Any]:
    manifest = out / EXPORT_MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        raise InputError(out, f"exists and is not an evalkit export (no {EXPORT_MANIFEST}); "
                              "choose a new or empty folder")
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        listed = None
    if not isinstance(listed, dict):
        raise InputError(out, f"its {EXPORT_MANIFEST} does not list the files an export wrote (an older "
                              "evalkit's export, or not evalkit's); remove the folder yourself or choose another")
    return listed


def check_replaceable(out: Path) -> None:
    """Raise InputError unless `out` is absent, empty, or exactly an earlier export, unchanged.

    A tool may remove only what it can prove it wrote: every file must be listed in the earlier
    export's manifest with the same size and sha256, and nothing else may be there.
    """
    if out.is_symlink():
        raise InputError(out, "is a symlink; refusing to replace it (name the folder itself)")
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(out, "exists and is not a folder; choose a new or empty folder")
    here, real = Path.cwd().resolve(), out.resolve()
    if real == here or real in here.parents:
        raise InputError(out, "is the current folder or one holding it; refusing to replace it "
                              "(export to a new folder)")
    if not any(out.iterdir()):
        return
    listed = _listed_files(out)
    try:
        files, others = _walk(out)
    except OSError as exc:
        raise InputError(out, f"cannot read all of it ({exc.strerror or exc}); refusing to replace the folder "
                              "(nothing was touched)") from None
    unknown = others + sorted(set(files) - set(listed) - {EXPORT_MANIFEST})
    missing = sorted(set(listed) - set(files))
    try:
        changed = [name for name in sorted(set(listed) & set(files))
                   if not isinstance(listed[name], dict) or files[name].stat().st_size != listed[name].get("bytes")
                   or sha256_file(files[name]) != listed[name].get("sha256")]
    except OSError as exc:
        raise InputError(out, f"cannot read all of it ({exc.strerror or exc}); refusing to replace the folder "
                              "(nothing was touched)") from None
    for problem, names in (("holds", unknown), ("lacks", missing), ("has a changed file", changed)):
        if names:
            raise InputError(out, f"{problem} {names[0]!r}, unlike the earlier export's {EXPORT_MANIFEST}; "
                                  "refusing to replace the folder (nothing was touched)")


def _replace_folder(tmp: Path, out: Path) -> None:
    """Move the finished export `tmp` to `out`, replacing an earlier export there (see check_replaceable)."""
    check_replaceable(out)
    tmp.chmod(umask_mode("folder"))   # mkdtemp made it private; an export follows the umask
    if not out.exists():
        os.replace(tmp, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / out.name)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _write_tables(tables: Mapping[str, datasets.Dataset], folder: Path, format: str) -> dict[str, str]:
    """Write each table under `folder`; returns table -> its path relative to `folder`."""
    files = {}
    for table, dataset in tables.items():
        if format == "disk":
            dataset.save_to_disk(str(folder / table))
            files[table] = f"{table}/"
            continue
        files[table] = f"data/{table}.{format}"
        (folder / "data").mkdir(exist_ok=True)
        if format == "parquet":
            dataset.to_parquet(str(folder / files[table]))
        else:
            # json.dumps, not Dataset.to_json: pandas rounds floats to 10 digits.
            with open(folder / files[table], "w", encoding="utf-8") as handle:
                for number, row in enumerate(dataset):
                    try:
                        handle.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
                    except ValueError:   # NaN or Infinity is not JSON
                        raise InputError(folder / files[table], f"row {number} holds a non-finite number "
                                                                "(NaN or infinity); not written") from None
    return files


def export_dataset(corpus: Corpus, out: str | Path, *, result: RunResult | None = None,
                   format: str = "disk") -> list[Path]:
    """Write `documents` (and, with a result, `segments`) under folder `out`, atomically.

    disk: `out/documents/` (`datasets.load_from_disk`); parquet/jsonl: `out/data/<table>.<ext>`.
    Every format adds a README card with configs (`load_dataset(out, "documents")`) and
    `export.json` (signatures, notes). An existing `out` is replaced only if it is an earlier export.
    """
    from .textio import json_text, write_atomic

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    check_replaceable(out)
    tables = {"documents": corpus_to_dataset(corpus, result)}
    if result is not None:
        tables["segments"] = segments_to_dataset(result)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except OSError as exc:
        raise InputError(out, f"cannot create the output folder ({exc.strerror})") from None
    try:
        with _quiet_progress(True):
            files = _write_tables(tables, tmp, format)
        write_atomic(tmp / "README.md", _card(corpus, {t: f"{f}data-*.arrow" if format == "disk" else f
                                                       for t, f in files.items()}))
        units = {m: s.scores[m].unit for s in (result.systems if result else ()) for m in s.scores}
        manifest = {
            "evalkit_export": EXPORT_VERSION, "corpus": corpus.name, "format": format,
            "source_lang": corpus.source_lang, "target_lang": corpus.target_lang,
            "tables": {t: {"path": files[t], "rows": len(d)} for t, d in tables.items()},
            "metrics": {m: {"signature": sig, "unit": units.get(m)}
                        for m, sig in (result.signatures() if result else {}).items()},
            "notes": list(result.notes) if result is not None else [],
            "versions": dict(result.versions) if result is not None else {},
            "files": _listing(tmp),
        }
        write_atomic(tmp / EXPORT_MANIFEST, json_text(manifest))
        _replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(p for p in out.rglob("*") if p.is_file())
