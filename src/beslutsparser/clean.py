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
text back to its 1-based page (:meth:`Cleaned.pages_of` many at once), :meth:`Cleaned.locate`
to the raw page position.
"""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from . import vocab
from .headings import heading_kind, is_roll_call_title
from .load import Document
from .load.furniture import band_slots, breaks_at_newlines_only, masked_keys, repeated_band_lines, repeated_in_bands
from .model import Warning

_SOFT_MARKS = "\u00ad\ufffe\u0002"  # soft hyphens and PDF line-end hyphen markers
_SOFT = regex.compile(rf"[{_SOFT_MARKS}]\n(?=\p{{L}})|[{_SOFT_MARKS}]")
_PARAGRAPH_LINE = regex.compile(r"^\s*§\s*\d")
_PAGE_DIGITS = 4  # how much longer or shorter a page number may make a running head ("Sid 9 (9)", "Sid 10 (12)")
_HYPHEN_END = regex.compile(r"(?<=(\p{L}+))-$")
_FIRST_WORD = regex.compile(r"^\s*([\p{L}.&]+)")
_SENTENCE_END = regex.compile(r"[.:!?”\"')]\s*$")
# A line that ends in "-" once str.rstrip has taken its trailing space (\s and \x1c-\x1f).
_LINE_END_HYPHEN = regex.compile(r"-(?:[^\S\n]|[\x1c-\x1f])*$", regex.MULTILINE)
_BLANK_LINES = regex.compile(r"\n\n\n")  # two blank lines in a row
_LOOKAHEAD_WORD = regex.compile(r"\(\?=\.\*\?(\p{L}+)\)")  # an anchor opening "(?=.*?word)": the word it needs
BAND = 4  # lines at the top and bottom of a page where running heads and footers stand


@dataclass
class Cleaned:
    """The clean text and how its offsets map back to the source."""

    text: str
    pages: int
    furniture: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # Runs of kept lines whose clean text is a slice of the raw pages joined by "\n": where each starts
    # in the clean text, and in the joined pages.
    _starts: list[int] = field(default_factory=list)
    _origin: list[int] = field(default_factory=list)
    _page_starts: list[int] = field(default_factory=list)  # offset of each page there

    def locate(self, offset: int) -> tuple[int, int] | None:
        """``(page, raw offset in that page)`` for a clean offset; page is 1-based."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        page = bisect_right(self._page_starts, self._origin[i]) - 1
        return page + 1, self._origin[i] - self._page_starts[page] + offset - self._starts[i]

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of a clean offset."""
        where = self.locate(offset)
        return where[0] if where else None

    def pages_of(self, offsets: list[int]) -> list[int | None]:
        """The 1-based page of each clean offset (:meth:`page_of`), the page of each run found once."""
        run_pages = [bisect_right(self._page_starts, origin) for origin in self._origin]
        return [run_pages[i] if i >= 0 else None for i in (bisect_right(self._starts, o) - 1 for o in offsets)]


@dataclass
class _Lines:
    """The raw lines of all pages as lists (an object a line would cost more than the work on it)."""

    joined: str  # the pages joined by "\n"
    text: list[str]
    bare: list[str]  # each line without its trailing space
    nonblank: list[int]  # indices of the non-blank lines
    first: list[int]  # index of each page's first line
    furniture: set[int] = field(default_factory=set)  # indices of the lines marked as furniture


@cache
def _rules() -> tuple[tuple[str, ...], regex.Pattern[str], dict[str, object]]:
    """The anchors (running heads, signature boxes and page numbers), the page numbers' pattern, the vocabulary."""
    data = vocab.load("furniture")
    return tuple(data["anchors"] + data["everywhere"]), _alternation(tuple(data["everywhere"])), data


@cache
def _alternation(forms: tuple[str, ...]) -> regex.Pattern[str]:
    """``forms`` in one pattern, in any case."""
    return regex.compile("|".join(f"(?:{form})" for form in forms), regex.IGNORECASE)


