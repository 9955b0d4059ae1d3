"""PDF files: text page by page with pypdfium2, OCR for scanned pages.

Per page, ``textpage.get_text_range()`` gives the text layer; it is mended:

- pdfium writes a hyphen at a line end as U+FFFE (sometimes U+0002) and drops
  the line break. A soft hyphenation is joined: ``ledar⟨FFFE⟩skap`` →
  ``ledarskap``. A real hyphen is kept: where the document writes the word
  with that hyphen elsewhere and never without (``Ja⟨FFFE⟩proposition`` →
  ``Ja-proposition``, ``e⟨FFFE⟩post`` → ``e-post``); before an elision word
  from ``vocab/hyphenation.toml``, with its line break, unless the joined word
  stands elsewhere in the document (``Informations⟨FFFE⟩och`` →
  ``Informations-⏎och``, ``förskole⟨FFFE⟩till`` → ``förskole-⏎till``, but
  ``in⟨FFFE⟩till`` → ``intill`` where "intill" is written elsewhere); and
  where a digit, a capital or an acronym meets it (``SLK⟨FFFE⟩2024-00078`` →
  ``SLK-2024-00078``, ``2024⟨FFFE⟩2027``, ``EU⟨FFFE⟩projekt`` →
  ``EU-projekt``). A marker with no word after it (end of page) becomes ``-``
  and keeps its line break.
- ``\\r\\n`` and ``\\r`` become ``\\n``; other control characters go; the text
  is NFC-normalised.
- A text layer has no blank lines, but the layout shows paragraphs: where
  the space between two lines exceeds the document's usual line spacing (the
  median space after lines as long as their page's longest: paragraphs
  wrapping) by more than ``PARAGRAPH_GAP`` of a line height (a blank line or
  paragraph spacing in the source, the space before a § heading), or the
  next line starts higher up the page (a new column, furniture drawn out of
  order), a blank line is written, as in the text version of the protocol.
  Segmentation needs them: a title ends at a blank line, an unknown heading
  stands between two.

A page whose text layer has almost nothing (fewer than ``MIN_TEXT_CHARS``
non-space characters) but draws an image or many paths is taken for a scan:
it is rendered at ``OCR_DPI`` and read by tesseract (``ocr=None``, the
default). ``ocr=True`` reads every page by OCR, ``ocr=False`` never.

Pages whose text layer shows a roll-call sheet (``Omröstningslista nr. 1``,
``Ja Nej Avst Frånv``) are read again from their layout
(:mod:`beslutsparser.load.layout`) into ``Document.roll_calls``.

With ``fonts=True`` each page also gets ``(start, end, size, bold)`` runs over
its final string. Size and font are read at the first character of each word
(a font change inside a word is not seen); bold means a font name with
Bold/Black/Heavy/Semibold/Demi, the ForceBold flag or a weight of 600 and up.
It makes loading about twice as slow (about 760 against 1,760 pages/s in
``benchmarks/bench_pdf.py`` here), so it is off by default.

Bad files raise :class:`LoadError`: ``unreadable``, ``corrupt-pdf`` (no
``%PDF`` header, no ``%%EOF`` at the end — a truncated file — or pdfium
cannot parse it), ``encrypted`` (the empty password does not open it),
``empty`` (no pages), ``ocr-unavailable`` (OCR needed for every page or
forced, and tesseract or its Swedish model missing). Trouble with one page
is a warning with its page number: ``pdf-page-error`` (pdfium cannot read
it; its text is ``""``), ``ocr-failed``, ``ocr-low-confidence`` (mean word
confidence under 70), ``ocr-unavailable`` (a scanned page in a document
that has text elsewhere).
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import math
import statistics
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Collection, Container, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from .. import vocab
from ..model import Warning
from . import Document, LoadError
from . import ocr as ocr_mod
from .layout import roll_call_pages, roll_calls

OCR_DPI = 300
MIN_TEXT_CHARS = 40
"""A page with fewer non-space characters than this has no real text layer."""
MIN_PATHS_FOR_SCAN = 50
"""Outlined text: a page with no text but this many path objects is OCR'd too."""
TAIL_BYTES = 1024
PARAGRAPH_GAP = 0.5
FULL_LINE = 0.85
"""A line this share of the page's longest (in characters) or longer is wrapped: the next line goes on its paragraph."""
SINGLE_SPACING = 0.25
"""Space between lines (in line heights) taken for usual in a document with no wrapped line."""
"""Space beyond the usual line spacing, in line heights, that ends a paragraph (a blank line in the text)."""

