"""Attendance: the names in a header list, with party, role, substitute and partial presence.

:func:`find_attendees` reads one list (the value of "Beslutande", "Tjänstgörande ersättare",
"Övriga närvarande" …) one cell at a time: a cell is a line, or a part of a line between
column gaps (two spaces or a tab) or semicolons. Forms:

- Form `Anna Ek (S)`, `Johan Svensson (m)`, `Ebba von Sydow (M)`, `Lars Lind (-)`: name, party.
- Form `Sten-Ove Danielsson, s, ordförande`: the party after a comma, then the role.
- Form `Akbas, Aslan` ⏎ `S` ⏎ `14:47`: Efternamn, Förnamn (→ `Aslan Akbas`); a party or a time
  alone in the next cell belongs to the name before it.
- Form `Anna Ek (S), ordförande`, `Eva Berg (M), 1:e vice ordförande`, `2:e vice ordf.`,
  `Förste vice ordförande Per Ek (V)`: role after or before the name (→ `ordförande`,
  `vice ordförande`); a list's own role otherwise (`ledamot` under "Beslutande",
  `ersättare` under "Ersättare").
- Form `Anna Berg, kommundirektör`, `Nämndsekreterare Per Ek`, `ekonomichefen Lisa Holm`: an
  official's title in base form as the role (`kommundirektör`, `nämndsekreterare`, `ekonomichef`).
- Form `Per Ek (C) tjänstgörande ersättare för Lars Lind (C)`, `Lisa Ek (V) ersätter Tommy
  Larsson (KD)`, `ersättare för Sven Emilsson (C)`: ``substitute_for`` ``Lars Lind``, role
  `tjänstgörande ersättare`; `*Kalle Ek (S)` (leading star, Trollhättan) is one as well.
- Form `Peter Nyman (NP) §§ 51-58`, `fr.o.m. § 60`, `ej § 13`, `t.o.m. 59`, `kl. 17.20`,
  `(kom 17:20)`, `ersätter Bo Eliasson (V) 170, 172-184`: ``presence`` as written.

A list that names nobody but points elsewhere (`Se bilaga 1`, `Enligt närvarolista sidan 2`,
`Se sid 2`) gives an ``attendance-elsewhere`` warning; a cell that reads as nothing above
gives ``attendee-unparsed``. Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

from beslutsparser.extract.scan import alternation
from beslutsparser.model import Attendee, Span, Warning
from beslutsparser.vocab import load

_WORD = r"\p{Lu}\p{Ll}[\p{L}’']*(?:-\p{Lu}?\p{Ll}[\p{L}’']*)*"
_CELL = regex.compile(r"[^\n\t;]+?(?=\t|\s{2,}|;|\n|$)", regex.V1)
_SPACE = regex.compile(r"\s+")
_TOKEN = regex.compile(r"\S+")
_PAREN = regex.compile(r"[()]")
# A lone number in a row is a table's presence column ("1"), not a § or a time.
_BARE_NUMBER = regex.compile(r"\d{1,3}")
_DIGIT = regex.compile(r"\d")
_SEPARATORS = regex.compile(r"[\s,;:.*()\-–]*")


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    """The compiled attendance patterns for one set of party codes."""

    parties: dict[str, str]
    party_paren: regex.Pattern[str]
    party_comma: regex.Pattern[str]
    party_alone: regex.Pattern[str]
    name_run: regex.Pattern[str]
    surname_first: regex.Pattern[str]
    substitute_cue: regex.Pattern[str]
    substitute_party: regex.Pattern[str]
    replaced_cue: regex.Pattern[str]
    table_heads: frozenset[str]
    roles: tuple[tuple[str, regex.Pattern[str]], ...]
    title: regex.Pattern[str]
    title_suffixes: tuple[str, ...]
    title_cue: regex.Pattern[str]
    definite: tuple[str, ...]
    presence: regex.Pattern[str]
    elsewhere: regex.Pattern[str]
    stop: frozenset[str]


@cache
def _grammar(local: tuple[str, ...] = ()) -> _Grammar:
    parties_vocab = load("parties")
    codes = [c for group in ("national", "former", "local", "independent") for c in parties_vocab[group]]
    codes += local
    parties = {c.casefold(): c for c in codes}
    known = _alternation(regex.escape(c) for c in parties)
    party = rf"(?i:{known})(?![\p{{L}}])|\p{{Lu}}{{2,4}}(?![\p{{L}}])"
    meeting = load("meeting")
    att = meeting["attendance"]
    names = meeting["names"]
    titles = meeting["titles"]
    particles = _alternation(regex.escape(p) for p in names["particles"])
    name_word = rf"(?:{_WORD}|\p{{Lu}}\.)"
    roles = tuple(
        (r["role"], regex.compile(rf"(?<![\p{{L}}])(?:{r['pattern']})(?![\p{{L}}])", regex.I | regex.V1))
        for r in att["roles"]
    )
    suffixes = tuple(s.casefold() for s in titles["suffixes"])
    definite = _alternation(regex.escape(e) for e in titles["definite"])
    title_word = rf"[\p{{L}}-]*(?:{_alternation(regex.escape(s) for s in suffixes)})(?:{definite})?"
    words = _alternation(regex.escape(w) for w in titles["words"])
    adjective = rf"\p{{Ll}}+(?:{_alternation(titles['adjective_endings'])})"
    modifiers = rf"{_alternation(titles['modifiers'])}|{adjective}"
    cues = _alternation(att["presence"]["cues"])
    time_cues = _alternation(att["presence"]["time_cues"])
    number = r"\d{1,4}(?:[.:]\d{2})?"
    item = rf"(?:(?:{time_cues})\s*)?(?:§§?\s*)?{number}(?:\s*(?:-+|–|—)\s*(?:§§?\s*)?{number})?"
    one = rf"(?:(?<![\p{{L}}])(?:{cues})(?![\p{{L}}])\s*)?{item}"
    stop = {w.casefold() for w in names["stop"]}
    return _Grammar(
        parties=parties,
        party_paren=regex.compile(rf"\(\s*(?P<code>{party}|-|–)\s*\)", regex.V1),
        party_comma=regex.compile(rf"^\s*,\s*(?P<code>{party})\s*(?=,|$)", regex.V1),
        party_alone=regex.compile(rf"^\s*(?:\(\s*)?(?P<code>{party}|-|–)(?:\s*\))?\s*$", regex.V1),
        name_run=regex.compile(
            rf"(?<![\p{{L}}\d])(?:{_WORD})(?:[ \t]+(?:(?:{particles})[ \t]+)*{name_word})*", regex.V1
        ),
        surname_first=regex.compile(
            rf"(?:^[\s*]*|(?<=[,;)]\s*))(?P<last>{_WORD})\s*,\s*(?P<first>{_WORD}(?:[ \t]+{_WORD})?)"
            rf"(?=\s*(?:\(|,\s*(?:{party})|$|[ \t]+(?:{party})(?:\s|$)|[ \t]+\d))",
            regex.V1,
        ),
        substitute_cue=regex.compile(
            rf"(?<![\p{{L}}])(?:{_alternation(att['substitute']['cues'])})\s*$", regex.I | regex.V1
        ),
        substitute_party=regex.compile(rf"\s*\(\s*(?:{party}|-|–)\s*\)", regex.V1),
        replaced_cue=regex.compile(
            rf"(?<![\p{{L}}])(?:{_alternation(att['substitute']['replaced'])})\s*$", regex.I | regex.V1
        ),
        table_heads=frozenset(w.casefold() for head in att["table"]["heads"] for w in head.split()),
        roles=roles,
        title=regex.compile(
            rf"(?<![\p{{L}}])(?:(?:{modifiers})\s+)?(?:{title_word}|{words})(?![\p{{L}}])", regex.I | regex.V1
        ),
        title_suffixes=suffixes,
        title_cue=regex.compile(alternation([*suffixes, *(w.casefold() for w in titles["words"])])),
        definite=tuple(sorted(titles["definite"], key=len, reverse=True)),
        presence=regex.compile(rf"{one}(?:\s*(?:,|och|&|samt)\s*{one})*", regex.I | regex.V1),
        elsewhere=regex.compile("|".join(att["elsewhere"]), regex.I | regex.V1),
        stop=frozenset(stop),
    )


def _is_stop(g: _Grammar, word: str) -> bool:
    folded = word.casefold()
    return (
        folded in g.stop
        or any(p.fullmatch(word) for _, p in g.roles)
        or (_may_title(g, folded) and g.title.fullmatch(word) is not None)
    )


def _may_title(g: _Grammar, folded: str) -> bool:
    """Whether the case-folded ``folded`` may hold a title: every title holds one of its suffixes
    or words. Checked first because the full-case-folding title pattern is slow to scan."""
    return g.title_cue.search(folded) is not None


def _names(g: _Grammar, text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` for each personal name in the cell ``text[lo:hi]``, in order."""
    cell = text[lo:hi]
    found: list[tuple[str, int, int]] = []
    for m in g.surname_first.finditer(cell):
        if not _is_stop(g, m.group("last")) and m.group("first").casefold() not in g.parties:
            found.append((f"{m.group('first')} {m.group('last')}", lo + m.start("last"), lo + m.end("first")))
    for m in g.name_run.finditer(cell):
        if any(s < lo + m.end() and lo + m.start() < e for _, s, e in found):
            continue
        run: list[regex.Match[str]] = []
        for w in [*_TOKEN.finditer(m.group()), None]:
            if w is not None and not _is_stop(g, w.group()):
                run.append(w)
                continue
            if sum(x.group()[0].isupper() for x in run) >= 2:
                s, e = lo + m.start() + run[0].start(), lo + m.start() + run[-1].end()
                found.append((_SPACE.sub(" ", text[s:e]), s, e))
            run = []
    return sorted(found, key=lambda n: n[1])


