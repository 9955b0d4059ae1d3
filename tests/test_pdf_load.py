"""load_pdf on generated PDFs: text back page by page, hyphens, fonts, bad files."""

from __future__ import annotations

import hashlib
import itertools
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfWriter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

import pdfgen
from beslutsparser.load import Document, LoadError
from beslutsparser.load import pdf as pdf_mod
from beslutsparser.load.furniture import repeated_band_lines
from beslutsparser.load.pdf import (
    SINGLE_SPACING,
    Lexicon,
    LineSpacing,
    load_pdf,
    looks_scanned,
    mend_text,
    mend_text_mapped,
    usual_spacing,
)
from conftest import CORPUS_DOCS

SEED = CORPUS_DOCS / "000_a797063cafbd1e32.txt"
KS = CORPUS_DOCS / "goteborg_kommunstyrelsen_2024-01-10_derived.txt"
HEAD = ("SAMMANTRÄDESPROTOKOLL", "Stadsbyggnadsnämnden", "Sammanträdesdatum 2021-03-15")
BARE: dict[str, object] = {"running_head": (), "footer": (), "page_numbers": False}

PROTOCOL = """§ 12 Dnr KS 2021/14
Val av justerare
## Beslut
Kommunstyrelsen utser Bo Berg (M) att jämte ordföranden justera dagens protokoll. Justeringen
sker i stadshuset fredagen den 19 mars 2021 klockan 10.00 i sammanträdesrummet Älven.

§ 13 Dnr KS 2021/15
Yttrande över remiss om kommunikationsstrategi för kultur- och fritidsnämnden
Sammanfattning
Kommunledningskontoret har tagit fram ett förslag till yttrande över remissen om
kommunikationsstrategi. Förvaltningsövergripande samordningsfrågor och verksamhetsutvecklingsinsatser
behandlas i bilaga 2. Miljö- och byggnadsnämndens synpunkter har arbetats in.
Beslut
Kommunstyrelsen godkänner yttrandet och överlämnar det till kultur- och fritidsnämnden.
Expedieras till
Kultur- och fritidsnämnden
Kommunledningskontoret
"""


def body_words(doc: Document) -> list[str]:
    """The words of the document outside the lines that repeat in the page bands."""
    furniture = repeated_band_lines(doc.pages)
    return [
        word
        for page in doc.pages
        for line in page.splitlines()
        if line.strip() not in furniture
        for word in line.split()
    ]


@pytest.fixture(scope="module")
def ks_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ks") / "ks.pdf"
    return pdfgen.render_text_pdf(KS.read_text(encoding="utf-8"), out, running_head=HEAD)


@pytest.fixture(scope="module")
def lo_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo") / "protocol.pdf"
    return pdfgen.render_libreoffice_pdf(PROTOCOL * 4, out, header_grid=pdfgen.DEFAULT_HEADER_GRID)


@pytest.mark.parametrize(
    ("source", "renderer"),
    [
        pytest.param(SEED, pdfgen.render_text_pdf, id="reportlab-region-seed"),
        pytest.param(None, pdfgen.render_text_pdf, id="reportlab-fixture"),
        pytest.param(SEED, pdfgen.render_libreoffice_pdf, id="libreoffice-region-seed"),
        pytest.param(None, pdfgen.render_libreoffice_pdf, id="libreoffice-fixture"),
    ],
)
def test_text_comes_back_word_for_word(source: Path | None, renderer: object, tmp_path: Path) -> None:
    text = source.read_text(encoding="utf-8") if source else PROTOCOL
    path = renderer(text, tmp_path / "doc.pdf", **BARE)  # type: ignore[operator]
    doc = load_pdf(path)
    assert [w for page in doc.pages for w in page.split()] == pdfgen.expected_words(text)


def test_multi_page_protocol_comes_back_modulo_furniture(ks_pdf: Path) -> None:
    doc = load_pdf(ks_pdf)
    assert len(doc.pages) > 10
    assert body_words(doc) == pdfgen.expected_words(KS.read_text(encoding="utf-8"))


def test_furniture_of_generated_pdf_is_found(ks_pdf: Path) -> None:
    doc = load_pdf(ks_pdf)
    furniture = repeated_band_lines(doc.pages)
    total = len(doc.pages)
    assert set(HEAD) | {"Justerandes sign Utdragsbestyrkande", f"1 ({total})", f"{total} ({total})"} <= furniture


