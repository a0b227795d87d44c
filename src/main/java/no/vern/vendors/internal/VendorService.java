package no.vern.vendors.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RecipientKind;
import no.vern.processing.RecipientRegister;
import no.vern.processing.RecipientStatement;
import no.vern.processing.RecordWarning;
import no.vern.processing.TransferRegister;
import no.vern.processing.TransferStatement;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.VernClock;
import no.vern.vendors.Agreement;
import no.vern.vendors.Countries;
import no.vern.vendors.DpaClause;
import no.vern.vendors.Transfer;
import no.vern.vendors.TransferInput;
import no.vern.vendors.TransferMechanism;
import no.vern.vendors.TransferRules;
import no.vern.vendors.Vendor;
import no.vern.vendors.VendorInput;
import no.vern.vendors.VendorRegister;
import no.vern.vendors.VendorRole;

/**
 * The vendor register, and through {@link TransferRegister} and {@link RecipientRegister} the source of the policy's
 * transfer section, of the record's transfer warnings and of every company named as a recipient of the record's
 * activities (one source: what is registered here is what the policy, the Art. 30 export and the notices say).
 */
@Service
class VendorService implements VendorRegister, TransferRegister, RecipientRegister {

    private final Vendors vendors;
    private final Agreements agreements;
    private final Transfers transfers;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;
    private final MessageSource messages;
    private final RecipientsCache cache;

