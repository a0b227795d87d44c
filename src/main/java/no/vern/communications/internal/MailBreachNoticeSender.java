package no.vern.communications.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Fallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.breach.BreachNotice;
import no.vern.breach.BreachNoticeSender;
import no.vern.breach.NoticeOutcome;
import no.vern.register.SubjectDirectory;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRegister;
import no.vern.shared.JdbcTime;
import no.vern.shared.Mail;
import no.vern.shared.MailNotSent;
import no.vern.shared.NotFound;
import no.vern.shared.OutgoingMail;
import no.vern.shared.SubjectId;

/**
 * Delivers breach notices (GDPR Art. 34) by email in the person's language, and records each outcome
 * per person ({@code communications_breach_notice}, ids only). The address is read from the register,
 * audited, first for the {@code security} purpose and otherwise for a purpose it is held for (telling
 * people about a breach of their data is a legal duty, Art. 34(1)). Not subject to objections: a
 * breach notice is not marketing. Sent immediately (the outcome recorded is what the mail server said).
 * {@link Fallback} so that a test's stand-in sender still wins.
 */
@Component
@Fallback
class MailBreachNoticeSender implements BreachNoticeSender {

    private static final Logger log = LoggerFactory.getLogger(MailBreachNoticeSender.class);
    static final String SECURITY = "security";

    private final SubjectRegister register;
    private final SubjectDirectory directory;
    private final Languages languages;
    private final OutgoingMail mail;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    MailBreachNoticeSender(SubjectRegister register, SubjectDirectory directory, Languages languages,
            OutgoingMail mail, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.register = register;
        this.directory = directory;
        this.languages = languages;
        this.mail = mail;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public NoticeOutcome send(SubjectId subject, BreachNotice notice) {
        NoticeOutcome outcome = deliver(subject, notice);
        jdbc.sql("""
                INSERT INTO communications_breach_notice (subject_id, breach_id, outcome, language, at)
                VALUES (:s, :b, :o, :l, :at) ON CONFLICT DO NOTHING""").param("s", subject.value())
                .param("b", notice.breach().value()).param("o", outcome.delivery().name()).param("l", outcome.language())
                .param("at", JdbcTime.param(clock.instant())).update();
        audit.record(AuditEvent.of("communications.breach-notice.send",
                outcome.delivery() == NoticeOutcome.Delivery.FAILED ? Outcome.FAILURE : Outcome.SUCCESS)
                .withPurpose(SECURITY).withTargets(subject.reference(), notice.breach().reference(),
                        "delivery:" + outcome.delivery()));
        return outcome;
    }

    private NoticeOutcome deliver(SubjectId subject, BreachNotice notice) {
        Optional<String> email;
        try {
            email = address(subject);
        } catch (SubjectGone | NotFound e) {
            return NoticeOutcome.failed();
        }
        if (email.isEmpty()) {
            // No address on file: another channel (letter, phone) must carry it; never counted as sent.
            return NoticeOutcome.pending();
        }
        String language = languages.of(subject);
        try {
            mail.send(Mail.to(email.get(), notice.subject(language), notice.text(language))
                    .withHeader("Content-Language", "en".equals(language) ? "en" : "nb").immediately());
            return NoticeOutcome.sent(language);
        } catch (MailNotSent e) {
            log.warn("Breach notice for {} to {} not delivered: {}", notice.breach(), subject, e.getMessage());
            return NoticeOutcome.failed();
        }
    }

    private Optional<String> address(SubjectId subject) {
        SubjectDirectory.DirectoryEntry entry = directory.entry(subject).orElseThrow(() -> new NotFound("Subject", subject));
        if (entry.erased()) {
            throw new SubjectGone(subject);
        }
        List<String> purposes = new ArrayList<>();
        purposes.add(SECURITY);
        entry.emailPurposes().stream().filter(p -> !p.equals(SECURITY)).sorted().forEach(purposes::add);
        for (String purpose : purposes) {
            if (purpose.equals(SECURITY) && !entry.emailPurposes().contains(SECURITY)) {
                continue;
            }
            Optional<String> email = register.read(subject, purpose).value("email");
            if (email.isPresent()) {
                return email;
            }
        }
        return Optional.empty();
    }
}
