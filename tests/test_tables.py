"""Records flattened into tables: keys that join, spans, lists, and the ``case_history`` view."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from beslutsparser import export
from beslutsparser.model import (
    Ballot,
    CaseNumber,
    Decision,
    Meeting,
    Protocol,
    Reference,
    Source,
    Vote,
)


def _case(text: str, span: tuple[int, int] = (0, 1)) -> CaseNumber:
    return CaseNumber(text=text, normalized=text, span=span)


def _protocol(
    sha: str, organ: str, day: str, decisions: list[Decision], authority: str = "Stenviks kommun"
) -> Protocol:
    return Protocol(
        schema_version="1.0",
        source=Source(path=f"{sha}.txt", sha256=sha, format="txt"),
        text="x" * 100,
        meeting=Meeting(authority=authority, organ=organ, date=day, adjusters=["Bo Ek", "Al Berg"]),
        decisions=decisions,
    )


def _decision(paragraph: int, cases: list[str], references: list[Reference] | None = None, **kw: Any) -> Decision:
    return Decision(
        paragraph=paragraph,
        title=f"Ärende {paragraph}",
        span=(10, 20),
        case_numbers=[_case(c) for c in cases],
        references=references or [],
        **kw,
    )


def _rows(*protocols: Protocol) -> dict[str, list[dict[str, Any]]]:
    rows = export.TableRows()
    for p in protocols:
        rows.add_protocol(p.source.sha256, p)
    out: dict[str, list[dict[str, Any]]] = {}
    for table, columns in rows.columns.items():
        names = list(columns)
        out[table] = [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    return out


def test_keys_join_down_to_ballots() -> None:
    vote = Vote(
        yes=2,
        no=1,
        abstain=0,
        absent=0,
        yes_for="bifall",
        no_for="avslag",
        span=(12, 18),
        ballots=[Ballot(name="Bo Ek", party="S", vote="ja"), Ballot(name="Al Berg", party="M", vote="nej")],
    )
    protocol = _protocol("aa", "Kommunstyrelsen", "2021-03-15", [_decision(5, ["KS 2021/1"], votes=[vote])])
    rows = _rows(protocol)
    assert rows["decisions"][0]["decision_id"] == "aa#5"
    assert [(v["decision_id"], v["vote_id"], v["ordinal"]) for v in rows["votes"]] == [("aa#5", "aa#5/0", 0)]
    assert [(b["protocol_id"], b["vote_id"], b["ordinal"], b["name"]) for b in rows["ballots"]] == [
        ("aa", "aa#5/0", 0, "Bo Ek"),
        ("aa", "aa#5/0", 1, "Al Berg"),
    ]


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("protocols", "meeting_year", [2021]),
        ("protocols", "meeting_adjusters", [["Bo Ek", "Al Berg"]]),
        ("protocols", "source_path", ["bb.txt"]),
        ("decisions", "decision_id", ["bb#7", "bb#7-2", "bb#8"]),
        ("decisions", "ordinal", [0, 1, 2]),
        ("decisions", "span_start", [10, 10, 10]),
        ("decisions", "recipients", [["Socialnämnden"], [], []]),
        ("case_numbers", "referenced", [False, True, False, False]),
        ("case_numbers", "decision_id", ["bb#7", "bb#7", "bb#7-2", "bb#8"]),
        ("case_numbers", "span_end", [1, 9, 1, 1]),
    ],
    ids=[
        "derived-year",
        "string-list",
        "inlined-struct",
        "repeated-paragraph-id",
        "ordinal",
        "span-split",
        "list-column",
        "referenced-flag",
        "child-keys",
        "span-end",
    ],
)
def test_columns(table: str, column: str, expected: list[Any]) -> None:
    first = _decision(7, ["SN 2020/3"], recipients=["Socialnämnden"])
    first.referenced_case_numbers = [_case("KS 2019/1", (5, 9))]
    protocol = _protocol("bb", "Socialnämnden", "2021-05-01", [first, _decision(7, ["SN 2020/4"]), _decision(8, ["x"])])
    assert [r[column] for r in _rows(protocol)[table]] == expected


def test_every_record_list_has_a_table() -> None:
    columns = export.table_columns()
    for table in ("protocols", "decisions", "sections", "case_numbers", "dates", "actors", "motions", "votes"):
        assert table in columns
    for table in ("ballots", "reservations", "references", "laws", "attendees", "warnings", "errors", "files"):
        assert table in columns
    assert [c for c, _ in columns["decisions"][:3]] == ["protocol_id", "decision_id", "ordinal"]


def _history(*protocols: Protocol) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    export.create_duckdb_tables(con)
    rows = export.TableRows()
    for p in protocols:
        rows.add_protocol(p.source.sha256, p)
    export.append_duckdb(con, rows)
    sql = "SELECT case_number, step, organ, paragraph, link, cited_by, decision_id FROM case_history"
    return [tuple(r) for r in con.execute(sql).fetchall()]


def test_case_history_links_by_case_number_and_reference() -> None:
    sn = _protocol("s1", "Socialnämnden", "2020-01-10", [_decision(5, ["SN 2019/12"])])
    cited = Reference(organ="socialnämnden", date="2020-01-10", paragraph=5, text="...", span=(0, 1))
    missing = Reference(organ="Tekniska nämnden", date="2019-01-01", paragraph=9, text="...", span=(0, 1))
    ks = _protocol("k1", "Kommunstyrelsen", "2020-02-01", [_decision(30, ["KS 2020/40"], [cited, missing])])
    kf = _protocol("f1", "Kommunfullmäktige", "2020-03-01", [_decision(12, ["KS 2020/40"])])
    assert _history(kf, ks, sn) == [
        ("KS 2020/40", 1, "Socialnämnden", 5, "reference", "k1#30", "s1#5"),
        ("KS 2020/40", 2, "Kommunstyrelsen", 30, "case_number", None, "k1#30"),
        ("KS 2020/40", 3, "Kommunfullmäktige", 12, "case_number", None, "f1#12"),
        ("SN 2019/12", 1, "Socialnämnden", 5, "case_number", None, "s1#5"),
    ]


def test_case_history_reference_by_year_and_same_authority_only() -> None:
    by_year = Reference(organ="Kommunfullmäktige", date=None, paragraph=47, year=2011, text="KF § 47/2011", span=(0, 1))
    kf = _protocol("f1", "Kommunfullmäktige", "2011-05-02", [_decision(47, ["KF 2011/1"])])
    other = _protocol("o1", "Kommunfullmäktige", "2011-05-02", [_decision(47, ["X 1"])], authority="Ekeryds kommun")
    ks = _protocol("k1", "Kommunstyrelsen", "2012-01-01", [_decision(3, ["KS 2012/8"], [by_year])])
    history = [r for r in _history(kf, other, ks) if r[0] == "KS 2012/8"]
    assert history == [
        ("KS 2012/8", 1, "Kommunfullmäktige", 47, "reference", "k1#3", "f1#47"),
        ("KS 2012/8", 2, "Kommunstyrelsen", 3, "case_number", None, "k1#3"),
    ]
