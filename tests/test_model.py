"""The data-as-code stays documented: input columns, notations and query headers."""

from __future__ import annotations

import re

import pytest

from izagraph.model import FILE_SPECS
from izagraph.queries import list_queries, load_query
from izagraph.vocab import vocabulary

from .conftest import ROOT

DATA_FORMAT = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
NOTATIONS = (ROOT / "docs" / "notations.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", FILE_SPECS, ids=[s.name for s in FILE_SPECS])
def test_every_input_column_is_documented(spec):
    section = DATA_FORMAT.split(f"## {spec.name}.csv", 1)[1].split("\n## ", 1)[0]
    documented = [c for c in re.findall(r"^\| ([a-z_]+) \|", section, flags=re.M) if c != "column"]
    assert documented == spec.column_names


def test_every_documented_notation_exists_in_the_ontology():
    v = vocabulary()
    known = {n for s in v.schemes() for n in v.notations(s)}
    for code in re.findall(r"`([a-z][a-z0-9-]*)`", NOTATIONS):
        assert code in known or code in v.schemes(), code


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_has_titles_an_explanation_and_a_cypher_twin(query):
    assert query.title("nl") != query.name and query.title("en") != query.name
    assert query.description("nl") and query.description("en")
    twin = load_query(query.name, "cypher")
    assert twin.params.keys() == query.params.keys()


def test_ontology_graph_is_what_rdflib_parses():
    """The ontology is parsed with Oxigraph's Turtle parser for speed: the same graph as rdflib's own."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from izagraph.vocab import ontology_files, ontology_graph

    expected = Graph()
    for path in ontology_files():
        expected.parse(path, format="turtle")
    got = ontology_graph()
    assert len(got) == len(expected) > 1000
    assert isomorphic(got, expected)
