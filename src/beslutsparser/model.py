"""The typed records of the output contract (``../shared/CONTRACT.md``).

Every record is a ``msgspec.Struct``; ``Protocol.to_dict()`` gives the JSON
shape, and :func:`json_schema` the JSON Schema shipped as
``beslutsparser/schema/protocol.schema.json``.

A ``span`` is ``[start, end]`` into ``Protocol.text`` (the cleaned text); the
assembler fills ``page`` (1-based) from the cleaner's offset map wherever the
source has pages.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]

SectionKind = Literal[
    "sammanfattning",
    "forslag_till_beslut",
    "yrkanden",
    "beslutsgang",
    "omrostning",
    "beslut",
    "reservationer",
    "protokollsanteckningar",
    "sarskilt_yttrande",
    "jav",
    "expedieras_till",
    "beslutsunderlag",
    "tidigare_behandling",
    "motivering",
    "overklagande",
    "ovrigt",
]
ActorKind = Literal["person", "organ", "role", "unit", "organisation"]
Precision = Literal["day", "month", "year", "week"]


class Record(msgspec.Struct, kw_only=True):
    """Base of every record: ``to_dict()`` gives plain JSON-ready builtins."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: only dicts, lists, str, int, float, bool and None."""
        out: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(self))
        return out


class Warning(Record):
    """Something doubtful, said out loud: ``{code, message, span?, page?}``."""

    code: str
    message: str
    span: Span | None = None
    page: int | None = None


class CaseNumber(Record):
    """A diarienummer as written (``text``) and normalised (``normalized``)."""

    text: str
    normalized: str
    span: Span
    page: int | None = None
    prefix: str | None = None
    year: int | None = None
    serial: str | None = None
    sub: str | None = None
    class_code: str | None = None


class DateMention(Record):
    """A date in the text; ``date`` only where the day is known."""

    text: str
    date: str | None
    precision: Precision
    span: Span
    page: int | None = None
    value: str | None = None
    end: str | None = None
    role: str | None = None


class Actor(Record):
    """A person, organ, role, unit or outside organisation, ``name`` in base form."""

    text: str
    kind: ActorKind
    name: str
    span: Span
    party: str | None = None
    page: int | None = None


class Motion(Record):
    """A yrkande: who moved what."""

    name: str | None
    party: str | None
    text: str
    span: Span
    kind: str | None = None
    page: int | None = None


class Ballot(Record):
    """One member's vote in a roll call.

    ``role`` in base form where the roll call says it (``tjänstgörande ersättare``,
    ``ordförande``); ``substitute_for`` the member a serving substitute replaced; ``span`` the
    name as written.
    """

    name: str
    party: str | None
    vote: Literal["ja", "nej", "avstår", "frånvarande"]
    role: str | None = None
    substitute_for: str | None = None
    span: Span | None = None
    page: int | None = None


class Vote(Record):
    """One omröstning."""

    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    yes_for: str | None
    no_for: str | None
    ballots: list[Ballot]
    span: Span
    text: str = ""
    page: int | None = None
    tie: bool = False
    casting_vote: str | None = None
    appendix: str | None = None


class Reservation(Record):
    """A reservation, protokollsanteckning, särskilt yttrande or jäv."""

    name: str | None
    party: str | None
    text: str
    span: Span
    kind: str = "reservation"
    group: bool = False  # by a party group ("Ledamöterna från SD …"): ``name`` is the party code
    page: int | None = None


class Reference(Record):
    """Another decision cited: ``Kommunfullmäktige beslutade 2020-10-26, § 88``.

    ``year`` is the decision's year, also where only the year is written (``KF § 47/2011``).
    """

    organ: str | None
    date: str | None
    paragraph: int | None
    text: str
    span: Span
    page: int | None = None
    year: int | None = None


class LawReference(Record):
    """A statute cited: ``6 kap. 37 § kommunallagen (2017:725)``."""

    text: str
    sfs: str | None
    chapter: str | None
    section: str | None
    span: Span
    name: str | None = None
    page: int | None = None


class ListItem(Record):
    """One recipient or document, with its place in the text."""

    text: str
    span: Span
    page: int | None = None


class Section(Record):
    """A headed part of a §; ``heading`` as written (``None`` for unheaded text)."""

    kind: SectionKind
    heading: str | None
    text: str
    span: Span
    page: int | None = None


class Decision(Record):
    """One § of the protocol."""

    paragraph: int
    title: str
    span: Span
    page: int | None = None
    case_numbers: list[CaseNumber] = msgspec.field(default_factory=list)
    referenced_case_numbers: list[CaseNumber] = msgspec.field(default_factory=list)
    sections: list[Section] = msgspec.field(default_factory=list)
    decision: str = ""
    outcome: str | None = None
    immediately_adjusted: bool = False
    recipients: list[str] = msgspec.field(default_factory=list)
    documents: list[str] = msgspec.field(default_factory=list)
    recipient_items: list[ListItem] = msgspec.field(default_factory=list)
    document_items: list[ListItem] = msgspec.field(default_factory=list)
    dates: list[DateMention] = msgspec.field(default_factory=list)
    actors: list[Actor] = msgspec.field(default_factory=list)
    motions: list[Motion] = msgspec.field(default_factory=list)
    votes: list[Vote] = msgspec.field(default_factory=list)
    reservations: list[Reservation] = msgspec.field(default_factory=list)
    notes: list[Reservation] = msgspec.field(default_factory=list)
    references: list[Reference] = msgspec.field(default_factory=list)
    laws: list[LawReference] = msgspec.field(default_factory=list)
    title_span: Span | None = None


class Attendee(Record):
    """Who was there, in what capacity, for which §§."""

    name: str
    party: str | None = None
    role: str | None = None
    substitute_for: str | None = None
    presence: str | None = None
    span: Span | None = None
    page: int | None = None


class Meeting(Record):
    """The protocol header; fields absent from the document are ``None``."""

    authority: str | None = None
    organ: str | None = None
    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = msgspec.field(default_factory=list)
    adjusted_on: str | None = None
    adjusted_place: str | None = None
    posted_on: str | None = None
    removed_on: str | None = None
    appeal_deadline: str | None = None
    kept_at: str | None = None
    paragraphs: str | None = None
    attendees: list[Attendee] = msgspec.field(default_factory=list)
    span: Span | None = None
    page: int | None = None
    note: str | None = None


class Source(Record):
    """Where the record came from."""

    path: str | None
    sha256: str
    format: Literal["pdf", "txt", "docx", "html"]
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None


class Protocol(Record):
    """The whole record of one protocol or protocol extract."""

    schema_version: str
    source: Source
    text: str
    meeting: Meeting
    decisions: list[Decision]
    warnings: list[Warning] = msgspec.field(default_factory=list)
    kind: Literal["protokoll", "protokollsutdrag", "föredragningslista"] = "protokoll"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Protocol` (what ``to_dict()`` produces)."""
    schema: dict[str, Any] = msgspec.json.schema(Protocol)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "beslutsparser Protocol"
    return schema


def shipped_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package (``schema/protocol.schema.json``)."""
    import json
    from importlib import resources

    text = resources.files("beslutsparser").joinpath("schema/protocol.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
