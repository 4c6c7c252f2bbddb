"""From a store to map files: one map, or a folder of maps with an index (the I/O around the builders).

File names follow one convention, so maps can link to each other and to the index:
``regio-<region id>.html``, ``programma-<code>.html``, ``thema-<code>.html``, ``gemeente-<code>.html``,
``nationaal.html``, ``overzicht-regio.html``, ``overzicht-programma.html``, ``geo.html`` (default
division), ``geo-<division>.html`` and ``index.html``.
"""

from __future__ import annotations

import dataclasses
import html
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from ..errors import IzagraphError
from ..network import governance_network
from ..perf import Background, without_cyclic_gc
from . import Structure, draw_findings, map_title, network_map, network_structure, overview_map
from .build import _concept_label
from .html import render, template, write_geo_map, write_index, write_network_map
from .measures import as_of as as_of_date
from .overlay import Mark, marks_from_findings
from .scope import Scope, edge_rows, region_gemeenten, resolve_scope, select, slug
from .stored import map_facts
from .style import PROGRAMME_ORDER, text

if TYPE_CHECKING:
    from .build import DrawnOrder
    from .geo import GeoData

# the geo map (numpy, TopoJSON) is imported where it is drawn: a network map needs none of it

NATIONAL_FILE = "nationaal.html"
INDEX_FILE = "index.html"
GEO_FILE = "geo.html"


class RulesUnavailable(IzagraphError):
    """``--findings`` needs the detection rules (``izagraph.rules.check``), which are not installed."""


@dataclass(frozen=True)
class Written:
    """One file written: what it shows and how big it is."""

    path: Path
    kind: str
    title: str
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0


def map_file(G: nx.MultiDiGraph, kind: str, node: str) -> str:
    """The file name of the map of one region, programme, theme or gemeente.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("https://w3id.org/izagraph/id/region/iza-x", kind="region")
    >>> map_file(G, "region", "https://w3id.org/izagraph/id/region/iza-x")
    'regio-iza-x.html'
    """
    a = G.nodes[node]
    if kind == "region":
        return f"regio-{slug(node)}.html"
    if kind in ("programme", "theme"):
        return f"{'programma' if kind == 'programme' else 'thema'}-{a.get('notation') or slug(node)}.html"
    if kind == "gemeente":
        return f"gemeente-{(a.get('code') or slug(node)).lower()}.html"
    raise IzagraphError(f"geen kaartbestand voor soort '{kind}'")


# -- reading ---------------------------------------------------------------------------------------

def load_network(store: Path, lang: str = "nl", pseudonymise: bool = False):
    """The store's governance network with context (persons pseudonymised on request).

    Returns ``(G, rename)`` where ``rename`` maps original person IRIs and names to their pseudonyms
    (empty without ``pseudonymise``), so rule findings can be pseudonymised the same way. The network
    the first map after a load kept in the store is read when there is one that fits
    (:mod:`izagraph.maps.stored`), else it is built from ``graph.nt`` (and kept): the same graph either way.
    """
    from ..store import GRAPH_FILE, require_store
    from .stored import keep_network, read_network
    from .triples import TripleIndex, read_index

    if not pseudonymise:
        from ..resources import SNAPSHOT_DIR

        version = require_store(store)
        G = read_network(version / SNAPSHOT_DIR, lang)
        if G is None:
            G = keep_network(version / GRAPH_FILE, version / SNAPSHOT_DIR, lang)
        if G is not None:
            return G, {}
    graph = read_index(store)  # pyoxigraph-parsed; see triples.py for why not store.read_graph
    rename: dict[str, str] = {}
    if pseudonymise:
        from ..namespaces import IZG, RDF, SKOS, entity_iri
        from ..privacy import pseudonym_key, pseudonym_name, pseudonymise as pseudo, resolve_key

        secret = resolve_key(store)
        for p in sorted(set(graph.subjects(RDF.type, IZG.Person))):
            rename[str(p)] = str(entity_iri("person", f"p-{pseudonym_key(str(p), secret)}"))
            name = graph.value(p, SKOS.prefLabel)
            if name is not None and str(name).strip():
                rename[str(name)] = pseudonym_name(str(p), secret, lang)
        graph = TripleIndex(pseudo(graph.to_graph(), secret, lang=lang))
    G = governance_network(graph, lang=lang, context=True)
    map_facts(G, graph)
    return G, rename


