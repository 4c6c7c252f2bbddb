// id: en-en
// kind: rule
// title:
//   nl: 'En-en: oude en nieuwe structuur naast elkaar'
//   en: Both old and new structure side by side
// description:
//   nl: 'Zoekt een nieuwere actieve tafel die het thema en (bijna) het hele gebied van een oudere, nog actieve tafel
//     heeft overgenomen, terwijl (een groot deel van) dezelfde leden aan beide zitten. Beide begindata moeten bekend
//     zijn. Waarom: het governance-rapport noemt ''en-en'' als valkuil: geef de nieuwe structuur positie en laat oude
//     structuren los waar dat kan.'
//   en: 'Finds a newer active table that took over the theme and (nearly) the whole territory of an older table that
//     is still active, while (many of) the same members sit at both. Both start dates must be known. Why: the governance
//     report names running old and new side by side as a pitfall: give the new structure its place and let old structures
//     go where you can.'
// severity: medium
// advice: oude-structuren-loslaten
// messages:
//   default:
//     nl: '{subject} (sinds {newer_start}) bestrijkt het thema ({themes}) en {covered} van het gebied van {other}
//       (sinds {older_start}), dat nog actief is; {moved} van de leden van {other} zit ook aan {subject} ({shared_names}).'
//     en: '{subject} (since {newer_start}) covers the theme ({themes}) and {covered} of the territory of {other} (since
//       {older_start}), which is still active; {moved} of the members of {other} also sit at {subject} ({shared_names}).'
// params:
//   min_scope:
//     type: number
//     default: 0.9
//     min: 0
//     max: 1
//     description:
//       nl: Minimaal aandeel van het gebied van de oudere tafel dat de nieuwere bestrijkt.
//       en: Minimum share of the older table's territory that the newer one covers.
//   min_member_overlap:
//     type: number
//     default: 0.5
//     min: 0
//     max: 1
//     description:
//       nl: Minimaal aandeel van de leden van de oudere tafel dat ook aan de nieuwere zit.
//       en: Minimum share of the older table's members that also sit at the newer one.
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
