"""Duplicated structures: near-identical tables, subset tables, and "en-en" (an old table kept beside
the new one that took over its scope).

The query only extracts the incidence (table -> members, themes, gemeenten, dates). The table x member
matrix is built once per set of facts and shared by the three rules (:func:`table_members`); each rule
asks :class:`izagraph.rules.pairs.Overlaps` for the pairs that share enough members for its own measure
(Jaccard, containment, members moved) and pass its cheap tests (scope, themes, dates, parent), all
vectorised, and only those few pairs are then scored one by one below, exactly as before. Parent and
child tables are never a duplicate pair: a child made of its parent's members is a design choice, not a
second structure. Tables whose known territories are disjoint are never a pair either (see
:func:`disjoint`).

When several pair rules hold for the same two tables, :func:`one_per_pair` keeps the finding of the
strongest relation (``duplicate-tables``: nearly the same members, then ``en-en``: a newer table took
over most of an older one's members and scope, then ``subset-tables``: one table's members sit inside
the other's) and lists the others in its evidence under ``also``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..findings import FactSet, Finding, Severity
from .facts import (Facts, PerTable, SeatColumns, _active_iris, facts_of, notation, pct, regions, seat_columns,
                    short_list, start_key, table_facts, tables)
from .pairs import Overlaps, containment, jaccard, need_for, overlap_coefficient, popcount


NEVER = np.iinfo(np.int64).max  # as a table's ``need``: it is not probed for pairs (see Overlaps.candidates)


@dataclass(frozen=True)
class TableMembers:
    """Who sits at which active table, built once per facts and peildatum and shared by the three pair
    rules (:func:`table_members`). Nothing here depends on a rule's scope: the ``in_scope`` of these
    tables is not read (:meth:`Incidence.table` gives the rule's own)."""

    tables: dict            # iri -> Table (active tables only)
    members: PerTable       # iri -> frozenset of member IRIs (active seats; empty for a table without)
    persons: PerTable       # iri -> frozenset of person IRIs
    seats: SeatColumns      # the active seats at active tables
    divisions: dict         # region iri -> its division
    parents: dict           # region iri -> the region it is part of
    overlaps: Overlaps      # the tables with members as rows (keys sorted by IRI) of a table x member matrix
    parent: np.ndarray      # row -> the row of its parent table, -1 when none
    start: np.ndarray       # row -> rank of its start date (earliest day), -1 when unknown
    themes: np.ndarray      # row -> its themes as a bit set (words of 64 themes)


def table_members(facts: Facts, today) -> TableMembers:
    """The active tables' members and the arrays the pair rules filter on, memoised per facts."""
    return facts.memo(("table-members", today), lambda: _table_members(facts, today))


def _table_members(facts: Facts, today) -> TableMembers:
    active = _active_iris(facts, today)
    ts = {i: t for i, t in tables(facts).items() if i in active}
    cols = seat_columns(facts, today)  # the active seats at active tables
    overlaps = _overlaps(facts, cols)
    row = {k: n for n, k in enumerate(overlaps.keys)}
    keyed = [ts[k] for k in overlaps.keys]
    starts = {t.iri: start_key(t.start) for t in keyed if t.start}
    start_rank = {k: n for n, k in enumerate(sorted(set(starts.values())))}
    themes = sorted({th for t in keyed for th in t.themes})
    theme_bit = {th: n for n, th in enumerate(themes)}
    theme_bits = np.zeros((len(keyed), max(1, -(-len(themes) // 64))), dtype=np.uint64)
    for n, t in enumerate(keyed):
        for th in t.themes:
            theme_bits[n, theme_bit[th] // 64] |= np.uint64(1 << (theme_bit[th] % 64))
    return TableMembers(
        ts, cols.members_at(tables=ts), cols.members_at(persons=True, tables=ts), cols,
        {r: reg.division for r, reg in regions(facts).items()},
        {s: facts.one(s, "region-parent") for s in facts.subjects("region-parent")},
        overlaps,
        np.array([row.get(t.parent, -1) for t in keyed], dtype=np.int64),
        np.array([start_rank[starts[t.iri]] if t.start else -1 for t in keyed], dtype=np.int64),
        theme_bits)


def _overlaps(facts: Facts, cols: SeatColumns) -> Overlaps:
    """``Overlaps`` of the tables with seats (the members of each), straight from the seat columns."""
    table, member = cols.pairs()
    names = facts.id_array()
    tabs, row = np.unique(table, return_inverse=True)
    members, col = np.unique(member, return_inverse=True)
    keys, key_rank = _by_name(names[tabs].tolist())
    _, member_rank = _by_name(names[members].tolist())
    return Overlaps.from_pairs(keys, key_rank[row.reshape(-1)], member_rank[col.reshape(-1)], len(members))


def _by_name(items: list) -> tuple[list, np.ndarray]:
    """The items sorted by ``str``, and each item's place in that order."""
    text = list(map(str, items))
    order = sorted(range(len(items)), key=text.__getitem__)
    rank = np.empty(len(items), dtype=np.int64)
    rank[order] = np.arange(len(items))
    return [items[i] for i in order], rank


@dataclass(frozen=True)
class Incidence:
    """The shared :class:`TableMembers` seen by one rule: with its facts (labels) and its scope."""

    facts: Facts
    shared: TableMembers
    in_scope: frozenset     # the tables in this rule's scope
    scope: np.ndarray       # row -> the table is in this rule's scope

    def table(self, iri: str):
        """An active table, with this rule's ``in_scope``."""
        t = self.shared.tables[iri]
        in_scope = iri in self.in_scope
        return t if t.in_scope == in_scope else replace(t, in_scope=in_scope)

    # vectorised tests on arrays of row numbers, to narrow the candidate pairs before Python looks at them
    def either_in_scope(self, x, y):
        return self.scope[x] | self.scope[y]

    def related(self, x, y):
        parent = self.shared.parent
        return (parent[x] == y) | (parent[y] == x)

    def shared_themes(self, x, y):
        themes = self.shared.themes
        return popcount(themes[x] & themes[y])

    def themes_within(self, x, y):
        """``x`` has themes and all of them are themes of ``y``."""
        tx = self.shared.themes[x]
        return (tx != 0).any(axis=1) & ((tx & ~self.shared.themes[y]) == 0).all(axis=1)

    def pairs(self, min_shared: int, need, keep=(), accept=None) -> dict[tuple[str, str], int]:
        """Pairs of tables sharing at least ``min_shared`` members, and (rows ``x, y``) at least ``need[x]``
        that pass the rule's tests (see :meth:`Overlaps.pairs`), their territories not known to be disjoint:
        a superset of the pairs a rule reports, in the order of their IRIs."""
        need = np.maximum(need, max(1, min_shared))
        found = self.shared.overlaps.pairs(need, keep, accept)
        ts = self.shared.tables
        return {p: n for p, n in found.items() if not disjoint(ts[p[0]], ts[p[1]], self.shared)}

    def facts_of(self, *ts) -> FactSet:
        """What a pair finding rests on: both tables, their territory's regions, and their active seats with
        members (as ids, see :class:`~izagraph.findings.FactIds`)."""
        seats = self.shared.seats
        at = seats.by_table()
        rows = [at[t.iri] for t in ts if t.iri in at]
        ids = seats.seat_fact_ids(np.concatenate(rows)) if rows else np.zeros(0, dtype=np.int64)
        return FactSet([self.facts.fact_ids(ids)], *(x for t in ts for x in table_facts(t)))


def incidence(rows, ctx) -> Incidence:
    facts = facts_of(rows)
    shared = table_members(facts, ctx.today)
    in_scope = frozenset(facts.subjects("in-scope"))
    return Incidence(facts, shared, in_scope, np.array([k in in_scope for k in shared.overlaps.keys], dtype=bool))


def _above(region: str, parents: dict) -> set[str]:
    out, r = {region}, region
    while parents.get(r) and parents[r] not in out:
        r = parents[r]
        out.add(r)
    return out


def disjoint(a, b, inc: TableMembers) -> bool:
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
    others' rule and message (in every language, like a finding's own) as evidence (``also``). Other
    findings pass unchanged, in order.

    >>> from izagraph.findings import Finding, Severity
    >>> def f(rule, a, b):
    ...     return Finding(rule, Severity.MEDIUM, a, a, {"nl": f"{rule} nl", "en": f"{rule} en"}, {"other": b})
    >>> kept = one_per_pair([f("subset-tables", "x", "y"), f("duplicate-tables", "y", "x"), f("en-en", "p", "q")])
    >>> [k.rule for k in kept], [a["rule"] for a in kept[0].evidence["also"]], "also" in kept[1].evidence
    (['duplicate-tables', 'en-en'], ['subset-tables'], False)
    >>> kept[0].evidence["also"][0]["message"]
    {'en': 'subset-tables en', 'nl': 'subset-tables nl'}
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
            also = [{"rule": f.rule, "message": dict(f.message)} for f in rest]
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
    facts, members, sizes = inc.facts, inc.shared.members, inc.shared.overlaps.sizes
    out = []

    keep = [lambda x, y: inc.either_in_scope(x, y) & ~inc.related(x, y),
            lambda x, y: inc.shared_themes(x, y) >= ctx["min_shared_themes"]]

    def accept(x, y, shared):  # the Jaccard test below, as jaccard() computes it
        return shared / (sizes[x] + sizes[y] - shared) >= ctx["min_jaccard"]

    # Jaccard >= t needs at least t * |x| shared members for either table x of the pair
    need = need_for(ctx["min_jaccard"], sizes)
    for (a_iri, b_iri), shared in inc.pairs(ctx["min_shared"], need, keep, accept).items():
        a, b = inc.table(a_iri), inc.table(b_iri)
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
        orgs_a, orgs_b = members[a_iri] - inc.shared.persons[a_iri], members[b_iri] - inc.shared.persons[b_iri]
        pa, pb = inc.shared.persons[a_iri], inc.shared.persons[b_iri]
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
    facts, members, sizes = inc.facts, inc.shared.members, inc.shared.overlaps.sizes
    out = []

    keep = [lambda x, y: (sizes[x] < sizes[y]) & inc.either_in_scope(x, y),  # x the smaller table
            lambda x, y: ~inc.related(x, y) if ctx["skip_parent_child"] else x >= 0,
            lambda x, y: inc.shared_themes(x, y) > 0]

    def accept(x, y, shared):  # the containment test below, as containment() computes it
        return shared / sizes[x] >= ctx["min_containment"]

    need = need_for(ctx["min_containment"], sizes)
    need[sizes < ctx["min_members"]] = NEVER  # too small to be the subset
    for (a_iri, b_iri), shared in inc.pairs(ctx["min_shared"], need, keep, accept).items():
        for small_iri, big_iri in ((a_iri, b_iri), (b_iri, a_iri)):
            small, big = inc.table(small_iri), inc.table(big_iri)
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
    facts, members, sizes = inc.facts, inc.shared.members, inc.shared.overlaps.sizes
    start = inc.shared.start
    out = []

    keep = [lambda x, y: start[y] > start[x],  # x the older table: both dated, x started earlier
            lambda x, y: inc.either_in_scope(x, y) & ~inc.related(x, y),
            lambda x, y: inc.themes_within(x, y)]  # x's themes all at y

    def accept(x, y, shared):  # the members-moved test below, as containment() computes it
        return shared / sizes[x] >= ctx["min_member_overlap"]

    need = need_for(ctx["min_member_overlap"], sizes)
    need[start < 0] = NEVER  # undated: never the older table
    for (a_iri, b_iri), shared in inc.pairs(ctx["min_shared"], need, keep, accept).items():
        a, b = inc.table(a_iri), inc.table(b_iri)
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
