"""The ontology as data: concept schemes, labels, broader/narrower, IZA criteria.

Everything that needs a list the ontology holds (valid themes, sectors and their perspectives, the
criteria) reads it from here; nothing in the code repeats such a list.

>>> v = vocabulary()
>>> v.resolve("theme", "mentale-gezondheid")
rdflib.term.URIRef('https://w3id.org/izagraph/concept/theme/mentale-gezondheid')
>>> v.label(v.resolve("perspective", "ggz"), "en") != ""
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .namespaces import CONCEPT, IZG, RDF, RDFS, SKOS, scheme
from .resources import ONTOLOGY_DIR

SHAPES_FILE = "shapes.ttl"


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """The vocabulary, concept and criteria files (everything but the shapes)."""
    return sorted(p for p in directory.glob("*.ttl") if p.name != SHAPES_FILE)


@lru_cache(maxsize=4)
def ontology_graph(directory: Path = ONTOLOGY_DIR) -> Graph:
    """The ontology as one rdflib graph (cached: treat it as read-only). Parsed by Oxigraph's Turtle parser
    (twice as fast as rdflib's, measured: every command reads the ontology; tests prove the same graph)."""
    g = Graph()
    for path in ontology_files(directory):
        g.addN((*map(_rdflib_term, (q.subject, q.predicate, q.object)), g)
               for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return g


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term):
    """A pyoxigraph term as the rdflib term rdflib's own parser would give."""
    if type(term) is ox.NamedNode:
        return URIRef(term.value)
    if type(term) is ox.BlankNode:
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


@lru_cache(maxsize=1)
def ontology_nt() -> bytes:
    """The ontology as N-Triples (cached): what every Oxigraph store of izagraph holds beside the data."""
    return ontology_graph().serialize(format="nt", encoding="utf-8")


@lru_cache(maxsize=4)
def shapes_graph(directory: Path = ONTOLOGY_DIR) -> Graph:
    g = Graph()
    g.parse(directory / SHAPES_FILE, format="turtle")
    return g


@dataclass(frozen=True)
class Criterion:
    """A requirement on who sits at a table (IZA criterion or theme expectation)."""

    iri: URIRef
    id: str
    labels: dict[str, str]
    definitions: dict[str, str]
    requires_any_of: tuple[URIRef, ...]
    requires_mandate: bool
    regional_structure: bool
    theme: URIRef | None
    severity: str
    advice: URIRef | None


class Vocabulary:
    """Look-ups over the ontology graph."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._notations: dict[str, dict[str, URIRef]] = {}
        for c, notation in graph.subject_objects(SKOS.notation):
            for s in graph.objects(c, SKOS.inScheme):
                name = str(s).removeprefix(str(CONCEPT))
                self._notations.setdefault(name, {})[str(notation)] = c

    def schemes(self) -> list[str]:
        return sorted(self._notations)

    def notations(self, scheme_name: str) -> dict[str, URIRef]:
        """notation -> concept IRI for one scheme (empty if the scheme is unknown)."""
        return dict(self._notations.get(scheme_name, {}))

    def resolve(self, scheme_name: str, notation: str) -> URIRef | None:
        return self._notations.get(scheme_name, {}).get(notation)

    def notation(self, iri: URIRef) -> str | None:
        value = self.graph.value(iri, SKOS.notation)
        return str(value) if value is not None else None

    def label(self, iri: URIRef, lang: str = "nl") -> str:
        """The preferred label in ``lang`` (falling back to any label, then the notation)."""
        fallback = None
        for prop in (SKOS.prefLabel, RDFS.label):
            for lit in self.graph.objects(iri, prop):
                if isinstance(lit, Literal) and lit.language == lang:
                    return str(lit)
                fallback = fallback or str(lit)
        return fallback or self.notation(iri) or str(iri).rsplit("/", 1)[-1]

    def text(self, iri: URIRef, prop: URIRef, lang: str = "nl") -> str:
        fallback = ""
        for lit in self.graph.objects(iri, prop):
            if isinstance(lit, Literal) and lit.language == lang:
                return str(lit)
            fallback = fallback or str(lit)
        return fallback

    def broader_closure(self, iri: URIRef) -> set[URIRef]:
        """The concept itself and everything broader than it (transitively)."""
        seen, todo = set(), [iri]
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            todo.extend(self.graph.objects(c, SKOS.broader))
        return seen

    def top_concepts(self, scheme_name: str) -> list[URIRef]:
        return sorted(self.graph.objects(scheme(scheme_name), SKOS.hasTopConcept)) or sorted(
            self.graph.subjects(SKOS.topConceptOf, scheme(scheme_name)))

    def criteria(self) -> list[Criterion]:
        out = []
        for c in sorted(self.graph.subjects(RDF.type, IZG.Criterion)):
            g = self.graph
            labels = {lit.language: str(lit) for lit in g.objects(c, SKOS.prefLabel) if lit.language}
            defs = {lit.language: str(lit) for lit in g.objects(c, SKOS.definition) if lit.language}
            sev = g.value(c, IZG.severity)
            out.append(Criterion(
                iri=c, id=str(g.value(c, SKOS.notation) or str(c).rsplit("/", 1)[-1]),
                labels=labels, definitions=defs,
                requires_any_of=tuple(sorted(g.objects(c, IZG.requiresAnyOf))),
                requires_mandate=bool(g.value(c, IZG.requiresMandate)),
                regional_structure=bool(g.value(c, IZG.appliesToRegionalStructure)),
                theme=g.value(c, IZG.forTheme),
                severity=self.notation(sev) if sev is not None else "medium",
                advice=g.value(c, IZG.advice),
            ))
        return out


@lru_cache(maxsize=4)
def vocabulary(directory: Path = ONTOLOGY_DIR) -> Vocabulary:
    """The project's vocabulary (cached)."""
    return Vocabulary(ontology_graph(directory))
