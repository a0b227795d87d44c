package no.vern.requests.internal;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.CompanyProfiles;
import no.vern.requests.RequestId;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;

/**
 * Writes the messages of a case to the person, always from the templates in {@code i18n/requests} in
 * the person's language, and queues them in the transaction of the change that causes them (the shared
 * outbox sends them once it commits; a rollback sends nothing).
 */
@Component
class Mailer {

    private final OutgoingMail mail;
    private final MessageSource messages;
    private final CompanyProfiles profile;

    Mailer(OutgoingMail mail, MessageSource messages, CompanyProfiles profile) {
        this.mail = mail;
        this.messages = messages;
        this.profile = profile;
    }

    /** The text of a template key in a language. */
    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** Sends template {@code requests.mail.<template>.subject/.body}, with the footer, once the change commits. */
    void send(RequestId caseId, String to, Locale locale, String template, Object... args) {
        if (DemoRequests.ACTOR.equals(no.vern.shared.Actors.current())) {
            // Invented demo cases write to invented addresses: nothing is sent.
            return;
        }
        mail.send(Mail.to(to, text("requests.mail." + template + ".subject", locale, args),
                text("requests.mail." + template + ".body", locale, args) + "\n\n" + text("requests.mail.footer", locale))
                .withHeader("Content-Language", language(locale)));
    }

    /**
     * Sends template {@code requests.mail.<template>} now, in the calling thread ({@link Mail#immediately()}): for
     * a message that must have reached the mail server before the change it announces (GDPR Art. 18(3)); a refusal
     * throws {@code MailNotSent}, so the change rolls back. The caller records the delivery in the case history.
     */
    void sendNow(RequestId caseId, String to, Locale locale, String template, Object... args) {
        mail.send(Mail.to(to, text("requests.mail." + template + ".subject", locale, args),
                text("requests.mail." + template + ".body", locale, args) + "\n\n" + text("requests.mail.footer", locale))
                .withHeader("Content-Language", language(locale)).immediately());
    }

    /**
     * The privacy center's code mail: queued like {@link #send}, but first tried off the request's thread, so the
     * answer to the form does not wait for the mail server ({@link Mail.Delivery#QUEUED}).
     */
    void sendCode(String to, Locale locale, Object... args) {
        if (DemoRequests.ACTOR.equals(no.vern.shared.Actors.current())) {
            return;
        }
        mail.send(code(to, locale, args).queued());
    }

    /**
     * The same work as {@link #sendCode} (template rendered, message sealed, outbox row written) for an address
     * that must get nothing: the row is discarded in the same transaction and nothing is sent.
     */
    void decoyCode(String to, Locale locale, Object... args) {
        mail.decoy(code(to, locale, args).queued());
    }

    private Mail code(String to, Locale locale, Object... args) {
        return Mail.to(to, text("requests.mail.code.subject", locale, args),
                text("requests.mail.code.body", locale, args) + "\n\n" + text("requests.mail.footer", locale))
                .withHeader("Content-Language", language(locale));
    }

    /** The mail's language tag, so the company profile's footer is in the same language. */
    private static String language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "nb";
    }

    /** Sends a plain message to the privacy officer (digest); no personal data in it. */
    void toOfficer(String subject, String body) {
        mail.send(Mail.to(profile.current().privacyMailbox(), subject, body));
    }
}
