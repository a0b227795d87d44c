package no.vern.communications;

/**
 * The answer for one address the caller sent; holds only what the caller sent plus the reason, and
 * masks the address in {@code toString()}.
 *
 * @param email the address exactly as the caller sent it
 * @param reason eligible, or why not
 */
public record EligibilityAnswer(String email, EligibilityReason reason) {

    /** Whether the address may be contacted. */
    public boolean eligible() {
        return reason == EligibilityReason.ELIGIBLE;
    }

    @Override
    public String toString() {
        return "EligibilityAnswer[***, " + reason + "]";
    }
}
