// id: cross-cutting-tables
// kind: rule
// title:
//   nl: Tafels dwars door regiogrenzen
//   en: Tables across region borders
// description:
//   nl: 'Meldt actieve tafels waarvan het gebied (de gemeenten) in meer dan één regio ligt van een andere regio-indeling
//     dan die van de eigen regio van de tafel, bijvoorbeeld een wethoudersoverleg dat een gemeente uit een andere
//     zorgkantoorregio meeneemt. Indelingen zonder bekende gemeenten (zoals ROAZ) worden overgeslagen; deelregio''s
//     van de eigen regio ook. Waarom: zo''n tafel moet afstemmen met de tafels van meerdere regio''s en zijn partners
//     zitten voor hetzelfde onderwerp ook elders.'
//   en: 'Reports active tables whose territory (its gemeenten) lies in more than one region of a division other than
//     that of the table''s own region, for example a meeting of aldermen that includes a gemeente of another care
//     office region. Divisions without known gemeenten (such as ROAZ) are skipped; so are subregions of the table''s
//     own region. Why: such a table must coordinate with the tables of several regions, and its partners also sit
//     elsewhere for the same subject.'
// severity: low
// advice: binnen-buitenkring
// messages:
//   default:
//     nl: 'Het gebied van {subject} ({n} gemeenten) ligt in meer dan één regio van: {cuts}.'
//     en: 'The territory of {subject} ({n} gemeenten) lies in more than one region of: {cuts}.'
// params:
//   divisions:
//     type: list
//     scheme: division
//     default: iza;zorgkantoor;ggd;roaz
//     description:
//       nl: De regio-indelingen waartegen het gebied van een tafel wordt gelegd, gescheiden door ';'. Standaard de
//         indelingen van de zorgprogramma's (IZA, zorgkantoor, GGD, ROAZ); arbeidsmarkt (TAZ), jeugd, veiligheid,
//         provincie en corop kunnen erbij.
//       en: The region divisions a table's territory is laid against, separated by ';'. By default the divisions of
//         the care programmes (IZA, care office, GGD, ROAZ); arbeidsmarkt (TAZ), jeugd, veiligheid, provincie and
//         corop can be added.
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
MATCH (r:Region)-[:DIVISION]->(x)  // each region: its division
RETURN r.iri AS s, 'division' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region) WHERE r.prefLabel IS NOT NULL  // its name
RETURN r.iri AS s, 'label' AS fact, r.prefLabel AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:HAS_GEMEENTE]->(x)  // its gemeenten
RETURN r.iri AS s, 'gemeente' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:PART_OF_REGION]->(x)  // the region it is part of
RETURN r.iri AS s, 'region-parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
