"""Provenance follows every finding: basis and confidence come from ALL facts a finding rests on.

Each case takes a rule's positive test case (``tests/data/rules/<rule>/positive`` on top of ``_base``), first
makes every fact real (source ``test-echt``: kind real, confidence high), then turns ONE fact illustrative or
one region's composition inferred. The expectation is reasoned by hand from what the finding rests on: a fact
under the finding weakens it, a fact beside it does not.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest

from izagraph.backends.sparql import OxigraphBackend, RdflibBackend
from izagraph.findings import FactIds, FactSet, Finding, Severity
from izagraph.load import load_dataset
from izagraph.rules import check
from izagraph.rules.provenance import ProvenanceIndex, annotate, fact_provenance

from .conftest import TESTS

RULES_DATA = TESTS / "data" / "rules"
TODAY = dt.date(2025, 6, 1)
EV = "https://w3id.org/izagraph/concept/evidence/"
CF = "https://w3id.org/izagraph/concept/confidence/"
RS = "https://w3id.org/izagraph/concept/region-status/"


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0]) if rows else []
    rows = [change(dict(r)) for r in rows]
    fields = list(dict.fromkeys(fields + [k for r in rows for k in r]))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def make_case(tmp_path: Path, rule: str) -> tuple[Path, Path]:
    """Copies of ``_base`` and the rule's positive case with every fact from the real source."""
    base, case = tmp_path / "base", tmp_path / "case"
    shutil.copytree(RULES_DATA / "_base", base)
    shutil.copytree(RULES_DATA / rule / "positive", case)
    for folder in (base, case):
        for f in folder.glob("*.csv"):
            if f.name != "sources.csv":
                _rewrite(f, lambda r: {**r, "source": "test-echt"} if r.get("source") == "test-illustratief" else r)
    return base, case


def illustrative(folder: Path, file: str, **match) -> None:
    """Make the row(s) of ``file`` matching ``match`` come from the illustrative source."""
    hits = []

    def change(r):
        if all(r.get(k) == v for k, v in match.items()):
            hits.append(r)
            return {**r, "source": "test-illustratief"}
        return r

    _rewrite(folder / file, change)
    assert hits, (file, match)


def inferred(base: Path, region: str) -> None:
    """Make a region's composition inferred; its gemeenten then name the method (a loader rule)."""
    _rewrite(base / "regions.csv", lambda r: {**r, "status": "inferred"} if r["id"] == region else r)
    _rewrite(base / "region_members.csv",
             lambda r: {**r, "method": "same-name-ggd"} if r["region"] == region else r)


def run(base: Path, case: Path, rule: str, params=None) -> list[Finding]:
    g = load_dataset([base] + ([case] if any(case.glob("*.csv")) else [])).graph
    results = [check(b, [rule], params or {}, today=TODAY).findings
               for b in (RdflibBackend(g), OxigraphBackend.from_graph(g))]
    assert [f.to_dict() for f in results[0]] == [f.to_dict() for f in results[1]]
    assert results[0], "the positive case must still fire"
    return results[0]


def trust(findings, subject_suffix: str | None = None) -> set[tuple]:
    return {(f.basis, f.confidence) for f in findings if subject_suffix is None or f.subject.endswith(subject_suffix)}


