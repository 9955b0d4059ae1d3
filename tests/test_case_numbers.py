"""Diarienummer extraction: written forms from about twenty kommuner and regioner, and look-alikes."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beslutsparser.extract import Context
from beslutsparser.extract.case_numbers import find_case_numbers, find_own_case_numbers, normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"


# (id, text, the normalized case numbers found)
FOUND = [
    pytest.param("Ärendenummer SLK-2024-00078", ["SLK-2024-00078"], id="goteborg-slk-labelled"),
    pytest.param("Ärendenummer SLK-2024-00009:30", ["SLK-2024-00009:30"], id="goteborg-slk-sub"),
    pytest.param("Ärendenummer SLK-2023-00027:45", ["SLK-2023-00027:45"], id="goteborg-slk-sub-two-digit"),
    pytest.param("Ärendenummer SLK-2023-00027:-1", ["SLK-2023-00027:-1"], id="goteborg-slk-sub-minus-one"),
    pytest.param("i ärendet SLK-2025-00005 framgår", ["SLK-2025-00005"], id="goteborg-slk-bare-in-prose"),
    pytest.param("(SLK-2024-00078).", ["SLK-2024-00078"], id="goteborg-slk-parenthesised-sentence-end"),
    pytest.param("Ärendenummer\n\nSLK-2023-00027:45", ["SLK-2023-00027:45"], id="goteborg-label-page-break"),
    pytest.param("överklagande (dnr SBF-2023-00027) av", ["SBF-2023-00027"], id="goteborg-dnr-lower-sbf"),
    pytest.param("beslut 2022-12-13 (§ 734, dnr 0211/21) att", ["0211/21"], id="goteborg-dnr-old-style"),
    pytest.param("kommunikation´ Dnr\n0128/22, förklaras", ["0128/22"], id="goteborg-dnr-line-break"),
    pytest.param("UBN-2020-01234", ["UBN-2020-01234"], id="prefix-dash-ubn"),
    pytest.param("tillväxtarbetet (RUN/516/2020)", ["RUN/516/2020"], id="region-jh-run-parenthesised"),
    pytest.param("RUN/9/2015", ["RUN/9/2015"], id="region-jh-run-one-digit"),
    pytest.param("RUN/1118/2015", ["RUN/1118/2015"], id="region-jh-run-four-digit"),
    pytest.param("Diarienummer: RS/1288/2019", ["RS/1288/2019"], id="diarienummer-colon-prefix-slash"),
    pytest.param("Dnr KS 2018/14", ["KS 2018/14"], id="kramfors-dnr-ks"),
    pytest.param("Ärendelista 26 Dnr KS 2018/124", ["KS 2018/124"], id="kramfors-agenda-line"),
    pytest.param("Dnr KS 2019/0643", ["KS 2019/0643"], id="lund-zero-padded-serial"),
    pytest.param("KS 2020/0412", ["KS 2020/0412"], id="prefix-year-serial-bare"),
    pytest.param("Dnr: KS 2017/1187", ["KS 2017/1187"], id="olofstrom-dnr-colon"),
    pytest.param("Dnr: 11/KS 159-206", ["11/KS 159-206"], id="olofstrom-old-yy-prefix-serial-code"),
    pytest.param("KSKF/2014:1", ["KSKF/2014:1"], id="eskilstuna-kskf-colon"),
    pytest.param("Dnr. 2011/KS 0206 001", ["2011/KS 0206 001"], id="tyreso-dnr-dot-class-code"),
    pytest.param("Dnr. 2011/KS 0193 10", ["2011/KS 0193 10"], id="tyreso-two-digit-class-code"),
    pytest.param("Dnr 2018/KS 0001 001", ["2018/KS 0001 001"], id="tyreso-2018"),
    pytest.param("enligt 2011/KS 0206 001 ska", ["2011/KS 0206 001"], id="tyreso-bare-four-digit-year"),
    pytest.param("KS-2015/31", ["KS-2015/31"], id="huddinge-prefix-dash-year-slash"),
    pytest.param("Ks 725/2011", ["KS 725/2011"], id="norrkoping-mixed-case-prefix"),
    pytest.param("Kf 12/2010", ["KF 12/2010"], id="mixed-case-kf-prefix"),
    pytest.param("frågestund (SÄN/2012:3)", ["SÄN/2012:3"], id="upplands-vasby-san-colon"),
    pytest.param("Dnr 17/12", ["17/12"], id="sn-labelled-serial-yy"),
    pytest.param("Dnr 31/16", ["31/16"], id="sn-labelled-31-16"),
    pytest.param("Diarienummer 00322/2026", ["00322/2026"], id="molndal-serial-year"),
    pytest.param("Dnr 00123/20212.6.", ["00123/2021"], id="molndal-glued-class-code"),
    pytest.param("Dnr RV180949", ["RV180949"], id="vastmanland-labelled-compact"),
    pytest.param("Diarienummer RV181026", ["RV181026"], id="vastmanland-diarienummer-compact"),
    pytest.param("TT 2014/00148", ["TT 2014/00148"], id="tt-padded-serial"),
    pytest.param("RS 2020/1187", ["RS 2020/1187"], id="rs-year-serial"),
    pytest.param("BUN 2019/123", ["BUN 2019/123"], id="bun-year-serial"),
    pytest.param("BN/2019/123", ["BN/2019/123"], id="prefix-slash-year-slash-serial"),
    pytest.param("Dnr MBN 2021.456", ["MBN 2021.456"], id="mbn-labelled-dot"),
    pytest.param("Dnr KS 2019/12, KS 2019/45", ["KS 2019/12", "KS 2019/45"], id="list-comma"),
    pytest.param("Dnr KS 2019/12; KS 2019/45", ["KS 2019/12", "KS 2019/45"], id="list-semicolon"),
    pytest.param("Dnr 17/12 och 18/12", ["17/12", "18/12"], id="list-och-weak-forms"),
    pytest.param("Dnr KS 2019/12 och dnr KS 2020/3", ["KS 2019/12", "KS 2020/3"], id="two-labels"),
    pytest.param("DNR KS 2018/14", ["KS 2018/14"], id="label-upper-case"),
    pytest.param("Diarienr KS 2020/12", ["KS 2020/12"], id="label-diarienr"),
    pytest.param("Ärendenr SLK-2024-00001", ["SLK-2024-00001"], id="label-arendenr"),
    pytest.param("Dnr.: KS 2017/1187", ["KS 2017/1187"], id="label-dot-colon"),
    pytest.param("se KS 2020/0412.", ["KS 2020/0412"], id="sentence-final-period"),
    pytest.param("Dnr KS\n2019/0643", ["KS 2019/0643"], id="prefix-wrapped-to-next-line"),
    pytest.param("Dnr KS 2021/22", ["KS 2021/22"], id="labelled-prefix-serial-like-budget-year"),
    pytest.param("SLK-2024-00001 och SLK-2024-00002", ["SLK-2024-00001", "SLK-2024-00002"], id="bare-list"),
    pytest.param("(EU) 2016/679 och EU 2016/679 samt KS 2020/0412", ["KS 2020/0412"], id="after-refused-neighbour"),
    pytest.param("Dnr 2024.123", ["2024.123"], id="labelled-year-dot-serial"),
    pytest.param("Dnr 2024-000123", ["2024-000123"], id="labelled-year-dash-serial"),
    pytest.param("Diarienummer: 2024:15", ["2024:15"], id="labelled-year-colon-serial"),
    pytest.param("Dnr KS 2024:15", ["KS 2024:15"], id="labelled-prefix-year-colon-serial"),
    pytest.param("Dnr KS.2021.0345", ["KS.2021.0345"], id="labelled-prefix-dot-year-dot-serial"),
]

# text in which no case number may be found
NOT_FOUND = [
    pytest.param("2020-12-15", id="neg-iso-date"),
    pytest.param("den 15/12 2020", id="neg-date-slash-space-year"),
    pytest.param("den 15/12-2020", id="neg-date-slash-dash-year"),
    pytest.param("den 17/12", id="neg-day-month"),
    pytest.param("2017:725", id="neg-sfs-bare"),
    pytest.param("kommunallagen (2017:725)", id="neg-sfs-parenthesised"),
    pytest.param("SFS 2017:725", id="neg-sfs-labelled"),
    pytest.param("lagen (1930:173) om beräkning av lagstadgad tid", id="neg-sfs-1930"),
    pytest.param("6 kap. 37 § kommunallagen (2017:725)", id="neg-sfs-with-chapter"),
    pytest.param("2021–2025", id="neg-year-range-en-dash"),
    pytest.param("2024-2027", id="neg-year-range-hyphen"),
    pytest.param("2021/2022", id="neg-year-range-slash"),
    pytest.param("budgetåret 2021/22", id="neg-budget-year"),
    pytest.param("Dnr 2021/22", id="neg-budget-year-labelled"),
    pytest.param("Dnr 2020/2021", id="neg-year-range-labelled"),
    pytest.param("Dnr 2020-2021", id="neg-year-range-dash-labelled"),
    pytest.param("Dnr 2024-03-12", id="neg-date-after-label"),
    pytest.param("KS 2024:15 och MBN 2021.456", id="neg-dot-or-colon-forms-unlabelled"),
    pytest.param("enligt 2024.123", id="neg-year-dot-serial-unlabelled"),
    pytest.param("KS 2021/2022", id="neg-prefixed-year-range"),
    pytest.param("KD 2023/24", id="neg-prefixed-budget-year-unlabelled"),
    pytest.param("vintersäsongen 2022/2023", id="neg-season"),
    pytest.param("§ 32", id="neg-paragraph"),
    pytest.param("KF § 47/2011", id="neg-decision-reference-paragraph-year"),
    pytest.param("KS 2024-01-10 § 24", id="neg-decision-reference-date"),
    pytest.param("klockan 14:00", id="neg-time"),
    pytest.param("14:00–16:30", id="neg-time-range"),
    pytest.param("kl. 9.00-12.00", id="neg-time-dotted"),
    pytest.param("Handling 2023 nr 190", id="neg-kf-handling-number"),
    pytest.param("KF Handling 2024 nr 155", id="neg-kf-handling-recipient"),
    pytest.param("031-365 00 00", id="neg-phone"),
    pytest.param("070-123 45 67", id="neg-phone-mobile"),
    pytest.param("1 500 tkr", id="neg-amount"),
    pytest.param("12 000 000 kronor", id="neg-amount-kronor"),
    pytest.param("2,5 %", id="neg-percentage"),
    pytest.param("anslaget 1:1", id="neg-anslag"),
    pytest.param("13:1", id="neg-vote-item"),
    pytest.param("1/3 av kostnaden", id="neg-fraction"),
    pytest.param("version 2.6", id="neg-version"),
    pytest.param("SOU 2023:58", id="neg-sou"),
    pytest.param("prop. 2016/17:180", id="neg-proposition"),
    pytest.param("Prop. 2016/17:180", id="neg-proposition-capitalised"),
    pytest.param("förordning (EU) 2016/679", id="neg-eu-regulation"),
    pytest.param("EU 2016/679", id="neg-eu-prefix"),
    pytest.param("Ds 2019:3", id="neg-ds"),
    pytest.param("mål P 184-23", id="neg-court-case-letter"),
    pytest.param("mål 2557-24", id="neg-court-case-number"),
    pytest.param("ärendet 0509/23 i texten", id="neg-bare-serial-yy-in-prose"),
    pytest.param("RV180949", id="neg-bare-compact"),
    pytest.param("MBN 2021.456", id="neg-bare-prefix-year-dot"),
    pytest.param("11/KS 159-206", id="neg-bare-yy-prefix-serial"),
    pytest.param("00322/2026", id="neg-bare-serial-year"),
    pytest.param("Vecka 12/2020", id="neg-mixed-case-word-prefix"),
    pytest.param("Sida 3/2020", id="neg-page-word-prefix"),
    pytest.param("3 (19)", id="neg-page-number"),
    pytest.param("Dnr 2016/", id="neg-label-truncated-number"),
    pytest.param("§ 1 Ärendenummer\n\nProtokoll nr 10", id="neg-label-without-number"),
    pytest.param("Diarienummer 2020-12-15", id="neg-labelled-date"),
    pytest.param("SLK-24-00078", id="neg-two-digit-year-dash"),
    pytest.param("2024-01-01–2024-12-31", id="neg-date-range"),
    pytest.param("411 05 Göteborg", id="neg-postal-code"),
    pytest.param("212000-1355", id="neg-organisation-number"),
    pytest.param("19121212-1212", id="neg-personal-number"),
    pytest.param("Mark- och miljödomstolen", id="neg-hyphenated-words"),
    pytest.param("KS 2020/0412/5", id="neg-extra-slash-part"),
    pytest.param("KS 2020/0412.5", id="neg-decimal-tail"),
]

# (id, text, (prefix, year, serial, sub, class_code))
FIELDS = [
    pytest.param("SLK-2024-00009:30", ("SLK", 2024, "00009", "30", None), id="fields-slk-sub"),
    pytest.param("SLK-2023-00027:-1", ("SLK", 2023, "00027", "-1", None), id="fields-slk-minus-one"),
    pytest.param("RUN/516/2020", ("RUN", 2020, "516", None, None), id="fields-run"),
    pytest.param("Dnr KS 2019/0643", ("KS", 2019, "0643", None, None), id="fields-padding-kept"),
    pytest.param("Ks 725/2011", ("KS", 2011, "725", None, None), id="fields-mixed-case-prefix"),
    pytest.param("Dnr 0509/23", (None, 2023, "0509", None, None), id="fields-serial-yy"),
    pytest.param("Dnr 00123/20212.6.", (None, 2021, "00123", None, "2.6"), id="fields-glued-class"),
    pytest.param("Dnr. 2011/KS 0206 001", ("KS", 2011, "0206", None, "001"), id="fields-tyreso"),
    pytest.param("Dnr: 11/KS 159-206", ("KS", 2011, "159", None, "206"), id="fields-olofstrom"),
    pytest.param("KSKF/2014:1", ("KSKF", 2014, "1", None, None), id="fields-eskilstuna"),
    pytest.param("Dnr RV180949", ("RV", 2018, "0949", None, None), id="fields-vastmanland"),
    pytest.param("Dnr MBN 2021.456", ("MBN", 2021, "456", None, None), id="fields-mbn-dot"),
    pytest.param("Dnr 17/97", (None, 1997, "17", None, None), id="fields-two-digit-year-1900s"),
]

# (id, § heading region, the normalized own case numbers)
OWN = [
    pytest.param("§ 301 Ärendenummer SLK-2024-00078\n", ["SLK-2024-00078"], id="own-goteborg-label"),
    pytest.param("§ 312 Ärendenummer SLK-2024-00009:30\n", ["SLK-2024-00009:30"], id="own-goteborg-sub"),
    pytest.param("§ 265 Ärendenummer SLK-2023-00027:-1\n", ["SLK-2023-00027:-1"], id="own-goteborg-minus-one"),
    pytest.param("§ 3 0509/23\nMotion om ...\n", ["0509/23"], id="own-goteborg-2023-bare"),
    pytest.param("§ 7 1668/20\n", ["1668/20"], id="own-goteborg-2023-bare-1668"),
    pytest.param("§ 12 SLK-2024-00078 Yttrande\n", ["SLK-2024-00078"], id="own-bare-strong-after-number"),
    pytest.param("§ 1 Ärendenummer\n\nBestämmande av tid för justering\n", [], id="own-label-without-number"),
    pytest.param("§ 11\nValberedningens förslag\n", [], id="own-bare-paragraph-no-dnr"),
    pytest.param(
        "§120\n\nMål och prioriteringar för det regionala tillväxtarbetet (RUN/516/2020)\n",
        ["RUN/516/2020"],
        id="own-region-jh-parenthesised",
    ),
    pytest.param("§ 5 Integrationsstrategi) (RUN/9/2015)\n", ["RUN/9/2015"], id="own-paren-after-paren"),
    pytest.param("§ 8\nMål för tillväxtarbetet\n(RUN/516/2020)\n", ["RUN/516/2020"], id="own-paren-wrapped-line"),
    pytest.param("§ 4 Informations- och frågestund (SÄN/2012:3)", ["SÄN/2012:3"], id="own-upplands-vasby"),
    pytest.param("§ 162            Diarienummer 00322/2026\n", ["00322/2026"], id="own-molndal-far-right"),
    pytest.param("SN 139 Ekonomisk lägesrapport november 2012 Dnr 17/12\n", ["17/12"], id="own-sn-organ-id"),
    pytest.param("KSKF/2014:1 235 Val till kommunala uppdrag\n", ["KSKF/2014:1"], id="own-eskilstuna-before"),
    pytest.param("§ 26 Dnr KS 2018/14\nBudget\n", ["KS 2018/14"], id="own-kramfors"),
    pytest.param("§63 Anmälan av motioner\nDnr. 2011/KS 0206 001\n", ["2011/KS 0206 001"], id="own-tyreso"),
    pytest.param("§ 12 Dnr KS 2019/12, KS 2019/45\n", ["KS 2019/12", "KS 2019/45"], id="own-two-on-one-line"),
    pytest.param("§ 40 Dnr 00123/20212.6.\nTitel\n", ["00123/2021"], id="own-molndal-glued-class"),
    pytest.param("§ 3 Dnr RV180949\n", ["RV180949"], id="own-vastmanland-labelled"),
    pytest.param("§ 3 Ärendenummer\nSLK-2024-00078\n", ["SLK-2024-00078"], id="own-label-number-next-line"),
    pytest.param(
        "§ 12 Ärendenummer SLK-2024-00001\nYttrande över SLK-2024-00002 om taxor\n",
        ["SLK-2024-00001"],
        id="own-title-mention-is-not-own",
    ),
    pytest.param("§ 4 Information (15/12)\n", [], id="own-neg-title-day-month"),
    pytest.param("§ 4\nBudget (2021/22)\n", [], id="own-neg-title-budget-year"),
    pytest.param("§ 9 Ändring i kommunallagen (2017:725)\n", [], id="own-neg-title-sfs"),
    pytest.param("§ 3 Titel (RV180949)\n", [], id="own-neg-unlabelled-compact"),
    pytest.param("§ 5 15/12\n", [], id="own-neg-bare-day-month"),
    pytest.param("§ 5 2021/22 års budget\n", [], id="own-neg-bare-budget-year"),
    pytest.param("Sn 50 Au 84 Sn 34 Au 57 Dnr 2016/\n", [], id="own-neg-vilhelmina-truncated"),
    pytest.param("§ 32, den 29 februari 2024, § 84\n", [], id="own-neg-wrapped-cross-reference"),
]

NORMALIZE = [
    pytest.param("Dnr KS 2018/14", "KS 2018/14", id="norm-dnr-label"),
    pytest.param("Ärendenummer SLK-2024-00078", "SLK-2024-00078", id="norm-arendenummer-label"),
    pytest.param("Diarienummer: RS/1288/2019", "RS/1288/2019", id="norm-diarienummer-colon"),
    pytest.param("Ks 725/2011", "KS 725/2011", id="norm-upper-prefix"),
    pytest.param("Dnr 00123/20212.6.", "00123/2021", id="norm-glued-class-cut"),
    pytest.param("(RUN/516/2020)", "RUN/516/2020", id="norm-parentheses"),
    pytest.param("Dnr. 2011/KS  0206\n001", "2011/KS 0206 001", id="norm-whitespace-collapsed"),
    pytest.param("SLK-2023-00027:-1", "SLK-2023-00027:-1", id="norm-minus-one-kept"),
    pytest.param("SLK-2024-00078", "SLK-2024-00078", id="norm-zero-padding-kept"),
    pytest.param("dnr x 12", "X 12", id="norm-not-a-case-number"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(text: str, expected: list[str]) -> None:
    found = find_case_numbers(text)
    assert [c.normalized for c in found] == expected
    assert all(text[c.span[0] : c.span[1]] == c.text for c in found)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_found(text: str) -> None:
    assert find_case_numbers(text) == []


@pytest.mark.parametrize(("text", "fields"), FIELDS)
def test_fields(text: str, fields: tuple[str | None, int, str, str | None, str | None]) -> None:
    (c,) = find_case_numbers(text)
    assert (c.prefix, c.year, c.serial, c.sub, c.class_code) == fields


@pytest.mark.parametrize(("region", "expected"), OWN)
def test_own(region: str, expected: list[str]) -> None:
    text = "Föregående rad\n" + region + "\nBeslut\nDnr KS 2000/1 i brödtexten\n"
    start = len("Föregående rad\n")
    own = find_own_case_numbers(text, start, start + len(region))
    assert [c.normalized for c in own] == expected
    assert all(start <= c.span[0] < c.span[1] <= start + len(region) for c in own)


@pytest.mark.parametrize(("text", "expected"), NORMALIZE)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("meeting", "text", "year"),
    [
        pytest.param(date(2023, 6, 8), "Dnr 0509/23", 2023, id="ctx-same-year"),
        pytest.param(date(2001, 3, 1), "Dnr 0509/99", 1999, id="ctx-previous-century"),
        pytest.param(date(2075, 3, 1), "Dnr 0509/72", 2072, id="ctx-beyond-pivot"),
        pytest.param(None, "Dnr 0509/72", 1972, id="ctx-none-pivot"),
    ],
)
def test_two_digit_year(meeting: date | None, text: str, year: int) -> None:
    (c,) = find_case_numbers(text, ctx=Context(meeting_date=meeting))
    assert c.year == year


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(0, None, ["SLK-2024-00001", "SLK-2024-00002"], id="range-whole"),
        pytest.param(15, None, ["SLK-2024-00002"], id="range-start-offset"),
        pytest.param(0, 20, ["SLK-2024-00001"], id="range-end-cuts-second"),
        pytest.param(0, 10, [], id="range-end-inside-number"),
        pytest.param(-5, 999, ["SLK-2024-00001", "SLK-2024-00002"], id="range-out-of-bounds"),
    ],
)
def test_range(start: int, end: int | None, expected: list[str]) -> None:
    text = "SLK-2024-00001 och SLK-2024-00002"
    found = find_case_numbers(text, start, end)
    assert [c.normalized for c in found] == expected
    assert all(text[c.span[0] : c.span[1]] == c.normalized for c in found)


@given(st.text(alphabet=st.sampled_from("SLKRUNDnr Ärende0123456789/-:.,()§\n "), max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    for c in [*find_case_numbers(text), *find_own_case_numbers(text, 0, len(text))]:
        assert text[c.span[0] : c.span[1]] == c.text
        assert c.normalized


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLD = sorted((CORPUS / "gold").glob("*.json"))
HEADINGS = ("Beslut", "Sammanfattning", "Information")
# Body mentions checked by hand (the gold carries no referenced_case_numbers).
BODY_MENTIONS = {
    "goteborg_kommunfullmaktige_2023-06-08_derived.txt": ["0128/22"],
    "goteborg_kommunfullmaktige_2023-11-09_derived.txt": ["1396/17"],
    "goteborg_kommunstyrelsen_2024-09-11_derived.txt": ["SBF-2023-00027", "0211/21"],
}


def _heading_regions(text: str, paragraphs: list[int]) -> list[tuple[int, int]]:
    """Each §'s line up to its first section heading (or the next §), at most 600 characters."""
    regions, pos = [], 0
    for number in paragraphs:
        m = re.compile(rf"^§\s?{number}(?![\d.,])", re.M).search(text, pos)
        assert m is not None, f"§ {number} not in text"
        stop = re.compile(rf"^(?:{'|'.join(HEADINGS)})$|^§\s?\d+(?![\d.,])", re.M).search(text, m.end())
        end = min(stop.start() if stop else len(text), m.start() + 600)
        regions.append((m.start(), end))
        pos = m.end()
    return regions


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_corpus_own_case_numbers(gold_path: Path) -> None:
    norm_case = _scorer().norm_case
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (CORPUS / "docs" / gold["file"]).read_text(encoding="utf-8")
    regions = _heading_regions(text, [d["paragraph"] for d in gold["decisions"]])
    for decision, (start, end) in zip(gold["decisions"], regions, strict=True):
        own = {norm_case(c.normalized) for c in find_own_case_numbers(text, start, end)}
        assert own == {norm_case(c) for c in decision["case_numbers"]}, decision["paragraph"]


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_corpus_mentions_outside_headings(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (CORPUS / "docs" / gold["file"]).read_text(encoding="utf-8")
    regions = _heading_regions(text, [d["paragraph"] for d in gold["decisions"]])
    body = [c for c in find_case_numbers(text) if not any(s <= c.span[0] < e for s, e in regions)]
    assert [c.normalized for c in body] == BODY_MENTIONS.get(gold["file"], [])
