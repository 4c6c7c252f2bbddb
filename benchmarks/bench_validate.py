"""Which SHACL engine? The shapes compiled to SPARQL on Oxigraph, pySHACL and pyrudof, side by side.

On the shipped data and on the synthetic national dataset (``izagraph generate``, default S = 0.1 and 1)
it times, in one process: reading and converting the input (the part before SHACL, the same for every
engine), then each engine on the same graph (with the ontology), pySHACL and pyrudof in a child process
stopped after ``--cap`` seconds. pyrudof (PyPI) is measured only when it can be imported; it is not a
dependency. Not a test: timings depend on the machine.

    .venv/bin/python benchmarks/bench_validate.py [--scales 0.1 1] [--cap 300]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from izagraph.load import read_triples  # noqa: E402
from izagraph.load.validate import shacl_problems  # noqa: E402
from izagraph.resources import SHIPPED_DATASETS  # noqa: E402
from izagraph.synthetic import generate  # noqa: E402
from izagraph.vocab import ontology_graph, shapes_graph  # noqa: E402


def _engine(engine: str, paths: list[str], queue) -> None:
    graph, origins, _ = read_triples([Path(p) for p in paths])  # as `izagraph validate` reads (no rdflib graph)
    ontology_graph(), shapes_graph()
    t = time.perf_counter()
    if engine == "pyrudof":
        import pyrudof
        from rdflib import Graph

        merged = Graph()
        merged += graph
        merged += ontology_graph()
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(merged.serialize(format="nt", encoding="utf-8").decode(), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(str(ROOT / "ontology" / "shapes.ttl"))
        n = len(rudof.validate_shacl())
    else:
        n = len(shacl_problems(graph, origins, engine))
    queue.put((time.perf_counter() - t, n))


def engine_time(engine: str, paths: list[Path], cap: float):
    """(seconds, problems) of one engine in a child process, or (None, None) after ``cap`` seconds."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_engine, args=(engine, [str(p) for p in paths], queue), daemon=True)
    proc.start()
    try:
        return queue.get(timeout=cap + 600)  # reading the input is not part of the cap
    except Exception:
        return None, None
    finally:
        proc.kill()
        proc.join()


def bench(label: str, paths: list[Path], cap: float) -> None:
    t = time.perf_counter()
    graph, _, problems = read_triples(paths)
    t_read = time.perf_counter() - t
    print(f"\n{label}: {len(graph):,} triples; read and convert {t_read:.2f} s ({len(problems)} problems)")
    engines = ["sparql", "pyshacl"]
    try:
        import pyrudof  # noqa: F401

        engines.append("pyrudof")
    except ImportError:
        print("  (pyrudof not installed: not measured)")
    base = None
    for engine in engines:
        seconds, n = engine_time(engine, paths, cap)
        if engine == "sparql":
            base = seconds
        shown = f"{seconds:8.2f} s" if seconds is not None else f"> {cap:.0f} s (stopped)"
        ratio = f"{seconds / base:6.1f}x" if seconds and base else ""
        print(f"  {engine:8s} {shown:>22}  {ratio}  results: {n}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="*", default=[0.1, 1.0])
    ap.add_argument("--cap", type=float, default=300)
    args = ap.parse_args()
    bench("shipped data", [p for p in SHIPPED_DATASETS if p.exists()], args.cap)
    with tempfile.TemporaryDirectory() as tmp:
        for s in args.scales:
            bench(f"synthetic S={s:g}", [generate(Path(tmp) / f"s{s:g}", s, 42)], args.cap)


if __name__ == "__main__":
    main()
