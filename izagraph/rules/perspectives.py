"""Missing perspectives: the IZA criteria for a region's collaboration structure, and the theme
expectations, checked against who actually sits at the table.

The criteria are data (``ontology/criteria.ttl``, or criteria loaded with the data), read from the graph by
the rule's query, so every backend sees the same ones: which
perspectives satisfy a criterion (``izg:requiresAnyOf``; a finer sector counts for every broader
perspective, following ``skos:broader``), whether the seat needs a mandate, the severity of a miss and
the lesson to suggest. A seat's perspective is the one given for the membership, else the member's
sector, else (a person) the sector of the organisation the seat speaks for. A seat that needs a mandate
has one when ``izg:mandate`` is true, or when it is not recorded and the seat names the gemeenten it
speaks for; an explicit "no" is no mandate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..findings import Finding, Severity
from .facts import Facts, broader, notation, seats, short_list, tables


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
    return seat.mandate is True or (seat.mandate is None and bool(seat.behalf_gemeenten))


def _closure(seat, vocab) -> frozenset[str]:
    out: set[str] = set()
    for p in seat.seat_perspectives():
        out |= broader(vocab, p)
    return frozenset(out)


def assess(criterion, table_seats, vocab) -> tuple[list, list]:
    """(seats that satisfy the criterion, seats of the right perspective that lack the mandate)."""
    required = {str(c) for c in criterion.requires_any_of}
    ok, no_mandate = [], []
    for seat in table_seats:
        if not _closure(seat, vocab) & required:
            continue
        if criterion.requires_mandate and not has_mandate(seat):
            no_mandate.append(seat)
        else:
            ok.append(seat)
    return ok, no_mandate


def _prepare(rows, ctx):
    facts = Facts(rows)
    today = ctx.today
    ts = {i: t for i, t in tables(facts).items() if t.active(today) and t.in_scope}
    by_table = defaultdict(list)
    for s in seats(facts):
        if s.table in ts and s.active(today):
            by_table[s.table].append(s)
    return facts, ts, by_table


def _present(table_seats, vocab) -> list[str]:
    return sorted({notation(vocab, p) for s in table_seats for p in s.seat_perspectives()})


def _check(facts, table, table_seats, criteria, ctx, vocab, extra: dict) -> list[Finding]:
    out = []
    regions = {r: facts.label(r) for r in table.spatial}
    for c in criteria:
        ok, no_mandate = assess(c, table_seats, vocab)
        if ok:
            continue
        requires = sorted(notation(vocab, str(r)) for r in c.requires_any_of)
        evidence = {"criterion": c.id, "requires_any_of": requires, "present": _present(table_seats, vocab),
                    "members": sorted(facts.label(s.member) for s in table_seats), **extra}
        key = "default"
        if no_mandate:
            key = "no-mandate"
            evidence["without_mandate"] = sorted(facts.label(s.member) for s in no_mandate)
        fields = {"criterion": c.labels, "requires": ", ".join(requires),
                  "without_mandate": short_list(evidence.get("without_mandate", [])),
                  "theme": extra.get("theme", "")}
        out.append(ctx.finding(table.iri, table.label, evidence, key=key, fields=fields,
                               severity=Severity.parse(c.severity), advice=c.advice, regions=regions,
                               illustrative=table.illustrative or any(s.illustrative for s in table_seats)))
    return out


def score_regional_structure(rows, ctx, vocab) -> list[Finding]:
    """Each active table marked as a region's collaboration structure against the IZA criteria."""
    facts, ts, by_table = _prepare(rows, ctx)
    wanted = [c for c in criteria(facts, vocab) if c.regional_structure]
    out = []
    for t in sorted(ts.values(), key=lambda t: t.iri):
        if not t.regional_structure:
            continue
        if not by_table.get(t.iri):
            out.append(ctx.finding(t.iri, t.label, {"criteria": sorted(c.id for c in wanted), "members": []},
                                   key="no-members", regions={r: facts.label(r) for r in t.spatial},
                                   illustrative=t.illustrative))
            continue
        out.extend(_check(facts, t, by_table[t.iri], wanted, ctx, vocab, {}))
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
        if not by_table.get(t.iri):
            continue
        for theme in sorted(t.themes):
            if theme in by_theme:
                out.extend(_check(facts, t, by_table[t.iri], by_theme[theme], ctx, vocab,
                                  {"theme": notation(vocab, theme)}))
    return out
