"""The numpy paths of the rules' derived structures (izagraph/rules/facts.py, perspectives.py, pairs.py,
network.py) against plain Python reference implementations written from their definitions: on the snapshot's
facts and on facts built from rows of a small synthetic dataset and of the shipped data, and on hand-made edge
cases (no seats, no values for a fact, a subject asked for twice, ties in names, no tables selected); and what
findings rest on, given as ids, against the IRIs each rule's definition names."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import numpy as np
import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset
from izagraph.rules import get_rule
from izagraph.rules.facts import (Facts, _active_iris, _groups, _one, _tables, active_seats, broader,
                                  is_active, seat_columns)
from izagraph.rules.pairs import Overlaps, need_for
from izagraph.synthetic import generate
from izagraph.vocab import vocabulary

from .conftest import ROOT

TODAY = dt.date(2026, 12, 1)
DAYS = (TODAY, dt.date(2020, 1, 1), dt.date(2035, 6, 30))
RULES = ["drukte-organisation", "missing-perspectives", "theme-perspectives", "duplicate-tables", "table-gaps"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """(name, facts): the snapshot's shared facts and facts built from the rules' rows, on a small synthetic
    dataset and on the shipped data."""
    folder = generate(tmp_path_factory.mktemp("vectorised") / "s", 0.05, 5)
    datasets = [("synthetic", [folder])]
    shipped = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]
    if all((p / "tables.csv").exists() for p in shipped):
        datasets.append(("shipped", shipped))
    out = []
    for name, folders in datasets:
        backend = OxigraphBackend.from_graph(load_dataset(folders).graph, snapshot=True)
        snap = backend.snapshot
        out.append((f"{name}, snapshot", Facts.from_ids(*snap._union_ids(None))))
        out.append((f"{name}, rows", Facts([r for rule in RULES for r in snap.rows(get_rule(rule).query(), {},
                                                                                    backend)])))
    return out


def reference_tables(facts):
    """The tables as the rules built them fact by fact, with ``Facts.get``."""
    out = {}
    for s in facts.subjects("is", "table"):
        covers = facts.get(s, "covers")
        meetings = facts.one(s, "meetings")
        out[s] = dict(
            iri=s, label=facts.label(s), kind=facts.one(s, "kind"),
            programmes=frozenset(facts.get(s, "programme")), themes=frozenset(facts.get(s, "theme")),
            start=facts.one(s, "start"), end=frozenset(facts.get(s, "end")),
            gemeenten=frozenset(covers or facts.get(s, "spatial-gemeente")),
            spatial=frozenset(facts.get(s, "spatial")), parent=facts.one(s, "parent"),
            in_scope=False, illustrative=facts.has(s, "illustrative"),
            regional_structure=True in facts.get(s, "regional-structure"),
            meetings=float(meetings) if meetings is not None else None,
            territory_regions=frozenset() if covers else frozenset(facts.get(s, "spatial")))
    return out


def test_tables_from_the_fact_columns_are_the_tables_fact_by_fact(cases):
    for name, facts in cases:
        got, want = _tables(facts), reference_tables(facts)
        assert list(got) == list(want) and len(got) > 5, name
        assert {i: t.__dict__ for i, t in got.items()} == want, name
        for day in DAYS:  # active per distinct dates = active table by table
            assert _active_iris(facts, day) == {i for i, t in got.items() if t.active(day)}, (name, day)


def test_groups_by_count_and_by_search_agree(cases):
    """``_groups`` finds each subject's values with a count per id for many subjects and with a binary
    search for a few: both give, subject by subject, the values of ``Facts.get`` (the one value when there is
    one, -1 otherwise), also for a subject asked for twice, a subject without the fact and a fact that no
    subject has."""
    for name, facts in cases:
        names = facts.id_names()
        subjects = facts.ids("table")[0]
        subjects = np.r_[subjects, subjects[:3]]  # asked for twice
        for fact in ("member", "behalf", "end", "perspective", "no-such-fact"):
            many = _groups(facts, fact, subjects)
            o = facts.ids(fact)[1]
            for j in range(0, len(subjects), max(1, len(subjects) // 40)):
                few = _groups(facts, fact, subjects[j:j + 1])
                assert [int(x[0]) for x in few] == [int(x[j]) for x in many], (name, fact)
                one, lo, n = (int(x[j]) for x in many)
                values = {names[i] for i in o[lo:lo + n].tolist()}
                assert values == set(facts.get(names[subjects[j]], fact)), (name, fact)
                assert (names[one] if one >= 0 else None) == (_one(values) if len(values) == 1 else None)


def test_coverage_bit_sets_are_the_union_of_the_seats(cases):
    """Per table, the perspectives its active seats stand for (with everything broader) and those with a
    recorded mandate: the bit sets OR-ed with numpy equal the union over the Seat objects; and each table's
    distinct sets of perspectives are those of its seats, ascending."""
    from izagraph.rules.perspectives import _coverage, coverage

    vocab = vocabulary()
    for name, facts in cases:
        for day in DAYS[:2]:
            every, mandated, sets = defaultdict(set), defaultdict(set), defaultdict(set)
            for s in active_seats(facts, day):
                closure = set().union(*(broader(vocab, p) for p in s.seat_perspectives()))
                every[s.table] |= closure
                if s.mandate is True:
                    mandated[s.table] |= closure
                sets[s.table].add(s.seat_perspectives())
            got = coverage(facts, day, vocab)
            assert got == {t: (frozenset(every[t]), frozenset(mandated[t])) for t in every}, (name, day)
            cols = seat_columns(facts, day)
            given = _coverage(facts, day, vocab)[1]
            assert {t: {cols.perspective_sets[k] for k in ks} for t, ks in given.items()} == sets, (name, day)
            assert all(ks == sorted(set(ks)) for ks in given.values())


def test_members_by_table_are_the_active_seats_grouped(cases):
    """(seat, member) pairs per table: tables in the order of their first seat by IRI, seats by IRI."""
    for name, facts in cases:
        for day in DAYS[:2]:
            want: dict[str, list] = {}
            for s in sorted(active_seats(facts, day), key=lambda s: s.iri):
                want.setdefault(s.table, []).append((s.iri, s.member))
            got = seat_columns(facts, day).members_by_table()
            assert got == want and list(got) == list(want) and len(got) > 3, (name, day)


def test_members_per_table_built_on_first_use(cases):
    for name, facts in cases:
        cols = seat_columns(facts, TODAY)
        members, persons = defaultdict(set), defaultdict(set)
        for s in active_seats(facts, TODAY):
            members[s.table].add(s.member)
            if s.member_kind == "person":
                persons[s.table].add(s.member)
        keys = [*members, "https://example.org/no-seats"]
        at, people = cols.members_at(tables=keys), cols.members_at(persons=True, tables=keys)
        assert at == {t: frozenset(members.get(t, ())) for t in keys}, name
        assert people == {t: frozenset(persons.get(t, ())) for t in keys}, name
        with pytest.raises(KeyError):
            at["https://example.org/not-a-key"]


def test_no_seats_at_all():
    """A table without seats: no coverage, no members, no pairs (edge case: empty seat columns)."""
    from izagraph.rules.perspectives import _coverage

    facts = Facts([{"s": "t", "fact": "is", "o": "table"}, {"s": "t", "fact": "label", "o": "T"}])
    assert _coverage(facts, TODAY, vocabulary())[:2] == ({}, {})
    cols = seat_columns(facts, TODAY)
    assert len(cols) == 0 and cols.members_by_table() == {} and cols.members_at() == {}
    assert list(_tables(facts)) == ["t"] and _active_iris(facts, TODAY) == {"t"}
    assert is_active([], TODAY)


def _random_sets(seed: int, n: int = 80, elements: int = 50) -> dict[str, set]:
    rng = random.Random(seed)
    common = [f"e{i:02d}" for i in range(5)]  # a few elements in most sets, as a GGD at many tables
    return {f"t{i:03d}": {rng.choice(common) for _ in range(rng.randrange(3))}
            | {f"e{rng.randrange(elements):02d}" for _ in range(rng.randrange(0, 12))} for i in range(n)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_overlaps_from_pairs_equal_overlaps_of_sets(seed):
    """The incidence given as (row, element) pairs is the incidence of the sets: same rows, same rarity
    order (ties by name), same inverted index and bit sets, same pairs for every bound."""
    sets = _random_sets(seed)
    ref = Overlaps(sets)
    keys = sorted(sets)
    elements = sorted({e for v in sets.values() for e in v})
    pairs = [(r, elements.index(e)) for r, k in enumerate(keys) for e in sorted(sets[k])]
    random.Random(seed).shuffle(pairs)  # any order
    got = Overlaps.from_pairs(keys, np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs]),
                              len(elements))
    assert got.keys == ref.keys and got.sizes.tolist() == ref.sizes.tolist()
    for part in ("_row_start", "_row_elements", "_col_start", "_col_rows", "_bits"):
        assert np.array_equal(getattr(got, part), getattr(ref, part)), part
    bits = np.zeros_like(ref._bits)  # the bit sets, one bit at a time
    for r, k in enumerate(keys):
        for e in sets[k]:
            c = elements.index(e)
            bits[r, c >> 3] |= 1 << (c & 7)
    assert np.array_equal(ref._bits, bits)
    for fraction in (0.2, 0.5, 1.0):
        need = need_for(fraction, ref.sizes)
        want = {(a, b): len(sets[a] & sets[b]) for i, a in enumerate(keys) for b in keys[i + 1:]
                if len(sets[a] & sets[b]) >= max(1, min(need[i], need[keys.index(b)]))}
        assert got.pairs(need) == ref.pairs(need) == want, fraction


def test_overlaps_of_no_sets():
    empty = Overlaps.from_pairs([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0)
    assert empty.pairs(need_for(0.5, empty.sizes)) == {} == Overlaps({}).pairs(np.zeros(0, dtype=np.int64))


# -- what findings rest on, as ids (FactIds), and the network scopes read from the seat columns ------------

def test_subject_sets_and_labels_are_those_of_the_facts(cases):
    for name, facts in cases:
        for fact in ("illustrative", "division", "member", "no-such-fact"):
            assert facts.subject_set(fact) == frozenset(facts.subjects(fact)), (name, fact)
        iris = [*facts.subjects("member")[:50], *facts.subjects("division"), "https://example.org/x/unlabelled", None]
        assert facts.labels(iris) == [facts.label(i) for i in iris], name


def _seat_refs(seats) -> set[str]:
    return {x for s in seats for x in (s.iri, s.member, *s.behalf)}


def test_scopes_from_the_seat_columns_are_the_scopes_of_the_seat_pairs(cases):
    """The scopes' members, tables and (member, table) numbers read from the seat id columns equal those
    built from the (seat, member) pairs per table by name; what a finding about members at some of a
    scope's tables rests on (ids) is the tables, their active seats and members."""
    from izagraph.rules import network
    from izagraph.rules.facts import active_tables

    rng = random.Random(7)
    for name, facts in cases:
        for day, how in ((TODAY, "region"), (TODAY, "programme"), (DAYS[1], "all")):
            everything = active_tables(facts, day)
            for ts in (everything, dict(list(everything.items())[::3]), {}):
                seats_at = {t: p for t, p in seat_columns(facts, day).members_by_table().items() if t in ts}
                want = []
                for key, group in sorted(network._groups(facts, ts, how).items()):
                    where = {(m, t) for t in group for _, m in seats_at.get(t, ())}
                    if where:
                        members, tables = sorted({m for m, _ in where}), sorted({t for _, t in where})
                        want.append((key, members, tables,
                                     sorted((members.index(m), tables.index(t)) for m, t in where)))
                seated, scopes, _ = network._scopes(facts, ts, day, how)
                assert [(s.key, s.members, s.tables, list(zip(s.m.tolist(), s.t.tolist()))) for s in scopes] == want
                for scope in scopes:
                    parts = network._table_parts(ts, seated, {}, scope)
                    for at in ([], list(range(len(scope.tables))), rng.sample(range(len(scope.tables)),
                                                                               min(3, len(scope.tables)))):
                        rests, _, _ = network._rests_on(facts, seated, parts, at, "subject")
                        tables = [scope.tables[j] for j in at]
                        assert rests == {"subject", *tables, *(x for t in tables for p in seats_at[t] for x in p)}


