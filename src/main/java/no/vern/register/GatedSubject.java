package no.vern.register;

/**
 * A subject found by a lookup for a consent check, with whether the {@link ConsentGate} permits it for the check's
 * purpose, answered in the lookup's own statement (issue 28 item 2). Holds no personal data.
 *
 * @param subject the subject found
 * @param consentInForce whether it has a consent in force for the purpose (the gate's rule, at the lookup's time)
 */
public record GatedSubject(SubjectSummary subject, boolean consentInForce) {
}
