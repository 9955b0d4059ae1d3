"""References to other decisions: which organ decided, when, under which §.

Forms handled (organ, date and § as far as written):

- Form `Kommunfullmäktige beslutade 2020-10-26, § 88` (organ, verb, ISO date, §).
- Form `Arbetsutskottets protokoll 2021-02-23, § 12` → organ ``arbetsutskottet``.
- Form `KS 2019-12-10 § 234`, `RSAU 2019-10-22 § 301` (abbreviations, resolved through
  ``Context.abbreviations`` first, then ``vocab/organs.toml``); joined to a filler word:
  `enligt KF-beslut 2020-10-26 § 88`, `KS-protokollet 2021-02-01, § 12`.
- Form `Tekniska nämnden 2020-11-24, § 101` (an organ ending in `-den` right before the date).
- Form `Återremitterat från kommunfullmäktige den 7 december 2023, § 92`.
- Form `Protokollsutdrag från kommunfullmäktige den 7 december 2023 § 92`.
- Form `kommunstyrelsens beslut den 12 maj 2021, § 140`, `Kommunfullmäktiges beslut från den
  11 december 2025, § 541`, `kommunfullmäktiges uppdrag 2022-10-06 § 10`, `givet av
  kommunfullmäktige 2021-03-25 § 18`, `kommunstyrelsen i 2004-02-04 § 5`.
- Form `Bordlagt den 23 november 2023, § 68, den 7 december 2023, § 100 och den 1 februari
  2024, § 37`: a list, one reference a date-and-§ pair. The members share the organ the
  sentence names; where it names none, the organ is ``Context.organ``.
- Form `Kommunstyrelsen behandlade delårsrapporten 2022-08-30, § 140`, `Tekniska nämnden har i
  sitt yttrande 2022-05-19, § 41`: the organ named last earlier in the same sentence.
- Form `§ 32, den 29 februari 2024` (§ first), unless that date has a § of its own (then the
  § belongs to the date before it, on the previous line: `den 25 januari 2024,` ⏎ `§ 32, den
  29 februari 2024, § 84`).
- Form `KF § 47/2011` (paragraph 47, year 2011, no date).
- Form `§ 88 i kommunfullmäktiges protokoll från den 26 oktober 2020` (the § before its organ).
- Form `Kommunfullmäktige 2024-02-01 §§ 12–14` (one reference a §).
- Form `Personalutskottets protokoll 2024-08-21`, `Protokoll från kommunstyrelsens
  arbetsutskott, 2025-01-29` (no §: only where a decision word ties organ and date, and not for
  authorities outside the kommun: `Länsstyrelsens beslut 2022-06-30 om …` is no reference).

``organ`` is the organ's base form in lower case: the genitive -s of the head word removed
(`Arbetsutskottets` → ``arbetsutskottet``, `kommunstyrelsens arbetsutskotts` → ``kommunstyrelsens
arbetsutskott``). ``date`` is ISO; a date without a year takes the year of
``Context.meeting_date``, failing that ``Context.case_year``. Never a reference: a bare date
without § (`den 15 december`), a meeting date (`nämndens sammanträde den 15 december`), law
text (`6 kap. 37 §`), a § alone (`§ 32` is this protocol's own paragraph).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.scan import (
    Anchor,
    alternation,
    both_cases,
    first_words,
    merged,
    windows,
    word_anchors,
    word_starts,
)
from beslutsparser.model import Reference
from beslutsparser.vocab import load

# How far before a date-and-§ pair the organ that decided may stand, and how far before the
# organ the words that make it a decision (`Protokoll från`, `Ordförandebeslut från`).
_LEAD_WINDOW, _BEFORE_ORGAN = 160, 40
# The grammar runs in windows around its anchors: a `§` has its date at most this far before
# or after it (`den 30 september 2024, § 12`, `§ 32, den 29 februari 2024`); a decision word
# has its dates at most this far after it (`Protokoll från kommunstyrelsens arbetsutskott,
# 2025-01-29 och 2025-02-19`).
_AROUND_PARAGRAPH, _AFTER_WORD = 45, 90
# A § range longer than this is a typo, not a list (`§§ 12–1400`).
_MAX_RANGE = 50
_SENTENCE_END = regex.compile(r"[.!?](?=\s+\p{Lu})|\n[ \t]*\n")
_NUMBER_RANGE = regex.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")
# Read backwards from a date: the words right before it are what the lead needs (the same tokens
# as read forwards, in reverse order).
_TOKEN_BACK = regex.compile(r"\w[\w-]*|\S", regex.REVERSE)
_ABBREVIATION = regex.compile(r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,5}")


@dataclass(frozen=True)
class _Vocab:
    """The compiled patterns and tables of ``vocab/references.toml``."""

    item: regex.Pattern[str]
    group: dict[str, int]
    """The item's group numbers by name: a match gives a group by number several times faster."""
    anchors: tuple[Anchor, ...]
    decision_word: regex.Pattern[str]
    decision_starts: tuple[str, ...]
    month_starts: tuple[str, ...]
    """The months' first words, as :func:`word_starts` looks for them."""
    head: regex.Pattern[str]
    """A word that ends in an organ's head word (`kommunstyrelsen`, `nämndens`): search it whole."""
    joiner: regex.Pattern[str]
    before_organ: regex.Pattern[str]
    before_organ_end: regex.Pattern[str]
    """The end of :attr:`before_organ`, read backwards from the organ: a cheap test that rules out
    nearly every organ before the search (which tries each offset of its window)."""
    paragraph_before: regex.Pattern[str]
    fillers: frozenset[str]
    decision_words: frozenset[str]
    modifiers: frozenset[str]
    compound_joiners: frozenset[str]
    months: dict[str, int]
    abbreviations: dict[str, str]
    outside: frozenset[str]


