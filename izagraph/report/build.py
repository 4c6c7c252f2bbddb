"""The data of the report pages (pure): from the governance network, the findings of ``check`` and the
``info`` sections to plain dicts that the renderers turn into HTML, Markdown and CSV.

A region's tables are the active tables whose region is the region or lies in it (``part_of``); a
finding belongs to a region when one of its regions is the region or lies in it. The scorecard reads
the IZA criteria from the ontology and the verdicts from the findings, so every number equals what
``izagraph check`` reports:

- *shared governance*: an active table marked as the region's collaboration structure is recorded;
- *perspectives* (one per criterion): ``present`` when a structure table with members has no
  ``missing-perspectives`` finding for it, ``missing`` when every structure table with members has one,
  ``no_mandate`` / ``mandate_not_recorded`` when the gemeenten sit there without a (recorded) mandate,
  ``not_recorded`` when no structure table or no members are recorded, or when the perspective is absent
  from the recorded seats while a table of the structure has no recorded members, ``no_data`` for a region of
  which izagraph knows nothing beyond its name;
- *werkagenda* and *monitoring*: ``recorded`` unless ``structure-gaps`` says they are not.

"Not recorded" is never turned into "missing": izagraph only knows what its sources record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from rdflib import URIRef

from ..findings import Finding, Report, Severity, evidence_summary
from ..namespaces import DCTERMS, IZG, RDF, SKOS, concept
from ..vocab import Vocabulary, vocabulary
from .congruence import congruence_matrix

DRUKTE_RULES = ("drukte-organisation", "drukte-person", "drukte-gemeente", "drukte-region")
DUPLICATE_RULES = ("duplicate-tables", "subset-tables", "en-en")
#: Divisions shown by default: the IZA regions and the SPUK samenwerkingsregio's, when the data has them.
#: A division is picked when its notation is one of these, or its notation or Dutch label contains one of
#: the markers (the SPUK division is being added to the vocabulary in parallel; its notation is read from
#: the data and the vocabulary, not assumed).
DEFAULT_DIVISIONS = ("iza",)
DEFAULT_MARKERS = ("spuk", "samenwerkingsregio")
ASPECT_GROUPS = ("why", "what", "how", "cultuur")
CONFIDENCE_ORDER = {"high": 3, "medium": 2, "low": 1}
BASIS_ORDER = {"source": 3, "inferred": 2, "illustrative": 1}


def weakest_basis(values: Iterable[str | None]) -> str | None:
    """The weakest basis among ``values`` (None when there are none).

    >>> weakest_basis(["source", "illustrative", "inferred"])
    'illustrative'
    """
    vals = [v for v in values if v in BASIS_ORDER]
    return min(vals, key=BASIS_ORDER.get) if vals else None


def lowest_confidence(values: Iterable[str | None]) -> str | None:
    """The lowest stated confidence (None when none is stated).

    >>> lowest_confidence(["high", None, "medium"])
    'medium'
    """
    vals = [v for v in values if v in CONFIDENCE_ORDER]
    return min(vals, key=CONFIDENCE_ORDER.get) if vals else None


def slug(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def is_active(attrs: dict, today: str) -> bool:
    """No end date, or an end date (read as "through") on or after ``today``."""
    end = str(attrs.get("end") or "")
    if not end:
        return True
    key = (end + "-12-31")[:10] if len(end) == 4 else (end + "-31")[:10] if len(end) == 7 else end[:10]
    return key >= today


def available_divisions(G: nx.MultiDiGraph) -> list[str]:
    """The notations of the divisions that have regions in the data."""
    return sorted({a["division"] for _, a in G.nodes(data=True) if a.get("kind") == "region" and a.get("division")})


def default_divisions(G: nx.MultiDiGraph, vocab: Vocabulary | None = None) -> list[str]:
    """IZA and SPUK divisions present in the data (else every division with regions)."""
    vocab = vocab or vocabulary()
    present = available_divisions(G)

    def wanted(d: str) -> bool:
        iri = vocab.resolve("division", d)
        names = (d, vocab.label(iri, "nl").casefold() if iri is not None else "")
        return d in DEFAULT_DIVISIONS or any(m in n for m in DEFAULT_MARKERS for n in names)

    return [d for d in present if wanted(d)] or present


class Graphs:
    """The look-ups the builders share: network, triples, vocabulary, findings by region."""

    def __init__(self, G: nx.MultiDiGraph, index, report: Report, today: str, lang: str,
                 vocab: Vocabulary | None = None):
        self.G, self.index, self.report, self.today, self.lang = G, index, report, today, lang
        self.vocab = vocab or vocabulary()
        self.children_regions: dict[str, set[str]] = defaultdict(set)
        self.parent_region: dict[str, str] = {}
        self.tables_of: dict[str, set[str]] = defaultdict(set)
        self.parent_table: dict[str, str] = {}
        self.seats: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for u, v, d in G.edges(data=True):
            rel = d.get("relation")
            if rel == "part_of":
                self.children_regions[v].add(u)
                self.parent_region[u] = v
            elif rel == "territory" and G.nodes[v].get("kind") == "region" and is_active(G.nodes[u], today):
                self.tables_of[v].add(u)
            elif rel == "parent":
                self.parent_table[u] = v
            elif rel == "membership" and is_active(d, today):
                self.seats[v].append((u, d))
        self.findings_of: dict[str, list[Finding]] = defaultdict(list)
        for f in report.findings:
            for r in f.regions:
                self.findings_of[r].append(f)
        self.choices = self._choices()
        self.grants = self._grants()
        self.members = self._memberships()

    def _grants(self) -> dict[str, list[dict]]:
        """region IRI -> its grants (izg:Grant from region_grants.csv), by year: scheme, amount, recipient, source."""
        out: dict[str, list[dict]] = defaultdict(list)
        for gr in self.index.subjects(RDF.type, IZG.Grant):
            region = self.index.value(gr, IZG.grantFor)
            if region is None:
                continue
            val = lambda p: self.index.value(gr, p)  # noqa: E731
            recipient, scheme, src = val(IZG.recipient), val(IZG.grantScheme), val(DCTERMS.source)
            amount = val(IZG.amountEur)
            out[str(region)].append({
                "year": str(val(DCTERMS.date) or "")[:4], "amount": float(amount) if amount is not None else None,
                "scheme": self.concept_label(str(scheme) if scheme is not None else None),
                "recipient": self.label(str(recipient)) if recipient is not None else "",
                "source": self.source_label(str(src) if src is not None else None),
                "source_id": slug(str(src)) if src is not None else ""})
        return {r: sorted(v, key=lambda x: x["year"]) for r, v in out.items()}

    def _memberships(self) -> dict[tuple[str, str], dict]:
        """(region, gemeente) -> the membership's own status, method and source (izg:RegionMembership)."""
        out = {}
        for m in self.index.subjects(RDF.type, IZG.RegionMembership):
            region, gm = self.index.value(m, IZG.region), self.index.value(m, IZG.gemeente)
            if region is None or gm is None:
                continue
            status, method, src = (self.index.value(m, p) for p in (IZG.membershipStatus, IZG.method, DCTERMS.source))
            out[(str(region), str(gm))] = {
                "status": self.vocab.notation(status) if status is not None else None,
                "method": self.concept_label(str(method)) if method is not None else "",
                "source": self.source_label(str(src)) if src is not None else ""}
        return out

    def source_label(self, src: str | None) -> str:
        """A source as a reader cites it: its title, publisher and date (its id when it has no title)."""
        if src is None:
            return ""
        title, publisher, date = (self.index.value(URIRef(src), p) for p in (DCTERMS.title, DCTERMS.publisher,
                                                                            DCTERMS.date))
        parts = [str(x) for x in (title or slug(src), publisher, date) if x]
        return ", ".join(parts)

    def _choices(self) -> dict[str, list[tuple[str, str | None]]]:
        out: dict[str, list] = defaultdict(list)
        for c in self.index.subjects(RDF.type, IZG.GovernanceChoice):
            region, variant = self.index.value(c, IZG.ofRegion), self.index.value(c, IZG.variant)
            if region is not None and variant is not None:
                src = self.index.value(c, DCTERMS.source)
                out[str(region)].append((str(variant), str(src) if src is not None else None))
        return out

    def label(self, node: str) -> str:
        return self.G.nodes[node].get("label") or slug(node) if node in self.G else slug(node)

    def concept_label(self, iri: str | None) -> str:
        return self.vocab.label(URIRef(iri), self.lang) if iri else ""

    def descendants(self, region: str) -> set[str]:
        seen, todo = set(), [region]
        while todo:
            r = todo.pop()
            if r not in seen:
                seen.add(r)
                todo.extend(self.children_regions.get(r, ()))
        return seen

    def ancestors(self, region: str) -> set[str]:
        out, r = set(), region
        while r and r not in out:
            out.add(r)
            r = self.parent_region.get(r)
        return out

    def region_tables(self, region: str) -> set[str]:
        return set().union(*(self.tables_of.get(r, set()) for r in self.descendants(region)))

    def region_findings(self, region: str) -> list[Finding]:
        seen, out = set(), []
        for r in sorted(self.descendants(region)):
            for f in self.findings_of.get(r, ()):
                if f.key not in seen:
                    seen.add(f.key)
                    out.append(f)
        return sorted(out, key=lambda f: (-f.severity, f.rule, f.subject_label, f.key))

    def source_of(self, node: str) -> tuple[str | None, str | None]:
        """(evidence notation, confidence notation) of the source of ``node``."""
        src = self.index.value(URIRef(node), DCTERMS.source)
        return self.source_facts(str(src) if src is not None else None)

    def source_facts(self, src: str | None) -> tuple[str | None, str | None]:
        if src is None:
            return None, None
        ev, cf = self.index.value(URIRef(src), IZG.evidence), self.index.value(URIRef(src), IZG.confidence)
        return (self.vocab.notation(ev) if ev is not None else None,
                self.vocab.notation(cf) if cf is not None else None)

    def depth(self, table: str) -> int:
        seen, d, t = set(), 1, table
        while self.parent_table.get(t) and t not in seen:
            seen.add(t)
            t = self.parent_table[t]
            d += 1
        return d


