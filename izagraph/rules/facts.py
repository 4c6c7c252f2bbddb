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
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from rdflib import URIRef

from ..findings import FactIds
from ..perf import distinct_pairs, sorted_unique, spans


EMPTY: frozenset = frozenset()
_NONE: dict = {}


class Facts:
    """Fact rows grouped by fact and subject: ``get(s, fact)`` is the set of values, ``label(iri)`` a name.

    Kept per fact name (``fact -> subject -> values``), so the analytical snapshot can build each fact's
    dictionary in one vectorised step (:meth:`from_ids`). A :meth:`scoped` view shares every fact with its
    base except a few named ones (the scope facts such as ``in-scope``, which depend on a rule's filters), so
    the snapshot builds the facts once for all rules. Derived values (tables, seats, regions) are memoised
    with :meth:`memo`."""

    def __init__(self, rows: list[dict] = ()):
        self._by_fact: dict[str, dict[str, set]] = {}
        self._labels: dict[str, str] = {}
        self._memo: dict = {}          # derived values that do not depend on the scope facts
        self._scoped_memo: dict = {}   # derived values that do (e.g. tables, which carry in_scope)
        self._overlay: Facts | None = None
        self._overlay_names: frozenset = frozenset()
        self._ids = _IdColumns(by_fact=self._by_fact)
        by_fact = self._by_fact
        for r in rows:
            s, fact, o = r.get("s"), r.get("fact"), r.get("o")
            if s is None or fact is None or o is None:
                continue
            values = o if isinstance(o, list) else (o,)  # Neo4j keeps several values as a list
            label = r.get("oLabel")
            label = min(label) if isinstance(label, list) and label else label
            column = by_fact.get(fact)
            if column is None:
                column = by_fact[fact] = {}
            bucket = column.get(s)
            if bucket is None:
                bucket = column[s] = set()
            for v in values:
                bucket.add(v)
                if label is not None and isinstance(v, str):
                    self._set_label(v, str(label))
                if fact == "label":
                    self._set_label(s, str(v))

    @classmethod
    def from_ids(cls, s, fact, o, label, values: list, array: np.ndarray | None = None) -> Facts:
        """The facts of rows given as four ``int32`` columns of ids into ``values`` (-1: unbound), as the
        analytical snapshot keeps them: the same facts as :class:`Facts` of those rows. The rows are sorted
        once with numpy (by fact, subject, value); each fact's dictionary is built the first time it is read
        (:class:`_Columns`: a rule reading a fact only as ids never pays for it), the labels from each
        distinct (value, label) pair once. ``array``: ``values`` with a None after them as a numpy object
        array, when the caller keeps one (else it is made here).

        >>> import numpy as np
        >>> ids = lambda *xs: np.array(xs, dtype=np.int32)
        >>> f = Facts.from_ids(ids(0, 0, 4, 0), ids(1, 2, 5, 2), ids(3, 7, 6, 8), ids(-1, -1, 9, -1),
        ...                    ["t", "label", "theme", "T", "m", "member", "o", "th", "th2", "O"])
        >>> f.label("t"), sorted(f.get("t", "theme")), f.label("o"), f.one("m", "member")
        ('T', ['th', 'th2'], 'O', 'o')
        """
        self = cls()
        vals = np.array([*values, None], dtype=object) if array is None else array  # id -1: the None at the end
        keep = (s >= 0) & (fact >= 0) & (o >= 0)
        if not keep.all():  # (rule blocks bind all three: no copies then)
            s, fact, o, label = (c[keep] for c in (s, fact, o, label))
        s, o = s.astype(np.int64), o.astype(np.int64)  # parts of one sort key; the others index as they are
        n = len(vals)
        present = np.zeros(n, dtype=bool)
        present[fact] = True
        names = np.flatnonzero(present)  # the ids of the fact names, ascending
        bits = max(1, (n - 1).bit_length())
        if len(names) << 2 * bits < _ONE_KEY:  # by fact, subject, value: one int64 key per row,
            key = (np.cumsum(present) - 1)[fact]  # one sort; made in place and read back by shifts (fresh
            key <<= bits                          # arrays and integer division cost more than the sort)
            key |= s
            key <<= bits
            key |= o
            key.sort()
            mask = (1 << bits) - 1
            fo = (key & mask).astype(np.int32)
            key >>= bits
            fs = (key & mask).astype(np.int32)
            key >>= bits
            fd = names[key]
        else:  # more ids than one int64 key can hold
            order = np.lexsort((o, s, fact))
            fd, fs, fo = fact[order], s[order].astype(np.int32), o[order].astype(np.int32)
        bounds = np.searchsorted(fd, names, side="right").tolist()
        given = {}  # fact -> its (subject, value) id columns, sorted: what ids() reads
        for name, a, b in zip(names.tolist(), [0, *bounds[:-1]], bounds):
            given[vals[name]] = (fs[a:b], fo[a:b])  # equal names (ids of one text): the last wins
        self._by_fact = _Columns(vals, given)
        # labels: a value's oLabel, and a subject's own "label" fact; the smallest wins, as in __init__
        named = fact == next((i for i, v in enumerate(values) if v == "label"), -2)
        labelled = distinct_pairs(o[label >= 0], label[label >= 0], n)
        pairs = [(v, str(lab)) for v, lab in zip(vals[labelled[0]].tolist(), vals[labelled[1]].tolist())
                 if isinstance(v, str)]
        own = distinct_pairs(s[named], o[named], n)
        pairs += [(subject, str(name)) for subject, name in zip(vals[own[0]].tolist(), vals[own[1]].tolist())]
        pairs.sort(reverse=True)  # dict() keeps the last pair per IRI: the smallest label
        self._labels = dict(pairs)
        self._ids = _IdColumns(values=values, given=given)
        return self

    def scoped(self, overlay: Facts, names) -> Facts:
        """A view of these facts in which the facts called ``names`` come from ``overlay`` only.

        >>> base = Facts([{"s": "t", "fact": "label", "o": "T"}, {"s": "t", "fact": "in-scope", "o": True}])
        >>> view = base.scoped(Facts([]), {"in-scope"})
        >>> view.has("t", "in-scope"), view.label("t"), base.has("t", "in-scope")
        (False, 'T', True)
        """
        view = object.__new__(Facts)
        view._by_fact, view._memo, view._scoped_memo = self._by_fact, self._memo, {}
        view._overlay, view._overlay_names = overlay, frozenset(names)
        view._ids = self._ids
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

    def column(self, fact: str) -> dict:
        """One fact for every subject that has it: subject -> a set of values, or the value itself when
        there is one (read it with :func:`values_of`); callers must not change it."""
        if fact in self._overlay_names:
            return self._overlay.column(fact)
        return self._by_fact.get(fact, _NONE)

    def ids(self, fact: str) -> tuple[np.ndarray, np.ndarray]:
        """One fact as two ``int64`` columns: subject ids and value ids (numbers into :meth:`id_names`),
        sorted by subject then value, each pair once. Equal values have one id, so ids can be joined and
        grouped with numpy. From the snapshot's columns as they are; for facts built from rows, numbered
        from the dictionaries on first use. Not for a view's scope facts (read those with :meth:`column`).

        >>> f = Facts([{"s": "s2", "fact": "member", "o": "m"}, {"s": "s1", "fact": "member", "o": "m"}])
        >>> s, o = f.ids("member")
        >>> [f.id_names()[i] for i in s], [f.id_names()[i] for i in o]
        (['s2', 's1'], ['m', 'm'])
        """
        if fact in self._overlay_names:
            raise ValueError(f"'{fact}' is a scope fact of this view: read it with column()")
        return self._ids.get(fact)

    def id_names(self) -> list:
        """The value of each id of :meth:`ids` (callers must not change it)."""
        return self._ids.names

    def id_array(self) -> np.ndarray:
        """:meth:`id_names` as a numpy object array, to look up many ids at once (``id_array()[ids].tolist()``);
        callers must not change it.

        >>> f = Facts([{"s": "s1", "fact": "member", "o": "m"}])
        >>> members = f.ids("member")[1]  # facts built from rows number their values here
        >>> f.id_array()[members].tolist()
        ['m']
        """
        return self._ids.array()

    def subject_set(self, fact: str, within: str | None = None) -> frozenset:
        """The subjects that have ``fact`` (and ``within``: that have that fact too), as a set, memoised per
        facts: read from the facts' id columns, so a fact of many subjects (``illustrative``: every seat of an
        illustrative dataset) is not built as a dictionary, nor as a set of them all, to test a few of them.

        >>> f = Facts([{"s": "t", "fact": "illustrative", "o": True}, {"s": "m", "fact": "illustrative", "o": True},
        ...            {"s": "t", "fact": "is", "o": "table"}, {"s": "u", "fact": "is", "o": "table"}])
        >>> sorted(f.subject_set("illustrative")), f.subject_set("illustrative", "is"), f.subject_set("theme")
        (['m', 't'], frozenset({'t'}), frozenset())
        """
        if fact in self._overlay_names or within in self._overlay_names:
            having = frozenset(self.column(fact))
            return having if within is None else having & frozenset(self.column(within))
        got = self._memo.get(("subject-set", fact, within))
        if got is None:
            subjects = sorted_unique(self.ids(fact)[0])
            if within is not None:
                subjects = np.intersect1d(subjects, sorted_unique(self.ids(within)[0]), assume_unique=True)
            got = self._memo[("subject-set", fact, within)] = frozenset(self.id_array()[subjects].tolist())
        return got

    def distinct_ids(self) -> bool:
        """Whether no two ids of :meth:`ids` hold equal values (then a value has one id)."""
        return self._ids.by_fact is not None or self._ids._canon() is None

    def fact_ids(self, ids: np.ndarray) -> FactIds:
        """IRIs a finding rests on, given as ids of :meth:`ids` (see :class:`~izagraph.findings.FactIds`).

        >>> f = Facts([{"s": "s1", "fact": "member", "o": "m"}])
        >>> sorted(f.fact_ids(np.concatenate(f.ids("member"))))
        ['m', 's1']
        """
        return FactIds(ids, self.id_array(), self.distinct_ids())

    def of(self, s: str) -> dict[str, set]:
        """All facts about one subject (fact -> values); empty when there are none."""
        return {fact: values_of(column[s]) for fact, column in self._by_fact.items() if s in column}

    def items(self):
        """(subject, its facts) for every subject, in no particular order."""
        def build():
            out: dict[str, dict[str, set]] = {}
            for fact, column in self._by_fact.items():
                for s, values in column.items():
                    out.setdefault(s, {})[fact] = values_of(values)
            return out

        return self.memo("by-subject", build).items()

    def get(self, s: str, fact: str) -> set:
        if fact in self._overlay_names:
            return self._overlay.get(s, fact)
        return values_of(self._by_fact.get(fact, _NONE).get(s))

    def one(self, s: str, fact: str, default=None):
        """One value (the smallest, so the choice is the same on every backend)."""
        return _one(self.get(s, fact), default)

    def has(self, s: str, fact: str) -> bool:
        return bool(self.get(s, fact))

    def subjects(self, fact: str, value=None) -> list[str]:
        """The subjects that have ``fact`` (with ``value``), sorted. The sorted subjects per fact are kept
        once per facts (60,000 subjects at national scale)."""
        if fact in self._overlay_names:
            return self._overlay.subjects(fact, value)
        column = self._by_fact.get(fact, _NONE)
        having = self._memo.get(("subjects", fact))
        if having is None:
            having = self._memo[("subjects", fact)] = sorted(column)
        return list(having) if value is None else [s for s in having if value in values_of(column[s])]

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        return self._labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def labels(self, iris: list) -> list[str]:
        """:meth:`label` of each IRI (looked up in C; the names made from an IRI only where there is no label).

        >>> Facts([{"s": "x/t", "fact": "label", "o": "T"}]).labels(["x/t", "x/u", None])
        ['T', 'u', '']
        """
        out = list(map(self._labels.get, iris))
        for i in [i for i, x in enumerate(out) if not x]:
            out[i] = self.label(iris[i])
        return out


