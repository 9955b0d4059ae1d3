"""Statutes cited in a decision: act, SFS number, chapter and section.

Forms handled:

- Form `6 kap. 37 § kommunallagen (2017:725)` (chapter, section, act, SFS number).
- Form `13 kap. 5 § kommunallagen`, `5 kap 50 § kommunallagen` (no full stop after `kap`).
- Form `enligt 2 kap. 1 § KL` (abbreviations that are statutes only after a provision: KL,
  FL, MB, RF, TF, ...).
- Form `5 kap. 1 § första stycket 3 förvaltningslagen`, `3 § 2 st. PBL`, `2 § punkt 4`.
- Form `19 § förvaltningslagen`, `6 kap. 37 § i kommunallagen`.
- Form `lagen (2010:630) om regionalt utvecklingsansvar i vissa län`: where the SFS number's
  official title (``title`` in ``vocab/laws.toml``) follows the number, it is part of the text.
- Form `6 kap. 37 och 38 §§ kommunallagen`, `6 kap. 37 § och 8 kap. 2 § kommunallagen` (one
  record a section; the chapter carries over: `6 kap. 37 §, 38 §`).
- Form `2 kap. 3 § offentlighets- och sekretesslagen (2009:400)`, `11 kap 10 § PBL (2010:900)`.
- Form `11 kap 10 §` (a chapter and section with no act: ``sfs`` ``None``).
- Form `SFS 2017:725`, `kommunallagen (SFS 2017:725)`.
- Form `lagen (1930:173) om beräkning av lagstadgad tid`, `förordning (2017:1234)`,
  `lag (2018:1200)`: a generic head word with its SFS number.
- Form `förvaltningslagen`, `miljöbalken`, `plan- och bygglagen`, `socialtjänstlagen (2001:453)`,
  `skollagen (2010:800)`: an act by name (``vocab/laws.toml``), indefinite `kommunallag` too.
- Form `kommunallagens bestämmelser` (the genitive names the act).
- Form `PBL`, `SoL`, `LSS`, `LOU`, `OSL`, `stödinsatser inom LSS och SoL`.
- Form `lagen om offentlig upphandling (LOU)`, `LOV (lagen om valfrihet)`.
- Form `kommunallagen 6 kap. 37 §` (the act before its provision).
- Form `5 § delgivningslagen` (an act outside the vocabulary, named after a provision).

``text`` is the whole mention as written; ``chapter`` and ``section`` are strings (`"6"`,
`"37"`, `"37 a"`, `"37–39"`) or ``None``; ``sfs`` is the number written in the mention, else
the act's number from the vocabulary; ``name`` is the act's name in base form.

Never a statute: a § of the protocol (`§ 32`, `Bordlagt den 25 maj 2023, § 50`), a bare
number like an SFS number (`2017:725`, `SOU 2024:25`, `rapport 2024:02`), a case number or a
date, a section alone without its act (`37 §`), a compound (`LSS-verksamheter`), words that
only end like a statute (`förslagen`, `underlaget`, `bolagen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from beslutsparser.extract import Context
from beslutsparser.extract.scan import (
    Anchor,
    alternation,
    both_cases,
    finditer_at,
    first_words,
    merged,
    windows,
    word_anchors,
    word_starts,
)
from beslutsparser.model import LawReference
from beslutsparser.vocab import load

_DASHES = ("-", "–")
_DASH = regex.compile(r"\s*[-–]\s*")
# The grammar runs in windows around its anchors, this far before and after them: a name
# begins at most _BEFORE before its stem (`offentlighets- och sekretesslagen`), a provision
# before its `§` (`6 kap. 37 och 38 §§`); a mention ends at most _AFTER after its anchor
# (`lagen om extraordinära händelser i fredstid hos kommuner och regioner (2006:544)`,
# `5 kap. 1 § första stycket 3 förvaltningslagen (2017:900)`).
_BEFORE, _AFTER = 40, 110
# A chapter's or section's number: `6`, `37 a`.
_NUMBER = r"\d{1,3}(?:[ \t]?[a-z](?!\w))?"


@dataclass(frozen=True)
class _Act:
    """One act of ``vocab/laws.toml``."""

    name: str
    sfs: str | None


@dataclass(frozen=True)
class _Vocab:
    """The compiled patterns and the act tables of ``vocab/laws.toml``."""

    mention: regex.Pattern[str]
    opening: regex.Pattern[str]
    """Where a mention may begin: the start of a run with a digit, a name's or an abbreviation's first
    letters, or a word before a parenthesis (`lag (2018:1200)`)."""
    anchors: tuple[Anchor, ...]
    keyed: tuple[tuple[int, tuple[str, ...], dict[str, tuple[Anchor, ...]]], ...]
    """The anchors by how their hits begin: for each width (two characters, or one for `§`), the
    anchors' words case-folded as :func:`word_starts` looks for them, and the anchors by the first
    characters of their words (each hit begins with one of its words)."""
    provision: regex.Pattern[str]
    section_split: regex.Pattern[str]
    by_name: dict[str, _Act]
    by_abbreviation: dict[str, _Act]
    by_sfs: dict[str, _Act]
    not_stems: tuple[str, ...]
    endings: tuple[str, ...]
    definite_ending: str
    genitive_ending: str
    bare_heads: frozenset[str]
    official: dict[str, regex.Pattern[str]]  # SFS number -> its title after the number ("om …")


def _written(forms: list[str]) -> list[str]:
    """Each name as it may be written: in lower case and capitalised, on one line or broken over
    two at any of its spaces (`Lag om stöd och service till vissa` ⏎ `funktionshindrade`).
    Matching these case-sensitively is faster than matching the names case-insensitively."""
    out: set[str] = set()
    for form in forms:
        words = form.split(" ")
        for lines in [form, *(" ".join(words[:k]) + "\n" + " ".join(words[k:]) for k in range(1, len(words)))]:
            out.update((lines, lines[0].upper() + lines[1:]))
    return sorted(out)


def _name_forms(name: str, generic: dict[str, Any]) -> list[str]:
    """The written forms of an act's name: `kommunallagen`, `kommunallagens`, `kommunallag`;
    `lagen om offentlig upphandling`, `lag om offentlig upphandling`."""
    heads = generic["title_heads"]
    forms = [name, name + generic["genitive_ending"]]
    if name.startswith(heads["definite"] + " "):
        forms.append(heads["indefinite"] + name.removeprefix(heads["definite"]))
    elif name.endswith(generic["definite_ending"]):
        forms.append(name.removesuffix(generic["definite_ending"]))
    return forms


def _titles(names: list[str], generic: dict[str, Any]) -> list[str]:
    """`lagen om beräkning av lagstadgad tid` → `om beräkning av lagstadgad tid`."""
    head = generic["title_heads"]["definite"] + " "
    return [name.removeprefix(head) for name in names if name.startswith(head)]


def _tables(
    acts: list[dict[str, Any]], generic: dict[str, Any]
) -> tuple[dict[str, _Act], dict[str, _Act], dict[str, _Act], list[str]]:
    by_name: dict[str, _Act] = {}
    by_abbreviation: dict[str, _Act] = {}
    by_sfs: dict[str, _Act] = {}
    provision_only: list[str] = []
    for entry in acts:
        act = _Act(name=entry["name"], sfs=entry.get("sfs"))
        for name in [act.name, *entry.get("aliases", [])]:
            for form in _name_forms(name, generic):
                by_name[form.casefold()] = act
        for abbreviation in entry.get("abbreviations", []):
            by_abbreviation[abbreviation] = act
        for abbreviation in entry.get("provision_abbreviations", []):
            by_abbreviation[abbreviation] = act
            provision_only.append(abbreviation)
        if act.sfs:
            by_sfs[act.sfs] = act
    return by_name, by_abbreviation, by_sfs, provision_only


def _provision_pattern(parts: dict[str, list[str]]) -> str:
    """One provision: `6 kap. 37 §`, `6 a kap.`, `37 och 38 §§`, `5 kap. 1 § första stycket 3`."""
    joiners = alternation(parts["joiners"])
    chapter = rf"(?P<chapter>{_NUMBER})\s*(?:{alternation(parts['chapter_words'])})(?!\w)"
    sections = rf"(?P<sections>{_NUMBER}(?:\s*(?:{joiners})\s*{_NUMBER})*)[ \t\u00a0]*§§?"
    points = alternation(parts["point_words"])
    paragraph = rf"(?:{alternation(parts['ordinals'])})\s+(?:{alternation(parts['paragraph_words'])})"
    point = rf"(?:\s+(?:(?:{points})\s*)?\d{{1,2}}(?!\w)(?:\s*p\.)?)"
    detail = rf"(?:\s+(?:{paragraph}|\d{{1,2}}\s*st\.){point}?|\s+(?:{points})\s*\d{{1,2}}(?!\w)|\s+\d{{1,2}}\s*p\.)?"
    return rf"(?<![\w\-/.:,])(?:{chapter}(?:\s*{sections})?|{sections}){detail}"


def _opening_pattern(names: list[str], abbreviations: list[str], generic: dict[str, list[str]]) -> str:
    """Where :func:`_mention_pattern` may match, one match a run of word characters and hyphens: every
    mention begins a run with a provision's number, the first three characters of a name, an
    abbreviation or an SFS label, or a word before its parenthesised SFS number (`lag (2018:1200)`)."""
    prefixes = alternation(word[:3] for word in [*names, *abbreviations, *generic["sfs_labels"]])
    # A run that cannot begin one is consumed whole (once) and skipped: the engine then steps a run, not a character.
    return rf"(?:\d|{prefixes})[\w-]*|[\w-]++(?:(?=\s*\()|(*SKIP)(*FAIL))"


def _mention_pattern(generic: dict[str, list[str]], parts: dict[str, list[str]]) -> str:
    """A whole mention: provisions with their act, an act with its provisions, `SFS 2017:725`.

    The act vocabulary comes in as named lists: ``names``, ``abbreviations``,
    ``provision_only`` (abbreviations that need a provision before them) and ``titles``.
    """
    provision = _provision_pattern(parts)
    provision_joiners = alternation(parts["joiners"])
    provisions = rf"{provision}(?:\s*(?:{provision_joiners})\s*{provision})*"
    stems = alternation(generic["stems"])
    sfs_label = alternation(generic["sfs_labels"])
    paren_sfs = rf"\s*\(\s*(?:(?:{sfs_label})\s*)?(?P<sfs>\d{{4}}:\d{{1,4}})(?!\d)\s*\)"
    end = r"(?!\w|-\w)"
    # A cheap test before the long list of names: a word (or `X- och Y`) ending in a stem, a
    # stemless name's ending (`-formen`), or `lag(en) om|med`.
    endings = alternation(generic["endings"])
    joiners = alternation(generic["compound_joiners"])
    word_ends = alternation(
        [f"{stem}{ending}" for stem in generic["stems"] for ending in ["", *generic["endings"]]]
        + list(generic["stemless_endings"])
    )
    heads = alternation(both_cases(generic["title_heads"].values()))
    titled = rf"(?:{heads})\s+(?:{alternation(generic['title_words'])})\s"
    shaped = rf"(?=(?:\w++-\s+(?:{joiners})\s+)?\w++(?<=(?:{word_ends}))(?!-\w)|{titled})"
    names = rf"(?<![\w-]){shaped}\L<names>{end}"
    abbreviations = rf"(?<![\w-])\L<abbreviations>{end}"
    # A statute stem right before its SFS number: `lag (2018:1200)`, `förordningen (2017:1234)`;
    # the possessive lookahead rejects most words at once.
    with_sfs = rf"(?<![\w-])(?=[\w-]++{paren_sfs})(?i:[\w-]*(?:{stems})(?:{endings})?)"
    after_provision = rf"(?<![\w-])(?i:\w+(?:-\s+(?:{joiners})\s+\w+)?(?:{stems})(?:{endings})?){end}"
    parens = rf"(?:{paren_sfs}(?:\s+\L<titles>(?!\w))?|\s*\((?:{abbreviations}|{names})\))?"
    before_act = alternation(parts["before_act"])
    # A mention that begins with a digit is a provision (a number before `kap`, `§` or a joiner) or a
    # word before its SFS number (`3lag (2018:1200)`): this test fails the many other numbers (dates,
    # sums) at once, where the alternatives below each take long to fail.
    chapters = alternation(parts["chapter_words"])
    digit = rf"(?=\D|{_NUMBER}(?:\s*(?:{chapters}|{provision_joiners})|[ \t\u00a0]*§)|[\w-]++\s*\()"
    return (
        rf"{digit}(?:(?P<provisions>{provisions})(?:\s+(?:(?:{before_act})\s+)?"
        rf"(?P<act>{names}|{abbreviations}|(?<![\w-])\L<provision_only>{end}|{with_sfs}|{after_provision}){parens})?"
        rf"|(?P<act>{names}|{abbreviations}|{with_sfs}){parens}(?:\s+(?P<provisions>{provisions}))?"
        rf"|(?<![\w-])(?:{sfs_label})\s*(?P<sfs>\d{{4}}:\d{{1,4}})(?!\d))"
    )


_Keyed = tuple[Anchor, list[str]]
"""An anchor and the words its hits begin with."""


def _word_anchors(words: list[str], tail: str) -> list[_Keyed]:
    """:func:`word_anchors` for ``words``, each with the words it finds."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word)
    return [(word_anchors(group, tail, _BEFORE, _AFTER)[0], group) for group in by_first.values()]


