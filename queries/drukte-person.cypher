// id: drukte-person
// kind: rule
// title:
//   nl: Bestuurlijke drukte per persoon
//   en: Administrative overload per person
// description:
//   nl: 'Telt per persoon de actieve zetels, de tafels, programma''s en regio''s en, waar bekend, de vergaderingen
//     per jaar, en meldt wie boven een drempel komt (ernst hoog bij twee keer de drempel). Waarom: in de regio zitten
//     vaak dezelfde bestuurders aan tafel; wie aan te veel tafels zit, kan ze niet allemaal voorbereiden en wordt
//     een knelpunt. Met een filter worden personen gemeld die minstens één zetel in de selectie hebben.'
//   en: 'Counts per person the active seats, tables, programmes and regions and, where known, the meetings a year,
//     and reports who is above a threshold (severity high at twice the threshold). Why: the same administrators often
//     sit at the region''s tables; someone at too many tables cannot prepare them all and becomes a bottleneck. With
//     a filter, persons with at least one seat in the selection are reported.'
// severity: medium
// advice: oude-structuren-loslaten
// messages:
//   default:
//     nl: '{subject} heeft {seats} actieve zetels aan {tables} tafels in {programmes} programma''s ({programme_names})
//       en {regions} regio''s van één indeling, samen {meetings} vergaderingen per jaar. Drempels: {max_tables} tafels, {max_programmes}
//       programma''s, {max_regions} regio''s, {max_meetings_per_year} vergaderingen per jaar.'
//     en: '{subject} holds {seats} active seats at {tables} tables in {programmes} programmes ({programme_names})
//       and {regions} regions of one division, {meetings} meetings a year in all. Thresholds: {max_tables} tables, {max_programmes}
//       programmes, {max_regions} regions, {max_meetings_per_year} meetings a year.'
//   relative:
//     nl: '{subject} heeft {seats} actieve zetels aan {tables} tafels in {programmes} programma''s ({programme_names})
//       en {regions} regio''s van één indeling, samen {meetings} vergaderingen per jaar. Drempels (relatief: P{percentile} van {population} in de geladen data, de hoogste {share}%): {max_tables} tafels, {max_programmes}
//       programma''s, {max_regions} regio''s, {max_meetings_per_year} vergaderingen per jaar.'
//     en: '{subject} holds {seats} active seats at {tables} tables in {programmes} programmes ({programme_names})
//       and {regions} regions of one division, {meetings} meetings a year in all. Thresholds (relative: P{percentile} of {population} in the loaded data, the top {share}%): {max_tables} tables, {max_programmes}
//       programmes, {max_regions} regions, {max_meetings_per_year} meetings a year.'
// params:
//   max_tables:
//     type: integer
//     default: 4
//     min: 0
//     description:
//       nl: 'Meer actieve tafels dan dit wordt gemeld. Keuze: een persoon kan, anders dan een organisatie, niet
//         iemand anders sturen; vier tafels naast het eigen werk is al veel.'
//       en: 'More active tables than this is reported. A choice: unlike an organisation, a person cannot send
//         someone else; four tables next to one''s own job is already a lot.'
//   max_programmes:
//     type: integer
//     default: 3
//     min: 0
//     description:
//       nl: 'Meer programma''s dan dit wordt gemeld. Keuze: wie in meer dan drie programma''s zit, moet de
//         agenda''s van die programma''s alle bijhouden.'
//       en: 'More programmes than this is reported. A choice: someone in more than three programmes has to keep
//         up with all their agendas.'
//   max_regions:
//     type: integer
//     default: 2
//     min: 0
//     description:
//       nl: 'Meer regio''s binnen één indeling dan dit wordt gemeld (een subregio telt als haar regio). Keuze:
//         een bestuurder werkt in één regio en hooguit een buurregio.'
//       en: 'More regions within one division than this is reported (a subregion counts as its region). A
//         choice: an administrator works in one region and at most a neighbouring one.'
//   max_meetings_per_year:
//     type: number
//     default: 40
//     min: 0
//     description:
//       nl: 'Meer vergaderingen per jaar dan dit wordt gemeld. Keuze: 40 is bijna elke werkweek een bestuurlijk
//         overleg, voorbereiding niet meegerekend.'
//       en: 'More meetings a year than this is reported. A choice: 40 is a governance meeting almost every
//         working week, preparation not included.'
//   percentile:
//     type: number
//     default: null
//     min: 50
//     max: 99.9
//     description:
//       nl: 'Relatieve modus: meld wie boven het P-de percentiel (dichtstbijzijnde rang) van elke maat ligt,
//         berekend over alle personen met een actieve zetel in de geladen data (ook buiten een filter), in plaats
//         van de vaste drempels. 90 meldt de hoogste 10% van het land, zonder een getal te hoeven vertrouwen.
//         Leeg: de vaste drempels.'
//       en: 'Relative mode: report whoever lies above the P-th percentile (nearest rank) of each measure,
//         computed over all persons with an active seat in the loaded data (also outside a filter), instead of
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
MATCH (t:Table)-[:PROGRAMME]->(x)  // its programmes
RETURN t.iri AS s, 'programme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->(x)  // its region (territory)
RETURN t.iri AS s, 'spatial' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.validFrom IS NOT NULL  // start date
RETURN t.iri AS s, 'start' AS fact, toString(t.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.validThrough IS NOT NULL  // end date
RETURN t.iri AS s, 'end' AS fact, toString(t.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.meetingsPerYear IS NOT NULL  // meetings per year
RETURN t.iri AS s, 'meetings' AS fact, toFloat(t.meetingsPerYear) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
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
MATCH (m:Membership)-[:MEMBER]->(x) WHERE x:Person OR x:Gemeente  // person or gemeente (else an organisation)
RETURN m.iri AS s, 'member-kind' AS fact, CASE WHEN x:Person THEN 'person' ELSE 'gemeente' END AS o,
       null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->(x)  // on behalf of
RETURN m.iri AS s, 'behalf' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validFrom IS NOT NULL  // start of the seat
RETURN m.iri AS s, 'start' AS fact, toString(m.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validThrough IS NOT NULL  // end of the seat
RETURN m.iri AS s, 'end' AS fact, toString(m.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN m.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:DIVISION]->(x)  // each region: its division (regions are counted per division)
RETURN r.iri AS s, 'division' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:PART_OF_REGION]->(x)  // the region a region is part of (a subregion counts as its region)
RETURN r.iri AS s, 'region-parent' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
