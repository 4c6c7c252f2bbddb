"""Duplicated structures: near-identical tables, subset tables, and "en-en" (an old table kept beside
the new one that took over its scope).

The query only extracts the incidence (table -> members, themes, gemeenten, dates); the pairs come from
:func:`izagraph.rules.pairs.shared_counts`, an inverted index over the member sets, so only tables that
share at least one member are ever compared. Parent and child tables are never a duplicate pair: a
child made of its parent's members is a design choice, not a second structure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding, Severity
from .facts import Facts, notation, pair_facts, pct, seats, short_list, start_key, tables
from .pairs import containment, jaccard, overlap_coefficient, shared_counts


@dataclass(frozen=True)
class Incidence:
    facts: Facts
    tables: dict            # iri -> Table (active tables only)
    members: dict           # iri -> frozenset of member IRIs (active seats)
    persons: dict           # iri -> frozenset of person IRIs


def incidence(rows, ctx) -> Incidence:
    facts = Facts(rows)
    today = ctx.today
    ts = {i: t for i, t in tables(facts).items() if t.active(today)}
    members: dict[str, set] = {i: set() for i in ts}
    persons: dict[str, set] = {i: set() for i in ts}
    for s in seats(facts):
        if s.table in ts and s.active(today):
            members[s.table].add(s.member)
            if s.member_kind == "person":
                persons[s.table].add(s.member)
    return Incidence(facts, ts, {k: frozenset(v) for k, v in members.items()},
                     {k: frozenset(v) for k, v in persons.items()})


def _related(a, b) -> bool:
    return a.parent == b.iri or b.parent == a.iri


def _older_newer(a, b):
    """(older, newer) by start date; ties and unknown dates by IRI, so the order is stable."""
    ka, kb = start_key(a.start) or "9999", start_key(b.start) or "9999"
    return (a, b) if (ka, a.iri) <= (kb, b.iri) else (b, a)


def _labels(facts, iris) -> list[str]:
    return sorted(facts.label(i) for i in iris)


def _regions(facts, *ts) -> dict[str, str]:
    return {r: facts.label(r) for t in ts for r in t.spatial}


def score_duplicates(rows, ctx, vocab) -> list[Finding]:
    """Pairs of active tables with a shared theme, overlapping territory and largely the same members."""
    inc = incidence(rows, ctx)
    facts, ts, members = inc.facts, inc.tables, inc.members
    out = []
    for (a_iri, b_iri), shared in shared_counts({t: m for t, m in members.items() if m}).items():
        a, b = ts[a_iri], ts[b_iri]
        if not (a.in_scope or b.in_scope) or _related(a, b):
            continue
        j = jaccard(members[a_iri], members[b_iri], shared)
        themes = a.themes & b.themes
        if j < ctx["min_jaccard"] or len(themes) < ctx["min_shared_themes"]:
            continue
        if a.gemeenten and b.gemeenten:
            territory = overlap_coefficient(a.gemeenten, b.gemeenten)
            if territory < ctx["min_territory"]:
                continue
        elif a.spatial and a.spatial == b.spatial:
            territory = 1.0  # the same region, whose gemeenten are not known
        else:
            territory = None
        older, newer = _older_newer(a, b)
        orgs_a, orgs_b = members[a_iri] - inc.persons[a_iri], members[b_iri] - inc.persons[b_iri]
        pa, pb = inc.persons[a_iri], inc.persons[b_iri]
        score = j * (territory if territory is not None else 1.0)
        evidence = {
            "tables": [newer.label, older.label], "other": older.iri,
            "programmes": {newer.label: sorted(notation(vocab, p) for p in newer.programmes),
                           older.label: sorted(notation(vocab, p) for p in older.programmes)},
            "shared_themes": sorted(notation(vocab, t) for t in themes),
            "shared_members": _labels(facts, members[a_iri] & members[b_iri]),
            "jaccard": j, "jaccard_organisations": jaccard(orgs_a, orgs_b) if orgs_a or orgs_b else None,
            "jaccard_persons": jaccard(pa, pb) if pa or pb else None,
            "territory_overlap": territory, "shared_gemeenten": len(a.gemeenten & b.gemeenten), "score": score,
        }
        key, severity = "default", None
        if territory is None:
            key, severity = "territory-unknown", Severity.LOW
        elif score >= ctx["high_score"]:
            severity = Severity.HIGH
        fields = {"other": older.label, "jaccard": pct(j), "territory": pct(territory),
                  "themes": ", ".join(evidence["shared_themes"]), "shared": shared,
                  "members_a": len(members[a_iri]), "members_b": len(members[b_iri])}
        out.append(ctx.finding(newer.iri, newer.label, evidence, key=key, fields=fields, severity=severity,
                               regions=_regions(facts, a, b), illustrative=a.illustrative or b.illustrative,
                               facts=pair_facts(facts, a, b, ctx.today)))
    return out


def score_subsets(rows, ctx, vocab) -> list[Finding]:
    """Active tables whose members (nearly) all sit at a larger active table on the same theme."""
    inc = incidence(rows, ctx)
    facts, ts, members = inc.facts, inc.tables, inc.members
    out = []
    for (a_iri, b_iri), shared in shared_counts({t: m for t, m in members.items() if m}).items():
        for small_iri, big_iri in ((a_iri, b_iri), (b_iri, a_iri)):
            small, big = ts[small_iri], ts[big_iri]
            ms, mb = members[small_iri], members[big_iri]
            if len(ms) < ctx["min_members"] or len(ms) >= len(mb):
                continue
            if not (small.in_scope or big.in_scope) or (ctx["skip_parent_child"] and _related(small, big)):
                continue
            c = containment(ms, mb, shared)
            themes = small.themes & big.themes
            if c < ctx["min_containment"] or not themes:
                continue
            if small.gemeenten and big.gemeenten and not small.gemeenten & big.gemeenten:
                continue
            evidence = {"subset": small.label, "of": big.label, "other": big.iri, "containment": c,
                        "members": len(ms), "members_of_other": len(mb),
                        "shared_themes": sorted(notation(vocab, t) for t in themes),
                        "shared_members": _labels(facts, ms & mb), "not_in_other": _labels(facts, ms - mb)}
            fields = {"other": big.label, "shared": shared, "members": len(ms), "members_other": len(mb),
                      "themes": ", ".join(evidence["shared_themes"]), "containment": pct(c)}
            out.append(ctx.finding(small.iri, small.label, evidence, fields=fields,
                                   regions=_regions(facts, small, big),
                                   illustrative=small.illustrative or big.illustrative,
                                   facts=pair_facts(facts, small, big, ctx.today)))
    return out


def score_en_en(rows, ctx, vocab) -> list[Finding]:
    """A newer active table that took over an older active table's scope (its themes and territory)
    and most of its members, while the older one still runs."""
    inc = incidence(rows, ctx)
    facts, ts, members = inc.facts, inc.tables, inc.members
    out = []
    for (a_iri, b_iri), shared in shared_counts({t: m for t, m in members.items() if m}).items():
        a, b = ts[a_iri], ts[b_iri]
        if not (a.start and b.start) or start_key(a.start) == start_key(b.start):
            continue
        older, newer = _older_newer(a, b)
        if not (a.in_scope or b.in_scope) or _related(a, b):
            continue
        if not older.themes or not older.themes <= newer.themes:
            continue
        if older.gemeenten and newer.gemeenten:
            covered = containment(older.gemeenten, newer.gemeenten)
        elif older.spatial and older.spatial <= newer.spatial:
            covered = 1.0
        else:
            continue
        moved = containment(members[older.iri], members[newer.iri], shared)
        if covered < ctx["min_scope"] or moved < ctx["min_member_overlap"]:
            continue
        evidence = {"newer": newer.label, "older": older.label, "other": older.iri,
                    "newer_start": newer.start, "older_start": older.start,
                    "themes": sorted(notation(vocab, t) for t in older.themes),
                    "programmes_newer": sorted(notation(vocab, p) for p in newer.programmes),
                    "programmes_older": sorted(notation(vocab, p) for p in older.programmes),
                    "territory_covered": covered, "members_moved": moved,
                    "shared_members": _labels(facts, members[a_iri] & members[b_iri])}
        fields = {"other": older.label, "older_start": older.start, "newer_start": newer.start,
                  "themes": ", ".join(evidence["themes"]), "covered": pct(covered), "moved": pct(moved),
                  "shared_names": short_list(evidence["shared_members"])}
        out.append(ctx.finding(newer.iri, newer.label, evidence, fields=fields, regions=_regions(facts, a, b),
                               illustrative=a.illustrative or b.illustrative,
                               facts=pair_facts(facts, a, b, ctx.today)))
    return out
