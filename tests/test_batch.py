"""``beslutsparser batch``: generated archives to DuckDB, Parquet and JSONL, exact and resumable."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import msgspec
import pytest

from batchgen import BROKEN_KINDS, Corpus, generate
from beslutsparser import export
from beslutsparser.batch import (
    DUCKDB_NAME,
    JOURNAL_NAME,
    LEDGER_NAME,
    BatchOptions,
    Ledger,
    LedgerEntry,
    run_batch,
)
from beslutsparser.pipeline import parse
from beslutsparser.workers import LocalPool, Outcome, Task
from conftest import cli

Tables = dict[str, list[tuple[Any, ...]]]


def tables(db: Path) -> Tables:
    """Every table's rows, in stored order."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: [tuple(r) for r in con.execute(f"SELECT * FROM {export.quote(t)} ORDER BY rowid").fetchall()]
            for t in export.table_columns()
        }


# --- 2,000 documents, 3 % broken ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("big")
    corpus = generate(root / "docs", 2000, broken=0.03, pdfs=8, seed=7)
    archive = corpus.zip(root / "protokoll.zip")
    out = root / "out"
    result = cli("batch", str(archive), "-o", str(out), "--jobs", "2", "--timeout", "60")
    return corpus, archive, out, result


def test_big_archive_runs(big: tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]]) -> None:
    corpus, _, _, result = big
    assert result.returncode == 0, result.stderr
    distinct_broken = len({hashlib.sha256((corpus.root / d.path).read_bytes()).digest() for d in corpus.broken})
    duplicates = len(corpus.broken) - distinct_broken
    assert (
        f"{len(corpus.good)} parsed, {distinct_broken} failed, 0 done before, {duplicates} duplicates" in result.stderr
    )
    assert len(corpus.broken) >= 60
    assert {d.expected for d in corpus.broken} == set(BROKEN_KINDS.values())


def test_big_archive_loses_no_record(big: tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]]) -> None:
    corpus, archive, out, _ = big
    with duckdb.connect(str(out / DUCKDB_NAME), read_only=True) as con:
        counts = dict(
            con.execute(
                "SELECT p.source_path, count(d.decision_id) FROM protocols p "
                "LEFT JOIN decisions d USING (protocol_id) GROUP BY ALL"
            ).fetchall()
        )
        files = con.execute("SELECT count(*), count(DISTINCT path) FROM files").fetchall()[0]
    assert counts == {f"{archive}!{d.path}": d.paragraphs for d in corpus.good}
    assert files == (2000, 2000)


def test_big_archive_errors_are_exactly_the_broken(
    big: tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    corpus, archive, out, _ = big
    with duckdb.connect(str(out / DUCKDB_NAME), read_only=True) as con:
        errors = con.execute("SELECT path, code FROM errors").fetchall()
    assert sorted(errors) == sorted((f"{archive}!{d.path}", d.expected) for d in corpus.broken)


def test_big_archive_outputs_agree(big: tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]]) -> None:
    corpus, _, out, _ = big
    db = tables(out / DUCKDB_NAME)
    lines = (out / "protocols.jsonl").read_bytes().splitlines()
    records = [msgspec.json.decode(line) for line in lines]
    assert len(records) == len(db["protocols"]) == len(corpus.good)
    assert [r["source"]["path"] for r in records] == sorted(r["source"]["path"] for r in records)
    assert [r["source"]["sha256"] for r in records] == [row[0] for row in db["protocols"]]
    assert len((out / "errors.jsonl").read_bytes().splitlines()) == len(corpus.broken)
    for table, rows in db.items():
        assert export.read_parquet(out / "parquet", table).num_rows == len(rows), table


