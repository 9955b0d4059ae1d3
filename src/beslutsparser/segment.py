"""Segmentation: the clean text into a header block and one item per §.

§ heading forms handled:
- "§ 12", "§12", "§ 12 Anmälan av motioner" (title on the same line);
- without "§": organ-prefixed ids "Au 23", "SN 139 Title Dnr 17/12", with a chain of earlier
  treatments "Sn 50 Au 84 Sn 34 Au 57  Dnr 2016/112"; the dnr first, "KSKF/2014:1  235  Title"
  (Eskilstuna); the number before a labelled dnr, "24 Dnr KS 2018/14" ⏎ title (docplayer);
  the word for the glyph, "Paragraf 45 Budget", "para 305" (OCR);
- "§ 301 Ärendenummer SLK-2024-00078", "§ 3 0509/23" (a dnr, labelled or bare);
- "§ 162            Diarienummer 00322/2026" and "§ 45 Budget 2022        Dnr KS 2020/0412"
  (dnr far to the right);
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
from dataclasses import dataclass, field
from functools import cache

import regex

from . import vocab
from .extract.case_numbers import find_case_numbers, find_own_case_numbers
from .extract.meeting import find_signature_block
from .headings import find_roll_call_title, heading_kind, inline_heading, list_kinds
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
_NAME_TAIL = regex.compile(r"\s*\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)? \((?:\p{Lu}{1,4}|\p{Ll}{1,3})\)")
_TRAILING_PAREN = regex.compile(r"\s*\(([^()]*)\)\s*$")
_SPACES = regex.compile(r"\s+")
_APPENDIX_LINE = regex.compile(r"(?im)^[^\S\n]*bilaga[^\S\n]+\d{1,3}\b[^\n]{0,40}$")


@cache
def _title_rules() -> tuple[frozenset[str], int, regex.Pattern[str]]:
    data = vocab.load("headings")["title"]
    label = regex.compile(rf"(?i){data['dnr_label']}")
    return frozenset(data["continuation_words"]), int(data["max_lines"]), label


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
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(texts: list[str], starts: list[int], start: int, end: int) -> list[_Line]:
    """The lines that begin in ``[start, end]``, of the text split into ``texts`` beginning at ``starts``."""
    a, b = bisect_left(starts, start), bisect_right(starts, end)
    return [_Line(s, s + len(t), t) for s, t in zip(starts[a:b], texts[a:b], strict=True)]


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
    if _TOC_TAIL.search(rest):
        return False
    first = stripped[0]
    if first in ",;–-/)&" or (first.isalpha() and first.islower()):
        return False
    return not first.isdigit() or bool(find_own_case_numbers(line, 0, len(line)))


def _appendix_start(text: str, texts: list[str], starts: list[int], after: int) -> int | None:
    """Where the appendices begin: a "Bilaga 2" line with a table's words ("Plats", "Ledamot") in the
    lines after, or a roll-call sheet's title ("Omröstningslista nr. 1"), whichever comes first."""
    markers = _appendix_markers()
    sheet = find_roll_call_title(text, after)
    for m in _APPENDIX_LINE.finditer(text, after, sheet if sheet is not None else len(text)):
        i = bisect_right(starts, m.start())  # the line after the "Bilaga" line
        following = [x.strip().casefold() for x in texts[i : i + 11] if x.strip()][:8]
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
    for pattern in (_PARAGRAPH_WORD, _DNR_FIRST, _NUMBER_DNR):
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


def find_paragraphs(text: str) -> tuple[regex.Pattern[str], list[tuple[int, int, regex.Match[str]]], list[Warning]]:
    """The item heading pattern, the heading lines ``(number, line start, match)`` in order, and warnings.

    "§ 12" lines when the text has them; else organ-prefixed ids ("Au 23"); else numbered lines
    with a dnr ("KSKF/2014:1  235  Title", "24 Dnr KS 2018/14").
    """
    pattern = _PARAGRAPH
    if not _PARAGRAPH.search(text):
        pattern = _organ_id_pattern(text) or _numbered_pattern(text) or _PARAGRAPH
    found: list[tuple[int, int, regex.Match[str]]] = []
    warnings: list[Warning] = []
    for m in pattern.finditer(text):
        if not _heading_rest(m.group(), m.group(2)) or (pattern in (_PARAGRAPH_WORD, _DNR_FIRST, _NUMBER_DNR)
                                                       and not _numbered_line(pattern, m)):
            continue
        number = int(m.group(1))
        if found and number <= found[-1][0]:
            labelled = _title_rules()[2].search(m.group(2)) or find_own_case_numbers(m.group(), 0, len(m.group()))
            if not labelled:
                continue
            warnings.append(Warning(code="paragraph-order",
                                    message=f"§ {number} follows § {found[-1][0]}", span=(m.start(), m.end())))
        found.append((number, m.start(), m))
    return pattern, found, warnings


