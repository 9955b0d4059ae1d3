"""Dates: every day, month and week a protocol names, with its role where the wording says it.

A compiled ``regex`` grammar finds date expressions ("atoms"); neighbouring atoms joined by a
range or list word are linked so that a year written once serves all of them, and a year still
missing comes from the context. :func:`find_dates` lists the written forms. No ``dateparser``:
the grammar, the vocabulary's misspellings and an edit-distance check of misspelt month names
cover the odd forms seen in protocols without inventing dates from times or § numbers.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Literal

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.scan import first_words, may_hold, word_starts
from beslutsparser.model import DateMention, Precision, Warning
from beslutsparser.vocab import load

_Link = Literal["range", "list"]

_YEAR = r"(?:19|20)\d{2}"
# A year is not one when it opens a year range ("den 15 december 2024–2027") or an SFS number.
_YEAR_END = rf"(?!\p{{N}}|:\d|\s*[-–—]\s*{_YEAR}(?![-‐‑\p{{N}}]))"
_DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])"
_DAY = rf"{_DAY_NUMBER}(?!\p{{N}})"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
# An ISO date is unmistakable by its shape: one with no such month or day ("2024-13-01",
# "2024-02-32") is read, to be warned of as invalid, not passed over in silence.
_ISO_MONTH = r"(?:0?\d|1\d)"
_ISO_DAY = r"(?:0?\d|[1-3]\d)(?!\p{N})"
# A day number does not continue a number, a decimal, a time, a fraction or a § number.
_DAY_LEFT = r"(?<![\p{L}\p{N}.,:/§])(?<!§\s{1,3})"
_ISO_LEFT = r"(?<![\p{L}\p{N}/:.])(?<!\p{L}[-‐‑])"
_WORD_LEFT = r"(?<![\p{L}\p{N}])"
# Longest word checked as a misspelt month name ("septembber").
_LONGEST_MONTH_TYPO = 12
# Most characters between two dates joined as a range or list ("  till och med den ").
_LONGEST_GAP = 30
# How far before a date its role cue may begin ("bordläggs till kommunstyrelsens sammanträde den").
_ROLE_WINDOW = 120
# How far before a day its weekday may begin ("söndagen den ").
_WEEKDAY_WINDOW = 20
# Most whitespace between a week word and its number ("vecka   12").
_WEEK_GAP = 3
# A year with 29 February and an ISO week 53, to check days and weeks whose year is unknown.
_LEAP_YEAR = 2020


# The atom's forms, the most frequent first, each with a group that only it has: an atom is told by
# the one whose group matched (a group around each form costs the engine time at every atom).
_FORMS = (("text", "tm"), ("iso", "im"), ("month", "mm"), ("num", "nm"), ("dots", "dm"), ("typo", "xw"), ("week", "ww"))


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie, backwards: bool) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char:
            literal, rest = (r"\s+" if char == " " else regex.escape(char)), _trie_pattern(child, backwards)
            branches.append(rest + literal if backwards else literal + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" in node:
        return f"(?:{body})?"
    return body


def _alternation(words: Iterable[str], backwards: bool = False) -> str:
    """Literal words as one pattern factored on shared prefixes (``jan(?:uari)?``), which the
    engine tries far faster than a flat list; a space matches any whitespace. Longer words are
    tried first. ``backwards`` factors them on shared suffixes instead (``(?:jan|febr)uari``), for
    a lookbehind or a REVERSE pattern, which the engine matches from the end. The words match in
    any case wherever the pattern stands."""
    root: _Trie = {}
    for word in words:
        node = root
        written = " ".join(word.split()).casefold()
        for char in reversed(written) if backwards else written:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?i:{_trie_pattern(root, backwards)})"


def _behind_number(left: str) -> str:
    """A lookbehind from the end of the number just taken that tests ``left`` where the number begins."""
    return rf"(?<={left}(?<!\p{{N}})\p{{N}}+)"


def _connectors(words: Iterable[str]) -> str:
    """Connectors with the whitespace they need: words need spaces, dashes and commas do not."""
    words = list(words)
    signs = [w for w in words if not w[0].isalnum()]
    named = [w for w in words if w[0].isalnum()]
    options = []
    if signs:
        options.append(rf"\s*{_alternation(signs)}\s*")
    if named:
        options.append(rf"\s+{_alternation(named)}(?:(?<=\.)\s*|\s+)")
    return f"(?:{'|'.join(options)})"


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class _Grammar:
    """The compiled patterns and lookup tables built from ``vocab/dates.toml``."""

    atom: regex.Pattern[str]
    atom_without_weeks: regex.Pattern[str]
    """The atom with its week form failing at once, for text with no week word: same groups, same numbers."""
    index: dict[str, int]
    """The atom's group numbers by name: a match gives a group by number several times faster."""
    forms: tuple[tuple[str, int], ...]
    """``_FORMS`` but the last (an atom in none of these is in the last), each with its group's number."""
    gap: regex.Pattern[str]
    """What joins two atoms as a range (group ``range``), else as a list (``list``)."""
    role_cue: regex.Pattern[str]
    articles: frozenset[str]
    cue_last_words: frozenset[str]
    cue_last_beginnings: tuple[str, ...]
    cue_before_any_word: frozenset[str]
    """How a cue's last word is written, begins, or what word may come before any last word (case-folded)."""
    cue_never_last: tuple[str, ...]
    """Signs no cue ends with."""
    weekday_before: regex.Pattern[str]
    weekday_words: tuple[str, ...]
    week_words: tuple[str, ...]
    week_reach: int
    """How far before a week number its week word may begin (each week word is one word)."""
    months: dict[str, int]
    full_months: dict[str, int]
    range_connectors: frozenset[str]
    year_pivot: int