def scope_filters(G: nx.MultiDiGraph, scope: Scope | None) -> dict[str, str]:
    """The ``check`` filters for a map's scope: what ``izagraph check --region R`` (or ``--programme``,
    ``--theme``) would be given for the same map, so the map shows the same findings as that command.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("https://w3id.org/izagraph/id/region/iza-x", kind="region")
    >>> scope_filters(G, Scope("region", "https://w3id.org/izagraph/id/region/iza-x"))
    {'region': 'iza-x'}
    >>> scope_filters(G, Scope("national"))
    {}
    """
    if scope is None or scope.node is None or scope.kind not in ("region", "programme", "theme"):
        return {}
    a = G.nodes[scope.node]
    return {scope.kind: slug(scope.node) if scope.kind == "region" else (a.get("notation") or slug(scope.node))}


def rule_marks(store: Path, G: nx.MultiDiGraph, rename: dict[str, str] | None = None,
               lang: str = "nl", scope: Scope | None = None, today: str | None = None) -> list[Mark]:
    """Run the detection rules on the store for the map's ``scope`` (the same filters as ``izagraph
    check --region/--programme/--theme``, see :func:`scope_filters`) and turn their findings into marks
    on ``G``'s nodes. A national map (or a gemeente map) runs every rule unfiltered."""
    return own_marks(check_marks(store, lang, today, scope_filters(G, scope)), G, rename)


def check_marks(store: Path, lang: str = "nl", today: str | None = None, filters: dict | None = None) -> list[Mark]:
    """The findings of ``izagraph check`` with ``filters`` on the store, as marks (no network needed)."""
    try:
        from ..rules import check
    except ImportError as exc:
        raise RulesUnavailable("--findings: de detectieregels (izagraph.rules.check) zijn niet beschikbaar") from exc
    from ..backends.sparql import OxigraphBackend

    import datetime as dt

    when = dt.date.fromisoformat(today) if today else None
    report = check(OxigraphBackend.from_store(store), lang=lang, today=when, **(filters or {}))
    return marks_from_findings(getattr(report, "findings", report), None, lang)


def own_marks(marks: list[Mark], G: nx.MultiDiGraph, rename: dict[str, str] | None = None) -> list[Mark]:
    """The marks about ``G``'s nodes, persons renamed as in ``G`` (see :func:`load_network`)."""
    if rename:
        marks = [_rename(m, rename) for m in marks]
    nodes = set(G.nodes)
    return [m for m in marks if m.subject in nodes]


def _rename(m: Mark, rename: dict[str, str]) -> Mark:
    message = m.message
    for old in sorted((k for k in rename if not k.startswith("http")), key=len, reverse=True):
        message = message.replace(old, rename[old])
    return dataclasses.replace(m, subject=rename.get(m.subject, m.subject), message=message,
                               other=rename.get(m.other, m.other) if m.other else None)


def _geo_or_none(geo_dir: Path | None) -> GeoData | None:
    from ..resources import GEO_DIR
    from .geo import load_geo

    try:
        return load_geo(geo_dir or GEO_DIR)
    except IzagraphError:
        return None


# -- writing ---------------------------------------------------------------------------------------

def _links(G: nx.MultiDiGraph, regions=(), programmes=()) -> dict[str, str]:
    out = {r: map_file(G, "region", r) for r in regions}
    out.update({p: map_file(G, "programme", p) for p in programmes})
    return out


def regions_with_maps(G: nx.MultiDiGraph) -> list[str]:
    """The regions with at least one table (directly, through a part, or by explicit gemeenten): they
    get a map of their own. One pass over the edges (the same answer as ``scope_tables`` per region)."""
    parent: dict[str, set[str]] = defaultdict(set)
    regions_of_gm: dict[str, set[str]] = defaultdict(set)
    explicit: dict[str, set[str]] = defaultdict(set)
    direct: set[str] = set()
    for u, v, _, d in edge_rows(G):
        rel = d.get("relation")
        if rel == "part_of":
            parent[u].add(v)
        elif rel == "contains":
            regions_of_gm[v].add(u)
        elif rel == "territory":
            if G.nodes[v].get("kind") == "region":
                direct.add(v)
            else:
                explicit[u].add(v)
    for gms in explicit.values():
        common = set.intersection(*(regions_of_gm[g] for g in gms))
        direct |= common
    out, todo = set(), list(direct)
    while todo:  # a region containing a region with tables has tables too
        r = todo.pop()
        if r not in out:
            out.add(r)
            todo.extend(parent[r])
    # regions listing no gemeenten themselves get them from their parts (see scope.region_gemeenten)
    if explicit:
        rest = {n: region_gemeenten(G, n) for n, a in G.nodes(data=True) if a.get("kind") == "region" and n not in out}
        out |= {r for r, gm in rest.items() if any(gms <= gm for gms in explicit.values())}
    return sorted(out)


