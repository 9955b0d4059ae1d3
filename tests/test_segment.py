"""Segmentation: § heading forms, false positives, titles, sections, decisions without headings."""

from __future__ import annotations

import pytest
import regex

import beslutsparser
from beslutsparser import segment
from beslutsparser.extract.case_numbers import find_own_case_numbers
from beslutsparser.headings import find_roll_call_title, heading_kind, line_matches
from conftest import validate


def one(text: str) -> beslutsparser.Decision:
    record = beslutsparser.parse_text(text)
    validate(record)
    assert len(record.decisions) == 1, [d.paragraph for d in record.decisions]
    return record.decisions[0]


@pytest.mark.parametrize(
    ("text", "paragraph", "title", "dnr"),
    [
        pytest.param("§ 12 Anmälan av motioner\n\nBeslut\n\nAnmäls.", 12, "Anmälan av motioner", [], id="title-same-line"),
        pytest.param("§63 Anmälan av motioner\n\nBeslut\n\nAnmäls.", 63, "Anmälan av motioner", [], id="no-space-tyreso"),
        pytest.param("§ 12 – Anmälan av motioner\n\nBeslut\n\nAnmäls.", 12, "Anmälan av motioner", [],
                     id="dash-between-number-and-title"),
        pytest.param("§120\n\nMål och prioriteringar (RUN/516/2020)\n\nBeslut\n\nX.", 120, "Mål och prioriteringar",
                     ["RUN/516/2020"], id="dnr-in-parentheses-after-title"),
        pytest.param("§ 301 Ärendenummer SLK-2024-00078\nBestämmande av tid för justering\nBeslut\n\nX.", 301,
                     "Bestämmande av tid för justering", ["SLK-2024-00078"], id="arendenummer-label-goteborg"),
        pytest.param("§ 3 0509/23\nInterpellation om skolan\nBeslut\n\nX.", 3, "Interpellation om skolan", ["0509/23"],
                     id="bare-old-style-dnr"),
        pytest.param("§ 162            Diarienummer 00322/2026\nÖversyn av taxor\n\nBeslut\n\nX.", 162, "Översyn av taxor",
                     ["00322/2026"], id="dnr-far-right-molndal"),
        pytest.param("§ 45 Budget 2022          Dnr KS 2020/0412\n\nBeslut\n\nX.", 45, "Budget 2022", ["KS 2020/0412"],
                     id="title-then-dnr-far-right"),
        pytest.param("§ 45\nDnr KS 2020/0412\nBudget 2022\n\nBeslut\n\nX.", 45, "Budget 2022", ["KS 2020/0412"],
                     id="dnr-own-line-before-title"),
        pytest.param("§ 12 Budget 2025, KS 2024/123\n\nBeslut\n\nX.", 12, "Budget 2025", ["KS 2024/123"],
                     id="dnr-after-comma-ends-the-paragraph-line"),
        pytest.param("§ 45 Budget 2022        KS 2020/0412\n\nBeslut\n\nX.", 45, "Budget 2022", ["KS 2020/0412"],
                     id="unlabelled-dnr-far-right"),
        pytest.param("§ 12 Avtal om drift, 2024/25\n\nBeslut\n\nX.", 12, "Avtal om drift, 2024/25", [],
                     id="neg-budget-year-after-comma"),
        pytest.param("§ 45\nBudget 2022\nDiarienummer: RS/1288/2019\n\nBeslut\n\nX.", 45, "Budget 2022", ["RS/1288/2019"],
                     id="dnr-own-line-after-title"),
        pytest.param("§ 45\nBudget 2022\nDnr KS 2020/0412\nBeslut\n\nX.", 45, "Budget 2022", ["KS 2020/0412"],
                     id="dnr-own-line-between-title-and-decision-heading"),
        pytest.param("Protokoll\n\n§ 12.\nVal av ombud\nDnr KS 2024/13\n\nBeslut\n\nX.", 12, "Val av ombud",
                     ["KS 2024/13"], id="number-and-full-stop-alone-after-blank-line"),
        pytest.param("§ 1 Ärendenummer\n\nBestämmande av tid för justering\nBeslut\n\nX.", 1,
                     "Bestämmande av tid för justering", [], id="empty-dnr-label-page-break"),
        pytest.param("§ 7 Dnr. 2011/KS 0206 001\nMotion om cykelvägar\n\nBeslut\n\nX.", 7, "Motion om cykelvägar",
                     ["2011/KS 0206 001"], id="tyreso-year-first-dnr"),
        pytest.param("§ 321 Ärendenummer SLK-2024-00855\n\nMotion av Emma Ek (SD) om att revidera\nGöteborgs Stads policy "
                     "för måltider i linje med\nkommunens måltidspolicy\nBeslut\n\nX.", 321,
                     "Motion av Emma Ek (SD) om att revidera Göteborgs Stads policy för måltider i linje med kommunens "
                     "måltidspolicy", ["SLK-2024-00855"], id="title-wrapped-to-decision-heading"),
        pytest.param("§ 2\nAnmälan av beslut att utse Alejandro Del\nCastillo (V) till ersättare i stället för\n"
                     "Kim Lund (V)\nLänsstyrelsen har den 26 juni 2024 beslutat utse Alejandro Del Castillo (V) till ny\n"
                     "ersättare.\n\nBeslut\n\nAntecknas.", 2,
                     "Anmälan av beslut att utse Alejandro Del Castillo (V) till ersättare i stället för Kim Lund (V)", [],
                     id="title-wrapped-then-unheaded-prose"),
    ],
)
def test_paragraph_heading_forms(text: str, paragraph: int, title: str, dnr: list[str]) -> None:
    d = one(text)
    assert (d.paragraph, d.title, [c.normalized for c in d.case_numbers]) == (paragraph, title, dnr)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("§ 32, den 29 februari 2024, § 84, den 21 mars 2024,", id="neg-wrapped-cross-reference"),
        pytest.param("§ 22, att utreda möjligheterna", id="neg-quoted-earlier-decision"),
        pytest.param("§ 924.", id="neg-cross-reference-end"),
        pytest.param("§ 92 med tillhörande handlingar.", id="neg-lowercase-continuation"),
        pytest.param("§§ 23–27", id="neg-paragraph-list"),
        pytest.param("§ 12 Budget 2022 ....... 5", id="neg-toc-dot-leaders"),
        pytest.param("§ 270 punkt 1 till kommunstyrelsen", id="neg-punkt"),
        pytest.param("§ 12 - 14 och 16", id="neg-dash-range-of-paragraphs"),
        pytest.param("§ 32 – den 29 februari 2024", id="neg-dash-then-lower-case"),
    ],
)
def test_not_a_paragraph(line: str) -> None:
    text = f"§ 5 Dnr KS 2024/1\nTitel\n\nTidigare behandling\n\nBordlagt den 23 november 2023, § 68, den\n{line}\n\nBeslut\n\nX."
    assert one(text).paragraph == 5