# rule, positive-case params, the change, the subject to look at (None: all), expected (basis, confidence)
CASES = [
    # drukte: the hospital's 4th table comes through a person's seat on its behalf (t4)
    ("drukte-organisation", {"max_tables": 3}, lambda b, c: illustrative(c, "memberships.csv", table="t4"),
     None, {("illustrative", "medium")}),
    # ... while the seat at the ended table t5 counts for nothing, so it does not weaken the finding
    ("drukte-organisation", {"max_tables": 3}, lambda b, c: illustrative(c, "memberships.csv", table="t5"),
     None, {("source", "high")}),
    # duplicates: real tables, one illustrative seat (the example) is an illustrative duplicate
    ("duplicate-tables", {}, lambda b, c: illustrative(c, "memberships.csv", table="twin-b", member="vvt-noord"),
     None, {("illustrative", "medium")}),
    # the person's name is a fact too (persons.csv): an illustrative person makes the finding illustrative
    ("mandate-gaps", {}, lambda b, c: illustrative(b, "persons.csv", id="p-wethouder"),
     "regio/gm9001", {("source", "high")}),
    ("mandate-gaps", {}, lambda b, c: illustrative(b, "persons.csv", id="p-wethouder"),
     "zuid/p-wethouder", {("illustrative", "medium")}),
    # incongruence that exists only through an inferred region composition is inferred, not real
    ("region-incongruence", {}, lambda b, c: inferred(b, "zk-oost"), None, {("inferred", "high")}),
    # a subregion (division iza-subregio, not compared) being inferred changes nothing
    ("region-incongruence", {}, lambda b, c: inferred(b, "iza-noord-oost"), None, {("source", "high")}),
    # a table straddling two zorgkantoor regions: one of them inferred
    ("cross-cutting-tables", {}, lambda b, c: inferred(b, "zk-west"), None, {("inferred", "high")}),
    # table-gaps rest on the table alone: its region's composition does not matter for a missing chair
    ("table-gaps", {}, lambda b, c: inferred(b, "iza-noord"), None, {("source", "high")}),
    # brokers rest on the seats of the tables they link
    ("brokers", {}, lambda b, c: illustrative(c, "memberships.csv", table="a2", member="huisartsen-noord"),
     None, {("illustrative", "medium")}),
    # the IZA criteria come from a real source with confidence high ...
    ("missing-perspectives", {}, lambda b, c: None, "regio-noord", {("source", "high")}),
    # ... the theme expectations are izagraph's own design choice: confidence medium
    ("theme-perspectives", {}, lambda b, c: None, None, {("source", "medium")}),
]


