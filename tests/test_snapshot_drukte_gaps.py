"""The drukte and gaps rules give the same findings on the analytical snapshot's shared facts (with their
memoised columns and indexes, shared by all rules in one check) as on their own fact queries: on a small
generated synthetic dataset, without a filter, with a region, programme or theme filter, and in relative
mode."""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import Counter

import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset
from izagraph.rules import check, get_rule
from izagraph.synthetic import generate

from .conftest import ROOT

RULES = ["drukte-organisation", "drukte-person", "drukte-gemeente", "drukte-region", "table-gaps",
         "structure-gaps", "mandate-gaps"]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = generate(tmp_path_factory.mktemp("synthetic") / "s", 0.05, 3)
    graph = load_dataset([folder]).graph
    with (folder / "tables.csv").open(encoding="utf-8") as fh:
        busiest = Counter(row["region"] for row in csv.DictReader(fh)).most_common(1)[0][0]
    return OxigraphBackend.from_graph(graph), OxigraphBackend.from_graph(graph, snapshot=True), busiest


def findings(backend, filters: dict, params: dict) -> list[dict]:
    rules = [r for r in RULES if set(filters) | set(params) <= set(get_rule(r).param_specs())]
    return [f.to_dict() for f in check(backend, rules, params=params, today=TODAY, **filters).findings]


@pytest.mark.parametrize("filters, params", [
    ({}, {}), ("region", {}), ({"programme": "iza"}, {}), ({"theme": "mentale-gezondheid"}, {}),
    ({}, {"percentile": 75}), ("region", {"percentile": 75}), ({}, {"today": "2024-01-01"}),
], ids=["none", "region", "programme", "theme", "relative", "region-relative", "other-day"])
def test_same_findings_with_and_without_snapshot(data, filters, params):
    plain, snapshot, busiest = data
    if filters == "region":
        filters = {"region": busiest}
    assert snapshot.snapshot is not None and plain.snapshot is None
    expected = findings(plain, filters, params)
    assert expected, "the case should have findings to compare"
    # a check with other filters first: what it memoised on the shared facts must not leak into this one
    findings(snapshot, {"region": busiest} if not filters else {}, {})
    assert findings(snapshot, filters, params) == expected


def test_filter_narrows_the_findings(data):
    """The region filter reaches every rule on the shared facts: per rule, no more findings than without
    it, and fewer in all."""
    _, snapshot, busiest = data
    everywhere, here = findings(snapshot, {}, {}), findings(snapshot, {"region": busiest}, {})
    per_rule = lambda found: Counter(f["rule"] for f in found)  # noqa: E731
    assert all(per_rule(here)[r] <= per_rule(everywhere)[r] for r in RULES)
    assert 0 < len(here) < len(everywhere)


@pytest.fixture(scope="module")
def shipped():
    data = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]
    if not all((p / "tables.csv").exists() for p in data):
        pytest.skip("shipped data missing")
    return OxigraphBackend.from_graph(load_dataset(data).graph, snapshot=True)


@pytest.mark.parametrize("dataset, kind", [("synthetic", "organisation"), ("shipped", "organisation"),
                                           ("shipped", "person")])
def test_member_columns_equal_the_measures_of_each_member(request, dataset, kind):
    """The numpy group-bys that choose who gets a finding give, for every member, the measures its finding
    reports (computed per member in Python). The shipped data has persons (seats on behalf of one
    organisation count for it); the synthetic data has many organisations."""
    from izagraph.rules import drukte
    from izagraph.rules.facts import active_tables
    from izagraph.vocab import vocabulary

    snapshot = request.getfixturevalue("data")[1] if dataset == "synthetic" else request.getfixturevalue("shipped")
    vocab = vocabulary()
    rows = snapshot.snapshot.shared_rows(get_rule(f"drukte-{kind}").query(), {}, snapshot)
    facts = rows.facts
    ix, tix = drukte._member_index(facts, TODAY, vocab, kind), drukte._table_index(facts, TODAY, vocab)
    assert len(ix.members) > 3
    ts = active_tables(facts, TODAY)
    for i, member in enumerate(ix.members):
        seats = ix.seats(i)
        owners = (s.organisations() if kind == "organisation" else {s.member} for s in seats)
        assert seats and all(member in owner for owner in owners)
        positions = sorted({tix.position[s.table] for s in seats})
        assert [tix.iris[p] for p in positions] == sorted({s.table for s in seats}, key=lambda t: (facts.label(t), t))
        measures = drukte._member_measures(seats, positions, tix, facts)[-1]
        columns = {m: ix.measures[m][i].item() for m in measures}
        if measures["meetings_per_year"] is None:  # unknown: NaN in the column
            assert math.isnan(columns["meetings_per_year"])
            columns["meetings_per_year"] = None
        assert columns == measures, member
    assert all(ts[t].active(TODAY) for t in tix.iris)


