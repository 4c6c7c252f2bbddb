"""Build a map (pure): the nodes, edges, legend, filters and positions a page draws.

Input is the subgraph from :func:`izagraph.maps.scope.select` (or the whole governance network for
the aggregated overview); output is a :class:`MapSpec` of plain dicts in vis-network's format. Every
text on it is plain text: tooltips are strings (vis-network shows string titles as text) and the page
builds its panels with ``textContent``. Nothing here reads or writes files.
"""

from __future__ import annotations

import copy
import math
import re
from functools import lru_cache
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx
from rdflib import URIRef

from ..namespaces import concept
from ..perf import Background
from ..vocab import vocabulary
from .compact import pack
from .measures import MEASURES, end_key, node_measures, start_key
from .overlay import Mark
from .scope import edge_rows, is_active, slug
from .style import (
    EDGE_STYLE, SCALE, FINDING_COLOUR, OTHER_FINDING_COLOUR, ILLUSTRATIVE_DASHES, INCONGRUENT_COLOUR, KIND_ORDER, KIND_STYLE, PROGRAMME_ORDER,
    RELATION_ORDER, primary_programme, programme_colour, text, word,
)

DIVISION_ORDER = ("iza", "iza-subregio", "zorgkantoor", "roaz", "ggd", "jeugd", "arbeidsmarkt", "veiligheid",
                  "corop", "provincie")
SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")  # the only source addresses a page links to
MAX_LISTED = 12  # members listed in a tooltip before "… and N more"
LAYOUT_WEIGHT = {"programme": 0.3, "theme": 0.4, "territory": 0.35, "part_of": 0.3, "parent": 1.5}
LARGE = 1500  # above this many nodes: no hover highlighting, edges hidden while zooming, labels by zoom level
DASH_MAX = 1500  # above this many nodes nothing is dashed (dashed lines and borders make each frame 4-5x slower)
PROGRAMME_RANK = {p: i for i, p in enumerate(PROGRAMME_ORDER)}


