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

# The terms read for every node and membership, bound once: a namespace attribute (``IZG.sector``) builds a
# new URIRef on each access, which cost a third of this module's time on the national graph (275,000 accesses).
_TYPE, _PREF_LABEL, _SOURCE, _TITLE, _EVIDENCE = RDF.type, SKOS.prefLabel, DCTERMS.source, DCTERMS.title, IZG.evidence
_SECTOR, _TABLE_KIND, _PROGRAMME, _THEME, _DIVISION = IZG.sector, IZG.tableKind, IZG.programme, IZG.theme, IZG.division
_VALID_FROM, _VALID_THROUGH, _SPATIAL, _PARENT = SCHEMA.validFrom, SCHEMA.validThrough, DCTERMS.spatial, ORG.subOrganizationOf
_MEMBERSHIP, _ORGANIZATION, _MEMBER, _ROLE, _PERSPECTIVE, _ON_BEHALF_OF = (
    ORG.Membership, ORG.organization, ORG.member, ORG.role, IZG.perspective, OPENGOV.onBehalfOf)
_TABLE, _GEMEENTE, _REGION, _LEVEL, _REGIONAL, _COVERS, _CBS = (
    IZG.Table, IZG.Gemeente, IZG.Region, IZG.level, IZG.regionalStructure, IZG.coversGemeente, IZG.cbsCode)
_COMPOSITION, _REGION_CODE, _HAS_GEMEENTE, _PART_OF = (
    IZG.compositionStatus, IZG.regionCode, IZG.hasGemeente, IZG.partOfRegion)


@lru_cache(maxsize=None)
def _notation(iri) -> str | None:
    """The concept's notation (memoised: the ontology does not change while we run)."""
    return vocabulary().notation(iri)


@lru_cache(maxsize=None)
def _vlabel(iri, lang: str) -> str:
    return vocabulary().label(iri, lang)


def _label(graph: Graph, node) -> str:
    value = graph.value(node, _PREF_LABEL)
    return str(value) if value is not None else str(node).rsplit("/", 1)[-1]


def source_facts(graph: Graph, node) -> dict[str, str]:
    """The source title and whether the fact is real or illustrative."""
    src = graph.value(node, _SOURCE)
    if src is None:
        return {"source": "", "evidence": ""}
    evidence = graph.value(src, _EVIDENCE)
    return {"source": str(graph.value(src, _TITLE) or src),
            "evidence": _notation(evidence) or "" if evidence is not None else ""}


def governance_network(graph: Graph, lang: str = "nl", include_regions: bool = True,
                       context: bool = False) -> nx.MultiDiGraph:
    """Tables, members and their context as a directed multigraph (one edge per membership).

    ``context=True`` adds programme and theme nodes, gemeente coverage, region composition and
    hierarchy (see the module docstring); the default graph is unchanged by it.
    """
    return network_with_labels(graph, lambda concept: _vlabel(concept, lang), include_regions, context)


#: The node facts that hold a concept's label in a language (what ``label`` gives in
#: :func:`network_with_labels`); the label of a programme or theme node is one too.
LABELLED_FACTS = ("sector", "table_kind")