# -- scorecard ---------------------------------------------------------------------------------------

def structure_criteria(vocab: Vocabulary) -> list:
    """The IZA criteria for the regional collaboration structure (``ontology/criteria.ttl``), by id."""
    return sorted((c for c in vocab.criteria() if c.regional_structure), key=lambda c: c.id)


def _criterion_layers(criterion, vocab: Vocabulary, layers: dict[str, list[int]]) -> list[int]:
    """The layers of the structure where a perspective that satisfies ``criterion`` sits, from a finding's
    ``layers`` evidence (perspective notation -> layers; a finer sector counts for its broader perspective).

    >>> from izagraph.vocab import vocabulary
    >>> v = vocabulary()
    >>> ggd = next(c for c in v.criteria() if c.id == "iza-regionale-ggd")
    >>> _criterion_layers(ggd, v, {"ggd": [2], "huisartsen": [1]})
    [2]
    """
    required = {str(r) for r in criterion.requires_any_of}
    out: set[int] = set()
    for notation_, found in layers.items():
        iri = vocab.resolve("perspective", notation_)  # seats' perspectives and sectors share this scheme
        if iri is not None and {str(c) for c in vocab.broader_closure(iri)} & required:
            out.update(found)
    return sorted(out)


def _perspective_status(criterion, structure: list[str], by_table: dict[str, list[Finding]]) -> str:
    """A criterion's verdict over the region's collaboration structures (one ``missing-perspectives``
    finding per top table and criterion not met; the rule checks the whole structure under the top table).
    The best verdict of any structure wins: present, then not met for want of a mandate, then a mandate
    not recorded (gap in the data), then missing; a structure without any member is not recorded."""
    per_table = []
    for t in structure:
        fs = by_table.get(t, [])
        if any(f.evidence.get("members") == [] and "criteria" in f.evidence for f in fs):
            per_table.append("not_recorded")
            continue
        miss = [f for f in fs if f.evidence.get("criterion") == criterion.id]
        if not miss:
            per_table.append("present")
        elif any(f.gap == "data" and f.evidence.get("mandate_unknown") for f in miss):
            per_table.append("mandate_not_recorded")
        elif any(f.gap == "data" for f in miss):  # absent from the recorded seats, some tables unrecorded
            per_table.append("seats_not_recorded")
        elif any(f.evidence.get("without_mandate") for f in miss):
            per_table.append("no_mandate")
        else:
            per_table.append("missing")
    for status in ("present", "no_mandate", "mandate_not_recorded", "seats_not_recorded", "missing"):
        if status in per_table:
            return "not_recorded" if status == "seats_not_recorded" else status
    return "not_recorded"


