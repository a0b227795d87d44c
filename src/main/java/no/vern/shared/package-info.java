/**
 * Shared kernel: the injected clock, the problem hierarchy mapped to RFC 9457, database plumbing, and
 * outgoing mail ({@link no.vern.shared.OutgoingMail}).
 * Keep it small: nothing here knows about subjects, consents or any other capability.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel")
package no.vern.shared;
