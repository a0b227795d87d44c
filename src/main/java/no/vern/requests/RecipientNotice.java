package no.vern.requests;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One recipient to be told of an erasure, rectification or restriction (GDPR Art. 19), from the record of
 * processing; no personal data.
 *
 * @param id the task id
 * @param caseId the case
 * @param nameNb the recipient (a category of recipient from the record), in Norwegian
 * @param nameEn the same in English
 * @param state open, told, or not told with the Art. 19 exception
 * @param reason why the recipient was not told (required then), or the handler's note on how it was told
 * @param settledAt when the handler settled the task, or null while open
 * @param settledBy who settled it (an opaque actor reference), or null while open
 */
public record RecipientNotice(UUID id, UUID caseId, String nameNb, String nameEn, NoticeState state,
        @Nullable String reason, @Nullable Instant settledAt, @Nullable String settledBy) {

    /** The recipient's name in a language ("en", else Norwegian). */
    public String name(String language) {
        return "en".equals(language) ? nameEn : nameNb;
    }
}
