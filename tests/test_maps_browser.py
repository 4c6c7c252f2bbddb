"""The maps in real headless Chromium (Debian's package, installed by ``make browser``).

Every page is opened with the network blocked: all requests that are not ``file:`` are aborted and
recorded, and the test asserts none were attempted. Screenshots go to ``test-output/`` (gitignored).

The pages carry a strict Content-Security-Policy (only their own two scripts, by hash). The first
test opens a page under that policy; the others open pages with the policy switched off
(``bypass_csp``), both because Playwright's ``wait_for_function`` evaluates strings, which the policy
forbids, and so that the hostile-name test shows that names run nothing even without the policy.
Outside CI a missing Chromium skips these tests with the reason; in CI (``$CI`` set) it is a failure.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import networkx as nx
import pytest

from izagraph.load import load_dataset
from izagraph.maps import Scope, network_map, overview_map
from izagraph.maps.geo import build_geo_map, load_geo
from izagraph.maps.compact import unpack
from izagraph.maps.html import write_geo_map, write_network_map
from izagraph.maps.overlay import Mark
from izagraph.maps.site import load_network
from izagraph.resources import GEO_DIR
from izagraph.store import build_store

from .conftest import ROOT
from .test_maps import HOSTILE, ID, TODAY, hostile_dataset, with_aliases

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("IZAGRAPH_CHROMIUM", "/usr/bin/chromium")
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (install it with 'make browser')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Offline:
    """A page that may load ``file:`` URLs only; everything else is aborted and recorded."""

    def __init__(self, browser, bypass_csp: bool = True):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        return self.page

    def assert_offline(self):
        outside = [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]
        assert outside == [] and self.blocked == [], f"requests left the page: {outside or self.blocked}"
        assert self.errors == []


@pytest.fixture
def offline(browser):
    o = Offline(browser)
    yield o
    o.page.close()


@pytest.fixture
def offline_csp(browser):
    o = Offline(browser, bypass_csp=False)
    yield o
    o.page.close()


@pytest.fixture(scope="module")
def G(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    shutil.copytree(ROOT / "tests" / "data" / "mini", folder / "mini")
    store = folder / "store"
    build_store(load_dataset([hostile_dataset(folder / "mini")]).graph, store, ["mini"])
    return load_network(store)[0]


def visible(page) -> int:
    return page.evaluate("izagraph.visibleIds().length")


def node_id(spec, name: str) -> int:
    return next(n["id"] for n in spec.nodes if n["name"] == name)


def screen_point(page, nid: int) -> tuple[float, float]:
    return tuple(page.evaluate(
        """(id) => { const n = izagraph.network; const p = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.getElementById('map').getBoundingClientRect();
                     return [r.left + p.x, r.top + p.y]; }""", nid))


def test_network_map_opens_offline_with_every_node_and_edge(G, tmp_path, offline_csp):
    offline = offline_csp  # under the page's own Content-Security-Policy
    spec = network_map(G, Scope("region", "https://w3id.org/izagraph/id/region/zorgkantoor-zk11"), today=TODAY)
    path = write_network_map(spec, tmp_path / "region.html")
    page = offline.open(path)
    assert page.evaluate("izagraph.nodes.length") == len(spec.nodes) == 14  # see test_region_map_holds_…
    assert page.evaluate("izagraph.edges.length") == len(spec.edges) == 18
    assert page.evaluate("izagraph.network.body.nodeIndices.length") == len(spec.nodes)
    assert page.locator("#legend .legend-item").count() >= 8
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-region.png"))
    assert (OUTPUT / "map-region.png").stat().st_size > 10_000
    offline.assert_offline()


def test_search_and_filters_change_what_is_shown(G, tmp_path, offline):
    spec = network_map(G, Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    total = len(spec.nodes)
    assert visible(page) == total
    page.fill("#search", "verzekeraar")
    page.wait_for_function(f"izagraph.visibleIds().length < {total}")
    shown = page.evaluate("izagraph.visibleIds()")
    # the match and its neighbours: Verzekeraar Test and the stuurgroep it sits at
    assert sorted(shown) == sorted([node_id(spec, "Verzekeraar Test"), node_id(spec, "Stuurgroep Test")])
    assert "Zichtbaar: 2 van 10 knopen" in page.inner_text("#status")
    page.click("#reset")
    page.wait_for_function(f"izagraph.visibleIds().length == {total}")
    page.select_option("#f-programme", "iza")  # the hostile table is GALA only
    page.wait_for_function(f"izagraph.visibleIds().length < {total}")
    shown = set(page.evaluate("izagraph.visibleIds()"))
    assert node_id(spec, "Stuurgroep Test") in shown and node_id(spec, f"Tafel {HOSTILE}") not in shown
    page.select_option("#f-programme", "")
    page.uncheck("#k-organisation")
    page.wait_for_function(f"izagraph.visibleIds().length < {total}")
    assert all(spec.nodes[i]["k"] != "organisation" for i in page.evaluate("izagraph.visibleIds()"))
    # click a node: only its neighbourhood stays, the panel shows its facts as text
    page.check("#k-organisation")
    x, y = screen_point(page, node_id(spec, "Themateam Mentale gezondheid"))
    page.mouse.click(x, y)
    page.wait_for_function("izagraph.state.focus !== null")
    assert page.inner_text("#info-head") == "Themateam Mentale gezondheid"
    assert len(page.evaluate("izagraph.visibleIds()")) == 5  # itself, parent, member, two gemeenten
    offline.assert_offline()


def test_hostile_names_run_nothing(G, tmp_path, offline):
    spec = network_map(G, Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "hostile.html"))
    evil = node_id(spec, HOSTILE)
    x, y = screen_point(page, evil)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    tooltip = page.inner_text("div.vis-tooltip")
    assert tooltip.startswith(HOSTILE)  # shown as text
    page.mouse.click(x, y)
    page.wait_for_function(f"izagraph.state.focus === {evil}")
    assert page.inner_text("#info-head") == HOSTILE
    page.fill("#search", "<img")
    page.wait_for_function(f"izagraph.visibleIds().includes({evil})")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert offline.dialogs == []
    offline.assert_offline()


def test_hovering_a_membership_line_shows_member_and_table_as_text(G, tmp_path, offline):
    """A membership line carries no name in the page data: the page makes "member — table" from its nodes
    (hostile names included), and the tooltip is the one MapSpec.tooltip describes."""
    spec = network_map(G, Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "hostile-line.html"))
    evil = node_id(spec, HOSTILE)
    line = next(e for e in spec.edges if e["rel"] == "membership" and evil in (e["from"], e["to"]))
    page.evaluate(f"izagraph.network.moveTo({{position: izagraph.network.getPositions([{evil}])[{evil}], scale: 2}})")
    (x1, y1), (x2, y2) = screen_point(page, line["from"]), screen_point(page, line["to"])
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    tooltip = page.inner_text("div.vis-tooltip")
    assert tooltip.startswith(f"{spec.nodes[line['from']]['name']} — {spec.nodes[line['to']]['name']}")
    assert tooltip == spec.tooltip(line)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert offline.dialogs == []
    offline.assert_offline()


@pytest.mark.skipif(not (GEO_DIR / "gemeente_2025.topojson").exists(), reason="data/geo not present")
def test_geo_map_offline_with_escaped_tooltips(G, tmp_path, offline):
    page_data = build_geo_map(G, load_geo(GEO_DIR), division="zorgkantoor", today=TODAY,
                              links={"https://w3id.org/izagraph/id/region/zorgkantoor-zk11": "regio-zk11.html"})
    page = offline.open(write_geo_map(page_data, tmp_path / "geo.html"))
    assert page.locator("path.gm").count() == 342
    haarlem = page.locator("path.gm[data-i]").nth(
        next(i for i, g in enumerate(page_data["data"]["gemeenten"]) if g["code"] == "GM0392"))
    assert HOSTILE in haarlem.locator("title").text_content()  # the SVG tooltip holds the name as text
    haarlem.click(force=True)
    assert page.inner_text("#info-head") == "Haarlem (GM0392)"
    assert HOSTILE in page.inner_text("#info")
    assert page.locator("#info a[href='regio-zk11.html']").count() == 1
    assert page.locator("a[href='regio-zk11.html'] text.rl").count() == 1  # the region label links to its map
    assert page.evaluate("typeof window.__pwned") == "undefined" and offline.dialogs == []
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-geo.png"))
    offline.assert_offline()


def national_network(regions=40, tables=1250, organisations=3710, memberships=7400, seed=5) -> nx.MultiDiGraph:
    """A governance network of about 5,000 nodes and 10,000 edges, in the shape governance_network makes."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    progs = ["iza", "gala", "wozo", "taz", "roaz", "jeugd"]
    for r in range(regions):
        G.add_node(f"r{r}", kind="region", label=f"Regio {r}", division="iza", source="s", evidence="illustrative")
    for t in range(tables):
        G.add_node(f"t{t}", kind="table", label=f"Tafel {t}", programmes=rnd.choice(progs), themes="preventie",
                   source="s", evidence="illustrative", end="")
        G.add_edge(f"t{t}", f"r{t % regions}", relation="territory")
        if t >= regions:
            G.add_edge(f"t{t}", f"t{t - regions}", relation="parent")
    for o in range(organisations):
        G.add_node(f"o{o}", kind="organisation", label=f"Organisatie {o}", sector="Welzijn", source="s",
                   evidence="illustrative")
    seen = set()
    while len(seen) < memberships:
        o = rnd.randrange(organisations)
        t = rnd.randrange(tables // regions) * regions + o % regions if rnd.random() < 0.9 else rnd.randrange(tables)
        if (o, t) not in seen and t < tables:
            seen.add((o, t))
            G.add_edge(f"o{o}", f"t{t}", relation="membership", role="lid", perspective="welzijn")
    for o in range(organisations):  # every organisation sits somewhere
        if G.out_degree(f"o{o}") == 0:
            G.add_edge(f"o{o}", f"t{o % tables}", relation="membership", role="lid", perspective="welzijn")
    return G


def test_national_map_of_5000_nodes_is_drawn_quickly(tmp_path, offline):
    spec = network_map(national_network(), Scope("national"), today=TODAY)
    assert 4900 <= len(spec.nodes) <= 5100 and len(spec.edges) >= 9500
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    first_draw = page.evaluate("izagraph.firstDraw")  # ms since navigation started
    assert page.evaluate("izagraph.nodes.length") == len(spec.nodes)
    assert first_draw < 10_000, f"first frame after {first_draw:.0f} ms (measured about 1.5 s on the dev machine)"
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-national-5000.png"))
    offline.assert_offline()


def test_the_page_reads_its_compact_data_as_python_does(G, tmp_path, offline):
    """network.js's unpack is compact.unpack: the same nodes, edges and facts (hostile names, findings)."""
    G5000 = national_network()
    tables = [n for n, a in G5000.nodes(data=True) if a["kind"] == "table"]
    marks = [Mark("gap", t, "table-gaps", "high" if i % 3 else "low", f"gat {i % 7}")
             for i, t in enumerate(tables[:200])]
    for spec, name in ((network_map(G, Scope("national"), today=TODAY), "hostile.html"),
                       (network_map(G5000, Scope("national"), marks=marks, today=TODAY), "national.html")):
        page = offline.open(write_network_map(spec, tmp_path / name))
        read = page.evaluate("izagraph.unpack(JSON.parse(document.getElementById('izagraph-data').textContent))")
        assert read == unpack(spec.payload())
        assert read["nodes"] == spec.nodes and read["edges"] == spec.edges
    offline.assert_offline()


def test_big_map_writes_a_nodes_tooltip_when_the_pointer_comes_over_it(tmp_path, offline):
    """Above LARGE nodes no tooltip is made as the page opens (7,500 of them, read by no one): the first time
    the pointer comes over a node, the page gives vis-network its tooltip, the one MapSpec.tooltip describes."""
    spec = network_map(national_network(), Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    table = next(n for n in spec.nodes if n["k"] == "table" and n["info"])
    assert page.evaluate(f"izagraph.nodes.get({table['id']}).title") is None
    page.evaluate(f"izagraph.network.moveTo({{position: izagraph.network.getPositions([{table['id']}])"
                  f"[{table['id']}], scale: 1.5, animation: false}})")
    page.evaluate(FRAME)
    x, y = screen_point(page, table["id"])
    page.mouse.move(x - 2, y - 2)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    assert page.inner_text("div.vis-tooltip") == spec.tooltip(table)
    assert page.evaluate(f"izagraph.nodes.get({table['id']}).title") == spec.tooltip(table)
    offline.assert_offline()


def test_flat_global_node_options_give_every_node_vis_networks_own_options(tmp_path, offline):
    """The page flattens vis-network's global node options (a chain of prototypes) before the nodes are made:
    every node's options, read through its own prototype chain, equal those of a network vis-network sets up
    itself from the same nodes, and the first frame draws them."""
    spec = network_map(national_network(), Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    same = page.evaluate("""() => {
      const own = izagraph.network, div = document.createElement("div");
      div.style.cssText = "position:absolute;left:0;top:0;width:400px;height:300px";
      document.body.appendChild(div);
      const ref = new vis.Network(div, { nodes: new vis.DataSet(izagraph.nodes.get()), edges: new vis.DataSet([]) },
                                  izagraph.data.options);
      const plain = o => { if (o === null || typeof o !== "object" || Array.isArray(o)) return o;
                           const out = {}; for (const k in o) out[k] = plain(o[k]); return out; };
      const ids = Object.keys(ref.body.nodes), differ = ids.filter(id =>
        JSON.stringify(plain(own.body.nodes[id].options)) !== JSON.stringify(plain(ref.body.nodes[id].options)));
      const flat = Object.getPrototypeOf(own.nodesHandler.options) === Object.prototype;
      ref.destroy(); div.remove();
      return { nodes: ids.length, differ: differ.length, flat: flat };
    }""")
    assert same == {"nodes": len(spec.nodes), "differ": 0, "flat": True}
    offline.assert_offline()


SAME_NETWORKS = """() => {
  // two networks of the page's nodes in two canvases of one size: one made as the page makes it (nodes as
  // copies), one whose nodes vis-network makes itself; their bodies, image lists and global, default and group
  // options are taken as the same (walked in step), each node's own state is compared in full
  const box = () => { const d = document.createElement("div");
    d.style.cssText = "position:fixed;left:0;top:0;width:700px;height:500px"; document.body.appendChild(d); return d; };
  const items = izagraph.nodes.get(), a = izagraph.makeNetwork(box(), new vis.DataSet(items), new vis.DataSet([]), true),
        b = izagraph.makeNetwork(box(), new vis.DataSet(items), new vis.DataSet([]), false);
  const A = a.network, B = b.network, seeds = () => {
    const pairs = new Map([[A.body, B.body], [A.images, B.images]]);
    const walk = (x, y) => { if (x === null || (typeof x !== "object" && typeof x !== "function") || pairs.has(x)) return;
      pairs.set(x, y); if (typeof x === "object") Object.getOwnPropertyNames(x).forEach(k => walk(x[k], y[k])); };
    walk(A.nodesHandler.options, B.nodesHandler.options); walk(A.nodesHandler.defaultOptions, B.nodesHandler.defaultOptions);
    walk(A.groups, B.groups);
    return pairs; };
  const differ = () => { const pairs = seeds();  // one map for all nodes: what one network shares, the other does too
    return items.filter(n => !izagraph.sameNode(A.body.nodes[n.id], B.body.nodes[n.id], pairs)).map(n => n.id); };
  const made = differ();
  A.fit({ animation: false });
  B.moveTo({ position: A.getViewPosition(), scale: A.getScale(), animation: false });
  A.renderer._redraw(); B.renderer._redraw();
  const pixels = N => { const c = N.canvas.frame.canvas; return c.getContext("2d").getImageData(0, 0, c.width, c.height).data; };
  const pa = pixels(A), pb = pixels(B);
  let painted = 0, other = 0;
  for (let i = 0; i < pa.length; i++) { if (pa[i] !== pb[i]) other++; if (i % 4 === 3 && pa[i]) painted++; }
  const out = { copies: a.copies, made: made, drawn: differ(), pixels: other, painted: painted > 1000 };
  A.destroy(); B.destroy();
  return out; }"""


def test_big_map_makes_its_nodes_as_copies_of_vis_networks_own(tmp_path, offline):
    """vis-network's nodes of a kind (the same options but for id, position and size) are copies of the state
    vis-network gives the first of them (copyNodes in network.js): each node's state, just made and after a
    frame, is that of a network vis-network sets up itself from the same nodes, and the frames are the same
    to the pixel. Most nodes are copies: when a vis-network update makes that impossible, this test fails."""
    G = national_network()
    tables = [n for n, a in G.nodes(data=True) if a["kind"] == "table"]
    marks = [Mark("gap", t, "table-gaps", "high" if i % 3 else "low", f"gat {i % 7}") for i, t in enumerate(tables[:200])]
    spec = network_map(G, Scope("national"), marks=marks, today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    copies = page.evaluate("izagraph.nodeCopies")
    assert copies["refused"] == 0 and copies["copied"] + copies["made"] == len(spec.nodes)
    assert copies["copied"] > 0.9 * len(spec.nodes), copies
    page.evaluate("izagraph.openNode(%d)" % spec.nodes[0]["id"])  # (some labels given, a node selected)
    same = page.evaluate(SAME_NETWORKS)
    assert same["copies"]["copied"] > 0.9 * len(spec.nodes) and same["painted"], same
    assert (same["made"], same["drawn"], same["pixels"]) == ([], [], 0)
    offline.assert_offline()


def test_big_map_draws_its_plain_lines_itself_and_hands_a_small_view_back(tmp_path, offline):
    """Above LARGE nodes the page draws the lines without label or curve itself, in one stroke per style
    (vis-network spends about 10 µs of script on each line in each frame); a view showing few of them (here
    a focus) gets them back in vis-network, with their tooltips, and "Alles tonen" takes them back again."""
    spec = network_map(national_network(), Scope("national"), today=TODAY)
    plain = [e for e in spec.edges if not e.get("label") and not e.get("smooth")]
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    bulk = page.evaluate("izagraph.bulk")
    assert (bulk["lines"], bulk["own"], bulk["drawn"], bulk["layered"]) == (len(plain), True, len(plain), True)
    assert page.evaluate("izagraph.edges.length") == len(spec.edges) - len(plain)
    member = next(n for n in spec.nodes if n["k"] == "organisation")
    seats = [e["id"] for e in spec.edges if e["from"] == member["id"] and e["rel"] == "membership"]
    page.evaluate(f"izagraph.openNode({member['id']})")
    assert page.evaluate("izagraph.bulk.own") is False
    titles = page.evaluate(f"izagraph.edges.get({seats}).map(e => e && e.title)")
    assert titles == [spec.tooltip(spec.edges[i]) for i in seats]  # "member — table" and role made by the page
    assert all(t.startswith(member["name"] + " — ") for t in titles)
    page.click("#reset")
    page.wait_for_function("izagraph.bulk.own === true && izagraph.edges.length === %d" % (len(spec.edges) - len(plain)))
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("izagraph.bulk.drawn") == len(plain)
    offline.assert_offline()


FRAME = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
PAN = """(() => { const n = izagraph.network, p = n.getViewPosition(), s = n.getScale();
  n.moveTo({ position: { x: p.x + 40 / s, y: p.y + 25 / s }, scale: s, animation: false }); })()"""


GRAB = """(() => { const c = izagraph.network.canvas.frame.canvas;
  window._pixels = c.getContext("2d").getImageData(0, 0, c.width, c.height).data; })()"""
COMPARE = """(() => { const c = izagraph.network.canvas.frame.canvas, a = window._pixels;
  const b = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0, most = 0;  // colours premultiplied by alpha: an all but transparent pixel's colour is noise
  for (let i = 0; i < a.length; i += 4) {
    let d = Math.abs(a[i + 3] - b[i + 3]);
    for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(a[i + k] * a[i + 3] - b[i + k] * b[i + 3]) / 255);
    if (d >= 1) { n++; most = Math.max(most, d); }
  }
  return { differ: n, most: Math.round(most), of: a.length / 4 }; })()"""


def test_big_map_pans_its_plain_lines_from_one_layer(tmp_path, offline):
    """Panning at one zoom level copies the plain lines from a layer drawn once (bulkDraw in network.js):
    the picture after a pan is the picture of the lines drawn straight on the canvas (up to rounding: a
    colour value or two on some antialiased pixels); a zoom or a change of what is shown draws it anew."""
    spec = network_map(national_network(), Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    page.wait_for_function("izagraph.bulk.layers === 1")  # drawn once the page is idle after the first frame
    page.evaluate(PAN)
    page.evaluate(FRAME)
    assert page.evaluate("izagraph.bulk.layers") == 1  # copied, not drawn
    page.evaluate(GRAB)
    page.evaluate("izagraph.bulk.layered = false; izagraph.network.redraw()")  # drawn straight on the canvas
    page.evaluate(FRAME)
    diff = page.evaluate(COMPARE)
    assert diff["differ"] <= diff["of"] // 100 and diff["most"] <= 8, diff  # a shifted layer: 30 %, 150
    page.evaluate("izagraph.bulk.layered = true; izagraph.apply(false); izagraph.network.redraw()")
    page.wait_for_function("izagraph.bulk.layers === 2")  # apply dropped the layer
    page.evaluate("izagraph.network.moveTo({ scale: izagraph.network.getScale() * 2, animation: false })")
    page.wait_for_function("izagraph.bulk.layers === 3")
    offline.assert_offline()


def test_big_map_gives_labels_to_what_a_zoomed_in_view_shows(tmp_path, offline):
    """Above LARGE nodes vis-network gets a node's label when a frame shows the node at a scale where labels
    are drawn (labelsInView in network.js), not when it creates 5,000 nodes: the zoomed-in picture is the
    picture with every label given at once."""
    spec = network_map(national_network(), Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "national.html"))
    regions = sum(1 for n in spec.nodes if n["k"] == "region")  # (their labels are drawn at every zoom)
    assert page.evaluate("izagraph.lateLabels") == len(spec.nodes) - regions
    table = next(n for n in spec.nodes if n["k"] == "table")
    page.evaluate("""id => { const n = izagraph.network, p = n.getPositions([id])[id];
        izagraph.bulk.layered = false; n.moveTo({ position: p, scale: 1.2, animation: false }); }""", table["id"])
    page.evaluate(FRAME)
    given = len(spec.nodes) - regions - page.evaluate("izagraph.lateLabels")
    assert 0 < given < len(spec.nodes) // 4  # the ones in (and around) the view
    shown = page.evaluate("""() => Object.values(izagraph.network.body.nodes).filter(v => {
        const a = izagraph.network.canvasToDOM({ x: v.x, y: v.y }), c = izagraph.network.canvas.frame.canvas;
        return a.x >= 0 && a.y >= 0 && a.x <= c.clientWidth && a.y <= c.clientHeight; })
        .map(v => [v.id, v.options.label])""")
    assert shown and all(label == spec.nodes[i]["label"] for i, label in shown)
    page.evaluate(GRAB)
    page.evaluate("""() => { izagraph.nodes.update(izagraph.data.nodes.map(n => ({ id: n.id, label: n._base.label })));
        izagraph.network.redraw(); }""")
    page.evaluate(FRAME)
    diff = page.evaluate(COMPARE)
    assert diff["differ"] == 0, diff
    offline.assert_offline()


# -- issue 12: maps a region can trust and work with -------------------------------------------------

DOCS_IMG = ROOT / "docs" / "img"
HL = ID + "region/iza-haaglanden"
# every table of the (made-up) Haaglanden structure in data/illustrative/tables.csv: the nine with territory
# iza-haaglanden and the werkgroep under the regiotafel whose gemeenten (Delft, Westland) reach beyond it
HL_TABLES = {"Regiotafel Haaglanden", "Themateam Kwetsbare ouderen Haaglanden", "Regionaal Ouderenoverleg Haaglanden",
             "Stuurgroep Ouderenzorg Haaglanden (opgeheven)", "Netwerk Dementie Haaglanden",
             "Themateam Mentale gezondheid Haaglanden", "Werkgroep Arbeidsmarkt & onderwijs Haaglanden",
             "Themateam Gezondheidsverschillen Haaglanden", "Werkgroep Preventie Haaglanden",
             "Werkgroep Acute zorg Haaglanden-Delfland"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The network of the shipped data (real + illustrative), as `izagraph map` reads it."""
    store = tmp_path_factory.mktemp("shipped") / "store"
    build_store(load_dataset([ROOT / "data" / "real", ROOT / "data" / "illustrative"]).graph, store,
                ["real", "illustrative"])
    return load_network(store)[0]


@pytest.fixture(scope="module")
def haaglanden(shipped, tmp_path_factory):
    spec = network_map(shipped, Scope("region", HL), today=TODAY)
    return spec, write_network_map(spec, tmp_path_factory.mktemp("hl") / "regio-iza-haaglanden.html")


def shot(page, name: str) -> None:
    """A screenshot for docs/maps.md (docs/img/) and the test output."""
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_IMG / name))


def names_shown(page, spec) -> set[str]:
    return {spec.nodes[i]["name"] for i in page.evaluate("izagraph.visibleIds()")}


def test_haaglanden_map_shows_its_whole_structure(haaglanden, offline):
    spec, path = haaglanden
    tables = {n["name"] for n in spec.nodes if n["k"] == "table"}
    assert tables == HL_TABLES
    outside = [n for n in spec.nodes if n.get("o")]
    assert [n["name"] for n in outside] == ["Werkgroep Acute zorg Haaglanden-Delfland"]
    assert outside[0]["label"].endswith("(deels buiten de regio)")
    page = offline.open(path)
    assert names_shown(page, spec) >= HL_TABLES
    page.click("#list-head")  # the text alternative says it too
    item = page.locator("#node-list li", has_text="Werkgroep Acute zorg Haaglanden-Delfland")
    assert "deels buiten de regio" in item.inner_text()
    assert page.title() == "Regio: Haaglanden"
    offline.assert_offline()


def test_labels_do_not_overlap_on_first_open(haaglanden, offline):
    spec, path = haaglanden
    page = offline.open(path)
    boxes = page.evaluate("""() => Object.values(izagraph.network.body.nodes)
        .filter(n => !n.options.hidden && n.options.font.color !== 'rgba(0,0,0,0)' && n.labelModule.size.width)
        .map(n => { const s = n.labelModule.size, v = n.options.font.vadjust || 0;
                    return [n.id, s.left, s.top + v, s.left + s.width, s.top + v + s.height]; })""")
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert overlaps == []
    assert len(boxes) >= 0.8 * len(spec.nodes)  # most labels stay; the rest are in tooltips and the list
    shot(page, "map-region.png")
    offline.assert_offline()


def test_time_slider_shows_the_structure_as_it_was(haaglanden, offline):
    spec, path = haaglanden
    page = offline.open(path)
    ended, started = "Stuurgroep Ouderenzorg Haaglanden (opgeheven)", "Themateam Kwetsbare ouderen Haaglanden"
    assert {ended, started} <= names_shown(page, spec)  # no date: everything, ended tables faded
    page.click("#tool-time summary")

    def slide_to(month: str) -> None:
        index = page.evaluate(f"izagraph.months.indexOf('{month}')")
        assert index >= 0
        page.focus("#as-of-range")
        page.keyboard.press("Home")
        for _ in range(index):  # the keyboard moves the slider one month at a time
            page.keyboard.press("ArrowRight")

    slide_to("2019-06-01")
    assert page.input_value("#as-of") == "2019-06-01"
    shown = names_shown(page, spec)
    assert ended in shown and started not in shown
    assert "Regiotafel Haaglanden" not in shown  # since 2023-09
    slide_to("2024-06-01")
    shown = names_shown(page, spec)
    assert ended not in shown and started in shown
    page.fill("#since", "2019-06-01")  # what started and ended between the two dates
    page.wait_for_function("izagraph.changes !== null")
    changes = page.evaluate("izagraph.changes")
    assert ended in changes["ended"] and started in changes["started"] and "Regiotafel Haaglanden" in changes["started"]
    assert "Regionaal Ouderenoverleg Haaglanden" not in changes["started"] + changes["ended"]  # since 2016, active
    assert ended in names_shown(page, spec)  # shown again, marked as ended
    assert "beëindigd: " in page.inner_text("#changes")
    shot(page, "map-time.png")
    offline.assert_offline()


def test_shortest_path_between_two_organisations(haaglanden, offline):
    spec, path = haaglanden
    page = offline.open(path)
    page.click("#tool-path summary")
    page.fill("#path-from", "Alzheimer Voorbeeld afdeling Hofstad")
    page.fill("#path-to", "Hofvoorbeeld Ziekenhuis")
    page.click("#path-go")
    page.wait_for_selector("#paths li")
    # the only chain of four steps: the alzheimer afdeling and the ggz share the dementie network, the ggz and
    # the hospital sit at the regiotafel (through the vvt it takes five: werkgroep or themateam, then the regiotafel)
    expected = ("Alzheimer Voorbeeld afdeling Hofstad → Netwerk Dementie Haaglanden → GGZ Voorbeeld Hofstad → "
                "Regiotafel Haaglanden → Hofvoorbeeld Ziekenhuis")
    assert page.locator("#paths li").all_inner_texts() == [expected]
    assert names_shown(page, spec) == set(expected.split(" → "))
    assert sorted(page.evaluate("izagraph.network.getSelectedNodes()")) == sorted(
        node_id(spec, n) for n in expected.split(" → "))
    shot(page, "map-path.png")
    page.fill("#path-to", "Bestaat Niet")
    page.click("#path-go")
    assert "Onbekende naam: Bestaat Niet" in page.inner_text("#path-result")
    offline.assert_offline()


def test_path_names_are_listed_when_the_path_tool_opens(haaglanden, offline):
    """The names to pick a path's ends from (a datalist) are made when the tool opens, not as the page does."""
    spec, path = haaglanden
    page = offline.open(path)
    assert page.evaluate("document.querySelectorAll('#node-names option').length") == 0
    page.click("#tool-path summary")
    page.wait_for_function("document.querySelectorAll('#node-names option').length > 0")
    names = page.evaluate("[...document.querySelectorAll('#node-names option')].map(o => o.value)")
    assert names == [n["name"] for n in spec.nodes if n["k"] != "missing"]
    offline.assert_offline()


def test_view_restored_from_the_page_address(haaglanden, offline):
    spec, path = haaglanden
    page = offline.page
    page.goto(path.resolve().as_uri() + "#programme=wozo&focus=table%2Fhl-themateam-kwetsbare-ouderen"
              "&date=2024-06-01&measure=seats&kinds=organisation%2Cgemeente%2Ctable")
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("#f-programme") == "wozo" and page.input_value("#measure") == "seats"
    assert page.input_value("#as-of") == "2024-06-01" and not page.is_checked("#k-person")
    # the themateam's neighbourhood, people and concepts left out: its 7 member organisations and gemeente
    # 's-Gravenhage, and the regiotafel it hangs under
    assert names_shown(page, spec) == {
        "Themateam Kwetsbare ouderen Haaglanden", "Regiotafel Haaglanden", "Ouderenzorg Residentie Voorbeeld",
        "Thuiszorg Duinvoorbeeld", "Huisartsenzorg Hofvoorbeeld", "Stichting Welzijn Hofvoorbeeld",
        "'s-Gravenhage", "Zorgverzekeraar Voorbeeld", "Ziekenhuis Voorbeeldstad"}
    assert page.inner_text("#info-head") == "Themateam Kwetsbare ouderen Haaglanden"
    legend = page.inner_text("#measure-legend").lower()
    assert "zetels" in legend and "\n2–3\n" in legend  # whole-number classes up to 8 (the regiotafel)
    page.select_option("#f-depth", "2")
    assert "depth=2" in page.evaluate("location.hash")
    page.click("#reset")  # everything back, the steps (Stappen) too
    assert page.evaluate("location.hash") == "" and page.input_value("#f-depth") == "1"
    assert page.input_value("#as-of") == "" and page.input_value("#measure") == "" and page.is_checked("#k-person")
    assert len(page.evaluate("izagraph.visibleIds()")) == len(spec.nodes)
    offline.assert_offline()


def test_search_knows_aliases_and_lists_what_it_found(haaglanden, offline):
    spec, path = haaglanden
    page = offline.open(path)
    page.fill("#search", "Den Haag")
    page.wait_for_selector("#hit-list li")
    assert page.locator("#hit-list li").all_inner_texts() == ["'s-Gravenhage (Den Haag)"]
    assert page.inner_text("#hits").startswith("Gevonden (1)")
    page.fill("#search", "GM0518")  # a gemeente's code finds it too
    page.wait_for_function("document.querySelector('#hit-list li') && "
                           "document.querySelector('#hit-list li').textContent.includes('GM0518')")
    assert page.locator("#hit-list li").all_inner_texts() == ["'s-Gravenhage (GM0518)"]
    page.fill("#search", "geen-naam-die-bestaat")
    page.wait_for_function("document.getElementById('hits').textContent === 'Niets gevonden.'")
    offline.assert_offline()


def test_keyboard_only_from_the_list_to_a_nodes_details(haaglanden, offline):
    spec, path = haaglanden
    page = offline.open(path)
    for _ in range(80):  # Tab through the controls to the list
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "list-head":
            break
    assert page.evaluate("document.activeElement.id") == "list-head"
    page.keyboard.press("Enter")
    page.wait_for_selector("#node-list li")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent")
    assert first == spec.nodes[0]["name"]
    page.keyboard.press("Enter")
    assert page.inner_text("#info-head") == first
    assert page.evaluate("document.activeElement.id") == "info"  # focus moves to the details
    assert page.evaluate("izagraph.state.focus") == 0
    offline.assert_offline()


def test_source_address_is_a_safe_link(haaglanden, offline):
    spec, path = haaglanden
    page = offline.open(path)
    page.evaluate(f"izagraph.openNode({node_id(spec, 'Haaglanden')})")
    link = page.locator("#info-source a")
    assert link.inner_text() == "Regiobeeld Haaglanden (Zoetermeer 2025)"
    assert link.get_attribute("href") == "https://www.zoetermeer2025.nl/regiobeeld/"
    assert "noopener" in link.get_attribute("rel")
    assert "echt (openbare bron)" in page.inner_text("#info") and "Betrouwbaarheid bron" in page.inner_text("#info")
    # values wrap between words only: no dd is wider than its box, none breaks inside a word
    assert page.evaluate("""() => [...document.querySelectorAll('#info dd')].every(d =>
        getComputedStyle(d).wordBreak === 'normal' && d.scrollWidth <= d.clientWidth + 1)""")
    offline.assert_offline()


def _axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
            if v["impact"] in ("serious", "critical")]


def test_no_serious_accessibility_violations(haaglanden, shipped, tmp_path, offline):
    spec, path = haaglanden
    page = offline.open(path)
    page.click("#list-head")
    page.evaluate(f"izagraph.openNode({node_id(spec, 'Regiotafel Haaglanden')})")
    assert _axe(page) == []
    overview = write_network_map(overview_map(shipped, today=TODAY), tmp_path / "overzicht.html")
    page = offline.open(overview)
    assert _axe(page) == []
    if (GEO_DIR / "gemeente_2025.topojson").exists():
        geo = write_geo_map(build_geo_map(shipped, load_geo(GEO_DIR), division="zorgkantoor", today=TODAY),
                            tmp_path / "geo.html")
        page = offline.open(geo)
        page.click("#list-head")
        assert _axe(page) == []
    offline.assert_offline()


@pytest.mark.skipif(not (GEO_DIR / "gemeente_2025.topojson").exists(), reason="data/geo not present")
def test_geo_gemeenten_reachable_by_keyboard_and_in_a_table(shipped, tmp_path, offline):
    page_data = build_geo_map(shipped, load_geo(GEO_DIR), division="iza", measure="programmes", today=TODAY)
    page = offline.open(write_geo_map(page_data, tmp_path / "geo.html"))
    assert page.title() == "Programma's per gemeente — IZA-regio (regioplanregio)"
    page.click("#list-head")
    assert page.locator("#gm-table tbody tr").count() == 342
    row = page.locator("#gm-table tbody tr", has_text="'s-Gravenhage")
    expected = next(g["value"] for g in page_data["data"]["gemeenten"] if g["code"] == "GM0518")
    assert row.locator("td").nth(2).inner_text() == str(expected)
    page.focus("path.gm[data-i='0']")
    page.keyboard.press("Enter")
    first = page_data["data"]["gemeenten"][0]
    assert page.inner_text("#info-head") == f"{first['name']} ({first['code']})"
    shot(page, "map-geo.png")
    offline.assert_offline()


def test_search_finds_an_organisation_by_its_abbreviation(tmp_path, offline):
    folder = with_aliases(shutil.copytree(ROOT / "tests" / "data" / "mini", tmp_path / "mini"))
    build_store(load_dataset([folder]).graph, tmp_path / "store", ["mini"])
    spec = network_map(load_network(tmp_path / "store")[0], Scope("national"), today=TODAY)
    page = offline.open(write_network_map(spec, tmp_path / "aliases.html"))
    page.fill("#search", "za")
    page.wait_for_selector("#hit-list li")
    assert page.locator("#hit-list li").all_inner_texts() == ['Ziekenhuis "A" {x} (ZA)']
    offline.assert_offline()
