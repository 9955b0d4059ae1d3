"""Reservationer, protokollsanteckningar, särskilda yttranden, jäv: one record a person or party."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from beslutsparser.extract.namelist import data, phrases, words
from beslutsparser.extract.reservations import find_reservations, statement_spans

# (text, expected records as (name, party, kind))
FORMS = [
    pytest.param(
        "Ledamöterna från SD reserverar sig mot beslutet till förmån för det egna yrkandet.",
        [("SD", "SD", "reservation")],
        id="party-group-reservation",
    ),
    pytest.param(
        "Ledamöterna från M, D, L och KD reserverar sig mot beslutet.",
        [
            ("M", "M", "reservation"),
            ("D", "D", "reservation"),
            ("L", "L", "reservation"),
            ("KD", "KD", "reservation"),
        ],
        id="party-group-list-one-per-party",
    ),
    pytest.param("Jörgen Fors (SD) reserverar sig mot beslutet.", [("Jörgen Fors", "SD", "reservation")], id="person"),
    pytest.param(
        "Axel Berg (M), Hampus Ek (M) och tjänstgörande ersättaren Nina\nMisk (M) reserverar sig mot beslutet.",
        [("Axel Berg", "M", "reservation"), ("Hampus Ek", "M", "reservation"), ("Nina Misk", "M", "reservation")],
        id="persons-with-role-over-lines",
    ),
    pytest.param(
        "Mot beslutet reserverar sig Anna Lund (V) och Bo Ek (MP).",
        [("Anna Lund", "V", "reservation"), ("Bo Ek", "MP", "reservation")],
        id="persons-after-verb",
    ),
    pytest.param("Reservation anmäls av Eva Ros (C).", [("Eva Ros", "C", "reservation")], id="passive-anmals-av"),
    pytest.param(
        "Reservation: FP, M, C, KD.",
        [
            ("FP", "FP", "reservation"),
            ("M", "M", "reservation"),
            ("C", "C", "reservation"),
            ("KD", "KD", "reservation"),
        ],
        id="label-party-list",
    ),
    pytest.param("Reservation: Anna Lund (V)", [("Anna Lund", "V", "reservation")], id="label-person"),
    pytest.param(
        "Protokollsanteckning: Nämnden noterar att\nremisstiden är kort.\n\nBeslut",
        [(None, None, "protokollsanteckning")],
        id="label-free-text",
    ),
    pytest.param(
        "Jörgen Fors (SD) antecknar som yttrande en skrivelse från den 11 mars 2025.",
        [("Jörgen Fors", "SD", "protokollsanteckning")],
        id="antecknar-som-yttrande",
    ),
    pytest.param(
        "Representanterna från S, V och MP antecknar som yttrande en skrivelse från den 12 december 2023.",
        [
            ("S", "S", "protokollsanteckning"),
            ("V", "V", "protokollsanteckning"),
            ("MP", "MP", "protokollsanteckning"),
        ],
        id="representanterna-antecknar",
    ),
    pytest.param(
        "Ledamöterna från V lämnar en protokollsanteckning.",
        [("V", "V", "protokollsanteckning")],
        id="lamnar-protokollsanteckning",
    ),
    pytest.param(
        "Martin Nils (S) lämnar särskilt yttrande.", [("Martin Nils", "S", "sarskilt_yttrande")], id="sarskilt-yttrande"
    ),
    pytest.param(
        "Marina Johans (S) anmäler jäv under paragraf 313: Göteborgsförslag 12879.",
        [("Marina Johans", "S", "jav")],
        id="anmaler-jav",
    ),
    pytest.param(
        "Hampus Ek (M) deltar inte i handläggningen av ärendet på grund av jäv.",
        [("Hampus Ek", "M", "jav")],
        id="deltar-inte-pga-jav",
    ),
    pytest.param(
        "Jörgen Fors (SD) deltar inte i beslutet.", [("Jörgen Fors", "SD", "deltar_inte")], id="deltar-inte-i-beslutet"
    ),
    pytest.param("Moderaterna reserverar sig mot beslutet.", [("M", "M", "reservation")], id="party-name-written-out"),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_reservation_forms(text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert [(r.name, r.party, r.kind) for r in find_reservations(text)] == expected


def test_heading_above_is_not_part_of_the_name() -> None:
    text = "Reservation\n\nJörgen Fors (SD) reserverar sig mot beslutet.\n"
    (record,) = find_reservations(text)
    assert record.name == "Jörgen Fors"
    assert record.text == "Jörgen Fors (SD) reserverar sig mot beslutet."
    assert text[record.span[0] : record.span[1]] == record.text


def test_written_reservation_runs_to_the_next_record() -> None:
    text = (
        "Reservationer\n\nLedamöterna från M reserverar sig mot beslutet.\n"
        "Ledamöterna från L reserverar sig mot beslutet i enlighet med följande: Vi i Liberalerna\n"
        "reserverar oss mot beslutet. Det är djupt beklagligt.\n"
        "Ledamöterna från SD reserverar sig mot beslutet.\n"
    )
    records = find_reservations(text)
    assert [r.party for r in records] == ["M", "L", "SD"]
    assert records[1].text.endswith("Det är djupt beklagligt.")


def test_statement_after_names_and_colon_takes_the_given_kind() -> None:
    text = "Emmy Bön (C):\nCenterpartiet hade ställt sig bakom förslaget.\n\nProtokollsutdrag skickas till\nKS"
    (record,) = find_reservations(text, kind="protokollsanteckning")
    assert (record.name, record.party, record.kind) == ("Emmy Bön", "C", "protokollsanteckning")
    assert record.text == "Emmy Bön (C): Centerpartiet hade ställt sig bakom förslaget."


def test_several_kinds_in_one_section() -> None:
    text = (
        "Protokollsanteckningar\n\nJörgen Fors (SD) deltar inte i beslutet.\n"
        "Representanterna från M och D antecknar som yttrande en skrivelse från den 8 april 2024.\n"
    )
    assert [(r.party, r.kind) for r in find_reservations(text)] == [
        ("SD", "deltar_inte"),
        ("M", "protokollsanteckning"),
        ("D", "protokollsanteckning"),
    ]


NONE = [
    pytest.param("Vi i Liberalerna reserverar oss mot beslutet.", id="written-statement-in-first-person"),
    pytest.param("Oppositionen reserverar sig mot beslutet.", id="no-named-party-or-person"),
    pytest.param("Protokollsutdrag skickas till\nKommunstyrelsen", id="other-section"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", NONE)
def test_no_record(text: str) -> None:
    assert find_reservations(text) == []


@pytest.mark.parametrize(("text", "expected"), [form for form in FORMS if form.values[1]])
def test_every_form_passes_the_cheap_test(text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    """A § whose sections hold any of the forms is read (the test that skips the others says so)."""
    padded = "Ärendet\n\nKommunstyrelsen beslutar att godkänna redovisningen.\n\n" + text + "\n\nExpedieras till\nKS\n"
    assert statement_spans(padded, [(0, len(padded), "reservation")])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kommunstyrelsen beslutar att godkänna redovisningen.", id="decision-prose"),
        pytest.param("Beslutsunderlag\nTjänsteutlåtande 2024-05-12\nBilaga: karta", id="colon-after-no-name"),
        pytest.param("", id="empty"),
    ],
)
def test_prose_fails_the_cheap_test(text: str) -> None:
    assert not statement_spans(text, [(0, len(text), "reservation")])


VERBS = re.compile(r"reserverar sig|antecknar som yttrande|antecknar följande|deltar inte i|anmäler jäv")


def test_corpus_every_statement_has_a_record(corpus_docs: list[Path]) -> None:
    """In the Göteborg texts every reservation, note, jäv and non-participation has a record."""
    for path in corpus_docs:
        text = path.read_text(encoding="utf-8")
        records = find_reservations(text)
        spans = [r.span for r in records]
        for verb in VERBS.finditer(text):
            assert any(a <= verb.start() < b for a, b in spans), (path.name, text[verb.start() - 80 : verb.end()])
        assert all(r.name is None or len(r.name.split()) <= 4 for r in records), path.name


def test_verb_trie_takes_the_longest_phrase_as_the_alternation_did() -> None:
    """The verbs are one trie (namelist.phrases): the longest phrase that stands whole wins."""
    verbs = data()["reservations"]["verbs"]
    flat = regex.compile(rf"(?<![\w-])(?:{words(verbs)})(?![\w-])", regex.I)
    trie = regex.compile(rf"(?<![\w-])(?:{phrases(verbs)})(?![\w-])", regex.I)
    for text in (
        "X (M) deltar inte i beslutet på grund av jäv.",
        "X (M) deltar inte i beslutet på grund av jävet.",
        "X (M) Reserverar sig\nskriftligt mot beslutet.",
        "X (M) reserverar sig skriftligtvis.",
        "X (M) är jävig och lämnar sammanträdet.",
    ):
        at = text.index(")") + 2
        expected = flat.match(text, at)
        assert expected is not None
        assert trie.match(text, at).span() == expected.span(), text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        pytest.param("Ändringsförslag från Axel Josefson (M):\nAtt avslå.", False, id="name-inside-a-line"),
        pytest.param("Axel Josefson (M):\nVi anser att …", True, id="name-at-line-start"),
        pytest.param("- Anna Berg (V) och Bo Ek (S):\nVi anser att …", True, id="list-at-line-start"),
        pytest.param("Yrkande från S, V och MP:\nAtt avslå.", True, id="party-group-not-looked-into"),
    ],
)
def test_a_colon_after_names_is_read_only_after_a_list_at_a_line_start(text: str, read: bool) -> None:
    assert bool(statement_spans(text, [(0, len(text), "reservation")])) is read
