"""Neo4j: push the RDF graph as a property graph, pull it back losslessly, run Cypher queries.

The mapping is the one in ``docs/neo4j-mapping.md``: every IRI is a ``(:Resource:Izagraph {iri})`` node,
``rdf:type`` becomes labels, literals become properties and IRI values become relationships. It is
mechanical and recorded in the database (on the ``(:IzagraphLoad {id: 'current'})`` marker), so
:meth:`Neo4jBackend.pull` gives back exactly the graph that was pushed.

The conversion is pure and needs no server:

>>> from rdflib import Graph, Literal, URIRef
>>> from izagraph.namespaces import IZG, SKOS, XSD
>>> g = Graph()
>>> t = URIRef("https://w3id.org/izagraph/id/table/stuurgroep")
>>> _ = g.add((t, RDF.type, IZG.Table)).add((t, SKOS.prefLabel, Literal("Stuurgroep", lang="nl")))
>>> _ = g.add((t, IZG.meetingsPerYear, Literal("4.0", datatype=XSD.decimal)))
>>> pg = to_property_graph(g, ontology=Graph())
>>> [(labels, row["props"]) for labels, rows in pg.nodes.items() for row in rows]  # doctest: +NORMALIZE_WHITESPACE
[(('Table',), {'iri': 'https://w3id.org/izagraph/id/table/stuurgroep', 'meetingsPerYear': 4.0,
   'prefLabel_nl': 'Stuurgroep', '_dt': '{"meetingsPerYear": "xsd:decimal"}'})]
>>> from rdflib.compare import isomorphic
>>> nodes, rels = pg.as_pulled()
>>> isomorphic(rows_to_graph(nodes, rels, pg.mapping), g)
True

This is the only module that imports the ``neo4j`` driver.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import json
import logging
import math
import os
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as nx
from neo4j.graph import Node, Path, Relationship
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..errors import BackendUnavailable, IzagraphError
from ..namespaces import IZG, PREFIXES
from ..queries import Query

__all__ = [
    "Settings", "Neo4jBackend", "connect", "push", "pull", "PushReport", "Status", "Mapping",
    "PropertyGraph", "to_property_graph", "rows_to_graph", "encode_literals", "decode_values",
    "label_name", "relationship_type", "CypherError", "PushInProgress",
]

log = logging.getLogger(__name__)

# -- connection settings -------------------------------------------------------------------------

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "izagraph-dev"  # the password scripts/neo4j-local gives its throwaway server
DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
MIN_MAJOR_VERSION = 5


@dataclass(frozen=True)
class Settings:
    """Where Neo4j is and who we are. The password never shows in ``repr`` or messages.

    >>> s = Settings.resolve(password="s3cret", environ={})
    >>> s
    Settings(uri='bolt://127.0.0.1:7687', user='neo4j', database='neo4j')
    >>> "s3cret" in repr(s) + str(s)
    False
    """

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = field(default=DEFAULT_PASSWORD, repr=False)
    database: str = DEFAULT_DATABASE

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                database: str | None = None, environ=None) -> Settings:
        """Arguments first, then Neo4j's usual environment variables, then the local defaults.

        ``NEO4J_URI``, ``NEO4J_USERNAME`` (or ``NEO4J_USER``, as ``scripts/neo4j-local`` calls it),
        ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. Without ``NEO4J_URI``, ``NEO4J_BOLT_PORT`` (the port
        ``scripts/neo4j-local`` starts on) gives ``bolt://127.0.0.1:<port>``, so the launcher, the client and
        the tests read the same variables:

        >>> Settings.resolve(environ={"NEO4J_BOLT_PORT": "7704"}).uri
        'bolt://127.0.0.1:7704'
        """
        env = os.environ if environ is None else environ
        port = (env.get("NEO4J_BOLT_PORT") or "").strip()
        local = f"bolt://127.0.0.1:{port}" if port else DEFAULT_URI
        return cls(uri=uri or env.get("NEO4J_URI") or local,
                   user=user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or DEFAULT_USER,
                   password=password if password is not None else env.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
                   database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE)

    @property
    def safe_uri(self) -> str:
        """The URI without any ``user:password@`` part, for messages."""
        parts = urlsplit(self.uri)
        if "@" not in parts.netloc:
            return self.uri
        return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[1]}{parts.path}"

    def check(self) -> None:
        parts = urlsplit(self.uri)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise BackendUnavailable(
                f"ongeldige NEO4J_URI '{self.safe_uri}': gebruik bolt://host:7687, neo4j://host:7687 of "
                "neo4j+s://<id>.databases.neo4j.io (Aura)")
        if parts.username is not None or parts.password is not None:
            raise BackendUnavailable(f"zet geen gebruiker of wachtwoord in NEO4J_URI ('{self.safe_uri}'): "
                                     "gebruik NEO4J_USERNAME en NEO4J_PASSWORD")


class CypherError(IzagraphError):
    """A Cypher query was refused by the server (syntax, types, constraints)."""


def _unreachable(settings: Settings) -> BackendUnavailable:
    return BackendUnavailable(
        f"Neo4j is niet bereikbaar op {settings.safe_uri}: start een lokale server met "
        "'scripts/neo4j-local start' (poort: NEO4J_BOLT_PORT) of zet NEO4J_URI (of --neo4j-uri)")


@contextlib.contextmanager
def _translated(settings: Settings, query: Query | None = None) -> Iterator[None]:
    """Driver exceptions become one clear :class:`IzagraphError` line (never with the password)."""
    try:
        yield
    except nx.AuthError:
        raise BackendUnavailable(
            f"Neo4j op {settings.safe_uri} weigert gebruiker '{settings.user}' met dit wachtwoord: "
            "zet NEO4J_PASSWORD (of --neo4j-password) en zo nodig NEO4J_USERNAME") from None
    except (nx.ServiceUnavailable, nx.SessionExpired):
        raise _unreachable(settings) from None
    except nx.Neo4jError as exc:
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            raise BackendUnavailable(
                f"database '{settings.database}' bestaat niet op {settings.safe_uri}: zet NEO4J_DATABASE "
                "(of --neo4j-database); Neo4j Community heeft alleen 'neo4j'") from None
        if code.startswith("Neo.ClientError.Security"):
            raise BackendUnavailable(f"Neo4j op {settings.safe_uri} weigert: {exc.message}") from None
        where = f"query '{query.name}'" if query is not None else "Neo4j"
        raise CypherError(f"{where} faalt: {exc.message} ({code})") from None
    except nx.DriverError as exc:
        raise BackendUnavailable(f"Neo4j op {settings.safe_uri}: {type(exc).__name__}: {exc}") from None


def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None, *, timeout: float = 10.0) -> Neo4jBackend:
    """Connect, check the credentials, the database and the server version (5 or newer).

    Any failure raises :class:`~izagraph.errors.BackendUnavailable` with one line saying what to do.
    """
    settings = Settings.resolve(uri, user, password, database)
    settings.check()
    try:
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                            connection_timeout=timeout, user_agent="izagraph")
    except (nx.ConfigurationError, ValueError):
        raise BackendUnavailable(f"ongeldige NEO4J_URI '{settings.safe_uri}'") from None
    try:
        with _translated(settings):
            driver.verify_connectivity()
            with driver.session(database=settings.database) as session:
                components = session.execute_read(_read, "CALL dbms.components() YIELD name, versions, edition "
                                                         "RETURN name, versions, edition", {})
    except BaseException:
        driver.close()
        raise
    kernel = next((c for c in components if c["name"] == "Neo4j Kernel"), components[0] if components else {})
    version = (kernel.get("versions") or ["0"])[0]
    edition = kernel.get("edition") or "unknown"
    major = int(re.match(r"\d+", version).group()) if re.match(r"\d+", version) else 0
    if major < MIN_MAJOR_VERSION:
        driver.close()
        raise BackendUnavailable(f"Neo4j {version} op {settings.safe_uri} wordt niet ondersteund: "
                                 f"izagraph heeft Neo4j {MIN_MAJOR_VERSION} of nieuwer nodig")
    log.debug("connected to Neo4j %s %s at %s (database %s)", version, edition, settings.safe_uri,
              settings.database)
    return Neo4jBackend(driver, settings, version, edition)


# -- plain values --------------------------------------------------------------------------------

def _plain(value):
    """A driver value as a plain Python value: nodes as their IRI, temporal values as ISO strings."""
    if isinstance(value, Node):
        return value.get("iri", value.element_id)
    if isinstance(value, Relationship):
        return value.type
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _read(tx, query: str, params: dict) -> list[dict]:
    result = tx.run(query, params)
    keys = result.keys()
    return [dict(zip(keys, (_plain(v) for v in record.values()))) for record in result]


def _read_pull(tx, mapping_query: str, node_query: str, relationship_query: str) -> tuple:
    """The marker, the data nodes and their relationships, read in one transaction (one snapshot)."""
    marker = tx.run(mapping_query).single()
    nodes = [dict(zip(("iri", "labels", "props"), r.values())) for r in tx.run(node_query)]
    rels = [dict(zip(("s", "type", "o"), r.values())) for r in tx.run(relationship_query)]
    return (marker[0] if marker else None), nodes, rels


class PushInProgress(IzagraphError):
    """Another push into the same database is still running."""


def _claim(tx, params: dict, stale_ms: int) -> None:
    """Take the load marker for this push, unless another push is alive (in one transaction)."""
    record = tx.run(CLAIM_MARKER).single()
    before, now = record["before"], record["now"]
    if before.get("running") and now - (before.get("heartbeat") or 0) < stale_ms:
        raise PushInProgress(
            f"er loopt al een push naar deze database (begonnen {before.get('started')}); wacht tot die klaar "
            f"is (is hij afgebroken, probeer het dan over {stale_ms // 60000} minuten opnieuw)")
    tx.run(START_MARKER, params).consume()


def _write_batch(tx, pieces: list[tuple[str, list[dict]]], load: str) -> None:
    """One batch in one transaction: each piece is a query and its rows (a transaction function, so
    the driver may retry it: every query is a MERGE, safe to run twice)."""
    for query, rows in pieces:
        tx.run(query, rows=rows, load=load).consume()


def _write_count(tx, query: str, params: dict) -> int:
    record = tx.run(query, params).single()
    return record[0] if record else 0


# -- names ---------------------------------------------------------------------------------------

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
BASE_LABELS = ("Resource", "Izagraph")
ONTOLOGY_LABEL = "IzagraphOntology"
LOAD_LABEL = "IzagraphLoad"
RESERVED_LABELS = frozenset({*BASE_LABELS, ONTOLOGY_LABEL, LOAD_LABEL})
RESERVED_KEYS = frozenset({"iri"})
_NAMESPACE_ORDER = list(PREFIXES.items())


def local_name(iri: str) -> str:
    """The part after the last ``#`` or ``/`` (``org:subOrganizationOf`` → ``subOrganizationOf``)."""
    return re.split(r"[#/]", iri.rstrip("#/"))[-1] if iri.rstrip("#/") else iri


