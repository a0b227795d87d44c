package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.processing.UnknownPurpose;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.ChangeEntry;
import no.vern.register.ConsentGate;
import no.vern.register.ConsentRequired;
import no.vern.register.ReadClearance;
import no.vern.register.ReadNotCleared;
import no.vern.register.ErasureResult;
import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.RecordView;
import no.vern.register.RecordsErased;
import no.vern.register.Source;
import no.vern.register.StaleSubjectVersion;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectPage;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectRestricted;
import no.vern.register.SubjectRegistered;
import no.vern.register.SubjectSummary;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.PayloadTooLarge;
import no.vern.shared.PhoneNumbers;
import no.vern.shared.Rejected;
import no.vern.shared.SubjectId;
import no.vern.uploads.InspectedUpload;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadPurpose;

/**
 * The register's write and read paths: validation and normalisation, purpose and minimisation
 * checks against the record of processing (S8), the consent gate (S4, S5), per-subject encryption
 * (S15), blind indexes, role × kind visibility (S20), purpose-bound reads (S10) and audit.
 */
@Service
class RegisterService implements SubjectRegister {

    static final Set<SubjectKind> CONSENT_KINDS = EnumSet.of(SubjectKind.PROSPECT, SubjectKind.CANDIDATE,
            SubjectKind.EVENT_PARTICIPANT);
    static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;
    private static final int MAX_TEXT = 20_000;

    private final Subjects subjects;
    private final RestrictionService restrictions;
    private final Organisations organisations;
    private final IdempotencyKeys idempotency;
    private final SubjectCipher cipher;
    private final BlindIndex blindIndex;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ConsentGate> consentGate;
    private final ObjectProvider<ReadClearance> readClearance;
    private final UploadInspector uploads;
    private final Erasure erasure;
    private final CsvImport csvImport;
    private final TransactionTemplate tx;
    private final Clock clock;

    RegisterService(Subjects subjects, Organisations organisations, IdempotencyKeys idempotency, SubjectCipher cipher,
            BlindIndex blindIndex, ProcessingRecord processing, AuditLog audit, ApplicationEventPublisher events,
            ObjectProvider<ConsentGate> consentGate, ObjectProvider<ReadClearance> readClearance, UploadInspector uploads,
            Erasure erasure, TransactionTemplate tx, Clock clock, RestrictionService restrictions) {
        this.restrictions = restrictions;
        this.subjects = subjects;
        this.organisations = organisations;
        this.idempotency = idempotency;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.processing = processing;
        this.audit = audit;
        this.events = events;
        this.consentGate = consentGate;
        this.readClearance = readClearance;
        this.uploads = uploads;
        this.erasure = erasure;
        this.csvImport = new CsvImport(this);
        this.tx = tx;
        this.clock = clock;
    }

    /** A validated, normalised value to store under a category. */
    record Pending(String category, String field, String value) {

        @Override
        public String toString() {
            return "Pending[" + category + "]";
        }
    }

    /** A validated organisation. */
    record OrgValue(String name, @Nullable String orgNumber, @Nullable String address) {
    }

    // ---------------------------------------------------------------- writes

