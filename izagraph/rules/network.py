"""Brokers and clusters on the co-membership network of the active seats (see
:mod:`izagraph.analytics.coaffiliation`): members are linked when they sit at a common active table.
"""

from __future__ import annotations

from collections import defaultdict

from ..analytics import affiliation_graph, articulation_splits, centrality, co_membership, communities
from ..findings import Finding
from .facts import Facts, active_seat_iris, seats, short_list, tables


def _network(rows, ctx):
    facts = Facts(rows)
    today = ctx.today
    ts = {i: t for i, t in tables(facts).items() if t.active(today) and t.in_scope}
    pairs = [(s.member, s.table) for s in seats(facts) if s.table in ts and s.active(today)]
    tables_of = defaultdict(set)
    for m, t in pairs:
        tables_of[m].add(t)
    G = co_membership(affiliation_graph(pairs))
    return facts, ts, tables_of, G


def _regions(facts, ts, table_iris) -> dict[str, str]:
    return {r: facts.label(r) for t in table_iris for r in ts[t].spatial}


def score_brokers(rows, ctx, vocab) -> list[Finding]:
    """Members who are the only link between parts of the network: without them it falls apart."""
    facts, ts, tables_of, G = _network(rows, ctx)
    if G.number_of_nodes() == 0:
        return []
    central = centrality(G)
    out = []
    for split in articulation_splits(G, min_part=ctx["min_part"]):
        m = split["node"]
        parts = [[facts.label(x) for x in p] for p in split["parts"]]
        parts = [sorted(p) for p in parts]
        evidence = {"component_size": split["component_size"], "parts": parts,
                    "part_sizes": [len(p) for p in parts], "degree": central[m]["degree"],
                    "betweenness": central[m]["betweenness"],
                    "tables": sorted(facts.label(t) for t in tables_of[m])}
        fields = {"size": split["component_size"], "parts": " + ".join(str(len(p)) for p in parts),
                  "tables": short_list(evidence["tables"])}
        illustrative = any(ts[t].illustrative for t in tables_of[m])
        out.append(ctx.finding(m, facts.label(m), evidence, fields=fields,
                               regions=_regions(facts, ts, tables_of[m]), illustrative=illustrative,
                               facts=[m, *tables_of[m], *active_seat_iris(facts, tables_of[m], ctx.today)]))
    return out


def score_clusters(rows, ctx, vocab) -> list[Finding]:
    """Clusters of members who meet each other much more than the rest of their part of the network."""
    facts, ts, tables_of, G = _network(rows, ctx)
    if G.number_of_nodes() == 0:
        return []
    central = centrality(G)
    found = communities(G, min_size=1)
    community_of = {n: i for i, c in enumerate(found) for n in c}
    members_of = defaultdict(set)
    for m, ts_of_m in tables_of.items():
        for t in ts_of_m:
            members_of[t].add(m)
    out = []
    for i, members in enumerate(found):
        if len(members) < ctx["min_size"]:
            continue
        inside = set(members)
        neighbours = {community_of[x] for n in members for x in G.neighbors(n)} - {i}
        if not neighbours:  # a cluster is only worth reporting beside other clusters it meets
            continue
        hub = max(members, key=lambda n: (central[n]["degree"], central[n]["betweenness"], str(n)))
        bridges = sorted(facts.label(n) for n in members if any(community_of[x] != i for x in G.neighbors(n)))
        own_tables = sorted(facts.label(t) for t, ms in members_of.items() if ms <= inside)
        evidence = {"members": sorted(facts.label(n) for n in members), "size": len(members),
                    "tables_within": own_tables, "bridges": bridges,
                    "linked_clusters": len(neighbours)}
        fields = {"size": len(members), "hub": facts.label(hub), "bridges": short_list(bridges) or "-",
                  "linked": len(neighbours)}
        table_iris = {t for n in members for t in tables_of[n]}
        out.append(ctx.finding(hub, facts.label(hub), evidence, fields=fields,
                               regions=_regions(facts, ts, table_iris),
                               illustrative=any(ts[t].illustrative for t in table_iris),
                               facts=[hub, *table_iris, *active_seat_iris(facts, table_iris, ctx.today)]))
    return out
