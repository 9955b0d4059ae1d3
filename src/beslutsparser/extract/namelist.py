"""Who said it: the names and party groups before a verb, shared by motions, votes and reservations.

Forms handled (vocabulary in ``vocab/votes.toml``):

- Form `Jonas Attenius (S)`; lower-case codes `Johan Svensson (m)` (→ ``M``); a name broken over
  lines `Viktoria` ⏎ `Tryggvadottir Rolka (S)`, `Nina Miskovsky` ⏎ `(M)`; particles
  `Maria ben Salem Dynehäll (L)`.
- Form `A (S), B (M) och C (V)`, `… samt ordföranden Jonas Attenius (S)`: a list, each name with
  its role (`tjänstgörande ersättarna Marie Brynolfsson (V) och Nina Miskovsky (M)` → both
  ``tjänstgörande ersättare``).
- Form `tjänstgörande ersättaren Anna Berg (V) för Bo Ek (V)`: Bo Ek is the member replaced
  (``substitute_for``) and is not one of the list's speakers.
- Form `Ledamöterna från M, D, L och KD`, `Representanterna från S, V och MP`,
  `Moderaterna`: a party group, one mention a party, no name.

A list is read as a chain: the mentions that stand next to each other with only separators,
roles, bullets and line breaks between them. :func:`chain_before` gives the chain that ends right
before a verb (`A (S) och B (M) yrkar`), :func:`chain_after` the one that starts right after it
(`Vidare yrkar A (S)`, `Följande ledamöter röstar JA:` ⏎ `A (S)` ⏎ `B (M)`).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import regex

from beslutsparser.extract.scan import alternation, finditer_at, first_words, word_starts
from beslutsparser.model import Span
from beslutsparser.vocab import load

# How far back from a party code a name may start, and how far before the name its role may.
_NAME_WINDOW = 120
_ROLE_WINDOW = 50
# How far before a lookup the scan for sentence boundaries begins (further where none is found).
_SENTENCE_REACH = 400
# Tokens in a name, at most ("Maria ben Salem Dynehäll" has four).
_MAX_NAME_TOKENS = 6
_NAME_WORD = r"\p{Lu}[\p{L}'’\-]*\.?"
_NAME_TOKEN = regex.compile(_NAME_WORD)
_WS = regex.compile(r"\s+")
_BLANK_LINE_BACKWARDS = regex.compile(r"\n[ \t]*\n", regex.REVERSE)  # the last blank line before a position
# Stands for the space between a phrase's words while its trie is built (no vocabulary word holds it).
_JOIN = "\x00"
# What a gap between a list's mentions holds besides whitespace and its words (separators, substitutes).
_GAP_MARKS = ",;&•·*-–"
# What may stand before a mention at a line's start.
_BULLETS = " \t-•*"


@dataclass(frozen=True)
class Mention:
    """A person (``name``) or a party group (``name`` None, one or more ``parties``)."""

    name: str | None
    parties: tuple[str, ...]
    role: str | None
    span: Span  # the name and its party code, or the whole group phrase
    lead: int  # where the mention begins, role words included
    substitute_for: str | None = None
    plural: bool = False  # the role is written in the plural and covers the names after it

    @property
    def party(self) -> str | None:
        return self.parties[0] if len(self.parties) == 1 else None


@dataclass(frozen=True)
class Scanned:
    """A pattern whose every match begins where a word of ``words`` (case-folded) begins, in any case,
    or where ``anchor`` matches: tried only there, which is many times faster than a scan for an
    optional lead or a case-insensitive alternation."""

    pattern: regex.Pattern[str]
    words: tuple[str, ...]
    anchor: regex.Pattern[str] | None = None
    line_start: bool = False  # instead, every match begins at a line's start, spaces and tabs, such a word
    bounded: bool = False  # every match begins with (?<![\w-]): not inside a word
    indexed: bool = True  # found from the document's word index (see scan.word_starts)

    def finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
        """The matches of ``pattern.finditer(text, start, end)``."""
        return finditer_at(self.pattern, text, start, end, self.starts(text, start, end))

    def starts(self, text: str, start: int, end: int) -> list[int] | None:
        """Where a match may begin in ``text[start:end]``, in order; None where any offset may."""
        starts = word_starts(text, start, end, self.words, self.anchor, self.indexed)
        if starts is not None and self.bounded:
            starts = [at for at in starts if not _in_word(text, at)]
        if starts is not None and self.line_start:
            lines: list[int] = []
            for at in starts:  # in order, so the lines too
                line = text.rfind("\n", 0, at) + 1
                if not text[line:at].strip(" \t") and (not lines or lines[-1] != line):
                    lines.append(line)
            starts = lines
        return starts


@dataclass(frozen=True)
class _Vocab:
    paren: regex.Pattern[str]
    name_run: regex.Pattern[str]  # REVERSE: the (up to six) words of a name before a position, and the word before
    group: Scanned  # begins at a group phrase or a party name; see code_start
    code_start: regex.Pattern[str]  # a party code as a list's first member
    code_reach: int  # how far past its start code_start reads: the longest code and the character after it
    list_break: regex.Pattern[str]  # REVERSE: a character no party list holds
    mention_end: regex.Pattern[str]  # REVERSE: what a mention ends with, then spaces and tabs
    party_list: regex.Pattern[str]
    list_ends: frozenset[str]  # casefolded: the last characters of the codes and party names a list ends with
    party_member: regex.Pattern[str]
    role_tail: regex.Pattern[str]  # REVERSE: a role right before a name, longest first
    role_ends: tuple[str, ...]  # casefolded: the last words of the roles, which role_tail's matches end with
    filler: regex.Pattern[str]
    substitute: regex.Pattern[str]
    gap_letters: frozenset[str]  # casefolded: the characters of the separators and substitute words
    sentence_end: regex.Pattern[str]
    codes: dict[str, str]  # casefolded code or party name -> code
    roles: dict[str, str]  # casefolded role phrase -> base form
    plural_roles: frozenset[str]  # casefolded
    party_names: frozenset[str]  # casefolded written-out names
    particles: frozenset[str]
    stops: frozenset[str]  # casefolded: headings and vote words, never part of a name
    openers: frozenset[str]


def words(items: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, inner spaces matching any whitespace."""
    escaped = (r"\s+".join(regex.escape(part) for part in item.split()) for item in items)
    return "|".join(sorted(escaped, key=len, reverse=True))


