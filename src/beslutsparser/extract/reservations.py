"""Reservationer, protokollsanteckningar, särskilda yttranden and jäv: one record a person or party.

Forms handled (vocabulary in ``vocab/votes.toml``, ``[reservations]``), ``kind`` in brackets:

- Form `Ledamöterna från SD reserverar sig mot beslutet till förmån för det egna yrkandet.`
  → ``name`` None, ``party`` ``SD`` [reservation]; `Ledamöterna från M, D, L och KD reserverar
  sig …` → one record a party.
- Form `Jörgen Fogelklou (SD) reserverar sig mot beslutet.`, `Axel Josefson (M), Hampus Magnusson
  (M) … och tjänstgörande ersättaren Nina Miskovsky (M) reserverar sig …` → one record a person;
  `Mot beslutet reserverar sig X (M)` (the person after the verb); `Reservation anmäls av X (M)`.
- Form `Ledamöterna från L reserverar sig mot beslutet i enlighet med följande: Vi i Liberalerna
  reserverar oss …` → the written reservation is part of the record's text, up to the next record.
- Form `Reservation: FP, M, C, KD.` → one record a party; `Reservation: X (M)` → one a person;
  `Protokollsanteckning: Nämnden noterar …` → one record, no name or party, the note as text.
- Form `Jörgen Fogelklou (SD) antecknar som yttrande en skrivelse från den 11 mars 2025.`,
  `Representanterna från S, V och MP antecknar som yttrande …`, `Emmyly Bönfors (C) antecknar
  följande till protokollet: …`, `Ledamöterna från V lämnar en protokollsanteckning`
  [protokollsanteckning].
- Form `Martin Nilsson (S) lämnar särskilt yttrande.` [sarskilt_yttrande].
- Form `Marina Johansson (S) anmäler jäv under paragraf 313: …`, `Hampus Magnusson (M) deltar inte
  i handläggningen av ärendet på grund av jäv.` [jav].
- Form `Jörgen Fogelklou (SD) deltar inte i beslutet.` [deltar_inte]: not a reservation and not an
  abstention, but written under Protokollsanteckningar; kept so that it is not lost.
- Form `Emmyly Bönfors (C):` ⏎ `Centerpartiet hade …` (names, a colon, the statement) → the
  ``kind`` the caller passes (the kind of the section being read).

A party group's record is named by its party code (``name`` ``SD``, ``group`` true).
``text`` is the record's sentence as written, on one line (with a written statement that follows
a colon); ``span`` covers it. Sentences without a named person or party group are skipped.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.namelist import (
    Mention,
    Scanned,
    at_line_start,
    chain_after,
    chain_before,
    collapse,
    data,
    find_mentions,
    may_end_line_chain,
    party_list,
    phrases,
    sentences_of,
    trim,
    words,
)
from beslutsparser.extract.scan import finds, first_words, word_starts
from beslutsparser.model import Reservation, Span

_COLON = regex.compile(r"[ \t]*:")
_BLANKS = regex.compile(r"[ \t]*")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
# A verb phrase's first word this short (`är jävig`) is common: the phrase is looked for by its longest.
_SHORT = 4
# A line this short, capitalised and without a full stop, after a blank line, is the next heading.
_HEADING = regex.compile(r"\n[ \t]*\n[ \t]*\p{Lu}[^\n.:]{0,40}[ \t]*(?:\n|\Z)")


@dataclass(frozen=True)
class _Vocab:
    verb: Scanned
    verb_words: tuple[str, ...]  # casefolded: every verb phrase holds one (its first word, or its longest)
    label: Scanned
    kinds: dict[str, str]  # casefolded verb phrase or label -> kind


@cache
def _vocab() -> _Vocab:
    vocab = data()["reservations"]
    kinds = {collapse(k).casefold(): v for table in ("verbs", "passive", "labels") for k, v in vocab[table].items()}
    verb_phrases = [*vocab["verbs"], *vocab["passive"]]
    split = [phrase.split() for phrase in verb_phrases]
    verb = rf"(?<![\w-])(?:(?P<active>{phrases(vocab['verbs'])})|(?P<passive>{phrases(vocab['passive'])}))(?![\w-])"
    label = rf"^[ \t]*(?P<label>{words(vocab['labels'])})[ \t]*:[ \t]*"
    return _Vocab(
        verb=Scanned(regex.compile(verb, regex.I), first_words(verb_phrases), bounded=True),
        verb_words=first_words(max(parts, key=len) if len(parts[0]) < _SHORT else parts[0] for parts in split),
        label=Scanned(regex.compile(label, regex.I | regex.M), first_words(vocab["labels"]), line_start=True),
        kinds=kinds,
    )


@dataclass(frozen=True)
class _Found:
    lead: int
    people: list[Mention]
    kind: str
    sentence_end: int
    statement: bool  # a colon after the verb: a written statement follows


def find_reservations(
    text: str, start: int = 0, end: int | None = None, ctx: Context | None = None, kind: str = "reservation"
) -> list[Reservation]:
    """The reservations, protokollsanteckningar, särskilda yttranden and jäv in ``text[start:end]``.

    ``kind`` is given to statements introduced only by names and a colon (`Emmyly Bönfors (C):`);
    every other form says its own kind.
    """
    stop = len(text) if end is None else min(end, len(text))
    if start >= stop:
        return []
    vocab = _vocab()
    verbs = _verbs(text, start, stop)
    if not verbs and not _may_hold_verbless(text, start, stop):
        return []  # no verb, label or colon after a name: nothing to read (the common case, and cheap)
    mentions = find_mentions(text, start, stop)
    sentences = sentences_of(text, start, stop)
    found: list[_Found] = []
    for match in verbs:
        sentence_start, sentence_end = sentences.start_of(match.start()), sentences.end_of(match.end())
        record_kind = vocab.kinds[collapse(match[0]).casefold()]
        people = [] if match["passive"] else chain_before(text, mentions, match.start(), sentence_start)
        lead = min((m.lead for m in people), default=sentence_start)
        if not people:
            people = chain_after(text, mentions, match.end(), sentence_end)
            lead = sentence_start
        if people:
            statement = ":" in text[match.end() : sentence_end]
            found.append(_Found(lead, people, record_kind, sentence_end, statement))
    found += _introduced(text, start, stop, mentions, kind)
    found.sort(key=lambda item: item.lead)
    out: list[Reservation] = []
    for i, item in enumerate(found):
        following = found[i + 1].lead if i + 1 < len(found) and found[i + 1].lead > item.lead else stop
        record_end = _statement_end(text, item.sentence_end, following) if item.statement else item.sentence_end
        out.extend(_records(text, item.people, item.kind, trim(text, item.lead, min(record_end, following))))
    out += _labelled(text, start, stop, mentions)
    out.sort(key=lambda record: record.span)
    return out


def statement_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The ``(start, stop, kind)`` of ``spans`` (a §'s sections) that may hold a statement: a verb, a
    label or a colon after a name. Cheap, and none for most §§: their sections need no reading."""
    if not spans:
        return []
    low, high = min(a for a, _, _ in spans), max(b for _, b, _ in spans)
    # Where a verb's word (see verb_words) stands and where the colons do, looked up once for all the sections.
    held = word_starts(text, low, high, _vocab().verb_words)
    limit = _BLANKS.match(text, high).end() + 1
    colons = list(finds(text, ":", low, limit))
    if held == [] and not colons:
        return []  # most §§: no section is looked at
    return [span for span in spans if _may_hold(text, span[0], span[1], held, colons)]


