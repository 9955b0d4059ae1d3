"""beslutsparser: Swedish municipal and regional meeting protocols into typed records.

>>> import beslutsparser
>>> record = beslutsparser.parse("protokoll.pdf")        # doctest: +SKIP
>>> record.decisions[0].title                             # doctest: +SKIP
>>> record.to_dict()                                      # the JSON shape of CONTRACT.md

Records are msgspec Structs (see :mod:`beslutsparser.model`).
"""

from __future__ import annotations

from .load import LoadError
from .model import (
    Actor,
    Attendee,
    Ballot,
    CaseNumber,
    DateMention,
    Decision,
    LawReference,
    ListItem,
    Meeting,
    Motion,
    Protocol,
    Reference,
    Reservation,
    Section,
    Source,
    Vote,
    Warning,
    json_schema,
)
from .pipeline import parse, parse_text

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Attendee",
    "Ballot",
    "CaseNumber",
    "DateMention",
    "Decision",
    "LawReference",
    "ListItem",
    "LoadError",
    "Meeting",
    "Motion",
    "Protocol",
    "Reference",
    "Reservation",
    "Section",
    "Source",
    "Vote",
    "Warning",
    "__version__",
    "json_schema",
    "parse",
    "parse_text",
]
