"""Batch: whole archives of protocols into DuckDB, Parquet and JSON Lines, in parallel and resumable.

``beslutsparser batch SRC... -o OUT`` (or :func:`run_batch`) reads documents from
files, folders, globs and archives (:mod:`beslutsparser.sources`), parses each in a
worker process and writes the outputs into ``OUT``:

- ``beslutsparser.duckdb``: the tables of :mod:`beslutsparser.export` and the
  ``case_history`` view;
- ``parquet/<table>/``: the same tables, hive-partitioned by meeting authority,
  organ and year;
- ``protocols.jsonl`` (one record a line) and ``errors.jsonl``.

Every document is a content-hash (sha256 of its bytes) in a ledger, so a re-run,
or a run after ``kill -9``, parses only what is not finished, and never loses or
repeats a record:

- ``journal.jsonl``: each parsed record appended as one JSON line, in the order
  workers finish;
- ``ledger.jsonl``: one entry per input path (``ok`` with the record's offset in
  the journal, ``error`` with code and message, or ``duplicate`` of bytes seen
  under another path), written only after the journal lines it points to are
  flushed and fsync'ed. On start, a torn ledger tail is cut off and the journal
  is truncated to the last record the ledger knows.

The outputs are rebuilt from the ledger and journal at the end of every run,
ordered by source path and sha256 (so they do not depend on which worker
finished first), written to temporary names and renamed into place.

Documents are parsed by worker processes (:mod:`beslutsparser.workers`) that
cap their memory (``--max-memory``) and time (``--timeout``) per document and are
replaced when they hang or die: a hostile PDF costs one document (recorded as
``timeout``, ``memory-limit`` or ``worker-crashed``), never the batch.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import msgspec

from . import export
from .model import Protocol
from .sources import Item, Limits, count_items, iter_items
from .workers import Executor, LocalPool, Outcome, Task, death_reason, mp_context

if TYPE_CHECKING:
    from tqdm import tqdm

FORMATS = ("duckdb", "parquet", "jsonl")
DUCKDB_NAME = "beslutsparser.duckdb"
PARQUET_NAME = "parquet"
JOURNAL_NAME = "journal.jsonl"
LEDGER_NAME = "ledger.jsonl"
WORK_NAME = ".work"
LOCK_NAME = ".lock"
COMMIT_EVERY = 256
COMMIT_SECONDS = 1.0
"""The journal and ledger are made durable every this many records or seconds, and at the end."""
CHUNK = 256
DUCKDB_MEMORY = "64MB"
"""DuckDB's memory while the outputs are built: it spills to disk past this, so the parent stays flat."""
"""Documents per table chunk when the outputs are built."""


class LedgerEntry(msgspec.Struct, array_like=True):
    """One input path in the ledger; ``offset``/``length`` locate an ``ok`` record in the journal."""

    status: Literal["ok", "error", "duplicate"]
    path: str
    sha256: str | None
    offset: int = -1
    length: int = 0
    code: str | None = None
    message: str | None = None


def read_ledger(out: Path) -> tuple[list[LedgerEntry], int, int]:
    """The ledger's valid entries (up to a torn or garbled line), that prefix's length in bytes, and where the
    journal's committed records end."""
    decoder = msgspec.json.Decoder(LedgerEntry)
    entries: list[LedgerEntry] = []
    valid = journal_end = 0
    path = out / LEDGER_NAME
    if path.exists():
        with path.open("rb") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                try:
                    entry = decoder.decode(line)
                except msgspec.DecodeError:
                    break
                valid += len(line)
                entries.append(entry)
                if entry.status == "ok":
                    journal_end = max(journal_end, entry.offset + entry.length + 1)
    return entries, valid, journal_end


