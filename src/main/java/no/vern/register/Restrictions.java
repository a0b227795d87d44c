package no.vern.register;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * Restriction of processing (GDPR Art. 18): a restricted subject's data is storage-only everywhere –
 * {@link SubjectRegister#read} refuses with {@link SubjectRestricted}, and modules that pick audiences
 * exclude the ids {@link #restrictedAmong} returns. Also used when erasure must yield to a legal duty
 * (Art. 17(3)(b)): only the kept categories remain, restricted, each with its ground and release date (see
 * {@link SubjectRegister#eraseKeeping}); a daily job erases them on release.
 */
public interface Restrictions {

    /** Restricts the subject (idempotent: a second call replaces reason and release date); audited. */
    Restriction restrict(SubjectId subject, String reason, @Nullable LocalDate releaseOn);

    /**
     * Lifts a restriction, for the privacy officer only (GDPR Art. 18(3)): the person is told first through a
     * {@link RestrictionNotice} (a mail in their language, in the same transaction), then the restriction goes,
     * recorded with the reason and audited. Fails with NotFound for an unknown id, with {@code InvalidInput} for a
     * missing reason, and with a Conflict when no one can tell the person or when the restriction holds what an
     * erasure kept under a legal duty (that data is released, i.e. erased, on its release date, never put back
     * to use: the person asked for its erasure).
     */
    Restriction lift(SubjectId subject, UUID restrictionId, String reason);

    /** Whether the subject is restricted. */
    boolean isRestricted(SubjectId subject);

    /** The restriction, if any. */
    Optional<Restriction> restriction(SubjectId subject);

    /** Which of these subjects are restricted (for audiences and batch jobs). */
    Set<SubjectId> restrictedAmong(Collection<SubjectId> subjects);
}
