"""Strict text reading and atomic writing.

Corpus files must be UTF-8; reports are written to a temporary file in the same
folder and renamed, so a crash never leaves a half-written report behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .errors import InputError


def read_text(path: str | Path, *, allow_empty: bool = False) -> str:
    """Read a UTF-8 text file exactly (no newline translation).

    Raises InputError naming the file for a missing, unreadable, empty, binary
    or non-UTF-8 file.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, expected a text file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    if not data.strip() and not allow_empty:
        raise InputError(path, "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "looks like UTF-16 (byte-order mark); expected UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        # Not stripped: offsets (flags, gold) index the raw text, and an invisible U+FEFF would
        # otherwise be glued to the first word of every score.
        raise InputError(path, "starts with a UTF-8 byte-order mark (U+FEFF); save it as UTF-8 without BOM")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"contains a NUL byte at offset {nul}; "
                               "binary file or UTF-16? expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line} "
                               f"(offset {exc.start}); re-encode the file as UTF-8") from None


def sha256_file(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def unsafe_name(name: object) -> str | None:
    """Why `name` cannot be one file or folder name inside an output folder; None if it can.

    Corpus, system and document names become paths of reports: a name with a separator,
    `..` or a NUL would write outside the output folder.
    """
    if not isinstance(name, str) or not name.strip():
        return "empty"
    if name in (".", ".."):
        return f"{name!r} names a folder, not a file"
    if any(ch in name for ch in "/\\"):
        return "contains a path separator"
    if name != name.strip() or any(ord(ch) < 32 for ch in name):
        return "contains control characters or edge whitespace"
    return None


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename.

    A failure (folder not writable, disk full) raises InputError naming the file and leaves
    no temporary file behind; a file already at `path` is then left as it was.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except (FileExistsError, NotADirectoryError):
        raise InputError(path, "cannot write (a file is in the way of its folder)") from None
    except OSError as exc:
        raise InputError(path, f"cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write ({exc.strerror or exc})") from None
        raise
