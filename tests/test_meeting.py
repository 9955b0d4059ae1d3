"""The meeting header: layouts read field by field, and the forms of each field.

Every header below is written for these tests (names and places invented), after the
layouts described in ../shared/corpus/FORMATS.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beslutsparser.extract import Context
from beslutsparser.extract.dates import find_dates_with_warnings
from beslutsparser.extract.meeting import (
    _find_dates,
    find_signature_block,
    header_day_and_organ,
    header_meeting_date,
    parse_header,
)
from beslutsparser.model import Meeting, Warning
from conftest import CORPUS_DOCS, CORPUS_GOLD

# Classic grid as `pdftotext -layout` prints it, with the ANSLAG/BEVIS notice (Kramfors style).
GRID = """\
KRAMFORS KOMMUN                      SAMMANTRÄDESPROTOKOLL
Kommunstyrelsens arbetsutskott       Sammanträdesdatum 2018-03-20

Plats och tid            Kommunhuset, Kramfors, kl. 13.00–16.30
Beslutande ledamöter     Anders Olsson (S), ordförande
                         Eva Berg (M), 1:e vice ordförande
                         Per Ek (C) tjänstgörande ersättare för Lars Lind (C)
Ej beslutande ersättare  Lisa Holm (V)
Övriga närvarande        Malin Thorsell, nämndsekreterare
                         Karl Nilsson, kommundirektör
Justerare                Eva Berg
Justeringens plats och tid   Kommunhuset, Kramfors 2018-03-27
Underskrifter   Sekreterare   ..............................   Paragrafer 26 -- 38
                              Malin Thorsell
                Ordförande    ..............................
                              Anders Olsson
                Justerare     ..............................
                              Eva Berg

ANSLAG/BEVIS
Protokollet är justerat. Justeringen har tillkännagivits genom anslag.
Organ                         Kommunstyrelsens arbetsutskott
Sammanträdesdatum             2018-03-20
Datum för anslags uppsättande 2018-03-29   Datum för anslags nedtagande 2018-04-20
Förvaringsplats för protokollet   Kommunkansliet, Kramfors
Sista datum för överklagande  2018-04-19
"""

# Region Västerbotten: Sammanträdestid/-plats, attendance elsewhere, digital justering, BEVIS OM ANSLAG.
REGION = """\
Region Västerbotten
Regionala utvecklingsnämnden
Sammanträdestid: 2021-02-02 kl. 09.00–12.00
Sammanträdesplats: Regionens hus, Umeå
Beslutande: Enligt närvarolista sidan 2
Underskrifter: Genom digital justering
Ordförande: Anna Lindqvist
Sekreterare: Per Sandberg
Justerare: Lisa Öberg
BEVIS OM ANSLAG
Justering har tillkännagivits genom anslag på Region Västerbottens digitala anslagstavla
Myndighet: Regionala utvecklingsnämnden
Sammanträdesdatum: 2021-02-02
Datum då anslaget sätts upp: 2021-02-05
Datum då anslaget tas ned: 2021-02-27
Förvaringsplats för protokollet: Regionens hus, Umeå
"""

# Huddinge head table: Organ / Sammanträdesdag / Tid Klockan 17:00 22:07, BEVIS om justering.
HEAD_TABLE = """\
HUDDINGE KOMMUN
KOMMUNFULLMÄKTIGE SAMMANTRÄDESPROTOKOLL
Organ                 Kommunfullmäktige
Sammanträdesdag       2015-05-11
Tid                   Klockan 17:00 22:07
Plats                 Huddinge kommunhus, fullmäktigesalen
Beslutande            Anna Ek (S), ordförande
                      Bo Ekström (M) (kom 17:20)
                      Gun Åslund (MP) ersätter Tommy Lassila (KD) §§ 51-58
Justerare             Bo Ekström och Gun Åslund
Justeringens tid      18 maj 2015
Justerade paragrafer  45-58
BEVIS om justering av Kommunfullmäktiges protokoll
Den som vill överklaga ett beslut måste göra det senast den 8 juni 2015
"""

# A running prose header, lower-case parties.
PROSE = """\
Protokoll fört vid sammanträde med kommunstyrelsen i Tyresö kommun
tisdagen den 15 mars 2011 kl. 18.00–20.15 i kommunhuset, Tyresö.

