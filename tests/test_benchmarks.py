"""The benchmark scripts run end to end on a small document set and print their tables.

They assert no timings (figures depend on the machine); they must not rot: a benchmark that no
longer runs reports nothing.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "docs"


@pytest.fixture(scope="module")
def small_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two of the fixtures, the smallest, as the document set."""
    folder = tmp_path_factory.mktemp("docs")
    for path in sorted(FIXTURES.glob("*.txt"), key=lambda p: p.stat().st_size)[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def _bench(script: str, *args: object) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *map(str, args)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_bench_text_reports_baseline_and_every_actor_mode(small_docs: Path) -> None:
    out = _bench("bench_text.py", "--docs", small_docs, "--repeat", 1)
    for row in ("baseline regex pass", "pipeline, actors off", "pipeline, actors rules", "pipeline, actors model"):
        assert row in out
    assert f"python {platform.python_version()} (" in out  # which interpreter ran: its build matters
    assert "MB/s best" in out


def test_bench_pdf_reports_readers_targets_and_memory(small_docs: Path, tmp_path: Path) -> None:
    out = _bench("bench_pdf.py", "--docs", small_docs, "--repeat", 1, "--plumber-pages", 2, "--ocr-pages", 0,
                 "--big-pages", 3, "--cache", tmp_path)
    for row in ("raw pypdfium2", "load_pdf", "parse, actors off", "parse, actors model", "pdfplumber (1 run)",
                "target parse (actors off)", "target parse with actors", "beslutsparser.parse"):
        assert row in out
    peak = out.split("peak RSS", 1)[1]
    assert " MB (" in peak


def test_bench_actors_reports_words_and_pages(small_docs: Path) -> None:
    out = _bench("bench_actors.py", "--docs", small_docs, "--repeat", 1)
    for row in ("actors, rules ", "actors, rules + trained", "whole pipeline", " w/s", " p/s"):
        assert row in out


def test_bench_batch_reports_one_and_two_jobs() -> None:
    out = _bench("bench_batch.py", "--docs", 40, "--small", 20)
    assert "speed-up with 2 jobs" in out and "parent peak RSS" in out
