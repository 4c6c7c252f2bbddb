"""Findings are values: what a rule found, how serious it is, the evidence, and what to do about it.

A :class:`Finding` carries its message in Dutch and English, the evidence as a plain dict (tables,
members, gemeenten, scores), and the suggested action: a lesson learned from the IZA governance report
(scheme ``lesson`` in ``ontology/concepts.ttl``), as its notation and its text per language. Two findings
are equal when rule, subject and evidence are equal, so the findings of two backends can be compared.

>>> f = Finding("drukte-person", Severity.MEDIUM, "https://w3id.org/izagraph/id/person/p", "P",
...             {"nl": "P zit aan 9 tafels", "en": "P sits at 9 tables"}, {"tables": 9})
>>> f.text("en")
'P sits at 9 tables'
>>> Report([f]).counts
{'drukte-person': 1}
>>> Severity.parse("high") > Severity.LOW
True
"""

from __future__ import annotations

import enum
import functools
import json
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain, groupby
from operator import attrgetter

from .errors import ParameterError

#: How a finding is known, weakest first: made-up example data, a derived fact (e.g. an inferred region
#: composition), a fact from a cited source. A finding's basis is the weakest of all facts it rests on.
BASES = ("illustrative", "inferred", "source")
#: Confidence of a source, lowest first; ``None`` (not stated) ranks between medium and high, so a finding
#: is only ``high`` when every fact under it says so.
CONFIDENCES = ("low", "medium", None, "high")
#: What a finding is a gap in: the governance itself, or the data izagraph has about it ("not recorded").
GAPS = ("governance", "data")
TRUST_TEXT = {
    "nl": {"source": "bron", "inferred": "afgeleid", "illustrative": "ILLUSTRATIEF", None: "niet vermeld",
           "high": "hoog", "medium": "middel", "low": "laag", "governance": "governance", "data": "gegevens"},
    "en": {"source": "source", "inferred": "inferred", "illustrative": "ILLUSTRATIVE", None: "not stated",
           "high": "high", "medium": "medium", "low": "low", "governance": "governance", "data": "data"},
}


def weakest_basis(bases) -> str:
    """The weakest of several bases (``source`` when there are none).

    >>> weakest_basis(["source", "inferred"]), weakest_basis([])
    ('inferred', 'source')
    """
    bases = list(bases)
    return min(bases, key=BASES.index) if bases else "source"


def lowest_confidence(confidences) -> str | None:
    """The lowest of several confidences; not stated (None) is never raised to ``high``.

    >>> lowest_confidence(["high", "medium"]), lowest_confidence(["high", None]), lowest_confidence(["high"])
    ('medium', None, 'high')
    >>> lowest_confidence([]) is None
    True
    """
    confidences = list(confidences)
    return min(confidences, key=CONFIDENCES.index) if confidences else None


def trust_label(finding: Finding, lang: str = "nl") -> str:
    """Basis and confidence in a few words, for the ``check`` table.

    >>> f = Finding("r", Severity.LOW, "s", "S", {"nl": "x"}, basis="inferred", confidence="medium")
    >>> trust_label(f), trust_label(f, "en")
    ('afgeleid/middel', 'inferred/medium')
    """
    t = TRUST_TEXT.get(lang, TRUST_TEXT["nl"])
    return f"{t[finding.basis]}/{t[finding.confidence]}"


