// id: drukte-gemeente
// kind: rule
// title:
//   nl: Bestuurlijke drukte per gemeente
//   en: Administrative overload per gemeente
// description:
//   nl: 'Telt per gemeente de actieve tafels waarvan het gebied die gemeente omvat (de gemeenten van de regio van
//     de tafel, of de expliciet genoemde gemeenten) en uit welke programma''s ze komen. Waarom: ook als geen enkele
//     bestuurder overbelast is, kan één plaats onder veel parallelle tafels vallen; dat is de drukte die een gemeente,
//     haar inwoners en haar partners merken. Het regiofilter kiest de gemeenten van die regio.'
//   en: 'Counts per gemeente the active tables whose territory includes it (the gemeenten of the table''s region,
//     or the gemeenten named explicitly) and which programmes they come from. Why: even when no administrator is overloaded,
//     one place can fall under many parallel tables; that is the overload a gemeente, its residents and its partners
//     notice. The region filter picks the gemeenten of that region.'
// severity: low
// advice: oude-structuren-loslaten
// messages:
//   default:
//     nl: '{subject} valt onder {tables} actieve tafels uit {programmes} programma''s ({programme_names}). Drempels:
//       {max_tables} tafels, {max_programmes} programma''s.'
//     en: '{subject} falls under {tables} active tables from {programmes} programmes ({programme_names}). Thresholds:
//       {max_tables} tables, {max_programmes} programmes.'
//   relative:
//     nl: '{subject} valt onder {tables} actieve tafels uit {programmes} programma''s ({programme_names}). Drempels (relatief: P{percentile} van {population} in de geladen data, de hoogste {share}%):
//       {max_tables} tafels, {max_programmes} programma''s.'
//     en: '{subject} falls under {tables} active tables from {programmes} programmes ({programme_names}). Thresholds (relative: P{percentile} of {population} in the loaded data, the top {share}%):
//       {max_tables} tables, {max_programmes} programmes.'
// params:
//   max_tables:
//     type: integer
//     default: 15
//     min: 0
//     description:
//       nl: 'Meer actieve tafels over de gemeente dan dit wordt gemeld. Keuze: een gemeente valt onder de
//         tafels van zes programma''s, elk met een bestuurlijke tafel en enkele thematafels; boven 15 moet zij
//         meer tafels volgen dan zij wethouders heeft.'
//       en: 'More active tables covering the gemeente than this is reported. A choice: a gemeente falls under
//         the tables of six programmes, each with a governing table and a few theme tables; above 15 it has to
//         follow more tables than it has aldermen.'
//   max_programmes:
//     type: integer
//     default: 5
//     min: 0
//     description:
//       nl: 'Meer programma''s dan dit wordt gemeld. Keuze: vijf van de zes regionale programma''s over één
//         gemeente, elk op een eigen regio-indeling, is de kern van de drukte die gemeenten melden.'
//       en: 'More programmes than this is reported. A choice: five of the six regional programmes over one
//         gemeente, each on its own map of regions, is the heart of the overload gemeenten report.'
//   percentile:
//     type: number
//     default: null
//     min: 50
//     max: 99.9
//     description:
//       nl: 'Relatieve modus: meld wie boven het P-de percentiel (dichtstbijzijnde rang) van elke maat ligt,
//         berekend over alle gemeenten onder een actieve tafel in de geladen data (ook buiten een filter), in
//         plaats van de vaste drempels. 90 meldt de hoogste 10% van het land, zonder een getal te hoeven
//         vertrouwen. Leeg: de vaste drempels.'
//       en: 'Relative mode: report whoever lies above the P-th percentile (nearest rank) of each measure,
//         computed over all gemeenten under an active table in the loaded data (also outside a filter), instead
//         of the fixed thresholds. 90 reports the country''s top 10%, without trusting a number. Empty: the fixed
//         thresholds.'
//   region:
//     type: region
//     default: null
//     bind: true
//     description:
//       nl: Alleen de gemeenten van deze regio (id of IRI).
//       en: Only the gemeenten of this region (id or IRI).
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
MATCH (t:Table)-[:COVERS_GEMEENTE]->(x)  // its explicit gemeenten (territory)
RETURN t.iri AS s, 'covers' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->()-[:HAS_GEMEENTE]->(x)  // the gemeenten of its region
RETURN t.iri AS s, 'spatial-gemeente' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
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
RETURN t.iri AS s, 'in-scope' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN t.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (g:Gemeente)  // gemeenten that pass the region filter
WHERE $region IS NULL OR EXISTS { MATCH (x)-[:HAS_GEMEENTE]->(g) WHERE x.iri = $region }
RETURN g.iri AS s, 'gemeente-in-scope' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