def _is_table_head(g: _Grammar, cell: str) -> bool:
    return all(w.casefold() in g.table_heads for w in cell.split())


def _base_title(g: _Grammar, title: str) -> str:
    words = title.casefold().split()
    head = words[-1]
    if not head.endswith(g.title_suffixes):
        for ending in g.definite:
            if head.endswith(ending) and head[: -len(ending)].endswith(g.title_suffixes):
                head = head[: -len(ending)]
                break
    return " ".join([*words[:-1], head])


@dataclass
class _Person:
    """A person being read: the name's place and the text that describes it."""

    name: str
    start: int
    end: int
    parts: list[Span] = field(default_factory=list)
    party: str | None = None
    substitute_for: str | None = None
    star: bool = False
    replaced: bool = False


def _party(g: _Grammar, code: str) -> str:
    return g.parties.get(code.casefold(), code)


def _blank(text: str, spans: Iterable[Span], lo: int) -> str:
    """``text`` (at ``lo``) with ``spans`` blanked out, its offsets kept."""
    for s, e in spans:
        a, b = max(s - lo, 0), min(e - lo, len(text))
        if a < b:  # slices: a list of the characters costs more than the few spans
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _next_to_name(piece: str, m: regex.Match[str], before_name: bool) -> bool:
    """Whether ``m`` stands right next to the name: nothing but separators between (`Anna Ek (S),
    ordförande`, `Förste vice ordförande Per Ek`), not further off in a sentence (`… att justera
    protokollet tillsammans med ordföranden`)."""
    between = piece[m.end() :] if before_name else piece[: m.start()]
    return _SEPARATORS.fullmatch(between) is not None


