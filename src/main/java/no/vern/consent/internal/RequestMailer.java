package no.vern.consent.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import no.vern.processing.Contact;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.TimeFormat;

/**
 * Sends the consent request for data that arrived before consent, with its signed link; the address
 * is used for this message only and logs name the pending item's id.
 */
@Component
class RequestMailer {

    private static final Logger log = LoggerFactory.getLogger(RequestMailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final ProcessingRecord record;
    private final TimeFormat time;

    RequestMailer(ObjectProvider<JavaMailSender> sender, MessageSource messages, ProcessingRecord record,
            TimeFormat time) {
        this.sender = sender;
        this.messages = messages;
        this.record = record;
        this.time = time;
    }

    void send(UUID pendingId, String email, String purposeName, String url, Instant expiresAt, Locale language) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn("No mail sender configured; consent request {} was not mailed", pendingId);
            return;
        }
        Contact controller = record.current().document().controller();
        Object[] args = { purposeName, controller.name(), url, time.date(expiresAt), controller.email() };
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(controller.email());
        message.setTo(email);
        message.setSubject(messages.getMessage("consent.pending.mail.subject", args, language));
        message.setText(messages.getMessage("consent.pending.mail.body", args, language));
        try {
            mail.send(message);
            log.info("Consent request {} mailed", pendingId);
        } catch (MailException e) {
            log.warn("Consent request {} could not be mailed ({})", pendingId, e.getClass().getSimpleName());
        }
    }
}
