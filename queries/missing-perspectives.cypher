// id: missing-perspectives
// kind: rule
// title:
//   nl: Ontbrekende perspectieven in de regionale samenwerkingsstructuur
//   en: Missing perspectives in the regional collaboration structure
// description:
//   nl: 'Toetst de samenwerkingsstructuur onder elke actieve tafel die als regionale samenwerkingsstructuur is gemarkeerd
//     (de toptafel en de actieve tafels eronder, zoals seed 001 de IZA-criteria formuleert: "in de samenwerkingsstructuur";
//     met scope=top alleen de toptafel) aan de IZA-criteria in ontology/criteria.ttl (of met de data geladen): zorgaanbieders, zorgprofessionals, zorgverzekeraars, gemeenten met een mandaat, de
//     regionale GGD, het sociaal domein en burgers/patiënten. Een fijnere sector telt voor zijn bredere perspectief
//     (huisartsen tellen als zorgaanbieder én als zorgprofessional). Het perspectief van een zetel is het opgegeven
//     perspectief, anders de sector van het lid, anders (een persoon) die van de organisatie namens wie hij zit. Waarom:
//     het IZA spreekt af dat deze partijen verbindend vertegenwoordigd zijn; een ontbrekend perspectief betekent dat
//     besluiten buiten die partij om vallen. Ernst en advies komen uit het criterium. Een tafel zonder vastgelegde
//     leden wordt niet getoetst maar als ''info'' gemeld. Gemeenten tellen alleen met een vastgelegd mandaat (ja); staat
//     het mandaat niet vast (leeg of onbekend), dan is het criterium ''niet vastgelegd'' (laag, een hiaat in de
//     gegevens), niet ''niet vervuld''. Het bewijs zegt in welke laag (1 = toptafel) elk perspectief zit.'
//   en: 'Checks the collaboration structure under every active table marked as a region''s collaboration structure (the
//     top table and the active tables under it, as seed 001 words the IZA criteria: "in the collaboration structure";
//     with scope=top only the top table) against the IZA criteria in ontology/criteria.ttl (or loaded with the data): care providers, care professionals, health insurers, gemeenten with a mandate, the
//     regional GGD, the social domain and citizens/patients. A finer sector counts for its broader perspective (general
//     practitioners count as care provider and as care professional). A seat''s perspective is the one given, else
//     the member''s sector, else (a person) that of the organisation it sits for. Why: the IZA agrees that these parties
//     are represented; a missing perspective means decisions are taken without it. Severity and advice come from the
//     criterion. A table without recorded members is not checked but reported as ''info''; a perspective absent from the recorded members while some table of the structure has no recorded members is ''not recorded'' (low, a gap in the data), not missing. Gemeenten count only with a
//     recorded mandate (yes); when the mandate is not recorded (empty or unknown) the criterion is ''not recorded'' (low,
//     a gap in the data), not ''not met''. The evidence says in which layer (1 = top table) each perspective sits.'
// severity: high
// advice: binnen-buitenkring
// messages:
//   default:
//     nl: 'In {scope} ontbreekt het perspectief ''{criterion}'' (een van: {requires}).'
//     en: 'In {scope} the perspective ''{criterion}'' is missing (any of: {requires}).'
//   no-mandate:
//     nl: 'In {scope} is ''{criterion}'' niet vervuld: {without_mandate} zit er uitdrukkelijk zonder mandaat.'
//     en: 'In {scope} ''{criterion}'' is not met: {without_mandate} sits there explicitly without a mandate.'
//   not-recorded:
//     nl: 'Voor {scope} is niet vastgelegd of ''{criterion}'' vervuld is: het mandaat van {unknown_mandate} is
//       onbekend.'
//     en: 'For {scope} it is not recorded whether ''{criterion}'' is met: the mandate of {unknown_mandate} is unknown.'
//     severity: low
//     gap: data
//   members-unrecorded:
//     nl: 'Onder de vastgelegde leden van {scope} komt ''{criterion}'' (een van: {requires}) niet voor, maar
//       van {unrecorded} is niet vastgelegd wie er zitten: niet vast te stellen of het perspectief ontbreekt.'
//     en: '''{criterion}'' (any of: {requires}) is not among the recorded members of {scope}, but who sits at
//       {unrecorded} is not recorded: whether the perspective is missing cannot be decided.'
//     severity: low
//     gap: data
//   no-members:
//     nl: Voor {subject} zijn geen actieve leden vastgelegd; de IZA-criteria kunnen niet worden getoetst.
//     en: No active members are recorded for {subject}; the IZA criteria cannot be checked.
//     severity: info
//     gap: data
// params:
//   scope:
//     type: string
//     default: structure
//     choices: [structure, top]
//     description:
//       nl: 'Wat getoetst wordt: structure (standaard) = de toptafel en alle actieve tafels eronder; top = alleen de
//         toptafel.'
//       en: 'What is checked: structure (default) = the top table and every active table under it; top = the top table
//         only.'
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
MATCH (t:Table)-[:THEME]->(x)  // its themes
RETURN t.iri AS s, 'theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:SPATIAL]->(x)  // its region (territory)
RETURN t.iri AS s, 'spatial' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (t:Table)-[:SUB_ORGANIZATION_OF]->(x)  // the table it reports to
RETURN t.iri AS s, 'parent' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
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
MATCH (m:Membership)-[:ORGANIZATION]->(x)  // each seat: its table
RETURN m.iri AS s, 'table' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:MEMBER]->(x)  // who sits
RETURN m.iri AS s, 'member' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:MEMBER]->(x) WHERE x:Person OR x:Gemeente  // person or gemeente (else an organisation)
RETURN m.iri AS s, 'member-kind' AS fact, CASE WHEN x:Person THEN 'person' ELSE 'gemeente' END AS o,
       null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:PERSPECTIVE]->(x)  // the perspective given for the seat
