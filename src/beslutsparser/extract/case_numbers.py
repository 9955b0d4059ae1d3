"""Diarienummer (case numbers): find them, tell them from dates and statute numbers, normalise them.

A case number is written in one of these forms (label optional unless said otherwise):

- Form `SLK-2024-00078` (prefix-year-serial, Göteborg 2024–), with a document sub-number
  `SLK-2024-00009:30`, also the odd `SLK-2023-00027:-1`; `UBN-2020-01234`, `SBF-2023-00027`.
- Form `KS 2020/0412`, `Dnr KS 2018/14`, `TT 2014/00148`, `RS 2020/1187`, `BUN 2019/123`
  (prefix year/serial); `KS-2015/31` (Huddinge); `KSKF/2014:1` (Eskilstuna), `SÄN/2012:3`
  (Upplands Väsby).
- Form `RUN/516/2020`, `RUN/9/2015`, `Diarienummer: RS/1288/2019` (prefix/serial/year);
  `Ks 725/2011` (Norrköping: prefix serial/year, mixed-case prefix known from the vocabulary).
- Form `Dnr. 2011/KS 0206 001`, `Dnr 2018/KS 0001 001` (Tyresö: year/prefix serial, then a
  classification code).
- Only after a label or in a § heading: `0509/23`, `1668/20` (Göteborg 2023: serial/yy),
  `Diarienummer 00322/2026` (serial/year), `Dnr 00123/20212.6.` (Mölndal: classification code
  `2.6` glued to the year; normalised `00123/2021`).
- Only after a label: `Dnr 2016/112`, `Dnr 2019/00145` (year/serial, Vilhelmina), `Dnr 17/12` (a
  bare `17/12` is a date), `Dnr: 11/KS 159-206` (Olofström,
  yy/prefix serial-code), `Dnr RV180949` (Region Västmanland; bare `RV180949` in running text is
  as likely a product or form code, so it needs the label), `Dnr MBN 2021.456`, `Dnr KS 2024:15`,
  `Dnr KS.2021.0345`, `Dnr 2024.123`, `Dnr 2024:15`, `Dnr 2024-000123` (year and serial with a dot,
  colon or dash: unlabelled they are statute numbers and dates; `Dnr 2020-2021` is a year range).

Labels: `Dnr`, `Dnr.`, `Dnr:`, `Diarienummer`, `Diarienummer:`, `Diarienr`, `Ärendenummer`,
`Ärendenr` (``vocab/case_numbers.toml``), any case, the number on the same or the next line.
A label governs a list: `Dnr KS 2019/12, KS 2019/45` gives two.

Never a case number: dates (`2020-12-15`, `15/12 2020`, `15/12-2020`), SFS numbers (`2017:725`,
`(1930:173)`, `SFS 2017:725`), report series (`SOU 2023:58`, `prop. 2016/17:180`, `EU 2016/679`),
year ranges (`2021–2025`, `2021/2022`, budget year `2021/22`), § references (`§ 32`,
`KF § 47/2011`), times (`14:00`), KF handling numbers (`Handling 2023 nr 190`), court cases
(`mål P 184-23`), anslag `1:1`, vote item numbers `13:1`, versions `2.6`.

``normalized`` is the form as written without its label, whitespace collapsed to one space and
upper-cased (`Ks 725/2011` → `KS 725/2011`); serials keep their zero padding and separators stay
as written. Only a glued classification code is cut (`00123/20212.6` → `00123/2021`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Literal

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.scan import finditer_at, may_hold, word_starts
from beslutsparser.model import CaseNumber
from beslutsparser.vocab import load

# Where a candidate stands decides how much evidence its form needs:
# "label" (after Dnr/Diarienummer…): every form; "heading" (bare in a § heading): strong forms
# and the numeric serial/year forms; "text" (bare in running text): strong forms only.
Setting = Literal["label", "heading", "text"]

_YEAR = r"(?:19|20)\d{2}"
_PREFIX_WORD = r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,5}"
_PREFIX = rf"(?P<p>{_PREFIX_WORD})"
_LEFT = r"(?<![\w/.:\-])"
_SPACE = r"(?:[ \t]+\n?|\n)[ \t]*"
_SUB = r"(?::(?P<sub>-?\d{1,4}))?"
_SERIAL = r"(?P<s>\d{1,6})"

# form name -> pattern; order matters where two forms can start at the same place.
_FORMS: dict[str, str] = {
    # SLK-2024-00078, SLK-2024-00009:30, SLK-2023-00027:-1
    "prefix_dash": rf"{_LEFT}{_PREFIX}-(?P<y>{_YEAR})-{_SERIAL}{_SUB}",
    # RUN/516/2020, Ks 725/2011
    "prefix_serial_year": rf"{_LEFT}{_PREFIX}(?:/|{_SPACE}){_SERIAL}/(?P<y>{_YEAR})",
    # KS 2020/0412, KS-2015/31, KSKF/2014:1, SÄN/2012:3
    "prefix_year_serial": (rf"{_LEFT}{_PREFIX}(?:{_SPACE}(?P<y>{_YEAR})/|[\-/](?P<y>{_YEAR})[/:]){_SERIAL}{_SUB}"),
    # 2011/KS 0206 001, 11/KS 159-206
    "year_prefix_serial": (
        rf"{_LEFT}(?:(?P<y>{_YEAR})|(?P<yy>\d{{2}}))/{_PREFIX}{_SPACE}{_SERIAL}"
        r"(?:(?:[ \t]+|-)(?P<cls>\d{1,3}))?"
    ),
    # RV180949
    "prefix_compact": rf"{_LEFT}{_PREFIX}(?P<yy>\d{{2}})(?P<s>\d{{4}})",
    # MBN 2021.456, KS 2024:15, KS.2021.0345 (only after a label: "SFS 2017:725" is a statute)
    "prefix_year_dot": rf"{_LEFT}{_PREFIX}(?:{_SPACE}|\.)(?P<y>{_YEAR})[.:]{_SERIAL}",
    # 00322/2026, 00123/20212.6
    "serial_year": rf"{_LEFT}{_SERIAL}/(?P<y>{_YEAR})(?P<cls>\d{{1,2}}(?:\.\d{{1,3}})+)?",
    # 0509/23, 17/12 (but not 15/12 2020)
    "serial_yy": rf"{_LEFT}{_SERIAL}/(?P<yy>\d{{2}})(?![ \t]+{_YEAR}(?!\d))",
    # Dnr 2016/112, Dnr 2019/00145 (year/serial, only after a label: a bare 2016/112 may be anything)
    "year_serial": rf"{_LEFT}(?P<y>{_YEAR})/(?P<s>\d{{3,6}})",
    # Dnr 2024.123, Dnr 2024:15, Dnr 2024-000123 (only after a label, where no date stands)
    "year_dot_serial": rf"{_LEFT}(?P<y>{_YEAR})[.:\-](?P<s>\d{{1,6}})",
}
_END = r"(?![\w/]|[.:,\-]\d)"
_STRONG = ("prefix_dash", "prefix_serial_year", "prefix_year_serial", "year_prefix_serial")
_HEADING = (*_STRONG, "serial_year", "serial_yy")


def _alternation(names: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?P<{name}>{_FORMS[name]})" for name in names)


_ANY = regex.compile(rf"(?:{_alternation(list(_FORMS))}){_END}")
# A match gives a group by number several times faster than by name.
_GROUP = dict(_ANY.groupindex)
_STRONG_ANY = regex.compile(rf"(?:{_alternation(_STRONG)}){_END}")
# Every strong form holds a "/" or a "-yyyy-": scanning for those first and trying the forms only
# within _REACH characters around them is ten times faster than one alternation over all the text.
# Two patterns that each open with a literal scan several times faster than their alternation.
_SEPARATORS = (regex.compile("/"), regex.compile(rf"-{_YEAR}-"))
_REACH = 40
# Between two numbers of one list: "KS 2019/12, KS 2019/45", "0509/23 och 0510/23".
_LIST_JOIN = regex.compile(r"[ \t]*(?:,|;|&|\boch\b|\bsamt\b)[ \t]*\n?[ \t]*")
# What every form a heading accepts begins with: a prefix before "-", "/", a digit or a gap and a
# digit, or a number before "/". The heading anchors end in this test, so that the engine skips the many anchor hits
# (line starts, gaps) where no number begins; their run of blanks stays greedy, so the hits kept end
# where they did without it.
_CAN_BEGIN = rf"(?={_PREFIX_WORD}(?:[-/\d]|[ \t\n]+\d)|\d{{1,6}}/)"
_PARAGRAPH = regex.compile(rf"§[ \t]*\d{{1,4}}[ \t]+{_CAN_BEGIN}")
# A line found by the newline before it, which the engine scans for fast (it tries a `^` at every
# offset); the region's first line, where it starts one, by a match at its start.
_LINE_START = regex.compile(rf"\n[ \t]*{_CAN_BEGIN}")
_LINE_HEAD = regex.compile(rf"[ \t]*{_CAN_BEGIN}")
_PAREN_OPEN = regex.compile(rf"\([ \t]*{_CAN_BEGIN}")
_PAREN_CLOSE = regex.compile(r"[ \t]*\)[ \t.]*(?:\n|$)")
# After a comma or a column gap (two blanks are two spaces or hold a tab), closing the line:
# "§ 12 Budget 2025, KS 2024/123".
_TAIL_OPEN = regex.compile(rf"(?:,[ \t]*|[ \t]{{2,}}|\t){_CAN_BEGIN}")
_LINE_END = regex.compile(r"[ \t.]*(?:\n|$)")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class _Vocab:
    """The compiled label pattern and the prefix sets of ``vocab/case_numbers.toml``."""

    label: regex.Pattern[str]
    label_words: tuple[str, ...]
    mixed_case_prefixes: frozenset[str]
    not_prefixes: frozenset[str]
    year_pivot: int


@cache
def _vocab() -> _Vocab:
    data = load("case_numbers")
    labels = "|".join(regex.escape(label) for label in sorted(data["labels"], key=len, reverse=True))
    return _Vocab(
        label=regex.compile(rf"(?<!\w)(?i:{labels})(?!\w)[ \t]*[.:]{{0,2}}[ \t]*(?:\n[ \t]*){{0,2}}"),
        label_words=tuple(label.casefold() for label in data["labels"]),
        mixed_case_prefixes=frozenset(data["mixed_case_prefixes"]),
        not_prefixes=frozenset(data["not_prefixes"]),
        year_pivot=int(data["two_digit_year_pivot"]),
    )


def _form(m: regex.Match[str]) -> str:
    return next(name for name in _FORMS if m.group(_GROUP[name]) is not None)


def _full_year(yy: str, ctx: Context | None) -> int:
    """The four-digit year of a two-digit one, not after the meeting year when that is known."""
    two = int(yy)
    if ctx is not None and ctx.meeting_date is not None:
        reference = ctx.meeting_date.year
        year = reference - reference % 100 + two
        return year - 100 if year > reference else year
    return (2000 if two < _vocab().year_pivot else 1900) + two


def _is_year_range(first: str, second: str) -> bool:
    """``2021/2022``, ``2021/22``: a year followed by the next one."""
    if len(first) != 4 or not first.startswith(("19", "20")):
        return False
    following = int(first) + 1
    return int(second) == (following if len(second) == 4 else following % 100)


def _is_date_like(serial: str, yy: str) -> bool:
    """``15/12``: a day and a month rather than serial/yy (``0509/23`` is padded, so not)."""
    return not serial.startswith("0") and 1 <= int(serial) <= 31 and 1 <= int(yy) <= 12


def _prefix_ok(prefix: str | None) -> bool:
    if prefix is None:
        return True
    vocab = _vocab()
    upper = prefix.upper()
    return upper not in vocab.not_prefixes and (prefix.isupper() or upper in vocab.mixed_case_prefixes)


def _accepted(m: regex.Match[str], form: str, setting: Setting) -> bool:
    """Whether a grammatical match is a case number where it stands."""
    allowed = _STRONG if setting == "text" else _HEADING if setting == "heading" else _FORMS
    if form not in allowed or not _prefix_ok(m.group(_GROUP["p"])):
        return False
    serial, year, yy = m.group(_GROUP["s"]), m.group(_GROUP["y"]), m.group(_GROUP["yy"])
    if form == "year_prefix_serial":
        return year is not None or setting == "label"
    if form == "prefix_year_serial":
        # "KS 2021/2022" is a year range; "KS 2021/22" too unless a label vouches for it
        return not _is_year_range(year, serial) or (len(serial) == 2 and setting == "label")
    if form in ("prefix_serial_year", "serial_year", "serial_yy") and _is_year_range(serial, year or yy):
        return False
    if form in ("year_serial", "year_dot_serial", "prefix_year_dot") and _is_year_range(year, serial):
        return False  # "Dnr 2020/2021", "Dnr 2020-2021": a year range
    return form != "serial_yy" or setting == "label" or not _is_date_like(serial, yy)


def _record(m: regex.Match[str], form: str, ctx: Context | None) -> CaseNumber:
    written = m.group()
    cut = m.start(_GROUP["cls"]) if form == "serial_year" and m.group(_GROUP["cls"]) else m.end()
    prefix = m.group(_GROUP["p"])
    year, yy = m.group(_GROUP["y"]), m.group(_GROUP["yy"])
    return CaseNumber(
        text=written,
        normalized=_canonical(written[: cut - m.start()]),
        span=(m.start(), m.end()),
        prefix=prefix.upper() if prefix else None,
        year=int(year) if year else _full_year(yy, ctx),
        serial=m.group(_GROUP["s"]),
        sub=m.group(_GROUP["sub"]),
        class_code=m.group(_GROUP["cls"]),
    )


def _canonical(written: str) -> str:
    return " ".join(written.split()).upper()


def _list_from(text: str, pos: int, end: int, setting: Setting, ctx: Context | None) -> Iterator[CaseNumber]:
    """The case numbers that start at ``pos``: one, then any joined on with ``,``/``och``.

    Matching runs on the whole text so that a number cut by ``end`` is refused, not truncated.
    """
    while (m := _ANY.match(text, pos)) is not None and m.end() <= end:
        form = _form(m)
        if not _accepted(m, form, setting):
            return
        yield _record(m, form, ctx)
        join = _LIST_JOIN.match(text, m.end(), end)
        if join is None:
            return
        pos = join.end()


def find_case_numbers(
    text: str, start: int = 0, end: int | None = None, ctx: Context | None = None
) -> list[CaseNumber]:
    """Every diarienummer in ``text[start:end]``: labelled ones in any form, bare ones in a strong form.

    Forms: see the module docstring (`SLK-2024-00009:30`, `RUN/516/2020`, `KS 2020/0412`,
    `Dnr 0128/22`, `dnr SBF-2023-00027`, `Dnr KS 2019/12, KS 2019/45`, …). Spans are absolute.
    """
    stop = len(text) if end is None else min(end, len(text))
    label = _vocab().label
    found: list[CaseNumber] = []
    pos = max(start, 0)
    # The label pattern scans slowly (any case); most §§ hold no label, which a plain search tells.
    labels = label.finditer(text, pos, stop) if may_hold(text, pos, stop, _vocab().label_words) else iter(())
    separators = (separator.finditer(text, pos, stop) for separator in _SEPARATORS)
    # Few triggers in a §: sorting them all is cheaper than a lazy merge of the scans.
    triggers = sorted(chain(labels, *separators), key=lambda t: t.start())
    for trigger in triggers:
        if trigger.start() < pos:
            continue
        if trigger.re is label:
            numbers = list(_list_from(text, trigger.end(), stop, "label", ctx))
        else:
            # the candidate that holds this separator, not a refused one before it ("EU 2016/679")
            window = (max(pos, trigger.start() - _REACH), min(len(text), trigger.end() + _REACH))
            candidates = _STRONG_ANY.finditer(text, *window)
            m = next((c for c in candidates if c.end() > trigger.start()), None)
            numbers = [] if m is None else list(_list_from(text, m.start(), stop, "text", ctx))
        if numbers:
            found.extend(numbers)
            pos = numbers[-1].span[1]
    return found


def find_own_case_numbers(text: str, start: int, end: int, ctx: Context | None = None) -> list[CaseNumber]:
    """The item's own diarienummer in its § heading region ``text[start:end]``.

    The region is the § line and the lines up to the title, or the title with a trailing
    parenthesised number. Forms accepted there:

    - labelled anywhere: `§ 301 Ärendenummer SLK-2024-00078`, `Dnr KS 2020/0412`,
      `§ 162            Diarienummer 00322/2026`, `Diarienummer: RS/1288/2019`,
      `Dnr. 2011/KS 0206 001`, `Dnr: KS 2017/1187`, `Dnr KS 2019/12, KS 2019/45` (both);
    - bare right after the § number: `§ 3 0509/23`, `§ 12 SLK-2024-00078`;
    - bare at the start of a line: `KSKF/2014:1 235 Val till kommunala uppdrag` (Eskilstuna),
      `SLK-2024-00078` pushed to its own line by a page break;
    - in parentheses at the end of a line: `… tillväxtarbetet (RUN/516/2020)`,
      `Informations- och frågestund (SÄN/2012:3)`;
    - after a comma or a column gap, closing a line: `§ 12 Budget 2025, KS 2024/123`,
      `§ 45 Budget 2022        KS 2020/0412`.

    A strong form inside the title's prose is a mention, not the item's own number.
    """
    start, stop = max(start, 0), min(end, len(text))
    if _DIGIT.search(text, start, stop) is None:
        return []  # every form holds a digit: most heading lines are settled by this one search
    label = _vocab().label
    found: dict[tuple[int, int], CaseNumber] = {}

    def take(hits: Iterable[regex.Match[str]], setting: Setting, closed: regex.Pattern[str] | None = None) -> None:
        for a in hits:
            numbers = list(_list_from(text, a.end(), stop, setting, ctx))
            if closed is not None and not (numbers and closed.match(text, numbers[-1].span[1], stop)):
                continue
            found.update((n.span, n) for n in numbers)

    # The label pattern scans slowly (any case): in a region of a document it is tried only where the
    # document's word index has a label; a text that is all region (a line) is scanned, which is cheaper.
    labels = word_starts(text, start, stop, _vocab().label_words) if stop - start < len(text) else None
    take(finditer_at(label, text, start, stop, labels), "label")
    # A number a heading accepts (a strong or serial form) holds a "/" or a "-": without one, no anchor needs trying.
    if text.find("/", start, stop) >= 0 or text.find("-", start, stop) >= 0:
        take(_PARAGRAPH.finditer(text, start, stop), "heading")
        if (start == 0 or text[start - 1] == "\n") and (head := _LINE_HEAD.match(text, start, stop)):
            take([head], "heading")
        take(_LINE_START.finditer(text, start, stop), "heading")
        # A plain search for the characters an anchor needs rules out most regions faster than its scan
        # (the tail's is slow: any blank may begin a gap).
        if text.find("(", start, stop) >= 0:
            take(_PAREN_OPEN.finditer(text, start, stop), "heading", closed=_PAREN_CLOSE)
        if text.find(",", start, stop) >= 0 or text.find("  ", start, stop) >= 0 or text.find("\t", start, stop) >= 0:
            take(_TAIL_OPEN.finditer(text, start, stop), "heading", closed=_LINE_END)
    return sorted(found.values(), key=lambda n: n.span)


def normalize(text: str) -> str:
    """The canonical form of one written case number.

    `Dnr KS 2018/14` → `KS 2018/14`; `Ärendenummer SLK-2024-00078` → `SLK-2024-00078`;
    `Ks 725/2011` → `KS 725/2011`; `Dnr 00123/20212.6.` → `00123/2021`; `(RUN/516/2020)` →
    `RUN/516/2020`. A string that is no case number is only trimmed, collapsed and upper-cased.
    """
    trimmed = text.strip().strip(".;,()").strip()
    head = _vocab().label.match(trimmed)
    body = trimmed[head.end() :] if head else trimmed
    m = _ANY.fullmatch(body)
    return _record(m, _form(m), None).normalized if m is not None else _canonical(body)
