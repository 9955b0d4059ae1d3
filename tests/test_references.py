"""References to other decisions: the written forms, their organ, date and §, and look-alikes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from beslutsparser.extract import Context
from beslutsparser.extract.references import find_references
from beslutsparser.model import Reference
from beslutsparser.vocab import load

KS = Context(organ="Kommunstyrelsen")
KF = Context(organ="kommunfullmäktige", meeting_date=date(2024, 2, 1))
RUN = Context(organ="regionala utvecklingsnämnden", case_year=2020)
NONE = Context()

Triple = tuple[str | None, str | None, int | None]


def triples(refs: list[Reference]) -> list[Triple]:
    return [(ref.organ, ref.date, ref.paragraph) for ref in refs]


# (text, context, expected (organ, date, paragraph) in order)
FOUND = [
    pytest.param("Kommunstyrelsen behandlade delårsrapporten 2022-08-30, § 140.", NONE,
                 [("kommunstyrelsen", "2022-08-30", 140)], id="organ-earlier-in-sentence"),
    pytest.param("Tekniska nämnden\nhar i sitt yttrande 2022-05-19, § 41, avstyrkt motionen.", NONE,
                 [("tekniska nämnden", "2022-05-19", 41)], id="organ-earlier-in-sentence-over-lines"),
    # The forms
    pytest.param(
        "Kommunfullmäktige beslutade 2020-10-26, § 88",
        KS,
        [("kommunfullmäktige", "2020-10-26", 88)],
        id="organ-verb-iso-date-paragraph",
    ),
    pytest.param(
        "Arbetsutskottets protokoll 2021-02-23, § 12",
        KS,
        [("arbetsutskottet", "2021-02-23", 12)],
        id="genitive-organ-protokoll",
    ),
    pytest.param("KS 2019-12-10 § 234", KF, [("kommunstyrelsen", "2019-12-10", 234)], id="abbreviation-ks"),
    pytest.param("enligt KF 2020-10-26/§ 88", KS, [("kommunfullmäktige", "2020-10-26", 88)], id="slash-before-paragraph"),
    pytest.param("KF 2020-10-26 / § 88", KS, [("kommunfullmäktige", "2020-10-26", 88)], id="spaced-slash-before-paragraph"),
    pytest.param("§ 88 i kommunfullmäktiges protokoll från den 26 oktober 2020", KF,
                 [("kommunfullmäktige", "2020-10-26", 88)], id="paragraph-before-organ"),
    pytest.param("Se § 12 i socialnämndens protokoll 2021-02-17.", KF, [("socialnämnden", "2021-02-17", 12)],
                 id="paragraph-before-organ-iso"),
    pytest.param("enligt KF-beslut 2020-10-26 § 88", KF, [("kommunfullmäktige", "2020-10-26", 88)],
                 id="abbreviation-joined-to-beslut"),
    pytest.param("Se KS-protokollet 2021-02-01, § 12.", KF, [("kommunstyrelsen", "2021-02-01", 12)],
                 id="abbreviation-joined-to-protokollet"),
    pytest.param(
        "RSAU 2019-10-22 § 301", KS, [("regionstyrelsens arbetsutskott", "2019-10-22", 301)], id="abbreviation-rsau"
    ),
    pytest.param(
        "Återremitterat från kommunfullmäktige den 7 december 2023, § 92.",
        KS,
        [("kommunfullmäktige", "2023-12-07", 92)],
        id="goteborg-aterremitterat-fran-kf",
    ),
    pytest.param(
        "Protokollsutdrag från kommunfullmäktige den 7 december 2023 § 92 med bilaga",
        KS,
        [("kommunfullmäktige", "2023-12-07", 92)],
        id="goteborg-protokollsutdrag-no-comma",
    ),
    pytest.param(
        "Bordlagt den 23 november 2023, § 68, den 7 december 2023, § 100 och den 1 februari 2024, § 37.",
        KF,
        [
            ("kommunfullmäktige", "2023-11-23", 68),
            ("kommunfullmäktige", "2023-12-07", 100),
            ("kommunfullmäktige", "2024-02-01", 37),
        ],
        id="goteborg-bordlagt-list-ctx-organ",
    ),
    pytest.param("§ 32, den 29 februari 2024", KS, [("kommunstyrelsen", "2024-02-29", 32)], id="paragraph-first"),
    pytest.param("enligt KF § 47/2011", KS, [("kommunfullmäktige", None, 47)], id="olofstrom-kf-paragraph-year"),
    pytest.param(
        "kommunstyrelsens beslut den 12 maj 2021, § 140",
        KF,
        [("kommunstyrelsen", "2021-05-12", 140)],
        id="genitive-organ-beslut-den",
    ),
    # Göteborg forms
    pytest.param(
        "Bordlagt den 25 maj 2023, § 50.", KF, [("kommunfullmäktige", "2023-05-25", 50)], id="goteborg-bordlagt-one"
    ),
    pytest.param(
        "Återremitterat den 8 december 2022, § 35 och bordlagt den 25 maj 2023, § 30.",
        KF,
        [("kommunfullmäktige", "2022-12-08", 35), ("kommunfullmäktige", "2023-05-25", 30)],
        id="goteborg-aterremitterat-och-bordlagt",
    ),
    pytest.param(
        "Bordlagt den 6 mars 2024, § 111, den 20 mars 2024, § 168 och den 10 april 2024,\n§ 254.",
        KS,
        [
            ("kommunstyrelsen", "2024-03-06", 111),
            ("kommunstyrelsen", "2024-03-20", 168),
            ("kommunstyrelsen", "2024-04-10", 254),
        ],
        id="goteborg-list-wrapped-before-paragraph",
    ),
    pytest.param(
        "b. Nämndens uppdrag, givet av kommunfullmäktige 2021-04-22\n§ 19, att utreda frågan",
        KS,
        [("kommunfullmäktige", "2021-04-22", 19)],
        id="goteborg-wrapped-without-comma",
    ),
    pytest.param(
        "Bordlagt den 25 januari 2024,\n§ 32, den 29 februari 2024, § 84, den 21 mars 2024, § 125",
        KS,
        [
            ("kommunstyrelsen", "2024-01-25", 32),
            ("kommunstyrelsen", "2024-02-29", 84),
            ("kommunstyrelsen", "2024-03-21", 125),
        ],
        id="goteborg-wrapped-paragraph-belongs-to-previous-date",
    ),
    pytest.param(
        "§ 32, den 29 februari 2024, § 84, den 21 mars 2024, § 125",
        KS,
        [("kommunstyrelsen", "2024-02-29", 84), ("kommunstyrelsen", "2024-03-21", 125)],
        id="goteborg-wrapped-line-alone-drops-orphan-paragraph",
    ),
    pytest.param(
        "den 25 april 2024, § 174, 23 maj 2024, § 226 och den 19 juni 2024, § 275.",
        KF,
        [
            ("kommunfullmäktige", "2024-04-25", 174),
            ("kommunfullmäktige", "2024-05-23", 226),
            ("kommunfullmäktige", "2024-06-19", 275),
        ],
        id="goteborg-list-member-without-den",
    ),
    pytest.param(
        "Återremitterat från kommunfullmäktige den 1 februari 2024, § 25. Bordlagt den 28 augusti 2024, § 606.",
        KS,
        [("kommunfullmäktige", "2024-02-01", 25), ("kommunstyrelsen", "2024-08-28", 606)],
        id="goteborg-new-sentence-new-organ",
    ),
    pytest.param(
        "Återremitterat från kommunfullmäktige den 8 december 2022, § 35 och bordlagt den 25 maj 2023, § 30.",
        KS,
        [("kommunfullmäktige", "2022-12-08", 35), ("kommunstyrelsen", "2023-05-25", 30)],
        id="goteborg-new-verb-breaks-the-list",
    ),
    pytest.param(
        "Bordlagt den 5 juni 2024, § 512 och\nden 21 augusti 2024, § 603.",
        KS,
        [("kommunstyrelsen", "2024-06-05", 512), ("kommunstyrelsen", "2024-08-21", 603)],
        id="goteborg-list-och-line-break",
    ),
    pytest.param(
        "Kommunstyrelsens uppdrag 2022-10-12 § 583 till förvaltningen",
        KF,
        [("kommunstyrelsen", "2022-10-12", 583)],
        id="goteborg-uppdrag-iso",
    ),
    pytest.param(
        "Redovisning av kommunfullmäktiges uppdrag 2021-09-16 § 13 till Exempel AB",
        KS,
        [("kommunfullmäktige", "2021-09-16", 13)],
        id="goteborg-redovisning-av-uppdrag",
    ),
    pytest.param(
        "Kommunfullmäktiges uppdrag, 2022-05-19 § 27 punkt 3, till bolaget",
        KS,
        [("kommunfullmäktige", "2022-05-19", 27)],
        id="goteborg-uppdrag-comma-punkt",
    ),
    pytest.param(
        "c. Styrelsen för Exempel AB:s uppdrag, givet av kommunfullmäktige 2021-05-12 § 14, att",
        KS,
        [("kommunfullmäktige", "2021-05-12", 14)],
        id="goteborg-givet-av-kf",
    ),
    pytest.param(
        "Kommunfullmäktiges beslut från den 14 november 2024, § 488 upphävs.",
        KS,
        [("kommunfullmäktige", "2024-11-14", 488)],
        id="goteborg-beslut-fran-den",
    ),
    pytest.param(
        "som antogs av kommunstyrelsen i 2006-03-08 § 9.",
        KF,
        [("kommunstyrelsen", "2006-03-08", 9)],
        id="goteborg-organ-i-iso",
    ),
    pytest.param(
        "överklagande av byggnadsnämndens beslut 2021-11-30 (§ 512, dnr 0344/20)",
        KS,
        [("byggnadsnämnden", "2021-11-30", 512)],
        id="goteborg-paragraph-in-parentheses",
    ),
    pytest.param(
        "Kommunfullmäktiges uppdrag 2024-03-21-§ 31 punkt 4",
        KS,
        [("kommunfullmäktige", "2024-03-21", 31)],
        id="goteborg-dash-before-paragraph",
    ),
    pytest.param(
        "enligt bilaga 2 till kretslopp och vattennämndens handlingar 2022-03-10 § 41.",
        KF,
        [("vattennämnden", "2022-03-10", 41)],
        id="goteborg-handlingar",
    ),
    pytest.param(
        "Personalutskottets protokoll 2023-05-17.",
        KS,
        [("personalutskottet", "2023-05-17", None)],
        id="goteborg-protokoll-without-paragraph",
    ),
    pytest.param(
        "Kommunstyrelsens arbetsutskotts protokoll 2023-11-15.",
        KS,
        [("kommunstyrelsens arbetsutskott", "2023-11-15", None)],
        id="goteborg-genitive-chain-protokoll",
    ),
    pytest.param(
        "Protokoll från kommunstyrelsens arbetsutskott, 2024-04-03 och 2024-04-24.",
        KS,
        [
            ("kommunstyrelsens arbetsutskott", "2024-04-03", None),
            ("kommunstyrelsens arbetsutskott", "2024-04-24", None),
        ],
        id="goteborg-protokoll-fran-list-of-dates",
    ),
    pytest.param(
        "Paragraf 612, Ordförandebeslut från stadsbyggnadsnämnden den 3 oktober 2023.",
        KS,
        [("stadsbyggnadsnämnden", "2023-10-03", None)],
        id="goteborg-ordforandebeslut-fran",
    ),
    # Other protocols
    pytest.param("(KF 2011-04-26, § 47)", KS, [("kommunfullmäktige", "2011-04-26", 47)], id="parenthesised-kf"),
    pytest.param("Ks § 12/2019", KF, [("kommunstyrelsen", None, 12)], id="mixed-case-abbreviation-slash"),
    pytest.param("Au 2016-03-01 § 57", KS, [("arbetsutskottet", "2016-03-01", 57)], id="vilhelmina-au"),
    pytest.param("Sn 2016-04-12 § 34", KS, [("socialnämnden", "2016-04-12", 34)], id="vilhelmina-sn"),
    pytest.param(
        "Kommunfullmäktige 2024-02-01 §§ 12–14",
        KS,
        [("kommunfullmäktige", "2024-02-01", paragraph) for paragraph in (12, 13, 14)],
        id="paragraph-range",
    ),
    pytest.param(
        "Kommunfullmäktige 2024-02-01 §§ 12 och 15",
        KS,
        [("kommunfullmäktige", "2024-02-01", 12), ("kommunfullmäktige", "2024-02-01", 15)],
        id="paragraph-list-och",
    ),
    pytest.param(
        "Regionala utvecklingsnämnden beslutade den 3 maj, § 12",
        RUN,
        [("regionala utvecklingsnämnden", "2020-05-03", 12)],
        id="modifier-organ-year-from-case",
    ),
    pytest.param(
        "Nämnden beslutade den 15 december, § 140",
        KF,
        [("nämnden", "2024-12-15", 140)],
        id="yearless-date-from-meeting",
    ),
    pytest.param(
        "Kommunstyrelsen beslutade vid sitt sammanträde den 3 maj 2022, § 12",
        KF,
        [("kommunstyrelsen", "2022-05-03", 12)],
        id="organ-vid-sitt-sammantrade",
    ),
    pytest.param(
        "enligt beslut i kommunstyrelsen den 5 april 2022",
        KF,
        [("kommunstyrelsen", "2022-04-05", None)],
        id="beslut-i-organ-without-paragraph",
    ),
    pytest.param(
        "Kommunfullmäktige beslutade den 12 maj 2021 att anta planen.",
        KS,
        [("kommunfullmäktige", "2021-05-12", None)],
        id="organ-beslutade-without-paragraph",
    ),
    pytest.param(
        "Miljö- och byggnadsnämndens beslut 2021-06-01, § 88",
        KS,
        [("miljö- och byggnadsnämnden", "2021-06-01", 88)],
        id="shared-compound-organ",
    ),
    pytest.param(
        "Regionstyrelsens protokoll 2019-10-22 § 301",
        KS,
        [("regionstyrelsen", "2019-10-22", 301)],
        id="region-genitive",
    ),
    pytest.param(
        "Regionfullmäktige beslutade 2015-06-17, § 92",
        KS,
        [("regionfullmäktige", "2015-06-17", 92)],
        id="region-fullmaktige",
    ),
    pytest.param(
        "Kommunfullmäktiges valberedning 2023-03-02 § 4",
        KS,
        [("kommunfullmäktiges valberedning", "2023-03-02", 4)],
        id="genitive-organ-beredning",
    ),
    pytest.param("Direktionens beslut 2022-11-11 § 7", KS, [("direktionen", "2022-11-11", 7)], id="direktion-genitive"),
    pytest.param("den 12 maj 2021, § 140", NONE, [(None, "2021-05-12", 140)], id="no-organ-anywhere-no-context"),
    pytest.param(
        "beslutade den 15 december § 3", NONE, [(None, None, 3)], id="yearless-without-context-keeps-paragraph"
    ),
    pytest.param("KF 2023-02-30 § 12", KS, [("kommunfullmäktige", None, 12)], id="impossible-date-keeps-paragraph"),
    pytest.param(
        "Kommunfullmäktige beslutade 2020-10-26, § 88, och kommunstyrelsen 2020-11-04, § 200.",
        KF,
        [("kommunfullmäktige", "2020-10-26", 88), ("kommunstyrelsen", "2020-11-04", 200)],
        id="two-organs-one-sentence",
    ),
    pytest.param(
        "Bordlagt 2024-01-24, § 31 och 2024-02-21, § 80.",
        KS,
        [("kommunstyrelsen", "2024-01-24", 31), ("kommunstyrelsen", "2024-02-21", 80)],
        id="iso-list",
    ),
    pytest.param("den 1:a mars 2022, § 4", KS, [("kommunstyrelsen", "2022-03-01", 4)], id="ordinal-suffix-day"),
    pytest.param("den 3 dec. 2019, § 4", KS, [("kommunstyrelsen", "2019-12-03", 4)], id="abbreviated-month-dot"),
    pytest.param("Den 3 DECEMBER 2019, § 4", KS, [("kommunstyrelsen", "2019-12-03", 4)], id="upper-case-month"),
    pytest.param("§§ 3-4, den 2 maj 2019", KS, [], id="paragraph-first-needs-single-paragraph"),
    pytest.param("§ 3, 2019-05-02", KS, [("kommunstyrelsen", "2019-05-02", 3)], id="paragraph-first-iso"),
]

MONTHS = load("dates")["months"]
FOUND += [
    pytest.param(f"den 5 {name} 2023, § 12", KS, [("kommunstyrelsen", f"2023-{number:02d}-05", 12)], id=f"month-{name}")
    for name, number in {**MONTHS["names"], **MONTHS["abbreviations"]}.items()
]
FOUND += [
    pytest.param(f"{abbr} 2019-12-10 § 234", NONE, [(organ, "2019-12-10", 234)], id=f"abbreviation-{abbr}")
    for abbr, organ in load("organs")["abbreviations"].items()
]
ORGAN_FORMS = {
    "Kommunfullmäktige": "kommunfullmäktige",
    "Kommunfullmäktiges": "kommunfullmäktige",
    "Kommunstyrelsen": "kommunstyrelsen",
    "Kommunstyrelsens": "kommunstyrelsen",
    "Arbetsutskottet": "arbetsutskottet",
    "Arbetsutskottets": "arbetsutskottet",
    "Regionstyrelsens": "regionstyrelsen",
    "Socialnämnden": "socialnämnden",
    "Socialnämndens": "socialnämnden",
    "Stadsbyggnadsnämndens": "stadsbyggnadsnämnden",
    "Barn- och utbildningsnämndens": "barn- och utbildningsnämnden",
    "Regionala utvecklingsnämndens": "regionala utvecklingsnämnden",
    "Kommunstyrelsens arbetsutskott": "kommunstyrelsens arbetsutskott",
    "Kommunstyrelsens personalutskotts": "kommunstyrelsens personalutskott",
    "Tekniska nämnden": "tekniska nämnden",
    "Valberedningen": "valberedningen",
    "Presidiet": "presidiet",
    "Nämnden": "nämnden",
    "Styrelsens": "styrelsen",
}
FOUND += [
    pytest.param(f"{form} beslut 2021-03-04, § 5", KF, [(organ, "2021-03-04", 5)], id=f"organ-form-{form}")
    for form, organ in ORGAN_FORMS.items()
]
# An organ ending in "-den" right before the date: its end is no article ("den 2021-03-04").
FOUND += [
    pytest.param(f"{form} 2021-03-04, § 5", KF, [(organ, "2021-03-04", 5)], id=f"organ-right-before-date-{form}")
    for form, organ in ORGAN_FORMS.items()
]


@pytest.mark.parametrize(("text", "ctx", "expected"), FOUND)
def test_found(text: str, ctx: Context, expected: list[Triple]) -> None:
    refs = find_references(text, ctx=ctx)
    assert triples(refs) == expected
    for ref in refs:
        assert text[ref.span[0] : ref.span[1]] == ref.text


NOT_FOUND = [
    pytest.param("den 15 december", id="neg-bare-date"),
    pytest.param("Länsstyrelsens beslut 2022-06-30 om fördelning av mandat", id="neg-outside-authority-no-paragraph"),
    pytest.param("Länsstyrelsen, beslut 2018-02-12 om tillstånd till kameraövervakning", id="neg-outside-authority-comma"),
    pytest.param("2024-01-10", id="neg-bare-iso-date"),
    pytest.param("Ärendet bordläggs till sammanträdet den 25 september 2024.", id="neg-future-meeting"),
    pytest.param("till nämndens sammanträde den 12 oktober ta fram ett underlag", id="neg-meeting-date"),
    pytest.param("Kommunfullmäktige den 7 december 2023", id="neg-organ-date-no-decision-word"),
    pytest.param("i kommunstyrelsen den 14 mars 2022 och föreslår", id="neg-yrkande-in-organ"),
    pytest.param("Nämnden tillstyrker förvaltningens förslag den 9 juni 2021", id="neg-forslag-date"),
    pytest.param("6 kap. 37 § kommunallagen (2017:725)", id="neg-law-chapter-section"),
    pytest.param("enligt 5 kap 50 § kommunallagen", id="neg-law-no-full-stop"),
    pytest.param("19 § förvaltningslagen", id="neg-law-section"),
    pytest.param("§ 32", id="neg-lone-paragraph"),
    pytest.param("§ 301 Ärendenummer SLK-2024-00078", id="neg-paragraph-heading"),
    pytest.param("§ 3 0509/23", id="neg-paragraph-heading-old-dnr"),
    pytest.param("§ 22, att utreda möjligheterna", id="neg-wrapped-quote"),
    pytest.param("Protokoll nr 7\nSammanträdesdatum: 2024-08-22", id="neg-running-head"),
    pytest.param(
        "Protokoll nr 4\nSammanträdesdatum: 2022-05-12\n\n§ 88 Ärendenummer SLK-2022-00123",
        id="neg-running-head-above-paragraph-heading",
    ),
    pytest.param("KF Handling 2024 nr 155", id="neg-kf-handling"),
    pytest.param("Handling 2023 nr 236.", id="neg-handling-number"),
    pytest.param("SLK-2024-00078", id="neg-case-number"),
    pytest.param("RUN/516/2020", id="neg-case-number-slash"),
    pytest.param("SFS 2017:725", id="neg-sfs"),
    pytest.param("(SOU 2024:25)", id="neg-sou"),
    pytest.param("klockan 14:00", id="neg-time"),
    pytest.param("Paragrafer 26 -- 38", id="neg-paragraph-range-header"),
    pytest.param("Motionerna under paragraferna 12-19 bordläggs.", id="neg-paragrafer-prose"),
    pytest.param("Paragraf 418, Ansökan om bidrag till föreningar", id="neg-paragraf-word"),
    pytest.param("tiden från och med den 1 mars 2022 till och med den 30 juni 2022", id="neg-date-range"),
    pytest.param("Budget 2024 § 5", id="neg-year-paragraph"),
    pytest.param("1 § andra stycket", id="neg-section-stycke"),
    pytest.param("Beslut\n\nAntecknas.", id="neg-decision-word-no-date"),
    pytest.param("Kommunstyrelsens protokoll", id="neg-protokoll-no-date"),
    pytest.param("Dom den 2 maj 2022 i mål P 512-21", id="neg-court-judgment"),
    pytest.param("upprättad 2021-10-05 och reviderad den 2022-01-18", id="neg-upprattad-reviderad"),
    pytest.param("", id="neg-empty"),
    pytest.param("§", id="neg-paragraph-sign-only"),
    pytest.param("§ 99999999", id="neg-huge-number"),
    pytest.param("den 45 december 2023, § 4 ", id="neg-day-out-of-range-not-a-date"),
    pytest.param("12 maj 20233 § 4", id="neg-five-digit-year"),
    pytest.param("Protokoll 2021:4", id="neg-protokoll-report-number"),
    pytest.param("Yttrande över remissen (SOU 2024:21) den 5 maj", id="neg-sou-date"),
    pytest.param("den 7 december 2023 kl. 14.00", id="neg-date-time"),
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_found(text: str) -> None:
    assert find_references(text, ctx=KS) == []


def test_spans_are_absolute_within_bounds() -> None:
    prefix = "Tidigare behandling\n"
    body = "Bordlagt den 23 november 2023, § 68 och den 7 december 2023, § 100."
    suffix = "\nKommunfullmäktige beslutade 2020-10-26, § 88"
    text = prefix + body + suffix
    refs = find_references(text, len(prefix), len(prefix) + len(body), KS)
    assert [ref.paragraph for ref in refs] == [68, 100]
    for ref in refs:
        assert len(prefix) <= ref.span[0] < ref.span[1] <= len(prefix) + len(body)
        assert text[ref.span[0] : ref.span[1]] == ref.text


def test_context_abbreviation_wins_over_vocabulary() -> None:
    ctx = Context(abbreviations={"SBN": "stadsbyggnadsnämnden"})
    assert triples(find_references("SBN 2023-05-04 § 9", ctx=ctx)) == [("stadsbyggnadsnämnden", "2023-05-04", 9)]


def test_year_of_slash_form() -> None:
    (ref,) = find_references("KF § 47/2011", ctx=KS)
    assert (ref.year, ref.date, ref.text) == (2011, None, "KF § 47/2011")


def test_mention_text_starts_at_the_organ() -> None:
    (ref,) = find_references("Enligt Kommunfullmäktiges beslut från den 11 december 2025, § 541 upphävs.", ctx=KS)
    assert ref.text == "Kommunfullmäktiges beslut från den 11 december 2025, § 541"


def test_corpus_earlier_treatment_lines(corpus_docs: list[Path]) -> None:
    """Every `den D månad ÅÅÅÅ, § N` in a "Tidigare behandling" section is one reference."""
    pair = regex.compile(r"\d{1,2} [a-zåäö]+ \d{4},?\s*§\s*\d+")
    checked = 0
    for path in corpus_docs:
        text = path.read_text(encoding="utf-8")
        for section in regex.finditer(r"(?m)^Tidigare behandling\n+((?:.+\n)+)", text):
            found = find_references(text, section.start(1), section.end(1), KS)
            assert len(found) == len(pair.findall(section[1])), section[1]
            assert all(ref.date and ref.paragraph for ref in found)
            checked += 1
    assert checked > 150


def test_corpus_paragraph_headings_are_no_references(corpus_docs: list[Path]) -> None:
    for path in corpus_docs:
        text = path.read_text(encoding="utf-8")
        heads = [m.start() for m in regex.finditer(r"(?m)^§ ?\d+(?: Ärendenummer| \d+/\d\d|\n)", text)]
        refs = find_references(text, ctx=KS)
        assert not [(ref.text, head) for ref in refs for head in heads if ref.span[0] <= head < ref.span[1]], path.name


@given(st.text(alphabet=st.sampled_from(list("§0123456789 -,.:/denmajKFSrosbluti\n")), max_size=120))
def test_never_raises(text: str) -> None:
    for ref in find_references(text, ctx=KF):
        assert 0 <= ref.span[0] < ref.span[1] <= len(text)
