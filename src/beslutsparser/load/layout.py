"""Roll-call sheets read from the page layout: each member's vote is the column of the X.

Form (Mölndal, an `Omröstningslista nr. N` per vote at the end of the protocol)::

    Omröstningslista nr. 1
    § 82. Svar på motion (SD) - ISO-certifiering i arbetsmiljö
    Ledamöter            Parti   Ersättare          Ja   Nej   Avst   Frånv
    Stefan Gustafsson    (S)                              X
    Elpida Georgitsi     (S)     Emil Forsberg            X
                         Transport:                  0    2     0      0

The text layer gives `Stefan Gustafsson (S) X`: which column the X stood in is lost. Here
pdfplumber gives the words with their boxes:

- Vote columns: the header row holds the vote words of ``[votes.labels]`` in
  ``vocab/votes.toml`` (`Ja`, `Nej`, `Avstår` or `Avst`, `Frånvarande` or `Frånv`; `Ja`, `Nej`
  and one of the others at least). A mark (`X`, `x`, `✓`: ``[votes.roll_call] marks``) counts
  for the column whose header centre is nearest it.
- Left of them, cells (words closer than ``CELL_GAP`` line heights) go to the nearest header:
  member (`Ledamöter`, `Namn`), party (`Parti`: `(S)` or `S`) and substitute (`Ersättare`);
  other columns (`Valkrets`) are skipped. A party written after the name (`Anna Berg (S)`) is
  split off. A substitute in the row served in the member's place: the ballot is theirs
  (``role`` `tjänstgörande ersättare`, ``substitute_for`` the member).
- Rows: words whose vertical centres lie within ``LINE_TOLERANCE`` line heights. A row with a
  member's name and one mark is a ballot; a row with a party and no mark, or with marks in two
  columns, is a warning (``roll-call-unreadable-row``).
- Pages: a list goes on where its title comes again with the same number (`Omröstningslista nr.
  1` heads every page of it), or on the page after a `Transport:` row. A title without a number,
  or a vote header with no title above it, starts a list numbered in order.
- Count rows (`Transport: 3 1 0 0`, `Summa: …`) are no ballots; where their numbers differ from
  the marks counted so far, a warning (``roll-call-mismatch``) says so.
- `§ 82. Svar på motion …` under the title gives the list's § (``paragraph``) and subject.

The list's counts are those of its marks. A list has no place in the cleaned text: its vote's
span is ``(0, 0)`` and ``page`` is its first page; each ballot's ``page`` is its row's page.

Only the pages whose text layer shows a sheet (:func:`roll_call_pages`: a line holding only a
title, or the vote words of a header in a row) are opened with pdfplumber, so loading a PDF
without one costs one regex search a page. A mark drawn as lines (a ticked box) is not text and
is not seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, cast

import regex

from ..extract.namelist import collapse, data, is_name, party_code, words
from ..extract.votes import AppendixVote, VoteValue
from ..model import Ballot, Vote, Warning

CELL_GAP = 0.8
"""A gap between two words wider than this share of the line height parts two table cells."""
LINE_TOLERANCE = 0.5
"""Words whose vertical centres lie this share of a line height apart or closer stand in one row."""
MIN_COLUMNS = 3
"""Vote columns a header has at least: `Ja`, `Nej` and `Avstår` or `Frånvarande`."""

Field = Literal["member", "party", "substitute", "other"]
_PARAGRAPH = regex.compile(r"^§\s*(?P<n>\d{1,4})\.?\s*(?P<subject>.*)$")
_PARTY_AFTER = regex.compile(r"^(?P<name>.+?)\s*\((?P<party>[^()]{1,12})\)$")


@dataclass(frozen=True)
class _Vocab:
    detect: regex.Pattern[str]
    title: regex.Pattern[str]
    columns: dict[str, VoteValue]
    marks: frozenset[str]
    fields: dict[str, Field]
    carry: frozenset[str]
    counts: frozenset[str]
    substitute_role: str


@cache
def _vocab() -> _Vocab:
    votes = data()["votes"]
    sheet = votes["roll_call"]
    columns = {key.casefold(): cast(VoteValue, value) for key, value in votes["labels"].items()}

    def heads(*values: str) -> str:
        return words(key for key, value in columns.items() if value in values)

    titles = rf"(?:{words(sheet['titles'])})(?!\w)"
    number = rf"(?:(?:{words(sheet['numbers'])})\.?\s*)?"
    header = rf"(?<!\w)(?:{heads('ja')})\s+(?:{heads('nej')})\s+(?:{heads('avstår', 'frånvarande')})(?!\w)"
    fields: dict[str, Field] = {}
    for kind, key in (("member", "members"), ("party", "parties"), ("substitute", "substitutes")):
        fields.update((collapse(head).casefold(), cast(Field, kind)) for head in sheet[key])
    return _Vocab(
        detect=regex.compile(rf"(?im)^[ \t]*{titles}\.?[ \t]*{number}\d{{0,3}}[ \t]*$|{header}"),
        title=regex.compile(rf"(?i)^{titles}\.?\s*{number}(?P<n>\d{{1,3}})?(?!\S)"),
        columns=columns,
        marks=frozenset(mark.casefold() for mark in sheet["marks"]),
        fields=fields,
        carry=frozenset(label.casefold() for label in sheet["carry"]),
        counts=frozenset(label.casefold() for label in [*sheet["carry"], *sheet["totals"]]),
        substitute_role=sheet["substitute_role"],
    )


def roll_call_pages(pages: Sequence[str]) -> list[int]:
    """The 0-based indices of the page texts that show a roll-call sheet.

    Forms: a line `Omröstningslista nr. 1` (`Voteringslista 2`, `Omröstningslista`) alone, or the
    header words `Ja Nej Avst Frånv` (`Ja` ⏎ `Nej` ⏎ `Avstår`, one cell a line). `… framgår av
    omröstningslista nr 1.` in a sentence is no sheet.
    """
    detect = _vocab().detect
    return [i for i, text in enumerate(pages) if detect.search(text)]


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _rows(page_words: Iterable[_Word]) -> list[list[_Word]]:
    """The words in rows, top to bottom, each row left to right."""
    rows: list[list[_Word]] = []
    for word in sorted(page_words, key=lambda w: w.middle):
        if rows and abs(word.middle - rows[-1][0].middle) <= LINE_TOLERANCE * max(word.height, rows[-1][0].height):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _cells(row: Sequence[_Word]) -> list[tuple[str, float]]:
    """The cells of a row (words with no wide gap between them) as ``(text, centre)``."""
    cells: list[list[_Word]] = []
    for word in row:
        if cells and word.x0 - cells[-1][-1].x1 <= CELL_GAP * word.height:
            cells[-1].append(word)
        else:
            cells.append([word])
    return [(" ".join(w.text for w in cell), (cell[0].x0 + cell[-1].x1) / 2) for cell in cells]


@dataclass(frozen=True)
class _Columns:
    """Where the columns of a sheet stand: vote column centres and the left headers' centres."""

    votes: list[tuple[float, VoteValue]]
    fields: list[tuple[float, Field]]

    @property
    def left(self) -> float:
        """Where the vote columns begin: half a column before the first centre."""
        (first, _), (second, _) = self.votes[0], self.votes[1]
        return first - (second - first) / 2

    @property
    def right(self) -> float:
        (before, _), (last, _) = self.votes[-2], self.votes[-1]
        return last + (last - before) / 2

    def vote_at(self, x: float) -> VoteValue | None:
        if not self.left <= x <= self.right:
            return None
        return min(self.votes, key=lambda column: abs(column[0] - x))[1]

    def field_at(self, x: float) -> Field:
        return min(self.fields, key=lambda column: abs(column[0] - x))[1] if self.fields else "member"


