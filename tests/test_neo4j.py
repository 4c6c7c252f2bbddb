"""The Neo4j backend: the pure RDF <-> property-graph conversion (no server), and push, pull, status,
queries and the CLI against the real server of ``scripts/neo4j-local`` (marked ``neo4j``).

Without a server the server tests are skipped with the reason, except in CI (``CI`` set), where a
skip would hide a broken set-up and so fails instead.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import warnings

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS, XSD

import izagraph.backends.neo4j as nb
from izagraph.backends import run
from izagraph.backends.neo4j import (
    Mapping, PushInProgress, Settings, connect, decode_values, encode_literals, node_query, rows_to_graph,
    to_property_graph,
)
from izagraph.backends.sparql import OxigraphBackend
from izagraph.cli import cli
from izagraph.errors import BackendUnavailable, IzagraphError
from izagraph.load import load_dataset
from izagraph.namespaces import DCTERMS, IZG, ORG
from izagraph.queries import parse_query

from .conftest import MINI, ROOT, edit_csv

SHIPPED = [p for p in (ROOT / "data" / "real", ROOT / "data" / "illustrative") if any(p.glob("*.csv"))]
INFO_QUERIES = ["info-classes", "info-programmes", "info-divisions", "info-coverage", "info-sources"]
HOSTILE = ["Ziekenhuis \"A\" 'B' `C`", "x`}) MATCH (n) DETACH DELETE n //",
           "<img src=x onerror=alert(1)>", "'; DROP TABLE x; --", "$load {rows} \\u0000 \u00e9\u20ac\U0001f600"]
EX = "http://example.org/"


def roundtrip(graph: Graph, ontology: Graph | None = None) -> Graph:
    pg = to_property_graph(graph, ontology=Graph() if ontology is None else ontology)
    nodes, rels = pg.as_pulled()
    # what the server gives back: JSON-ish values only
    nodes = json.loads(json.dumps(nodes))
    return rows_to_graph(nodes, rels, Mapping.from_json(pg.mapping.to_json()))


@pytest.fixture(scope="module")
def mini_graph() -> Graph:
    return load_dataset([MINI]).graph


# -- pure conversion ------------------------------------------------------------------------------

def _quietly(f, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args, **kwargs)


LITERALS = [
    [Literal("plain")], [Literal("nl", lang="nl")], [Literal("en-gb", lang="en-GB")],
    [Literal("typed", datatype=XSD.string)], [Literal(True)], [Literal(False)], [Literal(42)], [Literal(-7)],
    [Literal(2 ** 70)], [Literal("4", datatype=XSD.decimal)], [Literal("4.0", datatype=XSD.decimal)],
    [Literal("2.50", datatype=XSD.decimal)], [Literal("-0.125", datatype=XSD.decimal)],
    [Literal("0.00001", datatype=XSD.decimal)], [Literal("12345678901234567890.5", datatype=XSD.decimal)],
    [Literal(" 7 ", datatype=XSD.integer)], [Literal("1", datatype=XSD.boolean)],
    [Literal("1.5E3", datatype=XSD.double)], [Literal("INF", datatype=XSD.double)], [Literal(0.1)],
    [Literal("2024", datatype=XSD.gYear)], [Literal("2024-03", datatype=XSD.gYearMonth)],
    [Literal("2024-03-05", datatype=XSD.date)], [Literal("https://example.org/x?a=1", datatype=XSD.anyURI)],
    [Literal("12", datatype=XSD.nonNegativeInteger)], [Literal("odd", datatype=URIRef(EX + "myType"))],
    [Literal("not a number", datatype=XSD.integer)], [_quietly(Literal, "yes", datatype=XSD.boolean)],
    [Literal("a"), Literal("b"), Literal("c")], [Literal(1), Literal(2)],
    [Literal("2023", datatype=XSD.gYear), Literal("2023-05", datatype=XSD.gYearMonth)],
    [Literal(True), Literal(3), Literal("x"), Literal("2.5", datatype=XSD.decimal)],
    [Literal("1", datatype=XSD.decimal), Literal(1)],
]


@pytest.mark.parametrize("literals", LITERALS, ids=lambda ls: "+".join(f"{lit!s}^{lit.datatype or lit.language}"
                                                                        for lit in ls))
def test_literals_survive_encoding(literals):
    value, note = encode_literals(literals)
    value, note = json.loads(json.dumps([value, note]))  # as a server stores and returns it
    back = decode_values(value, note, literals[0].language)
    assert sorted(map(repr, back)) == sorted(map(repr, literals))


def test_numbers_and_booleans_are_native_and_dates_iso_strings():
    assert encode_literals([Literal(True)]) == (True, None)
    assert encode_literals([Literal(12)]) == (12, None)
    assert encode_literals([Literal("2.5", datatype=XSD.decimal)]) == (2.5, "xsd:decimal")
    assert encode_literals([Literal("2023-06", datatype=XSD.gYearMonth)]) == ("2023-06", "xsd:gYearMonth")
    assert encode_literals([Literal("6.0", datatype=XSD.decimal)]) == (6.0, "xsd:decimal")
    assert encode_literals([Literal("6", datatype=XSD.decimal)]) == (6.0, "xsd:decimal 6")  # still a number
    assert encode_literals([Literal("0.00001", datatype=XSD.decimal)]) == (1e-05, "xsd:decimal")
    assert encode_literals([Literal(2 ** 70)]) == (str(2 ** 70), "xsd:integer")  # beyond Neo4j's int64


def test_mini_dataset_round_trips_without_a_server(mini_graph):
    assert isomorphic(roundtrip(mini_graph), mini_graph)


def test_push_reads_the_store_fast_into_the_same_rows(mini_graph, tmp_path):
    """``neo4j push`` reads graph.nt with the maps' reader (no rdflib graph): same triples, same rows."""
    from izagraph.store import build_store, read_graph, read_triples

    g = Graph()
    g += mini_graph
    for i, literals in enumerate(LITERALS):
        for lit in literals:
            g.add((URIRef(f"{EX}node{i}"), URIRef(EX + "value"), lit))
    g.add((URIRef(EX + "hostile"), RDFS.label, Literal(HOSTILE[1], lang="nl")))
    build_store(g, tmp_path / "store", ["test"])
    triples, graph = read_triples(tmp_path / "store"), Graph()
    for s, p, o in read_graph(tmp_path / "store"):  # RDF 1.1: "x"^^xsd:string is "x" (rdflib alone keeps the type)
        graph.add((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o))
    assert len(triples) == len(set(triples)) == len(graph)
    assert isomorphic(Graph().__iadd__(triples), graph)
    fast, slow = to_property_graph(triples), to_property_graph(graph)
    assert (fast.nodes, fast.relationships, fast.mapping, fast.triples) == \
        (slow.nodes, slow.relationships, slow.mapping, slow.triples)


