"""The six rules made fast for national scale (missing-perspectives, theme-perspectives, region-incongruence,
cross-cutting-tables, brokers, clusters) give the same findings on the analytical snapshot, where they share
one set of facts and the structures derived from it (tables, active seats, the co-membership networks), as on
their own fact queries: on a small generated dataset, with and without a region filter, and with a filtered
check after an unfiltered one on the same store (the shared structures must not leak from one scope into
another)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.rules import check

RULES = ["missing-perspectives", "theme-perspectives", "region-incongruence", "cross-cutting-tables", "brokers",
         "clusters"]
TODAY = dt.date(2026, 6, 1)
PARAMS = [{}, {"brokers.min_part": 1, "clusters.min_size": 2}]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    from izagraph.load import load_dataset
    from izagraph.synthetic import generate

    folder = generate(tmp_path_factory.mktemp("synthetic") / "data", scale=0.02, seed=5)
    region = add_a_broker(folder)
    graph = load_dataset([folder]).graph
    return OxigraphBackend.from_graph(graph), OxigraphBackend.from_graph(graph, snapshot=True), region


def add_a_broker(folder) -> str:
    """A new table where two new organisations meet one member of the first table: that member becomes the
    only link between them and the rest of its region (the generated networks are too dense for brokers)."""
    tables, seats = rows(folder / "tables.csv"), rows(folder / "memberships.csv")
    first = tables[0]
    member = next(s["member"] for s in seats if s["table"] == first["id"])
    append(folder / "tables.csv", {**first, "id": "tafel-brug", "name": "Werkgroep Brug", "parent": "",
                                   "regional_structure": "", "start": "2024-01", "end": ""})
    organisations = rows(folder / "organisations.csv")
    for n in (1, 2):
        append(folder / "organisations.csv", {**organisations[0], "id": f"org-brug-{n}", "name": f"Brug {n}"})
        append(folder / "memberships.csv", {**seats[0], "table": "tafel-brug", "member": f"org-brug-{n}"})
    append(folder / "memberships.csv", {**seats[0], "table": "tafel-brug", "member": member})
    return first["region"]


def rows(path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def append(path, row: dict) -> None:
    with path.open(encoding="utf-8") as fh:
        fields = next(csv.reader(fh))
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fields).writerow(row)


def findings(backend, region, params):
    report = check(backend, RULES, params=params, region=region, today=TODAY)
    return [{**f.to_dict(), "facts": sorted(f.facts)} for f in report.findings]


@pytest.mark.parametrize("params", PARAMS, ids=["defaults", "small-parts"])
@pytest.mark.parametrize("filtered", [False, True], ids=["national", "region"])
def test_snapshot_and_fact_queries_give_the_same_findings(dataset, filtered, params):
    live, snapshot, region = dataset
    region = region if filtered else None
    expected = findings(live, region, params)
    assert findings(snapshot, region, params) == expected
    # the comparison cannot pass by finding nothing
    assert {f["rule"] for f in expected} >= {"brokers", "clusters", "theme-perspectives"}


def test_a_filtered_check_after_an_unfiltered_one_keeps_its_own_scope(dataset):
    live, snapshot, region = dataset
    national = findings(snapshot, None, {})
    assert findings(snapshot, region, {}) == findings(live, region, {})
    assert findings(snapshot, None, {}) == national
