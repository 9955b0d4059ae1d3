"""Bad and odd input: a clear error or a warning record, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import beslutsparser
from beslutsparser import LoadError
from conftest import cli, validate

PROTOCOL = "§ 5 Dnr KS 2021/0099\nBudget för miljö- och byggnämnden\n\nBeslut\n\nBudgeten godkänns.\n"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param(b"", "empty", id="empty-file"),
        pytest.param(b"   \n\n\t", "empty", id="whitespace-only"),
        pytest.param(bytes(range(256)) * 8, "binary", id="binary-junk"),
        pytest.param(b"\x00\x01\x02PK", "binary", id="nul-bytes"),
        pytest.param(b"PK\x03\x04" + b"x" * 40, "unsupported", id="zip-container"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError) as err:
        beslutsparser.parse(path)
    assert err.value.code == code
    done = cli("parse", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and code in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_and_directory_exit_2(tmp_path: Path) -> None:
    for target in (tmp_path / "nope.txt", tmp_path):
        done = cli("parse", str(target))
        assert done.returncode == 2 and "unreadable" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("encoded", "encoding", "warned"),
    [
        pytest.param(PROTOCOL.encode("utf-8"), "utf-8", False, id="utf8"),
        pytest.param(codecs.BOM_UTF8 + PROTOCOL.encode("utf-8"), "utf-8-sig", False, id="utf8-bom"),
        pytest.param(PROTOCOL.encode("utf-16"), "utf-16", False, id="utf16-bom"),
        pytest.param(PROTOCOL.encode("cp1252"), "cp1252", True, id="cp1252"),
        pytest.param(PROTOCOL.encode("latin-1") + b"\x81", "latin-1", True, id="latin1-undefined-cp1252"),
    ],
)
def test_encodings(tmp_path: Path, encoded: bytes, encoding: str, warned: bool) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(encoded)
    record = beslutsparser.parse(path)
    validate(record)
    assert record.source.encoding == encoding
    assert "miljö- och byggnämnden" in record.text
    assert any(w.code == "encoding" for w in record.warnings) is warned


def test_nfc_soft_hyphen_and_fffe_are_mended() -> None:
    text = "§ 1 Dnr KS 2020/0001\nBudget\n\nBeslut\n\nUtveck\u00adlingen av mo\u0308tet och pla\ufffe\nnen godkänns.\n"
    record = beslutsparser.parse_text(text)
    validate(record)
    assert "Utvecklingen av mötet och planen godkänns." in record.decisions[0].decision


def test_text_without_paragraphs_warns() -> None:
    record = beslutsparser.parse_text("Protokoll\n\nVälkomna!\n")
    validate(record)
    assert record.decisions == []
    assert [w.code for w in record.warnings] == ["no-paragraphs"]


@pytest.mark.parametrize(
    ("sign", "mended"),
    [
        pytest.param("$", True, id="ocr-dollar-for-section-sign-in-a-text-file"),
        pytest.param("&", True, id="ocr-ampersand-for-section-sign-in-a-text-file"),
        pytest.param("8", True, id="ocr-eight-for-section-sign-in-a-text-file"),
        pytest.param("§", False, id="neg-real-section-signs-untouched"),
    ],
)
def test_text_from_ocr_elsewhere_has_its_section_signs_mended(sign: str, mended: bool) -> None:
    body = "\n\nBeslut\nKommunstyrelsen beslutar att anta förslaget.\n\n"
    record = beslutsparser.parse_text(f"Kommunstyrelsen\n\n{sign} 12 Budget{body}{sign} 13 Taxor{body}", actors="off")
    assert [(d.paragraph, d.title) for d in record.decisions] == [(12, "Budget"), (13, "Taxor")]
    assert ("ocr-section-signs" in {w.code for w in record.warnings}) is mended


def test_one_misread_sign_alone_is_left_as_written() -> None:
    record = beslutsparser.parse_text("Kommunstyrelsen\n\n8 ledamöter röstar ja.\n$ 12 Budget\n", actors="off")
    assert "ocr-section-signs" not in {w.code for w in record.warnings}
