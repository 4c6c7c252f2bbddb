"""Pure helpers that turn a rule query's rows into tables, seats and regions.

Every rule query returns *fact rows*: ``s`` (a subject IRI), ``fact`` (a short name such as ``theme`` or
``member``), ``o`` (the value: an IRI, a string, a number or a boolean) and ``oLabel`` (the value's label
when it is an entity). The same rows come from SPARQL and from Cypher, so everything below serves every
backend. Nothing here does I/O.

>>> rows = [{"s": "t1", "fact": "label", "o": "Stuurgroep", "oLabel": None},
...         {"s": "t1", "fact": "theme", "o": "th/preventie", "oLabel": None},
...         {"s": "t1", "fact": "end", "o": "2024", "oLabel": None}]
>>> f = Facts(rows)
>>> f.one("t1", "label"), sorted(f.get("t1", "theme"))
('Stuurgroep', ['th/preventie'])
>>> is_active(f.get("t1", "end"), dt.date(2024, 6, 1)), is_active(f.get("t1", "end"), dt.date(2025, 1, 1))
(True, False)
>>> is_active((), dt.date(2024, 6, 1), starts=["2024-07"])
False
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache

from rdflib import URIRef


EMPTY: frozenset = frozenset()
_NONE: dict = {}


class Facts:
    """Fact rows grouped by subject: ``get(s, fact)`` is the set of values, ``label(iri)`` a name.

    A :meth:`scoped` view shares every fact with its base except a few named ones (the scope facts such
    as ``in-scope``, which depend on a rule's filters), so the analytical snapshot builds the facts once
    for all rules. Derived values (tables, seats, regions) are memoised with :meth:`memo`."""

    def __init__(self, rows: list[dict]):
        self._facts: dict[str, dict[str, set]] = {}
        self._labels: dict[str, str] = {}
        self._memo: dict = {}          # derived values that do not depend on the scope facts
        self._scoped_memo: dict = {}   # derived values that do (e.g. tables, which carry in_scope)
        self._overlay: Facts | None = None
        self._overlay_names: frozenset = frozenset()
        for r in rows:
            s, fact, o = r.get("s"), r.get("fact"), r.get("o")
            if s is None or fact is None or o is None:
                continue
            values = o if isinstance(o, list) else (o,)  # Neo4j keeps several values as a list
            label = r.get("oLabel")
            label = min(label) if isinstance(label, list) and label else label
            facts = self._facts.get(s)
            if facts is None:
                facts = self._facts[s] = {}
            bucket = facts.get(fact)
            if bucket is None:
                bucket = facts[fact] = set()
            for v in values:
                bucket.add(v)
                if label is not None and isinstance(v, str):
                    self._set_label(v, str(label))
                if fact == "label":
                    self._set_label(s, str(v))

    def scoped(self, overlay: Facts, names) -> Facts:
        """A view of these facts in which the facts called ``names`` come from ``overlay`` only.

        >>> base = Facts([{"s": "t", "fact": "label", "o": "T"}, {"s": "t", "fact": "in-scope", "o": True}])
        >>> view = base.scoped(Facts([]), {"in-scope"})
        >>> view.has("t", "in-scope"), view.label("t"), base.has("t", "in-scope")
        (False, 'T', True)
        """
        view = object.__new__(Facts)
        view._facts, view._memo, view._scoped_memo = self._facts, self._memo, {}
        view._overlay, view._overlay_names = overlay, frozenset(names)
        view._labels = self._labels
        if overlay._labels:  # labels met only in the scope rows (rare): merged into a copy
            view._labels = dict(self._labels)
            for iri, label in overlay._labels.items():
                view._set_label(iri, label)
        return view

    def memo(self, key, build, scoped: bool = False):
        """``build()`` once per facts (``scoped``: once per view, for values that read scope facts)."""
        cache = self._scoped_memo if scoped else self._memo
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def _set_label(self, iri: str, label: str) -> None:
        old = self._labels.get(iri)
        self._labels[iri] = label if old is None else min(old, label)

    def of(self, s: str) -> dict[str, set]:
        """All facts about one subject (fact -> values); empty when there are none."""
        return self._facts.get(s, _NONE)

    def items(self):
        """(subject, its facts) for every subject, in no particular order."""
        return self._facts.items()

    def get(self, s: str, fact: str) -> set:
        if fact in self._overlay_names:
            return self._overlay.get(s, fact)
        return self._facts.get(s, _NONE).get(fact, EMPTY)

    def one(self, s: str, fact: str, default=None):
        """One value (the smallest, so the choice is the same on every backend)."""
        values = self.get(s, fact)
        if not values:
            return default
        return next(iter(values)) if len(values) == 1 else min(values, key=str)

    def has(self, s: str, fact: str) -> bool:
        return bool(self.get(s, fact))

    def subjects(self, fact: str, value=None) -> list[str]:
        if fact in self._overlay_names:
            return self._overlay.subjects(fact, value)
        return sorted(s for s, fs in self._facts.items() if fact in fs and (value is None or value in fs[fact]))

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        return self._labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def facts_of(rows) -> Facts:
    """The facts of a rule's rows: built from the rows, or the shared facts the analytical snapshot
    hands every rule (rows with a ``facts`` attribute)."""
    shared = getattr(rows, "facts", None)
    return shared if shared is not None else Facts(rows)


# -- dates -------------------------------------------------------------------------------------

def parse_date(text: str) -> dt.date:
    """The last day an ISO year, month or day can mean ("through 2024" is through 31 December).

    >>> parse_date("2024"), parse_date("2024-02"), parse_date("2024-03-05")
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29), datetime.date(2024, 3, 5))
    """
    text = str(text).strip()[:10]
    parts = text.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return dt.date(y, 12, 31)
    m = int(parts[1])
    if len(parts) == 2:
        return dt.date(y, m, calendar.monthrange(y, m)[1])
    return dt.date(y, m, int(parts[2]))


def start_key(text: str | None) -> str | None:
    """A sortable key for a start date: the earliest day it can mean."""
    if not text:
        return None
    text = str(text)[:10]
    return (text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10]


def is_active(ends, today: dt.date, starts=()) -> bool:
    """The one definition of "active on the peildatum" for tables, seats and plans: start <= today <= end,
    where a missing start or end is open. A start is read as its earliest day ("2025" = from 1 January
    2025), an end as its last ("through 2024" = through 31 December 2024). An unreadable date is ignored.

    >>> d = dt.date(2025, 3, 1)
    >>> is_active([], d), is_active(["2025-02"], d), is_active([], d, ["2025"]), is_active([], d, ["2025-04-01"])
    (True, False, True, False)
    """
    try:
        if any(dt.date.fromisoformat(start_key(s)) > today for s in starts if s):
            return False
    except ValueError:
        pass
    ends = [e for e in ends if e]
    if not ends:
        return True
    try:
        return max(parse_date(e) for e in ends) >= today
    except ValueError:
        return True


# -- concepts ----------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _notation(vocab, iri: str) -> str:
    n = vocab.notation(URIRef(iri))
    return n if n is not None else iri.rstrip("/").rsplit("/", 1)[-1]


def notation(vocab, iri: str | None) -> str | None:
    """A concept's notation (its code), or the last path segment of an unknown IRI."""
    return None if iri is None else _notation(vocab, str(iri))


