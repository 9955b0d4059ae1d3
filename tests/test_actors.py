"""Actors of a §: the written forms each kind is found in, base forms, parties, abbreviations, the spaCy component.

The form tables run the rules alone (``blank_pipeline``), so that they test the vocabulary and patterns; the
trained component has its own tests at the end.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from beslutsparser import parse_text
from beslutsparser.extract import Context
from beslutsparser.extract.actors import (
    COMPONENT,
    MODEL_ENV,
    blank_pipeline,
    find_actors,
    get_nlp,
    model_path,
    organ_name,
    organisation_name,
    propagate_parties,
    role_name,
    unit_name,
)
from beslutsparser.model import Actor


@pytest.fixture(scope="module")
def rules() -> Language:
    return blank_pipeline()


def names(actors: list[Actor], kind: str) -> list[str]:
    return [a.name for a in actors if a.kind == kind]


FORMS = [
    # persons with a party code
    ("Jonas Attenius (S) yrkar bifall.", "person", "Jonas Attenius", "party-paren"),
    ("Johan Svensson (m) reserverar sig.", "person", "Johan Svensson", "party-lower-case"),
    (
        "Viktoria\nTryggvadottir Rolka (S) röstar ja.",
        "person",
        "Viktoria Tryggvadottir Rolka",
        "name-broken-over-lines",
    ),
    ("Nina Miskovsky\n(M) samt ordföranden.", "person", "Nina Miskovsky", "party-on-next-line"),
    ("På förslag av ordföranden Jonas Attenius (S):", "person", "Jonas Attenius", "role-before-party-name"),
    ("Mariah ben Salem Dynehäll (L) yrkar avslag.", "person", "Mariah ben Salem Dynehäll", "name-particle"),
    ("Per-Erik Grönlund (S) ställer frågor.", "person", "Per-Erik Grönlund", "hyphenated-first-name"),
    ("Motion av Sabina Music (C) om en hyresmodell", "person", "Sabina Music", "motion-av-cut"),
    ("Ärendebeskrivning\nJan Sahlin (M) föreslår i en motion", "person", "Jan Sahlin", "heading-line-cut"),
    ("- Lars Holmströms (C) avsägelse godkänns.", "person", "Lars Holmström", "genitive-with-party"),
    ("parkerna och Vasaparken. Axel Josefson (M) yrkar", "person", "Axel Josefson", "sentence-before-cut"),
    (
        "Ordföranden i nämnden för Intraservice Bertil Lidfeldt (S) svarar",
        "person",
        "Bertil Lidfeldt",
        "organ-before-cut",
    ),
    ("Anna Ek (-) är politisk vilde.", "person", "Anna Ek", "party-independent"),
    ("Sten-Åke Bergström, s, ordförande", "person", "Sten-Åke Bergström", "comma-party-lower"),
    ("Birgitta Holmberg, m\nKent Wallin, fp", "person", "Kent Wallin", "comma-party-list"),
    # persons next to a role
    ("Ekonomichefen Tomas Edlund redovisar utfallet.", "person", "Tomas Edlund", "role-definite-before"),
    ("Byggnadsinspektör Per Lund besvarade frågor.", "person", "Per Lund", "role-indefinite-before"),
    ("Regional utvecklingsdirektör Jonas Hellström föreslår", "person", "Jonas Hellström", "modified-role-before"),
    ("Karin Berg, kommundirektör, informerar.", "person", "Karin Berg", "role-after-comma"),
    ("Helena Byström, kommundirektör", "person", "Helena Byström", "attendance-role-after"),
    ("Enhetschef Okänd Namnsson redovisar", "person", "Okänd Namnsson", "role-before-unlisted-name"),
    # persons by a listed first name
    ("Petra Elf förordnas som vikarierande politisk sekreterare.", "person", "Petra Elf", "first-name-no-party"),
    ("i stället för Anna Skrapste för tiden", "person", "Anna Skrapste", "first-name-after-preposition"),
    ("Anna Svensson, Backavägen 4, Ekeryd, har ansökt", "person", "Anna Svensson", "first-name-address-after"),
    ("att förelägga Bertil Ohlsson att senast", "person", "Bertil Ohlsson", "first-name-object"),
    (
        "Protokollsutdrag skickas till\nAnna Hildesson Munthe\nStadsledningskontoret",
        "person",
        "Anna Hildesson Munthe",
        "first-name-list-line",
    ),
    ("mot Erik Holmgrens yrkande och finner", "person", "Erik Holmgren", "genitive-before-noun"),
    ("Lars-Göran Viklund leder mötet.", "person", "Lars-Göran Viklund", "hyphenated-listed-first-name"),
    (
        "ansökan om medel från Charles Felix Lindbergs donationsfond",
        "person",
        "Charles Felix Lindbergs",
        "unlisted-name-before-listed",
    ),
    ("Eva Hessman ger en återkoppling.", "person", "Eva Hessman", "first-name-sentence-start"),
    # organs
    ("Kommunstyrelsen beslutar att", "organ", "kommunstyrelsen", "organ-definite"),
    ("enligt kommunstyrelsens förslag", "organ", "kommunstyrelsen", "organ-genitive"),
    (
        "till regionala utvecklingsnämndens sammanträde",
        "organ",
        "regionala utvecklingsnämnden",
        "organ-modifier-genitive",
    ),
    ("Regionala utvecklingsnämnden föreslår", "organ", "regionala utvecklingsnämnden", "organ-modifier-capital"),
    (
        "Barn- och utbildningsnämndens förslag",
        "organ",
        "barn- och utbildningsnämnden",
        "organ-hyphen-compound-genitive",
    ),
    ("Miljö-\noch byggnadsnämnden beslutade", "organ", "miljö- och byggnadsnämnden", "organ-hyphen-over-lines"),
    ("Kultur-, fritids- och folkhälsonämnden", "organ", "kultur-, fritids- och folkhälsonämnden", "organ-three-part"),
    ("Kommunstyrelsens arbetsutskott föreslår", "organ", "kommunstyrelsens arbetsutskott", "organ-sub-organ"),
    ("Regionstyrelsens arbetsutskotts förslag", "organ", "regionstyrelsens arbetsutskott", "organ-sub-organ-genitive"),
    ("förslag till kommunfullmäktige", "organ", "kommunfullmäktige", "organ-fullmäktige"),
    ("kommunfullmäktiges beslut", "organ", "kommunfullmäktige", "organ-fullmäktige-genitive"),
    ("Regionfullmäktige fastställer", "organ", "regionfullmäktige", "organ-regionfullmaktige"),
    ("ledamot i tekniska nämnden", "organ", "tekniska nämnden", "organ-modifier-bare-head"),
    ("nämnden för Intraservice", "organ", "nämnden för intraservice", "organ-named"),
    (
        "nämnden för demokrati och medborgarservice",
        "organ",
        "nämnden för demokrati och medborgarservice",
        "organ-named-two-words",
    ),
    ("Arbetsutskottets förslag", "organ", "arbetsutskottet", "organ-arbetsutskott"),
    ("Valberedningens förslag", "organ", "valberedningen", "organ-beredning"),
    ("Nämndpresidiet har berett", "organ", "nämndpresidiet", "organ-presidium"),
    ("KS-presidiet informerar", "organ", "ks-presidiet", "organ-abbreviation-compound"),
    ("genom beslut KF 2017-11-27 § 112", "organ", "kommunfullmäktige", "organ-abbreviation-with-date"),
    ("RUN har ansvaret", "organ", "regionala utvecklingsnämnden", "organ-abbreviation-run"),
    ("BUN yttrar sig", "organ", "barn- och utbildningsnämnden", "organ-abbreviation-bun"),
    ("Krisledningsnämnden träder i funktion", "organ", "krisledningsnämnden", "organ-compound"),
    ("överlämnas till tekniska\nnämnden för beslut.", "organ", "tekniska nämnden", "organ-modifier-before-purpose"),
    # roles
    ("Regiondirektören får i uppdrag", "role", "regiondirektör", "role-definite"),
    ("Ekonomichefen redovisar", "role", "ekonomichef", "role-chef-definite"),
    ("samtliga förvaltningschefer", "role", "förvaltningschef", "role-plural"),
    ("förvaltningschefernas ansvar", "role", "förvaltningschef", "role-plural-definite-genitive"),
    ("Expedieras till\nRegional utvecklingsdirektör", "role", "regional utvecklingsdirektör", "role-modifier-list"),
    ("Regionala utvecklingsdirektören får", "role", "regional utvecklingsdirektör", "role-modifier-definite"),
    ("Ordföranden ställer proposition", "role", "ordförande", "role-ordforande-definite"),
    ("i enlighet med ordförandens yrkande", "role", "ordförande", "role-ordforande-genitive"),
    ("Ordf. Anna Ek öppnar mötet", "role", "ordförande", "role-ordf-abbreviation"),
    ("Nämndsekreteraren redovisar", "role", "nämndsekreterare", "role-sekreterare-definite"),
    ("nämndsekreterarna", "role", "nämndsekreterare", "role-sekreterare-plural"),
    ("Hälso- och sjukvårdsdirektören", "role", "hälso- och sjukvårdsdirektör", "role-hyphen-compound"),
    ("Förste vice ordföranden Håkan", "role", "förste vice ordförande", "role-ordinal-vice"),
    ("vice ordförande", "role", "vice ordförande", "role-vice"),
    ("kommunalrådet", "role", "kommunalråd", "role-kommunalrad"),
    ("Regionrådet har ordet", "role", "regionråd", "role-regionrad"),
    ("Miljöinspektör Åsa Karlberg", "role", "miljöinspektör", "role-inspektor"),
    ("Stadsjuristen yttrar sig", "role", "stadsjurist", "role-jurist"),
    ("Kommundirektörens beslut om attesträtt", "role", "kommundirektör", "role-genitive"),
    ("Personalchefens beslut", "role", "personalchef", "role-chef-genitive"),
    ("Revisorn granskar", "role", "revisor", "role-revisor"),
    ("Handläggaren föreslår", "role", "handläggare", "role-handlaggare"),
    ("biträdande förvaltningschef", "role", "biträdande förvaltningschef", "role-bitradande"),
    ("Politiska sekreterare", "role", "politisk sekreterare", "role-politisk"),
    ("Kollektivtrafikchef", "role", "kollektivtrafikchef", "role-list-item"),
    # units
    ("förvaltningens förslag", "unit", "förvaltningen", "unit-forvaltning-genitive"),
    ("Stadsledningskontorets tjänsteutlåtande", "unit", "stadsledningskontoret", "unit-kontor-genitive"),
    ("Kommunkansliet har gått igenom", "unit", "kommunkansliet", "unit-kansli"),
    ("Ekonomiavdelningen föreslår", "unit", "ekonomiavdelningen", "unit-avdelning"),
    ("Mark- och exploateringsenheten", "unit", "mark- och exploateringsenheten", "unit-hyphen-compound"),
    ("Enheten för näringsliv och innovation", "unit", "enheten för näringsliv och innovation", "unit-named"),
    ("Samhällsbyggnadsförvaltningen har tagit fram", "unit", "samhällsbyggnadsförvaltningen", "unit-compound"),
    ("Miljö- och byggnadskontoret föreslog", "unit", "miljö- och byggnadskontoret", "unit-kontor-hyphen"),
    ("Stadsledningskontoret/Kontorsledning", "unit", "stadsledningskontoret", "unit-slash"),
    # organisations
    ("Tillväxtverket har skickat förslag", "organisation", "Tillväxtverket", "org-listed"),
    ("Tillväxtverkets förslag", "organisation", "Tillväxtverket", "org-listed-genitive"),
    ("Länsstyrelsen i Jämtlands län har beslutat", "organisation", "Länsstyrelsen i Jämtlands län", "org-county"),
    ("yttrande till länsstyrelsen", "organisation", "länsstyrelsen", "org-lower-case"),
    ("regeringens regionala tillväxtpolitik", "organisation", "regeringen", "org-regeringen-genitive"),
    ("Sveriges Kommuner och Regioner, cirkulär", "organisation", "Sveriges Kommuner och Regioner", "org-multiword"),
    ("enligt SKR:s rekommendation och SKR", "organisation", "Sveriges Kommuner och Regioner", "org-abbreviation"),
    ("uppdrag till Got Event AB att ta fram", "organisation", "Got Event AB", "org-company"),
    ("Redovisning av Göteborg & Co AB:s uppdrag", "organisation", "Göteborg & Co AB", "org-company-genitive"),
    ("Enligt Ådals Bygg AB är", "organisation", "Ådals Bygg AB", "org-company-opener-cut"),
    (
        "Hemsjö Fiber ekonomisk förening håller stämma",
        "organisation",
        "Hemsjö Fiber ekonomisk förening",
        "org-forening",
    ),
    ("Region Mittland har skickat", "organisation", "Region Mittland", "org-region"),
    ("Region Västerfjälls digitala anslagstavla", "organisation", "Region Västerfjäll", "org-region-genitive"),
    ("med Ytterby kommun", "organisation", "Ytterby kommun", "org-kommun"),
    ("Arbetsmiljöverket har inspekterat", "organisation", "Arbetsmiljöverket", "org-agency-suffix"),
    ("Förvaltningsrätten i Göteborg", "organisation", "Förvaltningsrätten i Göteborg", "org-court-placed"),
    ("Mark- och miljödomstolen", "organisation", "Mark- och miljödomstolen", "org-listed-hyphen"),
    ("samverkan med Trafikverket och Skatteverket", "organisation", "Skatteverket", "org-second-in-list"),
]


@pytest.mark.parametrize(("text", "kind", "name"), [row[:3] for row in FORMS], ids=[row[3] for row in FORMS])
def test_form(rules: Language, text: str, kind: str, name: str) -> None:
    assert name in names(find_actors(text, nlp=rules), kind)


NOT_MENTIONS = [
    ("Nämnden beslutar att godkänna", "organ", "bare-nämnden"),
    ("av nämnder och bolagsstyrelser", "organ", "plural-organs"),
    ("Dnr KS 2018/0057", "organ", "abbreviation-in-case-number"),
    ("Dnr. 2022/KS 0241 800", "organ", "abbreviation-after-year-slash"),
    ("(RUN/516/2020)", "organ", "abbreviation-inside-case-number"),
    ("Bokslutsberedningen avseende 2023", "organ", "excluded-beredning"),
    ("områden och åtgärder", "role", "rad-inside-word"),
    ("strategin för området", "role", "strateg-inside-word"),
    ("lägenheten på tredje våningen", "unit", "enhet-inside-word"),
    ("ett nytt kontor", "unit", "bare-indefinite-kontor"),
    ("Regelverket ändras", "organisation", "suffix-generic-verket"),
    ("äganderätten till fastigheten", "organisation", "suffix-generic-ratten"),
    ("Sammanträdet hålls vid Gustaf Adolfs Torg 1.", "person", "street-after-first-name"),
    ("Vårt Göteborg", "person", "possessive-place"),
    ("Per den 30 april redovisas", "person", "first-name-word-before-lower-case"),
    ("Beslut\nAnna", "person", "single-first-name"),
    ("Ledamöterna från SD reserverar sig.", "person", "party-group"),
    ("AB", "organisation", "company-form-alone"),
]


@pytest.mark.parametrize(("text", "kind"), [row[:2] for row in NOT_MENTIONS], ids=[row[2] for row in NOT_MENTIONS])
def test_not_a_mention(rules: Language, text: str, kind: str) -> None:
    assert names(find_actors(text, nlp=rules), kind) == []


BASE_FORMS = [
    (organ_name, "Kommunstyrelsen", "kommunstyrelsen", "organ-capital"),
    (organ_name, "regionala utvecklingsnämndens", "regionala utvecklingsnämnden", "organ-genitive-modifier"),
    (organ_name, "Barn- och utbildningsnämndens", "barn- och utbildningsnämnden", "organ-genitive-compound"),
    (organ_name, "kommunfullmäktiges", "kommunfullmäktige", "organ-fullmaktige-genitive"),
    (organ_name, "Kommunstyrelsens arbetsutskotts", "kommunstyrelsens arbetsutskott", "organ-sub-organ-genitive"),
    (organ_name, "Miljö-\noch byggnadsnämnden", "miljö- och byggnadsnämnden", "organ-line-break"),
    (organ_name, "KS", "kommunstyrelsen", "organ-abbreviation"),
    (role_name, "Regiondirektören", "regiondirektör", "role-definite"),
    (role_name, "Ekonomichefen", "ekonomichef", "role-chef"),
    (role_name, "förvaltningschefer", "förvaltningschef", "role-plural"),
    (role_name, "Ordföranden", "ordförande", "role-ordforande"),
    (role_name, "ordförandena", "ordförande", "role-ordforande-plural"),
    (role_name, "Nämndsekreterarnas", "nämndsekreterare", "role-are-plural-genitive"),
    (role_name, "Regionala utvecklingsdirektören", "regional utvecklingsdirektör", "role-modifier"),
    (role_name, "revisorerna", "revisor", "role-or-plural"),
    (role_name, "kommunalrådets", "kommunalråd", "role-rad-genitive"),
    (role_name, "Ordf.", "ordförande", "role-abbreviation"),
    (unit_name, "Stadsledningskontorets", "stadsledningskontoret", "unit-genitive"),
    (unit_name, "Förvaltningen", "förvaltningen", "unit-capital"),
    (organisation_name, "Tillväxtverkets", "Tillväxtverket", "org-genitive"),
    (organisation_name, "Göteborg & Co AB:s", "Göteborg & Co AB", "org-colon-genitive"),
    (organisation_name, "Länsstyrelsen i Jämtlands läns", "Länsstyrelsen i Jämtlands län", "org-county-genitive"),
    (organisation_name, "SKR", "Sveriges Kommuner och Regioner", "org-abbreviation"),
]


@pytest.mark.parametrize(("fn", "written", "base"), [r[:3] for r in BASE_FORMS], ids=[r[3] for r in BASE_FORMS])
def test_base_form(fn: object, written: str, base: str) -> None:
    assert fn(written) == base  # type: ignore[operator]


def test_spans_are_absolute(rules: Language) -> None:
    text = "§ 12 Titel\n\nEkonomichefen Tomas Edlund redovisar för kommunstyrelsen."
    start = text.index("Ekonomichefen")
    found = find_actors(text, start, len(text), nlp=rules)
    assert [(a.kind, a.name) for a in found] == [
        ("role", "ekonomichef"),
        ("person", "Tomas Edlund"),
        ("organ", "kommunstyrelsen"),
    ]
    assert all(text[a.span[0] : a.span[1]] == a.text for a in found)


def test_headings_are_not_mentions(rules: Language) -> None:
    text = "Kommunstyrelsens beslut\nKommunstyrelsen antar planen."
    heading = (0, len("Kommunstyrelsens beslut"))
    found = find_actors(text, skip=[heading], nlp=rules)
    assert [a.text for a in found] == ["Kommunstyrelsen"]


@pytest.mark.parametrize(
    ("start", "end"), [(0, 0), (5, 2), (100, 200), (-1, 3)], ids=["empty", "reversed", "past-end", "negative"]
)
def test_bad_ranges_give_nothing(rules: Language, start: int, end: int) -> None:
    assert find_actors("Kommunstyrelsen beslutar.", start, end, nlp=rules) == []


def test_party_attaches_to_other_mentions_in_the_span(rules: Language) -> None:
    text = "Lars Holmström har avsagt sig. Lars Holmström (C) lämnar uppdraget. Lars Holmströms avsägelse godkänns."
    persons = [a for a in find_actors(text, nlp=rules) if a.kind == "person"]
    assert [(a.name, a.party) for a in persons] == [("Lars Holmström", "C")] * 3


def test_party_known_earlier_in_the_protocol(rules: Language) -> None:
    found = find_actors("Okänd Namnsson ger en återkoppling.", parties={"Okänd Namnsson": "MP"}, nlp=rules)
    assert [(a.name, a.party) for a in found if a.kind == "person"] == [("Okänd Namnsson", "MP")]


def test_propagate_parties_through_the_protocol(rules: Language) -> None:
    first = find_actors("Petra Elf (MP) yrkar bifall.", nlp=rules)
    second = find_actors("Petra Elf förordnas som sekreterare.", nlp=rules)
    third = find_actors("Anna Ek yrkar avslag.", nlp=rules)
    known = propagate_parties([first, second, third], known={"Anna Ek": "S"})
    assert [a.party for a in second if a.kind == "person"] == ["MP"]
    assert [a.party for a in third if a.kind == "person"] == ["S"]
    assert known == {"Anna Ek": "S", "Petra Elf": "MP"}


@pytest.mark.parametrize(
    ("abbreviations", "text", "organ"),
    [
        ({}, "KS beslutar", "kommunstyrelsen"),
        ({"KS": "kommunstyrelsen i Ekeryd"}, "KS beslutar", "kommunstyrelsen i ekeryd"),
        ({"SBN": "samhällsbyggnadsnämnden"}, "enligt SBN:s förslag och SBN", "samhällsbyggnadsnämnden"),
        ({"AU": "arbetsutskottet"}, "AU föreslår", "arbetsutskottet"),
    ],
    ids=["vocabulary-default", "protocol-overrides", "protocol-own-abbreviation", "au"],
)
def test_abbreviations_resolve_through_context(
    rules: Language, abbreviations: dict[str, str], text: str, organ: str
) -> None:
    ctx = Context(abbreviations=abbreviations)
    assert organ in names(find_actors(text, ctx=ctx, nlp=rules), "organ")


def test_component_in_a_users_pipeline() -> None:
    nlp = spacy.blank("sv")
    nlp.add_pipe(COMPONENT, config={"use_ner": False})
    doc = nlp("Ordf. Anna Ek (S) och Regiondirektören. Tillväxtverket och Kommunkansliet, kommunstyrelsen.")
    assert [(a.kind, a.name) for a in doc._.actors] == [
        ("role", "ordförande"),
        ("person", "Anna Ek"),
        ("role", "regiondirektör"),
        ("organisation", "Tillväxtverket"),
        ("unit", "kommunkansliet"),
        ("organ", "kommunstyrelsen"),
    ]
    assert [e.label_ for e in doc.ents] == ["ROLE", "PER", "ROLE", "ORG", "UNIT", "ORGAN"]
    assert doc.spans["actors"][0].text == "Ordf."


def test_component_is_a_registered_factory() -> None:
    assert COMPONENT in Language.factories
    assert COMPONENT in {ep.name for ep in entry_points(group="spacy_factories")}


def test_shipped_pipeline_loads_with_the_trained_component() -> None:
    assert (model_path() / "config.cfg").is_file()
    assert get_nlp().pipe_names == ["tok2vec", "ner", COMPONENT]


def test_wheel_carries_the_trained_pipeline(tmp_path: Path) -> None:
    """A ``pip install`` from a wheel reads actors with the trained component too, not by rules alone."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(root), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("beslutsparser-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {str(p.relative_to(root / "models")) for p in (root / "models" / "actors" / "model").rglob("*")
               if p.is_file()}
    assert shipped and {f"beslutsparser/models/{name}" for name in shipped} <= names


def test_missing_model_is_a_warning_not_a_silent_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path))
    protocol = parse_text("§ 1 Budget\n\nBeslut\n\nKommunstyrelsen beslutar att anta budgeten.\n", actors="model")
    assert [w.code for w in protocol.warnings if w.code == "actors-model-missing"] == ["actors-model-missing"]
    assert not [w for w in parse_text("§ 1 Budget\n", actors="rules").warnings if w.code == "actors-model-missing"]


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Saga Vikström informerar om budgetläget.", "person", "Saga Vikström"),
        ("Till ombud vid stämman utses Dragan Moberg.", "person", "Dragan Moberg"),
        (
            "Yttrandet överlämnas till Hushållningssällskapet Västerfjäll.",
            "organisation",
            "Hushållningssällskapet Västerfjäll",
        ),
    ],
    ids=["trained-person-unlisted-first-name", "trained-person-object", "trained-organisation-unlisted"],
)
def test_trained_component_finds_what_rules_miss(rules: Language, text: str, kind: str, name: str) -> None:
    assert name not in names(find_actors(text, nlp=rules), kind)
    assert name in names(find_actors(text), kind)