FontRun = tuple[int, int, float, bool]

_MARKERS = "\ufffe\u0002"
_NORMALISE = regex.compile(r"[\uFFFE\u0002](?:\r\n|\r|\n)?|\r\n?|[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f]")
_WORD_BEFORE = regex.compile(r"\w+$")
_WORD_AFTER = regex.compile(r"\w+")
_WORD = regex.compile(r"\S+")
_TOKEN = regex.compile(r"\w+(?:-\w+)*")
_MARKER = regex.compile(f"[{_MARKERS}]")
_BOLD_NAME = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
_FORCE_BOLD = 1 << 18
_BOLD_WEIGHT = 600


@cache
def _elision_words() -> frozenset[str]:
    return frozenset(vocab.load("hyphenation")["elision_words"])


class Lexicon:
    """The words of a document (case-folded), gathered when first asked for: evidence for a line-end hyphen."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._texts = texts
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = frozenset(w.casefold() for text in self._texts for w in _TOKEN.findall(text))
        return isinstance(word, str) and word.casefold() in self._words


def _hyphen(raw: str, match: regex.Match[str], words: Container[str]) -> str:
    """What a U+FFFE / U+0002 line-end marker stands for (see the module docstring)."""
    line_break = "\n" if match.end() - match.start() > 1 else ""
    before = _WORD_BEFORE.search(raw, max(0, match.start() - 64), match.start())
    after = _WORD_AFTER.match(raw, match.end())
    if before is None or after is None:
        return "-" + line_break
    head, tail = before.group(), after.group()
    joined = head + tail
    if f"{head}-{tail}" in words and joined not in words:
        return "-"
    if tail.casefold() in _elision_words() and joined not in words:
        return "-\n"
    if head[-1].isalpha() and tail[0].islower() and not (len(head) > 1 and head.isupper()):
        return ""
    return "-"


@dataclass
class OffsetMap:
    """Replacements made to a raw page string, to carry offsets over."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    new_starts: list[int] = field(default_factory=list)
    new_lengths: list[int] = field(default_factory=list)

    def map(self, offset: int) -> int:
        """The offset in the new string of raw ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return offset
        if offset < self.ends[i]:
            return self.new_starts[i] + min(offset - self.starts[i], self.new_lengths[i])
        return self.new_starts[i] + self.new_lengths[i] + offset - self.ends[i]


def _replacement(raw: str, match: regex.Match[str], gaps: Collection[int], words: Container[str]) -> str:
    char = match.group()[0]
    if char in _MARKERS:
        return _hyphen(raw, match, words)
    if char == "\r":
        return "\n\n" if match.start() in gaps else "\n"
    return ""


def mend_text(raw: str, gaps: Collection[int] = (), words: Container[str] = frozenset()) -> str:
    """The raw pdfium page text with hyphen markers, line ends and control characters mended.

    ``gaps`` holds the offsets of the line breaks (``\\r\\n``) that become a blank line;
    ``words`` the document's words (a :class:`Lexicon`), evidence for the hyphens.
    """
    return _NORMALISE.sub(lambda match: _replacement(raw, match, gaps, words), raw)


def mend_text_mapped(
    raw: str, gaps: Collection[int] = (), words: Container[str] = frozenset()
) -> tuple[str, OffsetMap]:
    """:func:`mend_text`, and the map of raw offsets to offsets in the mended text."""
    parts: list[str] = []
    offsets = OffsetMap()
    last = 0
    size = 0
    for match in _NORMALISE.finditer(raw):
        new = _replacement(raw, match, gaps, words)
        parts.append(raw[last : match.start()])
        size += match.start() - last
        offsets.starts.append(match.start())
        offsets.ends.append(match.end())
        offsets.new_starts.append(size)
        offsets.new_lengths.append(len(new))
        parts.append(new)
        size += len(new)
        last = match.end()
    parts.append(raw[last:])
    return "".join(parts), offsets


def _nfc(text: str, runs: list[FontRun]) -> tuple[str, list[FontRun]]:
    """NFC-normalise ``text`` run by run, so that the run offsets stay exact."""
    if unicodedata.is_normalized("NFC", text):
        return text, runs
    parts: list[str] = []
    out: list[FontRun] = []
    pos = 0
    for start, end, size, bold in runs:
        piece = unicodedata.normalize("NFC", text[start:end])
        parts.append(piece)
        out.append((pos, pos + len(piece), size, bold))
        pos += len(piece)
    return "".join(parts), out


class _FontReader:
    """Size and boldness of a character, with the bold test cached by font name and flags."""

    def __init__(self) -> None:
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._bold: dict[tuple[bytes, int], bool] = {}

    def attrs(self, textpage: pdfium.PdfTextPage, index: int) -> tuple[float, bool]:
        size = round(float(pdfium_c.FPDFText_GetFontSize(textpage, index)), 1)
        pdfium_c.FPDFText_GetFontInfo(textpage, index, self._name, len(self._name), ctypes.byref(self._flags))
        key = (self._name.value, self._flags.value)
        bold = self._bold.get(key)
        if bold is None:
            weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
            bold = (
                bool(_BOLD_NAME.search(key[0].decode("latin-1")))
                or bool(key[1] & _FORCE_BOLD)
                or weight >= _BOLD_WEIGHT
            )
            self._bold[key] = bold
        return size, bold

    def runs(self, textpage: pdfium.PdfTextPage, raw: str) -> list[FontRun]:
        """Runs over ``raw`` (the text layer as pdfium gave it): whitespace joins the run before it."""
        char_index: Callable[[int], int]
        if len(raw) == textpage.count_chars():
            char_index = int
        else:

            def char_index(text_index: int) -> int:
                return int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index))

        runs: list[FontRun] = []
        for word in _WORD.finditer(raw):
            index = char_index(word.start())
            size, bold = self.attrs(textpage, index) if index >= 0 else (0.0, False)
            if runs and runs[-1][2:] == (size, bold):
                runs[-1] = (runs[-1][0], word.end(), size, bold)
            elif runs:
                runs[-1] = (runs[-1][0], word.start(), *runs[-1][2:])
                runs.append((word.start(), word.end(), size, bold))
            else:
                runs.append((0, word.end(), size, bold))
        if runs:
            runs[-1] = (runs[-1][0], len(raw), *runs[-1][2:])
        return runs


def _map_runs(runs: list[FontRun], offsets: OffsetMap) -> list[FontRun]:
    mapped = [(offsets.map(s), offsets.map(e), size, bold) for s, e, size, bold in runs]
    return [run for run in mapped if run[1] > run[0]]


def _check_file(path: Path) -> str:
    """The file's sha256; raise :class:`LoadError` for a file that is no PDF or is cut short."""
    try:
        with path.open("rb") as fh:
            head = fh.read(TAIL_BYTES)
            size = fh.seek(0, 2)
            fh.seek(max(0, size - TAIL_BYTES))
            tail = fh.read()
            fh.seek(0)
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise LoadError("unreadable", f"cannot read {path}: {exc.strerror or exc}") from exc
    if size == 0:
        raise LoadError("corrupt-pdf", "the file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise LoadError("corrupt-pdf", "no %PDF- header in the first 1024 bytes: not a PDF")
    if b"%%EOF" not in tail:
        raise LoadError("corrupt-pdf", "no %%EOF marker at the end: the file is truncated")
    return digest


def _loads_without_pages(path: Path) -> bool:
    """Whether pdfium parses the file (so a failed open meant: no pages).

    pdfium's last-error code is only set on a failed parse, so after a
    successful parse with zero pages it still holds an earlier file's error.
    """
    handle = pdfium_c.FPDF_LoadDocument((str(path) + "\x00").encode("utf-8"), None)
    if not handle:
        return False
    pdfium_c.FPDF_CloseDocument(handle)
    return True


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if _loads_without_pages(path):
            raise LoadError("empty", "the PDF has no pages") from exc
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise LoadError("encrypted", "the PDF needs a password (the empty password does not open it)") from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise LoadError("encrypted", "the PDF uses an unsupported security handler") from exc
        raise LoadError("corrupt-pdf", f"pdfium cannot parse it: {exc}") from exc


def looks_scanned(page: pdfium.PdfPage, text: str) -> bool:
    """No real text layer, but an image (a scan) or many paths (outlined text) on the page."""
    if len("".join(text.split())) >= MIN_TEXT_CHARS:
        return False
    graphics = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH])
    for count, obj in enumerate(graphics, start=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE or count >= MIN_PATHS_FOR_SCAN:
            return True
    return False


def _render_pgm(page: pdfium.PdfPage, dpi: int) -> bytes:
    """The page as an 8-bit grayscale PGM image at ``dpi``."""
    bitmap = page.render(scale=dpi / 72, grayscale=True, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        data = memoryview(bitmap.buffer).cast("B")
        body = (
            bytes(data[: height * stride])
            if stride == width
            else b"".join(bytes(data[r * stride : r * stride + width]) for r in range(height))
        )
    finally:
        bitmap.close()
    return b"P5 %d %d 255\n" % (width, height) + body


class LineSpacing(NamedTuple):
    """The space between a line of the raw page text and the next one."""

    at: int
    """Offset of the line break between them in the raw text."""
    space: float
    """In heights of the next line (its font's ascent to descent): about ``0.3`` in single-spaced text, ``1.3``
    after a blank line; ``inf`` when the next line starts higher up the page (a new column or block)."""
    wrapped: bool
    """Whether the first line (its last row, when a hyphen marker joined rows into it) is about as long as the
    page's longest row (``FULL_LINE`` of its characters or more): a paragraph wraps there."""


def line_spacing(textpage: pdfium.PdfTextPage, raw: str) -> list[LineSpacing]:
    """The space between each line of ``raw`` and the next, measured on loose character boxes.

    A line stands where its first character does; a line into which a hyphen marker
    joined two rows ends where its last character does. One box a line (two for
    joined rows) keeps this cheap.
    """
    to_char: Callable[[int], int] = int
    if len(raw) != textpage.count_chars():

        def to_char(text_index: int) -> int:
            return int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index))

    box = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    ref = ctypes.byref(box)

    def edges(text_index: int) -> tuple[float, float] | None:
        index = to_char(text_index)
        if index < 0 or not get_box(textpage, index, ref) or box.top <= box.bottom:
            return None
        return box.top, box.bottom

    lines = []  # (offset of the line break before the line or -1, length of its last row, first box, last box)
    longest = 0  # characters in the longest row of the page
    start = 0
    for text in raw.split("\r\n"):
        stripped = text.strip()
        first = edges(start + text.index(stripped[0])) if stripped else None
        if first is not None:
            rows = _MARKER.split(stripped) if _MARKERS[0] in stripped or _MARKERS[1] in stripped else [stripped]
            longest = max(longest, *map(len, rows))
            last = edges(start + len(text.rstrip()) - 1) if len(rows) > 1 else first
            lines.append((start - 2, len(rows[-1]), first, last or first))
        start += len(text) + 2
    spacing = []
    for (_, length, _, (top, bottom)), (at, _, (next_top, next_bottom), _) in itertools.pairwise(lines):
        height = next_top - next_bottom
        space = math.inf if next_top > top + height / 2 else (bottom - next_top) / height
        spacing.append(LineSpacing(at, space, length >= FULL_LINE * longest))
    return spacing


