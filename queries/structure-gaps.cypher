// id: structure-gaps
// kind: rule
// title:
//   nl: Lacunes in de regionale samenwerkingsstructuur
//   en: Gaps in the regional collaboration structure
// description:
//   nl: 'Kijkt per actieve tafel die als regionale samenwerkingsstructuur is gemarkeerd of de structuur eronder (de
//     tafel en alles wat eronder hangt) een orgaan voor monitoring en evaluatie heeft (een adviescommissie of een
//     tafel met thema monitoring), en of er een werkagenda is voor de regio (of een regio waar die in ligt) of gestuurd
//     door een tafel van de structuur. Waarom: het IZA vraagt vast te leggen op welke resultaten wordt gestuurd (werkagenda)
//     en hoe de voortgang zichtbaar wordt (PDCA-cyclus).'
//   en: 'Checks per active table marked as a region''s collaboration structure whether the structure under it (the
//     table and everything reporting to it) has a body for monitoring and evaluation (an advisory committee or a table
//     on the monitoring theme), and whether there is a work agenda for the region (or a region it lies in) or steered
//     by a table of the structure. Why: the IZA asks regions to record which results they steer on (work agenda) and
//     how progress is made visible (PDCA cycle).'
// severity: medium
// gap: data
// advice: sturen-op-resultaat
// messages:
//   no-monitoring:
//     nl: 'In de structuur onder {subject} ({n} tafels) is geen adviescommissie of tafel op monitoring vastgelegd:
//       onduidelijk wie voortgang en effect bewaakt.'
//     en: 'The structure under {subject} ({n} tables) has no advisory committee or monitoring table recorded: it is
//       unclear who watches progress and effect.'
//   no-werkagenda:
//     nl: 'Voor {subject} is geen werkagenda vastgelegd, niet voor de regio en niet gestuurd door de structuur: de
//       PDCA-cyclus van het regioplan heeft geen anker.'
//     en: 'No work agenda is recorded for {subject}, neither for the region nor steered by the structure: the PDCA
//       cycle of the regional plan has no anchor.'
// params:
//   monitoring_kinds:
//     type: list
//     scheme: table-kind
//     default: adviescommissie
//     description:
//       nl: Soorten tafels die als monitoringsorgaan tellen.
//       en: Kinds of table that count as a monitoring body.
//   monitoring_themes:
//     type: list
//     scheme: theme
//     default: monitoring
//     description:
//       nl: Thema's waarmee een tafel als monitoringsorgaan telt.
//       en: Themes that make a table count as a monitoring body.
//   plan_kinds:
//     type: list
//     scheme: plan-kind
//     default: werkagenda
//     description:
//       nl: Soorten plannen die als werkagenda tellen.
//       en: Kinds of plan that count as a work agenda.
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
//   today:
//     type: date
//     default: null
//     description:
//       nl: 'Peildatum voor ''actief'' (JJJJ-MM-DD, standaard vandaag): een tafel of zetel zonder einddatum, of met
//         een einddatum op of na deze dag, telt mee.'
//       en: 'Reference date for ''active'' (YYYY-MM-DD, default today): a table or seat without an end date, or ending
//         on or after this day, counts.'
MATCH (t:Table)  // every table
RETURN t.iri AS s, 'is' AS fact, 'table' AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table) WHERE t.prefLabel IS NOT NULL  // its name
RETURN t.iri AS s, 'label' AS fact, t.prefLabel AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:TABLE_KIND]->(x)  // its kind
RETURN t.iri AS s, 'kind' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:THEME]->(x)  // its themes
RETURN t.iri AS s, 'theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:SUB_ORGANIZATION_OF]->(x)  // the table it reports to
RETURN t.iri AS s, 'parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->(x)  // its region (territory)
RETURN t.iri AS s, 'spatial' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table) WHERE t.validFrom IS NOT NULL  // start date
RETURN t.iri AS s, 'start' AS fact, toString(t.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table) WHERE t.validThrough IS NOT NULL  // end date
RETURN t.iri AS s, 'end' AS fact, toString(t.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table) WHERE t.regionalStructure IS NOT NULL  // marked as a region's collaboration structure
RETURN t.iri AS s, 'regional-structure' AS fact, t.regionalStructure AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)  // passes the filters
WHERE ($programme IS NULL OR EXISTS { MATCH (t)-[:PROGRAMME]->(x) WHERE x.iri = $programme })
  AND ($region IS NULL
       OR EXISTS { MATCH (t)-[:SPATIAL]->(x) WHERE x.iri = $region }
       OR EXISTS { MATCH (t)-[:SPATIAL]->()-[:PART_OF_REGION*1..]->(x) WHERE x.iri = $region }
       OR EXISTS { MATCH (t)-[:COVERS_GEMEENTE]->()<-[:HAS_GEMEENTE]-(x) WHERE x.iri = $region }
       OR EXISTS { MATCH (t)-[:SPATIAL]->()-[:HAS_GEMEENTE]->()<-[:HAS_GEMEENTE]-(x)
                   WHERE x.iri = $region })
RETURN t.iri AS s, 'in-scope' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN t.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (r:Region)-[:PART_OF_REGION]->(x)  // the region it is part of
RETURN r.iri AS s, 'region-parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (p:Plan)-[:PLAN_KIND]->(x)  // each plan: its kind
RETURN p.iri AS s, 'plan-kind' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (p:Plan)-[:FOR_REGION]->(x)  // its region
RETURN p.iri AS s, 'for-region' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (p:Plan) WHERE p.date IS NOT NULL  // its date: a plan dated after the peildatum does not exist yet
RETURN p.iri AS s, 'start' AS fact, toString(p.date) AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (p:Plan)-[:STEERED_BY]->(x)  // the tables that steer it
RETURN p.iri AS s, 'steered-by' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (p:Plan) WHERE p.prefLabel IS NOT NULL  // its name
RETURN p.iri AS s, 'label' AS fact, p.prefLabel AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:TASK]->(x)  // the tasks a table itself carries (monitoring, werkagenda, ...)
RETURN t.iri AS s, 'task' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
