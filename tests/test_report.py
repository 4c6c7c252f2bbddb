"""The national report and the region pages (``izagraph report``), on the shipped data and on small
hand-made graphs. Expectations come from data/illustrative/EXPECTED.md and from the data itself, not
from the report's own output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import html5lib
import networkx as nx
import pytest
from click.testing import CliRunner

from izagraph.cli import cli
from izagraph.load import load_dataset
from izagraph.namespaces import IZG, RDF, SKOS, concept
from izagraph.report import write_report
from izagraph.report.build import _perspective_status, default_divisions
from izagraph.report.congruence import compare, congruence_matrix
from izagraph.resources import SHIPPED_DATASETS
from izagraph.store import build_store, read_graph

from .conftest import MINI, append_csv

TODAY = "2025-06-01"
HOSTILE = '<img src=x onerror="window.__pwned=1">'
ID = "https://w3id.org/izagraph/id/"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    dataset = load_dataset(list(SHIPPED_DATASETS))
    build_store(dataset.graph, path, dataset.inputs)
    return path


@pytest.fixture(scope="module")
def out(store, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "report"
    write_report(store, folder, today=TODAY)
    return folder


def rows_of(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def parse(path: Path):
    """Strict HTML5 parsing: any parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(path.read_text(encoding="utf-8"))


def invoke(*args) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- the national page lists every region ---------------------------------------------------------------

def test_every_iza_region_in_the_data_is_listed_including_those_without_data(store, out):
    graph = read_graph(store)
    iza = concept("division", "iza")
    expected = {str(graph.value(r, SKOS.prefLabel)) for r in graph.subjects(IZG.division, iza)}
    assert len(expected) == 16  # README: 16 of the 38 IZA regions by name
    rows = {r["regio"]: r for r in rows_of(out, "scorecard-iza.csv")}
    assert set(rows) == expected
    # Drenthe is known by name and gemeenten only: listed, with "geen gegevens" for its governance
    assert rows["Drenthe"]["gedeelde governance"] == "geen gegevens"
    assert rows["Drenthe"]["tafels"] == "geen gegevens"
    assert rows["Drenthe"]["gemeenten"] == "12"
    page = (out / "index.html").read_text(encoding="utf-8")
    for name in expected:
        assert f">{name.replace(chr(39), '&#39;')}<" in page or f">{name}<" in page


def test_scorecard_verdicts_follow_the_findings_and_never_turn_not_recorded_into_missing(out):
    rows = {r["regio"]: r for r in rows_of(out, "scorecard-iza.csv")}
    hl, zhn, zk, ach = (rows[n] for n in ("Haaglanden", "Zuid-Holland Noord", "Zuid-Kennemerland en IJmond",
                                          "Achterhoek"))
    # EXPECTED.md: burgers/patiënten sit at none of the recorded tables under hl-regiotafel, but
    # hl-werkgroep-preventie has no recorded members, so it is "niet vastgelegd", never "ontbreekt"; the GGD (its
    # regiotafel seat ended) and gemeenten with a mandate (GM0518, mandate ja) sit one layer down, in its themateams
    assert hl["Burgers en patiënten vertegenwoordigd"] == "niet vastgelegd"
    assert hl["Regionale GGD vertegenwoordigd"] == "aanwezig"
    assert hl["Gemeenten vertegenwoordigd met mandaat"] == "aanwezig"
    assert hl["Zorgprofessionals vertegenwoordigd"] == "aanwezig"  # through huisartsen
    # ZHN: all seven present, a monitoring body and a werkagenda
    assert all(zhn[c] == "aanwezig" for c in zhn if c.endswith("vertegenwoordigd") or c.endswith("mandaat"))
    assert zhn["werkagenda"] == zhn["monitoring"] == "vastgelegd"
    # ZK/IJmond: the real Kennemerland stuurgroep (in its subregio) has no recorded members: not recorded
    assert zk["gedeelde governance"] == "vastgelegd"
    perspective_columns = [c for c in zk if c.endswith("vertegenwoordigd") or c.endswith("mandaat")]
    assert len(perspective_columns) == 7
    assert {zk[c] for c in perspective_columns} == {"niet vastgelegd"}
    assert zk["tafels"] == "13" and zk["lagen"] == "3"  # README: 13 active tables in 3 layers
    assert zk["basis"] == "afgeleid"  # real tables, inferred gemeenten
    # Achterhoek: tables but no table marked as its collaboration structure
    assert ach["gedeelde governance"] == "niet vastgelegd"
    assert "ontbreekt" not in ach.values()
    assert hl["basis"] == zhn["basis"] == "illustratief"
    # the charts have no basis column: the illustrative regions say so in their row labels, the real ones do not
    heat = parse(out / "index.html").find(".//section[@id='division-iza']")
    labels = {"".join(el.itertext()) for el in heat.iter() if (el.get("class") or "") == "rowlabel"}
    # Achterhoek's tables are illustrative too (data/illustrative); Noord-Holland Noord's bodies come from the
    # public governance snippets and ZK/IJmond's tables are real
    assert {"Haaglanden (illustratief)", "Zuid-Holland Noord (illustratief)", "Achterhoek (illustratief)",
            "Noord-Holland Noord", "Zuid-Kennemerland en IJmond"} <= labels
    assert "Haaglanden" not in labels


