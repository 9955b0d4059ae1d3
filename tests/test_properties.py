"""Property tests: any input yields a valid record whose spans lie inside ``text``, or a clean error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import beslutsparser
from beslutsparser import LoadError
from beslutsparser.load.text import load_text_bytes
from beslutsparser.pipeline import run
from conftest import validate

FRAGMENTS = [
    "§ 12", "§12 Anmälan av motioner", "§ 301 Ärendenummer SLK-2024-00078", "§ 3 0509/23", "Dnr KS 2020/0412",
    "Beslut", "Sammanfattning", "Expedieras till", "Protokollsutdrag skickas till", "Beslutsunderlag", "Handlingar",
    "Yrkanden", "Omröstning", "Reservation", "- Tjänsteskrivelse", "Kommunstyrelsen beslutar att", "3 (90)",
    "Sida 2 av 9", "Justerandes sign", "Protokoll nr 7", "Sammanträdesdatum: 2024-08-22", "Kommunfullmäktige",
    "§ 32, den 29 februari 2024", "den 15 december", "2020-12-15", "utveck-", "lingen", "Miljö-", "och byggnämnden",
    "Bilaga 1", "Plats", "Ledamot", "", " ", "\u00ad", "\ufffe", "\f", "Information", "RUN/516/2020", "(SÄN/2012:3)",
]


def _check(text: str) -> None:
    try:
        record = beslutsparser.parse_text(text)
    except LoadError as err:
        assert err.code in {"empty", "binary", "bad-encoding"}
        return
    data = validate(record)
    n = len(data["text"])
    stack: list[object] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            span = node.get("span")
            if isinstance(span, list):
                assert 0 <= span[0] <= span[1] <= n
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30), max_size=60).map("\n".join))
def test_protocol_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    try:
        doc = load_text_bytes(data)
    except LoadError:
        return
    validate(run(doc))
