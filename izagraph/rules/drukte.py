"""Bestuurlijke drukte: how many seats, tables, programmes, regions and meetings land on one
organisation, one person, one gemeente (through the territory of the tables) and one region.

Only active tables and active seats count (no end date, or one on or after ``today``).

Two modes. **Absolute** (default): a measure above its threshold (``max_*``) is reported; the
thresholds are choices, each with its reasoning in the query header and ``docs/rules.md``.
**Relative** (``percentile`` = P): each threshold becomes the P-th percentile (nearest rank) of that
measure over every organisation, person, gemeente or region in the loaded data (not only those in a
filter), so a finding says "in the top (100 - P)% of the country", without trusting a fixed number.

Regions are counted per division: an organisation at a table of IZA Noord, one of Zorgkantoor Noord
and one of ROAZ Noord works in one region of each of three divisions, not in three regions. Subregions
count as their region. The measure ``regions`` is the largest count in any one division; the
evidence gives the count per division.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ..findings import Finding, Severity
from .facts import Facts, facts_of, depth, notation, seat_facts, seats, short_list, table_facts, tables

MEMBER_LIMITS = (("tables", "max_tables"), ("programmes", "max_programmes"), ("regions", "max_regions"),
                 ("meetings_per_year", "max_meetings_per_year"))


def _active(rows, ctx):
    facts = facts_of(rows)
    today = ctx.today
    active = {i: t for i, t in tables(facts).items() if t.active(today)}
    active_seats = [s for s in seats(facts) if s.table in active and s.active(today)]
    return facts, active, active_seats


def _exceeded(measures: dict, limits, thresholds: dict) -> tuple[list[str], bool]:
    """The measures above their threshold, and whether any is at least twice a positive threshold."""
    over, double = [], False
    for measure, param in limits:
        limit, value = thresholds.get(param), measures.get(measure)
        if limit is None or value is None or value <= limit:
            continue
        over.append(measure)
        double = double or (limit > 0 and value >= 2 * limit)
    return over, double


def nearest_rank(values, percentile: float):
    """The ``percentile``-th percentile by nearest rank: the smallest value with at least that share of
    the values at or below it (None for no values).

    >>> nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), nearest_rank([5], 90), nearest_rank([], 90)
    (9, 5, None)
    """
    values = sorted(values)
    if not values:
        return None
    rank = max(1, math.ceil(percentile / 100 * len(values)))
    return values[rank - 1]


def thresholds(population: dict[str, dict], limits, ctx) -> tuple[dict, dict]:
    """The threshold per parameter, and what the finding says about the mode.

    Absolute: the ``max_*`` parameters. Relative (``percentile`` set): the percentile of each measure
    over ``population`` (subject -> its measures; unknown values left out)."""
    p = ctx.get("percentile")
    if p is None:
        return {param: ctx.get(param) for _, param in limits}, {"mode": "absolute"}
    out = {param: nearest_rank([m[measure] for m in population.values() if m.get(measure) is not None], p)
           for measure, param in limits}
    return out, {"mode": "relative", "percentile": p, "population": len(population),
                 "thresholds": {param: out[param] for _, param in limits}}


def _mode_fields(mode: dict) -> dict:
    if mode["mode"] == "absolute":
        return {}
    p = mode["percentile"]
    return {"percentile": f"{p:g}", "share": f"{100 - p:g}", "population": mode["population"]}


def _key(mode: dict) -> str:
    return "relative" if mode["mode"] == "relative" else "default"


def region_counts(region_iris, facts) -> dict[str, int]:
    """Per division, the number of distinct regions (a subregion counts as the region it is part of).

    >>> from izagraph.rules.facts import Facts
    >>> f = Facts([{"s": "r1", "fact": "division", "o": "iza"}, {"s": "r2", "fact": "division", "o": "iza"},
    ...            {"s": "r1a", "fact": "division", "o": "iza-subregio"},
    ...            {"s": "r1a", "fact": "region-parent", "o": "r1"}, {"s": "z", "fact": "division", "o": "zk"}])
    >>> region_counts(["r1", "r1a", "r2", "z"], f)
    {'iza': 2, 'zk': 1}
    """
    tops: dict[str, set] = defaultdict(set)
    for r in region_iris:
        top, seen = r, set()
        while facts.one(top, "region-parent") and top not in seen:
            seen.add(top)
            top = facts.one(top, "region-parent")
        division = facts.one(top, "division") or ""
        tops[division].add(top)
    return {d: len(rs) for d, rs in sorted(tops.items())}


def _member_measures(member_seats, facts, ts, vocab):
    tabs = sorted({s.table for s in member_seats}, key=lambda t: (facts.label(t), t))
    programmes = sorted({notation(vocab, p) for t in tabs for p in ts[t].programmes})
    regions = {r: facts.label(r) for t in tabs for r in ts[t].spatial}
    per_division = region_counts(regions, facts)
    known = [ts[t].meetings for t in tabs if ts[t].meetings is not None]
    measures = {"seats": len(member_seats), "tables": len(tabs), "programmes": len(programmes),
                "regions": max(per_division.values(), default=0),
                "meetings_per_year": sum(known) if known else None}
    return tabs, programmes, regions, per_division, known, measures


def _members(groups: dict, facts: Facts, ts: dict, ctx, vocab, kind: str) -> list[Finding]:
    out = []
    measured = {m: _member_measures(groups[m], facts, ts, vocab) for m in sorted(groups)}
    limits, mode = thresholds({m: v[-1] for m, v in measured.items()}, MEMBER_LIMITS, ctx)
    for member in sorted(groups):
        member_seats = groups[member]
        if not any(ts[s.table].in_scope for s in member_seats):
            continue
        tabs, programmes, regions, per_division, known, measures = measured[member]
        over, double = _exceeded(measures, MEMBER_LIMITS, limits)
        if not over:
            continue
        evidence = {**measures, "meetings_known_for": len(known), "exceeded": over,
                    "table_list": [facts.label(t) for t in tabs], "programme_list": programmes,
                    "region_list": sorted(regions.values()),
                    "regions_per_division": {notation(vocab, d) if d else "": n for d, n in per_division.items()},
                    **mode}
        if kind == "organisation":
            evidence["via_persons"] = sorted({facts.label(s.member) for s in member_seats if s.member_kind == "person"})
        fields = {**{p: _shown(limits[p]) for _, p in MEMBER_LIMITS}, **measures, **_mode_fields(mode),
                  "meetings": "?" if measures["meetings_per_year"] is None else f"{measures['meetings_per_year']:g}",
                  "table_names": short_list(evidence["table_list"]), "programme_names": ", ".join(programmes)}
        out.append(ctx.finding(
            member, facts.label(member), evidence, key=_key(mode), fields=fields,
            severity=Severity.HIGH if double else None,
            regions=regions, illustrative=any(s.illustrative or ts[s.table].illustrative for s in member_seats),
            facts=[member, *tabs, *seat_facts(facts, member_seats)]))
    return out


def _shown(limit):
    return "-" if limit is None else limit


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
    cover, cover_all = defaultdict(set), defaultdict(set)
    for t in ts.values():
        for g in t.gemeenten:
            cover_all[g].add(t.iri)
            if t.in_scope:
                cover[g].add(t.iri)
    gm_limits = (("tables", "max_tables"), ("programmes", "max_programmes"))

    def measure(tabs):
        per_programme = Counter(notation(vocab, p) for t in tabs for p in ts[t].programmes)
        return per_programme, {"tables": len(tabs), "programmes": len(per_programme)}

    limits, mode = thresholds({g: measure(tabs)[1] for g, tabs in cover_all.items()}, gm_limits, ctx)
    out = []
    for g in sorted(cover):
        if g not in in_scope:
            continue
        tabs = sorted(cover[g], key=lambda t: (facts.label(t), t))
        per_programme, measures = measure(tabs)
        over, double = _exceeded(measures, gm_limits, limits)
        if not over:
            continue
        regions = {r: facts.label(r) for t in tabs for r in ts[t].spatial}
        evidence = {**measures, "exceeded": over, "table_list": [facts.label(t) for t in tabs],
                    "per_programme": dict(per_programme), **mode}
        fields = {**measures, "max_tables": _shown(limits["max_tables"]),
                  "max_programmes": _shown(limits["max_programmes"]), **_mode_fields(mode),
                  "programme_names": ", ".join(f"{p} {n}" for p, n in sorted(per_programme.items()))}
        out.append(ctx.finding(g, facts.label(g), evidence, key=_key(mode), fields=fields,
                               severity=Severity.HIGH if double else None, regions=regions,
                               illustrative=any(ts[t].illustrative for t in tabs), facts=[g, *(x for t in tabs for x in table_facts(ts[t]))]))
    return out


REGION_LIMITS = (("tables", "max_tables"), ("layers", "max_layers"), ("seats_per_table", "max_seats_per_table"))


def _within(region: str, facts: Facts) -> list[str]:
    """The region and every region above it (a subregion's tables belong to its region too)."""
    out, r = [region], region
    while facts.one(r, "region-parent") and facts.one(r, "region-parent") not in out:
        r = facts.one(r, "region-parent")
        out.append(r)
    return out


def score_regions(rows, ctx, vocab) -> list[Finding]:
    """Regions with many active tables, many layers of tables, or large tables.

    A region counts the active tables of its own and of its subregions. Layers are counted along active
    tables only: an ended parent is no layer. With a region filter, the region and its subregions are
    reported (each with its own count)."""
    facts, ts, active_seats = _active(rows, ctx)
    parents = {t.iri: (t.parent if t.parent in ts else None) for t in ts.values()}
    seat_count = Counter(s.table for s in active_seats)
    by_region, in_scope = defaultdict(set), defaultdict(bool)
    for t in ts.values():
        for own in t.spatial:
            for r in _within(own, facts):
                by_region[r].add(t.iri)
                in_scope[r] = in_scope[r] or t.in_scope

    def measure(tabs):
        mean = sum(seat_count[t] for t in tabs) / len(tabs)
        return {"tables": len(tabs), "layers": max(depth(t, parents) for t in tabs),
                "seats_per_table": round(mean, 2)}

    measured = {r: measure(tabs) for r, tabs in by_region.items()}
    limits, mode = thresholds(measured, REGION_LIMITS, ctx)
    chosen = ctx.get("region")
    # a region whose tables are exactly those of one of its subregions says nothing new: report the subregion
    same_as_sub = {p for x in by_region for p in _within(x, facts)[1:] if by_region.get(p) == by_region[x]}
    out = []
    for r in sorted(by_region):
        if chosen and chosen not in _within(r, facts) or not in_scope[r] or r in same_as_sub:
            continue
        tabs = sorted(by_region[r], key=lambda t: (facts.label(t), t))
        measures = measured[r]
        over, double = _exceeded(measures, REGION_LIMITS, limits)
        if not over:
            continue
        largest = sorted(tabs, key=lambda t: (-seat_count[t], facts.label(t)))[:3]
        subregions = sorted(facts.label(x) for t in tabs for x in ts[t].spatial if x != r)
        evidence = {**measures, "exceeded": over, "table_list": [facts.label(t) for t in tabs],
                    "largest_tables": {facts.label(t): seat_count[t] for t in largest},
                    "subregions": sorted(set(subregions)), **mode}
        fields = {**measures, **{p: _shown(limits[p]) for _, p in REGION_LIMITS}, **_mode_fields(mode),
                  "seats_per_table": f"{measures['seats_per_table']:.1f}"}
        out.append(ctx.finding(r, facts.label(r), evidence, key=_key(mode), fields=fields,
                               severity=Severity.HIGH if double else None, regions={r: facts.label(r)},
                               illustrative=any(ts[t].illustrative for t in tabs),
                               facts=[*tabs, *(s.iri for s in active_seats if s.table in by_region[r])]))
    return out