def _columns(row: Sequence[_Word]) -> _Columns | None:
    """The columns of a header row; ``None`` for a row without `Ja` and `Nej` headers."""
    vocab = _vocab()
    votes = [
        (w.centre, vocab.columns[w.text.casefold().rstrip(".:")])
        for w in row
        if w.text.casefold().rstrip(".:") in vocab.columns
    ]
    values = {value for _, value in votes}
    if not {"ja", "nej"} <= values or len(values) < MIN_COLUMNS:
        return None
    columns = _Columns(votes=sorted(votes), fields=[])
    cells = _cells([w for w in row if w.centre < columns.left])
    fields = [(x, vocab.fields.get(collapse(text).casefold(), "other")) for text, x in cells]
    if fields and all(kind != "member" for _, kind in fields):
        fields[0] = (fields[0][0], "member")  # the names stand in the first column, whatever its header
    return _Columns(votes=columns.votes, fields=fields)


def _name_and_party(written: str, party: str | None) -> tuple[str, str | None]:
    """`Anna Berg (S)` → (`Anna Berg`, ``S``); a party cell (`(S)`, `s`) wins over the parenthesis."""
    name = written
    match = _PARTY_AFTER.match(written)
    if match:
        name, party = match["name"], party or match["party"]
    if party:
        party = party.strip("() ")
        party = party_code(party) or party or None
    return name, party


