"""Page furniture found by repetition: running heads and footers of a multi-page document.

A line that stands in the top or bottom ``band`` lines of at least half the
pages (and of three pages or more) is furniture, whatever its words: a
running head (``SAMMANTRÄDESPROTOKOLL``, ``Kommunstyrelsen``,
``Sammanträdesdatum 2021-03-15``), a footer (``Justerandes sign
Utdragsbestyrkande``), a page number (``3 (12)``, ``Sida 3 av 12``,
``1[25]``). Lines are compared with digits masked (every digit run is one
``#``) and blanks collapsed, so ``3 (12)`` and ``4 (12)`` are one line.

Guards against body lines that happen to repeat near the page edges:

- the masked line must stand at the same band slot (n-th line from the top,
  or from the bottom) on those pages, as printed furniture does;
- among its occurrences at most one digit run may vary (the page number):
  ``§ 5 Ärendenummer SLK-2023-00629`` at the top of every page varies in two
  (§ number and serial) and is kept;
- a line starting with ``§`` is never furniture (``§ 17`` alone on a line).
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import islice

import regex

_DIGITS = regex.compile(r"\d+")
_BLANKS = regex.compile(r"\s+")
MIN_PAGES = 3
SHARE = 0.5


def _key(line: str) -> str:
    return _BLANKS.sub(" ", _DIGITS.sub("#", line)).strip()


def _band(page: str, band: int) -> list[tuple[int, str]]:
    """``(slot, line)`` for the first and last ``band`` non-blank lines of ``page``, stripped; slots
    0.. from the top, -1.. from the bottom (a page this short has lines in both)."""
    lines = page.splitlines()
    slots = list(enumerate(islice(filter(None, map(str.strip, lines)), band)))
    slots += [(-1 - i, line) for i, line in enumerate(islice(filter(None, map(str.strip, reversed(lines))), band))]
    return slots


def _one_varying_number(lines: set[str]) -> bool:
    """Whether the lines (one masked form) differ in at most one digit run."""
    numbers = [tuple(_DIGITS.findall(line)) for line in lines]
    return sum(len({n[i] for n in numbers}) > 1 for i in range(len(numbers[0]))) <= 1


def repeated_band_lines(pages: list[str], band: int = 4) -> set[str]:
    """Lines that repeat in the top/bottom ``band`` non-blank lines of ≥ 50 % of the pages (≥ 3 pages).

    Returns the lines as they stand on the pages (stripped), every variant
    seen in a band: ``{"3 (12)", "4 (12)", …, "Justerandes sign Utdragsbestyrkande"}``.
    Fewer than three pages give an empty set.
    """
    if len(pages) < MIN_PAGES:
        return set()
    need = max(MIN_PAGES, math.ceil(len(pages) * SHARE))
    slot_pages: defaultdict[tuple[int, str], set[int]] = defaultdict(set)
    variants: defaultdict[str, set[str]] = defaultdict(set)
    for number, page in enumerate(pages):
        for slot, line in _band(page, band):
            key = _key(line)
            if key.startswith("§"):
                continue
            slot_pages[(slot, key)].add(number)
            variants[key].add(line)
    keys = {key for (_, key), seen in slot_pages.items() if len(seen) >= need}
    return {line for key in keys if _one_varying_number(variants[key]) for line in variants[key]}
