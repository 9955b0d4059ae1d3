"""Cleaning: pages of raw text into one clean string, with the map back to pages.

What it removes or mends, wherever it falls (even inside a section):
- page numbers in every form: "1 (7)", "Sida 3 av 12", "1(36)", "1[25]", "3 (90)",
  "Sida 1 (41)", "Sid (18)", "SAMMANTRÄDESPROTOKOLL 1 (251)";
- signature boxes: "Justerandes sign", "Justerandes signatur  Utdragsbestyrkande",
  "Utdragsbestyrkande Justerarsignaturer";
- running heads, also as ``pdftotext -layout`` spreads them over columns ("NORRVALLA KOMMUN
  PROTOKOLL   3[14]"): "PROTOKOLL", "Protokoll nr 7", "Sammanträdesdatum: 2024-08-22", and any
  short line that repeats next to those as often as pages do ("Kommunfullmäktige",
  "Göteborgs Stad Kommunfullmäktige, protokoll"); a section heading caught between
  running heads ("Kommunfullmäktige" ⏎ "Propositionsordning" ⏎ "Protokoll nr 7") is kept;
- line-end hyphens: "utveck-" ⏎ "lingen" → "utvecklingen", but "Miljö-" ⏎ "och
  byggnämnden" stays, and "e-" ⏎ "post" → "e-post", "IT-" ⏎ "system" → "IT-system";
- soft hyphens (U+00AD) and PDF line-end hyphen markers (U+FFFE, U+0002);
- on real pages (PDF, or text with form feeds), any line repeated at the same place in the
  top or bottom band of half the pages (``load.furniture.repeated_band_lines``).

Before the first § only page numbers go: the first page's head ("EKERYDS KOMMUN
SAMMANTRÄDESPROTOKOLL 1 (5)", "Sammanträdesdatum 2021-03-15") is the meeting header, kept
for the header parser; the running heads
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
from .headings import heading_kind, is_roll_call_title
from .load import Document
from .load.furniture import repeated_band_lines
from .model import Warning

_SOFT = regex.compile(r"[\u00ad\ufffe\u0002]\n(?=\p{L})|[\u00ad\ufffe\u0002]")
_PARAGRAPH_LINE = regex.compile(r"^\s*§\s*\d")
_HYPHEN_END = regex.compile(r"(?<=(\p{L}+))-$")
_FIRST_WORD = regex.compile(r"^\s*([\p{L}.&]+)")
_SENTENCE_END = regex.compile(r"[.:!?”\"')]\s*$")
BAND = 4  # lines at the top and bottom of a page where running heads and footers stand


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
class _Lines:
    """The raw lines of all pages as parallel lists (an object a line would cost more than the work on it)."""

    text: list[str]
    page: list[int]
    raw: list[int]  # offset of the line in its page string
    furniture: set[int] = field(default_factory=set)  # indices of the lines marked as furniture


@cache
def _rules() -> tuple[regex.Pattern[str], regex.Pattern[str], dict[str, object]]:
    data = vocab.load("furniture")
    anchors = regex.compile("|".join(f"(?:{a})" for a in data["anchors"] + data["everywhere"]), regex.IGNORECASE)
    pages = regex.compile("|".join(f"(?:{a})" for a in data["everywhere"]), regex.IGNORECASE)
    return anchors, pages, data


def _split_lines(pages: list[str]) -> _Lines:
    lines = _Lines([], [], [])
    for page_no, page in enumerate(pages):
        texts = page.split("\n")
        lines.text += texts
        lines.page += [page_no] * len(texts)
        lines.raw += itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0)
    return lines


def _header_end(lines: _Lines, nonblank: list[int], anchored: set[int]) -> int:
    """The line where the first page's header ends: the first § line; in a protocol
    without § ("Au 23", "SN 139"), the second page's first running head."""
    first = next((i for i, text in enumerate(lines.text) if _PARAGRAPH_LINE.match(text)), None)
    if first is not None:
        return first
    seen_content = False
    for i in nonblank:
        if i not in anchored:
            seen_content = True
        elif seen_content and (lines.page[i] > 0 or i > 0):
            return i - 1
    return len(lines.text)


def _band_lines(lines: _Lines, nonblank: list[int], pages: list[str]) -> list[int]:
    """Lines in the top or bottom band of their page that repeat there across pages."""
    repeated = repeated_band_lines(pages, BAND)
    if not repeated:
        return []
    out = []
    for _, group in itertools.groupby(nonblank, key=lines.page.__getitem__):
        idx = list(group)
        for i in idx[:BAND] + idx[-BAND:]:
            line = lines.text[i]
            if line.strip() in repeated and heading_kind(line) is None and not is_roll_call_title(line):
                out.append(i)  # a section heading, or a roll-call sheet's title, between running heads stays
    return out


class _Headings(dict[int, bool]):
    """Whether a line (by index) is a heading furniture blocks grow through, looked at on first use."""

    def __init__(self, texts: list[str], keys: dict[int, str], candidates: set[str]) -> None:
        super().__init__()
        self.texts, self.keys, self.candidates = texts, keys, candidates

    def __missing__(self, i: int) -> bool:
        """A candidate or short line that names a section (or opens a roll-call sheet): kept, and
        furniture blocks grow through it."""
        text = self.texts[i]
        short = self.keys.get(i) in self.candidates or len(text) <= 80
        self[i] = found = short and (heading_kind(text) is not None or is_roll_call_title(text))
        return found


