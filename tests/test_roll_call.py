"""Roll-call sheets (Mölndal `Omröstningslista nr. N`) read from the PDF layout, end to end and alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

import pdfgen
from beslutsparser import parse
from beslutsparser.extract.votes import check_vote
from beslutsparser.load import pdf as pdf_mod
from beslutsparser.load.layout import roll_call_pages, roll_calls
from beslutsparser.load.pdf import load_pdf
from beslutsparser.model import Vote, Warning
from pdfgen import RollCallSheet, SheetRow

HEAD = """§ 81 Diarienummer 00321/2026
Val av justerare
Beslut
Kommunfullmäktige utser Bo Berg (M) att jämte ordföranden justera dagens protokoll.

§ 82 Diarienummer 00322/2026
Svar på motion om certifiering i arbetsmiljö
Beslut
Kommunfullmäktige avslår motionen.
Omröstning begärs
Ordföranden meddelar följande omröstningsordning:
Ja-röst för kommunstyrelsens förslag, Nej-röst för Lennart Jonssons (SD) förslag.
Omröstningsresultat
"""
CITED = (
    HEAD
    + "4 Ja-röster, 2 Nej-röster och 1 frånvarande ledamot. Hur var och en röstar framgår av omröstningslista nr. 1.\n"
)
UNCITED = HEAD + "4 Ja-röster, 2 Nej-röster och 1 frånvarande ledamot.\n"
TWO_VOTES = (
    UNCITED
    + """Ordföranden meddelar följande omröstningsordning:
Ja-röst för att anta tilläggsförslaget, Nej-röst för att avslå tilläggsförslaget.
Omröstningsresultat
Med 2 ja-röster och 3 nej-röster beslutar kommunfullmäktige avslå tilläggsförslaget. 1 ledamot avstår.
"""
)
SUBJECT = "§ 82. Svar på motion om certifiering i arbetsmiljö"
MAIN = (
    SheetRow("Anna Andersson", "S", "Ja"),
    SheetRow("Elpida Georgitsi", "S", "Ja", substitute="Emil Forsberg"),
    SheetRow("Bo Berg", "M", "Ja"),
    SheetRow("Karin Lund", "M", "Ja"),
    SheetRow("Lennart Jonsson", "SD", "Nej"),
    SheetRow("Jan Jacobsson", "SD", "Nej"),
    SheetRow("Cecilia Ek", "V", "Frånv"),
)
ADDITION = (
    SheetRow("Anna Andersson", "S", "Nej"),
    SheetRow("Elpida Georgitsi", "S", "Nej", substitute="Emil Forsberg"),
    SheetRow("Bo Berg", "M", "Avst"),
    SheetRow("Karin Lund", "M", "Nej"),
    SheetRow("Lennart Jonsson", "SD", "Ja"),
    SheetRow("Jan Jacobsson", "SD", "Ja"),
    SheetRow("Cecilia Ek", "V", "Frånv"),
)
VALUES = {"Ja": "ja", "Nej": "nej", "Avst": "avstår", "Frånv": "frånvarande"}
SUBSTITUTE = "tjänstgörande ersättare"


def _expected(rows: tuple[SheetRow, ...]) -> list[tuple[str, str, str, str | None, str | None]]:
    """The ballots the sheet's rows make: a substitute votes in the member's place."""
    return [
        (r.substitute, r.party, VALUES[r.vote], SUBSTITUTE, r.name)
        if r.substitute
        else (r.name, r.party, VALUES[r.vote], None, None)
        for r in rows
    ]


def _ballots(vote: Vote) -> list[tuple[str, str | None, str, str | None, str | None]]:
    return [(b.name, b.party, b.vote, b.role, b.substitute_for) for b in vote.ballots]


def _counts(vote: Vote) -> tuple[int | None, ...]:
    return (vote.yes, vote.no, vote.abstain, vote.absent)


@pytest.mark.parametrize(
    ("text", "sheets", "counts"),
    [
        pytest.param(CITED, [RollCallSheet(1, SUBJECT, MAIN)], [(4, 2, 0, 1)], id="cited-one-page"),
        pytest.param(
            CITED, [RollCallSheet(1, SUBJECT, MAIN, rows_per_page=3)], [(4, 2, 0, 1)], id="transport-over-three-pages"
        ),
        pytest.param(CITED, [RollCallSheet(1, SUBJECT, MAIN, mark="✓")], [(4, 2, 0, 1)], id="check-mark"),
        pytest.param(UNCITED, [RollCallSheet(1, SUBJECT, MAIN, rows_per_page=4)], [(4, 2, 0, 1)], id="by-paragraph"),
        pytest.param(
            TWO_VOTES,
            [RollCallSheet(1, SUBJECT, MAIN, rows_per_page=5), RollCallSheet(2, SUBJECT, ADDITION, rows_per_page=5)],
            [(4, 2, 0, 1), (2, 3, 1, 1)],
            id="two-votes-two-lists-in-order",
        ),
    ],
)
def test_roll_call_ballots_end_to_end(
    text: str, sheets: list[RollCallSheet], counts: list[tuple[int, ...]], tmp_path: Path
) -> None:
    protocol = parse(pdfgen.render_text_pdf(text, tmp_path / "kf.pdf", sheets=sheets))
    (decision,) = [d for d in protocol.decisions if d.paragraph == 82]
    assert [_counts(v) for v in decision.votes] == counts
    for vote, sheet in zip(decision.votes, sheets, strict=True):
        assert _ballots(vote) == _expected(tuple(sheet.rows))
        assert vote.appendix == str(sheet.number)
        assert check_vote(vote) == []
    assert [w for w in protocol.warnings if w.code.startswith("roll-call") or w.code == "vote-mismatch"] == []
    # the sheets are an appendix, not part of the last §: no sheet row stands in its text
    body = protocol.text[decision.span[0] : decision.span[1]]
    assert not any(f"{row.name} ({row.party})\n" in body or body.endswith(row.name) for row in MAIN)
    assert "Transport" not in body and "Ledamöter" not in body


def test_ballot_pages_follow_the_sheet_over_pages(tmp_path: Path) -> None:
    path = pdfgen.render_text_pdf(CITED, tmp_path / "kf.pdf", sheets=[RollCallSheet(1, SUBJECT, MAIN, rows_per_page=3)])
    (sheet,) = load_pdf(path).roll_calls
    assert (sheet.bilaga, sheet.paragraph, sheet.item, sheet.subject) == ("1", 82, "82", SUBJECT.split(". ", 1)[1])
    assert [b.page for b in sheet.vote.ballots] == [2, 2, 2, 3, 3, 3, 4]
    assert sheet.vote.page == 2


def test_existing_roll_call_table_under_a_plain_title(tmp_path: Path) -> None:
    """pdfgen's plain table: `Omröstningslista` (no number) ⏎ `Namn Parti Ja Nej Avstår Frånvarande`."""
    rows = [("Anna Andersson", "S", "Ja"), ("Bo Berg", "M", "Nej"), ("Cecilia Ek", "V", "Avstår")]
    path = pdfgen.render_text_pdf(CITED, tmp_path / "kf.pdf", roll_call=rows)
    (sheet,) = load_pdf(path).roll_calls
    assert sheet.bilaga == "1"
    assert [(b.name, b.party, b.vote) for b in sheet.vote.ballots] == [
        ("Anna Andersson", "S", "ja"),
        ("Bo Berg", "M", "nej"),
        ("Cecilia Ek", "V", "avstår"),
    ]


