"""Fuzzing names, ids, codes and numbers (hypothesis): reading never crashes, whatever conversion accepts
the store can hold and the exports parse, and ``validate`` and ``load`` give the same answer.

``make test`` runs a few hundred examples; the ``nightly`` marker runs many more:
``IZAGRAPH_NIGHTLY=1 .venv/bin/pytest -m nightly tests/test_fuzz.py``.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from izagraph.cli import cli
from izagraph.export import serialise
from izagraph.load import read_inputs
from izagraph.output import FORMULA_START, render
from izagraph.store import _to_oxigraph

from .conftest import MINI, edit_csv

NIGHTLY = bool(os.environ.get("IZAGRAPH_NIGHTLY"))
FAST = settings(max_examples=300, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LONG = settings(max_examples=5000, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text as people (and attackers) type it: any Unicode including controls, plus the usual suspects.
SUSPECT = st.sampled_from(["=1+1", "+31 6", "-", "@SUM(A1)", "\t=x", "\r=x", "a\x00b", "\x1b[2J", "bel\x07",
                           "vt\x0b", "\x9b31m", "Ziekenhuis \"A\" {x}", "<b>&amp;</b>", "'; DROP", "a;b", "é ü ß",
                           " spatie ", "ﬁ", "\u202e", "x" * 300])
TEXT = st.one_of(st.text(max_size=40), SUSPECT)
NAME = TEXT.filter(lambda t: t.strip() != "")
ID = st.one_of(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True), TEXT)
SECTOR = st.one_of(st.sampled_from(["ggd", "ziekenhuis", "zorgverzekeraar", "GGD", "Zieken huis", "ggd;ziekenhuis"]),
                   TEXT)
NUMBER = st.one_of(
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "1,5", "2.5", "0", "007", "1.1234567",
                     "123456789012345678901234567890", "", " 3 ", "3,", ",5", "½"]),
)


def _dataset(folder: Path, name: str, org_id: str, sector: str, meetings: str) -> Path:
    data = folder / "data"
    shutil.copytree(MINI, data)
    edit_csv(data, "organisations", 3, "name", name)
    edit_csv(data, "organisations", 4, "id", org_id)
    edit_csv(data, "organisations", 2, "sector", sector)
    edit_csv(data, "tables", 2, "meetings_per_year", meetings)
    return data


def _check_read(name, org_id, sector, meetings):
    with tempfile.TemporaryDirectory() as tmp:
        data = _dataset(Path(tmp), name, org_id, sector, meetings)
        graph, _origins, problems = read_inputs([data])  # never raises
        for p in problems:
            assert p.file and str(p), p
            if p.code not in ("missing-file", "shape"):
                assert p.file.startswith(str(data)), p
        if problems:
            return
        # Conversion accepted it: the store must hold it and the exports must parse.
        _to_oxigraph(graph, None)
        for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
            read(io.BytesIO(serialise(graph, fmt)))
        rows = [{"name": str(o)} for o in graph.objects(None, None) if isinstance(o, str)]
        table = render(rows, "table")
        assert not any(ch in table for ch in "\x00\x07\x0b\x1b\x9b")
        for line in render(rows, "csv").splitlines()[1:]:
            assert not line.lstrip('"').startswith(FORMULA_START) or line.lstrip('"').startswith("'"), line


@FAST
@given(NAME, ID, SECTOR, NUMBER)
def test_reading_fuzzed_input_never_crashes_and_what_is_accepted_is_stored_and_exported(name, org_id, sector, meetings):
    _check_read(name, org_id, sector, meetings)


def _check_agreement(name, org_id, sector, meetings):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        data = _dataset(Path(tmp), name, org_id, sector, meetings)
        validated = runner.invoke(cli, ["validate", str(data)])
        loaded = runner.invoke(cli, ["load", str(data), "--store", str(Path(tmp) / "store")])
        for result in (validated, loaded):
            assert "Traceback" not in result.output and "onverwachte fout" not in result.output, result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert validated.exit_code in (0, 1) and loaded.exit_code == validated.exit_code, (validated.output, loaded.output)
        if loaded.exit_code == 0:
            for fmt in ("graphml", "gexf"):
                out = Path(tmp) / f"x.{fmt}"
                exported = runner.invoke(cli, ["export", "--store", str(Path(tmp) / "store"), "-o", str(out)])
                assert exported.exit_code == 0, exported.output
                (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)


@settings(FAST, max_examples=12)
@given(NAME, ID, SECTOR, NUMBER)
def test_validate_and_load_agree_on_fuzzed_input(name, org_id, sector, meetings):
    _check_agreement(name, org_id, sector, meetings)


@pytest.mark.nightly
@pytest.mark.skipif(not NIGHTLY, reason="long fuzz run: set IZAGRAPH_NIGHTLY=1")
@LONG
@given(NAME, ID, SECTOR, NUMBER)
def test_nightly_reading(name, org_id, sector, meetings):
    _check_read(name, org_id, sector, meetings)


@pytest.mark.nightly
@pytest.mark.skipif(not NIGHTLY, reason="long fuzz run: set IZAGRAPH_NIGHTLY=1")
@settings(LONG, max_examples=300)
@given(NAME, ID, SECTOR, NUMBER)
def test_nightly_agreement(name, org_id, sector, meetings):
    _check_agreement(name, org_id, sector, meetings)
