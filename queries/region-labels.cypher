// id: region-labels
// kind: extract
// title:
//   nl: Regio's met naam, indeling en status
//   en: Regions with name, division and status
// description:
//   nl: 'Elke regio met haar naam, haar regio-indeling en hoe haar gemeenten bekend zijn (uit bron, afgeleid,
//     onbekend). izagraph summary gebruikt dit om regio''s eenduidig te noemen (naam met indeling) en per regio te
//     tellen.'
//   en: 'Every region with its name, its region division and how its gemeenten are known (from source, inferred,
//     unknown). izagraph summary uses this to name regions unambiguously (name with division) and to count per
//     region.'
MATCH (region:Region)
OPTIONAL MATCH (region)-[:DIVISION]->(division:Resource)
OPTIONAL MATCH (region)-[:COMPOSITION_STATUS]->(status:Resource)
RETURN region.iri AS region, region.prefLabel AS label, division.iri AS division, status.iri AS status
ORDER BY region