def region_card(g: Graphs, region: str, criteria: list) -> dict:
    """The scorecard of one region (see the module docstring for what each verdict means)."""
    G, a = g.G, g.G.nodes[region]
    tables = g.region_tables(region)
    findings = g.region_findings(region)
    choices = [c for r in g.descendants(region) for c in g.choices.get(r, ())]
    has_data = bool(tables or choices)
    structure = sorted((t for t in tables if G.nodes[t].get("regional_structure")), key=g.label)
    by_table: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_table[f.subject].append(f)
    layers_of: dict[str, list[int]] = {}  # criterion id -> layers where it is met, where the evidence says
    if not has_data:
        perspectives = {c.id: "no_data" for c in criteria}
    elif not structure:
        perspectives = {c.id: "not_recorded" for c in criteria}
    else:
        pf = {t: [f for f in by_table.get(t, []) if f.rule == "missing-perspectives"] for t in structure}
        perspectives = {c.id: _perspective_status(c, structure, pf) for c in criteria}
        given = [f.evidence["layers"] for fs in pf.values() for f in fs if f.evidence.get("layers")]
        for c in criteria:
            found = sorted({x for ls in given for x in _criterion_layers(c, g.vocab, ls)})
            # the evidence gives where a perspective sits, not where a seat with a mandate sits: no layer for a
            # criterion that needs a mandate (the gemeente at layer 1 may be the one without)
            if perspectives[c.id] == "present" and found and not c.requires_mandate:
                layers_of[c.id] = found
    gemeenten_criteria = [c.id for c in criteria if c.requires_mandate]
    mandate = perspectives[gemeenten_criteria[0]] if gemeenten_criteria else ("no_data" if not has_data else "not_recorded")

    def recorded(gap: str) -> str:
        if not has_data:
            return "no_data"
        if not structure:
            return "not_recorded"
        gaps = {t for t in structure for f in by_table.get(t, []) if f.rule == "structure-gaps"
                and f.evidence.get("gap") == gap}
        return "recorded" if set(structure) - gaps else "not_recorded"

    seats = sum(len(g.seats.get(t, ())) for t in tables)
    counts = defaultdict(int)
    for f in findings:
        counts[f.rule] += 1
    evid, conf = g.source_of(region)
    sources = [g.source_of(t) for t in tables] + [g.source_facts(s) for _, s in choices]
    status = a.get("status") or "source"
    basis = weakest_basis(["illustrative" if ev == "illustrative" else None for ev, _ in [(evid, conf), *sources]]
                          + ["inferred" if status == "inferred" else None]
                          + [f.basis for f in findings] + ["source"])
    confidence = lowest_confidence([conf, *(c for _, c in sources), *(f.confidence for f in findings)])
    gemeenten = {v for r in g.descendants(region) for _, v, rel in G.out_edges(r, data="relation") if rel == "contains"}
    grants = g.grants.get(region, [])
    has_page = has_data or bool(grants)
    return {
        "iri": region, "id": slug(region), "label": g.label(region), "division": a.get("division"),
        "status": status, "gemeenten": len(gemeenten), "has_data": has_data,
        "structure": [g.label(t) for t in structure], "governance": "recorded" if structure else
        ("not_recorded" if has_data else "no_data"),
        "perspectives": perspectives, "perspective_layers": layers_of, "mandate": mandate,
        "werkagenda": recorded("no-werkagenda"), "monitoring": recorded("no-monitoring"),
        "tables": len(tables), "seats": seats,
        "layers": max((g.depth(t) for t in tables), default=0),
        "drukte": sum(counts[r] for r in DRUKTE_RULES), "duplicates": sum(counts[r] for r in DUPLICATE_RULES),
        "findings": len(findings), "by_rule": dict(counts),
        "severity": {s.notation: sum(1 for f in findings if f.severity == s) for s in sorted(Severity, reverse=True)},
        "basis": basis if has_data else None, "confidence": confidence if has_data else None,
        "grants": grants, "recipients": sorted({x["recipient"] for x in grants if x["recipient"]}),
        "grant_sources": sorted({x["source_id"] for x in grants if x["source_id"]}),
        "has_page": has_page, "href": f"regio-{slug(region)}.html" if has_page else None,
    }


