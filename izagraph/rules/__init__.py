"""The detection rules: bestuurlijke drukte, missing perspectives, duplicated structures, region
incongruence, governance gaps, brokers and clusters.

A rule is a query file in ``queries/`` (its stem is the rule id; its header holds titles, explanation,
default severity, suggested lesson, message templates and parameters) plus a pure function
``score(rows, params, vocab) -> list[Finding]``, registered in :data:`ALL_RULES`. :func:`check` runs
them on any backend:

>>> from izagraph.backends.sparql import RdflibBackend
>>> from rdflib import Graph
>>> report = check(RdflibBackend(Graph()), ["table-gaps"])
>>> report.counts
{'table-gaps': 0}
>>> check(RdflibBackend(Graph()), ["tabel-gaps"])
Traceback (most recent call last):
...
izagraph.errors.ParameterError: onbekende regel 'tabel-gaps'; bedoelde u 'table-gaps'? (zie 'izagraph rules')
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ParameterError
from ..findings import FactSet, Finding, Report, Severity
from ..namespaces import SKOS, concept
from ..perf import without_cyclic_gc
from ..queries import CONCEPT_TYPES, Param, Query, load_query
from ..vocab import Vocabulary, vocabulary
from . import drukte, gaps, network, perspectives, regions, structures
from .provenance import COLUMNS as PROVENANCE_COLUMNS, ProvenanceIndex, annotate

FILTERS = ("region", "programme", "theme")
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
IRI = re.compile(r"^https?://[^\s<>\"{}|^`\\]+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGS = ("nl", "en")
_LANGS = frozenset(LANGS)


@dataclass(frozen=True)
class Rule:
    """A rule: the id of its query file and the pure function that scores the query's rows."""

    id: str
    score: Callable[[list[dict], RuleContext, Vocabulary], list[Finding]]

    def query(self, language: str = "sparql") -> Query:
        return load_query(self.id, language)

    @property
    def header(self) -> dict:
        return self.query().header

    def title(self, lang: str = "nl") -> str:
        return self.query().title(lang)

    def description(self, lang: str = "nl") -> str:
        return self.query().description(lang)

    @property
    def severity(self) -> Severity:
        return Severity.parse(self.header.get("severity", "medium"))

    @property
    def advice(self) -> str | None:
        return self.header.get("advice")

    def param_specs(self) -> dict[str, dict]:
        return {name: dict(spec or {}) for name, spec in (self.header.get("params") or {}).items()}

    def context(self, given: Mapping[str, object] | None = None, vocab: Vocabulary | None = None,
                today: dt.date | None = None) -> RuleContext:
        """Defaults overlaid with ``given``, every value checked (type, range, known code)."""
        vocab = vocab or vocabulary()
        specs = self.param_specs()
        given = dict(given or {})
        unknown = sorted(set(given) - set(specs))
        if unknown:
            raise ParameterError(_unknown_param(unknown[0], self.id, list(specs)))
        values = {name: _validate(self.id, name, spec, given.get(name, spec.get("default")), vocab)
                  for name, spec in specs.items()}
        if "today" in values and values["today"] is None:
            values["today"] = today or dt.date.today()
        return RuleContext(self.id, self.header, values, vocab)