    @Override
    public SubjectId register(NewSubject command) {
        Set<SubjectKind> visible = Visibility.current();
        requireKinds(command.kinds(), visible);
        List<FieldError> errors = new ArrayList<>();
        Purpose purpose = processing.requirePurpose(command.purpose());
        List<Pending> pending = validate(purpose, command.data(), errors);
        OrgValue org = organisation(command.organisation(), errors);
        if (pending.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("data", "at least one category of personal data is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        SubjectId id = command.id() != null ? command.id() : SubjectId.random();
        LegalBasis basis = purpose.legalBasis();
        if (basis == null) {
            throw new UnknownPurpose(command.purpose()); // a purpose without a legal basis cannot hold data
        }
        requireConsent(id, command.kinds(), command.purpose(), basis, "register.subject.create");
        return inTx(() -> {
            if (subjects.exists(id)) {
                if (subjects.find(id, false).map(Subjects.Row::erased).orElse(false)) {
                    throw new SubjectGone(id);
                }
                throw new Conflict("subject-exists", "Subject exists", "Subject " + id + " already exists.");
            }
            Instant now = clock.instant();
            UUID orgId = org == null ? null : organisations.findOrCreate(org.name(), org.orgNumber(), org.address(), now);
            subjects.insert(id, command.kinds(), orgId, now);
            List<String> changed = new ArrayList<>();
            changed.add("subject");
            for (Pending p : pending) {
                storeNew(id, p, command.source(), command.purpose(), basis, now);
                changed.add(p.category());
            }
            subjects.changes(id, now, actor().reference(), changed, "created");
            subjects.addIndexes(id, hashes(pending));
            events.publishEvent(new SubjectRegistered(id));
            audit.record(event("register.subject.create", Outcome.SUCCESS, command.purpose(), id, pending));
            return id;
        });
    }

    @Override
    public SubjectId registerOnce(String idempotencyKey, NewSubject command) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new InvalidInput("Idempotency-Key", "must be 1 to 200 characters");
        }
        byte[] keyHash = blindIndex.of("idempotency-key", actor().reference() + "\u0000" + idempotencyKey);
        byte[] requestHash = blindIndex.of("idempotency-request", canonical(command));
        Optional<IdempotencyKeys.Entry> seen = inTx(() -> idempotency.find(keyHash));
        if (seen.isPresent()) {
            if (!Arrays.equals(seen.get().requestHash(), requestHash)) {
                throw new Conflict("idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was used for a different request.");
            }
            return seen.get().subject();
        }
        NewSubject withId = command.id() != null ? command
                : new NewSubject(SubjectId.random(), command.kinds(), command.purpose(), command.source(),
                        command.organisation(), command.data());
        return inTx(() -> {
            SubjectId id = register(withId);
            idempotency.remember(keyHash, requestHash, id, clock.instant());
            return id;
        });
    }

