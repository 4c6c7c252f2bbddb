"""The shipped real data: rebuilt byte for byte from data/raw/, ROAZ for every gemeente, every inferred region
membership names its method (checked in the CSV files, by the loader and by the SHACL shapes), and the
coverage per division that `info` shows."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter

import pytest
from rdflib import Graph

from izagraph.backends.sparql import OxigraphBackend
from izagraph.info import division_coverage
from izagraph.load import load_dataset
from izagraph.load.validate import shacl_problems
from izagraph.namespaces import IZG, RDF, concept, entity_iri, gemeente_iri
from izagraph.vocab import vocabulary

from .conftest import ROOT

REAL = ROOT / "data" / "real"


def rows(name: str) -> list[dict[str, str]]:
    with (REAL / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_build_reproduces_the_committed_files_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("build_real_data", ROOT / "scripts" / "build_real_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in REAL.glob("*.csv"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (REAL / name).read_bytes(), name


def test_roaz_covers_every_gemeente_once():
    regions = {r["id"]: r for r in rows("regions") if r["division"] == "roaz"}
    assert len(regions) == 11 and {r["status"] for r in regions.values()} == {"source"}
    gemeenten = {r["code"] for r in rows("gemeenten")}
    per_gemeente = Counter(m["gemeente"] for m in rows("region_members") if m["region"] in regions)
    assert set(per_gemeente) == gemeenten and len(gemeenten) == 342
    assert set(per_gemeente.values()) == {1}
    sources = {s["id"]: s for s in rows("sources")}
    assert {sources[r["source"]]["confidence"] for r in regions.values()} == {"medium"}
    amsterdam = next(m for m in rows("region_members") if m["gemeente"] == "GM0363" and m["region"] in regions)
    assert amsterdam["region"] == "roaz-spoedzorgnet" and "split" in amsterdam["note"]


def test_the_merged_roaz_network_is_recorded_with_an_honest_date():
    tables = {t["id"]: t for t in rows("tables")}
    nhfl = tables["roaz-netwerk-noord-holland-flevoland"]
    assert nhfl["start"] == "" and "date of the merger is unknown" in nhfl["note"] and "April 2024" in nhfl["note"]
    members = {m["gemeente"] for m in rows("region_members") if m["region"] in ("roaz-noordwest", "roaz-spoedzorgnet")}
    assert set(nhfl["gemeenten"].split(";")) == members and len(members) == 50
    assert tables["roaz-netwerk-noordwest"]["end"] == tables["roaz-netwerk-spoedzorgnet"]["end"] == ""


def test_every_inferred_membership_names_its_method():
    status = {r["id"]: r["status"] for r in rows("regions")}
    methods = set(vocabulary().notations("membership-method"))
    inferred = [m for m in rows("region_members") if (m["status"] or status[m["region"]]) == "inferred"]
    assert inferred and all(m["method"] in methods for m in inferred)
    assert not [m for m in rows("region_members") if m["method"] and (m["status"] or status[m["region"]]) != "inferred"]


def test_spuk_regions_are_a_division_of_42_with_inferred_or_unknown_gemeenten():
    spuk = {r["id"]: r for r in rows("regions") if r["division"] == "spuk-iza"}
    assert len(spuk) == 42 and {r["status"] for r in spuk.values()} == {"inferred", "unknown"}
    members = [m for m in rows("region_members") if m["region"] in spuk]
    assert len({m["gemeente"] for m in members}) == len(members)  # no gemeente in two SPUK regions
    by_region = {rid: {m["gemeente"] for m in members if m["region"] == rid} for rid in spuk}
    # Flevoland follows the public page: Zeewolde (GM0050) joins Noord-Veluwe
    assert by_region["spuk-flevoland"] == {"GM0034", "GM0303", "GM0995", "GM0171", "GM0184"}
    assert "GM0050" in by_region["spuk-noord-veluwe"]
    assert {m["method"] for m in members if m["region"] == "spuk-flevoland"} == {"public-page"}
    # Utrecht's name matches GGD, provincie and zorgkantoorregio, but each also holds four other mandaatgemeenten
    assert spuk["spuk-utrecht"]["status"] == "unknown" and not by_region["spuk-utrecht"]
    # Twente's mandate holder is SamenTwente, not a gemeente: no method applies
    assert spuk["spuk-twente"]["status"] == "unknown" and "SamenTwente" in spuk["spuk-twente"]["note"]
    # Vijfheerenlanden is in zorgkantoorregio Waardenland and jeugdregio Lekstroom: claimed twice, left unknown
    assert "GM1961" not in by_region["spuk-waardenland"] | by_region["spuk-lekstroom"]
    assert "EUR 2.598.073 (2025)" in spuk["spuk-achterhoek"]["note"]


def _dataset(tmp_path, member_rows: str):
    (tmp_path / "sources.csv").write_text("id,title,kind\ns,Test,real\n", encoding="utf-8")
    (tmp_path / "gemeenten.csv").write_text("code,name,source\nGM0001,Een,s\nGM0002,Twee,s\n", encoding="utf-8")
    (tmp_path / "regions.csv").write_text("id,name,division,status,source\nr,Regio,spuk-iza,inferred,s\n",
                                          encoding="utf-8")
    (tmp_path / "region_members.csv").write_text(member_rows, encoding="utf-8")
    return tmp_path


def test_the_loader_requires_a_method_for_an_inferred_membership(tmp_path):
    from izagraph.errors import IzagraphError

    bad = _dataset(tmp_path, "region,gemeente,method\nr,GM0001,same-name-ggd\nr,GM0002,\n")
    with pytest.raises(IzagraphError) as exc:
        load_dataset([bad])
    problems = [p for p in exc.value.problems if p.column == "method"]
    assert [(p.file.rsplit("/", 1)[-1], p.row) for p in problems] == [("region_members.csv", 3)]


def test_a_membership_from_a_source_in_an_inferred_region_needs_no_method(tmp_path):
    good = _dataset(tmp_path, "region,gemeente,status,method\nr,GM0001,,same-name-ggd\nr,GM0002,source,\n")
    graph = load_dataset([good]).graph
    m = entity_iri("region-membership", "r", "gm0002")
    assert (m, IZG.membershipStatus, concept("region-status", "source")) in graph
    coverage = division_coverage(OxigraphBackend.from_graph(graph))
    assert [(c["division"], c["known"], c["inferred"], c["unknown"]) for c in coverage] == [("spuk-iza", 1, 1, 0)]


def test_the_shapes_require_a_method_for_every_inferred_membership():
    """RDF input skips the loader's row check: the SHACL shapes catch both ways of leaving the method out."""
    g = Graph()
    region = entity_iri("region", "r")
    g.add((region, RDF.type, IZG.Region))
    g.add((region, IZG.compositionStatus, concept("region-status", "inferred")))
    for code in ("GM0001", "GM0002", "GM0003"):
        g.add((region, IZG.hasGemeente, gemeente_iri(code)))
    with_method = entity_iri("region-membership", "r", "gm0001")
    own_status = entity_iri("region-membership", "r", "gm0002")  # inferred by its own status, no method
    for m, code in ((with_method, "GM0001"), (own_status, "GM0002")):
        g.add((m, RDF.type, IZG.RegionMembership))
        g.add((m, IZG.region, region))
        g.add((m, IZG.gemeente, gemeente_iri(code)))
    g.add((with_method, IZG.method, concept("membership-method", "same-name-ggd")))
    g.add((own_status, IZG.membershipStatus, concept("region-status", "inferred")))

    def method_problems():
        return [p for p in shacl_problems(g, {}) if "methode" in p.message]

    # GM0002: its node is inferred without a method (node shape and region query); GM0003: no node at all
    assert len(method_problems()) == 3
    g.add((own_status, IZG.method, concept("membership-method", "public-page")))
    assert len(method_problems()) == 1  # GM0003 is left
    source_node = entity_iri("region-membership", "r", "gm0003")
    g.add((source_node, RDF.type, IZG.RegionMembership))
    g.add((source_node, IZG.region, region))
    g.add((source_node, IZG.gemeente, gemeente_iri("GM0003")))
    g.add((source_node, IZG.membershipStatus, concept("region-status", "source")))
    assert method_problems() == []