def phrases(items: Iterable[str]) -> str:
    r""":func:`words` written as a trie (`lämnar\s+(?:en\s+reservation|…)`): the same match, the longest,
    but the engine rules out a position where none matches many times faster."""
    return alternation(_JOIN.join(item.split()) for item in items).replace(_JOIN, r"\s+")


def collapse(text: str) -> str:
    """Whitespace (line breaks included) folded to single spaces, ends trimmed."""
    if text.isprintable():  # its only whitespace is " ", so str.split does what the pattern would, faster
        return " ".join(text.split())
    return _WS.sub(" ", text).strip()


@cache
def data() -> dict[str, Any]:
    """The parsed ``vocab/votes.toml``."""
    return load("votes")


@cache
def party_codes() -> tuple[str, ...]:
    """Every party code of ``vocab/parties.toml`` as written there (`S`, `ÖrP`, `-`)."""
    parties = load("parties")
    return tuple(code for group in ("national", "former", "local", "independent") for code in parties[group])


@cache
def _vocab() -> _Vocab:
    vocab = data()
    parties = vocab["parties"]
    persons = vocab["persons"]
    all_codes = party_codes()
    codes = {code.casefold(): code for code in all_codes}
    codes.update({name.casefold(): code for name, code in parties["names"].items()})
    list_codes = words(code for code in all_codes if code.isalpha())
    member = rf"(?<![\w-])(?:{list_codes}|(?i:{words(parties['names'])}))(?![\w-])"
    separators = words(persons["words"]["separators"])
    party_list = rf"{member}(?:\s*(?:{separators})\s*{member})*"
    roles = persons["roles"]
    written = [*all_codes, *parties["names"], *persons["words"]["separators"], *persons["words"]["group_tails"]]
    list_chars = [char for item in written for char in item if not (char.isalnum() or char.isspace())]
    abbreviations = words(persons["words"]["abbreviations"])
    marks = regex.escape(_GAP_MARKS)
    name_word = rf"{_NAME_WORD}|{phrases(persons['words']['particles'])}"
    return _Vocab(
        paren=regex.compile(rf"\(\s*(?P<code>(?i:{phrases(codes)}))\s*\)"),
        name_run=regex.compile(
            # Whole words: each between spaces, the first after the word before or nothing.
            rf"(?:(?P<before>\S+)\s+|(?<!\S))(?:(?P<word>{name_word})\s+){{0,{_MAX_NAME_TOKENS - 1}}}"
            rf"(?P<word>{_NAME_WORD})\s*",
            regex.REVERSE,
        ),
        group=Scanned(
            regex.compile(
                rf"(?:(?i:{words(persons['words']['groups'])})\s+)?(?P<list>{party_list})"
                rf"(?:\s+(?i:{words(persons['words']['group_tails'])})(?![\w-]))?",
            ),
            first_words([*persons["words"]["groups"], *parties["names"]]),
        ),
        code_start=regex.compile(rf"(?<![\w-])(?:{list_codes})(?![\w-])"),
        code_reach=max(len(code) for code in all_codes if code.isalpha()) + 1,
        list_break=regex.compile(rf"[^\w\s{regex.escape(''.join(set(list_chars)))}]", regex.REVERSE),
        mention_end=regex.compile(
            rf"(?:\)|{list_codes}|(?i:{words(parties['names'])}|{words(persons['words']['group_tails'])}))[ \t]*",
            regex.REVERSE,
        ),
        party_list=regex.compile(party_list),
        list_ends=frozenset(item[-1].casefold() for item in [*all_codes, *parties["names"]]),
        party_member=regex.compile(member),
        role_tail=regex.compile(rf"(?<![\w-])(?P<role>(?i:{words(roles)}))\s*", regex.REVERSE),
        filler=regex.compile(rf"[\s{marks}]*(?:(?:{separators})(?!\w)[\s{marks}]*)?"),
        substitute=regex.compile(rf"\s*(?i:{words(persons['words']['substitute'])})\s+"),
        gap_letters=frozenset("".join([*persons["words"]["separators"], *persons["words"]["substitute"]]).casefold()),
        sentence_end=regex.compile(
            # the stop first, then the look back past it: the engine then scans for the stop alone, fast
            rf"[.!?](?<!\b(?i:{abbreviations})[.!?])(?=[\"”’]?[ \t]*\n|[\"”’]?\s+[\p{{Lu}}•\-–]|[\"”’]?\s*\Z)"
            r"|\n[ \t]*\n"
        ),
        codes=codes,
        roles={collapse(role).casefold(): base for role, base in roles.items()},
        role_ends=tuple({role.split()[-1].casefold() for role in roles}),
        plural_roles=frozenset(role.casefold() for role in persons["words"]["plural_roles"]),
        party_names=frozenset(name.casefold() for name in parties["names"]),
        particles=frozenset(persons["words"]["particles"]),
        stops=frozenset(word.casefold() for word in [*persons["words"]["headings"], *vocab["votes"]["labels"]]),
        openers=frozenset(persons["words"]["openers"]),
    )


