"""Coverage per region division: how many gemeenten lie in a region whose composition comes from a
source, is inferred, or is unknown (pure, on the governance network).

Branch ``data`` adds ``izagraph.info.division_coverage(backend)`` with the same meaning; until the two are
merged the report uses this one.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from(["g1", "g2", "g3"], kind="gemeente")
>>> G.add_node("r1", kind="region", division="iza", status="source")
>>> G.add_node("r2", kind="region", division="iza", status="inferred")
>>> _ = G.add_edge("r1", "g1", relation="contains"), G.add_edge("r2", "g2", relation="contains")
>>> division_coverage(G)["iza"] == {"known": 1, "inferred": 1, "unknown": 1, "total": 3}
True
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

RANK = {"source": 2, "": 2, "inferred": 1, "unknown": 0}


def division_coverage(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """division notation -> {known, inferred, unknown, total} gemeenten.

    A gemeente is *known* when a region of the division with composition status ``source`` (or no status)
    lists it, *inferred* when only regions with status ``inferred`` do, and *unknown* otherwise.
    """
    gemeenten = [n for n, a in G.nodes(data=True) if a.get("kind") == "gemeente"]
    best: dict[str, dict[str, int]] = defaultdict(dict)
    divisions = set()
    for r, a in G.nodes(data=True):
        if a.get("kind") != "region" or not a.get("division"):
            continue
        divisions.add(a["division"])
        rank = RANK.get(a.get("status") or "", 2)
        for _, gm, rel in G.out_edges(r, data="relation"):
            if rel == "contains":
                best[a["division"]][gm] = max(best[a["division"]].get(gm, -1), rank)
    out = {}
    for d in sorted(divisions):
        ranks = best.get(d, {})
        known = sum(1 for g in gemeenten if ranks.get(g) == 2)
        inferred = sum(1 for g in gemeenten if ranks.get(g) == 1)
        out[d] = {"known": known, "inferred": inferred, "unknown": len(gemeenten) - known - inferred,
                  "total": len(gemeenten)}
    return out
