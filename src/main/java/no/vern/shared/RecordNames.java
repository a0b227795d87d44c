package no.vern.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * The names purposes and data categories have in the record of processing, in a language: implemented by the record
 * of processing and read by {@link Labels}, so that every page names them as the record does, never by their keys
 * (issue 23). The kernel depends on no module, so the record reaches it through this interface.
 */
public interface RecordNames {

    /** The purpose's name in the language ({@code en} English, Norwegian otherwise), or empty for an unknown key. */
    Optional<String> purpose(String purposeKey, Locale language);

    /** The processing activity's name in the language, or empty for an unknown id. */
    Optional<String> activity(String activityId, Locale language);

    /** The data category's name in the language, or empty for an unknown key. */
    Optional<String> category(String categoryKey, Locale language);
}
