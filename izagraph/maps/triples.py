"""A fast read-only view of a store's ``graph.nt`` for the maps.

Measured on a synthetic 5,000-node store (72,000 triples): ``store.read_graph`` (rdflib's N-Triples
parser) takes 6.2 s and :func:`izagraph.network.governance_network` on that rdflib graph 2.6 s, which
alone breaks the 5-second budget of ``izagraph map --national``. Here the file is parsed by
pyoxigraph (Rust) into plain dict indexes that offer the three look-ups ``governance_network`` uses —
``value``, ``subjects`` and ``objects`` with rdflib terms — so the same, unchanged network code runs on
it in a fraction of the time (figures in docs/maps.md).

>>> from rdflib import URIRef
>>> idx = TripleIndex([(URIRef("s"), URIRef("p"), URIRef("o"))])
>>> idx.value(URIRef("s"), URIRef("p")), list(idx.subjects(URIRef("p"), URIRef("o")))
(rdflib.term.URIRef('o'), [rdflib.term.URIRef('s')])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

_NONE: dict = {}


class TripleIndex:
    """Triples indexed by predicate, then subject (or object); read-only, rdflib terms.

    Keyed by predicate first: the few predicates a caller names (``IZG.sector``) are equal to but not the
    same objects as the parsed ones, and a look-up pays for that comparison once on the small outer dict
    instead of on every (subject, predicate) key; the subject keys then match by identity.
    """

    def __init__(self, triples: Iterable[tuple]):
        self._sp: dict = defaultdict(lambda: defaultdict(list))  # predicate -> subject -> objects
        self._po: dict = defaultdict(lambda: defaultdict(list))  # predicate -> object -> subjects
        self._n = 0
        sp, po = self._sp, self._po
        for s, p, o in triples:
            sp[p][s].append(o)
            po[p][o].append(s)
            self._n += 1

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[tuple]:
        for p, by_subject in self._sp.items():
            for s, objects in by_subject.items():
                for o in objects:
                    yield s, p, o

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):
        if subject is not None and predicate is not None:
            found = self._sp.get(predicate, _NONE).get(subject)
            return found[0] if found else default
        if predicate is not None and object is not None:
            found = self._po.get(predicate, _NONE).get(object)
            return found[0] if found else default
        raise NotImplementedError("TripleIndex.value needs (subject, predicate) or (predicate, object)")

    def objects(self, subject=None, predicate=None, unique=False):
        if subject is None or predicate is None:
            raise NotImplementedError("TripleIndex.objects needs subject and predicate")
        return iter(self._sp.get(predicate, _NONE).get(subject, ()))

    def subjects(self, predicate=None, object=None, unique=False):
        if predicate is None or object is None:
            raise NotImplementedError("TripleIndex.subjects needs predicate and object")
        return iter(self._po.get(predicate, _NONE).get(object, ()))

    def to_graph(self) -> Graph:
        """An rdflib graph of the same triples (for code that needs the full rdflib API)."""
        g = Graph()
        for t in self:
            g.add(t)
        return g


def _terms(path: Path) -> Iterator[tuple]:
    import pyoxigraph as ox

    iris: dict[str, URIRef] = {}
    literals: dict[tuple, Literal] = {}

    def term(t):
        if isinstance(t, ox.NamedNode):
            v = t.value
            u = iris.get(v)
            if u is None:
                u = iris[v] = URIRef(v)
            return u
        if isinstance(t, ox.Literal):
            key = (t.value, t.language, t.datatype.value)
            lit = literals.get(key)
            if lit is None:
                if t.language:
                    lit = Literal(t.value, lang=t.language)
                elif key[2] == "http://www.w3.org/2001/XMLSchema#string":
                    lit = Literal(t.value)
                else:
                    lit = Literal(t.value, datatype=URIRef(key[2]))
                literals[key] = lit
            return lit
        return BNode(t.value)

    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        yield term(q.subject), term(q.predicate), term(q.object)


def read_index(store: Path) -> TripleIndex:
    """The store's data as a :class:`TripleIndex` (parsed by pyoxigraph)."""
    from ..store import GRAPH_FILE, require_store

    return TripleIndex(_terms(require_store(store) / GRAPH_FILE))


__all__ = ["TripleIndex", "read_index"]