def programmes_with_maps(G: nx.MultiDiGraph) -> list[str]:
    order = {p: i for i, p in enumerate(PROGRAMME_ORDER)}
    progs = {v for _, v, _, d in edge_rows(G) if d.get("relation") == "programme"}
    return sorted(progs, key=lambda p: (order.get(G.nodes[p].get("notation"), 99), p))


def write_map(store: Path, output: Path, *, kind: str = "national", name: str | None = None,
              overview: bool = False, group_by: str = "region", geo: bool = False, division: str | None = None,
              measure: str = "tables", findings: bool = False, lang: str = "nl", pseudonymise: bool = False,
              geo_dir: Path | None = None, today: str | None = None, as_of: str | None = None) -> Written:
    """Write one map of the store to ``output``: a network map of a scope, the overview, or the geo map.

    ``as_of`` (YYYY-MM-DD) draws the structure as it was on that date: only the tables and seats active
    then (see :func:`izagraph.maps.measures.as_of`); findings are then computed for that date too.
    """
    with without_cyclic_gc():
        return _write_map(store, output, kind=kind, name=name, overview=overview, group_by=group_by, geo=geo,
                          division=division, measure=measure, findings=findings, lang=lang,
                          pseudonymise=pseudonymise, geo_dir=geo_dir, today=as_of or today, as_of=as_of)


def _write_map(store, output, *, kind, name, overview, group_by, geo, division, measure, findings, lang,
               pseudonymise, geo_dir, today, as_of) -> Written:
    start = time.perf_counter()
    if measure.startswith("findings") and not geo:
        raise IzagraphError("--measure hoort bij --geo")
    wants_marks = findings or measure.startswith("findings")
    # unfiltered findings (national, gemeente, geo and overview maps) need nothing from the network: the
    # rules run beside the reading and building (see Background)
    early = (Background(check_marks, store, lang, as_of, {}, what="--findings: het proces van de regels")
             if wants_marks and (geo or overview or kind in ("national", "gemeente")) else None)
    laying_out = None  # a big map's layout in a forked process (see _start_layout)
    try:
        G, rename = load_network(store, lang, pseudonymise)
        if as_of:
            G = as_of_date(G, as_of)
        scope = None if geo or overview else resolve_scope(G, kind, name)
        # what does not depend on the findings is made while the rules run, a big map's layout first
        selected = select(G, scope) if scope is not None else None
        laying_out = _start_layout(store, selected) if selected is not None else None
        regions, programmes = regions_with_maps(G), programmes_with_maps(G)
        links = _links(G, regions, programmes)
        structure = None
        if early is not None and scope is not None:  # the structure and its layout need no findings
            structure = _structure(store, G, scope, selected, lang, today, links, as_of, laying_out)
        if early is not None:
            marks = own_marks(early.result(), G, rename)
        else:
            marks = rule_marks(store, G, rename, lang, scope, today=as_of) if wants_marks else []
        if geo:
            from ..resources import GEO_DIR
            from .geo import build_geo_map, load_geo

            page = build_geo_map(G, load_geo(geo_dir or GEO_DIR), division=division, measure=measure, lang=lang, links=links, marks=marks,
                                 today=today)
            write_geo_map(page, output)
            return Written(Path(output), "geo", page["title"], len(page["data"]["gemeenten"]), 0,
                           time.perf_counter() - start)
        if overview:
            from .geo import region_positions

            data = _geo_or_none(geo_dir)
            positions = region_positions(G, data) if data is not None and group_by == "region" else None
            spec = overview_map(G, group_by=group_by, lang=lang, links=links, positions=positions, today=today)
        else:
            if structure is None:
                structure = _structure(store, G, scope, selected, lang, today, links, as_of, laying_out)
            spec = draw_findings(structure, marks)
        write_network_map(spec, output)
        return Written(Path(output), spec.page, spec.title, len(spec.nodes), len(spec.edges), time.perf_counter() - start)
    finally:
        if early is not None:
            early.cancel()
        if laying_out is not None:
            laying_out.cancel()  # (when the map failed before it was used)


def _as_of_subtitle(lang: str, as_of: str | None) -> str:
    return f"{text(lang, 'ui.as_of')}: {as_of}" if as_of else ""


