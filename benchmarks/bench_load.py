"""``izagraph validate`` and ``izagraph load`` as commands: wall clock, CPU and peak memory, before and after.

Runs both commands on the synthetic national dataset (``izagraph generate``, default S = 0.1 and 1) for
this source tree and, with ``--baseline DIR``, for another one (e.g. ``git archive <commit> | tar -x -C DIR``),
alternating the two so that both see the same machine. Each figure is the median of ``--repeat`` runs; the
peak RSS and CPU time (user + system) of the child process come from ``os.wait4``. ``--stages`` adds, for
this tree, the split of one load in process: read and convert (with the term checks), SHACL, writing the
store (graph.nt and the Oxigraph bulk load) and the analytical snapshot. Then it fits the exponent k in
t ~ S^k between the smallest and the largest scale, of the wall clock and of the CPU time (on a shared
machine the CPU time is the steadier of the two). Not a test: timings depend on the machine.

    .venv/bin/python benchmarks/bench_load.py [--scales 0.1 1 10] [--baseline DIR] [--repeat 3] [--stages]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(tree: Path, args: list[str]) -> dict:
    """One izagraph command from source tree ``tree``: wall and CPU seconds, peak RSS (MB), exit code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "izagraph", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=tree)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! {tree.name}: {' '.join(args[:3])} exit {code}: {proc.stderr.read().decode()[-300:]}", file=sys.stderr)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "exit": code}


def stages(data: Path, store: Path) -> dict:
    """Seconds of each part of one load, in a child process of this tree."""
    code = f"""
import time, sys
from pathlib import Path
t = time.perf_counter()
from izagraph.load import read_triples, validate_triples
from izagraph.store import _to_oxigraph, GRAPH_FILE
from izagraph.snapshot import build_into
from izagraph.vocab import vocabulary
vocabulary(); out = {{"start-up": time.perf_counter() - t}}; t = time.perf_counter()
triples, origins, problems = read_triples([Path({str(data)!r})]); out["read + convert"] = time.perf_counter() - t
t = time.perf_counter(); problems = validate_triples(triples, origins, problems); out["SHACL"] = time.perf_counter() - t
store = Path({str(store)!r}); store.mkdir(parents=True, exist_ok=True)
t = time.perf_counter(); (store / GRAPH_FILE).write_bytes(triples.n_triples())
ox = _to_oxigraph(triples, store / "oxigraph"); out["write store"] = time.perf_counter() - t
t = time.perf_counter(); build_into(ox, store / "snapshot"); out["snapshot"] = time.perf_counter() - t
print(repr(out))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    if result.returncode:
        print(result.stderr[-500:], file=sys.stderr)
        return {}
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 (our own child's repr of a dict)


def exponent(small: float, large: float, s_small: float, s_large: float) -> float:
    return math.log(large / small) / math.log(s_large / s_small)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.1, 1.0])
    parser.add_argument("--baseline", type=Path, help="another izagraph source tree to measure beside this one")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stages", action="store_true", help="also split one load of this tree into its parts")
    parser.add_argument("--data", type=Path, help="folder for the generated datasets (kept; default: temporary)")
    args = parser.parse_args()

    trees = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    print(f"{os.uname().sysname} {os.uname().release}, {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    data_root = args.data or work
    results: dict = {}
    try:
        for scale in args.scales:
            data = data_root / f"s{scale:g}"
            if not (data / "memberships.csv").is_file():
                subprocess.run([sys.executable, "-m", "izagraph", "generate", "--scale", str(scale), "--seed", "1",
                                "-o", str(data)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
            for _ in range(args.repeat):
                for name, tree in trees.items():
                    store = work / f"store-{name}"
                    shutil.rmtree(store, ignore_errors=True)
                    for step, cmd in (("validate", ["validate", str(data)]),
                                      ("load", ["--store", str(store), "load", str(data)])):
                        results.setdefault((scale, name, step), []).append(run(tree, cmd))
            if args.stages:
                results[(scale, "stages")] = stages(data, work / "stages-store")
                shutil.rmtree(work / "stages-store", ignore_errors=True)
            report(results, args.scales[: args.scales.index(scale) + 1], trees)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict, scales: list[float], trees: dict) -> None:
    print(f"\nmedians; wall and CPU in seconds, peak RSS in MB (load average now {os.getloadavg()[0]:.1f})")
    print(f"{'step':24}" + "".join(f"{'S=' + format(s, 'g'):>26}" for s in scales) + "   k (wall, CPU)")
    for name in trees:
        for step in ("validate", "load"):
            cells, walls, cpus = [], [], []
            for s in scales:
                runs = results.get((s, name, step), [])
                wall = statistics.median(r["wall"] for r in runs)
                cpu = statistics.median(r["cpu"] for r in runs)
                rss = max(r["rss"] for r in runs)
                walls.append(wall)
                cpus.append(cpu)
                cells.append(f"{wall:7.2f} {cpu:7.2f} {rss:6.0f} MB")
            k = "".join(f"{exponent(t[0], t[-1], scales[0], scales[-1]):6.2f}" for t in (walls, cpus)) \
                if len(scales) > 1 else ""
            print(f"{step + ' (' + name + ')':24}" + "".join(f"{c:>26}" for c in cells) + k)
    for s in scales:
        split = results.get((s, "stages"))
        if split:
            print(f"load of this tree at S={s:g}, in process: " + ", ".join(f"{k} {v:.2f} s" for k, v in split.items()))


if __name__ == "__main__":
    main()
