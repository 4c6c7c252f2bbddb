"""Why ``brokers`` and ``clusters`` build their network in igraph, and how they share it, measured in one run.

On the synthetic national graph (``izagraph generate``, scale 1: 5,000 organisations, 2,000 tables, 44,000
active memberships; or a loaded store with ``--store``) it takes the rows of ``brokers`` and then, for the
default scope (one network per region), times the network work of each rule with three libraries side by side:

- brokers: projection onto the members, articulation points with the parts they split, betweenness;
- clusters: projection and communities (networkx greedy modularity; igraph fast greedy, the same
  algorithm in C; Leiden, seeded, in igraph itself and through the ``leidenalg`` package when it is
  installed; rustworkx, when installed, has no community detection);

then the choices inside the two rules on the shared snapshot facts (the work each rule did alone before, beside
what they do now: one network per scope shared by both rules, betweenness only where a hub is tied, clusters'
links read from their tables), the two rules end to end, and with ``--national`` the old single national network
in networkx for comparison (about a minute each). Every library and every variant must give the same answers.
Not a test: timings depend on the machine. Figures are CPU seconds of this process
(``time.process_time``): on a shared machine (2 cores, 8 users) wall time mostly measures the other
users; the end-to-end line also gives wall time.

    .venv/bin/python benchmarks/bench_network.py [--store DIR | --small] [--national]
"""
from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from izagraph.analytics import coaffiliation as nxnet  # noqa: E402
from izagraph.analytics import comembership as ignet  # noqa: E402
from izagraph.backends.sparql import OxigraphBackend  # noqa: E402
from izagraph.load import read_inputs  # noqa: E402
from izagraph.rules import check, get_rule  # noqa: E402
from izagraph.rules import network  # noqa: E402
from izagraph.rules.network import _networks  # noqa: E402
from izagraph.synthetic import generate  # noqa: E402
from izagraph.vocab import vocabulary  # noqa: E402


def timed(fn):
    t = time.process_time()
    value = fn()
    return value, time.process_time() - t


