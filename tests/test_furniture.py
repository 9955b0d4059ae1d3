"""repeated_band_lines on synthetic pages: heads and footers found, body lines kept."""

from __future__ import annotations

import pytest

from beslutsparser.load.furniture import repeated_band_lines

HEAD = ["SAMMANTRÄDESPROTOKOLL", "Kommunstyrelsen", "Sammanträdesdatum 2021-03-15"]
FOOT = "Justerandes sign   Utdragsbestyrkande"
BODY = [
    "Ärendet bordläggs till nästa sammanträde.",
    "Ordföranden ställer proposition på yrkandena.",
    "Kommunstyrelsen beslutar enligt förslaget.",
    "Handlingar",
    "Tjänsteutlåtande den 30 november 2023.",
]


def protocol(n: int, body: list[str] = BODY) -> list[str]:
    """``n`` pages with a running head, body (rotated a line a page), footer and ``k (n)``."""
    return [
        "\n".join([*HEAD, *body[k % len(body) :], *body[: k % len(body)], "", FOOT, f"{k} ({n})"])
        for k in range(1, n + 1)
    ]


def with_top(pages: list[str], lines: list[str]) -> list[str]:
    """Each page with one extra line (from ``lines``, cycled) above everything."""
    return [f"{lines[i % len(lines)]}\n{page}" for i, page in enumerate(pages)]


def page_numbers(n: int) -> set[str]:
    return {f"{k} ({n})" for k in range(1, n + 1)}


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param(protocol(5), {*HEAD, FOOT} | page_numbers(5), id="head-footer-page-numbers"),
        pytest.param(protocol(2), set(), id="neg-two-pages"),
        pytest.param(
            [f"Sida {k} av 4\nText på sidan {'abcd'[k - 1]}." for k in range(1, 5)],
            {f"Sida {k} av 4" for k in range(1, 5)},
            id="sida-n-av-m",
        ),
        pytest.param(
            [f"{k}[25]\n{line}" for k, line in enumerate(BODY, start=1)],
            {f"{k}[25]" for k in range(1, 6)},
            id="bracket-page-numbers",
        ),
        pytest.param(
            [f"PROTOKOLL {k} (9)\nSammanträdesdatum 2025-06-{18 + k % 2}\n{line}" for k, line in enumerate(BODY)],
            {f"PROTOKOLL {k} (9)" for k in range(5)} | {"Sammanträdesdatum 2025-06-18", "Sammanträdesdatum 2025-06-19"},
            id="two-day-meeting-date",
        ),
        pytest.param(
            ["\n\n  Kommunfullmäktige  \n\n" + "\n".join(BODY[k : k + 2]) for k in range(4)],
            {"Kommunfullmäktige"},
            id="blank-lines-and-padding-ignored",
        ),
    ],
)
def test_repeated_band_lines(pages: list[str], expected: set[str]) -> None:
    assert repeated_band_lines(pages) == expected


@pytest.mark.parametrize(
    ("pages", "kept"),
    [
        pytest.param(
            with_top(protocol(6), [f"§ {n} Ärendenummer SLK-2023-00{n}29" for n in range(5, 11)]),
            "§ 5 Ärendenummer SLK-2023-00529",
            id="neg-section-line-at-every-top",
        ),
        pytest.param(
            with_top(protocol(6), [f"SN {n} Dnr {n}/12" for n in range(30, 36)]),
            "SN 30 Dnr 30/12",
            id="neg-two-varying-numbers",
        ),
        pytest.param(with_top(protocol(6), [f"§ {n}" for n in range(11, 17)]), "§ 11", id="neg-bare-section-line"),
        pytest.param(
            with_top(protocol(6), ["Beslut", "Beslut", "Ny rad\nBeslut", "Ny rad\nBeslut", "X\nY\nBeslut", "Z"]),
            "Beslut",
            id="neg-heading-at-shifting-slots",
        ),
        pytest.param(
            with_top(protocol(6), ["Val av justerare"] * 2 + ["Annan titel"] * 4),
            "Val av justerare",
            id="neg-under-half-of-pages",
        ),
        pytest.param(protocol(6, body=[*BODY, "Handlingar", *BODY]), "Handlingar", id="neg-repeated-mid-page-line"),
    ],
)
def test_body_lines_are_not_furniture(pages: list[str], kept: str) -> None:
    found = repeated_band_lines(pages)
    assert kept not in found
    assert set(HEAD) <= found


def test_band_width_decides() -> None:
    pages = ["\n".join(["a", "b", "c", "Löptext", *BODY, "x", "y", "z"]) for _ in range(4)]
    assert "Löptext" in repeated_band_lines(pages, band=4)
    assert "Löptext" not in repeated_band_lines(pages, band=3)