@dataclass(frozen=True)
class RuleContext(Mapping):
    """A rule's checked parameter values, plus what the score function needs to build findings:
    the default severity, the suggested lesson, and the message templates of the query header."""

    rule: str
    header: dict
    data: dict
    vocab: Vocabulary = field(repr=False)
    _defaults: dict = field(default_factory=dict, repr=False, compare=False)  # per message key: finding(), message()

    def __getitem__(self, key):
        return self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    @property
    def today(self) -> dt.date:
        return self.data.get("today") or dt.date.today()

    @property
    def severity(self) -> Severity:
        return Severity.parse(self.header.get("severity", "medium"))

    def bound(self) -> dict[str, object]:
        """The parameter values the query itself uses (``bind: true`` in the header)."""
        specs = self.header.get("params") or {}
        return {n: self.data.get(n) for n, spec in specs.items() if (spec or {}).get("bind")}

    def message(self, key: str = "default", **fields) -> dict[str, str]:
        """The header's message template ``key``, filled in per language."""
        texts = self._defaults.get(("texts", key))
        if texts is None:  # the template per language, read once per rule and key
            templates = (self.header.get("messages") or {}).get(key) or {}
            texts = self._defaults[("texts", key)] = [
                (lang, str(templates.get(lang) or templates.get("nl") or key)) for lang in LANGS]
        same, per_lang = {}, {}  # the fields given per language apart (_in): most are one value for all
        for k, v in fields.items():
            kind = type(v)
            if kind is str or kind is int:
                same[k] = v
            elif _per_language(v):
                per_lang[k] = v
            else:
                same[k] = _in(v, "nl")
        if not per_lang:
            return {lang: text.format_map(same) for lang, text in texts}
        return {lang: text.format_map({**same, **{k: _in(v, lang) for k, v in per_lang.items()}})
                for lang, text in texts}

    def finding(self, subject: str, subject_label: str, evidence: dict, *, key: str = "default",
                fields: dict | None = None, severity: Severity | str | None = None, advice: str | None = None,
                regions: dict[str, str] | None = None, illustrative: bool = False,
                facts: Iterable[str] = (), gap: str | None = None) -> Finding:
        """A finding with its message from template ``key`` and its suggested lesson from the ontology.

        ``facts`` are the IRIs of everything the finding rests on (tables, seats, members, regions, criteria):
        :func:`check` computes the finding's basis and confidence from their sources. ``gap`` says whether
        the finding is a gap in the governance or in the data ("not recorded"); default: the template's
        ``gap``, else the header's, else ``governance``."""
        defaults = self._defaults.get(key)
        if defaults is None:  # the template's gap, advice and severity, read once per rule and key
            template = (self.header.get("messages") or {}).get(key) or {}
            defaults = self._defaults[key] = (
                template.get("gap") or self.header.get("gap") or "governance",
                template.get("advice") or self.header.get("advice"),
                Severity.parse(template.get("severity") or self.severity))
        gap = gap or defaults[0]
        advice = advice or defaults[1]
        severity = defaults[2] if severity is None else Severity.parse(severity)
        advice_label, advice_text = _lesson_texts(self.vocab, advice) if advice else ({}, {})
        ordered = sorted(regions, key=lambda r: (regions[r], r)) if regions else ()
        return Finding(
            rule=self.rule, severity=severity, subject=subject, subject_label=subject_label,
            message=self.message(key, subject=subject_label, **(fields or {})), evidence=evidence,
            advice=advice, advice_label=dict(advice_label), advice_text=dict(advice_text),
            regions=tuple(ordered), region_labels=tuple(map(regions.__getitem__, ordered)) if regions else (),
            illustrative=illustrative,
            gap=gap, facts=_iris(facts),
        )


    def alike(self, template: Finding, subject: str, subject_label: str, *, key: str = "default",
              fields: dict | None = None, illustrative: bool = False, facts: Iterable[str] = ()) -> Finding:
        """:meth:`finding` about another subject whose finding says the same as ``template`` (made by
        :meth:`finding` of this rule with the same ``key`` and ``fields``): its own message, illustrative flag
        and facts, the rest (evidence, severity, advice, regions, gap) the template's, shared rather than made
        again. For a rule whose evidence is the same for many subjects (the tables of one territory).

        >>> from izagraph.rules import get_rule
        >>> ctx = get_rule("cross-cutting-tables").context({})
        >>> fields = {"n": 2, "cuts": {"nl": "x", "en": "x"}}
        >>> first = ctx.finding("t1", "T1", {"gemeenten": 2}, fields=fields, facts=["t1"])
        >>> other = ctx.alike(first, "t2", "T2", fields=fields, illustrative=True, facts=["t2"])
        >>> other == ctx.finding("t2", "T2", {"gemeenten": 2}, fields=fields, illustrative=True, facts=["t2"])
        True
        >>> other.text(), other.basis, sorted(other.facts), other.evidence is first.evidence
        ('Het gebied van T2 (2 gemeenten) ligt in meer dan één regio van: x.', 'illustrative', ['t2'], True)
        """
        out = object.__new__(Finding)  # a copy of the template (as Finding.with_provenance makes one)
        out.__dict__.update(template.__dict__)
        out.__dict__.pop("key", None)  # its cached key names the template's subject
        basis = "illustrative" if illustrative else "source"
        for name, value in (("subject", subject), ("subject_label", subject_label),
                            ("message", self.message(key, subject=subject_label, **(fields or {}))),
                            ("basis", basis), ("illustrative", basis == "illustrative"), ("facts", _iris(facts))):
            object.__setattr__(out, name, value)
        return out


