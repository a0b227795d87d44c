package no.vern.breach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * A breach as first reported, by staff, API or the public form (S22); the reporter's optional
 * contact is personal data and masked in {@link #toString()}.
 *
 * @param title short title
 * @param whatHappened what happened, in the reporter's words
 * @param discoveredAt when it was discovered, if known
 * @param awareAt when the company became aware
 * @param channel how it arrived
 * @param reporterContact optional contact of the reporter, for follow-up questions only
 */
public record NewBreach(String title, String whatHappened, @Nullable Instant discoveredAt, Instant awareAt,
        Channel channel, @Nullable String reporterContact) {

    /** Longest title accepted. */
    public static final int MAX_TITLE = 200;
    /** Longest contact accepted. */
    public static final int MAX_CONTACT = 200;

    public NewBreach {
        title = title == null ? "" : title.strip();
        whatHappened = whatHappened == null ? "" : whatHappened.strip();
        reporterContact = reporterContact == null || reporterContact.isBlank() ? null : reporterContact.strip();
        // Whole seconds: the clock is stated to the second, in pages, drafts and the API.
        awareAt = awareAt == null ? null : awareAt.truncatedTo(ChronoUnit.SECONDS);
        discoveredAt = discoveredAt == null ? null : discoveredAt.truncatedTo(ChronoUnit.SECONDS);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            errors.add(InvalidInput.FieldError.coded("title", "is required, at most " + MAX_TITLE + " characters",
                    "error.field.requiredAtMost", String.valueOf(MAX_TITLE)));
        }
        if (whatHappened.length() > BreachFacts.MAX_TEXT) {
            errors.add(InvalidInput.FieldError.coded("whatHappened", "must be at most " + BreachFacts.MAX_TEXT + " characters",
                    "error.field.tooLong", String.valueOf(BreachFacts.MAX_TEXT)));
        }
        if (awareAt == null) {
            errors.add(InvalidInput.FieldError.coded("awareAt", "is required", "error.field.required"));
        } else if (discoveredAt != null && discoveredAt.isAfter(awareAt)) {
            errors.add(InvalidInput.FieldError.coded("discoveredAt", "must not be after awareAt", "breach.error.discoveredAfterAware"));
        }
        if (reporterContact != null && reporterContact.length() > MAX_CONTACT) {
            errors.add(InvalidInput.FieldError.coded("contact", "must be at most " + MAX_CONTACT + " characters",
                    "error.field.tooLong", String.valueOf(MAX_CONTACT)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    @Override
    public String toString() {
        return "NewBreach[channel=" + channel + ", awareAt=" + awareAt + ", reporterContact="
                + (reporterContact == null ? "none" : "***") + "]";
    }
}