def _sanitise(name: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return name if name[:1].isalpha() else f"X{name}"


def label_name(iri: str) -> str:
    """The label for a class: its local name.

    >>> label_name("https://w3id.org/izagraph/def#Table"), label_name("http://www.w3.org/ns/org#Membership")
    ('Table', 'Membership')
    """
    return _sanitise(local_name(iri))


def relationship_type(iri: str) -> str:
    """The relationship type for a property: its local name in UPPER_SNAKE_CASE.

    >>> relationship_type("http://www.w3.org/ns/org#subOrganizationOf")
    'SUB_ORGANIZATION_OF'
    >>> relationship_type("https://w3id.org/izagraph/def#hasGemeente")
    'HAS_GEMEENTE'
    """
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local_name(iri))
    return _sanitise(snake).upper()


def property_key(iri: str, lang: str | None = None) -> str:
    """The property key for literal values: the local name, ``_{lang}`` for language-tagged ones.

    >>> property_key("http://www.w3.org/2004/02/skos/core#prefLabel", "nl")
    'prefLabel_nl'
    """
    base = _sanitise(local_name(iri))
    return f"{base}_{re.sub(r'[^a-z0-9]', '_', lang.lower())}" if lang else base


def _prefix(iri: str) -> str | None:
    best = None
    for prefix, ns in _NAMESPACE_ORDER:
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return best[0] if best else None


