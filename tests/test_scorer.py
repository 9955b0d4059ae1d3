"""The referee's floors (issue 2), on ../shared/corpus and on our own fixtures' gold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_DOCS, CORPUS_GOLD, FIXTURES, SCORER

# The floors the issues set, in the scorer's terms; a field no gold carries is not measured.
MEETING = ("organ", "authority", "date", "start_time", "end_time", "place", "chair", "secretary", "adjusted_on",
           "posted_on", "removed_on", "appeal_deadline", "adjusters", "attendees", "attendee_roles")
FLOORS = {
    # issue 2: the text foundation
    "paragraphs": 0.99, "title": 0.95, "case_numbers": 0.98, "section_kinds": 0.95, "decision": 0.90,
    "recipients": 0.90, "documents": 0.90,
    # issue 3: dates, references and laws
    "dates": 0.95, "references": 0.90, "laws": 0.90,
    # issue 6: actors
    "persons": 0.95, "organs": 0.90, "roles": 0.90,
    # issue 4: the political record and the meeting header
    "vote": 0.95, "reservations": 0.95, **{f"meeting.{field}": 0.95 for field in MEETING},
}
CMD = f"{sys.executable} -m beslutsparser.cli parse {{}}"


def score(gold: Path, docs: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, str(SCORER), "--gold", str(gold), "--docs", str(docs), "--cmd", CMD, "--show", "30"]
    for field, floor in FLOORS.items():
        argv += ["--min", f"{field}={floor}"]
    return subprocess.run(argv, capture_output=True, text=True, timeout=1200, check=False)


@pytest.mark.parametrize("where", ["corpus", "fixtures"])
def test_floors(where: str) -> None:
    gold, docs = (CORPUS_GOLD, CORPUS_DOCS) if where == "corpus" else (FIXTURES / "gold", FIXTURES / "docs")
    assert any(gold.glob("*.json")), f"no gold in {gold}"
    done = score(gold, docs)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all floors met" in done.stdout