def _seat_cases(data, shipped):
    """(name, facts) of the snapshot's shared facts and of facts built from rows, on both datasets."""
    from izagraph.rules.facts import Facts

    for name, backend in (("synthetic", data[1]), ("shipped", shipped)):
        snap = backend.snapshot
        yield f"{name}, snapshot", Facts.from_ids(*snap._union_ids(None))
        yield f"{name}, rows", Facts([r for rule in RULES + ["missing-perspectives", "duplicate-tables"]
                                      for r in snap.rows(get_rule(rule).query(), {}, backend)])


def test_seat_columns_equal_the_seats(data, shipped):
    """The seat columns (numpy joins over the fact id columns) hold, seat by seat, what the Seat objects
    built from the fact dictionaries hold, on the snapshot's facts and on facts built from rows (the
    Neo4j and Cypher path); and the active selections are the seats whose dates and table are active."""
    from izagraph.rules.facts import _active_iris, _seats, seat_columns

    for name, facts in _seat_cases(data, shipped):
        cols, expected = seat_columns(facts), _seats(facts)
        by_iri, names = {s.iri: s for s in expected}, cols.names
        assert len(cols) == len(by_iri) == len(expected) > 20, name
        for j in range(len(cols)):
            s = by_iri[cols.iri(j)]
            one = lambda i: names[i] if i >= 0 else None  # noqa: E731
            assert (one(cols.table[j]), one(cols.member[j])) == (s.table, s.member), name
            assert bool(cols.person[j]) == (s.member_kind == "person"), name
            assert one(cols.behalf[j]) == (next(iter(s.behalf)) if len(s.behalf) == 1 else None), name
            assert cols.perspective_sets[cols.perspectives[j]] == s.seat_perspectives(), name
            assert {1: True, 0: False, -1: None}[int(cols.mandate[j])] == s.mandate, name
            assert bool(cols.illustrative[j]) == s.illustrative, name
            assert cols.date_pairs[cols.dates[j]] == (s.end, s.start), name
            assert cols.seat_of(j) == s and sorted(cols.seat_facts([j])) == sorted([s.iri, s.member, *s.behalf])
        for day in (TODAY, dt.date(2020, 1, 1)):
            active = _active_iris(facts, day)
            for everywhere in (False, True):
                chosen = seat_columns(facts, day, everywhere=everywhere)
                want = [s.iri for s in expected if s.active(day) and (everywhere or s.table in active)]
                assert [s.iri for s in chosen.seats(range(len(chosen)))] == want, (name, day, everywhere)
                assert want and chosen.seats(range(len(chosen))) == [by_iri[i] for i in want]


def test_seat_columns_give_the_network_rules_their_pairs(data, shipped):
    """``SeatColumns.members_by_table`` gives exactly the (seat, member) pairs, and their order, of
    ``active_members_by_table`` (what the network rules read) for the active seats."""
    from izagraph.rules.facts import active_members_by_table, seat_columns

    for name, facts in _seat_cases(data, shipped):
        for day in (TODAY, dt.date(2020, 1, 1)):
            pairs = seat_columns(facts, day).members_by_table()
            assert pairs == active_members_by_table(facts, day) and len(pairs) > 1, (name, day)
            assert list(pairs) == list(active_members_by_table(facts, day)), (name, day)


