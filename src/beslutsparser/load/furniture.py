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
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain, islice

import regex

_DIGITS = regex.compile(r"\d+")
_BLANKS = regex.compile(r"\s+")
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines breaks a line besides "\n"
MIN_PAGES = 3
SHARE = 0.5


def masked_keys(lines: list[str]) -> list[str]:
    """Each line (stripped, no line break in it) with digit runs masked and blanks collapsed: digits in
    one pass over the lines joined; blanks only in a line with other space than single " " (printable:
    no space but " "), as most have none and the test is quicker than the pattern."""
    masked = _DIGITS.sub("#", "\n".join(lines)).split("\n") if lines else []
    return [line if line.isprintable() and "  " not in line else _BLANKS.sub(" ", line) for line in masked]


def band_slots(top: Iterable[str], bottom: Iterable[str]) -> list[tuple[int, str]]:
    """``(slot, line)`` for a page's first non-blank lines ``top`` and last ones ``bottom`` (the last
    first), stripped: slots 0.. from the top, -1.. from the bottom (a page this short has lines in both)."""
    return [*enumerate(top), *((-1 - i, line) for i, line in enumerate(bottom))]


def _band(page: str, band: int) -> list[tuple[int, str]]:
    """The band slots of ``page``: its first and last ``band`` non-blank lines."""
    lines = page.splitlines()
    return band_slots(
        islice(filter(None, map(str.strip, lines)), band), islice(filter(None, map(str.strip, reversed(lines))), band)
    )


def breaks_at_newlines_only(text: str) -> bool:
    """Whether ``text`` breaks into lines only at "\\n" (``str.splitlines``, which this module reads
    pages with, breaks at more), so that lines split at "\\n" are the ones read here."""
    return not any(c in text for c in _OTHER_BREAKS)


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
    return repeated_in_bands([_band(page, band) for page in pages])


def repeated_in_bands(bands: list[list[tuple[int, str]]]) -> set[str]:
    """``repeated_band_lines`` for pages already read into their band slots (``band_slots``), one list a page."""
    if len(bands) < MIN_PAGES:
        return set()
    need = max(MIN_PAGES, math.ceil(len(bands) * SHARE))
    pairs = list(chain.from_iterable(bands))
    lines = list({line for _, line in pairs})  # running heads stand on every page
    masked = dict(zip(lines, masked_keys(lines), strict=True))
    # A page has one line in a slot, so the count of a (slot, key) is its number of pages.
    found = Counter((slot, masked[line]) for slot, line in pairs)
    keys = {key for (_, key), n in found.items() if n >= need and not key.startswith("§")}
    variants: defaultdict[str, set[str]] = defaultdict(set)
    for line, key in masked.items():
        if key in keys:
            variants[key].add(line)
    return {line for key in keys if _one_varying_number(variants[key]) for line in variants[key]}
