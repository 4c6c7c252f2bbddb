"""Write maps as self-contained HTML files (the I/O edge of :mod:`izagraph.maps`).

The only module that uses pyvis: pyvis 0.3.2 ships vis-network 9.1.2 (JS and CSS) inside its
package, and we inline those files. pyvis's own page template is not used: even with
``cdn_resources="in_line"`` it loads Bootstrap and tom-select from a CDN for its select and filter
menus, and its ``add_edge`` checks node membership in a list (quadratic at 5,000 nodes). Our page has
its own small filter UI (``templates/network.js``), so the file loads nothing from the network.

Safety: the map data is embedded as JSON in a ``<script type="application/json">`` element with
``<``, ``>`` and ``&`` escaped, read with ``JSON.parse``; a Content-Security-Policy allows only our
own two inline scripts (by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import msgspec

from .build import MapSpec

TEMPLATES = resources.files(__package__) / "templates"
VIS_VERSION = "vis-9.1.2"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """(JS, CSS) of vis-network as shipped inside the pyvis package (located, not imported: importing
    pyvis loads jinja2 and its network class, 0.2-0.4 s of a national map's time, for two file paths); the
    CSS with only the rules a map page uses (see :func:`used_vis_css`)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed (the maps inline the vis-network files it ships)")
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, used_vis_css(css)


UNUSED_VIS = re.compile(r"vis-(?:navigation|manipulation|edit-mode|close|configuration|config-|color-picker)")
CSS_RULE = re.compile(r"([^{}]+)\{[^{}]*\}")


def used_vis_css(css: str) -> str:
    """vis-network's style sheet without the rules for parts a map page never turns on: the navigation
    buttons, the editing toolbar, the configurator and its colour picker. Those rules are 215 of its 220 kB
    (their pictures, as data: URLs), which every page load read and parsed; the tooltip's rule stays.
    A sheet this does not understand (nested blocks such as @media) is kept whole.

    >>> used_vis_css("div.vis-tooltip{position:absolute}div.vis-network div.vis-navigation{x:url(data:a)}")
    'div.vis-tooltip{position:absolute}'
    """
    rules = list(CSS_RULE.finditer(css))
    if "@" in css or sum(len(r.group(0)) for r in rules) != len(css.strip()):
        return css
    return "".join(r.group(0) for r in rules if not UNUSED_VIS.search(r.group(1)))


@lru_cache(maxsize=8)
def template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def safe_json(value) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>`` or ``&`` characters.

    Compact (no space after a separator): the national map's data is about a tenth smaller, to write
    here and to parse in the browser. Encoded by msgspec (a fifth of the time of ``json.dumps`` on the
    national map; the same text, but for the spelling of floats with an exponent: ``1e16``, ``0.00001``).

    >>> safe_json({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = _JSON.encode(value).decode("utf-8")
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _as_json_would(value):
    """What ``json.dumps`` makes of a subclass of ``str``, ``int`` or ``float`` (an rdflib term, a numpy
    float), which msgspec leaves to this hook."""
    for plain in (str, int, float):
        if isinstance(value, plain):
            return plain(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_JSON = msgspec.json.Encoder(enc_hook=_as_json_would)


def _script(js: str) -> str:
    return js.replace("</script", "<\\/script")


def _hash(js: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode() + "'"


def csp(scripts: list[str]) -> str:
    """A policy that runs only the given inline scripts and fetches nothing from anywhere."""
    return ("default-src 'none'; script-src " + " ".join(_hash(s) for s in scripts)
            + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def render(name: str, values: dict[str, str]) -> str:
    """Fill ``{{placeholders}}`` in one pass (so inserted text is never scanned for placeholders)."""
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template(name))


def network_html(spec: MapSpec, index_href: str | None = None) -> str:
    """The page for a network or overview map, as one string."""
    vis_js, vis_css = vis_assets()
    vis_js, page_js = _script(vis_js), _script(template("network.js"))
    payload = spec.payload()
    if index_href:
        payload["index_href"] = index_href
    return render("network.html", {
        "lang": html.escape(spec.lang), "title": html.escape(spec.title), "subtitle": html.escape(spec.subtitle),
        "csp": html.escape(csp([vis_js, page_js]), quote=False), "vis_css": vis_css, "page_css": template("maps.css"),
        "data": safe_json(payload), "vis_js": vis_js, "page_js": page_js,
    })


def write_network_map(spec: MapSpec, path: Path, index_href: str | None = None) -> Path:
    """Write ``spec`` as a self-contained HTML file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(network_html(spec, index_href), encoding="utf-8")
    return path


def geo_html(page: dict) -> str:
    """The geographic page; ``page`` comes from :func:`izagraph.maps.geo.build_geo_map`."""
    page_js = _script(template("geo.js"))
    return render("geo.html", {
        "lang": html.escape(page["lang"]), "title": html.escape(page["title"]),
        "page_title": html.escape(page.get("page_title") or page["title"]),
        "subtitle": html.escape(page["subtitle"]), "csp": html.escape(csp([page_js]), quote=False),
        "page_css": template("maps.css"), "svg": page["svg"], "data": safe_json(page["data"]), "page_js": page_js,
    })


def write_geo_map(page: dict, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(geo_html(page), encoding="utf-8")
    return path


def write_index(page_html: str, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html, encoding="utf-8")
    return path


__all__ = ["write_network_map", "network_html", "write_geo_map", "geo_html", "write_index", "safe_json", "csp",
           "vis_assets"]
