"""The meeting header: who met, when, where, who adjusted the protocol, when it was posted.

:func:`parse_header` reads the block before the first § (and, for protocol extracts, the
closing "Vid protokollet / Justeras / Utdraget bestyrks" block, passed in ``more``) into a
:class:`~beslutsparser.model.Meeting`. It works line by line: a line that starts with a label
from ``vocab/meeting.toml`` opens a field; the value is the rest of the line, or — when the
label stands alone, as raw ``pdftotext`` prints a two-column grid with all labels first — the
next block of lines whose content fits the label. Lines outside every field are read as
running prose. Layouts:

- Classic grid, label and value on one line (``pdftotext -layout``):
  `Plats och tid    Kommunhuset, Kramfors, kl. 13.00–16.30`, `Paragrafer   26 -- 38`,
  `Sekreterare ........................ Malin Thorson`.
- Classic grid, labels in one run and values after: `Plats och tid` ⏎ `Beslutande` ⏎
  `Kommunhuset 2018-03-20 kl 13.00` ⏎ `Anna Ek (S), ordförande`; two labels on one line
  (`Justerare Justeringens plats och tid`) take the column cells of the next line in order.
- Head table: `Organ Kommunfullmäktige` ⏎ `Sammanträdesdag 2015-05-11` ⏎
  `Tid Klockan 17:00 22:07` (Huddinge); `Sammanträdestid: 2021-02-02 kl. 09.00–12.00` ⏎
  `Sammanträdesplats: Regionens hus, Umeå` (Region Västerbotten).
- Prose: `Protokoll fört vid sammanträde med kommunstyrelsen i Tyresö kommun tisdagen den
  15 mars 2011 kl. 18.00–20.15 i kommunhuset, Tyresö.`
- Notice: `ANSLAG/BEVIS` / `BEVIS OM ANSLAG`, `Datum för anslags uppsättande 2018-04-03 Datum för
  anslags nedtagande 2018-04-25`, `Datum då anslaget sätts upp/tas ned 2018-04-03 / 2018-04-25`,
  `Förvaringsplats för protokollet Kommunkansliet`, `Sista datum för överklagande 2018-04-24`,
  `Den som vill överklaga ett beslut måste göra det senast den 8 juni 2015`.
- Extract signatures: `Vid protokollet` ⏎ `Anna Berg` ⏎ `Justeras` ⏎ `Per Ek, ordförande  Lisa
  Lind` ⏎ `Utdraget bestyrks`; a role under its name's column (`Göran Lindahl    Birgitta Modin` ⏎
  `ordförande    justerare`).
- Adjustment said in prose (a formalia § passed in ``more``): `Kommunfullmäktige utser Ulla Hed (S)
  och Bo Engström (M) att justera protokollet`, `Justeringen sker tisdagen den 20 september 2022`,
  `Håkan Eriksson (V) … justerar dagens protokoll tillsammans med ordföranden Aslan Akbas (S) på
  Stadshuset, Gustaf Adolfs Torg 1, torsdagen den 5 september 2024` (chair Aslan Akbas).

Fields: ``authority`` (`Region Jämtland Härjedalen`, `Kramfors kommun`, `Göteborgs Stad`,
`VILHELMINA KOMMUN` → `Vilhelmina kommun`), ``organ`` (`Kommunstyrelsen`, `Regionala
utvecklingsnämnden`, `Kommunstyrelsens arbetsutskott`, `Miljö- och byggnadsnämnden`, prose
`med kommunstyrelsen` → `Kommunstyrelsen`), ``date`` (ISO), ``start_time``/``end_time``
(`kl. 13.00–16.30`, `Klockan 17:00 22:07`; `13:00-15:45, ajournering 14:30-14:45` puts the
adjournment in ``note``), ``place``, ``chair``, ``secretary``, ``adjusters``,
``adjusted_place``/``adjusted_on``, ``posted_on``, ``removed_on``, ``kept_at``, ``paragraphs``
(`Paragrafer 23–27`, `§§ 1-15`, `Protokollet omfattar §§ 45–58` → `23–27`, `1–15`, `45–58`),
``attendees`` (see :mod:`beslutsparser.extract.attendance`) and ``appeal_deadline``, computed
from ``posted_on`` (:func:`beslutsparser.holidays.appeal_deadline`), else the deadline the notice
prints. A deadline printed that differs from the computed one gives ``appeal-deadline-differs``.
Year-less dates take the meeting's year (`Justeringens tid den 18 maj` → meeting year).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.attendance import find_attendees, find_attendees_in, names_a_role, points_elsewhere
from beslutsparser.extract.dates import find_dates_with_warnings
from beslutsparser.extract.scan import finditer_at, first_words, may_hold, word_starts
from beslutsparser.holidays import appeal_deadline
from beslutsparser.model import Attendee, DateMention, Meeting, Span, Warning
from beslutsparser.vocab import load

_PERSON_LISTS = ("members", "serving", "substitutes", "others")
_NAMED = ("adjusters", "chair", "secretary", "certified")
_MARKERS = ("notice", "signatures")
_WHEN = ("when_where", "when")
# Fields of the notice printed after adjustment: their dates are never the meeting day.
_NOTICE = ("notice", "announced", "posted", "removed", "posted_removed", "appeal")
# Fields whose value is one line: a new line that fits a waiting label goes there instead.
_SINGLE = (
    "when",
    "organ",
    "posted",
    "removed",
    "posted_removed",
    "appeal",
    "paragraphs",
    "kept_at",
    "chair",
    "secretary",
)
_SPACE = regex.compile(r"\s+")
_SLASH = regex.compile(r"\s*/\s*")
_NUMBER = regex.compile(r"\d+")
_PLACE_CUT = regex.compile(r"[,\n]")
_FILLER_LEFT = regex.compile(r"[\s:.…_]+")
_FILLER_RIGHT = regex.compile(r"[\s.…_]+$")
_GAP = regex.compile(r"\t|\s{2,}")
_PARTY_MARK = regex.compile(r"\(\s*[\p{L}-]{1,5}\s*\)", regex.V1)
_DIGIT = regex.compile(r"\d")
_WORD = regex.compile(r"\S+")
_LOWER_NEXT = regex.compile(r"[ \t]+\p{Ll}", regex.V1)
_PARAGRAPH = regex.compile(r"(?:§§?\s*)?(?P<a>\d{1,4})(?:\s*(?:-+|–|—)\s*(?:§§?\s*)?(?P<b>\d{1,4}))?")
_PARAGRAPH_RANGE = regex.compile(
    r"§§\s*\d{1,4}\s*(?:-+|–|—)\s*\d{1,4}(?:\s*,\s*(?:§§\s*)?\d{1,4}\s*(?:-+|–|—)\s*\d{1,4})*"
)
_PROSE_PLACE = regex.compile(r"(?<![\p{L}])(?:i|på)\s+(?P<place>[^.;\n]+)", regex.V1)
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=\p{Lu})", regex.V1)
_CAPS_LETTERS = 4
# Every date opens with a number that has a letter or a sign beside it, spaces apart (`4 juni`,
# `juni 2025`, `vecka 12`, `12–14 maj`, `2024-03-05`, `5/3`, `5.3.2024`; see extract/dates.py),
# the word perhaps before the span: lines of page numbers (`4 (136)`) hold none.
_DATE_NUMBER = regex.compile(r"(?<=[^\s\p{N}()]\s*)\p{N}|\p{N}\s*[^\s\p{N}()]", regex.V1)
# Words besides an organ and its authority on a line that names the organ alone.
_ALONE_WORDS = 2


def _find_dates(text: str, lo: int, hi: int, ctx: Context | None = None) -> tuple[list[DateMention], list[Warning]]:
    """:func:`find_dates_with_warnings`, not run where no number can open a date (page numbers
    `4 (136)`: most of the running heads)."""
    if _DATE_NUMBER.search(text, lo, hi) is None:
        return [], []
    return find_dates_with_warnings(text, lo, hi, ctx)


def _key(form: str) -> str:
    return _SLASH.sub("/", _SPACE.sub(" ", form.casefold())).strip(" :")


def _form_pattern(form: str) -> str:
    parts = [r"\s*/\s*".join(regex.escape(p.strip()) for p in word.split("/")) for word in form.split()]
    return r"\s+".join(parts)


@dataclass(frozen=True)
class _Labels:
    pattern: regex.Pattern[str]
    starts: tuple[str, ...]
    kinds: dict[str, str]
    words: dict[str, int]
    closing: regex.Pattern[str]
    closing_starts: tuple[str, ...]


@cache
def _labels() -> _Labels:
    vocab = load("meeting")
    kinds: dict[str, str] = {}
    words: dict[str, int] = {}
    for kind, forms in vocab["labels"].items():
        for form in forms:
            kinds[_key(form)] = kind
            words[_key(form)] = len(form.replace("/", " / ").split())
    forms = sorted((f for fs in vocab["labels"].values() for f in fs), key=len, reverse=True)
    closing = sorted(vocab["signature_block"]["labels"], key=len, reverse=True)
    return _Labels(
        pattern=regex.compile(
            rf"(?<![\p{{L}}\d])(?i:{'|'.join(_form_pattern(f) for f in forms)})(?![\p{{L}}\d])\s*:?", regex.V1
        ),
        # A label begins with its first word (`ANSLAG / BEVIS` with `anslag`): tried only there.
        starts=first_words(f.replace("/", " ") for f in forms),
        kinds=kinds,
        words=words,
        closing=regex.compile(
            rf"^[ \t]*(?i:{'|'.join(_form_pattern(f) for f in closing)})(?=[ \t]*(?::|$|[ \t]{{2}}|[ \t]+\p{{Lu}}))",
            regex.M | regex.V1,
        ),
        closing_starts=first_words(f.replace("/", " ") for f in closing),
    )


@dataclass(frozen=True)
class _Patterns:
    """Time, organ and authority patterns built from ``vocab/meeting.toml``."""

    time: regex.Pattern[str]
    pause: regex.Pattern[str]
    organ: regex.Pattern[str]
    organ_words: tuple[str, ...]
    authority: regex.Pattern[str]
    authority_words: tuple[str, ...]
    authority_stop: frozenset[str]
    adjusting: regex.Pattern[str]
    not_organs: frozenset[str]
    place_trim: frozenset[str]


@cache
def _patterns() -> _Patterns:
    vocab = load("meeting")
    cues = "|".join(vocab["time"]["cues"])
    clock = rf"(?<![\p{{N}}.:,/])(?:(?:{cues})\s*)?(?:[01]?\d|2[0-4])[.:][0-5]\d(?!\p{{N}})"
    hour = rf"(?<![\p{{L}}])(?:{cues})\s*(?:[01]?\d|2[0-4])(?![\p{{N}}.:])"
    # A time opens with a digit or a cue: said first, it lets the engine pass other offsets fast.
    time = rf"(?=\d|(?:{cues}))(?:{clock}|{hour})"
    pauses = "|".join(regex.escape(b) for b in sorted(vocab["time"]["breaks"], key=len, reverse=True))
    organ = vocab["organ"]
    heads = "|".join(sorted((h + e for h in load("organs")["heads"] for e in organ["endings"]), key=len, reverse=True))
    exclude = "|".join(regex.escape(w) for w in organ["modifier_exclude"])
    prefix_heads = "|".join(_form_pattern(p) for p in organ["prefix_heads"])
    authority = vocab["authority"]
    name = r"\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*"
    prefixes = "|".join(_form_pattern(p) for p in sorted(authority["prefixes"], key=len, reverse=True))
    suffixes = "|".join(_form_pattern(s) for s in sorted(authority["suffixes"], key=len, reverse=True))
    weekdays = load("dates")["weekdays"]["forms"]
    # "Miljö- och byggnadsnämnden", "Kommunstyrelsens arbetsutskott", "Regionala utvecklingsnämnden"
    pair = r"[\p{L}]+-[ \t]+(?:och|&)[ \t]+"
    modifier = rf"{pair}|(?!(?i:{exclude})[ \t])[\p{{L}}]+[sa][ \t]+(?=\p{{Ll}})"
    headed = rf"(?<![\p{{L}}])(?i:{prefix_heads})(?:[ \t]+(?:och[ \t]+)?\p{{Ll}}[\p{{L}}-]*){{1,4}}"
    region = rf"(?P<pre>{prefixes})(?P<names>(?:[ \t]+{name}){{1,3}})"
    suffixed = rf"(?P<names2>{name}(?:[ \t]+{name})?)[ \t]+(?P<suf>(?i:{suffixes}))(?P<gen>s)?(?![\p{{L}}])"
    compound = (
        rf"(?P<compound>(?:{name}[ \t]+)?\p{{Lu}}\p{{Ll}}*(?i:{regex.escape(authority['compound'])}))(?![\p{{L}}])"
    )
    return _Patterns(
        time=regex.compile(time, regex.I | regex.V1),
        pause=regex.compile(
            rf"(?<![\p{{L}}])(?:{pauses})(?![\p{{L}}])[^\n,;]*?{time}(?:\s*(?:-+|–|—|till)\s*{time})?",
            regex.I | regex.V1,
        ),
        organ=regex.compile(rf"{headed}|(?<![\p{{L}}-])(?:{modifier})?[\p{{L}}-]*?(?i:{heads})(?![\p{{L}}])", regex.V1),
        # Every organ holds a head, every authority a prefix, suffix or the compound: a line
        # without one is passed over without running the patterns (searched where asked: not indexed).
        organ_words=first_words([*load("organs")["heads"], *organ["prefix_heads"]]),
        authority=regex.compile(rf"(?<![\p{{L}}])(?:{region}|{suffixed}|{compound})", regex.V1),
        authority_words=first_words([*authority["prefixes"], *authority["suffixes"], authority["compound"]]),
        authority_stop=frozenset(w.casefold() for w in authority["stop"]),
        not_organs=frozenset(w.casefold() for w in organ["not_organs"]),
        adjusting=regex.compile("|".join(vocab["adjustment_prose"]["cues"]), regex.I | regex.V1),
        place_trim=frozenset([*(w.casefold() for w in vocab["place"]["trim"]), *weekdays]),
    )


@dataclass
class _Entry:
    """One labelled field and the spans of its value; ``late``: in a notice or closing block."""

    kind: str
    late: bool
    parts: list[Span] = field(default_factory=list)


@dataclass
class _Scan:
    """The header read into labelled fields and loose lines (``late`` as for entries)."""

    entries: list[_Entry] = field(default_factory=list)
    loose: list[tuple[Span, bool]] = field(default_factory=list)

    def of(self, *kinds: str, early: bool = False) -> list[Span]:
        """The value spans of the fields of ``kinds``, in order."""
        return [p for e in self.entries if e.kind in kinds and not (early and e.late) for p in e.parts]

    def prose(self, early: bool = False) -> list[Span]:
        return [span for span, late in self.loose if not (early and late)]


def _lines(text: str, start: int, end: int) -> Iterator[Span]:
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            yield pos, end
            return
        yield pos, nl
        pos = nl + 1


def _value_span(text: str, lo: int, hi: int) -> Span | None:
    left = _FILLER_LEFT.match(text, lo, hi)
    lo = left.end() if left else lo
    right = _FILLER_RIGHT.search(text, lo, hi)
    hi = right.start() if right else hi
    return (lo, hi) if hi > lo else None


def _indent(text: str, lo: int, hi: int) -> int:
    return lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())


def _hits(text: str, lo: int, hi: int, listing: bool, starts: Iterable[int] | None) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` for the labels on one line, tried at ``starts`` (see
    :func:`finditer_at`). Inside an attendance list (``listing``) a one-word label after a name
    and a chair or secretary word before a party ("Ordförande Anna Ek (S)") are part of the
    list, not labels."""
    labels = _labels()
    found = list(finditer_at(labels.pattern, text, lo, hi, starts))
    if not found:
        return []
    first = _indent(text, lo, hi)
    out: list[tuple[str, int, int]] = []
    for m in found:
        key = _key(m.group())
        if not m.group()[0].isupper() or key not in labels.kinds:
            continue
        kind, words = labels.kinds[key], labels.words[key]
        before = text[max(lo, m.start() - 2) : m.start()]
        at_start = m.start() == first
        if not (at_start or before == "  " or before.endswith("\t") or (words >= 2 and before[-1:].isspace())):
            continue
        if (
            listing
            and words == 1
            and (not at_start or (kind in ("chair", "secretary") and _PARTY_MARK.search(text, m.end(), hi)))
        ):
            continue
        out.append((kind, m.start(), m.end()))
    return out


