/**
 * Tamper-evident audit log: who did what to which opaque target, for which purpose, with what
 * outcome. Append-only and hash-chained; holds no personal data.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Audit log", allowedDependencies = "shared")
package no.vern.audit;
