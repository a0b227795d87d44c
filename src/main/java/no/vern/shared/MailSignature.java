package no.vern.shared;

import java.util.Locale;

/**
 * Who every mail comes from and the footer under it, as the company profile says (issue 21): implemented by
 * the record of processing, read by {@link OutgoingMail} for each message, so a change to the profile shows in
 * the next mail. The kernel depends on no module, so the profile reaches it through this interface.
 */
public interface MailSignature {

    /** The sender address of every message. */
    String sender();

    /** The footer under every message in a language ({@code en} English, Norwegian otherwise); may be empty. */
    String footer(Locale language);
}
