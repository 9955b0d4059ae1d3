"""Segmentation: the clean text into a header block and one item per §.

§ heading forms handled:
- "§ 12", "§12", "§ 12 Anmälan av motioner", "§ 12 – Anmälan av motioner" (title on the same line);
- without "§": organ-prefixed ids "Au 23", "SN 139 Title Dnr 17/12", with a chain of earlier
  treatments "Sn 50 Au 84 Sn 34 Au 57  Dnr 2016/112"; the dnr first, "KSKF/2014:1  235  Title"
  (Eskilstuna); the number before a labelled dnr, "24 Dnr KS 2018/14" ⏎ title (docplayer);
  the word for the glyph, "Paragraf 45 Budget", "para 305" (OCR);
- "§ 301 Ärendenummer SLK-2024-00078", "§ 3 0509/23" (a dnr, labelled or bare);
- "§ 162            Diarienummer 00322/2026" and "§ 45 Budget 2022        Dnr KS 2020/0412"
  (dnr far to the right), "§ 12 Budget 2025, KS 2024/123" (after a comma, ending the line);
- "§ 45" ⏎ "Dnr KS 2020/0412" ⏎ title, and "§ 1 Ärendenummer" ⏎ title (dnr on its own line,
  or pushed off by a page break);
- titles wrapped over up to four lines, and titles ending "(RUN/516/2020)" or followed by it
  on a line of its own.

Never an item from: cross-references that start a line ("§ 32, den 29 februari 2024",
"§ 22, att utreda", "§ 92 med tillhörande handlingar"), "§§ 23–27", table-of-contents lines
with dot leaders ("§ 12 Budget 2022 ....... 5"), or anything inside the vote and
attendance appendices ("Bilaga 2" ⏎ "Plats" ⏎ "Ledamot" …).

Sections come from heading lines (``headings.heading_kind``), inline headings
("Beslut: …"), and unknown short headings standing alone ("Information", "Justering",
kind ``ovrigt``). Unheaded prose before the first heading is the item's preamble; in a §
without a decision heading, a decision formula ("Kommunstyrelsen beslutar att …",
"ARBETSUTSKOTTET BESLUTAR att") opens an unheaded ``beslut`` section.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial

import regex

from . import vocab
from .extract.case_numbers import find_case_numbers, find_own_case_numbers
from .extract.meeting import find_signature_block
from .extract.namelist import collapse
from .headings import find_roll_call_title, heading_kind, inline_heading, line_matches, list_kinds
from .model import Warning

_PARAGRAPH = regex.compile(r"(?m)^[ \t]*§[ \t]*(\d{1,4})(?![\d§])(.*)$")
_TOC_TAIL = regex.compile(r"(?:\.{3,}|…+|\s{3,}|\t)\s*\d{1,4}\s*$")
_PARTY_OR_DIGIT = regex.compile(r"[\d(]")
_WORD = regex.compile(r"[\p{L}][\p{L}-]*")
# Sections where an unheaded decision may hide when a § has no "Beslut" heading
# (after a list of documents: "Beslutsunderlag" ⏎ … ⏎ "ARBETSUTSKOTTET BESLUTAR att …").
_FORMULA_HOSTS = frozenset({"sammanfattning", "ovrigt", "beslutsunderlag", "expedieras_till", "tidigare_behandling"})
_SHOUTED_HOSTS = frozenset({"forslag_till_beslut"})
_SHOUTED_VERB = regex.compile(r"\p{Lu}{2,} BESLUT")
_ID_END = r"(?![\d§/:.,-])"
_ORGAN_ID = regex.compile(rf"(?m)^[ \t]*(\p{{Lu}}[\p{{L}}]{{0,4}})[ \t]+(\d{{1,4}}){_ID_END}(.*)$")
# "KSKF/2014:1  235  Val till …": a first token with a digit (checked to be a dnr), a number, a title.
_DNR_FIRST = regex.compile(rf"(?m)^[ \t]*(?:\p{{Lu}}\S*\d\S*)[ \t]+(\d{{1,4}}){_ID_END}([ \t]+\p{{Lu}}.*)$")
# "Paragraf 45 Budget", and OCR's reading of "§ 305" in Lund's scans, "para 305".
_PARAGRAPH_WORD = regex.compile(rf"(?m)^[ \t]*(?i:para(?:graf)?)[ \t]*(\d{{1,4}}){_ID_END}(.*)$")
# "24 Dnr KS 2018/14": a number, then a labelled dnr and nothing else.
_NUMBER_DNR = regex.compile(rf"(?m)^[ \t]*(\d{{1,4}}){_ID_END}([ \t]+\p{{L}}.*)$")
_NUMBERED = (_PARAGRAPH_WORD, _DNR_FIRST, _NUMBER_DNR)  # the item lines of texts without "§", tried in order
_NAME_TAIL = regex.compile(r"\s*\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)? \((?:\p{Lu}{1,4}|\p{Ll}{1,3})\)")
_TRAILING_PAREN = regex.compile(r"\s*\(([^()]*)\)\s*$")
_APPENDIX_LINE = regex.compile(r"(?im)^[^\S\n]*bilaga[^\S\n]+\d{1,3}\b[^\n]{0,40}$")
# Literals that every match of the line patterns above holds: only the lines with one are tried (line_matches);
# only where one opens a line, after blanks, as there: not the many cross-references inside lines ("enligt § 5").
_PARAGRAPH_HINT = regex.compile(r"(?m)(?<=^[ \t]*)§")
_APPENDIX_HINT = regex.compile(r"(?im)(?<=^[^\S\n]*)bilaga")
_DIGIT = regex.compile(r"\d")
_APART = "\n\n\n"  # between lines searched together for case numbers: none runs across two blank lines
_NEXT_LINES = regex.compile(r"(?:\n[^\n]*){0,11}")


@cache
def _title_rules() -> tuple[frozenset[str], int, regex.Pattern[str]]:
    data = vocab.load("headings")["title"]
    label = regex.compile(rf"(?i){data['dnr_label']}")
    return frozenset(data["continuation_words"]), int(data["max_lines"]), label


@cache
def _unknown_limits() -> tuple[int, int]:
    unknown = vocab.load("headings")["unknown"]
    return int(unknown["max_chars"]), int(unknown["max_words"])


@cache
def _appendix_markers() -> frozenset[str]:
    return frozenset(vocab.load("headings")["appendix"]["markers"])


@cache
def _decision_formula() -> regex.Pattern[str]:
    forms = vocab.load("headings")["decision_formula"]["patterns"]
    return regex.compile(rf"(?m)^[ \t]*(?:{'|'.join(forms)})")


@dataclass
class Part:
    """A section of an item: ``kind``, ``heading`` as written, and the body span."""

    kind: str
    heading: str | None
    start: int  # of the heading (or the body, when unheaded)
    body_start: int
    end: int


@dataclass
class Item:
    """One § as found in the text; offsets into the clean text."""

    paragraph: int
    start: int
    end: int
    head_end: int  # end of the § line, dnr lines and title: where own case numbers live
    title: str = ""
    title_span: tuple[int, int] | None = None
    parts: list[Part] = field(default_factory=list)
    preamble: tuple[int, int] | None = None


@dataclass
class Segmented:
    """The header block, the items and the appendices of a protocol."""

    header: tuple[int, int]
    items: list[Item]
    appendix: tuple[int, int] | None
    trailer: tuple[int, int] | None = None
    warnings: list[Warning] = field(default_factory=list)


@dataclass
class _Line:
    """A piece of a title: its span in the clean text and its text."""

    start: int
    end: int
    text: str


@dataclass
class _Text:
    """The lines of the clean text from ``start`` (a line start) to the end of the line holding ``end``,
    split once; items address their lines by index. Header and appendices (roll calls: thousands of
    lines) stay unsplit."""

    text: str
    lines: list[str]
    starts: list[int]

    @classmethod
    def of(cls, text: str, start: int, end: int) -> _Text:
        stop = text.find("\n", end)
        lines = text[start : len(text) if stop < 0 else stop].split("\n")
        # Offsets summed by map/accumulate in C: a Python loop over every line costs more.
        return cls(text, lines, list(itertools.accumulate(map((1).__add__, map(len, lines[:-1])), initial=start)))

    def blank(self, k: int) -> bool:
        return not self.lines[k].strip()

    def end(self, k: int) -> int:
        return self.starts[k] + len(self.lines[k])

    def line(self, k: int) -> _Line:
        return _Line(self.starts[k], self.end(k), self.lines[k])

    def between(self, start: int, end: int) -> range:
        """The indices of the lines that begin in ``[start, end]``."""
        return range(bisect_left(self.starts, start), bisect_right(self.starts, end))

    @cached_property
    def tight(self) -> bool:
        """Whether this document's headings run straight into their text (Tyresö: "Yrkanden" ⏎ text).

        A property read on first use: only a lone short line followed by text needs it, and most
        documents have none, so the heading kind of every line (roll calls: thousands) is rarely looked at.
        """
        lines = self.text.split("\n")
        named = set(filter(heading_kind, set(lines)))  # each distinct line once: roll calls repeat theirs
        after = list(itertools.compress(lines[1:], map(named.__contains__, lines)))  # the line after each heading
        filled = sum(map(bool, map(str.strip, after)))  # counted in C (map), not a Python loop a heading
        return len(after) >= 3 and filled > len(after) / 2


@lru_cache(maxsize=4096)  # a title line is asked again by each step of _title
def _is_dnr_line(text: str) -> bool:
    """A line that is only a diarienummer, labelled or not: "Dnr KS 2020/0412", "Ärendenummer",
    "(RUN/516/2020)"."""
    stripped = text.strip()
    if stripped[:1] == "(" and stripped[-1:] == ")":
        stripped = stripped[1:-1].strip()
    if not stripped:
        return False
    _, _, label = _title_rules()
    m = label.match(stripped)
    if m and not stripped[m.end():].strip():
        return True
    # The label stays in front of the number: it admits forms a bare number may not take ("Dnr 2016/112").
    found = find_own_case_numbers(stripped, 0, len(stripped))
    begins = bool(found) and not stripped[m.end() if m else 0 : found[0].span[0]].strip()
    return begins and not stripped[found[-1].span[1]:].strip(" ,;()")


def _heading_rest(line: str, rest: str) -> bool:
    """Whether what follows "§ N" on its line fits a § heading (not a cross-reference)."""
    if rest[:1] and not rest[:1].isspace() and rest[:1] not in ".:":
        return False
    if rest.strip() in (".", ","):
        return False  # "§ 924." closes a wrapped cross-reference
    stripped = rest.strip().lstrip(".: ").strip()
    if not stripped:
        return True
    if _DIGIT.match(rest.rstrip()[-1:]) and _TOC_TAIL.search(rest):  # ends in a page number: cheap test first
        return False
    first = stripped[0]
    if first in "–-" and rest[:1].isspace() and stripped[1:].strip()[:1].isupper():
        return True  # "§ 12 – Budget 2025": a dash between number and title
    if first in ",;–-/)&" or (first.isalpha() and first.islower()):
        return False
    return not first.isdigit() or bool(find_own_case_numbers(line, 0, len(line)))


def _stands_alone(text: str, m: regex.Match[str]) -> bool:
    """A "§ 12." line (number and full stop only) that opens a block, after a blank line or none and
    before a line of text: a heading whose title follows, not the end of a wrapped cross-reference
    ("… och den 13 december 2023," ⏎ "§ 924.")."""
    if m.group(2).strip() != ".":
        return False
    at = m.start()  # a line's start: the text before it ends in a line break, or there is none
    opens = text.endswith("\n\n", 0, at) or not text[:at].strip("\n")
    after = text[m.end() : m.end() + 2]
    return opens and after[:1] == "\n" and after[1:2].strip() != ""


def _appendix_start(text: str, after: int) -> int | None:
    """Where the appendices begin: a "Bilaga 2" line with a table's words ("Plats", "Ledamot") in the
    lines after, or a roll-call sheet's title ("Omröstningslista nr. 1"), whichever comes first."""
    markers = _appendix_markers()
    sheet = find_roll_call_title(text, after)
    for m in line_matches(_APPENDIX_LINE, _APPENDIX_HINT, text, after, sheet if sheet is not None else len(text)):
        lines = _NEXT_LINES.match(text, m.end()).group().split("\n")[1:]  # the lines after the "Bilaga" line
        following = [x.strip().casefold() for x in lines if x.strip()][:8]
        if any(f in markers or f.split(" ")[0] in markers for f in following):
            return m.start()
    return sheet


