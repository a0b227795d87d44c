/**
 * Staff identity: login (with progressive delays and an optional second factor), roles, API tokens, rate limits,
 * the password policy, and the security rules that every endpoint passes through.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = { "shared", "audit" })
package no.vern.identity;
