"""Governance gaps beyond membership: what a table, a region's structure or a gemeente seat leaves
unrecorded or unarranged.

Messages say "not recorded" on purpose: izagraph only knows what its sources record, and a gap in the
data is worth closing as much as a gap in the governance.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ..findings import Finding
from ..namespaces import concept
from ..perf import sorted_unique
from .facts import (active_tables, broader, facts_of, is_active, mandate, notation, seat_columns, seat_facts,
                    short_list, table_facts)


def score_tables(rows, ctx, vocab) -> list[Finding]:
    """Per active table: no chair type, no decision rule, no members, no theme (for the kinds that work
    on a theme), no parent (for the kinds that report to another table)."""
    facts = facts_of(rows)
    today = ctx.today
    seated = seat_columns(facts, today, everywhere=True).by_table()  # tables with an active seat
    checks = set(ctx["gaps"])
    out = []
    for t in sorted(active_tables(facts, today).values(), key=lambda t: t.iri):
        if not t.in_scope:
            continue
        kind = notation(vocab, t.kind) if t.kind else None
        found = []
        if "chair" in checks and not facts.has(t.iri, "chair"):
            found.append("no-chair")
        if "decision-rule" in checks and not facts.has(t.iri, "decision"):
            found.append("no-decision-rule")
        if "members" in checks and t.iri not in seated:
            found.append("no-members")
        if "theme" in checks and kind in ctx["theme_kinds"] and not t.themes:
            found.append("no-theme")
        if "parent" in checks and kind in ctx["parent_kinds"] and not t.parent:
            found.append("no-parent")
        for gap in found:
            out.append(ctx.finding(t.iri, t.label, {"gap": gap, "kind": kind}, key=gap, fields={"kind": kind},
                                   regions={r: facts.label(r) for r in t.spatial}, illustrative=t.illustrative,
                                   facts=[t.iri]))
    return out


def _ancestors(region: str, parents: dict) -> set[str]:
    out, r = set(), region
    while r and r not in out:
        out.add(r)
        r = parents.get(r)
    return out


def _tasks(facts, table: str, vocab) -> set[str]:
    """The tasks a table states it carries itself (scheme ``task``): a stuurgroep that monitors is the
    structure's monitoring body, one that keeps the werkagenda is its werkagenda."""
    return {notation(vocab, t) for t in facts.get(table, "task")}


def score_structures(rows, ctx, vocab) -> list[Finding]:
    """Per active regional-structure table: is there a monitoring or evaluation body in its structure,
    and a werkagenda (the PDCA of the regional plan) for its region or steered by its structure?"""
    facts = facts_of(rows)
    today = ctx.today
    active = active_tables(facts, today)
    children = defaultdict(set)
    for t in active.values():
        if t.parent:
            children[t.parent].add(t.iri)
    region_parent = {r: facts.one(r, "region-parent") for r in facts.subjects("region-parent")}
    monitoring_kinds, monitoring_themes = set(ctx["monitoring_kinds"]), set(ctx["monitoring_themes"])
    plans = [p for p in facts.subjects("plan-kind")
             if {notation(vocab, k) for k in facts.get(p, "plan-kind")} & set(ctx["plan_kinds"])
             and is_active((), today, facts.get(p, "start"))]
    out = []
    for top in sorted(active.values(), key=lambda t: t.iri):
        if not (top.regional_structure and top.in_scope):
            continue
        structure, todo = set(), [top.iri]
        while todo:
            t = todo.pop()
            if t not in structure:
                structure.add(t)
                todo.extend(children.get(t, ()))
        bodies = sorted(facts.label(t) for t in structure
                        if notation(vocab, active[t].kind) in monitoring_kinds
                        or {notation(vocab, th) for th in active[t].themes} & monitoring_themes
                        or "monitoring" in _tasks(facts, t, vocab))
        places = set().union(*(_ancestors(r, region_parent) for r in top.spatial)) if top.spatial else set()
        agendas = sorted([facts.label(p) for p in plans
                          if facts.get(p, "for-region") & places or facts.get(p, "steered-by") & structure]
                         + [facts.label(t) for t in structure if "werkagenda" in _tasks(facts, t, vocab)])
        regions = {r: facts.label(r) for r in top.spatial}
        evidence = {"structure_tables": len(structure), "monitoring_bodies": bodies, "werkagenda": agendas}
        for gap, missing in (("no-monitoring", not bodies), ("no-werkagenda", not agendas)):
            if missing:
                out.append(ctx.finding(top.iri, top.label, {"gap": gap, **evidence}, key=gap,
                                       fields={"n": len(structure)}, regions=regions, illustrative=top.illustrative,
                                       facts=[*structure, *(p for p in plans if facts.label(p) in agendas)]))
    return out


def score_mandates(rows, ctx, vocab) -> list[Finding]:
    """Seats that represent gemeenten without a recorded mandate, where representation is at play: the
    seat speaks for gemeenten, or the table's territory has gemeenten that have no seat of their own."""
    facts = facts_of(rows)
    today = ctx.today
    ts = {i: t for i, t in active_tables(facts, today).items() if t.in_scope}
    by_table = facts.memo(("mandate-seats", today, vocab), lambda: _without_mandate(facts, today, vocab))
    out = []
    for table_iri in sorted(by_table):
        if table_iri not in ts:
            continue
        t = ts[table_iri]
        cols, rows, chosen = by_table[table_iri]
        table_seats, candidates = cols.seats(rows), cols.seats(chosen)
        seated = {s.member for s in table_seats if s.member_kind == "gemeente"}
        seated |= {g for s in table_seats for g in s.behalf_gemeenten}
        unseated = t.gemeenten - seated
        for s in candidates:
            state = mandate(s)
            if not (s.behalf_gemeenten or unseated):
                continue
            key = "mandate-no" if state is False else "mandate-unknown"
            evidence = {"member": facts.label(s.member), "table": t.label, "mandate": state,
                        "on_behalf_of": sorted(facts.label(g) for g in s.behalf),
                        "territory_gemeenten_without_own_seat": len(unseated)}
            fields = {"member": facts.label(s.member), "table": t.label,
                      "behalf": short_list(evidence["on_behalf_of"]) or "-", "unseated": len(unseated)}
            rests_on = [*seat_facts(facts, [s]), *(table_facts(t) if unseated else [t.iri])]
            if unseated:  # who has a seat of their own is known only from all seats at the table
                rests_on += seat_facts(facts, table_seats)
            out.append(ctx.finding(s.iri, f"{facts.label(s.member)} @ {t.label}", evidence, key=key,
                                   fields=fields,
                                   regions={r: facts.label(r) for r in t.spatial},
                                   illustrative=s.illustrative or t.illustrative, facts=rests_on))
    return out


def _without_mandate(facts, today, vocab) -> dict[str, tuple]:
    """Per active table that has one: the seat columns, the rows of its active seats, and those of them
    that speak for the gemeenten perspective without a mandate recorded as given (the seats themselves
    are built only for the tables a finding reports)."""
    gemeenten_perspective = str(concept("perspective", "gemeenten"))
    cols = seat_columns(facts, today)
    speaks = np.array([any(gemeenten_perspective in broader(vocab, p) for p in ps) for ps in cols.perspective_sets],
                      dtype=bool)  # per distinct set of perspectives (a few dozen), not per seat
    candidate = speaks[cols.perspectives] & (cols.mandate != 1)
    at, out = cols.by_table(), {}
    for table in (cols.names[t] for t in sorted_unique(cols.table[candidate]).tolist()):
        rows = at[table]
        out[table] = (cols, rows, rows[candidate[rows]])
    return out
