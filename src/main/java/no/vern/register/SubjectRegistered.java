package no.vern.register;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A subject was entered into the register, published in the registering transaction (listeners that must not lose it
 * are plain {@code @EventListener}s). No personal data: the id, where the data came from and for which purpose (so the
 * Art. 14 notice can be scheduled when it did not come from the person), the import it came with and the language to
 * write to the person in.
 *
 * @param subject the subject
 * @param source where the data came from
 * @param purposeKey the purpose the first records are held for
 * @param origin the import or list it came with ({@code import:<uuid>}), or null for a single entry
 * @param language the language to write to the person in ({@code nb} or {@code en})
 */
public record SubjectRegistered(SubjectId subject, Source source, String purposeKey, @Nullable String origin,
        String language) {

    /** Norwegian, the language of a person nobody said otherwise about. */
    public static final String DEFAULT_LANGUAGE = "nb";

    public SubjectRegistered {
        if (!language.equals("nb") && !language.equals("en")) {
            throw new IllegalArgumentException("language is nb or en");
        }
    }

    /** Whether the data came from someone other than the person (GDPR Art. 14 instead of Art. 13). */
    public boolean obtainedFromOthers() {
        return source.fromOthers();
    }
}
