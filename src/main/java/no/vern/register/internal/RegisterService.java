package no.vern.register.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import no.vern.processing.SubjectKind;
import no.vern.audit.AuditEvent;
import no.vern.register.ChangeEntry;
import no.vern.register.DuplicateGroup;
import no.vern.register.ErasureResult;
import no.vern.register.GatedSubject;
import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.NewSubject;
import no.vern.register.SubjectPage;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.register.SubjectUpdate;
import no.vern.shared.SubjectId;

/**
 * The register's {@link SubjectRegister}: one entry point for the other modules, handing each call
 * to the class that owns it: {@link SubjectWrites} (register, update, attach), {@link SubjectReads}
 * (purpose-bound reads, lookups, pages, history), {@link AllPurposeReads} (reads for every purpose: the right of
 * access), {@link RequestedErasure} (whole subject or one
 * purpose) and {@link CsvImport}.
 */
@Service
class RegisterService implements SubjectRegister {

    private final SubjectWrites writes;
    private final SubjectReads reads;
    private final AllPurposeReads allPurposes;
    private final RequestedErasure erasure;
    private final CsvImport csvImport;
    private final SubjectMerge merge;

    private final KeepingErasure keeping;

    RegisterService(SubjectWrites writes, SubjectReads reads, AllPurposeReads allPurposes, RequestedErasure erasure,
            KeepingErasure keeping, CsvImport csvImport, SubjectMerge merge) {
        this.allPurposes = allPurposes;
        this.keeping = keeping;
        this.merge = merge;
        this.writes = writes;
        this.reads = reads;
        this.erasure = erasure;
        this.csvImport = csvImport;
    }

    @Override
    public SubjectId register(NewSubject command) {
        return writes.register(command);
    }

    @Override
    public SubjectId registerOnce(String idempotencyKey, NewSubject command) {
        return writes.registerOnce(idempotencyKey, command);
    }

    @Override
    public SubjectId register(NewSubject command, String language) {
        return writes.register(command, null, language);
    }

    @Override
    public SubjectId registerOnce(String idempotencyKey, NewSubject command, String language) {
        return writes.registerOnce(idempotencyKey, command, language);
    }

    @Override
    public long update(SubjectId id, long expectedVersion, SubjectUpdate update) {
        return writes.update(id, expectedVersion, update);
    }

    @Override
    public UUID attach(SubjectId id, String purposeKey, String mediaType, byte[] content) {
        return writes.attach(id, purposeKey, mediaType, content);
    }

    @Override
    public SubjectRecords read(SubjectId id, String purposeKey) {
        return reads.read(id, purposeKey);
    }

    @Override
    public java.util.List<no.vern.register.RecordView> readAll(SubjectId id, java.util.List<String> purposeKeys) {
        return allPurposes.readAll(id, purposeKeys);
    }

    @Override
    public no.vern.register.HeldUnderAddress readAllUnder(@org.jspecify.annotations.Nullable String email,
            java.util.List<SubjectId> known, java.util.List<String> purposeKeys, AuditEvent entry) {
        return allPurposes.readAllUnder(email, known, purposeKeys, entry);
    }

    @Override
    public Optional<byte[]> attachment(SubjectId id, UUID attachmentId, String purposeKey) {
        return reads.attachment(id, attachmentId, purposeKey);
    }

    @Override
    public SubjectSummary summary(SubjectId id) {
        return reads.summary(id);
    }

    @Override
    public List<SubjectSummary> findByEmail(String email) {
        return reads.findByEmail(email);
    }

    @Override
    public List<GatedSubject> findByEmailWithConsent(String email, String purposeKey, AuditEvent entry) {
        return reads.findByEmailWithConsent(email, purposeKey, entry);
    }

    @Override
    public List<SubjectSummary> findByPhone(String phone) {
        return reads.findByPhone(phone);
    }

    @Override
    public List<SubjectSummary> findByOrgNumber(String orgNumber) {
        return reads.findByOrgNumber(orgNumber);
    }

    @Override
    public SubjectPage list(int page, int size) {
        return reads.list(page, size);
    }

    @Override
    public List<ChangeEntry> history(SubjectId id) {
        return reads.history(id);
    }

    @Override
    public Set<SubjectKind> visibleKinds() {
        return Visibility.current();
    }

    @Override
    public boolean mayUsePurpose(String purposeKey) {
        return Visibility.mayUse(purposeKey);
    }

    @Override
    public boolean isErased(SubjectId id) {
        return reads.isErased(id);
    }

    @Override
    public ErasureResult erase(SubjectId id) {
        return erasure.erase(id);
    }

    @Override
    public no.vern.register.ErasureOutcome eraseKeeping(SubjectId id, String reason,
            List<no.vern.register.KeptCategory> kept) {
        return keeping.erase(id, reason, kept);
    }

    @Override
    public int eraseRecords(SubjectId id, String purposeKey) {
        return erasure.eraseRecords(id, purposeKey);
    }

    @Override
    public List<DuplicateGroup> possibleDuplicates(int limit) {
        return merge.possibleDuplicates(limit);
    }

    @Override
    public SubjectId merge(SubjectId survivor, SubjectId other) {
        return merge.merge(survivor, other);
    }

    @Override
    public ImportReport importCsv(String csv, ImportOptions options) {
        return csvImport.run(csv, options);
    }
}
