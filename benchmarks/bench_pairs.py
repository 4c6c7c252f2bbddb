"""How the pair rules (duplicate-tables, subset-tables, en-en) find their pairs of tables: the ways
measured side by side on the same table x member incidence, in one run.

On a loaded store (default: /tmp/s1/store if it exists, else a synthetic national dataset at ``--scale``,
generated and loaded into a temporary store) it builds the shared facts once, then times:

1. the incidence itself (active tables x members of their active seats), built once per facts and
   shared by the three rules (``structures.table_members``);
2. counting the shared members of *every* pair of tables, five ways: the pure-Python inverted index
   (``pairs.shared_counts``, what the rules did until December 2026), a sparse product A·Aᵀ with
   scipy.sparse (when scipy is installed: it is not a dependency), numpy (expand each member's tables into
   pairs, then ``np.unique``), and a dense float32 A·Aᵀ through BLAS;
3. the chosen way, prefix filtering (``pairs.Overlaps``): per rule, only the pairs that can share enough
   members for that rule's measure, with the rule's vectorised tests (scope, parent, themes, dates);
4. each rule's whole scoring on the shared facts (median of ``--repeat``), and the three in one ``check``.

Not a test: timings depend on the machine (this one is shared). Figures, not verdicts.

    .venv/bin/python benchmarks/bench_pairs.py [--store DIR | --scale 1] [--repeat 5] [--skip-python]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RULES = ("duplicate-tables", "subset-tables", "en-en")


def timed(fn, repeat: int = 1):
    """The value of ``fn()`` and its median time over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return value, median(times)


def all_pairs_python(members: dict, min_shared: int) -> int:
    from izagraph.rules.pairs import shared_counts

    return len(shared_counts(members, min_shared=min_shared))


def all_pairs_scipy(rows: np.ndarray, cols: np.ndarray, shape, min_shared: int) -> int:
    import scipy.sparse as sp

    a = sp.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=shape)
    product = sp.triu(a @ a.T, k=1).tocoo()
    return int((product.data >= min_shared).sum())


def all_pairs_numpy(rows: np.ndarray, cols: np.ndarray, shape, min_shared: int) -> int:
    n = shape[0]
    order = np.lexsort((rows, cols))
    col, row = cols[order], rows[order]
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    counts = np.diff(np.r_[starts, len(col)])
    codes = []
    for k in np.unique(counts[counts >= 2]):  # members held by k tables: k(k-1)/2 pairs each
        group = starts[counts == k][:, None] + np.arange(k)[None, :]
        i, j = np.triu_indices(k, 1)
        codes.append(row[group[:, i]].ravel() * n + row[group[:, j]].ravel())
    _, shared = np.unique(np.concatenate(codes), return_counts=True) if codes else (None, np.array([]))
    return int((shared >= min_shared).sum())


