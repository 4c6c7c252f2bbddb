// id: table-gaps
// kind: rule
// title:
//   nl: Lacunes in de inrichting van tafels
//   en: Gaps in how tables are set up
// description:
//   nl: 'Meldt per actieve tafel wat niet is vastgelegd: het soort voorzitterschap, de besluitvormingsregel, de leden,
//     een thema (voor de soorten tafels die aan een thema werken) en de tafel waaronder hij hangt (voor themateams
//     en werkgroepen). Waarom: zonder voorzitter en besluitregel is onduidelijk hoe een tafel tot besluiten komt;
//     een themateam dat nergens onder hangt, legt aan niemand verantwoording af. De meldingen zeggen ''niet vastgelegd'':
//     izagraph weet alleen wat de bronnen vastleggen.'
//   en: 'Reports per active table what is not recorded: the kind of chair, the decision rule, the members, a theme
//     (for the kinds of table that work on a theme) and the table it reports to (for theme teams and working groups).
//     Why: without a chair and a decision rule it is unclear how a table decides; a theme team that reports to no
//     one is accountable to no one. The findings say ''not recorded'': izagraph only knows what its sources record.'
// severity: low
// gap: data
// advice: investeer-in-werking
// messages:
//   no-chair:
//     nl: Voor {subject} is geen soort voorzitterschap vastgelegd.
//     en: No kind of chair is recorded for {subject}.
//     severity: low
//   no-decision-rule:
//     nl: Voor {subject} is geen besluitvormingsregel vastgelegd.
//     en: No decision rule is recorded for {subject}.
//     severity: low
//   no-members:
//     nl: Voor {subject} zijn geen actieve leden vastgelegd.
//     en: No active members are recorded for {subject}.
//     severity: medium
//     advice: binnen-buitenkring
//   no-theme:
//     nl: '{subject} ({kind}) heeft geen thema vastgelegd.'
//     en: '{subject} ({kind}) has no theme recorded.'
//     severity: low
//     advice: sturen-op-resultaat
//   no-parent:
//     nl: '{subject} ({kind}) hangt onder geen andere tafel: onduidelijk aan wie het verantwoording aflegt.'
//     en: '{subject} ({kind}) reports to no other table: it is unclear to whom it is accountable.'
//     severity: medium
//     advice: sturen-op-resultaat
// params:
//   gaps:
//     type: list
//     choices:
//     - chair
//     - decision-rule
//     - members
//     - theme
//     - parent
//     default: chair;decision-rule;members;theme;parent
//     description:
//       nl: Welke lacunes worden gezocht, gescheiden door ';'.
//       en: Which gaps to look for, separated by ';'.
//   theme_kinds:
//     type: list
//     scheme: table-kind
//     default: themateam;werkgroep
//     description:
//       nl: Soorten tafels die een thema horen te hebben (een regiotafel dekt alle thema's).
//       en: Kinds of table that should have a theme (a region's top table covers all themes).
//   parent_kinds:
//     type: list
//     scheme: table-kind
//     default: themateam;werkgroep
//     description:
//       nl: Soorten tafels die onder een andere tafel horen te hangen.
//       en: Kinds of table that should report to another table.
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
MATCH (t:Table)-[:TABLE_KIND]->(x)  // its kind
RETURN t.iri AS s, 'kind' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:CHAIR_TYPE]->(x)  // its chair type
RETURN t.iri AS s, 'chair' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:DECISION_RULE]->(x)  // its decision rule
RETURN t.iri AS s, 'decision' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:THEME]->(x)  // its themes
RETURN t.iri AS s, 'theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (t:Table)-[:SUB_ORGANIZATION_OF]->(x)  // the table it reports to
RETURN t.iri AS s, 'parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
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
MATCH (m:Membership) WHERE m.validFrom IS NOT NULL  // start of the seat
RETURN m.iri AS s, 'start' AS fact, toString(m.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
UNION ALL
MATCH (m:Membership) WHERE m.validThrough IS NOT NULL  // end of the seat
RETURN m.iri AS s, 'end' AS fact, toString(m.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme, $theme AS theme
