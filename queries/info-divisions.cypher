// id: info-divisions
// kind: info
// title: {nl: Regio's per regio-indeling, en: Regions per region division}
// description:
//   nl: Per regio-indeling het aantal regio's, hoeveel daarvan gemeenten uit een bron, afgeleid of onbekend hebben, het aantal gedekte gemeenten en het verwachte aantal regio's.
//   en: Per region division the number of regions, how many have gemeenten from a source, inferred or unknown, the gemeenten covered and the expected number of regions.
MATCH (region:Region)-[:DIVISION]->(division:Resource)
OPTIONAL MATCH (region)-[:COMPOSITION_STATUS]->(status:Resource)
OPTIONAL MATCH (region)-[:HAS_GEMEENTE]->(gemeente:Resource)
WITH division, region, status.iri AS status, gemeente
RETURN division.iri AS division, division.expectedRegionCount AS expected,
       count(DISTINCT region) AS regions,
       count(DISTINCT CASE WHEN status IS NULL OR status = 'https://w3id.org/izagraph/concept/region-status/source'
                           THEN region END) AS from_source,
       count(DISTINCT CASE WHEN status = 'https://w3id.org/izagraph/concept/region-status/inferred'
                           THEN region END) AS inferred_count,
       count(DISTINCT CASE WHEN status = 'https://w3id.org/izagraph/concept/region-status/unknown'
                           THEN region END) AS unknown_count,
       count(DISTINCT gemeente) AS gemeenten
ORDER BY division
