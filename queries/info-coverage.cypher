// id: info-coverage
// kind: info
// title: {nl: Dekking per regio-indeling, en: Coverage per region division}
// description:
//   nl: Per regio-indeling hoeveel gemeenten in een regio liggen volgens een bron (bekend), volgens een afleiding met vermelde methode (afgeleid), en het totaal aantal gemeenten; de rest is onbekend. De status van een lidmaatschap is die van het lidmaatschap zelf, anders die van de regio, anders 'source'; een gemeente die in de ene regio bekend en in de andere afgeleid is, telt als bekend.
//   en: Per region division how many gemeenten lie in a region according to a source (known), according to an inference with a stated method (inferred), and the total number of gemeenten; the rest is unknown. A membership's status is its own, else the region's, else 'source'; a gemeente known in one region and inferred in another counts as known.
CALL { MATCH (g:Gemeente) RETURN count(DISTINCT g) AS total }
MATCH (region:Region)-[:DIVISION]->(division:Resource)
MATCH (region)-[:HAS_GEMEENTE]->(gemeente:Resource)
OPTIONAL MATCH (region)-[:COMPOSITION_STATUS]->(regionStatus:Resource)
OPTIONAL MATCH (m:RegionMembership)-[:REGION]->(region)
WHERE (m)-[:GEMEENTE]->(gemeente)
OPTIONAL MATCH (m)-[:MEMBERSHIP_STATUS]->(ownStatus:Resource)
WITH total, division, gemeente,
     coalesce(ownStatus.iri, regionStatus.iri, 'https://w3id.org/izagraph/concept/region-status/source') AS status
WITH total, division, gemeente,
     min(CASE status WHEN 'https://w3id.org/izagraph/concept/region-status/source' THEN 0
                     WHEN 'https://w3id.org/izagraph/concept/region-status/inferred' THEN 1 ELSE 2 END) AS best
RETURN division.iri AS division, sum(CASE WHEN best = 0 THEN 1 ELSE 0 END) AS known,
       sum(CASE WHEN best = 1 THEN 1 ELSE 0 END) AS inferred, total
ORDER BY division
