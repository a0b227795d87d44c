/** Data-subject requests: REST endpoints under /api/v1/requests. */
@org.jspecify.annotations.NullMarked
package no.vern.requests.api;