def _anchors(
    generic: dict[str, list[str]], parts: dict[str, list[str]], abbreviations: list[str], stemless: list[str]
) -> tuple[_Keyed, ...]:
    """Where a mention may be, each case-sensitive and cheap to scan for: a number before § or
    `kap`, an SFS label, a statute stem ending a word (not `förslag`, `bolag`), an
    abbreviation, a name without a stem (`regeringsformen`). A literal comes first in each
    pattern and any lookbehind after it: the engine then scans for the literal."""
    stems = alternation(generic["stems"])
    # `förslag`, `underlag`, `bolag` end in a stem but are no statutes: not an anchor.
    stem_end = regex.compile(rf"(?:{stems})\Z")
    false_prefixes = alternation(stem_end.sub("", word) for word in generic["not_stems"] if stem_end.search(word))
    chapter = alternation(parts["chapter_words"])
    literal = [
        (r"§(?<=\d[ \t\u00a0]{0,3}§)", ["§"]),
        (rf"(?:{chapter})(?<=\d\s{{0,3}}(?:{chapter}))", parts["chapter_words"]),
        (alternation(generic["sfs_labels"]), generic["sfs_labels"]),
    ]
    return (
        *(((regex.compile(pattern), _BEFORE, _AFTER), words) for pattern, words in literal),
        *_word_anchors(
            both_cases(generic["stems"]),
            rf"(?<!(?:{false_prefixes})(?:{stems}))(?:{alternation(generic['endings'])})?(?!\w)",
        ),
        *_word_anchors(abbreviations, r"(?!\w)"),
        *_word_anchors(both_cases(stemless), ""),
    )


