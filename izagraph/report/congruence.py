"""The congruence matrix of all region divisions: adjusted Rand index and nesting shares (pure).

The same measures as the ``region-incongruence`` rule (:mod:`izagraph.rules.regions`), for every pair of
divisions, also those that nest: only gemeenten that lie in a region of both divisions are compared, the
overlaps of the two sets of regions are a contingency table (:func:`izagraph.rules.pairs.shared_counts`)
and :func:`izagraph.rules.regions.adjusted_rand` scores it.

>>> parts = {"a": {"A1": {1, 2}, "A2": {3, 4}}, "b": {"B1": {1, 2, 3, 4}}}
>>> m = compare(parts["a"], parts["b"])
>>> m["a_in_b"], m["b_in_a"], m["compared"]
(1.0, 0.0, 4)
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..rules.pairs import shared_counts
from ..rules.regions import adjusted_rand


def division_parts(G: nx.MultiDiGraph) -> dict[str, dict[str, frozenset]]:
    """division notation -> region -> its gemeenten (regions that list none are left out)."""
    out: dict[str, dict[str, frozenset]] = defaultdict(dict)
    for r, a in G.nodes(data=True):
        if a.get("kind") != "region" or not a.get("division"):
            continue
        gms = frozenset(v for _, v, rel in G.out_edges(r, data="relation") if rel == "contains")
        if gms:
            out[a["division"]][r] = gms
    return dict(out)


def compare(a: dict[str, frozenset], b: dict[str, frozenset]) -> dict | None:
    """Nesting shares both ways and the adjusted Rand index of two divisions; None without common gemeenten."""
    common = set().union(*a.values()) & set().union(*b.values()) if a and b else set()
    if not common:
        return None
    ra = {r: g & common for r, g in a.items() if g & common}
    rb = {r: g & common for r, g in b.items() if g & common}
    table = shared_counts(ra, rb)
    partners_a, partners_b = defaultdict(set), defaultdict(set)
    for x, y in table:
        partners_a[x].add(y)
        partners_b[y].add(x)
    return {"compared": len(common),
            "a_in_b": sum(1 for x in ra if len(partners_a[x]) == 1) / len(ra),
            "b_in_a": sum(1 for y in rb if len(partners_b[y]) == 1) / len(rb),
            "ari": adjusted_rand(table)}


def congruence_matrix(G: nx.MultiDiGraph) -> dict:
    """``{"divisions": [...], "cells": {(a, b): {...}}}`` for every ordered pair of divisions with gemeenten.

    ``cells[(a, b)]["nesting"]`` is the share of a's regions inside one region of b; ``ari`` is symmetric.
    """
    parts = division_parts(G)
    divs = sorted(parts)
    cells: dict[tuple[str, str], dict] = {}
    for i, da in enumerate(divs):
        for db in divs[i:]:
            m = compare(parts[da], parts[db])
            if m is None:
                continue
            cells[(da, db)] = {"ari": m["ari"], "nesting": m["a_in_b"], "compared": m["compared"]}
            cells[(db, da)] = {"ari": m["ari"], "nesting": m["b_in_a"], "compared": m["compared"]}
    return {"divisions": divs, "cells": cells}
