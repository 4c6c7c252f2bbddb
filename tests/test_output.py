"""Output formats: CSV/TSV safe for spreadsheets, tables safe for terminals, in every command that writes them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from izagraph.cli import cli
from izagraph.output import render, spreadsheet_safe, terminal_safe

from .conftest import edit_csv

DANGEROUS = ['=HYPERLINK("http://evil.example","klik")', "+31 6 1234", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)",
             "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_cells_are_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        out = render([{"naam": text}], fmt)
        (cell,) = [row for row in csv.reader(io.StringIO(out), delimiter=sep)][1]
        assert cell == "'" + text


@pytest.mark.parametrize("text", ["-3", "+4", "-2.5", "1e3", "Jan", "", "'al veilig", "a=b"])
def test_numbers_and_ordinary_text_stay_as_they_are(text):
    assert spreadsheet_safe(text) == text


def test_header_cells_are_neutralised_too():
    out = render([{"=x": 1}], "csv")
    assert out.splitlines()[0] == "'=x"


def test_table_output_shows_control_characters_instead_of_sending_them():
    out = render([{"naam": "rood\x1b[31m bel\x07 csi\x9b2J nul\x00 regel\nbreuk"}], "table")
    for ch in "\x1b\x07\x9b\x00":
        assert ch not in out
    assert "\\x1b[31m" in out and "\\x07" in out and "regel breuk" in out
    assert terminal_safe("gewoon") == "gewoon"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """The mini data with formula-like names (valid input: they are data), loaded."""
    import shutil

    from .conftest import MINI

    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    shutil.copytree(MINI, data)
    edit_csv(data, "organisations", 2, "name", DANGEROUS[0])
    edit_csv(data, "organisations", 3, "name", "@SUM(A1:A9)")
    edit_csv(data, "tables", 2, "name", "=1+1 Stuurgroep")
    store = base / "store"
    result = CliRunner().invoke(cli, ["load", str(data), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return data, store


def _cells(text: str, sep: str = ","):
    return [cell for row in csv.reader(io.StringIO(text), delimiter=sep) for cell in row]


@pytest.mark.parametrize("args", [
    ["check", "--format", "csv"],
    ["check", "--format", "tsv"],
    ["query", "info-sources", "--format", "csv"],
    ["query", "table-gaps", "--format", "csv"],
])
def test_every_csv_writer_neutralises_formulas(hostile_store, args):
    _, store = hostile_store
    result = CliRunner().invoke(cli, [*args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    cells = _cells(result.stdout, "\t" if "tsv" in args else ",")
    assert any(c.startswith("'=") or c.startswith("'@") for c in cells) or args[1] == "info-sources"
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


def test_validate_csv_neutralises_formulas_in_values(tmp_path):
    from .conftest import MINI
    import shutil

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    edit_csv(data, "tables", 2, "kind", "=cmd|' /C calc'!A0")
    result = CliRunner().invoke(cli, ["validate", str(data), "--format", "csv"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(r["value"] == "'=cmd|' /C calc'!A0" for r in rows)
    assert not [c for c in _cells(result.stdout) if c[:1] in ("=", "+", "@")]


def test_json_keeps_the_real_value(hostile_store):
    _, store = hostile_store
    result = CliRunner().invoke(cli, ["query", "table-gaps", "--format", "json", "--store", str(store)])
    assert "=1+1 Stuurgroep" in json.loads(result.stdout).__repr__()
