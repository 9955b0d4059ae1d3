"""The output contract: schema shipped and current, every corpus record valid, spans inside text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import beslutsparser
from beslutsparser.model import json_schema, shipped_schema
from conftest import ROOT, cli, validate

FIELDS = {
    "paragraph", "title", "case_numbers", "referenced_case_numbers", "sections", "decision", "outcome",
    "immediately_adjusted", "recipients", "documents", "dates", "actors", "motions", "votes", "reservations",
    "references", "laws",
}
MEETING = {
    "authority", "organ", "date", "start_time", "end_time", "place", "chair", "secretary", "adjusters",
    "adjusted_on", "posted_on", "removed_on", "appeal_deadline", "paragraphs", "attendees",
}


def test_shipped_schema_is_generated_from_the_records() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from write_schema import render

    assert shipped_schema() == json.loads(render()) == json.loads(json.dumps(json_schema()))


def _spans(node: object) -> list[tuple[int, int]]:
    out = []
    if isinstance(node, dict):
        span = node.get("span")
        if isinstance(span, list) and len(span) == 2:
            out.append((span[0], span[1]))
        for value in node.values():
            out.extend(_spans(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_spans(value))
    return out


def test_every_corpus_record_is_valid_and_its_spans_lie_in_text(corpus_docs: list[Path]) -> None:
    for path in corpus_docs:
        data = validate(beslutsparser.parse(path))
        assert set(data["decisions"][0]) >= FIELDS, path.name
        assert set(data["meeting"]) >= MEETING, path.name
        n = len(data["text"])
        for start, end in _spans(data):
            assert 0 <= start <= end <= n, (path.name, start, end)


def test_section_spans_cover_their_text(corpus_docs: list[Path]) -> None:
    record = beslutsparser.parse(corpus_docs[0])
    for decision in record.decisions:
        for section in decision.sections:
            assert section.text in record.text[section.span[0] : section.span[1]]
        for number in decision.case_numbers:
            assert record.text[number.span[0] : number.span[1]] == number.text


def test_parse_text_equals_parse(corpus_docs: list[Path]) -> None:
    path = corpus_docs[-1]
    a = beslutsparser.parse(path).to_dict()
    b = beslutsparser.parse_text(path.read_text(encoding="utf-8")).to_dict()
    a["source"] = b["source"] = None
    assert a == b


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_cli_prints_the_record(corpus_docs: list[Path], fmt: str) -> None:
    done = cli("parse", str(corpus_docs[0]), "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "jsonl":
        assert done.stdout.count("\n") == 1
    validate(json.loads(done.stdout))


def test_every_vocabulary_file_loads() -> None:
    from importlib import resources

    from beslutsparser import vocab

    names = [p.name.removesuffix(".toml") for p in resources.files(vocab).iterdir() if p.name.endswith(".toml")]
    assert len(names) >= 10
    for name in names:
        assert vocab.load(name), name


@pytest.mark.parametrize(
    ("text", "kind", "codes"),
    [
        pytest.param("FÖREDRAGNINGSLISTA\nKommunstyrelsen\n\n§ 1 Val av justerare\n\n§ 2 Budget 2025\n",
                     "föredragningslista", ["not-a-protocol"], id="agenda"),
        pytest.param("PROTOKOLLSUTDRAG\nKommunstyrelsen\n\n§ 5 Dnr KS 2024/5\nBudget\n\nBeslut\n\nGodkänns.\n",
                     "protokollsutdrag", [], id="protocol-extract"),
        pytest.param("SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\nÄrendelista\n§ 5 Budget\n\n§ 5 Dnr KS 2024/5\nBudget\n\n"
                     "Beslut\n\nGodkänns.\n", "protokoll", [], id="protocol-with-agenda-in-header"),
    ],
)
def test_document_kind(text: str, kind: str, codes: list[str]) -> None:
    record = beslutsparser.parse_text(text)
    validate(record)
    assert record.kind == kind
    assert [w.code for w in record.warnings if w.code == "not-a-protocol"] == codes
