"""The governance graph as a networkx graph: the bridge from RDF to analytics, maps and GraphML/GEXF.

Nodes are entities (tables, organisations, gemeenten, persons, regions, programmes, themes) with a
``kind``, ``label`` and plain-text facts; edges carry a ``relation`` (membership, parent, programme,
theme, territory). Values are plain strings and numbers, so GraphML/GEXF writers accept them.

With ``context=True`` (what the maps use) the graph also holds programme and theme nodes with
``programme``/``theme`` edges from their tables, a table's explicit gemeenten as ``territory`` edges,
region composition (``contains``: region -> gemeente) and region hierarchy (``part_of``), plus a few
more facts per node (level, codes, status) and the source of each membership.
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx
from rdflib import Graph, URIRef

from .namespaces import DCTERMS, IZG, OPENGOV, ORG, RDF, SCHEMA, SKOS
from .vocab import vocabulary

KIND_BY_CLASS = {IZG.Table: "table", IZG.Organisation: "organisation", IZG.Gemeente: "gemeente",
                 IZG.Person: "person", IZG.Region: "region",
                 IZG.OfficeHolders: "organisation"}  # a seat of unnamed office holders: drawn as a party


@lru_cache(maxsize=None)
def _notation(iri) -> str | None:
    """The concept's notation (memoised: the ontology does not change while we run)."""
    return vocabulary().notation(iri)


@lru_cache(maxsize=None)
def _vlabel(iri, lang: str) -> str:
    return vocabulary().label(iri, lang)


def _label(graph: Graph, node) -> str:
    value = graph.value(node, SKOS.prefLabel)
    return str(value) if value is not None else str(node).rsplit("/", 1)[-1]


def source_facts(graph: Graph, node) -> dict[str, str]:
    """The source title and whether the fact is real or illustrative."""
    src = graph.value(node, DCTERMS.source)
    if src is None:
        return {"source": "", "evidence": ""}
    evidence = graph.value(src, IZG.evidence)
    return {"source": str(graph.value(src, DCTERMS.title) or src),
            "evidence": _notation(evidence) or "" if evidence is not None else ""}


def governance_network(graph: Graph, lang: str = "nl", include_regions: bool = True,
                       context: bool = False) -> nx.MultiDiGraph:
    """Tables, members and their context as a directed multigraph (one edge per membership).

    ``context=True`` adds programme and theme nodes, gemeente coverage, region composition and
    hierarchy (see the module docstring); the default graph is unchanged by it.
    """
    G = nx.MultiDiGraph()
    for cls, kind in KIND_BY_CLASS.items():
        if kind == "region" and not include_regions:
            continue
        for node in graph.subjects(RDF.type, cls):
            attrs = {"kind": kind, "label": _label(graph, node), **source_facts(graph, node)}
            sector = graph.value(node, IZG.sector)
            if sector is not None:
                attrs["sector"] = _vlabel(sector, lang)
            if kind == "table":
                attrs["table_kind"] = _vlabel(graph.value(node, IZG.tableKind), lang) if graph.value(node, IZG.tableKind) else ""
                attrs["programmes"] = "; ".join(sorted(_notation(p) or "" for p in graph.objects(node, IZG.programme)))
                attrs["themes"] = "; ".join(sorted(_notation(t) or "" for t in graph.objects(node, IZG.theme)))
                end = graph.value(node, SCHEMA.validThrough)
                attrs["end"] = str(end) if end is not None else ""
            if kind == "region":
                division = graph.value(node, IZG.division)
                attrs["division"] = _notation(division) or "" if division is not None else ""
            G.add_node(str(node), **attrs)
    for m in graph.subjects(RDF.type, ORG.Membership):
        table, member = graph.value(m, ORG.organization), graph.value(m, ORG.member)
        if table is None or member is None:
            continue
        role = graph.value(m, ORG.role)
        perspective = graph.value(m, IZG.perspective) or graph.value(member, IZG.sector)
        G.add_edge(str(member), str(table), key=str(m), relation="membership",
                   role=_notation(role) or "" if role is not None else "",
                   perspective=_notation(perspective) or "" if perspective is not None else "",
                   on_behalf_of="; ".join(sorted(str(o) for o in graph.objects(m, OPENGOV.onBehalfOf))),
                   **(_membership_facts(graph, m) if context else {}))
    for table in graph.subjects(RDF.type, IZG.Table):
        parent = graph.value(table, ORG.subOrganizationOf)
        if parent is not None:
            G.add_edge(str(table), str(parent), relation="parent")
        if include_regions:
            for region in graph.objects(table, DCTERMS.spatial):
                G.add_edge(str(table), str(region), relation="territory")
    if context:
        _add_context(G, graph, lang, include_regions)
    return G


def _text(value) -> str:
    return "" if value is None else str(value)


def _membership_facts(graph: Graph, m) -> dict[str, str]:
    return {**source_facts(graph, m), "start": _text(graph.value(m, SCHEMA.validFrom)),
            "end": _text(graph.value(m, SCHEMA.validThrough))}


def _add_context(G: nx.MultiDiGraph, graph: Graph, lang: str, include_regions: bool) -> None:
    """Programme and theme nodes, gemeente coverage, region composition and hierarchy (pure)."""
    concept_kind = {IZG.programme: "programme", IZG.theme: "theme"}
    for table in graph.subjects(RDF.type, IZG.Table):
        t = str(table)
        if t not in G:
            continue
        G.nodes[t]["level"] = _notation(graph.value(table, IZG.level)) or "" if graph.value(table, IZG.level) else ""
        G.nodes[t]["start"] = _text(graph.value(table, SCHEMA.validFrom))
        G.nodes[t]["regional_structure"] = bool(graph.value(table, IZG.regionalStructure))
        for prop, kind in concept_kind.items():
            for c in graph.objects(table, prop):
                if str(c) not in G:
                    G.add_node(str(c), kind=kind, label=_vlabel(c, lang), notation=_notation(c) or "",
                               source="", evidence="")
                G.add_edge(t, str(c), relation=kind)
        for gm in graph.objects(table, IZG.coversGemeente):
            G.add_edge(t, str(gm), relation="territory")
    for gm in graph.subjects(RDF.type, IZG.Gemeente):
        if str(gm) in G:
            G.nodes[str(gm)]["code"] = _text(graph.value(gm, IZG.cbsCode))
    if not include_regions:
        return
    for region in graph.subjects(RDF.type, IZG.Region):
        r = str(region)
        status = graph.value(region, IZG.compositionStatus)
        G.nodes[r]["code"] = _text(graph.value(region, IZG.regionCode))
        G.nodes[r]["status"] = _notation(status) or "" if status is not None else ""
        for gm in graph.objects(region, IZG.hasGemeente):
            G.add_edge(r, str(gm), relation="contains")
        for parent in graph.objects(region, IZG.partOfRegion):
            G.add_edge(r, str(parent), relation="part_of")


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
