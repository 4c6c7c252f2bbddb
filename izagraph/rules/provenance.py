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

import numpy as np

from ..findings import Finding, lowest_confidence, weakest_basis
from ..perf import distinct_pairs

#: The columns of the provenance query, in this order.
COLUMNS = ("s", "source", "kind", "confidence", "status")


@dataclass(frozen=True)
class Provenance:
    """What one fact rests on: its basis, its confidence (None = not stated) and its source IRIs."""

    basis: str
    confidence: str | None
    sources: tuple[str, ...]


class ProvenanceIndex:
    """Every entity's provenance, as a number into a short list of distinct :class:`Provenance` values.

    Tens of thousands of entities share a few dozen provenances (one per source and how it is judged), so a
    finding resting on hundreds of facts is judged by the few distinct numbers among them (:func:`annotate`).
    Build it from the provenance query's rows (:meth:`from_rows`, any backend) or from the analytical
    snapshot's id columns (:meth:`from_ids`, vectorised); both give the same index."""

    def __init__(self, group_of: dict[str, int], groups: list[Provenance]):
        self.group_of = group_of
        self.groups = groups

    def get(self, iri: str) -> Provenance | None:
        g = self.group_of.get(iri)
        return None if g is None else self.groups[g]

    @classmethod
    def from_rows(cls, rows) -> ProvenanceIndex:
        """The index of the provenance query's rows (dicts with the keys of :data:`COLUMNS`)."""
        values, number, columns = [], {}, {c: [] for c in COLUMNS}
        for r in rows:
            for c in COLUMNS:
                x = r.get(c)
                if x is None:
                    columns[c].append(-1)
                    continue
                x = str(x)
                i = number.get(x)
                if i is None:
                    i = number[x] = len(values)
                    values.append(x)
                columns[c].append(i)
        return cls.from_ids(*(np.array(columns[c], dtype=np.int64) for c in COLUMNS), values)

    @classmethod
    def from_ids(cls, s, source, kind, confidence, status, values: list,
                 array: np.ndarray | None = None) -> ProvenanceIndex:
        """The index of the rows given as id columns into ``values`` (-1: unbound), as the analytical snapshot
        keeps them. An entity with several sources gets the weakest; a region whose gemeenten are
        ``inferred`` (or ``unknown``) is inferred; an illustrative source is never ``high``. ``array``:
        ``values`` with a None after them as a numpy object array, when the caller keeps one.

        >>> ids = lambda *xs: np.array(xs)
        >>> ix = ProvenanceIndex.from_ids(ids(0, 0), ids(1, 2), ids(3, 4), ids(-1, -1), ids(-1, -1),
        ...                               ["t", "src/a", "src/b", "ev/real", "ev/illustrative"])
        >>> ix.get("t")
        Provenance(basis='illustrative', confidence=None, sources=('src/a', 'src/b'))
        """
        keep = (s >= 0) & (source >= 0)
        s = s[keep].astype(np.int64)
        if not len(s):
            return cls({}, [])
        # a signature is (source, kind, confidence, status): each column numbered densely, then combined
        # into one integer (np.unique on one int64 column is far faster than on rows)
        sig, parts = np.zeros(len(s), dtype=np.int64), []
        for column in (source, kind, confidence, status):
            distinct, number = np.unique(column[keep], return_inverse=True)
            sig = sig * len(distinct) + number.reshape(-1)
            parts.append(distinct)
        signatures, sig = np.unique(sig, return_inverse=True)
        sig = sig.reshape(-1)
        n_sig = len(signatures)
        entity, sig = distinct_pairs(s, sig, n_sig)  # each (entity, signature) once, by entity
        starts = np.flatnonzero(np.r_[True, entity[1:] != entity[:-1]])
        vals = np.array([*values, None], dtype=object) if array is None else array  # id -1: the None at the end
        text = []
        for code in signatures.tolist():  # back from the combined number to the four values
            ids = []
            for distinct in reversed(parts):
                code, i = divmod(code, len(distinct))
                ids.append(int(distinct[i]))
            text.append([vals[i] for i in reversed(ids)])
        verdicts = [_judge(kind, conf, status) for _, kind, conf, status in text]
        groups, group_number = [], {}

        def group(key: tuple[int, ...]) -> int:
            g = group_number.get(key)
            if g is None:
                g = group_number[key] = len(groups)
                groups.append(Provenance(weakest_basis([verdicts[i][0] for i in key]),
                                         lowest_confidence([verdicts[i][1] for i in key]),
                                         tuple(sorted({str(text[i][0]) for i in key}))))
            return g

        # most entities have one signature: their group is the signature's own
        own = np.array([group((i,)) for i in range(n_sig)])
        per_entity = own[sig[starts]].tolist()
        counts = np.diff(np.r_[starts, len(entity)])
        for n in np.flatnonzero(counts > 1).tolist():  # the few with several sources
            a = starts[n]
            per_entity[n] = group(tuple(sig[a:a + counts[n]].tolist()))
        return cls(dict(zip(vals[entity[starts]].tolist(), per_entity)), groups)


