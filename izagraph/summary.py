"""A readable summary of a check run in Markdown: what a ministry reader or a region reads first.

Pure: it takes a :class:`~izagraph.findings.Report` and the ``info`` sections and returns text. The full
evidence stays in ``findings.json``; the summary names the rule, what it means, the worst findings and
the suggested action, per rule and per region.

>>> from izagraph.findings import Report
>>> print(summary_markdown(Report([], rules=["table-gaps"]), {"divisions": []}).splitlines()[0])
# izagraph — samenvatting van de bevindingen
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .findings import Report, Severity
from .namespaces import concept
from .output import render
from .vocab import vocabulary


def severity_label(notation: str, lang: str) -> str:
    """The severity in the reader's language (from the ontology's ``severity`` scheme)."""
    return vocabulary().label(concept("severity", notation), lang)

TEXT = {
    "nl": {"title": "izagraph — samenvatting van de bevindingen", "date": "Peildatum", "sev": "Ernst",
           "n": "aantal", "rules": "Per regel", "regions": "Per regio", "region": "regio",
           "more": "… en {n} meer (zie findings.json)", "advice": "Suggestie", "none": "Geen bevindingen.",
           "illustrative": "illustratief", "coverage": "Dekking van de gegevens",
           "intro": "Bevindingen met *illustratief* rusten op verzonnen voorbeelddata en zeggen niets over een echte "
                    "regio. Alle bewijs per bevinding staat in findings.json.",
           "skipped": "Overgeslagen"},
    "en": {"title": "izagraph — summary of findings", "date": "Reference date", "sev": "Severity",
           "n": "count", "rules": "Per rule", "regions": "Per region", "region": "region",
           "more": "… and {n} more (see findings.json)", "advice": "Suggestion", "none": "No findings.",
           "illustrative": "illustrative", "coverage": "Coverage of the data",
           "intro": "Findings marked *illustrative* rest on made-up example data and say nothing about a real "
                    "region. The full evidence of each finding is in findings.json.",
           "skipped": "Skipped"},
}


def summary_markdown(report: Report, info: dict, lang: str = "nl", per_rule: int = 8,
                     titles: dict[str, str] | None = None, descriptions: dict[str, str] | None = None,
                     today: str | None = None) -> str:
    """The summary as Markdown; ``per_rule`` caps the findings listed under each rule."""
    t = TEXT[lang]
    titles, descriptions = titles or {}, descriptions or {}
    out = [f"# {t['title']}", ""]
    if today:
        out += [f"{t['date']}: {today}", ""]
    out += [t["intro"], "", f"## {t['sev']}", ""]
    out.append(render([{t["sev"].lower(): severity_label(s, lang), t["n"]: n}
                       for s, n in report.severity_counts.items()], "md"))
    if info.get("divisions"):
        out += [f"## {t['coverage']}", "", render(info["divisions"], "md")]
    out += [f"## {t['rules']}", ""]
    by_rule = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    for rule in report.rules:
        found = by_rule.get(rule, [])
        out.append(f"### {titles.get(rule, rule)} (`{rule}`): {len(found)}")
        out.append("")
        if descriptions.get(rule):
            out += [descriptions[rule].split("\n")[0], ""]
        if not found:
            out += [t["none"], ""]
            continue
        for f in found[:per_rule]:
            mark = f" *({t['illustrative']})*" if f.illustrative else ""
            out.append(f"- **{severity_label(f.severity.notation, lang)}**{mark} {f.text(lang)}")
        if len(found) > per_rule:
            out.append(f"- {t['more'].format(n=len(found) - per_rule)}")
        advices = Counter((f.advice_label.get(lang, ""), f.advice_text.get(lang, "")) for f in found if f.advice)
        for (label, text), _ in advices.most_common(1):
            out += ["", f"> {t['advice']}: **{label}** — {text}"]
        out.append("")
    if report.skipped:
        out += [f"{t['skipped']}: " + "; ".join(f"{r} ({why})" for r, why in report.skipped.items()), ""]
    regions: dict[str, Counter] = defaultdict(Counter)
    for f in report.findings:
        for label in f.region_labels or ("—",):
            regions[label][f.severity] += 1
    if regions:
        rows = [{t["region"]: label, **{severity_label(s.notation, lang): c.get(s, 0) for s in sorted(Severity, reverse=True)}}
                for label, c in sorted(regions.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]
        out += [f"## {t['regions']}", "", render(rows, "md")]
    return "\n".join(out).rstrip() + "\n"