Närvarande ledamöter: Anna Ek (s), ordförande, Per Lindh (m), Lisa Berg (c)
Tjänstgörande ersättare: Kalle Ekman (s) för Bo Ekman (s)
Övriga närvarande: Maria Holm, kommundirektör, Sven Åsberg, sekreterare
Justerare: Per Lindh
"""

# A protocol extract: the header on top and the signature block after the §.
EXTRACT = """\
Miljö- och byggnadsnämnden
Sammanträdesdatum 2020-10-14
Paragrafer 112

§ 112 Bygglov

Vid protokollet

Sven Åsberg

Justeras

Anna Ek, ordförande        Per Lindh

Utdraget bestyrks

Sven Åsberg
"""

# Raw pdftotext of a grid: the labels in one run, the values after them (blank-line blocks).
RUN = """\
Kramfors kommun
Kommunstyrelsen
Plats och tid
Beslutande
Övriga närvarande
Utses att justera
Justeringens plats och tid
Kommunhuset, Kramfors, tisdagen den 3 april 2018 kl. 09.00–11.45

Anna Ek (S), ordförande
Per Lindh (M)
*Kalle Ekman (S)

Karin Åsberg, sekreterare

Per Lindh

Kommunkansliet 2018-04-10
"""

# Trollhättan-style grid: attendance in an appendix, an adjournment, year-less adjustment day.
ADJOURNED = """\
Kommunfullmäktige
Plats och tid   Stadshuset, Trollhättan 2019-03-25 13:00-15:45, ajournering 14:30-14:45
Beslutande      Se förteckning bilaga 1
Tid och plats för justering   Stadshuset, den 28 mars kl 10.00
Sekreterare ................ Anna Ek
Anslaget sätts upp / tas ned   2019-04-01 / 2019-04-23
"""

# Raw grid: labels (with the signature box) first, values after, dotted signature lines.
SIGNATURE_RUN = """\
SÖRÅS KOMMUN                    SAMMANTRÄDESPROTOKOLL
Miljö- och byggnadsnämnden      Sammanträdesdatum
                                2006-05-17
Plats och tid för sammanträdet
Beslutande

Övriga deltagare

Utses att justera
Justeringens plats och tid
Underskrifter           Sekreterare

                        Ordförande

                        Justerande

Kommunhuset, sammanträdesrum Ån, kl 13.30-16.45
Sten-Åke Berglund, s, ordförande
Gun Larsson, c, vice ordförande
Kent Wallin, fp
Elvy Nyberg, kd, tjänstgörande ersättare för Lars Johansson, kd
Per Lund, byggnadsinspektör
Eva Sandin, sekreterare
Kent Wallin
Miljökontoret 2006-05-22
Paragrafer 61-68
........................................
Eva Sandin
........................................
Sten-Åke Berglund
........................................
Kent Wallin
"""

# A notice in sentences, the appeal deadline wrapped over two lines.
NOTICE_PROSE = """\
Organ                 Kommunfullmäktige
Sammanträdesdag       2016-04-11
BEVIS om justering av Kommunfullmäktiges protokoll 2016-04-11
Justeringen har tillkännagivits genom anslag den 14 april 2016. Den som vill
överklaga ett beslut måste göra det senast den 6 maj 2016.
Anslaget tas ned den 9 maj 2016.
Protokollet förvaras i kommunkansliet, kommunhuset i Sörås.
"""

# The digital anslagstavla in one sentence, its day at the end (Nykvarn KF style).
NOTICE_DIGITAL = """\
Kommunfullmäktige                               SAMMANTRÄDESPROTOKOLL
Tid och plats          Måndagen den 12 juni 2017 kl. 19.00–21.30, Kommunhuset, Nykvarn
Tid och plats för justering   Kommunhuset 2017-06-15
Justerade paragrafer   45–46
Protokollet är justerat och har tillkännagivits på den digitala anslagstavlan 2017-06-16.
"""

# An attendance table (page 2 of a Region protocol), the label wrapped over two lines.
TABLE = """\
Regionala utvecklingsnämnden
Sammanträdestid 2021-11-30, kl. 09.00–15.30, ajournering kl. 12.00–13.00
Justeringens         Regionkansliet 2021-12-02
plats och tid

