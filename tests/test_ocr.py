"""OCR: § misreadings, tesseract TSV, scanned and mixed PDFs, missing tesseract."""

from __future__ import annotations

from pathlib import Path

import pytest

import pdfgen
from beslutsparser.load import LoadError
from beslutsparser.load import ocr as ocr_mod
from beslutsparser.load.pdf import load_pdf

SCANNED = """§ 12 Dnr KS 2021/14
Val av justerare
Beslut
Kommunstyrelsen utser Bo Berg att jämte ordföranden justera dagens protokoll.

§ 13 Ärendenummer KS 2021/15
Anmälan av jäv
Beslut
Ingen ledamot anmäler jäv.
"""
TEXT_PAGE = """§ 11 Dnr KS 2021/13
Fastställande av dagordning
Beslut
Dagordningen fastställs.
"""
HEAD = ("SAMMANTRÄDESPROTOKOLL", "Kommunstyrelsen", "Sammanträdesdatum 2021-03-15")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("8 12 Val av justerare", "§ 12 Val av justerare", id="eight-title"),
        pytest.param("S 12 Ärendenummer SLK-2024-00078", "§ 12 Ärendenummer SLK-2024-00078", id="s-label"),
        pytest.param("8 3 0509/23", "§ 3 0509/23", id="eight-old-dnr"),
        pytest.param("& 12 Anmälan av jäv", "§ 12 Anmälan av jäv", id="ampersand-title"),
        pytest.param("$ 12", "§ 12", id="dollar-bare"),
        pytest.param("$120", "§ 120", id="dollar-glued-bare"),
        pytest.param("&7 Dnr 17/12", "§ 7 Dnr 17/12", id="ampersand-glued"),
        pytest.param("$& 12 Dnr KS 2021/14", "§ 12 Dnr KS 2021/14", id="two-glyph-misread"),
        pytest.param("§$ 12 Val", "§ 12 Val", id="section-sign-and-dollar"),
        pytest.param("§§ 10–14", "§§ 10–14", id="neg-range-of-sections"),
        pytest.param("§12 Budget 2024", "§ 12 Budget 2024", id="glued-section-sign"),
        pytest.param("§120", "§ 120", id="glued-section-sign-bare"),
        pytest.param("  8 12 Val av justerare", "  § 12 Val av justerare", id="indented"),
        pytest.param("8 ledamöter röstar ja", "8 ledamöter röstar ja", id="neg-count-in-prose"),
        pytest.param("S 12 procent av budgeten", "S 12 procent av budgeten", id="neg-lower-case-rest"),
        pytest.param("8 12", "8 12", id="neg-eight-bare-number"),
        pytest.param("S12 Val", "S12 Val", id="neg-s-glued"),
        pytest.param("8 2021/22 Årsredovisning", "8 2021/22 Årsredovisning", id="neg-number-is-dnr"),
        pytest.param("Se 8 12 Val av justerare", "Se 8 12 Val av justerare", id="neg-not-line-start"),
        pytest.param("§ 12 Val av justerare", "§ 12 Val av justerare", id="already-right"),
        pytest.param("8245 Förlängning av avtal", "§ 245 Förlängning av avtal", id="eight-glued-title"),
        pytest.param("81 Berglund, Jesper V 8:54", "81 Berglund, Jesper V 8:54", id="neg-eight-glued-table-row"),
        pytest.param("8000 Kronor", "8000 Kronor", id="neg-eight-glued-no-title"),
        pytest.param("beslutade 2019-11-25, $ 104, att", "beslutade 2019-11-25, § 104, att", id="inline-dollar-number"),
        pytest.param("enligt 6 kap. 40 & kommunallagen", "enligt 6 kap. 40 § kommunallagen", id="inline-ampersand-law"),
        pytest.param("enligt 2 kap. 6 $& kommunallagen", "enligt 2 kap. 6 § kommunallagen", id="inline-two-glyphs-law"),
        pytest.param("(KF & 12)", "(KF § 12)", id="inline-ampersand-number"),
        pytest.param("revisorer från Ernst & Young AB", "revisorer från Ernst & Young AB", id="neg-ampersand-in-name"),
        pytest.param("sidan 3 & 4", "sidan 3 & 4", id="neg-ampersand-between-numbers"),
    ],
)
def test_fix_section_signs(line: str, expected: str) -> None:
    assert ocr_mod.fix_section_signs(line) == expected


def test_fix_section_signs_is_per_line() -> None:
    text = "Beslut\n8 12 Val av justerare\nHar 8 12 Ledamöter"
    assert ocr_mod.fix_section_signs(text) == "Beslut\n§ 12 Val av justerare\nHar 8 12 Ledamöter"


TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*words: tuple[int, int, int, float, str]) -> str:
    rows = [TSV_HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t"]
    rows += [f"5\t1\t{b}\t{p}\t{ln}\t1\t0\t0\t1\t1\t{c}\t{t}" for b, p, ln, c, t in words]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("tsv", "text", "confidence", "words"),
    [
        pytest.param(
            _tsv((1, 1, 1, 90, "$120"), (1, 1, 2, 80, "Mål"), (1, 1, 2, 70, "och"), (2, 1, 1, 60, "Beslut")),
            "§ 120\nMål och\nBeslut",
            75.0,
            4,
            id="lines-blocks-and-section-sign",
        ),
        pytest.param(_tsv((1, 1, 1, 95, " "), (1, 1, 1, 85, "Ja")), "Ja", 85.0, 1, id="blank-word-skipped"),
        pytest.param(TSV_HEADER + "\n", "", None, 0, id="no-words"),
    ],
)
def test_tsv_to_page(tsv: str, text: str, confidence: float | None, words: int) -> None:
    page = ocr_mod.tsv_to_page(tsv)
    assert (page.text, page.confidence, page.words) == (text, confidence, words)


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_mod, "TESSERACT_CMD", "tesseract-not-installed-here")


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    return pdfgen.render_scanned_pdf(TEXT_PAGE + "\f" + SCANNED, out, pages={2}, dpi=300, running_head=HEAD)


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scanned") / "scanned.pdf"
    return pdfgen.render_scanned_pdf(SCANNED, out, running_head=HEAD)


def test_tesseract_status() -> None:
    assert ocr_mod.tesseract_status("tesseract", "swe") is None
    assert "not found" in (ocr_mod.tesseract_status("tesseract-not-installed-here", "swe") or "")
    assert "no 'xx-none' model" in (ocr_mod.tesseract_status("tesseract", "xx-none") or "")


def test_mixed_document_reads_scanned_page_by_ocr(mixed_pdf: Path) -> None:
    doc = load_pdf(mixed_pdf)
    text_only = load_pdf(mixed_pdf, ocr=False)
    assert doc.ocr and not text_only.ocr
    assert doc.pages[0] == text_only.pages[0]
    assert "§ 11 Dnr KS 2021/13" in doc.pages[0].splitlines()
    assert text_only.pages[1] == ""
    lines = doc.pages[1].splitlines()
    assert "§ 12 Dnr KS 2021/14" in lines
    assert "§ 13 Ärendenummer KS 2021/15" in lines
    assert "Val av justerare" in lines
    assert not [w for w in doc.warnings if w.code == "ocr-low-confidence"]


def test_ocr_true_reads_a_text_page_by_ocr(tmp_path: Path) -> None:
    path = pdfgen.render_text_pdf(TEXT_PAGE, tmp_path / "text.pdf", running_head=HEAD)
    doc = load_pdf(path, ocr=True)
    assert doc.ocr
    assert "Fastställande av dagordning" in doc.pages[0].splitlines()


def test_low_confidence_and_failure_become_warnings(scanned_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_mod, "ocr_image", lambda *a, **k: ocr_mod.OcrPage("§ 12 Val", 41.2, 2))
    doc = load_pdf(scanned_pdf)
    assert (doc.pages, doc.ocr) == (["§ 12 Val"], True)
    assert [(w.code, w.page) for w in doc.warnings] == [("ocr-low-confidence", 1)]
    assert "41" in doc.warnings[0].message

    def fail(*_a: object, **_k: object) -> ocr_mod.OcrPage:
        raise ocr_mod.OcrError("tesseract exited 1: boom")

    monkeypatch.setattr(ocr_mod, "ocr_image", fail)
    doc = load_pdf(scanned_pdf)
    assert (doc.pages, doc.ocr) == ([""], False)
    assert [(w.code, w.page) for w in doc.warnings] == [("ocr-failed", 1)]


@pytest.mark.usefixtures("no_tesseract")
def test_scanned_pdf_without_tesseract_is_an_error(scanned_pdf: Path) -> None:
    with pytest.raises(LoadError) as err:
        load_pdf(scanned_pdf)
    assert err.value.code == "ocr-unavailable"
    assert "not found" in str(err.value)


@pytest.mark.usefixtures("no_tesseract")
def test_mixed_pdf_without_tesseract_warns(mixed_pdf: Path) -> None:
    doc = load_pdf(mixed_pdf)
    assert (doc.ocr, doc.pages[1]) == (False, "")
    assert [(w.code, w.page) for w in doc.warnings] == [("ocr-unavailable", 2)]


@pytest.mark.usefixtures("no_tesseract")
def test_forced_ocr_without_tesseract_is_an_error(mixed_pdf: Path) -> None:
    with pytest.raises(LoadError) as err:
        load_pdf(mixed_pdf, ocr=True)
    assert err.value.code == "ocr-unavailable"


@pytest.mark.usefixtures("no_tesseract")
def test_ocr_false_needs_no_tesseract(scanned_pdf: Path) -> None:
    doc = load_pdf(scanned_pdf, ocr=False)
    assert (doc.pages, doc.ocr, doc.warnings) == ([""], False, [])
