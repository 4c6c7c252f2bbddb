"""The Cypher twins on the real Neo4j server give the same rows and the same findings as SPARQL on Oxigraph.

Needs the server of ``scripts/neo4j-local`` (``make test`` starts it); skipped when it is not reachable.
Each test pushes its graph with ``replace=True`` first, so the tests do not depend on each other.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset
from izagraph.rules import ALL_RULES, check

from .conftest import ROOT
from .test_rules import CASES, graph_for

pytestmark = pytest.mark.neo4j
TODAY = dt.date(2025, 6, 1)
SHIPPED = [ROOT / "data" / "real", ROOT / "data" / "illustrative"]


@pytest.fixture(scope="module")
def neo4j(neo4j_server):
    return neo4j_server


def _rows(backend, rule, params=None):
    ctx = rule.context(params or {})
    rows = backend.rows(rule.query(backend.language), ctx.bound())
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def _findings(backend, rules, **kw):
    return [f.to_dict() for f in check(backend, rules, today=TODAY, **kw).findings]


@pytest.fixture(scope="module")
def shipped(neo4j):
    graph = load_dataset(SHIPPED).graph
    neo4j.push(graph, replace=True)
    return OxigraphBackend.from_graph(graph)


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.id for r in ALL_RULES])
def test_cypher_twin_returns_the_same_rows_on_the_shipped_data(neo4j, shipped, rule):
    assert _rows(neo4j, rule) == _rows(shipped, rule)
    filters = {"region": "iza-haaglanden", "programme": "iza", "theme": "kwetsbare-ouderen"}
    taken = {k: v for k, v in filters.items() if k in rule.param_specs()}
    assert _rows(neo4j, rule, taken) == _rows(shipped, rule, taken)


@pytest.mark.parametrize("filters", [{}, {"region": "iza-haaglanden"}, {"programme": "wozo"},
                                     {"theme": "kwetsbare-ouderen"}])
def test_all_rules_give_the_same_findings_on_neo4j(neo4j, shipped, filters):
    assert _findings(neo4j, None, **filters) == _findings(shipped, None, **filters)


@pytest.mark.parametrize("folder", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_rule_cases_give_the_same_findings_on_neo4j(neo4j, folder):
    spec = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    graph = graph_for(folder)
    neo4j.push(graph, replace=True)
    ox = OxigraphBackend.from_graph(graph)
    assert _findings(neo4j, [spec["rule"]], params=spec["params"]) == \
        _findings(ox, [spec["rule"]], params=spec["params"])


def test_check_command_runs_on_neo4j(neo4j):
    from click.testing import CliRunner

    from izagraph.cli import cli

    neo4j.push(load_dataset(SHIPPED).graph, replace=True)  # other tests here push other graphs

    args = ["check", "region-incongruence", "cross-cutting-tables", "--format", "json"]
    on_neo4j = CliRunner().invoke(cli, [*args, "--backend", "neo4j"])
    assert on_neo4j.exit_code == 0, on_neo4j.output
    found = json.loads(on_neo4j.output)
    subjects = {f["subject"] for f in found["findings"]}
    assert "https://w3id.org/izagraph/id/table/overleg-wethouders-kennemerland" in subjects


@pytest.mark.parametrize("name", ["provenance", "region-labels", "source-addresses"])
def test_extract_twins_behind_trust_and_summary_return_the_same_rows(neo4j, shipped, name):
    from izagraph.queries import load_query

    def rows(backend):
        return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False)
                      for r in backend.rows(load_query(name, backend.language), {}))

    assert rows(neo4j) == rows(shipped)


def test_summary_on_neo4j_gives_the_same_rules_and_regions(neo4j, shipped):
    from izagraph.summary import run_summary

    def body(backend):  # the coverage table needs SPARQL (info); the rules and regions must agree
        return run_summary(backend, today=TODAY)[1].split("## Per regel", 1)[1]

    assert body(neo4j) == body(shipped)