def walled(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def groups(rows, ctx) -> list[list[tuple[str, str]]]:
    """(member, table) pairs per scope, as the rule groups them."""
    scopes = _networks(rows, ctx)[3]
    return [sorted(pairs_of(scope)) for scope in scopes]


def pairs_of(scope) -> list[tuple[str, str]]:
    return [(scope.members[i], scope.tables[j]) for i, j in zip(scope.m.tolist(), scope.t.tolist())]


def tables_of(scope) -> dict[str, set[str]]:
    """Member -> its tables in the scope."""
    out = defaultdict(set)
    for m, t in pairs_of(scope):
        out[m].add(t)
    return out


# -- the three libraries ---------------------------------------------------------------------------

def nx_brokers(pairs):
    G = nxnet.co_membership(nxnet.affiliation_graph(pairs))
    splits = nxnet.articulation_splits(G, 2)
    if splits:
        nxnet.centrality(G)
    return [s["node"] for s in splits]


def nx_clusters(pairs):
    G = nxnet.co_membership(nxnet.affiliation_graph(pairs))
    return nxnet.communities(G)


def ig_brokers(pairs):
    net = ignet.co_membership(pairs)
    splits = ignet.articulation_splits(net, 2)
    if splits:
        ignet.betweenness(net)
    return [s["node"] for s in splits]


def per_component(pairs, find) -> list:
    """Clusters found by ``find(subgraph)`` in each connected part with links."""
    net = ignet.co_membership(pairs)
    out = []
    for comp in net.graph.connected_components():
        H = net.graph.induced_subgraph(comp)
        if H.ecount():
            out.extend(find(H))
    return out


def ig_fastgreedy(pairs):
    return per_component(pairs, lambda H: H.community_fastgreedy(weights="weight").as_clustering())


def ig_leiden(pairs):
    return ignet.communities(ignet.co_membership(pairs))


def leidenalg_leiden(pairs):
    import leidenalg

    return per_component(pairs, lambda H: leidenalg.find_partition(H, leidenalg.ModularityVertexPartition,
                                                                   weights="weight", seed=ignet.SEED))


def rx_brokers(pairs):
    rx = rustworkx

    members = sorted({m for m, _ in pairs})
    index = {m: i for i, m in enumerate(members)}
    at = defaultdict(list)
    for m, t in pairs:
        at[t].append(index[m])
    weight = Counter()
    for ms in at.values():  # rustworkx has no bipartite projection: count shared tables in Python
        ms.sort()
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                weight[a, b] += 1
    G = rx.PyGraph()
    G.add_nodes_from(members)
    G.add_edges_from([(a, b, w) for (a, b), w in weight.items()])
    nodes = []
    for v in sorted(rx.articulation_points(G), key=lambda i: members[i]):
        comp = next(c for c in rx.connected_components(G) if v in c)
        sub = G.subgraph([i for i in comp if i != v])
        parts = sorted((len(c) for c in rx.connected_components(sub)), reverse=True)
        if len(parts) >= 2 and parts[1] >= 2:
            nodes.append(members[v])
    if nodes:
        rx.betweenness_centrality(G, normalized=True)
    return nodes


def run_all(fn, scoped) -> tuple[list, float]:
    t = time.process_time()
    out = [fn(p) for p in scoped]
    return out, time.process_time() - t


try:  # optional libraries, imported once per process: not part of any measured time
    import leidenalg
except ImportError:
    leidenalg = None
try:
    import rustworkx
except ImportError:
    rustworkx = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a loaded store with its snapshot (default: generate one)")
    parser.add_argument("--small", action="store_true", help="scale 0.1: 500 organisations, 200 tables")
    parser.add_argument("--national", action="store_true", help="also time the old national network in networkx")
    args = parser.parse_args()
    if args.store:
        backend = OxigraphBackend.from_store(args.store)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(Path(tmp) / "synthetic", scale=0.1 if args.small else 1.0, seed=1)
            graph, _, problems = read_inputs([folder])
            assert not problems, problems[:3]
            backend = OxigraphBackend.from_graph(graph, snapshot=True)
        del graph
        gc.collect()
    vocab = vocabulary()
    check(backend)  # all rules: builds the facts they share, the tables and seats (once per check)
    derived = dict(backend.snapshot._shared["facts"]._memo)

    rule = get_rule("brokers")
    ctx = rule.context({})
    rows, t_extract = timed(lambda: backend.snapshot.shared_rows(rule.query(), ctx.bound(), backend))
    scoped, t_group = timed(lambda: groups(rows, ctx))
    n_pairs = sum(map(len, scoped))
    print(f"synthetic graph: rows of brokers on the shared facts {t_extract:.2f} s; {len(scoped)} scopes (regions), "
          f"{n_pairs:,} active seats; grouping and networks {t_group:.2f} s")

    b_nx, t_b_nx = run_all(nx_brokers, scoped)
    b_ig, t_b_ig = run_all(ig_brokers, scoped)
    b_rx, t_b_rx = run_all(rx_brokers, scoped) if rustworkx else (b_ig, None)
    c_nx, t_c_nx = run_all(nx_clusters, scoped)
    _, t_c_fg = run_all(ig_fastgreedy, scoped)
    c_ld, t_c_ld = run_all(ig_leiden, scoped)
    t_c_la = run_all(leidenalg_leiden, scoped)[1] if leidenalg else None
    assert b_nx == b_ig == b_rx, "the libraries disagree about the brokers"

    def cell(t):
        return f"{t:9.2f}s" if t is not None else f"{'(absent)':>10}"

    print()
    print(f"{'per-region network work (CPU seconds)':44}  {'networkx':>10}  {'igraph':>10}  {'rustworkx':>10}")
    print(f"{'brokers: projection + splits + betweenness':44}  {t_b_nx:9.2f}s  {t_b_ig:9.2f}s  {cell(t_b_rx)}")
    print(f"{'clusters: projection + greedy modularity':44}  {t_c_nx:9.2f}s  {t_c_fg:9.2f}s  {'n/a':>10}")
    print(f"{'clusters: projection + Leiden (igraph)':44}  {'n/a':>10}  {t_c_ld:9.2f}s  {'n/a':>10}")
    print(f"{'clusters: projection + Leiden (leidenalg)':44}  {'n/a':>10}  {cell(t_c_la)}  {'n/a':>10}")
    print(f"brokers found: {sum(map(len, b_ig))}; clusters (Leiden): {sum(map(len, c_ld))}, "
          f"(networkx greedy): {sum(map(len, c_nx))}")

    choices(backend, vocab, derived)
    stored(backend, vocab, derived)

    print()
    shared = backend.snapshot._shared["facts"]
    for rid in ("brokers", "clusters"):  # each alone: it builds the networks (a check after it finds them built)
        shared._memo.clear()
        shared._memo.update(derived)
        r = get_rule(rid)
        c = r.context({})
        rows_r, t_x = timed(lambda: backend.snapshot.shared_rows(r.query(), c.bound(), backend))
        found, t_s = timed(lambda: r.score(rows_r, c, vocab))
        report, t_wall = walled(lambda: check(backend, [rid]))
        print(f"{rid:9} end to end: rows {t_x:.2f} + scoring {t_s:.2f} CPU s (check: wall {t_wall:.2f} s), "
              f"{len(report.findings)} findings")
    if args.national:
        pairs = sorted({p for s in scoped for p in s})
        _, t_nb = timed(lambda: nx_brokers(pairs))
        _, t_nc = timed(lambda: nx_clusters(pairs))
        _, t_ib = timed(lambda: ig_brokers(pairs))
        print(f"\nold: one national network in networkx: brokers {t_nb:.1f} s, clusters {t_nc:.1f} s "
              f"(igraph on the same national network: brokers {t_ib:.2f} s)")


# -- the choices inside the rules, side by side ------------------------------------------------------

def choices(backend, vocab, derived: dict) -> None:
    """Each rule building its own networks (as before) beside one set shared by both; betweenness on every
    scope, on the scopes with a hub tied in degree, on those whose tied members are not twins; what a cluster
    meets read from the links (adjacency lists) beside from its tables. Same answers asserted."""
    shared = backend.snapshot._shared["facts"]
    rules = [(r, r.context({})) for r in map(get_rule, ("brokers", "clusters"))]

    def reset():  # back to what the first check derived: tables and seats
        shared._memo.clear()
        shared._memo.update(derived)

    def both(share: bool) -> float:
        reset()
        t = time.process_time()
        for r, c in rules:
            r.score(backend.snapshot.shared_rows(r.query(), c.bound(), backend), c, vocab)
            if not share:  # the second rule builds the networks again
                reset()
        spent = time.process_time() - t
        reset()
        return spent

    t_own, t_shared = min(both(False) for _ in range(2)), min(both(True) for _ in range(2))

    r, c = rules[1]
    rows = backend.snapshot.shared_rows(r.query(), c.bound(), backend)
    _, _, seats_at, scopes, _ = _networks(rows, c)
    min_size = c["min_size"]
    tied, not_twins = [], []
    for scope in scopes:
        found = ignet.communities(scope.net)
        degree = scope.net.degree()
        ties = [[n for n in members if degree[n] == max(degree[m] for m in members)]
                for members in found if len(members) >= min_size]
        ties = [t for t in ties if len(t) > 1] if len(found) > 1 else []
        if ties:
            tied.append(scope)
        if any(len({frozenset(tables_of(scope)[n]) for n in t}) > 1 for t in ties):
            not_twins.append(scope)
    central, t_all = run_all(lambda s: ignet.betweenness(s.net), scopes)
    twin_groups = 0  # members at the same tables are twins: their (rounded) betweenness must be equal
    for scope, values in zip(scopes, central):
        same_tables = defaultdict(list)
        for n, ts in tables_of(scope).items():
            same_tables[frozenset(ts)].append(values[n])
        for group in same_tables.values():
            if len(group) > 1:
                twin_groups += 1
                assert len(set(group)) == 1, "twins with a different betweenness"
    _, t_tied = run_all(lambda s: ignet.betweenness(s.net), tied)
    _, t_twins = run_all(lambda s: ignet.betweenness(s.net), not_twins)

    communities = {id(scope): ignet.communities(scope.net) for scope in scopes}  # Leiden: not compared here

    def by_links(scope):  # (clusters met, bridges) per cluster, from the adjacency lists
        found = communities[id(scope)]
        index = {n: i for i, n in enumerate(scope.net.names)}
        community_of = [0] * len(index)
        for i, members in enumerate(found):
            for n in members:
                community_of[index[n]] = i
        adjacency = scope.net.graph.get_adjlist()
        return [(sorted({i} | {community_of[x] for n in members for x in adjacency[index[n]]}),
                 sorted(n for n in members if any(community_of[x] != i for x in adjacency[index[n]])))
                for i, members in enumerate(found)]

    def by_tables(scope):  # the same from the tables: a table with members in two clusters links them
        found = communities[id(scope)]
        community_of = {n: i for i, members in enumerate(found) for n in members}
        where = tables_of(scope)
        at = {t: {community_of[m] for _, m in seats_at[t]} for t in scope.tables}
        return [(sorted({i}.union(*(at[t] for n in members for t in where[n]))),
                 sorted(n for n in members if any(len(at[t]) > 1 for t in where[n])))
                for i, members in enumerate(found)]

    links, t_links = run_all(by_links, scopes)
    tables, t_tables = run_all(by_tables, scopes)
    assert links == tables, "links and tables disagree about what the clusters meet or their bridges"
    print()
    print("inside the rules on the shared snapshot facts (CPU seconds)")
    print(f"  brokers + clusters, each building its own networks {t_own:9.2f}s   one set shared {t_shared:9.2f}s")
    print(f"  betweenness: every scope ({len(scopes)}) {t_all:.2f}s; scopes with a tied hub ({len(tied)}) "
          f"{t_tied:.2f}s; tied members not twins ({len(not_twins)}) {t_twins:.2f}s; "
          f"{twin_groups:,} groups of twins, each with one betweenness")
    print(f"  what each cluster meets and its bridges: from the links {t_links:.2f}s, from its tables "
          f"{t_tables:.2f}s")


# -- networks by number, and the analyses stored at load ----------------------------------------------

def by_name(facts, ts, today, how):
    """The scopes' networks as the rules built them before: per scope a dict member -> tables and the
    (member, table) pairs projected by name."""
    seats_at = {t: pairs for t, pairs in network.active_members_by_table(facts, today).items() if t in ts}
    out = []
    for key, group in sorted(network._groups(facts, ts, how).items()):
        where = defaultdict(set)
        for t in group:
            for _, m in seats_at.get(t, ()):
                where[m].add(t)
        if where:
            out.append((key, dict(where), ignet.co_membership((m, t) for m, tm in where.items() for t in tm)))
    return out


def stored(backend, vocab, derived: dict) -> None:
    """The networks built by name per scope (before) beside by number from one array (now); what ``izagraph
    load`` adds to compute the analyses it stores; and the two rules in one pass with those analyses beside
    computing them (same findings asserted)."""
    from izagraph.snapshot import Snapshot

    snap = backend.snapshot
    shared = snap._shared["facts"]
    rules = [(r, r.context({})) for r in map(get_rule, ("brokers", "clusters"))]
    rows = snap.shared_rows(rules[1][0].query(), rules[1][1].bound(), backend)
    facts, today = rows.facts, rules[1][1].today
    ts = {i: t for i, t in network.active_tables(facts, today).items() if t.in_scope}
    network.active_members_by_table(facts, today)
    old, t_old = timed(lambda: by_name(facts, ts, today, "region"))
    new, t_new = timed(lambda: network._scopes(facts, ts, today, "region")[1])
    for scope in new:
        scope.net  # noqa: B018  (the projection: part of what the rules did before, in the time above)
    _, t_project = timed(lambda: [network.Scope(s.key, s.members, s.tables, s.m, s.t).net for s in new])
    assert [(k, w) for k, w, _ in old] == [(s.key, tables_of(s)) for s in new], "the scopes differ"
    assert [n.edges() for _, _, n in old] == [s.net.edges() for s in new], "the networks differ"

    fresh = Snapshot(snap.values, snap.blocks, snap.built)  # as at load: the facts are built there too
    rows_at_load, t_facts = timed(lambda: fresh.shared_rows(rules[1][0].query(), rules[1][1].bound(), backend))
    packed, t_load = timed(lambda: network.pack(network.precompute(
        rows_at_load.facts, today, rules[0][1]["min_part"], rules[1][1]["min_size"])))
    analyses = network.unpack(packed)
    size = sum(a.nbytes for a in packed.values())

    def one_pass(use: dict) -> tuple[list, float]:
        shared._memo.clear()
        shared._memo.update(derived)
        shared._memo["network-analyses"] = use
        t = time.process_time()
        found = [f for r, c in rules for f in r.score(snap.shared_rows(r.query(), c.bound(), backend), c, vocab)]
        return found, time.process_time() - t

    runs = {name: [one_pass(use) for _ in range(3)] for name, use in (("live", {}), ("stored", analyses))}
    shared._memo.clear()
    shared._memo.update(derived)
    live, kept = ([{**f.to_dict(), "facts": sorted(f.facts)} for f in runs[k][0][0]] for k in ("live", "stored"))
    assert live == kept, "stored analyses give other findings"
    print()
    print("networks by number and the analyses stored at load (CPU seconds)")
    print(f"  scopes' networks: by name per scope (before) {t_old:.2f}s; by number from one array {t_new:.2f}s "
          f"+ projection where needed {t_project:.2f}s; {len(new)} scopes, same networks")
    print(f"  at load: shared facts {t_facts:.2f}s (built anyway by the check), analyses of the default check "
          f"{t_load:.2f}s: {len(analyses)} arrays, {size / 1e6:.1f} MB")
    print(f"  brokers + clusters in one pass: analysing live {min(t for _, t in runs['live']):.2f}s, with the "
          f"stored analyses {min(t for _, t in runs['stored']):.2f}s ({len(live)} findings, the same)")


if __name__ == "__main__":
    main()
