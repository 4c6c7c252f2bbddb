"""Why the pairwise rules extract an incidence and score it in Python instead of self-joining in SPARQL.

On a synthetic graph (default: 5,000 organisations, 2,000 tables, 50,000 memberships) it times, in one run:

1. ``duplicate-tables`` end to end on Oxigraph: the extraction query plus the Python scoring;
2. the Python scoring alone (the same rows, already extracted);
3. the inverted index alone, counting the table pairs with >= 3 shared members;
4. the textbook SPARQL self-join for the same pairs on Oxigraph, stopped after ``--limit`` seconds.

and prints them side by side with their ratios. Not a test: timings depend on the machine.

    .venv/bin/python benchmarks/bench_rules.py [--small] [--limit 60]
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from izagraph.synthetic import generate  # noqa: E402
from izagraph.backends.sparql import OxigraphBackend  # noqa: E402
from izagraph.load import read_inputs  # noqa: E402
from izagraph.rules import check, get_rule  # noqa: E402
from izagraph.rules.facts import Facts, seats, tables  # noqa: E402
from izagraph.rules.pairs import shared_counts  # noqa: E402
from izagraph.vocab import vocabulary  # noqa: E402

#: The textbook way, shown here only to be measured: every pair of seats sharing a member, grouped.
SELF_JOIN = """
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?t1 ?t2 (COUNT(DISTINCT ?m) AS ?shared) WHERE {
  ?ms1 org:organization ?t1 ; org:member ?m .
  ?ms2 org:organization ?t2 ; org:member ?m .
  FILTER (STR(?t1) < STR(?t2))
}
GROUP BY ?t1 ?t2
HAVING (COUNT(DISTINCT ?m) >= 3)
"""


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def _self_join_worker(nt_path: str, engine: str, queue) -> None:
    if engine == "oxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=nt_path, format=ox.RdfFormat.N_TRIPLES)
        query = store.query
    else:
        from rdflib import Graph

        graph = Graph()
        graph.parse(nt_path, format="nt")
        query = graph.query
    queue.put(("ready", None))
    t = time.perf_counter()
    n = sum(1 for _ in query(SELF_JOIN))
    queue.put(("done", (n, time.perf_counter() - t)))


def self_join(nt_path: Path, limit: float, engine: str = "oxigraph") -> tuple[int | None, float | None]:
    """Run the self-join in a child process (a running query cannot be interrupted in-process); (pairs,
    seconds), or (None, None) when it did not finish within ``limit`` seconds (loading is not timed)."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_self_join_worker, args=(str(nt_path), engine, queue), daemon=True)
    proc.start()
    try:
        assert queue.get(timeout=600)[0] == "ready"
        try:
            _, (n, seconds) = queue.get(timeout=limit)
            return n, seconds
        except Exception:
            return None, None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="scale 0.1: 500 organisations, 200 tables, ~4,000 memberships")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before the self-join is stopped")
    parser.add_argument("--rdflib", action="store_true", help="also time the self-join on rdflib (slow to load)")
    args = parser.parse_args()
    scale = 0.1 if args.small else 1.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "synthetic", scale)
        (graph, _, problems), t_read = timed(lambda: read_inputs([folder]))
        assert not problems, problems[:3]
        backend, t_load = timed(lambda: OxigraphBackend.from_graph(graph))
        nt = Path(tmp) / "graph.nt"
        nt.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
        print(f"synthetic graph: {len(graph):,} triples (read {t_read:.1f} s, into Oxigraph {t_load:.1f} s)")
        del graph  # a 300k-triple rdflib graph left in memory makes every garbage collection slow
        gc.collect()

        rule = get_rule("duplicate-tables")
        vocabulary()  # the ontology is parsed once per process: not part of the rule's time
        report, t_rule = timed(lambda: check(backend, [rule.id]))
        ctx = rule.context({})
        rows, t_extract = timed(lambda: backend.rows(rule.query(), ctx.bound()))
        _, t_score = timed(lambda: rule.score(rows, ctx, vocabulary()))

        def incidence():
            facts = Facts(rows)
            ts = tables(facts)
            members: dict[str, set] = {t: set() for t in ts}
            for s in seats(facts):
                members.setdefault(s.table, set()).add(s.member)
            return members

        members = incidence()
        pairs, t_index = timed(lambda: shared_counts(members, min_shared=3))
        n_join, t_join = self_join(nt, args.limit)
        rdflib_join = self_join(nt, args.limit, "rdflib") if args.rdflib else None

    def shown(t):
        return f"{t:8.2f} s" if t is not None else f"> {args.limit:.0f} s (stopped)"

    join = shown(t_join)
    lines = [
        ("duplicate-tables end to end on Oxigraph (extract + score)", f"{t_rule:8.2f} s",
         f"{len(report.findings):,} findings"),
        ("  of which the extraction query", f"{t_extract:8.2f} s", f"{len(rows):,} fact rows"),
        ("  of which the Python scoring", f"{t_score:8.2f} s", ""),
        ("inverted index: table pairs with >= 3 shared members", f"{t_index:8.2f} s", f"{len(pairs):,} pairs"),
        ("SPARQL self-join, same pairs, Oxigraph", join, f"{n_join:,} pairs" if n_join is not None else ""),
    ]
    if rdflib_join is not None:
        n, t = rdflib_join
        lines.append(("SPARQL self-join, same pairs, rdflib", shown(t), f"{n:,} pairs" if n is not None else ""))
    width = max(len(a) for a, _, _ in lines)
    print()
    for a, b, c in lines:
        print(f"{a.ljust(width)}  {b:>22}  {c}")
    join_time = t_join if t_join is not None else args.limit
    more = "" if t_join is not None else "more than "
    print()
    print(f"self-join / end-to-end rule:   {more}{join_time / t_rule:,.1f}x")
    print(f"self-join / inverted index:    {more}{join_time / t_index:,.1f}x")
    print(f"self-join / Python scoring:    {more}{join_time / t_score:,.1f}x")
    if n_join is not None and n_join != len(pairs):
        print(f"WARNING: the self-join found {n_join} pairs, the inverted index {len(pairs)}")


if __name__ == "__main__":
    main()
