"""The analytical snapshot: every rule's fact rows, computed once by ``izagraph load`` and read in milliseconds.

Each rule query is a union of small blocks (``{ ?s a izg:Table ; skos:prefLabel ?o . BIND("label" AS ?fact) }``),
and most blocks are shared by many rules. At load time the snapshot runs every *distinct* block of every rule
query once, on the store just built, and keeps its rows as typed columns: one dictionary of values (IRIs,
strings, numbers, booleans; JSON keeps their types) and per block one ``int32`` column per variable
(``numpy``; ``-1`` is unbound). The same query files stay the one definition; nothing is re-implemented.

At check time a rule's rows are the rows of its blocks. A block that uses a parameter the rule binds (the
filters ``region``, ``programme``, ``theme``: the ``in-scope`` facts) runs live on the store with that value;
every other block comes from the snapshot. A block whose text changed since the load (a newer izagraph) is
not in the snapshot and runs live too, so the snapshot can be stale in speed but never in meaning.

:func:`shared_rows` gives all rules one set of facts: the union of the non-scope blocks of all rule queries,
built once into :class:`~izagraph.rules.facts.Facts` (and the tables, seats and regions derived from them,
memoised), with each rule's scope facts laid over it. Tests prove that every rule gives the same findings
through the snapshot as through its own query (``tests/test_snapshot.py``).

>>> split_union('SELECT ?s WHERE { { ?s a <x:T> } UNION { ?s <x:p> "{" } }')[1]
['{ ?s a <x:T> }', '{ ?s <x:p> "{" }']
>>> split_union('SELECT ?s WHERE { ?s a <x:T> }') is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .backends import ResultRows
from .backends.sparql import mentions
from .queries import Query, load_query

SNAPSHOT_DIR = "snapshot"
FORMAT = 1
#: Queries whose blocks the snapshot holds: every rule, and the provenance query of ``check``.
EXTRA_QUERIES = ("provenance",)
_IRI = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_VAR = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


# -- the query text: top-level UNION blocks ------------------------------------------------------

def _skip(text: str, i: int) -> tuple[int, str] | None:
    """When a string, an IRI or a comment starts at ``i``: where it ends and which it is."""
    c = text[i]
    if c in "\"'":
        j = i + 1
        while j < len(text) and text[j] != c:
            j += 2 if text[j] == "\\" else 1
        return j + 1, "string"
    if c == "<":
        m = _IRI.match(text, i)
        if m:
            return m.end(), "iri"
    if c == "#":
        j = text.find("\n", i)
        return (len(text) if j < 0 else j), "comment"
    return None


def _code(text: str):
    """(index, character) of the text outside strings, IRIs and comments."""
    i = 0
    while i < len(text):
        skip = _skip(text, i)
        if skip:
            i = skip[0]
            continue
        yield i, text[i]
        i += 1


def split_union(text: str) -> tuple[str, list[str]] | None:
    """The query before ``WHERE`` and its top-level ``{ ... } UNION { ... }`` groups, or None when the
    ``WHERE`` clause is anything else (then the query is kept whole)."""
    m = re.search(r"\bWHERE\s*\{", text, re.I)
    if not m:
        return None
    depth, start, end, blocks, between = 1, 0, None, [], [""]
    for i, c in _code(text[m.end():]):
        i += m.end()
        if c == "{":
            if depth == 1:
                start = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 1:
                blocks.append(text[start:i + 1])
                between.append("")
            elif depth == 0:
                end = i
                break
        elif depth == 1:
            between[-1] += c
    if end is None or not blocks or between[0].strip() or between[-1].strip():
        return None
    if any(s.strip().upper() != "UNION" for s in between[1:-1]):
        return None
    if "".join(c for _, c in _code(text[end + 1:])).strip():  # ORDER BY, LIMIT, ...: keep whole
        return None
    return text[:m.start()], blocks


def _without_comments(text: str) -> str:
    """The text without its comments (strings and IRIs kept as they are), with single spaces."""
    kept, i = [], 0
    while i < len(text):
        skip = _skip(text, i)
        end = skip[0] if skip else i + 1
        if not skip or skip[1] != "comment":
            kept.append(text[i:end])
        i = end
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def _key(block: str) -> str:
    """A block's key in the snapshot: a hash of its text without comments and extra spaces."""
    return hashlib.sha1(_without_comments(block).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Plan:
    """A query split into blocks: ``head`` (prefixes and SELECT clause), the variables it selects, and per
    block its key and text. A query that cannot be split is one block: the whole query."""

    name: str
    head: str
    variables: tuple[str, ...]
    blocks: tuple[tuple[str, str], ...]
    whole: bool = False

    def block_query(self, text: str) -> str:
        if self.whole:
            return text
        return f"{self.head} WHERE {{ {text} }}"


def plan(query: Query) -> Plan:
    """``query`` split into its blocks (memoised per query text: every rule asks on every check)."""
    key = (query.name, query.text)
    if key not in _PLANS:
        _PLANS[key] = _plan(query)
    return _PLANS[key]


_PLANS: dict[tuple[str, str], Plan] = {}


def _plan(query: Query) -> Plan:
    split = split_union(query.text)
    head_text = split[0] if split else query.text.split("WHERE", 1)[0]
    select = re.search(r"\bSELECT\b(.*)$", head_text, re.I | re.S)
    variables = tuple(_VAR.findall(select.group(1))) if select else ()
    if split is None or not variables:
        return Plan(query.name, "", variables, ((_key(query.text), query.text),), whole=True)
    head, blocks = split
    return Plan(query.name, head, variables, tuple((_key(b), b) for b in blocks))


# -- the snapshot ---------------------------------------------------------------------------------

@dataclass
class Snapshot:
    """Per block key: its variables and one column of value ids each; ``values`` the dictionary."""

    values: list
    blocks: dict[str, tuple[tuple[str, ...], dict[str, np.ndarray]]]
    built: dict = field(default_factory=dict)
    _shared: dict = field(default_factory=dict, repr=False)

    # building ---------------------------------------------------------------------------------
    @classmethod
    def build(cls, backend, rules=None) -> Snapshot:
        """Run every distinct block of the rule queries (and :data:`EXTRA_QUERIES`) once on ``backend``."""
        from .rules import ALL_RULES

        t = time.perf_counter()
        names = [r.id for r in (rules or ALL_RULES)] + list(EXTRA_QUERIES)
        values, index, blocks = [], {}, {}
        for name in names:
            query = load_query(name, "sparql")
            p = plan(query)
            for key, text in p.blocks:
                if key in blocks:
                    continue
                rows = backend.rows(_block(query, p, text), {})
                variables = tuple(rows.columns) if getattr(rows, "columns", None) else p.variables
                columns = {v: np.empty(len(rows), dtype=np.int32) for v in variables}
                for n, row in enumerate(rows):
                    for v in variables:
                        x = row.get(v)
                        if x is None:
                            columns[v][n] = -1
                            continue
                        k = (type(x), x)
                        i = index.get(k)
                        if i is None:
                            i = index[k] = len(values)
                            values.append(x)
                        columns[v][n] = i
                blocks[key] = (variables, columns)
        built = {"format": FORMAT, "queries": names, "blocks": len(blocks), "values": len(values),
                 "rows": int(sum(len(next(iter(c.values()), ())) for _, c in blocks.values())),
                 "seconds": round(time.perf_counter() - t, 3)}
        return cls(values, blocks, built)

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays, layout = {}, {}
        for n, (key, (variables, columns)) in enumerate(self.blocks.items()):
            layout[key] = list(variables)
            for v in variables:
                arrays[f"{key}.{v}"] = columns[v]
        with open(directory / "blocks.npz", "wb") as fh:
            np.savez(fh, **arrays)
        (directory / "values.json").write_text(json.dumps(self.values, ensure_ascii=False), encoding="utf-8")
        (directory / "index.json").write_text(json.dumps({**self.built, "layout": layout}, indent=1),
                                              encoding="utf-8")

    @classmethod
    def open(cls, directory: Path) -> Snapshot | None:
        """The snapshot saved in ``directory``, or None when there is none (or of another format)."""
        directory = Path(directory)
        try:
            index = json.loads((directory / "index.json").read_text(encoding="utf-8"))
            if index.get("format") != FORMAT:
                return None
            values = json.loads((directory / "values.json").read_text(encoding="utf-8"))
            npz = np.load(directory / "blocks.npz")
            blocks = {key: (tuple(vs), {v: npz[f"{key}.{v}"] for v in vs}) for key, vs in index["layout"].items()}
        except (OSError, ValueError, KeyError):
            return None
        built = {k: v for k, v in index.items() if k != "layout"}
        return cls(values, blocks, built)

    # reading ----------------------------------------------------------------------------------
    def block_rows(self, key: str, variables: tuple[str, ...]) -> list[dict]:
        """The stored rows of one block, each with every variable of the query (unbound: None)."""
        stored, columns = self.blocks[key]
        values = self._shared.get("values")
        if values is None:  # -1 picks the None at the end
            values = self._shared["values"] = self.values + [None]
        cols = [(v, [values[i] for i in columns[v].tolist()]) if v in columns else (v, None) for v in variables]
        n = len(next(iter(columns.values()))) if columns else 0
        out = []
        names = [v for v, _ in cols]
        lists = [c if c is not None else [None] * n for _, c in cols]
        for values_of_row in zip(*lists):
            out.append(dict(zip(names, values_of_row)))
        return out

    def rows(self, query: Query, params: dict, live) -> ResultRows:
        """``query``'s rows: stored blocks from the snapshot, blocks with a bound parameter (or unknown to
        the snapshot) run on ``live``, a backend on the same store."""
        bound = {n: v for n, v in params.items() if v is not None}
        if not bound and ("rows", query.name) in self._shared:
            return self._shared[("rows", query.name)]
        p = plan(query)
        out: list[dict] = []
        for key, text in p.blocks:
            if key in self.blocks and not any(mentions(text, n) for n in bound):
                out.extend(self.block_rows(key, p.variables))
            else:
                out.extend(live.rows(_block(query, p, text), params))
        rows = ResultRows(out, list(p.variables))
        if not bound:  # unfiltered rows are the same for every caller (callers must not change them)
            self._shared[("rows", query.name)] = rows
        return rows

    def shared_rows(self, query: Query, params: dict, live) -> ResultRows:
        """Rows for a rule that carry the facts shared by all rules (see the module text), with this rule's
        scope facts (its blocks that use a filter parameter) laid over them."""
        from .rules.facts import Facts

        base = self._shared.get("facts")
        if base is None:
            base = self._shared["facts"] = Facts(self._union_rows())
        p = plan(query)
        filters = set(query.params) & _FILTERS
        bound = [n for n, v in params.items() if v is not None]
        scope = [(key, text, key in self.blocks and not any(mentions(text, n) for n in bound))  # stored?
                 for key, text in p.blocks if any(mentions(text, n) for n in filters)]
        stored = all(kept for _, _, kept in scope)
        cached = self._shared.get(("scope", tuple(key for key, _, _ in scope))) if stored else None
        if cached is None:
            scope_rows, names = [], set()
            for key, text, kept in scope:
                scope_rows.extend(self.block_rows(key, p.variables) if kept
                                  else live.rows(_block(query, p, text), params))
                names.update(_fact_names(text))
            cached = Facts(scope_rows), frozenset(names)
            if stored:  # the stored scope facts (no filter given) are the same on every call
                self._shared[("scope", tuple(key for key, _, _ in scope))] = cached
        rows = ResultRows([], list(p.variables))
        rows.facts = base.scoped(*cached)
        return rows

    def _union_rows(self) -> list[dict]:
        from .rules import ALL_RULES

        seen, out = set(), []
        for rule in ALL_RULES:
            query = load_query(rule.id, "sparql")
            p = plan(query)
            filters = set(query.params) & _FILTERS
            for key, text in p.blocks:
                if key in seen or any(mentions(text, n) for n in filters):
                    continue
                seen.add(key)
                if key in self.blocks:
                    out.extend(self.block_rows(key, ("s", "fact", "o", "oLabel")))
        return out

    def covers(self, query: Query) -> bool:
        """Whether every block of ``query`` is in the snapshot (else some run live)."""
        return all(key in self.blocks for key, _ in plan(query).blocks)


_FILTERS = {"region", "programme", "theme"}


def _fact_names(block: str) -> set[str]:
    return set(re.findall(r'BIND\s*\(\s*"([^"]+)"\s+AS\s+\?fact\s*\)', block))


def _block(query: Query, p: Plan, text: str) -> Query:
    return Query(name=query.name, language=query.language, text=p.block_query(text), header=query.header,
                 path=query.path)


# -- in the store ---------------------------------------------------------------------------------

def build_into(store, directory: Path) -> dict:
    """Build the snapshot from an open Oxigraph store and save it in ``directory`` (part of a load)."""
    from .backends.sparql import OxigraphBackend

    snap = Snapshot.build(OxigraphBackend(store))
    tmp = Path(directory).with_name(f".{Path(directory).name}.{secrets.token_hex(4)}")
    snap.save(tmp)
    os.replace(tmp, directory)
    return snap.built


def open_for_store(version_dir: Path) -> Snapshot | None:
    if os.environ.get("IZAGRAPH_SNAPSHOT", "").lower() in ("0", "off", "no", "false"):
        return None
    return Snapshot.open(Path(version_dir) / SNAPSHOT_DIR)
