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
from itertools import chain

from ..analytics.comembership import articulation_splits, betweenness, co_membership, communities
from ..findings import Finding
from .facts import active_members_by_table, active_tables, facts_of, short_list

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


class Scope:
    """One scope's network and what the rules derive from it. It is built once per set of selected tables
    and day (memoised on the facts, so ``brokers`` and ``clusters`` in one check share it), and each
    analysis is computed the first time a rule asks for it and kept: filled in once, never changed."""

    def __init__(self, key: str, tables_of: dict[str, set[str]], net):
        self.key, self.tables_of, self.net = key, tables_of, net
        self._splits: dict[int, list] = {}
        self._betweenness = self._communities = self._degree = None

    def splits(self, min_part: int) -> list[dict]:
        if min_part not in self._splits:
            self._splits[min_part] = articulation_splits(self.net, min_part=min_part)
        return self._splits[min_part]

    def betweenness(self) -> dict:
        if self._betweenness is None:
            self._betweenness = betweenness(self.net)
        return self._betweenness

    def communities(self) -> list[list]:
        if self._communities is None:
            self._communities = communities(self.net, min_size=1)
        return self._communities

    def degree(self) -> dict:
        if self._degree is None:
            self._degree = self.net.degree()
        return self._degree


def _networks(rows, ctx):
    """Facts, the selected tables, the active seats (seat, member) per selected table, the scopes with
    their networks (sorted by key), and a cache of what findings about each table rest on."""
    facts = facts_of(rows)
    today = ctx.today
    wanted = ctx.get("tables") or []
    ts = {i: t for i, t in active_tables(facts, today).items() if t.in_scope and (not wanted or _chosen(i, wanted))}
    how = ctx.get("scope") or "region"
    seats_at, scopes, known = facts.memo(("co-membership", today, how, frozenset(ts)),
                                         lambda: _scopes(facts, ts, today, how))
    return facts, ts, seats_at, scopes, known


def _scopes(facts, ts, today, how):
    seats_at = {t: pairs for t, pairs in active_members_by_table(facts, today).items() if t in ts}
    out = []
    for key, group in sorted(_groups(facts, ts, how).items()):
        tables_of = defaultdict(set)
        for t in group:
            for _, m in seats_at.get(t, ()):
                tables_of[m].add(t)
        if not tables_of:
            continue
        out.append(Scope(key, dict(tables_of), co_membership((m, t) for m, tm in tables_of.items() for t in tm)))
    return seats_at, out, {}


def _seat_facts(table_iris, seats_at, known: dict) -> set[str]:
    """What a finding about members of these tables rests on: the tables, their active seats and members
    (the network is their co-membership, so every seat at them counts). ``known`` keeps each table's part."""
    out = set()
    for t in table_iris:
        part = known.get(t)
        if part is None:
            part = known[t] = frozenset((t, *chain.from_iterable(seats_at.get(t, ()))))
        out |= part
    return out


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
    facts, ts, seats_at, scopes, known = _networks(rows, ctx)
    out = []
    for scope in scopes:
        splits = scope.splits(ctx["min_part"])
        if not splits:
            continue
        key, label = scope.key, facts.label(scope.key) if scope.key else ""
        central, degree = scope.betweenness(), scope.degree()
        for split in splits:
            m = split["node"]
            parts = [sorted(facts.label(x) for x in p) for p in split["parts"]]
            evidence = {"scope": label or key, "component_size": split["component_size"], "parts": parts,
                        "part_sizes": [len(p) for p in parts], "degree": degree[m],
                        "betweenness": central[m], "tables": sorted(facts.label(t) for t in scope.tables_of[m])}
            fields = {"size": split["component_size"], "parts": " + ".join(str(len(p)) for p in parts),
                      "tables": short_list(evidence["tables"]), **_scope_fields(ctx, key, label)}
            table_iris = scope.tables_of[m]
            out.append(ctx.finding(
                m, facts.label(m), evidence, fields=fields, regions=_regions(facts, ts, table_iris),
                illustrative=any(ts[t].illustrative for t in table_iris),
                facts=_seat_facts(table_iris, seats_at, known) | {m}))
    return out


def score_clusters(rows, ctx, vocab) -> list[Finding]:
    """Clusters of members who meet each other much more than the rest of their scope's network.

    Two members are linked exactly when they share a table, so what a cluster meets is read from its tables
    rather than from the links: a table whose members lie in two clusters or more links those clusters and
    makes each of its members a bridge; a table whose members all lie in one cluster is within it. The hub
    is the member with the most links, then the highest betweenness, then the greatest IRI."""
    facts, ts, seats_at, scopes, known = _networks(rows, ctx)
    out = []
    for scope in scopes:
        found = scope.communities()
        if len(found) < 2:
            continue
        tables_of, degree = scope.tables_of, scope.degree()
        community_of = {n: i for i, c in enumerate(found) for n in c}
        clusters_at = {t: {community_of[m] for _, m in seats_at[t]}
                       for t in {t for tm in tables_of.values() for t in tm}}
        key, label = scope.key, facts.label(scope.key) if scope.key else ""
        for i, members in enumerate(found):
            if len(members) < ctx["min_size"]:
                continue
            table_iris = {t for n in members for t in tables_of[n]}
            linked = set().union(*(clusters_at[t] for t in table_iris)) - {i}
            if not linked:  # a cluster is only worth reporting beside other clusters it meets
                continue
            top = max(degree[n] for n in members)
            tied = [n for n in members if degree[n] == top]
            # Betweenness breaks a tie in degree, unless the tied members sit at the same tables: then
            # swapping them maps the network onto itself, so their betweenness is the same too.
            twins = len({frozenset(tables_of[n]) for n in tied}) == 1
            central = {} if twins else scope.betweenness()
            hub = max(tied, key=lambda n: (degree[n], central.get(n, 0.0), str(n)))
            bridges = sorted(facts.label(n) for n in members if any(len(clusters_at[t]) > 1 for t in tables_of[n]))
            own_tables = sorted(facts.label(t) for t in table_iris if len(clusters_at[t]) == 1)
            evidence = {"scope": label or key, "members": sorted(facts.label(n) for n in members),
                        "size": len(members), "tables_within": own_tables, "bridges": bridges,
                        "linked_clusters": len(linked)}
            fields = {"size": len(members), "hub": facts.label(hub), "bridges": short_list(bridges) or "-",
                      "linked": len(linked), **_scope_fields(ctx, key, label)}
            out.append(ctx.finding(
                hub, facts.label(hub), evidence, fields=fields, regions=_regions(facts, ts, table_iris),
                illustrative=any(ts[t].illustrative for t in table_iris),
                facts=_seat_facts(table_iris, seats_at, known) | {hub}))
    return out