def _iris(facts: Iterable) -> frozenset[str] | FactSet:
    """The IRIs a finding rests on, as text, without empty ones (plain strings pass without a Python loop:
    a finding rests on up to hundreds of thousands; a :class:`~izagraph.findings.FactSet` is built so and
    passes as is)."""
    kind = type(facts)
    if kind is FactSet:
        return facts
    if kind is not frozenset:
        facts = frozenset(facts)
    if None in facts or "" in facts:
        facts = facts - _EMPTY
    if {*map(type, facts)} <= _TEXT:
        return facts
    return frozenset(str(x) for x in facts if x)


_EMPTY, _TEXT = frozenset({None, ""}), frozenset({str})


@lru_cache(maxsize=256)
def _lesson_texts(vocab: Vocabulary, advice: str) -> tuple[dict, dict]:
    """A suggested lesson's name and text per language (looked up once, not once per finding)."""
    lesson = vocab.resolve("lesson", advice)
    if not lesson:
        return {}, {}
    return ({lang: vocab.text(lesson, SKOS.prefLabel, lang) for lang in LANGS},
            {lang: vocab.text(lesson, SKOS.definition, lang) for lang in LANGS})


ALL_RULES: list[Rule] = [
    Rule("drukte-organisation", drukte.score_organisations),
    Rule("drukte-person", drukte.score_persons),
    Rule("drukte-gemeente", drukte.score_gemeenten),
    Rule("drukte-region", drukte.score_regions),
    Rule("missing-perspectives", perspectives.score_regional_structure),
    Rule("theme-perspectives", perspectives.score_themes),
    Rule("duplicate-tables", structures.score_duplicates),
    Rule("subset-tables", structures.score_subsets),
    Rule("en-en", structures.score_en_en),
    Rule("region-incongruence", regions.score_incongruence),
    Rule("cross-cutting-tables", regions.score_cross_cutting),
    Rule("table-gaps", gaps.score_tables),
    Rule("structure-gaps", gaps.score_structures),
    Rule("mandate-gaps", gaps.score_mandates),
    Rule("brokers", network.score_brokers),
    Rule("clusters", network.score_clusters),
]
RULES = {r.id: r for r in ALL_RULES}


def get_rule(rule_id: str) -> Rule:
    try:
        return RULES[rule_id]
    except KeyError:
        hint = difflib.get_close_matches(rule_id, list(RULES), n=1)
        raise ParameterError(f"onbekende regel '{rule_id}'" + (f"; bedoelde u '{hint[0]}'?" if hint else "")
                             + " (zie 'izagraph rules')") from None


def check(backend, rules=None, params: Mapping[str, object] | None = None, region: str | None = None,
          programme: str | None = None, theme: str | None = None, lang: str = "nl",
          today: dt.date | None = None) -> Report:
    """Run rules (default: all) on ``backend`` and return a :class:`Report` of findings.

    ``params`` maps a parameter name to a value for every selected rule that has it, or
    ``"rule-id.name"`` to a value for one rule. ``region``, ``programme`` and ``theme`` restrict the
    rules that take that filter; a rule named explicitly that cannot take a given filter is an error,
    an implicitly selected one is skipped (the report says so). Every value is checked before any
    query runs: unknown names, wrong types and out-of-range values raise :class:`ParameterError`.
    """
    vocab = vocabulary()
    explicit = bool(rules)
    selected = [get_rule(r) for r in dict.fromkeys(rules)] if rules else list(ALL_RULES)
    filters = {k: v for k, v in (("region", region), ("programme", programme), ("theme", theme)) if v is not None}
    params = dict(params or {})
    for name in FILTERS:
        if name in params:
            filters.setdefault(name, params.pop(name))
    if filters.get("region"):  # an unknown region is an error with a suggestion, never "no findings"
        from ..scopes import resolve_region

        text = str(filters["region"]).strip()
        try:
            filters["region"] = resolve_region(backend, text)
        except ParameterError:
            if SLUG.match(text) or IRI.match(text):
                raise
            # not even an id: the parameter check below says so
    per_rule, skipped = _distribute(selected, params, filters, explicit)
    contexts = [(rule, rule.context(per_rule[rule.id], vocab, today)) for rule in selected if rule.id not in skipped]
    with without_cyclic_gc():  # facts, seats and findings are many long-lived objects without cycles
        findings = _run(backend, contexts, vocab)
    used = {rule.id: {k: _plain(v) for k, v in ctx.data.items()} for rule, ctx in contexts}
    return Report(findings, rules=[rule.id for rule, _ in contexts], skipped=skipped, params=used, lang=lang)


