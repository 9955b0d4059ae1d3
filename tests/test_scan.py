"""scan: a pattern tried only where a listed word begins finds what a scan of every offset finds."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from beslutsparser.extract.namelist import words
from beslutsparser.extract.scan import _INDEXED, casefolded, finditer_at, first_words, may_hold, word_starts

GROUPS = ["ledamöterna från", "gruppen för", "partigruppen för"]
NAMES = ["Moderaterna", "Feministiskt initiativ", "Demokraterna"]
CODES = ["S", "M", "SD", "KD", "D"]
MEMBER = rf"(?<![\w-])(?:{words(CODES)}|(?i:{words(NAMES)}))(?![\w-])"
# Shaped like namelist's party groups: an optional phrase, a list of parties, an optional tail.
GROUP = regex.compile(
    rf"(?:(?i:{words(GROUPS)})\s+)?{MEMBER}(?:\s*(?:,|och)\s*{MEMBER})*(?:\s+(?i:ledamöter|ledamöterna)(?![\w-]))?"
)
CODE = regex.compile(rf"(?<![\w-])(?:{words(CODES)})")
# Shaped like the vote cue: stems anywhere, vote words standing alone.
CUE_WORDS = ["röst", "votering", "ja", "nej", "avstår", "avstod från att rösta"]
CUE = regex.compile(rf"(?i){words(CUE_WORDS[:2])}|(?<![\w-])(?:{words(CUE_WORDS[2:])})(?![\w-])")
FRAGMENTS = [
    *GROUPS,
    *NAMES,
    *CODES,
    *CUE_WORDS,
    "LEDAMÖTERNA FRÅN",
    "och",
    ",",
    "ledamöterna",
    "Maja",
    "jag",
    "(S)",
    "Anna Ek",
    "xS",
    "S-märkt",
    "Ja-röster",
    "NEJ",
    "İ",
    "ſ",
    "K",
    "\n",
    "",
]


@pytest.mark.parametrize(
    ("phrases", "expected"),
    [
        pytest.param(
            ["reserverar sig", "Reservation anmäls av"], ("reserverar", "reservation"), id="first-word-folded"
        ),
        pytest.param(["avstår", "avst", "avstod från att rösta"], ("avst",), id="shorter-word-covers-longer"),
        pytest.param(["ja", "Ja", "  ", "nej"], ("ja", "nej"), id="once-each-blank-dropped"),
    ],
)
def test_first_words(phrases: list[str], expected: tuple[str, ...]) -> None:
    assert first_words(phrases) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Ledamöterna från SD", "ledamöterna från sd", id="folded"),
        pytest.param("ÖVERKLAGANDE", "överklagande", id="folded-swedish-letters"),
        pytest.param("Straße", None, id="length-changing-fold-sharp-s"),
        pytest.param("İstanbul", None, id="length-changing-fold-dotted-i"),
    ],
)
def test_casefolded(text: str, expected: str | None) -> None:
    assert casefolded(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "anchor", "expected"),
    [
        pytest.param("Ja-röster: 7. JA. Maja", 0, 22, None, [0, 14, 20], id="any-case-inside-words"),
        pytest.param("Ja-röster: 7. JA. Maja", 1, 21, None, [14], id="word-must-fit-the-range"),
        pytest.param("Ja-röster: 7. JA. Maja", 0, 22, regex.compile(r"\d+"), [0, 11, 14, 20], id="anchor-hits-added"),
        pytest.param("İ ja", 0, 4, None, None, id="cannot-tell"),
    ],
)
def test_word_starts(
    text: str, start: int, end: int, anchor: regex.Pattern[str] | None, expected: list[int] | None
) -> None:
    assert word_starts(text, start, end, ("ja",), anchor) == expected


MANY = ("ja", "nej", "avstår", "bifall", "avslag", "yrkande", "votering", "omröstning")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(0, 34, [0, 14, 21, 31], id="many-words-one-pass-any-case"),
        pytest.param(1, 32, [14, 21], id="many-words-must-fit-the-range"),
        pytest.param(0, 2, [0], id="many-words-at-the-range-end"),
    ],
)
def test_word_starts_of_many_words(start: int, end: int, expected: list[int]) -> None:
    """More than a few words are found in one pass of an automaton: the same offsets as a search for each."""
    text = "Ja-röster: 7. Nej 3, AVSTÅR 1. JA."
    assert len(MANY) > 6
    assert word_starts(text, start, end, MANY) == expected
    assert word_starts(text, start, end, MANY) == sorted(
        {at for word in MANY for at in range(start, end) if text.casefold().startswith(word, at, end)}
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Reservation: M", True, id="holds"),
        pytest.param("RESERVATION: M", True, id="holds-upper-case"),
        pytest.param("Beslut: bifall", False, id="lacks"),
        pytest.param("İ Beslut", True, id="cannot-tell-so-may"),
    ],
)
def test_may_hold(text: str, expected: bool) -> None:
    assert may_hold(text, 0, len(text), ("reservation",)) is expected


# A document long enough to have its trigger words found once, in one pass (the Aho–Corasick index).
PAD = "Kommunstyrelsen beslutar att godkänna redovisningen. " * (_INDEXED // 50 + 1)


@pytest.mark.parametrize(
    ("tail", "start", "end", "expected"),
    [
        pytest.param("Ja-röster: 7. JA. Maja", 0, 22, [0, 14, 20], id="indexed-any-case-inside-words"),
        pytest.param("Ja-röster: 7. JA. Maja", 1, 21, [14, 20], id="indexed-word-may-run-past-the-range"),
        pytest.param("Nej-röster: 3", 0, 13, [], id="indexed-lacks"),
    ],
)
def test_word_starts_in_a_document(tail: str, start: int, end: int, expected: list[int]) -> None:
    text = PAD + tail
    found = word_starts(text, len(PAD) + start, len(PAD) + end, ("ja",))
    assert found == [len(PAD) + at for at in expected]
    assert may_hold(text, len(PAD) + start, len(PAD) + end, ("ja",)) is bool(expected)


def test_word_starts_in_a_document_where_asked() -> None:
    """``indexed=False``: a long text searched in the range only, as a short one is."""
    text = PAD + "Ja-röster: 7. JA. Maja"
    at = len(PAD)
    assert word_starts(text, at + 1, at + 21, ("ja",), indexed=False) == [at + 14]
    assert word_starts(text, at, at + 22, ("ja",), indexed=False) == [at, at + 14, at + 20]


def test_word_starts_in_a_document_learns_new_words() -> None:
    """A word list asked for the first time after a document was indexed is found in it too."""
    text = PAD + "Omröstningen utföll 7 mot 3."
    assert word_starts(text, 0, len(text), ("ja",)) == []
    assert word_starts(text, 0, len(text), ("omröstningen", "utföll")) == [len(PAD), len(PAD) + 13]


def test_word_starts_in_a_document_of_words_that_begin_one_another() -> None:
    """Words of one list that begin at one offset (`avst`, `avstår`; a word twice) give it once."""
    text = PAD + "Avstår: 2. avst. 1"
    assert word_starts(text, 0, len(text), ("avstår", "avst")) == [len(PAD), len(PAD) + 11]
    assert word_starts(text, 0, len(text), ("avst", "avst")) == [len(PAD), len(PAD) + 11]


def test_word_starts_in_a_document_of_an_equal_new_list() -> None:
    """A list equal to one asked before but a new tuple (the index knows lists by identity) is merged
    again, to the same offsets; the first stays known."""
    text = PAD + "Nej-röster: 3. Reservation: 1."
    first = ("nej", "reservation")
    again = tuple(word for word in first)
    assert again == first and again is not first
    expected = [len(PAD), len(PAD) + 15]
    assert word_starts(text, 0, len(text), first) == expected
    assert word_starts(text, 0, len(text), again) == expected
    assert word_starts(text, len(PAD) + 1, len(text), first) == expected[1:]


def test_word_starts_in_a_document_of_no_words() -> None:
    text = PAD + "Ja-röster: 7."
    assert word_starts(text, 0, len(text), ()) == []
    assert may_hold(text, 0, len(text), ()) is False


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("pad", ["", PAD], ids=["searched-where-asked", "document-indexed"])
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=24),
    st.lists(st.sampled_from([" ", "", "  ", "\n", ", "]), min_size=24, max_size=24),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_finditer_at_finds_what_finditer_finds(pad: str, pieces: list[str], gaps: list[str], a: int, b: int) -> None:
    text = pad + "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    start, end = min(len(pad) + a, len(pad) + b, len(text)), min(len(pad) + max(a, b), len(text))
    groups = word_starts(text, start, end, first_words([*GROUPS, *NAMES]), CODE)
    assert _spans(finditer_at(GROUP, text, start, end, groups)) == _spans(GROUP.finditer(text, start, end))
    cues = word_starts(text, start, end, first_words(CUE_WORDS))
    assert _spans(finditer_at(CUE, text, start, end, cues)) == _spans(CUE.finditer(text, start, end))


def test_finditer_at_tries_the_narrowed_pattern_where_given() -> None:
    """``narrowed``: at each start the pattern of the branches that can begin there is tried instead."""
    whole = regex.compile(r"(?P<a>avslag)|(?P<b>bifall)")
    by_letter = {"a": regex.compile(r"(?P<a>avslag)|(?P<b>(?!))"), "b": regex.compile(r"(?P<a>(?!))|(?P<b>bifall)")}
    text = "bifall, avslag och bifall; annat"
    asked: list[int] = []

    def narrowed(at: int) -> regex.Pattern[str]:
        asked.append(at)
        return by_letter.get(text[at], whole)

    starts = [0, 8, 19, 27]
    found = [(m.lastgroup, m.span()) for m in finditer_at(whole, text, 0, len(text), starts, narrowed)]
    assert found == [(m.lastgroup, m.span()) for m in whole.finditer(text)]
    assert asked == starts