def _may_hold(text: str, start: int, stop: int, held: list[int] | None, colons: list[int]) -> bool:
    """Whether ``text[start:stop]`` may hold a statement, ``held`` holding every offset where a word
    of ``verb_words`` begins there (and maybe others; None: any offset), ``colons`` every colon up to
    the one :func:`_after_names` reads past ``stop``."""
    # A verb's word stands inside it: where none begins in the range, no verb is tried.
    may_verb = held is None or bisect.bisect_left(held, start) < bisect.bisect_left(held, stop)
    if may_verb and _verbs(text, start, stop):
        return True
    # A statement without a verb has a colon (after its label or its names): without one, none is read.
    i = bisect.bisect_left(colons, start)
    if i == len(colons) or (colons[i] >= stop and colons[i] > _BLANKS.match(text, stop).end()):
        return False
    return _may_hold_verbless(text, start, stop)


@lru_cache(maxsize=16)
def _verbs(text: str, start: int, stop: int) -> tuple[regex.Match[str], ...]:
    """The verb phrases in ``text[start:stop]``, remembered: statement_spans and then
    find_reservations read the same section."""
    return tuple(_vocab().verb.finditer(text, start, stop))


@lru_cache(maxsize=16)
def _may_hold_verbless(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]`` may hold a statement without a verb: a label or a colon after a name
    (remembered, as :func:`_verbs`)."""
    return next(_labels(text, start, stop), None) is not None or _after_names(text, start, stop)


def _labels(text: str, start: int, stop: int) -> Iterator[regex.Match[str]]:
    """The label lines (`Reservation:`) in ``text[start:stop]``."""
    if text.find(":", start, stop) < 0:
        return iter(())  # every label ends with a colon: without one, the slower scan is skipped
    return _vocab().label.finditer(text, start, stop)


def _after_names(text: str, start: int, stop: int) -> bool:
    """Whether a colon that may follow a list of names at a line's start in ``text[start:stop]`` stands
    there or right after it (spaces and tabs between): where :func:`_introduced` finds a statement."""
    limit = _BLANKS.match(text, stop).end() + 1
    return any(may_end_line_chain(text, start, stop, colon) for colon in finds(text, ":", start, limit))


def _statement_end(text: str, sentence_end: int, following: int) -> int:
    """Where a written statement after a colon ends: the next record, or the next heading."""
    heading = _HEADING.search(text, sentence_end, following)
    return heading.start() if heading else following


def _records(text: str, people: list[Mention], kind: str, span: Span) -> list[Reservation]:
    written = collapse(text[span[0] : span[1]])
    return [
        Reservation(
            name=person.name or party, party=party, text=written, span=span, kind=kind, group=person.name is None
        )
        for person in people
        for party in person.parties
    ]


def _introduced(text: str, start: int, stop: int, mentions: list[Mention], kind: str) -> list[_Found]:
    """`Emmyly Bönfors (C):` ⏎ statement: names at a line's start, then a colon."""
    out: list[_Found] = []
    taken = start
    for mention in mentions:
        if mention.lead < taken:
            continue
        if not at_line_start(text, start, mention.lead):
            continue
        people = chain_after(text, mentions, mention.lead, stop)
        colon = _COLON.match(text, people[-1].span[1]) if people else None
        if colon is None:
            continue
        out.append(_Found(mention.lead, people, kind, colon.end(), statement=True))
        taken = colon.end()
    return out