def _rank(iri: str) -> int:
    prefix = _prefix(iri)
    return [p for p, _ in _NAMESPACE_ORDER].index(prefix) if prefix else len(_NAMESPACE_ORDER)


def _assign(identities: Iterable[tuple[str, str | None]], name_of: Callable[[str, str | None], str],
            upper: bool, reserved: frozenset[str]) -> dict[tuple[str, str | None], str]:
    """Give each (iri, lang) a unique name: the plain one goes to the IRI in the earliest namespace of
    :data:`~izagraph.namespaces.PREFIXES`; the others get their prefix (``dct_source``), then a number."""
    taken = set(reserved)
    out = {}
    for iri, lang in sorted(set(identities), key=lambda i: (_rank(i[0]), i[0], i[1] or "")):
        base = name_of(iri, lang)
        prefix = _prefix(iri)
        candidates = [base]
        if prefix:
            candidates.append(f"{prefix.upper() if upper else prefix}_{base}")
        candidates += [f"{candidates[-1]}_{n}" for n in range(2, 1000)]
        name = next(c for c in candidates if c not in taken and NAME.match(c))
        taken.add(name)
        out[(iri, lang)] = name
    return out


@dataclass
class Mapping:
    """Which label, key and relationship type stands for which RDF term (stored with every push).

    >>> m = Mapping.build([(URIRef("x:a"), RDF.type, URIRef("https://w3id.org/izagraph/def#Table"))])
    >>> m.labels
    {'Table': 'https://w3id.org/izagraph/def#Table'}
    >>> Mapping.from_json(m.to_json()) == m
    True
    """

    labels: dict[str, str] = field(default_factory=dict)
    properties: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    relationships: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, triples: Iterable[tuple]) -> Mapping:
        """The mapping for a set of triples: ``rdf:type`` objects, literal keys, IRI-valued predicates."""
        classes, literals, links = set(), set(), set()
        for _, p, o in triples:
            if isinstance(o, Literal):
                literals.add((p, o.language))
            elif p == RDF.type:
                classes.add(o)
            else:
                links.add(p)
        return cls.build_from(classes, literals, links)

    @classmethod
    def build_from(cls, classes: Iterable, literal_keys: Iterable[tuple], links: Iterable) -> Mapping:
        labels = _assign({(str(c), None) for c in classes}, lambda i, _: label_name(i), False, RESERVED_LABELS)
        keys = _assign({(str(p), lang) for p, lang in literal_keys}, property_key, False, RESERVED_KEYS)
        types = _assign({(str(p), None) for p in links}, lambda i, _: relationship_type(i), True, frozenset())
        return cls({v: k[0] for k, v in labels.items()}, {v: k for k, v in keys.items()},
                   {v: k[0] for k, v in types.items()})

    def __post_init__(self) -> None:
        self.properties = {k: (v[0], v[1]) for k, v in self.properties.items()}
        self._label = {v: k for k, v in self.labels.items()}
        self._key = {v: k for k, v in self.properties.items()}
        self._type = {v: k for k, v in self.relationships.items()}

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and (self.labels, self.properties, self.relationships) == (
            other.labels, other.properties, other.relationships)

    def label(self, class_iri: str) -> str:
        return self._label[class_iri]

    def key(self, predicate: str, lang: str | None) -> str:
        return self._key[(predicate, lang)]

    def type(self, predicate: str) -> str:
        return self._type[predicate]

    def to_json(self) -> str:
        return json.dumps({"version": 1, "labels": self.labels,
                           "properties": {k: list(v) for k, v in self.properties.items()},
                           "relationships": self.relationships}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        data = json.loads(text)
        return cls(data["labels"], {k: tuple(v) for k, v in data["properties"].items()}, data["relationships"])


# -- literals <-> property values ----------------------------------------------------------------

INTEGER_TYPES = frozenset(XSD[t] for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
FLOAT_TYPES = frozenset((XSD.decimal, XSD.double, XSD.float))
_INT = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_INT64 = (-(2 ** 63), 2 ** 63 - 1)


def _token(datatype: URIRef) -> str:
    text = str(datatype)
    return "xsd:" + text[len(str(XSD)):] if text.startswith(str(XSD)) else text


def _datatype(token: str) -> URIRef:
    return XSD[token[4:]] if token.startswith("xsd:") else URIRef(token)


def _implied(value) -> URIRef | None:
    if isinstance(value, bool):
        return XSD.boolean
    if isinstance(value, int):
        return XSD.integer
    return None


def _same(a: Literal, b: Literal) -> bool:
    return str(a) == str(b) and a.datatype == b.datatype and a.language == b.language


def _decimal_lexical(value: float) -> str:
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(decimal.Decimal(text), "f")
    return text if "." in text else text + ".0"


def _restore(value, token: str | None, lang: str | None = None) -> Literal:
    if token and " " in token:  # "xsd:decimal 6.00": the datatype and the exact lexical form
        datatype, lexical = token.split(" ", 1)
        return Literal(lexical, datatype=_datatype(datatype))
    datatype = _datatype(token) if token else None
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=datatype or XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=datatype or XSD.integer)
    if isinstance(value, float):
        if datatype == XSD.decimal and math.isfinite(value):
            return Literal(_decimal_lexical(value), datatype=datatype)
        return Literal(repr(value), datatype=datatype or XSD.double)
    if lang:
        return Literal(str(value), lang=lang)
    return Literal(str(value), datatype=datatype)


def _native(lit: Literal):
    """The Cypher value for a literal: a number or boolean where the datatype says so and the lexical
    form parses, else the lexical form (a string)."""
    lex, datatype = str(lit), lit.datatype
    if lit.language or datatype is None:
        return lex
    if datatype == XSD.boolean and lex in ("true", "false", "1", "0"):
        return lex in ("true", "1")
    if datatype in INTEGER_TYPES and _INT.match(lex.strip()) and _INT64[0] <= int(lex) <= _INT64[1]:
        return int(lex)
    if datatype in FLOAT_TYPES and _NUMBER.match(lex.strip()) and math.isfinite(float(lex)):
        return float(lex)
    return lex


def _token_for(value, lit: Literal) -> str | None:
    """The ``_dt`` note that restores ``lit`` from ``value``: nothing when implied, the datatype, or the
    datatype and the exact lexical form when the value does not print back as it (``xsd:decimal 6.00``)."""
    if lit.language or lit.datatype is None:
        return None
    if isinstance(value, str):
        return _token(lit.datatype)
    token = None if lit.datatype == _implied(value) else _token(lit.datatype)
    if _same(_restore(value, token), lit):
        return token
    return f"{_token(lit.datatype)} {lit}"


def encode_literals(literals: Sequence[Literal]) -> tuple[object, object]:
    """The property value (one value or a list) and its datatype note for ``_dt`` (None if implied).

    Numbers and booleans are Cypher numbers and booleans whenever their lexical form parses (so Cypher
    can compare them), dates and everything else are strings. Strings without datatype,
    language-tagged strings (the language is in the key), ``xsd:boolean`` and ``xsd:integer`` need no
    note; the rest keeps its datatype as ``xsd:<name>`` (or the full IRI), followed by a space and
    the exact lexical form when the value would not print back as it. A list whose values need
    different notes gets a list of notes, in the same order.

    >>> encode_literals([Literal("2024-03", datatype=XSD.gYearMonth)])
    ('2024-03', 'xsd:gYearMonth')
    >>> encode_literals([Literal("2.5", datatype=XSD.decimal), Literal("4.0", datatype=XSD.decimal)])
    ([2.5, 4.0], 'xsd:decimal')
    >>> encode_literals([Literal("4", datatype=XSD.decimal)])
    (4.0, 'xsd:decimal 4')
    >>> encode_literals([Literal(True), Literal(12)])
    (['true', '12'], ['xsd:boolean', 'xsd:integer'])
    """
    lits = sorted(literals, key=lambda lit: (str(lit.datatype or ""), str(lit)))
    values = [_native(lit) for lit in lits]
    if len({type(v) for v in values}) > 1:  # Neo4j lists hold one type: fall back to lexical forms
        values = [str(lit) for lit in lits]
    tokens = [_token_for(v, lit) for v, lit in zip(values, lits)]
    if len(values) == 1:
        return values[0], tokens[0]
    return values, (tokens[0] if len(set(tokens)) == 1 else tokens)


def decode_values(value, token, lang: str | None = None) -> list[Literal]:
    """The literals back from a property value and its ``_dt`` note (inverse of :func:`encode_literals`).

    >>> decode_values("2024-03", "xsd:gYearMonth")
    [rdflib.term.Literal('2024-03', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth'))]
    """
    values = value if isinstance(value, list) else [value]
    tokens = token if isinstance(token, list) else [token] * len(values)
    return [_restore(v, t, lang) for v, t in zip(values, tokens)]


# -- RDF graph <-> property-graph rows -----------------------------------------------------------

#: The ontology nodes that are pushed (with their literal and IRI properties): what Cypher rules need.
ONTOLOGY_CLASSES = (SKOS.Concept, SKOS.ConceptScheme, IZG.Criterion, IZG.Source)


def ontology_subjects(ontology: Graph) -> set[URIRef]:
    """IRIs of the ontology's concepts, concept schemes, criteria and sources (and their subclasses)."""
    classes, todo = set(), list(ONTOLOGY_CLASSES)
    while todo:
        c = todo.pop()
        if c not in classes:
            classes.add(c)
            todo.extend(ontology.subjects(RDFS.subClassOf, c))
    return {s for c in classes for s in ontology.subjects(RDF.type, c) if isinstance(s, URIRef)}


#: Where blank nodes of the data live while in Neo4j (RFC 7511-style well-known genid IRIs).
SKOLEM = "https://w3id.org/izagraph/.well-known/genid/"
_TYPE = URIRef(RDF.type)


def _ntriples(triples: Iterable[tuple]) -> str:
    g = Graph()
    for t in triples:
        g.add(t)
    return "\n".join(sorted(g.serialize(format="nt").strip().splitlines()))


@dataclass
class PropertyGraph:
    """Fixed-shape rows ready for ``UNWIND``: nodes grouped by label set, relationships by type.

    A node row is ``{"iri": str, "props": {key: value}}`` (``props`` includes ``iri`` and, when needed,
    ``_dt`` and ``_ontology``); a relationship row is ``{"s": iri, "o": iri}``. The label sets leave out
    ``Resource`` and ``Izagraph``, which every izagraph node has.
    """

    nodes: dict[tuple[str, ...], list[dict]]
    relationships: dict[str, list[dict]]
    mapping: Mapping
    triples: int = 0

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())

    def as_pulled(self) -> tuple[list[dict], list[dict]]:
        """The rows :meth:`Neo4jBackend.pull` would read back (for tests without a server)."""
        data = {}
        for labels, rows in self.nodes.items():
            if ONTOLOGY_LABEL in labels:
                continue
            for row in rows:
                data[row["iri"]] = {"iri": row["iri"], "labels": [*BASE_LABELS, *labels], "props": row["props"]}
        rels = [{"s": r["s"], "type": t, "o": r["o"]} for t, rows in self.relationships.items() for r in rows
                if r["s"] in data]
        return list(data.values()), rels


