// id: info-programmes
// kind: info
// title: {nl: Tafels en zetels per programma, en: Tables and seats per programme}
// description:
//   nl: Per programma (IZA, GALA, WOZO, TAZ, ROAZ, Jeugd, regulier) het aantal tafels en lidmaatschappen.
//   en: Per programme the number of tables and memberships.
MATCH (table:Table)-[:PROGRAMME]->(programme:Resource)
OPTIONAL MATCH (membership:Resource)-[:ORGANIZATION]->(table)
RETURN programme.iri AS programme, count(DISTINCT table) AS tables, count(DISTINCT membership) AS memberships
ORDER BY tables DESC, programme
