"""Colours, shapes and the words on the maps (Dutch by default, English with ``lang="en"``).

Everything a map shows in words comes from :data:`TEXTS`, so a page is entirely in one language.
Colours are fixed hex values from this module only: data never chooses a colour or a shape.

>>> programme_colour("iza")
'#1f77b4'
>>> text("en", "kind.table")
'table'
"""

from __future__ import annotations

PROGRAMME_ORDER = ("iza", "gala", "wozo", "taz", "roaz", "jeugd", "regulier")
PROGRAMME_COLOURS = {
    "iza": "#1f77b4", "gala": "#2ca02c", "wozo": "#9467bd", "taz": "#8c564b", "roaz": "#d62728",
    "jeugd": "#ff7f0e", "regulier": "#7f7f7f",
}
UNKNOWN_PROGRAMME = "#b0b0b0"

#: kind -> (vis shape, colour); tables are coloured by programme instead.
KIND_STYLE = {
    "table": ("dot", None),
    "organisation": ("square", "#17becf"),
    "gemeente": ("square", "#6b6ecf"),
    "person": ("triangle", "#e377c2"),
    "programme": ("star", None),
    "theme": ("diamond", "#e6c229"),
    "region": ("hexagon", "#525252"),
    "missing": ("box", "#ffffff"),
    "group": ("dot", "#1f77b4"),
}
KIND_ORDER = ("table", "organisation", "gemeente", "person", "programme", "theme", "region", "missing", "group")

#: relation -> edge style
EDGE_STYLE = {
    "membership": {"color": "#9aa5b1", "width": 1.0},
    "parent": {"color": "#333333", "width": 2.2, "arrows": "to"},
    "programme": {"color": "#9ecae1", "width": 0.8},
    "theme": {"color": "#e6c229", "width": 0.8},
    "territory": {"color": "#525252", "width": 1.0, "dashes": [2, 4]},
    "part_of": {"color": "#525252", "width": 1.5, "arrows": "to"},
    "duplicate": {"color": "#e4572e", "width": 3.0, "dashes": [10, 6]},
    "missing": {"color": "#c0392b", "width": 1.5, "dashes": [3, 3]},
    "shared": {"color": "#7f8c8d", "width": 1.0},
}
RELATION_ORDER = ("membership", "parent", "programme", "theme", "territory", "part_of", "duplicate", "missing",
                  "shared")

FINDING_COLOUR = "#c0392b"  # border of an overloaded organisation/person (and of "missing" nodes)
OTHER_FINDING_COLOUR = "#8e44ad"  # border of a node with another finding (medium or high)
INCONGRUENT_COLOUR = "#e67e22"
ILLUSTRATIVE_DASHES = [5, 4]

#: geo: sequential scale (light to dark) and the colour for "none"
SCALE = ("#fff3b0", "#fdd27f", "#fca55d", "#f1704a", "#cf3f45", "#8f1d4a")
ZERO_COLOUR = "#eeeeee"
NO_DATA_COLOUR = "#ffffff"


def programme_colour(notation: str | None) -> str:
    return PROGRAMME_COLOURS.get(notation or "", UNKNOWN_PROGRAMME)


def primary_programme(notations) -> str | None:
    """The first of ``notations`` in the fixed programme order (the table's colour)."""
    present = set(notations)
    for p in PROGRAMME_ORDER:
        if p in present:
            return p
    return sorted(present)[0] if present else None


TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "kind.table": "tafel", "kind.organisation": "organisatie", "kind.gemeente": "gemeente",
        "kind.person": "persoon", "kind.programme": "programma", "kind.theme": "thema", "kind.region": "regio",
        "kind.missing": "ontbrekend perspectief", "kind.group": "groep",
        "rel.membership": "lidmaatschap (rol, perspectief)", "rel.parent": "hangt onder (tafelhiërarchie)",
        "rel.programme": "tafel – programma", "rel.theme": "tafel – thema", "rel.territory": "tafel – werkgebied",
        "rel.part_of": "deelregio van", "rel.duplicate": "mogelijk dubbele tafels (score)",
        "rel.missing": "ontbrekend perspectief aan deze tafel", "rel.shared": "gedeelde leden",
        "ui.list": "Lijst van knopen (tekstalternatief)", "ui.list_more": "Eerste {n} van {total}; verfijn met zoeken of filters.",
        "ui.view": "Weergave: stappen, grootte en kleur", "ui.time": "Tijd: peildatum en veranderingen",
        "ui.hits": "Gevonden", "ui.hits_more": "en {n} meer", "ui.no_hits": "Niets gevonden.",
        "ui.measure": "Grootte en kleur naar", "ui.measure_default": "standaard (grootte: zetels, kleur: soort)",
        "ui.no_value": "geen waarde", "ui.as_of": "Peildatum", "ui.as_of_all": "alles (ook beëindigd)",
        "ui.since": "Veranderingen sinds", "ui.started": "begonnen", "ui.ended_between": "beëindigd",
        "ui.path": "Pad tussen twee knopen", "ui.path_from": "Van", "ui.path_to": "Naar", "ui.path_go": "Zoek pad",
        "ui.path_none": "Geen pad via gedeelde tafels gevonden.", "ui.path_found": "Kortste paden",
        "ui.path_unknown": "Onbekende naam", "ui.findings_count": "bevindingen", "ui.details": "Details",
        "ui.changes": "Tussen {a} en {b}", "ui.no_changes": "geen tafels of zetels begonnen of beëindigd",
        "ui.map_label": "Netwerkkaart (zie de lijst van knopen voor een tekstversie)",
        "measure.seats": "zetels", "measure.tables": "tafels (van een lid)", "measure.meetings": "vergaderingen per jaar",
        "measure.drukte": "drukte-score (1 = op de drempel)", "measure.betweenness": "betweenness (schakelfunctie)",
        "f.finding": "Bevinding", "f.basis": "basis", "f.confidence": "zekerheid", "f.url": "Adres", "f.source_confidence": "Betrouwbaarheid bron",
        "sev.high": "hoog", "sev.medium": "middel", "sev.low": "laag", "sev.info": "info",
        "basis.source": "bron", "basis.inferred": "afgeleid", "basis.illustrative": "illustratief",
        "conf.high": "hoog", "conf.medium": "middel", "conf.low": "laag", "conf.none": "niet vermeld",
        "gap.governance": "gat in de governance", "gap.data": "gat in de gegevens (niet vastgelegd)",
        "f.kind": "Soort", "f.sector": "Sector", "f.programmes": "Programma's", "f.themes": "Thema's",
        "f.regions": "Werkgebied", "f.members": "Leden", "f.seats": "Zetels (bestuurlijke drukte)",
        "f.tables": "Tafels", "f.source": "Bron", "f.evidence": "Gegevens", "f.level": "Niveau",
        "f.ended": "Beëindigd", "f.division": "Indeling", "f.status": "Samenstelling", "f.code": "Code",
        "f.findings": "Bevindingen", "f.role": "Rol", "f.perspective": "Perspectief", "f.score": "Score",
        "f.on_behalf_of": "Namens", "f.rule": "Regel", "f.start": "Vanaf", "f.groups": "Groepen", "f.shared": "Gedeeld",
        "ev.real": "echt (openbare bron)", "ev.illustrative": "ILLUSTRATIEF (verzonnen voorbeeld)",
        "ev.unknown": "onbekend",
        "ui.search": "Zoek op naam", "ui.programme": "Programma", "ui.theme": "Thema", "ui.kind": "Soort",
        "ui.region": "Regio", "ui.all": "alle", "ui.colour_programme": "kleur: programma", "ui.reset": "Alles tonen", "ui.legend": "Legenda",
        "ui.shown": "Zichtbaar", "ui.of": "van", "ui.nodes": "knopen", "ui.focus": "Buurt van",
        "ui.focus_hint": "Klik op een knoop om alleen de buurt te zien; 'Alles tonen' zet alles terug.",
        "ui.open_map": "Open de kaart", "ui.maps": "Kaarten", "ui.index": "Alle kaarten",
        "ui.illustrative": "stippelrand: illustratieve (verzonnen) gegevens",
        "ui.illustrative_large": "* achter de naam: illustratieve (verzonnen) gegevens (grote kaart: geen stippellijnen)",
        "ui.ended": "vervaagd: beëindigde tafel", "ui.size": "grootte: aantal zetels (bestuurlijke drukte)",
        "ui.overloaded": "rode rand en ⚠: bestuurlijke drukte (overbelast)",
        "ui.other_finding": "paarse rand: andere bevinding (zie tooltip); stippellijn met score: mogelijk dubbele tafels",
        "ui.incongruent": "oranje rand: werkgebied niet congruent",
        "ui.outside": "deels buiten de regio",
        "ui.outside_note": "(deels buiten de regio): tafel in de structuur van de regio waarvan het werkgebied "
                           "ook buiten de regio ligt", "ui.depth": "Stappen",
        "ui.no_scope_nodes": "Geen tafels gevonden voor deze selectie.",
        "ui.concepts_left_out": "Programma's en thema's staan in de landelijke kaart niet als knopen "
                                "(te veel lijnen); filter er wel op.",
        "ui.overview_hint": "Elke bol is een groep tafels en hun leden; klik voor details en de link naar de "
                            "volledige kaart, dubbelklik opent de kaart direct.",
        "ui.generated": "Gemaakt met izagraph", "ui.offline": "Werkt offline: dit bestand laadt niets van internet.",
        "title.national": "Landelijke kaart van tafels en leden",
        "title.overview.region": "Landelijk overzicht per regio",
        "title.overview.programme": "Landelijk overzicht per programma",
        "title.region": "Regio", "title.programme": "Programma", "title.theme": "Thema",
        "title.gemeente": "Gemeente", "title.geo": "Waar is het druk? Tafels per gemeente",
        "title.geo.tables": "Waar is het druk? Tafels per gemeente",
        "title.geo.programmes": "Programma's per gemeente", "title.geo.seats": "Zetels per gemeente",
        "title.geo.findings": "Bevindingen per gemeente",
        "title.index": "izagraph – kaarten",
        "geo.measure.tables": "aantal actieve tafels dat de gemeente dekt",
        "geo.measure.programmes": "aantal programma's met een actieve tafel voor de gemeente",
        "geo.measure.seats": "aantal zetels aan actieve tafels voor de gemeente",
        "geo.measure.findings": "aantal bevindingen op basis van bronnen (tafels voor de gemeente en de gemeente "
                                "zelf); afgeleide en illustratieve bevindingen tellen niet mee",
        "geo.weak": "niet meegeteld: bevindingen op afgeleide of illustratieve gegevens",
        "geo.none": "geen", "geo.no_data": "niet in de gegevens", "geo.outline": "Grenzen",
        "geo.unknown_composition": "Samenstelling per gemeente onbekend (niet getekend)",
        "geo.no_region": "gemeenten zonder regio in deze indeling",
        "geo.overlap": "gemeenten in meer dan één regio van deze indeling",
        "geo.source_topo": "grenzen: CBS/PDOK gebiedsindelingen 2024 (vereenvoudigd, cartomap)",
        "geo.source_members": "grenzen: samengevoegd uit de gemeenten van elke regio in de gegevens",
        "geo.click": "Klik op een gemeente (of kies hem met Tab en Enter) voor regio's en tafels; klik op een regionaam voor de netwerkkaart.",
        "geo.tables": "Tafels", "geo.regions": "Regio's", "geo.value": "Waarde",
        "geo.list": "Tabel van gemeenten (tekstalternatief)", "geo.gemeente": "Gemeente", "geo.code": "Code",
        "geo.gemeenten": "Gemeenten: CBS/PDOK 2025 (vereenvoudigd)",
        "index.network": "Netwerkkaarten", "index.national": "Landelijk", "index.regions": "Per regio",
        "index.programmes": "Per programma", "index.geo": "Kaart van Nederland", "index.tables": "tafels",
        "index.seats": "zetels", "index.nodes": "knopen",
        "index.intro": "Kaarten van de regionale governance van zorg en welzijn. Elk bestand werkt offline "
                       "en kan als bijlage worden gemaild.",
        "group.none": "zonder regio",
    },
    "en": {
        "kind.table": "table", "kind.organisation": "organisation", "kind.gemeente": "municipality",
        "kind.person": "person", "kind.programme": "programme", "kind.theme": "theme", "kind.region": "region",
        "kind.missing": "missing perspective", "kind.group": "group",
        "rel.membership": "membership (role, perspective)", "rel.parent": "reports to (table hierarchy)",
        "rel.programme": "table – programme", "rel.theme": "table – theme", "rel.territory": "table – territory",
        "rel.part_of": "part of region", "rel.duplicate": "possibly duplicated tables (score)",
        "rel.missing": "perspective missing at this table", "rel.shared": "shared members",
        "ui.list": "List of nodes (text alternative)", "ui.list_more": "First {n} of {total}; narrow down with search or filters.",
        "ui.view": "View: steps, size and colour", "ui.time": "Time: as of a date, and changes",
        "ui.hits": "Found", "ui.hits_more": "and {n} more", "ui.no_hits": "Nothing found.",
        "ui.measure": "Size and colour by", "ui.measure_default": "default (size: seats, colour: kind)",
        "ui.no_value": "no value", "ui.as_of": "As of", "ui.as_of_all": "everything (ended too)",
        "ui.since": "Changes since", "ui.started": "started", "ui.ended_between": "ended",
        "ui.path": "Path between two nodes", "ui.path_from": "From", "ui.path_to": "To", "ui.path_go": "Find path",
        "ui.path_none": "No path through shared tables found.", "ui.path_found": "Shortest paths",
        "ui.path_unknown": "Unknown name", "ui.findings_count": "findings", "ui.details": "Details",
        "ui.changes": "Between {a} and {b}", "ui.no_changes": "no tables or seats started or ended",
        "ui.map_label": "Network map (see the list of nodes for a text version)",
        "measure.seats": "seats", "measure.tables": "tables (of a member)", "measure.meetings": "meetings per year",
        "measure.drukte": "load score (1 = at the threshold)", "measure.betweenness": "betweenness (broker role)",
        "f.finding": "Finding", "f.basis": "basis", "f.confidence": "confidence", "f.url": "Address", "f.source_confidence": "Source confidence",
        "sev.high": "high", "sev.medium": "medium", "sev.low": "low", "sev.info": "info",
        "basis.source": "source", "basis.inferred": "inferred", "basis.illustrative": "illustrative",
        "conf.high": "high", "conf.medium": "medium", "conf.low": "low", "conf.none": "not stated",
        "gap.governance": "governance gap", "gap.data": "data gap (not recorded)",
        "f.kind": "Kind", "f.sector": "Sector", "f.programmes": "Programmes", "f.themes": "Themes",
        "f.regions": "Territory", "f.members": "Members", "f.seats": "Seats (administrative load)",
        "f.tables": "Tables", "f.source": "Source", "f.evidence": "Data", "f.level": "Level",
        "f.ended": "Ended", "f.division": "Division", "f.status": "Composition", "f.code": "Code",
        "f.findings": "Findings", "f.role": "Role", "f.perspective": "Perspective", "f.score": "Score",
        "f.on_behalf_of": "On behalf of", "f.rule": "Rule", "f.start": "Since", "f.groups": "Groups", "f.shared": "Shared",
        "ev.real": "real (public source)", "ev.illustrative": "ILLUSTRATIVE (made-up example)",
        "ev.unknown": "unknown",
        "ui.search": "Search by name", "ui.programme": "Programme", "ui.theme": "Theme", "ui.kind": "Kind",
        "ui.region": "Region", "ui.all": "all", "ui.colour_programme": "colour: programme", "ui.reset": "Show all", "ui.legend": "Legend",
        "ui.shown": "Shown", "ui.of": "of", "ui.nodes": "nodes", "ui.focus": "Neighbourhood of",
        "ui.focus_hint": "Click a node to see only its neighbourhood; 'Show all' resets.",
        "ui.open_map": "Open the map", "ui.maps": "Maps", "ui.index": "All maps",
        "ui.illustrative": "dashed border: illustrative (made-up) data",
        "ui.illustrative_large": "* after the name: illustrative (made-up) data (large map: no dashed lines)",
        "ui.ended": "faded: ended table", "ui.size": "size: number of seats (administrative load)",
        "ui.overloaded": "red border and ⚠: administrative load (overloaded)",
        "ui.other_finding": "purple border: another finding (see tooltip); dashed line with score: possibly duplicated tables",
        "ui.incongruent": "orange border: territory not congruent",
        "ui.outside": "partly outside the region",
        "ui.outside_note": "(partly outside the region): a table in the region's structure whose territory also "
                           "lies outside the region", "ui.depth": "Steps",
        "ui.no_scope_nodes": "No tables found for this selection.",
        "ui.concepts_left_out": "Programmes and themes are not drawn as nodes on the national map (too many "
                                "lines); you can still filter on them.",
        "ui.overview_hint": "Each bubble is a group of tables and their members; click for details and the link "
                            "to the full map, double-click opens it.",
        "ui.generated": "Made with izagraph", "ui.offline": "Works offline: this file loads nothing from the internet.",
        "title.national": "National map of tables and members",
        "title.overview.region": "National overview by region",
        "title.overview.programme": "National overview by programme",
        "title.region": "Region", "title.programme": "Programme", "title.theme": "Theme",
        "title.gemeente": "Municipality", "title.geo": "Where is it busy? Tables per municipality",
        "title.geo.tables": "Where is it busy? Tables per municipality",
        "title.geo.programmes": "Programmes per municipality", "title.geo.seats": "Seats per municipality",
        "title.geo.findings": "Findings per municipality",
        "title.index": "izagraph – maps",
        "geo.measure.tables": "number of active tables covering the municipality",
        "geo.measure.programmes": "number of programmes with an active table for the municipality",
        "geo.measure.seats": "number of seats at active tables for the municipality",
        "geo.measure.findings": "number of findings resting on sources (tables for the municipality and the "
                                "municipality itself); inferred and illustrative findings are not counted",
        "geo.weak": "not counted: findings on inferred or illustrative data",
        "geo.none": "none", "geo.no_data": "not in the data", "geo.outline": "Boundaries",
        "geo.unknown_composition": "Composition by municipality unknown (not drawn)",
        "geo.no_region": "municipalities without a region in this division",
        "geo.overlap": "municipalities in more than one region of this division",
        "geo.source_topo": "boundaries: CBS/PDOK area divisions 2024 (simplified, cartomap)",
        "geo.source_members": "boundaries: dissolved from each region's municipalities in the data",
        "geo.click": "Click a municipality (or reach it with Tab and Enter) for its regions and tables; click a region name for its network map.",
        "geo.tables": "Tables", "geo.regions": "Regions", "geo.value": "Value",
        "geo.list": "Table of municipalities (text alternative)", "geo.gemeente": "Municipality", "geo.code": "Code",
        "geo.gemeenten": "Municipalities: CBS/PDOK 2025 (simplified)",
        "index.network": "Network maps", "index.national": "National", "index.regions": "By region",
        "index.programmes": "By programme", "index.geo": "Map of the Netherlands", "index.tables": "tables",
        "index.seats": "seats", "index.nodes": "nodes",
        "index.intro": "Maps of the regional governance of health and social care. Every file works offline "
                       "and can be sent as an e-mail attachment.",
        "group.none": "no region",
    },
}


def text(lang: str, key: str) -> str:
    """The word for ``key`` in ``lang`` (Dutch when the language is unknown)."""
    return TEXTS.get(lang, TEXTS["nl"]).get(key) or TEXTS["nl"][key]


def word(lang: str, prefix: str, value: str) -> str:
    """The word for a coded value (``sev``, ``basis``, ``conf``, ``gap``); the code itself when unknown.

    >>> word("nl", "sev", "high"), word("nl", "sev", "odd")
    ('hoog', 'odd')
    """
    return TEXTS.get(lang, TEXTS["nl"]).get(f"{prefix}.{value}") or TEXTS["nl"].get(f"{prefix}.{value}") or value