class _Looks:
    """What a stretch of text contains, to tell which label it is the value of. Each feature is
    read on first use: most lines are placed after a look at one or two of them."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text = text
        self.lo = lo
        self.hi = hi

    @cached_property
    def chunk(self) -> str:
        return self.text[self.lo : self.hi]

    @cached_property
    def people(self) -> list[Attendee]:
        return find_attendees(self.text, self.lo, self.hi)[0]

    @cached_property
    def date(self) -> bool:
        return any(m.precision == "day" for m in _find_dates(self.text, self.lo, self.hi)[0])

    @cached_property
    def time(self) -> bool:
        return _patterns().time.search(self.chunk) is not None

    @cached_property
    def name(self) -> bool:
        return bool(self.people)

    @cached_property
    def member(self) -> bool:
        return _PARTY_MARK.search(self.chunk) is not None or any(a.party or a.role for a in self.people)

    @cached_property
    def digit(self) -> bool:
        return _DIGIT.search(self.chunk) is not None

    @cached_property
    def elsewhere(self) -> bool:
        return points_elsewhere(self.chunk)

    @cached_property
    def organ(self) -> bool:
        return _find_organ(self.text, self.lo, self.hi) is not None

    @cached_property
    def role(self) -> bool:
        return names_a_role(self.chunk)

    @cached_property
    def plain(self) -> bool:
        """Nothing that marks a list, a date or a time."""
        return not (self.member or self.date or self.time)


_STRONG, _WEAK, _NO = 2, 1, 0


def _fit(kind: str, looks: _Looks) -> int:
    """How well text that ``looks`` so fits as the value of a ``kind`` label: ``_STRONG``
    (what the label asks for: a day for a date label, a party or role for a list), ``_WEAK``
    (nothing against it) or ``_NO``."""
    if kind in _PERSON_LISTS:
        return _STRONG if looks.member or looks.elsewhere else _WEAK if looks.name or looks.role else _NO
    if kind in _NAMED:
        if looks.date or not (looks.name or looks.role):
            return _NO
        return _WEAK if looks.member or not looks.name else _STRONG
    if kind == "when_where":
        return _STRONG if looks.date or looks.time else _WEAK if looks.plain else _NO
    if kind == "adjustment":
        return _STRONG if looks.date else _WEAK if looks.plain else _NO
    if kind == "when":
        return _STRONG if looks.date or looks.time else _NO
    if kind in ("posted", "removed", "posted_removed", "appeal"):
        return _STRONG if looks.date else _NO
    if kind == "paragraphs":
        return _STRONG if looks.digit else _NO
    if kind == "organ":
        return _STRONG if looks.organ else _WEAK if looks.plain else _NO
    if kind in _MARKERS:
        return _NO
    return _STRONG if looks.plain and not looks.name else _WEAK if looks.plain else _NO


class _Reader:
    """Assigns the lines of one span to labelled fields (see the module docstring).

    A line without a label continues the field it follows (``open``) when it fits that
    field well; else it is the value of the first label still waiting for one (``pending``)
    that it fits well, then of the open field or a waiting label it fits at all, then of the
    last field after a blank line; else it is prose. A dotted signature line or a blank line
    closes the open field; a notice (ANSLAG/BEVIS) ends the wait of labels before it.
    """

    def __init__(self, text: str, scan: _Scan, late: bool, starts: list[int] | None) -> None:
        self.text = text
        self.scan = scan
        self.late = late
        self.starts = starts  # where a label may begin (None: anywhere), see _Labels.starts
        self.pending: list[_Entry] = []
        self.open: _Entry | None = None
        self.last: _Entry | None = None

    def line(self, lo: int, hi: int) -> None:
        whole = _value_span(self.text, lo, hi)
        if whole is None:
            self.open = None
            return
        listing = self.open is not None and self.open.kind in _PERSON_LISTS
        starts = self.starts
        at = None if starts is None else starts[bisect_left(starts, lo) : bisect_left(starts, hi)]
        hits = _hits(self.text, lo, hi, listing, at) if at != [] else []
        if not hits:
            self.loose(whole)
            return
        if before := _value_span(self.text, lo, hits[0][1]):
            self.loose(before)
        for i, (kind, _, e) in enumerate(hits):
            self.late = self.late or kind in _NOTICE
            if kind == "notice":
                self.pending.clear()
            entry = _Entry(kind=kind, late=self.late)
            self.scan.entries.append(entry)
            value = _value_span(self.text, e, hits[i + 1][1] if i + 1 < len(hits) else hi)
            if kind in (*_MARKERS, "announced"):
                entry.parts.extend([value] if value else [])
                self.open = None
            elif value is not None:
                entry.parts.append(value)
                self.open = self.last = entry
            else:
                self.pending.append(entry)
                self.open = None

    def loose(self, span: Span) -> None:
        """Place a line's value ``span`` that no label opens."""
        looks = _Looks(self.text, *span)
        if self.open is not None and self.open.kind not in _SINGLE and _fit(self.open.kind, looks) == _STRONG:
            self.open.parts.append(span)
        elif self.open is None and len(self.pending) >= 2 and self._columns(list(self._cells(*span))):
            self.open = None
        elif self._to_pending(span, looks, _STRONG):
            return
        elif self.open is not None and self._continues(self.open) and _fit(self.open.kind, looks) >= _WEAK:
            self.open.parts.append(span)
        elif self._to_pending(span, looks, _WEAK):
            return
        elif self.open is None and self.last is not None and _fit(self.last.kind, looks) == _STRONG:
            self.last.parts.append(span)
            self.open = self.last
        else:
            self.scan.loose.append((span, self.late))

    @staticmethod
    def _continues(entry: _Entry) -> bool:
        """A one-line field takes no further line once it has its value."""
        return entry.kind not in _SINGLE or not entry.parts

    def _columns(self, cells: list[Span]) -> bool:
        """Give each column cell to the next waiting label it fits well (`Justerare
        Justeringens plats och tid` ⏎ `Per Ek    Kommunhuset 2018-03-27`), if there are two or more
        and every cell has one."""
        if len(cells) < 2:
            return False
        waiting = list(self.pending)
        targets: list[_Entry] = []
        for cell in cells:
            looks = _Looks(self.text, *cell)
            target = next((p for p in waiting if _fit(p.kind, looks) == _STRONG), None)
            if target is None:
                return False
            waiting.remove(target)
            targets.append(target)
        for cell, target in zip(cells, targets, strict=True):
            self.pending.remove(target)
            target.parts.append(cell)
        return True

    def _cells(self, lo: int, hi: int) -> Iterator[Span]:
        pos = lo
        for gap in _GAP.finditer(self.text, lo, hi):
            if gap.start() > pos:
                yield pos, gap.start()
            pos = gap.end()
        if pos < hi:
            yield pos, hi

    def _to_pending(self, span: Span, looks: _Looks, level: int) -> bool:
        if not self.pending:  # the common case, asked twice a loose line
            return False
        target = next((p for p in self.pending if _fit(p.kind, looks) >= level), None)
        if target is None:
            return False
        self.pending.remove(target)
        target.parts.append(span)
        self.open = self.last = target
        return True


