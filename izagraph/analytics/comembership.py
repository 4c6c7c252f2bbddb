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
import numpy as np

SEED = 42
#: What the analyses here compute and with which igraph: part of the key of an analysis kept for later.
ENGINE = f"igraph-{ig.__version__} leiden-modularity-weight-stable-seed-{SEED} betweenness-unweighted-round-6"


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
    tindex = {t: i for i, t in enumerate(tables)}
    m = np.fromiter((index[m] for m, _ in pairs), dtype=np.int64, count=len(pairs))
    t = np.fromiter((tindex[t] for _, t in pairs), dtype=np.int64, count=len(pairs))
    return co_membership_ids(members, len(tables), m, t)


def co_membership_ids(members: list, n_tables: int, m: np.ndarray, t: np.ndarray) -> Network:
    """:func:`co_membership` of pairs given as numbers: member ``m[k]`` (an index into ``members``, which must
    be sorted by ``str``) sits at table ``t[k]`` (``0 <= t[k] < n_tables``), each pair once (a repeated pair
    would count as a second shared table). Tables are known only by their numbers, in the order of the numbers.

    >>> net = co_membership_ids(["a", "b", "c"], 2, np.array([0, 1, 1, 2]), np.array([0, 0, 1, 1]))
    >>> net.edges(), net.names
    ([('a', 'b', 1), ('b', 'c', 1)], ['a', 'b', 'c'])
    """
    offset = len(members)
    if not n_tables:
        return Network(ig.Graph(n=offset), list(members))
    edges = np.empty((len(m), 2), dtype=np.int64)
    edges[:, 0], edges[:, 1] = m, np.asarray(t) + offset
    B = ig.Graph(n=offset + n_tables, edges=edges)
    G = B.bipartite_projection(types=[False] * offset + [True] * n_tables, multiplicity=True, which=0)
    return Network(G, list(members))


def betweenness(net: Network) -> dict:
    """Normalised betweenness per member (unweighted shortest paths, as networkx computes it: the share
    of shortest paths between other members of the network that run through this one)."""
    return dict(zip(net.names, betweenness_values(net.graph)))


def betweenness_values(G: ig.Graph) -> list[float]:
    """:func:`betweenness` per vertex number, rounded to 6 decimals.

    >>> betweenness_values(co_membership([("a", "T1"), ("b", "T1"), ("b", "T2"), ("c", "T2")]).graph)
    [0.0, 1.0, 0.0]
    """
    n = G.vcount()
    raw = G.betweenness(directed=False) if n else []
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return [round(b * scale, 6) for b in raw]


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
    order = sorted(range(len(net.names)), key=lambda i: str(net.names[i]))
    out = []
    for v, size, parts in split_indices(net.graph, min_part, order):
        named = [sorted((net.names[i] for i in part), key=str) for part in parts]
        named.sort(key=lambda p: (-len(p), str(p[0])))
        out.append({"node": net.names[v], "component_size": size, "parts": named})
    return out


def split_indices(G: ig.Graph, min_part: int = 1, order=None) -> list[tuple[int, int, list[list[int]]]]:
    """:func:`articulation_splits` by vertex number: (articulation point, size of its connected part, the
    parts without it), the points in ``order`` (default: by number), each part sorted, largest part first
    (then by smallest number). With vertices numbered in the order of their names (as
    :func:`co_membership` numbers them) the numbers sort as the names do.

    >>> split_indices(co_membership([("a", "T1"), ("b", "T1"), ("b", "T2"), ("c", "T2")]).graph)
    [(1, 3, [[0], [2]])]
    """
    if G.vcount() == 0:
        return []
    component_of = G.connected_components().membership
    members_of: dict[int, list[int]] = {}
    for i, c in enumerate(component_of):
        members_of.setdefault(c, []).append(i)
    points = G.articulation_points()
    rank = {v: i for i, v in enumerate(order)} if order is not None else None
    out = []
    for v in sorted(points, key=rank.__getitem__) if rank is not None else sorted(points):
        component = members_of[component_of[v]]
        rest = [i for i in component if i != v]
        sub = G.induced_subgraph(rest)
        parts = [sorted(rest[i] for i in part) for part in sub.connected_components()]
        parts.sort(key=lambda p: (-len(p), p[0]))
        if len(parts) >= 2 and len(parts[1]) >= min_part:
            out.append((v, len(component), parts))
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
    found = [sorted((net.names[i] for i in c), key=str) for c in community_indices(net.graph, seed)
             if len(c) >= min_size]
    return sorted(found, key=lambda c: (-len(c), str(c[0])))


def community_indices(G: ig.Graph, seed: int = SEED) -> list[list[int]]:
    """:func:`communities` by vertex number (all of them, each sorted), in the order Leiden finds them
    per connected part; :func:`communities` sorts them by size.

    >>> net = co_membership([("a", "1"), ("b", "1"), ("c", "1"), ("c", "2"), ("d", "2"), ("d", "3"), ("e", "3")])
    >>> sorted(community_indices(net.graph))
    [[0, 1, 2], [3, 4]]
    """
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
            out.extend(sorted(c) for c in found)
    finally:
        ig.set_random_number_generator(random)
    return out


__all__ = ["Network", "co_membership", "co_membership_ids", "betweenness", "betweenness_values",
           "articulation_splits", "split_indices", "communities", "community_indices"]
