"""Yrkanden: who moved what, one :class:`Motion` a mover.

Forms handled (vocabulary in ``vocab/votes.toml``, ``[motions]``):

- Form `Rasmus Ragnarsson (SD) yrkar bifall till motionen.` → kind ``bifall``, text `bifall till
  motionen`.
- Form `Patrik Höstmad (D), Grith Fjeldmose (V) och Blerta Hoti (S) yrkar bifall till
  kommunstyrelsens förslag.` → one motion each; names may break over lines (`Viktoria` ⏎
  `Tryggvadottir Rolka (S)`), roles are dropped (`Ordföranden Jonas Attenius (S) och …`).
- Form `Vidare yrkar Karin Pleijel (MP) avslag på yrkande från SD den 21 augusti 2024.` (the mover
  after the verb) → ``avslag``.
- Form `Jörgen Fogelklou (SD) yrkar att ärendet ska återremitteras till kommunstyrelsen …` →
  ``återremiss``; `yrkar att ärendet ska bordläggas` → ``bordläggning``.
- Form `… yrkar i första hand att ärendet ska återremitteras … och i andra hand bifall till
  motionen.` → two motions a mover, each text starting with its rank.
- Form `X (M) yrkar bifall till tilläggsyrkandet från SD` → ``tillägg``; `lämnar följande
  tilläggsyrkande: …` → ``tillägg``; `ändringsyrkande` → ``ändring``.
- Form `Y (L) instämmer i X:s yrkande.` → ``instämmer``, text `instämmer i X:s yrkande`.
- Form `Bifall till förslaget yrkas av X (M).` (passive) → ``bifall``.
- Form `Ledamöterna från M yrkar …`, `Representanterna från S, V och MP yrkar …` → one motion a
  party, ``name`` None.
- Form `Yrkande från SD:` ⏎ `…` (a label line, colon or line end after the party list) → one
  motion a party, ``name`` None, text the lines after it.

A claim that fits none of the listed beginnings has kind ``annat`` (`yrkar att motionen ska anses
besvarad`). A sentence whose mover is neither named with a party nor a party group is skipped
(`Ordföranden yrkar …` without a name).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.namelist import (
    Mention,
    Scanned,
    chain_after,
    chain_before,
    collapse,
    data,
    find_mentions,
    party_list,
    sentences_of,
    trim,
    words,
)
from beslutsparser.extract.scan import first_words, may_hold
from beslutsparser.model import Motion, Span


@dataclass(frozen=True)
class _Vocab:
    verb: Scanned
    label: Scanned
    label_word: str  # every label holds it, written so (the label is looked for only where it stands)
    rank: regex.Pattern[str]
    rank_words: tuple[str, ...]  # casefolded: every rank holds one (its last word)
    joiner: regex.Pattern[str]
    kinds: dict[str, list[tuple[str, str]]]  # first kind_key letters -> (casefolded beginning, kind), longest first
    kind_key: int  # the shortest beginning's length: a claim's first letters pick the beginnings it may have


@cache
def _vocab() -> _Vocab:
    vocab = data()["motions"]
    nouns = words(vocab["nouns"])
    articles = r"(?:(?:ett|en|följande|sitt|sina|ett\s+eget|nytt)\s+)?"
    verb = (
        rf"(?<![\w-])(?:(?P<active>{words(vocab['verbs'])})"
        rf"|(?P<passive>{words(vocab['passive'])})"
        rf"|(?P<concur>{words(vocab['concur'])})"
        rf"|(?P<submit>{words(vocab['submit'])})\s+{articles}(?P<noun>{nouns}))(?![\w-])"
    )
    label_word = "från"
    label = rf"(?m)^[ \t]*(?P<noun>(?i:{nouns}))\s+{label_word}\s+(?P<list>[^\n:]+?)[ \t]*(?::|$)"
    kinds = [(collapse(start).casefold(), kind) for kind, starts in vocab["kinds"].items() for start in starts]
    kinds.sort(key=lambda pair: len(pair[0]), reverse=True)
    kind_key = min(len(start) for start, _ in kinds)
    by_key: dict[str, list[tuple[str, str]]] = {}
    for start, kind in kinds:
        by_key.setdefault(start[:kind_key], []).append((start, kind))
    return _Vocab(
        verb=Scanned(
            regex.compile(rf"(?i:{verb})"),
            first_words([*vocab["verbs"], *vocab["passive"], *vocab["concur"], *vocab["submit"]]),
            bounded=True,
        ),
        label=Scanned(regex.compile(label), first_words(vocab["nouns"]), line_start=True),
        label_word=label_word,
        rank=regex.compile(rf"(?<![\w-])(?i:{words(vocab['ranks'])})(?![\w-])"),
        rank_words=tuple({rank.split()[-1].casefold() for rank in vocab["ranks"]}),
        joiner=regex.compile(r"[\s,;]*(?:(?:och|samt|,)\s*)?\Z"),
        kinds=by_key,
        kind_key=kind_key,
    )


@dataclass(frozen=True)
class _Found:
    """A verb with its movers, before the claim's end is known."""

    lead: int  # where the movers (or, passive, the sentence) begin
    movers: list[Mention]
    claim_start: int
    kind: str | None  # fixed by the verb (concurring, a named motion noun), else from the claim
    verb_at: int
    passive: bool = False


