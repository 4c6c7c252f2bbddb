"""One error root for everything that means "could not run".

Findings are values, not exceptions: a check that finds problems returns them. An exception means the
input could not be read, a query or setting is wrong, or a server is unreachable. The CLI turns every
:class:`IzagraphError` into one ``Error: ...`` line and its ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class IzagraphError(Exception):
    """Root of all izagraph errors; ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class QueryNotFound(IzagraphError):
    """No query file with that name in ``queries/`` (and no such file on disk)."""


class ParameterError(IzagraphError):
    """An unknown query/rule parameter, or a value of the wrong type."""


class StoreNotFound(IzagraphError):
    """No store at the given location: run ``izagraph load`` first."""


class StoreRefused(IzagraphError):
    """``load --store`` names something that is not an izagraph store (nothing is touched)."""


class BackendUnavailable(IzagraphError):
    """A server (Neo4j, SPARQL endpoint) cannot be reached or refuses us."""


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located as precisely as the format allows.

    ``row`` is the spreadsheet row (the header is row 1) for CSV/XLSX and the line for RDF.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    code: str = "invalid"
    suggestion: str | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"rij {self.row}" if self.column else f"regel {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.value not in (None, ""):
            text += f" (waarde: {self.value!r})"
        if self.suggestion:
            text += f"; bedoelde u {self.suggestion!r}?"
        return text


@dataclass
class InputError(IzagraphError):
    """The input has problems; all of them are listed, not just the first. Exit 1, as ``validate``."""

    exit_code = 1
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} {'probleem' if n == 1 else 'problemen'} in de invoer"
        return head + "".join(f"\n  {p}" for p in self.problems)
