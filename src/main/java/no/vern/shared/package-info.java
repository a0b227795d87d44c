/**
 * Shared kernel: the injected clock, the problem hierarchy mapped to RFC 9457, and database plumbing.
 * Keep it small: nothing here knows about subjects, consents or any other capability.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package no.vern.shared;
