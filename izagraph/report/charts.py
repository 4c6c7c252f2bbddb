"""Charts as inline SVG strings, built by hand (no library, nothing fetched). Every name is escaped.

Each cell carries a symbol as well as a colour, so the charts read in black-and-white print and for
colour-blind readers.

>>> svg = heat_map(["<b>R</b>"], ["c"], {("<b>R</b>", "c"): "present"}, {"c": "C"}, {"present": "aanwezig"})
>>> "<b>" in svg, "&lt;b&gt;R&lt;/b&gt;" in svg
(False, True)
"""

from __future__ import annotations

from html import escape

STATUS_STYLE = {  # fill, symbol
    "present": ("#1a9850", "✓"),
    "recorded": ("#1a9850", "✓"),
    "no_mandate": ("#f46d43", "!"),
    "mandate_not_recorded": ("#fee08b", "?"),
    "missing": ("#d73027", "✗"),
    "not_recorded": ("#e0e0e0", "?"),
    "no_data": ("#ffffff", "–"),
}
TEXT_ON = {"#1a9850": "#ffffff", "#d73027": "#ffffff", "#f46d43": "#000000"}


def _text(x, y, s, *, anchor="start", size=12, cls="", weight="normal", fill="#000") -> str:
    c = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}"{c}>{escape(str(s))}</text>')


def _svg(width: float, height: float, body: list[str], label: str, cls: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {cls}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(label)}" '
            f'font-family="system-ui, sans-serif">{"".join(body)}</svg>')


def _column_heads(labels: list[str], left: float, top: float, cell: float, angle: float) -> list[str]:
    """Slanted column labels above a grid of cells."""
    return [f'<g transform="translate({left + j * cell + cell / 2:.1f},{top - 8:.1f}) rotate({angle})">'
            + _text(0, 0, label, size=11) + "</g>" for j, label in enumerate(labels)]


def heat_map(rows: list[str], columns: list[str], status: dict[tuple[str, str], str], column_labels: dict[str, str],
             status_labels: dict[str, str], *, row_labels: dict[str, str] | None = None, title: str = "") -> str:
    """Rows × columns of status cells (present / missing / not recorded / no data …) with a legend."""
    row_labels = row_labels or {r: r for r in rows}
    cell, left = 34, 12 + 7 * max((len(row_labels[r]) for r in rows), default=10)
    head = 6.5 * max((len(column_labels.get(c, c)) for c in columns), default=10)
    top = 20 + 0.77 * head
    width = left + cell * len(columns) + 20 + 0.64 * head
    legend_top = top + cell * len(rows) + 20
    used = [s for s in STATUS_STYLE if s in set(status.values())]
    height = legend_top + 22 * len(used) + 10
    body = _column_heads([column_labels.get(c, c) for c in columns], left, top, cell, -50)
    for i, r in enumerate(rows):
        y = top + i * cell
        body.append(_text(left - 8, y + cell / 2 + 4, row_labels[r], anchor="end", size=12, cls="rowlabel"))
        for j, c in enumerate(columns):
            s = status.get((r, c), "no_data")
            fill, symbol = STATUS_STYLE.get(s, STATUS_STYLE["no_data"])
            x = left + j * cell
            body.append(f'<g class="cell {escape(s)}"><rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" '
                        f'height="{cell - 2}" fill="{fill}" stroke="#999" stroke-width="0.5"/>'
                        f'<title>{escape(row_labels[r])} · {escape(column_labels.get(c, c))}: '
                        f'{escape(status_labels.get(s, s))}</title>'
                        + _text(x + cell / 2, y + cell / 2 + 5, symbol, anchor="middle", size=15,
                                fill=TEXT_ON.get(fill, "#000")) + "</g>")
    for k, s in enumerate(used):
        fill, symbol = STATUS_STYLE[s]
        y = legend_top + 22 * k
        body.append(f'<rect x="{left}" y="{y}" width="18" height="18" fill="{fill}" stroke="#999" stroke-width="0.5"/>'
                    + _text(left + 9, y + 14, symbol, anchor="middle", size=13, fill=TEXT_ON.get(fill, "#000"))
                    + _text(left + 26, y + 14, status_labels.get(s, s), size=12))
    return _svg(width, height, body, title, "heatmap")