def _run(backend, contexts, vocab) -> list[Finding]:
    findings: list[Finding] = []
    snapshot = getattr(backend, "snapshot", None)  # the load-time analytical snapshot, when there is one
    among = [rule.id for rule, _ in contexts]  # the rules whose facts make this check's shared facts
    for rule, ctx in contexts:
        query = rule.query(backend.language)
        if snapshot is not None:  # the facts all rules share, with this rule's scope facts laid over them
            rows = snapshot.shared_rows(query, ctx.bound(), backend, among)
        else:
            rows = backend.rows(query, ctx.bound())
        findings.extend(rule.score(rows, ctx, vocab))
    findings = structures.one_per_pair(findings)
    if findings:  # one provenance query for all findings: basis, confidence and sources from every fact
        findings = annotate(findings, _provenance(backend, snapshot))
    return findings


def _provenance(backend, snapshot) -> ProvenanceIndex:
    """Every entity's provenance: from the snapshot's columns when it holds the query (built once per
    opened store), else from the query's rows."""
    query = load_query("provenance", backend.language)
    if snapshot is not None:
        def build():
            stored = snapshot.columns(query)
            if stored is None:  # the query changed since the load: its rows run live
                return ProvenanceIndex.from_rows(snapshot.rows(query, {}, backend))
            columns, values = stored
            return ProvenanceIndex.from_ids(*(columns[c] for c in PROVENANCE_COLUMNS), values, snapshot.value_array())
        return snapshot.memo(("provenance", query.text), build)
    return ProvenanceIndex.from_rows(backend.rows(query, {}))


def _distribute(selected: list[Rule], params: dict, filters: dict, explicit: bool):
    per_rule: dict[str, dict] = {r.id: {} for r in selected}
    skipped: dict[str, str] = {}
    names = {r.id: set(r.param_specs()) for r in selected}
    for key, value in params.items():
        if key in FILTERS:
            filters.setdefault(key, value)
            continue
        if "." in key:
            rule_id, name = key.split(".", 1)
            if rule_id not in per_rule:
                get_rule(rule_id)  # unknown rule: error with a suggestion
                raise ParameterError(f"parameter '{key}': regel '{rule_id}' draait niet in deze controle")
            if name not in names[rule_id]:
                raise ParameterError(_unknown_param(name, rule_id, sorted(names[rule_id])))
            per_rule[rule_id][name] = value
            continue
        takers = [r for r in selected if key in names[r.id]]
        if not takers:
            known = sorted(set().union(*names.values()) - set(FILTERS))
            raise ParameterError(_unknown_param(key, "de gekozen regels", known))
        for r in takers:
            per_rule[r.id].setdefault(key, value)
    for name, value in filters.items():
        for r in selected:
            if name in names[r.id]:
                per_rule[r.id][name] = value
            elif explicit:
                raise ParameterError(f"regel '{r.id}' kan niet filteren op {name}")
            else:
                skipped[r.id] = f"geen filter op {name}"
    return per_rule, skipped


def _unknown_param(name: str, where: str, known: list[str]) -> str:
    hint = difflib.get_close_matches(name, known, n=1)
    return (f"onbekende parameter '{name}' voor {where}" + (f"; bedoelde u '{hint[0]}'?" if hint else "")
            + f" (bekend: {', '.join(known) or 'geen'})")


