"""Actor stage throughput (words/s) and whole-pipeline throughput (pages/s).

    python benchmarks/bench_actors.py [--docs DIR] [--repeat 3]

The §§ of the documents in DIR (default: tests/fixtures/docs) are found once; then, median over repeats:
- actors, rules: :func:`find_actors` over every § with the rule pipeline alone (``blank_pipeline``);
- actors, rules + trained: the same with the shipped pipeline (``get_nlp``: tok2vec + ner + rules);
- pipeline: ``parse`` of every document (load → clean → segment → extract → assemble), pages/s.
Words are whitespace-separated tokens of the § texts. Single process, one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

import beslutsparser
from beslutsparser.extract.actors import blank_pipeline, find_actors, get_nlp
from beslutsparser.load import load

DEFAULT_DOCS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "docs"


def _timed(fn: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(p for p in args.docs.iterdir() if p.suffix in (".txt", ".pdf"))
    sections: list[tuple[str, int, int]] = []
    for path in paths:
        protocol = beslutsparser.parse(path)
        sections.extend(
            (protocol.text, d.title_span[0] if d.title_span else d.span[0], d.span[1]) for d in protocol.decisions
        )
    words = sum(len(text[start:end].split()) for text, start, end in sections)
    pages = sum(len(load(str(path)).pages) for path in paths)

    def actors(nlp: Language) -> Callable[[], None]:
        def run() -> None:
            for text, start, end in sections:
                find_actors(text, start, end, nlp=nlp)

        return run

    def pipeline() -> None:
        for path in paths:
            beslutsparser.parse(path)

    rules, full = blank_pipeline(), get_nlp()
    print(f"{len(paths)} documents, {len(sections)} §§, {words} words, {pages} pages; median of {args.repeat}")
    print(f"{'stage':<28}{'seconds':>10}{'rate':>16}")
    for name, nlp in (("actors, rules", rules), ("actors, rules + trained", full)):
        seconds = _timed(actors(nlp), args.repeat)
        print(f"{name:<28}{seconds:>10.3f}{words / seconds:>11.0f} w/s")
    seconds = _timed(pipeline, args.repeat)
    print(f"{'whole pipeline':<28}{seconds:>10.3f}{pages / seconds:>11.1f} p/s")


if __name__ == "__main__":
    main()
