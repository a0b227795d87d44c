package no.vern.processing;

import java.util.List;
import java.util.Locale;

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
}
