"""One fresh ``check`` of all rules, and where its CPU time goes step by step: this version beside another
(``--base``), alternating, each check in its own new process.

Per check: the wall clock and CPU seconds of ``izagraph.rules.check`` on a newly opened store (what a user
waits for after ``izagraph load``), and the CPU seconds of each step without the steps it calls: each rule's
``score``, each structure memoised on the facts (``memo <key>``) or on the snapshot (``snap memo <key>``)
when it is built, ``shared_rows`` (the shared facts), ``finding()`` (making a finding), ``annotate`` (the
findings' provenance) and the rest of ``check``. The first rule to need a shared structure pays for it.

    git archive b87333d | tar -x -C /tmp/base     # the version to compare with (any source tree)
    .venv/bin/python benchmarks/bench_check_steps.py --store STORE --base /tmp/base --rounds 2

Not a test: timings depend on the machine. Figures, not verdicts.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from versions import arguments, measured_in, trees

ROOT = Path(__file__).resolve().parent.parent


def measure(store: Path) -> dict:
    """In this process (izagraph imported from sys.path[0]): one check of all rules, timed step by step."""
    import izagraph.rules as rules
    import izagraph.rules.facts as facts
    import izagraph.snapshot as snapshot
    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.vocab import vocabulary

    vocabulary()
    backend = OxigraphBackend.from_store(store)
    spent: dict[str, float] = {}
    stack: list[list] = []  # [step, start, spent in the steps it called]

    def timed(step, fn, *args, **kwargs):
        stack.append([step, time.process_time(), 0.0])
        try:
            return fn(*args, **kwargs)
        finally:
            _, start, inner = stack.pop()
            total = time.process_time() - start
            spent[step] = spent.get(step, 0.0) + total - inner
            if stack:
                stack[-1][2] += total

    def name(key) -> str:
        return str(key[0] if isinstance(key, tuple) else key)

    memo = facts.Facts.memo

    def facts_memo(self, key, build, scoped=False):
        cache = self._scoped_memo if scoped else self._memo
        if key in cache:
            return cache[key]
        return memo(self, key, lambda: timed(f"memo {name(key)}", build), scoped)

    snap_memo = snapshot.Snapshot.memo
    shared_rows, finding, annotate = snapshot.Snapshot.shared_rows, rules.RuleContext.finding, rules.annotate
    facts.Facts.memo = facts_memo
    snapshot.Snapshot.memo = lambda self, key, build: snap_memo(self, key, lambda: timed(f"snap memo {name(key)}",
                                                                                          build))
    snapshot.Snapshot.shared_rows = lambda *a, **k: timed("shared_rows", shared_rows, *a, **k)
    rules.RuleContext.finding = lambda *a, **k: timed("finding()", finding, *a, **k)
    rules.annotate = lambda *a, **k: timed("annotate", annotate, *a, **k)
    scored = [rules.Rule(r.id, (lambda score, rule_id: lambda *a, **k: timed(f"score {rule_id}", score, *a, **k))(
        r.score, r.id)) for r in rules.ALL_RULES]
    rules.ALL_RULES[:] = scored
    rules.RULES.clear()
    rules.RULES.update({r.id: r for r in scored})
    wall, cpu = time.perf_counter(), time.process_time()
    report = timed("check (rest)", rules.check, backend)
    return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "findings": len(report.findings),
            "load": os.getloadavg()[0], "steps": spent}


def child(root: Path, store: Path) -> dict:
    return measured_in(root, "bench_check_steps", f"measure(Path({str(store)!r}))")


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], rounds=2)
    parser.add_argument("--min", type=float, default=0.05, help="leave out steps below this many CPU seconds")
    args = parser.parse_args()
    versions = trees(args.base)
    runs = []  # (version, round, result), alternating
    for i in range(args.rounds):
        for version, root in versions.items():
            runs.append((version, i + 1, child(root, args.store)))
    heads = [f"{v} r{i}" for v, i, _ in runs]
    steps = sorted({s for *_, r in runs for s in r["steps"]},
                   key=lambda s: -max(r["steps"].get(s, 0) for *_, r in runs))
    print(f"{'CPU s per step':40s}" + "".join(f"{h:>10s}" for h in heads))
    for step in steps:
        values = [r["steps"].get(step, 0.0) for *_, r in runs]
        if max(values) >= args.min:
            print(f"{step:40s}" + "".join(f"{v:10.2f}" for v in values))
    for label, key in (("check: CPU s", "cpu"), ("check: wall s", "wall"), ("load average at the start", "load")):
        print(f"{label:40s}" + "".join(f"{r[key]:10.2f}" for *_, r in runs))
    print(f"{'findings':40s}" + "".join(f"{r['findings']:10d}" for *_, r in runs))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