#: Below this, (fact, subject, value) ids fit in one int64 sort key (:meth:`Facts.from_ids`).
_ONE_KEY = 2 ** 62


class LazyMapping(Mapping):
    """A read-only mapping whose keys are known up front and whose values are made on first read
    (:meth:`_make`) and kept: the national check reads a few of many large values."""

    def __init__(self, keys):
        self._keys, self._done = keys, {}

    def _make(self, key):
        raise NotImplementedError

    def get(self, key, default=None):
        got = self._done.get(key)
        if got is None:
            if key not in self._keys:
                return default
            got = self._done[key] = self._make(key)
        return got

    def __getitem__(self, key):
        got = self.get(key, _ABSENT)
        if got is _ABSENT:
            raise KeyError(key)
        return got

    def __contains__(self, key) -> bool:
        return key in self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


_ABSENT = object()


class _Columns(LazyMapping):
    """fact -> its column (see :meth:`Facts.column`) for facts from the snapshot: each fact's dictionary is
    built from its sorted id columns (``given``, ids into ``vals``) the first time it is read, and kept."""

    def __init__(self, vals: np.ndarray, given: dict):
        super().__init__(given)
        self._vals = vals

    def _make(self, fact) -> dict:
        return _column(self._vals, *self._keys[fact])


def _column(vals: np.ndarray, s: np.ndarray, o: np.ndarray) -> dict:
    """One fact's dictionary from its (subject, value) ids sorted by subject: subject -> its value where
    every subject has one (kept bare, built in C; :func:`values_of` wraps it on demand), else -> the set
    of its values (a frozenset: a table's fields take it as it is, without a copy)."""
    subjects, objects = vals[s].tolist(), vals[o].tolist()
    first = np.r_[True, s[1:] != s[:-1]] if len(s) else np.ones(0, dtype=bool)
    if first.all():
        column = dict(zip(subjects, objects))
        if len(column) == len(subjects):
            return column
    starts = np.flatnonzero(first).tolist()
    heads = [subjects[i] for i in starts]
    if len(set(heads)) == len(heads):  # each subject's text once: one set per run of its rows
        return dict(zip(heads, map(frozenset, map(objects.__getitem__, map(slice, starts, [*starts[1:], len(s)])))))
    column = {}  # ids of equal subjects (an IRI and a literal with the same text): merged
    for subject, obj in zip(subjects, objects):
        bucket = column.get(subject)
        if bucket is None:
            column[subject] = {obj}
        else:
            bucket.add(obj)
    return column