def _date_pattern(months: str, articles: str, ordinals: str) -> str:
    """ISO `2020-10-26` or Swedish `7 december 2023` (year optional), with an optional `den` (a word
    of its own: not the end of `nämnden`).

    Atomic, so that a lookahead after it cannot shorten `29 februari 2024` to `29 februari`.
    """
    iso = r"(?P<iy>(?:19|20)\d{2})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d|-\d)"
    swedish = rf"(?P<sd>[0-3]?\d)(?:{ordinals})?\s+(?P<sm>(?i:{months}))\b\.?(?:\s+(?P<sy>(?:19|20)\d{{2}})(?!\d))?"
    return rf"(?:(?<!\w)(?i:{articles})\s+)?(?<![\d-])(?>{iso}|{swedish})"


@cache
def _vocab() -> _Vocab:
    data = load("references")
    month_table = load("dates")["months"]
    months = {**month_table["names"], **month_table["abbreviations"]}
    grammar = data["grammar"]
    organs = data["organs"]
    date_re = _date_pattern(
        alternation(months), alternation(grammar["articles"]), alternation(grammar["ordinal_suffixes"])
    )
    joiner = rf"(?:[-–]|(?i:{alternation(grammar['list_joiners'])}))"
    paragraphs = rf"(?:§§\s*(?P<nums>\d{{1,4}}(?:\s*{joiner}\s*\d{{1,4}}(?![\d:/-]))+)|§\s*(?P<num>\d{{1,4}}))"
    # Between a date and its §: a comma, parenthesis, dash or slash (`KF 2020-10-26/§ 88`) and at
    # most one line break (`den 20 mars 2024,` ⏎ `§ 244`), for a date, a blank line and a § are a
    # running head above a § heading (`Sammanträdesdatum: 2024-08-22` ⏎ ⏎ `§ 301 Ärendenummer …`).
    to_paragraph = r"[ \t]*[,(/-]?[ \t]*(?:\n[ \t]*)?"
    initials = "".join(sorted({c for word in grammar["articles"] for c in (word[0].lower(), word[0].upper())}))
    not_law = rf"(?![\d:/]|\s*(?:{alternation(grammar['law_words'])})(?!\w))"
    item = (
        # Every form starts with §, a digit or "den": a cheap first test before the alternatives, led
        # by a cheaper one (a single set, an article's initial in either case, which the engine scans fast).
        rf"(?=[§\d{regex.escape(initials)}])(?=[§\d]|(?i:{alternation(grammar['articles'])})\s)(?:"
        # KF § 47/2011
        rf"(?P<slash>§\s*(?P<num>\d{{1,4}})\s*/\s*(?P<year>(?:19|20)\d{{2}})(?!\d))"
        # § 32, den 29 februari 2024 (the date has no § of its own)
        rf"|(?P<first>§\s*(?P<num>\d{{1,4}})\s*,\s*{date_re}(?!\s*[,(]?\s*§))"
        # den 7 december 2023, § 92 / 2020-10-26 § 88 / 2024-02-01 §§ 12–14 / a date alone
        rf"|(?P<dated>{date_re}(?:{to_paragraph}{paragraphs}{not_law})?))"
    )
    decision_words = grammar["decision_words"]
    # A trie (the words are whole words: where one matches, no other does) tries each word start faster.
    decision_word = regex.compile(rf"(?:{alternation(both_cases(decision_words))})(?!\w)")
    compiled = regex.compile(item)
    return _Vocab(
        item=compiled,
        group=dict(compiled.groupindex),
        anchors=(
            (regex.compile("§"), _AROUND_PARAGRAPH, _AROUND_PARAGRAPH),
            *word_anchors(both_cases(decision_words), r"(?!\w)", 0, _AFTER_WORD),
        ),
        decision_word=decision_word,
        decision_starts=first_words(decision_words),
        month_starts=first_words(months),
        # Matched backwards from the word's end, where a head stands: the heads are tried once, not
        # after each of the word's letters.
        head=regex.compile(
            rf"\A\w*(?:{alternation(organs['heads'])})(?:{alternation(organs['endings'])})?\Z", regex.I | regex.REVERSE
        ),
        joiner=regex.compile(rf"\s*(?:(?i:{alternation(grammar['list_joiners'])})(?!\w)\s*)*"),
        # "Ordförandebeslut från stadsbyggnadsnämnden": the whole compound starts the mention.
        before_organ=regex.compile(rf"\w*(?i:{alternation(grammar['before_organ'])})\s+\Z"),
        before_organ_end=regex.compile(rf"(?i:{alternation(grammar['before_organ'])})\s+\Z", regex.REVERSE),
        paragraph_before=regex.compile(
            rf"(?<![\w§])§\s*(?P<num>\d{{1,4}})\s+(?i:{alternation(grammar['paragraph_before_organ'])})\s+\Z"
        ),
        fillers=frozenset(word.casefold() for word in grammar["fillers"]),
        decision_words=frozenset(word.casefold() for word in decision_words),
        modifiers=frozenset(word.casefold() for word in organs["modifiers"]),
        compound_joiners=frozenset(organs["compound_joiners"]),
        months={key.casefold(): value for key, value in months.items()},
        abbreviations=load("organs")["abbreviations"],
        outside=frozenset(organs["outside"]),
    )


