package no.vern.register.internal;

import no.vern.shared.Rejected;
import org.jspecify.annotations.Nullable;

/** Checks free text and single-line values (names, streets): trimmed, bounded, no control characters. */
final class Text {

    private Text() {
    }

    static String line(@Nullable String raw, int max, String missing) {
        if (raw == null || raw.isBlank()) {
            throw new Rejected(missing, missing.equals("is required") ? "error.field.required" : "error.field.incomplete");
        }
        String value = raw.strip().replaceAll("\\s+", " ");
        if (value.length() > max) {
            throw new Rejected("is longer than " + max + " characters", "error.field.tooLong", String.valueOf(max));
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new Rejected("contains control characters", "error.field.controlCharacters");
        }
        return value;
    }

    static String block(String raw, int max) {
        String value = raw.strip();
        if (value.length() > max) {
            throw new Rejected("is longer than " + max + " characters", "error.field.tooLong", String.valueOf(max));
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new Rejected("contains control characters", "error.field.controlCharacters");
        }
        return value;
    }
}
