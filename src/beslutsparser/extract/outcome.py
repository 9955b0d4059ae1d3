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

from dataclasses import dataclass
from functools import cache

import regex

from beslutsparser.extract.scan import alternation, finditer_at, first_words, may_hold, word_starts
from beslutsparser.model import Warning
from beslutsparser.vocab import load

# How much of an unclear decision a warning quotes.
_EXCERPT = 80


@dataclass(frozen=True)
class _Vocab:
    """The compiled cues and tables of ``vocab/outcomes.toml``."""

    cues: regex.Pattern[str]
    cue_starts: tuple[str, ...]
    """The letters each cue begins with (case-folded): every match of ``cues`` begins with one."""
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


@cache
def _vocab() -> _Vocab:
    data = load("outcomes")
    outcomes = data["outcomes"]
    groups = "|".join(f"(?P<o{i}>{'|'.join(map(_cue, entry['cues']))})" for i, entry in enumerate(outcomes))
    adjustment = data["immediate_adjustment"]
    negation = rf"(?<!(?<!\w)(?:{alternation(adjustment['negations'])})\s+)"
    immediate = _whole_words("|".join(map(_cue, adjustment["cues"])), adjustment["cues"])
    cues = [cue for entry in outcomes for cue in entry["cues"]]
    starts = [_literal_start(cue) for cue in cues]
    return _Vocab(
        cues=regex.compile(_whole_words(groups, cues), regex.I),
        cue_starts=first_words(starts) if all(starts) else (),
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


def _from_text(text: str) -> tuple[str | None, bool, bool]:
    """The outcome the first cue-bearing clause of ``text`` gives, whether it is conflicting, and
    whether it is firm (said so that no title overrides it)."""
    vocab = _vocab()
    # The cues are tried only where their first letters stand, which one pass finds many times faster
    # than the engine's scan for them (None: anywhere).
    starts = word_starts(text, 0, len(text), vocab.cue_starts, indexed=False) if vocab.cue_starts else None
    first = next(finditer_at(vocab.cues, text, 0, len(text), starts), None)
    if first is None:
        return None, False, False
    clause_end = vocab.clause_end.search(text, first.end())
    stop = clause_end.start() if clause_end is not None else len(text)
    # The scan goes on after the first cue: it would find that one again.
    later = finditer_at(vocab.cues, text, first.end(), stop, starts)
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
    from_title = _from_title(title)
    if from_title is not None and (outcome is None or (outcome in _vocab().overrides and not firm)):
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
    # Every match begins with a cue's literal start: a plain search for them in the case-folded text
    # rules most §§ out many times faster than the pattern scans them.
    if all(vocab.immediate_starts) and not may_hold(text, start, end, vocab.immediate_starts):
        return False
    return vocab.immediate.search(text[start:end]) is not None