def _describe(g: _Grammar, text: str, p: _Person, role: str | None) -> Attendee:
    """Party, role and presence from the text parts around ``p``'s name."""
    role_found: str | None = None
    title: str | None = None
    presence: list[str] = []
    for lo, hi in p.parts:
        piece = text[lo:hi]
        if p.party is None and (m := g.party_paren.search(piece) or g.party_comma.search(piece)):
            p.party = _party(g, m.group("code"))
            piece = _blank(piece, [(lo + m.start(), lo + m.end())], lo)
        before_name = hi <= p.start
        consumed: list[Span] = []
        for r, pattern in g.roles:
            for m in pattern.finditer(piece):
                consumed.append((lo + m.start(), lo + m.end()))
                if _next_to_name(_blank(piece, consumed[:-1], lo), m, before_name):
                    role_found = role_found or r
        unroled = _blank(piece, consumed, lo)
        for m in g.title.finditer(unroled) if _may_title(g, piece.casefold()) else ():
            consumed.append((lo + m.start(), lo + m.end()))
            if _next_to_name(unroled, m, before_name):
                title = title or _base_title(g, m.group())
        rest = _blank(piece, consumed, lo)
        for m in g.presence.finditer(rest) if _DIGIT.search(rest) else ():  # each presence holds a number
            if not _BARE_NUMBER.fullmatch(m.group()):
                presence.append(_SPACE.sub(" ", _PAREN.sub("", m.group())).strip())
    if p.substitute_for is not None and role_found is None:
        role_found = load("meeting")["attendance"]["substitute"]["role"]
    if p.star and role_found is None:
        role_found = load("meeting")["attendance"]["star_role"]
    span = (min([p.start, *(lo for lo, _ in p.parts)]), max([p.end, *(hi for _, hi in p.parts)]))
    return Attendee(
        name=p.name,
        party=p.party,
        role=role_found or title or role,
        substitute_for=p.substitute_for,
        presence=", ".join(presence) or None,
        span=span,
    )


