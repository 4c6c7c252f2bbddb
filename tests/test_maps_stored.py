"""The network the first map after a load keeps in the store is the network the maps build from ``graph.nt``.

Same nodes, facts, edges and keys, in the same order of nodes, successors, predecessors and parallel
edges, in Dutch and English; so the same pages, byte for byte, with and without findings, on the shipped
data and on a synthetic national graph. A file the running code did not write, a missing file,
``IZAGRAPH_SNAPSHOT=off``, pseudonymised maps and data the file could not give back exactly all read
``graph.nt`` instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from izagraph.maps import Scope, resolve_scope
from izagraph.maps import stored
from izagraph.maps.site import check_marks, load_network, regions_with_maps, write_map
from izagraph.maps.stored import NETWORK_FILE, from_stored_form, read_network, stored_form, write_network
from izagraph.snapshot import SNAPSHOT_DIR
from izagraph.store import require_store

from .test_maps_parity import page, store  # noqa: F401 - the stores of the shipped data and a synthetic graph


def network_dir(store: Path) -> Path:
    return require_store(store) / SNAPSHOT_DIR


def from_graph_nt(store: Path, lang: str, monkeypatch) -> nx.MultiDiGraph:
    with monkeypatch.context() as m:
        m.setattr(stored, "read_network", lambda *args: None)
        m.setattr(stored, "keep_network", lambda *args: None)
        return load_network(store, lang)[0]


def in_order(G: nx.MultiDiGraph) -> tuple:
    """Everything of ``G`` that a map can see, in the order it sees it."""
    return (G.graph, list(G.nodes(data=True)), list(G.edges(keys=True, data=True)),
            [(n, list(G.pred[n])) for n in G], [(n, list(G.succ[n])) for n in G])


def kept_network(store: Path, lang: str = "nl") -> nx.MultiDiGraph:
    """The kept network, after a map has kept it (the first map after a load does)."""
    load_network(store, lang)
    G = read_network(network_dir(store), lang)
    assert G is not None
    return G


def test_the_first_map_keeps_the_network_and_the_next_reads_it(store, monkeypatch):
    (network_dir(store) / NETWORK_FILE).unlink(missing_ok=True)
    first = load_network(store, "nl")[0]  # built from graph.nt, kept (the file written by a forked process)
    stored.wait_until_kept()
    assert (network_dir(store) / NETWORK_FILE).is_file()
    with monkeypatch.context() as m:
        m.setattr(stored, "keep_network", lambda *args: pytest.fail("the kept file is read, not built again"))
        assert in_order(load_network(store, "nl")[0]) == in_order(first)


def test_a_store_that_cannot_be_written_still_gives_the_same_map(store, tmp_path, monkeypatch):
    from izagraph.store import GRAPH_FILE

    def refuse(*args):
        raise PermissionError("read-only store")

    monkeypatch.setattr(stored, "_write_atomic", refuse)
    G = stored.keep_network(require_store(store) / GRAPH_FILE, tmp_path / "nowhere", "en")
    assert not (tmp_path / "nowhere" / NETWORK_FILE).exists()
    assert in_order(G) == in_order(from_graph_nt(store, "en", monkeypatch))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_stored_network_is_the_network_from_graph_nt(store, lang, monkeypatch):
    kept = kept_network(store, lang)
    assert kept is not None
    assert in_order(kept) == in_order(from_graph_nt(store, lang, monkeypatch))
    assert load_network(store, lang)[0].graph == kept.graph  # what the maps read


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_national_and_region_pages_are_the_same(store, lang, monkeypatch):
    marks = check_marks(store, lang)
    kept, built = kept_network(store, lang), from_graph_nt(store, lang, monkeypatch)
    region = resolve_scope(kept, "region", regions_with_maps(kept)[0].rsplit("/", 1)[-1])
    for scope in (Scope("national"), region):
        for shown in (marks, []):
            assert page(kept, scope, shown) == page(built, scope, shown)


@pytest.mark.parametrize("findings", [False, True])
def test_written_map_is_the_same_file(store, findings, tmp_path, monkeypatch):
    write_map(store, tmp_path / "kept.html", findings=findings, lang="en", today="2025-06-01")
    monkeypatch.setenv("IZAGRAPH_SNAPSHOT", "off")  # (the rules read their facts live: the same findings)
    assert read_network(network_dir(store)) is None
    write_map(store, tmp_path / "built.html", findings=findings, lang="en", today="2025-06-01")
    assert (tmp_path / "kept.html").read_bytes() == (tmp_path / "built.html").read_bytes()


def test_a_file_of_other_code_or_none_is_not_read(store, tmp_path, monkeypatch):
    kept_network(store)
    data = json.loads((network_dir(store) / NETWORK_FILE).read_text(encoding="utf-8"))
    other = tmp_path / "other"
    other.mkdir()
    (other / NETWORK_FILE).write_text(json.dumps({**data, "key": "an older izagraph"}), encoding="utf-8")
    assert read_network(other) is None
    assert read_network(tmp_path / "none") is None
    monkeypatch.setattr(stored, "read_network", lambda *args: pytest.fail("pseudonymised maps rename persons"))
    load_network(store, pseudonymise=True)


def test_order_of_predecessors_and_parallel_edges_survives():
    G = nx.MultiDiGraph(sources={"s": {"url": ""}})
    G.add_node("a", kind="table")
    G.add_node("b", kind="organisation")
    G.add_edge("b", "c", key="m2", relation="membership")  # c's predecessors: b before a, unlike a's node order
    G.add_edge("a", "c", key="m1", relation="membership")
    G.add_edge("a", "c", relation="parent")
    G.add_edge("a", "b")
    G.add_node("lonely")
    H = from_stored_form(json.loads(json.dumps(stored_form(G))))
    assert in_order(H) == in_order(G)
    assert H.succ["a"]["c"]["m1"] is H.pred["c"]["a"]["m1"]  # one dict per edge, as add_edge makes it
    H.add_edge("a", "c", relation="later")  # and the graph goes on working as a graph
    assert H.number_of_edges("a", "c") == 3 and list(H.predecessors("c")) == ["b", "a"]


IZG = "https://w3id.org/izagraph/def#"


def test_no_file_when_a_concept_is_not_an_iri(tmp_path):
    graph = tmp_path / "graph.nt"
    graph.write_text(f'<https://x.org/o> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{IZG}Organisation> .\n'
                     f'<https://x.org/o> <{IZG}sector> "zorg" .\n', encoding="utf-8")
    assert write_network(graph, tmp_path / "out") is False
    assert not (tmp_path / "out" / NETWORK_FILE).exists()


def test_another_process_reads_the_file(store):
    """The key is the same in every process (no hash seed or object identity in it)."""
    import subprocess
    import sys

    kept_network(store)
    code = ("import sys; from izagraph.maps.stored import read_network; "
            f"sys.exit(read_network({str(network_dir(store))!r}) is None)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# -- the layout of a big map, kept for the next map of the same structure ------------------------------

@pytest.fixture
def big(store, monkeypatch):
    """Maps above 10 nodes count as big here (the stores' maps are tens to hundreds of nodes)."""
    from izagraph.maps import build

    monkeypatch.setattr(build, "LARGE", 10)
    (network_dir(store) / stored.LAYOUT_FILE).unlink(missing_ok=True)
    return store


def test_a_big_map_keeps_its_layout_and_the_next_map_of_the_same_structure_reads_it(big, tmp_path, monkeypatch):
    from izagraph.maps import build

    first = write_map(big, tmp_path / "first.html", today="2025-06-01")
    assert (network_dir(big) / stored.LAYOUT_FILE).is_file()
    monkeypatch.setattr(build, "_layout", lambda *args: pytest.fail("the kept layout is read, not made again"))
    again = write_map(big, tmp_path / "again.html", today="2025-06-01")
    assert again.path.read_bytes() == first.path.read_bytes()
    write_map(big, tmp_path / "findings.html", findings=True, lang="en", today="2025-06-01")  # same structure


def test_a_kept_layout_of_another_structure_is_not_used(big, tmp_path, monkeypatch):
    earlier = write_map(big, tmp_path / "fresh.html", as_of="2023-01-01")  # laid out, kept
    kept = (network_dir(big) / stored.LAYOUT_FILE).read_text(encoding="utf-8")
    write_map(big, tmp_path / "national.html")  # another structure: laid out, kept instead
    assert (network_dir(big) / stored.LAYOUT_FILE).read_text(encoding="utf-8") != kept
    again = write_map(big, tmp_path / "again.html", as_of="2023-01-01")
    assert again.path.read_bytes() == earlier.path.read_bytes()


def test_a_store_that_cannot_be_written_gives_the_same_big_map(big, tmp_path, monkeypatch):
    kept = write_map(big, tmp_path / "kept.html")
    (network_dir(big) / stored.LAYOUT_FILE).unlink()

    def refuse(*args):
        raise PermissionError("read-only store")

    monkeypatch.setattr(stored, "_write_atomic", refuse)
    assert write_map(big, tmp_path / "refused.html").path.read_bytes() == kept.path.read_bytes()
    assert not (network_dir(big) / stored.LAYOUT_FILE).exists()


@pytest.mark.parametrize("content", [
    "not json", "[]", '{"format": 0, "key": "k", "spacing": 80, "positions": [[1, 2]]}',
    '{"format": %d, "key": "other", "spacing": 80, "positions": [[1, 2]]}' % stored.FORMAT,
    '{"format": %d, "key": "k", "spacing": "80", "positions": [[1, 2]]}' % stored.FORMAT,
    '{"format": %d, "key": "k", "spacing": 80, "positions": [[1, "2"]]}' % stored.FORMAT,
    '{"format": %d, "key": "k", "spacing": 80, "positions": [[1, 2, 3]]}' % stored.FORMAT,
])
def test_a_layout_file_not_of_this_key_and_form_is_not_read(tmp_path, content):
    (tmp_path / stored.LAYOUT_FILE).write_text(content, encoding="utf-8")
    assert stored.read_layout(tmp_path, "k") is None
    stored.keep_layout(tmp_path, "k", [(1, 2)], 80.0)
    assert stored.read_layout(tmp_path, "k") == ([(1, 2)], 80.0)
