"""A readable summary of a check run in Markdown: what a ministry reader or a region reads first.

:func:`summary_markdown` is pure: it takes a :class:`~izagraph.findings.Report` and the ``info`` sections and
returns text. The full evidence stays in ``findings.json``; the summary names the rule, what it means, the
worst findings with how far to trust them (basis, confidence, gap kind) and the suggested action, per rule
and per region. Every name from the data is escaped (:func:`izagraph.output.md_escape`), so the Markdown is
safe to render. :func:`run_summary` is the thin edge that runs the checks on a backend.

>>> from izagraph.findings import Report
>>> print(summary_markdown(Report([], rules=["table-gaps"]), {"divisions": []}).splitlines()[0])
# izagraph — samenvatting van de bevindingen
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import URIRef

from .findings import BASES, TRUST_TEXT, Finding, Report, Severity
from .namespaces import concept
from .output import md_escape, md_link, render
from .vocab import vocabulary


def severity_label(notation: str, lang: str) -> str:
    """The severity in the reader's language (from the ontology's ``severity`` scheme)."""
    return vocabulary().label(concept("severity", notation), lang)


TEXT = {
    "nl": {"title": "izagraph — samenvatting van de bevindingen", "date": "Peildatum", "sev": "Ernst",
           "n": "aantal", "rules": "Per regel", "regions": "Per regio", "region": "regio",
           "more": "… en {n} meer (zie findings.json)", "advice": "Suggestie", "none": "Geen bevindingen.",
           "coverage": "Dekking van de gegevens", "total": "totaal", "data": "hiaten in gegevens",
           "sources": "Bronnen onder de bevindingen",
           "intro": "Elke bevinding zegt waarop ze rust: *bron* (feiten uit een genoemde bron), *afgeleid* (minstens "
                    "één feit is afgeleid, bijvoorbeeld een afgeleide regio-indeling) of *ILLUSTRATIEF* (minstens één "
                    "feit is verzonnen voorbeelddata: zegt niets over een echte regio), met de laagste betrouwbaarheid "
                    "van haar bronnen (*niet vermeld* als een bron die niet opgeeft). *governance* is een gebrek in de "
                    "samenwerking; *gegevens* betekent: niet vastgelegd, dus onbekend, niet ontbrekend. Al het bewijs "
                    "per bevinding staat in findings.json.",
           "regions_note": "Gerangschikt naar bevindingen over de governance (hoog eerst); hiaten in de gegevens "
                           "staan apart en bepalen de volgorde niet.",
           "skipped": "Overgeslagen"},
    "en": {"title": "izagraph — summary of findings", "date": "Reference date", "sev": "Severity",
           "n": "count", "rules": "Per rule", "regions": "Per region", "region": "region",
           "more": "… and {n} more (see findings.json)", "advice": "Suggestion", "none": "No findings.",
           "coverage": "Coverage of the data", "total": "total", "data": "gaps in the data",
           "sources": "Sources under the findings",
           "intro": "Every finding says what it rests on: *source* (facts from a cited source), *inferred* (at least "
                    "one fact is derived, e.g. an inferred region composition) or *ILLUSTRATIVE* (at least one fact "
                    "is made-up example data: says nothing about a real region), with the lowest confidence of its "
                    "sources (*not stated* when a source gives none). *governance* is a shortcoming of the "
                    "collaboration; *data* means: not recorded, so unknown, not missing. The full evidence of each "
                    "finding is in findings.json.",
           "regions_note": "Ranked by findings about the governance (high first); gaps in the data are counted "
                           "apart and do not set the order.",
           "skipped": "Skipped"},
}


def trust_mark(f: Finding, lang: str) -> str:
    """Basis, confidence and gap kind of a finding, as the summary prints them after the severity."""
    t = TRUST_TEXT[lang]
    return f"*({t[f.basis]}, {t[f.confidence]}, {t[f.gap]})*"


def region_names(rows: list[dict], lang: str = "nl") -> dict[str, str]:
    """Unambiguous region names: the name with its division ("Haaglanden (IZA-regio)"); where two regions
    would still read the same, their id is added.

    >>> rows = [{"region": "r/a", "label": "Noord", "division": None}, {"region": "r/b", "label": "Noord", "division": None}]
    >>> sorted(region_names(rows).values())
    ['Noord (a)', 'Noord (b)']
    """
    vocab = vocabulary()
    names = {}
    for r in rows:
        iri, label = str(r["region"]), r.get("label")
        label = min(label) if isinstance(label, list) and label else label
        label = " ".join(str(label or iri.rstrip("/").rsplit("/", 1)[-1]).split())
        division = vocab.label(URIRef(str(r["division"])), lang) if r.get("division") else None
        names[iri] = f"{label} ({division})" if division else label
    seen = Counter(" ".join(n.casefold().split()) for n in names.values())
    return {iri: (f"{n} ({iri.rstrip('/').rsplit('/', 1)[-1]})" if seen[" ".join(n.casefold().split())] > 1 else n)
            for iri, n in names.items()}


def _severity_rows(report: Report, lang: str) -> list[dict]:
    t, words = TEXT[lang], TRUST_TEXT[lang]
    rows = []
    for sev, by_basis in report.severity_by_basis.items():
        row = {t["sev"].lower(): severity_label(sev, lang)}
        row.update({words[b]: by_basis[b] for b in reversed(BASES)})
        row[t["total"]] = sum(by_basis.values())
        rows.append(row)
    return rows


def _region_rows(report: Report, names: dict[str, str], lang: str) -> list[dict]:
    t = TEXT[lang]
    governance: dict[str, Counter] = defaultdict(Counter)
    data: Counter = Counter()
    label_of: dict[str, str] = {}
    for f in report.findings:
        for iri, label in zip(f.regions, f.region_labels):
            label_of[iri] = names.get(iri) or label
            if f.gap == "governance":
                governance[iri][f.severity] += 1
            else:
                data[iri] += 1
    order = sorted(label_of, key=lambda r: (*(-governance[r][s] for s in sorted(Severity, reverse=True)),
                                            -data[r], label_of[r]))
    return [{t["region"]: label_of[r],
             **{severity_label(s.notation, lang): governance[r][s] for s in sorted(Severity, reverse=True)},
             t["data"]: data[r]} for r in order]


def summary_markdown(report: Report, info: dict, lang: str = "nl", per_rule: int = 8,
                     titles: dict[str, str] | None = None, descriptions: dict[str, str] | None = None,
                     today: str | None = None, regions: dict[str, str] | None = None,
                     sources: dict[str, dict] | None = None) -> str:
    """The summary as Markdown; ``per_rule`` caps the findings listed under each rule. ``regions`` maps a
    region IRI to an unambiguous name (:func:`region_names`); ``sources`` maps a source IRI to its
    ``title`` and ``url`` (only http(s) addresses become links)."""
    t = TEXT[lang]
    titles, descriptions = titles or {}, descriptions or {}
    out = [f"# {t['title']}", ""]
    if today:
        out += [f"{t['date']}: {md_escape(today)}", ""]
    out += [t["intro"], "", f"## {t['sev']}", ""]
    out.append(render(_severity_rows(report, lang), "md"))
    if info.get("divisions"):
        out += [f"## {t['coverage']}", "", render(info["divisions"], "md")]
    out += [f"## {t['rules']}", ""]
    by_rule = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    for rule in report.rules:
        found = by_rule.get(rule, [])
        out.append(f"### {md_escape(titles.get(rule, rule))} (`{md_escape(rule)}`): {len(found)}")
        out.append("")
        if descriptions.get(rule):
            out += [md_escape(descriptions[rule].split("\n")[0]), ""]
        if not found:
            out += [t["none"], ""]
            continue
        for f in found[:per_rule]:
            out.append(f"- **{severity_label(f.severity.notation, lang)}** {trust_mark(f, lang)} {md_escape(f.text(lang))}")
        if len(found) > per_rule:
            out.append(f"- {t['more'].format(n=len(found) - per_rule)}")
        advices = Counter((f.advice_label.get(lang, ""), f.advice_text.get(lang, "")) for f in found if f.advice)
        for (label, text), _ in advices.most_common(1):
            out += ["", f"> {t['advice']}: **{md_escape(label)}** — {md_escape(text)}"]
        out.append("")
    if report.skipped:
        out += [f"{t['skipped']}: " + "; ".join(f"{md_escape(r)} ({md_escape(why)})" for r, why in report.skipped.items()), ""]
    rows = _region_rows(report, regions or {}, lang)
    if rows:
        out += [f"## {t['regions']}", "", t["regions_note"], "", render(rows, "md")]
    used = Counter(s for f in report.findings for s in f.sources)
    if sources and used:
        out += [f"## {t['sources']}", ""]
        for iri, n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0])):
            meta = sources.get(iri, {})
            out.append(f"- {md_link(meta.get('title') or iri.rsplit('/', 1)[-1], meta.get('url'))} ({n})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def run_summary(backend, lang: str = "nl", gap: str | None = None, today=None) -> tuple[Report, str]:
    """Run every rule on ``backend`` and return the report (restricted to ``gap`` when given) and its
    Markdown summary."""
    import datetime as dt

    from .info import summarise
    from .queries import load_query
    from .rules import ALL_RULES, check

    report = check(backend, lang=lang, today=today).only_gap(gap)
    info = summarise(backend, lang) if backend.language == "sparql" else {}
    names = region_names(backend.rows(load_query("region-labels", backend.language), {}), lang)
    sources = {str(r["source"]): {"title": r.get("title"), "url": r.get("url")}
               for r in backend.rows(load_query("source-addresses", backend.language), {})}
    text = summary_markdown(report, info, lang, titles={r.id: r.title(lang) for r in ALL_RULES},
                            descriptions={r.id: r.description(lang) for r in ALL_RULES},
                            today=(today or dt.date.today()).isoformat(), regions=names, sources=sources)
    return report, text
