// id: known-regions
// kind: info
// title: {nl: Bekende regio's, en: Known regions}
// description:
//   nl: Elke regio in de store met haar naam, code en indeling; hiermee controleren check en query een opgegeven --region (een onbekende regio is een fout met een suggestie, geen lege uitkomst).
//   en: Every region in the store with its name, code and division; check and query use it to verify a given --region (an unknown region is an error with a suggestion, not an empty result).
MATCH (r:Region)
OPTIONAL MATCH (r)-[:DIVISION]->(d)
RETURN r.iri AS region, r.prefLabel AS label, r.regionCode AS code, d.iri AS division
ORDER BY region
