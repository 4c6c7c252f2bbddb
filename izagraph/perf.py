"""The few places where Python's own overhead was measured to matter, handled in one way.

>>> import gc
>>> with without_cyclic_gc():
...     gc.isenabled()
False
>>> sorted_unique(np.array([3, 1, 3, 2])).tolist()
[1, 2, 3]
"""

from __future__ import annotations

import contextlib
import gc

import numpy as np


@contextlib.contextmanager
def without_cyclic_gc():
    """Pause Python's cyclic garbage collector while building many long-lived objects that form no cycles.

    The collector would only rescan them, again and again as they grow: a third of writing a national map,
    15 % of reading the national dataset at S = 1 and 38 % at S = 10, and about a sixth of checking all
    rules at S = 1 (measured; docs/performance.md).
    Reference counting frees everything as usual; the collector runs again afterwards.

    Afterwards the objects made meanwhile are handed straight to the collector's oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()``: two list splices), where they would end up anyway: left in the
    youngest, the first collections after the block walk all of them once more (1.5-2.8 s after a check
    of all rules at S = 10, measured). They are still collected, by the next full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values of a numeric array, sorted: ``np.unique(values)`` by sorting. numpy 2.4's
    ``np.unique`` without ``return_inverse`` hashes first: 700,000 distinct int64 take it ~1 s, a sort
    ~15 ms (measured on this machine, docs/performance.md)."""
    out = np.sort(values, axis=None)
    return out[np.r_[True, out[1:] != out[:-1]]] if len(out) else out


def distinct_pairs(a: np.ndarray, b: np.ndarray, span: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each pair (``a[i]``, ``b[i]``) of non-negative ids once, ordered by ``a`` then ``b``; ``span``: a bound
    above every ``b`` (default its maximum plus one).

    >>> [x.tolist() for x in distinct_pairs(np.array([1, 0, 1]), np.array([2, 5, 2]))]
    [[0, 1], [5, 2]]
    """
    span = int(b.max(initial=0)) + 1 if span is None else span
    keys = sorted_unique(a.astype(np.int64) * span + b)
    return keys // span, keys % span
