"""Write the graph as Turtle, JSON-LD, N-Triples, or as GraphML/GEXF (networkx) for Gephi."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from .errors import IzagraphError
from .namespaces import PREFIXES
from .network import governance_network, to_simple_graph

RDF_EXPORTS = {"turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld", "nt": "nt",
               "ntriples": "nt"}
NETWORK_EXPORTS = ("graphml", "gexf")
EXPORT_FORMATS = ("turtle", "jsonld", "nt", "graphml", "gexf")
SUFFIX_FORMAT = {".ttl": "turtle", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "nt", ".graphml": "graphml",
                 ".gexf": "gexf"}


def serialise(graph: Graph, fmt: str) -> bytes:
    """The graph in an export format, with the project's prefixes bound."""
    if fmt in RDF_EXPORTS:
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g += graph
        return g.serialize(format=RDF_EXPORTS[fmt], encoding="utf-8")
    if fmt in NETWORK_EXPORTS:
        import io

        H = to_simple_graph(governance_network(graph))
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(H, buf)
        return buf.getvalue()
    raise IzagraphError(f"onbekend exportformaat '{fmt}' (kies uit {', '.join(EXPORT_FORMATS)})")


def export(graph: Graph, fmt: str, path: Path | None) -> bytes:
    """Serialise and, when ``path`` is given, write atomically (temp file, then rename)."""
    data = serialise(graph, fmt)
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return data
