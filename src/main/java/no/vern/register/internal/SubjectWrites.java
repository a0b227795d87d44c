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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.SubjectKind;
import no.vern.processing.UnknownPurpose;
import no.vern.register.Categories;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.StaleSubjectVersion;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRegistered;
import no.vern.register.SubjectUpdate;
import no.vern.register.internal.RecordValidation.OrgValue;
import no.vern.register.internal.RecordValidation.Pending;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.PayloadTooLarge;
import no.vern.shared.SubjectId;
import no.vern.uploads.InspectedUpload;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadPurpose;

/**
 * The register's write paths: registering a subject (also once per idempotency key), updating it
 * against the version the caller saw, and attaching a CV file. Values are validated against the
 * purpose (S8), consent is checked (S4, S5), each value is encrypted under the subject's key (S15),
 * blind indexes follow, and every change is recorded in the history and the audit log.
 */
@Component
class SubjectWrites {

    static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

    private final Subjects subjects;
    private final Organisations organisations;
    private final IdempotencyKeys idempotency;
    private final SubjectCipher cipher;
    private final BlindIndex blindIndex;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final UploadInspector uploads;
    private final SubjectAccess access;
    private final RecordValidation validation;
    private final SubjectIndexes indexes;
    private final TransactionTemplate tx;
    private final Clock clock;

    SubjectWrites(Subjects subjects, Organisations organisations, IdempotencyKeys idempotency, SubjectCipher cipher,
            BlindIndex blindIndex, ProcessingRecord processing, AuditLog audit, ApplicationEventPublisher events,
            UploadInspector uploads, SubjectAccess access, RecordValidation validation, SubjectIndexes indexes,
            TransactionTemplate tx, Clock clock) {
        this.subjects = subjects;
        this.organisations = organisations;
        this.idempotency = idempotency;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.processing = processing;
        this.audit = audit;
        this.events = events;
        this.uploads = uploads;
        this.access = access;
        this.validation = validation;
        this.indexes = indexes;
        this.tx = tx;
        this.clock = clock;
    }

    SubjectId register(NewSubject command) {
        return register(command, null, SubjectRegistered.DEFAULT_LANGUAGE);
    }