class Ledger:
    """The journal of records and the ledger of input paths in ``out``; see the module docstring.

    Opening it recovers from a kill: the ledger's torn tail is cut off and the journal
    truncated to the last record the ledger knows.
    """

    def __init__(self, out: Path) -> None:
        self.done: set[str] = set()
        self.paths: set[str] = set()
        self._pending: list[LedgerEntry] = []
        self._last_commit = time.monotonic()
        entries, valid, journal_end = read_ledger(out)
        for entry in entries:
            self._remember(entry)
        self._ledger: IO[bytes] = open(out / LEDGER_NAME, "ab")  # noqa: SIM115 (closed in close())
        self._ledger.truncate(valid)
        self._journal: IO[bytes] = open(out / JOURNAL_NAME, "ab")  # noqa: SIM115
        self._journal.truncate(journal_end)
        self._offset = journal_end

    def _remember(self, entry: LedgerEntry) -> None:
        self.paths.add(entry.path)
        if entry.sha256 is not None and entry.status != "duplicate":
            self.done.add(entry.sha256)

    def record(self, outcome: Outcome) -> None:
        """Append one outcome (the record to the journal, its entry to the pending ledger lines)."""
        entry = LedgerEntry(outcome.status, outcome.path, outcome.sha256, code=outcome.code, message=outcome.message)
        if outcome.status == "ok":
            self._journal.write(outcome.protocol + b"\n")
            entry.offset, entry.length = self._offset, len(outcome.protocol)
            self._offset += len(outcome.protocol) + 1
        self._add(entry)

    def record_duplicate(self, path: str, sha256: str) -> None:
        """Append an input path whose bytes are another path's (parsed once, under the first path)."""
        self._add(LedgerEntry("duplicate", path, sha256))

    def _add(self, entry: LedgerEntry) -> None:
        self._remember(entry)
        self._pending.append(entry)
        if len(self._pending) >= COMMIT_EVERY or time.monotonic() - self._last_commit >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Make the journal durable, then the ledger entries that point into it."""
        self._journal.flush()
        os.fsync(self._journal.fileno())
        if self._pending:
            self._ledger.write(b"".join(msgspec.json.encode(e) + b"\n" for e in self._pending))
            self._ledger.flush()
            os.fsync(self._ledger.fileno())
            self._pending.clear()
        self._last_commit = time.monotonic()

    def close(self) -> None:
        self.commit()
        self._journal.close()
        self._ledger.close()


@dataclass
class BatchOptions:
    """How a batch runs; the defaults are the command line's."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    formats: Sequence[str] = FORMATS
    timeout: float | None = 300.0
    max_memory_mb: int | None = 2048
    limits: Limits = field(default_factory=Limits)
    ocr: bool | None = None
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    progress: bool | None = None
    """Show a progress bar; ``None``: when stderr is a terminal."""


