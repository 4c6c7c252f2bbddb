"""Turn located rows into RDF, collecting every problem with its file, row and column.

Conversion is pure: rows in, a graph plus problems out. All datasets given together are converted in
one go, so references may cross datasets (an illustrative table at a real gemeente).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..errors import Problem
from ..model import SPECS, Column
from ..namespaces import (
    DCTERMS, IZG, OPENGOV, ORG, RDF, RDFS, SCHEMA, SKOS, XSD, entity_iri, gemeente_iri,
)
from ..vocab import Vocabulary
from .tabular import Row, Rows
from .triples import Triples

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")
TRUE = {"ja", "true", "1", "yes", "waar", "j", "y"}
FALSE = {"nee", "false", "0", "no", "onwaar", "n"}
#: Values that say "not known": the same as an empty cell (three-valued facts: ja / nee / onbekend).
UNKNOWN = {"onbekend", "unknown", "?", "niet bekend", "n.b.", "nb", "-"}
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
HTTP_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
# A plain decimal as people type it (comma or point), at most 9 digits before and 6 after the separator:
# no exponent, no nan/inf, nothing a float would round.
NUMBER = re.compile(r"^(\d{1,9})(?:[.,](\d{1,6}))?$")
# Characters that break XML exports (GraphML, GEXF) or steer a terminal: C0 and C1 controls, DEL. Line
# breaks and tabs are allowed only in free-text notes.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MULTILINE_COLUMNS = {"note"}

#: Which column becomes which property, per file (looked up once: a namespace attribute costs microseconds
#: and a national load converts 50,000 rows).
PROPERTIES = {
    "sources": (("title", DCTERMS.title), ("publisher", DCTERMS.publisher), ("date", DCTERMS.date),
                ("kind", IZG.evidence), ("confidence", IZG.confidence), ("licence", DCTERMS.license),
                ("note", RDFS.comment)),
    "regions": (("division", IZG.division), ("code", IZG.regionCode), ("status", IZG.compositionStatus),
                ("parent", IZG.partOfRegion)),
    "region_members": (("status", IZG.membershipStatus), ("method", IZG.method), ("source", DCTERMS.source),
                       ("note", RDFS.comment)),
    "tables": (("kind", IZG.tableKind), ("programmes", IZG.programme), ("region", DCTERMS.spatial),
               ("gemeenten", IZG.coversGemeente), ("level", IZG.level), ("parent", ORG.subOrganizationOf),
               ("chair_type", IZG.chairType), ("decision_rule", IZG.decisionRule),
               ("meetings_per_year", IZG.meetingsPerYear), ("start", SCHEMA.validFrom), ("end", SCHEMA.validThrough),
               ("regional_structure", IZG.regionalStructure), ("tasks", IZG.task)),
    "memberships": (("role", ORG.role), ("perspective", IZG.perspective), ("on_behalf_of", OPENGOV.onBehalfOf),
                    ("mandate", IZG.mandate), ("start", SCHEMA.validFrom), ("end", SCHEMA.validThrough),
                    ("source", DCTERMS.source), ("note", RDFS.comment), ("holders", IZG.holderCount),
                    ("holder_title", IZG.holderTitle)),
    "plans": (("kind", IZG.planKind), ("region", IZG.forRegion), ("tables", IZG.steeredBy), ("date", DCTERMS.date)),
    "region_grants": (("region", IZG.grantFor), ("scheme", IZG.grantScheme), ("year", DCTERMS.date),
                      ("amount_eur", IZG.amountEur), ("recipient", IZG.recipient), ("source", DCTERMS.source),
                      ("note", RDFS.comment)),
}
MEMBERSHIP_TERMS = (RDF.type, ORG.Membership, ORG.organization, ORG.member)
ENTITY_CLASS = {
    "source": IZG.Source, "gemeente": IZG.Gemeente, "region": IZG.Region,
    "organisation": IZG.Organisation, "person": IZG.Person, "table": IZG.Table, "plan": IZG.Plan,
}


def date_literal(text: str) -> Literal | None:
    """An ISO date of year, month or day precision as a typed literal (None if invalid).

    >>> date_literal("2024-03")
    rdflib.term.Literal('2024-03', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth'))
    >>> date_literal("2024-13-01") is None
    True
    """
    m = DATE.match(text)
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        if d:
            dt.date(int(y), int(mo), int(d))
            return Literal(text, datatype=XSD.date)
        if mo:
            dt.date(int(y), int(mo), 1)
            return Literal(text, datatype=XSD.gYearMonth)
    except ValueError:
        return None
    return Literal(text, datatype=XSD.gYear)


def date_key(text: str) -> str:
    """A sortable key for a year/month/day date: the earliest day it can mean."""
    return (text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10]


@dataclass
class Conversion:
    graph: Triples
    problems: list[Problem] = field(default_factory=list)
    origins: dict[URIRef, tuple[str, int]] = field(default_factory=dict)


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("_", "-").replace(" ", "-")


def concept_by_label(vocab, scheme_name: str, value: str):
    """The concept of ``scheme_name`` whose Dutch or English label (preferred or alternative) is ``value``,
    ignoring case and accents; None when no label or more than one concept matches.

    >>> from izagraph.vocab import vocabulary
    >>> str(concept_by_label(vocabulary(), "confidence", "Laag")).rsplit("/", 1)[-1]
    'low'
    >>> concept_by_label(vocabulary(), "confidence", "ergens") is None
    True
    """
    from ..namespaces import SKOS

    wanted = _fold(value)
    found = {iri for iri in vocab.notations(scheme_name).values()
             for prop in (SKOS.prefLabel, SKOS.altLabel) for label in vocab.graph.objects(iri, prop)
             if _fold(label) == wanted}
    return found.pop() if len(found) == 1 else None


def suggest_code(value: str, options) -> str | None:
    """A code close enough to be a typo of ``value``. The cutoff is high on purpose: a suggestion must not
    change the meaning (``netwerkorganisatie`` is no typo of ``patientenorganisatie``, ``ggd`` none of
    ``ggz``), and a wrong suggestion that a user accepts is worse than none.

    >>> suggest_code("ziekenhuiss", ["ziekenhuis", "umc"]), suggest_code("netwerkorganisatie", ["patientenorganisatie"])
    ('ziekenhuis', None)
    >>> suggest_code("ggd", ["ggz"]) is None
    True
    """
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.85)
    return close[0] if close else None


class Converter:
    """Converts the merged rows of one or more datasets."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.g = Triples()
        self.problems: list[Problem] = []
        self.origins: dict[URIRef, tuple[str, int]] = {}
        self.ids: dict[str, dict[str, URIRef]] = defaultdict(dict)
        self.region_status: dict[URIRef, URIRef] = {}  # a region's composition status, for its memberships
        self._converted: dict[tuple[str, str], object] = {}  # (column kind, cell) -> term, for cells that convert

    # -- helpers -------------------------------------------------------------------------------
    def problem(self, row: Row, column: str | None, value: str | None, message: str, code: str,
                suggestion: str | None = None) -> None:
        self.problems.append(Problem(row.file, row.number, column, value, message, code, suggestion))

    def _suggest(self, value: str, candidates) -> str | None:
        close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
        return close[0] if close else None

    def _values(self, row: Row, col: Column) -> list[str]:
        raw = row.get(col.name)
        if raw and not col.required and raw.strip().lower() in UNKNOWN and self._may_be_unknown(col, raw):
            raw = ""  # unknown is not missing: no fact is recorded, nothing is assumed
        if not raw:
            if col.default is not None:
                return [col.default]
            if col.required:
                self.problem(row, col.name, None, "verplichte waarde ontbreekt", "missing-value")
            return []
        parts = [p.strip() for p in raw.split(";")] if col.many else [raw]
        return [p for p in parts if p]

    def _may_be_unknown(self, col: Column, raw: str) -> bool:
        """A boolean, or a coded column whose list has no code of this name (``region-status`` has one)."""
        if col.kind == "bool":
            return True
        return col.kind.startswith("concept:") and self.vocab.resolve(col.kind.split(":", 1)[1], raw.strip()) is None

    def concept(self, row: Row, col: Column, value: str) -> URIRef | None:
        scheme_name = col.kind.split(":", 1)[1]
        iri = self.vocab.resolve(scheme_name, value)
        if iri is None:
            norm = value.strip().lower().replace(" ", "-").replace("_", "-")
            iri = self.vocab.resolve(scheme_name, norm)
        if iri is None:  # a concept's label in Dutch or English is understood too ("laag" for low)
            iri = concept_by_label(self.vocab, scheme_name, value)
        if iri is None:
            options = self.vocab.notations(scheme_name)
            self.problem(row, col.name, value, f"onbekende code in lijst '{scheme_name}'", "unknown-code",
                         suggest_code(value.lower(), options))
        return iri

    def ref(self, row: Row, col: Column, value: str) -> URIRef | None:
        kind = col.kind.split(":", 1)[1]
        if kind == "gemeente" or (kind in ("member", "party") and GEMEENTE_CODE.match(value.upper())):
            code = value.upper()
            iri = self.ids["gemeente"].get(code)
            if iri is None:
                what = "geen geldige gemeentecode (GM + 4 cijfers)" if not GEMEENTE_CODE.match(code) \
                    else "onbekende gemeente (niet in gemeenten.csv)"
                self.problem(row, col.name, value, what, "unknown-reference",
                             self._suggest(code, self.ids["gemeente"]))
            return iri
        kinds = {"member": ("organisation", "person"), "party": ("organisation",)}.get(kind, (kind,))
        found = [self.ids[k][value] for k in kinds if value in self.ids[k]]
        if len(found) > 1:
            self.problem(row, col.name, value, "id is zowel een organisatie als een persoon", "ambiguous")
            return None
        if not found:
            pool = [i for k in kinds for i in self.ids[k]]
            label = {"member": "organisatie, gemeente of persoon", "party": "organisatie of gemeente"}.get(kind, kind)
            self.problem(row, col.name, value, f"onbekende verwijzing ({label})", "unknown-reference",
                         self._suggest(value, pool))
            return None
        return found[0]

    def scalar(self, row: Row, col: Column, value: str):
        if col.kind == "date":
            lit = date_literal(value)
            if lit is None:
                self.problem(row, col.name, value, "geen geldige datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)", "bad-date")
            return lit
        if col.kind == "bool":
            v = value.lower()
            if v in TRUE or v in FALSE:
                return Literal(v in TRUE)
            self.problem(row, col.name, value, "niet begrepen: gebruik ja, nee of onbekend (of laat leeg)",
                         "bad-boolean")
            return None
        if col.kind == "number":
            m = NUMBER.match(value)
            if not m:
                negative = value.startswith("-") and NUMBER.match(value[1:])
                self.problem(row, col.name, value, "mag niet negatief zijn" if negative else
                             "geen getal: gebruik cijfers met hoogstens één komma of punt (bv. 12 of 2,5), "
                             "hoogstens 9 cijfers voor en 6 na de komma", "bad-number")
                return None
            # Canonical xsd:decimal form (always a point), so Turtle's shorthand round-trips exactly.
            whole, frac = m.group(1).lstrip("0") or "0", (m.group(2) or "").rstrip("0") or "0"
            return Literal(f"{whole}.{frac}", datatype=XSD.decimal)
        return Literal(value)

    def value(self, row: Row, col: Column, value: str):
        """The term for one cell, or None after reporting why not. A cell that converts depends only on its
        column kind and text (the ids are all registered first), so its term is kept and reused."""
        key = (col.kind, value)
        term = self._converted.get(key)
        if term is None:
            if col.kind.startswith("concept:"):
                term = self.concept(row, col, value)
            elif col.kind.startswith("ref:"):
                term = self.ref(row, col, value)
            else:
                term = self.scalar(row, col, value)
            if term is not None:
                self._converted[key] = term
        return term

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    # -- passes --------------------------------------------------------------------------------
    def register_known(self, graph: Graph) -> None:
        """Entities of datasets loaded as RDF: rows may refer to them (they are not converted again)."""
        for kind, ids in known_entities(graph).items():
            for key, iri in ids.items():
                self.ids[kind].setdefault(key, iri)

    def register_ids(self, rows: Rows) -> None:
        """First pass: every id, so references can point forward and across datasets."""
        for name, spec in SPECS.items():
            if spec.entity is None:
                continue
            for row in rows.get(name, []):
                key_col = "code" if name == "gemeenten" else "id"
                key = row.get(key_col)
                if not key:
                    continue
                if name == "gemeenten":
                    if not GEMEENTE_CODE.match(key.upper()):
                        self.problem(row, key_col, key, "geen geldige gemeentecode (GM + 4 cijfers, bv. GM0363)",
                                     "bad-code")
                        continue
                    key = key.upper()
                    iri = gemeente_iri(key)
                elif not SLUG.match(key):
                    self.problem(row, key_col, key,
                                 "ongeldige id: gebruik kleine letters, cijfers, '-', '_' of '.'", "bad-id",
                                 re.sub(r"[^a-z0-9._-]+", "-", key.lower()).strip("-") or None)
                    continue
                else:
                    iri = entity_iri(spec.entity, key)
                if key in self.ids[spec.entity]:
                    first = self.origins.get(self.ids[spec.entity][key])
                    where = f" (eerder in {first[0]}, rij {first[1]})" if first else ""
                    self.problem(row, key_col, key, f"dubbele id{where}", "duplicate-id")
                    continue
                self.ids[spec.entity][key] = iri
                self.origins[iri] = (row.file, row.number)

    def control_characters(self, rows: Rows) -> None:
        """Control characters anywhere (and line breaks outside notes) are refused, with their place."""
        for items in rows.values():
            for row in items:
                for column, raw in row.values.items():
                    pattern = CONTROL if column in MULTILINE_COLUMNS else CONTROL_OR_BREAK
                    m = pattern.search(raw or "")
                    if m:
                        self.problem(row, column, raw.encode("unicode_escape").decode("ascii")[:80],
                                     f"bevat het stuurteken U+{ord(m.group()):04X} (op positie {m.start() + 1}); "
                                     "verwijder het", "control-character")
                        row.values[column] = pattern.sub("", raw)

    def convert(self, rows: Rows) -> Conversion:
        self.control_characters(rows)
        self.register_ids(rows)
        for name in ("sources", "gemeenten", "regions", "region_members", "organisations", "persons",
                     "tables", "table_themes", "memberships", "plans", "region_grants", "region_aspects"):
            handler = getattr(self, f"_{name}")
            spec = SPECS[name]
            for row in rows.get(name, []):
                vals = {}
                for c in spec.columns:
                    terms = []
                    for x in self._values(row, c):
                        v = self.value(row, c, x)
                        if v is not None:
                            terms.append(v)
                    vals[c.name] = terms
                handler(row, vals)
        return Conversion(self.g, self.problems, self.origins)

    def _subject(self, row: Row, kind: str, key_col: str = "id") -> URIRef | None:
        key = row.get(key_col)
        key = key.upper() if kind == "gemeente" else key
        iri = self.ids[kind].get(key)
        if iri is None or self.origins.get(iri) != (row.file, row.number):
            return None  # invalid or duplicate id: already reported
        return iri

    def _common(self, s: URIRef, kind: str, vals: dict) -> None:
        self.g.add((s, RDF.type, ENTITY_CLASS[kind]))
        for v in vals.get("name", []):
            self.g.add((s, SKOS.prefLabel, v))
        for v in vals.get("source", []):
            self.g.add((s, DCTERMS.source, v))
        for v in vals.get("note", []):
            self.g.add((s, RDFS.comment, v))

    def _sources(self, row, vals):
        s = self._subject(row, "source")
        if s is None:
            return
        self.g.add((s, RDF.type, IZG.Source))
        for col, prop in PROPERTIES["sources"]:
            for v in vals[col]:
                self.g.add((s, prop, v))
        for v in vals["url"]:
            if not HTTP_URL.match(str(v)):
                self.problem(row, "url", str(v), "geen webadres: alleen http:// of https:// is toegestaan", "bad-url")
                continue
            self.g.add((s, SCHEMA.url, Literal(str(v), datatype=XSD.anyURI)))

    def _gemeenten(self, row, vals):
        s = self._subject(row, "gemeente", "code")
        if s is None:
            return
        self._common(s, "gemeente", vals)
        self.g.add((s, IZG.cbsCode, Literal(row.get("code").upper())))
        sector = self.vocab.resolve("perspective", "gemeente")
        self.add(s, IZG.sector, sector)

    def _regions(self, row, vals):
        s = self._subject(row, "region")
        if s is None:
            return
        self._common(s, "region", vals)
        for col, prop in PROPERTIES["regions"]:
            for v in vals[col]:
                self.g.add((s, prop, v))
        if vals["status"]:
            self.region_status[s] = vals["status"][0]

    def _region_members(self, row, vals):
        for region in vals["region"]:
            for gm in vals["gemeente"]:
                if (region, IZG.hasGemeente, gm) in self.g:
                    self.problem(row, "gemeente", row.get("gemeente"), "gemeente staat al in deze regio",
                                 "duplicate-row")
                self.g.add((region, IZG.hasGemeente, gm))
                self._region_membership(row, vals, region, gm)

    def _region_membership(self, row, vals, region, gm) -> None:
        """The membership's own status, method, source and note, as an izg:RegionMembership node.

        Only made when the row states one of them; otherwise the region's status and source hold. An
        inferred membership (its own status, or else the region's) must name its method.
        """
        status = (vals["status"] or [self.region_status.get(region)])[0]
        inferred = status == self.vocab.resolve("region-status", "inferred")
        if inferred and not vals["method"]:
            self.problem(row, "method", None, "een afgeleid lidmaatschap noemt de methode waarmee het is afgeleid "
                         "(zie 'izagraph vocab membership-method')", "missing-value")
        if vals["status"] and vals["status"][0] == self.vocab.resolve("region-status", "unknown"):
            self.problem(row, "status", row.get("status"), "een lidmaatschap is 'source' of 'inferred'; laat een "
                         "gemeente met onbekend lidmaatschap weg", "bad-value")
        if not any(vals[c] for c in ("status", "method", "source", "note")):
            return
        m = entity_iri("region-membership", row.get("region"), row.get("gemeente").lower())
        self.origins[m] = (row.file, row.number)
        self.g.add((m, RDF.type, IZG.RegionMembership))
        self.g.add((m, IZG.region, region))
        self.g.add((m, IZG.gemeente, gm))
        for col, prop in PROPERTIES["region_members"]:
            for v in vals[col]:
                self.g.add((m, prop, v))

    def _organisations(self, row, vals):
        s = self._subject(row, "organisation")
        if s is None:
            return
        self._common(s, "organisation", vals)
        for v in vals["sector"]:
            self.g.add((s, IZG.sector, v))
        for v in vals.get("aliases", []):  # other names and abbreviations (searched on the maps)
            self.g.add((s, SKOS.altLabel, v))

    def _persons(self, row, vals):
        s = self._subject(row, "person")
        if s is not None:
            self._common(s, "person", vals)

    def _check_dates(self, row, vals) -> None:
        start, end = row.get("start"), row.get("end")
        if vals.get("start") and vals.get("end") and date_key(start) > date_key(end):
            self.problem(row, "end", end, f"einddatum ligt vóór de begindatum {start}", "date-order")

    def _tables(self, row, vals):
        s = self._subject(row, "table")
        if s is None:
            return
        self._common(s, "table", vals)
        for col, prop in PROPERTIES["tables"]:
            for v in vals[col]:
                self.g.add((s, prop, v))
        if vals["parent"] and vals["parent"][0] == s:
            self.problem(row, "parent", row.get("parent"), "een tafel kan niet onder zichzelf hangen", "cycle")
        self._check_dates(row, vals)

    def _table_themes(self, row, vals):
        for t in vals["table"]:
            for theme in vals["theme"]:
                self.g.add((t, IZG.theme, theme))

    def _memberships(self, row, vals):
        if not vals["table"]:
            return
        if not vals["member"]:
            if row.get("member"):
                return  # an unknown member: already reported
            if not vals["holders"]:
                self.problem(row, "member", None, "verplichte waarde ontbreekt (of geef holders: een aantal "
                             "ambtsdragers zonder naam, met on_behalf_of)", "missing-value")
                return
            member, member_key = self._office_holders(row, vals)
        else:
            member, member_key = vals["member"][0], row.get("member").lower()
        table = vals["table"][0]
        m = entity_iri("membership", row.get("table"), member_key)
        a, membership, organization, member_of = MEMBERSHIP_TERMS
        if (m, a, membership) in self.g:
            self.problem(row, "member", row.get("member"), "dit lid zit al aan deze tafel", "duplicate-row")
            return
        self.origins[m] = (row.file, row.number)
        self.g.add((m, a, membership))
        self.g.add((m, organization, table))
        self.g.add((m, member_of, member))
        for col, prop in PROPERTIES["memberships"]:
            for v in vals[col]:
                self.g.add((m, prop, v))
        self._check_dates(row, vals)

    def _office_holders(self, row, vals):
        """A seat of unnamed office holders ("3 wethouders namens 13 gemeenten"): one participant node for
        the seat, named after the number and title, so that no person is invented."""
        title = (vals["holder_title"] or [""])[0]
        count = vals["holders"][0]
        key = "holders-" + "-".join(sorted(p.lower() for p in (row.get("on_behalf_of") or "").split(";")
                                           if p.strip())[:3] or [str(row.number)])
        node = entity_iri("officeholders", row.get("table"), key)
        behalf = len(vals["on_behalf_of"])
        label = f"{float(count):g} {title or 'ambtsdragers'}" + (f" namens {behalf} partijen" if behalf else "")
        self.g.add((node, RDF.type, IZG.OfficeHolders))
        self.g.add((node, RDF.type, IZG.Participant))
        self.g.add((node, SKOS.prefLabel, Literal(label)))
        for v in vals["source"]:
            self.g.add((node, DCTERMS.source, v))
        self.origins[node] = (row.file, row.number)
        return node, key

    def _plans(self, row, vals):
        s = self._subject(row, "plan")
        if s is None:
            return
        self._common(s, "plan", vals)
        for col, prop in PROPERTIES["plans"]:
            for v in vals[col]:
                self.g.add((s, prop, v))

    def _region_grants(self, row, vals):
        if not vals["region"] or not vals["scheme"] or not vals["year"]:
            return
        g = entity_iri("grant", row.get("region"), self.vocab.notation(vals["scheme"][0]), row.get("year"))
        if (g, RDF.type, IZG.Grant) in self.g:
            self.problem(row, "year", row.get("year"), "deze regio heeft al een bedrag voor deze regeling en dit jaar",
                         "duplicate-row")
            return
        self.origins[g] = (row.file, row.number)
        self.g.add((g, RDF.type, IZG.Grant))
        for col, prop in PROPERTIES["region_grants"]:
            for v in vals[col]:
                self.g.add((g, prop, v))

    def _region_aspects(self, row, vals):
        if not vals["region"] or not vals["variant"]:
            return
        # The IRI is built from the resolved codes (a variant typed with a space or capitals resolves too).
        c = entity_iri("choice", str(vals["region"][0]).rsplit("/", 1)[-1], str(vals["variant"][0]).rsplit("/", 1)[-1])
        self.origins[c] = (row.file, row.number)
        self.g.add((c, RDF.type, IZG.GovernanceChoice))
        self.g.add((c, IZG.ofRegion, vals["region"][0]))
        self.g.add((c, IZG.variant, vals["variant"][0]))
        for v in vals["source"]:
            self.g.add((c, DCTERMS.source, v))


def convert_rows(all_rows: list[Rows], vocab: Vocabulary, known: Graph | None = None) -> Conversion:
    """Merge the rows of several datasets and convert them to one graph. ``known`` is the graph of the
    datasets loaded as RDF: their tables, plans, regions, organisations, persons, sources and gemeenten can
    be referred to from the rows (a region's tables attached to a parent table or plan of another dataset)."""
    merged: Rows = defaultdict(list)
    for rows in all_rows:
        for name, items in rows.items():
            merged[name].extend(items)
    converter = Converter(vocab)
    if known is not None:
        converter.register_known(known)
    return converter.convert(merged)


def known_entities(graph: Graph) -> dict[str, dict[str, URIRef]]:
    """kind -> id -> IRI of the izagraph entities typed in ``graph`` (gemeenten by CBS code)."""
    out: dict[str, dict[str, URIRef]] = defaultdict(dict)
    prefix = str(entity_iri("x", "")).rsplit("x/", 1)[0]
    for kind, cls in ENTITY_CLASS.items():
        for s in graph.subjects(RDF.type, cls):
            if kind == "gemeente":
                code = graph.value(s, IZG.cbsCode)
                if code is not None:
                    out[kind][str(code).upper()] = s
            elif str(s).startswith(prefix + kind + "/"):
                out[kind][str(s)[len(prefix) + len(kind) + 1:]] = s
    return out


__all__ = ["Conversion", "Converter", "convert_rows", "date_literal"]
