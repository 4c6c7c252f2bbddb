"""Pairwise overlap of sets: the one shared scorer of every pairwise rule.

Duplicated tables, subset tables, "en-en", and the congruence of two region divisions all ask the same
question: which pairs of sets share elements, and how many? Written as a SPARQL or Cypher self-join this
is quadratic in the number of tables and takes minutes on a national graph (see
``benchmarks/bench_rules.py``). :func:`shared_counts` is an inverted index (element -> the sets that hold
it) that only visits pairs that actually share something: enough for small inputs such as two region
divisions. At national scale a few members (a zorgverzekeraar, a GGD) sit at a thousand tables, so
nearly every pair of tables shares something; :class:`Overlaps` then finds only the pairs that share
*enough* (a fraction of one set), vectorised with numpy (see ``docs/performance.md``). Both work on the
rows a query extracted, not on the store, so they serve every backend.

>>> shared_counts({"t1": {"a", "b", "c"}, "t2": {"b", "c"}, "t3": {"x"}})
{('t1', 't2'): 2}
>>> shared_counts({"A1": {1, 2}, "A2": {3}}, {"B1": {1}, "B2": {2, 3}})
{('A1', 'B1'): 1, ('A1', 'B2'): 1, ('A2', 'B2'): 1}
>>> jaccard({"a", "b"}, {"b", "c"})
0.3333333333333333
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import numpy as np

from ..perf import sorted_unique, spans


def inverted_index(sets: Mapping[Hashable, Iterable[Hashable]]) -> dict[Hashable, list]:
    """element -> sorted keys of the sets that contain it."""
    index: dict[Hashable, list] = defaultdict(list)
    for key in sorted(sets, key=str):
        for element in set(sets[key]):
            index[element].append(key)
    return index


def shared_counts(sets: Mapping[Hashable, Iterable[Hashable]],
                  other: Mapping[Hashable, Iterable[Hashable]] | None = None,
                  min_shared: int = 1) -> dict[tuple, int]:
    """How many elements each pair of sets shares, for every pair that shares at least ``min_shared``.

    With one mapping: unordered pairs of distinct keys ``(a, b)`` with ``str(a) < str(b)``. With two
    mappings: every pair ``(key of sets, key of other)`` (a contingency table). Cost is the sum over
    elements of (sets holding it)², not (number of sets)².
    """
    counts: dict[tuple, int] = defaultdict(int)
    if other is None:
        for keys in inverted_index(sets).values():
            n = len(keys)
            for i in range(n):
                a = keys[i]
                for j in range(i + 1, n):
                    counts[(a, keys[j])] += 1
    else:
        right = inverted_index(other)
        for element, left_keys in inverted_index(sets).items():
            for b in right.get(element, ()):
                for a in left_keys:
                    counts[(a, b)] += 1
    return {pair: n for pair, n in sorted(counts.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))
            if n >= min_shared}


def jaccard(a: set, b: set, shared: int | None = None) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    n = len(a & b) if shared is None else shared
    union = len(a) + len(b) - n
    return n / union if union else 0.0


def containment(a: set, b: set, shared: int | None = None) -> float:
    """The fraction of ``a`` that lies in ``b`` (0 when ``a`` is empty)."""
    n = len(a & b) if shared is None else shared
    return n / len(a) if a else 0.0


def overlap_coefficient(a: set, b: set, shared: int | None = None) -> float:
    """|a ∩ b| / min(|a|, |b|): 1 when one set lies inside the other (0 when either is empty)."""
    n = len(a & b) if shared is None else shared
    smaller = min(len(a), len(b))
    return n / smaller if smaller else 0.0


_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


def popcount(words: np.ndarray) -> np.ndarray:
    """The number of bits set in each row of a 2-d array of unsigned words.

    >>> popcount(np.array([[0b1011], [0]], dtype=np.uint64)).tolist()
    [3, 0]
    """
    if hasattr(np, "bitwise_count"):  # numpy >= 2
        return np.bitwise_count(words).sum(axis=1, dtype=np.int64)
    words = np.ascontiguousarray(words)
    return _BITS[words.view(np.uint8)].reshape(len(words), -1).sum(axis=1)


def need_for(fraction: float, sizes: np.ndarray, min_shared: int = 1) -> np.ndarray:
    """For each set, a lower bound on the elements it must share for ``shared / size >= fraction`` to hold
    (as Python computes the float quotient), and at least ``min_shared``. Never above the true bound: a
    small slack absorbs the rounding of ``fraction * size``.

    >>> need_for(0.6, np.array([5, 10, 1]), min_shared=2).tolist()
    [3, 6, 2]
    """
    bound = np.ceil(fraction * np.asarray(sizes, dtype=np.float64) - 1e-9)
    return np.maximum(bound, max(1, min_shared)).astype(np.int64)


class Overlaps:
    """Sets as rows of a sparse 0/1 incidence matrix, to find the pairs that share *enough* elements
    without counting every pair (which is most pairs when a few elements sit in nearly every set).

    Prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007, "All-pairs"): order the elements
    rarest first; if set ``x`` must share at least ``need[x]`` elements with ``y``, then ``y`` holds one
    of the first ``|x| - need[x] + 1`` elements of ``x`` (the others are too few to reach ``need[x]``).
    So :meth:`pairs` only looks up those rare elements in an inverted index, counts the exact overlap of
    the candidates it meets, and keeps the pairs that reach the bound. Everything is numpy arrays; the
    rows are the keys sorted by ``str``, so pairs come out in the order :func:`shared_counts` gives.

    >>> o = Overlaps({"t1": {"a", "b", "c"}, "t2": {"b", "c"}, "t3": {"c", "x"}, "t4": set()})
    >>> o.keys, o.sizes.tolist()
    (['t1', 't2', 't3', 't4'], [3, 2, 2, 0])
    >>> o.pairs(need_for(0.5, o.sizes))      # pairs where one set shares at least half of itself
    {('t1', 't2'): 2, ('t1', 't3'): 1, ('t2', 't3'): 1}
    >>> o.pairs(need_for(0.6, o.sizes))
    {('t1', 't2'): 2}
    >>> o.pairs(need_for(1.0, o.sizes), keep=[lambda x, y: o.sizes[x] < o.sizes[y]])   # x inside a larger y
    {('t1', 't2'): 2}
    """

    def __init__(self, sets: Mapping[Hashable, Iterable[Hashable]]):
        keys = sorted(sets, key=str)
        members = [v if isinstance(v, (set, frozenset)) else set(v) for v in map(sets.__getitem__, keys)]
        flat = [e for v in members for e in v]
        elements = {e: i for i, e in enumerate(sorted(set(flat), key=str))}  # ties in rarity: by name
        sizes = np.fromiter(map(len, members), dtype=np.int64, count=len(keys))
        row = np.repeat(np.arange(len(keys), dtype=np.int64), sizes)
        col = np.fromiter(map(elements.__getitem__, flat), dtype=np.int64, count=len(flat))
        self._index(keys, row, col, len(elements))

    @classmethod
    def from_pairs(cls, keys: list, row: np.ndarray, col: np.ndarray, elements: int) -> Overlaps:
        """The same as ``Overlaps(sets)`` given as distinct (row, element) pairs: ``row`` numbers into
        ``keys`` (sorted by ``str``), ``col`` numbers the ``elements`` in the order of their ``str``.

        >>> o = Overlaps.from_pairs(["t1", "t2", "t3"], np.array([0, 0, 0, 1, 1, 2, 2]),
        ...                         np.array([0, 1, 2, 1, 2, 2, 3]), 4)
        >>> o.pairs(need_for(0.6, o.sizes))
        {('t1', 't2'): 2}
        """
        self = object.__new__(cls)
        self._index(keys, np.asarray(row, dtype=np.int64), np.asarray(col, dtype=np.int64), elements)
        return self

    def _index(self, keys: list, row: np.ndarray, col: np.ndarray, m: int) -> None:
        self.keys = keys
        n = len(keys)
        self.sizes = np.bincount(row, minlength=n).astype(np.int64)
        freq = np.bincount(col, minlength=m)
        rank = np.empty(m, dtype=np.int64)
        rank[np.lexsort((np.arange(m), freq))] = np.arange(m)
        # the (row, element) pairs are distinct: one argsort of a combined key sorts them (3-5x a lexsort)
        by_row = np.argsort(row * max(m, 1) + rank[col])  # each row's elements, rarest first
        self._row_start = np.cumsum(self.sizes) - self.sizes
        self._row_elements = col[by_row]
        by_col = np.argsort(col * max(n, 1) + row)        # each element's rows (the inverted index)
        self._col_start = np.r_[0, np.cumsum(freq)]
        self._col_rows = row[by_col]
        self._bits = np.zeros((n, (m + 7) // 8), dtype=np.uint8)  # each row as a bit set, for exact overlaps
        byte = row * self._bits.shape[1] + (col >> 3)
        order = np.argsort(byte, kind="stable")  # the bits of one byte side by side: OR-ed in one reduceat
        byte, bit = byte[order], (1 << (col[order] & 7)).astype(np.uint8)
        starts = np.flatnonzero(np.r_[True, byte[1:] != byte[:-1]]) if len(byte) else byte
        if len(byte):
            self._bits.reshape(-1)[byte[starts]] = np.bitwise_or.reduceat(bit, starts)

    def _elements(self, rows: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The first ``counts[i]`` elements (rarest first) of row ``rows[i]``, concatenated."""
        return self._row_elements[spans(self._row_start[rows], counts)]

    def candidates(self, need: np.ndarray, keep: Sequence[Callable] = ()) -> tuple[np.ndarray, np.ndarray]:
        """Distinct ordered pairs ``(x, y)``, ``x != y``, where ``y`` holds one of the first
        ``|x| - need[x] + 1`` elements of ``x`` (none when ``need[x] > |x|``) and every vectorised test
        ``keep(x, y)`` holds; the tests run in turn, each on the pairs the previous ones kept."""
        n = len(self.keys)
        prefix = np.clip(self.sizes - np.asarray(need, dtype=np.int64) + 1, 0, self.sizes)
        x = np.repeat(np.arange(n, dtype=np.int64), prefix)
        e = self._elements(np.arange(n, dtype=np.int64), prefix)
        hits = self._col_start[e + 1] - self._col_start[e]
        xs = np.repeat(x, hits)
        ys = self._col_rows[spans(self._col_start[e], hits)]
        for test in (lambda x, y: x != y, *keep):
            ok = test(xs, ys)
            xs, ys = xs[ok], ys[ok]
        code = sorted_unique(xs * n + ys)
        return code // n, code % n

    def shared(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``|x ∩ y|`` for each pair of rows (walks the smaller row of each pair)."""
        small = np.where(self.sizes[x] <= self.sizes[y], x, y)
        other = x + y - small
        counts = self.sizes[small]
        e = self._elements(small, counts)
        found = (self._bits[np.repeat(other, counts), e >> 3] >> (e & 7).astype(np.uint8)) & 1
        return np.bincount(np.repeat(np.arange(len(x)), counts), weights=found, minlength=len(x)).astype(np.int64)

    def pairs(self, need: np.ndarray, keep: Sequence[Callable] = (),
              accept: Callable | None = None) -> dict[tuple, int]:
        """``{(a, b): shared}`` (``str(a) < str(b)``, sorted) for every pair whose rows ``x, y`` (in either
        order) share at least ``need[x]`` elements and pass each ``keep(x, y)`` and ``accept(x, y, shared)``
        (vectorised tests on arrays of row numbers; ``x`` is the set whose ``need`` applies)."""
        need = np.asarray(need, dtype=np.int64)
        x, y = self.candidates(need, keep)
        shared = self.shared(x, y)
        ok = shared >= need[x]
        if accept is not None:
            ok &= accept(x, y, shared)
        x, y, shared = x[ok], y[ok], shared[ok]
        n = len(self.keys)
        code, first = np.unique(np.minimum(x, y) * n + np.maximum(x, y), return_index=True)
        keys = self.keys
        return {(keys[a], keys[b]): s for a, b, s in zip((code // n).tolist(), (code % n).tolist(),
                                                          shared[first].tolist())}


__all__ = ["inverted_index", "shared_counts", "jaccard", "containment", "overlap_coefficient", "Overlaps",
           "need_for", "popcount"]
