// id: drukte-organisation
// kind: rule
// title:
//   nl: Bestuurlijke drukte per organisatie
//   en: Administrative overload per organisation
// description:
//   nl: 'Telt per organisatie (ook een gemeente) de actieve zetels: die van de organisatie zelf en die van een persoon
//     die namens alleen deze organisatie zit (wie namens meerdere partijen zit, vertegenwoordigt en telt bij geen
//     van hen). Daaruit volgt aan hoeveel tafels, in hoeveel programma''s en regio''s de organisatie zit en, waar
//     bekend, hoeveel vergaderingen per jaar dat is. Boven een drempel volgt een melding, met ernst hoog als een maat
//     minstens twee keer de drempel is. Waarom: dezelfde bestuurders aan te veel tafels is de kern van bestuurlijke
//     drukte; elk extra overleg kost tijd die niet naar het werk in de regio gaat. Met een filter worden de organisaties
//     gemeld die minstens één zetel in de selectie hebben; de tellingen omvatten al hun zetels.'
//   en: 'Counts per organisation (a gemeente too) its active seats: its own, and those of a person sitting on behalf
//     of this organisation alone (someone speaking for several parties represents them and counts for none). From
//     these: at how many tables, in how many programmes and regions it sits and, where known, how many meetings a
//     year that means. Above a threshold it is reported, with severity high when a measure is at least twice its threshold.
//     Why: the same administrators at too many tables is the heart of administrative overload; every extra meeting
//     takes time away from the work in the region. With a filter, organisations with at least one seat in the selection
//     are reported; the counts cover all their seats.'
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
//     default: 6
//     min: 0
//     description:
//       nl: 'Meer actieve tafels dan dit wordt gemeld. Keuze, geen norm uit een bron: een regionale structuur
//         heeft een stuurgroep en enkele themateams; een grote zorgaanbieder die aan zes tafels zit, zit al aan
//         bijna elke tafel van zijn regio. Gebruik percentile als u het getal niet vertrouwt.'
//       en: 'More active tables than this is reported. A choice, not a norm from a source: a regional structure
//         has a steering group and a few theme teams; a large provider at six tables already sits at almost every
//         table of its region. Use percentile if you do not trust the number.'
//   max_programmes:
//     type: integer
//     default: 4
//     min: 0
//     description:
//       nl: 'Meer programma''s dan dit wordt gemeld. Keuze: er zijn zes regionale programma''s (IZA, GALA,
//         WOZO, TAZ, ROAZ, Jeugd) plus regulier; een ziekenhuis of GGD hoort er drie of vier te bedienen, meer
//         dan vier is bijna allemaal.'
//       en: 'More programmes than this is reported. A choice: there are six regional programmes (IZA, GALA,
//         WOZO, TAZ, ROAZ, Jeugd) plus regular work; a hospital or GGD is expected in three or four; more than
//         four is nearly all of them.'
//   max_regions:
//     type: integer
//     default: 3
//     min: 0
//     description:
//       nl: 'Meer regio''s binnen één indeling dan dit wordt gemeld (een subregio telt als haar regio; IZA-,
//         zorgkantoor- en ROAZ-regio''s tellen apart). Keuze: een regionale organisatie werkt in haar regio en
//         soms in buurregio''s; meer dan drie regio''s van één indeling is bovenregionaal werk.'
//       en: 'More regions within one division than this is reported (a subregion counts as its region; IZA,
//         zorgkantoor and ROAZ regions are counted apart). A choice: a regional organisation works in its region
//         and sometimes its neighbours; more than three regions of one division is supra-regional work.'
//   max_meetings_per_year:
//     type: number
//     default: 60
//     min: 0
//     description:
//       nl: 'Meer vergaderingen per jaar (som over de tafels waarvan het bekend is) dan dit wordt gemeld.
//         Keuze: 60 is meer dan één bestuurlijk overleg per werkweek (ongeveer 46 werkweken per jaar).'
//       en: 'More meetings a year (summed over the tables where it is known) than this is reported. A choice:
//         60 is more than one governance meeting per working week (about 46 working weeks a year).'
//   percentile:
//     type: number
//     default: null
//     min: 50
//     max: 99.9
//     description:
//       nl: 'Relatieve modus: meld wie boven het P-de percentiel (dichtstbijzijnde rang) van elke maat ligt,
//         berekend over alle organisaties en gemeenten met een actieve zetel in de geladen data (ook buiten een
//         filter), in plaats van de vaste drempels. 90 meldt de hoogste 10% van het land, zonder een getal te
//         hoeven vertrouwen. Leeg: de vaste drempels.'
//       en: 'Relative mode: report whoever lies above the P-th percentile (nearest rank) of each measure,
//         computed over all organisations and gemeenten with an active seat in the loaded data (also outside a
//         filter), instead of the fixed thresholds. 90 reports the country''s top 10%, without trusting a number.
//         Empty: the fixed thresholds.'
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
