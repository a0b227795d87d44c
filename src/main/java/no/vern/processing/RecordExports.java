package no.vern.processing;

import java.util.List;
import java.util.Locale;

/**
 * Exports a version of the record for the Data Protection Authority and for spreadsheets: CSV (one row per
 * purpose) and a printable report as HTML or PDF (GDPR Art. 30(4): made available to the supervisory
 * authority on request).
 */
public interface RecordExports {

    /** The record as CSV (RFC 4180, UTF-8), one row per purpose, texts in the given language. */
    String csv(RecordVersion version, Locale locale);

    /** The printable report as HTML; {@code forPdf} inlines the stylesheet for the PDF renderer. */
    String html(RecordVersion version, List<RecordWarning> warnings, Locale locale, boolean forPdf);

    /** The printable report as PDF. */
    byte[] pdf(RecordVersion version, List<RecordWarning> warnings, Locale locale);
}