class Severity(enum.IntEnum):
    """How serious a finding is; ordered, with the notations of the ontology's ``severity`` scheme."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def notation(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """A severity from its notation (``info``, ``low``, ``medium``, ``high``).

        >>> Severity.parse("medium")
        <Severity.MEDIUM: 2>
        """
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            options = ", ".join(s.notation for s in cls)
            raise ParameterError(f"onbekende ernst {value!r} (kies uit {options})") from None

    def __str__(self) -> str:
        return self.notation


def canonical(value):
    """Evidence in a canonical form: sets and tuples become sorted lists, integral floats become ints,
    other floats are rounded to 3 decimals, so findings from different backends compare equal.

    >>> canonical({"b": {3, 1}, "a": 2.0, "c": 0.123456})
    {'a': 2, 'b': [1, 3], 'c': 0.123}
    """
    kind = type(value)
    if kind is str or kind is int or value is None:  # the common cases first (national runs: 100,000s)
        return value
    if kind is list and {*map(type, value)} <= _TEXT:  # lists of names: copied in C
        return list(value)
    if kind is dict and {*map(type, value)} <= _TEXT:  # text keys: sorted as they are
        return {k: v if type(v) in _PLAIN else canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=_sort_key)
    if isinstance(value, (list, tuple)):  # plain items (most: lists of names) are kept as they are
        return [v if type(v) in _PLAIN else canonical(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 3)
    return str(value)


_PLAIN = frozenset({str, int, bool, type(None)})
_TEXT = frozenset({str})


def _sort_key(v):
    return json.dumps(v, sort_keys=True, ensure_ascii=False, default=str)


class _MadeOnRead(AbstractSet):
    """A read-only set whose items are made the first time it is read as a whole (:meth:`_items`)."""

    __slots__ = ()

    @classmethod
    def _from_iterable(cls, iterable) -> frozenset:  # what the set operations (|, &, -, ^) give: a frozenset
        return frozenset(iterable)

    def _items(self) -> frozenset:
        raise NotImplementedError

    def __contains__(self, iri) -> bool:
        return iri in self._items()

    def __iter__(self):
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __eq__(self, other) -> bool:
        if isinstance(other, _MadeOnRead):
            other = other._items()
        return self._items() == other if isinstance(other, (set, frozenset)) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._items())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({set(self._items())!r})"


class FactSet(_MadeOnRead):
    """The IRIs a finding rests on, as the union of parts that many findings share (a table with its seats
    and members, say): a set like a frozenset, built only when it is read as a whole. The provenance of
    each part is judged once, not once per finding resting on it (:func:`izagraph.rules.provenance.annotate`),
    so a check never builds the union of a network finding's hundreds of thousands of facts.

    >>> table = frozenset({"t", "seat", "member"})
    >>> facts = FactSet([table], "subject", None)
    >>> sorted(facts), facts == {"t", "seat", "member", "subject"}, "seat" in facts, facts.parts[0] is table
    (['member', 'seat', 'subject', 't'], True, True, True)
    """

    __slots__ = ("parts", "_all")

    def __init__(self, parts, *extra: str | None):
        """The union of ``parts`` (frozensets of IRIs as text, none empty, or :class:`FactIds`) and the
        ``extra`` IRIs (empty ones left out)."""
        parts = tuple(parts)
        extra = frozenset(x for x in extra if x)
        self.parts = (*parts, extra) if extra else parts
        self._all = None

    def _items(self) -> frozenset:
        if self._all is None:
            self._all = frozenset(chain.from_iterable(self.parts))
        return self._all

    def __contains__(self, iri) -> bool:
        return any(iri in part for part in self.parts)

    def __bool__(self) -> bool:
        return any(self.parts)


class FactIds(_MadeOnRead):
    """IRIs a finding rests on, given as ids into an object array of values (``Facts.id_array()``): a part
    of a :class:`FactSet` whose text is made only when it is read. :func:`izagraph.rules.provenance.annotate`
    judges it by its ids, with numpy, without a dictionary look-up per IRI (a national check's findings rest
    on 1.6 million facts). Its items are the texts of the values, as :func:`izagraph.rules.check` keeps a
    finding's facts: empty values left out, other values than text as ``str``.

    >>> import numpy as np
    >>> names = np.array(["t", "seat", "", None, "m"], dtype=object)
    >>> part = FactIds(np.array([0, 1, 1, 2, 3, 4]), names)
    >>> sorted(part), len(part), "seat" in part, "" in part, FactSet([part], "s") == {"t", "seat", "m", "s"}
    (['m', 'seat', 't'], 3, True, False, True)
    """

    __slots__ = ("ids", "names", "distinct", "_text")

    def __init__(self, ids, names, distinct: bool = False):
        """``ids``: an integer array of ids into ``names``, a numpy object array (kept, not copied);
        ``distinct``: no two values of ``names`` are equal (then a text has one id)."""
        self.ids, self.names, self.distinct, self._text = ids, names, distinct, None

    def _items(self) -> frozenset:
        """The IRIs as a frozenset of text (made once)."""
        if self._text is None:
            values = self.names[self.ids].tolist()
            if {*map(type, values)} <= _TEXT:
                self._text = frozenset(values) - _EMPTY_TEXT
            else:
                self._text = frozenset(v if type(v) is str else str(v) for v in values if v)
        return self._text


_EMPTY_TEXT = frozenset({""})


@dataclass(frozen=True, eq=False)
class Finding:
    """One finding of one rule about one subject (a table, organisation, person, gemeente, region, …)."""

    rule: str
    severity: Severity
    subject: str
    subject_label: str
    message: dict[str, str]
    evidence: dict = field(default_factory=dict)
    advice: str | None = None
    advice_label: dict[str, str] = field(default_factory=dict)
    advice_text: dict[str, str] = field(default_factory=dict)
    regions: tuple[str, ...] = ()
    region_labels: tuple[str, ...] = ()
    illustrative: bool = False
    basis: str = "source"
    confidence: str | None = None
    sources: tuple[str, ...] = ()
    gap: str = "governance"
    facts: frozenset[str] | FactSet = frozenset()  # the IRIs it rests on (for its provenance; no order needed)

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", canonical(self.evidence))
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}")
        if self.gap not in GAPS:
            raise ValueError(f"unknown gap kind {self.gap!r}")
        if self.illustrative and self.basis != "illustrative":
            object.__setattr__(self, "basis", "illustrative")
        object.__setattr__(self, "illustrative", self.basis == "illustrative")
        object.__setattr__(self, "sources", tuple(sorted(set(self.sources))))
        if not isinstance(self.facts, (frozenset, FactSet)):
            object.__setattr__(self, "facts", frozenset(self.facts))

    def with_provenance(self, basis: str, confidence: str | None, sources) -> Finding:
        """This finding with its trust set (what :func:`izagraph.rules.provenance.annotate` computes). A
        copy with three fields replaced, without checking the other fields again (they were checked
        when this finding was made): thousands of findings are annotated per national check."""
        if basis not in BASES:
            raise ValueError(f"unknown basis {basis!r}")
        out = object.__new__(Finding)  # a shallow copy (copy.copy goes through __reduce_ex__: slower)
        out.__dict__.update(self.__dict__)
        object.__setattr__(out, "basis", basis)
        object.__setattr__(out, "illustrative", basis == "illustrative")
        object.__setattr__(out, "confidence", confidence)
        object.__setattr__(out, "sources", tuple(sorted(set(sources))))
        return out

    @functools.cached_property
    def key(self) -> tuple[str, str, str]:
        """What identifies a finding: rule, subject and evidence (as canonical JSON; computed once)."""
        return self.rule, self.subject, _sort_key(self.evidence)

    def __eq__(self, other) -> bool:
        return isinstance(other, Finding) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def text(self, lang: str = "nl") -> str:
        return in_language(self.message, lang)

    def evidence_in(self, lang: str | None) -> dict:
        """The evidence with the texts it carries in ``lang`` (both kept when ``lang`` is None): the
        messages of the other pair findings about the same pair (``also``, see
        :func:`izagraph.rules.structures.one_per_pair`)."""
        also = self.evidence.get("also")
        if not lang or not isinstance(also, list):
            return self.evidence
        return {**self.evidence, "also": [{**a, "message": in_language(a.get("message"), lang)}
                                          if isinstance(a, dict) else a for a in also]}

    def to_dict(self, lang: str | None = None) -> dict:
        """A plain dict; with ``lang`` the texts are rendered in that language, else both are kept."""
        def pick(texts: dict[str, str]):
            return in_language(texts, lang) if lang else dict(texts)

        return {
            "rule": self.rule, "severity": self.severity.notation, "subject": self.subject,
            "subject_label": self.subject_label, "message": pick(self.message), "evidence": self.evidence_in(lang),
            "advice": self.advice, "advice_label": pick(self.advice_label), "advice_text": pick(self.advice_text),
            "regions": list(self.regions), "region_labels": list(self.region_labels),
            "illustrative": self.illustrative, "basis": self.basis, "confidence": self.confidence,
            "sources": list(self.sources), "gap": self.gap,
        }


def in_language(texts, lang: str) -> str:
    """A text given per language (``{"nl": …, "en": …}``) in ``lang``, else in Dutch; a plain string as is.

    >>> in_language({"nl": "dubbel", "en": "duplicated"}, "en"), in_language({"nl": "dubbel"}, "en")
    ('duplicated', 'dubbel')
    >>> in_language("al gerenderd", "en")
    'al gerenderd'
    """
    if isinstance(texts, dict):
        return texts.get(lang) or texts.get("nl") or ""
    return "" if texts is None else str(texts)


def evidence_summary(evidence: dict, limit: int = 6) -> str:
    """A compact one-line rendering of evidence for tables on a terminal.

    >>> evidence_summary({"tables": ["A", "B"], "score": 0.5, "nested": {"x": 1}})
    'tables=A, B; score=0.5; nested={"x": 1}'
    """
    parts = []
    for k, v in evidence.items():
        if isinstance(v, list):
            shown = [json.dumps(x, ensure_ascii=False) if isinstance(x, (dict, list)) else str(x) for x in v[:limit]]
            text = ", ".join(shown) + (f", … (+{len(v) - limit})" if len(v) > limit else "")
        elif isinstance(v, dict):
            text = json.dumps(v, ensure_ascii=False)
        else:
            text = str(v)
        parts.append(f"{k}={text}")
    return "; ".join(parts)


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Severity (high first), rule, subject label, subject, then evidence. The evidence (as JSON) is only
    compared where the rest is equal: tens of thousands of findings at national scale, few ties."""
    out = sorted(findings, key=_LABELLED)
    out.sort(key=_SEVERITY, reverse=True)  # stable, also reversed: equal severities keep their order
    i = 0
    for _, run in groupby(out, key=_PLACE):
        run = list(run)
        if len(run) > 1:
            out[i:i + len(run)] = sorted(run, key=lambda f: f.key)
        i += len(run)
    return out


