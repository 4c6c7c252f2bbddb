"""The few places where Python's own overhead was measured to matter, handled in one way.

>>> import gc, numpy as np
>>> with without_cyclic_gc():
...     gc.isenabled()
False
>>> sorted_unique(np.array([3, 1, 3, 2])).tolist()
[1, 2, 3]
>>> [x.tolist() for x in numbered(np.array([7, -1, 7, 3]))]
[[-1, 3, 7], [2, 0, 2, 1]]
>>> spans(np.array([5, 0]), np.array([2, 3])).tolist()
[5, 6, 0, 1, 2]
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# numpy is imported where it is used: a map's process that finds its layout kept in the store needs
# none of it (0.1 s of the command's start), nor does the program's start for any other command


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
    import numpy as np

    out = np.sort(values, axis=None)
    return out[np.r_[True, out[1:] != out[:-1]]] if len(out) else out


def distinct_pairs(a: np.ndarray, b: np.ndarray, span: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each pair (``a[i]``, ``b[i]``) of non-negative ids once, ordered by ``a`` then ``b``; ``span``: a bound
    above every ``b`` (default its maximum plus one).

    >>> import numpy as np
    >>> [x.tolist() for x in distinct_pairs(np.array([1, 0, 1]), np.array([2, 5, 2]))]
    [[0, 1], [5, 2]]
    """
    import numpy as np

    span = int(b.max(initial=0)) + 1 if span is None else span
    bits = max(1, (span - 1).bit_length())  # a pair as one int64, b in the low bits: read back by shifts
    keys = a.astype(np.int64) << bits
    keys |= b
    keys = sorted_unique(keys)
    return keys >> bits, keys & ((1 << bits) - 1)


def numbered(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` of integers: the distinct values, sorted, and each value's
    number among them. Ids span a range not much wider than their count, so a mark per possible value and
    a running count number them without sorting (the provenance index numbers four columns of 500,000 ids
    at S = 10); a wide range is left to ``np.unique``."""
    import numpy as np

    values = np.asarray(values).reshape(-1)
    if not len(values):
        return values.astype(np.int64), np.zeros(0, dtype=np.int64)
    lo, hi = int(values.min()), int(values.max())
    if hi - lo + 1 > 4 * len(values) + 1024:
        distinct, number = np.unique(values, return_inverse=True)
        return distinct.astype(np.int64), number.reshape(-1).astype(np.int64)
    at = values.astype(np.int64) - lo
    present = np.zeros(hi - lo + 1, dtype=bool)
    present[at] = True
    return np.flatnonzero(present) + lo, (np.cumsum(present) - 1)[at]


def spans(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``starts[i], starts[i] + 1, ..., starts[i] + counts[i] - 1`` for every ``i``, concatenated: the rows of
    several runs of a grouped array (each table's seats, each member's tables) gathered in one step."""
    import numpy as np

    counts = np.asarray(counts, dtype=np.int64)
    return (np.repeat(np.asarray(starts, dtype=np.int64) - np.cumsum(counts) + counts, counts)
            + np.arange(int(counts.sum()), dtype=np.int64))


class Background:
    """``fn(*args)`` in a forked process while this one goes on (the two share nothing but what existed at
    the fork), its value handed back by :meth:`result`; a map with ``--findings`` runs ``check`` this way
    while it reads the store and builds its structure, and a big map its layout while it builds its nodes.
    Where ``fork`` is not available ``fn`` runs at :meth:`result` instead. :meth:`cancel` ends the process
    (when this one fails first). ``what`` names the work in the error when the process dies."""

    def __init__(self, fn, *args, what: str = "een deelproces"):
        import multiprocessing as mp

        self._fn, self._args, self._what, self._proc = fn, args, what, None
        if "fork" in mp.get_all_start_methods():
            ctx = mp.get_context("fork")
            self._recv, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_send_result, args=(send, fn, args), daemon=True)
            self._proc.start()
            send.close()

    def result(self):
        if self._proc is None:
            return self._fn(*self._args)
        from .errors import IzagraphError

        try:
            ok, value = self._recv.recv()
        except EOFError:
            raise IzagraphError(f"{self._what} stopte onverwacht (exit code {self._proc.exitcode})") from None
        finally:
            self._proc.join()
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()


def _send_result(send, fn, args) -> None:
    # the garbage collector stays as in the parent (paused by without_cyclic_gc in a map): with it on,
    # check took several CPU seconds more at S = 1 (benchmarks/bench_maps.py)
    try:
        send.send((True, fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        send.send((False, exc))
    finally:
        send.close()