Ledamöter                        Parti   Närvaro   Anteckning
Annika Strand, ordförande        S       1
Göran Sjödin                     SD      -         Ersätts av Maja Lund (SD)
Helena Wik                       KD      1

Tjänstgörande ersättare
Maja Lund                        SD      1         Ersätter Göran Sjödin (SD)

Övriga närvarande
Jonas Hellström, regional utvecklingsdirektör
Karolina Ek, enhetschef §131
"""

# The adjustment said in a formalia § (passed in ``more``), Göteborg style, no header page.
ADJUSTING = """\
§ 301 Ärendenummer SLK-2024-00078
Bestämmande av tid för justering
Beslut

Förste vice ordföranden Håkan Ericsson (V) och andre vice ordföranden
Margareta Brodin (M) justerar dagens protokoll tillsammans med ordföranden
Aslan Akin (S) på Stadshuset, Gustaf Adolfs Torg 1, torsdagen den 5 september 2024,
klockan 14:00.
"""

# Extract signatures in columns: the role under each name.
EXTRACT_COLUMNS = """\
Kommunfullmäktige
Sammanträdesdatum 2023-09-25

Justeras

Göran Lindahl                          Birgitta Modin
ordförande                             justerare
"""

LAYOUTS: dict[str, tuple[str, dict[str, Any]]] = {
    "grid-anslag-bevis": (
        GRID,
        {
            "authority": "Kramfors kommun",
            "organ": "Kommunstyrelsens arbetsutskott",
            "date": "2018-03-20",
            "start_time": "13:00",
            "end_time": "16:30",
            "place": "Kommunhuset, Kramfors",
            "chair": "Anders Olsson",
            "secretary": "Malin Thorsell",
            "adjusters": ["Eva Berg"],
            "adjusted_on": "2018-03-27",
            "adjusted_place": "Kommunhuset, Kramfors",
            "posted_on": "2018-03-29",
            "removed_on": "2018-04-20",
            "appeal_deadline": "2018-04-19",
            "kept_at": "Kommunkansliet, Kramfors",
            "paragraphs": "26–38",
            "note": None,
        },
    ),
    "region-digital-justering": (
        REGION,
        {
            "authority": "Region Västerbotten",
            "organ": "Regionala utvecklingsnämnden",
            "date": "2021-02-02",
            "start_time": "09:00",
            "end_time": "12:00",
            "place": "Regionens hus, Umeå",
            "chair": "Anna Lindqvist",
            "secretary": "Per Sandberg",
            "adjusters": ["Lisa Öberg"],
            "adjusted_on": None,
            "posted_on": "2021-02-05",
            "removed_on": "2021-02-27",
            "appeal_deadline": "2021-02-26",
            "kept_at": "Regionens hus, Umeå",
            "paragraphs": None,
            "note": "Genom digital justering",
        },
    ),
    "head-table": (
        HEAD_TABLE,
        {
            "authority": "Huddinge kommun",
            "organ": "Kommunfullmäktige",
            "date": "2015-05-11",
            "start_time": "17:00",
            "end_time": "22:07",
            "place": "Huddinge kommunhus, fullmäktigesalen",
            "chair": "Anna Ek",
            "secretary": None,
            "adjusters": ["Bo Ekström", "Gun Åslund"],
            "adjusted_on": "2015-05-18",
            "posted_on": None,
            "appeal_deadline": "2015-06-08",
            "paragraphs": "45–58",
        },
    ),
    "prose": (
        PROSE,
        {
            "authority": "Tyresö kommun",
            "organ": "Kommunstyrelsen",
            "date": "2011-03-15",
            "start_time": "18:00",
            "end_time": "20:15",
            "place": "kommunhuset, Tyresö",
            "chair": "Anna Ek",
            "secretary": "Sven Åsberg",
            "adjusters": ["Per Lindh"],
            "posted_on": None,
        },
    ),
    "extract-signature-block": (
        EXTRACT,
        {
            "authority": None,
            "organ": "Miljö- och byggnadsnämnden",
            "date": "2020-10-14",
            "paragraphs": "112",
            "chair": "Anna Ek",
            "secretary": "Sven Åsberg",
            "adjusters": ["Per Lindh"],
        },
    ),
    "labels-then-values": (
        RUN,
        {
            "authority": "Kramfors kommun",
            "organ": "Kommunstyrelsen",
            "date": "2018-04-03",
            "start_time": "09:00",
            "end_time": "11:45",
            "place": "Kommunhuset, Kramfors",
            "chair": "Anna Ek",
            "secretary": "Karin Åsberg",
            "adjusters": ["Per Lindh"],
            "adjusted_on": "2018-04-10",
            "adjusted_place": "Kommunkansliet",
        },
    ),
    "adjourned-attendance-elsewhere": (
        ADJOURNED,
        {
            "organ": "Kommunfullmäktige",
            "date": "2019-03-25",
            "start_time": "13:00",
            "end_time": "15:45",
            "note": "ajournering 14:30-14:45",
            "place": "Stadshuset, Trollhättan",
            "secretary": "Anna Ek",
            "adjusted_on": "2019-03-28",
            "adjusted_place": "Stadshuset",
            "posted_on": "2019-04-01",
            "removed_on": "2019-04-23",
            "appeal_deadline": "2019-04-23",
        },
    ),
    "signature-run": (
        SIGNATURE_RUN,
        {
            "authority": "Sörås kommun",
            "organ": "Miljö- och byggnadsnämnden",
            "date": "2006-05-17",
            "start_time": "13:30",
            "end_time": "16:45",
            "place": "Kommunhuset, sammanträdesrum Ån",
            "chair": "Sten-Åke Berglund",
            "secretary": "Eva Sandin",
            "adjusters": ["Kent Wallin"],
            "adjusted_on": "2006-05-22",
            "adjusted_place": "Miljökontoret",
            "paragraphs": "61–68",
        },
    ),
    "notice-prose": (
        NOTICE_PROSE,
        {
            "posted_on": "2016-04-14",
            "removed_on": "2016-05-09",
            "appeal_deadline": "2016-05-06",
            "kept_at": "kommunkansliet, kommunhuset i Sörås",
        },
    ),
    "notice-digital-anslagstavla": (
        NOTICE_DIGITAL,
        {
            "date": "2017-06-12",
            "adjusted_on": "2017-06-15",
            "posted_on": "2017-06-16",
            "appeal_deadline": "2017-07-07",
            "paragraphs": "45–46",
        },
    ),
    "attendance-table": (
        TABLE,
        {
            "organ": "Regionala utvecklingsnämnden",
            "date": "2021-11-30",
            "start_time": "09:00",
            "end_time": "15:30",
            "note": "ajournering kl. 12.00–13.00",
            "adjusted_on": "2021-12-02",
            "adjusted_place": "Regionkansliet",
            "chair": "Annika Strand",
        },
    ),
    "adjustment-paragraph": (
        ADJUSTING,
        {
            "adjusters": ["Håkan Ericsson", "Margareta Brodin"],
            "chair": "Aslan Akin",
            "adjusted_on": "2024-09-05",
            "adjusted_place": "Stadshuset, Gustaf Adolfs Torg 1",
        },
    ),
    "extract-columns": (
        EXTRACT_COLUMNS,
        {"chair": "Göran Lindahl", "adjusters": ["Birgitta Modin"], "date": "2023-09-25"},
    ),
}

ATTENDEES: dict[str, list[tuple[str, str | None, str | None, str | None, str | None]]] = {
    "grid-anslag-bevis": [
        ("Anders Olsson", "S", "ordförande", None, None),
        ("Eva Berg", "M", "vice ordförande", None, None),
        ("Per Ek", "C", "tjänstgörande ersättare", "Lars Lind", None),
        ("Lisa Holm", "V", "ersättare", None, None),
        ("Malin Thorsell", None, "nämndsekreterare", None, None),
        ("Karl Nilsson", None, "kommundirektör", None, None),
    ],
    "region-digital-justering": [],
    "head-table": [
        ("Anna Ek", "S", "ordförande", None, None),
        ("Bo Ekström", "M", "ledamot", None, "kom 17:20"),
        ("Gun Åslund", "MP", "tjänstgörande ersättare", "Tommy Lassila", "§§ 51-58"),
    ],
    "prose": [
        ("Anna Ek", "S", "ordförande", None, None),
        ("Per Lindh", "M", "ledamot", None, None),
        ("Lisa Berg", "C", "ledamot", None, None),
        ("Kalle Ekman", "S", "tjänstgörande ersättare", "Bo Ekman", None),
        ("Maria Holm", None, "kommundirektör", None, None),
        ("Sven Åsberg", None, "sekreterare", None, None),
    ],
    "extract-signature-block": [],
    "labels-then-values": [
        ("Anna Ek", "S", "ordförande", None, None),
        ("Per Lindh", "M", "ledamot", None, None),
        ("Kalle Ekman", "S", "tjänstgörande ersättare", None, None),
        ("Karin Åsberg", None, "sekreterare", None, None),
    ],
    "adjourned-attendance-elsewhere": [],
    "signature-run": [
        ("Sten-Åke Berglund", "S", "ordförande", None, None),
        ("Gun Larsson", "C", "vice ordförande", None, None),
        ("Kent Wallin", "FP", "ledamot", None, None),
        ("Elvy Nyberg", "KD", "tjänstgörande ersättare", "Lars Johansson", None),
        ("Per Lund", None, "byggnadsinspektör", None, None),
        ("Eva Sandin", None, "sekreterare", None, None),
    ],
    "attendance-table": [
        ("Annika Strand", "S", "ordförande", None, None),
        ("Helena Wik", "KD", "ledamot", None, None),
        ("Maja Lund", "SD", "tjänstgörande ersättare", "Göran Sjödin", None),
        ("Jonas Hellström", None, "regional utvecklingsdirektör", None, None),
        ("Karolina Ek", None, "enhetschef", None, "§131"),
    ],
}


def _parse(layout: str) -> tuple[Meeting, list[Warning]]:
    text = LAYOUTS[layout][0]
    if layout == "adjustment-paragraph":
        return parse_header(text, 0, 0, more=[(0, len(text))])
    if layout == "extract-signature-block":
        head_end = text.index("§ 112")
        block = find_signature_block(text, head_end)
        assert block is not None
        return parse_header(text, 0, head_end, more=[block])
    return parse_header(text, 0, len(text))


FIELD_CASES = [
    pytest.param(layout, name, value, id=f"{layout}/{name}")
    for layout, (_, expected) in LAYOUTS.items()
    for name, value in expected.items()
]


@pytest.mark.parametrize(("layout", "name", "expected"), FIELD_CASES)
def test_layout_field(layout: str, name: str, expected: Any) -> None:
    meeting, _ = _parse(layout)
    assert getattr(meeting, name) == expected


@pytest.mark.parametrize("layout", list(ATTENDEES))
def test_layout_attendees(layout: str) -> None:
    meeting, _ = _parse(layout)
    got = [(a.name, a.party, a.role, a.substitute_for, a.presence) for a in meeting.attendees]
    assert got == ATTENDEES[layout]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_attendee_spans_point_at_their_names(layout: str) -> None:
    meeting, _ = _parse(layout)
    text = LAYOUTS[layout][0]
    for a in meeting.attendees:
        assert a.span is not None
        written = text[a.span[0] : a.span[1]]
        assert written.startswith(a.name) or a.name.split()[-1] in written


@pytest.mark.parametrize(
    ("layout", "codes"),
    [
        pytest.param("region-digital-justering", ["attendance-elsewhere"], id="enligt-narvarolista"),
        pytest.param("adjourned-attendance-elsewhere", ["attendance-elsewhere"], id="se-forteckning-bilaga"),
        pytest.param("grid-anslag-bevis", [], id="printed-deadline-agrees"),
        pytest.param("prose", [], id="clean-prose"),
    ],
)
def test_layout_warnings(layout: str, codes: list[str]) -> None:
    _, warnings = _parse(layout)
    assert [w.code for w in warnings] == codes


def test_printed_deadline_that_differs_is_warned() -> None:
    text = "Datum då anslaget sätts upp 2024-03-08\nSista dag för överklagande 2024-03-29\n"
    meeting, warnings = parse_header(text, 0, len(text))
    assert meeting.appeal_deadline == "2024-04-02"
    assert [w.code for w in warnings] == ["appeal-deadline-differs"]
    assert warnings[0].span is not None and text[slice(*warnings[0].span)] == "2024-03-29"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Beslutande: se bilaga 1", "se bilaga 1", id="se-bilaga"),
        pytest.param(
            "Beslutande  Enligt närvarolista sidan 2", "Enligt närvarolista sidan 2", id="enligt-narvarolista"
        ),
        pytest.param("Beslutande Se sid 2", "Se sid 2", id="se-sid"),
        pytest.param("Ledamöter: Enligt särskild närvarolista", "Enligt särskild närvarolista", id="sarskild-lista"),
    ],
)
def test_attendance_elsewhere_is_a_warning_not_a_guess(line: str, expected: str) -> None:
    meeting, warnings = parse_header(line, 0, len(line))
    assert meeting.attendees == []
    assert [w.code for w in warnings] == ["attendance-elsewhere"]
    assert warnings[0].span is not None and line[slice(*warnings[0].span)] == expected


@pytest.mark.parametrize(
    ("line", "start", "end", "note"),
    [
        pytest.param("Plats och tid  Kommunhuset, kl. 13.00–16.30", "13:00", "16:30", None, id="kl-dotted-en-dash"),
        pytest.param("Tid  Klockan 17:00 22:07", "17:00", "22:07", None, id="klockan-two-times"),
        pytest.param(
            "Tid: 13:00-15:45, ajournering 14:30-14:45", "13:00", "15:45", "ajournering 14:30-14:45", id="adjournment"
        ),
        pytest.param("Sammanträdestid 2021-02-02 kl 9", "09:00", None, None, id="hour-only"),
        pytest.param(
            "Tid och plats: 2020-05-04 kl. 08.30 – 12.00, Kommunhuset", "08:30", "12:00", None, id="tid-och-plats"
        ),
    ],
)
def test_time_forms(line: str, start: str, end: str | None, note: str | None) -> None:
    meeting, _ = parse_header(line, 0, len(line))
    assert (meeting.start_time, meeting.end_time, meeting.note) == (start, end, note)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Paragrafer 23–27", "23–27", id="paragrafer-en-dash"),
        pytest.param("Paragrafer   26 -- 38", "26–38", id="paragrafer-double-hyphen"),
        pytest.param("Protokollet omfattar §§ 45–58", "45–58", id="protokollet-omfattar"),
        pytest.param("Justerade paragrafer 45-58", "45–58", id="justerade-paragrafer"),
        pytest.param("Kommunfullmäktige\n§§ 1-15", "1–15", id="bare-section-signs"),
        pytest.param("Paragrafer §§ 171–187, §§ 189–210", "171–187, 189–210", id="two-ranges"),
        pytest.param("Paragraf 12", "12", id="one-paragraph"),
    ],
)
def test_paragraph_forms(text: str, expected: str) -> None:
    assert parse_header(text, 0, len(text))[0].paragraphs == expected


@pytest.mark.parametrize(
    ("text", "authority", "organ"),
    [
        pytest.param(
            "KVARNBY KOMMUN SAMMANTRÄDESPROTOKOLL Sid 1 (3)\nKommunstyrelsen 2018-03-13",
            "Kvarnby kommun",
            "Kommunstyrelsen",
            id="capitals-authority-on-a-mixed-case-line-docplayer",
        ),
        pytest.param(
            "Region Jämtland Härjedalen\nRegionala utvecklingsnämnden",
            "Region Jämtland Härjedalen",
            "Regionala utvecklingsnämnden",
            id="region-two-lines",
        ),
        pytest.param(
            "Region Jämtland Härjedalen Regionala utvecklingsnämnden",
            "Region Jämtland Härjedalen",
            "Regionala utvecklingsnämnden",
            id="region-one-line",
        ),
        pytest.param(
            "Göteborgs Stad Kommunfullmäktige, protokoll",
            "Göteborgs Stad",
            "Kommunfullmäktige",
            id="goteborgs-stad-running-title",
        ),
        pytest.param(
            "VILHELMINA KOMMUN PROTOKOLL\nSOCIALNÄMNDEN", "Vilhelmina kommun", "Socialnämnden", id="upper-case"
        ),
        pytest.param("Organ   Kommunstyrelsen, Eslövs kommun", "Eslövs kommun", "Kommunstyrelsen", id="organ-label"),
        pytest.param(
            "Beslutsinstans: Barn- och utbildningsnämnden",
            None,
            "Barn- och utbildningsnämnden",
            id="beslutsinstans-pair",
        ),
        pytest.param(
            "Nämnden för hälsa och omsorg\nUpplands Väsby kommun",
            "Upplands Väsby kommun",
            "Nämnden för hälsa och omsorg",
            id="nämnden-för",
        ),
        pytest.param(
            "Västra Götalandsregionen\nRegionstyrelsen",
            "Västra Götalandsregionen",
            "Regionstyrelsen",
            id="compound-region",
        ),
        pytest.param("Protokoll\nsamråd med kommunstyrelsen", None, "Kommunstyrelsen", id="samråd-is-no-organ"),
    ],
)
def test_authority_and_organ(text: str, authority: str | None, organ: str | None) -> None:
    meeting, _ = parse_header(text, 0, len(text))
    assert (meeting.authority, meeting.organ) == (authority, organ)


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        pytest.param(
            "Kommunfullmäktige\n\nProtokoll nr 7\nSammanträdesdatum: 2024-08-22\n",
            None,
            date(2024, 8, 22),
            id="running-head",
        ),
        pytest.param("Plats och tid  Kommunhuset 2018-03-20 kl 13.00", None, date(2018, 3, 20), id="plats-och-tid"),
        pytest.param("Sammanträdesdag  11 maj 2015", None, date(2015, 5, 11), id="month-name"),
        pytest.param(
            "Kommunstyrelsen sammanträdde torsdagen den 16 november 2023 klockan 16:00.",
            None,
            date(2023, 11, 16),
            id="prose",
        ),
        pytest.param(
            "Sammanträdesdatum: den 15 mars",
            Context(meeting_date=date(2021, 1, 1)),
            date(2021, 3, 15),
            id="year-from-context",
        ),
        pytest.param("Datum för anslags uppsättande 2018-04-03", None, None, id="posting-is-no-meeting-day"),
        pytest.param("Kommunstyrelsen", None, None, id="no-date"),
    ],
)
def test_header_meeting_date(text: str, ctx: Context | None, expected: date | None) -> None:
    assert header_meeting_date(text, 0, len(text), ctx) == expected


@pytest.mark.parametrize(
    ("heads", "expected"),
    [
        pytest.param(
            "Kommunfullmäktige\nSammanträdesdatum: 2024-08-22\n3 (90)",
            (date(2024, 8, 22), "Kommunfullmäktige"),
            id="running-heads-goteborg",
        ),
        pytest.param(
            "Göteborgs Stad Kommunstyrelsen, protokoll\nProtokoll nr 7\nSammanträdesdatum 2021-03-15",
            (date(2021, 3, 15), "Kommunstyrelsen"),
            id="running-heads-authority-and-organ-on-one-line",
        ),
        pytest.param("3 (90)\n4 (90)", (None, None), id="running-heads-page-numbers-only"),
        pytest.param(
            "3 (90)\n4 (90)\n5 (90)\nKommunfullmäktige\nSammanträdesdatum: 2024-08-22",
            (date(2024, 8, 22), "Kommunfullmäktige"),
            id="running-heads-after-a-run-of-page-numbers",
        ),
    ],
)
def test_header_day_and_organ(heads: str, expected: tuple[date | None, str | None]) -> None:
    """The running heads' day and organ, read as the whole header reads them."""
    assert header_day_and_organ(heads) == expected
    meeting, _ = parse_header(heads, 0, len(heads))
    assert expected == (date.fromisoformat(meeting.date) if meeting.date else None, meeting.organ)


