// id: info-sources
// kind: info
// title: {nl: Bronnen, en: Sources}
// description:
//   nl: Elke bron met uitgever, datum, soort (echt of illustratief), betrouwbaarheid en het aantal feiten dat ernaar verwijst.
//   en: Every source with publisher, date, kind (real or illustrative), confidence and the number of facts citing it.
MATCH (source:Source)-[:EVIDENCE]->(evidence:Resource)
WHERE source.title IS NOT NULL
OPTIONAL MATCH (source)-[:CONFIDENCE]->(confidence:Resource)
OPTIONAL MATCH (fact:Resource)-[:SOURCE]->(source)
RETURN source.iri AS source, source.title AS title, source.publisher AS publisher, source.date AS date,
       evidence.iri AS evidence, confidence.iri AS confidence, count(DISTINCT fact) AS facts
ORDER BY evidence, facts DESC, source