def _labelled(text: str, start: int, stop: int, mentions: list[Mention]) -> list[Reservation]:
    """`Reservation: FP, M, C, KD.`, `Reservation: X (M)`, `Protokollsanteckning: text`."""
    vocab = _vocab()
    out: list[Reservation] = []
    for match in _labels(text, start, stop):
        line_end = text.find("\n", match.end(), stop)
        line_end = stop if line_end == -1 else line_end
        kind = vocab.kinds[collapse(match["label"]).casefold()]
        content = trim(text, match.end(), line_end)
        parties = party_list(text, content[0], content[1] - int(text[content[1] - 1 : content[1]] == "."))
        span = trim(text, match.start(), line_end)
        if parties:
            written = collapse(text[span[0] : span[1]])
            out += [Reservation(name=p, party=p, text=written, span=span, kind=kind, group=True) for p in parties]
            continue
        people = chain_after(text, mentions, match.end(), line_end)
        if people:
            out += _records(text, people, kind, span)
        elif content[0] < content[1]:  # the note itself, up to the paragraph's end
            blank = _BLANK_LINE.search(text, match.end(), stop)
            note = trim(text, match.start(), blank.start() if blank else stop)
            written = collapse(text[note[0] : note[1]])
            out.append(Reservation(name=None, party=None, text=written, span=note, kind=kind))
    return out
