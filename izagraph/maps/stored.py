"""The maps' network, built once (by the first map after a load) and read back in a tenth of the time.

Every network map starts from the same graph: :func:`izagraph.network.governance_network` with its context,
plus the facts only the maps show (:func:`map_facts`). Reading ``graph.nt`` and building that graph took
about 2 CPU s of the national map's 5 at S = 1; it is now built once per load, with concept IRIs in place of
the few labels that depend on the language (:func:`izagraph.network.network_with_labels`), and writes it
beside the snapshot as JSON in networkx's own order: nodes, each node's successors with their edge keys,
and each node's predecessors. A map reads that file (about 0.2 s at S = 1), puts the graph back together
with the same order of nodes, successors, predecessors and parallel edges (so everything computed from it,
down to the page's bytes, is the same: ``tests/test_maps_stored.py``) and writes the labels in its language.

The file is used only when it is certain to give the same graph, otherwise the map reads ``graph.nt`` as
before: when the data held something JSON would not give back unchanged (then no file is written),
when the code or the vocabulary that built it differs from what runs now (:func:`code_key`), for
pseudonymised maps (their persons are renamed from the triples), and with ``IZAGRAPH_SNAPSHOT=off``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import secrets
from functools import lru_cache
from pathlib import Path

import msgspec
import networkx as nx

FORMAT = 1
NETWORK_FILE = "network.json"
LAYOUT_FILE = "layout.json"  # the positions of the last big map made (see keep_layout)


def map_facts(G: nx.MultiDiGraph, graph) -> None:
    """Facts the maps show beyond the governance network: a table's meetings per year, alternative
    names (``skos:altLabel``, e.g. abbreviations from the ``aliases`` column) and each source's address
    and confidence (in ``G.graph["sources"]``, keyed by the source title the nodes carry)."""
    from rdflib import URIRef

    from ..namespaces import DCTERMS, IZG, RDF, SCHEMA, SKOS
    from ..network import _notation

    for n, a in G.nodes(data=True):
        node = URIRef(n)
        if a.get("kind") == "table":
            meetings = graph.value(node, IZG.meetingsPerYear)
            a["meetings"] = str(meetings) if meetings is not None else ""
        aliases = sorted(str(v) for v in graph.objects(node, SKOS.altLabel))
        if aliases:
            a["aliases"] = "; ".join(aliases)
    sources = {}
    for src in graph.subjects(RDF.type, IZG.Source):
        title = str(graph.value(src, DCTERMS.title) or src)
        confidence = graph.value(src, IZG.confidence)
        sources[title] = {"url": str(graph.value(src, SCHEMA.url) or ""),
                          "confidence": (_notation(confidence) or "") if confidence is not None else ""}
    G.graph["sources"] = sources


@lru_cache(maxsize=None)
def code_key() -> str:
    """A hash of what decides the stored network: the modules that build it (this one, the network, the
    reader of ``graph.nt``), the ontology (notations and labels) and the networkx version (whose
    adjacency dicts the file mirrors). Another izagraph reads ``graph.nt`` instead of a file it did not write."""
    from .. import network
    from ..resources import ONTOLOGY_DIR
    from . import triples

    digest = hashlib.sha256(f"{FORMAT} {nx.__version__}".encode())
    for path in [Path(__file__), Path(network.__file__), Path(triples.__file__), *sorted(ONTOLOGY_DIR.glob("*.ttl"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _NotStorable(Exception):
    """A concept that is not an IRI: its label cannot be looked up later from text alone."""


def _concept(term) -> str:
    from rdflib import URIRef

    if type(term) is not URIRef or not str(term):
        raise _NotStorable(term)
    return str(term)


def stored_form(G: nx.MultiDiGraph) -> dict:
    """``G`` as plain data in networkx's own order (nodes; successors with their keyed edges; the order of
    predecessors), the inverse of :func:`from_stored_form`."""
    return {"format": FORMAT, "key": code_key(), "graph": G.graph,
            "nodes": [[n, a] for n, a in G._node.items()],
            "succ": [[u, [[v, [[k, d] for k, d in keyed.items()]] for v, keyed in nbrs.items()]]
                     for u, nbrs in G._succ.items() if nbrs],
            "pred": [[v, list(nbrs)] for v, nbrs in G._pred.items() if nbrs]}


def from_stored_form(data: dict) -> nx.MultiDiGraph:
    """The graph of :func:`stored_form`, with the same order of nodes, successors, predecessors and
    parallel edges, and one edge dict shared by both directions (as ``add_edge`` makes it)."""
    G = nx.MultiDiGraph()
    G.graph.update(data["graph"])
    node = dict(data["nodes"])
    succ = {n: {} for n in node}
    pred = {n: {} for n in node}
    for u, nbrs in data["succ"]:
        succ[u] = {v: dict(keyed) for v, keyed in nbrs}
    for v, nbrs in data["pred"]:
        pred[v] = {u: succ[u][v] for u in nbrs}
    G._node, G._succ, G._pred = node, succ, pred
    G._adj = succ
    return G


def _plain(value) -> bool:
    """Whether JSON gives ``value`` back as it is: ``str`` (not a subclass such as ``URIRef``), ``int``,
    ``bool``, a finite ``float``, ``None``, and lists and ``str``-keyed dicts of those (a tuple would come
    back as a list, an ``int`` key as a string, a ``URIRef`` as a ``str``).

    >>> _plain({"a": [1, 2.5, "x", None, True]}), _plain({"a": (1,)}), _plain({1: "a"}), _plain(float("nan"))
    (True, False, False, False)
    """
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return True
    if t is float:
        return math.isfinite(value)
    if t is list:
        return all(map(_plain, value))
    if t is dict:
        return all(type(k) is str for k in value) and all(map(_plain, value.values()))
    return False


def _network(graph_file: Path) -> nx.MultiDiGraph | None:
    """The maps' network built from ``graph_file`` with concept IRIs as labels (see the module docstring), or
    None when a concept is not an IRI (its label could not be looked up from the file's text)."""
    from ..network import network_with_labels
    from ..perf import without_cyclic_gc
    from .triples import TripleIndex, parse_file

    with without_cyclic_gc():  # (with it on: 0.9-1 CPU s more at S = 1)
        graph = TripleIndex(parse_file(graph_file))
        try:
            G = network_with_labels(graph, _concept, include_regions=True, context=True)
        except _NotStorable:
            return None
        map_facts(G, graph)
    return G


def _storable_text(G: nx.MultiDiGraph) -> bytes | None:
    """``G`` (:func:`_network`) as the file's JSON (UTF-8), or None when it holds a value the file would not
    give back exactly (a value JSON changes or cannot hold: :func:`_plain`). Written by msgspec: 0.3 s of
    ``json.dumps`` at S = 1 down to 0.1 s."""
    data = stored_form(G)
    if not (_plain(data["graph"]) and all(type(n) is str and _plain(a) for n, a in data["nodes"])
            and all(type(k) in (str, int) and _plain(d) for _, nbrs in data["succ"] for _, keyed in nbrs for k, d in keyed)):
        return None
    return msgspec.json.encode(data)


def write_network(graph_file: Path, directory: Path) -> bool:
    """Build the maps' network from ``graph_file`` (N-Triples, as the store keeps it) and write it to
    ``directory``. Returns False, writing nothing, when the data holds a value the file would not give
    back exactly (see :func:`_storable_text`)."""
    G = _network(Path(graph_file))
    text = None if G is None else _storable_text(G)
    if text is None:
        return False
    _write_atomic(Path(directory), text)
    return True


def _write_atomic(directory: Path, text: str | bytes, name: str = NETWORK_FILE) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{name}.{secrets.token_hex(4)}"
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, directory / name)  # readers see the old file or the whole new one
    finally:
        tmp.unlink(missing_ok=True)