def test_info_shows_coverage_per_division_on_the_shipped_data():
    graph = load_dataset([REAL]).graph
    coverage = {c["division"]: c for c in division_coverage(OxigraphBackend.from_graph(graph), "en")}
    for c in coverage.values():
        assert c["known"] + c["inferred"] + c["unknown"] == c["gemeenten"] == 342
    assert (coverage["roaz"]["known"], coverage["roaz"]["regions"], coverage["roaz"]["expected_regions"]) == \
        (342, 11, 11)
    spuk = coverage["spuk-iza"]
    assert (spuk["regions"], spuk["expected_regions"], spuk["known"]) == (42, 42, 0)
    assert spuk["regions_inferred"] + spuk["regions_unknown"] == 42
    iza = coverage["iza"]
    # source: Haaglanden 5 + Noord-Veluwe en Zeewolde 7 + Noord-Holland Noord 15 (listed on a page)
    assert (iza["regions_source"], iza["known"]) == (3, 27)


def test_spuk_grants_are_data_with_their_mandaatgemeente():
    grants = rows("region_grants")
    assert len(grants) == 84 and {g["year"] for g in grants} == {"2025", "2026"}
    with (ROOT / "data" / "raw" / "spuk_iza_regions_mandaatgemeenten_2025.csv").open(encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    assert sum(int(g["amount_eur"]) for g in grants if g["year"] == "2025") == \
        sum(int(r["spuk_iza_2025_eur"]) for r in raw)
    achterhoek = {g["year"]: g for g in grants if g["region"] == "spuk-achterhoek"}
    assert (achterhoek["2026"]["amount_eur"], achterhoek["2026"]["recipient"]) == ("2785666", "GM0222")  # Doetinchem
    assert {g["recipient"] for g in grants if g["region"] == "spuk-twente"} == {"samentwente"}
    graph = load_dataset([REAL]).graph
    assert len(set(graph.subjects(RDF.type, IZG.Grant))) == 84


@pytest.mark.parametrize("line, column", [
    ("r,spuk-iza,2025,-5,GM0001,s,", "amount_eur"),     # negative amount
    ("r,spuk-iza,2025,10,GM9999,s,", "recipient"),      # unknown gemeente
    ("r,spuk-izaa,2025,10,GM0001,s,", "scheme"),        # unknown scheme
    ("r,spuk-iza,2025,10,GM0001,s,\nr,spuk-iza,2025,12,GM0001,s,", "year"),  # the same year twice
])
def test_bad_grant_rows_are_located(tmp_path, line, column):
    from izagraph.errors import IzagraphError

    folder = _dataset(tmp_path, "region,gemeente,method\nr,GM0001,same-name-ggd\n")
    (folder / "region_grants.csv").write_text(
        "region,scheme,year,amount_eur,recipient,source,note\n" + line + "\n", encoding="utf-8")
    with pytest.raises(IzagraphError) as exc:
        load_dataset([folder])
    assert [p.column for p in exc.value.problems if p.file.endswith("region_grants.csv")] == [column]


def test_a_good_grant_row_loads(tmp_path):
    folder = _dataset(tmp_path, "region,gemeente,method\nr,GM0001,same-name-ggd\n")
    (folder / "region_grants.csv").write_text(
        "region,scheme,year,amount_eur,recipient,source,note\nr,spuk-iza,2025,1000,GM0001,s,\n", encoding="utf-8")
    graph = load_dataset([folder]).graph
    (grant,) = graph.subjects(RDF.type, IZG.Grant)
    assert graph.value(grant, IZG.recipient) == gemeente_iri("GM0001")
    assert str(graph.value(grant, IZG.amountEur)) == "1000.0"