# -- national ----------------------------------------------------------------------------------------

def finding_row(f: Finding, lang: str) -> dict:
    """A finding as the pages show it. The other findings of a pair rule about the same pair (evidence
    ``also``, see :mod:`izagraph.rules.structures`) are listed as readable lines, not as raw evidence."""
    from ..summary import severity_label

    evidence = {k: v for k, v in f.evidence.items() if k != "also"}
    also = [{"rule": a.get("rule", ""), "message": a.get("message", "")}
            for a in f.evidence_in(lang).get("also", ()) if isinstance(a, dict)]
    return {"severity": f.severity.notation, "severity_label": severity_label(f.severity.notation, lang),
            "rule": f.rule, "subject": f.subject_label, "message": f.text(lang),
            "regions": list(f.region_labels), "basis": f.basis, "confidence": f.confidence,
            "gap": f.gap, "sources": list(f.sources), "advice": f.advice_label.get(lang) or f.advice or "",
            "advice_text": f.advice_text.get(lang, ""), "evidence": evidence_summary(evidence), "also": also}


def build_national(G: nx.MultiDiGraph, index, report: Report, coverage: list[dict], *,
                   divisions: list[str] | None = None, lang: str = "nl", today: str | None = None,
                   vocab: Vocabulary | None = None) -> dict:
    """Everything the national page shows, as plain data (see the module docstring).

    ``coverage`` is :func:`izagraph.info.division_coverage` of the same store (the figures ``izagraph info``
    prints): regions and gemeenten per division by how their composition is known.
    """
    today = today or dt.date.today().isoformat()
    g = Graphs(G, index, report, today, lang, vocab)
    criteria = structure_criteria(g.vocab)
    coverage_of = {row["division"]: row for row in coverage}
    chosen = divisions or default_divisions(G, g.vocab)
    sections = []
    for d in chosen:
        iri = g.vocab.resolve("division", d)
        label = g.vocab.label(iri, lang) if iri is not None else d
        expected = g.vocab.graph.value(iri, IZG.expectedRegionCount) if iri is not None else None
        regions = sorted((n for n, a in G.nodes(data=True) if a.get("kind") == "region" and a.get("division") == d),
                         key=lambda n: (g.label(n).casefold(), n))
        cards = [region_card(g, r, criteria) for r in regions]
        sections.append({"notation": d, "label": label, "expected": int(expected) if expected is not None else None,
                         "regions": cards, "coverage": coverage_of.get(d, {})})
    hot = [f for f in report.findings if f.rule in DRUKTE_RULES and f.severity >= Severity.MEDIUM]
    dups = [f for f in report.findings if f.rule in DUPLICATE_RULES]
    return {
        "lang": lang, "today": today, "divisions": sections,
        "criteria": [{"id": c.id, "label": c.labels.get(lang) or c.id,
                      "definition": c.definitions.get(lang, ""),
                      "requires": [g.concept_label(str(p)) for p in c.requires_any_of]} for c in criteria],
        "coverage": list(coverage),
        "congruence": congruence_matrix(G),
        "division_labels": {d: g.concept_label(str(concept("division", d))) for d in available_divisions(G)},
        "severity_counts": report.severity_counts, "rule_counts": report.counts,
        "hotspots": [finding_row(f, lang) for f in hot], "duplicates": [finding_row(f, lang) for f in dups],
    }


