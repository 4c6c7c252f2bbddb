"""The seats and the rules that read them (drukte, gaps, perspectives, duplicate structures) on the shared
snapshot facts: this version beside another (``--base``), in one run, and the numpy member measures beside
the same measures in plain Python.

For each version, in its own process:

- ``seats``: the seat layer on freshly built shared facts: ``seat_columns(facts, day)`` (the active seats
  as columns; in versions before the columnar seats this also built a ``Seat`` per seat);
- per rule, after one ``check`` has built the shared facts (as ``bench_snapshot.py`` does): its first run
  (``cold``: it also builds the per-facts columns and indexes it memoises) and the median of the next runs
  (``warm``: what ``bench_snapshot.py`` reports);
- ``fresh checks``: one ``check`` on a newly opened store of the rules above together, and of all rules
  (what a user waits for after ``izagraph load``).

Each as wall clock and as CPU time of the process (on a shared machine the CPU time is the steadier
figure). The versions alternate ``--rounds`` times; the median round is shown.

    git archive b8bae48 | tar -x -C /tmp/base     # the version to compare with (any source tree)
    .venv/bin/python benchmarks/bench_drukte_gaps.py --store STORE --base /tmp/base

Not a test: timings depend on the machine. Figures, not verdicts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from statistics import median

from versions import arguments, measured_in, trees

ROOT = Path(__file__).resolve().parent.parent
RULES = ["drukte-organisation", "drukte-person", "drukte-gemeente", "drukte-region", "table-gaps",
         "structure-gaps", "mandate-gaps", "missing-perspectives", "theme-perspectives", "duplicate-tables",
         "subset-tables", "en-en"]


def clocks():
    return time.perf_counter(), time.process_time()


def since(start) -> tuple[float, float]:
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]


def measure(store: Path, repeat: int, rules: list[str]) -> dict:
    """In this process (izagraph imported from sys.path[0]): the seat layer, per rule (cold, warm), and
    fresh checks, each as (wall, cpu)."""
    import datetime as dt

    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import check, get_rule
    from izagraph.rules.facts import Facts, seat_columns
    from izagraph.vocab import vocabulary

    vocab = vocabulary()
    out = {}
    backend = OxigraphBackend.from_store(store)
    facts = Facts.from_ids(*backend.snapshot._union_ids(None))
    start = clocks()
    seat_columns(facts, dt.date.today())
    out["seats"] = since(start)
    del facts
    check(backend, ["region-incongruence"])  # builds the shared facts (and tables), as bench_snapshot.py does
    for rule_id in rules:
        rule = get_rule(rule_id)
        ctx, query = rule.context({}, vocab), rule.query()
        runs = []
        for _ in range(repeat + 1):
            start = clocks()
            rule.score(backend.snapshot.shared_rows(query, ctx.bound(), backend), ctx, vocab)
            runs.append(since(start))
        out[rule_id] = {"cold": runs[0], "warm": [median(r[i] for r in runs[1:]) for i in (0, 1)]}
    for name, selected in (("fresh check: these rules", rules), ("fresh check: all rules", None)):
        backend = OxigraphBackend.from_store(store)
        start = clocks()
        check(backend, selected)
        out[name] = since(start)
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


def child(root: Path, store: Path, repeat: int, rules: list[str]) -> dict:
    return measured_in(root, "bench_drukte_gaps", f"measure(Path({str(store)!r}), {repeat}, {rules!r})")


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], rounds=3)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per rule; the median is shown")
    parser.add_argument("--rules", help="comma-separated rule ids (default: the rules that read seats)")
    parser.add_argument("--no-python", action="store_true", help="skip the plain-Python member measures")
    args = parser.parse_args()
    rules = args.rules.split(",") if args.rules else RULES
    versions = trees(args.base)
    rounds = {name: [] for name in versions}
    for _ in range(args.rounds):
        for name, root in versions.items():
            rounds[name].append(child(root, args.store, args.repeat, rules))

    def cell(name, key, kind=None):
        pick = (lambda r: r[key]) if kind is None else (lambda r: r[key][kind])
        return [median(pick(r)[i] for r in rounds[name]) for i in (0, 1)]

    print(f"{'':30s}" + "".join(f" {name + ' ' + k:>21s}" for name in versions for k in ("cold", "warm")))
    print(f"{'':30s}" + "   wall s    cpu s    " * 2 * len(versions))
    print(f"{'seats (seat_columns)':30s}" + "".join(f" {w:9.3f} {c:8.3f}   {'':21s}"
                                                    for w, c in (cell(n, "seats") for n in versions)))
    totals = {(n, k): [0.0, 0.0] for n in versions for k in ("cold", "warm")}
    for rule_id in rules + ["total"]:
        cells = []
        for name in versions:
            for kind in ("cold", "warm"):
                if rule_id == "total":
                    wall, cpu = totals[(name, kind)]
                else:
                    wall, cpu = cell(name, rule_id, kind)
                    totals[(name, kind)][0] += wall
                    totals[(name, kind)][1] += cpu
                cells.append(f" {wall:9.3f} {cpu:8.3f}   ")
        print(f"{rule_id:30s}" + "".join(cells))
    for key in ("fresh check: these rules", "fresh check: all rules"):
        print(f"{key:30s}" + "".join(f" {w:9.3f} {c:8.3f}   {'':21s}" for w, c in (cell(n, key) for n in versions)))
    if not args.no_python:
        m = numpy_or_python(args.store)
        print(f"\nmember measures of {m['members']:,} organisations ({m['pairs']:,} member-table pairs): "
              f"numpy {m['numpy'][0]:.3f} s wall / {m['numpy'][1]:.3f} s cpu, "
              f"plain Python per member {m['python'][0]:.3f} s wall / {m['python'][1]:.3f} s cpu")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