def _skolem(term):
    return URIRef(SKOLEM + str(term)) if isinstance(term, BNode) else term


def to_property_graph(data: Graph | Sequence[tuple], ontology: Graph | None = None) -> PropertyGraph:
    """The data graph (or its distinct triples) plus the ontology's concepts, schemes, criteria and sources as rows.

    Blank nodes in the data become IRIs under :data:`SKOLEM` (and blank nodes again in
    :func:`rows_to_graph`), so nothing is lost; blank nodes in the ontology (OWL restrictions, SHACL
    lists) are skipped: rules do not need them. A data subject that is also an ontology node keeps
    both sets of statements; the ontology's own ones are listed in its ``_ontology`` property so that
    pulling leaves them out.
    """
    if ontology is None:
        from ..vocab import ontology_graph

        ontology = ontology_graph()
    by_subject: dict[URIRef, list[tuple]] = defaultdict(list)  # a graph's triples are unique already
    for s, p, o in data:
        if isinstance(s, BNode) or isinstance(o, BNode):
            s, o = _skolem(s), _skolem(o)
        by_subject[s].append((p, o))
    data_subjects = set(by_subject)
    onto_only: dict[URIRef, set[tuple]] = defaultdict(set)
    for s in ontology_subjects(ontology):
        known = set(by_subject.get(s, ()))
        for p, o in ontology.predicate_objects(s):
            if not isinstance(o, BNode) and (p, o) not in known:
                onto_only[s].add((p, o))
    ontology_nodes = set(onto_only) - data_subjects
    for s, pos in onto_only.items():
        by_subject[s].extend(pos)

    classes, literal_keys, links = set(), set(), set()
    for pos in by_subject.values():
        for p, o in pos:
            if isinstance(o, Literal):
                literal_keys.add((p, o.language))
            elif str.__eq__(p, _TYPE):
                classes.add(o)
            else:
                links.add(p)
    mapping = Mapping.build_from(classes, literal_keys, links)
    label_of = {c: mapping.label(str(c)) for c in classes}
    key_of = {k: mapping.key(str(k[0]), k[1]) for k in literal_keys}
    type_of = {p: mapping.type(str(p)) for p in links}

    nodes: dict[str, tuple[tuple[str, ...], dict]] = {}
    relationships: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s, pos in by_subject.items():
        labels, literals = set(), defaultdict(list)
        subject = str(s)
        for p, o in pos:
            if isinstance(o, Literal):
                literals[key_of[(p, o.language)]].append(o)
            elif str.__eq__(p, _TYPE):
                labels.add(label_of[o])
            else:
                relationships[type_of[p]].add((subject, str(o)))
        props: dict[str, object] = {"iri": subject}
        notes = {}
        for key in sorted(literals):
            props[key], note = encode_literals(literals[key])
            if note is not None:
                notes[key] = note
        if notes:
            props["_dt"] = json.dumps(notes, sort_keys=True)
        if s in onto_only and s in data_subjects:
            props["_ontology"] = _ntriples((s, p, o) for p, o in onto_only[s])
        group = ((ONTOLOGY_LABEL,) if s in ontology_nodes else ()) + tuple(sorted(labels))
        nodes[subject] = (group, props)
    for pairs in relationships.values():
        for _, o in pairs:
            if o not in nodes:
                nodes[o] = ((), {"iri": o})
    grouped: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for iri in sorted(nodes):
        group, props = nodes[iri]
        grouped[group].append({"iri": iri, "props": props})
    rels = {t: [{"s": s, "o": o} for s, o in sorted(pairs)] for t, pairs in sorted(relationships.items())}
    return PropertyGraph(dict(sorted(grouped.items())), rels, mapping, len(data))


