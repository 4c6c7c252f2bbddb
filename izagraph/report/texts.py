"""The words of the report pages, in Dutch and English (domain words such as gemeente stay Dutch)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Het landelijke beeld van de regionale governance",
        "subtitle": "Per regio: de IZA-criteria voor een regionale samenwerkingsstructuur, tafels en zetels, "
                    "bestuurlijke drukte en dubbele structuren, met de basis en betrouwbaarheid van wat getoond wordt.",
        "generated": "Gemaakt door izagraph op", "peildatum": "Peildatum",
        "trust_intro": "Lees dit eerst: izagraph toont alleen wat de bronnen vastleggen. ‘Niet vastgelegd’ betekent "
                       "dat de gegevens er niets over zeggen, niet dat het ontbreekt. ‘Illustratief’ rust op "
                       "verzonnen voorbeelddata en zegt niets over een echte regio.",
        "contents": "Inhoud", "division": "Regio-indeling", "divisions": "Regio-indelingen",
        "overview": "Overzicht", "also": "Over hetzelfde paar ook gemeld", "findings_section": "Bevindingen: drukte en dubbele structuren", "coverage": "Dekking van de gegevens", "scorecard": "Scorekaart per regio",
        "heatmap": "Perspectieven per regio (IZA-criteria)", "bars": "Tafels en zetels per regio",
        "congruence": "Passen de regio-indelingen in elkaar?", "geo": "Kaart", "hotspots": "Drukte-hotspots",
        "duplicates": "Dubbele structuren", "severity_counts": "Bevindingen naar ernst",
        "region": "regio", "regions": "regio's", "status": "samenstelling", "gemeenten": "gemeenten",
        "governance": "gedeelde governance", "mandate": "gemeenten met mandaat", "werkagenda": "werkagenda",
        "monitoring": "monitoring", "tables": "tafels", "seats": "zetels", "layers": "lagen",
        "drukte": "drukte", "dup": "dubbel", "findings": "bevindingen", "basis": "basis",
        "confidence": "betrouwbaarheid", "page": "regiopagina",
        "no_data": "geen gegevens", "recorded": "vastgelegd", "not_recorded": "niet vastgelegd",
        "present": "aanwezig", "missing": "ontbreekt", "no_mandate": "zonder mandaat",
        "mandate_not_recorded": "mandaat niet vastgelegd",
        "basis.source": "bron", "basis.inferred": "afgeleid", "basis.illustrative": "illustratief",
        "basis.unknown": "onbekend",
        "confidence.high": "hoog", "confidence.medium": "middel", "confidence.low": "laag",
        "confidence.none": "niet vermeld",
        "gap.governance": "lacune in de governance", "gap.data": "lacune in de gegevens", "gap": "soort lacune",
        "layer": "laag", "layer_note": "Laag: waar in de samenwerkingsstructuur het perspectief zit (1 = de "
        "regiotafel zelf, 2 = een tafel eronder), voor zover een bevinding dat vastlegt; niet bij mandaat (de "
        "gegevens zeggen per laag niet wie het mandaat heeft).",
        "status.source": "uit bron", "status.inferred": "afgeleid", "status.unknown": "onbekend",
        "known": "bekend (bron)", "inferred": "afgeleid", "unknown": "onbekend",
        "no_governance_data": "Voor geen van deze {n} regio's zijn tafels of governancekeuzes vastgelegd: de "
                              "scorekaart zegt daarom overal ‘geen gegevens’ (niet: ‘ontbreekt’).",
        "grants_known": "Wel bekend per regio: de mandaatgemeente en de uitkering, met hun bron, en de gemeenten "
                        "waar een bron of een vermelde methode ze geeft (zie de regiopagina).",
        "composition_unknown": "onbekend (geen gegevens)", "recipient": "mandaatgemeente / ontvanger",
        "grant": "uitkering", "grant_source": "bron uitkering", "grants": "Uitkeringen", "sources": "Bronnen",
        "year": "jaar", "scheme": "regeling", "amount": "bedrag", "source": "bron", "method": "methode",
        "gemeenten_of": "Gemeenten en hoe hun lidmaatschap bekend is",
        "gemeenten_unknown": "Welke gemeenten in deze regio liggen is niet bekend: geen bron noemt ze en geen "
                             "vermelde methode leidt ze af.",
        "expected": "verwacht", "in_data": "in de gegevens", "not_in_data": "niet in de gegevens",
        "missing_regions": "{n} van de verwachte {expected} regio's staan niet in de gegevens; zij kunnen niet "
                           "worden getoond.",
        "legend": "Legenda", "no_regions": "Geen regio's van deze indeling in de gegevens.",
        "ari": "aangepaste Rand-index (1 = gelijke indeling)",
        "nesting": "aandeel van de regio's van de rij dat binnen één regio van de kolom ligt",
        "compared": "vergeleken gemeenten",
        "congruence_note": "Alleen gemeenten die in beide indelingen in een regio liggen, tellen mee. Een lege cel: "
                           "geen gemeenten gemeen (samenstelling onbekend). Hoeveel gemeenten een cel vergelijkt, staat in "
                           "de tabel: een cel die op weinig gemeenten rust (een indeling waarvan maar enkele "
                           "gemeenten bekend zijn), zegt weinig.",
        "geo_note.tables": "Gemeenten gekleurd naar het aantal actieve tafels dat hen bestrijkt, met de grenzen van "
                           "{division}.",
        "geo_note.findings": "Gemeenten gekleurd naar het aantal bevindingen over hen en over de tafels die hen "
                             "bestrijken, met de grenzen van {division}.",
        "rule": "regel", "severity": "ernst", "subject": "onderwerp", "message": "bevinding",
        "advice": "suggestie", "evidence": "bewijs", "none": "Geen.",
        "tree": "Structuur", "profile": "Governanceprofiel",
        "profile_intro": "Langs de aspecten en varianten uit het rapport ‘Impressie regionale (IZA-)governance’ "
                         "(2023). Een gekozen variant is vetgedrukt; ‘niet vastgelegd’ betekent dat de gegevens er "
                         "niets over zeggen.",
        "chosen": "gekozen", "maps": "Kaarten", "network_map": "netwerkkaart van de regio",
        "geo_map": "geografische kaart", "maps_missing": "Nog geen kaarten naast dit rapport; maak ze met "
                                                         "‘izagraph map --all -o {dir}’.",
        "back": "terug naar het landelijke beeld", "next_steps": "Volgende stappen",
        "tables_note": "Tafels: actieve tafels waarvan de regio deze regio is of erin ligt.",
        "criteria": "IZA-criteria", "top": "top", "members": "leden", "kind": "soort", "level": "niveau",
        "programmes": "programma's", "region_findings": "Bevindingen",
        "scorecard_of": "Scorekaart", "via": "via",
        "status_word": "stand",
        "print": "Dit document is bedoeld voor scherm en print (A4).",
        "scan_hint": "Vul de governance-scan in met ‘izagraph template scan.xlsx --scan {region}’ en laad die "
                     "met ‘izagraph load data/real scan.xlsx’.",
    },
    "en": {
        "title": "The national picture of regional governance",
        "subtitle": "Per region: the IZA criteria for a regional collaboration structure, tables and seats, "
                    "bestuurlijke drukte and duplicated structures, with the basis and confidence of what is shown.",
        "generated": "Made by izagraph on", "peildatum": "Reference date",
        "trust_intro": "Read this first: izagraph only shows what its sources record. ‘Not recorded’ means the data "
                       "say nothing about it, not that it is missing. ‘Illustrative’ rests on made-up example data "
                       "and says nothing about a real region.",
        "contents": "Contents", "division": "Region division", "divisions": "Region divisions",
        "overview": "Overview", "also": "Also reported about the same pair", "findings_section": "Findings: drukte and duplicated structures", "coverage": "Coverage of the data", "scorecard": "Scorecard per region",
        "heatmap": "Perspectives per region (IZA criteria)", "bars": "Tables and seats per region",
        "congruence": "Do the region divisions nest?", "geo": "Map", "hotspots": "Drukte hot spots",
        "duplicates": "Duplicated structures", "severity_counts": "Findings by severity",
        "region": "region", "regions": "regions", "status": "composition", "gemeenten": "gemeenten",
        "governance": "shared governance", "mandate": "gemeenten with mandate", "werkagenda": "werkagenda",
        "monitoring": "monitoring", "tables": "tables", "seats": "seats", "layers": "layers",
        "drukte": "drukte", "dup": "duplicated", "findings": "findings", "basis": "basis",
        "confidence": "confidence", "page": "region page",
        "no_data": "no data", "recorded": "recorded", "not_recorded": "not recorded",
        "present": "present", "missing": "missing", "no_mandate": "without mandate",
        "mandate_not_recorded": "mandate not recorded",
        "basis.source": "source", "basis.inferred": "inferred", "basis.illustrative": "illustrative",
        "basis.unknown": "unknown",
        "confidence.high": "high", "confidence.medium": "medium", "confidence.low": "low",
        "confidence.none": "not stated",
        "gap.governance": "governance gap", "gap.data": "data gap", "gap": "kind of gap",
        "layer": "layer", "layer_note": "Layer: where in the collaboration structure the perspective sits (1 = the "
        "top table itself, 2 = a table under it), as far as a finding records it; not for a mandate (the "
        "data do not say per layer who holds it).",
        "status.source": "from source", "status.inferred": "inferred", "status.unknown": "unknown",
        "known": "known (source)", "inferred": "inferred", "unknown": "unknown",
        "no_governance_data": "None of these {n} regions has tables or governance choices recorded: the "
                              "scorecard therefore says ‘no data’ throughout (not: ‘missing’).",
        "grants_known": "Known per region: the mandaatgemeente and the grant, with their source, and the gemeenten "
                        "where a source or a stated method gives them (see the region page).",
        "composition_unknown": "unknown (no data)", "recipient": "mandaatgemeente / recipient",
        "grant": "grant", "grant_source": "grant source", "grants": "Grants", "sources": "Sources",
        "year": "year", "scheme": "scheme", "amount": "amount", "source": "source", "method": "method",
        "gemeenten_of": "Gemeenten and how their membership is known",
        "gemeenten_unknown": "Which gemeenten lie in this region is not known: no source names them and no "
                             "stated method infers them.",
        "expected": "expected", "in_data": "in the data", "not_in_data": "not in the data",
        "missing_regions": "{n} of the expected {expected} regions are not in the data; they cannot be shown.",
        "legend": "Legend", "no_regions": "No regions of this division in the data.",
        "ari": "adjusted Rand index (1 = the same division)",
        "nesting": "share of the row's regions that lie inside one region of the column",
        "compared": "gemeenten compared",
        "congruence_note": "Only gemeenten that lie in a region of both divisions count. An empty cell: no gemeenten "
                           "in common (composition unknown). How many gemeenten a cell compares is in the table: a cell "
                           "that rests on few gemeenten (a division of which only a few gemeenten are known) says "
                           "little.",
        "geo_note.tables": "Gemeenten coloured by the number of active tables covering them, with the outlines of "
                           "{division}.",
        "geo_note.findings": "Gemeenten coloured by the number of findings about them and about the tables covering "
                             "them, with the outlines of {division}.",
        "rule": "rule", "severity": "severity", "subject": "subject", "message": "finding",
        "advice": "suggestion", "evidence": "evidence", "none": "None.",
        "tree": "Structure", "profile": "Governance profile",
        "profile_intro": "Along the aspects and variants of the report ‘Impressie regionale (IZA-)governance’ (2023). "
                         "A chosen variant is in bold; ‘not recorded’ means the data say nothing about it.",
        "chosen": "chosen", "maps": "Maps", "network_map": "network map of the region",
        "geo_map": "geographic map", "maps_missing": "No maps next to this report yet; make them with "
                                                     "‘izagraph map --all -o {dir}’.",
        "back": "back to the national picture", "next_steps": "Next steps",
        "tables_note": "Tables: active tables whose region is this region or lies in it.",
        "criteria": "IZA criteria", "top": "top", "members": "members", "kind": "kind", "level": "level",
        "programmes": "programmes", "region_findings": "Findings",
        "scorecard_of": "Scorecard", "via": "via",
        "status_word": "status",
        "print": "This document is meant for screen and print (A4).",
        "scan_hint": "Fill in the governance scan with ‘izagraph template scan.xlsx --scan {region}’ and load it "
                     "with ‘izagraph load data/real scan.xlsx’.",
    },
}


def words(lang: str) -> dict[str, str]:
    """The texts in ``lang`` (Dutch for anything else)."""
    return TEXT.get(lang, TEXT["nl"])
