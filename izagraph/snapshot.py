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

Beside the facts, the load keeps what the network rules of a default check ask of their networks (Leiden
clusters, betweenness, articulation splits, degrees: :func:`izagraph.rules.network.stored_analyses`) in
``analyses.npz``, keyed by a hash of each network's memberships: a check whose network is the same reads the
answer, any other network (another day, filter or parameter) is analysed live, with the same result.

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
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .backends import ResultRows
from .backends.sparql import mentions
from .queries import Query, load_query
from .resources import SNAPSHOT_DIR  # (defined with the other paths; used here and by the store)

FORMAT = 1
#: The network analyses of the default check, computed at load (:func:`izagraph.rules.network.stored_analyses`).
ANALYSES_FILE = "analyses.npz"
#: Queries whose blocks the snapshot holds: every rule, and the provenance query of ``check``.
EXTRA_QUERIES = ("provenance",)
_IRI = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_VAR = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


# -- the query text: top-level UNION blocks ------------------------------------------------------

#: The lexical pieces that matter for splitting: strings, IRIs and comments (kept whole, so a brace in
#: them is not a brace), braces, and runs of anything else.
_TOKEN = re.compile(r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
                    r"""|(?P<iri><[^\s<>"{}|^`\\]*>)|(?P<comment>\#[^\n]*)|(?P<code>[{}]|[^"'<#{}]+|.)""", re.S)


def _code(text: str):
    """(index, piece) of the text outside strings, IRIs and comments: braces one by one, other code in runs."""
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "code":
            yield m.start(), m.group()


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
    kept = "".join(m.group() for m in _TOKEN.finditer(text) if m.lastgroup != "comment")
    return re.sub(r"\s+", " ", kept).strip()


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
    """The blocks of ``query`` (cached per query text: a rule's plan is needed at every check)."""
    return _plan(query.name, query.text)


@lru_cache(maxsize=256)
def _plan(name: str, text: str) -> Plan:
    split = split_union(text)
    head = _without_comments(split[0] if split else text.split("WHERE", 1)[0])
    select = re.search(r"\bSELECT\b(.*)$", head, re.I | re.S)
    variables = tuple(_VAR.findall(select.group(1))) if select else ()
    if split is None or not variables:
        return Plan(name, "", variables, ((_key(text), text),), whole=True)
    return Plan(name, split[0], variables, tuple((_key(b), b) for b in split[1]))


# -- the snapshot ---------------------------------------------------------------------------------

