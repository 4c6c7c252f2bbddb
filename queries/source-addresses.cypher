// id: source-addresses
// kind: extract
// title:
//   nl: Bronnen met titel en adres
//   en: Sources with title and address
// description:
//   nl: 'Elke bron met haar titel en webadres (als dat er is). izagraph summary toont alleen http(s)-adressen als
//     link; elk ander adres (javascript:, data:, ...) wordt als gewone tekst getoond.'
//   en: 'Every source with its title and web address (if any). izagraph summary shows only http(s) addresses as a
//     link; any other address (javascript:, data:, ...) is shown as plain text.'
MATCH (source:Source)
RETURN source.iri AS source, source.title AS title, source.url AS url
ORDER BY source