@dataclass
class _Sheet:
    """A roll-call list being read, over one page or more."""

    number: str
    page: int
    title: str
    paragraph: int | None = None
    subject: str | None = None
    ballots: list[Ballot] = field(default_factory=list)
    carried: bool = False

    def appendix_vote(self) -> AppendixVote:
        counts = Counter(ballot.vote for ballot in self.ballots)
        vote = Vote(
            yes=counts["ja"],
            no=counts["nej"],
            abstain=counts["avstår"],
            absent=counts["frånvarande"],
            yes_for=None,
            no_for=None,
            ballots=self.ballots,
            span=(0, 0),
            text=self.title,
            page=self.page,
            appendix=self.number,
        )
        item = str(self.paragraph) if self.paragraph is not None else None
        return AppendixVote(bilaga=self.number, item=item, subject=self.subject, vote=vote, paragraph=self.paragraph)


@dataclass
class _Reader:
    """The sheets of a document, read page by page in order."""

    warnings: list[Warning]
    sheets: dict[str, _Sheet] = field(default_factory=dict)
    current: _Sheet | None = None
    columns: _Columns | None = None

    def page(self, number: int, page_words: Iterable[_Word]) -> None:
        if self.current is not None and self.current.carried:
            self.current.carried = False
        else:
            self.current = self.columns = None
        for row in _rows(page_words):
            text = " ".join(w.text for w in row)
            title = _vocab().title.match(text)
            columns = None if title else _columns(row)
            if title:
                self._open(title["n"], number, text)
                self.columns = None
            elif columns is not None:
                self.columns = columns
                if self.current is None:
                    self._open(None, number, "")
            elif self.columns is None:
                self._paragraph(text)
            else:
                self._row(row, self.columns, number)

    def _open(self, key: str | None, number: int, title: str) -> None:
        """Go on with list ``key`` where it has rows, else start it here (a list with no number is
        numbered in order); a list left without rows is dropped."""
        self.sheets = {k: sheet for k, sheet in self.sheets.items() if sheet.ballots}
        key = key or str(len(self.sheets) + 1)
        sheet = self.sheets.get(key)
        if sheet is None:
            sheet = self.sheets[key] = _Sheet(key, number, title)
        self.current = sheet

    def _paragraph(self, text: str) -> None:
        """The list's § line (`§ 82. Svar på motion …`), above its header."""
        paragraph = _PARAGRAPH.match(text)
        if self.current is not None and paragraph and self.current.paragraph is None:
            self.current.paragraph = int(paragraph["n"])
            self.current.subject = paragraph["subject"] or None
            self.current.title = f"{self.current.title}\n{text}".strip()

    def _row(self, row: Sequence[_Word], columns: _Columns, number: int) -> None:
        """A row under the header: a member's ballot, a count row, or something else (skipped)."""
        vocab = _vocab()
        sheet = self.current
        if sheet is None:
            return
        cells: dict[Field, list[str]] = {}
        for text, x in _cells([w for w in row if w.centre < columns.left]):
            cells.setdefault(columns.field_at(x), []).append(text)
        written = [text.casefold().rstrip(":") for texts in cells.values() for text in texts]
        label = next((text for text in written if text in vocab.counts), None)
        if label is not None:
            self._check(sheet, columns, row, label, number)
            sheet.carried = label in vocab.carry
            return
        parties = cells.get("party")
        member, party = _name_and_party(" ".join(cells.get("member", [])), parties[0] if parties else None)
        if not is_name(member):
            return
        marks = {columns.vote_at(w.centre) for w in row if w.text.casefold() in vocab.marks} - {None}
        if len(marks) != 1:
            if marks or party:
                problem = "marks in " + " and ".join(sorted(map(str, marks))) if marks else "no mark"
                self._warn("roll-call-unreadable-row", f"{member}: {problem}", sheet, number)
            return
        substitute, own_party = _name_and_party(" ".join(cells.get("substitute", [])), None)
        voter = is_name(substitute)
        sheet.ballots.append(
            Ballot(
                name=substitute if voter else member,
                party=(own_party or party) if voter else party,
                vote=cast(VoteValue, marks.pop()),
                role=vocab.substitute_role if voter else None,
                substitute_for=member if voter else None,
                page=number,
            )
        )

    def _check(self, sheet: _Sheet, columns: _Columns, row: Sequence[_Word], label: str, number: int) -> None:
        """Warn where a count row's numbers differ from the marks counted so far."""
        printed = {columns.vote_at(w.centre): int(w.text) for w in row if w.text.isdecimal()}
        counted = Counter(ballot.vote for ballot in sheet.ballots)
        wrong = [
            f"{n} {value} (marks: {counted[value]})"
            for value, n in printed.items()
            if value is not None and counted[value] != n
        ]
        if wrong:
            self._warn("roll-call-mismatch", f"the {label} row says " + ", ".join(wrong), sheet, number)

    def _warn(self, code: str, message: str, sheet: _Sheet, number: int) -> None:
        self.warnings.append(
            Warning(code=code, message=f"page {number}, roll call nr {sheet.number}: {message}", page=number)
        )

    def finish(self) -> list[AppendixVote]:
        return [sheet.appendix_vote() for sheet in self.sheets.values() if sheet.ballots]


def roll_calls(
    path: str | Path, pages: Iterable[int] | None = None, *, warnings: list[Warning] | None = None
) -> list[AppendixVote]:
    """The roll-call sheets of the PDF at ``path``, one :class:`AppendixVote` a list, keyed by its number.

    ``pages``: the 0-based page indices to read (those :func:`roll_call_pages` finds in the text
    layer); every page when None. Doubtful rows and pages pdfplumber cannot read go to
    ``warnings`` when given; nothing is raised for a bad page.
    """
    # Imported here: most PDFs have no roll call, and loading them should not pay for pdfplumber.
    import pdfplumber
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    reader = _Reader(warnings if warnings is not None else [])
    numbers = None if pages is None else sorted({i + 1 for i in pages})
    if numbers == []:
        return []
    try:
        with pdfplumber.open(path, pages=numbers) as pdf:
            for page in pdf.pages:
                try:
                    found = page.extract_words()
                finally:
                    page.close()
                reader.page(
                    page.page_number,
                    (_Word(str(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"]) for w in found),
                )
    except (PdfminerException, MalformedPDFException, PSException) as exc:
        reader.warnings.append(Warning(code="roll-call-unreadable", message=f"roll-call pages: {exc}"))
    return reader.finish()
