// id: provenance
// kind: extract
// title:
//   nl: Herkomst van elk feit
//   en: Provenance of every fact
// description:
//   nl: 'Voor elke entiteit met een bron (tafel, zetel, persoon, organisatie, gemeente, regio, plan, criterium,
//     governancekeuze): de bron, de soort bron (echt of illustratief) en de betrouwbaarheid zoals opgegeven (leeg =
//     niet vermeld), en voor een regio hoe haar gemeenten bekend zijn (uit bron, afgeleid, onbekend). izagraph check
//     draait deze query één keer en geeft elke bevinding de zwakste basis en de laagste betrouwbaarheid van alle
//     feiten waarop ze rust.'
//   en: 'For every entity with a source (table, seat, person, organisation, gemeente, region, plan, criterion,
//     governance choice): the source, the kind of source (real or illustrative) and the confidence as given (empty =
//     not stated), and for a region how its gemeenten are known (from source, inferred, unknown). izagraph check runs
//     this query once and gives every finding the weakest basis and the lowest confidence of all facts it rests on.'
MATCH (s:Resource)-[:SOURCE]->(src:Resource)
OPTIONAL MATCH (src)-[:EVIDENCE]->(kind:Resource)
OPTIONAL MATCH (src)-[:CONFIDENCE]->(confidence:Resource)
OPTIONAL MATCH (s)-[:COMPOSITION_STATUS]->(status:Resource)
RETURN s.iri AS s, src.iri AS source, kind.iri AS kind, confidence.iri AS confidence, status.iri AS status
