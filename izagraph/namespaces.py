"""Namespaces of the izagraph vocabulary and the vocabularies it reuses.

``IZG`` is closed (rdflib ``DefinedNamespace`` with ``_fail``): a typo in a term name fails at import
time instead of minting a new IRI. ``tests/test_namespaces.py`` checks it against ``ontology/izagraph.ttl``.

>>> str(IZG.Table)
'https://w3id.org/izagraph/def#Table'
>>> concept("theme", "acute-zorg")
rdflib.term.URIRef('https://w3id.org/izagraph/concept/theme/acute-zorg')
>>> gemeente_iri("GM0392")
rdflib.term.URIRef('https://identifier.overheid.nl/tooi/id/gemeente/gm0392')
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "IZG", "ORG", "SCHEMA", "OPENGOV", "SH", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS",
    "XSD", "ID", "CONCEPT", "TOOI_GEMEENTE", "concept", "scheme", "gemeente_iri", "entity_iri",
]


class IZG(DefinedNamespace):
    """The izagraph vocabulary (``ontology/izagraph.ttl``)."""

    _NS = Namespace("https://w3id.org/izagraph/def#")
    _fail = True

    # classes
    Gemeente: URIRef
    Region: URIRef
    RegionDivision: URIRef
    RegionMembership: URIRef
    Organisation: URIRef
    Person: URIRef
    OfficeHolders: URIRef
    Participant: URIRef
    Table: URIRef
    Programme: URIRef
    Plan: URIRef
    Source: URIRef
    GovernanceChoice: URIRef
    Grant: URIRef
    GovernanceAspect: URIRef
    GovernanceVariant: URIRef
    Criterion: URIRef
    # properties
    cbsCode: URIRef
    division: URIRef
    regionCode: URIRef
    hasGemeente: URIRef
    compositionStatus: URIRef
    partOfRegion: URIRef
    region: URIRef
    gemeente: URIRef
    membershipStatus: URIRef
    method: URIRef
    sector: URIRef
    tableKind: URIRef
    programme: URIRef
    coversGemeente: URIRef
    level: URIRef
    theme: URIRef
    chairType: URIRef
    decisionRule: URIRef
    meetingsPerYear: URIRef
    regionalStructure: URIRef
    task: URIRef
    holderCount: URIRef
    holderTitle: URIRef
    perspective: URIRef
    mandate: URIRef
    planKind: URIRef
    forRegion: URIRef
    steeredBy: URIRef
    ofRegion: URIRef
    variant: URIRef
    evidence: URIRef
    confidence: URIRef
    appliesToRegionalStructure: URIRef
    forTheme: URIRef
    requiresAnyOf: URIRef
    requiresMandate: URIRef
    severity: URIRef
    advice: URIRef
    expectedRegionCount: URIRef
    grantFor: URIRef
    grantScheme: URIRef
    amountEur: URIRef
    recipient: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
SH = Namespace("http://www.w3.org/ns/shacl#")

ID = Namespace("https://w3id.org/izagraph/id/")
CONCEPT = Namespace("https://w3id.org/izagraph/concept/")
TOOI_GEMEENTE = Namespace("https://identifier.overheid.nl/tooi/id/gemeente/")


def scheme(name: str) -> URIRef:
    """The IRI of a concept scheme, e.g. ``scheme("theme")``."""
    return CONCEPT[name]


def concept(scheme_name: str, notation: str) -> URIRef:
    """The IRI of a concept in a scheme, from its notation."""
    return CONCEPT[f"{scheme_name}/{notation}"]


def gemeente_iri(code: str) -> URIRef:
    """A gemeente's TOOI identifier from its CBS code (``GM0363``)."""
    return TOOI_GEMEENTE[code.strip().lower()]


def entity_iri(kind: str, *parts: str) -> URIRef:
    """The IRI of an izagraph entity: ``entity_iri("table", "stuurgroep")``."""
    return ID["/".join((kind, *parts))]


PREFIXES = {
    "izg": str(IZG._NS), "org": str(ORG), "skos": str(SKOS), "dct": str(DCTERMS), "prov": str(PROV),
    "schema": str(SCHEMA), "opengov": str(OPENGOV), "foaf": str(FOAF), "rdfs": str(RDFS), "rdf": str(RDF),
    "xsd": str(XSD), "owl": str(OWL), "sh": str(SH), "tooi": str(TOOI_GEMEENTE), "id": str(ID),
    "concept": str(CONCEPT),
}
