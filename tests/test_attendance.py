"""Attendance lists: one row a written form of name, party, role, substitute and presence."""

from __future__ import annotations

import pytest

from beslutsparser.extract.attendance import find_attendees, names_a_role, points_elsewhere

Row = tuple[str, str | None, str | None, str | None, str | None]


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        pytest.param("Anna Ek (S)", "ledamot", [("Anna Ek", "S", "ledamot", None, None)], id="name-party"),
        pytest.param(
            "Johan Svensson (m)", "ledamot", [("Johan Svensson", "M", "ledamot", None, None)], id="lower-party"
        ),
        pytest.param("Lars Lind (-)", "ledamot", [("Lars Lind", "-", "ledamot", None, None)], id="politisk-vilde"),
        pytest.param("Kerstin Ås (ÖrP)", None, [("Kerstin Ås", "ÖrP", None, None, None)], id="local-party"),
        pytest.param("Ebba von Sydow (M)", None, [("Ebba von Sydow", "M", None, None, None)], id="particle"),
        pytest.param(
            "Sten-Ove Danielsson, s, ordförande",
            "ledamot",
            [("Sten-Ove Danielsson", "S", "ordförande", None, None)],
            id="comma-party-role",
        ),
        pytest.param(
            "Akbas, Aslan\nS\n14:47",
            "ledamot",
            [("Aslan Akbas", "S", "ledamot", None, "14:47")],
            id="surname-first-cells",
        ),
        pytest.param(
            "Ek, Anna (S), Lind, Per (M)",
            "ledamot",
            [("Anna Ek", "S", "ledamot", None, None), ("Per Lind", "M", "ledamot", None, None)],
            id="surname-first-list",
        ),
        pytest.param(
            "Eva Berg (M), 1:e vice ordförande",
            "ledamot",
            [("Eva Berg", "M", "vice ordförande", None, None)],
            id="first-vice-chair",
        ),
        pytest.param(
            "Per Lind (M), 2:e vice ordf.",
            "ledamot",
            [("Per Lind", "M", "vice ordförande", None, None)],
            id="vice-ordf",
        ),
        pytest.param(
            "Förste vice ordförande Per Ek (V)",
            "ledamot",
            [("Per Ek", "V", "vice ordförande", None, None)],
            id="role-before-name",
        ),
        pytest.param(
            "Maria Holm (S), ordförande i kulturnämnden",
            None,
            [("Maria Holm", "S", None, None, None)],
            id="chair-of-another-body",
        ),
        pytest.param(
            "Anna Berg, kommundirektör", None, [("Anna Berg", None, "kommundirektör", None, None)], id="title-after"
        ),
        pytest.param(
            "Nämndsekreterare Per Ek", None, [("Per Ek", None, "nämndsekreterare", None, None)], id="title-before"
        ),
        pytest.param(
            "ekonomichefen Lisa Holm", None, [("Lisa Holm", None, "ekonomichef", None, None)], id="title-definite"
        ),
        pytest.param(
            "Per Ek (C) tjänstgörande ersättare för Lars Lind (C)",
            "ledamot",
            [("Per Ek", "C", "tjänstgörande ersättare", "Lars Lind", None)],
            id="tjanstgorande-ersattare-for",
        ),
        pytest.param(
            "Lisa Ek (V) ersätter Tommy Larsson (KD)",
            "ledamot",
            [("Lisa Ek", "V", "tjänstgörande ersättare", "Tommy Larsson", None)],
            id="ersatter",
        ),
        pytest.param(
            "Per Ek\nersättare för Sven Emilsson (C)",
            "ledamot",
            [("Per Ek", None, "tjänstgörande ersättare", "Sven Emilsson", None)],
            id="ersattare-for-next-line-party-not-taken",
        ),
        pytest.param(
            "Per Ek (C) ersätter Bo Eliasson (V) 170, 172-184",
            "ledamot",
            [("Per Ek", "C", "tjänstgörande ersättare", "Bo Eliasson", "170, 172-184")],
            id="stripped-section-signs",
        ),
        pytest.param("*Kalle Ek (S)", "ledamot", [("Kalle Ek", "S", "tjänstgörande ersättare", None, None)], id="star"),
        pytest.param(
            "Peter Nyman (NP) §§ 51-58", "ledamot", [("Peter Nyman", "NP", "ledamot", None, "§§ 51-58")], id="range"
        ),
        pytest.param("Johan Ek (m) fr.o.m. § 60", None, [("Johan Ek", "M", None, None, "fr.o.m. § 60")], id="from"),
        pytest.param("Gun Ås (L) t.o.m. 59", None, [("Gun Ås", "L", None, None, "t.o.m. 59")], id="until"),
        pytest.param("Ebba Ek (M) ej § 13", None, [("Ebba Ek", "M", None, None, "ej § 13")], id="not-in"),
        pytest.param("Bo Ek (SD) (kom 17:20)", None, [("Bo Ek", "SD", None, None, "kom 17:20")], id="arrived"),
        pytest.param("Bo Ek (SD) kl. 17.20", None, [("Bo Ek", "SD", None, None, "kl. 17.20")], id="clock"),
        pytest.param(
            "Anna Ek (S), Per Lind (M) och Lisa Berg (C)",
            "ledamot",
            [
                ("Anna Ek", "S", "ledamot", None, None),
                ("Per Lind", "M", "ledamot", None, None),
                ("Lisa Berg", "C", "ledamot", None, None),
            ],
            id="one-line-list",
        ),
        pytest.param(
            "Anna Ek (S), ordförande        Per Lind (M)",
            "ledamot",
            [("Anna Ek", "S", "ordförande", None, None), ("Per Lind", "M", "ledamot", None, None)],
            id="two-columns",
        ),
        pytest.param(
            "Göran Sjödin    SD    -    Ersätts av Maja Lund (SD)\nHelena Wik    KD    1",
            "ledamot",
            [("Helena Wik", "KD", "ledamot", None, None)],
            id="replaced-member-is-absent",
        ),
        pytest.param(
            "Parti   Närvaro   Anteckning\nAnnika Strand, ordförande    S    1",
            "ledamot",
            [("Annika Strand", "S", "ordförande", None, None)],
            id="table-heads-and-presence-column",
        ),
        pytest.param(
            "Göran Lindahl          Birgitta Modin\nordförande             justerare",
            None,
            [("Göran Lindahl", None, "ordförande", None, None), ("Birgitta Modin", None, None, None, None)],
            id="role-under-its-column",
        ),
        pytest.param(
            "Förste vice ordföranden Håkan Ek (V) och andre vice ordföranden\nMaria Brodin (M) justerar",
            None,
            [("Håkan Ek", "V", "vice ordförande", None, None), ("Maria Brodin", "M", "vice ordförande", None, None)],
            id="prose-role-before-name-across-lines",
        ),
        pytest.param(
            "Ulla Hed (S) och Bo Ek (M) att justera protokollet\ntillsammans med ordföranden",
            None,
            [("Ulla Hed", "S", None, None, None), ("Bo Ek", "M", None, None, None)],
            id="role-far-off-in-prose-is-nobodys",
        ),
        pytest.param(
            "Jonas Hellström, regional utvecklingsdirektör",
            None,
            [("Jonas Hellström", None, "regional utvecklingsdirektör", None, None)],
            id="title-with-adjective",
        ),
    ],
)
def test_attendee_forms(text: str, role: str | None, expected: list[Row]) -> None:
    found, warnings = find_attendees(text, role=role)
    assert [(a.name, a.party, a.role, a.substitute_for, a.presence) for a in found] == expected
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("Se bilaga 1", "attendance-elsewhere", id="se-bilaga"),
        pytest.param("Enligt närvarolista sidan 2", "attendance-elsewhere", id="enligt-narvarolista"),
        pytest.param("Se förteckning bilaga 1", "attendance-elsewhere", id="se-forteckning"),
        pytest.param("Vakant", "attendee-unparsed", id="no-name"),
    ],
)
def test_lists_without_names_warn(text: str, code: str) -> None:
    found, warnings = find_attendees(text, role="ledamot")
    assert found == []
    assert [w.code for w in warnings] == [code]


def test_local_party_codes_extend_the_vocabulary() -> None:
    found, _ = find_attendees("Eva Berg (gp)", local_parties=["GP"])
    assert found[0].party == "GP"


def test_unknown_lower_case_code_is_no_party() -> None:
    found, _ = find_attendees("Eva Berg (xy)")
    assert found[0].party is None


@pytest.mark.parametrize(
    ("text", "elsewhere"),
    [
        pytest.param("Se sid 2", True, id="se-sid"),
        pytest.param("Enligt särskild närvarolista", True, id="sarskild"),
        pytest.param("Anna Ek (S)", False, id="a-name"),
    ],
)
def test_points_elsewhere(text: str, elsewhere: bool) -> None:
    assert points_elsewhere(text) is elsewhere


@pytest.mark.parametrize(
    ("text", "named"),
    [
        pytest.param("ordförande", True, id="role"),
        pytest.param("kommundirektör", True, id="title"),
        pytest.param("Kommunhuset, Kramfors", False, id="place"),
    ],
)
def test_names_a_role(text: str, named: bool) -> None:
    assert names_a_role(text) is named
