"""Brokers and clusters are built within a scope: per region by default, per programme, or over a chosen
set; and the igraph network gives the same answers as the networkx reference on random graphs."""

from __future__ import annotations

import random

import pytest

from izagraph.analytics import coaffiliation as nxnet
from izagraph.analytics import comembership as ignet
from izagraph.backends.sparql import OxigraphBackend
from izagraph.errors import ParameterError
from izagraph.rules import check

from .conftest import random_memberships
from .test_rules import RULES_DATA, TODAY, graph_for

NATIONAL = RULES_DATA / "brokers" / "national-actor"


def run(rule, **params):
    return check(OxigraphBackend.from_graph(graph_for(NATIONAL)), [rule], params, today=TODAY).findings


def test_the_national_network_is_an_explicit_choice_and_then_the_insurer_links_noord_and_zuid():
    # scope=all builds one network over all four tables: without the insurer it falls apart into
    # {GGZ Noord, Ziekenhuis Noord} and {VVT Noord, Welzijn Noord}.
    findings = run("brokers", scope="all")
    assert [f.subject.rsplit("/", 1)[-1] for f in findings] == ["verzekeraar"]
    assert findings[0].evidence["parts"] == [["GGZ Noord", "Ziekenhuis Noord"], ["VVT Noord", "Welzijn Noord"]]
    assert findings[0].evidence["scope"] == ""
    # and the two regions are two clusters beside each other
    assert len(run("clusters", scope="all", min_size=2)) == 2


def test_a_chosen_set_of_tables_is_one_network():
    assert [f.subject.rsplit("/", 1)[-1] for f in run("brokers", scope="all", tables="n1,z1")] == ["verzekeraar"]
    assert run("brokers", scope="all", tables="n1,n2") == []


def test_per_programme_all_four_iza_tables_are_one_network():
    assert [f.subject.rsplit("/", 1)[-1] for f in run("brokers", scope="programme")] == ["verzekeraar"]


def test_the_region_filter_keeps_one_region_and_its_subregion():
    assert run("brokers", region="iza-noord") == []
    assert run("brokers", region="iza-noord", scope="all") == []


def test_an_unknown_scope_is_refused_with_a_suggestion():
    with pytest.raises(ParameterError, match="bedoelde u 'region'"):
        run("brokers", scope="regio")


@pytest.mark.parametrize("seed", range(6))
def test_igraph_network_equals_the_networkx_reference(seed):
    pairs = random_memberships(seed, 40, 30, 70, width=2)
    G = nxnet.co_membership(nxnet.affiliation_graph(pairs))
    net = ignet.co_membership(pairs)
    assert sorted(net.edges()) == sorted((*sorted((a, b)), w) for a, b, w in G.edges(data="weight"))
    assert ignet.articulation_splits(net, 2) == nxnet.articulation_splits(G, 2)
    reference = nxnet.centrality(G)
    assert ignet.betweenness(net) == pytest.approx({n: c["betweenness"] for n, c in reference.items()}, abs=1e-6)


def test_leiden_clusters_are_the_same_on_every_run():
    rnd = random.Random(7)
    pairs = {(f"m{rnd.randrange(60)}", f"t{rnd.randrange(20)}") for _ in range(150)}
    first = ignet.communities(ignet.co_membership(pairs))
    assert all(ignet.communities(ignet.co_membership(sorted(pairs, reverse=True))) == first for _ in range(3))


def test_map_findings_and_check_agree_for_the_same_scope(tmp_path):
    # brokers/positive (IZA Noord: the GPs join two groups) plus national-actor (the insurer and VVT/Welzijn
    # Noord also sit in Zuid). In Noord's network the GPs are the only link, so the map of IZA Noord and
    # `check --region iza-noord` both name them, and nobody else. (One national network would hide them:
    # VVT and Welzijn reach the insurer through Zuid.)
    from izagraph.load import load_dataset
    from izagraph.maps.scope import resolve_scope
    from izagraph.maps.site import load_network, rule_marks
    from izagraph.store import build_store

    from .test_rules import BASE

    store = tmp_path / "store"
    build_store(load_dataset([BASE, RULES_DATA / "brokers" / "positive", NATIONAL]).graph, store, ["t"])
    G, _ = load_network(store)
    region = next(n for n in G.nodes if n.endswith("/region/iza-noord"))
    marks = rule_marks(store, G, scope=resolve_scope(G, "region", "iza-noord"))
    report = check(OxigraphBackend.from_store(store), region=region)
    on_map = {(m.rule, m.subject.rsplit("/", 1)[-1]) for m in marks if m.rule == "brokers"}
    in_check = {(f.rule, f.subject.rsplit("/", 1)[-1]) for f in report.findings if f.rule == "brokers"}
    assert on_map == in_check == {("brokers", "huisartsen-noord")}
    national = check(OxigraphBackend.from_store(store), ["brokers"], {"scope": "all"})
    assert "huisartsen-noord" not in {f.subject.rsplit("/", 1)[-1] for f in national.findings}


# -- the network analyses stored at load ------------------------------------------------------------

