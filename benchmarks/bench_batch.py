"""Batch throughput and the parent's memory, on generated archives.

    python benchmarks/bench_batch.py [--docs 2000] [--small 500] [--seed 1]

Generates (with ``tests/batchgen.py``) a zip of ``--docs`` protocols (text, a few
PDFs, 3 % broken) and one of ``--small``, then runs ``beslutsparser batch`` in a
fresh process for each row of the table:

- the big archive with 1 job and with 2 jobs: documents/s and pages/s while
  parsing (pool start-up included, building the outputs not), the wall time of
  the whole run, and the speed-up of 2 jobs over 1;
- the small and the big archive with 2 jobs: the parent's peak RSS (the
  workers' own memory is capped per worker and not counted), which should not
  grow with the archive, and the peak RSS of building the outputs again from
  the journal (the child process a batch runs it in; DuckDB spills past 64 MB).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import batchgen  # noqa: E402 - the test-side generator, found through the path above
from common import PEAK_RSS  # noqa: E402 - benchmarks/ is on the path as the script's folder

RUN = PEAK_RSS + """
import json, sys, time
from beslutsparser.batch import BatchOptions, run_batch
start = time.monotonic()
summary = run_batch([sys.argv[1]], sys.argv[2], BatchOptions(jobs=int(sys.argv[3]), progress=False))
print(json.dumps({
    "docs": summary.parsed + summary.failed + summary.duplicates,
    "pages": summary.pages,
    "parse_seconds": summary.seconds,
    "wall_seconds": time.monotonic() - start,
    "peak_rss_mb": peak_rss_mb(),
}))
"""


BUILD = PEAK_RSS + """
import sys
from beslutsparser.batch import build_outputs
build_outputs(sys.argv[1])
print(peak_rss_mb())
"""


def _python(code: str, *args: object) -> str:
    result = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1]


def _run(archive: Path, jobs: int, work: Path) -> dict[str, float]:
    out = work / f"out-{archive.stem}-{jobs}"
    figures: dict[str, float] = json.loads(_python(RUN, archive, out, jobs))
    figures["builder_rss_mb"] = float(_python(BUILD, out))
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--small", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = batchgen.generate(work / "big", args.docs, seed=args.seed).zip(work / f"archive-{args.docs}.zip")
        small = batchgen.generate(work / "small", args.small, seed=args.seed).zip(work / f"archive-{args.small}.zip")
        rows = [("big", big, 1), ("big", big, 2), ("small", small, 2)]
        results = {(name, jobs): _run(archive, jobs, work) for name, archive, jobs in rows}
    one, two = results[("big", 1)], results[("big", 2)]
    header = ("archive", "jobs", "docs", "pages", "docs/s", "pages/s", "wall s", "RSS MB", "build MB")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (9, 4, 6, 6, 8, 8, 7, 7, 8), strict=True)))
    for (name, jobs), r in results.items():
        docs = args.docs if name == "big" else args.small
        rate = r["docs"] / r["parse_seconds"]
        pages = r["pages"] / r["parse_seconds"]
        print(
            f"{docs:>9} {jobs:>4} {r['docs']:>6.0f} {r['pages']:>6.0f} {rate:>8.1f} {pages:>8.1f} "
            f"{r['wall_seconds']:>7.1f} {r['peak_rss_mb']:>7.1f} {r['builder_rss_mb']:>8.1f}"
        )
    speedup = (two["docs"] / two["parse_seconds"]) / (one["docs"] / one["parse_seconds"])
    growth = results[("big", 2)]["peak_rss_mb"] / results[("small", 2)]["peak_rss_mb"]
    print(f"speed-up with 2 jobs: {speedup:.2f}x; parent peak RSS {args.docs} vs {args.small} documents: {growth:.2f}x")


if __name__ == "__main__":
    main()
