"""Worker processes that parse one document at a time, each unable to take the batch down.

:class:`LocalPool` keeps ``jobs`` processes (``forkserver`` on Linux, else
``spawn``), one :class:`Task` (a document's logical path, sha256 and bytes) in
flight each. A worker:

- caps its own address space with ``RLIMIT_AS`` (``max_memory_mb``): a
  ``MemoryError`` makes the document ``memory-limit``;
- times itself out per document with ``SIGALRM`` (``timeout``): ``timeout``.

The parent kills a worker that has not answered ``KILL_GRACE`` seconds after its
timeout (stuck in C code, stopped) and records ``timeout``; a worker that dies
(a crash in a native library, the kernel's OOM killer) is recorded as
``worker-crashed``. Either way the worker is replaced and the next document goes on.

:func:`process` is the parse itself, shared with the Dask path.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import threading
import time
import typing
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from .export import to_jsonl
from .load import LoadError, load
from .pipeline import run

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

KILL_GRACE = 5.0
"""Seconds a worker gets past its own timeout before the parent kills it."""
RESTART_CODES = frozenset({"timeout", "memory-limit"})
"""Outcomes after which a worker is replaced: its state may be damaged."""
MEMORY_EXIT = 3
"""Exit status of a worker that ran out of memory outside a document's parse."""
MEMORY_MESSAGE = "the document needs more memory than the worker may use"
STARTUP_SECONDS = 120.0
"""How long a new worker may take to say it is ready (the first one starts the fork server)."""


class Task(msgspec.Struct, array_like=True):
    """One document for a worker: its logical path, sha256 and bytes."""

    path: str
    sha256: str
    data: bytes
    ocr: bool | None = None


class Outcome(msgspec.Struct, array_like=True):
    """What became of one document: ``protocol`` (one JSON line) or ``code`` and ``message``."""

    path: str
    sha256: str | None
    status: Literal["ok", "error"]
    protocol: bytes = b""
    pages: int = 0
    code: str | None = None
    message: str | None = None


class DocumentTimeout(BaseException):
    """Raised in a worker by ``SIGALRM``; a ``BaseException`` so that no ``except Exception`` swallows it."""


def failed(task: Task, code: str, message: str) -> Outcome:
    """The error outcome of ``task``."""
    return Outcome(task.path, task.sha256, "error", code=code, message=message)


def process(task: Task, workdir: str) -> Outcome:
    """Parse one document (its bytes in a scratch file under ``workdir``); never raises but a timeout."""
    scratch = os.path.join(workdir, f"{task.sha256}-{os.getpid()}-{threading.get_ident()}")
    try:
        with open(scratch, "wb") as fh:
            fh.write(task.data)
        doc = load(scratch, ocr=task.ocr)
        protocol = run(doc)
        protocol.source.path = task.path
        return Outcome(task.path, task.sha256, "ok", to_jsonl(protocol), pages=len(doc.pages))
    except LoadError as exc:
        return failed(task, exc.code, str(exc).replace(scratch, task.path))
    except MemoryError:
        return failed(task, "memory-limit", MEMORY_MESSAGE)
    except Exception as exc:  # a bug in the pipeline: record it, keep the batch going
        return failed(task, "internal-error", f"{type(exc).__name__}: {exc}")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(scratch)


def _alarm(_signum: int, _frame: Any) -> None:
    raise DocumentTimeout


_task_decoder = msgspec.msgpack.Decoder(Task)
_outcome_decoder = msgspec.msgpack.Decoder(Outcome)
_msgpack = msgspec.msgpack.Encoder()