@dataclass
class _Layout:
    """A big map's layout as :func:`_start_layout` found it: kept in the store for this structure
    (``kept``), or being made in a forked process (``placing``); ``order`` is the map's drawing order."""

    order: DrawnOrder
    key: str
    directory: Path
    kept: tuple | None = None
    placing: object = None  # Background

    def cancel(self) -> None:
        if self.placing is not None:
            self.placing.cancel()


def _start_layout(store: Path, selected: nx.MultiDiGraph) -> _Layout | None:
    """A big map's layout as soon as the map's graph is known: the one the store kept for this structure,
    else started in a forked process while this one makes the map (see :func:`_structure`). The key is
    made first (about 0.06 s at S = 1): a layout started and then ended takes CPU from the rules' process."""
    from ..resources import SNAPSHOT_DIR
    from ..store import require_store
    from .build import LARGE, _drawn_order, layout_key, start_layout
    from .stored import read_layout

    if selected.number_of_nodes() <= LARGE:
        return None
    order = _drawn_order(selected)  # (both processes need it: made once, before the fork)
    key, directory = layout_key(selected), require_store(store) / SNAPSHOT_DIR
    kept = read_layout(directory, key)
    if kept is not None:
        return _Layout(order, key, directory, kept)
    from . import layout  # noqa: F401 - numpy, imported once here rather than in the layout's process
    return _Layout(order, key, directory, None, start_layout(selected, order=order))


def _structure(store: Path, G: nx.MultiDiGraph, scope: Scope, selected: nx.MultiDiGraph, lang: str,
               today: str | None, links: dict[str, str], as_of: str | None,
               layout: _Layout | None = None) -> Structure:
    """The map of ``scope`` before its findings. A big map's layout is kept in the store, so the next map
    of the same structure (with or without findings, in either language) is not laid out again;
    ``layout`` is :func:`_start_layout` of ``selected``."""
    from .stored import keep_layout

    own = {scope.node} if scope.node else set()
    structure = network_structure(G, scope, lang=lang, today=today,
                                  links={n: f for n, f in links.items() if n not in own},
                                  subtitle=_as_of_subtitle(lang, as_of), selected=selected,
                                  positions=None if layout is None else layout.kept or layout.placing,
                                  order=None if layout is None else layout.order)
    if layout is not None and layout.kept is None and structure.spacing is not None:
        keep_layout(layout.directory, layout.key, [(nd["x"], nd["y"]) for nd in structure.nodes], structure.spacing)
    return structure


def write_all(store: Path, out_dir: Path, *, findings: bool = False, lang: str = "nl", pseudonymise: bool = False,
              geo_dir: Path | None = None, today: str | None = None) -> list[Written]:
    """Write a map per region with data and per programme, the national map, the overviews, the
    geographic maps and an ``index.html`` linking them, into ``out_dir``."""
    with without_cyclic_gc():
        return _write_all(store, out_dir, findings=findings, lang=lang, pseudonymise=pseudonymise, geo_dir=geo_dir,
                          today=today)


def _write_all(store, out_dir, *, findings, lang, pseudonymise, geo_dir, today) -> list[Written]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    early = (Background(check_marks, store, lang, None, {}, what="--findings: het proces van de regels")
             if findings else None)  # the unfiltered findings
    try:
        G, rename = load_network(store, lang, pseudonymise)
        marks = own_marks(early.result(), G, rename) if early is not None else []
    finally:
        if early is not None:
            early.cancel()
    regions, programmes = regions_with_maps(G), programmes_with_maps(G)
    links = _links(G, regions, programmes)
    written: list[Written] = []

    def network(scope: Scope, filename: str, kind: str) -> None:
        t = time.perf_counter()
        own = {scope.node} if scope.node else set()
        scoped = rule_marks(store, G, rename, lang, scope) if findings and scope.node else marks
        spec = network_map(G, scope, lang=lang, marks=scoped, today=today,
                           links={n: f for n, f in links.items() if n not in own})
        write_network_map(spec, out_dir / filename, index_href=INDEX_FILE)
        written.append(Written(out_dir / filename, kind, spec.title, len(spec.nodes), len(spec.edges),
                               time.perf_counter() - t))

    from .geo import TOPO_DIVISIONS, build_geo_map, default_division, region_positions

    network(Scope("national"), NATIONAL_FILE, "national")
    geo = _geo_or_none(geo_dir)
    for group_by in ("region", "programme"):
        t = time.perf_counter()
        positions = region_positions(G, geo) if geo is not None and group_by == "region" else None
        spec = overview_map(G, group_by=group_by, lang=lang, links=links, positions=positions, today=today)
        name = f"overzicht-{'regio' if group_by == 'region' else 'programma'}.html"
        write_network_map(spec, out_dir / name, index_href=INDEX_FILE)
        written.append(Written(out_dir / name, f"overview-{group_by}", spec.title, len(spec.nodes), len(spec.edges),
                               time.perf_counter() - t))
    for r in regions:
        network(Scope("region", r), links[r], "region")
    for p in programmes:
        network(Scope("programme", p), links[p], "programme")
    if geo is not None:
        default = default_division(G)
        with_members = {G.nodes[u].get("division") for u, _, d in G.edges(data=True) if d.get("relation") == "contains"}
        divisions = [default] + sorted((set(TOPO_DIVISIONS) | with_members) - {default, None, ""})
        for division in divisions:
            t = time.perf_counter()
            page = build_geo_map(G, geo, division=division, lang=lang, links=links, marks=marks, today=today,
                                 index_href=INDEX_FILE)
            name = GEO_FILE if division == default else f"geo-{division}.html"
            write_geo_map(page, out_dir / name)
            written.append(Written(out_dir / name, f"geo-{division}", page["title"] + " — " + page["data"]["division"],
                                   len(page["data"]["gemeenten"]), 0, time.perf_counter() - t))
    write_index(index_html(G, written, lang), out_dir / INDEX_FILE)
    written.append(Written(out_dir / INDEX_FILE, "index", text(lang, "title.index")))
    return written


