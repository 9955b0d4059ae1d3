"""Batch on Dask: ``beslutsparser batch --engine dask --scheduler ADDRESS`` and :func:`parse_bag`.

With ``--engine dask`` the batch runs as usual (sources, ledger, journal and outputs
stay on the machine that runs the command) but documents are parsed by the
workers of a Dask cluster: ``--scheduler tcp://host:8786``, or without it a
``distributed.LocalCluster`` of ``--jobs`` single-threaded worker processes.
Documents travel to the workers as bytes, so the workers need no shared file system.

Limits on Dask: ``--timeout`` is kept by the client: a document not back
``timeout`` + 5 s after it was handed out is recorded as ``timeout`` and its
task cancelled (Dask cannot stop a running thread, so the worker thread is
lost until it finishes; start workers with ``--lifetime`` to recycle them).
``--max-memory`` does not apply: give the workers ``--memory-limit`` so that
their nannies restart a worker that outgrows it; a document whose worker dies
``distributed.scheduler.allowed-failures`` times is recorded as ``worker-crashed``.

:func:`parse_bag` maps the same parse over a ``dask.bag`` of file paths for use in
one's own Dask code::

    import dask.bag as db
    from beslutsparser.batch_dask import parse_bag

    records = parse_bag(db.from_sequence(paths, npartitions=64))
    ok = records.filter(lambda r: r["status"] == "ok").map(lambda r: r["protocol"])
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import time
import uuid
from typing import TYPE_CHECKING, Any

import msgspec

from .sources import Limits, read_file
from .workers import KILL_GRACE, Outcome, Task, failed, process

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client, Future, LocalCluster


def parse_task(task: Task) -> Outcome:
    """Parse one batch task on a Dask worker (scratch files in the worker's temp folder)."""
    return process(task, tempfile.gettempdir())


def parse_path(path: str, *, ocr: bool | None = None, limits: Limits | None = None) -> dict[str, Any]:
    """Parse the file at ``path``: a dict with ``path``, ``sha256``, ``status`` (``ok``/``error``), ``pages``,
    ``protocol`` (the record's JSON shape, or ``None``), ``code`` and ``message`` (for errors)."""
    item = read_file(path, limits or Limits())
    if item.data is None:
        outcome = Outcome(path, None, "error", code=item.code, message=item.message)
    else:
        outcome = parse_task(Task(path, hashlib.sha256(item.data).hexdigest(), item.data, ocr))
    return {
        "path": outcome.path,
        "sha256": outcome.sha256,
        "status": outcome.status,
        "pages": outcome.pages,
        "protocol": msgspec.json.decode(outcome.protocol) if outcome.status == "ok" else None,
        "code": outcome.code,
        "message": outcome.message,
    }


def parse_bag(paths: dask.bag.Bag, *, ocr: bool | None = None, limits: Limits | None = None) -> dask.bag.Bag:
    """Map :func:`parse_path` over a bag of file paths (readable by the workers)."""
    return paths.map(parse_path, ocr=ocr, limits=limits)


class DaskExecutor:
    """The batch's executor on a Dask cluster: one task per document, as many in flight as worker threads."""

    def __init__(self, scheduler: str | None, jobs: int, *, timeout: float | None = None) -> None:
        from distributed import Client, LocalCluster

        self._cluster: LocalCluster | None = None
        if scheduler:
            self._client: Client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, dashboard_address=None)
            self._client = Client(self._cluster)
        self._slots = max(1, sum(self._client.nthreads().values()))
        self._timeout = timeout
        self._futures: dict[Future[Outcome], tuple[Task, float]] = {}

    def free(self) -> int:
        return max(0, self._slots - len(self._futures))

    def busy(self) -> int:
        return len(self._futures)

    def submit(self, task: Task) -> None:
        future = self._client.submit(parse_task, task, key=f"beslutsparser-{task.sha256[:16]}-{uuid.uuid4().hex}")
        deadline = time.monotonic() + self._timeout + KILL_GRACE if self._timeout else float("inf")
        self._futures[future] = (task, deadline)

    def collect(self, wait_seconds: float) -> list[Outcome]:
        from distributed import wait

        if not self._futures:
            return []
        now = time.monotonic()
        wait_for = max(0.0, min(wait_seconds, *(d - now for _, d in self._futures.values())))
        with contextlib.suppress(TimeoutError):
            wait(list(self._futures), timeout=wait_for, return_when="FIRST_COMPLETED")
        outcomes: list[Outcome] = []
        now = time.monotonic()
        for future, (task, deadline) in list(self._futures.items()):
            if future.status == "finished":
                outcomes.append(future.result())
            elif future.status in ("error", "cancelled"):
                exc = future.exception() if future.status == "error" else None
                killed = type(exc).__name__ == "KilledWorker" or exc is None
                code = "worker-crashed" if killed else "internal-error"
                outcomes.append(failed(task, code, f"{type(exc).__name__}: {exc}" if exc else "the task was lost"))
            elif now >= deadline:
                future.cancel()
                outcomes.append(failed(task, "timeout", f"parsing took more than {self._timeout:g} s"))
            else:
                continue
            del self._futures[future]
        return outcomes

    def close(self) -> None:
        for future in self._futures:
            future.cancel()
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
