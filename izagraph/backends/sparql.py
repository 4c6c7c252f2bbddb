"""SPARQL backends: the embedded Oxigraph store, and rdflib for small in-memory graphs."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph
from rdflib import Literal as RLiteral
from rdflib import URIRef as RURIRef
from rdflib import Variable as RVariable

from ..errors import IzagraphError, ParameterError
from ..namespaces import PREFIXES, XSD
from ..queries import Query
from . import ResultRows

INTEGER_TYPES = {str(XSD[t]) for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
FLOAT_TYPES = {str(XSD[t]) for t in ("decimal", "double", "float")}
BOOLEAN = str(XSD.boolean)


def plain(value: str, datatype: str | None) -> object:
    """A literal's lexical form as a plain Python value (dates stay ISO strings)."""
    if datatype in INTEGER_TYPES:
        return int(value)
    if datatype in FLOAT_TYPES:
        return float(value)
    if datatype == BOOLEAN:
        return value in ("true", "1")
    return value


def mentions(text: str, variable: str) -> bool:
    """Whether the query text uses ``?variable`` (or ``$variable``)."""
    return re.search(rf"[?$]{re.escape(variable)}\b", text) is not None


class OxigraphBackend:
    """SPARQL on an Oxigraph store (on disk from ``izagraph load``, or in memory)."""

    name = "oxigraph"
    language = "sparql"

    def __init__(self, store, snapshot=None):
        self.store = store
        #: the load-time analytical snapshot (:mod:`izagraph.snapshot`): ``check`` reads the rules' facts
        #: from it instead of querying; None runs every rule query on the store.
        self.snapshot = snapshot

    @classmethod
    def from_store(cls, path: Path, snapshot: bool = True) -> OxigraphBackend:
        """The store's database, with its analytical snapshot when it has one (and ``snapshot``)."""
        from ..snapshot import open_for_store
        from ..store import open_oxigraph, require_store

        return cls(open_oxigraph(path), open_for_store(require_store(path)) if snapshot else None)

    @classmethod
    def from_graph(cls, graph: Graph, snapshot: bool = False) -> OxigraphBackend:
        """An in-memory store of ``graph``; with ``snapshot`` its analytical snapshot is built too."""
        from ..store import _to_oxigraph

        backend = cls(_to_oxigraph(graph, None))
        if snapshot:
            from ..snapshot import Snapshot

            backend.snapshot = Snapshot.build(backend)
        return backend

    def rows(self, query: Query, params: dict[str, object]) -> list[dict[str, object]]:
        import pyoxigraph as ox

        subs = {}
        for name, value in params.items():
            if value is None or not mentions(query.text, name):
                continue  # unbound: the variable matches anything; thresholds for Python scoring are not bound
            p = query.params[name]
            if p.is_iri:
                subs[ox.Variable(name)] = ox.NamedNode(str(value))
            elif isinstance(value, bool):
                subs[ox.Variable(name)] = ox.Literal(str(value).lower(), datatype=ox.NamedNode(BOOLEAN))
            elif isinstance(value, int):
                subs[ox.Variable(name)] = ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
            elif isinstance(value, float):
                subs[ox.Variable(name)] = ox.Literal(repr(value), datatype=ox.NamedNode(str(XSD.double)))
            else:
                subs[ox.Variable(name)] = ox.Literal(str(value))
        try:
            result = self.store.query(query.text, prefixes=PREFIXES, substitutions=subs,
                                      use_default_graph_as_union=True)
        except (RuntimeError, SyntaxError) as exc:
            if "projection" in str(exc):
                raise ParameterError(f"{query.name}: een parametervariabele moet in de SELECT staan "
                                     f"(SPARQL-substitutie, SEP-0007): {exc}") from None
            raise IzagraphError(f"{query.name}: SPARQL-fout: {exc}") from None
        names = [v.value for v in result.variables]
        literal = ox.Literal
        out = []
        for solution in result:  # a solution iterates its values in the order of the variables
            row = {}
            for n, term in zip(names, solution):
                if term is None:
                    row[n] = None
                elif type(term) is literal:
                    row[n] = plain(term.value, term.datatype.value)
                else:
                    row[n] = term.value
            out.append(row)
        return ResultRows(out, names)


class RdflibBackend:
    """SPARQL on an rdflib graph (tests, small graphs; merged with the ontology)."""

    name = "rdflib"
    language = "sparql"

    def __init__(self, graph: Graph, with_ontology: bool = True):
        if with_ontology:
            from ..vocab import ontology_graph

            merged = Graph()
            merged += graph
            merged += ontology_graph()
            graph = merged
        self.graph = graph

    def rows(self, query: Query, params: dict[str, object]) -> list[dict[str, object]]:
        bindings = {}
        for name, value in params.items():
            if value is None or not mentions(query.text, name):
                continue
            p = query.params[name]
            bindings[RVariable(name)] = RURIRef(str(value)) if p.is_iri else RLiteral(value)
        result = self.graph.query(query.text, initNs=PREFIXES, initBindings=bindings)
        names = [str(v) for v in result.vars]
        out = []
        for record in result:
            row = {}
            for n, term in zip(names, record):
                if term is None:
                    row[n] = None
                elif isinstance(term, RLiteral):
                    row[n] = plain(str(term), str(term.datatype) if term.datatype else None)
                else:
                    row[n] = str(term)
            out.append(row)
        return ResultRows(out, names)
