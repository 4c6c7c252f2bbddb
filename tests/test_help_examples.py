"""Every example in every command's ``--help`` runs, as a newcomer would type it.

The examples are taken from the help texts (the lines under ``Example:`` / ``Typical session:``) and run in
order, per command, in a fresh folder that holds ``data/`` (the shipped data), a store of the shipped data
at the default place (``.izagraph/store``) and the placeholders the examples name (``mijn-regio/``,
``mijn-regio.xlsx``, ``mijn-vraag.rq``; for ``template`` the folder starts without them, as the
template creates them). A pipe (``| jq …``) or a redirection (``> x.csv``) applies to the output only.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from izagraph.cli import cli

from .conftest import MINI, ROOT, csv_folder_to_xlsx

BLOCK = re.compile(r"^\s*(Examples?|Typical session):\s*$")


def commands(cmd: click.Command = cli, path: tuple[str, ...] = ()):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            yield from commands(sub, (*path, name))


def examples(cmd: click.Command) -> list[str]:
    """The example lines of a command's help text."""
    out, inside = [], False
    for line in (cmd.help or "").splitlines():
        if BLOCK.match(line):
            inside = True
            continue
        if inside:
            if not line.strip() or line.strip() == "\b":
                if out:
                    inside = False
                continue
            out.append(line.strip())
    return out


ALL = [(" ".join(path) or "izagraph", examples(cmd)) for path, cmd in commands()]


def test_every_command_has_an_example():
    missing = [name for name, ex in ALL if not ex]
    assert missing == []


@pytest.fixture(scope="module")
def shipped_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("shipped") / "store"
    result = CliRunner().invoke(cli, ["load", str(ROOT / "data" / "real"), str(ROOT / "data" / "illustrative"),
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def _params():
    for name, lines in ALL:
        marks = [pytest.mark.neo4j] if name.startswith("neo4j") else []
        yield pytest.param(name, lines, marks=marks, id=name.replace(" ", "-"))


@pytest.mark.parametrize("name,lines", list(_params()))
def test_help_examples_run(name, lines, tmp_path, monkeypatch, shipped_store, request):
    if name.startswith("neo4j"):
        request.getfixturevalue("neo4j_server")
    (tmp_path / "data").symlink_to(ROOT / "data")
    shutil.copytree(shipped_store, tmp_path / ".izagraph" / "store", symlinks=True)
    if name != "template":
        shutil.copytree(MINI, tmp_path / "mijn-regio")
        csv_folder_to_xlsx(MINI, tmp_path / "mijn-regio.xlsx")
        (tmp_path / "mijn-vraag.rq").write_text("SELECT ?s WHERE { ?s a <https://w3id.org/izagraph/def#Table> } LIMIT 3\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IZAGRAPH_STORE", raising=False)
    runner = CliRunner()
    if name.startswith("neo4j"):  # 'pull' and 'status' examples assume the data was pushed
        pushed = runner.invoke(cli, ["neo4j", "push", "--store", str(tmp_path / ".izagraph" / "store")])
        assert pushed.exit_code == 0, pushed.output
    for line in lines:
        if re.match(r"^[A-Z0-9_]+=", line):
            continue  # needs an account elsewhere (a Neo4j Aura address): shown, not run
        if line.startswith("scripts/neo4j-local"):
            continue  # the server the neo4j_server fixture found is already running
        if "--endpoint" in line:
            continue  # a SPARQL server with the data pushed: these commands run for real in tests/test_remote.py
        command = re.split(r"\s[|>]\s", line)[0]
        args = shlex.split(command, comments=True)  # an example may end in a "# what it does" comment
        assert args[0] == "izagraph", line
        args = [a.replace("/tmp/", f"{tmp_path}/") for a in args[1:]]
        result = runner.invoke(cli, args)
        assert "Traceback" not in result.output and "onverwachte fout" not in result.output, (line, result.output)
        allowed = {0, 1} if "--fail-on" in args else {0}
        assert result.exit_code in allowed, f"{line}\n{result.output}"
