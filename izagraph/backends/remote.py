"""A SPARQL server as the scale-out engine: query it (SPARQL 1.1 Protocol) and push to it (Graph Store
Protocol). Tested against Oxigraph server and Apache Jena Fuseki (``scripts/sparql-local``).

Only the standard library (``urllib``): the two protocols are a POST and a PUT, and the results are
SPARQL 1.1 Query Results JSON, parsed into the same plain rows as the embedded backends.

Authentication comes from the environment and is never printed: ``IZAGRAPH_SPARQL_TOKEN`` (sent as
``Authorization: Bearer``) or ``IZAGRAPH_SPARQL_USER`` + ``IZAGRAPH_SPARQL_PASSWORD`` (HTTP Basic).

Query parameters are bound the way the embedded Oxigraph backend binds them (SEP-0007 substitution):
every ``?name`` of a bound parameter in the query text is replaced by the value as an RDF term, and in a
SELECT projection by ``(term AS ?name)``. A standard trailing ``VALUES`` block would not do: it joins after
the query ran, so a filter such as ``COALESCE(?region, 0) = 0 || ...`` would see the variable unbound.

>>> bind_text('SELECT ?s ?region WHERE { ?s <p> ?region . FILTER(?x != "?region") }',
...           {"region": "https://w3id.org/izagraph/id/region/a"}, {"region": True})
'SELECT ?s (<https://w3id.org/izagraph/id/region/a> AS ?region) WHERE { ?s <p> <https://w3id.org/izagraph/id/region/a> . FILTER(?x != "?region") }'
"""

from __future__ import annotations

import base64
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from ..errors import BackendUnavailable, IzagraphError, ParameterError
from ..namespaces import PREFIXES, XSD
from ..queries import Query
from . import ResultRows
from .sparql import BOOLEAN, mentions, plain

TIMEOUT = float(os.environ.get("IZAGRAPH_SPARQL_TIMEOUT", "600"))
CHUNK = 1 << 20
#: Characters an IRI may not hold in SPARQL (IRIREF); a value with one is refused, never pasted.
BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
TOKENS = re.compile(
    r'(?P<comment>#[^\n]*)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9_]*)'
    r'|(?P<open>[({])|(?P<close>[)}])',
    re.S)


def redact(url: str) -> str:
    """``url`` without user information (a password in a URL is never printed)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=host)
    return urllib.parse.urlunsplit(parts)


def _check_url(url: str | None, what: str) -> str:
    if not url:
        raise ParameterError(f"geen {what}: geef --endpoint URL (of zet de omgevingsvariabele)")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParameterError(f"{what} moet een http(s)-adres zijn, niet {redact(url)!r}")
    return url


def auth_headers(url: str = "") -> dict[str, str]:
    """The Authorization header from the environment (token first, then user and password, then the URL)."""
    token = os.environ.get("IZAGRAPH_SPARQL_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get("IZAGRAPH_SPARQL_USER"), os.environ.get("IZAGRAPH_SPARQL_PASSWORD")
    if user is None and url:
        parts = urllib.parse.urlsplit(url)
        user, password = parts.username, parts.password
        user = urllib.parse.unquote(user) if user else None
        password = urllib.parse.unquote(password) if password else None
    if user:
        pair = f"{user}:{password or ''}".encode("utf-8")
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def term(value: object, is_iri: bool) -> str:
    """A parameter value as a SPARQL term (IRIs checked, strings escaped)."""
    if is_iri:
        text = str(value)
        if BAD_IRI.search(text):
            raise ParameterError(f"{text!r} is geen geldige IRI")
        return f"<{text}>"
    if isinstance(value, bool):
        return f'"{str(value).lower()}"^^<{BOOLEAN}>'
    if isinstance(value, int):
        return f'"{value}"^^<{XSD.integer}>'
    if isinstance(value, float):
        return f'"{value!r}"^^<{XSD.double}>'
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid SPARQL STRING_LITERAL2


def bind_text(text: str, values: dict[str, object], is_iri: dict[str, bool]) -> str:
    """``text`` with every ``?name`` in ``values`` replaced by its term (``(term AS ?name)`` in projections)."""
    terms = {name: term(v, is_iri.get(name, False)) for name, v in values.items()}
    out, pos = [], 0
    in_projection, depth = False, 0
    for m in TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().upper()
            if word == "SELECT":
                in_projection, depth = True, 0
            elif word == "WHERE":
                in_projection = False
        elif kind == "open":
            if in_projection and m.group() == "{":
                in_projection = False
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "var" and m.group()[1:] in terms:
            name = m.group()[1:]
            replacement = f"({terms[name]} AS ?{name})" if in_projection and depth == 0 else terms[name]
            out.append(text[pos:m.start()])
            out.append(replacement)
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def with_prefixes(text: str) -> str:
    """The project's prefixes the query uses but does not declare, declared in front."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", text)}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()
                   if p not in declared and re.search(rf"(?<![\w<]){re.escape(p)}:", text))
    return head + text


def _access_denied(what: str, url: str, code: int) -> BackendUnavailable:
    return BackendUnavailable(f"{what}: {url} weigert toegang (HTTP {code}); zet IZAGRAPH_SPARQL_USER en "
                              "IZAGRAPH_SPARQL_PASSWORD, of IZAGRAPH_SPARQL_TOKEN")