def test_document_fields(ks_pdf: Path) -> None:
    doc = load_pdf(str(ks_pdf))
    assert (doc.format, doc.path, doc.ocr, doc.warnings, doc.fonts) == ("pdf", str(ks_pdf), False, [], None)
    assert doc.sha256 == hashlib.sha256(ks_pdf.read_bytes()).hexdigest()
    assert all("\r" not in page and "\ufffe" not in page for page in doc.pages)


def test_header_grid_labels_stand_before_their_values(lo_pdf: Path) -> None:
    first = load_pdf(lo_pdf).pages[0].splitlines()
    assert "Utses att justera Bo Berg" in first
    assert "Justeringens plats och tid Stadshuset 2021-03-19" in first


def test_roll_call_table_rows(tmp_path: Path) -> None:
    rows = [("Anna Andersson", "S", "Ja"), ("Bo Berg", "M", "Nej"), ("Cecilia Ek", "V", "Avstår")]
    path = pdfgen.render_text_pdf(PROTOCOL, tmp_path / "vote.pdf", roll_call=rows, **BARE)
    lines = load_pdf(path).pages[-1].splitlines()
    assert lines[-4:] == ["Namn Parti Ja Nej Avstår Frånvarande", "Anna Andersson S X", "Bo Berg M X", "Cecilia Ek V X"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("ledar\ufffeskap. Det", "ledarskap. Det", id="soft-hyphen-joined"),
        pytest.param("ledar\ufffe\r\nskap", "ledarskap", id="soft-hyphen-with-line-break"),
        pytest.param("ledar\u0002\r\nskap", "ledarskap", id="u0002-marker"),
        pytest.param("Informations\ufffeoch frågestund", "Informations-\noch frågestund", id="elision-och"),
        pytest.param("barn\ufffeeller", "barn-\neller", id="elision-eller"),
        pytest.param("SLK\ufffe2024-00078", "SLK-2024-00078", id="dnr-kept-whole"),
        pytest.param("2024\ufffe2027", "2024-2027", id="year-range"),
        pytest.param("EU\ufffeprojekt", "EU-projekt", id="acronym-compound"),
        pytest.param("Göteborgs\ufffePosten", "Göteborgs-Posten", id="capital-after-hyphen"),
        pytest.param("sista\ufffe\r\n", "sista-\n", id="marker-at-page-end"),
        pytest.param("real-\r\nhyphen", "real-\nhyphen", id="plain-hyphen-left-to-cleaner"),
        pytest.param("a\r\nb\rc", "a\nb\nc", id="line-ends"),
        pytest.param("a\x00b\x0cc\x1f", "abc", id="control-characters"),
    ],
)
def test_mend_text(raw: str, expected: str) -> None:
    assert mend_text(raw) == expected == mend_text_mapped(raw)[0]


@pytest.mark.parametrize(
    ("raw_offset", "offset"),
    [
        pytest.param(0, 0, id="before-any-edit"),
        pytest.param(2, 2, id="on-a-joined-hyphen"),
        pytest.param(5, 2, id="after-a-joined-hyphen"),
        pytest.param(7, 4, id="on-a-crlf"),
        pytest.param(8, 5, id="inside-a-crlf"),
        pytest.param(9, 5, id="after-a-crlf"),
        pytest.param(11, 7, id="end"),
    ],
)
def test_offset_map(raw_offset: int, offset: int) -> None:
    text, offsets = mend_text_mapped("ab\ufffe\r\ncd\r\nef")
    assert text == "abcd\nef"
    assert offsets.map(raw_offset) == offset


@pytest.mark.parametrize(
    ("raw", "document", "expected"),
    [
        pytest.param("skicka e\ufffepost", "svar per e-post", "skicka e-post", id="real-hyphen-written-elsewhere"),
        pytest.param("en Ja\ufffeproposition", "Ja-proposition", "en Ja-proposition", id="real-hyphen-capital-head"),
        pytest.param("e\ufffepost", "e-post eller epost", "epost", id="both-forms-written-joined"),
        pytest.param("ledar\ufffeskap", "", "ledarskap", id="no-evidence-joined"),
        pytest.param("förskole\ufffetill gymnasiet", "", "förskole-\ntill gymnasiet", id="elision-till"),
        pytest.param("stats\ufffesom kommunbidrag", "", "stats-\nsom kommunbidrag", id="elision-som"),
        pytest.param("in\ufffetill", "ligger intill", "intill", id="elision-word-ending-a-written-word"),
        pytest.param("inom ra\ufffemen för", "", "inom ramen för", id="neg-men-is-no-elision"),
    ],
)
def test_hyphen_evidence_from_the_document(raw: str, document: str, expected: str) -> None:
    words = Lexicon([raw, document])
    assert mend_text(raw, words=words) == expected == mend_text_mapped(raw, words=words)[0]


