"""The load path without an rdflib graph (izagraph.load.triples) and the merged SHACL queries change nothing.

The triple set writes the same N-Triples terms as rdflib; a loaded dataset's graph is the graph
``read_inputs`` gives; the term checks still report a bad literal wherever it occurs; and the SHACL
checks, with the subclasses listed and merged per kind (:func:`~izagraph.load.shacl_sparql.batch`), report
exactly what one query per constraint with the ``rdf:type/rdfs:subClassOf*`` path reports, on every
violating input of the pySHACL parity tests.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from izagraph.load import load_dataset, read_inputs, read_triples
from izagraph.load.shacl_sparql import batch, class_closures, compile_shapes, run_checks
from izagraph.load.triples import Triples
from izagraph.load.validate import term_problems
from izagraph.vocab import ontology_nt
from izagraph.namespaces import XSD
from izagraph.vocab import shapes_graph

from .conftest import MINI
from .test_shacl_sparql import CASES

E = "https://example.org/"


def _varied() -> Graph:
    g = Graph()
    s, p = URIRef(E + "s"), URIRef(E + "p")
    for o in (Literal("tekst"), Literal("naam", lang="nl"), Literal("en-GB", lang="en-GB"),
              Literal("2.5", datatype=XSD.decimal), Literal(True), Literal("2024-03", datatype=XSD.gYearMonth),
              Literal('aanhalingstekens " en \\ en\nnieuwe regel\tmet tab'), Literal("Zoë, Ærø, 北京, 🙂"),
              Literal("https://example.org/x", datatype=XSD.anyURI), URIRef(E + "ö/ä"), BNode("b1")):
        g.add((s, p, o))
    g.add((BNode("b1"), p, Literal("in een naamloze knoop")))
    return g


def test_n_triples_are_the_terms_rdflib_writes():
    g = _varied()
    ours = Triples(g).n_triples()
    assert isomorphic(Graph().parse(data=ours.decode("utf-8"), format="nt"), g)
    theirs = g.serialize(format="nt", encoding="utf-8")
    assert set(ox.parse(ours, format=ox.RdfFormat.N_TRIPLES)) == set(ox.parse(theirs, format=ox.RdfFormat.N_TRIPLES))


def test_triples_are_a_set_and_forget_their_n_triples_when_added_to():
    t = Triples(_varied())
    before = t.n_triples()
    t += list(_varied())
    assert t.n_triples() == before
    t.add((URIRef(E + "s"), URIRef(E + "p"), Literal("nieuw")))
    assert len(t) == len(_varied()) + 1 and t.n_triples() != before
    assert (None, URIRef(E + "p"), Literal("nieuw")) in t and (None, None, Literal("elders")) not in t


def test_a_loaded_dataset_holds_the_graph_read_inputs_gives():
    dataset = load_dataset([MINI])
    graph, origins, problems = read_inputs([MINI])
    assert not problems and origins == dataset.origins
    assert isomorphic(dataset.graph, graph)
    assert set(dataset.triples) == set(read_triples([MINI])[0]) == set(graph)


def test_a_bad_literal_is_reported_wherever_it_occurs():
    bad, p = Literal("bel\x07"), URIRef(E + "naam")
    t = Triples([(URIRef(E + "a"), p, bad), (URIRef(E + "b"), p, bad), (URIRef(E + "c"), p, Literal("goed"))])
    found = [(pr.file, pr.code) for pr in term_problems(t, {})]
    assert found == [(f"onderwerp <{E}a>", "control-character"), (f"onderwerp <{E}b>", "control-character")]


@pytest.mark.parametrize("case", sorted(CASES))
def test_listed_and_merged_checks_report_what_the_plain_checks_report(case):
    graph, _, problems = read_inputs([MINI])
    assert not problems
    CASES[case](graph)
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(ontology_nt(), format=ox.RdfFormat.N_TRIPLES)
    shapes = shapes_graph()
    plain = run_checks(store, compile_shapes(shapes))
    listed = compile_shapes(shapes, class_closures(store, shapes))
    merged = batch(listed)
    assert plain, "the case violates no shape"
    assert set(run_checks(store, listed)) == set(plain)
    assert set(run_checks(store, merged)) == set(plain)
    assert len(merged) < len(listed)
