package no.vern.training.internal;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import no.vern.training.TrainingStatus;

/**
 * Writes and sends a training reminder to a staff member's work address, in Norwegian with the
 * English text below (staff accounts hold no language or address; the address is derived from the
 * username and the configured company mail domain).
 */
@Component
class ReminderMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Locale NB = Locale.forLanguageTag("nb");

    private final JavaMailSender sender;
    private final MessageSource messages;
    private final TrainingProperties properties;

    ReminderMail(JavaMailSender sender, MessageSource messages, TrainingProperties properties) {
        this.sender = sender;
        this.messages = messages;
        this.properties = properties;
    }

    void send(TrainingStatus status) {
        String key = status.overdue() ? "training.reminder.overdue" : "training.reminder.due";
        Object[] args = { status.training().title(), status.training().version(), DATE.format(status.dueOn()),
                status.training().materialUrl() };
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(status.username() + "@" + properties.mailDomain());
        message.setSubject(messages.getMessage(key + ".subject", args, NB) + " / "
                + messages.getMessage(key + ".subject", args, Locale.ENGLISH));
        message.setText(messages.getMessage(key + ".text", args, NB) + "\n\n----\n\n"
                + messages.getMessage(key + ".text", args, Locale.ENGLISH));
        sender.send(message);
    }
}
