"""Provenance of findings: how much a finding can be trusted follows from every fact it rests on.

The ``provenance`` query returns, for every entity with a source, the source, its kind (real or
illustrative), its confidence as given and, for a region, how its gemeenten are known (``status``).
:func:`annotate` gives each finding the weakest basis and the lowest confidence of its facts (the IRIs a
rule passed with ``ctx.finding(..., facts=...)``; a finding without facts rests on its subject). Pure: rows
in, findings out. A rule lists the subject among the facts when the finding rests on it: a
``drukte-region`` finding rests on the region's tables and seats, not on how its gemeenten are known.

>>> from izagraph.findings import Finding, Severity
>>> EV, CF = "https://w3id.org/izagraph/concept/evidence/", "https://w3id.org/izagraph/concept/confidence/"
>>> rows = [{"s": "t", "source": "src/a", "kind": EV + "real", "confidence": CF + "high", "status": None},
...         {"s": "m", "source": "src/b", "kind": EV + "illustrative", "confidence": None, "status": None}]
>>> f = Finding("r", Severity.LOW, "t", "T", {"nl": "x"}, facts=("t", "m"))
>>> g = annotate([f], rows)[0]
>>> g.basis, g.confidence, g.sources
('illustrative', None, ('src/a', 'src/b'))
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..findings import Finding, lowest_confidence, weakest_basis


@dataclass(frozen=True)
class Provenance:
    """What one fact rests on: its basis, its confidence (None = not stated) and its source IRIs."""

    basis: str
    confidence: str | None
    sources: tuple[str, ...]


def _notation(iri) -> str | None:
    return None if not iri else str(iri).rstrip("/").rsplit("/", 1)[-1]


def fact_provenance(rows: list[dict], only: set[str] | None = None) -> dict[str, Provenance]:
    """Per entity IRI (of ``only``, default all) its provenance. An entity with several sources gets the
    weakest; a region whose gemeenten are ``inferred`` (or ``unknown``) is inferred; an illustrative source
    is never ``high``."""
    grouped: dict[str, list[dict]] = {}
    for r in rows:
        s = r.get("s")
        if s and r.get("source") and (only is None or s in only):
            grouped.setdefault(str(s), []).append(r)
    out = {}
    for s, rs in grouped.items():
        bases, confidences = [], []
        for r in rs:
            kind, conf, status = _notation(r.get("kind")), _notation(r.get("confidence")), _notation(r.get("status"))
            if kind == "illustrative":
                bases.append("illustrative")
                conf = "low" if conf == "high" else conf
            elif status in ("inferred", "unknown"):
                bases.append("inferred")
            else:
                bases.append("source")
            confidences.append(conf)
        out[s] = Provenance(weakest_basis(bases), lowest_confidence(confidences),
                            tuple(sorted({str(r["source"]) for r in rs})))
    return out


def annotate(findings: list[Finding], rows: list[dict]) -> list[Finding]:
    """The findings with ``basis``, ``confidence`` and ``sources`` computed from all their facts."""
    prov = fact_provenance(rows, {x for f in findings for x in (f.facts or (f.subject,))})
    out = []
    for f in findings:
        known = [prov[x] for x in (f.facts or (f.subject,)) if x in prov]
        bases = [p.basis for p in known] + (["illustrative"] if f.illustrative else [])
        sources = {s for p in known for s in p.sources}
        out.append(dataclasses.replace(
            f, basis=weakest_basis(bases) if bases else f.basis,
            confidence=lowest_confidence([p.confidence for p in known]) if known else f.confidence,
            sources=tuple(sorted(sources | set(f.sources)))))
    return out


__all__ = ["Provenance", "annotate", "fact_provenance"]