def _organ_id_pattern(text: str) -> regex.Pattern[str] | None:
    """For protocols that number items by organ instead of §: "Au 23", "SN 139", "Sn 49", and
    with the chain of earlier treatments printed beside the id, "Sn 50 Au 84 Sn 34 Au 57" (the
    first id numbers the item; the chain is passed over).

    The prefix must be an organ abbreviation (``vocab/organs.toml``) and open at least two
    heading-like lines; the most frequent such prefix wins.
    """
    abbreviations = vocab.load("organs")["abbreviations"]
    known = {k.casefold() for k in abbreviations}
    counts: dict[str, int] = {}
    for m in _ORGAN_ID.finditer(text):
        if m.group(1).casefold() in known and _heading_rest(m.group(), m.group(3)):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    prefix, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 2:
        return None
    chain = "|".join(regex.escape(k) for k in sorted(abbreviations, key=len, reverse=True))
    return regex.compile(rf"(?m)^[ \t]*{regex.escape(prefix)}[ \t]+(\d{{1,4}}){_ID_END}"
                         rf"(?:[ \t]+(?i:{chain})[ \t]+\d{{1,4}}{_ID_END})*(.*)$")


def _numbered_pattern(text: str) -> regex.Pattern[str] | None:
    """For texts whose items have lost or never had the § glyph, three layouts, each needing at
    least two item lines in rising order:

    - the word instead of the glyph: `Paragraf 45 Budget`, OCR's `para 305` (Lund);
    - the dnr before the number: `KSKF/2014:1  235  Val till kommunala uppdrag` (Eskilstuna);
    - the number before a labelled dnr: `24 Dnr KS 2018/14` ⏎ title (docplayer transcripts,
      which strip "§").
    """
    for pattern in _NUMBERED:
        numbers = [int(m.group(1)) for m in pattern.finditer(text) if _numbered_line(pattern, m)]
        if len(numbers) >= 2 and all(a < b for a, b in itertools.pairwise(numbers)):
            return pattern
    return None


