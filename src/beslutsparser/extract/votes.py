"""Omröstningar: the proposition, the counts and, where printed, each member's ballot.

Forms handled (vocabulary in ``vocab/votes.toml``, ``[votes]``):

- Proposition `Godkänd voteringsproposition: "Ja för bifall till kommunstyrelsens förslag. Nej för
  bifall till yrkandet från X."` and `… ”Ja för avslag och Nej för bifall till tilläggsyrkandet
  från SD och D.”` (either quote, or none, or only the closing one) → ``yes_for`` `bifall till
  kommunstyrelsens förslag`, ``no_for`` …; Höör `JA = kommunstyrelsens förslag` ⏎ `NEJ = …`;
  Mölndal `Ja-röst för kommunstyrelsens förslag, Nej-röst för X:s förslag`; `Den som vill bifalla
  X röstar ja, den som vill bifalla Y röstar nej`.
- Counts `Omröstningen utfaller med 52 Ja mot 20 Nej. 8 ledamöter avstår från att rösta. 1 ledamot
  är frånvarande.` (Göteborg KF); `25 ledamöter röstar JA, 14 ledamöter röstar NEJ och 2
  ledamöter AVSTÅR` (Höör); `Med 7 ja-röster mot 6 nej-röster …`, `Ja-röster: 7` (Mölndal);
  `Antal Ja: 72`; the winning side against the losing one, no Ja or Nej named: `Med 7 röster mot 4
  beslutar nämnden …`, `med fem röster mot två` (``majority``: read as Ja for the side adopted).
- Named groups in prose (Göteborg KS): `A (S), B (M) … och ordföranden C (S) röstar Ja (11).
  D (D) och E (SD) röstar Nej (2). F (V) avstår från att rösta (1).`, names over line breaks,
  roles kept on the ballot (`tjänstgörande ersättaren Nina Miskovsky (M)`), a substitute's
  member (`… (V) för Bo Ek (V)`) in ``substitute_for``. `deltar inte i beslutet` and jäv are not
  votes at all.
- Name lists after a header: `Följande ledamöter röstar JA:` ⏎ names, `Följande ledamöter AVSTÅR
  från att rösta:`, `Ja-röst för förslaget: A (S), B (M)`, `Nej:`.
- One line a member: `Anna Jung (MED) - JA`.
- A tie: `lika röstetal, 10 Ja-röster och 10 Nej-röster` (``tie``) and the chair's casting vote
  `Ordföranden använder sin utslagsröst för Ja` (``casting_vote`` ``ja``, or the proposal as
  written when it names neither side).
- Where the roll call is printed: `Hur var och en röstar framgår av bilaga 9.` (``appendix``
  ``"9"``); :func:`find_appendix_votes` reads those tables (Göteborg KF: `Bilaga 10` ⏎ `Ärende:
  13:1` ⏎ `Ärendemening: …` ⏎ `Antal Ja: 72` … ⏎ one cell a line) and
  :func:`attach_appendix_votes` puts their ballots on the votes that cite them.

Counts: a category the text does not state is ``None``, except that once the yes and no counts are
known an unstated abstention count is 0 (every form above names abstentions when there are any),
and in a complete result statement (`Omröstningen utfaller med …`, which names absences when
there are any) an unstated absence count is 0. Where a form gives no counts, the counts are
those of the named ballots.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal, NamedTuple, cast

import msgspec
import regex

from beslutsparser.extract import Context
from beslutsparser.extract.namelist import (
    Mention,
    Scanned,
    Sentences,
    at_line_start,
    chain_after,
    chain_before,
    collapse,
    data,
    find_mentions,
    is_name,
    party_codes,
    sentences_of,
    trim,
    words,
)
from beslutsparser.extract.scan import (
    alternation,
    finditer_at,
    first_words,
    may_hold,
    word_starts,
)
from beslutsparser.model import Attendee, Ballot, Span, Vote, Warning

VoteValue = Literal["ja", "nej", "avstår", "frånvarande"]
_PLACE = regex.compile(r"^\d+(?:\s+|$)")  # the seat number before a function ("3 2:e v Ordf")
_LABEL_HEAD = regex.compile(r"[- ]")  # ends the vote word of "ja-röster", "nej röster"
_TRAILING_AND = regex.compile(r"\s+och\Z")
_CASTING_FOR = regex.compile(r"(?is)(?:till\s+förmån\s+för|för|till)\s+(?P<what>.+)")
# How far a proposition's Ja side may run before its Nej side.
_MAX_SIDE = 400
_BEFORE_COUNT = r"[\w:/.,-]"  # never right before a count's digits ("2024-05-12", "§ 3:1")
_PROPOSITION_YES = "ja"  # every proposition has it, a word of cue_word: tried there (see _proposition_matches)


@dataclass(frozen=True)
class AppendixVote:
    """One vote table printed as a bilaga: its number, agenda item, subject and the vote.

    ``paragraph`` is the § the table names itself (a roll-call sheet's `§ 82. Svar på motion …`,
    read by :mod:`beslutsparser.load.layout`); the votes of that § that cite no table take it.
    """

    bilaga: str
    item: str | None
    subject: str | None
    vote: Vote
    paragraph: int | None = None


@dataclass(frozen=True)
class _Vocab:
    cue_stem: Scanned  # a vote word wherever it stands
    cue_word: Scanned  # a vote word standing alone
    cue_words: tuple[str, ...]  # the words of both
    proposition: regex.Pattern[str]
    proposition_lead: regex.Pattern[str]  # REVERSE: what may stand before a proposition's "ja"
    who_wants: regex.Pattern[str]
    who_opening: regex.Pattern[str]  # where who_wants may begin
    count: regex.Pattern[str]
    count_start: regex.Pattern[str]  # where a count may begin ("7", "fem", "antal", "ja")
    count_lead: regex.Pattern[str]  # REVERSE: the few words a count may have before a word of cue_word
    majority: regex.Pattern[str]
    group: Scanned
    header: Scanned
    line_vote: regex.Pattern[str]
    appendix_ref: Scanned
    tie: Scanned
    casting: Scanned
    complete: Scanned
    side_word: regex.Pattern[str]
    bilaga: Scanned
    table_field: Scanned
    labels: dict[str, str]  # casefolded vote word -> value
    abstain: frozenset[str]
    absent: frozenset[str]
    numbers: dict[str, int]
    abbreviations: tuple[str, ...]  # casefolded, each with its full stop ("m.fl.")
    count_fields: frozenset[str]
    item_fields: frozenset[str]
    headers: frozenset[str]
    results: dict[str, str]
    result_words: tuple[str, ...]  # the words a result cell begins with
    functions: dict[str, str]
    voting_roles: frozenset[str]


@cache
def _vocab() -> _Vocab:
    vocab = data()
    votes = vocab["votes"]
    phrases = votes["phrases"]
    appendix = votes["appendix"]
    quotes = "".join(regex.escape(q) for q in votes["quotes"])
    labels = {key.casefold(): value for key, value in votes["labels"].items()}
    label_words = words(labels)
    abstain = words(phrases["abstain"])
    absents = phrases["absent"]
    absent = words(absents)
    numbers = {key.casefold(): value for key, value in phrases["numbers"].items()}
    members = words(phrases["members"])
    cue_stems, group_verbs = phrases["cue_stems"], phrases["group_verbs"]
    count_lead = words(appendix["count"])  # "Antal Ja: 72"
    gap = r"(?:[ \t]+\n?|\n)[ \t]*"  # some space, at most one line break
    vote_word = rf"(?:{label_words})(?:[- ]?röst(?:er(?:na)?)?)?"
    count_label = rf"(?P<label>{abstain}|{absent}|{vote_word})"
    vote_phrases = [*labels, *phrases["abstain"], *absents]
    # cue_word's words, held by every vote phrase (an absence phrase without a vote word adds its first word)
    held = first_words([*labels, *phrases["abstain"]])
    cues = first_words([*held, *(p for p in absents if _words_before(p, held) == len(p.split()))])
    # The most words a count has before a cue: a number, a member noun, a vote verb, a vote phrase's head
    # ("1 ledamot som röstade är frånvarande"), or "Antal" ("Antal Ja: 72").
    lead_words = sum(
        max(_words_before(p, cues) for p in group)
        for group in (numbers, phrases["members"], phrases["vote_verbs"], vote_phrases, appendix["count"])
    )
    count_words = first_words([*numbers, *appendix["count"], *labels])  # what a count not in digits begins with
    number = rf"(?P<n>\d{{1,3}}|(?:{words(numbers)})(?=\s+(?:{members})))"
    majority = phrases["majority"]
    won, lost = (rf"(?P<{side}>\d{{1,3}}|{words(numbers)})" for side in ("won", "lost"))
    tally = words(majority["votes"])
    # "med 7 röster mot 4": the adopted side's votes against the other side's
    against = (
        rf"(?<![\w-])(?:{words(majority['lead'])})\s+{won}\s+(?:{tally})\s+(?:{words(majority['against'])})\s+{lost}"
        rf"(?:\s+(?:{tally}))?(?![\w-])"
    )
    count = (
        rf"(?<!{_BEFORE_COUNT}){number}{gap}(?:(?:{members}){gap})?(?:(?:{words(phrases['vote_verbs'])}){gap})?"
        rf"{count_label}(?![\w-])"
        rf"|(?<![\w-])(?:{count_lead}\s+)?(?P<label2>{vote_word})\s*:\s*(?P<n2>\d{{1,3}})(?!\d)"
    )
    side_stop = rf"(?-i:(?=[{quotes}]|\.[ \t]*(?:\n|\Z)|\.\s+\p{{Lu}}|\n[ \t]*\n|\Z))"
    side = rf"(?:(?!\n[ \t]*\n).){{1,{_MAX_SIDE}}}?"
    # "Ja för X och Nej för Y." / "Ja-röst för X, Nej-röst för Y" / Höör "JA = X" ⏎ "NEJ = Y" (a line each)
    lead = rf"(?:(?:{words(votes['proposition_labels'])})\s*:?\s*)?[{quotes}]?\s*"
    proposition = (
        rf"{lead}(?<![\w-]){_PROPOSITION_YES}"
        rf"(?:(?:-röst)?\s*för\s+(?P<yes>{side})\s*(?:och\s+)?(?<![\w-])nej(?:-röst)?\s*för\s+(?P<no>{side}){side_stop}"
        rf"|[ \t]*=[ \t]*(?P<yes>[^\n]+?)[ \t]*(?:[,;]\s*|\n\s*)"
        rf"nej[ \t]*=[ \t]*(?P<no>[^\n]+?)[ \t]*\.?[ \t]*(?=\n|\Z))"
    )
    who = words(phrases["who_wants"])
    who_wants = (
        rf"(?<![\w-])(?:{who})\s+(?P<yes>{side})\s+röstar\s+ja[,;.]?\s+(?:och\s+)?"
        rf"(?:{who})\s+(?P<no>{side})\s+röstar\s+nej(?![\w-])"
    )
    verbs = "|".join(group_verbs)
    group = (
        rf"(?<![\w-])(?:(?:{verbs})\s+(?P<label>ja|nej)|(?P<abstain>{abstain}))(?![\w-])"
        r"(?:\s*\((?P<n>\d{1,3})\)|[ \t]+(?P<n2>\d{1,3})(?![\w.:/-]))?"
    )
    list_lead = words(votes["lists"]["lead"])
    header = (
        rf"^[ \t]*(?:(?:{list_lead})\s+)?(?:(?:{verbs})\s+)?(?P<label>{label_words})(?:[- ]?röst(?:er)?)?"
        rf"(?:\s+från\s+att\s+rösta)?(?:\s+(?:för|på)\s+[^:\n]{{1,80}})?\s*:"
    )
    line_vote = rf"[ \t]*[-–—:]?[ \t]*(?P<label>{label_words})[ \t]*\.?[ \t]*(?:\n|\Z)"
    field_words = [*appendix["item"], *appendix["subject"], *appendix["count"]]
    fields = words(field_words)
    return _Vocab(
        cue_stem=Scanned(regex.compile(rf"(?i){words(cue_stems)}"), first_words(cue_stems)),
        cue_word=Scanned(
            regex.compile(rf"(?i)(?<![\w-])(?:{label_words}|{abstain})(?![\w-])"),
            cues,
            bounded=True,
        ),
        cue_words=first_words([*cue_stems, *cues]),
        proposition=regex.compile(rf"(?is:{proposition})"),
        proposition_lead=regex.compile(rf"(?is:{lead})", regex.REVERSE),
        who_wants=regex.compile(rf"(?is:{who_wants})"),
        # Its opening whole ("den som"), not its first word ("den", in every other sentence): few places to try.
        who_opening=regex.compile(rf"(?i)(?<![\w-])(?:{words(phrases['who_wants'])})"),
        count=regex.compile(rf"(?i:{count})"),
        # \b first (every start is a word character): the engine rules out most offsets faster than by the look back.
        count_start=regex.compile(rf"(?i)\b(?<![\w-])(?:\d|{alternation(count_words)})"),
        count_lead=regex.compile(rf"(?:\S+\s+){{0,{lead_words}}}", regex.REVERSE),
        # "med" stands in every other sentence: not indexed, and one scan of the § is quicker than a search for
        # it in a case-folded copy of the document. The rarer words of the scans below are indexed: a lookup in
        # the document's index instead of a search of each §.
        majority=regex.compile(rf"(?i:{against})"),
        group=Scanned(
            regex.compile(rf"(?i:{group})"),
            first_words([*group_verbs, *phrases["abstain"]]),
            bounded=True,
        ),
        header=Scanned(
            regex.compile(header, regex.I | regex.M),
            first_words([*votes["lists"]["lead"], *group_verbs, *labels]),
            line_start=True,
            bounded=True,  # the line's first word: in-word hits ("följande" holds "ja") need no line lookup
        ),
        line_vote=regex.compile(rf"(?i:{line_vote})"),
        appendix_ref=Scanned(
            regex.compile(rf"(?i:(?:{words(phrases['appendix'])})\.?\s*(?P<n>\d{{1,3}}))"),
            first_words(phrases["appendix"]),
        ),
        tie=Scanned(regex.compile(rf"(?i:{words(phrases['tie'])})"), first_words(phrases["tie"])),
        casting=Scanned(regex.compile(rf"(?i:(?:{words(phrases['casting'])}))"), first_words(phrases["casting"])),
        complete=Scanned(regex.compile(rf"(?i:{words(phrases['complete'])})"), first_words(phrases["complete"])),
        side_word=regex.compile(r"(?i)(?<![\w-])(?P<label>ja|nej)(?!\w)"),
        bilaga=Scanned(
            regex.compile(rf"(?im)^[ \t]*(?:{words(appendix['bilaga'])})[ \t]+(?P<n>\d{{1,3}})[ \t]*$"),
            first_words(appendix["bilaga"]),
            line_start=True,
        ),
        table_field=Scanned(
            regex.compile(
                rf"(?im)^[ \t]*(?P<field>{fields})(?:[ \t]+(?P<what>[^\n:]+?))?[ \t]*:[ \t]*(?P<value>[^\n]*)$"
            ),
            first_words(field_words),
            line_start=True,
        ),
        labels=labels,
        abstain=frozenset(collapse(p).casefold() for p in phrases["abstain"]),
        absent=frozenset(collapse(p).casefold() for p in phrases["absent"]),
        numbers=numbers,
        abbreviations=tuple(f"{a.casefold()}." for a in vocab["persons"]["words"]["abbreviations"]),
        count_fields=frozenset(f.casefold() for f in appendix["count"]),
        item_fields=frozenset(f.casefold() for f in appendix["item"]),
        headers=frozenset(h.casefold() for h in appendix["headers"]),
        results={key.casefold(): value for key, value in appendix["results"].items()},
        result_words=first_words(appendix["results"]),
        functions={collapse(key).casefold(): value for key, value in appendix["functions"].items()},
        voting_roles=frozenset(votes["check"]["voting_roles"]),
    )


def _words_before(phrase: str, cues: tuple[str, ...]) -> int:
    """How many words of ``phrase`` stand before its first word that begins with one of ``cues``, all of
    them where none does (`är frånvarande` → 1, `ja` → 0, `som röstar` → 2)."""
    folded = phrase.casefold().split()
    return next((i for i, word in enumerate(folded) if word.startswith(cues)), len(folded))


def _value(written: str) -> VoteValue | None:
    """`Ja-röster` → ``ja``, `avstår från att rösta` → ``avstår``, `är frånvarande` → ``frånvarande``."""
    vocab = _vocab()
    key = collapse(written).casefold()
    if key in vocab.abstain:
        return "avstår"
    if key in vocab.absent:
        return "frånvarande"
    head = _LABEL_HEAD.split(key, maxsplit=1)[0]
    value = vocab.labels.get(head)
    return cast(VoteValue, value) if value else None


def _phrase(written: str) -> str:
    """A proposition side on one line, without edge quotes, joiners or a final full stop."""
    phrase = collapse(written).strip(' "”“„»«,;')
    phrase = _TRAILING_AND.sub("", phrase)
    if phrase.endswith(".") and not phrase.casefold().endswith(_vocab().abbreviations):
        phrase = phrase[:-1]
    return phrase.strip()


@dataclass
class _Draft:
    """A vote being put together from the events that belong to it."""

    start: int
    end: int
    keys: set[str] = field(default_factory=set)
    yes_for: str | None = None
    no_for: str | None = None
    stated: dict[str, int] = field(default_factory=dict)
    grouped: dict[str, int] = field(default_factory=dict)
    ballots: list[Ballot] = field(default_factory=list)
    complete: bool = False
    tie: bool = False
    casting: str | None = None
    appendix: str | None = None


class _Event(NamedTuple):  # a tuple: built several times a vote, faster than a frozen dataclass
    """Something a vote is made of; ``key`` None for what only attaches to the vote at hand."""

    start: int
    end: int
    key: str | None
    apply: Callable[[_Draft], None]


def _ballots(mentions: Sequence[Mention], value: VoteValue) -> list[Ballot]:
    return [
        Ballot(name=m.name, party=m.party, vote=value, role=m.role, substitute_for=m.substitute_for, span=m.span)
        for m in mentions
        if m.name is not None
    ]


def _set_sides(yes: str, no: str) -> Callable[[_Draft], None]:
    def apply(draft: _Draft) -> None:
        draft.yes_for, draft.no_for = _phrase(yes), _phrase(no)

    return apply


def _set_stated(value: VoteValue, n: int) -> Callable[[_Draft], None]:
    def apply(draft: _Draft) -> None:
        draft.stated[value] = n

    return apply


def _add_ballots(ballots: list[Ballot], value: VoteValue | None, n: int | None) -> Callable[[_Draft], None]:
    def apply(draft: _Draft) -> None:
        draft.ballots.extend(ballots)
        if value is not None and n is not None:
            draft.grouped[value] = n

    return apply


def _set(**changes: object) -> Callable[[_Draft], None]:
    def apply(draft: _Draft) -> None:
        for name, value in changes.items():
            setattr(draft, name, value)

    return apply


def _propositions(text: str, start: int, stop: int, cues: list[int] | None) -> list[_Event]:
    vocab = _vocab()
    openings = [m.start() for m in vocab.who_opening.finditer(text, start, stop)]
    who_wants = ((m.start(), m) for m in finditer_at(vocab.who_wants, text, start, stop, openings))
    found = [*_proposition_matches(text, start, stop, cues), *who_wants]
    return [_Event(begin, m.end(), "prop", _set_sides(m["yes"], m["no"])) for begin, m in found]


def _proposition_matches(
    text: str, start: int, stop: int, cues: list[int] | None
) -> Iterator[tuple[int, regex.Match[str]]]:
    """The matches of ``vocab.proposition.finditer(text, start, stop)``, each as where it begins and a match
    with its end and sides, tried only at the ``cues`` (``cue_word``'s starts, every "ja" among them; None:
    everywhere): a match found there starts as far back as its optional lead reaches (matched backwards,
    greedy, which is where a scan from the left would have begun it). The engine tries the lead slowly at
    every offset."""
    vocab = _vocab()
    if cues is None:
        yield from ((m.start(), m) for m in vocab.proposition.finditer(text, start, stop))
        return
    pos = start
    for at in cues:
        if at >= pos and (match := vocab.proposition.match(text, at, stop)):
            # The lead (a label, a colon, quotes, spaces) holds no "ja": matched again from the lead's start,
            # the pattern would match the lead and then this same match, which is slow to repeat.
            lead = vocab.proposition_lead.match(text, pos, at)
            yield (lead.start() if lead else at), match
            pos = match.end()


def _inside(at: int, spans: list[Span]) -> bool:
    """Whether ``at`` lies in one of ``spans`` (a proposition's, a table's: read as such, not as counts or names)."""
    return any(a <= at < b for a, b in spans)


def _counts(text: str, start: int, stop: int, masked: list[Span], cues: list[int] | None) -> list[_Event]:
    vocab = _vocab()
    events: list[_Event] = []
    for match in finditer_at(vocab.count, text, start, stop, _count_starts(text, start, cues)):
        if _inside(match.start(), masked):
            continue
        written, number = (match["label"], match["n"]) if match["n"] else (match["label2"], match["n2"])
        value = _value(written)
        if value is None:
            continue
        events.append(_Event(match.start(), match.end(), f"count:{value}", _set_stated(value, _number(number))))
    for match in vocab.majority.finditer(text, start, stop):
        if not _inside(match.start(), masked):
            sides: tuple[tuple[VoteValue, str], ...] = (("ja", match["won"]), ("nej", match["lost"]))
            for side, number in sides:
                events.append(_Event(match.start(), match.end(), f"count:{side}", _set_stated(side, _number(number))))
    for match in vocab.complete.finditer(text, start, stop):
        events.append(_Event(match.start(), match.end(), None, _set(complete=True)))
    return events


def _count_starts(text: str, start: int, cues: list[int] | None) -> list[int] | None:
    """Where a count may begin in the § from ``start``, its ``cues`` the starts of ``cue_word``; None where
    anywhere may.

    Every count holds a word of ``cue_word`` (`52 Ja`, `8 ledamöter avstår`, `1 ledamot är frånvarande`,
    `Antal Ja: 72`) with at most ``count_lead``'s few words before it: only the digits and words of
    ``count_start`` among those are tried (trying every number of the § was most of the cost of a vote).
    """
    vocab = _vocab()
    if cues is None:
        return None
    found: set[int] = set()
    for at in cues:
        found.add(at)  # "Ja: 7"; a count's other words end before its cue, and space ("52 Ja", not "”Ja")
        if at > start and text[at - 1].isspace() and (lead := vocab.count_lead.match(text, start, at)):
            found.update(m.start() for m in vocab.count_start.finditer(text, lead.start(), at))
    return sorted(found)


def _number(written: str) -> int:
    """A count as written in digits or as a word (`7`, `fem`)."""
    return int(written) if written.isdigit() else _vocab().numbers[written.casefold()]


def _named(
    text: str, start: int, stop: int, mentions: list[Mention], masked: list[Span], sentences: Sentences
) -> list[_Event]:
    """Ballots: groups before a vote verb, lists after a header, one member a line."""
    vocab = _vocab()
    events: list[_Event] = []
    for match in vocab.group.finditer(text, start, stop):
        if _inside(match.start(), masked):
            continue
        chain = chain_before(text, mentions, match.start(), sentences.start_of(match.start()))
        if not chain:
            continue
        value: VoteValue | None = "avstår" if match["abstain"] else _value(match["label"])
        if value is None:
            continue
        number = match["n"] or match["n2"]
        n = int(number) if number else None
        apply = _add_ballots(_ballots(chain, value), value, n)
        events.append(_Event(chain[0].lead, match.end(), f"group:{value}", apply))
    headers = list(vocab.header.finditer(text, start, stop))
    for i, match in enumerate(headers):
        value = _value(match["label"])
        ceiling = headers[i + 1].start() if i + 1 < len(headers) else stop
        chain = chain_after(text, mentions, match.end(), ceiling)
        if value is None or not chain:
            continue
        events.append(
            _Event(match.start(), chain[-1].span[1], f"list:{value}", _add_ballots(_ballots(chain, value), None, None))
        )
    events.extend(_line_votes(text, start, mentions))
    return events


def _line_votes(text: str, start: int, mentions: list[Mention]) -> list[_Event]:
    """`Anna Jung (MED) - JA`, one member a line; consecutive lines make one event."""
    vocab = _vocab()
    runs: list[tuple[int, int, list[Ballot]]] = []
    for mention in mentions:
        # The vote word after the name first: it rules out nearly every mention, and faster than the line start.
        match = vocab.line_vote.match(text, mention.span[1]) if mention.name is not None else None
        if match is None:
            continue
        value = _value(match["label"])
        if value is None or not at_line_start(text, start, mention.lead):
            continue
        ballot = _ballots([mention], value)
        if runs and not text[runs[-1][1] : mention.lead].strip():
            runs[-1] = (runs[-1][0], match.end(), runs[-1][2] + ballot)
        else:
            runs.append((mention.lead, match.end(), ballot))
    return [_Event(a, b, "lines", _add_ballots(ballots, None, None)) for a, b, ballots in runs]


def _attachments(text: str, start: int, stop: int, sentences: Sentences) -> list[_Event]:
    vocab = _vocab()
    events: list[_Event] = []
    for match in vocab.appendix_ref.finditer(text, start, stop):
        events.append(_Event(match.start(), match.end(), None, _set(appendix=match["n"])))
    for match in vocab.tie.finditer(text, start, stop):
        events.append(_Event(match.start(), match.end(), None, _set(tie=True)))
    for match in vocab.casting.finditer(text, start, stop):
        end = sentences.end_of(match.end())
        side = vocab.side_word.search(text, match.end(), end)
        if side is not None:
            casting = side["label"].casefold()
        else:
            after = _CASTING_FOR.search(text[match.end() : end])
            casting = _phrase(after["what"]) if after else None
        events.append(_Event(match.start(), end, None, _set(casting=casting)))
    return events


def _side(casting: str | None, yes_for: str | None, no_for: str | None) -> str | None:
    """``ja``/``nej`` for a casting vote that names a proposal the proposition put to a side."""
    if casting is None or casting in ("ja", "nej"):
        return casting
    wanted = casting.casefold()
    for side, phrase in (("ja", yes_for), ("nej", no_for)):
        if phrase and (wanted in phrase.casefold() or phrase.casefold() in wanted):
            return side
    return casting


def _finish(text: str, draft: _Draft) -> Vote | None:
    named = Counter(ballot.vote for ballot in draft.ballots)
    has_result = any(k in draft.stated or k in draft.grouped for k in ("ja", "nej")) or draft.ballots
    if not has_result and "prop" not in draft.keys:
        return None

    def count(value: VoteValue) -> int | None:
        if value in draft.stated:
            return draft.stated[value]
        if value in draft.grouped:
            return draft.grouped[value]
        return named[value] if named[value] or (draft.ballots and value != "frånvarande") else None

    yes, no, abstain, absent = count("ja"), count("nej"), count("avstår"), count("frånvarande")
    known = yes is not None and no is not None
    if abstain is None and known:
        abstain = 0
    if absent is None and known and draft.complete:
        absent = 0
    start, end = trim(text, draft.start, draft.end)
    return Vote(
        yes=yes,
        no=no,
        abstain=abstain,
        absent=absent,
        yes_for=draft.yes_for,
        no_for=draft.no_for,
        ballots=draft.ballots,
        span=(start, end),
        text=text[start:end],
        tie=draft.tie or (known and yes == no and bool(yes)),
        casting_vote=_side(draft.casting, draft.yes_for, draft.no_for),
        appendix=draft.appendix,
    )


def find_votes(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None) -> list[Vote]:
    """The omröstningar in ``text[start:end]`` in order (the first is the § vote the scorer reads)."""
    stop = len(text) if end is None else min(end, len(text))
    if start >= stop:
        return []
    vocab = _vocab()
    # One index lookup for both cues' words first: most §§ hold none (the common case, and cheap).
    if not may_hold(text, start, stop, vocab.cue_words) or not any(
        next(cue.finditer(text, start, stop), None) for cue in (vocab.cue_stem, vocab.cue_word)
    ):
        return []  # no vote word at all: nothing to read
    cues = vocab.cue_word.starts(text, start, stop)  # a proposition's "ja" and a count's vote word among them
    events = _propositions(text, start, stop, cues)
    masked = [(e.start, e.end) for e in events]
    mentions = find_mentions(text, start, stop)
    events += _counts(text, start, stop, masked, cues)
    sentences = sentences_of(text, start, stop)
    events += _named(text, start, stop, mentions, masked, sentences)
    events += _attachments(text, start, stop, sentences)
    # Vote tables printed as bilagor are read by find_appendix_votes, not here.
    tables = [table.vote.span for table in find_appendix_votes(text, start, stop)]
    events = [e for e in events if not _inside(e.start, tables)]
    events.sort(key=lambda e: (e.start, e.end))
    votes: list[Vote] = []
    draft: _Draft | None = None
    for event in events:
        new = event.key == "prop" and draft is not None and bool(draft.keys)
        if draft is None or new or (event.key is not None and event.key in draft.keys):
            if draft is not None and (vote := _finish(text, draft)) is not None:
                votes.append(vote)
            draft = _Draft(event.start, event.end)
        event.apply(draft)
        if event.key is not None:
            draft.keys.add(event.key)
        draft.end = max(draft.end, event.end)
    if draft is not None and (vote := _finish(text, draft)) is not None:
        votes.append(vote)
    return votes


def check_vote(vote: Vote, attendees: Sequence[Attendee] | None = None) -> list[Warning]:
    """Warnings (code ``vote-mismatch``) where a vote does not add up.

    The named ballots must match the counts they are named for, nobody may vote twice, a tie
    must have equal sides, and, given the attendance, the counts must add up to the members who
    could vote (ordförande, ledamöter, tjänstgörande ersättare).
    """
    problems: list[str] = []
    if vote.ballots:
        named = Counter([ballot.vote for ballot in vote.ballots])
        for value, stated in (
            ("ja", vote.yes),
            ("nej", vote.no),
            ("avstår", vote.abstain),
            ("frånvarande", vote.absent),
        ):
            if stated is not None and named[value] != stated:
                problems.append(f"{named[value]} named {value} against a count of {stated}")
        names = [ballot.name for ballot in vote.ballots]
        if len(set(names)) < len(names):  # a set first: a roll call names each member once, nearly always
            twice = [name for name, n in Counter(names).items() if n > 1]
            problems.append("named more than once: " + ", ".join(twice))
    if vote.tie and vote.yes != vote.no:
        problems.append(f"a tie of {vote.yes} against {vote.no}")
    voters = [a for a in attendees or () if a.role in _vocab().voting_roles]
    if voters and vote.yes is not None and vote.no is not None:
        total = vote.yes + vote.no + (vote.abstain or 0)
        if total != len(voters) and total + (vote.absent or 0) != len(voters):
            problems.append(f"{total} votes from {len(voters)} members present")
    return [Warning(code="vote-mismatch", message=f"vote: {p}", span=vote.span) for p in problems]


def find_appendix_votes(text: str, start: int = 0, end: int | None = None) -> list[AppendixVote]:
    """The vote tables printed as bilagor in ``text[start:end]`` (tables without `Antal Ja` skipped).

    Form (Göteborg KF, one cell a line): `Bilaga 2` ⏎ `Ärende: 6` ⏎ `Ärendemening: Motion av …` ⏎
    `Antal Ja: 72` ⏎ `Antal Nej: 9` ⏎ `Antal Avstår: 0` ⏎ `Antal Frånv: 0` ⏎ `Antal Kvittade: 0` ⏎
    `Namn` ⏎ `Parti` ⏎ `Plats` ⏎ `Funktion` ⏎ `Resultat` ⏎ `Aslan Akbas` ⏎ `S` ⏎ `1` ⏎
    `Ordförande` ⏎ `Ja` … A name may break over two cells (`Robert Andersson` ⏎ `Hammarstrand`),
    name and party may share one (`Robert Andersson Hammarstrand S`), place and function too
    (`1 Ordförande`), and header cells or page furniture may stand between rows.
    """
    stop = len(text) if end is None else min(end, len(text))
    vocab = _vocab()
    marks = list(vocab.bilaga.finditer(text, start, stop))
    out: list[AppendixVote] = []
    for i, mark in enumerate(marks):
        block_end = marks[i + 1].start() if i + 1 < len(marks) else stop
        table = _appendix_table(text, mark, block_end)
        if table is not None:
            out.append(table)
    return out


def _appendix_table(text: str, mark: regex.Match[str], block_end: int) -> AppendixVote | None:
    """One bilaga's vote table; ``None`` where it states no `Antal Ja` (an attendance list)."""
    vocab = _vocab()
    item = subject = None
    stated: dict[str, int] = {}
    header_end = mark.end()  # the fields right after "Bilaga N"; a page break may repeat one later
    in_header = True
    fields = list(vocab.table_field.finditer(text, mark.end(), block_end))
    for i, match in enumerate(fields):
        field_name = match["field"].casefold()
        value = match["value"].strip()
        following = fields[i + 1].start() if i + 1 < len(fields) else block_end
        if field_name in vocab.count_fields:
            what = _value(match["what"] or "")
            if what is not None and value.isdigit():
                stated[what] = int(value)
        elif field_name in vocab.item_fields:
            item = item or value
        elif subject is None:
            subject = collapse(text[match.start("value") : following])
        if in_header:
            header_end = match.end()
            continuation = field_name not in vocab.count_fields | vocab.item_fields
            in_header = continuation or not text[match.end() : following].strip()
    if "ja" not in stated:
        return None
    ballots = _rows(text, header_end, block_end)
    start, end = trim(text, mark.start(), block_end)
    vote = Vote(
        yes=stated.get("ja"),
        no=stated.get("nej"),
        abstain=stated.get("avstår"),
        absent=stated.get("frånvarande"),
        yes_for=None,
        no_for=None,
        ballots=ballots,
        span=(start, end),
        text=text[mark.start() : header_end].strip(),
        appendix=mark["n"],
    )
    return AppendixVote(bilaga=mark["n"], item=item, subject=subject, vote=vote)


