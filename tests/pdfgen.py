"""Fixture PDFs: protocol text rendered in the layouts real protocols use.

The loader tests and the integrator's end-to-end tests feed these files to
``load_pdf``. Every renderer takes a protocol *text* (a corpus document, a
fixture of ``tests/fixtures``, or a string written in the test) and writes a
PDF:

- :func:`render_text_pdf`: reportlab, a label/value grid on page 1, running
  heads (drawn before the body, so first in the text layer), a signature
  footer and ``3 (12)`` page numbers (drawn after it) on every page,
  justified body text hyphenated with a real ``-`` glyph at line ends, and an
  optional roll-call table (``Namn / Parti / Ja / Nej / Avstår /
  Frånvarande`` with ``X`` marks) and optional Mölndal-style
  ``Omröstningslista nr. N`` sheets (:class:`RollCallSheet`) at the end.
- :func:`render_libreoffice_pdf`: the same text as a flat ODT (``.fodt``,
  written here by hand) converted by ``soffice --headless``, so the text layer
  comes from a second, independent PDF producer.
- :func:`render_scanned_pdf`: the pages of :func:`render_text_pdf`
  rasterised with light noise and a slight skew and wrapped as image-only
  pages (all pages, or only some for a mixed document).
- :func:`encrypt_pdf`: a copy with user and/or owner passwords.

Markup in the text, line by line:

- ``§ 12 Titel`` (any line starting ``§`` and a number) or a line starting
  ``# `` is a § heading: bold and larger.
- a line starting ``## `` is a section heading: bold. A short standalone line
  (at most four words, no digits, no closing punctuation, capitalised, like
  ``Beslut`` or ``Protokollsutdrag skickas till``) is one too.
- ``- `` / ``• `` lines are list items, kept one a line.
- a form feed starts a new page; a blank line ends a paragraph.
- other lines are body text. A line of 60 characters or more continues into
  the next body line (the source was wrapped), so paragraphs are re-flowed
  into the page width, unless it ends a sentence and the next line's first
  word would have fitted on it (within ``WIDTH_SLACK`` of the source's
  longest line, as characters of a proportional font vary in width): then
  the next line starts a new paragraph, as list items and one-line
  paragraphs do. Shorter lines stay lines.

Fonts are DejaVu Sans (Debian ``fonts-dejavu-core``), which has Swedish
letters and ``§``.
"""

from __future__ import annotations

import math
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

import numpy as np
import pypdfium2 as pdfium
import regex
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

DEFAULT_RUNNING_HEAD = ("SAMMANTRÄDESPROTOKOLL", "Kommunstyrelsen", "Sammanträdesdatum 2021-03-15")
DEFAULT_FOOTER = ("Justerandes sign", "Utdragsbestyrkande")
DEFAULT_HEADER_GRID: dict[str, str] = {
    "Plats och tid": "Stadshuset, sammanträdesrum Älven, kl. 13.00–16.30",
    "Beslutande": "Anna Andersson (S), ordförande\nBo Berg (M)\nCecilia Ek (V)",
    "Övriga närvarande": "Dan Dahl, sekreterare",
    "Utses att justera": "Bo Berg",
    "Justeringens plats och tid": "Stadshuset 2021-03-19",
    "Paragrafer": "§§ 10–14",
}
ROLL_CALL_COLUMNS = ("Ja", "Nej", "Avstår", "Frånvarande")
SHEET_COLUMNS = ("Ja", "Nej", "Avst", "Frånv")

PAGE_W, PAGE_H = A4
MARGIN = 25 * mm
TOP = 38 * mm  # room for the running head
BOTTOM = 30 * mm  # room for the signature boxes
FRAME_PADDING = 6  # reportlab's default frame padding, on every side
FRAME_W = PAGE_W - 2 * MARGIN - 2 * FRAME_PADDING
FIT_SLACK = 1.05  # room left on a page made to fit its text