def _trimmed(text: str, lo: int, hi: int) -> Span:
    while lo < hi and text[lo] in " \t,.:;-–":
        lo += 1
    while hi > lo and text[hi - 1] in " \t,;":
        hi -= 1
    return lo, hi


def _read_cell(
    g: _Grammar, text: str, lo: int, hi: int, names: list[tuple[str, int, int]], people: list[_Person]
) -> list[_Person]:
    """Add the people named in one cell and return them; text between names describes the
    name before it, text before the first name the first name; a substitute cue makes the
    next name the person before it stands in for, a replaced cue ("Ersätts av") marks the
    person before it absent."""
    cursor = lo
    added: list[_Person] = []
    for name, s, e in names:
        before = text[cursor:s]
        replaced = g.replaced_cue.search(before) if people else None
        cue = g.substitute_cue.search(before) if people and people[-1].substitute_for is None else None
        found = replaced or cue
        if found is not None:
            if found.start() > 0:
                people[-1].parts.append((cursor, cursor + found.start()))
            people[-1].replaced = replaced is not None
            people[-1].substitute_for = None if replaced else name
            after = g.substitute_party.match(text, e, hi)
            cursor = people[-1].end = after.end() if after else e
            continue
        person = _Person(name=name, start=s, end=e)
        if s == cursor == lo and people and people[-1].parts:
            _take_trailing_role(g, text, people[-1], person)
        if s > cursor:
            if added or cursor > lo:
                # A role word right before the name is the name's own ("… och ordföranden Aslan Akbas").
                split = _leading_role(g, before)
                if split > 0:
                    people[-1].parts.append((cursor, cursor + split))
                if split < len(before):
                    person.parts.append((cursor + split, s))
            else:
                person.star = "*" in before
                person.parts.append((cursor, s))
        people.append(person)
        added.append(person)
        cursor = e
    if cursor < hi and people:
        people[-1].parts.append((cursor, hi))
    return added


def _leading_role(g: _Grammar, between: str) -> int:
    """Where a role that ends ``between`` starts, when it opens the next name rather than
    describing the one before (`(V) och andre vice ordföranden` ⏎ `Margareta Broang`, but not
    `(S), ordförande` ⏎ `Bo Ek`); ``len(between)`` when there is none."""
    ending = [m.start() for _, p in g.roles for m in p.finditer(between) if not between[m.end() :].strip()]
    start = min(ending, default=len(between))
    if _SEPARATORS.fullmatch(g.party_comma.sub(" ", g.party_paren.sub(" ", between[:start]))) is not None:
        return len(between)
    return start