# A page drawn cell by cell: left columns start at their x, vote columns are centred on theirs.
LEFT = (60.0, 230.0, 280.0)
VOTES = (390.0, 430.0, 475.0, 530.0)


def _grid_pdf(path: Path, pages: list[list[tuple[str, ...]]], *, mark_shift: float = 0.0) -> Path:
    pdfgen._register_fonts()
    canvas = Canvas(str(path))
    for rows in pages:
        canvas.setFont(pdfgen.REGULAR, 9)
        y = 780.0
        for row in rows:
            for n, cell in enumerate(row):
                if n < len(LEFT):
                    canvas.drawString(LEFT[n], y, cell)
                else:
                    shift = mark_shift if len(cell) == 1 and not cell.isdigit() else 0.0
                    canvas.drawCentredString(VOTES[n - len(LEFT)] + shift, y, cell)
            y -= 14
        canvas.showPage()
    canvas.save()
    return path


TITLE = ("Voteringslista 3",)
HEADER = ("Namn", "", "", "Ja", "Nej", "Avstår", "Frånvarande")


@pytest.mark.parametrize(
    ("pages", "mark_shift", "expected"),
    [
        pytest.param(
            [[TITLE, HEADER, ("Anna Andersson (S)", "", "", "", "x"), ("Bo Berg (m)", "", "", "x")]],
            0.0,
            [("Anna Andersson", "S", "nej"), ("Bo Berg", "M", "ja")],
            id="party-after-name-lower-case-marks",
        ),
        pytest.param(
            [[TITLE, HEADER, ("Anna Andersson (S)", "", "", "", "", "", "X"), ("Bo Berg (M)", "", "", "", "", "X")]],
            9.0,
            [("Anna Andersson", "S", "frånvarande"), ("Bo Berg", "M", "avstår")],
            id="marks-off-centre",
        ),
        pytest.param(
            [
                [
                    TITLE,
                    ("Ledamot", "Parti", "Valkrets", "Ja", "Nej", "Avst", "Frånv"),
                    ("Anna Andersson", "S", "Alla", "X"),
                ],
                [
                    TITLE,
                    ("Ledamot", "Parti", "Valkrets", "Ja", "Nej", "Avst", "Frånv"),
                    ("Bo Berg", "M", "Alla", "", "X"),
                ],
            ],
            0.0,
            [("Anna Andersson", "S", "ja"), ("Bo Berg", "M", "nej")],
            id="title-again-continues-other-column-skipped",
        ),
        pytest.param(
            [
                [TITLE, HEADER, ("Anna Andersson (S)", "", "", "X"), ("", "Transport:", "", "1", "0", "0", "0")],
                [HEADER, ("Bo Berg (M)", "", "", "", "X")],
            ],
            0.0,
            [("Anna Andersson", "S", "ja"), ("Bo Berg", "M", "nej")],
            id="transport-continues-without-title",
        ),
    ],
)
def test_layout_forms(
    pages: list[list[tuple[str, ...]]], mark_shift: float, expected: list[tuple[str, str, str]], tmp_path: Path
) -> None:
    warnings: list[Warning] = []
    (sheet,) = roll_calls(_grid_pdf(tmp_path / "sheet.pdf", pages, mark_shift=mark_shift), warnings=warnings)
    assert sheet.bilaga == "3"
    assert [(b.name, b.party, b.vote) for b in sheet.vote.ballots] == expected
    assert warnings == []


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        pytest.param(
            [("Anna Andersson (S)", "", "", "X"), ("", "Transport:", "", "2", "0", "0", "0")],
            "roll-call-mismatch",
            id="transport-disagrees-with-marks",
        ),
        pytest.param([("Anna Andersson (S)", "", "", "X", "X")], "roll-call-unreadable-row", id="two-marks"),
        pytest.param([("Anna Andersson (S)", "", "")], "roll-call-unreadable-row", id="member-without-mark"),
    ],
)
def test_doubtful_rows_are_warnings(rows: list[tuple[str, ...]], code: str, tmp_path: Path) -> None:
    warnings: list[Warning] = []
    roll_calls(_grid_pdf(tmp_path / "sheet.pdf", [[TITLE, HEADER, *rows]]), warnings=warnings)
    assert [(w.code, w.page) for w in warnings] == [(code, 1)]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            [
                ("Namn", "Parti", "", "Närvarande", "Ersättare"),
                ("Anna Andersson", "S", "", "X"),
                ("Bo Berg", "M", "", "X"),
            ],
            id="neg-attendance-table-with-marks",
        ),
        pytest.param(
            [("Parti", "", "", "Ja", "Nej", "Avstår", "Frånvarande"), ("S", "", "", "12", "0", "1", "0")],
            id="neg-party-totals-no-marks",
        ),
        pytest.param(
            [("Omröstningslista nr 1 bifogas protokollet.",), ("Anna Andersson (S) yrkar bifall.",)],
            id="neg-title-in-prose",
        ),
    ],
)
def test_tables_that_are_no_roll_call(rows: list[tuple[str, ...]], tmp_path: Path) -> None:
    doc = load_pdf(_grid_pdf(tmp_path / "table.pdf", [rows]))
    assert (doc.roll_calls, doc.warnings) == ([], [])


