"""Which embedded engine should the store use? Measured side by side in one run.

For the shipped data and a synthetic graph (5,000 organisations, 2,000 tables, 50,000 memberships) it
times, per engine: opening the store as a later command would, and running the info queries.

    .venv/bin/python benchmarks/bench_store.py [--small]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from izagraph.synthetic import generate  # noqa: E402
from izagraph.backends import run  # noqa: E402
from izagraph.backends.sparql import OxigraphBackend, RdflibBackend  # noqa: E402
from izagraph.load import read_inputs  # noqa: E402
from izagraph.resources import SHIPPED_DATASETS  # noqa: E402
from izagraph.store import build_store, read_graph  # noqa: E402

QUERIES = ["info-classes", "info-programmes", "info-divisions", "info-sources"]


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def bench(label: str, inputs: list[Path]) -> None:
    graph, _, problems = read_inputs(inputs)
    assert not problems, problems[:3]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        _, t_build = timed(lambda: build_store(graph, store, [str(i) for i in inputs]))
        results = {}
        for engine in ("oxigraph (disk)", "oxigraph (memory, from graph.nt)", "rdflib (memory, from graph.nt)"):
            if engine == "oxigraph (disk)":
                backend, t_open = timed(lambda: OxigraphBackend.from_store(store))
            elif engine.startswith("oxigraph (memory"):
                backend, t_open = timed(lambda: OxigraphBackend.from_graph(read_graph(store)))
            else:
                backend, t_open = timed(lambda: RdflibBackend(read_graph(store)))
            _, t_query = timed(lambda: [run(backend, q) for q in QUERIES])
            results[engine] = (t_open, t_query)
    print(f"\n{label}: {len(graph):,} triples; build store {t_build:.2f} s")
    base = results["oxigraph (disk)"]
    for engine, (t_open, t_query) in results.items():
        total = t_open + t_query
        print(f"  {engine:36s} open {t_open:7.3f} s   info queries {t_query:7.3f} s   total {total:7.3f} s"
              f"   ({total / (base[0] + base[1]):.1f}x oxigraph disk)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true", help="only the shipped data")
    args = ap.parse_args()
    shipped = [p for p in SHIPPED_DATASETS if p.exists()]
    if shipped:
        bench("shipped data", shipped)
    if not args.small:
        with tempfile.TemporaryDirectory() as tmp:
            bench("synthetic S=1 (izagraph generate --scale 1)", [generate(Path(tmp) / "synthetic", 1.0)])


if __name__ == "__main__":
    main()
