"""``izagraph check`` and ``izagraph rules`` through click's CliRunner: formats, languages, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from izagraph.cli import cli

from .conftest import TESTS

RULES_DATA = TESTS / "data" / "rules"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store with identical twin tables (one high finding of duplicate-tables)."""
    path = tmp_path_factory.mktemp("check") / "store"
    result = CliRunner().invoke(cli, ["load", str(RULES_DATA / "_base"),
                                      str(RULES_DATA / "duplicate-tables" / "positive"), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_check_table_states_finding_evidence_severity_and_advice(store):
    result = run("check", "duplicate-tables", "--store", str(store))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0].split() == ["severity", "trust", "gap", "rule", "subject", "message", "evidence",
                                           "advice"]
    assert "high" in out and "Twin B" in out and "jaccard=1" in out and "Laat oude structuren los" in out
    # the twins and their seats come from the test's illustrative source (confidence medium): visible in the row
    assert out.splitlines()[2].split()[:3] == ["high", "ILLUSTRATIEF/middel", "governance"]
    assert "duplicate-tables 1" in result.stderr


@pytest.mark.parametrize("lang,words,other_words", [("nl", "(sinds 2023-05) bestrijkt het thema", "(since"),
                                                    ("en", "(since 2023-05) covers the theme", "(sinds")])
def test_check_shows_the_other_pair_finding_in_the_chosen_language(store, lang, words, other_words):
    """Issue 8: the en-en finding absorbed into the duplicate (evidence ``also``) speaks the output's language
    in every format; JSON without a language is not a CLI output, the library keeps both there."""
    for fmt in ("table", "csv", "json"):
        result = run("check", "duplicate-tables", "en-en", "--store", str(store), "--format", fmt, "--lang", lang)
        assert result.exit_code == 0, result.output
        assert words in result.stdout and other_words not in result.stdout, fmt
    data = json.loads(run("check", "duplicate-tables", "en-en", "--store", str(store), "--format", "json",
                          "--lang", lang).stdout)
    (also,) = data["findings"][0]["evidence"]["also"]
    assert also["rule"] == "en-en" and words in also["message"]


def test_check_csv_has_one_row_per_finding_with_the_full_advice(store):
    result = run("check", "duplicate-tables", "en-en", "--store", str(store), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # Twin B (2023) and Twin A (2020) have the same members: both a duplicate and an "en-en" pair. One
    # finding per pair: the strongest relation (duplicate), with en-en as evidence.
    assert [(r["rule"], r["severity"], r["subject"]) for r in rows] == [("duplicate-tables", "high", "Twin B")]
    assert "en-en" in rows[0]["evidence"]
    assert rows[0]["advice_text"].startswith("Geef de nieuwe structuur meteen een echte positie")
    assert rows[0]["subject_iri"] == "https://w3id.org/izagraph/id/table/twin-b"
    assert (rows[0]["basis"], rows[0]["confidence"], rows[0]["gap"]) == ("illustrative", "medium", "governance")
    # the tables and seats are illustrative, the members (organisations) real: both sources are named
    assert rows[0]["sources"].split("; ") == ["https://w3id.org/izagraph/id/source/test-echt",
                                              "https://w3id.org/izagraph/id/source/test-illustratief"]


def test_check_filters_on_the_gap_kind(store):
    # the twins have a chair and a decision rule recorded, so table-gaps has nothing; duplicate-tables is governance
    governance = run("check", "duplicate-tables", "--store", str(store), "--format", "json", "--gap", "governance")
    assert [f["rule"] for f in json.loads(governance.stdout)["findings"]] == ["duplicate-tables"]
    data = run("check", "duplicate-tables", "--store", str(store), "--format", "json", "--gap", "data")
    assert json.loads(data.stdout)["findings"] == []
    bad = run("check", "--store", str(store), "--gap", "gegevens")
    assert bad.exit_code == 2


def test_check_json_in_english(store):
    result = run("check", "duplicate-tables", "--store", str(store), "--format", "json", "--lang", "en")
    data = json.loads(result.stdout)
    assert data["counts"] == {"duplicate-tables": 1}
    f = data["findings"][0]
    assert f["message"].startswith("Twin B and Twin A look like the same table")
    assert f["advice_label"] == "Let go of old structures" and f["evidence"]["jaccard"] == 1


def test_check_markdown(store):
    result = run("check", "duplicate-tables", "--store", str(store), "--format", "md")
    assert result.stdout.startswith("| severity | rule | subject |") and "| high | duplicate-tables |" in result.stdout


@pytest.mark.parametrize("fail_on,code", [("high", 1), ("medium", 1), ("info", 1)])
def test_fail_on_exit_codes(store, fail_on, code):
    assert run("check", "duplicate-tables", "--store", str(store), "--fail-on", fail_on).exit_code == code


def test_fail_on_without_findings_at_that_level_exits_0(store):
    assert run("check", "table-gaps", "--store", str(store), "--fail-on", "info").exit_code == 0
    assert run("check", "en-en", "--store", str(store), "--fail-on", "high").exit_code == 0  # en-en is medium


def test_backends_agree(store):
    a = run("check", "--store", str(store), "--format", "csv", "--backend", "oxigraph")
    b = run("check", "--store", str(store), "--format", "csv", "--backend", "rdflib")
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout


@pytest.mark.parametrize("args,message", [
    (["check", "duplicate-tabels"], "onbekende regel 'duplicate-tabels'; bedoelde u 'duplicate-tables'?"),
    (["check", "-p", "min_jacard=0.5"], "bedoelde u 'min_jaccard'?"),
    (["check", "duplicate-tables", "-p", "min_jaccard=2"], "moet in [0, 1] liggen"),
    (["check", "duplicate-tables", "-p", "min_jaccard=veel"], "verwacht een number"),
    (["check", "duplicate-tables", "--theme", "ouderen"], "onbekende code 'ouderen'"),
    (["check", "region-incongruence", "--programme", "iza"], "kan niet filteren op programme"),
    (["check", "duplicate-tables", "--region", '" } ; DROP ALL ; #'], "geen geldige id"),
])
def test_bad_rules_and_parameters_exit_2_with_one_error_line(store, args, message):
    result = run(*args, "--store", str(store))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_param_without_equals_is_a_usage_error(store):
    result = run("check", "-p", "min_jaccard", "--store", str(store))
    assert result.exit_code == 2 and "naam=waarde" in result.output


def test_rules_lists_every_rule_with_parameters_and_defaults():
    from izagraph.rules import ALL_RULES

    result = run("rules", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["rule"] for r in rows} == {r.id for r in ALL_RULES}
    jaccard = next(r for r in rows if r["rule"] == "duplicate-tables" and r["param"] == "min_jaccard")
    assert jaccard["default"] == "0.6" and jaccard["type"] == "number [0..1]" and jaccard["explanation"]
    en = run("rules", "en-en", "--lang", "en")
    assert en.exit_code == 0 and "Both old and new structure side by side" in en.stdout
    assert run("rules", "en-em").exit_code == 2


def test_help_has_examples():
    for command in ("check", "rules"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_a_backend_registered_later_is_offered(store, monkeypatch):
    from izagraph import cli_check

    calls = []

    def fake(path):
        calls.append(path)
        return cli_check._oxigraph(path)

    monkeypatch.setitem(cli_check.BACKENDS, "fake", fake)
    result = run("check", "duplicate-tables", "--store", str(store), "--backend", "fake", "--format", "csv")
    assert result.exit_code == 0 and calls == [store] and "Twin B" in result.stdout
    assert "fake" in run("check", "--help").output


def test_summary_writes_markdown_and_json(tmp_path):
    from click.testing import CliRunner

    from izagraph.cli import cli

    from .conftest import ROOT

    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(cli, ["load", str(ROOT / "data" / "real"), str(ROOT / "data" / "illustrative"),
                               "--store", str(store)]).exit_code == 0
    md, js = tmp_path / "out" / "findings.md", tmp_path / "out" / "findings.json"
    result = runner.invoke(cli, ["summary", "--store", str(store), "-o", str(md), "--json", str(js)])
    assert result.exit_code == 0, result.output
    text = md.read_text()
    assert text.startswith("# izagraph — samenvatting")
    assert "IZA-regio" in text and "| 38 |" in text  # coverage of the 38 IZA regions
    assert "`missing-perspectives`" in text and "Regiotafel Haaglanden" in text
    assert "- **laag** *(ILLUSTRATIEF, niet vermeld, gegevens)* Onder de vastgelegde leden van de samenwerkingsstructuur onder Regiotafel" in text
    assert "| ernst | bron | afgeleid | ILLUSTRATIEF | totaal |" in text  # severity counts split by basis
    regions = text.split("## Per regio", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in regions.splitlines() if line.startswith("| ") and "---" not in line][1:]
    # ranked by governance findings: the (illustrative) Haaglanden structure, not Kennemerland's 'not recorded' gaps
    assert rows[0].startswith("| Haaglanden (IZA-regio (regioplanregio)) |")
    kennemerland = next(r for r in rows if r.startswith("| Subregio Kennemerland"))
    assert rows.index(kennemerland) > 3 and int(kennemerland.rstrip(" |").rsplit("|", 1)[1]) >= 30
    labels = [r.split(" | ")[0] for r in rows]
    assert "| —" not in labels and len(labels) == len(set(labels))
    assert "Overleg wethouders Kennemerland" in text
    import json

    data = json.loads(js.read_text())
    # the structure under Haaglanden's regiotafel lacks citizens/patients; Kennemerland has no members recorded
    assert data["counts"]["missing-perspectives"] == 2
    assert {f["basis"] for f in data["findings"] if f["rule"] == "missing-perspectives"} == {"illustrative", "source"}
    english = runner.invoke(cli, ["summary", "--store", str(store), "--lang", "en"])
    assert english.exit_code == 0 and "summary of findings" in english.output and "*(ILLUSTRATIVE, not stated, governance)*" in english.output


@pytest.mark.parametrize("args, message", [
    (("check", "--region", "iza-nord"), "onbekende regio 'iza-nord'; bedoelde u 'iza-noord'?"),
    (("check", "duplicate-tables", "-p", "region=iza-zuidd"), "onbekende regio 'iza-zuidd'; bedoelde u 'iza-zuid'?"),
    (("check", "--theme", "ouderen"), "onbekende code 'ouderen'"),
    (("check", "--programme", "gala2"), "bedoelde u 'gala'?"),
    (("query", "brokers", "-p", "region=iza-nord"), "onbekende regio 'iza-nord'; bedoelde u 'iza-noord'?"),
    (("query", "brokers", "-p", "theme=ouderen"), "onbekende thema 'ouderen'"),
])
def test_an_unknown_filter_is_a_usage_error_with_a_suggestion_not_no_findings(store, args, message):
    result = run(*args, "--store", str(store))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Geen bevindingen" not in result.output


def test_a_region_by_id_code_or_name_is_accepted(store):
    for given in ("iza-noord", "IZA Noord", "ZK91"):
        assert run("check", "duplicate-tables", "--region", given, "--store", str(store)).exit_code == 0, given
