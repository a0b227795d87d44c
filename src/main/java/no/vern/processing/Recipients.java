package no.vern.processing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recipients of the record's activities, from one source: the companies of the vendor register that name the
 * activity (with their agreement and transfers), then the record's own non-vendor recipients (authorities,
 * categories such as the auditor). Every text about who receives a person's data reads this.
 */
public interface Recipients {

    /** The recipients of one activity of a version of the record, in a language: vendors first, by name. */
    List<RecipientStatement> of(ProcessingRecordDocument doc, Activity activity, Locale locale);

    /** The recipients of every activity of a version of the record, each once (by name), vendors first. */
    List<RecipientStatement> all(ProcessingRecordDocument doc, Locale locale);

    /**
     * The recipients of each activity of a version of the record, by activity id, as {@link #of} says them, with the
     * vendor register read once: for an answer that names the recipients of many activities (an access export).
     */
    Map<String, List<RecipientStatement>> byActivity(ProcessingRecordDocument doc, Locale locale);
}
