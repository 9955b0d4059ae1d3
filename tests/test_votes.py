"""Omröstningar: propositions, counts, named ballots in every layout, ties, appendix tables, checks.

The layouts below are written for these tests (fictitious names) after the forms that
``../shared/corpus/FORMATS.md`` describes; the Göteborg corpus is read at run time.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from beslutsparser.extract.namelist import data
from beslutsparser.extract.votes import (
    _PROPOSITION_YES,
    AppendixVote,
    _vocab,
    attach_appendix_votes,
    check_vote,
    find_appendix_votes,
    find_votes,
)
from beslutsparser.model import Attendee, Ballot, Vote
from conftest import CORPUS_DOCS

KS_PROSE = """Omröstning

Godkänd voteringsproposition: "Ja för avslag och Nej för bifall till tilläggsyrkandet från
SD och D."
Anna Berg (S), Karl Holm (M), Lisa
Strand Ek (S), tjänstgörande ersättarna Per Dal (V) och Nils Ros
(M) samt ordföranden Eva Lund (S) röstar Ja (6).
Olof Krans (D) och Mia Vik (SD) röstar Nej (2).
Sara Alm (L) avstår från att rösta (1).

Protokollsanteckning

Sven Ås (KD) deltar inte i beslutet.
"""

HOOR_LISTS = """Omröstning
JA = kommunstyrelsens förslag
NEJ = Ida Jungs (MED) förslag
Följande ledamöter röstar JA:
Anders Nettby (M), Johan Svahn (M) och Kent Stafström (S)
Följande ledamöter röstar NEJ:
Ida Jung (MED)
Johan Karl (MED)
Följande ledamöter AVSTÅR från att rösta:
Olle Krabb (V)
Omröstningsresultat: 3 ledamöter röstar JA, 2 ledamöter röstar NEJ och 1 ledamot AVSTÅR.
"""

ONE_LINE_EACH = """Omröstning
Ja för bifall till kommunstyrelsens förslag och Nej för bifall till Ida Jungs yrkande.
Anders Nettby (M) - JA
Kent Stafström (S) - JA
Ida Jung (MED) - NEJ
Olle Krabb (V) - AVSTÅR
Med 2 ja-röster mot 1 nej-röst och 1 ledamot som avstår bifaller kommunfullmäktige förslaget.
"""

PROSE_LIST = """Omröstning
Ja-röst för förslaget: Anna Berg (S), Karl Holm (M) och Lisa Strand Ek (S).
Nej-röst för förslaget: Mia Vik (SD).
"""

KF_STATEMENT = """Godkänd voteringsproposition: ”Ja för bifall till kommunstyrelsens förslag. Nej för bifall
till yrkandet från Ida Holm m.fl.”
Omröstningen utfaller med 52 Ja mot 20 Nej. 8 ledamöter avstår från att rösta. 1 ledamot
är frånvarande. Hur var och en röstar framgår av bilaga 9.
"""

KF_NO_ABSTENTIONS = """Godkänd voteringsproposition: "Ja för ärendets avgörande idag och Nej för ärendets
återremiss."
Omröstningen utfaller med 72 Ja mot 9 Nej. Hur var och en röstar framgår av bilaga 10.
"""

MOLNDAL = """Ja-röst för kommunstyrelsens förslag, Nej-röst för Mia Viks förslag.
Omröstningsresultat
Med 7 ja-röster mot 6 nej-röster beslutar nämnden enligt kommunstyrelsens förslag.
"""

TIE = """Ja-röst för kommunstyrelsens förslag, Nej-röst för Ida Jungs förslag.
Omröstningen ger lika röstetal, 10 Ja-röster och 10 Nej-röster. Ordföranden använder sin
utslagsröst för Ja.
"""

TIE_BY_PROPOSAL = """Den som vill bifalla kommunstyrelsens förslag röstar ja, den som vill bifalla Ida Jungs förslag
röstar nej.
Omröstningen ger 6 ja-röster och 6 nej-röster. Ordföranden avger sin utslagsröst till förmån för
kommunstyrelsens förslag.
"""

SUBSTITUTE = """Godkänd voteringsproposition: "Ja för bifall och Nej för avslag."
Anna Berg (S) och tjänstgörande ersättaren Per Dal (V) för Bo Ek (V) röstar Ja (2).
Mia Vik (SD) röstar Nej (1).
"""

TWO_VOTES = KS_PROSE.split("Protokollsanteckning")[0] + KF_NO_ABSTENTIONS


def _ballots(vote: Vote) -> list[tuple[str, str | None, str]]:
    return [(b.name, b.party, b.vote) for b in vote.ballots]


# (text, yes, no, abstain, absent)
COUNTS = [
    pytest.param(KS_PROSE, 6, 2, 1, None, id="goteborg-ks-prose-groups"),
    pytest.param(HOOR_LISTS, 3, 2, 1, None, id="hoor-ja-nej-lists"),
    pytest.param(ONE_LINE_EACH, 2, 1, 1, None, id="one-line-per-member"),
    pytest.param(PROSE_LIST, 3, 1, 0, None, id="prose-list-counts-from-names"),
    pytest.param(KF_STATEMENT, 52, 20, 8, 1, id="goteborg-kf-full-statement"),
    pytest.param(KF_NO_ABSTENTIONS, 72, 9, 0, 0, id="goteborg-kf-statement-zeroes-unstated"),
    pytest.param(MOLNDAL, 7, 6, 0, None, id="molndal-ja-roster"),
    pytest.param(TIE, 10, 10, 0, None, id="tie-ja-roster"),
    pytest.param("Omröstningsresultat: Ja-röster: 5, Nej-röster: 4, Avstår: 1", 5, 4, 1, None, id="label-colon-count"),
    pytest.param("Med tre ledamöter som röstar ja och två ledamöter som röstar nej.", 3, 2, 0, None, id="number-words"),
    pytest.param("Med 7 röster mot 4 beslutar nämnden enligt ordförandens förslag.", 7, 4, 0, None,
                 id="majority-roster-mot"),
    pytest.param("Omröstning begärs. Kommunfullmäktige beslutar med 45 röster mot 12 röster, 4 ledamöter avstår, "
                 "att anta budgeten.", 45, 12, 4, None, id="majority-with-abstentions"),
    pytest.param("Omröstning genomförs. Med fem röster mot två bifaller nämnden förslaget.", 5, 2, 0, None,
                 id="majority-number-words"),
    # The most words a count has before its vote word (a count is tried only a few words before one),
    # spaces and line breaks between them.
    pytest.param("Omröstning: 40 ledamöter röstar ja och 20 ledamöter röstar nej. 3  ledamöter\n som  röstade är "
                 "frånvarande.", 40, 20, 0, 3, id="longest-lead"),
    pytest.param("Röstning: tre ledamöter som röstade avstår. 12 Ja mot 9 Nej.", 12, 9, 3, None,
                 id="number-word-lead"),
    pytest.param("Omröstningen utfaller med 52\tJa mot 20 Nej. 8\nledamöter avstår från att rösta.", 52, 20, 8, 0,
                 id="tab-and-line-break"),
    pytest.param("Antal Ja: 72\nAntal Nej: 9\n(2 ledamöter är frånvarande)", 72, 9, 0, 2, id="antal-and-parenthesis"),
]


@pytest.mark.parametrize(("text", "yes", "no", "abstain", "absent"), COUNTS)
def test_first_vote_counts(text: str, yes: int, no: int, abstain: int, absent: int | None) -> None:
    vote = find_votes(text)[0]
    assert (vote.yes, vote.no, vote.abstain, vote.absent) == (yes, no, abstain, absent)
    assert vote.text == text[vote.span[0] : vote.span[1]]


# (text, yes_for, no_for)
PROPOSITIONS = [
    pytest.param(KS_PROSE, "avslag", "bifall till tilläggsyrkandet från SD och D", id="ks-straight-quotes"),
    pytest.param(
        KF_STATEMENT,
        "bifall till kommunstyrelsens förslag",
        "bifall till yrkandet från Ida Holm m.fl.",
        id="kf-curly-quotes-two-sentences-abbreviation",
    ),
    pytest.param(HOOR_LISTS, "kommunstyrelsens förslag", "Ida Jungs (MED) förslag", id="hoor-equals-lines"),
    pytest.param(MOLNDAL, "kommunstyrelsens förslag", "Mia Viks förslag", id="molndal-ja-rost-comma"),
    pytest.param(TIE_BY_PROPOSAL, "bifalla kommunstyrelsens förslag", "bifalla Ida Jungs förslag", id="den-som-vill"),
    pytest.param(
        'Godkänd voteringsproposition: Ja för bifall till A:s yrkande och Nej för\nbifall till B:s yrkande."\n'
        "Omröstningen utfaller med 3 Ja mot 2 Nej.",
        "bifall till A:s yrkande",
        "bifall till B:s yrkande",
        id="closing-quote-only",
    ),
]


def test_proposition_leads_hold_no_ja() -> None:
    """A proposition found at its "ja" is taken to begin where its lead does without being matched
    again from there (votes._proposition_matches): right only while no lead word holds "ja"."""
    votes = data()["votes"]
    assert not any("ja" in word.casefold() for word in [*votes["proposition_labels"], *votes["quotes"]])


def test_propositions_begin_at_cues() -> None:
    """A proposition is tried only where a word of cue_word begins (votes._proposition_matches): its "ja" is
    one, and no lead word begins with one (tried there, a match would be taken to begin before its lead)."""
    cues = _vocab().cue_word.words
    votes = data()["votes"]
    assert _PROPOSITION_YES.startswith(cues)
    assert not any(word.casefold().startswith(cues) for word in [*votes["proposition_labels"], *votes["quotes"]])


@pytest.mark.parametrize(("text", "yes_for", "no_for"), PROPOSITIONS)
def test_proposition_sides(text: str, yes_for: str, no_for: str) -> None:
    vote = find_votes(text)[0]
    assert (vote.yes_for, vote.no_for) == (yes_for, no_for)


# (text, expected ballots as (name, party, vote))
BALLOTS = [
    pytest.param(
        KS_PROSE,
        [
            ("Anna Berg", "S", "ja"),
            ("Karl Holm", "M", "ja"),
            ("Lisa Strand Ek", "S", "ja"),
            ("Per Dal", "V", "ja"),
            ("Nils Ros", "M", "ja"),
            ("Eva Lund", "S", "ja"),
            ("Olof Krans", "D", "nej"),
            ("Mia Vik", "SD", "nej"),
            ("Sara Alm", "L", "avstår"),
        ],
        id="ks-prose-names-over-lines-deltar-inte-excluded",
    ),
    pytest.param(
        HOOR_LISTS,
        [
            ("Anders Nettby", "M", "ja"),
            ("Johan Svahn", "M", "ja"),
            ("Kent Stafström", "S", "ja"),
            ("Ida Jung", "MED", "nej"),
            ("Johan Karl", "MED", "nej"),
            ("Olle Krabb", "V", "avstår"),
        ],
        id="hoor-lists-comma-and-line",
    ),
    pytest.param(
        ONE_LINE_EACH,
        [
            ("Anders Nettby", "M", "ja"),
            ("Kent Stafström", "S", "ja"),
            ("Ida Jung", "MED", "nej"),
            ("Olle Krabb", "V", "avstår"),
        ],
        id="one-line-per-member",
    ),
    pytest.param(
        PROSE_LIST,
        [
            ("Anna Berg", "S", "ja"),
            ("Karl Holm", "M", "ja"),
            ("Lisa Strand Ek", "S", "ja"),
            ("Mia Vik", "SD", "nej"),
        ],
        id="prose-list-after-header",
    ),
    pytest.param(KF_STATEMENT, [], id="kf-statement-has-no-names"),
]


@pytest.mark.parametrize(("text", "expected"), BALLOTS)
def test_ballots(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _ballots(find_votes(text)[0]) == expected


def test_roles_on_ballots() -> None:
    roles = {b.name: b.role for b in find_votes(KS_PROSE)[0].ballots}
    assert roles["Per Dal"] == roles["Nils Ros"] == "tjänstgörande ersättare"
    assert roles["Eva Lund"] == "ordförande"
    assert roles["Anna Berg"] is None


def test_substitute_voting() -> None:
    vote = find_votes(SUBSTITUTE)[0]
    assert _ballots(vote) == [("Anna Berg", "S", "ja"), ("Per Dal", "V", "ja"), ("Mia Vik", "SD", "nej")]
    substitute = vote.ballots[1]
    assert (substitute.role, substitute.substitute_for) == ("tjänstgörande ersättare", "Bo Ek")
    assert (vote.yes, vote.no) == (2, 1)
    assert check_vote(vote) == []


# (text, tie, casting_vote)
TIES = [
    pytest.param(TIE, True, "ja", id="casting-vote-for-ja"),
    pytest.param(TIE_BY_PROPOSAL, True, "ja", id="casting-vote-names-the-yes-proposal"),
    pytest.param(KF_STATEMENT, False, None, id="no-tie"),
]


@pytest.mark.parametrize(("text", "tie", "casting"), TIES)
def test_tie_and_casting_vote(text: str, tie: bool, casting: str | None) -> None:
    vote = find_votes(text)[0]
    assert (vote.tie, vote.casting_vote) == (tie, casting)


def test_appendix_reference() -> None:
    assert [v.appendix for v in find_votes(KF_STATEMENT + "\n" + KF_NO_ABSTENTIONS)] == ["9", "10"]


def test_two_votes_in_order() -> None:
    votes = find_votes(TWO_VOTES)
    assert [(v.yes, v.no) for v in votes] == [(6, 2), (72, 9)]


def test_spans_are_absolute() -> None:
    prefix = "§ 12 Ärendenummer SLK-2024-00001\nBeslut\nBifall.\n\n"
    text = prefix + KF_STATEMENT + "\nTrailing text."
    vote = find_votes(text, len(prefix), len(prefix) + len(KF_STATEMENT))[0]
    assert vote.span[0] >= len(prefix)
    assert text[vote.span[0] : vote.span[1]].startswith("Godkänd voteringsproposition")


# Text with vote words that is no vote.
NO_VOTES = [
    pytest.param("Omröstning begärs.", id="vote-requested-only"),
    pytest.param("Sven Ås (KD) deltar inte i beslutet.", id="deltar-inte-is-no-vote"),
    pytest.param("2 ledamöter är frånvarande.", id="absence-alone"),
    pytest.param("Förslaget antas enligt bilaga 2 och 3 till tjänsteutlåtandet.", id="enligt-bilaga"),
    pytest.param("Marina Ek (S) deltar inte i handläggningen av ärendet på grund av jäv.", id="jav-is-no-vote"),
    pytest.param("Avtalet gäller med 3 röster mot kommunens 2 i styrelsen.", id="neg-no-number-after-mot"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", NO_VOTES)
def test_no_vote(text: str) -> None:
    assert find_votes(text) == []


APPENDIX = """Kommunfullmäktige