def test_pushed_blank_nodes_keep_the_store_files_labels(tmp_path):
    """rdflib's parser gives a blank node a new label on every read; the fast reader keeps the file's,
    so pushing the same store twice writes the same skolem IRIs."""
    from izagraph.store import build_store, read_triples

    g = Graph()
    g.add((URIRef(EX + "x"), URIRef(EX + "points"), BNode("b1")))
    g.add((BNode("b1"), RDFS.label, Literal("blank")))
    build_store(g, tmp_path / "store", ["test"])
    first, second = (to_property_graph(read_triples(tmp_path / "store"), ontology=Graph()) for _ in range(2))
    assert first.nodes == second.nodes and first.relationships == second.relationships
    assert isomorphic(roundtrip(Graph().__iadd__(read_triples(tmp_path / "store"))), g)


def test_a_damaged_store_file_is_named_when_pushing(mini_graph, tmp_path):
    from izagraph.errors import StoreNotFound
    from izagraph.store import GRAPH_FILE, build_store, read_triples, require_store

    build_store(mini_graph, tmp_path / "store", ["test"])
    with open(require_store(tmp_path / "store") / GRAPH_FILE, "a", encoding="utf-8") as fh:
        fh.write("<http://example.org/a> <http://example.org/b> .\n")
    with pytest.raises(StoreNotFound, match=GRAPH_FILE):
        read_triples(tmp_path / "store")