def _title_width(texts: list[str]) -> int | None:
    """The width at which this document wraps titles, from the first title lines seen."""
    return max(len(t) for t in texts) if len(texts) >= 3 else None


def _continues(prev: str, nxt: _Line, width: int | None) -> bool:
    words, _, _ = _title_rules()
    if nxt.blank or heading_kind(nxt.text) or inline_heading(nxt.text) or _is_dnr_line(nxt.text):
        return False
    head = nxt.text.lstrip()[:1]
    if head.islower() or head.isdigit():
        return True
    last = _WORD.findall(prev)
    if last and last[-1].casefold() in words:
        return True
    if last and last[-1][0].isupper() and _NAME_TAIL.match(nxt.text):
        return True  # a name broken across lines: "Alejandro Del" ⏎ "Castillo (V) till …"
    if width is None or prev.rstrip().endswith("."):
        return False
    return len(prev.strip()) >= 0.75 * width and len(nxt.text.strip()) <= width + 5


def _cut_dnr(line: str, rest_at: int) -> tuple[str, int]:
    """The title text on a § line and its offset in ``line``; ``rest_at`` is where "§ N" ends.

    The dnr is cut wherever it stands: "§ 301 Ärendenummer SLK-2024-00078" (no title),
    "§ 3 0509/23", "§ 45 Budget 2022        Dnr KS 2020/0412" (title "Budget 2022").
    """
    _, _, label = _title_rules()
    own = [c for c in find_own_case_numbers(line, 0, len(line)) if c.span[0] >= rest_at]
    lab = label.search(line, rest_at)
    cut_from = min([c.span[0] for c in own] + ([lab.start()] if lab else []), default=len(line))
    cut_to = max([c.span[1] for c in own] + ([lab.end()] if lab else []), default=rest_at)
    before = line[rest_at:cut_from]
    after = line[cut_to:] if cut_from < len(line) else ""
    if before.strip(" \t.:,;("):
        text, at = before.rstrip(" \t(,;"), rest_at  # "Title (RUN/516/2020)": the parenthesis goes too
    else:
        text, at = after.lstrip(" \t)"), cut_to + len(after) - len(after.lstrip(" \t)"))
    lead = len(text) - len(text.lstrip(" \t.:,;"))
    return text.strip(" \t.:,;"), at + lead


def _strip_trailing_dnr(title: str) -> str:
    m = _TRAILING_PAREN.search(title)
    if m and find_case_numbers(m.group(1)):
        return title[: m.start()].rstrip()
    return title


def _title(item: Item, lines: list[_Line], width: int | None, cut: tuple[str, int]) -> int:
    """Fill the item's title; return the index of the first line after the head. ``cut`` is the
    title text on the § line and its offset there (:func:`_cut_dnr`)."""
    _, max_lines, _ = _title_rules()
    first = lines[0]
    title_text, title_off = cut
    i = 1
    pieces: list[_Line] = []
    if title_text:
        s = first.start + title_off
        pieces.append(_Line(s, s + len(title_text), title_text))
    else:
        while i < len(lines) and (lines[i].blank or _is_dnr_line(lines[i].text)):
            i += 1
        if i < len(lines) and not heading_kind(lines[i].text) and not inline_heading(lines[i].text):
            pieces.append(lines[i])
            i += 1
    ahead = _lines_before_heading(lines, i, max_lines - len(pieces))
    if pieces and ahead is not None:
        pieces.extend(lines[i:ahead])
        i = ahead
    while pieces and i < len(lines) and len(pieces) < max_lines and _continues(pieces[-1].text, lines[i], width):
        pieces.append(lines[i])
        i += 1
    while i < len(lines) and _is_dnr_line(lines[i].text):
        i += 1
    if pieces:
        joined = " ".join(p.text.strip() for p in pieces)
        item.title = _strip_trailing_dnr(_SPACES.sub(" ", joined)).strip()
        item.title_span = (pieces[0].start, pieces[-1].end)
    item.head_end = lines[i - 1].end if i > 0 else first.end
    return i