def test_numbers_equal_check_and_info(store, out):
    report = json.loads(invoke("check", "--store", str(store), "--format", "json", "-p", f"today={TODAY}"))
    info = json.loads(invoke("info", "--store", str(store), "--format", "json"))
    severity = {r["ernst"]: int(r["bevindingen"]) for r in rows_of(out, "severity.csv")}
    labels = {"high": "hoog", "medium": "middel", "low": "laag", "info": "info"}
    assert severity == {labels[k]: v for k, v in report["severity_counts"].items()}
    coverage = {r["Regio-indeling"]: r for r in rows_of(out, "coverage.csv")}
    assert len(coverage) == len(info["divisions"])  # every division of info, none added or dropped
    pairs = {"regio's": "regio's", "verwacht": "verwacht", "regio's: uit bron": "regio's uit bron",
             "regio's: afgeleid": "regio's afgeleid", "regio's: onbekend": "regio's onbekend",
             "gemeenten: bekend (bron)": "gemeenten bekend", "gemeenten: afgeleid": "gemeenten afgeleid",
             "gemeenten: onbekend": "gemeenten onbekend"}
    for d in info["divisions"]:
        row = coverage[d["indeling"]]
        assert {c: row[c] for c in pairs} == {c: "" if d[k] is None else str(d[k]) for c, k in pairs.items()}
        # every gemeente is counted once: 342 gemeenten in the shipped data (CBS 2025)
        assert sum(int(row[c]) for c in ("gemeenten: bekend (bron)", "gemeenten: afgeleid", "gemeenten: onbekend")) == 342
    # findings per region: those naming the region (Haaglanden and ZHN have no parts)
    rows = {r["regio"]: r for r in rows_of(out, "scorecard-iza.csv")}
    for name, iri in (("Haaglanden", ID + "region/iza-haaglanden"), ("Zuid-Holland Noord", ID + "region/iza-zuid-holland-noord")):
        mine = [f for f in report["findings"] if iri in f["regions"]]
        assert int(rows[name]["bevindingen"]) == len(mine)
        assert int(rows[name]["drukte"]) == sum(f["rule"].startswith("drukte-") for f in mine)
        assert int(rows[name]["dubbel"]) == sum(f["rule"] in ("duplicate-tables", "subset-tables", "en-en") for f in mine)
    # drukte-region's evidence per region equals the tables and layers shown
    for f in report["findings"]:
        if f["rule"] == "drukte-region" and f["subject_label"] in rows:
            assert rows[f["subject_label"]]["tafels"] == str(f["evidence"]["tables"])
    # congruence: the same adjusted Rand index and nesting shares as region-incongruence
    pairs = {(r["A"], r["B"]): r for r in rows_of(out, "congruence.csv")}
    incongruent = [f for f in report["findings"] if f["rule"] == "region-incongruence"]
    assert any("ROAZ-regio" in f["subject_label"] for f in incongruent)  # ROAZ per gemeente: compared too
    for f in incongruent:
        a, b = (d.strip() for d in f["subject_label"].split("↔"))
        row = pairs.get((a, b)) or pairs[(b, a)]
        flip = (a, b) not in pairs
        assert row["ARI"] == f"{f['evidence']['adjusted_rand']:.2f}"
        assert row["B ⊂ A" if flip else "A ⊂ B"] == f"{f['evidence']['a_in_b']:.0%}"
        assert row["vergeleken gemeenten"] == str(f["evidence"]["gemeenten_compared"])


def test_markdown_has_the_same_tables(out):
    md = (out / "index.md").read_text(encoding="utf-8")
    for row in rows_of(out, "scorecard-iza.csv"):
        assert "| " + " | ".join(v.replace("|", "\\|") for v in row.values()) + " |" in md


# -- the SPUK IZA samenwerkingsregio's -------------------------------------------------------------------

REAL = Path(__file__).parent.parent / "data" / "real"


