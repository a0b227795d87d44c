package no.vern.processing;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import no.vern.shared.VernClock;

/**
 * The privacy policy generated from one version of the record (S30), in one language, with the
 * SHA-256 of its exact text so consent receipts can prove what a person was shown (S6).
 *
 * @param version the record version it was generated from
 * @param recordDate when that version was saved
 * @param locale the language
 * @param title the heading of the policy
 * @param sections the sections in reading order
 * @param text the whole policy as plain text
 * @param sha256 hex SHA-256 of {@code text} in UTF-8
 */
public record PolicyText(int version, Instant recordDate, Locale locale, String title, List<Section> sections,
        String text, String sha256) {

    /** Where the privacy center (rights requests) lives, per language. */
    public static final String RIGHTS_NB = "/personvern/rettigheter";
    /** The English address of the privacy center. */
    public static final String RIGHTS_EN = "/privacy/rights";

    public PolicyText {
        sections = List.copyOf(sections);
    }

    /** A date as people write it in the language ({@code en}, else Norwegian), in the company's time zone. */
    public static String date(Instant at, Locale locale) {
        DateTimeFormatter format = "en".equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
                : DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.forLanguageTag("nb"));
        return format.format(at.atZone(VernClock.ZONE));
    }

    /**
     * One section of the policy.
     *
     * @param id anchor, e.g. {@code rights}
     * @param heading the heading
     * @param paragraphs paragraphs in order
     * @param items a bullet list after the paragraphs (may be empty)
     * @param subsections nested sections (one per activity in "what we collect")
     */
    public record Section(String id, String heading, List<String> paragraphs, List<String> items,
            List<Section> subsections) {

        public Section {
            paragraphs = List.copyOf(paragraphs);
            items = List.copyOf(items);
            subsections = List.copyOf(subsections);
        }
    }
}