@dataclass
class BatchSummary:
    """What a run did: documents parsed now, failed now, skipped as done before, duplicates, pages, outputs."""

    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    pages: int = 0
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return (self.parsed + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


class _Progress:
    """A tqdm bar over documents with pages/s beside it, or nothing."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self._bar: tqdm[Any] | None = None
        self._pages = 0
        self._start = time.monotonic()
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", desc="batch", dynamic_ncols=True, file=sys.stderr, smoothing=0.1)

    def update(self, pages: int = 0) -> None:
        if self._bar is None:
            return
        self._pages += pages
        self._bar.update(1)
        elapsed = time.monotonic() - self._start
        if elapsed > 0:
            self._bar.set_postfix_str(f"{self._pages / elapsed:.1f} pages/s", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _make_executor(options: BatchOptions, workdir: Path) -> Executor:
    if options.engine == "dask":
        from .batch_dask import DaskExecutor

        return DaskExecutor(options.scheduler, options.jobs, timeout=options.timeout)
    return LocalPool(options.jobs, workdir, max_memory_mb=options.max_memory_mb, timeout=options.timeout)


def _lock(out: Path) -> IO[bytes]:
    handle = open(out / LOCK_NAME, "wb")  # noqa: SIM115 (held for the run)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise RuntimeError(f"another batch is writing to {out}") from exc
    return handle


def run_batch(sources: Sequence[str], out: str | Path, options: BatchOptions | None = None) -> BatchSummary:
    """Parse every document of ``sources`` into ``out`` (resuming what is there); see the module docstring."""
    opts = options or BatchOptions()
    unknown = set(opts.formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}")
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    lock = _lock(root)
    work = root / WORK_NAME
    shutil.rmtree(work, ignore_errors=True)
    summary = BatchSummary()
    start = time.monotonic()
    try:
        ledger = Ledger(root)
        show = sys.stderr.isatty() if opts.progress is None else opts.progress
        progress = _Progress(show, count_items(sources, opts.limits) if show else None)
        executor = _make_executor(opts, work)
        try:
            _feed(iter_items(sources, opts.limits), ledger, executor, progress, summary, opts.ocr)
        finally:
            executor.close()
            ledger.close()
            progress.close()
        summary.seconds = time.monotonic() - start
        summary.outputs = _build_in_child(root, opts.formats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock.close()
    return summary


def _feed(
    items: Iterator[Item],
    ledger: Ledger,
    executor: Executor,
    progress: _Progress,
    summary: BatchSummary,
    ocr: bool | None,
) -> None:
    in_flight: set[str] = set()

    def take(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            ledger.record(outcome)
            in_flight.discard(outcome.sha256 or "")
            if outcome.status == "ok":
                summary.parsed += 1
                summary.pages += outcome.pages
            else:
                summary.failed += 1
            progress.update(outcome.pages)

    seen: set[str] = set()
    for item in items:
        sha = hashlib.sha256(item.data).hexdigest() if item.data is not None else None
        repeated = item.path in seen
        seen.add(item.path)
        if repeated or (item.path in ledger.paths and (sha is None or sha in ledger.done)):
            summary.skipped += 1
            progress.update()
            continue
        if sha is None:
            take([Outcome(item.path, None, "error", code=item.code or "unreadable", message=item.message or "")])
            continue
        if sha in ledger.done or sha in in_flight:
            ledger.record_duplicate(item.path, sha)
            summary.duplicates += 1
            progress.update()
            continue
        while not executor.free():
            take(executor.collect(COMMIT_SECONDS))
        in_flight.add(sha)
        executor.submit(Task(item.path, sha, item.data, ocr))
    while executor.busy():
        take(executor.collect(COMMIT_SECONDS))


def _replace_dir(tmp: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _sorted_entries(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    return sorted(entries, key=lambda e: (e.path, e.sha256 or ""))


def _build_in_child(root: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Run :func:`build_outputs` in a child process, so that the parent's memory stays flat however big the batch."""
    proc = mp_context().Process(target=build_outputs, args=(root, tuple(formats)), name="beslutsparser-outputs")
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"building the outputs failed: {death_reason(proc.exitcode)}")
    return output_paths(root, formats)