def real_rows(name: str) -> list[dict]:
    with (REAL / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_spuk_regions_are_shown_by_default_all_42_with_unknown_composition_said(out):
    spuk = {r["id"]: r for r in real_rows("regions") if r["division"] == "spuk-iza"}
    assert len(spuk) == 42  # VWS: 42 mandate holders for 42 samenwerkingsregio's
    rows = {r["regio"]: r for r in rows_of(out, "scorecard-spuk-iza.csv")}
    assert set(rows) == {r["name"] for r in spuk.values()}  # default divisions: IZA and SPUK, every region listed
    unknown = {r["name"] for r in spuk.values() if r["status"] == "unknown"}
    assert len(unknown) == 15
    for name, row in rows.items():
        if name in unknown:  # composition unknown: said so, not "0 gemeenten"
            assert (row["samenstelling"], row["gemeenten"]) == ("onbekend", "onbekend (geen gegevens)")
        else:
            assert row["samenstelling"] == "afgeleid" and int(row["gemeenten"]) > 0
        assert row["gedeelde governance"] == "geen gegevens"  # no tables recorded for any SPUK region
    # the whole-gemeente figures of the section: no SPUK region lists gemeenten from a source; the inferred
    # ones are the gemeenten of the spuk-* rows of region_members.csv; the rest of the 342 are unknown
    inferred = {r["gemeente"] for r in real_rows("region_members") if r["region"] in spuk}
    section = parse(out / "index.html").find(".//section[@id='division-spuk-iza']")
    meta = "".join(section.find("p[@class='meta']").itertext())
    assert f"0 bekend (bron), {len(inferred)} afgeleid, {342 - len(inferred)} onbekend" in " ".join(meta.split())
    assert "42 regio's in de gegevens · verwacht: 42" in " ".join(meta.split())
    coverage = {r["Regio-indeling"]: r for r in rows_of(out, "coverage.csv")}["SPUK IZA-samenwerkingsregio"]
    assert (coverage["regio's: afgeleid"], coverage["regio's: onbekend"]) == ("27", "15")


def test_spuk_rows_show_mandaatgemeente_and_grants_with_their_source(out):
    rows = {r["regio"]: r for r in rows_of(out, "scorecard-spuk-iza.csv")}
    fl = rows["Flevoland"]
    # region_grants.csv: spuk-flevoland 2025 3161954 and 2026 3390262 to GM0034 (Almere), source vws-spuk-iza-2025
    assert fl["mandaatgemeente / ontvanger"] == "Almere"
    assert (fl["uitkering 2025"], fl["uitkering 2026"]) == ("€ 3.161.954", "€ 3.390.262")
    assert fl["bron uitkering"] == "vws-spuk-iza-2025"
    # the source is cited in full once, under the table
    note = parse(out / "index.html").find(".//section[@id='scorecard-spuk-iza']/p[@class='note']")
    assert note is not None
    note = "".join(note.itertext())
    assert "vws-spuk-iza-2025 = Wijziging SPUK IZA en Brede SPUK" in note and "Ministerie van VWS" in note
    assert fl["gemeenten"] == "5"
    # Twente: the grant goes to an organisation (SamenTwente), not a gemeente; composition unknown
    assert rows["Twente"]["mandaatgemeente / ontvanger"] == "SamenTwente"
    assert rows["Twente"]["gemeenten"] == "onbekend (geen gegevens)"
    grants = [r for r in real_rows("region_grants") if r["scheme"] == "spuk-iza"]
    assert len(grants) == 84 and {r["year"] for r in grants} == {"2025", "2026"}
    assert all(r["uitkering 2025"].startswith("€ ") and r["uitkering 2026"].startswith("€ ") for r in rows.values())
    # the IZA scorecard has no grant columns: no grant is recorded for an IZA region
    assert not [c for c in rows_of(out, "scorecard-iza.csv")[0] if c.startswith("uitkering")]


def test_spuk_region_page_shows_gemeenten_by_method_and_grants(out):
    doc = parse(out / "regio-spuk-flevoland.html")
    cells = [[("".join(td.itertext())).strip() for td in tr.findall("td")]
             for tr in doc.findall(".//section[@id='gemeenten']//tbody/tr")]
    # the public page (azwa-flevoland-split-2026) names five gemeenten; Zeewolde joins Noord-Veluwe
    assert [c[0] for c in cells] == ["Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk"]
    assert "Zeewolde" not in "".join(doc.find(".//section[@id='gemeenten']").itertext())
    assert {(c[1], c[2]) for c in cells} == {("afgeleid", "Openbare pagina (secundair)")}
    assert all(c[3].startswith("regional_roles_and_splits_almere_flevoland.json") for c in cells)
    grants = [[("".join(td.itertext())).strip() for td in tr.findall("td")]
              for tr in doc.findall(".//section[@id='grants']//tbody/tr")]
    assert [g[1:4] for g in grants] == [["2025", "€ 3.161.954", "Almere"], ["2026", "€ 3.390.262", "Almere"]]
    assert all("Ministerie van VWS" in g[4] for g in grants)
    # Noord Veluwe: gemeenten inferred by the name of jeugdregio JZ12, with no source of their own: the page
    # does not cite the VWS list (which names no gemeenten) as their source
    nv = parse(out / "regio-spuk-noord-veluwe.html")
    cells = [[("".join(td.itertext())).strip() for td in tr.findall("td")]
             for tr in nv.findall(".//section[@id='gemeenten']//tbody/tr")]
    assert len(cells) == 7 and {(c[1], c[3]) for c in cells} == {("afgeleid", "")}
    assert {c[2] for c in cells} == {"Zelfde naam als jeugdregio"}
    assert "basis: afgeleid" in " ".join("".join(nv.find(".//p[@class='meta']").itertext()).split())
    dl = nv.find(".//dl[@class='card']")
    card = dict(zip(("".join(x.itertext()) for x in dl.findall("dt")), ("".join(x.itertext()) for x in dl.findall("dd"))))
    assert card["tafels / zetels / lagen"] == "geen gegevens"  # not recorded is not zero
    # a region whose gemeenten nobody lists says so instead of showing an empty table
    twente = parse(out / "regio-spuk-twente.html").find(".//section[@id='gemeenten']")
    assert not twente.findall(".//table")
    assert "niet bekend" in "".join(twente.itertext())
    assert parse(out / "regio-spuk-twente.html").findall(".//section[@id='grants']//tbody/tr")


def test_congruence_covers_roaz_and_spuk(out):
    rows = rows_of(out, "congruence.csv")
    divisions = {r["Regio-indeling"] for r in rows_of(out, "coverage.csv")}
    assert len(divisions) == 11  # 11 divisions with regions in the shipped data
    # every pair of divisions shares gemeenten (each lists some), so every pair has a row
    assert len(rows) == 11 * 10 // 2
    pairs = {(r["A"], r["B"]) for r in rows}
    for other in divisions - {"ROAZ-regio"}:
        assert (other, "ROAZ-regio") in pairs or ("ROAZ-regio", other) in pairs
    # SPUK vs IZA: compared on the gemeenten both place in a region; ROAZ covers all 342, so vs ROAZ the
    # SPUK regions are compared on their inferred gemeenten
    inferred = {r["gemeente"] for r in real_rows("region_members") if r["region"].startswith("spuk-")}
    roaz = next(r for r in rows if {r["A"], r["B"]} == {"ROAZ-regio", "SPUK IZA-samenwerkingsregio"})
    assert roaz["vergeleken gemeenten"] == str(len(inferred))
    ari = parse(out / "index.html").find(".//section[@id='congruence-section']")
    text = "".join(ari.itertext())
    assert "ROAZ-regio" in text and "SPUK IZA-samenwerkingsregio" in text
    assert ari.findall(".//{http://www.w3.org/2000/svg}svg") or ari.findall(".//svg")


# -- pages are valid, self-contained and safe -----------------------------------------------------------

REMOTE = re.compile(r"^\s*(https?:)?//", re.I)


def test_all_html_parses_and_loads_nothing_remote(out):
    pages = sorted(out.glob("*.html"))
    # index + the five IZA regions with data (ZHN, Haaglanden, Achterhoek, ZK/IJmond, and Noord-Holland Noord
    # with the bodies of the public governance snippets) + the 42 SPUK regions, each of which has a grant
    assert len(pages) == 1 + 5 + 42
    for page in pages:
        doc = parse(page)
        assert not doc.findall(".//script")  # no script at all
        assert not doc.findall(".//link") and not doc.findall(".//iframe") and not doc.findall(".//object")
        for el in doc.iter():
            for attr in ("src", "srcset", "data", "poster", "{http://www.w3.org/1999/xlink}href"):
                assert not el.get(attr) or not REMOTE.match(el.get(attr)), (page.name, el.tag, el.get(attr))
            if el.tag in ("img", "image", "use", "source", "video", "audio"):
                assert not REMOTE.match(el.get("href") or ""), page.name
        csp = doc.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
        assert csp.startswith("default-src 'none'")
        assert "url(" not in page.read_text(encoding="utf-8").split("</style>")[0].split("<style>")[-1]


def test_region_page_has_tree_profile_findings_and_next_steps(out):
    doc = parse(out / "regio-iza-zuid-holland-noord.html")
    tree = [t.text for t in doc.findall(".//ul[@class='tree']/li/span[@class='tname']")]
    assert tree[0] == "Regiotafel Zuid-Holland Noord"  # the top table first
    text = "".join(doc.find(".//section[@id='tree']").itertext())
    assert "Werkgroep Arbeidsmarkt & onderwijs ZHN" in text
    profile = "".join(doc.find(".//section[@id='profile']").itertext())
    # chosen variants (region_aspects.csv) are marked, unrecorded aspects say so
    chosen = {"".join(s.itertext()).strip("✓ ") for s in doc.findall(".//section[@id='profile']//li[@class='chosen']/strong")}
    assert {"Samenwerken vanuit gedeelde urgentie", "Onafhankelijke voorzitter", "Besluiten op basis van consent"} <= chosen
    assert "Samenwerken vanuit gedeelde ambitie" not in chosen
    assert "Financiering" in profile and "niet vastgelegd" in profile  # no financing variant recorded
    findings = doc.find(".//section[@id='findings']")
    assert findings.findall(".//p[@class='advice']")  # next steps from the lessons
    hl_doc = parse(out / "regio-iza-haaglanden.html")
    hl = "".join(hl_doc.find(".//section[@id='findings']").itertext())
    assert "Burgers en patiënten vertegenwoordigd" in hl and "illustratief" in hl
    assert "Regionale GGD vertegenwoordigd" not in hl  # met one layer down
    # the layer where each perspective sits (the burgers/patiënten finding's evidence gives the structure's layers)
    rows = {tr.find("td").text: ["".join(td.itertext()).strip() for td in tr.findall("td")[1:]]
            for tr in hl_doc.findall(".//table[@class='data criteria']/tbody/tr")}
    assert rows["Regionale GGD vertegenwoordigd"] == ["✓ aanwezig", "2"]  # ggd-voorbeeld-hofstad at a themateam
    # gemeenten sit in layers 1 and 2, but the mandate (ja) only in layer 2 (GM0518 at hl-regiotafel: nee); the
    # evidence gives layers per perspective, not per mandate, so no layer is shown rather than a wrong one
    assert rows["Gemeenten vertegenwoordigd met mandaat"] == ["✓ aanwezig", ""]
    assert rows["Burgers en patiënten vertegenwoordigd"] == ["? niet vastgelegd", ""]
    assert rows["Zorgprofessionals vertegenwoordigd"][1].startswith("1")  # huisartsen at the regiotafel
    # ZHN has no missing-perspectives finding: no evidence of layers, so none is shown (not guessed)
    zhn_rows = [tr.findall("td")[2] for tr in doc.findall(".//table[@class='data criteria']/tbody/tr")]
    assert zhn_rows and all(not "".join(td.itertext()).strip() for td in zhn_rows)


def test_region_page_links_to_maps_relatively_when_they_exist(store, tmp_path):
    maps = tmp_path / "out" / "maps"
    maps.mkdir(parents=True)
    (maps / "regio-iza-haaglanden.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    (maps / "geo.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    write_report(store, tmp_path / "out" / "report", region="iza-haaglanden", today=TODAY)
    doc = parse(tmp_path / "out" / "report" / "regio-iza-haaglanden.html")
    hrefs = [a.get("href") for a in doc.findall(".//section[@id='maps']//a")]
    assert hrefs == ["../maps/regio-iza-haaglanden.html", "../maps/geo.html"]
    assert sorted(p.name for p in (tmp_path / "out" / "report").iterdir()) == ["regio-iza-haaglanden.html"]
    # a region without a network map of its own (a SPUK region: no tables) links to the geo map only
    write_report(store, tmp_path / "out" / "spuk", region="spuk-flevoland", today=TODAY, maps_dir=maps)
    doc = parse(tmp_path / "out" / "spuk" / "regio-spuk-flevoland.html")
    assert [a.get("href") for a in doc.findall(".//section[@id='maps']//a")] == ["../maps/geo.html"]


def test_english(store, tmp_path):
    write_report(store, tmp_path, lang="en", today=TODAY)
    doc = parse(tmp_path / "index.html")
    assert doc.find(".//h1").text == "The national picture of regional governance"
    assert doc.get("lang") == "en"
    rows = {r["region"]: r for r in rows_of(tmp_path, "scorecard-iza.csv")}
    assert rows["Drenthe"]["shared governance"] == "no data"
    assert rows["Zuid-Kennemerland en IJmond"]["Care providers represented"] == "not recorded"


def test_hostile_names_are_text(tmp_path):
    folder = tmp_path / "mini"
    import shutil

    shutil.copytree(MINI, folder)
    append_csv(folder, "regions", {"id": "iza-evil", "name": f"Regio {HOSTILE}", "division": "iza",
                                   "status": "unknown", "source": "voorbeeld"})
    append_csv(folder, "tables", {"id": "evil-table", "name": f"Tafel {HOSTILE}", "kind": "stuurgroep",
                                  "programmes": "iza", "region": "iza-evil", "regional_structure": "ja",
                                  "source": "voorbeeld"})
    append_csv(folder, "region_aspects", {"region": "iza-evil", "variant": "vanuit-urgentie", "source": "voorbeeld"})
    dataset = load_dataset([folder])
    build_store(dataset.graph, tmp_path / "store", dataset.inputs)
    write_report(tmp_path / "store", tmp_path / "out", today=TODAY)
    for page in (tmp_path / "out").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert HOSTILE not in text and "<img" not in text
        parse(page)
    assert "Tafel &lt;img src=x onerror=" in (tmp_path / "out" / "regio-iza-evil.html").read_text(encoding="utf-8")


def test_cli_report_and_errors(store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "--store", str(store), "-o", str(tmp_path / "r"), "--today", TODAY,
                                 "--division", "iza", "--division", "zorgkantoor"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "r" / "index.html")
    assert {p.name for p in (tmp_path / "r").glob("scorecard-*.csv")} == {"scorecard-iza.csv", "scorecard-zorgkantoor.csv"}
    zk = rows_of(tmp_path / "r", "scorecard-zorgkantoor.csv")
    assert len(zk) == 31  # every zorgkantoorregio, with or without data
    bad = runner.invoke(cli, ["report", "--store", str(store), "-o", str(tmp_path / "x"), "--division", "spook"])
    assert bad.exit_code == 2 and "Error: regio-indeling 'spook'" in bad.output and "Traceback" not in bad.output
    bad = runner.invoke(cli, ["report", "--store", str(store), "-o", str(tmp_path / "x"), "--region", "nergens"])
    assert bad.exit_code == 2 and "onbekende regio 'nergens'" in bad.output
    assert not (tmp_path / "x").exists()  # nothing written on an error


# -- pure pieces on hand-made graphs -------------------------------------------------------------------

def _graph():
    G = nx.MultiDiGraph()
    for g in ("g1", "g2", "g3", "g4"):
        G.add_node(g, kind="gemeente")
    for r, div, status, gms in (("A1", "a", "source", "g1 g2"), ("A2", "a", "inferred", "g3"),
                                ("B1", "b", "source", "g1 g2 g3 g4"), ("C1", "c", "unknown", "")):
        G.add_node(r, kind="region", division=div, status=status)
        for g in gms.split():
            G.add_edge(r, g, relation="contains")
    return G


def test_congruence_matrix_nesting_and_rand_index():
    m = congruence_matrix(_graph())
    assert m["divisions"] == ["a", "b"]  # c lists no gemeenten
    assert m["cells"][("a", "b")]["nesting"] == 1.0  # both A regions lie in B1
    assert m["cells"][("b", "a")]["nesting"] == 0.0  # B1 spans two A regions
    assert m["cells"][("a", "b")]["compared"] == 3  # g4 lies in no A region
    assert m["cells"][("a", "a")]["ari"] == 1.0
    assert compare({"x": frozenset({1})}, {"y": frozenset({2})}) is None


class _C:
    id = "iza-ggd"


def _f(table, gap="governance", **evidence):
    from izagraph.findings import Finding, Severity

    severity = Severity.LOW if gap == "data" else Severity.HIGH
    return Finding("missing-perspectives", severity, table, table, {"nl": ""}, evidence, gap=gap)


# The rule (izagraph/rules/perspectives.py) gives one finding per top table and criterion not met, over the whole
# structure under it; a mandate recorded as "nee" is not met (gap governance, evidence without_mandate), an
# unknown mandate is not recorded (gap data, evidence mandate_unknown), a structure without members gives one
# finding listing the criteria with members = [].
@pytest.mark.parametrize("findings, expected", [
    ({"t": []}, "present"),
    ({"t": [_f("t", criterion="iza-ggd", members=["x"])]}, "missing"),
    ({"t": [_f("t", criteria=["iza-ggd"], members=[])]}, "not_recorded"),
    ({"t": [_f("t", criterion="iza-ggd", members=["x"], without_mandate=["GM1"])]}, "no_mandate"),
    ({"t": [_f("t", "data", criterion="iza-ggd", members=["x"], mandate_unknown=["GM1"])]}, "mandate_not_recorded"),
    # one seat with mandate nee and one unknown: not recorded (the unknown one may have it), not "not met"
    ({"t": [_f("t", "data", criterion="iza-ggd", members=["x"], mandate_unknown=["GM2"], without_mandate=["GM1"])]},
     "mandate_not_recorded"),
    ({"t": [_f("t", criterion="iza-ggd", members=["x"])], "u": []}, "present"),  # met in one of two structures
    ({"t": [_f("t", criteria=["iza-ggd"], members=[])], "u": [_f("u", criterion="iza-ggd", members=["y"])]},
     "missing"),
    # absent from the recorded seats while a table of the structure has no recorded members: not recorded
    ({"t": [_f("t", "data", criterion="iza-ggd", members=["x"], tables_without_members=["W"])]}, "not_recorded"),
    # another criterion's finding says nothing about this one
    ({"t": [_f("t", criterion="iza-burgers-patienten", members=["x"])]}, "present"),
])
def test_perspective_status(findings, expected):
    assert _perspective_status(_C(), sorted(findings), findings) == expected


def test_default_divisions_pick_iza_and_spuk_when_present():
    G = nx.MultiDiGraph()
    for r, d in (("r1", "iza"), ("r2", "spuk-iza"), ("r3", "ggd")):
        G.add_node(r, kind="region", division=d)
    assert default_divisions(G) == ["iza", "spuk-iza"]
    H = nx.MultiDiGraph()
    H.add_node("r3", kind="region", division="ggd")
    assert default_divisions(H) == ["ggd"]


# -- the governance scan round-trips -------------------------------------------------------------------

def fill(path: Path, rows: dict[str, list[dict]]) -> None:
    """Fill the scan as a region would (openpyxl, row by row under the header)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for sheet, records in rows.items():
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for r in records:
            ws.append([r.get(h, "") for h in header])
    wb.save(path)


def test_governance_scan_round_trips_into_the_region_page(store, tmp_path):
    from openpyxl import load_workbook

    scan = tmp_path / "scan-drenthe.xlsx"
    result = CliRunner().invoke(cli, ["template", str(scan), "--scan", "iza-drenthe", "--store", str(store)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(scan)
    assert {"sources", "tables", "memberships", "region_aspects", "_lees-mij", "_codes"} <= set(wb.sheetnames)
    header = {c.column_letter: c.value for c in wb["tables"][1]}
    lists = {header[str(dv.sqref).split(":")[0].rstrip("0123456789")]: dv.formula1
             for dv in wb["tables"].data_validations.dataValidation}
    # every single-valued coded column has a drop-down from the ontology's lists (or ja/nee)
    assert set(lists) == {"kind", "region", "level", "chair_type", "decision_rule", "regional_structure"}
    assert all(f.startswith("'_codes'!") for f in lists.values())
    codes = wb["_codes"]
    header = [c.value for c in codes[1]]
    aspect_col = header.index("aspect") + 1
    aspect_codes = {codes.cell(row=i, column=aspect_col).value for i in range(2, codes.max_row + 1)} - {None}
    assert {"voorzitter-roulerend", "elkaar-kennen", "why"} <= aspect_codes
    src = "scan-iza-drenthe"
    assert wb["sources"]["A2"].value == src
    fill(scan, {
        "organisations": [{"id": "ggd-drenthe-scan", "name": "GGD Drenthe (scan)", "sector": "ggd", "source": src},
                          {"id": "verzekeraar-scan", "name": "Zorgverzekeraar (scan)", "sector": "zorgverzekeraar", "source": src},
                          {"id": "ziekenhuis-scan", "name": "Ziekenhuis (scan)", "sector": "ziekenhuis", "source": src}],
        "tables": [{"id": "regiotafel-drenthe-scan", "name": "Regiotafel Drenthe", "kind": "bestuurlijke-tafel",
                    "programmes": "iza", "region": "iza-drenthe", "regional_structure": "ja", "source": src},
                   {"id": "werkgroep-ouderen-drenthe-scan", "name": "Werkgroep Ouderen Drenthe", "kind": "werkgroep",
                    "programmes": "iza", "region": "iza-drenthe", "parent": "regiotafel-drenthe-scan", "source": src}],
        "memberships": [{"table": "regiotafel-drenthe-scan", "member": m, "source": src}
                        for m in ("ggd-drenthe-scan", "verzekeraar-scan", "ziekenhuis-scan")]
        + [{"table": "regiotafel-drenthe-scan", "member": "GM0106", "perspective": "gemeente", "mandate": "ja",
            "source": src},
           {"table": "werkgroep-ouderen-drenthe-scan", "member": "ziekenhuis-scan", "source": src}],
        "region_aspects": [{"region": "iza-drenthe", "variant": "voorzitter-roulerend", "source": src},
                           {"region": "iza-drenthe", "variant": "elkaar-kennen", "source": src}],
    })
    # validated like any input: a typo in a code is found with its sheet, row and column
    bad = tmp_path / "bad.xlsx"
    import shutil

    shutil.copy(scan, bad)
    fill(bad, {"region_aspects": [{"region": "iza-drenthe", "variant": "voorzitter-rouleren", "source": src}]})
    result = CliRunner().invoke(cli, ["validate", "data/real", str(bad)])
    assert result.exit_code == 1 and "bad.xlsx[region_aspects]" in result.output and "voorzitter-rouleren" in result.output
    assert "1 probleem" in result.output and "_codes" not in result.output  # the help sheets are skipped
    # loaded with the real data, it feeds the region page and the national row
    dataset = load_dataset([SHIPPED_DATASETS[0], scan])
    build_store(dataset.graph, tmp_path / "store", dataset.inputs)
    write_report(tmp_path / "store", tmp_path / "out", today=TODAY)
    rows = {r["regio"]: r for r in rows_of(tmp_path / "out", "scorecard-iza.csv")}
    drenthe = rows["Drenthe"]
    assert drenthe["gedeelde governance"] == "vastgelegd" and drenthe["tafels"] == "2" and drenthe["lagen"] == "2"
    assert drenthe["zetels"] == "5"
    assert drenthe["Regionale GGD vertegenwoordigd"] == drenthe["Zorgverzekeraars vertegenwoordigd"] == "aanwezig"
    assert drenthe["Gemeenten vertegenwoordigd met mandaat"] == "aanwezig"
    assert drenthe["Burgers en patiënten vertegenwoordigd"] == drenthe["Sociaal domein vertegenwoordigd"] == "ontbreekt"
    assert drenthe["Zorgprofessionals vertegenwoordigd"] == "ontbreekt"  # a hospital is a provider, not a professional
    assert drenthe["werkagenda"] == drenthe["monitoring"] == "niet vastgelegd"
    assert drenthe["basis"] == "afgeleid" and drenthe["betrouwbaarheid"] == "middel"
    doc = parse(tmp_path / "out" / "regio-iza-drenthe.html")
    top = doc.find(".//ul[@class='tree']/li")
    assert top.find("span[@class='tname']").text == "Regiotafel Drenthe"
    assert top.find("ul/li/span[@class='tname']").text == "Werkgroep Ouderen Drenthe"
    chosen = {"".join(s.itertext()).strip("✓ ") for s in doc.findall(".//section[@id='profile']//li[@class='chosen']/strong")}
    assert chosen == {"Roulerende voorzitter"}
    culture = [li for li in doc.findall(".//section[@id='profile']//li") if "aspect" in (li.get("class") or "")
               and li.find("span").text == "Elkaar (leren) kennen"]
    assert culture and "chosen" in culture[0].get("class")
    assert "Onafhankelijke voorzitter" in "".join(doc.find(".//section[@id='profile']").itertext())


def test_pseudonymise_removes_person_names_everywhere(store, tmp_path):
    graph = read_graph(store)
    names = {str(graph.value(p, SKOS.prefLabel)) for p in graph.subjects(RDF.type, IZG.Person)}
    assert "Jan Voorbeeld" in names
    result = CliRunner().invoke(cli, ["report", "--store", str(store), "-o", str(tmp_path), "--today", TODAY,
                                      "--pseudonymise"])
    assert result.exit_code == 0, result.output
    texts = [p.read_text(encoding="utf-8") for p in tmp_path.iterdir()]
    assert not [n for n in names for t in texts if n in t]
    hot = rows_of(tmp_path, "hotspots.csv")
    assert any(r["onderwerp"].startswith("Persoon ") for r in hot)  # drukte-person, pseudonymised


def test_scan_refuses_to_overwrite_or_to_write_another_format(store, tmp_path):
    existing = tmp_path / "scan.xlsx"
    existing.write_bytes(b"x")
    runner = CliRunner()
    result = runner.invoke(cli, ["template", str(existing), "--scan", "iza-drenthe", "--store", str(store)])
    assert result.exit_code == 2 and "bestaat al" in result.output and existing.read_bytes() == b"x"
    result = runner.invoke(cli, ["template", str(tmp_path / "scan.csv"), "--scan", "iza-drenthe", "--store", str(store)])
    assert result.exit_code == 2 and ".xlsx" in result.output and not (tmp_path / "scan.csv").exists()
    result = runner.invoke(cli, ["template", str(tmp_path / "s.xlsx"), "--scan", "nergens", "--store", str(store)])
    assert result.exit_code == 2 and "onbekende regio 'nergens'" in result.output


def test_english_region_page(store, tmp_path):
    write_report(store, tmp_path, region="iza-haaglanden", lang="en", today=TODAY)
    doc = parse(tmp_path / "regio-iza-haaglanden.html")
    statuses = {tr.find("td").text: "".join(tr.findall("td")[1].itertext()).strip()
                for tr in doc.findall(".//table[@class='data criteria']/tbody/tr")}
    assert statuses["Citizens and patients represented"] == "? not recorded"  # a werkgroep's members are not
    assert statuses["Regional public health service represented"] == "✓ present"  # in a themateam (layer 2)
    assert statuses["Municipalities represented with a mandate"] == "✓ present"
    assert doc.find(".//section[@id='profile']/h2").text == "Governance profile"


def test_geo_map_classes_follow_the_skewed_counts(out):
    """Most gemeenten lie under one active table (their ROAZ network), a few under 10 or more (EXPECTED.md: the
    ZHN/Haaglanden gemeenten under 8-10, Haarlem and its neighbours under 14): the classes must tell 1 from 2
    and 2 from the busiest, not lump them into one lowest band (equal steps did: 1-3 held almost all)."""
    doc = parse(out / "index.html")
    fig = doc.find(".//section[@id='geo-section']//figure")
    value_of = re.compile(r": (\d+)$")
    fills: dict[int, set[str]] = {}
    for p in fig.iter("{http://www.w3.org/2000/svg}path"):
        m = value_of.search(p.get("aria-label") or "")
        if m:
            fills.setdefault(int(m.group(1)), set()).add(p.get("fill"))
    assert all(len(f) == 1 for f in fills.values())  # one colour per value
    colour = {v: next(iter(f)) for v, f in fills.items()}
    assert fills[1] and colour[1] != colour[2] != colour[max(colour)]
    assert colour[1] not in {colour[v] for v in colour if v >= 2}
    assert max(colour) >= 14  # Haarlem and its neighbours
    # the legend follows the classes: "1" is a class of its own; the last class holds the highest count
    legend = ["".join(li.itertext()).strip() for li in fig.findall(".//ul[@class='legend']/li")]
    assert legend[1] == "1" and legend[-2].endswith(str(max(colour)))


def test_national_page_headings_say_what_is_under_them(out):
    doc = parse(out / "index.html")
    overview = doc.find(".//section[@id='overview']")
    assert overview.find("h2").text == "Overzicht"
    # the severity counts are not under the heading "Dekking van de gegevens": each table has its own heading
    assert [h.text for h in overview.iter("h3")] == ["Dekking van de gegevens", "Bevindingen naar ernst"]
    headings = [("".join(h.itertext()).strip()) for h in doc.iter() if h.tag in ("h2", "h3")]
    assert len(headings) == len(set(headings)), headings  # no heading repeats another (scorecard h2 and caption did)
    for section in doc.findall(".//section[@class='division']"):
        table = section.find(".//table")
        caption = table.find("caption")  # the table keeps its name for screen readers, without a visible repeat
        assert caption is not None and caption.text == "".join(section.find("h2").itertext()).strip()
    # the hot spots and duplicates are not under the map's heading
    h2_before = {}
    current = None
    for h in doc.iter():
        if h.tag == "h2":
            current = "".join(h.itertext()).strip()
        elif h.tag == "h3":
            h2_before[h.text] = current
    assert h2_before["Drukte-hotspots"] == h2_before["Dubbele structuren"] == "Bevindingen: drukte en dubbele structuren"


def test_region_findings_speak_dutch_and_list_a_pair_once(out):
    """EXPECTED.md: the pair hl-themateam-kwetsbare-ouderen / hl-ouderenoverleg is both old-and-new (en-en) and a
    near-duplicate; the pair rules give one finding for it, the others as evidence ``also``, which the page
    shows as readable lines (rule and message), not as a JSON dump; severities are in the page's language."""
    doc = parse(out / "regio-iza-haaglanden.html")
    items = doc.findall(".//section[@id='findings']/ol/li")
    badges = {li.find("p/span").text for li in items}
    assert badges <= {"hoog", "middel", "laag", "info"} and "hoog" in badges
    pair = [li for li in items if "Kwetsbare ouderen Haaglanden" in "".join(li.find("p[@class='msg']").itertext())
            and "Ouderenoverleg" in "".join(li.find("p[@class='msg']").itertext())]
    assert len(pair) == 1  # one finding per pair
    li = pair[0]
    assert "also=" not in "".join(li.find("p[@class='evidence']").itertext())
    also = [li_.find("code").text for li_ in li.findall("ul[@class='also']/li")]
    assert "en-en" in also + [li.find("p/code").text] and len(also) >= 1


def test_region_pages_show_the_other_pair_findings_in_their_language(out, store, tmp_path):
    """Issue 8: the lines under a pair finding (the weaker relations about the same pair, evidence ``also``)
    are in the page's language: Dutch on the Dutch page, English on the English one."""
    from izagraph.backends.sparql import OxigraphBackend
    from izagraph.rules import check

    found = check(OxigraphBackend.from_store(store), ["duplicate-tables", "en-en", "subset-tables"],
                  today=dt.date.fromisoformat(TODAY)).findings
    also = [a for f in found for a in f.evidence.get("also", ())]
    assert all(set(a["message"]) == {"nl", "en"} and a["message"]["nl"] != a["message"]["en"] for a in also)
    write_report(store, tmp_path, region="iza-haaglanden", lang="en", today=TODAY)
    for folder, lang in ((out, "nl"), (tmp_path, "en")):
        doc = parse(folder / "regio-iza-haaglanden.html")
        lines = ["".join(li.itertext()).strip()
                 for li in doc.findall(".//section[@id='findings']//ul[@class='also']/li")]
        assert lines and set(lines) <= {f"{a['rule']} {a['message'][lang]}" for a in also}, lang