@pytest.mark.parametrize("rule,params,change,subject,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_basis_and_confidence_follow_every_fact(tmp_path, rule, params, change, subject, expected):
    base, case = make_case(tmp_path, rule)
    change(base, case)
    findings = run(base, case, rule, params)
    assert trust(findings, subject) == expected
    assert all(f.sources for f in findings)
    assert all(f.illustrative == (f.basis == "illustrative") for f in findings)


def test_all_real_sources_give_source_basis_and_their_ids(tmp_path):
    base, case = make_case(tmp_path, "duplicate-tables")
    findings = run(base, case, "duplicate-tables")
    assert trust(findings) == {("source", "high")}
    assert findings[0].sources == ("https://w3id.org/izagraph/id/source/test-echt",)


def test_blank_confidence_is_not_stated_and_an_illustrative_source_is_never_high(tmp_path):
    base, case = make_case(tmp_path, "duplicate-tables")
    _rewrite(base / "sources.csv", lambda r: {**r, "confidence": "" if r["id"] == "test-echt" else "high"})
    findings = run(base, case, "duplicate-tables")
    assert trust(findings) == {("source", None)}  # blank: not stated, never read as high
    illustrative(case, "memberships.csv", table="twin-a", member="vvt-noord")
    findings = run(base, case, "duplicate-tables")
    assert trust(findings) == {("illustrative", "low")}  # the illustrative source says high: made up is never high


def test_fact_provenance_weakest_of_several_sources_and_region_status():
    rows = [{"s": "r", "source": "src/a", "kind": EV + "real", "confidence": CF + "high", "status": RS + "inferred"},
            {"s": "r2", "source": "src/a", "kind": EV + "real", "confidence": CF + "high", "status": RS + "source"},
            {"s": "x", "source": "src/a", "kind": EV + "real", "confidence": CF + "high", "status": None},
            {"s": "x", "source": "src/b", "kind": EV + "real", "confidence": CF + "medium", "status": None}]
    p = fact_provenance(rows)
    assert (p["r"].basis, p["r2"].basis, p["x"].basis, p["x"].confidence) == ("inferred", "source", "source", "medium")
    assert p["x"].sources == ("src/a", "src/b")


def test_a_finding_without_known_facts_keeps_its_own_flag():
    f = Finding("r", Severity.LOW, "unknown-subject", "U", {"nl": "x"}, illustrative=True)
    g = annotate([f], [])[0]
    assert (g.basis, g.confidence, g.sources) == ("illustrative", None, ())


def test_a_finding_on_a_factset_is_judged_as_on_the_set_of_its_facts():
    rows = [{"s": "t", "source": "src/a", "kind": EV + "real", "confidence": CF + "high", "status": None},
            {"s": "m", "source": "src/b", "kind": EV + "real", "confidence": CF + "medium", "status": None},
            {"s": "r", "source": "src/c", "kind": EV + "real", "confidence": CF + "high", "status": RS + "inferred"},
            {"s": "x", "source": "src/d", "kind": EV + "illustrative", "confidence": CF + "high", "status": None}]
    table, region, made_up = frozenset({"t", "m", "seat"}), frozenset({"r"}), frozenset({"x"})
    for parts in ([table], [table, region], [region, made_up], [table, region, made_up], []):
        for subject in ("t", "unknown"):
            shared = Finding("r", Severity.LOW, subject, "S", {"nl": "x"}, facts=FactSet(parts, subject))
            plain = Finding("r", Severity.LOW, subject, "S", {"nl": "x"}, facts=frozenset(shared.facts))
            # both at once: the parts are judged once, and shared with the next finding on them
            got = annotate([shared, plain, shared], rows)
            assert [(g.basis, g.confidence, g.sources) for g in got[:2]] == \
                   [(got[1].basis, got[1].confidence, got[1].sources)] * 2 == \
                   [(got[2].basis, got[2].confidence, got[2].sources)] * 2, parts


def _judged(findings):
    return [(g.basis, g.confidence, g.sources) for g in findings]


def test_findings_on_fact_ids_are_judged_as_on_the_set_of_their_texts():
    """Hand-made edge cases of judging by id (``ProvenanceIndex.group_ids``) against judging the texts one by
    one: values of the index read by id (``distinct``) and looked up by text, a text under two ids (one with a
    source, one without), values beyond the index's (rows run live), empty values, other values than text,
    a part with no facts (the finding then rests on its subject), shared parts."""
    values = ["t", "m", "r", "x", "seat", "src/a", "src/b", "src/c", "src/d",
              EV + "real", EV + "illustrative", CF + "high", CF + "medium", RS + "inferred"]
    ids = {v: i for i, v in enumerate(values)}
    prov = [("t", "src/a", EV + "real", CF + "high", None), ("m", "src/b", EV + "real", CF + "medium", None),
            ("m", "src/a", EV + "real", CF + "high", None), ("r", "src/c", EV + "real", CF + "high", RS + "inferred"),
            ("x", "src/d", EV + "illustrative", CF + "high", None)]
    cols = [np.array([ids[row[c]] if row[c] else -1 for row in prov]) for c in range(5)]
    index = ProvenanceIndex.from_ids(*cols, values)
    plain_index = ProvenanceIndex.from_rows([dict(zip(("s", "source", "kind", "confidence", "status"), row))
                                             for row in prov])
    same = np.array([*values, "new", "", None, 2.5, "t"], dtype=object)  # the index's values, then more
    other = np.array(["x", "seat", "t", "", "m", None, "r", "nobody"], dtype=object)  # another numbering
    rng = np.random.default_rng(5)
    for names, distinct in ((same, False), (same[:len(values) + 4], True), (other, True), (other, False)):
        findings, parts = [], []
        for k in range(40):
            chosen = rng.integers(0, len(names), rng.integers(0, 6))
            part = FactIds(chosen, names, distinct)
            parts.append(part)
            facts = FactSet([part, *parts[:k % 3]], *(["r"] if k % 4 == 0 else []))
            subject = ("t", "nobody", "x")[k % 3]
            findings.append(Finding("r", Severity.LOW, subject, "S", {"nl": "x"}, facts=facts,
                                    illustrative=k % 5 == 0))
        plain = [Finding("r", Severity.LOW, f.subject, "S", {"nl": "x"}, facts=frozenset(f.facts),
                         illustrative=f.illustrative) for f in findings]
        want = _judged(annotate(plain, plain_index))
        assert _judged(annotate(findings, index)) == want == _judged(annotate(findings, plain_index)), distinct
        assert {g for g in index.group_ids(names, distinct).tolist()} <= {-2, -1, *range(len(index.groups))}
    direct = index.group_ids(same[:len(values) + 4], True)  # read by id where the values are the index's
    assert direct.tolist() == [index.group_of.get(v, -1) if v else -2 for v in same[:len(values) + 4].tolist()]
