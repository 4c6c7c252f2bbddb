"""The governance scan: an XLSX workbook a region fills in (``izagraph template --scan REGION``).

It *is* the XLSX input format (one sheet per input file, exactly the documented columns), so a filled
scan is validated and loaded like any other input — ``izagraph load data/real scan.xlsx`` — and then
feeds the region's report page. On top of the plain template it has:

- a ``sources`` row for the scan itself (id ``scan-<region>``), so every row can name its source;
- drop-down lists (data validation) on every coded column, from the ontology's concept schemes, on the
  ``region`` columns (the region and its parts) and on the ja/nee columns;
- two help sheets whose names start with ``_`` (the loader skips them): ``_lees-mij`` with the steps and
  ``_codes`` with every code list and, for the aspects, the group, label and definition from the IZA
  governance report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import IzagraphError
from ..model import FILE_SPECS
from ..namespaces import SKOS
from ..vocab import Vocabulary, vocabulary

HELP_PREFIX = "_"
ROWS = 200  # rows with drop-downs per sheet


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def scan_workbook(region_id: str, region_label: str, parts: list[str], *, lang: str = "nl",
                  vocab: Vocabulary | None = None, today: str | None = None):
    """The scan for one region as an openpyxl Workbook (pure: nothing is written)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    vocab = vocab or vocabulary()
    today = today or dt.date.today().isoformat()
    wb = Workbook()
    readme = wb.active
    readme.title = f"{HELP_PREFIX}lees-mij"
    source_id = f"scan-{region_id}"
    nl = lang == "nl"
    lines = [
        (f"Governance-scan: {region_label}" if nl else f"Governance scan: {region_label}"),
        "",
        ("1. Vul per werkblad uw tafels (tables), leden (organisations, persons, memberships), thema's "
         "(table_themes), plannen (plans) en de gekozen governance-varianten (region_aspects) in." if nl else
         "1. Fill in your tables (tables), members (organisations, persons, memberships), themes (table_themes), "
         "plans (plans) and the governance variants you chose (region_aspects), one sheet each."),
        ("2. Gebruik de keuzelijsten; werkblad _codes legt elke code uit (aspecten en varianten uit het rapport "
         "'Impressie regionale (IZA-)governance')." if nl else
         "2. Use the drop-down lists; sheet _codes explains every code (aspects and variants from the report "
         "'Impressie regionale (IZA-)governance')."),
        (f"3. Geef als bron '{source_id}' op (staat al in werkblad sources)." if nl else
         f"3. Give '{source_id}' as the source (already in sheet sources)."),
        ("4. Controleer en laad: izagraph validate data/real scan.xlsx ; izagraph load data/real scan.xlsx ; "
         f"izagraph report -o out/report --region {region_id}" if nl else
         "4. Check and load: izagraph validate data/real scan.xlsx ; izagraph load data/real scan.xlsx ; "
         f"izagraph report -o out/report --region {region_id}"),
        ("Werkbladen waarvan de naam met _ begint, worden bij het laden overgeslagen." if nl else
         "Sheets whose name starts with _ are skipped when loading."),
        "", f"region: {region_id}", f"{'aangemaakt' if nl else 'created'}: {today}",
    ]
    for line in lines:
        readme.append([line])
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 140

    # code lists: one column per scheme (and the region ids, and ja/nee)
    codes = wb.create_sheet(f"{HELP_PREFIX}codes")
    lists: dict[str, list[str]] = {"region": [region_id, *parts], "bool": ["ja", "nee"]}
    schemes = sorted({c.kind.split(":", 1)[1] for spec in FILE_SPECS for c in spec.columns
                      if c.kind.startswith("concept:")})
    for s in schemes:
        lists[s] = sorted(vocab.notations(s))
    ranges = {}
    for i, (name, values) in enumerate(lists.items(), start=1):
        col = _column_letter(i)
        codes.cell(row=1, column=i, value=name).font = Font(bold=True)
        for j, v in enumerate(values, start=2):
            codes.cell(row=j, column=i, value=v)
        ranges[name] = f"'{codes.title}'!${col}$2:${col}${max(2, len(values) + 1)}"
    # the aspects explained, next to the lists
    start = len(lists) + 2
    heads = ["aspect-code", "groep" if nl else "group", "label", "definitie" if nl else "definition"]
    for k, h in enumerate(heads):
        codes.cell(row=1, column=start + k, value=h).font = Font(bold=True)
    row = 2
    for code, iri in sorted(vocab.notations("aspect").items(), key=lambda kv: str(kv[1])):
        groups = [vocab.notation(b) for b in vocab.broader_closure(iri) if b != iri]
        codes.cell(row=row, column=start, value=code)
        codes.cell(row=row, column=start + 1, value=", ".join(sorted(g for g in groups if g)))
        codes.cell(row=row, column=start + 2, value=vocab.label(iri, lang))
        codes.cell(row=row, column=start + 3, value=vocab.text(iri, SKOS.definition, lang))
        row += 1

    for spec in FILE_SPECS:
        ws = wb.create_sheet(spec.name)
        ws.append(spec.column_names)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        if spec.name == "sources":
            ws.append([source_id, f"Governance-scan {region_label}", "", "", today, "real", "medium", "", ""][
                :len(spec.column_names)])
        for i, col in enumerate(spec.columns, start=1):
            ws.column_dimensions[_column_letter(i)].width = max(14, len(col.name) + 4)
            key = (col.kind.split(":", 1)[1] if col.kind.startswith("concept:") else
                   "region" if col.kind == "ref:region" else "bool" if col.kind == "bool" else None)
            if key is None or col.many:
                continue
            dv = DataValidation(type="list", formula1=ranges[key], allow_blank=True,
                                error=("Kies een waarde uit de lijst (zie _codes)" if nl else
                                       "Pick a value from the list (see _codes)"), showErrorMessage=True)
            letter = _column_letter(i)
            first = 3 if spec.name == "sources" else 2
            dv.add(f"{letter}{first}:{letter}{ROWS}")
            ws.add_data_validation(dv)
    return wb


def write_scan(target: Path, region_id: str, region_label: str, parts: list[str], *, lang: str = "nl",
               today: str | None = None) -> Path:
    """Write the scan to ``target`` (an ``.xlsx`` file that does not exist yet)."""
    target = Path(target)
    if target.exists():
        raise IzagraphError(f"{target} bestaat al; kies een nieuwe bestandsnaam")
    if target.suffix.lower() != ".xlsx":
        raise IzagraphError(f"de governance-scan is een werkmap: geef een bestandsnaam op die eindigt op .xlsx, "
                            f"niet {target.name}")
    wb = scan_workbook(region_id, region_label, parts, lang=lang, today=today)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    wb.save(tmp)
    tmp.replace(target)
    return target