def test_protocol_with_a_plain_table_has_no_ballots(tmp_path: Path) -> None:
    """The header grid is a table, but no roll call: the vote keeps its counts and gets no ballots."""
    protocol = parse(pdfgen.render_text_pdf(CITED, tmp_path / "kf.pdf", header_grid=pdfgen.DEFAULT_HEADER_GRID))
    (vote,) = [v for d in protocol.decisions for v in d.votes]
    assert (_counts(vote), vote.ballots, vote.appendix) == ((4, 2, 0, 1), [], "1")


@pytest.mark.parametrize(
    ("pages", "found"),
    [
        pytest.param(["Omröstningslista nr. 1\n§ 82. Svar"], [0], id="title-line"),
        pytest.param(["x\nLedamöter Parti Ersättare Ja Nej Avst Frånv\n"], [0], id="header-row"),
        pytest.param(["Namn\nJa\nNej\nAvstår\nFrånvarande\n"], [0], id="header-cells-one-a-line"),
        pytest.param(["Voteringslista 2"], [0], id="voteringslista"),
        pytest.param(["Hur var och en röstar framgår av omröstningslista nr 1."], [], id="neg-cited-mid-line"),
        pytest.param(["Ja-röst för förslaget, Nej-röst för avslag."], [], id="neg-proposition"),
        pytest.param(["a", "b\nOmröstningslista nr 2"], [1], id="second-page"),
    ],
)
def test_roll_call_pages(pages: list[str], found: list[int]) -> None:
    assert roll_call_pages(pages) == found


def test_plain_pdf_never_opens_the_layout_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("roll_calls called for a PDF without a roll call")

    monkeypatch.setattr(pdf_mod, "roll_calls", fail)
    doc = load_pdf(pdfgen.render_text_pdf(CITED, tmp_path / "kf.pdf"))
    assert doc.roll_calls == []
