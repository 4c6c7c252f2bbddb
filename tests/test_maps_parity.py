"""The map read the fast way is the map read the reference way, byte for byte.

``izagraph map`` reads ``graph.nt`` line by line into a :class:`~izagraph.maps.triples.TripleIndex`
(pyoxigraph only for lines not in canonical form) and walks the network's edges straight from networkx's
adjacency dicts. The reference is rdflib's own N-Triples parser (``store.read_graph``) feeding the same
network code. Both must give the same page — nodes, edges, tooltips, findings, provenance, escaping,
positions — on the shipped data and on a small synthetic national graph, with findings drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef

from izagraph.load import load_dataset
from izagraph.maps import Scope, network_map, resolve_scope
from izagraph.maps.html import network_html
from izagraph.maps.site import (_links, check_marks, load_network, map_facts, own_marks, programmes_with_maps,
                                regions_with_maps)
from izagraph.maps.triples import TripleIndex, parse_file, read_index
from izagraph.network import governance_network
from izagraph.store import build_store, read_graph

from .conftest import ROOT

SHIPPED = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]


@pytest.fixture(scope="module", params=["shipped", "synthetic"])
def store(request, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "shipped":
        if not all((p / "tables.csv").exists() for p in SHIPPED):
            pytest.skip("shipped data missing")
        folders = SHIPPED
    else:
        from izagraph.synthetic import generate

        folders = [generate(tmp / "data", scale=0.05, seed=3)]
    path = tmp / "store"
    build_store(load_dataset(folders).graph, path, [str(f) for f in folders])
    return path


@pytest.fixture(scope="module")
def marks(store):
    return check_marks(store)


def reference_network(store: Path):
    graph = read_graph(store)  # rdflib's parser
    G = governance_network(graph, context=True)
    map_facts(G, graph)
    return G


def page(G, scope: Scope, marks) -> str:
    links = _links(G, regions_with_maps(G), programmes_with_maps(G))
    spec = network_map(G, scope, marks=own_marks(marks, G), today="2025-06-01",
                       links={n: f for n, f in links.items() if n != scope.node})
    return network_html(spec)


def test_the_fast_reader_gives_the_triples_of_rdflib(store):
    assert set(read_index(store)) == set(read_graph(store))


def test_national_map_with_findings_is_the_same_page(store, marks):
    fast, slow = load_network(store)[0], reference_network(store)
    assert marks, "the parity must cover findings drawn on the map"
    assert page(fast, Scope("national"), marks) == page(slow, Scope("national"), marks)


def test_region_map_is_the_same_page(store, marks):
    fast, slow = load_network(store)[0], reference_network(store)
    region = regions_with_maps(fast)[0]
    scope = resolve_scope(fast, "region", region.rsplit("/", 1)[-1])
    assert page(fast, scope, marks) == page(slow, scope, marks)


HAND_MADE = r"""# a comment line
<https://x.org/s> <https://x.org/p> "plain" .
<https://x.org/s> <https://x.org/p> "with \"quotes\", a tab\t, a newline\n and \\ é \u00e9 \U0001F600" .
<https://x.org/s> <https://x.org/p> "ends with a quote\"" .
<https://x.org/s> <https://x.org/p> "a > b . <c> \"d\"" .
<https://x.org/s> <https://x.org/p> "Den Haag"@nl .
<https://x.org/s> <https://x.org/p> "Den Haag"@nl-NL .
<https://x.org/s> <https://x.org/p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://x.org/s> <https://x.org/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<https://x.org/s> <https://x.org/p> ""^^<http://www.w3.org/2001/XMLSchema#string> .
<https://x.org/s> <https://x.org/p> "" .
<https://x.org/s> <https://x.org/p> <https://x.org/o> .
<https://x.org/s\u0041> <https://x.org/p> <https://x.org/o\u0042> .
_:b1 <https://x.org/p> _:b2 .
<https://x.org/s>   <https://x.org/p>	"extra spaces" .
<https://x.org/s> <https://x.org/p> "no space before the dot".
<https://x.org/s> <https://x.org/p> "trailing comment" . # here

"""


def plain(o):
    """RDF 1.1: a literal typed xsd:string is the plain literal (pyoxigraph reads it so; rdflib keeps the type)."""
    return Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o


def test_the_fast_reader_reads_any_n_triples_as_rdflib_does(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_text(HAND_MADE, encoding="utf-8")
    reference = Graph().parse(path, format="nt")
    read = list(parse_file(path))
    assert len(read) == len(reference) == 16
    named = {t for t in read if not any(isinstance(x, BNode) for x in t)}
    assert named == {(s, p, plain(o)) for s, p, o in reference if not any(isinstance(x, BNode) for x in (s, o))}
    assert (URIRef("https://x.org/sA"), URIRef("https://x.org/p"), URIRef("https://x.org/oB")) in named
    assert (URIRef("https://x.org/s"), URIRef("https://x.org/p"), Literal("Den Haag", lang="nl")) in named
    blank = [t for t in read if isinstance(t[0], BNode)]
    assert len(blank) == 1 and isinstance(blank[0][2], BNode)


def test_index_look_ups_take_any_equal_term():
    s, p, o = URIRef("https://x.org/s"), URIRef("https://x.org/p"), Literal("v")
    idx = TripleIndex([(s, p, o)])
    assert idx.value(URIRef(str(s)), URIRef(str(p))) == o
    assert list(idx.subjects(URIRef(str(p)), Literal("v"))) == [s]
    assert list(idx) == [(s, p, o)] and len(idx) == 1


def test_overview_is_the_same_on_every_run(store, tmp_path):
    """Ties among a region's programmes are listed in one order, whatever Python's string hashing."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"overview-{seed}.html"
        subprocess.run([sys.executable, "-m", "izagraph", "--store", str(store), "map", "--overview", "-o", str(out)],
                       check=True, capture_output=True, env=dict(os.environ, PYTHONHASHSEED=seed))
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
