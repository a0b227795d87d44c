package no.vern.processing;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The wording of the record in one language, as the privacy policy uses it, for the record's console pages
 * and reports: retention periods, the kinds of people and the categories of data of an activity.
 */
public interface RecordWording {

    /** How long data is kept, as the policy says it. */
    String retention(@Nullable Retention retention, Locale locale);

    /** The names of the data categories of an activity. */
    String categoryNames(ProcessingRecordDocument doc, Activity activity, Locale locale);

    /** The names of the kinds of people an activity concerns. */
    String subjectNames(Activity activity, Locale locale);
}