@cache
def _vocab() -> _Vocab:
    data = load("laws")
    generic, parts = data["generic"], data["provisions"]
    by_name, by_abbreviation, by_sfs, provision_only = _tables(data["acts"], generic)
    all_names = [name for entry in data["acts"] for name in [entry["name"], *entry.get("aliases", [])]]
    stemless = [name for name in all_names if not regex.search(alternation(generic["stems"]), name)]
    anchors = _anchors(generic, parts, list(by_abbreviation), stemless)
    names = _written([form for name in all_names for form in _name_forms(name, generic)])
    abbreviations = [abbreviation for abbreviation in by_abbreviation if abbreviation not in provision_only]

    by_width: dict[int, tuple[list[str], dict[str, list[Anchor]]]] = {}
    for anchor, words in anchors:
        width = min(2, *map(len, words))
        all_words, by_key = by_width.setdefault(width, ([], {}))
        all_words.extend(words)
        for key in dict.fromkeys(word[:width] for word in words):
            by_key.setdefault(key, []).append(anchor)
    return _Vocab(
        mention=regex.compile(
            _mention_pattern(generic, parts),
            names=names,
            abbreviations=abbreviations,
            provision_only=provision_only,
            titles=_written(_titles(all_names, generic)),
        ),
        opening=regex.compile(_opening_pattern(names, abbreviations, generic)),
        anchors=tuple(anchor for anchor, _ in anchors),
        keyed=tuple(
            (width, first_words(words), {key: tuple(group) for key, group in by_key.items()})
            for width, (words, by_key) in by_width.items()
        ),
        provision=regex.compile(_provision_pattern(parts)),
        # Split a list of sections, not a range: "37 och 38" → two, "37–39" → one.
        section_split=regex.compile(rf"\s*(?:{alternation([j for j in parts['joiners'] if j not in _DASHES])})\s*"),
        by_name=by_name,
        by_abbreviation=by_abbreviation,
        by_sfs=by_sfs,
        not_stems=tuple(generic["not_stems"]),
        endings=tuple(sorted(generic["endings"], key=len, reverse=True)),
        definite_ending=generic["definite_ending"],
        genitive_ending=generic["genitive_ending"],
        bare_heads=frozenset(stem + ending for stem in generic["stems"] for ending in ("", generic["definite_ending"])),
        official={
            entry["sfs"]: regex.compile(r"\s+" + r"\s+".join(map(regex.escape, entry["title"].split())), regex.I)
            for entry in data["acts"]
            if "title" in entry
        },
    )


