"""The PDF route end to end: protocols rendered to PDF, parsed back with the CLI, scored by the referee.

- Every corpus document (``../shared/corpus/docs``) becomes a text-layer PDF with the furniture real
  protocols carry: running heads (``SAMMANTRÄDESPROTOKOLL``, the organ, ``Sammanträdesdatum …``),
  the ``Justerandes sign  Utdragsbestyrkande`` signature boxes and ``3 (12)`` page numbers, over
  justified, hyphenated body text (on top of the Göteborg furniture the texts hold themselves).
  The referee's figures for the PDFs must equal those for the texts, field by field, within
  ``TOLERANCE``.
- A few fixtures become image-only PDFs (noisy, slightly skewed scans) read by OCR; they must
  reach ``OCR_FLOORS``. A mixed document (one page scanned) is read with ``source.ocr`` true and
  its decisions on the right pages.
- Provenance: every span of a PDF record has a 1-based page, and the text at the span stands on
  that page of the PDF (pypdfium2's text of the page).

Renders and parses run once per session, two processes at a time. The corpus goes through the command
line's entry point in forked workers (the interpreter start-up and imports cost seconds a document);
the scans and the mixed document through ``beslutsparser parse`` in a subprocess.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import regex

import pdfgen
from beslutsparser.cli import main
from conftest import CORPUS_DOCS, CORPUS_GOLD, FIXTURES, SCORER, cli

CORPUS_STEMS = sorted(doc.stem for doc in CORPUS_DOCS.glob("*.txt"))
TOLERANCE = 0.01
WORKERS = 2
FONT_SIZE = 9.0
"""A line of the sources (about 95 characters) fits a line of the page, as it did in their originals."""
OCR_FIXTURES = (  # 8 pages in all
    "granvik_kf_protokollsutdrag_2023-09-25",
    "vasterfjall_rs_protokollsutdrag_2023-12-12",
    "storforsa_snau_2019-05-14",
)
OCR_FLOORS = {"paragraphs": 0.95, "case_numbers": 0.90}
MIXED = "hemsjo_ks_2018-03-06"
MIXED_SCANNED = 4  # the page with § 31 and § 32
FOOTER = ("Justerandes sign", "Utdragsbestyrkande")

_SQUEEZE = regex.compile(r"[\s\-\u00ad\ufffe\u0002]+")
_PARAGRAPH_LINE = regex.compile(r"(?m)^§ ?(\d+)")


def running_head(gold: Path) -> tuple[str, ...]:
    """The running head of a protocol: ``SAMMANTRÄDESPROTOKOLL``, its organ and ``Sammanträdesdatum <date>``,
    as far as its gold's meeting records them (a head states nothing the document does not)."""
    meeting = json.loads(gold.read_text(encoding="utf-8")).get("meeting") or {}
    organ = [meeting["organ"]] if meeting.get("organ") else []
    date = [f"Sammanträdesdatum {meeting['date']}"] if meeting.get("date") else []
    return ("SAMMANTRÄDESPROTOKOLL", *organ, *date)


def fixture_text(stem: str) -> str:
    """A fixture document's text (one of them is Windows-1252)."""
    data = (FIXTURES / "docs" / f"{stem}.txt").read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


@dataclass(frozen=True)
class Render:
    """One PDF to render: ``text`` under the running head ``head``; ``scanned``: as page images only."""

    text: str
    path: Path
    head: tuple[str, ...]
    scanned: bool = False

    def __call__(self) -> Path:
        layout: dict[str, Any] = {
            "running_head": self.head,
            "footer": FOOTER,
            "font_size": FONT_SIZE,
            "fit_pages": "\f" in self.text,  # keep the source's pagination and its furniture at the page ends
        }
        if self.scanned:
            return pdfgen.render_scanned_pdf(self.text, self.path, **layout)
        return pdfgen.render_text_pdf(self.text, self.path, **layout)


def _run(job: Callable[[], Path]) -> Path:
    return job()


def render_all(jobs: list[Render]) -> None:
    """Render the PDFs, ``WORKERS`` at a time."""
    with ProcessPoolExecutor(WORKERS) as pool:
        list(pool.map(_run, jobs))


