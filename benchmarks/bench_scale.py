"""National scale in one run: every step at S = 0.1 and 1 (and 10 with ``--s10``), with peak memory.

For each scale it generates the synthetic national dataset (``izagraph generate``) and measures:

- ``izagraph validate`` and ``izagraph load`` as commands (wall clock and peak RSS of the child process,
  from ``os.wait4``), validation with the SHACL engine compiled to SPARQL (the default) and, up to
  ``--pyshacl-max``, with pySHACL; the load includes building the analytical snapshot;
- each rule as ``check -r RULE`` in a fresh process on the loaded store (store opened, snapshot read, shared
  facts built), the 14 non-network rules and all 16 in one check; beside it each rule on its own fact
  query on the store (the path without a snapshot) and the textbook baseline, the same query on rdflib's
  in-memory SPARQL (graph read from ``graph.nt``), each time-capped, with the ratios;
- ``izagraph check``, ``izagraph map --national --findings`` and ``izagraph report`` as commands;
- ``izagraph push`` to an Oxigraph server and to Jena Fuseki (``scripts/sparql-local``, if they answer) and
  ``izagraph neo4j push`` (if a Neo4j server answers on ``$NEO4J_URI``): into a database emptied of izagraph's
  data first, then once more with nothing changed (the sync an update does).

Then it fits, per step, the exponent k in t ~ S^k from the smallest and largest scale. Prints a table and
writes the figures as JSON (``--json``). Not a test: timings depend on the machine (this one is shared).

    .venv/bin/python benchmarks/bench_scale.py [--s10] [--cap 60] [--json out/bench_scale.json]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
IZAGRAPH = [sys.executable, "-m", "izagraph"]
NETWORK_RULES = ("brokers", "clusters")
SERVERS = {  # name -> (Graph Store URL, query URL, environment)
    "oxigraph": ("http://127.0.0.1:{port}/store", "http://127.0.0.1:{port}/query",
                 ("IZAGRAPH_OXIGRAPH_PORT", "7878"), {}),
    "fuseki": ("http://127.0.0.1:{port}/izagraph/data", "http://127.0.0.1:{port}/izagraph/sparql",
               ("IZAGRAPH_FUSEKI_PORT", "3030"),
               {"IZAGRAPH_SPARQL_USER": os.environ.get("IZAGRAPH_FUSEKI_USER", "izagraph"),
                "IZAGRAPH_SPARQL_PASSWORD": os.environ.get("IZAGRAPH_FUSEKI_PASSWORD", "izagraph-dev")}),
}


def command(args: list[str], env: dict | None = None, cap: float | None = None) -> dict:
    """Run an izagraph command as a child; wall seconds, peak RSS (MB) and exit code (None: stopped at cap)."""
    t = time.perf_counter()
    proc = subprocess.Popen([*IZAGRAPH, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, cwd=ROOT)
    deadline = time.monotonic() + cap if cap else None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return {"seconds": None, "rss_mb": usage.ru_maxrss / 1024, "exit": None}
        time.sleep(0.05)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        print(f"  ! {' '.join(args[:3])} exit {code}: {proc.stderr.read().decode()[:300]}", file=sys.stderr)
    return {"seconds": wall, "rss_mb": usage.ru_maxrss / 1024, "exit": code}


def _timed_rule(backend, rule: str, conn) -> None:
    from izagraph.rules import check

    from izagraph.rules import ALL_RULES

    selected = {"*": None, "*14": [r.id for r in ALL_RULES if r.id not in NETWORK_RULES]}.get(rule, [rule])
    t = time.perf_counter()
    report = check(backend, selected)
    conn.send((time.perf_counter() - t, len(report.findings)))


def _rule_worker(engine: str, store: str, rules: list[str], cap: float, queue) -> None:
    """Open the backend once, then time each rule (extract + score) in a forked child stopped after ``cap``
    seconds, so a slow rule does not cost a second parse of the graph."""
    from izagraph.backends.sparql import OxigraphBackend, RdflibBackend
    from izagraph.rules import ALL_RULES  # noqa: F401  (imported before forking)
    from izagraph.store import read_graph
    from izagraph.vocab import vocabulary

    vocabulary()
    t = time.perf_counter()
    backend = (RdflibBackend(read_graph(Path(store))) if engine == "rdflib"
               else OxigraphBackend.from_store(Path(store), snapshot=engine == "snapshot"))
    queue.put(("_open", time.perf_counter() - t, None))
    if engine != "rdflib":  # an open RocksDB is not for forking: close it, each child opens its own
        del backend
    fork = mp.get_context("fork")
    for rule in rules:
        parent, child = fork.Pipe(duplex=False)
        target_backend = None if engine != "rdflib" else backend
        proc = fork.Process(target=_child, args=(engine, store, target_backend, rule, child), daemon=True)
        proc.start()
        if parent.poll(cap):
            seconds, n = parent.recv()
            queue.put((rule, seconds, n))
        else:
            queue.put((rule, None, None))
        proc.kill()
        proc.join()
    queue.put(("_end", None, None))


def _child(engine, store, backend, rule, conn) -> None:
    """One rule (or all) in a fresh child: the store opened as a command would (the snapshot read, its
    shared facts built) and the rule's check timed."""
    if backend is None:
        from izagraph.backends.sparql import OxigraphBackend

        backend = OxigraphBackend.from_store(Path(store), snapshot=engine == "snapshot")
    _timed_rule(backend, rule, conn)