@dataclass
class MapSpec:
    """Everything one page shows. ``page`` is ``network`` or ``overview``."""

    page: str
    title: str
    lang: str
    nodes: list[dict]
    edges: list[dict]
    legend: list[dict] = field(default_factory=list)
    filters: dict[str, list[list[str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    subtitle: str = ""
    sources: list[list[str]] = field(default_factory=list)
    edge_styles: dict[str, dict] = field(default_factory=dict)
    edge_opacity: float = 0.85
    edge_info: list[list[list[str]]] = field(default_factory=list)

    def payload(self) -> dict:
        """The JSON the page script reads, compact (see :mod:`izagraph.maps.compact`; ``unpack`` gives
        the nodes and edges of this spec back)."""
        keys = ("ui.search", "ui.programme", "ui.theme", "ui.kind", "ui.region", "ui.all", "ui.reset",
                "ui.legend", "ui.shown", "ui.of", "ui.nodes", "ui.focus", "ui.focus_hint", "ui.open_map",
                "ui.maps", "ui.index", "ui.depth", "ui.offline", "ui.generated", "ui.no_scope_nodes",
                "ui.overview_hint", "ui.list", "ui.list_more", "ui.hits", "ui.hits_more", "ui.no_hits",
                "ui.measure", "ui.measure_default", "ui.no_value", "ui.as_of", "ui.as_of_all", "ui.since",
                "ui.started", "ui.ended_between", "ui.path", "ui.path_from", "ui.path_to", "ui.path_go",
                "ui.path_none", "ui.path_found", "ui.path_unknown", "ui.findings_count", "ui.details",
                "ui.changes", "ui.no_changes", "ui.map_label", "ui.outside", "ui.view", "ui.time")
        words = ("f.source", "f.evidence", "f.source_confidence", "f.url", "f.regions", "f.programmes", "f.kind")
        measure_words = {m: text(self.lang, f"measure.{m}") for m in MEASURES}
        return pack({"page": self.page, "title": self.title, "subtitle": self.subtitle, "lang": self.lang,
                     "nodes": self.nodes, "edges": self.edges, "legend": self.legend, "filters": self.filters,
                     "notes": self.notes, "links": self.links, "options": self.options, "sources": self.sources,
                     "edge_styles": self.edge_styles, "edge_opacity": self.edge_opacity, "edge_info": self.edge_info,
                     "texts": {k.split(".", 1)[1]: text(self.lang, k) for k in keys + words},
                     "measures": measure_words, "scale": list(SCALE), "dash_max": DASH_MAX, "large": LARGE,
                     "kinds": {k: text(self.lang, f"kind.{k}") for k in KIND_ORDER}})

    def facts(self, item: dict) -> list[tuple[str, str]]:
        """The plain-text facts of a node or edge as the page shows them (info plus source)."""
        info = self.edge_info[item["fi"]] if "fi" in item else item.get("info", [])
        out = [(k, self.value(v, item)) for k, v in info]
        if item.get("src") is not None:
            source, evidence, url, confidence = self.sources[item["src"]]
            out += [(text(self.lang, "f.source"), source), (text(self.lang, "f.evidence"), evidence),
                    (text(self.lang, "f.source_confidence"), confidence)]
            if url:
                out.append((text(self.lang, "f.url"), url))
        return out

    def value(self, value, item: dict | None = None) -> str:
        """A fact's text: as given, a list of nodes (see :func:`_listed`) or a finding of ``item`` (its
        message in ``item["fd"]`` after "severity: ", then the rest ``x``) as the page writes it."""
        if not isinstance(value, dict):
            return value
        if "f" in value:
            return item["fd"][value["f"]].split(": ", 1)[1] + value["x"]
        sfx = value.get("sfx") or [""] * len(value["ids"])
        names = [self.nodes[i]["name"] + x for i, x in zip(value["ids"], sfx)]
        return "; ".join(names + ([f"… +{value['more']}"] if value.get("more") else []))

    def name(self, item: dict) -> str:
        """A node's or edge's name; a membership line's is "member — table", made from its two nodes."""
        if "name" in item or item.get("rel") != "membership":
            return item.get("name", "")
        return f"{self.nodes[item['from']]['name']} — {self.nodes[item['to']]['name']}"

    def tooltip(self, item: dict) -> str:
        """The tooltip text of a node or edge, exactly as the page builds it (see network.js)."""
        name = self.name(item)
        head = [name] if name else []
        return "\n".join(head + [f"{k}: {v}" for k, v in self.facts(item)])


# -- small helpers ---------------------------------------------------------------------------------

def wrap(label: str, width: int = 24, lines: int = 3) -> str:
    """A label broken into at most ``lines`` lines of about ``width`` characters.

    >>> wrap("Stuurgroep Integraal Zorgakkoord Zuid-Kennemerland en IJmond", 20)
    'Stuurgroep Integraal\\nZorgakkoord\\nZuid-Kennemerland en…'
    """
    words, out, line = label.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1] + "…"
    return "\n".join(out) or label


def _listed(listed: list[str], index: Mapping[str, int], suffixes: list[str] | None = None) -> dict | None:
    """A fact that lists other nodes of the map ("Leden (4)", "Tafels (6)"), by node id: the page writes
    their names (``name + suffix``, joined by "; ", then "… +N" beyond MAX_LISTED; see :meth:`MapSpec.value`)
    instead of the file carrying each name again in every list (3 MB of the national map at S=1)."""
    if not listed:
        return None
    out: dict = {"ids": [index[n] for n in listed[:MAX_LISTED]]}
    if suffixes and any(suffixes[:MAX_LISTED]):
        out["sfx"] = suffixes[:MAX_LISTED]
    if len(listed) > MAX_LISTED:
        out["more"] = len(listed) - MAX_LISTED
    return out


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


@lru_cache(maxsize=4096)
def _concept_label(scheme: str, value: str, lang: str) -> str:
    v = vocabulary()
    iri = URIRef(value) if value.startswith("http") else concept(scheme, value)
    return v.label(iri, lang) if (iri, None, None) in v.graph else value


def _evidence_text(evidence: str, lang: str) -> str:
    return text(lang, f"ev.{evidence}") if evidence in ("real", "illustrative") else text(lang, "ev.unknown")


def finding_text(m: Mark, lang: str) -> str:
    """A finding as the panel shows it: the message, then what it rests on and how sure it is.

    >>> finding_text(Mark("other", "s", "r", "high", "Te druk", basis="illustrative"), "nl")
    'Te druk (basis: illustratief; zekerheid: niet vermeld)'
    """
    parts = [f"{text(lang, 'f.basis')}: {word(lang, 'basis', m.basis)}",
             f"{text(lang, 'f.confidence')}: {word(lang, 'conf', m.confidence or 'none')}"]
    if m.gap:
        parts.append(word(lang, "gap", m.gap))
    return f"{m.message} ({'; '.join(parts)})"


#: Other names a gemeente is known by (no input column holds them): searched, not shown as names.
GEMEENTE_ALIASES = {"GM0518": ("Den Haag",), "GM0796": ("Den Bosch",)}


def node_key(node: str) -> str:
    """The stable key of a node in a page address (``#focus=…``): the IRI after ``/id/``.

    >>> node_key("https://w3id.org/izagraph/id/table/hl-regiotafel")
    'table/hl-regiotafel'
    """
    return node.split("/id/", 1)[1] if "/id/" in node else node


def _aliases(a: Mapping) -> list[str]:
    """Other names to search a node by: ``aliases`` from the data, a gemeente's code and known other
    names, and a name without its CBS qualifier ("Rijswijk (ZH.)" -> "Rijswijk")."""
    out = _split(a.get("aliases"))
    if a.get("kind") == "gemeente":
        out += [a.get("code", ""), *GEMEENTE_ALIASES.get(a.get("code", ""), ())]
        bare = re.sub(r"\s*\([^)]*\)$", "", a.get("label", ""))
        if bare != a.get("label"):
            out.append(bare)
    return [x for x in dict.fromkeys(out) if x]


def _size(seats: int, minimum: float = 8.0) -> float:
    return round(min(48.0, minimum + 4.0 * math.sqrt(seats)), 1)


def _colour(background: str, border: str | None = None) -> dict:
    border = border or _darker(background)
    return {"background": background, "border": border,
            "highlight": {"background": background, "border": "#000000"},
            "hover": {"background": background, "border": "#000000"}}


def _darker(hex_colour: str, factor: float = 0.7) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _primary_region(G: nx.MultiDiGraph, regions: list[str]) -> str | None:
    if not regions:
        return None
    order = {d: i for i, d in enumerate(DIVISION_ORDER)}
    return min(regions, key=lambda r: (order.get(G.nodes[r].get("division", ""), 99), r))


def _depths(tables: list[str], parent: Mapping[str, str]) -> dict[str, int]:
    """Each table's depth in the hierarchy of ``parent`` (a table's first parent)."""
    out = {}
    for t in tables:
        depth, seen, cur = 0, {t}, t
        while cur in parent and parent[cur] not in seen and depth < 12:
            cur = parent[cur]
            seen.add(cur)
            depth += 1
        out[t] = depth
    return out


def _parents(G: nx.MultiDiGraph) -> tuple[dict[str, str], dict[str, str]]:
    """Each table's first and last parent in ``G``'s edge order, from one walk over the edges."""
    first, last = {}, {}
    for u, v, _, d in edge_rows(G):
        if d.get("relation") == "parent":
            first.setdefault(u, v)
            last[u] = v
    return first, last


def vis_options(large: bool) -> dict:
    """vis-network options: positions come from Python, so physics is off."""
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": large, "hover": not large,
                        "tooltipDelay": 120, "navigationButtons": False, "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False},
        "nodes": {"borderWidth": 1.5, "font": {"size": 13, "face": "system-ui, -apple-system, Segoe UI, sans-serif",
                                               "color": "#1b1b1b", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 7 if large else 3}}},
        "edges": {"smooth": False, "selectionWidth": 2, "font": {"size": 12, "strokeWidth": 3,
                                                                "color": "#7a2a12", "align": "middle"}},
    }


# -- the network map -------------------------------------------------------------------------------

def node_groups() -> dict[str, dict]:
    """A copy of :func:`_node_groups` (callers may change it)."""
    return copy.deepcopy(_node_groups())


@lru_cache(maxsize=1)
def _node_groups() -> dict[str, dict]:
    """vis-network groups: one style per kind (tables: per programme), and a dashed-border twin for
    illustrative data. Nodes name their group instead of repeating colours (smaller files)."""
    groups = {}
    for kind, (shape, colour) in KIND_STYLE.items():
        if kind in ("table", "programme"):
            continue
        groups[kind] = {"shape": shape, "color": _colour(colour)}
    for p in (*PROGRAMME_ORDER, ""):
        groups[f"table-{p}"] = {"shape": "dot", "color": _colour(programme_colour(p))}
        groups[f"programme-{p}"] = {"shape": "star", "color": _colour(programme_colour(p)),
                                    "font": {"size": 16}}
    groups["region"]["font"] = {"size": 16}
    groups["theme"]["font"] = {"size": 15}
    groups["missing"].update({"borderWidth": 2, "shapeProperties": {"borderDashes": [4, 3]},
                              "color": _colour("#ffffff", FINDING_COLOUR), "font": {"size": 11, "color": FINDING_COLOUR}})
    for key in list(groups):
        twin = dict(groups[key])
        twin["shapeProperties"] = {"borderDashes": ILLUSTRATIVE_DASHES}
        groups[f"{key}~ill"] = twin
    return groups


