"""SHACL validation (``ontology/shapes.ttl``) with results located back in the input."""

from __future__ import annotations

import math
import os
import re

from rdflib import BNode, Graph, Literal, URIRef

from ..errors import IzagraphError, Problem
from ..namespaces import DCTERMS, IZG, OPENGOV, ORG, RDF, RDFS, SCHEMA, SH, SKOS, XSD
from ..vocab import ontology_graph, ontology_nt, shapes_graph

# Which input column a property comes from, so a shape violation can name the column.
PROPERTY_COLUMNS = {
    SKOS.prefLabel: "name", SKOS.altLabel: "aliases", DCTERMS.source: "source", RDFS.comment: "note", IZG.cbsCode: "code",
    IZG.division: "division", IZG.regionCode: "code", IZG.compositionStatus: "status",
    IZG.partOfRegion: "parent", IZG.hasGemeente: "gemeente", IZG.sector: "sector", IZG.tableKind: "kind",
    IZG.programme: "programmes", DCTERMS.spatial: "region", IZG.coversGemeente: "gemeenten",
    IZG.level: "level", ORG.subOrganizationOf: "parent", IZG.chairType: "chair_type",
    IZG.decisionRule: "decision_rule", IZG.meetingsPerYear: "meetings_per_year",
    SCHEMA.validFrom: "start", SCHEMA.validThrough: "end", IZG.regionalStructure: "regional_structure", IZG.task: "tasks", IZG.holderCount: "holders", IZG.holderTitle: "holder_title",
    IZG.theme: "theme", ORG.organization: "table", ORG.member: "member", ORG.role: "role",
    IZG.perspective: "perspective", OPENGOV.onBehalfOf: "on_behalf_of", IZG.mandate: "mandate",
    IZG.planKind: "kind", IZG.forRegion: "region", IZG.steeredBy: "tables", IZG.ofRegion: "region",
    IZG.variant: "variant", IZG.membershipStatus: "status", IZG.method: "method", IZG.region: "region",
    IZG.gemeente: "gemeente", IZG.grantFor: "region", IZG.grantScheme: "scheme", IZG.amountEur: "amount_eur",
    IZG.recipient: "recipient", DCTERMS.title: "title", IZG.evidence: "kind", IZG.confidence: "confidence",
}


#: Which engine runs the shapes: "sparql" (compiled to SPARQL on Oxigraph, the default: chosen by
#: measurement, see docs/performance.md) or "pyshacl". ``$IZAGRAPH_SHACL_ENGINE`` overrides it.
DEFAULT_ENGINE = "sparql"


def _pick(messages) -> str | None:
    for lang in ("nl", None, "en"):
        for m in messages:
            if isinstance(m, Literal) and m.language == lang:
                return str(m)
    return str(messages[0]) if messages else None


def _fill(text: str, path, value) -> str:
    """A SHACL message template with {?value}/{$value} and {?path}/{$path} filled in."""
    for name, term in (("value", value), ("path", path)):
        if term is not None:
            shown = str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if isinstance(term, URIRef) else str(term)
            text = text.replace(f"{{?{name}}}", shown).replace(f"{{${name}}}", shown)
    return text


def _message(results: Graph, result, path, value) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    # pySHACL drops the language tags of SPARQL-constraint messages: take them from the shape itself.
    constraint = results.value(result, SH.sourceConstraint)
    if constraint is not None and not any(isinstance(m, Literal) and m.language for m in messages):
        messages = list(shapes_graph().objects(constraint, SH.message)) or messages
    return _fill(_pick(messages) or "voldoet niet aan de vorm (SHACL)", path, value)