def all_pairs_dense(rows: np.ndarray, cols: np.ndarray, shape, min_shared: int) -> int:
    a = np.zeros(shape, dtype=np.float32)
    a[rows, cols] = 1
    return int((np.triu(a @ a.T, 1) >= min_shared).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a loaded store (default: /tmp/s1/store, else generate one)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the median is shown")
    parser.add_argument("--skip-python", action="store_true", help="skip the slow pure-Python counting")
    args = parser.parse_args()
    store = args.store or (Path("/tmp/s1/store") if Path("/tmp/s1/store").exists() else None)
    with tempfile.TemporaryDirectory() as tmp:
        if store is None:
            from bench_snapshot import prepared_store

            store = prepared_store(args.scale, Path(tmp))
        run(store, args)


def run(store: Path, args) -> None:
    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import check, get_rule, structures
    from izagraph.rules.pairs import need_for
    from izagraph.vocab import vocabulary

    vocab = vocabulary()
    backend = OxigraphBackend.from_store(store)
    snap = backend.snapshot
    check(backend)  # all rules: builds the facts they share (and tables, seats)
    rule = get_rule("duplicate-tables")
    ctx = rule.context({}, vocab)
    facts = snap.shared_rows(rule.query(), ctx.bound(), backend).facts
    shared, t_build = timed(lambda: structures._table_members(facts, ctx.today))
    members = {t: m for t, m in shared.members.items() if m}
    o = shared.overlaps
    index = {m: i for i, m in enumerate(sorted({m for ms in members.values() for m in ms}))}
    rows = np.array([o.keys.index(t) for t in o.keys for _ in members[t]], dtype=np.int64)
    cols = np.array([index[m] for t in o.keys for m in members[t]], dtype=np.int64)
    shape = (len(o.keys), len(index))
    degree = np.bincount(cols)
    print(f"{shape[0]:,} active tables with members, {shape[1]:,} members, {len(rows):,} (table, member) "
          f"pairs; the busiest member sits at {degree.max():,} tables, the median one at {int(np.median(degree))}")
    print(f"incidence (built once per facts, shared by the three rules)   {t_build:8.3f} s\n")

    min_shared = ctx["min_shared"]
    print(f"counting every pair of tables sharing >= {min_shared} members ({shape[0] * (shape[0] - 1) // 2:,} pairs "
          "in all)")
    ways = [("numpy: expand pairs + unique", lambda: all_pairs_numpy(rows, cols, shape, min_shared)),
            ("dense float32 A·Aᵀ (BLAS)", lambda: all_pairs_dense(rows, cols, shape, min_shared))]
    try:
        import scipy  # noqa: F401

        ways.insert(0, ("scipy.sparse A·Aᵀ", lambda: all_pairs_scipy(rows, cols, shape, min_shared)))
    except ImportError:
        print("  scipy.sparse A·Aᵀ                       not measured: scipy is not installed")
    if not args.skip_python:
        ways.insert(0, ("pure Python inverted index (until now)", lambda: all_pairs_python(members, min_shared)))
    for name, fn in ways:
        n, t = timed(fn, 1 if "Python" in name else args.repeat)
        print(f"  {name:40s} {t:8.3f} s   {n:,} pairs")

    print("\nprefix filtering (the chosen way): the pairs that can share enough for each rule")
    sizes = o.sizes
    for rule_id, fraction in (("duplicate-tables", "min_jaccard"), ("subset-tables", "min_containment"),
                              ("en-en", "min_member_overlap")):
        c = get_rule(rule_id).context({}, vocab)
        need = np.maximum(need_for(c[fraction], sizes), c["min_shared"])
        prefix = np.clip(sizes - need + 1, 0, sizes)
        (x, _y), t_cand = timed(lambda: o.candidates(need), args.repeat)
        found, t_pairs = timed(lambda: o.pairs(need), args.repeat)
        print(f"  {rule_id:18s} {fraction} = {c[fraction]}: prefixes of {int(prefix.sum()):,} of {int(sizes.sum()):,} "
              f"members -> {len(x):,} candidates ({t_cand:.3f} s) -> {len(found):,} pairs sharing enough, exact "
              f"({t_pairs:.3f} s, before the rule's own tests)")

    print(f"\n{'rule (scoring on the shared facts)':34s} {'first':>8s} {'median':>8s} {'findings':>9s}")
    total = 0.0
    for rule_id in RULES:
        r = get_rule(rule_id)
        c = r.context({}, vocab)
        fresh = OxigraphBackend.from_store(store)  # first run on fresh facts: includes building the incidence
        check(fresh, ["table-gaps"])
        fs = fresh.snapshot
        gc.collect()  # the previous fresh store's garbage is not this rule's time
        _, t_first = timed(lambda: r.score(fs.shared_rows(r.query(), c.bound(), fresh), c, vocab))
        found, t = timed(lambda: r.score(snap.shared_rows(r.query(), c.bound(), backend), c, vocab), args.repeat)
        total += t
        print(f"{rule_id:34s} {t_first:7.3f}s {t:7.3f}s {len(found):9d}")
    print(f"{'sum of the medians':34s} {'':8s} {total:7.3f}s")
    fresh = OxigraphBackend.from_store(store)
    check(fresh, ["table-gaps"])
    gc.collect()
    report, t_all = timed(lambda: check(fresh, list(RULES)))
    print(f"{'the three in one check':34s} {t_all:7.3f}s {'':8s} {len(report.findings):9d}  (shared facts already "
          "built; incidence, one finding per pair and provenance included)")


if __name__ == "__main__":
    main()
