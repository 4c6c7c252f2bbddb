"""Pseudonymisation of persons for exports, maps and reports (``--pseudonymise``).

Each person gets a stable pseudonym: a keyed hash (HMAC-SHA-256) of their IRI. Without the key nobody
can reverse a pseudonym by hashing guessed identifiers, so a shared export does not give the persons
away. The key is, in this order: ``--pseudonym-key`` (a global option), ``$IZAGRAPH_PSEUDONYM_KEY``, or
the random key that ``izagraph load`` keeps with the store (``pseudonym.key``, readable by its owner
only, kept across reloads). So the same person gets the same pseudonym in every output of one store,
and different stores (or keys) give unrelated pseudonyms. Give the same key to two stores to link
their pseudonyms on purpose.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .errors import ParameterError
from .namespaces import IZG, ORG, RDF, SKOS, entity_iri

KEY_ENV = "IZAGRAPH_PSEUDONYM_KEY"
MIN_KEY_LENGTH = 16


def resolve_key(store: Path | None = None, given: str | None = None) -> bytes:
    """The pseudonym key: ``given``, else ``$IZAGRAPH_PSEUDONYM_KEY``, else the store's own random key.

    >>> resolve_key(given="een lang geheim van mij") == b"een lang geheim van mij"
    True
    """
    text = given if given is not None else os.environ.get(KEY_ENV)
    if text is not None:
        if len(text) < MIN_KEY_LENGTH:
            raise ParameterError(f"de pseudoniemsleutel ({KEY_ENV} of --pseudonym-key) moet minstens "
                                 f"{MIN_KEY_LENGTH} tekens lang zijn: een korte sleutel is te raden")
        return text.encode("utf-8")
    from .resources import default_store
    from .store import store_key

    return store_key(Path(store) if store is not None else default_store())


def pseudonym_key(iri: str, key: bytes | str | None = None) -> str:
    """A short stable keyed hash of a person IRI (12 hex digits); ``key`` None: :func:`resolve_key`.

    >>> k = b"sleutel-van-deze-store"
    >>> pseudonym_key("https://w3id.org/izagraph/id/person/jan", k) == pseudonym_key("https://w3id.org/izagraph/id/person/jan", k)
    True
    >>> pseudonym_key("https://w3id.org/izagraph/id/person/jan", k) == pseudonym_key("https://w3id.org/izagraph/id/person/jan", b"another key, another store")
    False
    """
    if key is None:
        key = resolve_key()
    elif isinstance(key, str):
        key = key.encode("utf-8")
    return hmac.new(key, iri.encode("utf-8"), hashlib.sha256).hexdigest()[:12]


def pseudonym_name(iri: str, key: bytes | None = None, lang: str = "nl") -> str:
    """The display name of a person's pseudonym, e.g. ``Persoon 3fa9c2d1``."""
    return f"{'Persoon' if lang == 'nl' else 'Person'} {pseudonym_key(iri, key)[:8]}"


def pseudonymise(graph: Graph, key: bytes | str | None = None, lang: str = "nl") -> Graph:
    """A copy of ``graph`` where every person's IRI and name are replaced by a pseudonym.

    Pass the key of the store the graph came from (:func:`resolve_key` with that store); ``None`` resolves
    it for the default store.
    """
    if key is None:
        key = resolve_key()
    elif isinstance(key, str):
        key = key.encode("utf-8")
    persons = sorted(set(graph.subjects(RDF.type, IZG.Person)))
    mapping = {p: entity_iri("person", f"p-{pseudonym_key(str(p), key)}") for p in persons}
    # Membership identifiers embed the member's id: rename those of persons too.
    for m, person in graph.subject_objects(ORG.member):
        if person in mapping:
            table_key = str(m).rstrip("/").split("/")[-2]
            mapping[m] = entity_iri("membership", table_key, f"p-{pseudonym_key(str(person), key)}")
    names = {mapping[p]: pseudonym_name(str(p), key, lang) for p in persons}
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
