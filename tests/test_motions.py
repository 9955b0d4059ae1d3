"""Yrkanden: one motion a mover (person or party) and ranked claim, with its kind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from beslutsparser.extract.motions import find_motions, motion_kind
from beslutsparser.extract.namelist import Sentences, _vocab, find_mentions, party_list

# (text, expected motions as (name, party, kind, text))
FORMS = [
    pytest.param(
        "Rasmus Ek (SD) yrkar bifall till motionen.",
        [("Rasmus Ek", "SD", "bifall", "bifall till motionen")],
        id="one-mover-bifall",
    ),
    pytest.param(
        "Patrik Höst (D), Grith Fjell (V) och Blerta Holm (S) yrkar bifall till\nkommunstyrelsens förslag.",
        [
            ("Patrik Höst", "D", "bifall", "bifall till kommunstyrelsens förslag"),
            ("Grith Fjell", "V", "bifall", "bifall till kommunstyrelsens förslag"),
            ("Blerta Holm", "S", "bifall", "bifall till kommunstyrelsens förslag"),
        ],
        id="three-movers-one-each",
    ),
    pytest.param(
        "Anna Berg (M) och Viktoria\nTryggva Rolka (S) yrkar avslag på motionen.",
        [
            ("Anna Berg", "M", "avslag", "avslag på motionen"),
            ("Viktoria Tryggva Rolka", "S", "avslag", "avslag på motionen"),
        ],
        id="name-broken-over-lines-avslag",
    ),
    pytest.param(
        "Ordföranden Jonas Lund (S) och Axel Berg (M) yrkar bifall till förslaget.",
        [("Jonas Lund", "S", "bifall", "bifall till förslaget"), ("Axel Berg", "M", "bifall", "bifall till förslaget")],
        id="role-before-name-dropped",
    ),
    pytest.param(
        "Karin Plej (MP) yrkar bifall till yrkande från L den 23 augusti 2024. Vidare yrkar Karin Plej (MP) "
        "avslag på yrkande från SD den 21 augusti 2024.",
        [
            ("Karin Plej", "MP", "bifall", "bifall till yrkande från L den 23 augusti 2024"),
            ("Karin Plej", "MP", "avslag", "avslag på yrkande från SD den 21 augusti 2024"),
        ],
        id="vidare-yrkar-mover-after-verb",
    ),
    pytest.param(
        "Jörgen Fors (SD) yrkar att ärendet ska återremitteras till kommunstyrelsen.",
        [("Jörgen Fors", "SD", "återremiss", "att ärendet ska återremitteras till kommunstyrelsen")],
        id="aterremiss-att-sats",
    ),
    pytest.param(
        "Martin Wall (D) yrkar i första hand att ärendet ska återremitteras enligt yrkande från D och i andra "
        "hand bifall till motionen.",
        [
            ("Martin Wall", "D", "återremiss", "i första hand att ärendet ska återremitteras enligt yrkande från D"),
            ("Martin Wall", "D", "bifall", "i andra hand bifall till motionen"),
        ],
        id="forsta-och-andra-hand",
    ),
    pytest.param(
        "Agneta Kjær (SD) yrkar bifall till tilläggsyrkandet från L.",
        [("Agneta Kjær", "SD", "tillägg", "bifall till tilläggsyrkandet från L")],
        id="bifall-till-tillaggsyrkande",
    ),
    pytest.param(
        "Axel Berg (M) lämnar följande tilläggsyrkande: att staden utreder saken.",
        [("Axel Berg", "M", "tillägg", "lämnar följande tilläggsyrkande: att staden utreder saken")],
        id="lamnar-tillaggsyrkande",
    ),
    pytest.param(
        "Eva Ros (C) framställer ett ändringsyrkande om att punkt 2 stryks.",
        [("Eva Ros", "C", "ändring", "framställer ett ändringsyrkande om att punkt 2 stryks")],
        id="andringsyrkande",
    ),
    pytest.param(
        "Lisa Ek (L) och Per Dal (KD) instämmer i Axel Bergs yrkande.",
        [
            ("Lisa Ek", "L", "instämmer", "instämmer i Axel Bergs yrkande"),
            ("Per Dal", "KD", "instämmer", "instämmer i Axel Bergs yrkande"),
        ],
        id="instammer",
    ),
    pytest.param(
        "Bifall till förslaget yrkas av Bo Ek (M).",
        [("Bo Ek", "M", "bifall", "Bifall till förslaget")],
        id="passive-yrkas-av",
    ),
    pytest.param(
        "Ledamöterna från M, D och L yrkar avslag.",
        [(None, "M", "avslag", "avslag"), (None, "D", "avslag", "avslag"), (None, "L", "avslag", "avslag")],
        id="party-group-one-per-party",
    ),
    pytest.param(
        "Yrkande från SD:\nAtt staden utreder saken.\n\nProtokollsutdrag skickas till",
        [(None, "SD", "annat", "Att staden utreder saken")],
        id="label-yrkande-fran-party",
    ),
    pytest.param(
        "Tilläggsyrkande från V och MP:\nAtt en uppföljning görs.",
        [(None, "V", "tillägg", "Att en uppföljning görs"), (None, "MP", "tillägg", "Att en uppföljning görs")],
        id="label-tillaggsyrkande-two-parties",
    ),
    pytest.param(
        "Rasmus Ek (SD) yrkar att motionen ska anses besvarad.",
        [("Rasmus Ek", "SD", "annat", "att motionen ska anses besvarad")],
        id="other-claim-annat",
    ),
    pytest.param(
        "Johan Svensson (m) yrkar bordläggning av ärendet.",
        [("Johan Svensson", "M", "bordläggning", "bordläggning av ärendet")],
        id="lower-case-party-bordlaggning",
    ),
    pytest.param(
        "Maria ben Salem Dyne (L) yrkar bifall.",
        [("Maria ben Salem Dyne", "L", "bifall", "bifall")],
        id="name-with-particle",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_motion_forms(text: str, expected: list[tuple[str | None, str, str, str]]) -> None:
    found = [(m.name, m.party, m.kind, m.text) for m in find_motions(text)]
    assert found == expected


# Text with motion words but no motion.
NONE = [
    pytest.param("Yrkande från SD den 21 augusti 2024.", id="document-title-in-handlingar"),
    pytest.param("Ordföranden ställer propositioner på yrkandena och finner att det bifallits.", id="proposition"),
    pytest.param("Ordföranden yrkar bifall.", id="no-named-mover"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", NONE)
def test_no_motion(text: str) -> None:
    assert find_motions(text) == []


def test_spans_absolute_and_bounded() -> None:
    text = "Beslut\nBifall.\n\nYrkanden\nAnna Berg (S) yrkar bifall.\nBo Ek (M) yrkar avslag.\n"
    start = text.index("Yrkanden")
    motions = find_motions(text, start, text.index("Bo Ek"))
    assert [m.name for m in motions] == ["Anna Berg"]
    span = motions[0].span
    assert text[span[0] : span[1]] == "Anna Berg (S) yrkar bifall."


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        pytest.param("avslag på motionen", "avslag", id="avslag"),
        pytest.param("bifall till återremissyrkandet från M", "återremiss", id="bifall-aterremissyrkande"),
        pytest.param("i andra hand bifall till motionen", "bifall", id="rank-stripped"),
        pytest.param("att ärendet bordläggs", "bordläggning", id="bordlaggs"),
        pytest.param("tilläggsyrkande", "tillägg", id="noun-tillagg"),
        pytest.param("att motionen ska avstyrkas", "annat", id="annat"),
    ],
)
def test_motion_kind(claim: str, kind: str) -> None:
    assert motion_kind(claim) == kind


def test_corpus_every_yrkar_has_a_mover(corpus_docs: list[Path]) -> None:
    """In the Göteborg texts every `yrkar` lies inside a motion with a named mover and party."""
    for path in corpus_docs:
        text = path.read_text(encoding="utf-8")
        motions = find_motions(text)
        assert all(m.name and m.party for m in motions), path.name
        spans = [m.span for m in motions]
        for verb in re.finditer(r"\byrkar\b", text):
            assert any(a <= verb.start() < b for a, b in spans), (path.name, text[verb.start() - 80 : verb.end()])


def _assert_sentences_as_whole(text: str, start: int, orders: list[Iterable[int]]) -> None:
    """Each order of lookups in a new Sentences answers as a scan of the whole of ``text[start:]``."""
    ends = [m.end() for m in _vocab().sentence_end.finditer(text, start, len(text))]
    for order in orders:
        sentences = Sentences(text, start, len(text))
        for pos in order:
            before = [e for e in ends if e <= pos]
            after = [e for e in ends if e > pos]
            assert sentences.start_of(pos) == (before[-1] if before else start)
            assert sentences.end_of(pos) == (after[0] if after else len(text))


def test_sentences_read_lazily_answer_as_read_whole() -> None:
    """Sentences finds its boundaries only as far as looked up, in any order of lookups."""
    text = "A (S) yrkar bifall. B (M) yrkar avslag t.ex. nu.\n\nBeslut\nKF beslutar. Slut"
    _assert_sentences_as_whole(text, 2, [range(2, len(text) + 1), reversed(range(2, len(text) + 1))])


def test_sentences_scanned_from_near_a_lookup_answer_as_read_whole() -> None:
    """In a long § a lookup scans from a little before it, and further back where it finds no
    boundary there: the answers are those of a scan of the whole, blank-line runs included."""
    text = "Inledning.\n\n\n" + "ord " * 300 + "\n \n\n\n" + "A (S) yrkar bifall. " * 40 + "ord \t" * 250 + "\n\n\nSlut"
    orders = [range(len(text), 2, -7), range(3, len(text) + 1, 5), [len(text) - 1, 3, 1500, 700, 20]]
    _assert_sentences_as_whole(text, 3, orders)


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        pytest.param("SD, M och KD", ["SD", "M", "KD"], id="codes"),
        pytest.param("Moderaterna och Liberalerna", ["M", "L"], id="names"),
        pytest.param("SD den 7 mars 2025.", [], id="not-a-list"),
        pytest.param("SD och", [], id="no-last-member"),
        pytest.param("", [], id="empty"),
    ],
)
def test_party_list(written: str, codes: list[str]) -> None:
    text = f"Yrkande från {written}"
    assert party_list(text, len("Yrkande från "), len(text)) == codes


def test_sentences_scan_start_inside_blank_lines() -> None:
    """A scan that would begin inside a run of blank lines begins before it: the run's lines pair
    up as in a scan of the whole."""
    text = "Början\n\n\n" + "ord " * 110 + "\n\n\n\n\n" + "ord " * 110 + "Slut."
    ends = [m.end() for m in _vocab().sentence_end.finditer(text, 0, len(text))]
    for pos in range(len(text) + 1):
        before = [e for e in ends if e <= pos]
        assert Sentences(text, 0, len(text)).start_of(pos) == (before[-1] if before else 0)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        pytest.param("Vidare yrkar Anna Berg (S) bifall.", "Anna Berg", None, id="opener"),
        pytest.param("Anna\n\nBerg (S)", "Berg", None, id="blank-line"),
        pytest.param("Viktoria\nTryggvadottir Rolka (S)", "Viktoria Tryggvadottir Rolka", None, id="line-break"),
        pytest.param("Ordföranden Jonas Attenius (S)", "Jonas Attenius", "ordförande", id="role"),
        pytest.param("Beslut Maria ben Salem Dynehäll (L)", "Maria ben Salem Dynehäll", None, id="particles"),
        pytest.param("RESERVATION\nAnna Berg (S)", "Anna Berg", None, id="heading"),
        pytest.param("A B C D E F G H (S)", "C D E F G H", None, id="six-words"),
        pytest.param("ord " * 40 + "X" * 200 + " Anna (S)", "Anna", None, id="long-word-before"),
        pytest.param("X" * 200 + "Anna (S)", None, None, id="cut-word"),
    ],
)
def test_name_before_party(text: str, name: str | None, role: str | None) -> None:
    people = [m for m in find_mentions(text, 0, len(text)) if m.name is not None]
    assert [(m.name, m.role) for m in people] == ([(name, role)] if name else [])
