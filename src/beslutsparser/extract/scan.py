"""Helpers for extractors whose full grammar is too slow to run over a whole protocol.

Such an extractor scans for cheap anchors (`§`, `kap`, `lag`), opens a window around each
hit, and runs its full pattern only inside the merged windows. Lookbehinds still see the text
before a window, so a match inside a window is the match the full scan would have found.

A pattern whose every match begins with (or holds) a word of a vocabulary list, in any case,
need not scan at all: plain string search in the case-folded text finds the words many times
faster than the engine tries a case-insensitive alternation at every offset
(:func:`may_hold`, :func:`word_starts`, :func:`finditer_at`).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain

import ahocorasick
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
    return merged(
        (max(start, hit.start() - before), min(end, hit.end() + after))
        for anchor, before, after in anchors
        for hit in anchor.finditer(text, start, end)
    )


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` in order, those that overlap or touch merged into one."""
    out: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(high, out[-1][1]))
        else:
            out.append((low, high))
    return out


def casefolded(text: str) -> str | None:
    """``text`` case-folded, or None where folding changes its length ("İ" folds to two
    characters), so that offsets in the one would not be offsets in the other. A document's fold
    is kept apart from the short texts' (its §§, decisions), which would push it out before its
    index is built."""
    return _folded_long(text) if len(text) >= _INDEXED else _folded(text)


def _fold(text: str) -> str | None:
    """:func:`casefolded`, unremembered."""
    folded = text.casefold()
    return folded if len(folded) == len(text) else None


_folded = lru_cache(maxsize=8)(_fold)
_folded_long = lru_cache(maxsize=4)(_fold)


def first_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """The first word of each phrase, case-folded, once each and only where no shorter one begins it
    (`avst` finds `avstår` too): what :func:`word_starts` looks for."""
    found = dict.fromkeys(phrase.split()[0].casefold() for phrase in phrases if phrase.strip())
    return tuple(word for word in found if not any(word != other and word.startswith(other) for other in found))


def may_hold(text: str, start: int, end: int, words: tuple[str, ...], indexed: bool = True) -> bool:
    """Whether any of ``words`` (case-folded) may stand in ``text[start:end]``, in any case; False
    means a pattern whose every match holds one of them cannot match there. ``indexed`` as for
    :func:`word_starts`."""
    if indexed and len(text) >= _INDEXED:
        found = _index(text).offsets(words)
        return found is None or bisect_left(found, start) < bisect_left(found, end)
    folded = casefolded(text)
    return folded is None or any(folded.find(word, start, end) >= 0 for word in words)


def word_starts(
    text: str,
    start: int,
    end: int,
    words: tuple[str, ...],
    anchor: regex.Pattern[str] | None = None,
    indexed: bool = True,
) -> list[int] | None:
    """The sorted offsets in ``text[start:end]`` where any of ``words`` (case-folded) begins, in any
    case and also inside a longer word, or where ``anchor`` matches; None where :func:`casefolded`
    cannot tell. In a whole document a word may begin in the range and run past ``end``.

    ``indexed`` False searches ``text[start:end]`` where asked even in a whole document: for words
    asked of a few §§ only, which would swell the document's index with hits no one reads. Pass one
    long-lived tuple for each list (a vocabulary's, built once): the index knows a list it has merged
    by the tuple's identity, and merges an equal new tuple again."""
    if indexed and len(text) >= _INDEXED:
        found = _index(text).offsets(words)
        if found is None:
            return None
        starts = found[bisect_left(found, start) : bisect_left(found, end)]
    else:
        folded = casefolded(text)
        if folded is None:
            return None
        if len(words) > _FEW_WORDS:
            starts = sorted({last - back for last, back in _automaton(words).iter(folded, start, end)})
        else:
            starts = sorted({at for word in words for at in finds(folded, word, start, end)})
    if anchor is None:
        return starts
    hits = [m.start() for m in anchor.finditer(text, start, end, overlapped=True)]
    return sorted({*starts, *hits}) if hits else starts


# Up to this many words, a search for each is quicker than one pass of an automaton (measured).
_FEW_WORDS = 6


def finds(text: str, word: str, start: int, end: int) -> Iterator[int]:
    """Every offset in ``text[start:end]`` where ``word`` stands whole, in order (overlapping too)."""
    at = text.find(word, start, end)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, end)