def usual_spacing(pages: Iterable[list[LineSpacing]]) -> float:
    """The space between the lines of a paragraph: the median space after lines that fill the text width.

    Not the space seen most often: in a protocol with long lists or appendix tables,
    one-line paragraphs with gaps between them outnumber wrapped lines.
    ``SINGLE_SPACING`` when no line fills the width.
    """
    spaces = [s.space for page in pages for s in page if s.wrapped and s.space != math.inf]
    return statistics.median(spaces) if spaces else SINGLE_SPACING


@dataclass
class _RawPage:
    """A page's text layer as pdfium gives it, before mending; ``runs`` over ``raw`` when fonts are read."""

    raw: str
    runs: list[FontRun] | None
    spacing: list[LineSpacing]

    def mend(self, usual: float, words: Lexicon) -> tuple[str, list[FontRun]]:
        """The page text (hyphens, line ends, paragraph gaps) and its font runs."""
        gaps = {s.at for s in self.spacing if s.space - usual > PARAGRAPH_GAP}
        if self.runs is None:
            return unicodedata.normalize("NFC", mend_text(self.raw, gaps, words)), []
        text, offsets = mend_text_mapped(self.raw, gaps, words)
        return _nfc(text, _map_runs(self.runs, offsets))


def _read_page(page: pdfium.PdfPage, reader: _FontReader | None) -> _RawPage:
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        return _RawPage(raw, reader.runs(textpage, raw) if reader else None, line_spacing(textpage, raw))
    finally:
        textpage.close()


