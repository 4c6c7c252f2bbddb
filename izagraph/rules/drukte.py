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
from dataclasses import dataclass

import numpy as np

from ..findings import FactSet, Finding, Severity
from ..perf import distinct_pairs, sorted_unique, spans
from .facts import (Facts, SeatColumns, active_tables, depth, facts_of, notation, seat_columns, short_list,
                    table_facts, tables)

MEMBER_LIMITS = (("tables", "max_tables"), ("programmes", "max_programmes"), ("regions", "max_regions"),
                 ("meetings_per_year", "max_meetings_per_year"))


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


def thresholds(columns: dict[str, list], population: int, limits, ctx) -> tuple[dict, dict]:
    """The threshold per parameter, and what the finding says about the mode.

    Absolute: the ``max_*`` parameters. Relative (``percentile`` set): the percentile of each measure
    over the population of ``population`` subjects (``columns``: per measure, its known values).

    >>> from types import SimpleNamespace as Ctx
    >>> thresholds({"tables": [1, 5, 9]}, 3, [("tables", "max_tables")], Ctx(get={"percentile": 50}.get))[0]
    {'max_tables': 5}
    """
    p = ctx.get("percentile")
    if p is None:
        return {param: ctx.get(param) for _, param in limits}, {"mode": "absolute"}
    out = {param: nearest_rank(columns[measure], p) for measure, param in limits}
    return out, {"mode": "relative", "percentile": p, "population": population,
                 "thresholds": {param: out[param] for _, param in limits}}


def _known(values: np.ndarray) -> list:
    """The known values of a measure column (NaN: unknown) as plain Python numbers."""
    return (values[~np.isnan(values)] if values.dtype.kind == "f" else values).tolist()


def _over(measures: dict[str, np.ndarray], limits, values: dict) -> np.ndarray:
    """Per subject: whether any measure is above its threshold (an unknown value, NaN, never is)."""
    out = np.zeros(len(next(iter(measures.values()))), dtype=bool)
    for measure, param in limits:
        if values.get(param) is not None:
            out |= measures[measure] > values[param]
    return out


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
    known = _tops(facts)
    for r in region_iris:
        top, division = known.get(r) or _climb(r, facts)
        tops[division].add(top)
    return {d: len(rs) for d, rs in sorted(tops.items())}


def _top(region: str, facts: Facts) -> tuple[str, str]:
    """The region a (sub)region counts as, and that region's division ("" when unknown)."""
    return _tops(facts).get(region) or _climb(region, facts)


def _tops(facts: Facts) -> dict[str, tuple[str, str]]:
    """:func:`_top` of every region the facts name, built once per facts."""
    return facts.memo("drukte-region-tops", lambda: {r: _climb(r, facts) for r in _regions_named(facts)})


def _climb(region: str, facts: Facts) -> tuple[str, str]:
    top, seen = region, set()
    while facts.one(top, "region-parent") and top not in seen:
        seen.add(top)
        top = facts.one(top, "region-parent")
    return top, facts.one(top, "division") or ""


def _regions_named(facts: Facts) -> set[str]:
    """The regions the facts name: with a division, with a parent, or as a table's region."""
    return facts.memo("drukte-regions-named", lambda: {
        *facts.subjects("division"), *facts.subjects("region-parent"),
        *(r for t in tables(facts).values() for r in t.spatial)})


def _member_measures(member_seats, positions, ix: _TableIndex, facts=None):
    """A member's measures and what its finding shows of them; ``member_seats``: its seats (or their rows),
    ``positions``: its tables in the index (which holds all the measures read: ``facts`` is not needed)."""
    at = np.asarray(positions, dtype=np.int64)
    programmes = sorted(set(ix.code_names[_gather(ix.programme_ptr, ix.programmes, at)].tolist()))
    regions = {ix.place_names[k]: ix.place_labels[k] for k in _gather(ix.place_ptr, ix.place_ids, at).tolist()}
    # region_counts(regions): the distinct regions counted (tops) of its tables, per division
    counted = np.bincount(ix.top_division[sorted_unique(_gather(ix.top_ptr, ix.tops, at))], minlength=ix.divisions)
    per_division = {d: n for d, n in sorted(zip(ix.division_names, counted.tolist())) if n}
    meetings = ix.meetings[at]
    known = meetings[~np.isnan(meetings)].tolist()
    measures = {"seats": len(member_seats), "tables": len(at), "programmes": len(programmes),
                "regions": max(per_division.values(), default=0),
                "meetings_per_year": sum(known) if known else None}
    return programmes, regions, per_division, known, measures