def index_html(G: nx.MultiDiGraph, written: list[Written], lang: str = "nl") -> str:
    """The index page linking every map written (plain HTML, every name escaped, no script)."""
    esc = html.escape

    def link(w: Written, label: str | None = None) -> str:
        return f'<a href="{esc(w.path.name)}">{esc(label or w.title)}</a>'

    parts = [f"<h1>{esc(text(lang, 'title.index'))}</h1>", f"<p>{esc(text(lang, 'index.intro'))}</p>"]
    top = [w for w in written if w.kind in ("national", "overview-region", "overview-programme")]
    parts.append(f"<h2>{esc(text(lang, 'index.national'))}</h2><ul>")
    parts += [f"<li>{link(w)} <small>({w.nodes} {esc(text(lang, 'index.nodes'))})</small></li>" for w in top]
    parts.append("</ul>")
    geos = [w for w in written if w.kind.startswith("geo")]
    if geos:
        parts.append(f"<h2>{esc(text(lang, 'index.geo'))}</h2><ul>")
        parts += [f"<li>{link(w)}</li>" for w in geos]
        parts.append("</ul>")

    def table_of(kind: str, heading: str) -> None:
        rows = [w for w in written if w.kind == kind]
        if not rows:
            return
        parts.append(f"<h2>{esc(heading)}</h2><table><thead><tr><th>{esc(text(lang, 'ui.maps'))}</th>"
                     f"<th>{esc(text(lang, 'f.division')) if kind == 'region' else ''}</th>"
                     f"<th class=num>{esc(text(lang, 'index.nodes'))}</th></tr></thead><tbody>")
        for w in sorted(rows, key=lambda w: w.title.casefold()):
            node = _node_for(G, kind, w.path.name)
            division = G.nodes[node].get("division", "") if node else ""
            division = _concept_label("division", division, lang) if division else ""
            label = (G.nodes[node].get("label") if node else None) or w.title
            parts.append(f"<tr><td>{link(w, label)}</td><td>{esc(division)}</td><td class=num>{w.nodes}</td></tr>")
        parts.append("</tbody></table>")

    table_of("region", text(lang, "index.regions"))
    table_of("programme", text(lang, "index.programmes"))
    parts.append(f"<p class=foot>{esc(text(lang, 'ui.offline'))} {esc(text(lang, 'ui.generated'))}.</p>")
    return render("index.html", {"lang": esc(lang), "title": esc(text(lang, "title.index")),
                                 "page_css": template("maps.css"), "body": "\n".join(parts)})


def _node_for(G: nx.MultiDiGraph, kind: str, filename: str) -> str | None:
    for n, a in G.nodes(data=True):
        if a.get("kind") == kind and map_file(G, kind, n) == filename:
            return n
    return None


__all__ = ["write_map", "write_all", "load_network", "rule_marks", "check_marks", "own_marks", "map_file", "index_html", "Written",
           "RulesUnavailable", "NATIONAL_FILE", "INDEX_FILE", "GEO_FILE", "map_title"]
