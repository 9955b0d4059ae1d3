"""Helpers for extractors whose full grammar is too slow to run over a whole protocol.

Such an extractor scans for a cheap anchor (`§`, `kap`, `lag`), opens a window around each
hit, and runs its full pattern only inside the merged windows. Lookbehinds still see the text
before a window, so a match inside a window is the match the full scan would have found.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (`"kap.|kap"`)."""
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


def either_case(word: str) -> str:
    """`beslut` → `[Bb]eslut`: a case-sensitive pattern (fast to scan) for either initial case."""
    return f"[{word[0].upper()}{word[0]}]{regex.escape(word[1:])}"


def windows(
    anchor: regex.Pattern[str], text: str, start: int, end: int, before: int, after: int
) -> list[tuple[int, int]]:
    """The merged windows ``[hit - before, hit + after]`` around the anchor hits in ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    for hit in anchor.finditer(text, start, end):
        low, high = max(start, hit.start() - before), min(end, hit.end() + after)
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], high)
        else:
            out.append((low, high))
    return out