def _act(written: str | None, sfs: str | None) -> tuple[bool, str | None, str | None]:
    """Whether the act is a statute, and its name and SFS number."""
    vocab = _vocab()
    normal = " ".join((written or "").split())
    known = vocab.by_abbreviation.get(normal) or vocab.by_name.get(normal.casefold())
    if known is None and sfs is not None:
        known = vocab.by_sfs.get(sfs)
    if known is not None:
        return True, known.name, sfs or known.sfs
    if written is None:
        return sfs is not None, None, sfs
    base = normal.casefold()
    ending = next((ending for ending in vocab.endings if base.endswith(ending)), "")
    if base.removesuffix(ending).endswith(vocab.not_stems):
        return False, None, None
    # The genitive names the act: `delgivningslagens` → `delgivningslagen`.
    genitive = vocab.definite_ending + vocab.genitive_ending
    name = base.removesuffix(vocab.genitive_ending) if base.endswith(genitive) else base
    # A bare head word names no act: `lag (2018:1200)`, `förordningen (2017:1234)`.
    return True, (None if name in vocab.bare_heads else name), sfs


def _provisions(written: str | None) -> list[tuple[str | None, str | None]]:
    """`6 kap. 37 och 38 §§` → [("6", "37"), ("6", "38")]; `6 kap.` → [("6", None)]."""
    if not written:
        return [(None, None)]
    vocab = _vocab()
    out: list[tuple[str | None, str | None]] = []
    chapter: str | None = None
    for match in vocab.provision.finditer(written):
        chapter = " ".join(match["chapter"].split()) if match["chapter"] else chapter
        if not match["sections"]:
            out.append((chapter, None))
            continue
        for section in vocab.section_split.split(match["sections"]):
            out.append((chapter, _DASH.sub("–", " ".join(section.split()))))
    return out


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`windows` over the anchors, with their hits found from the text's word index (one
    bisect, not a scan an anchor) and each candidate tried only by the anchors its first characters
    begin: most begin none (`il` in `till`, `lou` in `Wiklou`, `kl` in `klimat`) and need no match."""
    vocab = _vocab()
    spans = []
    # Where each anchor's next hit may begin: its scan would not find hits that overlap.
    free: dict[Anchor, int] = {}
    for width, words, by_key in vocab.keyed:
        starts = word_starts(text, start, end, words)
        if starts is None:
            return windows(vocab.anchors, text, start, end)
        for at in starts:
            for anchor in by_key.get(text[at : at + width], ()):
                pattern, before, after = anchor
                if at >= free.get(anchor, start) and (hit := pattern.match(text, at, end)) is not None:
                    spans.append((max(start, at - before), min(end, hit.end() + after)))
                    free[anchor] = hit.end()
    return merged(spans)


def find_laws(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None) -> list[LawReference]:
    """Statutes cited in ``text[start:end]``, spans absolute into ``text``.

    ``ctx`` is accepted for the common extractor signature; statutes need no context.
    """
    end = len(text) if end is None else end
    out: list[LawReference] = []
    vocab = _vocab()
    # The grammar is tried only where a mention may begin (one scan of the window finds those).
    matches = (
        match
        for low, high in _windows(text, start, end)
        for match in finditer_at(
            vocab.mention, text, low, high, [at.start() for at in vocab.opening.finditer(text, low, high)]
        )
    )
    for match in matches:
        is_statute, name, sfs = _act(match["act"], match["sfs"])
        span = (match.start(), match.end())
        title = vocab.official.get(sfs) if sfs and match["sfs"] else None
        if title is not None and (written := title.match(text, match.end(), end)):
            span = (match.start(), written.end())  # "lagen (2010:630) om regionalt utvecklingsansvar i vissa län"
        if not is_statute:
            if not match["provisions"]:
                continue
            # "11 kap. 10 § förslagen": the provision stands, the word after it is no act.
            span = (match.start(), match.end("provisions"))
        for chapter, section in _provisions(match["provisions"]):
            # Without its act a provision needs its chapter: `11 kap 10 §` yes, `37 §` no.
            if not is_statute and chapter is None:
                continue
            out.append(
                LawReference(
                    text=text[span[0] : span[1]],
                    sfs=sfs,
                    chapter=chapter,
                    section=section,
                    span=span,
                    name=name,
                )
            )
    return out
