"""What the rules say about real regional structures written from public pages (tests/data/real-cases,
loaded on top of data/real). The expectations are reasoned from the pages (see the folder's README),
not copied from the output."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset
from izagraph.namespaces import concept
from izagraph.rules import check
from izagraph.rules.facts import broader
from izagraph.vocab import vocabulary

from .conftest import TESTS

ROOT = TESTS.parent
CASES = TESTS / "data" / "real-cases"
TODAY = dt.date(2026, 6, 1)
#: Rules whose findings are about the governance itself (not about what is recorded).
GOVERNANCE = {"drukte-organisation", "drukte-person", "drukte-gemeente", "drukte-region", "theme-perspectives",
              "duplicate-tables", "subset-tables", "en-en", "mandate-gaps", "brokers", "clusters"}


@lru_cache(maxsize=None)
def backend():
    folders = [ROOT / "data" / "real", *sorted(p for p in CASES.iterdir() if p.is_dir())]
    return OxigraphBackend.from_graph(load_dataset(folders).graph)


@lru_cache(maxsize=None)
def report(**params):
    return check(backend(), params=params or None, today=TODAY)


def about(*ids):
    return [f for f in report().findings if f.subject.rsplit("/", 1)[-1] in ids]


def test_every_case_names_its_sources_with_address_date_and_what_the_page_says():
    import csv

    for folder in (p for p in CASES.iterdir() if p.is_dir()):
        rows = list(csv.DictReader((folder / "sources.csv").open(encoding="utf-8")))
        assert rows, folder
        for row in rows:
            assert row["url"].startswith("https://") and row["date"] and row["kind"] == "real", row
            assert "Says:" in row["note"], row


def test_noord_holland_noord_kernteam_lacks_three_perspectives():
    # VGZ = zorgverzekeraars, GGD = regionale GGD, the 15 gemeenten (with the mandate to Hoorn) = gemeenten,
    # Sigra (association of care and welfare providers) = zorgaanbieders. Nobody for the other three.
    missing = {f.evidence.get("criterion") for f in about("nhn-kernteam-regiobeeld") if f.rule == "missing-perspectives"}
    assert missing == {"iza-zorgprofessionals", "iza-sociaal-domein", "iza-burgers-patienten"}


def test_noord_holland_noord_coordinatietafel_is_not_checked_without_recorded_members():
    found = [f for f in about("nhn-coordinatietafel") if f.rule == "missing-perspectives"]
    assert [f.severity.notation for f in found] == ["info"]


def test_a_national_insurer_is_no_broker_between_unrelated_regions():
    # VGZ sits at the NHN kernteam and at a Kennemerland table; per region nobody holds a network together.
    assert check(backend(), ["brokers"], today=TODAY).findings == []
    national = check(backend(), ["brokers"], {"scope": "all"}, today=TODAY).findings
    assert "vgz" in {f.subject.rsplit("/", 1)[-1] for f in national}


def test_twente_kernteam_is_a_negative_control_without_governance_findings():
    members = ("twente-kernteam-ziekenhuisperspectief", "mst", "zgt")
    assert [f for f in about(*members) if f.rule in GOVERNANCE | {"missing-perspectives", "structure-gaps"}] == []
    # what remains is "not recorded": the pages state no chair and no decision rule
    assert sorted(f.text() for f in about(*members)) == [
        "Voor Kernteam Ziekenhuisperspectief Twente is geen besluitvormingsregel vastgelegd.",
        "Voor Kernteam Ziekenhuisperspectief Twente is geen soort voorzitterschap vastgelegd."]


def test_zuid_holland_noord_network_organisation_is_support_not_a_perspective():
    v = vocabulary()
    up = broader(v, str(concept("perspective", "netwerkorganisatie")))
    assert str(concept("perspective", "ondersteuning")) in up
    assert not {str(concept("perspective", p)) for p in ("zorgaanbieders", "burgers-patienten")} & up
    assert [f for f in about("zhn-programma-regioplan", "transmuralis") if f.rule in GOVERNANCE] == []


def test_no_pair_and_no_drukte_among_the_real_cases():
    ids = {"nhn-kernteam-regiobeeld", "nhn-coordinatietafel", "twente-kernteam-ziekenhuisperspectief",
           "zhn-programma-regioplan", "vgz", "menzis", "sigra", "transmuralis"}
    assert [f for f in about(*ids) if f.rule.startswith("drukte") or f.rule in ("duplicate-tables", "subset-tables",
                                                                                 "en-en")] == []
