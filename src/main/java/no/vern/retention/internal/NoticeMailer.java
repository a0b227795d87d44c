package no.vern.retention.internal;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentEventView;
import no.vern.consent.ConsentLedger;
import no.vern.processing.ProcessingRecord;
import no.vern.register.Categories;
import no.vern.register.SubjectRegister;
import no.vern.shared.Actors;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;
import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/**
 * Sends the notice before deletion (issue 10, item 5) in the person's language (the language of the
 * consent notice they saw), with a signed link to stay in the talent pool, through the shared outbox (in
 * the transaction that records the notice). The address is read from the register for this one message
 * (audited there) and never logged; logs name the notice id and the mail reference only.
 */
@Component
class NoticeMailer {

    private static final Logger log = LoggerFactory.getLogger(NoticeMailer.class);
    static final Locale NB = Locale.forLanguageTag("nb");

    private final OutgoingMail mail;
    private final MessageSource messages;
    private final SubjectRegister register;
    private final ConsentLedger consents;
    private final ProcessingRecord record;
    private final NoticeLinks links;
    private final String baseUrl;

    NoticeMailer(OutgoingMail mail, MessageSource messages, SubjectRegister register, ConsentLedger consents,
            ProcessingRecord record, NoticeLinks links, @Value("${vern.base-url}") String baseUrl) {
        this.mail = mail;
        this.messages = messages;
        this.register = register;
        this.consents = consents;
        this.record = record;
        this.links = links;
        this.baseUrl = baseUrl;
    }

    /** The language of the person's last consent notice for the purpose, Norwegian by default. */
    Locale languageOf(SubjectId subject, String purposeKey) {
        return consents.history(subject).stream()
                .filter(e -> e.purposeKey().equals(purposeKey) && e.language() != null
                        && e.type() != ConsentEventType.WITHDRAWN)
                .max(Comparator.comparing(ConsentEventView::at)).map(e -> "en".equals(e.language()) ? Locale.ENGLISH : NB)
                .orElse(NB);
    }

    /** The page behind a notice's link, in the person's language. */
    String link(Notices.Notice notice, Locale language) {
        String token = links.sign(notice.id());
        return baseUrl + (Locale.ENGLISH.getLanguage().equals(language.getLanguage()) ? "/privacy/talent-pool/"
                : "/personvern/talentbank/") + token;
    }

    /** Queues the notice; false (logged by notice id) when the person has no address for the purpose. */
    boolean send(Notices.Notice notice, java.time.LocalDate deletionDate) {
        Optional<String> email = email(notice.subject(), notice.purposeKey());
        if (email.isEmpty()) {
            log.warn("Notice {} could not be mailed (no address)", notice.id());
            return false;
        }
        Locale language = languageOf(notice.subject(), notice.purposeKey());
        String controller = record.current().document().controller().name();
        UUID reference = mail.send(Mail.to(email.get(),
                messages.getMessage("retention.notice.mail.subject", null, language),
                messages.getMessage("retention.notice.mail.body", new Object[] { controller, deletionDate.toString(),
                        link(notice, language) }, language)));
        log.info("Notice {} is mail {}", notice.id(), reference);
        return true;
    }

    private Optional<String> email(SubjectId subject, String purposeKey) {
        try {
            return Actors.runAs(NoticeService.NOTICE_ACTOR, () -> register.read(subject, purposeKey).value(Categories.EMAIL));
        } catch (VernProblem e) {
            return Optional.empty();
        }
    }
}
