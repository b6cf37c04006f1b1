"""Line-aligned test sets: one segment per line on every side, scored as given.

Line files are read the way the sacreBLEU command line reads them (UTF-8, split on "\\n" only,
each line right-stripped), so corpus scores equal `sacrebleu REF -i HYP` on the same files. A
`Corpus` built here has `segmentation="lines"`: the pipeline takes line k of the source, the
reference and every system as one scoring row, with no re-segmentation and no re-alignment.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .alignment.aligner import Link
from .corpus import LINES, Corpus, Document, System, check_language, check_line_counts, language_pair
from .errors import InputError, UsageError
from .segment import Segment
from .textio import split_raw_lines

STDIN = "-"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def read_lines(path: str | Path, stdin: BinaryIO | None = None) -> list[str]:
    """The lines of a UTF-8 file ("-": `stdin`), each right-stripped, as sacreBLEU reads them.

    A final "\\n" ends the last line; "\\r\\n" loses its "\\r" to the strip; a file ending in
    ".gz" is read through gzip, as sacreBLEU does.
    """
    name = str(path)
    try:
        if name == STDIN:
            if stdin is None:
                raise UsageError("'-' (standard input) given but no input stream")
            data = stdin.read()
        elif name.endswith(".gz"):
            with gzip.open(name, "rb") as handle:
                data = handle.read()
        else:
            data = Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, expected a text file with one segment per line") from None
    except (OSError, EOFError) as exc:
        raise InputError(name, f"cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(name, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}; "
                               "re-encode the file as UTF-8") from None
    return [line.rstrip() for line in split_raw_lines(text)]


def line_segments(text: str) -> list[Segment]:
    """One Segment per line of `text` (right-stripped, as read_lines), offsets into `text`."""
    out, start = [], 0
    for number, raw in enumerate(split_raw_lines(text)):
        line = raw.rstrip()
        out.append(Segment(start, start + len(line), line, kind="line", line=number))
        start += len(raw) + 1
    return out


def lines_text(lines: Sequence[str]) -> str:
    """The text of a document made of `lines`: each ended by "\\n", so that line_segments gives them back."""
    return "".join(f"{line}\n" for line in lines)


def one_to_one(n: int) -> list[Link]:
    """Line k aligned to line k: the alignment of a line-aligned document."""
    return [Link((k,), (k,), 0.0) for k in range(n)]


def safe_name(text: str, fallback: str) -> str:
    """`text` as a document or system name (letters, digits, '.', '_', '-'), for report paths."""
    name = _UNSAFE.sub("_", text.strip())[:200].lstrip("._-")
    return name or fallback


def document_runs(doc_ids: Sequence[str], where: str | Path) -> list[tuple[str, int, int]]:
    """(document id, first line, end line) for each run of equal ids, in file order.

    The lines of a document must be consecutive, as in WMT test sets; an id that comes back
    after another document's lines is refused (the corpus order must stay the file's order).
    """
    runs: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for k, doc_id in enumerate(doc_ids):
        if not doc_id.strip():
            raise InputError(where, f"line {k + 1}: empty document id")
        if runs and runs[-1][0] == doc_id:
            runs[-1] = (doc_id, runs[-1][1], k + 1)
            continue
        if doc_id in seen:
            raise InputError(where, f"line {k + 1}: document {doc_id!r} comes back after other documents; "
                                    "the lines of a document must be consecutive")
        seen.add(doc_id)
        runs.append((doc_id, k, k + 1))
    return runs


def _unique(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name}-{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def system_names(specs: Sequence[str]) -> list[tuple[str, str]]:
    """(name, path) from `-t` values: NAME=PATH, or a PATH named after its file (as sacreBLEU does)."""
    out: list[tuple[str, str]] = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path or Path(spec).exists():
            name, path = safe_name(Path(spec).name if spec != STDIN else "stdin", "system"), spec
        elif safe_name(name, "") != name:
            raise UsageError(f"invalid system name {name!r}: use letters, digits, '.', '_', '-'")
        if any(name == n for n, _ in out):
            raise UsageError(f"system name {name!r} given twice; name them with -t NAME=FILE")
        out.append((name, path))
    if sum(path == STDIN for _, path in out) > 1:
        raise UsageError("standard input ('-') can be given only once")
    return out


def lines_corpus(source: str | Path, hypotheses: Sequence[tuple[str, str | Path]],
                 reference: str | Path | None = None, *, doc_ids: str | Path | None = None,
                 src_lang: str | None = None, tgt_lang: str | None = None, name: str | None = None,
                 stdin: BinaryIO | None = None, source_lang: str | None = None,
                 target_lang: str | None = None) -> Corpus:
    """A Corpus (segmentation "lines") from line files: source, reference, one file per system.

    Every file must have the same number of lines. With `doc_ids` (one id per line, as WMT
    test sets ship them) consecutive lines with the same id form one document; without it the
    whole test set is one document named after the reference (or source) file.
    `source_lang`/`target_lang` are the older names of `src_lang`/`tgt_lang`.
    """
    source_lang, target_lang = language_pair(src_lang, tgt_lang, source_lang, target_lang)

    check_language(source_lang, "--src-lang")
    check_language(target_lang, "--tgt-lang")
    if not hypotheses:
        raise UsageError("no system given (-t FILE or -t NAME=FILE)")
    sides: dict[str, list[str]] = {str(source): read_lines(source, stdin)}
    if reference is not None:
        sides[str(reference)] = read_lines(reference, stdin)
    systems: dict[str, list[str]] = {}
    for system, path in hypotheses:
        systems[system] = read_lines(path, stdin)
        sides.setdefault(str(path), systems[system])
    counts = {str(source): len(sides[str(source)])}
    if reference is not None:
        counts[str(reference)] = len(sides[str(reference)])
    counts.update({str(path): len(systems[s]) for s, path in hypotheses})
    check_line_counts(counts)
    n = counts[str(source)]
    if n == 0:
        raise InputError(source, "no lines")
    src_lines = sides[str(source)]
    ref_lines = sides[str(reference)] if reference is not None else None
    stem = Path(str(reference if reference is not None else source)).name
    corpus_name = name or safe_name(stem if stem != STDIN else "stdin", "lines")
    if doc_ids is not None:
        ids = read_lines(doc_ids, stdin)
        check_line_counts({str(source): n, str(doc_ids): len(ids)})
        runs = document_runs(ids, doc_ids)
    else:
        runs = [(corpus_name, 0, n)]
    names = _unique([safe_name(doc_id, f"doc-{k:05d}") for k, (doc_id, _, _) in enumerate(runs)])
    documents = tuple(
        Document(doc, lines_text(src_lines[a:b]),
                 lines_text(ref_lines[a:b]) if ref_lines is not None else None,
                 {s: lines_text(lines[a:b]) for s, lines in systems.items()}, title=doc_id)
        for doc, (doc_id, a, b) in zip(names, runs))
    origin = {"source": str(source), "reference": None if reference is None else str(reference),
              "systems": {s: str(p) for s, p in hypotheses},
              "doc_ids": None if doc_ids is None else str(doc_ids)}
    return Corpus(path=Path(str(source)), name=corpus_name, source_lang=source_lang, target_lang=target_lang,
                  documents=documents, systems=tuple(System(s, f"lines of {p}") for s, p in sorted(hypotheses)),
                  description=f"line-aligned test set ({n} lines)",
                  manifest={"name": corpus_name, "source_lang": source_lang, "target_lang": target_lang,
                            "segmentation": LINES, "origin": origin},
                  segmentation=LINES)


def write_corpus_folder(corpus: Corpus, out: str | Path) -> list[Path]:
    """Write a line-aligned Corpus as a corpus folder (corpus.yaml with `segmentation: lines`,
    source/, reference/, systems/<name>/, data/documents.jsonl and a datasheet README.md).

    Refuses a folder that exists and is not empty. Written to a temporary sibling and renamed,
    so a failure leaves nothing half-written.
    """
    import shutil
    import tempfile

    import yaml

    from .corpus import load_corpus
    from .datasheet import render_blocks, write_derived
    from .textio import write_atomic

    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(out, "already exists and is not empty; give a new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        manifest = {"name": corpus.name, "source_lang": corpus.source_lang, "target_lang": corpus.target_lang,
                    "segmentation": LINES, "description": corpus.description,
                    "systems": {s.name: {"description": s.description} for s in corpus.systems},
                    "documents": [{"id": d.id, "title": d.title} for d in corpus.documents]}
        write_atomic(tmp / "corpus.yaml", yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True))
        for d in corpus.documents:
            write_atomic(tmp / "source" / f"{d.id}.txt", d.source)
            if d.reference is not None:
                write_atomic(tmp / "reference" / f"{d.id}.txt", d.reference)
            for system, text in d.hypotheses.items():
                write_atomic(tmp / "systems" / system / f"{d.id}.txt", text)
        origin = corpus.manifest.get("origin", {})
        blocks = "\n\n".join(f"<!-- BEGIN GENERATED: {name} (evalkit datasheet --write) -->\n"
                             f"<!-- END GENERATED: {name} -->" for name in render_blocks(corpus))
        readme = (f"# {corpus.name}\n\nA line-aligned test set written by `evalkit init` from "
                  f"{', '.join(str(v) for v in origin.values() if v and not isinstance(v, dict))} and the "
                  "system files. Every side has one segment per line, scored as given. Record here where "
                  "the texts come from and under which licence.\n\n" + blocks + "\n")
        write_atomic(tmp / "README.md", readme)
        write_derived(load_corpus(tmp))
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(p for p in out.rglob("*") if p.is_file())