# A run of page-number lines (`4 (136)`, most of the running heads): every line looks the same to
# the reader (no label, no letter, no date), so where the first goes to the prose, so do the rest.
_PAGE_RUN = regex.compile(r"^\d+ \(\d+\)(?:\n\d+ \(\d+\))+$", regex.M)


def _scan(text: str, spans: Iterable[tuple[Span, bool]]) -> _Scan:
    scan = _Scan()
    words = _labels().starts
    for (lo, hi), late in spans:
        # An empty span (no header page) holds no label: not searched (a search costs a pass over the text).
        reader = _Reader(text, scan, late, word_starts(text, lo, hi, words, indexed=False) if hi > lo else [])
        pos = lo
        for run in _PAGE_RUN.finditer(text, lo, hi):
            for line in _lines(text, pos, run.start() - 1):
                reader.line(*line)
            lines = list(_lines(text, run.start(), run.end()))
            placed = len(scan.loose)
            reader.line(*lines[0])
            if len(scan.loose) > placed:  # the first line went to the prose, the reader unchanged
                scan.loose.extend((line, reader.late) for line in lines[1:])
            else:
                for line in lines[1:]:
                    reader.line(*line)
            pos = run.end() + 1
        for line in _lines(text, pos, hi):
            reader.line(*line)
    return scan


