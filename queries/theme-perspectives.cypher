// id: theme-perspectives
// kind: rule
// title:
//   nl: Ontbrekende perspectieven aan een thematafel
//   en: Missing perspectives at a theme table
// description:
//   nl: 'Toetst elke actieve tafel met een thema aan de verwachtingen voor dat thema in ontology/criteria.ttl of de
//     data (een criterium met izg:forTheme), bijvoorbeeld ggz aan een tafel over mentale gezondheid, een ziekenhuis
//     of het acute-zorgnetwerk bij acute zorg, onderwijs of werkgevers bij arbeidsmarkt, GGD of gemeenten bij preventie.
//     Waarom: een thematafel zonder de partij die het werk moet doen, maakt plannen die niemand uitvoert. Tafels zonder
//     vastgelegde leden laat deze regel aan table-gaps.'
//   en: 'Checks every active table with a theme against that theme''s expectations in ontology/criteria.ttl or the
//     data (a criterion with izg:forTheme), for example mental health care at a mental health table, a hospital or
//     the acute care network for acute care, education or employers for the labour market, GGD or gemeenten for prevention.
//     Why: a theme table without the party that must do the work makes plans nobody carries out. Tables without recorded
//     members are left to table-gaps.'
// severity: medium
// advice: binnen-buitenkring
// messages:
//   default:
//     nl: '{subject} werkt aan {theme} zonder ''{criterion}'' (een van: {requires}).'
//     en: '{subject} works on {theme} without ''{criterion}'' (any of: {requires}).'
//   no-mandate:
//     nl: '{subject} werkt aan {theme}; ''{criterion}'' is niet vervuld: {without_mandate} zit er uitdrukkelijk zonder
//       mandaat.'
//     en: '{subject} works on {theme}; ''{criterion}'' is not met: {without_mandate} sits there explicitly without a
//       mandate.'
//   not-recorded:
//     nl: '{subject} werkt aan {theme}; niet vastgelegd of ''{criterion}'' vervuld is: het mandaat van
//       {unknown_mandate} is onbekend.'
//     en: '{subject} works on {theme}; it is not recorded whether ''{criterion}'' is met: the mandate of
//       {unknown_mandate} is unknown.'
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
MATCH (t:Table)-[:THEME]->(x)  // its themes
RETURN t.iri AS s, 'theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
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
UNION ALL
MATCH (c:Criterion) WHERE c.notation IS NOT NULL  // each criterion (ontology/criteria.ttl or loaded with the data): its id
RETURN c.iri AS s, 'notation' AS fact, toString(c.notation) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion) WHERE c.prefLabel_nl IS NOT NULL  // its Dutch name
RETURN c.iri AS s, 'label-nl' AS fact, c.prefLabel_nl AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion) WHERE c.prefLabel_en IS NOT NULL  // its English name
RETURN c.iri AS s, 'label-en' AS fact, c.prefLabel_en AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion)-[:REQUIRES_ANY_OF]->(x)  // the perspectives that satisfy it
RETURN c.iri AS s, 'requires' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion) WHERE c.requiresMandate IS NOT NULL  // whether a mandate is needed
RETURN c.iri AS s, 'requires-mandate' AS fact, c.requiresMandate AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion) WHERE c.appliesToRegionalStructure IS NOT NULL  // applies to a region's collaboration structure
RETURN c.iri AS s, 'regional-structure' AS fact, c.appliesToRegionalStructure AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion)-[:FOR_THEME]->(x)  // applies to tables on this theme
RETURN c.iri AS s, 'for-theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion)-[:SEVERITY]->(x)  // severity of a miss
RETURN c.iri AS s, 'severity' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (c:Criterion)-[:ADVICE]->(x)  // the lesson to suggest
RETURN c.iri AS s, 'advice' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
