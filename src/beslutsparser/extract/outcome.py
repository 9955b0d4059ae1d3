"""The outcome of a decision, and whether its § was adjusted at once.

:func:`classify_outcome` reads the text of the `beslut` section (and the § title) and returns
one of the contract's outcomes. Forms handled (cues in ``vocab/outcomes.toml``):

- Form `Ärendet bordläggs till sammanträdet den 25 september 2024.` → ``bordläggning``.
- Form `Ärendet återremitteras till stadsledningskontoret som får i uppdrag …` → ``återremiss``.
- Form `Den av Hans Arby väckta motionen avslås.`, `Yrkandet från SD avslås.` → ``avslag``.
- Form `Den av Daniel Augustsson väckta motionen bifalles.`, `Hemställan … tillstyrks.` → ``bifall``.
- Form `Den av Simona Mohamsson väckta motionen anses besvarad.` → ``besvarad`` (beyond the
  contract's list, which ends in "…": a motion answered is neither granted nor refused).
- Form `Kommunstyrelsen tillstyrker stadsledningskontorets förslag och föreslår att
  kommunfullmäktige beslutar:` → ``förslag till fullmäktige``.
- Form `Delårsrapport mars 2023 godkänns.` → ``godkännande``.
- Form `Detaljplan för … antas.`, `Reviderade bolagsordningar … fastställs.` → ``antagande``.
- Form `Regiondirektören får i uppdrag att …` → ``uppdrag``.
- Form `Antecknas.`, `Informationen antecknas.`, `… läggs till handlingarna.`, `… antecknas
  och förklaras fullgjort.` → ``läggs till handlingarna``.
- Form `Till ledamot i … utses Johan Fält (M).`, `… förordnas som politisk sekreterare`,
  `Kommunfullmäktige godkänner avsägelsen …` → ``val``.
- Form `Yttrande över remissen … antas som kommunstyrelsens svar.`, `… lämnar yttrande` →
  ``yttrande``.
- Form `Exploateringsnämnden bemyndigas att förvärva …`, `… delegeras till …` → ``delegation``.
- Form `Länsstyrelsens beslut antecknas.`, `Anmälningsärendena under paragraf 36 antecknas.`
  → ``anmälan``.
- Prefixes that name the proposal are no cue: `På förslag av Axel Josefson (M):`, `Enligt
  kommunstyrelsens förslag:`, `Enligt återremissyrkande från S, V och MP:`.

The first clause that holds a cue decides: `1. Den av … väckta motionen bifalles. 2. …
får i uppdrag …` → ``bifall``. The title decides where the text holds no cue (`Val av
justerare`) and overrides a weak outcome (`Anmälningsärenden` + `Antecknas.` → ``anmälan``), but
not one said in so many words (`Meddelanden` + `Meddelandena läggs till handlingarna.` → ``läggs
till handlingarna``).
No cue, or conflicting cues in one clause (`bifalls … avslås`) → ``None`` and a
``Warning(code="outcome-unclear")``.

:func:`is_immediately_adjusted`: `Paragrafen är omedelbart justerad`, `Paragrafen förklaras
omedelbart justerad`, `Beslutet justeras omedelbart`, `Paragrafen justeras omedelbart`,
`omedelbar justering`, `Protokollet under denna paragraf förklaras omedelbart justerat`; not
`Paragrafen är inte omedelbart justerad`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from beslutsparser.extract.scan import alternation, casefolded, finditer_at, first_words, word_starts
from beslutsparser.model import Warning
from beslutsparser.vocab import load

# How much of an unclear decision a warning quotes.
_EXCERPT = 80
# How much of a decision is searched for its first cue at a time.
_PIECE = 256
# How many of a cue's first letters choose the cues tried where it may begin.
_KEY = 2


@dataclass(frozen=True)
class _Vocab:
    """The compiled cues and tables of ``vocab/outcomes.toml``."""

    cues: regex.Pattern[str]
    cue_starts: tuple[str, ...]
    """The letters each cue begins with (case-folded): every match of ``cues`` begins with one."""
    cue_reach: int
    """The length of the longest of :attr:`cue_starts`."""
    by_key: dict[str, regex.Pattern[str]]
    """The cues by the first :data:`_KEY` letters of their literal starts (case-folded), each pattern
    with the groups of :attr:`cues` but only the cues that begin so (empty where a start is shorter):
    where a cue may begin only those can match, and their pattern fails several times faster."""
    outcome_of: dict[str, str]
    rank: dict[str, int]
    conflicts: frozenset[frozenset[str]]
    clause_end: regex.Pattern[str]
    titles: tuple[tuple[regex.Pattern[str], str], ...]
    overrides: frozenset[str]
    firm: frozenset[str]
    """The cue groups whose outcome no title overrides."""
    yielding: frozenset[str]
    """The cue groups a firm group in the same clause overrides (a subject named, not a decision)."""
    immediate: regex.Pattern[str]
    immediate_starts: tuple[str, ...]


_META = regex.compile(r"[\\()\[\]{}?*+|.^$\s]")


def _cue(fragment: str) -> str:
    """A cue fragment as a pattern: its spaces match any run of whitespace."""
    return "(?:" + fragment.replace(" ", r"\s+") + ")"


def _literal_start(fragment: str) -> str:
    """The letters every match of ``fragment`` begins with: `bordl(?:äggs|ades)` → `bordl`,
    `avslår?` → `avslå`."""
    cut = _META.search(fragment)
    end = cut.start() if cut else len(fragment)
    if cut is not None and fragment[end] in "?*{":
        end -= 1
    return fragment[:end]


def _whole_words(alternatives: str, fragments: list[str]) -> str:
    """``alternatives`` as whole words, behind a quick test of the fragments' literal starts
    (`(?=(?i:avslå|bordl|…))`), which rejects most word starts at once."""
    starts = [_literal_start(fragment) for fragment in fragments]
    quick = f"(?=(?i:{alternation(starts)}))" if all(starts) else ""
    # Every cue starts with a letter, so \b is its word start; it scans faster than (?<!\w).
    return rf"\b{quick}(?:{alternatives})(?!\w)"


def _cue_pattern(outcomes: list[dict[str, Any]], key: str | None = None) -> regex.Pattern[str]:
    """The cues as one pattern, a group an outcome (`o0`, `o1`, …); only those whose literal start
    begins with ``key`` (case-folded) where given."""
    kept = [
        [cue for cue in entry["cues"] if key is None or _literal_start(cue)[:_KEY].casefold() == key]
        for entry in outcomes
    ]
    groups = "|".join(f"(?P<o{i}>{'|'.join(map(_cue, cues))})" for i, cues in enumerate(kept) if cues)
    return regex.compile(_whole_words(groups, [cue for cues in kept for cue in cues]), regex.I)


@cache
def _vocab() -> _Vocab:
    data = load("outcomes")
    outcomes = data["outcomes"]
    adjustment = data["immediate_adjustment"]
    negation = rf"(?<!(?<!\w)(?:{alternation(adjustment['negations'])})\s+)"
    immediate = _whole_words("|".join(map(_cue, adjustment["cues"])), adjustment["cues"])
    cues = [cue for entry in outcomes for cue in entry["cues"]]
    starts = [_literal_start(cue) for cue in cues]
    cue_starts = first_words(starts) if all(starts) else ()
    keys = {start[:_KEY].casefold() for start in starts} if all(len(start) >= _KEY for start in starts) else set()
    return _Vocab(
        cues=_cue_pattern(outcomes),
        cue_starts=cue_starts,
        cue_reach=max(map(len, cue_starts), default=0),
        by_key={key: _cue_pattern(outcomes, key) for key in keys},
        outcome_of={f"o{i}": entry["value"] for i, entry in enumerate(outcomes)},
        rank={entry["value"]: entry["rank"] for entry in outcomes},
        conflicts=frozenset(frozenset(pair) for pair in data["conflicts"]["pairs"]),
        clause_end=regex.compile(data["clauses"]["end"]),
        titles=tuple((regex.compile(entry["cue"], regex.I), entry["outcome"]) for entry in data["titles"]["cues"]),
        overrides=frozenset(data["titles"]["overrides"]),
        firm=frozenset(f"o{i}" for i, entry in enumerate(outcomes) if entry.get("firm")),
        yielding=frozenset(f"o{i}" for i, entry in enumerate(outcomes) if entry.get("yields_to_firm")),
        immediate=regex.compile(negation + immediate, regex.I),
        immediate_starts=tuple(_literal_start(cue).casefold() for cue in adjustment["cues"]),
    )


def _cue_starts(text: str, low: int, high: int) -> list[int] | None:
    """Where a cue may begin in ``text[low:high]`` (one that runs on past ``high`` too): the offsets
    of the cues' first letters, which one pass finds many times faster than the engine's scan for
    them; None where that cannot tell (then anywhere)."""
    vocab = _vocab()
    if not vocab.cue_starts:
        return None
    reach = min(len(text), high + vocab.cue_reach)
    starts = word_starts(text, low, reach, vocab.cue_starts, indexed=False)
    return None if starts is None else starts[: bisect_left(starts, high)]


def _cue_matches(text: str, low: int, high: int, starts: list[int] | None) -> Iterator[regex.Match[str]]:
    """:func:`finditer_at` for the cues, each start tried only with the cues that begin with its letters."""
    vocab = _vocab()
    folded = casefolded(text) if starts is not None and vocab.by_key else None
    narrowed = None if folded is None else lambda at: vocab.by_key.get(folded[at : at + _KEY], vocab.cues)
    return finditer_at(vocab.cues, text, low, high, starts, narrowed)


def _from_text(text: str) -> tuple[str | None, bool, bool]:
    """The outcome the first cue-bearing clause of ``text`` gives, whether it is conflicting, and
    whether it is firm (said so that no title overrides it)."""
    vocab = _vocab()
    # The first cue mostly stands in the first lines: the text is read a piece at a time up to it,
    # and past its clause not at all.
    first, high = None, 0
    for low in range(0, len(text), _PIECE):
        high = low + _PIECE
        starts = _cue_starts(text, low, high)
        first = next(_cue_matches(text, low, len(text), starts), None)
        if first is not None or starts is None:
            break
    if first is None:
        return None, False, False
    clause_end = vocab.clause_end.search(text, first.end())
    stop = clause_end.start() if clause_end is not None else len(text)
    # The scan goes on after the first cue (it would find that one again) to the clause's end, mostly
    # within the piece read already.
    if starts is not None and stop <= high:
        starts = starts[bisect_left(starts, first.end()) : bisect_left(starts, stop)]
    else:
        starts = _cue_starts(text, first.end(), stop)
    later = _cue_matches(text, first.end(), stop, starts)
    groups = [first.lastgroup or "", *(match.lastgroup or "" for match in later)]
    if not vocab.firm.isdisjoint(groups):
        groups = [group for group in groups if group not in vocab.yielding]
    best = min(vocab.rank[vocab.outcome_of[group]] for group in groups)
    tied = [group for group in groups if vocab.rank[vocab.outcome_of[group]] == best]
    winner = vocab.outcome_of[tied[0]]
    conflicting = any(frozenset((winner, vocab.outcome_of[other])) in vocab.conflicts for other in tied[1:])
    return winner, conflicting, tied[0] in vocab.firm


def _from_title(title: str) -> str | None:
    stripped = title.strip()
    if not stripped:
        return None
    return next((outcome for cue, outcome in _vocab().titles if cue.search(stripped)), None)


def classify_outcome(decision_text: str, title: str = "") -> tuple[str | None, list[Warning]]:
    """The outcome of a decision from its `beslut` text and its title, with a warning where
    none can be told; see the module docstring for the forms."""
    outcome, conflicting, firm = _from_text(decision_text)
    if conflicting:
        return None, [_unclear("conflicting outcomes in", decision_text)]
    # The title is read only where it may decide: most outcomes stand whatever the title says.
    if (outcome is None or (outcome in _vocab().overrides and not firm)) and (from_title := _from_title(title)):
        return from_title, []
    if outcome is None:
        return None, [_unclear("no outcome in", decision_text)]
    return outcome, []


def _unclear(reason: str, decision_text: str) -> Warning:
    excerpt = " ".join(decision_text[: _EXCERPT * 2].split())[:_EXCERPT]
    return Warning(code="outcome-unclear", message=f"{reason}: {excerpt!r}")


def is_immediately_adjusted(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` says its § (or decision) was adjusted at once."""
    vocab = _vocab()
    end = len(text) if end is None else end
    # Every match begins with a cue's literal start: the document's word index finds those many times
    # faster than the pattern scans for them, and most §§ hold none.
    starts = word_starts(text, start, end, vocab.immediate_starts) if all(vocab.immediate_starts) else None
    if starts == []:
        return False
    part = text[start:end]
    shifted = None if starts is None else [at - start for at in starts]
    return next(finditer_at(vocab.immediate, part, 0, len(part), shifted), None) is not None
