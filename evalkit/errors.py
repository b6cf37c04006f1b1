"""Exceptions for bad input and bad usage, and for a detector's own failure.

Library code raises these; only the CLI turns them into a one-line message:
exit status 2 for the user's input or options (EvalkitError; no traceback for a
user's mistake), 1 for DetectorFailed (a bug in evalkit; -vv prints the traceback).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EvalkitError(Exception):
    """Base class of every error caused by the user's input or options."""


class InputError(EvalkitError):
    """A file or folder is missing, unreadable or malformed."""

    def __init__(self, path: str | Path | None, message: str):
        self.path = Path(path) if path is not None else None
        self.message = message
        super().__init__(f"{path}: {message}" if path is not None else message)

    def __reduce__(self) -> tuple:
        # rebuilt from its two fields when it crosses from a worker process
        return type(self), (self.path, self.message)


class UsageError(EvalkitError):
    """An option or argument is invalid (unknown metric, bad threshold, ...)."""


class RunFailed(EvalkitError):
    """The run could not finish for a reason outside the input (a worker process died)."""


class DetectorFailed(Exception):
    """A detector raised on a document: a bug in evalkit, not in the input (so not an EvalkitError, whose exit
    status 2 says the user's input is at fault). Names the detector, the document and the original error, which
    is its cause (`__cause__`) in the process that raised it."""

    def __init__(self, detector: str, doc_id: str, error: str):
        self.detector, self.doc_id, self.error = detector, doc_id, error
        super().__init__(f"detector {detector!r} failed on document {doc_id!r}: {error}")

    def __reduce__(self) -> tuple:
        # rebuilt from its fields when it crosses from a worker process
        return type(self), (self.detector, self.doc_id, self.error)


class CorpusInvalid(EvalkitError):
    """`validate` found problems; carries them all."""

    def __init__(self, problems: list):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) found")


@dataclass(frozen=True)
class Problem:
    """A broken invariant, located in a file (and line, when known)."""

    path: Path
    line: int | None
    message: str
    warning: bool = False      # reported, but the corpus is still usable (a missing datasheet, ...)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


class MetricUnavailable(EvalkitError):
    """A metric cannot be computed here (model not downloadable offline, ...).

    The pipeline records the reason in every report and goes on; a gate told to
    check that metric fails.
    """


def one_line(text: object) -> str:
    """`text` as one printable line: line breaks and other control characters, and lone surrogates
    (from file names or JSON that are not valid Unicode), written as escapes."""
    out = []
    for ch in str(text):
        code = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 32 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
