// id: mandate-gaps
// kind: rule
// title:
//   nl: Gemeentelijke zetels zonder mandaat
//   en: Gemeente seats without a mandate
// description:
//   nl: 'Meldt actieve zetels die gemeenten vertegenwoordigen (perspectief gemeenten) zonder vastgelegd mandaat, waar
//     vertegenwoordiging speelt: de zetel spreekt namens gemeenten, of het gebied van de tafel heeft gemeenten zonder
//     eigen zetel. Ernst middel als het mandaat uitdrukkelijk ''nee'' is, laag als het niet is vastgelegd
//     (leeg of onbekend: een hiaat in de gegevens, geen vastgesteld gebrek). Waarom:
//     het IZA vraagt gemeenten te vertegenwoordigen via een onderling duidelijke mandaatstructuur; zonder mandaat
//     kan een wethouder niet namens de andere gemeenten besluiten.'
//   en: 'Reports active seats that represent gemeenten (perspective gemeenten) without a recorded mandate, where representation
//     is at play: the seat speaks for gemeenten, or the table''s territory has gemeenten without a seat of their own.
//     Severity medium when the mandate is explicitly ''no'', low when it is not recorded
//     (empty or unknown: a gap in the data, not an established shortcoming). Why: the IZA asks gemeenten
//     to be represented through a mandate structure agreed among them; without a mandate an alderman cannot decide
//     on behalf of the other gemeenten.'
// severity: medium
// advice: binnen-buitenkring
// messages:
//   mandate-no:
//     nl: '{member} vertegenwoordigt gemeenten aan {table} (namens: {behalf}) en het mandaat is uitdrukkelijk niet
//       verleend.'
//     en: '{member} represents gemeenten at {table} (on behalf of: {behalf}) and the mandate is explicitly not given.'
//   mandate-unknown:
//     nl: '{member} vertegenwoordigt gemeenten aan {table} (namens: {behalf}; {unseated} gemeenten in het gebied zonder
//       eigen zetel) zonder vastgelegd mandaat.'
//     en: '{member} represents gemeenten at {table} (on behalf of: {behalf}; {unseated} gemeenten in the territory
//       without a seat of their own) without a recorded mandate.'
//     severity: low
//     gap: data
// params:
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
MATCH (m:Membership)-[:PERSPECTIVE]->(x)  // the perspective given for the seat
RETURN m.iri AS s, 'perspective' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:MEMBER]->()-[:SECTOR]->(x)  // the member's sector
RETURN m.iri AS s, 'sector' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->(x)  // on behalf of
RETURN m.iri AS s, 'behalf' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->()-[:SECTOR]->(x)  // sector of whom it speaks for
RETURN m.iri AS s, 'behalf-sector' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->(x:Gemeente)  // gemeenten it speaks for
RETURN m.iri AS s, 'behalf-gemeente' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.mandate IS NOT NULL  // mandate recorded
RETURN m.iri AS s, 'mandate' AS fact, m.mandate AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validFrom IS NOT NULL  // start of the seat
RETURN m.iri AS s, 'start' AS fact, toString(m.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validThrough IS NOT NULL  // end of the seat
RETURN m.iri AS s, 'end' AS fact, toString(m.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN m.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
