"""izagraph: the governance of Dutch regional health and social care as a knowledge graph."""

__version__ = "0.1.0"

from .errors import InputError, IzagraphError, Problem  # noqa: E402

__all__ = ["__version__", "IzagraphError", "InputError", "Problem"]
