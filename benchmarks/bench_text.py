"""Text pipeline throughput over the corpus, against a single ``regex`` pass in the same run.

    python benchmarks/bench_text.py [--repeat 7] [--docs DIR]

Reports the median over repeats of MB/s (UTF-8 bytes of the input) for:
- baseline: one compiled regex pass (``§ N`` heading lines) over the same texts;
- pipeline: load (decode) → clean → segment → extract → assemble, as ``parse`` does, with
  actors off (every other extractor: dates, references, laws, votes …), by rules, and by
  rules plus the trained model (the default);
and the ratio pipeline / baseline (the baseline's time over the stage's). Single process, one core;
CPU seconds beside wall seconds, and the fastest pass (``MB/s best``: what the code does when the
machine lets it; the median is what a run on a shared machine gets). Each mode's passes take turns
with passes of the baseline, and its ratio is against those: a slow spell of a shared machine falls on
both sides of the ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import regex

from beslutsparser.load.text import load_text_bytes
from beslutsparser.pipeline import run

DEFAULT_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"
BASELINE = regex.compile(r"(?m)^[ \t]*§[ \t]*(\d{1,4})(.*)$")


def _timed(fn: Callable[[], None], baseline: Callable[[], None], repeat: int) -> tuple[float, float, float, float]:
    """Median wall and CPU seconds of ``fn`` over ``repeat`` runs, its fastest run's wall seconds, and the
    median wall seconds of ``baseline`` run in turn with it."""
    wall, cpu, base = [], [], []
    for _ in range(repeat):
        b = time.perf_counter()
        baseline()
        base.append(time.perf_counter() - b)
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu), min(wall), statistics.median(base)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    blobs = [p.read_bytes() for p in sorted(args.docs.glob("*.txt"))]
    texts = [b.decode("utf-8") for b in blobs]
    mb = sum(len(b) for b in blobs) / 1e6

    def baseline() -> None:
        for t in texts:
            for _ in BASELINE.finditer(t):
                pass

    def pipeline(actors: str) -> Callable[[], None]:
        def go() -> None:
            for b in blobs:
                run(load_text_bytes(b), actors=actors)  # type: ignore[arg-type]

        go()  # warm the lazy vocabularies, compiled patterns and spaCy pipelines
        return go

    rows = [("baseline regex pass", _timed(baseline, baseline, args.repeat))]
    for actors in ("off", "rules", "model"):
        rows.append((f"pipeline, actors {actors}", _timed(pipeline(actors), baseline, args.repeat)))
    print(f"corpus: {len(blobs)} documents, {mb:.2f} MB, median of {args.repeat}")
    # the interpreter's build matters (a PGO/LTO build runs the pipeline 10-15 % faster): say which ran
    print(f"python {platform.python_version()} ({os.path.realpath(sys.executable)})")
    print(f"{'stage':<26}{'wall s':>9}{'cpu s':>9}{'MB/s wall':>11}{'MB/s cpu':>10}{'MB/s best':>11}{'ratio':>9}")
    for name, (wall, cpu, best, base) in rows:
        print(f"{name:<26}{wall:>9.4f}{cpu:>9.4f}{mb / wall:>11.2f}{mb / max(cpu, 1e-9):>10.2f}"
              f"{mb / best:>11.2f}{base / wall:>9.4f}")


if __name__ == "__main__":
    main()
