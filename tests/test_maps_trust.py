"""Maps say how far to trust a finding: only findings from sources colour the geo map, the others are named."""

from __future__ import annotations

import networkx as nx

from izagraph.findings import Finding, Severity
from izagraph.maps.geo import measure_values, weak_findings
from izagraph.maps.overlay import marks_from_findings


def finding(subject, basis, rule="table-gaps"):
    return Finding(rule, Severity.LOW, subject, subject, {"nl": "iets", "en": "something"}, {"gap": "no-chair"},
                   basis=basis)


def test_marks_keep_the_basis_and_say_it_in_the_message():
    marks = marks_from_findings([finding("t1", "source"), finding("t1", "illustrative"), finding("t1", "inferred")])
    assert [(m.basis, m.message) for m in marks] == [
        ("source", "iets"), ("illustrative", "(ILLUSTRATIEF) iets"), ("inferred", "(afgeleid) iets")]
    old_style = marks_from_findings([{"rule": "table-gaps", "severity": "low", "subject": "t1", "message": "x",
                                      "evidence": {}, "illustrative": True}], lang="en")
    assert (old_style[0].basis, old_style[0].message) == ("illustrative", "(ILLUSTRATIVE) x")


def test_only_source_findings_colour_gemeenten_and_the_others_are_counted_apart():
    G = nx.MultiDiGraph()
    G.add_node("gm1", kind="gemeente")
    G.add_node("gm2", kind="gemeente")
    G.add_node("t1", kind="table")
    covered = {"gm1": ["t1"]}
    # t1 covers gm1: one real finding and one made up; gm2 itself has one finding on an inferred region
    marks = marks_from_findings([finding("t1", "source"), finding("t1", "illustrative"),
                                 finding("gm2", "inferred", rule="drukte-gemeente")])
    assert measure_values(G, "findings", covered, marks) == {"gm1": 1, "gm2": 0}
    assert weak_findings("findings", covered, marks, ["gm1", "gm2"]) == {"gm1": 1, "gm2": 1}
    assert measure_values(G, "findings:drukte-gemeente", covered, marks) == {"gm1": 0, "gm2": 0}
