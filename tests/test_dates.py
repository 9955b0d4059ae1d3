"""Date extraction: the written forms of Swedish protocols, their look-alikes, roles and years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beslutsparser.extract import Context
from beslutsparser.extract.dates import _grammar, _may_end_cue, find_dates, find_dates_with_warnings
from beslutsparser.model import DateMention
from beslutsparser.vocab import load

MEETING_2020 = Context(meeting_date=date(2020, 11, 10))
MEETING_2021 = Context(meeting_date=date(2021, 3, 4), case_year=2020)
CASE_2020 = Context(case_year=2020)


def summary(mention: DateMention) -> str:
    """The ISO date where the day is known, else ``precision:value``."""
    return mention.date or f"{mention.precision}:{mention.value}"


MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip
ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10,
                 "nov": 11, "dec": 12}  # fmt: skip

# (text, context, what is found: ISO dates, or precision:value where the day is unknown)
FOUND = [
    # ISO
    pytest.param("2020-12-15", None, ["2020-12-15"], id="iso-date"),
    pytest.param("Kommunfullmäktige beslutade 2020-10-26, § 88", None, ["2020-10-26"], id="iso-reference"),
    pytest.param("uppdrag 2024-01-10 § 24 till", None, ["2024-01-10"], id="iso-before-paragraph"),
    pytest.param("2020-3-5", None, ["2020-03-05"], id="iso-unpadded"),
    pytest.param("2025-01-30-§ 26", None, ["2025-01-30"], id="iso-typo-tail-paragraph"),
    pytest.param("2024-09-12-17 § 356", None, ["2024-09-12"], id="iso-typo-tail-day"),
    pytest.param("(2023-11-30)", None, ["2023-11-30"], id="iso-parenthesised"),
    pytest.param("Svar senast 2023-06-16.", None, ["2023-06-16"], id="iso-sentence-end"),
    pytest.param("Skrivelser\n2023-05-29\n\n2023-05-30\n", None, ["2023-05-29", "2023-05-30"], id="iso-table-cells"),
    pytest.param("reviderad den 2023-05-26", None, ["2023-05-26"], id="iso-after-den"),
    pytest.param("2020-03-01–2020-04-30", None, ["2020-03-01", "2020-04-30"], id="iso-range-en-dash"),
    pytest.param("2020-03-01-2020-04-30", None, ["2020-03-01", "2020-04-30"], id="iso-range-hyphen"),
    pytest.param("2020-03-01 – 2020-04-30", None, ["2020-03-01", "2020-04-30"], id="iso-range-spaced"),
    pytest.param("2020-03-01 till och med 2020-04-30", None, ["2020-03-01", "2020-04-30"], id="iso-range-words"),
    pytest.param("2025-01-29 och 2025-02-19", None, ["2025-01-29", "2025-02-19"], id="iso-list"),
    # day month year
    pytest.param("15 december 2020", None, ["2020-12-15"], id="text-day-month-year"),
    pytest.param("den 15 december 2020", None, ["2020-12-15"], id="text-den"),
    pytest.param("den 15 dec. 2020", None, ["2020-12-15"], id="text-abbreviation-dot"),
    pytest.param("2 okt 2020", None, ["2020-10-02"], id="text-abbreviation-no-dot"),
    pytest.param("den 3 sept. 2021", None, ["2021-09-03"], id="text-abbreviation-sept"),
    pytest.param("den 3 febr 2021", None, ["2021-02-03"], id="text-abbreviation-febr"),
    pytest.param("15 December 2020", None, ["2020-12-15"], id="text-capitalised-month"),
    pytest.param("DEN 15 DECEMBER 2020", None, ["2020-12-15"], id="text-upper-case"),
    pytest.param("den 1:a maj 2021", None, ["2021-05-01"], id="text-ordinal-a"),
    pytest.param("den 17:e november 2020", None, ["2020-11-17"], id="text-ordinal-e"),
    pytest.param("den 1 januari år 2025", None, ["2025-01-01"], id="text-year-word"),
    pytest.param("den 15 december, 2020", None, ["2020-12-15"], id="text-comma-before-year"),
    pytest.param("7juni 2021", None, ["2021-06-07"], id="text-glued-day-month"),
    pytest.param("den 15\ndecember 2020", None, ["2020-12-15"], id="text-line-break-after-day"),
    pytest.param("den 15 december\n2020 ska", None, ["2020-12-15"], id="text-line-break-before-year"),
    pytest.param("den 05 mars 2021", None, ["2021-03-05"], id="text-zero-padded-day"),
    pytest.param("den 29 februari 2024", None, ["2024-02-29"], id="text-leap-day"),
    pytest.param("från kommunfullmäktige den 7 december 2023, § 92.", None, ["2023-12-07"], id="text-then-paragraph"),
    pytest.param(
        "Stadsledningskontorets tjänsteutlåtande den 30 november 2023.", None, ["2023-11-30"], id="text-document-date"
    ),
    pytest.param(
        "§ 32, den 29 februari 2024, § 84, den 21 mars 2024",
        None,
        ["2024-02-29", "2024-03-21"],
        id="text-wrapped-cross-reference",
    ),
    pytest.param("Justeringens tid 18 maj 2015", None, ["2015-05-18"], id="text-header-value"),
    # weekdays
    pytest.param("tisdagen den 17 november 2020", None, ["2020-11-17"], id="weekday-tisdagen"),
    pytest.param("torsdagen den 5 september 2024, klockan 14:00", None, ["2024-09-05"], id="weekday-with-time"),
    pytest.param("torsdagen den 16 november 2023 klockan 16:00.", None, ["2023-11-16"], id="weekday-time-no-comma"),
    pytest.param("tis 17 nov 2020", None, ["2020-11-17"], id="weekday-short"),
    pytest.param("måndag 19 juni 2023", None, ["2023-06-19"], id="weekday-without-den"),
    pytest.param("onsdagen, den 4 juni 2025", None, ["2025-06-04"], id="weekday-comma"),
    pytest.param("Fredagen den 8 mars 2024", None, ["2024-03-08"], id="weekday-capitalised"),
    # year-less
    pytest.param("sammanträde den 15 december ta fram", MEETING_2020, ["2020-12-15"], id="yearless-meeting-year"),
    pytest.param("sammanträde den 15 december ta fram", CASE_2020, ["2020-12-15"], id="yearless-case-year"),
    pytest.param("den 15 december", MEETING_2021, ["2021-12-15"], id="yearless-meeting-before-case-year"),
    pytest.param("den 15 december", None, ["day:--12-15"], id="yearless-unknown"),
    pytest.param("sammanträde 15 december", MEETING_2020, ["2020-12-15"], id="yearless-without-den"),
    pytest.param("den 15/12", MEETING_2020, ["2020-12-15"], id="yearless-numeric-den"),
    pytest.param("tisdagen den 17 november", MEETING_2020, ["2020-11-17"], id="yearless-weekday"),
    pytest.param("7juni", MEETING_2020, ["2020-06-07"], id="yearless-glued"),
    pytest.param("1 mars–30 april 2020", MEETING_2021, ["2020-03-01", "2020-04-30"], id="yearless-range-end-year"),
    pytest.param("den 30 december–2 januari 2021", None, ["2020-12-30", "2021-01-02"], id="yearless-range-new-year"),
    pytest.param("den 24 april och 8 maj 2024", None, ["2024-04-24", "2024-05-08"], id="yearless-list-year"),
    pytest.param("1–3 mars", MEETING_2021, ["2021-03-01", "2021-03-03"], id="yearless-range-context"),
    # numeric
    pytest.param("15/12 2020", None, ["2020-12-15"], id="numeric-space-year"),
    pytest.param("15/12-2020", None, ["2020-12-15"], id="numeric-dash-year"),
    pytest.param("15/12-20", None, ["2020-12-15"], id="numeric-two-digit-year"),
    pytest.param("15/12-98", None, ["1998-12-15"], id="numeric-two-digit-last-century"),
    pytest.param("15/12/2020", None, ["2020-12-15"], id="numeric-slash-year"),
    pytest.param("1/3 2021", None, ["2021-03-01"], id="numeric-single-digits"),
    pytest.param("15.12.2020", None, ["2020-12-15"], id="numeric-dots"),
    pytest.param("1.3.2021", None, ["2021-03-01"], id="numeric-dots-single-digits"),
    # misspelt months
    pytest.param("15 decmber 2020", None, ["2020-12-15"], id="typo-decmber"),
    pytest.param("3 feburari 2021", None, ["2021-02-03"], id="typo-feburari"),
    pytest.param("den 3 septembr 2021", None, ["2021-09-03"], id="typo-fuzzy-missing-letter"),
    pytest.param("12 ocktober 2020", None, ["2020-10-12"], id="typo-fuzzy-extra-letter"),
    pytest.param("1 juil 2020", None, ["2020-07-01"], id="typo-fuzzy-short-name"),
    pytest.param("den 3 novembr", MEETING_2020, ["2020-11-03"], id="typo-fuzzy-yearless-den"),
    # ranges
    pytest.param("12–14 maj 2021", None, ["2021-05-12", "2021-05-14"], id="range-days"),
    pytest.param("12-14 maj 2021", None, ["2021-05-12", "2021-05-14"], id="range-days-hyphen"),
    pytest.param("12 – 14 maj 2021", None, ["2021-05-12", "2021-05-14"], id="range-days-spaced"),
    pytest.param("1 mars–30 april 2020", None, ["2020-03-01", "2020-04-30"], id="range-day-month"),
    pytest.param("under perioden 11 juni-19 juli 2026.", None, ["2026-06-11", "2026-07-19"], id="range-hyphen"),
    pytest.param("1 mars 2020–30 april 2021", None, ["2020-03-01", "2021-04-30"], id="range-full-ends"),
    pytest.param(
        "från och med den 19 februari 2025 till och med den 30 april 2025",
        None,
        ["2025-02-19", "2025-04-30"],
        id="range-fom-tom",
    ),
    pytest.param(
        "från och med den 19 februari 2025 till\noch med den 30 april 2025",
        None,
        ["2025-02-19", "2025-04-30"],
        id="range-fom-tom-line-break",
    ),
    pytest.param("den 5 mars till den 10 mars 2021", None, ["2021-03-05", "2021-03-10"], id="range-till"),
    pytest.param("1 mars t.o.m. 30 april 2020", None, ["2020-03-01", "2020-04-30"], id="range-tom-abbreviation"),
    # lists
    pytest.param("den 5, 12 och 19 maj 2021", None, ["2021-05-05", "2021-05-12", "2021-05-19"], id="list-days"),
    pytest.param("den 24 och 25 januari 2024", None, ["2024-01-24", "2024-01-25"], id="list-och"),
    pytest.param("3 samt 5 mars 2021", None, ["2021-03-03", "2021-03-05"], id="list-samt"),
    pytest.param("den 5 och den 12 maj 2021", None, ["2021-05-05", "2021-05-12"], id="list-den-repeated"),
    # months
    pytest.param("februari 2021", None, ["month:2021-02"], id="month-year"),
    pytest.param("i februari 2021", None, ["month:2021-02"], id="month-after-i"),
    pytest.param("Delårsrapport mars 2023", None, ["month:2023-03"], id="month-in-title"),
    pytest.param("Delårsrapport per mars 2026 för", None, ["month:2026-03"], id="month-after-per"),
    pytest.param("januari–mars 2021", None, ["month:2021-01", "month:2021-03"], id="month-range"),
    pytest.param("dec 2020", None, ["month:2020-12"], id="month-abbreviation"),
    pytest.param("mars år 2024", None, ["month:2024-03"], id="month-year-word"),
    pytest.param("Kompletterande budget februari 2025", None, ["month:2025-02"], id="month-budget-title"),
    # weeks
    pytest.param("vecka 12 2021", None, ["week:2021-W12"], id="week-with-year"),
    pytest.param("vecka 12, 2021", None, ["week:2021-W12"], id="week-comma-year"),
    pytest.param("under vecka 12", MEETING_2021, ["week:2021-W12"], id="week-meeting-year"),
    pytest.param("under vecka 12", CASE_2020, ["week:2020-W12"], id="week-case-year"),
    pytest.param("vecka 12", None, ["week:None"], id="week-year-unknown"),
    pytest.param("veckorna 12–14 2021", None, ["week:2021-W12", "week:2021-W14"], id="week-range"),
    pytest.param("vecka 12 och 13 2021", None, ["week:2021-W12", "week:2021-W13"], id="week-list"),
    pytest.param("v. 12 2021", None, ["week:2021-W12"], id="week-abbreviation"),
    pytest.param("vecka 53 2020", None, ["week:2020-W53"], id="week-53"),
]

FOUND += [
    pytest.param(f"den 1 {name} 2021", None, [f"2021-{number:02d}-01"], id=f"month-name-{name}")
    for number, name in enumerate(MONTHS, 1)
]
FOUND += [
    pytest.param(f"den 9 {abbreviation} 2021", None, [f"2021-{number:02d}-09"], id=f"month-abbreviation-{abbreviation}")
    for abbreviation, number in ABBREVIATIONS.items()
]

# A month without a day is found at its year, its name looked for behind it: every written form.
FOUND += [
    pytest.param(f"i {name} 2021", None, [f"month:2021-{number:02d}"], id=f"month-precision-{name}")
    for number, name in enumerate(MONTHS, 1)
]
FOUND += [
    pytest.param(f"per {written} 2021", None, [f"month:2021-{number:02d}"], id=f"month-precision-{written}")
    for abbreviation, number in ABBREVIATIONS.items()
    for written in (abbreviation, f"{abbreviation}.", abbreviation.upper())
]
FOUND += [
    pytest.param("Delårsrapport febr. 2023", None, ["month:2023-02"], id="month-precision-febr"),
    pytest.param("i decmber 2020", None, ["month:2020-12"], id="month-precision-typo"),
    pytest.param(
        "i januari, mars och maj 2021",
        None,
        ["month:2021-01", "month:2021-03", "month:2021-05"],
        id="month-precision-list",
    ),
    pytest.param("i nummer 2021", None, [], id="month-precision-no-month"),
    pytest.param("i smars 2021", None, [], id="month-precision-inside-word"),
    pytest.param("veckan 12 2021", None, ["week:2021-W12"], id="week-veckan"),
    pytest.param("vecka\n12 2021", None, ["week:2021-W12"], id="week-word-line-break"),
    pytest.param("avvecka 12 2021", None, [], id="week-inside-word"),
]


@pytest.mark.parametrize(("text", "ctx", "expected"), FOUND)
def test_found(text: str, ctx: Context | None, expected: list[str]) -> None:
    assert [summary(m) for m in find_dates(text, ctx=ctx)] == expected


# Look-alikes: nothing here is a date.
NOT_DATES = [
    pytest.param("kl. 09.00–12.00", id="neg-time-range-dots"),
    pytest.param("klockan 14:00", id="neg-time-colon"),
    pytest.param("kl. 13:00-16:30", id="neg-time-range-colons"),
    pytest.param("kl. 9.30", id="neg-time-single-digit-hour"),
    pytest.param("09.00-12.00", id="neg-time-range-bare"),
    pytest.param("2017:725", id="neg-sfs"),
    pytest.param("lagen (1930:173) om beräkning av lagstadgad tid", id="neg-sfs-parenthesised"),
    pytest.param("6 kap. 37 § kommunallagen (2017:725)", id="neg-law-reference"),
    pytest.param("13 kap. 5 §", id="neg-chapter-section"),
    pytest.param("RS 2020/1187", id="neg-case-rs"),
    pytest.param("SLK-2024-00062", id="neg-case-slk"),
    pytest.param("SLK-2023-00027:45", id="neg-case-slk-sub"),
    pytest.param("SLK-2023-00027:-1", id="neg-case-slk-minus-one"),
    pytest.param("KS 2020/0412", id="neg-case-ks"),
    pytest.param("§ 3 0509/23", id="neg-case-serial-yy"),
    pytest.param("Dnr 17/12", id="neg-case-day-month-shape"),
    pytest.param("(RUN/516/2020)", id="neg-case-run"),
    pytest.param("KS-2015/31", id="neg-case-dash-slash"),
    pytest.param("2024–2027", id="neg-year-range-en-dash"),
    pytest.param("Göteborgs Stads vattentjänstplan 2024-2027", id="neg-year-range-hyphen"),
    pytest.param("budgetåret 2021/2022", id="neg-year-range-slash"),
    pytest.param("HFD 2019 ref. 21", id="neg-hfd"),
    pytest.param("§ 32", id="neg-paragraph"),
    pytest.param("§ 12 maj", id="neg-paragraph-before-month"),
    pytest.param("§§ 12-14", id="neg-paragraph-range"),
    pytest.param("08-123 456 78", id="neg-phone-stockholm"),
    pytest.param("031-365 00 00", id="neg-phone-goteborg"),
    pytest.param("2 020 000 kronor", id="neg-amount"),
    pytest.param("12 500 tkr", id="neg-amount-tkr"),
    pytest.param("år 2024", id="neg-bare-year"),
    pytest.param("Budget 2024", id="neg-budget-year"),
    pytest.param("26/", id="neg-truncated-slash"),
    pytest.param("reviderad den 2023-0", id="neg-truncated-iso"),
    pytest.param("SOU 2023:58", id="neg-sou"),
    pytest.param("mål 2557-24", id="neg-court-case"),
    pytest.param("KF Handling 2024 nr 155", id="neg-handling-number"),
    pytest.param("anslaget 1:1 i utgiftsområde 19", id="neg-anslag"),
    pytest.param("3,5 procent", id="neg-decimal"),
    pytest.param("3 (90)", id="neg-page-number"),
    pytest.param("i avsnitt 3.6.1 ska", id="neg-section-number"),
    pytest.param("2023-13-01", id="neg-month-thirteen"),
    pytest.param("32 maj 2021", id="neg-day-thirty-two"),
    pytest.param("2. Maj Andersson", id="neg-numbered-list-name"),
    pytest.param("3 ledamöter 2024", id="neg-number-word-year"),
    pytest.param("den 3 ledamöterna", id="neg-den-number-word"),
    pytest.param("vecka", id="neg-week-word-alone"),
    pytest.param("Marie Brynolfsson (V) 12", id="neg-party-v-number"),
    pytest.param("i februari", id="neg-month-without-year"),
    pytest.param("Jan Svensson (S)", id="neg-name-jan"),
    pytest.param("1/2 av kostnaden", id="neg-fraction"),
    pytest.param("Omröstningen utfaller med 52 Ja mot 20 Nej.", id="neg-vote-count"),
    pytest.param("januari 2024–2027", id="neg-month-before-year-range"),
    pytest.param("", id="neg-empty"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, ctx=MEETING_2020) == []


# (text, roles of the mentions in order)
ROLES = [
    pytest.param("senast den 30 april 2021", ["deadline"], id="role-deadline-senast"),
    pytest.param(
        "till regionala utvecklingsnämndens sammanträde den 15 december 2020",
        ["deadline"],
        id="role-deadline-till-sammantrade",
    ),
    pytest.param("Ärendet bordläggs till sammanträdet den 24 april 2024.", ["deadline"], id="role-deadline-bordlaggs"),
    pytest.param("senast tisdagen den 5 maj 2020", ["deadline"], id="role-deadline-before-weekday"),
    pytest.param("Svar senast 2023-06-16.", ["deadline"], id="role-deadline-iso"),
    pytest.param("från och med den 1 maj 2026", ["effective"], id="role-effective-fom"),
    pytest.param("fr.o.m. 2021-01-01", ["effective"], id="role-effective-fr-o-m"),
    pytest.param("from 2021-01-01", ["effective"], id="role-effective-from"),
    pytest.param("Avsägelsen gäller från och med den 2 februari 2024.", ["effective"], id="role-effective-galler"),
    pytest.param("till och med den 31 december 2026", ["end"], id="role-end-tom"),
    pytest.param("t.o.m. 2021-12-31", ["end"], id="role-end-t-o-m"),
    pytest.param("12–14 maj 2021", [None, "end"], id="role-end-of-range"),
    pytest.param(
        "från och med den 3 mars 2026 till och med den 20 september 2026", ["effective", "end"], id="role-fom-tom-range"
    ),
    pytest.param("senast  den\n 30 april 2021", ["deadline"], id="role-deadline-spaces"),
    pytest.param("senast\n\n30 april 2021", ["deadline"], id="role-deadline-line-breaks"),
    pytest.param("Skrivelsen inkom till den 3 mars 2021", ["received"], id="role-received-till-article"),
    pytest.param("vid sammanträdet den 7 december 2023, § 92", ["meeting"], id="role-meeting"),
    pytest.param("Efter kommunfullmäktiges sammanträde den 25 maj 2023 har", ["meeting"], id="role-meeting-organ"),
    pytest.param("vid sammanträde 2025-12-11", ["meeting"], id="role-meeting-iso"),
    pytest.param("Skrivelsen inkom den 3 mars 2021", ["received"], id="role-received-inkom"),
    pytest.param("Motion inkommen 2024-03-03", ["received"], id="role-received-inkommen"),
    pytest.param("inkom till stadsledningskontoret den 5 mars 2021", ["received"], id="role-received-inkom-till"),
    pytest.param("Stadsledningskontorets tjänsteutlåtande den 30 november 2023", [None], id="role-none-document"),
    pytest.param("har inkommit till kommunfullmäktige.\nMotioner\n2023-12-07", [None], id="role-none-next-sentence"),
    pytest.param("Länsstyrelsen har den 30 april 2025 beslutat", [None], id="role-none-decided"),
]


@pytest.mark.parametrize(("text", "roles"), ROLES)
def test_roles(text: str, roles: list[str | None]) -> None:
    assert [m.role for m in find_dates(text)] == roles


# (text, the text of each mention: what its span covers)
SPANS = [
    pytest.param("tisdagen den 17 november 2020", ["tisdagen den 17 november 2020"], id="span-weekday-included"),
    pytest.param("tis. den 17 nov 2020", ["tis. den 17 nov 2020"], id="span-weekday-abbreviation"),
    pytest.param("Söndagen, den 5 maj 2024", ["Söndagen, den 5 maj 2024"], id="span-weekday-comma"),
    pytest.param("i januari–mars 2021", ["januari–mars 2021", "mars 2021"], id="span-month-range"),
    pytest.param("under v. 12 2021", ["v. 12 2021"], id="span-week-abbreviation"),
    pytest.param("den 15 december 2020", ["15 december 2020"], id="span-article-excluded"),
    pytest.param("den 15 dec. 2020 och", ["15 dec. 2020"], id="span-abbreviation-dot"),
    pytest.param("den 15 december. Sedan", ["15 december"], id="span-sentence-stop-excluded"),
    pytest.param(
        "torsdagen den 5 september 2024, klockan 14:00", ["torsdagen den 5 september 2024"], id="span-time-excluded"
    ),
    pytest.param("12–14 maj 2021", ["12–14 maj 2021", "14 maj 2021"], id="span-range-in-one-expression"),
    pytest.param(
        "från och med den 1 maj 2026 till och med den 26 juli 2026",
        ["1 maj 2026 till och med den 26 juli 2026", "26 juli 2026"],
        id="span-range-of-two-expressions",
    ),
    pytest.param(
        "den 5, 12 och 19 maj 2021", ["5, 12 och 19 maj 2021", "12 och 19 maj 2021", "19 maj 2021"], id="span-list"
    ),
    pytest.param("i februari 2021", ["februari 2021"], id="span-month"),
    pytest.param("under vecka 12 2021", ["vecka 12 2021"], id="span-week"),
]


@pytest.mark.parametrize(("text", "covered"), SPANS)
def test_spans(text: str, covered: list[str]) -> None:
    found = find_dates(text)
    assert [m.text for m in found] == covered
    assert all(text[m.span[0] : m.span[1]] == m.text for m in found)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        pytest.param("1 mars–30 april 2020", ["2020-04-30", None], id="range-end-field-days"),
        pytest.param("januari–mars 2021", ["2021-03", None], id="range-end-field-months"),
        pytest.param("veckorna 12–14 2021", ["2021-W14", None], id="range-end-field-weeks"),
        pytest.param("2021-03-15--2021-04-15", ["2021-04-15", None], id="range-typed-double-hyphen"),
        pytest.param("den 24 och 25 januari 2024", [None, None], id="list-has-no-end"),
    ],
)
def test_range_end(text: str, ends: list[str | None]) -> None:
    assert [m.end for m in find_dates(text)] == ends


@pytest.mark.parametrize(
    ("text", "ctx", "codes"),
    [
        pytest.param("den 15 december", None, ["date-year-unknown"], id="warn-day-year-unknown"),
        pytest.param("vecka 12", None, ["date-year-unknown"], id="warn-week-year-unknown"),
        pytest.param("den 15 december", MEETING_2020, [], id="warn-none-meeting-year"),
        pytest.param("den 15 december", CASE_2020, [], id="warn-none-case-year"),
        pytest.param("1 mars–30 april 2020", None, [], id="warn-none-year-from-range"),
        pytest.param("2023-02-30", None, ["date-invalid"], id="warn-invalid-day"),
        pytest.param("2024-13-01", None, ["date-invalid"], id="warn-invalid-iso-month-13"),
        pytest.param("2024-00-10", None, ["date-invalid"], id="warn-invalid-iso-month-00"),
        pytest.param("2024-02-32", None, ["date-invalid"], id="warn-invalid-iso-day-32"),
        pytest.param("2024-11-00", None, ["date-invalid"], id="warn-invalid-iso-day-00"),
        pytest.param("den 31 april 2021", None, ["date-invalid"], id="warn-invalid-april-31"),
        pytest.param(
            "den 29 februari",
            Context(meeting_date=date(2023, 5, 1)),
            ["date-invalid"],
            id="warn-invalid-leap-day-in-meeting-year",
        ),
        pytest.param("vecka 53 2021", None, ["date-invalid"], id="warn-invalid-week-53"),
    ],
)
def test_warnings(text: str, ctx: Context | None, codes: list[str]) -> None:
    mentions, warnings = find_dates_with_warnings(text, ctx=ctx)
    assert [w.code for w in warnings] == codes
    for warning in warnings:
        assert warning.span is not None
        assert text[warning.span[0] : warning.span[1]].strip()
    if "date-invalid" in codes:
        assert mentions == []


def test_year_unknown_mention_keeps_month_and_day() -> None:
    [mention] = find_dates("den 15 december")
    assert (mention.date, mention.precision, mention.value) == (None, "day", "--12-15")


def test_region_spans_are_absolute() -> None:
    text = "Beslut 2020-01-02.\n§ 5 Ärendet bordläggs till sammanträdet den 24 april 2024.\nSlut 2021-02-03."
    start = text.index("§ 5")
    stop = text.index("Slut")
    [mention] = find_dates(text, start, stop)
    assert mention.date == "2024-04-24"
    assert text[mention.span[0] : mention.span[1]] == "24 april 2024"
    assert mention.role == "deadline"


def test_region_start_cuts_weekday_and_cue() -> None:
    text = "senast tisdagen den 17 november 2020"
    start = text.index("17")
    [mention] = find_dates(text, start)
    assert (mention.text, mention.role) == ("17 november 2020", None)


@pytest.mark.parametrize("filler", ["", "Ärendet. " * 300], ids=["short", "document"])
def test_region_start_sees_week_word_before_it(filler: str) -> None:
    text = f"{filler}under VECKA 12 2021. Sedan den 3 maj 2021 och i v. 14 2022."
    [week, day, abbreviated] = find_dates(text, text.index("12"))
    assert (week.text, week.value, day.date) == ("VECKA 12 2021", "2021-W12", "2021-05-03")
    assert (abbreviated.text, abbreviated.value) == ("v. 14 2022", "2022-W14")
    assert [summary(m) for m in find_dates(text, text.index("14"))] == ["week:2022-W14"]


CUES = [pytest.param(cue, id=f"{role}:{cue}") for role, cues in load("dates")["roles"].items() for cue in cues]


@pytest.mark.parametrize("cue", CUES)
@settings(max_examples=60)
@given(data=st.data())
def test_role_cue_ends_let_every_cue_through(cue: str, data: st.DataObject) -> None:
    """The quick look at the last words before a date (``dates.toml`` [role_ends]) passes over no
    cue: any written form of any cue, in any case, with any sign or letter before it and with or
    without "den" after it, is let through wherever the cues themselves find it."""
    written = data.draw(st.from_regex(f"(?i){cue}", fullmatch=True))
    before = data.draw(st.text(max_size=3))
    gap = data.draw(st.sampled_from([" ", "\n", " den ", " DEN\t", "  den  "]))
    text = f"{before}{written}{gap}5 maj 2024"
    at = len(text) - len("5 maj 2024")
    if _grammar().role_cue.match(text, 0, at) is not None:
        assert _may_end_cue(text, 0, at), text


@pytest.mark.parametrize("text", ["enligt uppdrag den 5 maj 2024", "beslut § 105, den 5 maj 2024"])
def test_role_cue_ends_pass_over_dates_without_cue(text: str) -> None:
    """The look does pass over the common cases, a date after some other word, or a word that ends
    with a sign no cue ends with, and "den"."""
    assert not _may_end_cue(text, 0, text.index("5 maj"))


@given(st.text(alphabet=st.sampled_from(list("0123456789 -–/.:,§ denjuimarsvckaotb\n")), max_size=80))
def test_never_raises_and_spans_hold(text: str) -> None:
    mentions, _ = find_dates_with_warnings(text)
    for mention in mentions:
        assert text[mention.span[0] : mention.span[1]] == mention.text
        if mention.date is not None:
            date.fromisoformat(mention.date)


def test_corpus_mentions_are_well_formed(corpus_docs: list[Path]) -> None:
    """Every mention in the real protocols covers its text and carries a valid ISO date or value."""
    for path in corpus_docs:
        text = path.read_text(encoding="utf-8")
        for mention in find_dates(text):
            assert text[mention.span[0] : mention.span[1]] == mention.text, path.name
            assert mention.date is None or date.fromisoformat(mention.date), path.name
            assert "SLK-" not in mention.text and "§" not in mention.text, (path.name, mention.text)
