#!/usr/bin/env python3
"""Build the real izagraph dataset ``data/real/`` from ``data/raw/`` and ``data/geo/``.

Standard library only (csv, json, pathlib). Deterministic: every row is written in a fixed
order, so re-running the script reproduces the committed CSV files byte for byte::

    python scripts/build_real_data.py

What comes from where (see data/raw/SOURCES.md and data/README.md):

* gemeenten (342) and their CBS 2025 names: data/geo/gemeente_2025.topojson (CBS/PDOK);
* provincie, COROP, arbeidsmarktregio: CBS "Gebieden in Nederland 2026" (via ahrnuld/jobmarket);
  COROP codes are cross-checked against the woningwaardering woonplaats table (CBS 2024);
* veiligheidsregio: the VWS corona-dashboard table (2023 gemeente set);
* zorgkantoor-, GGD- and jeugdregio: codes and names from the CBS/PDOK 2024 maps in data/geo/,
  gemeenten from the overlay derived from those maps (gemeente_regions_2024_2025_derived.csv);
* ROAZ networks, IZA regions and the Kennemerland governance structure: hand-curated below from
  the raw tables and the public documents listed in SOURCES (every row names its source).

Nothing is guessed silently: a region whose gemeenten no source lists is either ``inferred`` (the
inference is written in its note) or ``unknown`` (no gemeenten).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GEO = ROOT / "data" / "geo"
OUT = ROOT / "data" / "real"

# Column order per file = the order of docs/data-format.md.
HEADERS = {
    "sources": ["id", "title", "publisher", "url", "date", "kind", "confidence", "licence", "note"],
    "gemeenten": ["code", "name", "source"],
    "regions": ["id", "name", "division", "code", "status", "parent", "source", "note"],
    "region_members": ["region", "gemeente", "status", "method", "source", "note"],
    "organisations": ["id", "name", "sector", "source", "note"],
    "tables": ["id", "name", "kind", "programmes", "region", "gemeenten", "level", "parent",
               "chair_type", "decision_rule", "meetings_per_year", "start", "end",
               "regional_structure", "source", "note"],
    "table_themes": ["table", "theme"],
    "memberships": ["table", "member", "role", "perspective", "on_behalf_of", "mandate", "start",
                    "end", "source", "note"],
    "plans": ["id", "name", "kind", "region", "tables", "date", "source"],
    "region_grants": ["region", "scheme", "year", "amount_eur", "recipient", "source", "note"],
}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(RAW / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_topojson(name: str) -> list[dict]:
    """The properties of every object in a (single-layer) TopoJSON file."""
    topo = json.loads((GEO / name).read_text(encoding="utf-8"))
    (layer,) = topo["objects"].values()
    return [g["properties"] for g in layer["geometries"]]


def write_csv(out: Path, kind: str, rows: list[dict]) -> None:
    header = HEADERS[kind]
    with open(out / f"{kind}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            unknown = set(row) - set(header)
            assert not unknown, (kind, unknown)
            w.writerow([row.get(col, "") for col in header])


def read_snippets() -> list[dict[str, str]]:
    """public_governance_snippets.csv: its Flevoland row has an unquoted first cell with commas (the copy is kept
    byte for byte), so surplus leading fields are joined back into ``regio``."""
    with open(RAW / "public_governance_snippets.csv", newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    out = []
    for row in rows:
        extra = len(row) - len(header)
        assert extra >= 0, row
        out.append(dict(zip(header, [",".join(row[:extra + 1]), *row[extra + 1:]])))
    return out


def split_list(cell: str, sep: str = ";") -> list[str]:
    return [part.strip() for part in cell.split(sep) if part.strip()]


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------
WEB = "unknown (public document; only facts are taken)"
SOURCES = [
    dict(id="cbs-gebieden-2026",
         title="Gebieden in Nederland 2026 (CBS 86247NED): gemeente -> COROP, arbeidsmarktregio, provincie",
         publisher="CBS, via GitHub ahrnuld/jobmarket (data/reference/municipalities.csv)",
         url="https://github.com/ahrnuld/jobmarket/blob/a0b31834777e0385daa56c8614fb49af566c1e96/data/reference/municipalities.csv",
         kind="real", licence="repository licence not stated; CBS StatLine data is CC BY 4.0",
         note="Edition 2026. Rows with year = 2026 re-entered by hand (codes), names joined from the CBS 2024 "
              "woonplaats table; COROP codes cross-checked against that table, arbeidsmarktregio codes not "
              "cross-checked (AM04, AM16, AM31 unused by CBS). Feeds regions provincie, corop, arbeidsmarkt."),
    dict(id="cbs-woonplaatsen-2024",
         title="Woonplaatsen in Nederland 2024 -> gemeente -> COROP (corop.generated.csv)",
         publisher="CBS, via GitHub woonstadrotterdam/woningwaardering",
         url="https://github.com/woonstadrotterdam/woningwaardering/blob/39a16cb9/woningwaardering/data/corop/corop.generated.csv",
         date="2024-11-13", kind="real", licence="MIT (repository); CBS data",
         note="Used only to cross-check the COROP codes of cbs-gebieden-2026."),
    dict(id="vws-veiligheidsregio-2023",
         title="Gemeenten en veiligheidsregio's (corona dashboard data gm.ts / vr.ts)",
         publisher="Ministerie van VWS, GitHub minvws/nl-covid19-data-dashboard",
         url="https://github.com/minvws/nl-covid19-data-dashboard/blob/main/packages/common/src/data/gm.ts",
         date="2023-07-12", kind="real", licence="EUPL-1.2",
         note="2023 gemeente set (342). Converted from TypeScript to CSV, values unchanged. Not the CBS table "
              "itself; VR boundary changes after 2023 (if any) not verified. Feeds regions veiligheid."),
    dict(id="cbs-pdok-gemeente-2025",
         title="Gemeentegrenzen 2025 (gegeneraliseerd), TopoJSON",
         publisher="CBS via PDOK, simplified by GitHub cartomap/nl (wgs84/gemeente_2025.topojson)",
         url="https://github.com/cartomap/nl/blob/01e3b4cea860e7bb5dc3bddbfff72d3e4f4709e6/wgs84/gemeente_2025.topojson",
         date="2025", kind="real", licence="CC BY 4.0 (PDOK); cartomap repository licence not checked",
         note="342 gemeenten; codes and CBS 2025 names (statcode, statnaam). Feeds gemeenten.csv."),
    dict(id="cbs-pdok-regios-2024",
         title="Zorgkantoorregio's, GGD-regio's en jeugdregio's 2024 (gegeneraliseerd), TopoJSON",
         publisher="CBS via PDOK, simplified by GitHub cartomap/nl (wgs84/*_2024.topojson)",
         url="https://github.com/cartomap/nl/tree/01e3b4cea860e7bb5dc3bddbfff72d3e4f4709e6/wgs84",
         date="2024", kind="real", licence="CC BY 4.0 (PDOK); cartomap repository licence not checked",
         note="31 zorgkantoorregio's (ZK01-ZK33 without ZK05, ZK15), 25 GGD-regio's, 42 jeugdregio's "
              "(JZ01-JZ43 without JZ40): codes and names only. The maps carry no gemeente membership."),
    dict(id="derived-overlay-2024",
         title="Gemeente (2025) -> zorgkantoorregio, GGD-regio, jeugdregio (2024): spatial overlay",
         publisher="izagraph (derived from the CBS/PDOK maps above)",
         kind="real", confidence="medium", licence="CC BY 4.0 (derived from PDOK data)",
         note="Not an official table: each gemeente is assigned to the region holding the largest share of its "
              "area; a second rule (region containing the gemeente's representative point) gives the same "
              "region for all 342 gemeenten in all three layers. Lowest share 0.886 (Kerkrade). CBS 2024 "
              "boundaries; 2025/2026 changes not reflected."),
    dict(id="financieleplannen-zorgkantoren",
         title="Overzicht 31 regio zorgkantoren gekoppeld aan 8 zorgkantoren",
         publisher="financieleplannen.nl (private information site)",
         url="https://financieleplannen.nl/docs/zorg/bijlagen/",
         kind="real", confidence="low", licence=WEB,
         note="Undated; transcribed by hand from a flattened web table and matched to CBS 2024 codes by name. "
              "Not verified against Zorgverzekeraars Nederland or Zorginstituut; the allocation can change "
              "yearly. For Midden-IJssel the page prints 'Midden-IJssel' as insurer (unresolved)."),
    dict(id="zonmw-2025-08-12",
         title="Alle IZA-regio's werken aan verstevigen regionale samenwerkingsstructuur",
         publisher="ZonMw, op dejuistezorgopdejuisteplek.nl",
         url="https://www.dejuistezorgopdejuisteplek.nl/actueel/nieuws/alle-iza-regios-werken-aan-verstevigen-regionale-samenwerkingsstructuur",
         date="2025-08-12", kind="real", licence=WEB,
         note="38 IZA-regio's in total; names the 13 regions of the last subsidy round (the other 25 are not named)."),
    dict(id="kennemerland-presentatie-2023",
         title="Regionale samenwerking gemeenten in ZK/IJmond: IZA, regioplan en structuur samenwerking "
               "IZA/GALA subregio Kennemerland (presentatie)",
         publisher="gemeenten Zuid-Kennemerland/IJmond",
         date="2023", kind="real", licence=WEB,
         note="Slides as text (seed 003). The governance structure is a diagram: which body reports to which is "
              "interpreted from the diagram and marked as such in the notes. Date: preferences 'ingebracht in "
              "het overleg met de zorgpartners najaar 2023'."),
    dict(id="nvz-factsheet-regionale-samenwerking",
         title="Factsheet regionale samenwerking (regiobeeld, regioplan, transformatieplannen)",
         publisher="NVZ en Federatie Medisch Specialisten",
         date="2023-03", kind="real", licence=WEB,
         note="States that the regiobeeld is made per zorgkantoorregio and that marktleider zorgverzekeraar and "
              "gemeenten take the initiative (seed 002)."),
    dict(id="dejuistezorg-regionale-samenwerking",
         title="Regionale samenwerking (Integraal Zorgakkoord)",
         publisher="De Juiste Zorg op de Juiste Plek (VWS)",
         url="https://www.dejuistezorgopdejuisteplek.nl/programmas/integraal-zorgakkoord/regionale-samenwerking/",
         kind="real", licence=WEB,
         note="IZA agreement: parties map demand and supply 'per zorgkantoorregio' in a regiobeeld, then write "
              "regioplannen. The regiobeelden per zorgkantoorregio in plans.csv rest on this agreement; their "
              "existence was not checked region by region."),
]

# ROAZ networks (roaz_regions.csv): raw name -> (slug, display name, traumacentrum organisation ids).
ROAZ = {
    "Acute Zorgnetwerk Noord-Nederland (AZNN)": ("aznn", "Acute Zorgnetwerk Noord-Nederland (AZNN)", ["umcg"]),
    "Netwerk Acute Zorg regio Zwolle": ("zwolle", "Netwerk Acute Zorg regio Zwolle", ["isala"]),
    "Acute Zorg Euregio": ("euregio", "Acute Zorg Euregio", ["medisch-spectrum-twente"]),
    "Acute Zorgregio Oost (AZO)": ("azo", "Acute Zorgregio Oost (AZO)", ["radboudumc"]),
    "Netwerk Acute Zorg Midden-Nederland (name as used in a GitHub code list; not confirmed on an official page)":
        ("midden-nederland", "Netwerk Acute Zorg Midden-Nederland", ["umc-utrecht"]),
    "Netwerk Acute Zorg Noordwest": ("noordwest", "Netwerk Acute Zorg Noordwest", ["amsterdam-umc"]),
    "SpoedZorgNet": ("spoedzorgnet", "SpoedZorgNet", ["amsterdam-umc"]),
    "Traumacentrum West / Netwerk Acute Zorg West":
        ("west", "Netwerk Acute Zorg West (Traumacentrum West)", ["lumc", "haaglanden-mc", "hagaziekenhuis"]),
    "Traumacentrum Zuidwest-Nederland (ROAZ ZWN)": ("zwn", "Traumacentrum Zuidwest-Nederland (ROAZ ZWN)", ["erasmus-mc"]),
    "Netwerk Acute Zorg Brabant (NAZB)": ("nazb", "Netwerk Acute Zorg Brabant (NAZB)", ["etz"]),
    "Netwerk Acute Zorg Limburg (NAZL)": ("nazl", "Netwerk Acute Zorg Limburg (NAZL)", ["maastricht-umc"]),
}
ROAZ_CONFIDENCE = {"midden-nederland": "low", "noordwest": "medium"}
# ROAZ code in the TNO gemeente table -> network slug above, checked by a gemeente the pages place there.
ROAZ_CODES = {
    "ROAZ01": ("aznn", "Groningen"), "ROAZ02": ("noordwest", "Alkmaar"), "ROAZ03": ("euregio", "Enschede"),
    "ROAZ04": ("zwn", "Rotterdam"), "ROAZ05": ("spoedzorgnet", "Amsterdam"), "ROAZ06": ("west", "Leiden"),
    "ROAZ07": ("nazb", "Tilburg"), "ROAZ08": ("midden-nederland", "Utrecht"), "ROAZ09": ("zwolle", "Zwolle"),
    "ROAZ10": ("azo", "Nijmegen"), "ROAZ11": ("nazl", "Maastricht"),
}
NHFL_MERGER = ("no later than April 2024 (the network's ROAZ structure page, dated 2024-04, shows the combined "
               "network); the exact date of the merger is unknown (not found in any source)")
HOSPITALS = {  # id -> (name, sector, note on the traumacentrum membership)
    "umcg": ("UMCG (Universitair Medisch Centrum Groningen)", "umc", "traumacentrum"),
    "isala": ("Isala", "ziekenhuis", "traumacentrum (locatie Zwolle)"),
    "medisch-spectrum-twente": ("Medisch Spectrum Twente", "ziekenhuis", "traumacentrum (Enschede)"),
    "radboudumc": ("Radboudumc", "umc", "traumacentrum"),
    "umc-utrecht": ("UMC Utrecht", "umc", "traumacentrum (named as one of the 11 traumacentra by news pages)"),
    "amsterdam-umc": ("Amsterdam UMC", "umc", None),  # note per network below
    "lumc": ("LUMC", "umc", "traumacentrum (penvoerder Traumacentrum West)"),
    "haaglanden-mc": ("Haaglanden MC", "ziekenhuis", "traumacentrum (Traumacentrum West, with LUMC)"),
    "hagaziekenhuis": ("HagaZiekenhuis", "ziekenhuis",
                       "traumacentrum (Traumacentrum West); moved its level-1 trauma care to Haaglanden MC in 2023 "
                       "(skipr.nl 2023-02, 2024-07)"),
    "erasmus-mc": ("Erasmus MC", "umc", "traumacentrum"),
    "etz": ("Elisabeth-TweeSteden Ziekenhuis (ETZ)", "ziekenhuis", "traumacentrum (Tilburg; the only one in Brabant)"),
    "maastricht-umc": ("Maastricht UMC+", "umc", "traumacentrum"),
}
AMSTERDAM_UMC_NOTE = {
    "noordwest": "traumacentrum (historically VUmc; inferred in the source, see its notes)",
    "spoedzorgnet": "traumacentrum (historically AMC, 'SpoedZorgNet AMC')",
}

# Insurers as printed on the financieleplannen page -> organisation id and name.
INSURERS = {
    "VGZ": ("vgz", "VGZ"),
    "Zilveren Kruis": ("zilveren-kruis", "Zilveren Kruis"),
    "Zorg en Zekerheid": ("zorg-en-zekerheid", "Zorg en Zekerheid"),
    "DSW": ("dsw", "DSW Zorgverzekeraar"),
    "CZ": ("cz", "CZ"),
    "Menzis": ("menzis", "Menzis"),
    "Friesland (De Friesland)": ("de-friesland", "De Friesland Zorgverzekeraar"),
}

# iza_regions_partial.csv rows -> source id (one source per row; the rows list their pages).
IZA_PAGE_SOURCES = {
    "Noord-Veluwe en Zeewolde": "iza-pages-noord-veluwe-zeewolde",
    "Achterhoek": "iza-pages-achterhoek",
    "Zuid-Holland Noord (IZA ZHN)": "iza-page-zuid-holland-noord",
    "Haaglanden": "iza-page-haaglanden",
    "Midden-Nederland": "iza-page-midden-nederland",
    "Nijmegen (subregio, NOEL)": "iza-page-nijmegen-noel",
}
IZA_PAGE_TITLES = {
    "Noord-Veluwe en Zeewolde": "IZA regioplan Noord-Veluwe en Zeewolde (Gelderse Academie; Zorgnetwerk Noord-Veluwe)",
    "Achterhoek": "Regioplan in de Achterhoek (Proscoop; Streekgids)",
    "Zuid-Holland Noord (IZA ZHN)": "Voortgang opstellen regioplan IZA ZHN (Transmuralis)",
    "Haaglanden": "Regiobeeld Haaglanden (Zoetermeer 2025)",
    "Midden-Nederland": "Mijlpaal: het regioplan Midden-Nederland is opgeleverd (RSO Trijn)",
    "Nijmegen (subregio, NOEL)": "Acute zorg (Regio Nijmegen op één lijn, NOEL)",
}
IZA_PAGE_DATES = {"Midden-Nederland": "2024-01"}

# public_governance_snippets.csv rows used (key = the row's region before any "(...)") -> source id and title.
SNIPPET_SOURCES = [
    ("Noord-Holland Noord", "sigra-regiobeeld-nhn-2023",
     "Regiobeeld biedt interessante blik op transformatieopgave Noord-Holland Noord", "Sigra"),
    ("Flevoland", "azwa-flevoland-split-2026",
     "regional_roles_and_splits_almere_flevoland.json (curated from regioplan/regiobeeld Flevoland 2023)",
     "GitHub meijer1973/azwa (secondary compilation)"),
    ("NHN / Zaanstreek-Waterland / Zuid-Kennemerland", "zonh-regioplannen-2023",
     "Regioplannen bestuurlijk goedgekeurd (Noord-Holland)", "ZONH"),
    ("Lekstroom", "houten-lekstroom-2023", "Regioplan IZA en GALA regio Lekstroom (regionale backoffice)",
     "gemeente Houten (regionale backoffice Lekstroom)"),
    ("ROAZ-plan Noord-Holland Noord", "nwz-roaz-plan-nhn-2024",
     "Strategische werkagenda voor een toekomstbestendige acute zorg in Noord-Holland Noord",
     "Noordwest Ziekenhuisgroep"),
]


# What a source says about how a SPUK region relates to an IZA region (division iza). No other source links the two
# divisions: both are kept side by side.
SPUK_RELATIONS = {
    "Flevoland": "Relation: = IZA region Flevoland (iza-flevoland): the page azwa-flevoland-split-2026 names Almere "
                 "as mandaatgemeente of the IZA/AZWA region Flevoland, with the same five gemeenten.",
    "Kennemerland": "Relation: the Kennemerland presentation (kennemerland-presentatie-2023) says the gemeenten receive "
                    "SPUK IZA of about EUR 2.9 million a year 'voor regio ZK/IJ', close to this grant: probably the "
                    "area of IZA region Zuid-Kennemerland en IJmond (7 gemeenten, without Castricum and Uitgeest, which "
                    "the zorgkantoor name match includes). Not stated outright: both kept.",
    "Noord Veluwe": "Relation: the page azwa-flevoland-split-2026 says Zeewolde joins Noord-Veluwe; IZA region "
                    "Noord-Veluwe en Zeewolde (a page lists its 7 gemeenten) has the same gemeenten as inferred here.",
}


def norm_name(name: str) -> str:
    """A region name for comparison: lower case, letters and digits only, without a leading 'GGD ' or 'Regio '.

    >>> norm_name("GGD Zuid-Limburg") == norm_name("Zuid Limburg")
    True
    """
    name = name.lower()
    for prefix in ("ggd ", "regio "):
        name = name.removeprefix(prefix)
    return "".join(ch for ch in name if ch.isalnum())


def spuk_slug(name: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower().replace("'", ""))
    return "spuk-" + "-".join(part for part in slug.split("-") if part)


def add_spuk_regions(rows, add_region, code_by_name, gemeente_name, divisions, flevoland_page) -> None:
    """The 42 SPUK IZA samenwerkingsregio's, their gemeenten inferred only by a stated method.

    Method: the region's name equals (``norm_name``) the name of the GGD-regio, provincie, zorgkantoorregio or
    jeugdregio that contains its mandaatgemeente; that region's gemeenten are taken. A candidate that also
    contains the mandaatgemeente of another SPUK region is rejected (the 42 regions are taken not to overlap).
    When several candidates remain and differ, only the gemeenten they all share are taken. A gemeente that two
    SPUK regions would both receive is left unknown in both. Flevoland follows a public page (the split with
    Zeewolde to Noord-Veluwe). Everything else stays unknown.
    """
    anchors = {r["regio"]: code_by_name.get(r["mandaatgemeente"]) for r in rows}
    inferred: dict[str, tuple[set, str, list[str]]] = {}
    for r in rows:
        anchor = anchors[r["regio"]]
        if anchor is None:
            continue
        candidates = []
        for division, (table, gm_table, code_col) in divisions.items():
            code = gm_table[anchor][code_col]
            name, gms = table[code]
            if norm_name(name) != norm_name(r["regio"]):
                continue
            clash = sorted(k for k, a in anchors.items() if a in gms and k != r["regio"])
            candidates.append((division, code, name, gms, clash))
        usable = [c for c in candidates if not c[4]]
        if r["regio"] == "Flevoland":
            assert {frozenset(c[3]) for c in usable} >= {frozenset(flevoland_page)}
            inferred[r["regio"]] = (set(flevoland_page), "public-page", [
                f"{c[0]} {c[1]} {c[2]} ({len(c[3])} gemeenten)" for c in candidates])
        elif not usable:
            inferred[r["regio"]] = (set(), "", [
                f"{c[0]} {c[1]} {c[2]} ({len(c[3])} gemeenten) has the name but also holds the mandaatgemeente of "
                f"{', '.join(c[4])}" for c in candidates])
        else:
            shared = set.intersection(*(set(c[3]) for c in usable))
            evidence = [f"{c[0]} {c[1]} {c[2]} ({len(c[3])} gemeenten)" + (
                f", rejected: also holds the mandaatgemeente of {', '.join(c[4])}" if c[4] else "") for c in candidates]
            if len({frozenset(c[3]) for c in usable}) > 1:
                evidence[-1] += "; the candidates differ, so only the gemeenten they share are taken"
            inferred[r["regio"]] = (shared, f"same-name-{usable[0][0]}", evidence)
    claimed: dict[str, list[str]] = {}
    for region, (gms, _, _) in inferred.items():
        for g in gms:
            claimed.setdefault(g, []).append(region)
    contested = {g for g, regions in claimed.items() if len(regions) > 1}
    for r in rows:
        region, mandaat = r["regio"], r["mandaatgemeente"]
        grant = (f"SPUK IZA mandaatgemeente {mandaat}; grant EUR {int(r['spuk_iza_2025_eur']):,} (2025) and "
                 f"EUR {int(r['spuk_iza_2026_eur']):,} (2026).").replace(",", ".")
        if anchors[region] is None:
            grant += f" '{mandaat}' is not a gemeente (a public body of the region's gemeenten), so no method applies."
        gms, method, evidence = inferred.get(region, (set(), "", []))
        relation = SPUK_RELATIONS.get(region, "")
        left_out = sorted(g for g in gms if g in contested)
        gms = gms - contested
        if gms:
            note = f"{grant} Gemeenten inferred ({method}): " + "; ".join(evidence) + "."
            if method == "public-page":
                note += (" The name matches differ (Zeewolde); the page (azwa-flevoland-split-2026) states "
                         "Almere, Dronten, Lelystad, Noordoostpolder, Urk, with Zeewolde joining Noord-Veluwe.")
            for g in left_out:
                others = [x for x in claimed[g] if x != region]
                note += f" {gemeente_name[g]} left unknown: also inferred for {', '.join(others)}."
            membership = dict(method=method, **({"source": "azwa-flevoland-split-2026"}
                                                if method == "public-page" else {}))
            add_region(spuk_slug(region), region, "spuk-iza", "vws-spuk-iza-2025", status="inferred",
                       note=(note + " " + relation).strip(),
                       gms=gms, membership=membership)
        else:
            note = grant + " Gemeenten unknown: " + (
                "; ".join(evidence) + "." if evidence else
                "no GGD-regio, provincie, zorgkantoorregio or jeugdregio containing the mandaatgemeente has this "
                "name.")
            add_region(spuk_slug(region), region, "spuk-iza", "vws-spuk-iza-2025", status="unknown",
                       note=(note + " " + relation).strip())


def build(out: Path = OUT) -> None:
    """Write the dataset into ``out`` (default data/real/)."""
    out.mkdir(parents=True, exist_ok=True)

    # ---------------------------------------------------------------- gemeenten
    gm_props = read_topojson("gemeente_2025.topojson")
    gemeente_name = {p["statcode"]: p["statnaam"] for p in gm_props}
    codes = sorted(gemeente_name)
    assert len(codes) == 342
    code_by_name = {name: code for code, name in gemeente_name.items()}
    assert len(code_by_name) == 342  # names are unique

    jobmarket = {r["gemeentecode"]: r for r in read_csv("gemeente_corop_arbeidsmarktregio_provincie_2026_jobmarket.csv")}
    veilig = {r["gemeentecode"]: r for r in read_csv("gemeente_veiligheidsregio_2023_minvws.csv")}
    derived = {r["gemeentecode"]: r for r in read_csv("gemeente_regions_2024_2025_derived.csv")}
    for table in (jobmarket, veilig, derived):
        assert sorted(table) == codes
    for code in codes:  # the 2025 names agree across map, VWS table and overlay
        assert gemeente_name[code] == veilig[code]["gemeentenaam"] == derived[code]["gemeentenaam"], code
    # cross-check: COROP per gemeente agrees with the independent CBS 2024 woonplaats table
    for r in read_csv("woonplaats_gemeente_corop_2024_woningwaardering.csv"):
        assert jobmarket["GM" + r["Gemeentecode"]]["corop_code"] == "CR" + r["COROP-gebiedcode"], r

    gemeenten = [dict(code=c, name=gemeente_name[c], source="cbs-pdok-gemeente-2025") for c in codes]

    # ---------------------------------------------------------------- coded divisions
    regions: list[dict] = []
    members: list[dict] = []

    def add_region(rid, name, division, source, *, code="", status="source", parent="", note="", gms=(),
                   membership=None, member_notes=None):
        """One region and its gemeenten. ``membership`` (status, method, source) applies to every gemeente;
        an inferred region must give the method; ``member_notes`` adds a note to single gemeenten."""
        assert status in ("source", "inferred", "unknown")
        assert (status == "unknown") == (not gms), rid
        membership = dict(membership or {})
        assert status != "inferred" or membership.get("method"), rid
        regions.append(dict(id=rid, name=name, division=division, code=code, status=status, parent=parent,
                            source=source, note=note))
        member_notes = member_notes or {}
        assert set(member_notes) <= set(gms), rid
        members.extend(dict(region=rid, gemeente=g, note=member_notes.get(g, ""), **membership) for g in sorted(gms))

    def division_members(table, code_col, name_col):
        """code -> (name, set of gemeenten), with one name per code."""
        out: dict[str, tuple[str, set]] = {}
        for gm, row in table.items():
            name, gms = out.setdefault(row[code_col], (row[name_col], set()))
            assert name == row[name_col], (row[code_col], name, row[name_col])
            gms.add(gm)
        return out

    provincie = division_members(jobmarket, "provincie_code", "provincie_naam")
    corop = division_members(jobmarket, "corop_code", "corop_naam")
    arbeidsmarkt = division_members(jobmarket, "arbeidsmarktregio_code", "arbeidsmarktregio_naam")
    veiligheid = division_members(veilig, "veiligheidsregiocode", "veiligheidsregionaam")
    zorgkantoor = division_members(derived, "zorgkantoorregio_code", "zorgkantoorregio_naam")
    ggd = division_members(derived, "ggdregio_code", "ggdregio_naam")
    jeugd = division_members(derived, "jeugdregio_code", "jeugdregio_naam")
    assert [len(d) for d in (provincie, corop, arbeidsmarkt, veiligheid, zorgkantoor, ggd, jeugd)] == \
        [12, 40, 35, 25, 31, 25, 42]
    # the overlay's region names are the CBS/PDOK map names
    for division, topo in ((zorgkantoor, "zorgkantoorregio_2024.topojson"), (ggd, "ggdregio_2024.topojson"),
                           (jeugd, "jeugdregio_2024.topojson")):
        assert {p["statcode"]: p["statnaam"] for p in read_topojson(topo)} == \
            {code: name for code, (name, _) in division.items()}

    # zorgkantoor uitvoerder (marktleider) per region, low-confidence source
    uitvoerder = {}
    for r in read_csv("zorgkantoor_uitvoerder_financieleplannen.csv"):
        printed = r["uitvoerder_zorgverzekeraar_bron"]
        uitvoerder[r["zorgkantoorregio_code_cbs2024"]] = INSURERS[printed][1] if printed in INSURERS else None
    assert sorted(uitvoerder) == sorted(zorgkantoor)

    derived_note = ("Gemeenten derived from CBS/PDOK boundaries (overlay, checked two ways); "
                    "code and name: CBS/PDOK 2024.")
    for division, table, source, note in (
            ("provincie", provincie, "cbs-gebieden-2026", ""),
            ("corop", corop, "cbs-gebieden-2026", ""),
            ("arbeidsmarkt", arbeidsmarkt, "cbs-gebieden-2026", ""),
            ("veiligheid", veiligheid, "vws-veiligheidsregio-2023", ""),
            ("zorgkantoor", zorgkantoor, "derived-overlay-2024", derived_note),
            ("ggd", ggd, "derived-overlay-2024", derived_note),
            ("jeugd", jeugd, "derived-overlay-2024", derived_note)):
        for code in sorted(table):
            name, gms = table[code]
            region_note = note
            if division == "zorgkantoor":
                insurer = uitvoerder[code]
                region_note += (f" Marktleider/uitvoerder zorgkantoor: {insurer} (low-confidence source "
                                "financieleplannen-zorgkantoren)." if insurer else
                                " Uitvoerder zorgkantoor: unclear (the low-confidence source prints "
                                "'Midden-IJssel' as insurer).")
            add_region(f"{division}-{code.lower()}", name, division, source, code=code, note=region_note, gms=gms)

    # ---------------------------------------------------------------- sources from the raw tables
    sources = list(SOURCES)
    roaz_rows = read_csv("roaz_regions.csv")
    iza_rows = {r["iza_regio"]: r for r in read_csv("iza_regions_partial.csv")}
    for r in roaz_rows:
        slug, name, _ = ROAZ[r["roaz_netwerk"]]
        urls = split_list(r["source_urls"], " ; ")
        sources.append(dict(
            id=f"roaz-pages-{slug}", title=f"Web pages on ROAZ {name}", publisher="network, hospital and news web pages",
            url=urls[0], kind="real", confidence=ROAZ_CONFIDENCE.get(slug, ""), licence=WEB,
            note="Pages: " + " ; ".join(urls) + ". Page dates vary (2007-2024); transcribed by hand."))
    assert sorted(IZA_PAGE_SOURCES) == sorted(iza_rows)
    for key, row in iza_rows.items():
        urls = split_list(row["source_urls"], " ; ")
        if key == "Midden-Nederland":  # the two pages support different facts: one source each
            urls = urls[:1]
        sources.append(dict(
            id=IZA_PAGE_SOURCES[key], title=IZA_PAGE_TITLES[key], publisher="regional web page(s)", url=urls[0],
            date=IZA_PAGE_DATES.get(key, ""), kind="real", licence=WEB,
            note=("Pages: " + " ; ".join(urls) + ". " if len(urls) > 1 else "") + f"As stated: {row['established']}."))
    sources.append(dict(
        id="iza-page-zuidoost-utrecht", title="Regioplan Zuidoost Utrecht goedgekeurd (Raedelijn)",
        publisher="regional web page", url="https://www.raedelijn.nl/actueel/regioplan-zuidoost-utrecht-goedgekeurd",
        kind="real", licence=WEB, note="Subregion Zuidoost Utrecht had its own regioplan approved."))

    sources += [
        dict(id="tno-roaz-gemeente-2022",
             title="zkh_regios.xlsx: Gebieden in Nederland 2022 with ROAZ region per gemeente (345 gemeenten)",
             publisher="TNO, GitHub TNO/dashboard-acute-zorg (preprocessing/geojsons/zkh_regios.xlsx)",
             url="https://github.com/TNO/dashboard-acute-zorg/blob/4af32e54b509c22fb3bb4e1ad0e874f6bb988b6c/preprocessing/geojsons/zkh_regios.xlsx",
             date="2022-12-28", kind="real", confidence="medium", licence="no licence file in the repository",
             note="The CBS table Gebieden in Nederland 2022 with columns ROAZregio's/Code and RAVregio's added by TNO; "
                  "TNO does not say where the ROAZ column comes from. Copied unchanged as gemeente_roaz_2022_tno.csv."),
        dict(id="derived-roaz-2023",
             title="Gemeente (2023-2025 set, 342) -> ROAZ region (ROAZ01-ROAZ11), derived from the TNO table",
             publisher="izagraph (derived from tno-roaz-gemeente-2022)",
             kind="real", confidence="medium", licence="derived from tno-roaz-gemeente-2022",
             note="Weesp dropped (merged into Amsterdam 2022-03-24); Brielle, Hellevoetsluis and Westvoorne -> Voorne "
                  "aan Zee (all three ROAZ04). Confidence medium: TNO states no origin, and Amsterdam is split between "
                  "SpoedZorgNet and Netwerk Acute Zorg Noordwest by postcode in RIVM's COVID-19 file "
                  "(COVID-19_aantallen_gemeente_per_dag, column ROAZ_region), which a gemeente-level table cannot show "
                  "(TNO puts all of Amsterdam in SpoedZorgNet). The law defines a ROAZ region as the area of a "
                  "traumacentrum; there is no statutory gemeente list. Feeds the gemeenten of the 11 ROAZ regions."),
        dict(id="nhfl-roaz-structuur-2024",
             title="ROAZ-structuur en Sector ROAZ (Netwerk Acute Zorg Noord-Holland/Flevoland)",
             publisher="Netwerk Acute Zorg Noord-Holland/Flevoland",
             url="https://netwerkacutezorgnhfl.nl/roaz/roaz-structuur/", date="2024-04", kind="real",
             confidence="high", licence=WEB,
             note="Pages: https://netwerkacutezorgnhfl.nl/roaz/roaz-structuur/ ; "
                  "https://netwerkacutezorgnhfl.nl/nieuws/sector-roaz/. Given as 'primair' in "
                  "public_governance_snippets.csv (confidence high). Structure: Sector ROAZ (decides), Algemeen ROAZ, "
                  "Tactisch ROAZ; 5 subregional ROAZ plans with kernteams; sector representatives of huisartsenzorg, "
                  "RAV, ziekenhuizen, VVT, GGD-GHOR, GGZ, GHZ. The 2024 ROAZ structure page says 10 networks."),
    ]

    # ROAZ per gemeente: the TNO table (2022 gemeenten) and the table derived from it (2023-2025 gemeenten)
    tno = {r["gemeentecode"]: r for r in read_csv("gemeente_roaz_2022_tno.csv")}
    roaz_gm = {r["gemeentecode"]: r for r in read_csv("gemeente_roaz_2023_derived.csv")}
    assert sorted(roaz_gm) == codes and len(tno) == 345
    for code, r in roaz_gm.items():  # names agree up to CBS's province suffix ("Beek" = "Beek (L.)")
        assert r["gemeentenaam"] in (gemeente_name[code], gemeente_name[code].split(" (")[0]), code
        if code in tno:  # the derived table keeps TNO's region for every gemeente that still exists
            assert tno[code]["roaz_code"] == r["roaz_code"], code
    assert set(tno) - set(roaz_gm) == {code_by_name_2022 for code_by_name_2022, t in tno.items()
                                       if t["gemeentenaam"] in ("Weesp", "Brielle", "Hellevoetsluis", "Westvoorne")}
    assert {tno[c]["roaz_code"] for c in tno if tno[c]["gemeentenaam"] in
            ("Brielle", "Hellevoetsluis", "Westvoorne")} == {roaz_gm[code_by_name["Voorne aan Zee"]]["roaz_code"]}
    roaz_members = division_members(roaz_gm, "roaz_code", "roaz_naam")
    assert sorted(roaz_members) == sorted(ROAZ_CODES)
    for rc, (slug, example) in ROAZ_CODES.items():
        assert code_by_name[example] in roaz_members[rc][1], (rc, example)
    merged_names = {r["roaz_naam_2024_merged"] for r in roaz_gm.values() if r["roaz_code"] in ("ROAZ02", "ROAZ05")}
    assert merged_names == {"Netwerk Acute Zorg Noord-Holland/Flevoland"}
    assert all(r["roaz_naam"] == r["roaz_naam_2024_merged"] for r in roaz_gm.values()
               if r["roaz_code"] not in ("ROAZ02", "ROAZ05"))
    roaz_code_of = {slug: rc for rc, (slug, _) in ROAZ_CODES.items()}
    amsterdam = code_by_name["Amsterdam"]
    amsterdam_note = ("Amsterdam is split between SpoedZorgNet and Netwerk Acute Zorg Noordwest by postcode (RIVM "
                      "COVID-19 file, column ROAZ_region); the gemeente-level TNO table puts all of it in SpoedZorgNet. "
                      "Weesp (SpoedZorgNet) is part of Amsterdam since 2022-03-24.")
    assert roaz_gm[amsterdam]["roaz_code"] == "ROAZ05" and roaz_gm[amsterdam]["note"]

    # ---------------------------------------------------------------- ROAZ
    organisations: list[dict] = []
    tables: list[dict] = []
    themes: list[dict] = []
    memberships: list[dict] = []
    org_source: dict[str, str] = {}
    for r in roaz_rows:
        slug, name, hospitals = ROAZ[r["roaz_netwerk"]]
        source = f"roaz-pages-{slug}"
        coverage = r["coverage_as_stated"]
        if coverage == "see row above":  # the raw table refers to the Noordwest row
            coverage = "as for Netwerk Acute Zorg Noordwest (shared ROAZ overleg Noord-Holland/Flevoland)"
        rc = roaz_code_of[slug]
        tno_name, gms = roaz_members[rc]
        note = (f"Gemeenten from the TNO table (code {rc}, name there '{tno_name}'), derived to the 2023-2025 "
                f"gemeenten (source derived-roaz-2023, confidence medium). Coverage as the network pages state it "
                f"(source {source}): {coverage}. Traumacentrum: {r['traumacentrum']}.")
        if r["notes"]:
            note += f" {r['notes']}"
        if slug in ("spoedzorgnet", "noordwest"):
            note += (" Count caveat: most pages say 11 ROAZ regions, Acute Zorgregio Oost and the network's own 2024 "
                     "page say 10: Noordwest and SpoedZorgNet merged into Netwerk Acute Zorg Noord-Holland/Flevoland "
                     f"{NHFL_MERGER}. Kept as two regions (the gemeente table has 11); the merged network is the table "
                     "roaz-netwerk-noord-holland-flevoland.")
        if slug == "midden-nederland":
            note += " Network name only from a list in a GitHub code file, not confirmed on an official page."
        add_region(f"roaz-{slug}", name, "roaz", "derived-roaz-2023", code=rc, note=note, gms=gms,
                   member_notes={amsterdam: amsterdam_note} if amsterdam in gms else None)
        table_id = f"roaz-netwerk-{slug}"
        table_note = "Regionaal Overleg Acute Zorgketen; only the traumacentrum is recorded as member."
        if slug in ("spoedzorgnet", "noordwest"):
            table_note += (" Merged with the other Amsterdam-based network into roaz-netwerk-noord-holland-flevoland "
                           f"{NHFL_MERGER}; no end date is recorded because none is known.")
        tables.append(dict(id=table_id, name=f"ROAZ {name}", kind="netwerk", programmes="roaz",
                           region=f"roaz-{slug}", source=source, note=table_note))
        themes.append(dict(table=table_id, theme="acute-zorg"))
        for org in hospitals:
            org_source.setdefault(org, source)
            hnote = HOSPITALS[org][2] or AMSTERDAM_UMC_NOTE[slug]
            # perspective left empty: the seat counts as the hospital's sector (umc/ziekenhuis), which is
            # narrower than zorgaanbieders and also satisfies the acute-zorg theme expectation
            memberships.append(dict(table=table_id, member=org, role="lid", source=source, note=hnote))
    for org, (name, sector, _) in HOSPITALS.items():
        organisations.append(dict(id=org, name=name, sector=sector, source=org_source[org]))

    # the merged network Noord-Holland/Flevoland and the ROAZ structure its 2024 page describes
    nhfl = "roaz-netwerk-noord-holland-flevoland"
    nhfl_gms = roaz_members["ROAZ02"][1] | roaz_members["ROAZ05"][1]
    tables.append(dict(
        id=nhfl, name="ROAZ Netwerk Acute Zorg Noord-Holland/Flevoland", kind="netwerk", programmes="roaz",
        gemeenten=";".join(sorted(nhfl_gms)), source="nhfl-roaz-structuur-2024",
        note=f"Merger of Netwerk Acute Zorg Noordwest and SpoedZorgNet, {NHFL_MERGER}. Territory = the gemeenten of "
             "both ROAZ regions (ROAZ02 + ROAZ05 in derived-roaz-2023). Traumacentrum Amsterdam UMC (as for both "
             "networks); no members are recorded for the merged network itself."))
    themes.append(dict(table=nhfl, theme="acute-zorg"))
    for tid, name, kind, level, note in (
            ("sector-roaz-noord-holland-flevoland", "Sector ROAZ Noord-Holland/Flevoland", "bestuurlijke-tafel",
             "bestuurlijk", "Decides ('besluitvormend'); sector representatives of huisartsenzorg, RAV, ziekenhuizen, "
                            "VVT, GGD-GHOR, GGZ and GHZ (the organisations are not named)."),
            ("algemeen-roaz-noord-holland-flevoland", "Algemeen ROAZ Noord-Holland/Flevoland", "overleg", "",
             "The plenary ROAZ of the network; members not named."),
            ("tactisch-roaz-noord-holland-flevoland", "Tactisch ROAZ Noord-Holland/Flevoland", "overleg", "tactisch",
             "Tactical ROAZ; members not named. Below the network: 5 subregional ROAZ plans with kernteams.")):
        tables.append(dict(id=tid, name=name, kind=kind, programmes="roaz", level=level, parent=nhfl,
                           source="nhfl-roaz-structuur-2024",
                           note=note + " Parent: the merged network, as the structure page shows it."))

    # ---------------------------------------------------------------- insurers
    regions_of: dict[str, list[str]] = {}
    for code in sorted(uitvoerder):
        if uitvoerder[code]:
            regions_of.setdefault(uitvoerder[code], []).append(code)
    for printed, (org, name) in INSURERS.items():
        organisations.append(dict(
            id=org, name=name, sector="zorgverzekeraar", source="financieleplannen-zorgkantoren",
            note="Uitvoerder zorgkantoor (low-confidence source) in: " + ", ".join(regions_of[name]) + "."))
    organisations.append(dict(
        id="sigra", name="Sigra", sector="zorgaanbieders", source="kennemerland-presentatie-2023",
        note="Association of zorg- and welzijnsaanbieders (the presentation: 'Sigra regiobestuurstafel (welzijn- en "
             "zorgaanbieders)'). Sector set to the perspective zorgaanbieders, the closest single notation; it "
             "also speaks for welzijn (sociaal-domein)."))

    # ---------------------------------------------------------------- IZA regions
    zk = {c: g for c, (_, g) in zorgkantoor.items()}
    jz = {c: g for c, (_, g) in jeugd.items()}
    am = {c: g for c, (_, g) in arbeidsmarkt.items()}

    def listed(key):  # gemeenten listed by name in iza_regions_partial.csv (without an "(INFERRED ...)" remark)
        return {code_by_name[n] for n in split_list(iza_rows[key]["gemeenten"].split(" (INFERRED")[0])}

    almere, zeewolde = code_by_name["Almere"], code_by_name["Zeewolde"]
    castricum_uitgeest = {code_by_name["Castricum"], code_by_name["Uitgeest"]}

    # cross-checks that the inferences below rely on
    assert listed("Haaglanden") == zk["ZK10"]
    assert listed("Noord-Veluwe en Zeewolde") == jz["JZ12"]
    assert listed("Achterhoek") == jz["JZ25"] == am["AM09"]
    assert set(code_by_name[n] for n in split_list(iza_rows["Zuid-Holland Noord (IZA ZHN)"]["gemeenten"].split(
        "ZK28 has exactly 13:")[1])) == zk["ZK28"]
    assert jz["JZ08"] == am["AM11"] == (zk["ZK07"] - {zeewolde}) | {almere}
    assert am["AM12"] == zk["ZK21"] - {almere}
    assert am["AM37"] == jz["JZ10"] | jz["JZ11"] == zk["ZK11"] - castricum_uitgeest
    assert jz["JZ28"] <= zk["ZK04"] and not jz["JZ28"] & jz["JZ25"]
    assert am["AM32"] <= zk["ZK30"]

    # public governance snippets: sources, and the gemeenten two of them list
    snippets = {r["regio"].split(" (")[0]: r for r in read_snippets()}
    confidence_of = {"primair": "high", "primair (gemeente)": "high", "secundair": "medium"}
    for key, sid, title, publisher in SNIPPET_SOURCES:
        r = snippets[key]
        given = r["betrouwbaarheid"]
        level = confidence_of.get(given) or confidence_of[given.split(" (")[0]]
        url = r["bron_url"].split(" ; ")[0]
        if url.startswith("github:"):
            url = "https://github.com/meijer1973/azwa/blob/7cf7325e/data/curated/regional_roles_and_splits_almere_flevoland.json"
        sources.append(dict(
            id=sid, title=title, publisher=publisher, url=url, date=r["datum"], kind="real", confidence=level,
            licence=WEB, note=f"From public_governance_snippets.csv (row '{r['regio']}'): body '{r['orgaan']}'; "
                              f"content: {r['leden_of_inhoud']}. Reliability as given: '{given}' (confidence {level})."))
    nhn_page = {code_by_name[n.strip()] for n in
                snippets["Noord-Holland Noord"]["leden_of_inhoud"].split("gemeenten: ")[1].split(",")}
    flevoland_page = {code_by_name[n.strip()] for n in
                      snippets["Flevoland"]["regio"].split("(")[1].split(";")[0].split(",")}
    assert len(nhn_page) == 15 and len(flevoland_page) == 5

    regiobeeld = "the IZA agreement makes the regiobeeld per zorgkantoorregio (NVZ factsheet; dejuistezorg page)"
    zonmw = "named in the ZonMw round of 2025 (zonmw-2025-08-12)"
    iza = [
        # id, name, status, gemeenten, source, note
        ("iza-zaanstreek-waterland", "Zaanstreek/Waterland", "inferred", zk["ZK26"], "zonmw-2025-08-12",
         f"= zorgkantoorregio ZK26 Zaanstreek/Waterland by name (also = arbeidsmarktregio AM17, jeugdregio JZ09); "
         f"{regiobeeld}. Region {zonmw}."),
        ("iza-noordoost-brabant", "Noordoost-Brabant", "inferred", zk["ZK19"], "zonmw-2025-08-12",
         f"= zorgkantoorregio ZK19 Noordoost-Brabant by name; {regiobeeld}. Caveat: Maasdriel and Zaltbommel "
         f"(Gelderland) are in ZK19 but in arbeidsmarkt-/jeugdregio Rivierenland (AM27 and JZ33 have the other 10). "
         f"Region {zonmw}."),
        ("iza-midden-holland", "Midden-Holland", "inferred", zk["ZK13"], "zonmw-2025-08-12",
         f"= zorgkantoorregio ZK13 Midden-Holland by name (also = jeugdregio JZ27); {regiobeeld}. Region {zonmw}."),
        ("iza-centraal-gelderland", "Centraal Gelderland", "inferred", jz["JZ28"], "zonmw-2025-08-12",
         "= jeugdregio JZ28 Centraal Gelderland by name (no zorgkantoorregio has this name). The 11 gemeenten lie "
         "in ZK04 Arnhem, which also holds the Achterhoek (its own IZA region) and Barneveld, Ede, Scherpenzeel "
         "(FoodValley; IZA region not known). Inference, not stated by a source. "
         f"Region {zonmw}."),
        ("iza-flevoland", "Flevoland", "inferred", jz["JZ08"], "zonmw-2025-08-12",
         "= jeugdregio JZ08 Flevoland = arbeidsmarktregio AM11 Flevoland (Almere, Dronten, Lelystad, "
         "Noordoostpolder, Urk). Resolved overlap: zorgkantoorregio ZK07 Flevoland also holds Zeewolde, but "
         "Zeewolde is listed by a source in IZA region Noord-Veluwe en Zeewolde; Almere lies in ZK21 't Gooi but "
         "is assigned here, not to Gooi en Vechtstreek/'t Gooi, because ZonMw names Flevoland as a region of its "
         "own and Almere is Flevoland in province, GGD, veiligheids-, jeugd- and arbeidsmarktregio. A secondary "
         "public compilation states the same split (azwa-flevoland-split-2026: Zeewolde joins Noord-Veluwe, "
         f"mandaatgemeente Almere), the method of every membership. Region {zonmw}."),
        ("iza-noord-holland-noord", "Noord-Holland Noord", "source", zk["ZK18"], "zonmw-2025-08-12",
         "The 15 gemeenten are listed for the Coördinatietafel Noord-Holland Noord Gezond (IZA + GALA) on a "
         "secondary page (source sigra-regiobeeld-nhn-2023, per membership); they equal zorgkantoorregio ZK18 "
         f"Noord-Holland Noord; {regiobeeld}. Caveat: Castricum and Uitgeest "
         "(ZK11 Kennemerland, but arbeidsmarktregio AM15 Noord-Holland Noord and jeugdregio Alkmaar) may belong "
         f"here; they are not assigned to any IZA region. Region {zonmw}."),
        ("iza-drenthe", "Drenthe", "inferred", zk["ZK06"], "zonmw-2025-08-12",
         f"= zorgkantoorregio ZK06 Drenthe by name (also = jeugdregio JZ04, provincie Drenthe); {regiobeeld}. "
         f"Region {zonmw}."),
        ("iza-helmond-de-peel", "Helmond-De Peel", "inferred", am["AM32"], "zonmw-2025-08-12",
         "= arbeidsmarktregio AM32 Helmond-De Peel by name (Asten, Deurne, Geldrop-Mierlo, Gemert-Bakel, Helmond, "
         "Laarbeek, Someren); all 7 lie in ZK30 Zuidoost-Brabant, which has no IZA region of its own name. "
         f"Inference, not stated by a source. Region {zonmw}."),
        ("iza-zeeland", "Zeeland", "inferred", zk["ZK27"], "zonmw-2025-08-12",
         f"= zorgkantoorregio ZK27 Zeeland by name (also = jeugdregio JZ38, arbeidsmarktregio AM24, provincie "
         f"Zeeland); {regiobeeld}. Region {zonmw}."),
        ("iza-achterhoek", "Achterhoek", "inferred", jz["JZ25"], "iza-pages-achterhoek",
         "= jeugdregio JZ25 Achterhoek (= arbeidsmarktregio AM09); the pages state a regioplan Achterhoek (with "
         "Menzis) but do not list the gemeenten. Part of ZK04 Arnhem. Whether Lochem/Zutphen take part was not "
         f"checked. Region also {zonmw}."),
        ("iza-noord-veluwe-zeewolde", "Noord-Veluwe en Zeewolde", "source", listed("Noord-Veluwe en Zeewolde"),
         "iza-pages-noord-veluwe-zeewolde",
         "Gemeenten listed on the pages ('IZA regioplan Noord-Veluwe en Zeewolde', also 'Zilveren Kruis-subregio'; "
         "Zilveren Kruis acts for the insurers). ZonMw calls it 'Noord-Veluwe'. Crosses zorgkantoorregio's: 6 "
         "gemeenten in ZK32 Zwolle, Zeewolde in ZK07 Flevoland; = jeugdregio JZ12."),
        ("iza-gooi-en-vechtstreek", "Gooi en Vechtstreek/'t Gooi", "inferred", zk["ZK21"] - {almere},
         "zonmw-2025-08-12",
         "= zorgkantoorregio ZK21 't Gooi without Almere = arbeidsmarktregio AM12 Gooi en Vechtstreek (both names "
         "in the ZonMw name). Almere (in ZK21) is assigned to IZA region Flevoland, see there. Caveat: Eemnes is "
         "in ZK21 and AM12 but in jeugdregio Eemland and GGD Regio Utrecht (Midden-Nederland has a subregion "
         f"Eemland). Inference, not stated by a source. Region {zonmw}."),
        ("iza-zuid-holland-noord", "Zuid-Holland Noord", "inferred", zk["ZK28"], "iza-page-zuid-holland-noord",
         "The page states '13 gemeenten' but not their names; = zorgkantoorregio ZK28 Zuid-Holland Noord, which "
         "has exactly 13 (and insurer Zorg en Zekerheid); also = jeugdregio JZ18 Holland Rijnland. "
         f"Region also {zonmw}."),
        ("iza-haaglanden", "Haaglanden", "source", listed("Haaglanden"), "iza-page-haaglanden",
         "Gemeenten listed on the page (= zorgkantoorregio ZK10 Haaglanden; the page: 'regiobeeld en regioplan "
         "per zorgkantoorregio')."),
        ("iza-midden-nederland", "Midden-Nederland", "unknown", set(), "iza-page-midden-nederland",
         "Gemeenten not listed. The plan was accepted on behalf of the subregions Eemland, Utrecht Stad, West, "
         "Zuidoost Utrecht and Lekstroom (modelled as iza-subregio, gemeenten unknown). Probably within ZK23 "
         "Utrecht, which also holds Nijkerk and the Utrecht part of FoodValley: not inferred. Zuidoost Utrecht "
         "had its own regioplan approved, so the IZA level may be the subregion."),
        ("iza-zuid-kennemerland-ijmond", "Zuid-Kennemerland en IJmond", "inferred", am["AM37"],
         "kennemerland-presentatie-2023",
         "The presentation ('Regionale samenwerking gemeenten in ZK/IJmond'; SPUK IZA 'voor regio ZK/IJ') does not "
         "list gemeenten. = arbeidsmarktregio AM37 Zuid-Kennemerland en IJmond (exact name) = jeugdregio's JZ11 "
         "Zuid Kennemerland + JZ10 IJmond: Beverwijk, Bloemendaal, Haarlem, Heemskerk, Heemstede, Velsen, "
         "Zandvoort, all in ZK11 Kennemerland. ZK11 also holds Castricum and Uitgeest (Noord-Kennemerland by "
         "jeugd-/arbeidsmarktregio): not assigned to any IZA region."),
    ]
    # how each inferred IZA region's gemeenten were inferred (the note of the region gives the reasoning)
    iza_method = {
        "iza-zaanstreek-waterland": "same-name-zorgkantoor", "iza-noordoost-brabant": "same-name-zorgkantoor",
        "iza-midden-holland": "same-name-zorgkantoor", "iza-drenthe": "same-name-zorgkantoor",
        "iza-zeeland": "same-name-zorgkantoor", "iza-centraal-gelderland": "same-name-jeugd",
        "iza-achterhoek": "same-name-jeugd", "iza-helmond-de-peel": "same-name-arbeidsmarkt",
        "iza-gooi-en-vechtstreek": "same-name-arbeidsmarkt", "iza-zuid-kennemerland-ijmond": "same-name-arbeidsmarkt",
        "iza-zuid-holland-noord": "count-match",
    }
    iza_membership = {rid: dict(method=m) for rid, m in iza_method.items()}
    # Flevoland: a public (secondary) page states the split; Noord-Holland Noord: a page lists the 15 gemeenten
    assert flevoland_page == jz["JZ08"] and nhn_page == zk["ZK18"]
    iza_membership["iza-flevoland"] = dict(method="public-page", source="azwa-flevoland-split-2026")
    iza_membership["iza-noord-holland-noord"] = dict(source="sigra-regiobeeld-nhn-2023")
    for rid, name, status, gms, source, note in iza:
        add_region(rid, name, "iza", source, status=status, note=note, gms=gms, membership=iza_membership.get(rid))
    # every gemeente at most once in the iza division
    seen: set = set()
    for _, _, _, gms, _, _ in iza:
        assert not seen & gms, seen & gms
        seen |= gms

    # subregions
    add_region("iza-subregio-kennemerland", "Subregio Kennemerland (IZA/GALA)", "iza-subregio",
               "kennemerland-presentatie-2023", status="inferred", parent="iza-zuid-kennemerland-ijmond", gms=jz["JZ11"],
               membership=dict(method="same-name-jeugd"),
               note="The presentation names 'IZA/GALA subregio Kennemerland' but not its gemeenten; = jeugdregio "
                    "JZ11 Zuid Kennemerland (Bloemendaal, Haarlem, Heemstede, Zandvoort), the Kennemerland part of "
                    "ZK/IJmond beside IJmond (JZ10). Inference.")
    for slug, name in (("eemland", "Eemland"), ("utrecht-stad", "Utrecht Stad"), ("west", "West"),
                       ("zuidoost-utrecht", "Zuidoost Utrecht"), ("lekstroom", "Lekstroom")):
        add_region(f"iza-subregio-midden-nederland-{slug}", f"{name} (subregio Midden-Nederland)", "iza-subregio",
                   "iza-page-midden-nederland", status="unknown", parent="iza-midden-nederland",
                   note="Named as a subregion of the regioplan Midden-Nederland; gemeenten not listed. A jeugdregio "
                        "of (nearly) the same name exists, but the subregion's gemeenten were not inferred.")
    add_region("iza-subregio-nijmegen", "Subregio Nijmegen en omgeving (NOEL)", "iza-subregio",
               "iza-page-nijmegen-noel", status="unknown",
               note="The page: NOEL has an IZA assignment for the 'subregio Nijmegen en omgeving'. Gemeenten not "
                    "listed; probably part of ZK16 Nijmegen. Its IZA region (parent) is unknown: left empty. Not "
                    "confirmed as one of the 38 regioplan regions.")

    # ---------------------------------------------------------------- SPUK IZA samenwerkingsregio's
    spuk_rows = read_csv("spuk_iza_regions_mandaatgemeenten_2025.csv")
    assert len(spuk_rows) == 42
    add_spuk_regions(spuk_rows, add_region, code_by_name, gemeente_name, dict(
        ggd=(ggd, derived, "ggdregio_code"), provincie=(provincie, jobmarket, "provincie_code"),
        zorgkantoor=(zorgkantoor, derived, "zorgkantoorregio_code"), jeugd=(jeugd, derived, "jeugdregio_code")),
        flevoland_page)
    grants = []
    for r in spuk_rows:
        recipient = code_by_name.get(r["mandaatgemeente"])
        if recipient is None:  # SamenTwente: the public body of the Twente gemeenten holds the mandate
            assert r["mandaatgemeente"] == "SamenTwente"
            recipient = "samentwente"
            organisations.append(dict(
                id=recipient, name="SamenTwente", sector="gemeentelijke-samenwerking", source="vws-spuk-iza-2025",
                note="Mandate holder of SPUK IZA samenwerkingsregio Twente (the public body of the Twente "
                     "gemeenten; which gemeenten take part is not in this source)."))
        for year in ("2025", "2026"):
            grants.append(dict(region=spuk_slug(r["regio"]), scheme="spuk-iza", year=year,
                               amount_eur=r[f"spuk_iza_{year}_eur"], recipient=recipient, source="vws-spuk-iza-2025",
                               note=f"mandaatgemeente as printed: {r['mandaatgemeente']}"))
    sources.append(dict(
        id="vws-spuk-iza-2025",
        title="Wijziging SPUK IZA en Brede SPUK, bijlage 2B: 42 samenwerkingsregio's, mandaatgemeente en bedragen "
              "2025 en 2026",
        publisher="Ministerie van VWS (letter 4190863-1084972-DMO); transcribed via GitHub meijer1973/azwa",
        url="https://zwolle.bestuurlijkeinformatie.nl/Document/View/73c9ebe8-9347-42f0-9980-15a7f54cdca3",
        date="2025-09-12", kind="real", licence=WEB,
        note="Transcribed by hand from a text conversion of the PDF (meijer1973/azwa, commit 46030aced3f4). DUS-I "
             "confirms 42 mandate holders for 42 samenwerkingsregio's. Gives no gemeenten per region: the regulation "
             "(Staatscourant 2023, 19964, Bijlage 1) lists them but was not available. Feeds division spuk-iza."))

    # ---------------------------------------------------------------- Kennemerland structure
    src = "kennemerland-presentatie-2023"
    sub = "iza-subregio-kennemerland"
    diagram = "Parent interpreted from the diagram 'Structuur samenwerking IZA/GALA subregio Kennemerland'."
    sg = "stuurgroep-iza-gala-kennemerland"
    kennemerland_tables = [
        # id, name, kind, level, parent, themes, note
        (sg, "Stuurgroep IZA/GALA Kennemerland", "stuurgroep", "bestuurlijk", "", [],
         "Top of the structure shown for subregio Kennemerland (regional_structure); the IJmond part of ZK/IJmond "
         "is not in the diagram. Members not named in the source."),
        ("themateam-kwetsbare-ouderen-kennemerland", "Themateam Kwetsbare ouderen & multimorbide patiënten",
         "themateam", "thema", sg, ["kwetsbare-ouderen"], "One of the three themateams under the stuurgroep."),
        ("themateam-mentale-gezondheid-kennemerland", "Themateam Mentale gezondheid", "themateam", "thema", sg,
         ["mentale-gezondheid"], "One of the three themateams under the stuurgroep."),
        ("themateam-gezondheidsverschillen-kennemerland", "Themateam Gezondheidsverschillen", "themateam", "thema",
         sg, ["gezondheidsverschillen"], "One of the three themateams under the stuurgroep."),
        ("overleg-wethouders-kennemerland", "Overleg wethouders Kennemerland (& Haarlemmermeer)", "overleg",
         "bestuurlijk", "", [],
         "Territory crosses zorgkantoorregio borders: Haarlemmermeer (GM0394) is in ZK01 Amstelland en De "
         "Meerlanden, the other four in ZK11 Kennemerland (all five in GGD Kennemerland). Shown beside the "
         "stuurgroep as the gemeenten's own overleg (interpretation: feeds the stuurgroep, no parent recorded)."),
        ("overleg-zorgverzekeraars-kennemerland", "Zorgverzekeraars (1e Zilveren Kruis, 2e VGZ, in afstemming met Z&Z)",
         "overleg", "bestuurlijk", "", [],
         "The insurers' coordination as shown in the diagram (interpretation: feeds the stuurgroep, no parent "
         "recorded)."),
        ("sigra-regiobestuurstafel-kennemerland", "Sigra regiobestuurstafel (welzijn- en zorgaanbieders)", "overleg",
         "bestuurlijk", "", [],
         "Table of the welzijn- and zorgaanbieders, organised by Sigra (interpretation: feeds the stuurgroep, no "
         "parent recorded; kind overleg chosen for a constituency table)."),
        ("financiering-bekostiging-kennemerland", "Financiering & bekostiging", "werkgroep", "tactisch", sg,
         ["financiering"], f"Kind werkgroep chosen for a box without a kind in the diagram. {diagram}"),
        ("regiegroep-kennemerland", "Regiegroep", "regiegroep", "tactisch", sg, [], diagram),
        ("adviescommissie-evaluatie-monitoring-kennemerland", "Adviescommissie Evaluatie & monitoring",
         "adviescommissie", "advies", sg, ["monitoring"], diagram),
        ("werkgroep-acute-zorg-kennemerland", "Werkgroep Acute zorg", "werkgroep", "uitvoering",
         "regiegroep-kennemerland", ["acute-zorg"], diagram),
        ("werkgroep-digitalisering-kennemerland", "Werkgroep Digitalisering", "werkgroep", "uitvoering",
         "regiegroep-kennemerland", ["digitalisering"], diagram),
        ("werkgroep-arbeidsmarkt-onderwijs-kennemerland", "Werkgroep Arbeidsmarkt & onderwijs", "werkgroep",
         "uitvoering", "regiegroep-kennemerland", ["arbeidsmarkt-onderwijs"], diagram),
        ("expertteam-kennemerland", "Adviserend expertteam", "expertteam", "advies", "regiegroep-kennemerland", [],
         diagram),
    ]
    kennemerland_wethouders = ["GM0392", "GM0473", "GM0397", "GM0377", "GM0394"]  # Haarlem ... Haarlemmermeer
    assert [gemeente_name[g] for g in kennemerland_wethouders] == \
        ["Haarlem", "Zandvoort", "Heemstede", "Bloemendaal", "Haarlemmermeer"]
    assert set(kennemerland_wethouders[:4]) == jz["JZ11"]
    for tid, name, kind, level, parent, tthemes, note in kennemerland_tables:
        row = dict(id=tid, name=name, kind=kind, programmes="iza;gala", region=sub, level=level, parent=parent,
                   source=src, note=note)
        if tid == sg:
            row["regional_structure"] = "ja"
        if tid == "overleg-wethouders-kennemerland":
            row["region"] = ""
            row["gemeenten"] = ";".join(kennemerland_wethouders)
        tables.append(row)
        themes.extend(dict(table=tid, theme=t) for t in tthemes)
    for g in kennemerland_wethouders:
        memberships.append(dict(table="overleg-wethouders-kennemerland", member=g, role="lid", perspective="gemeenten",
                                source=src, note="'(& Haarlemmermeer)' in the source" if g == "GM0394" else ""))
    zv = "overleg-zorgverzekeraars-kennemerland"
    memberships += [
        dict(table=zv, member="zilveren-kruis", role="lid", perspective="zorgverzekeraars", source=src,
             note="1e (first in the order of coordination shown)"),
        dict(table=zv, member="vgz", role="lid", perspective="zorgverzekeraars", source=src,
             note="2e (second in the order of coordination shown)"),
        dict(table=zv, member="zorg-en-zekerheid", role="adviseur", perspective="zorgverzekeraars", source=src,
             note="'in afstemming met Z&Z': consulted; role adviseur is an interpretation"),
        dict(table="sigra-regiobestuurstafel-kennemerland", member="sigra", role="lid", perspective="zorgaanbieders",
             source=src, note="Sigra organises the table; the individual welzijn- and zorgaanbieders are not named"),
    ]

    # ---------------------------------------------------------------- bodies named in the governance snippets
    nhn_note = snippets["Noord-Holland Noord"]
    tables += [
        dict(id="coordinatietafel-noord-holland-noord", name="Coördinatietafel Noord-Holland Noord Gezond (IZA + GALA)",
             kind="overleg", programmes="iza;gala", region="iza-noord-holland-noord", source="sigra-regiobeeld-nhn-2023",
             note="Named on a secondary page as the coördinatietafel of the 15 gemeenten ('basis IZA+GALA'); kind "
                  "overleg chosen because the page gives none. The page names VGZ, GGD, gemeenten and Sigra "
                  f"('{nhn_note['leden_of_inhoud'].split('; gemeenten:')[0]}') without saying which body they sit "
                  "in, so no members are recorded."),
        dict(id="kernteam-regiobeeld-noord-holland-noord", name="Kernteam regiobeeld Noord-Holland Noord",
             kind="werkgroep", programmes="iza;gala", region="iza-noord-holland-noord",
             parent="coordinatietafel-noord-holland-noord", source="sigra-regiobeeld-nhn-2023",
             note="Named beside the coördinatietafel on the same page; kind werkgroep and the parent are "
                  "interpretations. Members not recorded (see the coördinatietafel)."),
    ]
    roaz_plan = snippets["ROAZ-plan Noord-Holland Noord"]
    assert roaz_plan["leden_of_inhoud"].endswith("...")  # the source's list is incomplete
    kernteam = "kernteam-roaz-plan-noord-holland-noord"
    tables.append(dict(
        id=kernteam, name="Kernteam ROAZ-plan Noord-Holland Noord", kind="werkgroep", programmes="roaz",
        parent="roaz-netwerk-noord-holland-flevoland", source="nwz-roaz-plan-nhn-2024",
        note="One of the 5 subregional ROAZ plans of Netwerk Acute Zorg Noord-Holland/Flevoland (strategic werkagenda "
             "for acute care in Noord-Holland Noord, 2024-01). The participants are listed on the page with '...': "
             "the recorded members are the ones named, the list is incomplete. Territory not stated."))
    themes.append(dict(table=kernteam, theme="acute-zorg"))
    for org, name, sector, org_note in (
            ("honk", "HONK", "huisartsen", "Huisartsen organisation named as 'HONK' (huisartsen) on the page."),
            ("hkn", "HKN", "huisartsen", "Huisartsen organisation named as 'HKN' (huisartsen) on the page."),
            ("hwf", "HWF", "huisartsen", "Huisartsen organisation named as 'HWF' (huisartsen) on the page."),
            ("noordwest-ziekenhuisgroep", "Noordwest Ziekenhuisgroep", "ziekenhuis", ""),
            ("dijklander", "Dijklander Ziekenhuis", "ziekenhuis", "Named 'Dijklander' on the page."),
            ("coordinatiepunt-ouderenzorg-nhn", "Coördinatiepunt ouderenzorg (Noord-Holland Noord)", "zorgaanbieders",
             "Named 'Coordinatiepunt ouderenzorg' on the page; sector set to the broad perspective zorgaanbieders "
             "because the page does not say who runs it."),
            ("omring", "Omring", "vvt", "")):
        organisations.append(dict(id=org, name=name, sector=sector, source="nwz-roaz-plan-nhn-2024", note=org_note))
        memberships.append(dict(table=kernteam, member=org, role="lid", source="nwz-roaz-plan-nhn-2024"))

    # ---------------------------------------------------------------- plans
    plans = [
        dict(id="regioplan-zuid-kennemerland-ijmond",
             name="Regioplan IZA ZK/IJmond (A regio-opgaven, B regio-afspraken, C landelijke randvoorwaarden, "
                  "D regionale werkagenda, E monitoring)",
             kind="regioplan", region="iza-zuid-kennemerland-ijmond", date="2023", source=src),
        dict(id="werkagenda-zuid-kennemerland-ijmond", name="Regionale werkagenda (deel D van het regioplan ZK/IJmond)",
             kind="werkagenda", region="iza-zuid-kennemerland-ijmond", date="2023", source=src),
        dict(id="regioplan-noord-veluwe-zeewolde", name="IZA regioplan Noord-Veluwe en Zeewolde", kind="regioplan",
             region="iza-noord-veluwe-zeewolde", source="iza-pages-noord-veluwe-zeewolde"),
        dict(id="regioplan-achterhoek", name="Regioplan Achterhoek", kind="regioplan", region="iza-achterhoek",
             source="iza-pages-achterhoek"),
        dict(id="regioplan-zuid-holland-noord", name="Regioplan IZA Zuid-Holland Noord", kind="regioplan",
             region="iza-zuid-holland-noord", source="iza-page-zuid-holland-noord"),
        dict(id="regioplan-haaglanden", name="Regioplan Haaglanden", kind="regioplan", region="iza-haaglanden",
             source="iza-page-haaglanden"),
        dict(id="regioplan-midden-nederland", name="Regioplan Midden-Nederland", kind="regioplan",
             region="iza-midden-nederland", date="2024-01", source="iza-page-midden-nederland"),
        dict(id="regioplan-zuidoost-utrecht", name="Regioplan Zuidoost Utrecht", kind="regioplan",
             region="iza-subregio-midden-nederland-zuidoost-utrecht", source="iza-page-zuidoost-utrecht"),
    ]
    for code in sorted(zorgkantoor):
        plans.append(dict(id=f"regiobeeld-{code.lower()}", name=f"Regiobeeld zorgkantoorregio {zorgkantoor[code][0]}",
                          kind="regiobeeld", region=f"zorgkantoor-{code.lower()}", date="2023",
                          source="iza-page-haaglanden" if code == "ZK10" else "dejuistezorg-regionale-samenwerking"))

    write_csv(out, "sources", sources)
    write_csv(out, "gemeenten", gemeenten)
    write_csv(out, "regions", regions)
    write_csv(out, "region_members", members)
    write_csv(out, "organisations", organisations)
    write_csv(out, "tables", tables)
    write_csv(out, "table_themes", themes)
    write_csv(out, "memberships", memberships)
    write_csv(out, "plans", plans)
    write_csv(out, "region_grants", grants)


if __name__ == "__main__":
    build()
