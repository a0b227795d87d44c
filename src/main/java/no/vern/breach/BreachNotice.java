package no.vern.breach;

import java.util.Map;
import java.util.Objects;

import org.springframework.modulith.NamedInterface;

/**
 * The plain-language notice to people affected by a high-risk breach (GDPR Art. 34(2)): the nature
 * of the breach, a contact point, likely consequences and measures, in Norwegian and English.
 *
 * @param breach the breach
 * @param receipt the breach's receipt number, for reference in replies
 * @param subjects subject line per language ({@code nb}, {@code en})
 * @param bodies text per language ({@code nb}, {@code en})
 */
@NamedInterface("spi")
public record BreachNotice(BreachId breach, String receipt, Map<String, String> subjects, Map<String, String> bodies) {

    public BreachNotice {
        subjects = Map.copyOf(subjects);
        bodies = Map.copyOf(bodies);
    }

    /** The text in a language ({@code nb} or {@code en}); Norwegian for anything else. */
    public String text(String language) {
        return Objects.requireNonNull(bodies.getOrDefault(language, bodies.get("nb")), "no Norwegian text");
    }

    /** The subject line in a language; Norwegian for anything else. */
    public String subject(String language) {
        return Objects.requireNonNull(subjects.getOrDefault(language, subjects.get("nb")), "no Norwegian subject");
    }
}
