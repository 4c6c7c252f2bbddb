"""Codes and input for real structures: the new concepts load, Dutch words for codes are understood,
suggestions do not change meaning, and a regional folder alone is pointed to data/real."""

from __future__ import annotations

from izagraph.load import check_inputs, load_dataset
from izagraph.namespaces import IZG, entity_iri
from izagraph.vocab import vocabulary

from .conftest import ROOT, TESTS, edit_csv

REAL = ROOT / "data" / "real"
CASES = TESTS / "data" / "real-cases"


def test_the_new_table_kinds_role_and_sector_are_concepts_with_labels_and_a_broader_concept():
    v = vocabulary()
    expected = {("table-kind", "kernteam"): "regiegroep", ("table-kind", "programmateam"): "programmabureau",
                ("table-kind", "regiotafel"): "bestuurlijke-tafel", ("table-kind", "thematafel"): "themateam",
                ("table-kind", "projectgroep"): "werkgroep", ("role", "procesbegeleider"): "adviseur",
                ("perspective", "netwerkorganisatie"): "ondersteuning"}
    from izagraph.namespaces import SKOS

    for (scheme, code), parent in expected.items():
        iri = v.resolve(scheme, code)
        assert iri is not None, code
        assert v.label(iri, "nl") and v.label(iri, "en") and v.label(iri, "nl") != code
        assert {v.notation(b) for b in v.graph.objects(iri, SKOS.broader)} == {parent}


def test_the_real_cases_load_with_data_real_without_problems():
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        assert check_inputs([REAL, case]) == [], case


def test_a_regional_folder_alone_is_pointed_to_data_real_instead_of_one_error_per_row():
    problems = check_inputs([CASES / "noord-holland-noord"])
    hints = [p for p in problems if p.code == "needs-shipped-data"]
    assert len(hints) == 1 and "data/real" in hints[0].message
    # vgz and sigra (memberships) and the IZA region (tables) are shipped ids: no row-by-row error for them
    assert not [p for p in problems if p.code == "unknown-reference"]


def test_dutch_labels_of_codes_are_understood(mini):
    edit_csv(mini, "sources", 3, "confidence", "laag")    # the Dutch label of 'low'
    edit_csv(mini, "sources", 3, "kind", "Illustratief")   # a label, with a capital
    assert check_inputs([mini]) == []
    g = load_dataset([mini]).graph
    source = entity_iri("source", "voorbeeld")
    assert str(g.value(source, IZG.confidence)).endswith("/confidence/low")


def test_a_suggestion_never_changes_the_meaning(mini):
    edit_csv(mini, "organisations", 2, "sector", "netwerkorganisate")   # a typo: the same meaning
    edit_csv(mini, "organisations", 3, "sector", "welzijnsorganisatie")  # shares only 'organisatie': no guess
    problems = {p.value: p.suggestion for p in check_inputs([mini]) if p.code == "unknown-code"}
    assert problems == {"netwerkorganisate": "netwerkorganisatie", "welzijnsorganisatie": None}
    # before the code existed, the closest code by spelling was patientenorganisatie: never suggested
    others = [c for c in vocabulary().notations("perspective") if c != "netwerkorganisatie"]
    from izagraph.load.convert import suggest_code

    assert suggest_code("netwerkorganisatie", others) is None


def test_a_seat_of_unnamed_office_holders_invents_no_person():
    from izagraph.namespaces import ORG, RDF, SKOS

    from .test_rules import BASE, RULES_DATA

    case = RULES_DATA / "missing-perspectives" / "office-holders"
    assert check_inputs([BASE, case]) == []
    g = load_dataset([BASE, case]).graph
    seats = [m for m in g.subjects(IZG.holderCount, None)]
    assert len(seats) == 1
    holder = g.value(seats[0], ORG.member)
    assert (holder, RDF.type, IZG.OfficeHolders) in g and (holder, RDF.type, IZG.Person) not in g
    assert str(g.value(holder, SKOS.prefLabel)) == "3 wethouders namens 3 partijen"
    assert float(g.value(seats[0], IZG.holderCount)) == 3


def test_a_seat_without_member_and_without_holders_is_an_error(mini):
    from .conftest import append_csv

    append_csv(mini, "memberships", {"table": "stuurgroep", "source": "voorbeeld"})
    problems = [p for p in check_inputs([mini]) if p.column == "member"]
    assert problems and "holders" in problems[0].message


def _regional_folder(tmp_path):
    folder = tmp_path / "mijn-regio"
    folder.mkdir()
    (folder / "sources.csv").write_text("id,title,publisher,url,date,kind,confidence,licence,note\n"
                                        "mijn-bron,Mijn bron,Mijn regio,https://example.org,2025,real,medium,,\n")
    (folder / "tables.csv").write_text(
        "id,name,kind,programmes,region,gemeenten,level,parent,chair_type,decision_rule,meetings_per_year,start,"
        "end,regional_structure,source,note\n"
        "mijn-werkgroep,Mijn werkgroep,werkgroep,iza,iza-subregio-kennemerland,,,stuurgroep-iza-gala-kennemerland,"
        ",,,,,,mijn-bron,\n")
    (folder / "plans.csv").write_text("id,name,kind,region,tables,date,source\n"
                                      "mijn-agenda,Mijn werkagenda,werkagenda,iza-subregio-kennemerland,"
                                      "stuurgroep-iza-gala-kennemerland;mijn-werkgroep,2025,mijn-bron\n")
    return folder


def test_a_dataset_attaches_its_tables_to_a_parent_and_plan_of_another_dataset(tmp_path):
    from izagraph.namespaces import ORG

    folder = _regional_folder(tmp_path)
    parent = entity_iri("table", "stuurgroep-iza-gala-kennemerland")
    # the other dataset as CSV, and the same dataset as RDF (Turtle): both resolve
    ttl = tmp_path / "real.ttl"
    load_dataset([REAL]).graph.serialize(ttl, format="turtle")
    for other in (REAL, ttl):
        assert check_inputs([other, folder]) == [], other
        g = load_dataset([other, folder]).graph
        assert g.value(entity_iri("table", "mijn-werkgroep"), ORG.subOrganizationOf) == parent
        assert (entity_iri("plan", "mijn-agenda"), IZG.steeredBy, parent) in g


def test_vocab_lists_the_new_codes_with_their_broader_concept():
    from click.testing import CliRunner

    from izagraph.cli import cli

    out = CliRunner().invoke(cli, ["vocab", "table-kind", "--format", "csv", "--lang", "en"]).stdout
    assert "kernteam,Core team,regiegroep" in out and "regiotafel,Regional table,bestuurlijke-tafel" in out
    out = CliRunner().invoke(cli, ["vocab", "task", "--format", "csv"]).stdout
    assert "monitoring,Monitoring en evaluatie," in out
