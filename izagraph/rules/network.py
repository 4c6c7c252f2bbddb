"""Brokers and clusters on the co-membership network of the active seats (see
:mod:`izagraph.analytics.comembership`): members are linked when they sit at a common active table.

The network is built **within a scope**, never over the whole country at once: a national insurer
that sits at tables in Noord and in Zuid does not link those regions' networks, because they are two
networks. ``scope`` says how the selected tables are grouped:

- ``region`` (default): one network per region; a table belongs to the top region above its own
  region (a subregion's tables are in the network of its region), a table of several regions to each;
  a table without a region but with gemeenten belongs to each IZA region holding one of them; a table
  with neither is a scope of its own (nothing says which tables it belongs with);
- ``programme``: one network per programme of the tables;
- ``all``: one network over every selected table (use it with ``--region``, ``--programme``,
  ``--theme`` or ``tables`` to choose the set yourself).

The ``tables`` parameter restricts the selection to a chosen set of tables.
"""

from __future__ import annotations

from collections import defaultdict

from ..analytics.comembership import articulation_splits, betweenness, co_membership, communities
from ..findings import Finding
from .facts import facts_of, is_active, short_list, tables

NO_GROUP = ""
GROUP_WORDS = {"region": {"nl": "regio", "en": "region"}, "programme": {"nl": "programma", "en": "programme"},
               "all": {"nl": "selectie", "en": "selection"}}


def _top(region: str, parents: dict[str, str]) -> str:
    seen = set()
    while region in parents and region not in seen:
        seen.add(region)
        region = parents[region]
    return region


def _chosen(iri: str, wanted: list[str]) -> bool:
    return any(iri == w or iri.rsplit("/", 1)[-1] == w for w in wanted)


def _groups(facts, ts, how: str) -> dict[str, set[str]]:
    """Scope key -> the tables in that scope."""
    out: dict[str, set[str]] = defaultdict(set)
    if how == "all":
        out[NO_GROUP] = set(ts)
        return out
    parents = {s: facts.one(s, "region-parent") for s in facts.subjects("region-parent")}
    iza = {r: facts.get(r, "iza-gemeente") for r in facts.subjects("iza-gemeente")}
    for iri, t in ts.items():
        if how == "programme":
            keys = set(t.programmes) or {NO_GROUP}
        elif t.spatial:
            keys = {_top(r, parents) for r in t.spatial}
        else:  # no region: the IZA regions holding its gemeenten; else nothing says where it belongs
            keys = {_top(r, parents) for r, gms in iza.items() if gms & t.gemeenten} or {iri}
        for k in keys:
            out[k].add(iri)
    return out


def _networks(rows, ctx):
    """Per scope: (key, label, tables of each member, the network); sorted by key."""
    facts = facts_of(rows)
    today = ctx.today
    wanted = ctx.get("tables") or []
    ts = {i: t for i, t in tables(facts).items()
          if t.active(today) and t.in_scope and (not wanted or _chosen(i, wanted))}
    seats_at = defaultdict(list)
    for s, table, member in _active_seats(facts, ts, today):
        seats_at[table].append((s, member))
    how = ctx.get("scope") or "region"
    out = []
    for key, group in sorted(_groups(facts, ts, how).items()):
        pairs = [(m, t) for t in group for _, m in seats_at[t]]
        if not pairs:
            continue
        tables_of = defaultdict(set)
        for t in group:
            for _, m in seats_at[t]:
                tables_of[m].add(t)
        label = facts.label(key) if key else ""
        out.append((key, label, tables_of, co_membership(pairs)))
    return facts, ts, seats_at, out


def _active_seats(facts, ts, today):
    """(seat, table, member) of the active seats at the chosen tables. A lean pass over the seat facts:
    on a national graph (50,000 seats) building full :class:`~izagraph.rules.facts.Seat` values costs
    more than the whole network analysis."""
    for s, f in facts.items():
        table, member = f.get("table"), f.get("member")
        if not table or not member:
            continue
        table, member = min(table), min(member)
        if table in ts and is_active(f.get("end", ()), today, f.get("start", ())):
            yield s, table, member


