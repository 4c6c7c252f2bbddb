"""Queries as data: each ``queries/<name>.rq`` (SPARQL) and ``queries/<name>.cypher`` (its Cypher twin).

A query file starts with a header in comments (``#`` for SPARQL, ``//`` for Cypher) that is YAML::

    # id: table-members
    # kind: extract          (rule | extract | info | example)
    # title: {nl: ..., en: ...}
    # description: {nl: ..., en: ...}
    # params:
    #   region: {type: region, default: null, description: {nl: ..., en: ...}}

The rest of the file runs unchanged in any SPARQL console (or Neo4j Browser). Values are bound as
parameters (SPARQL: variable substitution of ``?region``; Cypher: ``$region``), never pasted into text.
A parameter left at a ``null`` default stays unbound, so ``?region`` then matches every region. Oxigraph
substitutes variables the SEP-0007 way, which requires a bound SPARQL variable to be in the SELECT
projection. Parameters that the query text does not mention (thresholds used by Python scoring) are
not bound at all.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ParameterError, QueryNotFound
from .namespaces import concept, entity_iri, gemeente_iri
from .resources import QUERIES_DIR

#: libyaml's safe loader when PyYAML was built with it (ten times faster on the 16 rule headers every
#: command reads), else the pure-Python one; both construct only plain data.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LANGUAGES = {".rq": "sparql", ".sparql": "sparql", ".cypher": "cypher"}
COMMENT = {"sparql": "#", "cypher": "//"}
# Parameter types that name an entity or concept are turned into IRIs before binding.
ENTITY_TYPES = {"region", "table", "organisation", "person", "plan"}
CONCEPT_TYPES = {"programme", "theme", "division", "perspective"}
SCALAR_TYPES = {"string", "integer", "number", "boolean"}
# What an id or IRI parameter may look like (an IRI with a space would break the query engine).
IRI_SAFE = re.compile(r"^[^\s<>\"{}|^`\\\x00-\x1f]+$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    default: object = None
    description: dict = field(default_factory=dict)

    def convert(self, raw) -> object:
        """A user value (string from the CLI, or Python) converted to the bound value."""
        if raw is None:
            return None
        try:
            if self.type == "integer":
                return int(raw)
            if self.type == "number":
                value = float(raw)
                if not math.isfinite(value):
                    raise ValueError(raw)
                return value
            if self.type == "boolean":
                if isinstance(raw, bool):
                    return raw
                v = str(raw).strip().lower()
                if v in ("true", "ja", "1", "yes"):
                    return True
                if v in ("false", "nee", "0", "no"):
                    return False
                raise ValueError(raw)
        except ValueError:
            raise ParameterError(f"parameter '{self.name}' verwacht een {self.type}, niet {raw!r}") from None
        text = str(raw).strip()
        if self.is_iri and not IRI_SAFE.match(text):
            raise ParameterError(f"parameter '{self.name}': {raw!r} is geen geldige id of IRI (geen spaties of "
                                 "tekens als <>\"{}|^`\\; een id is bv. iza-haaglanden)")
        if text.startswith(("http://", "https://")):
            return text
        if self.type in ENTITY_TYPES:
            return str(entity_iri(self.type, text))
        if self.type == "gemeente":
            return str(gemeente_iri(text))
        if self.type in CONCEPT_TYPES:
            return str(concept(self.type, text))
        return text

    @property
    def is_iri(self) -> bool:
        return self.type in ENTITY_TYPES | CONCEPT_TYPES | {"gemeente", "iri"}


@dataclass(frozen=True)
class Query:
    name: str
    language: str
    text: str
    header: dict
    path: Path | None = None

    @property
    def params(self) -> dict[str, Param]:
        out = {}
        for name, spec in (self.header.get("params") or {}).items():
            spec = spec or {}
            out[name] = Param(name, spec.get("type", "string"), spec.get("default"), spec.get("description") or {})
        return out

    @property
    def kind(self) -> str:
        return self.header.get("kind", "example")

    def title(self, lang: str = "nl") -> str:
        t = self.header.get("title") or {}
        return t.get(lang) or t.get("nl") or self.name

    def description(self, lang: str = "nl") -> str:
        d = self.header.get("description") or {}
        return (d.get(lang) or d.get("nl") or "").strip()

    def bind(self, given: dict[str, object] | None = None) -> dict[str, object]:
        """Defaults overlaid with ``given``; unknown names raise :class:`ParameterError`."""
        given = dict(given or {})
        params = self.params
        unknown = sorted(set(given) - set(params))
        if unknown:
            hint = difflib.get_close_matches(unknown[0], list(params), n=1)
            known = ", ".join(sorted(params)) or "geen"
            raise ParameterError(f"onbekende parameter '{unknown[0]}' voor {self.name}"
                                 + (f"; bedoelde u '{hint[0]}'?" if hint else "") + f" (bekend: {known})")
        return {name: p.convert(given.get(name, p.default)) for name, p in params.items()}


def parse_query(text: str, name: str, language: str, path: Path | None = None) -> Query:
    prefix = COMMENT[language]
    header_lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(prefix):
            header_lines.append(stripped[len(prefix):].removeprefix(" "))
        elif stripped:
            break
        else:
            header_lines.append("")
    try:
        header = yaml.load("\n".join(header_lines), Loader=_SAFE_LOADER) if header_lines else {}
    except yaml.YAMLError:
        header = {}
    if not isinstance(header, dict):
        header = {}
    return Query(header.get("id", name), language, text, header, path)


def _parsed(path: Path, language: str) -> Query:
    # A rule run reads each header several times; parsing the YAML again cost seconds per check.
    stat = path.stat()
    return _parse_file(str(path), stat.st_mtime_ns, stat.st_size, language)


@functools.lru_cache(maxsize=256)
def _parse_file(path: str, mtime_ns: int, size: int, language: str) -> Query:
    del mtime_ns, size  # part of the cache key: an edited file is parsed again
    file = Path(path)
    return parse_query(file.read_text(encoding="utf-8"), file.stem, language, file)


def load_query(name_or_path: str | Path, language: str = "sparql", directory: Path = QUERIES_DIR) -> Query:
    """A query by name (stem in ``queries/``) or by file path."""
    path = Path(name_or_path)
    if path.suffix in LANGUAGES and path.exists():
        return _parsed(path, LANGUAGES[path.suffix])
    ext = ".rq" if language == "sparql" else ".cypher"
    candidate = directory / f"{name_or_path}{ext}"
    if candidate.exists():
        return _parsed(candidate, language)
    names = sorted(p.stem for p in directory.glob(f"*{ext}"))
    hint = difflib.get_close_matches(str(name_or_path), names, n=1)
    raise QueryNotFound(f"geen query '{name_or_path}' ({language}) in {directory}"
                        + (f"; bedoelde u '{hint[0]}'?" if hint else "") + " — zie 'izagraph query --list'")


def list_queries(language: str = "sparql", directory: Path = QUERIES_DIR, kind: str | None = None) -> list[Query]:
    ext = ".rq" if language == "sparql" else ".cypher"
    out = [load_query(p.stem, language, directory) for p in sorted(directory.glob(f"*{ext}"))]
    return [q for q in out if kind is None or q.kind == kind]
