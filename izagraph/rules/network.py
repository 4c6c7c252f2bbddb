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

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..analytics import comembership as cm
from ..findings import FactSet, Finding
from ..perf import sorted_unique, spans
from .facts import active_tables, facts_of, seat_columns, short_list

NO_GROUP = ""
GROUP_WORDS = {"region": {"nl": "regio", "en": "region"}, "programme": {"nl": "programma", "en": "programme"},
               "all": {"nl": "selectie", "en": "selection"}}
#: Part of every key of a stored analysis: what the analyses are and which igraph computes them, so a store
#: loaded with another izagraph or igraph is never read as if it were this one's.
ANALYSES = f"izagraph-network-1 {cm.ENGINE}"


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
    """One scope's network and what the rules derive from it, by number: member ``i`` is ``members[i]`` and
    table ``j`` is ``tables[j]`` (both sorted, so numbers sort as the IRIs do), and ``m[k]`` sits at ``t[k]``
    (each pair once, sorted by member, then table). It is built once per set of selected tables and day
    (memoised on the facts, so ``brokers`` and ``clusters`` in one check share it), and each analysis is
    computed the first time a rule asks for it and kept: filled in once, never changed.

    An analysis is first looked up in ``stored`` (what ``izagraph load`` computed for the networks of the
    default check, see :func:`precompute`) under the network's :meth:`digest`: the same memberships give
    the same network and igraph's seeded analyses give the same answer on it, so a stored answer is the
    answer. Only an unknown network is analysed here (and noted in ``record`` when one is given)."""

    def __init__(self, key: str, members: list[str], tables: list[str], m: np.ndarray, t: np.ndarray,
                 stored=None, record: dict | None = None):
        self.key, self.members, self.tables, self.m, self.t = key, members, tables, m, t
        self._stored = stored if stored is not None else {}
        self._record = record
        self._done: dict = {}
        self._net = self._digest = None
        self._starts = np.zeros(len(members) + 1, dtype=np.int64)  # m is sorted: where each member's pairs start
        self._starts[1:] = np.cumsum(np.bincount(m, minlength=len(members)))

    def digest(self) -> str:
        """A hash of the memberships (member IRIs, table IRIs, who sits where) and :data:`ANALYSES`: they
        determine the network, edge order included, and so every analysis of it."""
        if self._digest is None:
            h = hashlib.blake2b(digest_size=16)
            h.update("\n".join([ANALYSES, str(len(self.members)), *self.members, str(len(self.tables)),
                                *self.tables, ""]).encode())  # an IRI holds no line break
            h.update(np.ascontiguousarray(self.m, dtype=np.int32).tobytes())
            h.update(np.ascontiguousarray(self.t, dtype=np.int32).tobytes())
            self._digest = h.hexdigest()
        return self._digest

    @property
    def net(self) -> cm.Network:
        if self._net is None:
            self._net = cm.co_membership_ids(self.members, len(self.tables), self.m, self.t)
        return self._net

    def tables_at(self, i: int) -> np.ndarray:
        """The numbers of member ``i``'s tables, sorted."""
        return self.t[self._starts[i]:self._starts[i + 1]]

    def _analysis(self, name: str, compute) -> np.ndarray:
        value = self._done.get(name)
        if value is None:
            full = f"{self.digest()}.{name}"
            value = self._stored.get(full)
            if value is None or (value.ndim != 1 or len(value) != len(self.members)) and name in _PER_MEMBER:
                value = compute()
                if self._record is not None:
                    self._record[full] = value
            self._done[name] = value
        return value

    def degree(self) -> np.ndarray:
        """Links per member."""
        return self._analysis("degree", lambda: np.array(self.net.graph.degree(), dtype=np.int32))

    def betweenness(self) -> np.ndarray:
        """Normalised betweenness per member, rounded (:func:`~izagraph.analytics.comembership.betweenness`)."""
        return self._analysis("betweenness",
                              lambda: np.array(cm.betweenness_values(self.net.graph), dtype=np.float64))

    def labels(self) -> np.ndarray:
        """Per member the number of its cluster in :meth:`communities`."""
        def compute():
            found = sorted(cm.community_indices(self.net.graph), key=lambda c: (-len(c), c[0]))
            out = np.empty(len(self.members), dtype=np.int32)
            for i, c in enumerate(found):
                out[c] = i
            return out

        return self._analysis("communities", compute)

    def communities(self) -> list[np.ndarray]:
        """The Leiden clusters (:func:`~izagraph.analytics.comembership.communities`) as sorted arrays of
        member numbers, largest first."""
        if "clusters" not in self._done:
            labels = self.labels()
            order = np.argsort(labels, kind="stable")
            cuts = np.flatnonzero(np.diff(labels[order])) + 1
            self._done["clusters"] = np.split(order, cuts) if len(order) else []
        return self._done["clusters"]

    def splits(self, min_part: int) -> list[tuple[int, int, list[np.ndarray]]]:
        """(member, size of its connected part, the parts without it) per articulation point whose second
        largest part has at least ``min_part`` members (:func:`~izagraph.analytics.comembership.split_indices`)."""
        name = f"splits-{min_part}"
        if name + "-read" not in self._done:
            found = _read_splits(self._analysis(name, lambda: _flat_splits(cm.split_indices(self.net.graph, min_part))),
                                 len(self.members))
            if found is None:  # a stored value that cannot be these splits: analysed here
                self._done[name] = _flat_splits(cm.split_indices(self.net.graph, min_part))
                found = _read_splits(self._done[name], len(self.members))
            self._done[name + "-read"] = found
        return self._done[name + "-read"]


