"""Missing perspectives: the IZA criteria for a region's collaboration structure, and the theme
expectations, checked against who actually sits at the table.

The criteria are data (``ontology/criteria.ttl``, or criteria loaded with the data), read from the graph by
the rule's query, so every backend sees the same ones: which
perspectives satisfy a criterion (``izg:requiresAnyOf``; a finer sector counts for every broader
perspective, following ``skos:broader``), whether the seat needs a mandate, the severity of a miss and
the lesson to suggest. A seat's perspective is the one given for the membership, else the member's
sector, else (a person) the sector of the organisation the seat speaks for. A seat that needs a mandate
has one only when ``izg:mandate`` is true (:func:`izagraph.rules.facts.mandate`, shared with
``mandate-gaps``). When no seat satisfies a criterion and a seat of the right perspective has an unknown
mandate, the criterion is "not recorded" (low, a gap in the data), not "not met".

``missing-perspectives`` checks the collaboration structure under a region's top table (seed 001: the
criteria hold "in de samenwerkingsstructuur"): the top table and the active tables under it, each with its
layer; ``scope=top`` checks the top table alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..findings import FactSet, Finding, Severity
from .facts import Facts, SeatColumns, active_tables, broader, facts_of, notation, seat_columns, short_list


@dataclass(frozen=True)
class Criterion:
    iri: str
    id: str
    labels: dict
    requires_any_of: tuple[str, ...]
    requires_mandate: bool
    regional_structure: bool
    theme: str | None
    severity: str
    advice: str | None


def criteria(facts: Facts, vocab) -> list[Criterion]:
    """The criteria among the fact rows (subjects with a ``requires`` fact), sorted by id."""
    out = []
    for c in facts.subjects("requires"):
        sev = facts.one(c, "severity")
        advice = facts.one(c, "advice")
        out.append(Criterion(
            iri=c, id=str(facts.one(c, "notation", c.rsplit("/", 1)[-1])),
            labels={lang: facts.one(c, f"label-{lang}") or facts.one(c, "notation", c) for lang in ("nl", "en")},
            requires_any_of=tuple(sorted(facts.get(c, "requires"))),
            requires_mandate=True in facts.get(c, "requires-mandate"),
            regional_structure=True in facts.get(c, "regional-structure"),
            theme=facts.one(c, "for-theme"), severity=notation(vocab, sev) if sev else "medium",
            advice=notation(vocab, advice) if advice else None))
    return sorted(out, key=lambda c: c.id)


def _closure(perspectives, vocab) -> frozenset[str]:
    """The perspectives with everything broader (a finer sector counts for its perspective)."""
    out: set[str] = set()
    for p in perspectives:
        out |= broader(vocab, p)
    return frozenset(out)


def assess(criterion, cols: SeatColumns, rows: np.ndarray, hits: np.ndarray) -> tuple:
    """Of the seats ``rows`` of ``cols`` (``hits``: per set of perspectives, whether it is of the right
    perspective, see :func:`_hits`): those that satisfy the criterion, those of the right perspective whose
    mandate is unknown, and those of the right perspective with a mandate recorded as not given. Only a
    recorded "ja" is a mandate (see :func:`izagraph.rules.facts.mandate`). Perspectives are tested per
    distinct set, not per seat."""
    right = hits[cols.perspectives[rows]]
    if not criterion.requires_mandate:
        return rows[right], rows[:0], rows[:0]
    given = cols.mandate[rows]
    return rows[right & (given == 1)], rows[right & (given == -1)], rows[right & (given == 0)]


def _hits(facts, today, vocab, criterion) -> np.ndarray:
    """Per set of perspectives of :func:`seat_columns`: whether it meets the criterion's perspectives
    (with everything broader). Built once per facts, day and criterion."""
    def build():
        required = {str(c) for c in criterion.requires_any_of}
        return np.array([bool(c & required) for c in _closures(facts, today, vocab)], dtype=bool)
    return facts.memo(("perspective-hits", today, vocab, criterion.iri, criterion.requires_any_of), build)


def _prepare(rows, ctx):
    """Facts, the active tables, and the rows of the active seats per active table with any (peildatum:
    ``ctx.today``)."""
    facts = facts_of(rows)
    return facts, active_tables(facts, ctx.today), seat_columns(facts, ctx.today).by_table()


def _closures(facts, today, vocab) -> list[frozenset[str]]:
    """Per set of perspectives of :func:`seat_columns`: the perspectives with everything broader."""
    sets = seat_columns(facts, today).perspective_sets
    return facts.memo(("perspective-closures", today, vocab), lambda: [_closure(ps, vocab) for ps in sets])


def coverage(facts, today, vocab) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per active table with active seats: the perspectives its seats stand for (with everything broader),
    and those of its seats with a recorded mandate. A criterion is met in a set of tables exactly when
    its perspectives meet the union of these (the mandated ones when it needs a mandate), so only the
    criteria that are not met are assessed seat by seat. Built once per facts and day (see :func:`_coverage`,
    which keeps them as bit sets)."""
    covered, _, concepts = _coverage(facts, today, vocab)
    ordered = list(concepts)
    as_set = lambda bits: frozenset(p for i, p in enumerate(ordered) if bits >> i & 1)  # noqa: E731
    return {t: (as_set(every), as_set(mandated)) for t, (every, mandated) in covered.items()}


