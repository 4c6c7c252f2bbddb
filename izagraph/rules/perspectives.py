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

from ..findings import Finding, Severity
from .facts import (Facts, active_seats_by_table, active_tables, broader, facts_of, mandate, notation, seat_facts,
                    short_list)


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


def has_mandate(seat) -> bool:
    """Whether a seat counts for a criterion that needs a mandate: only a recorded "ja" (see
    :func:`izagraph.rules.facts.mandate`, the one definition every rule uses)."""
    return mandate(seat) is True


def _closure(seat, vocab) -> frozenset[str]:
    out: set[str] = set()
    for p in seat.seat_perspectives():
        out |= broader(vocab, p)
    return frozenset(out)


def assess(criterion, table_seats, vocab) -> tuple[list, list, list]:
    """(seats that satisfy the criterion, seats of the right perspective whose mandate is unknown, seats of
    the right perspective with a mandate recorded as not given)."""
    required = {str(c) for c in criterion.requires_any_of}
    ok, unknown, no_mandate = [], [], []
    for seat in table_seats:
        if not _closure(seat, vocab) & required:
            continue
        state = mandate(seat) if criterion.requires_mandate else True
        (ok if state is True else unknown if state is None else no_mandate).append(seat)
    return ok, unknown, no_mandate


def _prepare(rows, ctx):
    """Facts, the active tables, and the active seats per active table (peildatum: ``ctx.today``)."""
    facts = facts_of(rows)
    return facts, active_tables(facts, ctx.today), active_seats_by_table(facts, ctx.today)


def coverage(facts, today, vocab) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per active table with active seats: the perspectives its seats stand for (with everything broader),
    and those of its seats with a recorded mandate. A criterion is met in a set of tables exactly when
    its perspectives meet the union of these (the mandated ones when it needs a mandate), so only the
    criteria that are not met are assessed seat by seat. Built once per facts and day."""
    def build():
        out, closures = {}, {}
        for table, table_seats in active_seats_by_table(facts, today).items():
            every, mandated = set(), set()
            kinds = {(s.seat_perspectives(), s.mandate): s for s in table_seats}  # seats alike count alike
            for (given, _), seat in kinds.items():
                closure = closures.get(given)
                if closure is None:
                    closure = closures[given] = _closure(seat, vocab)
                every |= closure
                if has_mandate(seat):
                    mandated |= closure
            out[table] = (frozenset(every), frozenset(mandated))
        return out

    return facts.memo(("perspective-coverage", today, vocab), build)


def _met(criterion, layers, covered) -> bool:
    required = {str(r) for r in criterion.requires_any_of}
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
    covered = coverage(facts, ctx.today, vocab)
    criteria = [c for c in criteria if not _met(c, layers, covered)]
    if not criteria:
        return []
    out = []
    regions = {r: facts.label(r) for r in table.spatial}
    all_seats = [s for t in sorted(layers) for s in by_table.get(t, ())]
    where: dict[str, set] = defaultdict(set)
    for s in all_seats:
        for p in s.seat_perspectives():
            where[notation(vocab, p)].add(layers[s.table])
    base = [*layers, *seat_facts(facts, all_seats)]
    for c in criteria:
        ok, unknown, no_mandate = assess(c, all_seats, vocab)
        if ok:
            continue
        requires = sorted(notation(vocab, str(r)) for r in c.requires_any_of)
        evidence = {"criterion": c.id, "requires_any_of": requires, "present": sorted(where),
                    "members": sorted({facts.label(s.member) for s in all_seats}), **extra}
        if len(layers) > 1:
            evidence["structure_tables"] = len(layers)
            evidence["layers"] = {p: sorted(ls) for p, ls in sorted(where.items())}
        key, severity = "default", Severity.parse(c.severity)
        silent = [t for t in layers if not by_table.get(t)]
        if silent and not (unknown or no_mandate):
            # absent from the recorded seats, but some table's members are not recorded: not decidable
            key, severity = "members-unrecorded", None
            evidence["tables_without_members"] = sorted(facts.label(t) for t in silent)
        elif unknown:
            key, severity = "not-recorded", None
            evidence["mandate_unknown"] = sorted(facts.label(s.member) for s in unknown)
        elif no_mandate:
            key = "no-mandate"
        if no_mandate:
            evidence["without_mandate"] = sorted(facts.label(s.member) for s in no_mandate)
        fields = {"criterion": c.labels, "requires": ", ".join(requires),
                  "without_mandate": short_list(evidence.get("without_mandate", [])),
                  "unknown_mandate": short_list(evidence.get("mandate_unknown", [])),
                  "theme": extra.get("theme", ""), "scope": scope or table.label,
                  "unrecorded": short_list(evidence.get("tables_without_members", []))}
        out.append(ctx.finding(table.iri, table.label, evidence, key=key, fields=fields, severity=severity,
                               advice=c.advice, regions=regions, illustrative=table.illustrative,
                               facts=[*base, c.iri]))
    return out


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
        if not by_table.get(t.iri):  # the regional table itself has no recorded members: nothing to decide
            below = sorted(facts.label(x) for x in layers if by_table.get(x))
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
    out = []
    for t in sorted(ts.values(), key=lambda t: t.iri):
        if not (t.in_scope and by_table.get(t.iri)):
            continue
        for theme in sorted(t.themes):
            if theme in by_theme:
                out.extend(_check(facts, t, {t.iri: 1}, by_table, by_theme[theme], ctx, vocab,
                                  {"theme": notation(vocab, theme)}))
    return out
