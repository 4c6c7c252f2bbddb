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
