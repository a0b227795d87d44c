/** Audit module: REST endpoints under /api/v1/audit. */
@org.jspecify.annotations.NullMarked
package no.vern.audit.api;