def _seat_facts(table_iris, seats_at) -> list[str]:
    """What a finding about members of these tables rests on: the tables, their active seats and members
    (the network is their co-membership, so every seat at them counts)."""
    return [*table_iris, *(x for t in table_iris for s, m in seats_at[t] for x in (s, m))]


def _regions(facts, ts, table_iris) -> dict[str, str]:
    return {r: facts.label(r) for t in table_iris for r in ts[t].spatial}


def _scope_fields(ctx, key: str, label: str) -> dict:
    how = ctx.get("scope") or "region"
    if not key:
        text = {"nl": "de selectie", "en": "the selection"} if how == "all" else \
            {"nl": f"tafels zonder {GROUP_WORDS[how]['nl']}", "en": f"tables without a {GROUP_WORDS[how]['en']}"}
    else:
        text = {lang: f"{GROUP_WORDS[how][lang]} {label}" for lang in ("nl", "en")}
    return {"scope": text}


def score_brokers(rows, ctx, vocab) -> list[Finding]:
    """Members who are the only link between parts of their scope's network: without them it falls apart."""
    facts, ts, seats_at, nets = _networks(rows, ctx)
    out = []
    for key, label, tables_of, net in nets:
        splits = articulation_splits(net, min_part=ctx["min_part"])
        if not splits:
            continue
        central = betweenness(net)
        degree = net.degree()
        for split in splits:
            m = split["node"]
            parts = [sorted(facts.label(x) for x in p) for p in split["parts"]]
            evidence = {"scope": label or key, "component_size": split["component_size"], "parts": parts,
                        "part_sizes": [len(p) for p in parts], "degree": degree[m],
                        "betweenness": central[m], "tables": sorted(facts.label(t) for t in tables_of[m])}
            fields = {"size": split["component_size"], "parts": " + ".join(str(len(p)) for p in parts),
                      "tables": short_list(evidence["tables"]), **_scope_fields(ctx, key, label)}
            table_iris = tables_of[m]
            out.append(ctx.finding(
                m, facts.label(m), evidence, fields=fields, regions=_regions(facts, ts, table_iris),
                illustrative=any(ts[t].illustrative for t in table_iris),
                facts=[m, *_seat_facts(table_iris, seats_at)]))
    return out


def score_clusters(rows, ctx, vocab) -> list[Finding]:
    """Clusters of members who meet each other much more than the rest of their scope's network."""
    facts, ts, seats_at, nets = _networks(rows, ctx)
    out = []
    for key, label, tables_of, net in nets:
        found = communities(net, min_size=1)
        if len(found) < 2:
            continue
        community_of = {n: i for i, c in enumerate(found) for n in c}
        adjacency = net.graph.get_adjlist()
        neighbours_of = {n: [net.names[j] for j in adjacency[i]] for i, n in enumerate(net.names)}
        central = None
        degree = net.degree()
        members_of = defaultdict(set)
        for m, ts_of_m in tables_of.items():
            for t in ts_of_m:
                members_of[t].add(m)
        for i, members in enumerate(found):
            if len(members) < ctx["min_size"]:
                continue
            inside = set(members)
            linked = {community_of[x] for n in members for x in neighbours_of[n]} - {i}
            if not linked:  # a cluster is only worth reporting beside other clusters it meets
                continue
            central = central or betweenness(net)
            hub = max(members, key=lambda n: (degree[n], central[n], str(n)))
            bridges = sorted(facts.label(n) for n in members if any(community_of[x] != i for x in neighbours_of[n]))
            own_tables = sorted(facts.label(t) for t, ms in members_of.items() if ms <= inside)
            evidence = {"scope": label or key, "members": sorted(facts.label(n) for n in members),
                        "size": len(members), "tables_within": own_tables, "bridges": bridges,
                        "linked_clusters": len(linked)}
            fields = {"size": len(members), "hub": facts.label(hub), "bridges": short_list(bridges) or "-",
                      "linked": len(linked), **_scope_fields(ctx, key, label)}
            table_iris = {t for n in members for t in tables_of[n]}
            out.append(ctx.finding(
                hub, facts.label(hub), evidence, fields=fields, regions=_regions(facts, ts, table_iris),
                illustrative=any(ts[t].illustrative for t in table_iris),
                facts=[hub, *_seat_facts(table_iris, seats_at)]))
    return out
