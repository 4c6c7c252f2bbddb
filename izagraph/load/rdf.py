"""Read a dataset given as RDF (Turtle, JSON-LD, N-Triples, RDF/XML)."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import Problem

RDF_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".rdf": "xml",
               ".xml": "xml", ".n3": "n3", ".trig": "trig", ".nq": "nquads"}


def rdf_format(path: Path) -> str | None:
    return RDF_FORMATS.get(path.suffix.lower())


def read_rdf(path: Path, problems: list[Problem]) -> tuple[Graph, dict[URIRef, tuple[str, int]]]:
    """Parse one RDF file; syntax errors are reported with their line where the parser gives one."""
    g = Graph()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), None, None, None, f"bestand niet leesbaar: {exc}", "syntax"))
        return g, {}
    try:
        g.parse(data=text, format=rdf_format(path), publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib's parsers raise many exception types
        line = getattr(exc, "lines", None)
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        elif isinstance(line, int):
            line += 1  # the Turtle parser counts from 0
        message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        problems.append(Problem(str(path), line, None, None, f"RDF-syntaxfout: {message}", "syntax"))
        return Graph(), {}
    return g, locate_subjects(g, text, str(path))


def locate_subjects(g: Graph, text: str, label: str) -> dict[URIRef, tuple[str, int]]:
    """The line where each subject IRI first appears in the text (best effort, for messages)."""
    lines = text.splitlines()
    found: dict[URIRef, tuple[str, int]] = {}
    wanted = {s for s in g.subjects() if isinstance(s, URIRef)}
    for s in wanted:
        needles = (str(s), re.split(r"[/#]", str(s))[-1])
        for needle in needles:
            for number, line in enumerate(lines, start=1):
                if needle and needle in line:
                    found[s] = (label, number)
                    break
            if s in found:
                break
    return found