def test_vote_appendix_is_not_part_of_the_last_paragraph() -> None:
    text = ("§ 9 Dnr KS 2024/9\nTitel\n\nBeslut\n\nBifall.\n\nBilaga 1\n\nPlats\n\nLedamot\n\n1\n\nParti\n\n"
            "§ 10 fel\n")
    record = beslutsparser.parse_text(text)
    assert [d.paragraph for d in record.decisions] == [9]
    assert record.decisions[0].decision == "Bifall."


def test_skipped_paragraph_numbers_warn() -> None:
    text = "§ 1 Dnr KS 2024/1\nEtt\n\nBeslut\n\nA.\n\n§ 2 Dnr KS 2024/2\nTvå\n\nBeslut\n\nB.\n\n§ 5 Dnr KS 2024/5\nFem\n\nBeslut\n\nC."
    record = beslutsparser.parse_text(text)
    assert [d.paragraph for d in record.decisions] == [1, 2, 5]
    gaps = [w for w in record.warnings if w.code == "paragraph-gap"]
    assert len(gaps) == 1 and "3–4" in gaps[0].message


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        pytest.param("Sammanfattning", "sammanfattning", id="sammanfattning"),
        pytest.param("Sammanfattning av ärendet", "sammanfattning", id="sammanfattning-av-arendet"),
        pytest.param("Ärendebeskrivning", "sammanfattning", id="arendebeskrivning"),
        pytest.param("Bakgrund:", "sammanfattning", id="bakgrund-colon"),
        pytest.param("Förslag till beslut", "forslag_till_beslut", id="forslag-till-beslut"),
        pytest.param("Förvaltningens förslag till beslut", "forslag_till_beslut", id="forvaltningens-forslag"),
        pytest.param("Arbetsutskottets förslag", "forslag_till_beslut", id="arbetsutskottets-forslag"),
        pytest.param("Kommunstyrelsens förslag till kommunfullmäktige", "forslag_till_beslut", id="ks-forslag-till-kf"),
        pytest.param("Yrkanden", "yrkanden", id="yrkanden"),
        pytest.param("Förslag under sammanträdet", "yrkanden", id="forslag-under-sammantradet"),
        pytest.param("Propositionsordning", "beslutsgang", id="propositionsordning"),
        pytest.param("Ärendets behandling", "beslutsgang", id="arendets-behandling"),
        pytest.param("Omröstning begärs", "omrostning", id="omrostning-begars"),
        pytest.param("Huvudvotering", "omrostning", id="huvudvotering"),
        pytest.param("Omröstning - Huvudvotering", "omrostning", id="compound-dash"),
        pytest.param("BESLUT", "beslut", id="upper-case"),
        pytest.param("Kommunstyrelsens beslut", "beslut", id="organ-beslut"),
        pytest.param("Regionala utvecklingsnämndens beslut", "beslut", id="adjective-organ-beslut"),
        pytest.param("Kommunstyrelsens arbetsutskotts förslag", "forslag_till_beslut", id="committee-of-organ-forslag"),
        pytest.param("Regionstyrelsens arbetsutskotts beslut", "beslut", id="committee-of-organ-beslut"),
        pytest.param("Nämndens beslut", "beslut", id="namndens-beslut"),
        pytest.param("Reservation", "reservationer", id="reservation"),
        pytest.param("Reservationer", "reservationer", id="reservationer"),
        pytest.param("Protokollsanteckning", "protokollsanteckningar", id="protokollsanteckning"),
        pytest.param("Särskilt yttrande", "sarskilt_yttrande", id="sarskilt-yttrande"),
        pytest.param("Jäv", "jav", id="jav"),
        pytest.param("Expedieras till", "expedieras_till", id="expedieras-till"),
        pytest.param("Protokollsutdrag skickas till", "expedieras_till", id="protokollsutdrag-skickas-till"),
        pytest.param("Beslutet ska skickas till", "expedieras_till", id="beslutet-ska-skickas-till-hoor"),
        pytest.param("Sändlista", "expedieras_till", id="sandlista"),
        pytest.param("Beslutsunderlag", "beslutsunderlag", id="beslutsunderlag"),
        pytest.param("Handlingar", "beslutsunderlag", id="handlingar"),
        pytest.param("Tidigare behandling", "tidigare_behandling", id="tidigare-behandling"),
        pytest.param("Skäl för beslutet", "motivering", id="skal-for-beslutet"),
        pytest.param("Hur man överklagar", "overklagande", id="hur-man-overklagar"),
        pytest.param("Enligt kommunstyrelsens förslag:", None, id="neg-enligt-forslag"),
        pytest.param("kommunstyrelsens förslag.", None, id="neg-lowercase-fragment"),
        pytest.param("Beslutet fattades enhälligt.", None, id="neg-sentence"),
    ],
)
def test_heading_vocabulary(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_sections_in_order_unknown_heading_kept_decision_first_layout() -> None:
    text = ("§ 4 Dnr KS 2024/4\nDetaljplan för Rya\nBeslut\n\nPlanen antas.\n\nÄrendet\n\nPlanen har varit på samråd.\n\n"
            "Information\n\nOrdföranden informerar.\n\nProtokollsutdrag skickas till\nStadsbyggnadsnämnden\nLantmäteriet\n")
    d = one(text)
    assert [(s.kind, s.heading) for s in d.sections] == [
        ("beslut", "Beslut"), ("sammanfattning", "Ärendet"), ("ovrigt", "Information"),
        ("expedieras_till", "Protokollsutdrag skickas till"),
    ]
    assert d.decision == "Planen antas."
    assert d.recipients == ["Stadsbyggnadsnämnden", "Lantmäteriet"]


def test_sections_when_several_items_repeat_the_same_headings() -> None:
    # The same heading lines in several §§ ("Beslut", "Justering"): each § gets only the sections in its own span.
    text = ("§ 1 Budget 2025\n\nBeslut\n\nBudgeten antas.\n\nJustering\n\nIngen.\n\n"
            "§ 2 Taxor 2025\n\nBeslut: Taxorna antas.\n\nJustering\n\nOrdföranden justerar.\n\n"
            "§ 3 Avgifter\n\nBeslut\n\nAvgifterna antas.\n")
    decisions = beslutsparser.parse_text(text).decisions
    assert [[(s.kind, s.heading) for s in d.sections] for d in decisions] == [
        [("beslut", "Beslut"), ("ovrigt", "Justering")],
        [("beslut", "Beslut"), ("ovrigt", "Justering")],
        [("beslut", "Beslut")],
    ]
    assert [d.decision for d in decisions] == ["Budgeten antas.", "Taxorna antas.", "Avgifterna antas."]


@pytest.mark.parametrize(
    ("body", "decision"),
    [
        pytest.param("Ett förslag har tagits fram.\n\nKommunstyrelsen beslutar att anta planen.",
                     "Kommunstyrelsen beslutar att anta planen.", id="no-headings-beslutar-att"),
        pytest.param("Ärendet har beretts.\n\nARBETSUTSKOTTET BESLUTAR att godkänna redovisningen.",
                     "ARBETSUTSKOTTET BESLUTAR att godkänna redovisningen.", id="upper-case-formula-vilhelmina"),
        pytest.param("Miljö- och byggnadsnämnden beslutade att bevilja bygglov.",
                     "Miljö- och byggnadsnämnden beslutade att bevilja bygglov.", id="prose-beslutade-hultsfred"),
    ],
)
def test_decision_without_headings(body: str, decision: str) -> None:
    d = one(f"§ 8 Dnr KS 2024/8\nBygglov för förskola\n\n{body}\n")
    assert d.decision == decision
    assert [s.kind for s in d.sections] == ["beslut"]


@pytest.mark.parametrize(
    ("body", "items"),
    [
        pytest.param("Expedieras till\n- Ekonomikontoret\n- Kansliet", ["Ekonomikontoret", "Kansliet"], id="bulleted"),
        pytest.param("Beslutet skickas till\nEkonomikontoret, Kansliet och Miljö- och byggnämnden",
                     ["Ekonomikontoret", "Kansliet", "Miljö- och byggnämnden"], id="comma-joined-mullsjo"),
        pytest.param("Expedieras till:\n• Socialnämnden\n• Revisorerna", ["Socialnämnden", "Revisorerna"], id="dot-bullets"),
        pytest.param("Expedieras till: Ekonomikontoret, Kansliet", ["Ekonomikontoret", "Kansliet"], id="inline-heading"),
        pytest.param("Beslutet skickas till\nEkonomienheten och Revisorerna", ["Ekonomienheten", "Revisorerna"],
                     id="och-joined-without-commas"),
        pytest.param("Expedieras till\nVård och omsorg\nKultur- och fritidsnämnden\nArkivnämnden för Västra "
                     "Götalandsregionen och Göteborgs Stad", ["Vård och omsorg", "Kultur- och fritidsnämnden",
                     "Arkivnämnden för Västra Götalandsregionen och Göteborgs Stad"], id="neg-och-inside-a-name"),
    ],
)
def test_recipient_lists(body: str, items: list[str]) -> None:
    d = one(f"§ 2 Dnr KS 2024/2\nTitel\n\nBeslut\n\nGodkänns.\n\n{body}\n")
    assert d.recipients == items


def test_documents_item_wrapped_before_its_year() -> None:
    d = one("§ 2 Dnr KS 2024/2\nTitel\n\nBeslut\n\nGodkänns.\n\nHandlingar\n\n"
            "Stadsledningskontorets tjänsteutlåtande den 5 februari\n2024.\n2023 nr 190.\n")
    assert d.documents == ["Stadsledningskontorets tjänsteutlåtande den 5 februari 2024.", "2023 nr 190."]


def test_documents_one_a_line_wrapped_item_joined() -> None:
    d = one("§ 2 Dnr KS 2024/2\nTitel\n\nBeslut\n\nGodkänns.\n\nHandlingar\n\n"
            "Protokollsutdrag från kommunfullmäktige den 7 december 2023 § 92 med tillhörande\nhandlingar.\n"
            "Yrkande från SD den 8 januari 2024.\n")
    assert d.documents == ["Protokollsutdrag från kommunfullmäktige den 7 december 2023 § 92 med tillhörande handlingar.",
                           "Yrkande från SD den 8 januari 2024."]


def test_numbered_decision_points_kept() -> None:
    d = one("§ 140 Ärendenummer SLK-2025-00007\nFörordnande\nBeslut\n\n1. Petra Elf förordnas.\n2. Lön fastställs.\n")
    assert d.decision == "1. Petra Elf förordnas.\n2. Lön fastställs."


@pytest.mark.parametrize("hint", [regex.compile("§"), segment._PARAGRAPH_HINT], ids=["literal", "line-opening"])
@pytest.mark.parametrize(("pos", "endpos"), [(0, None), (3, None), (8, None), (0, 40), (9, 61)])
def test_line_matches_is_finditer(pos: int, endpos: int | None, hint: regex.Pattern[str]) -> None:
    # the fast scan (literal hint, then the line) finds what the ^-anchored pattern finds
    text = "§ 1 Val\nse § 2\n  § 3 § 4 Budget\n§§ 5\n§ 6\n\n\t§ 7 Taxor\nslut § 8"
    pattern = regex.compile(r"(?m)^[ \t]*§[ \t]*(\d{1,4})(?![\d§])(.*)$")
    stop = len(text) if endpos is None else endpos
    want = [m.span() for m in pattern.finditer(text, pos, stop)]
    assert [m.span() for m in line_matches(pattern, hint, text, pos, endpos)] == want


def test_own_case_numbers_of_lines_searched_together_as_alone() -> None:
    # one search over the § lines joined finds in each what a search of the line alone finds
    lines = [
        "§ 1 Ärendenummer", "SLK-2024-00078 Budget", "§ 2 Dnr", "KS 2020/0412", "§ 3 0509/23",
        "§ 4 Budget 2025, KS 2024/123", "§ 5 Plan (RUN/516/2020)", "§ 6 Dnr KS 2019/12,", "KS 2019/45",
        "KSKF/2014:1  235  Val", "§ 7 Budget 2022        Dnr KS 2020/0412", "§ 8 Diarienummer:", "", "§ 9 Ks 725/2011",
    ]
    alone = [[c.span for c in find_own_case_numbers(line, 0, len(line))] for line in lines]
    assert segment._own_spans(lines) == alone
    assert any(alone)


def test_roll_call_title_found_after_pos() -> None:
    text = "Voteringslista 1\nText om omröstningslista nr 2\nOmröstningslista nr. 3\nVoteringslista 4\n"
    assert find_roll_call_title(text) == 0
    assert find_roll_call_title(text, 1) == text.index("Omröstningslista nr. 3")
    assert find_roll_call_title(text, text.index("Voteringslista 4")) == text.index("Voteringslista 4")
    assert find_roll_call_title("Ingen lista här") is None


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param("KSKF/2014:1  235  Val till kommunala uppdrag", "KSKF/2014:12  236  Budget 2015",
                     [(235, "Val till kommunala uppdrag", ["KSKF/2014:1"]), (236, "Budget 2015", ["KSKF/2014:12"])],
                     id="dnr-before-number-eskilstuna"),
        pytest.param("24 Dnr KS 2018/14\nÄndring av sammanträdesdagar", "25 Dnr KS 2017/188\nMedborgarförslag om belysning",
                     [(24, "Ändring av sammanträdesdagar", ["KS 2018/14"]),
                      (25, "Medborgarförslag om belysning", ["KS 2017/188"])], id="number-then-dnr-no-glyph-docplayer"),
        pytest.param("Sn 50 Au 84 Sn 34 Au 57          Dnr 2016/112\n\nRiktlinjer för försörjningsstöd",
                     "Sn 51 Au 86          Dnr 2016/120\n\nYttrande till IVO",
                     [(50, "Riktlinjer för försörjningsstöd", ["2016/112"]), (51, "Yttrande till IVO", ["2016/120"])],
                     id="organ-id-with-chain-of-earlier-treatments-vilhelmina"),
        pytest.param("§120 Mål och prioriteringar för regional utveckling\n(RUN/516/2020)", "§121 Budget (SÄN/2012:3)",
                     [(120, "Mål och prioriteringar för regional utveckling", ["RUN/516/2020"]),
                      (121, "Budget", ["SÄN/2012:3"])], id="dnr-in-parentheses-on-the-next-line"),
        pytest.param("para 305 Budget 2019", "para 306 Taxor 2019", [(305, "Budget 2019", []), (306, "Taxor 2019", [])],
                     id="ocr-para-for-the-glyph-lund"),
        pytest.param("Paragraf 45 Budget", "Paragraf 46 Taxor", [(45, "Budget", []), (46, "Taxor", [])],
                     id="paragraf-written-out"),
        pytest.param("§ 5 Budget\nDnr 2016/112", "§ 6 Taxa\nDnr 2016/113",
                     [(5, "Budget", ["2016/112"]), (6, "Taxa", ["2016/113"])], id="labelled-year-serial-dnr-own-line"),
    ],
)
def test_item_lines_without_the_usual_paragraph_glyph(first: str, second: str,
                                                      expected: list[tuple[int, str, list[str]]]) -> None:
    text = f"Kommunstyrelsen\nSammanträdesdatum 2016-03-14\n\n{first}\n\nBeslut\nX.\n\n{second}\n\nBeslut\nY.\n"
    record = beslutsparser.parse_text(text, actors="off")
    validate(record)
    assert [(d.paragraph, d.title, [c.normalized for c in d.case_numbers]) for d in record.decisions] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kommunstyrelsen\n\n2019 Budget för året\n\nText.\n\n2020 Budget för nästa år\n\nText.\n",
                     id="neg-years-are-no-item-numbers"),
        pytest.param("Kommunstyrelsen\n\nKS 2018/14 12 ledamöter närvarade.\n\nKS 2018/15 9 ledamöter röstade.\n",
                     id="neg-dnr-then-count-in-prose"),
        pytest.param("Kommunstyrelsen\n\n24 Dnr KS 2018/14\n\nText.\n\n23 Dnr KS 2018/15\n\nText.\n",
                     id="neg-numbers-not-rising"),
    ],
)
def test_no_items_from_numbered_lines_that_are_not_items(text: str) -> None:
    assert beslutsparser.parse_text(text, actors="off").decisions == []


def test_proposal_worded_as_a_decision_is_not_the_decision() -> None:
    d = one("§ 8 Dnr KS 2024/8\nBudget\n\nFörslag till beslut\nArbetsutskottet föreslår att anta budgeten.\n\n"
            "KOMMUNSTYRELSEN BESLUTAR att anta budgeten.\n")
    assert d.decision == "KOMMUNSTYRELSEN BESLUTAR att anta budgeten."
    assert [s.kind for s in d.sections] == ["forslag_till_beslut", "beslut"]
