"""The tables of the national page as rows, shared by the HTML, Markdown and CSV writers (pure).

A cell is a :class:`Cell` (text, a CSS class for its status, an optional link); :func:`plain` turns a
table into the plain rows that :func:`izagraph.output.render` writes as Markdown or CSV, so the three
formats show the same numbers.

>>> t = Table("x", "X", ["a"], [{"a": Cell("1", "ok")}])
>>> plain(t)
[{'a': '1'}]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..summary import severity_label
from .texts import words


@dataclass(frozen=True)
class Cell:
    text: str
    cls: str = ""
    href: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    note: str = ""


def plain(table: Table) -> list[dict[str, str]]:
    return [{c: str(r.get(c, "")) for c in table.columns} for r in table.rows]


def _status(t: dict, value: str | None) -> Cell:
    if value is None:
        return Cell("", "")
    return Cell(t.get(value, value), value)


def _basis(t: dict, basis: str | None, confidence: str | None, has_data: bool) -> tuple[Cell, Cell]:
    if not has_data:
        return Cell(t["no_data"], "no_data"), Cell("", "")
    return (Cell(t.get(f"basis.{basis}", basis or ""), f"basis-{basis}"),
            Cell(t.get(f"confidence.{confidence or 'none'}", confidence or ""), f"conf-{confidence or 'none'}"))


def scorecard_table(section: dict, criteria: list[dict], lang: str) -> Table:
    """One row per region of the division; a region without data says so in every governance column.

    The criterion on gemeenten (with mandate) is one of the perspective columns."""
    t = words(lang)
    # a division of which no region has governance data (the SPUK regions) gets no columns that would say
    # 'geen gegevens' in every row: 'gedeelde governance' says it once per row, the note says why
    compact = not any(card["has_data"] for card in section["regions"])
    cols = [t["region"], t["status"], t["gemeenten"], t["governance"]] + ([] if compact else [
        *[c["label"] for c in criteria], t["werkagenda"], t["monitoring"], t["tables"], t["seats"], t["layers"],
        t["drukte"], t["dup"], t["findings"], t["basis"], t["confidence"]])
    with_grants = any(card["grants"] for card in section["regions"])
    years = sorted({x["year"] for card in section["regions"] for x in card["grants"]})
    if with_grants:  # e.g. the SPUK IZA samenwerkingsregio's: mandaatgemeente and amounts, with their source
        cols += [t["recipient"], *(f"{t['grant']} {y}" for y in years), t["grant_source"]]
    sources = {x["source_id"]: x["source"] for card in section["regions"] for x in card["grants"] if x["source_id"]}
    note = (t["sources"] + ": " + "; ".join(f"{k} = {v}" for k, v in sorted(sources.items()))) if sources else ""
    rows = []
    for card in section["regions"]:
        nd = not card["has_data"]
        num = (lambda v: Cell(t["no_data"], "no_data") if nd else Cell(str(v), "num"))  # noqa: E731
        basis, conf = _basis(t, card["basis"], card["confidence"], card["has_data"])
        row = {t["region"]: Cell(card["label"], "name", card["href"]),
               t["status"]: Cell(t[f"status.{card['status']}"], f"status-{card['status']}"),
               t["gemeenten"]: (Cell(t["composition_unknown"], "no_data") if card["status"] == "unknown"
                                and not card["gemeenten"] else Cell(str(card["gemeenten"]), "num")),
               t["governance"]: _status(t, card["governance"])}
        for c in criteria:
            row[c["label"]] = _status(t, card["perspectives"][c["id"]])
        row.update({t["werkagenda"]: _status(t, card["werkagenda"]),
                    t["monitoring"]: _status(t, card["monitoring"]), t["tables"]: num(card["tables"]),
                    t["seats"]: num(card["seats"]), t["layers"]: num(card["layers"]),
                    t["drukte"]: num(card["drukte"]), t["dup"]: num(card["duplicates"]),
                    t["findings"]: num(card["findings"]), t["basis"]: basis, t["confidence"]: conf})
        if with_grants:
            row[t["recipient"]] = Cell(", ".join(card["recipients"]))
            for y in years:  # one amount per year (summed when a region has more than one grant in a year)
                amounts = [x["amount"] for x in card["grants"] if x["year"] == y and x["amount"] is not None]
                row[f"{t['grant']} {y}"] = Cell(euro(sum(amounts), lang) if amounts else "", "num")
            row[t["grant_source"]] = Cell("; ".join(card["grant_sources"]))
        rows.append({c: row[c] for c in cols})
    return Table(f"scorecard-{section['notation']}", f"{t['scorecard']}: {section['label']}", cols, rows, note)


def euro(amount: float | None, lang: str) -> str:
    """An amount in euros as a reader writes it.

    >>> euro(3161954, "nl"), euro(3161954, "en"), euro(None, "nl")
    ('€ 3.161.954', '€ 3,161,954', '')
    """
    if amount is None:
        return ""
    text = f"{amount:,.0f}"
    return "€ " + (text.replace(",", ".") if lang == "nl" else text)


def coverage_table(data: dict, lang: str) -> Table:
    """Regions and gemeenten per division: from a source / inferred / unknown (the figures of ``izagraph info``)."""
    t = words(lang)
    cols = [t["division"], t["regions"], t["expected"], f"{t['regions']}: {t['status.source']}",
            f"{t['regions']}: {t['status.inferred']}", f"{t['regions']}: {t['status.unknown']}",
            f"{t['gemeenten']}: {t['known']}", f"{t['gemeenten']}: {t['inferred']}",
            f"{t['gemeenten']}: {t['unknown']}"]
    keys = ["regions", "expected_regions", "regions_source", "regions_inferred", "regions_unknown", "known",
            "inferred", "unknown"]
    rows = [dict(zip(cols, [Cell(c["label"], "name"),
                            *(Cell("" if c[k] is None else str(c[k]), "num") for k in keys)]))
            for c in data["coverage"]]
    return Table("coverage", t["coverage"], cols, rows)


def congruence_table(data: dict, lang: str) -> Table:
    t = words(lang)
    labels = data["division_labels"]
    cm = data["congruence"]
    cols = ["A", "B", t["compared"], "A ⊂ B", "B ⊂ A", "ARI"]
    rows = []
    divs = cm["divisions"]
    for i, a in enumerate(divs):
        for b in divs[i + 1:]:
            ab, ba = cm["cells"].get((a, b)), cm["cells"].get((b, a))
            if ab is None:
                continue
            rows.append(dict(zip(cols, [Cell(labels.get(a, a)), Cell(labels.get(b, b)),
                                        Cell(str(ab["compared"]), "num"), Cell(f"{ab['nesting']:.0%}", "num"),
                                        Cell(f"{ba['nesting']:.0%}", "num"), Cell(f"{ab['ari']:.2f}", "num")])))
    return Table("congruence", t["congruence"], cols, rows, t["congruence_note"])


def findings_table(id_: str, title: str, rows: list[dict], lang: str) -> Table:
    t = words(lang)
    cols = [t["severity"], t["rule"], t["subject"], t["message"], t["regions"], t["basis"], t["confidence"],
            t["gap"], t["advice"]]
    out = []
    for r in rows:
        out.append(dict(zip(cols, [Cell(severity_label(r["severity"], lang), f"sev-{r['severity']}"), Cell(r["rule"]), Cell(r["subject"]),
                                   Cell(r["message"]), Cell("; ".join(r["regions"])),
                                   Cell(t.get(f"basis.{r['basis']}", r["basis"]), f"basis-{r['basis']}"),
                                   Cell(t.get(f"confidence.{r['confidence'] or 'none'}", ""),
                                        f"conf-{r['confidence'] or 'none'}"),
                                   Cell(t[f"gap.{r['gap']}"], f"gap-{r['gap']}"),
                                   Cell(r["advice"])])))
    return Table(id_, title, cols, out)


def severity_table(data: dict, lang: str) -> Table:
    t = words(lang)
    cols = [t["severity"], t["findings"]]
    return Table("severity", t["severity_counts"], cols,
                 [{cols[0]: Cell(severity_label(s, lang), f"sev-{s}"), cols[1]: Cell(str(n), "num")}
                  for s, n in data["severity_counts"].items()])


def national_tables(data: dict) -> list[Table]:
    """Every table of the national page, in page order."""
    lang = data["lang"]
    t = words(lang)
    out = [coverage_table(data, lang), severity_table(data, lang)]
    out += [scorecard_table(s, data["criteria"], lang) for s in data["divisions"]]
    out += [congruence_table(data, lang),
            findings_table("hotspots", t["hotspots"], data["hotspots"], lang),
            findings_table("duplicates", t["duplicates"], data["duplicates"], lang)]
    return out
