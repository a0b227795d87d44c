package no.vern.training.internal;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.CompanyProfiles;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;
import no.vern.training.TrainingStatus;

/**
 * Writes a training reminder to a staff member's work address, in Norwegian with the English text
 * below (staff accounts hold no language or address; the address is derived from the username and the
 * configured company mail domain), and queues it in the caller's transaction (the outbox sends it once
 * the reminder's claim is committed).
 */
@Component
class ReminderMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Locale NB = Locale.forLanguageTag("nb");

    private final OutgoingMail mail;
    private final MessageSource messages;
    private final CompanyProfiles profile;

    ReminderMail(OutgoingMail mail, MessageSource messages, CompanyProfiles profile) {
        this.mail = mail;
        this.messages = messages;
        this.profile = profile;
    }

    void send(TrainingStatus status) {
        String key = status.overdue() ? "training.reminder.overdue" : "training.reminder.due";
        Object[] args = { status.training().title(), status.training().version(), DATE.format(status.dueOn()),
                status.training().materialUrl() };
        mail.send(Mail.to(status.username() + "@" + profile.current().mailDomain(),
                messages.getMessage(key + ".subject", args, NB) + " / "
                        + messages.getMessage(key + ".subject", args, Locale.ENGLISH),
                messages.getMessage(key + ".text", args, NB) + "\n\n----\n\n"
                        + messages.getMessage(key + ".text", args, Locale.ENGLISH)));
    }
}
