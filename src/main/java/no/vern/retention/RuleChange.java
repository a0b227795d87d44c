package no.vern.retention;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * The content of a rule as edited in the console or seeded; validated here so that every path rejects the
 * same mistakes with field messages.
 *
 * @param kind what starts the clock
 * @param amount how many units (0 to 1200)
 * @param unit the unit
 * @param unlessConsent a consent purpose that stops deletion, or null
 * @param noticeDays days of notice before deletion (0 to 365)
 * @param note why (legal reference), at most 500 characters
 */
public record RuleChange(RuleKind kind, int amount, PeriodUnit unit, @Nullable String unlessConsent, int noticeDays,
        String note) {

    public RuleChange {
        if (amount < 0 || amount > 1200) {
            throw new InvalidInput("amount", "must be between 0 and 1200", "error.field.range", "0", "1200");
        }
        if (noticeDays < 0 || noticeDays > 365) {
            throw new InvalidInput("noticeDays", "must be between 0 and 365", "error.field.range", "0", "365");
        }
        unlessConsent = unlessConsent == null || unlessConsent.isBlank() ? null : unlessConsent.strip();
        if (unlessConsent != null && !unlessConsent.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new InvalidInput("unlessConsent", "is not a purpose key", "error.field.purposeKey");
        }
        note = note == null ? "" : note.strip();
        if (note.length() > 500) {
            throw new InvalidInput("note", "must be at most 500 characters", "error.field.tooLong", "500");
        }
    }
}
