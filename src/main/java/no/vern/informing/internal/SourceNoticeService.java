package no.vern.informing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.SubjectCipher;
import no.vern.informing.Exemption;
import no.vern.informing.SourceNotice;
import no.vern.informing.SourceNoticeDeadlines;
import no.vern.informing.SourceNotices;
import no.vern.processing.NoticeText;
import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecord;
import no.vern.register.Categories;
import no.vern.register.Organisation;
import no.vern.register.Source;
import no.vern.register.SourceNoticeStatus;
import no.vern.register.SubjectErasing;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectRegistered;
import no.vern.shared.Actor;
import no.vern.shared.AtCommit;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.Mail;
import no.vern.shared.NotFound;
import no.vern.shared.OutgoingMail;
import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/**
 * Schedules the Art. 14 notice in the transaction that registers a person whose data came from others, sends what is
 * due through the outbox (the job names itself {@code system:art14-notices}), records exemptions instead (Art. 14(5)),
 * and says on the subject page what happened.
 */
@Service
class SourceNoticeService implements SourceNotices, SourceNoticeStatus {

    /** The job's actor in the audit log and in the register's read audit. */
    static final Actor JOB = Actor.system("art14-notices");
    static final String REASON_CATEGORY = "art14-exemption-reason";
    private static final Logger log = LoggerFactory.getLogger(SourceNoticeService.class);
    private static final int MAX_PER_RUN = 1000;

    private final SourceNoticeRows notices;
    private final SubjectRegister register;
    private final ProcessingRecord record;
    private final OutgoingMail mail;
    private final MessageSource messages;
    private final SubjectCipher cipher;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    /** A transaction of its own for reading an address (see {@link #email}). */
    private final TransactionTemplate ownReadTx;
    private final Clock clock;
    private final InformingProperties properties;
    /** The subjects whose notices go when the erasing transaction commits. */
    private final AtCommit<no.vern.shared.SubjectId> erased;

