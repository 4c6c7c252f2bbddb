// id: region-incongruence
// kind: rule
// title:
//   nl: Regio-indelingen die niet in elkaar passen
//   en: Region divisions that do not nest
// description:
//   nl: 'Vergelijkt elk paar regio-indelingen (IZA-regio, zorgkantoorregio, GGD-regio, ROAZ-regio, jeugdregio, arbeidsmarktregio,
//     …) op de gemeenten die in beide voorkomen: welke gemeenten liggen in regio''s die elkaar overlappen zonder dat
//     de een binnen de ander valt, welk deel van de regio''s van A binnen één regio van B ligt (en omgekeerd), en
//     de aangepaste Rand-index als symmetrische maat (1 = gelijke indeling). Waarom: programma''s die in verschillende
//     regio''s werken, vragen partijen aan meer tafels en maken afstemming over grenzen heen nodig.'
//   en: 'Compares every pair of region divisions (IZA region, care office region, GGD region, ROAZ region, youth region,
//     labour market region, …) on the gemeenten found in both: which gemeenten lie in regions that overlap without
//     one lying inside the other, what share of A''s regions lies inside one region of B (and vice versa), and the
//     adjusted Rand index as a symmetric measure (1 = the same division). Why: programmes working in different regions
//     put parties at more tables and need coordination across borders.'
// severity: low
// advice: binnen-buitenkring
// messages:
//   default:
//     nl: '{a} en {b} passen niet in elkaar: {n} van de {compared} gemeenten liggen in regio''s die elkaar alleen
//       gedeeltelijk overlappen ({names}). {a_in_b} van de regio''s van {a} ligt binnen één regio van {b}, {b_in_a}
//       omgekeerd; aangepaste Rand-index {ari}.'
//     en: '{a} and {b} do not nest: {n} of the {compared} gemeenten lie in regions that overlap only partly ({names}).
//       {a_in_b} of the regions of {a} lie inside one region of {b}, {b_in_a} the other way round; adjusted Rand index
//       {ari}.'
// params:
//   divisions:
//     type: list
//     scheme: division
//     default: iza;zorgkantoor;ggd;roaz;jeugd;arbeidsmarkt
//     description:
//       nl: De regio-indelingen die worden vergeleken, gescheiden door ';' (zie 'izagraph vocab division'). Standaard
//         de indelingen van de programma's; provincie, COROP, veiligheidsregio en IZA-subregio kunnen erbij.
//       en: The region divisions to compare, separated by ';' (see 'izagraph vocab division'). By default the programmes'
//         divisions; provincie, COROP, veiligheidsregio and IZA subregion can be added.
//   min_gemeenten:
//     type: integer
//     default: 1
//     min: 1
//     description:
//       nl: Minimaal aantal gemeenten in gedeeltelijk overlappende regio's voor een melding.
//       en: Minimum number of gemeenten in partly overlapping regions for a finding.
//   region:
//     type: region
//     default: null
//     bind: true
//     description:
//       nl: Alleen de gemeenten van deze regio vergelijken (id of IRI).
//       en: Compare only the gemeenten of this region (id or IRI).
MATCH (r:Region)-[:DIVISION]->(x)  // each region: its division
RETURN r.iri AS s, 'division' AS fact, x.iri AS o, null AS oLabel, $region AS region
UNION ALL
MATCH (r:Region) WHERE r.prefLabel IS NOT NULL  // its name
RETURN r.iri AS s, 'label' AS fact, r.prefLabel AS o, null AS oLabel, $region AS region
UNION ALL
MATCH (r:Region)-[:HAS_GEMEENTE]->(x)  // its gemeenten
RETURN r.iri AS s, 'gemeente' AS fact, x.iri AS o, x.prefLabel AS oLabel, $region AS region
UNION ALL
MATCH (r:Region)-[:SOURCE]->()-[:EVIDENCE]->(e) WHERE e.iri = 'https://w3id.org/izagraph/concept/evidence/illustrative'  // rests on an illustrative source
RETURN r.iri AS s, 'illustrative' AS fact, true AS o, null AS oLabel, $region AS region
UNION ALL
MATCH (g:Gemeente)  // gemeenten that pass the region filter
WHERE $region IS NULL OR EXISTS { MATCH (x)-[:HAS_GEMEENTE]->(g) WHERE x.iri = $region }
RETURN g.iri AS s, 'gemeente-in-scope' AS fact, true AS o, null AS oLabel, $region AS region
