package no.vern.informing;

import java.util.List;

import no.vern.shared.SubjectId;

/**
 * The Art. 14 notices: what is owed to whom, exemptions recorded instead, and the job that sends what is due. Every
 * change is audited naming the real actor.
 */
public interface SourceNotices {

    /** A subject's notices, oldest first. */
    List<SourceNotice> of(SubjectId subject);

    /** The notices of one import ({@code import:<uuid>}), oldest first. */
    List<SourceNotice> ofOrigin(String origin);

    /**
     * Records an exemption (Art. 14(5)) with its reason for every notice of the subject not yet sent; nothing is sent for
     * them. Returns how many notices it covers; {@link no.vern.shared.InvalidInput} for a reason outside 10–2000
     * characters, {@link no.vern.shared.Conflict} when nothing is left to exempt.
     */
    int exempt(SubjectId subject, Exemption exemption, String reason);

    /**
     * Records an exemption for a whole import: every notice of it not yet sent, and any later one with the same origin.
     * Returns how many notices it covers now.
     */
    int exemptOrigin(String origin, Exemption exemption, String reason);

    /** The exemption recorded for an import, if any. */
    java.util.Optional<OriginExemption> originExemption(String origin);

    /**
     * Art. 14(3)(b): a communication is about to go to the person; a notice still owed goes out now, before it. Returns
     * whether one was sent.
     */
    boolean beforeFirstContact(SubjectId subject);

    /**
     * Which of these subjects are still owed a notice (not sent, not exempt, not known to be unreachable): one query for
     * a whole batch of list mail, so that {@link #beforeFirstContact} is called only for them (Art. 14(3)(b)).
     */
    java.util.Set<SubjectId> owedAmong(java.util.Collection<SubjectId> subjects);

    /** Sends every notice due now (the job {@code system:art14-notices}); returns how many went to the outbox. */
    int sendDue();

    /** Counts by state and the latest imports, for the overview page. */
    Overview overview();

    /**
     * Counts of notices by state, and the latest imports.
     *
     * @param scheduled owed and planned
     * @param sent handed to the outbox
     * @param exempt not sent under an exemption
     * @param unreachable not sent: no address
     * @param overdue owed past the Art. 14(3)(a) deadline
     * @param imports the latest imports with notices, newest first
     */
    record Overview(long scheduled, long sent, long exempt, long unreachable, long overdue, List<ImportLine> imports) {

        public Overview {
            imports = List.copyOf(imports);
        }
    }

    /**
     * One import's notices.
     *
     * @param origin the import ({@code import:<uuid>})
     * @param obtainedAt when it was imported
     * @param total notices
     * @param scheduled still owed
     * @param sent sent
     * @param exempt exempted
     */
    record ImportLine(String origin, java.time.Instant obtainedAt, long total, long scheduled, long sent, long exempt) {

        /** The import's id as the console's address names it. */
        public String id() {
            return origin.substring("import:".length());
        }
    }

    /**
     * An exemption for a whole import.
     *
     * @param origin the import
     * @param exemption the ground
     * @param reason why
     * @param exemptedBy who recorded it
     * @param exemptedAt when
     */
    record OriginExemption(String origin, Exemption exemption, String reason, String exemptedBy,
            java.time.Instant exemptedAt) {
    }
}
