"""Assembly: segmented items and extractor output into the :class:`Protocol` record.

Runs each extractor over the item span it belongs to, resolves what needs the
whole protocol (the meeting date for year-less dates, organ abbreviations), and
finally maps every span to its page through the cleaner's offset map.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import msgspec
import regex

from . import vocab
from .clean import Cleaned
from .extract import ActorMode, Context
from .extract.case_numbers import find_case_numbers, find_own_case_numbers
from .extract.dates import find_dates_with_warnings
from .extract.laws import find_laws
from .extract.lists import split_list
from .extract.meeting import header_day_and_organ, parse_header
from .extract.motions import find_motions
from .extract.outcome import classify_outcome, is_immediately_adjusted
from .extract.references import find_references
from .extract.reservations import find_reservations, statement_spans
from .extract.scan import finds, merged
from .extract.votes import AppendixVote, attach_appendix_votes, check_vote, find_appendix_votes, find_votes
from .load import Document
from .model import SCHEMA_VERSION, CaseNumber, Decision, Meeting, Protocol, Section, Source, Warning
from .segment import Item, Segmented


@cache
def _adjustment_title() -> regex.Pattern[str]:
    return regex.compile(vocab.load("meeting")["adjustment_prose"]["titles"])


def _meeting(text: str, cleaned: Cleaned, segmented: Segmented) -> tuple[Meeting, list[Warning]]:
    """The header, with the closing block and the adjustment § ("Val av justerare") read too;
    organ and date fall back on the running heads the cleaner removed (Göteborg has no
    header page)."""
    more = [segmented.trailer] if segmented.trailer else []
    more += [(i.head_end, i.end) for i in segmented.items[:5] if _adjustment_title().search(i.title)]
    meeting, warnings = parse_header(text, *segmented.header, more=more)
    if cleaned.furniture and (meeting.date is None or meeting.organ is None):
        heads = "\n".join(cleaned.furniture)
        day, organ = header_day_and_organ(heads)  # "Kommunfullmäktige", "Sammanträdesdatum: 2024-08-22"
        meeting.date = meeting.date or (day.isoformat() if day else None)
        meeting.organ = meeting.organ or organ
    return meeting, warnings


@cache
def _organ_subject() -> tuple[regex.Pattern[str], tuple[str, ...]]:
    data = vocab.load("organs")
    verbs = tuple(data["decision_verbs"])
    return regex.compile(rf"\b({data['line']})\s+(?:{'|'.join(verbs)})\b"), verbs


_BLANKS_BEFORE = regex.compile(r"(?r)\s*")  # matched backwards: the blanks that end where it is asked
_BOUNDARY = regex.compile(r"\b")


def _infer_organ(text: str) -> str | None:
    """The organ that most often decides in the text ("Kommunstyrelsen beslutar att …")."""
    pattern, _ = _organ_subject()
    counts = Counter(m.group(1) for a, b in _subject_windows(text) for m in pattern.finditer(text, a, b)
                     if m.group(1)[0].isupper())
    return counts.most_common(1)[0][0] if counts else None


def _subject_windows(text: str) -> list[tuple[int, int]]:
    """Where :func:`_infer_organ`'s pattern may match: from the start of the line an organ's name ends
    on (a name holds no line break) to a decision verb after it and blanks, at a word's end. The
    pattern tries a name at every word, slowly: run only there, it finds what it finds in the text."""
    _, verbs = _organ_subject()
    spans = []
    for verb in verbs:
        for at in finds(text, verb, 0, len(text)):
            end = at + len(verb)
            name_end = _BLANKS_BEFORE.match(text, 0, at).start()
            if name_end < at and _BOUNDARY.match(text, end):
                spans.append((text.rfind("\n", 0, name_end) + 1, end))
    return merged(spans)


@cache
def _kind_patterns() -> list[tuple[str, regex.Pattern[str]]]:
    kinds = vocab.load("headings")["document_kinds"]
    return [(kind, regex.compile(rf"(?im)^[ \t]*(?:{'|'.join(forms)})\b")) for kind, forms in kinds.items()]


def _document_kind(text: str, segmented: Segmented, decisions: list[Decision]) -> tuple[str, list[Warning]]:
    """``protokoll``, ``protokollsutdrag`` (header or closing block says so) or
    ``föredragningslista`` (an agenda: it says so, and no § records a decision)."""
    spans = [segmented.header] + ([segmented.trailer] if segmented.trailer else [])
    for kind, pattern in _kind_patterns():
        if any(pattern.search(text, a, b) for a, b in spans):
            if kind == "föredragningslista" and any(d.decision for d in decisions):
                continue  # a protocol whose header lists its agenda ("Ärendelista") is still a protocol
            if kind == "protokollsutdrag":
                return kind, []
            return kind, [Warning(code="not-a-protocol", message="an agenda (kallelse): it records no decisions")]
    return "protokoll", []


def _contexts(meeting: Meeting, reference_date: date | None) -> Callable[[list[CaseNumber]], Context]:
    """The Context of a § by its own case numbers: the protocol's date, organ and abbreviations, and the
    year of the first of them that has one (a Context made once a year, not once a §)."""

    @cache
    def of_year(case_year: int | None) -> Context:
        return Context(
            meeting_date=date.fromisoformat(meeting.date) if meeting.date else reference_date,
            case_year=case_year,
            organ=meeting.organ.casefold() if meeting.organ else None,
            abbreviations=vocab.load("organs")["abbreviations"],
        )

    return lambda own: of_year(next((c.year for c in own if c.year), None))


# The kind a statement introduced only by names and a colon takes, by the section it stands in.
_STATEMENT_KIND = {
    "reservationer": "reservation",
    "protokollsanteckningar": "protokollsanteckning",
    "sarskilt_yttrande": "sarskilt_yttrande",
    "jav": "jav",
}


def _political(text: str, item: Item, ctx: Context, appendix: list[AppendixVote],
               warnings: list[Warning]) -> dict[str, Any]:
    """Motions, votes (with appendix ballots), reservations and other notes of one §."""
    votes = attach_appendix_votes(find_votes(text, item.head_end, item.end, ctx), appendix, item.paragraph)
    for vote in votes:
        warnings.extend(check_vote(vote))
    spans = [(p.start, p.end, _STATEMENT_KIND.get(p.kind, "reservation")) for p in item.parts]
    if item.preamble:
        spans.insert(0, (*item.preamble, "reservation"))
    statements = [r for a, b, kind in statement_spans(text, spans) for r in find_reservations(text, a, b, ctx, kind)]
    return {
        "motions": find_motions(text, item.head_end, item.end, ctx),
        "votes": votes,
        "reservations": [r for r in statements if r.kind == "reservation"],
        "notes": [r for r in statements if r.kind != "reservation"],
    }


def _decision(text: str, item: Item, context: Callable[[list[CaseNumber]], Context],
              appendix: list[AppendixVote], warnings: list[Warning]) -> Decision:
    own = find_own_case_numbers(text, item.start, item.head_end)
    ctx = context(own)
    own_keys = {c.normalized for c in own}
    referenced = [c for c in find_case_numbers(text, item.head_end, item.end, ctx) if c.normalized not in own_keys]

    sections, decided, recipients, documents = [], [], [], []
    for p in item.parts:  # one pass over the parts, each body sliced once
        body = text[p.body_start:p.end]
        sections.append(Section(kind=p.kind, heading=p.heading, text=body, span=(p.start, p.end)))  # type: ignore[arg-type]
        if p.kind == "beslut":
            decided.append(body)
        elif p.kind == "expedieras_till":
            recipients.extend(split_list(text, p.body_start, p.end, commas=True))
        elif p.kind == "beslutsunderlag":
            documents.extend(split_list(text, p.body_start, p.end, commas=False))
    decision_text = "\n\n".join(decided)
    if not decision_text:
        warnings.append(Warning(code="decision-missing", message=f"§ {item.paragraph}: no decision text found",
                                span=(item.start, item.end)))

    date_from = item.title_span[0] if item.title_span else item.head_end
    dates, date_warnings = find_dates_with_warnings(text, date_from, item.end, ctx)
    warnings.extend(date_warnings)
    outcome, outcome_warnings = classify_outcome(decision_text, item.title) if decision_text else (None, [])
    warnings.extend(Warning(code=w.code, message=f"§ {item.paragraph}: {w.message}", span=(item.start, item.end))
                    for w in outcome_warnings)

    return Decision(
        paragraph=item.paragraph,
        title=item.title,
        span=(item.start, item.end),
        title_span=item.title_span,
        case_numbers=own,
        referenced_case_numbers=referenced,
        sections=sections,
        decision=decision_text,
        recipients=[r.text for r in recipients],
        documents=[d.text for d in documents],
        recipient_items=recipients,
        document_items=documents,
        dates=dates,
        outcome=outcome,
        immediately_adjusted=is_immediately_adjusted(text, item.start, item.end),
        references=find_references(text, item.head_end, item.end, ctx),
        laws=find_laws(text, date_from, item.end, ctx),
        **_political(text, item, ctx, appendix, warnings),
    )


@cache
def _has_page(kind: type) -> bool:
    return hasattr(kind, "span") and hasattr(kind, "page")


def _actors(text: str, items: list[Item], decisions: list[Decision], meeting: Meeting,
            context: Callable[[list[CaseNumber]], Context], mode: ActorMode, warnings: list[Warning]) -> None:
    """Fill every decision's actors in one batched pass, and carry parties across the protocol.

    spaCy is imported here, not at module level: a parse without actors never pays for it.
    """
    from .extract.actors import Region, actor_pipeline, find_actors_in, model_installed, model_path, propagate_parties

    if mode == "model" and not model_installed():
        warnings.append(Warning(code="actors-model-missing",
                                message=f"no trained actor pipeline at {model_path()}: actors by rules alone"))

    regions = [
        Region(item.title_span[0] if item.title_span else item.head_end, item.end,
               context(d.case_numbers),
               [(p.start, p.body_start) for p in item.parts if p.heading])
        for item, d in zip(items, decisions, strict=True)
    ]
    for decision, found in zip(decisions, find_actors_in(text, regions, nlp=actor_pipeline(mode)), strict=True):
        decision.actors = found
    propagate_parties([d.actors for d in decisions], {a.name: a.party for a in meeting.attendees if a.party})


@cache
def _record_fields(kind: type) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The fields of ``kind`` that may hold records: those whose lists of paged records of one kind hold
    no records themselves (dates, case numbers: taken whole), and the others. None where ``kind`` holds
    no records (or is no record)."""
    if not issubclass(kind, msgspec.Struct):
        return None
    whole: list[str] = []
    other: list[str] = []
    for f in msgspec.structs.fields(kind):
        if _admits_record(f.type):
            item = f.type.__args__[0] if getattr(f.type, "__origin__", None) is list else None
            leaf = isinstance(item, type) and _has_page(item) and _record_fields(item) is None
            (whole if leaf else other).append(f.name)
    return (tuple(whole), tuple(other)) if whole or other else None