@cache
def _needed_words() -> tuple[regex.Pattern[str], ...]:
    """The words that the anchors opening "(?=.*?word)" look ahead for, each a pattern in any case as those
    match it, and none that holds another ("sammanträdesprotokoll": "protokoll"): a line where none is
    found cannot match those anchors."""
    words = {m.group(1) for form in _rules()[0] if (m := _LOOKAHEAD_WORD.match(form))}
    kept = [w for w in sorted(words) if not any(o != w and o.casefold() in w.casefold() for o in words)]
    return tuple(regex.compile(w, regex.IGNORECASE) for w in kept)


@lru_cache(maxsize=4096)  # keyed on a character and a flag: what it holds comes from the vocabulary, not a document
def _anchors_for(initial: str, worded: bool) -> regex.Pattern[str] | None:
    """The anchors a line that begins with ``initial`` can match (``None``: none): those whose match can
    begin with it, as a partial match of the character alone tells, and those that look ahead for a word
    only if the line holds one (``worded``). A line is tried against those only: the regex module tries
    every branch of an alternation at a line's start, a letter or digit can begin a match of few, and a
    look-ahead, which any letter can begin (as most lines do), scans the whole line."""
    forms = tuple(
        form
        for form in _rules()[0]
        if (worded or not _LOOKAHEAD_WORD.match(form)) and _alternation((form,)).fullmatch(initial, partial=True)
    )
    return _alternation(forms) if forms else None


def _anchor_lines(lines: Collection[str], longest: int) -> set[str]:
    """The ``lines`` (distinct, folded, none empty) at most ``longest`` long that an anchor matches whole."""
    # The lines that hold a word an anchor looks ahead for, found by a scan of all lines joined (few do).
    joined = "\n".join(lines)
    worded = {_line_at(joined, m.start()) for word in _needed_words() for m in word.finditer(joined)}
    found = set()
    for line in lines:
        if len(line) <= longest and (pattern := _anchors_for(line[0], line in worded)) and pattern.fullmatch(line):
            found.add(line)
    return found


