"""Bestuurlijke drukte: how many seats, tables, programmes, regions and meetings land on one
organisation, one person, one gemeente (through the territory of the tables) and one region.

Only active tables and active seats count (no end date, or one on or after ``today``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..findings import Finding, Severity
from .facts import Facts, depth, notation, seat_facts, seats, short_list, table_facts, tables

MEMBER_LIMITS = (("tables", "max_tables"), ("programmes", "max_programmes"), ("regions", "max_regions"),
                 ("meetings_per_year", "max_meetings_per_year"))


def _active(rows, ctx):
    facts = Facts(rows)
    today = ctx.today
    active = {i: t for i, t in tables(facts).items() if t.active(today)}
    active_seats = [s for s in seats(facts) if s.table in active and s.active(today)]
    return facts, active, active_seats


def _exceeded(measures: dict, limits, ctx) -> tuple[list[str], bool]:
    """The measures above their threshold, and whether any is at least twice its threshold."""
    over, double = [], False
    for measure, param in limits:
        limit, value = ctx.get(param), measures.get(measure)
        if limit is None or value is None or value <= limit:
            continue
        over.append(measure)
        double = double or value >= 2 * limit
    return over, double


def _members(groups: dict, facts: Facts, ts: dict, ctx, vocab, kind: str) -> list[Finding]:
    out = []
    for member in sorted(groups):
        member_seats = groups[member]
        if not any(ts[s.table].in_scope for s in member_seats):
            continue
        tabs = sorted({s.table for s in member_seats}, key=lambda t: (facts.label(t), t))
        programmes = sorted({notation(vocab, p) for t in tabs for p in ts[t].programmes})
        regions = {r: facts.label(r) for t in tabs for r in ts[t].spatial}
        known = [ts[t].meetings for t in tabs if ts[t].meetings is not None]
        measures = {"seats": len(member_seats), "tables": len(tabs), "programmes": len(programmes),
                    "regions": len(regions), "meetings_per_year": sum(known) if known else None}
        over, double = _exceeded(measures, MEMBER_LIMITS, ctx)
        if not over:
            continue
        evidence = {**measures, "meetings_known_for": len(known), "exceeded": over,
                    "table_list": [facts.label(t) for t in tabs], "programme_list": programmes,
                    "region_list": sorted(regions.values())}
        if kind == "organisation":
            evidence["via_persons"] = sorted({facts.label(s.member) for s in member_seats if s.member_kind == "person"})
        fields = {**{p: ctx.get(p) for _, p in MEMBER_LIMITS}, **measures,
                  "meetings": "?" if measures["meetings_per_year"] is None else f"{measures['meetings_per_year']:g}",
                  "table_names": short_list(evidence["table_list"]), "programme_names": ", ".join(programmes)}
        out.append(ctx.finding(
            member, facts.label(member), evidence, fields=fields, severity=Severity.HIGH if double else None,
            regions=regions, illustrative=any(s.illustrative or ts[s.table].illustrative for s in member_seats),
            facts=[member, *tabs, *seat_facts(facts, member_seats)]))
    return out


def score_organisations(rows, ctx, vocab) -> list[Finding]:
    """Organisations (and gemeenten) with too many seats: their own, plus those of a person who sits on
    behalf of that one organisation."""
    facts, ts, active_seats = _active(rows, ctx)
    groups = defaultdict(list)
    for s in active_seats:
        for org in s.organisations():
            groups[org].append(s)
    return _members(groups, facts, ts, ctx, vocab, "organisation")


def score_persons(rows, ctx, vocab) -> list[Finding]:
    """Persons with too many seats."""
    facts, ts, active_seats = _active(rows, ctx)
    groups = defaultdict(list)
    for s in active_seats:
        if s.member_kind == "person":
            groups[s.member].append(s)
    return _members(groups, facts, ts, ctx, vocab, "person")


def score_gemeenten(rows, ctx, vocab) -> list[Finding]:
    """Gemeenten covered by many active tables (through the tables' territory), from many programmes."""
    facts, ts, _ = _active(rows, ctx)
    in_scope = set(facts.subjects("gemeente-in-scope"))
    cover = defaultdict(set)
    for t in ts.values():
        if t.in_scope:
            for g in t.gemeenten:
                cover[g].add(t.iri)
    out = []
    for g in sorted(cover):
        if g not in in_scope:
            continue
        tabs = sorted(cover[g], key=lambda t: (facts.label(t), t))
        per_programme = Counter(notation(vocab, p) for t in tabs for p in ts[t].programmes)
        measures = {"tables": len(tabs), "programmes": len(per_programme)}
        over, double = _exceeded(measures, (("tables", "max_tables"), ("programmes", "max_programmes")), ctx)
        if not over:
            continue
        regions = {r: facts.label(r) for t in tabs for r in ts[t].spatial}
        evidence = {**measures, "exceeded": over, "table_list": [facts.label(t) for t in tabs],
                    "per_programme": dict(per_programme)}
        fields = {**measures, "max_tables": ctx["max_tables"], "max_programmes": ctx["max_programmes"],
                  "programme_names": ", ".join(f"{p} {n}" for p, n in sorted(per_programme.items()))}
        out.append(ctx.finding(g, facts.label(g), evidence, fields=fields,
                               severity=Severity.HIGH if double else None, regions=regions,
                               illustrative=any(ts[t].illustrative for t in tabs),
                               facts=[g, *(x for t in tabs for x in table_facts(ts[t]))]))
    return out


def score_regions(rows, ctx, vocab) -> list[Finding]:
    """Regions with many active tables, many layers of tables, or large tables."""
    facts, ts, active_seats = _active(rows, ctx)
    parents = {t.iri: t.parent for t in tables(facts).values()}
    seat_count = Counter(s.table for s in active_seats)
    by_region = defaultdict(set)
    for t in ts.values():
        if t.in_scope:
            for r in t.spatial:
                by_region[r].add(t.iri)
    out = []
    for r in sorted(by_region):
        if ctx.get("region") and r != ctx["region"]:
            continue
        tabs = sorted(by_region[r], key=lambda t: (facts.label(t), t))
        layers = max(depth(t, parents) for t in tabs)
        mean = sum(seat_count[t] for t in tabs) / len(tabs)
        measures = {"tables": len(tabs), "layers": layers, "seats_per_table": round(mean, 2)}
        over, double = _exceeded(measures, (("tables", "max_tables"), ("layers", "max_layers"),
                                            ("seats_per_table", "max_seats_per_table")), ctx)
        if not over:
            continue
        largest = sorted(tabs, key=lambda t: (-seat_count[t], facts.label(t)))[:3]
        evidence = {**measures, "exceeded": over, "table_list": [facts.label(t) for t in tabs],
                    "largest_tables": {facts.label(t): seat_count[t] for t in largest}}
        fields = {**measures, "max_tables": ctx["max_tables"], "max_layers": ctx["max_layers"],
                  "max_seats_per_table": ctx["max_seats_per_table"], "seats_per_table": f"{mean:.1f}"}
        out.append(ctx.finding(r, facts.label(r), evidence, fields=fields,
                               severity=Severity.HIGH if double else None, regions={r: facts.label(r)},
                               illustrative=any(ts[t].illustrative for t in tabs),
                               facts=[*tabs, *(s.iri for s in active_seats if s.table in by_region[r])]))
    return out
