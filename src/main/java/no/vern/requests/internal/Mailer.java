package no.vern.requests.internal;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import no.vern.requests.RequestId;

/**
 * Sends the messages of a case to the person, always from the templates in {@code i18n/requests} in the
 * person's language, and only once the change that causes them is committed. Logs name the case only.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender mail;
    private final MessageSource messages;
    private final RequestsProperties properties;

    Mailer(JavaMailSender mail, MessageSource messages, RequestsProperties properties) {
        this.mail = mail;
        this.messages = messages;
        this.properties = properties;
    }

    /** The text of a template key in a language. */
    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /**
     * Sends template {@code requests.mail.<template>.subject/.body} after commit (at once outside a
     * transaction).
     */
    void send(RequestId caseId, String to, Locale locale, String template, Object... args) {
        if (DemoRequests.ACTOR.equals(no.vern.shared.Actors.current())) {
            // Invented demo cases write to invented addresses: nothing is sent.
            return;
        }
        String subject = text("requests.mail." + template + ".subject", locale, args);
        String body = text("requests.mail." + template + ".body", locale, args) + "\n\n"
                + text("requests.mail.footer", locale);
        Runnable sending = () -> {
            try {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.mailFrom());
                message.setTo(to);
                message.setSubject(subject);
                message.setText(body);
                mail.send(message);
            } catch (RuntimeException e) {
                log.warn("Request {}: message '{}' not sent: {}", caseId, template, e.getClass().getName());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sending.run();
                }
            });
        } else {
            sending.run();
        }
    }

    /** Sends a plain message to the privacy officer (digest); no personal data in it. */
    void toOfficer(String subject, String body) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(properties.officerEmail());
        message.setSubject(subject);
        message.setText(body);
        mail.send(message);
    }
}