def pseudonymise_findings(report: Report, rename: dict[str, str]) -> Report:
    """The report with persons' IRIs and names replaced as in ``rename`` (from the pseudonymised network),
    in subjects, labels, messages and evidence.

    >>> from izagraph.findings import Finding, Severity
    >>> f = Finding("drukte-person", Severity.HIGH, "p:jan", "Jan", {"nl": "Jan zit aan 6 tafels"}, {"who": ["Jan"]})
    >>> g = pseudonymise_findings(Report([f]), {"p:jan": "p:x", "Jan": "Persoon x"}).findings[0]
    >>> g.subject, g.subject_label, g.text("nl"), g.evidence
    ('p:x', 'Persoon x', 'Persoon x zit aan 6 tafels', {'who': ['Persoon x']})
    """
    names = sorted((k for k in rename if not k.startswith("http") and ":" not in k), key=len, reverse=True)

    def text(value: str) -> str:
        if value in rename:
            return rename[value]
        for old in names:
            value = value.replace(old, rename[old])
        return value

    def deep(value):
        if isinstance(value, str):
            return text(value)
        if isinstance(value, list):
            return [deep(v) for v in value]
        if isinstance(value, dict):
            return {k: deep(v) for k, v in value.items()}
        return value

    findings = [dataclasses.replace(f, subject=rename.get(f.subject, f.subject), subject_label=text(f.subject_label),
                                    message={k: text(v) for k, v in f.message.items()}, evidence=deep(f.evidence))
                for f in report.findings]
    return Report(findings, rules=report.rules, skipped=report.skipped, params=report.params, lang=report.lang)


# -- region page -------------------------------------------------------------------------------------

