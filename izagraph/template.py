"""Empty input templates: one CSV file (or XLSX sheet) per kind, with exactly the documented headers."""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import IzagraphError
from .model import FILE_SPECS


def write_template(target: Path, xlsx: bool = False) -> list[Path]:
    """Write an empty dataset to ``target`` (a folder, or an ``.xlsx`` file); never overwrites."""
    target = Path(target)
    if xlsx:
        if target.exists():
            raise IzagraphError(f"{target} bestaat al; kies een nieuwe bestandsnaam")
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        wb.remove(wb.active)
        for spec in FILE_SPECS:
            ws = wb.create_sheet(spec.name)
            ws.append(spec.column_names)
            for cell in ws[1]:
                cell.font = Font(bold=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(target)
        return [target]
    paths = [target / f"{spec.name}.csv" for spec in FILE_SPECS]
    existing = [p for p in paths if p.exists()]
    if existing:
        raise IzagraphError(f"{existing[0]} bestaat al; kies een lege map")
    target.mkdir(parents=True, exist_ok=True)
    for spec, path in zip(FILE_SPECS, paths):
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerow(spec.column_names)
    return paths
