"""The SHACL shapes compiled to SPARQL and run on an in-memory Oxigraph store (SHACL-SPARQL style).

The shapes stay data (``ontology/shapes.ttl``); :func:`compile_shapes` reads them and writes one SELECT
per constraint: the focus nodes of the shape's targets, the value nodes of its path, and a filter that
keeps the values that violate the constraint. Oxigraph answers each in milliseconds where pySHACL walks
every focus node in Python; ``benchmarks/bench_validate.py`` measures both, and the tests check that the
two report the same problems on the shipped data and on a set of violating inputs.

Supported, because ``shapes.ttl`` uses them: targets ``sh:targetClass`` (with subclasses),
``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``; on a node or a property shape with a
predicate path ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:nodeKind``, ``sh:pattern`` (with
``sh:flags``), ``sh:class``, ``sh:hasValue``, ``sh:minInclusive``/``sh:maxInclusive``/``sh:minExclusive``/
``sh:maxExclusive``, ``sh:in``, ``sh:or`` of shapes made of those; and ``sh:sparql`` SELECT constraints
(``$this`` is joined with the focus nodes in the outer group, which equals pre-binding unless ``$this``
occurs inside a sub-select, where a join leaves it free). A shape using anything else makes
:func:`compile_shapes` raise :class:`Unsupported`, and the caller validates with pySHACL instead.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:Table ;
...     sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "Een tafel heeft een naam."@nl ] .
... ''', format="turtle")
>>> data = Graph().parse(data='''
... @prefix ex: <http://example.org/> .
... ex:t1 a ex:Table ; ex:name "Stuurgroep" . ex:t2 a ex:Table .
... ''', format="turtle")
>>> [(str(r.focus), str(r.path)) for r in validate(data, shapes)]
[('http://example.org/t2', 'http://example.org/name')]
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ..namespaces import RDF, SH

SH_NS = "http://www.w3.org/ns/shacl#"
SH_CLASS, SH_IN, SH_OR = URIRef(SH_NS + "class"), URIRef(SH_NS + "in"), URIRef(SH_NS + "or")
SUPPORTED = {URIRef(SH_NS + n) for n in (
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path", "minCount",
    "maxCount", "datatype", "nodeKind", "pattern", "flags", "class", "hasValue", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive", "in", "or", "sparql", "message", "name", "description", "order", "group",
    "prefixes", "select", "declare", "prefix", "namespace", "severity")}
NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))", SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SUBCLASS = f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<{RDFS_SUBCLASS}>*"


#: Threads :func:`validate` runs the checks in: the cores of this machine, at most two (more gain little
#: over 54 checks of which a few take most of the time).
THREADS = min(2, os.cpu_count() or 1)


class Unsupported(Exception):
    """A shape uses a SHACL feature this compiler does not translate (validate with pySHACL instead)."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: its rows are ``this`` (the focus node), optionally ``value``, ``path``.

    A check of a property shape that :func:`batch` may merge with others on the same focus nodes also
    carries its parts: ``kind`` ("min" for minCount 1, "max", "class" or "filter"), the ``focus`` sub-select
    and the ``part`` (the bound, the listed classes or the filter expression).
    """

    shape: object              # the node or property shape (or SPARQL constraint) whose sh:message applies
    path: URIRef | None        # the property path, reported when the query does not bind ?path
    query: str
    focus_as_value: bool = False  # SHACL-SPARQL: an unbound ?value reports the focus node
    kind: str = ""
    focus: str = ""
    part: str = ""
    members: tuple = ()        # a merged check: (shape, path) for each value of ?_k in its rows


@dataclass(frozen=True)
class Result:
    focus: object
    path: URIRef | None
    value: object
    shape: object


def _n3(term) -> str:
    if isinstance(term, BNode):
        raise Unsupported("a blank node as a constraint value")
    return term.n3()


def _check_keys(shapes: Graph, node) -> None:
    for p in set(shapes.predicates(node)):
        if str(p).startswith(SH_NS) and p not in SUPPORTED:
            raise Unsupported(f"{p.n3(shapes.namespace_manager)}")


def _instance_of(var: str, cls, classes) -> str:
    """A graph pattern: ``var`` has type ``cls`` or one of its subclasses.

    With ``classes`` (class -> its subclasses in the data, itself included; see :func:`class_closures`)
    the types are listed, which Oxigraph matches far faster than the path it replaces.
    """
    if classes is None:
        return f"{var} {SUBCLASS} {_n3(cls)} ."
    return f"VALUES ?_c {{ {_listed(classes, [cls])} }} {var} a ?_c ."


def _listed(classes, names) -> str:
    return " ".join(sorted({_n3(sub) for cls in names for sub in (*classes.get(cls, ()), cls)}))


def _focus(shapes: Graph, shape, classes=None) -> str | None:
    parts = []
    targets = list(shapes.objects(shape, SH.targetClass))
    if targets and classes is not None:  # one list of every target class and subclass
        parts.append(f"VALUES ?_c {{ {_listed(classes, targets)} }} ?this a ?_c .")
    else:
        parts.extend(_instance_of("?this", c, None) for c in targets)
    nodes = list(shapes.objects(shape, SH.targetNode))
    if nodes:
        parts.append("VALUES ?this { " + " ".join(_n3(n) for n in nodes) + " }")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {_n3(p)} ?_t .")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"?_t {_n3(p)} ?this .")
    if not parts:
        return None
    union = " UNION ".join("{ " + p + " }" for p in parts)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _conforms(shapes: Graph, member, var: str, classes=None) -> str:
    """A SPARQL expression: node ``var`` conforms to ``member`` (a shape inside sh:or)."""
    _check_keys(shapes, member)
    path = shapes.value(member, SH.path)
    terms = []
    if path is not None:
        if isinstance(path, BNode):
            raise Unsupported("a complex sh:path")
        for n in shapes.objects(member, SH.minCount):
            if int(n) > 1:
                raise Unsupported("sh:minCount above 1 inside sh:or")
            terms.append(f"EXISTS {{ {var} {_n3(path)} ?_x }}")
        for v in shapes.objects(member, SH.hasValue):
            terms.append(f"EXISTS {{ {var} {_n3(path)} {_n3(v)} }}")
        rest = set(shapes.predicates(member)) - {SH.path, SH.minCount, SH.hasValue, SH.message, SH.name}
        if rest:
            raise Unsupported(f"{', '.join(sorted(str(p) for p in rest))} on a property shape inside sh:or")
    else:
        for d in shapes.objects(member, SH.datatype):
            terms.append(f"COALESCE(isLiteral({var}) && datatype({var}) = {_n3(d)}, false)")
        for c in shapes.objects(member, SH_CLASS):
            terms.append(f"EXISTS {{ {_instance_of(var, c, classes)} }}")
        for k in shapes.objects(member, SH.nodeKind):
            terms.append(NODE_KINDS[k].replace("?value", var))
        rest = set(shapes.predicates(member)) - {SH.datatype, SH_CLASS, SH.nodeKind, RDF.type}
        if rest:
            raise Unsupported(f"{', '.join(sorted(str(p) for p in rest))} inside sh:or")
    if not terms:
        raise Unsupported("an empty shape inside sh:or")
    return "(" + " && ".join(terms) + ")"


def _value_filters(shapes: Graph, shape, classes=None) -> list[tuple[str, str]]:
    """(kind, part) per constraint on the values ``?value`` of ``shape``, kind "filter" with an expression
    true for a violating value, or for sh:class "class" with the listed classes (or "minus" with the
    pattern of an instance, without ``classes``); :func:`_keep_violating` makes them a graph pattern."""
    out = []
    for d in shapes.objects(shape, SH.datatype):
        out.append(f"!COALESCE(isLiteral(?value) && datatype(?value) = {_n3(d)}, false)")
    for k in shapes.objects(shape, SH.nodeKind):
        out.append("!" + NODE_KINDS[k])
    for p in shapes.objects(shape, SH.pattern):
        flags = shapes.value(shape, SH.flags)
        args = f"{Literal(str(p)).n3()}" + (f", {Literal(str(flags)).n3()}" if flags is not None else "")
        out.append(f"(isBlank(?value) || !REGEX(STR(?value), {args}))")
    for pred, op in COMPARISONS.items():
        for bound in shapes.objects(shape, pred):
            out.append(f"!COALESCE(?value {op} {_n3(bound)}, false)")
    for lst in shapes.objects(shape, SH_IN):
        out.append(f"?value NOT IN ({', '.join(_n3(x) for x in Collection(shapes, lst))})")
    for lst in shapes.objects(shape, SH_OR):
        members = list(Collection(shapes, lst))
        out.append("!(" + " || ".join(_conforms(shapes, m, "?value", classes) for m in members) + ")")
    out = [("filter", f) for f in out]
    for c in shapes.objects(shape, SH_CLASS):
        out.append(("class", _listed(classes, [c])) if classes is not None
                   else ("minus", _instance_of("?value", c, None)))
    return out


def _keep_violating(kind: str, part: str) -> str:
    """The graph pattern keeping the violating ``?value``: a FILTER, or for sh:class a MINUS of the instances
    (the same values as FILTER NOT EXISTS, ``?value`` being bound, found in one pass instead of a look-up
    per value)."""
    if kind == "filter":
        return f"FILTER ({part})"
    return f"MINUS {{ VALUES ?_c {{ {part} }} ?value a ?_c . }}" if kind == "class" else f"MINUS {{ {part} }}"


def _property_checks(shapes: Graph, prop, focus: str, classes=None) -> list[Check]:
    _check_keys(shapes, prop)
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported("a complex sh:path")
    p = _n3(path)
    checks = []
    for n in shapes.objects(prop, SH.minCount):
        if int(n) == 1:  # no value at all: cheaper than counting every focus node's values
            checks.append(Check(prop, path, f"SELECT DISTINCT ?this WHERE {{ {focus} MINUS {{ ?this {p} ?v }} }}",
                                kind="min", focus=focus))
        else:
            checks.append(Check(prop, path, f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {p} ?v }} }} "
                                            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(n)})"))
    for n in shapes.objects(prop, SH.maxCount):
        checks.append(Check(prop, path, f"SELECT ?this WHERE {{ {focus} ?this {p} ?v }} "
                                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(n)})",
                            kind="max", focus=focus, part=str(int(n))))
    for v in shapes.objects(prop, SH.hasValue):
        checks.append(Check(prop, path, f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {p} {_n3(v)} }} }}"))
    for kind, part in _value_filters(shapes, prop, classes):
        checks.append(Check(prop, path, f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . "
                                        f"{_keep_violating(kind, part)} }}",
                            kind=kind if kind != "minus" else "", focus=focus, part=part))
    return checks


def _prefixes(shapes: Graph, constraint) -> str:
    out = []
    for decl_owner in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(decl_owner, SH.declare):
            out.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(out) + "\n"


def _sparql_check(shapes: Graph, constraint, focus: str) -> Check:
    _check_keys(shapes, constraint)
    select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
    brace = select.index("{")
    query = _prefixes(shapes, constraint) + select[:brace + 1] + f" {focus} " + select[brace + 1:]
    return Check(constraint, None, query, focus_as_value=True)


def compile_shapes(shapes: Graph, classes: dict | None = None) -> list[Check]:
    """One :class:`Check` per constraint of every node shape with a target in ``shapes``.

    ``classes`` (from :func:`class_closures` on the store to validate) lists each class's subclasses in
    the data; without it the queries follow ``rdf:type/rdfs:subClassOf*`` themselves (the same nodes,
    found more slowly).
    """
    checks = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        _check_keys(shapes, shape)
        focus = _focus(shapes, shape, classes)
        if focus is None:
            continue
        for prop in shapes.objects(shape, SH.property):
            checks.extend(_property_checks(shapes, prop, focus, classes))
        for constraint in shapes.objects(shape, SH.sparql):
            checks.append(_sparql_check(shapes, constraint, focus))
        for n in shapes.objects(shape, SH.minCount):
            raise Unsupported(f"sh:minCount on node shape {n}")
        for kind, part in _value_filters(shapes, shape, classes):
            checks.append(Check(shape, None, f"SELECT DISTINCT ?this ?value WHERE {{ {focus} BIND (?this AS ?value) "
                                             f"{_keep_violating(kind, part)} }}"))
    return checks


def class_closures(store, shapes: Graph) -> dict:
    """Each class the shapes name (targets, sh:class) -> its subclasses in ``store``, itself included."""
    names = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH_CLASS))
    out = {}
    for cls in names:
        if isinstance(cls, URIRef):
            rows = store.query(f"SELECT DISTINCT ?sub WHERE {{ ?sub <{RDFS_SUBCLASS}>* {_n3(cls)} }}")
            out[cls] = {cls} | {_term(row["sub"]) for row in rows}
    return out


def _term(term):
    """A pyoxigraph term as an rdflib term."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