def structure_tree(g: Graphs, region: str) -> list[dict]:
    """The region's active tables as a forest: top tables first, werkgroepen at the leaves."""
    G = g.G
    tables = g.region_tables(region)
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for t in tables:
        p = g.parent_table.get(t)
        (children[p] if p in tables else roots).append(t)

    def node(t: str, seen: frozenset) -> dict:
        a = G.nodes[t]
        kids = sorted(children.get(t, ()), key=g.label)
        return {"label": g.label(t), "kind": a.get("table_kind", ""), "level": a.get("level", ""),
                "programmes": a.get("programmes", ""), "members": len(g.seats.get(t, ())),
                "regional_structure": bool(a.get("regional_structure")),
                "illustrative": a.get("evidence") == "illustrative",
                "children": [node(k, seen | {t}) for k in kids if k not in seen]}

    order = lambda t: (not G.nodes[t].get("regional_structure"), g.label(t).casefold())  # noqa: E731
    return [node(t, frozenset()) for t in sorted(roots, key=order)]


def governance_profile(g: Graphs, region: str) -> list[dict]:
    """Per group (WHY / WHAT / HOW / culture) the aspects, their variants and which the region chose."""
    v = g.vocab
    chosen = {c for r in g.descendants(region) for c, _ in g.choices.get(r, ())}
    groups = []
    names = [n for n in ASPECT_GROUPS if v.resolve("aspect", n)] + sorted(
        set(v.notation(c) for c in v.top_concepts("aspect")) - set(ASPECT_GROUPS))
    for name in names:
        group = v.resolve("aspect", name)
        aspects = []
        for asp in sorted(v.graph.objects(group, SKOS.narrower), key=lambda c: v.label(c, g.lang)):
            variants = sorted(v.graph.objects(asp, SKOS.narrower), key=lambda c: v.label(c, g.lang))
            rows = [{"label": v.label(x, g.lang), "definition": v.text(x, SKOS.definition, g.lang),
                     "chosen": str(x) in chosen} for x in variants]
            aspects.append({"label": v.label(asp, g.lang), "definition": v.text(asp, SKOS.definition, g.lang),
                            "variants": rows, "chosen": str(asp) in chosen or any(r["chosen"] for r in rows)})
        groups.append({"label": v.label(group, g.lang), "definition": v.text(group, SKOS.definition, g.lang),
                       "aspects": aspects})
    return groups


def build_region(G: nx.MultiDiGraph, index, report: Report, region: str, *, lang: str = "nl",
                 today: str | None = None, vocab: Vocabulary | None = None, graphs: Graphs | None = None) -> dict:
    """Everything one region page shows: scorecard, structure tree, governance profile, findings."""
    today = today or dt.date.today().isoformat()
    g = graphs or Graphs(G, index, report, today, lang, vocab)
    criteria = structure_criteria(g.vocab)
    card = region_card(g, region, criteria)
    division = card["division"]
    return {
        "lang": lang, "today": today, "card": card,
        "division_label": g.concept_label(str(concept("division", division))) if division else "",
        "criteria": [{"id": c.id, "label": c.labels.get(lang) or c.id, "definition": c.definitions.get(lang, "")}
                     for c in criteria],
        "tree": structure_tree(g, region), "profile": governance_profile(g, region),
        "findings": [finding_row(f, lang) for f in g.region_findings(region)],
        "parts": sorted(g.label(r) for r in g.descendants(region) - {region}),
        "gemeenten": region_gemeenten(g, region),
    }


def region_gemeenten(g: Graphs, region: str) -> list[dict]:
    """The region's gemeenten with how each is known: its membership's own status, method and source, else
    the region's status; the region's source only for a membership from a source (an inferred membership
    without a source of its own rests on its method, not on the source that named the region)."""
    a = g.G.nodes[region]
    status = a.get("status") or "source"
    region_source = g.index.value(URIRef(region), DCTERMS.source)
    out = []
    for _, gm, rel in g.G.out_edges(region, data="relation"):
        if rel != "contains":
            continue
        m = g.members.get((region, gm), {})
        own = m.get("status") or status
        fallback = str(region_source) if region_source is not None and own == "source" else None
        out.append({"label": g.label(gm), "status": own, "method": m.get("method", ""),
                    "source": m.get("source") or g.source_label(fallback)})
    return sorted(out, key=lambda x: x["label"].casefold())


def resolve_region(G: nx.MultiDiGraph, name: str) -> str | None:
    """A region node by id, IRI, code or name (case-insensitive); None when unknown."""
    want = name.strip().casefold()
    for n, a in G.nodes(data=True):
        if a.get("kind") != "region":
            continue
        if want in (n.casefold(), slug(n).casefold(), str(a.get("code") or "").casefold(),
                    str(a.get("label") or "").casefold()):
            return n
    return None