def _firsts(sorted_values: np.ndarray) -> np.ndarray:
    """Where each run of equal values in a sorted array starts."""
    return np.r_[True, sorted_values[1:] != sorted_values[:-1]] if len(sorted_values) else np.zeros(0, bool)


_PER_MEMBER = {"degree", "betweenness", "communities"}


def _flat_splits(splits) -> np.ndarray:
    """Splits as one int32 array: per split its member, size, number of parts, then per part its length
    and members."""
    out: list[int] = []
    for v, size, parts in splits:
        out += [v, size, len(parts)]
        for p in parts:
            out += [len(p), *p]
    return np.array(out, dtype=np.int32)


def _read_splits(flat: np.ndarray, n_members: int) -> list[tuple[int, int, list[np.ndarray]]] | None:
    """The splits :func:`_flat_splits` wrote, or None when ``flat`` cannot hold splits of ``n_members``."""
    out, k = [], 0
    if flat.ndim != 1 or len(flat) and (flat.min() < 0 or flat.max() > n_members):
        return None
    while k < len(flat):
        if k + 3 > len(flat):
            return None
        v, size, n = (int(x) for x in flat[k:k + 3])
        k += 3
        parts = []
        for _ in range(n):
            length = int(flat[k]) if k < len(flat) else -1
            if length < 0 or k + 1 + length > len(flat) or length and flat[k + 1:k + 1 + length].max() >= n_members:
                return None
            parts.append(flat[k + 1:k + 1 + length])
            k += 1 + length
        if v >= n_members or size > n_members:
            return None
        out.append((v, size, parts))
    return out


def _networks(rows, ctx):
    """Facts, the selected tables, the active seats at them (:class:`_Seated`), the scopes with their
    networks (sorted by key), and a cache of what findings about each scope's tables rest on."""
    facts = facts_of(rows)
    return (facts, *_selected(facts, ctx.today, ctx.get("tables") or [], ctx.get("scope") or "region"))


def _selected(facts, today, wanted: list[str], how: str, record: dict | None = None):
    ts = {i: t for i, t in active_tables(facts, today).items() if t.in_scope and (not wanted or _chosen(i, wanted))}
    seated, scopes, known = facts.memo(("co-membership", today, how, frozenset(ts)),
                                       lambda: _scopes(facts, ts, today, how, record))
    return ts, seated, scopes, known


@dataclass(frozen=True)
class _Seated:
    """The active seats at the selected tables with any, by number: table ``g`` is ``tables[g]`` (sorted),
    with the id ``table_ids[g]``, and its seats are rows ``ptr[g]:ptr[g + 1]`` of ``seat`` and ``member``
    (ids of :meth:`Facts.ids`)."""

    tables: list[str]
    number: dict[str, int]
    table_ids: np.ndarray
    ptr: np.ndarray
    seat: np.ndarray
    member: np.ndarray

    def fact_ids(self, at: np.ndarray) -> np.ndarray:
        """What a finding about members at the tables numbered ``at`` rests on, as ids: the tables, their
        active seats and members (the network is their co-membership, so every seat at them counts)."""
        rows = spans(self.ptr[at], self.ptr[at + 1] - self.ptr[at])
        return np.concatenate([self.table_ids[at], self.seat[rows], self.member[rows]])