    /** Registers a subject that came with an import or list ({@code origin}), to be written to in {@code language}. */
    SubjectId register(NewSubject command, @Nullable String origin, String language) {
        Set<SubjectKind> visible = Visibility.current();
        SubjectAccess.requireKinds(command.kinds(), visible);
        List<FieldError> errors = new ArrayList<>();
        ProcessingRecordDocument record = processing.current().document(); // one look-up of the record per write
        Purpose purpose = record.purpose(command.purpose()).orElseThrow(() -> new UnknownPurpose(command.purpose()));
        // A new subject's id comes with its key (generated ahead, issue 28 item 4) once the checks have passed; the
        // checks name a provisional id, as they did before: a refused subject never exists under any id.
        SubjectId checked = command.id() != null ? command.id() : SubjectId.random();
        access.requirePurpose(checked, command.purpose(), "register.subject.create");
        List<Pending> pending = validation.validate(record, purpose, command.data(), errors);
        OrgValue org = RecordValidation.organisation(command.organisation(), errors);
        if (pending.isEmpty() && errors.isEmpty()) {
            errors.add(FieldError.coded("data", "at least one category of personal data is required", "register.error.noData"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        access.requireCategories(checked, command.purpose(), categories(pending), "register.subject.create");
        LegalBasis basis = purpose.legalBasis();
        if (basis == null) {
            throw new UnknownPurpose(command.purpose()); // a purpose without a legal basis cannot hold data
        }
        access.requireConsent(checked, command.kinds(), command.purpose(), basis, "register.subject.create");
        SubjectId id = command.id() != null ? command.id() : cipher.newSubject();
        return inTx(() -> {
            Instant now = clock.instant();
            UUID orgId = org == null ? null : organisations.findOrCreate(org.name(), org.orgNumber(), org.address(), now);
            List<String> changed = new ArrayList<>();
            changed.add("subject");
            List<Subjects.NewRecord> records = new ArrayList<>();
            for (Pending p : pending) {
                UUID recordId = UUID.randomUUID();
                records.add(new Subjects.NewRecord(recordId, p.category(),
                        cipher.encryptText(id, p.category(), recordId, p.value())));
                changed.add(p.category());
            }
            // Subject, records, history and blind indexes in one statement; nothing if the id is taken.
            if (!subjects.insertNew(id, command.kinds(), orgId, records, command.source(), command.purpose(), basis,
                    indexes.hashes(pending), access.actor().reference(), changed, "created", now)) {
                if (subjects.find(id, false).map(Subjects.Row::erased).orElse(false)) {
                    throw new SubjectGone(id);
                }
                throw new Conflict("subject-exists", "Subject exists", "Subject " + id + " already exists.");
            }
            events.publishEvent(new SubjectRegistered(id, command.source(), command.purpose(), origin, language));
            audit.record(event("register.subject.create", command.purpose(), id, pending));
            return id;
        });
    }

    SubjectId registerOnce(String idempotencyKey, NewSubject command) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new InvalidInput("Idempotency-Key", "must be 1 to 200 characters",
                    idempotencyKey.isBlank() ? "error.field.required" : "error.field.tooLong", "200");
        }
        byte[] keyHash = blindIndex.of("idempotency-key", access.actor().reference() + "\u0000" + idempotencyKey);
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
                : new NewSubject(cipher.newSubject(), command.kinds(), command.purpose(), command.source(),
                        command.organisation(), command.data());
        return inTx(() -> {
            SubjectId id = register(withId);
            idempotency.remember(keyHash, requestHash, id, clock.instant());
            return id;
        });
    }

    long update(SubjectId id, long expectedVersion, SubjectUpdate update) {
        Set<SubjectKind> visible = Visibility.current();
        Subjects.Row before = access.visibleRow(id, visible);
        Set<SubjectKind> kinds = update.kinds() == null || update.kinds().isEmpty() ? before.kinds()
                : EnumSet.copyOf(update.kinds());
        SubjectAccess.requireKinds(kinds, visible);
        processing.requirePurpose(update.purpose());
        access.requirePurpose(id, update.purpose(), "register.subject.update");
        List<FieldError> errors = new ArrayList<>();
        List<Pending> pending = validation.validate(update.purpose(), update.data(), errors);
        OrgValue org = RecordValidation.organisation(update.organisation(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        access.requireCategories(id, update.purpose(), categories(pending), "register.subject.update");
        access.requireConsent(id, kinds, update.purpose(), processing.legalBasisOf(update.purpose()),
                "register.subject.update");
        return inTx(() -> {
            Subjects.Row row = subjects.find(id, true).orElseThrow(() -> new NotFound("Subject", id));
            if (row.erased()) {
                throw new SubjectGone(id);
            }
            if (row.version() != expectedVersion) {
                throw new StaleSubjectVersion(id, expectedVersion, row.version());
            }
            Instant now = clock.instant();
            String actor = access.actor().reference();
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
            indexes.rebuild(id);
            subjects.changed(id, now);
            audit.record(event("register.subject.update", update.purpose(), id, pending));
            return row.version() + 1;
        });
    }

    UUID attach(SubjectId id, String purposeKey, String mediaType, byte[] content) {
        if (content.length > MAX_ATTACHMENT_BYTES) {
            throw new PayloadTooLarge(MAX_ATTACHMENT_BYTES);
        }
        if (!mediaType.matches("[a-z]+/[a-z0-9.+-]{1,80}")) {
            throw new InvalidInput("mediaType", "is not a media type", "error.field.fileType");
        }
        Subjects.Row row = access.visibleRow(id, Visibility.current());
        processing.requirePurpose(purposeKey);
        if (!processing.dataCategoriesOf(purposeKey).contains(Categories.CV)) {
            throw new InvalidInput(InvalidInput.FieldError.coded("file", "is not needed for purpose '" + purposeKey
                    + "' (data minimisation)", "error.field.notNeeded", "purpose:" + purposeKey));
        }
        access.requireCategories(id, purposeKey, List.of(Categories.CV), "register.attachment.create");
        access.requireConsent(id, row.kinds(), purposeKey, processing.legalBasisOf(purposeKey),
                "register.attachment.create");
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
            subjects.change(id, now, access.actor().reference(), Categories.CV, "attachment-added");
            subjects.changed(id, now);
            audit.record(AuditEvent.by(access.actor(), "register.attachment.create", Outcome.SUCCESS)
                    .withPurpose(purposeKey).withTargets(id.reference(), "category:cv"));
            return attachment;
        });
    }

    private void storeNew(SubjectId id, Pending p, Source source, String purpose, LegalBasis basis, Instant now) {
        UUID record = UUID.randomUUID();
        subjects.insertRecord(id, record, p.category(), cipher.encryptText(id, p.category(), record, p.value()), source,
                purpose, basis, now);
    }

    private static List<String> categories(List<Pending> pending) {
        return pending.stream().map(Pending::category).distinct().toList();
    }

    private AuditEvent event(String action, String purpose, SubjectId id, List<Pending> pending) {
        List<String> targets = new ArrayList<>();
        targets.add(id.reference());
        pending.stream().map(p -> "category:" + p.category()).distinct().forEach(targets::add);
        return AuditEvent.by(access.actor(), action, Outcome.SUCCESS).withPurpose(purpose)
                .withTargets(targets.toArray(String[]::new));
    }

    /** The request in one canonical text, hashed to tell a retry from a different request under the same key. */
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

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