@cache
def _grammar() -> _Grammar:
    vocab = load("dates")
    months_vocab = vocab["months"]
    grammar = vocab["grammar"]
    full = {k.casefold(): int(v) for k, v in months_vocab["names"].items()}
    abbreviations = {k.casefold(): int(v) for k, v in months_vocab["abbreviations"].items()}
    typos = {k.casefold(): int(v) for k, v in months_vocab["typos"].items()}
    months = {**typos, **abbreviations, **full}

    month_forms = [*full, *typos, *abbreviations, *(f"{a}." for a in abbreviations)]
    month = rf"{_alternation(month_forms)}(?!\p{{L}})"
    # A lookbehind is matched from its end: names factored on their endings fail at a letter or two.
    month_behind = rf"{_alternation(month_forms, backwards=True)}(?!\p{{L}})"
    article = _alternation(grammar["articles"])
    ordinal = rf"{_alternation(grammar['ordinal_suffixes'])}?"
    year = rf"(?:,?\s+{_alternation(grammar['year_prefixes'])}\s+|,?\s+)"
    connectors = [*grammar["range_connectors"], *grammar["list_connectors"]]
    sep = rf"(?P<sep>{_connectors(connectors)})"
    week_word = _alternation(grammar["week_words"])
    week_word_behind = _alternation(grammar["week_words"], backwards=True)
    initials = f"(?i:[{''.join(sorted({name[0] for name in full}))}])"
    # What may follow a day number: a month, a connector word or a connector sign.
    signs = regex.escape("".join(sorted({c[0] for c in connectors if not c[0].isalnum()})))
    after_day = rf"(?={ordinal}\s*(?:\p{{L}}|[{signs}]))"
    # the article before the number just taken (see _behind_number)
    article_before = _behind_number(rf"{_WORD_LEFT}{article}\s{{1,3}}")

    # Each form is written as it goes on after its first number, which the atom takes first (see atom
    # below); what the form asks of that number and of the text before it is looked for behind.
    forms = {
        # 2020-12-15
        "iso": rf"(?<={_ISO_LEFT}{_YEAR})-(?P<im>{_ISO_MONTH})-(?P<id>{_ISO_DAY})",
        # 15/12 2020, 15/12-2020, 15/12-20, den 15/12
        "num": (
            rf"(?=/){_behind_number('(?<!-)')}(?:/(?P<nm>{_MONTH_NUMBER})"
            rf"(?:(?:[ \t]+|[-/])(?P<ny>{_YEAR}){_YEAR_END}|[-/](?P<nyy>\d{{2}})(?![\p{{N}}/]))"
            rf"|{article_before}/(?P<nm>{_MONTH_NUMBER})(?![\p{{N}}/]))"
        ),
        # 15.12.2020
        "dots": rf"\.(?P<dm>{_MONTH_NUMBER})\.(?P<dy>{_YEAR})(?!\.?\p{{N}})",
        # 15 december 2020, 12–14 maj 2021, den 5, 12 och 19 maj (a weekday before is added later)
        "text": (
            rf"{ordinal}(?:{sep}(?:{article}\s+)?(?P<td>{_DAY}){ordinal})*\s*(?P<tm>{month})"
            rf"(?:{year}(?P<ty>{_YEAR}){_YEAR_END})?"
        ),
        # 15 decmbr 2020, den 15 decmbr: a month name misspelt, checked against the names later
        "typo": (
            rf"(?:\s*(?P<xw>(?={initials})\p{{L}}{{4,{_LONGEST_MONTH_TYPO}}})"
            rf"\.?{year}(?P<xy>{_YEAR}){_YEAR_END}"
            rf"|{article_before}\s*(?P<xw>(?={initials})\p{{L}}{{4,{_LONGEST_MONTH_TYPO}}})(?!\p{{L}}))"
        ),
        # februari 2021, januari–mars 2021: found at the year, the months looked for behind it
        # (not after a number: "32 maj 2021" is no date at all)
        "month": (
            rf"{_YEAR_END}(?<=[\p{{L}}.,]\s{{1,5}}\p{{N}}+)"
            rf"(?<={_WORD_LEFT}(?<!\p{{N}}\s{{0,3}})(?P<mm>{month_behind})(?:{sep}(?P<mm>{month_behind}))*{year}\p{{N}}+)"
        ),
        # vecka 12 2021, veckorna 12–14, v. 12: found at the number, the week word behind it
        "week": (
            rf"(?<=(?<!\p{{N}})\d+)(?<=[\p{{L}}.]\s{{0,{_WEEK_GAP}}}\p{{N}}+)"  # decimal digits, after a word
            rf"(?<={_WORD_LEFT}(?P<ww>{week_word_behind})\s*\p{{N}}+)"
            rf"(?:{sep}(?:{week_word}\s*)?(?P<wn>\d{{1,2}})(?!\p{{N}}))*(?:{year}(?P<wy>{_YEAR}){_YEAR_END})?"
        ),
    }

    def choice(*names: str) -> str:
        return "|".join(f"(?:{forms[name]})" for name in names)

    # Every form opens with a number (a month or week word is looked for behind it), which the atom
    # takes first, whole, as ``number``: the engine skips fast to a pattern's first character when it
    # is one to take, slowly when it is a lookaround. The number's length picks the forms worth trying:
    # the engine pays for every alternative it enters at each of the many numbers.
    def atom(weeks: str, first: str) -> regex.Pattern[str]:
        # no IGNORECASE: the words are case-insensitive on their own (see _alternation), and the
        # engine scans the many numbers faster without the flag. A number of one or two digits is
        # a week or a day (with nothing before it that a day cannot follow), one of four a year.
        return regex.compile(
            rf"(?<!\p{{N}})(?P<number>{first}\p{{N}}*+)(?:(?<!\p{{N}}{{3}})(?:{weeks}"
            rf"|(?<={_DAY_LEFT}{_DAY_NUMBER})(?:{after_day}(?:{choice('text', 'typo')})|{choice('num', 'dots')}))"
            rf"|(?<=(?<!\p{{N}}){_YEAR})(?:{choice('iso', 'month')}))"
        )

    # a group a role, in the order the roles are tried; the cues themselves have no groups
    roles = vocab["roles"]
    cues = "|".join(f"(?P<{role}>{'|'.join(f'(?:{cue})' for cue in written)})" for role, written in roles.items())
    gap_tail = rf"(?:{article}\s+)?"
    # matched backwards from the date (REVERSE ``match`` anchors at the end of the window); the
    # whitespace before the date is taken whole (``\s*+``): a cue ends at a word, and is not tried again at each space
    role_cue = regex.compile(rf"{_WORD_LEFT}(?:{cues})(?:\s+{article})?\s*+", regex.IGNORECASE | regex.REVERSE)
    # a week number may be written in any digits, a day's and a year's open with 0-9
    compiled = atom(choice("week"), r"\d")
    return _Grammar(
        atom=compiled,
        # (?!) fails before the engine enters the week form's lookbehinds, at each of the many numbers
        atom_without_weeks=atom(f"(?!){choice('week')}", "[0-9]"),
        index=dict(compiled.groupindex),
        forms=tuple((form, compiled.groupindex[name]) for form, name in _FORMS[:-1]),
        gap=regex.compile(
            rf"(?P<range>{_connectors(grammar['range_connectors'])}{gap_tail})"
            rf"|(?P<list>{_connectors(grammar['list_connectors'])}{gap_tail})",
            regex.IGNORECASE,
        ),
        role_cue=role_cue,
        articles=frozenset(a.casefold() for a in grammar["articles"]),
        cue_last_words=frozenset(w.casefold() for w in vocab["role_ends"]["words"]),
        cue_last_beginnings=tuple(w.casefold() for w in vocab["role_ends"]["word_beginnings"]),
        cue_before_any_word=frozenset(w.casefold() for w in vocab["role_ends"]["before_any_word"]),
        cue_never_last=tuple(vocab["role_ends"]["never_last_signs"]),
        weekday_before=regex.compile(
            rf"{_WORD_LEFT}{_alternation(vocab['weekdays']['forms'], backwards=True)}\.?,?\s+(?:{article}\s+)?",
            regex.IGNORECASE | regex.REVERSE,
        ),
        weekday_words=first_words(vocab["weekdays"]["forms"]),
        week_words=first_words(grammar["week_words"]),
        week_reach=_WEEK_GAP + max(len(word) for word in grammar["week_words"]),
        months=months,
        full_months=full,
        range_connectors=frozenset(_squash(c) for c in grammar["range_connectors"]),
        year_pivot=int(grammar["two_digit_year_pivot"]),
    )