def rows_to_graph(nodes: Iterable[dict], relationships: Iterable[dict], mapping: Mapping) -> Graph:
    """The RDF graph back from node rows ``{iri, labels, props}`` and relationship rows ``{s, type, o}``.

    Labels, keys and types that the mapping does not know (added by someone else) are ignored.
    """
    triples: list[tuple] = []
    remove = Graph()
    classes = {label: URIRef(iri) for label, iri in mapping.labels.items()}
    keys = {key: (URIRef(p), lang) for key, (p, lang) in mapping.properties.items()}
    types = {t: URIRef(p) for t, p in mapping.relationships.items()}
    for node in nodes:
        s = _term(node["iri"])
        props = node["props"]
        for label in node["labels"]:
            if label in classes:
                triples.append((s, _TYPE, classes[label]))
        notes = json.loads(props["_dt"]) if props.get("_dt") else {}
        for key, value in props.items():
            if key in keys:
                predicate, lang = keys[key]
                triples.extend((s, predicate, lit) for lit in decode_values(value, notes.get(key), lang))
        if props.get("_ontology"):
            remove.parse(data=props["_ontology"], format="nt")
    for rel in relationships:
        if rel["type"] in types:
            triples.append((_term(rel["s"]), types[rel["type"]], _term(rel["o"])))
    g = Graph()
    g.addN((s, p, o, g) for s, p, o in triples)
    if len(remove):
        g -= remove
    return g


