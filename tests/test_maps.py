"""The maps without a browser: scope selection, the builder, layout, findings overlay, geo, HTML, CLI.

Browser behaviour (offline loading, filters, hostile names in a real page) is in test_maps_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from rdflib import URIRef

from izagraph.cli import cli
from izagraph.findings import Finding, Severity
from izagraph.load import load_dataset
from izagraph.maps import Scope, UnknownScope, network_map, overview_map, resolve_scope, select
from izagraph.maps.build import node_groups, node_key
from izagraph.maps.compact import unpack
from izagraph.maps.geo import build_geo_map, classes, load_geo
from izagraph.maps.html import geo_html, network_html, safe_json
from izagraph.maps.layout import structured_layout
from izagraph.maps.overlay import marks_from_findings
from izagraph.maps.site import load_network, write_all
from izagraph.maps.style import PROGRAMME_COLOURS
from izagraph.maps.topojson import decode
from izagraph.maps.triples import read_index
from izagraph.network import governance_network
from izagraph.resources import GEO_DIR
from izagraph.store import build_store, read_graph

from .conftest import MINI, append_csv

HOSTILE = '<img src=x onerror="window.__pwned=1">'
ID = "https://w3id.org/izagraph/id/"
TODAY = "2025-06-01"


def hostile_dataset(folder: Path) -> Path:
    """The mini dataset plus an organisation and a table whose names are markup."""
    append_csv(folder, "organisations", {"id": "evil", "name": HOSTILE, "sector": "welzijn", "source": "voorbeeld"})
    append_csv(folder, "tables", {"id": "evil-table", "name": f"Tafel {HOSTILE}", "kind": "werkgroep",
                                  "programmes": "gala", "region": "zorgkantoor-zk11", "parent": "stuurgroep",
                                  "source": "voorbeeld"})
    append_csv(folder, "memberships", {"table": "stuurgroep", "member": "evil", "source": "voorbeeld"})
    append_csv(folder, "memberships", {"table": "evil-table", "member": "evil", "source": "voorbeeld"})
    return folder


@pytest.fixture
def hostile_store(mini, tmp_path) -> Path:
    dataset = load_dataset([hostile_dataset(mini)])
    path = tmp_path / "store"
    build_store(dataset.graph, path, ["mini"])
    return path


@pytest.fixture
def G(hostile_store) -> nx.MultiDiGraph:
    return load_network(hostile_store)[0]


# -- reading the store -----------------------------------------------------------------------------

def test_fast_reader_gives_the_same_network_as_rdflib(hostile_store):
    slow = governance_network(read_graph(hostile_store), context=True)
    fast = governance_network(read_index(hostile_store), context=True)
    assert sorted(slow.nodes(data=True)) == sorted(fast.nodes(data=True))
    assert sorted(map(repr, slow.edges(data=True))) == sorted(map(repr, fast.edges(data=True)))


def test_context_is_opt_in():
    graph = load_dataset([MINI]).graph
    plain, context = governance_network(graph), governance_network(graph, context=True)
    assert {a["kind"] for _, a in plain.nodes(data=True)} == {"table", "organisation", "gemeente", "person", "region"}
    assert {"programme", "theme"} <= {a["kind"] for _, a in context.nodes(data=True)}
    assert not any(d["relation"] == "contains" for *_, d in plain.edges(data=True))


# -- scope -------------------------------------------------------------------------------------------

def test_region_scope_by_code_id_or_name(G):
    expected = Scope("region", ID + "region/zorgkantoor-zk11")
    assert resolve_scope(G, "region", "ZK11") == expected
    assert resolve_scope(G, "region", "zorgkantoor-zk11") == expected
    assert resolve_scope(G, "region", "kennemerland") == expected


def test_unknown_region_suggests_the_closest_one(G):
    with pytest.raises(UnknownScope, match="bedoelde u 'kennemerland'"):
        resolve_scope(G, "region", "Kenemerland")


def test_region_map_holds_its_tables_members_and_context(G):
    H = select(G, resolve_scope(G, "region", "ZK11"))
    kinds = sorted(a["kind"] for _, a in H.nodes(data=True))
    # stuurgroep, evil-table and the themateam under the stuurgroep (its gemeenten GM0392 and GM0394 reach
    # beyond ZK11); GM0392, GM0394, Verzekeraar, J. Jansen, evil org, Ziekenhuis A; iza, gala; two themes; ZK11
    assert kinds == ["gemeente", "gemeente", "organisation", "organisation", "organisation", "person", "programme",
                     "programme", "region", "table", "table", "table", "theme", "theme"]
    relations = sorted(d["relation"] for *_, d in H.edges(data=True))
    assert relations == ["membership"] * 6 + ["parent"] * 2 + ["programme"] * 4 + ["territory"] * 4 + ["theme"] * 2
    outside = {n for n, a in H.nodes(data=True) if a.get("outside")}
    assert outside == {ID + "table/themateam-ggz"}  # the evil table works for ZK11 itself: inside


@pytest.mark.parametrize("kind,name", [("national", None), ("region", "ZK11"), ("programme", "iza")])
def test_select_keeps_the_drawn_edges_as_networkx_would(G, kind, name):
    """select writes the kept edges into the adjacency dicts itself: the same graph as add_edges_from."""
    from izagraph.maps.scope import DRAWN_RELATIONS

    H = select(G, resolve_scope(G, kind, name))
    reference = nx.MultiDiGraph()
    reference.add_nodes_from(H.nodes(data=True))
    reference.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                             if d.get("relation") in DRAWN_RELATIONS and u in H and v in H)
    assert list(H.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    assert [(v, list(us)) for v, us in H.pred.items()] == [(v, list(us)) for v, us in reference.pred.items()]
    assert H.number_of_edges() > 0
    for u, v, k, d in H.edges(keys=True, data=True):
        assert H._pred[v][u] is H._succ[u][v] and d is not G._succ[u][v][k]  # one dict both ways, not G's


def test_gemeente_scope_finds_tables_by_explicit_territory(G):
    H = select(G, resolve_scope(G, "gemeente", "GM0394"))
    tables = {n for n, a in H.nodes(data=True) if a["kind"] == "table"}
    # the themateam covers GM0394 explicitly; the stuurgroep is there as the table it reports to
    assert tables == {ID + "table/themateam-ggz", ID + "table/stuurgroep"}


def test_national_map_leaves_programme_and_theme_nodes_out(G):
    spec = network_map(G, Scope("national"), today=TODAY)
    assert {n["k"] for n in spec.nodes} == {"table", "organisation", "gemeente", "person", "region"}
    assert len(spec.nodes) == 10 and len(spec.edges) == 12


# -- builder -----------------------------------------------------------------------------------------

def test_colours_and_shapes_by_kind_and_programme(G):
    spec = network_map(G, resolve_scope(G, "programme", "iza"), today=TODAY)
    groups = spec.options["groups"]
    by_name = {n["name"]: n for n in spec.nodes}
    stuurgroep = by_name["Stuurgroep Test"]
    assert stuurgroep["group"] == "table-iza~ill"  # iza before gala; illustrative source
    assert groups[stuurgroep["group"]]["color"]["background"] == PROGRAMME_COLOURS["iza"]
    assert groups[stuurgroep["group"]]["shapeProperties"]["borderDashes"]
    assert groups[by_name["Haarlem"]["group"]]["shape"] == "square"
    assert groups[by_name["J. Jansen"]["group"]]["shape"] == "triangle"
    assert groups[by_name["Integraal Zorgakkoord (IZA)"]["group"]]["shape"] == "star"
    assert by_name["Stuurgroep Test"]["label"].endswith(" *")  # illustrative is marked visibly
    assert set(node_groups()) >= {"table-iza", "organisation", "person", "region", "theme", "missing"}


def test_size_follows_seats(G):
    spec = network_map(G, Scope("national"), today=TODAY)
    size = {n["name"]: n["size"] for n in spec.nodes}
    assert size["Stuurgroep Test"] > size["Themateam Mentale gezondheid"]  # 4 seats against 1
    assert size[HOSTILE] > size["Verzekeraar Test"]  # 2 seats against 1


def test_tooltips_are_plain_text_with_facts(G):
    spec = network_map(G, Scope("national"), today=TODAY)
    evil = next(n for n in spec.nodes if n["name"] == HOSTILE)
    tip = spec.tooltip(evil)
    assert tip.startswith(HOSTILE + "\n")  # the raw name, as text: not escaped, not markup
    assert "Sector: Welzijn" in tip and "Tafels (2)" in tip
    assert "Bron: Testvoorbeeld" in tip and "ILLUSTRATIEF" in tip
    table = next(n for n in spec.nodes if n["name"] == "Stuurgroep Test")
    assert "Leden (4): Haarlem (voorzitter)" in spec.tooltip(table)
    members = dict(table["info"])["Leden (4)"]  # by node id: the page writes the names (see network.js)
    assert spec.nodes[members["ids"][0]]["name"] == "Haarlem" and members["sfx"][0] == " (voorzitter)"
    assert spec.value({"ids": members["ids"][:1], "more": 3}) == "Haarlem; … +3"
    assert "Programma's: Integraal Zorgakkoord (IZA), Gezond en Actief Leven Akkoord (GALA)" in spec.tooltip(table)
    membership = next(e for e in spec.edges if e["rel"] == "membership" and e.get("width") == 2.6)
    assert "Rol: Voorzitter" in spec.tooltip(membership)
    member, table = spec.nodes[membership["from"]]["name"], spec.nodes[membership["to"]]["name"]
    assert spec.tooltip(membership).startswith(f"{member} — {table}\nRol: Voorzitter")
    # the page makes a membership line's name from its nodes and shares its role/perspective facts
    assert "name" not in membership and spec.edge_info[membership["fi"]][0] == ["Rol", "Voorzitter"]


def test_english_map(G):
    spec = network_map(G, Scope("national"), lang="en", today=TODAY)
    assert spec.title == "National map of tables and members"
    assert "Sources" not in spec.tooltip(spec.nodes[0]) and "Source: " in spec.tooltip(spec.nodes[0])


def test_ended_tables_are_faded(G):
    spec = network_map(G, Scope("national"), today="2099-01-01")
    assert all("opacity" not in n for n in spec.nodes)  # no end dates in the mini data
    G.nodes[ID + "table/themateam-ggz"]["end"] = "2024"
    spec = network_map(G, Scope("national"), today=TODAY)
    assert next(n for n in spec.nodes if n["name"] == "Themateam Mentale gezondheid")["opacity"] == 0.45


def test_overview_groups_tables_and_links_to_region_maps(G):
    spec = overview_map(G, links={ID + "region/zorgkantoor-zk11": "regio-zorgkantoor-zk11.html"}, today=TODAY)
    assert [n["name"] for n in spec.nodes] == ["Kennemerland"]  # the themateam has explicit gemeenten only
    assert spec.nodes[0]["url"] == "regio-zorgkantoor-zk11.html"
    assert spec.links == [{"label": "Kennemerland", "href": "regio-zorgkantoor-zk11.html",
                           "detail": "Zorgkantoorregio"}]


# -- findings ------------------------------------------------------------------------------------------

def finding(rule, subject, evidence, message="bevinding", severity=Severity.MEDIUM, regions=()):
    return Finding(rule, severity, subject, "x", {"nl": message, "en": message}, evidence, regions=regions)


def test_findings_are_drawn(G):
    stuur, theme_team = ID + "table/stuurgroep", ID + "table/themateam-ggz"
    findings = [
        finding("drukte-organisation", ID + "organisation/evil", {"tables": 2}, "zit aan 2 tafels", Severity.HIGH),
        finding("duplicate-tables", theme_team, {"other": stuur, "jaccard": 0.5, "score": 0.42}),
        finding("missing-perspectives", stuur, {"requires_any_of": ["ggz", "huisartsen"], "present": ["gemeente"]}),
        finding("region-incongruence", "https://w3id.org/izagraph/concept/division/zorgkantoor", {"a_in_b": 0.5},
                regions=(ID + "region/zorgkantoor-zk11",)),
        finding("table-gaps", theme_team, {"gap": "no-chair"}, "geen voorzitter", Severity.LOW),
    ]
    marks = marks_from_findings(findings, set(G.nodes))
    assert [m.kind for m in marks] == ["overloaded", "duplicate", "missing", "incongruent", "other"]
    spec = network_map(G, Scope("national"), marks=marks, today=TODAY)
    by_name = {n["name"]: n for n in spec.nodes}
    assert by_name[HOSTILE]["label"].endswith("⚠") and by_name[HOSTILE]["color"]["border"] == "#c0392b"
    duplicate = [e for e in spec.edges if e["rel"] == "duplicate"]
    assert len(duplicate) == 1 and duplicate[0]["label"] == "0.42"
    missing = [n for n in spec.nodes if n["k"] == "missing"]
    assert [n["name"] for n in missing] == ["Geestelijke gezondheidszorg (ggz) of Huisartsen"]
    assert missing[0]["label"].startswith("ontbreekt: ")
    assert any(e["rel"] == "missing" and e["to"] == missing[0]["id"] for e in spec.edges)
    assert by_name["Kennemerland"]["color"]["border"] == "#e67e22"
    assert "color" not in by_name["Themateam Mentale gezondheid"] or \
        by_name["Themateam Mentale gezondheid"]["color"]["border"] != "#c0392b"
    tip = spec.tooltip(by_name["Themateam Mentale gezondheid"])
    assert "Bevinding (laag): geen voorzitter (basis: bron; zekerheid: niet vermeld; gat in de governance)" in tip and "[low]" not in tip
    assert "Bevinding (hoog): zit aan 2 tafels" in spec.tooltip(by_name[HOSTILE])
    fact = next(v for k, v in by_name[HOSTILE]["info"] if k == "Bevinding (hoog)")
    assert fact["f"] == 0 and fact["x"].startswith(" (basis: ")  # the message is in fd, once


def test_findings_do_not_move_the_structure(G):
    """A map is its structure (laid out without findings) plus its findings: with findings every node of
    the structure keeps its place, the structure itself is not changed, and a missing-perspective node
    sits beside its table."""
    import copy
    import math

    from izagraph.maps import draw_findings, network_structure

    stuur, theme_team = ID + "table/stuurgroep", ID + "table/themateam-ggz"
    marks = marks_from_findings([
        finding("drukte-organisation", ID + "organisation/evil", {"tables": 2}, "zit aan 2 tafels", Severity.HIGH),
        finding("duplicate-tables", theme_team, {"other": stuur, "jaccard": 0.5, "score": 0.42}),
        finding("missing-perspectives", stuur, {"requires_any_of": ["ggz"], "present": []}),
        finding("missing-perspectives", stuur, {"requires_any_of": ["huisartsen"], "present": []}),
    ], set(G.nodes))
    structure = network_structure(G, Scope("national"), today=TODAY)
    before = copy.deepcopy((structure.nodes, structure.edges))
    plain = draw_findings(structure)
    drawn = draw_findings(structure, marks)
    assert (structure.nodes, structure.edges) == before
    assert plain.nodes == network_map(G, Scope("national"), today=TODAY).nodes
    assert drawn.nodes == network_map(G, Scope("national"), marks=marks, today=TODAY).nodes
    assert [(n["x"], n["y"]) for n in drawn.nodes[:len(plain.nodes)]] == [(n["x"], n["y"]) for n in plain.nodes]
    missing = drawn.nodes[len(plain.nodes):]
    assert [n["k"] for n in missing] == ["missing", "missing"]
    table = next(n for n in drawn.nodes if n["key"] == node_key(stuur))
    spots = [(n["x"], n["y"]) for n in missing]
    assert spots[0] != spots[1]
    for x, y in spots:
        assert structure.spacing * 0.99 <= math.dist((x, y), (table["x"], table["y"])) <= structure.spacing * 3.01
        others = [(n["x"], n["y"]) for n in drawn.nodes if (n["x"], n["y"]) != (x, y)]
        assert min(math.dist((x, y), o) for o in others) >= structure.spacing * 0.49  # clear of every node


def test_finding_provenance_in_the_panel_with_the_fallback(G):
    """Before findings carry basis/confidence, the illustrative flag gives the basis; after, their values."""
    subject = ID + "organisation/evil"
    old = Finding("drukte-organisation", Severity.MEDIUM, subject, "x", {"nl": "druk", "en": "busy"}, {},
                  illustrative=True)
    new = {"rule": "brokers", "severity": "low", "subject": subject, "message": {"nl": "schakel", "en": "broker"},
           "basis": "inferred", "confidence": "medium", "gap": "governance"}
    spec = network_map(G, Scope("national"), marks=marks_from_findings([old, new], lang="en"), today=TODAY,
                      lang="en")
    tip = spec.tooltip(next(n for n in spec.nodes if n["name"] == HOSTILE))
    # the message itself also starts with the basis when it is not a source, so it says so wherever it is shown
    assert "Finding (medium): (ILLUSTRATIVE) busy (basis: illustrative; confidence: not stated; governance gap)" in tip
    assert "Finding (low): (inferred) broker (basis: inferred; confidence: medium; governance gap)" in tip


def test_findings_flag_reports_missing_rules(hostile_store, tmp_path, monkeypatch):
    import izagraph.maps.site as site

    monkeypatch.setattr(site, "rule_marks", lambda *a, **k: [])
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--findings", "-o", str(tmp_path / "f.html")])
    assert result.exit_code == 0, result.output


def test_map_findings_are_those_of_check_for_the_same_scope(hostile_store):
    """`map --region R --findings` runs the rules with the region filter, as `check --region R` does."""
    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.maps.site import rule_marks
    from izagraph.rules import check

    G = load_network(hostile_store)[0]
    scope = resolve_scope(G, "region", "ZK11")
    checked = check(OxigraphBackend.from_store(hostile_store), region="zorgkantoor-zk11")
    on_map = {(m.rule, _unmarked(m.message)) for m in rule_marks(hostile_store, G, scope=scope)}
    expected = {(f.rule, f.text()) for f in checked.findings}
    assert on_map == expected and expected
    national = {(f.rule, f.text()) for f in check(OxigraphBackend.from_store(hostile_store)).findings}
    assert {(m.rule, _unmarked(m.message)) for m in rule_marks(hostile_store, G)} == national


def test_national_map_runs_check_beside_the_reading_and_draws_the_same_findings(hostile_store, tmp_path):
    """`map --national --findings` runs the rules in a forked process while it reads the store: the page
    holds exactly the findings of rule_marks, and a failure in that process arrives here as itself."""
    from izagraph.errors import IzagraphError
    from izagraph.maps.site import (Background, _links, check_marks, programmes_with_maps, regions_with_maps,
                                    rule_marks, write_map)

    G = load_network(hostile_store)[0]
    assert Background(check_marks, hostile_store).result() == check_marks(hostile_store)
    written = write_map(hostile_store, tmp_path / "n.html", findings=True, today=TODAY)
    page = page_data(written.path.read_text())
    links = _links(G, regions_with_maps(G), programmes_with_maps(G))
    expected = network_map(G, Scope("national"), marks=rule_marks(hostile_store, G), today=TODAY, links=links)
    assert page["nodes"] == json.loads(json.dumps(expected.nodes))  # the structure made while check ran
    assert page["edges"] == json.loads(json.dumps(expected.edges))
    assert any(n.get("fd") for n in expected.nodes)
    with pytest.raises(IzagraphError, match="store"):
        Background(check_marks, tmp_path / "no-store").result()


def _unmarked(message: str) -> str:
    """A map message without the basis marker it starts with when the finding is not source-based."""
    return re.sub(r"^\((?:ILLUSTRATIEF|ILLUSTRATIVE|afgeleid|inferred)\) ", "", message)


# -- layout -----------------------------------------------------------------------------------------

def synthetic(regions=40, tables=1250, organisations=3700, seed=3):
    """A national-sized structure: tables in regions with a hierarchy, organisations at 1–4 tables."""
    import random

    rnd = random.Random(seed)
    nodes, edges, group, depth = [], [], {}, {}
    region_ids = [f"r{i}" for i in range(regions)]
    nodes += region_ids
    group.update({r: r for r in region_ids})
    table_ids = [f"t{i}" for i in range(tables)]
    for i, t in enumerate(table_ids):
        group[t] = region_ids[i % regions]
        nodes.append(t)
        edges.append((t, group[t]))
        parent = table_ids[i - regions] if i >= regions else None
        depth[t] = depth[parent] + 1 if parent else 0
        if parent:
            edges.append((t, parent))
    for o in range(organisations):
        nodes.append(f"o{o}")
        home = rnd.randrange(regions)
        for _ in range(rnd.choice([1, 1, 2, 2, 3, 4])):
            pick = rnd.randrange(tables // regions) * regions + home if rnd.random() < 0.9 else rnd.randrange(tables)
            edges.append((f"o{o}", table_ids[min(pick, tables - 1)]))
    return nodes, edges, group, depth, region_ids


@pytest.mark.parametrize("seed", range(5))
def test_packed_groups_do_not_overlap(seed):
    """The groups' circles (a region's tables and members) are packed without overlaps, each next one at
    the nearest free spot: no two circles closer than their radii plus the gap, none needlessly far out."""
    import numpy as np

    from izagraph.maps.layout import pack_circles

    rng = np.random.default_rng(seed)
    radii = rng.uniform(20, 400, 60) if seed % 2 else np.r_[rng.uniform(100, 750, 140), [100.0] * 5]
    centres = pack_circles(radii, gap=96.0)
    gaps = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1)) - radii[:, None] - radii[None, :]
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 96.0 - 1e-6
    assert np.array_equal(centres, pack_circles(radii, gap=96.0))
    # packed, not scattered: the circles cover a fair share of the disc around them
    outer = (np.hypot(*centres.T) + radii).max()
    assert (radii ** 2).sum() / outer ** 2 > 0.35


def test_layout_is_deterministic_at_5000_nodes():
    # its speed is measured by benchmarks/bench_maps.py, not asserted here (shared machines are noisy)
    nodes, edges, group, depth, anchors = synthetic()
    assert len(nodes) == 4990
    first = structured_layout(nodes, edges, group, depth, anchors=anchors)
    assert first == structured_layout(nodes, edges, group, depth, anchors=anchors)
    # regions are clusters: a table is closer to its own region's centre than to most others
    xy = {n: complex(*p) for n, p in first.items()}
    own = sum(abs(xy[t] - xy[group[t]]) < abs(xy[t] - xy["r0" if group[t] != "r0" else "r1"])
              for t in nodes if t.startswith("t"))
    assert own / 1250 > 0.95


def test_a_big_map_is_laid_out_in_a_forked_process_as_in_this_one(monkeypatch):
    """Above LARGE nodes the layout runs in a forked process while the nodes are made: same positions."""
    import multiprocessing

    import izagraph.maps.build as build
    from izagraph.perf import Background

    nodes, edges, group, depth, regions = synthetic(regions=20, tables=400, organisations=1300)
    H = nx.MultiDiGraph()
    kinds = {"r": "region", "t": "table", "o": "organisation"}
    H.add_nodes_from((n, {"kind": kinds[n[0]], "label": n}) for n in nodes)
    H.add_edges_from((u, v, {"relation": "territory" if v[0] == "r" else "parent" if u[0] == "t" else "membership"})
                     for u, v in edges)
    assert H.number_of_nodes() > build.LARGE
    started = []

    class Spy(Background):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self._proc is not None)

    monkeypatch.setattr(build, "Background", Spy)
    forked = build.build_structure(H, title="t")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    here = build.build_structure(H, title="t")
    assert started == [True, False]
    assert forked.nodes == here.nodes and forked.spacing == here.spacing == 80.0
    assert len({(n["x"], n["y"]) for n in here.nodes}) > 0.99 * len(nodes)


# -- HTML ------------------------------------------------------------------------------------------

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                      re.IGNORECASE)


def test_html_is_self_contained_and_escapes_names(G):
    page = network_html(network_map(G, Scope("national"), today=TODAY))
    assert not EXTERNAL.search(page)
    assert "<img" not in page
    assert "\\u003cimg src=x onerror=" in page
    assert "default-src 'none'" in page and "'unsafe-inline'" not in page.split("script-src")[1].split(";")[0]
    assert any(n["name"] == HOSTILE for n in page_data(page)["nodes"])  # the data round-trips unchanged


def page_data(page: str) -> dict:
    """The map data of a network page as the page script reads it (unpacked, see izagraph.maps.compact)."""
    return unpack(json.loads(re.search(r'<script type="application/json" id="izagraph-data">(.*?)</script>',
                                       page, re.S).group(1)))


def test_safe_json_cannot_close_the_script_element():
    assert "</" not in safe_json({"x": "</script><script>alert(1)</script>"})


def test_safe_json_is_the_json_python_writes():
    """msgspec writes the page data: the same text as json.dumps (compact, UTF-8, the same escapes), also for
    the subclasses json.dumps takes as plain values (rdflib terms, numpy floats); what json refuses is refused."""
    import numpy as np

    value = {"name": "Café \u2028 \"x\" \\ \x01 <b>&amp;</b>", "iri": URIRef("https://w3id.org/izagraph/id/t/1"),
             "x": np.float64(12.5), "n": [1, -2, 3.25, 0.45, True, None], "nested": {"é": [[], {}]}}
    plain = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(safe_json(value)) == json.loads(plain)
    assert safe_json(value) == (plain.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                                .replace("\u2028", "\\u2028"))
    with pytest.raises(TypeError):
        safe_json({"x": object()})


# -- geo -------------------------------------------------------------------------------------------

def test_topojson_mesh_dissolves_shared_borders():
    # two unit squares side by side sharing arc 1
    topo = decode({"type": "Topology", "arcs": [[[0, 0], [0, 1]], [[1, 1], [1, 0]], [[1, 0], [0, 0]], [[0, 1], [1, 1]],
                                                 [[1, 0], [2, 0], [2, 1], [1, 1]]],
                   "objects": {"g": {"type": "GeometryCollection", "geometries": [
                       {"type": "Polygon", "arcs": [[0, 3, 1, 2]], "properties": {"statcode": "A"}},
                       {"type": "Polygon", "arcs": [[4, ~1]], "properties": {"statcode": "B"}}]}}})
    feats = topo.features()
    assert len(topo.mesh(feats, lambda f: f.code)) == 5  # every arc: the shared one separates A from B
    assert len(topo.mesh(feats, lambda f: "same")) == 4  # one region: the shared border disappears


def test_classes():
    assert classes([0, 0]) == []
    assert classes([0, 2, 5]) == [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]


@pytest.mark.skipif(not (GEO_DIR / "gemeente_2025.topojson").exists(), reason="data/geo not present")
def test_geo_map_colours_gemeenten_and_escapes_names(G):
    page = build_geo_map(G, load_geo(GEO_DIR), division="zorgkantoor", today=TODAY,
                         links={ID + "region/zorgkantoor-zk11": "regio-zorgkantoor-zk11.html"})
    gm = {g["code"]: g for g in page["data"]["gemeenten"]}
    assert len(gm) == 342
    # Haarlem: stuurgroep + evil table (via ZK11) + themateam (explicitly) = 3 active tables
    assert gm["GM0392"]["value"] == 3 and gm["GM0394"]["value"] == 1 and gm["GM0363"]["value"] is None
    assert ["Zorgkantoorregio: Kennemerland", "regio-zorgkantoor-zk11.html"] in gm["GM0392"]["regions"]
    assert '<a href="regio-zorgkantoor-zk11.html"><text class="rl"' in page["svg"]
    assert "<img" not in page["svg"] and "&lt;img src=x" in page["svg"]
    roaz = build_geo_map(G, load_geo(GEO_DIR), division="roaz", today=TODAY)
    assert any("ROAZ Test" in n for n in roaz["data"]["notes"])  # composition unknown: said, not drawn
    assert page["title"] == "Waar is het druk? Tafels per gemeente"


def test_geo_map_title_says_which_measure_it_shows(G):
    marks = marks_from_findings([finding("table-gaps", ID + "table/stuurgroep", {}, "geen leden")])
    page = build_geo_map(G, load_geo(GEO_DIR), division="zorgkantoor", measure="findings", marks=marks, today=TODAY)
    assert page["title"] == "Bevindingen per gemeente" and "Tafels" not in page["title"] + page["subtitle"]
    assert page["page_title"] == "Bevindingen per gemeente — Zorgkantoorregio"
    html_text = geo_html(page)
    assert "<title>Bevindingen per gemeente — Zorgkantoorregio</title>" in html_text
    en = build_geo_map(G, load_geo(GEO_DIR), division="ggd", measure="seats", lang="en", today=TODAY)
    assert en["title"] == "Seats per municipality"


# -- CLI -------------------------------------------------------------------------------------------

def test_cli_writes_a_region_map(hostile_store, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--region", "ZK11", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out} geschreven: Regio: Kennemerland (14 knopen, 18 lijnen, ")
    assert "<img" not in out.read_text()


def test_cli_unknown_region_is_a_usage_error(hostile_store, tmp_path):
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--region", "nergens", "-o",
                                      str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "Error: onbekende regio 'nergens' in de store" in result.output


def test_cli_rejects_two_scopes(hostile_store, tmp_path):
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--national", "--geo", "-o", "x.html"])
    assert result.exit_code == 2 and "kies één van" in result.output


def test_cli_all_writes_maps_and_an_index(hostile_store, tmp_path):
    out = tmp_path / "maps"
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--all", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "nationaal.html", "overzicht-regio.html", "overzicht-programma.html",
            "regio-zorgkantoor-zk11.html", "programma-iza.html", "programma-gala.html"} <= names
    index = (out / "index.html").read_text()
    for name in names - {"index.html"}:
        assert f'href="{name}"' in index
    assert "<h1>izagraph – maps</h1>" in index and "<img" not in index
    national = (out / "nationaal.html").read_text()
    assert '"index_href":"index.html"' in national and "National map" in national


def test_pseudonymise_hides_person_names(hostile_store, tmp_path):
    out = tmp_path / "p.html"
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--pseudonymise", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "Jansen" not in page and "p-jansen" not in page
    assert re.search(r"Persoon [0-9a-f]{6}", page)


def test_write_all_on_the_shipped_layout(hostile_store, tmp_path):
    written = write_all(hostile_store, tmp_path / "all", today=TODAY)
    kinds = [w.kind for w in written]
    assert kinds[0] == "national" and kinds[-1] == "index"
    assert kinds.count("region") == 1 and "overview-region" in kinds


def test_every_rule_has_a_place_on_the_map():
    from izagraph.maps.overlay import _kind
    from izagraph.rules import ALL_RULES

    expected = {"drukte-organisation": "overloaded", "drukte-person": "overloaded", "drukte-gemeente": "overloaded",
                "drukte-region": "overloaded", "missing-perspectives": "missing", "theme-perspectives": "missing",
                "duplicate-tables": "duplicate", "subset-tables": "duplicate", "en-en": "duplicate",
                "region-incongruence": "incongruent", "cross-cutting-tables": "incongruent"}
    kinds = {r.id: _kind(r.id, []) for r in ALL_RULES}
    assert {r: k for r, k in kinds.items() if k != "other"} == expected


def test_as_of_draws_the_structure_as_it_was(G, hostile_store, tmp_path):
    from izagraph.maps.measures import as_of

    def tables_and_members(date):
        spec = network_map(as_of(G, date), Scope("region", ID + "region/zorgkantoor-zk11"), today=date)
        return {n["name"] for n in spec.nodes if n["k"] in ("table", "organisation", "person", "gemeente")}

    # 2023-12: the stuurgroep (since 2023-06) and the undated evil table; the themateam starts 2024-01-01;
    # J. Jansen's seat runs 2023-2024
    assert tables_and_members("2023-12-01") == {"Stuurgroep Test", f"Tafel {HOSTILE}", "Haarlem", "Verzekeraar Test",
                                                "J. Jansen", HOSTILE}
    later = tables_and_members("2025-06-01")
    assert "Themateam Mentale gezondheid" in later and "J. Jansen" not in later
    out = tmp_path / "m.html"
    result = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--region", "ZK11", "--as-of", "2023-12-01",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "(10 knopen" in result.output and "Peildatum: 2023-12-01" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["map", "--store", str(hostile_store), "--geo", "--as-of", "2023-12-01", "-o", str(out)])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def with_aliases(folder: Path) -> Path:
    """The mini dataset with the optional ``aliases`` column for one organisation."""
    import csv

    path = folder / "organisations.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[0].append("aliases")
    for row in rows[1:]:
        row.append("ZA; Ziekenhuis Alfa" if row[0] == "ziekenhuis-a" else "")
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return folder


def test_aliases_are_loaded_and_searchable_on_the_map(mini, tmp_path):
    from rdflib import Literal

    from izagraph.namespaces import SKOS

    graph = load_dataset([with_aliases(mini)]).graph
    assert set(graph.objects(URIRef(ID + "organisation/ziekenhuis-a"), SKOS.altLabel)) == {
        Literal("ZA"), Literal("Ziekenhuis Alfa")}
    build_store(graph, tmp_path / "store", ["mini"])
    spec = network_map(load_network(tmp_path / "store")[0], Scope("national"), today=TODAY)
    by_name = {n["name"]: n for n in spec.nodes}
    assert by_name['Ziekenhuis "A" {x}']["al"] == ["ZA", "Ziekenhuis Alfa"]
    assert by_name["Haarlem"]["al"] == ["GM0392"]  # a gemeente is found by its code
    assert "al" not in by_name["Verzekeraar Test"]


def test_empty_aliases_are_ignored(mini):
    from izagraph.namespaces import SKOS

    with_aliases(mini)
    text = (mini / "organisations.csv").read_text(encoding="utf-8").replace("ZA; Ziekenhuis Alfa", "ZA;;")
    (mini / "organisations.csv").write_text(text, encoding="utf-8")
    dataset = load_dataset([mini])  # empty parts between ';' are ignored, not stored as empty names
    assert {str(v) for v in dataset.graph.objects(URIRef(ID + "organisation/ziekenhuis-a"), SKOS.altLabel)} == {"ZA"}


def test_measures_per_node(G):
    spec = network_map(G, Scope("national"), today=TODAY)
    m = {n["name"]: n.get("m", {}) for n in spec.nodes}
    stuur = m["Stuurgroep Test"]
    assert stuur["seats"] == 4 and stuur["meetings"] == 6  # GM0392, verzekeraar, J. Jansen, the evil org
    evil = m[HOSTILE]
    assert (evil["seats"], evil["tables"], evil["meetings"]) == (2, 2, 6)  # the evil table has no meetings given
    # drukte: the largest of 2/6 tables, 2/4 programmes (iza, gala), 1/3 regions, 6/60 meetings
    assert evil["drukte"] == 0.5
    assert m["J. Jansen"]["drukte"] == 0.0  # the seat ended in 2024: nothing active on TODAY
    top = max((n for n in spec.nodes if "betweenness" in n.get("m", {})), key=lambda n: n["m"]["betweenness"])
    assert top["name"] == "Stuurgroep Test"  # every other table and member hangs off it
    assert "drukte" not in stuur and "tables" not in stuur  # member measures only on members


def test_big_maps_have_no_dashes(G, monkeypatch):
    import izagraph.maps.build as build

    small = network_map(G, Scope("national"), today=TODAY)
    assert any(e.get("dashes") for e in small.edges) or any("dashes" in s for s in small.edge_styles.values())
    monkeypatch.setattr(build, "DASH_MAX", 3)
    big = network_map(G, Scope("national"), today=TODAY)
    assert not any(e.get("dashes") for e in big.edges)
    assert not any("dashes" in s for s in big.edge_styles.values())
    assert not any("shapeProperties" in g for g in big.options["groups"].values())
    assert not any(item.get("dashes") for item in big.legend)


def test_source_addresses_only_http(G):
    title = next(iter(G.graph["sources"]))
    G.graph["sources"][title] = {"url": "javascript:alert(1)", "confidence": "low"}
    spec = network_map(G, Scope("national"), today=TODAY)
    row = next(r for r in spec.sources if r[0] == title)
    assert row[2] == "" and row[3] == "laag"
    G.graph["sources"][title] = {"url": "https://example.org/bron", "confidence": ""}
    spec = network_map(G, Scope("national"), today=TODAY)
    row = next(r for r in spec.sources if r[0] == title)
    assert row[2] == "https://example.org/bron" and row[3] == "niet vermeld"
    node = next(n for n in spec.nodes if n.get("src") == spec.sources.index(row))
    assert ("Adres", "https://example.org/bron") in spec.facts(node)


def test_all_with_findings_runs_each_maps_own_scope(hostile_store, tmp_path):
    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import check

    out = tmp_path / "maps"
    write_all(hostile_store, out, findings=True, today=TODAY)

    def messages(name):
        data = page_data((out / name).read_text(encoding="utf-8"))
        return {_unmarked(m.split(": ", 1)[1]) for n in data["nodes"] for m in n.get("fd", [])}

    gala = {f.text() for f in check(OxigraphBackend.from_store(hostile_store), programme="gala").findings}
    on_map = messages("programma-gala.html")
    assert on_map and on_map <= gala
    national = messages("nationaal.html")
    assert national - gala  # the national map shows findings the GALA map, scoped like check, does not


def test_a_network_map_needs_no_numpy_until_it_lays_out():
    """The modules a network map reads, builds and writes with need no numpy (0.1 s of the program's start):
    only the layout, the geo map and the rules import it, when they run (see izagraph.maps.site)."""
    import subprocess
    import sys

    probe = ("import sys\n"
             "import izagraph.cli, izagraph.maps.site, izagraph.maps.stored, izagraph.store, izagraph.perf\n"
             "from izagraph.maps.build import layout_key, build_structure, draw_findings\n"
             "from izagraph.maps.html import network_html\n"
             "print('numpy' in sys.modules)\n"
             "import izagraph.maps.layout\n"
             "print('numpy' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "True"], done.stderr