_CAPS_WORD = regex.compile(r"(?<![\p{L}])\p{Lu}{2,}(?![\p{L}])")


def _caps(chunk: str) -> bool:
    letters = [c for c in chunk if c.isalpha()]
    return len(letters) >= _CAPS_LETTERS and all(c.isupper() for c in letters)


def _organs(text: str, lo: int, hi: int) -> Iterator[tuple[str, str, regex.Match[str]]]:
    """The organs named in ``text[lo:hi]``, in order: each as written out, with the line's view
    (lower case where it is in capitals) and the match in it."""
    p = _patterns()
    if not may_hold(text, lo, hi, p.organ_words, indexed=False):
        return
    chunk = text[lo:hi]
    view = chunk.lower() if _caps(chunk) else chunk
    for m in p.organ.finditer(view):
        found = _SPACE.sub(" ", m.group())
        if found.split()[-1].casefold() not in p.not_organs:
            yield found[0].upper() + found[1:], view, m


def _find_organ(text: str, lo: int, hi: int) -> str | None:
    """The first organ named in ``text[lo:hi]``."""
    return next((found for found, _, _ in _organs(text, lo, hi)), None)


def _alone(view: str, m: regex.Match[str]) -> bool:
    """Whether the organ ``m`` makes up the line but for an authority and a few furniture words
    (`Göteborgs Stad Kommunfullmäktige, protokoll`)."""
    rest = view[: m.start()] + " " + view[m.end() :]
    authority = _find_authority(rest, 0, len(rest))
    return len((rest.replace(authority, " ") if authority else rest).split()) <= _ALONE_WORDS


