"""The report as files: the national page (HTML + Markdown + CSV) and one HTML page per region.

Pages are self-contained: CSS inline, charts and the geo map as inline SVG, no script at all and a
Content-Security-Policy that forbids loading anything. Templates are files in ``templates/`` rendered
by Jinja2 with autoescaping, so every name from the input is shown as text.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..output import render as render_rows
from . import charts
from .tables import Table, euro, national_tables, plain
from .texts import words

TEMPLATES = Path(__file__).parent / "templates"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
BAR_COLOURS = ("#4575b4", "#91bfdb")


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def _css() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def national_charts(data: dict) -> dict[str, str]:
    """The charts of the national page as SVG strings: per division a heat map and a bar chart, and the
    congruence matrices."""
    t = words(data["lang"])
    crit = data["criteria"]
    out: dict[str, str] = {}
    status_labels = {k: t[k] for k in charts.STATUS_STYLE}

    def name(card: dict) -> str:  # a chart shows no basis column: illustrative rows say so in their label
        return f"{card['label']} ({t['basis.illustrative']})" if card["basis"] == "illustrative" else card["label"]

    for s in data["divisions"]:
        if not s["regions"]:
            continue
        rows = [c["iri"] for c in s["regions"]]
        status = {(c["iri"], k): v for c in s["regions"] for k, v in c["perspectives"].items()}
        out[f"heat-{s['notation']}"] = charts.heat_map(
            rows, [c["id"] for c in crit], status, {c["id"]: c["label"] for c in crit}, status_labels,
            row_labels={c["iri"]: name(c) for c in s["regions"]}, title=f"{t['heatmap']}: {s['label']}")
        out[f"bars-{s['notation']}"] = charts.bar_chart(
            [(name(c), {"tables": c["tables"], "seats": c["seats"]}) for c in s["regions"]],
            [("tables", t["tables"], BAR_COLOURS[0]), ("seats", t["seats"], BAR_COLOURS[1])],
            title=f"{t['bars']}: {s['label']}", empty_label=t["no_data"])
    cm = data["congruence"]
    labels = data["division_labels"]
    if cm["divisions"]:
        out["ari"] = charts.matrix(cm["divisions"], labels, {k: v["ari"] for k, v in cm["cells"].items()},
                                   title=t["ari"])
        out["nesting"] = charts.matrix(cm["divisions"], labels, {k: v["nesting"] for k, v in cm["cells"].items()},
                                       title=t["nesting"], fmt="{:.0%}")
    return out


def national_html(data: dict, geo: list[dict] | None = None) -> str:
    """The national page as one HTML string; ``geo`` are pages from ``build_geo_map`` to embed."""
    t = words(data["lang"])
    return _env().get_template("national.html").render(
        d=data, t=t, tables=national_tables(data), charts=national_charts(data), geo=geo or [], css=_css(), csp=CSP)


def national_markdown(data: dict) -> str:
    """The same tables as Markdown."""
    t = words(data["lang"])
    out = [f"# {t['title']}", "", f"{t['peildatum']}: {data['today']}", "", t["trust_intro"], ""]
    for table in national_tables(data):
        out += [f"## {table.title}", ""]
        if table.note:
            out += [table.note, ""]
        out.append(render_rows(plain(table), "md", table.columns) if table.rows else t["none"] + "\n")
    return "\n".join(out)


def national_csv(data: dict) -> dict[str, str]:
    """One CSV text per table, keyed by file name."""
    return {f"{table.id}.csv": render_rows(plain(table), "csv", table.columns) for table in national_tables(data)}


def region_html(data: dict, map_links: dict[str, str] | None = None, maps_dir: str = "") -> str:
    """One region page as an HTML string; ``map_links`` are relative links to its maps (when written)."""
    t = words(data["lang"])
    return _env().get_template("region.html").render(
        d=data, c=data["card"], t=t, symbols={k: v[1] for k, v in charts.STATUS_STYLE.items()},
        map_links=map_links or {}, maps_dir=maps_dir, css=_css(), csp=CSP,
        euro=lambda amount: euro(amount, data["lang"]))


def map_links_for(region_id: str, out_dir: Path, maps_dir: Path | None) -> dict[str, str]:
    """Relative links from the report folder to the region's network map and the geo map, when they exist."""
    if maps_dir is None:
        return {}
    links = {}
    for key, name in (("network", f"regio-{region_id}.html"), ("geo", "geo.html"), ("index", "index.html")):
        if (maps_dir / name).exists():
            links[key] = Path(os.path.relpath(maps_dir / name, out_dir)).as_posix()
    return links


def write_files(files: dict[Path, str]) -> list[Path]:
    """Write every file, each through a temporary name, only after all texts were built."""
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written


__all__ = ["national_html", "national_markdown", "national_csv", "region_html", "national_charts", "Table",
           "write_files", "map_links_for"]
