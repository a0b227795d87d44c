package no.vern.register;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * Restriction of processing (GDPR Art. 18): a restricted subject's data is storage-only everywhere –
 * {@link SubjectRegister#read} refuses with {@link SubjectRestricted}, and modules that pick audiences
 * exclude the ids {@link #restrictedAmong} returns. Also used when erasure must yield to a legal duty
 * (Art. 17(3)(b)): the data is restricted with the reason and the date it may be released.
 */
public interface Restrictions {

    /** Restricts the subject (idempotent: a second call replaces reason and release date); audited. */
    Restriction restrict(SubjectId subject, String reason, @Nullable LocalDate releaseOn);

    /** Lifts a restriction (the caller tells the person, Art. 18(3)); false if there was none. */
    boolean lift(SubjectId subject);

    /** Whether the subject is restricted. */
    boolean isRestricted(SubjectId subject);

    /** The restriction, if any. */
    Optional<Restriction> restriction(SubjectId subject);

    /** Which of these subjects are restricted (for audiences and batch jobs). */
    Set<SubjectId> restrictedAmong(Collection<SubjectId> subjects);
}