@dataclass(slots=True)
class _Item:
    """One day, month or week of an atom, before its year is settled."""

    kind: Precision
    start: int
    end: int
    atom_start: int
    year: int | None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    link: _Link | None = None  # how this item relates to the next one
    first_of_atom: bool = True

    def order(self) -> tuple[int, int]:
        """Where the item falls within its year, to tell "30 december–2 januari 2021"."""
        if self.kind == "week":
            return (self.week or 0, 0)
        return (self.month or 0, self.day or 0)

    def value(self) -> str | None:
        if self.kind == "week":
            return f"{self.year}-W{self.week:02d}" if self.year is not None else None
        if self.kind == "month":
            return f"{self.year}-{self.month:02d}" if self.year is not None else None
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


def _osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit ("feburari")."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _misspelt_month(word: str) -> int | None:
    """The month a misspelt full name stands for: one edit away (two for long names), unambiguous."""
    word = word.casefold()
    allowed = 2 if len(word) >= 8 else 1
    scored = sorted((_osa_distance(word, name), number) for name, number in _grammar().full_months.items())
    best, number = scored[0]
    if best > allowed or (len(scored) > 1 and scored[1][0] == best and scored[1][1] != number):
        return None
    return number


def _link_of(separator: str) -> _Link:
    return "range" if _squash(separator) in _grammar().range_connectors else "list"


