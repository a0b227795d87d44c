package no.vern.breach;

import java.util.UUID;

import org.springframework.modulith.NamedInterface;

import no.vern.shared.InvalidInput;

/** The opaque id of a breach, used in URLs, audit targets and events. */
@NamedInterface("spi")
public record BreachId(UUID value) {

    public BreachId {
        if (value == null) {
            throw new IllegalArgumentException("A breach id needs a value");
        }
    }

    /** A new random id. */
    public static BreachId random() {
        return new BreachId(UUID.randomUUID());
    }

    /** Parses the textual form; {@link InvalidInput} for anything that is not a UUID. */
    public static BreachId parse(String text) {
        try {
            return new BreachId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", "is not a breach id", "error.field.id");
        }
    }

    /** The audit target form, {@code breach:<uuid>}. */
    public String reference() {
        return "breach:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