GAPS = """§ 12 Dnr KS 2021/14
Val av justerare

Beslut

Kommunstyrelsen utser Bo Berg (M) att jämte ordföranden justera dagens protokoll. Justeringen
sker i stadshuset fredagen den 19 mars 2021 klockan 10.00 i sammanträdesrummet Älven, och
protokollet anslås på kommunens digitala anslagstavla måndagen den 22 mars 2021.

Expedieras till
Bo Berg
Kansliet
"""


@pytest.mark.parametrize(
    "renderer",
    [
        pytest.param(pdfgen.render_text_pdf, id="reportlab"),
        pytest.param(pdfgen.render_libreoffice_pdf, id="libreoffice"),
    ],
)
def test_paragraph_gaps_become_blank_lines(renderer: Any, tmp_path: Path) -> None:
    page = load_pdf(renderer(GAPS, tmp_path / "gaps.pdf", **BARE)).pages[0]
    blocks = [" ".join(block.split()) for block in page.split("\n\n") if block.strip()]
    paragraph = " ".join(GAPS.split("\n\n")[2].split())
    assert blocks[-3:] == ["Beslut", paragraph, "Expedieras till Bo Berg Kansliet"]


def _spacing(*rows: tuple[float, bool, int]) -> list[LineSpacing]:
    """Line pairs ``(space, wrapped, how many)``."""
    return [LineSpacing(0, space, wrapped) for space, wrapped, n in rows for _ in range(n)]


@pytest.mark.parametrize(
    ("pages", "usual"),
    [
        pytest.param([_spacing((0.3, True, 5), (1.1, False, 2))], 0.3, id="prose"),
        pytest.param(
            [_spacing((0.3, True, 3), (1.1, False, 40)), _spacing((1.5, False, 9))],
            0.3,
            id="lists-outnumber-wrapped-lines",
        ),
        pytest.param([_spacing((0.7, True, 9), (0.2, False, 3))], 0.7, id="one-and-a-half-spacing-heads-single"),
        pytest.param([_spacing((math.inf, True, 4), (0.3, True, 1))], 0.3, id="neg-new-column-is-no-spacing"),
        pytest.param([_spacing((1.1, False, 5))], SINGLE_SPACING, id="no-wrapped-line"),
        pytest.param([], SINGLE_SPACING, id="no-lines"),
    ],
)
def test_usual_spacing(pages: list[list[LineSpacing]], usual: float) -> None:
    assert usual_spacing(pages) == usual


@pytest.mark.parametrize("producer", ["reportlab", "libreoffice"])
def test_fonts_mark_section_headings_bold_and_larger(producer: str, ks_pdf: Path, lo_pdf: Path) -> None:
    doc = load_pdf(ks_pdf if producer == "reportlab" else lo_pdf, fonts=True)
    assert doc.fonts is not None
    heading = body = None
    for page, runs in zip(doc.pages, doc.fonts, strict=True):
        assert runs[0][0] == 0 and runs[-1][1] == len(page)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))
        for start, end, size, bold in runs:
            if page[start:end].startswith("§ 1"):
                heading = (size, bold)
            if page[start:end].startswith(("Protokollen ska justeras", "Kommunstyrelsen utser")):
                body = (size, bold)
    assert heading == (13.0, True)
    assert body == (10.0, False)


def test_fonts_survive_hyphen_mending(tmp_path: Path) -> None:
    text = "§ 1 Rubrik\n" + " ".join(["Förvaltningsövergripande verksamhetsutvecklingsinsatser"] * 30)
    doc = load_pdf(pdfgen.render_text_pdf(text, tmp_path / "h.pdf", **BARE), fonts=True)
    page, runs = doc.pages[0], doc.fonts[0] if doc.fonts else []
    assert [(page[s:e].strip()[:10], size, bold) for s, e, size, bold in runs] == [
        ("§ 1 Rubrik", 13.0, True),
        ("Förvaltnin", 10.0, False),
    ]
    assert page.count("verksamhetsutvecklingsinsatser") == 30


def _zero_pages(path: Path) -> None:
    with path.open("wb") as fh:
        PdfWriter().write(fh)


