package no.vern.consent.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentGiven;
import no.vern.consent.ConsentEventView;
import no.vern.consent.ConsentExpired;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.ConsentReceiptDocument;
import no.vern.consent.ConsentState;
import no.vern.consent.ConsentWithdrawn;
import no.vern.consent.GiveConsent;
import no.vern.consent.NotConsentBased;
import no.vern.consent.PurposeCount;
import no.vern.consent.StaleNotice;
import no.vern.processing.Contact;
import no.vern.processing.LegalBasis;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecordVersion;
import no.vern.register.SubjectRegister;
import no.vern.register.GatedSubject;
import no.vern.register.SubjectSummary;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The consent ledger: every event and its projection row commit together, so the gate
 * ({@link LedgerConsentGate}), which reads the projection by primary key on every call, sees a
 * withdrawal at once on every node.
 */
@Service
class ConsentService implements ConsentLedger {

    private static final Logger log = LoggerFactory.getLogger(ConsentService.class);
    private static final Pattern PURPOSE_KEY = Pattern.compile("[a-z0-9-]{1,60}");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
    static final Duration EXPIRING_SOON = Duration.ofDays(30);
    static final Actor EXPIRY_ACTOR = Actor.system("consent-expiry");
    static final Actor CHECK_ACTOR = Actor.system("consent-check");

    private final ConsentEvents events;
    private final ProcessingRecord record;
    private final SubjectRegister register;
    private final AuditLog audit;
    private final LinkSigner signer;
    private final ReceiptMailer mailer;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String baseUrl;
    private final MergeCarryOver merges;

    ConsentService(MergeCarryOver merges, ConsentEvents events, ProcessingRecord record, SubjectRegister register, AuditLog audit,
            LinkSigner signer, ReceiptMailer mailer, ApplicationEventPublisher publisher, TransactionTemplate tx,
            Clock clock, @Value("${vern.base-url}") String baseUrl) {
        this.merges = merges;
        this.events = events;
        this.record = record;
        this.register = register;
        this.audit = audit;
        this.signer = signer;
        this.mailer = mailer;
        this.publisher = publisher;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * One person, one subject (issue 20, item 5): a consent given with an address but no subject is recorded
     * for the live subject already held under that address (the oldest), so that the person's data joins
     * their existing entry instead of a second one; a new id only when none is held.
     */
    SubjectId existingOr(String email) {
        List<SubjectSummary> found = Actors.runAs(Actors.currentOr(CHECK_ACTOR), () -> register.findByEmail(email));
        return found.isEmpty() ? SubjectId.random() : found.get(0).id();
    }

    /** Whether a consent is in force now (the same answer as the gate). */
    boolean permits(SubjectId subject, String purposeKey) {
        return events.permits(subject, purposeKey, clock.instant());
    }

    @Override
    public ConsentReceipt give(GiveConsent command) {
        String purposeKey = purposeKey(command.purposeKey());
        record.requirePurpose(purposeKey);
        if (record.legalBasisOf(purposeKey) != LegalBasis.CONSENT) {
            throw new NotConsentBased(purposeKey);
        }
        if (command.channel() == Channel.WITHDRAWAL_LINK || command.channel() == Channel.SYSTEM) {
            throw new InvalidInput("channel", "is not a channel through which consent is given", "consent.error.channel");
        }
        Locale language = "en".equals(command.language().getLanguage()) ? Locale.ENGLISH : NORWEGIAN;
        NoticeText notice = record.notice(purposeKey, language);
        // GDPR Art. 7(1): record exactly what the person saw; a notice that is not the current one is refused.
        if (command.noticeHash() != null && !HASH.matcher(command.noticeHash()).matches()) {
            throw new InvalidInput("noticeHash", "is not a SHA-256 hex digest", "consent.error.noticeHash");
        }
        if ((command.noticeVersion() != null && command.noticeVersion() != notice.version())
                || (command.noticeHash() != null && !command.noticeHash().equalsIgnoreCase(notice.sha256()))) {
            throw new StaleNotice(purposeKey, notice.version(), notice.sha256());
        }
        Instant now = clock.instant();
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw new InvalidInput("expiresAt", "must be in the future", "error.field.future");
        }
        String email = command.email() == null || command.email().isBlank() ? null
                : EmailAddresses.normalise(command.email(), "email");
        SubjectId subject = command.subject() != null ? command.subject()
                : email != null ? existingOr(email) : SubjectId.random();
        UUID receiptId = UUID.randomUUID();
        Actor actor = Actors.current();
        ConsentEventType type = tx.execute(status -> {
            events.lockKey(subject, purposeKey);
            boolean active = events.state(subject, purposeKey).map(s -> s.activeAt(now)).orElse(false);
            ConsentEventType t = active ? ConsentEventType.RENEWED : ConsentEventType.GIVEN;
            events.append(new ConsentEvents.NewEvent(subject, purposeKey, t, now, command.channel(), notice.version(),
                    notice.sha256(), language.getLanguage(), actor.reference(), receiptId, command.expiresAt(), null));
            audit.record(AuditEvent.by(actor, "consent.give", Outcome.SUCCESS).withPurpose(purposeKey)
                    .withTargets(subject.reference(), "receipt:" + receiptId));
            publisher.publishEvent(new ConsentGiven(subject, purposeKey));
            return t;
        });
        ConsentReceipt receipt = new ConsentReceipt(receiptId, subject, purposeKey, type, now, command.expiresAt(),
                notice.version(), notice.sha256(), withdrawUrl(receiptId, language));
        if (email != null) {
            mailer.send(email, receipt(receiptId), language);
        }
        return receipt;
    }