def edge_styles() -> dict[str, dict]:
    return {rel: dict(style) for rel, style in EDGE_STYLE.items()}


class _Sources:
    """Each distinct (source, evidence) once; nodes and edges refer to it by index. A row is
    ``[title, evidence, address, confidence]``: the address only when it is http(s), the confidence
    as a word ("niet vermeld" when the source does not state it)."""

    def __init__(self, lang: str, details: Mapping[str, dict] | None = None):
        self.lang, self.rows, self.index, self.details = lang, [], {}, details or {}

    def __call__(self, source: str, evidence: str) -> int | None:
        if not source and not evidence:
            return None
        key = (source, evidence)
        if key not in self.index:
            self.index[key] = len(self.rows)
            detail = self.details.get(source, {})
            url = detail.get("url", "")
            self.rows.append([source, _evidence_text(evidence, self.lang),
                              url if SAFE_URL.match(url) else "",
                              word(self.lang, "conf", detail.get("confidence") or "none")])
        return self.index[key]


def build_network_map(H: nx.MultiDiGraph, *, title: str, lang: str = "nl", marks: Iterable[Mark] = (),
                      links: Mapping[str, str] | None = None, national: bool = False, today: str | None = None,
                      layout: bool = True, seed: int = 7, subtitle: str = "", measures: dict | None = None) -> MapSpec:
    """The network map of ``H`` (a :func:`~izagraph.maps.scope.select` subgraph).

    ``marks`` are rule findings to draw (see :mod:`izagraph.maps.overlay`), ``links`` maps node ids to
    the file of their own map (a region node in the national map links to the region's map).
    Nodes carry a vis ``group`` (style per kind and programme, see :func:`node_groups`), plain-text
    facts in ``info`` and a ``src`` index into the map's source list; the page turns those into the
    tooltip text. ``measures`` are :func:`~izagraph.maps.measures.node_measures` of ``H`` when made already.

    The same as ``draw_findings(build_structure(H, ...), marks)``: the structure and its layout do not
    depend on the findings, so a map with findings can make them while the rules run.
    """
    return draw_findings(build_structure(H, title=title, lang=lang, links=links, national=national, today=today,
                                         layout=layout, seed=seed, subtitle=subtitle, measures=measures), marks)


@dataclass
class Structure:
    """A network map before its findings (see :func:`build_structure`): the nodes and edges of the
    governance structure, laid out, and what :func:`draw_findings` needs to add findings to them. Not
    changed by :func:`draw_findings`, so one structure can take different findings."""

    title: str
    lang: str
    subtitle: str
    national: bool
    nodes: list[dict]
    edges: list[dict]
    index: dict[str, int]
    sources: "_Sources"
    edge_info: dict[tuple, int]
    programmes_seen: set[str]
    themes_seen: dict[str, str]
    regions_seen: dict[str, str]
    spacing: float | None  # the layout's node distance (None: not laid out)


#: the facts of a seat that its line shows (one set of line fields per distinct combination)
SEAT_FACTS = ("role", "perspective", "on_behalf_of", "source", "evidence", "start", "end")


