"""Region incongruence: region divisions that do not nest, and tables whose territory straddles the
regions of another division.

For two divisions A and B only the gemeenten that lie in a region of both are compared (a gemeente in
no region of a division tells nothing about nesting). The overlaps of A's and B's regions are a
contingency table computed by :func:`izagraph.rules.pairs.shared_counts` from the two sets of regions.
"""

from __future__ import annotations

from collections import defaultdict
from math import comb

from ..findings import Finding
from .facts import active_tables, facts_of, notation, regions, short_list, table_facts


def adjusted_rand(contingency: dict[tuple, int]) -> float:
    """The adjusted Rand index of two partitions given their contingency counts: 1 when identical,
    about 0 when unrelated (symmetric in the two partitions).

    >>> adjusted_rand({("a", "x"): 2, ("b", "y"): 3})
    1.0
    >>> round(adjusted_rand({("a", "x"): 1, ("a", "y"): 1, ("b", "x"): 1, ("b", "y"): 1}), 3)
    -0.5
    """
    n = sum(contingency.values())
    rows, cols = defaultdict(int), defaultdict(int)
    for (a, b), k in contingency.items():
        rows[a] += k
        cols[b] += k
    index = sum(comb(k, 2) for k in contingency.values())
    sa, sb = sum(comb(k, 2) for k in rows.values()), sum(comb(k, 2) for k in cols.values())
    total = comb(n, 2)
    if total == 0:
        return 1.0
    expected = sa * sb / total
    maximum = (sa + sb) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def _by_division(rs, wanted: set[str], scope: set[str] | None) -> dict[str, dict[str, frozenset]]:
    out: dict[str, dict[str, frozenset]] = defaultdict(dict)
    for r in rs.values():
        if r.division not in wanted:
            continue
        gem = r.gemeenten & scope if scope is not None else r.gemeenten
        if gem:
            out[r.division][r.iri] = frozenset(gem)
    return out


def _wanted(ctx, vocab) -> list[str]:
    return [str(vocab.resolve("division", d)) for d in ctx["divisions"] if vocab.resolve("division", d)]


def nesting(a: dict, b: dict) -> dict | None:
    """How two region divisions (region -> gemeenten) nest, over the gemeenten both cover: the shares of a's
    regions inside one region of b (``a_in_b``) and the other way round, the adjusted Rand index, and the
    parts they were computed from. None when they share no gemeente. Used by the rule and by the report.

    >>> n = nesting({"a1": {1, 2}, "a2": {3}}, {"b1": {1, 2, 3}})
    >>> n["a_in_b"], n["b_in_a"], n["ari"]
    (1.0, 0.0, 0.0)
    """
    from .pairs import shared_counts

    common = (set().union(*a.values()) & set().union(*b.values())) if a and b else set()
    if not common:
        return None
    ra = {r: frozenset(g & common) for r, g in a.items() if g & common}
    rb = {r: frozenset(g & common) for r, g in b.items() if g & common}
    table = shared_counts(ra, rb)
    partners_a, partners_b = defaultdict(set), defaultdict(set)
    for x, y in table:
        partners_a[x].add(y)
        partners_b[y].add(x)
    return {"common": common, "ra": ra, "rb": rb, "table": table,
            "a_in_b": sum(1 for x in ra if len(partners_a[x]) == 1) / len(ra),
            "b_in_a": sum(1 for y in rb if len(partners_b[y]) == 1) / len(rb),
            "ari": adjusted_rand(table)}