def _truncated(path: Path, source: Path) -> None:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_with_eof(path: Path, source: Path) -> None:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\n%%EOF\n")


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(lambda p, s: p.write_bytes(b""), "corrupt-pdf", id="zero-bytes"),
        pytest.param(lambda p, s: p.write_bytes(b"GIF89a" + bytes(range(256)) * 8), "corrupt-pdf", id="garbage"),
        pytest.param(
            lambda p, s: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"),
            "corrupt-pdf",
            id="pdf-header-then-garbage",
        ),
        pytest.param(_truncated, "corrupt-pdf", id="cut-in-half"),
        pytest.param(_truncated_with_eof, "corrupt-pdf", id="cut-in-half-eof-appended"),
        pytest.param(lambda p, s: _zero_pages(p), "empty", id="zero-pages"),
        pytest.param(lambda p, s: pdfgen.encrypt_pdf(s, p, user_password="hemligt"), "encrypted", id="user-password"),
        pytest.param(lambda p, s: None, "unreadable", id="missing-file"),
        pytest.param(lambda p, s: p.mkdir(), "unreadable", id="directory"),
    ],
)
def test_bad_pdfs_raise_load_error(make: object, code: str, ks_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    make(path, ks_pdf)  # type: ignore[operator]
    with pytest.raises(LoadError) as err:
        load_pdf(path)
    assert err.value.code == code
    assert str(err.value)


def test_owner_password_only_opens(ks_pdf: Path, tmp_path: Path) -> None:
    path = pdfgen.encrypt_pdf(ks_pdf, tmp_path / "owner.pdf", user_password="", owner_password="ägare")
    assert load_pdf(path).pages == load_pdf(ks_pdf).pages


def test_blank_pages_are_not_taken_for_scans(tmp_path: Path) -> None:
    path = pdfgen.render_text_pdf(PROTOCOL + "\f\n\f" + PROTOCOL, tmp_path / "blank.pdf", running_head=HEAD)
    doc = load_pdf(path, ocr=None)
    assert (len(doc.pages), doc.ocr, doc.warnings) == (3, False, [])
    assert [line for line in doc.pages[1].splitlines() if line] == [
        *HEAD,
        "Justerandes sign Utdragsbestyrkande",
        "2 (3)",
    ]


def test_peak_memory_of_a_500_page_pdf(tmp_path: Path) -> None:
    page = "\n".join(PROTOCOL.splitlines()[:8])
    path = pdfgen.render_text_pdf("\f".join([page] * 500), tmp_path / "big.pdf", running_head=HEAD)
    script = (
        "import sys\n"
        "from beslutsparser.load.pdf import load_pdf\n"
        "doc = load_pdf(sys.argv[1], fonts=True)\n"
        # VmHWM, not ru_maxrss: the latter survives exec and reports a forked parent's size
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(len(doc.pages), hwm)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    pages, rss_kib = map(int, out.stdout.split())
    assert pages == 500
    assert rss_kib < 300 * 1024


def _canvas_page(path: Path, *, paths: int = 0, image: bool = False, text: str = "") -> Path:
    canvas = Canvas(str(path))
    for n in range(paths):
        canvas.line(50, 100 + 5 * n, 500, 100 + 5 * n)
    if image:
        canvas.drawImage(ImageReader(Image.new("L", (200, 280), 200)), 50, 50, width=500, height=700)
    if text:
        canvas.drawString(50, 800, text)
    canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize(
    ("content", "scanned"),
    [
        pytest.param({}, False, id="neg-empty-page"),
        pytest.param({"paths": 3, "text": "3 (12)"}, False, id="neg-rules-and-page-number"),
        pytest.param({"paths": 60}, True, id="outlined-text"),
        pytest.param({"image": True}, True, id="scanned-image"),
        pytest.param({"image": True, "text": "3 (12) Sida"}, True, id="scan-with-stamped-page-number"),
        pytest.param({"image": True, "text": "Ordföranden förklarar sammanträdet öppnat. " * 2}, False, id="neg-logo"),
    ],
)
def test_looks_scanned(content: dict[str, Any], scanned: bool, tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument(_canvas_page(tmp_path / "p.pdf", **content))
    page = pdf[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    textpage.close()
    assert looks_scanned(page, text) is scanned
    page.close()
    pdf.close()


def test_unreadable_page_becomes_a_warning(ks_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = itertools.count(1)
    read_page = pdf_mod._read_page

    def flaky(page: pdfium.PdfPage, reader: object) -> tuple[str, list[Any]]:
        if next(calls) == 2:
            raise pdfium.PdfiumError("Failed to load text page.")
        return read_page(page, reader)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_mod, "_read_page", flaky)
    doc = load_pdf(ks_pdf)
    assert doc.pages[1] == "" and doc.pages[0] and doc.pages[2]
    assert [(w.code, w.page) for w in doc.warnings] == [("pdf-page-error", 2)]