def cli_subprocess(path: Path) -> str:
    """``beslutsparser parse PATH`` run as a user runs it; its standard output."""
    done = cli("parse", str(path))
    assert done.returncode == 0, f"{path.name}: {done.stderr[-500:]}"
    return done.stdout


def cli_in_process(path: Path) -> str:
    """``beslutsparser parse PATH`` through the command line's entry point in this (forked) process: the same
    arguments, record and output, without an interpreter start-up and imports (seconds a document)."""
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8")
    with contextlib.redirect_stdout(stdout):
        status = main(["parse", str(path)])
        stdout.flush()
    assert status == 0, path.name
    return out.getvalue().decode("utf-8")


def parse_all(sources: dict[str, Path], out: Path, run: Callable[[Path], str]) -> dict[str, dict[str, Any]]:
    """``run`` (a way of calling the CLI) on each source, ``WORKERS`` processes at a time; the records, also written
    to ``out/<stem>.json`` for the referee."""
    out.mkdir(parents=True, exist_ok=True)
    stems = sorted(sources)
    with ProcessPoolExecutor(WORKERS) as pool:
        printed = list(pool.map(run, [sources[stem] for stem in stems]))
    for stem, text in zip(stems, printed, strict=True):
        (out / f"{stem}.json").write_text(text, encoding="utf-8")
    return {stem: json.loads(text) for stem, text in zip(stems, printed, strict=True)}


def score(gold: Path, pred: Path, *floors: str) -> dict[str, Any]:
    """The referee's verdict (``--json``) on the predictions in ``pred``."""
    args = [arg for spec in floors for arg in ("--min", spec)]
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.stdout, done.stderr
    verdict: dict[str, Any] = json.loads(done.stdout)
    return verdict


def squeeze(text: str) -> str:
    """Text compared across a PDF's text layer and a clean record: no blanks, hyphens or hyphen markers."""
    return _SQUEEZE.sub("", unicodedata.normalize("NFC", text))


def page_texts(path: Path) -> list[str]:
    """pypdfium2's text of each page of ``path``."""
    pdf = pdfium.PdfDocument(path)
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every object of a record that has a ``span``."""
    if isinstance(node, dict):
        if node.get("span") is not None:
            yield node
        for value in node.values():
            yield from spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from spans(value)


def unpaged(record: dict[str, Any]) -> list[tuple[Any, Any]]:
    """``(span, page)`` of the spans of ``record`` without a page from 1 to ``source.pages``."""
    pages = record["source"]["pages"]
    return [
        (item["span"], item.get("page"))
        for item in spans(record)
        if not (isinstance(item.get("page"), int) and 1 <= item["page"] <= pages)
    ]


@dataclass
class Corpus:
    """The corpus through both routes: PDFs, and each route's predictions (folders and records)."""

    pdfs: dict[str, Path]
    text_pred: Path
    pdf_pred: Path
    text_records: dict[str, dict[str, Any]]
    pdf_records: dict[str, dict[str, Any]]


