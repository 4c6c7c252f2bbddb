"""The backbone commands through click's CliRunner: exit codes, output formats, all-or-nothing loads."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from izagraph.cli import cli
from izagraph.load import load_dataset

from .conftest import MINI, edit_csv


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def store(tmp_path, runner):
    path = tmp_path / "store"
    result = runner.invoke(cli, ["load", str(MINI), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_every_command_has_help_with_an_example(runner):
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        if not getattr(command, "commands", None):
            assert "Example" in result.output, f"'{name} --help' has no example"


def test_validate_clean_and_broken(runner, mini):
    ok = runner.invoke(cli, ["validate", str(mini)])
    assert ok.exit_code == 0 and "Geen problemen" in ok.output
    edit_csv(mini, "tables", 2, "kind", "stuurgroeb")
    bad = runner.invoke(cli, ["validate", str(mini), "--format", "csv"])
    assert bad.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(bad.stdout)))
    assert rows[0]["file"].endswith("tables.csv") and rows[0]["row"] == "2" and rows[0]["column"] == "kind"
    assert rows[0]["suggestion"] == "stuurgroep"


def test_load_reports_triples(runner, tmp_path):
    result = runner.invoke(cli, ["load", str(MINI), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0 and "triples" in result.output


def test_bad_input_leaves_the_existing_store_untouched(runner, store, mini):
    before = {p.name: p.stat().st_mtime_ns for p in store.iterdir()}
    nt_before = (store / "current" / "graph.nt").read_bytes()
    edit_csv(mini, "memberships", 2, "table", "bestaat-niet")
    result = runner.invoke(cli, ["load", str(mini), "--store", str(store)])
    assert result.exit_code == 1  # invalid input, as 'validate' exits
    assert result.output.startswith("Error:") and "memberships.csv" in result.output
    assert "Traceback" not in result.output
    assert (store / "current" / "graph.nt").read_bytes() == nt_before
    assert {p.name: p.stat().st_mtime_ns for p in store.iterdir()} == before
    assert not [p for p in store.parent.iterdir() if p.name.startswith(".store.new-")]


def test_info_counts(runner, store):
    result = runner.invoke(cli, ["info", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    counts = {r["klasse"]: r["aantal"] for r in data["classes"]}
    assert counts["Table"] == 2 and counts["Membership"] == 4 and counts["Gemeente"] == 3
    programmes = {r["programma"]: r["tafels"] for r in data["programmes"]}
    assert [n for label, n in programmes.items() if "IZA" in label] == [2]
    english = json.loads(runner.invoke(cli, ["info", "--store", str(store), "--format", "json", "--lang", "en"]).output)
    assert "class" in english["classes"][0]


def test_info_without_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["info", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "izagraph load" in result.output


@pytest.mark.parametrize("fmt,suffix", [("turtle", "ttl"), ("jsonld", "jsonld"), ("nt", "nt")])
def test_export_round_trip(runner, store, tmp_path, fmt, suffix):
    out = tmp_path / f"export.{suffix}"
    result = runner.invoke(cli, ["export", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert isomorphic(load_dataset([out]).graph, load_dataset([MINI]).graph)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_formats(runner, store, tmp_path, fmt):
    import networkx as nx

    out = tmp_path / f"export.{fmt}"
    assert runner.invoke(cli, ["export", "--store", str(store), "-o", str(out)]).exit_code == 0
    G = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
    kinds = nx.get_node_attributes(G, "kind")
    assert sum(1 for k in kinds.values() if k == "table") == 2
    assert G.number_of_edges() >= 4


def test_export_pseudonymised_hides_person_names(runner, store):
    result = runner.invoke(cli, ["export", "--store", str(store), "--pseudonymise", "--format", "nt"])
    assert result.exit_code == 0
    assert "J. Jansen" not in result.output and "p-jansen" not in result.output
    g = Graph().parse(data=result.output, format="nt")
    assert any("Persoon" in str(o) for o in g.objects())


def test_query_named_with_parameters_and_formats(runner, store):
    result = runner.invoke(cli, ["query", "info-programmes", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["programme"].rsplit("/", 1)[-1] for r in json.loads(result.output)} == {"iza", "gala"}
    listed = runner.invoke(cli, ["query", "--list"])
    assert "info-classes" in listed.output


def test_query_adhoc_file_binds_hostile_values_safely(runner, store, tmp_path):
    q = tmp_path / "by-name.rq"
    q.write_text("# id: by-name\n# params:\n#   name: {type: string}\n"
                 "SELECT ?org ?name WHERE { ?org skos:prefLabel ?name }\n")
    hostile = 'Ziekenhuis "A" {x}'
    result = runner.invoke(cli, ["query", str(q), "-p", f"name={hostile}", "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[1].startswith("https://w3id.org/izagraph/id/organisation/ziekenhuis-a,")
    injection = runner.invoke(cli, ["query", str(q), "-p", 'name=x" } ?s ?p ?o . { "', "--store", str(store),
                                    "--format", "csv"])
    assert injection.exit_code == 0 and injection.output.strip() == "org,name"


def test_query_unknown_name_and_parameter(runner, store, tmp_path):
    result = runner.invoke(cli, ["query", "info-clases", "--store", str(store)])
    assert result.exit_code == 2 and "info-classes" in result.output
    q = tmp_path / "p.rq"
    q.write_text("# params:\n#   limit: {type: integer, default: 3}\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n")
    bad = runner.invoke(cli, ["query", str(q), "-p", "limt=2", "--store", str(store)])
    assert bad.exit_code == 2 and "limit" in bad.output
    wrong = runner.invoke(cli, ["query", str(q), "-p", "limit=veel", "--store", str(store)])
    assert wrong.exit_code == 2 and "integer" in wrong.output


def test_vocab_lists_codes(runner):
    result = runner.invoke(cli, ["vocab", "perspective", "--format", "csv", "--lang", "en"])
    assert result.exit_code == 0
    assert "ggz," in result.output and "zorgaanbieders" in result.output
    assert runner.invoke(cli, ["vocab", "nope"]).exit_code == 2


def test_template_has_the_documented_headers_and_round_trips(runner, tmp_path):
    from izagraph.model import FILE_SPECS

    folder = tmp_path / "regio"
    assert runner.invoke(cli, ["template", str(folder)]).exit_code == 0
    for spec in FILE_SPECS:
        assert (folder / f"{spec.name}.csv").read_text().strip() == ",".join(spec.column_names)
    again = runner.invoke(cli, ["template", str(folder)])
    assert again.exit_code == 2 and "bestaat al" in again.output
    workbook = tmp_path / "regio.xlsx"
    assert runner.invoke(cli, ["template", str(workbook), "--xlsx"]).exit_code == 0
    from openpyxl import load_workbook

    assert load_workbook(workbook).sheetnames == [s.name for s in FILE_SPECS]
    # an empty template has nothing wrong but its emptiness: alone it lacks the minimum every dataset
    # needs (a source, a gemeente, a region), which 'load' must not accept as a replacement store
    result = runner.invoke(cli, ["validate", str(folder), "--format", "csv"])
    assert result.exit_code == 1
    assert sorted(r["value"] for r in csv.DictReader(io.StringIO(result.output))) == ["gemeenten", "regions", "sources"]
    result = runner.invoke(cli, ["validate", str(workbook), "--format", "csv"])
    assert result.exit_code == 1
    assert sorted(r["value"] for r in csv.DictReader(io.StringIO(result.output))) == ["gemeenten", "regions", "sources"]


def test_an_analyst_supplies_the_gemeenten_of_an_iza_region(runner, tmp_path):
    """A region's own membership CSV is merged with the shipped data and checked by the validator."""
    from .conftest import ROOT

    own = tmp_path / "midden-nederland"
    own.mkdir()
    (own / "sources.csv").write_text("id,title,kind,date\nregio-mn,Opgave regio Midden-Nederland,real,2025-01\n")
    (own / "regions.csv").write_text(
        "id,name,division,status,parent,source\n"
        "iza-subregio-eemland-eigen,Eemland (opgave regio),iza-subregio,source,iza-midden-nederland,regio-mn\n")
    (own / "region_members.csv").write_text("region,gemeente\niza-subregio-eemland-eigen,GM0307\n"
                                            "iza-subregio-eemland-eigen,GM9999\n")
    shipped = [str(ROOT / "data" / "real")]
    bad = runner.invoke(cli, ["validate", *shipped, str(own), "--format", "csv"])
    assert bad.exit_code == 1
    assert "region_members.csv,3,gemeente,GM9999" in bad.output
    (own / "region_members.csv").write_text("region,gemeente\niza-subregio-eemland-eigen,GM0307\n")
    assert runner.invoke(cli, ["validate", *shipped, str(own)]).exit_code == 0


@pytest.mark.parametrize("args, code", [(["--version"], 0), (["no-such-command"], 2)])
def test_the_program_freezes_its_heap_as_it_ends_and_keeps_its_exit_code(args, code):
    """``izagraph`` (``cli.main``) runs the command, then freezes the heap so the collections at shutdown
    skip it; the exit code and output are the command's. ``cli`` itself (what CliRunner calls) does not."""
    import subprocess
    import sys

    probe = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
             f"sys.argv = ['izagraph', *{args!r}]\n"
             "from izagraph.cli import main\n"
             "main()\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == code, done.stderr
    assert done.stdout.strip().endswith("frozen True")
    assert ("version" in done.stdout) if code == 0 else ("no-such-command" in done.stderr)
    assert CliRunner().invoke(cli, ["--version"]).exit_code == 0
    import gc

    assert gc.get_freeze_count() == 0