def _admits_record(hint: Any) -> bool:
    """Whether a type annotation names a record, or one in its arguments (``Meeting``, ``list[Vote]``)."""
    if isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        return True
    return any(map(_admits_record, getattr(hint, "__args__", ())))


def _spanned(node: Any) -> list[Any]:
    """Every record under ``node`` that has a ``span`` and a ``page`` (in no particular order). Only the
    fields whose annotations admit a record are read: strings, numbers and spans never are."""
    found: list[Any] = []
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if _has_page(type(node)):
            found.append(node)
        if (fields := _record_fields(type(node))) is not None:
            whole, other = fields
            for name in whole:
                found.extend(getattr(node, name))
            stack.extend(map(node.__getattribute__, other))
    return found


def _paginate(protocol: Protocol, cleaned: Cleaned) -> None:
    spanned = [rec for rec in _spanned(protocol) if rec.span is not None]
    for rec, page in zip(spanned, cleaned.pages_of([rec.span[0] for rec in spanned]), strict=True):
        rec.page = page


def assemble(doc: Document, cleaned: Cleaned, segmented: Segmented, *,
             reference_date: date | None = None, actors: ActorMode = "model") -> Protocol:
    """The Protocol record of a cleaned, segmented document (``actors``: see :func:`actor_pipeline`)."""
    text = cleaned.text
    warnings = [*doc.warnings, *cleaned.warnings, *segmented.warnings]
    meeting, header_warnings = _meeting(text, cleaned, segmented)
    warnings.extend(header_warnings)
    if meeting.organ is None and (organ := _infer_organ(text)):
        meeting.organ = organ
        warnings.append(Warning(code="organ-inferred",
                                message=f"the protocol names no organ; {organ} is the one deciding in its text"))
    if segmented.header[1] > segmented.header[0] and meeting.span is None:
        meeting.span = segmented.header
    appendix = [*(find_appendix_votes(text, *segmented.appendix) if segmented.appendix else []), *doc.roll_calls]
    context = _contexts(meeting, reference_date)
    decisions = [_decision(text, item, context, appendix, warnings) for item in segmented.items]
    if actors != "off":
        _actors(text, segmented.items, decisions, meeting, context, actors, warnings)
    if not decisions:
        warnings.append(Warning(code="no-paragraphs", message="no § found: is this a protocol?"))
    kind, kind_warnings = _document_kind(text, segmented, decisions)
    warnings.extend(kind_warnings)
    protocol = Protocol(
        schema_version=SCHEMA_VERSION,
        source=Source(path=doc.path, sha256=doc.sha256, format=doc.format,
                      pages=len(doc.pages) if doc.format == "pdf" else None,
                      ocr=doc.ocr, encoding=doc.encoding),
        text=text,
        meeting=meeting,
        decisions=decisions,
        warnings=warnings,
        kind=kind,  # type: ignore[arg-type]
    )
    if doc.format == "pdf" or len(doc.pages) > 1:
        _paginate(protocol, cleaned)
    return protocol
