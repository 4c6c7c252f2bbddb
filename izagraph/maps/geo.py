"""The geographic view (pure): gemeenten coloured by a measure, with the outlines of a region division.

Gemeenten come from the CBS/PDOK boundaries in ``data/geo/gemeente_2025.topojson``. Outlines of the
zorgkantoor, GGD and jeugd regions come from their own TopoJSON files; every other division (IZA, ROAZ,
arbeidsmarkt, …) is dissolved from the gemeenten its regions list in the store — a region whose
gemeenten are unknown (ROAZ, mostly) is named in the legend instead of drawn. Output is an inline SVG
string plus JSON for the page; all text is escaped. No tiles, no network.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..errors import IzagraphError
from .build import _concept_label, _split
from .overlay import Mark
from .scope import is_active, slug, table_gemeenten
from .style import NO_DATA_COLOUR, SCALE, ZERO_COLOUR, text
from .topojson import Projection, Topology, feature_path, label_point, lines_path, read_topology

GEMEENTE_FILE = "gemeente_2025.topojson"
TOPO_DIVISIONS = {"zorgkantoor": "zorgkantoorregio_2024.topojson", "ggd": "ggdregio_2024.topojson",
                  "jeugd": "jeugdregio_2024.topojson"}
MEASURES = ("tables", "programmes", "seats", "findings")


class GeoDataMissing(IzagraphError):
    """The TopoJSON boundaries are not where they should be (``data/geo``)."""


@dataclass
class GeoData:
    gemeenten: Topology
    divisions: dict[str, Topology]


def load_geo(directory: Path) -> GeoData:
    """Read the shipped boundaries from ``directory`` (I/O)."""
    directory = Path(directory)
    if not (directory / GEMEENTE_FILE).exists():
        raise GeoDataMissing(f"geen gemeentegrenzen in {directory / GEMEENTE_FILE}: kopieer data/geo uit de repository")
    return GeoData(read_topology(directory / GEMEENTE_FILE),
                   {d: read_topology(directory / f) for d, f in TOPO_DIVISIONS.items() if (directory / f).exists()})


def classes(values: Iterable[float], n: int = len(SCALE)) -> list[tuple[float, float]]:
    """Class bounds (inclusive) for the positive ``values``: one class per value when few, else equal steps.

    >>> classes([1, 2, 3])
    [(1, 1), (2, 2), (3, 3)]
    >>> classes(range(1, 13), 4)
    [(1, 3), (4, 6), (7, 9), (10, 12)]
    """
    top = max((v for v in values if v > 0), default=0)
    if top <= 0:
        return []
    if top <= n:
        return [(i, i) for i in range(1, int(top) + 1)]
    step = -(-int(top) // n)
    return [(1 + i * step, min(int(top), (i + 1) * step)) for i in range(n) if 1 + i * step <= top]


def scale_for(n: int) -> tuple[str, ...]:
    """``n`` colours spread over the sequential scale (light to dark).

    >>> scale_for(1) == (SCALE[3],) and scale_for(len(SCALE)) == SCALE
    True
    """
    if n <= 0:
        return ()
    if n == 1:
        return (SCALE[3],)
    last = len(SCALE) - 1
    return tuple(SCALE[round(i * last / (n - 1))] for i in range(n))


def colour_for(value: float | None, bounds: list[tuple[float, float]]) -> str:
    if value is None:
        return NO_DATA_COLOUR
    if value <= 0 or not bounds:
        return ZERO_COLOUR
    for (lo, hi), colour in zip(bounds, scale_for(len(bounds))):
        if lo <= value <= hi:
            return colour
    return scale[-1]


def gemeente_tables(G: nx.MultiDiGraph, today: str | None = None) -> dict[str, list[str]]:
    """gemeente node -> the active tables covering it (explicitly or through their regions)."""
    out: dict[str, list[str]] = defaultdict(list)
    for t, a in sorted(G.nodes(data=True)):
        if a.get("kind") == "table" and is_active(a, today):
            for gm in table_gemeenten(G, t):
                out[gm].append(t)
    return out


def measure_values(G: nx.MultiDiGraph, measure: str, covered: Mapping[str, list[str]],
                   marks: Iterable[Mark] = ()) -> dict[str, int]:
    """gemeente node -> value of ``measure`` (tables, programmes, seats, findings[:rule])."""
    kind, _, rule = measure.partition(":")
    if kind not in MEASURES:
        raise IzagraphError(f"onbekende maat '{measure}' (kies uit {', '.join(MEASURES)}, of findings:REGEL)")
    seats = defaultdict(int)
    for u, v, d in G.edges(data=True):
        if d.get("relation") == "membership":
            seats[v] += 1
    by_subject: dict[str, int] = defaultdict(int)
    for m in marks:  # only findings from sources colour the map; inferred and illustrative ones are listed apart
        if (not rule or m.rule == rule) and m.basis == "source":
            by_subject[m.subject] += 1
    out = {}
    for gm in (n for n, a in G.nodes(data=True) if a.get("kind") == "gemeente"):
        ts = covered.get(gm, [])
        if kind == "tables":
            out[gm] = len(ts)
        elif kind == "programmes":
            out[gm] = len({p for t in ts for p in _split(G.nodes[t].get("programmes"))})
        elif kind == "seats":
            out[gm] = sum(seats[t] for t in ts)
        else:
            out[gm] = sum(by_subject[t] for t in ts) + by_subject[gm]
    return out


def weak_findings(measure: str, covered: Mapping[str, list[str]], marks: Iterable[Mark] = (),
                  gemeenten: Iterable[str] = ()) -> dict[str, int]:
    """gemeente node -> findings that rest on inferred or illustrative facts (not counted by ``findings``).

    >>> m = Mark("other", "t", "table-gaps", "low", "x", basis="illustrative")
    >>> weak_findings("findings", {"gm": ["t"]}, [m], ["gm"]), weak_findings("tables", {"gm": ["t"]}, [m], ["gm"])
    ({'gm': 1}, {})
    """
    kind, _, rule = measure.partition(":")
    if kind != "findings":
        return {}
    by_subject: dict[str, int] = defaultdict(int)
    for m in marks:
        if (not rule or m.rule == rule) and m.basis != "source":
            by_subject[m.subject] += 1
    out = {gm: sum(by_subject[t] for t in covered.get(gm, ())) + by_subject[gm] for gm in gemeenten}
    return {gm: n for gm, n in out.items() if n}


def default_division(G: nx.MultiDiGraph) -> str:
    """IZA when the store knows the gemeenten of IZA regions, else zorgkantoor."""
    for u, v, d in G.edges(data=True):
        if d.get("relation") == "contains" and G.nodes[u].get("division") == "iza":
            return "iza"
    return "zorgkantoor"


def build_geo_map(G: nx.MultiDiGraph, geo: GeoData, *, division: str | None = None, measure: str = "tables",
                  lang: str = "nl", links: Mapping[str, str] | None = None, marks: Iterable[Mark] = (),
                  today: str | None = None, index_href: str | None = None, width: float = 1000.0,
                  classify=classes) -> dict:
    """The geographic page: ``{"lang", "title", "subtitle", "svg", "data"}``. ``classify`` turns the
    gemeenten's values into class bounds (default :func:`classes`); the colours and legend follow it."""
    links = links or {}
    marks = list(marks)
    division = division or default_division(G)
    topo = geo.gemeenten
    project = Projection.fit(topo, width)
    features = topo.features()
    node_by_code = {a.get("code"): n for n, a in G.nodes(data=True) if a.get("kind") == "gemeente" and a.get("code")}
    covered = gemeente_tables(G, today)
    values = measure_values(G, measure, covered, marks)
    weak = weak_findings(measure, covered, marks, node_by_code.values())
    bounds = classify(values.values())
    regions_of: dict[str, list[str]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("relation") == "contains":
            regions_of[v].append(u)
    label = lambda n: G.nodes[n].get("label") or slug(n)  # noqa: E731
    esc = html.escape

    def division_word(n: str) -> str:
        d = G.nodes[n].get("division", "")
        return _concept_label("division", d, lang) if d else ""

    paths, gdata = [], []
    for i, f in enumerate(features):
        node = node_by_code.get(f.code)
        value = values.get(node) if node else None
        fill = colour_for(value, bounds)
        regions = sorted(regions_of.get(node, []), key=lambda r: (division_word(r), label(r)))
        tables = sorted(covered.get(node, []), key=label) if node else []
        name = label(node) if node else f.name
        tip = [f"{name} ({f.code})",
               f"{text(lang, 'geo.value')}: {value}" if value is not None else text(lang, "geo.no_data")]
        if regions:
            tip.append(f"{text(lang, 'geo.regions')}: " + "; ".join(f"{division_word(r)}: {label(r)}" for r in regions))
        if node and measure.startswith("findings") and weak.get(node):
            tip.append(f"{text(lang, 'geo.weak')}: {weak[node]}")
        if tables:
            tip.append(f"{text(lang, 'geo.tables')} ({len(tables)}): " + "; ".join(label(t) for t in tables[:10])
                       + (" …" if len(tables) > 10 else ""))
        spoken = f"{name}: {value if value is not None else text(lang, 'geo.no_data')}"
        paths.append(f'<path class="gm" data-i="{i}" fill="{fill}" tabindex="0" role="button" '
                     f'aria-label="{esc(spoken)}" d="{feature_path(topo, f, project)}">'
                     f"<title>{esc(chr(10).join(tip))}</title></path>")
        gdata.append({"name": name, "code": f.code, "value": value,
                      "regions": [[f"{division_word(r)}: {label(r)}", links.get(r)] for r in regions],
                      "tables": [label(t) for t in tables]})

    # outlines and region labels
    notes: list[str] = []
    outline_lines, labels = [], []
    region_nodes = sorted(n for n, a in G.nodes(data=True) if a.get("kind") == "region" and a.get("division") == division)
    if division in geo.divisions:
        rtopo = geo.divisions[division]
        rfeatures = rtopo.features()
        outline_lines = rtopo.mesh(rfeatures, lambda f: f.code)
        by_code = {G.nodes[n].get("code"): n for n in region_nodes if G.nodes[n].get("code")}
        for f in rfeatures:
            node = by_code.get(f.code)
            pt = label_point(rtopo, [f], project)
            if pt:
                labels.append((pt, label(node) if node else f.name, links.get(node) if node else None))
        source_note = text(lang, "geo.source_topo")
    else:
        members: dict[str, set[str]] = defaultdict(set)
        unknown = []
        for r in region_nodes:
            gms = {v for _, v, d in G.out_edges(r, data=True) if d.get("relation") == "contains"}
            if not gms:
                unknown.append(label(r))
            for gm in gms:
                code = G.nodes[gm].get("code")
                if code:
                    members[code].add(r)
        key = lambda f: frozenset(members[f.code]) if members.get(f.code) else None  # noqa: E731
        outline_lines = topo.mesh(features, key)
        by_region: dict[str, list] = defaultdict(list)
        for f in features:
            for r in members.get(f.code, ()):
                by_region[r].append(f)
        for r in sorted(by_region):
            pt = label_point(topo, by_region[r], project)
            if pt:
                labels.append((pt, label(r), links.get(r)))
        if unknown:
            notes.append(f"{text(lang, 'geo.unknown_composition')}: " + "; ".join(sorted(unknown)))
        if region_nodes:
            without = sum(1 for f in features if not members.get(f.code))
            overlap = sum(1 for f in features if len(members.get(f.code, ())) > 1)
            if without:
                notes.append(f"{without} {text(lang, 'geo.no_region')}")
            if overlap:
                notes.append(f"{overlap} {text(lang, 'geo.overlap')}")
        source_note = text(lang, "geo.source_members")
    label_svg = []
    for (x, y), name, href in labels:
        t = f'<text class="rl{"" if href else " nolink"}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{esc(name)}</text>'
        label_svg.append(f'<a href="{esc(href)}">{t}</a>' if href and _safe_href(href) else t)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" id="nl" viewBox="0 0 {project.width:.0f} {project.height:.0f}" '
           f'role="group" aria-label="{esc(text(lang, "title.geo." + measure.partition(":")[0]))}" fill-rule="evenodd">'
           f'<g id="gemeenten">{"".join(paths)}</g>'
           f'<path class="outline" d="{lines_path(outline_lines, project)}"/>'
           f'<g id="labels">{"".join(label_svg)}</g></svg>')
    division_label = _concept_label("division", division, lang)
    measure_kind = measure.partition(":")[0]
    legend = [{"color": ZERO_COLOUR, "label": f"0 ({text(lang, 'geo.none')})"}]
    scale = scale_for(len(bounds))
    legend += [{"color": c, "label": f"{lo}" if lo == hi else f"{lo}–{hi}"} for (lo, hi), c in zip(bounds, scale)]
    legend.append({"color": NO_DATA_COLOUR, "label": text(lang, "geo.no_data")})
    measure_text = text(lang, f"geo.measure.{measure_kind}") + (f" ({measure.partition(':')[2]})" if ":" in measure else "")
    data = {
        "lang": lang, "gemeenten": gdata, "legend": legend, "measure": measure_text,
        "division": division_label, "notes": [source_note, text(lang, "geo.gemeenten"), *notes],
        "index_href": index_href if index_href and _safe_href(index_href) else None,
        "texts": {k: text(lang, f"geo.{k}") for k in ("tables", "regions", "value", "outline", "click", "no_data",
                                                     "list", "gemeente", "code")}
        | {"offline": text(lang, "ui.offline"), "index": text(lang, "ui.index"), "legend": text(lang, "ui.legend"),
           "generated": text(lang, "ui.generated")},
    }
    title = text(lang, f"title.geo.{measure_kind}") + (f" ({measure.partition(':')[2]})" if ":" in measure else "")
    subtitle = f"{text(lang, 'geo.outline')}: {division_label} · {measure_text}"
    return {"lang": lang, "title": title, "subtitle": subtitle, "svg": svg, "data": data, "division": division,
            "page_title": f"{title} — {division_label}"}


