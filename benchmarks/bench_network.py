"""Why ``brokers`` and ``clusters`` build their network in igraph (+ leidenalg), measured in one run.

On the synthetic national graph (default: 5,000 organisations, 2,000 tables, 50,000 memberships) it
extracts the rows of ``brokers`` once and then, for the default scope (one network per region, 38
regions), times the network work of each rule with three libraries side by side:

- brokers: projection onto the members, articulation points with the parts they split, betweenness;
- clusters: projection and communities (networkx greedy modularity; igraph fast greedy, the same
  algorithm in C; Leiden, seeded, in igraph itself and through the ``leidenalg`` package when it is
  installed; rustworkx has no community detection);

then the two rules end to end (extraction + scoring) and, with ``--national``, the old single national
network in networkx for comparison (about a minute each). Every library must give the same splits.
Not a test: timings depend on the machine. Figures are CPU seconds of this process
(``time.process_time``): on a shared machine (2 cores, 8 users) wall time mostly measures the other
users; the end-to-end line also gives wall time.

    .venv/bin/python benchmarks/bench_network.py [--small] [--national]
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

from benchmarks.synthetic import generate  # noqa: E402
from izagraph.analytics import coaffiliation as nxnet  # noqa: E402
from izagraph.analytics import comembership as ignet  # noqa: E402
from izagraph.backends.sparql import OxigraphBackend  # noqa: E402
from izagraph.load import read_inputs  # noqa: E402
from izagraph.rules import check, get_rule  # noqa: E402
from izagraph.rules.network import _networks  # noqa: E402
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
    _, _, nets = _networks(rows, ctx)
    out = []
    for _, _, tables_of, _, _ in nets:
        out.append(sorted((m, t) for m, ts in tables_of.items() for t in ts))
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
    import rustworkx as rx

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="500 organisations, 200 tables, 5,000 memberships")
    parser.add_argument("--national", action="store_true", help="also time the old national network in networkx")
    args = parser.parse_args()
    size = dict(organisations=500, tables=200, memberships=5000) if args.small else {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "synthetic", **size)
        graph, _, problems = read_inputs([folder])
        assert not problems, problems[:3]
        backend = OxigraphBackend.from_graph(graph)
    del graph
    gc.collect()
    vocabulary()
    try:
        import leidenalg  # noqa: F401  (imported once per process: not part of the measured time)
    except ImportError:
        leidenalg = None

    rule = get_rule("brokers")
    ctx = rule.context({})
    rows, t_extract = timed(lambda: backend.rows(rule.query(), ctx.bound()))
    scoped, t_group = timed(lambda: groups(rows, ctx))
    n_pairs = sum(map(len, scoped))
    print(f"synthetic graph: {len(rows):,} fact rows for brokers (extraction {t_extract:.2f} s); "
          f"{len(scoped)} scopes (regions), {n_pairs:,} active seats; grouping {t_group:.2f} s")

    b_nx, t_b_nx = run_all(nx_brokers, scoped)
    b_ig, t_b_ig = run_all(ig_brokers, scoped)
    b_rx, t_b_rx = run_all(rx_brokers, scoped)
    c_nx, t_c_nx = run_all(nx_clusters, scoped)
    _, t_c_fg = run_all(ig_fastgreedy, scoped)
    c_ld, t_c_ld = run_all(ig_leiden, scoped)
    t_c_la = run_all(leidenalg_leiden, scoped)[1] if leidenalg else None
    assert b_nx == b_ig == b_rx, "the libraries disagree about the brokers"

    print()
    print(f"{'per-region network work (CPU seconds)':44}  {'networkx':>10}  {'igraph':>10}  {'rustworkx':>10}")
    print(f"{'brokers: projection + splits + betweenness':44}  {t_b_nx:9.2f}s  {t_b_ig:9.2f}s  {t_b_rx:9.2f}s")
    print(f"{'clusters: projection + greedy modularity':44}  {t_c_nx:9.2f}s  {t_c_fg:9.2f}s  {'n/a':>10}")
    print(f"{'clusters: projection + Leiden (igraph)':44}  {'n/a':>10}  {t_c_ld:9.2f}s  {'n/a':>10}")
    la = f"{t_c_la:9.2f}s" if t_c_la is not None else "(not installed)"
    print(f"{'clusters: projection + Leiden (leidenalg)':44}  {'n/a':>10}  {la:>10}  {'n/a':>10}")
    print(f"brokers found: {sum(map(len, b_ig))}; clusters (Leiden): {sum(map(len, c_ld))}, "
          f"(networkx greedy): {sum(map(len, c_nx))}")

    print()
    for rid in ("brokers", "clusters"):
        r = get_rule(rid)
        c = r.context({})
        rows_r, t_x = timed(lambda: backend.rows(r.query(), c.bound()))
        found, t_s = timed(lambda: r.score(rows_r, c, vocabulary()))
        report, t_wall = walled(lambda: check(backend, [rid]))
        print(f"{rid:9} end to end: extraction {t_x:.2f} + scoring {t_s:.2f} CPU s (wall {t_wall:.2f} s), "
              f"{len(report.findings)} findings")
    if args.national:
        pairs = sorted({p for s in scoped for p in s})
        _, t_nb = timed(lambda: nx_brokers(pairs))
        _, t_nc = timed(lambda: nx_clusters(pairs))
        _, t_ib = timed(lambda: ig_brokers(pairs))
        print(f"\nold: one national network in networkx: brokers {t_nb:.1f} s, clusters {t_nc:.1f} s "
              f"(igraph on the same national network: brokers {t_ib:.2f} s)")


if __name__ == "__main__":
    main()
