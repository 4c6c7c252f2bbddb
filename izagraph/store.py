"""The persistent store that ``izagraph load`` builds and later commands reuse.

A store is a folder that carries the marker file ``izagraph-store.json`` and a symlink ``current`` to one
complete version folder ``v-<time>-<random>/`` holding ``graph.nt`` (the data, canonical N-Triples),
``oxigraph/`` (an embedded Oxigraph database with the data plus the ontology, for SPARQL),
``snapshot/`` (the rules' facts as typed columns, :mod:`izagraph.snapshot`; the first map after a load
adds the maps' network there, :mod:`izagraph.maps.stored`) and ``meta.json``. A load builds a new version beside the current one and switches in one atomic step: a new
symlink is renamed over ``current`` (``rename(2)`` replaces it atomically), so at every instant the store
is either the old version or the new one, complete. Leftovers of a killed load (a version folder that
``current`` does not point to) are removed by the next load.

``izagraph load`` refuses a folder that is not a store (no marker, not empty), so a wrong ``--store``
never deletes anyone's files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from .errors import StoreNotFound, StoreRefused
from .resources import SNAPSHOT_DIR
from .vocab import ontology_nt

if TYPE_CHECKING:  # (the loader imports this module: its triple set is imported where it is used)
    from .load.triples import Triples

GRAPH_FILE = "graph.nt"
OXIGRAPH_DIR = "oxigraph"
META_FILE = "meta.json"
MARKER_FILE = "izagraph-store.json"
CURRENT = "current"
KEY_FILE = "pseudonym.key"
LOCK_FILE = ".lock"
VERSION_PREFIX = "v-"
STORE_FORMAT = 2
PARTS = (GRAPH_FILE, OXIGRAPH_DIR, META_FILE)

#: Environment variable naming a stage at which ``load`` kills itself (``kill -9``), for the fault
#: tests only: ``validation``, ``staging``, ``bulk-load``, ``swap``, ``cleanup``.
FAULT_ENV = "IZAGRAPH_TEST_KILL_AT"


def fault_point(stage: str) -> None:
    """Test hook: die at once (SIGKILL, no cleanup) when ``$IZAGRAPH_TEST_KILL_AT`` names ``stage``."""
    if os.environ.get(FAULT_ENV) == stage:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class StoreInfo:
    path: Path
    triples: int
    inputs: list[str]
    loaded_at: str


#: The database is bulk-loaded in parts of about this many bytes of N-Triples: Oxigraph's bulk loader
#: holds a part's triples in memory while it sorts them into files (at S = 10, one 390 MB part took 1.45 GB
#: beside the rest of the load; 64 MB parts about 0.25 GB). Smaller data is one part, as before.
BULK_PART = 64 << 20


def _to_oxigraph(graph: Graph | Triples, directory: Path | None, parsed: bool = False):
    """``graph`` and the ontology in an Oxigraph store: in memory (``directory`` None) or a new database.

    ``parsed``: the same N-Triples were read strictly before (into the in-memory store), so the database's
    bulk load skips checking the IRIs again (Oxigraph's ``lenient``).
    """
    import pyoxigraph as ox

    from .load.triples import n_triples

    if directory is None:
        store = ox.Store()
        store.bulk_load(n_triples(graph), format=ox.RdfFormat.N_TRIPLES)
        store.bulk_load(ontology_nt(), format=ox.RdfFormat.N_TRIPLES)
        return store
    # bulk_load writes the database files directly (no transaction per triple) and lets go of the GIL:
    # the load writes the database in a thread while the snapshot is built (see build_store)
    store = ox.Store(str(directory))
    for part in _parts(ontology_nt(), n_triples(graph), BULK_PART):
        store.bulk_load(part, format=ox.RdfFormat.N_TRIPLES, lenient=parsed)
    fault_point("bulk-load")
    store.optimize()  # one set of files for the parts (queries on many parts are ~40 % slower)
    return store


def _parts(head: bytes, data: bytes, size: int):
    """``head`` + ``data`` in parts of about ``size`` bytes, each ending at a line end (the first one
    starts with ``head``). A part is a copy of its slice: one at a time is held besides ``data``."""
    start = 0
    while True:
        end = len(data) if len(data) - start <= size else (data.find(b"\n", start + size) + 1 or len(data))
        yield (head + data[start:end]) if start == 0 else data[start:end]
        start = end
        if start >= len(data):
            return


def memory_store(graph: Graph | Triples):
    """An in-memory Oxigraph store of ``graph`` plus the ontology: what the SHACL checks and the snapshot
    query (the same content as the database ``build_store`` writes)."""
    return _to_oxigraph(graph, None)


def _is_legacy(path: Path) -> bool:
    """A store written before the marker existed (graph.nt and meta.json at the top)."""
    return (path / GRAPH_FILE).is_file() and (path / META_FILE).is_file()


def check_store_target(path: Path) -> None:
    """Refuse to load into ``path`` unless it is new, an empty folder or an izagraph store.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "thesis.docx").write_text("years of work")
    >>> check_store_target(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    izagraph.errors.StoreRefused: ... is geen izagraph-store ...
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return
    if not path.is_dir():
        raise StoreRefused(f"{path} is geen map: geef met --store een (nieuwe) map voor de store")
    if (path / MARKER_FILE).is_file() or _is_legacy(path) or not any(path.iterdir()):
        return
    raise StoreRefused(f"{path} is geen izagraph-store (er staan andere bestanden in en geen {MARKER_FILE}): "
                       "kies een nieuwe of lege map met --store; izagraph overschrijft geen andere bestanden")


@contextlib.contextmanager
def _locked(path: Path):
    """One load at a time per store (a second waits): the cleanup must not remove a load in progress."""
    with (path / LOCK_FILE).open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _current_target(path: Path) -> str | None:
    link = path / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def cleanup(path: Path) -> list[str]:
    """Remove what killed loads left behind: version folders ``current`` does not point to, half-made
    symlinks, and the staging folders of the store layout before version 2. Returns the names removed."""
    path = Path(path)
    removed = []
    if not path.is_dir():
        return removed
    keep = _current_target(path)
    for child in path.iterdir():
        if child.name.startswith(VERSION_PREFIX) and child.name != keep:
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() and not child.is_symlink() else child.unlink()
            removed.append(child.name)
        elif child.name.startswith(f".{CURRENT}.") and child.is_symlink():
            child.unlink()
            removed.append(child.name)
    for child in path.parent.glob(f".{path.name}.new-*"):  # the layout of version 1 staged beside the store
        shutil.rmtree(child, ignore_errors=True)
        removed.append(child.name)
    old = path.with_name(f".{path.name}.old")
    if old.is_dir() and _is_legacy(old):
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old.name)
    return removed


