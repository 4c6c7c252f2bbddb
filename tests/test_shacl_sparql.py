"""The shapes compiled to SPARQL (izagraph.load.shacl_sparql) report exactly what pySHACL reports.

On the shipped data (no problems) and on violating inputs: each case breaks the mini dataset's graph in
one way that only the SHACL shapes catch (one case per kind of constraint in ontology/shapes.ttl), and
both engines must give the same located problems, with the same messages, and at least one.
"""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from izagraph.load import check_inputs, read_inputs
from izagraph.load.shacl_sparql import Unsupported, compile_shapes
from izagraph.load.validate import shacl_problems
from izagraph.namespaces import DCTERMS, IZG, OPENGOV, ORG, RDF, SCHEMA, SKOS, XSD, concept, entity_iri
from izagraph.resources import SHIPPED_DATASETS
from izagraph.vocab import shapes_graph

from .conftest import MINI, append_csv

T = entity_iri("table", "stuurgroep")
CHILD = entity_iri("table", "themateam-ggz")
REGION = entity_iri("region", "zorgkantoor-zk11")
CRITERION = URIRef("https://example.org/criterium-zonder-scope")


def _membership(g):
    return next(g.subjects(RDF.type, ORG.Membership))


def _gemeente(g):
    return next(g.subjects(RDF.type, IZG.Gemeente))


CASES = {
    "minCount: a table without kind": lambda g: g.remove((T, IZG.tableKind, None)),
    "maxCount: a table with two kinds": lambda g: g.add((T, IZG.tableKind, concept("table-kind", "werkgroep"))),
    "pattern: a kind from another list": lambda g: g.set((T, IZG.tableKind, concept("theme", "preventie"))),
    "nodeKind: a kind as text": lambda g: g.set((T, IZG.tableKind, Literal("stuurgroep"))),
    "datatype: a yes/no as text": lambda g: g.set((T, IZG.regionalStructure, Literal("ja"))),
    "or of datatypes: meetings as text": lambda g: g.set((T, IZG.meetingsPerYear, Literal("zes"))),
    "minInclusive: negative meetings": lambda g: g.set((T, IZG.meetingsPerYear, Literal("-2", datatype=XSD.integer))),
    "class: a seat at a region": lambda g: g.set((_membership(g), ORG.organization, REGION)),
    "class: a literal member": lambda g: g.set((_membership(g), ORG.member, Literal("iemand"))),
    "or of classes: on behalf of a table": lambda g: g.add((_membership(g), OPENGOV.onBehalfOf, CHILD)),
    "node pattern: a gemeente's IRI": lambda g: [g.add((URIRef("https://example.org/gm0001"), p, o))
                                                for p, o in ((RDF.type, IZG.Gemeente), (IZG.cbsCode, Literal("GM0001")),
                                                             (SKOS.prefLabel, Literal("X")),
                                                             (DCTERMS.source, next(g.objects(T, DCTERMS.source))))],
    "node or: a region with no gemeenten": lambda g: g.remove((REGION, IZG.hasGemeente, None)),
    "string datatype: a code with a language": lambda g: g.set((_gemeente(g), IZG.cbsCode, Literal("GM0392", lang="nl"))),
    "sparql: a reporting cycle": lambda g: g.add((T, ORG.subOrganizationOf, CHILD)),
    "sparql: start after end": lambda g: g.add((T, SCHEMA.validThrough, Literal("2020", datatype=XSD.gYear))),
    "sparql: an unknown concept": lambda g: g.add((T, IZG.theme, concept("theme", "ruimtevaart"))),
    "class: a source that is not listed": lambda g: g.set((T, DCTERMS.source, URIRef("https://example.org/bron"))),
    "several at once": lambda g: (g.remove((T, IZG.tableKind, None)), g.add((T, IZG.theme, BNode())),
                                  g.set((T, IZG.meetingsPerYear, Literal("-1", datatype=XSD.decimal)))),
    "criterion without scope": lambda g: [g.add((CRITERION, p, o)) for p, o in (
        (RDF.type, IZG.Criterion), (SKOS.notation, Literal("x")), (SKOS.prefLabel, Literal("Criterium")),
        (IZG.requiresAnyOf, concept("perspective", "ggz")), (IZG.severity, concept("severity", "high")))],
}


def test_the_shipped_shapes_compile_completely():
    checks = compile_shapes(shapes_graph())  # raises Unsupported if a shape needs pySHACL
    assert len(checks) > 50


def test_an_unknown_constraint_is_not_compiled():
    from rdflib import Graph

    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://e/S> a sh:NodeShape ; sh:targetClass <http://e/C> ;
            sh:property [ sh:path <http://e/p> ; sh:uniqueLang true ] .""", format="turtle")
    with pytest.raises(Unsupported):
        compile_shapes(shapes)


def test_same_result_as_pyshacl_on_the_shipped_data():
    graph, origins, problems = read_inputs(list(SHIPPED_DATASETS))
    assert not problems
    assert shacl_problems(graph, origins, "sparql") == shacl_problems(graph, origins, "pyshacl") == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_problems_as_pyshacl_on_violating_input(case):
    graph, origins, problems = read_inputs([MINI])
    assert not problems
    CASES[case](graph)
    ours, theirs = shacl_problems(graph, origins, "sparql"), shacl_problems(graph, origins, "pyshacl")
    assert ours, "the case violates no shape"
    assert ours == theirs


def test_tabular_violations_keep_file_and_row(mini):
    append_csv(mini, "regions", {"id": "ggd-leeg", "name": "Lege GGD-regio", "division": "ggd",
                                 "status": "source", "source": "cbs"})
    problems = [p for p in check_inputs([mini]) if p.code == "shape"]
    assert len(problems) == 1
    assert problems[0].file.endswith("regions.csv") and problems[0].row == 5
    assert problems[0].message == "Een regio heeft minstens één gemeente, tenzij haar status unknown is."
