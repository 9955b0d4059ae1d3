"""The stages in order: load → clean → segment → extract → assemble.

Nothing but the order of the stages lives here: each stage is its own module.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .assemble import assemble
from .clean import clean
from .load import Document, load
from .load.text import load_text_bytes
from .model import Protocol
from .segment import segment


def run(doc: Document, *, reference_date: date | None = None) -> Protocol:
    """A loaded document through clean, segment, extract and assemble."""
    cleaned = clean(doc)
    segmented = segment(cleaned.text)
    return assemble(doc, cleaned, segmented, reference_date=reference_date)


def parse(path: str | Path, *, reference_date: date | None = None, ocr: bool | None = None) -> Protocol:
    """Parse a protocol file (PDF or text) into a :class:`Protocol` record.

    Raises :class:`beslutsparser.load.LoadError` for input that cannot be read.
    """
    return run(load(str(path), ocr=ocr), reference_date=reference_date)


def parse_text(text: str, *, reference_date: date | None = None, ocr: bool | None = None) -> Protocol:
    """Parse protocol text (a ``str``) into a :class:`Protocol` record."""
    del ocr  # text has no scanned pages
    return run(load_text_bytes(text.encode("utf-8")), reference_date=reference_date)
