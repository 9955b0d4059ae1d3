"""Assembly helpers: the inferred organ, the records paginated."""

from __future__ import annotations

from collections import Counter

import pytest

from beslutsparser.assemble import _infer_organ, _organ_subject, _spanned
from beslutsparser.model import Decision, Meeting, Protocol, Section, Source, Vote


def _whole_text(text: str) -> str | None:
    """The organ as the pattern scanned over the whole text finds it (what the windows must agree with)."""
    pattern, _ = _organ_subject()
    counts = Counter(m.group(1) for m in pattern.finditer(text) if m.group(1)[0].isupper())
    return counts.most_common(1)[0][0] if counts else None


@pytest.mark.parametrize(
    "text",
    [
        "Kommunstyrelsen beslutar att godkänna.\nNämnden beslutar. Kommunstyrelsen beslutar igen.",
        "Barn- och utbildningsnämnden\n\n   beslutar att anta förslaget.",  # name and verb on two lines
        "Kommunstyrelsen beslutar nämnden beslutar",  # one match over both verbs
        "Kommunstyrelsen beslutarna. 2nämnden beslutar. -styrelsen antar",  # no boundary, no name start
        "Regionala utvecklingsnämnden föreslår\nKommunfullmäktige fastställer\nKommunfullmäktige antar",
        "nämnden beslutar",  # a lowercase name is no organ
        "",
    ],
)
def test_inferred_organ_is_the_whole_texts(text: str) -> None:
    assert _infer_organ(text) == _whole_text(text)


def test_inferred_organ_decides_most_often() -> None:
    text = "Kulturnämnden beslutar.\nKommunstyrelsen\nbeslutar.\nKommunstyrelsen godkänner."
    assert _infer_organ(text) == "Kommunstyrelsen"


def test_spanned_reaches_nested_records() -> None:
    section = Section(kind="beslut", heading=None, text="x", span=(0, 1))
    vote = Vote(yes=1, no=0, abstain=None, absent=None, yes_for=None, no_for=None, ballots=[], span=(2, 3))
    decision = Decision(paragraph=1, title="t", span=(0, 5), sections=[section], votes=[vote])
    meeting = Meeting()
    protocol = Protocol(schema_version="1.0", source=Source(path=None, sha256="", format="txt"), text="",
                        meeting=meeting, decisions=[decision])
    found = _spanned(protocol)
    assert sorted(map(id, found)) == sorted(map(id, [meeting, decision, section, vote]))