def time_rules(engine: str, store: Path, rules: list[str], cap: float) -> dict:
    """Seconds per rule (None: stopped after ``cap`` seconds)."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_rule_worker, args=(engine, str(store), rules, cap, queue))  # it forks: not a daemon
    proc.start()
    out = {}
    try:
        while True:
            if not proc.is_alive() and queue.empty():
                raise RuntimeError(f"the {engine} rule worker died (exit {proc.exitcode})")
            try:
                rule, seconds, n = queue.get(timeout=5)
            except Exception:
                continue
            if rule == "_end":
                break
            out[rule] = seconds if rule == "_open" else {"seconds": seconds, "findings": n}
    finally:
        proc.kill()
        proc.join()
    return out


def server_up(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


def bench_scale(scale: float, tmp: Path, cap: float, rdflib_cap: float, check_cap: float,
                pyshacl_max: float = 1.0, baselines_max: float = 1.0) -> dict:
    from izagraph.rules import ALL_RULES
    from izagraph.synthetic import generate

    res: dict = {"scale": scale, "caps": {"oxigraph": cap, "rdflib": rdflib_cap}}  # the ratios use this run's caps
    folder = tmp / f"s{scale:g}"
    t = time.perf_counter()
    generate(folder, scale, 42)
    res["generate"] = {"seconds": time.perf_counter() - t}
    manifest = json.loads((folder / "manifest.json").read_text())
    res["counts"] = manifest["counts"]
    store = tmp / f"store-{scale:g}"
    res["validate"] = command(["validate", str(folder)], cap=1800)
    if scale <= pyshacl_max:  # the reference engine is minutes at S = 10: measured up to --pyshacl-max
        res["validate_pyshacl"] = command(["validate", str(folder)], env={"IZAGRAPH_SHACL_ENGINE": "pyshacl"},
                                          cap=1800)
    res["load"] = command(["load", str(folder), "--store", str(store)], cap=1800)
    from izagraph.store import META_FILE, require_store

    res["triples"] = json.loads((require_store(store) / META_FILE).read_text())["triples"]
    rules = [r.id for r in ALL_RULES]
    print(f"  S={scale:g}: {res['triples']:,} triples; rules on the snapshot ...", file=sys.stderr)
    res["rules_snapshot"] = time_rules("snapshot", store, [*rules, "*14", "*"], cap)
    res["rules_oxigraph"], res["rules_rdflib"] = {}, {}
    if scale <= baselines_max:  # the paths without a snapshot: minutes per rule at S = 10
        print(f"  S={scale:g}: rules on their fact queries (cap {cap:g} s each) ...", file=sys.stderr)
        res["rules_oxigraph"] = time_rules("oxigraph", store, [*rules, "*"], cap)
        print(f"  S={scale:g}: rules on rdflib (cap {rdflib_cap:g} s each) ...", file=sys.stderr)
        res["rules_rdflib"] = time_rules("rdflib", store, rules, rdflib_cap)
    res["check_command"] = command(["check", "--store", str(store)], cap=check_cap)
    res["map_command"] = command(["--store", str(store), "map", "--national", "--findings", "-o", str(tmp / f"map-{scale:g}")],
                                 cap=check_cap)
    res["report_command"] = command(["--store", str(store), "report", "-o", str(tmp / f"report-{scale:g}")],
                                    cap=check_cap)
    for name, (gsp, query, (port_var, default), env) in SERVERS.items():
        port = int(os.environ.get(port_var, default))
        if server_up(port):
            res[f"push_{name}"] = command(["push", "--endpoint", gsp.format(port=port), "--store", str(store)],
                                          env=env, cap=1800)
    neo4j = os.environ.get("NEO4J_URI")
    if neo4j and server_up(int(neo4j.rsplit(":", 1)[-1])):
        empty_neo4j()  # not timed: the first push goes into an empty database, whatever ran before
        res["push_neo4j"] = command(["neo4j", "push", "--store", str(store)], cap=1800)
        res["repush_neo4j"] = command(["neo4j", "push", "--store", str(store)], cap=1800)
    return res


def empty_neo4j() -> None:
    """Delete izagraph's nodes in Neo4j (in parts of 10,000), so that a push is measured on an empty
    database: otherwise it also sweeps whatever an earlier push or test left there (a push after the
    S = 10 graph spent minutes deleting it)."""
    from neo4j import GraphDatabase

    from izagraph.backends.neo4j import Settings

    s = Settings.resolve()
    with GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as driver:
        while driver.execute_query("MATCH (n:Izagraph) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c",
                                   database_=s.database).records[0]["c"]:
            pass


def fmt(seconds) -> str:
    return " stopped" if seconds is None else f"{seconds:8.2f}"


def exponent(small: dict, large: dict, s0: float, s1: float):
    a, b = small.get("seconds"), large.get("seconds")
    if not a or not b:
        return None
    return math.log(b / a) / math.log(s1 / s0)


def report(results: list[dict], cap: float, rdflib_cap: float) -> list[str]:
    lines = []
    scales = [r["scale"] for r in results]
    head = "step".ljust(34) + "".join(f"{'S=' + format(s, 'g'):>22}" for s in scales) + "   k (t ~ S^k)"
    lines += [head, "-" * len(head)]

    def row(label, pick):
        cells = [pick(r) for r in results]
        text = label.ljust(34)
        for c in cells:
            if c is None:
                text += f"{'-':>22}"
            else:
                rss = f" {c['rss_mb']:6.0f} MB" if c.get("rss_mb") else ""
                text += f"{fmt(c.get('seconds')) + ' s' + rss:>22}"
        k = exponent(cells[0] or {}, cells[-1] or {}, scales[0], scales[-1]) if len(cells) > 1 else None
        lines.append(text + (f"   {k:5.2f}" if k is not None else ""))

    row("triples", lambda r: None)
    lines[-1] = "triples".ljust(34) + "".join(f"{r['triples']:>22,}" for r in results)
    row("memberships", lambda r: None)
    lines[-1] = "memberships".ljust(34) + "".join(f"{r['counts']['memberships']:>22,}" for r in results)
    row("generate", lambda r: r["generate"])
    row("validate (SHACL as SPARQL)", lambda r: r["validate"])
    row("validate (pySHACL)", lambda r: r.get("validate_pyshacl"))
    row("load (with the snapshot)", lambda r: r["load"])
    row("open store + snapshot (in process)", lambda r: {"seconds": r["rules_snapshot"].get("_open")})
    lines.append("check -r RULE on the snapshot, each in a fresh process (store opened, shared facts built):")
    for rule in [k for k in results[0]["rules_snapshot"] if not k.startswith(("_", "*"))]:
        row(f"  {rule}", lambda r, rule=rule: r["rules_snapshot"].get(rule))
    row("14 rules without brokers/clusters", lambda r: r["rules_snapshot"].get("*14"))
    row("all 16 rules, snapshot (in process)", lambda r: r["rules_snapshot"].get("*"))
    row("all 16 rules, fact queries", lambda r: r["rules_oxigraph"].get("*"))
    row("izagraph check (command)", lambda r: r["check_command"])
    row("izagraph map --national --findings", lambda r: r.get("map_command"))
    row("izagraph report", lambda r: r.get("report_command"))
    for name in ("oxigraph", "fuseki", "neo4j"):
        if any(f"push_{name}" in r for r in results):
            row(f"push to {name}" + (" (empty database)" if name == "neo4j" else ""),
                lambda r, name=name: r.get(f"push_{name}"))
    if any("repush_neo4j" in r for r in results):
        row("push to neo4j again (nothing changed)", lambda r: r.get("repush_neo4j"))
    lines.append("")
    lines.append(f"per rule, each in a fresh process: the snapshot, the rule's fact query on Oxigraph (capped at "
                 f"{cap:g} s) and the textbook baseline, the fact query on rdflib in memory (capped at {rdflib_cap:g} s); "
                 "ratios to the snapshot")
    for r in [r for r in results if r["rules_rdflib"]]:
        lines.append(f"  S={r['scale']:g}: open (parse graph.nt for rdflib) {fmt(r['rules_rdflib'].get('_open'))} s")
        for rule, snap in r["rules_snapshot"].items():
            if rule.startswith(("_", "*")):
                continue
            a = snap.get("seconds")
            cells = []
            for name, engine_cap in (("oxigraph", r.get("caps", {}).get("oxigraph", cap)),
                                     ("rdflib", r.get("caps", {}).get("rdflib", rdflib_cap))):
                b = r[f"rules_{name}"].get(rule, {}).get("seconds")
                ratio = f"{b / a:7.1f}x" if a and b else (f"> {engine_cap / a:5.1f}x" if a and b is None else "   -")
                cells.append(f"{name} {fmt(b)} s {ratio}")
            lines.append(f"    {rule:26s} snapshot {fmt(a)} s   " + "   ".join(cells))
    return lines


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    import pyoxigraph
    import rdflib

    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {int(mem) / 1024 / 1024:.1f} GB; "
            f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}; "
            f"load average at start {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--s10", action="store_true", help="also S=10 (50,000 organisations, 20,000 tables)")
    ap.add_argument("--scales", type=float, nargs="*", default=None, help="scales to run (default 0.1 1)")
    ap.add_argument("--cap", type=float, default=120, help="seconds before a rule on Oxigraph is stopped")
    ap.add_argument("--rdflib-cap", type=float, default=60, help="seconds before a rule on rdflib is stopped")
    ap.add_argument("--check-cap", type=float, default=600, help="seconds before 'izagraph check' is stopped")
    ap.add_argument("--pyshacl-max", type=float, default=1.0, help="largest scale validated with pySHACL too")
    ap.add_argument("--baselines-max", type=float, default=1.0,
                    help="largest scale at which the rules also run on their fact queries and on rdflib")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    ap.add_argument("--previous", type=Path, default=None,
                    help="JSON of an earlier run whose scales are reported beside this run's (not re-measured)")
    args = ap.parse_args()
    scales = args.scales or ([0.1, 1, 10] if args.s10 else [0.1, 1])
    print(f"machine: {machine()}")
    results = json.loads(args.previous.read_text())["results"] if args.previous else []
    scales = [s for s in scales if s not in {r["scale"] for r in results}]
    with tempfile.TemporaryDirectory() as tmp:
        for s in scales:
            results.append(bench_scale(s, Path(tmp), args.cap, args.rdflib_cap, args.check_cap, args.pyshacl_max,
                                       args.baselines_max))
            results.sort(key=lambda r: r["scale"])
            if args.json:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))
    print("\n".join(report(results, args.cap, args.rdflib_cap)))


if __name__ == "__main__":
    main()