def build_structure(H: nx.MultiDiGraph, *, title: str, lang: str = "nl", links: Mapping[str, str] | None = None,
                    national: bool = False, today: str | None = None, layout: bool = True, seed: int = 7,
                    subtitle: str = "", measures: dict | None = None,
                    positions: tuple[list[tuple[int, int]], float] | None = None, order: DrawnOrder | None = None) -> Structure:
    """The nodes, edges and positions of ``H``'s network map without findings (see :func:`build_network_map`).

    ``positions`` (positions by node number, node distance) as an earlier layout of the same structure
    made them (see :func:`layout_key`) are used instead of laying out again; or a :func:`start_layout`
    already making them. ``order`` is :func:`_drawn_order` of ``H`` when the caller has it already."""
    placing = None
    order = order or _drawn_order(H)
    if isinstance(positions, Background):
        placing, positions = positions, None
    elif layout and positions is None and H.number_of_nodes() > LARGE:
        placing = start_layout(H, seed, order)
    links = links or {}
    attrs, node_ids, index, edge_list = order
    label = {n: attrs[n].get("label") or slug(n) for n in node_ids}
    members_of: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    tables_of: dict[str, list[str]] = defaultdict(list)
    territory: dict[str, list[str]] = defaultdict(list)
    gm_territory: dict[str, list[str]] = defaultdict(list)
    for u, v, d in edge_list:
        rel = d.get("relation")
        if rel == "membership":
            members_of[v].append((u, d))
            tables_of[u].append(v)
        elif rel == "territory" and attrs[v].get("kind") == "region":
            territory[u].append(v)
        elif rel == "territory":
            gm_territory[u].append(v)
    tables = [n for n in node_ids if attrs[n].get("kind") == "table"]
    kind_word = {k: text(lang, f"kind.{k}") for k in KIND_ORDER}
    words = {k: text(lang, f"f.{k}") for k in ("kind", "programmes", "themes", "regions", "level", "start", "ended",
                                                "members", "division", "code", "status", "sector", "tables",
                                                "seats", "findings", "finding", "role", "perspective", "on_behalf_of", "score", "rule")}
    sources = _Sources(lang, H.graph.get("sources"))
    measures = node_measures(H, today) if measures is None else measures

    nodes: list[dict] = []
    programmes_seen: set[str] = set()
    themes_seen: dict[str, str] = {}
    regions_seen: dict[str, str] = {}
    for n in node_ids:
        a = attrs[n]
        kind = a.get("kind", "organisation")
        seats = len(members_of.get(n, ())) + len(tables_of.get(n, ()))  # (its lines as a table and as a member)
        progs: list[str] = []
        themes: list[str] = []
        regs: list[str] = []
        group = kind if kind in KIND_STYLE else "organisation"
        info: list[tuple[str, str]] = [(words["kind"], kind_word.get(kind, kind)
                                        + (f" ({a['table_kind']})" if a.get("table_kind") else ""))]
        if kind == "table":
            progs = sorted(_split(a.get("programmes")), key=lambda p: (PROGRAMME_RANK.get(p, 99), p))
            themes = _split(a.get("themes"))
            regs = sorted(slug(r) for r in territory[n])
            for r in territory[n]:
                regions_seen[slug(r)] = label[r]
            group = f"table-{primary_programme(progs) or ''}"
            if group not in ("table-" + p for p in PROGRAMME_ORDER):
                group = "table-"
            gm_names = sorted(label[g] for g in gm_territory[n])
            listed = sorted(members_of[n], key=lambda md: (md[1].get("role") != "voorzitter", label[md[0]]))
            names = _listed([m for m, _ in listed], index,
                            [f" ({d.get('role')})" if d.get("role") not in ("", "lid", None) else "" for _, d in listed])
            info += [(words["programmes"], ", ".join(_concept_label("programme", p, lang) for p in progs)),
                     (words["themes"], ", ".join(_concept_label("theme", t, lang) for t in themes)),
                     (words["regions"], ", ".join([label[r] for r in territory[n]] + gm_names)
                      + (f" ({text(lang, 'ui.outside')})" if a.get("outside") else "")),
                     (words["level"], _concept_label("level", a["level"], lang) if a.get("level") else ""),
                     (words["start"], a.get("start", "")), (words["ended"], a.get("end", "")),
                     (f"{words['members']} ({len(listed)})", names)]
            programmes_seen.update(progs)
            for t in themes:
                themes_seen[t] = _concept_label("theme", t, lang)
        elif kind == "programme":
            progs = [a.get("notation", "")]
            group = f"programme-{a.get('notation', '')}" if a.get("notation") in PROGRAMME_ORDER else "programme-"
            programmes_seen.add(a.get("notation", ""))
        elif kind == "theme":
            themes = [a.get("notation", "")]
            themes_seen[a.get("notation", "")] = a.get("label", "")
        elif kind == "region":
            regs = [slug(n)]
            regions_seen[slug(n)] = label[n]
            info += [(words["division"], _concept_label("division", a["division"], lang) if a.get("division") else ""),
                     (words["code"], a.get("code", "")),
                     (words["status"], _concept_label("region-status", a["status"], lang) if a.get("status") else "")]
        else:
            held = sorted(tables_of[n], key=lambda t: label[t])
            info += [(words["sector"], a.get("sector", "")), (f"{words['tables']} ({len(held)})", _listed(held, index))]
        if kind in ("table", "organisation", "gemeente", "person"):
            info.append((words["seats"], str(seats)))
        illustrative = a.get("evidence") == "illustrative"
        if illustrative:
            group += "~ill"
        size = {"region": 22.0, "programme": 24.0, "theme": 16.0}.get(kind) or _size(seats, 10 if kind == "table" else 7)
        node = {"id": index[n], "label": wrap(label[n]) + (" *" if illustrative else ""), "group": group,
                "size": size, "k": kind, "p": progs, "t": themes, "r": regs, "name": label[n]}
        node["key"] = node_key(n)
        if kind == "table":
            node["t0"], node["t1"] = start_key(a.get("start")), end_key(a.get("end"))
        if measures.get(n):
            node["m"] = measures[n]
        aliases = _aliases(a)
        if aliases:
            node["al"] = aliases
        if a.get("outside"):
            node["o"] = 1
            node["label"] += f"\n({text(lang, 'ui.outside')})"
        src = sources(a.get("source", ""), a.get("evidence", "")) if kind not in ("programme", "theme") else None
        if src is not None:
            node["src"] = src
        if kind == "table" and not is_active(a, today):
            node["opacity"] = 0.45
        if n in links:
            node["url"] = links[n]
        node["info"] = [[k, v] for k, v in info if v not in (None, "")]
        nodes.append(node)

    large = len(nodes) > LARGE
    edges: list[dict] = []
    edge_info: dict[tuple, int] = {}

    def seat_fields(d: Mapping) -> dict:
        """What a membership line carries beyond its ends, in this order (the same for every seat with the
        same facts, so made once per distinct facts: 45,000 seats at S = 1, far fewer distinct ones)."""
        out: dict = {}
        if d.get("role") == "voorzitter":
            out["width"] = 2.6
        info = [(words["role"], _concept_label("role", d["role"], lang) if d.get("role") else ""),
                (words["perspective"], _concept_label("perspective", d["perspective"], lang) if d.get("perspective") else ""),
                (words["on_behalf_of"], "; ".join(label.get(o) or slug(o) for o in _split(d.get("on_behalf_of"))))]
        # no name (the page makes "member — table" from the two nodes) and the facts as an index into
        # the map's few distinct role/perspective lists: 45,000 lines at S=1 carried 6.5 MB of both
        facts = tuple((k, val) for k, val in info if val)
        if facts:
            fi = edge_info.get(facts)
            if fi is None:
                fi = edge_info[facts] = len(edge_info)
            out["fi"] = fi
        src = sources(d.get("source", ""), d.get("evidence", ""))
        if src is not None:
            out["src"] = src
        if d.get("start") or d.get("end"):
            out["t0"], out["t1"] = start_key(d.get("start")), end_key(d.get("end"))
        if d.get("evidence") == "illustrative" and not large:
            out["dashes"] = [6, 4]  # dashed lines are slow to draw: only on maps of up to LARGE nodes
        return out

    # (a seat's first line with given facts makes them, so edge_info and sources number as line by line)
    seat_facts: dict[tuple, dict] = {}
    for u, v, d in edge_list:
        rel = d.get("relation", "")
        e = {"id": len(edges), "from": index[u], "to": index[v], "rel": rel}
        if rel == "membership":
            key = tuple(map(d.get, SEAT_FACTS))
            fields = seat_facts.get(key)
            if fields is None:
                fields = seat_facts[key] = seat_fields(d)
            e.update(fields)
            if "dashes" in fields:
                e["dashes"] = [6, 4]  # a list of its own per line, as before
        elif rel == "programme":
            e["color"] = programme_colour(attrs[v].get("notation"))
        edges.append(e)

    k = None
    if layout and node_ids:
        if positions is None or len(positions[0]) != len(nodes):
            positions = placing.result() if placing is not None else _layout(H, seed, order)
        positions, k = positions
        for nd, (x, y) in zip(nodes, positions):
            nd["x"], nd["y"] = x, y
    return Structure(title, lang, subtitle, national, nodes, edges, index, sources, edge_info, programmes_seen,
                     themes_seen, regions_seen, k)


