"""The analytical snapshot gives every rule the same findings as its own fact query.

Proven on every hand-made rule case (with its parameters), on the shipped data with and without each
filter, and on a small synthetic national dataset; plus the snapshot's own mechanics: splitting a query into
blocks, the rows of each block, a stale snapshot (a changed block runs live), the store written by
``izagraph load`` and switching the snapshot off.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache

import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset
from izagraph.queries import load_query
from izagraph.rules import ALL_RULES, check
from izagraph.snapshot import SNAPSHOT_DIR, Snapshot, plan, split_union

from .conftest import ROOT
from .test_rules import CASES, TODAY, graph_for

SHIPPED = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]


def findings(report) -> list[dict]:
    return [f.to_dict() for f in report.findings]


def pair(graph):
    """The same graph twice: without a snapshot (every rule runs its query) and with one."""
    return OxigraphBackend.from_graph(graph), OxigraphBackend.from_graph(graph, snapshot=True)


@pytest.mark.parametrize("folder", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_every_rule_case_gives_the_same_findings_through_the_snapshot(folder):
    spec = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    plain, snap = pair(graph_for(folder))
    expected = findings(check(plain, [spec["rule"]], spec["params"], today=TODAY))
    assert findings(check(snap, [spec["rule"]], spec["params"], today=TODAY)) == expected
    # and with all rules at once (one set of shared facts for all), this rule's findings are the same
    together = check(snap, None, today=TODAY)
    alone = check(plain, None, today=TODAY)
    assert findings(together) == findings(alone)


@lru_cache(maxsize=None)
def shipped_pair():
    return pair(load_dataset(SHIPPED).graph)


@pytest.mark.parametrize("filters", [
    {}, {"region": "iza-zuid-kennemerland-ijmond"}, {"region": "iza-haaglanden"}, {"region": "iza-subregio-kennemerland"}, {"programme": "iza"}, {"programme": "roaz"},
    {"theme": "preventie"}, {"region": "iza-zuid-kennemerland-ijmond", "programme": "iza"},
], ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_the_shipped_data_gives_the_same_findings_through_the_snapshot(filters):
    plain, snap = shipped_pair()
    expected = findings(check(plain, None, today=TODAY, **filters))
    assert expected or not filters  # the unfiltered shipped data has findings: the comparison is not empty
    assert findings(check(snap, None, today=TODAY, **filters)) == expected


def test_one_rule_alone_reads_its_own_facts_and_finds_what_its_query_finds():
    """A check of a few rules shares the facts of those rules only (a cheaper set than all rules'); on one
    snapshot, checks of different rule sets, filtered and not, keep apart and equal the queries' findings."""
    plain, snap = shipped_pair()
    for rules, filters in [(["clusters"], {}), (["missing-perspectives"], {"region": "iza-haaglanden"}),
                           (["clusters", "brokers"], {"programme": "iza"}), (None, {"region": "iza-haaglanden"}),
                           (["table-gaps"], {})]:
        expected = findings(check(plain, rules, today=TODAY, **filters))
        assert findings(check(snap, rules, today=TODAY, **filters)) == expected, (rules, filters)
    bases = [k for k in snap.snapshot._shared if k == "facts" or (isinstance(k, tuple) and k[0] == "facts")]
    assert ("facts", ("clusters",)) in bases and "facts" in bases


def test_a_synthetic_national_sample_gives_the_same_findings_through_the_snapshot(tmp_path):
    from izagraph.synthetic import generate

    folder = generate(tmp_path / "synthetic", 0.05, seed=3)
    plain, snap = pair(load_dataset([folder]).graph)
    expected = findings(check(plain, None, today=TODAY))
    assert len(expected) > 20
    assert findings(check(snap, None, today=TODAY)) == expected


def test_stored_rows_are_the_rows_of_the_query():
    plain, snap = shipped_pair()
    for rule in ALL_RULES:
        query = rule.query()
        ctx = rule.context({}, today=TODAY)
        expected = Counter(json.dumps(r, sort_keys=True) for r in plain.rows(query, ctx.bound()))
        got = Counter(json.dumps(r, sort_keys=True) for r in snap.snapshot.rows(query, ctx.bound(), snap))
        assert got == expected, rule.id


def test_a_bound_filter_runs_the_blocks_that_use_it_live():
    plain, snap = shipped_pair()
    query = load_query("drukte-organisation")
    params = {"region": "https://w3id.org/izagraph/id/region/iza-zuid-kennemerland-ijmond", "programme": None, "theme": None}
    expected = Counter(json.dumps(r, sort_keys=True) for r in plain.rows(query, params))
    got = Counter(json.dumps(r, sort_keys=True) for r in snap.snapshot.rows(query, params, snap))
    assert got == expected
    in_scope = [r for r in plain.rows(query, params) if r["fact"] == "in-scope"]
    everything = [r for r in plain.rows(query, {}) if r["fact"] == "in-scope"]
    assert 0 < len(in_scope) < len(everything)  # the filter did select


def test_a_stale_snapshot_runs_the_blocks_it_does_not_know_live():
    plain, snap = shipped_pair()
    stale = Snapshot(snap.snapshot.values, dict(snap.snapshot.blocks), snap.snapshot.built)
    for key, _ in plan(load_query("missing-perspectives")).blocks[:5]:
        stale.blocks.pop(key, None)  # as if these blocks had changed since the load
    assert not stale.covers(load_query("missing-perspectives"))
    other = OxigraphBackend(snap.store, stale)
    assert findings(check(other, None, today=TODAY)) == findings(check(plain, None, today=TODAY))


def test_load_writes_the_snapshot_and_check_uses_it(tmp_path, monkeypatch):
    from izagraph.store import build_store, require_store

    store = tmp_path / "store"
    build_store(load_dataset(SHIPPED).graph, store, ["shipped"])
    folder = require_store(store) / SNAPSHOT_DIR
    index = json.loads((folder / "index.json").read_text())
    assert index["blocks"] > 40 and index["rows"] > 1000
    with_snapshot = OxigraphBackend.from_store(store)
    assert with_snapshot.snapshot is not None
    monkeypatch.setenv("IZAGRAPH_SNAPSHOT", "off")
    without = OxigraphBackend.from_store(store)
    assert without.snapshot is None
    assert findings(check(with_snapshot, None, today=TODAY)) == findings(check(without, None, today=TODAY))


def test_a_damaged_snapshot_is_ignored_not_trusted(tmp_path):
    from izagraph.store import build_store, require_store

    store = tmp_path / "store"
    build_store(load_dataset(SHIPPED).graph, store, ["shipped"])
    (require_store(store) / SNAPSHOT_DIR / "values.json").write_text("[1, 2", encoding="utf-8")
    assert OxigraphBackend.from_store(store).snapshot is None


def test_split_union_keeps_braces_in_strings_iris_and_comments():
    text = """PREFIX x: <http://x/a#b>
SELECT ?s ?o WHERE {
  { ?s x:p "a } b" . }   # a comment with a } brace
  UNION
  { ?s <http://x/{c}> ?o . }
}"""
    head, blocks = split_union(text)
    assert head.strip().endswith("SELECT ?s ?o")
    assert blocks == ['{ ?s x:p "a } b" . }', "{ ?s <http://x/{c}> ?o . }"]
    assert split_union(text.replace("UNION", "OPTIONAL")) is None
    assert split_union(text + " ORDER BY ?s") is None


def test_every_rule_query_splits_into_blocks():
    for rule in ALL_RULES:
        p = plan(rule.query())
        assert not p.whole and len(p.blocks) >= 5, rule.id


def test_the_network_rules_lean_seat_pass_gives_the_seats_of_the_full_one(tmp_path):
    """``active_members_by_table`` reads seats straight from the fact columns when no rule built the full
    seats yet; it must give exactly the pairs (and order) of the full seats."""
    import datetime as dt

    from izagraph.rules.facts import Facts, active_members_by_table, active_seats_by_table
    from izagraph.synthetic import generate

    folder = generate(tmp_path / "synthetic", 0.05, seed=5)
    for paths in (SHIPPED, [folder]):
        snap = OxigraphBackend.from_graph(load_dataset(paths).graph, snapshot=True).snapshot
        for day in (dt.date(2025, 6, 1), dt.date(2020, 1, 1)):
            lean = active_members_by_table(Facts.from_ids(*snap._union_ids(None)), day)
            full = Facts.from_ids(*snap._union_ids(None))
            expected = {t: [(s.iri, s.member) for s in seated] for t, seated in active_seats_by_table(full, day).items()}
            assert lean == expected and sum(map(len, lean.values())) > 10