def _coverage(facts, today, vocab) -> tuple[dict[str, tuple[int, int]], dict[str, list[int]], dict[str, int]]:
    """:func:`coverage` with each set of perspectives as a bit set (a Python int; ``concepts``: perspective ->
    its bit), per table the distinct sets of perspectives of its seats (numbers into
    ``seat_columns(...).perspective_sets``), and ``concepts``; from the distinct (table, perspectives,
    mandate given), grouped with numpy."""
    def build():
        cols, closures = seat_columns(facts, today), _closures(facts, today, vocab)
        sets = max(len(closures), 1)
        kinds = np.sort((cols.table * sets + cols.perspectives) * 2 + (cols.mandate == 1))
        kinds = kinds[np.r_[True, kinds[1:] != kinds[:-1]]] if len(kinds) else kinds
        concepts = {p: 1 << i for i, p in enumerate(sorted(set().union(*closures)))}
        if not len(kinds):
            return {}, {}, concepts
        bits = np.empty(len(closures), dtype=object)  # Python ints: any number of perspectives
        bits[:] = [sum(map(concepts.__getitem__, c)) for c in closures]
        table, number = kinds // 2 // sets, kinds // 2 % sets
        starts = np.flatnonzero(np.r_[True, table[1:] != table[:-1]])
        tables = table[starts].tolist()
        # per table the union ("|") of its sets, and of the sets of its seats with a mandate
        every = np.bitwise_or.reduceat(bits[number], starts).tolist()
        mandated = np.bitwise_or.reduceat(np.where(kinds % 2 == 1, bits[number], 0), starts).tolist()
        # per table its distinct sets, ascending (a set is in kinds once or twice: with and without mandate)
        first = np.flatnonzero(np.r_[True, kinds[1:] // 2 != kinds[:-1] // 2])
        numbers = number[first].tolist()
        ends = np.searchsorted(first, [*starts[1:].tolist(), len(kinds)]).tolist()
        names = cols.names
        return ({names[t]: pair for t, pair in zip(tables, zip(every, mandated))},
                {names[t]: numbers[a:b] for t, a, b in zip(tables, [0, *ends[:-1]], ends)}, concepts)

    return facts.memo(("perspective-coverage", today, vocab), build)


def _met(criterion, layers, covered, concepts) -> bool:
    required = 0
    for r in criterion.requires_any_of:
        required |= concepts.get(str(r), 0)
    which = 1 if criterion.requires_mandate else 0
    return any(required & covered[t][which] for t in layers if t in covered)


def _children(ts: dict) -> dict[str, list[str]]:
    children = defaultdict(list)
    for iri, t in ts.items():
        if t.parent in ts:
            children[t.parent].append(iri)
    return children


def structure(top: str, ts: dict, children: dict | None = None) -> dict[str, int]:
    """The active tables under ``top`` (inclusive) with their layer (the top table is layer 1). Only active
    tables link layers: an ended table is no layer, and what hangs under it only is not in the structure.

    >>> from types import SimpleNamespace as T
    >>> structure("a", {"a": T(parent=None), "b": T(parent="a"), "c": T(parent="b")})
    {'a': 1, 'b': 2, 'c': 3}
    """
    children = _children(ts) if children is None else children
    layers, todo = {top: 1}, [top]
    while todo:
        t = todo.pop()
        for c in sorted(children.get(t, ())):
            if c not in layers:
                layers[c] = layers[t] + 1
                todo.append(c)
    return layers


def _check(facts, table, layers: dict[str, int], by_table, criteria, ctx, vocab, extra: dict,
           scope: dict | None = None) -> list[Finding]:
    """The criteria not met in the tables ``layers`` (``by_table``: the rows of each table's active seats
    in :func:`seat_columns`), each as a finding about ``table``."""
    covered, given, concepts = _coverage(facts, ctx.today, vocab)
    criteria = [c for c in criteria if not _met(c, layers, covered, concepts)]
    if not criteria:
        return []
    out = []
    cols = seat_columns(facts, ctx.today)
    label = facts.label
    regions = {r: label(r) for r in table.spatial}
    seated = [t for t in sorted(layers) if t in by_table]
    rows = np.concatenate([by_table[t] for t in seated] or [np.zeros(0, dtype=np.int64)])
    where: dict[str, set] = defaultdict(set)
    present = _present(facts, ctx.today, vocab)
    for t in seated:
        for p in present(t):
            where[p].add(layers[t])
    seat_facts = facts.fact_ids(cols.seat_fact_ids(rows))  # shared by the findings below
    member_labels = _member_labels(facts, ctx.today)
    members = lambda picked: sorted(member_labels[picked].tolist())  # noqa: E731
    everyone = None
    for c in criteria:
        ok, unknown, no_mandate = assess(c, cols, rows, _hits(facts, ctx.today, vocab, c))
        if len(ok):
            continue
        if everyone is None:
            everyone = sorted(set(members(rows)))
        requires = sorted(notation(vocab, str(r)) for r in c.requires_any_of)
        evidence = {"criterion": c.id, "requires_any_of": requires, "present": sorted(where),
                    "members": list(everyone), **extra}
        if len(layers) > 1:
            evidence["structure_tables"] = len(layers)
            evidence["layers"] = {p: sorted(ls) for p, ls in sorted(where.items())}
        key, severity = "default", Severity.parse(c.severity)
        silent = [t for t in layers if t not in by_table]
        if silent and not (len(unknown) or len(no_mandate)):
            # absent from the recorded seats, but some table's members are not recorded: not decidable
            key, severity = "members-unrecorded", None
            evidence["tables_without_members"] = sorted(label(t) for t in silent)
        elif len(unknown):
            key, severity = "not-recorded", None
            evidence["mandate_unknown"] = members(unknown)
        elif len(no_mandate):
            key = "no-mandate"
        if len(no_mandate):
            evidence["without_mandate"] = members(no_mandate)
        fields = {"criterion": c.labels, "requires": ", ".join(requires),
                  "without_mandate": short_list(evidence.get("without_mandate", [])),
                  "unknown_mandate": short_list(evidence.get("mandate_unknown", [])),
                  "theme": extra.get("theme", ""), "scope": scope or table.label,
                  "unrecorded": short_list(evidence.get("tables_without_members", []))}
        out.append(ctx.finding(table.iri, table.label, evidence, key=key, fields=fields, severity=severity,
                               advice=c.advice, regions=regions, illustrative=table.illustrative,
                               facts=FactSet([seat_facts], *layers, c.iri)))
    return out


def _member_labels(facts, today) -> np.ndarray:
    """Per row of :func:`seat_columns`: the label of the seat's member (labels are read from this view of
    the facts: memoised per view)."""
    def build():
        cols = seat_columns(facts, today)
        members, at = np.unique(cols.member, return_inverse=True)
        labels = np.empty(len(members), dtype=object)
        labels[:] = facts.labels(facts.id_array()[members].tolist())
        return labels[at.reshape(-1)]
    return facts.memo(("member-labels", today), build, scoped=True)


def _present(facts, today, vocab):
    """A function table -> the notations of the perspectives its active seats stand for (memoised per
    table)."""
    def build():
        cols, given, done = seat_columns(facts, today), _coverage(facts, today, vocab)[1], {}

        def present(table: str) -> frozenset[str]:
            got = done.get(table)
            if got is None:
                got = done[table] = frozenset(notation(vocab, p) for k in given[table]
                                              for p in cols.perspective_sets[k])
            return got
        return present
    return facts.memo(("perspectives-present", today, vocab), build)


def _scope_text(table, n: int) -> dict[str, str]:
    if n == 1:
        return {"nl": table.label, "en": table.label}
    return {"nl": f"de samenwerkingsstructuur onder {table.label} ({n} tafels)",
            "en": f"the collaboration structure under {table.label} ({n} tables)"}


def score_regional_structure(rows, ctx, vocab) -> list[Finding]:
    """The collaboration structure under each active table marked as a region's collaboration structure
    (or, with ``scope=top``, that table alone) against the IZA criteria."""
    facts, ts, by_table = _prepare(rows, ctx)
    wanted = [c for c in criteria(facts, vocab) if c.regional_structure]
    children = _children(ts)
    out = []
    for t in sorted(ts.values(), key=lambda t: t.iri):
        if not (t.regional_structure and t.in_scope):
            continue
        layers = structure(t.iri, ts, children) if ctx.get("scope", "structure") == "structure" else {t.iri: 1}
        if t.iri not in by_table:  # the regional table itself has no recorded members: nothing to decide
            below = sorted(facts.label(x) for x in layers if x in by_table)
            evidence = {"criteria": sorted(c.id for c in wanted), "members": []}
            if below:
                evidence["tables_with_members"] = below
            out.append(ctx.finding(t.iri, t.label, evidence,
                                   key="no-members", regions={r: facts.label(r) for r in t.spatial},
                                   illustrative=t.illustrative, facts=list(layers)))
            continue
        out.extend(_check(facts, t, layers, by_table, wanted, ctx, vocab, {}, _scope_text(t, len(layers))))
    return out


def score_themes(rows, ctx, vocab) -> list[Finding]:
    """Each active table on a theme against the theme's expectations (tables without members are left
    to ``table-gaps``)."""
    facts, ts, by_table = _prepare(rows, ctx)
    by_theme = defaultdict(list)
    for c in criteria(facts, vocab):
        if c.theme is not None:
            by_theme[c.theme].append(c)
    covered, _, concepts = _coverage(facts, ctx.today, vocab)
    out = []
    for t in sorted(ts.values(), key=lambda t: t.iri):
        if not (t.in_scope and t.iri in by_table):
            continue
        for theme in sorted(t.themes):
            layers = {t.iri: 1}
            unmet = [c for c in by_theme.get(theme, ()) if not _met(c, layers, covered, concepts)]
            if unmet:  # most tables meet their theme's criteria: only the others are assessed seat by seat
                out.extend(_check(facts, t, layers, by_table, unmet, ctx, vocab, {"theme": notation(vocab, theme)}))
    return out
