"""Statutes cited in decisions: the written forms, their act, SFS number, chapter and section."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beslutsparser.extract.laws import find_laws
from beslutsparser.model import LawReference
from beslutsparser.vocab import load

Row = tuple[str, str | None, str | None, str | None, str | None]


def rows(laws: list[LawReference]) -> list[Row]:
    return [(law.text, law.sfs, law.chapter, law.section, law.name) for law in laws]


KL = ("2017:725", "kommunallagen")
FL = ("2017:900", "förvaltningslagen")

# (text, expected (text, sfs, chapter, section, name) in order)
FOUND = [
    pytest.param(
        "enligt lagen (2010:630) om regionalt utvecklingsansvar i\nvissa län ansvaret för",
        [("lagen (2010:630) om regionalt utvecklingsansvar i\nvissa län", "2010:630", None, None,
          "lagen om regionalt utvecklingsansvar i vissa län")],
        id="official-title-after-sfs-wrapped",
    ),
    pytest.param(
        "Enligt 2 kap. 2 § lagen (2006:544) om kommuners och regioners åtgärder inför och vid extraordinära "
        "händelser i fredstid och höjd beredskap ska det finnas",
        [("2 kap. 2 § lagen (2006:544) om kommuners och regioners åtgärder inför och vid extraordinära händelser "
          "i fredstid och höjd beredskap", "2006:544", "2", "2",
          "lagen om extraordinära händelser i fredstid hos kommuner och regioner")],
        id="official-title-after-provision-and-sfs",
    ),
    pytest.param(
        "lagen (2010:630) om något annat",
        [("lagen (2010:630)", "2010:630", None, None, "lagen om regionalt utvecklingsansvar i vissa län")],
        id="neg-other-words-after-sfs-not-the-title",
    ),
    # The forms
    pytest.param(
        "6 kap. 37 § kommunallagen (2017:725)",
        [("6 kap. 37 § kommunallagen (2017:725)", KL[0], "6", "37", KL[1])],
        id="chapter-section-name-sfs",
    ),
    pytest.param("enligt 2 kap. 1 § KL", [("2 kap. 1 § KL", KL[0], "2", "1", KL[1])], id="provision-abbreviation-kl"),
    pytest.param("SFS 2017:725", [("SFS 2017:725", KL[0], None, None, KL[1])], id="sfs-label"),
    pytest.param(
        "lagen (1930:173) om beräkning av lagstadgad tid gäller",
        [
            (
                "lagen (1930:173) om beräkning av lagstadgad tid",
                "1930:173",
                None,
                None,
                "lagen om beräkning av lagstadgad tid",
            )
        ],
        id="lagen-sfs-title",
    ),
    pytest.param("förvaltningslagen", [("förvaltningslagen", FL[0], None, None, FL[1])], id="name-forvaltningslagen"),
    pytest.param(
        "13 kap. 5 § kommunallagen", [("13 kap. 5 § kommunallagen", KL[0], "13", "5", KL[1])], id="appeal-provision"
    ),
    pytest.param(
        "5 kap. 1 § första stycket 3 förvaltningslagen",
        [("5 kap. 1 § första stycket 3 förvaltningslagen", FL[0], "5", "1", FL[1])],
        id="stycke-punkt",
    ),
    pytest.param("19 § förvaltningslagen", [("19 § förvaltningslagen", FL[0], None, "19", FL[1])], id="section-name"),
    pytest.param(
        "Därvid gäller kommunallagens bestämmelser",
        [("kommunallagens", KL[0], None, None, KL[1])],
        id="genitive-name",
    ),
    pytest.param(
        "2 kap. 3 § offentlighets- och sekretesslagen (2009:400)",
        [
            (
                "2 kap. 3 § offentlighets- och sekretesslagen (2009:400)",
                "2009:400",
                "2",
                "3",
                "offentlighets- och sekretesslagen",
            )
        ],
        id="hyphen-och-name-sfs",
    ),
    pytest.param("miljöbalken", [("miljöbalken", "1998:808", None, None, "miljöbalken")], id="name-balk"),
    pytest.param("PBL", [("PBL", "2010:900", None, None, "plan- och bygglagen")], id="abbreviation-pbl"),
    pytest.param("SoL", [("SoL", "2001:453", None, None, "socialtjänstlagen")], id="abbreviation-sol-mixed-case"),
    pytest.param(
        "LSS",
        [("LSS", "1993:387", None, None, "lagen om stöd och service till vissa funktionshindrade")],
        id="abbreviation-lss",
    ),
    pytest.param(
        "socialtjänstlagen (2001:453)",
        [("socialtjänstlagen (2001:453)", "2001:453", None, None, "socialtjänstlagen")],
        id="name-sfs-sol",
    ),
    pytest.param(
        "socialtjänstlagen (2025:400)",
        [("socialtjänstlagen (2025:400)", "2025:400", None, None, "socialtjänstlagen")],
        id="written-sfs-wins-new-sol",
    ),
    pytest.param("skollagen (2010:800)", [("skollagen (2010:800)", "2010:800", None, None, "skollagen")], id="skollag"),
    pytest.param(
        "plan- och bygglagen", [("plan- och bygglagen", "2010:900", None, None, "plan- och bygglagen")], id="pbl-name"
    ),
    pytest.param(
        "lagen om offentlig upphandling (LOU)",
        [("lagen om offentlig upphandling (LOU)", "2016:1145", None, None, "lagen om offentlig upphandling")],
        id="name-then-abbreviation-in-parentheses",
    ),
    pytest.param(
        "förordning (2017:1234)", [("förordning (2017:1234)", "2017:1234", None, None, None)], id="bare-forordning-sfs"
    ),
    # Göteborg forms
    pytest.param(
        "prövas enligt 5 kap 50 §\nkommunallagen. Därefter",
        [("5 kap 50 §\nkommunallagen", KL[0], "5", "50", KL[1])],
        id="goteborg-kap-without-full-stop-line-break",
    ),
    pytest.param(
        "är av principiell beskaffenhet enligt 5 kap. 1 § kommunallagen.",
        [("5 kap. 1 § kommunallagen", KL[0], "5", "1", KL[1])],
        id="goteborg-5-kap-1",
    ),
    pytest.param(
        "enligt 9 kap 31 § PBL (2010:900).",
        [("9 kap 31 § PBL (2010:900)", "2010:900", "9", "31", "plan- och bygglagen")],
        id="goteborg-pbl-with-sfs",
    ),
    pytest.param(
        "enligt 4 kap 16 § gällande plan",
        [("4 kap 16 §", None, "4", "16", None)],
        id="goteborg-provision-without-act",
    ),
    pytest.param(
        "Ersättning enligt LOV (lagen om valfrihet) för hemtjänst",
        [("LOV (lagen om valfrihet)", "2008:962", None, None, "lagen om valfrihetssystem")],
        id="goteborg-lov-alias-in-parentheses",
    ),
    pytest.param(
        "att införa lagen om valfrihet (LOV) i daglig verksamhet",
        [("lagen om valfrihet (LOV)", "2008:962", None, None, "lagen om valfrihetssystem")],
        id="goteborg-alias-then-abbreviation",
    ),
    pytest.param(
        "insatser inom LSS och SoL",
        [
            ("LSS", "1993:387", None, None, "lagen om stöd och service till vissa funktionshindrade"),
            ("SoL", "2001:453", None, None, "socialtjänstlagen"),
        ],
        id="goteborg-two-abbreviations",
    ),
    pytest.param(
        "en översyn av Lag om stöd och service till vissa\nfunktionshindrade (LSS)",
        [
            (
                "Lag om stöd och service till vissa\nfunktionshindrade (LSS)",
                "1993:387",
                None,
                None,
                "lagen om stöd och service till vissa funktionshindrade",
            )
        ],
        id="goteborg-name-broken-over-lines",
    ),
    pytest.param(
        "serveringstillstånd enligt alkohollagen, till klockan 02",
        [("alkohollagen", "2010:1622", None, None, "alkohollagen")],
        id="goteborg-alkohollagen",
    ),
    pytest.param(
        "utifrån den nya cybersäkerhetslagen",
        [("cybersäkerhetslagen", None, None, None, "cybersäkerhetslagen")],
        id="goteborg-known-name-without-sfs",
    ),
    pytest.param(
        "överklagande enligt kommunallagen, lämnas",
        [("kommunallagen", KL[0], None, None, KL[1])],
        id="goteborg-laglighetsprovning",
    ),
    # Provision lists and details
    pytest.param(
        "6 kap. 37 och 38 §§ kommunallagen",
        [("6 kap. 37 och 38 §§ kommunallagen", KL[0], "6", s, KL[1]) for s in ("37", "38")],
        id="two-sections-one-chapter",
    ),
    pytest.param(
        "6 kap. 37 § och 8 kap. 2 § kommunallagen",
        [
            ("6 kap. 37 § och 8 kap. 2 § kommunallagen", KL[0], "6", "37", KL[1]),
            ("6 kap. 37 § och 8 kap. 2 § kommunallagen", KL[0], "8", "2", KL[1]),
        ],
        id="two-provisions-one-act",
    ),
    pytest.param(
        "6 kap. 37 §, 38 § KL",
        [("6 kap. 37 §, 38 § KL", KL[0], "6", s, KL[1]) for s in ("37", "38")],
        id="chapter-carries-over",
    ),
    pytest.param(
        "37–39 §§ förvaltningslagen",
        [("37–39 §§ förvaltningslagen", FL[0], None, "37–39", FL[1])],
        id="section-range-kept-whole",
    ),
    pytest.param(
        "37 - 39 §§ förvaltningslagen",
        [("37 - 39 §§ förvaltningslagen", FL[0], None, "37–39", FL[1])],
        id="section-range-hyphen-spaced",
    ),
    pytest.param("3 § 2 st. PBL", [("3 § 2 st. PBL", "2010:900", None, "3", "plan- och bygglagen")], id="st-abbrev"),
    pytest.param(
        "2 § punkt 4 förvaltningslagen", [("2 § punkt 4 förvaltningslagen", FL[0], None, "2", FL[1])], id="punkt"
    ),
    pytest.param("1 § 3 p. FL", [("1 § 3 p. FL", FL[0], None, "1", FL[1])], id="p-abbrev-fl"),
    pytest.param(
        "1 § andra stycket förvaltningslagen",
        [("1 § andra stycket förvaltningslagen", FL[0], None, "1", FL[1])],
        id="andra-stycket",
    ),
    pytest.param("6 a kap. 2 § skollagen", [("6 a kap. 2 § skollagen", "2010:800", "6 a", "2", "skollagen")], id="6a"),
    pytest.param(
        "2 kap. 10 a § skollagen", [("2 kap. 10 a § skollagen", "2010:800", "2", "10 a", "skollagen")], id="10a"
    ),
    pytest.param(
        "6 kap. 37 § i kommunallagen", [("6 kap. 37 § i kommunallagen", KL[0], "6", "37", KL[1])], id="i-before-act"
    ),
    pytest.param(
        "enligt 6 kap. kommunallagen", [("6 kap. kommunallagen", KL[0], "6", None, KL[1])], id="chapter-only-with-act"
    ),
    pytest.param(
        "3 kapitlet miljöbalken", [("3 kapitlet miljöbalken", "1998:808", "3", None, "miljöbalken")], id="kapitlet"
    ),
    pytest.param(
        "kommunallagen 6 kap. 37 §", [("kommunallagen 6 kap. 37 §", KL[0], "6", "37", KL[1])], id="act-before-provision"
    ),
    pytest.param("11 kap. 10 §", [("11 kap. 10 §", None, "11", "10", None)], id="provision-alone-with-chapter"),
    pytest.param(
        "11 kap. 10 § förslagen", [("11 kap. 10 §", None, "11", "10", None)], id="provision-then-non-statute-word"
    ),
    pytest.param(
        "5 § delgivningslagen",
        [("5 § delgivningslagen", None, None, "5", "delgivningslagen")],
        id="unknown-act-after-provision",
    ),
    pytest.param(
        "2 kap. 1 § RF", [("2 kap. 1 § RF", "1974:152", "2", "1", "regeringsformen")], id="provision-abbreviation-rf"
    ),
    pytest.param("4 kap. 1 § TF", [("4 kap. 1 § TF", "1949:105", "4", "1", "tryckfrihetsförordningen")], id="tf"),
    pytest.param("2 kap. 1 § MB", [("2 kap. 1 § MB", "1998:808", "2", "1", "miljöbalken")], id="mb"),
    # Names with SFS numbers
    pytest.param(
        "kommunallagen (SFS 2017:725)",
        [("kommunallagen (SFS 2017:725)", KL[0], None, None, KL[1])],
        id="sfs-label-in-parentheses",
    ),
    pytest.param(
        "kommunallagen (1991:900)",
        [("kommunallagen (1991:900)", "1991:900", None, None, KL[1])],
        id="old-kommunallag-written-number",
    ),
    pytest.param(
        "lag (2018:1200)", [("lag (2018:1200)", "2018:1200", None, None, "kameraövervakningslagen")], id="lag-sfs-known"
    ),
    pytest.param(
        "Lag (2099:12) om något nytt", [("Lag (2099:12)", "2099:12", None, None, None)], id="lag-sfs-unknown-title"
    ),
    pytest.param(
        "förordningen (2017:1234) om något",
        [("förordningen (2017:1234)", "2017:1234", None, None, None)],
        id="forordningen-sfs",
    ),
    pytest.param(
        "delgivningslagen (2010:1932)",
        [("delgivningslagen (2010:1932)", "2010:1932", None, None, "delgivningslagen")],
        id="unknown-name-with-sfs",
    ),
    pytest.param("SFS 2099:1", [("SFS 2099:1", "2099:1", None, None, None)], id="sfs-label-unknown-number"),
    pytest.param(
        "Kommunallagen gäller.", [("Kommunallagen", KL[0], None, None, KL[1])], id="capitalised-sentence-start"
    ),
    pytest.param("kommunallag", [("kommunallag", KL[0], None, None, KL[1])], id="indefinite-name"),
    pytest.param(
        "lag om offentlig upphandling",
        [("lag om offentlig upphandling", "2016:1145", None, None, "lagen om offentlig upphandling")],
        id="lag-om-indefinite",
    ),
    pytest.param(
        "lagen om kommunal redovisning",
        [("lagen om kommunal redovisning", "2018:597", None, None, "lagen om kommunal bokföring och redovisning")],
        id="alias-lagen-om-kommunal-redovisning",
    ),
    pytest.param(
        "mot bakgrund av regeringsformen",
        [("regeringsformen", "1974:152", None, None, "regeringsformen")],
        id="stemless-name",
    ),
    pytest.param("GDPR", [("GDPR", None, None, None, "dataskyddsförordningen")], id="eu-regulation-no-sfs"),
    # A mention that begins with a digit: a provision after dates and times, a word before its SFS number.
    pytest.param(
        "Sammanträdet 2024-05-12 kl 13.00, 12 och 13 § kommunallagen",
        [("12 och 13 § kommunallagen", *KL[:1], None, "12", KL[1]), ("12 och 13 § kommunallagen", *KL[:1], None, "13", KL[1])],
        id="digit-provision-after-date",
    ),
    pytest.param(
        "enligt 3lag (2018:1200) gäller",
        [("3lag (2018:1200)", "2018:1200", None, None, "kameraövervakningslagen")],
        id="digit-word-before-sfs",
    ),
]

ACTS = load("laws")["acts"]
FOUND += [
    pytest.param(act["name"], [(act["name"], act.get("sfs"), None, None, act["name"])], id=f"act-{act['name']}")
    for act in ACTS
]
FOUND += [
    pytest.param(
        f"enligt {abbreviation} gäller",
        [(abbreviation, act.get("sfs"), None, None, act["name"])],
        id=f"abbr-{abbreviation}",
    )
    for act in ACTS
    for abbreviation in act.get("abbreviations", [])
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(text: str, expected: list[Row]) -> None:
    laws = find_laws(text)
    assert rows(laws) == expected
    for law in laws:
        assert text[law.span[0] : law.span[1]] == law.text


NOT_FOUND = [
    pytest.param("§ 32", id="neg-protocol-paragraph"),
    pytest.param("Bordlagt den 25 maj 2023, § 50.", id="neg-earlier-treatment"),
    pytest.param("§ 301 Ärendenummer SLK-2024-00078", id="neg-paragraph-heading"),
    pytest.param("Protokoll nr 1\n\n§ 301 Ärendenummer", id="neg-heading-after-running-head"),
    pytest.param("2017:725", id="neg-bare-sfs-like"),
    pytest.param("(2017:725)", id="neg-bare-parenthesised-number"),
    pytest.param("(SOU 2024:25)", id="neg-sou"),
    pytest.param("Ds 2024:11", id="neg-ds"),
    pytest.param("prop. 2016/17:180", id="neg-proposition"),
    pytest.param("Nämndens rapport 2022:05", id="neg-report-number"),
    pytest.param("SLK-2024-00078", id="neg-case-number"),
    pytest.param("2024-01-10", id="neg-date"),
    pytest.param("den 7 december 2023", id="neg-swedish-date"),
    pytest.param("37 §", id="neg-section-without-act"),
    pytest.param("enligt 3 § i avtalet", id="neg-section-of-contract"),
    pytest.param("LSS-verksamheter", id="neg-compound-abbreviation"),
    pytest.param("LSS-boende", id="neg-compound-abbreviation-boende"),
    pytest.param("KL 14.00", id="neg-kl-time"),
    pytest.param("kl. 14", id="neg-kl-lower"),
    pytest.param("RF 2019-10-22", id="neg-rf-without-provision"),
    pytest.param("FB och Instagram", id="neg-fb-without-provision"),
    pytest.param("budgetförslagen", id="neg-forslagen"),
    pytest.param("förslaget till lag", id="neg-forslaget"),
    pytest.param("underlaget", id="neg-underlaget"),
    pytest.param("bolagen", id="neg-bolagen"),
    pytest.param("anslagen", id="neg-anslagen"),
    pytest.param("lagen", id="neg-bare-lagen"),
    pytest.param("enligt lag", id="neg-bare-lag"),
    pytest.param("förordning", id="neg-bare-forordning"),
    pytest.param("lagstiftningen", id="neg-lagstiftning"),
    pytest.param("lagar och regler", id="neg-lagar"),
    pytest.param("Lån och borgen 2024:1", id="neg-number-after-word"),
    pytest.param("förslag (2017:1)", id="neg-forslag-with-number"),
    pytest.param("bolag (2017:1)", id="neg-bolag-with-number"),
    pytest.param("Motionerna under paragraferna 12-19 bordläggs.", id="neg-paragrafer"),
    pytest.param("Paragrafer 1-8", id="neg-paragrafer-header"),
    pytest.param("anslag 1:1 i utgiftsområde 22", id="neg-anslag-number"),
    pytest.param("omröstning 13:1", id="neg-vote-item"),
    pytest.param("", id="neg-empty"),
    pytest.param("2023-05-10 § 212", id="neg-date-then-paragraph"),
    pytest.param("sekreterare enligt LOVE", id="neg-abbreviation-inside-word"),
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_found(text: str) -> None:
    assert find_laws(text) == []


def test_spans_are_absolute_within_bounds() -> None:
    text = "miljöbalken. Beslut enligt 6 kap. 37 § kommunallagen (2017:725). Och PBL."
    start, end = 13, 65
    laws = find_laws(text, start, end)
    assert rows(laws) == [("6 kap. 37 § kommunallagen (2017:725)", KL[0], "6", "37", KL[1])]
    assert start <= laws[0].span[0] < laws[0].span[1] <= end


def test_corpus_finds_the_statutes(corpus_docs: list[Path]) -> None:
    """The Göteborg texts cite kommunallagen, LOV, LSS, SoL, PBL and alkohollagen, and nothing else."""
    names = {law.name for path in corpus_docs for law in find_laws(path.read_text(encoding="utf-8"))}
    assert names == {
        "kommunallagen",
        "lagen om valfrihetssystem",
        "lagen om stöd och service till vissa funktionshindrade",
        "socialtjänstlagen",
        "plan- och bygglagen",
        "alkohollagen",
        "cybersäkerhetslagen",
        None,
    }


@given(st.text(alphabet=st.sampled_from(list("§0123456789 -,.:()kapSFLOVlagenbk\n")), max_size=120))
def test_never_raises(text: str) -> None:
    for law in find_laws(text):
        assert 0 <= law.span[0] < law.span[1] <= len(text)