@dataclass(frozen=True)
class _Lead:
    """The organ that a reference names before its date, and where the mention starts."""

    organ: str
    start: int
    decision: bool
    paragraph: int | None = None  # a § written before the organ ("§ 88 i kommunfullmäktiges protokoll")


def _resolve_abbreviation(abbr: str, ctx: Context) -> str | None:
    if not _ABBREVIATION.fullmatch(abbr):
        return None
    for table in (ctx.abbreviations, _vocab().abbreviations):
        for key in (abbr, abbr.upper()):
            if key in table:
                return table[key].lower()
    return None


def _organ_before(last: regex.Match[str], before: Iterator[regex.Match[str]], ctx: Context) -> tuple[str, int] | None:
    """The organ whose last word is ``last``, and where it starts; ``before`` gives the tokens
    before ``last``, read backwards (only taken where the organ may go on).

    `KS`; `kommunfullmäktiges`; `regionala utvecklingsnämnden`; `kommunstyrelsens arbetsutskotts`
    (a genitive organ before the head); `miljö- och byggnadsnämnden`.
    """
    vocab = _vocab()
    word = last[0]
    if word.isdigit():
        return None  # no letter, no organ (the § number before a list's next date): no pattern needs trying
    if not vocab.head.search(word):
        abbreviation = _resolve_abbreviation(word, ctx)
        return (abbreviation, last.start()) if abbreviation else None
    words = [word.lower().removesuffix("s")]
    first = last
    token = next(before, None)
    previous = token[0].lower() if token is not None else ""
    if previous in vocab.modifiers or (previous.endswith("s") and vocab.head.search(previous)):
        words.insert(0, previous)
        first = token
    elif (
        previous in vocab.compound_joiners
        and (compound := next(before, None)) is not None
        and compound[0].endswith("-")
    ):
        words[:0] = [compound[0].lower(), previous]
        first = compound
    return " ".join(words), first.start()