_LABELLED = attrgetter("rule", "subject_label", "subject")
_SEVERITY = attrgetter("severity")
_PLACE = attrgetter("severity", "rule", "subject_label", "subject")


@dataclass
class Report:
    """The findings of one ``check`` run, ordered by severity (high first), rule and subject."""

    findings: list[Finding] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    params: dict[str, dict] = field(default_factory=dict)
    lang: str = "nl"

    def __post_init__(self) -> None:
        self.findings = _ordered(self.findings)
        if not self.rules:
            self.rules = sorted({f.rule for f in self.findings})

    @property
    def counts(self) -> dict[str, int]:
        """Findings per rule, including rules that ran and found nothing."""
        c = Counter(f.rule for f in self.findings)
        return {r: c.get(r, 0) for r in self.rules}

    @property
    def severity_counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s.notation: c.get(s, 0) for s in sorted(Severity, reverse=True)}

    @property
    def severity_by_basis(self) -> dict[str, dict[str, int]]:
        """Findings per severity, split by basis (source, inferred, illustrative)."""
        c = Counter((f.severity, f.basis) for f in self.findings)
        return {s.notation: {b: c.get((s, b), 0) for b in reversed(BASES)} for s in sorted(Severity, reverse=True)}

    def only_gap(self, gap: str | None) -> Report:
        """The report restricted to one gap kind (``governance`` or ``data``); ``None`` keeps all."""
        if gap is None:
            return self
        if gap not in GAPS:
            raise ParameterError(f"onbekende soort hiaat {gap!r} (kies uit {', '.join(GAPS)})")
        return Report([f for f in self.findings if f.gap == gap], rules=list(self.rules), skipped=dict(self.skipped),
                      params=dict(self.params), lang=self.lang)

    def at_or_above(self, severity: Severity | str) -> list[Finding]:
        threshold = Severity.parse(severity)
        return [f for f in self.findings if f.severity >= threshold]

    def to_rows(self, lang: str | None = None) -> list[dict]:
        """One row per finding for :func:`izagraph.output.render`: what, evidence, severity, action."""
        lang = lang or self.lang
        rows = []
        for f in self.findings:
            rows.append({
                "severity": f.severity.notation, "rule": f.rule, "subject": f.subject_label,
                "message": f.text(lang), "evidence": evidence_summary(f.evidence_in(lang)),
                "advice": f.advice_label.get(lang) or f.advice or "",
                "advice_text": f.advice_text.get(lang, ""),
                "regions": "; ".join(f.region_labels), "illustrative": f.illustrative,
                "basis": f.basis, "confidence": f.confidence or "", "trust": trust_label(f, lang),
                "gap": f.gap, "sources": "; ".join(f.sources), "subject_iri": f.subject,
            })
        return rows

    def count_rows(self) -> list[dict]:
        return [{"rule": r, "findings": n, "skipped": self.skipped.get(r, "")} for r, n in self.counts.items()] + [
            {"rule": r, "findings": None, "skipped": why} for r, why in self.skipped.items() if r not in self.counts]

    def to_dict(self, lang: str | None = None) -> dict:
        return {
            "counts": self.counts, "severity_counts": self.severity_counts,
            "severity_by_basis": self.severity_by_basis, "skipped": self.skipped,
            "params": self.params, "findings": [f.to_dict(lang) for f in self.findings],
        }

    def to_json(self, lang: str | None = None) -> str:
        """The whole report as JSON (texts in ``lang``, or in both languages when ``lang`` is None)."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2) + "\n"


__all__ = ["BASES", "CONFIDENCES", "GAPS", "Severity", "FactIds", "FactSet", "Finding", "Report", "canonical",
           "evidence_summary", "in_language",
           "lowest_confidence", "trust_label", "weakest_basis"]