@lru_cache(maxsize=4096)
def _broader(vocab, iri: str) -> frozenset[str]:
    return frozenset(str(c) for c in vocab.broader_closure(URIRef(iri)))


def broader(vocab, iri: str) -> frozenset[str]:
    """The concept and everything broader than it (a finer sector counts for its perspective)."""
    return _broader(vocab, str(iri))


# -- tables ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    iri: str
    label: str
    kind: str | None
    programmes: frozenset[str]
    themes: frozenset[str]
    start: str | None
    end: frozenset[str]
    gemeenten: frozenset[str]
    spatial: frozenset[str]
    parent: str | None
    in_scope: bool
    illustrative: bool
    regional_structure: bool
    meetings: float | None
    territory_regions: frozenset[str] = frozenset()  # regions whose gemeenten make up the territory

    def active(self, today: dt.date) -> bool:
        return is_active(self.end, today, (self.start,))


def tables(facts: Facts) -> dict[str, Table]:
    """Every table named in the facts; territory = explicit gemeenten, else its region's gemeenten.
    Built once per facts (callers must not change the result): the tables themselves once for all scoped
    views, then per view only which of them are in scope."""
    return facts.memo("tables", lambda: _scoped_tables(facts), scoped=True)


def _scoped_tables(facts: Facts) -> dict[str, Table]:
    outside = _unscoped_tables(facts)
    inside = set(facts.subjects("in-scope"))
    if not inside & outside.keys():
        return outside
    within = facts.memo("tables-in-scope", lambda: {i: replace(t, in_scope=True) for i, t in outside.items()})
    if outside.keys() <= inside:
        return within
    return {i: within[i] if i in inside else t for i, t in outside.items()}


