"""The remote SPARQL backend and push: binding and parsing (no server), then the real Oxigraph server and
Apache Jena Fuseki started by ``scripts/sparql-local`` (``make test`` starts them): every rule gives the
same findings through the server as on the embedded store, push replaces or adds, named graphs stay
apart, and authentication failures are one ``Error:`` line without the secret."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from izagraph.backends import run
from izagraph.backends.remote import SparqlEndpointBackend, auth_headers, bind_text, push, redact, with_prefixes
from izagraph.backends.sparql import OxigraphBackend
from izagraph.cli import cli
from izagraph.errors import BackendUnavailable, ParameterError
from izagraph.info import summarise
from izagraph.load import load_dataset
from izagraph.rules import ALL_RULES, check
from izagraph.store import build_store

from .conftest import MINI, ROOT

TODAY = dt.date(2025, 6, 1)
SHIPPED = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]
IRI = "https://w3id.org/izagraph/id/region/a"


# -- binding and parsing, no server ---------------------------------------------------------------

def test_bind_replaces_variables_but_not_strings_comments_or_iris():
    text = ('SELECT ?s ?region WHERE { # ?region in a comment\n'
            '  ?s <http://x/?region> ?region . FILTER(?x != "?region" && ?regionx = 1) }')
    out = bind_text(text, {"region": IRI}, {"region": True})
    assert out == ('SELECT ?s (<%s> AS ?region) WHERE { # ?region in a comment\n'
                   '  ?s <http://x/?region> <%s> . FILTER(?x != "?region" && ?regionx = 1) }') % (IRI, IRI)


def test_bind_in_subquery_projection_and_dollar_variables():
    text = "SELECT ?a WHERE { { SELECT ?a $n WHERE { ?a <p> $n } } FILTER(?n > 0) }"
    out = bind_text(text, {"n": 3}, {"n": False})
    n = '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert out == f"SELECT ?a WHERE {{ {{ SELECT ?a ({n} AS ?n) WHERE {{ ?a <p> {n} }} }} FILTER({n} > 0) }}"


def test_bound_strings_cannot_break_out_of_the_literal():
    evil = 'x" } ; DROP ALL ; SELECT * { "'
    out = bind_text("SELECT ?q WHERE { ?s ?p ?q }", {"q": evil}, {"q": False})
    assert out == 'SELECT (%s AS ?q) WHERE { ?s ?p %s }' % (json.dumps(evil), json.dumps(evil))
    with pytest.raises(ParameterError):
        bind_text("SELECT ?r WHERE { ?s ?p ?r }", {"r": "http://x/> . ?a ?b <c"}, {"r": True})


def test_missing_prefixes_are_declared_once():
    text = "PREFIX izg: <https://w3id.org/izagraph/def#>\nSELECT * WHERE { ?s a izg:Table ; skos:prefLabel ?l }"
    out = with_prefixes(text)
    assert out.count("PREFIX izg:") == 1 and out.startswith("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")


def test_credentials_come_from_the_environment_and_are_redacted(monkeypatch):
    for var in ("IZAGRAPH_SPARQL_TOKEN", "IZAGRAPH_SPARQL_USER", "IZAGRAPH_SPARQL_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    assert auth_headers("http://h/q") == {}
    assert auth_headers("http://u:p%40ss@h/q") == {"Authorization": "Basic dTpwQHNz"}  # u:p@ss
    monkeypatch.setenv("IZAGRAPH_SPARQL_USER", "izagraph")
    monkeypatch.setenv("IZAGRAPH_SPARQL_PASSWORD", "geheim")
    assert auth_headers() == {"Authorization": "Basic aXphZ3JhcGg6Z2VoZWlt"}
    monkeypatch.setenv("IZAGRAPH_SPARQL_TOKEN", "tok")
    assert auth_headers() == {"Authorization": "Bearer tok"}
    assert redact("https://u:geheim@host:3030/ds/sparql?x=1") == "https://host:3030/ds/sparql?x=1"


def test_bad_endpoint_is_a_usage_error():
    with pytest.raises(ParameterError):
        SparqlEndpointBackend("ftp://host/sparql")
    result = CliRunner().invoke(cli, ["check", "--backend", "sparql", "--endpoint", "file:///etc/passwd"])
    assert result.exit_code == 2 and result.output.startswith("Error: SPARQL-endpoint moet een http(s)-adres")


def test_unreachable_server_is_one_error_line(tmp_path):
    result = CliRunner().invoke(cli, ["info", "--backend", "sparql", "--endpoint", "http://127.0.0.1:9/query"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "niet bereikbaar op http://127.0.0.1:9/query" in result.output
    assert len(result.output.strip().splitlines()) == 1


# -- the real servers ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The shipped data and the mini dataset as stores, with the embedded backend on each."""
    out = {}
    for name, paths in (("shipped", SHIPPED), ("mini", [MINI])):
        graph = load_dataset(paths).graph
        path = tmp_path_factory.mktemp(name) / "store"
        build_store(graph, path, [str(p) for p in paths])
        out[name] = (path, OxigraphBackend.from_store(path))
    return out


