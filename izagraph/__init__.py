"""izagraph: the governance of Dutch regional health and social care as a knowledge graph.

>>> from izagraph import load_dataset, check, OxigraphBackend
>>> from izagraph.resources import ROOT
>>> graph = load_dataset([ROOT / "tests" / "data" / "mini"]).graph
>>> report = check(OxigraphBackend.from_graph(graph), ["table-gaps"])
>>> report.counts["table-gaps"] >= 1
True
"""

__version__ = "0.1.0"

from .errors import InputError, IzagraphError, Problem  # noqa: E402

__all__ = ["__version__", "load_dataset", "check_inputs", "check", "ALL_RULES", "OxigraphBackend",
           "RdflibBackend", "IzagraphError", "InputError", "Problem"]

#: The library's main functions, imported on first use: ``izagraph validate`` then starts without the rules
#: and their network libraries (networkx, igraph), which it does not need.
_LAZY = {"load_dataset": ".load", "check_inputs": ".load", "check": ".rules", "ALL_RULES": ".rules",
         "OxigraphBackend": ".backends.sparql", "RdflibBackend": ".backends.sparql"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'izagraph' has no attribute {name!r}")