def _term(iri: str):
    return BNode(iri[len(SKOLEM):]) if iri.startswith(SKOLEM) else URIRef(iri)


# -- Cypher used by push, pull and status --------------------------------------------------------

SCHEMA = (
    "CREATE CONSTRAINT izagraph_resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE",
    "CREATE CONSTRAINT izagraph_load_id IF NOT EXISTS FOR (n:IzagraphLoad) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX izagraph_concept_notation IF NOT EXISTS FOR (n:Concept) ON (n.notation)",
)
READ_MARKER = "MATCH (m:IzagraphLoad {id: 'current'}) RETURN properties(m) AS marker, timestamp() AS now"
CLAIM_MARKER = """MERGE (m:IzagraphLoad {id: 'current'})
WITH m, properties(m) AS before, timestamp() AS now
SET m.heartbeat = now
RETURN before, now"""
START_MARKER = """MATCH (m:IzagraphLoad {id: 'current'})
SET m.status = 'incomplete', m.running = true, m.load = $load, m.started = $started, m.finished = null,
    m.mapping = $mapping, m.classLabels = $classLabels, m.triples = $triples, m.replace = $replace,
    m.nodes = null, m.relationships = null, m.heartbeat = timestamp()"""
HEARTBEAT = "MATCH (m:IzagraphLoad {id: 'current'}) WHERE m.load = $load SET m.heartbeat = timestamp() RETURN m.load"
FINISH_MARKER = """MATCH (m:IzagraphLoad {id: 'current'}) WHERE m.load = $load
SET m.status = 'complete', m.running = false, m.finished = $finished, m.nodes = $nodes,
    m.relationships = $relationships
RETURN m.load"""
ABORT_MARKER = "MATCH (m:IzagraphLoad {id: 'current'}) WHERE m.load = $load SET m.running = false"
#: A push that has not shown a sign of life for this long is taken to have died.
STALE_MS = 120_000
HEARTBEAT_S = 10.0
DELETE_ALL = "MATCH (n:Izagraph) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
SWEEP_RELATIONSHIPS = """MATCH (:Izagraph)-[r]->(:Izagraph) WHERE r._load IS NOT NULL AND r._load <> $load
WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"""
SWEEP_NODES = """MATCH (n:Izagraph) WHERE n._load IS NULL OR n._load <> $load
WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"""
COUNT_NODES = ("MATCH (n:Izagraph) RETURN count(n) AS nodes, "
               "count(CASE WHEN n:IzagraphOntology THEN 1 END) AS ontology_nodes")
COUNT_RELATIONSHIPS = ("MATCH (:Izagraph)-[r]->(:Izagraph) WHERE r._load IS NOT NULL "
                       "RETURN count(r) AS relationships")
PULL_NODES = ("MATCH (n:Izagraph) WHERE NOT n:IzagraphOntology "
              "RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props")
PULL_RELATIONSHIPS = ("MATCH (a:Izagraph)-[r]->(b:Izagraph) WHERE NOT a:IzagraphOntology AND r._load IS NOT NULL "
                      "RETURN a.iri AS s, type(r) AS type, b.iri AS o")


def _quoted(name: str) -> str:
    if not NAME.match(name):  # never paste anything else into query text
        raise ValueError(f"not a safe label or type name: {name!r}")
    return f"`{name}`"


def node_query(labels: Sequence[str], removable: Iterable[str] = ()) -> str:
    """The write query for one label set; ``removable`` labels (known class labels the node should
    no longer have) are removed, so a node whose class changed converges too.

    >>> print(node_query(("Table",), ["Plan", "Table"]))
    UNWIND $rows AS row
    MERGE (n:Resource {iri: row.iri})
    SET n = row.props, n._load = $load, n:`Izagraph`:`Table`
    REMOVE n:`Plan`
    """
    text = ("UNWIND $rows AS row\nMERGE (n:Resource {iri: row.iri})\n"
            "SET n = row.props, n._load = $load, n" + "".join(":" + _quoted(x) for x in ("Izagraph", *labels)))
    remove = sorted(set(removable) - set(labels))
    if remove:
        text += "\nREMOVE n" + "".join(":" + _quoted(x) for x in remove)
    return text