def test_equal_values_under_two_ids_are_one_value():
    """The snapshot numbers terms, so an IRI and a literal with the same text have two ids; as facts they
    are one value (as in a set), so the id columns give them one id and the seat columns join on it."""
    import numpy as np

    from izagraph.rules.facts import Facts, seat_columns

    values = ["s1", "table", "t", "member", "m", "t", "s2"]  # id 2 and id 5: the same "t"
    ids = lambda *xs: np.array(xs, dtype=np.int32)  # noqa: E731
    facts = Facts.from_ids(ids(0, 0, 6, 6), ids(1, 3, 1, 3), ids(2, 4, 5, 4), ids(-1, -1, -1, -1), values)
    _, tables = facts.ids("table")
    assert tables[0] == tables[1]
    assert list(seat_columns(facts, TODAY, everywhere=True).by_table()) == ["t"]


@pytest.mark.parametrize("filters", [{}, "region", {"programme": "iza"}])
def test_the_perspective_and_pair_rules_on_seat_columns(data, filters):
    """The perspective and duplicate-structure rules, which read the seat columns, give the same findings on
    the snapshot's shared facts as on their own fact queries."""
    plain, snapshot, busiest = data
    filters = {"region": busiest} if filters == "region" else filters
    rules = ["missing-perspectives", "theme-perspectives", "duplicate-tables", "subset-tables", "en-en"]
    expected = [f.to_dict() for f in check(plain, rules, today=TODAY, **filters).findings]
    assert expected
    assert [f.to_dict() for f in check(snapshot, rules, today=TODAY, **filters).findings] == expected


@pytest.mark.parametrize("one_key", [True, False])
def test_facts_from_ids_are_the_facts_of_the_rows(monkeypatch, one_key):
    """``Facts.from_ids`` (one sort key per row, or ``lexsort`` when the ids are too many for one int64; each
    fact's dictionary built on first read) gives the facts ``Facts(rows)`` gives: several values per subject,
    repeated rows, an IRI and a literal with the same text under two ids, labels from ``oLabel`` and from a
    subject's own ``label`` (the smallest wins), unbound cells left out."""
    import random

    import numpy as np

    from izagraph.rules import facts as facts_module
    from izagraph.rules.facts import Facts, values_of

    if not one_key:
        monkeypatch.setattr(facts_module, "_ONE_KEY", 0)
    rng = random.Random(7)
    values = ["label", "member", "theme", "end", "x", "x", 3, 3.0, True,
              *[f"s{i}" for i in range(12)], *[f"o{i}" for i in range(12)], "L1", "L0", "o1", "s2", "kind"]
    texts = [i for i, v in enumerate(values) if isinstance(v, str)]  # a subject is an IRI

    def pick(among):
        return -1 if rng.random() < 0.05 else rng.choice(among)

    rows = [(pick(texts), rng.randrange(4), pick(range(len(values))), rng.choice([-1, -1, len(values) - 5,
                                                                                  len(values) - 4]))
            for _ in range(400)]
    rows += rows[:50]  # repeated rows
    rows += [(9 + i, len(values) - 1, 21 + i, -1) for i in range(12)]  # "kind": one value per subject
    s, fact, o, label = (np.array(c, dtype=np.int32) for c in zip(*rows))
    snap = Facts.from_ids(s, fact, o, label, values)
    plain = Facts([{"s": values[a] if a >= 0 else None, "fact": values[f], "o": values[b] if b >= 0 else None,
                    "oLabel": values[c] if c >= 0 else None} for a, f, b, c in rows])
    assert type(snap.column("kind")["s0"]) is str  # one value each: kept bare
    for name in ("label", "member", "theme", "end", "kind", "missing"):
        assert {k: values_of(v) for k, v in snap.column(name).items()} == \
               {k: values_of(v) for k, v in plain.column(name).items()}, name
        assert snap.subjects(name) == plain.subjects(name)
    every = {v for v in values if isinstance(v, str)}
    assert {iri: snap.label(iri) for iri in every} == {iri: plain.label(iri) for iri in every}
    assert sorted(snap.items()) == sorted(plain.items())
