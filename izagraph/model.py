"""The tabular input format as data: one :class:`FileSpec` per CSV file / XLSX sheet.

``docs/data-format.md`` documents the same columns for people; ``tests/test_model.py`` keeps the two
in step. Column kinds:

- ``id``: a lowercase slug, unique for the file's entity kind
- ``text``, ``number``, ``date``, ``bool``
- ``ref:<kind>``: the id of an entity of that kind (``member`` also accepts gemeente codes and persons)
- ``concept:<scheme>``: a notation of a concept in an ontology scheme
- a ``list`` flag: several values separated by ``;``
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    many: bool = False
    default: str | None = None


@dataclass(frozen=True)
class FileSpec:
    name: str            # file stem / sheet name
    entity: str | None   # the entity kind an ``id`` column defines (None: a link file)
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


C = Column

FILE_SPECS: tuple[FileSpec, ...] = (
    FileSpec("sources", "source", (
        C("id", "id", True), C("title", "text", True), C("publisher", "text"), C("url", "text"),
        C("date", "date"), C("kind", "concept:evidence", True),
        C("confidence", "concept:confidence"), C("licence", "text"), C("note", "text"),
    )),
    FileSpec("gemeenten", "gemeente", (
        C("code", "gemeente-code", True), C("name", "text", True), C("source", "ref:source", True),
    )),
    FileSpec("regions", "region", (
        C("id", "id", True), C("name", "text", True), C("division", "concept:division", True),
        C("code", "text"), C("status", "concept:region-status", default="source"),
        C("parent", "ref:region"), C("source", "ref:source", True), C("note", "text"),
    )),
    FileSpec("region_members", None, (
        C("region", "ref:region", True), C("gemeente", "ref:gemeente", True),
        C("status", "concept:region-status"), C("method", "concept:membership-method"),
        C("source", "ref:source"), C("note", "text"),
    )),
    FileSpec("organisations", "organisation", (
        C("id", "id", True), C("name", "text", True), C("sector", "concept:perspective", True),
        C("source", "ref:source", True), C("note", "text"), C("aliases", "text", many=True),
    )),
    FileSpec("persons", "person", (
        C("id", "id", True), C("name", "text", True), C("source", "ref:source", True),
    )),
    FileSpec("tables", "table", (
        C("id", "id", True), C("name", "text", True), C("kind", "concept:table-kind", True),
        C("programmes", "concept:programme", True, many=True), C("region", "ref:region"),
        C("gemeenten", "ref:gemeente", many=True), C("level", "concept:level"), C("parent", "ref:table"),
        C("chair_type", "concept:chair-type"), C("decision_rule", "concept:decision-rule"),
        C("meetings_per_year", "number"), C("start", "date"), C("end", "date"),
        C("regional_structure", "bool"), C("source", "ref:source", True), C("note", "text"),
        C("tasks", "concept:task", many=True),
    )),
    FileSpec("table_themes", None, (
        C("table", "ref:table", True), C("theme", "concept:theme", True),
    )),
    FileSpec("memberships", None, (
        C("table", "ref:table", True), C("member", "ref:member"),
        C("role", "concept:role", default="lid"), C("perspective", "concept:perspective"),
        C("on_behalf_of", "ref:party", many=True), C("mandate", "bool"), C("start", "date"),
        C("end", "date"), C("source", "ref:source", True), C("note", "text"),
        C("holders", "number"), C("holder_title", "text"),
    )),
    FileSpec("plans", "plan", (
        C("id", "id", True), C("name", "text", True), C("kind", "concept:plan-kind", True),
        C("region", "ref:region"), C("tables", "ref:table", many=True), C("date", "date"),
        C("source", "ref:source", True),
    )),
    FileSpec("region_grants", None, (
        C("region", "ref:region", True), C("scheme", "concept:grant-scheme", True), C("year", "date", True),
        C("amount_eur", "number", True), C("recipient", "ref:party"), C("source", "ref:source", True),
        C("note", "text"),
    )),
    FileSpec("region_aspects", None, (
        C("region", "ref:region", True), C("variant", "concept:aspect", True),
        C("source", "ref:source", True),
    )),
)

SPECS = {spec.name: spec for spec in FILE_SPECS}
REQUIRED_FILES = ("sources", "gemeenten", "regions")