def active_tables(facts: Facts, today: dt.date) -> dict[str, Table]:
    """The tables active on ``today`` (see :func:`tables`); built once per facts view and day."""
    def build():
        active = _active_iris(facts, today)
        return {i: t for i, t in tables(facts).items() if i in active}

    return facts.memo(("active-tables", today), build, scoped=True)


def _unscoped_tables(facts: Facts) -> dict[str, Table]:
    return facts.memo("tables-out-of-scope", lambda: _tables(facts))


def _active_iris(facts: Facts, today: dt.date) -> frozenset[str]:
    return facts.memo(("active-table-iris", today),
                      lambda: frozenset(i for i, t in _unscoped_tables(facts).items() if t.active(today)))


def _tables(facts: Facts) -> dict[str, Table]:
    """The tables, all marked out of scope (:func:`tables` marks those in scope)."""
    out = {}
    for s in facts.subjects("is", "table"):
        covers = facts.get(s, "covers")
        meetings = facts.one(s, "meetings")
        out[s] = Table(
            iri=s, label=facts.label(s), kind=facts.one(s, "kind"),
            programmes=frozenset(facts.get(s, "programme")), themes=frozenset(facts.get(s, "theme")),
            start=facts.one(s, "start"), end=frozenset(facts.get(s, "end")),
            gemeenten=frozenset(covers or facts.get(s, "spatial-gemeente")),
            spatial=frozenset(facts.get(s, "spatial")), parent=facts.one(s, "parent"),
            in_scope=False, illustrative=facts.has(s, "illustrative"),
            regional_structure=True in facts.get(s, "regional-structure"),
            meetings=float(meetings) if meetings is not None else None,
            territory_regions=frozenset() if covers else frozenset(facts.get(s, "spatial")),
        )
    return out


def depth(table: str, parents: dict[str, str | None]) -> int:
    """Layers from the top table down to ``table`` (a top table has depth 1); safe against cycles.

    >>> depth("c", {"a": None, "b": "a", "c": "b"})
    3
    """
    seen, d, t = set(), 1, table
    while parents.get(t) and t not in seen:
        seen.add(t)
        t = parents[t]
        d += 1
    return d


# -- seats -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seat:
    """One membership: who sits at which table, for which perspective, for whom, with what mandate."""

    iri: str
    table: str
    member: str
    member_kind: str          # person | gemeente | organisation
    perspectives: frozenset[str]
    sectors: frozenset[str]
    behalf: frozenset[str]
    behalf_sectors: frozenset[str]
    behalf_gemeenten: frozenset[str]
    mandate: bool | None
    role: str | None
    end: frozenset[str]
    illustrative: bool
    start: frozenset[str] = frozenset()

    def active(self, today: dt.date) -> bool:
        return is_active(self.end, today, self.start)

    def seat_perspectives(self) -> frozenset[str]:
        """The perspective given for the seat, else the member's sector, else (a person) the sector of
        the organisation(s) the seat speaks for."""
        return self.perspectives or self.sectors or self.behalf_sectors

    def organisations(self) -> frozenset[str]:
        """The organisations whose administrators this seat occupies: the member itself, or for a person
        the one organisation named on behalf of (a seat that speaks for several is representation)."""
        if self.member_kind != "person":
            return frozenset({self.member})
        return self.behalf if len(self.behalf) == 1 else frozenset()


