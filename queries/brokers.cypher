// id: brokers
// kind: rule
// title:
//   nl: 'Makelaars: de enige schakel tussen clusters'
//   en: 'Brokers: the only link between clusters'
// description:
//   nl: 'Bouwt het netwerk van tafelgenoten (leden verbonden als ze aan een gemeenschappelijke actieve tafel zitten;
//     de projectie van het leden-tafelnetwerk) en meldt leden zonder wie hun deel van het netwerk uiteenvalt (articulatiepunten),
//     met graad en tussenliggendheid (betweenness) als bewijs. Alleen splitsingen waarbij het op één na grootste deel
//     minstens min_part leden heeft, tellen. Waarom: één organisatie of persoon als enige verbinding tussen twee clusters
//     is kwetsbaar; valt die weg, dan weten de clusters niet meer van elkaar.'
//   en: 'Builds the network of table companions (members linked when they sit at a common active table; the projection
//     of the member-table network) and reports members without whom their part of the network falls apart (articulation
//     points), with degree and betweenness as evidence. Only splits whose second largest part has at least min_part
//     members count. Why: one organisation or person as the only link between two clusters is fragile; if it drops
//     out, the clusters lose sight of each other.'
// severity: medium
// advice: elkaar-nodig
// messages:
//   default:
//     nl: '{subject} is de enige schakel in een deel van het netwerk van tafelgenoten in {scope} ({size} leden): zonder {subject}
//       valt het uiteen in delen van {parts} leden. Tafels van {subject}: {tables}.'
//     en: '{subject} is the only link in a part of the network of table companions in {scope} ({size} members): without {subject}
//       it falls apart into parts of {parts} members. Tables of {subject}: {tables}.'
// params:
//   min_part:
//     type: integer
//     default: 2
//     min: 1
//     description:
//       nl: Minimale grootte van het op één na grootste deel na verwijdering.
//       en: Minimum size of the second largest part after removal.
//   scope:
//     type: string
//     default: region
//     choices: [region, programme, all]
//     description:
//       nl: 'Binnen welk bereik het netwerk wordt gebouwd: region (standaard; één netwerk per regio: een tafel hoort
//         bij de bovenste regio boven haar eigen regio, een tafel zonder regio bij elke IZA-regio met een van haar
//         gemeenten, een tafel zonder beide staat alleen), programme (één netwerk per programma) of all (één netwerk
//         over alle gekozen tafels). Per regio wordt een landelijke partij nooit de enige schakel tussen regio''s die
//         verder niets met elkaar hebben.'
//       en: 'The scope the network is built in: region (default; one network per region: a table belongs to the top
//         region above its own region, a table without a region to each IZA region holding one of its gemeenten,
//         a table with neither stands alone), programme (one network per programme) or all (one network over all
//         chosen tables). Per region a national party never becomes the only link between regions that share nothing
//         else.'
//   tables:
//     type: list
//     default: null
//     description:
//       nl: Alleen deze tafels (ids of IRI's, gescheiden door komma's); een zelfgekozen verzameling.
//       en: Only these tables (ids or IRIs, comma-separated); a set of your own choosing.
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
MATCH (m:Membership) WHERE m.validFrom IS NOT NULL  // start of the seat
RETURN m.iri AS s, 'start' AS fact, toString(m.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validThrough IS NOT NULL  // end of the seat
RETURN m.iri AS s, 'end' AS fact, toString(m.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:PART_OF_REGION]->(x)  // the region a region is part of (to group tables by their top region)
RETURN r.iri AS s, 'region-parent' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:COVERS_GEMEENTE]->(g)  // its explicit gemeenten (a table without a region belongs to the IZA regions holding them)
RETURN t.iri AS s, 'covers' AS fact, g.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:DIVISION]->(d), (r)-[:HAS_GEMEENTE]->(g) WHERE d.iri = 'https://w3id.org/izagraph/concept/division/iza'  // the gemeenten of each IZA region
RETURN r.iri AS s, 'iza-gemeente' AS fact, g.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