@dataclass
class Snapshot:
    """Per block key: its variables and one column of value ids each; ``values`` the dictionary."""

    values: list
    blocks: dict[str, tuple[tuple[str, ...], dict[str, np.ndarray]]]
    built: dict = field(default_factory=dict)
    analyses: Mapping = field(default_factory=dict, repr=False)  # name -> array, see ANALYSES_FILE
    _shared: dict = field(default_factory=dict, repr=False)

    # building ---------------------------------------------------------------------------------
    @classmethod
    def build(cls, backend, rules=None) -> Snapshot:
        """Run every distinct block of the rule queries (and :data:`EXTRA_QUERIES`) once on ``backend``."""
        from .rules import ALL_RULES

        t = time.perf_counter()
        names = [r.id for r in (rules or ALL_RULES)] + list(EXTRA_QUERIES)
        values, blocks = [], {}
        index = dict.fromkeys(_UNBOUND, -1)  # a term's key (see _solutions) -> its id in values
        for name in names:
            query = load_query(name, "sparql")
            p = plan(query)
            for key, text in p.blocks:
                if key in blocks:
                    continue
                variables, cells, plain = _solutions(backend, _block(query, p, text))
                # each new term once, in the order of its first cell; then every cell's id in one pass
                new = [cell for cell in dict.fromkeys(cells) if cell not in index]
                index.update(zip(new, range(len(values), len(values) + len(new))))
                values.extend(plain(new))
                ids = np.fromiter(map(index.__getitem__, cells), dtype=np.int32, count=len(cells))
                ids = ids.reshape(-1, len(variables)) if variables else ids.reshape(0, 0)
                columns = {v: np.ascontiguousarray(ids[:, j]) for j, v in enumerate(variables)}
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
        if self.analyses:
            with open(directory / ANALYSES_FILE, "wb") as fh:
                np.savez(fh, **self.analyses)
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
            with np.load(directory / "blocks.npz") as npz:  # arrays only: allow_pickle stays False
                blocks = {key: (tuple(vs), {v: npz[f"{key}.{v}"] for v in vs})
                          for key, vs in index["layout"].items()}
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
            return None
        if not isinstance(values, list) or any(  # every id must name a value (-1: unbound)
                len(c) and (c.dtype != np.int32 or c.min() < -1 or c.max() >= len(values))
                for _, columns in blocks.values() for c in columns.values()):
            return None
        built = {k: v for k, v in index.items() if k != "layout"}
        return cls(values, blocks, built, _Arrays(directory / ANALYSES_FILE))

    # reading ----------------------------------------------------------------------------------
    def block_rows(self, key: str, variables: tuple[str, ...], bound: dict | None = None) -> list[dict]:
        """The stored rows of one block, each with every variable of the query: unbound is None, a bound
        parameter its value (as a substituted variable in the projection is)."""
        _, columns = self.blocks[key]
        values = self._shared.get("values")
        if values is None:  # -1 picks the None at the end
            values = self._shared["values"] = self.values + [None]
        n = len(next(iter(columns.values()))) if columns else 0
        bound = bound or {}
        lists = [[bound[v]] * n if v in bound else [values[i] for i in columns[v].tolist()] if v in columns
                 else [None] * n for v in variables]
        return [dict(zip(variables, row)) for row in zip(*lists)]

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
                out.extend(self.block_rows(key, p.variables, {n: str(v) for n, v in bound.items()}))
            else:
                out.extend(live.rows(_block(query, p, text), params))
        rows = ResultRows(out, list(p.variables))
        if not bound:  # unfiltered rows are the same for every caller (callers must not change them)
            self._shared[("rows", query.name)] = rows
        return rows

    def columns(self, query: Query) -> tuple[dict[str, np.ndarray], list] | None:
        """``query``'s rows without parameters as id columns (per variable, -1 unbound) into
        :attr:`values`, or None when a block of it is not in the snapshot."""
        p = plan(query)
        if not self.covers(query):
            return None
        parts = {v: [] for v in p.variables}
        for key, _ in p.blocks:
            self._append_columns(key, parts)
        return {v: np.concatenate(c) if c else np.empty(0, dtype=np.int32) for v, c in parts.items()}, self.values

    def _append_columns(self, key: str, parts: dict[str, list]) -> None:
        """Append block ``key``'s id column of each variable in ``parts`` (-1s where it has none)."""
        _, columns = self.blocks[key]
        n = len(next(iter(columns.values()))) if columns else 0
        for v, out in parts.items():
            out.append(columns[v] if v in columns else np.full(n, -1, dtype=np.int32))

    def memo(self, key, build):
        """``build()`` once per opened snapshot (values derived from it that every check shares)."""
        if ("memo", key) not in self._shared:
            self._shared[("memo", key)] = build()
        return self._shared[("memo", key)]

    def shared_rows(self, query: Query, params: dict, live, among=None) -> ResultRows:
        """Rows for a rule that carry the facts shared by all rules (see the module text), with this rule's
        scope facts (its blocks that use a filter parameter) laid over them. ``among``: the ids of the rules
        of this check (default all), whose blocks make the shared facts: a check of one rule reads only its
        own (each rule's own blocks give the same findings as the shared ones: tests/test_snapshot.py)."""
        from .rules import ALL_RULES
        from .rules.facts import Facts

        everyone = [r.id for r in ALL_RULES]
        among = everyone if among is None or set(among) >= set(everyone) else sorted(set(among))
        base_key = "facts" if among is everyone else ("facts", tuple(among))
        base = self._shared.get(base_key)
        if base is None:
            *columns, values = self._union_ids(live, among)
            base = self._shared[base_key] = Facts.from_ids(
                *columns, values, self.value_array() if values is self.values else None)
            base.memo("stored-analyses", lambda: self.analyses)  # what the network rules look up first
        p = plan(query)
        filters = set(query.params) & _FILTERS
        scope = [(key, text, tuple(sorted((n, str(v)) for n, v in params.items()
                                          if v is not None and mentions(text, n))))
                 for key, text in p.blocks if any(mentions(text, n) for n in filters)]
        # the scope facts of the same blocks with the same bound values are the same on every call
        cache_key = ("scope", base_key, tuple((key, bound) for key, _, bound in scope))
        cached = self._shared.get(cache_key)
        if cached is None:
            parts, names = [], set()  # per block: its key (stored, read as id columns) or its rows (run live)
            for key, text, bound in scope:
                if key in self.blocks and not bound:
                    parts.append(key)
                else:  # a filter is bound (or the block is unknown): run it live, once for all rules
                    live_key = ("live", key, bound)
                    if live_key not in self._shared:
                        self._shared[live_key] = live.rows(_block(query, p, text), params)
                    parts.append(self._shared[live_key])
                names.update(_fact_names(text))
            if parts and all(type(part) is str for part in parts):  # all stored: the facts of their ids
                stored = {v: [] for v in _FACT_COLUMNS}
                for key in parts:
                    self._append_columns(key, stored)
                overlay = Facts.from_ids(*(np.concatenate(stored[v]) for v in _FACT_COLUMNS), self.values,
                                         self.value_array())
            else:
                overlay = Facts([row for part in parts
                                 for row in (self.block_rows(part, p.variables) if type(part) is str else part)])
            # one view per scope: what is derived from it (tables in scope, ...) is shared by its rules
            cached = self._shared[cache_key] = base.scoped(overlay, frozenset(names))
        rows = ResultRows([], list(p.variables))
        rows.facts = cached
        return rows

    def value_array(self) -> np.ndarray:
        """:attr:`values` and a None after them (id -1) as one numpy object array, made once."""
        array = self._shared.get("value-array")
        if array is None:
            array = self._shared["value-array"] = np.array([*self.values, None], dtype=object)
        return array

    def _union_ids(self, live, among=None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list]:
        """The columns s, fact, o and oLabel (ids into the returned values) of every non-scope block of the
        queries of the rules ``among`` (default all), each block once (a block the snapshot does not hold runs
        on ``live``). The values are :attr:`values` itself (callers must not change it), or a longer copy when
        rows ran live."""
        from .rules import ALL_RULES

        among = [r.id for r in ALL_RULES] if among is None else among
        variables = _FACT_COLUMNS
        seen, ids, extra = set(), {v: [] for v in variables}, []
        for rule_id in among:
            query = load_query(rule_id, "sparql")
            p = plan(query)
            filters = set(query.params) & _FILTERS
            for key, text in p.blocks:
                if key in seen or any(mentions(text, n) for n in filters):
                    continue
                seen.add(key)
                if key not in self.blocks:
                    extra.extend(live.rows(_block(query, p, text), {}))
                    continue
                self._append_columns(key, ids)
        values = self.values
        if extra:  # values of rows run live: the snapshot's id when it has the value, else a new one
            values = list(values)
            index = {(type(x), x): i for i, x in enumerate(values)}
            for v in variables:
                column = []
                for row in extra:
                    x = row.get(v)
                    if x is None:
                        column.append(-1)
                        continue
                    i = index.get((type(x), x))
                    if i is None:
                        i = index[(type(x), x)] = len(values)
                        values.append(x)
                    column.append(i)
                ids[v].append(np.array(column, dtype=np.int32))
        out = [np.concatenate(ids[v]) if ids[v] else np.empty(0, dtype=np.int32) for v in variables]
        return (*out, values)

    def covers(self, query: Query) -> bool:
        """Whether every block of ``query`` is in the snapshot (else some run live)."""
        return all(key in self.blocks for key, _ in plan(query).blocks)