def seats(facts: Facts) -> list[Seat]:
    """Every seat (membership) in the facts. Built once per facts (callers must not change the result)."""
    return facts.memo("seats", lambda: _seats(facts))


def active_seats(facts: Facts, today: dt.date) -> dict[str, list[Seat]]:
    """Per table active on ``today``, its seats active on ``today`` (in the order of :func:`seats`); tables
    without an active seat are left out. Built once per facts and day (callers must not change it)."""
    def build():
        active = _active_iris(facts, today)
        out: dict[str, list[Seat]] = {}
        dates: dict[tuple, bool] = {}  # (end, start) -> active: far fewer than seats
        for s in seats(facts):
            if s.table not in active:
                continue
            key = (s.end, s.start)
            on = dates.get(key)
            if on is None:
                on = dates[key] = s.active(today)
            if on:
                out.setdefault(s.table, []).append(s)
        return out

    return facts.memo(("active-seats", today), build)


def _seats(facts: Facts) -> list[Seat]:
    out = []
    for s in facts.subjects("table"):
        f = facts.of(s)
        table, member = facts.one(s, "table"), facts.one(s, "member")
        if table is None or member is None:
            continue
        mandate = f.get("mandate", EMPTY)
        out.append(Seat(
            iri=s, table=table, member=member, member_kind=facts.one(s, "member-kind", "organisation"),
            perspectives=frozenset(f.get("perspective", EMPTY)), sectors=frozenset(f.get("sector", EMPTY)),
            behalf=frozenset(f.get("behalf", EMPTY)), behalf_sectors=frozenset(f.get("behalf-sector", EMPTY)),
            behalf_gemeenten=frozenset(f.get("behalf-gemeente", EMPTY)),
            mandate=(True in mandate) if mandate else None, role=facts.one(s, "role"),
            end=frozenset(f.get("end", EMPTY)), illustrative=bool(f.get("illustrative")),
            start=frozenset(f.get("start", EMPTY)),
        ))
    return out


def mandate(seat: Seat) -> bool | None:
    """The one definition of a seat's mandate, shared by every rule: ``True`` when recorded as given (ja),
    ``False`` when recorded as not given (nee), ``None`` when unknown (empty or ``onbekend``). Nothing else
    stands in for it: naming the gemeenten a seat speaks for is not a mandate.

    >>> mandate(Seat("m", "t", "p", "person", EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, None, None, EMPTY, False)) is None
    True
    """
    return seat.mandate


def seat_facts(facts: Facts, table_seats) -> list[str]:
    """The IRIs a finding about these seats rests on: each seat, its member and whom it speaks for."""
    out = []
    for s in table_seats:
        out += [s.iri, s.member, *s.behalf]
    return out


def table_facts(table: Table) -> list[str]:
    """The IRIs a finding about a table rests on: the table and, when its territory is its region's
    gemeenten, that region (whose composition may be inferred)."""
    return [table.iri, *table.territory_regions]


# -- regions -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Region:
    iri: str
    label: str
    division: str | None
    gemeenten: frozenset[str]
    parent: str | None
    illustrative: bool


def regions(facts: Facts) -> dict[str, Region]:
    """Every region in the facts. Built once per facts (callers must not change the result)."""
    return facts.memo("regions", lambda: _regions(facts))


def _regions(facts: Facts) -> dict[str, Region]:
    out = {}
    for s in facts.subjects("division"):
        out[s] = Region(s, facts.label(s), facts.one(s, "division"), frozenset(facts.get(s, "gemeente")),
                        facts.one(s, "region-parent"), facts.has(s, "illustrative"))
    return out


def short_list(items, limit: int = 5) -> str:
    """Names for a message: the first few, then how many more.

    >>> short_list(["a", "b", "c"], 2)
    'a, b (+1)'
    """
    items = list(items)
    head = ", ".join(str(i) for i in items[:limit])
    return head + (f" (+{len(items) - limit})" if len(items) > limit else "")


def pct(x: float | None) -> str:
    """A fraction as a percentage for messages.

    >>> pct(0.834)
    '83%'
    """
    return "?" if x is None else f"{round(100 * x)}%"