def test_mini_dataset_with_the_ontology_round_trips_to_the_data_only(mini_graph):
    pg = to_property_graph(mini_graph)
    labels = {label for group in pg.nodes for label in group}
    assert {"Table", "Membership", "Organisation", "Concept", "Criterion", "IzagraphOntology"} <= labels
    nodes, rels = pg.as_pulled()
    assert isomorphic(rows_to_graph(nodes, rels, pg.mapping), mini_graph)


def test_mapping_names_follow_the_documented_mapping(mini_graph):
    m = to_property_graph(mini_graph).mapping
    assert m.relationships["ORGANIZATION"] == str(ORG.organization)
    assert m.relationships["SUB_ORGANIZATION_OF"] == str(ORG.subOrganizationOf)
    assert m.relationships["HAS_GEMEENTE"] == str(IZG.hasGemeente)
    assert m.relationships["SOURCE"] == str(DCTERMS.source)
    assert m.labels["Membership"] == str(ORG.Membership)
    assert m.properties["prefLabel_nl"] == (str(SKOS.prefLabel), "nl")
    assert m.properties["notation"] == (str(SKOS.notation), None)


def test_colliding_local_names_get_a_prefix_and_round_trip():
    g = Graph()
    s = URIRef(EX + "s")
    g.add((s, DCTERMS.source, URIRef(EX + "a")))
    g.add((s, URIRef(EX + "vocab#source"), URIRef(EX + "b")))
    g.add((s, RDF.type, IZG.Table))
    g.add((s, RDF.type, URIRef(EX + "other#Table")))
    g.add((s, RDF.type, RDFS.Resource))  # 'Resource' is reserved for every izagraph node
    g.add((s, SKOS.prefLabel, Literal("x")))
    g.add((s, URIRef(EX + "prefLabel"), Literal("y")))
    m = to_property_graph(g, ontology=Graph()).mapping
    assert m.relationships["SOURCE"] == str(DCTERMS.source)
    assert m.labels["Table"] == str(IZG.Table) and "Resource" not in m.labels
    assert m.labels["rdfs_Resource"] == str(RDFS.Resource)
    assert m.properties["prefLabel"] == (str(SKOS.prefLabel), None)
    assert len(m.labels) == 3 and len(m.relationships) == 2 and len(m.properties) == 2
    assert isomorphic(roundtrip(g), g)


def test_hostile_names_and_iris_survive_and_never_reach_query_text():
    g = Graph()
    for i, name in enumerate(HOSTILE):
        s = URIRef(f"{EX}org/{i}")
        # IRIs cannot hold quotes, backticks, braces or spaces; the rest of the hostility they can
        g.add((s, RDF.type, URIRef(EX + "def#Evil')MATCH(n)DETACH_DELETE(n)//")))
        g.add((s, SKOS.prefLabel, Literal(name)))
        g.add((s, URIRef(EX + "def#we'ird;pred$x"), Literal(name, lang="nl")))
        g.add((s, URIRef(EX + "def#link')DELETE(n);--"), URIRef(f"{EX}x'y/{i}")))
    pg = to_property_graph(g, ontology=Graph())
    for labels in pg.nodes:
        node_query(labels)  # raises on anything but [A-Za-z][A-Za-z0-9_]*
    for rel_type in pg.relationships:
        nb.relationship_query(rel_type)
    assert isomorphic(roundtrip(g), g)
    with pytest.raises(ValueError):
        node_query(("Evil`Class}) MATCH (n) DETACH DELETE n //",))
    with pytest.raises(ValueError):
        nb.relationship_query("T]->(b) DETACH DELETE b //")


