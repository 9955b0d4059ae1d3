"""PDF throughput and memory, end to end and loading alone, against raw pypdfium2 and pdfplumber in the same run.

    python benchmarks/bench_pdf.py [--repeat 3] [--docs DIR] [--plumber-pages 200] [--ocr-pages 2] [--profile 25]
                                   [--big-pages 500] [--cache DIR] [--fresh]

Test PDFs are rendered once with ``tests/pdfgen.py`` into a cache folder
(``--cache``, default ``$TMPDIR/beslutsparser-bench-pdf``; ``--fresh`` renders again): every
corpus document through reportlab, five more through LibreOffice (when
``soffice`` is there), and one document of at least ``--big-pages`` (500) pages.

Reports, as the median over repeats of pages per second:
- raw pypdfium2: ``get_textpage().get_text_range()`` per page, nothing else;
- pdfplumber: ``extract_text()`` per page (only the first ``--plumber-pages``
  pages of the set, one repeat: it is slow);
- load_pdf: our loader (mended hyphens, paragraph gaps, scan check), and with
  ``fonts=True``;
- parse, actors off / rules / model: the whole pipeline (load, clean, segment,
  extract, assemble) without OCR, with the actor stage off, by rules, and by rules
  plus the trained model (the default). Target without actors: 0.25 of raw
  pypdfium2 or more; with the default actors: 50 pages/s or more;
and the ratio of each to raw pypdfium2. Then the peak RSS (``VmHWM``) of
``load_pdf`` and of ``beslutsparser.parse`` on the big PDF, each in a fresh
subprocess (target for parse: under 300 MB), the seconds a page that OCR costs
(``--ocr-pages`` rasterised pages, 0 to skip), and with ``--profile N`` the N
functions where ``parse`` (default actors) spends most time over the document set (cProfile).
Single process, one core for the text rows.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from beslutsparser import parse
from beslutsparser.extract import ActorMode
from beslutsparser.load.pdf import load_pdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import pdfgen  # noqa: E402 - the test-side generator, found through the path above
from common import PEAK_RSS  # noqa: E402 - benchmarks/ is on the path as the script's folder

DEFAULT_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
CACHE = Path(tempfile.gettempdir()) / "beslutsparser-bench-pdf"
LIBREOFFICE_DOCS = 5

PARSE_TARGET = 0.25  # of raw pypdfium2's pages/s, the pipeline without the actor stage (the PDF issue)
ACTORS_TARGET = 50  # pages/s with actors by rules and the trained model, the default (the actors issue)
RSS_TARGET_MB = 300
RSS_SCRIPT = PEAK_RSS + """
import sys
from beslutsparser import parse
from beslutsparser.load.pdf import load_pdf
before = peak_rss_mb()
if sys.argv[2] == "parse":
    pages = parse(sys.argv[1], ocr=False).source.pages
else:
    pages = len(load_pdf(sys.argv[1], fonts=sys.argv[2] == "fonts").pages)
