"""Section headings: which kind a heading line names (from ``vocab/headings.toml``).

Forms handled (any case, optional trailing colon):
- the fixed headings of CONTRACT.md: "Beslut", "Expedieras till", "Protokollsutdrag
  skickas till", "Beslutsunderlag", "Handlingar", "Propositionsordning", "Huvudvotering";
- headings that carry an organ: "Kommunstyrelsens beslut", "Nämndens beslut",
  "Arbetsutskottets förslag till kommunstyrelsen", "Förvaltningens förslag till beslut";
- inline headings: "Beslut: Kommunstyrelsen beslutar …", "Expedieras till: Ekonomikontoret".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

import regex

from . import vocab

_TRAIL = regex.compile(r"[\s:]+$")


@cache
def _pattern() -> regex.Pattern[str]:
    """All heading forms in one alternation; the group that matched names the kind."""
    data = vocab.load("headings")
    organ = data["organ_genitive"]
    groups = []
    for kind, forms in data["kinds"].items():
        body = "|".join(f"(?:{form.replace('ORGAN', organ)})" for form in forms)
        groups.append(f"(?P<{kind}>{body})")
    return regex.compile("|".join(groups), regex.IGNORECASE)


@cache
def _inline() -> regex.Pattern[str]:
    """``Heading: text`` on one line, for the fixed (organ-free) headings only."""
    data = vocab.load("headings")
    forms = [f for fs in data["kinds"].values() for f in fs if "ORGAN" not in f]
    forms.sort(key=len, reverse=True)
    return regex.compile(rf"(?i:{'|'.join(forms)})\s*:\s+(?=\S)")


@lru_cache(maxsize=65536)
def heading_kind(line: str) -> str | None:
    """The section kind a whole line names as a heading, or ``None``."""
    stripped = line.strip()
    if not stripped[:1].isupper():  # most lines: tested before the regex (the colon strip keeps this letter)
        return None
    stripped = _TRAIL.sub("", stripped)
    if len(stripped) > 80:
        return None
    m = _pattern().fullmatch(stripped)
    if m:
        return m.lastgroup
    left, dash, _ = stripped.partition(" - ") if " - " in stripped else stripped.partition(" – ")
    return heading_kind(left) if dash else None  # "Omröstning - Huvudvotering"


@lru_cache(maxsize=65536)
def inline_heading(line: str) -> tuple[str, int] | None:
    """For "Beslut: text", the kind and the offset in ``line`` where the text begins."""
    if ":" not in line:
        return None  # the cheap test for most lines
    stripped = line.lstrip()
    m = _inline().match(stripped)
    if not m:
        return None
    head = stripped[: m.end()]
    kind = heading_kind(head)
    if kind is None:
        return None
    return kind, len(line) - len(stripped) + m.end()


@cache
def list_kinds() -> frozenset[str]:
    """Kinds whose body is a list of items (recipients, documents)."""
    return frozenset(vocab.load("headings")["lists"]["kinds"])


def line_matches(pattern: regex.Pattern[str], hint: regex.Pattern[str], text: str,
                 pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a ``(?m)^…$`` pattern of one line whose matches hold
    a match of ``hint``: only the lines where ``hint`` is found are tried.

    The regex module finds a literal ``hint`` fast but tries a ``^``-anchored pattern at every position.
    """
    end = len(text) if endpos is None else endpos
    at = pos
    while (h := hint.search(text, at, end)) is not None:
        line_start = text.rfind("\n", 0, h.start()) + 1
        if line_start >= pos and (m := pattern.match(text, line_start, end)) is not None:
            yield m
        line_end = text.find("\n", h.start())
        if line_end < 0:
            return
        at = line_end + 1


@cache
def _roll_call_title() -> regex.Pattern[str]:
    sheet = vocab.load("votes")["votes"]["roll_call"]
    titles = "|".join(regex.escape(t) for t in sheet["titles"])
    numbers = "|".join(regex.escape(n) for n in sheet["numbers"])
    return regex.compile(rf"(?i)[ \t]*(?:{titles})\.?[ \t]*(?:(?:{numbers})\.?[ \t]*)?\d{{0,3}}[ \t]*")


@lru_cache(maxsize=65536)
def is_roll_call_title(line: str) -> bool:
    """A line that opens a roll-call sheet: "Omröstningslista nr. 1", "Voteringslista 2"."""
    return bool(_roll_call_title().fullmatch(line))


@cache
def _roll_call_line() -> regex.Pattern[str]:
    return regex.compile(rf"(?m)^(?:{_roll_call_title().pattern})$")


@cache
def _roll_call_hints() -> tuple[regex.Pattern[str], ...]:
    # one search a title: the regex module finds a single literal fast, an alternation of them slowly
    titles = vocab.load("votes")["votes"]["roll_call"]["titles"]
    return tuple(regex.compile(rf"(?i){regex.escape(t)}") for t in titles)


def find_roll_call_title(text: str, pos: int = 0) -> int | None:
    """Where the first roll-call sheet title line at or after ``pos`` begins, if any."""
    firsts = (next(line_matches(_roll_call_line(), hint, text, pos), None) for hint in _roll_call_hints())
    return min((m.start() for m in firsts if m is not None), default=None)
