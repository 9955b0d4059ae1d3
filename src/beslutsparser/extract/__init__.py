"""Extractors: pure functions ``(text, start, end, ctx) -> list[record]``.

Each works on the cleaned text between ``start`` and ``end`` and returns
records whose spans are offsets into that same ``text``. None of them knows
about pages; the assembler maps spans to pages afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# How a parse finds actors: rules plus the trained spaCy component, the rules alone, or not at all.
ActorMode = Literal["model", "rules", "off"]


@dataclass(frozen=True)
class Context:
    """What an extractor may know beyond the text it reads.

    ``meeting_date`` resolves year-less dates; failing it, ``case_year`` (the
    year of the item's own diarienummer). ``abbreviations`` maps organ
    abbreviations defined or customary in this protocol (``KS``) to the organ
    in base form (``kommunstyrelsen``). ``organ`` is the meeting's organ.
    """

    meeting_date: date | None = None
    case_year: int | None = None
    organ: str | None = None
    abbreviations: Mapping[str, str] = field(default_factory=dict)
