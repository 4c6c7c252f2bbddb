"""The shipped data gives the findings ``data/illustrative/EXPECTED.md`` lists: its true positives and its
true negatives, and findings a reader can check by hand on the real Kennemerland structure."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.rules import check

from .conftest import ROOT

DATA = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]
TODAY = dt.date(2025, 6, 1)
T = "https://w3id.org/izagraph/id/table/"

pytestmark = pytest.mark.skipif(not all((p / "tables.csv").exists() for p in DATA), reason="shipped data missing")


@pytest.fixture(scope="module")
def report():
    from izagraph.load import load_dataset

    backend = OxigraphBackend.from_graph(load_dataset(DATA).graph)
    return check(backend, today=TODAY)


def ids(findings, prefix=T):
    return {f.subject.removeprefix(prefix).rsplit("/", 1)[-1] for f in findings}


def of(report, rule, **evidence):
    return [f for f in report.findings if f.rule == rule and all(f.evidence.get(k) == v for k, v in evidence.items())]


def illustrative_tables() -> set[str]:
    with (ROOT / "data" / "illustrative" / "tables.csv").open(encoding="utf-8") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


def test_bestuurlijke_drukte(report):
    assert ids(of(report, "drukte-organisation")) == {"ziekenhuis-voorbeeldstad"}
    hospital = of(report, "drukte-organisation")[0]
    assert hospital.evidence["tables"] >= 8 and hospital.evidence["programmes"] >= 5
    assert "Jan Voorbeeld" in hospital.evidence["via_persons"]
    assert ids(of(report, "drukte-person")) == {"jan-voorbeeld"}
    assert of(report, "drukte-person")[0].evidence["tables"] == 6


def test_missing_perspectives(report):
    found = of(report, "missing-perspectives")
    hl = {f.evidence["criterion"] for f in found if f.subject == T + "hl-regiotafel"}
    assert {"iza-regionale-ggd", "iza-burgers-patienten"} <= hl
    assert "iza-zorgprofessionals" not in hl  # present through the GPs (narrower of two perspectives)
    assert "iza-zorgaanbieders" not in hl
    assert not [f for f in found if f.subject == T + "zhn-regiotafel"]
    kennemerland = [f for f in found if f.subject == T + "stuurgroep-iza-gala-kennemerland"]
    assert [f.severity.notation for f in kennemerland] == ["info"]  # no members recorded: not seven misses
    assert "criterion" not in kennemerland[0].evidence


def test_theme_expectations(report):
    flagged = ids(of(report, "theme-perspectives"))
    assert {"hl-themateam-mentale-gezondheid", "hl-werkgroep-arbeidsmarkt"} <= flagged
    assert not flagged & {"zhn-themateam-mentale-gezondheid", "zhn-werkgroep-arbeidsmarkt",
                          "taz-arbeidsmarktoverleg-holland-rijnland"}


def _pairs(findings):
    return {frozenset({f.subject.removeprefix(T), f.evidence["other"].removeprefix(T)}) for f in findings}


def test_duplicated_structures(report):
    duplicates = _pairs(of(report, "duplicate-tables"))
    subsets = _pairs(of(report, "subset-tables"))
    en_en = _pairs(of(report, "en-en"))
    # one finding per pair: the strongest relation, the others as evidence ("also")
    old_new = frozenset({"hl-ouderenoverleg", "hl-themateam-kwetsbare-ouderen"})
    assert old_new in duplicates and old_new not in en_en and old_new not in subsets
    dup = next(f for f in of(report, "duplicate-tables") if _pairs([f]) == {old_new})
    assert [a["rule"] for a in dup.evidence["also"]] == ["en-en", "subset-tables"]
    ehealth = frozenset({"zhn-overleg-ehealth", "zhn-themateam-digitalisering"})
    assert ehealth in en_en and ehealth not in subsets and ehealth not in duplicates  # J = 0.5 < 0.6
    takeover = next(f for f in of(report, "en-en") if _pairs([f]) == {ehealth})
    assert [a["rule"] for a in takeover.evidence["also"]] == ["subset-tables"]
    everything = duplicates | subsets | en_en
    never = {"hl-stuurgroep-ouderenzorg", "hl-netwerk-dementie"}
    assert not [p for p in everything if p & never]
    for a, b in [("zhn-themateam-kwetsbare-ouderen", "hl-themateam-kwetsbare-ouderen"),
                 ("zhn-werkgroep-arbeidsmarkt", "taz-arbeidsmarktoverleg-holland-rijnland"),
                 ("zhn-themateam-kwetsbare-ouderen", "zhn-wozo-tafel-leiden"),
                 ("ach-netwerk-acute-zorg", "ach-werkgroep-spoedplein"),
                 ("ach-stuurgroep-wonen-zorg", "ach-werkgroep-langer-thuis")]:
        assert frozenset({a, b}) not in everything, (a, b)
    # two ROAZ networks sharing their one recorded member: below min_shared, and two ROAZ regions are disjoint
    assert frozenset({"roaz-netwerk-noordwest", "roaz-netwerk-spoedzorgnet"}) not in everything


def test_region_incongruence(report):
    cuts = ids(of(report, "cross-cutting-tables"))
    assert {"hl-werkgroep-acute-zorg-kust", "zorgbestuurdersoverleg-voorbeeldkust",
            "overleg-wethouders-kennemerland"} <= cuts
    assert not cuts & {"zhn-werkgroep-acute-zorg-bollenstreek", "zhn-wozo-tafel-leiden",
                       "taz-arbeidsmarktoverleg-holland-rijnland", "roaz-subregio-overleg-voorbeeldkust",
                       "zhn-regiotafel", "hl-regiotafel", "ach-stuurgroep-wonen-zorg"}
    kust = of(report, "cross-cutting-tables")
    kust = next(f for f in kust if f.subject == T + "hl-werkgroep-acute-zorg-kust")
    assert set(kust.evidence["divisions"]) == {"zorgkantoor"}  # inside GGD Haaglanden
    iza_zk = [f for f in of(report, "region-incongruence") if f.evidence["divisions"] == ["iza", "zorgkantoor"]]
    assert iza_zk and any("Noord-Veluwe" in r for r in iza_zk[0].evidence["regions_iza"])


def test_real_kennemerland_structure(report):
    """Findings on the real (public) Kennemerland data that a reader can check against the source."""
    wethouders = next(f for f in of(report, "cross-cutting-tables")
                      if f.subject == T + "overleg-wethouders-kennemerland")
    assert not wethouders.illustrative
    zk = wethouders.evidence["divisions"]["zorgkantoor"]
    assert ["Haarlemmermeer"] in zk.values() and len(zk) == 2
    assert "ggd" not in wethouders.evidence["divisions"]  # all five in GGD Kennemerland
    stuurgroep = [f for f in report.findings if f.subject == T + "stuurgroep-iza-gala-kennemerland"]
    assert {"missing-perspectives", "table-gaps"} <= {f.rule for f in stuurgroep}
    assert not [f for f in of(report, "structure-gaps") if f.subject == T + "stuurgroep-iza-gala-kennemerland"]


def test_governance_gaps(report):
    mine = illustrative_tables()

    def gap(name):
        return ids(of(report, "table-gaps", gap=name)) & mine

    assert gap("no-chair") == {"hl-werkgroep-arbeidsmarkt"}
    assert gap("no-decision-rule") == {"hl-ouderenoverleg"}
    assert "hl-werkgroep-preventie" in gap("no-members")
    assert gap("no-theme") == {"ach-themateam-samen-gezond"}
    assert {"hl-themateam-gezondheidsverschillen"} == {t for t in gap("no-parent") if "themateam" in t}
    structure = {(f.subject.removeprefix(T), f.evidence["gap"]) for f in of(report, "structure-gaps")}
    assert structure >= {("hl-regiotafel", "no-monitoring"), ("hl-regiotafel", "no-werkagenda")}
    assert not [s for s in structure if s[0] in ("zhn-regiotafel", "stuurgroep-iza-gala-kennemerland")]
    mandate = [f for f in of(report, "mandate-gaps") if "hl-regiotafel" in f.subject]
    assert mandate and mandate[0].evidence["mandate"] is False


def test_brokers(report):
    brokers = of(report, "brokers")
    assert ids(brokers, "https://w3id.org/izagraph/id/organisation/") == {"huisartsen-achterhoek-voorbeeld"}
    assert len(brokers[0].evidence["parts"]) == 2


def test_drukte_region(report):
    found = of(report, "drukte-region")
    assert ids(found, "https://w3id.org/izagraph/id/region/") == {"iza-subregio-kennemerland",
                                                                  "iza-zuid-kennemerland-ijmond"}
    assert all(f.evidence["tables"] == 13 and f.evidence["exceeded"] == ["tables"] for f in found)


def test_clusters_are_built_per_region(report):
    achterhoek = [f for f in of(report, "clusters") if f.evidence["scope"] == "Achterhoek"]
    assert sorted(f.evidence["size"] for f in achterhoek) == [5, 7]
    wonen = next(f for f in achterhoek if f.evidence["size"] == 7)
    assert "Huisartsencoöperatie Achterhoek Voorbeeld" in wonen.evidence["members"]
    members = {m for f in achterhoek for m in f.evidence["members"]}
    assert not members & {"Ziekenhuis Voorbeeldstad", "Jan Voorbeeld"}


def test_every_finding_says_what_why_and_what_to_do(report):
    for f in report.findings:
        assert f.message["nl"] and f.message["en"] and "{" not in f.message["en"].replace("{x}", "")
        assert f.advice and f.advice_text["nl"] and f.advice_text["en"], f.rule
        assert f.evidence
