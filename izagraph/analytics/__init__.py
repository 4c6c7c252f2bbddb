"""Analytics: plain functions over networkx graphs, one module per topic; no I/O, no rdflib, no Neo4j.

The networkx functions are imported on first use: the rules use :mod:`izagraph.analytics.comembership`
(igraph) only, and importing networkx would add a seventh of a second to every ``check``."""

_COAFFILIATION = ("affiliation_graph", "co_membership", "centrality", "articulation_splits", "communities")


def __getattr__(name):
    if name in _COAFFILIATION:
        from . import coaffiliation

        return getattr(coaffiliation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = list(_COAFFILIATION)
