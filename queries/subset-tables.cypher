// id: subset-tables
// kind: rule
// title:
//   nl: Deeltafels
//   en: Subset tables
// description:
//   nl: 'Zoekt actieve tafels waarvan (bijna) alle leden ook aan een grotere actieve tafel op hetzelfde thema zitten,
//     met een overlappend of onbekend gebied. Tafels die onder elkaar hangen, slaat de regel standaard over: een werkgroep
//     uit leden van de stuurgroep is een ontwerpkeuze. Waarom: een kleinere tafel met alleen mensen die elkaar al
//     aan de grotere tafel spreken, kan vaak in die tafel opgaan.'
//   en: 'Finds active tables whose members (nearly) all sit at a larger active table on the same theme, with an overlapping
//     or unknown territory. By default tables that report to each other are skipped: a working group made of steering
//     group members is a design choice. Why: a smaller table with only people who already meet at the larger table
//     can often be folded into it.'
// severity: medium
// advice: oude-structuren-loslaten
// messages:
//   default:
//     nl: Van de {members} leden van {subject} zitten er {shared} ({containment}) ook aan {other} ({members_other}
//       leden), op hetzelfde thema ({themes}).
//     en: Of the {members} members of {subject}, {shared} ({containment}) also sit at {other} ({members_other} members),
//       on the same theme ({themes}).
// params:
//   min_containment:
//     type: number
//     default: 0.9
//     min: 0
//     max: 1
//     description:
//       nl: Minimaal aandeel van de leden dat ook aan de grotere tafel zit.
//       en: Minimum share of the members that also sit at the larger table.
//   min_members:
//     type: integer
//     default: 2
//     min: 1
//     description:
//       nl: Tafels met minder leden dan dit worden niet beoordeeld (één lid is altijd een deelverzameling).
//       en: Tables with fewer members than this are not judged (one member is always a subset).
//   skip_parent_child:
//     type: boolean
//     default: true
//     description:
//       nl: Tafels die onder elkaar hangen overslaan.
//       en: Skip tables that report to each other.
//   min_shared:
//     type: integer
//     default: 2
//     min: 1
//     description:
//       nl: 'Minimaal aantal gedeelde leden voor een paar tafels. Waarom 2: één gedeeld lid zegt niets over de
//         structuur (vaak is het het enige vastgelegde lid, zoals het traumacentrum van een ROAZ-netwerk, en is
//         Jaccard dan 100%); vanaf twee komen dezelfde partijen twee keer bijeen.'
//       en: 'Minimum number of shared members for a pair of tables. Why 2: one shared member says nothing about the
//         structure (it is often the only recorded member, such as the trauma centre of a ROAZ network, and then
//         Jaccard is 100%); from two on, the same parties meet twice.'
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
MATCH (t:Table)-[:THEME]->(x)  // its themes
RETURN t.iri AS s, 'theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.validFrom IS NOT NULL  // start date
RETURN t.iri AS s, 'start' AS fact, toString(t.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table) WHERE t.validThrough IS NOT NULL  // end date
RETURN t.iri AS s, 'end' AS fact, toString(t.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:COVERS_GEMEENTE]->(x)  // its explicit gemeenten (territory)
RETURN t.iri AS s, 'covers' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->(x)  // its region (territory)
RETURN t.iri AS s, 'spatial' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->()-[:HAS_GEMEENTE]->(x)  // the gemeenten of its region
RETURN t.iri AS s, 'spatial-gemeente' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SUB_ORGANIZATION_OF]->(x)  // the table it reports to
RETURN t.iri AS s, 'parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
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
MATCH (r:Region)-[:DIVISION]->(x)  // each region: its division (regions of one division do not overlap)
RETURN r.iri AS s, 'division' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (r:Region)-[:PART_OF_REGION]->(x)  // the region a region is part of
RETURN r.iri AS s, 'region-parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