def relationship_query(rel_type: str, create: bool = False) -> str:
    """The write query for one relationship type: MERGE, so pushing twice gives one relationship
    (``create`` right after ``--replace`` deleted them all, when there is nothing to merge with).

    >>> print(relationship_query("HAS_GEMEENTE"))
    UNWIND $rows AS row
    MATCH (a:Resource {iri: row.s})
    MATCH (b:Resource {iri: row.o})
    MERGE (a)-[r:`HAS_GEMEENTE`]->(b)
    SET r._load = $load
    """
    return ("UNWIND $rows AS row\nMATCH (a:Resource {iri: row.s})\nMATCH (b:Resource {iri: row.o})\n"
            f"{'CREATE' if create else 'MERGE'} (a)-[r:{_quoted(rel_type)}]->(b)\nSET r._load = $load")


def _batches(groups: Iterable[tuple[str, list[dict]]], size: int) -> Iterator[list[tuple[str, list[dict]]]]:
    """Pack (query, rows) groups into batches of at most ``size`` rows: big groups are split, small
    ones share a transaction (each transaction costs a commit, each new query text a plan).

    >>> [[(q, len(r)) for q, r in b] for b in _batches([("a", [1] * 5), ("b", [2] * 2), ("c", [3])], 4)]
    [[('a', 4)], [('a', 1), ('b', 2), ('c', 1)]]
    """
    batch, n = [], 0
    for query, rows in groups:
        i = 0
        while i < len(rows):
            take = rows[i:i + size - n]
            batch.append((query, take))
            n, i = n + len(take), i + len(take)
            if n >= size:
                yield batch
                batch, n = [], 0
    if batch:
        yield batch


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class _Heartbeat:
    """Tells other pushes that this one is alive (every :data:`HEARTBEAT_S` seconds at most)."""

    def __init__(self, backend: Neo4jBackend, load: str):
        self.backend, self.load, self.last = backend, load, time.monotonic()

    def __call__(self) -> None:
        if time.monotonic() - self.last >= HEARTBEAT_S:
            self.backend._write(HEARTBEAT, {"load": self.load})
            self.last = time.monotonic()


