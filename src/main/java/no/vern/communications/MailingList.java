package no.vern.communications;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import no.vern.processing.SubjectKind;

/**
 * A mailing list: its audience is every subject of one of {@code kinds} that holds an email address
 * for {@code purposeKey}, minus those the audience rules exclude (no consent, objected, erased).
 *
 * @param id the list id
 * @param name its name (not personal data)
 * @param kind newsletter or invitation
 * @param purposeKey the purpose in the record of processing the email addresses must be held for
 * @param kinds the kinds of subjects the list is for
 * @param createdAt when it was created
 */
public record MailingList(UUID id, String name, ListKind kind, String purposeKey, Set<SubjectKind> kinds,
        Instant createdAt) {

    public MailingList {
        kinds = Set.copyOf(kinds);
    }
}
