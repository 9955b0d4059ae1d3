"""Cleaning: page furniture in every form, wherever it falls; dehyphenation; the page map."""

from __future__ import annotations

import pytest

from beslutsparser.clean import _alternation, _anchor_lines, _rules, clean
from beslutsparser.load import Document

BODY = "Nämnden har under året arbetat med att ta fram\nen ny plan för verksamheten.\n"


def doc(*pages: str) -> Document:
    return Document(pages=list(pages), format="txt", sha256="0")


FURNITURE_LINES = [
    pytest.param("1 (7)", id="page-n-paren-m"),
    pytest.param("1(36)", id="page-n-paren-m-tight"),
    pytest.param("1[25]", id="page-square-brackets-botkyrka"),
    pytest.param("3 (90)", id="page-goteborg-kf"),
    pytest.param("Sida 3 av 12", id="sida-n-av-m"),
    pytest.param("Sida 2 (24)", id="sida-n-paren-m"),
    pytest.param("Sid (18)", id="sid-digit-lost"),
    pytest.param("SAMMANTRÄDESPROTOKOLL 1 (251)", id="sammantradesprotokoll-page"),
    pytest.param("PROTOKOLL 2 (28)", id="protokoll-page"),
    pytest.param("VILHELMINA KOMMUN PROTOKOLL 1(54)", id="kommun-protokoll-page"),
    pytest.param("Justerandes sign", id="justerandes-sign"),
    pytest.param("Justerandes signatur", id="justerandes-signatur"),
    pytest.param("Justerandes signatur    Utdragsbestyrkande", id="signatur-utdragsbestyrkande"),
    pytest.param("Utdragsbestyrkande", id="utdragsbestyrkande"),
    pytest.param("Utdragsbestyrkande Justerarsignaturer", id="utdragsbestyrkande-justerarsignaturer"),
    pytest.param("Signaturer: Ordförande Justerare Utdragsbestyrkande: datum och signatur", id="huddinge-signaturer"),
    pytest.param("Protokoll nr 7", id="protokoll-nr"),
    pytest.param("Protokoll (nr 6)", id="protokoll-paren-nr"),
    pytest.param("Sammanträdesdatum: 2024-08-22", id="sammantradesdatum-colon"),
    pytest.param("Sammanträdesdatum 2021-03-15", id="sammantradesdatum"),
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_line_removed_mid_sentence(line: str) -> None:
    text = f"§ 1 Dnr KS 2021/1\nTitel\n\nSammanfattning\n\nNämnden har under året arbetat med att ta fram\n{line}\nen ny plan.\n"
    cleaned = clean(doc(text)).text
    assert line not in cleaned
    assert "ta fram\nen ny plan." in cleaned


def test_anchors_tried_by_first_character_judge_as_all_anchors() -> None:
    """A line is tried only against the anchors its first character can begin (a partial match tells)."""
    forms = _rules()[0]
    lines = [p.values[0] for p in FURNITURE_LINES] + [
        *BODY.splitlines(), "Protokollet justeras", "12 (90) Budget", "Kommunstyrelsen sammanträdesprotokoll",
        "Kommunstyrelsen Sammanträdesprotokoll Sammanträdesdatum 2022-02-02", "– 3 –", "3/12", "_______",
        "Sekreterare Ordförande Justerare", "§ 12 Budget", "ÖVERSIKT PROTOKOLL 2 (3)", "İstanbul", "ßtraße",
        "Kommunstyrelsen Protokoll 3 (12)", "Kommunstyrelsen 3 (12)", "Göteborgs Stad protokollsutdrag 2 (5)",
    ]
    everything = _alternation(forms)
    for line in lines:
        assert (line in _anchor_lines([line], 100)) == bool(everything.fullmatch(line)), line
    # all at once: the lines that hold a word a look-ahead needs are told apart from the others
    assert _anchor_lines(lines, 100) == {line for line in lines if everything.fullmatch(line)}


def test_running_heads_repeated_across_pages_are_removed_but_headings_kept() -> None:
    pages = []
    for n in range(1, 6):
        pages.append(
            f"Kommunstyrelsen\n\nReservation\n\nProtokoll nr 3\nSammanträdesdatum: 2022-02-02\n\n{BODY}\n{n} (5)\n"
        )
    cleaned = clean(doc("§ 1 Dnr KS 2022/1\nTitel\n\n" + pages[0], *pages[1:]))
    assert "Kommunstyrelsen" not in cleaned.text
    assert cleaned.text.count("Reservation") == 5
    assert "Kommunstyrelsen" in cleaned.furniture
    assert cleaned.page_of(len(cleaned.text) - 1) == 5
    assert cleaned.page_of(0) == 1


def test_a_recipient_that_ends_many_pages_is_kept() -> None:
    page = "Beslut\n\nBeslut nr {n}.\n\nProtokollsutdrag skickas till\n{r}\n\nKommunfullmäktige, protokoll\n\n{n} (9)\n\n"
    text = "".join(f"§ {n} Dnr KS 2022/{n}\nTitel {n}\n" + page.format(n=n, r="Valberedningen" if n % 2 else f"Nämnd {n}")
                   for n in range(1, 9))
    cleaned = clean(doc(text)).text
    assert cleaned.count("Valberedningen") == 4
    assert "Kommunfullmäktige, protokoll" not in cleaned


def test_header_lines_before_the_first_paragraph_are_kept() -> None:
    text = "SAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2021-03-15\nKommunstyrelsen\n\n§ 1\nTitel\n"
    cleaned = clean(doc(text)).text
    assert cleaned.startswith("SAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2021-03-15")


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        pytest.param("utveck-\nlingen", "utvecklingen", id="hyphenated-word-joined"),
        pytest.param("Miljö-\noch byggnämnden", "Miljö-\noch byggnämnden", id="compound-before-och-kept"),
        pytest.param("Barn-\neller ungdomsärenden", "Barn-\neller ungdomsärenden", id="compound-before-eller-kept"),
        pytest.param("kultur-\nsamt fritidsnämnden", "kultur-\nsamt fritidsnämnden", id="compound-before-samt-kept"),
        pytest.param("skicka e-\npost till", "skicka e-post till", id="real-hyphen-e-post"),
        pytest.param("nya IT-\nsystem", "nya IT-system", id="acronym-hyphen-kept"),
        pytest.param("år 2024-\n2027", "år 2024-\n2027", id="digits-not-joined"),
        pytest.param("soft\u00adhyphen", "softhyphen", id="soft-hyphen-removed"),
        pytest.param("pla\ufffe\nnen", "planen", id="fffe-line-end-hyphen"),
        pytest.param("Sammanfattning -\nnästa", "Sammanfattning -\nnästa", id="dash-after-space-kept"),
    ],
)
def test_dehyphenation(raw: str, want: str) -> None:
    assert clean(doc(f"§ 1\nTitel\n\n{raw}\n")).text == f"§ 1\nTitel\n\n{want}"


