"""Backends run a named query with parameters and return plain rows.

Every backend returns the same shape: a list of dicts from variable name to a plain Python value
(IRIs and strings as ``str``, numbers as ``int``/``float``, booleans as ``bool``, absent as ``None``).
That is what makes rule results comparable across backends.
"""

from __future__ import annotations

from typing import Protocol

from ..queries import Query


class ResultRows(list):
    """A list of row dicts that also knows its column names (so an empty result still has a header)."""

    def __init__(self, rows=(), columns: list[str] | None = None):
        super().__init__(rows)
        self.columns = list(columns or [])


class Backend(Protocol):
    name: str
    language: str  # "sparql" or "cypher"

    def rows(self, query: Query, params: dict[str, object]) -> list[dict[str, object]]:
        """Run ``query`` with already-converted parameter values."""


def run(backend: Backend, name_or_query, params: dict | None = None) -> list[dict[str, object]]:
    """Run a query (by name or :class:`Query`) on ``backend`` with user parameters."""
    from ..queries import load_query

    query = name_or_query if isinstance(name_or_query, Query) else load_query(name_or_query, backend.language)
    return backend.rows(query, query.bind(params))