def _full_year(two_digits: str | None) -> str | None:
    """``20`` in ``15/12-20``: this century below the vocabulary's pivot, else the last."""
    if two_digits is None:
        return None
    number = int(two_digits)
    return str((2000 if number < _grammar().year_pivot else 1900) + number)


def _month_number(g: _Grammar, written: str) -> int:
    return g.months[written.rstrip(".").casefold()]


def _day_start(g: _Grammar, text: str, lo: int, at: int, weekdays: list[int] | None) -> int:
    """Where an atom of days at ``at`` begins: at a weekday before it, if any. ``weekdays`` are where
    the text's weekday words begin (see :func:`word_starts`), None where unknown."""
    low = max(lo, at - _WEEKDAY_WINDOW)
    # Most days have no weekday before them, which the words' offsets tell faster than the backwards match.
    if weekdays is None:
        window = text[low:at].casefold()
        maybe = any(word in window for word in g.weekday_words)
    else:
        k = bisect_left(weekdays, low)
        maybe = k < len(weekdays) and weekdays[k] < at
    weekday = g.weekday_before.match(text, low, at) if maybe else None
    return at if weekday is None else weekday.start()


def _day_parts(g: _Grammar, m: regex.Match[str], form: str) -> tuple[str | None, int | None, str]:
    """The year and the month of an atom of days, and its first day as written."""
    ix = g.index
    if form == "text":
        return m.group(ix["ty"]), _month_number(g, m.group(ix["tm"])), m.group(ix["number"])
    if form == "iso":
        return m.group(ix["number"]), int(m.group(ix["im"])), m.group(ix["id"])
    if form == "num":
        return m.group(ix["ny"]) or _full_year(m.group(ix["nyy"])), int(m.group(ix["nm"])), m.group(ix["number"])
    if form == "dots":
        return m.group(ix["dy"]), int(m.group(ix["dm"])), m.group(ix["number"])
    return m.group(ix["xy"]), _misspelt_month(m.group(ix["xw"])), m.group(ix["number"])


