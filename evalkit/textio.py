"""Strict text reading and atomic writing.

Corpus files must be UTF-8; reports are written to a temporary file in the same
folder and renamed, so a crash never leaves a half-written report behind.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import secrets
import stat
from pathlib import Path

from .errors import InputError


def symlink_below(root: str | Path, path: str | Path) -> str | None:
    """Why `path` is not plainly inside folder `root` (a symlink on the way, or outside it); None if it is.

    `root` itself may be a symlink (the user named it); nothing under it may be, so a corpus
    cannot pull in a file from elsewhere (`systems/x -> /home/me`, `doc.txt -> /etc/passwd`).
    """
    root, path = Path(root), Path(path)
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return f"is outside {root}"
    if ".." in parts:
        return f"is outside {root}"
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            shown = "is a symlink" if here == path else f"lies under the symlink {here}"
            return f"{shown}; corpus files must be inside the corpus folder, not linked from elsewhere"
    return None


def read_text(path: str | Path, *, allow_empty: bool = False, root: str | Path | None = None) -> str:
    """Read a UTF-8 text file exactly (no newline translation).

    Raises InputError naming the file for a missing, unreadable, empty, binary
    or non-UTF-8 file, and (with `root`, its corpus folder) for a file reached through a symlink.
    """
    path = Path(path)
    reason = symlink_below(root, path) if root is not None else None
    if reason:
        raise InputError(path, reason)
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, expected a text file")
    if root is not None and not path.is_file():
        # a FIFO or a device in a corpus would block or never end; a file named on the command
        # line may be one (`<(command)`)
        raise InputError(path, "is not a regular file (a pipe or a device); corpus files must be files")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    return decode_text(data, path, allow_empty=allow_empty)


def read_stdin(*, allow_empty: bool = False) -> str:
    """Standard input (the `-` file argument), held to the same rules as a file."""
    import sys

    return decode_text(sys.stdin.buffer.read(), Path("<stdin>"), allow_empty=allow_empty)


def decode_text(data: bytes, path: Path, *, allow_empty: bool = False) -> str:
    """`data` read from `path` as UTF-8 text; InputError naming `path` if it is empty, binary or not UTF-8."""
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


def split_raw_lines(text: str) -> list[str]:
    """Lines of `text` split on "\\n" only (a final "\\n" ends the last line, it starts none)."""
    if not text:
        return []
    parts = text.split("\n")
    return parts[:-1] if parts[-1] == "" else parts


def sha256_file(path: str | Path) -> str:
    """The file's sha256, read in blocks of 1 MiB (checkpoints and exports can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def umask_mode(kind: str) -> int:
    """Permissions a new file or folder gets under the process's umask (as open() and mkdir give)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if kind == "folder" else 0o666) & ~mask


def _open_folder(base: Path, parts: tuple[str, ...], shown: Path) -> int:
    """A descriptor of `base/parts...`, creating missing folders, never following a symlink below `base`.

    `base` itself may be a symlink (an output folder the user chose to put on another disk); every
    component under it must be a real folder, so a planted symlink cannot lead a report outside.
    """
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    except (FileExistsError, NotADirectoryError):
        raise InputError(shown, f"cannot write ({base} is not a folder)") from None
    except OSError as exc:
        raise InputError(shown, f"cannot write ({exc.strerror or exc})") from None
    for part in parts:
        try:
            try:
                os.mkdir(part, 0o777, dir_fd=fd)
            except FileExistsError:
                pass
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        except OSError as exc:
            kind = os.stat(part, dir_fd=fd, follow_symlinks=False).st_mode if exc.errno in \
                (errno.ELOOP, errno.ENOTDIR) else 0
            os.close(fd)
            if stat.S_ISLNK(kind):
                raise InputError(shown, f"refusing to write through the symlink {part!r} in its path") from None
            if kind:
                raise InputError(shown, "cannot write (a file is in the way of its folder)") from None
            raise InputError(shown, f"cannot write ({exc.strerror or exc})") from None
        os.close(fd)
        fd = child
    return fd


def _split_under(path: Path, root: Path | None) -> tuple[Path, tuple[str, ...]]:
    if root is None:
        return path.parent, ()
    try:
        relative = path.parent.relative_to(root)
    except ValueError:
        raise InputError(path, f"refusing to write outside {root}") from None
    if any(part in ("..", ".") for part in relative.parts):
        raise InputError(path, f"refusing to write outside {root}")
    return root, relative.parts


def make_folder(root: str | Path, *names: str) -> Path:
    """Create `root/names...` (each name one component) without following a symlink below `root`."""
    os.close(_open_folder(Path(root), names, Path(root).joinpath(*names)))
    return Path(root).joinpath(*names)


def write_atomic(path: str | Path, data: str | bytes, *, root: str | Path | None = None) -> None:
    """Write `data` to `path` through a temporary file and a rename. The one way evalkit writes a file.

    `root` (an output folder): every folder between it and `path` is created or entered without
    following symlinks. Never written through or replaced: a symlink at `path`, or anything there
    that is not a regular file (a device, /dev/stdout, a FIFO). New files follow the umask.
    A failure raises InputError naming the file and leaves no temporary file behind; a file
    already at `path` is then left as it was.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    base, parts = _split_under(path, Path(root) if root is not None else None)
    fd = _open_folder(base, parts, path)
    try:
        _write_in(fd, path, payload)
    finally:
        os.close(fd)


def _check_target(folder: int, path: Path) -> None:
    try:
        mode = os.stat(path.name, dir_fd=folder, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(path, f"cannot write ({exc.strerror or exc})") from None
    if stat.S_ISLNK(mode):
        raise InputError(path, "is a symlink; refusing to replace it or write through it")
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a folder, expected a file to write")
    if not stat.S_ISREG(mode):
        raise InputError(path, "is not a regular file (a device, pipe or socket); refusing to replace it")


def _write_in(folder: int, path: Path, payload: bytes) -> None:
    _check_target(folder, path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    tmp = f".{path.name[:200]}.{secrets.token_hex(6)}.tmp"
    handle = -1
    try:
        # one try from the creation on: an interrupt anywhere after it still removes the temporary
        handle = os.open(tmp, flags, 0o666, dir_fd=folder)   # 0o666 & ~umask, like open()
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(tmp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as exc:
        try:
            if handle >= 0 or not isinstance(exc, FileExistsError):   # never a file that was there
                os.unlink(tmp, dir_fd=folder)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write ({exc.strerror or exc})") from None
        raise


def _non_finite_at(value: object, where: str = "") -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return where or "(top level)"
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, (list, tuple)) else ()
    for key, item in items:
        found = _non_finite_at(item, f"{where}.{key}" if where else str(key))
        if found:
            return found
    return None


def json_text(payload: object, *, indent: int | None = 2) -> str:
    """The JSON every report is written as: sorted keys, UTF-8, and never NaN or Infinity.

    NaN/Infinity are not JSON; inputs that could produce them are refused earlier, so one reaching
    this point is refused here (naming where it is) rather than written.
    """
    try:
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=indent, allow_nan=False) + "\n"
    except ValueError:
        where = _non_finite_at(payload)
        if where is None:
            raise
        raise InputError(None, f"refusing to write a non-finite number (NaN or infinity) at {where} "
                               "into a JSON report") from None
