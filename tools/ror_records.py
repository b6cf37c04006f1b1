"""The Research Organization Registry's records, read from a checkout of
https://github.com/ror-community/ror-records (CC0): every record in its newest release. Shared by
tools/build_gazetteer.py and tools/build_name_lexicon.py; never touches the network.

ROOT is a folder holding the release folders (`v1.50/...json`) or a bare clone, read at HEAD with
`git ls-tree` and `git cat-file --batch` (no work tree needed).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

_RELEASE_FILE = re.compile(r"^v(?P<version>\d+(?:\.\d+)*)/(?:[^/]+/)*[^/]+\.json$")


def release_of(path: str) -> tuple[int, ...] | None:
    """The release a record file belongs to, by version number ("v1.10/..." -> (1, 10)), or None."""
    m = _RELEASE_FILE.match(path)
    return tuple(int(x) for x in m.group("version").split(".")) if m else None


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, check=True).stdout


def release_files(root: Path) -> list[tuple[tuple[int, ...], str, bytes]]:
    """(release, path, contents) of every release file: from the folder, or from the commit HEAD names
    when `root` is a bare repository (no work tree)."""
    if not ((root / "HEAD").is_file() and (root / "objects").is_dir()):
        files = [(p.relative_to(root).as_posix(), p) for p in sorted(root.glob("v*/**/*.json"))]
        return [(release_of(rel), rel, p.read_bytes()) for rel, p in files if release_of(rel)]
    blobs = []
    for item in filter(None, git(root, "ls-tree", "-r", "-z", "HEAD").decode("utf-8").split("\0")):
        meta, _, path = item.partition("\t")
        if release_of(path) and meta.split()[1] == "blob":
            blobs.append((release_of(path), path, meta.split()[2]))
    out = git(root, "cat-file", "--batch", data="".join(f"{sha}\n" for *_, sha in blobs).encode())
    contents, at = [], 0
    for _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1:header_end + 1 + size])
        at = header_end + 2 + size
    return [(release, path, data) for (release, path, _), data in zip(blobs, contents)]


def newest_records(root: Path) -> list[dict]:
    """Every record in its newest release (a release holds the records it changed), by id."""
    newest: dict[str, tuple[tuple[int, ...], str, dict]] = {}
    for release, path, data in release_files(root):
        record = json.loads(data)
        key = str(record.get("id", path))
        if key not in newest or (release, path) > newest[key][:2]:
            newest[key] = (release, path, record)
    return [newest[k][2] for k in sorted(newest)]