def test_findings_rest_on_what_their_rule_says(tmp_path):
    """drukte, perspective and pair findings rest on ids (FactIds): read as text they are, finding by finding,
    the IRIs each rule's definition names, built here from the Seat objects and tables."""
    from izagraph.rules import check
    from izagraph.rules.drukte import _within
    from izagraph.rules.facts import active_seats_by_table, active_tables, table_facts
    from izagraph.rules.perspectives import criteria, structure

    folder = generate(tmp_path / "s", 0.05, 6)
    backend = OxigraphBackend.from_graph(load_dataset([folder]).graph, snapshot=True)
    params = {"drukte-organisation.max_tables": 2, "drukte-gemeente.max_tables": 3, "drukte-region.max_tables": 2,
              "duplicate-tables.min_jaccard": 0.3, "subset-tables.min_containment": 0.5}
    rules = ["drukte-organisation", "drukte-gemeente", "drukte-region", "missing-perspectives",
             "theme-perspectives", "duplicate-tables", "subset-tables", "en-en"]
    report = check(backend, rules, params, today=TODAY)
    facts = backend.snapshot.shared_rows(get_rule("drukte-region").query(), {}, backend).facts
    ts, seated = active_tables(facts, TODAY), active_seats_by_table(facts, TODAY)
    crit = {c.id: c.iri for c in criteria(facts, vocabulary())}
    seen = defaultdict(int)
    for f in report.findings:
        seen[f.rule] += 1
        if f.rule == "drukte-organisation":
            seats = [s for ss in seated.values() for s in ss if f.subject in s.organisations()]
            want = {f.subject, *(s.table for s in seats), *_seat_refs(seats)}
        elif f.rule == "drukte-gemeente":
            want = {f.subject, *(x for t in ts.values() if f.subject in t.gemeenten for x in table_facts(t))}
        elif f.rule == "drukte-region":
            tables = {t.iri for t in ts.values() for own in t.spatial if f.subject in _within(own, facts)}
            want = tables | {s.iri for t in tables for s in seated.get(t, ())}  # the seats, not their members
        elif f.rule.endswith("perspectives"):
            layers = structure(f.subject, ts) if f.rule == "missing-perspectives" else {f.subject: 1}
            want = {*layers, crit[f.evidence["criterion"]], *_seat_refs(s for t in layers for s in seated.get(t, ()))}
        else:  # a pair of tables
            pair = [ts[f.subject], ts[f.evidence["other"]]]
            want = {x for t in pair for x in table_facts(t)}
            want |= _seat_refs(s for t in pair for s in seated.get(t.iri, ()))
        assert set(f.facts) == want, (f.rule, f.subject)
    assert all(seen[r] for r in rules[:5]) and sum(seen[r] for r in rules[5:]), dict(seen)


def test_regions_per_division_from_the_table_index_are_region_counts(cases):
    """A member's regions per division, counted from the table index's regions-as-counted, equal
    ``region_counts`` of its tables' regions (a subregion counts as its region), for members at one table,
    at many, and at tables without a region."""
    from izagraph.rules.drukte import _member_measures, _table_index, region_counts

    vocab = vocabulary()
    rng = random.Random(3)
    for name, facts in cases:
        ix = _table_index(facts, TODAY, vocab)
        n = len(ix.iris)
        for at in ([], [0], list(range(n)), *(sorted(rng.sample(range(n), min(n, k))) for k in (2, 7, 30))):
            _, regions, per_division, _, measures = _member_measures([], at, ix)
            assert per_division == region_counts(regions, facts), (name, at)
            assert measures["regions"] == max(per_division.values(), default=0)
