"""What a store holds: counts per class, programme and region division, coverage per division, sources."""

from __future__ import annotations

from rdflib import URIRef

from .backends import Backend, run
from .vocab import vocabulary


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def division_coverage(backend: Backend, lang: str = "nl") -> list[dict]:
    """Per region division: its regions by composition status and its gemeenten known / inferred / unknown.

    One row per division that has regions in the graph, ordered by division IRI, with the keys
    ``division`` (notation, e.g. ``"roaz"``), ``iri``, ``label`` (in ``lang``), ``regions``,
    ``expected_regions`` (None when the ontology gives no count), ``regions_source``, ``regions_inferred``,
    ``regions_unknown``, ``gemeenten`` (all gemeenten in the graph), ``known`` (in a region of the division
    by a source), ``inferred`` (only by an inference with a stated method) and ``unknown`` (the rest:
    gemeenten = known + inferred + unknown). A membership's status is its own (region_members.status),
    else its region's, else ``source``.

    >>> from rdflib import Graph, Literal
    >>> from izagraph.backends.sparql import OxigraphBackend
    >>> from izagraph.namespaces import IZG, RDF, concept, entity_iri, gemeente_iri
    >>> g = Graph()
    >>> for code in ("GM0001", "GM0002", "GM0003"):
    ...     _ = g.add((gemeente_iri(code), RDF.type, IZG.Gemeente))
    >>> r = entity_iri("region", "roaz-x")
    >>> _ = g.add((r, RDF.type, IZG.Region)).add((r, IZG.division, concept("division", "roaz")))
    >>> _ = g.add((r, IZG.hasGemeente, gemeente_iri("GM0001"))).add((r, IZG.hasGemeente, gemeente_iri("GM0002")))
    >>> m = entity_iri("region-membership", "roaz-x", "gm0002")
    >>> _ = g.add((m, RDF.type, IZG.RegionMembership)).add((m, IZG.region, r))
    >>> _ = g.add((m, IZG.gemeente, gemeente_iri("GM0002")))
    >>> _ = g.add((m, IZG.membershipStatus, concept("region-status", "inferred")))
    >>> row, = division_coverage(OxigraphBackend.from_graph(g), "en")
    >>> row["division"], row["gemeenten"], row["known"], row["inferred"], row["unknown"]
    ('roaz', 3, 1, 1, 1)
    """
    v = vocabulary()
    coverage = {r["division"]: r for r in run(backend, "info-coverage")}
    rows = []
    for r in run(backend, "info-divisions"):
        iri = r["division"]
        c = coverage.get(iri, {})
        total = int(c.get("total") or _gemeente_count(backend))
        known, inferred = int(c.get("known") or 0), int(c.get("inferred") or 0)
        rows.append({
            "division": v.notation(URIRef(iri)) or _short(iri), "iri": iri, "label": v.label(URIRef(iri), lang),
            "regions": int(r["regions"]), "expected_regions": int(r["expected"]) if r["expected"] is not None else None,
            "regions_source": int(r["from_source"]), "regions_inferred": int(r["inferred_count"]),
            "regions_unknown": int(r["unknown_count"]), "gemeenten": total, "known": known, "inferred": inferred,
            "unknown": total - known - inferred,
        })
    return rows


def _gemeente_count(backend: Backend) -> int:
    return sum(int(r["count"]) for r in run(backend, "info-classes") if _short(r["class"]) == "Gemeente")


def summarise(backend: Backend, lang: str = "nl") -> dict[str, list[dict]]:
    """Sections of rows describing the graph, labelled in ``lang``.

    The IZA division row says how many of the expected 38 regions are known and how completely.
    """
    v = vocabulary()
    label = lambda iri: v.label(URIRef(iri), lang) if iri else ""  # noqa: E731
    classes = [{"klasse" if lang == "nl" else "class": _short(r["class"]), "aantal" if lang == "nl" else "count": r["count"]}
               for r in run(backend, "info-classes")]
    programmes = [{"programma" if lang == "nl" else "programme": label(r["programme"]),
                   "tafels" if lang == "nl" else "tables": r["tables"],
                   "zetels" if lang == "nl" else "seats": r["memberships"]}
                  for r in run(backend, "info-programmes")]
    nl = lang == "nl"
    divisions = [{("indeling" if nl else "division"): r["label"],
                  ("regio's" if nl else "regions"): r["regions"],
                  ("verwacht" if nl else "expected"): r["expected_regions"],
                  ("regio's uit bron" if nl else "regions from source"): r["regions_source"],
                  ("regio's afgeleid" if nl else "regions inferred"): r["regions_inferred"],
                  ("regio's onbekend" if nl else "regions unknown"): r["regions_unknown"],
                  ("gemeenten bekend" if nl else "gemeenten known"): r["known"],
                  ("gemeenten afgeleid" if nl else "gemeenten inferred"): r["inferred"],
                  ("gemeenten onbekend" if nl else "gemeenten unknown"): r["unknown"]}
                 for r in division_coverage(backend, lang)]
    sources = [{"bron" if nl else "source": _short(r["source"]), ("titel" if nl else "title"): r["title"],
                ("uitgever" if nl else "publisher"): r["publisher"], "datum" if nl else "date": r["date"],
                ("soort" if nl else "kind"): v.notation(URIRef(r["evidence"])) if r["evidence"] else None,
                ("betrouwbaarheid" if nl else "confidence"): v.notation(URIRef(r["confidence"])) if r["confidence"] else None,
                ("feiten" if nl else "facts"): r["facts"]}
               for r in run(backend, "info-sources")]
    return {"classes": classes, "programmes": programmes, "divisions": divisions, "sources": sources}