def _located(focus, path, value, message: str, origins: dict) -> Problem:
    file, row = origins.get(focus, (str(focus), None))
    column = PROPERTY_COLUMNS.get(path) if row is not None else None
    if row is None and isinstance(focus, URIRef):
        file = f"onderwerp <{focus}>"
    if isinstance(value, BNode):
        shown = "(naamloze knoop)"  # a blank node's id means nothing to a reader and differs per run
    else:
        shown = value if value is not None and not isinstance(value, URIRef) else \
            (str(value).rsplit("/", 1)[-1] if value is not None else None)
    return Problem(file, row, column or (str(path).rsplit("#", 1)[-1] if path is not None and row else None),
                   str(shown) if shown is not None else None, message, "shape")


def _with_ontology(data: Graph) -> Graph:
    # The shapes look up concepts (skos:inScheme) in the ontology, so validate data and ontology together.
    merged = Graph()
    merged += data
    merged += ontology_graph()
    return merged


def _pyshacl(data: Graph) -> list[tuple]:
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        _with_ontology(data), shacl_graph=shapes_graph(), inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False)
    if conforms:
        return []
    if not isinstance(results, Graph):  # pySHACL could not run the shapes themselves
        raise IzagraphError(f"de SHACL-vormen in ontology/ zijn ongeldig: {results}")
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        out.append((focus, path, value, _message(results, result, path, value)))
    return out


def _sparql(data: Graph, store=None) -> list[tuple]:
    from .shacl_sparql import validate

    shapes = shapes_graph()
    return [(r.focus, r.path, r.value,
             _fill(_pick(list(shapes.objects(r.shape, SH.message))) or "voldoet niet aan de vorm (SHACL)",
                   r.path, r.value))
            for r in validate(data, shapes, ontology_nt(), store=store)]


def shacl_engine(engine: str | None = None) -> str:
    """``engine``, else ``$IZAGRAPH_SHACL_ENGINE``, else :data:`DEFAULT_ENGINE` (checked)."""
    engine = engine or os.environ.get("IZAGRAPH_SHACL_ENGINE") or DEFAULT_ENGINE
    if engine not in ("sparql", "pyshacl"):
        raise IzagraphError(f"onbekende SHACL-engine {engine!r} (kies sparql of pyshacl)")
    return engine


def shacl_problems(data: Graph, origins: dict[URIRef, tuple[str, int]], engine: str | None = None,
                   store=None) -> list[Problem]:
    """Run the shapes over ``data`` (with the ontology) and return located problems.

    ``engine`` is "sparql" (the shapes compiled to SPARQL on Oxigraph; a shape it cannot compile makes it
    fall back to pySHACL) or "pyshacl"; default ``$IZAGRAPH_SHACL_ENGINE`` or :data:`DEFAULT_ENGINE`.
    ``store``, an in-memory Oxigraph store holding ``data`` and the ontology
    (:func:`izagraph.store.memory_store`), is what the SPARQL engine queries instead of making its own.
    """
    engine = shacl_engine(engine)
    results = None
    if engine == "sparql":
        from .shacl_sparql import Unsupported

        try:
            results = _sparql(data, store)
        except Unsupported:
            results = None
        except (SyntaxError, ValueError):  # a term Oxigraph cannot hold (reported elsewhere): the reference engine
            results = None
    if results is None:
        results = _pyshacl(data)
    problems = {_located(focus, path, value, message, origins) for focus, path, value, message in results}
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.value or "", p.message))


# -- checks every input format needs, whatever the shapes say -------------------------------------------

#: What every dataset (or set of datasets loaded together) must contain, as CSV input requires the files.
MINIMUM = ((IZG.Source, "sources", "bron"), (IZG.Gemeente, "gemeenten", "gemeente"), (IZG.Region, "regions", "regio"))
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_NUMBER = 10**9
NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.int, XSD.long, XSD.nonNegativeInteger,
           XSD.positiveInteger, XSD.short}


def minimum_problems(graph: Graph, label: str) -> list[Problem]:
    """The same minimum for every format: at least one source, one gemeente and one region.

    >>> [p.value for p in minimum_problems(Graph(), "leeg.ttl")]
    ['sources', 'gemeenten', 'regions']
    """
    return [Problem(label, None, None, name,
                    f"de invoer bevat geen enkele {word} (izg:{cls.split('#')[-1]}); verplicht, net als "
                    f"{name}.csv bij CSV-invoer", "missing-file")
            for cls, name, word in MINIMUM if (None, RDF.type, cls) not in graph]


