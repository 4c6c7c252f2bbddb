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

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

_NONE: dict = {}


class TripleIndex:
    """Triples indexed by predicate, then subject (or object); read-only, rdflib terms.

    Keyed by predicate first, as a plain ``str``: the few predicates a caller names (``IZG.sector``) are
    equal to but not the same objects as the parsed ones, and comparing two ``URIRef`` objects runs
    rdflib's ``__eq__`` in Python (half a million calls, 0.4 s, for one national map); two ``str`` compare
    in C. The subject keys then match by identity (the index hands out the terms it keeps).
    """

    def __init__(self, triples: Iterable[tuple]):
        self._sp: dict = {}  # predicate -> subject -> objects
        self._po: dict = {}  # predicate -> object -> subjects
        self._predicates: dict[str, URIRef] = {}
        keys: dict = {}  # predicate term -> its str key (the reader hands out one term per predicate)
        n = 0
        for s, p, o in triples:
            key = keys.get(p)
            if key is None:
                key = keys[p] = str(p)
                if key not in self._sp:
                    self._sp[key], self._po[key] = defaultdict(list), defaultdict(list)
                    self._predicates[key] = URIRef(key)
            self._sp[key][s].append(o)
            self._po[key][o].append(s)
            n += 1
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[tuple]:
        for p, by_subject in self._sp.items():
            p = self._predicates[p]
            for s, objects in by_subject.items():
                for o in objects:
                    yield s, p, o

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):
        if subject is not None and predicate is not None:
            found = self._sp.get(str(predicate), _NONE).get(subject)
            return found[0] if found else default
        if predicate is not None and object is not None:
            found = self._po.get(str(predicate), _NONE).get(object)
            return found[0] if found else default
        raise NotImplementedError("TripleIndex.value needs (subject, predicate) or (predicate, object)")

    def objects(self, subject=None, predicate=None, unique=False):
        if subject is None or predicate is None:
            raise NotImplementedError("TripleIndex.objects needs subject and predicate")
        return iter(self._sp.get(str(predicate), _NONE).get(subject, ()))

    def subjects(self, predicate=None, object=None, unique=False):
        if predicate is None or object is None:
            raise NotImplementedError("TripleIndex.subjects needs predicate and object")
        return iter(self._po.get(str(predicate), _NONE).get(object, ()))

    def to_graph(self) -> Graph:
        """An rdflib graph of the same triples (for code that needs the full rdflib API)."""
        g = Graph()
        for t in self:
            g.add(t)
        return g


class _Terms:
    """One rdflib term per distinct IRI or literal (so index keys match by identity)."""

    def __init__(self):
        self.iris: dict[str, URIRef] = {}
        self.literals: dict[tuple, Literal] = {}

    def iri(self, v: str) -> URIRef:
        u = self.iris.get(v)
        if u is None:
            u = self.iris[v] = URIRef(v)
        return u

    def literal(self, value: str, language: str | None, datatype: str) -> Literal:
        key = (value, language, datatype)
        lit = self.literals.get(key)
        if lit is None:
            if language:
                lit = Literal(value, lang=language)
            elif datatype == _XSD_STRING:
                lit = Literal(value)
            else:
                lit = Literal(value, datatype=self.iri(datatype))
            self.literals[key] = lit
        return lit

    def oxigraph(self, t):
        import pyoxigraph as ox

        if isinstance(t, ox.NamedNode):
            return self.iri(t.value)
        if isinstance(t, ox.Literal):
            return self.literal(t.value, t.language, t.datatype.value)
        return BNode(t.value)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ECHAR = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_LANG = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")


def _unescape(text: str) -> str:
    def one(m):
        if m.group(3) is not None:
            return _ESCAPED[m.group(3)]  # KeyError: not an N-Triples escape (the caller falls back)
        return chr(int(m.group(1) or m.group(2), 16))

    return _ECHAR.sub(one, text)


def _token(tok: str, terms: _Terms, position: int):
    """The term of one token of a canonical N-Triples line (``position`` 0, 1, 2: subject, predicate,
    object), or None when the token is in any other form (then pyoxigraph parses the line)."""
    c = tok[:1]
    if c == "<":
        if tok[-1] != ">" or "\\" in tok or " " in tok or ">" in tok[:-1]:
            return None
        return terms.iri(tok[1:-1])
    if c == "_" and position != 1 and tok.startswith("_:") and " " not in tok:
        return BNode(tok[2:])
    if c != '"' or position != 2:
        return None
    end = tok.rfind('"')
    if end == 0:
        return None
    value, rest = tok[1:end], tok[end + 1:]
    if "\\" in value:
        try:
            value = _unescape(value)
        except KeyError:
            return None
    elif '"' in value:
        return None
    if not rest:
        return terms.literal(value, None, _XSD_STRING)
    if rest.startswith("^^<") and rest[-1] == ">" and "\\" not in rest and " " not in rest:
        return terms.literal(value, None, rest[3:-1])
    if _LANG.fullmatch(rest):
        return terms.literal(value, rest[1:], "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
    return None


def parse_file(path: Path) -> Iterator[tuple]:
    """The triples of an N-Triples file as rdflib terms.

    The file ``izagraph load`` writes is canonical N-Triples (one triple per line, single spaces): each
    line is split in Python and each distinct token turned into a term once (a third of the time of
    pyoxigraph handing out an object per position); a line in any other form (escapes in an IRI, extra
    spaces, a comment) is parsed by pyoxigraph instead, so every valid file reads right."""
    import pyoxigraph as ox

    terms = _Terms()
    seen: dict[str, object] = {}  # token text -> term (subjects and objects; predicates apart)
    predicates: dict[str, object] = {}
    with open(path, encoding="utf-8", newline="\n") as fh:
        for line in fh:
            if line.endswith(" .\n"):
                parts = line[:-3].split(" ", 2)
                if len(parts) == 3:
                    s, p, o = parts
                    ts, tp, to = seen.get(s), predicates.get(p), seen.get(o)
                    if ts is None:
                        ts = _token(s, terms, 0)
                        if ts is not None and type(ts) is not BNode:
                            seen[s] = ts
                    if tp is None:
                        tp = _token(p, terms, 1)
                        if tp is not None:
                            predicates[p] = tp
                    if to is None:
                        to = _token(o, terms, 2)
                        if to is not None and type(to) is not BNode:
                            seen[o] = to
                    if ts is not None and tp is not None and to is not None:
                        yield ts, tp, to
                        continue
            if line.strip() and not line.lstrip().startswith("#"):
                for q in ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
                    yield terms.oxigraph(q.subject), terms.oxigraph(q.predicate), terms.oxigraph(q.object)


def read_index(store: Path) -> TripleIndex:
    """The store's data as a :class:`TripleIndex` (parsed by pyoxigraph)."""
    from ..store import GRAPH_FILE, require_store

    return TripleIndex(parse_file(require_store(store) / GRAPH_FILE))


__all__ = ["TripleIndex", "parse_file", "read_index"]
