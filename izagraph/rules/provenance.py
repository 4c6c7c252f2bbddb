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
from itertools import repeat

import numpy as np

from ..findings import FactIds, Finding, lowest_confidence, weakest_basis
from ..perf import distinct_pairs, numbered

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

    def __init__(self, group_of: dict[str, int], groups: list[Provenance],
                 by_id: tuple[np.ndarray, np.ndarray] | None = None):
        self.group_of = group_of
        self.groups = groups
        self._by_id = by_id  # from_ids: its values as an array, and the group of each (-1: none)
        self._of_names: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # see group_ids

    def get(self, iri: str) -> Provenance | None:
        g = self.group_of.get(iri)
        return None if g is None else self.groups[g]

    def group_ids(self, names: np.ndarray, distinct: bool = False) -> np.ndarray:
        """Per value of ``names`` (a numpy object array, such as ``Facts.id_array()``): the number of its
        group, -1 when it has none, -2 when it is no fact (an empty value), judged as its text is (see
        :class:`~izagraph.findings.FactIds`). Made once per array and kept, so the many
        :class:`~izagraph.findings.FactIds` of a check are judged with numpy. ``distinct``: no two values
        of ``names`` are equal; when they begin with the values the index was built from (the snapshot's),
        their groups are read by id instead of looked up by text.

        >>> ix = ProvenanceIndex({"t": 0, "1.5": 1}, [])
        >>> ix.group_ids(np.array(["t", "x", "", None, 1.5], dtype=object)).tolist()
        [0, -1, -2, -2, 1]
        >>> ix = ProvenanceIndex.from_ids(np.array([0]), np.array([1]), np.array([-1]), np.array([-1]),
        ...                               np.array([-1]), ["t", "src/a"])
        >>> ix.group_ids(np.array(["t", "src/a", "x"], dtype=object), distinct=True).tolist()
        [0, -1, -1]
        """
        got = self._of_names.get(id(names))
        if got is None or got[0] is not names:
            values = names.tolist()
            odd = ~np.fromiter(map(isinstance, values, repeat(str)), dtype=bool, count=len(values))
            odd |= names == ""
            known, n = (None, 0) if self._by_id is None else (self._by_id[1], len(self._by_id[1]))
            if distinct and known is not None and len(names) >= n and (names[:n] == self._by_id[0][:n]).all():
                # the values this index was built on (the snapshot's), maybe with more after them: the group of
                # a text is that of its id (no text has two); the others are looked up below
                out = np.full(len(values), -1, dtype=np.int64)
                out[:n] = known
                odd[n:] = True
            else:
                out = np.fromiter(map(self.group_of.get, values, repeat(-1)), dtype=np.int64, count=len(values))
            for i in np.flatnonzero(odd).tolist():  # an empty value is no fact; other values count as text
                v = values[i]
                out[i] = self.group_of.get(str(v), -1) if v else -2
            got = self._of_names[id(names)] = (names, out)  # the array is kept with it: its id stays its own
        return got[1]

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
            distinct, number = numbered(column[keep])
            sig = sig * len(distinct) + number
            parts.append(distinct)
        signatures, sig = numbered(sig)
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
        group_of = dict(zip(vals[entity[starts]].tolist(), per_entity))
        by_id = None
        if len(group_of) == len(per_entity):  # each entity's text once: its group by id too (see group_ids)
            known = np.full(len(vals) - 1, -1, dtype=np.int64)
            known[entity[starts]] = per_entity
            by_id = (vals, known)
        return cls(group_of, groups, by_id)


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
    judged: dict[tuple, tuple] = {}  # the same few groups recur across findings: combine them once
    of_part: dict[int, frozenset] = {}  # the groups of each part of a FactSet, by id (the findings keep
    # every part alive meanwhile), looked up once
    n_groups = len(groups) + 2

    def groups_in(part) -> frozenset:
        """The groups of a part's facts (None: a fact without provenance); empty when it has no facts."""
        got = of_part.get(id(part))
        if got is None:
            if type(part) is FactIds:  # by id: -2 no fact, -1 no provenance
                of_ids = index.group_ids(part.names, part.distinct)[part.ids] + 2
                present = np.flatnonzero(np.bincount(of_ids, minlength=n_groups)).tolist()
                got = frozenset(None if g == 1 else g - 2 for g in present if g)
            else:
                got = frozenset(map(group_of, part))
            of_part[id(part)] = got
        return got

    out = []
    for f in findings:
        parts = getattr(f.facts, "parts", None)
        key = frozenset().union(*map(groups_in, parts)) if parts is not None else None
        if not key:  # a plain set, or a FactSet without facts (then the finding rests on its subject)
            key = frozenset(map(group_of, f.facts or (f.subject,)))
        verdict = judged.get((key, f.illustrative, f.basis, f.confidence, f.sources))
        if verdict is None:  # findings share a few verdicts: each is made once
            known = [groups[g] for g in key if g is not None]
            bases = {p.basis for p in known} | ({"illustrative"} if f.illustrative else set())
            verdict = judged[key, f.illustrative, f.basis, f.confidence, f.sources] = (
                weakest_basis(bases) if bases else f.basis,
                lowest_confidence([p.confidence for p in known]) if known else f.confidence,
                {s for p in known for s in p.sources} | set(f.sources))
        out.append(f.with_provenance(*verdict))
    return out


__all__ = ["COLUMNS", "Provenance", "ProvenanceIndex", "annotate", "fact_provenance"]