def read_layout(directory: Path, key: str) -> tuple[list[tuple[int, int]], float] | None:
    """The positions (by node number) and node distance a big map kept with :func:`keep_layout` under
    ``key`` (see :func:`izagraph.maps.build.layout_key`), or None: no such file, another key (another
    structure, or other layout code), a file not in that form, or ``IZAGRAPH_SNAPSHOT`` off."""
    if _snapshot_off():
        return None
    try:
        data = json.loads((Path(directory) / LAYOUT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    positions, spacing = data.get("positions"), data.get("spacing")
    if not (isinstance(positions, list) and isinstance(spacing, (int, float))
            and all(isinstance(p, list) and len(p) == 2 and all(type(c) is int for c in p) for p in positions)):
        return None
    return [(x, y) for x, y in positions], float(spacing)


def keep_layout(directory: Path, key: str, positions: list[tuple[int, int]], spacing: float) -> None:
    """Keep a big map's layout for the next map of the same structure (one file: the last one made); a
    read-only store keeps nothing."""
    if _snapshot_off():
        return
    text = json.dumps({"format": FORMAT, "key": key, "spacing": spacing, "positions": positions},
                      separators=(",", ":"))
    try:
        _write_atomic(Path(directory), text, LAYOUT_FILE)
    except OSError:
        pass


def keep_network(graph_file: Path, directory: Path, lang: str = "nl") -> nx.MultiDiGraph | None:
    """The maps' network built from ``graph_file``, kept in ``directory`` for the next map when the store
    can be written (a read-only store is fine: nothing is kept). The graph returned is the one
    :func:`read_network` will give from the kept file, so the first map and the later ones are the same.
    None when a concept is not an IRI or ``IZAGRAPH_SNAPSHOT`` is off (then build from ``graph.nt``), and,
    where there is no ``fork``, when a value could not be kept exactly; with ``fork`` such a value only
    keeps the file from being written (the graph in hand is the network either way: it differs from
    :func:`izagraph.network.governance_network` only in how concept labels are made, which
    :func:`izagraph.network.label_concepts` puts right).

    The load does not build it: at S = 1 that is 2-3 s more on every load for about 1 s less on each map;
    the first map after a load pays it instead. The file is written by a forked process while this one
    draws the map (about 0.4 s less for that first map at S = 1; the program waits for it before it ends).
    """
    from ..network import label_concepts

    if _snapshot_off():
        return None
    G = _network(Path(graph_file))
    if G is None:
        return None
    if _keeps(G, Path(directory)) is False:
        return None
    # the file holds G in networkx's own order and gives back equal values of the same types (_plain): the
    # graph in hand is the one read_network will give (tests/test_maps_stored.py)
    return label_concepts(G, lang)


def _keeps(G: nx.MultiDiGraph, directory: Path) -> bool | None:
    """Write ``G``'s file into ``directory`` in a forked process (not a daemon: the program waits for it at
    its end) and return None; where there is no ``fork``, write it here and return whether it could be
    kept (False: a value the file would not give back exactly). A store that cannot be written keeps
    nothing."""
    import multiprocessing as mp

    if "fork" in mp.get_all_start_methods():
        writer = mp.get_context("fork").Process(target=_write_network_file, args=(G, directory), daemon=False)
        writer.start()
        _WRITING.append(writer)
        return None
    return _write_network_file(G, directory)


_WRITING: list = []  # this process's network files still being written (see _keeps)


def wait_until_kept() -> None:
    """Wait for this process's network files being written: a read after a keep sees the file."""
    while _WRITING:
        _WRITING.pop().join()


def _write_network_file(G: nx.MultiDiGraph, directory: Path) -> bool:
    text = _storable_text(G)
    if text is None:
        return False
    try:
        _write_atomic(directory, text)
    except OSError:
        pass
    return True


def _decode(text: str | bytes):
    """The stored network's JSON as Python data, the same values as ``json.loads`` gives: msgspec's
    decoder takes about half the time on the 22 MB of the national network at S = 1."""
    return msgspec.json.decode(text)


def _snapshot_off() -> bool:
    return os.environ.get("IZAGRAPH_SNAPSHOT", "").lower() in ("0", "off", "no", "false")


def read_network(directory: Path, lang: str = "nl") -> nx.MultiDiGraph | None:
    """The network :func:`write_network` wrote in ``directory``, with its concept labels in ``lang``: the
    graph :func:`izagraph.maps.site.load_network` would build from ``graph.nt``. None when there is no
    such file, it was written by other code (:func:`code_key`), or ``IZAGRAPH_SNAPSHOT`` is off."""
    from ..network import label_concepts

    if _snapshot_off():
        return None
    wait_until_kept()
    path = Path(directory) / NETWORK_FILE
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    data = _decode(raw)
    if data.get("format") != FORMAT or data.get("key") != code_key():
        return None
    return label_concepts(from_stored_form(data), lang)


__all__ = ["map_facts", "write_network", "keep_network", "wait_until_kept", "read_network", "stored_form", "from_stored_form", "code_key",
           "NETWORK_FILE", "LAYOUT_FILE", "read_layout", "keep_layout"]