def test_a_run_of_page_numbers_gives_its_first_line_to_a_waiting_label() -> None:
    text = "Paragrafer\n4 (90)\n5 (90)\n6 (90)\nKommunfullmäktige"
    meeting, _ = parse_header(text, 0, len(text))
    assert (meeting.paragraphs, meeting.organ) == ("4, 90", "Kommunfullmäktige")


def test_year_less_adjustment_day_takes_the_meeting_year() -> None:
    text = "Sammanträdesdatum 2015-05-11\nJusteringens tid  den 18 maj\n"
    meeting, warnings = parse_header(text, 0, len(text))
    assert (meeting.adjusted_on, warnings) == ("2015-05-18", [])


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        pytest.param(
            "§ 5 Bygglov\nBeslut\nBifall.\nVid protokollet\nAnna Ek\n", "Vid protokollet", id="vid-protokollet"
        ),
        pytest.param("§ 5 Bygglov\nJusteras: Per Ek\n", "Justeras", id="justeras-colon"),
        pytest.param("§ 5 Bygglov\n\nANSLAG/BEVIS\nProtokollet är justerat.\n", "ANSLAG/BEVIS", id="anslag-bevis"),
        pytest.param("§ 5 Bygglov\nBeslut\nProtokollet justeras av ordföranden.\n", None, id="prose-is-no-block"),
        pytest.param(
            "§ 5 Bygglov\nBeslutet justeras senare.\n  Justeras\nPer Ek\n", "  Justeras", id="indented-after-prose-word"
        ),
        pytest.param("§ 5 Bygglov\nVid behov.\nUtdraget bestyrks\n", "Utdraget bestyrks", id="label-word-in-prose-first"),
    ],
)
def test_find_signature_block(text: str, opening: str | None) -> None:
    block = find_signature_block(text)
    if opening is None:
        assert block is None
    else:
        assert block is not None and text[block[0] :].startswith(opening) and block[1] == len(text)