def _numbered_line(pattern: regex.Pattern[str], m: regex.Match[str]) -> bool:
    """Whether a line :func:`_numbered_pattern` matched holds a dnr where its layout has one."""
    line = m.group()
    if pattern is _PARAGRAPH_WORD:
        return _heading_rest(line, m.group(2))
    if pattern is _NUMBER_DNR:
        return _is_dnr_line(m.group(2))
    lead = line[: m.start(1) - m.start()].strip()
    found = find_own_case_numbers(lead, 0, len(lead))
    return len(found) == 1 and found[0].span == (0, len(lead)) and _heading_rest(line, m.group(2))


def find_paragraphs(text: str) -> tuple[list[tuple[int, int, regex.Match[str]]], list[Warning]]:
    """The heading lines ``(number, line start, match)`` in order, and warnings.

    "§ 12" lines when the text has them; else organ-prefixed ids ("Au 23"); else numbered lines
    with a dnr ("KSKF/2014:1  235  Title", "24 Dnr KS 2018/14").
    """
    pattern = _PARAGRAPH
    if not _PARAGRAPH.search(text):
        pattern = _organ_id_pattern(text) or _numbered_pattern(text) or _PARAGRAPH
    found: list[tuple[int, int, regex.Match[str]]] = []
    warnings: list[Warning] = []
    matches = line_matches(pattern, _PARAGRAPH_HINT, text) if pattern is _PARAGRAPH else pattern.finditer(text)
    for m in matches:
        if not (_heading_rest(m.group(), m.group(2)) or _stands_alone(text, m)) or (
            pattern in _NUMBERED and not _numbered_line(pattern, m)
        ):
            continue
        number = int(m.group(1))
        if found and number <= found[-1][0]:
            labelled = _title_rules()[2].search(m.group(2)) or find_own_case_numbers(m.group(), 0, len(m.group()))
            if not labelled:
                continue
            warnings.append(Warning(code="paragraph-order",
                                    message=f"§ {number} follows § {found[-1][0]}", span=(m.start(), m.end())))
        found.append((number, m.start(), m))
    return found, warnings