#: A merged check per kind: the query over all its members, ``?_k`` numbering them (see :func:`batch`).
MERGED = {
    "min": "SELECT DISTINCT ?this ?_k WHERE {{ {focus} VALUES (?_k ?_p) {{ {rows} }} FILTER NOT EXISTS {{ ?this ?_p ?v }} }}",
    "max": "SELECT ?this ?_k WHERE {{ {focus} VALUES (?_k ?_p ?_n) {{ {rows} }} ?this ?_p ?v }} "
           "GROUP BY ?this ?_k ?_n HAVING (COUNT(DISTINCT ?v) > ?_n)",
    "class": "SELECT DISTINCT ?this ?_k ?value WHERE {{ {focus} VALUES (?_k ?_p) {{ {rows} }} ?this ?_p ?value . "
             "MINUS {{ VALUES (?_k ?_c) {{ {classes} }} ?value a ?_c . }} }}",
    "filter": "SELECT DISTINCT ?this ?_k ?value WHERE {{ {focus} VALUES (?_k ?_p) {{ {rows} }} ?this ?_p ?value . "
              "FILTER ({filters}) }}",
}


def batch(checks: list[Check]) -> list[Check]:
    """The same checks in fewer queries: those of one kind on the same focus nodes merged into one.

    Each query over a national graph costs a pass over the focus nodes (45,000 memberships: about 0.1 s);
    a node shape with seven maxCount constraints then takes one pass instead of seven. A merged query
    numbers its members with ``?_k``: row k is the violation its member's own query would report.
    """
    groups: dict[tuple, list[Check]] = {}
    for check in checks:
        groups.setdefault((check.kind, check.focus) if check.kind else (id(check),), []).append(check)
    out = []
    for (kind, *rest), members in groups.items():
        if len(members) == 1:
            out.append(members[0])
            continue
        rows = " ".join(f"({k} {_n3(c.path)}{' ' + c.part if kind == 'max' else ''})" for k, c in enumerate(members))
        parts = {}
        if kind == "class":
            parts["classes"] = " ".join(f"({k} {cls})" for k, c in enumerate(members) for cls in c.part.split())
        elif kind == "filter":
            parts["filters"] = " || ".join(f"(?_k = {k} && COALESCE({c.part}, false))" for k, c in enumerate(members))
        query = MERGED[kind].format(rows=rows, focus=rest[0], **parts)
        out.append(Check(None, None, query, members=tuple((c.shape, c.path) for c in members)))
    return out