Protokoll nr 7
Sammanträdesdatum: 2024-08-22
Bilaga 1

Plats

Ledamot

Parti

Ankom

Anna Berg

S

15:39

Bilaga 2

Ärende: 6
Ärendemening: Motion av Mia Vik (SD) om att
stärka något
Antal Ja: 3

Antal Nej: 1

Antal Avstår: 1

Antal Frånv: 1

Antal Kvittade: 0

Namn

Parti

Plats

Funktion

Resultat

Anna Berg

S

1

Ordförande

Ja

Robert Andersson
Hammarstrand

S

22

Ledamot

Ja

46 (90)

Kommunfullmäktige

Protokoll nr 7
Sammanträdesdatum: 2024-08-22
Karl Holm

M

3

2:e v Ordf

Nej

Lisa Strand Ek S

12

Ersättare

Ja

Mia Vik

SD

67 Ledamot

Avstår

Olle Krabb

V

59

Ledamot

Frånvarande
"""


def test_appendix_table_one_cell_per_line() -> None:
    tables = find_appendix_votes(APPENDIX)
    assert [t.bilaga for t in tables] == ["2"]  # Bilaga 1 is an attendance list
    table = tables[0]
    assert table.item == "6"
    assert table.subject == "Motion av Mia Vik (SD) om att stärka något"
    vote = table.vote
    assert (vote.yes, vote.no, vote.abstain, vote.absent) == (3, 1, 1, 1)
    assert [(b.name, b.party, b.vote, b.role) for b in vote.ballots] == [
        ("Anna Berg", "S", "ja", "ordförande"),
        ("Robert Andersson Hammarstrand", "S", "ja", "ledamot"),
        ("Karl Holm", "M", "nej", "vice ordförande"),
        ("Lisa Strand Ek", "S", "ja", "tjänstgörande ersättare"),
        ("Mia Vik", "SD", "avstår", "ledamot"),
        ("Olle Krabb", "V", "frånvarande", "ledamot"),
    ]
    assert check_vote(vote) == []
    first = vote.ballots[0]
    assert first.span is not None and APPENDIX[first.span[0] : first.span[1]] == "Anna Berg"


def test_find_votes_leaves_appendix_tables_alone() -> None:
    assert find_votes(APPENDIX) == []


def test_attach_appendix_votes() -> None:
    text = KF_STATEMENT.replace(
        "52 Ja mot 20 Nej. 8 ledamöter avstår från att rösta. 1 ledamot\när frånvarande",
        "3 Ja mot 1 Nej. 1 ledamot avstår från att rösta. 1 ledamot är frånvarande",
    )
    text = text.replace("bilaga 9", "bilaga 2")
    votes = attach_appendix_votes(find_votes(text), find_appendix_votes(APPENDIX))
    assert len(votes[0].ballots) == 6
    assert check_vote(votes[0]) == []
    untouched = attach_appendix_votes(find_votes(KF_STATEMENT), find_appendix_votes(APPENDIX))
    assert untouched[0].ballots == []


def _vote(yes: int, no: int, ballots: list[Ballot], abstain: int = 0, tie: bool = False) -> Vote:
    return Vote(
        yes=yes, no=no, abstain=abstain, absent=None, yes_for=None, no_for=None, ballots=ballots, span=(0, 1), tie=tie
    )


MEMBERS = [Attendee(name=f"L{i}", role="ledamot") for i in range(3)] + [Attendee(name="T", role="sekreterare")]

# (vote, attendees, expected number of vote-mismatch warnings)
CHECKS = [
    pytest.param(
        _vote(
            2,
            1,
            [
                Ballot(name="A", party="S", vote="ja"),
                Ballot(name="B", party="M", vote="ja"),
                Ballot(name="C", party="V", vote="nej"),
            ],
        ),
        None,
        0,
        id="ballots-add-up",
    ),
    pytest.param(
        _vote(3, 1, [Ballot(name="A", party="S", vote="ja"), Ballot(name="C", party="V", vote="nej")]),
        None,
        1,
        id="too-few-ja-names",
    ),
    pytest.param(
        _vote(1, 1, [Ballot(name="A", party="S", vote="ja"), Ballot(name="A", party="S", vote="nej")]),
        None,
        1,
        id="named-twice",
    ),
    pytest.param(_vote(2, 1, []), MEMBERS, 0, id="counts-match-attendance"),
    pytest.param(_vote(5, 1, []), MEMBERS, 1, id="more-votes-than-members"),
    pytest.param(_vote(2, 1, [], tie=True), None, 1, id="tie-with-unequal-sides"),
]


@pytest.mark.parametrize(("vote", "attendees", "warnings"), CHECKS)
def test_check_vote(vote: Vote, attendees: list[Attendee] | None, warnings: int) -> None:
    found = check_vote(vote, attendees)
    assert len(found) == warnings
    assert all(w.code == "vote-mismatch" for w in found)


def test_corpus_votes_add_up(corpus_docs: list[Path]) -> None:
    """Every Göteborg proposition gives one vote with counts, and every named roll call (KS prose,
    KF appendix table) adds up to the counts the § states."""
    checked = 0
    for path in corpus_docs:
        text = path.read_text(encoding="utf-8")
        votes = find_votes(text)
        assert len(votes) == len(re.findall(r"(?i)voteringsproposition", text)), path.name
        assert all(v.yes is not None and v.no is not None and v.abstain is not None for v in votes), path.name
        tables: list[AppendixVote] = find_appendix_votes(text)
        assert all(b.party and b.role for t in tables for b in t.vote.ballots), path.name
        for vote in [*attach_appendix_votes(votes, tables), *(t.vote for t in tables)]:
            if vote.ballots:
                assert check_vote(vote) == [], (path.name, vote.span)
                checked += 1
    assert checked >= 100


def test_corpus_every_cited_table_found() -> None:
    text = (CORPUS_DOCS / "goteborg_kommunfullmaktige_2024-08-22_derived.txt").read_text(encoding="utf-8")
    cited = Counter(v.appendix for v in find_votes(text))
    printed = {t.bilaga for t in find_appendix_votes(text)}
    assert set(cited) <= printed
    assert all(len(t.vote.ballots) == 81 for t in find_appendix_votes(text))