def _notation(iri) -> str | None:
    return None if not iri else str(iri).rstrip("/").rsplit("/", 1)[-1]


def fact_provenance(rows: list[dict], only: set[str] | None = None) -> dict[str, Provenance]:
    """Per entity IRI (of ``only``, default all) its provenance (see :meth:`ProvenanceIndex.from_ids`)."""
    index = ProvenanceIndex.from_rows(rows)
    return {s: index.groups[g] for s, g in index.group_of.items() if only is None or s in only}


def _judge(kind, confidence, status) -> tuple[str, str | None]:
    """The basis and confidence one source gives a fact."""
    kind, confidence, status = _notation(kind), _notation(confidence), _notation(status)
    if kind == "illustrative":
        return "illustrative", "low" if confidence == "high" else confidence
    if status in ("inferred", "unknown"):
        return "inferred", confidence
    return "source", confidence


def annotate(findings: list[Finding], provenance) -> list[Finding]:
    """The findings with ``basis``, ``confidence`` and ``sources`` computed from all their facts.
    ``provenance`` is a :class:`ProvenanceIndex` or the provenance query's rows."""
    index = provenance if isinstance(provenance, ProvenanceIndex) else ProvenanceIndex.from_rows(provenance)
    group_of, groups = index.group_of.get, index.groups
    judged: dict[frozenset, tuple] = {}  # the same few groups recur across findings: combine them once
    of_part: dict[int, frozenset] = {}  # the groups of each part of a FactSet, by id (the findings keep
    # every part alive meanwhile), looked up once

    def groups_in(part: frozenset) -> frozenset:
        got = of_part.get(id(part))
        if got is None:
            got = of_part[id(part)] = frozenset(map(group_of, part))
        return got

    out = []
    for f in findings:
        parts = getattr(f.facts, "parts", None)
        if parts is not None and f.facts:  # a FactSet: its parts' groups
            key = frozenset().union(*map(groups_in, parts))
        else:
            key = frozenset(map(group_of, f.facts or (f.subject,)))
        combined = judged.get(key)
        if combined is None:
            known = [groups[g] for g in key if g is not None]
            combined = judged[key] = ({p.basis for p in known}, [p.confidence for p in known],
                                      {s for p in known for s in p.sources}, bool(known))
        bases, confidences, sources, known = combined
        if f.illustrative:
            bases = bases | {"illustrative"}
        out.append(f.with_provenance(
            basis=weakest_basis(bases) if bases else f.basis,
            confidence=lowest_confidence(confidences) if known else f.confidence,
            sources=sources | set(f.sources)))
    return out


__all__ = ["COLUMNS", "Provenance", "ProvenanceIndex", "annotate", "fact_provenance"]
