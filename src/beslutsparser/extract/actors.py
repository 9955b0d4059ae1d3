"""Actors of a §: persons, organs, roles, units and outside organisations, with their base forms.

A spaCy pipeline does the work: ``spacy.blank("sv")`` with tokenizer special cases (`Ordf.`, `enl.`,
`t.o.m.`, `fr.o.m.`, `dnr`, `bl.a.`), the trained ``ner`` of ``models/actors/`` (persons and outside
organisations that the rules miss), then the rule component ``beslutsparser_actors`` (Matcher and
PhraseMatcher patterns built from ``vocab/actors.toml``, ``vocab/organs.toml`` and ``vocab/parties.toml``),
which merges both and sets ``doc._.actors``. Rules win where they overlap the trained component.

Forms handled, by kind (``name`` after the arrow):

- Person with a party code: `Jonas Attenius (S)`, `Johan Svensson (m)` (→ party ``M``), a name broken
  over lines `Viktoria` ⏎ `Tryggvadottir Rolka (S)`, `ordföranden Jonas Attenius (S)` (the role is its own
  mention), `Sten-Åke Bergström, s, ordförande`, `Lars Holmströms (C) avsägelse` → ``Lars Holmström``,
  `Motion av Sabina Music (C) om …` → ``Sabina Music``.
- Person next to a role: `Ekonomichefen Tomas Edlund redovisar`, `Regional utvecklingsdirektör Jonas
  Hellström`, `Karin Berg, kommundirektör`.
- Person with a common first name: `Petra Elf förordnas som …`, `Anna Svensson, Backavägen 4, Ekeryd`,
  `mot Erik Holmgrens yrkande` → ``Erik Holmgren``; a name the § already knows, wherever it recurs;
  the trained component for the rest (`Eva Hessman ger en återkoppling`).
- Organ: `Kommunstyrelsen` → ``kommunstyrelsen``, `regionala utvecklingsnämndens` → ``regionala
  utvecklingsnämnden``, `Barn- och utbildningsnämndens` → ``barn- och utbildningsnämnden``, `Miljö-` ⏎
  `och byggnadsnämnden`, `Kommunstyrelsens arbetsutskott`, `kommunfullmäktiges`, `tekniska nämnden`,
  `nämnden för Intraservice`, `KF 2017-11-27 § 112` (abbreviation → ``kommunfullmäktige``; not in a
  diarienummer `Dnr KS 2018/0057`). Bare `Nämnden`, plurals (`nämnder`) are no mention.
- Role: `Regiondirektören` → ``regiondirektör``, `Ekonomichefen` → ``ekonomichef``, `förvaltningschefer`
  → ``förvaltningschef``, `Ordföranden` / `Ordf.` → ``ordförande``, `Nämndsekreteraren` →
  ``nämndsekreterare``, `Regionala utvecklingsdirektören` → ``regional utvecklingsdirektör``,
  `Hälso- och sjukvårdsdirektör`, `förste vice ordföranden`, `kommunalrådet` → ``kommunalråd``.
- Unit: `förvaltningen`, `Stadsledningskontorets` → ``stadsledningskontoret``, `Kommunkansliet`,
  `Ekonomiavdelningen`, `Mark- och exploateringsenheten`, `Enheten för näringsliv och innovation`.
- Organisation (as written, genitive dropped): `Tillväxtverkets` → ``Tillväxtverket``, `Länsstyrelsen i
  Jämtlands län`, `regeringens` → ``regeringen``, `Sveriges Kommuner och Regioner`, `SKR`,
  `Göteborg & Co AB:s` → ``Göteborg & Co AB``, `Hemsjö Fiber ekonomisk förening`, `Region Mittland`,
  `Ytterby kommun`, capitalised compounds in `-verket`, `-myndigheten`, `-rätten`.

Headings are not mentions: :func:`find_actors` drops what overlaps ``skip``. A person's party, once
written, attaches to the same name's other mentions in the span; :func:`propagate_parties` carries it
through a whole protocol.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex
import spacy
from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from beslutsparser.extract import ActorMode, Context
from beslutsparser.extract.namelist import collapse, find_mentions, party_code
from beslutsparser.model import Actor, ActorKind
from beslutsparser.vocab import load

COMPONENT = "beslutsparser_actors"
# The trained pipeline: the package's ``models`` links to the repository's models/ (and wheels carry
# the pipeline there); BESLUTSPARSER_ACTORS_MODEL overrides it.
MODEL_ENV = "BESLUTSPARSER_ACTORS_MODEL"
_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "actors" / "model"

LABELS: dict[ActorKind, str] = {
    "person": "PER",
    "organ": "ORGAN",
    "role": "ROLE",
    "unit": "UNIT",
    "organisation": "ORG",
}

# Candidate priorities: lower wins an overlap, then the longer span.
_WRITTEN = 0  # a party code or a listed outside body: the text says what it is
_PATTERN = 1  # organ, role and unit words, company forms
_BESIDE_ROLE = 2  # a name next to a role or before a party code after a comma
_FIRST_NAME = 3  # a listed first name, or a name the span already knows
_SHAPE = 4  # a capitalised agency compound, a region or a kommun
_TRAINED = 5  # the trained component

_MAX_NAME_TOKENS = 4
_NAME_TOKEN = regex.compile(r"\p{Lu}(?=[\p{L}'’-]*\p{Ll})[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*")
_ONE_NEWLINE = regex.compile(r"[ \t]*\n[ \t]*")
# Word patterns (read once per word of the vocabulary, see _flagged). A letter is what Python's `str.isalpha` or
# a non-decimal numeral (`²`, `½`) is; a word character a letter, a digit or an underscore.
_LETTER = r"[\p{L}\p{Nl}\p{No}]"
_UPPER = rf"(?![a-zß-ÿ]){_LETTER}"  # a letter that is no lower-case Latin letter
_WORD_CHAR = r"\p{L}\p{N}_"
# The first half of a compound, if any: letters and inner hyphens (`kommun`, `KS-`, `hälso- och sjukvårds`).
_PREFIX = rf"(?:{_LETTER}(?:{_LETTER}|-)*)?"
_NAME_SHAPE = r"^X[Xx'’-]*x[Xx'’-]*$"
# After an organ abbreviation: a date makes it a mention (`KF 2017-11-27 § 112`), other digits or a slash a
# diarienummer (`KS 2018/0057`, `2022/KS 0241 800`, `KS-2015/31`).
_DATE_AFTER = regex.compile(r"\s*\d{4}-\d\d-\d\d")
_NUMBER_AFTER = regex.compile(r"\s*[\d/:-]")
_CASE_LABELS = frozenset({"dnr", "dnr.", "diarienummer", "ärendenummer", "diarienr"})


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: ActorKind
    name: str
    priority: int
    party: str | None = None


def _alternation(items: Iterable[str]) -> str:
    return "|".join(regex.escape(item) for item in sorted(set(items), key=len, reverse=True))


@dataclass(frozen=True)
class _Vocab:
    """The compiled vocabulary: token patterns, word sets and base-form tables."""

    special_cases: tuple[str, ...]
    organ_token: str  # Matcher REGEX over the lower-case token: a compound organ or "fullmäktige"
    organ_any: str  # the same, bare heads included
    organ_genitive: str
    organ_base: tuple[tuple[str, str], ...]  # head form -> its definite form, longest first
    organ_modifiers: frozenset[str]
    sub_organs: frozenset[str]
    organ_exclude: frozenset[str]
    naming: frozenset[str]
    naming_stop: frozenset[str]
    role_token: str
    role_classes: tuple[tuple[regex.Pattern[str], str], ...]  # stem pattern, base ending
    role_modifiers: dict[tuple[str, ...], str]
    role_abbreviations: dict[str, str]
    role_exclude: frozenset[str]
    unit_token: str
    unit_base: tuple[tuple[str, str], ...]  # head form -> its definite form, longest first
    unit_exclude: frozenset[str]
    organisations: dict[str, str]  # casefolded name (and genitive) -> name as listed
    organisation_abbreviations: dict[str, str]
    placed: frozenset[str]
    placed_words: frozenset[str]
    county_words: frozenset[str]
    county: str
    agency_suffix: str
    agency_exclude: frozenset[str]
    company_forms: tuple[tuple[str, ...], ...]
    company_joiners: frozenset[str]
    region_words: frozenset[str]
    kommun_words: frozenset[str]
    first_names: frozenset[str]
    not_names: frozenset[str]
    not_surnames: frozenset[str]
    genitive_nouns: frozenset[str]
    particles: frozenset[str]
    organ_abbreviations: dict[str, str]


@cache
def _vocab() -> _Vocab:
    actors, organs, persons_words = load("actors"), load("organs"), load("votes")["persons"]["words"]
    mentions = organs["mentions"]
    forms: dict[str, list[str]] = mentions["forms"]
    compound_only = set(mentions["compound_only"])
    free = [f for head, fs in forms.items() if head not in compound_only for f in fs]
    bound = [f for head, fs in forms.items() if head in compound_only for f in fs]
    roles = actors["roles"]
    classes = roles["classes"]
    role_parts = [
        rf"{_PREFIX}(?:{_alternation(heads)})(?:{_alternation(classes[cls]['endings'])})"
        for cls, heads in roles["heads"].items()
    ]
    role_parts += [
        rf"(?:{_alternation(words)})(?:{_alternation(classes[cls]['endings'])})"
        for cls, words in roles["words"].items()
    ]
    role_classes = tuple(
        (
            regex.compile(
                rf"(?P<stem>[\p{{L}}-]*(?:{_alternation(heads)}))(?:{_alternation(classes[cls]['endings'])})"
            ),
            classes[cls]["base"],
        )
        for cls, heads in [*roles["heads"].items(), *roles["words"].items()]
    )
    units = actors["units"]
    unit_free = [f for head, fs in units["heads"].items() if head not in units["compound_only"] for f in fs]
    unit_bound = [f for head, fs in units["heads"].items() if head in units["compound_only"] for f in fs]
    orgs = actors["organisations"]
    organisations: dict[str, str] = {}
    for name in orgs["names"]:
        organisations[name.casefold()] = name
        organisations[_genitive(name).casefold()] = name
    person = actors["persons"]
    return _Vocab(
        special_cases=tuple(actors["tokenizer"]["special_cases"]),
        organ_token=_whole_word(rf"{_LETTER}{_PREFIX}(?:{_alternation(bound)})|{_PREFIX}(?:{_alternation(free)})"),
        organ_any=_whole_word(rf"{_PREFIX}(?:{_alternation([*bound, *free])})"),
        organ_genitive=_whole_word(rf"{_PREFIX}(?:{_alternation(fs[-1] for fs in forms.values())})"),
        organ_base=_longest_first({f: fs[0] for fs in forms.values() for f in fs}),
        organ_modifiers=frozenset(mentions["modifiers"]),
        sub_organs=frozenset(mentions["sub_organs"]),
        organ_exclude=frozenset(mentions["exclude"]),
        naming=frozenset(mentions["naming"]),
        naming_stop=frozenset(mentions["naming_stop"]),
        role_token=_whole_word("|".join(role_parts)),
        role_classes=role_classes,
        role_modifiers={tuple(k.split()): v for k, v in roles["modifiers"].items()},
        role_abbreviations=dict(roles["abbreviations"]),
        role_exclude=frozenset(roles["exclude"]["words"]),
        unit_token=_whole_word(
            rf"{_LETTER}{_PREFIX}(?:{_alternation(unit_bound)})|{_PREFIX}(?:{_alternation(unit_free)})"
        ),
        unit_base=_longest_first({f: fs[0] for fs in units["heads"].values() for f in fs}),
        unit_exclude=frozenset(units["exclude"]),
        organisations=organisations,
        organisation_abbreviations=dict(orgs["abbreviations"]),
        placed=frozenset(w.casefold() for p in orgs["placed"] for w in (p, _genitive(p))),
        placed_words=frozenset(orgs["placed_words"]),
        county_words=frozenset(orgs["county_words"]),
        county=orgs["county_words"][0],
        agency_suffix=_whole_word(rf"{_LETTER}{_LETTER}{_PREFIX}(?:{_alternation(orgs['suffixes'])})s?"),
        agency_exclude=frozenset(w.casefold() for w in orgs["suffix_exclude"]),
        company_forms=tuple(tuple(f.split()) for f in orgs["company_forms"]),
        company_joiners=frozenset(orgs["company_joiners"]),
        region_words=frozenset(orgs["region_words"]),
        kommun_words=frozenset(orgs["kommun_words"]),
        first_names=frozenset(person["first_names"]),
        not_names=frozenset(w.casefold() for w in person["not_names"]),
        not_surnames=frozenset(w.casefold() for w in person["not_surnames"]),
        genitive_nouns=frozenset(w.casefold() for w in person["genitive_nouns"]),
        particles=frozenset(persons_words["particles"]),
        organ_abbreviations=dict(organs["abbreviations"]),
    )


def _whole_word(pattern: str) -> str:
    """``pattern`` over a whole word, searched from its end (``(?r)``): a compound is told by its last part, where
    a search from the front tries every split of the word first (four times slower)."""
    return rf"(?r)^(?:{pattern})$"


def _longest_first(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(table.items(), key=lambda item: len(item[0]), reverse=True))


def _genitive(name: str) -> str:
    """`Tillväxtverket` → `Tillväxtverkets`; a name ending in s takes none."""
    return name if name.endswith(("s", "x", "z")) else name + "s"


def _strip_genitive(name: str) -> str:
    """`Tillväxtverkets` → `Tillväxtverket`, `Göteborg & Co AB:s` → `Göteborg & Co AB`."""
    if name.endswith(":s"):
        return name[:-2]
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


# ---------------------------------------------------------------------------------------------------------------
# Base forms


def organ_name(written: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """The base form of an organ mention: lower case, definite, no genitive.

    `Kommunstyrelsens` → ``kommunstyrelsen``, `regionala utvecklingsnämndens` → ``regionala
    utvecklingsnämnden``, `Barn- och utbildningsnämndens` → ``barn- och utbildningsnämnden``,
    `Kommunstyrelsens arbetsutskotts` → ``kommunstyrelsens arbetsutskott``, `KS` → ``kommunstyrelsen``.
    """
    vocab = _vocab()
    text = collapse(written)
    table = {**vocab.organ_abbreviations, **(abbreviations or {})}
    if text in table:
        return table[text].casefold()
    words = text.casefold().split(" ")
    last = words[-1]
    if last in vocab.sub_organs and last.endswith("s"):
        words[-1] = last[:-1]
    else:
        for form, definite in vocab.organ_base:
            if last.endswith(form):
                words[-1] = last[: len(last) - len(form)] + definite
                break
    return " ".join(words)


def role_name(written: str) -> str:
    """The base form of a role mention: indefinite singular, lower case.

    `Regiondirektören` → ``regiondirektör``, `förvaltningschefer` → ``förvaltningschef``, `Ordföranden` →
    ``ordförande``, `Regionala utvecklingsdirektören` → ``regional utvecklingsdirektör``, `Ordf.` →
    ``ordförande``.
    """
    vocab = _vocab()
    words = collapse(written).casefold().split(" ")
    if len(words) == 1 and words[0] in vocab.role_abbreviations:
        return vocab.role_abbreviations[words[0]]
    head = words[-1]
    for pattern, base in vocab.role_classes:
        m = pattern.fullmatch(head)
        if m:
            head = m["stem"] + base
            break
    lead = tuple(words[:-1])
    for size in range(len(lead), 0, -1):
        if lead[-size:] in vocab.role_modifiers:
            lead = (*lead[:-size], vocab.role_modifiers[lead[-size:]])
            break
    return " ".join([*lead, head])


def unit_name(written: str) -> str:
    """The base form of a unit: lower case, definite, no genitive (`Stadsledningskontorets` →
    ``stadsledningskontoret``, `Enheten för näringsliv och innovation` kept whole, lower case)."""
    vocab = _vocab()
    words = collapse(written).casefold().split(" ")
    for i, word in enumerate(words):
        for form, definite in vocab.unit_base:
            if word.endswith(form):
                words[i] = word[: len(word) - len(form)] + definite
                return " ".join(words)
    return " ".join(words)


def organisation_name(written: str) -> str:
    """An outside body as written, the genitive dropped (`Tillväxtverkets` → ``Tillväxtverket``, `Länsstyrelsen
    i Jämtlands läns` → ``Länsstyrelsen i Jämtlands län``, `SKR` → ``Sveriges Kommuner och Regioner``)."""
    vocab = _vocab()
    text = collapse(written)
    if text in vocab.organisation_abbreviations:
        return vocab.organisation_abbreviations[text]
    head, _, last = text.rpartition(" ")
    if head and last.casefold() in vocab.county_words:
        return f"{head} {vocab.county}"
    return _strip_genitive(text)


# ---------------------------------------------------------------------------------------------------------------
# The rule component


class ActorRecognizer:
    """The ``beslutsparser_actors`` spaCy component: rule mentions merged with the trained ``ner``.

    Sets ``doc._.actors`` (a list of :class:`~beslutsparser.model.Actor`, spans relative to the doc),
    ``doc.spans["actors"]`` and ``doc.ents`` (labels ``PER``, ``ORGAN``, ``ROLE``, ``UNIT``, ``ORG``).
    """

    def __init__(self, nlp: Language, name: str = COMPONENT, use_ner: bool = True) -> None:
        self.name = name
        self.use_ner = use_ner
        vocab = _vocab()
        self.matcher = Matcher(nlp.vocab, validate=False)  # flag ids are no attribute names to the schema
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, patterns in _patterns(vocab).items():
            self.matcher.add(label, [[_flagged(nlp.vocab, spec) for spec in p] for p in patterns], greedy="LONGEST")
        self.phrases.add("ORG", [nlp.make_doc(name) for name in vocab.organisations])
        self.first_name_flag = _flag(nlp.vocab, _is_first_name)
        self.party_code_flag = _flag(nlp.vocab, _is_party_code)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = self.actors(doc)
        spans = filter_spans(
            [
                span
                for actor in doc._.actors
                if (span := doc.char_span(*actor.span, label=LABELS[actor.kind], alignment_mode="expand"))
            ]
        )
        doc.spans["actors"] = spans
        doc.ents = spans
        return doc

    def actors(
        self,
        doc: Doc,
        abbreviations: Mapping[str, str] | None = None,
        parties: Mapping[str, str] | None = None,
        skip: Sequence[tuple[int, int]] = (),
    ) -> list[Actor]:
        """The actors of ``doc`` (spans relative to it), ``skip`` spans left out."""
        return self._actors(doc, doc.text, abbreviations, parties, skip)

    def _actors(
        self,
        doc: Doc,
        text: str,
        abbreviations: Mapping[str, str] | None,
        parties: Mapping[str, str] | None,
        skip: Sequence[tuple[int, int]],
    ) -> list[Actor]:
        """:meth:`actors`, with ``doc.text`` given (spaCy builds it anew from the tokens at every call)."""
        table = {**_vocab().organ_abbreviations, **(abbreviations or {})}
        candidates = self._rule_candidates(doc, text, table)
        if self.use_ner:
            candidates.extend(_trained_candidates(doc))
        kept = _resolve(candidates, skip)
        kept = _known_again(text, kept, skip, parties or {})
        return _to_actors(text, kept, parties or {})

    def _rule_candidates(self, doc: Doc, text: str, abbreviations: Mapping[str, str]) -> list[_Candidate]:
        vocab = _vocab()
        found: list[_Candidate] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            candidate = _pattern_candidate(_trim(doc[start:end], label), label, vocab)
            if candidate is not None:
                found.append(candidate)
        for _, start, end in self.phrases(doc):
            span = doc[start:end]
            found.append(
                _Candidate(span.start_char, span.end_char, "organisation", organisation_name(span.text), _WRITTEN)
            )
        found.extend(_abbreviation_candidates(doc, text, abbreviations))
        blocked = _token_cover(doc, found)
        found.extend(_party_persons(doc, text, blocked))
        found.extend(_comma_party_persons(doc, _flagged_tokens(doc, self.party_code_flag), blocked))
        found.extend(_role_persons(doc, [c for c in found if c.kind == "role"], blocked))
        found.extend(_first_name_persons(doc, _flagged_tokens(doc, self.first_name_flag), blocked))
        return found


def _token_patterns(vocab: _Vocab) -> dict[str, dict[str, Any]]:
    """One Matcher token pattern for each class of word the actor patterns are built from."""
    return {
        "organ": {"LOWER": {"REGEX": vocab.organ_token}},
        "organ_any": {"LOWER": {"REGEX": vocab.organ_any}},
        "organ_genitive": {"LOWER": {"REGEX": vocab.organ_genitive}},
        "role": {"LOWER": {"REGEX": vocab.role_token}},
        "unit": {"LOWER": {"REGEX": vocab.unit_token}},
        "agency": {"SHAPE": {"REGEX": "^Xx"}, "LOWER": {"REGEX": vocab.agency_suffix}},
        "name": {"SHAPE": {"REGEX": _NAME_SHAPE}},
        "hyphenated": {"TEXT": {"REGEX": rf"^{_LETTER}+-$"}},
        "company_word": {
            "TEXT": {"REGEX": rf"^(?:{_UPPER}[{_WORD_CHAR}'’.-]*|{_alternation(vocab.company_joiners)})$"},
        },
    }


def _patterns(vocab: _Vocab) -> dict[str, list[list[dict[str, Any]]]]:
    """Matcher patterns by label (see the module docstring for the forms)."""
    words = _token_patterns(vocab)

    def _is(kind: str, op: str | None = None) -> dict[str, Any]:
        return words[kind] if op is None else {**words[kind], "OP": op}

    newline: dict[str, Any] = {"TEXT": {"REGEX": r"^[ \t]*\n[ \t]*$"}, "OP": "?"}
    hyphenated: list[dict[str, Any]] = [
        _is("hyphenated"),
        {"TEXT": {"IN": [","]}, "OP": "?"},
        _is("hyphenated", "?"),
        newline,
        {"LOWER": {"IN": ["och", "samt"]}},
        newline,
    ]
    word: dict[str, Any] = {"IS_ALPHA": True}
    naming: dict[str, Any] = {"LOWER": {"IN": sorted(vocab.naming)}}
    named_organ: list[dict[str, Any]] = [{"LOWER": {"IN": ["nämnden", "nämndens"]}}, naming, word]
    placed = [{"LOWER": {"IN": sorted(vocab.placed)}}, {"LOWER": {"IN": sorted(vocab.placed_words)}}, _is("name")]
    county: dict[str, Any] = {"LOWER": {"IN": sorted(vocab.county_words)}}
    companies = []
    for size in sorted({len(form) for form in vocab.company_forms}):
        forms = [form for form in vocab.company_forms if len(form) == size]
        lasts = {
            variant for form in forms for last in [form[-1].casefold()] for variant in (last, f"{last}s", f"{last}:s")
        }
        companies.append(
            [
                _is("company_word"),
                _is("company_word", "*"),
                *({"LOWER": {"IN": sorted({form[i].casefold() for form in forms})}} for i in range(size - 1)),
                {"LOWER": {"IN": sorted(lasts)}},
            ]
        )
    modifier_words = sorted({word for words in vocab.role_modifiers for word in words})
    return {
        "ORGAN": [
            [_is("organ")],
            [{"LOWER": {"IN": sorted(vocab.organ_modifiers)}}, newline, _is("organ_any")],
            [*hyphenated, _is("organ")],
            [_is("organ_genitive"), newline, {"LOWER": {"IN": sorted(vocab.sub_organs)}}],
            named_organ,
            [*named_organ, {"LOWER": "och"}, word],
        ],
        "ROLE": [
            [_is("role")],
            [{"LOWER": {"IN": modifier_words}}, {"LOWER": {"IN": modifier_words}, "OP": "?"}, newline, _is("role")],
            [*hyphenated, _is("role")],
            [{"LOWER": {"IN": sorted(vocab.role_abbreviations)}}],
        ],
        "UNIT": [
            [_is("unit")],
            [*hyphenated, _is("unit")],
            [_is("unit"), naming, word],
            [_is("unit"), naming, word, {"LOWER": "och"}, word],
        ],
        "ORG": [
            [*placed, _is("name"), county],
            [*placed, {**county, "OP": "?"}],
            *companies,
            [{"TEXT": {"IN": sorted(vocab.organisation_abbreviations)}}],
        ],
        "AGENCY": [[_is("agency")]],
        "REGION": [
            [{"TEXT": {"IN": sorted(vocab.region_words)}}, _is("name"), _is("name", "?")],
            [_is("name"), {"LOWER": {"IN": sorted(vocab.kommun_words)}}],
        ],
    }


@dataclass(frozen=True)
class _WordTest:
    """A Matcher predicate over a word (`{"LOWER": {"IN": [...]}}`, `{"SHAPE": {"REGEX": ...}}`) as a lexeme flag
    getter: ``read`` gives the attribute from the word as written (the vocabulary's own getter)."""

    attr: str  # "ORTH", "LOWER" or "SHAPE"
    value: regex.Pattern[str] | frozenset[str]  # REGEX: the pattern to search; IN: the words
    read: Callable[[str], str] = field(compare=False)

    def __call__(self, word: str) -> bool:
        value = self.read(word)
        if isinstance(self.value, frozenset):
            return value in self.value
        return self.value.search(value) is not None


def _as_written(word: str) -> str:
    """The ``TEXT`` of a word: the word itself."""
    return word


def _is_first_name(word: str) -> bool:
    """`Petra`, `Lars-Göran` (by its first part `Lars`): a listed first name."""
    first_names = _vocab().first_names
    return word in first_names or word.split("-")[0] in first_names


def _is_party_code(word: str) -> bool:
    """`s`, `M`, `fp`: a party code (:func:`~beslutsparser.extract.namelist.party_code`)."""
    return party_code(word) is not None


def _flag(vocab: Vocab, test: Callable[[str], bool]) -> int:
    """The id of the lexeme flag that ``test`` sets in ``vocab`` (``Vocab.add_flag``), added at the first call."""
    for flag, getter in vocab.lex_attr_getters.items():
        if getter == test:
            return flag
    return vocab.add_flag(test)


def _flagged_tokens(doc: Doc, flag: int) -> list[int]:
    """The indices of the tokens whose word has ``flag``, read from the doc's array (no Token objects)."""
    return doc.to_array(flag).nonzero()[0].tolist()


def _flagged(vocab: Vocab, spec: Mapping[str, Any]) -> dict[str | int, Any]:
    """A Matcher token spec whose REGEX and IN predicates read lexeme flags (``Vocab.add_flag``) instead: each is
    computed once per word of the vocabulary and checked in C, where the Matcher would call Python for every
    token. A vocabulary shares the flags of equal predicates (another recognizer on the same pipeline)."""
    readers = {"ORTH": _as_written, "LOWER": vocab.lex_attr_getters[LOWER], "SHAPE": vocab.lex_attr_getters[SHAPE]}
    out: dict[str | int, Any] = {}
    for attr, value in spec.items():
        if not isinstance(value, dict):
            out[attr] = value
            continue
        for op, arg in value.items():
            if op not in ("REGEX", "IN"):
                raise ValueError(f"no lexeme flag for the Matcher predicate {op}")
            name = "ORTH" if attr == "TEXT" else attr
            test = _WordTest(name, regex.compile(arg) if op == "REGEX" else frozenset(arg), readers[name])
            out[_flag(vocab, test)] = True
    return out


def _trim(span: Span, label: str) -> Span:
    """A role without leading words that are no modifier of it (`vice` in `vice regionala utvecklingsdirektören`
    stays only as part of a listed modifier); a company name without leading sentence words (`Enligt Ådals Bygg
    AB` → `Ådals Bygg AB`)."""
    vocab = _vocab()
    if label == "ROLE" and not span[0].text.endswith("-"):  # `Hälso- och sjukvårdsdirektören` is whole
        words = [t for t in span if not t.is_space]
        lead = words[:-1]
        while lead and tuple(t.lower_ for t in lead) not in vocab.role_modifiers:
            lead = lead[1:]
        return span.doc[(lead or words[-1:])[0].i : span.end]
    if label != "ORG":
        return span
    start = span.start
    while start < span.end - 1 and (
        span.doc[start].lower_ in vocab.not_names or span.doc[start].lower_ in vocab.company_joiners
    ):
        start += 1
    return span.doc[start : span.end]


def _pattern_candidate(span: Span, label: str, vocab: _Vocab) -> _Candidate | None:
    text = span.text
    lowered = collapse(text).casefold()
    last = span[-1].lower_
    start, end = span.start_char, span.end_char
    if label == "ORGAN":
        if last in vocab.organ_exclude or last in vocab.organisations:
            return None
        if span[0].lower_ in ("nämnden", "nämndens") and (
            span[-1].lower_ in vocab.naming_stop or _before_is_modifier(span, vocab)
        ):
            return None
        return _Candidate(start, end, "organ", organ_name(text), _PATTERN)
    if label == "ROLE":
        if last in vocab.role_exclude:
            return None
        return _Candidate(start, end, "role", role_name(text), _PATTERN)
    if label == "UNIT":
        if last in vocab.unit_exclude or (len(span) > 1 and span[-1].lower_ in vocab.naming_stop):
            return None
        return _Candidate(start, end, "unit", unit_name(text), _PATTERN)
    if label == "AGENCY":
        if lowered in vocab.agency_exclude or _strip_genitive(lowered) in vocab.agency_exclude:
            return None
        return _Candidate(start, end, "organisation", organisation_name(text), _SHAPE)
    if label == "REGION":
        if any(t.lower_ in vocab.not_names for t in span):
            return None
        return _Candidate(start, end, "organisation", organisation_name(text), _SHAPE)
    if len(span) < 2 and span.text not in vocab.organisation_abbreviations:
        return None  # a company form with no name before it
    placed = span[0].lower_ in vocab.placed  # `Länsstyrelsen i Jämtlands län` over the listed `Länsstyrelsen`
    return _Candidate(start, end, "organisation", organisation_name(text), _WRITTEN if placed else _PATTERN)


def _before_is_modifier(span: Span, vocab: _Vocab) -> bool:
    """Whether an organ modifier stands right before ``span`` (`tekniska` ⏎ `nämnden för beslut`)."""
    i = span.start - 1
    while i >= 0 and span.doc[i].is_space:
        i -= 1
    return i >= 0 and span.doc[i].lower_ in vocab.organ_modifiers


def _abbreviation_candidates(doc: Doc, text: str, abbreviations: Mapping[str, str]) -> list[_Candidate]:
    """Organ abbreviations as whole tokens (`KF 2017-11-27 § 112`), not inside a diarienummer."""
    found = []
    wanted = {get_string_id(abbreviation) for abbreviation in abbreviations}
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if orth not in wanted:
            continue
        token = doc[i]
        end = token.idx + len(token.text)
        before = token.nbor(-1).lower_ if token.i > 0 else ""
        in_number = not _DATE_AFTER.match(text, end) and _NUMBER_AFTER.match(text, end)
        if before in _CASE_LABELS or text[token.idx - 1 : token.idx] == "/" or in_number:
            continue
        found.append(_Candidate(token.idx, end, "organ", abbreviations[token.text].casefold(), _PATTERN))
    return found


def _token_cover(doc: Doc, candidates: Iterable[_Candidate]) -> set[int]:
    """Indices of the tokens that the candidates cover."""
    covered: set[int] = set()
    for c in candidates:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


# ---------------------------------------------------------------------------------------------------------------
# Persons


def _is_name_token(text: str) -> bool:
    vocab = _vocab()
    return bool(_NAME_TOKEN.fullmatch(text)) and text.casefold() not in vocab.not_names


def _name_end(doc: Doc, i: int, blocked: set[int], cross_first_line: bool = True) -> int:
    """The end (token index) of the name run starting at ``doc[i]``: up to four capitalised words,
    particles between them; a single line break only after the first word (`Viktoria` ⏎ `Tryggvadottir`)."""
    vocab = _vocab()
    end, words, j = i + 1, 1, i + 1
    while j < len(doc) and words < _MAX_NAME_TOKENS:
        token = doc[j]
        if token.is_space:
            if not (cross_first_line and words == 1 and _ONE_NEWLINE.fullmatch(token.text)):
                break
            j += 1
            continue
        if token.text in vocab.particles and j + 1 < len(doc) and _is_name_token(doc[j + 1].text):
            j += 1
            continue
        if j in blocked or not _is_name_token(token.text) or token.lower_ in vocab.not_surnames:
            break
        words += 1
        j += 1
        end = j
    return end


def _person(doc: Doc, start: int, end: int, priority: int, party: str | None = None) -> _Candidate | None:
    """A person candidate over tokens ``start:end`` (two words at least; not a place: `Gustaf Adolfs Torg`)."""
    vocab = _vocab()
    words = [t for t in doc[start:end] if not t.is_space]
    if len(words) < 2:
        return None
    after = _next_word(doc, end)
    if after is not None and after.lower_ in vocab.not_surnames:
        return None
    span = doc[start:end]
    return _Candidate(span.start_char, span.end_char, "person", collapse(span.text), priority, party)


def _next_word(doc: Doc, i: int) -> Any:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _party_persons(doc: Doc, text: str, blocked: set[int]) -> list[_Candidate]:
    """`Jonas Attenius (S)`, `Viktoria` ⏎ `Tryggvadottir Rolka (S)`: names before a party code (namelist),
    with leading heading, sentence and organ words cut (`Motion av Sabina Music (C)` → `Sabina Music`,
    `nämnden för Intraservice Bertil Lidfeldt (S)` → `Bertil Lidfeldt`)."""
    vocab = _vocab()
    found = []
    for mention in find_mentions(text, 0, len(text)):
        if mention.name is None or mention.party is None:
            continue
        span = doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
        if span is None:
            continue
        paren = next((t.i for t in span if t.text == "("), span.end)
        i = max((t.i + 1 for t in doc[span.start : paren] if t.is_punct), default=span.start)
        while i < paren and (
            doc[i].is_space or i in blocked or doc[i].lower_ in vocab.not_names or not doc[i].text[:1].isupper()
        ):
            i += 1
        names = [t for t in doc[i:paren] if not t.is_space]
        if len(names) < 2:
            continue
        start_char = doc[i].idx
        found.append(
            _Candidate(
                start_char,
                mention.span[1],
                "person",
                collapse(text[start_char : doc[paren].idx]),
                _WRITTEN,
                mention.party,
            )
        )
    return found


def _comma_party_persons(doc: Doc, codes: Iterable[int], blocked: set[int]) -> list[_Candidate]:
    """`Sten-Åke Bergström, s, ordförande`, `Birgitta Holmberg, m`: a name, a comma, a party code (``codes``: the
    indices of the tokens that are one)."""
    found = []
    for i in codes:
        comma = i - 1
        if comma < 0 or doc[comma].text != ",":
            continue
        follow = doc[i + 1] if i + 1 < len(doc) else None
        if not (follow is None or follow.text == "," or follow.is_space):
            continue
        start = _name_start(doc, comma, blocked)
        code = party_code(doc[i].text)
        if start is not None and (candidate := _person(doc, start, comma, _BESIDE_ROLE, code)) is not None:
            found.append(candidate)
    return found


def _name_start(doc: Doc, end: int, blocked: set[int]) -> int | None:
    """The first token of a name run that ends right before token ``end``."""
    start = end
    while start > 0 and end - start < _MAX_NAME_TOKENS:
        token = doc[start - 1]
        if token.is_space or start - 1 in blocked or not _is_name_token(token.text):
            break
        start -= 1
    return start if start < end else None


def _role_persons(doc: Doc, roles: list[_Candidate], blocked: set[int]) -> list[_Candidate]:
    """`Ekonomichefen Tomas Edlund`, `Regional utvecklingsdirektör Jonas Hellström` (name after the role)
    and `Karin Berg, kommundirektör` (name, comma, role)."""
    found = []
    for role in roles:
        span = doc.char_span(role.start, role.end, alignment_mode="expand")
        if span is None:
            continue
        after = span.end
        while after < len(doc) and doc[after].is_space and _ONE_NEWLINE.fullmatch(doc[after].text):
            after += 1
        if after < len(doc) and after not in blocked and _is_name_token(doc[after].text):
            candidate = _person(doc, after, _name_end(doc, after, blocked, cross_first_line=False), _BESIDE_ROLE)
            if candidate is not None:
                found.append(candidate)
        if span.start >= 2 and doc[span.start - 1].text == ",":
            start = _name_start(doc, span.start - 1, blocked)
            if start is not None and (candidate := _person(doc, start, span.start - 1, _BESIDE_ROLE)) is not None:
                found.append(candidate)
    return found


def _first_name_persons(doc: Doc, first_names: Iterable[int], blocked: set[int]) -> list[_Candidate]:
    """`Petra Elf förordnas …`, `Anna Svensson, Backavägen 4`: a listed first name and capitalised words
    (``first_names``: the indices of the tokens that are one, in order)."""
    found = []
    end = 0
    for i in first_names:
        if i < end or i in blocked:
            continue  # inside the name before, or inside another mention
        stop = _name_end(doc, i, blocked)
        candidate = _person(doc, _name_lead(doc, i, blocked), stop, _FIRST_NAME)
        if candidate is not None:
            found.append(candidate)
            end = stop
    return found


def _name_lead(doc: Doc, i: int, blocked: set[int]) -> int:
    """Where a name that has a listed first name at ``doc[i]`` begins: one capitalised word earlier when that
    word does not merely open a sentence (`från Charles Felix Lindbergs donationsfond`)."""
    before = i - 1
    if before < 1 or before in blocked or not _is_name_token(doc[before].text):
        return i
    opener = doc[before - 1]
    return i if opener.is_space or opener.is_punct else before


def _trained_candidates(doc: Doc) -> list[_Candidate]:
    """Persons (two capitalised words at least) and organisations from the trained ``ner``, each within a line."""
    found = []
    for ent in doc.ents:
        if "\n" in ent.text:
            continue  # a list of names or bodies, one a line, read as one
        if ent.label_ == "PER":
            words = [t.text for t in ent if not t.is_space]
            if len(words) >= 2 and all(_is_name_token(w) or w in _vocab().particles for w in words):
                found.append(_Candidate(ent.start_char, ent.end_char, "person", collapse(ent.text), _TRAINED))
        elif ent.label_ == "ORG":
            found.append(
                _Candidate(ent.start_char, ent.end_char, "organisation", organisation_name(ent.text), _TRAINED)
            )
    return found


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def _resolve(candidates: list[_Candidate], skip: Sequence[tuple[int, int]]) -> list[_Candidate]:
    """Non-overlapping candidates: the lower priority first, then the longer, then the earlier."""
    kept: list[_Candidate] = []
    taken: list[tuple[int, int]] = list(skip)
    for c in sorted(candidates, key=lambda c: (c.priority, c.start - c.end, c.start)):
        if not _overlaps((c.start, c.end), taken):
            kept.append(c)
            taken.append((c.start, c.end))
    kept.sort(key=lambda c: c.start)
    return kept


def _known_again(
    text: str, kept: list[_Candidate], skip: Sequence[tuple[int, int]], parties: Mapping[str, str]
) -> list[_Candidate]:
    """Names the span (or the protocol, through ``parties``) already knows, found again where no rule
    fired (`Lars Holmström har avsagt sig`)."""
    names = {c.name for c in kept if c.kind == "person"} | set(parties)
    if not names:
        return kept
    pattern = regex.compile(
        r"(?<![\p{L}-])(?:" + "|".join(r"\s+".join(map(regex.escape, n.split())) for n in names) + r")(?![\p{L}-])"
    )
    taken = [(c.start, c.end) for c in kept] + list(skip)
    extra = [
        _Candidate(m.start(), m.end(), "person", collapse(m[0]), _FIRST_NAME)
        for m in pattern.finditer(text)
        if not _overlaps((m.start(), m.end()), taken)
    ]
    return sorted(kept + extra, key=lambda c: c.start)


_FOLLOWING_WORD = regex.compile(r"(?:\s*\([^()\n]{1,6}\))?\s*(\S+)")


def _to_actors(text: str, kept: list[_Candidate], parties: Mapping[str, str]) -> list[Actor]:
    """Actor records: genitive names mended (`Erik Holmgrens yrkande` → `Erik Holmgren`, `nämnden för
    funktionsstöds förslag` → `nämnden för funktionsstöd`; not `Jonas Attenius yrkande` where `Jonas Attenius
    (S)` stands elsewhere) and parties shared between mentions of one name."""
    vocab = _vocab()

    def before_noun(c: _Candidate) -> bool:
        follow = _FOLLOWING_WORD.match(text, c.end)
        return follow is not None and follow[1].casefold() in vocab.genitive_nouns

    names = {c.name for c in kept} | set(parties)
    written = {c.name for c in kept if c.kind == "person" and c.party and not before_noun(c)} | set(parties)
    known: dict[str, str] = dict(parties)
    out: list[Actor] = []
    for c in kept:
        name = c.name
        named = c.kind == "person" or (c.kind == "organ" and " " in name and name.split()[-2] in vocab.naming)
        genitive = name.endswith("s") and not name.endswith("ss")
        if named and genitive and (name[:-1] in names or (before_noun(c) and name not in written)):
            name = name[:-1]
        if c.kind == "person" and c.party is not None:
            known.setdefault(name, c.party)
        out.append(Actor(text=text[c.start : c.end], kind=c.kind, name=name, span=(c.start, c.end), party=c.party))
    for actor in out:
        if actor.kind == "person" and actor.party is None:
            actor.party = known.get(actor.name)
    return out


def propagate_parties(decisions: Iterable[list[Actor]], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Give every person mention without a party the party its name has earlier in the protocol.

    ``decisions`` are the actor lists of the §§ in document order; ``known`` names with parties from before
    them (the attendance list). Returns the names and parties known at the end.
    """
    parties: MutableMapping[str, str] = dict(known or {})
    for actors in decisions:
        for actor in actors:
            if actor.kind != "person":
                continue
            if actor.party is not None:
                parties.setdefault(actor.name, actor.party)
            elif actor.name in parties:
                actor.party = parties[actor.name]
    return dict(parties)


# ---------------------------------------------------------------------------------------------------------------
# The pipeline


def add_special_cases(nlp: Language) -> None:
    """Keep the abbreviations of ``vocab/actors.toml`` (`Ordf.`, `enl.`, `t.o.m.`) one token each.

    The whitespace special cases of spaCy's defaults that only name the token (`\\n`, `\\t`, ` `) go: whitespace
    tokenizes the same without them, but the tokenizer caches no word of a text after the first special case it
    meets there, so a line break early in a § had every later word tokenized anew (five times the work).
    """
    tokenizer = nlp.tokenizer
    rules = tokenizer.rules
    idle = {case for case, tokens in rules.items() if case.isspace() and tokens == [{ORTH: case}]}
    if idle:
        tokenizer.rules = {case: tokens for case, tokens in rules.items() if case not in idle}
    for case in _vocab().special_cases:
        tokenizer.add_special_case(case, [{"ORTH": case}])


@Language.factory(COMPONENT, default_config={"use_ner": True})
def make_actor_recognizer(nlp: Language, name: str, use_ner: bool) -> ActorRecognizer:
    """The ``beslutsparser_actors`` factory: ``nlp.add_pipe("beslutsparser_actors")`` on any Swedish pipeline
    (place it after an ``ner`` whose ``PER`` and ``ORG`` it should merge; ``use_ner=False`` ignores them)."""
    add_special_cases(nlp)
    return ActorRecognizer(nlp, name, use_ner)


if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


@spacy.registry.callbacks("beslutsparser.actor_tokenizer.v1")
def actor_tokenizer_callback() -> Callable[[Language], Language]:
    """A ``[initialize.before_init]`` callback for training configs: the special cases before training."""

    def before_init(nlp: Language) -> Language:
        add_special_cases(nlp)
        return nlp

    return before_init


def model_path() -> Path:
    """Where the trained pipeline lives: ``$BESLUTSPARSER_ACTORS_MODEL`` or ``models/actors/model``."""
    return Path(os.environ.get(MODEL_ENV) or _MODEL_DIR)


def model_installed() -> bool:
    """Whether :func:`model_path` holds a trained pipeline (else ``model`` mode reads by rules alone)."""
    return (model_path() / "config.cfg").is_file()


def blank_pipeline() -> Language:
    """``spacy.blank("sv")`` with the special cases and the rule component only."""
    nlp = spacy.blank("sv")
    nlp.add_pipe(COMPONENT, config={"use_ner": False})
    return nlp


@cache
def get_nlp() -> Language:
    """The actor pipeline, loaded once: the trained ``models/actors`` pipeline plus the rule component, or
    the rules alone where no trained pipeline is installed."""
    if not model_installed():
        return blank_pipeline()
    nlp = spacy.load(model_path(), exclude=[COMPONENT])
    nlp.add_pipe(COMPONENT)
    return nlp


@cache
def _rules_only() -> Language:
    return blank_pipeline()


def actor_pipeline(mode: ActorMode) -> Language | None:
    """The pipeline a parse uses: ``model`` (:func:`get_nlp`: rules plus the trained component),
    ``rules`` (the rules alone, several times faster) or ``off`` (``None``: no actors)."""
    if mode == "off":
        return None
    return get_nlp() if mode == "model" else _rules_only()


@dataclass(frozen=True)
class Region:
    """A stretch of text to read actors in (a §): absolute bounds, context, spans to skip."""

    start: int
    end: int
    ctx: Context | None = None
    skip: Sequence[tuple[int, int]] = ()


def find_actors_in(
    text: str,
    regions: Sequence[Region],
    *,
    parties: Mapping[str, str] | None = None,
    nlp: Language | None = None,
) -> list[list[Actor]]:
    """:func:`find_actors` for many regions of one text at once (one list a region, in order).

    The trained component runs over the regions in batches (``nlp.pipe``), which is several
    times faster than one region at a time.
    """
    nlp = get_nlp() if nlp is None else nlp
    recognizer: ActorRecognizer = nlp.get_pipe(COMPONENT)
    bounds = [(max(r.start, 0), min(r.end, len(text))) for r in regions]
    docs = nlp.pipe((text[a:b] if a < b else "" for a, b in bounds), disable=[COMPONENT])
    out: list[list[Actor]] = []
    for region, (start, stop), doc in zip(regions, bounds, docs, strict=True):
        if start >= stop:
            out.append([])
            continue
        local_skip = [(max(a, start) - start, min(b, stop) - start) for a, b in region.skip if a < stop and b > start]
        abbreviations = region.ctx.abbreviations if region.ctx is not None else None
        found = recognizer._actors(doc, text[start:stop], abbreviations, parties, local_skip)
        for actor in found:
            actor.span = (actor.span[0] + start, actor.span[1] + start)
        out.append(found)
    return out


def find_actors(
    text: str,
    start: int = 0,
    end: int | None = None,
    ctx: Context | None = None,
    *,
    skip: Sequence[tuple[int, int]] = (),
    parties: Mapping[str, str] | None = None,
    nlp: Language | None = None,
) -> list[Actor]:
    """Persons, organs, roles, units and outside organisations in ``text[start:end]``, in text order.

    Spans are absolute offsets into ``text``; whatever overlaps a ``skip`` span (section headings) is left
    out. Organ abbreviations resolve through ``ctx.abbreviations`` (then ``vocab/organs.toml``);
    ``parties`` (name → party known earlier in the protocol) fills persons written without one. ``nlp`` is
    the pipeline to use (default :func:`get_nlp`; :func:`blank_pipeline` for the rules alone).
    """
    stop = len(text) if end is None else end
    if not 0 <= start < min(stop, len(text)):
        return []
    return find_actors_in(text, [Region(start, stop, ctx, skip)], parties=parties, nlp=nlp)[0]