def _form(g: _Grammar, m: regex.Match[str]) -> str:
    """The form an atom is written in. A plain loop: next() over a generator costs more than the
    test itself, for every atom."""
    for form, number in g.forms:
        if m.group(number) is not None:
            return form
    return _FORMS[-1][0]  # every atom is written in one of the forms


def _items(g: _Grammar, text: str, lo: int, m: regex.Match[str], weekdays: list[int] | None) -> list[_Item]:
    """The items of one atom, linked to each other as the atom writes them."""
    ix = g.index
    form = _form(g, m)
    e = m.end()
    if form == "month":
        s = min(m.starts(ix["mm"]))
        made = sorted(
            (
                _Item("month", at, e, s, int(m.group(ix["number"])), month=_month_number(g, name))
                for name, at in zip(m.captures(ix["mm"]), m.starts(ix["mm"]), strict=True)
            ),
            key=lambda item: item.start,
        )
    elif form == "week":
        s = m.start(ix["ww"])
        year_text = m.group(ix["wy"])
        weeks = [(m.group(ix["number"]), s), *zip(m.captures(ix["wn"]), m.starts(ix["wn"]), strict=True)]
        made = [_Item("week", at, e, s, int(year_text) if year_text else None, week=int(week)) for week, at in weeks]
    else:
        s = _day_start(g, text, lo, m.start(), weekdays)
        year_text, month, first = _day_parts(g, m, form)
        if month is None:  # a misspelt month that is no month makes no day
            return []
        year = int(year_text) if year_text else None
        made = [_Item("day", s, e, s, year, month, int(first))]
        # the days after the first of a list or range ("den 5, 12 och 19 maj"): few atoms have them
        if more := m.captures(ix["td"]):
            days = zip(more, m.starts(ix["td"]), strict=True)
            made += [_Item("day", at, e, s, year, month, int(day)) for day, at in days]
    # an atom of one item (most are) has no separator to read
    if len(made) > 1:
        for item, separator in zip(made, m.captures(ix["sep"]), strict=False):
            item.link = _link_of(separator)
        for item in made[1:]:
            item.first_of_atom = False
    return made


def _join(text: str, items: list[_Item]) -> None:
    """Link the last item of an atom to the next atom's first where a range or list word joins them."""
    g = _grammar()
    for left, right in pairwise(items):
        if left.link is not None or not right.first_of_atom or left.kind != right.kind:
            continue
        if right.atom_start - left.end > _LONGEST_GAP:
            continue
        gap = g.gap.fullmatch(text, left.end, right.atom_start)
        if gap is not None:
            left.link = "range" if gap.lastgroup == "range" else "list"


def _settle_years(items: list[_Item], ctx: Context) -> None:
    """Give year-less items the year of the item they are joined to, else the context's."""
    fallback = (
        ctx.meeting_date.year if ctx.meeting_date is not None else ctx.case_year if ctx.case_year is not None else None
    )
    following: _Item | None = None
    for item in reversed(items):
        if item.year is None:
            if item.link is not None and following is not None and following.year is not None:
                item.year = following.year - 1 if item.order() > following.order() else following.year
            else:
                item.year = fallback
        following = item