def test_local_parties_are_read_in_any_case() -> None:
    text = "Beslutande  Eva Berg (gp), ordförande\n            Kim Ek (S)"
    meeting, _ = parse_header(text, 0, len(text), local_parties=["GP"])
    assert [(a.name, a.party) for a in meeting.attendees] == [("Eva Berg", "GP"), ("Kim Ek", "S")]


def test_spans_are_absolute() -> None:
    prefix = "x" * 50 + "\n"
    text = prefix + "Beslutande  Eva Berg (M)\n§ 1"
    meeting, _ = parse_header(text, len(prefix), len(text) - 3)
    assert meeting.span == (len(prefix), len(text) - 3)
    span = meeting.attendees[0].span
    assert span is not None and text[span[0] : span[1]] == "Eva Berg (M)"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "Cc", "S"]), max_size=300))
def test_any_text_gives_a_meeting_never_an_exception(text: str) -> None:
    meeting, warnings = parse_header(text, 0, len(text))
    assert isinstance(meeting, Meeting)
    assert all(isinstance(w, Warning) for w in warnings)


# Numbers, signs and words of the date forms, and the page numbers of running heads.
_DATE_TOKENS = [
    "4",
    "12",
    "136",
    "2021",
    "(",
    ")",
    " ",
    "  ",
    "\n",
    "-",
    "–",
    "/",
    ".",
    ",",
    ":e",
    "1:a",
    "maj",
    "januari",
    "jan.",
    "vecka",
    "v.",
    "den",
    "år",
    "och",
    "till",
    "t.o.m.",
    "Sida",
    "kl.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_TOKENS), max_size=12), st.integers(min_value=0, max_value=40))
def test_the_date_number_test_passes_every_date(tokens: list[str], start: int) -> None:
    # The header skips the date grammar where no number can open a date ("4 (136)"): that must
    # never drop a date or a warning.
    text = "".join(tokens)
    lo = min(start, len(text))
    assert _find_dates(text, lo, len(text)) == find_dates_with_warnings(text, lo, len(text))


def test_page_number_lines_leave_the_running_head_as_it_was() -> None:
    heads = "3 (136)\nKommunfullmäktige\nProtokoll nr 5\nSammanträdesdatum: 2025-05-22\n4 (136)\n5 (136)"
    meeting, warnings = parse_header(heads, 0, len(heads))
    assert (meeting.organ, meeting.date, warnings) == ("Kommunfullmäktige", "2025-05-22", [])


def _goteborg_furniture() -> list[Any]:
    cases = []
    for gold_path in sorted(CORPUS_GOLD.glob("goteborg_*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (CORPUS_DOCS / gold["file"]).read_text(encoding="utf-8")
        at = text.rfind("Sammanträdesdatum")
        if at >= 0 and gold.get("meeting", {}).get("date"):
            cases.append(pytest.param(text, at, gold["meeting"], id=gold_path.stem))
    return cases


@pytest.mark.parametrize(("text", "at", "gold"), _goteborg_furniture())
def test_goteborg_running_head_gives_organ_and_date(text: str, at: int, gold: dict[str, str]) -> None:
    block_start = text.rfind("\n", 0, max(at - 200, 0)) + 1
    block_end = text.index("\n", at)
    meeting, _ = parse_header(text, block_start, block_end)
    assert (meeting.organ, meeting.date) == (gold["organ"], gold["date"])
    assert header_meeting_date(text, block_start, block_end) == date.fromisoformat(gold["date"])
