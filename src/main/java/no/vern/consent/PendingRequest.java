package no.vern.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import no.vern.processing.NoticeText;

/**
 * What the person sees behind the consent-request link: the purpose, its notice, which categories of
 * data are held (not the values) and until when.
 *
 * @param id the pending item
 * @param purposeKey the purpose
 * @param purposeName the purpose's name in the page's language
 * @param notice the notice to consent on (GDPR Art. 7(1), 13)
 * @param categories the data category keys held
 * @param hasFile whether a file (a CV) is held
 * @param status where the item stands
 * @param expiresAt when it is purged without an answer
 */
public record PendingRequest(UUID id, String purposeKey, String purposeName, NoticeText notice, List<String> categories,
        boolean hasFile, PendingStatus status, Instant expiresAt) {

    public PendingRequest {
        categories = List.copyOf(categories);
    }
}
