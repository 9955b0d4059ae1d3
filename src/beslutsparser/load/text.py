"""Text files: bytes to pages, with the encoding detected and Unicode mended.

Forms handled:
- UTF-8 with or without BOM; UTF-16 with BOM.
- cp1252 (Windows Swedish, "Miljö- och byggnämnden" as ``b"Milj\\xf6"``) and
  latin-1, detected when the bytes are not UTF-8; a warning names the encoding.
- Form feeds (``\\f``, as ``pdftotext`` writes them) split pages.
- NFC normalisation, so "ö" written as "o" + U+0308 becomes one character.
- Text that came out of OCR elsewhere, with no ``§`` at all but its misreadings opening two or
  more items (``$ 12 Budget``, ``8 13 Taxor``): the signs are mended as on the OCR route
  (:func:`beslutsparser.load.ocr.fix_section_signs`), with an ``ocr-section-signs`` warning.

Empty files and binary junk raise :class:`LoadError` with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata

from ..model import Warning
from . import Document, LoadError
from .ocr import fix_section_signs

# Control characters that never occur in a text file (tab, LF, VT, FF, CR excluded).
_CONTROL = bytes(sorted(frozenset(range(32)) - {9, 10, 11, 12, 13}))


def decode(data: bytes) -> tuple[str, str, list[Warning]]:
    """Decode ``data``; return ``(text, encoding, warnings)`` or raise :class:`LoadError`."""
    if not data.strip():
        raise LoadError("empty", "the file is empty")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name, []
            except UnicodeDecodeError as exc:
                raise LoadError("bad-encoding", f"{name} byte order mark but invalid bytes: {exc.reason}") from exc
    sample = data[:65536]
    junk = len(sample) - len(sample.translate(None, _CONTROL))
    if b"\x00" in sample or junk > len(sample) * 0.01:
        raise LoadError("binary", "the file is binary, not text or PDF")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text, name = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, name = data.decode("latin-1"), "latin-1"
    warning = Warning(code="encoding", message=f"not UTF-8; read as {name}")
    return text, name, [warning]


def load_text_bytes(data: bytes, path: str | None = None) -> Document:
    """A :class:`Document` from the bytes of a text file."""
    text, encoding, warnings = decode(data)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise LoadError("empty", "the file holds no text")
    if "§" not in text and (mended := fix_section_signs(text)).count("§") >= 2:
        text = mended
        warnings.append(Warning(code="ocr-section-signs", message="no § in the text; OCR's misreadings of § "
                                f"($, &, 8, S) read as § ({text.count('§')} places)"))
    pages = text.split("\f")
    return Document(
        pages=pages,
        format="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
        encoding=encoding,
        warnings=warnings,
    )
