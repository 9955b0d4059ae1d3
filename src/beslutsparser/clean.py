"""Cleaning: pages of raw text into one clean string, with the map back to pages.

What it removes or mends, wherever it falls (even inside a section):
- page numbers in every form: "1 (7)", "Sida 3 av 12", "1(36)", "1[25]", "3 (90)",
  "Sida 1 (41)", "Sid (18)", "SAMMANTRÄDESPROTOKOLL 1 (251)";
- signature boxes: "Justerandes sign", "Justerandes signatur  Utdragsbestyrkande",
  "Utdragsbestyrkande Justerarsignaturer";
- running heads: "PROTOKOLL", "Protokoll nr 7", "Sammanträdesdatum: 2024-08-22", and any
  short line that repeats next to those as often as pages do ("Kommunfullmäktige",
  "Göteborgs Stad Kommunfullmäktige, protokoll"); a section heading caught between
  running heads ("Kommunfullmäktige" ⏎ "Propositionsordning" ⏎ "Protokoll nr 7") is kept;
- line-end hyphens: "utveck-" ⏎ "lingen" → "utvecklingen", but "Miljö-" ⏎ "och
  byggnämnden" stays, and "e-" ⏎ "post" → "e-post", "IT-" ⏎ "system" → "IT-system";
- soft hyphens (U+00AD) and PDF line-end hyphen markers (U+FFFE, U+0002).

Before the first § the meeting header's own lines ("SAMMANTRÄDESPROTOKOLL",
"Sammanträdesdatum 2021-03-15") are kept for the header parser; the running heads
removed elsewhere are returned in ``Cleaned.furniture`` for the same purpose.

Only this module knows pages: :meth:`Cleaned.page_of` maps an offset in the clean
text back to its 1-based page, :meth:`Cleaned.locate` to the raw page position.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from . import vocab
from .headings import heading_kind
from .load import Document
from .model import Warning

_SOFT = regex.compile(r"[\u00ad\ufffe\u0002]\n(?=\p{L})|[\u00ad\ufffe\u0002]")
_PARAGRAPH_LINE = regex.compile(r"^\s*§\s*\d")
_HYPHEN_END = regex.compile(r"(?<=(\p{L}+))-$")
_FIRST_WORD = regex.compile(r"^\s*([\p{L}.&]+)")
_SENTENCE_END = regex.compile(r"[.:!?”\"')]\s*$")
_DIGITS = regex.compile(r"\d+")
_SPACE = regex.compile(r"\s+")


@dataclass
class Cleaned:
    """The clean text and how its offsets map back to the source."""

    text: str
    pages: int
    furniture: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)  # clean offset of each kept line
    _origin: list[tuple[int, int]] = field(default_factory=list)  # (page index, raw offset) per line

    def locate(self, offset: int) -> tuple[int, int] | None:
        """``(page, raw offset in that page)`` for a clean offset; page is 1-based."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        page, raw = self._origin[i]
        return page + 1, raw + offset - self._starts[i]

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of a clean offset."""
        where = self.locate(offset)
        return where[0] if where else None


@dataclass
class _Line:
    page: int
    raw: int  # offset of the line in its page string
    text: str
    furniture: bool = False


@cache
def _rules() -> tuple[regex.Pattern[str], regex.Pattern[str], dict[str, object]]:
    data = vocab.load("furniture")
    anchors = regex.compile("|".join(f"(?:{a})" for a in data["anchors"]), regex.IGNORECASE | regex.V1)
    header = regex.compile("|".join(f"(?:{a})" for a in data["header_anchors"]), regex.IGNORECASE | regex.V1)
    return anchors, header, data


def _key(line: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("#", line.strip())).casefold()


def _transparent(line: _Line) -> bool:
    """A heading between running heads: kept, but the furniture block goes on past it."""
    return not line.furniture and heading_kind(line.text) is not None


def _split_lines(doc: Document) -> list[_Line]:
    lines: list[_Line] = []
    for page_no, page in enumerate(doc.pages):
        pos = 0
        for raw_line in page.split("\n"):
            lines.append(_Line(page_no, pos, raw_line))
            pos += len(raw_line) + 1
    return lines


def _mark_furniture(lines: list[_Line]) -> list[str]:
    """Mark furniture lines in place; return the distinct running heads removed."""
    anchors, header_anchors, rules = _rules()
    first_paragraph = next((i for i, ln in enumerate(lines) if _PARAGRAPH_LINE.match(ln.text)), len(lines))
    for i, ln in enumerate(lines):
        s = ln.text.strip()
        if s and anchors.fullmatch(s) and not (i < first_paragraph and header_anchors.fullmatch(s)):
            ln.furniture = True

    window = int(rules["window"])  # type: ignore[call-overload]
    max_chars = int(rules["max_chars"])  # type: ignore[call-overload]
    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    anchored = [p for p, i in enumerate(nonblank) if lines[i].furniture]
    blocks = max(
        len({lines[nonblank[p]].page for p in anchored}),  # pages that carry furniture
        sum(1 for a, b in itertools.pairwise([-window - 2, *anchored]) if b - a > window + 1),  # or runs of it
    )
    if blocks < 2:
        return []
    counts = Counter(_key(lines[i].text) for i in nonblank
                     if len(lines[i].text.strip()) <= max_chars and not _PARAGRAPH_LINE.match(lines[i].text))
    floor = max(2.0, float(rules["repeat_share"]) * blocks)  # type: ignore[arg-type]
    candidates = {k for k, n in counts.items() if n >= floor}
    # Grow furniture blocks over candidate lines, through headings, `window` steps out.
    for _ in range(window):
        grown = False
        for p, i in enumerate(nonblank):
            ln = lines[i]
            if ln.furniture or _key(ln.text) not in candidates or heading_kind(ln.text):
                continue
            for q in (p - 1, p + 1):
                step = -1 if q < p else 1
                while 0 <= q < len(nonblank) and _transparent(lines[nonblank[q]]):
                    q += step
                if 0 <= q < len(nonblank) and lines[nonblank[q]].furniture:
                    ln.furniture = True
                    grown = True
                    break
        if not grown:
            break
    # A candidate is a running head only if (nearly) every occurrence is furniture.
    marked = Counter(_key(lines[i].text) for i in nonblank
                     if lines[i].furniture and _key(lines[i].text) in candidates)
    near = float(rules["near_share"])  # type: ignore[arg-type]
    heads = []
    for key in candidates:
        if marked[key] and marked[key] < near * counts[key]:
            for i in nonblank:
                if _key(lines[i].text) == key and not anchors.fullmatch(lines[i].text.strip()):
                    lines[i].furniture = False
        elif marked[key]:
            heads.append(key)
    # A running head that lost its anchors stands alone between blank lines.
    for p, i in enumerate(nonblank):
        ln = lines[i]
        if ln.furniture or _key(ln.text) not in heads or p == 0:
            continue
        alone = not lines[i - 1].text.strip() and i + 1 < len(lines) and not lines[i + 1].text.strip()
        if alone and not heading_kind(lines[nonblank[p - 1]].text):
            ln.furniture = True
    seen: dict[str, None] = {}
    for i in nonblank:
        ln = lines[i]
        if ln.furniture and (_key(ln.text) in heads or anchors.fullmatch(ln.text.strip())):
            seen.setdefault(ln.text.strip(), None)
    return list(seen)


def clean(doc: Document) -> Cleaned:
    """Clean a loaded document (see the module docstring for what is removed)."""
    pages = [_SOFT.sub("", page) for page in doc.pages]
    work = Document(pages=pages, format=doc.format, sha256=doc.sha256)
    lines = _split_lines(work)
    furniture = _mark_furniture(lines)
    keep_before = set(vocab.load("furniture")["hyphen_keep_before"])

    out: list[str] = []
    starts: list[int] = []
    origin: list[tuple[int, int]] = []
    length = 0
    pending_gap = False  # a blank line (or removed furniture) since the last kept line
    removed = False  # furniture removed since the last kept line
    last_text = ""
    for ln in lines:
        if ln.furniture:
            removed = True
            continue
        text = ln.text.rstrip()
        if not text.strip():
            pending_gap = True
            continue
        joined_hyphen = False
        if out:
            m = _HYPHEN_END.search(last_text)
            first = _FIRST_WORD.match(text)
            if m and first and first.group(1)[0].islower() and first.group(1).casefold() not in keep_before:
                left = m.group(1)
                if len(left) >= 2 and not left.isupper() and not pending_gap:
                    # "utveck-" ⏎ "lingen": drop the hyphen and the line break.
                    out[-1] = out[-1][:-1]
                    length -= 1
                    joined_hyphen = True
                elif not pending_gap:
                    # "e-" ⏎ "post", "IT-" ⏎ "system": a real hyphen; join the lines.
                    joined_hyphen = True
            if not joined_hyphen:
                if removed and not _SENTENCE_END.search(last_text) and not _PARAGRAPH_LINE.match(text):
                    sep = "\n"  # furniture fell mid-sentence
                else:
                    sep = "\n\n" if (pending_gap or removed) else "\n"
                out.append(sep)
                length += len(sep)
        lead = len(text) - len(text.lstrip()) if (not out or joined_hyphen) else 0
        text = text[lead:]
        starts.append(length)
        origin.append((ln.page, ln.raw + lead))
        out.append(text)
        length += len(text)
        last_text = text
        pending_gap = removed = False
    return Cleaned(
        text="".join(out),
        pages=len(doc.pages),
        furniture=furniture,
        _starts=starts,
        _origin=origin,
    )
