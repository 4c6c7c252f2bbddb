"""The drukte and gaps rules on the shared snapshot facts: this version beside another (``--base``), in
one run, and the numpy member measures beside the same measures in plain Python.

For each version, in its own process, after one ``check`` has built the shared facts (as
``bench_snapshot.py`` does): each rule's first run (``cold``: it also builds the per-facts columns and
indexes it memoises, e.g. the seat columns) and the median of the next runs (``warm``: what
``bench_snapshot.py`` reports), as wall clock and as CPU time of the process (on a shared machine the
CPU time is the steadier figure). The versions alternate ``--rounds`` times; the median round is shown.

    git archive f194139 | tar -x -C /tmp/base     # the version to compare with (any source tree)
    .venv/bin/python benchmarks/bench_drukte_gaps.py --store STORE --base /tmp/base

Not a test: timings depend on the machine. Figures, not verdicts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
RULES = ["drukte-organisation", "drukte-person", "drukte-gemeente", "drukte-region", "table-gaps",
         "structure-gaps", "mandate-gaps"]


def clocks():
    return time.perf_counter(), time.process_time()


def since(start) -> tuple[float, float]:
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]


def measure(store: Path, repeat: int) -> dict:
    """In this process (izagraph imported from sys.path[0]): per rule (cold, warm) as (wall, cpu)."""
    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import check, get_rule
    from izagraph.vocab import vocabulary

    vocab = vocabulary()
    backend = OxigraphBackend.from_store(store)
    check(backend, ["table-gaps"])  # builds the shared facts, as bench_snapshot.py does
    out = {}
    for rule_id in RULES:
        rule = get_rule(rule_id)
        ctx, query = rule.context({}, vocab), rule.query()
        runs = []
        for _ in range(repeat + 1):
            start = clocks()
            rule.score(backend.snapshot.shared_rows(query, ctx.bound(), backend), ctx, vocab)
            runs.append(since(start))
        out[rule_id] = {"cold": runs[0], "warm": [median(r[i] for r in runs[1:]) for i in (0, 1)]}
    return out


def numpy_or_python(store: Path) -> dict:
    """The member measures of every organisation: numpy group-bys (what the rule uses) beside plain Python
    per member over the same per-table index."""
    import datetime as dt

    import numpy as np

    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import drukte, get_rule
    from izagraph.rules.facts import seat_columns
    from izagraph.vocab import vocabulary

    vocab, today = vocabulary(), dt.date.today()
    backend = OxigraphBackend.from_store(store)
    facts = backend.snapshot.shared_rows(get_rule("drukte-organisation").query(), {}, backend).facts
    index = drukte._table_index(facts, today, vocab)
    seat_columns(facts, today)
    start = clocks()
    members = drukte._member_index(facts, today, vocab, "organisation")
    vectorised = since(start)
    start = clocks()
    for i in range(len(members.members)):
        seats = members.seats(i)
        positions = sorted({index.position[s.table] for s in seats})
        drukte._member_measures(seats, positions, index, facts)
    python = since(start)
    return {"members": len(members.members), "pairs": int(np.size(members.pair_member)),
            "numpy": vectorised, "python": python}


def child(root: Path, store: Path, repeat: int) -> dict:
    code = (f"import sys, json; sys.path.insert(0, {str(root)!r}); sys.path.insert(1, {str(ROOT / 'benchmarks')!r}); "
            f"import bench_drukte_gaps as b; from pathlib import Path; "
            f"print(json.dumps(b.measure(Path({str(store)!r}), {repeat})))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a loaded store with a snapshot")
    parser.add_argument("--base", type=Path, help="the source tree of the version to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per rule; the median is shown")
    args = parser.parse_args()
    versions = {"base": args.base, "this": ROOT} if args.base else {"this": ROOT}
    rounds = {name: [] for name in versions}
    for _ in range(args.rounds):
        for name, root in versions.items():
            rounds[name].append(child(root, args.store, args.repeat))
    print(f"{'rule':22s}" + "".join(f" {name + ' ' + k:>21s}" for name in versions for k in ("cold", "warm")))
    print(f"{'':22s}" + "   wall s    cpu s    " * 2 * len(versions))
    totals = {(n, k): [0.0, 0.0] for n in versions for k in ("cold", "warm")}
    for rule_id in RULES + ["total"]:
        cells = []
        for name in versions:
            for kind in ("cold", "warm"):
                if rule_id == "total":
                    wall, cpu = totals[(name, kind)]
                else:
                    wall = median(r[rule_id][kind][0] for r in rounds[name])
                    cpu = median(r[rule_id][kind][1] for r in rounds[name])
                    totals[(name, kind)][0] += wall
                    totals[(name, kind)][1] += cpu
                cells.append(f" {wall:9.3f} {cpu:8.3f}   ")
        print(f"{rule_id:22s}" + "".join(cells))
    m = numpy_or_python(args.store)
    print(f"\nmember measures of {m['members']:,} organisations ({m['pairs']:,} member-table pairs): "
          f"numpy {m['numpy'][0]:.3f} s wall / {m['numpy'][1]:.3f} s cpu, "
          f"plain Python per member {m['python'][0]:.3f} s wall / {m['python'][1]:.3f} s cpu")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
