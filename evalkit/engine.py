"""Where documents are scored: in this process, or on a Dask cluster with one task per document.

An engine maps the pipeline's per-document function over a corpus and yields each outcome as
it completes; evalkit/pipeline.py knows the stages and re-sums the results. See docs/scale.md.
The plan and the outcome are the pipeline's own types; an engine only passes them along
(`Plan`, `Outcome`), so this module does not import the pipeline.
"""

from __future__ import annotations

import itertools
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import RunFailed, UsageError

if TYPE_CHECKING:
    from .corpus import Document
    from .options import RunOptions

log = logging.getLogger(__name__)
Plan = TypeVar("Plan")          # what every document's task needs (pipeline.DocumentPlan), picklable
Outcome = TypeVar("Outcome")    # what it gives back (pipeline.DocumentOutcome)
Task = Callable[[int, "Document", Plan], Outcome]


def _worker_init(main_pid: int) -> None:
    """In each pool process: exit when the run's main process is gone, never outlive it.

    A worker's parent is the fork server, which exits when the main process dies; the kernel's
    parent-death signal (Linux) then kills the worker at once. Elsewhere, or should the signal
    not come, a watchdog thread polls for the main process and exits within a second.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)   # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent or not _alive(main_pid):   # died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent and _alive(main_pid):
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="evalkit-parent-watchdog", daemon=True).start()
    from .detectors import freeze_tables_after_first_document

    freeze_tables_after_first_document()   # the worker is evalkit's own process


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LocalEngine:
    """Documents on this machine: in this process, in corpus order (`workers` 1), or on a pool of
    `workers` processes, one task per document, yielded as they complete.

    The pool's processes are started by a fork server (a clean process, not a copy of this one:
    the host may hold threads, a GPU or a loaded model) and each imports evalkit once. At most
    `4 x workers` documents are in flight, so the results waiting in the pipe stay bounded.
    """

    def __init__(self, workers: int = 1):
        self.workers = workers
        self._pool: Any = None

    def __enter__(self) -> LocalEngine:
        if self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method),
                                             initializer=_worker_init, initargs=(os.getpid(),))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, task: Task[Plan, Outcome], documents: Sequence[Document], plan: Plan) -> Iterator[Outcome]:
        if self._pool is None:
            for index, document in enumerate(documents):
                yield task(index, document, plan)
            return
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pending = iter(enumerate(documents))
        window = 4 * self.workers
        try:
            running = {self._pool.submit(task, i, d, plan) for i, d in itertools.islice(pending, window)}
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    following = next(pending, None)
                    if following is not None:
                        running.add(self._pool.submit(task, *following, plan))
                    yield outcome
        except BrokenProcessPool:
            # result() or submit(), whichever meets the broken pool first
            raise RunFailed("a worker process died before finishing its document (killed, or out "
                            "of memory?); the reports already written are whole, run again") from None


def _run_batch(task: Task[Plan, Outcome], items: Sequence[tuple[int, Document]], plan: Plan) -> list[Outcome]:
    """Several documents in one Dask task: the scheduler's and the client's cost per task (a few
    milliseconds) is paid once for them."""
    return [task(index, document, plan) for index, document in items]


class DaskEngine:
    """Dask tasks of `batch` documents each (all systems), on an existing scheduler or a local
    cluster.

    Documents travel with their tasks, so workers need evalkit (the same version) but not the
    corpus folder. At most `window` tasks are in flight, so neither the client nor the
    scheduler ever holds the whole corpus's results.
    """

    def __init__(self, scheduler: str | None = None, workers: int = 2, *, processes: bool = True,
                 window: int | None = None, timeout: str = "20s", batch: int = 4):
        self.scheduler = scheduler
        self.timeout = timeout
        self.workers = workers
        self.processes = processes
        self.window = window
        self.batch = batch
        self._client: Any = None
        self._cluster: Any = None
        self._levels: dict[str, int] = {}

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--engine dask needs Dask distributed: pip install 'dask[distributed]'") from None
        # Dask logs its cluster's life at INFO through the host's handlers; keep that for -vv.
        quiet = logging.WARNING if not log.isEnabledFor(logging.DEBUG) else logging.NOTSET
        for name in ("distributed", "tornado"):
            self._levels[name] = logging.getLogger(name).level
            logging.getLogger(name).setLevel(quiet)
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=self.timeout, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                self.__exit__()
                raise UsageError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=self.processes,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster, set_as_default=False)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)
        self._levels.clear()

    def map(self, task: Task[Plan, Outcome], documents: Sequence[Document], plan: Plan) -> Iterator[Outcome]:
        from distributed import as_completed

        client = self._client
        if client is None:
            raise RuntimeError("DaskEngine.map outside its `with` block")
        threads = sum(client.nthreads().values()) or 1
        window = self.window or max(8, 4 * threads)
        pending = iter(enumerate(documents))
        batches = iter(lambda: list(itertools.islice(pending, self.batch)), [])

        def submit(items: list):
            return client.submit(_run_batch, task, items, plan, pure=False)

        running = as_completed([submit(b) for b in itertools.islice(batches, window)], loop=client.loop)
        for future in running:
            outcomes = future.result()
            future.release()
            following = next(batches, None)
            if following is not None:
                running.add(submit(following))
            yield from outcomes


def make_engine(options: RunOptions) -> LocalEngine | DaskEngine:
    if options.engine == "dask":
        return DaskEngine(options.scheduler, options.workers or 2)
    return LocalEngine(options.workers or 1)
