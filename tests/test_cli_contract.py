"""The command-line contract: exit codes 0/1/2 for every command, one ``Error:`` line and never a traceback,
global options before or after the command."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from izagraph.cli import cli

from .conftest import MINI, edit_csv


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("contract") / "store"
    assert CliRunner().invoke(cli, ["load", str(MINI), "--store", str(path)]).exit_code == 0
    return path


def one_error_line(result) -> str:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_in_either_position(store, where):
    options = ["--lang", "en", "--store", str(store)]
    args = [*options, "rules", "table-gaps"] if where == "before" else ["rules", "table-gaps", *options[:2]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Gaps in how tables are set up" in result.output
    info = [*options, "info", "--format", "json"] if where == "before" else ["info", "--format", "json", *options]
    result = CliRunner().invoke(cli, info)
    assert result.exit_code == 0 and '"classes"' in result.output, result.output


def test_the_option_after_the_command_wins_and_nothing_leaks(store, monkeypatch):
    monkeypatch.delenv("IZAGRAPH_LANG", raising=False)
    result = CliRunner().invoke(cli, ["--lang", "en", "rules", "table-gaps", "--lang", "nl"])
    assert "Lacunes in de inrichting van tafels" in result.output
    assert "IZAGRAPH_LANG" not in os.environ


def test_global_lang_reaches_summary(store):
    result = CliRunner().invoke(cli, ["--lang", "en", "summary", "--store", str(store)])
    assert result.exit_code == 0, result.output
    nl = CliRunner().invoke(cli, ["summary", "--store", str(store)])
    assert result.stdout != nl.stdout


@pytest.mark.parametrize("args,code", [
    (["check", "--fail-on", "high"], 1),        # mini has high findings (missing-perspectives at the stuurgroep)
    (["check", "--fail-on", "info"], 1),
    (["check", "table-gaps", "--fail-on", "medium"], 0),  # its findings in mini are low
    (["check"], 0),
    (["info"], 0),
    (["query", "info-classes"], 0),
    (["vocab", "theme"], 0),
    (["rules"], 0),
])
def test_exit_codes_for_findings_and_success(store, args, code):
    result = CliRunner().invoke(cli, [*args, "--store", str(store)] if args[0] not in ("vocab", "rules") else args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["load", "--bogus"], ["validate", "--format", "xml"], ["check", "--fail-on", "catastrophic"],
    ["query", "info-classes", "-p", "x"], ["export", "--format", "docx"], ["map"], ["vocab", "nope"],
    ["neo4j", "push", "--bogus"], ["summary", "--backend", "excel"], ["nocommand"],
])
def test_usage_errors_exit_2(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Error:" in result.output
    # one line, no usage block around it
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output


def test_load_of_invalid_input_exits_1_like_validate(tmp_path, mini):
    edit_csv(mini, "tables", 2, "kind", "stuurgroeb")
    validated = CliRunner().invoke(cli, ["validate", str(mini)])
    loaded = CliRunner().invoke(cli, ["load", str(mini), "--store", str(tmp_path / "s")])
    assert validated.exit_code == loaded.exit_code == 1
    assert not (tmp_path / "s").exists() or not (tmp_path / "s" / "current").exists()


def test_an_unexpected_error_is_one_line_not_a_traceback(store, monkeypatch):
    import izagraph.info

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(izagraph.info, "summarise", broken)
    result = CliRunner().invoke(cli, ["info", "--store", str(store)])
    assert result.exit_code == 2
    assert "onverwachte fout" in one_error_line(result) and "kapot" in result.output


def test_a_file_that_cannot_be_written_is_one_line(store, tmp_path):
    (tmp_path / "bestand").write_text("x")
    result = CliRunner().invoke(cli, ["summary", "--store", str(store), "-o", str(tmp_path / "bestand" / "s.md")])
    assert result.exit_code == 2
    assert "bestand" in one_error_line(result)
