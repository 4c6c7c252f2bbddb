"""How fast is ``izagraph map --national [--findings]``? Reading, check, layout, HTML, and Chromium.

Runs on an existing store (``--store``, e.g. the S=1 synthetic national store) or generates one with
``izagraph.synthetic`` (``--scale``, default 0.625: 1,250 tables, 3,125 organisations, about 5,000 nodes
on the map), then measures, each as the median of ``--runs`` unless said otherwise:

- the map's steps in this process: reading the store (pyoxigraph index, or rdflib's ``store.read_graph``
  with ``--rdflib``), the governance network, or instead the network the load stored
  (:mod:`izagraph.maps.stored`, what ``izagraph map`` reads when it is there), the national scope, building
  the map of the structure without layout, the layout (in this process), the structure with its layout
  as the command makes it (a big map's layout forked beside the making of its nodes and lines), drawing
  the findings onto it, writing the HTML; and ``check`` (the rules, as ``--findings`` runs them) apart,
  one run;
- ``izagraph map --national`` and ``izagraph map --national --findings`` end to end as commands (wall
  clock, Python start-up included), the latter also as the first map of its structure (no layout kept in
  the store: the map lays it out and keeps it; later maps of the same structure read it) and as the first
  map after a load (no network kept either: it builds the maps' network from ``graph.nt`` and keeps it);
  the map part of the latter is the command minus its ``check``;
- in headless Chromium (network blocked), for both maps: milliseconds from navigation start to the first
  drawn frame ("map ready"), the CPU time of the page's main thread by then (Chromium's ``ThreadTime``
  metric: on a shared machine it moves far less than the wall clock), and the redraw time per frame while
  the view pans (vis-network's ``beforeDrawing`` to ``afterDrawing``, median of 30 frames driven by
  ``requestAnimationFrame``), all in one browser.

    .venv/bin/python benchmarks/bench_maps.py --store /tmp/s1/store [--runs 3] [--chromium /usr/bin/chromium]
    .venv/bin/python benchmarks/bench_maps.py [--scale 0.625] [--spring]
    .venv/bin/python benchmarks/bench_maps.py --store /tmp/s1/store --baseline /tmp/base [--only-baseline]

``--baseline DIR`` (a source tree of another commit, e.g. ``git archive main | tar -x -C /tmp/base``) adds a
before/after table measured side by side in the same run: both commands and both pages in Chromium, the
baseline's and this tree's runs interleaved, so the machine's load weighs on both alike.

The machine's load average is printed before and after: on a shared machine wall-clock figures vary with
it, so compare figures from one run (or runs at a similar load) only.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from izagraph.maps import Scope, select  # noqa: E402
from izagraph.maps.build import build_structure, draw_findings  # noqa: E402
from izagraph.maps.html import write_network_map  # noqa: E402
from izagraph.maps.site import load_network, rule_marks  # noqa: E402
from izagraph.maps.stored import LAYOUT_FILE, NETWORK_FILE, map_facts, read_network  # noqa: E402
from izagraph.maps.triples import read_index  # noqa: E402
from izagraph.network import governance_network  # noqa: E402
from izagraph.snapshot import SNAPSHOT_DIR  # noqa: E402
from izagraph.store import require_store  # noqa: E402


class Seconds(tuple):
    """(wall, cpu) seconds: on a shared machine the CPU seconds vary far less than the wall clock."""

    def __new__(cls, wall: float, cpu: float):
        return super().__new__(cls, (wall, cpu))

    def __add__(self, other):
        return Seconds(self[0] + other[0], self[1] + other[1])

    def __sub__(self, other):
        return Seconds(self[0] - other[0], self[1] - other[1])


def timed(fn):
    """``fn()`` and its Seconds, with the cyclic garbage collector paused as ``izagraph map`` does."""
    gc.collect()
    gc.disable()
    try:
        t, c = time.perf_counter(), time.process_time()
        value = fn()
        return value, Seconds(time.perf_counter() - t, time.process_time() - c)
    finally:
        gc.enable()


def median(fn, runs: int):
    values, times = None, []
    for _ in range(runs):
        values, t = timed(fn)
        times.append(t)
    return values, Seconds(statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))


@contextlib.contextmanager
def layout_in_this_process():
    """No ``fork``: a big map's layout runs in this process, as where ``fork`` is not available."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods
    multiprocessing.get_all_start_methods = lambda: [m for m in methods() if m != "fork"]
    try:
        yield
    finally:
        multiprocessing.get_all_start_methods = methods


