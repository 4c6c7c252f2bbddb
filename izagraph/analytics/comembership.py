"""The co-membership network on igraph: the fast path the ``brokers`` and ``clusters`` rules use.

The same network as :mod:`izagraph.analytics.coaffiliation` (members linked when they sit at a common
table, ``weight`` = the number of tables they share), built and analysed in igraph's C core:
the projection is ``Graph.bipartite_projection(multiplicity=True)``, the splits come from the
articulation points, betweenness from ``Graph.betweenness`` and clusters from igraph's Leiden algorithm
(modularity, weighted, seeded). ``benchmarks/bench_network.py`` measures it against networkx,
rustworkx and the ``leidenalg`` package on a synthetic national graph; the README says why igraph was
chosen. networkx stays for export and the small graphs of the maps.

Every result is deterministic: vertices are numbered in sorted order of their names, and Leiden runs
with its own random generator seeded with :data:`SEED` (igraph's global generator is put back
afterwards), so the same memberships give the same answer on every backend and every run.

>>> net = co_membership([("a", "T1"), ("b", "T1"), ("b", "T2"), ("c", "T2"), ("d", "T3")])
>>> sorted(net.edges())
[('a', 'b', 1), ('b', 'c', 1)]
>>> net.names  # a member alone at its table stays in the network
['a', 'b', 'c', 'd']
>>> [(s["node"], s["parts"]) for s in articulation_splits(net)]
[('b', [['a'], ['c']])]
>>> betweenness(net)["b"]  # 2 of the 3 pairs of other members, over 4 members: (1 + 1) / 3 ... normalised
0.333333
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import igraph as ig

SEED = 42


@dataclass
class Network:
    """An undirected weighted igraph graph whose vertex ``i`` is the member ``names[i]``."""

    graph: ig.Graph
    names: list

    def edges(self) -> list[tuple]:
        """(member, member, weight) per link, the smaller name first."""
        out = []
        for e in self.graph.es:
            a, b = sorted((self.names[e.source], self.names[e.target]), key=str)
            out.append((a, b, int(e["weight"])))
        return out

    def degree(self) -> dict:
        return dict(zip(self.names, self.graph.degree()))



def co_membership(memberships: Iterable[tuple[Hashable, Hashable]]) -> Network:
    """Project (member, table) pairs onto the members; ``weight`` = number of shared tables.

    A node that is both a member and a table would merge the two sides without any error, so it is
    refused:

    >>> co_membership([("x", "x")])
    Traceback (most recent call last):
    ...
    ValueError: 'x' is both a member and a table
    >>> co_membership([("a", "T1"), ("b", "T1"), ("a", "T2"), ("b", "T2")]).edges()
    [('a', 'b', 2)]
    """
    pairs = set(memberships)  # their order does not matter: the projection walks sorted adjacency lists
    members = sorted({m for m, _ in pairs}, key=str)
    tables = sorted({t for _, t in pairs}, key=str)
    both = set(members) & set(tables)
    if both:
        raise ValueError(f"{sorted(both, key=str)[0]!r} is both a member and a table")
    index = {m: i for i, m in enumerate(members)}
    offset = len(members)
    index.update({t: offset + i for i, t in enumerate(tables)})
    B = ig.Graph(n=len(members) + len(tables), edges=[(index[m], index[t]) for m, t in pairs])
    if not tables:
        return Network(ig.Graph(n=len(members)), members)
    G = B.bipartite_projection(types=[False] * offset + [True] * len(tables), multiplicity=True, which=0)
    return Network(G, members)


def betweenness(net: Network) -> dict:
    """Normalised betweenness per member (unweighted shortest paths, as networkx computes it: the share
    of shortest paths between other members of the network that run through this one)."""
    n = net.graph.vcount()
    raw = net.graph.betweenness(directed=False) if n else []
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {name: round(b * scale, 6) for name, b in zip(net.names, raw)}


def articulation_splits(net: Network, min_part: int = 1) -> list[dict]:
    """Members whose removal splits their connected part of the network, with the parts (sorted lists,
    largest first). Only splits whose second-largest part has at least ``min_part`` members are kept.

    >>> net = co_membership([("a", "1"), ("b", "1"), ("b", "2"), ("c", "2"), ("c", "3"), ("d", "3"),
    ...                      ("d", "4"), ("e", "4")])
    >>> [(s["node"], s["parts"]) for s in articulation_splits(net, min_part=2)]
    [('c', [['a', 'b'], ['d', 'e']])]
    >>> [s["node"] for s in articulation_splits(net)]
    ['b', 'c', 'd']
    """
    G = net.graph
    if G.vcount() == 0:
        return []
    component_of = G.connected_components().membership
    out = []
    for v in sorted(G.articulation_points(), key=lambda i: str(net.names[i])):
        component = [i for i, c in enumerate(component_of) if c == component_of[v]]
        rest = [i for i in component if i != v]
        sub = G.induced_subgraph(rest)
        parts = [sorted((net.names[rest[i]] for i in part), key=str) for part in sub.connected_components()]
        parts.sort(key=lambda p: (-len(p), str(p[0])))
        if len(parts) >= 2 and len(parts[1]) >= min_part:
            out.append({"node": net.names[v], "component_size": len(component), "parts": parts})
    return out


def communities(net: Network, min_size: int = 1, seed: int = SEED) -> list[list]:
    """Clusters of members by the Leiden algorithm (modularity, weighted by shared tables, seeded, run
    until stable), per connected part, as sorted lists (largest first); clusters smaller than
    ``min_size`` are left out.

    >>> net = co_membership([("a", "1"), ("b", "1"), ("c", "1"), ("c", "2"), ("d", "2"),
    ...                      ("d", "3"), ("e", "3"), ("f", "3")])
    >>> communities(net)
    [['a', 'b', 'c'], ['d', 'e', 'f']]
    """
    G = net.graph
    out = []
    ig.set_random_number_generator(random.Random(seed))
    try:
        components = G.connected_components()
        for component in components:
            H = G if len(components) == 1 else G.induced_subgraph(component)  # the same graph when whole
            if H.ecount() == 0:
                found = [list(component)]
            else:
                clustering = H.community_leiden(objective_function="modularity", weights="weight",
                                                n_iterations=-1)
                found = [[component[i] for i in part] for part in clustering]
            out.extend(sorted((net.names[i] for i in c), key=str) for c in found if len(c) >= min_size)
    finally:
        ig.set_random_number_generator(random)
    return sorted(out, key=lambda c: (-len(c), str(c[0])))


__all__ = ["Network", "co_membership", "betweenness", "articulation_splits", "communities"]
