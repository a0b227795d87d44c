package no.vern.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.MessageSource;

/**
 * One message to one person, for {@link OutgoingMail}: the recipient, the subject and plain-text body
 * already in the reader's language (the calling module owns its wording), optional extra headers
 * (e.g. {@code List-Unsubscribe}) and how it is delivered. Every field is personal data or may hold it,
 * so {@link #toString()} names none of them; the sender and footer are the company
 * profile's ({@link MailSignature}), added by {@link OutgoingMail}.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param body the plain-text body
 * @param headers extra headers by name, in order
 * @param delivery how the message is delivered ({@link Delivery#OUTBOX} unless a module keeps its own record)
 */
public record Mail(String to, String subject, String body, Map<String, String> headers, Delivery delivery) {

    /** How a message leaves Vern. */
    public enum Delivery {
        /**
         * The default: stored encrypted in the caller's transaction and sent once it commits (at once when
         * there is none); retried with back-off while the mail server fails; sent at most once per message;
         * a rolled-back change sends nothing.
         */
        OUTBOX,
        /**
         * Sent now, in the calling thread; a failure throws {@link MailNotSent} (so the caller's transaction
         * rolls back). Only for callers that keep their own durable record of each delivery and its outcome.
         */
        IMMEDIATE,
        /**
         * Stored encrypted in the caller's transaction like {@link #OUTBOX}, but the first try after the commit
         * runs on a background thread, never in the caller's: the caller's answer does not wait for the mail
         * server, so its timing cannot tell whether a message was written (the privacy center's codes).
         */
        QUEUED
    }

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(delivery, "delivery");
        if (to.isBlank()) {
            throw new IllegalArgumentException("A mail needs a recipient");
        }
        if (hasLineBreak(to) || hasLineBreak(subject)) {
            throw new IllegalArgumentException("Recipient and subject are single lines");
        }
        headers.forEach((name, value) -> {
            if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':') || hasLineBreak(value)) {
                throw new IllegalArgumentException("Header names are visible ASCII without ':', values single lines");
            }
        });
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A message for the outbox, without extra headers. */
    public static Mail to(String to, String subject, String body) {
        return new Mail(to, subject, body, Map.of(), Delivery.OUTBOX);
    }

    /**
     * A message for the outbox whose subject and body are the module's texts {@code <key>.subject} and
     * {@code <key>.body} in the reader's language, both formatted with the same arguments, marked with its
     * {@code Content-Language} (so the footer is in the same language).
     */
    public static Mail fromTemplate(String to, MessageSource messages, String key, Locale language, Object... args) {
        return to(to, messages.getMessage(key + ".subject", args, language),
                messages.getMessage(key + ".body", args, language))
                .withHeader("Content-Language", "en".equals(language.getLanguage()) ? "en" : "nb");
    }

    /** The same message with one more header (e.g. {@code List-Unsubscribe}, {@code Content-Language}). */
    public Mail withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Mail(to, subject, body, more, delivery);
    }

    /** The same message sent now, failing with {@link MailNotSent} (see {@link Delivery#IMMEDIATE}). */
    public Mail immediately() {
        return new Mail(to, subject, body, headers, Delivery.IMMEDIATE);
    }

    /** The same message for the outbox, first tried off the caller's thread (see {@link Delivery#QUEUED}). */
    public Mail queued() {
        return new Mail(to, subject, body, headers, Delivery.QUEUED);
    }

    /** Names no recipient, subject or text: only the delivery and the header names. */
    @Override
    public String toString() {
        return "Mail[delivery=" + delivery + ", headers=" + headers.keySet() + "]";
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
