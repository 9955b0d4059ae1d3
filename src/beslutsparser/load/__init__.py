"""Loading: a source file into :class:`Document`, text per page.

``load(path)`` picks the loader by content (``%PDF`` magic → PDF, else text).
Loaders never raise anything but :class:`LoadError` for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..model import Warning

if TYPE_CHECKING:
    from ..extract.votes import AppendixVote


class LoadError(Exception):
    """The input cannot be read; ``str(err)`` is a one-line reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Document:
    """A loaded source: its raw text page by page, before cleaning.

    ``pages`` holds one string a page (a text file is one page unless it has
    form feeds). ``fonts`` may hold, per page, a list of ``(start, end, size,
    bold)`` runs in that page's string, where the loader knows them.
    ``roll_calls`` holds the roll-call sheets read from a PDF's page layout
    (:mod:`beslutsparser.load.layout`), one a list.
    """

    pages: list[str]
    format: Literal["pdf", "txt", "docx", "html"]
    sha256: str
    path: str | None = None
    ocr: bool = False
    encoding: str | None = None
    warnings: list[Warning] = field(default_factory=list)
    fonts: list[list[tuple[int, int, float, bool]]] | None = None
    roll_calls: list[AppendixVote] = field(default_factory=list)


def load(path: str, *, ocr: bool | None = None) -> Document:
    """Load ``path`` as a PDF (by its ``%PDF`` magic) or as text."""
    from pathlib import Path

    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError as exc:
        raise LoadError("unreadable", f"{path} is a directory") from exc
    except OSError as exc:
        raise LoadError("unreadable", f"cannot read {path}: {exc.strerror or exc}") from exc
    if data.lstrip()[:5] == b"%PDF-":
        from .pdf import load_pdf

        return load_pdf(p, ocr=ocr)
    if data[:4] == b"PK\x03\x04":
        raise LoadError("unsupported", "a zip container (DOCX/ODT?): convert it to PDF or text first")
    from .text import load_text_bytes

    return load_text_bytes(data, str(path))