def test_blank_nodes_in_the_data_round_trip():
    g = Graph()
    b = BNode()
    g.add((URIRef(EX + "s"), URIRef(EX + "p"), b))
    g.add((b, SKOS.prefLabel, Literal("anonymous")))
    assert isomorphic(roundtrip(g), g)


def test_a_data_subject_that_is_also_an_ontology_node_keeps_both_but_pulls_data_only():
    onto, data = Graph(), Graph()
    src = URIRef("https://w3id.org/izagraph/id/source/shared")
    onto.add((src, RDF.type, IZG.Source))
    onto.add((src, DCTERMS.title, Literal("from the ontology")))
    onto.add((src, DCTERMS.publisher, Literal("both")))
    data.add((src, RDF.type, IZG.Source))
    data.add((src, DCTERMS.title, Literal("from the data")))
    data.add((src, DCTERMS.publisher, Literal("both")))
    pg = to_property_graph(data, ontology=onto)
    (group, rows), = pg.nodes.items()
    assert group == ("Source",) and sorted(rows[0]["props"]["title"]) == ["from the data", "from the ontology"]
    assert isomorphic(roundtrip(data, onto), data)


def test_settings_never_show_the_password(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "pa55-from-env")
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abcd.databases.neo4j.io")
    s = Settings.resolve()
    assert s.password == "pa55-from-env" and s.uri == "neo4j+s://abcd.databases.neo4j.io"
    assert "pa55" not in repr(s) + str(s)
    assert Settings.resolve(password="arg", environ={}).password == "arg"
    with pytest.raises(BackendUnavailable) as err:
        Settings("bolt://neo4j:pa55-in-uri@localhost:7687").check()
    assert "pa55" not in str(err.value)


# -- against the real server ----------------------------------------------------------------------

CLEAN = "MATCH (n) WHERE n:Izagraph OR n:IzagraphLoad OR n.izagraphTest = true " \
        "WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted"


@pytest.fixture
def server(neo4j_server):
    return neo4j_server


def _clean(backend):
    while backend._write(CLEAN)[0]["deleted"] == 5000:
        pass


@pytest.fixture
def neo(server):
    """The server with no izagraph data (other nodes are left alone) before and after the test."""
    _clean(server)
    yield server
    _clean(server)


def _foreign_count(backend) -> int:
    return backend._read("MATCH (n) WHERE NOT n:Izagraph AND NOT n:IzagraphLoad RETURN count(n) AS n")[0]["n"]


@pytest.mark.neo4j
def test_push_twice_gives_the_same_counts(neo, mini_graph):
    first = neo.push(mini_graph)
    s1 = neo.status()
    second = neo.push(mini_graph)
    s2 = neo.status()
    assert (s1.nodes, s1.relationships) == (s2.nodes, s2.relationships) == (first.nodes, first.relationships)
    assert (second.nodes, second.relationships, second.deleted) == (first.nodes, first.relationships, 0)
    assert s2.load == "complete" and s2.triples == len(mini_graph) and s2.version.startswith(("5.", "20"))
    labels = neo._read("MATCH (n:Izagraph) UNWIND labels(n) AS l RETURN DISTINCT l ORDER BY l")
    assert {"Resource", "Izagraph", "IzagraphOntology", "Table", "Membership", "Concept"} <= {r["l"] for r in labels}


@pytest.mark.neo4j
@pytest.mark.parametrize("dataset", ["mini", "shipped"])
def test_round_trip_is_isomorphic(neo, mini_graph, dataset):
    graph = mini_graph if dataset == "mini" else load_dataset(SHIPPED).graph
    neo.push(graph)
    assert isomorphic(neo.pull(), graph)