def _lead(text: str, low: int, item_start: int, ctx: Context) -> _Lead | None:
    """The organ standing right before ``item_start`` with only filler words between:
    `Kommunfullmäktige beslutade ⟨2020-10-26, § 88⟩`, `Protokoll från kommunstyrelsens
    arbetsutskott, ⟨2025-01-29⟩`."""
    vocab = _vocab()
    # Backwards and lazily: only the fillers and the organ's words are read, not the whole window.
    back = _TOKEN_BACK.finditer(text, max(low, item_start - _LEAD_WINDOW), item_start)
    decision = False
    for token in back:
        if not (token[0] in ",:(" or token[0].casefold() in vocab.fillers):
            break
        decision = decision or token[0].casefold() in vocab.decision_words
    else:
        return None
    # "KF-beslut 2020-10-26 § 88", "KS-protokollet": an abbreviated organ joined to a filler word
    head, dash, tail = token[0].rpartition("-")
    if dash and tail.casefold() in vocab.fillers and (abbreviation := _resolve_abbreviation(head, ctx)):
        found: tuple[str, int] | None = (abbreviation, token.start())
        decision = decision or tail.casefold() in vocab.decision_words
    else:
        found = _organ_before(token, back, ctx)
    if found is None:
        return None
    organ, start = found
    window = max(low, start - _BEFORE_ORGAN)
    before = vocab.before_organ_end.search(text, window, start) and vocab.before_organ.search(text, window, start)
    if before is not None:
        start, decision = before.start(), True
    paragraph = vocab.paragraph_before.search(text, window, start)
    if paragraph is not None:
        return _Lead(organ=organ, start=paragraph.start(), decision=True, paragraph=int(paragraph["num"]))
    return _Lead(organ=organ, start=start, decision=decision)


def _sentence_organ(text: str, low: int, pos: int, ctx: Context) -> str | None:
    """The last organ named earlier in the sentence of ``pos``: `Kommunstyrelsen behandlade
    delårsrapporten ⟨2022-08-30, § 140⟩`, `Tekniska nämnden har i sitt yttrande ⟨2022-05-19, § 41⟩`."""
    window = max(low, pos - _LEAD_WINDOW)
    stops = list(_SENTENCE_END.finditer(text, window, pos))
    back = _TOKEN_BACK.finditer(text, stops[-1].end() if stops else window, pos)
    vocab = _vocab()
    for token in back:
        if vocab.head.search(token[0]):
            found = _organ_before(token, back, ctx)
            if found is not None:
                return found[0]
    return None


def _date(match: regex.Match[str], ctx: Context) -> tuple[str | None, int | None]:
    """The ISO date and the year of a matched date; ``None`` where the date is impossible."""
    vocab = _vocab()
    group = vocab.group
    if match[group["iy"]]:
        year, month, day = int(match[group["iy"]]), int(match[group["im"]]), int(match[group["id"]])
    else:
        month = vocab.months[match[group["sm"]].casefold()]
        day = int(match[group["sd"]])
        if match[group["sy"]]:
            year = int(match[group["sy"]])
        elif ctx.meeting_date is not None:
            year = ctx.meeting_date.year
        elif ctx.case_year is not None:
            year = ctx.case_year
        else:
            return None, None
    try:
        return date(year, month, day).isoformat(), year
    except ValueError:
        return None, year