@dataclass(frozen=True)
class _TableIndex:
    """The active tables in (label, IRI) order with what the measures read of them as arrays: programmes
    (by notation), regions (dct:spatial) and regions as the region each counts as, in CSR form, and
    meetings (NaN: unknown)."""

    iris: list[str]
    position: dict[str, int]
    notation_ptr: np.ndarray     # per table: the notation of each of its programmes (numbers into code_names)
    notations: np.ndarray
    rests_ptr: np.ndarray        # per table: what a finding about it rests on (table_facts), as ids (Facts.ids)
    rests_on: np.ndarray
    programme_ptr: np.ndarray
    programmes: np.ndarray       # numbers into code_names
    code_names: np.ndarray       # objects
    place_ptr: np.ndarray
    place_ids: np.ndarray        # numbers into place_names (and place_labels)
    place_names: list[str]
    place_labels: list[str]
    top_ptr: np.ndarray
    tops: np.ndarray
    top_division: np.ndarray     # per region counted: its division's number
    divisions: int
    division_names: list[str]    # per division's number: its IRI ("" when unknown)
    meetings: np.ndarray
    iri_array: np.ndarray        # iris, labels and whether illustrative, as arrays to pick many at once
    label_array: np.ndarray
    illustrative: np.ndarray


def _csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(lists) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(x) for x in lists])
    return ptr, np.array([x for xs in lists for x in xs], dtype=np.int64)


def _objects(items: list) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _table_index(facts: Facts, today, vocab) -> _TableIndex:
    def build():
        ts = active_tables(facts, today)
        iris = sorted(ts, key=lambda t: (facts.label(t), t))
        codes: dict[str, int] = {}
        places: dict[str, int] = {}
        tops: dict[str, int] = {}
        divisions: dict[str, int] = {}
        top_division: list[int] = []
        programme_lists, place_lists, top_lists = [], [], []
        of_programmes: dict[frozenset, list[int]] = {}  # tables share a few sets of programmes and regions
        of_spatial: dict[frozenset, tuple[list[int], list[int]]] = {}
        for t in iris:
            programmes, spatial = ts[t].programmes, ts[t].spatial
            got = of_programmes.get(programmes)
            if got is None:
                got = of_programmes[programmes] = sorted({codes.setdefault(notation(vocab, p), len(codes))
                                                          for p in programmes})
            programme_lists.append(got)
            known = of_spatial.get(spatial)
            if known is None:
                mine = set()
                for r in spatial:
                    top, division = _top(r, facts)
                    if top not in tops:
                        tops[top] = len(tops)
                        top_division.append(divisions.setdefault(division, len(divisions)))
                    mine.add(tops[top])
                known = of_spatial[spatial] = (sorted({places.setdefault(r, len(places)) for r in spatial}),
                                               sorted(mine))
            place_lists.append(known[0])
            top_lists.append(known[1])
        programme_ptr, programmes = _csr(programme_lists)
        place_ptr, place_ids = _csr(place_lists)
        top_ptr, top_items = _csr(top_lists)
        meetings = np.array([np.nan if ts[t].meetings is None else ts[t].meetings for t in iris], dtype=float)
        notation_ptr, notations = _csr([[codes.setdefault(notation(vocab, p), len(codes)) for p in ts[t].programmes]
                                        for t in iris])
        (tables, _), regions = facts.ids("is"), facts.ids("spatial")[1]  # the tables' ids, and their regions'
        names = facts.id_array()  # after ids(): facts built from rows number their values there
        id_of = dict(zip(names[tables].tolist(), tables.tolist()))
        id_of.update(zip(names[regions].tolist(), regions.tolist()))
        rests_ptr, rests_on = _csr([[id_of[x] for x in table_facts(ts[t])] for t in iris])
        return _TableIndex(iris, {t: i for i, t in enumerate(iris)}, notation_ptr, notations, rests_ptr, rests_on,
                           programme_ptr, programmes, _objects(list(codes)),
                           place_ptr, place_ids, list(places), [facts.label(r) for r in places], top_ptr,
                           top_items, np.array(top_division, dtype=np.int64), len(divisions), list(divisions), meetings,
                           _objects(iris), _objects([facts.label(t) for t in iris]),
                           np.array([ts[t].illustrative for t in iris], dtype=bool))
    return facts.memo(("drukte-table-index", today, vocab), build)


