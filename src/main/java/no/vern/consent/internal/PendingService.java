package no.vern.consent.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.consent.HoldPending;
import no.vern.consent.NotConsentBased;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingItem;
import no.vern.consent.PendingRequest;
import no.vern.consent.PendingStatus;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * Data that arrived before consent (S4, S5): encrypted under the data key of a pre-allocated subject
 * id (the same id the register will use, so moving it needs no re-encryption of the key), asked for by
 * a signed link, moved into the register on consent, and crypto-shredded when declined or when
 * {@code vern.consent.pending-days} pass without an answer.
 */
@Service
class PendingService implements PendingConsents {

    private static final Logger log = LoggerFactory.getLogger(PendingService.class);
    static final String PAYLOAD = "pending";
    static final String FILE = "pending-file";
    static final Actor PURGE_ACTOR = Actor.system("consent-pending-purge");
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    /** The purposes with a pending flow and the kind of person each is about. */
    static final Map<String, SubjectKind> KINDS = Map.of("recruitment", SubjectKind.CANDIDATE, "talent-pool",
            SubjectKind.CANDIDATE, "prospect-dialogue", SubjectKind.PROSPECT);
    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    private final PendingStore store;
    private final ConsentLedger ledger;
    private final ProcessingRecord record;
    private final SubjectRegister register;
    private final SubjectCipher cipher;
    private final CryptoShredder shredder;
    private final LinkSigner signer;
    private final RequestMailer mailer;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String baseUrl;
    private final Duration pendingFor;

    PendingService(PendingStore store, ConsentLedger ledger, ProcessingRecord record, SubjectRegister register,
            SubjectCipher cipher, CryptoShredder shredder, LinkSigner signer, RequestMailer mailer, AuditLog audit,
            TransactionTemplate tx, Clock clock, @Value("${vern.base-url}") String baseUrl,
            @Value("${vern.consent.pending-days:14}") int pendingDays) {
        this.store = store;
        this.ledger = ledger;
        this.record = record;
        this.register = register;
        this.cipher = cipher;
        this.shredder = shredder;
        this.signer = signer;
        this.mailer = mailer;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (pendingDays < 1) {
            throw new IllegalStateException("vern.consent.pending-days must be at least 1");
        }
        this.pendingFor = Duration.ofDays(pendingDays);
    }