def _region(view: str, m: regex.Match[str]) -> str | None:
    """`Region Jämtland Härjedalen`: the name words up to a stop word or an organ, without a
    genitive s (`Region Västerbottens digitala anslagstavla`)."""
    p = _patterns()
    names: list[str] = []
    end = m.end("pre")
    for w in _WORD.finditer(view, m.start("names"), m.end("names")):
        if w.group().casefold() in p.authority_stop or p.organ.match(view, w.start()):
            break
        names.append(w.group())
        end = w.end()
    if not names:
        return None
    if names[-1].endswith("s") and _LOWER_NEXT.match(view, end):
        names[-1] = names[-1][:-1]
    return " ".join([_SPACE.sub(" ", m.group("pre")), *names])


def _find_authority(text: str, lo: int, hi: int) -> str | None:
    """The authority named in ``text[lo:hi]``, also in capitals on a line with other words
    (`KVARNBY KOMMUN SAMMANTRÄDESPROTOKOLL Sid 1 (3)`)."""
    p = _patterns()
    if not may_hold(text, lo, hi, p.authority_words, indexed=False):
        return None
    chunk = text[lo:hi]
    caps = _caps(chunk)
    view = chunk.title() if caps else _CAPS_WORD.sub(lambda w: w.group().title(), chunk)
    for m in p.authority.finditer(view):
        if m.group("compound"):
            return _SPACE.sub(" ", m.group("compound"))
        if m.group("pre"):
            found = _region(view, m)
            if found:
                return found
            continue
        words = [w for w in m.group("names2").split()]
        while words and words[0].casefold() in p.authority_stop:
            words.pop(0)
        if words:
            written = chunk[m.start("suf") : m.end("suf")]
            suffix = m.group("suf").lower() if caps or written.isupper() else _SPACE.sub(" ", m.group("suf"))
            return " ".join([*words, suffix])
    return None


