// id: drukte-region
// kind: rule
// title:
//   nl: Bestuurlijke drukte per regio
//   en: Administrative overload per region
// description:
//   nl: 'Telt per regio de actieve tafels met die regio als gebied, het aantal lagen (de diepte vanaf de bovenste
//     tafel, via ''hangt onder'') en het gemiddelde aantal actieve zetels per tafel. Waarom: veel tafels, veel lagen
//     en grote tafels maken een structuur traag en ondoorzichtig; het IZA vraagt juist om met vertegenwoordiging te
//     werken zodat de groep niet te groot wordt.'
//   en: 'Counts per region the active tables with that region as territory, the number of layers (depth from the top
//     table along ''reports to'') and the average number of active seats per table. Why: many tables, many layers
//     and large tables make a structure slow and opaque; the IZA asks regions to work with representation so that
//     groups do not grow too large.'
// severity: medium
// advice: oude-structuren-loslaten
// messages:
//   default:
//     nl: '{subject} heeft {tables} actieve tafels in {layers} lagen, gemiddeld {seats_per_table} zetels per tafel.
//       Drempels: {max_tables} tafels, {max_layers} lagen, {max_seats_per_table} zetels per tafel.'
//     en: '{subject} has {tables} active tables in {layers} layers, {seats_per_table} seats per table on average.
//       Thresholds: {max_tables} tables, {max_layers} layers, {max_seats_per_table} seats per table.'
//   relative:
//     nl: '{subject} heeft {tables} actieve tafels in {layers} lagen, gemiddeld {seats_per_table} zetels per tafel.
//       Drempels (relatief: P{percentile} van {population} in de geladen data, de hoogste {share}%): {max_tables} tafels, {max_layers} lagen, {max_seats_per_table} zetels per tafel.'
//     en: '{subject} has {tables} active tables in {layers} layers, {seats_per_table} seats per table on average.
//       Thresholds (relative: P{percentile} of {population} in the loaded data, the top {share}%): {max_tables} tables, {max_layers} layers, {max_seats_per_table} seats per table.'
// params:
//   max_tables:
//     type: integer
//     default: 10
//     min: 0
//     description:
//       nl: 'Meer actieve tafels in de regio (met haar subregio''s) dan dit wordt gemeld. Keuze: een
//         regioplanstructuur is doorgaans een stuurgroep, een regiegroep, vier tot zes themateams (de
//         IZA-thema''s) en een adviescommissie, samen rond de tien.'
//       en: 'More active tables in the region (with its subregions) than this is reported. A choice: a regional
//         plan structure is usually a steering group, a coordination group, four to six theme teams (the IZA
//         themes) and an advisory committee, about ten in all.'
//   max_layers:
//     type: integer
//     default: 3
//     min: 0
//     description:
//       nl: 'Meer lagen dan dit wordt gemeld (alleen actieve tafels; een beëindigde bovenliggende tafel is geen
//         laag). Keuze: bestuur, regie en uitvoering zijn drie lagen; een vierde laag verlengt elke beslissing
//         met een vergaderronde.'
//       en: 'More layers than this is reported (active tables only; an ended parent is no layer). A choice:
//         governance, coordination and execution are three layers; a fourth adds a round of meetings to every
//         decision.'
//   max_seats_per_table:
//     type: number
//     default: 15
//     min: 0
//     description:
//       nl: 'Gemiddeld meer zetels per tafel dan dit wordt gemeld. Keuze: boven ongeveer 15 deelnemers komt
//         niet iedereen meer aan het woord; het IZA vraagt daarom om vertegenwoordiging.'
//       en: 'More seats per table on average than this is reported. A choice: above about 15 participants not
//         everyone gets to speak; that is why the IZA asks for representation.'
//   percentile:
//     type: number
//     default: null
//     min: 50
//     max: 99.9
//     description:
//       nl: 'Relatieve modus: meld wie boven het P-de percentiel (dichtstbijzijnde rang) van elke maat ligt,
//         berekend over alle regio''s met een actieve tafel in de geladen data (ook buiten een filter), in plaats
//         van de vaste drempels. 90 meldt de hoogste 10% van het land, zonder een getal te hoeven vertrouwen.
//         Leeg: de vaste drempels.'
//       en: 'Relative mode: report whoever lies above the P-th percentile (nearest rank) of each measure,
//         computed over all regions with an active table in the loaded data (also outside a filter), instead of
//         the fixed thresholds. 90 reports the country''s top 10%, without trusting a number. Empty: the fixed
//         thresholds.'
//   region:
//     type: region
//     default: null
//     bind: true
//     description:
//       nl: 'Alleen tafels in of rond deze regio (id of IRI): hun regio is of ligt in deze regio, of hun gebied deelt
//         een gemeente ermee.'
//       en: 'Only tables in or around this region (id or IRI): their region is or lies in this region, or their territory
//         shares a gemeente with it.'
//   programme:
//     type: programme
//     default: null
//     bind: true
//     description:
//       nl: Alleen tafels van dit programma (iza, gala, wozo, taz, roaz, jeugd, regulier).
//       en: Only tables of this programme (iza, gala, wozo, taz, roaz, jeugd, regulier).
//   theme:
//     type: theme
//     default: null
//     bind: true
//     description:
//       nl: Alleen tafels op dit thema (zie 'izagraph vocab theme').
//       en: Only tables on this theme (see 'izagraph vocab theme').
//   today:
//     type: date
//     default: null
//     description:
//       nl: 'Peildatum voor ''actief'' (JJJJ-MM-DD, standaard vandaag): een tafel of zetel zonder einddatum, of met
//         een einddatum op of na deze dag, telt mee.'
//       en: 'Reference date for ''active'' (YYYY-MM-DD, default today): a table or seat without an end date, or ending
//         on or after this day, counts.'
MATCH (t:Table)  // every table
RETURN t.iri AS s, 'is' AS fact, 'table' AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.prefLabel IS NOT NULL  // its name
RETURN t.iri AS s, 'label' AS fact, t.prefLabel AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->(x)  // its region (territory)
RETURN t.iri AS s, 'spatial' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SUB_ORGANIZATION_OF]->(x)  // the table it reports to
RETURN t.iri AS s, 'parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.validFrom IS NOT NULL  // start date
RETURN t.iri AS s, 'start' AS fact, toString(t.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.validThrough IS NOT NULL  // end date
RETURN t.iri AS s, 'end' AS fact, toString(t.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)  // passes the filters
WHERE ($programme IS NULL OR EXISTS { MATCH (t)-[:PROGRAMME]->(x) WHERE x.iri = $programme })
  AND ($theme IS NULL OR EXISTS { MATCH (t)-[:THEME]->(x) WHERE x.iri = $theme })
  AND ($region IS NULL
       OR EXISTS { MATCH (t)-[:SPATIAL]->(x) WHERE x.iri = $region }
       OR EXISTS { MATCH (t)-[:SPATIAL]->()-[:PART_OF_REGION*1..]->(x) WHERE x.iri = $region }
       OR EXISTS { MATCH (t)-[:COVERS_GEMEENTE]->()<-[:HAS_GEMEENTE]-(x) WHERE x.iri = $region }
       OR EXISTS { MATCH (t)-[:SPATIAL]->()-[:HAS_GEMEENTE]->()<-[:HAS_GEMEENTE]-(x)
                   WHERE x.iri = $region })
RETURN t.iri AS s, 'in-scope' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN t.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:ORGANIZATION]->(x)  // each seat: its table
RETURN m.iri AS s, 'table' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:MEMBER]->(x)  // who sits
RETURN m.iri AS s, 'member' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validFrom IS NOT NULL  // start of the seat
RETURN m.iri AS s, 'start' AS fact, toString(m.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validThrough IS NOT NULL  // end of the seat
RETURN m.iri AS s, 'end' AS fact, toString(m.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:DIVISION]->(x)  // each region: its division (regions are counted per division)
RETURN r.iri AS s, 'division' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:PART_OF_REGION]->(x)  // the region a region is part of (a subregion counts as its region)
RETURN r.iri AS s, 'region-parent' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
