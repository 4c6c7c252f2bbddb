"""A synthetic governance dataset of any size, written as an izagraph CSV folder.

Deterministic for a given seed. Gemeenten and regions are made up (codes GM9000+ would clash with real
ones, so the generator uses its own numbering inside one dataset). Used by the benchmarks only.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

PROGRAMMES = ["iza", "gala", "wozo", "taz", "roaz", "jeugd", "regulier"]
THEMES = ["kwetsbare-ouderen", "mentale-gezondheid", "gezondheidsverschillen", "digitalisering",
          "arbeidsmarkt-onderwijs", "acute-zorg", "jeugd-gezin", "preventie"]
SECTORS = ["ziekenhuis", "ggz", "vvt", "huisartsen", "zorgverzekeraar", "ggd", "welzijn", "patientenorganisatie",
           "onderwijs", "werkgevers", "woningcorporatie", "gehandicaptenzorg"]
KINDS = ["stuurgroep", "regiegroep", "themateam", "werkgroep", "overleg"]


def _write(folder: Path, name: str, header: list[str], rows) -> None:
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def generate(folder: Path, organisations: int = 5000, tables: int = 2000, memberships: int = 50000,
             gemeenten: int = 342, regions: int = 38, seed: int = 42) -> Path:
    """Write a dataset with roughly the given counts into ``folder`` and return it."""
    rnd = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, "sources", ["id", "title", "kind"], [["synthetic", "Synthetische benchmarkdata", "illustrative"]])
    gm = [f"GM{1000 + i:04d}" for i in range(gemeenten)]
    _write(folder, "gemeenten", ["code", "name", "source"], [[c, f"Gemeente {c}", "synthetic"] for c in gm])
    region_ids = [f"iza-r{i:02d}" for i in range(regions)]
    _write(folder, "regions", ["id", "name", "division", "source"],
           [[r, f"Regio {r}", "iza", "synthetic"] for r in region_ids]
           + [[f"zorgkantoor-z{i:02d}", f"Zorgkantoor {i}", "zorgkantoor", "synthetic"] for i in range(31)])
    members = [[region_ids[i * regions // gemeenten], c] for i, c in enumerate(gm)]
    members += [[f"zorgkantoor-z{(i * 31 // gemeenten + (1 if i % 17 == 0 else 0)) % 31:02d}", c] for i, c in enumerate(gm)]
    _write(folder, "region_members", ["region", "gemeente"], members)
    orgs = [f"org-{i:05d}" for i in range(organisations)]
    org_region = {o: rnd.randrange(regions) for o in orgs}
    _write(folder, "organisations", ["id", "name", "sector", "source"],
           [[o, f"Organisatie {o}", rnd.choice(SECTORS), "synthetic"] for o in orgs])
    table_ids = [f"tafel-{i:05d}" for i in range(tables)]
    table_region = {t: i % regions for i, t in enumerate(table_ids)}
    rows = []
    for i, t in enumerate(table_ids):
        parent = table_ids[i - regions] if i >= regions else ""
        rows.append([t, f"Tafel {t}", rnd.choice(KINDS), rnd.choice(PROGRAMMES), region_ids[table_region[t]], parent,
                     str(rnd.choice([4, 6, 10, 12])), f"{rnd.randrange(2016, 2025)}", "ja" if i < regions else "nee",
                     "synthetic"])
    _write(folder, "tables", ["id", "name", "kind", "programmes", "region", "parent", "meetings_per_year", "start",
                              "regional_structure", "source"], rows)
    _write(folder, "table_themes", ["table", "theme"],
           [[t, th] for t in table_ids for th in rnd.sample(THEMES, rnd.randint(1, 2))])
    by_region: dict[int, list[str]] = {}
    for o, r in org_region.items():
        by_region.setdefault(r, []).append(o)
    seen, rows = set(), []
    while len(rows) < memberships:
        t = rnd.choice(table_ids)
        pool = by_region[table_region[t]] if rnd.random() < 0.9 else orgs
        o = rnd.choice(pool)
        if (t, o) in seen:
            continue
        seen.add((t, o))
        rows.append([t, o, "synthetic"])
    _write(folder, "memberships", ["table", "member", "source"], rows)
    return folder
