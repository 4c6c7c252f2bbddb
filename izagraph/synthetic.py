"""A synthetic national governance dataset with planted findings, written in the CSV input format.

``izagraph generate --scale S --seed N -o DIR`` calls :func:`generate`. At scale 1 the dataset has the
national size of the scale issue: 5,000 organisations, 2,000 tables and about 50,000 memberships, on the
**real** gemeenten and region divisions of ``data/real`` (copied with their real sources). Everything
else (organisations, tables, memberships, themes, plans) is made up and points to one source of kind
``illustrative``, so every finding on it is labelled illustrative.

The shape is skewed the way governance is: a few organisations sit at very many tables (the planted
*drukte*), most at a handful; tables hang in hierarchies three to four deep (a regional top table, regie-
groepen, themateams, werkgroepen) per programme and region of that programme's own division (IZA regions,
GGD regions for GALA, zorgkantoorregio's for WOZO, arbeidsmarktregio's for TAZ, ROAZ regions, jeugdregio's,
veiligheidsregio's for standing structures). Into it the generator plants, at known rates:

- ``drukte-organisation``: the busy organisations (``RATES["drukte"]`` of all), each at more than twice the
  rule's default table threshold, in many programmes and regions. Every other organisation stays within
  all the rule's default thresholds (tables, programmes, regions, meetings a year), read from the rule's
  query header, so a finding on any other organisation would be a false positive;
- ``duplicate-tables``: a twin beside a table (same kind, programme, region, parent and theme; the same
  members, less one at tables of eight or more), ``RATES["duplicates"]`` of the tables. Busy organisations
  take at most ``HEAVY_SHARE`` of any table's seats, so two unrelated tables share few members;
- ``table-gaps``: one recorded gap per chosen table (no chair type, no decision rule, no members, no theme
  or no parent), ``RATES["gaps"]`` of the tables, every kind at least once. Every other table has all five
  recorded.

``manifest.json`` beside the CSV files lists what was planted (ids and IRIs), the rates, the thresholds
and the counts. Output is byte-for-byte the same for the same scale, seed and ``data/real``.

>>> s = sizes(0.1)
>>> (s.organisations, s.tables, s.memberships)
(500, 200, 5000)
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IzagraphError
from .namespaces import entity_iri
from .resources import DATA_DIR

SOURCE_ID = "synthetic"
RATES = {"drukte": 0.04, "duplicates": 0.02, "gaps": 0.03, "ended": 0.02}
#: The most seats busy organisations may take at one table (so unrelated tables share few members).
HEAVY_SHARE = 0.65
GAP_KINDS = ("no-chair", "no-decision-rule", "no-members", "no-theme", "no-parent")

#: programme -> (region division its tables work in, share of the tables)
PROGRAMMES = {
    "iza": ("iza", 0.32), "gala": ("ggd", 0.16), "wozo": ("zorgkantoor", 0.14), "taz": ("arbeidsmarkt", 0.1),
    "roaz": ("roaz", 0.06), "jeugd": ("jeugd", 0.12), "regulier": ("veiligheid", 0.1),
}
THEMES = {
    "iza": ["kwetsbare-ouderen", "mentale-gezondheid", "gezondheidsverschillen", "digitalisering",
            "arbeidsmarkt-onderwijs", "preventie", "financiering"],
    "gala": ["gezondheidsverschillen", "preventie", "mentale-gezondheid"],
    "wozo": ["kwetsbare-ouderen", "digitalisering"],
    "taz": ["arbeidsmarkt-onderwijs"],
    "roaz": ["acute-zorg"],
    "jeugd": ["jeugd-gezin", "mentale-gezondheid"],
    "regulier": ["acute-zorg", "preventie", "kwetsbare-ouderen"],
}
THEME_LABELS = {
    "kwetsbare-ouderen": "Kwetsbare ouderen", "mentale-gezondheid": "Mentale gezondheid",
    "gezondheidsverschillen": "Gezondheidsverschillen", "digitalisering": "Digitalisering",
    "arbeidsmarkt-onderwijs": "Arbeidsmarkt en onderwijs", "preventie": "Preventie", "financiering": "Financiering",
    "acute-zorg": "Acute zorg", "jeugd-gezin": "Jeugd en gezin", "monitoring": "Monitoring",
}
#: sector -> (name prefix, weight among all organisations, weight among the busy ones)
SECTORS = {
    "ziekenhuis": ("Ziekenhuis", 4, 6), "ggz": ("GGZ", 5, 4), "vvt": ("Zorggroep", 10, 3),
    "huisartsen": ("Huisartsencoöperatie", 8, 3), "zorgverzekeraar": ("Zorgverzekeraar", 0.3, 5),
    "zorgkantoor": ("Zorgkantoor", 0.3, 3), "ggd": ("GGD", 1, 4), "welzijn": ("Welzijn", 12, 1),
    "sociaal-werk": ("Sociaal Werk", 6, 1), "patientenorganisatie": ("Patiëntenplatform", 5, 1),
    "onderwijs": ("Onderwijsinstelling", 8, 1), "werkgevers": ("Werkgeversvereniging", 3, 1),
    "woningcorporatie": ("Woningcorporatie", 6, 1), "gehandicaptenzorg": ("Gehandicaptenzorg", 5, 1),
    "jeugdzorg": ("Jeugdzorg", 6, 1), "apotheek": ("Apotheek", 5, 0.5), "wijkverpleging": ("Wijkverpleging", 5, 1),
    "kennisinstelling": ("Kenniscentrum", 2, 2), "umc": ("UMC", 0.2, 4),
}
KIND_LABELS = {"bestuurlijke-tafel": "Bestuurlijke tafel", "stuurgroep": "Stuurgroep", "regiegroep": "Regiegroep",
               "themateam": "Themateam", "werkgroep": "Werkgroep", "adviescommissie": "Adviescommissie",
               "netwerk": "Netwerk", "overleg": "Overleg"}
#: kind -> (level, meetings a year, relative size)
KINDS = {"bestuurlijke-tafel": ("bestuurlijk", (4, 6), 14), "stuurgroep": ("bestuurlijk", (4, 6), 14),
         "regiegroep": ("tactisch", (6, 10), 10), "themateam": ("thema", (6, 10), 10),
         "werkgroep": ("uitvoering", (6, 12), 6), "adviescommissie": ("advies", (4, 6), 5),
         "netwerk": ("bestuurlijk", (4, 6), 40), "overleg": ("tactisch", (4, 10), 12)}
# Region memberships keep their status, inference method and source, as data/real has them.
MEMBER_HEADER = ["region", "gemeente", "status", "method", "source", "note"]
TABLE_HEADER = ["id", "name", "kind", "programmes", "region", "level", "parent", "chair_type", "decision_rule",
                "meetings_per_year", "start", "end", "regional_structure", "source"]


@dataclass(frozen=True)
class Sizes:
    organisations: int
    tables: int
    memberships: int


def sizes(scale: float) -> Sizes:
    """Target counts at ``scale`` (1 = national: 5,000 organisations, 2,000 tables, 50,000 memberships)."""
    if not (isinstance(scale, (int, float)) and 0.01 <= scale <= 100):
        raise IzagraphError(f"--scale moet tussen 0.01 en 100 liggen, niet {scale!r}")
    return Sizes(max(20, round(5000 * scale)), max(20, round(2000 * scale)), max(200, round(50000 * scale)))


@dataclass
class Table:
    id: str
    name: str
    kind: str
    programme: str
    region: str
    parent: str = ""
    themes: list[str] = field(default_factory=list)
    chair: str = ""
    decision: str = ""
    meetings: int = 0
    start: str = ""
    end: str = ""
    top: bool = False
    size: int = 0
    twin_of: str = ""
    gap: str = ""
    members: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return not self.end


@dataclass
class Org:
    id: str
    name: str
    sector: str
    home: str                          # gemeente code
    busy: bool = False
    tables: set = field(default_factory=set)
    programmes: set = field(default_factory=set)
    regions: set = field(default_factory=set)
    meetings: int = 0


@dataclass
class Dataset:
    """The files to write (name -> header and rows) and the manifest."""

    files: dict[str, tuple[list[str], list[list[str]]]]
    manifest: dict


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.exists():
        raise IzagraphError(f"{path} ontbreekt: de generator gebruikt de echte gemeenten en regio's uit data/real")
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


class _Generator:
    def __init__(self, scale: float, seed: int, real: Path, limits: dict[str, float]):
        self.size = sizes(scale)
        self.scale, self.seed = scale, seed
        self.rnd = random.Random(seed)
        self.limits = limits
        self.gemeenten = _read(real, "gemeenten")
        self.regions = _read(real, "regions")
        self.region_members = _read(real, "region_members")
        self.sources = _read(real, "sources")
        self.region_name = {r["id"]: r["name"] for r in self.regions}
        self.members_of: dict[str, list[str]] = defaultdict(list)
        for m in self.region_members:
            self.members_of[m["region"]].append(m["gemeente"])
        self.gemeente_name = {g["code"]: g["name"] for g in self.gemeenten}
        # gemeente -> regions (of every division) it lies in
        self.regions_of: dict[str, list[str]] = defaultdict(list)
        for m in self.region_members:
            self.regions_of[m["gemeente"]].append(m["region"])
        self.by_division: dict[str, list[str]] = defaultdict(list)
        for r in self.regions:
            self.by_division[r["division"]].append(r["id"])
        self.tables: list[Table] = []
        self.orgs: list[Org] = []

    # -- organisations --------------------------------------------------------------------------
    def make_orgs(self) -> None:
        """Organisations live where the tables are: a home gemeente drawn by the seats of the tables around it."""
        rnd = self.rnd
        sectors = sorted(SECTORS)
        codes = sorted(self.gemeente_name)
        regions = [t.region for t in self.tables]
        weights = [t.size for t in self.tables]
        n_busy = max(3, round(RATES["drukte"] * self.size.organisations))
        counter: dict[tuple[str, str], int] = defaultdict(int)
        for i in range(self.size.organisations):
            busy = i < n_busy
            weights_s = [SECTORS[s][2 if busy else 1] for s in sectors]
            sector = rnd.choices(sectors, weights_s)[0]
            region = rnd.choices(regions, weights)[0]
            home = rnd.choice(sorted(self.members_of[region]) or codes)
            counter[(sector, home)] += 1
            n = counter[(sector, home)]
            name = f"{SECTORS[sector][0]} {self.gemeente_name[home]}" + (f" {n}" if n > 1 else "")
            self.orgs.append(Org(f"org-{i:05d}", name, sector, home, busy))
        rnd.shuffle(self.orgs)  # busy organisations do not come first in the file

    # -- tables ---------------------------------------------------------------------------------
    def _table(self, kind: str, programme: str, region: str, parent: str, themes: list[str], top=False) -> Table:
        rnd = self.rnd
        level, (lo, hi), rel = KINDS[kind]
        theme_part = f" {THEME_LABELS[themes[0]]}" if themes and kind != "regiegroep" else ""
        name = f"{KIND_LABELS[kind]}{theme_part} {programme.upper()} {self.region_name[region]}"
        t = Table(f"tafel-{len(self.tables):05d}", name, kind, programme, region, parent, themes,
                  chair=rnd.choice(["onafhankelijk", "roulerend", "programmamanager", "deelnemer"]),
                  decision=rnd.choice(["consent", "consensus", "meerderheid"]),
                  meetings=rnd.choice(range(lo, hi + 1, 2)),
                  start=f"{rnd.randrange(2016, 2026)}" + (f"-{rnd.randrange(1, 13):02d}" if rnd.random() < 0.6 else ""),
                  top=top, size=max(3, round(rel * rnd.uniform(0.6, 1.6))))
        self.tables.append(t)
        return t

    def make_tables(self) -> None:
        rnd = self.rnd
        budget = {p: max(1, round(share * self.size.tables)) for p, (_, share) in PROGRAMMES.items()}
        for programme in PROGRAMMES:
            division = PROGRAMMES[programme][0]
            regions = [r for r in self.by_division[division] if programme == "roaz" or self.members_of[r]]
            order = regions[:]
            rnd.shuffle(order)
            made, i = 0, 0
            themes = THEMES[programme]
            while made < budget[programme]:
                region = order[i % len(order)]
                i += 1
                before = len(self.tables)
                top_kind = {"roaz": "netwerk", "regulier": "overleg"}.get(programme, rnd.choice(
                    ["stuurgroep", "bestuurlijke-tafel"]))
                top = self._table(top_kind, programme, region, "", [], top=True)
                left = budget[programme] - made - 1
                if programme == "iza" and left > 0:
                    self._table("adviescommissie", programme, region, top.id, ["monitoring"])
                    left -= 1
                for _ in range(rnd.randint(1, 3)):
                    if left <= 0:
                        break
                    rg = self._table("regiegroep", programme, region, top.id, rnd.sample(themes, min(2, len(themes))))
                    left -= 1
                    for _ in range(rnd.randint(1, 3)):
                        if left <= 0:
                            break
                        tt = self._table("themateam", programme, region, rg.id, [rnd.choice(rg.themes)])
                        left -= 1
                        for _ in range(rnd.randint(0, 2)):
                            if left <= 0:
                                break
                            self._table("werkgroep", programme, region, tt.id, list(tt.themes))
                            left -= 1
                made += len(self.tables) - before
        # a few tables have ended (their seats no longer count)
        old = [t for t in self.tables if not t.top and int(t.start[:4]) <= 2023]
        for t in rnd.sample(old, min(len(old), round(RATES["ended"] * len(self.tables)))):
            t.end = str(rnd.randint(int(t.start[:4]) + 1, 2025))

    def plant_twins_and_gaps(self) -> None:
        rnd = self.rnd
        candidates = [t for t in self.tables if t.active and t.kind in ("themateam", "werkgroep", "regiegroep")]
        n_twins = max(2, round(RATES["duplicates"] * self.size.tables))
        sources = rnd.sample(candidates, min(n_twins, len(candidates)))
        for src in sources:
            twin = self._table(src.kind, src.programme, src.region, src.parent, list(src.themes))
            twin.name = f"{twin.name} (nieuw)"
            twin.start = str(max(int(src.start[:4]) + 1, 2020))
            twin.twin_of = src.id
            twin.size = src.size
        taken = {t.id for t in self.tables if t.twin_of} | {t.twin_of for t in self.tables if t.twin_of}
        n_gaps = max(len(GAP_KINDS), round(RATES["gaps"] * self.size.tables))
        free = [t for t in self.tables if t.active and not t.top and t.id not in taken and t.kind != "adviescommissie"]
        rnd.shuffle(free)
        for i in range(n_gaps):
            gap = GAP_KINDS[i % len(GAP_KINDS)]
            pick = next((t for t in free if not t.gap and (gap not in ("no-theme", "no-parent")
                                                          or t.kind in ("themateam", "werkgroep"))), None)
            if pick is None:
                break
            pick.gap = gap
            if gap == "no-chair":
                pick.chair = ""
            elif gap == "no-decision-rule":
                pick.decision = ""
            elif gap == "no-theme":
                pick.themes = []
            elif gap == "no-parent":
                pick.parent = ""

    # -- memberships ----------------------------------------------------------------------------
    def _fits(self, org: Org, t: Table, seats: int) -> bool:
        """Whether ``seats`` more seats at tables like ``t`` keep a normal organisation within all thresholds."""
        lim = self.limits
        return (len(org.tables) + seats <= lim["max_tables"]
                and len(org.programmes | {t.programme}) <= lim["max_programmes"]
                and len(org.regions | {t.region}) <= lim["max_regions"]
                and org.meetings + seats * t.meetings <= lim["max_meetings_per_year"])

    def _seat(self, org: Org, group: list[Table]) -> None:
        for t in group:
            t.members.append(org.id)
            org.tables.add(t.id)
            org.programmes.add(t.programme)
            org.regions.add(t.region)
            org.meetings += t.meetings

    def make_memberships(self) -> None:
        rnd = self.rnd
        tables = [t for t in self.tables if t.gap != "no-members"]
        twins = {t.twin_of: t for t in self.tables if t.twin_of}
        groups = [[t] + ([twins[t.id]] if t.id in twins else []) for t in tables if not t.twin_of]
        # sizes scaled so the seats add up to the target
        total = sum(t.size * len(g) for g in groups for t in g[:1])
        factor = self.size.memberships / max(1, total)
        for g in groups:
            g[0].size = max(3, round(g[0].size * factor))
        normal = [o for o in self.orgs if not o.busy]
        by_region: dict[str, list[Org]] = defaultdict(list)
        for o in normal:
            for r in self.regions_of[o.home]:
                by_region[r].append(o)

        def fill(g: list[Table], upto: int) -> None:
            """Normal organisations, within every threshold, mostly from the table's region."""
            head = g[0]
            local = by_region.get(head.region) or normal
            tries = 0
            while len(head.members) < upto and tries < 30 * head.size:
                tries += 1
                org = rnd.choice(local if rnd.random() < 0.85 or tries > 20 * head.size else normal)
                if tries > 25 * head.size and not head.members:
                    org = rnd.choice(normal)  # a table needs at least one normal member (see HEAVY_SHARE)
                if head.id in org.tables or not self._fits(org, head, len(g)):
                    continue
                self._seat(org, g)

        # first half of every table from normal organisations ...
        for g in groups:
            fill(g, (g[0].size + 1) // 2)
        normal_at = {g[0].id: len(g[0].members) for g in groups}
        # ... then the busy ones: a heavy-tailed number of tables each, most in their own regions, never more
        # than HEAVY_SHARE of a table's seats ...
        busy = [o for o in self.orgs if o.busy]
        heavy_total = min(0.6 * self.size.memberships, 0.25 * len(groups) * len(busy))
        raw = [rnd.paretovariate(1.3) for _ in busy]
        floor = 2 * int(self.limits["max_tables"]) + 1
        cap = max(floor, int(0.6 * len(groups)))
        wanted = [min(cap, max(floor, round(heavy_total * r / sum(raw)))) for r in raw]
        heavy_at: dict[str, int] = defaultdict(int)
        active_groups = [g for g in groups if g[0].active]
        ratio = HEAVY_SHARE / (1 - HEAVY_SHARE)
        chosen: dict[str, set[str]] = defaultdict(set)

        def seat_busy(org: Org, n: int) -> None:
            home = set(self.regions_of[org.home])
            local = [g for g in active_groups if g[0].region in home]
            tries = 0
            while len(chosen[org.id]) < n and tries < 20 * n:
                tries += 1
                g = rnd.choice(local if local and rnd.random() < 0.6 else active_groups)
                head = g[0]
                if head.id in chosen[org.id] or heavy_at[head.id] + 1 > min(ratio * normal_at[head.id],
                                                                            head.size - normal_at[head.id]):
                    continue
                chosen[org.id].add(head.id)
                heavy_at[head.id] += 1
                self._seat(org, g)

        for org in busy:  # every busy organisation first gets more than twice the table threshold
            seat_busy(org, floor)
        for org, n in zip(busy, wanted):
            seat_busy(org, n)
        # ... and normal organisations top the tables up to their size
        for g in groups:
            fill(g, g[0].size)
        # a twin at a table of eight or more leaves one member out (still a near-identical table)
        for head, twin in ((g[0], g[1]) for g in groups if len(g) == 2):
            if len(twin.members) >= 8:
                dropped = twin.members.pop()
                org = next(o for o in self.orgs if o.id == dropped)
                org.tables.discard(twin.id)

    # -- output ---------------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        self.make_tables()
        self.plant_twins_and_gaps()
        self.make_orgs()
        self.make_memberships()
        orgs = sorted(self.orgs, key=lambda o: o.id)
        used_sources = {r.get("source") for r in self.gemeenten + self.regions + self.region_members} - {None, ""}
        sources = [[s["id"], s["title"], s["publisher"], s["url"], s["date"], s["kind"], s["confidence"],
                    s["licence"], s["note"]] for s in self.sources if s["id"] in used_sources]
        sources.append([SOURCE_ID, f"Synthetische landelijke governance (izagraph generate, schaal {self.scale:g}, "
                        f"seed {self.seed})", "izagraph", "", "", "illustrative", "", "",
                        "Verzonnen organisaties, tafels en lidmaatschappen op de echte gemeenten en regio-indelingen; "
                        "met geplante bevindingen (manifest.json). Alleen voor tests en metingen."])
        tables = [[t.id, t.name, t.kind, t.programme, t.region, KINDS[t.kind][0], t.parent, t.chair, t.decision,
                   str(t.meetings), t.start, t.end, "ja" if t.top and t.programme == "iza" else "", SOURCE_ID]
                  for t in self.tables]
        themes = [[t.id, th] for t in self.tables for th in t.themes]
        memberships = [[t.id, m, "voorzitter" if i == 0 else "lid", SOURCE_ID]
                       for t in self.tables for i, m in enumerate(t.members)]
        tops = sorted({t.region for t in self.tables if t.top and t.programme == "iza"})
        plans = [[f"werkagenda-{r}", f"Werkagenda {self.region_name[r]}", "werkagenda", r, "", "2024", SOURCE_ID]
                 for r in tops]
        files = {
            "sources": (["id", "title", "publisher", "url", "date", "kind", "confidence", "licence", "note"], sources),
            "gemeenten": (["code", "name", "source"], [[g["code"], g["name"], g["source"]] for g in self.gemeenten]),
            "regions": (["id", "name", "division", "code", "status", "parent", "source", "note"],
                        [[r[k] for k in ("id", "name", "division", "code", "status", "parent", "source", "note")]
                         for r in self.regions]),
            "region_members": (MEMBER_HEADER, [[m.get(k, "") for k in MEMBER_HEADER] for m in self.region_members]),
            "organisations": (["id", "name", "sector", "source"], [[o.id, o.name, o.sector, SOURCE_ID] for o in orgs]),
            "tables": (TABLE_HEADER, tables),
            "table_themes": (["table", "theme"], themes),
            "memberships": (["table", "member", "role", "source"], memberships),
            "plans": (["id", "name", "kind", "region", "tables", "date", "source"], plans),
        }
        return Dataset(files, self.manifest(files))

    def manifest(self, files) -> dict:
        busy = sorted((o for o in self.orgs if o.busy), key=lambda o: o.id)
        twins = sorted((t for t in self.tables if t.twin_of), key=lambda t: t.id)
        gaps = sorted((t for t in self.tables if t.gap), key=lambda t: t.id)
        return {
            "generator": "izagraph generate", "scale": self.scale, "seed": self.seed,
            "basis": "illustrative",
            "note": "Made-up organisations, tables and memberships on the real gemeenten and region divisions; "
                    "every synthetic row names the source 'synthetic' of kind illustrative.",
            "counts": {name: len(rows) for name, (_, rows) in files.items()},
            "rates": {"drukte-organisation": f"{RATES['drukte']:g} of organisations",
                      "duplicate-tables": f"{RATES['duplicates']:g} of tables (one twin each)",
                      "table-gaps": f"{RATES['gaps']:g} of tables (one gap each)",
                      "ended-tables": f"{RATES['ended']:g} of tables"},
            "thresholds": {"drukte-organisation": self.limits, "busy_share_per_table": HEAVY_SHARE},
            "planted": {
                "drukte-organisation": [{"id": o.id, "iri": str(entity_iri("organisation", o.id)),
                                         "tables": len(o.tables)} for o in busy],
                "duplicate-tables": [{"tables": [t.twin_of, t.id],
                                      "iris": [str(entity_iri("table", t.twin_of)), str(entity_iri("table", t.id))]}
                                     for t in twins],
                "table-gaps": [{"id": t.id, "iri": str(entity_iri("table", t.id)), "gap": t.gap} for t in gaps],
            },
        }


def drukte_limits() -> dict[str, float]:
    """The default thresholds of ``drukte-organisation`` (from its query header): normal organisations
    stay within them."""
    from .rules import get_rule

    specs = get_rule("drukte-organisation").param_specs()
    return {k: specs[k]["default"] for k in ("max_tables", "max_programmes", "max_regions", "max_meetings_per_year")}


def build(scale: float = 1.0, seed: int = 42, real: Path = DATA_DIR / "real") -> Dataset:
    """The synthetic dataset in memory (pure apart from reading ``real``)."""
    return _Generator(scale, seed, Path(real), drukte_limits()).dataset()


def prepare_folder(folder: Path) -> None:
    """Refuse a folder that holds CSV files of another dataset (they would be loaded with ours); clear the
    CSV files of an earlier ``izagraph generate`` run."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise IzagraphError(f"{folder} bestaat en is geen map")
    csvs = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if csvs and not (folder / "manifest.json").exists():
        raise IzagraphError(f"{folder} bevat al CSV-bestanden ({csvs[0].name}, ...) die niet van izagraph generate "
                            "zijn: kies een lege of nieuwe map")
    for path in csvs:
        path.unlink()


def write(dataset: Dataset, folder: Path) -> list[Path]:
    """Write the CSV files and ``manifest.json`` into ``folder`` (created; existing files replaced)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in dataset.files.items():
        path = folder / f"{name}.csv"
        tmp = folder / f".{name}.csv.tmp"
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
        tmp.replace(path)
        written.append(path)
    path = folder / "manifest.json"
    path.write_text(json.dumps(dataset.manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(path)
    return written


def generate(folder: Path, scale: float = 1.0, seed: int = 42) -> Path:
    """Write the synthetic dataset at ``scale`` into ``folder`` and return the folder."""
    dataset = build(scale, seed)
    prepare_folder(folder)
    write(dataset, folder)
    return Path(folder)


__all__ = ["RATES", "Dataset", "Sizes", "build", "generate", "prepare_folder", "sizes", "write"]