    @Override
    public long update(SubjectId id, long expectedVersion, SubjectUpdate update) {
        Set<SubjectKind> visible = Visibility.current();
        Subjects.Row before = visibleRow(id, visible);
        Set<SubjectKind> kinds = update.kinds() == null || update.kinds().isEmpty() ? before.kinds()
                : EnumSet.copyOf(update.kinds());
        requireKinds(kinds, visible);
        List<FieldError> errors = new ArrayList<>();
        List<Pending> pending = validate(update.purpose(), update.data(), errors);
        OrgValue org = organisation(update.organisation(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        requireConsent(id, kinds, update.purpose(), processing.legalBasisOf(update.purpose()), "register.subject.update");
        return inTx(() -> {
            Subjects.Row row = subjects.find(id, true).orElseThrow(() -> new NotFound("Subject", id));
            if (row.erased()) {
                throw new SubjectGone(id);
            }
            if (row.version() != expectedVersion) {
                throw new StaleSubjectVersion(id, expectedVersion, row.version());
            }
            Instant now = clock.instant();
            String actor = actor().reference();
            if (!kinds.equals(row.kinds())) {
                subjects.setKinds(id, kinds);
                subjects.change(id, now, actor, "subject", "kinds-changed");
            }
            if (org != null) {
                subjects.setOrganisation(id, organisations.findOrCreate(org.name(), org.orgNumber(), org.address(), now));
                subjects.change(id, now, actor, "subject", "organisation-changed");
            }
            LegalBasis basis = processing.legalBasisOf(update.purpose());
            List<Subjects.StoredRecord> held = subjects.recordsFor(id, update.purpose());
            for (Pending p : pending) {
                Optional<Subjects.StoredRecord> existing = held.stream()
                        .filter(r -> r.category().equals(p.category())).findFirst();
                if (existing.isEmpty()) {
                    storeNew(id, p, update.source(), update.purpose(), basis, now);
                    subjects.change(id, now, actor, p.category(), "created");
                } else if (cipher.decryptText(id, p.category(), existing.get().id(), existing.get().ciphertext())
                        .equals(p.value())) {
                    subjects.confirmRecord(id, existing.get().id(), now);
                    subjects.change(id, now, actor, p.category(), "confirmed");
                } else {
                    subjects.replaceRecordValue(id, existing.get().id(),
                            cipher.encryptText(id, p.category(), existing.get().id(), p.value()), update.source(), now);
                    subjects.change(id, now, actor, p.category(), "updated");
                }
            }
            rebuildIndexes(id);
            subjects.changed(id, now);
            audit.record(event("register.subject.update", Outcome.SUCCESS, update.purpose(), id, pending));
            return row.version() + 1;
        });
    }

    @Override
    public UUID attach(SubjectId id, String purposeKey, String mediaType, byte[] content) {
        if (content.length > MAX_ATTACHMENT_BYTES) {
            throw new PayloadTooLarge(MAX_ATTACHMENT_BYTES);
        }
        if (!mediaType.matches("[a-z]+/[a-z0-9.+-]{1,80}")) {
            throw new InvalidInput("mediaType", "is not a media type");
        }
        Subjects.Row row = visibleRow(id, Visibility.current());
        processing.requirePurpose(purposeKey);
        if (!processing.dataCategoriesOf(purposeKey).contains(Categories.CV)) {
            throw new InvalidInput("file", "is not needed for purpose '" + purposeKey + "' (data minimisation)");
        }
        requireConsent(id, row.kinds(), purposeKey, processing.legalBasisOf(purposeKey), "register.attachment.create");
        // S15: type from content, allowed types only, no zip bombs or polyglots, virus scan when configured.
        uploads.requireRoom(subjects.attachmentCount(id), UploadPurpose.CV);
        InspectedUpload inspected = uploads.inspect(null, mediaType, content, UploadPurpose.CV);
        return inTx(() -> {
            Instant now = clock.instant();
            UUID attachment = UUID.randomUUID();
            UUID record = UUID.randomUUID();
            subjects.insertRecord(id, record, Categories.CV,
                    cipher.encryptText(id, Categories.CV, record, "attachment:" + attachment), Source.SUBJECT,
                    purposeKey, processing.legalBasisOf(purposeKey), now);
            subjects.insertAttachment(id, attachment, record, inspected.mediaType(), content.length,
                    cipher.encrypt(id, Categories.CV, attachment, content), now);
            subjects.change(id, now, actor().reference(), Categories.CV, "attachment-added");
            subjects.changed(id, now);
            audit.record(AuditEvent.by(actor(), "register.attachment.create", Outcome.SUCCESS).withPurpose(purposeKey)
                    .withTargets(id.reference(), "category:cv"));
            return attachment;
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public SubjectRecords read(SubjectId id, String purposeKey) {
        processing.requirePurpose(purposeKey);
        Subjects.Row row = visibleRow(id, Visibility.current());
        requireClearance(id, purposeKey, "register.subject.read");
        if (restrictions.isRestricted(id)) {
            // GDPR Art. 18(2): a restricted subject's data is only stored, not used.
            audit.record(AuditEvent.by(actor(), "register.subject.read", Outcome.DENIED).withPurpose(purposeKey)
                    .withTargets(id.reference()));
            throw new SubjectRestricted(id);
        }
        return inTx(() -> {
            List<Subjects.StoredRecord> held = subjects.recordsFor(id, purposeKey);
            if (held.isEmpty()) {
                // GDPR Art. 5(1)(b): nothing was collected for this purpose, so nothing is shown.
                audit.record(AuditEvent.by(actor(), "register.subject.read", Outcome.DENIED).withPurpose(purposeKey)
                        .withTargets(id.reference()));
                return new SubjectRecords(row.summary(), purposeKey, List.of());
            }
            List<RecordView> views = new ArrayList<>();
            Set<String> categories = new java.util.TreeSet<>();
            for (Subjects.StoredRecord r : held) {
                views.add(new RecordView(r.id(), r.category(), cipher.decryptText(id, r.category(), r.id(), r.ciphertext()),
                        r.source(), r.purposes(), r.legalBasis(), r.collectedAt(), r.confirmedAt()));
                categories.add("category:" + r.category());
            }
            List<String> targets = new ArrayList<>();
            targets.add(id.reference());
            targets.addAll(categories);
            audit.record(AuditEvent.by(actor(), "register.subject.read", Outcome.SUCCESS).withPurpose(purposeKey)
                    .withTargets(targets.toArray(String[]::new)));
            return new SubjectRecords(row.summary(), purposeKey, views);
        });
    }

    @Override
    public Optional<byte[]> attachment(SubjectId id, UUID attachmentId, String purposeKey) {
        processing.requirePurpose(purposeKey);
        visibleRow(id, Visibility.current());
        requireClearance(id, purposeKey, "register.attachment.read");
        return inTx(() -> {
            Optional<Subjects.StoredAttachment> stored = subjects.attachment(id, attachmentId);
            boolean held = stored.isPresent() && subjects.recordsFor(id, purposeKey).stream()
                    .anyMatch(r -> r.id().equals(stored.get().record()));
            audit.record(AuditEvent.by(actor(), "register.attachment.read", held ? Outcome.SUCCESS : Outcome.DENIED)
                    .withPurpose(purposeKey).withTargets(id.reference(), "attachment:" + attachmentId));
            return held ? Optional.of(cipher.decrypt(id, Categories.CV, attachmentId, stored.get().ciphertext()))
                    : Optional.<byte[]>empty();
        });
    }

    @Override
    public SubjectSummary summary(SubjectId id) {
        return visibleRow(id, Visibility.current()).summary();
    }

    @Override
    public List<SubjectSummary> findByEmail(String email) {
        String normalised = field("email", () -> EmailAddresses.normalise(email));
        return lookup("email", blindIndex.candidates("email", normalised));
    }

    @Override
    public List<SubjectSummary> findByPhone(String phone) {
        String normalised = field("phone", () -> PhoneNumbers.normalise(phone));
        return lookup("phone", blindIndex.candidates("phone", normalised));
    }

    @Override
    public List<SubjectSummary> findByOrgNumber(String orgNumber) {
        String normalised = field("org", () -> OrgNumbers.normalise(orgNumber));
        Set<SubjectKind> visible = Visibility.current();
        return organisations.byNumber(normalised)
                .map(o -> subjects.byOrganisation(o.id(), visible).stream().map(Subjects.Row::summary).toList())
                .orElse(List.of());
    }

    private List<SubjectSummary> lookup(String kind, List<byte[]> candidates) {
        return inTx(() -> {
            List<SubjectSummary> found = subjects.byIds(subjects.findByIndex(kind, candidates), Visibility.current())
                    .stream().map(Subjects.Row::summary).toList();
            audit.record(AuditEvent.by(actor(), "register.subject.lookup", Outcome.SUCCESS)
                    .withTargets(found.stream().map(s -> s.id().reference()).toArray(String[]::new)));
            return found;
        });
    }

    @Override
    public SubjectPage list(int page, int size) {
        if (page < 0) {
            throw new InvalidInput("page", "must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new InvalidInput("size", "must be between 1 and 100");
        }
        Set<SubjectKind> visible = Visibility.current();
        List<SubjectSummary> items = subjects.page(visible, page * size, size).stream().map(Subjects.Row::summary)
                .toList();
        return new SubjectPage(items, page, size, subjects.count(visible));
    }

    @Override
    public List<ChangeEntry> history(SubjectId id) {
        Subjects.Row row = subjects.find(id, false).orElseThrow(() -> new NotFound("Subject", id));
        if (!Visibility.sees(Visibility.current(), row.kinds())) {
            throw new NotFound("Subject", id);
        }
        return subjects.history(id);
    }

    @Override
    public Set<SubjectKind> visibleKinds() {
        return Visibility.current();
    }

    @Override
    public boolean isErased(SubjectId id) {
        return subjects.find(id, false).map(Subjects.Row::erased).orElse(false);
    }

    // ---------------------------------------------------------------- erasure

    @Override
    public ErasureResult erase(SubjectId id) {
        Subjects.Row row = subjects.find(id, false).orElseThrow(() -> new NotFound("Subject", id));
        if (!Visibility.sees(Visibility.current(), row.kinds())) {
            throw new NotFound("Subject", id);
        }
        if (row.erasureCompletedAt() != null) {
            return new ErasureResult(id, true, 0);
        }
        Actor actor = actor();
        erasure.markErased(id);
        erasure.shred(id);
        return new ErasureResult(id, false, erasure.finish(id, actor));
    }

    @Override
    public int eraseRecords(SubjectId id, String purposeKey) {
        if (!purposeKey.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new InvalidInput("purpose", "is not a purpose key");
        }
        visibleRow(id, Visibility.current());
        return inTx(() -> {
            int touched = subjects.erasePurpose(id, purposeKey);
            Instant now = clock.instant();
            rebuildIndexes(id);
            subjects.change(id, now, actor().reference(), "purpose:" + purposeKey, "erased");
            subjects.changed(id, now);
            events.publishEvent(new RecordsErased(id, purposeKey));
            audit.record(AuditEvent.by(actor(), "register.records.erase", Outcome.SUCCESS).withPurpose(purposeKey)
                    .withTargets(id.reference()));
            return touched;
        });
    }

    @Override
    public ImportReport importCsv(String csv, ImportOptions options) {
        return csvImport.run(csv, options);
    }

    // ---------------------------------------------------------------- helpers

    /** S15: staff whose required privacy training has lapsed may be refused reads (training module's setting). */
    private void requireClearance(SubjectId id, String purposeKey, String action) {
        ReadClearance clearance = readClearance.getIfAvailable();
        if (clearance != null && !clearance.mayReadPersonalData(actor())) {
            audit.record(AuditEvent.by(actor(), action, Outcome.DENIED).withPurpose(purposeKey)
                    .withTargets(id.reference()));
            throw new ReadNotCleared();
        }
    }

    Actor actor() {
        return Actors.currentOr(Actor.system("register"));
    }

    /** Whether a subject with this normalised email (or phone) exists for the import's duplicate check. */
    List<SubjectSummary> duplicates(String kind, String normalised) {
        return subjects.byIds(subjects.findByIndex(kind, blindIndex.candidates(kind, normalised)),
                EnumSet.allOf(SubjectKind.class)).stream().map(Subjects.Row::summary).toList();
    }

    boolean consentPermits(SubjectId id, Set<SubjectKind> kinds, String purpose) {
        return consentPermits(id, kinds, purpose, processing.legalBasisOf(purpose));
    }

    private boolean consentPermits(SubjectId id, Set<SubjectKind> kinds, String purpose, LegalBasis basis) {
        boolean consentKind = kinds.stream().anyMatch(CONSENT_KINDS::contains);
        if (basis != LegalBasis.CONSENT && !consentKind) {
            return true;
        }
        ConsentGate gate = consentGate.getIfAvailable();
        // No consent module: no consent exists, so nothing consent-based may be stored (S4, S5).
        return basis == LegalBasis.CONSENT && gate != null && gate.permits(id, purpose);
    }

    private void requireConsent(SubjectId id, Set<SubjectKind> kinds, String purpose, LegalBasis basis,
            String action) {
        if (!consentPermits(id, kinds, purpose, basis)) {
            inTx(() -> {
                audit.record(AuditEvent.by(actor(), action, Outcome.DENIED).withPurpose(purpose)
                        .withTargets(id.reference()));
                return null;
            });
            throw new ConsentRequired(id, purpose);
        }
    }

    private static void requireKinds(Set<SubjectKind> kinds, Set<SubjectKind> visible) {
        if (kinds.isEmpty()) {
            throw new InvalidInput("kinds", "at least one kind is required");
        }
        if (!visible.containsAll(kinds)) {
            throw new AccessDeniedException("The caller may not store subjects of these kinds");
        }
    }

    private Subjects.Row visibleRow(SubjectId id, Set<SubjectKind> visible) {
        Subjects.Row row = subjects.find(id, false).orElseThrow(() -> new NotFound("Subject", id));
        if (!Visibility.sees(visible, row.kinds())) {
            throw new NotFound("Subject", id); // do not reveal that it exists
        }
        if (row.erased()) {
            throw new SubjectGone(id);
        }
        return row;
    }

    /** Validates and normalises the given categories against the purpose (GDPR Art. 5(1)(c), S8). */
    List<Pending> validate(String purpose, PersonalData data, List<FieldError> errors) {
        return validate(processing.requirePurpose(purpose), data, errors);
    }

    private List<Pending> validate(Purpose known, PersonalData data, List<FieldError> errors) {
        String purpose = known.key();
        List<String> allowed = processing.dataCategoriesOf(purpose);
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<String, String> given : data.givenCategories().entrySet()) {
            String category = given.getKey();
            String field = given.getValue();
            if (!allowed.contains(category)) {
                errors.add(new FieldError(field, "is not needed for purpose '" + purpose + "' (data minimisation)"));
                continue;
            }
            try {
                pending.add(new Pending(category, field, normalise(category, data)));
            } catch (Rejected e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        return pending;
    }

    private static String normalise(String category, PersonalData data) {
        switch (category) {
            case Categories.NAME:
                return Text.line(data.name(), 200, "is required");
            case Categories.EMAIL:
                return EmailAddresses.normalise(data.email());
            case Categories.PHONE:
                return PhoneNumbers.normalise(data.phone());
            case Categories.POSTAL_ADDRESS:
                return PostalAddresses.format(PostalAddresses.normalise(data.postalAddress()));
            case Categories.BANK_INFORMATION:
                return BankAccounts.normalise(data.bankAccount());
            case Categories.PURCHASE_HISTORY:
                return Text.block(data.purchaseHistory(), MAX_TEXT);
            case Categories.CV:
                return Text.block(data.cv(), MAX_TEXT);
            case Categories.RECRUITER_NOTES:
                return Text.block(data.recruiterNotes(), MAX_TEXT);
            default:
                throw new Rejected("is not a category the register stores");
        }
    }

    private static @Nullable OrgValue organisation(@Nullable OrganisationInput input, List<FieldError> errors) {
        if (input == null) {
            return null;
        }
        String name = null;
        String number = null;
        String address = null;
        try {
            name = Text.line(input.name(), 200, "is required");
        } catch (Rejected e) {
            errors.add(new FieldError("organisation.name", e.getMessage()));
        }
        if (input.orgNumber() != null && !input.orgNumber().isBlank()) {
            try {
                number = OrgNumbers.normalise(input.orgNumber());
            } catch (Rejected e) {
                errors.add(new FieldError("organisation.orgNumber", e.getMessage()));
            }
        }
        if (input.businessAddress() != null && !input.businessAddress().isBlank()) {
            try {
                address = Text.line(input.businessAddress(), 300, "is required");
            } catch (Rejected e) {
                errors.add(new FieldError("organisation.businessAddress", e.getMessage()));
            }
        }
        return name == null ? null : new OrgValue(name, number, address);
    }

    private void storeNew(SubjectId id, Pending p, Source source, String purpose, LegalBasis basis, Instant now) {
        UUID record = UUID.randomUUID();
        subjects.insertRecord(id, record, p.category(), cipher.encryptText(id, p.category(), record, p.value()), source,
                purpose, basis, now);
    }

    private void reindex(SubjectId id, List<Pending> pending) {
        subjects.deleteIndexes(id);
        subjects.addIndexes(id, hashes(pending));
    }

    /** Blind-index entries (kind, hash) of the email and phone values among the pending ones. */
    private List<Subjects.IndexEntry> hashes(List<Pending> pending) {
        List<Subjects.IndexEntry> entries = new ArrayList<>();
        for (Pending p : pending) {
            if (p.category().equals(Categories.EMAIL)) {
                entries.add(new Subjects.IndexEntry("email", blindIndex.email(p.value())));
            } else if (p.category().equals(Categories.PHONE)) {
                entries.add(new Subjects.IndexEntry("phone", blindIndex.phone(p.value())));
            }
        }
        return entries;
    }

    /** Recomputes the subject's email and phone indexes from what is stored now. */
    void rebuildIndexes(SubjectId id) {
        List<Pending> current = new ArrayList<>();
        for (Subjects.StoredRecord r : subjects.records(id)) {
            if (r.category().equals(Categories.EMAIL) || r.category().equals(Categories.PHONE)) {
                current.add(new Pending(r.category(), r.category(), cipher.decryptText(id, r.category(), r.id(), r.ciphertext())));
            }
        }
        reindex(id, current);
    }

    private AuditEvent event(String action, Outcome outcome, String purpose, SubjectId id, List<Pending> pending) {
        List<String> targets = new ArrayList<>();
        targets.add(id.reference());
        pending.stream().map(p -> "category:" + p.category()).distinct().forEach(targets::add);
        return AuditEvent.by(actor(), action, outcome).withPurpose(purpose).withTargets(targets.toArray(String[]::new));
    }

    private static String canonical(NewSubject c) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("kinds", Subjects.names(c.kinds()));
        parts.put("purpose", c.purpose());
        parts.put("source", c.source());
        parts.put("org", c.organisation() == null ? "" : c.organisation().name() + "\u0000" + c.organisation().orgNumber()
                + "\u0000" + c.organisation().businessAddress());
        PersonalData d = c.data();
        parts.put("data", d.name() + "\u0000" + d.email() + "\u0000" + d.phone() + "\u0000"
                + (d.postalAddress() == null ? "" : PostalAddresses.format(d.postalAddress())) + "\u0000"
                + d.purchaseHistory() + "\u0000" + d.bankAccount() + "\u0000" + d.cv() + "\u0000" + d.recruiterNotes());
        StringBuilder out = new StringBuilder();
        parts.forEach((k, v) -> out.append(k).append('=')
                .append(v instanceof String[] a ? String.join(",", a) : String.valueOf(v)).append('\u0001'));
        return out.toString();
    }

    private static String field(String field, Supplier<String> normaliser) {
        try {
            return normaliser.get();
        } catch (Rejected e) {
            throw new InvalidInput(field, e.getMessage());
        }
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