def _mark_furniture(lines: _Lines, band: list[str]) -> list[str]:
    """Mark furniture lines (``lines.furniture``); return the distinct furniture lines removed.

    ``band`` holds the page strings when the document has real pages (a PDF, or text
    with form feeds): there lines that repeat at the page edges are furniture too.
    """
    anchors, page_numbers, rules = _rules()
    texts, furniture = lines.text, lines.furniture
    nonblank = list(itertools.compress(range(len(texts)), map(str.strip, texts)))
    # Each non-blank line with its runs of space folded to one, as anchors and keys compare lines.
    folded = dict(zip(nonblank, map(" ".join, map(str.split, map(texts.__getitem__, nonblank))), strict=True))
    longest = int(rules["anchor_max_chars"])  # type: ignore[call-overload]
    # Each distinct line tried once: vote tables repeat their cells ("Ja", "S", "Ledamot") hundreds of times.
    matched = {line for line in set(folded.values()) if len(line) <= longest and anchors.fullmatch(line)}
    anchored = {i for i, line in folded.items() if line in matched}
    first_paragraph = _header_end(lines, nonblank, anchored)
    furniture.update(i for i in anchored if i > first_paragraph or page_numbers.fullmatch(folded[i]))
    for i in _band_lines(lines, nonblank, band):
        if i > first_paragraph:
            furniture.add(i)
            anchored.add(i)

    window = int(rules["window"])  # type: ignore[call-overload]
    max_chars = int(rules["max_chars"])  # type: ignore[call-overload]
    position = {i: p for p, i in enumerate(nonblank)}  # a line's place among the non-blank ones
    marked_at = sorted(position[i] for i in furniture)
    blocks = max(
        len({lines.page[i] for i in furniture}),  # pages that carry furniture
        sum(1 for a, b in itertools.pairwise([-window - 2, *marked_at]) if b - a > window + 1),  # or runs of it
    )
    if blocks < 2:
        return []
    # Running heads repeat to the letter (page numbers are anchors of their own); a § line never is one.
    keys = {
        i: line.casefold()
        for i, line in folded.items()
        if len(texts[i].strip()) <= max_chars and not ("§" in line and _PARAGRAPH_LINE.match(texts[i]))
    }
    counts = Counter(keys.values())
    floor = max(2.0, float(rules["repeat_share"]) * blocks)  # type: ignore[arg-type]
    candidates = {k for k, n in counts.items() if n >= floor}
    heading = _Headings(texts, keys, candidates)
    todo = [position[i] for i, key in keys.items() if i > first_paragraph and key in candidates and not heading[i]]

    def beyond_headings(p: int, step: int) -> int | None:
        """The nearest line from ``p`` on one side that is no heading (a heading between running heads
        is kept, and a block goes on past it) or is furniture already."""
        q = p + step
        while 0 <= q < len(nonblank) and nonblank[q] not in furniture and heading[nonblank[q]]:
            q += step
        return nonblank[q] if 0 <= q < len(nonblank) else None

    # Grow furniture blocks over candidate lines, through headings, `window` steps out. Only candidates
    # (never headings) become furniture meanwhile, so each candidate's neighbours stay where they are.
    sides = {p: (beyond_headings(p, -1), beyond_headings(p, 1)) for p in todo}
    for _ in range(window):
        grown = False
        for p in todo:
            left, right = sides[p]
            if nonblank[p] not in furniture and (left in furniture or right in furniture):
                furniture.add(nonblank[p])
                grown = True
        if not grown:
            break
    # A candidate is a running head only if most of its occurrences are furniture.
    marked = Counter(keys[nonblank[p]] for p in todo if nonblank[p] in furniture)
    after = Counter(keys[nonblank[p]] for p in todo)
    near = float(rules["near_share"])  # type: ignore[arg-type]
    heads = set()
    for key in candidates:
        if marked[key] and marked[key] < near * after[key]:
            furniture -= {nonblank[p] for p in todo if keys[nonblank[p]] == key} - anchored
        elif marked[key]:
            heads.add(key)
    # A running head that lost its anchors stands alone between blank lines.
    for p in todo:
        i = nonblank[p]
        if i in furniture or keys[i] not in heads or p == 0:
            continue
        alone = not texts[i - 1].strip() and i + 1 < len(texts) and not texts[i + 1].strip()
        if alone and not heading[nonblank[p - 1]]:
            furniture.add(i)
    return list(dict.fromkeys(texts[i].strip() for i in sorted(furniture)))


def clean(doc: Document) -> Cleaned:
    """Clean a loaded document (see the module docstring for what is removed)."""
    pages = [_SOFT.sub("", page) for page in doc.pages]
    lines = _split_lines(pages)
    furniture = _mark_furniture(lines, pages if len(pages) > 1 else [])
    keep_before = set(vocab.load("furniture")["hyphen_keep_before"])

    out: list[str] = []
    starts: list[int] = []
    origin: list[tuple[int, int]] = []
    length = 0
    pending_gap = False  # a blank line (or removed furniture) since the last kept line
    removed = False  # furniture removed since the last kept line
    last_text = ""
    for i, (text, page, raw) in enumerate(zip(lines.text, lines.page, lines.raw, strict=True)):
        if i in lines.furniture:
            removed = True
            continue
        text = text.rstrip()
        if not text:
            pending_gap = True
            continue
        joined_hyphen = False
        if out:
            m = _HYPHEN_END.search(last_text) if last_text.endswith("-") else None
            first = _FIRST_WORD.match(text) if m else None
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
        origin.append((page, raw + lead))
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