def _title_width(doc: _Text, item_lines: list[range], cuts: list[tuple[str, int]]) -> int | None:
    """The width at which this document wraps titles, from the first title lines seen: each item's title
    text on its § line (``cuts``, :func:`_cut_dnr`), or else its first line below that is no dnr line (if
    that is no heading)."""
    firsts = []
    for ils, (rest, _) in zip(item_lines, cuts, strict=True):
        if rest:
            firsts.append(rest)
        else:
            below = (doc.lines[k] for k in ils[1:])
            nxt = next((t.strip() for t in below if t.strip() and not _is_dnr_line(t)), "")
            if nxt and not heading_kind(nxt):
                firsts.append(nxt)
    return max(len(t) for t in firsts) if len(firsts) >= 3 else None


def _continues(prev: str, nxt: str, width: Callable[[], int | None]) -> bool:
    """Whether title line ``nxt`` goes on from ``prev``; ``width`` gives the document's title width
    (:func:`_title_width`), asked last: few lines need it."""
    words, _, _ = _title_rules()
    if not nxt.strip() or heading_kind(nxt) or inline_heading(nxt) or _is_dnr_line(nxt):
        return False
    head = nxt.lstrip()[:1]
    if head.islower() or head.isdigit():
        return True
    last = _WORD.findall(prev)
    if last and last[-1].casefold() in words:
        return True
    if last and last[-1][0].isupper() and _NAME_TAIL.match(nxt):
        return True  # a name broken across lines: "Alejandro Del" ⏎ "Castillo (V) till …"
    if prev.rstrip().endswith(".") or (wrap := width()) is None:
        return False
    return len(prev.strip()) >= 0.75 * wrap and len(nxt.strip()) <= wrap + 5