def output_paths(out: str | Path, formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Where each of ``formats`` is written in ``out``."""
    names = {"duckdb": DUCKDB_NAME, "parquet": PARQUET_NAME, "jsonl": "protocols.jsonl"}
    return {f: Path(out) / names[f] for f in FORMATS if f in formats}


def build_outputs(out: str | Path, formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Build the outputs of ``formats`` in ``out`` from its ledger and journal, in path order; return their paths.

    DuckDB works within :data:`DUCKDB_MEMORY` (spilling to ``out/.work``) and checkpoints
    every chunk, so memory does not grow with the batch.
    """
    import duckdb

    root = Path(out)
    work = root / WORK_NAME
    work.mkdir(exist_ok=True)
    db_tmp = work / DUCKDB_NAME
    db_tmp.unlink(missing_ok=True)
    entries = read_ledger(root)[0]
    failures = {e.sha256: e for e in entries if e.status == "error" and e.sha256}
    decoder = msgspec.json.Decoder(Protocol)
    jsonl = "jsonl" in formats
    protocols_tmp = work / "protocols.jsonl"
    errors_tmp = work / "errors.jsonl"
    con = duckdb.connect(str(db_tmp))
    outputs: dict[str, Path] = {}
    try:
        con.execute("SET preserve_insertion_order = true")
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        con.execute(f"SET temp_directory = '{work / 'duckdb.tmp'}'")
        export.create_duckdb_tables(con)
        with (
            (root / JOURNAL_NAME).open("rb") as journal,
            _maybe_open(protocols_tmp, jsonl) as protocols_out,
            _maybe_open(errors_tmp, jsonl) as errors_out,
        ):
            rows = export.TableRows()
            for count, entry in enumerate(_sorted_entries(entries), start=1):
                failure = entry if entry.status == "error" else failures.get(entry.sha256 or "")
                if entry.status == "ok":
                    journal.seek(entry.offset)
                    line = journal.read(entry.length)
                    rows.add_protocol(entry.sha256 or "", decoder.decode(line))
                    if protocols_out:
                        protocols_out.write(line + b"\n")
                elif failure is not None:
                    code, message = failure.code or "", failure.message or ""
                    rows.add_error(entry.path, entry.sha256, code, message)
                    if errors_out:
                        record = {"path": entry.path, "sha256": entry.sha256, "code": code, "message": message}
                        errors_out.write(msgspec.json.encode(record) + b"\n")
                rows.add_file(entry.path, entry.sha256, entry.status)
                if count % CHUNK == 0:
                    export.append_duckdb(con, rows)
                    con.execute("CHECKPOINT")
                    rows = export.TableRows()
            export.append_duckdb(con, rows)
        con.execute("CHECKPOINT")
        if "parquet" in formats:
            parquet_tmp = work / PARQUET_NAME
            export.write_parquet(con, parquet_tmp)
            _replace_dir(parquet_tmp, root / PARQUET_NAME)
            outputs["parquet"] = root / PARQUET_NAME
        if "duckdb" in formats:
            con.close()
            os.replace(db_tmp, root / DUCKDB_NAME)
            outputs["duckdb"] = root / DUCKDB_NAME
    finally:
        con.close()
        db_tmp.unlink(missing_ok=True)
    if jsonl:
        for tmp in (protocols_tmp, errors_tmp):
            os.replace(tmp, root / tmp.name)
        outputs["jsonl"] = root / protocols_tmp.name
    return outputs


def _maybe_open(path: Path, wanted: bool) -> contextlib.AbstractContextManager[IO[bytes] | None]:
    return path.open("wb") if wanted else contextlib.nullcontext()


def configure_parser(p: argparse.ArgumentParser) -> None:
    """Add the ``batch`` subcommand's arguments to ``p``."""
    p.add_argument("sources", nargs="+", metavar="SRC", help="files, folders, globs, .zip/.tar(.gz) archives")
    p.add_argument("-o", "--out", required=True, help="output folder (resumed if it holds a ledger)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    p.add_argument("--format", default=",".join(FORMATS), help="comma-separated: duckdb,parquet,jsonl")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per document (default 300)")
    p.add_argument(
        "--max-memory", type=int, default=2048, metavar="MB", help="address space per worker in MB (default 2048)"
    )
    p.add_argument(
        "--max-document-mb",
        type=int,
        default=Limits.max_document_bytes >> 20,
        metavar="MB",
        help="largest document or archive member read",
    )
    p.add_argument(
        "--max-archive-mb",
        type=int,
        default=Limits.max_archive_bytes >> 20,
        metavar="MB",
        help="largest total an archive may expand to",
    )
    ocr = p.add_mutually_exclusive_group()
    ocr.add_argument("--ocr", dest="ocr", action="store_true", default=None, help="OCR every PDF page")
    ocr.add_argument("--no-ocr", dest="ocr", action="store_false", help="never OCR")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster)")
    p.add_argument("--no-progress", dest="progress", action="store_false", default=None)
    p.set_defaults(func=_batch_cmd)


def _batch_cmd(args: argparse.Namespace) -> int:
    options = BatchOptions(
        jobs=args.jobs,
        formats=tuple(f.strip() for f in args.format.split(",") if f.strip()),
        timeout=args.timeout or None,
        max_memory_mb=args.max_memory or None,
        limits=Limits(args.max_document_mb << 20, args.max_archive_mb << 20),
        ocr=args.ocr,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=args.progress,
    )
    try:
        summary = run_batch(args.sources, args.out, options)
    except (ValueError, RuntimeError) as exc:
        print(f"beslutsparser batch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"beslutsparser batch: interrupted; run it again to resume into {args.out}", file=sys.stderr)
        return 130
    print(
        f"{summary.parsed} parsed, {summary.failed} failed, {summary.skipped} done before, "
        f"{summary.duplicates} duplicates; {summary.pages} pages in {summary.seconds:.1f} s "
        f"({summary.docs_per_second:.1f} docs/s, {summary.pages_per_second:.1f} pages/s)",
        file=sys.stderr,
    )
    for name, path in summary.outputs.items():
        print(f"{name}: {path}", file=sys.stderr)
    return 0