def _rows(text: str, start: int, end: int) -> list[Ballot]:
    """The table's rows, a cell a line, each closed by its result cell (`Ja`, `Nej`, `Avstår`, `Frånvarande`)."""
    vocab = _vocab()
    ballots: list[Ballot] = []
    row_start = start
    read_to = start - 1  # the lines up to here are read
    # Only the lines where a result word stands can close a row (every offset where that is unknown).
    hits = word_starts(text, start, end, vocab.result_words)
    for at in range(start, end) if hits is None else hits:
        if at <= read_to:
            continue
        # A result cell is a line of its own: its word begins the line, and no search back is needed.
        line_start = at if text[at - 1] == "\n" else max(start, text.rfind("\n", start, at) + 1)
        read_to = text.find("\n", at, end)
        read_to = end if read_to < 0 else read_to
        value = vocab.results.get(text[line_start:read_to].strip().casefold())
        if value is None:
            continue
        read = _read_row(text[row_start:line_start]) if value else None
        if read is not None:
            name, party, role, (first, last) = read
            span = (row_start + first, row_start + last)
            ballots.append(Ballot(name=name, party=party, vote=cast(VoteValue, value), role=role, span=span))
        row_start = read_to
    return ballots


@lru_cache(maxsize=4096)
def _function(cell: str) -> str:
    """A cell as its function reads, seat number dropped (`3 2:e v Ordf` → `2:e v ordf`)."""
    return collapse(_PLACE.sub("", cell)).casefold()


