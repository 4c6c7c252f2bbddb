"""Which part of the governance network a map shows: national, one region, programme, theme or gemeente.

Works on the networkx graph of :func:`izagraph.network.governance_network` with ``context=True`` and
returns the subgraph to draw (pure). Regions, programmes, themes and gemeenten can be named by id,
code, notation or name; an unknown name raises :class:`UnknownScope` with a suggestion.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from ..errors import IzagraphError

DRAWN_RELATIONS = {"membership", "parent", "programme", "theme", "territory", "part_of"}
SCOPES = ("national", "region", "programme", "theme", "gemeente")


class UnknownScope(IzagraphError):
    """The region, programme, theme or gemeente asked for is not in the store."""


@dataclass(frozen=True)
class Scope:
    """What a map shows: ``kind`` is one of :data:`SCOPES`; ``node`` the node id (None for national)."""

    kind: str = "national"
    node: str | None = None


def slug(node: str) -> str:
    """The short id of an IRI (its last path segment), used in file names.

    >>> slug("https://w3id.org/izagraph/id/region/iza-zuid-kennemerland-ijmond")
    'iza-zuid-kennemerland-ijmond'
    """
    return node.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def edge_rows(G: nx.MultiDiGraph) -> list[tuple[str, str, object, dict]]:
    """``(u, v, key, data)`` of every edge in the order of ``G.edges(keys=True, data=True)``, read straight
    from the adjacency dicts: a third of the time of networkx's edge view, which the maps walk several
    times over the national graph's 49,000 edges. ``data`` is the graph's own dict: do not change it.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", relation="parent")
    >>> edge_rows(G) == list(G.edges(keys=True, data=True))
    True
    """
    return [(u, v, k, d) for u, nbrs in G.adjacency() for v, keyed in nbrs.items() for k, d in keyed.items()]


def _of_kind(G: nx.MultiDiGraph, kind: str) -> list[str]:
    return sorted(n for n, a in G.nodes(data=True) if a.get("kind") == kind)


def _succ(G: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted({v for _, v, d in G.out_edges(node, data=True) if d.get("relation") == relation})


def _pred(G: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted({u for u, _, d in G.in_edges(node, data=True) if d.get("relation") == relation})


def resolve_scope(G: nx.MultiDiGraph, kind: str, name: str | None = None) -> Scope:
    """The :class:`Scope` for ``kind`` and a user-given ``name`` (id, code, notation, name or IRI)."""
    if kind == "national":
        return Scope("national")
    if kind not in SCOPES:
        raise UnknownScope(f"onbekende soort kaart '{kind}' (kies uit {', '.join(SCOPES)})")
    wanted = (name or "").strip()
    candidates = _of_kind(G, kind)
    keys: dict[str, str] = {}
    for n in candidates:
        a = G.nodes[n]
        for key in (n, slug(n), a.get("code"), a.get("notation"), a.get("label")):
            if key:
                keys.setdefault(str(key).casefold(), n)
    found = keys.get(wanted.casefold())
    if found is None:
        word = {"region": "regio", "programme": "programma", "theme": "thema", "gemeente": "gemeente"}[kind]
        close = difflib.get_close_matches(wanted.casefold(), list(keys), n=1, cutoff=0.6)
        hint = f"; bedoelde u '{close[0]}'?" if close else ""
        raise UnknownScope(f"onbekende {word} '{wanted}' in de store{hint}")
    return Scope(kind, found)


def region_descendants(G: nx.MultiDiGraph, region: str) -> set[str]:
    """The region and every region that is (transitively) part of it."""
    seen, todo = set(), [region]
    while todo:
        r = todo.pop()
        if r in seen:
            continue
        seen.add(r)
        todo.extend(_pred(G, r, "part_of"))
    return seen


def region_gemeenten(G: nx.MultiDiGraph, region: str) -> set[str]:
    """The gemeenten of a region (or of its parts, when the region itself lists none)."""
    out: set[str] = set()
    for r in region_descendants(G, region):
        out.update(_succ(G, r, "contains"))
    return out


def table_territory(G: nx.MultiDiGraph, table: str) -> tuple[list[str], list[str]]:
    """(regions, explicit gemeenten) a table works for."""
    regions, gemeenten = [], []
    for _, v, d in G.out_edges(table, data=True):
        if d.get("relation") == "territory":
            (regions if G.nodes[v].get("kind") == "region" else gemeenten).append(v)
    return sorted(set(regions)), sorted(set(gemeenten))


def table_gemeenten(G: nx.MultiDiGraph, table: str) -> set[str]:
    """The gemeenten a table covers: its explicit list, else the gemeenten of its regions."""
    regions, gemeenten = table_territory(G, table)
    if gemeenten:
        return set(gemeenten)
    out: set[str] = set()
    for r in regions:
        out |= region_gemeenten(G, r)
    return out


def is_active(attrs: dict, today: str | None = None) -> bool:
    """A table without an end date, or ending today or later, is active."""
    end = attrs.get("end") or ""
    if not end:
        return True
    today = today or dt.date.today().isoformat()
    key = (end + "-12-31")[:10] if len(end) == 4 else (end + "-31")[:10] if len(end) == 7 else end[:10]
    return key >= today


def _ancestors(parent: dict[str, list[str]], tables: set[str]) -> set[str]:
    out, todo = set(tables), list(tables)
    while todo:
        t = todo.pop()
        for p in parent.get(t, ()):
            if p not in out:
                out.add(p)
                todo.append(p)
    return out


def _descendants(children: dict[str, list[str]], tables: set[str]) -> set[str]:
    return _ancestors(children, tables)


def scope_tables(G: nx.MultiDiGraph, scope: Scope) -> set[str]:
    """The tables a map of ``scope`` is about (without the parent tables added for context).

    A region's tables are those working for the region (or a part of it, or for gemeenten all inside
    it) and every table that hangs under one of them, wherever its own territory lies: a region's map
    shows its whole structure (:func:`outside_region` tells which of them reach beyond the region).
    """
    tables = _of_kind(G, "table")
    if scope.kind == "national":
        return set(tables)
    if scope.kind in ("programme", "theme"):
        return set(_pred(G, scope.node, scope.kind))
    if scope.kind == "region":
        regions = region_descendants(G, scope.node)
        gms = region_gemeenten(G, scope.node)
        out = set()
        for t in tables:
            t_regions, t_gms = table_territory(G, t)
            if regions & set(t_regions) or (t_gms and set(t_gms) <= gms):
                out.add(t)
        children: dict[str, list[str]] = defaultdict(list)
        for u, v, _, d in edge_rows(G):
            if d.get("relation") == "parent":
                children[v].append(u)
        return _descendants(children, out)
    if scope.kind == "gemeente":
        out = {v for _, v, d in G.out_edges(scope.node, data=True) if d.get("relation") == "membership"}
        for t in tables:
            if scope.node in table_gemeenten(G, t):
                out.add(t)
        return out
    raise UnknownScope(f"onbekende soort kaart '{scope.kind}'")


def outside_region(G: nx.MultiDiGraph, table: str, region: str) -> bool:
    """Whether ``table`` works (also) for gemeenten or regions outside ``region`` ("deels buiten de regio").

    Explicit gemeenten count when the region's gemeenten are known; a territory region counts as
    outside unless it is (a part of) the region or all its gemeenten lie in the region.
    """
    regions = region_descendants(G, region)
    gms = region_gemeenten(G, region)
    t_regions, t_gms = table_territory(G, table)
    if t_gms and gms and not set(t_gms) <= gms:
        return True
    for r in t_regions:
        if r in regions:
            continue
        r_gms = region_gemeenten(G, r)
        if not (r_gms and gms and r_gms <= gms):
            return True
    return False


def select(G: nx.MultiDiGraph, scope: Scope, concepts: bool | None = None) -> nx.MultiDiGraph:
    """The subgraph to draw for ``scope``: its tables (plus the tables they hang under), their members,
    territories and — unless ``concepts`` is False (default: False for national maps) — their
    programme and theme nodes. Only drawn relations are kept."""
    if concepts is None:
        concepts = scope.kind != "national"
    core = scope_tables(G, scope)
    edges = [(u, v, k, d, d.get("relation")) for u, v, k, d in edge_rows(G)]
    parent: dict[str, list[str]] = defaultdict(list)
    for u, v, _, _, rel in edges:
        if rel == "parent":
            parent[u].append(v)
    tables = _ancestors(parent, core)
    keep = set(tables)
    for u, v, _, _, rel in edges:
        if rel == "membership" and v in tables:
            keep.add(u)
        elif u in tables and (rel == "territory" or (concepts and rel in ("programme", "theme"))):
            keep.add(v)
    if scope.node and scope.kind in ("region", "programme", "theme"):
        keep.add(scope.node)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(G.nodes[n], in_scope=n in core or G.nodes[n].get("kind") != "table"))
                     for n in sorted(keep))
    if scope.kind == "region":
        for t in core:
            if outside_region(G, t, scope.node):
                H.nodes[t]["outside"] = True
    # the kept edges written into the adjacency dicts as add_edges_from would (same order, one keyed dict
    # shared by both directions, a copy of each edge dict): its checks per edge were most of select's time
    succ, pred = H._succ, H._pred
    for u, v, k, d, rel in edges:
        if rel in DRAWN_RELATIONS and u in keep and v in keep:
            keyed = succ[u].get(v)
            if keyed is None:
                keyed = succ[u][v] = pred[v][u] = {}
            keyed[k] = dict(d)
    return H


__all__ = ["Scope", "SCOPES", "edge_rows", "UnknownScope", "resolve_scope", "select", "scope_tables", "slug",
           "region_gemeenten", "region_descendants", "outside_region", "table_territory", "table_gemeenten", "is_active"]