    @Override
    public void withdraw(SubjectId given, String purposeKey, Channel channel, @Nullable String reason) {
        // A consent of a subject merged into another is held by the survivor now (issue 20, item 5).
        SubjectId subject = merges.current(given);
        String key = purposeKey(purposeKey);
        String why = reason(reason);
        Actor actor = channel == Channel.WITHDRAWAL_LINK ? new Actor(Actor.Kind.SUBJECT, subject.toString())
                : Actors.current();
        tx.executeWithoutResult(status -> {
            events.lockKey(subject, key);
            ConsentState state = events.lock(subject, key).orElseThrow(() -> new NotFound("Consent", subject + "/" + key));
            if (!state.status().grants()) {
                return; // already withdrawn or expired: nothing more to record
            }
            // GDPR Art. 7(3): effective at once, for the gate on every node (same transaction as the event).
            events.append(new ConsentEvents.NewEvent(subject, key, ConsentEventType.WITHDRAWN, clock.instant(), channel,
                    null, null, null, actor.reference(), null, null, why));
            audit.record(AuditEvent.by(actor, "consent.withdraw", Outcome.SUCCESS).withPurpose(key)
                    .withTargets(subject.reference()));
            publisher.publishEvent(new ConsentWithdrawn(subject, key));
        });
    }

    @Override
    public ConsentState withdrawReceipt(UUID receiptId, Channel channel, @Nullable String reason) {
        ConsentEvents.ReceiptRow row = events.byReceipt(receiptId).orElseThrow(() -> new NotFound("Receipt", receiptId));
        withdraw(row.subject(), row.event().purposeKey(), channel, reason);
        return events.state(merges.current(row.subject()), row.event().purposeKey()).orElseThrow();
    }

    @Override
    public Optional<ConsentState> current(SubjectId subject, String purposeKey) {
        return events.state(subject, purposeKey(purposeKey));
    }

    @Override
    public List<ConsentState> currentOf(SubjectId subject) {
        return events.statesOf(subject);
    }

    @Override
    public List<ConsentEventView> history(SubjectId subject) {
        return events.history(subject);
    }

    @Override
    public List<PurposeCount> counts() {
        Instant now = clock.instant();
        return record.current().document().purposes().stream().filter(p -> p.legalBasis() == LegalBasis.CONSENT)
                .map(p -> new PurposeCount(p.key(), events.countActive(p.key(), now),
                        events.countExpiring(p.key(), now, now.plus(EXPIRING_SOON))))
                .toList();
    }

    @Override
    public boolean allowedForEmail(String email, String purposeKey) {
        String key = purposeKey(purposeKey);
        record.requirePurpose(key);
        if (email == null || email.isBlank()) {
            throw new InvalidInput("email", "is required", "error.field.required");
        }
        // The register shows API clients only the kinds their subjects scope allows; this check answers a yes or
        // no for the consent:read scope, so it looks the address up as an internal caller and reveals no data.
        // One audit entry per check (consent.check, the purpose, the subjects found), written by the register's
        // lookup as a read (group commit) and committed before the answer leaves. The lookup asks this module's gate
        // rule (ConsentEvents.inForce, through the register's ConsentGate SPI) in its own statement.
        AuditEvent entry = AuditEvent.of("consent.check", Outcome.SUCCESS).withPurpose(key);
        List<GatedSubject> found = Actors.runAs(Actors.currentOr(CHECK_ACTOR),
                () -> register.findByEmailWithConsent(email, key, entry));
        return found.stream().anyMatch(GatedSubject::consentInForce);
    }

