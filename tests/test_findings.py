"""Findings are values: severities follow the ontology, findings compare by rule, subject and evidence."""

from __future__ import annotations

import json

import numpy as np
import pytest

from izagraph.errors import ParameterError
from izagraph.findings import FactIds, FactSet, Finding, Report, Severity, canonical
from izagraph.vocab import vocabulary


def test_severity_notations_are_the_ontology_scheme():
    assert {s.notation for s in Severity} == set(vocabulary().notations("severity"))
    assert Severity.INFO < Severity.LOW < Severity.MEDIUM < Severity.HIGH
    assert Severity.parse("HIGH") is Severity.HIGH
    with pytest.raises(ParameterError, match="kies uit"):
        Severity.parse("urgent")


def finding(**kw):
    base = dict(rule="r", severity=Severity.LOW, subject="s", subject_label="S", message={"nl": "x", "en": "y"},
                evidence={"members": {"b", "a"}, "score": 0.5000001, "n": 3.0})
    base.update(kw)
    return Finding(**base)


def test_findings_compare_by_rule_subject_and_evidence():
    assert finding() == finding(message={"nl": "other"}, severity=Severity.HIGH)
    assert finding() != finding(evidence={"members": ["a"]})
    assert len({finding(), finding()}) == 1
    assert finding().evidence == {"members": ["a", "b"], "n": 3, "score": 0.5}


def test_canonical_sorts_sets_of_dicts_and_lists():
    assert canonical({"x": {(2, 1), (1, 2)}}) == {"x": [[1, 2], [2, 1]]}


def test_report_counts_rows_and_json():
    r = Report([finding(rule="b"), finding(rule="a", severity=Severity.HIGH)], rules=["a", "b", "c"])
    assert r.counts == {"a": 1, "b": 1, "c": 0}
    assert [f.rule for f in r.findings] == ["a", "b"]  # high first
    assert [f.rule for f in r.at_or_above("medium")] == ["a"]
    rows = r.to_rows("en")
    assert rows[0]["message"] == "y" and set(rows[0]) >= {"severity", "rule", "subject", "evidence", "advice"}
    data = json.loads(r.to_json("nl"))
    assert data["counts"]["c"] == 0 and data["findings"][0]["message"] == "x"
    assert json.loads(r.to_json())["findings"][0]["message"] == {"nl": "x", "en": "y"}


def test_a_report_orders_by_severity_rule_label_subject_then_evidence():
    import random

    made = [finding(rule=rule, severity=severity, subject=subject, subject_label=label, evidence={"n": n})
            for rule in ("a", "b") for severity in (Severity.LOW, Severity.HIGH) for subject in ("s", "t")
            for label in ("S", "T") for n in (2, 1)]
    random.Random(3).shuffle(made)
    expected = sorted(made, key=lambda f: (-f.severity, f.rule, f.subject_label, f.subject, f.key))
    assert [f.key + (f.severity,) for f in Report(made).findings] == [f.key + (f.severity,) for f in expected]


def test_a_factset_is_the_set_of_its_parts():
    table, other = frozenset({"t", "seat", "m"}), frozenset({"u", "m"})
    facts = FactSet([table, other], "subject", None, "")
    assert facts == {"t", "seat", "m", "u", "subject"} and {"t", "seat", "m", "u", "subject"} == facts
    assert facts == FactSet([frozenset({"subject"}), table, other]) and hash(facts) == hash(frozenset(facts))
    assert len(facts) == 5 and "u" in facts and "x" not in facts and sorted(facts)[0] == "m"
    assert not FactSet([]) and FactSet([], "s") and facts.parts[:2] == (table, other)
    assert facts | {"x"} == {"x"} | facts == frozenset(facts) | {"x"} and type(facts | {"x"}) is frozenset
    assert facts - {"m"} == frozenset(facts) - {"m"} and facts & {"m", "x"} == {"m"} and facts <= facts | {"x"}
    f = finding(facts=facts)
    assert f.facts is facts and f.facts == frozenset(facts)


def test_the_examples_in_the_docstrings_run():
    import doctest

    import izagraph.analytics.coaffiliation
    import izagraph.findings
    import izagraph.rules
    import izagraph.rules.facts
    import izagraph.rules.pairs
    import izagraph.rules.regions

    for module in (izagraph.findings, izagraph.rules, izagraph.rules.facts, izagraph.rules.pairs,
                   izagraph.rules.regions, izagraph.analytics.coaffiliation):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_fact_ids_are_the_set_of_their_texts():
    """A FactIds part reads as the set of its values' texts: empty values left out, other values as text,
    an id given twice once; in a FactSet it counts as that set."""
    names = np.array(["t", "seat", "", None, 1.5, "m", False, 0], dtype=object)
    part = FactIds(np.array([0, 1, 1, 2, 3, 4, 5, 6, 7]), names)
    assert part == {"t", "seat", "1.5", "m"} and len(part) == 4 and "1.5" in part and "" not in part
    assert FactIds(np.array([0, 5]), names) == frozenset({"t", "m"}) == FactIds(np.array([5, 0, 0]), names)
    assert not FactIds(np.array([2, 3]), names) and not FactIds(np.zeros(0, dtype=np.int64), names)
    facts = FactSet([part, frozenset({"u"})], "s")
    assert facts == {"t", "seat", "1.5", "m", "u", "s"} and "seat" in facts and "x" not in facts
    assert part | {"x"} == {"t", "seat", "1.5", "m", "x"} and type(part | {"x"}) is frozenset
    f = finding(facts=facts)
    assert f.facts is facts and sorted(f.facts) == sorted({"t", "seat", "1.5", "m", "u", "s"})
