"""Helpers for extractors whose full grammar is too slow to run over a whole protocol.

Such an extractor scans for cheap anchors (`§`, `kap`, `lag`), opens a window around each
hit, and runs its full pattern only inside the merged windows. Lookbehinds still see the text
before a window, so a match inside a window is the match the full scan would have found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex


def alternation(words: Iterable[str]) -> str:
    """A pattern for any of ``words`` literally, the longest where several match (`kap.` before
    `kap`). Written as a trie (`k(?:ap(?:\\.)?)`), which the engine scans much faster than a
    flat alternation of the words."""
    return _trie({word for word in words if word})


def _trie(words: set[str]) -> str:
    by_first: dict[str, set[str]] = {}
    for word in words:
        by_first.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first in sorted(by_first):
        tails = by_first[first]
        rest = {tail for tail in tails if tail}
        optional = "?" if "" in tails else ""
        branches.append(regex.escape(first) + (f"(?:{_trie(rest)}){optional}" if rest else ""))
    return "|".join(branches)


def either_case(word: str) -> str:
    """`beslut` → `[Bb]eslut`: a case-sensitive pattern (fast to scan) for either initial case."""
    return f"[{word[0].upper()}{word[0]}]{regex.escape(word[1:])}"


def both_cases(words: Iterable[str]) -> list[str]:
    """Each word as written and with a capital initial: `beslut` → `beslut`, `Beslut`."""
    return [form for word in words for form in (word, word[:1].upper() + word[1:])]


Anchor = tuple[regex.Pattern[str], int, int]
"""A cheap pattern, and how far before and after its hits the full grammar has to look."""


def word_anchors(words: Iterable[str], tail: str, before: int, after: int) -> tuple[Anchor, ...]:
    """Anchors for ``words`` followed by ``tail``, one pattern a first letter (`L(?:SS|OU)`):
    the engine scans fast for a pattern that starts with one literal character, slowly for one
    that starts with a choice of characters."""
    by_first: dict[str, set[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], set()).add(word)
    return tuple((regex.compile(f"(?:{alternation(group)}){tail}"), before, after) for group in by_first.values())


def windows(anchors: Sequence[Anchor], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The merged windows ``[hit - before, hit + after]`` around the hits of ``anchors`` in
    ``text[start:end]``. Several simple anchors scan faster than their alternation."""
    spans = sorted(
        (max(start, hit.start() - before), min(end, hit.end() + after))
        for anchor, before, after in anchors
        for hit in anchor.finditer(text, start, end)
    )
    out: list[tuple[int, int]] = []
    for low, high in spans:
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(high, out[-1][1]))
        else:
            out.append((low, high))
    return out