def _expand(owner: np.ndarray, item: np.ndarray, ptr: np.ndarray, values: np.ndarray):
    """For pairs (owner, item): every (owner, value) with value in the item's CSR list."""
    counts = ptr[item + 1] - ptr[item]
    return np.repeat(owner, counts), values[spans(ptr[item], counts)]


def _gather(ptr: np.ndarray, values: np.ndarray, items: np.ndarray) -> np.ndarray:
    """The values of the items' CSR lists, concatenated."""
    return values[spans(ptr[items], ptr[items + 1] - ptr[items])]


def _distinct(owner: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (owner, value) pairs, ordered by owner then value."""
    return distinct_pairs(owner, value)


def _used(numbers: np.ndarray) -> list[int]:
    """The distinct numbers (non-negative) in ``numbers``, ascending."""
    return np.flatnonzero(np.bincount(numbers)).tolist() if len(numbers) else []


def _distinct_count(owner: np.ndarray, value: np.ndarray, owners: int) -> np.ndarray:
    """Per owner: how many distinct values it has."""
    return np.bincount(_distinct(owner, value)[0], minlength=owners)


@dataclass(frozen=True)
class _MemberIndex:
    """Per member (sorted): its active seats, and the drukte measures of all members as columns."""

    members: list[str]
    columns: SeatColumns           # the active seats (seat_columns)
    seat_ptr: np.ndarray           # member i's seats: rows member_seats[seat_ptr[i]:seat_ptr[i + 1]] of columns
    member_seats: np.ndarray
    pair_member: np.ndarray        # the distinct (member, table) pairs, by member then table position
    pair_table: np.ndarray
    measures: dict[str, np.ndarray]

    def rows(self, i: int) -> np.ndarray:
        """Member ``i``'s active seats as rows of ``columns``."""
        return self.member_seats[self.seat_ptr[i]:self.seat_ptr[i + 1]]

    def seats(self, i: int) -> list:
        """Member ``i``'s active seats, in the order of :func:`active_seats`."""
        return self.columns.seats(self.rows(i))


def _member_index(facts: Facts, today, vocab, kind: str) -> _MemberIndex:
    """The measures of :func:`_member_measures` for every member at once (numpy group-bys over the
    distinct member-table pairs): what the thresholds and the choice of findings need. A member is a
    person (``kind`` person) or an organisation with the seats of :meth:`Seat.organisations`."""
    def build():
        cols, ix = seat_columns(facts, today), _table_index(facts, today, vocab)
        owner = (np.where(cols.person, cols.member, -1) if kind == "person"
                 else np.where(cols.person, cols.behalf, cols.member))
        seat = np.flatnonzero(owner >= 0)
        present = sorted(_used(owner[seat]), key=cols.names.__getitem__)  # members by IRI
        rank = np.zeros(len(cols.names), dtype=np.int64)
        rank[present] = np.arange(len(present))
        owner, n = rank[owner[seat]], len(present)
        position = np.full(len(cols.names), -1, dtype=np.int64)
        for t in _used(cols.table):
            position[t] = ix.position[cols.names[t]]
        seats_per_member = np.bincount(owner, minlength=n)
        seat_ptr = np.zeros(n + 1, dtype=np.int64)
        seat_ptr[1:] = np.cumsum(seats_per_member)
        pair_member, pair_table = _distinct(owner, position[cols.table[seat]])  # tables in (label, IRI) order
        top_member, top = _distinct(*_expand(pair_member, pair_table, ix.top_ptr, ix.tops))
        divisions = max(ix.divisions, 1)
        per_division = np.bincount(top_member * divisions + ix.top_division[top], minlength=n * divisions)
        meetings = ix.meetings[pair_table]
        known = ~np.isnan(meetings)
        # bincount adds in the order of the pairs, which is the order of the tables: the same sums as Python's
        total = np.bincount(pair_member[known], weights=meetings[known], minlength=n)
        measures = {
            "seats": seats_per_member,
            "tables": np.bincount(pair_member, minlength=n),
            "programmes": _distinct_count(*_expand(pair_member, pair_table, ix.programme_ptr, ix.programmes), n),
            "regions": per_division.reshape(n, divisions).max(axis=1, initial=0),
            "meetings_per_year": np.where(np.bincount(pair_member[known], minlength=n) > 0, total, np.nan),
        }
        return _MemberIndex([cols.names[i] for i in present], cols, seat_ptr,
                            seat[np.argsort(owner, kind="stable")], pair_member, pair_table, measures)
    return facts.memo(("drukte-members", kind, today, vocab), build)


def _members(facts: Facts, ts: dict, ctx, vocab, kind: str) -> list[Finding]:
    out = []
    ix = _member_index(facts, ctx.today, vocab, kind)
    tix = _table_index(facts, ctx.today, vocab)
    limits, mode = thresholds({m: _known(ix.measures[m]) for m, _ in MEMBER_LIMITS}, len(ix.members),
                              MEMBER_LIMITS, ctx)
    in_scope = np.bincount(ix.pair_member[_in_scope(ts, tix)[ix.pair_table]], minlength=len(ix.members)) > 0
    pair_ptr = np.searchsorted(ix.pair_member, np.arange(len(ix.members) + 1)).tolist()
    cols = ix.columns
    for i in np.flatnonzero(in_scope & _over(ix.measures, MEMBER_LIMITS, limits)).tolist():
        member, rows = ix.members[i], ix.rows(i)
        at = ix.pair_table[pair_ptr[i]:pair_ptr[i + 1]]  # its tables in (label, IRI) order
        programmes, regions, per_division, known, measures = _member_measures(rows, at, tix)
        over, double = _exceeded(measures, MEMBER_LIMITS, limits)
        if not over:
            continue
        evidence = {**measures, "meetings_known_for": len(known), "exceeded": over,
                    "table_list": tix.label_array[at].tolist(), "programme_list": programmes,
                    "region_list": sorted(regions.values()),
                    "regions_per_division": {notation(vocab, d) if d else "": n for d, n in per_division.items()},
                    **mode}
        if kind == "organisation":
            persons = cols.member[rows[cols.person[rows]]].tolist()
            evidence["via_persons"] = sorted({facts.label(cols.names[m]) for m in persons})
        fields = {**{p: _shown(limits[p]) for _, p in MEMBER_LIMITS}, **measures, **_mode_fields(mode),
                  "meetings": "?" if measures["meetings_per_year"] is None else f"{measures['meetings_per_year']:g}",
                  "table_names": short_list(evidence["table_list"]), "programme_names": ", ".join(programmes)}
        out.append(ctx.finding(
            member, facts.label(member), evidence, key=_key(mode), fields=fields,
            severity=Severity.HIGH if double else None,
            regions=regions,
            illustrative=bool(cols.illustrative[rows].any() or tix.illustrative[at].any()),
            facts=FactSet([facts.fact_ids(np.concatenate([cols.table[rows], cols.seat_fact_ids(rows)]))], member)))
    return out


def _shown(limit):
    return "-" if limit is None else limit


def score_organisations(rows, ctx, vocab) -> list[Finding]:
    """Organisations (and gemeenten) with too many seats: their own, plus those of a person who sits on
    behalf of that one organisation."""
    facts = facts_of(rows)
    return _members(facts, active_tables(facts, ctx.today), ctx, vocab, "organisation")


def score_persons(rows, ctx, vocab) -> list[Finding]:
    """Persons with too many seats."""
    facts = facts_of(rows)
    return _members(facts, active_tables(facts, ctx.today), ctx, vocab, "person")


def _gemeente_index(facts: Facts, today, vocab):
    """The gemeenten in the territory of an active table (sorted), the distinct (gemeente, table) pairs
    ordered by gemeente then table (label, IRI), and the measures over every active table."""
    def build():
        ts, ix = active_tables(facts, today), _table_index(facts, today, vocab)
        gemeenten = sorted({g for t in ts.values() for g in t.gemeenten})
        number = {g: i for i, g in enumerate(gemeenten)}
        territory = [(ix.position[t], ts[t].gemeenten) for t in ts]
        g, t = _distinct(np.fromiter((number[g] for _, gs in territory for g in gs), dtype=np.int64),
                         np.fromiter((t for t, gs in territory for _ in gs), dtype=np.int64))
        return gemeenten, g, t, _gemeente_measures(g, t, len(gemeenten), ix)
    return facts.memo(("drukte-gemeenten", today, vocab), build)


def _gemeente_measures(g: np.ndarray, t: np.ndarray, n: int, ix: _TableIndex) -> dict[str, np.ndarray]:
    return {"tables": np.bincount(g, minlength=n),
            "programmes": _distinct_count(*_expand(g, t, ix.programme_ptr, ix.programmes), n)}


def _in_scope(ts: dict, ix: _TableIndex) -> np.ndarray:
    """Per table of the index: whether it passes the rule's filters."""
    return np.array([ts[t].in_scope for t in ix.iris], dtype=bool)


def score_gemeenten(rows, ctx, vocab) -> list[Finding]:
    """Gemeenten covered by many active tables (through the tables' territory), from many programmes."""
    facts = facts_of(rows)
    ts, ix = active_tables(facts, ctx.today), _table_index(facts, ctx.today, vocab)
    gemeenten, pair_gemeente, pair_table, everywhere = _gemeente_index(facts, ctx.today, vocab)
    gm_limits = (("tables", "max_tables"), ("programmes", "max_programmes"))

    limits, mode = thresholds({m: v.tolist() for m, v in everywhere.items()}, len(gemeenten), gm_limits, ctx)
    chosen = _in_scope(ts, ix)[pair_table]
    scoped = _gemeente_measures(pair_gemeente[chosen], pair_table[chosen], len(gemeenten), ix)
    in_scope = set(facts.subjects("gemeente-in-scope"))
    out = []
    for i in np.flatnonzero((scoped["tables"] > 0) & _over(scoped, gm_limits, limits)).tolist():
        g = gemeenten[i]
        if g not in in_scope:
            continue
        lo, hi = np.searchsorted(pair_gemeente, [i, i + 1])
        at = pair_table[lo:hi][chosen[lo:hi]]  # its tables in (label, IRI) order
        per_programme = Counter(ix.code_names[_gather(ix.notation_ptr, ix.notations, at)].tolist())
        measures = {"tables": len(at), "programmes": len(per_programme)}
        over, double = _exceeded(measures, gm_limits, limits)
        if not over:
            continue
        regions = {ix.place_names[k]: ix.place_labels[k] for k in _gather(ix.place_ptr, ix.place_ids, at).tolist()}
        evidence = {**measures, "exceeded": over, "table_list": ix.label_array[at].tolist(),
                    "per_programme": dict(per_programme), **mode}
        fields = {**measures, "max_tables": _shown(limits["max_tables"]),
                  "max_programmes": _shown(limits["max_programmes"]), **_mode_fields(mode),
                  "programme_names": ", ".join(f"{p} {n}" for p, n in sorted(per_programme.items()))}
        out.append(ctx.finding(g, facts.label(g), evidence, key=_key(mode), fields=fields,
                               severity=Severity.HIGH if double else None, regions=regions,
                               illustrative=bool(ix.illustrative[at].any()),
                               facts=FactSet([facts.fact_ids(_gather(ix.rests_ptr, ix.rests_on, at))], g)))
    return out


REGION_LIMITS = (("tables", "max_tables"), ("layers", "max_layers"), ("seats_per_table", "max_seats_per_table"))


def _within(region: str, facts: Facts) -> list[str]:
    """The region and every region above it (a subregion's tables belong to its region too); memoised
    for the regions in the facts."""
    def climb(r):
        out = [r]
        while facts.one(r, "region-parent") and facts.one(r, "region-parent") not in out:
            r = facts.one(r, "region-parent")
            out.append(r)
        return out
    known = facts.memo("drukte-region-within", lambda: {r: climb(r) for r in _regions_named(facts)})
    return known.get(region) or climb(region)


@dataclass(frozen=True)
class _RegionIndex:
    by_region: dict[str, frozenset]   # region -> its active tables and those of its subregions
    measured: dict[str, dict]
    same_as_sub: frozenset            # regions whose tables are exactly those of one of their subregions
    seat_count: Counter               # active table -> its active seats
    columns: SeatColumns              # the active seats (seat_columns)

    def seats_at(self, tables) -> FactIds:
        """The active seats of the tables, as ids."""
        at = self.columns.by_table()
        rows = [at[t] for t in tables if t in at]
        return self.columns.facts.fact_ids(self.columns.seat[np.concatenate(rows)] if rows else _NO_ROWS)


_NO_ROWS = np.zeros(0, dtype=np.int64)


def _region_index(facts: Facts, today) -> _RegionIndex:
    def build():
        ts = active_tables(facts, today)
        parents = {t.iri: (t.parent if t.parent in ts else None) for t in ts.values()}
        layers = {t: depth(t, parents) for t in ts}
        columns = seat_columns(facts, today)
        seat_count = Counter({t: len(rows) for t, rows in columns.by_table().items()})
        by_region = defaultdict(set)
        for t in ts.values():
            for own in t.spatial:
                for r in _within(own, facts):
                    by_region[r].add(t.iri)
        measured = {r: {"tables": len(tabs), "layers": max(layers[t] for t in tabs),
                        "seats_per_table": round(sum(seat_count[t] for t in tabs) / len(tabs), 2)}
                    for r, tabs in by_region.items()}
        same_as_sub = frozenset(p for x in by_region for p in _within(x, facts)[1:]
                                if by_region.get(p) == by_region[x])
        return _RegionIndex({r: frozenset(x) for r, x in by_region.items()}, measured, same_as_sub, seat_count,
                            columns)
    return facts.memo(("drukte-regions", today), build)


def score_regions(rows, ctx, vocab) -> list[Finding]:
    """Regions with many active tables, many layers of tables, or large tables.

    A region counts the active tables of its own and of its subregions. Layers are counted along active
    tables only: an ended parent is no layer. With a region filter, the region and its subregions are
    reported (each with its own count)."""
    facts = facts_of(rows)
    ts = active_tables(facts, ctx.today)
    ix = _region_index(facts, ctx.today)
    by_region, measured, seat_count = ix.by_region, ix.measured, ix.seat_count
    limits, mode = thresholds({m: [v[m] for v in measured.values()] for m, _ in REGION_LIMITS}, len(measured),
                              REGION_LIMITS, ctx)
    chosen = ctx.get("region")
    out = []
    for r in sorted(by_region):
        if chosen and chosen not in _within(r, facts) or r in ix.same_as_sub:
            continue
        measures = measured[r]
        over, double = _exceeded(measures, REGION_LIMITS, limits)
        if not over or not any(ts[t].in_scope for t in by_region[r]):
            continue
        tabs = sorted(by_region[r], key=lambda t: (facts.label(t), t))
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
                               facts=FactSet([ix.seats_at(tabs)], *tabs)))
    return out