@pytest.mark.neo4j
def test_data_that_left_the_store_leaves_neo4j(neo, mini_graph):
    neo.push(mini_graph)
    smaller = Graph()
    gone = URIRef("https://w3id.org/izagraph/id/membership/stuurgroep/p-jansen")
    smaller += [t for t in mini_graph if gone not in t]
    neo.push(smaller)
    assert neo._read("MATCH (n:Resource {iri: $iri}) RETURN n", {"iri": str(gone)}) == []
    assert isomorphic(neo.pull(), smaller)


@pytest.mark.neo4j
@pytest.mark.parametrize("replace", [True, False], ids=["replace", "plain"])
def test_push_never_touches_other_nodes(neo, mini_graph, replace):
    neo._write("CREATE (:Other {x: 1, izagraphTest: true})-[:LIKES]->(:Other {x: 2, izagraphTest: true})")
    before = _foreign_count(neo)
    neo.push(mini_graph)
    neo.push(mini_graph, replace=replace)
    assert _foreign_count(neo) == before
    rows = neo._read("MATCH (a:Other {x: 1})-[:LIKES]->(b:Other) RETURN a.x AS a, b.x AS b, labels(a) AS l")
    assert rows == [{"a": 1, "b": 2, "l": ["Other"]}]


@pytest.mark.neo4j
def test_a_push_failing_midway_is_reported_and_repaired(neo, mini_graph, monkeypatch):
    clean = neo.push(mini_graph)
    real, calls = nb._write_batch, []

    def failing(tx, pieces, load):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("the network went away")
        real(tx, pieces, load)

    monkeypatch.setattr(nb, "_write_batch", failing)
    with pytest.raises(RuntimeError):
        neo.push(mini_graph, replace=True, batch_size=50)
    assert neo.status().load == "incomplete"
    with pytest.raises(IzagraphError, match="niet afgemaakt"):
        neo.pull()
    monkeypatch.setattr(nb, "_write_batch", real)
    neo.push(mini_graph)
    status = neo.status()
    assert status.load == "complete" and (status.nodes, status.relationships) == (clean.nodes, clean.relationships)
    assert isomorphic(neo.pull(), mini_graph)


@pytest.mark.neo4j
def test_a_second_push_waits_for_a_live_one(neo, mini_graph):
    neo.push(mini_graph)
    neo._write("MATCH (m:IzagraphLoad {id: 'current'}) SET m.running = true, m.status = 'incomplete', "
               "m.heartbeat = timestamp()")
    assert neo.status().load == "running"
    with pytest.raises(PushInProgress):
        neo.push(mini_graph)
    neo._write("MATCH (m:IzagraphLoad {id: 'current'}) SET m.heartbeat = timestamp() - $age",
               {"age": nb.STALE_MS + 1000})
    assert neo.status().load == "incomplete"  # the other push died: take over
    neo.push(mini_graph)
    assert neo.status().load == "complete"


@pytest.mark.neo4j
def test_hostile_names_survive_the_server(neo, mini, server):
    for row, name in zip((2, 3, 4), HOSTILE[:3]):
        edit_csv(mini, "organisations", row, "name", name)
    graph = load_dataset([mini]).graph
    for name in HOSTILE:
        graph.add((URIRef(EX + "x"), SKOS.prefLabel, Literal(name, lang="nl")))
    before = _foreign_count(neo)
    neo.push(graph)
    assert isomorphic(neo.pull(), graph)
    assert _foreign_count(neo) == before
    q = parse_query("// params:\n//   name: {type: string}\nMATCH (o:Organisation) WHERE o.prefLabel = $name "
                    "RETURN o.iri AS iri", "by-name", "cypher")
    assert neo.rows(q, {"name": HOSTILE[1]}) == [{"iri": "https://w3id.org/izagraph/id/organisation/ziekenhuis-a"}]


@pytest.mark.neo4j
def test_rows_are_plain_values(neo, mini_graph):
    neo.push(mini_graph)
    q = parse_query("MATCH (t:Table {iri: $iri}) RETURN t, t.meetingsPerYear AS meetings, date('2024-03-05') AS d, "
                    "[1, 'a'] AS xs, null AS nothing", "plain", "cypher")
    (row,) = neo.rows(q, {"iri": "https://w3id.org/izagraph/id/table/stuurgroep"})
    assert row == {"t": "https://w3id.org/izagraph/id/table/stuurgroep", "meetings": 6.0, "d": "2024-03-05",
                   "xs": [1, "a"], "nothing": None}
    assert list(row) == ["t", "meetings", "d", "xs", "nothing"]


