"""Loading: any mix of CSV folders, XLSX workbooks and RDF files into one validated graph.

Loading is all-or-nothing: :func:`load_dataset` raises :class:`~izagraph.errors.InputError` listing every
problem, or returns a graph that passed every check (references, codes, dates and the SHACL shapes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import InputError, Problem
from ..perf import without_cyclic_gc
from ..store import fault_point, memory_store
from ..vocab import vocabulary
from .convert import convert_rows
from .rdf import rdf_format, read_rdf
from .tabular import Rows, missing_required, read_csv_folder, read_workbook
from .triples import Triples
from .validate import minimum_problems, shacl_engine, shacl_problems, term_problems

__all__ = ["Dataset", "load_dataset", "read_inputs", "check_inputs", "read_triples", "validate_triples"]


@dataclass
class Dataset:
    """A loaded, valid graph and where each subject came from.

    ``triples`` is what ``izagraph load`` stores (no rdflib graph is built for it); ``graph`` makes the
    rdflib graph on first use. ``memory`` is the in-memory Oxigraph store (the triples and the ontology) the
    SHACL checks ran on, or None (pySHACL ran): ``izagraph load`` builds the snapshot on it.
    """

    triples: Triples
    origins: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    memory: object = field(default=None, repr=False)

    @cached_property
    def graph(self) -> Graph:
        return self.triples.graph()


def read_inputs(paths: list[Path]) -> tuple[Graph, dict, list[Problem]]:
    """Read and convert every input; returns the merged graph, origins and all problems found."""
    triples, origins, problems = read_triples(paths)
    return triples.graph(), origins, problems


def read_triples(paths: list[Path]) -> tuple[Triples, dict, list[Problem]]:
    """What :func:`read_inputs` returns, with the triples as a plain :class:`Triples` set (no rdflib graph:
    see :mod:`izagraph.load.triples`)."""
    with without_cyclic_gc():  # millions of objects, no cycles: see izagraph.perf
        return _read_triples(paths)


def _read_triples(paths: list[Path]) -> tuple[Triples, dict, list[Problem]]:
    problems: list[Problem] = []
    tabular: list[Rows] = []
    rdf = Graph()  # the inputs given as RDF: rows may refer to their entities
    origins: dict = {}
    for path in paths:
        path = Path(path)
        if not path.exists():
            what = "symbolische koppeling naar iets dat niet bestaat" if path.is_symlink() else "bestand of map bestaat niet"
            problems.append(Problem(str(path), None, None, None, what, "missing-file"))
        elif path.is_dir():
            if not any(path.glob("*.csv")):
                problems.append(Problem(str(path), None, None, None, "map bevat geen CSV-bestanden", "missing-file"))
                continue
            tabular.append(read_csv_folder(path, problems))
        elif path.suffix.lower() == ".xlsx":
            tabular.append(read_workbook(path, problems))
        elif rdf_format(path):
            g, located = read_rdf(path, problems)
            rdf += g
            origins.update(located)
        else:
            problems.append(Problem(str(path), None, None, None,
                                    "onbekend formaat: gebruik een map met CSV, .xlsx, .ttl, .jsonld of .nt",
                                    "unknown-format"))
    graph = Triples(rdf)
    if tabular:
        from .convert import known_entities

        files = {"gemeente": "gemeenten", "region": "regions", "source": "sources"}
        in_rdf = {files.get(kind) for kind, ids in known_entities(rdf).items() if ids} if len(rdf) else set()
        problems.extend(p for p in missing_required(tabular, ", ".join(str(p) for p in paths))
                        if p.value not in in_rdf)  # a required file may come as RDF
        conversion = convert_rows(tabular, vocabulary(), rdf if len(rdf) else None)
        problems.extend(_point_to_shipped(conversion.problems, paths))
        graph += conversion.graph
        origins.update(conversion.origins)
    if not any(p.code in ("missing-file", "syntax", "refused") for p in problems):
        # The same minimum for RDF as for CSV/XLSX: a source, a gemeente and a region.
        problems.extend(minimum_problems(graph, ", ".join(str(p) for p in paths)))
    problems.extend(term_problems(graph, origins))
    return graph, origins, problems


def _shipped_ids() -> set[str]:
    """The ids and codes defined in the shipped real data (data/real), read from its CSV files."""
    import csv

    from ..resources import DATA_DIR

    out: set[str] = set()
    for path in (DATA_DIR / "real").glob("*.csv"):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                key = row.get("id") or (row.get("code") if path.stem == "gemeenten" else None)
                if key:
                    out.add(key.upper() if path.stem == "gemeenten" else key)
    return out


def _point_to_shipped(problems: list[Problem], paths) -> list[Problem]:
    """A regional folder validated alone refers to regions, gemeenten and organisations of the shipped
    real data: say once to add data/real, instead of one "unknown reference" per row."""
    from ..resources import DATA_DIR

    unknown = [p for p in problems if p.code == "unknown-reference" and p.value]
    real = (DATA_DIR / "real").resolve()
    if not unknown or any(Path(p).resolve() == real for p in paths) or not real.is_dir():
        return problems
    shipped = _shipped_ids()
    covered = [p for p in unknown if p.value in shipped or p.value.upper() in shipped]
    if not covered:
        return problems
    names = sorted({p.value for p in covered})
    folders = " ".join(str(p) for p in paths)
    hint = Problem(covered[0].file, None, None, ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else ""),
                   f"{len(covered)} verwijzing(en) naar regio's, tafels, gemeenten of organisaties uit de meegeleverde "
                   f"echte data: valideer en laad samen met data/real (izagraph validate data/real {folders})",
                   "needs-shipped-data")
    return [p for p in problems if p not in covered] + [hint]


def validate_triples(graph: Triples, origins: dict, problems: list[Problem]) -> list[Problem]:
    """``problems`` (from :func:`read_triples`) plus what the SHACL shapes find, each problem once."""
    return _validated(graph, origins, problems)[0]


def _validated(graph: Triples, origins: dict, problems: list[Problem]) -> tuple[list[Problem], object]:
    """What :func:`validate_triples` returns, and the in-memory Oxigraph store the SHACL checks ran on
    (None when they did not run on one)."""
    memory = None
    if not any(p.code in ("syntax", "refused", "bad-iri", "bad-language") for p in problems):
        # (terms the store cannot hold would stop the SHACL engine, which runs on Oxigraph: reported above)
        if shacl_engine() == "sparql":
            try:
                memory = memory_store(graph)
            except (SyntaxError, ValueError):  # a term Oxigraph cannot hold: the reference engine runs
                memory = None
        # A row already reported by the converter usually also breaks a shape: keep the first, clearer message.
        reported = {(p.file, p.row) for p in problems}
        problems = problems + [p for p in shacl_problems(graph, origins, store=memory)
                               if (p.file, p.row) not in reported or p.row is None]
    return _unique(problems), memory


def check_inputs(paths: list[Path]) -> list[Problem]:
    """Every problem in the inputs (empty list: the data is valid)."""
    graph, origins, problems = read_triples(paths)
    return validate_triples(graph, origins, problems)


def load_dataset(paths: list[Path]) -> Dataset:
    """Read, convert and validate; raise :class:`InputError` with every problem if anything is wrong."""
    graph, origins, problems = read_triples(paths)
    fault_point("validation")
    problems, memory = _validated(graph, origins, problems)
    if problems:
        raise InputError(problems)
    return Dataset(graph, origins, [str(p) for p in paths], memory)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
