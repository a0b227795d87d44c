package no.vern.processing;

import java.util.List;
import java.util.Locale;

/**
 * Implemented by the modules that delete data (retention's rules, consent's pending store, the website's
 * statistics): how long the data of a purpose is really kept, in words, as that module enforces it. The
 * published policy states these (S13, S30), so it can never promise a period that nothing enforces, and a
 * purpose no module states a period for shows as "not set" (and fails the policy tests).
 */
public interface RetentionStatements {

    /** This module's statements for purposes of the record, in one language; purposes it keeps nothing for are left out. */
    List<RetentionStatement> statements(ProcessingRecordDocument record, Locale locale);
}
