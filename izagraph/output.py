"""The one place output formats live: a table for people, CSV/TSV/JSON/Markdown for scripts."""

from __future__ import annotations

import csv
import io
import json
import re

FORMATS = ("table", "csv", "tsv", "json", "md")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    if isinstance(value, (list, tuple, set)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]#|~"})


def md_escape(text) -> str:
    """Text that a CommonMark renderer shows as text: HTML is escaped as entities (a name like
    ``</script><script>`` never runs), Markdown syntax is backslash-escaped (no injected links or
    emphasis) and line breaks become spaces (a value cannot start a new block).

    >>> print(md_escape("<b>A & [x](javascript:y)</b>"))
    &lt;b&gt;A &amp; \\[x\\](javascript:y)&lt;/b&gt;
    """
    text = "" if text is None else str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.translate(_MD_SPECIAL).split())


def md_link(label, url) -> str:
    """A Markdown link only for an http(s) address; anything else (``javascript:``, ``data:``) is shown
    as escaped text without a link.

    >>> md_link("CBS", "https://cbs.nl/x"), md_link("X", "javascript:alert(1)")
    ('[CBS](<https://cbs.nl/x>)', 'X')
    """
    url = "" if url is None else str(url).strip()
    if re.match(r"^https?://[^\s<>]+$", url):
        return f"[{md_escape(label)}](<{url}>)"
    return md_escape(label)


def render(rows: list[dict], fmt: str = "table", columns: list[str] | None = None, max_width: int = 60) -> str:
    """Render rows (dicts) in one of :data:`FORMATS`.

    >>> print(render([{"a": 1, "b": "x"}], "csv"), end="")
    a,b
    1,x
    """
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r)) or list(getattr(rows, "columns", []))
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
        return buf.getvalue()
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    if fmt == "md":
        esc = [[md_escape(c) for c in row] for row in cells]
        lines = ["| " + " | ".join(md_escape(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(row) + " |" for row in esc]
        return "\n".join(lines) + "\n"
    if not rows:
        return "(geen rijen)\n"
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(columns)]
    line = "  ".join(h.ljust(w) for h, w in zip(columns, widths)).rstrip()
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join([line, sep, *body]) + "\n"
