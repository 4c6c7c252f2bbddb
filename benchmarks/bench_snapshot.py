"""The rules on the load-time analytical snapshot, beside the same rules on the fact queries, in one run.

On a loaded store (``izagraph load``; default: a synthetic national dataset at ``--scale``, generated and
loaded into a temporary store) it times, in one process with the ontology already parsed:

1. opening the store and its snapshot, and building the facts all rules share (once per ``check``);
2. each rule on the snapshot, with the shared facts already built (what the rule itself costs);
3. all rules in one ``check`` on the snapshot (what a user waits for after opening the store);
4. with ``--queries``: each rule on its own fact query (the path without a snapshot), time-capped.

The shared facts memoise what rules derive from them (tables, active seats, co-membership networks), so a
rule timed again finds them built. ``--cold`` puts the memo back to its state after step 1 before every run,
so each rule pays for what it derives (as the first rule of a check that needs it would), and adds the
selected rules in one pass from that state (what they cost together in a check). ``--cpu`` times CPU seconds
of this process instead of wall clock (robust on a shared machine).

Not a test: timings depend on the machine (this one is shared). Figures, not verdicts.

    .venv/bin/python benchmarks/bench_snapshot.py [--store DIR | --scale 1] [--rules a,b] [--queries] [--cold] [--cpu]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


CLOCK = [time.perf_counter]


def timed(fn):
    t = CLOCK[0]()
    value = fn()
    return value, CLOCK[0]() - t


def prepared_store(scale: float, tmp: Path) -> Path:
    data, store = tmp / "data", tmp / "store"
    izagraph = [sys.executable, "-m", "izagraph"]
    subprocess.run([*izagraph, "generate", "--scale", str(scale), "--seed", "1", "-o", str(data)], check=True,
                   stdout=subprocess.DEVNULL)
    t = time.perf_counter()
    subprocess.run([*izagraph, "--store", str(store), "load", str(data)], check=True, stdout=subprocess.DEVNULL)
    print(f"izagraph load (scale {scale}): {time.perf_counter() - t:.1f} s")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a loaded store (default: generate and load one)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rules", help="comma-separated rule ids (default: all)")
    parser.add_argument("--queries", action="store_true", help="also time each rule on its fact query")
    parser.add_argument("--repeat", type=int, default=3, help="runs per rule; the median is shown")
    parser.add_argument("--formats", action="store_true",
                        help="also compare ways to keep the shared facts (numpy columns, pickle, marshal)")
    parser.add_argument("--cold", action="store_true", help="clear what rules derive from the shared facts "
                        "before each run, and time the selected rules in one pass")
    parser.add_argument("--cpu", action="store_true", help="CPU seconds of this process, not wall clock")
    args = parser.parse_args()
    if args.cpu:
        CLOCK[0] = time.process_time
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or prepared_store(args.scale, Path(tmp))
        run(store, args)


def run(store: Path, args) -> None:
    from statistics import median

    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import ALL_RULES, check, get_rule
    from izagraph.vocab import vocabulary

    vocab = vocabulary()  # the ontology is parsed once per process: not part of any rule's time
    rules = args.rules.split(",") if args.rules else [r.id for r in ALL_RULES]
    backend, t_open = timed(lambda: OxigraphBackend.from_store(store))
    snap = backend.snapshot
    if snap is None:
        sys.exit(f"{store} has no snapshot: load it again with this izagraph")
    print(f"snapshot: {snap.built.get('rows', 0):,} rows in {snap.built.get('blocks')} blocks, "
          f"built in {snap.built.get('seconds')} s at load; network analyses of the default check: "
          + (f"stored at load in {snap.built['analyses_seconds']} s" if "analyses_seconds" in snap.built
             else "none stored (a load by an older izagraph): brokers and clusters analyse live"))
    print(f"open store + snapshot              {t_open:7.3f} s")
    if args.formats:
        formats(store)
    _, t_shared = timed(lambda: check(backend))  # all rules: a check of some rules shares only their facts
    print(f"first check, all rules (builds the shared facts) {t_shared:7.3f} s")
    shared = snap._shared["facts"]
    derived = dict(shared._memo)  # what the first check derived (tables, seats): every check builds it once

    def reset():
        if args.cold:
            shared._memo.clear()
            shared._memo.update(derived)
            for key in [k for k in snap._shared if isinstance(k, tuple) and k[0] == "scope"]:
                del snap._shared[key]  # the scoped views and what they derived
    total = 0.0
    print(f"\n{'rule':24s} {'snapshot':>10s} {'findings':>9s}" + ("   fact query" if args.queries else ""))
    plain = OxigraphBackend.from_store(store, snapshot=False) if args.queries else None
    for rule_id in rules:
        rule = get_rule(rule_id)
        ctx = rule.context({}, vocab)
        query = rule.query()
        times = []
        for _ in range(args.repeat):  # what check spends on this rule: its rows (scope facts) and its scoring
            reset()
            found, t = timed(lambda: rule.score(snap.shared_rows(query, ctx.bound(), backend), ctx, vocab))
            times.append(t)
        t = median(times)
        total += t
        line = f"{rule_id:24s} {t:9.3f}s {len(found):9d}"
        if plain is not None:
            report = check(backend, [rule_id])
            ref, tq = timed(lambda: check(plain, [rule_id]))
            same = [f.to_dict() for f in ref.findings] == [f.to_dict() for f in report.findings]
            line += f"   {tq:9.2f}s  {tq / t:6.0f}x  {'same findings' if same else 'DIFFERENT FINDINGS'}"
        print(line, flush=True)
    print(f"{'sum of the rules':24s} {total:9.3f}s")
    if args.cold:
        contexts = [(r, r.context({}, vocab)) for r in map(get_rule, rules)]

        def one_pass():
            reset()
            for r, c in contexts:
                r.score(snap.shared_rows(r.query(), c.bound(), backend), c, vocab)

        t = median(timed(one_pass)[1] for _ in range(args.repeat))
        print(f"{'the rules in one pass':24s} {t:9.3f}s  (from the state after the first check; shared "
              "structures built once)")
    fresh = OxigraphBackend.from_store(store)
    report, t_all = timed(lambda: check(fresh, rules))
    print(f"{'all in one check':24s} {t_all:9.3f}s {len(report.findings):9d}  (fresh store: shared facts built "
          "once, provenance included)")


def formats(store: Path) -> None:
    """Ways to get the shared facts into a new process, side by side: the snapshot's numpy columns and
    value dictionary (read, then :meth:`Facts.from_columns`), and the finished Python objects kept with
    pickle or marshal (read only). Medians of three."""
    import marshal
    import pickle
    from statistics import median

    from izagraph.rules.facts import Facts
    from izagraph.snapshot import SNAPSHOT_DIR, Snapshot
    from izagraph.store import require_store

    folder = require_store(store) / SNAPSHOT_DIR

    def columns():
        snap = Snapshot.open(folder)
        return Facts.from_ids(*snap._union_ids(None))

    facts = columns()
    objects = (facts._by_fact, facts._labels)
    kept = {"pickle": pickle.dumps(objects, protocol=5), "marshal": marshal.dumps(objects)}
    runs = {"numpy columns + JSON values -> Facts": columns,
            "pickle.loads of the Facts dicts": lambda: pickle.loads(kept["pickle"]),
            "marshal.loads of the Facts dicts": lambda: marshal.loads(kept["marshal"])}
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"\nshared facts into a new process ({len(facts._by_fact):,} subjects; snapshot on disk {size / 1e6:.1f} MB, "
          f"pickle {len(kept['pickle']) / 1e6:.1f} MB, marshal {len(kept['marshal']) / 1e6:.1f} MB)")
    for name, fn in runs.items():
        print(f"  {name:42s} {median(timed(fn)[1] for _ in range(3)):7.3f} s")
    print()


if __name__ == "__main__":
    main()
