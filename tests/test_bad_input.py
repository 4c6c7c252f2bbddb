"""The bad-input catalogue: every case in ``tests/data/bad/<case>/`` is one broken input (or command) with
its expected outcome, globbed into one parametrised test.

A case folder holds ``case.yaml`` and, optionally, ``files/`` (copied over the input folder):

- ``base``: ``mini`` (a copy of tests/data/mini), ``mini-ttl`` / ``mini-xlsx`` (the same data as Turtle or
  as a workbook) or ``mini-jsonld-context`` (JSON-LD naming the izagraph context by IRI); absent: empty
- ``set``: cells to change, ``[file, row, column, value]`` (row counts like a spreadsheet, header = 1;
  row null renames the column); ``append``: text appended to a file; ``remove``, ``mkdir``, ``symlink``
- ``input``: the paths given to the command, relative to the case's work folder (default ``input``)
- ``command``: the arguments, for cases about the command line (``{store}`` a good store, ``{file}`` a plain
  file, ``{foreign}`` a folder of someone's files, ``{damaged}`` a store missing a part, ``{nowhere}``,
  ``{mini}``, ``{out}``); absent: ``validate INPUT`` and ``load INPUT --store STORE`` both run and must agree
- ``expect``: ``exit``; ``where`` [file suffix, row or line, column] that one output line must name;
  ``says``: texts the output must contain; ``only_lines``: how many problems ``validate`` may report

Every case also checks: no traceback and no "unexpected error", a good store unchanged by a failed
command, and no network access (the ``no_network`` fixture records any attempt).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from izagraph.cli import cli

from .conftest import MINI, csv_folder_to_xlsx, edit_csv

CASES = Path(__file__).parent / "data" / "bad"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file())


def fingerprint(store: Path) -> tuple:
    """What must not change when a command fails: the current version and its data."""
    current = os.readlink(store / "current")
    data = (store / "current" / "graph.nt").read_bytes()
    return current, hashlib.sha256(data).hexdigest(), sorted(p.name for p in store.iterdir())


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("good") / "store"
    result = CliRunner().invoke(cli, ["load", str(MINI), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def _mini_rdf(target: Path, fmt: str) -> None:
    from izagraph.export import serialise
    from izagraph.load import load_dataset

    graph = load_dataset([MINI]).graph
    if fmt == "jsonld-context":
        import json

        from izagraph.load.rdf import CONTEXT, CONTEXT_IRI

        doc = json.loads(graph.serialize(format="json-ld", context=CONTEXT))
        doc["@context"] = CONTEXT_IRI
        target.write_text(json.dumps(doc), encoding="utf-8")
    else:
        target.write_bytes(serialise(graph, fmt))


def build_input(case_dir: Path, spec: dict, work: Path) -> Path:
    folder = work / "input"
    base = spec.get("base")
    if base == "mini":
        shutil.copytree(MINI, folder)
    else:
        folder.mkdir(parents=True)
    edits = spec.get("set") or []
    if base == "mini-xlsx":
        csvs = work / "csv"
        shutil.copytree(MINI, csvs)
        for name, row, column, value in edits:
            edit_csv(csvs, name, row, column, value)
        csv_folder_to_xlsx(csvs, folder / "mini.xlsx")
        edits = []
    elif base == "mini-ttl":
        _mini_rdf(folder / "mini.ttl", "turtle")
    elif base == "mini-jsonld-context":
        _mini_rdf(folder / "mini.jsonld", "jsonld-context")
    if (case_dir / "files").is_dir():
        shutil.copytree(case_dir / "files", folder, dirs_exist_ok=True)
    for name, row, column, value in edits:
        edit_csv(folder, name, row, column, value)
    for name, text in (spec.get("append") or {}).items():
        with (folder / name).open("a", encoding="utf-8", newline="") as fh:
            fh.write(text)
    for name in spec.get("remove") or []:
        (folder / name).unlink()
    for name in spec.get("mkdir") or []:
        (folder / name).mkdir()
    for name, target in (spec.get("symlink") or {}).items():
        (folder / name).symlink_to(target)
    if base in ("mini-ttl", "mini-xlsx", "mini-jsonld-context") and "input" not in spec:
        return next(p for p in folder.iterdir() if p.name.startswith("mini."))
    return folder


def assert_clean(result) -> str:
    out = result.output
    assert "Traceback" not in out and "onverwachte fout" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return out


def assert_located(out: str, where) -> None:
    if not where:
        return
    file, row, column = where
    parts = [file]
    if row is not None:
        parts.append(f"rij {row}" if column else f"regel {row}")
    if column is not None:
        parts.append(f"kolom '{column}'")
    assert any(all(p in line for p in parts) for line in out.splitlines()), f"no line names {parts}:\n{out}"


@pytest.mark.parametrize("case_dir", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_bad_input(case_dir, tmp_path, good_store, no_network):
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    expect = spec["expect"]
    runner = CliRunner()
    before = fingerprint(good_store)

    if spec.get("command"):
        (tmp_path / "a-file").write_text("not a store\n")
        foreign = tmp_path / "thesis"
        foreign.mkdir()
        (foreign / "hoofdstuk-1.docx").write_text("years of work")
        damaged = tmp_path / "damaged"
        shutil.copytree(good_store, damaged, symlinks=True)
        shutil.rmtree(damaged / "current" / "oxigraph")
        names = {"store": good_store, "file": tmp_path / "a-file", "foreign": foreign, "damaged": damaged,
                 "nowhere": tmp_path / "nowhere", "mini": MINI, "out": tmp_path / "out"}
        args = [a.format(**{k: str(v) for k, v in names.items()}) for a in spec["command"]]
        result = runner.invoke(cli, args)
        out = assert_clean(result)
        assert result.exit_code == expect["exit"], out
        assert out.count("Error:") == 1, out
        for text in expect.get("says") or []:
            assert text in out, out
        assert (foreign / "hoofdstuk-1.docx").read_text() == "years of work"
        assert sorted(p.name for p in foreign.iterdir()) == ["hoofdstuk-1.docx"]
        assert (tmp_path / "a-file").read_text() == "not a store\n"
    else:
        built = build_input(case_dir, spec, tmp_path)
        inputs = [str(tmp_path / p) for p in spec.get("input") or []] or [str(built)]
        started = time.monotonic()
        validated = runner.invoke(cli, ["validate", *inputs])
        out = assert_clean(validated)
        assert validated.exit_code == expect["exit"], out
        assert_located(out, expect.get("where"))
        for text in expect.get("says") or []:
            assert text in out, out
        if "only_lines" in expect:
            problems = [line for line in validated.stdout.splitlines() if line.strip()]
            assert len(problems) == expect["only_lines"], out
        store = good_store if expect["exit"] else tmp_path / "fresh-store"
        loaded = runner.invoke(cli, ["load", *inputs, "--store", str(store)])
        out = assert_clean(loaded)
        assert loaded.exit_code == expect["exit"], f"validate and load disagree:\n{out}"
        if expect["exit"]:
            assert out.startswith("Error:"), out
            assert_located(out, expect.get("where"))
        else:
            assert (store / "current" / "graph.nt").stat().st_size > 0
        if "max_seconds" in spec:
            assert time.monotonic() - started < spec["max_seconds"]
    assert fingerprint(good_store) == before, "a failed command changed the good store"
    assert no_network == [], f"network access attempted: {no_network}"


def test_the_catalogue_is_large_enough():
    assert len(CASE_DIRS) >= 60