def _lines_before_heading(lines: list[_Line], i: int, room: int) -> int | None:
    """If a heading follows within ``room`` unbroken lines from ``i``, its index.

    A title wrapped over several lines runs straight into "Beslut" in the decision-first
    layout, so every line up to that heading belongs to the title.
    """
    for k in range(i, min(len(lines), i + room + 1)):
        ln = lines[k]
        if ln.blank:
            return None
        if heading_kind(ln.text) or inline_heading(ln.text):
            return k
    return None


def _tight(texts: list[str]) -> bool:
    """Whether this document's headings run straight into their text (Tyresö: "Yrkanden" ⏎ text)."""
    after = [bool(texts[k + 1].strip()) for k, kind in enumerate(map(heading_kind, texts[:-1])) if kind]
    return len(after) >= 3 and sum(after) > len(after) / 2


def _unknown_heading(lines: list[_Line], i: int, in_list: bool, tight: bool) -> bool:
    """A short capitalised line alone between blank lines: "Information", "Justering".

    Inside a list (recipients, documents) a lone line is an item unless prose follows it.
    Where the document's known headings run straight into their text (``tight``), an
    unknown one needs a blank line before it only: "Bilagor" ⏎ "Delårsrapport …".
    """
    unknown = vocab.load("headings")["unknown"]
    s = lines[i].text.strip()
    if not s or len(s) > unknown["max_chars"] or len(s.split()) > unknown["max_words"]:
        return False
    if not s[0].isupper() or s[-1] in ".,;:!?)" or _PARTY_OR_DIGIT.search(s):
        return False
    after_ok = i + 1 < len(lines) and (lines[i + 1].blank or (tight and not in_list))
    before_ok = i == 0 or lines[i - 1].blank
    if not (after_ok and before_ok):
        return False
    if in_list:
        nxt = next((ln.text.strip() for ln in lines[i + 1 :] if not ln.blank), "")
        return len(nxt) >= 50 or nxt.endswith(".")
    return True


def _sections(text: str, item: Item, lines: list[_Line], first: int, tight: bool) -> None:
    parts: list[Part] = []
    lists = list_kinds()
    body_start = lines[first].start if first < len(lines) else item.end
    for i in range(first, len(lines)):
        ln = lines[i]
        if ln.blank:
            continue
        kind = heading_kind(ln.text)
        heading_end = ln.end
        if kind is None and (inline := inline_heading(ln.text)):
            kind, heading_end = inline[0], ln.start + inline[1]
        if kind is None and _unknown_heading(lines[first:], i - first,
                                             bool(parts) and parts[-1].kind in lists, tight):
            kind = "ovrigt"
        if kind is None:
            continue
        if parts:
            parts[-1].end = ln.start
        elif ln.start > body_start:
            item.preamble = (body_start, ln.start)
        heading = text[ln.start:heading_end].strip().rstrip(":").strip()
        parts.append(Part(kind, heading, ln.start, heading_end, item.end))
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
    pattern, heads, warnings = find_paragraphs(text)
    texts = text.split("\n")
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    appendix_at = _appendix_start(text, texts, starts, heads[0][1]) if heads else None
    if appendix_at is not None:
        heads = [h for h in heads if h[1] < appendix_at]
    end_of_items = appendix_at if appendix_at is not None else len(text)
    last_line_end = text.find("\n", heads[-1][1]) if heads else -1
    trailer = find_signature_block(text, last_line_end, end_of_items) if last_line_end >= 0 else None
    if trailer is not None:
        trailer = (trailer[0], _rstrip(text, *trailer))
        end_of_items = trailer[0]
    items: list[Item] = []
    item_lines: list[list[_Line]] = []
    for k, (number, start, _) in enumerate(heads):
        end = heads[k + 1][1] if k + 1 < len(heads) else end_of_items
        end = _rstrip(text, start, end)
        items.append(Item(paragraph=number, start=start, end=end, head_end=start))
        item_lines.append(_lines(texts, starts, start, end))
    firsts = []
    cuts = []
    for ils in item_lines:
        m = pattern.match(ils[0].text)
        assert m is not None  # an item begins at its heading line
        cuts.append(_cut_dnr(ils[0].text, m.start(2)))
        rest = cuts[-1][0]
        if rest:
            firsts.append(rest)
        else:
            nxt = next((ln.text.strip() for ln in ils[1:] if not ln.blank and not _is_dnr_line(ln.text)), "")
            if nxt and not heading_kind(nxt):
                firsts.append(nxt)
    width = _title_width(firsts)
    tight = _tight(texts)
    for item, ils, cut in zip(items, item_lines, cuts, strict=True):
        first = _title(item, ils, width, cut)
        _sections(text, item, ils, first, tight)
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