def _line_at(text: str, at: int) -> str:
    """The line of ``text`` that holds offset ``at``."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : len(text) if end < 0 else end]


def _split_lines(pages: list[str]) -> _Lines:
    # The pages joined by "\n" split into the same lines as each page apart: one split, and offsets run on.
    joined = "\n".join(pages)
    text = joined.split("\n")
    bare = list(map(str.rstrip, text))
    first = list(itertools.accumulate((page.count("\n") + 1 for page in pages[:-1]), initial=0))
    return _Lines(joined, text, bare, list(itertools.compress(range(len(bare)), bare)), first)


def _lines_at(joined: str, pattern: regex.Pattern[str]) -> list[int]:
    """The lines (by index) where ``pattern`` matches in the joined text: for rare things, found by one
    scan of the text rather than a look at every line."""
    found, line, at = [], 0, 0
    for m in pattern.finditer(joined):
        line += joined.count("\n", at, m.start())
        at = m.start()
        found.append(line)
    return found


def _fold(text: str) -> str:
    """``text`` with its runs of space folded to one and its ends stripped: as is when it has no space but
    single blanks inside (most lines; the test is quicker than a split), else split and joined."""
    if text.isprintable() and "  " not in text and text.strip(" ") == text:  # printable: no space but " "
        return text
    return " ".join(text.split())


def _opening_repeats(lines: _Lines, present: list[str], folded: dict[str, str], size: int) -> list[int]:
    """The lines (by index) that repeat the document's opening lines later, two or more of them in a
    row and digits aside (page numbers, dates): a running head that no page number anchors. The
    opening lines are the first ``size`` non-blank ones that are no § line and no section heading."""
    head: list[str] = []
    for text in present[:size]:
        if _PARAGRAPH_LINE.match(text) or heading_kind(text):
            break
        head.append(_digits_aside(folded[text]))
    if len(head) < 2:
        return []
    # Each distinct line once, and only one of about the first line's length and initial, is compared
    # with the first opening line; then where those stand.
    first = folded[present[0]]
    near = (text for text, line in folded.items() if abs(len(line) - len(first)) <= _PAGE_DIGITS
            and line[:1].casefold() == first[:1].casefold())
    openers = {text for text in near if _digits_aside(folded[text]) == head[0]}
    at = list(itertools.compress(range(len(present)), map(openers.__contains__, present)))
    found: list[int] = []
    for p in at[1:] if at and at[0] == 0 else at:
        run = 1
        while run < len(head) and p + run < len(present) and _digits_aside(folded[present[p + run]]) == head[run]:
            run += 1
        if run >= 2:
            found.extend(lines.nonblank[p : p + run])
    return found


def _digits_aside(line: str) -> str:
    """``line`` compared as the page-band statistics compare lines (digit runs one "#"), in any case."""
    return masked_keys([line])[0].casefold()


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
        elif seen_content and i > 0:
            return i - 1
    return len(lines.text)


def _band_lines(lines: _Lines, pages: list[str]) -> list[int]:
    """Lines in the top or bottom band of their page that repeat there across pages."""
    if not pages:
        return []
    texts, nonblank = lines.text, lines.nonblank
    edges = []  # each page's first and last BAND non-blank lines (the last first), by index
    for start, end in itertools.pairwise([*lines.first, len(texts)]):
        low, high = bisect_left(nonblank, start), bisect_left(nonblank, end)
        edges.append((nonblank[low : min(low + BAND, high)], nonblank[max(low, high - BAND) : high][::-1]))
    if breaks_at_newlines_only(lines.joined):  # the lines here are the pages' lines: bands come from them
        repeated = repeated_in_bands(
            [band_slots([texts[i].strip() for i in top], [texts[i].strip() for i in bottom]) for top, bottom in edges]
        )
    else:
        repeated = repeated_band_lines(pages, BAND)
    if not repeated:
        return []
    out = []
    for top, bottom in edges:
        for i in top + bottom:
            line = texts[i]
            if line.strip() in repeated and heading_kind(line) is None and not is_roll_call_title(line):
                out.append(i)  # a section heading, or a roll-call sheet's title, between running heads stays
    return out


class _Headings(dict[str, bool]):
    """Whether a line (by text) is a heading furniture blocks grow through, looked at on first use."""

    def __init__(self, keys: dict[str, str], candidates: set[str]) -> None:
        super().__init__()
        self.keys, self.candidates = keys, candidates

    def __missing__(self, text: str) -> bool:
        """A candidate or short line that names a section (or opens a roll-call sheet): kept, and
        furniture blocks grow through it."""
        short = self.keys.get(text) in self.candidates or len(text) <= 80
        self[text] = found = short and (heading_kind(text) is not None or is_roll_call_title(text))
        return found


def _mark_furniture(lines: _Lines, band: list[str]) -> list[str]:
    """Mark furniture lines (``lines.furniture``); return the distinct furniture lines removed.

    ``band`` holds the page strings when the document has real pages (a PDF, or text
    with form feeds): there lines that repeat at the page edges are furniture too.
    """
    _, page_numbers, rules = _rules()
    texts, furniture = lines.text, lines.furniture
    nonblank = lines.nonblank
    present = list(map(texts.__getitem__, nonblank))  # the non-blank lines' texts: blank ones are half
    # Each distinct line is looked at once: vote tables repeat their cells ("Ja", "S", "Ledamot") hundreds
    # of times. Each with its runs of space folded to one, as anchors and keys compare lines.
    seen = Counter(present)
    folded = {text: _fold(text) for text in seen}
    longest = int(rules["anchor_max_chars"])  # type: ignore[call-overload]
    matched = _anchor_lines(set(folded.values()), longest)
    anchor_texts = {text for text, line in folded.items() if line in matched}
    anchored = set(itertools.compress(nonblank, map(anchor_texts.__contains__, present)))
    anchored.update(_opening_repeats(lines, present, folded, int(rules["opening_lines"])))  # type: ignore[call-overload]
    first_paragraph = _header_end(lines, nonblank, anchored)
    furniture.update(i for i in anchored if i > first_paragraph or page_numbers.fullmatch(folded[texts[i]]))
    for i in _band_lines(lines, band):
        if i > first_paragraph:
            furniture.add(i)
            anchored.add(i)

    window = int(rules["window"])  # type: ignore[call-overload]
    max_chars = int(rules["max_chars"])  # type: ignore[call-overload]
    marked_at = [bisect_left(nonblank, i) for i in sorted(furniture)]  # places among the non-blank lines
    blocks = max(
        len({bisect_right(lines.first, i) for i in furniture}),  # pages that carry furniture
        sum(1 for a, b in itertools.pairwise([-window - 2, *marked_at]) if b - a > window + 1),  # or runs of it
    )
    if blocks < 2:
        return []
    # Running heads repeat to the letter (page numbers are anchors of their own); a § line never is one.
    keys = {
        text: line.casefold()
        for text, line in folded.items()
        if len(text.strip()) <= max_chars and not ("§" in line and _PARAGRAPH_LINE.match(text))
    }
    counts: dict[str, int] = {}  # a dict: a Counter's own code for a new key would cost more here
    for text, key in keys.items():
        counts[key] = counts.get(key, 0) + seen[text]
    floor = max(2.0, float(rules["repeat_share"]) * blocks)  # type: ignore[arg-type]
    candidates = {k for k, n in counts.items() if n >= floor}
    heading = _Headings(keys, candidates)
    # The lines furniture can grow over: after the header, a candidate and no heading (by text, as
    # listing them would take a pass over all lines).
    growing = {text for text, key in keys.items() if key in candidates and not heading[text]}

    def beyond_headings(p: int, step: int) -> int | None:
        """The place of the nearest line from place ``p`` on one side that is no heading (a heading between
        running heads is kept, and a block goes on past it) or is furniture already."""
        q = p + step
        while 0 <= q < len(nonblank) and nonblank[q] not in furniture and heading[texts[nonblank[q]]]:
            q += step
        return q if 0 <= q < len(nonblank) else None

    # Grow furniture blocks over candidate lines, through headings, `window` steps out. Only candidates
    # (never headings) become furniture meanwhile, so each candidate's neighbours stay where they are.
    # A candidate can grow only next to furniture or to a candidate that can: those are found by walking
    # out from the furniture (the other candidates, most of a vote table, are never looked at).
    sides: dict[int, tuple[int | None, int | None]] = {}
    at = set(marked_at)
    reach = [p for p in marked_at if p - 1 not in at or p + 1 not in at]  # inside a run of furniture: none
    while reach:
        p = reach.pop()
        for q in (beyond_headings(p, -1), beyond_headings(p, 1)):
            i = -1 if q is None else nonblank[q]
            if i > first_paragraph and q not in sides and texts[i] in growing and i not in furniture:
                sides[q] = (beyond_headings(q, -1), beyond_headings(q, 1))
                reach.append(q)
    grow = [(nonblank[p], *(None if s is None else nonblank[s] for s in sides[p])) for p in sorted(sides)]
    for _ in range(window):
        grown = False
        for i, left, right in grow:
            if i not in furniture and (left in furniture or right in furniture):
                furniture.add(i)
                grown = True
        if not grown:
            break
    # A candidate is a running head only if most of its occurrences are furniture.
    grown_over = [i for i in furniture if i > first_paragraph and texts[i] in growing]
    marked = Counter(keys[texts[i]] for i in grown_over)
    occurrences: Counter[str] = Counter()
    after = bisect_right(nonblank, first_paragraph)  # the place of the first non-blank line after the header
    header = Counter(present[:after])
    for text in growing:
        occurrences[keys[text]] += seen[text] - header[text]
    near = float(rules["near_share"])  # type: ignore[arg-type]
    heads = {key for key, n in marked.items() if n >= near * occurrences[key]}
    furniture -= {i for i in grown_over if keys[texts[i]] not in heads} - anchored
    # A running head that lost its anchors stands alone between blank lines.
    head_texts = {text for text in growing if keys[text] in heads}
    for i in itertools.compress(nonblank[after:], map(head_texts.__contains__, present[after:])):
        if i in furniture or i == nonblank[0]:
            continue
        alone = not texts[i - 1].strip() and i + 1 < len(texts) and not texts[i + 1].strip()
        if alone and not heading[texts[nonblank[bisect_left(nonblank, i) - 1]]]:
            furniture.add(i)
    return list(dict.fromkeys(texts[i].strip() for i in sorted(furniture)))


def clean(doc: Document) -> Cleaned:
    """Clean a loaded document (see the module docstring for what is removed)."""
    # A search for each mark is far quicker than a regex scan, and most pages have none.
    pages = [_SOFT.sub("", page) if any(m in page for m in _SOFT_MARKS) else page for page in doc.pages]
    lines = _split_lines(pages)
    furniture = _mark_furniture(lines, pages if len(pages) > 1 else [])
    page_starts = list(itertools.accumulate((len(page) + 1 for page in pages[:-1]), initial=0))
    removed = sorted(lines.furniture)
    kept = _without(lines.nonblank, removed)
    if not kept:
        return Cleaned(text="", pages=len(doc.pages), furniture=furniture, _page_starts=page_starts)
    keep_before = set(vocab.load("furniture")["hyphen_keep_before"])
    joined, bare = lines.joined, lines.bare
    start = _LineStarts(lines.text)

    # Between most kept lines the clean text runs on as the joined raw text does: "\n", or "\n\n" across
    # one empty line. It is built as slices of the raw text, broken only where it does not: around
    # furniture, after a line-end hyphen, trailing space, a blank line holding space, two blank lines
    # in a row; and at each page's first kept line (a run maps to one page).
    odd = [*removed, *_lines_at(joined, _LINE_END_HYPHEN), *_lines_at(joined, _BLANK_LINES)]
    if bare != lines.text:  # some line has trailing space (quick: rstrip gives an unchanged line back as is)
        odd += itertools.compress(range(len(bare)), map(operator.ne, lines.text, bare))
    breaks = {bisect_right(kept, i) for i in odd} | {bisect_left(kept, i) for i in lines.first}
    first = kept[0]
    at = start(first) + len(bare[first]) - len(bare[first].lstrip())  # the first line's lead goes
    pieces: list[str] = []
    starts, origin = [0], [at]
    length = 0
    for k in sorted(breaks - {0, len(kept)}):
        prev, line = kept[k - 1], kept[k]
        removed_between = bisect_left(removed, line) - bisect_left(removed, prev)
        pending_gap = line - prev - 1 > removed_between  # a blank line between
        sep, drop = _join(keep_before, bare[prev], bare[line], pending_gap, removed_between > 0)
        end = start(prev) + len(bare[prev]) - drop
        # a line joined at a hyphen starts at its first letter
        lead = len(bare[line]) - len(bare[line].lstrip()) if sep is None else 0
        pieces += (joined[at:end], sep or "")
        length += end - at + len(pieces[-1])
        at = start(line) + lead
        starts.append(length)
        origin.append(at)
    last = kept[-1]
    pieces.append(joined[at : start(last) + len(bare[last])])
    return Cleaned(
        text="".join(pieces),
        pages=len(doc.pages),
        furniture=furniture,
        _starts=starts,
        _origin=origin,
        _page_starts=page_starts,
    )


class _LineStarts:
    """Where a line starts in the lines joined by "\n", asked in increasing order of lines: the lengths
    in between are summed as it goes (a few lines are asked for, and a list of all would cost more)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines, self.line, self.offset = lines, 0, 0

    def __call__(self, line: int) -> int:
        """The offset where ``line`` starts (no earlier line than the last one asked)."""
        self.offset += sum(map(len, self.lines[self.line : line])) + line - self.line
        self.line = line
        return self.offset


