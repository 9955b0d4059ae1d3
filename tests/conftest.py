"""Shared test helpers: paths to ../shared, the schema validator, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from beslutsparser.model import Protocol, shipped_schema

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BESLUTSPARSER_SHARED", ROOT.parent / "shared"))
CORPUS_DOCS = SHARED / "corpus" / "docs"
CORPUS_GOLD = SHARED / "corpus" / "gold"
SCORER = SHARED / "eval" / "score.py"
FIXTURES = ROOT / "tests" / "fixtures"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(shipped_schema())


def validate(record: Protocol | dict[str, Any]) -> dict[str, Any]:
    """Validate a record (or its dict) against the shipped JSON Schema; return the dict."""
    data = record.to_dict() if isinstance(record, Protocol) else record
    _validator().validate(data)
    return data


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``beslutsparser ARGS`` in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "beslutsparser.cli", *args], capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="session")
def corpus_docs() -> list[Path]:
    docs = sorted(CORPUS_DOCS.glob("*.txt"))
    assert docs, f"no corpus at {CORPUS_DOCS}: tests need ../shared beside the checkout"
    return docs
