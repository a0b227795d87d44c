package no.vern.events.internal;

import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.events.Event;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;
import no.vern.shared.TimeFormat;

/**
 * Mails a sign-up's confirmation (seat or waiting list) and the news that a seat freed up, in the
 * person's language, with the cancel link, through the shared outbox. The address is held (encrypted)
 * only until the message is sent; logs name the registration id and the mail reference.
 */
@Component
class EventMailer {

    private static final Logger log = LoggerFactory.getLogger(EventMailer.class);

    private final OutgoingMail mail;
    private final MessageSource messages;
    private final ProcessingRecord record;
    private final TimeFormat time;

    EventMailer(OutgoingMail mail, MessageSource messages, ProcessingRecord record, TimeFormat time) {
        this.mail = mail;
        this.messages = messages;
        this.record = record;
        this.time = time;
    }

    /** The confirmation after sign-up: {@code confirmed} says seat or waiting list. */
    void confirmation(UUID registration, String email, Event event, boolean confirmed, String cancelUrl,
            Locale language) {
        send(registration, email, confirmed ? "events.mail.confirmed" : "events.mail.waiting", event, cancelUrl,
                language);
    }

    /** A seat freed up and the person on the waiting list got it. */
    void promoted(UUID registration, String email, Event event, String cancelUrl, Locale language) {
        send(registration, email, "events.mail.promoted", event, cancelUrl, language);
    }

    private void send(UUID registration, String email, String key, Event event, String cancelUrl, Locale language) {
        Object[] args = { event.title(), time.local(event.startsAt()), event.place(), cancelUrl,
                record.current().document().controller().name() };
        UUID reference = mail.send(Mail.fromTemplate(email, messages, key, language, args));
        log.info("Event mail {} for registration {} is mail {}", key, registration, reference);
    }
}