def _first_found(text: str, spans: Iterable[Span], find: Callable[[str, int, int], str | None]) -> str | None:
    return next((found for lo, hi in spans if (found := find(text, lo, hi))), None)


def _overlaps(span: Span, blocked: Iterable[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in blocked)


def _clock(written: str) -> str:
    digits = _NUMBER.findall(written)
    hour, minute = (digits[-2], digits[-1]) if len(digits) >= 2 else (digits[0], "00")
    return f"{int(hour):02d}:{minute}"


def _trim_place(piece: str) -> str:
    trim = _patterns().place_trim
    words = piece.strip(" -–—:;.()").split()
    while words and words[0].casefold().strip(".:") in trim:
        words.pop(0)
    while words and words[-1].casefold().strip(".:") in trim:
        words.pop()
    return " ".join(words).strip(" -–—:;.,()")


def _paragraphs(text: str, spans: Iterable[Span]) -> str | None:
    ranges = [
        f"{m.group('a')}–{m.group('b')}" if m.group("b") else m.group("a")
        for lo, hi in spans
        for m in _PARAGRAPH.finditer(text, lo, hi)
    ]
    return ", ".join(ranges) or None


class _Header:
    """The fields of one header, read from a :class:`_Scan`."""

    def __init__(self, text: str, scan: _Scan, ctx: Context, local_parties: tuple[str, ...]) -> None:
        self.text = text
        self.scan = scan
        self.ctx = ctx
        self.local_parties = local_parties
        self.warnings: list[Warning] = []
        self.notes: list[str] = []

    def mentions(self, spans: Iterable[Span], ctx: Context | None = None, warn: bool = True) -> list[DateMention]:
        out: list[DateMention] = []
        for lo, hi in spans:
            found, warnings = _find_dates(self.text, lo, hi, ctx or self.ctx)
            out.extend(found)
            if warn:
                self.warnings.extend(w for w in warnings if w not in self.warnings)
        return out

    def dates(self, spans: Iterable[Span], ctx: Context | None = None, warn: bool = True) -> list[tuple[date, Span]]:
        """The days named in ``spans`` (both ends of a range), with the span of each mention."""
        return [
            (date.fromisoformat(d), m.span)
            for m in self.mentions(spans, ctx, warn)
            for d in (m.date, m.end)
            if d and len(d) == len("yyyy-mm-dd")
        ]

    def day(self) -> tuple[date, Span] | None:
        """The meeting day: from a date or time label, else the first day in the prose."""
        for spans in (self.scan.of(*_WHEN, early=True), self.scan.prose(early=True), self.scan.of(*_WHEN)):
            found = self.dates(spans, warn=False)
            if found:
                return found[0]
        return None

    def times(self, spans: list[Span], blocked: list[Span]) -> tuple[list[tuple[str, Span]], list[Span]]:
        """Clock times in ``spans`` outside ``blocked`` and adjournments; and the adjournments."""
        p = _patterns()
        pauses = [m.span() for lo, hi in spans for m in p.pause.finditer(self.text, lo, hi)]
        self.notes.extend(_SPACE.sub(" ", self.text[s:e]) for s, e in pauses)
        found = [
            (_clock(m.group()), m.span())
            for lo, hi in spans
            for m in p.time.finditer(self.text, lo, hi)
            if not _overlaps(m.span(), [*pauses, *blocked])
        ]
        return found, pauses

    def place(self, spans: list[Span], blocked: list[Span]) -> str | None:
        pieces: list[str] = []
        for lo, hi in spans:
            chars = list(self.text[lo:hi])
            for s, e in blocked:
                for i in range(max(s, lo), min(e, hi)):
                    chars[i - lo] = ","
            pieces.extend(p for piece in _PLACE_CUT.split("".join(chars)) if (p := _trim_place(piece)))
        return ", ".join(pieces) or None

    def prose_place(self, spans: list[Span], after: list[Span]) -> str | None:
        """``i kommunhuset, Tyresö`` after the day or time in a prose line."""
        for lo, hi in spans:
            ends = [e for s, e in after if lo <= s < hi]
            if ends and (m := _PROSE_PLACE.search(self.text, max(ends), hi)):
                return self.place([m.span("place")], []) or None
        return None

    def people(self, spans: Sequence[Span], role: str | None) -> list[Attendee]:
        """The attendance list in ``spans``, its warnings kept."""
        found, warnings = find_attendees_in(self.text, spans, role=role, local_parties=self.local_parties)
        self.warnings.extend(warnings)
        return found

    def named(self, *kinds: str) -> list[Attendee]:
        """The people named in the fields of ``kinds`` (signatures, adjusters), one list a field."""
        return [
            a
            for e in self.scan.entries
            if e.kind in kinds
            for a in find_attendees_in(self.text, e.parts, local_parties=self.local_parties)[0]
        ]

    def meeting(self, span: Span) -> Meeting:
        scan = self.scan
        day = self.day()
        ctx = replace(self.ctx, meeting_date=day[0]) if day else self.ctx
        times, place = self.when(ctx)
        attendees = self.attendees()
        chair = self.chair(attendees)
        adjusted_on, adjusted_place = self.adjustment(ctx)
        posted, removed = self.posting(ctx)
        prose, late_prose = scan.prose(early=True), scan.prose()
        self.notes.extend(_SPACE.sub(" ", self.text[s:e]) for s, e in scan.of("signatures"))
        # Each span once: the early prose is in late_prose too, and found nothing the first time.
        authority_spans = dict.fromkeys(
            [*scan.of("organ"), *prose, *scan.of(*_MARKERS, "announced"), *late_prose, *scan.of("kept_at", "where")]
        )
        ranges = [m.span() for lo, hi in prose for m in _PARAGRAPH_RANGE.finditer(self.text, lo, hi)]
        return Meeting(
            authority=_first_found(self.text, authority_spans, _find_authority),
            organ=self.organ(),
            date=day[0].isoformat() if day else None,
            start_time=times[0] if times else None,
            end_time=times[-1] if len(times) > 1 else None,
            place=place,
            chair=chair,
            secretary=self.secretary(attendees),
            adjusters=self.adjusters(chair),
            adjusted_on=adjusted_on,
            adjusted_place=adjusted_place,
            posted_on=posted.isoformat() if posted else None,
            removed_on=removed.isoformat() if removed else None,
            appeal_deadline=self.deadline(posted, ctx),
            kept_at=self.place(scan.of("kept_at"), []),
            paragraphs=_paragraphs(self.text, scan.of("paragraphs")) or _paragraphs(self.text, ranges),
            attendees=attendees,
            span=span,
            note="; ".join(self.notes) or None,
        )

    def organ(self) -> str | None:
        """The organ of the organ field, else one that makes up a prose line, else the first in the prose."""
        labelled = _first_found(self.text, self.scan.of("organ"), _find_organ)
        if labelled:
            return labelled
        first: str | None = None
        # One reading of the prose for both: the first organ alone on its line, else the first at all.
        for lo, hi in self.scan.prose():
            for found, view, m in _organs(self.text, lo, hi):
                if _alone(view, m):
                    return found
                first = first or found
        return first

    def when(self, ctx: Context) -> tuple[list[str], str | None]:
        """The clock times of the meeting and its place: from the date, time and place labels,
        else from the prose (`… kl. 18.00–20.15 i kommunhuset, Tyresö.`)."""
        scan = self.scan
        labelled = scan.of(*_WHEN, early=True) or scan.of(*_WHEN)
        prose = scan.prose(early=True)
        dates = [m.span for m in self.mentions(labelled or prose, ctx)]
        times, pauses = self.times(labelled or prose, dates)
        clocks = [s for _, s in times]
        place = self.place(scan.of("where"), []) or self.place(scan.of("when_where"), [*dates, *clocks, *pauses])
        if place is None and not labelled:
            place = self.prose_place(prose, [*clocks, *dates])
        return [t for t, _ in times], place

    def adjustment(self, ctx: Context) -> tuple[str | None, str | None]:
        """``adjusted_on`` and ``adjusted_place`` from `Justeringens plats och tid` and kin, else
        from a sentence that says when the protocol is adjusted."""
        spans = self.scan.of("adjustment")
        mentions = self.mentions(spans, ctx)
        clocks = [m.span() for lo, hi in spans for m in _patterns().time.finditer(self.text, lo, hi)]
        adjusted_on = next((m.date for m in mentions if m.date), None)
        if spans:
            return adjusted_on, self.place(spans, [*(m.span for m in mentions), *clocks])
        for (lo, hi), named in self.adjusting:
            said = [m for m in self.mentions([(lo, hi)], ctx) if m.date]
            if not said:
                continue
            clocks = [m.span() for m in _patterns().time.finditer(self.text, lo, hi)]
            after = max([lo, *(a.span[0] for a in named if a.span)])
            where = _PROSE_PLACE.search(self.text, after, hi)
            place = self.place([where.span("place")], [*(m.span for m in said), *clocks]) if where else None
            return said[0].date, place
        return None, None

    @cached_property
    def adjusting(self) -> list[tuple[Span, list[Attendee]]]:
        """The prose sentences that say who adjusts the protocol or when (`… utser Ulla Hed (S)
        och Bo Engström (M) att justera protokollet`, `Justeringen sker tisdagen den 20 september`),
        each with the people it names (:meth:`named_in`). Read once: chair, adjusters and the
        adjustment day all ask for them."""
        cue = _patterns().adjusting
        return [(span, self.named_in(span)) for span in self.sentences() if cue.search(self.text, *span)]

    def sentences(self) -> list[Span]:
        """The prose lines joined into paragraphs (no blank line between) and cut into sentences."""
        paragraphs: list[list[int]] = []
        for lo, hi in self.scan.prose():
            if (
                paragraphs
                and self.text.count("\n", paragraphs[-1][1], lo) <= 1
                and not self.text[paragraphs[-1][1] : lo].strip()
            ):
                paragraphs[-1][1] = hi
            else:
                paragraphs.append([lo, hi])
        out: list[Span] = []
        for lo, hi in paragraphs:
            cut = lo
            for m in _SENTENCE_END.finditer(self.text, lo, hi):
                out.append((cut, m.start()))
                cut = m.end()
            out.append((cut, hi))
        return out

    def attendees(self) -> list[Attendee]:
        defaults = load("meeting")["attendance"]["defaults"]
        seen: set[str] = set()
        out: list[Attendee] = []
        for entry in self.scan.entries:
            if entry.kind in _PERSON_LISTS:
                for a in self.people(entry.parts, defaults.get(entry.kind)):
                    if a.name not in seen:
                        seen.add(a.name)
                        out.append(a)
        return out

    def chair(self, attendees: list[Attendee]) -> str | None:
        signed = self.named("chair")
        if signed:
            return signed[0].name
        listed = [a for a in [*attendees, *self.adjusting_people] if a.role == "ordförande"]
        return listed[0].name if listed else None

    def secretary(self, attendees: list[Attendee]) -> str | None:
        signed = self.named("secretary")
        if signed:
            return signed[0].name
        listed = [a for a in attendees if a.role and a.role.endswith("sekreterare")]
        return listed[0].name if listed else None

    def adjusters(self, chair: str | None) -> list[str]:
        names: list[str] = []
        for a in self.adjusting_people:
            if a.role != "ordförande" and a.name != chair and a.name not in names:
                names.append(a.name)
        return names

    @cached_property
    def adjusting_people(self) -> list[Attendee]:
        """The people of the adjuster fields, then those named in the adjusting sentences (where
        some carry a party, only those: `på Stadshuset, Gustaf Adolfs Torg 1` names no one)."""
        return [*self.named("adjusters"), *(a for _, named in self.adjusting for a in named)]

    def named_in(self, span: Span) -> list[Attendee]:
        """The people a sentence names; where some carry a party, only those."""
        people = find_attendees(self.text, *span, local_parties=self.local_parties)[0]
        return [a for a in people if a.party or not any(b.party for b in people)]

    def posting(self, ctx: Context) -> tuple[date | None, date | None]:
        both = [d for d, _ in self.dates(self.scan.of("posted_removed"), ctx)]
        posted = [d for d, _ in self.dates(self.scan.of("posted", "announced"), ctx)] or both[:1]
        removed = [d for d, _ in self.dates(self.scan.of("removed"), ctx)] or both[1:2]
        return (posted[0] if posted else None), (removed[0] if removed else None)

    def deadline(self, posted: date | None, ctx: Context) -> str | None:
        """Three weeks from ``posted`` to a working day; the deadline the notice prints
        (`Sista dag för överklagande …`, `… måste göra det senast den 6 maj 2016`) without it."""
        notice = [*self.scan.of(*_NOTICE), *self.scan.prose()]
        printed = self.dates(self.scan.of("appeal"), ctx) or [
            (date.fromisoformat(m.date), m.span) for m in self.mentions(notice, ctx) if m.role == "deadline" and m.date
        ]
        if posted is None:
            return printed[0][0].isoformat() if printed else None
        computed = appeal_deadline(posted)
        if printed and printed[0][0] != computed:
            self.warnings.append(
                Warning(
                    code="appeal-deadline-differs",
                    message=f"the notice gives {printed[0][0].isoformat()}, three weeks from posting gives "
                    f"{computed.isoformat()}",
                    span=printed[0][1],
                )
            )
        return computed.isoformat()


def parse_header(
    text: str,
    start: int,
    end: int,
    ctx: Context | None = None,
    *,
    more: Sequence[Span] = (),
    local_parties: Iterable[str] = (),
) -> tuple[Meeting, list[Warning]]:
    """The meeting header in ``text[start:end]`` as a :class:`Meeting`, with warnings.

    ``more`` are further spans of the same document that belong to the header: the closing
    block of a protocol extract ("Vid protokollet / Justeras / Utdraget bestyrks") or an
    ANSLAG/BEVIS notice printed after the last § (:func:`find_signature_block` finds it), and the
    body of a formalia § that names the adjusters ("Val av justerare", "Bestämmande av tid för
    justering"). Their dates never give the meeting day. ``ctx.meeting_date`` gives the
    year to year-less dates when the header has no meeting day of its own. ``local_parties`` adds
    party codes to ``vocab/parties.toml``. Warning codes: ``attendance-elsewhere``,
    ``attendee-unparsed``, ``appeal-deadline-differs`` and those of
    :func:`beslutsparser.extract.dates.find_dates_with_warnings`.
    """
    spans = [((start, end), False), *(((lo, hi), True) for lo, hi in more)]
    header = _Header(text, _scan(text, spans), ctx or Context(), tuple(local_parties))
    meeting = header.meeting((start, end))
    return meeting, header.warnings


def _bare_header(text: str, start: int, end: int | None, ctx: Context | None) -> _Header:
    """The header in ``text[start:end]`` scanned, to read a field or two (no attendance is read)."""
    stop = len(text) if end is None else end
    return _Header(text, _scan(text, [((start, stop), False)]), ctx or Context(), ())


def header_meeting_date(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None) -> date | None:
    """Only the meeting day of the header in ``text[start:end]``: the day after a date label
    (`Sammanträdesdatum: 2024-08-22`, `Plats och tid Kommunhuset 2018-03-20 kl 13.00`), else the
    first day in the header's prose."""
    found = _bare_header(text, start, end, ctx).day()
    return found[0] if found else None


def header_day_and_organ(text: str, start: int = 0, end: int | None = None) -> tuple[date | None, str | None]:
    """Only the meeting day and the organ of the header in ``text[start:end]``, as
    :func:`parse_header` reads them: what the running heads a cleaner removed still tell
    (`Kommunfullmäktige` ⏎ `Sammanträdesdatum: 2024-08-22`)."""
    header = _bare_header(text, start, end, None)
    day = header.day()
    return (day[0] if day else None), header.organ()


def find_signature_block(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The closing block in ``text[start:end]``: from the first line that opens with `Vid
    protokollet`, `Justeras`, `Utdraget bestyrks`, `ANSLAG/BEVIS`, `BEVIS OM ANSLAG` or
    `Underskrifter` to ``end``; ``None`` when there is none."""
    stop = len(text) if end is None else end
    labels = _labels()
    # The block opens at a line start before a label's first word: tried only at such lines (the words
    # found by the document's index: a search of the last § would read the whole text).
    words = word_starts(text, start, stop, labels.closing_starts)
    lines = None if words is None else sorted({at for w in words if (at := text.rfind("\n", 0, w) + 1) >= start})
    m = next(finditer_at(labels.closing, text, start, stop, lines), None)
    return (m.start(), stop) if m else None