def _own_spans(lines: list[str]) -> list[list[tuple[int, int]]]:
    """The spans of each line's own case numbers, as ``find_own_case_numbers`` finds them in the line alone:
    in one call over the lines joined by two blank lines, which no number or label reaches across (a call
    a line costs more than the search in it)."""
    joined = _APART.join(lines)
    starts = list(itertools.accumulate((len(line) + len(_APART) for line in lines[:-1]), initial=0))
    spans: list[list[tuple[int, int]]] = [[] for _ in lines]
    for number in find_own_case_numbers(joined, 0, len(joined)):
        s, e = number.span
        k = bisect_right(starts, s) - 1
        spans[k].append((s - starts[k], e - starts[k]))
    return spans


def _cut_dnr(line: str, rest_at: int, own_spans: list[tuple[int, int]]) -> tuple[str, int]:
    """The title text on a § line and its offset in ``line``; ``rest_at`` is where "§ N" ends, ``own_spans``
    the spans of the line's own case numbers (:func:`_own_spans`).

    The dnr is cut wherever it stands: "§ 301 Ärendenummer SLK-2024-00078" (no title),
    "§ 3 0509/23", "§ 45 Budget 2022        Dnr KS 2020/0412" (title "Budget 2022").
    """
    _, _, label = _title_rules()
    own = [span for span in own_spans if span[0] >= rest_at]
    lab = label.search(line, rest_at)
    cut_from = min([c[0] for c in own] + ([lab.start()] if lab else []), default=len(line))
    cut_to = max([c[1] for c in own] + ([lab.end()] if lab else []), default=rest_at)
    before = line[rest_at:cut_from]
    after = line[cut_to:] if cut_from < len(line) else ""
    if before.strip(" \t.:,;("):
        text, at = before.rstrip(" \t(,;"), rest_at  # "Title (RUN/516/2020)": the parenthesis goes too
    else:
        text, at = after.lstrip(" \t)"), cut_to + len(after) - len(after.lstrip(" \t)"))
    lead = len(text) - len(text.lstrip(" \t.:,;–-"))  # "§ 12 – Budget 2025": the dash is no part of the title
    return text[lead:].rstrip(" \t.:,;"), at + lead


def _strip_trailing_dnr(title: str) -> str:
    m = _TRAILING_PAREN.search(title) if title.rstrip().endswith(")") else None  # cheap test first
    if m and find_case_numbers(m.group(1)):
        return title[: m.start()].rstrip()
    return title