def _valid(item: _Item) -> bool:
    """Whether the day or week exists (a year-less 29 February is allowed until its year is known)."""
    year = item.year if item.year is not None else _LEAP_YEAR
    try:
        if item.kind == "day":
            date(year, item.month or 0, item.day or 0)
        elif item.kind == "week":
            date.fromisocalendar(year, item.week or 0, 1)
    except ValueError:
        return False
    return True


def _ends_cue(g: _Grammar, words: list[str], n: int) -> bool:
    """Whether a cue may end at the end of ``words[:n]`` (as written; the last ones whole words)."""
    if not n:
        return False
    last = words[n - 1]
    # "§ 105, den 5 maj": a word that ends in such a sign ends no cue (nor does the word after "till")
    if last.endswith(g.cue_never_last):
        return False
    folded = last.casefold()
    # a word with a sign in it may hold a cue's last word after the sign ("t.o.m.", "(från"), and one
    # that folds to more letters ("İ") may be one that the case-insensitive cues match
    if (
        folded in g.cue_last_words
        or folded.startswith(g.cue_last_beginnings)
        or not last.isalnum()
        or len(folded) != len(last)
    ):
        return True
    if n < 2:
        return False
    before = words[n - 2].casefold()
    return before in g.cue_before_any_word or len(before) != len(words[n - 2])


def _may_end_cue(text: str, low: int, at: int) -> bool:
    """Whether a role cue may end right before ``at`` (an article between), told loosely from the
    last words of ``text[low:at]`` (``vocab/dates.toml`` [role_ends])."""
    g = _grammar()
    words = text[low:at].rsplit(None, 3)
    n = len(words)
    # a last "den" is the article, or the any-word of "inkom till den ..."
    if n and words[-1].casefold() in g.articles:
        return _ends_cue(g, words, n - 1) or _ends_cue(g, words, n)
    return _ends_cue(g, words, n)


def _role(text: str, lo: int, at: int) -> str | None:
    g, low = _grammar(), max(lo, at - _ROLE_WINDOW)
    # most dates have no cue: a look at the last words is several times faster than trying the cues
    if not _may_end_cue(text, low, at):
        return None
    m = g.role_cue.match(text, low, at)
    if m is None:
        return None
    return m.lastgroup  # the cue's role: its only group that took part


def find_dates_with_warnings(
    text: str, start: int = 0, end: int | None = None, ctx: Context | None = None
) -> tuple[list[DateMention], list[Warning]]:
    """The dates in ``text[start:end]`` and warnings for what could not be settled.

    Warning codes: ``date-year-unknown`` (a day or week without a year, and neither
    ``ctx.meeting_date`` nor ``ctx.case_year`` to take one from) and ``date-invalid``
    (``2023-02-30``: no mention is made).
    """
    ctx = ctx or Context()
    stop = len(text) if end is None else end
    items: list[_Item] = []
    g = _grammar()
    weekdays = word_starts(text, start, stop, g.weekday_words)
    # Few texts name a week: where none does, the week form is not tried at every number.
    weeks = may_hold(text, max(0, start - g.week_reach), stop, g.week_words)
    for m in (g.atom if weeks else g.atom_without_weeks).finditer(text, start, stop):
        items.extend(_items(g, text, start, m, weekdays))
    _join(text, items)
    _settle_years(items, ctx)

    mentions: list[DateMention] = []
    warnings: list[Warning] = []
    # the role of the atom last looked at, by where it begins: an atom's items stand together
    role_at = -1
    atom_role: str | None = None
    previous: _Item | None = None
    valid = [_valid(item) for item in items]
    for i, item in enumerate(items):
        span = (item.start, item.end)
        if not valid[i]:
            warnings.append(Warning(code="date-invalid", message=f"no such day: {text[slice(*span)]!r}", span=span))
            previous = None
            continue
        if item.atom_start != role_at:
            role_at, atom_role = item.atom_start, _role(text, start, item.atom_start)
        role = atom_role
        if previous is not None and previous.link == "range":
            role = role if item.first_of_atom and role is not None else "end"
        range_end = items[i + 1] if item.link == "range" and i + 1 < len(items) and valid[i + 1] else None
        if range_end is not None:
            span = (item.start, range_end.end)
        value = item.value()
        if item.year is None:
            warnings.append(
                Warning(
                    code="date-year-unknown",
                    message=f"no year for {text[item.start : item.end]!r}: no meeting date or case year",
                    span=(item.start, item.end),
                )
            )
        mentions.append(
            DateMention(
                text=text[span[0] : span[1]],
                date=value if item.kind == "day" and item.year is not None else None,
                precision=item.kind,
                span=span,
                value=value,
                end=range_end.value() if range_end is not None else None,
                role=role,
            )
        )
        previous = item
    return mentions, warnings


