"""Pseudonymisation of persons for exports, maps and reports (``--pseudonymise``).

Each person gets a stable pseudonym derived from a salted hash of their IRI: the same person gets the
same pseudonym in every output of one store, while the name and identifier are gone.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef

from .namespaces import IZG, ORG, RDF, SKOS, entity_iri


def pseudonym_key(iri: str, salt: str = "") -> str:
    """A short stable key for a person IRI.

    >>> pseudonym_key("https://w3id.org/izagraph/id/person/jan") == pseudonym_key("https://w3id.org/izagraph/id/person/jan")
    True
    """
    return hashlib.sha256((salt + iri).encode()).hexdigest()[:10]


def pseudonymise(graph: Graph, salt: str = "", lang: str = "nl") -> Graph:
    """A copy of ``graph`` where every person's IRI and name are replaced by a pseudonym."""
    persons = sorted(set(graph.subjects(RDF.type, IZG.Person)))
    word = "Persoon" if lang == "nl" else "Person"
    mapping = {p: entity_iri("person", f"p-{pseudonym_key(str(p), salt)}") for p in persons}
    # Membership identifiers embed the member's id: rename those of persons too.
    for m, person in graph.subject_objects(ORG.member):
        if person in mapping:
            table_key = str(m).rstrip("/").split("/")[-2]
            mapping[m] = entity_iri("membership", table_key, f"p-{pseudonym_key(str(person), salt)}")
    names = {mapping[p]: f"{word} {pseudonym_key(str(p), salt)[:6]}" for p in persons}
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for s, p, o in graph:
        if s in mapping and p == SKOS.prefLabel:
            continue
        out.add((mapping.get(s, s), p, mapping.get(o, o) if isinstance(o, URIRef) else o))
    for new, name in names.items():
        out.add((new, SKOS.prefLabel, Literal(name)))
    return out
