package no.vern.requests;

import org.jspecify.annotations.Nullable;

/**
 * The handler's decision on an objection case (GDPR Art. 21).
 *
 * @param ground what the person objects to: direct marketing (Art. 21(2), absolute: always upheld) or
 *        processing on legitimate interest for a purpose (Art. 21(1), weighed)
 * @param purposeKey for Art. 21(1): the purpose (based on legitimate interest) objected to; null for direct marketing
 * @param upheld for Art. 21(1): whether the objection is upheld; ignored for direct marketing
 * @param reasons for Art. 21(1): the weighing (required; for a rejection the compelling legitimate grounds
 *        that override the person's interests, or the legal claims, that the person is told)
 */
public record ObjectionDecision(@Nullable Ground ground, @Nullable String purposeKey, boolean upheld,
        @Nullable String reasons) {

    /** What an objection is against. */
    public enum Ground {
        /** Art. 21(2)–(3): direct marketing, including profiling for it; honoured without weighing. */
        DIRECT_MARKETING,
        /** Art. 21(1): processing on legitimate interest (Art. 6(1)(f)) or public task (6(1)(e)); weighed. */
        LEGITIMATE_INTEREST
    }
}