_NO_IDS = np.empty(0, dtype=np.int64)


class _IdColumns:
    """The facts as integer columns for :meth:`Facts.ids`, shared by a :class:`Facts` and its views.

    Either ``values`` with the snapshot's ``given`` columns per fact (sorted by fact, subject, value; a
    pair may repeat, and two ids may hold equal values, e.g. an IRI and a literal with the same text:
    those are mapped to one id), or the dictionaries ``by_fact`` of facts built from rows, numbered on
    first use."""

    def __init__(self, values: list | None = None, given: dict | None = None, by_fact: dict | None = None):
        self.names = [] if values is None else values
        self.given = given or {}
        self.by_fact = by_fact
        self.number: dict = {}  # rows: value -> id (equal values, as a set sees them, get one id)
        self.canon: np.ndarray | None = None  # snapshot: id -> the id of its value, when ids repeat values
        self.canon_known = False
        self.built: dict = {}
        self._array = np.empty(0, dtype=object)

    def array(self) -> np.ndarray:
        if len(self._array) != len(self.names):  # facts built from rows number their values on first use
            self._array = np.empty(len(self.names), dtype=object)
            self._array[:] = self.names
        return self._array

    def get(self, fact: str) -> tuple[np.ndarray, np.ndarray]:
        got = self.built.get(fact)
        if got is None:
            got = self.built[fact] = self._build(fact)
        return got

    def _build(self, fact: str) -> tuple[np.ndarray, np.ndarray]:
        ordered = False
        if self.by_fact is not None:
            s, o = self._number(self.by_fact.get(fact, _NONE))
        else:
            s, o = self.given.get(fact, (_NO_IDS, _NO_IDS))
            canon = self._canon()
            ordered = canon is None  # the snapshot's columns come sorted, unless ids are mapped to others
            s, o = (s.astype(np.int64), o.astype(np.int64)) if ordered else (canon[s], canon[o])
        if len(s):
            if not ordered:
                later = (s[1:] > s[:-1]) | ((s[1:] == s[:-1]) & (o[1:] >= o[:-1]))
                if not later.all():  # numbered rows (and mapped ids) may come in any order
                    order = np.lexsort((o, s))
                    s, o = s[order], o[order]
            first = np.r_[True, (s[1:] != s[:-1]) | (o[1:] != o[:-1])]
            if not first.all():
                s, o = s[first], o[first]
        return s, o

    def _canon(self) -> np.ndarray | None:
        if not self.canon_known:
            # equal values have equal hashes: when no two hashes are equal, no value has two ids (a sort of the
            # hashes costs a third of a dictionary of all values)
            hashes = np.fromiter(map(hash, self.names), dtype=np.int64, count=len(self.names))
            hashes.sort()
            if (hashes[1:] == hashes[:-1]).any():
                last = dict(zip(self.names, range(len(self.names))))  # in C; equal values keep one id
                if len(last) < len(self.names):
                    self.canon = np.fromiter(map(last.__getitem__, self.names), dtype=np.int64,
                                             count=len(self.names))
            self.canon_known = True
        return self.canon

    def _number(self, column: dict) -> tuple[np.ndarray, np.ndarray]:
        number, names = self.number, self.names
        s_ids, o_ids = [], []
        for s, entry in column.items():
            for x in (s, *values_of(entry)):
                if x not in number:
                    number[x] = len(names)
                    names.append(x)
            i = number[s]
            for v in values_of(entry):
                s_ids.append(i)
                o_ids.append(number[v])
        return np.array(s_ids, dtype=np.int64), np.array(o_ids, dtype=np.int64)


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
    Built once per facts (callers must not change the result): only ``in_scope`` depends on a rule's
    filters, so the tables themselves are built once for all rules and each view picks per table the
    copy in or out of scope."""
    return facts.memo("tables", lambda: _scoped_tables(facts), scoped=True)


def _scoped_tables(facts: Facts) -> dict[str, Table]:
    outside = _unscoped_tables(facts)
    inside = set(facts.subjects("in-scope"))
    if not inside & outside.keys():
        return outside
    within = facts.memo("tables-in-scope", lambda: {i: _marked_in_scope(t) for i, t in outside.items()})
    if outside.keys() <= inside:
        return within
    return {i: within[i] if i in inside else t for i, t in outside.items()}


def _table(**fields) -> Table:
    """``Table(**fields)`` with every field given, without the frozen dataclass's ``object.__setattr__`` per
    field (six times faster; 20,000 tables at national scale)."""
    table = object.__new__(Table)
    table.__dict__.update(fields)
    return table


def _marked_in_scope(table: Table) -> Table:
    """``replace(table, in_scope=True)``, built as :func:`_table`."""
    return _table(**{**table.__dict__, "in_scope": True})


def active_tables(facts: Facts, today: dt.date) -> dict[str, Table]:
    """The tables active on ``today`` (see :func:`tables`); built once per facts view and day."""
    def build():
        active = _active_iris(facts, today)
        return {i: t for i, t in tables(facts).items() if i in active}

    return facts.memo(("active-tables", today), build, scoped=True)


def _unscoped_tables(facts: Facts) -> dict[str, Table]:
    return facts.memo("tables-out-of-scope", lambda: _tables(facts))


def _active_iris(facts: Facts, today: dt.date) -> frozenset[str]:
    def build():
        on: dict = {}  # (end, start) -> active: tables share a few thousand dates
        for t in _unscoped_tables(facts).values():
            if (t.end, t.start) not in on:
                on[t.end, t.start] = t.active(today)
        return frozenset(i for i, t in _unscoped_tables(facts).items() if on[t.end, t.start])
    return facts.memo(("active-table-iris", today), build)


def _tables(facts: Facts) -> dict[str, Table]:
    """The tables, all marked out of scope (:func:`tables` marks those in scope): read from the fact columns,
    one dictionary lookup per fact and table."""
    col, label = facts.column, facts.label
    kind, programme, theme, start, end = col("kind"), col("programme"), col("theme"), col("start"), col("end")
    covers_of, spatial_gemeente, spatial_of = col("covers"), col("spatial-gemeente"), col("spatial")
    parent, illustrative, meetings_of = col("parent"), facts.subject_set("illustrative", "is"), col("meetings")
    regional = col("regional-structure")
    out = {}
    for s in facts.subjects("is", "table"):
        covers, meetings, spatial = covers_of.get(s), _one(meetings_of.get(s)), _frozen(spatial_of.get(s))
        out[s] = _table(
            iri=s, label=label(s), kind=_one(kind.get(s)), programmes=_frozen(programme.get(s)),
            themes=_frozen(theme.get(s)), start=_one(start.get(s)), end=_frozen(end.get(s)),
            gemeenten=_frozen(covers if covers is not None else spatial_gemeente.get(s)),
            spatial=spatial, parent=_one(parent.get(s)), in_scope=False, illustrative=s in illustrative,
            regional_structure=True in values_of(regional.get(s)),
            meetings=float(meetings) if meetings is not None else None,
            territory_regions=EMPTY if covers is not None else spatial,
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

class Seat(NamedTuple):
    """One membership: who sits at which table, for which perspective, for whom, with what mandate.
    (A named tuple: 45,000 of them are built per national check, four times faster than a dataclass.)"""

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


def values_of(entry) -> set:
    """The values of a :meth:`Facts.column` entry as a set (None: no values)."""
    if entry is None:
        return EMPTY
    return entry if type(entry) is set or type(entry) is frozenset else {entry}


def _one(values, default=None):
    """:meth:`Facts.one` of a column entry or a set already looked up."""
    if values is None:
        return default
    if type(values) is not set and type(values) is not frozenset:
        return values
    if not values:
        return default
    return next(iter(values)) if len(values) == 1 else min(values, key=str)


def active_seats_by_table(facts: Facts, today: dt.date) -> dict[str, list[Seat]]:
    """:func:`active_seats` grouped per table (in the order of :func:`seats`); tables without an active
    seat are left out. Built once per facts and day (callers must not change it)."""
    def build():
        out: dict[str, list[Seat]] = {}
        for s in active_seats(facts, today):
            out.setdefault(s.table, []).append(s)
        return out

    return facts.memo(("active-seats-by-table", today), build)


def active_members_by_table(facts: Facts, today: dt.date) -> dict[str, list[tuple[str, str]]]:
    """The active seats at active tables as (seat, member) pairs per table (tables in the order of their first
    seat, seats by IRI): all the network rules need, read from :func:`seat_columns` (no :class:`Seat` built).
    Memoised per facts and day."""
    return facts.memo(("active-members-by-table", today), lambda: seat_columns(facts, today).members_by_table())


def _seat_builder(facts: Facts):
    """A function seat IRI -> its :class:`Seat` (None without a table or a member), read from the fact
    columns: one dictionary lookup per fact, most of them absent."""
    col = facts.column
    table_of, member_of, kind_of, role_of = col("table"), col("member"), col("member-kind"), col("role")
    perspective, sector, behalf, behalf_sector = col("perspective"), col("sector"), col("behalf"), col("behalf-sector")
    behalf_gemeente, mandate_of, end_of, start_of = col("behalf-gemeente"), col("mandate"), col("end"), col("start")
    illustrative = col("illustrative")

    def build(s) -> Seat | None:
        table, member = _one(table_of.get(s)), _one(member_of.get(s))
        if table is None or member is None:
            return None
        mandate = values_of(mandate_of.get(s))
        e = (perspective.get(s), sector.get(s), behalf.get(s), behalf_sector.get(s), behalf_gemeente.get(s),
             end_of.get(s), start_of.get(s))
        p, sc, b, bs, bg, end, start = (EMPTY if x is None else _frozen(x) for x in e)
        return Seat(s, table, member, _one(kind_of.get(s), "organisation"), p, sc, b, bs, bg,
                    (True in mandate) if mandate else None, _one(role_of.get(s)), end,
                    illustrative.get(s) is not None, start)
    return build


def _seats(facts: Facts) -> list[Seat]:
    build = _seat_builder(facts)
    return [seat for seat in map(build, sorted(facts.column("table"))) if seat is not None]


def _frozen(entry) -> frozenset:
    """A :meth:`Facts.column` entry as a frozenset (the shared empty one when there are no values)."""
    if entry is None:
        return EMPTY
    kind = type(entry)
    return entry if kind is frozenset else frozenset(entry) if kind is set else frozenset((entry,))


def active_seats(facts: Facts, today: dt.date, everywhere: bool = False) -> list[Seat]:
    """The seats active on ``today`` at tables active on ``today`` (``everywhere``: at any table), in the
    order of :func:`seats`. Memoised per facts and day; read from :func:`seat_columns` (callers that only
    count or group seats should read those columns: this builds a :class:`Seat` per seat)."""
    cols = seat_columns(facts, today, everywhere=everywhere)
    return facts.memo(("active-seats", today, everywhere), lambda: cols.seats(range(len(cols))))


@dataclass(frozen=True, eq=False)
class SeatColumns:
    """Seats as columns, one row per seat (in no particular order), for joins and group-bys with numpy.
    Values are ids into ``names`` (:meth:`Facts.ids`; -1: none). A :class:`Seat` is built only for the
    rows a rule reports (:meth:`seat_of`, :meth:`seats`), once per facts.

    >>> f = Facts([{"s": "s1", "fact": "table", "o": "t"}, {"s": "s1", "fact": "member", "o": "p"},
    ...            {"s": "s1", "fact": "member-kind", "o": "person"}, {"s": "s1", "fact": "behalf", "o": "o"},
    ...            {"s": "s2", "fact": "table", "o": "t"}, {"s": "s2", "fact": "member", "o": "o"},
    ...            {"s": "s2", "fact": "end", "o": "2020"}])
    >>> everyone, now = seat_columns(f), seat_columns(f, dt.date(2025, 1, 1), everywhere=True)
    >>> len(everyone), [now.iri(j) for j in range(len(now))], now.seat_of(0).behalf
    (2, ['s1'], frozenset({'o'}))
    >>> [everyone.names[i] if i >= 0 else None for i in everyone.behalf], everyone.person.tolist()
    (['o', None], [True, False])
    """

    facts: Facts = field(repr=False)
    names: list                  # id -> value (Facts.id_names)
    seat: np.ndarray             # the seat's IRI (an id)
    table: np.ndarray            # the seat's table
    member: np.ndarray           # the seat's member
    kind: np.ndarray             # the member's kind (-1: none given, an organisation)
    person: np.ndarray           # whether the member is a person
    behalf: np.ndarray           # the one organisation the seat speaks for (-1: none or several)
    perspectives: np.ndarray     # the seat's perspectives (Seat.seat_perspectives) as a number into ...
    perspective_sets: list[frozenset]
    mandate: np.ndarray          # 1 given, 0 not given, -1 unknown (Seat.mandate)
    illustrative: np.ndarray     # Seat.illustrative
    dates: np.ndarray            # the seat's (end, start) as a number into ...
    date_pairs: list[tuple[frozenset, frozenset]]
    _built: dict = field(repr=False)  # seat id -> Seat, shared by every selection of the same seats
    _own: dict = field(default_factory=dict, repr=False)  # what is derived from these rows (by_table)

    def __len__(self) -> int:
        return len(self.seat)

    def iri(self, j: int) -> str:
        return self.names[self.seat[j]]

    def seat_of(self, j: int) -> Seat:
        """Row ``j`` as a :class:`Seat` (built on first use)."""
        i = int(self.seat[j])
        got = self._built.get(i)
        if got is None:
            builder = self._built.get("builder")
            if builder is None:
                builder = self._built["builder"] = _seat_builder(self.facts)
            got = self._built[i] = builder(self.names[i])
        return got

    def seats(self, rows) -> list[Seat]:
        """The rows as :class:`Seat` objects, in the order of :func:`seats` (by IRI)."""
        return sorted(map(self.seat_of, rows), key=lambda s: s.iri)

    def seat_facts(self, rows) -> list[str]:
        """:func:`seat_facts` of the rows: each seat's IRI, its member and whom it speaks for."""
        return self.facts.id_array()[self.seat_fact_ids(rows)].tolist()

    def seat_fact_ids(self, rows) -> np.ndarray:
        """:meth:`seat_facts` as ids (into ``facts.id_array()``), seats, then members, then whom they speak for."""
        _, spoken = self._behalf(rows)
        return np.concatenate([self.seat[rows], self.member[rows], spoken])

    def _behalf(self, rows) -> tuple[np.ndarray, np.ndarray]:
        """Per row how many the seat speaks for, and whom (ids), row after row (where each row's values start
        is found once for all rows: findings ask for the seats of thousands of members and tables)."""
        got = self._own.get("behalf")
        if got is None:
            _, lo, n = _groups(self.facts, "behalf", self.seat)
            got = self._own["behalf"] = (lo, n, self.facts.ids("behalf")[1])
        n = got[1][rows]
        return n, got[2][spans(got[0][rows], n)]

    def members_by_table(self) -> dict[str, list[tuple[str, str]]]:
        """(seat, member) per table, as :func:`active_members_by_table` gives them for these seats: tables in
        the order of their first seat, seats by IRI."""
        names = self.facts.id_array()
        iris = names[self.seat].tolist()
        by_iri = np.array(sorted(range(len(iris)), key=iris.__getitem__), dtype=np.int64)
        table = self.table[by_iri]
        present, first = np.unique(table, return_index=True)
        in_order = np.argsort(first)  # the tables in the order of their first seat
        rank = np.empty(len(present), dtype=np.int64)
        rank[in_order] = np.arange(len(present))
        group = rank[np.searchsorted(present, table)]
        rows = by_iri[np.argsort(group, kind="stable")]  # by table, and by IRI within a table
        pairs = list(zip(names[self.seat[rows]].tolist(), names[self.member[rows]].tolist()))
        ends = np.cumsum(np.bincount(group, minlength=len(present))).tolist()
        return {t: pairs[a:b] for t, a, b in zip(names[present[in_order]].tolist(), [0, *ends[:-1]], ends)}

    def members_at(self, persons: bool = False, tables=None) -> PerTable:
        """Table IRI -> the members of its rows (``persons``: only those that are persons) as a frozenset,
        each built on first use (rules ask for a few tables); the keys are ``tables`` (default: those with
        rows), an empty set for one without rows."""
        at = self.by_table()
        return PerTable(at if tables is None else tables, at, lambda rows: self.members_of(rows, persons), EMPTY)

    def members_of(self, rows: np.ndarray, persons: bool = False) -> frozenset:
        """The members of the rows (``persons``: only those that are persons)."""
        rows = rows[self.person[rows]] if persons else rows
        return frozenset(self.facts.id_array()[self.member[rows]].tolist())

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct (table, member) pairs of the rows, as ids, by table then member."""
        got = self._own.get("pairs")
        if got is None:
            got = self._own["pairs"] = distinct_pairs(self.table, self.member)
        return got

    def active(self, today: dt.date) -> np.ndarray:
        """Per row: whether the seat is active on ``today`` (each distinct pair of dates read once)."""
        on = np.array([is_active(end, today, start) for end, start in self.date_pairs], dtype=bool)
        return on[self.dates] if len(self.date_pairs) else np.zeros(len(self), dtype=bool)

    def take(self, rows: np.ndarray) -> SeatColumns:
        """These columns for the given rows only."""
        pick = lambda a: a[rows]  # noqa: E731
        return replace(self, seat=pick(self.seat), table=pick(self.table), member=pick(self.member),
                       kind=pick(self.kind), person=pick(self.person), behalf=pick(self.behalf),
                       perspectives=pick(self.perspectives), mandate=pick(self.mandate),
                       illustrative=pick(self.illustrative), dates=pick(self.dates), _own={})

    def by_table(self) -> dict[str, np.ndarray]:
        """Table IRI -> its rows (ascending). Built once per columns."""
        got = self._own.get("by-table")
        if got is None:
            order = np.argsort(self.table, kind="stable")
            ordered = self.table[order]
            starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(order) else order
            ends = np.r_[starts[1:], len(order)]
            got = self._own["by-table"] = {self.names[ordered[a]]: order[a:b]
                                           for a, b in zip(starts.tolist(), ends.tolist())}
        return got


class PerTable(LazyMapping):
    """A read-only mapping table IRI -> ``build(rows)`` of the table's rows (``at``), each value built on first
    use; its keys are ``keys``, and a key without rows has the value ``default``.

    >>> at = PerTable(["t", "u"], {"t": np.array([1, 2])}, lambda rows: int(rows.sum()), 0)
    >>> at["t"], at["u"], at.get("v"), "v" in at, list(at), at == {"t": 3, "u": 0}
    (3, 0, None, False, ['t', 'u'], True)
    """

    def __init__(self, keys, at: dict, build, default):
        super().__init__(keys)
        self._at, self._build, self._default = at, build, default

    def _make(self, table):
        rows = self._at.get(table)
        return self._default if rows is None else self._build(rows)


def seat_columns(facts: Facts, today: dt.date | None = None, everywhere: bool = False) -> SeatColumns:
    """The seats as columns: all of them (``today`` None), or those active on ``today`` at tables active
    on ``today`` (``everywhere``: at any table). Memoised per facts and day; nothing reads scope facts."""
    if today is None:
        return facts.memo("seat-columns", lambda: _seat_columns(facts))

    def build():
        cols = seat_columns(facts)
        on = cols.active(today)
        if not everywhere:
            active, tabs = _active_iris(facts, today), sorted_unique(cols.table)
            at_active = np.fromiter((cols.names[t] in active for t in tabs.tolist()), dtype=bool, count=len(tabs))
            on &= at_active[np.searchsorted(tabs, cols.table)] if len(tabs) else on
        return cols.take(np.flatnonzero(on))
    return facts.memo(("seat-columns", today, everywhere), build)


def _seat_columns(facts: Facts) -> SeatColumns:
    names = facts.id_names()
    subjects = facts.ids("table")[0]
    subjects = subjects[np.r_[True, subjects[1:] != subjects[:-1]]] if len(subjects) else subjects
    table, _, _ = _single(facts, "table", subjects)
    member, _, _ = _single(facts, "member", subjects)
    keep = np.flatnonzero((table >= 0) & (member >= 0))
    subjects, table, member = subjects[keep], table[keep], member[keep]
    kind, _, _ = _single(facts, "member-kind", subjects)
    kinds = sorted_unique(kind[kind >= 0])
    person = np.isin(kind, [k for k in kinds.tolist() if names[k] == "person"])
    behalf, _, _ = _groups(facts, "behalf", subjects)
    # the seat's perspectives: those given, else the member's sectors, else those of whom it speaks for
    chosen, counts = None, None
    for fact in ("perspective", "sector", "behalf-sector"):
        padded, n = _padded(facts, fact, subjects)
        if chosen is None:
            chosen, counts = padded, n
            continue
        use = (counts == 0) & (n > 0)
        width = max(chosen.shape[1], padded.shape[1])
        chosen, padded = _widen(chosen, width), _widen(padded, width)
        chosen[use] = padded[use]
        counts = np.where(use, n, counts)
    perspectives, sets = _row_numbers(chosen)
    mandate_ids, lo, n = _groups(facts, "mandate", subjects)
    _, given = facts.ids("mandate")
    true = np.fromiter((names[v] == True for v in given.tolist()), dtype=np.int64, count=len(given))  # noqa: E712
    upto = np.r_[0, np.cumsum(true)]
    mandate = np.where(n == 0, -1, (upto[lo + n] - upto[lo] > 0).astype(np.int64))  # True in the values
    ends, starts = _padded(facts, "end", subjects)[0], _padded(facts, "start", subjects)[0]
    dates, pairs = _row_numbers(np.hstack([ends, starts]))
    width = ends.shape[1]
    value_set = lambda row: frozenset(names[i] for i in row if i >= 0)  # noqa: E731
    return SeatColumns(
        facts, names, subjects, table, member, kind, person, behalf, perspectives,
        [value_set(row) for row in sets], mandate, _groups(facts, "illustrative", subjects)[2] > 0, dates,
        [(value_set(row[:width]), value_set(row[width:])) for row in pairs], {})


def _groups(facts: Facts, fact: str, subjects: np.ndarray):
    """Per subject: its one value of ``fact`` (-1: none or several), and where its values start and how
    many there are in :meth:`Facts.ids`."""
    s, o = facts.ids(fact)  # sorted by subject: the last is the largest (a finding asks for a few seats)
    span = int(max(s[-1] if len(s) else -1, subjects.max(initial=-1))) + 1
    if 8 * len(subjects) < span:  # a few subjects: a binary search each
        lo = np.searchsorted(s, subjects, "left")
        n = np.searchsorted(s, subjects, "right") - lo
    else:  # many: ids are small numbers, and a count per id finds each subject's run without a search
        counts = np.bincount(s, minlength=span)
        lo, n = (np.cumsum(counts) - counts)[subjects], counts[subjects]
    one = o[np.minimum(lo, len(o) - 1)] if len(o) else np.zeros(len(subjects), dtype=np.int64)
    return np.where(n == 1, one, -1), lo, n


def _single(facts: Facts, fact: str, subjects: np.ndarray):
    """:func:`_groups`, with the value :meth:`Facts.one` picks for a subject with several."""
    one, lo, n = _groups(facts, fact, subjects)
    several = np.flatnonzero(n > 1)
    if len(several):
        names, o = facts.id_names(), facts.ids(fact)[1]
        for j, a, b in zip(several.tolist(), lo[several].tolist(), (lo + n)[several].tolist()):
            one[j] = min(o[a:b].tolist(), key=lambda i: str(names[i]))
    return one, lo, n


def _padded(facts: Facts, fact: str, subjects: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per subject a row of its value ids (ascending, then -1), and how many there are."""
    _, lo, n = _groups(facts, fact, subjects)
    o = facts.ids(fact)[1]
    out = np.full((len(subjects), int(n.max(initial=0))), -1, dtype=np.int64)
    for c in range(out.shape[1]):
        has = n > c
        out[has, c] = o[lo[has] + c]
    return out, n


