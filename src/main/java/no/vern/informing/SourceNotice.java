package no.vern.informing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.register.Source;
import no.vern.shared.SubjectId;

/**
 * One Art. 14 notice as stored: owed, sent, exempted or not deliverable. No personal data except the exemption
 * reason of a per-person exemption (decrypted for the staff page only; masked in {@code toString()}).
 *
 * @param id the notice
 * @param subject the person
 * @param source where the data came from
 * @param purposeKey the purpose the data is held for (the notice describes it)
 * @param origin the import it came with ({@code import:<uuid>}), or null
 * @param language the language it is written in ({@code nb} or {@code en})
 * @param obtainedAt when Vern obtained the data
 * @param sendAt when it is (or was) planned to go out
 * @param deadline the Art. 14(3)(a) deadline
 * @param sentAt when it was handed to the outbox, or null
 * @param mailReference the outbox reference of the mail, or null
 * @param recordVersion the version of the record it was written from, or null before it is sent
 * @param unreachableAt when it could not be sent for want of an email address, or null
 * @param exemption the exemption recorded instead, or null
 * @param exemptionReason the reason of the exemption, or null
 * @param exemptedBy who recorded the exemption (actor reference), or null
 * @param exemptedAt when, or null
 * @param textSha256 SHA-256 (hex) of the text as sent, or null before it is sent: what the person was told
 */
public record SourceNotice(UUID id, SubjectId subject, Source source, String purposeKey, @Nullable String origin,
        String language, Instant obtainedAt, Instant sendAt, Instant deadline, @Nullable Instant sentAt,
        @Nullable UUID mailReference, @Nullable Integer recordVersion, @Nullable Instant unreachableAt,
        @Nullable Exemption exemption, @Nullable String exemptionReason, @Nullable String exemptedBy,
        @Nullable Instant exemptedAt, @Nullable String textSha256) {

    /** Where a notice stands. */
    public enum State {
        /** Owed and planned. */
        SCHEDULED,
        /** Handed to the outbox. */
        SENT,
        /** Not sent: an exemption was recorded. */
        EXEMPT,
        /** Not sent: the person has no email address for the purpose. */
        UNREACHABLE
    }

    /** Where the notice stands now. */
    public State state() {
        if (exemption != null) {
            return State.EXEMPT;
        }
        if (sentAt != null) {
            return State.SENT;
        }
        return unreachableAt != null ? State.UNREACHABLE : State.SCHEDULED;
    }

    @Override
    public String toString() {
        return "SourceNotice[" + id + ", " + subject + ", " + state() + "]";
    }
}
