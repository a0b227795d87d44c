package no.vern.events.internal;

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

import no.vern.events.Event;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.TimeFormat;

/**
 * Mails a sign-up's confirmation (seat or waiting list) and the news that a seat freed up, in the
 * person's language, with the cancel link. The address is used for the one message only; logs name
 * the registration id.
 */
@Component
class EventMailer {

    private static final Logger log = LoggerFactory.getLogger(EventMailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final ProcessingRecord record;
    private final TimeFormat time;

    EventMailer(ObjectProvider<JavaMailSender> sender, MessageSource messages, ProcessingRecord record,
            TimeFormat time) {
        this.sender = sender;
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
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn("No mail sender configured; mail for registration {} was not sent", registration);
            return;
        }
        Object[] args = { event.title(), time.local(event.startsAt()), event.place(), cancelUrl,
                record.current().document().controller().name() };
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(record.current().document().controller().email());
        message.setTo(email);
        message.setSubject(messages.getMessage(key + ".subject", args, language));
        message.setText(messages.getMessage(key + ".body", args, language));
        try {
            mail.send(message);
            log.info("Event mail {} sent for registration {}", key, registration);
        } catch (MailException e) {
            // The exception's message may name the recipient: log its type only.
            log.warn("Event mail for registration {} could not be sent ({})", registration, e.getClass().getSimpleName());
        }
    }
}
