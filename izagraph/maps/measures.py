"""What the page can size and colour nodes by, and the dates it filters on (pure).

Measures per node of a map's subgraph (only where they mean something; absent otherwise):

- ``seats``: memberships drawn on the map (a table's members, a member's seats);
- ``tables``: the tables a member sits at (members only);
- ``meetings``: meetings per year of a table, or summed over a member's tables;
- ``drukte``: a member's bestuurlijke drukte as the largest ratio of its active tables, programmes,
  regions and meetings per year to the default thresholds of the rule ``drukte-organisation`` (for
  persons ``drukte-person``): 1.0 is at the threshold, 2.0 twice it;
- ``betweenness``: betweenness centrality in the network of tables and their members (membership and
  hierarchy edges), on maps up to :data:`MAX_BETWEENNESS` nodes (exact; on the national map even a
  sampled estimate costs seconds, so the measure is not offered there).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import networkx as nx

from .scope import edge_rows, is_active

MEASURES = ("seats", "tables", "meetings", "drukte", "betweenness")
MAX_BETWEENNESS = 1500
MEMBER_KINDS = ("organisation", "person", "gemeente")
DRUKTE_PARAMS = (("tables", "max_tables"), ("programmes", "max_programmes"), ("regions", "max_regions"),
                 ("meetings", "max_meetings_per_year"))


def start_key(value: str | None) -> str:
    """A start date as the first day it covers: ``2023`` -> ``2023-01-01``, ``2023-06`` -> ``2023-06-01``.

    >>> start_key("2023"), start_key("2023-06"), start_key("2024-02-15"), start_key("")
    ('2023-01-01', '2023-06-01', '2024-02-15', '')
    """
    v = (value or "").strip()[:10]
    return v + "-01-01" if len(v) == 4 else v + "-01" if len(v) == 7 else v


def end_key(value: str | None) -> str:
    """An end date as the last day it covers: ``2019`` -> ``2019-12-31``, ``2019-12`` -> ``2019-12-31``.

    >>> end_key("2019"), end_key("2019-12"), end_key("2019-06-30"), end_key(None)
    ('2019-12-31', '2019-12-31', '2019-06-30', '')
    """
    v = (value or "").strip()[:10]
    return v + "-12-31" if len(v) == 4 else v + "-31" if len(v) == 7 else v


def active_on(attrs: dict, date: str) -> bool:
    """Whether a table or seat with ``start``/``end`` attributes is active on ``date`` (YYYY-MM-DD).

    >>> active_on({"start": "2023-06", "end": ""}, "2023-06-01"), active_on({"start": "2024"}, "2023-12-31")
    (True, False)
    >>> active_on({"end": "2019-12-31"}, "2020-01-01")
    False
    """
    s = start_key(attrs.get("start"))
    return (not s or s <= date) and is_active(attrs, date)


def as_of(G: nx.MultiDiGraph, date: str) -> nx.MultiDiGraph:
    """The network as it was on ``date``: tables and seats active then (members keep only those seats).

    Tables that had not started or had ended are left out with their edges; so are seats outside
    their dates. Other nodes stay: the scope selection only keeps members with a seat on the map.
    """
    H = G.copy()
    gone = [n for n, a in H.nodes(data=True) if a.get("kind") == "table" and not active_on(a, date)]
    H.remove_nodes_from(gone)
    seats = [(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
             if d.get("relation") == "membership" and not active_on(d, date)]
    H.remove_edges_from(seats)
    return H


@lru_cache(maxsize=2)
def drukte_thresholds(rule: str) -> dict[str, float]:
    """The default thresholds of a drukte rule, read from its query header (``queries/<rule>.rq``; the
    query alone: importing the rules would cost a map without findings 0.3-0.4 s)."""
    from ..queries import load_query

    specs = {name: dict(spec or {}) for name, spec in (load_query(rule).header.get("params") or {}).items()}
    return {measure: float(specs[param]["default"]) for measure, param in DRUKTE_PARAMS
            if param in specs and specs[param].get("default")}


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def node_measures(H: nx.MultiDiGraph, today: str | None = None) -> dict[str, dict[str, float]]:
    """node -> {measure: value} for the nodes of the map subgraph ``H`` (see the module docstring)."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    attrs = dict(H.nodes(data=True))
    seats: dict[str, int] = defaultdict(int)
    held: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    regions_of: dict[str, set[str]] = defaultdict(set)
    for u, v, _, d in edge_rows(H):
        rel = d.get("relation")
        if rel == "membership":
            seats[u] += 1
            seats[v] += 1
            held[u].append((v, d))
        elif rel == "territory" and attrs[v].get("kind") == "region":
            regions_of[u].add(v)
    # per table once (a member's measures read them for each of its seats)
    tables = {n: a for n, a in attrs.items() if a.get("kind") == "table"}
    meetings = {t: float(a.get("meetings") or 0) for t, a in tables.items()}
    programmes = {t: _split(a.get("programmes")) for t, a in tables.items()}
    table_active = {t: is_active(a, today) for t, a in tables.items()}
    for n, a in attrs.items():
        kind = a.get("kind")
        if kind == "table":
            out[n]["seats"] = seats[n]
            if a.get("meetings"):
                out[n]["meetings"] = float(a["meetings"])
        elif kind in MEMBER_KINDS:
            at = {t for t, d in held[n]}
            out[n]["seats"] = seats[n]
            out[n]["tables"] = len(at)
            out[n]["meetings"] = sum(meetings.get(t) or float(attrs[t].get("meetings") or 0) for t in at)
            active = {t for t, d in held[n]
                      if (table_active[t] if t in table_active else is_active(attrs[t], today)) and is_active(d, today)}
            load = {"tables": len(active),
                    "programmes": len({p for t in active for p in programmes.get(t) or _split(attrs[t].get("programmes"))}),
                    "regions": len({r for t in active for r in regions_of[t]}),
                    "meetings": sum(meetings.get(t) or float(attrs[t].get("meetings") or 0) for t in active)}
            limits = drukte_thresholds("drukte-person" if kind == "person" else "drukte-organisation")
            ratios = [load[m] / limit for m, limit in limits.items() if limit]
            out[n]["drukte"] = round(max(ratios, default=0.0), 2)
    if 2 < H.number_of_nodes() <= MAX_BETWEENNESS:
        core = nx.Graph()
        core.add_edges_from((u, v) for u, v, rel in H.edges(data="relation") if rel in ("membership", "parent"))
        for n, b in nx.betweenness_centrality(core).items():
            out[n]["betweenness"] = round(b, 4)
    return dict(out)


__all__ = ["MEASURES", "node_measures", "as_of", "active_on", "start_key", "end_key", "drukte_thresholds"]
