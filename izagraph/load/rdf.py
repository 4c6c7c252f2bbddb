"""Read a dataset given as RDF (Turtle, JSON-LD, N-Triples, RDF/XML).

Reading never touches the network or any file but the input itself:

- JSON-LD: a remote or ``file:`` ``@context`` and ``@import`` are refused with a clear error (rdflib would
  fetch them); the project's own context, :data:`CONTEXT_IRI`, is built in and used without fetching.
- RDF/XML: a DOCTYPE (DTD) is refused, so entity expansion ("billion laughs") and external entities
  cannot happen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import Problem
from ..namespaces import PREFIXES

#: The izagraph JSON-LD context: the project's prefixes. Documents may name it by this IRI; it is never fetched.
CONTEXT_IRI = "https://w3id.org/izagraph/context.jsonld"
CONTEXT = {prefix: ns for prefix, ns in sorted(PREFIXES.items())}
DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class Refused(ValueError):
    """The input asks for something izagraph does not do while loading (fetch, expand entities)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _no_constants(name: str):
    raise ValueError(f"{name} is geen geldige JSON-waarde")


def builtin_contexts(node, path: str = ""):
    """``node`` with every ``@context`` checked: the izagraph context IRI is replaced by the built-in
    context; any other IRI (http:, https:, file:, relative) and ``@import`` raise :class:`Refused`.

    >>> builtin_contexts({"@context": CONTEXT_IRI, "@id": "x"})["@context"]["izg"]
    'https://w3id.org/izagraph/def#'
    >>> builtin_contexts({"@context": "file:///etc/passwd"})
    Traceback (most recent call last):
    izagraph.load.rdf.Refused: JSON-LD-context 'file:///etc/passwd' wordt niet opgehaald: izagraph leest geen netwerk of andere bestanden; zet de context in het bestand zelf of gebruik https://w3id.org/izagraph/context.jsonld (ingebouwd)
    """
    if isinstance(node, list):
        return [builtin_contexts(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "@context":
            value = _context(value)
        out[key] = builtin_contexts(value)
    return out


def _context(value):
    if isinstance(value, list):
        return [_context(v) for v in value]
    if isinstance(value, str):
        if value == CONTEXT_IRI:
            return dict(CONTEXT)
        raise Refused(f"JSON-LD-context '{value[:200]}' wordt niet opgehaald: izagraph leest geen netwerk of andere "
                      f"bestanden; zet de context in het bestand zelf of gebruik {CONTEXT_IRI} (ingebouwd)")
    if isinstance(value, dict):
        if "@import" in value:
            raise Refused(f"JSON-LD '@import' ('{str(value['@import'])[:200]}') wordt niet opgehaald: zet de "
                          "termen in de context zelf")
        return {k: builtin_contexts(v) for k, v in value.items()}
    return value


def _safe_text(text: str, fmt: str) -> str:
    """The text to hand to rdflib, after refusing what would fetch or expand (see the module docstring)."""
    if fmt == "xml":
        m = DOCTYPE.search(text.encode("utf-8"))
        if m:
            line = text.encode("utf-8").count(b"\n", 0, m.start()) + 1
            raise Refused("RDF/XML met een DOCTYPE of entiteiten (DTD) wordt niet gelezen (die kunnen zich "
                          "eindeloos uitvouwen of andere bestanden openen): schrijf de IRI's voluit", line)
    if fmt == "json-ld":
        try:
            doc = json.loads(text, parse_constant=_no_constants)
        except ValueError as exc:
            raise Refused(f"geen geldige JSON: {exc}", getattr(exc, "lineno", None)) from None
        return json.dumps(builtin_contexts(doc))
    return text

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
        g.parse(data=_safe_text(text, rdf_format(path)), format=rdf_format(path), publicID=path.resolve().as_uri())
    except Refused as exc:
        problems.append(Problem(str(path), exc.line, None, None, str(exc), "refused"))
        return Graph(), {}
    except Exception as exc:  # rdflib's parsers raise many exception types
        line = getattr(exc, "lines", None)
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        elif isinstance(line, int):
            line += 1  # the Turtle parser counts from 0
        lines = [ln for ln in str(exc).strip().splitlines() if ln.strip() and not re.match(r"^at line \d+ of", ln)]
        message = lines[0][:300] if lines else type(exc).__name__
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