def draw_findings(structure: Structure, marks: Iterable[Mark] = ()) -> MapSpec:
    """The page of ``structure`` with ``marks`` drawn: marked nodes get their findings in ``info`` and ``fd``
    (and a coloured border for the kinds that have one), duplicates an edge, missing perspectives a small
    node beside their table (placed next to it, so findings never move the structure), and the legend,
    notes and filters follow what is drawn. ``structure`` is left as it was."""
    st, lang = structure, structure.lang
    index = st.index
    programmes_seen, themes_seen, regions_seen = st.programmes_seen, st.themes_seen, st.regions_seen
    words = {k: text(lang, f"f.{k}") for k in ("findings", "finding", "score", "rule", "kind", "perspective")}
    kind_word = {k: text(lang, f"kind.{k}") for k in KIND_ORDER}
    marks_by: dict[str, list[Mark]] = defaultdict(list)
    for m in marks:
        if m.subject in index:
            marks_by[m.subject].append(m)
    nodes, edges = list(st.nodes), list(st.edges)
    for n, node_marks in marks_by.items():
        i = index[n]
        node = nodes[i]
        # the finding's fact is its message (as in fd, which the list shows) plus what it rests on: by
        # index into fd (see MapSpec.value), so the file carries each message once
        info = [[f"{words['finding']} ({word(lang, 'sev', m.severity)})",
                 {"f": j, "x": finding_text(m, lang)[len(m.message):]}]  # it starts with the message
                for j, m in enumerate(node_marks)]
        fields: dict = {"fd": [f"{word(lang, 'sev', m.severity)}: {m.message}" for m in node_marks]}
        label = node["label"]
        shown = [m for m in node_marks if m.kind in ("overloaded", "incongruent") or m.severity in ("medium", "high")]
        if shown:
            kinds = {m.kind for m in shown}
            border = (FINDING_COLOUR if "overloaded" in kinds else INCONGRUENT_COLOUR if kinds == {"incongruent"}
                      else OTHER_FINDING_COLOUR)
            fields["color"] = _colour(node_groups_colour(node["group"]), border)
            fields["borderWidth"] = 4.5 if "overloaded" in kinds else 3.5
            if any(m.kind == "overloaded" for m in node_marks):
                label += " ⚠"
            fields["f"] = len(node_marks)
        items = list(node.items())
        at = next(j for j, (key, _) in enumerate(items) if key in ("url", "info"))  # before them, as ever
        marked = dict(items[:at] + list(fields.items()) + items[at:])
        marked["label"], marked["info"] = label, node["info"] + info
        nodes[i] = marked

    # findings drawn as edges and extra nodes
    seen_pairs = set()
    missing_nodes: list[tuple[int, int]] = []
    for m in (m for ms in marks_by.values() for m in ms):
        if m.kind == "duplicate" and m.other in index:
            pair = tuple(sorted((index[m.subject], index[m.other])))
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            score = f"{m.score:.2f}" if m.score is not None else ""
            edges.append({"id": len(edges), "from": pair[0], "to": pair[1], "rel": "duplicate",
                          "label": score or m.rule,
                          "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25},
                          "name": text(lang, "rel.duplicate"),
                          "info": [[k, val] for k, val in ((words["findings"], m.message), (words["score"], score),
                                                           (words["rule"], m.rule)) if val]})
        if m.kind == "missing" and m.missing:
            or_word = " of " if lang == "nl" else " or "
            missing_word = or_word.join(_concept_label("perspective", p, lang) for p in m.missing)
            mid = len(nodes)
            nodes.append({"id": mid, "label": wrap(("ontbreekt: " if lang == "nl" else "missing: ") + missing_word, 28),
                          "group": "missing", "k": "missing", "p": [], "t": [], "r": [], "name": missing_word,
                          "info": [[words["kind"], text(lang, "kind.missing")], [words["perspective"], missing_word],
                                   [words["findings"], m.message]]})
            edges.append({"id": len(edges), "from": index[m.subject], "to": mid, "rel": "missing",
                          "name": text(lang, "rel.missing"), "info": [[words["findings"], m.message]]})
            missing_nodes.append((mid, index[m.subject]))
    if st.spacing is not None and missing_nodes:
        _place_beside(nodes, edges, missing_nodes, st.spacing)

    kinds_drawn, rels_drawn = {nd["k"] for nd in nodes}, {e["rel"] for e in edges}
    present_kinds = [k for k in KIND_ORDER if k in kinds_drawn]
    present_rels = [r for r in RELATION_ORDER if r in rels_drawn]
    legend = [{"type": "kind", "label": kind_word[k] + (f" ({text(lang, 'ui.colour_programme')})" if k == "table" else ""),
               "shape": KIND_STYLE[k][0],
               "color": KIND_STYLE[k][1] or "#777777"} for k in present_kinds]
    legend += [{"type": "colour", "label": _concept_label("programme", p, lang), "color": programme_colour(p)}
               for p in PROGRAMME_ORDER if p in programmes_seen]
    legend += [{"type": "edge", "label": text(lang, f"rel.{r}"), "color": EDGE_STYLE[r]["color"],
                "dashes": bool(EDGE_STYLE[r].get("dashes")), "width": EDGE_STYLE[r]["width"]} for r in present_rels]
    notes = [text(lang, "ui.size")]
    if any(nd["group"].endswith("~ill") for nd in nodes):
        notes.append(text(lang, "ui.illustrative"))
    if any(nd.get("o") for nd in nodes):
        notes.append(text(lang, "ui.outside_note"))
    if any(nd.get("opacity") for nd in nodes):
        notes.append(text(lang, "ui.ended"))
    shown_kinds = {m.kind for ms in marks_by.values() for m in ms}
    if "overloaded" in shown_kinds:
        notes.append(text(lang, "ui.overloaded"))
    if "incongruent" in shown_kinds:
        notes.append(text(lang, "ui.incongruent"))
    if shown_kinds - {"overloaded", "incongruent"}:
        notes.append(text(lang, "ui.other_finding"))
    national = st.national
    if national:
        notes.append(text(lang, "ui.concepts_left_out"))
    if not any(nd["k"] == "table" for nd in nodes):
        notes.append(text(lang, "ui.no_scope_nodes"))
    notes.append(text(lang, "ui.focus_hint"))
    filters = {
        "programme": [[p, _concept_label("programme", p, lang)] for p in PROGRAMME_ORDER if p in programmes_seen]
        + [[p, p] for p in sorted(programmes_seen - set(PROGRAMME_ORDER)) if p],
        "theme": sorted(([t, lab] for t, lab in themes_seen.items() if t), key=lambda x: x[1]),
        "kind": [[k, kind_word[k]] for k in present_kinds],
        "region": sorted(([r, lab] for r, lab in regions_seen.items()), key=lambda x: x[1].casefold()),
    }
    if len(nodes) > LARGE:  # region names readable when the whole country is in view
        for i, nd in enumerate(nodes):
            if nd["k"] == "region":
                nodes[i] = nd = dict(nd)
                nd["font"] = {"size": 140, "strokeWidth": 18, "color": "#1b2a38"}
                nd["size"] = 40
    options = vis_options(large=len(nodes) > LARGE)
    options["groups"] = node_groups()
    styles = edge_styles()
    if len(nodes) > DASH_MAX:  # dashes cost 4-5x per frame: solid lines and borders on big maps
        for group in options["groups"].values():
            group.pop("shapeProperties", None)
        for style in styles.values():
            style.pop("dashes", None)
        edges = [{k: v for k, v in e.items() if k != "dashes"} if "dashes" in e else e for e in edges]
        legend = [dict(item, dashes=False) if item.get("dashes") else item for item in legend]
        notes = [n for n in notes if n != text(lang, "ui.illustrative")] + [text(lang, "ui.illustrative_large")]
    return MapSpec("network", st.title, lang, nodes, edges, legend, filters, notes, [], options, st.subtitle,
                   list(st.sources.rows), styles, 0.55 if national else 0.85, [[list(p) for p in f] for f in st.edge_info])