# -- the backend ---------------------------------------------------------------------------------

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PushReport:
    nodes: int
    relationships: int
    triples: int
    deleted: int
    batches: int
    seconds: float
    load: str

    @property
    def rows_per_second(self) -> float:
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Status:
    uri: str
    database: str
    version: str
    edition: str
    nodes: int
    ontology_nodes: int
    relationships: int
    load: str  # "none" (never pushed), "running", "incomplete" (a push failed: push again) or "complete"
    started: str | None = None
    finished: str | None = None
    triples: int | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class Neo4jBackend:
    """A connection to one Neo4j database: push, pull, status, and Cypher queries as plain rows.

    Make one with :func:`connect`; close it (or use ``with``) when done.
    """

    name = "neo4j"
    language = "cypher"

    def __init__(self, driver, settings: Settings, version: str, edition: str):
        self._driver = driver
        self.settings = settings
        self.version = version
        self.edition = edition

    @classmethod
    def connect(cls, **settings) -> Neo4jBackend:
        return connect(**settings)

    def __repr__(self) -> str:
        return (f"Neo4jBackend(uri={self.settings.safe_uri!r}, user={self.settings.user!r}, "
                f"database={self.settings.database!r}, version={self.version!r})")

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jBackend:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _session(self):
        return self._driver.session(database=self.settings.database)

    def _read(self, query: str, params: dict | None = None) -> list[dict]:
        with self._session() as session:
            return session.execute_read(_read, query, params or {})

    def _write(self, query: str, params: dict | None = None) -> list[dict]:
        with self._session() as session:
            return session.execute_write(_read, query, params or {})

    # Backend protocol
    def rows(self, query: Query, params: dict[str, object]) -> list[dict[str, object]]:
        """Run a Cypher query (read-only transaction) with ``params`` as ``$parameters``."""
        if query.language != "cypher":
            raise IzagraphError(f"query '{query.name}' is {query.language}, de Neo4j-backend draait Cypher")
        with _translated(self.settings, query):
            return self._read(query.text, dict(params))

    def _marker(self) -> dict | None:
        rows = self._read(READ_MARKER)
        return rows[0]["marker"] if rows else None

    def _delete(self, query: str, params: dict, batch_size: int, progress: Progress | None,
                beat: Callable[[], None]) -> int:
        total = 0
        with self._session() as session:
            while True:
                n = session.execute_write(_write_count, query, {**params, "limit": batch_size})
                total += n
                beat()
                if progress:
                    progress("delete", total, 0)
                if n < batch_size:
                    return total

    def push(self, graph: Graph | Sequence[tuple], *, replace: bool = False, batch_size: int = 2000,
             progress: Progress | None = None, ontology: Graph | None = None) -> PushReport:
        """Make Neo4j hold ``graph`` (plus the ontology nodes rules need), safely and idempotently.

        Constraints first; then the load marker goes to ``incomplete``; nodes and relationships are
        MERGEd in batches of ``batch_size`` rows, one managed transaction per batch, each stamped
        with this push's id in ``_load``; finally izagraph nodes and relationships of earlier pushes
        that are no longer in the graph are deleted and the marker is set to ``complete``. A push
        that fails midway leaves the marker ``incomplete``; the next push repairs everything.
        With ``replace`` izagraph's previous data (label ``Izagraph``) is deleted first instead of
        swept last. Nodes without label ``Izagraph`` are never touched.
        ``progress(phase, done, total)`` is called after every batch. Only one push at a time: while
        another one is alive (its heartbeat on the marker is under two minutes old) this raises
        :class:`PushInProgress`.
        """
        if batch_size < 1:
            raise IzagraphError("--batch-size moet minstens 1 zijn")
        t0 = time.perf_counter()
        pg = to_property_graph(graph, ontology)
        load = uuid.uuid4().hex
        with _translated(self.settings):
            with self._session() as session:
                for statement in SCHEMA:
                    session.execute_write(_read, statement, {})
                session.execute_read(_read, "CALL db.awaitIndexes(300)", {})
            previous = self._marker() or {}
            known = {x for x in previous.get("classLabels") or [] if isinstance(x, str) and NAME.match(x)}
            class_labels = sorted((known | set(pg.mapping.labels)) - RESERVED_LABELS)
            with self._session() as session:
                session.execute_write(_claim, {
                    "load": load, "started": _now(), "mapping": pg.mapping.to_json(), "classLabels": class_labels,
                    "triples": pg.triples, "replace": replace}, STALE_MS)
            try:
                deleted, batches = self._push_rows(pg, load, class_labels, replace, batch_size, progress)
                finished = self._write(FINISH_MARKER, {"load": load, "finished": _now(), "nodes": pg.node_count,
                                                       "relationships": pg.relationship_count})
            except BaseException:
                with contextlib.suppress(Exception):
                    self._write(ABORT_MARKER, {"load": load})
                raise
            if not finished:
                raise PushInProgress("een andere push heeft het overgenomen; bekijk 'izagraph neo4j status'")
        report = PushReport(pg.node_count, pg.relationship_count, pg.triples, deleted, batches,
                            time.perf_counter() - t0, load)
        log.info("pushed %d nodes and %d relationships in %.1f s", report.nodes, report.relationships,
                 report.seconds)
        return report

    def _push_rows(self, pg: PropertyGraph, load: str, class_labels: list[str], replace: bool,
                   batch_size: int, progress: Progress | None) -> tuple[int, int]:
        beat = _Heartbeat(self, load)
        deleted = self._delete(DELETE_ALL, {}, batch_size, progress, beat) if replace else 0
        total, done, batches = pg.node_count + pg.relationship_count, 0, 0
        removable = [*class_labels, ONTOLOGY_LABEL]
        groups = [(node_query(labels, removable), rows) for labels, rows in pg.nodes.items()]
        groups += [(relationship_query(t, create=replace), rows) for t, rows in pg.relationships.items()]
        with self._session() as session:
            for batch in _batches(groups, batch_size):
                session.execute_write(_write_batch, batch, load)
                batches, done = batches + 1, done + sum(len(rows) for _, rows in batch)
                beat()
                if progress:
                    progress("write", done, total)
        if not replace:
            deleted += self._delete(SWEEP_RELATIONSHIPS, {"load": load}, batch_size, progress, beat)
            deleted += self._delete(SWEEP_NODES, {"load": load}, batch_size, progress, beat)
        return deleted, batches

    def pull(self) -> Graph:
        """The data graph back (without the ontology nodes), exactly as it was pushed."""
        with _translated(self.settings), self._session() as session:
            marker, nodes, relationships = session.execute_read(_read_pull, READ_MARKER, PULL_NODES,
                                                                PULL_RELATIONSHIPS)
            if marker is None:
                raise IzagraphError(f"er staat nog geen izagraph-data in Neo4j ({self.settings.safe_uri}): "
                                    "voer eerst 'izagraph neo4j push' uit")
            if marker.get("status") != "complete":
                raise IzagraphError("de laatste push is niet afgemaakt (status 'incomplete'): voer "
                                    "'izagraph neo4j push' opnieuw uit")
            mapping = Mapping.from_json(marker["mapping"])
        return rows_to_graph(nodes, relationships, mapping)

    def status(self) -> Status:
        """Server version, izagraph's node and relationship counts and the last push's state."""
        with _translated(self.settings):
            counts = self._read(COUNT_NODES)[0]
            rels = self._read(COUNT_RELATIONSHIPS)[0]["relationships"]
            rows = self._read(READ_MARKER)
        marker, now = (rows[0]["marker"], rows[0]["now"]) if rows else ({}, 0)
        state = marker.get("status", "none")
        if state == "incomplete" and marker.get("running") and now - (marker.get("heartbeat") or 0) < STALE_MS:
            state = "running"
        return Status(self.settings.safe_uri, self.settings.database, self.version, self.edition,
                      counts["nodes"], counts["ontology_nodes"], rels, state,
                      marker.get("started"), marker.get("finished"), marker.get("triples"))


def push(graph: Graph | Sequence[tuple], *, replace: bool = False, batch_size: int = 2000, progress: Progress | None = None,
         **settings) -> PushReport:
    """Connect with ``settings`` (uri, user, password, database; else the environment) and push."""
    with connect(**settings) as backend:
        return backend.push(graph, replace=replace, batch_size=batch_size, progress=progress)


def pull(**settings) -> Graph:
    """Connect with ``settings`` and pull the data graph."""
    with connect(**settings) as backend:
        return backend.pull()