def bar_chart(rows: list[tuple[str, dict[str, int]]], series: list[tuple[str, str, str]], *, title: str = "",
              empty_label: str = "") -> str:
    """Horizontal grouped bars: ``rows`` = [(label, {series key: value})], ``series`` = [(key, label, colour)].
    A row without any value shows ``empty_label`` instead of bars."""
    bar, gap = 12, 10
    left = 12 + 7 * max((len(r[0]) for r in rows), default=10)
    plot = 420
    top = 30
    group = bar * len(series) + gap
    height = top + group * len(rows) + 20
    top_value = max((v for _, vals in rows for v in vals.values()), default=0) or 1
    body = []
    for k, (key, label, colour) in enumerate(series):
        body.append(f'<rect x="{left + k * 130}" y="6" width="14" height="14" fill="{colour}"/>'
                    + _text(left + k * 130 + 20, 18, label, size=12))
    for i, (label, vals) in enumerate(rows):
        y = top + i * group
        body.append(_text(left - 8, y + bar * len(series) / 2 + 4, label, anchor="end", size=12, cls="rowlabel"))
        if not any(vals.values()) and empty_label:
            body.append(_text(left + 4, y + bar * len(series) / 2 + 4, empty_label, size=11, fill="#666"))
            continue
        for k, (key, name, colour) in enumerate(series):
            v = vals.get(key, 0)
            w = plot * v / top_value
            body.append(f'<rect class="bar" x="{left}" y="{y + k * bar}" width="{w:.1f}" height="{bar - 2}" '
                        f'fill="{colour}"><title>{escape(label)} · {escape(name)}: {v}</title></rect>'
                        + _text(left + w + 4, y + k * bar + bar - 3, v, size=10))
    return _svg(left + plot + 60, height, body, title, "bars")


def matrix(divisions: list[str], labels: dict[str, str], values: dict[tuple[str, str], float], *,
           title: str = "", fmt: str = "{:.2f}") -> str:
    """A square matrix of values in [0, 1] (darker is higher); missing pairs stay empty."""
    cell = 58
    left = 12 + 7 * max((len(labels.get(d, d)) for d in divisions), default=10)
    head = 6.5 * max((len(labels.get(d, d)) for d in divisions), default=10)
    top = 20 + 0.71 * head
    width, height = left + cell * len(divisions) + 20 + 0.71 * head, top + cell * len(divisions) + 10
    body = _column_heads([labels.get(d, d) for d in divisions], left, top, cell, -45)
    for i, a in enumerate(divisions):
        y = top + i * cell
        body.append(_text(left - 8, y + cell / 2 + 4, labels.get(a, a), anchor="end", size=12))
        for j, b in enumerate(divisions):
            x = left + j * cell
            v = values.get((a, b))
            if v is None:
                body.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" fill="#fff" '
                            f'stroke="#ccc" stroke-width="0.5"/>')
                continue
            shade = max(0.0, min(1.0, v))
            light = round(245 - 180 * shade)
            fill = f"rgb({light},{light + 5 if light < 250 else 250},255)"
            body.append(f'<g class="mcell"><rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                        f'fill="{fill}" stroke="#999" stroke-width="0.5"/><title>{escape(labels.get(a, a))} · '
                        f'{escape(labels.get(b, b))}: {fmt.format(v)}</title>'
                        + _text(x + cell / 2, y + cell / 2 + 4, fmt.format(v), anchor="middle", size=11,
                                fill="#fff" if shade > 0.6 else "#000") + "</g>")
    return _svg(width, height, body, title, "matrix")


def natural_breaks(values, n: int = 6) -> list[tuple[int, int]]:
    """Class bounds (inclusive) for the positive counts in ``values``, by Fisher-Jenks natural breaks
    (``jenkspy``): counts per gemeente are skewed (most gemeenten lie under one table), so equal steps put
    almost every gemeente in the lowest class. Each class is named by the lowest and highest count it holds;
    with ``n`` or fewer distinct counts, one class per count.

    >>> natural_breaks([1] * 257 + [2] * 37 + [3] * 3 + [4] * 15 + [6] * 8 + [10] + [11] * 6 + [12] * 11 + [16] * 4)
    [(1, 1), (2, 2), (3, 4), (6, 6), (10, 12), (16, 16)]
    >>> natural_breaks([0, 3, 1, 3]), natural_breaks([0, 0])
    ([(1, 1), (3, 3)], [])
    """
    import jenkspy

    counts = sorted(int(v) for v in values if v and v > 0)
    distinct = sorted(set(counts))
    if len(distinct) <= n:
        return [(v, v) for v in distinct]
    out, rest = [], distinct
    for hi in [int(b) for b in jenkspy.jenks_breaks(counts, n_classes=n)[1:]]:
        held = [v for v in rest if v <= hi]
        if held:
            out.append((held[0], held[-1]))
            rest = rest[len(held):]
    return out