def motion_kind(claim: str) -> str:
    """The kind of a claim by its beginning: `avslag på …` → ``avslag``; unknown → ``annat``."""
    vocab = _vocab()
    written = collapse(claim)
    folded = written.casefold()
    # Every rank holds a word of rank_words: the slower pattern is tried only where one stands.
    if any(word in folded for word in vocab.rank_words):
        folded = vocab.rank.sub("", written, count=1).strip().casefold()
    for start, kind in vocab.kinds.get(folded[: vocab.kind_key], ()):
        if folded.startswith(start):
            return kind
    return "annat"


def _parts(text: str, start: int, end: int) -> list[Span]:
    """The ranked parts of a claim (`i första hand …`, `i andra hand …`), or the claim whole."""
    vocab = _vocab()
    if not may_hold(text, start, end, vocab.rank_words, indexed=False):
        return [trim(text, start, end)]  # no rank without its word: the slower scan is skipped
    ranks = [m.start() for m in vocab.rank.finditer(text, start, end)]
    if not ranks or text[start : ranks[0]].strip():
        return [trim(text, start, end)]
    out: list[Span] = []
    for i, part_start in enumerate(ranks):
        part_end = ranks[i + 1] if i + 1 < len(ranks) else end
        joiner = vocab.joiner.search(text, part_start, part_end)
        out.append(trim(text, part_start, joiner.start() if joiner else part_end))
    return out


def _clean(text: str, span: Span) -> str:
    return collapse(text[span[0] : span[1]]).rstrip(".")


def _motions(movers: list[Mention], text: str, claim: Span, kind: str | None, span: Span) -> list[Motion]:
    out: list[Motion] = []
    for part in _parts(text, *claim):
        written = _clean(text, part)
        part_kind = kind or motion_kind(written)
        for mover in movers:
            for party in mover.parties:
                out.append(Motion(name=mover.name, party=party, text=written, span=span, kind=part_kind))
    return out


def find_motions(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None) -> list[Motion]:
    """The yrkanden in ``text[start:end]``, one :class:`Motion` a mover and ranked claim.

    ``span`` covers the sentence (movers and claim); ``text`` is the claim as written, on one
    line, without the verb (`bifall till kommunstyrelsens förslag`) except for concurring and
    submitted motions (`instämmer i X:s yrkande`, `lämnar följande tilläggsyrkande: …`).
    """
    stop = len(text) if end is None else min(end, len(text))
    if start >= stop:
        return []
    vocab = _vocab()
    verbs = list(vocab.verb.finditer(text, start, stop))
    if not verbs:  # only a label line can hold a yrkande (the common case, and cheap)
        return sorted(_labelled(text, start, stop), key=lambda motion: motion.span)
    mentions = find_mentions(text, start, stop)
    sentences = sentences_of(text, start, stop)
    found: list[_Found] = []
    for match in verbs:
        sentence_start = sentences.start_of(match.start())
        if match["passive"]:
            movers = chain_after(text, mentions, match.end(), sentences.end_of(match.end()))
            if movers:
                found.append(_Found(sentence_start, movers, sentence_start, None, match.start(), passive=True))
            continue
        movers = chain_before(text, mentions, match.start(), sentence_start)
        claim_start = match.end() if match["active"] else match.start()
        if not movers and match["active"]:
            movers = chain_after(text, mentions, match.end(), sentences.end_of(match.end()))
            if movers:
                claim_start = movers[-1].span[1]
                movers = [replace(movers[0], lead=sentence_start), *movers[1:]]
        if not movers:
            continue
        kind = None
        if match["submit"]:
            noun_kind = motion_kind(match["noun"])
            kind = noun_kind if noun_kind != "annat" else None
        elif match["concur"]:
            kind = "instämmer"
        found.append(_Found(min(m.lead for m in movers), movers, claim_start, kind, match.start()))
    motions: list[Motion] = []
    for i, item in enumerate(found):
        sentence_end = sentences.end_of(max(item.claim_start, item.verb_at))
        if item.passive:
            claim: Span = (item.claim_start, item.verb_at)
            span = trim(text, item.lead, sentence_end)
        else:
            claim_end = sentence_end
            if i + 1 < len(found) and found[i + 1].lead > item.verb_at:
                claim_end = min(claim_end, found[i + 1].lead)
            claim = (item.claim_start, claim_end)
            span = trim(text, item.lead, claim_end)
        motions.extend(_motions(item.movers, text, claim, item.kind, span))
    motions.extend(_labelled(text, start, stop))
    motions.sort(key=lambda motion: motion.span)
    return motions


def _labelled(text: str, start: int, stop: int) -> list[Motion]:
    """`Yrkande från SD:` ⏎ `…`: a party group's motion under a label line."""
    out: list[Motion] = []
    vocab = _vocab()
    if text.find(vocab.label_word, start, stop) < 0:
        return out  # no label without its word: the slower scan for the label lines is skipped
    for match in vocab.label.finditer(text, start, stop):
        parties = party_list(text, match.start("list"), match.end("list"))
        if not parties:
            continue
        blank = text.find("\n\n", match.end() + 1, stop)
        claim = trim(text, match.end(), stop if blank == -1 else blank)
        if claim[0] >= claim[1]:
            continue
        noun_kind = motion_kind(match["noun"])
        group = Mention(None, tuple(parties), None, (match.start(), match.end()), match.start())
        kind = noun_kind if noun_kind != "annat" else None
        out.extend(_motions([group], text, claim, kind, trim(text, match.start(), claim[1])))
    return out
