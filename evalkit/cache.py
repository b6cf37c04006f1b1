"""`ScoreCache`: segment scores of model-based metrics kept in one SQLite file.

A re-run then scores only segments it has not seen. Model detectors keep their predictions
(JSON records, e.g. xCOMET's error spans) in the same file. The cache is an optimisation:
a corrupt file is moved aside and rebuilt, and any other failure turns it off.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

logger = logging.getLogger(__name__)

FILENAME = "scores.sqlite3"
# SQLite's smallest default limit on bound parameters is 999.
_CHUNK = 400
_CORRUPT_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # and their extended codes
_SCHEMA = """
CREATE TABLE IF NOT EXISTS scores (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID
"""

# (hypothesis, source, reference)
SegmentKey = tuple[str, str | None, str | None]


def default_cache_dir() -> Path:
    """`$EVALKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/evalkit`, else `~/.cache/evalkit`."""
    if os.environ.get("EVALKIT_CACHE_DIR"):
        return Path(os.environ["EVALKIT_CACHE_DIR"]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "evalkit"
    return Path.home() / ".cache" / "evalkit"


def segment_key(hypothesis: str, source: str | None, reference: str | None) -> str:
    """sha256 of the three texts; JSON keeps None apart from "" and field borders unambiguous."""
    payload = json.dumps([source, hypothesis, reference], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class ScoreCache:
    """Float scores keyed by (namespace, sha256 of source, hypothesis, reference).

    The namespace names the metric, the model (with its checkpoint hash) and the
    library versions, e.g. a COMET signature, so a new model never reads old scores.
    """

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path is not None else default_cache_dir() / FILENAME
        self.stats = CacheStats()
        self._conn: sqlite3.Connection | None = None
        self._disabled = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ScoreCache({str(self.path)!r})"

    def get_many(self, namespace: str, keys: Sequence[SegmentKey]) -> list[float | None]:
        """The cached score of each (hypothesis, source, reference), None where there is none."""
        return self._lookup(self._select, namespace, keys)

    def put_many(self, namespace: str, keys: Sequence[SegmentKey], values: Sequence[float]) -> None:
        """Store one score per key (in one transaction, so an interrupted run stores none or all)."""
        if len(keys) != len(values):
            raise ValueError(f"{len(keys)} keys but {len(values)} values")
        # SQLite stores NaN as NULL; a non-finite score is simply not cached.
        rows = [(namespace, segment_key(*key), float(value)) for key, value in zip(keys, values, strict=True)
                if math.isfinite(value)]
        if rows:
            self._run(lambda conn: self._insert(conn, rows), default=None)

    def get_records(self, namespace: str, keys: Sequence[SegmentKey]) -> list[Any]:
        """The cached JSON record of each (hypothesis, source, reference), None where there is none."""
        return self._lookup(self._select_records, namespace, keys)

    def _lookup(self, select, namespace: str, keys: Sequence[SegmentKey]) -> list[Any]:
        digests = [segment_key(*key) for key in keys]
        found = self._run(lambda conn: select(conn, namespace, digests), default={})
        values = [found.get(digest) for digest in digests]
        hits = sum(value is not None for value in values)
        self.stats.hits += hits
        self.stats.misses += len(values) - hits
        return values

    def put_records(self, namespace: str, keys: Sequence[SegmentKey], values: Sequence[Any]) -> None:
        """Store one JSON-serialisable record per key, in one transaction (None values are not stored)."""
        if len(keys) != len(values):
            raise ValueError(f"{len(keys)} keys but {len(values)} values")
        rows = [(namespace, segment_key(*key), json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                          allow_nan=False))
                for key, value in zip(keys, values, strict=True) if value is not None]
        if rows:
            self._run(lambda conn: self._insert(conn, rows, "records"), default=None)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @staticmethod
    def _select(conn: sqlite3.Connection, namespace: str, digests: list[str]) -> dict[str, float]:
        # A value that is not a finite number (text, a blob, inf written by another tool) is
        # a miss: the score is computed again and the entry replaced.
        return {key: float(value) for key, value in _stored(conn, "scores", namespace, digests)
                if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)}

    @staticmethod
    def _select_records(conn: sqlite3.Connection, namespace: str, digests: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in _stored(conn, "records", namespace, digests):
            try:  # a record another tool broke is a miss: predicted again and replaced
                found[key] = json.loads(value)
            except (TypeError, ValueError):
                continue
        return found

    @staticmethod
    def _insert(conn: sqlite3.Connection, rows: list[tuple[str, str, Any]], table: str = "scores") -> None:
        with conn:
            conn.executemany(f"INSERT OR REPLACE INTO {table} (namespace, key, value) VALUES (?, ?, ?)", rows)

    def _run(self, operation, default):
        """Run `operation` on the connection; recover from a corrupt file once, else give up quietly."""
        with self._lock:
            for attempt in (1, 2):
                if self._disabled:
                    return default
                try:
                    return operation(self._connect())
                except sqlite3.DatabaseError as exc:
                    if _is_corrupt(exc) and attempt == 1:
                        self._move_aside(exc)
                        continue
                    logger.warning("score cache %s turned off for this run: %s", self.path, exc)
                    self._disabled = True
                    self._drop_connection()
                except OSError as exc:  # its folder cannot be created (read-only, a file in the way)
                    logger.warning("score cache %s turned off for this run: %s", self.path, exc)
                    self._disabled = True
                    self._drop_connection()
            return default

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            try:
                # WAL: readers never block the writer, and a killed writer leaves a usable file.
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(_SCHEMA)
                conn.commit()
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _move_aside(self, exc: sqlite3.DatabaseError) -> None:
        self._drop_connection()
        n = 1
        while self.path.with_name(f"{self.path.name}.corrupt-{n}").exists():
            n += 1
        target = self.path.with_name(f"{self.path.name}.corrupt-{n}")
        try:
            os.replace(self.path, target)
            # The journal files belong to the broken database; a new one must not replay them.
            for suffix in ("-wal", "-shm"):
                companion = self.path.with_name(self.path.name + suffix)
                if companion.exists():
                    os.replace(companion, target.with_name(target.name + suffix))
        except OSError as move_error:
            logger.warning("score cache %s is corrupt (%s) and could not be moved aside (%s); "
                           "turned off for this run", self.path, exc, move_error)
            self._disabled = True
            return
        logger.warning("score cache %s was corrupt (%s); moved to %s and rebuilt",
                       self.path, exc, target.name)


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    if name is not None:
        return name.startswith(_CORRUPT_CODES)
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message


def _stored(conn: sqlite3.Connection, table: str, namespace: str, digests: list[str]) -> list[tuple[str, Any]]:
    """(key, value) rows of `table` ("scores" or "records") for these digests, read in chunks."""
    rows: list[tuple[str, Any]] = []
    unique = list(dict.fromkeys(digests))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows += conn.execute(f"SELECT key, value FROM {table} WHERE namespace = ? AND key IN ({marks})",
                             [namespace, *chunk]).fetchall()
    return rows