RETURN m.iri AS s, 'perspective' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:MEMBER]->()-[:SECTOR]->(x)  // the member's sector
RETURN m.iri AS s, 'sector' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->(x)  // on behalf of
RETURN m.iri AS s, 'behalf' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->()-[:SECTOR]->(x)  // sector of whom it speaks for
RETURN m.iri AS s, 'behalf-sector' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:ON_BEHALF_OF]->(x:Gemeente)  // gemeenten it speaks for
RETURN m.iri AS s, 'behalf-gemeente' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership) WHERE m.mandate IS NOT NULL  // mandate recorded
RETURN m.iri AS s, 'mandate' AS fact, m.mandate AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership) WHERE m.validFrom IS NOT NULL  // start of the seat
RETURN m.iri AS s, 'start' AS fact, toString(m.validFrom) AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership) WHERE m.validThrough IS NOT NULL  // end of the seat
RETURN m.iri AS s, 'end' AS fact, toString(m.validThrough) AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (m:Membership)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN m.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion) WHERE c.notation IS NOT NULL  // each criterion (ontology/criteria.ttl or loaded with the data): its id
RETURN c.iri AS s, 'notation' AS fact, toString(c.notation) AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion) WHERE c.prefLabel_nl IS NOT NULL  // its Dutch name
RETURN c.iri AS s, 'label-nl' AS fact, c.prefLabel_nl AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion) WHERE c.prefLabel_en IS NOT NULL  // its English name
RETURN c.iri AS s, 'label-en' AS fact, c.prefLabel_en AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion)-[:REQUIRES_ANY_OF]->(x)  // the perspectives that satisfy it
RETURN c.iri AS s, 'requires' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion) WHERE c.requiresMandate IS NOT NULL  // whether a mandate is needed
RETURN c.iri AS s, 'requires-mandate' AS fact, c.requiresMandate AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion) WHERE c.appliesToRegionalStructure IS NOT NULL  // applies to a region's collaboration structure
RETURN c.iri AS s, 'regional-structure' AS fact, c.appliesToRegionalStructure AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion)-[:FOR_THEME]->(x)  // applies to tables on this theme
RETURN c.iri AS s, 'for-theme' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion)-[:SEVERITY]->(x)  // severity of a miss
RETURN c.iri AS s, 'severity' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
UNION ALL
MATCH (c:Criterion)-[:ADVICE]->(x)  // the lesson to suggest
RETURN c.iri AS s, 'advice' AS fact, x.iri AS o, null AS oLabel, $region AS region, $programme AS programme