def _findings(backend, rules=None, **kw):
    return [f.to_dict() for f in check(backend, rules, today=TODAY, **kw).findings]


def _rows(backend, name):
    return sorted(json.dumps(r, sort_keys=True) for r in run(backend, name))


@pytest.mark.sparql_server
@pytest.mark.parametrize("filters", [{}, {"region": "iza-haaglanden"}, {"programme": "wozo"},
                                     {"theme": "kwetsbare-ouderen"}], ids=["all", "region", "programme", "theme"])
def test_every_rule_gives_the_same_findings_through_the_server(sparql_server, stores, filters):
    _, query_url, store_url = sparql_server
    path, embedded = stores["shipped"]
    push(path, store_url)
    remote = SparqlEndpointBackend(query_url)
    for rule in ALL_RULES:
        taken = {k: v for k, v in filters.items() if k in rule.param_specs()}
        if filters and not taken:
            continue
        assert _findings(remote, [rule.id], **taken) == _findings(embedded, [rule.id], **taken), rule.id
    if not filters:
        assert summarise(remote) == summarise(embedded)


@pytest.mark.sparql_server
def test_named_graphs_replace_and_add(sparql_server, stores):
    _, query_url, store_url = sparql_server
    shipped, mini = stores["shipped"], stores["mini"]
    graph = "https://example.org/izagraph/test"
    push(shipped[0], store_url)                       # the default graph: shipped
    push(shipped[0], store_url, graph=graph)          # the named graph: shipped, then replaced by mini
    push(mini[0], store_url, graph=graph, replace=True)
    named = SparqlEndpointBackend(query_url, graph=graph)
    assert _rows(named, "info-classes") == _rows(mini[1], "info-classes")
    assert _findings(named) == _findings(mini[1])
    assert _rows(SparqlEndpointBackend(query_url), "info-classes") == _rows(shipped[1], "info-classes")
    push(mini[0], store_url, graph=graph, replace=False)  # adding the same triples again changes nothing
    assert _rows(named, "info-classes") == _rows(mini[1], "info-classes")
    push(shipped[0], store_url, graph=graph, replace=False)  # adding shipped: the union (mini ids are apart)
    counts = {json.loads(r)["class"]: json.loads(r)["count"] for r in _rows(named, "info-classes")}
    tables = "https://w3id.org/izagraph/def#Table"
    mini_tables = {json.loads(r)["class"]: json.loads(r)["count"] for r in _rows(mini[1], "info-classes")}[tables]
    shipped_tables = {json.loads(r)["class"]: json.loads(r)["count"] for r in _rows(shipped[1], "info-classes")}[tables]
    assert counts[tables] == mini_tables + shipped_tables


@pytest.mark.sparql_server
def test_cli_push_then_check_info_and_query_match_the_embedded_store(sparql_server, stores):
    name, query_url, store_url = sparql_server
    path = str(stores["shipped"][0])
    runner = CliRunner()
    pushed = runner.invoke(cli, ["push", "--endpoint", store_url, "--store", path])
    assert pushed.exit_code == 0, pushed.output
    assert f"naar {store_url} (graaf: default, vervangen)" in pushed.output
    remote = ["--backend", "sparql", "--endpoint", query_url]
    for args in (["check", "table-gaps", "--region", "iza-haaglanden", "--format", "json"],
                 ["info", "--format", "json"], ["query", "info-programmes", "--format", "csv"]):
        here = runner.invoke(cli, [*args, "--store", path])
        there = runner.invoke(cli, [*args, *remote])
        assert there.exit_code == here.exit_code == 0, there.output
        assert there.output == here.output, args
    failing = runner.invoke(cli, ["check", "table-gaps", "--fail-on", "low", *remote])
    assert failing.exit_code == 1


@pytest.mark.sparql_server
def test_fuseki_refuses_wrong_credentials_without_printing_them(sparql_server, stores, monkeypatch):
    name, query_url, store_url = sparql_server
    if name != "fuseki":
        pytest.skip("only Fuseki is started with authentication")
    monkeypatch.setenv("IZAGRAPH_SPARQL_PASSWORD", "fout-wachtwoord-123")
    with pytest.raises(BackendUnavailable, match="HTTP 401"):
        SparqlEndpointBackend(query_url).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    for args in (["push", "--endpoint", store_url, "--store", str(stores["mini"][0])],
                 ["check", "--backend", "sparql", "--endpoint", query_url]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.output.startswith("Error: ") and "weigert toegang (HTTP 401)" in result.output
        assert "fout-wachtwoord-123" not in result.output
