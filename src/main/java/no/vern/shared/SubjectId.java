package no.vern.shared;

import java.util.UUID;

/**
 * The opaque id of a data subject: the only way any module, log line, URL or audit entry refers
 * to a person.
 */
public record SubjectId(UUID value) {

    public SubjectId {
        if (value == null) {
            throw new IllegalArgumentException("A subject id needs a value");
        }
    }

    /** A new random id. */
    public static SubjectId random() {
        return new SubjectId(UUID.randomUUID());
    }

    /** Parses the textual form; throws {@link InvalidInput} for anything that is not a UUID. */
    public static SubjectId parse(String text) {
        try {
            return new SubjectId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", "is not a subject id", "error.field.subjectId");
        }
    }

    /** The audit target form, {@code subject:<uuid>}. */
    public String reference() {
        return "subject:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
