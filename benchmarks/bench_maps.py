"""How fast is ``izagraph map --national`` at 5,000 nodes? Layout, HTML and the first frame in Chromium.

Generates a synthetic store with ``izagraph.synthetic`` (default scale 0.625: 1,250 tables, 3,125
organisations on the real gemeenten and regions), then measures, each as the median of ``--runs``:

- reading the store (pyoxigraph index, and rdflib's ``store.read_graph`` for comparison),
- building the governance network, the map without layout, the layout, and writing the HTML;
- ``izagraph map --national`` end to end as a command (wall clock, Python start-up included), and
  ``izagraph map --national --findings`` (the rules run too; one run, it is the slow one);
- in headless Chromium (network blocked): milliseconds from navigation start to the first drawn frame,
  and the redraw time per frame while the view pans (vis-network's ``beforeDrawing`` to
  ``afterDrawing``, median of 30 frames driven by ``requestAnimationFrame``), for both maps.

    .venv/bin/python benchmarks/bench_maps.py [--runs 3] [--spring] [--chromium /usr/bin/chromium]

``--spring`` also times ``networkx.spring_layout`` on the same graph (the issue measured 31 s).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from izagraph.synthetic import generate  # noqa: E402
from izagraph.load import read_inputs  # noqa: E402
from izagraph.maps import Scope, select  # noqa: E402
from izagraph.maps.build import build_network_map  # noqa: E402
from izagraph.maps.html import write_network_map  # noqa: E402
from izagraph.maps.triples import read_index  # noqa: E402
from izagraph.network import governance_network  # noqa: E402
from izagraph.store import build_store, read_graph  # noqa: E402


def timed(fn):
    """Seconds for ``fn()``, with the cyclic garbage collector paused as ``izagraph map`` does."""
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        value = fn()
        return value, time.perf_counter() - t
    finally:
        gc.enable()


def median(fn, runs: int):
    values, times = None, []
    for _ in range(runs):
        values, t = timed(fn)
        times.append(t)
    return values, statistics.median(times)


def first_frame(html: Path, chromium: str, runs: int) -> tuple[float, dict, int]:
    """Median ms from navigation start to vis-network's first drawn frame, with the network blocked."""
    from playwright.sync_api import sync_playwright

    frames, timing, outside = [], {}, 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page.goto(html.resolve().as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            frames.append(page.evaluate("izagraph.firstDraw"))
            timing = page.evaluate("izagraph.timing")
            outside += sum(1 for u in requests if not u.startswith(("file:", "data:")))
            page.close()
        browser.close()
    return statistics.median(frames), timing, outside


REDRAW_JS = """async () => {
  const net = izagraph.network, times = [];
  let start = 0;
  const before = () => { start = performance.now(); };
  const after = () => { times.push(performance.now() - start); };
  net.on("beforeDrawing", before);
  net.on("afterDrawing", after);
  const view = net.getViewPosition(), scale = net.getScale();
  for (let i = 0; i < 30; i++) {
    await new Promise(r => requestAnimationFrame(r));
    net.moveTo({ position: { x: view.x + (i % 2 ? 3 : -3) / scale, y: view.y }, scale: scale, animation: false });
    await new Promise(r => requestAnimationFrame(r));
  }
  net.off("beforeDrawing", before);
  net.off("afterDrawing", after);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def redraw_ms(html: Path, chromium: str) -> float:
    """Median ms vis-network spends drawing one frame of the page while the view pans."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(html.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        value = page.evaluate(REDRAW_JS)
        browser.close()
    return value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--spring", action="store_true", help="also time networkx.spring_layout")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--scale", type=float, default=0.625, help="izagraph generate --scale (0.625: 1,250 tables)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = generate(tmp / "synthetic", scale=args.scale, seed=42)
        graph, _, problems = read_inputs([folder])
        assert not problems, problems[:3]
        store = tmp / "store"
        build_store(graph, store, [str(folder)])
        index, t_index = median(lambda: read_index(store), args.runs)
        _, t_rdflib = timed(lambda: read_graph(store))
        G, t_network = median(lambda: governance_network(index, context=True), args.runs)
        H, t_select = median(lambda: select(G, Scope("national")), args.runs)
        _, t_build = median(lambda: build_network_map(H, title="bench", national=True, layout=False), args.runs)
        spec, t_with_layout = median(lambda: build_network_map(H, title="bench", national=True), args.runs)
        html = tmp / "nationaal.html"
        _, t_write = median(lambda: write_network_map(spec, html), args.runs)
        cli = [str(ROOT / ".venv" / "bin" / "izagraph"), "map", "--national", "--store", str(store), "-o",
               str(tmp / "cli.html")]
        _, t_cli = median(lambda: subprocess.run(cli, check=True, capture_output=True), args.runs)
        findings_html = tmp / "cli-findings.html"
        _, t_cli_findings = timed(lambda: subprocess.run(cli[:-1] + [str(findings_html), "--findings"], check=True,
                                                         capture_output=True))
        frame, timing, outside = first_frame(html, args.chromium, args.runs)
        frame_findings, _, outside_findings = first_frame(findings_html, args.chromium, 1)
        redraw, redraw_findings = redraw_ms(html, args.chromium), redraw_ms(findings_html, args.chromium)
        print(f"\nnational map: {len(spec.nodes):,} nodes, {len(spec.edges):,} edges; HTML {html.stat().st_size / 1e6:.1f} MB"
              f"; store {len(graph):,} triples; median of {args.runs} runs\n")
        rows = [
            ("read store (pyoxigraph index)", t_index), ("  for comparison: store.read_graph (rdflib)", t_rdflib),
            ("governance network", t_network), ("select national scope", t_select),
            ("build map without layout", t_build), ("layout (build with - without)", t_with_layout - t_build),
            ("write HTML", t_write),
            ("izagraph map --national (command, wall clock)", t_cli),
            ("Chromium: navigation start -> first frame", frame / 1000),
            ("total: command + first frame", t_cli + frame / 1000),
            ("izagraph map --national --findings (one run)", t_cli_findings),
            ("  Chromium: first frame of that map", frame_findings / 1000),
            ("total with findings: command + first frame", t_cli_findings + frame_findings / 1000),
        ]
        for label, seconds in rows:
            print(f"  {label:48s} {seconds:7.2f} s")
        steps = " · ".join(f"{k} {v:.0f}" for k, v in timing.items())
        print(f"\n  in the page (ms since navigation start): {steps}")
        print(f"  requests outside file:// during the page loads: {outside + outside_findings}")
        print(f"  redraw per frame while panning (median of 30): {redraw:.1f} ms without findings, "
              f"{redraw_findings:.1f} ms with findings (target < 60 ms)")
        if args.spring:
            import networkx as nx

            _, t_spring = timed(lambda: nx.spring_layout(nx.Graph(H), seed=1))
            print(f"  networkx.spring_layout on the same graph: {t_spring:.1f} s")


if __name__ == "__main__":
    main()
