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
from izagraph.maps import Scope, network_map
from izagraph.maps.geo import build_geo_map, load_geo
from izagraph.maps.html import write_geo_map, write_network_map
from izagraph.maps.site import load_network
from izagraph.resources import GEO_DIR
from izagraph.store import build_store

from .conftest import ROOT
from .test_maps import HOSTILE, TODAY, hostile_dataset

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
    assert page.evaluate("izagraph.nodes.length") == len(spec.nodes) == 10
    assert page.evaluate("izagraph.edges.length") == len(spec.edges) == 12
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
    assert page.inner_text("#info h3") == "Themateam Mentale gezondheid"
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
    assert page.inner_text("#info h3") == HOSTILE
    page.fill("#search", "<img")
    page.wait_for_function(f"izagraph.visibleIds().includes({evil})")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
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
    assert page.inner_text("#info h3") == "Haarlem (GM0392)"
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
