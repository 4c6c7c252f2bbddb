"""The inverted-index pair counter agrees with a brute-force comparison of every pair."""

from __future__ import annotations

import itertools
import random

import pytest

from izagraph.rules.pairs import containment, jaccard, overlap_coefficient, shared_counts


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