    @Override
    public PendingItem hold(HoldPending command) {
        String purposeKey = command.purposeKey() == null ? "" : command.purposeKey().strip();
        if (!KINDS.containsKey(purposeKey)) {
            throw new InvalidInput("purpose", "has no pending flow (recruitment, talent-pool or prospect-dialogue)", "consent.error.noPendingFlow");
        }
        Purpose purpose = record.requirePurpose(purposeKey);
        if (purpose.legalBasis() != LegalBasis.CONSENT) {
            throw new NotConsentBased(purposeKey);
        }
        PersonalData data = command.data();
        List<FieldError> errors = new ArrayList<>();
        String email = EmailAddresses.tryNormalise(data.email()).orElse("");
        if (email.isEmpty()) {
            errors.add(FieldError.coded("email", "is required to ask for consent", "error.field.emailForConsent"));
        }
        List<String> allowed = record.dataCategoriesOf(purposeKey);
        data.givenCategories().forEach((category, field) -> {
            if (!allowed.contains(category)) {
                errors.add(FieldError.coded(field, "is not needed for purpose '" + purposeKey + "' (data minimisation)",
                        "error.field.notNeeded", "purpose:" + purposeKey));
            }
        });
        if (data.postalAddress() != null || data.purchaseHistory() != null || data.bankAccount() != null) {
            errors.add(FieldError.coded("data", "only name, email, phone, CV and recruiter notes can be held pending", "error.field.pendingCategories"));
        }
        byte[] file = command.attachment();
        String mediaType = command.mediaType();
        if (file != null) {
            if (!allowed.contains("cv")) {
                errors.add(FieldError.coded("file", "is not needed for purpose '" + purposeKey + "' (data minimisation)",
                        "error.field.notNeeded", "purpose:" + purposeKey));
            } else if (file.length == 0 || file.length > MAX_FILE_BYTES) {
                errors.add(FieldError.coded("file", "must be 1 byte to 10 MB", "error.field.fileSize"));
            } else if (mediaType == null || !mediaType.matches("[a-z]+/[a-z0-9.+-]{1,80}")) {
                errors.add(FieldError.coded("file", "has no valid media type", "error.field.fileType"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Locale language = "en".equals(command.language().getLanguage()) ? Locale.ENGLISH : NORWEGIAN;
        SubjectId subject = SubjectId.random(); // pre-allocated: the register will use the same id and key
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        PendingItem item = new PendingItem(id, subject, purposeKey, PendingStatus.PENDING, now, now.plus(pendingFor));
        byte[] payload = cipher.encrypt(subject, PAYLOAD, id, PendingPayload.encode(data));
        byte[] encryptedFile = file == null ? null : cipher.encrypt(subject, FILE, id, file);
        Actor actor = Actors.current();
        tx.executeWithoutResult(s -> {
            store.insert(item, language.getLanguage(), payload, file == null ? null : mediaType, encryptedFile,
                    actor.reference());
            audit.record(AuditEvent.by(actor, "consent.pending.create", Outcome.SUCCESS).withPurpose(purposeKey)
                    .withTargets(subject.reference(), "pending:" + id));
        });
        mailer.send(id, email, purpose.name().in(language), requestUrl(id, language), item.expiresAt(), language);
        return item;
    }

    String requestUrl(UUID id, Locale language) {
        return baseUrl + "/samtykke/foresporsel/" + signer.signPending(id)
                + ("en".equals(language.getLanguage()) ? "?lang=en" : "");
    }

    @Override
    public List<PendingItem> list(Set<String> purposeKeys) {
        return store.list(purposeKeys);
    }

    @Override
    public Optional<PendingRequest> requestOfToken(String token, Locale language) {
        return signer.verifyPending(token).flatMap(store::find).map(row -> {
            PendingItem item = row.item();
            Purpose purpose = record.requirePurpose(item.purposeKey());
            List<String> categories = row.payload() == null ? List.of()
                    : List.copyOf(PendingPayload.decode(cipher.decrypt(item.subject(), PAYLOAD, item.id(), row.payload()))
                            .givenCategories().keySet());
            return new PendingRequest(item.id(), item.purposeKey(), purpose.name().in(language),
                    record.notice(item.purposeKey(), language), categories, row.attachment() != null, item.status(),
                    item.expiresAt());
        });
    }

    @Override
    public void accept(UUID id, @Nullable String noticeHash, Locale language) {
        // TransactionCallback admits a null result (JSpecify); NullAway cannot see that before JDK 22.
        @SuppressWarnings("NullAway")
        Actor person = tx.execute(s -> {
            PendingStore.Row row = store.lock(id).orElseThrow(() -> new NotFound("Pending item", id));
            PendingItem item = row.item();
            if (item.status() == PendingStatus.MOVED) {
                return null; // already consented: nothing more to do
            }
            if (item.status() != PendingStatus.PENDING || row.payload() == null) {
                throw new Conflict("pending-gone", "No longer held",
                        "Pending item " + id + " was deleted; nothing can be consented to.");
            }
            PersonalData data = PendingPayload.decode(cipher.decrypt(item.subject(), PAYLOAD, id, row.payload()));
            // S4: the consent comes first, on the notice the person saw (GDPR Art. 7(1)) ...
            ledger.give(new GiveConsent(item.subject(), item.purposeKey(), Channel.WEB_FORM, language, null, noticeHash,
                    null, data.email()));
            // ... then the register accepts the data, under the same subject id and key.
            Actors.runAs(new Actor(Actor.Kind.SUBJECT, item.subject().toString()), () -> {
                register.register(new NewSubject(item.subject(), Set.of(KINDS.get(item.purposeKey())),
                        item.purposeKey(), Source.SUBJECT, null, data));
                if (row.attachment() != null && row.mediaType() != null) {
                    register.attach(item.subject(), item.purposeKey(), row.mediaType(),
                            cipher.decrypt(item.subject(), FILE, id, row.attachment()));
                }
                return null;
            });
            store.resolve(id, PendingStatus.MOVED, clock.instant());
            Actor actor = new Actor(Actor.Kind.SUBJECT, item.subject().toString());
            audit.record(AuditEvent.by(actor, "consent.pending.move", Outcome.SUCCESS).withPurpose(item.purposeKey())
                    .withTargets(item.subject().reference(), "pending:" + id));
            return actor;
        });
        if (person != null) {
            log.info("Pending item {} moved into the register on consent", id);
        }
    }

    @Override
    public void decline(UUID id) {
        tx.executeWithoutResult(s -> {
            PendingStore.Row row = store.lock(id).orElseThrow(() -> new NotFound("Pending item", id));
            if (row.item().status() != PendingStatus.PENDING) {
                return;
            }
            destroy(row.item(), PendingStatus.DECLINED, new Actor(Actor.Kind.SUBJECT, row.item().subject().toString()),
                    "consent.pending.decline");
        });
    }

    /**
     * Purges every pending item whose time ran out (S5): the subject key is shredded, so every copy of
     * the ciphertext (backups included) is unreadable, and the row keeps ids and times only. A batch per
     * transaction with SKIP LOCKED; returns how many.
     */
    int purgeExpired() {
        int total = 0;
        int batch;
        do {
            Integer n = tx.execute(s -> {
                List<PendingItem> expired = store.lockExpired(clock.instant(), 100);
                expired.forEach(item -> destroy(item, PendingStatus.PURGED, PURGE_ACTOR, "consent.pending.purge"));
                return expired.size();
            });
            batch = n == null ? 0 : n;
            total += batch;
        } while (batch == 100);
        if (total > 0) {
            log.info("Purged {} pending items without consent", total);
        }
        return total;
    }

    private void destroy(PendingItem item, PendingStatus status, Actor actor, String action) {
        shredder.shred(item.subject());
        store.resolve(item.id(), status, clock.instant());
        audit.record(AuditEvent.by(actor, action, Outcome.SUCCESS).withPurpose(item.purposeKey())
                .withTargets(item.subject().reference(), "pending:" + item.id()));
    }
}
