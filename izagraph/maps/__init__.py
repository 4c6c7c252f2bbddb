"""Interactive network maps and a geographic map that regions can open offline.

The only package that uses pyvis (:mod:`izagraph.maps.html` inlines the vis-network files it ships).
Building a map is pure — :func:`network_map`, :func:`overview_map` and
:func:`izagraph.maps.geo.build_geo_map` turn the governance network into plain data — and writing it is
a thin step apart (:func:`write_network_map`, :func:`write_geo_map`, :func:`izagraph.maps.site.write_all`).
"""

from __future__ import annotations

import networkx as nx

from .build import MapSpec, Structure, build_network_map, build_overview, build_structure, draw_findings
from .html import write_geo_map, write_network_map
from .overlay import Mark, marks_from_findings
from .scope import Scope, UnknownScope, resolve_scope, select, slug
from .style import text


def map_title(G: nx.MultiDiGraph, scope: Scope, lang: str = "nl") -> str:
    """The page title for a scope, e.g. ``Regio: Kennemerland``."""
    if scope.kind == "national":
        return text(lang, "title.national")
    label = G.nodes[scope.node].get("label") or slug(scope.node)
    return f"{text(lang, f'title.{scope.kind}')}: {label}"


def network_map(G: nx.MultiDiGraph, scope: Scope, *, lang: str = "nl", marks=(), links=None,
                today: str | None = None, subtitle: str = "", selected: nx.MultiDiGraph | None = None,
                measures: dict | None = None) -> MapSpec:
    """The network map for ``scope`` of the full governance network ``G`` (``context=True``).

    ``selected`` (``select(G, scope)``) and ``measures`` (:func:`~izagraph.maps.measures.node_measures`
    of it) when made already. The same as ``draw_findings(network_structure(G, scope, ...), marks)``."""
    return draw_findings(network_structure(G, scope, lang=lang, links=links, today=today, subtitle=subtitle,
                                           selected=selected, measures=measures), marks)


def network_structure(G: nx.MultiDiGraph, scope: Scope, *, lang: str = "nl", links=None, today: str | None = None,
                      subtitle: str = "", selected: nx.MultiDiGraph | None = None,
                      measures: dict | None = None, positions=None, order=None) -> Structure:
    """The map of ``scope`` before findings, laid out (see :func:`~izagraph.maps.build.build_structure`):
    a map with findings makes it while the rules run, then draws them with
    :func:`~izagraph.maps.build.draw_findings`."""
    H = select(G, scope) if selected is None else selected
    return build_structure(H, title=map_title(G, scope, lang), lang=lang, links=links,
                           national=scope.kind == "national", today=today, subtitle=subtitle, measures=measures,
                           positions=positions, order=order)


def overview_map(G: nx.MultiDiGraph, *, group_by: str = "region", lang: str = "nl", links=None,
                 positions=None, today: str | None = None) -> MapSpec:
    """The aggregated national view: one node per region (or programme), linking to its full map."""
    return build_overview(G, group_by=group_by, lang=lang, links=links, positions=positions, today=today)


__all__ = ["MapSpec", "Mark", "Scope", "Structure", "UnknownScope", "network_map", "network_structure", "overview_map",
           "map_title", "draw_findings", "build_structure",
           "resolve_scope", "select", "marks_from_findings", "write_network_map", "write_geo_map",
           "build_network_map", "build_overview"]
