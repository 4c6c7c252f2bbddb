"""The helpers of izagraph.perf: the paused cyclic collector, a sorted unique and numbering by marks."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

from izagraph.perf import numbered, sorted_unique, spans, without_cyclic_gc


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


@pytest.mark.parametrize("values", [[], [5], [-1, -1], [3, -1, 7, 3, 0, 7], [10 ** 9, 2, 10 ** 9, -1]])
def test_numbered_is_np_unique_with_inverse(values):
    """Numbering by marks (a narrow range) and by ``np.unique`` (a wide one) both give what
    ``np.unique(values, return_inverse=True)`` gives."""
    a = np.array(values, dtype=np.int32)
    distinct, number = numbered(a)
    want_distinct, want_number = np.unique(a, return_inverse=True)
    assert distinct.tolist() == want_distinct.tolist() and number.tolist() == want_number.reshape(-1).tolist()


def test_numbered_random():
    rng = np.random.default_rng(4)
    for span in (3, 1000, 10 ** 7):
        a = rng.integers(-1, span, 500)
        distinct, number = numbered(a)
        assert np.array_equal(distinct[number], a) and np.array_equal(distinct, np.unique(a))


def test_spans_are_the_runs_concatenated():
    rng = np.random.default_rng(6)
    starts, counts = rng.integers(0, 100, 30), rng.integers(0, 4, 30)
    want = [s + k for s, c in zip(starts.tolist(), counts.tolist()) for k in range(c)]
    assert spans(starts, counts).tolist() == want
    assert spans(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).tolist() == []
