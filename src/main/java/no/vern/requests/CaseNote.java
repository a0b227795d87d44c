package no.vern.requests;

import java.time.Instant;
import java.util.UUID;

/**
 * An internal note on a case, decrypted for a handler; the text may hold personal data, so
 * {@code toString()} masks it.
 *
 * @param id the note id
 * @param author actor reference
 * @param at when written
 * @param text the note
 */
public record CaseNote(UUID id, String author, Instant at, String text) {

    @Override
    public String toString() {
        return "CaseNote[" + id + ", " + author + ", ***]";
    }
}