def term_problems(graph: Graph, origins: dict[URIRef, tuple[str, int]]) -> list[Problem]:
    """IRIs the store cannot hold, literals with control characters, numbers that are not finite or too large.

    These are checked for every format, so that whatever ``validate`` accepts, ``load`` stores. Each distinct
    IRI and literal is checked once; a bad literal is reported wherever it occurs.
    """
    if _terms_fine(graph):  # the usual case, decided on the distinct terms without a pass per triple
        return []
    import pyoxigraph as ox

    problems: list[Problem] = []
    good_iris: set[URIRef] = set()
    bad_iris: set[URIRef] = set()
    good_literals: set[Literal] = set()

    def where(s) -> tuple[str, int | None]:
        file, row = origins.get(s, (None, None))
        return (file, row) if file else (f"onderwerp <{s}>", None)

    def check_iri(term, s) -> None:
        if not isinstance(term, URIRef) or term in good_iris or term in bad_iris:
            return
        try:
            ox.NamedNode(str(term))
            good_iris.add(term)
        except ValueError as exc:
            bad_iris.add(term)
            file, row = where(s)
            problems.append(Problem(file, row, None, str(term)[:120],
                                    f"ongeldige IRI ({exc}); gebruik geen spaties of tekens als <>\"{{}}|^`",
                                    "bad-iri"))

    for s, p, o in graph:
        check_iri(s, s)
        check_iri(p, s)
        check_iri(o, s)
        if not isinstance(o, Literal):
            continue
        if o.datatype is not None:
            check_iri(o.datatype, s)
        if o in good_literals:
            continue
        found = _literal_problems(o)
        if not found:
            good_literals.add(o)
            continue
        file, row = where(s)
        column = (PROPERTY_COLUMNS.get(p) if row is not None else None) or p.n3(graph.namespace_manager)
        problems.extend(Problem(file, row, column, value, message, code) for value, message, code in found)
    return problems


def _terms_fine(graph) -> bool:
    """Whether :func:`term_problems` finds nothing in ``graph``: each distinct term checked once, the
    columns of terms gathered in C (``map``/``set``), not in a Python loop over 280,000 triples."""
    import pyoxigraph as ox
    from operator import itemgetter

    objects = set(map(itemgetter(2), graph))
    literals = [o for o in objects if isinstance(o, Literal)]
    iris = set(map(itemgetter(0), graph)) | set(map(itemgetter(1), graph)) | objects.difference(literals) \
        | {o.datatype for o in literals if o.datatype is not None}
    try:
        for term in iris:
            if isinstance(term, URIRef):
                ox.NamedNode(str(term))
    except ValueError:
        return False
    return not any(_literal_problems(o) for o in literals)


def _literal_problems(o: Literal) -> list[tuple[str, str, str]]:
    """(value, message, code) for each reason the store or the exports cannot take literal ``o``."""
    import pyoxigraph as ox

    found = []
    if o.language:
        try:
            ox.Literal(str(o), language=o.language)
        except ValueError as exc:
            found.append((o.language, f"ongeldige taalcode ({exc})", "bad-language"))
    m = CONTROL.search(str(o))
    if m:
        found.append((str(o).encode("unicode_escape").decode("ascii")[:80],
                      f"bevat het stuurteken U+{ord(m.group()):04X}; verwijder het", "control-character"))
    if o.datatype in NUMERIC:
        try:
            value = float(o.value) if o.value is not None and not isinstance(o.value, str) else float(str(o))
        except (TypeError, ValueError, OverflowError):
            value = math.nan
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            found.append((str(o)[:40], f"geen bruikbaar getal (oneindig, NaN of groter dan {MAX_NUMBER:,})".replace(",", "."),
                          "bad-number"))
    return found