    SourceNoticeService(SourceNoticeRows notices, SubjectRegister register, ProcessingRecord record, OutgoingMail mail,
            MessageSource messages, SubjectCipher cipher, AuditLog audit, TransactionTemplate tx, Clock clock,
            InformingProperties properties) {
        this.notices = notices;
        this.register = register;
        this.record = record;
        this.mail = mail;
        this.messages = messages;
        this.cipher = cipher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.erased = new AtCommit<>(java.util.Objects.requireNonNull(tx.getTransactionManager()), notices::deleteSubjects);
        this.ownReadTx = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.ownReadTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** GDPR Art. 14(1), (3): data from others makes a notice owed, scheduled with the registration (same transaction). */
    @EventListener
    void registered(SubjectRegistered event) {
        if (!event.obtainedFromOthers()) {
            return; // from the person: Art. 13, told when collected
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        notices.insert(event.subject(), id, event.source(), event.purposeKey(), event.origin(), event.language(), now,
                SourceNoticeDeadlines.sendAt(now, properties.delay()), SourceNoticeDeadlines.deadline(now));
        audit.record(AuditEvent.of("informing.notice.scheduled", Outcome.SUCCESS).withPurpose(event.purposeKey())
                .withTargets(event.subject().reference(), "notice:" + id));
        Optional<OriginExemption> exempted = event.origin() == null ? Optional.empty()
                : notices.originExemption(event.origin());
        // An import already exempted as a whole covers the people it brings later too.
        exempted.ifPresent(e -> notices.exemptOrigin(e.origin(), e.exemption(), e.exemptedBy(), now));
    }

    /**
     * GDPR Art. 17: the notices go with the person (same transaction as the erasure; the subjects of one transaction in
     * one statement just before it commits, issue 28 item 8).
     */
    @EventListener
    void erasing(SubjectErasing event) {
        erased.add(event.subject());
    }

    @Override
    public List<SourceNotice> of(SubjectId subject) {
        return notices.ofSubject(subject).stream().map(this::view).toList();
    }

    @Override
    public List<SourceNotice> ofOrigin(String origin) {
        requireOrigin(origin);
        return notices.ofOrigin(origin).stream().map(this::view).toList();
    }

    @Override
    public Optional<OriginExemption> originExemption(String origin) {
        requireOrigin(origin);
        return notices.originExemption(origin);
    }

    @Override
    public int exempt(SubjectId subject, Exemption exemption, String reason) {
        String why = requireReason(reason);
        Actor actor = Actors.current();
        return inTx(() -> {
            List<SourceNoticeRows.Row> owed = notices.owedForUpdate(subject);
            if (owed.isEmpty()) {
                throw new Conflict("nothing-to-exempt", "Nothing to exempt",
                        "Subject " + subject + " has no Art. 14 notice that is still owed.");
            }
            Instant now = clock.instant();
            for (SourceNoticeRows.Row row : owed) {
                notices.exempt(row, exemption, cipher.encryptText(subject, REASON_CATEGORY, row.id(), why),
                        actor.reference(), now);
                audit.record(AuditEvent.of("informing.notice.exempted", Outcome.SUCCESS).withPurpose(row.purposeKey())
                        .withTargets(subject.reference(), "notice:" + row.id()));
            }
            return owed.size();
        });
    }

    @Override
    public int exemptOrigin(String origin, Exemption exemption, String reason) {
        requireOrigin(origin);
        String why = requireReason(reason);
        Actor actor = Actors.current();
        return inTx(() -> {
            if (notices.ofOrigin(origin).isEmpty()) {
                throw new NotFound("Import", origin);
            }
            Instant now = clock.instant();
            notices.saveOriginExemption(origin, exemption, why, actor.reference(), now);
            int count = notices.exemptOrigin(origin, exemption, actor.reference(), now);
            audit.record(AuditEvent.of("informing.import.exempted", Outcome.SUCCESS).withTargets(origin));
            return count;
        });
    }

    @Override
    public boolean beforeFirstContact(SubjectId subject) {
        return Boolean.TRUE.equals(Actors.runAs(JOB, () -> inTx(() -> {
            Instant now = clock.instant();
            boolean sent = false;
            for (SourceNoticeRows.Row row : notices.owedForUpdate(subject)) {
                if (row.unreachableAt() == null) {
                    sent |= send(row, SourceNoticeDeadlines.sendAtFirstContact(row.sendAt(), now));
                }
            }
            return sent;
        })));
    }

    @Override
    public java.util.Set<SubjectId> owedAmong(java.util.Collection<SubjectId> subjects) {
        return notices.owedAmong(subjects);
    }

    @Override
    public int sendDue() {
        return Actors.runAs(JOB, () -> {
            int sent = 0;
            for (int i = 0; i < MAX_PER_RUN; i++) {
                // one notice per transaction: a crash leaves each either sent (mail in the outbox) or still due
                Integer one = inTx(() -> {
                    List<SourceNoticeRows.Row> due = notices.dueForUpdate(clock.instant(), 1);
                    if (due.isEmpty()) {
                        return -1;
                    }
                    return send(due.get(0), clock.instant()) ? 1 : 0;
                });
                if (one == null || one < 0) {
                    break;
                }
                sent += one;
            }
            if (sent > 0) {
                log.info("Art. 14 notices sent: {}", sent);
            }
            return sent;
        });
    }

    /** Writes and queues one notice, or records that no address can be read for the purpose. */
    private boolean send(SourceNoticeRows.Row row, Instant at) {
        Optional<String> email = email(row.subject(), row.purposeKey());
        if (email.isEmpty()) {
            notices.markUnreachable(row, clock.instant());
            audit.record(AuditEvent.of("informing.notice.unreachable", Outcome.FAILURE).withPurpose(row.purposeKey())
                    .withTargets(row.subject().reference(), "notice:" + row.id()));
            return false;
        }
        Locale language = "en".equals(row.language()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        NoticeText text = record.sourceNotice(row.purposeKey(), language);
        String controller = record.current().document().companyProfile().legalName();
        String body = messages.getMessage("informing.mail.intro", null, language) + "\n\n"
                + source(row, language) + "\n\n" + text.text();
        UUID reference = mail.send(Mail.to(email.get(),
                messages.getMessage("informing.mail.subject", new Object[] { controller }, language), body)
                .withHeader("Content-Language", row.language()));
        notices.markSent(row, clock.instant(), reference, text.version(), sha256(body));
        audit.record(AuditEvent.of("informing.notice.sent", Outcome.SUCCESS).withPurpose(row.purposeKey())
                .withTargets(row.subject().reference(), "notice:" + row.id(), "mail:" + reference));
        return true;
    }

    /** Art. 14(2)(f): where the data came from, in words; the organisation is a company, not a person. */
    private String source(SourceNoticeRows.Row row, Locale language) {
        Organisation org = null;
        try {
            org = register.summary(row.subject()).organisation();
        } catch (VernProblem e) {
            // no organisation to name
        }
        String date = PolicyText.date(row.obtainedAt(), language);
        String key = "informing.mail.source." + row.source().name() + (org == null ? "" : ".org");
        return messages.getMessage(key, new Object[] { date, org == null ? "" : org.name() }, language);
    }

    /**
     * The person's address for the purpose, read in a transaction of its own: a record that cannot be read (a refused
     * ciphertext, a key gone) fails that read alone. Read inside the notice's transaction, the failure would mark it
     * rollback-only, so the notice could be neither sent nor marked unreachable, and every run would stop on it.
     */
    private Optional<String> email(SubjectId subject, String purposeKey) {
        try {
            return java.util.Objects.requireNonNull(
                    ownReadTx.execute(s -> register.read(subject, purposeKey).value(Categories.EMAIL)));
        } catch (VernProblem e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> statements(SubjectId subject, Locale locale) {
        Instant now = clock.instant();
        return notices.ofSubject(subject).stream().map(row -> statement(row, locale, now)).toList();
    }

    /** One sentence per notice, derived from its stored state (rule 1: say only what happened). */
    String statement(SourceNoticeRows.Row row, Locale locale, Instant now) {
        String source = messages.getMessage("informing.source." + row.source().name(), null, locale);
        String obtained = PolicyText.date(row.obtainedAt(), locale);
        String lang = messages.getMessage("informing.language." + row.language(), null, locale);
        if (row.exemption() != null) {
            return messages.getMessage("informing.status.EXEMPT", new Object[] { source, obtained,
                    row.exemption().article(), messages.getMessage("informing.exemption." + row.exemption().name(), null,
                            locale), date(row.exemptedAt(), locale) }, locale);
        }
        if (row.sentAt() != null) {
            return messages.getMessage("informing.status.SENT", new Object[] { source, obtained,
                    PolicyText.date(row.sentAt(), locale), lang, String.valueOf(row.recordVersion()) }, locale);
        }
        if (row.unreachableAt() != null) {
            return messages.getMessage("informing.status.UNREACHABLE", new Object[] { source, obtained,
                    PolicyText.date(row.unreachableAt(), locale) }, locale);
        }
        String key = SourceNoticeDeadlines.overdue(row.obtainedAt(), now) ? "informing.status.OVERDUE"
                : "informing.status.SCHEDULED";
        return messages.getMessage(key, new Object[] { source, obtained, PolicyText.date(row.sendAt(), locale),
                PolicyText.date(row.deadline(), locale), lang }, locale);
    }

    private static String date(@Nullable Instant at, Locale locale) {
        return at == null ? "" : PolicyText.date(at, locale);
    }

    SourceNotice view(SourceNoticeRows.Row row) {
        String reason = null;
        if (row.personalReason() != null) {
            reason = cipher.decryptText(row.subject(), REASON_CATEGORY, row.id(), row.personalReason());
        } else if (row.exemption() != null && row.origin() != null) {
            reason = notices.originExemption(row.origin()).map(OriginExemption::reason).orElse(null);
        }
        return new SourceNotice(row.id(), row.subject(), row.source(), row.purposeKey(), row.origin(), row.language(),
                row.obtainedAt(), row.sendAt(), row.deadline(), row.sentAt(), row.mailReference(), row.recordVersion(),
                row.unreachableAt(), row.exemption(), reason, row.exemptedBy(), row.exemptedAt(), row.textSha256());
    }

    SourceNoticeRows.Counts counts() {
        return notices.counts(clock.instant());
    }

    @Override
    public Overview overview() {
        SourceNoticeRows.Counts c = notices.counts(clock.instant());
        return new Overview(c.scheduled(), c.sent(), c.exempt(), c.unreachable(), c.overdue(), notices.origins(50));
    }

    private static String requireReason(String reason) {
        String why = reason.strip();
        if (why.length() < 10 || why.length() > 2000) {
            throw new InvalidInput("reason", "must be 10 to 2000 characters", "error.field.lengthBetween", "10", "2000");
        }
        return why;
    }

    static void requireOrigin(String origin) {
        if (!origin.matches("import:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new InvalidInput("origin", "must be an import reference", "informing.error.origin");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