def test_locate_maps_back_to_raw_page_positions() -> None:
    pages = ["§ 1 Dnr KS 2020/1\nTitel\n\nText ett.\n1 (2)\n", "2 (2)\nText två.\n"]
    cleaned = clean(doc(*pages))
    at = cleaned.text.index("Text två")
    assert cleaned.locate(at) == (2, pages[1].index("Text två"))


def test_every_clean_character_maps_back_to_itself() -> None:
    """The clean text is cut from the raw pages in runs: broken by trailing space, blank lines holding
    space or in a row, furniture mid-sentence, a word hyphenated over a page break."""
    pages = [
        "§ 1 Dnr KS 2020/1   \nTitel\n \n\n\nNämnden har arbetat med att ta fram\nJusterandes sign\nen plan för utveck-",
        "1 (2)\n  lingen av verksamheten.\t\n\n\nBeslut\n",
    ]
    cleaned = clean(doc(*pages))
    assert "ta fram\nen plan för utvecklingen av verksamheten.\n\nBeslut" in cleaned.text
    for offset, char in enumerate(cleaned.text):
        where = cleaned.locate(offset)
        assert where is not None
        assert char == "\n" or pages[where[0] - 1][where[1]] == char


OPENING = "TALLMO KOMMUN                    PROTOKOLL\nKommunstyrelsen                  2014-03-11\n"


@pytest.mark.parametrize(
    ("head", "removed"),
    [
        pytest.param(OPENING, True, id="opening-lines-repeated-no-page-number-no-form-feed"),
        pytest.param("KVARNBY KOMMUN SAMMANTRÄDESPROTOKOLL Sid 1 (3)\nKommunstyrelsen 2018-03-13\n", True,
                     id="opening-lines-repeated-page-number-differs-docplayer"),
        pytest.param("TALLMO KOMMUN                    PROTOKOLL\n", False, id="neg-one-opening-line-alone"),
        pytest.param("Beslut\nKommunstyrelsen beslutar att anta planen.\n", False, id="neg-opening-is-a-heading"),
    ],
)
def test_opening_lines_repeated_later_are_a_running_head(head: str, removed: bool) -> None:
    """A running head with no page number to anchor it, in a text without form feeds."""
    later = head.replace("Sid 1", "Sid 2")
    text = (f"{head}\nPlats och tid  Stadshuset\n\n§ 1 Budget\n\nBeslut\n{BODY}\nExpedieras till\nEkonomienheten\n"
            f"{later}\n§ 2 Taxor\n\nBeslut\n{BODY}")
    cleaned = clean(doc(text)).text
    between = cleaned.split("Ekonomienheten", 1)[1].split("§ 2 Taxor", 1)[0]  # where the later copy stood
    assert (head.splitlines()[0].split()[0] not in between) is removed
