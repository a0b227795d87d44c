/** Identity: REST endpoints for staff accounts, API tokens and the caller's own identity. */
@org.jspecify.annotations.NullMarked
package no.vern.identity.api;