def network_with_labels(graph: Graph, label, include_regions: bool = True, context: bool = False) -> nx.MultiDiGraph:
    """:func:`governance_network` with ``label(concept)`` for the concept labels it writes (the facts in
    :data:`LABELLED_FACTS` and the labels of programme and theme nodes), the only facts that depend on
    the language: the maps keep the network with concept IRIs there and apply
    :func:`label_concepts` when they read it (:mod:`izagraph.maps.stored`)."""
    G = nx.MultiDiGraph()
    for cls, kind in KIND_BY_CLASS.items():
        if kind == "region" and not include_regions:
            continue
        for node in graph.subjects(_TYPE, cls):
            attrs = {"kind": kind, "label": _label(graph, node), **source_facts(graph, node)}
            sector = graph.value(node, _SECTOR)
            if sector is not None:
                attrs["sector"] = label(sector)
            if kind == "table":
                table_kind = graph.value(node, _TABLE_KIND)
                attrs["table_kind"] = label(table_kind) if table_kind else ""
                attrs["programmes"] = "; ".join(sorted(_notation(p) or "" for p in graph.objects(node, _PROGRAMME)))
                attrs["themes"] = "; ".join(sorted(_notation(t) or "" for t in graph.objects(node, _THEME)))
                end = graph.value(node, _VALID_THROUGH)
                attrs["end"] = str(end) if end is not None else ""
            if kind == "region":
                division = graph.value(node, _DIVISION)
                attrs["division"] = _notation(division) or "" if division is not None else ""
            G.add_node(str(node), **attrs)
    for m in graph.subjects(_TYPE, _MEMBERSHIP):
        table, member = graph.value(m, _ORGANIZATION), graph.value(m, _MEMBER)
        if table is None or member is None:
            continue
        role = graph.value(m, _ROLE)
        perspective = graph.value(m, _PERSPECTIVE) or graph.value(member, _SECTOR)
        G.add_edge(str(member), str(table), key=str(m), relation="membership",
                   role=_notation(role) or "" if role is not None else "",
                   perspective=_notation(perspective) or "" if perspective is not None else "",
                   on_behalf_of="; ".join(sorted(str(o) for o in graph.objects(m, _ON_BEHALF_OF))),
                   **(_membership_facts(graph, m) if context else {}))
    for table in graph.subjects(_TYPE, _TABLE):
        parent = graph.value(table, _PARENT)
        if parent is not None:
            G.add_edge(str(table), str(parent), relation="parent")
        if include_regions:
            for region in graph.objects(table, _SPATIAL):
                G.add_edge(str(table), str(region), relation="territory")
    if context:
        _add_context(G, graph, label, include_regions)
    return G


def label_concepts(G: nx.MultiDiGraph, lang: str) -> nx.MultiDiGraph:
    """Replace the concept IRIs of a network built with the IRIs as labels (see :func:`network_with_labels`)
    by their labels in ``lang``, in place: the same graph as :func:`governance_network` with ``lang``."""
    for n, a in G.nodes(data=True):
        for fact in LABELLED_FACTS:
            if a.get(fact):
                a[fact] = _vlabel(URIRef(a[fact]), lang)
        if a.get("kind") in ("programme", "theme"):
            a["label"] = _vlabel(URIRef(n), lang)
    return G


def _text(value) -> str:
    return "" if value is None else str(value)


def _membership_facts(graph: Graph, m) -> dict[str, str]:
    return {**source_facts(graph, m), "start": _text(graph.value(m, _VALID_FROM)),
            "end": _text(graph.value(m, _VALID_THROUGH))}


def _add_context(G: nx.MultiDiGraph, graph: Graph, label, include_regions: bool) -> None:
    """Programme and theme nodes, gemeente coverage, region composition and hierarchy (pure)."""
    concept_kind = {_PROGRAMME: "programme", _THEME: "theme"}
    for table in graph.subjects(_TYPE, _TABLE):
        t = str(table)
        if t not in G:
            continue
        level = graph.value(table, _LEVEL)
        G.nodes[t]["level"] = _notation(level) or "" if level else ""
        G.nodes[t]["start"] = _text(graph.value(table, _VALID_FROM))
        G.nodes[t]["regional_structure"] = bool(graph.value(table, _REGIONAL))
        for prop, kind in concept_kind.items():
            for c in graph.objects(table, prop):
                if str(c) not in G:
                    G.add_node(str(c), kind=kind, label=label(c), notation=_notation(c) or "",
                               source="", evidence="")
                G.add_edge(t, str(c), relation=kind)
        for gm in graph.objects(table, _COVERS):
            G.add_edge(t, str(gm), relation="territory")
    for gm in graph.subjects(_TYPE, _GEMEENTE):
        if str(gm) in G:
            G.nodes[str(gm)]["code"] = _text(graph.value(gm, _CBS))
    if not include_regions:
        return
    for region in graph.subjects(_TYPE, _REGION):
        r = str(region)
        status = graph.value(region, _COMPOSITION)
        G.nodes[r]["code"] = _text(graph.value(region, _REGION_CODE))
        G.nodes[r]["status"] = _notation(status) or "" if status is not None else ""
        for gm in graph.objects(region, _HAS_GEMEENTE):
            G.add_edge(r, str(gm), relation="contains")
        for parent in graph.objects(region, _PART_OF):
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


__all__ = ["governance_network", "network_with_labels", "label_concepts", "to_simple_graph", "source_facts", "URIRef"]
