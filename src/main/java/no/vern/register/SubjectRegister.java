package no.vern.register;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import no.vern.audit.AuditEvent;
import no.vern.shared.SubjectId;

/**
 * The personal-data register: the one way any module stores, finds, reads or erases personal data.
 * Every call is checked against the caller's role (roles see only their kinds; a subject of another
 * kind is answered as {@link no.vern.shared.NotFound}), the record of processing (purpose and
 * categories, S8) and the {@link ConsentGate} (S4, S5); reads and changes are audited.
 */
public interface SubjectRegister {

    /**
     * Enters a subject with its first records for one purpose; returns its id. Fails with
     * {@link no.vern.shared.InvalidInput}, {@link no.vern.processing.UnknownPurpose} or {@link ConsentRequired}.
     */
    SubjectId register(NewSubject subject);

    /**
     * {@link #register} at most once per idempotency key of the calling actor: a retry with the same key
     * and the same subject returns the first id; the same key with a different subject is a Conflict.
     */
    SubjectId registerOnce(String idempotencyKey, NewSubject subject);

    /**
     * {@link #register(NewSubject)} for a person to be written to in {@code language} ({@code nb} or {@code en},
     * else {@link no.vern.shared.InvalidInput}): an Art. 14 notice owed for data from others goes out in it.
     */
    SubjectId register(NewSubject subject, String language);

    /** {@link #registerOnce(String, NewSubject)} for a person to be written to in {@code language}. */
    SubjectId registerOnce(String idempotencyKey, NewSubject subject, String language);

    /**
     * Reads the records held for a purpose (S10), audited once; an empty result when nothing is held
     * for it (audited as refused). Fails with NotFound or {@link SubjectGone}.
     */
    SubjectRecords read(SubjectId subject, String purposeKey);

    /**
     * Reads in one go what is held of the subject for any of these purposes, as the right of access needs it
     * (GDPR Art. 15; issue 28 item 5): every purpose is checked as by {@link #read}, the records are read in one
     * query, each decrypted once and returned once with all its purposes (in the order of the given purposes, then
     * as collected); a record is returned only when it is held for a given purpose under which the caller may see
     * its category. Audited as one entry naming the subject, each purpose records were returned for
     * ({@code purpose:<key>}) and their categories; categories withheld from the caller, or nothing held at all,
     * are audited as refused, as by {@link #read}. Fails with NotFound, {@link SubjectGone},
     * {@link SubjectRestricted} or {@link PurposeNotPermitted}.
     */
    List<RecordView> readAll(SubjectId subject, List<String> purposeKeys);

    /**
     * Everything held under an email address, for the right of access (GDPR Art. 15; issue 28 item 5), in one
     * statement: the subjects found under the address by its blind index (live, visible to the caller) and the
     * subjects the caller already knows of (those recorded in a case; an erased one is left out), each with its
     * restriction (Art. 18) and its records held for any of these purposes. Checked as {@link #readAll} checks each
     * subject (the purposes exist and are the caller's, read clearance, categories the caller may see); a restricted
     * subject is read as nothing and its refusal audited as by {@link #readAll}. The read is audited as {@code entry}
     * (the caller's action, actor and purpose) with the live subjects, the purposes records were returned for
     * ({@code purpose:<key>}) and their categories ({@code category:<key>}) added as its targets, instead of a lookup
     * entry and a read entry: one entry for the caller's one action that reveals the data. Every record is decrypted
     * once. {@code email} null: only the known subjects.
     */
    HeldUnderAddress readAllUnder(@Nullable String email, List<SubjectId> known, List<String> purposeKeys, AuditEvent entry);

    /** The subject without personal data (kinds, organisation, version); NotFound or {@link SubjectGone}. */
    SubjectSummary summary(SubjectId subject);

    /** Changes a subject based on the version the caller saw; returns the new version ({@link StaleSubjectVersion} otherwise). */
    long update(SubjectId subject, long expectedVersion, SubjectUpdate update);

    /** Live (not erased) subjects, visible to the caller, with this email address, found through its blind index. */
    List<SubjectSummary> findByEmail(String email);

