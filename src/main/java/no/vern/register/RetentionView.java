package no.vern.register;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;

/**
 * The register as the retention module needs it (S13, S23): bulk questions answered in ids and times
 * only (which records are held for a purpose, when they were collected), and erasure of single records
 * for one purpose. Never returns personal data; callers are internal jobs, so no role visibility applies.
 */
public interface RetentionView {

    /**
     * One stored record as retention sees it: ids, category, purposes and times, never the value.
     *
     * @param subject the subject
     * @param organisation the subject's organisation id, or null
     * @param kinds the subject's kinds
     * @param record the record id
     * @param category the data category
     * @param purposes the purposes the record is held for
     * @param collectedAt when it was collected
     * @param confirmedAt when it was last confirmed or changed
     */
    record HeldRecord(SubjectId subject, @Nullable UUID organisation, Set<SubjectKind> kinds, UUID record,
            String category, List<String> purposes, Instant collectedAt, Instant confirmedAt) {

        public HeldRecord {
            kinds = Set.copyOf(kinds);
            purposes = List.copyOf(purposes);
        }
    }

    /** Records held for a purpose by subjects that are not erased, in subject order, after {@code after} (paging). */
    List<HeldRecord> heldFor(String purposeKey, @Nullable SubjectId after, int limit);

    /**
     * Records held for a purpose by these subjects (those not erased), in subject order: for the purge planner, which
     * reads only the subjects whose due date has come (issue 28 item 8).
     */
    List<HeldRecord> heldFor(String purposeKey, Collection<SubjectId> subjects);

    /**
     * Every record one subject holds (not erased), as ids, categories, purposes and times, never values: for
     * decisions that need no value, e.g. which categories a legal duty keeps on an erasure request (GDPR Art.
     * 17(3)(b)); answers also for a restricted subject (Art. 18(2) restricts use of the data, not its storage).
     */
    List<HeldRecord> heldBy(SubjectId subject);

    /** Organisations in the register (not personal data), by name. */
    List<Organisation> organisations();

    /** The organisation with this id or nine-digit organisation number. */
    Optional<Organisation> organisation(String idOrOrgNumber);

    /** Whether the subject exists and is not erased. */
    boolean exists(SubjectId subject);

    /** Whether the subject still holds any record (for any purpose). */
    boolean holdsRecords(SubjectId subject);

    /** Whether the subject holds any record for a purpose other than {@code purposeKey}. */
    boolean holdsRecordsBesides(SubjectId subject, String purposeKey);

    /**
     * Erases the given records for one purpose: they lose the purpose, and those left without a purpose are
     * deleted (with blind indexes rebuilt); idempotent, audited; returns how many records changed.
     */
    int eraseRecords(SubjectId subject, String purposeKey, Collection<UUID> recordIds);

    /**
     * Records of one subject to erase for one purpose (one purge item).
     *
     * @param subject the subject
     * @param purposeKey the purpose the records lose
     * @param records the record ids
     */
    record PurposeRecords(SubjectId subject, String purposeKey, List<UUID> records) {

        public PurposeRecords {
            records = List.copyOf(records);
        }
    }

    /** Those of these subjects that exist and are not erased, in one query (a purge batch, issue 28 item 8). */
    Set<SubjectId> existing(Collection<SubjectId> subjects);

    /**
     * {@link #eraseRecords(SubjectId, String, Collection)} for many items in one transaction (joining the caller's),
     * set-based: one deletion and one narrowing statement for all of them, blind indexes rebuilt, history, one
     * {@code RecordsErased} event per subject and purpose, one call to the connected systems for the batch (a fan-out per
     * subject and purpose that a connected system holds, none for the others), one audit entry per purpose naming its
     * subjects. Returns per item (in order) how many of its records changed.
     */
    int[] eraseRecords(List<PurposeRecords> items);

    /**
     * Crypto-shreds (GDPR Art. 17) those of these subjects that exist, are not erased and hold no record at all, as
     * {@link SubjectRegister#erase} does one subject (mark, destroy the key, delete what finds the subject, events,
     * audit), with one key-store round trip and one audit entry for all of them, naming the current actor. Each step
     * commits on its own and is idempotent; a crash between steps is finished by the register's recovery job.
     * Returns the subjects this call erased.
     */
    List<SubjectId> eraseEmptied(Collection<SubjectId> subjects);
}