def score_incongruence(rows, ctx, vocab) -> list[Finding]:
    """Every pair of region divisions whose regions do not nest."""
    facts = facts_of(rows)
    rs = regions(facts)
    scope = set(facts.subjects("gemeente-in-scope"))
    wanted = _wanted(ctx, vocab)
    by_div = _by_division(rs, set(wanted), scope)
    divs = sorted((d for d in wanted if by_div.get(d)), key=lambda d: notation(vocab, d))
    out = []
    for i, da in enumerate(divs):
        for db in divs[i + 1:]:
            ga = set().union(*by_div[da].values())
            gb = set().union(*by_div[db].values())
            nest = nesting(by_div[da], by_div[db])
            if nest is None:
                continue
            common, ra, rb, table = nest["common"], nest["ra"], nest["rb"], nest["table"]
            a_in_b, b_in_a = nest["a_in_b"], nest["b_in_a"]
            loose = set()
            loose_a, loose_b = set(), set()
            for (a, b) in table:
                if not (ra[a] <= rb[b] or rb[b] <= ra[a]):
                    loose |= ra[a] & rb[b]
                    loose_a.add(a)
                    loose_b.add(b)
            if len(loose) < ctx["min_gemeenten"]:
                continue
            na, nb = notation(vocab, da), notation(vocab, db)
            evidence = {
                "divisions": [na, nb], "gemeenten_compared": len(common),
                "only_in_" + na: len(ga - gb), "only_in_" + nb: len(gb - ga),
                "a_in_b": a_in_b, "b_in_a": b_in_a, "adjusted_rand": nest["ari"],
                "non_nesting_gemeenten": sorted(facts.label(g) for g in loose),
                "regions_" + na: sorted(facts.label(r) for r in loose_a),
                "regions_" + nb: sorted(facts.label(r) for r in loose_b),
            }
            fields = {"a": {lang: vocab.label(_u(da), lang) for lang in ("nl", "en")},
                      "b": {lang: vocab.label(_u(db), lang) for lang in ("nl", "en")},
                      "n": len(loose), "compared": len(common), "a_in_b": f"{a_in_b:.0%}",
                      "b_in_a": f"{b_in_a:.0%}", "ari": f"{evidence['adjusted_rand']:.2f}",
                      "names": short_list(evidence["non_nesting_gemeenten"])}
            label = f"{vocab.label(_u(da), 'nl')} ↔ {vocab.label(_u(db), 'nl')}"
            involved = {r: facts.label(r) for r in loose_a | loose_b}
            out.append(ctx.finding(da, label, evidence, fields=fields, regions=involved,
                                   illustrative=any(rs[r].illustrative for r in involved),
                                   facts=sorted(ra.keys() | rb.keys())))
    return out


def _u(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


def _descends(region: str, ancestors: set[str], rs) -> bool:
    seen = set()
    while region in rs and region not in seen:
        seen.add(region)
        if region in ancestors:
            return True
        region = rs[region].parent
    return region in ancestors


def score_cross_cutting(rows, ctx, vocab) -> list[Finding]:
    """Active tables whose territory lies in more than one region of another division."""
    facts = facts_of(rows)
    rs = regions(facts)
    wanted = _wanted(ctx, vocab)
    by_div = _by_division(rs, set(wanted), None)
    where: dict[str, dict[str, list]] = {}
    for d, regs in by_div.items():
        of_gemeente = where[d] = defaultdict(list)
        for r, gem in regs.items():
            for g in gem:
                of_gemeente[g].append(r)
    named: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # division -> label -> regions
    for r, region in rs.items():
        named[notation(vocab, region.division)][facts.label(r)].append(r)
    names = {notation(vocab, d): {lang: vocab.label(vocab.resolve("division", notation(vocab, d)), lang)
                                  for lang in ("nl", "en")} for d in wanted}

    def cuts_of(gemeenten, spatial):
        """The divisions a territory cuts (evidence, message texts, regions involved); tables of one region
        share their territory, so this runs once per territory, not once per table."""
        own = {rs[r].division for r in spatial if r in rs}
        cuts: dict[str, dict[str, list[str]]] = {}
        for d in wanted:
            if d in own or d not in by_div:
                continue
            of_gemeente = where[d]
            touched: dict[str, set] = defaultdict(set)
            for g in gemeenten:
                for r in of_gemeente.get(g, ()):
                    touched[r].add(g)
            if len(touched) < 2 or all(_descends(r, set(spatial), rs) for r in touched):
                continue
            cuts[notation(vocab, d)] = {facts.label(r): sorted(facts.label(g) for g in gem)
                                        for r, gem in touched.items()}
        if not cuts:
            return None
        texts = {lang: "; ".join(f"{names[d][lang]}: " + ", ".join(sorted(cuts[d])) for d in sorted(cuts))
                 for lang in ("nl", "en")}
        involved = {r: facts.label(r) for d in cuts for label in cuts[d] for r in named[d].get(label, ())}
        return cuts, texts, involved

    territories: dict[tuple, tuple | None] = {}
    first: dict[tuple, Finding] = {}  # per territory its first finding: the others say the same of their table
    out = []
    for t in sorted(active_tables(facts, ctx.today).values(), key=lambda t: t.iri):
        if not (t.in_scope and t.gemeenten):
            continue
        key = (t.gemeenten, t.spatial)
        if key not in territories:
            territories[key] = cuts_of(t.gemeenten, t.spatial)
        if territories[key] is None:
            continue
        cuts, texts, involved = territories[key]
        fields = {"n": len(t.gemeenten), "cuts": texts}
        if key in first:
            out.append(ctx.alike(first[key], t.iri, t.label, fields=fields, illustrative=t.illustrative,
                                 facts=[*table_facts(t), *involved]))
            continue
        evidence = {"gemeenten": len(t.gemeenten), "divisions": cuts}
        out.append(first.setdefault(key, ctx.finding(t.iri, t.label, evidence, fields=fields, regions=involved,
                                                     illustrative=t.illustrative, facts=[*table_facts(t), *involved])))
    return out