def test_big_archive_records_equal_single_parses(
    big: tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    corpus, archive, out, _ = big
    by_path = {}
    for line in (out / "protocols.jsonl").read_bytes().splitlines():
        record = msgspec.json.decode(line)
        by_path[record["source"]["path"]] = record
    sample = random.Random(3).sample(corpus.good, 25) + [d for d in corpus.good if d.pdf][:3]
    for doc in sample:
        single = parse(corpus.root / doc.path).to_dict()
        single["source"]["path"] = f"{archive}!{doc.path}"
        assert by_path[f"{archive}!{doc.path}"] == single, doc.path


# --- resumable and exact -------------------------------------------------------------------------------------------


@dataclass
class Medium:
    root: Path
    baseline: Path
    seconds: float
    corpus: Corpus


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> Medium:
    """400 documents (in a folder and a tar.gz) and the outputs of one uninterrupted run of the tar.gz."""
    root = tmp_path_factory.mktemp("medium")
    corpus = generate(root / "docs", 400, broken=0.03, pdfs=4, seed=11)
    corpus.tar(root / "protokoll.tar.gz")
    out = root / "baseline"
    start = time.monotonic()
    result = cli("batch", str(root / "protokoll.tar.gz"), "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return Medium(root, out, time.monotonic() - start, corpus)


def _assert_same_outputs(a: Path, b: Path) -> None:
    assert tables(a / DUCKDB_NAME) == tables(b / DUCKDB_NAME)
    for name in ("protocols.jsonl", "errors.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    for table in export.table_columns():
        first, second = (export.read_parquet(x / "parquet", table) for x in (a, b))
        assert first.equals(second), table


def _run_and_kill(source: Path, out: Path, delay: float | None) -> int:
    """Start a batch, SIGKILL its process group after ``delay`` s (or once it builds outputs); return its status."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "beslutsparser.cli", "batch", str(source), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + (delay if delay is not None else 120)
    while proc.poll() is None and time.monotonic() < deadline:
        if delay is None and (out / ".work" / DUCKDB_NAME).exists():
            break
        time.sleep(0.005)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()


@pytest.mark.parametrize(
    "when", [0.1, 0.3, 0.5, None], ids=["kill-early", "kill-midway", "kill-late", "kill-in-output"]
)
def test_kill_and_resume_gives_identical_tables(medium: Medium, tmp_path: Path, when: float | None) -> None:
    root, baseline, seconds = medium.root, medium.baseline, medium.seconds
    out = tmp_path / "out"
    delay = None if when is None else seconds * random.Random(str(when)).uniform(when - 0.1, when + 0.1)
    status = _run_and_kill(root / "protokoll.tar.gz", out, delay)
    assert status == -signal.SIGKILL, "the run finished before it was killed"
    assert not (out / "protocols.jsonl").exists()
    result = cli("batch", str(root / "protokoll.tar.gz"), "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    _assert_same_outputs(baseline, out)
    entries = [msgspec.json.decode(line, type=LedgerEntry) for line in (out / LEDGER_NAME).read_bytes().splitlines()]
    assert len(entries) == len({e.path for e in entries}) == 400
    assert len((out / JOURNAL_NAME).read_bytes().splitlines()) == sum(e.status == "ok" for e in entries)


def test_rerun_parses_nothing_and_changes_nothing(medium: Medium, tmp_path: Path) -> None:
    root, baseline = medium.root, medium.baseline
    out = tmp_path / "out"
    first = run_batch([str(root / "protokoll.tar.gz")], out, BatchOptions(jobs=2))
    again = run_batch([str(root / "protokoll.tar.gz")], out, BatchOptions(jobs=2))
    assert (first.parsed + first.failed + first.duplicates, first.skipped) == (400, 0)
    assert (again.parsed, again.failed, again.skipped) == (0, 0, 400)
    _assert_same_outputs(baseline, out)


def test_same_bytes_under_two_paths_is_one_record(medium: Medium, tmp_path: Path) -> None:
    docs = [medium.corpus.root / d.path for d in medium.corpus.good[:3]]
    summary = run_batch([str(d) for d in docs] + [str(docs[0])], tmp_path / "out", BatchOptions(jobs=1))
    db = tables(tmp_path / "out" / DUCKDB_NAME)
    assert (summary.duplicates, summary.skipped, len(db["protocols"]), len(db["files"])) == (0, 1, 3, 3)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(docs[1].read_bytes())
    summary = run_batch([str(copy)], tmp_path / "out", BatchOptions(jobs=1))
    db = tables(tmp_path / "out" / DUCKDB_NAME)
    assert (summary.duplicates, len(db["protocols"])) == (1, 3)
    assert (str(copy), hashlib.sha256(copy.read_bytes()).hexdigest(), "duplicate") in db["files"]


def test_ledger_recovery_cuts_torn_tail_and_uncommitted_journal(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    for n in range(3):
        ledger.record(Outcome(f"d{n}.txt", f"sha{n}", "ok", b'{"n":%d}' % n))
    ledger.close()
    with (tmp_path / JOURNAL_NAME).open("ab") as fh:
        fh.write(b'{"n":3}\n{"n":')
    with (tmp_path / LEDGER_NAME).open("ab") as fh:
        fh.write(b'["ok","d3.txt","sha3",')
    recovered = Ledger(tmp_path)
    recovered.close()
    assert recovered.done == {"sha0", "sha1", "sha2"}
    assert (tmp_path / JOURNAL_NAME).read_bytes() == b'{"n":0}\n{"n":1}\n{"n":2}\n'
    assert (tmp_path / LEDGER_NAME).read_bytes().count(b"\n") == 3


@pytest.mark.parametrize(
    ("formats", "present", "absent"),
    [
        ("jsonl", ["protocols.jsonl", "errors.jsonl"], [DUCKDB_NAME, "parquet"]),
        ("parquet", ["parquet"], [DUCKDB_NAME, "protocols.jsonl"]),
        ("duckdb", [DUCKDB_NAME], ["parquet", "protocols.jsonl"]),
    ],
    ids=["jsonl-only", "parquet-only", "duckdb-only"],
)
def test_formats(tmp_path: Path, formats: str, present: list[str], absent: list[str]) -> None:
    result = cli("batch", str(Path(__file__).parent / "fixtures" / "docs"), "-o", str(tmp_path), "--format", formats)
    assert result.returncode == 0, result.stderr
    assert all((tmp_path / p).exists() for p in present)
    assert not any((tmp_path / p).exists() for p in absent)
    assert not (tmp_path / ".work").exists()


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = cli("batch", "x.txt", "-o", str(tmp_path), "--format", "csv")
    assert result.returncode == 2
    assert "unknown format(s): csv" in result.stderr


def test_progress_shows_documents_and_pages_per_second(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = Path(__file__).parent / "fixtures" / "docs"
    run_batch([str(docs)], tmp_path, BatchOptions(jobs=1, progress=True, formats=("jsonl",)))
    err = capsys.readouterr().err
    assert "doc/s" in err
    assert "pages/s" in err
    assert f"{len(list(docs.glob('*.txt')))}/{len(list(docs.glob('*.txt')))}" in err


def test_stats_summarises_the_database(big: tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]]) -> None:
    corpus, _, out, _ = big
    result = cli("stats", str(out))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert f"Documents: {len(corpus.good):,} protocols" in text
    assert f"{len(corpus.broken):,} errors" in text
    assert f"Decisions (§§): {sum(d.paragraphs for d in corpus.good):,}" in text
    for code in BROKEN_KINDS.values():
        assert code in text.split("Errors by code:")[1]
    assert "Kommunstyrelsen" in text.split("By organ and year:")[1]


def test_stats_without_database(tmp_path: Path) -> None:
    result = cli("stats", str(tmp_path))
    assert result.returncode == 2
    assert "no database" in result.stderr


# --- hostile documents: the worker, not the batch, pays ------------------------------------------------------------


def _task(path: str, text: str) -> Task:
    data = text.encode()
    return Task(path, f"{len(data)}-{path}", data)


SMALL = "SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\n\n§ 1 Val av justerare\n\nBeslut\nKommunstyrelsen utser Bo Ek.\n"


def _collect(pool: LocalPool, seconds: float = 60) -> Outcome:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        outcomes = pool.collect(0.1)
        if outcomes:
            return outcomes[0]
    raise AssertionError("no outcome")


@pytest.fixture
def big_text() -> str:
    paragraphs = "".join(
        f"§ {n} Ärende {n}\n\nSammanfattning\nNämnden har berett ärendet {n} den 3 mars 2021.\n\n"
        f"Beslut\nNämnden beslutar att bifalla förslaget.\n\n"
        for n in range(1, 4000)
    )
    return "SAMMANTRÄDESPROTOKOLL\nSocialnämnden\n\n" + paragraphs


def test_slow_document_times_out_in_the_worker(tmp_path: Path, big_text: str) -> None:
    pool = LocalPool(1, tmp_path, timeout=0.3)
    try:
        pool.submit(_task("slow.txt", big_text))
        outcome = _collect(pool)
        assert (outcome.path, outcome.code, outcome.message) == ("slow.txt", "timeout", "parsing took more than 0.3 s")
        pool.submit(_task("small.txt", SMALL))
        assert _collect(pool).status == "ok"
    finally:
        pool.close()


@pytest.mark.parametrize(
    ("signals", "code", "message"),
    [
        ([signal.SIGSTOP], "timeout", "parsing took more than 0.5 s"),
        ([signal.SIGSTOP, signal.SIGKILL], "worker-crashed", "the worker died: killed by SIGKILL"),
        ([signal.SIGSTOP, signal.SIGSEGV, signal.SIGCONT], "worker-crashed", "the worker died: killed by SIGSEGV"),
    ],
    ids=["hung-worker-killed", "killed-worker", "segfaulted-worker"],
)
def test_a_worker_that_hangs_or_dies_is_replaced(
    tmp_path: Path, big_text: str, signals: list[signal.Signals], code: str, message: str
) -> None:
    pool = LocalPool(1, tmp_path, timeout=0.5)
    try:
        pid = pool.pids()[0]
        pool.submit(_task("hostile.txt", big_text))
        for sig in signals:
            os.kill(pid, sig)
        started = time.monotonic()
        outcome = _collect(pool)
        assert (outcome.path, outcome.code, outcome.message) == ("hostile.txt", code, message)
        assert time.monotonic() - started < 30
        assert pool.pids()[0] != pid
        pool.submit(_task("small.txt", SMALL))
        assert _collect(pool).status == "ok"
    finally:
        pool.close()


def _address_space(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize")


def test_memory_cap_costs_one_document(tmp_path: Path) -> None:
    probe = LocalPool(1, tmp_path / "probe")
    try:
        probe.submit(_task("small.txt", SMALL))
        assert _collect(probe).status == "ok"
        baseline = _address_space(probe.pids()[0])
    finally:
        probe.close()
    cap_mb = baseline // (1 << 20) + 150
    pool = LocalPool(1, tmp_path / "capped", max_memory_mb=cap_mb)
    try:
        pool.submit(_task("small.txt", SMALL))
        assert _collect(pool).status == "ok"
        pool.submit(_task("huge.txt", "§ 1 Ärende\n\nBeslut\n" + "ö" * (60 << 20)))
        outcome = _collect(pool)
        assert (outcome.path, outcome.code) == ("huge.txt", "memory-limit")
        pool.submit(_task("small.txt", SMALL))
        assert _collect(pool).status == "ok"
    finally:
        pool.close()


def test_hostile_documents_in_a_batch_are_recorded(tmp_path: Path, big_text: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(SMALL, encoding="utf-8")
    (docs / "b.txt").write_text(big_text, encoding="utf-8")
    (docs / "c.txt").write_text(SMALL.replace("Bo Ek", "Al Berg"), encoding="utf-8")
    summary = run_batch([str(docs)], tmp_path / "out", BatchOptions(jobs=2, timeout=0.3))
    assert (summary.parsed, summary.failed) == (2, 1)
    db = tables(tmp_path / "out" / DUCKDB_NAME)
    assert [(Path(r[0]).name, r[2]) for r in db["errors"]] == [("b.txt", "timeout")]
