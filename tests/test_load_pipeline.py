"""The faster load path changes nothing: what ``izagraph load`` writes and what validation reports.

- The snapshot read from Oxigraph's SPARQL TSV holds the rows the term-by-term path holds, on terms that
  are hard to write as text (tabs, newlines, quotes, language tags, numbers, booleans, blank nodes, unbound).
- A store built on the in-memory store the SHACL checks ran on (the database written in a thread beside
  the snapshot) equals one built from the graph alone: the same graph.nt, database and snapshot rows.
- The SHACL checks in two threads report what they report in one.
- The term checks' quick pass on the distinct terms never passes a graph the full pass would fault.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset, read_inputs
from izagraph.load.shacl_sparql import batch, class_closures, compile_shapes, run_checks
from izagraph.load.triples import Triples
from izagraph.load.validate import _terms_fine, term_problems
from izagraph.namespaces import SKOS, XSD
from izagraph.queries import Query
from izagraph.snapshot import Snapshot, _solutions
from izagraph.store import build_store, memory_store, require_store
from izagraph.vocab import ontology_nt, shapes_graph

from .conftest import MINI
from .test_shacl_sparql import CASES

E = "https://example.org/"
HARD = [Literal("tab\there"), Literal("regel\nnieuwe regel\r\n"), Literal('aanhalingsteken " en \\ backslash'),
        Literal("Zoë, Ærø, 北京, 🙂"), Literal("naam", lang="nl"), Literal("name", lang="en-GB"),
        Literal("12", datatype=XSD.integer), Literal("-3", datatype=XSD.integer), Literal("2.50", datatype=XSD.decimal),
        Literal("1e3", datatype=XSD.double), Literal("true", datatype=XSD.boolean),
        Literal("2024-03", datatype=XSD.gYearMonth), Literal("https://x.org/a b", datatype=XSD.anyURI),
        Literal(""), Literal("\t"), URIRef(E + "ö/ä"), BNode("b1")]


class _TermByTerm:
    """A backend that is not Oxigraph to the snapshot: its rows come term by term (``backend.rows``)."""

    name = "other"

    def __init__(self, backend):
        self._backend = backend

    def rows(self, query, params):
        return self._backend.rows(query, params)


def _typed(values) -> list:
    return [(type(v).__name__, v) for v in values]


def test_tsv_cells_give_the_values_of_the_terms():
    store = ox.Store()
    rows = Triples((URIRef(f"{E}s{i}"), URIRef(E + "p"), o) for i, o in enumerate(HARD))
    store.bulk_load(rows.n_triples(), format=ox.RdfFormat.N_TRIPLES)
    query = Query("t", "sparql", f"SELECT ?s ?o ?none WHERE {{ ?s <{E}p> ?o OPTIONAL {{ ?o <{E}q> ?none }} }} "
                                 "ORDER BY ?s", {})
    variables, cells, plain = _solutions(OxigraphBackend(store), query)
    other_variables, other_cells, other_plain = _solutions(_TermByTerm(OxigraphBackend(store)), query)
    assert variables == other_variables == ("s", "o", "none")
    assert len(cells) == len(other_cells) == 3 * len(HARD)
    bound = [c for c in cells if c]
    other_bound = [c for c in other_cells if c is not None]
    assert _typed(plain(bound)) == _typed(other_plain(other_bound))
    assert all(c in ("", None) for c in cells[2::3])


def test_the_snapshot_from_tsv_holds_the_rows_of_the_term_by_term_path():
    graph, _, problems = read_inputs([MINI])
    assert not problems
    for i, o in enumerate(HARD):  # hard labels on every entity the rules read
        for s in list(graph.subjects(SKOS.prefLabel, None))[i::len(HARD)]:
            graph.set((s, SKOS.prefLabel, o))
    backend = OxigraphBackend.from_graph(graph)
    fast, slow = Snapshot.build(backend), Snapshot.build(_TermByTerm(backend))
    assert fast.blocks.keys() == slow.blocks.keys()
    assert {"tab\there", "naam", 12, 2.5, True} <= set(fast.values)  # hard values got in
    for key, (variables, _) in fast.blocks.items():
        def rows(snap):
            return sorted(json.dumps([[type(v).__name__, v] for v in r.values()], ensure_ascii=False)
                          for r in snap.block_rows(key, variables))
        assert rows(fast) == rows(slow), key


def _store_content(path) -> tuple:
    data = require_store(path)
    database = ox.Store.read_only(str(data / "oxigraph"))
    snap = Snapshot.open(data / "snapshot")
    rows = {key: sorted(json.dumps(r, sort_keys=True) for r in snap.block_rows(key, variables))
            for key, (variables, _) in snap.blocks.items()}
    return (sorted((data / "graph.nt").read_text(encoding="utf-8").splitlines()),
            sorted(str(q) for q in database), rows)


def test_a_store_built_on_the_validation_store_equals_one_built_from_the_graph(tmp_path):
    dataset = load_dataset([MINI])
    assert dataset.memory is not None  # the SPARQL engine ran on it
    assert len(dataset.memory) == len(dataset.triples) + len(list(ox.parse(
        ontology_nt(), format=ox.RdfFormat.N_TRIPLES)))
    build_store(dataset.triples, tmp_path / "fast", dataset.inputs, dataset.memory)
    build_store(dataset.graph, tmp_path / "plain", dataset.inputs)
    assert _store_content(tmp_path / "fast") == _store_content(tmp_path / "plain")


def test_the_memory_store_holds_the_graph_and_the_ontology():
    dataset = load_dataset([MINI])
    store = memory_store(dataset.graph)
    assert set(store) == set(dataset.memory)


@pytest.mark.parametrize("case", sorted(CASES))
def test_checks_in_two_threads_report_what_one_thread_reports(case):
    graph, _, problems = read_inputs([MINI])
    assert not problems
    CASES[case](graph)
    store = memory_store(graph)
    shapes = shapes_graph()
    checks = batch(compile_shapes(shapes, class_closures(store, shapes)))
    one = run_checks(store, checks)
    assert one, "the case violates no shape"
    assert run_checks(store, checks, threads=2) == one


@pytest.mark.parametrize("bad", [
    (URIRef(E + "s"), URIRef(E + "p"), URIRef("https://example.org/met spatie")),
    (URIRef("https://example.org/met spatie"), URIRef(E + "p"), Literal("x")),
    (URIRef(E + "s"), URIRef(E + "p"), Literal("bel\x07")),
    (URIRef(E + "s"), URIRef(E + "p"), Literal("x", lang="abcdefghi")),
    (URIRef(E + "s"), URIRef(E + "p"), Literal("1e400", datatype=XSD.double)),
    (URIRef(E + "s"), URIRef(E + "p"), Literal("x", datatype=URIRef("https://example.org/type met spatie"))),
], ids=["object-iri", "subject-iri", "control", "language", "number", "datatype"])
def test_the_quick_term_pass_never_passes_what_the_full_pass_reports(bad):
    good = (URIRef(E + "s"), URIRef(E + "p"), Literal("goed"))
    assert _terms_fine(Triples([good])) and term_problems(Triples([good]), {}) == []
    graph = Triples([good, bad])
    assert not _terms_fine(graph)
    assert term_problems(graph, {})


def test_a_database_bulk_loaded_in_parts_holds_what_one_part_holds(tmp_path, monkeypatch):
    import izagraph.store

    dataset = load_dataset([MINI])
    build_store(dataset.triples, tmp_path / "whole", dataset.inputs, dataset.memory)
    monkeypatch.setattr(izagraph.store, "BULK_PART", 1_000)  # the mini dataset in parts
    assert len(list(izagraph.store._parts(ontology_nt(), dataset.triples.n_triples(), 1_000))) > 5
    build_store(dataset.triples, tmp_path / "parts", dataset.inputs, dataset.memory)
    assert _store_content(tmp_path / "parts") == _store_content(tmp_path / "whole")