def _validate(rule_id: str, name: str, spec: dict, raw, vocab: Vocabulary):
    ptype = spec.get("type", "string")
    where = f"parameter '{name}' van {rule_id}"
    if raw is None or raw == "":
        return [] if ptype == "list" else None
    if ptype == "list":
        items = raw if isinstance(raw, (list, tuple)) else [x for x in re.split(r"[;,]", str(raw))]
        items = [str(x).strip() for x in items if str(x).strip()]
        scheme, choices = spec.get("scheme"), spec.get("choices")
        allowed = list(vocab.notations(scheme)) if scheme else list(choices or [])
        for item in items:
            if allowed and item not in allowed:
                hint = difflib.get_close_matches(item, allowed, n=1)
                raise ParameterError(f"{where}: onbekende waarde {item!r}"
                                     + (f"; bedoelde u '{hint[0]}'?" if hint else "")
                                     + f" (kies uit {', '.join(sorted(allowed))})")
        return items
    if ptype == "date":
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        try:
            if not DATE.match(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ParameterError(f"{where} verwacht een datum JJJJ-MM-DD, niet {raw!r}") from None
    if ptype in ("region", "table", "organisation", "person", "gemeente") or ptype in CONCEPT_TYPES:
        text = str(raw).strip()
        if not (SLUG.match(text) or IRI.match(text) or (ptype == "gemeente" and re.match(r"^GM\d{4}$", text))):
            raise ParameterError(f"{where}: {raw!r} is geen geldige id (kleine letters, cijfers, '-', '_', '.') "
                                 "of IRI")
        if ptype in CONCEPT_TYPES and not IRI.match(text):
            options = vocab.notations(ptype)
            if text not in options:
                hint = difflib.get_close_matches(text, list(options), n=1)
                raise ParameterError(f"{where}: onbekende code {text!r} in lijst '{ptype}'"
                                     + (f"; bedoelde u '{hint[0]}'?" if hint else "")
                                     + f" (zie 'izagraph vocab {ptype}')")
            return str(concept(ptype, text))
        return Param(name, ptype).convert(text)
    value = Param(name, ptype).convert(raw)
    if spec.get("choices") and value not in spec["choices"]:
        hint = difflib.get_close_matches(str(value), [str(c) for c in spec["choices"]], n=1)
        raise ParameterError(f"{where}: onbekende waarde {raw!r}" + (f"; bedoelde u '{hint[0]}'?" if hint else "")
                             + f" (kies uit {', '.join(map(str, spec['choices']))})")
    if ptype in ("integer", "number"):
        lo, hi = spec.get("min"), spec.get("max")
        if lo is not None and value < lo or hi is not None and value > hi:
            rng = f"[{lo if lo is not None else '-∞'}, {hi if hi is not None else '∞'}]"
            raise ParameterError(f"{where} moet in {rng} liggen, niet {raw!r}")
    if ptype == "severity":
        return Severity.parse(str(value)).notation
    return value


def _per_language(value) -> bool:
    """Whether a message field is a ``{"nl": ..., "en": ...}`` dict (a text per language)."""
    return isinstance(value, dict) and bool(value) and value.keys() <= _LANGS


def _in(value, lang: str):
    """A message field: a ``{"nl": ..., "en": ...}`` dict gives the text in ``lang``."""
    if _per_language(value):
        return value.get(lang) or value.get("nl") or ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _plain(v):
    return v.isoformat() if isinstance(v, dt.date) else v


def rule_rows(lang: str = "nl") -> list[dict]:
    """One row per rule and parameter, for ``izagraph rules``."""
    rows = []
    for rule in ALL_RULES:
        specs = rule.param_specs()
        base = {"rule": rule.id, "severity": rule.severity.notation, "title": rule.title(lang),
                "advice": rule.advice or ""}
        rows.append({**base, "param": "", "type": "", "default": "", "explanation": rule.description(lang)})
        for name, spec in specs.items():
            desc = spec.get("description") or {}
            default = spec.get("default")
            rows.append({"rule": rule.id, "severity": "", "title": "", "advice": "", "param": name,
                         "type": spec.get("type", "string") + _range(spec),
                         "default": "" if default is None else default,
                         "explanation": (desc.get(lang) or desc.get("nl") or "").strip()})
    return rows


def _range(spec: dict) -> str:
    lo, hi = spec.get("min"), spec.get("max")
    if lo is None and hi is None:
        return ""
    return f" [{lo if lo is not None else ''}..{hi if hi is not None else ''}]"


__all__ = ["ALL_RULES", "Rule", "RuleContext", "check", "get_rule", "rule_rows"]
