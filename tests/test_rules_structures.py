"""The pair rules (duplicate-tables, subset-tables, en-en) find exactly what the exhaustive pair enumeration
found before they were vectorised: the same findings (``to_dict``) on a generated synthetic dataset, with
the default parameters, loose ones, a region filter and another peildatum, on the analytical snapshot
and on the fact queries.

The reference is the enumeration the rules used until December 2026 (``Incidence.pairs``): every pair of
active tables sharing at least ``min_shared`` members, found with the inverted index
(:func:`izagraph.rules.pairs.shared_counts`), with the members of each table rebuilt from the seats one
by one. Only the enumeration is swapped; each pair is then scored by the same code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from izagraph.backends.sparql import OxigraphBackend
from izagraph.load import load_dataset
from izagraph.rules import check, structures
from izagraph.rules.facts import seats
from izagraph.rules.pairs import shared_counts
from izagraph.synthetic import generate

SCALE, SEED = 0.05, 7
TODAY = dt.date(2026, 1, 1)
RULES = ("duplicate-tables", "subset-tables", "en-en")
PARAMS = {  # per rule: the defaults, then loose values that let many more pairs through
    "duplicate-tables": [{}, {"min_jaccard": 0.3, "min_territory": 0.2},
                         {"min_shared": 1, "min_jaccard": 0.1, "min_shared_themes": 0, "min_territory": 0}],
    "subset-tables": [{}, {"min_containment": 0.6}, {"min_shared": 1, "min_containment": 0.4,
                                                      "skip_parent_child": False, "min_members": 1}],
    "en-en": [{}, {"min_member_overlap": 0.3, "min_scope": 0.5}, {"min_shared": 1, "min_member_overlap": 0.1,
                                                                   "min_scope": 0}],
}


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder = generate(tmp_path_factory.mktemp("pairs") / "s", SCALE, SEED)
    return load_dataset([folder]).graph


@pytest.fixture(scope="module")
def snapshot_backend(graph):
    return OxigraphBackend.from_graph(graph, snapshot=True)


def exhaustive(today):
    """``Incidence.pairs`` as it was: all pairs sharing ``min_shared`` members, whatever the rule asks."""

    def pairs(self, min_shared, *_args, **_kwargs):
        members: dict[str, set] = {t: set() for t in self.shared.tables}
        for s in seats(self.facts):
            if s.table in members and s.active(today):
                members[s.table].add(s.member)
        assert {t: frozenset(m) for t, m in members.items()} == self.shared.members  # the shared incidence is right
        found = shared_counts({t: m for t, m in members.items() if m}, min_shared=max(1, min_shared))
        ts = self.shared.tables
        return {p: n for p, n in found.items() if not structures.disjoint(ts[p[0]], ts[p[1]], self.shared)}

    return pairs


def both(backend, monkeypatch, rules, params, today=TODAY, **filters):
    """The findings (as dicts) of the rules as they are, and with the exhaustive enumeration."""
    new = check(backend, rules, params, today=today, **filters)
    with monkeypatch.context() as m:
        m.setattr(structures.Incidence, "pairs", exhaustive(today))
        old = check(backend, rules, params, today=today, **filters)
    return [f.to_dict() for f in new.findings], [f.to_dict() for f in old.findings]


@pytest.mark.parametrize("rule", RULES)
def test_vectorised_pairs_give_the_findings_of_every_pair(snapshot_backend, monkeypatch, rule):
    total = 0
    for params in PARAMS[rule]:
        new, old = both(snapshot_backend, monkeypatch, [rule], params)
        assert new == old, params
        total += len(new)
    assert total >= 10  # the dataset has pairs for this rule: the comparison can fail


@pytest.mark.parametrize("rule", RULES)
def test_the_same_with_a_region_filter_and_another_peildatum(snapshot_backend, monkeypatch, rule):
    loose = PARAMS[rule][-1]
    found = check(snapshot_backend, [rule], loose, today=TODAY).findings
    region = sorted({r for f in found for r in f.regions})[0]
    new, old = both(snapshot_backend, monkeypatch, [rule], loose, region=region)
    assert new == old and 0 < len(new) < len(found)  # the filter takes some pairs out, not all
    new, old = both(snapshot_backend, monkeypatch, [rule], loose, today=dt.date(2023, 6, 1))
    assert new == old


def test_the_same_on_the_fact_queries_and_all_three_at_once(graph, snapshot_backend, monkeypatch):
    """Without a snapshot each rule builds its own facts; together the pair rules keep one finding per pair."""
    plain = OxigraphBackend.from_graph(graph)
    for backend in (plain, snapshot_backend):
        new, old = both(backend, monkeypatch, list(RULES), {"min_shared": 1})
        assert new == old and any(f.get("evidence", {}).get("also") for f in new)