def _without(items: list[int], drop: list[int]) -> list[int]:
    """Sorted ``items`` without sorted ``drop`` (all among them), cut out as slices: few among many."""
    out: list[int] = []
    at = 0
    for i in drop:
        p = bisect_left(items, i, at)
        out += items[at:p]
        at = p + 1
    return out + items[at:]


def _join(keep_before: set[str], prev: str, text: str, pending_gap: bool, removed: bool) -> tuple[str | None, bool]:
    """What goes between kept lines ``prev`` and ``text`` (``None``: they are joined at a line-end hyphen),
    and whether the hyphen ending ``prev`` goes."""
    if prev.endswith("-") and not pending_gap:
        m = _HYPHEN_END.search(prev)
        first = _FIRST_WORD.match(text) if m else None
        if m and first and first.group(1)[0].islower() and first.group(1).casefold() not in keep_before:
            left = m.group(1)
            # "utveck-" ⏎ "lingen": drop the hyphen; "e-" ⏎ "post", "IT-" ⏎ "system": a real hyphen, kept.
            return None, len(left) >= 2 and not left.isupper()
    if removed and not _SENTENCE_END.search(prev) and not _PARAGRAPH_LINE.match(text):
        return "\n", False  # furniture fell mid-sentence
    return ("\n\n" if (pending_gap or removed) else "\n"), False