_FILTERS = {"region", "programme", "theme"}
#: The columns of every rule query: what :class:`~izagraph.rules.facts.Facts` reads.
_FACT_COLUMNS = ("s", "fact", "o", "oLabel")


class _Arrays(Mapping):
    """The arrays of an ``.npz`` file, read on first use; an absent or unreadable file holds none."""

    def __init__(self, path: Path):
        self.path, self._arrays = path, None

    def _read(self) -> dict:
        if self._arrays is None:
            try:
                with np.load(self.path) as npz:  # arrays only: allow_pickle stays False
                    self._arrays = {name: npz[name] for name in npz.files}
            except (OSError, ValueError, zipfile.BadZipFile):
                self._arrays = {}
        return self._arrays

    def __getitem__(self, name):
        return self._read()[name]

    def __iter__(self):
        return iter(self._read())

    def __len__(self):
        return len(self._read())


#: The key of an unbound cell, from either way of :func:`_solutions`.
_UNBOUND = (None, "")


def _solutions(backend, query: Query) -> tuple[tuple[str, ...], list, object]:
    """(variables, the cells of all solutions row by row, keys -> their plain values) of a query without
    parameters. A cell is a key that tells terms apart (an IRI from a string with the same text), or
    ``None``/``""`` when the variable is unbound.

    On Oxigraph the solutions come back as one SPARQL TSV text, written in Rust: a cell is a term in Turtle
    syntax, split off with ``str.split``; only the distinct terms (~60,000 of ~1,000,000 cells at S = 1) are
    turned into values, and without a Python object per cell the snapshot builds twice as fast."""
    store = getattr(backend, "store", None)
    if store is None or getattr(backend, "name", "") != "oxigraph":
        rows = backend.rows(query, {})
        variables = tuple(rows.columns)
        cells = [(type(r[k]), r[k]) if r[k] is not None else None for r in rows for k in variables]
        return variables, cells, lambda keys: [typed[1] for typed in keys]
    import pyoxigraph as ox

    from .namespaces import PREFIXES

    result = store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True)
    variables = tuple(v.value for v in result.variables)
    text = result.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    # a header line, then one line per solution, each ending in a newline; tabs and newlines inside a
    # literal are escaped (\t, \n), so they split nothing
    body = text[text.index("\n") + 1:]
    cells = body[:-1].replace("\n", "\t").split("\t") if body else []
    if variables and len(cells) % len(variables):
        raise ValueError(f"unexpected SPARQL TSV from Oxigraph for {query.name}")
    return variables, cells, _tsv_values


