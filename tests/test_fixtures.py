"""Every fixture's expected record, § by §, for the fields of the text foundation.

Each fixture (``tests/fixtures/docs``) covers layouts the corpus lacks (see
``tests/fixtures/README.md``); its gold (``tests/fixtures/gold``) is in the scorer's format.
Comparison uses the referee's own normalisation, imported from ``../shared/eval/score.py``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import beslutsparser
from conftest import FIXTURES, SCORER, validate

GOLD = sorted((FIXTURES / "gold").glob("*.json"))
FIELDS = ("case_numbers", "referenced_case_numbers", "section_kinds", "recipients", "documents", "dates")


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
    got = {d["paragraph"]: d for d in record["decisions"]}
    assert sorted(got) == sorted(d["paragraph"] for d in gold["decisions"])
    for want in gold["decisions"]:
        have = got[want["paragraph"]]
        where = f"{gold['file']} § {want['paragraph']}"
        assert score.norm_title(have["title"]) == score.norm_title(want["title"]), where
        assert score.norm(score.decision_text(have)) == score.norm(want["decision"]), where
        predicted, expected = score.predicted_sets(have), score.gold_sets(want)
        for field in FIELDS:
            if field in expected:
                assert predicted[field] == expected[field], f"{where} {field}"

