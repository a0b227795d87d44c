package no.vern.breach;

import java.util.List;
import java.util.Locale;

/**
 * The documents made from a breach: the Datatilsynet notification draft with exactly the fields of the
 * authority's breach form (HTML, PDF, plain text to paste), and the one-page management report (S21) as
 * HTML and PDF.
 */
public interface BreachDocuments {

    /**
     * The fields of Datatilsynet's breach form, in its order (message keys {@code breach.draft.field.*}).
     * {@code delayReasons} is in a draft only when the notification is, or will be, after the 72-hour deadline.
     */
    List<String> DRAFT_FIELDS = List.of("controller", "mainCause", "period", "discovered", "delayReasons", "numberAffected",
            "whatHappened", "howItArose", "dataTypes", "relation", "dataLocation", "consequences", "measures",
            "subjectsInformed", "contact");

    /**
     * One labelled field of the draft.
     *
     * @param key the field's key (one of {@link #DRAFT_FIELDS})
     * @param label its label in the requested language
     * @param value its value
     */
    record Field(String key, String label, String value) {
    }

    /** The draft's fields, each with its label in the given language. */
    List<Field> draftFields(Breach b, Locale locale);

    /** The draft as HTML; {@code forPdf} inlines the stylesheet. */
    String draftHtml(Breach b, NotificationPhase phase, Locale locale, boolean forPdf);

    /** The draft as plain text to paste field by field into the authority's form. */
    String draftText(Breach b, NotificationPhase phase, Locale locale);

    /** The draft as PDF. */
    byte[] draftPdf(Breach b, NotificationPhase phase, Locale locale);

    /** The one-page management report as HTML. */
    String reportHtml(Breach b, Locale locale, boolean forPdf);

    /** The management report as PDF. */
    byte[] reportPdf(Breach b, Locale locale);
}
