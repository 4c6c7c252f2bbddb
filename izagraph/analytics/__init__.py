"""Analytics: plain functions over networkx graphs, one module per topic; no I/O, no rdflib, no Neo4j."""

from .coaffiliation import (
    affiliation_graph, articulation_splits, centrality, co_membership, communities,
)

__all__ = ["affiliation_graph", "co_membership", "centrality", "articulation_splits", "communities"]