    @Override
    public ConsentReceiptDocument receipt(UUID receiptId) {
        ConsentEvents.ReceiptRow row = events.byReceipt(receiptId).orElseThrow(() -> new NotFound("Receipt", receiptId));
        ConsentEventView event = row.event();
        Locale language = "en".equals(event.language()) ? Locale.ENGLISH : NORWEGIAN;
        RecordVersion current = record.current();
        Integer noticeVersion = event.noticeVersion();
        ProcessingRecordDocument shown = noticeVersion == null ? current.document()
                : record.version(noticeVersion).orElse(current).document();
        Purpose purpose = shown.purpose(event.purposeKey())
                .or(() -> current.document().purpose(event.purposeKey()))
                .orElseThrow(() -> new NotFound("Purpose", event.purposeKey()));
        List<ConsentReceiptDocument.DataCategoryEntry> categories = record.isKnownPurpose(purpose.key())
                ? record.dataCategoriesOf(purpose.key()).stream()
                        .map(k -> new ConsentReceiptDocument.DataCategoryEntry(k, shown.dataCategory(k)
                                .or(() -> current.document().dataCategory(k)).map(c -> c.name().in(language)).orElse(k)))
                        .toList()
                : List.of();
        LegalBasis basis = purpose.legalBasis() == null ? LegalBasis.CONSENT : purpose.legalBasis();
        Contact c = shown.controller();
        ConsentState state = events.state(merges.current(row.subject()), event.purposeKey()).orElseThrow();
        ConsentEventType status = state.status().grants() && !state.activeAt(clock.instant())
                ? ConsentEventType.EXPIRED : state.status();
        String url = withdrawUrl(receiptId, language);
        String how = "en".equals(language.getLanguage())
                ? "Open the link and press the button to withdraw; or write to " + c.email() + "."
                : "Åpne lenken og trykk på knappen for å trekke samtykket tilbake; eller skriv til " + c.email() + ".";
        return new ConsentReceiptDocument(receiptId, ConsentReceiptDocument.FORMAT, event.at(), "NO",
                language.getLanguage(), row.subject().toString(), "EXPRESSED", event.channel(),
                new ConsentReceiptDocument.Controller(c.name(), c.organisationNumber(), c.address(), c.email(), c.phone(),
                        c.website()),
                List.of(new ConsentReceiptDocument.PurposeEntry(purpose.key(), purpose.name().in(language), basis.name(),
                        "GDPR Art. " + basis.article(), categories)),
                new ConsentReceiptDocument.Notice(noticeVersion == null ? 0 : noticeVersion,
                        event.noticeHash() == null ? "" : event.noticeHash(), language.getLanguage()),
                event.expiresAt(), status, new ConsentReceiptDocument.Withdrawal(url, how),
                baseUrl + ("en".equals(language.getLanguage()) ? "/privacy" : "/personvern"));
    }

    @Override
    public Optional<UUID> receiptOfToken(String token) {
        return signer.verify(token);
    }

    @Override
    public String withdrawUrl(UUID receiptId, Locale language) {
        String path = "en".equals(language.getLanguage()) ? "/consent/withdraw/" : "/samtykke/trekk-tilbake/";
        return baseUrl + path + signer.sign(receiptId);
    }

    /**
     * Appends an EXPIRED event for every consent whose expiry time has passed (a batch per call, rows
     * locked with SKIP LOCKED so that nodes never expire the same consent twice); returns how many.
     */
    int expireLapsed() {
        int total = 0;
        int batch;
        do {
            Integer n = tx.execute(status -> {
                Instant now = clock.instant();
                List<ConsentState> lapsed = events.lapsed(now, 200);
                for (ConsentState s : lapsed) {
                    events.append(new ConsentEvents.NewEvent(s.subject(), s.purposeKey(), ConsentEventType.EXPIRED,
                            now, Channel.SYSTEM, null, null, null, EXPIRY_ACTOR.reference(), null, null,
                            "expiry time reached"));
                    publisher.publishEvent(new ConsentExpired(s.subject(), s.purposeKey()));
                }
                return lapsed.size();
            });
            batch = n == null ? 0 : n;
            total += batch;
        } while (batch == 200);
        if (total > 0) {
            log.info("Recorded {} expired consents", total);
        }
        return total;
    }

    /** Whether the ledger has no events at all (demo data is loaded only then). */
    boolean empty() {
        return events.countEvents() == 0;
    }

    private static String purposeKey(@Nullable String key) {
        if (key == null || !PURPOSE_KEY.matcher(key).matches()) {
            throw new InvalidInput("purpose", "is not a purpose key", "error.field.purposeKey");
        }
        return key;
    }

    private static @Nullable String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String r = reason.strip();
        if (r.length() > 500) {
            throw new InvalidInput("reason", "must be at most 500 characters", "error.field.tooLong", "500");
        }
        return r;
    }
}
