"""What a store holds: counts per class, programme and region division, IZA coverage, sources."""

from __future__ import annotations

from rdflib import URIRef

from .backends import Backend, run
from .vocab import vocabulary


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


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
    divisions = [{("indeling" if nl else "division"): label(r["division"]),
                  ("regio's" if nl else "regions"): r["regions"],
                  ("verwacht" if nl else "expected"): r["expected"],
                  ("uit bron" if nl else "from source"): r["from_source"],
                  ("afgeleid" if nl else "inferred"): r["inferred_count"],
                  ("onbekend" if nl else "unknown"): r["unknown_count"],
                  ("gemeenten" if nl else "gemeenten"): r["gemeenten"]}
                 for r in run(backend, "info-divisions")]
    sources = [{"bron" if nl else "source": _short(r["source"]), ("titel" if nl else "title"): r["title"],
                ("uitgever" if nl else "publisher"): r["publisher"], "datum" if nl else "date": r["date"],
                ("soort" if nl else "kind"): v.notation(URIRef(r["evidence"])) if r["evidence"] else None,
                ("betrouwbaarheid" if nl else "confidence"): v.notation(URIRef(r["confidence"])) if r["confidence"] else None,
                ("feiten" if nl else "facts"): r["facts"]}
               for r in run(backend, "info-sources")]
    return {"classes": classes, "programmes": programmes, "divisions": divisions, "sources": sources}
