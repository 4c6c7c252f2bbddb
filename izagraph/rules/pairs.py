"""Pairwise overlap of sets by an inverted index: the one shared scorer of every pairwise rule.

Duplicated tables, subset tables, "en-en", and the congruence of two region divisions all ask the same
question: which pairs of sets share elements, and how many? Written as a SPARQL or Cypher self-join this
is quadratic in the number of tables and takes minutes on a national graph (see
``benchmarks/bench_rules.py``); an inverted index (element -> the sets that hold it) only visits pairs
that actually share something. The same function serves every backend, because it works on the rows a
query extracted, not on the store.

>>> shared_counts({"t1": {"a", "b", "c"}, "t2": {"b", "c"}, "t3": {"x"}})
{('t1', 't2'): 2}
>>> shared_counts({"A1": {1, 2}, "A2": {3}}, {"B1": {1}, "B2": {2, 3}})
{('A1', 'B1'): 1, ('A1', 'B2'): 1, ('A2', 'B2'): 1}
>>> jaccard({"a", "b"}, {"b", "c"})
0.3333333333333333
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping


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


__all__ = ["inverted_index", "shared_counts", "jaccard", "containment", "overlap_coefficient"]