@pytest.mark.neo4j
@pytest.mark.parametrize("name", INFO_QUERIES)
def test_info_queries_give_the_same_rows_as_sparql(neo, name):
    graph = load_dataset(SHIPPED).graph
    neo.push(graph)
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    cypher = run(neo, name)
    assert cypher, name
    assert sorted(cypher, key=key) == sorted(run(OxigraphBackend.from_graph(graph), name), key=key)
    assert [list(r) for r in cypher][:1] == [list(r) for r in run(OxigraphBackend.from_graph(graph), name)][:1]


@pytest.mark.neo4j
def test_the_password_never_shows_in_logs_reprs_or_errors(server, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "Sup3r-Secret-Passw0rd"
    with pytest.raises(BackendUnavailable) as err:
        connect(password=secret)
    with connect() as backend:
        backend.status()
        text = repr(backend) + repr(backend.settings)
    assert "wachtwoord" in str(err.value) and secret not in str(err.value) + repr(err.value)
    assert secret not in caplog.text and backend.settings.password not in caplog.text + text


# -- the CLI --------------------------------------------------------------------------------------

@pytest.fixture
def runner():
    return CliRunner()


def _one_line_error(result, secret: str):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output and secret not in result.output
    return lines[0]


@pytest.mark.parametrize("command", [["status"], ["push"], ["pull"]])
def test_cli_unreachable_server_is_one_line_and_exit_2(runner, command, tmp_path):
    secret = "Unreachable-Secret-9"
    result = runner.invoke(cli, ["load", str(MINI), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0
    extra = ["--store", str(tmp_path / "s")] if command == ["push"] else []
    result = runner.invoke(cli, ["neo4j", *command, *extra, "--neo4j-uri", "bolt://127.0.0.1:1",
                                 "--neo4j-password", secret])
    line = _one_line_error(result, secret)
    assert "scripts/neo4j-local start" in line and "NEO4J_URI" in line


@pytest.mark.neo4j
def test_cli_wrong_password_is_one_line_and_exit_2(runner, server):
    secret = "Wrong-Secret-42"
    result = runner.invoke(cli, ["neo4j", "status"], env={"NEO4J_PASSWORD": secret})
    assert "NEO4J_PASSWORD" in _one_line_error(result, secret)


@pytest.mark.neo4j
def test_cli_unknown_database_is_one_line_and_exit_2(runner, server):
    result = runner.invoke(cli, ["neo4j", "status", "--neo4j-database", "nosuchdb"])
    assert "NEO4J_DATABASE" in _one_line_error(result, "izagraph-dev-not-shown")


@pytest.mark.neo4j
def test_cli_push_status_pull(runner, neo, tmp_path, mini_graph):
    store = tmp_path / "store"
    assert runner.invoke(cli, ["load", str(MINI), "--store", str(store)]).exit_code == 0
    result = runner.invoke(cli, ["neo4j", "push", "--store", str(store), "--batch-size", "100"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{neo.status().nodes} nodes en {neo.status().relationships} relaties")
    result = runner.invoke(cli, ["neo4j", "status", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["load"] == "complete"
    result = runner.invoke(cli, ["neo4j", "status"])
    assert "compleet" in result.stdout and "5." in result.stdout.splitlines()[0]
    out = tmp_path / "pulled.ttl"
    result = runner.invoke(cli, ["neo4j", "pull", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(out), mini_graph)


def test_every_neo4j_command_has_help_with_an_example(runner):
    for name in ("push", "pull", "status"):
        result = runner.invoke(cli, ["neo4j", name, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
        assert "izagraph-dev" not in result.output