def _title(item: Item, doc: _Text, lines: range, width: Callable[[], int | None], cut: tuple[str, int]) -> int:
    """Fill the item's title from its ``lines``; return the index of the first line after the head.
    ``cut`` is the title text on the § line and its offset there (:func:`_cut_dnr`)."""
    _, max_lines, _ = _title_rules()
    texts, stop = doc.lines, lines.stop
    title_text, title_off = cut
    i = lines.start + 1
    pieces: list[_Line] = []
    if title_text:
        s = doc.starts[lines.start] + title_off
        pieces.append(_Line(s, s + len(title_text), title_text))
    else:
        while i < stop and (doc.blank(i) or _is_dnr_line(texts[i])):
            i += 1
        if i < stop and not heading_kind(texts[i]) and not inline_heading(texts[i]):
            pieces.append(doc.line(i))
            i += 1
    ahead = _lines_before_heading(doc, i, stop, max_lines - len(pieces))
    if pieces and ahead is not None:
        # ... but a dnr line ends it ("Budget 2025" ⏎ "Dnr KS 2024/12" ⏎ "Beslut")
        ahead = next((j for j in range(i, ahead) if _is_dnr_line(texts[j])), ahead)
        pieces.extend(map(doc.line, range(i, ahead)))
        i = ahead
    while pieces and i < stop and len(pieces) < max_lines and _continues(pieces[-1].text, texts[i], width):
        pieces.append(doc.line(i))
        i += 1
    while i < stop and _is_dnr_line(texts[i]):
        i += 1
    if pieces:
        item.title = _strip_trailing_dnr(collapse(" ".join(p.text.strip() for p in pieces))).strip()
        item.title_span = (pieces[0].start, pieces[-1].end)
    item.head_end = doc.end(i - 1)
    return i


def _lines_before_heading(doc: _Text, i: int, stop: int, room: int) -> int | None:
    """If a heading follows within ``room`` unbroken lines from ``i`` (and before ``stop``), its index.

    A title wrapped over several lines runs straight into "Beslut" in the decision-first
    layout, so every line up to that heading belongs to the title.
    """
    for k in range(i, min(stop, i + room + 1)):
        text = doc.lines[k]
        if not text.strip():
            return None
        if heading_kind(text) or inline_heading(text):
            return k
    return None


def _unknown_heading(doc: _Text, k: int, lines: range, in_list: bool) -> bool:
    """Line ``k`` of the section ``lines``, the first or after a blank one, is a short capitalised line
    alone between blank lines: "Information", "Justering".

    Inside a list (recipients, documents) a lone line is an item unless prose follows it.
    Where the document's known headings run straight into their text (``doc.tight``), an
    unknown one needs a blank line before it only: "Bilagor" ⏎ "Delårsrapport …".
    """
    max_chars, max_words = _unknown_limits()
    s = doc.lines[k].strip()
    if not s or len(s) > max_chars or len(s.split()) > max_words:
        return False
    if not s[0].isupper() or s[-1] in ".,;:!?)" or _PARTY_OR_DIGIT.search(s):
        return False
    if not (k + 1 < lines.stop and (doc.blank(k + 1) or (not in_list and doc.tight))):
        return False
    if in_list:
        nxt = next((doc.lines[j].strip() for j in range(k + 1, lines.stop) if not doc.blank(j)), "")
        return len(nxt) >= 50 or nxt.endswith(".")
    return True


def _sections(doc: _Text, item: Item, lines: range) -> None:
    """Fill the item's parts and preamble from its body ``lines``."""
    text, texts, starts = doc.text, doc.lines, doc.starts
    parts: list[Part] = []
    lists = list_kinds()
    body_start = starts[lines.start] if lines else item.end
    for k in lines:
        line = texts[k]
        if not line.lstrip()[:1].isupper():
            continue  # every kind of heading opens with a capital: the cheap test for most lines
        start = starts[k]
        if kind := heading_kind(line):
            heading_end = start + len(line)
        elif inline := inline_heading(line):
            kind, heading_end = inline[0], start + inline[1]
        elif (k == lines.start or not texts[k - 1].strip()) and _unknown_heading(
            doc, k, lines, bool(parts) and parts[-1].kind in lists
        ):
            kind, heading_end = "ovrigt", start + len(line)
        else:
            continue
        if parts:
            parts[-1].end = start
        elif start > body_start:
            item.preamble = (body_start, start)
        heading = text[start:heading_end].strip().rstrip(":").strip()
        parts.append(Part(kind, heading, start, heading_end, item.end))
    if not parts and body_start < item.end:
        item.preamble = (body_start, item.end)
    if not any(p.kind == "beslut" for p in parts):
        _formula_decision(text, item, parts)
    for p in parts:
        p.end = _rstrip(text, p.body_start, p.end)
        p.body_start = _lstrip(text, p.body_start, p.end)
    item.parts = parts
    if item.preamble:
        s, e = item.preamble
        e = _rstrip(text, s, e)
        item.preamble = (_lstrip(text, s, e), e) if e > s else None


