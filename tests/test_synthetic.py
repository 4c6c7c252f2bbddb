"""The synthetic national generator: deterministic, valid input, and its planted findings are found.

The planted truth comes from how the data was made (manifest.json), not from the rules: busy
organisations were given more than twice the table threshold, every other organisation was kept within
all of drukte-organisation's default thresholds; twins copy a table's kind, programme, region, parent,
theme and members; a gap table lacks exactly one of chair, decision rule, members, theme or parent while
every other table has all five.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from izagraph.backends.sparql import OxigraphBackend
from izagraph.cli import cli
from izagraph.load import load_dataset
from izagraph.rules import check
from izagraph.synthetic import build, generate, sizes

SCALE, SEED = 0.05, 7
RULES = ["drukte-organisation", "duplicate-tables", "table-gaps"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = generate(tmp_path_factory.mktemp("synth") / "s", SCALE, SEED)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    graph = load_dataset([folder]).graph  # raises InputError if any check (including SHACL) fails
    report = check(OxigraphBackend.from_graph(graph), RULES)
    return manifest, report


def _found(report, rule):
    findings = [f for f in report.findings if f.rule == rule]
    if rule == "duplicate-tables":
        return {frozenset((f.subject, f.evidence["other"])) for f in findings}
    if rule == "table-gaps":
        return {(f.subject, f.evidence["gap"]) for f in findings}
    return {f.subject for f in findings}


def _planted(manifest, rule):
    items = manifest["planted"][rule]
    if rule == "duplicate-tables":
        return {frozenset(x["iris"]) for x in items}
    if rule == "table-gaps":
        return {(x["iri"], x["gap"]) for x in items}
    return {x["iri"] for x in items}


@pytest.mark.parametrize("rule", RULES)
def test_planted_findings_are_found(synthetic, rule, capsys):
    manifest, report = synthetic
    planted, found = _planted(manifest, rule), _found(report, rule)
    assert planted, "the generator planted nothing"
    recall = len(planted & found) / len(planted)
    precision = len(planted & found) / len(found) if found else 1.0
    with capsys.disabled():
        print(f"\n{rule} at scale {SCALE}, seed {SEED}: planted {len(planted)}, found {len(found)}, "
              f"recall {recall:.2f}, precision {precision:.2f}")
    assert recall == 1.0, sorted(planted - found)
    if rule in ("drukte-organisation", "table-gaps"):
        # Every unplanted organisation / table was built within the thresholds / with all five recorded.
        assert precision == 1.0, sorted(found - planted)
    else:
        # Busy organisations hold at most 65 % of a table's seats, so two unrelated tables reach a Jaccard of
        # 0.6 only if they also share normal members by chance; allow at most one such pair per planted one.
        assert precision >= 0.5, sorted(found - planted)


def test_every_planted_kind_of_gap_is_there(synthetic):
    manifest, _ = synthetic
    assert {x["gap"] for x in manifest["planted"]["table-gaps"]} == {
        "no-chair", "no-decision-rule", "no-members", "no-theme", "no-parent"}


def test_findings_on_synthetic_data_are_illustrative(synthetic):
    _, report = synthetic
    assert report.findings
    for f in report.findings:
        basis = getattr(f, "basis", None) or ("illustrative" if f.illustrative else "source")
        assert basis == "illustrative", f


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a, b, c = (generate(tmp_path / name, 0.02, seed) for name, seed in (("a", 3), ("b", 3), ("c", 4)))
    names = sorted(p.name for p in a.iterdir())
    assert "manifest.json" in names and "memberships.csv" in names
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "memberships.csv").read_bytes() != (c / "memberships.csv").read_bytes()


def test_real_gemeenten_and_divisions_synthetic_rest_illustrative():
    data = build(0.02, 1)
    header, sources = data.files["sources"]
    kinds = {row[0]: row[header.index("kind")] for row in sources}
    assert kinds["synthetic"] == "illustrative"
    assert len(data.files["gemeenten"][1]) == 342
    for name in ("organisations", "tables", "memberships", "plans"):
        header, rows = data.files[name]
        assert {row[header.index("source")] for row in rows} == {"synthetic"}, name


def test_sizes_and_skew():
    assert sizes(1) == sizes(1.0)
    assert (sizes(1).organisations, sizes(1).tables, sizes(1).memberships) == (5000, 2000, 50000)
    manifest = build(0.1, 5).manifest
    busy = sorted(x["tables"] for x in manifest["planted"]["drukte-organisation"])
    seats = manifest["counts"]["memberships"]
    assert busy[0] > 2 * manifest["thresholds"]["drukte-organisation"]["max_tables"]
    assert sum(busy) > 0.15 * seats  # 4 % of the organisations hold more than 15 % of the seats (x4 their share)


def test_hierarchies_three_to_four_deep():
    header, rows = build(0.1, 5).files["tables"]
    parent = {r[0]: r[header.index("parent")] for r in rows}

    def depth(t):
        d = 1
        while parent.get(t):
            t, d = parent[t], d + 1
        return d

    assert max(depth(t) for t in parent) == 4
    assert sum(depth(t) >= 3 for t in parent) > len(parent) / 3


def test_cli_generate(tmp_path):
    out = tmp_path / "synth"
    result = CliRunner().invoke(cli, ["generate", "--scale", "0.02", "--seed", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "geplant: drukte-organisation" in result.output
    assert (out / "manifest.json").exists()
    again = CliRunner().invoke(cli, ["generate", "--scale", "0.02", "--seed", "3", "-o", str(out)])
    assert again.exit_code == 0  # a folder written by generate may be rewritten


def test_cli_generate_refuses_bad_scale_and_foreign_folder(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--scale", "0", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and result.output.startswith("Error: --scale")
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "tables.csv").write_text("id,name\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", "--scale", "0.02", "-o", str(tmp_path / "own")])
    assert result.exit_code == 2 and "bevat al CSV-bestanden" in result.output
    assert (tmp_path / "own" / "tables.csv").read_text(encoding="utf-8") == "id,name\n"