def scope_of(pairs, stored=None, record=None):
    """A :class:`network.Scope` of (member, table) pairs, numbered as the rules number them."""
    import numpy as np

    from izagraph.rules.network import Scope

    members, tables = sorted({m for m, _ in pairs}), sorted({t for _, t in pairs})
    ranked = sorted((members.index(m), tables.index(t)) for m, t in pairs)
    m, t = (np.array(c, dtype=np.int32) for c in zip(*ranked))
    return Scope("", members, tables, m, t, stored, record)


def analyses(scope, min_part=1):
    return (scope.degree().tolist(), scope.betweenness().tolist(), [c.tolist() for c in scope.communities()],
            [(v, size, [p.tolist() for p in parts]) for v, size, parts in scope.splits(min_part)])


@pytest.mark.parametrize("seed", range(4))
def test_a_scope_by_number_gives_the_analyses_of_its_network_by_name(seed):
    pairs = random_memberships(seed, 40, 30, 70, width=2)
    scope, net = scope_of(pairs), ignet.co_membership(pairs)
    name = scope.members.__getitem__
    assert dict(zip(scope.members, scope.degree().tolist())) == net.degree()
    assert dict(zip(scope.members, scope.betweenness().tolist())) == ignet.betweenness(net)
    assert [[name(i) for i in c] for c in scope.communities()] == ignet.communities(net)
    assert [{"node": name(v), "component_size": size, "parts": [[name(i) for i in p] for p in parts]}
            for v, size, parts in scope.splits(2)] == ignet.articulation_splits(net, 2)


@pytest.mark.parametrize("seed", range(4))
def test_stored_analyses_are_the_analyses_and_only_of_the_same_network(seed, monkeypatch):
    pairs = random_memberships(seed, 40, 30, 70, width=2)
    record = {}
    live = analyses(scope_of(pairs, record=record))
    assert {name.split(".", 1)[1] for name in record} == {"degree", "betweenness", "communities", "splits-1"}
    for fn in ("community_indices", "betweenness_values", "split_indices", "co_membership_ids"):
        monkeypatch.setattr(ignet, fn, lambda *a, **k: pytest.fail("analysed again"))
    assert analyses(scope_of(pairs, stored=record)) == live
    monkeypatch.undo()
    # one membership more (or one table renamed) is another network: nothing stored applies to it
    member, table = sorted(pairs)[0]
    for other in (pairs | {(member, "t99")}, {(m, "t00b" if t == table else t) for m, t in pairs}):
        again = {}
        scope_of(other, stored=record, record=again).degree()
        assert list(again) == [f"{scope_of(other).digest()}.degree"] != [f"{scope_of(pairs).digest()}.degree"]


def test_a_stored_analysis_of_the_wrong_length_is_not_used():
    pairs = random_memberships(1, 20, 10, 30)
    record = {}
    expected = scope_of(pairs, record=record).degree().tolist()
    broken = {name: value[:-1] for name, value in record.items()}
    assert scope_of(pairs, stored=broken).degree().tolist() == expected


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from izagraph.load import load_dataset
    from izagraph.rules.network import stored_analyses
    from izagraph.snapshot import Snapshot
    from izagraph.synthetic import generate

    from .test_rules_scale_parity import TODAY as DAY
    from .test_rules_scale_parity import add_a_broker

    folder = generate(tmp_path_factory.mktemp("synthetic") / "data", scale=0.02, seed=5)
    region = add_a_broker(folder)
    live = OxigraphBackend.from_graph(load_dataset([folder]).graph, snapshot=True)
    snap = live.snapshot
    stored = Snapshot(snap.values, snap.blocks, snap.built, stored_analyses(snap, live, DAY))
    return OxigraphBackend.from_graph(load_dataset([folder]).graph), OxigraphBackend(live.store, stored), region, DAY


def network_findings(backend, day, **options):
    report = check(backend, ["brokers", "clusters"], today=day, **options)
    return [{**f.to_dict(), "facts": sorted(f.facts)} for f in report.findings]


def test_a_check_with_the_analyses_stored_at_load_gives_the_same_findings(generated, monkeypatch):
    import datetime as dt

    plain, stored, region, day = generated
    expected = network_findings(plain, day)
    assert {f["rule"] for f in expected} == {"brokers", "clusters"}
    cases = [({}, day), ({"region": region}, day), ({"params": {"min_size": 2, "min_part": 1}}, day),
             ({}, day + dt.timedelta(days=3650))]
    wanted = [network_findings(plain, d, **options) for options, d in cases]
    for fn in ("community_indices", "betweenness_values", "split_indices"):  # the default check analyses nothing
        monkeypatch.setattr(ignet, fn, lambda *a, **k: pytest.fail("analysed at check time"))
    assert network_findings(stored, day) == expected
    monkeypatch.undo()
    assert [network_findings(stored, d, **options) for options, d in cases] == wanted


def test_stored_splits_that_cannot_be_this_networks_splits_are_not_used():
    pairs = random_memberships(2, 40, 30, 70, width=2)
    record = {}
    expected = analyses(scope_of(pairs, record=record))
    assert expected[3], "the network must have splits"
    name = next(n for n in record if n.endswith(".splits-1"))
    for broken in (record[name][:-1], record[name] + 1000, record[name][:2]):
        assert analyses(scope_of(pairs, stored={**record, name: broken})) == expected
