"""Read a dataset given as a folder of CSV files or as one XLSX workbook into located rows."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..model import REQUIRED_FILES, SPECS


@dataclass(frozen=True)
class Row:
    """One input row with where it came from (``number`` is the spreadsheet row; header = 1)."""

    file: str
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


Rows = dict[str, list[Row]]


def _check_header(label: str, spec_name: str, header: list[str], problems: list[Problem]) -> list[str]:
    spec = SPECS[spec_name]
    known = spec.column_names
    for name in header:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(Problem(label, 1, name, name, "onbekende kolom", "unknown-column",
                                    close[0] if close else None))
    for col in spec.columns:
        if col.required and col.name not in header:
            problems.append(Problem(label, 1, col.name, None, "verplichte kolom ontbreekt", "missing-column"))
    seen: set[str] = set()
    kept: list[str | None] = []
    for name in header:
        if name in seen and name:
            problems.append(Problem(label, 1, name, name, "kolom komt twee keer voor in de kop", "duplicate-column"))
            kept.append(None)
            continue
        seen.add(name)
        kept.append(name if name in known else None)
    return kept


def _decode(data: bytes, label: str, problems: list[Problem]) -> str:
    """UTF-8 text; a file in Windows-1252/Latin-1 (Excel's default "CSV") is read as such and reported once."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(Problem(label, line, None, None,
                                "het bestand is geen UTF-8 maar lijkt Windows-1252/Latin-1 (zoals Excel 'CSV' "
                                "opslaat); gelezen als Windows-1252: sla het op als 'CSV UTF-8'", "encoding"))
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _delimiter(first_line: str, known: list[str]) -> str:
    """',' unless the header only makes sense split on ';' or a tab (Dutch Excel writes ';')."""
    def hits(sep: str) -> int:
        return sum(h.strip().strip('"') in known for h in first_line.split(sep))
    best = max((",", ";", "\t"), key=lambda sep: (hits(sep), sep == ","))
    return best if hits(best) > hits(",") else ","


def read_csv_folder(folder: Path, problems: list[Problem]) -> Rows:
    """Read every known ``*.csv`` in ``folder``; unknown file names are reported."""
    rows: Rows = {}
    names = sorted(p.stem for p in folder.glob("*.csv"))
    for stem in names:
        path = folder / f"{stem}.csv"
        label = str(path)
        if stem not in SPECS:
            close = difflib.get_close_matches(stem, list(SPECS), n=1)
            problems.append(Problem(label, None, None, stem, "onbekend bestand (geen izagraph-tabel)",
                                    "unknown-file", f"{close[0]}.csv" if close else None))
            continue
        if path.is_symlink() and not path.exists():
            problems.append(Problem(label, None, None, None, "symbolische koppeling naar een bestand dat niet "
                                    "bestaat", "unreadable"))
            continue
        if not path.is_file():
            problems.append(Problem(label, None, None, None, "is geen bestand (een map?): verwacht een CSV-bestand",
                                    "unreadable"))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(label, None, None, None, f"bestand niet leesbaar: {exc.strerror or exc}",
                                    "unreadable"))
            continue
        text = _decode(data, label, problems)
        first = text.split("\n", 1)[0]
        sep = _delimiter(first, SPECS[stem].column_names)
        if sep != ",":
            problems.append(Problem(label, 1, None, None,
                                    f"kolommen gescheiden door {'puntkomma' if sep == ';' else 'tabs'} in plaats van "
                                    "komma's (zoals Nederlandse Excel opslaat); zo gelezen: sla het op als "
                                    "'CSV UTF-8 (door komma's gescheiden)'", "delimiter"))
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
            header = [h.strip() for h in next(reader, [])]
            header = _check_header(label, stem, header, problems)
            out = []
            for number, record in enumerate(reader, start=2):
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) > len(header):
                    problems.append(Problem(label, number, None, ",".join(record[len(header):]),
                                            f"rij heeft {len(record)} velden, de kop {len(header)}",
                                            "ragged-row"))
                out.append(Row(label, number, _zip(header, record)))
            rows[stem] = out
        except csv.Error as exc:
            problems.append(Problem(label, reader.line_num or None, None, None, f"CSV niet leesbaar: {exc}", "syntax"))
    return rows


def _zip(header: list[str | None], record) -> dict[str, str]:
    """Cells by column name; columns reported as unknown or duplicate (None) are left out."""
    return {h: v for h, v in zip(header, record) if h is not None}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_workbook(path: Path, problems: list[Problem]) -> Rows:
    """Read an XLSX workbook whose sheets are named like the CSV files."""
    from openpyxl import load_workbook

    rows: Rows = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        problems.append(Problem(str(path), None, None, None, f"werkmap niet leesbaar: {exc}", "syntax"))
        return rows
    try:
        for ws in wb.worksheets:
            label = f"{path}[{ws.title}]"
            if ws.title.startswith("_"):  # help sheets (e.g. the governance scan's _lees-mij and _codes)
                continue
            if ws.title not in SPECS:
                close = difflib.get_close_matches(ws.title, list(SPECS), n=1)
                problems.append(Problem(label, None, None, ws.title, "onbekend werkblad", "unknown-file",
                                        close[0] if close else None))
                continue
            rows[ws.title] = _sheet_rows(ws, label, problems)
    except Exception as exc:  # a damaged sheet (or XML entities, refused by defusedxml) surfaces while reading
        problems.append(Problem(str(path), None, None, None,
                                f"werkmap niet leesbaar: {type(exc).__name__}: {str(exc)[:200]}", "syntax"))
    finally:
        wb.close()
    return rows


def _sheet_rows(ws, label: str, problems: list[Problem]) -> list[Row]:
    it = ws.iter_rows(values_only=True)
    header = [_cell(h).strip() for h in next(it, ())]
    while header and not header[-1]:
        header.pop()
    kept = _check_header(label, ws.title, header, problems)
    out = []
    for number, record in enumerate(it, start=2):
        values = [_cell(v) for v in record]
        if not any(v.strip() for v in values):
            continue
        out.append(Row(label, number, _zip(kept, values)))
    return out


def missing_required(all_rows: list[Rows], label: str) -> list[Problem]:
    present = {name for rows in all_rows for name in rows}
    return [Problem(label, None, None, name, f"verplicht bestand ontbreekt: {name}.csv / werkblad {name}",
                    "missing-file") for name in REQUIRED_FILES if name not in present]