def _ranked(ids: np.ndarray, names: np.ndarray) -> tuple[list, np.ndarray, np.ndarray]:
    """The distinct ids' values sorted, the ids in that order, and per id its place in it (-1: not among them)."""
    distinct = sorted_unique(ids)
    text = names[distinct].tolist()
    order = sorted(range(len(text)), key=text.__getitem__)
    rank = np.full(len(names), -1, dtype=np.int64)
    rank[distinct[order]] = np.arange(len(text))
    return [text[i] for i in order], distinct[order], rank


def _scopes(facts, ts, today, how, record=None):
    """The scopes' networks from one array of (member, table) numbers for all selected tables, read from the
    active seats' id columns: each scope takes its tables' pairs and numbers their members and tables anew,
    in the same sorted order."""
    cols, names = seat_columns(facts, today), facts.id_array()
    seated_at = sorted_unique(cols.table)
    selected = np.zeros(len(names), dtype=bool)  # per id: a selected table
    selected[seated_at[[t in ts for t in names[seated_at].tolist()]]] = True
    rows = np.flatnonzero(selected[cols.table])
    tables, table_ids, table_rank = _ranked(cols.table[rows], names)
    members, _, member_rank = _ranked(cols.member[rows], names)
    row_table, row_member = table_rank[cols.table[rows]], member_rank[cols.member[rows]]
    by_table = np.argsort(row_table, kind="stable")
    ptr = np.zeros(len(tables) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.bincount(row_table, minlength=len(tables)))
    tindex = dict(zip(tables, range(len(tables))))
    seated = _Seated(tables, tindex, table_ids, ptr, cols.seat[rows][by_table], cols.member[rows][by_table])
    bits = max(1, (len(tables) - 1).bit_length())
    pairs = sorted_unique((row_member << bits) | row_table)  # each (member, table) once, by member then table
    pm, pt = pairs >> bits, pairs & ((1 << bits) - 1)
    at_table = np.argsort(pt, kind="stable")  # the pairs of each table: at_table[pair_ptr[j]:pair_ptr[j + 1]]
    pair_ptr = np.zeros(len(tables) + 1, dtype=np.int64)
    pair_ptr[1:] = np.cumsum(np.bincount(pt, minlength=len(tables)))
    # what the load stored with the snapshot (see stored_analyses), else nothing
    stored = facts.memo("network-analyses", lambda: unpack(facts.memo("stored-analyses", dict)))
    out, member_names, table_names = [], np.array(members, dtype=object), np.array(tables, dtype=object)
    for key, group in sorted(_groups(facts, ts, how).items()):
        chosen = np.array([tindex[t] for t in group if t in tindex], dtype=np.int64)
        keep = at_table[spans(pair_ptr[chosen], pair_ptr[chosen + 1] - pair_ptr[chosen])]
        if not len(keep):
            continue
        keep.sort()  # the scope's pairs in the order of all pairs: by member, then table
        gm, gt = pm[keep], pt[keep]
        first = _firsts(gm)  # the scope's members and tables, numbered anew in the same order
        present = np.zeros(len(tables), dtype=bool)
        present[gt] = True
        out.append(Scope(key, member_names[gm[first]].tolist(), table_names[present].tolist(),
                         (np.cumsum(first) - 1).astype(np.int32), (np.cumsum(present) - 1)[gt].astype(np.int32),
                         stored, record))
    return seated, out, {}


def _table_parts(ts, seated: _Seated, known: dict, scope: Scope) -> tuple[np.ndarray, list, np.ndarray]:
    """Per table of the scope, by number: its number in ``seated``, its regions, and whether it is
    illustrative. ``known`` keeps them per scope."""
    got = known.get(("scope", scope.key))
    if got is None:
        got = known[("scope", scope.key)] = (
            np.array([seated.number[t] for t in scope.tables], dtype=np.int64),
            [ts[t].spatial for t in scope.tables], np.array([ts[t].illustrative for t in scope.tables], dtype=bool))
    return got