    VendorService(Vendors vendors, Agreements agreements, Transfers transfers, ProcessingRecord record, AuditLog audit,
            Clock clock, MessageSource messages, RecipientsCache recipients) {
        this.cache = recipients;
        this.vendors = vendors;
        this.agreements = agreements;
        this.transfers = transfers;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
        this.messages = messages;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(VernClock.ZONE));
    }

    @Override
    public List<Vendor> vendors() {
        return vendors.all();
    }

    @Override
    public Optional<Vendor> vendor(UUID id) {
        return vendors.byId(id);
    }

    private Vendor require(UUID id) {
        return vendors.byId(id).orElseThrow(() -> new NotFound("Vendor", id));
    }

    @Override
    @Transactional
    public Vendor create(VendorInput input) {
        Vendor saved = save(UUID.randomUUID(), input, null);
        audit.record(AuditEvent.of("vendors.vendor.created", Outcome.SUCCESS).withTargets("vendor:" + saved.id()));
        return saved;
    }

    @Override
    @Transactional
    public Vendor update(UUID id, VendorInput input) {
        Vendor existing = require(id);
        Vendor saved = save(id, input, existing);
        audit.record(AuditEvent.of("vendors.vendor.updated", Outcome.SUCCESS).withTargets("vendor:" + id));
        return saved;
    }

    private Vendor save(UUID id, VendorInput input, @Nullable Vendor existing) {
        input.validate();
        checkAgainstRecord(input);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (input.parentId() != null) {
            Optional<Vendor> parent = vendors.byId(input.parentId());
            if (parent.isEmpty() || !parent.get().role().needsAgreement() || parent.get().id().equals(id)) {
                errors.add(InvalidInput.FieldError.coded("parentId", "must be a registered processor", "vendors.error.parent"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (vendors.nameTaken(input.name(), existing == null ? null : id)) {
            throw new Conflict("vendor-exists", "Vendor exists", "A vendor with this name is registered");
        }
        VendorRole role = java.util.Objects.requireNonNull(input.role());
        Vendor v = new Vendor(id, input.name(), role, input.parentId(),
                role == VendorRole.JOINT_CONTROLLER ? input.jointArrangement() : null, input.activities(),
                input.dataCategories(), input.securityMeasures(), input.subProcessorNoticeDays(), input.lastReview(),
                input.nextReview(), clock.instant(), input.notes());
        vendors.upsert(v);
        return v;
    }

    /** Activities and data categories must exist in the current record (one source of what is processed). */
    private void checkAgainstRecord(VendorInput input) {
        ProcessingRecordDocument doc = record.current().document();
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        for (String activity : input.activities()) {
            if (doc.activity(activity).isEmpty()) {
                errors.add(InvalidInput.FieldError.coded("activities", "no activity " + safe(activity) + " in the record", "vendors.error.activity", safe(activity)));
            }
        }
        for (String category : input.dataCategories()) {
            if (doc.dataCategory(category).isEmpty()) {
                errors.add(InvalidInput.FieldError.coded("dataCategories", "no data category " + safe(category) + " in the record", "vendors.error.category", safe(category)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static String safe(String key) {
        return key.matches("[A-Za-z0-9_.-]{1,64}") ? key : "(invalid key)";
    }

    @Override
    @Transactional
    public void delete(UUID id) {
        require(id);
        if (vendors.children(id) > 0) {
            throw new Conflict("vendor-has-sub-processors", "Vendor engages sub-processors",
                    "Remove or move its sub-processors first");
        }
        vendors.delete(id);
        audit.record(AuditEvent.of("vendors.vendor.deleted", Outcome.SUCCESS).withTargets("vendor:" + id));
    }

    @Override
    @Transactional
    public Vendor reviewed(UUID id, LocalDate on, LocalDate next) {
        Vendor v = require(id);
        if (on.isAfter(today())) {
            throw new InvalidInput("lastReview", "must not be in the future", "error.field.notInFuture");
        }
        if (!next.isAfter(on)) {
            throw new InvalidInput("nextReview", "must be after the review", "vendors.error.nextAfterReview");
        }
        Vendor updated = new Vendor(v.id(), v.name(), v.role(), v.parentId(), v.jointArrangement(), v.activities(),
                v.dataCategories(), v.securityMeasures(), v.subProcessorNoticeDays(), on, next, clock.instant(), v.notes());
        vendors.upsert(updated);
        audit.record(AuditEvent.of("vendors.vendor.reviewed", Outcome.SUCCESS).withTargets("vendor:" + id));
        return updated;
    }

    @Override
    public List<Agreement> agreements(UUID vendorId) {
        return agreements.of(vendorId);
    }

    @Override
    public Optional<Agreement> agreementInForce(UUID vendorId) {
        return agreements.of(vendorId).stream().findFirst();
    }

    /** The agreement in force of every vendor, by vendor id. */
    Map<UUID, Agreement> agreementsInForce() {
        return agreements.inForce().stream().collect(Collectors.toMap(Agreement::vendorId, Function.identity()));
    }

    @Override
    @Transactional
    public Agreement addAgreement(UUID vendorId, String version, LocalDate signedOn, @Nullable LocalDate expiresOn,
            Set<DpaClause> clauses) {
        Vendor v = require(vendorId);
        String name = version == null ? "" : version.strip();
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (!v.role().needsAgreement()) {
            errors.add(InvalidInput.FieldError.coded("role", "only processors and sub-processors have an Art. 28 agreement", "vendors.error.agreementRole"));
        }
        if (name.isEmpty() || name.length() > 100) {
            errors.add(InvalidInput.FieldError.coded("version", "is required (at most 100 characters)", "error.field.requiredAtMost", "100"));
        }
        if (signedOn.isAfter(today())) {
            errors.add(InvalidInput.FieldError.coded("signedOn", "must not be in the future: register it when it is signed", "vendors.error.signedInFuture"));
        }
        if (expiresOn != null && !expiresOn.isAfter(signedOn)) {
            errors.add(InvalidInput.FieldError.coded("expiresOn", "must be after the signing date", "vendors.error.expiresBeforeSigned"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (agreements.versionTaken(vendorId, name)) {
            throw new Conflict("agreement-exists", "Agreement exists", "This version of the agreement is registered");
        }
        Agreement a = new Agreement(UUID.randomUUID(), vendorId, name, signedOn, expiresOn, clauses);
        agreements.insert(a, Actors.current().reference(), clock.instant());
        audit.record(AuditEvent.of("vendors.agreement.added", Outcome.SUCCESS).withTargets("vendor:" + vendorId,
                "agreement:" + a.id()));
        return a;
    }

    @Override
    @Transactional
    public void deleteAgreement(UUID vendorId, UUID agreementId) {
        if (!agreements.delete(vendorId, agreementId)) {
            throw new NotFound("Agreement", agreementId);
        }
        audit.record(AuditEvent.of("vendors.agreement.deleted", Outcome.SUCCESS).withTargets("vendor:" + vendorId,
                "agreement:" + agreementId));
    }

    @Override
    public List<Transfer> transfers() {
        return transfers.all();
    }

    @Override
    public List<Transfer> transfers(UUID vendorId) {
        return transfers.of(vendorId);
    }

    @Override
    @Transactional
    public Transfer addTransfer(UUID vendorId, TransferInput input) {
        require(vendorId);
        Transfer t = saveTransfer(vendorId, UUID.randomUUID(), input, null);
        audit.record(AuditEvent.of("vendors.transfer.added", Outcome.SUCCESS).withTargets("vendor:" + vendorId,
                "transfer:" + t.id()));
        return t;
    }

    @Override
    @Transactional
    public Transfer updateTransfer(UUID vendorId, UUID transferId, TransferInput input) {
        Transfer existing = transfers.byId(vendorId, transferId).orElseThrow(() -> new NotFound("Transfer", transferId));
        Transfer t = saveTransfer(vendorId, transferId, input, existing);
        audit.record(AuditEvent.of("vendors.transfer.updated", Outcome.SUCCESS).withTargets("vendor:" + vendorId,
                "transfer:" + transferId));
        return t;
    }

    private Transfer saveTransfer(UUID vendorId, UUID id, TransferInput input, @Nullable Transfer existing) {
        String country = input.validate();
        if (transfers.countryTaken(vendorId, country, existing == null ? null : id)) {
            throw new Conflict("transfer-exists", "Transfer exists", "This vendor's transfer to this country is registered");
        }
        TransferMechanism mechanism = java.util.Objects.requireNonNull(input.mechanism());
        Transfer t = new Transfer(id, vendorId, country, mechanism,
                mechanism == TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES ? input.sccModule() : null,
                mechanism == TransferMechanism.DATA_PRIVACY_FRAMEWORK ? input.dpfCertifiedUntil() : null,
                mechanism == TransferMechanism.DATA_PRIVACY_FRAMEWORK ? input.dpfCheckedOn() : null,
                mechanism == TransferMechanism.DEROGATION ? input.derogation() : null,
                input.tiaOutcome() == null ? no.vern.vendors.TiaOutcome.NOT_ASSESSED : input.tiaOutcome(), input.tiaOn(),
                input.supplementaryMeasures(), null, null, null);
        // An acceptance was given for what the transfer was: it lapses when the transfer changes.
        transfers.upsert(t, clock.instant());
        return t;
    }

    @Override
    @Transactional
    public void deleteTransfer(UUID vendorId, UUID transferId) {
        if (!transfers.delete(vendorId, transferId)) {
            throw new NotFound("Transfer", transferId);
        }
        audit.record(AuditEvent.of("vendors.transfer.deleted", Outcome.SUCCESS).withTargets("vendor:" + vendorId,
                "transfer:" + transferId));
    }

    @Override
    @Transactional
    public Transfer accept(UUID vendorId, UUID transferId, String reason) {
        Transfer t = transfers.byId(vendorId, transferId).orElseThrow(() -> new NotFound("Transfer", transferId));
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 10 || why.length() > 2000) {
            throw new InvalidInput("reason", "say why the transfer is accepted without a valid mechanism (10-2000 characters)", "vendors.error.acceptReason");
        }
        if (TransferRules.hasValidMechanism(t, today())) {
            throw new Conflict("transfer-valid", "Transfer has a mechanism", "Only a transfer without a valid mechanism is accepted");
        }
        Transfer accepted = new Transfer(t.id(), t.vendorId(), t.country(), t.mechanism(), t.sccModule(),
                t.dpfCertifiedUntil(), t.dpfCheckedOn(), t.derogation(), t.tiaOutcome(), t.tiaOn(),
                t.supplementaryMeasures(), why, Actors.current().reference(), clock.instant());
        transfers.upsert(accepted, clock.instant());
        audit.record(AuditEvent.of("vendors.transfer.accepted", Outcome.SUCCESS).withTargets("vendor:" + vendorId,
                "transfer:" + transferId));
        return accepted;
    }

    @Override
    public boolean hasValidMechanism(Transfer transfer) {
        return TransferRules.hasValidMechanism(transfer, today());
    }

    // --- TransferRegister: what processing reads for the policy and the record's warnings ---

    @Override
    public List<TransferStatement> transfers(Locale locale) {
        Map<UUID, Vendor> byId = vendors.all().stream().collect(Collectors.toMap(Vendor::id, Function.identity()));
        LocalDate today = today();
        List<TransferStatement> statements = new ArrayList<>();
        for (Transfer t : transfers.all()) {
            Vendor v = byId.get(t.vendorId());
            if (v == null) {
                continue;
            }
            statements.add(new TransferStatement(v.name(), Countries.name(t.country(), locale),
                    mechanismWords(t, today, locale), v.activities()));
        }
        statements.sort(java.util.Comparator.comparing(TransferStatement::recipient, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(TransferStatement::country));
        return List.copyOf(statements);
    }

    // --- RecipientRegister: who receives the record's data, with agreement and transfers (issue 26 item 1) ---

    /** Read once per node, language and day until the register changes ({@link RecipientsCache}, issue 28 item 5). */
    @Override
    public List<RecipientStatement> recipients(Locale locale) {
        LocalDate today = today();
        return cache.get(locale, today, () -> recipients(locale, today));
    }

    private List<RecipientStatement> recipients(Locale locale, LocalDate today) {
        Map<UUID, List<Transfer>> byVendor = transfers.all().stream()
                .collect(Collectors.groupingBy(Transfer::vendorId));
        Map<UUID, Agreement> inForce = agreementsInForce();
        List<RecipientStatement> result = new ArrayList<>();
        for (Vendor v : vendors.all()) {
            // Art. 28(3): an agreement is in place while the newest signed one has not expired.
            Agreement newest = inForce.get(v.id());
            boolean agreement = v.role().needsAgreement() && newest != null && !newest.expired(today);
            List<TransferStatement> own = byVendor.getOrDefault(v.id(), List.of()).stream()
                    .map(t -> new TransferStatement(v.name(), Countries.name(t.country(), locale),
                            mechanismWords(t, today, locale), v.activities()))
                    .sorted(java.util.Comparator.comparing(TransferStatement::country)).toList();
            result.add(new RecipientStatement(v.name(), kind(v.role()), true, agreement, v.activities(),
                    v.dataCategories(), own));
        }
        result.sort(java.util.Comparator.comparing(RecipientStatement::name, String.CASE_INSENSITIVE_ORDER));
        return List.copyOf(result);
    }

    /** The vendor's role in the record's words. */
    static RecipientKind kind(VendorRole role) {
        return switch (role) {
            case PROCESSOR -> RecipientKind.PROCESSOR;
            case SUB_PROCESSOR -> RecipientKind.SUB_PROCESSOR;
            case INDEPENDENT_CONTROLLER -> RecipientKind.CONTROLLER;
            case JOINT_CONTROLLER -> RecipientKind.JOINT_CONTROLLER;
        };
    }

    /** The ground as the policy says it; a lapsed or missing ground is said to be missing. */
    String mechanismWords(Transfer t, LocalDate today, Locale locale) {
        if (!TransferRules.hasValidMechanism(t, today)) {
            return messages.getMessage("vendors.policy.mechanism.NONE", null, locale);
        }
        Object[] args = switch (t.mechanism()) {
            case STANDARD_CONTRACTUAL_CLAUSES -> new Object[] {
                    messages.getMessage("vendors.scc." + java.util.Objects.requireNonNull(t.sccModule()).name(), null, locale) };
            case DEROGATION -> new Object[] {
                    messages.getMessage("vendors.derogation." + java.util.Objects.requireNonNull(t.derogation()).name(), null, locale) };
            default -> new Object[0];
        };
        return messages.getMessage("vendors.policy.mechanism." + t.mechanism().name(), args, locale);
    }

    @Override
    public List<RecordWarning> warnings() {
        Map<UUID, Vendor> byId = vendors.all().stream().collect(Collectors.toMap(Vendor::id, Function.identity()));
        LocalDate today = today();
        List<RecordWarning> warnings = new ArrayList<>();
        for (Transfer t : transfers.all()) {
            Vendor v = byId.get(t.vendorId());
            if (v != null && TransferRules.blocking(t, today)) {
                warnings.add(new RecordWarning(RecordWarning.Kind.TRANSFER_WITHOUT_MECHANISM,
                        String.join(", ", v.activities()), v.name() + " (" + t.country() + ")"));
            }
        }
        return List.copyOf(warnings);
    }
}
