package no.vern.register;

import java.time.LocalDate;

import no.vern.shared.InvalidInput;

/**
 * A category of a subject's data that an erasure keeps because a legal duty still holds it (GDPR Art. 17(3)(b)),
 * restricted until its release date. The caller (the requests module) takes the ground and the date from the
 * retention rules; the register stores and enforces them. No personal data.
 *
 * @param purposeKey the purpose the kept records are held for
 * @param category the data category
 * @param ground the law that imposes the duty, e.g. {@code bokføringsloven § 13}
 * @param releaseOn the last day the duty holds; the records are erased from the day after
 */
public record KeptCategory(String purposeKey, String category, String ground, LocalDate releaseOn) {

    public KeptCategory {
        if (purposeKey == null || !purposeKey.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new InvalidInput("purpose", "is not a purpose key", "error.field.purposeKey");
        }
        if (category == null || !category.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new InvalidInput("category", "is not a category key", "register.error.categoryKey");
        }
        if (ground == null || ground.isBlank() || ground.length() > 500) {
            throw new InvalidInput("ground", "is required (at most 500 characters)",
                    ground == null || ground.isBlank() ? "error.field.required" : "error.field.tooLong", "500");
        }
        ground = ground.strip();
    }
}