def _worker_main(conn: Connection, workdir: str, max_memory: int | None, timeout: float | None) -> None:
    """A worker process: caps its memory, then parses tasks from ``conn`` until the parent hangs up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, _alarm)
    if max_memory:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    os.makedirs(workdir, exist_ok=True)
    from . import warm  # noqa: F401  (already imported in a fork server; warms a spawned worker)

    conn.send_bytes(b"")  # ready
    while True:
        try:
            task = _task_decoder.decode(conn.recv_bytes())
        except (EOFError, OSError):
            return
        except MemoryError:
            os._exit(MEMORY_EXIT)
        try:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            outcome = process(task, workdir)
            signal.setitimer(signal.ITIMER_REAL, 0)
        except DocumentTimeout:
            outcome = failed(task, "timeout", f"parsing took more than {timeout:g} s")
        except MemoryError:
            os._exit(MEMORY_EXIT)
        try:
            conn.send_bytes(_msgpack.encode(outcome))
        except (BrokenPipeError, OSError):
            return


class Executor(typing.Protocol):
    """Where documents are parsed: local worker processes or a Dask cluster."""

    def free(self) -> int:
        """How many more tasks can be submitted now."""

    def busy(self) -> int:
        """How many tasks are in flight."""

    def submit(self, task: Task) -> None:
        """Start parsing ``task``."""

    def collect(self, wait_seconds: float) -> list[Outcome]:
        """Outcomes finished within ``wait_seconds`` (timeouts and crashes included)."""

    def close(self) -> None:
        """Stop every worker."""


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = float("inf")


class LocalPool:
    """``jobs`` worker processes, one task each at a time, replaced when they hang or die."""

    def __init__(
        self, jobs: int, workdir: str | Path, *, max_memory_mb: int | None = None, timeout: float | None = None
    ) -> None:
        self._ctx = mp_context()
        self._workdir = Path(workdir)
        self._max_memory = max_memory_mb * (1 << 20) if max_memory_mb else None
        self._timeout = timeout
        self._spawned = 0
        self._slots = [self._spawn() for _ in range(max(1, jobs))]

    def _spawn(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        workdir = str(self._workdir / f"worker-{self._spawned}")
        self._spawned += 1
        proc = self._ctx.Process(
            target=_worker_main,
            args=(child, workdir, self._max_memory, self._timeout),
            daemon=True,
            name=f"beslutsparser-{self._spawned}",
        )
        proc.start()
        child.close()
        try:
            if not parent.poll(STARTUP_SECONDS):
                raise RuntimeError(f"a worker did not start within {STARTUP_SECONDS:g} s")
            parent.recv_bytes()
        except (EOFError, OSError) as exc:
            proc.join(timeout=5)
            raise RuntimeError(f"a worker died while starting: {death_reason(proc.exitcode)}") from exc
        except RuntimeError:
            proc.kill()
            raise
        return _Slot(proc, parent)

    def pids(self) -> list[int]:
        """The worker processes' ids (for the tests)."""
        return [s.process.pid or 0 for s in self._slots]

    def free(self) -> int:
        return sum(1 for s in self._slots if s.task is None)

    def busy(self) -> int:
        return len(self._slots) - self.free()

    def submit(self, task: Task) -> None:
        slot = next(s for s in self._slots if s.task is None)
        slot.task = task
        slot.deadline = time.monotonic() + self._timeout + KILL_GRACE if self._timeout else float("inf")
        with contextlib.suppress(OSError):  # the worker is gone: collect() sees its sentinel, records the crash
            slot.conn.send_bytes(_msgpack.encode(task))

    def _replace(self, index: int) -> None:
        slot = self._slots[index]
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        slot.conn.close()
        self._slots[index] = self._spawn()

    def collect(self, wait_seconds: float) -> list[Outcome]:
        busy = [s for s in self._slots if s.task is not None]
        if not busy:
            return []
        now = time.monotonic()
        wait_for = max(0.0, min(wait_seconds, *(s.deadline - now for s in busy)))
        wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=wait_for)
        outcomes: list[Outcome] = []
        now = time.monotonic()
        for index, slot in enumerate(self._slots):
            task = slot.task
            if task is None:
                continue
            outcome: Outcome | None = None
            restart = False
            if slot.conn.poll():
                try:
                    outcome = _outcome_decoder.decode(slot.conn.recv_bytes())
                    restart = outcome.code in RESTART_CODES
                except (EOFError, OSError):
                    outcome = None
            if outcome is None and not slot.process.is_alive():
                slot.process.join()
                outcome, restart = _death(task, slot.process.exitcode), True
            elif outcome is None and now >= slot.deadline:
                outcome, restart = failed(task, "timeout", f"parsing took more than {self._timeout:g} s"), True
            if outcome is not None:
                outcomes.append(outcome)
                slot.task, slot.deadline = None, float("inf")
                if restart:
                    self._replace(index)
        return outcomes

    def close(self) -> None:
        for slot in self._slots:
            slot.conn.close()
        for slot in self._slots:
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()


def mp_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` (its server preloads and warms the pipeline) where the platform has it, else ``spawn``."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__, "beslutsparser.warm"])
    return ctx


def death_reason(exitcode: int | None) -> str:
    """Why a process ended, from its exit code."""
    if exitcode is not None and exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exit status {exitcode}"


def _death(task: Task, exitcode: int | None) -> Outcome:
    if exitcode == MEMORY_EXIT:
        return failed(task, "memory-limit", MEMORY_MESSAGE)
    return failed(task, "worker-crashed", f"the worker died: {death_reason(exitcode)}")
