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

from ..rules.regions import nesting


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
    """Nesting shares both ways and the adjusted Rand index of two divisions; None without common gemeenten
    (the same computation as the region-incongruence rule: :func:`izagraph.rules.regions.nesting`)."""
    n = nesting(a, b)
    if n is None:
        return None
    return {"compared": len(n["common"]), "a_in_b": n["a_in_b"], "b_in_a": n["b_in_a"], "ari": n["ari"]}


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
