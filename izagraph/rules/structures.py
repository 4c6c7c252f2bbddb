"""Duplicated structures: near-identical tables, subset tables, and "en-en" (an old table kept beside
the new one that took over its scope).

The query only extracts the incidence (table -> members, themes, gemeenten, dates); the pairs come from
:func:`izagraph.rules.pairs.shared_counts`, an inverted index over the member sets, so only tables that
share at least ``min_shared`` members are ever compared. Parent and child tables are never a duplicate
pair: a child made of its parent's members is a design choice, not a second structure. Tables whose
known territories are disjoint are never a pair either (see :func:`disjoint`).

When several pair rules hold for the same two tables, :func:`one_per_pair` keeps the finding of the
strongest relation (``duplicate-tables``: nearly the same members, then ``en-en``: a newer table took
over most of an older one's members and scope, then ``subset-tables``: one table's members sit inside
the other's) and lists the others in its evidence under ``also``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..findings import Finding, Severity
from .facts import Facts, facts_of, notation, pct, regions, seats, short_list, start_key, table_facts, tables
from .pairs import containment, jaccard, overlap_coefficient, shared_counts


@dataclass(frozen=True)
class Incidence:
    facts: Facts
    tables: dict            # iri -> Table (active tables only)
    members: dict           # iri -> frozenset of member IRIs (active seats)
    persons: dict           # iri -> frozenset of person IRIs
    seat_facts: dict        # iri -> frozenset of the IRIs of its active seats, their members and whom they speak for
    divisions: dict         # region iri -> its division
    parents: dict           # region iri -> the region it is part of

    def pairs(self, min_shared: int) -> dict[tuple[str, str], int]:
        """Pairs of tables sharing at least ``min_shared`` members (inverted index), their territories not
        known to be disjoint."""
        found = shared_counts({t: m for t, m in self.members.items() if m}, min_shared=max(1, min_shared))
        return {p: n for p, n in found.items() if not disjoint(self.tables[p[0]], self.tables[p[1]], self)}

    def facts_of(self, *ts) -> list[str]:
        """What a pair finding rests on: both tables, their territory's regions, and their active seats with
        members."""
        return sorted({x for t in ts for x in table_facts(t)} | {x for t in ts for x in self.seat_facts[t.iri]})


def incidence(rows, ctx) -> Incidence:
    facts = facts_of(rows)
    today = ctx.today
    ts = {i: t for i, t in tables(facts).items() if t.active(today)}
    members: dict[str, set] = {i: set() for i in ts}
    persons: dict[str, set] = {i: set() for i in ts}
    seat_facts: dict[str, set] = {i: set() for i in ts}
    for s in seats(facts):
        if s.table in ts and s.active(today):
            members[s.table].add(s.member)
            seat_facts[s.table].update((s.iri, s.member, *s.behalf))
            if s.member_kind == "person":
                persons[s.table].add(s.member)
    rs = regions(facts)
    return Incidence(facts, ts, {k: frozenset(v) for k, v in members.items()},
                     {k: frozenset(v) for k, v in persons.items()},
                     {k: frozenset(v) for k, v in seat_facts.items()},
                     {r: reg.division for r, reg in rs.items()},
                     {s: facts.one(s, "region-parent") for s in facts.subjects("region-parent")})


def _above(region: str, parents: dict) -> set[str]:
    out, r = {region}, region
    while parents.get(r) and parents[r] not in out:
        r = parents[r]
        out.add(r)
    return out


def disjoint(a, b, inc: Incidence) -> bool:
    """Whether two tables' *known* territories do not overlap: both have gemeenten and share none, or
    (gemeenten unknown) every region of one and every region of the other are different regions of the
    same division, neither part of the other (regions of one division do not overlap). Unknown is not
    disjoint: such pairs stay, marked as territory unknown."""
    if a.gemeenten and b.gemeenten:
        return not a.gemeenten & b.gemeenten
    if not (a.spatial and b.spatial):
        return False
    for ra in a.spatial:
        for rb in b.spatial:
            da, db = inc.divisions.get(ra), inc.divisions.get(rb)
            if da is None or da != db or ra in _above(rb, inc.parents) or rb in _above(ra, inc.parents):
                return False
    return True


PAIR_RULES = ("duplicate-tables", "en-en", "subset-tables")


def one_per_pair(findings: list[Finding]) -> list[Finding]:
    """One finding per pair of tables across the pair rules: the strongest relation's finding, with the
    others' rule and message as evidence (``also``). Other findings pass unchanged, in order.

    >>> from izagraph.findings import Finding, Severity
    >>> def f(rule, a, b):
    ...     return Finding(rule, Severity.MEDIUM, a, a, {"nl": rule}, {"other": b})
    >>> kept = one_per_pair([f("subset-tables", "x", "y"), f("duplicate-tables", "y", "x"), f("en-en", "p", "q")])
    >>> [(k.rule, k.evidence.get("also")) for k in kept]
    [('duplicate-tables', [{'message': 'subset-tables', 'rule': 'subset-tables'}]), ('en-en', None)]
    """
    rank = {r: i for i, r in enumerate(PAIR_RULES)}
    groups: dict[frozenset, list[Finding]] = {}
    for f in findings:
        if f.rule in rank and f.evidence.get("other"):
            groups.setdefault(frozenset((f.subject, f.evidence["other"])), []).append(f)
    keep: dict[int, Finding | None] = {}
    for group in groups.values():
        ordered = sorted(group, key=lambda f: rank[f.rule])
        best, rest = ordered[0], ordered[1:]
        if rest:
            also = [{"rule": f.rule, "message": f.text("nl")} for f in rest]
            keep[id(best)] = replace(best, evidence={**best.evidence, "also": also})
        for f in rest:
            keep[id(f)] = None
    out = []
    for f in findings:
        kept = keep.get(id(f), f)
        if kept is not None:
            out.append(kept)
    return out


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
    for (a_iri, b_iri), shared in inc.pairs(ctx["min_shared"]).items():
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
                               facts=inc.facts_of(a, b)))
    return out


def score_subsets(rows, ctx, vocab) -> list[Finding]:
    """Active tables whose members (nearly) all sit at a larger active table on the same theme."""
    inc = incidence(rows, ctx)
    facts, ts, members = inc.facts, inc.tables, inc.members
    out = []
    for (a_iri, b_iri), shared in inc.pairs(ctx["min_shared"]).items():
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
                                   facts=inc.facts_of(small, big)))
    return out


def score_en_en(rows, ctx, vocab) -> list[Finding]:
    """A newer active table that took over an older active table's scope (its themes and territory)
    and most of its members, while the older one still runs."""
    inc = incidence(rows, ctx)
    facts, ts, members = inc.facts, inc.tables, inc.members
    out = []
    for (a_iri, b_iri), shared in inc.pairs(ctx["min_shared"]).items():
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
                               facts=inc.facts_of(a, b)))
    return out
