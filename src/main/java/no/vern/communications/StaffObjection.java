package no.vern.communications;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An objection to direct marketing that reached staff outside Vern's own links (GDPR Art. 21(2)–(3)):
 * by phone, letter, email to the privacy mailbox or in person. {@code toString()} never shows the address.
 *
 * @param email the person's address (every subject held under it objects), or null when {@code subject} is given
 * @param subject a subject id, or null when {@code email} is given
 * @param listId the list objected to, or null for all direct marketing
 * @param received how it arrived: {@code phone}, {@code letter}, {@code email}, {@code in-person} or
 *        {@code rights-request} (an objection case decided by a handler)
 */
public record StaffObjection(@Nullable String email, @Nullable String subject, @Nullable UUID listId,
        @Nullable String received) {

    /** The ways an objection reaches staff. */
    public static final Set<String> RECEIVED = Set.of("phone", "letter", "email", "in-person", "rights-request");

    @Override
    public String toString() {
        return "StaffObjection[" + (email == null ? "-" : "***") + ", " + subject + ", " + listId + ", " + received + "]";
    }
}