print(pages, before, peak_rss_mb())
"""


def build_set(docs: Path, cache: Path, big_pages: int, fresh: bool) -> tuple[list[Path], Path]:
    """The document set and the big PDF (``big_pages`` pages or more), rendered into ``cache`` unless
    already there."""
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    sources = sorted(docs.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no corpus documents in {docs}")
    texts = [s.read_text(encoding="utf-8") for s in sources]
    out: list[Path] = []
    for source, text in zip(sources, texts, strict=True):
        target = cache / f"{source.stem}.pdf"
        out.append(target if target.exists() else pdfgen.render_text_pdf(text, target))
    if shutil.which("soffice"):
        small = sorted(zip(texts, sources, strict=True), key=lambda ts: len(ts[0]))[:LIBREOFFICE_DOCS]
        for text, source in small:
            target = cache / f"{source.stem}.lo.pdf"
            out.append(target if target.exists() else pdfgen.render_libreoffice_pdf(text, target))
    big = cache / "big.pdf"
    if not big.exists():
        by_size = sorted(texts, key=len, reverse=True)
        text = ""
        for piece in itertools.cycle(by_size):
            text += piece + "\f"
            if len(pdfium.PdfDocument(pdfgen.render_text_pdf(text, big))) >= big_pages:
                break
    return out, big


def raw_pdfium(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    n = len(pdf)
    for i in range(n):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
    return n


def plumber(path: Path, limit: int) -> int:
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages[:limit]
        for page in pages:
            page.extract_text()
            page.close()
        return len(pages)


def ours(path: Path) -> int:
    return len(load_pdf(path, ocr=False).pages)


def ours_fonts(path: Path) -> int:
    return len(load_pdf(path, ocr=False, fonts=True).pages)


def end_to_end(actors: ActorMode) -> Callable[[Path], int]:
    def go(path: Path) -> int:
        return parse(path, ocr=False, actors=actors).source.pages or 0

    return go


def pages_per_second(fn: Callable[[Path], int], paths: list[Path], repeat: int) -> tuple[int, float]:
    """Pages and the median pages/s of ``fn`` over ``paths``."""
    rates = []
    pages = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        pages = sum(fn(p) for p in paths)
        rates.append(pages / (time.perf_counter() - t0))
    return pages, statistics.median(rates)


def peak_rss(path: Path, mode: str) -> tuple[int, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(path), mode], capture_output=True, text=True, check=True
    )
    pages, before, peak = done.stdout.split()
    return int(pages), float(before), float(peak)


def ocr_seconds(pages: int, text: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        body = "\f".join([text] * pages)
        path = pdfgen.render_scanned_pdf(body, Path(tmp) / "scan.pdf", dpi=300)
        t0 = time.perf_counter()
        doc = load_pdf(path)
        elapsed = time.perf_counter() - t0
    assert doc.ocr, "the scanned pages were not read by OCR"
    return elapsed / len(doc.pages)


def profile(paths: list[Path], top: int) -> None:
    """Print the ``top`` functions by own time and by cumulative time of ``parse`` over ``paths``."""
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [end_to_end("model")(p) for p in paths])
    for key in ("tottime", "cumulative"):
        print(f"\ncProfile of beslutsparser.parse over {len(paths)} documents, top {top} by {key}")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(key).print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--plumber-pages", type=int, default=200)
    ap.add_argument("--ocr-pages", type=int, default=2)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile parse: the N top functions")
    ap.add_argument("--fresh", action="store_true", help="render the test PDFs again")
    ap.add_argument("--cache", type=Path, default=CACHE, help="where the rendered PDFs are kept")
    ap.add_argument("--big-pages", type=int, default=500, help="pages of the big PDF (at least)")
    args = ap.parse_args()
    docs, big = build_set(args.docs, args.cache, args.big_pages, args.fresh)
    sets = {f"{len(docs)} docs": docs, f"big ({len(pdfium.PdfDocument(big))} p.)": [big]}
    print(f"median of {args.repeat} runs; pages/s and ratio to raw pypdfium2\n")
    print(f"{'set':<16}{'reader':<24}{'pages':>7}{'pages/s':>10}{'ratio':>8}")
    for name, paths in sets.items():
        raw_pages, raw_rate = pages_per_second(raw_pdfium, paths, args.repeat)
        rows = [("raw pypdfium2", raw_pages, raw_rate)]
        rows.append(("load_pdf", *pages_per_second(ours, paths, args.repeat)))
        rows.append(("load_pdf fonts=True", *pages_per_second(ours_fonts, paths, args.repeat)))
        for actors in ("off", "rules", "model"):
            end_to_end(actors)(paths[0])  # warm the vocabularies and, for actors, the spaCy pipeline
            rows.append((f"parse, actors {actors}", *pages_per_second(end_to_end(actors), paths, args.repeat)))
        if args.plumber_pages:
            left = args.plumber_pages

            def limited(path: Path) -> int:
                nonlocal left
                read = plumber(path, left) if left > 0 else 0
                left -= read
                return read

            rows.append(("pdfplumber (1 run)", *pages_per_second(limited, paths, 1)))
        for reader, pages, rate in rows:
            print(f"{name:<16}{reader:<24}{pages:>7}{rate:>10.0f}{rate / raw_rate:>8.2f}")
        without_actors, with_actors = rows[3][2], rows[5][2]
        met = "met" if without_actors >= PARSE_TARGET * raw_rate else "NOT met"
        print(f"{'':<16}target parse (actors off) >= {PARSE_TARGET} x raw pypdfium2: {met}")
        met = "met" if with_actors >= ACTORS_TARGET else "NOT met"
        print(f"{'':<16}target parse with actors (model) >= {ACTORS_TARGET} pages/s: {met}")
    print(f"\npeak RSS on {big.name} (fresh subprocess; after the imports in brackets)")
    for mode in ("text", "fonts", "parse"):
        pages, before, peak = peak_rss(big, mode)
        target = (
            f"  (target < {RSS_TARGET_MB} MB: {'met' if peak < RSS_TARGET_MB else 'NOT met'})"
            if mode == "parse"
            else ""
        )
        label = "beslutsparser.parse" if mode == "parse" else f"load_pdf {mode}"
        print(f"  {label:<20} {pages} pages: {peak:.0f} MB ({before:.0f} MB){target}")
    if args.ocr_pages:
        smallest = min(args.docs.glob("*.txt"), key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
        print(f"\nOCR at 300 dpi: {ocr_seconds(args.ocr_pages, smallest):.1f} s a page ({args.ocr_pages} pages)")
    if args.profile:
        profile(docs, args.profile)


if __name__ == "__main__":
    main()