def _formula_decision(text: str, item: Item, parts: list[Part]) -> None:
    """In a § without a decision heading, the formula "X beslutar att …" opens one. After a
    proposal ("Förslag till beslut" ⏎ "Arbetsutskottet föreslår …") only the upper-case formula
    does ("SOCIALNÄMNDEN BESLUTAR att …"): a proposal itself may be worded "X beslutar att …"."""
    spans = ([(*item.preamble, False)] if item.preamble else []) + [
        (p.body_start, p.end, p.kind in _SHOUTED_HOSTS) for p in parts if p.kind in _FORMULA_HOSTS | _SHOUTED_HOSTS]
    best: tuple[int, int] | None = None
    for s, e, shouted_only in spans:
        for m in _decision_formula().finditer(text, s, e):
            if not shouted_only or _SHOUTED_VERB.search(m.group()):
                best = (m.start() + len(m.group()) - len(m.group().lstrip()), e)
    if best is None:
        return
    start, end = best
    for p in parts:
        if p.body_start <= start < p.end:
            p.end = start
    if item.preamble and item.preamble[0] <= start < item.preamble[1]:
        item.preamble = (item.preamble[0], start) if start > item.preamble[0] else None
    parts.append(Part("beslut", None, start, start, end))
    parts.sort(key=lambda p: p.start)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def segment(text: str) -> Segmented:
    """Split the clean text into header, items and appendix."""
    heads, warnings = find_paragraphs(text)
    appendix_at = _appendix_start(text, heads[0][1]) if heads else None
    if appendix_at is not None:
        heads = [h for h in heads if h[1] < appendix_at]
    end_of_items = appendix_at if appendix_at is not None else len(text)
    last_line_end = text.find("\n", heads[-1][1]) if heads else -1
    trailer = find_signature_block(text, last_line_end, end_of_items) if last_line_end >= 0 else None
    if trailer is not None:
        trailer = (trailer[0], _rstrip(text, *trailer))
        end_of_items = trailer[0]
    items: list[Item] = []
    item_lines: list[range] = []
    doc = _Text.of(text, heads[0][1] if heads else len(text), end_of_items)
    for k, (number, start, _) in enumerate(heads):
        end = heads[k + 1][1] if k + 1 < len(heads) else end_of_items
        end = _rstrip(text, start, end)
        items.append(Item(paragraph=number, start=start, end=end, head_end=start))
        item_lines.append(doc.between(start, end))
    head_lines = [doc.lines[ils.start] for ils in item_lines]  # the lines the headings' matches begin
    cuts = [
        _cut_dnr(head, m.start(2) - start, own)
        for (_, start, m), head, own in zip(heads, head_lines, _own_spans(head_lines), strict=True)
    ]
    width = cache(partial(_title_width, doc, item_lines, cuts))  # found on first use: few titles ask
    for item, ils, cut in zip(items, item_lines, cuts, strict=True):
        first = _title(item, doc, ils, width, cut)
        _sections(doc, item, range(first, ils.stop))
        if not item.title:
            warnings.append(Warning(code="title-missing", message=f"§ {item.paragraph} has no title",
                                    span=(item.start, item.head_end)))
    for a, b in itertools.pairwise(items):
        if b.paragraph > a.paragraph + 1:
            missing = f"{a.paragraph + 1}–{b.paragraph - 1}" if b.paragraph > a.paragraph + 2 else str(a.paragraph + 1)
            warnings.append(Warning(code="paragraph-gap", message=f"§ {missing} missing between § {a.paragraph} "
                                    f"and § {b.paragraph}", span=(b.start, b.start)))
    header_end = _rstrip(text, 0, heads[0][1]) if heads else len(text)
    appendix = (appendix_at, len(text)) if appendix_at is not None else None
    return Segmented(header=(0, header_end), items=items, appendix=appendix, trailer=trailer, warnings=warnings)
