"""Shared fixtures: small hand-made datasets copied to a temporary folder so tests can break them."""

from __future__ import annotations

import csv
import os
import shutil
import socket
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
MINI = TESTS / "data" / "mini"
ROOT = TESTS.parent


LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost", "ip6-localhost"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch) -> list:
    """Every test runs with network access to anything but this machine failing (and recorded).

    izagraph must never fetch while loading (JSON-LD contexts, DTDs): a test that asserts the returned
    list is empty proves nothing was even tried.
    """
    attempts: list = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def allowed(address) -> bool:
        host = address[0] if isinstance(address, tuple) else address
        return not isinstance(host, str) or host in LOCAL_HOSTS or host.startswith("127.")

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not allowed(address):
            attempts.append(address)
            raise OSError(f"network access blocked in tests: {address}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not allowed(address):
            attempts.append(address)
            return 111  # ECONNREFUSED
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not allowed((host if isinstance(host, str) else host.decode(),)):
            attempts.append(host)
            raise socket.gaierror(f"name lookup blocked in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def random_memberships(seed: int, members: int, tables: int, draws: int, width: int = 1) -> set[tuple[str, str]]:
    """``draws`` random (member, table) pairs among ``members`` members ``m…`` and ``tables`` tables ``t…``
    (numbers padded to ``width``): a random affiliation network for comparing network implementations."""
    import random

    rnd = random.Random(seed)
    names_m = [f"m{i:0{width}d}" for i in range(members)]
    names_t = [f"t{i:0{width}d}" for i in range(tables)]
    return {(rnd.choice(names_m), rnd.choice(names_t)) for _ in range(draws)}


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of tests/data/mini."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest


def edit_csv(folder: Path, name: str, row: int | None, column: str, value: str) -> None:
    """Set one cell (``row`` counts like a spreadsheet: header = 1) or, with row None, rename a column."""
    path = folder / f"{name}.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        records = list(csv.reader(fh))
    header = records[0]
    if row is None:
        header[header.index(column)] = value
    else:
        records[row - 1][header.index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(records)


def append_csv(folder: Path, name: str, values: dict[str, str]) -> int:
    """Append a row; returns its spreadsheet row number."""
    path = folder / f"{name}.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        records = list(csv.reader(fh))
    header = records[0]
    records.append([values.get(h, "") for h in header])
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(records)
    return len(records)


def csv_folder_to_xlsx(folder: Path, target: Path) -> Path:
    """Build a workbook with one sheet per CSV file (what an analyst would make in Excel)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for path in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet(path.stem)
        with path.open(newline="", encoding="utf-8") as fh:
            for record in csv.reader(fh):
                ws.append(record)
    wb.save(target)
    return target


def unavailable(reason: str):
    """Skip with the reason outside CI; in CI (``$CI`` set) a missing real component is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (in CI these tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_server():
    """A connection to the real Neo4j server started by scripts/neo4j-local."""
    from izagraph.backends.neo4j import connect
    from izagraph.errors import BackendUnavailable

    if shutil.which("java") is None and not os.environ.get("CI"):
        pytest.skip("java not found: the local Neo4j server (scripts/neo4j-local) needs Java 17+")
    try:
        backend = connect(timeout=5)
    except BackendUnavailable as exc:
        unavailable(f"Neo4j not running: start it with scripts/neo4j-local start ({exc})")
    yield backend
    backend.close()


#: The SPARQL servers of scripts/sparql-local: (query endpoint, Graph Store endpoint, needs credentials).
SPARQL_SERVERS = {
    "oxigraph": ("http://127.0.0.1:{port}/query", "http://127.0.0.1:{port}/store", "IZAGRAPH_OXIGRAPH_PORT", "7878"),
    "fuseki": ("http://127.0.0.1:{port}/izagraph/sparql", "http://127.0.0.1:{port}/izagraph/data",
               "IZAGRAPH_FUSEKI_PORT", "3030"),
}


@pytest.fixture(scope="session", params=sorted(SPARQL_SERVERS))
def sparql_server(request, tmp_path_factory):
    """(name, query URL, Graph Store URL) of a real SPARQL server started by scripts/sparql-local; the
    Fuseki credentials of that script are put in the environment for the test session."""
    import socket

    name = request.param
    query, store, port_var, default = SPARQL_SERVERS[name]
    port = int(os.environ.get(port_var, default))
    if name == "fuseki" and shutil.which("java") is None and not os.environ.get("CI"):
        pytest.skip("java not found: the local Fuseki server (scripts/sparql-local) needs Java 17+")
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError as exc:
        unavailable(f"{name} not running on port {port}: start it with scripts/sparql-local start {name} ({exc})")
    if name == "fuseki":
        mp = pytest.MonkeyPatch()
        mp.setenv("IZAGRAPH_SPARQL_USER", os.environ.get("IZAGRAPH_FUSEKI_USER", "izagraph"))
        mp.setenv("IZAGRAPH_SPARQL_PASSWORD", os.environ.get("IZAGRAPH_FUSEKI_PASSWORD", "izagraph-dev"))
        mp.delenv("IZAGRAPH_SPARQL_TOKEN", raising=False)
        request.addfinalizer(mp.undo)
    return name, query.format(port=port), store.format(port=port)