@lru_cache(maxsize=4096)
def _read_row(row: str) -> tuple[str, str | None, str | None, Span] | None:
    """One row's name, party, role and the name's span in ``row``, from its cells: the name cells, the
    party cell, the seat and function cells (blank lines, header cells and fields skipped). A table
    repeats the same rows in every vote, so each is read once."""
    vocab = _vocab()
    codes = party_codes()
    role = None
    kept: list[tuple[str, int]] = []  # a cell and where it begins in the row
    at = 0
    for line in row.split("\n"):
        line_at, at = at, at + len(line) + 1
        cell = line.strip()
        if not cell or cell.casefold() in vocab.headers or (":" in cell and vocab.table_field.pattern.fullmatch(line)):
            continue  # a field ("Antal Ja: 72", repeated after a page break) always has its colon
        function = _function(cell)
        if function in vocab.functions:
            role = vocab.functions[function]
        elif function:  # not a seat number alone
            kept.append((cell, line_at + line.index(cell)))
    party_at = next((i for i in range(len(kept) - 1, -1, -1) if kept[i][0] in codes), None)
    party = kept[party_at][0] if party_at is not None else None
    names = kept[:party_at] if party_at is not None else kept
    if party is None and names:  # "Robert Andersson Hammarstrand S": name and party in one cell
        cell, cell_at = names[-1]
        head, _, last = cell.rpartition(" ")
        if head and last in codes:
            party = last
            names = [*names[:-1], (head, cell_at)]
    run: list[tuple[str, int]] = []
    for named in reversed(names):
        if not is_name(named[0]):
            break
        run.insert(0, named)
    # Furniture may stand right before a name ("Kommunfullmäktige"); a name's first line has
    # two words or more ("Robert Andersson" ⏎ "Hammarstrand").
    first = max((i for i, (cell, _) in enumerate(run) if len(cell.split()) >= 2), default=0)
    run = run[first:]
    if not run:
        return None
    return " ".join(cell for cell, _ in run), party, role, (run[0][1], run[-1][1] + len(run[-1][0]))


