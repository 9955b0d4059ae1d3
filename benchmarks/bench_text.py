"""Text pipeline throughput over the corpus, against a single ``regex`` pass in the same run.

    python benchmarks/bench_text.py [--repeat 7] [--docs DIR]

Reports the median over repeats of MB/s (UTF-8 bytes of the input) for:
- baseline: one compiled regex pass (``§ N`` heading lines) over the same texts;
- pipeline: load (decode) → clean → segment → extract → assemble, as ``parse`` does;
and the ratio pipeline / baseline. Single process, one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import regex

from beslutsparser.load.text import load_text_bytes
from beslutsparser.pipeline import run

DEFAULT_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"
BASELINE = regex.compile(r"(?m)^[ \t]*§[ \t]*(\d{1,4})(.*)$")


def _timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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

    def pipeline() -> None:
        for b in blobs:
            run(load_text_bytes(b))

    pipeline()  # warm the lazy vocabularies and compiled patterns
    base = _timed(baseline, args.repeat)
    full = _timed(pipeline, args.repeat)
    print(f"corpus: {len(blobs)} documents, {mb:.2f} MB, median of {args.repeat}")
    print(f"{'stage':<22}{'seconds':>10}{'MB/s':>10}{'ratio':>10}")
    print(f"{'baseline regex pass':<22}{base:>10.4f}{mb / base:>10.1f}{1.0:>10.3f}")
    print(f"{'text pipeline':<22}{full:>10.4f}{mb / full:>10.2f}{base / full:>10.4f}")


if __name__ == "__main__":
    main()