def command(args: list[str], env: dict, cwd: Path | None = None) -> Seconds:
    """Wall clock and CPU (user + system, its forked children included) of one command."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-500:]}")
    return Seconds(wall, usage.ru_utime + usage.ru_stime)


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


def side_by_side(store: Path, baseline: Path, tmp: Path, runs: int, chromium: str) -> None:
    """Before (``baseline``'s izagraph) and after (this tree's), interleaved run by run: the commands
    ``map --national`` and ``map --national --findings`` (also as the first map of its structure), then
    their pages in one Chromium. Each tree maps its own copy of the store: what a map keeps there (the
    network, a big map's layout) is keyed by the code that made it, so on one store the two trees would
    each throw away what the other kept."""
    import shutil

    trees = {"before": baseline.resolve(), "after": ROOT}
    stores = {}
    for name in trees:
        stores[name] = tmp / f"store-{name}"
        shutil.rmtree(stores[name], ignore_errors=True)
        shutil.copytree(store, stores[name], symlinks=True)
    for name, tree in trees.items():  # each tree keeps its own network (and layout) first: not timed
        command([sys.executable, "-m", "izagraph", "--store", str(stores[name]), "map", "--national", "-o",
                 str(tmp / f"{name}-warm.html")], dict(os.environ, PYTHONPATH=str(tree)), cwd=tmp)
    times: dict[tuple[str, str], list[Seconds]] = {}
    pages = {}
    for _ in range(runs):
        for findings in (False, True, "first"):
            for name, tree in trees.items():
                env = dict(os.environ, PYTHONPATH=str(tree))
                html = tmp / f"{name}-{'plain' if not findings else 'findings'}.html"
                args = [sys.executable, "-m", "izagraph", "--store", str(stores[name]), "map", "--national", "-o", str(html)]
                if findings == "first":  # no layout kept: the map lays out its structure (and keeps it)
                    (require_store(stores[name]) / SNAPSHOT_DIR / LAYOUT_FILE).unlink(missing_ok=True)
                # run outside both trees: `python -m` puts the working directory first on sys.path, so
                # from this checkout the "before" command would import this tree's izagraph, not baseline's
                times.setdefault((name, findings), []).append(
                    command(args + (["--findings"] if findings else []), env, cwd=tmp))
                pages[f"{name} {'plain' if not findings else 'findings'}"] = html
    browser = in_chromium(pages, chromium, runs)

    def med(xs):
        return Seconds(statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs))

    print(f"\n  before ({baseline}) and after (this tree), side by side, median of {runs} interleaved runs:")
    print(f"  {'':52s} {'before':>10s} {'after':>10s}")
    for findings, what in ((False, "izagraph map --national"), (True, "izagraph map --national --findings")):
        key = "findings" if findings else "plain"
        b, a = med(times[("before", findings)]), med(times[("after", findings)])
        fb, fa = browser[f"before {key}"], browser[f"after {key}"]
        rows = [(f"{what}: command wall s", b[0], a[0], ".2f"), ("  command CPU s (user + system)", b[1], a[1], ".2f"),
                ("  Chromium: navigation start -> first frame, s", fb["first"] / 1000, fa["first"] / 1000, ".2f"),
                ("  Chromium: main-thread CPU by then, s", fb["cpu"] / 1000, fa["cpu"] / 1000, ".2f"),
                ("  total: command + map ready, s", b[0] + fb["first"] / 1000, a[0] + fa["first"] / 1000, ".2f"),
                ("  redraw per frame while panning, ms", fb["redraw"], fa["redraw"], ".1f")]
        if findings:
            b1, a1 = med(times[("before", "first")]), med(times[("after", "first")])
            rows[1:1] = [("  the same, first map of its structure: command wall s", b1[0], a1[0], ".2f")]
            rows.insert(6, ("  total, first map of its structure, s", b1[0] + fb["first"] / 1000,
                            a1[0] + fa["first"] / 1000, ".2f"))
        for label, before, after, fmt in rows:
            print(f"  {label:52s} {before:10{fmt}} {after:10{fmt}}")
        print(f"  {'  HTML MB':52s} {(tmp / f'before-{key}.html').stat().st_size / 1e6:10.1f} "
              f"{(tmp / f'after-{key}.html').stat().st_size / 1e6:10.1f}")
        for name, r in (("before", fb), ("after", fa)):
            print(f"    in the page {name} (ms since navigation start): "
                  + " · ".join(f"{k} {v:.0f}" for k, v in r["timing"].items()))
    same = [k for k in ("plain", "findings")
            if map_data(tmp / f"before-{k}.html") == map_data(tmp / f"after-{k}.html")]
    print(f"  map data (nodes, edges, tooltips, findings, positions) byte-identical before and after: "
          f"{', '.join(same) or 'none'} (a change of how the data is written is not byte-identical: "
          "compare what the page shows instead, e.g. its tooltips)")


def map_data(html: Path) -> str:
    """The page's embedded map data (the JSON in its ``application/json`` script), as written."""
    import re

    page = html.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    return found.group(1) if found else page


def in_chromium(pages: dict[str, Path], chromium: str, runs: int) -> dict[str, dict]:
    """Per page: median ms to the first drawn frame, the main thread's CPU ms by then, the page's own
    timing marks, the median redraw ms per frame while panning, and requests that tried to leave
    ``file:``; one browser for all pages."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, html in pages.items():
            frames, cpu, redraws, outside, timing = [], [], [], 0, {}
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                requests = []
                page.on("request", lambda r: requests.append(r.url))
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.goto(html.resolve().as_uri())
                page.wait_for_selector("body[data-ready='1']", timeout=180_000)
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                cpu.append(metrics["ThreadTime"] * 1000)
                frames.append(page.evaluate("izagraph.firstDraw"))
                timing = page.evaluate("izagraph.timing")
                redraws.append(page.evaluate(REDRAW_JS))
                outside += sum(1 for u in requests if not u.startswith(("file:", "data:")))
                page.close()
            out[name] = {"first": statistics.median(frames), "cpu": statistics.median(cpu), "timing": timing,
                         "redraw": statistics.median(redraws), "outside": outside}
        browser.close()
    return out


def make_store(tmp: Path, scale: float) -> Path:
    from izagraph.load import read_inputs
    from izagraph.store import build_store
    from izagraph.synthetic import generate

    folder = generate(tmp / "synthetic", scale=scale, seed=42)
    graph, _, problems = read_inputs([folder])
    assert not problems, problems[:3]
    store = tmp / "store"
    build_store(graph, store, [str(folder)])
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="an existing store (else one is generated, see --scale)")
    ap.add_argument("--scale", type=float, default=0.625, help="izagraph generate --scale (0.625: 1,250 tables)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's store.read_graph")
    ap.add_argument("--spring", action="store_true", help="also time networkx.spring_layout")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--baseline", type=Path, help="a source tree of another commit: adds a before/after table")
    ap.add_argument("--only-baseline", action="store_true", help="with --baseline: only the before/after table")
    args = ap.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = args.store or make_store(tmp, args.scale)
        if args.baseline and args.only_baseline:
            side_by_side(store, args.baseline, tmp, args.runs, args.chromium)
            load_after = os.getloadavg()
            print(f"  load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end")
            return
        index, t_index = median(lambda: read_index(store), args.runs)
        G, t_network = median(lambda: governance_network(index, context=True), args.runs)
        _, t_facts = timed(lambda: map_facts(G, index))
        load_network(store)  # (the first map after a load keeps the network in the store; not timed)
        stored, t_stored = median(lambda: read_network(require_store(store) / SNAPSHOT_DIR), args.runs)
        H, t_select = median(lambda: select(G, Scope("national")), args.runs)
        _, t_build = median(lambda: build_structure(H, title="bench", national=True, layout=False), args.runs)
        with layout_in_this_process():
            _, t_inline = median(lambda: build_structure(H, title="bench", national=True), args.runs)
        structure, t_with_layout = median(lambda: build_structure(H, title="bench", national=True), args.runs)
        spec, t_draw = median(lambda: draw_findings(structure), args.runs)
        html = tmp / "nationaal.html"
        _, t_write = median(lambda: write_network_map(spec, html), args.runs)
        marks, t_check = timed(lambda: rule_marks(store, G, None, "nl", Scope("national")))
        spec_f, t_draw_f = timed(lambda: draw_findings(structure, marks))
        _, t_write_f = timed(lambda: write_network_map(spec_f, tmp / "nationaal-findings.html"))

        env = dict(os.environ, PYTHONPATH=str(ROOT))
        cli = [sys.executable, "-m", "izagraph", "--store", str(store), "map", "--national", "-o"]
        plain_html, findings_html = tmp / "cli.html", tmp / "cli-findings.html"
        runs = [command(cli + [str(plain_html)], env) for _ in range(args.runs)]
        t_cli = Seconds(statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        runs = [command(cli + [str(findings_html), "--findings"], env) for _ in range(max(1, args.runs // 2))]
        t_cli_f = Seconds(statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        # the first map of a structure lays it out and keeps the layout; later maps of it read it
        kept_layout = require_store(store) / SNAPSHOT_DIR / LAYOUT_FILE
        cold = []
        for _ in range(max(1, args.runs // 2)):
            kept_layout.unlink(missing_ok=True)
            cold.append(command(cli + [str(tmp / "cold.html"), "--findings"], env))
        t_cli_cold = Seconds(statistics.median(r[0] for r in cold), statistics.median(r[1] for r in cold))
        # the first map after a load: it builds the maps' network from graph.nt and keeps it, and lays out
        kept_network = require_store(store) / SNAPSHOT_DIR / NETWORK_FILE
        fresh = []
        for _ in range(max(1, args.runs // 2)):
            kept_layout.unlink(missing_ok=True)
            kept_network.unlink(missing_ok=True)
            fresh.append(command(cli + [str(tmp / "fresh.html"), "--findings"], env))
        t_cli_fresh = Seconds(statistics.median(r[0] for r in fresh), statistics.median(r[1] for r in fresh))
        browser = in_chromium({"plain": plain_html, "findings": findings_html}, args.chromium, args.runs)
        plain, found = browser["plain"], browser["findings"]
        print(f"\nnational map: {len(spec.nodes):,} nodes, {len(spec.edges):,} edges "
              f"({len(spec_f.nodes):,} / {len(spec_f.edges):,} with {len(marks):,} findings drawn); "
              f"HTML {html.stat().st_size / 1e6:.1f} MB; store {len(index):,} triples; median of {args.runs} runs; "
              f"load average {load_before[0]:.1f} at the start\n")
        rows = [
            ("read store (pyoxigraph index)", t_index), ("governance network", t_network),
            ("map facts (meetings, aliases, sources)", t_facts),
            ("  instead: the network kept by the first map" + ("" if stored is not None else " (none: graph.nt)"),
             t_stored if stored is not None else t_index + t_network + t_facts),
            ("select national scope", t_select),
            ("map of the structure without layout", t_build),
            ("  layout (in this process: with - without)", t_inline - t_build),
            ("map of the structure, layout forked beside it", t_with_layout),
            ("draw no findings onto it", t_draw),
            ("write HTML", t_write),
            ("  map steps in this process (sum, reading graph.nt)",
             t_index + t_network + t_facts + t_select + t_with_layout + t_draw + t_write),
            ("  map steps in this process (sum, the stored network)",
             (t_stored if stored is not None else t_index + t_network + t_facts) + t_select + t_with_layout + t_draw
             + t_write),
            ("check: the rules for --findings (one run)", t_check),
            ("draw the findings + write (one run)", t_draw_f + t_write_f),
            ("izagraph map --national (command)", t_cli),
            ("  Chromium: navigation start -> first frame", Seconds(plain["first"] / 1000, plain["cpu"] / 1000)),
            ("  total: command + map ready", Seconds(t_cli[0] + plain["first"] / 1000, float("nan"))),
            ("izagraph map --national --findings (command)", t_cli_f),
            ("  the same, first map of its structure (laid out)", t_cli_cold),
            ("  the same, first map after a load (network built)", t_cli_fresh),
            ("  minus check (the map beyond its findings)", t_cli_f - t_check),
            ("  Chromium: navigation start -> first frame", Seconds(found["first"] / 1000, found["cpu"] / 1000)),
            ("  total with findings: command + map ready", Seconds(t_cli_f[0] + found["first"] / 1000, float("nan"))),
            ("  the same, first map of its structure", Seconds(t_cli_cold[0] + found["first"] / 1000, float("nan"))),
            ("  the same, first map after a load", Seconds(t_cli_fresh[0] + found["first"] / 1000, float("nan"))),
        ]
        if args.rdflib:
            from izagraph.store import read_graph

            rows.insert(1, ("  for comparison: store.read_graph (rdflib)", timed(lambda: read_graph(store))[1]))
        print(f"  {'':48s} {'wall s':>8s} {'CPU s':>8s}")
        for label, (wall, cpu) in rows:
            print(f"  {label:48s} {wall:8.2f} " + (f"{cpu:8.2f}" if cpu == cpu else ""))
        for name, r in (("without findings", plain), ("with findings", found)):
            steps = " · ".join(f"{k} {v:.0f}" for k, v in r["timing"].items())
            print(f"\n  in the page {name} (ms since navigation start): {steps}")
        print(f"  requests outside file:// during the page loads: {plain['outside'] + found['outside']}")
        print(f"  redraw per frame while panning (median of 30 frames, median of {args.runs} pages): "
              f"{plain['redraw']:.1f} ms without findings, {found['redraw']:.1f} ms with findings (target < 60 ms)")
        if args.spring:
            import networkx as nx

            _, t_spring = timed(lambda: nx.spring_layout(nx.Graph(H), seed=1))
            print(f"  networkx.spring_layout on the same graph: {t_spring:.1f} s")
        if args.baseline:
            side_by_side(store, args.baseline, tmp, args.runs, args.chromium)
    load_after = os.getloadavg()
    print(f"  load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end")


if __name__ == "__main__":
    main()