def _take_trailing_role(g: _Grammar, text: str, before: _Person, person: _Person) -> None:
    """Move a role that ends ``before``'s last part on the line above to ``person`` (`… och
    andre vice ordföranden` ⏎ `Margareta Broang (M) …`)."""
    lo, hi = before.parts[-1]
    if hi > person.start or text.count("\n", hi, person.start) != 1:
        return
    split = _leading_role(g, text[lo:hi])
    if split < hi - lo:
        before.parts[-1] = (lo, lo + split)
        person.parts.append((lo + split, hi))


def _nearest(people: list[_Person], column: int, text: str) -> _Person:
    """The person of a row whose name starts in the column nearest to ``column``."""
    return min(people, key=lambda p: abs(p.start - text.rfind("\n", 0, p.start) - 1 - column))


def find_attendees(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    role: str | None = None,
    local_parties: Iterable[str] = (),
) -> tuple[list[Attendee], list[Warning]]:
    """The people listed in ``text[start:end]``; ``role`` is the list's own role for names
    that carry none. ``local_parties`` adds party codes to ``vocab/parties.toml``."""
    stop = len(text) if end is None else end
    return find_attendees_in(text, [(start, stop)], role=role, local_parties=local_parties)


def find_attendees_in(
    text: str, spans: Sequence[Span], *, role: str | None = None, local_parties: Iterable[str] = ()
) -> tuple[list[Attendee], list[Warning]]:
    """The people listed in the ``spans`` of one list, read as one (as :func:`find_attendees`).

    A cell without a name describes the person before it on its line, else — under a row of
    names (`Göran Lindahl    Birgitta Modin` ⏎ `ordförande    justerare`) — the person whose
    name stands in the nearest column, else the last person."""
    g = _grammar(tuple(local_parties))
    people: list[_Person] = []
    loose: list[Span] = []
    line_start = -1
    row: list[_Person] = []
    above: list[_Person] = []
    cells = [c.span() for lo, hi in spans for c in _CELL.finditer(text, lo, hi)]
    for cell in cells:
        lo, hi = _trimmed(text, *cell)
        if lo >= hi or _is_table_head(g, text[lo:hi]):
            continue
        if (here := text.rfind("\n", 0, lo) + 1) != line_start:
            line_start, above, row = here, row, []
        names = _names(g, text, lo, hi)
        if names:
            row.extend(_read_cell(g, text, lo, hi, names, people))
            continue
        if not people:
            loose.append((lo, hi))
            continue
        owner = people[-1] if row or len(above) < 2 else _nearest(above, lo - line_start, text)
        whole = g.party_alone.match(text[lo:hi])
        if whole and owner.party is None:
            owner.party = _party(g, whole.group("code"))
        else:
            owner.parts.append((lo, hi))
    warnings: list[Warning] = []
    if not people and loose:
        span = (loose[0][0], loose[-1][1])
        written = _SPACE.sub(" ", text[span[0] : span[1]])
        if points_elsewhere(written):
            warnings.append(
                Warning(code="attendance-elsewhere", message=f"attendance is listed elsewhere: {written!r}", span=span)
            )
        else:
            warnings.append(Warning(code="attendee-unparsed", message=f"no name in {written!r}", span=span))
    return [_describe(g, text, p, role) for p in people if not p.replaced], warnings


def names_a_role(text: str) -> bool:
    """True for text with a role or an official's title: `ordförande`, `kommundirektör`."""
    g = _grammar()
    return any(p.search(text) for _, p in g.roles) or (
        _may_title(g, text.casefold()) and g.title.search(text) is not None
    )


def points_elsewhere(text: str) -> bool:
    """True for a list that points elsewhere: `Se bilaga 1`, `Enligt närvarolista sidan 2`."""
    return _grammar().elsewhere.search(_SPACE.sub(" ", text)) is not None
