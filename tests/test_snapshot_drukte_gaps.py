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
