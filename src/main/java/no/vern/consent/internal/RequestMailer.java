package no.vern.consent.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.Contact;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;
import no.vern.shared.TimeFormat;

/**
 * Sends the consent request for data that arrived before consent, with its signed link, through the
 * shared outbox; the address is used for this message only and logs name the pending item's id and the
 * mail reference.
 */
@Component
class RequestMailer {

    private static final Logger log = LoggerFactory.getLogger(RequestMailer.class);

    private final OutgoingMail mail;
    private final MessageSource messages;
    private final ProcessingRecord record;
    private final TimeFormat time;

    RequestMailer(OutgoingMail mail, MessageSource messages, ProcessingRecord record, TimeFormat time) {
        this.mail = mail;
        this.messages = messages;
        this.record = record;
        this.time = time;
    }

    void send(UUID pendingId, String email, String purposeName, String url, Instant expiresAt, Locale language) {
        Contact controller = record.current().document().controller();
        UUID reference = mail.send(Mail.fromTemplate(email, messages, "consent.pending.mail", language, purposeName,
                controller.name(), url, time.date(expiresAt), controller.email()));
        log.info("Consent request {} is mail {}", pendingId, reference);
    }
}
