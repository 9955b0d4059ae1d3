"""Decision outcomes and immediate adjustment: the written forms, titles, and unclear decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from beslutsparser.extract.outcome import classify_outcome, is_immediately_adjusted

# (decision text, title, expected outcome)
OUTCOMES = [
    # bordläggning
    pytest.param("Ärendet bordläggs till sammanträdet den 12 maj 2025.", "", "bordläggning", id="bordlaggs"),
    pytest.param(
        "På förslag av Anna Berg (M):\nÄrendet bordläggs till sammanträdet den 8 oktober 2024.",
        "",
        "bordläggning",
        id="bordlaggs-after-proposer-prefix",
    ),
    pytest.param(
        "På förslag av ordföranden Per Lind (S):\nÄrendet bordläggs.", "", "bordläggning", id="bordlaggs-ordforanden"
    ),
    pytest.param("Ärendet bordlägges.", "", "bordläggning", id="bordlagges-old-form"),
    pytest.param("Kommunstyrelsen beslutar att bordlägga ärendet.", "", "bordläggning", id="beslutar-att-bordlagga"),
    pytest.param("Nämnden bordlägger ärendet till nästa möte.", "", "bordläggning", id="bordlagger-active"),
    pytest.param("Ärendet bordlades.", "", "bordläggning", id="bordlades-past"),
    pytest.param("Motionerna under paragraferna 12–19 bordläggs.", "", "bordläggning", id="motionerna-bordlaggs"),
    pytest.param(
        "1. Får framställas.\n2. Interpellationen bordläggs till sammanträdet den 3 mars 2022.",
        "",
        "bordläggning",
        id="interpellation-second-point-decides",
    ),
    pytest.param("ÄRENDET BORDLÄGGS.", "", "bordläggning", id="bordlaggs-upper-case"),
    # återremiss
    pytest.param("Ärendet återremitteras.", "", "återremiss", id="aterremitteras"),
    pytest.param(
        "Enligt återremissyrkande från S, V och MP:\nÄrendet återremitteras till förvaltningen som får i uppdrag att "
        "återkomma med ett nytt förslag.",
        "",
        "återremiss",
        id="aterremitteras-before-uppdrag-same-clause",
    ),
    pytest.param(
        "Kommunfullmäktige beslutar att återremittera ärendet till kommunstyrelsen.",
        "",
        "återremiss",
        id="beslutar-att-aterremittera",
    ),
    pytest.param("Ärendet återremitterades.", "", "återremiss", id="aterremitterades"),
    pytest.param(
        "Hemställan från nämnden återremitteras till nämnden för komplettering.",
        "",
        "återremiss",
        id="hemstallan-aterremitteras",
    ),
    pytest.param("Nämnden återremitterar ärendet.", "", "återremiss", id="aterremitterar-active"),
    # avslag
    pytest.param("Motionen avslås.", "", "avslag", id="motionen-avslas"),
    pytest.param("Den av Eva Holm väckta motionen avslås.", "", "avslag", id="vackta-motionen-avslas"),
    pytest.param(
        "Enligt kommunstyrelsens förslag:\nDen av Eva Holm och Ali Nour väckta motionen avslås.",
        "",
        "avslag",
        id="avslas-after-enligt-prefix",
    ),
    pytest.param(
        "Kommunstyrelsen föreslår att kommunfullmäktige beslutar:\nMotionen avslås.",
        "",
        "förslag till fullmäktige",
        id="lead-proposal-wins-over-avslag",
    ),
    pytest.param("Yrkandet från SD avslås.", "", "avslag", id="yrkandet-avslas"),
    pytest.param("Yrkandet från L, M, D och KD avslås.", "", "avslag", id="yrkandet-parties-avslas"),
    pytest.param("Ansökan avslås.", "", "avslag", id="ansokan-avslas"),
    pytest.param("Nämnden avslår ansökan.", "", "avslag", id="avslar-active"),
    pytest.param("Kommunfullmäktige beslutar att avslå motionen.", "", "avslag", id="beslutar-att-avsla"),
    pytest.param("Begäran lämnas utan bifall.", "", "avslag", id="lamnas-utan-bifall"),
    pytest.param("Medborgarförslaget avslogs.", "", "avslag", id="avslogs"),
    pytest.param("Ansökan om bidrag avstyrks.", "", "avslag", id="avstyrks"),
    # bifall
    pytest.param("Motionen bifalls.", "", "bifall", id="motionen-bifalls"),
    pytest.param("Den av Lars Ek väckta motionen bifalles.", "", "bifall", id="bifalles"),
    pytest.param(
        "1. Den av Lars Ek väckta motionen bifalles i sin helhet.\n2. Nämnden får i uppdrag att genomföra förslaget.",
        "",
        "bifall",
        id="first-point-decides-bifall",
    ),
    pytest.param("Kommunfullmäktige bifaller motionen.", "", "bifall", id="bifaller-active"),
    pytest.param("Kommunfullmäktige beslutar att bifalla motionen.", "", "bifall", id="beslutar-att-bifalla"),
    pytest.param("Hemställan från bolaget om kapitaltillskott tillstyrks.", "", "bifall", id="hemstallan-tillstyrks"),
    pytest.param("Hemställan om höjt lånetak beviljas.", "", "bifall", id="beviljas"),
    pytest.param("Ansökan medges.", "", "bifall", id="medges"),
    pytest.param("Medborgarförslaget bifallas.", "", "bifall", id="bifallas"),
    # besvarad
    pytest.param("Motionen anses besvarad.", "", "besvarad", id="anses-besvarad"),
    pytest.param("Den av Sara Ny väckta motionen anses besvarad.", "", "besvarad", id="vackta-motionen-besvarad"),
    pytest.param("Motionerna anses besvarade.", "", "besvarad", id="anses-besvarade-plural"),
    pytest.param("Motionen förklaras besvarad.", "", "besvarad", id="forklaras-besvarad"),
    pytest.param("Kommunfullmäktige beslutar att anse motionen besvarad.", "", "besvarad", id="att-anse-besvarad"),
    pytest.param("Motionen anses vara besvarad.", "", "besvarad", id="anses-vara-besvarad"),
    # förslag till fullmäktige
    pytest.param(
        "Kommunstyrelsen tillstyrker förvaltningens förslag och föreslår att kommunfullmäktige beslutar:\n"
        "Planen antas.",
        "",
        "förslag till fullmäktige",
        id="tillstyrker-och-foreslar",
    ),
    pytest.param(
        "Kommunstyrelsen föreslår att kommunfullmäktige beslutar:\nDen av Eva Holm väckta motionen avslås.",
        "",
        "förslag till fullmäktige",
        id="foreslar-att-kf-beslutar",
    ),
    pytest.param(
        "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta taxan.",
        "",
        "förslag till fullmäktige",
        id="foreslar-kf-besluta",
    ),
    pytest.param(
        "Regionstyrelsen föreslår regionfullmäktige att fastställa budgeten.",
        "",
        "förslag till fullmäktige",
        id="region-foreslar-rf",
    ),
    pytest.param(
        "Kommunfullmäktige föreslås besluta att anta planen.",
        "",
        "förslag till fullmäktige",
        id="kf-foreslas-besluta",
    ),
    pytest.param(
        "Nämnden hemställer hos kommunfullmäktige om utökad ram.",
        "",
        "förslag till fullmäktige",
        id="hemstaller-hos-kf",
    ),
    pytest.param(
        "Kommunstyrelsens förslag till kommunfullmäktige:\nTaxan fastställs.",
        "",
        "förslag till fullmäktige",
        id="forslag-till-kf-heading-line",
    ),
    pytest.param(
        "Kommunstyrelsen tillstyrker yrkande från V, S och MP den 5 mars 2024 och föreslår att "
        "kommunfullmäktige\nbeslutar:\n1. Planen antas.",
        "",
        "förslag till fullmäktige",
        id="proposal-broken-over-lines",
    ),
    pytest.param(
        "Ärendet överlämnas till kommunfullmäktige för beslut.",
        "",
        "förslag till fullmäktige",
        id="overlamnas-till-kf-for-beslut",
    ),
    # godkännande
    pytest.param("Delårsrapporten godkänns.", "", "godkännande", id="godkanns"),
    pytest.param("Årsredovisningen för 2022 godkännes.", "", "godkännande", id="godkannes"),
    pytest.param("Nämnden godkänner avtalet.", "", "godkännande", id="godkanner-active"),
    pytest.param("Kommunstyrelsen beslutar att godkänna avtalet.", "", "godkännande", id="att-godkanna"),
    pytest.param(
        "1. Kommunstyrelsen ställer sig bakom nämndens överklagande.\n2. Förvaltningen får i uppdrag att bevaka målet.",
        "",
        "godkännande",
        id="staller-sig-bakom",
    ),
    pytest.param("Redovisningen godtas.", "", "godkännande", id="godtas"),
    pytest.param(
        "Delårsrapport mars 2022 godkänns och överlämnas till kommunfullmäktige som ett led i uppsikten.",
        "",
        "godkännande",
        id="godkanns-och-overlamnas-no-beslut",
    ),
    # antagande
    pytest.param("Detaljplanen antas.", "", "antagande", id="antas"),
    pytest.param("Kommunfullmäktige antar planen.", "", "antagande", id="antar-active"),
    pytest.param("Kommunfullmäktige beslutar att anta riktlinjen.", "", "antagande", id="att-anta"),
    pytest.param("Reviderade bolagsordningar fastställs.", "", "antagande", id="faststalls"),
    pytest.param("Taxan fastställes att gälla från 1 januari 2023.", "", "antagande", id="faststalles"),
    pytest.param("Nämnden fastställer delegationsordningen.", "", "antagande", id="faststaller-active"),
    pytest.param("Föredragningslistan fastställs med tillägget att ärende 5 utgår.", "", "godkännande",
                 id="agenda-faststalls-is-approval"),
    pytest.param("Kommunstyrelsen beslutar att fastställa dagordningen.", "", "godkännande",
                 id="faststalla-dagordningen-is-approval"),
    pytest.param("Kommunstyrelsen beviljar föreningen ett extra stöd på 150 000 kronor.", "", "bifall",
                 id="beviljar-active"),
    pytest.param("Nämnden beslutade att bevilja bygglov samt att avgiften fastställs till 8 450 kronor.", "", "bifall",
                 id="bevilja-before-a-fee-set"),
    pytest.param("Riktlinjen revideras i enlighet med bilaga 2.", "", "antagande", id="revideras"),
    pytest.param(
        "Planen för kompetensförsörjning 2023–2025, i enlighet med bilaga 4, antas.",
        "",
        "antagande",
        id="antas-after-long-subject",
    ),
    pytest.param(
        "1. Programmet antas.\n2. Det tidigare programmet upphör att gälla.", "", "antagande", id="antas-numbered"
    ),
    pytest.param("Policyn antogs.", "", "antagande", id="antogs"),
    # uppdrag
    pytest.param("Regiondirektören får i uppdrag att ta fram ett förslag till mål.", "", "uppdrag", id="far-i-uppdrag"),
    pytest.param("Nämnden ges i uppdrag att utreda frågan.", "", "uppdrag", id="ges-i-uppdrag"),
    pytest.param("Nämnden ger förvaltningen i uppdrag att utreda frågan.", "", "uppdrag", id="ger-x-i-uppdrag"),
    pytest.param("Kommunstyrelsen gav kommundirektören i uppdrag att återkomma.", "", "uppdrag", id="gav-x-i-uppdrag"),
    pytest.param(
        "Kommunstyrelsen beslutar att ge kommundirektören i uppdrag att utreda frågan.",
        "",
        "uppdrag",
        id="ge-x-i-uppdrag",
    ),
    pytest.param(
        "Samtliga nämnder och styrelser får i uppdrag att rapportera.", "", "uppdrag", id="many-subjects-far-uppdrag"
    ),
    pytest.param("Förvaltningen uppdras att återkomma.", "", "uppdrag", id="uppdras"),
    pytest.param("Kommunstyrelsen uppdrar åt förvaltningen att utreda.", "", "uppdrag", id="uppdrar-at"),
    pytest.param(
        "Kommunstyrelsen får fortsatt uppdrag att planera för en ny arena.", "", "uppdrag", id="far-fortsatt-uppdrag"
    ),
    pytest.param(
        "Stadsmiljönämnden och trafiknämnden erhåller i uppdrag att samverka.", "", "uppdrag", id="erhaller-i-uppdrag"
    ),
    # läggs till handlingarna
    pytest.param("Antecknas.", "", "läggs till handlingarna", id="antecknas-alone"),
    pytest.param("Informationen antecknas.", "", "läggs till handlingarna", id="informationen-antecknas"),
    pytest.param("Rapporten antecknas.", "", "läggs till handlingarna", id="rapporten-antecknas"),
    pytest.param("Informationen läggs till handlingarna.", "", "läggs till handlingarna", id="laggs-till-handlingarna"),
    pytest.param(
        "Nämnden beslutar att lägga informationen till handlingarna.",
        "",
        "läggs till handlingarna",
        id="att-lagga-till-handlingarna",
    ),
    pytest.param(
        "Redovisning av uppdraget antecknas och förklaras fullgjort.",
        "",
        "läggs till handlingarna",
        id="antecknas-och-forklaras-fullgjort",
    ),
    pytest.param("Uppdraget förklaras fullgjort.", "", "läggs till handlingarna", id="forklaras-fullgjort"),
    pytest.param("Informationen noteras.", "", "läggs till handlingarna", id="noteras"),
    pytest.param("Rapporten tas till protokollet.", "", "läggs till handlingarna", id="tas-till-protokollet"),
    pytest.param("Nämnden har tagit del av informationen.", "", "läggs till handlingarna", id="har-tagit-del-av"),
    # val
    pytest.param(
        "Till ledamot i styrgruppen för tiden till och med 2026 utses Karin Ek (S).", "", "val", id="till-ledamot-utses"
    ),
    pytest.param("Jon Ek (M) utses att justera protokollet.", "", "val", id="utses-att-justera"),
    pytest.param("Till ordförande väljs Eva Holm (C).", "", "val", id="valjs"),
    pytest.param("Kommunfullmäktige väljer att utse Ali Nour till revisor.", "", "val", id="att-utse"),
    pytest.param("Eva Holm (C) entledigas från sitt uppdrag.", "", "val", id="entledigas"),
    pytest.param(
        "1. Lisa Berg (V) förordnas som politisk sekreterare för V.\n2. För anställningen gäller kommunallagens regler.",
        "",
        "val",
        id="forordnas",
    ),
    pytest.param(
        "1. Nils Åkes (S) förordnande som politisk sekreterare förlängs till och med den 30 juni 2022.",
        "",
        "val",
        id="forordnande-forlangs",
    ),
    pytest.param(
        "Kommunfullmäktige godkänner avsägelsen och anmäler detta till länsstyrelsen.",
        "",
        "val",
        id="godkanner-avsagelsen",
    ),
    pytest.param(
        "1. Fullmäktige godkänner de i handling 2022 nr 31 redovisade avsägelserna.",
        "",
        "val",
        id="godkanner-redovisade-avsagelserna",
    ),
    pytest.param("Avsägelsen godkänns.", "", "val", id="avsagelsen-godkanns"),
    # yttrande
    pytest.param(
        "Yttrande över remissen En ny ordning (SOU 2022:1), i enlighet med bilaga 2, antas som kommunstyrelsens svar.",
        "",
        "yttrande",
        id="yttrande-over-remissen-antas",
    ),
    pytest.param(
        "Yttrande gällande promemorian Ny tillsyn, i enlighet med bilaga 1, antas.",
        "",
        "yttrande",
        id="yttrande-gallande",
    ),
    pytest.param("Nämnden lämnar yttrande enligt förvaltningens förslag.", "", "yttrande", id="lamnar-yttrande"),
    pytest.param("Kommunstyrelsen avger yttrande i enlighet med bilagan.", "", "yttrande", id="avger-yttrande"),
    pytest.param(
        "Som yttrande i mål nr 1234-22 översänds bilaga 3 till förvaltningsrätten.",
        "",
        "yttrande",
        id="som-yttrande-i-mal",
    ),
    pytest.param("Förslaget till yttrande godkänns.", "", "yttrande", id="forslaget-till-yttrande-godkanns"),
    pytest.param(
        "Förvaltningens tjänsteskrivelse antas som nämndens eget yttrande.",
        "",
        "yttrande",
        id="som-namndens-eget-yttrande",
    ),
    pytest.param("Nämnden tillstyrker remissen.", "", "yttrande", id="tillstyrker-remissen"),
    # delegation
    pytest.param("Exploateringsnämnden bemyndigas att förvärva fastigheten.", "", "delegation", id="bemyndigas"),
    pytest.param("Beslutanderätten delegeras till förvaltningschefen.", "", "delegation", id="delegeras"),
    pytest.param("Nämnden delegerar rätten att besluta till ordföranden.", "", "delegation", id="delegerar"),
    pytest.param(
        "1. Kommunstyrelsen överlåter tills vidare beslutanderätt i enlighet med bilagan.",
        "",
        "delegation",
        id="overlater-beslutanderatt",
    ),
    pytest.param("Ordföranden ges rätt att underteckna avtalet.", "", "delegation", id="ges-ratt-att"),
    # anmälan
    pytest.param("Länsstyrelsens beslut antecknas.", "", "anmälan", id="lansstyrelsens-beslut-antecknas"),
    pytest.param("Anmälningsärendena under paragraf 36 antecknas.", "", "anmälan", id="anmalningsarendena-antecknas"),
    pytest.param("Delegationsbesluten anmäls.", "", "anmälan", id="delegationsbesluten-anmals"),
    pytest.param("Inga anmälningar förekom.", "", "anmälan", id="inga-anmalningar"),
    pytest.param("Inga delegationsbeslut anmälda till dagens sammanträde.", "", "anmälan", id="inga-delegationsbeslut"),
    pytest.param("Inga handlingar anmälda till dagens sammanträde.", "", "anmälan", id="inga-handlingar-anmalda"),
    pytest.param("Redovisade delegationsbeslut läggs till handlingarna.", "", "läggs till handlingarna",
                 id="delegationsbeslut-subject-lth-said"),
    pytest.param("Anmälningsärendena läggs till handlingarna.", "Anmälningsärenden", "läggs till handlingarna",
                 id="anmalningsarenden-subject-lth-said"),
    pytest.param("Delegationsbesluten anmäls.", "Delegationsbeslut", "anmälan", id="delegationsbeslut-anmals"),
    # one clause, several cues: the lower rank wins, the first written among equals
    pytest.param(
        "Motionen bifalls och förvaltningen får i uppdrag att genomföra den.",
        "",
        "bifall",
        id="rank-bifall-over-uppdrag",
    ),
    pytest.param("Motionen avslås och informationen antecknas.", "", "avslag", id="rank-avslag-over-antecknas"),
    pytest.param("Programmet antas och informationen antecknas.", "", "antagande", id="rank-antas-over-antecknas"),
    pytest.param(
        "Förvaltningen får i uppdrag att genomföra planen, som antas.", "", "uppdrag", id="rank-equal-first-written"
    ),
    pytest.param(
        "Till ledamot utses Eva Holm (S) och förvaltningen får i uppdrag att informera henne.",
        "",
        "val",
        id="rank-val-over-uppdrag",
    ),
    pytest.param(
        "Ärendet bordläggs och förvaltningen får i uppdrag att komplettera det.",
        "",
        "bordläggning",
        id="rank-bordlaggning-over-uppdrag",
    ),
    # titles
    pytest.param("Antecknas.", "Anmälningsärenden", "anmälan", id="title-anmalningsarenden-overrides-antecknas"),
    pytest.param("Antecknas.", "Förteckning över anmälningsärenden", "anmälan", id="title-forteckning-over"),
    pytest.param("Meddelandena läggs till handlingarna.", "Meddelanden", "läggs till handlingarna",
                 id="firm-lth-not-overridden-by-meddelanden-title"),
    pytest.param("SOCIALNÄMNDEN BESLUTAR att lägga redovisningen till handlingarna.", "Delegationsbeslut",
                 "läggs till handlingarna", id="firm-lagga-till-handlingarna-not-overridden-by-title"),
    pytest.param("Informationen antecknas.", "Meddelanden", "anmälan", id="title-meddelanden-overrides-antecknas"),
    pytest.param("Antecknas.", "Redovisning av delegationsbeslut", "anmälan", id="title-redovisning-delegation"),
    pytest.param(
        "Förslaget godkänns.", "Yttrande över remiss om ny lag", "yttrande", id="title-yttrande-overrides-godkanns"
    ),
    pytest.param("Förvaltningens förslag antas.", "Remiss – ny förordning", "yttrande", id="title-remiss"),
    pytest.param(
        "Lena Dahl (S) och Ola Berg (M) justerar protokollet.", "Val av justerare", "val", id="title-val-av-justerare"
    ),
    pytest.param("", "Fyllnadsval till nämnden", "val", id="title-fyllnadsval-empty-text"),
    pytest.param(
        "Anna Ek redogör för läget.", "Information om budgetläget", "läggs till handlingarna", id="title-info"
    ),
    pytest.param("Motionen avslås.", "Val av revisorer", "avslag", id="title-does-not-override-strong-outcome"),
    pytest.param("Ärendet bordläggs.", "Anmälningsärenden", "bordläggning", id="title-does-not-override-bordlaggning"),
    pytest.param("Informationen antecknas.", "Motion om cykelbanor", "läggs till handlingarna", id="title-motion-none"),
]


@pytest.mark.parametrize(("text", "title", "expected"), OUTCOMES)
def test_outcome(text: str, title: str, expected: str) -> None:
    assert classify_outcome(text, title) == (expected, [])


UNCLEAR = [
    pytest.param("Kommunfullmäktige beslutar att fortsätta sammanträdet.", "", id="unclear-continue-meeting"),
    pytest.param("Ingen av ledamöterna ansåg sig förhindrad att delta.", "", id="unclear-no-jav"),
    pytest.param("Eva Holm ger en återkoppling från dialogmötet.", "", id="unclear-report-no-cue"),
    pytest.param("", "", id="unclear-empty"),
    pytest.param("   \n  ", "", id="unclear-whitespace"),
    pytest.param("Protokollen ska justeras av ordföranden och vice ordföranden.", "", id="unclear-rule-statement"),
    pytest.param("Motionen bifalls i första att-satsen och avslås i övrigt.", "", id="unclear-bifall-and-avslag"),
    pytest.param("Motionen bifalls och anses därmed besvarad.", "", id="unclear-bifall-and-besvarad"),
    pytest.param("Ärendet bordläggs och återremitteras.", "", id="unclear-bordlaggs-and-aterremitteras"),
    pytest.param("Motionen avslås och anses besvarad.", "", id="unclear-avslag-and-besvarad"),
    pytest.param("Yrkandet om bifall till motionen.", "", id="unclear-noun-bifall-is-no-cue"),
    pytest.param("Återremissyrkandet från M.", "", id="unclear-noun-aterremiss-is-no-cue"),
    pytest.param("Bordläggningsyrkande från V.", "", id="unclear-noun-bordlaggning-is-no-cue"),
    pytest.param("Avslagsyrkande från SD.", "", id="unclear-noun-avslag-is-no-cue"),
    pytest.param("Riktnormen ska tillämpas i kommunen.", "", id="unclear-ska-tillampas"),
    pytest.param("Sammanträdet ajourneras kl. 15.00–15.20.", "", id="unclear-ajournering"),
    pytest.param("Eva Holm (M) anmäler jäv.", "", id="unclear-anmaler-jav-is-no-anmalan"),
    pytest.param("Avslagen ansökan från 2020.", "", id="unclear-avslagen-adjective"),
    pytest.param("Antalet ledamöter ska vara 61.", "", id="unclear-antalet-is-no-anta"),
    pytest.param("Enligt kommunstyrelsens förslag:", "", id="unclear-prefix-only"),
]


@pytest.mark.parametrize(("text", "title"), UNCLEAR)
def test_unclear(text: str, title: str) -> None:
    outcome, warnings = classify_outcome(text, title)
    assert outcome is None
    assert [warning.code for warning in warnings] == ["outcome-unclear"]


ADJUSTED = [
    pytest.param("Paragrafen är omedelbart justerad.", True, id="ar-omedelbart-justerad"),
    pytest.param("Paragrafen förklaras omedelbart justerad.", True, id="forklaras-omedelbart-justerad"),
    pytest.param("Beslutet justeras omedelbart.", True, id="beslutet-justeras-omedelbart"),
    pytest.param("Paragrafen justeras omedelbart.", True, id="paragrafen-justeras-omedelbart"),
    pytest.param("Ordföranden föreslår omedelbar justering.", True, id="omedelbar-justering"),
    pytest.param(
        "Protokollet under denna paragraf förklaras omedelbart justerat.", True, id="protokollet-omedelbart-justerat"
    ),
    pytest.param(
        "Kommunstyrelsen beslutar att protokollet förklaras\nomedelbart justerat.", True, id="line-break-inside"
    ),
    pytest.param("Nämnden beslutar att omedelbart justera paragrafen.", True, id="att-omedelbart-justera"),
    pytest.param("PARAGRAFEN ÄR OMEDELBART JUSTERAD", True, id="upper-case"),
    pytest.param("Paragrafen justerades omedelbart.", True, id="justerades-omedelbart"),
    pytest.param("Beslutet justerat omedelbart vid sammanträdet.", True, id="justerat-omedelbart"),
    pytest.param("Paragrafen är inte omedelbart justerad.", False, id="neg-inte"),
    pytest.param("Paragrafen är ej omedelbart justerad.", False, id="neg-ej"),
    pytest.param("Paragrafen justeras inte omedelbart.", False, id="neg-justeras-inte"),
    pytest.param("Protokollet justeras den 5 maj 2022.", False, id="neg-ordinary-adjustment"),
    pytest.param("Justering sker på kansliet.", False, id="neg-justering"),
    pytest.param("Beslutet gäller omedelbart.", False, id="neg-galler-omedelbart"),
    pytest.param("", False, id="neg-empty"),
    pytest.param("Protokoll_omedelbar_justering_§286.pdf", False, id="neg-file-name"),
]


@pytest.mark.parametrize(("text", "expected"), ADJUSTED)
def test_immediately_adjusted(text: str, expected: bool) -> None:
    assert is_immediately_adjusted(text) is expected


def test_corpus_decisions_mostly_classified(corpus_docs: list[Path]) -> None:
    """Most `Beslut` sections of the Göteborg texts get an outcome; the rest say why not."""
    heading = regex.compile(r"(?m)^Beslut\n+((?:.+\n)+?)\n*(?=^[A-ZÅÄÖ][a-zåäö ]+\n|^§|\Z)")
    told = unclear = 0
    for path in corpus_docs:
        for section in heading.finditer(path.read_text(encoding="utf-8")):
            outcome, warnings = classify_outcome(section[1])
            told += outcome is not None
            unclear += bool(warnings)
            assert (outcome is None) == bool(warnings)
    assert told > 0.85 * (told + unclear)


def test_corpus_immediate_adjustment(corpus_docs: list[Path]) -> None:
    """Every corpus line with `omedelbart justera…` reads as immediately adjusted; there are some."""
    lines = [
        line
        for path in corpus_docs
        for line in path.read_text(encoding="utf-8").splitlines()
        if "omedelbart justera" in line
    ]
    assert len(lines) >= 10
    assert all(is_immediately_adjusted(line) for line in lines)


@given(st.text(max_size=200), st.text(max_size=40))
def test_never_raises(text: str, title: str) -> None:
    outcome, warnings = classify_outcome(text, title)
    assert (outcome is None) == bool(warnings)
    is_immediately_adjusted(text)


# A decision is searched for its first cue a piece at a time (outcome._PIECE characters): a cue after the
# first piece, one across the boundary, and a clause that runs on past the piece read still count.
_FILLER = "Ärendet har beretts av förvaltningen tillsammans med berörda parter i staden. " * 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(_FILLER + "Motionen avslås.", "avslag", id="cue-after-first-piece"),
        pytest.param(_FILLER[:250] + " Motionen bifalles.", "bifall", id="cue-near-piece-boundary"),
        pytest.param("Motionen " + "i " * 120 + "bifalles.", "bifall", id="cue-across-piece-boundary"),
        pytest.param(
            "Motionen bifalls, " + "och i övrigt gäller det som sagts tidigare, " * 8 + "men avslås i övrigt.",
            None,
            id="clause-past-first-piece",
        ),
    ],
)
def test_outcome_in_long_text(text: str, expected: str | None) -> None:
    assert classify_outcome(text)[0] == expected


def test_immediately_adjusted_in_a_document_region() -> None:
    """In a long text (a document, read through its word index) only the region asked counts."""
    adjusted = "§ 2 Val\n\nParagrafen är omedelbart justerad.\n\n"
    other = "§ 3 Budget\n\nParagrafen är inte omedelbart justerad.\n\n"
    text = _FILLER * 4 + adjusted + other + _FILLER * 4
    start = len(_FILLER) * 4
    assert is_immediately_adjusted(text, start, start + len(adjusted))
    assert not is_immediately_adjusted(text, start + len(adjusted), start + len(adjusted) + len(other))
    assert not is_immediately_adjusted(text, 0, start)