@dataclass
class _Loader:
    """The page loop: text, fonts, OCR decisions and warnings, page by page.

    Text-layer pages are mended in :meth:`finish`, once the document's usual
    line spacing is known; a page read by OCR (or lost to an error) is final text.
    """

    ocr: bool | None
    reader: _FontReader | None
    pages: list[_RawPage | str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    fonts: list[list[FontRun]] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    ocr_pages: int = 0
    ocr_missing: list[int] = field(default_factory=list)
    ocr_status: str | None = None

    def add(self, pdf: pdfium.PdfDocument, index: int) -> None:
        """Read page ``index``; a page pdfium cannot read becomes ``""`` and a warning."""
        number = index + 1
        read: _RawPage | str = ""
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            self._page_error(number, exc)
        else:
            try:
                read = _read_page(page, self.reader)
                if self._wants_ocr(page, read.raw, number) and (text := self._ocr_page(page, number)) is not None:
                    read = text
            except pdfium.PdfiumError as exc:
                self._page_error(number, exc)
            finally:
                page.close()
        self.pages.append(read)

    def _page_error(self, number: int, exc: Exception) -> None:
        self.warnings.append(Warning(code="pdf-page-error", message=f"page {number}: {exc}", page=number))

    def _wants_ocr(self, page: pdfium.PdfPage, text: str, number: int) -> bool:
        """Whether to OCR the page; a scan that cannot be read is noted, forced OCR that cannot run raises."""
        if not (self.ocr is True or (self.ocr is None and looks_scanned(page, text))):
            return False
        self.ocr_status = ocr_mod.tesseract_status(ocr_mod.TESSERACT_CMD, ocr_mod.OCR_LANG)
        if self.ocr_status is None:
            return True
        if self.ocr is True:
            raise LoadError("ocr-unavailable", f"OCR was asked for: {self.ocr_status}")
        self.ocr_missing.append(number)
        return False

    def _ocr_page(self, page: pdfium.PdfPage, number: int) -> str | None:
        """OCR text of the page, or None (with a warning) when tesseract fails on it."""
        try:
            result = ocr_mod.ocr_image(_render_pgm(page, OCR_DPI), dpi=OCR_DPI, cmd=ocr_mod.TESSERACT_CMD)
        except ocr_mod.OcrError as exc:
            self.warnings.append(Warning(code="ocr-failed", message=f"page {number}: {exc}", page=number))
            return None
        self.ocr_pages += 1
        if result.confidence is None or result.confidence < ocr_mod.LOW_CONFIDENCE:
            shown = "no words" if result.confidence is None else f"mean word confidence {result.confidence:.0f}"
            self.warnings.append(
                Warning(code="ocr-low-confidence", message=f"page {number} read by OCR: {shown}", page=number)
            )
        return unicodedata.normalize("NFC", result.text)

    def finish(self) -> None:
        """Mend the text-layer pages; warn about scans left unread, or raise when nothing at all could be read."""
        layers = [p for p in self.pages if isinstance(p, _RawPage)]
        usual = usual_spacing(p.spacing for p in layers)
        words = Lexicon([p.raw for p in layers])
        for page in self.pages:
            text, runs = page.mend(usual, words) if isinstance(page, _RawPage) else (page, [])
            self.texts.append(text)
            self.fonts.append(runs)
        if not self.ocr_missing:
            return
        if not any(t.strip() for t in self.texts):
            raise LoadError("ocr-unavailable", f"the PDF is scanned and cannot be read: {self.ocr_status}")
        self.warnings += [
            Warning(code="ocr-unavailable", message=f"page {n} looks scanned; not read: {self.ocr_status}", page=n)
            for n in self.ocr_missing
        ]


def load_pdf(path: str | Path, *, ocr: bool | None = None, fonts: bool = False) -> Document:
    """Load the PDF at ``path``: one string a page (1-based page N is ``pages[N-1]``).

    ``ocr``: None reads scanned pages by OCR, True every page, False none.
    ``fonts``: also give ``(start, end, size, bold)`` runs per page.
    Raises :class:`LoadError` only; page-level trouble becomes a warning.
    """
    p = Path(path)
    digest = _check_file(p)
    pdf = _open(p)
    loader = _Loader(ocr=ocr, reader=_FontReader() if fonts else None)
    try:
        for index in range(len(pdf)):
            loader.add(pdf, index)
    finally:
        pdf.close()
    loader.finish()
    sheets = [i for i in roll_call_pages(loader.texts) if isinstance(loader.pages[i], _RawPage)]
    return Document(
        pages=loader.texts,
        format="pdf",
        sha256=digest,
        path=str(path),
        ocr=loader.ocr_pages > 0,
        warnings=loader.warnings,
        fonts=loader.fonts if fonts else None,
        roll_calls=roll_calls(p, sheets, warnings=loader.warnings) if sheets else [],
    )
