"""Faults: ``load`` killed with SIGKILL at each stage leaves the old store or the new one, complete, and the
next load removes what the killed one left behind. Also: a folder that is not a store is never touched.

The kill comes from the test hook in :func:`izagraph.store.fault_point`: with ``IZAGRAPH_TEST_KILL_AT=<stage>``
the ``load`` subprocess sends itself SIGKILL at that point (no cleanup code runs, as with ``kill -9``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from izagraph.store import FAULT_ENV, read_graph, require_store, store_info

from .conftest import MINI, ROOT, append_csv

STAGES = ["validation", "staging", "bulk-load", "swap", "cleanup"]


def run_load(inputs: list[Path], store: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    if kill_at:
        env[FAULT_ENV] = kill_at
    return subprocess.run([sys.executable, "-m", "izagraph", "load", *map(str, inputs), "--store", str(store)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def leftovers(store: Path) -> list[str]:
    current = os.readlink(store / "current")
    return sorted(p.name for p in store.iterdir()
                  if (p.name.startswith("v-") and p.name != current) or p.name.startswith(".current."))


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    """The old dataset (mini) and a new one (mini plus one organisation), and their graphs."""
    base = tmp_path_factory.mktemp("faults")
    new = base / "new"
    shutil.copytree(MINI, new)
    append_csv(new, "organisations", {"id": "nieuwe-org", "name": "Nieuwe organisatie", "sector": "ggd",
                                      "source": "voorbeeld"})
    from izagraph.load import load_dataset

    old_store = base / "old-store"
    assert run_load([MINI], old_store).returncode == 0
    return old_store, new, load_dataset([MINI]).graph, load_dataset([new]).graph


@pytest.mark.parametrize("stage", STAGES)
def test_killed_load_leaves_old_or_new_store_and_next_load_cleans_up(tmp_path, datasets, stage):
    old_store, new_input, old_graph, new_graph = datasets
    store = tmp_path / "store"
    shutil.copytree(old_store, store, symlinks=True)

    killed = run_load([new_input], store, kill_at=stage)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    # The store is one complete version: the old one, or (killed after the switch) the new one.
    data = require_store(store)
    assert {p.name for p in data.iterdir()} >= {"graph.nt", "oxigraph", "meta.json"}
    expected = new_graph if stage == "cleanup" else old_graph
    assert isomorphic(read_graph(store), expected)
    assert store_info(store).triples == len(expected)
    from izagraph.backends.sparql import OxigraphBackend

    OxigraphBackend.from_store(store)  # the database opens
    if stage in ("staging", "bulk-load", "swap", "cleanup"):
        assert leftovers(store), "the kill should have left a version folder behind"

    # The next load succeeds, switches to the new data and removes the leftovers.
    again = run_load([new_input], store)
    assert again.returncode == 0, again.stderr
    assert isomorphic(read_graph(store), new_graph)
    assert leftovers(store) == []
    assert [p.name for p in store.iterdir() if p.name.startswith("v-")] == [os.readlink(store / "current")]


def test_leftovers_of_the_old_layout_are_removed(tmp_path):
    """Stores before the marker staged beside the store (``.store.new-*``) and could leave that behind."""
    store = tmp_path / "store"
    stale = tmp_path / ".store.new-abc123"
    (stale / "oxigraph").mkdir(parents=True)
    (stale / "graph.nt").write_text("")
    assert run_load([MINI], store).returncode == 0
    assert not stale.exists()


def test_old_layout_store_is_upgraded_in_place(tmp_path):
    """A store written by the previous version (graph.nt at the top) is recognised and replaced."""
    store = tmp_path / "store"
    assert run_load([MINI], store).returncode == 0
    legacy = tmp_path / "legacy"
    shutil.copytree(require_store(store), legacy)  # graph.nt, oxigraph/, meta.json at the top, no marker
    assert isomorphic(read_graph(legacy), read_graph(store))  # still readable
    assert run_load([MINI], legacy).returncode == 0
    assert (legacy / "izagraph-store.json").is_file() and not (legacy / "graph.nt").exists()
    assert isomorphic(read_graph(legacy), read_graph(store))


@pytest.mark.parametrize("content", ["file", "folder"])
def test_a_folder_that_is_not_a_store_is_refused_and_untouched(tmp_path, content):
    target = tmp_path / "werk"
    target.mkdir()
    if content == "file":
        (target / "scriptie.docx").write_text("jaren werk")
    else:
        (target / "foto's").mkdir()
        (target / "foto's" / "a.jpg").write_bytes(b"\xff\xd8")
    before = sorted(str(p.relative_to(target)) for p in target.rglob("*"))
    result = run_load([MINI], target)
    assert result.returncode == 2
    assert result.stderr.startswith("Error:") and "geen izagraph-store" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*")) == before


def test_an_empty_folder_may_become_a_store(tmp_path):
    target = tmp_path / "leeg"
    target.mkdir()
    assert run_load([MINI], target).returncode == 0
    assert isomorphic(read_graph(target), read_graph_of(MINI))


def read_graph_of(folder: Path) -> Graph:
    from izagraph.load import load_dataset

    return load_dataset([folder]).graph