def is_name(line: str) -> bool:
    """A line that holds only name words (`Robert Andersson`, `Hammarstrand`, `Maria ben Salem`)."""
    tokens = line.split()
    particles = _vocab().particles
    return bool(tokens) and all(_NAME_TOKEN.fullmatch(token) or token in particles for token in tokens)


def party_code(written: str) -> str | None:
    """The party code of a code or party name as written (`m` → ``M``, `Liberalerna` → ``L``)."""
    return _vocab().codes.get(collapse(written).casefold())


def party_list(text: str, start: int, end: int) -> list[str]:
    """The codes of a bare party list filling ``text[start:end]`` (`FP, M, C, KD`), else empty."""
    vocab = _vocab()
    # A list ends with a code or party name: a range that ends otherwise is none, and the slower pattern is skipped.
    if start >= end or text[end - 1].casefold() not in vocab.list_ends:
        return []
    match = vocab.party_list.fullmatch(text, start, end)
    if match is None:
        return []
    return [vocab.codes[m[0].casefold()] for m in vocab.party_member.finditer(text, start, end)]


def _name_before(text: str, floor: int, pos: int) -> tuple[str, int, int, str | None, bool] | None:
    """The name ending right before ``pos`` (a party code's parenthesis): name, start, lead, role
    and whether the role is plural.

    The name is the run of capitalised words (and particles) before ``pos``, at most six, within
    one paragraph, after the last heading word, opener or role among them.
    """
    vocab = _vocab()
    window_start = max(floor, pos - _NAME_WINDOW)
    # One backwards match reads the name's words, on a copy of the window: a word may begin at its start.
    window = text[window_start:pos]
    run = vocab.name_run.match(window)
    if run is None:
        return None
    # All at once (quicker than a call for each group): the word before, and the name's words, nearest first.
    _, before_words, taken = run.allcaptures()
    _, before_spans, spans = run.allspans()
    count = len(taken)
    if window.find("\n", spans[-1][0]) >= 0 and (blank := _BLANK_LINE_BACKWARDS.search(window, spans[-1][0])):
        count = sum(at >= blank.end() for at, _ in spans)  # a blank line ends the name: the words after it
    cut = window_start > floor and not text[window_start - 1].isspace()
    if cut and count == len(taken) and not before_words:
        count -= 1  # the window may have cut its first word, which then ends the name
    role: str | None = None
    plural = False
    lead_at: int | None = None
    for i in range(count):
        # A heading word, opener or role ends the name; a role is read ("Ordföranden Jonas …").
        word = taken[i]
        folded = word.casefold()
        if folded in vocab.stops or word in vocab.openers or folded in vocab.roles:
            if folded in vocab.roles and folded not in vocab.stops:
                role, lead_at, plural = vocab.roles[folded], window_start + spans[i][0], folded in vocab.plural_roles
            count = i
            break
    while count and taken[count - 1] in vocab.particles:
        count -= 1
    if not count:
        return None
    start = window_start + spans[count - 1][0]
    if count < len(taken):
        before, before_at = taken[count], spans[count][0]
    else:
        before, before_at = (before_words[0], before_spans[0][0]) if before_words else (None, -1)
    if cut and before_at == 0:
        before = None  # maybe cut: the text is looked at instead
    # A role ends with a word of role_ends, so with the word before the name: the slower pattern is tried only there.
    if role is None and (
        before.casefold().endswith(vocab.role_ends)
        if before is not None
        else _may_end_role(text, max(floor, start - _ROLE_WINDOW), start, vocab.role_ends)
    ):
        tail = vocab.role_tail.match(text, max(floor, start - _ROLE_WINDOW), start)
        if tail is not None:
            written = collapse(tail["role"]).casefold()
            role, lead_at, plural = vocab.roles[written], tail.start(), written in vocab.plural_roles
    # The words are whole and split at whitespace: joined, they are the name collapsed.
    name = " ".join(taken[count - 1 :: -1])
    return name, start, start if lead_at is None else lead_at, role, plural


