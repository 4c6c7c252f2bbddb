"""SHACL validation (``ontology/shapes.ttl``) with results located back in the input."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..errors import IzagraphError, Problem
from ..namespaces import DCTERMS, IZG, OPENGOV, ORG, RDF, RDFS, SCHEMA, SH, SKOS
from ..vocab import ontology_graph, shapes_graph

# Which input column a property comes from, so a shape violation can name the column.
PROPERTY_COLUMNS = {
    SKOS.prefLabel: "name", DCTERMS.source: "source", RDFS.comment: "note", IZG.cbsCode: "code",
    IZG.division: "division", IZG.regionCode: "code", IZG.compositionStatus: "status",
    IZG.partOfRegion: "parent", IZG.hasGemeente: "gemeente", IZG.sector: "sector", IZG.tableKind: "kind",
    IZG.programme: "programmes", DCTERMS.spatial: "region", IZG.coversGemeente: "gemeenten",
    IZG.level: "level", ORG.subOrganizationOf: "parent", IZG.chairType: "chair_type",
    IZG.decisionRule: "decision_rule", IZG.meetingsPerYear: "meetings_per_year",
    SCHEMA.validFrom: "start", SCHEMA.validThrough: "end", IZG.regionalStructure: "regional_structure", IZG.task: "tasks", IZG.holderCount: "holders", IZG.holderTitle: "holder_title",
    IZG.theme: "theme", ORG.organization: "table", ORG.member: "member", ORG.role: "role",
    IZG.perspective: "perspective", OPENGOV.onBehalfOf: "on_behalf_of", IZG.mandate: "mandate",
    IZG.planKind: "kind", IZG.forRegion: "region", IZG.steeredBy: "tables", IZG.ofRegion: "region",
    IZG.variant: "variant", DCTERMS.title: "title", IZG.evidence: "kind", IZG.confidence: "confidence",
}


def _message(results: Graph, result) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    # pySHACL drops the language tags of SPARQL-constraint messages: take them from the shape itself.
    constraint = results.value(result, SH.sourceConstraint)
    if constraint is not None and not any(isinstance(m, Literal) and m.language for m in messages):
        messages = list(shapes_graph().objects(constraint, SH.message)) or messages
    for lang in ("nl", None, "en"):
        for m in messages:
            if isinstance(m, Literal) and m.language == lang:
                return str(m)
    return str(messages[0]) if messages else "voldoet niet aan de vorm (SHACL)"


def shacl_problems(data: Graph, origins: dict[URIRef, tuple[str, int]]) -> list[Problem]:
    """Run the shapes over ``data`` (with the ontology) and return located problems."""
    import pyshacl

    # The shapes look up concepts (skos:inScheme) in the ontology, so validate data and ontology together.
    merged = Graph()
    merged += data
    merged += ontology_graph()
    conforms, results, _ = pyshacl.validate(
        merged, shacl_graph=shapes_graph(), inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False)
    if conforms:
        return []
    if not isinstance(results, Graph):  # pySHACL could not run the shapes themselves
        raise IzagraphError(f"de SHACL-vormen in ontology/ zijn ongeldig: {results}")
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        file, row = origins.get(focus, (str(focus), None))
        column = PROPERTY_COLUMNS.get(path) if row is not None else None
        if row is None and isinstance(focus, URIRef):
            file = f"onderwerp <{focus}>"
        shown = value if value is not None and not isinstance(value, URIRef) else \
            (str(value).rsplit("/", 1)[-1] if value is not None else None)
        problems.append(Problem(file, row, column or (str(path).rsplit("#", 1)[-1] if path is not None and row else None),
                                str(shown) if shown is not None else None, _message(results, result), "shape"))
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