def node_groups_colour(group: str) -> str:
    """The background colour of a node group."""
    return _node_groups()[group]["color"]["background"]


def layout_key(H: nx.MultiDiGraph, seed: int = 7) -> str:
    """A hash of everything ``H``'s layout depends on: its nodes and their kinds, its drawn relations, the
    regions' divisions, the seed and the layout's code; equal keys give equal positions, so a map can
    keep a big layout for the next map of the same structure (:func:`izagraph.maps.stored.keep_layout`)."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256(f"{seed} {LARGE}".encode())
    for module in (Path(__file__), Path(__file__).with_name("layout.py")):  # (read, not imported: numpy)
        digest.update(module.read_bytes())
    # tab-separated lines (an IRI holds no tab or newline): a third of the time of json.dumps
    digest.update("\n".join([f"{n}\t{a.get('kind')}\t{a.get('division') if a.get('kind') == 'region' else ''}"
                              for n, a in H.nodes(data=True)]).encode())
    digest.update("\n".join([f"{u}\t{v}\t{d.get('relation')}" for u, v, _, d in edge_rows(H)]).encode())
    return digest.hexdigest()


def start_layout(H: nx.MultiDiGraph, seed: int = 7, order: DrawnOrder | None = None) -> Background:
    """``H``'s layout made in a forked process (see :class:`izagraph.perf.Background`): a big map lays out
    while this process makes the nodes and lines the page shows; hand it to :func:`build_structure`, with
    ``order`` (:func:`_drawn_order` of ``H``, which both need) made before the fork."""
    return Background(_layout, H, seed, order, what="de opmaak van de kaart")


class DrawnOrder(NamedTuple):
    """A map graph's nodes and edges in the order a map numbers and draws them (:func:`_drawn_order`)."""

    attrs: dict  # node -> its attributes
    node_ids: list[str]  # by kind, then id
    index: dict[str, int]  # node -> its number on the map
    edges: list[tuple[str, str, dict]]  # (u, v, data) in drawing order


def _drawn_order(H: nx.MultiDiGraph) -> DrawnOrder:
    """``H``'s node attributes, its nodes in the order a map numbers them (by kind, then id), that
    numbering, and its edges ``(u, v, data)`` in the order a map draws them."""
    attrs = dict(H.nodes(data=True))
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    node_ids = sorted(attrs, key=lambda n: (rank.get(attrs[n].get("kind"), 99), n))
    index = {n: i for i, n in enumerate(node_ids)}
    edge_list = sorted(((u, v, d) for u, v, _, d in edge_rows(H)),
                       key=lambda e: (index[e[0]], index[e[1]], e[2].get("relation", "")))
    return DrawnOrder(attrs, node_ids, index, edge_list)


def _layout(H: nx.MultiDiGraph, seed: int, order: DrawnOrder | None = None) -> tuple[list[tuple[int, int]], float]:
    """The positions of ``H``'s map by node number, and the layout's node distance (see :func:`_positions`):
    from ``H`` (and its :func:`_drawn_order`) alone, so a forked process can make them while the map's
    nodes are made."""
    attrs, node_ids, index, edge_list = order or _drawn_order(H)
    territory: dict[str, list[str]] = defaultdict(list)
    for u, v, d in edge_list:
        if d.get("relation") == "territory" and attrs[v].get("kind") == "region":
            territory[u].append(v)
    tables = [n for n in node_ids if attrs[n].get("kind") == "table"]
    return _positions(H, [attrs[n].get("kind", "organisation") for n in node_ids],
                      [(index[u], index[v], d.get("relation", "")) for u, v, d in edge_list],
                      node_ids, index, tables, territory, seed)


def _positions(H, kinds: list[str], links: list[tuple[int, int, str]], node_ids, index, tables, territory,
               seed) -> tuple[list[tuple[int, int]], float]:
    """Each node's position (by index) and the layout's node distance: the core (tables, members) by the
    structured layout; context nodes (programmes, themes and — on maps up to LARGE nodes — regions) on
    a ring around it, near their tables. ``kinds`` and ``links`` (from, to, relation) are the map's
    nodes and lines by index."""
    n = len(kinds)
    large = n > LARGE
    ring_kinds = {"programme", "theme"} | (set() if large else {"region"})
    group_of: dict[int, str] = {}
    first_parent, parent = _parents(H)
    depth = _depths(tables, first_parent)
    region_of: dict[str, str | None] = {t: _primary_region(H, territory[t]) for t in tables}
    for t in tables:
        cur, hops = t, 0
        while region_of.get(cur) is None and cur in parent and hops < 12:
            cur, hops = parent[cur], hops + 1
        if region_of.get(cur):
            group_of[index[t]] = region_of[cur]
    if large:
        for i, kind in enumerate(kinds):
            if kind == "region":
                group_of[i] = node_ids[i]
    if not large and len(set(group_of.values())) < 4:  # a few groups: one layout reads better
        group_of = {}
    core = [i for i, kind in enumerate(kinds) if kind not in ring_kinds]
    core_set = set(core)
    k = 130.0 if n <= 300 else 100.0 if n <= LARGE else 80.0
    from .layout import structured_layout  # (numpy: only where a map is laid out)

    pos = structured_layout(core, [(u, v, LAYOUT_WEIGHT.get(rel, 1.0)) for u, v, rel in links
                                   if u in core_set and v in core_set],
                            group_of, {index[t]: depth[t] for t in tables},
                            anchors=[i for i, kind in enumerate(kinds) if kind == "region" and large], k=k, seed=seed)
    ring = [i for i, kind in enumerate(kinds) if kind in ring_kinds]
    if ring:
        pos.update(_ring(pos, ring, links, k))
    return [(int(round(pos[i][0])), int(round(pos[i][1]))) for i in range(n)], k