def _may_end_role(text: str, floor: int, pos: int, ends: tuple[str, ...]) -> bool:
    """Whether the text before ``pos``, whitespace skipped, ends with one of ``ends``: the backwards
    role pattern, slow to try, can match only there."""
    end = pos
    while end > floor and text[end - 1].isspace():
        end -= 1
    return text[floor:end].casefold().endswith(ends)


def _before_blanks(text: str, start: int, pos: int) -> int:
    """Where the spaces and tabs right before ``pos`` begin (not before ``start``)."""
    while pos > start and text[pos - 1] in " \t":
        pos -= 1
    return pos


def may_end_mention(text: str, start: int, pos: int) -> bool:
    """Whether a mention in ``text[start:]`` may end right before ``pos``, spaces and tabs between: a
    party code's parenthesis, or the party code, party name or group word that ends a party group."""
    last = _before_blanks(text, start, pos)
    # Each of those ends with ")" or a letter: the slower pattern is tried only there.
    if last == start or not (text[last - 1] == ")" or text[last - 1].isalpha()):
        return False
    return _vocab().mention_end.match(text, start, pos) is not None


def may_end_line_chain(text: str, start: int, end: int, pos: int) -> bool:
    """Whether a chain of the mentions in ``text[start:end]`` whose first stands at a line's start (see
    :func:`at_line_start`) may end right before ``pos``, spaces and tabs between; True where unsure.

    Only the name before ``pos`` is read, not the whole range: a colon after `Förslag av Axel
    Josefson (M)` ends no such chain, and the range's mentions need not be found.
    """
    vocab = _vocab()
    last = _before_blanks(text, start, pos)
    if last == start or text[last - 1] != ")":
        return may_end_mention(text, start, pos)  # a party group may end there: not looked into
    # A person's mention, then: the "(S)" ending there, found as find_mentions finds it, and the name before it.
    opening = text.rfind("(", start, last)
    paren = vocab.paren.match(text, opening, end) if opening >= 0 else None
    named = _name_before(text, start, opening) if paren is not None and paren.end() == last else None
    if named is None:
        return False
    _, name_start, lead, _, _ = named
    if lead != name_start:
        return True  # a role before the name, where a party group may end: not looked into
    # The chain reaches the name over a gap: from a line's start or from a mention ending there.
    gap = lead
    while gap > start and _may_be_in_gap(text[gap - 1], vocab):
        gap -= 1
    return any(
        _gap_kind(text, at, lead) is not None and (at_line_start(text, start, at) or may_end_mention(text, start, at))
        for at in range(gap, lead + 1)
    )


