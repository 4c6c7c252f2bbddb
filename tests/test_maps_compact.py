"""The compact page data (izagraph/maps/compact.py) is the map's data, written shorter.

``unpack(pack(p)) == p`` on the maps the tool makes — the hostile mini network with findings, a national map
of 5,000 nodes, the overview — also after the JSON round trip through the page; the JavaScript twin of
``unpack`` gives the same (tests/test_maps_browser.py).
"""

from __future__ import annotations

import json

import pytest

from izagraph.maps import Scope, network_map, overview_map
from izagraph.maps.compact import columns, items, pack, unpack
from izagraph.maps.html import network_html, safe_json
from izagraph.maps.overlay import Mark
from izagraph.maps.site import check_marks, own_marks

from .test_maps import TODAY, G, hostile_store, page_data  # noqa: F401  (G, hostile_store: fixtures)
from .test_maps_browser import national_network


def plain_payload(spec) -> dict:
    """What ``MapSpec.payload()`` was before it packed: the spec's nodes and edges as they are."""
    return dict(unpack(spec.payload()), nodes=spec.nodes, edges=spec.edges)


@pytest.fixture(scope="module")
def big():
    G = national_network()
    tables = [n for n, a in G.nodes(data=True) if a["kind"] == "table"]
    marks = [Mark("gap", t, "table-gaps", "high" if i % 3 else "low", f"gat {i % 7}")
             for i, t in enumerate(tables[:300])]
    return network_map(G, Scope("national"), marks=marks, today=TODAY)


def test_the_packed_data_unpacks_to_the_maps_nodes_and_edges(hostile_store, G, big):
    marks = own_marks(check_marks(hostile_store), G)
    specs = [network_map(G, Scope("national"), marks=marks, today=TODAY), big, overview_map(G, today=TODAY)]
    for spec in specs:
        packed = spec.payload()
        assert unpack(packed)["nodes"] == spec.nodes and unpack(packed)["edges"] == spec.edges
        assert unpack(json.loads(safe_json(packed))) == unpack(packed)  # as the page reads it
        assert page_data(network_html(spec)) == unpack(packed)
    assert any("fd" in n for n in big.nodes) and any(isinstance(v, dict) for n in big.nodes for _, v in n["info"])


def test_packed_national_data_is_less_than_half(big):
    plain = len(safe_json(plain_payload(big)))
    packed = len(safe_json(big.payload()))
    assert packed < plain / 2, (packed, plain)


def test_findings_and_plain_facts_are_written_once(big):
    packed = big.payload()
    assert len(packed["rows"]) == len({json.dumps(r) for n in big.nodes for r in n["info"] if isinstance(r[1], str)})
    messages = {f for n in big.nodes for f in n.get("fd", [])}
    assert messages <= set(packed["strings"]) and len(packed["strings"]) == len(set(packed["strings"]))


@pytest.mark.parametrize("rows, expected", [
    # every id its index: no id column; a field on every row: a list
    ([{"id": 0, "x": 1.5}, {"id": 1, "x": 2}], {"n": 2, "c": {"x": [1.5, 2]}}),
    # a field on fewer than half the rows: at + v
    ([{"id": i} for i in range(4)] + [{"id": 4, "url": "a.html"}],
     {"n": 5, "c": {"url": {"at": [4], "v": ["a.html"]}}}),
    # a text with few distinct values: d + x, null where a row lacks it
    ([{"id": i, "rel": "membership"} for i in range(7)] + [{"id": 7}],
     {"n": 8, "c": {"rel": {"d": ["membership"], "x": [0] * 7 + [None]}}}),
    # ids that are not the index are kept; values of any JSON type
    ([{"id": 5, "m": {"seats": 2}, "p": ["iza"]}, {"id": 3, "m": {}, "p": []}],
     {"n": 2, "c": {"id": [5, 3], "m": [{"seats": 2}, {}], "p": [["iza"], []]}}),
])
def test_columns_and_back(rows, expected):
    assert columns(rows) == expected
    assert items(json.loads(json.dumps(columns(rows)))) == rows


def test_a_none_value_is_refused_not_lost():
    with pytest.raises(ValueError, match="None"):
        columns([{"id": 0, "x": None}, {"id": 1, "x": 1}])


def test_pack_keeps_everything_but_nodes_and_edges():
    payload = {"page": "network", "nodes": [], "edges": [], "texts": {"a": "b"}, "large": 1500}
    packed = pack(payload)
    assert {k: v for k, v in packed.items() if k not in ("nodes", "edges", "strings", "rows")} == {
        "page": "network", "texts": {"a": "b"}, "large": 1500}
    assert unpack(packed) == payload
