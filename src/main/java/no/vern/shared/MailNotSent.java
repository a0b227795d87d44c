package no.vern.shared;

import java.util.UUID;

/**
 * An {@link Mail.Delivery#IMMEDIATE} message the mail server did not take. The message names the
 * reference and the kind of failure only (an SMTP reply can quote the address, so it is not kept).
 */
public class MailNotSent extends RuntimeException {

    private final UUID reference;
    private final boolean permanent;
    private final String failure;

    /** {@code failure} names the kind of failure (an exception class), never an address or a server reply. */
    public MailNotSent(UUID reference, boolean permanent, String failure) {
        super("Mail " + reference + " not sent (" + (permanent ? "refused" : "temporary") + ": " + failure + ")",
                null, false, false);
        this.reference = reference;
        this.permanent = permanent;
        this.failure = failure;
    }

    /** The message's reference. */
    public UUID reference() {
        return reference;
    }

    /** The kind of failure, e.g. {@code MailSendException}. */
    public String failure() {
        return failure;
    }

    /** True when retrying cannot help (a 5xx reply, a refused or malformed address); false for outages and 4xx. */
    public boolean permanent() {
        return permanent;
    }
}