    /**
     * As {@link #findByEmail(String)}, with whether the {@link ConsentGate} permits each subject found for the purpose,
     * asked in the lookup's own statement (the gate's {@link ConsentGate#inForceSql}; through
     * {@link ConsentGate#permittedAmong} where the gate has no SQL; nothing is permitted without a gate). The lookup is
     * audited as {@code entry} (the caller's action, actor and purpose) with the subjects found added as its targets,
     * instead of a {@code register.subject.lookup} entry: one entry for a lookup that is part of a check audited as
     * such (the consent check). Returns once that entry is committed.
     */
    List<GatedSubject> findByEmailWithConsent(String email, String purposeKey, AuditEvent entry);

    /** Subjects (visible to the caller) with this phone number, found through its blind index. */
    List<SubjectSummary> findByPhone(String phone);

    /** Subjects (visible to the caller) linked to the organisation with this organisation number. */
    List<SubjectSummary> findByOrgNumber(String orgNumber);

    /** A page of the subjects visible to the caller, oldest first. */
    SubjectPage list(int page, int size);

    /** Who changed which category of the subject when (no values). */
    List<ChangeEntry> history(SubjectId subject);

    /**
     * Erases the subject by crypto-shredding (GDPR Art. 17): marks it erased, destroys its key (every record and
     * attachment is unreadable from then on), deletes its blind indexes, publishes {@link SubjectErased}; the
     * ciphertext rows are deleted afterwards by the register's recovery job ({@link ErasureResult#rowsPending}),
     * so the call costs the same whatever the number of records. Idempotent, and a retry finishes an erasure that
     * crashed half-way.
     */
    ErasureResult erase(SubjectId subject);

    /**
     * Erasure on request where a legal duty may hold part of the data (GDPR Art. 17(1), 17(3)(b)): every record
     * not in a kept category is deleted now; the kept categories stay, restricted (Art. 18) with their ground and
     * release date, and lose every other purpose. With nothing kept, the subject is crypto-shredded as by
     * {@link #erase}. Audited with categories only; idempotent for a subject already erased.
     */
    ErasureOutcome eraseKeeping(SubjectId subject, String reason, List<KeptCategory> kept);

    /**
     * Erases what is held about the subject for one purpose only (consent withdrawal, S5): records held
     * for that purpose alone are deleted, others lose the purpose; publishes {@link RecordsErased}.
     */
    int eraseRecords(SubjectId subject, String purposeKey);

    /** The kinds the current caller may see and store (roles see only their kinds; S20). */
    java.util.Set<no.vern.processing.SubjectKind> visibleKinds();

    /**
     * Whether the current caller's role may use the purpose at all (role × purpose matrix); the console offers
     * only these. Reads and writes check it again and refuse with {@link PurposeNotPermitted}.
     */
    boolean mayUsePurpose(String purposeKey);

    /** Whether the id belongs to an erased subject (the id is kept, the data is gone). */
    boolean isErased(SubjectId subject);

    /**
     * Groups of live subjects (visible to the caller) that share an email address or phone number, found
     * through the blind indexes without decrypting; at most {@code limit} groups. Audited with counts only.
     */
    List<DuplicateGroup> possibleDuplicates(int limit);

    /**
     * Merges {@code other} into {@code survivor} (the same person held twice): its records and attachments are
     * re-encrypted under the survivor's key, kinds are joined, both histories record the merge, other modules
     * re-point their data ({@link SubjectsMerged}), and the other subject's key is shredded; its id answers as
     * gone. Both must share an email address or phone number and neither may be restricted. Audited.
     */
    SubjectId merge(SubjectId survivor, SubjectId other);

    /** Imports contacts from a CRM export (CSV), or only reports what it would do when {@code dryRun}. */
    ImportReport importCsv(String csv, ImportOptions options);

    /** Stores a CV file encrypted under the subject's key (recruitment purposes); returns the attachment id. */
    java.util.UUID attach(SubjectId subject, String purposeKey, String mediaType, byte[] content);

    /** Reads an attachment for a purpose, audited; empty if it is not held for that purpose. */
    Optional<byte[]> attachment(SubjectId subject, java.util.UUID attachmentId, String purposeKey);
}