def _widen(rows: np.ndarray, width: int) -> np.ndarray:
    if rows.shape[1] >= width:
        return rows
    return np.hstack([rows, np.full((len(rows), width - rows.shape[1]), -1, dtype=np.int64)])


def _row_numbers(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A number per distinct row, and the distinct rows (column by column: ``np.unique(axis=0)`` is
    several times slower).

    >>> numbers, distinct = _row_numbers(np.array([[1, -1], [2, 3], [1, -1]]))
    >>> numbers.tolist(), distinct.tolist()
    ([0, 1, 0], [[1, -1], [2, 3]])
    """
    number = np.zeros(len(rows), dtype=np.int64)
    for c in range(rows.shape[1]):
        span = int(rows[:, c].max(initial=-1)) + 2
        _, number = np.unique(number * span + rows[:, c] + 1, return_inverse=True)
        number = number.reshape(-1)
    if not len(rows):
        return number, rows
    order = np.argsort(number, kind="stable")  # the first row of each number: where its run starts
    return number, rows[order[np.flatnonzero(np.r_[True, np.diff(number[order]) != 0])]]


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
    out, illustrative = {}, facts.subject_set("illustrative", "division")
    for s in facts.subjects("division"):
        out[s] = Region(s, facts.label(s), facts.one(s, "division"), frozenset(facts.get(s, "gemeente")),
                        facts.one(s, "region-parent"), s in illustrative)
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
