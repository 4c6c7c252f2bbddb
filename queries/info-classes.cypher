// id: info-classes
// kind: info
// title: {nl: Aantallen per klasse, en: Counts per class}
// description:
//   nl: Hoeveel gemeenten, regio's, organisaties, personen, tafels, lidmaatschappen, plannen en bronnen de graaf bevat.
//   en: How many gemeenten, regions, organisations, persons, tables, memberships, plans and sources the graph holds.
// Labels are the classes' local names; the class IRIs are listed here so the rows equal the SPARQL ones.
UNWIND [
  {class: 'https://w3id.org/izagraph/def#Gemeente', label: 'Gemeente'},
  {class: 'https://w3id.org/izagraph/def#Region', label: 'Region'},
  {class: 'https://w3id.org/izagraph/def#Organisation', label: 'Organisation'},
  {class: 'https://w3id.org/izagraph/def#Person', label: 'Person'},
  {class: 'https://w3id.org/izagraph/def#Table', label: 'Table'},
  {class: 'http://www.w3.org/ns/org#Membership', label: 'Membership'},
  {class: 'https://w3id.org/izagraph/def#Plan', label: 'Plan'},
  {class: 'https://w3id.org/izagraph/def#Source', label: 'Source'},
  {class: 'https://w3id.org/izagraph/def#GovernanceChoice', label: 'GovernanceChoice'}
] AS c
MATCH (s:Izagraph)
WHERE c.label IN labels(s)
RETURN c.class AS class, count(DISTINCT s) AS count
ORDER BY class
