"""Running per-report tasks: in this process, in a pool of worker processes, or on a Dask cluster.

The tasks (:func:`kg.pipeline.tasks.extract_report`, :func:`kg.pipeline.reasoning.reason_part`) are
pure functions of picklable inputs, so where they run changes nothing in what they return; the
results come back in the order of the inputs. ``jobs`` is the number of worker processes (1: run
here, no pool); ``scheduler`` the address of a ``dask.distributed`` scheduler
(``tcp://host:8786``), for corpora beyond one machine. Dask is imported only then: it is an
optional extra (``pip install 'evidence-kg[dask]'``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, TypeVar

from kg.errors import KgError
from kg.pipeline.progress import StageProgress

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Runner:
    """Where per-report tasks run: ``jobs`` local processes, or the Dask scheduler at ``scheduler``."""

    jobs: int = 1
    scheduler: str | None = None

    def map(self, fn: Callable[[T], R], items: Sequence[T], progress: StageProgress | None = None) -> list[R]:
        """``[fn(item) for item in items]``, run where this runner says; exceptions propagate."""
        if not items:
            return []
        if self.scheduler:
            return _dask_map(self.scheduler, fn, items, progress)
        if self.jobs <= 1 or len(items) == 1:
            results = []
            for item in items:
                results.append(fn(item))
                if progress is not None:
                    progress.advance()
            return results
        pool = ProcessPoolExecutor(max_workers=min(self.jobs, len(items)), initializer=_worker_start)
        futures = []
        try:
            futures = [pool.submit(fn, item) for item in items]
            _follow(futures, progress)
            results = [f.result() for f in futures]
        except BaseException:
            _stop_workers(pool, futures)
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)  # every task done: the workers exit now (their CPU counted, none left behind)
        return results


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _worker_start() -> None:
    """In each worker: die with the build (Linux), and stop cleanly on SIGTERM.

    A build killed outright takes its workers with it, and they take their HermiT (whose ``java``
    dies with its worker); a build interrupted (Ctrl+C, SIGTERM) sends its workers SIGTERM, which
    they turn into KeyboardInterrupt, so the reasoner's child is killed and its files removed."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    signal.signal(signal.SIGTERM, _raise_interrupt)


def _stop_workers(pool: ProcessPoolExecutor, futures: Sequence[Future[Any]]) -> None:
    """Stop every worker: SIGTERM (a running task cleans up: HermiT's ``java`` killed, its files
    removed), a few seconds for the running tasks to end, then SIGKILL for what is left."""
    for future in futures:
        future.cancel()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    wait([f for f in futures if not f.done()], timeout=10)
    for process in processes:
        if process.is_alive():
            process.kill()
        process.join(timeout=5)


def _follow(futures: Sequence[Any], progress: StageProgress | None) -> None:
    """Wait for every future, advancing the bar as each finishes; the first failure stops the wait."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            if future.exception() is not None:
                for other in pending:
                    other.cancel()
                raise future.exception()  # type: ignore[misc]
            if progress is not None:
                progress.advance()


def _dask_map(address: str, fn: Callable[[T], R], items: Sequence[T], progress: StageProgress | None) -> list[R]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise KgError(
            "--scheduler needs Dask's distributed scheduler: pip install 'evidence-kg[dask]' (or distributed)"
        ) from exc
    try:
        client = Client(address, timeout=15, set_as_default=False)
    except OSError as exc:
        raise KgError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        futures = client.map(fn, list(items), pure=False)
        for future in as_completed(futures, loop=client.loop):
            if future.status == "error":
                future.result()  # raises the task's exception here
            if progress is not None:
                progress.advance()
        return list(client.gather(futures))
    finally:
        client.close()
