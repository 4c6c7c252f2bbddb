"""Loading: every input format gives the same graph, and every class of input error is located."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from izagraph.errors import InputError
from izagraph.export import serialise
from izagraph.load import check_inputs, load_dataset
from izagraph.namespaces import DCTERMS, IZG, OPENGOV, ORG, RDF, SKOS, entity_iri, gemeente_iri

from .conftest import MINI, append_csv, csv_folder_to_xlsx, edit_csv


@pytest.fixture(scope="module")
def mini_graph() -> Graph:
    return load_dataset([MINI]).graph


def test_mini_graph_has_the_expected_facts(mini_graph):
    g = mini_graph
    haarlem = gemeente_iri("GM0392")
    assert (haarlem, RDF.type, IZG.Gemeente) in g
    assert str(g.value(haarlem, IZG.cbsCode)) == "GM0392"
    assert len(set(g.subjects(RDF.type, ORG.Membership))) == 4
    m = entity_iri("membership", "stuurgroep", "gm0392")
    assert set(g.objects(m, OPENGOV.onBehalfOf)) == {haarlem, gemeente_iri("GM0473")}
    table = entity_iri("table", "stuurgroep")
    assert g.value(table, DCTERMS.spatial) == entity_iri("region", "zorgkantoor-zk11")
    # provenance on every fact-bearing node
    for cls in (IZG.Gemeente, IZG.Region, IZG.Organisation, IZG.Table, ORG.Membership, IZG.Plan):
        for s in g.subjects(RDF.type, cls):
            assert g.value(s, DCTERMS.source) is not None, s
    # names with quotes and braces are data
    assert str(g.value(entity_iri("organisation", "ziekenhuis-a"), SKOS.prefLabel)) == 'Ziekenhuis "A" {x}'


def test_xlsx_gives_the_same_graph(mini_graph, tmp_path):
    workbook = csv_folder_to_xlsx(MINI, tmp_path / "mini.xlsx")
    assert isomorphic(load_dataset([workbook]).graph, mini_graph)


@pytest.mark.parametrize("fmt,suffix", [("turtle", ".ttl"), ("jsonld", ".jsonld"), ("nt", ".nt")])
def test_rdf_round_trip_gives_the_same_graph(mini_graph, tmp_path, fmt, suffix):
    path = tmp_path / f"mini{suffix}"
    path.write_bytes(serialise(mini_graph, fmt))
    assert isomorphic(load_dataset([path]).graph, mini_graph)


def test_datasets_are_merged_before_references_are_checked(tmp_path, mini):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "sources.csv").write_text("id,title,kind\nextra,Extra,illustrative\n")
    (extra / "tables.csv").write_text("id,name,kind,programmes,region,source\n"
                                      "werkgroep-x,Werkgroep X,werkgroep,wozo,zorgkantoor-zk11,extra\n")
    g = load_dataset([mini, extra]).graph
    assert (entity_iri("table", "werkgroep-x"), RDF.type, IZG.Table) in g


def _only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"no {code} in {[str(p) for p in problems]}"
    return found[0]


# Each error class: (how to break the data, expected code, file, row, column, suggestion)
BREAKAGES = [
    (lambda d: edit_csv(d, "tables", None, "chair_type", "chairtype"), "unknown-column", "tables.csv", 1, "chairtype", "chair_type"),
    (lambda d: edit_csv(d, "tables", 2, "kind", "stuurgroeb"), "unknown-code", "tables.csv", 2, "kind", "stuurgroep"),
    (lambda d: edit_csv(d, "memberships", 3, "table", "stuurgroeb"), "unknown-reference", "memberships.csv", 3, "table", "stuurgroep"),
    (lambda d: edit_csv(d, "memberships", 2, "member", "GM9999"), "unknown-reference", "memberships.csv", 2, "member", None),
    (lambda d: edit_csv(d, "organisations", 2, "id", "ZK Verzekeraar"), "bad-id", "organisations.csv", 2, "id", "zk-verzekeraar"),
    (lambda d: edit_csv(d, "organisations", 3, "id", "zk-verzekeraar"), "duplicate-id", "organisations.csv", 3, "id", None),
    (lambda d: edit_csv(d, "tables", 3, "start", "2024-13-01"), "bad-date", "tables.csv", 3, "start", None),
    (lambda d: edit_csv(d, "memberships", 4, "end", "2020"), "date-order", "memberships.csv", 4, "end", None),
    (lambda d: edit_csv(d, "tables", 2, "regional_structure", "misschien"), "bad-boolean", "tables.csv", 2, "regional_structure", None),
    (lambda d: edit_csv(d, "memberships", 2, "mandate", "deels"), "bad-boolean", "memberships.csv", 2, "mandate", None),
    (lambda d: edit_csv(d, "sources", 2, "url", "javascript:alert(1)"), "bad-url", "sources.csv", 2, "url", None),
    (lambda d: edit_csv(d, "tables", 2, "meetings_per_year", "vaak"), "bad-number", "tables.csv", 2, "meetings_per_year", None),
    (lambda d: edit_csv(d, "gemeenten", 3, "code", "0473"), "bad-code", "gemeenten.csv", 3, "code", None),
    (lambda d: edit_csv(d, "tables", 2, "name", ""), "missing-value", "tables.csv", 2, "name", None),
    (lambda d: append_csv(d, "memberships", {"table": "stuurgroep", "member": "zk-verzekeraar", "source": "voorbeeld"}),
     "duplicate-row", "memberships.csv", 6, "member", None),
    (lambda d: edit_csv(d, "tables", 2, "parent", "stuurgroep"), "cycle", "tables.csv", 2, "parent", None),
]


@pytest.mark.parametrize("breakage,code,file,row,column,suggestion", BREAKAGES,
                         ids=[b[1] + "-" + str(i) for i, b in enumerate(BREAKAGES)])
def test_every_error_class_is_located(mini, breakage, code, file, row, column, suggestion):
    breakage(mini)
    problem = _only(check_inputs([mini]), code)
    assert problem.file.endswith(file)
    assert (problem.row, problem.column) == (row, column)
    if suggestion:
        assert problem.suggestion == suggestion
    assert file in str(problem) and str(row) in str(problem)


def test_missing_required_column_and_file(mini):
    (mini / "regions.csv").unlink()
    edit_csv(mini, "organisations", None, "sector", "sectr")
    problems = check_inputs([mini])
    assert _only(problems, "missing-file").value == "regions"
    assert _only(problems, "missing-column").column == "sector"


def test_unknown_file_is_reported_with_a_suggestion(mini):
    (mini / "membership.csv").write_text("table,member\n")
    assert _only(check_inputs([mini]), "unknown-file").suggestion == "memberships.csv"


def test_ragged_row(mini):
    with (mini / "table_themes.csv").open("a") as fh:
        fh.write("stuurgroep,acute-zorg,extra\n")
    assert _only(check_inputs([mini]), "ragged-row").row == 4


def test_shape_violation_is_located(mini):
    # A region whose gemeenten are said to come from a source must have gemeenten (SHACL).
    append_csv(mini, "regions", {"id": "ggd-leeg", "name": "Lege GGD-regio", "division": "ggd",
                                 "status": "source", "source": "cbs"})
    problem = _only(check_inputs([mini]), "shape")
    assert problem.file.endswith("regions.csv") and problem.row == 5


def test_rdf_syntax_error_has_a_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix izg: <https://w3id.org/izagraph/def#> .\n\n<a> izg:x <b> .\n<c> izg:y \"unterminated .\n")
    problem = _only(check_inputs([bad]), "syntax")
    assert problem.row == 4


def test_many_problems_reported_at_once(mini):
    edit_csv(mini, "tables", 2, "kind", "stuurgroeb")
    edit_csv(mini, "memberships", 3, "table", "stuurgroeb")
    edit_csv(mini, "tables", 3, "start", "gisteren")
    codes = {p.code for p in check_inputs([mini])}
    assert {"unknown-code", "unknown-reference", "bad-date"} <= codes


def test_load_dataset_raises_with_all_problems(mini):
    edit_csv(mini, "tables", 2, "kind", "stuurgroeb")
    with pytest.raises(InputError) as info:
        load_dataset([mini])
    assert "tables.csv" in str(info.value) and "stuurgroep" in str(info.value)


@pytest.mark.parametrize("value,expected", [("ja", True), ("Nee", False), ("onbekend", None), ("unknown", None),
                                            ("", None)])
def test_mandate_is_three_valued(mini, value, expected):
    """ja / nee / onbekend: unknown (or empty) records no mandate at all, so no rule can read it as 'no'."""
    edit_csv(mini, "memberships", 2, "mandate", value)
    g = load_dataset([mini]).graph
    m = entity_iri("membership", "stuurgroep", "gm0392")  # memberships.csv row 2
    values = [bool(v.toPython()) for v in g.objects(m, IZG.mandate)]
    assert values == ([] if expected is None else [expected])


def test_unknown_in_an_optional_coded_column_means_not_recorded(mini):
    edit_csv(mini, "tables", 2, "chair_type", "onbekend")
    assert not check_inputs([mini])


def test_a_blank_confidence_is_not_stated(mini):
    """A source without a confidence says nothing about it: no izg:confidence (never read as high)."""
    edit_csv(mini, "sources", 3, "confidence", "")
    g = load_dataset([mini]).graph
    assert not list(g.triples((entity_iri("source", "voorbeeld"), IZG.confidence, None)))