def find_dates(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None) -> list[DateMention]:
    """The dates in ``text[start:end]``, spans absolute, in text order. Forms:

    - Form `2020-12-15` (ISO), also unpadded `2020-3-5`; ISO ranges `2020-03-01–2020-04-30`. A typo
      tail is ignored: `2024-09-12-17 § 356` gives 2024-09-12, `2025-01-30-§ 26` gives 2025-01-30.
    - Form `15 december 2020`, `den 15 dec. 2020`, `2 okt 2020`, `den 1:a maj 2021`,
      `den 1 januari år 2025`, glued `7juni 2021`.
    - Form with a weekday: `tisdagen den 17 november 2020`, `torsdagen den 5 september 2024,
      klockan 14:00` (the time is not part of the date), `tis 17 nov 2020`.
    - Form without a year: `den 15 december`, `15 december`, `den 15/12`: the year comes from a
      date it is joined to (`1 mars–30 april 2020`), else from ``ctx.meeting_date``, else from
      ``ctx.case_year``, else ``date`` is ``None`` (``value`` ``--12-15``) and
      :func:`find_dates_with_warnings` gives a ``date-year-unknown`` warning.
    - Form with numbers: `15/12 2020`, `15/12-2020`, `15/12-20`, `15.12.2020`.
    - Misspelt months: `15 decmber 2020` (``vocab/dates.toml`` typos), and other one-letter slips
      of a full month name when a year or `den` frames them (`den 3 septembr`).
    - Ranges: `12–14 maj 2021`, `1 mars–30 april 2020`, `11 juni-19 juli 2026`,
      `från och med den 19 februari 2025 till och med den 30 april 2025`. Each end is its own
      mention; the start carries ``end`` and its span covers the whole range.
    - Lists: `den 5, 12 och 19 maj 2021`, `den 24 april och 8 maj 2024`: one mention a day.
    - Months (``precision`` ``month``, ``date`` ``None``, ``value`` ``2021-02``): `februari 2021`,
      `i februari 2021`, `Delårsrapport mars 2023`, `januari–mars 2021`.
    - Weeks (``precision`` ``week``, ``value`` ``2021-W12``): `vecka 12 2021`, `vecka 12` (year from
      context), `veckorna 12–14`, `v. 12`.

    Never a date: times (`kl. 09.00–12.00`, `klockan 14:00`), SFS numbers (`2017:725`,
    `(1930:173)`), case numbers (`RS 2020/1187`, `SLK-2024-00062`, `SLK-2023-00027:45`,
    `KS 2020/0412`, `0509/23`, `Dnr 17/12`), year ranges (`2024–2027`, `2024-2027`),
    `HFD 2019 ref. 21`, § numbers (`§ 32`, `§§ 12-14`), phone numbers (`08-123 456 78`,
    `031-365 00 00`), amounts (`2 020 000 kronor`), bare years (`år 2024`), truncated dates (`26/`,
    `2023-0`), impossible days (`2023-02-30`, given as a ``date-invalid`` warning).

    ``role`` follows the cue words of ``vocab/dates.toml``: `deadline` (`senast den 30 april`,
    `till nämndens sammanträde den 15 december`, `bordläggs till sammanträdet den 24 april 2024`),
    `effective` (`från och med`, `fr.o.m.`, `from`), `end` (`till och med`, `t.o.m.`, and the far end
    of a range), `meeting` (`sammanträdet den`), `received` (`inkom`, `inkommen`), else ``None``.
    """
    return find_dates_with_warnings(text, start, end, ctx)[0]