def _may_be_in_gap(char: str, vocab: _Vocab) -> bool:
    """Whether ``char`` may stand in a gap between a list's mentions (a few more may than do)."""
    folded = char.casefold()
    return char.isspace() or char in _GAP_MARKS or len(folded) != 1 or folded in vocab.gap_letters


def at_line_start(text: str, start: int, pos: int) -> bool:
    """Whether only spaces, tabs and bullets stand between the start of ``pos``'s line (or ``start``) and ``pos``."""
    return not text[max(start, text.rfind("\n", start, pos) + 1) : pos].strip(_BULLETS)


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Every person with a party code and every party group in ``text[start:end]``, in order."""
    return list(_mentions(text, start, end))


@lru_cache(maxsize=16)
def _mentions(text: str, start: int, end: int) -> tuple[Mention, ...]:
    """:func:`find_mentions`, remembered: motions and votes read the same § one after the other."""
    vocab = _vocab()
    found: list[Mention] = []
    # The names' spans, disjoint and in order (a name stops at the ")" before it): found by bisect.
    lefts: list[int] = []
    rights: list[int] = []
    codes: list[int] = []  # where each name's parenthesis begins
    for match in vocab.paren.finditer(text, start, end):
        named = _name_before(text, start, match.start())
        if named is None:
            continue
        name, name_start, lead, role, plural = named
        code = vocab.codes[match["code"].casefold()]
        found.append(Mention(name, (code,), role, (name_start, match.end()), lead, plural=plural))
        lefts.append(name_start)
        rights.append(match.end())
        codes.append(match.start())
    for match in finditer_at(vocab.group.pattern, text, start, end, _group_starts(text, start, end, codes, rights)):
        span = (match.start(), match.end())
        i = bisect.bisect_right(rights, span[0])
        if i < len(rights) and lefts[i] < span[1]:
            continue  # overlaps a name
        if match.start("list") == match.start() and not _is_named_group(match["list"], vocab):
            continue  # bare codes ("S", "M") are parties only after a group phrase or a label
        parties = tuple(vocab.codes[m[0].casefold()] for m in vocab.party_member.finditer(match["list"]))
        found.append(Mention(None, parties, None, span, span[0]))
    found.sort(key=lambda mention: mention.span)
    return tuple(found)


def _group_starts(text: str, start: int, end: int, codes: list[int], rights: list[int]) -> list[int] | None:
    """Where a party group may begin in ``text[start:end]`` (None: anywhere), the names' parentheses
    beginning at ``codes`` and the names ending at ``rights``.

    A group also begins at a bare party code (`S, V och MP`), but is then dropped (see
    :func:`_mentions`): such a match matters only where its list runs on to a group phrase or
    party name, which then begins no group of its own. So codes are looked for only in the run of
    list characters (words, spaces, separators) right before each of those words, not in the
    whole § (a slow scan).
    """
    vocab = _vocab()
    words = vocab.group.starts(text, start, end)
    if words is None:
        return None
    # A group beginning inside a name's "(S)" ends before the ")" and overlaps the name: not tried.
    words = [at for at in words if not _inside(at, codes, rights)]
    codes_at: set[int] = set()
    scanned = start  # the codes before here are found
    for word in words:
        run = vocab.list_break.search(text, scanned, word)
        # Only codes beginning before the word count: the scan stops right after the last of them could end.
        reach = min(end, word + vocab.code_reach)
        for match in vocab.code_start.finditer(text, run.end() if run else scanned, reach, overlapped=True):
            if match.start() >= word:
                break
            if not _inside(match.start(), codes, rights):
                codes_at.add(match.start())
        scanned = max(scanned, word)
    return sorted(codes_at.union(words)) if codes_at else words


def _inside(at: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``at`` lies strictly inside one of the disjoint spans, in order, that ``starts`` and
    ``ends`` give."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and starts[i] < at < ends[i]


def _in_word(text: str, at: int) -> bool:
    r"""Whether ``text[at - 1]`` is a letter, digit, ``_`` or ``-`` (then ``(?<![\w-])`` fails at ``at``)."""
    before = text[at - 1] if at else " "
    return before.isalpha() or before.isdecimal() or before in "_-"


def _is_named_group(written: str, vocab: _Vocab) -> bool:
    """A list of written-out party names (`Moderaterna och Liberalerna`), not of bare codes."""
    return all(m[0].casefold() in vocab.party_names for m in vocab.party_member.finditer(written))


def _resolve(chain: list[Mention], gaps: list[str]) -> list[Mention]:
    """Fold `X (V) för Y (S)` into X with ``substitute_for`` Y, and share a plural role
    (`tjänstgörande ersättarna A (V) och B (M)`) with the names after it; ``gaps[i]`` precedes
    ``chain[i]``."""
    out: list[Mention] = []
    shared: str | None = None
    for mention, gap in zip(chain, gaps, strict=True):
        if out and gap == "substitute":
            out[-1] = replace(out[-1], substitute_for=mention.name)
            continue
        if mention.role is not None:
            shared = mention.role if mention.plural else None
        elif shared is not None:
            mention = replace(mention, role=shared)
        out.append(mention)
    return out


def _gap_kind(text: str, start: int, end: int) -> str | None:
    vocab = _vocab()
    if vocab.filler.fullmatch(text, start, end):
        return "list"
    if vocab.substitute.fullmatch(text, start, end):
        return "substitute"
    return None


def _span_start(mention: Mention) -> int:
    return mention.span[0]


def _span_end(mention: Mention) -> int:
    return mention.span[1]


def chain_before(text: str, mentions: Sequence[Mention], pos: int, floor: int = 0) -> list[Mention]:
    """The mentions that form a list ending right before ``pos`` (only whitespace between); ``mentions``
    as :func:`find_mentions` gives them (in order, disjoint)."""
    collected: list[tuple[Mention, str]] = []  # backwards: a mention and the gap after it
    cursor = pos
    # The mentions are in order and disjoint, so are their ends: the last that ends by pos is found by bisect.
    for i in range(bisect.bisect_right(mentions, pos, key=_span_end) - 1, -1, -1):
        mention = mentions[i]
        if mention.lead < floor:
            continue
        if collected:
            kind = _gap_kind(text, mention.span[1], cursor)
        else:
            kind = "list" if not text[mention.span[1] : cursor].strip() else None
        if kind is None:
            break
        collected.append((mention, kind))
        cursor = mention.lead
    collected.reverse()
    gaps = ["list", *(kind for _, kind in collected[:-1])][: len(collected)]
    return _resolve([mention for mention, _ in collected], gaps)


def chain_after(text: str, mentions: Sequence[Mention], pos: int, ceiling: int | None = None) -> list[Mention]:
    """The mentions that form a list starting right after ``pos`` (separators, bullets between); ``mentions``
    as for :func:`chain_before`."""
    limit = len(text) if ceiling is None else ceiling
    chain: list[Mention] = []
    gaps: list[str] = []
    cursor = pos
    # A mention begins where its lead does or after: the first whose lead may be pos or after is found by bisect.
    for i in range(bisect.bisect_left(mentions, pos, key=_span_start), len(mentions)):
        mention = mentions[i]
        if mention.lead < pos or mention.span[1] > limit:
            continue
        kind = _gap_kind(text, cursor, mention.lead)
        if kind is None:
            break
        chain.append(mention)
        gaps.append(kind if len(chain) > 1 else "list")
        cursor = mention.span[1]
    return _resolve(chain, gaps)


class Sentences:
    """Sentence boundaries of ``text[start:end]``, found once, by position, and only where looked up:
    the scan begins a little before the first lookup (most are near a verb, late in a long §) and
    reaches back only as far as a lookup needs.

    A scan may begin wherever the character before is no space, tab or line break: no boundary then
    runs across that point, so it finds what a scan from ``start`` finds past it.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self._low = end  # the boundaries that begin at or after it are found, up to the last in _ends
        self._found: Iterator[regex.Match[str]] = iter(())
        self._ends: list[int] = []  # the boundaries found so far, in order
        self._lock = threading.Lock()  # shared through sentences_of's cache: one thread reads on at a time

    def _scan_from(self, pos: int) -> None:
        """Find the boundaries from ``pos`` (moved back to where a scan may begin) up to ``_low``."""
        text, low = self.text, max(self.start, pos)
        while low > self.start and text[low - 1] in " \t\n":
            low -= 1
        if low >= self._low:
            return
        found = _vocab().sentence_end.finditer(text, low, self.end)
        if self._low == self.end:  # the first scan: read on later
            self._found, self._low = found, low
            return
        earlier: list[int] = []
        for match in found:
            if match.start() >= self._low:
                break
            earlier.append(match.end())
        self._ends[:0] = earlier
        self._low = low

    def _through(self, pos: int) -> list[int]:
        """The boundaries up to the first after ``pos`` (all, where none is), from one before ``pos``
        on (from ``start``, where none is)."""
        ends = self._ends
        reach = _SENTENCE_REACH
        self._scan_from(pos - reach)
        while True:
            while not ends or ends[-1] <= pos:
                match = next(self._found, None)
                if match is None:
                    break
                ends.append(match.end())
            if self._low <= self.start or (ends and ends[0] <= pos):
                return ends
            reach *= 4  # none found before pos: scan further back
            self._scan_from(self._low - reach)

    def start_of(self, pos: int) -> int:
        """Where the sentence holding ``pos`` begins."""
        with self._lock:  # a scan further back shifts the boundaries: read them under the lock too
            ends = self._through(pos)
            i = bisect.bisect_right(ends, pos) - 1
            return ends[i] if i >= 0 else self.start

    def end_of(self, pos: int) -> int:
        """Where the sentence holding ``pos`` ends (after its full stop)."""
        with self._lock:
            ends = self._through(pos)
            i = bisect.bisect_right(ends, pos)
            return ends[i] if i < len(ends) else self.end


@lru_cache(maxsize=16)
def sentences_of(text: str, start: int, end: int) -> Sentences:
    """The :class:`Sentences` of ``text[start:end]``, remembered: votes and motions read the same §."""
    return Sentences(text, start, end)


def trim(text: str, start: int, end: int) -> Span:
    """``(start, end)`` with surrounding whitespace, quotes and joining punctuation dropped."""
    while start < end and (text[start].isspace() or text[start] in ',:;"”“'):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',:;"”“'):
        end -= 1
    return start, end
