"""The report pages in real headless Chromium (Debian's package), with the network blocked.

Screenshots go to ``test-output/`` (gitignored); ``docs/report.md`` shows the national one. The print
test renders the national page to PDF through the page's print stylesheet. Outside CI a missing
Chromium skips these tests with the reason; in CI it is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from izagraph.load import load_dataset
from izagraph.report import write_report
from izagraph.resources import SHIPPED_DATASETS
from izagraph.store import build_store

from .test_maps_browser import OUTPUT, browser  # noqa: F401 (the shared Chromium fixture)
from .test_report import TODAY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report-browser")
    dataset = load_dataset(list(SHIPPED_DATASETS))
    build_store(dataset.graph, folder / "store", dataset.inputs)
    write_report(folder / "store", folder / "report", today=TODAY)
    return folder / "report"


def open_offline(browser, path: Path):
    """A page on ``path`` that may load ``file:`` and ``data:`` URLs only; returns (page, outside requests)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside, errors = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, outside, errors


def box(page, selector: str) -> dict:
    b = page.locator(selector).first.bounding_box()
    assert b is not None, f"{selector} is not rendered"
    return b


def test_national_page_renders_heat_map_and_geo_map(browser, report_dir):
    page, outside, errors = open_offline(browser, report_dir / "index.html")
    try:
        heat = box(page, "svg.heatmap")
        assert heat["width"] > 200 and heat["height"] > 200
        cells = page.locator("#division-iza svg.heatmap g.cell rect")
        assert cells.count() == 16 * 7  # every IZA region in the data × the seven criteria
        # EXPECTED.md: under hl-regiotafel only burgers/patiënten are not among the recorded members, and since one
        # werkgroep's members are not recorded that cell is "niet vastgelegd": no cell may say "ontbreekt"
        assert page.locator("#division-iza svg.heatmap g.cell.missing").count() == 0
        assert page.locator("#division-iza svg.heatmap g.cell.not_recorded").count() > 0
        geo = box(page, "figure.geo svg")
        assert geo["width"] > 300 and geo["height"] > 300
        # by active tables with the outlines of each default division (IZA, SPUK), and by findings (IZA outlines)
        assert page.locator("figure.geo").count() == 3
        captions = page.locator("figure.geo figcaption").all_inner_texts()
        assert ["IZA-regio" in captions[0], "SPUK IZA-samenwerkingsregio" in captions[1], "bevindingen" in captions[2]] \
            == [True, True, True]
        assert page.locator("figure.geo").nth(0).locator("path.gm").count() == 342
        coloured = page.evaluate("""() => [...document.querySelectorAll('figure.geo')].map(f =>
            [...f.querySelectorAll('path.gm')].filter(p => !['#eeeeee', '#ffffff'].includes(p.getAttribute('fill'))).length)""")
        assert all(n > 0 for n in coloured)  # gemeenten with tables / findings are coloured
        assert box(page, "svg.matrix")["width"] > 200
        assert outside == [] and errors == []
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "report-national.png"), full_page=False)
        page.screenshot(path=str(OUTPUT / "report-national-full.png"), full_page=True)
        page.locator("#division-iza").screenshot(path=str(OUTPUT / "report-scorecard.png"))
        pdf = page.pdf(path=str(OUTPUT / "report-national.pdf"))
        assert pdf[:4] == b"%PDF" and len(pdf) > 50_000
    finally:
        page.close()


def test_region_page_renders_tree_and_profile(browser, report_dir):
    page, outside, errors = open_offline(browser, report_dir / "regio-iza-zuid-holland-noord.html")
    try:
        assert page.locator("ul.tree li").count() >= 8
        assert box(page, "ul.tree")["height"] > 100
        assert page.locator("#profile li.chosen").count() >= 10  # ten recorded choices for ZHN
        assert page.locator("table.criteria tbody tr").count() == 7
        assert page.locator("table.criteria td.present").count() == 7  # EXPECTED.md: ZHN has all seven
        assert outside == [] and errors == []
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "report-region.png"), full_page=False)
        # Haaglanden: the layer where a perspective sits is shown next to its verdict
        page.goto((report_dir / "regio-iza-haaglanden.html").resolve().as_uri())
        ggd = page.locator("table.criteria tbody tr", has_text="Regionale GGD")
        assert ggd.locator("td.layer").inner_text().strip() == "2" and ggd.locator("td.present").count() == 1
        page.screenshot(path=str(OUTPUT / "report-region-haaglanden.png"), full_page=True)
    finally:
        page.close()


def test_spuk_section_and_region_page_render(browser, report_dir):
    page, outside, errors = open_offline(browser, report_dir / "index.html")
    try:
        rows = page.locator("#division-spuk-iza table.data tbody tr")
        assert rows.count() == 42  # all 42 samenwerkingsregio's, also the 15 whose gemeenten are unknown
        assert page.locator("#division-spuk-iza td.no_data", has_text="onbekend (geen gegevens)").count() == 15
        # no SPUK region has tables recorded: no all-grey heat map, a note that says why
        assert page.locator("#division-spuk-iza svg.heatmap").count() == 0
        assert "geen gegevens" in page.locator("#division-spuk-iza p.note").first.inner_text()
        assert box(page, "#division-spuk-iza table.data")["height"] > 42 * 15
        assert outside == [] and errors == []
        OUTPUT.mkdir(exist_ok=True)
        page.locator("#division-spuk-iza").screenshot(path=str(OUTPUT / "report-spuk.png"))
    finally:
        page.close()
    page, outside, errors = open_offline(browser, report_dir / "regio-spuk-flevoland.html")
    try:
        assert page.locator("#gemeenten tbody tr").count() == 5
        assert page.locator("#grants tbody tr").count() == 2
        assert box(page, "#grants table")["height"] > 40
        assert outside == [] and errors == []
        page.screenshot(path=str(OUTPUT / "report-region-spuk.png"), full_page=True)
    finally:
        page.close()
