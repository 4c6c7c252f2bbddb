"""The governance graph as a networkx graph: the bridge from RDF to analytics, maps and GraphML/GEXF.

Nodes are entities (tables, organisations, gemeenten, persons, regions, programmes, themes) with a
``kind``, ``label`` and plain-text facts; edges carry a ``relation`` (membership, parent, programme,
theme, territory). Values are plain strings and numbers, so GraphML/GEXF writers accept them.
"""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, URIRef

from .namespaces import DCTERMS, IZG, OPENGOV, ORG, RDF, SCHEMA, SKOS
from .vocab import vocabulary

KIND_BY_CLASS = {IZG.Table: "table", IZG.Organisation: "organisation", IZG.Gemeente: "gemeente",
                 IZG.Person: "person", IZG.Region: "region"}


def _label(graph: Graph, node) -> str:
    value = graph.value(node, SKOS.prefLabel)
    return str(value) if value is not None else str(node).rsplit("/", 1)[-1]


def source_facts(graph: Graph, node) -> dict[str, str]:
    """The source title and whether the fact is real or illustrative."""
    v = vocabulary()
    src = graph.value(node, DCTERMS.source)
    if src is None:
        return {"source": "", "evidence": ""}
    evidence = graph.value(src, IZG.evidence)
    return {"source": str(graph.value(src, DCTERMS.title) or src),
            "evidence": v.notation(evidence) or "" if evidence is not None else ""}


def governance_network(graph: Graph, lang: str = "nl", include_regions: bool = True) -> nx.MultiDiGraph:
    """Tables, members and their context as a directed multigraph (one edge per membership)."""
    v = vocabulary()
    G = nx.MultiDiGraph()
    for cls, kind in KIND_BY_CLASS.items():
        if kind == "region" and not include_regions:
            continue
        for node in graph.subjects(RDF.type, cls):
            attrs = {"kind": kind, "label": _label(graph, node), **source_facts(graph, node)}
            sector = graph.value(node, IZG.sector)
            if sector is not None:
                attrs["sector"] = v.label(sector, lang)
            if kind == "table":
                attrs["table_kind"] = v.label(graph.value(node, IZG.tableKind), lang) if graph.value(node, IZG.tableKind) else ""
                attrs["programmes"] = "; ".join(sorted(v.notation(p) or "" for p in graph.objects(node, IZG.programme)))
                attrs["themes"] = "; ".join(sorted(v.notation(t) or "" for t in graph.objects(node, IZG.theme)))
                end = graph.value(node, SCHEMA.validThrough)
                attrs["end"] = str(end) if end is not None else ""
            if kind == "region":
                division = graph.value(node, IZG.division)
                attrs["division"] = v.notation(division) or "" if division is not None else ""
            G.add_node(str(node), **attrs)
    for m in graph.subjects(RDF.type, ORG.Membership):
        table, member = graph.value(m, ORG.organization), graph.value(m, ORG.member)
        if table is None or member is None:
            continue
        role = graph.value(m, ORG.role)
        perspective = graph.value(m, IZG.perspective) or graph.value(member, IZG.sector)
        G.add_edge(str(member), str(table), key=str(m), relation="membership",
                   role=v.notation(role) or "" if role is not None else "",
                   perspective=v.notation(perspective) or "" if perspective is not None else "",
                   on_behalf_of="; ".join(sorted(str(o) for o in graph.objects(m, OPENGOV.onBehalfOf))))
    for table in graph.subjects(RDF.type, IZG.Table):
        parent = graph.value(table, ORG.subOrganizationOf)
        if parent is not None:
            G.add_edge(str(table), str(parent), relation="parent")
        if include_regions:
            for region in graph.objects(table, DCTERMS.spatial):
                G.add_edge(str(table), str(region), relation="territory")
    return G


def to_simple_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse parallel edges (GEXF/GraphML readers in Gephi prefer simple graphs)."""
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v_, data in G.edges(data=True):
        if H.has_edge(u, v_):
            H[u][v_]["weight"] += 1
        else:
            H.add_edge(u, v_, **{k: val for k, val in data.items()}, weight=1)
    return H


__all__ = ["governance_network", "to_simple_graph", "source_facts", "URIRef"]
