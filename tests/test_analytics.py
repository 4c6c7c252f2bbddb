"""The co-membership network: the projection keeps every edge and every member, and the network
functions give known answers on small graphs."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from izagraph.analytics import affiliation_graph, articulation_splits, centrality, co_membership, communities

from .conftest import random_memberships


def brute_force(memberships):
    tables_of = {}
    for m, t in memberships:
        tables_of.setdefault(m, set()).add(t)
    edges = {}
    for a, b in itertools.combinations(sorted(tables_of), 2):
        shared = len(tables_of[a] & tables_of[b])
        if shared:
            edges[(a, b)] = shared
    return set(tables_of), edges


@pytest.mark.parametrize("seed", range(5))
def test_projection_drops_no_edge_and_no_member(seed):
    memberships = random_memberships(seed, 60, 25, 200)
    memberships |= {("m-alone", "t-alone")}  # a member alone at its table
    G = co_membership(affiliation_graph(memberships))
    nodes, edges = brute_force(memberships)
    assert set(G.nodes) == nodes
    assert {tuple(sorted(e)): w for *e, w in G.edges(data="weight")} == edges
    assert G.degree("m-alone") == 0


def test_duplicate_memberships_and_parallel_tables_are_counted_once_per_table():
    G = co_membership(affiliation_graph([("a", "T1"), ("a", "T1"), ("b", "T1"), ("a", "T2"), ("b", "T2")]))
    assert G["a"]["b"]["weight"] == 2


def test_a_name_on_both_sides_is_refused_not_merged():
    with pytest.raises(ValueError, match="both a member and a table"):
        affiliation_graph([("same", "T1"), ("x", "same")])


def test_articulation_split_between_two_clusters():
    memberships = [(m, "A1") for m in "abc"] + [(m, "A2") for m in "abh"] + \
                  [(m, "B1") for m in "xyz"] + [(m, "B2") for m in "xyh"]
    G = co_membership(affiliation_graph(memberships))
    splits = articulation_splits(G, min_part=2)
    assert [(s["node"], s["parts"]) for s in splits] == [("h", [["a", "b", "c"], ["x", "y", "z"]])]
    assert centrality(G)["h"]["betweenness"] == max(c["betweenness"] for c in centrality(G).values())
    assert communities(G, min_size=3) in ([["a", "b", "c", "h"], ["x", "y", "z"]],
                                          [["x", "y", "z", "h"], ["a", "b", "c"]],
                                          [["a", "b", "c"], ["h", "x", "y", "z"]])


def test_functions_are_deterministic_for_any_input_order():
    memberships = [(m, t) for t, ms in {"T1": "abcd", "T2": "defg", "T3": "ghij", "T4": "ajk"}.items() for m in ms]
    results = set()
    for seed in range(5):
        shuffled = list(memberships)
        random.Random(seed).shuffle(shuffled)
        G = co_membership(affiliation_graph(shuffled))
        results.add((repr(communities(G)), repr(articulation_splits(G)), repr(sorted(centrality(G).items()))))
    assert len(results) == 1


def test_empty_and_edgeless_graphs():
    assert articulation_splits(nx.Graph()) == [] and communities(nx.Graph()) == []
    G = co_membership(affiliation_graph([("a", "T1"), ("b", "T2")]))
    assert communities(G) == [["a"], ["b"]] and centrality(G)["a"]["betweenness"] == 0
