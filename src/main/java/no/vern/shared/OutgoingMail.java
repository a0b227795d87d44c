package no.vern.shared;

import java.util.UUID;

/**
 * The one way Vern sends email: every message comes from the company profile's sender
 * with its footer ({@link MailSignature}), goes through the
 * durable outbox unless the caller asks for {@link Mail.Delivery#IMMEDIATE}, and is logged only by its
 * opaque reference, never by address, subject or text.
 *
 * <pre>{@code
 * UUID ref = mail.send(Mail.fromTemplate(email, messages, "events.mail.confirmed", language, args));
 * }</pre>
 */
public interface OutgoingMail {

    /**
     * Sends the message as its {@link Mail#delivery()} says and returns its reference (the only thing a log
     * line may name). For {@code OUTBOX}, joins the caller's transaction: a rollback sends nothing.
     *
     * @throws MailNotSent for {@code IMMEDIATE} only, when the mail server did not take the message
     */
    UUID send(Mail mail);

    /**
     * Does the work {@link #send} does for an outbox message (the message sealed, a row written in the caller's
     * transaction) and then discards it: nothing is kept and nothing is ever sent. For callers whose answer must
     * take as long whether or not they have someone to write to (the privacy center, for an address not on
     * file: EDPB Guidelines 01/2022, no enumeration by timing). Returns nothing a caller could log.
     */
    void decoy(Mail mail);
}
