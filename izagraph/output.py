r"""The one place output formats live: a table for people, CSV/TSV/JSON/Markdown for scripts.

CSV and TSV are safe to open in a spreadsheet: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is prefixed with a single quote, as OWASP advises against CSV injection, so Excel or
LibreOffice shows it as text and never runs it as a formula. Numbers are written as numbers (``-3`` stays
``-3``). Tables for the terminal show control characters as ``\\xNN``, so no escape sequence in a name
reaches the terminal.
"""

from __future__ import annotations

import json
import re

FORMATS = ("table", "csv", "tsv", "json", "md")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def spreadsheet_safe(text: str) -> str:
    """A CSV/TSV cell that a spreadsheet program shows as text instead of running it.

    >>> print(spreadsheet_safe('=HYPERLINK("http://x","klik")'))
    '=HYPERLINK("http://x","klik")
    >>> spreadsheet_safe("-3"), spreadsheet_safe("Jan"), spreadsheet_safe("@SUM(A1)")
    ('-3', 'Jan', "'@SUM(A1)")
    """
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text


def terminal_safe(text: str) -> str:
    r"""Control characters (ESC, BEL, NUL, ...) shown as ``\xNN``; line breaks become spaces.

    >>> print(terminal_safe("a\x1b[31mb\nc"))
    a\x1b[31mb c
    """
    text = text.replace("\r\n", " ").replace("\n", " ")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _csv_line(cells: list[str], sep: str) -> str:
    """One CSV/TSV record: cells made spreadsheet-safe, quoted when they hold the separator, a quote or any
    line break (also a lone CR, which the csv module leaves unquoted with a LF line terminator).

    >>> print(_csv_line(["a,b", "=1", "ok"], ","))
    "a,b",'=1,ok
    """
    out = []
    for cell in cells:
        cell = spreadsheet_safe(cell)
        if any(ch in cell for ch in (sep, '"', "\r", "\n")):
            cell = '"' + cell.replace('"', '""') + '"'
        out.append(cell)
    return sep.join(out)


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
        sep = "," if fmt == "csv" else "\t"
        lines = [_csv_line(columns, sep)] + [_csv_line([_cell(r.get(c)) for c in columns], sep) for r in rows]
        return "".join(line + "\n" for line in lines)
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    if fmt == "table":
        cells = [[terminal_safe(c) for c in row] for row in cells]
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
