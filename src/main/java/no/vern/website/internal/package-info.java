/** Banner configuration, consent proofs, beacon ingest, salts, aggregation jobs and demo data. */
@org.jspecify.annotations.NullMarked
package no.vern.website.internal;
