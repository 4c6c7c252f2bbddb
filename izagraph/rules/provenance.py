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
    is never ``high``. Entities with the same sources share one :class:`Provenance` object."""
    signatures: dict[tuple, int] = {}  # (source, kind, confidence, status) -> its number
    of_entity: dict[str, list[int]] = {}
    for r in rows:
        s, source = r.get("s"), r.get("source")
        if not s or not source or (only is not None and s not in only):
            continue
        sig = (str(source), r.get("kind"), r.get("confidence"), r.get("status"))
        i = signatures.get(sig)
        if i is None:
            i = signatures[sig] = len(signatures)
        numbers = of_entity.get(str(s))
        if numbers is None:
            of_entity[str(s)] = [i]
        else:
            numbers.append(i)
    sigs = list(signatures)
    verdicts = [_judge(kind, confidence, status) for _, kind, confidence, status in sigs]
    shared: dict[tuple[int, ...], Provenance] = {}
    out = {}
    for s, numbers in of_entity.items():
        key = (numbers[0],) if len(numbers) == 1 else tuple(sorted(set(numbers)))
        p = shared.get(key)
        if p is None:
            p = shared[key] = Provenance(weakest_basis([verdicts[i][0] for i in key]),
                                         lowest_confidence([verdicts[i][1] for i in key]),
                                         tuple(sorted({sigs[i][0] for i in key})))
        out[s] = p
    return out


def _judge(kind, confidence, status) -> tuple[str, str | None]:
    """The basis and confidence one source gives a fact."""
    kind, confidence, status = _notation(kind), _notation(confidence), _notation(status)
    if kind == "illustrative":
        return "illustrative", "low" if confidence == "high" else confidence
    if status in ("inferred", "unknown"):
        return "inferred", confidence
    return "source", confidence


def annotate(findings: list[Finding], rows: list[dict]) -> list[Finding]:
    """The findings with ``basis``, ``confidence`` and ``sources`` computed from all their facts."""
    prov = fact_provenance(rows, {x for f in findings for x in (f.facts or (f.subject,))})
    out = []
    for f in findings:
        # many facts share one provenance object: keep each once (by identity, cheaper than by value)
        known = list({id(p): p for p in map(prov.get, f.facts or (f.subject,)) if p is not None}.values())
        bases = {p.basis for p in known} | ({"illustrative"} if f.illustrative else set())
        sources = {s for p in known for s in p.sources}
        out.append(f.with_provenance(
            basis=weakest_basis(bases) if bases else f.basis,
            confidence=lowest_confidence([p.confidence for p in known]) if known else f.confidence,
            sources=sources | set(f.sources)))
    return out


__all__ = ["Provenance", "annotate", "fact_provenance"]
