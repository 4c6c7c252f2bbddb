"""The national report and the per-region pages (``izagraph report``), and the governance scan.

Building is pure (:mod:`.build`: the data of the pages from the governance network, the findings of
``check`` and the ``info`` sections; :mod:`.tables` and :mod:`.charts`), writing is a thin step apart
(:mod:`.render`). :func:`write_report` does both for a store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import IzagraphError
from ..namespaces import concept
from ..vocab import vocabulary
from .build import available_divisions, build_national, build_region, default_divisions, resolve_region, slug


class UnknownDivision(IzagraphError):
    """A division asked for with --division has no regions in the store."""


class UnknownRegion(IzagraphError):
    """The region asked for with --region is not in the store."""


@dataclass(frozen=True)
class Written:
    path: Path
    kind: str  # national | markdown | csv | region


def _geo_pages(G, divisions: list[str], links: dict[str, str], lang: str, today: str, findings) -> list[dict]:
    """Geo maps to embed: per division the gemeenten coloured by active tables, and for the first division
    also by findings (the measures of ``izagraph map --geo``), in classes by natural breaks
    (:func:`~izagraph.report.charts.natural_breaks`: the counts are skewed, equal steps hide the differences)."""
    from ..maps.geo import GeoDataMissing, build_geo_map, load_geo
    from ..maps.overlay import marks_from_findings
    from ..resources import GEO_DIR
    from .charts import natural_breaks

    try:
        geo = load_geo(GEO_DIR)
    except GeoDataMissing:
        return []
    marks = marks_from_findings(findings, set(G.nodes), lang)
    wanted = [(d, "tables") for d in divisions] + [(d, "findings") for d in divisions[:1]]
    pages = []
    for d, measure in wanted:
        page = build_geo_map(G, geo, division=d, measure=measure, lang=lang, links=links, today=today,
                             marks=marks if measure == "findings" else (), classify=natural_breaks)
        page["division_label"] = vocabulary().label(concept("division", d), lang)
        page["measure"] = measure
        pages.append(page)
    return pages


def write_report(store: Path, out_dir: Path, *, region: str | None = None, divisions: list[str] | None = None,
                 lang: str = "nl", maps_dir: Path | None = None, today: str | None = None,
                 pseudonymise: bool = False) -> list[Written]:
    """Write the national page (``index.html``, ``index.md``, one CSV per table) and a page per region with
    data of the chosen divisions into ``out_dir``; with ``region`` only that region's page.

    ``maps_dir`` is where ``izagraph map --all`` wrote its maps (default: ``maps`` next to ``out_dir``); the
    region pages link to them relatively when they are there. Nothing is written unless every page was
    built. With ``pseudonymise`` every person's name is replaced by a stable pseudonym, in the findings too.
    """
    from ..backends.sparql import OxigraphBackend
    from ..info import division_coverage
    from ..maps.triples import read_index
    from ..network import governance_network
    from ..rules import check
    from .build import Graphs
    from .render import map_links_for, national_csv, national_html, national_markdown, region_html, write_files

    today = today or dt.date.today().isoformat()
    out_dir = Path(out_dir)
    maps_dir = Path(maps_dir) if maps_dir is not None else out_dir.parent / "maps"
    backend = OxigraphBackend.from_store(store)
    report = check(backend, lang=lang, today=dt.date.fromisoformat(today))
    index = read_index(store)
    if pseudonymise:
        from ..maps.site import load_network
        from .build import pseudonymise_findings

        G, rename = load_network(store, lang, pseudonymise=True)
        report = pseudonymise_findings(report, rename)
    else:
        G = governance_network(index, lang=lang, context=True)
    present = available_divisions(G)
    chosen = list(dict.fromkeys(divisions)) if divisions else default_divisions(G)
    unknown = [d for d in chosen if d not in present]
    if unknown:
        raise UnknownDivision(f"regio-indeling '{unknown[0]}' heeft geen regio's in de gegevens "
                              f"(kies uit {', '.join(present)})")
    graphs = Graphs(G, index, report, today, lang)
    rel_maps = Path(maps_dir).as_posix()
    files: dict[Path, str] = {}
    kinds: dict[Path, str] = {}
    if region is not None:
        node = resolve_region(G, region)
        if node is None:
            raise UnknownRegion(f"onbekende regio '{region}' (gebruik het id, de code of de naam; zie "
                                "'izagraph query info-divisions')")
        targets = [node]
    else:
        data = build_national(G, index, report, division_coverage(backend, lang), divisions=chosen, lang=lang, today=today,
                              vocab=graphs.vocab)
        links = {c["iri"]: c["href"] for s in data["divisions"] for c in s["regions"] if c["href"]}
        geo_divisions = [d for d in chosen if d in {a.get("division") for _, a in G.nodes(data=True)}][:2]
        files[out_dir / "index.html"] = national_html(data, _geo_pages(G, geo_divisions, links, lang, today,
                                                                              report.findings))
        files[out_dir / "index.md"] = national_markdown(data)
        for name, text in national_csv(data).items():
            files[out_dir / name] = text
        targets = [c["iri"] for s in data["divisions"] for c in s["regions"] if c["has_page"]]
    for node in dict.fromkeys(targets):
        page = build_region(G, index, report, node, lang=lang, today=today, graphs=graphs)
        path = out_dir / f"regio-{slug(node)}.html"
        files[path] = region_html(page, map_links_for(slug(node), out_dir, maps_dir), rel_maps)
        kinds[path] = "region"
    written = write_files(files)
    kind_of = lambda p: kinds.get(p) or {".html": "national", ".md": "markdown", ".csv": "csv"}[p.suffix]  # noqa: E731
    return [Written(p, kind_of(p)) for p in written]


def write_region_scan(store: Path, target: Path, region: str, *, lang: str = "nl", today: str | None = None) -> Path:
    """Write the governance scan (XLSX) of ``region`` (id, code or name of a region in the store)."""
    from ..maps.triples import read_index
    from ..network import governance_network
    from .scan import write_scan

    G = governance_network(read_index(store), lang=lang, context=True)
    node = resolve_region(G, region)
    if node is None:
        raise UnknownRegion(f"onbekende regio '{region}' (gebruik het id, de code of de naam)")
    parents = {u: v for u, v, rel in G.edges(data="relation") if rel == "part_of"}
    parts, todo = [], [node]
    while todo:
        r = todo.pop()
        kids = sorted(u for u, v in parents.items() if v == r)
        parts += [slug(k) for k in kids]
        todo += kids
    return write_scan(target, slug(node), G.nodes[node].get("label") or slug(node), parts, lang=lang, today=today)


__all__ = ["write_report", "write_region_scan", "build_national", "build_region", "default_divisions", "UnknownDivision", "UnknownRegion",
           "Written"]