def run_checks(store, checks: list[Check], threads: int = 1) -> list[Result]:
    """Every violation of ``checks`` in the pyoxigraph ``store`` (in the order of the checks).

    With ``threads`` > 1 the checks run in that many threads: Oxigraph evaluates a query without holding
    the GIL, so on two cores two checks run at once (``benchmarks/bench_load.py``).
    """
    if threads > 1 and len(checks) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=threads) as pool:
            return [r for found in pool.map(lambda check: _violations(store, check), checks) for r in found]
    return [r for check in checks for r in _violations(store, check)]


def _violations(store, check: Check) -> list[Result]:
    out = []
    solutions = store.query(check.query)
    names = {v.value for v in solutions.variables}
    for row in solutions:
        shape, check_path = check.members[int(row["_k"].value)] if check.members else (check.shape, check.path)
        path = row["path"] if "path" in names else None
        value = row["value"] if "value" in names else None
        if value is None and check.focus_as_value:
            value = row["this"]
        out.append(Result(_term(row["this"]), _term(path) if path is not None else check_path, _term(value),
                          shape))
    return out


def validate(data, shapes: Graph, extra: bytes | None = None, store=None) -> list[Result]:
    """Compile ``shapes``, load ``data`` (an rdflib graph or :class:`~izagraph.load.triples.Triples`, plus
    ``extra`` N-Triples) into an in-memory Oxigraph, run the checks. ``store``, a pyoxigraph store already
    holding ``data`` and ``extra``, is queried instead (``data`` and ``extra`` are then not read)."""
    import pyoxigraph as ox

    from .triples import n_triples

    compile_shapes(shapes)  # an unsupported shape raises before any work
    if store is None:
        store = ox.Store()
        store.bulk_load(n_triples(data), format=ox.RdfFormat.N_TRIPLES)
        if extra:
            store.bulk_load(extra, format=ox.RdfFormat.N_TRIPLES)
    return run_checks(store, batch(compile_shapes(shapes, class_closures(store, shapes))), threads=THREADS)


__all__ = ["Check", "Result", "Unsupported", "batch", "class_closures", "compile_shapes", "run_checks", "validate"]
