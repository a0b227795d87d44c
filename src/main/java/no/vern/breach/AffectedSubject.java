package no.vern.breach;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A person linked to a breach, by opaque id only, with the state of their notice (Art. 34(1)).
 *
 * @param subject the person
 * @param source how the link was made: {@code id}, {@code audit}, {@code estimate}
 * @param linkedAt when
 * @param noticeStatus {@code SENT}, {@code PENDING_DELIVERY}, {@code FAILED} or null before any attempt
 * @param notifiedAt when the notice was delivered, if it was
 * @param noticeLanguage language of the delivered notice
 */
public record AffectedSubject(SubjectId subject, String source, Instant linkedAt, @Nullable String noticeStatus,
        @Nullable Instant notifiedAt, @Nullable String noticeLanguage) {
}
