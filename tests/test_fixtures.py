"""Every fixture's expected record, checked document by document with the referee's own code.

Each fixture (``tests/fixtures/docs``) covers layouts the corpus lacks (see
``tests/fixtures/README.md``); its gold (``tests/fixtures/gold``) is in the scorer's format.
The scorer (``../shared/eval/score.py``) is imported, so normalisation and figures are exactly
the referee's; each field the gold carries must reach the issues' floor in every document.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import beslutsparser
from conftest import FIXTURES, SCORER, validate
from test_scorer import FLOORS

GOLD = sorted((FIXTURES / "gold").glob("*.json"))


def _referee() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_fixture_matches_its_gold(gold_path: Path) -> None:
    score = _referee()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = validate(beslutsparser.parse(FIXTURES / "docs" / gold["file"]))
    tally = score.Tally()
    score.score_document(tally, gold["file"], gold, record)
    figures = tally.figures()
    short = {f: round(v, 3) for f, v in figures.items() if f in FLOORS and v < FLOORS[f]}
    assert not short, (short, tally.misses[:10])
    assert figures["paragraphs"] == 1.0 and figures["title"] == 1.0, tally.misses[:10]