def _place_beside(nodes: list[dict], edges: list[dict], beside: list[tuple[int, int]], k: float) -> None:
    """Each ``(node, table)`` of ``beside`` (a finding's extra node) near its table, on the side away from
    the table's members: the first spot that keeps ``k / 2`` clear of every node already placed, trying
    twelve directions (nearest that side first) at one, one and a half, two and three times ``k``."""
    members: dict[int, list[int]] = defaultdict(list)
    wanted = {t for _, t in beside}
    for e in edges:
        if e["rel"] == "membership" and e["to"] in wanted:
            members[e["to"]].append(e["from"])
    cell = k * 0.5  # a grid of placed nodes: "clear" is no node within this distance
    grid: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)

    def put(x: float, y: float) -> None:
        grid[(int(x // cell), int(y // cell))].append((x, y))

    def clear(x: float, y: float) -> bool:
        cx, cy = int(x // cell), int(y // cell)
        return not any((x - px) ** 2 + (y - py) ** 2 < cell * cell
                       for gx in (cx - 1, cx, cx + 1) for gy in (cy - 1, cy, cy + 1) for px, py in grid.get((gx, gy), ()))

    for nd in nodes:
        if "x" in nd:
            put(nd["x"], nd["y"])
    turns = sorted(range(-5, 7), key=lambda t: (abs(t), -t))  # 0, 1, -1, 2, -2, ... 6
    for node, table in beside:
        tx, ty = nodes[table]["x"], nodes[table]["y"]
        around = [(nodes[j]["x"], nodes[j]["y"]) for j in members[table]]
        mx = sum(x for x, _ in around) / len(around) if around else tx
        my = sum(y for _, y in around) / len(around) if around else ty + 1.0
        angle = math.atan2(ty - my, tx - mx) if (tx, ty) != (mx, my) else -math.pi / 2
        spots = [(tx + k * r * math.cos(angle + t * math.pi / 6), ty + k * r * math.sin(angle + t * math.pi / 6))
                 for r in (1.0, 1.5, 2.0, 3.0) for t in turns]
        x, y = next((spot for spot in spots if clear(*spot)), spots[-12])
        nodes[node]["x"], nodes[node]["y"] = int(round(x)), int(round(y))
        put(x, y)


def _ring(pos: dict, ring: list[int], links: list[tuple[int, int, str]], k: float) -> dict[int, tuple[float, float]]:
    """Context nodes on evenly spaced slots of a circle around the placed core; a node whose tables lie
    on one side takes the free slot nearest that side, hubs linked to everything take what is left."""
    import numpy as np

    nbrs: dict[int, list[int]] = defaultdict(list)
    ring_set = set(ring)
    for u, v, _ in links:
        if u in ring_set and v in pos:
            nbrs[u].append(v)
        elif v in ring_set and u in pos:
            nbrs[v].append(u)
    pts = np.array(list(pos.values())) if pos else np.zeros((1, 2))
    centre = pts.mean(0)
    spread = float(np.sqrt(((pts - centre) ** 2).sum(1)).max()) if len(pts) > 1 else 0.0
    slots = max(len(ring), 8)
    radius = max(spread + k * 1.3, slots * k * 1.5 / (2 * math.pi))
    slot_angle = [-math.pi / 2 + 2 * math.pi * i / slots for i in range(slots)]
    wishes = []
    for order, node in enumerate(ring):
        if nbrs[node]:
            b = np.mean([pos[j] for j in nbrs[node]], axis=0) - centre
            strength = float(np.hypot(*b)) / (spread or 1.0)
            wishes.append((-strength, order, node, math.atan2(b[1], b[0])))
        else:
            wishes.append((0.0, order, node, None))
    free = set(range(slots))
    out = {}
    for strength, order, node, angle in sorted(wishes):
        if angle is None or -strength < 0.15:
            slot = min(free)
        else:
            slot = min(free, key=lambda i: (abs(math.remainder(slot_angle[i] - angle, 2 * math.pi)), i))
        free.discard(slot)
        a = slot_angle[slot]
        out[node] = (centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a))
    return out


def _separate(nodes: list[dict], distance: float, rounds: int = 80) -> None:
    """Push apart nodes closer than ``distance`` (regions sharing an area), keeping the geography."""
    import numpy as np

    if len(nodes) < 2:
        return
    p = np.array([[nd["x"], nd["y"]] for nd in nodes], dtype=float)
    for _ in range(rounds):
        d = p[:, None, :] - p[None, :, :]
        dist = np.sqrt((d ** 2).sum(-1)) + np.eye(len(p)) * 1e9
        over = np.clip(distance - dist, 0, None)
        if not over.any():
            break
        dist = np.where(dist < 1e-6, 1e-6, dist)
        p += (d / dist[..., None] * over[..., None] * 0.5).sum(1)
        p += np.random.default_rng(1).normal(0, 0.01, p.shape) * (dist < 1e-3).any(1)[:, None]
    for nd, (x, y) in zip(nodes, p):
        nd["x"], nd["y"] = int(round(x)), int(round(y))


# -- the aggregated overview -----------------------------------------------------------------------

def build_overview(G: nx.MultiDiGraph, *, group_by: str = "region", lang: str = "nl",
                   links: Mapping[str, str] | None = None,
                   positions: Mapping[str, tuple[float, float]] | None = None,
                   today: str | None = None, title: str | None = None) -> MapSpec:
    """One node per region (or programme) standing for its tables and their members; edges count the
    members two groups share. Each node links to its group's full map (``links``: node id -> file).

    ``positions`` (e.g. geographic centres of regions) place the groups; otherwise they are laid out
    by the same fast layout as the network maps.
    """
    links = links or {}
    tables = sorted(n for n, a in G.nodes(data=True) if a.get("kind") == "table")
    groups: dict[str, set[str]] = defaultdict(set)
    for t in tables:
        if group_by == "programme":
            keys = {v for _, v, d in G.out_edges(t, data=True) if d.get("relation") == "programme"}
        else:
            keys = {v for _, v, d in G.out_edges(t, data=True)
                    if d.get("relation") == "territory" and G.nodes[v].get("kind") == "region"}
        for g in keys:
            groups[g].add(t)
    members: dict[str, set[str]] = defaultdict(set)
    seats: Counter = Counter()
    member_groups: dict[str, set[str]] = defaultdict(set)
    progs: dict[str, Counter] = defaultdict(Counter)
    themes: dict[str, Counter] = defaultdict(Counter)
    for g, ts in groups.items():
        for t in sorted(ts):  # sorted: most_common() breaks ties by first count (same on every run)
            a = G.nodes[t]
            progs[g].update(_split(a.get("programmes")))
            themes[g].update(_split(a.get("themes")))
            for u, _, d in G.in_edges(t, data=True):
                if d.get("relation") == "membership":
                    members[g].add(u)
                    seats[g] += 1
                    member_groups[u].add(g)
    keys = sorted(groups, key=lambda g: (G.nodes[g].get("label") or slug(g)).casefold())
    index = {g: i for i, g in enumerate(keys)}
    nodes = []
    for g in keys:
        a = G.nodes[g]
        name = a.get("label") or slug(g)
        active = sum(1 for t in groups[g] if is_active(G.nodes[t], today))
        top = [p for p, _ in progs[g].most_common()]
        colour = programme_colour(a.get("notation") if group_by == "programme" else primary_programme(top[:1]))
        count_line = f"{len(groups[g])} {text(lang, 'index.tables')} · {seats[g]} {text(lang, 'index.seats')}"
        info = [(text(lang, "f.tables"), f"{len(groups[g])} ({active} actief)" if lang == "nl" else f"{len(groups[g])} ({active} active)"),
                (text(lang, "f.members"), str(len(members[g]))), (text(lang, "f.seats"), str(seats[g])),
                (text(lang, "f.programmes"), ", ".join(f"{_concept_label('programme', p, lang)} ({c})" for p, c in progs[g].most_common())),
                (text(lang, "f.themes"), ", ".join(f"{_concept_label('theme', t, lang)} ({c})" for t, c in themes[g].most_common(6)))]
        if a.get("division"):
            info.insert(0, (text(lang, "f.division"), _concept_label("division", a["division"], lang)))
        node = {"id": index[g], "label": wrap(name, 22) + "\n" + count_line, "name": name, "shape": "dot",
                "size": round(min(60.0, 14 + 2.0 * math.sqrt(seats[g] + 4 * len(groups[g]))), 1),
                "color": _colour(colour), "k": "group", "p": sorted(progs[g]), "t": sorted(themes[g]),
                "r": [slug(g)] if group_by == "region" else [],
                "font": {"size": 15}, "info": [[k, v] for k, v in info if v]}
        if g in links:
            node["url"] = links[g]
        nodes.append(node)
    shared: Counter = Counter()
    names: dict[tuple[int, int], list[str]] = defaultdict(list)
    for m, gs in member_groups.items():
        ids = sorted(index[g] for g in gs)
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                shared[(ids[i], ids[j])] += 1
                if len(names[(ids[i], ids[j])]) < 8:
                    names[(ids[i], ids[j])].append(G.nodes[m].get("label") or slug(m))
    edges = []
    top = max(shared.values(), default=1)
    for (i, j), w in sorted(shared.items()):
        edges.append({"id": len(edges), "from": i, "to": j, "rel": "shared", "value": w,
                      "width": round(0.6 + 7 * math.sqrt(w / top), 2),
                      "color": {"color": "#7f8c8d", "opacity": round(0.25 + 0.6 * math.sqrt(w / top), 2),
                                "highlight": "#000000"},
                      "name": f"{w} {text(lang, 'rel.shared')}",
                      "info": [[text(lang, "f.shared"), "; ".join(names[(i, j)]) + (" …" if w > 8 else "")]]})
    placed = [g for g in keys if positions and g in positions]
    if placed:  # geographic where known; the rest (e.g. ROAZ regions without gemeenten) in a column beside
        xs = [positions[g][0] for g in placed]
        ys = [positions[g][1] for g in placed]
        x_side, row = max(xs) + 450, (max(ys) - min(ys)) / max(1, len(keys) - len(placed))
        rest = 0
        for g, nd in zip(keys, nodes):
            if g in positions:
                nd["x"], nd["y"] = positions[g]
            else:
                nd["x"], nd["y"] = x_side, min(ys) + rest * max(row, 110)
                rest += 1
    elif nodes:
        from .layout import structured_layout

        pos = structured_layout([nd["id"] for nd in nodes], [(e["from"], e["to"]) for e in edges if e["value"] > 1],
                                {nd["id"]: "all" for nd in nodes}, k=220)
        for nd in nodes:
            nd["x"], nd["y"] = pos[nd["id"]]
    _separate(nodes, 140.0)
    progs_all = sorted({p for c in progs.values() for p in c}, key=lambda p: (p not in PROGRAMME_ORDER, PROGRAMME_ORDER.index(p) if p in PROGRAMME_ORDER else 0, p))
    themes_all = sorted({t for c in themes.values() for t in c})
    legend = [{"type": "colour", "label": _concept_label("programme", p, lang), "color": programme_colour(p)}
              for p in progs_all]
    legend.append({"type": "edge", "label": text(lang, "rel.shared"), "color": EDGE_STYLE["shared"]["color"],
                   "dashes": False, "width": 3})
    filters = {"programme": [[p, _concept_label("programme", p, lang)] for p in progs_all],
               "theme": sorted(([t, _concept_label("theme", t, lang)] for t in themes_all), key=lambda x: x[1]),
               "kind": [], "region": []}
    link_list = [{"label": nd["name"], "href": nd["url"], "detail": nd["info"][0][1] if nd["info"] else ""}
                 for nd in nodes if nd.get("url")]
    options = vis_options(large=False)
    options["interaction"]["hover"] = True
    return MapSpec("overview", title or text(lang, f"title.overview.{group_by}"), lang, nodes, edges, legend,
                   filters, [text(lang, "ui.overview_hint"), text(lang, "ui.size")], link_list, options,
                   edge_styles=edge_styles(), edge_opacity=0.8)


__all__ = ["MapSpec", "Structure", "build_network_map", "build_structure", "draw_findings", "build_overview", "layout_key",
           "start_layout",
           "vis_options", "wrap"]
