"""The pair counters (the inverted index and the vectorised prefix filter) agree with a brute-force
comparison of every pair."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from izagraph.rules.pairs import (
    Overlaps, containment, jaccard, need_for, overlap_coefficient, popcount, shared_counts,
)


@pytest.mark.parametrize("seed", range(5))
def test_shared_counts_equals_brute_force(seed):
    rnd = random.Random(seed)
    sets = {f"s{i}": {rnd.randrange(40) for _ in range(rnd.randrange(0, 8))} for i in range(50)}
    expected = {}
    for a, b in itertools.combinations(sorted(sets), 2):
        n = len(sets[a] & sets[b])
        if n >= 2:
            expected[(a, b)] = n
    assert shared_counts(sets, min_shared=2) == expected


def test_contingency_mode_counts_every_pair_of_left_and_right():
    left = {"A1": {1, 2, 3}, "A2": {4}}
    right = {"B1": {1, 2}, "B2": {3, 4}, "B3": {9}}
    assert shared_counts(left, right) == {("A1", "B1"): 2, ("A1", "B2"): 1, ("A2", "B2"): 1}


def test_measures():
    a, b = {1, 2, 3, 4}, {3, 4}
    assert jaccard(a, b) == 0.5 and containment(b, a) == 1 and containment(a, b) == 0.5
    assert overlap_coefficient(a, b) == 1
    assert jaccard(set(), set()) == 0 and containment(set(), a) == 0 and overlap_coefficient(set(), a) == 0


def _brute_force(sets, need, keep, accept):
    """Every ordered pair of distinct keys checked directly: the definition Overlaps.pairs must meet."""
    keys = sorted(sets, key=str)
    out = {}
    for x, y in itertools.permutations(range(len(keys)), 2):
        a, b = keys[x], keys[y]
        n = len(set(sets[a]) & set(sets[b]))
        if n >= need[x] and keep(x, y) and accept(x, y, n):
            out[tuple(sorted((a, b), key=str))] = n
    return dict(sorted(out.items()))


@pytest.mark.parametrize("seed", range(12))
def test_overlaps_equal_brute_force(seed):
    """Prefix filtering finds exactly the pairs a comparison of every pair finds, for any bound and tests,
    also when a few elements sit in nearly every set (the national shape that defeats an inverted index)."""
    rnd = random.Random(seed)
    hubs = [f"hub{i}" for i in range(3)]
    sets = {f"s{i:02d}": {rnd.randrange(60) for _ in range(rnd.randrange(0, 9))}
            | {h for h in hubs if rnd.random() < 0.8} for i in range(45)}
    o = Overlaps(sets)
    fraction, min_shared = rnd.choice([0.0, 0.3, 0.5, 0.6, 0.9, 1.0]), rnd.choice([1, 2, 3])
    need = need_for(fraction, o.sizes, min_shared)
    label = {k: rnd.randrange(3) for k in range(len(o.keys))}
    keep_x = [label[k] for k in range(len(o.keys))]
    tests = [lambda x, y: o.sizes[x] <= o.sizes[y], lambda x, y: np.array(keep_x)[x] != np.array(keep_x)[y]]
    chosen = rnd.sample(tests, rnd.randrange(0, 3))

    def accept(x, y, n):
        return n / np.maximum(o.sizes[x], 1) >= fraction

    got = o.pairs(need, chosen, accept)
    expected = _brute_force(sets, need.tolist(), lambda x, y: all(bool(t(np.array([x]), np.array([y]))[0])
                                                               for t in chosen),
                            lambda x, y, n: bool(accept(np.array([x]), np.array([y]), np.array([n]))[0]))
    assert got == expected
    assert list(got) == sorted(got)  # in the order of the keys, as shared_counts gives them


def test_need_never_undershoots_the_float_test():
    """need_for is a safe lower bound: every overlap that passes ``shared / size >= fraction`` (as Python
    computes it) reaches it, also where fraction * size is an integer up to rounding."""
    for size in range(1, 200):
        for fraction in (0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.9, 1 / 3, 2 / 3, 1.0):
            need = int(need_for(fraction, np.array([size]))[0])
            passing = [n for n in range(size + 1) if n / size >= fraction]
            assert not passing or need <= min(passing)
            assert need >= 1


def test_popcount():
    words = np.array([[0, 2**64 - 1], [5, 1]], dtype=np.uint64)
    assert popcount(words).tolist() == [64, 3]
