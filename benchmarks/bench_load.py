"""``izagraph validate`` and ``izagraph load`` as commands: wall clock, CPU and peak memory, before and after.

Runs both commands on the synthetic national dataset (``izagraph generate``, default S = 0.1 and 1) for
this source tree and, with ``--baseline DIR``, for another one (e.g. ``git archive <commit> | tar -x -C DIR``),
alternating the two so that both see the same machine. Each figure is the median of ``--repeat`` runs; the
peak RSS and CPU time (user + system) of the child process come from ``os.wait4``. ``--stages`` adds, for
each tree, the split of one load as the command runs it (timers wrapped around its functions, see
:data:`STAGES`): read and convert (with the term checks), validation (the in-memory store and the SHACL
checks), writing the store (graph.nt, the Oxigraph bulk load) and the analytical snapshot, side by side.
Then it fits the exponent k in
t ~ S^k between the smallest and the largest scale, of the wall clock and of the CPU time (on a shared
machine the CPU time is the steadier of the two). Not a test: timings depend on the machine.

    .venv/bin/python benchmarks/bench_load.py [--scales 0.1 1 10] [--baseline DIR] [--repeat 3] [--stages]
                                              [--steps validate load] [--data DIR]
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


#: The parts of a load that ``--stages`` times: (module, function, label). A function a tree lacks is
#: skipped, so the same probe splits this tree and the baseline. Parts may nest (the snapshot and the
#: database are parts of writing the store) and, in this tree, overlap (the database is written in a
#: thread while the snapshot is built): the figures are each part's own wall clock.
STAGES = (
    ("izagraph.load", "read_triples", "read + convert + term checks"),
    ("izagraph.load", "memory_store", "in-memory store"),
    ("izagraph.load.shacl_sparql", "run_checks", "SHACL checks"),
    ("izagraph.load", "validate_triples", "validation (store + SHACL)"),
    ("izagraph.load", "_validated", "validation (store + SHACL)"),
    ("izagraph.store", "build_store", "writing the store (all)"),
    ("izagraph.store", "_to_oxigraph", "bulk loads (memory + database)"),
    ("izagraph.store", "build_snapshot", "snapshot"),
)


def stages(tree: Path, data: Path, store: Path) -> dict:
    """Seconds of each part of one ``load`` (as the command runs it), in a child process of ``tree``."""
    code = f"""
import importlib, time, threading
from pathlib import Path
t0 = time.perf_counter()
from izagraph.cli import cli
out, lock = {{"start-up": time.perf_counter() - t0}}, threading.Lock()
def timed(label, fn):
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            with lock:
                out[label] = out.get(label, 0.0) + time.perf_counter() - t
    return wrapper
for module, name, label in {STAGES!r}:
    m = importlib.import_module(module)
    if hasattr(m, name):
        setattr(m, name, timed(label, getattr(m, name)))
t = time.perf_counter(); c = time.process_time()
try:
    cli(["--store", {str(store)!r}, "load", {str(data)!r}])
except SystemExit as exc:
    assert not exc.code, exc.code
out["load (total)"] = time.perf_counter() - t
out["load CPU"] = time.process_time() - c
print(repr(out))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tree,
                            env={**os.environ, "PYTHONPATH": str(tree)})
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
    parser.add_argument("--stages", action="store_true", help="also split one load of each tree into its parts")
    parser.add_argument("--data", type=Path, help="folder for the generated datasets (kept; default: temporary)")
    parser.add_argument("--steps", nargs="+", choices=["validate", "load"], default=["validate", "load"],
                        help="the commands to run (default both)")
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
                        if step in args.steps:
                            results.setdefault((scale, name, step), []).append(run(tree, cmd))
            if args.stages:
                for _ in range(args.repeat):
                    for name, tree in trees.items():
                        results.setdefault((scale, "stages", name), []).append(
                            stages(tree, data, work / "stages-store"))
                        shutil.rmtree(work / "stages-store", ignore_errors=True)
            report(results, args.scales[: args.scales.index(scale) + 1], trees, args.steps)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict, scales: list[float], trees: dict, steps=("validate", "load")) -> None:
    print(f"\nmedians; wall and CPU in seconds, peak RSS in MB (load average now {os.getloadavg()[0]:.1f})")
    print(f"{'step':24}" + "".join(f"{'S=' + format(s, 'g'):>26}" for s in scales) + "   k (wall, CPU)")
    for name in trees:
        for step in steps:
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
        runs = {name: results.get((s, "stages", name)) for name in trees}
        if not any(runs.values()):
            continue
        print(f"\none load at S={s:g} split into its parts (medians, wall seconds; parts nest and may overlap)")
        print(f"{'part':34}" + "".join(f"{name:>12}" for name in trees))
        labels = list(dict.fromkeys(k for split in runs.values() for r in split or () for k in r))
        for label in labels:
            cells = []
            for name in trees:
                values = [r[label] for r in runs[name] or () if label in r]
                cells.append(f"{statistics.median(values):12.2f}" if values else f"{'-':>12}")
            print(f"{label:34}" + "".join(cells))


if __name__ == "__main__":
    main()
