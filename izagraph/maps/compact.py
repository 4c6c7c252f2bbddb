"""The map data a network page carries, written compactly, and read back (pure).

A national map has 7,500 nodes and 49,000 lines. Written as one JSON object per node and per line, its
data was 9.8 MB, and the browser loads, scans and parses every byte of it before the first frame. :func:`pack`
writes the same data in about a third of that:

- nodes and lines as columns (``{"n": count, "c": {field: column}}``) instead of one object each, so a
  field's name is written once, not 49,000 times. A column is a list with ``null`` where an item lacks the
  field, or, when fewer than half the items have it, ``{"at": [item indices], "v": [values]}``, or, for a
  text field with few distinct values (a line's ``rel``, a node's ``group`` and ``k``),
  ``{"d": [distinct texts], "x": [index into d, or null]}``. The ``id`` column is left out when every
  item's id is its index;
- a node's facts (``info``) by reference: a fact of plain text is an index into ``rows`` (the map's
  distinct ``[label, text]`` pairs: "Soort: organisatie" is written once, not 5,000 times); a fact listing
  nodes or citing a finding is ``[label, value]`` with the label an index into ``strings``, and a finding's
  rest (``x``) too;
- a node's findings (``fd``) as indices into ``strings``: a finding about a structure sits on each of its
  tables, its message once in the file.

:func:`unpack` gives back the payload exactly (``unpack(pack(p)) == p``); ``network.js`` reads the page
data with the same function in JavaScript (``unpack``), before anything else looks at it.

>>> p = {"nodes": [{"id": 0, "k": "table", "info": [["Soort", "tafel"]], "fd": ["hoog: x"]},
...                {"id": 1, "k": "table", "info": [["Soort", "tafel"], ["Leden (1)", {"ids": [0]}]]}],
...      "edges": [{"id": 0, "from": 1, "to": 0, "rel": "membership"}]}
>>> packed = pack(p)
>>> packed["rows"], packed["strings"], packed["edges"]
([['Soort', 'tafel']], ['hoog: x', 'Leden (1)'], {'n': 1, 'c': {'from': [1], 'to': [0], 'rel': ['membership']}})
>>> packed["nodes"]["c"]["info"], packed["nodes"]["c"]["fd"]
([[0], [0, [1, {'ids': [0]}]]], [[0], None])
>>> unpack(packed) == p
True
"""

from __future__ import annotations

import json

TABLES = ("nodes", "edges")
SPARSE = 0.5  # a field fewer than this share of the items have: written as {"at", "v"}
DISTINCT = 0.25  # a text field with at most this share of distinct values: written as {"d", "x"}


class _Interned:
    """Each distinct value once, by first appearance; ``index(value)`` is its place."""

    def __init__(self):
        self.values: list = []
        self._at: dict = {}

    def index(self, value, key=None) -> int:
        key = value if key is None else key
        at = self._at.get(key)
        if at is None:
            at = self._at[key] = len(self.values)
            self.values.append(value)
        return at


def pack(payload: dict) -> dict:
    """``payload`` with its nodes and edges as columns and the nodes' facts and findings by reference."""
    strings, rows = _Interned(), _Interned()
    nodes = [_pack_facts(n, strings, rows) for n in payload["nodes"]]
    out = dict(payload, nodes=columns(nodes), edges=columns(payload["edges"]))
    out["strings"], out["rows"] = strings.values, rows.values
    return out


def unpack(packed: dict) -> dict:
    """The inverse of :func:`pack` (``network.js`` has the same function)."""
    out = {k: v for k, v in packed.items() if k not in ("strings", "rows")}
    strings, rows = packed["strings"], packed["rows"]
    out["nodes"] = [_unpack_facts(n, strings, rows) for n in items(packed["nodes"])]
    out["edges"] = items(packed["edges"])
    return out


def _pack_facts(node: dict, strings: _Interned, rows: _Interned) -> dict:
    out = dict(node)
    if "fd" in node:
        out["fd"] = [strings.index(f) for f in node["fd"]]
    if "info" in node:
        out["info"] = [
            [strings.index(k), {"f": v["f"], "x": strings.index(v["x"])} if "f" in v else v]
            if isinstance(v, dict) else rows.index([k, v], (k, v) if type(v) is str else (k, None, json.dumps(v)))
            for k, v in node["info"]]
    return out


def _unpack_facts(node: dict, strings: list, rows: list) -> dict:
    if "fd" in node:
        node["fd"] = [strings[i] for i in node["fd"]]
    if "info" in node:
        node["info"] = [
            list(rows[r]) if isinstance(r, int)
            else [strings[r[0]], {"f": r[1]["f"], "x": strings[r[1]["x"]]} if "f" in r[1] else r[1]]
            for r in node["info"]]
    return node


def columns(rows: list[dict]) -> dict:
    """``rows`` (dicts with an ``id`` each, no ``None`` values) as ``{"n": count, "c": {field: column}}``."""
    n = len(rows)
    fields: dict = {}
    for row in rows:
        fields.update(row)  # (the fields in order of first appearance; C-speed, unlike a loop over keys)
    out = {}
    for field in fields:
        values = [row.get(field, _MISSING) for row in rows]
        if field == "id" and values == list(range(n)):
            continue
        if None in values:
            raise ValueError(f"{field}: a map field holds None (pack writes null for a missing field)")
        present = n - values.count(_MISSING)
        if present < SPARSE * n:
            at = [i for i, v in enumerate(values) if v is not _MISSING]
            out[field] = {"at": at, "v": [values[i] for i in at]}
            continue
        if set(map(type, values)) <= {str, _Missing}:
            distinct = dict.fromkeys(v for v in values if v is not _MISSING)
            if len(distinct) <= DISTINCT * present:
                index = {v: i for i, v in enumerate(distinct)}
                out[field] = {"d": list(distinct), "x": [index.get(v) for v in values]}
                continue
        out[field] = values if present == n else [None if v is _MISSING else v for v in values]
    return {"n": n, "c": out}


class _Missing:
    """A field a row does not have (``None`` could be a value)."""


_MISSING = _Missing()


def items(table: dict) -> list[dict]:
    """The inverse of :func:`columns`."""
    cols = table["c"]
    rows: list[dict] = [{} if "id" in cols else {"id": i} for i in range(table["n"])]
    for field, col in cols.items():
        if isinstance(col, list):
            for row, v in zip(rows, col):
                if v is not None:
                    row[field] = v
        elif "at" in col:
            for i, v in zip(col["at"], col["v"]):
                rows[i][field] = v
        else:
            for row, x in zip(rows, col["x"]):
                if x is not None:
                    row[field] = col["d"][x]
    return rows


__all__ = ["pack", "unpack", "columns", "items"]