def _check_access(url: str, headers: dict, what: str) -> None:
    """A HEAD request first: a server that refuses the credentials may close the connection while a large
    body is still being sent (a broken pipe instead of its 401), so ask before sending."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD", headers=headers), timeout=TIMEOUT).close()
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise _access_denied(what, redact(url.split("?", 1)[0]), exc.code) from None
    except (urllib.error.URLError, OSError):
        pass  # the upload itself reports an unreachable server


def _open(request: urllib.request.Request, what: str):
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as exc:
        body = exc.read(2000).decode("utf-8", "replace").strip()
        first = next((line.strip() for line in body.splitlines() if line.strip()), "")
        url = redact(request.full_url.split("?", 1)[0])
        if exc.code in (401, 403):
            raise _access_denied(what, url, exc.code) from None
        if exc.code in (404, 405):
            raise BackendUnavailable(f"{what}: {url} antwoordt HTTP {exc.code} ({exc.reason}): is dit het juiste "
                                     "adres (query-endpoint voor --backend sparql, Graph Store-endpoint voor push)?") from None
        raise IzagraphError(f"{what}: {url} antwoordt HTTP {exc.code} ({exc.reason})"
                            + (f": {first[:300]}" if first else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise BackendUnavailable(f"{what}: SPARQL-server niet bereikbaar op {redact(request.full_url.split('?', 1)[0])} "
                                 f"({reason})") from None


class SparqlEndpointBackend:
    """SPARQL 1.1 Protocol: each query is a POST to ``endpoint``; results are read as JSON.

    ``graph`` (an IRI) makes that named graph the default graph of every query (``default-graph-uri``),
    for a server that holds the izagraph graph beside others.
    """

    name = "sparql"
    language = "sparql"

    def __init__(self, endpoint: str, graph: str | None = None):
        self.endpoint = _check_url(endpoint, "SPARQL-endpoint")
        if graph is not None and BAD_IRI.search(graph):
            raise ParameterError(f"--graph {graph!r} is geen geldige IRI")
        self.graph = graph
        self.headers = {"Accept": "application/sparql-results+json",
                        "Content-Type": "application/x-www-form-urlencoded", **auth_headers(endpoint)}

    def select(self, text: str, what: str = "query") -> tuple[list[str], list[dict]]:
        """Run a SELECT (text as is); the variables and the JSON bindings."""
        form = {"query": text}
        if self.graph:
            form["default-graph-uri"] = self.graph
        url = redact(self.endpoint)
        request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode("utf-8"),
                                         headers=self.headers, method="POST")
        with _open(request, what) as response:
            try:
                doc = json.load(response)
            except ValueError as exc:
                raise IzagraphError(f"{what}: {url} gaf geen SPARQL-resultaten in JSON ({exc})") from None
        return doc.get("head", {}).get("vars", []), doc.get("results", {}).get("bindings", [])

    def rows(self, query: Query, params: dict[str, object]) -> list[dict[str, object]]:
        bound = {n: v for n, v in params.items() if v is not None and mentions(query.text, n)}
        specs = query.params
        text = bind_text(query.text, bound, {n: specs[n].is_iri for n in bound})
        names, bindings = self.select(with_prefixes(text), query.name)
        out = []
        for b in bindings:
            row = {}
            for n in names:
                cell = b.get(n)
                if cell is None:
                    row[n] = None
                elif cell.get("type") in ("literal", "typed-literal"):
                    row[n] = plain(cell["value"], cell.get("datatype"))
                else:
                    row[n] = cell["value"]
            out.append(row)
        return ResultRows(out, names)


def _chunks(paths: list[Path], extra: bytes) -> Iterator[bytes]:
    for path in paths:
        with path.open("rb") as fh:
            while block := fh.read(CHUNK):
                yield block
    yield extra


class _Body:
    """A streamed request body with a known length (urllib then sends it without buffering it whole)."""

    def __init__(self, paths: list[Path], extra: bytes):
        self.length = sum(p.stat().st_size for p in paths) + len(extra)
        self.blocks = _chunks(paths, extra)

    def __iter__(self):
        return self.blocks


def push(store: Path, endpoint: str, graph: str | None = None, replace: bool = True,
         fmt: str = "nt") -> dict[str, object]:
    """Send the store's graph plus the ontology to a Graph Store Protocol ``endpoint``, streamed.

    ``replace`` (HTTP PUT) makes the target graph exactly the store's content; otherwise (HTTP POST) the
    triples are added to what the graph holds. The target is the default graph, or the named ``graph``;
    other graphs on the server are never touched. ``fmt`` is ``nt`` (N-Triples) or ``turtle`` (the same
    bytes: N-Triples is a subset of Turtle, for servers that only take Turtle).
    """
    from ..store import GRAPH_FILE, require_store
    from ..vocab import ontology_graph

    endpoint = _check_url(endpoint, "Graph Store-endpoint")
    if graph is not None and BAD_IRI.search(graph):
        raise ParameterError(f"--graph {graph!r} is geen geldige IRI")
    data = require_store(store) / GRAPH_FILE
    ontology = ontology_graph().serialize(format="nt", encoding="utf-8")
    if not ontology.endswith(b"\n"):
        ontology += b"\n"
    body = _Body([data], ontology)
    target = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    url = redact(endpoint) + ("&" if "?" in endpoint else "?") + target
    content_type = {"nt": "application/n-triples", "turtle": "text/turtle"}[fmt]
    _check_access(url, auth_headers(endpoint), "push")
    request = urllib.request.Request(url, data=body, method="PUT" if replace else "POST",
                                     headers={"Content-Type": f"{content_type}; charset=utf-8",
                                              "Content-Length": str(body.length), **auth_headers(endpoint)})
    with _open(request, "push"):
        pass
    triples = _count_lines(data) + ontology.count(b"\n")
    return {"endpoint": redact(endpoint), "graph": graph or "default", "triples": triples, "bytes": body.length,
            "mode": "replace" if replace else "add"}


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            n += block.count(b"\n")
    return n


__all__ = ["SparqlEndpointBackend", "auth_headers", "bind_text", "push", "redact", "with_prefixes"]
