"""The stages in order: load → clean → segment → extract → assemble.

Nothing but the order of the stages lives here: each stage is its own module.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .assemble import assemble
from .clean import clean
from .extract import ActorMode
from .load import Document, load
from .load.text import load_text_bytes
from .model import Protocol
from .segment import segment


def run(doc: Document, *, reference_date: date | None = None, actors: ActorMode = "model") -> Protocol:
    """A loaded document through clean, segment, extract and assemble.

    ``reference_date`` stands in for a meeting date the protocol does not state; ``actors`` is
    ``model`` (rules plus the trained component), ``rules`` (faster) or ``off``.
    """
    cleaned = clean(doc)
    segmented = segment(cleaned.text)
    return assemble(doc, cleaned, segmented, reference_date=reference_date, actors=actors)


def parse(path: str | Path, *, reference_date: date | None = None, ocr: bool | None = None,
          actors: ActorMode = "model") -> Protocol:
    """Parse a protocol file (PDF or text) into a :class:`Protocol` record (options: see :func:`run`;
    ``ocr`` True forces OCR of every PDF page, False never OCRs, None OCRs pages without text).

    Raises :class:`beslutsparser.load.LoadError` for input that cannot be read.
    """
    return run(load(str(path), ocr=ocr), reference_date=reference_date, actors=actors)


def parse_text(text: str, *, reference_date: date | None = None, ocr: bool | None = None,
               actors: ActorMode = "model") -> Protocol:
    """Parse protocol text (a ``str``) into a :class:`Protocol` record (options: see :func:`run`;
    ``ocr`` is accepted for symmetry with :func:`parse` and has nothing to do on text)."""
    del ocr
    return run(load_text_bytes(text.encode("utf-8")), reference_date=reference_date, actors=actors)