_SECTION_SIGN_LINE = regex.compile(r"^§\s?\d+\b")
_SHORT_HEADING = regex.compile(r"^\p{Lu}[\p{L} ]{0,38}[\p{L}]$")
_BULLET = regex.compile(r"^[-•]\s")
CONTINUED_LINE = 60  # a source line this long may have been wrapped: join it with the next body line
WIDTH_SLACK = 1.1  # a word fits on a source line when it keeps the line this much within its width
_SENTENCE_END = regex.compile(r"[.:;!?]$")

BlockKind = Literal["item", "heading", "body", "bullet", "gap", "page"]


@dataclass(frozen=True)
class Block:
    """One rendered unit: a heading, a body paragraph, a list item, a gap or a page break."""

    kind: BlockKind
    text: str = ""


RollCallRow = tuple[str, str, str]
"""``(namn, parti, röst)``; the vote is one of :data:`ROLL_CALL_COLUMNS`."""


@dataclass(frozen=True)
class SheetRow:
    """One member's row on a :class:`RollCallSheet`; ``vote`` is one of :data:`SHEET_COLUMNS`.

    ``substitute`` names the ersättare who served (and voted) in the member's place.
    """

    name: str
    party: str
    vote: str
    substitute: str = ""


@dataclass(frozen=True)
class RollCallSheet:
    """A Mölndal ``Omröstningslista nr. N``: one vote's roll call, on pages of its own.

    Every page repeats the title, the ``paragraph`` line (``§ 82. Svar på motion …``) and the
    ``Ledamöter / Parti / Ersättare / Ja / Nej / Avst / Frånv`` header; it holds ``rows_per_page``
    rows, the party written ``(S)``, a ``mark`` in the vote's column, and every page but the last
    ends with a ``Transport:`` row of the running counts.
    """

    number: int
    paragraph: str
    rows: Sequence[SheetRow]
    rows_per_page: int = 30
    mark: str = "X"


def _line_kind(line: str) -> tuple[BlockKind, str]:
    if line.startswith("# "):
        return "item", line[2:].strip()
    if line.startswith("## "):
        return "heading", line[3:].strip()
    if _SECTION_SIGN_LINE.match(line):
        return "item", line
    if _BULLET.match(line):
        return "bullet", line
    if len(line.split()) <= 4 and _SHORT_HEADING.match(line):
        return "heading", line
    return "body", line


def _wrap_width(lines: list[str]) -> float:
    """The width the source text was wrapped at (its longest line), with ``WIDTH_SLACK``."""
    return WIDTH_SLACK * max((len(line.strip()) for line in lines), default=0)


def _continues(previous: str, line: str, width: float) -> bool:
    """Whether body ``line`` continues the paragraph of ``previous`` (a source line wrapped there)."""
    if len(previous) < CONTINUED_LINE:
        return False
    return not _SENTENCE_END.search(previous) or len(previous) + 1 + len(line.split()[0]) > width


def parse_blocks(text: str) -> list[Block]:
    """The text as blocks, by the markup rules of the module docstring."""
    lines = text.replace("\r\n", "\n").split("\n")
    width = _wrap_width([part for raw in lines for part in raw.split("\f")])
    blocks: list[Block] = []
    previous = ""  # the last body line, while it may continue
    for raw in lines:
        for n, part in enumerate(raw.split("\f")):
            if n:
                blocks.append(Block("page"))
                previous = ""
            line = part.strip()
            if not line:
                if blocks and blocks[-1].kind not in ("gap", "page"):
                    blocks.append(Block("gap"))
                previous = ""
                continue
            kind, content = _line_kind(line)
            if kind == "body" and previous and _continues(previous, line, width):
                blocks[-1] = Block("body", f"{blocks[-1].text} {content}")
            else:
                blocks.append(Block(kind, content))
            previous = line if kind == "body" else ""
    return blocks


def expected_words(text: str) -> list[str]:
    """The words a faithful text layer of the rendered ``text`` holds (markup stripped)."""
    return [w for b in parse_blocks(text) for w in b.text.split()]


