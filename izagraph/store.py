"""The persistent store that ``izagraph load`` builds and later commands reuse.

A store is a folder: ``graph.nt`` (the data, canonical N-Triples), ``oxigraph/`` (an embedded Oxigraph
database holding the data plus the ontology, for SPARQL) and ``meta.json``. A new store is built beside
the old one and swapped in only when complete, so a failed load never leaves a half-written store.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import StoreNotFound
from .vocab import ontology_graph

GRAPH_FILE = "graph.nt"
OXIGRAPH_DIR = "oxigraph"
META_FILE = "meta.json"


@dataclass(frozen=True)
class StoreInfo:
    path: Path
    triples: int
    inputs: list[str]
    loaded_at: str


def _to_oxigraph(graph: Graph, directory: Path | None):
    import pyoxigraph as ox

    store = ox.Store(str(directory)) if directory is not None else ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(ontology_graph().serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.optimize() if directory is not None else None
    return store


def build_store(graph: Graph, path: Path, inputs: list[str]) -> StoreInfo:
    """Write ``graph`` as the store at ``path``, replacing any previous store atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    try:
        (staging / GRAPH_FILE).write_bytes(graph.serialize(format="nt", encoding="utf-8"))
        store = _to_oxigraph(graph, staging / OXIGRAPH_DIR)
        del store  # close the database before moving it
        info = StoreInfo(path, len(graph), [str(i) for i in inputs],
                         dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        (staging / META_FILE).write_text(json.dumps(
            {"triples": info.triples, "inputs": info.inputs, "loaded_at": info.loaded_at}, indent=2))
        old = path.with_name(f".{path.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if path.exists():
            path.rename(old)
        staging.rename(path)
        shutil.rmtree(old, ignore_errors=True)
        return info
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def require_store(path: Path) -> Path:
    path = Path(path)
    if not (path / GRAPH_FILE).exists():
        raise StoreNotFound(f"geen store in {path}: voer eerst 'izagraph load' uit (of geef --store)")
    return path


def store_info(path: Path) -> StoreInfo:
    path = require_store(path)
    meta = json.loads((path / META_FILE).read_text())
    return StoreInfo(path, meta["triples"], meta["inputs"], meta["loaded_at"])


def read_graph(path: Path) -> Graph:
    """The store's data as an rdflib graph (without the ontology)."""
    g = Graph()
    g.parse(require_store(path) / GRAPH_FILE, format="nt")
    return g


def open_oxigraph(path: Path):
    """The store's Oxigraph database, read-only (several commands may read at once)."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(require_store(path) / OXIGRAPH_DIR))
