package no.vern.processing;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

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
     * One section of the policy. Addresses are never written into the text: they are {@code links}, shown as
     * links on the page.
     *
     * @param id anchor, e.g. {@code rights}
     * @param heading the heading
     * @param paragraphs paragraphs in order
     * @param items a bullet list after the paragraphs (may be empty)
     * @param subsections nested sections (one per activity in "what we collect")
     * @param table a table after the items (the cookie declaration), or null
     * @param links links after everything else (may be empty)
     */
    public record Section(String id, String heading, List<String> paragraphs, List<String> items,
            List<Section> subsections, @Nullable Table table, List<Link> links) {

        public Section {
            paragraphs = List.copyOf(paragraphs);
            items = List.copyOf(items);
            subsections = List.copyOf(subsections);
            links = List.copyOf(links);
        }

        /** A section without table and links. */
        public Section(String id, String heading, List<String> paragraphs, List<String> items,
                List<Section> subsections) {
            this(id, heading, paragraphs, items, subsections, null, List.of());
        }
    }

    /**
     * A table of the policy.
     *
     * @param caption what the table shows
     * @param headers column headings
     * @param rows rows of cells, as many as headings
     */
    public record Table(String caption, List<String> headers, List<List<String>> rows) {

        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException("Every row has one cell per heading");
                }
            }
        }
    }

    /**
     * A link of the policy.
     *
     * @param label what the reader sees
     * @param href a path on this site, an absolute https address or a {@code mailto:} address
     */
    public record Link(String label, String href) {
    }
}