def region_positions(G: nx.MultiDiGraph, geo: GeoData, scale: float = 1.6) -> dict[str, tuple[float, float]]:
    """Geographic centres (in vis pixels) of the regions whose gemeenten are known; for the overview."""
    topo = geo.gemeenten
    project = Projection.fit(topo, 1000.0)
    feats = {f.code: f for f in topo.features()}
    out = {}
    for r, a in G.nodes(data=True):
        if a.get("kind") != "region":
            continue
        fs = [feats[G.nodes[v].get("code")] for _, v, d in G.out_edges(r, data=True)
              if d.get("relation") == "contains" and G.nodes[v].get("code") in feats]
        if not fs and a.get("division") in geo.divisions and a.get("code"):
            rt = geo.divisions[a["division"]]
            fs_r = [f for f in rt.features() if f.code == a["code"]]
            pt = label_point(rt, fs_r, project) if fs_r else None
        else:
            pt = label_point(topo, fs, project) if fs else None
        if pt:
            out[r] = (round((pt[0] - 500) * scale, 1), round((pt[1] - project.height / 2) * scale, 1))
    return out


def _safe_href(href: str) -> bool:
    import re

    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.html", href))


__all__ = ["build_geo_map", "load_geo", "GeoData", "GeoDataMissing", "MEASURES", "TOPO_DIVISIONS", "classes",
           "gemeente_tables", "measure_values", "region_positions", "default_division"]