def _rests_on(facts, seated: _Seated, parts, at: list[int], subject: str) -> tuple[FactSet, dict[str, str], bool]:
    """What a finding about ``subject``, a member at the tables numbered ``at``, rests on (their seats, see
    :meth:`_Seated.fact_ids`, and the subject), their regions (IRI -> label), and whether any is illustrative."""
    number, regions, illustrative = parts
    spatial = frozenset().union(*[regions[j] for j in at])
    return (FactSet([facts.fact_ids(seated.fact_ids(number[at]))], subject), {r: facts.label(r) for r in spatial},
            bool(illustrative[at].any()))


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
    facts, ts, seated, scopes, known = _networks(rows, ctx)
    out = []
    for scope in scopes:
        splits = scope.splits(ctx["min_part"])
        if not splits:
            continue
        key, label = scope.key, facts.label(scope.key) if scope.key else ""
        central, degree = scope.betweenness(), scope.degree()
        for v, size, found in splits:
            m = scope.members[v]
            parts = [sorted(facts.label(scope.members[x]) for x in p.tolist()) for p in found]
            at = scope.tables_at(v).tolist()
            table_iris = [scope.tables[j] for j in at]
            evidence = {"scope": label or key, "component_size": size, "parts": parts,
                        "part_sizes": [len(p) for p in parts], "degree": int(degree[v]),
                        "betweenness": float(central[v]), "tables": sorted(facts.label(t) for t in table_iris)}
            fields = {"size": size, "parts": " + ".join(str(len(p)) for p in parts),
                      "tables": short_list(evidence["tables"]), **_scope_fields(ctx, key, label)}
            rests_on, regions, illustrative = _rests_on(facts, seated, _table_parts(ts, seated, known, scope), at, m)
            out.append(ctx.finding(m, facts.label(m), evidence, fields=fields, regions=regions,
                                   illustrative=illustrative, facts=rests_on))
    return out


def _clusters(scope: Scope, min_size: int):
    """Per cluster worth reporting: its members, its tables, its hub, its bridges (members at a table
    shared with another cluster), its own tables (whose members all lie in it) and how many clusters it
    meets, all by number. See :func:`score_clusters`."""
    found = scope.communities()
    if len(found) < 2:
        return
    labels, m, t = scope.labels(), scope.m, scope.t
    at = np.zeros((len(found), len(scope.tables)), dtype=bool)  # cluster i has a member at table j
    at[labels[m], t] = True
    spread = at.sum(axis=0)  # clusters per table
    bridge = np.zeros(len(scope.members), dtype=bool)
    bridge[m[spread[t] > 1]] = True
    # a cluster meets itself at its own tables; it is only worth reporting beside other clusters it meets
    linked = ((at.astype(np.int32) @ at.T.astype(np.int32)) > 0).sum(axis=1) - 1
    degree = scope.degree()
    top = np.zeros(len(found), dtype=degree.dtype)
    np.maximum.at(top, labels, degree)
    is_top = degree == top[labels]  # the members with the most links in their cluster
    n_top = np.bincount(labels[is_top], minlength=len(found))
    sizes = np.array([len(c) for c in found])
    for i in np.flatnonzero((sizes >= min_size) & (linked > 0)).tolist():
        members = found[i]
        tied = members[is_top[members]]
        hub = int(tied[-1])
        # Betweenness breaks a tie in degree, unless the tied members sit at the same tables: then swapping
        # them maps the network onto itself, so their betweenness is the same too and the IRI decides.
        if n_top[i] > 1:
            first = scope.tables_at(hub)
            if not all(np.array_equal(scope.tables_at(n), first) for n in tied[:-1].tolist()):
                central = scope.betweenness()
                hub = max(tied.tolist(), key=lambda n: (central[n], n))
        tables = np.flatnonzero(at[i])
        yield members, tables, hub, members[bridge[members]], tables[spread[tables] == 1], int(linked[i])