def attach_appendix_votes(
    votes: Sequence[Vote],
    appendix: Sequence[AppendixVote] | Mapping[str, AppendixVote],
    paragraph: int | None = None,
) -> list[Vote]:
    """``votes`` with the ballots (and any count they lack) of the bilaga each one cites.

    A vote citing `bilaga 9` (or `omröstningslista nr 1`) takes the named ballots of the table
    printed as Bilaga 9; the counts the § itself states stay as they are (:func:`check_vote` then
    compares the two). Given the § number (``paragraph``), the votes that cite nothing take, in
    order, the tables naming that § (Mölndal: `Omröstningslista nr. 2` ⏎ `§ 82. …`) that no vote
    cites.
    """
    if not votes:
        return []  # most §§: no table to index
    tables = appendix if isinstance(appendix, Mapping) else {a.bilaga: a for a in appendix}
    cited = {vote.appendix for vote in votes if vote.appendix}
    own = iter(
        [t for key, t in tables.items() if paragraph is not None and t.paragraph == paragraph and key not in cited]
    )
    out: list[Vote] = []
    for vote in votes:
        table = tables.get(vote.appendix) if vote.appendix else next(own, None)
        if table is None:
            out.append(vote)
            continue
        printed = table.vote
        out.append(
            msgspec.structs.replace(
                vote,
                appendix=vote.appendix or table.bilaga,
                ballots=list(printed.ballots),
                yes=printed.yes if vote.yes is None else vote.yes,
                no=printed.no if vote.no is None else vote.no,
                abstain=printed.abstain if vote.abstain is None else vote.abstain,
                absent=printed.absent if vote.absent is None else vote.absent,
            )
        )
    return out
