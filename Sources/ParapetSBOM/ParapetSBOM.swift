// ParapetSBOM writes a bill of materials of the locked dependency graph that ParapetDeps reads:
// CycloneDX 1.6 (JSON, and XML through libxml2) and SPDX 2.3 JSON.
//
// Design choices:
// - One `BillOfMaterials` model (components keyed by purl, edges, the root) feeds every writer,
//   so the formats list the same packages and edges.
// - Output is deterministic: components and edges sorted; with `reproducible`, the timestamp comes
//   from SOURCE_DATE_EPOCH (or 0) and the serial number is derived from the content.