def score_clusters(rows, ctx, vocab) -> list[Finding]:
    """Clusters of members who meet each other much more than the rest of their scope's network.

    Two members are linked exactly when they share a table, so what a cluster meets is read from its tables
    rather than from the links: a table whose members lie in two clusters or more links those clusters and
    makes each of its members a bridge; a table whose members all lie in one cluster is within it. The hub
    is the member with the most links, then the highest betweenness, then the greatest IRI."""
    facts, ts, seated, scopes, known = _networks(rows, ctx)
    out = []
    for scope in scopes:
        key, label = scope.key, facts.label(scope.key) if scope.key else ""
        names, tables, named = scope.members, scope.tables, None
        for members, at, hub, bridging, own, linked in _clusters(scope, ctx["min_size"]):
            if named is None:
                named = facts.labels(names)
            bridges = sorted([named[n] for n in bridging.tolist()])
            evidence = {"scope": label or key, "members": sorted([named[n] for n in members.tolist()]),
                        "size": len(members), "tables_within": sorted(facts.label(tables[j]) for j in own.tolist()),
                        "bridges": bridges, "linked_clusters": linked}
            fields = {"size": len(members), "hub": named[hub], "bridges": short_list(bridges) or "-",
                      "linked": linked, **_scope_fields(ctx, key, label)}
            rests_on, regions, illustrative = _rests_on(facts, seated, _table_parts(ts, seated, known, scope),
                                                        at.tolist(), names[hub])
            out.append(ctx.finding(names[hub], named[hub], evidence, fields=fields, regions=regions,
                                   illustrative=illustrative, facts=rests_on))
    return out


def precompute(facts, today, min_part: int, min_size: int) -> dict[str, np.ndarray]:
    """What a check with the default parameters asks of the networks on ``today`` (per region, every table
    in scope): the splits and degrees for ``brokers`` with ``min_part``, the clusters and degrees for
    ``clusters`` with ``min_size``, and the betweenness where either needs it; keyed by network
    :meth:`Scope.digest` and analysis, for ``izagraph load`` to store with the snapshot."""
    record: dict[str, np.ndarray] = {}
    for scope in _selected(facts, today, [], "region", record)[2]:
        if scope.splits(min_part):
            scope.betweenness()
            scope.degree()
        for _ in _clusters(scope, min_size):
            pass
    return record


def stored_analyses(snapshot, live, today: dt.date | None = None) -> dict[str, np.ndarray]:
    """:func:`precompute` on the facts a check reads from ``snapshot`` (``live``: the store it was built
    from), on ``today`` (default: the day of the load) with the rules' default parameters, packed
    (:func:`pack`): what ``izagraph load`` keeps with the snapshot."""
    from ..queries import load_query

    def default(rule: str, name: str) -> int:
        return int(load_query(rule, "sparql").header["params"][name]["default"])

    query = load_query("clusters", "sparql")
    rows = snapshot.shared_rows(query, {name: None for name in ("region", "programme", "theme")}, live)
    return pack(precompute(rows.facts, today or dt.date.today(), default("brokers", "min_part"),
                           default("clusters", "min_size")))


_KINDS = ("int32", "float64")


def pack(analyses: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Analyses as six arrays (a file with an array per analysis reads slowly): per kind of number, the
    names, where each one's values end, and all values one after the other.

    >>> packed = pack({"a.degree": np.array([1, 2], dtype=np.int32), "a.betweenness": np.array([0.5])})
    >>> {name: list(values) for name, values in unpack(packed).items()} == {"a.degree": [1, 2], "a.betweenness": [0.5]}
    True
    """
    out = {}
    for kind in _KINDS:
        names = sorted(n for n, a in analyses.items() if a.dtype == kind)
        out[f"{kind}-names"] = np.array(names, dtype=str)
        out[f"{kind}-ends"] = np.cumsum([len(analyses[n]) for n in names], dtype=np.int64)
        out[f"{kind}-values"] = np.concatenate([analyses[n] for n in names]) if names else np.empty(0, kind)
    return out


def unpack(arrays) -> dict[str, np.ndarray]:
    """The analyses :func:`pack` packed (none when ``arrays`` holds none)."""
    out = {}
    for kind in _KINDS:
        if f"{kind}-values" not in arrays:
            continue
        names, ends, values = arrays[f"{kind}-names"], arrays[f"{kind}-ends"], arrays[f"{kind}-values"]
        starts = [0, *ends[:-1].tolist()]
        for name, a, b in zip(names.tolist(), starts, ends.tolist()):
            out[name] = values[a:b]
    return out