@pytest.fixture(scope="session")
def corpus(corpus_docs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("pdf-route")
    jobs = [
        Render(
            doc.read_text(encoding="utf-8"), root / f"{doc.stem}.pdf", running_head(CORPUS_GOLD / f"{doc.stem}.json")
        )
        for doc in corpus_docs
    ]
    render_all(jobs)
    pdfs = {job.path.stem: job.path for job in jobs}
    texts = {doc.stem: doc for doc in corpus_docs}
    return Corpus(
        pdfs=pdfs,
        text_pred=root / "text",
        pdf_pred=root / "pdf",
        text_records=parse_all(texts, root / "text", cli_in_process),
        pdf_records=parse_all(pdfs, root / "pdf", cli_in_process),
    )


def test_pdf_route_scores_as_the_text_route(corpus: Corpus) -> None:
    text = score(CORPUS_GOLD, corpus.text_pred)
    pdf = score(CORPUS_GOLD, corpus.pdf_pred)
    assert (text["failures"], pdf["failures"]) == ([], [])
    assert set(pdf["figures"]) == set(text["figures"])
    off = {
        field: (round(text["figures"][field], 3), round(pdf["figures"][field], 3))
        for field in text["figures"]
        if abs(pdf["figures"][field] - text["figures"][field]) > TOLERANCE
    }
    pdf_only = [miss for miss in pdf["misses"] if miss not in set(text["misses"])]
    assert not off, f"fields (text, pdf) apart: {off}; misses of the PDF route only: {pdf_only[:10]}"


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_pdf_record_describes_its_source(corpus: Corpus, stem: str) -> None:
    record = corpus.pdf_records[stem]
    source = record["source"]
    assert (source["format"], source["ocr"]) == ("pdf", False)
    assert source["pages"] == len(pdfium.PdfDocument(corpus.pdfs[stem]))
    assert [d["paragraph"] for d in record["decisions"]] == [
        d["paragraph"] for d in corpus.text_records[stem]["decisions"]
    ]


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_every_span_has_its_page(corpus: Corpus, stem: str) -> None:
    assert unpaged(corpus.pdf_records[stem]) == []


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_text_at_a_span_stands_on_its_page(corpus: Corpus, stem: str) -> None:
    """The first line of every span (a decision's ``§ 12 …`` line, a heading, a date) is on its page."""
    record = corpus.pdf_records[stem]
    pages = [squeeze(text) for text in page_texts(corpus.pdfs[stem])]
    text = record["text"]
    elsewhere = []
    checked = 0
    for item in spans(record):
        start, end = item["span"]
        first = squeeze(text[start:end].split("\n", 1)[0])[:40]
        if first:
            checked += 1
            if first not in pages[item["page"] - 1]:
                elsewhere.append((text[start:end][:60], item["page"]))
    assert elsewhere == []
    assert checked >= len(record["decisions"]) > 0


@pytest.fixture(scope="session")
def ocr_route(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, dict[str, Any]]]:
    """The OCR fixtures as scans: a gold folder of their gold, and their predictions."""
    root = tmp_path_factory.mktemp("ocr-route")
    gold = root / "gold"
    gold.mkdir()
    jobs = []
    for stem in OCR_FIXTURES:
        shutil.copy(FIXTURES / "gold" / f"{stem}.json", gold)
        jobs.append(Render(fixture_text(stem), root / f"{stem}.pdf", running_head(gold / f"{stem}.json"), scanned=True))
    render_all(jobs)
    records = parse_all({job.path.stem: job.path for job in jobs}, root / "pred", cli_subprocess)
    return gold, root / "pred", records


def test_ocr_route_reaches_its_floors(ocr_route: tuple[Path, Path, dict[str, dict[str, Any]]]) -> None:
    gold, pred, records = ocr_route
    assert all(record["source"]["ocr"] for record in records.values())
    verdict = score(gold, pred, *(f"{field}={floor}" for field, floor in OCR_FLOORS.items()))
    assert (verdict["failures"], verdict["short"], verdict["unmeasured"]) == ([], [], []), verdict["misses"][:10]


def test_mixed_document_pages(tmp_path: Path) -> None:
    """Page 4 scanned, the rest text: read with OCR where needed, and each § on the page it stands on."""
    text = fixture_text(MIXED)
    head = running_head(FIXTURES / "gold" / f"{MIXED}.json")
    twin = Render(text, tmp_path / "text.pdf", head)()
    mixed = pdfgen.rasterise_pdf(twin, tmp_path / "mixed.pdf", pages={MIXED_SCANNED})
    record = json.loads(cli_subprocess(mixed))
    assert (record["source"]["ocr"], record["source"]["pages"]) == (True, len(pdfium.PdfDocument(twin)))
    on_page = {
        int(number): page
        for page, page_text in enumerate(page_texts(twin), start=1)
        for number in _PARAGRAPH_LINE.findall(page_text)
    }
    assert MIXED_SCANNED in on_page.values()
    assert {d["paragraph"]: d["page"] for d in record["decisions"]} == on_page
    assert unpaged(record) == []