def _register_fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _styles(font_size: float, justify: bool, hyphenate: bool) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=font_size,
        leading=font_size * 1.3,
        alignment=TA_JUSTIFY if justify else TA_LEFT,
        hyphenationLang="sv" if hyphenate else "",
        embeddedHyphenation=1,
        splitLongWords=0,
        spaceAfter=0,
    )
    return {
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, alignment=TA_LEFT, leftIndent=12, hyphenationLang=""),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=BOLD, alignment=TA_LEFT, spaceBefore=4, hyphenationLang=""
        ),
        "item": ParagraphStyle(
            "item",
            parent=body,
            fontName=BOLD,
            fontSize=font_size + 3,
            leading=(font_size + 3) * 1.3,
            alignment=TA_LEFT,
            spaceBefore=10,
            spaceAfter=4,
            hyphenationLang="",
        ),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, alignment=TA_LEFT, hyphenationLang=""),
        "cell": ParagraphStyle("cell", parent=body, alignment=TA_LEFT, hyphenationLang=""),
    }


def _header_table(grid: Mapping[str, str], styles: Mapping[str, ParagraphStyle]) -> Table:
    rows = [
        [Paragraph(escape(label), styles["label"]), Paragraph(escape(value).replace("\n", "<br/>"), styles["cell"])]
        for label, value in grid.items()
    ]
    table = Table(rows, colWidths=[50 * mm, PAGE_W - 2 * MARGIN - 50 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _roll_call_table(rows: Sequence[RollCallRow], font_size: float) -> Table:
    data: list[list[str]] = [["Namn", "Parti", *ROLL_CALL_COLUMNS]]
    for name, party, vote in rows:
        data.append([name, party, *("X" if vote == col else "" for col in ROLL_CALL_COLUMNS)])
    table = Table(data, colWidths=[60 * mm, 18 * mm, 16 * mm, 16 * mm, 18 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, font_size - 1),
                ("FONT", (0, 0), (-1, 0), BOLD, font_size - 1),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("ALIGN", (2, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return table


def _sheet_pages(sheet: RollCallSheet, styles: Mapping[str, ParagraphStyle], font_size: float) -> list[Flowable]:
    """The flowables of a :class:`RollCallSheet`, each of its pages after a page break."""
    out: list[Flowable] = []
    counts = dict.fromkeys(SHEET_COLUMNS, 0)
    size = sheet.rows_per_page
    chunks = [sheet.rows[i : i + size] for i in range(0, len(sheet.rows), size)]
    for n, chunk in enumerate(chunks, start=1):
        data: list[list[str]] = [["Ledamöter", "Parti", "Ersättare", *SHEET_COLUMNS]]
        for row in chunk:
            counts[row.vote] += 1
            marks = (sheet.mark if row.vote == col else "" for col in SHEET_COLUMNS)
            data.append([row.name, f"({row.party})", row.substitute, *marks])
        if n < len(chunks):
            data.append(["", "Transport:", "", *(str(counts[col]) for col in SHEET_COLUMNS)])
        table = Table(data, colWidths=[48 * mm, 16 * mm, 40 * mm, 12 * mm, 12 * mm, 12 * mm, 14 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR, font_size - 1),
                    ("FONT", (0, 0), (-1, 0), BOLD, font_size - 1),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.4, colors.black),
                    ("ALIGN", (3, 0), (-1, -1), "CENTER"),
                ]
            )
        )
        out += [
            PageBreak(),
            Paragraph(f"Omröstningslista nr. {sheet.number}", styles["heading"]),
            Paragraph(escape(sheet.paragraph), styles["cell"]),
            Spacer(1, 4 * mm),
            table,
        ]
    return out


def _pages(
    text: str, styles: Mapping[str, ParagraphStyle], header_grid: Mapping[str, str] | None
) -> list[list[Flowable]]:
    """The flowables of each form-feed page of ``text``."""
    pages: list[list[Flowable]] = [[_header_table(header_grid, styles), Spacer(1, 8 * mm)] if header_grid else []]
    for block in parse_blocks(text):
        if block.kind == "page":
            pages.append([])
        elif block.kind == "gap":
            pages[-1].append(Spacer(1, styles["body"].leading * 0.6))
        else:
            pages[-1].append(Paragraph(escape(block.text), styles[block.kind]))
    return pages


def _page_height(content: Sequence[Flowable]) -> float:
    """The height of a page whose frame holds all of ``content`` (A4 at least)."""
    needed = sum(f.wrap(FRAME_W, PAGE_H)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in content)
    return max(PAGE_H, math.ceil(needed * FIT_SLACK + TOP + BOTTOM + 2 * FRAME_PADDING))


def _story(
    pages: Sequence[Sequence[Flowable]], head: Callable[[Canvas, Any], None], fit_pages: bool
) -> tuple[list[PageTemplate], list[Flowable]]:
    """Page templates (the first page's first) and the story that lays ``pages`` out on them."""
    templates: dict[float, PageTemplate] = {}
    story: list[Flowable] = []
    for n, content in enumerate(pages):
        height = _page_height(content) if fit_pages else PAGE_H
        if height not in templates:
            frame = Frame(MARGIN, BOTTOM, PAGE_W - 2 * MARGIN, height - TOP - BOTTOM)
            templates[height] = PageTemplate(id=f"h{height}", frames=[frame], onPage=head, pagesize=(PAGE_W, height))
        if n:
            story += [NextPageTemplate(f"h{height}"), PageBreak()]
        story += content
    return list(templates.values()), story


class _FurnitureCanvas(Canvas):
    """A canvas that ends every page with the signature boxes and ``n (N)``, once N is known."""

    footer: Sequence[str] = ()
    page_numbers: bool = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        x = MARGIN
        for label in self.footer:
            self.setFont(REGULAR, 7)
            self.drawString(x, 22 * mm, label)
            self.rect(x, 10 * mm, 40 * mm, 10 * mm)
            x += 45 * mm
        if self.page_numbers:
            self.setFont(REGULAR, 9)
            self.drawRightString(PAGE_W - MARGIN, self._pagesize[1] - 15 * mm, f"{number} ({total})")


def _running_head(lines: Sequence[str]) -> Callable[[Canvas, Any], None]:
    """An ``onPage`` callback drawing ``lines`` (the first bold) at the top, before the body."""

    def draw(canvas: Canvas, _doc: Any) -> None:
        y = canvas._pagesize[1] - 15 * mm
        for n, line in enumerate(lines):
            canvas.setFont(BOLD if n == 0 else REGULAR, 9)
            canvas.drawString(MARGIN, y, line)
            y -= 11

    return draw


def render_text_pdf(
    text: str,
    path: str | Path,
    *,
    header_grid: Mapping[str, str] | None = None,
    running_head: Sequence[str] = DEFAULT_RUNNING_HEAD,
    footer: Sequence[str] = DEFAULT_FOOTER,
    page_numbers: bool = True,
    roll_call: Sequence[RollCallRow] | None = None,
    roll_call_title: str = "Omröstningslista",
    sheets: Sequence[RollCallSheet] = (),
    font_size: float = 10.0,
    justify: bool = True,
    hyphenate: bool = True,
    fit_pages: bool = False,
) -> Path:
    """Render ``text`` into a text-layer PDF at ``path`` and return the path.

    ``header_grid`` (label → value, values may hold line breaks) becomes a
    two-column grid at the top of page 1; ``running_head`` lines (the first
    bold) and ``n (N)`` stand at the top of every page, the ``footer`` labels
    above signature boxes at the bottom. ``roll_call`` rows make a table after
    the text, under a ``roll_call_title`` § heading; ``sheets`` follow on pages
    of their own (see :class:`RollCallSheet`). ``fit_pages`` keeps the
    text's pagination: each form-feed page goes on one PDF page, made taller
    than A4 when its text needs it (so furniture lines of the source stay at
    the page ends, where they stood in its original); otherwise pages are A4
    and long ones flow on.
    """
    _register_fonts()
    out = Path(path)
    styles = _styles(font_size, justify, hyphenate)
    pages = _pages(text, styles, header_grid)
    if roll_call:
        pages[-1] += [Paragraph(escape(roll_call_title), styles["heading"]), _roll_call_table(roll_call, font_size)]
    for sheet in sheets:
        pages[-1] += _sheet_pages(sheet, styles, font_size)
    canvas_class = type("Furniture", (_FurnitureCanvas,), {"footer": tuple(footer), "page_numbers": page_numbers})
    templates, story = _story(pages, _running_head(tuple(running_head)), fit_pages)
    doc = BaseDocTemplate(str(out), pagesize=A4, pageTemplates=templates, title="Protokoll", invariant=1)
    doc.build(story, canvasmaker=canvas_class)
    return out


def _noisy(image: Image.Image, rng: random.Random, noise: float, skew: float) -> Image.Image:
    gray = image.convert("L").rotate(
        rng.uniform(-skew, skew), resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False
    )
    pixels = np.asarray(gray, dtype=np.float32)
    noisy = pixels + np.random.default_rng(rng.randrange(2**32)).normal(0.0, noise, pixels.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), mode="L")


def rasterise_pdf(
    source: str | Path,
    path: str | Path,
    *,
    pages: Collection[int] | None = None,
    dpi: int = 200,
    noise: float = 12.0,
    skew: float = 0.4,
    seed: int = 0,
) -> Path:
    """Copy ``source`` to ``path`` with ``pages`` (1-based; all if None) replaced by noisy page images."""
    rng = random.Random(seed)
    out = Path(path)
    reader = PdfReader(str(source))
    writer = PdfWriter()
    pdf = pdfium.PdfDocument(Path(source))
    with tempfile.TemporaryDirectory() as tmp:
        for number, page in enumerate(reader.pages, start=1):
            if pages is not None and number not in pages:
                writer.add_page(page)
                continue
            pdf_page = pdf[number - 1]
            bitmap = pdf_page.render(scale=dpi / 72, grayscale=True)
            image = _noisy(bitmap.to_pil(), rng, noise, skew)
            bitmap.close()
            pdf_page.close()
            image_pdf = Path(tmp) / f"{number}.pdf"
            image.save(image_pdf, "PDF", resolution=float(dpi), quality=85)
            writer.add_page(PdfReader(str(image_pdf)).pages[0])
        pdf.close()
        with out.open("wb") as fh:
            writer.write(fh)
    return out


def render_scanned_pdf(
    text: str,
    path: str | Path,
    *,
    pages: Collection[int] | None = None,
    dpi: int = 200,
    noise: float = 12.0,
    skew: float = 0.4,
    seed: int = 0,
    **layout: Any,
) -> Path:
    """Render ``text`` like :func:`render_text_pdf` (``layout`` is passed on), then rasterise ``pages``.

    With ``pages=None`` every page is an image with no text layer; with, say,
    ``pages={2}`` only page 2 is, which makes a mixed document.
    """
    with tempfile.TemporaryDirectory() as tmp:
        source = render_text_pdf(text, Path(tmp) / "text.pdf", **layout)
        return rasterise_pdf(source, path, pages=pages, dpi=dpi, noise=noise, skew=skew, seed=seed)


def encrypt_pdf(
    source: str | Path, path: str | Path, *, user_password: str = "", owner_password: str = "owner"
) -> Path:
    """Copy ``source`` to ``path`` encrypted (AES-128); an empty ``user_password`` opens without one."""
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = Path(path)
    with out.open("wb") as fh:
        writer.write(fh)
    return out


_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="{size}pt" fo:language="sv"
   fo:country="SE" fo:hyphenate="true" fo:hyphenation-remain-char-count="3"
   fo:hyphenation-push-char-count="3"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0cm"/>
 </style:style>
 <style:style style:name="Gap" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.1cm"/>
 </style:style>
 <style:style style:name="Bullet" style:family="paragraph">
  <style:paragraph-properties fo:margin-left="0.4cm"/>
  <style:text-properties fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.15cm"/>
  <style:text-properties fo:font-weight="bold" fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Item" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.15cm"/>
  <style:text-properties fo:font-weight="bold" fo:font-size="{item_size}pt" fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Label" style:family="paragraph">
  <style:text-properties fo:font-weight="bold" fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Furniture" style:family="paragraph">
  <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm"
   style:type="right"/></style:tab-stops></style:paragraph-properties>
  <style:text-properties fo:font-size="8pt" fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="PageBreak" style:family="paragraph">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm"
   fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="1.5cm"
   fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="1cm"
   fo:margin-top="0.5cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header>{header}</style:header>
  <style:footer>{footer}</style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
_FODT_TAIL = "</office:text></office:body></office:document>\n"
_FODT_STYLE = {"item": "Item", "heading": "Heading", "body": "Body", "bullet": "Bullet"}


def _fodt_paragraph(style: str, content: str) -> str:
    return f'<text:p text:style-name="{style}">{content}</text:p>\n'


def _fodt_grid(grid: Mapping[str, str]) -> str:
    rows = "".join(
        "<table:table-row><table:table-cell>"
        + _fodt_paragraph("Label", escape(label))
        + "</table:table-cell><table:table-cell>"
        + "".join(_fodt_paragraph("Body", escape(v)) for v in value.split("\n"))
        + "</table:table-cell></table:table-row>"
        for label, value in grid.items()
    )
    return (
        f'<table:table table:name="Huvud"><table:table-column table:number-columns-repeated="2"/>{rows}</table:table>\n'
    )


def build_fodt(
    text: str,
    *,
    header_grid: Mapping[str, str] | None = None,
    running_head: Sequence[str] = DEFAULT_RUNNING_HEAD,
    footer: Sequence[str] = DEFAULT_FOOTER,
    page_numbers: bool = True,
    font_size: float = 10.0,
) -> str:
    """``text`` as a flat ODT document (XML), with running heads, page numbers and a footer."""
    head_lines = [escape(line) for line in running_head] or [""]
    if page_numbers:
        head_lines[0] += "<text:tab/><text:page-number/> (<text:page-count/>)"
    header = "".join(_fodt_paragraph("Furniture", line) for line in head_lines)
    footer_xml = _fodt_paragraph("Furniture", "<text:s text:c='3'/>".join(escape(f) for f in footer))
    body = [
        _FODT_HEAD.format(size=font_size, item_size=font_size + 3, header=header, footer=footer_xml),
        _fodt_grid(header_grid) if header_grid else "",
    ]
    for block in parse_blocks(text):
        if block.kind == "page":
            body.append(_fodt_paragraph("PageBreak", ""))
        elif block.kind == "gap":
            body.append(_fodt_paragraph("Gap", ""))
        else:
            body.append(_fodt_paragraph(_FODT_STYLE[block.kind], escape(block.text)))
    body.append(_FODT_TAIL)
    return "".join(body)


def render_libreoffice_pdf(
    text: str,
    path: str | Path,
    *,
    header_grid: Mapping[str, str] | None = None,
    running_head: Sequence[str] = DEFAULT_RUNNING_HEAD,
    footer: Sequence[str] = DEFAULT_FOOTER,
    page_numbers: bool = True,
    font_size: float = 10.0,
    timeout: float = 180.0,
) -> Path:
    """Render ``text`` through LibreOffice (flat ODT → ``soffice --headless --convert-to pdf``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice not found: apt-get install libreoffice-writer-nogui")
    out = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{out.stem}.fodt"
        source.write_text(
            build_fodt(
                text,
                header_grid=header_grid,
                running_head=running_head,
                footer=footer,
                page_numbers=page_numbers,
                font_size=font_size,
            ),
            encoding="utf-8",
        )
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        shutil.move(str(source.with_suffix(".pdf")), out)
    return out
