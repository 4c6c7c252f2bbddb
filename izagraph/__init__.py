"""izagraph: the governance of Dutch regional health and social care as a knowledge graph.

>>> from izagraph import load_dataset, check, OxigraphBackend
>>> from izagraph.resources import ROOT
>>> graph = load_dataset([ROOT / "tests" / "data" / "mini"]).graph
>>> report = check(OxigraphBackend.from_graph(graph), ["table-gaps"])
>>> report.counts["table-gaps"] >= 1
True
"""

__version__ = "0.1.0"

from .backends.sparql import OxigraphBackend, RdflibBackend  # noqa: E402
from .errors import InputError, IzagraphError, Problem  # noqa: E402
from .load import check_inputs, load_dataset  # noqa: E402
from .rules import ALL_RULES, check  # noqa: E402

__all__ = ["__version__", "load_dataset", "check_inputs", "check", "ALL_RULES", "OxigraphBackend",
           "RdflibBackend", "IzagraphError", "InputError", "Problem"]
