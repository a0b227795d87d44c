/**
 * Staff identity: login, roles, API tokens, lockout and rate limits, and the security rules that
 * every endpoint passes through.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = { "shared", "audit" })
package no.vern.identity;
