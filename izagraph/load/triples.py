"""The triples a load produces, kept as a plain ordered set until something needs more.

Converting a national dataset yields some 280,000 triples. Adding them to an rdflib ``Graph`` costs about
20 µs each (its in-memory store keeps three indexes and a context per triple), copying that graph into
another costs as much again, and serialising it to N-Triples for Oxigraph once more: together most of the
time of ``izagraph validate`` at national scale (docs/performance.md). The loader needs far less: add a
triple, test one, iterate, and hand the lot to Oxigraph as N-Triples. :class:`Triples` does exactly that
(a ``dict`` used as an ordered set of rdflib term triples); :meth:`Triples.graph` makes the rdflib graph
for callers that want one.

>>> from rdflib import URIRef, Literal
>>> t = Triples()
>>> t.add((URIRef("http://e/s"), URIRef("http://e/p"), Literal("x")))
>>> t.add((URIRef("http://e/s"), URIRef("http://e/p"), Literal("x")))  # a set: added once
>>> len(t), (URIRef("http://e/s"), None, Literal("x")) in t
(1, True)
>>> t.n_triples()
b'<http://e/s> <http://e/p> "x" .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import islice

from rdflib import BNode, Graph, Literal, URIRef


class Triples:
    """An ordered set of (subject, predicate, object) rdflib terms."""

    def __init__(self, triples: Iterable[tuple] = ()):
        self._set: dict[tuple, None] = dict.fromkeys(triples)
        self._nt: bytes | None = None

    def add(self, triple: tuple) -> None:
        self._set[triple] = None
        self._nt = None

    def __iadd__(self, triples: Iterable[tuple]) -> Triples:
        self._set.update(dict.fromkeys(triples))
        self._nt = None
        return self

    def __contains__(self, triple: tuple) -> bool:
        """A triple, or a pattern with ``None`` for any term (a scan: meant for rare look-ups)."""
        if all(term is not None for term in triple):
            return triple in self._set
        return any(all(want is None or want == have for want, have in zip(triple, t)) for t in self._set)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._set)

    def __len__(self) -> int:
        return len(self._set)

    @cached_property
    def namespace_manager(self):
        """The prefixes of a new rdflib graph (what messages showing a predicate used before)."""
        return Graph().namespace_manager

    def graph(self) -> Graph:
        """The triples as an rdflib graph."""
        g = Graph()
        g.addN((s, p, o, g) for s, p, o in self._set)
        return g

    def n_triples(self) -> bytes:
        """The triples as N-Triples (UTF-8), written by Oxigraph's term syntax; kept until the next ``add``.

        Raises ``ValueError`` for a term Oxigraph cannot hold (an invalid IRI or language tag): the
        loader reports those as problems before it needs the N-Triples.
        """
        if self._nt is None:
            cache: dict = {}

            def nt(term) -> str:
                text = cache.get(term)
                if text is None:
                    text = str(ox_term(term))
                    if isinstance(term, Literal) and term.language:  # the tag as given (Oxigraph lowercases it)
                        text = text[:text.rindex("@") + 1] + term.language
                    cache[term] = text
                return text

            triples, chunks = iter(self._set), []
            while chunk := "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in islice(triples, 50_000)):
                chunks.append(chunk.encode("utf-8"))  # in parts: the text of all triples at once is the largest peak
            self._nt = b"".join(chunks)
        return self._nt


def ox_term(term):
    """An rdflib term as a pyoxigraph term (``ValueError`` if Oxigraph cannot hold it)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"not an RDF term: {term!r}")


def n_triples(data) -> bytes:
    """``data`` (:class:`Triples` or an rdflib graph) as N-Triples."""
    if isinstance(data, Triples):
        return data.n_triples()
    return data.serialize(format="nt", encoding="utf-8")


__all__ = ["Triples", "n_triples", "ox_term"]
