"""The co-membership (co-affiliation) network: members linked by the tables they share.

A membership list is a bipartite graph of members and tables. Its projection onto the members, with
``networkx.algorithms.bipartite.weighted_projected_graph``, links two members when they sit at a common
table, with ``weight`` = the number of tables they share. On that network:

- :func:`centrality`: degree, weighted degree and betweenness (who connects otherwise separate parts);
- :func:`articulation_splits`: members whose removal splits their part of the network, and into what;
- :func:`communities`: clusters of members that meet each other more than the rest.

Everything is deterministic for a given input (nodes and edges are added in sorted order), so the
same memberships give the same answer on every backend.

>>> B = affiliation_graph([("a", "T1"), ("b", "T1"), ("b", "T2"), ("c", "T2"), ("d", "T3")])
>>> G = co_membership(B)
>>> sorted(G.edges(data="weight"))
[('a', 'b', 1), ('b', 'c', 1)]
>>> sorted(G.nodes)  # a member alone at its table stays in the network
['a', 'b', 'c', 'd']
>>> [(s["node"], s["parts"]) for s in articulation_splits(G)]
[('b', [['a'], ['c']])]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx
from networkx.algorithms import bipartite

MEMBER, TABLE = 0, 1


def affiliation_graph(memberships: Iterable[tuple[Hashable, Hashable]]) -> nx.Graph:
    """The bipartite member–table graph (node attribute ``bipartite``: 0 member, 1 table).

    A node that is both a member and a table would merge the two sides and make the projection wrong
    without any error, so it is refused:

    >>> affiliation_graph([("x", "x")])
    Traceback (most recent call last):
    ...
    ValueError: 'x' is both a member and a table
    """
    pairs = sorted(set(memberships), key=lambda p: (str(p[0]), str(p[1])))
    members = {m for m, _ in pairs}
    tables = {t for _, t in pairs}
    both = members & tables
    if both:
        raise ValueError(f"{sorted(both, key=str)[0]!r} is both a member and a table")
    B = nx.Graph()
    B.add_nodes_from(sorted(members, key=str), bipartite=MEMBER)
    B.add_nodes_from(sorted(tables, key=str), bipartite=TABLE)
    B.add_edges_from(pairs)
    return B


def co_membership(B: nx.Graph) -> nx.Graph:
    """Project the member–table graph onto the members; ``weight`` = number of shared tables.

    >>> B = affiliation_graph([("a", "T1"), ("b", "T1"), ("a", "T2"), ("b", "T2")])
    >>> co_membership(B)["a"]["b"]["weight"]
    2
    >>> co_membership(affiliation_graph([])).number_of_nodes()
    0
    """
    members = sorted((n for n, side in B.nodes(data="bipartite") if side == MEMBER), key=str)
    if len(members) == B.number_of_nodes():  # no tables at all (networkx refuses to project that)
        G = nx.Graph()
        G.add_nodes_from(members)
        return G
    return bipartite.weighted_projected_graph(B, members)


def centrality(G: nx.Graph) -> dict[Hashable, dict[str, float]]:
    """Per node: ``degree`` (members met), ``weighted_degree`` (shared seats) and ``betweenness``
    (normalised; the share of shortest paths between other members that run through this one).

    >>> G = nx.path_graph(["a", "b", "c"])
    >>> centrality(G)["b"]
    {'degree': 2, 'weighted_degree': 2, 'betweenness': 1.0}
    """
    betweenness = nx.betweenness_centrality(G, normalized=True)
    return {n: {"degree": G.degree(n), "weighted_degree": G.degree(n, weight="weight"),
                "betweenness": betweenness[n]} for n in G.nodes}


def articulation_splits(G: nx.Graph, min_part: int = 1) -> list[dict]:
    """Nodes whose removal splits their connected component into parts, with the parts (sorted lists,
    largest first). Only splits whose second-largest part has at least ``min_part`` nodes are kept:
    with ``min_part=2`` a node that merely links a single other member is not reported.

    >>> G = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> [(s["node"], s["parts"]) for s in articulation_splits(G, min_part=2)]
    [('c', [['a', 'b'], ['d', 'e']])]
    >>> [s["node"] for s in articulation_splits(G)]
    ['b', 'c', 'd']
    >>> [s["node"] for s in articulation_splits(G, min_part=3)]
    []
    """
    out = []
    for component in sorted((sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: str(c[0])):
        H = G.subgraph(component)
        for node in sorted(nx.articulation_points(H), key=str):
            rest = H.subgraph([n for n in component if n != node])
            parts = sorted((sorted(p, key=str) for p in nx.connected_components(rest)),
                           key=lambda p: (-len(p), str(p[0])))
            if len(parts) >= 2 and len(parts[1]) >= min_part:
                out.append({"node": node, "component_size": len(component), "parts": parts})
    return out


def communities(G: nx.Graph, min_size: int = 1) -> list[list]:
    """Clusters of nodes by greedy modularity on the weighted network, per connected component, as
    sorted lists (largest first); clusters smaller than ``min_size`` are left out.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")])
    >>> communities(G)
    [['a', 'b', 'c'], ['d', 'e', 'f']]
    """
    out = []
    for component in nx.connected_components(G):
        H = G.subgraph(sorted(component, key=str))
        if H.number_of_edges() == 0:
            found = [set(component)]
        else:
            found = nx.community.greedy_modularity_communities(H, weight="weight")
        out.extend(sorted(c, key=str) for c in found if len(c) >= min_size)
    return sorted(out, key=lambda c: (-len(c), str(c[0])))


__all__ = ["affiliation_graph", "co_membership", "centrality", "articulation_splits", "communities"]
