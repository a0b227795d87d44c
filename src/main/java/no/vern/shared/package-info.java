/**
 * Shared kernel: the injected clock, the problem hierarchy mapped to RFC 9457, database plumbing, and the one
 * implementation of each cross-cutting job (outgoing mail, acting as a job, rate limits, email and phone
 * normalisation, CSV, PDF, signed-link pages).
 * Keep it small: nothing here knows about subjects, consents or any other capability.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package no.vern.shared;