def build_store(graph: Graph | Triples, path: Path, inputs: list[str], memory=None) -> StoreInfo:
    """Write ``graph`` (an rdflib graph, or the :class:`~izagraph.load.triples.Triples` of a loaded
    dataset) as the new version of the store at ``path`` and switch to it atomically.

    ``memory``, an in-memory Oxigraph store holding ``graph`` and the ontology (:func:`memory_store`; a loaded
    dataset keeps the one its SHACL checks ran on), is queried for the snapshot instead of a new copy.

    Raises :class:`~izagraph.errors.StoreRefused` when ``path`` exists and is not a store.
    """
    from .load.triples import n_triples

    path = Path(path)
    check_store_target(path)
    path.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        cleanup(path)
        marker = path / MARKER_FILE
        if not marker.is_file():
            _write_atomic(marker, json.dumps({"format": "izagraph-store", "version": STORE_FORMAT}, indent=2))
        _new_key(path / KEY_FILE)
        stamp = dt.datetime.now(dt.timezone.utc)
        name = f"{VERSION_PREFIX}{stamp:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
        staging = path / name
        staging.mkdir()
        try:
            (staging / GRAPH_FILE).write_bytes(n_triples(graph))
            fault_point("staging")
            # The database is written in a second thread while this one builds the snapshot: Oxigraph's bulk
            # load and query evaluation run outside the GIL, so on two cores the two overlap (bench_load.py).
            # The snapshot queries an in-memory store of the same triples, three times faster than the new
            # database would answer them (bench: 3.0 s vs 9.0 s at S = 1).
            with ThreadPoolExecutor(max_workers=1) as pool:
                database = pool.submit(_to_oxigraph, graph, staging / OXIGRAPH_DIR, memory is not None)
                try:
                    from .snapshot import build_into as build_snapshot  # (numpy: only when a store is built)

                    build_snapshot(memory if memory is not None else memory_store(graph), staging / SNAPSHOT_DIR)
                finally:
                    store = database.result()  # (waits: nothing is removed under a running bulk load)
            del store, database  # close the database before switching to it (the future held it too)
            info = StoreInfo(path, len(graph), [str(i) for i in inputs], stamp.isoformat(timespec="seconds"))
            (staging / META_FILE).write_text(json.dumps(
                {"triples": info.triples, "inputs": info.inputs, "loaded_at": info.loaded_at}, indent=2))
            _fsync_tree(staging)
            link = path / f".{CURRENT}.{secrets.token_hex(4)}"
            link.symlink_to(name)
            fault_point("swap")
            os.replace(link, path / CURRENT)  # the one atomic step
            _fsync_dir(path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fault_point("cleanup")
        cleanup(path)
        for part in PARTS:  # a store of the layout before version 2 is now superseded
            legacy = path / part
            shutil.rmtree(legacy, ignore_errors=True) if legacy.is_dir() else legacy.unlink(missing_ok=True)
        return info


def _write_atomic(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for root, _dirs, files in os.walk(path):
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(Path(root))


def require_store(path: Path) -> Path:
    """The folder holding the current version's ``graph.nt``, ``oxigraph/`` and ``meta.json``.

    Raises :class:`~izagraph.errors.StoreNotFound` (exit 2) when there is no store or it lacks a part.
    """
    path = Path(path)
    if not path.exists():
        raise StoreNotFound(f"geen store in {path}: voer eerst 'izagraph load' uit (of geef --store)")
    if not path.is_dir():
        raise StoreNotFound(f"{path} is geen map en dus geen store: geef met --store de map van 'izagraph load'")
    data = path / CURRENT if (path / CURRENT).is_symlink() else path
    if data == path and not (path / MARKER_FILE).is_file() and not any((path / p).exists() for p in PARTS):
        raise StoreNotFound(f"geen store in {path}: voer eerst 'izagraph load' uit (of geef --store)")
    missing = [p for p in PARTS if not (data / p).exists()]
    if missing:
        raise StoreNotFound(f"de store in {path} is onvolledig (ontbreekt: {', '.join(missing)}): "
                            "laad de gegevens opnieuw met 'izagraph load'")
    return data.resolve()


def store_info(path: Path) -> StoreInfo:
    data = require_store(path)
    try:
        meta = json.loads((data / META_FILE).read_text(encoding="utf-8"))
        return StoreInfo(Path(path), meta["triples"], meta["inputs"], meta["loaded_at"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreNotFound(f"de store in {path} is beschadigd ({META_FILE}: {exc}): "
                            "laad de gegevens opnieuw met 'izagraph load'") from None


def read_graph(path: Path) -> Graph:
    """The store's data as an rdflib graph (without the ontology)."""
    g = Graph()
    source = require_store(path) / GRAPH_FILE
    try:
        g.parse(source, format="nt")
    except Exception as exc:  # rdflib raises several types for a damaged file
        raise StoreNotFound(f"de store in {path} is beschadigd ({GRAPH_FILE}: {str(exc)[:200]}): "
                            "laad de gegevens opnieuw met 'izagraph load'") from None
    return g


def read_triples(path: Path) -> list[tuple]:
    """The store's data as distinct triples of rdflib terms, without building an rdflib graph.

    For commands that only walk the triples once (``neo4j push``): the file is read by the maps' reader
    (:func:`izagraph.maps.triples.parse_file`), several times faster than :func:`read_graph` at national
    size, and gives the same triples (tested)."""
    from .maps.triples import parse_file

    source = require_store(path) / GRAPH_FILE
    try:
        return list(dict.fromkeys(parse_file(source)))  # a graph's triples are distinct; so are these
    except (OSError, SyntaxError, ValueError) as exc:  # pyoxigraph raises SyntaxError on a damaged line
        raise StoreNotFound(f"de store in {path} is beschadigd ({GRAPH_FILE}: {str(exc)[:200]}): "
                            "laad de gegevens opnieuw met 'izagraph load'") from None


def open_oxigraph(path: Path):
    """The store's Oxigraph database, read-only (several commands may read at once)."""
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(require_store(path) / OXIGRAPH_DIR))
    except OSError as exc:
        raise StoreNotFound(f"de store in {path} is beschadigd ({OXIGRAPH_DIR}: {exc}): "
                            "laad de gegevens opnieuw met 'izagraph load'") from None


def store_key(path: Path) -> bytes:
    """The store's random pseudonym key (made on first use, kept with the store, never exported)."""
    path = Path(path)
    key_file = path / KEY_FILE
    if not key_file.is_file():
        require_store(path)
        _new_key(key_file)
    return bytes.fromhex(key_file.read_text().strip())


def _new_key(key_file: Path) -> None:
    """Write a random 256-bit key once (readable by the owner only); an existing key is kept."""
    if key_file.is_file():
        return
    tmp = key_file.with_name(f".{key_file.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    try:
        os.link(tmp, key_file)  # fails if another process made one first: keep theirs
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