@lru_cache(maxsize=64)
def _automaton(words: tuple[str, ...]) -> ahocorasick.Automaton:
    """An automaton that finds ``words`` in one pass; each word's value is ``len(word) - 1``."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word) - 1)
    automaton.make_automaton()
    return automaton


# A text at least this long (a document, not a line or a decision) has its trigger words found in
# one pass, once; a shorter one is searched where asked.
_INDEXED = 2048


_State = tuple[ahocorasick.Automaton, int, dict[str, int]]


class _Triggers:
    """Every trigger word the extractors have asked for, in one Aho–Corasick automaton: one pass
    over a case-folded document finds them all (plain search takes a pass a word, the regex engine
    a slow one for their alternation). A new word list makes a new automaton and a new version."""

    def __init__(self) -> None:
        self._lists: set[tuple[str, ...]] = set()
        self._words: set[str] = set()
        self._version = 0
        # The automaton, its version and its words' positions, replaced together; each word's value
        # is (its position, len(word) - 1).
        self._state: _State = (ahocorasick.Automaton(), 0, {})

    def current(self, words: tuple[str, ...]) -> _State:
        """The automaton that finds ``words``, built first where none does, with its version."""
        if words not in self._lists:
            with _LOCK:
                self._lists.add(words)
                if not self._words.issuperset(words):
                    self._words.update(words)
                    automaton = ahocorasick.Automaton()
                    positions = {word: at for at, word in enumerate(self._words)}
                    for word, at in positions.items():
                        automaton.add_word(word, (at, len(word) - 1))
                    automaton.make_automaton()
                    self._version += 1
                    self._state = (automaton, self._version, positions)
        return self._state


_TRIGGERS = _Triggers()
_LOCK = threading.Lock()


class _Index:
    """Where each trigger word begins in one document (case-folded), and the merged offsets of each
    word list asked of it: built once a document (again for a newer automaton), asked thousands of
    times (a list asked before costs one lookup, no version check)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # The automaton's version, its words' positions and each word's offsets (None: folding changes
        # the text's length), replaced together.
        self.hits: tuple[int, dict[str, int], list[list[int]] | None] = (-1, {}, None)
        # Each word list asked, by its id (hashing a tuple of words costs more than the rest of a
        # repeat request), with its merged offsets; the entry holds the list, so the id stays its own.
        # Stays true for a newer automaton.
        self.merged: dict[int, tuple[tuple[str, ...], list[int]]] = {}

    def offsets(self, words: tuple[str, ...]) -> list[int] | None:
        """Where any of ``words`` begins, in order; None where folding changes the text's length."""
        entry = self.merged.get(id(words))
        if entry is not None and entry[0] is words:
            return entry[1]
        state = _TRIGGERS.current(words)
        if state[1] != self.hits[0]:
            self.hits = self._pass(state)
        _, positions, by_word = self.hits
        if by_word is None:
            return None
        # Each word's offsets are sorted and distinct: the sort merges the runs (fast), and only words
        # that begin one another can begin at one offset.
        found = sorted(chain.from_iterable(by_word[positions[word]] for word in words))
        found = sorted(set(found)) if _nested(words) else found
        self.merged[id(words)] = (words, found)
        return found

    def _pass(self, state: _State) -> tuple[int, dict[str, int], list[list[int]] | None]:
        """One pass of the automaton over the case-folded text."""
        folded = casefolded(self.text)
        automaton, version, positions = state
        if folded is None:
            return version, positions, None
        by_word: list[list[int]] = [[] for _ in positions]
        if positions:  # an automaton without words (only an empty list asked yet) cannot pass
            for last, (at, back) in automaton.iter(folded):
                by_word[at].append(last - back)
        return version, positions, by_word


@lru_cache(maxsize=64)
def _nested(words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` begins another (or stands twice): they may then begin at one offset."""
    return any(i != j and other.startswith(word) for i, word in enumerate(words) for j, other in enumerate(words))


@lru_cache(maxsize=4)
def _index(text: str) -> _Index:
    """The index of a document, one a text (its pass runs when a word list is first asked of it)."""
    return _Index(text)


def finditer_at(
    pattern: regex.Pattern[str],
    text: str,
    start: int,
    end: int,
    starts: Iterable[int] | None,
    narrowed: Callable[[int], regex.Pattern[str]] | None = None,
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(text, start, end)``, the pattern tried only at ``starts``
    (sorted), which must hold every offset where a match can begin; all offsets where None.

    ``narrowed`` gives for an offset of ``starts`` a pattern that matches there as ``pattern`` does
    (the same groups) but holds only the branches that can begin there: it is tried instead."""
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = start
    for at in starts:
        if at >= pos and (match := (narrowed(at) if narrowed else pattern).match(text, at, end)) is not None:
            yield match
            pos = match.end()