def _tsv_values(cells: list[str]) -> list:
    """The plain values of terms written in SPARQL TSV (Turtle syntax): an IRI's text, a blank node's id,
    a literal's value typed as :func:`~izagraph.backends.sparql.plain` types it."""
    import pyoxigraph as ox

    from .backends.sparql import plain

    literals = [c for c in cells if c[0] != "<" and not c.startswith("_:")]
    parsed = iter(())
    if literals:  # Oxigraph's Turtle parser reads them back exactly (escapes, short numbers, language tags)
        doc = "".join(f"<urn:s> <urn:p> {c} .\n" for c in literals)
        parsed = (q.object for q in ox.parse(doc.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    out = []
    for c in cells:
        if c[0] == "<":
            out.append(c[1:-1])
        elif c.startswith("_:"):
            out.append(c[2:])
        else:
            term = next(parsed)
            out.append(plain(term.value, term.datatype.value))
    return out


def _fact_names(block: str) -> set[str]:
    return set(re.findall(r'BIND\s*\(\s*"([^"]+)"\s+AS\s+\?fact\s*\)', block))


def _block(query: Query, p: Plan, text: str) -> Query:
    return Query(name=query.name, language=query.language, text=p.block_query(text), header=query.header,
                 path=query.path)


# -- in the store ---------------------------------------------------------------------------------

def build_into(store, directory: Path) -> dict:
    """Build the snapshot from an open Oxigraph store and save it in ``directory`` (part of a load)."""
    from .backends.sparql import OxigraphBackend
    from .rules.network import stored_analyses

    backend = OxigraphBackend(store)
    snap = Snapshot.build(backend)
    t = time.perf_counter()
    snap.analyses = stored_analyses(snap, backend)
    snap._shared.clear()  # the facts built for them
    snap.built["analyses"] = len(snap.analyses)
    snap.built["analyses_seconds"] = round(time.perf_counter() - t, 3)
    tmp = Path(directory).with_name(f".{Path(directory).name}.{secrets.token_hex(4)}")
    snap.save(tmp)
    os.replace(tmp, directory)
    return snap.built


def open_for_store(version_dir: Path) -> Snapshot | None:
    if os.environ.get("IZAGRAPH_SNAPSHOT", "").lower() in ("0", "off", "no", "false"):
        return None
    return Snapshot.open(Path(version_dir) / SNAPSHOT_DIR)