def _paragraphs(match: regex.Match[str]) -> list[int]:
    """The § numbers of a match: `§ 92` → [92], `§§ 12–14` → [12, 13, 14], none for a date alone."""
    group = _vocab().group
    if match[group["num"]]:
        return [int(match[group["num"]])]
    numbers: list[int] = []
    for low, high in _NUMBER_RANGE.findall(match[group["nums"]] or ""):
        first = int(low)
        last = int(high) if high else first
        numbers.extend(range(first, last + 1) if first <= last <= first + _MAX_RANGE else [first])
    return numbers


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`windows` over the anchors, with the `§` and the decision words found from the text's
    word index (a bisect each, not a scan an anchor) and the words checked where they stand."""
    vocab = _vocab()
    paragraphs = word_starts(text, start, end, ("§",))
    words = word_starts(text, start, end, vocab.decision_starts)
    if paragraphs is None or words is None:
        return windows(vocab.anchors, text, start, end)
    spans = [(max(start, at - _AROUND_PARAGRAPH), min(end, at + 1 + _AROUND_PARAGRAPH)) for at in paragraphs]
    for at in words:
        if word := vocab.decision_word.match(text, at, end):
            spans.append((at, min(end, word.end() + _AFTER_WORD)))
    return merged(spans)


def _items(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """The grammar's matches in the windows around each `§` and after each decision word."""
    vocab = _vocab()
    # Every item holds a month, an ISO date's "-" or the "/" of `§ 47/2011`: most windows (after the
    # many `beslut`) hold none of them, and are not scanned.
    months = word_starts(text, start, end, vocab.month_starts)
    if months == [] and text.find("-", start, end) < 0 and text.find("/", start, end) < 0:
        return  # no window can hold one: the windows need not be found
    for low, high in _windows(text, start, end):
        if (
            months is None
            or bisect_left(months, low) < bisect_left(months, high)
            or text.find("-", low, high) >= 0
            or text.find("/", low, high) >= 0
        ):
            yield from vocab.item.finditer(text, low, high)


def find_references(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None) -> list[Reference]:
    """References to other decisions in ``text[start:end]``, spans absolute into ``text``."""
    ctx = ctx or Context()
    end = len(text) if end is None else end
    default_organ = ctx.organ.lower() if ctx.organ else None
    vocab = _vocab()
    out: list[Reference] = []
    previous_end = start
    previous_organ: str | None = None
    for match in _items(text, start, end):
        paragraphs = _paragraphs(match)
        iso, year = (None, int(match[vocab.group["year"]])) if match[vocab.group["slash"]] else _date(match, ctx)
        chained = bool(out) and vocab.joiner.fullmatch(text, previous_end, match.start()) is not None
        # A date without § continues a list of dates ("Protokoll från kommunstyrelsens
        # arbetsutskott, 2025-01-29 och 2025-02-19") or needs a decision word before it; most
        # dates have neither, and looking for the word is cheaper than reading the lead.
        more_dates = chained and out[-1].paragraph is None
        lead_start = max(previous_end, match.start() - _LEAD_WINDOW)
        if (
            not paragraphs
            and not more_dates
            and not (iso and vocab.decision_word.search(text, lead_start, match.start()))
        ):
            continue
        lead = _lead(text, previous_end, match.start(), ctx)
        if not paragraphs and not (iso and (lead.decision if lead is not None else more_dates)):
            continue
        if not paragraphs and lead is not None and lead.organ in vocab.outside:
            continue  # an outside authority's decision: `Länsstyrelsens beslut 2022-06-30`
        if lead is not None:
            organ, mention_start = lead.organ, lead.start
        elif chained:
            organ, mention_start = previous_organ, match.start()
        else:
            organ = _sentence_organ(text, previous_end, match.start(), ctx) or default_organ
            mention_start = match.start()
        span = (mention_start, match.end())
        mention = text[span[0] : span[1]]
        if not paragraphs and lead is not None and lead.paragraph is not None:
            paragraphs = [lead.paragraph]
        out.extend(
            Reference(organ=organ, date=iso, paragraph=paragraph, text=mention, span=span, year=year)
            for paragraph in paragraphs or [None]
        )
        previous_end, previous_organ = match.end(), organ
    return out
