"""The helpers of izagraph.perf: the paused cyclic collector and a sorted unique."""

from __future__ import annotations

import gc
import weakref

import numpy as np

from izagraph.perf import sorted_unique, without_cyclic_gc


class Node:
    """An object the cyclic collector tracks."""


def test_objects_made_with_the_collector_paused_go_to_its_oldest_generation():
    was = gc.isenabled()
    with without_cyclic_gc():
        assert not gc.isenabled()
        made = Node()
    assert gc.isenabled() == was
    assert not any(x is made for x in gc.get_objects(generation=0))
    assert any(x is made for x in gc.get_objects(generation=2))


def test_a_cycle_made_with_the_collector_paused_is_still_collected():
    with without_cyclic_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
    del a, b
    assert gone() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert gone() is None


def test_sorted_unique_is_numpys_unique():
    rng = np.random.default_rng(5)
    for values in (rng.integers(0, 10, 100), rng.integers(-10**12, 10**12, 1000), np.array([], dtype=np.int64),
                   rng.integers(0, 3, 7).astype(np.int32)):
        got = sorted_unique(values)
        assert got.dtype == values.dtype and np.array_equal(got, np.unique(values))
