"""The few places where Python's own overhead was measured to matter, handled in one way.

>>> import gc
>>> with without_cyclic_gc():
...     gc.isenabled()
False
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def without_cyclic_gc():
    """Pause Python's cyclic garbage collector while building many long-lived objects that form no cycles.

    The collector would only rescan them, again and again as they grow: a third of writing a national map,
    15 % of reading the national dataset at S = 1 and 38 % at S = 10, and about a sixth of checking all
    rules at S = 1 (measured; docs/performance.md).
    Reference counting frees everything as usual; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
