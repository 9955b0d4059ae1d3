"""Lists under "Expedieras till" and "Beslutsunderlag": one item each.

Forms handled:
- one a line: "Protokollsutdrag skickas till" ⏎ "Länsstyrelsen" ⏎ "Valberedningen";
- bulleted: "- Tjänsteskrivelse Mål och prioriteringar …", "• Ekonomikontoret", "1. Protokoll";
- comma-joined on one line (recipients): "Ekonomikontoret, Kansliet och Miljö- och
  byggnämnden" → three items ("Miljö- och" is never split); two one-word names, "Ekonomienheten
  och Revisorerna" → two, but "Vård och omsorg" and "Arkivnämnden för Västra Götalandsregionen och
  Göteborgs Stad" stay one;
- semicolon-joined: "Tjänsteskrivelse 2021-03-01; Bilaga 1 Karta";
- items wrapped over lines: a line that starts in lower case continues the item above
  ("Protokollsutdrag från kommunfullmäktige den 7 december 2023 § 92 med tillhörande" ⏎
  "handlingar."), and so does a year after a month ("Yrkande från SD den 5 februari" ⏎ "2024.").
"""

from __future__ import annotations

import itertools
from functools import cache

import regex

from .. import vocab
from ..model import ListItem
from .namelist import collapse


@cache
def _bullet() -> regex.Pattern[str]:
    return regex.compile(rf"[ \t]*(?:{vocab.load('headings')['lists']['bullets']})[ \t]*")


_YEAR_START = regex.compile(r"\s*(?:19|20)\d{2}\b")
_COMMA = regex.compile(r",\s+(?![^()]*\))")
_AND = regex.compile(r"(?<![-–])\s+(?:och|samt)\s+(?=\p{Lu})")
# Two one-word recipients joined ("Ekonomienheten och Revisorerna"); a longer name keeps its "och"
# ("Arkivnämnden för Västra Götalandsregionen och Göteborgs Stad").
_PAIR = regex.compile(r"\s*\p{Lu}[\p{L}-]*\s+(?:och|samt)\s+\p{Lu}[\p{L}-]*\s*")
_SEMI = regex.compile(r";\s*")
_EDGE = " \t.;,"


@cache
def _month_end() -> regex.Pattern[str]:
    months = vocab.load("dates")["months"]
    names = "|".join(sorted({*months["names"], *months["abbreviations"]}, key=len, reverse=True))
    return regex.compile(rf"(?i)\b(?:{names})\.?\s*$")


def _year_goes_on(previous: str, line: str) -> bool:
    """A date broken before its year: "… den 5 februari" ⏎ "2024." continues the item above."""
    return bool(_YEAR_START.match(line)) and bool(_month_end().search(previous))


def _trimmed(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The span ``text[a:b]`` with its edges trimmed, none where nothing is left."""
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in " \t;,":
        b -= 1
    return [(a, b)] if b > a else []


def _parts(text: str, start: int, end: int, split: regex.Pattern[str] | None) -> list[tuple[int, int]]:
    """Spans of the pieces of text[start:end] separated by ``split``, edges trimmed."""
    if split is None:
        return _trimmed(text, start, end)  # most lines: one piece, no cuts to pair up
    cuts = [(start, start), *((m.start(), m.end()) for m in split.finditer(text, start, end)), (end, end)]
    return [span for (_, a), (b, _) in itertools.pairwise(cuts) for span in _trimmed(text, a, b)]


def split_list(text: str, start: int, end: int, *, commas: bool) -> list[ListItem]:
    """The items of a list section body ``text[start:end]``.

    ``commas`` splits one-line lists on commas and a final "och" (recipients);
    documents are split on lines, bullets and semicolons only.
    """
    spans: list[list[int]] = []  # [start, end] of each item so far
    pos = start
    for raw in text[start:end].split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        if not raw.strip():
            continue
        bullet = _bullet().match(text, a, b)
        if bullet:
            a = bullet.end()
        elif spans and (raw.lstrip()[:1].islower() or _year_goes_on(text[spans[-1][0] : spans[-1][1]], raw)):
            spans[-1][1] = b  # a wrapped item goes on
            continue
        spans.append([a, b])
    items: list[ListItem] = []
    for a, b in spans:
        line = text[a:b]
        pieces: list[tuple[int, int]]
        if commas and ("," in line or _PAIR.fullmatch(line)):
            pieces = []
            for pa, pb in _parts(text, a, b, _COMMA):
                last = _parts(text, pa, pb, _AND)
                pieces.extend(last)
        else:
            pieces = _parts(text, a, b, _SEMI if ";" in line else None)  # no finditer where it cannot match
        for pa, pb in pieces:
            value = collapse(text[pa:pb])
            if value:
                items.append(ListItem(text=value, span=(pa, pb)))
    return items
